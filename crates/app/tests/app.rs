//! The app's commands against a real SQLite file, without a window; and the TypeScript
//! bindings the UI is built against.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use expect_test::expect_file;
use homeward_app::{App, CaseForm};
use homeward_core::JobDemand;

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
    let c = tmp.app().catalog();
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
    let p = tmp.app().preview(&fusion_form());
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
    let app = tmp.app();
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
    let missing = app
        .packet_pdf(&fusion_form(), printed)
        .expect_err("no office phone yet");
    assert_eq!(missing[0].field, "clinic_phone");
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
