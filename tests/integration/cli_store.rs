//! Templates, settings and history through the real binary and a real SQLite file.

use serde_json::Value;

use crate::util::{Dir, homeward};

/// Runs homeward against the database in `dir`.
fn hw(dir: &Dir, args: &[&str]) -> crate::util::Run {
    let db = dir.join("homeward.db");
    let mut all = vec!["--db", db.to_str().expect("utf-8")];
    all.extend_from_slice(args);
    homeward(&all)
}

const FUSION: &[&str] = &[
    "--procedure",
    "lumbar-fusion",
    "--levels",
    "2",
    "--smoker",
    "--diabetes",
    "--job",
    "heavy",
];

fn save(dir: &Dir, name: &str, case: &[&str]) {
    let mut args = vec!["template", "save", name];
    args.extend_from_slice(case);
    assert_eq!(hw(dir, &args).ok(), format!("saved template `{name}`\n"));
}

#[test]
fn templates_from_save_to_delete() {
    let dir = Dir::new("cli-templates");
    save(&dir, "Fusion smoker heavy", FUSION);
    save(
        &dir,
        "1-level ACDF, desk job",
        &[
            "--procedure",
            "acdf",
            "--levels",
            "1",
            "--job",
            "sedentary",
            "--surgeon",
            "Dr. Ana Rivera",
        ],
    );
    let list: Value =
        serde_json::from_str(&hw(&dir, &["template", "list", "--json"]).ok()).expect("json");
    let names: Vec<&str> = list
        .as_array()
        .expect("array")
        .iter()
        .map(|t| t["name"].as_str().expect("name"))
        .collect();
    assert_eq!(names, ["1-level ACDF, desk job", "Fusion smoker heavy"]);
    let found = hw(&dir, &["template", "list", "--search", "acdf"]).ok();
    assert!(
        found.contains("1-level ACDF") && !found.contains("Fusion"),
        "{found}"
    );

    let shown: Value = serde_json::from_str(
        &hw(&dir, &["template", "show", "FUSION SMOKER HEAVY", "--json"]).ok(),
    )
    .expect("json");
    assert_eq!(shown["procedure"], "lumbar-fusion");
    assert_eq!(shown["levels"], 2);
    assert_eq!(
        shown["factors"],
        serde_json::json!(["diabetes", "nicotine"])
    );
    assert_eq!(shown["job"], "heavy");

    hw(
        &dir,
        &["template", "rename", "Fusion smoker heavy", "Fusion heavy"],
    )
    .ok();
    hw(
        &dir,
        &["template", "duplicate", "Fusion heavy", "Fusion heavy copy"],
    )
    .ok();
    hw(&dir, &["template", "delete", "fusion heavy copy"]).ok();
    let text = hw(&dir, &["template", "list"]).ok();
    assert!(
        text.contains("Fusion heavy") && !text.contains("copy"),
        "{text}"
    );

    // Bad input: one line naming the field; nothing changes.
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["template", "save", "  ", "--procedure", "acdf"],
            "error: name: must not be empty",
        ),
        (
            vec!["template", "save", "fusion HEAVY", "--procedure", "acdf"],
            "error: name: `fusion HEAVY` already exists",
        ),
        (
            vec!["template", "save", "X", "--procedure", "spinal-tap"],
            "error: template `X`: procedure: unknown procedure `spinal-tap`",
        ),
        (
            vec![
                "template",
                "save",
                "X",
                "--procedure",
                "acdf",
                "--levels",
                "9",
            ],
            "error: template `X`: levels: 9 is outside",
        ),
        (
            vec!["template", "save", "X"],
            "error: --procedure: is required",
        ),
        (
            vec!["template", "show", "nope"],
            "error: template: no template named `nope`",
        ),
        (
            vec!["template", "delete", "nope"],
            "error: template: no template named `nope`",
        ),
        (
            vec![
                "template",
                "rename",
                "Fusion heavy",
                "1-LEVEL acdf, desk JOB",
            ],
            "already exists",
        ),
    ];
    for (args, expect) in cases {
        let line = hw(&dir, &args).bad_input();
        assert!(
            line.starts_with(expect) || line.contains(expect),
            "{args:?}: `{line}`"
        );
    }
    let after: Value =
        serde_json::from_str(&hw(&dir, &["template", "list", "--json"]).ok()).expect("json");
    assert_eq!(after.as_array().expect("array").len(), 2);
}

