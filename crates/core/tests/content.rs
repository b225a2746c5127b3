//! Registry tests over the clinical content: the standard teaching every surgical plan needs,
//! each approach's own signs, three urgencies, lines that read right under their headings,
//! plain words, and sources that explain themselves.

mod common;

use std::collections::BTreeSet;

use common::{input, must_plan, patient_text, protocol};
use homeward_core::{CLINIC_DEFAULT, JobDemand, Kind, Plan, Region, Urgency};

/// Every plan of every procedure with every factor on, at each end of its levels.
fn all_plans() -> Vec<Plan> {
    let p = protocol();
    let all: BTreeSet<String> = p.factors.iter().map(|f| f.id.clone()).collect();
    let mut plans = Vec::new();
    for proc in &p.procedures {
        for levels in [proc.levels.min, proc.levels.max] {
            let mut none = input(&proc.id, Some(levels), Some(JobDemand::Heavy));
            plans.push(must_plan(&p, &none));
            none.factors.clone_from(&all);
            plans.push(must_plan(&p, &none));
        }
    }
    plans
}

fn section_ids(plan: &Plan) -> BTreeSet<&str> {
    plan.sections.iter().map(|s| s.id.as_str()).collect()
}

fn sign<'a>(plan: &'a Plan, id: &str) -> Option<&'a homeward_core::WarningSign> {
    plan.warning_signs.iter().find(|w| w.id == id)
}

#[test]
fn every_surgical_plan_has_the_standard_teaching() {
    let p = protocol();
    for proc in &p.procedures {
        let plan = must_plan(&p, &input(&proc.id, None, None));
        let ids = section_ids(&plan);
        let id = &proc.id;
        if proc.kind == Kind::Injection {
            assert!(
                ids.contains("injection-day"),
                "{id}: day-of-injection rules"
            );
            continue;
        }
        for needed in [
            "bowels",
            "opioids",
            "other-pain-medicine",
            "shower-and-incision",
            "blood-clots",
            "falls",
        ] {
            assert!(ids.contains(needed), "{id}: standard teaching `{needed}`");
        }
        if proc.kind == Kind::Fusion && proc.region == Region::Lumbar {
            assert!(ids.contains("brace"), "{id}: brace care");
        }
        if proc.id == "acdf" {
            assert!(ids.contains("collar"), "{id}: collar care");
        }
        // How long to sit before getting up is a number, somewhere the patient reads it.
        let text: Vec<String> = patient_text(&plan)
            .into_iter()
            .flat_map(|(_, lines)| lines)
            .collect();
        assert!(
            text.iter().any(|l| l.contains("minutes")
                && l.split_whitespace()
                    .any(|w| w.chars().all(|c| c.is_ascii_digit()))),
            "{id}: the sitting limit as a number of minutes"
        );
    }
}

#[test]
fn every_plan_has_three_urgencies_and_each_sign_its_card_words() {
    for plan in all_plans() {
        for u in [Urgency::Emergency, Urgency::Urgent, Urgency::CallOffice] {
            assert!(
                plan.warning_signs.iter().any(|w| w.urgency == u),
                "{}: no {u:?} sign",
                plan.procedure.id
            );
        }
        let order: Vec<Urgency> = plan.warning_signs.iter().map(|w| w.urgency).collect();
        let mut sorted = order.clone();
        sorted.sort();
        assert_eq!(order, sorted, "{}: most urgent first", plan.procedure.id);
    }
}

