//! Property tests for the invariants in DESIGN.md, over every procedure and every
//! combination of factors, levels, jobs and dates.

mod common;

use std::collections::BTreeSet;

use chrono::{Days, NaiveDate};
use common::{must_plan, protocol};
use homeward_core::{JobDemand, Plan, PlanInput, Protocol, Region};
use proptest::prelude::*;

/// Lifting limit on `day`; `u32::MAX` when there is no set limit.
fn limit_on(plan: &Plan, day: u32) -> u32 {
    plan.phase_on(day)
        .and_then(|p| p.lifting_limit_lb)
        .unwrap_or(u32::MAX)
}

/// (activity, restriction text) pairs in force on `day`.
fn restrictions_on(plan: &Plan, day: u32) -> BTreeSet<String> {
    plan.phase_on(day)
        .map(|p| p.restrictions.iter().map(|r| r.text.clone()).collect())
        .unwrap_or_default()
}

/// The last day each restriction text is in force (`u32::MAX` when open-ended).
fn last_day_of_each_restriction(plan: &Plan) -> std::collections::BTreeMap<String, u32> {
    let mut last = std::collections::BTreeMap::new();
    for ph in &plan.phases {
        for r in &ph.restrictions {
            let e = ph.end_day.unwrap_or(u32::MAX);
            let entry = last.entry(r.text.clone()).or_insert(e);
            *entry = (*entry).max(e);
        }
    }
    last
}

/// `more` is at least as cautious as `less`: no milestone earlier, no restriction shorter or
/// lighter, no warning sign, section or visit gone.
fn assert_no_less_cautious(less: &Plan, more: &Plan) -> Result<(), TestCaseError> {
    prop_assert!(
        more.pt_start.day >= less.pt_start.day,
        "PT start moved earlier"
    );
    prop_assert!(
        more.driving.day >= less.driving.day,
        "driving moved earlier"
    );
    for (a, b) in less
        .return_to_work_by_job
        .iter()
        .zip(&more.return_to_work_by_job)
    {
        prop_assert_eq!(a.job, b.job);
        prop_assert!(
            b.full_duty.day >= a.full_duty.day,
            "full duty ({:?}) moved from day {} to {}",
            a.job,
            a.full_duty.day,
            b.full_duty.day
        );
        prop_assert!(
            b.day >= a.day,
            "return to work ({:?}) moved from day {} to {}",
            a.job,
            a.day,
            b.day
        );
    }
    let horizon = less.phases.iter().map(|p| p.start_day).max().unwrap_or(0) + 400;
    for day in 0..horizon {
        prop_assert!(
            limit_on(more, day) <= limit_on(less, day),
            "lifting limit on day {} got lighter",
            day
        );
    }
    let before = last_day_of_each_restriction(less);
    let after = last_day_of_each_restriction(more);
    for (text, end) in &before {
        let now = after.get(text).copied();
        prop_assert!(
            now.is_some_and(|n| n >= *end),
            "restriction `{}` ends sooner or is gone",
            text
        );
    }
    // A factor that holds the limits keeps the patient in an earlier phase for longer: on
    // any day the more cautious plan is never in a later phase, and in the same phase it
    // keeps every restriction.
    // A day with no phase counts as past the end, so it can never pass for "earlier".
    let index_on = |p: &Plan, day: u32| {
        p.phases
            .iter()
            .position(|ph| day >= ph.start_day && ph.end_day.is_none_or(|e| day <= e))
            .unwrap_or(usize::MAX)
    };
    for day in 0..horizon {
        let (a, b) = (index_on(less, day), index_on(more, day));
        prop_assert!(b <= a, "day {}: phase {} is later than {}", day, b, a);
        if a == b {
            prop_assert!(
                restrictions_on(less, day).is_subset(&restrictions_on(more, day)),
                "a restriction in force on day {} was dropped",
                day
            );
        }
    }
    let ids = |p: &Plan| {
        p.warning_signs
            .iter()
            .map(|w| w.id.clone())
            .collect::<BTreeSet<_>>()
    };
    prop_assert!(
        ids(less).is_subset(&ids(more)),
        "a warning sign was removed"
    );
    let sections = |p: &Plan| {
        p.sections
            .iter()
            .map(|s| s.id.clone())
            .collect::<BTreeSet<_>>()
    };
    prop_assert!(
        sections(less).is_subset(&sections(more)),
        "a section was removed"
    );
    let visits = |p: &Plan| p.follow_ups.iter().map(|f| f.day).collect::<BTreeSet<_>>();
    prop_assert!(
        visits(less).is_subset(&visits(more)),
        "a follow-up visit was removed"
    );
    Ok(())
}

