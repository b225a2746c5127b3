//! The loader's rules for the protocol format of 2026.12: procedures built on a base, phase
//! patches, lines that must read right under their headings, "normal" lines bound to signs,
//! gated step-ups and sources that explain themselves. Each error names the file, the
//! procedure and the field. The cases add a file or a few lines to the bundled protocol, so
//! they hold whatever the clinical wording says.

mod common;

use common::{date, invalid, must_plan, protocol};
use homeward_core::{JobDemand, PlanInput, Protocol, ProtocolError, default_protocol_files};

/// The bundled files, with `extra` files added and `append` text added to named files.
fn load(extra: &[(&str, &str)], append: &[(&str, &str)]) -> Result<Protocol, ProtocolError> {
    let mut files: Vec<(String, String)> = default_protocol_files()
        .iter()
        .map(|(path, text)| {
            let mut text = (*text).to_owned();
            for (file, more) in append {
                if file == path {
                    text.push('\n');
                    text.push_str(more);
                }
            }
            ((*path).to_owned(), text)
        })
        .collect();
    files.extend(
        extra
            .iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned())),
    );
    Protocol::from_files(files.iter().map(|(a, b)| (a.as_str(), b.as_str())))
}

/// The bundled files with the first `from` in `file` replaced by `to`.
fn replaced(file: &str, from: &str, to: &str) -> Result<Protocol, ProtocolError> {
    let files: Vec<(String, String)> = default_protocol_files()
        .iter()
        .map(|(path, text)| {
            let text = if *path == file {
                text.replacen(from, to, 1)
            } else {
                (*text).to_owned()
            };
            ((*path).to_owned(), text)
        })
        .collect();
    Protocol::from_files(files.iter().map(|(a, b)| (a.as_str(), b.as_str())))
}

/// A procedure file `procedures/custom.toml` built on open lumbar fusion, plus `body`.
fn custom(body: &str) -> String {
    format!("id = \"custom\"\nbase = \"lumbar-fusion\"\norder = 99\n{body}")
}

const CUSTOM: &str = "procedures/custom.toml";

#[test]
fn a_derived_procedure_takes_its_base_and_changes_only_what_it_names() {
    let patch = custom(
        "[[phase_patch]]\nphase = 0\n[[phase_patch.avoid]]\nactivity = \"bending\"\ntext = \"Do not bend to pick things up.\"\nsource = \"default-lifting\"\n",
    );
    let p = load(&[(CUSTOM, &patch)], &[]).expect("loads");
    let input = |id: &str| PlanInput {
        procedure: id.to_owned(),
        levels: None,
        factors: Default::default(),
        job: Some(JobDemand::Medium),
        surgery_date: date("2026-12-01"),
        discharge_date: None,
        language: None,
        booked: Vec::new(),
    };
    let base = must_plan(&p, &input("lumbar-fusion"));
    let derived = must_plan(&p, &input("custom"));
    let texts = |ph: &homeward_core::PlanPhase| {
        ph.restrictions
            .iter()
            .map(|l| l.text.clone())
            .collect::<Vec<_>>()
    };
    assert!(texts(&derived.phases[0]).contains(&"Do not bend to pick things up.".to_owned()));
    assert!(!texts(&base.phases[0]).contains(&"Do not bend to pick things up.".to_owned()));
    // The patched line replaced the base's bending line; every other line is the base's.
    assert_eq!(
        derived.phases[0].restrictions.len(),
        base.phases[0].restrictions.len()
    );
    assert_eq!(derived.phases[1..], base.phases[1..]);
    assert_eq!(derived.warning_signs, base.warning_signs);
    assert_eq!(
        p.procedure("custom").and_then(|c| c.base.as_deref()),
        Some("lumbar-fusion")
    );
}

