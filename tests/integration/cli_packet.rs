//! `homeward packet`, end to end: the real binary writes a real PDF, which poppler and qpdf
//! check and printpdf's parser reads back.

use std::path::Path;
use std::process::Command;

use homeward_core::{JobDemand, PlanInput, default_protocol, plan};

use crate::util::{Dir, homeward};

const CASE: &[&str] = &[
    "packet",
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
    "2026-12-04",
    "--patient-name",
    "Maria Gonzalez-Núñez",
    "--dob",
    "1961-04-12",
    "--mrn",
    "00123456",
    "--surgeon",
    "Dr. Ana Rivera",
    "--clinic-phone",
    "(555) 201-3300",
    "--after-hours-phone",
    "(555) 201-3399",
    "--printed-on",
    "2026-12-04",
];

fn packet(dir: &Dir, name: &str, extra: &[&str]) -> std::path::PathBuf {
    let out = dir.join(name);
    let mut args: Vec<&str> = CASE.to_vec();
    args.extend_from_slice(extra);
    let out_s = out.to_str().expect("utf-8").to_owned();
    args.extend(["--out", &out_s]);
    let stdout = homeward(&args).ok();
    assert!(stdout.starts_with("wrote "), "{stdout}");
    out
}

/// Runs a poppler or qpdf tool; the setup script installs them, so a missing tool fails.
fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} must be installed (scripts/setup.sh): {e}"));
    assert!(
        out.status.success(),
        "{name} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The PDF's text as printpdf's own parser reads it back, with whitespace folded.
fn read_back(path: &Path) -> String {
    let bytes = std::fs::read(path).expect("read the PDF");
    let mut warnings = Vec::new();
    let doc =
        printpdf::PdfDocument::parse(&bytes, &printpdf::PdfParseOptions::default(), &mut warnings)
            .expect("printpdf parses its own output");
    // The running heads and footers a column or page break puts inside a sentence are left
    // out, so a sentence reads whole.
    let text: Vec<String> = doc
        .extract_text()
        .into_iter()
        .flatten()
        .filter(|t| {
            let running_head = t.ends_with(" (continued)");
            let footer = t.starts_with("Page ") && t.contains(" | ");
            !(running_head || footer)
        })
        .collect();
    text.join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The plan the engine makes for `CASE`, to compare the printed files with.
fn case_plan() -> homeward_core::Plan {
    let p = default_protocol().expect("protocol");
    let input = PlanInput {
        procedure: "lumbar-fusion".into(),
        levels: Some(2),
        factors: ["nicotine".to_owned(), "diabetes".to_owned()].into(),
        job: Some(JobDemand::Heavy),
        surgery_date: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("valid"),
        discharge_date: chrono::NaiveDate::from_ymd_opt(2026, 12, 4),
        language: None,
        booked: Vec::new(),
    };
    plan(&p, &input).expect("plan")
}

fn long_date(d: chrono::NaiveDate) -> String {
    d.format("%A, %B %-d, %Y").to_string()
}

#[test]
fn the_packet_says_what_the_plan_says() {
    let dir = Dir::new("packet-text");
    let pdf = packet(&dir, "packet.pdf", &[]);
    let text = read_back(&pdf);
    let plan = case_plan();
    let mut expected = vec![
        "Maria Gonzalez-Núñez".to_owned(),
        plan.procedure.name.clone(),
    ];
    for ph in &plan.phases {
        // Phase dates are short: "Dec 1, 2026".
        let short = |d: chrono::NaiveDate| d.format("%b %-d, %Y").to_string();
        let dates = match ph.end_date {
            Some(e) => format!("{} to {}", short(ph.start_date), short(e)),
            None => format!("From {} on", short(ph.start_date)),
        };
        expected.push(dates);
    }
    expected.push(format!(
        "Physical therapy starts about {}",
        long_date(plan.pt_start.date)
    ));
    // The driving date carries its conditions (here, the brace after a lumbar fusion).
    for c in &plan.driving_conditions {
        expected.push(c.text.clone());
    }
    let rtw = plan.return_to_work.as_ref().expect("job given");
    // Light duty is said with the day it starts, and full duty with the visit it waits for.
    assert!(rtw.light_duty);
    expected.push(format!(
        "From {}, you may go back to work on light duty only",
        long_date(rtw.date)
    ));
    let gate = rtw
        .full_duty
        .gate
        .as_deref()
        .expect("full duty waits for a visit");
    expected.push(format!(
        "can start about {}, if {gate}",
        long_date(rtw.full_duty.date)
    ));
    for w in &plan.warning_signs {
        expected.push(w.short.clone());
    }
    expected.push("(555) 201-3300".to_owned());
    for e in expected {
        assert!(text.contains(&e), "the packet does not say `{e}`");
    }
}

#[test]
fn poppler_and_qpdf_accept_it_with_every_font_embedded() {
    let dir = Dir::new("packet-tools");
    for (paper, size) in [("letter", "612 x 792"), ("a4", "595.28 x 841.89")] {
        for large in [false, true] {
            let mut extra = vec!["--paper", paper];
            if large {
                extra.push("--large-print");
            }
            let pdf = packet(&dir, &format!("{paper}-{large}.pdf"), &extra);
            let path = pdf.to_str().expect("utf-8");
            let check = tool("qpdf", &["--check", path]);
            assert!(
                check.contains("No syntax or stream encoding errors"),
                "{check}"
            );
            let fonts = tool("pdffonts", &[path]);
            let rows: Vec<&str> = fonts.lines().skip(2).collect();
            assert!(!rows.is_empty(), "no fonts listed: {fonts}");
            for row in rows {
                let cols: Vec<&str> = row.split_whitespace().collect();
                // name type... encoding emb sub uni object ID: emb and sub are "yes".
                let n = cols.len();
                assert_eq!(
                    &cols[n - 5..n - 2],
                    ["yes", "yes", "yes"],
                    "font not embedded and subset: {row}"
                );
            }
            let info = tool("pdfinfo", &[path]);
            assert!(
                info.lines()
                    .any(|l| l.starts_with("Page size:") && l.contains(size)),
                "{paper}: {info}"
            );
            let bytes = std::fs::metadata(&pdf).expect("file").len();
            assert!(bytes < 150_000, "{paper} large={large}: {bytes} bytes");
        }
    }
}

#[test]
fn a_greek_name_prints_in_the_fallback_font() {
    let dir = Dir::new("packet-greek");
    let out = dir.join("greek.pdf");
    let mut args: Vec<&str> = CASE.to_vec();
    let i = args
        .iter()
        .position(|a| *a == "--patient-name")
        .expect("flag")
        + 1;
    args[i] = "Ελένη Παπαδοπούλου";
    let out_s = out.to_str().expect("utf-8").to_owned();
    args.extend(["--out", &out_s]);
    homeward(&args).ok();
    assert!(read_back(&out).contains("Ελένη Παπαδοπούλου"));
    assert!(tool("pdffonts", &[&out_s]).contains("DejaVuSans"));
}

#[test]
fn bad_packet_input_exits_2_and_leaves_no_file() {
    let dir = Dir::new("packet-bad");
    let target = dir.join("packet.pdf");
    let t = target.to_str().expect("utf-8").to_owned();
    let sub = dir.join("a-folder");
    std::fs::create_dir(&sub).expect("mkdir");
    let folder = sub.to_str().expect("utf-8").to_owned();
    let missing = dir
        .join("no/such/dir/p.pdf")
        .to_str()
        .expect("utf-8")
        .to_owned();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["--out", &t, "--patient-name", ""],
            "--patient-name: is required",
        ),
        (
            vec!["--out", &t, "--patient-name", "王小明"],
            "--patient-name: has a character the packet fonts cannot print",
        ),
        (
            vec!["--out", &t, "--clinic-phone", "call us!"],
            "--clinic-phone: `call us!` is not a phone number",
        ),
        (
            vec!["--out", &t, "--paper", "legal"],
            "--paper: unknown paper size `legal`; allowed: letter, a4",
        ),
        (
            vec!["--out", &t, "--dob", "1961-02-30"],
            "--dob: is not a real calendar date",
        ),
        (
            vec!["--out", &t, "--dob", "2027-01-01"],
            "--dob: is after the surgery date",
        ),
        (
            vec!["--out", &t, "--levels", "9"],
            "--levels: 9 is outside the range for lumbar-fusion",
        ),
        (vec!["--out", &folder], "is a folder"),
        (vec!["--out", &missing], "does not exist"),
        (vec![], "--out: is required"),
        (
            vec!["--out", &t, "--nurse", "A.L."],
            "--nurse: initials must be 1 to 5 letters",
        ),
    ];
    for (extra, expect) in cases {
        let mut args: Vec<&str> = CASE.to_vec();
        // A later flag wins in clap only for repeated options it allows; build the args so
        // each case's value is the only one.
        for pair in extra.chunks(2) {
            if let Some(i) = args.iter().position(|a| *a == pair[0]) {
                args.remove(i);
                args.remove(i);
            }
        }
        args.extend(extra.iter().copied());
        let line = homeward(&args).bad_input();
        assert!(
            line.contains(expect),
            "{extra:?}: `{line}` should contain `{expect}`"
        );
        assert!(!target.exists(), "{extra:?}: a file was left at the target");
        let leftovers: Vec<_> = std::fs::read_dir(&dir.path)
            .expect("dir")
            .filter_map(Result::ok)
            .map(|e| e.file_name())
            .filter(|n| n != "a-folder")
            .collect();
        assert!(
            leftovers.is_empty(),
            "{extra:?}: files left behind: {leftovers:?}"
        );
    }
}

