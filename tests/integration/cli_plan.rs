//! `homeward procedures` and `homeward plan`, end to end through the real binary.

use chrono::{Days, NaiveDate};
use serde_json::Value;

use crate::util::{Dir, homeward};

const DONE_CASE: &[&str] = &[
    "plan",
    "--procedure",
    "lumbar-fusion",
    "--levels",
    "2",
    "--smoker",
    "--diabetes",
    "--job",
    "heavy",
    "--surgery-date",
    "2026-12-01",
    "--json",
];

fn json(args: &[&str]) -> Value {
    serde_json::from_str(&homeward(args).ok()).expect("valid JSON")
}

fn date(v: &Value) -> NaiveDate {
    NaiveDate::parse_from_str(v.as_str().expect("a date string"), "%Y-%m-%d").expect("YYYY-MM-DD")
}

#[test]
fn procedures_lists_every_stable_id() {
    let v = json(&["procedures", "--json"]);
    let ids: Vec<&str> = v
        .as_array()
        .expect("array")
        .iter()
        .map(|p| p["id"].as_str().expect("id"))
        .collect();
    assert_eq!(
        ids,
        [
            "microdiscectomy",
            "laminectomy",
            "acdf",
            "lumbar-fusion",
            "mis-lumbar-fusion",
            "alif",
            "lateral-fusion",
            "fibrin-disc-repair"
        ]
    );
    let text = homeward(&["procedures"]).ok();
    assert!(
        text.contains("fibrin-disc-repair") && text.contains("clinic"),
        "{text}"
    );
}

#[test]
fn the_plan_json_keeps_its_contract() {
    let v = json(DONE_CASE);
    assert_eq!(v["procedure"]["id"], "lumbar-fusion");
    assert!(
        v["procedure"]["name"]
            .as_str()
            .is_some_and(|s| !s.is_empty())
    );
    let surgery = date(&v["surgery_date"]);
    assert_eq!(
        surgery,
        NaiveDate::from_ymd_opt(2026, 12, 1).expect("valid")
    );
    let plus = |day: &Value| surgery + Days::new(day.as_u64().expect("a day number"));

    let phases = v["phases"].as_array().expect("phases");
    assert_eq!(phases[0]["start_day"], 0);
    for (i, ph) in phases.iter().enumerate() {
        for key in [
            "name",
            "start_day",
            "end_day",
            "start_date",
            "end_date",
            "lifting_limit_lb",
            "restrictions",
        ] {
            assert!(ph.get(key).is_some(), "phase {i} lacks {key}");
        }
        assert_eq!(date(&ph["start_date"]), plus(&ph["start_day"]));
        if i + 1 < phases.len() {
            assert_eq!(date(&ph["end_date"]), plus(&ph["end_day"]));
        } else {
            assert!(
                ph["end_day"].is_null() && ph["end_date"].is_null(),
                "the last phase is open-ended"
            );
        }
        for r in ph["restrictions"].as_array().expect("restrictions") {
            assert!(r["activity"].is_string() && r["text"].is_string());
        }
    }
    assert_eq!(date(&v["pt_start"]["date"]), plus(&v["pt_start"]["day"]));
    let rtw = &v["return_to_work"];
    assert_eq!(rtw["job"], "heavy");
    assert_eq!(date(&rtw["date"]), plus(&rtw["day"]));
    assert_eq!(
        date(&rtw["full_duty"]["date"]),
        plus(&rtw["full_duty"]["day"])
    );
    assert!(rtw["full_duty"]["day"].as_u64() >= rtw["day"].as_u64());
    for w in v["warning_signs"].as_array().expect("signs") {
        assert!(
            ["emergency", "urgent", "call_office"].contains(&w["urgency"].as_str().unwrap_or("")),
            "{w}"
        );
        assert!(w["text"].is_string() && w["source"].is_string());
    }
    for f in v["follow_ups"].as_array().expect("follow-ups") {
        assert_eq!(date(&f["date"]), plus(&f["day"]));
        assert!(f["purpose"].is_string());
    }
    assert!(!v["nurse_notes"].as_array().expect("notes").is_empty());
    let sources = v["sources"].as_array().expect("sources");
    assert!(
        sources
            .iter()
            .all(|s| s["id"].is_string() && s["citation"].is_string())
    );
}

#[test]
fn the_text_plan_shows_the_dates_a_nurse_checks() {
    let args: Vec<&str> = DONE_CASE
        .iter()
        .copied()
        .filter(|a| *a != "--json")
        .collect();
    let text = homeward(&args).ok();
    let v = json(DONE_CASE);
    for key in ["pt_start", "return_to_work"] {
        let d = v[key]["date"].as_str().expect("date");
        assert!(text.contains(d), "text output lacks {key} date {d}");
    }
    assert!(
        text.contains("CALL 911") && text.contains("cessation referral"),
        "{text}"
    );
}

