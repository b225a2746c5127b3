//! The Spanish edition through the real `homeward` binary: every procedure's packet read
//! back from the PDF is Spanish (headings, the 911 box, dates, every sign, the patient's
//! name); the language comes from the flag, the template or the clinic's setting; bad input
//! (an unknown language, a protocol without the Spanish) prints nothing.

use serde_json::Value;

use crate::util::{Dir, hw, pdf_text};

/// pdftotext breaks lines where the layout wraps them: compare with single spaces.
fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn packet(dir: &Dir, procedure: &str, extra: &[&str]) -> (String, std::path::PathBuf) {
    let out = dir.join(&format!("{procedure}.pdf"));
    let mut args = vec![
        "packet",
        "--procedure",
        procedure,
        "--surgery-date",
        "2026-12-01",
        "--patient-name",
        "María José Ñúñez",
        "--clinic-phone",
        "555-010-2000",
        "--printed-on",
        "2026-12-01",
        "--out",
        out.to_str().expect("utf-8"),
    ];
    args.extend_from_slice(extra);
    hw(dir, &args).ok();
    (words(&pdf_text(&out)), out)
}

/// Exports the protocol in use into `dir/clinic` and passes the first Spanish line of `file`
/// (with its newline) through `edit`; the folder's path.
fn exported_with(dir: &Dir, file: &str, edit: impl Fn(&str) -> String) -> String {
    let folder = dir.join("clinic");
    let f = folder.to_str().expect("utf-8").to_owned();
    hw(dir, &["protocol", "export", &f]).ok();
    let path = folder.join(file);
    let text = std::fs::read_to_string(&path).expect("read");
    let line = text
        .lines()
        .find(|l| l.starts_with("text.es = "))
        .expect("a Spanish line");
    let edited = text.replacen(&format!("{line}\n"), &edit(line), 1);
    std::fs::write(&path, edited).expect("write");
    f
}

fn spanish_plan(dir: &Dir, procedure: &str) -> Value {
    let args = [
        "plan",
        "--procedure",
        procedure,
        "--surgery-date",
        "2026-12-01",
        "--language",
        "es",
        "--json",
    ];
    serde_json::from_str(&hw(dir, &args).ok()).expect("json")
}

#[test]
fn every_procedures_spanish_packet_reads_back_in_spanish() {
    let dir = Dir::new("es-packets");
    let procedures: Value =
        serde_json::from_str(&hw(&dir, &["procedures", "--json"]).ok()).expect("json");
    let ids: Vec<String> = procedures
        .as_array()
        .expect("a list")
        .iter()
        .map(|p| p["id"].as_str().expect("id").to_owned())
        .collect();
    assert_eq!(ids.len(), 8);
    for id in &ids {
        let (text, _) = packet(&dir, id, &["--language", "es"]);
        let plan = spanish_plan(&dir, id);
        assert_eq!(plan["language"], "es");
        for heading in [
            "Llame al 911 enseguida si:",
            "Llámenos ya, día o noche, si:",
            "Fechas clave",
            "LLAME AL 911",
        ] {
            assert!(text.contains(heading), "{id}: no `{heading}`");
        }
        for english in [
            "Call 911 right away",
            "Key dates",
            "Going home after",
            "Page 1 of",
        ] {
            assert!(
                !text.contains(english),
                "{id}: English `{english}` in the Spanish packet"
            );
        }
        assert!(
            text.contains("María José Ñúñez"),
            "{id}: the patient's name"
        );
        assert!(
            text.contains("1 de diciembre de 2026"),
            "{id}: a Spanish date"
        );
        assert!(text.contains("Página 1 de"), "{id}: the footer");
        for sign in plan["warning_signs"].as_array().expect("signs") {
            let short = words(sign["short"].as_str().expect("short"));
            assert!(text.contains(&short), "{id}: sign `{short}` not printed");
        }
        assert!(text.contains(&words(
            plan["procedure"]["summary"].as_str().expect("summary")
        )));
    }
}

#[test]
fn the_language_comes_from_the_flag_then_the_template_then_the_clinic_setting() {
    let dir = Dir::new("es-sources");
    // The flag.
    let (en, _) = packet(&dir, "acdf", &[]);
    assert!(en.contains("Call 911 right away if:"));
    // A template saved in Spanish prints in Spanish, and says so when listed as JSON.
    hw(
        &dir,
        &[
            "template",
            "save",
            "Cuello",
            "--procedure",
            "acdf",
            "--language",
            "es",
        ],
    )
    .ok();
    let t: Value = serde_json::from_str(&hw(&dir, &["template", "show", "Cuello", "--json"]).ok())
        .expect("json");
    assert_eq!(t["language"], "es");
    let (from_template, _) = packet(&dir, "acdf", &["--template", "Cuello"]);
    assert!(from_template.contains("Llame al 911 enseguida si:"));
    // The flag wins over the template.
    let (flag, _) = packet(&dir, "acdf", &["--template", "Cuello", "--language", "en"]);
    assert!(flag.contains("Call 911 right away if:"));
    // The clinic's setting, for a packet that names no language.
    hw(&dir, &["settings", "set", "language", "es"]).ok();
    let (setting, _) = packet(&dir, "microdiscectomy", &[]);
    assert!(setting.contains("Llame al 911 enseguida si:"));
    let bad = hw(&dir, &["settings", "set", "language", "fr"]).bad_input();
    assert!(
        bad.contains("`fr` is not allowed; use en (English) or es (Spanish)"),
        "{bad}"
    );
}

