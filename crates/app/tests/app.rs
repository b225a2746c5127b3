//! The app's commands against a real SQLite file, without a window; and the TypeScript
//! bindings the UI is built against.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use expect_test::expect_file;
use homeward_app::{App, BookingForm, CaseForm, Documents};
use homeward_core::JobDemand;

// The areas with more than a test or two, each in its own file (not a test binary of its own).
#[path = "app/booked.rs"]
mod booked;
#[path = "app/clinic_protocol.rs"]
mod clinic_protocol;
#[path = "app/documents.rs"]
mod documents;
#[path = "app/export.rs"]
mod export;
#[path = "app/protocol_screen.rs"]
mod protocol_screen;
#[path = "app/reprint.rs"]
mod reprint;
#[path = "app/translation.rs"]
mod translation;

struct Tmp(PathBuf);

impl Tmp {
    fn new(name: &str) -> Tmp {
        let p = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("app-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).expect("mkdir");
        Tmp(p)
    }
    fn app(&self) -> App {
        App::open(&self.0.join("homeward.db")).expect("open")
    }
    /// An app whose clinic settings allow printing (the office phone is set).
    fn ready_app(&self) -> App {
        let mut app = self.app();
        app.set_setting("clinic-phone", "(555) 777-0199")
            .expect("set");
        app
    }
}

impl Drop for Tmp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The first end-to-end case, as a form.
fn fusion_form() -> CaseForm {
    CaseForm {
        procedure: "lumbar-fusion".into(),
        levels: Some(2),
        factors: vec!["nicotine".into(), "diabetes".into()],
        job: Some(JobDemand::Heavy),
        surgery_date: "2026-12-01".into(),
        discharge_date: "2026-12-03".into(),
        patient_name: "Maria Gonzalez".into(),
        ..CaseForm::default()
    }
}

#[test]
fn the_bindings_the_ui_uses_match_the_rust_types() {
    expect_file!["../../../ui/src/bindings.ts"].assert_eq(&homeward_app::typescript());
}

#[test]
fn the_catalog_offers_every_procedure_factor_and_job() {
    let tmp = Tmp::new("catalog");
    let c = tmp
        .app()
        .catalog(NaiveDate::from_ymd_opt(2026, 12, 1).expect("date"));
    assert_eq!(c.procedures.len(), 8);
    assert!(
        c.procedures
            .iter()
            .any(|p| p.id == "fibrin-disc-repair" && p.clinic_defined)
    );
    assert_eq!(c.jobs.len(), 5);
    assert!(
        c.jobs
            .iter()
            .any(|j| j.id == JobDemand::Medium && j.examples.contains("nurse aide"))
    );
    assert!(c.factors.iter().any(|f| f.id == "nicotine"));
}

#[test]
fn the_preview_shows_the_engines_dates() {
    let tmp = Tmp::new("preview");
    let p = tmp.ready_app().preview(&fusion_form());
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    assert!(p.printable);
    let plan = p.plan.expect("plan");
    assert_eq!(
        plan.return_to_work.expect("job").date,
        NaiveDate::from_ymd_opt(2027, 6, 1).expect("date")
    );
    assert_eq!(
        plan.pt_start.date,
        NaiveDate::from_ymd_opt(2027, 1, 12).expect("date")
    );
}

#[test]
fn field_problems_are_reported_next_to_their_field_and_block_printing() {
    let tmp = Tmp::new("errors");
    let app = tmp.ready_app();
    let cases = [
        (
            CaseForm {
                discharge_date: "2026-11-30".into(),
                ..fusion_form()
            },
            "discharge_date",
            "before the surgery date",
        ),
        (
            CaseForm {
                surgery_date: "2026-02-30".into(),
                ..fusion_form()
            },
            "surgery_date",
            "not a real date",
        ),
        (
            CaseForm {
                surgery_date: String::new(),
                ..fusion_form()
            },
            "surgery_date",
            "is required",
        ),
        (
            CaseForm {
                procedure: String::new(),
                ..fusion_form()
            },
            "procedure",
            "is required",
        ),
        (
            CaseForm {
                levels: Some(9),
                ..fusion_form()
            },
            "levels",
            "outside the range",
        ),
        (
            CaseForm {
                patient_name: " ".into(),
                ..fusion_form()
            },
            "patient_name",
            "is required to print",
        ),
        (
            CaseForm {
                date_of_birth: "1961-13-01".into(),
                ..fusion_form()
            },
            "date_of_birth",
            "not a real date",
        ),
    ];
    for (form, field, says) in cases {
        let p = app.preview(&form);
        assert!(!p.printable, "{field}: printable with an error");
        let e = p
            .errors
            .iter()
            .find(|e| e.field == field)
            .unwrap_or_else(|| panic!("no error for {field}: {:?}", p.errors));
        assert!(e.message.contains(says), "{field}: `{}`", e.message);
        assert!(
            app.packet_pdf(&form, NaiveDate::from_ymd_opt(2026, 12, 3).expect("date"))
                .is_err(),
            "{field}: a packet was made"
        );
    }
}

#[test]
fn the_packet_uses_the_clinic_settings() {
    let tmp = Tmp::new("packet");
    let mut app = tmp.app();
    let printed = NaiveDate::from_ymd_opt(2026, 12, 3).expect("date");
    // Without an office phone the preview says so, and no packet is made.
    let p = app.preview(&fusion_form());
    assert!(!p.printable && p.errors.iter().any(|e| e.field == "clinic_phone"));
    let missing = app
        .packet_pdf(&fusion_form(), printed)
        .expect_err("no office phone yet");
    assert_eq!(missing.fields[0].field, "clinic_phone");
    assert!(
        missing.message.contains("clinic phone"),
        "{}",
        missing.message
    );
    app.set_setting("clinic-phone", "(555) 777-0199")
        .expect("set");
    let bytes = app.packet_pdf(&fusion_form(), printed).expect("pdf");
    let mut w = Vec::new();
    let doc = printpdf::PdfDocument::parse(&bytes, &printpdf::PdfParseOptions::default(), &mut w)
        .expect("parse");
    let text = doc
        .extract_text()
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.contains("(555) 777-0199") && text.contains("Maria Gonzalez"));
}

