//! The Protocol screen against a real SQLite file: the clinical lead sees a procedure's
//! numbers with their sources and published ranges, changes one (a day outside its range
//! only with a reason), saves a version the nurse's next packet uses, compares, restores
//! and approves versions; bad changes are reported by change and save nothing.

use super::*;

use homeward_app::{ProtocolChange, ProtocolEdit};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 3).expect("date")
}

fn driving(day: u32, reason: &str) -> ProtocolEdit {
    ProtocolEdit {
        procedure: "acdf".into(),
        layer: "clinic".into(),
        changes: vec![ProtocolChange::Number {
            field: "driving.day".into(),
            value: day,
            source: String::new(),
            reason: reason.into(),
        }],
        by: "kl".into(),
        new_surgeon: String::new(),
    }
}

fn acdf_form() -> CaseForm {
    CaseForm {
        procedure: "acdf".into(),
        levels: Some(1),
        ..fusion_form()
    }
}

#[test]
fn the_screen_shows_each_number_with_its_source_and_published_range() {
    let tmp = Tmp::new("protocol-screen");
    let app = tmp.app();
    let s = app
        .protocol_screen("acdf", "clinic", today())
        .expect("screen");
    let row = |f: &str| s.numbers.iter().find(|n| n.field == f).expect(f).clone();
    let d = row("driving.day");
    assert_eq!((d.value, d.unit.as_str()), (Some(14), "day"));
    assert_eq!(d.range.as_deref(), Some("day 14 or later (scott2015)"));
    assert_eq!(d.source, "default-driving-acdf");
    assert!(d.citation.contains("2 weeks"), "{}", d.citation);
    assert!(d.editable && d.set_by.is_none());
    let lift = row("phase[0].lifting_limit_lb");
    assert_eq!((lift.value, lift.unit.as_str()), (Some(10), "lb"));
    assert!(
        !row("full_duty.heavy").editable,
        "full duty is worked out, not set"
    );
    assert!(
        !row("phase[0].start_day").editable,
        "the first phase starts on day 0"
    );
    assert!(row("return_to_work.medium.day").range.is_some());
    assert!(s.numbers.iter().any(|n| n.field.starts_with("follow_up[")));
    assert!(s.lines.iter().any(|l| l.phase == 0 && l.list == "avoid"));
    assert_eq!(s.layers[0].0, "clinic");
    assert!(s.versions.is_empty() && s.variations.is_empty());
    // An unknown procedure names what there is.
    let e = app.protocol_screen("acdff", "clinic", today()).unwrap_err();
    assert_eq!(e.fields[0].field, "procedure");
    assert!(
        e.fields[0].message.contains("acdf, "),
        "{}",
        e.fields[0].message
    );
}

