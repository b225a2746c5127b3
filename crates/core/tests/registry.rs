//! Registry-wide tests over the bundled protocol: it loads, every procedure is complete,
//! every number and sign has a source that resolves, ids are unique, and a broken file is
//! reported with its file, procedure and field.

mod common;

use std::collections::BTreeSet;

use common::{input, invalid, load_with, must_plan, protocol};
use homeward_core::{JobDemand, Protocol, ProtocolError, Urgency, default_protocol_files};

/// The stable procedure ids that templates and scripts rely on.
const STABLE_IDS: [&str; 8] = [
    "microdiscectomy",
    "laminectomy",
    "acdf",
    "lumbar-fusion",
    "mis-lumbar-fusion",
    "alif",
    "lateral-fusion",
    "fibrin-disc-repair",
];

#[test]
fn every_stable_procedure_id_exists_and_no_other() {
    let p = protocol();
    let ids: BTreeSet<&str> = p.procedures.iter().map(|p| p.id.as_str()).collect();
    let expected: BTreeSet<&str> = STABLE_IDS.into_iter().collect();
    assert_eq!(ids, expected);
}

#[test]
fn every_plan_cites_only_sources_that_resolve_and_lists_them_all() {
    let p = protocol();
    let all: Vec<String> = p.factors.iter().map(|f| f.id.clone()).collect();
    for proc in &p.procedures {
        for levels in proc.levels.min..=proc.levels.max {
            for job in JobDemand::ALL {
                let mut i = input(&proc.id, Some(levels), Some(job));
                i.factors = all.iter().cloned().collect();
                let plan = must_plan(&p, &i);
                let listed: BTreeSet<&str> = plan.sources.iter().map(|s| s.id.as_str()).collect();
                for id in plan.cited_source_ids() {
                    assert!(
                        p.sources.contains_key(id),
                        "{}: cites unknown source `{id}`",
                        proc.id
                    );
                    assert!(
                        listed.contains(id),
                        "{}: cites `{id}` but does not list it",
                        proc.id
                    );
                }
                for s in &plan.sources {
                    assert!(
                        !s.citation.trim().is_empty(),
                        "source {} has no citation",
                        s.id
                    );
                }
            }
        }
    }
}

#[test]
fn every_procedure_has_every_section_of_a_packet() {
    let p = protocol();
    for proc in &p.procedures {
        let plan = must_plan(&p, &input(&proc.id, None, Some(JobDemand::Medium)));
        let id = &proc.id;
        assert!(plan.phases.len() >= 2, "{id}: needs at least two phases");
        assert!(
            plan.phases.iter().all(|ph| !ph.goals.is_empty()),
            "{id}: every phase needs a goal"
        );
        assert!(!plan.pt_focus.is_empty(), "{id}: physical therapy focus");
        assert!(!plan.follow_ups.is_empty(), "{id}: follow-up visits");
        assert!(!plan.normal.is_empty(), "{id}: what is normal");
        assert!(
            plan.warning_signs
                .iter()
                .any(|w| w.urgency == Urgency::Emergency),
            "{id}: a 911 sign"
        );
        assert!(
            plan.warning_signs
                .iter()
                .any(|w| w.urgency == Urgency::CallOffice),
            "{id}: a call-the-office sign"
        );
        assert_eq!(
            plan.return_to_work_by_job.len(),
            5,
            "{id}: a return-to-work day for each job level"
        );
        assert!(!plan.procedure.summary.is_empty(), "{id}: summary");
    }
}

#[test]
fn every_number_a_patient_reads_has_a_source() {
    let p = protocol();
    for proc in &p.procedures {
        let plan = must_plan(&p, &input(&proc.id, None, None));
        for ph in &plan.phases {
            for l in ph.restrictions.iter().chain(&ph.allowed).chain(&ph.goals) {
                assert!(
                    !l.source.is_empty(),
                    "{}: `{}` has no source",
                    proc.id,
                    l.text
                );
            }
        }
        for w in &plan.warning_signs {
            assert!(
                p.sources.contains_key(&w.source),
                "{}: sign `{}`",
                proc.id,
                w.id
            );
        }
        for f in &plan.follow_ups {
            assert!(
                p.sources.contains_key(&f.source),
                "{}: follow-up day {}",
                proc.id,
                f.day
            );
        }
    }
}

#[test]
fn ids_are_unique_across_the_protocol() {
    let p = protocol();
    let mut factor_ids = BTreeSet::new();
    for f in &p.factors {
        assert!(factor_ids.insert(&f.id), "factor id `{}` twice", f.id);
    }
    let mut sign_ids = BTreeSet::new();
    // Within a plan's sources of signs (shared, procedure, factors) every id is unique, and a
    // sign that two procedures share (one built on the other) is the same sign in both.
    let shared = p
        .warning_signs
        .iter()
        .chain(p.factors.iter().flat_map(|f| &f.warning_sign));
    for s in shared {
        assert!(
            sign_ids.insert(s.id.clone()),
            "warning sign id `{}` twice",
            s.id
        );
    }
    let mut by_id: std::collections::BTreeMap<&str, (&str, String)> = Default::default();
    for pr in &p.procedures {
        let mut own = BTreeSet::new();
        for s in &pr.warning_sign {
            assert!(own.insert(&s.id), "{}: sign `{}` twice", pr.id, s.id);
            assert!(
                !sign_ids.contains(&s.id),
                "{}: sign `{}` is also shared",
                pr.id,
                s.id
            );
            let key = (s.text.get("en"), format!("{:?}", s.urgency));
            if let Some(first) = by_id.insert(s.id.as_str(), key.clone()) {
                assert_eq!(first, key, "sign `{}` differs between procedures", s.id);
            }
        }
    }
}