#[test]
fn a_template_saves_the_case_and_loads_back_into_the_form() {
    let tmp = Tmp::new("templates");
    let mut app = tmp.app();
    app.save_template("Fusion smoker heavy", &fusion_form())
        .expect("save");
    assert_eq!(app.templates(Some("smoker".into())).expect("list").len(), 1);
    // A new patient: dates and name stay as the nurse typed them; the case comes back.
    let fresh = CaseForm {
        surgery_date: "2027-01-05".into(),
        patient_name: "Sam Lee".into(),
        ..CaseForm::default()
    };
    let loaded = app
        .load_template("fusion smoker heavy", &fresh)
        .expect("load");
    assert_eq!(
        (loaded.procedure.as_str(), loaded.levels, loaded.job),
        ("lumbar-fusion", Some(2), Some(JobDemand::Heavy))
    );
    assert_eq!(loaded.factors, ["diabetes", "nicotine"]);
    assert_eq!(
        (loaded.surgery_date.as_str(), loaded.patient_name.as_str()),
        ("2027-01-05", "Sam Lee")
    );
    // Reopening the file: still there.
    drop(app);
    assert_eq!(tmp.app().templates(None).expect("list").len(), 1);
    assert!(
        tmp.app()
            .save_template("FUSION smoker heavy", &fusion_form())
            .is_err(),
        "names are unique ignoring case"
    );
}