#[test]
fn export_and_import_between_two_units() {
    let a = Dir::new("cli-export-a");
    let b = Dir::new("cli-export-b");
    save(&a, "Fusion smoker heavy", FUSION);
    hw(&a, &["settings", "set", "clinic-phone", "(555) 201-3300"]).ok();
    let file = a.join("unit.json");
    let f = file.to_str().expect("utf-8");
    assert!(
        hw(&a, &["template", "export", f])
            .ok()
            .starts_with("exported 1 templates")
    );
    assert!(
        hw(&b, &["template", "import", f, "--with-settings"])
            .ok()
            .starts_with("imported: 1 added")
    );
    assert_eq!(
        hw(&b, &["template", "show", "Fusion smoker heavy", "--json"]).ok(),
        hw(&a, &["template", "show", "Fusion smoker heavy", "--json"]).ok()
    );
    assert!(
        hw(&b, &["settings", "show"])
            .ok()
            .contains("(555) 201-3300")
    );
    // A second import reports the conflict by name and changes nothing.
    let line = hw(&b, &["template", "import", f]).bad_input();
    assert!(
        line.contains("already exist: Fusion smoker heavy"),
        "{line}"
    );
    // A file with one bad entry changes nothing at all.
    let mut data: Value =
        serde_json::from_str(&std::fs::read_to_string(&file).expect("read")).expect("json");
    let mut bad = data["templates"][0].clone();
    bad["name"] = "Another".into();
    bad["procedure"] = "spinal-tap".into();
    let mut good = data["templates"][0].clone();
    good["name"] = "Good one".into();
    data["templates"] = serde_json::json!([good, bad]);
    let bad_file = b.join("bad.json");
    std::fs::write(&bad_file, data.to_string()).expect("write");
    let line = hw(
        &b,
        &["template", "import", bad_file.to_str().expect("utf-8")],
    )
    .bad_input();
    assert!(
        line.contains(
            "templates[1]: template `Another`: procedure: unknown procedure `spinal-tap`"
        ),
        "{line}"
    );
    std::fs::write(&bad_file, "{ this is not json").expect("write");
    let line = hw(
        &b,
        &["template", "import", bad_file.to_str().expect("utf-8")],
    )
    .bad_input();
    assert!(line.contains("not a Homeward export"), "{line}");
    let list: Value =
        serde_json::from_str(&hw(&b, &["template", "list", "--json"]).ok()).expect("json");
    assert_eq!(list.as_array().expect("array").len(), 1);
}

#[test]
fn a_packet_from_a_template_uses_the_clinic_settings() {
    let dir = Dir::new("cli-template-packet");
    save(&dir, "Fusion smoker heavy", FUSION);
    hw(&dir, &["settings", "set", "clinic-phone", "(555) 777-0199"]).ok();
    hw(
        &dir,
        &[
            "settings",
            "add-surgeon",
            "Dr. Priya Natarajan",
            "--default",
        ],
    )
    .ok();
    hw(&dir, &["settings", "set", "paper", "a4"]).ok();
    hw(
        &dir,
        &["settings", "set", "office-hours", "Mon-Fri 8 am to 5 pm"],
    )
    .ok();
    assert!(
        hw(&dir, &["settings", "show"])
            .ok()
            .contains("office-hours       Mon-Fri 8 am to 5 pm")
    );
    let out = dir.join("p.pdf");
    let o = out.to_str().expect("utf-8");
    hw(
        &dir,
        &[
            "packet",
            "--template",
            "fusion smoker heavy",
            "--surgery-date",
            "2026-12-01",
            "--patient-name",
            "Sam Lee",
            "--printed-on",
            "2026-12-03",
            "--out",
            o,
        ],
    )
    .ok();
    let text = std::process::Command::new("pdftotext")
        .args([o, "-"])
        .output()
        .expect("pdftotext");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("(555) 777-0199"),
        "the clinic phone from settings is not in the packet"
    );
    assert!(
        text.contains("Dr. Priya Natarajan"),
        "the default surgeon is not in the packet"
    );
    assert!(
        text.contains("Office hours: Mon-Fri 8 am to 5 pm."),
        "the office hours from settings are not in the packet"
    );
    assert!(
        text.contains("heavy work"),
        "the template's job is not in the packet"
    );
    let info = std::process::Command::new("pdfinfo")
        .arg(o)
        .output()
        .expect("pdfinfo");
    assert!(
        String::from_utf8_lossy(&info.stdout).contains("595.28 x 841.89"),
        "paper from settings"
    );
    let line = hw(
        &dir,
        &[
            "packet",
            "--template",
            "no such",
            "--surgery-date",
            "2026-12-01",
            "--patient-name",
            "Sam",
            "--out",
            o,
        ],
    )
    .bad_input();
    assert!(
        line.contains("--template: no template named `no such`"),
        "{line}"
    );
}

