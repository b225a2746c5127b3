//! Published ranges beside the protocol's timings: a day outside its range needs a written
//! reason, whoever sets it (the clinic's folder or a surgeon's orders), and every such day
//! is listed with its reason and who set it.

mod common;

use common::{input, invalid, must_plan, protocol};
use homeward_core::{Layer, Protocol, ProtocolError, default_protocol_files};

/// The bundled files with `from` replaced by `to` in `file`, plus `extra` files.
fn edited(
    file: &str,
    from: &str,
    to: &str,
    extra: &[(&str, &str)],
) -> Result<Protocol, ProtocolError> {
    let mut files: Vec<(String, String)> = default_protocol_files()
        .iter()
        .map(|(p, t)| {
            let t = if *p == file {
                assert!(t.contains(from), "{file} has no `{from}`");
                t.replacen(from, to, 1)
            } else {
                (*t).to_owned()
            };
            ((*p).to_owned(), t)
        })
        .collect();
    files.extend(
        extra
            .iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned())),
    );
    Protocol::from_files(files.iter().map(|(a, b)| (a.as_str(), b.as_str())))
}

/// The bundled files plus a surgeon's file.
fn with_orders(text: &str) -> Result<Protocol, ProtocolError> {
    let mut files = default_protocol_files().to_vec();
    files.push(("surgeons/patel.toml", text));
    Protocol::from_files(files)
}

const ACDF_DRIVING: &str = "[driving]\nday = 14\n";

#[test]
fn the_plan_carries_the_published_range_of_its_days() {
    let p = protocol();
    let acdf = must_plan(&p, &input("acdf", Some(1), None));
    let r = acdf
        .driving
        .range
        .as_ref()
        .expect("ACDF driving has a range");
    assert_eq!((r.min, r.max), (Some(14), None));
    assert_eq!(r.sources, ["scott2015"]);
    assert_eq!(r.describe(), "day 14 or later");
    let fusion = must_plan(&p, &input("lumbar-fusion", Some(1), None));
    let r = fusion
        .driving
        .range
        .as_ref()
        .expect("fusion driving has a range");
    assert_eq!((r.min, r.max), (Some(14), Some(91)));
    assert!(r.contains(fusion.driving.day));
    // A range is for the procedure's own day: once more levels change it, none is shown.
    let lam1 = must_plan(&p, &input("laminectomy", Some(1), None));
    let lam2 = must_plan(&p, &input("laminectomy", Some(2), None));
    let heavy = |pl: &homeward_core::Plan| {
        pl.return_to_work_by_job
            .iter()
            .find(|w| w.job == homeward_core::JobDemand::Heavy)
            .unwrap()
            .range
            .clone()
    };
    assert!(heavy(&lam1).is_some());
    assert!(heavy(&lam2).is_none());
    // The bundled protocol has no day outside its ranges.
    assert!(p.variations().is_empty());
}

#[test]
fn a_day_outside_its_range_needs_a_reason_and_is_reported() {
    // The clinic's folder: day 7 alone is refused, naming the field and the range.
    let (file, procedure, field, message) = invalid(edited(
        "procedures/acdf.toml",
        ACDF_DRIVING,
        "[driving]\nday = 7\n",
        &[],
    ));
    assert_eq!(file, "procedures/acdf.toml");
    assert_eq!(procedure.as_deref(), Some("acdf"));
    assert_eq!(field, "driving.day");
    assert!(
        message.contains("day 7 is outside the published range (day 14 or later; scott2015)")
            && message.contains("outside_range_reason"),
        "{message}"
    );
    // With a reason it loads, and the report lists it as the clinic's.
    let reason = "Our surgeons clear most patients at the 1-week visit.";
    let mut p = edited(
        "procedures/acdf.toml",
        ACDF_DRIVING,
        &format!("[driving]\nday = 7\noutside_range_reason = \"{reason}\"\n"),
        &[],
    )
    .expect("a day outside the range loads with a reason");
    p.mark_clinic_changes(&protocol());
    let v = p.variations();
    assert_eq!(v.len(), 1);
    assert_eq!(
        (v[0].procedure.as_str(), v[0].field.as_str(), v[0].day),
        ("acdf", "driving", 7)
    );
    assert_eq!(v[0].reason, reason);
    assert_eq!(v[0].layer, Some(Layer::Clinic));
    // The plan carries the reason beside the day, for the care-team sheet.
    let plan = must_plan(&p, &input("acdf", Some(1), None));
    assert_eq!(plan.driving.day, 7);
    assert_eq!(plan.driving.outside_range_reason.as_deref(), Some(reason));
    assert!(
        must_plan(&protocol(), &input("acdf", Some(1), None))
            .driving
            .outside_range_reason
            .is_none()
    );
    // An empty reason is no reason.
    let (_, _, field, _) = invalid(edited(
        "procedures/acdf.toml",
        ACDF_DRIVING,
        "[driving]\nday = 7\noutside_range_reason = \" \"\n",
        &[],
    ));
    assert_eq!(field, "driving.outside_range_reason");
}

