//! The clinic's protocol kept in the database as versions, through the real `homeward`
//! binary: import a folder, use it, approve, change, compare, restore, export; bad input
//! changes nothing.

use serde_json::Value;

use crate::util::{Dir, hw, pdf_text};

/// The day ACDF's plan lets the patient drive, with the protocol in use in `dir`'s database.
fn acdf_driving_day(dir: &Dir) -> i64 {
    acdf_driving_day_with(dir, &[])
}

/// As [`acdf_driving_day`], with `global` flags first (`--protocol DIR`).
fn acdf_driving_day_with(dir: &Dir, global: &[&str]) -> i64 {
    let mut args = global.to_vec();
    args.extend([
        "plan",
        "--procedure",
        "acdf",
        "--levels",
        "1",
        "--surgery-date",
        "2026-12-01",
        "--json",
    ]);
    let v: Value = serde_json::from_str(&hw(dir, &args).ok()).expect("json");
    v["driving"]["day"].as_i64().expect("a driving day")
}

/// Exports the protocol in use to `name` and sets ACDF's driving day in it to `day`.
fn edited_folder(dir: &Dir, name: &str, day: u32) -> String {
    let folder = dir.join(name);
    let folder_s = folder.to_str().expect("utf-8").to_owned();
    hw(dir, &["protocol", "export", &folder_s]).ok();
    let file = folder.join("procedures/acdf.toml");
    let text = std::fs::read_to_string(&file).expect("exported");
    // The driving rule's day, whatever it is now.
    let key = "[driving]\nday = ";
    let at = text.find(key).expect("a driving rule") + key.len();
    let end = at + text[at..].find('\n').expect("end of line");
    let edited = format!("{}{day}{}", &text[..at], &text[end..]);
    std::fs::write(&file, edited).expect("edit");
    folder_s
}

#[test]
fn the_clinic_imports_approves_changes_compares_and_restores_its_protocol() {
    let dir = Dir::new("protocol-versions");
    assert_eq!(acdf_driving_day(&dir), 14, "the built-in protocol");
    assert!(
        hw(&dir, &["protocol", "list"])
            .ok()
            .contains("the built-in one is in use")
    );

    // Version 1: the clinic's own folder, in use at once, not yet approved.
    let v1 = edited_folder(&dir, "v1", 21);
    let said = hw(
        &dir,
        &[
            "protocol",
            "import",
            &v1,
            "--by",
            "ab",
            "--reason",
            "clinic audit 2026",
        ],
    )
    .ok();
    assert!(said.contains("clinic's protocol version 1"), "{said}");
    assert_eq!(acdf_driving_day(&dir), 21);
    let list = hw(&dir, &["protocol", "list"]).ok();
    assert!(
        list.contains("version 1") && list.contains("by AB") && list.contains("NOT APPROVED"),
        "{list}"
    );

    hw(
        &dir,
        &[
            "protocol",
            "approve",
            "1",
            "--by",
            "ef",
            "--on",
            "2026-12-01",
        ],
    )
    .ok();
    let list = hw(&dir, &["protocol", "list"]).ok();
    assert!(
        list.contains("approved by EF on 2026-12-01, review due 2028-12-01"),
        "{list}"
    );

    // The packet names the clinic's version and its review date; the care-team sheet says
    // who approved it.
    let (packet, sheet) = (dir.join("p.pdf"), dir.join("p-care.pdf"));
    hw(
        &dir,
        &[
            "packet",
            "--procedure",
            "acdf",
            "--levels",
            "1",
            "--surgery-date",
            "2026-12-01",
            "--patient-name",
            "Test Patient",
            "--clinic-phone",
            "(555) 201-3300",
            "--printed-on",
            "2026-12-02",
            "--out",
            packet.to_str().expect("utf-8"),
            "--care-sheet",
            sheet.to_str().expect("utf-8"),
        ],
    )
    .ok();
    let text = pdf_text;
    assert!(
        text(&packet).contains("v1, review by Dec 1, 2028"),
        "{}",
        text(&packet)
    );
    assert!(
        text(&sheet).contains("the clinic's version 1") && text(&sheet).contains("approved by EF"),
        "{}",
        text(&sheet)
    );

    // Version 2: another change; the diff shows exactly the changed line.
    let v2 = edited_folder(&dir, "v2", 28);
    hw(
        &dir,
        &[
            "protocol",
            "import",
            &v2,
            "--by",
            "cd",
            "--reason",
            "surgeons' meeting",
        ],
    )
    .ok();
    assert_eq!(acdf_driving_day(&dir), 28);
    let diff = hw(&dir, &["protocol", "diff", "1", "2"]).ok();
    let lines: Vec<&str> = diff.lines().collect();
    assert_eq!(lines[0], "procedures/acdf.toml", "{diff}");
    assert!(
        lines[1].starts_with("  - v1:") && lines[1].ends_with("day = 21"),
        "{diff}"
    );
    assert!(
        lines[2].starts_with("  + v2:") && lines[2].ends_with("day = 28"),
        "{diff}"
    );
    assert_eq!(lines.len(), 3, "{diff}");

    // Restoring version 1 makes it version 3, in use, unapproved; 1 and 2 stay.
    let said = hw(&dir, &["protocol", "restore", "1", "--by", "ab"]).ok();
    assert!(said.contains("saved again as version 3"), "{said}");
    assert_eq!(acdf_driving_day(&dir), 21);
    let json: Value =
        serde_json::from_str(&hw(&dir, &["protocol", "list", "--json"]).ok()).expect("json");
    let numbers: Vec<i64> = json
        .as_array()
        .expect("list")
        .iter()
        .map(|v| v["number"].as_i64().expect("number"))
        .collect();
    assert_eq!(numbers, [3, 2, 1]);
    assert_eq!(json[0]["reason"], "restored version 1");
    // `show` gives a version's record and what it holds; an older one is not in use.
    let shown = hw(&dir, &["protocol", "show", "--version", "2"]).ok();
    assert!(
        shown.contains("version 2")
            && shown.contains("reason: surgeons' meeting")
            && shown.contains("not in use")
            && shown
                .lines()
                .any(|l| l.trim_start().starts_with("acdf") && l.ends_with("driving from day 28")),
        "{shown}"
    );
    assert!(hw(&dir, &["protocol", "show"]).ok().contains("in use now"));
    assert_eq!(json[0]["approval"], Value::Null);
    assert_eq!(json[2]["approval"]["by"], "EF");

    // Any version exports as a folder that checks, and holds what was imported.
    let out = dir.join("export-v2");
    let out_s = out.to_str().expect("utf-8");
    hw(&dir, &["protocol", "export", out_s, "--version", "2"]).ok();
    assert!(
        hw(&dir, &["protocol", "check", out_s])
            .ok()
            .starts_with("ok:")
    );
    assert_eq!(
        std::fs::read_to_string(out.join("procedures/acdf.toml")).expect("exported"),
        std::fs::read_to_string(dir.join("v2/procedures/acdf.toml")).expect("imported")
    );
    // `--protocol DIR` still wins over the database (which holds day 21 now), and a packet
    // made from it says on the care-team sheet that it is not a saved clinic protocol.
    assert_eq!(acdf_driving_day_with(&dir, &["--protocol", out_s]), 28);
    assert_eq!(acdf_driving_day(&dir), 21);
    let sheet = dir.join("folder-care.pdf");
    hw(
        &dir,
        &[
            "--protocol",
            out_s,
            "packet",
            "--procedure",
            "acdf",
            "--surgery-date",
            "2026-12-01",
            "--patient-name",
            "Test Patient",
            "--clinic-phone",
            "(555) 201-3300",
            "--out",
            dir.join("folder.pdf").to_str().expect("utf-8"),
            "--care-sheet",
            sheet.to_str().expect("utf-8"),
        ],
    )
    .ok();
    assert!(pdf_text(&sheet).contains("NOT A SAVED CLINIC PROTOCOL"));
}