#[test]
fn every_bad_input_names_its_flag_and_prints_no_plan() {
    let base = [
        "plan",
        "--procedure",
        "acdf",
        "--surgery-date",
        "2026-12-01",
    ];
    let with = |extra: &[&str]| -> Vec<String> {
        base.iter().chain(extra).map(|s| (*s).to_owned()).collect()
    };
    let cases: Vec<(Vec<String>, &str, &str)> = vec![
        (
            vec![
                "plan".into(),
                "--procedure".into(),
                "spinal-tap".into(),
                "--surgery-date".into(),
                "2026-12-01".into(),
            ],
            "--procedure: unknown procedure `spinal-tap`",
            "allowed: microdiscectomy, laminectomy, acdf",
        ),
        (
            vec![
                "plan".into(),
                "--procedure".into(),
                "acdf".into(),
                "--surgery-date".into(),
                "2026-02-30".into(),
            ],
            "--surgery-date: `2026-02-30` is not a real calendar date",
            "YYYY-MM-DD",
        ),
        (
            vec![
                "plan".into(),
                "--procedure".into(),
                "acdf".into(),
                "--surgery-date".into(),
                "12/01/2026".into(),
            ],
            "--surgery-date: `12/01/2026` is not a date",
            "YYYY-MM-DD",
        ),
        (
            with(&["--discharge-date", "2026-11-30"]),
            "--discharge-date: 2026-11-30 is before the surgery date 2026-12-01",
            "on or after",
        ),
        (
            with(&["--discharge-date", "2026-13-01"]),
            "--discharge-date: `2026-13-01` is not a real calendar date",
            "YYYY-MM-DD",
        ),
        (
            with(&["--levels", "7"]),
            "--levels: 7 is outside the range for acdf",
            "(1 to 4 levels fused)",
        ),
        (
            with(&["--levels", "0"]),
            "--levels: 0 is outside the range for acdf",
            "(1 to 4 levels fused)",
        ),
        (
            with(&["--levels", "two"]),
            "--levels: `two` is not a whole number",
            "such as 1 or 2",
        ),
        (
            with(&["--job", "astronaut"]),
            "--job: unknown job level `astronaut`",
            "allowed: sedentary, light, medium, heavy, very-heavy",
        ),
        (
            with(&["--factor", "vampire"]),
            "--factor: unknown factor `vampire`",
            "allowed: nicotine, diabetes",
        ),
        (
            with(&["--booked", "2026-12-15"]),
            "--booked: `2026-12-15` has no `=`",
            "PLANNED=YYYY-MM-DD",
        ),
        (
            with(&["--booked", "2026-12-15=2026-12-16T25:00"]),
            "--booked: `25:00` is not a time",
            "HH:MM",
        ),
        (
            with(&["--booked", "2026-12-16=2026-12-17"]),
            "--booked: the plan has no follow-up visit planned for 2026-12-16 (day 15)",
            "2026-12-15 (day 14)",
        ),
        (
            with(&["--booked", "2026-12-15=2026-11-30"]),
            "--booked: the visit planned for 2026-12-15 cannot be booked on 2026-11-30",
            "book it from 2026-12-01",
        ),
        (
            vec!["plan".into(), "--surgery-date".into(), "2026-12-01".into()],
            "--procedure: is required",
            "homeward procedures",
        ),
        (
            vec!["plan".into(), "--procedure".into(), "acdf".into()],
            "--surgery-date: is required",
            "YYYY-MM-DD",
        ),
    ];
    for (args, starts, contains) in cases {
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        let line = homeward(&refs).bad_input();
        assert!(
            line.starts_with(&format!("error: {starts}")),
            "{args:?}: got `{line}`"
        );
        assert!(
            line.contains(contains),
            "{args:?}: `{line}` should mention `{contains}`"
        );
        // The same mistake with --json must not print half a JSON document either.
        let mut json_args = refs.clone();
        json_args.push("--json");
        homeward(&json_args).bad_input();
    }
}