#[test]
fn the_bundled_derived_procedures_share_their_base_lines() {
    // A line changed once in the base reaches every procedure built on it.
    let p = protocol();
    for proc in p.procedures.iter().filter(|p| p.base.is_some()) {
        let base = p
            .procedure(proc.base.as_deref().expect("filtered"))
            .expect("base exists");
        assert!(
            proc.phase.len() == base.phase.len(),
            "{}: keeps its base's phases",
            proc.id
        );
        let shared = proc
            .phase
            .iter()
            .zip(&base.phase)
            .flat_map(|(a, b)| a.avoid.iter().zip(&b.avoid))
            .filter(|(a, b)| a.text == b.text)
            .count();
        assert!(shared > 0, "{}: shares no line with its base", proc.id);
    }
}

#[test]
fn an_unknown_base_or_a_loop_is_refused() {
    let (file, procedure, field, message) = invalid(load(
        &[(CUSTOM, "id = \"custom\"\nbase = \"no-such\"\norder = 99\n")],
        &[],
    ));
    assert_eq!(
        (file.as_str(), procedure.as_deref(), field.as_str()),
        (CUSTOM, Some("custom"), "base")
    );
    assert!(
        message.contains("no-such") && message.contains("lumbar-fusion"),
        "{message}"
    );
    let (_, _, field, message) = invalid(load(
        &[
            ("procedures/a.toml", "id = \"a\"\nbase = \"b\"\n"),
            ("procedures/b.toml", "id = \"b\"\nbase = \"a\"\n"),
        ],
        &[],
    ));
    assert_eq!(field, "base");
    assert!(message.contains("loop"), "{message}");
}

#[test]
fn a_patch_must_name_a_phase_and_known_keys() {
    let (_, _, field, message) = invalid(load(
        &[(CUSTOM, &custom("[[phase_patch]]\nphase = 42\n"))],
        &[],
    ));
    assert_eq!(field, "phase_patch[0].phase");
    assert!(message.contains("0 to"), "{message}");
    let (_, _, field, _) = invalid(load(
        &[(
            CUSTOM,
            &custom("[[phase_patch]]\nphase = 1\nlifting_limit = 3\n"),
        )],
        &[],
    ));
    assert_eq!(field, "phase_patch[0].lifting_limit");
}

#[test]
fn a_line_that_reads_backwards_under_its_heading_is_refused() {
    let avoid = custom(
        "[[phase_patch]]\nphase = 0\n[[phase_patch.avoid]]\nactivity = \"bending\"\ntext = \"Bend with care.\"\nsource = \"default-lifting\"\n",
    );
    let (file, _, field, message) = invalid(load(&[(CUSTOM, &avoid)], &[]));
    assert_eq!(file, CUSTOM);
    assert!(
        field.starts_with("phase[0].avoid[") && field.ends_with("].text"),
        "{field}"
    );
    assert!(message.contains("What to avoid"), "{message}");
    let can = custom(
        "[[phase_patch]]\nphase = 0\n[[phase_patch.can]]\nactivity = \"stairs\"\ntext = \"Do not use stairs alone.\"\nsource = \"default-lifting\"\n",
    );
    let (_, _, field, _) = invalid(load(&[(CUSTOM, &can)], &[]));
    assert!(field.starts_with("phase[0].can["), "{field}");
}

#[test]
fn a_normal_line_must_name_signs_the_plan_has() {
    let line = custom(
        "[[normal]]\ntext = \"Some itching.\"\nsource = \"default-lifting\"\nbounded_by = [\"no-such-sign\"]\n",
    );
    let (file, procedure, field, message) = invalid(load(&[(CUSTOM, &line)], &[]));
    assert_eq!(
        (file.as_str(), procedure.as_deref()),
        (CUSTOM, Some("custom"))
    );
    assert!(
        field.starts_with("normal[") && field.ends_with("].bounded_by"),
        "{field}"
    );
    assert!(message.contains("no-such-sign"), "{message}");
    let unbounded = custom(
        "[[normal]]\ntext = \"Some itching.\"\nsource = \"default-lifting\"\nbounded_by = []\n",
    );
    let (_, _, field, _) = invalid(load(&[(CUSTOM, &unbounded)], &[]));
    assert!(field.ends_with("].bounded_by"), "{field}");
}

