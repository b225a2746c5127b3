//! The patient's packet and the care-team sheet: viewed, saved and printed, each or both;
//! written together or not at all; only the packet goes into history.

use super::*;

const PDF: &[u8] = b"%PDF-";
const SHEET_HEADING: &str = "Care-team sheet";

fn printed() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 3).expect("date")
}

fn read(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

#[test]
fn the_care_team_sheet_is_viewed_in_the_app_and_is_not_the_packet() {
    let tmp = Tmp::new("view-sheet");
    let app = tmp.ready_app();
    let sheet = app
        .care_sheet_pdf(&fusion_form(), printed())
        .expect("sheet");
    assert!(sheet.starts_with(PDF));
    let text = pdf_text(&sheet);
    assert!(text.contains(SHEET_HEADING), "{text}");
    // The basis of every number: each source the plan uses is named on the sheet.
    let plan = app.preview(&fusion_form()).plan.expect("plan");
    for s in &plan.sources {
        assert!(
            text.contains(&s.id),
            "the sheet lacks the source `{}`",
            s.id
        );
    }
    let packet = pdf_text(&app.packet_pdf(&fusion_form(), printed()).expect("packet"));
    assert!(
        !packet.contains(SHEET_HEADING),
        "the packet holds the sheet"
    );
    // A form that cannot be printed makes no sheet either.
    let e = app
        .care_sheet_pdf(
            &CaseForm {
                patient_name: String::new(),
                ..fusion_form()
            },
            printed(),
        )
        .expect_err("no patient name");
    assert_eq!(e.fields[0].field, "patient_name");
}

#[test]
fn saving_both_writes_the_sheet_beside_the_packet_and_history_keeps_only_the_packet() {
    let tmp = Tmp::new("save-both");
    let mut app = tmp.ready_app();
    app.set_setting("history", "on").expect("history on");
    let form = CaseForm {
        nurse: "ab".into(),
        ..fusion_form()
    };
    let out = tmp.0.join("maria.pdf");
    let written = app
        .save_documents(&form, printed(), Documents::BOTH, &out)
        .expect("save");
    let sheet = tmp.0.join("maria-care-team.pdf");
    assert_eq!(written, [out.clone(), sheet.clone()]);
    let (packet_bytes, sheet_bytes) = (read(&out), read(&sheet));
    assert!(packet_bytes.starts_with(PDF) && sheet_bytes.starts_with(PDF));
    let packet_text = pdf_text(&packet_bytes);
    assert!(packet_text.contains("Maria Gonzalez") && !packet_text.contains(SHEET_HEADING));
    assert!(pdf_text(&sheet_bytes).contains(SHEET_HEADING));
    // One packet in history, and re-printing it gives the packet, not the sheet.
    let rows = app.history().expect("history");
    assert_eq!(rows.len(), 1);
    assert_eq!(
        pdf_text(&app.reprint_pdf(rows[0].id).expect("reprint")),
        packet_text
    );

    // The sheet alone goes where the nurse says, and is not a packet for history.
    let alone = tmp.0.join("chart.pdf");
    let written = app
        .save_documents(&form, printed(), Documents::CARE_SHEET, &alone)
        .expect("save the sheet");
    assert_eq!(written, std::slice::from_ref(&alone));
    assert!(pdf_text(&read(&alone)).contains(SHEET_HEADING));
    assert!(!homeward_app::care_sheet_beside(&alone).exists());
    assert_eq!(app.history().expect("history").len(), 1);

    // Nothing chosen: nothing made.
    let none = tmp.0.join("none.pdf");
    let nothing = Documents {
        packet: false,
        care_sheet: false,
    };
    let e = app
        .save_documents(&form, printed(), nothing, &none)
        .expect_err("nothing chosen");
    assert!(e.message.contains("Care-team sheet"), "{}", e.message);
    assert!(app.save_dialog(&form, nothing).is_err());
    assert!(!none.exists());
    assert_eq!(app.history().expect("history").len(), 1);
}

#[test]
fn a_sheet_that_cannot_be_written_takes_the_packet_back_and_records_nothing() {
    let tmp = Tmp::new("save-both-fails");
    let mut app = tmp.ready_app();
    app.set_setting("history", "on").expect("history on");
    let form = CaseForm {
        nurse: "ab".into(),
        ..fusion_form()
    };
    let out = tmp.0.join("packet.pdf");
    // A folder where the sheet would go: the sheet cannot be written there.
    std::fs::create_dir(homeward_app::care_sheet_beside(&out)).expect("mkdir");
    let e = app
        .save_documents(&form, printed(), Documents::BOTH, &out)
        .expect_err("the sheet cannot be written");
    assert!(e.message.contains("packet-care-team.pdf"), "{}", e.message);
    assert!(!out.exists(), "the packet was left without its sheet");
    assert!(app.history().expect("history").is_empty());
    // The packet alone still saves there.
    app.save_documents(&form, printed(), Documents::PACKET, &out)
        .expect("the packet alone");
    assert!(read(&out).starts_with(PDF));
}

#[test]
fn printing_writes_each_document_chosen_for_the_viewer() {
    let tmp = Tmp::new("print-both");
    let mut app = tmp.ready_app();
    let dir = tmp.0.join("print");
    let paths = app
        .print_documents(&fusion_form(), printed(), Documents::BOTH, &dir)
        .expect("print");
    assert_eq!(paths.len(), 2);
    assert!(paths.iter().all(|p| p.starts_with(&dir)));
    assert!(!pdf_text(&read(&paths[0])).contains(SHEET_HEADING));
    assert!(pdf_text(&read(&paths[1])).contains(SHEET_HEADING));
    let sheet_only = app
        .print_documents(&fusion_form(), printed(), Documents::CARE_SHEET, &dir)
        .expect("print the sheet");
    assert_eq!(sheet_only.len(), 1);
    assert!(pdf_text(&read(&sheet_only[0])).contains(SHEET_HEADING));
}

#[test]
fn the_sheet_is_named_beside_the_packet() {
    let beside = |p: &str| homeward_app::care_sheet_beside(Path::new(p));
    assert_eq!(beside("/x/maria.pdf"), Path::new("/x/maria-care-team.pdf"));
    assert_eq!(beside("/x/Maria.PDF"), Path::new("/x/Maria-care-team.pdf"));
    assert_eq!(beside("/x/maria"), Path::new("/x/maria-care-team.pdf"));
    assert_eq!(beside("/x/é.pdf"), Path::new("/x/é-care-team.pdf"));
}

#[test]
fn the_preview_pages_are_the_pdfs_pages_and_wait_for_a_printable_form() {
    let tmp = Tmp::new("preview-pages");
    let app = tmp.ready_app();
    let pages = app.packet_pages(&fusion_form(), printed()).expect("pages");
    let pdf = app.packet_pdf(&fusion_form(), printed()).expect("pdf");
    // The text an SVG page shows: its tags taken away.
    let text = |svg: &str| {
        let mut out = String::new();
        let mut in_tag = false;
        for c in svg.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                _ if !in_tag => out.push(c),
                _ => {}
            }
        }
        out
    };
    // As many pages as the PDF, numbered the same, page 1 saying whom to call.
    let n = pages.len();
    let footer = format!("Page {n} of {n}");
    assert!(
        text(&pages[n - 1]).contains(&footer),
        "the last page is not {footer}"
    );
    assert!(
        pdf_text(&pdf).contains(&footer),
        "the PDF has another page count"
    );
    assert!(pages.iter().all(|p| p.starts_with("<svg ")));
    let first = text(&pages[0]);
    for want in ["Call 911 right away if:", "Call us now, day or night, if:"] {
        assert!(first.contains(want), "page 1 lacks `{want}`");
    }
    let sheet = app
        .care_sheet_pages(&fusion_form(), printed())
        .expect("sheet pages");
    assert!(!sheet.is_empty());
    // An unprintable form gives its field problems, not pages.
    let mut bad = fusion_form();
    bad.patient_name.clear();
    let e = app.packet_pages(&bad, printed()).expect_err("no name");
    assert!(e.fields.iter().any(|f| f.field == "patient_name"), "{e:?}");
}