fn case(p: &Protocol) -> impl Strategy<Value = PlanInput> {
    let procs: Vec<(String, u8, u8)> = p
        .procedures
        .iter()
        .map(|pr| (pr.id.clone(), pr.levels.min, pr.levels.max))
        .collect();
    let factor_ids: Vec<String> = p.factors.iter().map(|f| f.id.clone()).collect();
    (
        prop::sample::select(procs),
        any::<u8>(),
        prop::sample::subsequence(factor_ids.clone(), 0..=factor_ids.len()),
        prop::option::of(prop::sample::select(JobDemand::ALL.to_vec())),
        0u32..30_000,
        0u32..20,
    )
        .prop_map(|((id, min, max), lv, factors, job, offset, stay)| {
            let surgery =
                NaiveDate::from_ymd_opt(2000, 1, 1).expect("valid") + Days::new(u64::from(offset));
            PlanInput {
                procedure: id,
                levels: Some(min + lv % (max - min + 1)),
                factors: factors.into_iter().collect(),
                job,
                surgery_date: surgery,
                discharge_date: Some(surgery + Days::new(u64::from(stay))),
                language: None,
                booked: Vec::new(),
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn adding_a_risk_factor_never_makes_a_plan_less_cautious(i in case(&protocol()), extra in any::<prop::sample::Index>()) {
        let p = protocol();
        let missing: Vec<String> = p.factors.iter().map(|f| f.id.clone()).filter(|f| !i.factors.contains(f)).collect();
        prop_assume!(!missing.is_empty());
        let mut more = i.clone();
        more.factors.insert(extra.get(&missing).clone());
        assert_no_less_cautious(&must_plan(&p, &i), &must_plan(&p, &more))?;
    }

    #[test]
    fn adding_a_level_never_makes_a_plan_less_cautious(i in case(&protocol())) {
        let p = protocol();
        let max = p.procedure(&i.procedure).expect("known").levels.max;
        let levels = i.levels.expect("set by the strategy");
        prop_assume!(levels < max);
        let more = PlanInput { levels: Some(levels + 1), ..i.clone() };
        assert_no_less_cautious(&must_plan(&p, &i), &must_plan(&p, &more))?;
    }

    #[test]
    fn phases_start_at_day_0_and_are_contiguous_with_true_dates(i in case(&protocol())) {
        let p = protocol();
        let plan = must_plan(&p, &i);
        let date = |d: u32| i.surgery_date + Days::new(u64::from(d));
        prop_assert_eq!(plan.phases[0].start_day, 0);
        for w in plan.phases.windows(2) {
            prop_assert_eq!(w[0].end_day, Some(w[1].start_day - 1));
        }
        for ph in &plan.phases {
            prop_assert_eq!(ph.start_date, date(ph.start_day));
            prop_assert_eq!(ph.end_date, ph.end_day.map(date));
        }
        prop_assert_eq!(plan.pt_start.date, date(plan.pt_start.day));
        prop_assert_eq!(plan.driving.date, date(plan.driving.day));
        for w in &plan.return_to_work_by_job {
            prop_assert_eq!(w.date, date(w.day));
        }
        for f in &plan.follow_ups {
            prop_assert_eq!(f.date, date(f.day));
        }
    }

    #[test]
    fn the_emergency_signs_are_in_every_plan(i in case(&protocol())) {
        let p = protocol();
        let plan = must_plan(&p, &i);
        let emergencies: BTreeSet<&str> = plan.warning_signs.iter().filter(|w| w.urgency == homeward_core::Urgency::Emergency).map(|w| w.id.as_str()).collect();
        prop_assert!(emergencies.contains("bladder-bowel"));
        prop_assert!(emergencies.contains("chest-pain-breathless"));
        prop_assert!(emergencies.contains("saddle-numbness"));
        if plan.procedure.kind != homeward_core::Kind::Injection {
            prop_assert!(emergencies.contains("too-much-opioid"));
        }
        if plan.procedure.region == Region::Cervical {
            prop_assert!(emergencies.contains("neck-swelling"));
        }
        // Emergencies come first, so the 911 box is built from the top of the list.
        let first_office = plan.warning_signs.iter().position(|w| w.urgency != homeward_core::Urgency::Emergency).unwrap_or(plan.warning_signs.len());
        prop_assert!(plan.warning_signs[first_office..].iter().all(|w| w.urgency != homeward_core::Urgency::Emergency));
    }

    #[test]
    fn full_duty_is_the_first_day_every_limit_allows_the_job(i in case(&protocol())) {
        let p = protocol();
        let plan = must_plan(&p, &i);
        for w in &plan.return_to_work_by_job {
            // What the job lifts; very heavy work (over 100 lb) needs every limit gone.
            let needs = p.job(w.job).and_then(|j| j.lifts_up_to_lb).unwrap_or(u32::MAX);
            prop_assert!(w.day <= w.full_duty.day, "{:?}: back on day {} after full duty on {}", w.job, w.day, w.full_duty.day);
            prop_assert!(limit_on(&plan, w.full_duty.day) >= needs, "{:?}: full duty on day {} under a {} lb limit", w.job, w.full_duty.day, limit_on(&plan, w.full_duty.day));
            for day in w.day..w.full_duty.day {
                prop_assert!(limit_on(&plan, day) < needs, "{:?}: the limit allows the job on day {}, before full duty on {}", w.job, day, w.full_duty.day);
            }
            prop_assert_eq!(w.light_duty, limit_on(&plan, w.day) < needs);
            // Full duty waits for a visit only when the step-up that first allows the job
            // is itself gated: the day before that step, the limit did not allow the job.
            let step = plan.phases.iter().find(|ph| ph.lifting_limit_lb.unwrap_or(u32::MAX) >= needs).expect("the last phase ends every limit");
            prop_assert_eq!(&w.full_duty.gate, &step.gate);
            if w.full_duty.gate.is_some() {
                prop_assert!(step.start_day > 0 && limit_on(&plan, step.start_day - 1) < needs);
            }
            prop_assert_eq!(w.full_duty.date, i.surgery_date + Days::new(u64::from(w.full_duty.day)));
        }
    }

    #[test]
    fn normal_never_contradicts_a_sign_and_no_avoid_line_reads_backwards(i in case(&protocol())) {
        let p = protocol();
        let plan = must_plan(&p, &i);
        let signs: BTreeSet<&str> = plan.warning_signs.iter().map(|w| w.id.as_str()).collect();
        for l in &plan.normal {
            prop_assert!(!l.bounded_by.is_empty(), "normal line `{}` names no sign", l.text);
            for id in &l.bounded_by {
                prop_assert!(signs.contains(id.as_str()), "normal line `{}` names sign `{}`, which this plan lacks", l.text, id);
            }
        }
        for ph in &plan.phases {
            for r in &ph.restrictions {
                prop_assert!(homeward_core::is_prohibition(&r.text), "avoid line reads backwards: `{}`", r.text);
            }
            for a in ph.allowed.iter().chain(&ph.goals) {
                prop_assert!(!homeward_core::is_prohibition(&a.text), "a `can` line reads as a prohibition: `{}`", a.text);
            }
        }
    }

    #[test]
    fn the_same_inputs_give_the_same_plan(i in case(&protocol())) {
        let p = protocol();
        prop_assert_eq!(must_plan(&p, &i), must_plan(&p, &i));
    }
}