#[test]
fn the_clinic_defined_procedure_says_so_to_the_nurse() {
    let p = protocol();
    let plan = must_plan(&p, &input("fibrin-disc-repair", None, None));
    assert_eq!(
        plan.procedure.evidence,
        homeward_core::Evidence::ClinicDefined
    );
    assert!(plan.nurse_notes.iter().any(|n| n.id == "clinic-defined"));
    let fusion = must_plan(&p, &input("lumbar-fusion", None, None));
    assert!(fusion.nurse_notes.iter().all(|n| n.id != "clinic-defined"));
}

// --- The loader's errors name the file, the procedure and the field. ---

const FUSION: &str = "procedures/lumbar-fusion.toml";

#[test]
fn an_unknown_source_names_file_procedure_and_field() {
    let (file, procedure, field, message) = invalid(load_with(FUSION, |t| {
        t.replacen(
            "lifting_source = \"default-lifting\"",
            "lifting_source = \"no-such-study\"",
            1,
        )
    }));
    assert_eq!(file, FUSION);
    assert_eq!(procedure.as_deref(), Some("lumbar-fusion"));
    assert_eq!(field, "phase[0].lifting_source");
    assert!(message.contains("no-such-study"), "{message}");
}

#[test]
fn a_phase_that_skips_a_required_activity_is_refused() {
    let (_, _, field, message) = invalid(load_with(FUSION, |t| {
        t.replacen("activity = \"sex\"", "activity = \"stairs\"", 1)
    }));
    assert_eq!(field, "phase[0]");
    assert!(message.contains("`sex`"), "{message}");
}

#[test]
fn a_gap_or_overlap_between_phases_is_refused() {
    let (_, _, field, _) = invalid(load_with(FUSION, |t| {
        t.replacen("start_day = 0", "start_day = 1", 1)
    }));
    assert_eq!(field, "phase[0].start_day");
    let (_, _, field, _) = invalid(load_with(FUSION, |t| {
        t.replacen("start_day = 42", "start_day = 10", 1)
    }));
    assert_eq!(field, "phase[2].start_day");
}

#[test]
fn a_timing_that_shrinks_is_refused() {
    let (_, _, field, _) = invalid(load_with(FUSION, |t| {
        t.replacen(
            "heavy = { day = 91, late_day = 182",
            "heavy = { day = 91, late_day = 30",
            1,
        )
    }));
    assert_eq!(field, "return_to_work.heavy.late_day");
    let (_, _, field, message) = invalid(load_with(FUSION, |t| {
        t.replacen("very_heavy = { day = 91", "very_heavy = { day = 60", 1)
    }));
    assert_eq!(field, "return_to_work.very_heavy");
    assert!(message.contains("heavy"), "{message}");
}

#[test]
fn a_lifting_limit_that_drops_is_refused() {
    let (_, _, field, _) = invalid(load_with(FUSION, |t| {
        t.replacen("lifting_limit_lb = 50", "lifting_limit_lb = 5", 1)
    }));
    assert_eq!(field, "phase[3].lifting_limit_lb");
}

#[test]
fn a_misspelt_key_is_a_parse_error_naming_the_file() {
    match load_with(FUSION, |t| {
        t.replacen("lifting_limit_lb = 10", "lifting_limt_lb = 10", 1)
    }) {
        Err(ProtocolError::Parse { file, message }) => {
            assert_eq!(file, FUSION);
            assert!(message.contains("lifting_limt_lb"), "{message}");
        }
        other => panic!(
            "expected a parse error, got {other:?}",
            other = other.map(|_| ())
        ),
    }
}

#[test]
fn a_procedure_id_must_match_its_file_name() {
    let (_, procedure, field, _) = invalid(load_with(FUSION, |t| {
        t.replacen("id = \"lumbar-fusion\"", "id = \"fusion-open\"", 1)
    }));
    assert_eq!(procedure.as_deref(), Some("fusion-open"));
    assert_eq!(field, "id");
}

#[test]
fn a_duplicate_warning_sign_id_is_refused() {
    let r = load_with("protocol.toml", |t| {
        t.replacen(
            "id = \"coughing-blood\"",
            "id = \"chest-pain-breathless\"",
            1,
        )
    });
    let (file, _, field, message) = invalid(r);
    assert_eq!(file, "protocol.toml");
    assert_eq!(field, "warning_sign.id");
    assert!(message.contains("chest-pain-breathless"), "{message}");
}

#[test]
fn a_missing_file_is_named() {
    let files: Vec<_> = default_protocol_files()
        .iter()
        .filter(|(p, _)| *p != "sources.toml")
        .copied()
        .collect();
    assert_eq!(
        Protocol::from_files(files).err(),
        Some(ProtocolError::MissingFile {
            file: "sources.toml".into()
        })
    );
}

#[test]
fn every_warning_sign_has_a_short_form_for_the_wallet_card() {
    let p = protocol();
    let signs = p
        .warning_signs
        .iter()
        .chain(p.procedures.iter().flat_map(|pr| &pr.warning_sign))
        .chain(p.factors.iter().flat_map(|f| &f.warning_sign));
    for s in signs {
        let short = s
            .short
            .as_ref()
            .unwrap_or_else(|| panic!("sign `{}` has no short form", s.id));
        assert!(
            short.get("en").split_whitespace().count() <= 9,
            "sign `{}`: the short form is too long for the card",
            s.id
        );
    }
}
