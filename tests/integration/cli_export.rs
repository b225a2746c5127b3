//! The packet out of the app, through the real `homeward` binary: the FHIR R4 Bundle checked
//! by two independent validators (FHIR.js against the R4 structure definitions and value
//! sets; fhir.resources' R4 models), its dates against the plan's and its attachments
//! against the saved PDFs; the calendar read back by the `icalendar` package; the chart
//! note. The checkers are installed by `scripts/test-tools.sh` (tests/tools/).

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::util::{Dir, hw, pdf_text};

fn tools() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/tools")
}

/// Runs an installed checker; (success, stdout and stderr).
fn check(program: &str, script: &str, file: &Path) -> (bool, String) {
    let tools = tools();
    let program = if program == "python" {
        tools.join(".venv/bin/python")
    } else {
        PathBuf::from(program)
    };
    let out = Command::new(&program)
        .arg(tools.join(script))
        .arg(file)
        .current_dir(&tools)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "{} cannot run ({e}); install the checkers with `bash scripts/test-tools.sh`",
                program.display()
            )
        });
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

fn validators_accept(bundle: &Path) {
    let (ok, out) = check("node", "fhir_validate.js", bundle);
    assert!(ok, "FHIR.js rejects the Bundle:\n{out}");
    assert!(out.trim_end().ends_with("valid"), "{out}");
    let (ok, out) = check("python", "fhir_validate.py", bundle);
    assert!(ok, "fhir.resources rejects the Bundle:\n{out}");
    assert_eq!(
        out.trim(),
        "valid: Patient CarePlan DocumentReference Communication"
    );
}

const CASE: [&str; 12] = [
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
    "--discharge-date",
    "2026-12-03",
];

struct Files {
    pdf: PathBuf,
    sheet: PathBuf,
    fhir: PathBuf,
    note: PathBuf,
    ics: PathBuf,
}

/// The fusion case's packet with every export, plus `extra` flags.
fn export(dir: &Dir, extra: &[&str]) -> Files {
    let f = Files {
        pdf: dir.join("packet.pdf"),
        sheet: dir.join("sheet.pdf"),
        fhir: dir.join("bundle.json"),
        note: dir.join("chart.txt"),
        ics: dir.join("dates.ics"),
    };
    let s = |p: &PathBuf| p.to_str().expect("utf-8").to_owned();
    let (pdf, sheet, fhir, note, ics) = (s(&f.pdf), s(&f.sheet), s(&f.fhir), s(&f.note), s(&f.ics));
    let mut args = vec!["packet"];
    args.extend_from_slice(&CASE);
    args.extend_from_slice(&[
        "--patient-name",
        "Rosa  Delgado",
        "--dob",
        "1961-04-17",
        "--mrn",
        "MRN-004471",
        "--surgeon",
        "Dr. Sam Okafor",
        "--clinic-phone",
        "555-010-2000",
        "--printed-on",
        "2026-12-03",
        "--out",
        &pdf,
        "--care-sheet",
        &sheet,
        "--fhir",
        &fhir,
        "--chart-note",
        &note,
        "--ics",
        &ics,
    ]);
    args.extend_from_slice(extra);
    let out = hw(dir, &args).ok();
    for p in [&f.pdf, &f.sheet, &f.fhir, &f.note, &f.ics] {
        assert!(
            out.contains(&p.display().to_string()),
            "no line for {}: {out}",
            p.display()
        );
    }
    f
}

fn plan_json(dir: &Dir, extra: &[&str]) -> Value {
    let mut args = vec!["plan", "--json"];
    args.extend_from_slice(&CASE);
    args.extend_from_slice(extra);
    serde_json::from_str(&hw(dir, &args).ok()).expect("plan JSON")
}

fn json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).expect("read")).expect("JSON")
}

fn resource<'a>(bundle: &'a Value, kind: &str) -> &'a Value {
    bundle["entry"]
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| &e["resource"])
        .find(|r| r["resourceType"] == kind)
        .unwrap_or_else(|| panic!("no {kind} in the Bundle"))
}

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}"))
}

