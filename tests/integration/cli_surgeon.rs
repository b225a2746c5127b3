//! A surgeon's orders through the real `homeward` binary: imported with the clinic's
//! protocol, applied by `--surgeon` on `plan` and `packet` (and by a template's or the
//! default surgeon), named on the packet and the care-team sheet; bad orders save nothing.

use serde_json::Value;

use crate::util::{Dir, hw, pdf_text};

const PATEL: &str = r#"name = "Dr. Ana Patel"

[[source]]
id = "patel-orders"
kind = "orders"
citation = "Dr. Ana Patel, standing discharge orders after neck fusion, 2026"

[[procedure.acdf.phase_patch]]
phase = 1
lifting_limit_lb = 15
lifting_source = "patel-orders"

[procedure.acdf.driving]
day = 28
source = "patel-orders"
"#;

/// Exports the protocol in use into `name`, adds `surgeons/patel.toml` with `orders`, and
/// returns the folder.
fn folder_with(dir: &Dir, name: &str, orders: &str) -> String {
    let folder = dir.join(name);
    let s = folder.to_str().expect("utf-8").to_owned();
    hw(dir, &["protocol", "export", &s]).ok();
    std::fs::create_dir_all(folder.join("surgeons")).expect("mkdir");
    std::fs::write(folder.join("surgeons/patel.toml"), orders).expect("write");
    s
}

fn acdf_plan(dir: &Dir, surgeon: Option<&str>) -> Value {
    let mut args = vec![
        "plan",
        "--procedure",
        "acdf",
        "--levels",
        "1",
        "--surgery-date",
        "2026-12-01",
        "--json",
    ];
    if let Some(s) = surgeon {
        args.extend(["--surgeon", s]);
    }
    serde_json::from_str(&hw(dir, &args).ok()).expect("json")
}

