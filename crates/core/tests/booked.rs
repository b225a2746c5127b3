//! Booked follow-up visits: a booked visit prints on its date, a phase that waits for it
//! moves with it (and so does full duty), and a booking that cannot be true is refused.

mod common;

use chrono::{Days, NaiveTime};
use common::{date, input, must_plan, protocol};
use homeward_core::{BookedVisit, JobDemand, PlanError, plan};

fn book(day: u32, on: &str, time: Option<&str>) -> BookedVisit {
    BookedVisit {
        day,
        date: date(on),
        time: time.map(|t| NaiveTime::parse_from_str(t, "%H:%M").expect("test times are valid")),
    }
}

#[test]
fn an_unbooked_plan_marks_every_visit_to_book() {
    let p = protocol();
    let plan = must_plan(
        &p,
        &input("lumbar-fusion", Some(2), Some(JobDemand::Medium)),
    );
    assert!(!plan.follow_ups.is_empty());
    assert!(
        plan.follow_ups
            .iter()
            .all(|f| !f.booked && f.time.is_none())
    );
}

#[test]
fn a_booked_gate_visit_moves_its_phase_and_full_duty_with_it() {
    let p = protocol();
    let mut i = input("lumbar-fusion", Some(2), Some(JobDemand::Medium));
    let before = must_plan(&p, &i);
    // The visit a step-up waits for, and the job whose full duty waits for that step-up.
    let gated = before
        .phases
        .iter()
        .position(|ph| {
            ph.gate.is_some()
                && ph.start_day == before.return_to_work.as_ref().unwrap().full_duty.day
        })
        .expect("medium work's full duty waits for a gated phase");
    let day = before.phases[gated].start_day;
    let moved = before.phases[gated].start_date + Days::new(6);
    i.booked = vec![book(day, &moved.to_string(), Some("09:15"))];
    let after = must_plan(&p, &i);

    let visit = after.follow_ups.iter().find(|f| f.day == day).unwrap();
    assert!(visit.booked);
    assert_eq!(visit.date, moved);
    assert_eq!(visit.time, NaiveTime::from_hms_opt(9, 15, 0));
    assert_eq!(after.phases[gated].start_date, moved);
    assert_eq!(after.phases[gated - 1].end_date, Some(moved - Days::new(1)));
    assert_eq!(after.return_to_work.as_ref().unwrap().full_duty.date, moved);
    // Nothing else moved.
    assert_eq!(after.phases[gated + 1..], before.phases[gated + 1..]);
    assert_eq!(after.driving, before.driving);
    assert_eq!(after.pt_start, before.pt_start);
}

#[test]
fn a_booked_visit_no_phase_waits_for_moves_only_itself() {
    let p = protocol();
    let mut i = input("lumbar-fusion", Some(1), None);
    let before = must_plan(&p, &i);
    let first = &before.follow_ups[0];
    assert!(
        before
            .phases
            .iter()
            .all(|ph| ph.gate.is_none() || ph.start_day != first.day)
    );
    i.booked = vec![book(first.day, "2026-12-18", None)];
    let after = must_plan(&p, &i);
    assert_eq!(after.follow_ups[0].date, date("2026-12-18"));
    assert!(after.follow_ups[0].booked);
    assert_eq!(after.follow_ups[0].time, None);
    assert_eq!(after.phases, before.phases);
    assert_eq!(after.follow_ups[1..], before.follow_ups[1..]);
}

#[test]
fn impossible_bookings_are_refused_naming_the_field() {
    let p = protocol();
    let base = input("lumbar-fusion", Some(2), None);
    let plan0 = must_plan(&p, &base);
    let gated = plan0
        .phases
        .iter()
        .position(|ph| ph.gate.is_some())
        .expect("a fusion has gated phases");
    let gate_day = plan0.phases[gated].start_day;
    let next_start = plan0.phases[gated + 1].start_date;
    let cases = [
        (
            vec![book(15, "2026-12-20", None)],
            "no follow-up visit planned for 2026-12-16 (day 15)",
        ),
        (
            vec![book(14, "2026-12-01", None)],
            "book it from 2026-12-02",
        ),
        (
            vec![book(gate_day, &next_start.to_string(), None)],
            "cannot be booked on",
        ),
        (
            vec![book(14, "2026-12-16", None), book(14, "2026-12-17", None)],
            "booked twice",
        ),
    ];
    for (booked, says) in cases {
        let i = homeward_core::PlanInput {
            booked,
            ..base.clone()
        };
        let e: PlanError = plan(&p, &i).expect_err("the booking is impossible");
        assert_eq!(e.field(), "booked", "{e}");
        assert!(e.to_string().contains(says), "{e} should say {says}");
    }
}