/// The base64 SHA-1 of a file, as Python's hashlib computes it.
fn sha1_b64(path: &Path) -> String {
    let out = Command::new(tools().join(".venv/bin/python"))
        .args([
            "-c",
            "import base64, hashlib, sys; print(base64.b64encode(hashlib.sha1(open(sys.argv[1], 'rb').read()).digest()).decode())",
        ])
        .arg(path)
        .output()
        .expect("python runs");
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

fn b64_decode(s: &str) -> Vec<u8> {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD
        .decode(s)
        .expect("base64")
}

#[test]
fn the_fusion_bundle_validates_and_carries_the_plan_the_documents_and_the_teaching() {
    let dir = Dir::new("export-fhir");
    let f = export(
        &dir,
        &[
            "--teach-back",
            "partial",
            "--interpreter",
            "Ana Ruiz, ID 4471",
        ],
    );
    validators_accept(&f.fhir);
    let bundle = json(&f.fhir);
    assert_eq!(bundle["type"], "collection");
    // Every reference resolves to an entry of the Bundle.
    let urls: Vec<&str> = bundle["entry"]
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| s(&e["fullUrl"]))
        .collect();
    let text = std::fs::read_to_string(&f.fhir).expect("read");
    for r in text.split("\"reference\": \"").skip(1) {
        let r = &r[..r.find('"').expect("end")];
        assert!(urls.contains(&r), "{r} is not in the Bundle");
    }

    let patient = resource(&bundle, "Patient");
    assert_eq!(patient["name"][0]["text"], "Rosa Delgado");
    assert_eq!(patient["birthDate"], "1961-04-17");
    assert_eq!(patient["identifier"][0]["value"], "MRN-004471");
    assert_eq!(patient["identifier"][0]["type"]["coding"][0]["code"], "MR");

    // The CarePlan's dates are the plan's.
    let plan = plan_json(&dir, &[]);
    let care = resource(&bundle, "CarePlan");
    assert_eq!(care["status"], "active");
    assert_eq!(care["intent"], "plan");
    assert_eq!(care["author"]["display"], "Dr. Sam Okafor");
    assert_eq!(care["period"]["start"], plan["surgery_date"]);
    let activities: Vec<(&str, &str, Option<&str>)> = care["activity"]
        .as_array()
        .expect("activities")
        .iter()
        .map(|a| {
            let d = &a["detail"];
            (
                s(&d["code"]["text"]),
                s(&d["scheduledPeriod"]["start"]),
                d["scheduledPeriod"]["end"].as_str(),
            )
        })
        .collect();
    let phases = plan["phases"].as_array().expect("phases");
    // Printed on day 2: the first phase is under way, the others to come.
    let statuses: Vec<&str> = care["activity"]
        .as_array()
        .expect("activities")
        .iter()
        .take(phases.len())
        .map(|a| s(&a["detail"]["status"]))
        .collect();
    assert_eq!(statuses[0], "in-progress");
    assert!(
        statuses[1..].iter().all(|s| *s == "not-started"),
        "{statuses:?}"
    );
    for (ph, a) in phases.iter().zip(&activities) {
        assert_eq!(a.0, s(&ph["name"]));
        assert_eq!(a.1, s(&ph["start_date"]));
        assert_eq!(a.2, ph["end_date"].as_str());
    }
    let on = |label: &str, date: &Value| {
        assert!(
            activities
                .iter()
                .any(|a| a.0.starts_with(label) && a.1 == s(date) && a.2 == Some(s(date))),
            "no {label} activity on {date}: {activities:?}"
        );
    };
    on("Therapy", &plan["pt_start"]["date"]);
    on("May drive", &plan["driving"]["date"]);
    on("Work", &plan["return_to_work"]["date"]);
    on("Full duty", &plan["return_to_work"]["full_duty"]["date"]);
    for v in plan["follow_ups"].as_array().expect("visits") {
        on("Visit", &v["date"]);
    }
    // The documents: the bytes saved, their language and SHA-1 (R4's hash), LOINC 8653-8.
    let doc = resource(&bundle, "DocumentReference");
    assert_eq!(doc["type"]["coding"][0]["system"], "http://loinc.org");
    assert_eq!(doc["type"]["coding"][0]["code"], "8653-8");
    let content = doc["content"].as_array().expect("content");
    assert_eq!(content.len(), 2);
    for (c, path) in content.iter().zip([&f.pdf, &f.sheet]) {
        let a = &c["attachment"];
        assert_eq!(a["contentType"], "application/pdf");
        assert_eq!(a["language"], "en");
        let bytes = b64_decode(s(&a["data"]));
        assert!(
            bytes == std::fs::read(path).expect("read"),
            "{} differs",
            path.display()
        );
        assert_eq!(a["size"], bytes.len());
        assert_eq!(s(&a["hash"]), sha1_b64(path));
    }

    // The teaching: topics, language, interpreter, teach-back, and the packet.
    let comm = resource(&bundle, "Communication");
    assert_eq!(comm["status"], "completed");
    let payload: Vec<&str> = comm["payload"]
        .as_array()
        .expect("payload")
        .iter()
        .filter_map(|p| p["contentString"].as_str())
        .collect();
    assert!(
        payload[0].contains("discharge teaching was given for"),
        "{payload:?}"
    );
    assert!(payload[0].contains("Blood sugar"), "topics: {}", payload[0]);
    assert!(
        payload.contains(&"Packet language: English."),
        "{payload:?}"
    );
    assert!(
        payload.contains(&"Interpreter: Ana Ruiz, ID 4471."),
        "{payload:?}"
    );
    assert!(
        payload.contains(&"Teach-back: partial; the items missed were taught again."),
        "{payload:?}"
    );
    assert!(
        comm["payload"]
            .to_string()
            .contains(&format!("\"reference\":\"{}\"", urls[2]))
    );
}