#[test]
fn an_unwritable_folder_is_an_error_with_no_partial_file() {
    let dir = Dir::new("packet-readonly");
    let ro = dir.join("ro");
    std::fs::create_dir(&ro).expect("mkdir");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    // Root ignores directory permissions; the check is meaningful only for other users.
    let probe = ro.join("probe");
    if std::fs::write(&probe, b"x").is_ok() {
        std::fs::remove_file(&probe).expect("cleanup");
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        // As root, make the target a read-only file in a read-only folder instead: rename
        // still works for root, so use a path whose parent is a file, which fails for anyone.
        let file_parent = dir.join("plain-file");
        std::fs::write(&file_parent, b"x").expect("write");
        let out = file_parent.join("packet.pdf");
        let mut args: Vec<&str> = CASE.to_vec();
        let o = out.to_str().expect("utf-8").to_owned();
        args.extend(["--out", &o]);
        let line = homeward(&args).bad_input();
        assert!(line.starts_with("error: --out:"), "{line}");
        return;
    }
    let out = ro.join("packet.pdf");
    let mut args: Vec<&str> = CASE.to_vec();
    let o = out.to_str().expect("utf-8").to_owned();
    args.extend(["--out", &o]);
    let line = homeward(&args).bad_input();
    assert!(line.starts_with("error: --out: cannot write"), "{line}");
    assert_eq!(std::fs::read_dir(&ro).expect("dir").count(), 0);
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).expect("chmod");
}