fn pdf_text(bytes: &[u8]) -> String {
    let mut w = Vec::new();
    let doc = printpdf::PdfDocument::parse(bytes, &printpdf::PdfParseOptions::default(), &mut w)
        .expect("parse");
    doc.extract_text()
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn saving_writes_the_packet_and_history_keeps_it_only_when_on() {
    let tmp = Tmp::new("save");
    let mut app = tmp.app();
    app.set_setting("clinic-phone", "(555) 777-0199")
        .expect("set");
    let printed = NaiveDate::from_ymd_opt(2026, 12, 3).expect("date");
    let out = tmp.0.join("packet.pdf");
    app.save_documents(&fusion_form(), printed, Documents::PACKET, &out)
        .expect("save");
    assert!(pdf_text(&std::fs::read(&out).expect("read")).contains("Maria Gonzalez"));
    assert!(app.history().expect("history").is_empty(), "history is off");

    // With history on, the nurse's initials are required before anything is written.
    app.set_setting("history", "on").expect("history on");
    let again = tmp.0.join("again.pdf");
    let e = app
        .save_documents(&fusion_form(), printed, Documents::BOTH, &again)
        .expect_err("no initials");
    assert_eq!(e.fields[0].field, "nurse");
    assert!(!again.exists(), "a file was written for a refused packet");
    assert!(!homeward_app::care_sheet_beside(&again).exists());
    let form = CaseForm {
        nurse: "ab".into(),
        ..fusion_form()
    };
    let printed_path = app
        .print_documents(&form, printed, Documents::PACKET, &tmp.0.join("print"))
        .expect("print")
        .remove(0);
    let rows = app.history().expect("history");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].nurse_initials, "AB");
    assert!(rows[0].procedure.starts_with("Open lumbar fusion"));
    assert_eq!(rows[0].patient_name, "Maria Gonzalez");
    // Re-printing from history gives the packet that was printed, byte for byte.
    let again = app.reprint_pdf(rows[0].id).expect("reprint");
    assert!(pdf_text(&again).contains("Maria Gonzalez"));
    assert!(
        again == std::fs::read(&printed_path).expect("read"),
        "the re-print differs from the printed packet"
    );
    app.delete_history(rows[0].id).expect("delete");
    assert!(app.history().expect("history").is_empty());
}

#[test]
fn a_date_of_birth_after_surgery_blocks_printing() {
    let tmp = Tmp::new("dob");
    let app = tmp.ready_app();
    assert!(app.preview(&fusion_form()).printable);
    let p = app.preview(&CaseForm {
        date_of_birth: "2027-01-01".into(),
        ..fusion_form()
    });
    assert!(!p.printable);
    assert_eq!(p.errors.len(), 1, "{:?}", p.errors);
    assert_eq!(p.errors[0].field, "date_of_birth");
}

#[test]
fn templates_are_managed_and_travel_through_an_export_file() {
    let tmp = Tmp::new("manage");
    let mut app = tmp.app();
    app.save_template("Fusion heavy", &fusion_form())
        .expect("save");
    app.duplicate_template("Fusion heavy", "Fusion copy")
        .expect("duplicate");
    app.rename_template("Fusion copy", "Fusion light")
        .expect("rename");
    let names = |app: &App| -> Vec<String> {
        app.templates(None)
            .expect("list")
            .into_iter()
            .map(|t| t.name)
            .collect()
    };
    assert_eq!(names(&app), ["Fusion heavy", "Fusion light"]);
    let file = tmp.0.join("templates.json");
    assert_eq!(app.export_templates(&file).expect("export"), 2);
    app.delete_template("Fusion light").expect("delete");
    assert_eq!(names(&app), ["Fusion heavy"]);
    let e = app
        .import_templates(&file, "fail", false)
        .expect_err("conflict");
    assert!(e.message.contains("Fusion heavy"), "{}", e.message);
    assert_eq!(
        names(&app),
        ["Fusion heavy"],
        "a failed import changed something"
    );
    let report = app.import_templates(&file, "skip", false).expect("import");
    assert_eq!(report.added, ["Fusion light"]);
    assert_eq!(report.skipped, ["Fusion heavy"]);
    assert_eq!(names(&app), ["Fusion heavy", "Fusion light"]);
    let e = app
        .import_templates(&file, "merge", false)
        .expect_err("bad on_conflict");
    assert!(
        e.message.contains("fail, skip, replace or rename"),
        "{}",
        e.message
    );
}