#[test]
fn the_lead_sets_acdf_driving_to_day_7_with_a_reason_and_the_next_packet_has_it() {
    let tmp = Tmp::new("protocol-edit");
    let mut app = tmp.ready_app();
    // Outside the range without a reason: refused, naming the change.
    let e = app
        .check_protocol_edit(&driving(7, ""), today())
        .unwrap_err();
    assert_eq!(e.fields[0].field, "changes[0]");
    assert!(
        e.fields[0].message.contains("say why"),
        "{}",
        e.fields[0].message
    );

    let reason = "Our surgeons clear drivers at the 1-week visit.";
    let checked = app
        .check_protocol_edit(&driving(7, reason), today())
        .expect("checked");
    let d = checked
        .numbers
        .iter()
        .find(|n| n.field == "driving.day")
        .unwrap();
    assert_eq!(d.value, Some(7));
    assert_eq!(d.outside_range_reason.as_deref(), Some(reason));
    assert_eq!(d.set_by.as_deref(), Some("the clinic"));
    assert_eq!(checked.variations.len(), 1);
    assert!(
        checked.variations[0]
            .starts_with("acdf driving: day 7, published day 14 or later (scott2015)")
    );
    // Checking saved nothing.
    assert_eq!(app.preview(&acdf_form()).plan.unwrap().driving.day, 14);

    let n = app
        .save_protocol_edit(&driving(7, reason), "Drive at 1 week after ACDF")
        .expect("saved");
    assert_eq!(n, 1);
    // The nurse's next ACDF packet has day 7 and names the version; the packet screen warns
    // until the lead approves it.
    let plan = app.preview(&acdf_form()).plan.expect("plan");
    assert_eq!(plan.driving.day, 7);
    let catalog = app.catalog(today());
    assert!(
        catalog
            .protocol_warning
            .unwrap()
            .contains("not been approved")
    );
    let text = pdf_text(&app.packet_pdf(&acdf_form(), today()).expect("pdf"));
    assert!(text.contains("v1"), "{text}");
    // It survives a restart: the version is in the database.
    let again = tmp.app();
    assert_eq!(again.preview(&acdf_form()).plan.unwrap().driving.day, 7);

    // A second change, compared with the first; restore; approve.
    let mut edit = driving(21, "Back to the clinic's usual 3 weeks.");
    edit.by = "ab".into();
    assert_eq!(app.save_protocol_edit(&edit, "3 weeks again").unwrap(), 2);
    let diff = app.compare_protocol_versions(1, 2).expect("diff");
    assert_eq!(diff.len(), 1);
    assert_eq!(diff[0].path, "changes.toml");
    assert!(
        diff[0]
            .lines
            .iter()
            .any(|(c, _, l)| *c == '+' && l.contains("day = 21"))
    );
    assert_eq!(app.restore_protocol_version(1, "kl").unwrap(), 3);
    assert_eq!(app.preview(&acdf_form()).plan.unwrap().driving.day, 7);
    app.approve_protocol_version(3, "md", today(), 24)
        .expect("approve");
    assert!(app.catalog(today()).protocol_warning.is_none());
    let s = app.protocol_screen("acdf", "clinic", today()).unwrap();
    assert_eq!(s.versions.len(), 3);
    assert!(s.versions[0].in_use && !s.versions[1].in_use);
    let approval = s.versions[0].approval.as_deref().expect("approved");
    assert!(
        approval.starts_with("approved by MD on 2026-12-03"),
        "{approval}"
    );
    assert_eq!(s.versions[2].reason, "Drive at 1 week after ACDF");
}

#[test]
fn bad_changes_name_the_change_and_save_nothing() {
    let tmp = Tmp::new("protocol-bad");
    let mut app = tmp.app();
    let line = |list: &str, text: &str| ProtocolEdit {
        procedure: "acdf".into(),
        layer: "clinic".into(),
        changes: vec![ProtocolChange::Line {
            phase: 0,
            list: list.into(),
            activity: homeward_core::Activity::Bending,
            text: text.into(),
            text_es: String::new(),
            source: "krames-cervical-disc".into(),
            reason: "Plainer words.".into(),
        }],
        by: "kl".into(),
        new_surgeon: String::new(),
    };
    // A good line change shows at once.
    let s = app
        .check_protocol_edit(&line("avoid", "Do not bend your neck down far."), today())
        .expect("fine");
    assert!(
        s.lines
            .iter()
            .any(|l| l.text == "Do not bend your neck down far."
                && l.set_by.as_deref() == Some("the clinic"))
    );
    // A "do not" line under what you can do reads backwards.
    let e = app
        .check_protocol_edit(&line("can", "Do not bend your neck down far."), today())
        .unwrap_err();
    assert_eq!(e.fields[0].field, "changes");
    assert!(
        e.fields[0].message.contains("phase[0]"),
        "{}",
        e.fields[0].message
    );
    // Unknown fields, lists, sources; no initials; a limit that leaves full duty undated.
    let mut bad = driving(20, "x");
    bad.changes = vec![ProtocolChange::Number {
        field: "driving.days".into(),
        value: 20,
        source: String::new(),
        reason: "x".into(),
    }];
    let e = app.check_protocol_edit(&bad, today()).unwrap_err();
    assert!(
        e.fields[0].message.contains("allowed: driving.day"),
        "{}",
        e.fields[0].message
    );
    assert!(
        app.check_protocol_edit(&line("maybe", "x"), today())
            .is_err()
    );
    let mut nosource = driving(20, "x");
    if let ProtocolChange::Number { source, .. } = &mut nosource.changes[0] {
        *source = "nobody".into();
    }
    let e = app.check_protocol_edit(&nosource, today()).unwrap_err();
    assert!(e.fields[0].message.contains("`nobody`"));
    let mut noinit = driving(20, "x");
    noinit.by = String::new();
    // Checking as the lead types needs no initials; saving does.
    assert!(app.check_protocol_edit(&noinit, today()).is_ok());
    assert_eq!(
        app.save_protocol_edit(&noinit, "why").unwrap_err().fields[0].field,
        "by"
    );
    let last = ProtocolEdit {
        changes: vec![ProtocolChange::Number {
            field: "phase[4].lifting_limit_lb".into(),
            value: 20,
            source: String::new(),
            reason: "Keep a limit".into(),
        }],
        ..driving(20, "x")
    };
    assert!(app.check_protocol_edit(&last, today()).is_err());
    // Nothing was saved by any of them, nor by a save without changes or a reason.
    assert!(
        app.save_protocol_edit(
            &ProtocolEdit {
                changes: vec![],
                ..driving(20, "x")
            },
            "why"
        )
        .is_err()
    );
    assert!(app.save_protocol_edit(&driving(20, "x"), " ").is_err());
    assert!(
        app.save_protocol_edit(&line("can", "Do not x."), "why")
            .is_err()
    );
    assert!(
        app.protocol_screen("acdf", "clinic", today())
            .unwrap()
            .versions
            .is_empty()
    );
}

