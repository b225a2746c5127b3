//! Whose protocol made the packet, and its review status: the patient copy's footer names
//! the clinic's version and its review date on every page; the care-team sheet says whether
//! it is approved and current on the day printed, and warns when it is not.

use homeward_core::{default_protocol, plan};
use homeward_pdf::{ClinicProtocol, Paper, care_sheet_layout, layout};

mod common;
use common::{all_text, date, flat, options};

fn fusion() -> homeward_core::Plan {
    plan(
        &default_protocol().expect("protocol"),
        &common::complex_fusion(),
    )
    .expect("plan")
}

fn approved(number: i64, on: &str, due: &str) -> ClinicProtocol {
    ClinicProtocol {
        number,
        approved: Some(("EF".into(), date(on))),
        review_due: Some(date(due)),
    }
}

#[test]
fn every_footer_names_the_clinics_version_and_its_review_date() {
    let plan = fusion();
    let mut o = options("Maria Gonzalez", Paper::Letter, false);
    o.clinic_protocol = Some(approved(3, "2026-11-02", "2028-11-02"));
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
    o.clinic_protocol = Some(ClinicProtocol {
        number: 4,
        approved: None,
        review_due: None,
    });
    let text = all_text(&layout(&plan, &o).expect("layout"));
    assert!(text.contains("protocol 2026.12.1 v4 "), "{text}");
    assert!(!text.contains("review by"));
    // The built-in protocol: its version alone, as before.
    o.clinic_protocol = None;
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

    o.clinic_protocol = Some(approved(3, "2026-11-02", "2028-11-02"));
    let text = sheet(&o);
    assert!(
        text.contains("Protocol: the clinic's version 3 (2026.12.1), approved by EF on"),
        "{text}"
    );
    assert!(!text.contains("NOT APPROVED") && !text.contains("OVERDUE"));

    o.clinic_protocol = Some(ClinicProtocol {
        number: 4,
        approved: None,
        review_due: None,
    });
    assert!(sheet(&o).contains(
        "NOT APPROVED: the clinic's protocol version 4 (2026.12.1) has not been approved."
    ));

    // Printed on or after its review date: overdue.
    o.clinic_protocol = Some(approved(2, "2024-12-03", "2026-12-03"));
    let text = sheet(&o);
    assert!(
        text.contains(
            "REVIEW OVERDUE: the clinic's protocol version 2 (2026.12.1) was due for review"
        ),
        "{text}"
    );
    // The patient copy never carries the warning.
    let packet = all_text(&layout(&plan, &o).expect("layout"));
    assert!(!packet.contains("OVERDUE") && !packet.contains("NOT APPROVED"));
}
