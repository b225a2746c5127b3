//! Surgeons' orders as a layer over the protocol (`surgeons/<id>.toml`): a layer changes only
//! what it names, the plan says who set each changed value, and the combined protocol is
//! validated with errors that name the layer's file, the procedure and the field.

mod common;

use common::{input, invalid, must_plan, protocol};
use homeward_core::{Layer, Plan, Protocol, ProtocolError, default_protocol_files};
use serde_json::Value;

/// The bundled files plus `extra` files.
fn with(extra: &[(&str, &str)]) -> Result<Protocol, ProtocolError> {
    let mut files: Vec<(&str, &str)> = default_protocol_files().to_vec();
    files.extend_from_slice(extra);
    Protocol::from_files(files)
}

const HEAD: &str = r#"
name = "Dr. Ana Patel"

[[source]]
id = "patel-orders"
kind = "orders"
citation = "Dr. Ana Patel, standing discharge orders after neck fusion, 2026"
"#;

/// One lifting limit (phase 1 of ACDF: 10 lb -> 15 lb) and one line (phase 0's neck moves).
const PATEL: &str = r#"
[[procedure.acdf.phase_patch]]
phase = 1
lifting_limit_lb = 15
lifting_source = "patel-orders"

[[procedure.acdf.phase_patch]]
phase = 0
avoid = [{ activity = "bending", text = "Do not bend your neck down to look at a phone.", source = "patel-orders" }]
"#;

fn patel(body: &str) -> Result<Protocol, ProtocolError> {
    let text = format!("{HEAD}{body}");
    with(&[("surgeons/patel.toml", text.as_str())])
}

/// JSON pointers of the leaves that differ; a list that grew or shrank is `<list>/-`, a
/// key on one side only is reported once.
fn leaf_diff(a: &Value, b: &Value, at: &str, out: &mut Vec<String>) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys: std::collections::BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            for k in keys {
                match (x.get(k), y.get(k)) {
                    (Some(p), Some(q)) => leaf_diff(p, q, &format!("{at}/{k}"), out),
                    _ => out.push(format!("{at}/{k}")),
                }
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (p, q)) in x.iter().zip(y).enumerate() {
                leaf_diff(p, q, &format!("{at}/{i}"), out);
            }
        }
        (Value::Array(_), Value::Array(_)) => out.push(format!("{at}/-")),
        _ if a == b => {}
        _ => out.push(at.to_owned()),
    }
}

fn acdf(p: &Protocol) -> Plan {
    must_plan(p, &input("acdf", Some(1), None))
}

