//! The store against a real SQLite file in a temporary folder: round trips for every entity,
//! export and import, damaged and foreign files, newer versions, the schema upgrade from a
//! frozen version-1 file, file permissions, and crash safety under SIGKILL.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Stdio};

use homeward_core::{EditTarget, JobDemand, PlanEdit, PlanInput, Protocol, default_protocol};
use homeward_store::{
    LATEST_VERSION, ListQuery, OnConflict, PacketRecord, Store, StoreError, TemplateInput,
};

fn protocol() -> Protocol {
    default_protocol().expect("protocol")
}

/// A scratch folder for one test, removed at the end.
mod common;
use common::Tmp;

fn template(name: &str) -> TemplateInput {
    TemplateInput {
        name: name.to_owned(),
        procedure: "lumbar-fusion".into(),
        levels: Some(2),
        factors: ["nicotine".to_owned(), "diabetes".to_owned()].into(),
        job: Some(JobDemand::Heavy),
        surgeon: Some("Dr. Ana Rivera".into()),
        edits: vec![PlanEdit {
            target: EditTarget::Restrictions { phase: 1 },
            line: None,
            text: "No yard work.".into(),
            original: None,
            language: None,
        }],
        language: None,
    }
}

#[test]
fn templates_round_trip_through_every_operation() {
    let tmp = Tmp::new("store", "templates");
    let p = protocol();
    let mut s = Store::open(&tmp.db()).expect("open");
    let saved = s
        .create_template(&p, &template("Fusion smoker heavy"))
        .expect("create");
    assert_eq!(saved.input, template("Fusion smoker heavy"));
    assert!(saved.created_at.ends_with('Z') && saved.created_at == saved.updated_at);

    // Names are unique ignoring case and spacing.
    let err = s
        .create_template(&p, &template("  fusion   SMOKER heavy "))
        .expect_err("taken");
    assert!(
        err.to_string()
            .starts_with("name: `fusion SMOKER heavy` already exists"),
        "{err}"
    );
    assert!(matches!(
        s.create_template(&p, &template("   ")),
        Err(StoreError::Name(_))
    ));

    // Read back in another connection: it is in the file, not just in memory.
    drop(s);
    let mut s = Store::open(&tmp.db()).expect("reopen");
    assert_eq!(
        s.template("FUSION SMOKER HEAVY")
            .expect("read")
            .expect("found")
            .input,
        template("Fusion smoker heavy")
    );

    let mut changed = template("Fusion smoker heavy");
    changed.job = Some(JobDemand::Medium);
    let updated = s
        .update_template(&p, "fusion smoker heavy", &changed)
        .expect("update");
    assert_eq!(updated.input.job, Some(JobDemand::Medium));
    assert!(updated.updated_at >= updated.created_at);

    s.rename_template("Fusion smoker heavy", "Fusion, medium job")
        .expect("rename");
    assert!(s.template("Fusion smoker heavy").expect("read").is_none());
    let copy = s
        .duplicate_template("Fusion, medium job", "Fusion copy")
        .expect("duplicate");
    assert_eq!(copy.input.procedure, "lumbar-fusion");
    let mut acdf = template("ACDF desk");
    acdf.procedure = "acdf".into();
    acdf.levels = Some(1);
    acdf.job = Some(JobDemand::Sedentary);
    acdf.edits.clear();
    s.create_template(&p, &acdf).expect("create");

    let names = |q: ListQuery| {
        s.list_templates(&q)
            .expect("list")
            .into_iter()
            .map(|t| t.name)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        names(ListQuery::default()),
        ["ACDF desk", "Fusion copy", "Fusion, medium job"]
    );
    assert_eq!(
        names(ListQuery {
            search: Some("fusion MED".into()),
            ..Default::default()
        }),
        ["Fusion, medium job"]
    );
    assert_eq!(
        names(ListQuery {
            procedure: Some("acdf".into()),
            ..Default::default()
        }),
        ["ACDF desk"]
    );
    assert_eq!(
        names(ListQuery {
            search: Some("lumbar".into()),
            ..Default::default()
        }),
        ["Fusion copy", "Fusion, medium job"]
    );
    assert_eq!(
        names(ListQuery {
            search: Some("%".into()),
            ..Default::default()
        }),
        Vec::<String>::new()
    );
    assert_eq!(
        names(ListQuery {
            limit: Some(1),
            ..Default::default()
        }),
        ["ACDF desk"]
    );

    s.delete_template("fusion copy").expect("delete");
    assert!(matches!(
        s.delete_template("fusion copy"),
        Err(StoreError::NotFound(_))
    ));
    assert_eq!(s.template_count().expect("count"), 2);
}