#[test]
fn an_unknown_language_or_a_protocol_without_the_spanish_prints_nothing() {
    let dir = Dir::new("es-bad");
    let out = dir.join("x.pdf");
    let o = out.to_str().expect("utf-8");
    let base = [
        "packet",
        "--procedure",
        "acdf",
        "--surgery-date",
        "2026-12-01",
        "--patient-name",
        "Sam Lee",
        "--clinic-phone",
        "555-010-2000",
        "--out",
        o,
    ];
    let mut args = base.to_vec();
    args.extend(["--language", "fr"]);
    assert_eq!(
        hw(&dir, &args).bad_input(),
        "error: --language: `fr` is not available; allowed: en, es"
    );
    assert!(!out.exists());

    // A clinic's folder with one ACDF line in English only.
    let folder = exported_with(&dir, "procedures/acdf.toml", |_| String::new());
    let f = folder.as_str();
    let mut args = base.to_vec();
    args.extend(["--protocol", f, "--language", "es"]);
    let e = hw(&dir, &args).bad_input();
    assert!(
        e.starts_with("error: --language: the protocol has no `es` text for 1 field: procedures/acdf.toml: procedure `acdf`: field `phase[0]"),
        "{e}"
    );
    assert!(!out.exists());
    // English packets from the same folder still print.
    let mut args = base.to_vec();
    args.extend(["--protocol", f]);
    hw(&dir, &args).ok();
    assert!(out.exists());
}

#[test]
fn a_translators_review_is_recorded_named_on_the_care_sheet_and_lapses_when_a_line_changes() {
    let dir = Dir::new("es-review");
    let status = |dir: &Dir| hw(dir, &["protocol", "review"]).ok();
    assert!(
        status(&dir).starts_with("es: NOT REVIEWED. This language's text has not been reviewed")
    );
    let sheet = |dir: &Dir| {
        let care = dir.join("care.pdf");
        packet(
            dir,
            "acdf",
            &[
                "--language",
                "es",
                "--care-sheet",
                care.to_str().expect("utf-8"),
            ],
        );
        words(&pdf_text(&care))
    };
    assert!(sheet(&dir).contains("NOT REVIEWED: this packet is in Spanish"));

    // Half a review is refused by the flags; nothing is recorded.
    let half = hw(&dir, &["protocol", "review", "--reviewer", "Ana Ruiz"]);
    assert_eq!(half.code, 2, "{}", half.stderr);
    assert!(status(&dir).contains("NOT REVIEWED"));
    // Ana Ruiz's review, entered by `by`, with any other flags.
    let review = |by: &str, more: &[&str]| {
        let mut args = vec![
            "protocol",
            "review",
            "--reviewer",
            "Ana Ruiz",
            "--credential",
            "CHI-Spanish",
            "--by",
        ];
        args.push(by);
        args.extend_from_slice(more);
        hw(&dir, &args)
    };
    let bad = review("L.P.", &[]).bad_input();
    assert!(bad.contains("initials must be 1 to 5 letters"), "{bad}");

    let done = review("lp", &["--on", "2026-11-20"]).ok();
    assert!(
        done.starts_with("es: reviewed by Ana Ruiz (CHI-Spanish) on 2026-11-20, recorded by LP"),
        "{done}"
    );
    assert!(sheet(&dir).contains(
        "Its text was reviewed by Ana Ruiz (CHI-Spanish), a qualified medical translator"
    ));
    assert!(!sheet(&dir).contains("NOT REVIEWED"));

    // The clinic saves a protocol with one Spanish line reworded: the review no longer covers it.
    let folder = exported_with(&dir, "teaching.toml", |line| {
        format!(
            "{}\n",
            line.replacen("text.es = \"", "text.es = \"Ahora: ", 1)
        )
    });
    let f = folder.as_str();
    hw(
        &dir,
        &["protocol", "import", f, "--by", "ab", "--reason", "clearer"],
    )
    .ok();
    assert!(
        status(&dir).contains("has changed since Ana Ruiz reviewed it on 2026-11-20"),
        "{}",
        status(&dir)
    );
    assert!(sheet(&dir).contains("NOT REVIEWED"));
    let e = hw(&dir, &["protocol", "review", "--language", "fr"]).bad_input();
    assert!(
        e.contains("`fr` is not a translation in this protocol; allowed: es"),
        "{e}"
    );
}