#[test]
fn a_clinic_can_export_edit_and_use_its_own_protocol() {
    let dir = Dir::new("protocol-edit");
    let folder = dir.join("clinic");
    let folder_s = folder.to_str().expect("utf-8 path");
    homeward(&["protocol", "export", folder_s]).ok();
    // Exporting over an existing folder is refused and changes nothing.
    let again = homeward(&["protocol", "export", folder_s]).bad_input();
    assert!(again.contains("already exists"), "{again}");

    // The clinic's surgeon wants a 5 lb first limit after microdiscectomy.
    let file = folder.join("procedures/microdiscectomy.toml");
    let text = std::fs::read_to_string(&file).expect("exported");
    std::fs::write(
        &file,
        text.replacen("lifting_limit_lb = 10", "lifting_limit_lb = 5", 1),
    )
    .expect("edit");
    assert!(
        homeward(&["protocol", "check", folder_s])
            .ok()
            .starts_with("ok:")
    );
    let v = json(&[
        "--protocol",
        folder_s,
        "plan",
        "--procedure",
        "microdiscectomy",
        "--surgery-date",
        "2026-12-01",
        "--json",
    ]);
    assert_eq!(v["phases"][0]["lifting_limit_lb"], 5);

    // A broken edit is reported with file, procedure and field, and no plan is printed.
    let text = std::fs::read_to_string(&file).expect("exported");
    std::fs::write(
        &file,
        text.replacen("source = \"chibu-lumbar\"", "source = \"made-up\"", 1),
    )
    .expect("edit");
    let line = homeward(&[
        "--protocol",
        folder_s,
        "plan",
        "--procedure",
        "microdiscectomy",
        "--surgery-date",
        "2026-12-01",
    ])
    .bad_input();
    assert!(
        line.contains("procedures/microdiscectomy.toml")
            && line.contains("procedure `microdiscectomy`")
            && line.contains("driving.source")
            && line.contains("made-up"),
        "{line}"
    );
}

/// The `key` field of each object in the JSON list `v`.
fn strings<'a>(v: &'a Value, key: &str) -> Vec<&'a str> {
    v.as_array()
        .expect("a list")
        .iter()
        .filter_map(|x| x[key].as_str())
        .collect()
}

#[test]
fn the_blood_thinner_and_sleep_apnea_flags_add_their_teaching() {
    let v = json(&[
        "plan",
        "--procedure",
        "acdf",
        "--surgery-date",
        "2026-12-01",
        "--blood-thinners",
        "--sleep-apnea",
        "--json",
    ]);
    assert_eq!(
        strings(&v["factors"], "id"),
        ["blood-thinners", "sleep-apnea"]
    );
    let sections = strings(&v["sections"], "id");
    assert!(
        sections.contains(&"blood-thinners") && sections.contains(&"sleep-apnea"),
        "{sections:?}"
    );
    // The factor list names the flag for each.
    let list = json(&["factors", "--json"]);
    let flags = strings(&list, "flag");
    assert!(
        flags.contains(&"--blood-thinners") && flags.contains(&"--sleep-apnea"),
        "{flags:?}"
    );
    // Each factor's reasons, with the procedures each one is for.
    for f in list.as_array().expect("factors") {
        let why = f["why"].as_array().expect("why is a list");
        assert!(
            !why.is_empty()
                && why
                    .iter()
                    .all(|w| w["text"].is_string() && w["when"].is_object()),
            "{f}"
        );
    }
    // A flag takes no value, and a misspelt one is named with the right spelling; nothing
    // is printed on stdout either way.
    let line = homeward(&[
        "plan",
        "--procedure",
        "acdf",
        "--surgery-date",
        "2026-12-01",
        "--sleep-apnea=yes",
    ])
    .bad_input();
    assert!(line.contains("--sleep-apnea"), "{line}");
    let line = homeward(&[
        "plan",
        "--procedure",
        "acdf",
        "--surgery-date",
        "2026-12-01",
        "--blood-thinner",
    ])
    .bad_input();
    assert!(line.contains("--blood-thinners"), "{line}");
}

#[test]
fn a_booked_visit_prints_booked_and_the_rest_stay_to_book() {
    let mut args = DONE_CASE.to_vec();
    args.extend(["--booked", "2026-12-15=2026-12-16T10:30"]);
    let plan = json(&args);
    let visits = plan["follow_ups"].as_array().expect("visits");
    assert_eq!(visits[0]["booked"], true);
    assert_eq!(
        date(&visits[0]["date"]),
        NaiveDate::from_ymd_opt(2026, 12, 16).unwrap()
    );
    assert_eq!(visits[0]["time"], "10:30:00");
    assert!(
        visits[1..]
            .iter()
            .all(|v| v["booked"] == false && v.get("time").is_none())
    );
    // The text plan says which visits are booked.
    let text_args: Vec<&str> = args.iter().copied().filter(|a| *a != "--json").collect();
    let text = homeward(&text_args).ok();
    assert!(
        text.contains("Wed 2026-12-16  booked 10:30  Wound check"),
        "{text}"
    );
    assert!(text.contains("about; to book"), "{text}");
}