#[test]
fn an_unusable_template_is_never_saved() {
    let tmp = Tmp::new("store", "invalid");
    let p = protocol();
    let mut s = Store::open(&tmp.db()).expect("open");
    let mut t = template("Bad");
    t.procedure = "spinal-tap".into();
    let e = s
        .create_template(&p, &t)
        .expect_err("unknown procedure")
        .to_string();
    assert!(
        e.contains("procedure: unknown procedure `spinal-tap`"),
        "{e}"
    );
    let mut t = template("Bad");
    t.levels = Some(9);
    assert!(
        s.create_template(&p, &t)
            .expect_err("levels")
            .to_string()
            .contains("levels: 9 is outside")
    );
    let mut t = template("Bad");
    t.edits = vec![PlanEdit {
        target: EditTarget::Goals { phase: 40 },
        line: None,
        text: "x".into(),
        original: None,
        language: None,
    }];
    assert!(
        s.create_template(&p, &t)
            .expect_err("edit")
            .to_string()
            .contains("edits[0].phase")
    );
    assert_eq!(s.template_count().expect("count"), 0);
}

#[test]
fn settings_and_surgeons_round_trip() {
    let tmp = Tmp::new("store", "settings");
    let mut s = Store::open(&tmp.db()).expect("open");
    let defaults = s.settings().expect("settings");
    assert_eq!(
        (
            defaults.paper.as_str(),
            defaults.large_print,
            defaults.history
        ),
        ("letter", false, false)
    );
    s.set_setting("clinic-name", "Riverside  Spine Center")
        .expect("set");
    s.set_setting("clinic-phone", "(555) 201-3300")
        .expect("set");
    s.set_setting("after-hours-phone", "555.201.3399 x12")
        .expect("set");
    s.set_setting("office-hours", "  Mon-Fri   8 am to 5 pm ")
        .expect("set");
    s.set_setting("paper", "A4").expect("set");
    s.set_setting("large-print", "on").expect("set");
    s.add_surgeon("Dr. Ana Rivera", Some("(555) 201-3311"), true)
        .expect("surgeon");
    s.add_surgeon("Dr. Ben Okafor", None, false)
        .expect("surgeon");
    s.set_setting("default-surgeon", "dr. ben okafor")
        .expect("default");
    drop(s);
    let mut s = Store::open(&tmp.db()).expect("reopen");
    let got = s.settings().expect("settings");
    assert_eq!(got.clinic_name.as_deref(), Some("Riverside Spine Center"));
    assert_eq!(got.clinic_phone.as_deref(), Some("(555) 201-3300"));
    assert_eq!(got.after_hours_phone.as_deref(), Some("555.201.3399 x12"));
    assert_eq!(got.office_hours.as_deref(), Some("Mon-Fri 8 am to 5 pm"));
    assert_eq!((got.paper.as_str(), got.large_print), ("a4", true));
    let defaults: Vec<&str> = got
        .surgeons
        .iter()
        .filter(|x| x.is_default)
        .map(|x| x.name.as_str())
        .collect();
    assert_eq!(defaults, ["Dr. Ben Okafor"]);

    for (key, value, expect) in [
        (
            "paper",
            "legal",
            "paper: `legal` is not allowed; use letter or a4",
        ),
        (
            "large-print",
            "maybe",
            "large-print: `maybe` is not allowed; use on or off",
        ),
        (
            "clinic-phone",
            "call us",
            "clinic-phone: `call us` is not a phone number",
        ),
        (
            "office-hours",
            "Monday to Friday from eight in the morning to five in the evening",
            "office-hours: is longer than 60 characters",
        ),
        (
            "colour",
            "blue",
            "setting: unknown key `colour`; allowed: clinic-name",
        ),
        (
            "default-surgeon",
            "Dr. Nobody",
            "default-surgeon: no surgeon named `Dr. Nobody`",
        ),
    ] {
        let e = s.set_setting(key, value).expect_err("refused").to_string();
        assert!(e.starts_with(expect), "{key}={value}: {e}");
    }
    assert_eq!(
        s.settings().expect("settings"),
        got,
        "a refused setting changes nothing"
    );
    s.set_setting("clinic-phone", "").expect("clear");
    assert_eq!(s.settings().expect("settings").clinic_phone, None);
    s.remove_surgeon("Dr. Ana Rivera").expect("remove");
    assert_eq!(s.settings().expect("settings").surgeons.len(), 1);
}