/// Writes an ACDF packet and its care-team sheet for Dr. Patel's patient, printed on
/// 2026-12-02, into `dir`; their paths.
fn patel_acdf_packet(dir: &Dir) -> (std::path::PathBuf, std::path::PathBuf) {
    let (packet, sheet) = (dir.join("p.pdf"), dir.join("s.pdf"));
    hw(
        dir,
        &[
            "packet",
            "--procedure",
            "acdf",
            "--surgery-date",
            "2026-12-01",
            "--surgeon",
            "patel",
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
    (packet, sheet)
}

#[test]
fn a_surgeons_orders_apply_to_their_packets_only() {
    let dir = Dir::new("surgeon-orders");
    let folder = folder_with(&dir, "clinic", PATEL);
    hw(
        &dir,
        &[
            "protocol",
            "import",
            &folder,
            "--by",
            "KL",
            "--reason",
            "Dr Patel's orders",
        ],
    )
    .ok();
    // `protocol show` lists the surgeon and what the orders change.
    let shown = hw(&dir, &["protocol", "show"]).ok();
    assert!(shown.contains("Dr. Ana Patel (patel)"), "{shown}");

    let clinic = acdf_plan(&dir, None);
    assert_eq!(clinic["driving"]["day"], 14);
    assert_eq!(clinic["phases"][1]["lifting_limit_lb"], 10);
    assert!(clinic.get("surgeon").is_none());

    // By id or by name, whatever the case and punctuation.
    for name in ["patel", "dr ana patel", "DR. ANA PATEL"] {
        let p = acdf_plan(&dir, Some(name));
        assert_eq!(p["driving"]["day"], 28, "{name}");
        assert_eq!(p["driving"]["source"], "patel-orders");
        assert_eq!(p["phases"][1]["lifting_limit_lb"], 15);
        assert_eq!(p["surgeon"]["name"], "Dr. Ana Patel");
        let fields: Vec<&str> = p["set_by"]
            .as_array()
            .expect("set_by")
            .iter()
            .map(|s| s["field"].as_str().unwrap())
            .collect();
        assert!(fields.contains(&"driving.day") && fields.contains(&"phase[1].lifting_limit_lb"));
    }
    // Another surgeon, with no orders of their own, gets the clinic's protocol, and the
    // nurse is told which surgeons have orders (a misspelt name is caught).
    let other = acdf_plan(&dir, Some("Dr. Lee"));
    assert_eq!(other["driving"]["day"], 14);
    assert!(other.get("surgeon").is_none());
    let run = hw(
        &dir,
        &[
            "plan",
            "--procedure",
            "acdf",
            "--surgery-date",
            "2026-12-01",
            "--surgeon",
            "Dr Patle",
        ],
    );
    assert_eq!(run.code, 0);
    assert!(
        run.stderr
            .contains("no orders are saved for surgeon `Dr Patle`")
            && run.stderr.contains("Dr. Ana Patel (patel)"),
        "{}",
        run.stderr
    );
    // The text plan says whose orders and what they set.
    let text = hw(
        &dir,
        &[
            "plan",
            "--procedure",
            "acdf",
            "--surgery-date",
            "2026-12-01",
            "--surgeon",
            "patel",
        ],
    )
    .ok();
    assert!(
        text.contains("Surgeon's orders: Dr. Ana Patel (patel)"),
        "{text}"
    );
    assert!(text.contains("set by Dr. Ana Patel: driving.day"), "{text}");

    // The packet names the surgeon on every page and on page 1; the care-team sheet says
    // what the orders change.
    let (packet, sheet) = patel_acdf_packet(&dir);
    let text = pdf_text(&packet);
    let pages = text.split('\u{c}').filter(|p| !p.trim().is_empty()).count();
    assert_eq!(
        text.matches("Dr. Ana Patel's orders").count(),
        pages,
        "every footer names the orders: {text}"
    );
    assert!(text.contains("Dr. Ana Patel"));
    assert!(
        text.contains("Do not drive before Tuesday, December 29,"),
        "driving day 28: {text}"
    );
    let care = pdf_text(&sheet);
    assert!(care.contains("Surgeon's orders: Dr. Ana Patel"), "{care}");
    assert!(
        care.contains("Set by Dr. Ana Patel: driving.day, phase[1].lifting_limit_lb"),
        "{care}"
    );
    assert!(care.contains("driving.day"), "{care}");

    // The default surgeon's orders apply when the packet names no surgeon.
    // So do a template's surgeon's, and the default surgeon's when nothing names one.
    hw(
        &dir,
        &[
            "template",
            "save",
            "neck",
            "--procedure",
            "acdf",
            "--surgeon",
            "patel",
        ],
    )
    .ok();
    hw(
        &dir,
        &["settings", "add-surgeon", "dr ana patel", "--default"],
    )
    .ok();
    for (name, how) in [
        ("t.pdf", ["--template", "neck"]),
        ("d.pdf", ["--procedure", "acdf"]),
    ] {
        let pdf = dir.join(name);
        hw(
            &dir,
            &[
                "packet",
                how[0],
                how[1],
                "--surgery-date",
                "2026-12-01",
                "--patient-name",
                "Test Patient",
                "--clinic-phone",
                "(555) 201-3300",
                "--out",
                pdf.to_str().unwrap(),
            ],
        )
        .ok();
        assert!(pdf_text(&pdf).contains("Dr. Ana Patel's orders"), "{how:?}");
    }
}

#[test]
fn bad_orders_are_refused_at_import_naming_the_file_procedure_and_field() {
    let dir = Dir::new("surgeon-bad");
    let bad = PATEL.replace("source = \"patel-orders\"\n\"", "\"");
    let bad = bad.replace("day = 28\nsource = \"patel-orders\"", "day = 28");
    let folder = folder_with(&dir, "bad", &bad);
    let said = hw(
        &dir,
        &["protocol", "import", &folder, "--by", "KL", "--reason", "x"],
    )
    .bad_input();
    assert!(said.contains("surgeons/patel.toml"), "{said}");
    assert!(said.contains("procedure `acdf`"), "{said}");
    assert!(said.contains("driving.source"), "{said}");
    assert!(
        hw(&dir, &["protocol", "list"])
            .ok()
            .contains("the built-in one is in use"),
        "nothing saved"
    );
    // `protocol check` says the same of the folder.
    let said = hw(&dir, &["protocol", "check", &folder]).bad_input();
    assert!(said.contains("surgeons/patel.toml"), "{said}");
}

#[test]
fn protocol_check_reports_days_outside_their_published_range() {
    let dir = Dir::new("surgeon-ranges");
    let early = PATEL.replace(
        "day = 28\nsource = \"patel-orders\"",
        "day = 7\nsource = \"patel-orders\"",
    );
    // Without a reason the orders are refused, naming the range and its sources.
    let folder = folder_with(&dir, "no-reason", &early);
    let said = hw(&dir, &["protocol", "check", &folder]).bad_input();
    assert!(
        said.contains("surgeons/patel.toml")
            && said.contains("driving.day")
            && said.contains("day 7 is outside the published range (day 14 or later; scott2015)"),
        "{said}"
    );
    // With one, the check passes and lists the day, the range, who set it and why.
    let reason = "Dr. Patel clears drivers at the 1-week visit.";
    let folder = folder_with(
        &dir,
        "reason",
        &early.replace(
            "day = 7\n",
            &format!("day = 7\noutside_range_reason = \"{reason}\"\n"),
        ),
    );
    let said = hw(&dir, &["protocol", "check", &folder]).ok();
    assert!(said.contains("1 surgeons' orders"), "{said}");
    assert!(said.contains("1 set outside it:"), "{said}");
    assert!(
        said.contains(&format!(
            "acdf driving: day 7, published day 14 or later (scott2015); set by Dr. Ana Patel's orders; reason: {reason}"
        )),
        "{said}"
    );
    // The care-team sheet gives the reason beside the day; the patient's packet does not.
    hw(
        &dir,
        &[
            "protocol", "import", &folder, "--by", "KL", "--reason", "Dr Patel",
        ],
    )
    .ok();
    let (packet, sheet) = patel_acdf_packet(&dir);
    let care = pdf_text(&sheet).replace('\n', " ");
    assert!(
        care.contains(&format!(
            "(published range: day 14 or later [scott2015]); OUTSIDE IT, because: {reason}"
        )),
        "{care}"
    );
    assert!(care.contains("They change 2 values"), "{care}");
    assert!(!pdf_text(&packet).contains(reason));
    // The built-in protocol (a database with no clinic protocol) has none outside.
    let said = hw(&Dir::new("surgeon-ranges-builtin"), &["protocol", "check"]).ok();
    assert!(said.contains("0 set outside it"), "{said}");
    assert!(!said.contains("published ranges: 0 "), "{said}");
}