#[test]
fn a_surgeon_changes_one_limit_and_one_line_and_everything_else_is_the_clinics() {
    let clinic = patel(PATEL).expect("the orders are valid");
    let before = acdf(&clinic);
    let ordered = clinic.with_surgeon("patel").expect("patel's orders apply");
    let after = acdf(&ordered);

    assert_eq!(before.phases[1].lifting_limit_lb, Some(10));
    assert_eq!(after.phases[1].lifting_limit_lb, Some(15));
    assert_eq!(
        after.phases[1].lifting_source.as_deref(),
        Some("patel-orders")
    );
    let neck = |p: &Plan| {
        p.phases[0]
            .restrictions
            .iter()
            .find(|l| l.source == "patel-orders" || l.text.contains("neck moves"))
            .map(|l| l.text.clone())
    };
    assert_eq!(
        neck(&after).as_deref(),
        Some("Do not bend your neck down to look at a phone.")
    );
    assert!(neck(&before).unwrap().contains("fast or big neck moves"));

    // Everything else is the clinic's: the two plans differ only in the two values, what the
    // engine writes from the new limit (its line, and the next phase's "until" line, which
    // names the limit it raises; the limit the patient goes back to work under), and the
    // plan's record of the layer.
    let mut differ = Vec::new();
    leaf_diff(
        &serde_json::to_value(&before).unwrap(),
        &serde_json::to_value(&after).unwrap(),
        "",
        &mut differ,
    );
    assert_eq!(
        differ,
        [
            "/phases/0/restrictions/2/source",
            "/phases/0/restrictions/2/text",
            "/phases/1/lifting_limit_kg",
            "/phases/1/lifting_limit_lb",
            "/phases/1/lifting_source",
            "/phases/1/restrictions/0/source",
            "/phases/1/restrictions/0/text",
            "/phases/2/restrictions/0/text",
            // Desk, light and medium work start back inside phase 1, under its limit.
            "/return_to_work_by_job/0/lifting_limit_lb",
            "/return_to_work_by_job/1/lifting_limit_lb",
            "/return_to_work_by_job/2/lifting_limit_lb",
            "/set_by",
            "/sources/-",
            "/surgeon",
        ]
    );
    assert!(after.phases[1].restrictions[0].text.contains("15 pounds"));
    assert!(
        after.phases[2].restrictions[0]
            .text
            .contains("more than 15 pounds")
    );
    assert!(after.sources.iter().any(|s| s.id == "patel-orders"));

    // The plan names the surgeon and says which values were theirs.
    let who = after.surgeon.as_ref().expect("the plan names the surgeon");
    assert_eq!(
        (who.id.as_str(), who.name.as_str()),
        ("patel", "Dr. Ana Patel")
    );
    let mut fields: Vec<&str> = after.set_by.iter().map(|s| s.field.as_str()).collect();
    fields.sort_unstable();
    assert_eq!(
        fields,
        [
            "phase[0].avoid[bending].source",
            "phase[0].avoid[bending].text",
            "phase[1].lifting_limit_lb",
            "phase[1].lifting_source"
        ]
    );
    assert!(
        after
            .set_by
            .iter()
            .all(|s| s.layer == Layer::Surgeon(who.clone()))
    );
    // Other procedures and the protocol without the layer are untouched.
    assert!(before.surgeon.is_none() && before.set_by.is_empty());
    let fusion = must_plan(&ordered, &input("lumbar-fusion", Some(1), None));
    assert!(fusion.set_by.is_empty());
}

#[test]
fn a_timing_table_merges_key_by_key_and_a_sign_is_replaced_by_its_id() {
    let body = r#"
[procedure.acdf.driving]
day = 28
source = "patel-orders"
"#;
    let p = patel(body).unwrap().with_surgeon("patel").unwrap();
    let proc = p.procedure("acdf").unwrap();
    assert_eq!(proc.driving.day, 28);
    // The condition (collar, turning the head) is still the clinic's.
    assert!(proc.driving.condition.is_some());
    let plan = acdf(&p);
    assert_eq!(plan.driving.day, 28);
    assert_eq!(plan.driving.source, "patel-orders");

    // A sign of the procedure, by id: its text may change; its urgency may rise, not fall.
    let builtin = protocol();
    let sign = &builtin.procedure("acdf").unwrap().warning_sign[0];
    let id = &sign.id;
    let urgency = serde_json::to_value(sign.urgency).unwrap();
    let urgency = urgency.as_str().unwrap();
    let body = format!(
        "[[procedure.acdf.warning_sign]]\nid = \"{id}\"\nurgency = \"{urgency}\"\ntext = \"Your neck swells fast, or you cannot swallow or breathe well.\"\nsource = \"patel-orders\"\n"
    );
    let p = patel(&body).unwrap().with_surgeon("patel").unwrap();
    let signs = &p.procedure("acdf").unwrap().warning_sign;
    assert_eq!(
        signs.len(),
        protocol().procedure("acdf").unwrap().warning_sign.len()
    );
    assert!(signs[0].text.get("en").starts_with("Your neck swells fast"));

    let lower = body.replace(
        &format!("urgency = \"{urgency}\""),
        "urgency = \"call_office\"",
    );
    assert_ne!(
        urgency, "call_office",
        "the first ACDF sign is an urgent one"
    );
    let (file, procedure, field, message) = invalid(patel(&lower));
    assert_eq!(file, "surgeons/patel.toml");
    assert_eq!(procedure.as_deref(), Some("acdf"));
    assert_eq!(field, "warning_sign[0].urgency");
    assert!(message.contains("never less"), "{message}");
}

