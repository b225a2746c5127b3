//! The Protocol screen in the real window, from the keyboard (only the procedure's option is
//! clicked): the clinical lead sets ACDF driving to day 7, sees the published-range warning,
//! gives the reason and saves; the nurse's next ACDF packet has day 7, names the clinic's
//! version, and the packet screen warns until it is approved.

use super::*;

#[test]
fn the_lead_sets_acdf_driving_to_day_7_and_the_next_packet_has_it() {
    let case = Case::new("protocol-screen");
    let w = case.launch();
    w.set_clinic_phone("(555) 777-0199");
    // The lead works from the keyboard alone: Enter on the screen's button, Tab to each
    // field, type; the range warning shows as the day is typed.
    let s = w.s();
    let focused = || {
        s.execute("return document.activeElement.id || ''", &[])
            .as_str()
            .unwrap_or_default()
            .to_owned()
    };
    let tab_to = |id: &str| {
        for _ in 0..80 {
            if focused() == id {
                return;
            }
            s.active().send_keys("\u{E004}");
        }
        panic!("Tab never reached #{id}");
    };
    s.execute(
        "document.querySelector(\"button[data-screen='protocol']\").focus()",
        &[],
    );
    s.active().send_keys("\u{E007}");
    // The first procedure is shown; the lead picks ACDF.
    s.find("#proto-procedure option[value='acdf']").click();
    s.wait("ACDF's numbers", || {
        s.try_find("#range-return_to_work-medium-day")
            .filter(|e| e.text().contains("days 28 to 42"))
            .map(drop)
    });
    assert_eq!(s.find("#num-driving-day").property("value"), json!("14"));
    assert!(
        w.text("#range-driving-day")
            .contains("day 14 or later (scott2015)")
    );
    tab_to("num-driving-day");
    s.active().send_keys("\u{E003}\u{E003}7");
    s.wait("the range warning", || {
        s.try_find("#warn-driving-day")
            .filter(|e| e.text().contains("Day 7 is outside the published range"))
            .map(drop)
    });
    s.execute(
        "document.querySelector('#warn-driving-day').scrollIntoView({ block: 'center' })",
        &[],
    );
    case.shot(&w, "range-warning");
    tab_to("why-driving-day");
    s.active()
        .send_keys("Our surgeons clear drivers at the 1-week visit.");
    tab_to("proto-by");
    s.active().send_keys("KL");
    tab_to("proto-why");
    s.active().send_keys("Drive at 1 week after ACDF");
    s.wait("Save version to be enabled", || {
        (!w.disabled("#proto-save")).then_some(())
    });
    w.wait_text(
        "#variations li",
        "acdf driving: day 7, published day 14 or later (scott2015); set by the clinic's protocol; reason: Our surgeons clear drivers at the 1-week visit.",
    );
    tab_to("proto-save");
    s.active().send_keys("\u{E007}");
    s.wait("the version to be saved", || {
        w.text(".status")
            .contains("Saved the clinic's protocol version 1")
            .then_some(())
    });
    case.shot(&w, "saved");

    // The nurse's next ACDF packet: day 7, the version named, the warning shown.
    let expected = App::open(&case.db())
        .expect("the database the window wrote")
        .preview(&CaseForm {
            procedure: "acdf".into(),
            levels: Some(1),
            surgery_date: "2026-12-01".into(),
            ..CaseForm::default()
        })
        .plan
        .expect("plan")
        .driving;
    assert_eq!(expected.day, 7, "the saved version is the one in use");
    w.screen("packet");
    w.fill("#patient_name", "Sam Lee");
    w.fill("#procedure-search", "ACDF");
    w.click("input[name='procedure'][value='acdf']");
    w.fill("#surgery_date", "2026-12-01");
    w.fill("#discharge_date", "2026-12-02");
    w.wait_text(
        "#driving .date",
        &expected.date.format("%a, %b %-d, %Y").to_string(),
    );
    assert!(
        w.text("#protocol-warning")
            .contains("version 1 has not been approved")
    );
    w.click("#view-packet");
    w.s().find(".pdf[data-state='ready'] .page svg");
    let first = w.s().execute(
        "return document.querySelector('.pdf .page svg').textContent",
        &[],
    );
    assert!(
        first.as_str().unwrap_or_default().contains("2026.12.1 v1"),
        "page 1's footer names the clinic's version"
    );
    case.shot(&w, "packet");
    w.quit();
}