#[test]
fn a_surgeons_day_outside_the_range_needs_a_reason_too() {
    let head = "name = \"Dr. Ana Patel\"\n[[source]]\nid = \"patel-orders\"\nkind = \"orders\"\ncitation = \"Dr. Ana Patel, standing orders\"\n[procedure.acdf.driving]\nday = 7\nsource = \"patel-orders\"\n";
    let (file, procedure, field, message) = invalid(with_orders(head));
    assert_eq!(file, "surgeons/patel.toml");
    assert_eq!(procedure.as_deref(), Some("acdf"));
    assert_eq!(field, "driving.day");
    assert!(message.contains("outside the published range"), "{message}");

    let with_reason =
        format!("{head}outside_range_reason = \"Dr. Patel clears drivers at 1 week.\"\n");
    let p = with_orders(&with_reason).unwrap();
    assert!(
        p.variations().is_empty(),
        "the clinic's own protocol stays inside"
    );
    let v = p.with_surgeon("patel").unwrap().variations();
    assert_eq!(v.len(), 1);
    assert!(matches!(&v[0].layer, Some(Layer::Surgeon(s)) if s.id == "patel"));
    assert_eq!(v[0].range.min, Some(14), "the range comes from below");
}

#[test]
fn a_range_cites_published_sources_in_order() {
    let cases = [
        (
            "range = { min = 20, max = 10, sources = [\"scott2015\"] }\n",
            "driving.range",
            "after max",
        ),
        (
            "range = { sources = [\"scott2015\"] }\n",
            "driving.range",
            "min, max or both",
        ),
        (
            "range = { min = 10, sources = [] }\n",
            "driving.range.sources",
            "name the published",
        ),
        (
            "range = { min = 10, sources = [\"default-lifting\"] }\n",
            "driving.range.sources[0]",
            "clinic-default",
        ),
        (
            "range = { min = 10, sources = [\"nobody\"] }\n",
            "driving.range.sources[0]",
            "not in",
        ),
    ];
    for (range, f, says) in cases {
        let text = default_protocol_files()
            .iter()
            .find(|(p, _)| *p == "procedures/acdf.toml")
            .unwrap()
            .1;
        // Replace the bundled range line rather than adding a second one.
        let start = text.find("range = { min = 14").expect("the bundled range");
        let end = start + text[start..].find('\n').unwrap() + 1;
        let mut files: Vec<(String, String)> = default_protocol_files()
            .iter()
            .map(|(p, t)| ((*p).to_owned(), (*t).to_owned()))
            .collect();
        for (p, t) in &mut files {
            if p == "procedures/acdf.toml" {
                *t = format!("{}{}{}", &text[..start], range, &text[end..]);
            }
        }
        let (_, _, field, message) = invalid(Protocol::from_files(
            files.iter().map(|(a, b)| (a.as_str(), b.as_str())),
        ));
        assert_eq!(field, f, "{range}: {message}");
        assert!(message.contains(says), "{range}: {message}");
    }
}
