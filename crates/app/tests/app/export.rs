//! Out of the app, as the window asks for it: the chart note to copy, the FHIR Bundle, the
//! calendar file, and an OR list printed with its bad rows named (the CLI tests validate the
//! Bundle and read the calendar with independent tools; these test the app's side).

use super::*;
use homeward_app::{BatchOptions, TeachingForm};

fn printed() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 3).expect("date")
}

fn teaching(result: &str, interpreter: &str) -> TeachingForm {
    TeachingForm {
        teach_back: result.into(),
        interpreter: interpreter.into(),
    }
}

#[test]
fn the_chart_note_bundle_and_calendar_come_from_the_form_as_it_stands() {
    let tmp = Tmp::new("export");
    let app = tmp.ready_app();
    let form = CaseForm {
        mrn: "MRN-77".into(),
        ..fusion_form()
    };
    let note = app
        .chart_note(&form, &teaching("complete", " Ana Ruiz "), printed())
        .expect("note");
    assert!(
        note.contains("Patient: Maria Gonzalez\nMRN: MRN-77\n"),
        "{note}"
    );
    assert!(note.contains("Interpreter: Ana Ruiz.\n"));
    assert!(note.contains("Teach-back: complete;"));

    let bundle: serde_json::Value = serde_json::from_str(
        &app.fhir_bundle(&form, &teaching("", ""), printed())
            .expect("bundle"),
    )
    .expect("JSON");
    let kinds: Vec<&str> = bundle["entry"]
        .as_array()
        .expect("entries")
        .iter()
        .filter_map(|e| e["resource"]["resourceType"].as_str())
        .collect();
    assert_eq!(
        kinds,
        ["Patient", "CarePlan", "DocumentReference", "Communication"]
    );
    assert!(bundle.to_string().contains("Teach-back: not recorded."));

    let plain = app.calendar(&form, false, printed()).expect("calendar");
    assert!(plain.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(!plain.contains("Maria") && !plain.contains("MRN-77"));
    let named = app.calendar(&form, true, printed()).expect("calendar");
    assert!(named.contains("X-WR-CALNAME:Recovery dates: Maria Gonzalez\r\n"));

    // The teaching fields are checked and named; a form that cannot print exports nothing.
    let e = app
        .chart_note(&form, &teaching("maybe", ""), printed())
        .expect_err("bad result");
    assert_eq!(e.fields[0].field, "teach_back");
    assert!(
        e.fields[0]
            .message
            .contains("allowed: complete, partial, not-done")
    );
    let e = app
        .fhir_bundle(&form, &teaching("", &"x".repeat(81)), printed())
        .expect_err("long interpreter");
    assert_eq!(e.fields[0].field, "interpreter");
    let nameless = CaseForm {
        patient_name: String::new(),
        ..form
    };
    let e = app
        .calendar(&nameless, false, printed())
        .expect_err("no name");
    assert_eq!(e.fields[0].field, "patient_name");
}

#[test]
fn a_batch_reports_progress_names_bad_rows_and_a_blocked_file_fails_only_its_row() {
    let tmp = Tmp::new("batch");
    let mut app = tmp.ready_app();
    app.save_template(
        "desk-acdf",
        &CaseForm {
            procedure: "acdf".into(),
            job: Some(JobDemand::Sedentary),
            language: "es".into(),
            ..CaseForm::default()
        },
    )
    .expect("template");
    let csv = "name,surgery_date,procedure,template\n\
               Ana,2026-12-07,acdf,\n\
               Bo,2026-12-07,,desk-acdf\n\
               Cy,2026-12-07,acdf,desk-acdf\n\
               Di,2026-12-07,microdiscectomy,\n";
    // Checking writes nothing and finds the one bad row.
    let out = tmp.0.join("out");
    let check = app
        .check_batch(csv.as_bytes(), "", printed())
        .expect("checks");
    assert_eq!(check.rows, 4);
    assert_eq!(check.errors.len(), 1);
    assert_eq!(check.errors[0].row, 4);
    assert_eq!(check.errors[0].column.as_deref(), Some("procedure"));
    assert!(!out.exists());
    // Row 5's file cannot be written: a folder stands where it goes.
    std::fs::create_dir_all(out.join("discharge-packet-row-005.pdf")).expect("mkdir");
    let mut seen = Vec::new();
    let report = app
        .run_batch(
            csv.as_bytes(),
            &BatchOptions {
                out_dir: out.display().to_string(),
                care_sheets: false,
                nurse: String::new(),
            },
            printed(),
            &mut |done, total| seen.push((done, total)),
        )
        .expect("runs");
    assert_eq!(
        seen,
        [(0, 3), (1, 3), (2, 3), (3, 3)],
        "progress after each packet"
    );
    let rows: Vec<usize> = report.written.iter().map(|f| f.row).collect();
    assert_eq!(rows, [2, 3]);
    let failed: Vec<(usize, Option<&str>)> = report
        .errors
        .iter()
        .map(|e| (e.row, e.column.as_deref()))
        .collect();
    assert_eq!(failed, [(4, Some("procedure")), (5, None)]);
    // Bo's packet follows the template: Spanish.
    let bo = std::fs::read(&report.written[1].packet).expect("read");
    assert!(pdf_text(&bo).contains("Fechas clave"));
    // Nothing half-written beside the files.
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "discharge-packet-row-002.pdf",
            "discharge-packet-row-003.pdf",
            "discharge-packet-row-005.pdf"
        ]
    );
}