#[test]
fn surgeons_are_added_with_one_default_and_removed() {
    let tmp = Tmp::new("surgeons");
    let mut app = tmp.app();
    app.add_surgeon("Dr. Ada Patel", "", true).expect("add");
    let s = app
        .add_surgeon("Dr. Ben Ortiz", "555-201-3344", false)
        .expect("add");
    assert_eq!(s.surgeons.len(), 2);
    assert!(
        s.surgeons
            .iter()
            .any(|x| x.name == "Dr. Ada Patel" && x.is_default)
    );
    let s = app.remove_surgeon("dr. ada patel").expect("remove");
    assert_eq!(s.surgeons.len(), 1);
    assert!(app.remove_surgeon("Dr. Nobody").is_err());
}

/// The frontend's unit tests answer IPC calls with these: real engine output, kept in step
/// with the engine by this test (`UPDATE_EXPECT=1` rewrites them).
#[test]
fn the_ui_test_fixtures_are_real_engine_output() {
    let tmp = Tmp::new("fixtures");
    let mut app = tmp.app();
    app.set_setting("clinic-phone", "(555) 777-0199")
        .expect("set");
    fn json(v: &impl serde::Serialize) -> String {
        serde_json::to_string_pretty(v).expect("json") + "\n"
    }
    expect_file!["../../../ui/tests/fixtures/catalog.json"].assert_eq(&json(
        &app.catalog(NaiveDate::from_ymd_opt(2026, 12, 1).expect("date")),
    ));
    expect_file!["../../../ui/tests/fixtures/preview-fusion.json"]
        .assert_eq(&json(&app.preview(&fusion_form())));
    let bad = CaseForm {
        discharge_date: "2026-11-30".into(),
        ..fusion_form()
    };
    expect_file!["../../../ui/tests/fixtures/preview-discharge-before-surgery.json"]
        .assert_eq(&json(&app.preview(&bad)));
    expect_file!["../../../ui/tests/fixtures/settings.json"]
        .assert_eq(&json(&app.settings().expect("settings")));
}

#[test]
fn a_nurses_edits_show_in_the_preview_and_one_that_does_not_fit_is_reported_not_fatal() {
    let tmp = Tmp::new("edits");
    let app = tmp.ready_app();
    let plan = app.preview(&fusion_form()).plan.expect("plan");
    let normal = plan.normal[0].text.clone();
    let lifting = plan.phases[0]
        .restrictions
        .iter()
        .position(|l| l.activity == Some(homeward_core::Activity::Lifting))
        .expect("a lifting line");
    let change = |line, original: &str, text: &str| homeward_core::PlanEdit {
        target: homeward_core::EditTarget::Normal,
        line,
        original: Some(original.to_owned()),
        text: text.to_owned(),
        language: None,
    };
    let good = change(Some(0), &normal, "Some soreness near the cut is normal.");
    let added = homeward_core::PlanEdit {
        line: None,
        original: None,
        ..change(None, "", "Mild itching as it heals.")
    };
    let generated = homeward_core::PlanEdit {
        target: homeward_core::EditTarget::Restrictions { phase: 0 },
        ..change(
            Some(lifting),
            &plan.phases[0].restrictions[lifting].text,
            "Lift anything.",
        )
    };
    let p = app.preview(&CaseForm {
        edits: vec![good, generated, added],
        ..fusion_form()
    });
    // The plan is still shown, with the two edits that fit, marked as the nurse's.
    let shown = p.plan.expect("the plan survives a bad edit");
    assert_eq!(
        shown.normal[0].text,
        "Some soreness near the cut is normal."
    );
    assert!(shown.normal[0].edited && shown.normal[0].source == "nurse-edit");
    assert_eq!(
        shown.normal.last().map(|l| l.text.as_str()),
        Some("Mild itching as it heals.")
    );
    assert_eq!(
        shown.phases[0].restrictions[lifting].text,
        plan.phases[0].restrictions[lifting].text
    );
    // The one that does not fit is named, and printing is off until it is removed.
    assert!(!p.printable);
    assert_eq!(p.errors.len(), 1, "{:?}", p.errors);
    assert_eq!(p.errors[0].field, "edits");
    assert!(
        p.errors[0]
            .message
            .starts_with("change 2: the lifting line"),
        "{}",
        p.errors[0].message
    );
}