fn record() -> PacketRecord {
    PacketRecord {
        plan: PlanInput {
            procedure: "acdf".into(),
            levels: Some(1),
            factors: BTreeSet::new(),
            job: Some(JobDemand::Light),
            surgery_date: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("date"),
            discharge_date: None,
            language: None,
            booked: Vec::new(),
        },
        edits: Vec::new(),
        patient_name: "Maria Gonzalez".into(),
        date_of_birth: chrono::NaiveDate::from_ymd_opt(1961, 4, 12),
        mrn: Some("00123456".into()),
        surgeon: Some("Dr. Ana Rivera".into()),
        clinic_name: None,
        clinic_phone: Some("(555) 201-3300".into()),
        after_hours_phone: None,
        office_hours: None,
        paper: "letter".into(),
        large_print: false,
        printed_on: chrono::NaiveDate::from_ymd_opt(2026, 12, 2).expect("date"),
    }
}

/// Whether the raw database file (and its WAL) contains `needle` anywhere.
fn file_contains(db: &Path, needle: &str) -> bool {
    [db.to_path_buf(), db.with_extension("db-wal")]
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .any(|bytes| bytes.windows(needle.len()).any(|w| w == needle.as_bytes()))
}

#[test]
fn history_stores_identifiers_only_while_it_is_on() {
    let tmp = Tmp::new("store", "history");
    let mut s = Store::open(&tmp.db()).expect("open");
    // Off by default: nothing is written.
    assert_eq!(
        s.record_packet("ab", "2026.11.0", b"%PDF-1.7 one", &record())
            .expect("record"),
        None
    );
    assert!(s.history().expect("history").is_empty());
    assert!(!file_contains(&tmp.db(), "Gonzalez"));

    s.set_setting("history", "on").expect("on");
    let id = s
        .record_packet("ab", "2026.11.0", b"%PDF-1.7 one", &record())
        .expect("record")
        .expect("an id");
    let e = s.history_entry(id).expect("entry");
    assert_eq!(
        (e.nurse_initials.as_str(), e.record.clone()),
        ("AB", record())
    );
    // The PDF is kept as printed, with its fingerprint.
    assert_eq!(
        s.history_pdf(id).expect("pdf").as_deref(),
        Some(&b"%PDF-1.7 one"[..])
    );
    // `printf '%PDF-1.7 one' | sha256sum`
    assert_eq!(
        e.pdf_sha256,
        "e6d49ab2abf82176003da667a50ba1d708796b091f2957400c19699badfb6a20"
    );
    assert!(matches!(
        s.record_packet("a1", "v", b"%PDF", &record()),
        Err(StoreError::Setting { .. })
    ));
    // It cannot be turned off while it holds identifiers.
    assert!(matches!(
        s.set_setting("history", "off"),
        Err(StoreError::HistoryNotEmpty(1))
    ));
    s.record_packet("cd", "2026.11.0", b"%PDF-1.7 two", &record())
        .expect("record");
    s.delete_history(id).expect("delete one");
    assert!(matches!(
        s.history_entry(id),
        Err(StoreError::NoSuchPacket(_))
    ));
    assert_eq!(s.delete_all_history().expect("delete all"), 1);
    s.set_setting("history", "off").expect("off");
    drop(s);
    assert!(
        !file_contains(&tmp.db(), "Gonzalez"),
        "a deleted name is still in the file"
    );
}

