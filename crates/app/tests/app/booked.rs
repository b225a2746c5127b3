//! Booked follow-up visits on the form: into the plan and the packet, refused next to their
//! visit without losing the plan, never in a template, and re-printed from history.

use super::*;

/// The fusion case with its first visit booked as typed, and that visit as planned.
fn booked_form(app: &App, date: &str, time: &str) -> (CaseForm, homeward_core::FollowUp) {
    let visit = app.preview(&fusion_form()).plan.expect("plan").follow_ups[0].clone();
    let form = CaseForm {
        booked: vec![BookingForm {
            day: visit.day,
            date: date.into(),
            time: time.into(),
        }],
        ..fusion_form()
    };
    (form, visit)
}

#[test]
fn a_booked_visit_is_in_the_plan_with_its_date_and_time() {
    let tmp = Tmp::new("booked");
    let app = tmp.ready_app();
    let (_, visit) = booked_form(&app, "", "");
    assert!(!visit.booked);
    let on = visit.date + chrono::Days::new(1);
    for (typed, want) in [
        ("14:30", (14, 30)),
        ("2:30 PM", (14, 30)),
        ("09:05", (9, 5)),
    ] {
        let (form, _) = booked_form(&app, &on.to_string(), typed);
        let p = app.preview(&form);
        assert!(p.printable, "{typed}: {:?}", p.errors);
        let plan = p.plan.expect("plan");
        let f = &plan.follow_ups[0];
        assert!(f.booked && f.date == on && f.day == visit.day, "{f:?}");
        assert_eq!(f.time, chrono::NaiveTime::from_hms_opt(want.0, want.1, 0));
        assert!(!plan.follow_ups[1].booked);
    }
    // A blank booking is no booking; a date without a time is booked, time unknown.
    let (blank, _) = booked_form(&app, " ", "");
    assert!(!app.preview(&blank).plan.expect("plan").follow_ups[0].booked);
    let (no_time, _) = booked_form(&app, &on.to_string(), "");
    let f = app.preview(&no_time).plan.expect("plan").follow_ups[0].clone();
    assert!(f.booked && f.time.is_none());
}

#[test]
fn a_bad_booking_is_shown_next_to_its_visit_and_the_plan_stays() {
    let tmp = Tmp::new("booked-bad");
    let app = tmp.ready_app();
    let (_, visit) = booked_form(&app, "", "");
    let field = format!("booked_{}", visit.day);
    let cases = [
        // Before discharge (2026-12-03): the engine refuses it.
        ("2026-12-02", "", "cannot be booked on 2026-12-02"),
        ("2026-12-32", "", "not a real date"),
        ("", "10:00", "has a time but no date"),
        ("2026-12-20", "25:00", "not a time of day"),
    ];
    for (date, time, says) in cases {
        let (form, _) = booked_form(&app, date, time);
        let p = app.preview(&form);
        assert!(!p.printable, "{date} {time}: printable");
        assert_eq!(p.errors.len(), 1, "{:?}", p.errors);
        assert_eq!(p.errors[0].field, field);
        assert!(
            p.errors[0].message.contains(says),
            "{}",
            p.errors[0].message
        );
        // The plan is still shown, with the visit as planned, so the nurse can fix it.
        let plan = p.plan.expect("the plan survives a bad booking");
        assert_eq!(plan.follow_ups[0].date, visit.date);
        assert!(!plan.follow_ups[0].booked);
        assert!(
            app.packet_pdf(&form, NaiveDate::from_ymd_opt(2026, 12, 3).expect("date"))
                .is_err(),
            "{date} {time}: a packet was made"
        );
    }
}

#[test]
fn bookings_are_per_patient_never_in_a_template() {
    let tmp = Tmp::new("booked-template");
    let mut app = tmp.ready_app();
    let (form, _) = booked_form(&app, "2026-12-20", "10:30");
    let booked = form.booked.clone();
    app.save_template("Fusion", &form).expect("save");
    let export = tmp.0.join("templates.json");
    app.export_templates(&export).expect("export");
    let stored = std::fs::read_to_string(&export).expect("read");
    assert!(stored.contains("lumbar-fusion"), "{stored}");
    assert!(
        !stored.contains("2026-12-20") && !stored.contains("10:30"),
        "the template holds the booking: {stored}"
    );
    // Loading it for a new patient brings no booking; the current patient's stays while
    // the procedure does, and goes when it changes (other procedures have other visits).
    let fresh = CaseForm {
        surgery_date: "2026-12-01".into(),
        ..CaseForm::default()
    };
    assert!(
        app.load_template("Fusion", &fresh)
            .expect("load")
            .booked
            .is_empty()
    );
    let same = app.load_template("Fusion", &form).expect("load");
    assert_eq!(same.booked, booked);
    let other = CaseForm {
        procedure: "acdf".into(),
        ..form
    };
    assert!(
        app.load_template("Fusion", &other)
            .expect("load")
            .booked
            .is_empty()
    );
}

#[test]
fn history_reprints_the_packet_with_its_booking() {
    let tmp = Tmp::new("booked-history");
    let mut app = tmp.ready_app();
    app.set_setting("history", "on").expect("history on");
    let (form, visit) = booked_form(&app, "2026-12-20", "10:30");
    let form = CaseForm {
        nurse: "ab".into(),
        ..form
    };
    let printed = NaiveDate::from_ymd_opt(2026, 12, 3).expect("date");
    let out = tmp.0.join("packet.pdf");
    app.save_documents(&form, printed, Documents::PACKET, &out)
        .expect("save");
    let saved = pdf_text(&std::fs::read(&out).expect("read"));
    let unbooked = pdf_text(
        &app.packet_pdf(
            &CaseForm {
                booked: Vec::new(),
                ..form.clone()
            },
            printed,
        )
        .expect("packet"),
    );
    assert_ne!(saved, unbooked, "the booking did not reach the packet");
    let id = app.history().expect("history")[0].id;
    assert_eq!(pdf_text(&app.reprint_pdf(id).expect("reprint")), saved);
    // History keeps the booking itself (the engine's input), not only its effect.
    let entry = homeward_store::Store::open(&tmp.0.join("homeward.db"))
        .expect("store")
        .history_entry(id)
        .expect("entry");
    assert_eq!(
        entry.record.plan.booked,
        [homeward_core::BookedVisit {
            day: visit.day,
            date: NaiveDate::from_ymd_opt(2026, 12, 20).expect("date"),
            time: chrono::NaiveTime::from_hms_opt(10, 30, 0),
        }]
    );
}