#[test]
fn each_approach_has_its_own_signs() {
    let p = protocol();
    let plan = |id: &str| must_plan(&p, &input(id, None, None));
    let is = |plan: &Plan, id: &str, u: Urgency| {
        let s = sign(plan, id).unwrap_or_else(|| panic!("{}: no sign `{id}`", plan.procedure.id));
        assert_eq!(s.urgency, u, "{}: sign `{id}`", plan.procedure.id);
    };
    // Each approach's own items, by the list (procedure, sign, how urgent).
    #[rustfmt::skip]
    let table = [
        ("microdiscectomy", "spinal-fluid-leak", Urgency::Urgent),
        ("microdiscectomy", "decompression-leg-pain-back", Urgency::CallOffice),
        ("laminectomy", "spinal-fluid-leak", Urgency::Urgent),
        ("laminectomy", "decompression-leg-pain-back", Urgency::CallOffice),
        ("lumbar-fusion", "spinal-fluid-leak", Urgency::Urgent),
        ("acdf", "neck-swelling", Urgency::Emergency),
        ("acdf", "acdf-cannot-swallow", Urgency::Emergency),
        ("acdf", "acdf-swallowing-worse", Urgency::Urgent),
        ("acdf", "acdf-arm-weakness", Urgency::Urgent),
        ("acdf", "acdf-hoarse-6-weeks", Urgency::CallOffice),
        ("alif", "alif-leg-cold", Urgency::Emergency),
        ("alif", "alif-belly-hard", Urgency::Urgent),
        ("alif", "alif-leg-swollen", Urgency::Urgent),
        ("alif", "alif-hernia", Urgency::CallOffice),
        ("alif", "alif-dry-orgasm", Urgency::CallOffice),
        ("lateral-fusion", "lateral-leg-worse", Urgency::Urgent),
        ("fibrin-disc-repair", "fibrin-allergy", Urgency::Emergency),
        ("fibrin-disc-repair", "fibrin-slow-worse-pain", Urgency::Urgent),
    ];
    for (procedure, id, u) in table {
        is(&plan(procedure), id, u);
    }
    let alif = plan("alif");
    assert!(
        alif.nurse_notes
            .iter()
            .any(|n| n.id == "alif-retrograde-ejaculation"),
        "ALIF: retrograde ejaculation is a nurse note too"
    );
    assert!(
        alif.warning_signs
            .iter()
            .any(|w| w.urgency == Urgency::Emergency && w.text.contains("cold")),
        "ALIF: a cold, pale leg is a 911 sign"
    );
    let lateral = plan("lateral-fusion");
    assert!(
        lateral.normal.iter().any(|l| l.text.contains("thigh")),
        "lateral: thigh numbness on the side of surgery is expected"
    );
    let saddle = sign(&lateral, "saddle-numbness").expect("saddle numbness is a 911 sign");
    assert!(
        !saddle.text.contains("thigh"),
        "saddle numbness must not fire for the expected thigh numbness after a lateral approach"
    );
    let fibrin = plan("fibrin-disc-repair");
    assert!(
        fibrin
            .warning_signs
            .iter()
            .any(|w| w.urgency == Urgency::Emergency && w.text.contains("hives")),
        "fibrin: an allergic reaction is a 911 sign"
    );
}

#[test]
fn the_nicotine_why_fits_the_kind_of_procedure() {
    let p = protocol();
    for proc in &p.procedures {
        let mut i = input(&proc.id, None, None);
        i.factors.insert("nicotine".to_owned());
        let plan = must_plan(&p, &i);
        let why = &plan.factors[0].why;
        assert_eq!(
            proc.kind == Kind::Fusion,
            why.contains("bone"),
            "{}: `{why}`",
            proc.id
        );
    }
}

/// Words and idioms a 6th-grade or second-language reader stumbles on, with what to say.
const NOT_PLAIN: [(&str, &str); 10] = [
    ("zings", "say what the patient feels"),
    ("go easy", "say what to do"),
    (
        "in one piece",
        "keep your shoulders and hips turning together",
    ),
    ("now and then", "at times"),
    ("dressing", "bandage"),
    ("keep loads close", "hold things close to your body"),
    ("slower days", "say what to expect"),
    ("risk ratio", "no statistics for patients"),
    ("95% ci", "no statistics for patients"),
    (
        "review with the clinical lead",
        "a note for the nurse, not the patient",
    ),
];

#[test]
fn patient_text_uses_plain_words() {
    for plan in all_plans() {
        for (section, lines) in patient_text(&plan) {
            for l in lines {
                let lower = l.to_lowercase();
                for (word, instead) in NOT_PLAIN {
                    assert!(
                        !lower.contains(word),
                        "{} ({section}): `{l}` says `{word}`; instead: {instead}",
                        plan.procedure.id
                    );
                }
            }
        }
    }
}

#[test]
fn every_clinic_default_says_why_and_every_source_has_a_known_kind() {
    let p = protocol();
    for s in p.sources.values() {
        assert!(
            homeward_core::SOURCE_KINDS.contains(&s.kind.as_str()),
            "{}",
            s.id
        );
        if s.kind == CLINIC_DEFAULT {
            let reason = s.reason.as_deref().unwrap_or_default();
            assert!(
                reason.split_whitespace().count() >= 8,
                "clinic-default `{}` needs its reason written out",
                s.id
            );
        }
    }
}

#[test]
fn fusion_step_ups_wait_for_the_visit_that_checks_healing() {
    let p = protocol();
    for proc in p.procedures.iter().filter(|p| p.kind == Kind::Fusion) {
        let visits: BTreeSet<u32> = proc.follow_up.iter().map(|f| f.day).collect();
        let mut prev: Option<u32> = None;
        for (i, ph) in proc.phase.iter().enumerate() {
            let limit = ph.lifting_limit_lb.unwrap_or(u32::MAX);
            if i > 0 && prev.is_some_and(|p| limit > p) {
                assert!(
                    ph.gate.is_some() && visits.contains(&ph.start_day),
                    "{}: phase {i} raises the lifting limit without waiting for a visit",
                    proc.id
                );
            }
            prev = Some(limit);
        }
    }
}

#[test]
fn no_work_date_contradicts_a_lifting_limit() {
    for plan in all_plans() {
        for w in &plan.return_to_work_by_job {
            assert!(w.day <= w.full_duty.day);
            if w.full_duty.day > w.day {
                assert!(w.light_duty, "{}: {:?}", plan.procedure.id, w.job);
            }
        }
    }
}