#[test]
fn export_then_import_into_an_empty_database_gives_the_same_data() {
    let tmp = Tmp::new("store", "export");
    let p = protocol();
    let mut a = Store::open(&tmp.0.join("a.db")).expect("open");
    a.create_template(&p, &template("Fusion smoker heavy"))
        .expect("create");
    let mut acdf = template("ACDF desk");
    acdf.procedure = "acdf".into();
    acdf.levels = Some(1);
    acdf.edits.clear();
    a.create_template(&p, &acdf).expect("create");
    a.set_setting("clinic-phone", "(555) 201-3300")
        .expect("set");
    a.add_surgeon("Dr. Ana Rivera", None, true)
        .expect("surgeon");
    let exported =
        serde_json::to_string_pretty(&a.export(&p.version).expect("export")).expect("json");

    let mut b = Store::open(&tmp.0.join("b.db")).expect("open");
    let report = b
        .import(&exported, &p, OnConflict::Fail, true)
        .expect("import");
    assert_eq!(report.added, ["ACDF desk", "Fusion smoker heavy"]);
    assert_eq!(
        b.export(&p.version).expect("export"),
        a.export(&p.version).expect("export")
    );

    // Importing again: conflicts are reported by name and nothing changes.
    match b.import(&exported, &p, OnConflict::Fail, false) {
        Err(StoreError::Conflicts(names)) => {
            assert_eq!(names, ["ACDF desk", "Fusion smoker heavy"])
        }
        other => panic!("expected conflicts, got {other:?}"),
    }
    let r = b
        .import(&exported, &p, OnConflict::Rename, false)
        .expect("rename");
    assert_eq!(
        r.renamed[0],
        ("ACDF desk".to_owned(), "ACDF desk (2)".to_owned())
    );
    assert_eq!(b.template_count().expect("count"), 4);
    let r = b
        .import(&exported, &p, OnConflict::Skip, false)
        .expect("skip");
    assert_eq!(r.skipped.len(), 2);
    assert_eq!(b.template_count().expect("count"), 4);
}

#[test]
fn a_bad_import_changes_nothing() {
    let tmp = Tmp::new("store", "bad-import");
    let p = protocol();
    let mut s = Store::open(&tmp.db()).expect("open");
    s.create_template(&p, &template("Keep me")).expect("create");
    let before = s.export(&p.version).expect("export");
    let mut good = s.export(&p.version).expect("export");
    good.templates[0].input.name = "New one".into();
    let mut bad = good.clone();
    let mut broken = bad.templates[0].clone();
    broken.input.name = "Broken".into();
    broken.input.procedure = "spinal-tap".into();
    bad.templates.push(broken);
    let e = s
        .import(
            &serde_json::to_string(&bad).expect("json"),
            &p,
            OnConflict::Fail,
            false,
        )
        .expect_err("refused")
        .to_string();
    assert!(e.starts_with("import: nothing was changed: templates[1]: template `Broken`: procedure: unknown procedure `spinal-tap`"), "{e}");
    for text in ["{not json", "{\"format\": \"something-else\"}", "[]"] {
        let e = s
            .import(text, &p, OnConflict::Fail, false)
            .expect_err("malformed")
            .to_string();
        assert!(
            e.starts_with("import: nothing was changed: the file is not a Homeward export"),
            "{e}"
        );
    }
    let mut newer = good.clone();
    newer.version = 99;
    assert!(
        s.import(
            &serde_json::to_string(&newer).expect("json"),
            &p,
            OnConflict::Fail,
            false
        )
        .expect_err("newer")
        .to_string()
        .contains("version: 99 is newer")
    );
    let mut dup = good.clone();
    dup.templates.push(dup.templates[0].clone());
    assert!(
        s.import(
            &serde_json::to_string(&dup).expect("json"),
            &p,
            OnConflict::Fail,
            false
        )
        .expect_err("dup")
        .to_string()
        .contains("is the same as templates[0]")
    );
    assert_eq!(s.export(&p.version).expect("export"), before);
}