#[test]
fn bad_orders_are_refused_naming_the_layer_procedure_and_field() {
    let cases: [(&str, Option<&str>, &str, &str); 9] = [
        // An unknown procedure.
        (
            "[procedure.acdff.driving]\nday = 20\nsource = \"patel-orders\"\n",
            Some("acdff"),
            "procedure",
            "allowed: ",
        ),
        // A number without the source that says it.
        (
            "[procedure.acdf.driving]\nday = 20\n",
            Some("acdf"),
            "driving.source",
            "also names its source",
        ),
        // What the procedure is cannot change.
        (
            "[procedure.acdf]\nkind = \"decompression\"\n",
            Some("acdf"),
            "kind",
            "cannot change what the procedure is",
        ),
        // A phase that does not exist.
        (
            "[[procedure.acdf.phase_patch]]\nphase = 9\nname = \"Later\"\n",
            Some("acdf"),
            "phase_patch[0].phase",
            "0 to 4",
        ),
        // A source that is nowhere.
        (
            "[procedure.acdf.driving]\nday = 20\nsource = \"nobody-said-so\"\n",
            Some("acdf"),
            "driving.source",
            "not in",
        ),
        // Changes that break an invariant: the last phase keeps a limit, so full duty would
        // have no date; a limit lower than the phase before.
        (
            "[[procedure.acdf.phase_patch]]\nphase = 4\nlifting_limit_lb = 60\nlifting_source = \"patel-orders\"\n",
            Some("acdf"),
            "phase[4].lifting_limit_lb",
            "full duty has a date",
        ),
        (
            "[[procedure.acdf.phase_patch]]\nphase = 4\nlifting_limit_lb = 20\nlifting_source = \"patel-orders\"\n",
            Some("acdf"),
            "phase[4].lifting_limit_lb",
            "lower than an earlier phase",
        ),
        // A number the engine does not accept.
        (
            "[procedure.acdf.driving]\nday = 4000\nsource = \"patel-orders\"\n",
            Some("acdf"),
            "driving",
            "at most 3650",
        ),
        // A published range is the sources', not a layer's.
        (
            "[procedure.acdf.driving]\nday = 7\nsource = \"patel-orders\"\nrange = { min = 1, sources = [\"scott2015\"] }\n",
            Some("acdf"),
            "driving.range",
            "cannot change a published range",
        ),
    ];
    for (body, procedure, field, says) in cases {
        let (file, p, f, message) = invalid(patel(body));
        assert_eq!(file, "surgeons/patel.toml", "{body}: {message}");
        assert_eq!(p.as_deref(), procedure, "{body}: {message}");
        assert_eq!(f, field, "{body}: {message}");
        assert!(message.contains(says), "{body}: {message}");
    }

    // An unknown key in a procedure's changes is the schema's error, in the layer's file.
    match patel("[procedure.acdf]\ncolour = \"blue\"\n") {
        Err(ProtocolError::Parse { file, message }) => {
            assert_eq!(file, "surgeons/patel.toml");
            assert!(
                message.contains("acdf") && message.contains("colour"),
                "{message}"
            );
        }
        other => panic!("expected a parse error, got {other:?}"),
    }
    // A file without the surgeon's name, or with a key of its own.
    let (file, _, field, _) = invalid(with(&[("surgeons/x.toml", "[procedure.acdf]\n")]));
    assert_eq!((file.as_str(), field.as_str()), ("surgeons/x.toml", "name"));
    let (_, _, field, _) = invalid(with(&[("surgeons/x.toml", "name = \"X\"\nlevel = 2\n")]));
    assert_eq!(field, "level");
    // A source id the protocol already has.
    let (_, _, field, message) = invalid(with(&[(
        "surgeons/x.toml",
        "name = \"X\"\n[[source]]\nid = \"seed000\"\nkind = \"web\"\ncitation = \"again\"\n",
    )]));
    assert_eq!(field, "source[0].id");
    assert!(message.contains("already"), "{message}");
}