#[test]
fn history_keeps_packets_only_while_it_is_on() {
    let dir = Dir::new("cli-history");
    let out = dir.join("p.pdf");
    let o = out.to_str().expect("utf-8");
    let packet = |extra: &[&str]| {
        let mut args = vec![
            "packet",
            "--procedure",
            "acdf",
            "--surgery-date",
            "2026-12-01",
            "--patient-name",
            "Maria Gonzalez",
            "--mrn",
            "00123456",
            "--clinic-phone",
            "555-0100",
            "--printed-on",
            "2026-12-02",
            "--out",
            o,
        ];
        args.extend_from_slice(extra);
        hw(&dir, &args)
    };
    assert!(
        !packet(&["--nurse", "jk"]).ok().contains("recorded"),
        "history is off by default"
    );
    assert!(hw(&dir, &["history", "list"]).ok().is_empty());
    let db = std::fs::read(dir.join("homeward.db")).expect("db");
    assert!(
        !db.windows(8).any(|w| w == b"Gonzalez"),
        "a patient name reached the database while history was off"
    );

    hw(&dir, &["settings", "set", "history", "on"]).ok();
    let line = packet(&[]).bad_input();
    assert!(
        line.contains("--nurse: is required while packet history is on"),
        "{line}"
    );
    assert!(
        packet(&["--nurse", "jk"])
            .ok()
            .contains("recorded in packet history as 1")
    );
    let list: Value =
        serde_json::from_str(&hw(&dir, &["history", "list", "--json"]).ok()).expect("json");
    let entry = &list[0];
    assert_eq!(entry["nurse_initials"], "JK");
    assert_eq!(entry["record"]["patient_name"], "Maria Gonzalez");
    assert_eq!(entry["pdf_sha256"].as_str().expect("hash").len(), 64);
    let re = dir.join("re.pdf");
    hw(
        &dir,
        &[
            "history",
            "reprint",
            "1",
            "--out",
            re.to_str().expect("utf-8"),
        ],
    )
    .ok();
    let text = crate::util::pdf_text;
    assert_eq!(
        text(&re),
        text(&out),
        "a re-print says exactly what the original said"
    );
    assert!(
        std::fs::read(&re).expect("re-print") == std::fs::read(&out).expect("packet"),
        "a re-print is the printed packet, byte for byte"
    );
    assert!(
        hw(&dir, &["settings", "set", "history", "off"])
            .bad_input()
            .contains("still holds 1 packets")
    );
    hw(&dir, &["history", "delete", "--all"]).ok();
    hw(&dir, &["settings", "set", "history", "off"]).ok();
}

#[test]
fn a_damaged_database_is_named_and_left_alone() {
    let dir = Dir::new("cli-damaged");
    let db = dir.join("homeward.db");
    std::fs::write(&db, "not a database\n".repeat(300)).expect("write");
    let before = std::fs::read(&db).expect("read");
    let line = hw(&dir, &["template", "list"]).bad_input();
    assert!(
        line.contains(db.to_str().expect("utf-8"))
            && line.contains("is not a Homeward database")
            && line.contains("Restore the file from a backup"),
        "{line}"
    );
    assert_eq!(std::fs::read(&db).expect("read"), before);
}