#[test]
fn a_damaged_or_foreign_file_is_refused_and_left_untouched() {
    let tmp = Tmp::new("store", "damaged");
    let db = tmp.db();
    std::fs::write(
        &db,
        b"These are my notes, not a database. Please keep them.\n".repeat(200),
    )
    .expect("write");
    let before = std::fs::read(&db).expect("read");
    let err = Store::open(&db).err().expect("refused");
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err}");
    let msg = err.to_string();
    assert!(
        msg.contains(&db.display().to_string()) && msg.contains("Restore the file from a backup"),
        "{msg}"
    );
    assert_eq!(
        std::fs::read(&db).expect("read"),
        before,
        "the file was changed"
    );

    // A real database whose pages are damaged.
    let good = tmp.0.join("good.db");
    let p = protocol();
    {
        let mut s = Store::open(&good).expect("open");
        for i in 0..200 {
            s.create_template(&p, &template(&format!("T{i}")))
                .expect("create");
        }
    }
    let mut bytes = std::fs::read(&good).expect("read");
    for b in &mut bytes[0..100] {
        *b = 0xA5;
    }
    std::fs::write(&good, &bytes).expect("write");
    assert!(matches!(
        Store::open(&good),
        Err(StoreError::NotADatabase { .. })
    ));

    // Another program's SQLite database.
    let other = tmp.0.join("other.db");
    {
        let c = rusqlite::Connection::open(&other).expect("open");
        c.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine');")
            .expect("create");
    }
    assert!(matches!(
        Store::open(&other),
        Err(StoreError::ForeignDatabase { .. })
    ));
    let c = rusqlite::Connection::open(&other).expect("open");
    let tables: i64 = c
        .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
        .expect("count");
    assert_eq!(
        tables, 1,
        "Homeward added tables to another program's database"
    );
}

#[test]
fn a_database_from_a_newer_version_is_refused() {
    let tmp = Tmp::new("store", "newer");
    drop(Store::open(&tmp.db()).expect("open"));
    {
        let c = rusqlite::Connection::open(tmp.db()).expect("open");
        c.pragma_update(None, "user_version", LATEST_VERSION + 1)
            .expect("bump");
    }
    let err = Store::open(&tmp.db()).err().expect("refused");
    assert!(
        matches!(err, StoreError::TooNew { found, supported, .. } if found == LATEST_VERSION + 1 && supported == LATEST_VERSION),
        "{err}"
    );
    assert!(err.to_string().contains("Update Homeward"));
}

#[test]
fn a_new_database_is_readable_by_its_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = Tmp::new("store", "perms");
    let db = tmp.0.join("nested/dir/homeward.db");
    drop(Store::open(&db).expect("open"));
    assert_eq!(
        std::fs::metadata(&db).expect("meta").permissions().mode() & 0o777,
        0o600
    );
    assert_eq!(
        std::fs::metadata(db.parent().expect("dir"))
            .expect("meta")
            .permissions()
            .mode()
            & 0o777,
        0o700
    );
}

fn schema(c: &rusqlite::Connection) -> Vec<(String, String, Option<String>)> {
    let mut st = c
        .prepare("SELECT type, name, sql FROM sqlite_schema ORDER BY type, name")
        .expect("prepare");
    st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows")
}

/// Loads a frozen old database, opens it with this version, and checks that its data is
/// all there and that the upgraded schema is exactly a fresh one.
fn upgrade_from(fixture: &str, name: &str) -> Store {
    let tmp = Tmp::new("store", name);
    let old = tmp.0.join("old.db");
    {
        let c = rusqlite::Connection::open(&old).expect("open");
        c.execute_batch(fixture).expect("load the frozen database");
    }
    let s = Store::open(&old).expect("upgrade");
    assert_eq!(s.schema_version().expect("version"), LATEST_VERSION);
    let fresh = tmp.0.join("fresh.db");
    drop(Store::open(&fresh).expect("fresh"));
    let a = rusqlite::Connection::open(&old).expect("open");
    let b = rusqlite::Connection::open(&fresh).expect("open");
    assert_eq!(schema(&a), schema(&b));
    // Reopen so the returned store outlives the temporary folder's connections.
    let copy = std::env::temp_dir().join(format!(
        "homeward-upgraded-{name}-{}.db",
        std::process::id()
    ));
    let _ = std::fs::remove_file(&copy);
    a.execute("VACUUM INTO ?1", [copy.to_str().expect("utf-8")])
        .expect("copy");
    Store::open(&copy).expect("copy opens")
}

fn assert_v1_data(s: &Store) {
    let p = protocol();
    let t = s
        .template("fusion smoker heavy")
        .expect("read")
        .expect("kept");
    assert_eq!(
        t.input.factors,
        ["diabetes".to_owned(), "nicotine".to_owned()].into()
    );
    assert_eq!(t.input.edits.len(), 1);
    assert_eq!(t.created_at, "2026-10-05T14:00:00.000Z");
    t.input.validate(&p).expect("still a usable template");
    let settings = s.settings().expect("settings");
    assert_eq!(
        (
            settings.clinic_name.as_deref(),
            settings.paper.as_str(),
            settings.large_print,
            settings.surgeons.len()
        ),
        (Some("Riverside Spine Center"), "a4", true, 2)
    );
    assert_eq!(s.template_count().expect("count"), 2);
    // Templates saved before the search index existed are found through it.
    let found = s
        .list_templates(&ListQuery {
            search: Some("rivera desk".into()),
            ..Default::default()
        })
        .expect("search");
    assert_eq!(found.len(), 1);
}