#[test]
fn the_care_team_sheet_carries_the_basis_and_the_packet_does_not() {
    let dir = Dir::new("care-sheet");
    let sheet = dir.join("sheet.pdf");
    let sheet_s = sheet.to_str().expect("utf-8").to_owned();
    let pdf = packet(&dir, "packet.pdf", &["--care-sheet", &sheet_s]);
    let plan = case_plan();
    let care = read_back(&sheet);
    let patient = read_back(&pdf);
    assert!(care.contains("Care-team sheet"), "{care}");
    assert!(care.contains("Education summary for the chart"));
    assert!(care.contains("Maria Gonzalez-Núñez"));
    // Every nurse note, every citation (the first words of each) and a clinic default's
    // reason are on the sheet, and none of them is on the patient's copy.
    let start = |t: &str| t.split_whitespace().take(5).collect::<Vec<_>>().join(" ");
    for note in &plan.nurse_notes {
        assert!(
            care.contains(&start(&note.text)),
            "sheet lacks note `{}`",
            note.text
        );
        assert!(
            !patient.contains(&start(&note.text)),
            "packet prints note `{}`",
            note.text
        );
    }
    for src in &plan.sources {
        assert!(
            care.contains(&format!("[{}]", src.id)),
            "sheet lacks `{}`",
            src.id
        );
        assert!(
            !patient.contains(&start(&src.citation)),
            "packet cites `{}`",
            src.id
        );
    }
    assert!(care.contains("Why Homeward ships this default"));
    assert!(!patient.contains("risk ratio") && !patient.contains("odds ratio"));
}

#[test]
fn a_bad_care_sheet_path_writes_neither_file() {
    let dir = Dir::new("care-sheet-bad");
    let out = dir.join("packet.pdf");
    let out_s = out.to_str().expect("utf-8").to_owned();
    let missing = dir.join("no-such-folder/sheet.pdf");
    let missing_s = missing.to_str().expect("utf-8").to_owned();
    for (sheet, says) in [(&out_s, "different file"), (&missing_s, "--care-sheet")] {
        let mut args: Vec<&str> = CASE.to_vec();
        args.extend(["--out", &out_s, "--care-sheet", sheet]);
        let line = homeward(&args).bad_input();
        assert!(
            line.contains("--care-sheet") && line.contains(says),
            "{line}"
        );
        assert!(!out.exists() && !missing.exists());
    }
}
