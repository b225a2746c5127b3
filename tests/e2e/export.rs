//! Out of the app, in the real window: the chart note shown, the record for the chart and
//! the patient's calendar saved through the native dialogs; then the OR list screen: choose
//! a file, see its bad row named, choose the folder, print the rest.

use super::*;

#[test]
fn the_chart_note_record_and_calendar_leave_the_window_and_an_or_list_prints_its_good_rows() {
    let case = Case::new("x-export-batch");
    let w = case.launch();
    w.set_clinic_phone("(555) 777-0199");
    w.fill_fusion_case();
    w.s().find("#return-to-work");
    w.click("#after-teaching summary");
    w.click("#teach-back option[value='complete']");
    w.fill("#interpreter", "Ana Ruiz");
    w.s().wait("the chart note button to turn on", || {
        (!w.disabled("#chart-note")).then_some(())
    });
    w.click("#chart-note");
    let note = w.s().wait("the chart note", || {
        w.s()
            .try_find("#chart-note-text")
            .map(|e| e.property("value").as_str().unwrap_or_default().to_owned())
            .filter(|v| !v.is_empty())
    });
    assert!(note.contains("Patient: Maria Gonzalez"), "{note}");
    assert!(note.contains("Interpreter: Ana Ruiz."), "{note}");
    assert!(note.contains("Teach-back: complete;"), "{note}");
    case.shot(&w, "chart-note");

    let record = case.dir.join("record.json");
    w.click("#export-fhir");
    answer_dialog("Export for the chart", &record, Dialog::Save);
    wait_file(&record);
    let bundle: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&record).expect("read")).expect("JSON");
    assert_eq!(bundle["resourceType"], "Bundle");
    assert_eq!(bundle["entry"].as_array().map(Vec::len), Some(4));

    let calendar = case.dir.join("dates.ics");
    w.click("#save-calendar");
    answer_dialog("calendar", &calendar, Dialog::Save);
    wait_file(&calendar);
    let ics = std::fs::read_to_string(&calendar).expect("read");
    assert!(ics.starts_with("BEGIN:VCALENDAR"));
    assert!(
        !ics.contains("Maria"),
        "the name is in the calendar unasked"
    );

    // The OR list: three patients, one with a bad date.
    let list = case.dir.join("tomorrow.csv");
    std::fs::write(
        &list,
        "name,surgery_date,procedure\nAna Uno,2026-12-07,acdf\nBo Dos,12/07/2026,acdf\nCy Tres,2026-12-07,microdiscectomy\n",
    )
    .expect("write");
    let out = case.dir.join("packets");
    std::fs::create_dir_all(&out).expect("mkdir");
    w.screen("batch");
    w.click("#batch-choose");
    answer_dialog("OR list", &list, Dialog::Open);
    w.s().wait("the list to be checked", || {
        if let Some(e) = w.s().try_find("#batch-error") {
            panic!("the list was refused: {}", e.text());
        }
        w.s().try_find("#batch-checked").map(drop)
    });
    w.wait_text(
        "#batch-checked",
        "3 patients in the list: 2 ready to print, 1 with problems (not printed).",
    );
    let problem = w.text("#batch-problems tr[data-row='3']");
    assert!(problem.contains("surgery_date"), "{problem}");
    assert!(problem.contains("is not a date"), "{problem}");
    case.shot(&w, "or-list-checked");
    w.click("#batch-folder");
    answer_dialog("folder", &out, Dialog::Open);
    w.wait_text("#batch-folder-path", &out.display().to_string());
    w.click("#batch-run");
    w.s().find("#batch-summary");
    w.wait_text(
        "#batch-summary p",
        &format!("Printed 2 of 3 packets into {}.", out.display()),
    );
    case.shot(&w, "or-list-printed");
    for (file, name) in [
        ("discharge-packet-row-002.pdf", "Ana Uno"),
        ("discharge-packet-row-004.pdf", "Cy Tres"),
    ] {
        assert!(
            pdf_text(&out.join(file)).contains(name),
            "{file} is not {name}'s"
        );
    }
    assert!(!out.join("discharge-packet-row-003.pdf").exists());
    w.quit();
}