#[test]
fn the_preview_runs_the_packets_own_checks() {
    let tmp = Tmp::new("packet-checks");
    let app = tmp.ready_app();
    let cases = [
        ("patient_name", "x".repeat(121), String::new()),
        ("patient_name", "שרה כהן".to_owned(), String::new()),
        ("mrn", "Maria Gonzalez".to_owned(), "9".repeat(121)),
    ];
    for (field, name, mrn) in cases {
        let p = app.preview(&CaseForm {
            patient_name: name,
            mrn,
            ..fusion_form()
        });
        assert!(!p.printable, "{field}: printable");
        assert!(
            p.errors.iter().any(|e| e.field == field),
            "{field}: {:?}",
            p.errors
        );
    }
}

#[test]
fn packets_written_for_printing_are_cleared() {
    let tmp = Tmp::new("print-folder");
    let mut app = tmp.ready_app();
    let dir = tmp.0.join("print");
    let printed = NaiveDate::from_ymd_opt(2026, 12, 3).expect("date");
    let paths = app
        .print_documents(&fusion_form(), printed, Documents::BOTH, &dir)
        .expect("print");
    assert_eq!(paths.len(), 2, "{paths:?}");
    assert!(paths.iter().all(|p| p.exists()));
    std::fs::write(dir.join("keep-me.txt"), "not ours").expect("write");
    assert_eq!(homeward_app::clear_print_folder(&dir).expect("clear"), 2);
    assert!(paths.iter().all(|p| !p.exists()), "{paths:?}");
    assert!(
        dir.join("keep-me.txt").exists(),
        "removed a file it did not write"
    );
    assert_eq!(
        homeward_app::clear_print_folder(&tmp.0.join("none")).expect("missing folder"),
        0
    );
}

#[test]
fn the_save_dialog_suggests_a_name_without_the_patient_and_history_can_be_emptied() {
    let tmp = Tmp::new("name-and-history");
    let mut app = tmp.ready_app();
    let name = |which| {
        app.save_dialog(&fusion_form(), which)
            .expect("name")
            .file_name
    };
    assert_eq!(name(Documents::PACKET), "discharge-packet-2026-12-01.pdf");
    assert_eq!(name(Documents::BOTH), "discharge-packet-2026-12-01.pdf");
    assert_eq!(
        name(Documents::CARE_SHEET),
        "care-team-sheet-2026-12-01.pdf"
    );
    assert!(
        app.save_dialog(&fusion_form(), Documents::BOTH)
            .expect("dialog")
            .title
            .contains("-care-team.pdf"),
        "the dialog does not say where the sheet goes"
    );
    let e = app
        .save_dialog(
            &CaseForm {
                patient_name: String::new(),
                ..fusion_form()
            },
            Documents::BOTH,
        )
        .expect_err("no name to print");
    assert_eq!(e.fields[0].field, "patient_name");

    app.set_setting("history", "on").expect("history on");
    let form = CaseForm {
        nurse: "cd".into(),
        ..fusion_form()
    };
    let printed = NaiveDate::from_ymd_opt(2026, 12, 3).expect("date");
    for _ in 0..2 {
        app.print_documents(&form, printed, Documents::PACKET, &tmp.0.join("print"))
            .expect("print");
    }
    let id = app.history().expect("history")[0].id;
    let again = app.reprint_to(id, &tmp.0.join("again")).expect("reprint");
    assert!(pdf_text(&std::fs::read(&again).expect("read")).contains("Maria Gonzalez"));
    assert_eq!(app.delete_all_history().expect("delete all"), 2);
    assert!(app.history().expect("history").is_empty());
    // With history empty it can be turned off again.
    assert!(!app.set_setting("history", "off").expect("off").history);
}