#[test]
fn a_version_1_database_upgrades_with_nothing_lost() {
    let s = upgrade_from(include_str!("fixtures/schema-v1.sql"), "v1");
    assert_v1_data(&s);
}

#[test]
fn a_version_2_database_upgrades_with_nothing_lost() {
    let s = upgrade_from(include_str!("fixtures/schema-v2.sql"), "v2");
    assert_v1_data(&s);
    let h = s.history().expect("history");
    assert_eq!(h.len(), 1);
    assert_eq!(
        (
            h[0].nurse_initials.as_str(),
            h[0].record.plan.procedure.as_str()
        ),
        ("JK", "acdf")
    );
}

/// Version 4 keeps each printed packet's PDF. Packets recorded before keep everything they
/// had, and have no PDF (re-printing them re-makes them; see the app's history tests).
#[test]
fn a_version_3_database_upgrades_with_nothing_lost() {
    let s = upgrade_from(include_str!("fixtures/schema-v3.sql"), "v3");
    assert_v1_data(&s);
    let h = s.history().expect("history");
    let got: Vec<(&str, &str, &str)> = h
        .iter()
        .map(|e| {
            (
                e.nurse_initials.as_str(),
                e.record.patient_name.as_str(),
                e.protocol_version.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("RM", "Frozen Patient", "2026.11.2"),
            ("JK", "Test Patient", "2026.11.0")
        ]
    );
    assert_eq!(h[0].record.mrn.as_deref(), Some("00424242"));
    for e in &h {
        assert_eq!(s.history_pdf(e.id).expect("pdf"), None);
    }
}

#[test]
fn search_finds_any_part_of_a_name_and_follows_every_change() {
    let tmp = Tmp::new("store", "search");
    let p = protocol();
    let mut s = Store::open(&tmp.db()).expect("open");
    s.create_template(&p, &template("Rivera fusion, heavy job"))
        .expect("create");
    let mut acdf = template("Okafor ACDF desk");
    acdf.procedure = "acdf".into();
    acdf.levels = Some(1);
    acdf.edits.clear();
    s.create_template(&p, &acdf).expect("create");
    let find = |s: &Store, q: &str| {
        s.list_templates(&ListQuery {
            search: Some(q.into()),
            ..Default::default()
        })
        .expect("search")
        .into_iter()
        .map(|t| t.name)
        .collect::<Vec<_>>()
    };
    assert_eq!(find(&s, "FUS heavy"), ["Rivera fusion, heavy job"]);
    assert_eq!(find(&s, "kafo"), ["Okafor ACDF desk"]);
    assert_eq!(
        find(&s, "lumbar"),
        ["Rivera fusion, heavy job"],
        "procedure ids are searched too"
    );
    assert_eq!(
        find(&s, "de"),
        ["Okafor ACDF desk"],
        "two-letter words still filter"
    );
    assert_eq!(
        find(&s, "\"quoted\" OR x"),
        Vec::<String>::new(),
        "search words are text, not query syntax"
    );
    s.rename_template("Okafor ACDF desk", "Neck fusion desk")
        .expect("rename");
    assert!(find(&s, "kafo").is_empty());
    assert_eq!(find(&s, "neck"), ["Neck fusion desk"]);
    s.delete_template("Neck fusion desk").expect("delete");
    assert!(find(&s, "neck").is_empty());
}

/// A small pseudo-random generator, seeded from the clock and printed, so a failing run can
/// be repeated with HOMEWARD_CRASH_SEED.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below
    }
}

