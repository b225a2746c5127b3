//! `homeward batch` through the real binary: 200 patients end to end with every PDF read
//! back, and the bad-input cases of an OR list (a bad column, a bad cell, a broken quote, a
//! file too long, empty or not UTF-8): each named by row and column, the good rows printed,
//! no file half-written, exit status 1 when a row failed and 2 when the file was refused.

use std::path::Path;

use crate::util::{Dir, Run, hw, pdf_text};

const HEADER: &str = "name,dob,mrn,procedure,levels,factors,job,surgery_date,discharge_date,surgeon,language,template";

fn ready(dir: &Dir) {
    hw(dir, &["settings", "set", "clinic-phone", "555-010-2000"]).ok();
}

fn batch(dir: &Dir, csv: &[u8], extra: &[&str]) -> Run {
    let file = dir.join("list.csv");
    std::fs::write(&file, csv).expect("write");
    let out = dir.join("out");
    let mut args = vec![
        "batch",
        file.to_str().expect("utf-8"),
        "--out-dir",
        out.to_str().expect("utf-8"),
        "--printed-on",
        "2026-12-05",
    ];
    args.extend_from_slice(extra);
    hw(dir, &args)
}

/// The files in `dir/out`, sorted; none may be a leftover temporary file.
fn written(dir: &Dir) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir.join("out")) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for n in &names {
        assert!(
            n.ends_with(".pdf"),
            "a file that is not a finished PDF: {n}"
        );
    }
    names
}

const PROCEDURES: [(&str, &str); 8] = [
    ("microdiscectomy", "1"),
    ("laminectomy", "1"),
    ("acdf", "1"),
    ("lumbar-fusion", "2"),
    ("mis-lumbar-fusion", "1"),
    ("alif", "1"),
    ("lateral-fusion", "1"),
    ("fibrin-disc-repair", "1"),
];