#[test]
fn the_validators_catch_a_broken_bundle() {
    let dir = Dir::new("export-broken");
    let f = export(&dir, &[]);
    let bundle = json(&f.fhir);
    let broken = |edit: &dyn Fn(&mut Value), name: &str| {
        let mut b = bundle.clone();
        edit(&mut b);
        let path = dir.join(name);
        std::fs::write(&path, serde_json::to_vec(&b).expect("json")).expect("write");
        (
            check("node", "fhir_validate.js", &path).0,
            check("python", "fhir_validate.py", &path).0,
        )
    };
    // A status outside CarePlan's required value set: FHIR.js.
    let (js, _) = broken(
        &|b| b["entry"][1]["resource"]["status"] = "ongoing".into(),
        "status.json",
    );
    assert!(
        !js,
        "FHIR.js accepted a CarePlan status outside its value set"
    );
    // A CarePlan without its required intent, and a date that is no date: both.
    let (js, py) = broken(
        &|b| {
            b["entry"][1]["resource"]
                .as_object_mut()
                .expect("object")
                .remove("intent");
        },
        "intent.json",
    );
    assert!(
        !js && !py,
        "a CarePlan without intent passed (FHIR.js {js}, fhir.resources {py})"
    );
    let (_, py) = broken(
        &|b| b["entry"][0]["resource"]["birthDate"] = "1961-02-30".into(),
        "dob.json",
    );
    assert!(!py, "fhir.resources accepted February 30");
}

#[test]
fn the_calendar_reads_back_with_every_date_and_no_name_unless_asked() {
    let dir = Dir::new("export-ics");
    let f = export(&dir, &["--language", "es"]);
    let raw = std::fs::read_to_string(&f.ics).expect("read");
    for part in ["Rosa", "Delgado", "1961", "MRN-004471"] {
        assert!(!raw.contains(part), "the calendar holds `{part}` unasked");
    }
    assert!(raw.lines().all(|l| l.len() <= 76), "a line over 75 octets");
    let (ok, out) = check("python", "ics_read.py", &f.ics);
    assert!(ok, "icalendar cannot read it: {out}");
    let cal: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(cal["version"], "2.0");
    assert_eq!(cal["name"], "Fechas de su recuperación");
    let events = cal["events"].as_array().expect("events");
    let plan = plan_json(&dir, &["--language", "es"]);
    let on = |label: &str, date: &Value| {
        let e = events
            .iter()
            .find(|e| {
                e["summary"].as_str().is_some_and(|s| s.starts_with(label)) && e["start"] == *date
            })
            .unwrap_or_else(|| panic!("no {label} on {date}: {events:?}"));
        assert_eq!(e["language"], "es");
        let next = chrono::NaiveDate::parse_from_str(s(date), "%Y-%m-%d").expect("date")
            + chrono::Days::new(1);
        assert_eq!(e["end"], next.to_string(), "an all-day event is one day");
        assert!(!s(&e["description"]).is_empty());
    };
    on("Terapia", &plan["pt_start"]["date"]);
    on("Puede manejar", &plan["driving"]["date"]);
    on("Trabajo", &plan["return_to_work"]["date"]);
    for v in plan["follow_ups"].as_array().expect("visits") {
        on("Cita", &v["date"]);
    }
    for (i, ph) in plan["phases"]
        .as_array()
        .expect("phases")
        .iter()
        .enumerate()
        .skip(1)
    {
        on(&format!("Etapa {}", i + 1), &ph["start_date"]);
    }
    let uids: std::collections::BTreeSet<&str> = events.iter().map(|e| s(&e["uid"])).collect();
    assert_eq!(uids.len(), events.len(), "every event has its own UID");

    // Asked for: the calendar's name carries the patient's name.
    let named = Dir::new("export-ics-named");
    let f = export(&named, &["--ics-with-name"]);
    let (ok, out) = check("python", "ics_read.py", &f.ics);
    assert!(ok, "{out}");
    let cal: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(cal["name"], "Recovery dates: Rosa Delgado");
}