#[test]
fn saves_that_returned_survive_sigkill_at_random_moments() {
    let tmp = Tmp::new("store", "crash");
    let exe = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("target")
        .join(if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        })
        .join("examples/save_loop");
    assert!(
        exe.exists(),
        "cargo test builds the example; missing {}",
        exe.display()
    );
    let seed = std::env::var("HOMEWARD_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| u64::from(std::process::id()) * 7919);
    println!("crash test seed: {seed}");
    let mut rng = Lcg(seed);
    let mut saved: Vec<String> = Vec::new();
    for round in 0..30 {
        let mut child = Command::new(&exe)
            .arg(tmp.db())
            .arg(format!("r{round}"))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(std::time::Duration::from_millis(20 + rng.next(150)));
        child.kill().expect("SIGKILL");
        let out = child.wait_with_output().expect("wait");
        saved.extend(
            String::from_utf8_lossy(&out.stdout)
                .lines()
                .map(str::to_owned),
        );
    }
    assert!(
        saved.len() > 30,
        "too few saves returned before the kills ({}) to test anything",
        saved.len()
    );
    let s = Store::open(&tmp.db()).expect("open after the crashes");
    assert!(
        s.integrity_ok().expect("integrity check"),
        "integrity_check is not ok"
    );
    for name in &saved {
        assert!(
            s.template(name).expect("read").is_some(),
            "`{name}` was saved but is missing (seed {seed})"
        );
    }
    println!(
        "{} saves returned across 30 kills; all present",
        saved.len()
    );
}

#[test]
fn many_processes_opening_a_new_database_at_once_all_succeed() {
    // Two nurses' app windows (or CLI runs) starting together must not trip over each
    // other creating the file, switching to WAL or running the migrations.
    for round in 0..5 {
        let tmp = Tmp::new("store", &format!("race-{round}"));
        let db = tmp.db();
        let handles: Vec<_> = (0..6)
            .map(|_| {
                let db = db.clone();
                std::thread::spawn(move || {
                    Store::open(&db)
                        .map(|s| s.schema_version().expect("version"))
                        .map_err(|e| e.to_string())
                })
            })
            .collect();
        for h in handles {
            assert_eq!(h.join().expect("thread"), Ok(LATEST_VERSION));
        }
    }
}

#[test]
fn a_batch_of_templates_is_saved_whole_or_not_at_all() {
    let tmp = Tmp::new("store", "batch");
    let p = protocol();
    let mut s = Store::open(&tmp.db()).expect("open");
    let batch: Vec<TemplateInput> = (0..5).map(|i| template(&format!("T{i}"))).collect();
    s.create_templates(&p, &batch).expect("batch");
    assert_eq!(s.template_count().expect("count"), 5);
    let mut bad = vec![template("New A"), template("T3")];
    assert!(s.create_templates(&p, &bad).is_err(), "T3 is taken");
    bad[1].name = "New B".into();
    bad[1].procedure = "spinal-tap".into();
    assert!(s.create_templates(&p, &bad).is_err(), "unknown procedure");
    assert_eq!(
        s.template_count().expect("count"),
        5,
        "a failed batch saved some of its templates"
    );
}

#[test]
fn import_checks_settings_and_renames_around_names_in_the_file() {
    let tmp = Tmp::new("store", "import-settings");
    let p = protocol();
    let mut s = Store::open(&tmp.db()).expect("open");
    s.create_template(&p, &template("A")).expect("create");
    let mut data = s.export(&p.version).expect("export");
    data.settings.clinic_name = Some("x".repeat(500));
    data.settings.surgeons = vec![
        homeward_store::Surgeon {
            name: "Dr. Lee".into(),
            phone: Some("<script>".into()),
            is_default: true,
        },
        homeward_store::Surgeon {
            name: "dr. LEE".into(),
            phone: None,
            is_default: false,
        },
    ];
    let e = s
        .import(
            &serde_json::to_string(&data).expect("json"),
            &p,
            OnConflict::Skip,
            true,
        )
        .expect_err("bad settings")
        .to_string();
    for part in [
        "settings.clinic_name",
        "settings.surgeons[0].phone",
        "settings.surgeons[1].name: `dr. LEE` is listed twice",
    ] {
        assert!(e.contains(part), "{part} missing from: {e}");
    }
    // Without --with-settings the same file's templates import fine.
    let mut second = data.templates[0].clone();
    second.input.name = "A (2)".into();
    data.templates.push(second);
    let r = s
        .import(
            &serde_json::to_string(&data).expect("json"),
            &p,
            OnConflict::Rename,
            false,
        )
        .expect("import");
    assert_eq!(r.renamed, [("A".to_owned(), "A (3)".to_owned())]);
    assert_eq!(r.added, ["A (2)"]);
}