#[test]
fn the_protocol_screen_fixtures_are_real_app_output() {
    let tmp = Tmp::new("protocol-fixtures");
    let app = tmp.app();
    let json =
        |v: &homeward_app::ProtocolScreen| serde_json::to_string_pretty(v).expect("json") + "\n";
    expect_file!["../../../../ui/tests/fixtures/protocol-acdf.json"].assert_eq(&json(
        &app.protocol_screen("acdf", "clinic", today())
            .expect("screen"),
    ));
    let checked = app
        .check_protocol_edit(
            &driving(7, "Our surgeons clear drivers at 1 week."),
            today(),
        )
        .expect("checked");
    expect_file!["../../../../ui/tests/fixtures/protocol-acdf-day-7.json"]
        .assert_eq(&json(&checked));
}

#[test]
fn a_surgeons_orders_are_changed_in_their_own_file_and_lines_show_who_set_them() {
    let tmp = Tmp::new("protocol-surgeon");
    let mut files: std::collections::BTreeMap<String, String> =
        homeward_core::default_protocol_files()
            .iter()
            .map(|(p, t)| ((*p).to_owned(), (*t).to_owned()))
            .collect();
    files.insert(
        "surgeons/patel.toml".into(),
        "name = \"Dr. Ana Patel\"\n[[source]]\nid = \"patel-orders\"\nkind = \"orders\"\ncitation = \"Dr. Ana Patel, standing orders\"\n".into(),
    );
    homeward_store::Store::open(&tmp.0.join("homeward.db"))
        .expect("open")
        .save_protocol_version(homeward_store::CLINIC_LAYER, &files, "kl", "Dr Patel")
        .expect("save");
    let mut app = tmp.app();
    let s = app.protocol_screen("", "clinic", today()).expect("screen");
    assert_eq!(
        s.procedure, "microdiscectomy",
        "no procedure asked: the first"
    );
    assert_eq!(
        s.layers[1],
        ("patel".to_owned(), "Dr. Ana Patel's orders".to_owned())
    );
    // A clinic change and a surgeon's, by the same initials and without a source: each
    // reason becomes a source with its own id.
    app.save_protocol_edit(&driving(21, "Three weeks for everyone."), "3 weeks")
        .expect("clinic");
    let mut edit = driving(28, "Dr. Patel wants 4 weeks.");
    edit.layer = "patel".into();
    edit.changes.push(ProtocolChange::Line {
        phase: 0,
        list: "can".into(),
        activity: homeward_core::Activity::Housework,
        text: "You may fold laundry at waist height.".into(),
        text_es: String::new(),
        source: "patel-orders".into(),
        reason: "Dr. Patel's handout.".into(),
    });
    app.save_protocol_edit(&edit, "Dr Patel's driving")
        .expect("surgeon's");
    let s = app
        .protocol_screen("acdf", "patel", today())
        .expect("screen");
    let d = s.numbers.iter().find(|n| n.field == "driving.day").unwrap();
    assert_eq!(d.value, Some(28));
    assert_eq!(d.set_by.as_deref(), Some("Dr. Ana Patel"));
    let added = s
        .lines
        .iter()
        .find(|l| l.text == "You may fold laundry at waist height.")
        .expect("the added line");
    assert_eq!(added.set_by.as_deref(), Some("Dr. Ana Patel"));
    // The clinic's own screen still has day 21, and no reason for it: 21 is inside the range.
    let s = app.protocol_screen("acdf", "clinic", today()).unwrap();
    let d = s.numbers.iter().find(|n| n.field == "driving.day").unwrap();
    assert_eq!((d.value, d.outside_range_reason.clone()), (Some(21), None));
    let store = homeward_store::Store::open(&tmp.0.join("homeward.db")).unwrap();
    let v = store
        .protocol_version(homeward_store::CLINIC_LAYER, None)
        .unwrap()
        .unwrap();
    assert!(!v.files["changes.toml"].contains("outside_range_reason"));
    assert!(v.files["changes.toml"].contains("clinic-acdf-kl-1"));
    assert!(v.files["surgeons/patel.toml"].contains("patel-acdf-kl-1"));
    // A nurse's packet for Dr. Patel follows the orders; for anyone else, the clinic's.
    let form = |surgeon: &str| CaseForm {
        surgeon: surgeon.into(),
        ..acdf_form()
    };
    assert_eq!(
        app.preview(&form("Dr. Ana Patel"))
            .plan
            .unwrap()
            .driving
            .day,
        28
    );
    assert_eq!(app.preview(&form("Dr. Lee")).plan.unwrap().driving.day, 21);
    // Lumbar fusion's screen says which procedures build on it.
    let s = app
        .protocol_screen("lumbar-fusion", "clinic", today())
        .unwrap();
    assert!(
        s.built_on_this
            .iter()
            .any(|n| n.starts_with("Anterior lumbar")),
        "{:?}",
        s.built_on_this
    );
}

