//! Whose protocol made the packet, and its review status: the patient copy's footer names
//! the clinic's version and its review date on every page; the care-team sheet says whether
//! it is approved and current on the day printed, and warns when it is not.

use homeward_core::{default_protocol, plan};
use homeward_pdf::{ClinicProtocol, Paper, ProtocolOrigin, care_sheet_layout, layout};

mod common;
use common::{all_text, date, flat, options};

fn fusion() -> homeward_core::Plan {
    plan(
        &default_protocol().expect("protocol"),
        &common::complex_fusion(),
    )
    .expect("plan")
}

fn approved(number: i64, on: &str, due: &str) -> ProtocolOrigin {
    ProtocolOrigin::Clinic(ClinicProtocol {
        number,
        approved: Some(("EF".into(), date(on))),
        review_due: Some(date(due)),
    })
}

fn unapproved(number: i64) -> ProtocolOrigin {
    ProtocolOrigin::Clinic(ClinicProtocol {
        number,
        approved: None,
        review_due: None,
    })
}

#[test]
fn every_footer_names_the_clinics_version_and_its_review_date() {
    let plan = fusion();
    let mut o = options("Maria Gonzalez", Paper::Letter, false);
    o.protocol = approved(3, "2026-11-02", "2028-11-02");
    let doc = layout(&plan, &o).expect("layout");
    for (n, page) in doc.pages.iter().enumerate() {
        assert!(
            flat(page).contains("protocol 2026.12.1 v3, review by Nov 2, 2028"),
            "page {} footer: {}",
            n + 1,
            flat(page)
        );
    }
    // Not yet approved: the version, and no review date to print.
    o.protocol = unapproved(4);
    let text = all_text(&layout(&plan, &o).expect("layout"));
    assert!(text.contains("protocol 2026.12.1 v4 "), "{text}");
    assert!(!text.contains("review by"));
    // The built-in protocol: its version alone, as before.
    o.protocol = ProtocolOrigin::BuiltIn;
    let text = all_text(&layout(&plan, &o).expect("layout"));
    assert!(text.contains("protocol 2026.12.1 "));
    assert!(!text.contains("2026.12.1 v"));
}

#[test]
fn the_care_sheet_says_whether_the_protocol_is_approved_and_current() {
    let plan = fusion();
    let mut o = options("Maria Gonzalez", Paper::Letter, false);
    let sheet =
        |o: &homeward_pdf::PacketOptions| all_text(&care_sheet_layout(&plan, o).expect("sheet"));
    assert!(sheet(&o).contains("Protocol: Homeward's built-in protocol 2026.12.1."));

    o.protocol = approved(3, "2026-11-02", "2028-11-02");
    let text = sheet(&o);
    assert!(
        text.contains("Protocol: the clinic's version 3 (2026.12.1), approved by EF on"),
        "{text}"
    );
    assert!(!text.contains("NOT APPROVED") && !text.contains("OVERDUE"));

    o.protocol = unapproved(4);
    assert!(sheet(&o).contains(
        "NOT APPROVED: the clinic's protocol version 4 (2026.12.1) has not been approved."
    ));

    // Printed on or after its review date: overdue.
    o.protocol = approved(2, "2024-12-03", "2026-12-03");
    let text = sheet(&o);
    assert!(
        text.contains(
            "REVIEW OVERDUE: the clinic's protocol version 2 (2026.12.1) was due for review"
        ),
        "{text}"
    );
    // The patient copy never carries the warning, nor a review date already past.
    let packet = all_text(&layout(&plan, &o).expect("layout"));
    assert!(!packet.contains("OVERDUE") && !packet.contains("NOT APPROVED"));
    assert!(packet.contains("2026.12.1 v2 ") && !packet.contains("review by"));

    // A folder given on the command line is said to be one the clinic has not saved.
    o.protocol = ProtocolOrigin::Folder("/tmp/our-protocol".into());
    let text = sheet(&o);
    assert!(
        text.contains("NOT A SAVED CLINIC PROTOCOL: made from the folder /tmp/our-protocol"),
        "{text}"
    );
    assert!(!text.contains("built-in"));
}

/// The longest footer (a long clinic name, a long version label, the clinic's version and
/// its review date, large print on A4) stays inside the margins: the layout drops the
/// clinic's name, then the review date, as needed.
#[test]
fn the_longest_footer_fits_the_page() {
    let mut plan = fusion();
    plan.protocol_version = "2026.12.1-riverside-regional-final".into();
    let mut o = options("Maria Gonzalez", Paper::A4, true);
    o.clinic_name = Some("Riverside Regional Spine and Orthopaedic Surgery Center".into());
    o.protocol = approved(123, "2026-11-02", "2028-11-02");
    let doc = layout(&plan, &o).expect("layout");
    for (n, page) in doc.pages.iter().enumerate() {
        for t in page.texts() {
            assert!(
                t.x >= 35.9 && t.x + t.width <= doc.width - 35.9,
                "page {}: `{}` runs from {:.1} to {:.1} on a {:.1} pt page",
                n + 1,
                t.text,
                t.x,
                t.x + t.width,
                doc.width
            );
        }
    }
}