#[test]
fn the_chart_note_is_the_care_sheets_summary_with_the_teaching_and_the_dates() {
    let dir = Dir::new("export-note");
    let f = export(&dir, &["--language", "es", "--teach-back", "complete"]);
    let note = std::fs::read_to_string(&f.note).expect("read");
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let lines: Vec<&str> = note.lines().collect();
    assert_eq!(lines[1], "Patient: Rosa Delgado");
    assert_eq!(lines[2], "Date of birth: April 17, 1961");
    assert_eq!(lines[3], "MRN: MRN-004471");
    // The summary is the care-team sheet's, word for word, in English for a Spanish packet.
    let summary = lines[5];
    assert!(summary.starts_with("On Thursday, December 3, 2026, discharge teaching was given for"));
    assert!(
        words(&pdf_text(&f.sheet)).contains(&words(summary)),
        "{summary}"
    );
    assert!(note.contains("Packet language: Spanish."));
    assert!(note.contains("Interpreter: none recorded."));
    assert!(note.contains("Teach-back: complete;"));
    let plan = plan_json(&dir, &[]);
    let date = |v: &Value| {
        chrono::NaiveDate::parse_from_str(s(v), "%Y-%m-%d")
            .expect("date")
            .format("%a, %b %-d, %Y")
            .to_string()
    };
    let first_visit = &plan["follow_ups"][0];
    assert_eq!(first_visit["booked"], false);
    let line = format!(
        "- {}: Visit (not booked: the patient calls to book)",
        date(&first_visit["date"])
    );
    assert!(note.contains(&line), "no `{line}` in:\n{note}");
    // Booked, the visit says so.
    let booked = format!("{}=2026-12-16T10:30", s(&first_visit["date"]));
    let booked_dir = Dir::new("export-note-booked");
    let f = export(&booked_dir, &["--booked", &booked]);
    let booked_note = std::fs::read_to_string(&f.note).expect("read");
    assert!(
        booked_note.contains("- Wed, Dec 16, 2026: Visit 10:30 AM (booked)"),
        "{booked_note}"
    );
    for (label, d) in [
        ("Therapy", &plan["pt_start"]["date"]),
        ("May drive", &plan["driving"]["date"]),
        ("Work", &plan["return_to_work"]["date"]),
    ] {
        let line = format!("- {}: {label}", date(d));
        assert!(note.contains(&line), "no `{line}` in:\n{note}");
    }
}

#[test]
fn bad_export_input_names_the_flag_and_writes_nothing() {
    let dir = Dir::new("export-bad");
    let run = |extra: &[&str]| {
        let pdf = dir.join("p.pdf");
        let mut args = vec!["packet"];
        args.extend_from_slice(&CASE);
        args.extend_from_slice(&[
            "--patient-name",
            "Rosa Delgado",
            "--clinic-phone",
            "555-010-2000",
            "--out",
            pdf.to_str().expect("utf-8"),
        ]);
        args.extend_from_slice(extra);
        let line = hw(&dir, &args).bad_input();
        let left: Vec<_> = std::fs::read_dir(&dir.path)
            .expect("dir")
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| !n.starts_with("homeward.db"))
            .collect();
        assert!(left.is_empty(), "files left after `{line}`: {left:?}");
        line
    };
    let fhir = dir.join("b.json");
    let fhir = fhir.to_str().expect("utf-8");
    assert_eq!(
        run(&["--fhir", fhir, "--teach-back", "maybe"]),
        "error: --teach-back: unknown result `maybe`; allowed: complete, partial, not-done"
    );
    let long = "x".repeat(81);
    assert_eq!(
        run(&["--chart-note", fhir, "--interpreter", &long]),
        "error: --interpreter: is too long (81 characters); the most is 80"
    );
    let pdf = dir.join("p.pdf");
    assert_eq!(
        run(&["--ics", pdf.to_str().expect("utf-8")]),
        "error: --ics: must be a different file from --out"
    );
    assert_eq!(
        run(&["--fhir", fhir, "--ics", fhir]),
        "error: --ics: must be a different file from --fhir"
    );
    // A calendar that cannot be written takes the packet and the Bundle back with it.
    let missing = dir.join("no-such-folder/dates.ics");
    let line = run(&["--fhir", fhir, "--ics", missing.to_str().expect("utf-8")]);
    assert!(line.starts_with("error: --ics: "), "{line}");
}