#[test]
fn an_unknown_surgeon_lists_the_ones_there_are() {
    let p = patel(PATEL).unwrap();
    let e = p.with_surgeon("jones").unwrap_err().to_string();
    assert_eq!(
        e,
        "surgeon: no orders for `jones` in this protocol; allowed: patel (Dr. Ana Patel)"
    );
    let e = protocol().with_surgeon("patel").unwrap_err().to_string();
    assert!(e.contains("none"), "{e}");
}

#[test]
fn the_clinics_changes_are_marked_against_the_built_in_protocol() {
    let text = default_protocol_files()
        .iter()
        .find(|(f, _)| *f == "procedures/acdf.toml")
        .unwrap()
        .1;
    let edited = text.replacen(
        "[driving]\nday = 14\nsource = \"default-driving-acdf\"",
        "[driving]\nday = 21\nsource = \"default-driving-acdf\"",
        1,
    );
    assert_ne!(edited, text, "the edit must apply");
    let files: Vec<(&str, &str)> = default_protocol_files()
        .iter()
        .map(|(f, t)| {
            if *f == "procedures/acdf.toml" {
                (*f, edited.as_str())
            } else {
                (*f, *t)
            }
        })
        .collect();
    let mut clinic = Protocol::from_files(files.clone()).unwrap();
    clinic.mark_clinic_changes(&protocol());
    let plan = acdf(&clinic);
    assert_eq!(plan.driving.day, 21);
    assert_eq!(plan.set_by.len(), 1, "{:?}", plan.set_by);
    assert_eq!(plan.set_by[0].field, "driving.day");
    assert_eq!(plan.set_by[0].layer, Layer::Clinic);
    // A surgeon's value over a clinic's change takes its place; the other stays the clinic's.
    let mut files = files;
    let text = format!("{HEAD}[procedure.acdf.driving]\nday = 28\nsource = \"patel-orders\"\n");
    files.push(("surgeons/patel.toml", &text));
    let mut clinic = Protocol::from_files(files).unwrap();
    clinic.mark_clinic_changes(&protocol());
    let plan = acdf(&clinic.with_surgeon("patel").unwrap());
    let by: Vec<(&str, bool)> = plan
        .set_by
        .iter()
        .map(|s| (s.field.as_str(), s.layer == Layer::Clinic))
        .collect();
    assert_eq!(by, [("driving.day", false), ("driving.source", false)]);
}

#[test]
fn the_clinics_changes_file_is_a_layer_under_the_surgeons() {
    let changes = "[[source]]\nid = \"clinic-orders\"\nkind = \"orders\"\ncitation = \"Clinic standing orders, 2026\"\n[procedure.acdf.driving]\nday = 21\nsource = \"clinic-orders\"\n";
    let p = with(&[("changes.toml", changes)]).expect("the changes load");
    let plan = acdf(&p);
    assert_eq!(plan.driving.day, 21);
    assert_eq!(plan.driving.source, "clinic-orders");
    assert!(plan.set_by.iter().all(|s| s.layer == Layer::Clinic));
    assert!(plan.set_by.iter().any(|s| s.field == "driving.day"));
    assert!(plan.surgeon.is_none());
    // A surgeon's orders sit on top of the clinic's changes.
    let orders = format!("{HEAD}[procedure.acdf.driving]\nday = 28\nsource = \"patel-orders\"\n");
    let p = with(&[("changes.toml", changes), ("surgeons/patel.toml", &orders)]).unwrap();
    assert_eq!(acdf(&p.with_surgeon("patel").unwrap()).driving.day, 28);
    // Its mistakes are reported in its own file; it has no surgeon's name.
    let (file, procedure, field, _) = invalid(with(&[(
        "changes.toml",
        "[procedure.acdf.driving]\nday = 21\n",
    )]));
    assert_eq!(
        (file.as_str(), procedure.as_deref(), field.as_str()),
        ("changes.toml", Some("acdf"), "driving.source")
    );
    let (file, _, field, _) = invalid(with(&[("changes.toml", "name = \"Clinic\"\n")]));
    assert_eq!((file.as_str(), field.as_str()), ("changes.toml", "name"));
}