#[test]
fn bad_protocol_input_names_the_field_and_saves_nothing() {
    let dir = Dir::new("protocol-bad");
    let folder = edited_folder(&dir, "clinic", 21);
    // A folder that is not a valid protocol: named, and not saved.
    let file = dir.join("clinic/procedures/acdf.toml");
    let text = std::fs::read_to_string(&file).expect("read");
    std::fs::write(
        &file,
        text.replacen(
            "source = \"default-driving-acdf\"",
            "source = \"made-up\"",
            1,
        ),
    )
    .expect("edit");
    let line = hw(
        &dir,
        &["protocol", "import", &folder, "--by", "ab", "--reason", "x"],
    )
    .bad_input();
    assert!(
        line.contains("protocol import")
            && line.contains("procedures/acdf.toml")
            && line.contains("driving.source"),
        "{line}"
    );
    assert!(
        !dir.join("homeward.db").exists(),
        "a refused folder (and exporting the protocol in use) wrote no database"
    );
    std::fs::write(&file, text).expect("restore the file");
    for (args, want) in [
        (vec!["--by", "a1", "--reason", "x"], "by: initials"),
        (vec!["--by", "ab", "--reason", " "], "reason: say why"),
    ] {
        let mut all = vec!["protocol", "import", folder.as_str()];
        all.extend(args);
        let line = hw(&dir, &all).bad_input();
        assert!(line.contains(want), "{line}");
    }
    assert!(
        hw(&dir, &["protocol", "list"])
            .ok()
            .contains("the built-in one is in use"),
        "a refused import saved nothing"
    );
    hw(
        &dir,
        &[
            "protocol", "import", &folder, "--by", "ab", "--reason", "first",
        ],
    )
    .ok();
    for (args, want) in [
        (vec!["protocol", "approve", "1", "--by", ""], "by: initials"),
        (
            vec![
                "protocol",
                "approve",
                "1",
                "--by",
                "ab",
                "--review-months",
                "0",
            ],
            "review-months",
        ),
        (
            vec!["protocol", "approve", "7", "--by", "ab"],
            "no version 7",
        ),
        (vec!["protocol", "diff", "1", "9"], "no version 9"),
        (
            vec!["protocol", "restore", "1", "--by", "ab"],
            "nothing changed",
        ),
        (
            vec![
                "protocol",
                "import",
                folder.as_str(),
                "--by",
                "ab",
                "--reason",
                "again",
            ],
            "nothing changed since version 1",
        ),
    ] {
        let line = hw(&dir, &args).bad_input();
        assert!(line.contains(want), "{args:?}: {line}");
    }
    let json: Value =
        serde_json::from_str(&hw(&dir, &["protocol", "list", "--json"]).ok()).expect("json");
    assert_eq!(json.as_array().map(Vec::len), Some(1));
    assert_eq!(json[0]["approval"], Value::Null);
}