#[test]
fn a_gated_step_up_must_start_on_a_visit() {
    let no_visits = custom("follow_up = []\n");
    let (file, _, field, message) = invalid(load(&[(CUSTOM, &no_visits)], &[]));
    assert_eq!(file, CUSTOM);
    assert!(
        field.starts_with("phase[") && field.ends_with("].gate"),
        "{field}"
    );
    assert!(message.contains("follow-up"), "{message}");
}

#[test]
fn a_clinic_default_without_its_reason_or_an_unknown_kind_is_refused() {
    let no_reason = "[[source]]\nid = \"bare-default\"\nkind = \"clinic-default\"\ncitation = \"A number we like.\"\n";
    let (file, _, field, message) = invalid(load(&[], &[("sources.toml", no_reason)]));
    assert_eq!(file, "sources.toml");
    assert!(
        field.starts_with("source[") && field.ends_with("].reason"),
        "{field}"
    );
    assert!(message.contains("bare-default"), "{message}");
    let odd_kind = "[[source]]\nid = \"blog\"\nkind = \"blog\"\ncitation = \"Somebody's blog.\"\n";
    let (_, _, field, message) = invalid(load(&[], &[("sources.toml", odd_kind)]));
    assert!(field.ends_with("].kind"), "{field}");
    assert!(message.contains("clinic-default"), "{message}");
}

#[test]
fn a_factor_that_names_a_missing_section_or_no_why_is_refused() {
    let bad = "[[factor]]\nid = \"custom-factor\"\nlabel = \"Custom\"\nsource = \"default-lifting\"\nsections = [\"no-such-section\"]\n[[factor.why]]\ntext = \"Because.\"\nsource = \"default-lifting\"\n";
    let (file, _, field, message) = invalid(load(&[], &[("factors.toml", bad)]));
    assert_eq!(file, "factors.toml");
    assert!(field.ends_with(".sections[0]"), "{field}");
    assert!(message.contains("no-such-section"), "{message}");
}

#[test]
fn a_mistake_in_a_base_is_reported_in_the_base_even_before_a_file_built_on_it() {
    // A derived file listed first (lower order) must not take the blame for its base.
    let early = "id = \"a-fusion\"\nbase = \"lumbar-fusion\"\norder = 1\n";
    let files: Vec<(String, String)> = default_protocol_files()
        .iter()
        .map(|(path, text)| {
            let text = if *path == "procedures/lumbar-fusion.toml" {
                text.replacen("late_source = \"", "late_source = \"missing-", 1)
            } else {
                (*text).to_owned()
            };
            ((*path).to_owned(), text)
        })
        .chain([("procedures/a-fusion.toml".to_owned(), early.to_owned())])
        .collect();
    let (file, procedure, field, _) = invalid(Protocol::from_files(
        files.iter().map(|(a, b)| (a.as_str(), b.as_str())),
    ));
    assert_eq!(file, "procedures/lumbar-fusion.toml");
    assert_eq!(procedure.as_deref(), Some("lumbar-fusion"));
    assert!(field.ends_with(".late_source"), "{field}");
}

#[test]
fn a_derived_file_cannot_rewrite_a_base_sign_under_the_same_id() {
    // It would be silently ignored (the plan keeps the first sign with an id).
    let sign = custom(
        "[[warning_sign]]\nid = \"spinal-fluid-leak\"\nurgency = \"call_office\"\ntext = \"A headache.\"\nshort = \"Headache\"\nsource = \"default-lifting\"\n",
    );
    let (_, _, field, message) = invalid(load(&[(CUSTOM, &sign)], &[]));
    assert_eq!(field, "warning_sign.id");
    assert!(message.contains("spinal-fluid-leak"), "{message}");
}