#[test]
fn two_hundred_patients_print_and_three_bad_rows_are_named() {
    let dir = Dir::new("batch-200");
    ready(&dir);
    hw(
        &dir,
        &[
            "template",
            "save",
            "acdf-desk",
            "--procedure",
            "acdf",
            "--job",
            "sedentary",
            "--language",
            "es",
        ],
    )
    .ok();
    let mut csv = format!("{HEADER}\n");
    for i in 0..200 {
        let (procedure, levels) = PROCEDURES[i % PROCEDURES.len()];
        let row = match i {
            // Three bad rows, each wrong in one cell.
            40 => format!("Pat Forty,,,{procedure},{levels},,,2026-02-30,,,,"),
            90 => "Pat Ninety,,,,,,,2026-12-07,,,,no-such-template".to_owned(),
            150 => format!("Pat OneFifty,,,{procedure},{levels},,,2026-12-07,,,fr,"),
            // Every tenth from a template (Spanish, by the template).
            _ if i % 10 == 5 => format!("Patient {i:03},,MRN-{i:05},,,,,2026-12-07,,,,acdf-desk"),
            _ => {
                let factors = ["", "nicotine", "nicotine;diabetes", "opioids"][i % 4];
                let language = if i % 3 == 0 { "es" } else { "en" };
                format!(
                    "Patient {i:03},1960-01-{:02},MRN-{i:05},{procedure},{levels},{factors},medium,2026-12-07,2026-12-08,Dr. Ana Rivera,{language},",
                    i % 28 + 1
                )
            }
        };
        csv.push_str(&row);
        csv.push('\n');
    }
    let run = batch(&dir, csv.as_bytes(), &[]);
    assert_eq!(run.code, 1, "a row failed: exit 1; stderr: {}", run.stderr);
    let errors: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(
        errors,
        [
            "error: row 42, column surgery_date: `2026-02-30` is not a date; use YYYY-MM-DD, e.g. 2026-12-01",
            "error: row 92, column template: no template named `no-such-template`; see `homeward template list` or the Templates screen",
            "error: row 152, column language: `fr` is not available; allowed: en, es",
        ]
    );
    assert!(
        run.stdout
            .starts_with("printed 197 of 200 rows; 3 not printed (listed above)\n"),
        "{}",
        run.stdout
    );
    let files = written(&dir);
    assert_eq!(files.len(), 197);
    // Every PDF is whole, and holds its own patient and, in their language, their packet.
    for i in (0..200).filter(|i| ![40, 90, 150].contains(i)) {
        let row = i + 2;
        let name = format!("discharge-packet-row-{row:03}.pdf");
        assert!(files.contains(&name), "no {name}");
        let path = dir.join("out").join(&name);
        let text = pdf_text(&path);
        assert!(
            text.contains(&format!("Patient {i:03}")),
            "{name} is not Patient {i:03}'s"
        );
        let spanish = i % 10 == 5 || i % 3 == 0;
        let heading = if spanish { "Fechas clave" } else { "Key dates" };
        assert!(text.contains(heading), "{name}: no `{heading}`");
        assert!(
            run.stdout
                .contains(&format!("row {row}: {}", path.display()))
        );
    }
    // qpdf finds every file well formed (a sample across the run).
    for name in files.iter().step_by(20) {
        let out = std::process::Command::new("qpdf")
            .arg("--check")
            .arg(dir.join("out").join(name))
            .output()
            .expect("qpdf runs");
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

/// A file-level refusal: exit 2, one line naming what is wrong, and no folder made.
fn refused(dir: &Dir, csv: &[u8]) -> String {
    let line = batch(dir, csv, &[]).bad_input();
    assert!(!dir.join("out").exists(), "a refused file made the folder");
    line
}

#[test]
fn a_file_that_cannot_be_an_or_list_is_refused_whole() {
    let dir = Dir::new("batch-refused");
    ready(&dir);
    assert!(refused(&dir, b"").contains("OR list: the file is empty"));
    assert!(refused(&dir, b"\n\n").contains("OR list: the file is empty"));
    assert!(refused(&dir, format!("{HEADER}\n").as_bytes()).contains("no patients"));
    let line = refused(
        &dir,
        b"name,surgery_date,procedure,ward\nAna,2026-12-07,acdf,4B\n",
    );
    assert!(
        line.starts_with("error: OR list: row 1, column 4: `ward` is not a column Homeward reads; the columns are name, dob,"),
        "{line}"
    );
    assert_eq!(
        refused(&dir, b"name,procedure\nAna,acdf\n"),
        "error: OR list: the column `surgery_date` is missing; the first row must name it"
    );
    // 100,000 rows: refused whole, before anything is made.
    let mut big = String::from("name,surgery_date,procedure\n");
    for i in 0..100_000 {
        big.push_str(&format!("P{i},2026-12-07,acdf\n"));
    }
    let line = refused(&dir, big.as_bytes());
    assert_eq!(
        line,
        "error: OR list: the file has more than 5000 patients; split it into smaller lists"
    );
    // A missing file and a missing --out-dir name their argument.
    let gone = dir.join("gone.csv");
    let line = hw(
        &dir,
        &["batch", gone.to_str().expect("utf-8"), "--out-dir", "x"],
    )
    .bad_input();
    assert!(line.starts_with("error: FILE.csv: cannot read"), "{line}");
    let line = hw(&dir, &["batch", gone.to_str().expect("utf-8")]).bad_input();
    assert_eq!(
        line,
        "error: --out-dir: is required (the folder for the packets), or use --check"
    );
}

#[test]
fn bad_rows_are_named_and_the_good_ones_print() {
    let dir = Dir::new("batch-rows");
    ready(&dir);
    let mut csv = b"name,surgery_date,procedure,levels,job\n".to_vec();
    csv.extend_from_slice(b"Ana Good,2026-12-07,acdf,1,light\n"); // row 2
    csv.extend_from_slice(b"Bo Bad,12/07/2026,acdf,1,light\n"); // row 3: date
    csv.extend_from_slice(b"Cy Bad,2026-12-07,spinal-tap,1,light\n"); // row 4: procedure
    csv.extend_from_slice(b"Di Bad,2026-12-07,acdf,two,light\n"); // row 5: levels
    csv.extend_from_slice(b"Ed Bad,2026-12-07,acdf,1,pilot\n"); // row 6: job
    csv.extend_from_slice(b"Fa Bad, Jr,2026-12-07,acdf,1,light\n"); // row 7: a comma unquoted
    csv.extend_from_slice(b"Jos\xe9 Bad,2026-12-07,acdf,1,light\n"); // row 8: not UTF-8
    csv.extend_from_slice(b"Gi Good,2026-12-07,acdf,1,light\n"); // row 9
    csv.extend_from_slice(b"\"Ha Bad,2026-12-07,acdf,1,light\n"); // row 10: quote left open
    csv.extend_from_slice(b"Iv Lost,2026-12-07,acdf,1,light\n"); //   ... read into row 10
    let run = batch(&dir, &csv, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let lines: Vec<&str> = run.stderr.lines().collect();
    let expected_starts = [
        "error: row 3, column surgery_date: `12/07/2026` is not a date; use YYYY-MM-DD",
        "error: row 4, column procedure: unknown procedure `spinal-tap`; allowed: microdiscectomy,",
        "error: row 5, column levels: `two` is not a whole number of levels",
        "error: row 6, column job: ",
        "error: row 7: has 6 cells but the first row names 5 columns",
        "error: row 8, column name: is not UTF-8 text; save the file as \"CSV UTF-8\"",
        "error: row 10, column name: runs over more than one line: a quote (\") is left open",
    ];
    assert_eq!(lines.len(), expected_starts.len(), "{lines:#?}");
    for (line, start) in lines.iter().zip(expected_starts) {
        assert!(line.starts_with(start), "`{line}` should start `{start}`");
    }
    // No error repeats a name.
    for name in ["Bo", "Cy", "Di", "Ed", "Fa", "Jos", "Ha"] {
        assert!(!run.stderr.contains(name), "{name} in: {}", run.stderr);
    }
    assert_eq!(
        written(&dir),
        [
            "discharge-packet-row-002.pdf",
            "discharge-packet-row-009.pdf"
        ]
    );
    assert!(
        run.stdout.starts_with("printed 2 of 9 rows; 7 not printed"),
        "{}",
        run.stdout
    );

    // --check lists the same problems and writes nothing.
    let check_dir = Dir::new("batch-check");
    ready(&check_dir);
    let run = batch(&check_dir, &csv, &["--check"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr.lines().count(), expected_starts.len());
    assert_eq!(
        run.stdout,
        "checked 9 rows: 2 would print, 7 with problems\n"
    );
    assert!(!check_dir.join("out").exists());
}

#[test]
fn a_clean_list_exits_zero_with_care_sheets_beside_and_history_recorded() {
    let dir = Dir::new("batch-clean");
    ready(&dir);
    hw(&dir, &["settings", "set", "history", "on"]).ok();
    let csv = b"name,surgery_date,procedure\nAna Uno,2026-12-07,acdf\nBo Dos,2026-12-07,microdiscectomy\n";
    // History is on: the nurse's initials are required, and nothing is made without them.
    let line = batch(&dir, csv, &["--care-sheets"]).bad_input();
    assert!(
        line.starts_with("error: nurse: is required while packet history is on"),
        "{line}"
    );
    assert!(!dir.join("out").exists());
    let run = batch(&dir, csv, &["--care-sheets", "--nurse", "RN"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        written(&dir),
        [
            "discharge-packet-row-002-care-team.pdf",
            "discharge-packet-row-002.pdf",
            "discharge-packet-row-003-care-team.pdf",
            "discharge-packet-row-003.pdf"
        ]
    );
    assert!(
        pdf_text(&dir.join("out/discharge-packet-row-002-care-team.pdf"))
            .contains("Care-team sheet")
    );
    let history = hw(&dir, &["history", "list"]).ok();
    assert!(
        history.contains("Ana Uno") && history.contains("Bo Dos"),
        "{history}"
    );
    assert!(Path::new(&dir.join("out")).is_dir());
}