#[test]
fn a_re_dated_timing_keeps_the_sources_of_the_days_it_leaves_alone() {
    // Open lumbar fusion's light work: day 28, later end 42, both from guglielmi2020. The
    // surgeon moves only the usual day: the later end still cites Guglielmi.
    let body =
        "[procedure.lumbar-fusion.return_to_work.light]\nday = 35\nsource = \"patel-orders\"\n";
    let p = patel(body).unwrap().with_surgeon("patel").unwrap();
    let t = &p.procedure("lumbar-fusion").unwrap().return_to_work.light;
    assert_eq!((t.day, t.late_day), (35, Some(42)));
    assert_eq!(t.resolve(1, false), (35, "patel-orders"));
    assert_eq!(t.resolve(1, true), (42, "guglielmi2020"));
    // ACDF sedentary from 2 levels (by_levels, no source of its own) stays Guglielmi's.
    let body = "[procedure.acdf.return_to_work.sedentary]\nday = 10\nsource = \"patel-orders\"\n";
    let p = patel(body).unwrap().with_surgeon("patel").unwrap();
    let t = &p.procedure("acdf").unwrap().return_to_work.sedentary;
    assert_eq!(t.resolve(1, false), (10, "patel-orders"));
    assert_eq!(t.resolve(2, false), (28, "guglielmi2020"));
}

#[test]
fn a_reason_for_leaving_the_range_is_not_inherited_by_another_day() {
    // The clinic keeps ACDF driving at day 7 with its reason; a surgeon who moves it to day
    // 5 must give a reason of their own.
    let clinic = "[[source]]\nid = \"clinic-orders\"\nkind = \"orders\"\ncitation = \"Clinic orders\"\n[procedure.acdf.driving]\nday = 7\nsource = \"clinic-orders\"\noutside_range_reason = \"Cleared at the 1-week visit.\"\n";
    let orders = format!("{HEAD}[procedure.acdf.driving]\nday = 5\nsource = \"patel-orders\"\n");
    let (file, procedure, field, message) = invalid(with(&[
        ("changes.toml", clinic),
        ("surgeons/patel.toml", &orders),
    ]));
    assert_eq!(
        (file.as_str(), procedure.as_deref(), field.as_str()),
        ("surgeons/patel.toml", Some("acdf"), "driving.day")
    );
    assert!(message.contains("outside the published range"), "{message}");
    let orders = format!(
        "{HEAD}[procedure.acdf.driving]\nday = 5\nsource = \"patel-orders\"\noutside_range_reason = \"Dr. Patel's own.\"\n"
    );
    let p = with(&[("changes.toml", clinic), ("surgeons/patel.toml", &orders)]).unwrap();
    let v = p.with_surgeon("patel").unwrap().variations();
    assert_eq!(v.len(), 1);
    assert_eq!((v[0].day, v[0].reason.as_str()), (5, "Dr. Patel's own."));
    // A later end outside the range needs a reason too.
    let late = format!(
        "{HEAD}[procedure.lumbar-fusion.return_to_work.light]\nlate_day = 120\nlate_source = \"patel-orders\"\n"
    );
    let (_, _, field, _) = invalid(patel(&late[HEAD.len()..]));
    assert_eq!(field, "return_to_work.light.late_day");
}