#[test]
fn the_lead_starts_a_surgeons_orders_from_the_screen() {
    let tmp = Tmp::new("protocol-new-surgeon");
    let mut app = tmp.app();
    let new = |name: &str| ProtocolEdit {
        layer: homeward_app::NEW_SURGEON.into(),
        new_surgeon: name.into(),
        ..driving(28, "Dr. Wong wants 4 weeks.")
    };
    // The screen for a new surgeon shows the clinic's values to start from.
    let s = app.protocol_screen("acdf", "new", today()).expect("screen");
    assert_eq!(
        s.numbers
            .iter()
            .find(|n| n.field == "driving.day")
            .unwrap()
            .value,
        Some(14)
    );
    let e = app.check_protocol_edit(&new("  "), today()).unwrap_err();
    assert_eq!(e.fields[0].field, "new_surgeon");
    let checked = app
        .check_protocol_edit(&new("Dr. Lee Wong"), today())
        .expect("checked");
    assert_eq!(checked.layer, "dr-lee-wong");
    app.save_protocol_edit(&new("Dr. Lee Wong"), "Dr Wong's orders")
        .expect("saved");
    let s = app
        .protocol_screen("acdf", "dr-lee-wong", today())
        .expect("screen");
    assert!(
        s.layers
            .contains(&("dr-lee-wong".to_owned(), "Dr. Lee Wong's orders".to_owned()))
    );
    let form = CaseForm {
        surgeon: "Dr. Lee Wong".into(),
        ..acdf_form()
    };
    assert_eq!(app.preview(&form).plan.unwrap().driving.day, 28);
    assert_eq!(app.preview(&acdf_form()).plan.unwrap().driving.day, 14);
    // The same surgeon again, however typed, is refused: their orders exist.
    let e = app
        .check_protocol_edit(&new("dr lee wong"), today())
        .unwrap_err();
    assert!(
        e.fields[0].message.contains("already has orders"),
        "{}",
        e.fields[0].message
    );
}