#[test]
fn a_patch_gives_one_line_per_activity() {
    let twice = custom(
        "[[phase_patch]]\nphase = 0\n[[phase_patch.avoid]]\nactivity = \"bending\"\ntext = \"Do not bend.\"\nsource = \"default-lifting\"\n[[phase_patch.avoid]]\nactivity = \"bending\"\ntext = \"Do not twist.\"\nsource = \"default-lifting\"\n",
    );
    let (_, _, field, _) = invalid(load(&[(CUSTOM, &twice)], &[]));
    assert_eq!(field, "phase_patch[0].avoid[1].activity");
    let both =
        custom("[[phase]]\nname = \"All of it\"\nstart_day = 0\n[[phase_patch]]\nphase = 0\n");
    let (_, _, field, _) = invalid(load(&[(CUSTOM, &both)], &[]));
    assert_eq!(field, "phase_patch");
}

#[test]
fn days_and_gates_that_cannot_be_dated_are_refused() {
    let far = custom("[driving]\nday = 4294967295\nsource = \"default-lifting\"\n");
    let (_, _, field, message) = invalid(load(&[(CUSTOM, &far)], &[]));
    assert_eq!(field, "driving");
    assert!(message.contains("3650"), "{message}");
    // With limits held, the last phase would end before it starts.
    let (_, _, field, _) = invalid(replaced(
        "procedures/lumbar-fusion.toml",
        "late_start_day = 365",
        "late_start_day = 365\nend_day = 300",
    ));
    assert!(field.ends_with("].end_day"), "{field}");
    // A gate on the first phase, or on a phase whose limit does not rise, waits for nothing.
    let first = custom("[[phase_patch]]\nphase = 0\ngate = \"your surgeon says so\"\n");
    let (_, _, field, message) = invalid(load(&[(CUSTOM, &first)], &[]));
    assert_eq!(field, "phase[0].gate");
    assert!(message.contains("first phase"), "{message}");
    let flat = custom("[[phase_patch]]\nphase = 1\ngate = \"your surgeon says so\"\n");
    let (_, _, field, message) = invalid(load(&[(CUSTOM, &flat)], &[]));
    assert_eq!(field, "phase[1].gate");
    assert!(message.contains("raises"), "{message}");
}

#[test]
fn a_condition_is_for_driving_only_and_job_levels_lift_more_as_they_go() {
    let pt = custom(
        "[pt]\nstart = { day = 42, source = \"default-pt-fusion\", condition = \"Only if it rains.\" }\n[[pt.focus]]\ntext = \"Strength.\"\nsource = \"default-pt-fusion\"\n",
    );
    let (_, _, field, _) = invalid(load(&[(CUSTOM, &pt)], &[]));
    assert_eq!(field, "pt.start.condition");
    let (file, _, field, _) = invalid(replaced(
        "protocol.toml",
        "lifts_up_to_lb = 50",
        "lifts_up_to_lb = 5",
    ));
    assert_eq!(file, "protocol.toml");
    assert_eq!(field, "job[2].lifts_up_to_lb");
}

#[test]
fn a_protocol_without_a_911_sign_for_a_procedure_is_refused() {
    let files: Vec<(String, String)> = default_protocol_files()
        .iter()
        .map(|(p, t)| {
            (
                (*p).to_owned(),
                t.replace("urgency = \"emergency\"", "urgency = \"urgent\""),
            )
        })
        .collect();
    let (file, procedure, field, message) = invalid(Protocol::from_files(
        files.iter().map(|(a, b)| (a.as_str(), b.as_str())),
    ));
    assert!(file.starts_with("procedures/"), "{file}");
    assert!(procedure.is_some());
    assert_eq!(field, "warning_sign");
    assert!(message.contains("call 911"), "{message}");
}
