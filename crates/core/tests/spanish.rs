//! The Spanish edition of the protocol: every text a patient reads has its Spanish, with the
//! same numbers and no English left; a text without it still loads, and a Spanish plan that
//! would print it is refused naming where it is.

mod common;

use common::{input, invalid, load_with, must_plan, protocol};
use homeward_core::{PlanError, PlanInput, Protocol, default_protocol_files, locked, plan};
use toml::Value;

/// Words that are English and never Spanish: one of them in a Spanish text is a line left
/// untranslated.
const ENGLISH: [&str; 46] = [
    "the", "and", "you", "your", "with", "for", "not", "do", "when", "if", "this", "that", "will",
    "have", "has", "can", "may", "are", "is", "of", "to", "from", "after", "before", "day", "days",
    "week", "weeks", "pounds", "lift", "walk", "call", "doctor", "surgeon", "or", "it", "be", "at",
    "on", "in", "back", "neck", "pain", "until", "get", "take",
];

/// Every (path, English, Spanish) pair in the bundled protocol files, found in the files
/// themselves (not through the engine), so a text the engine never reads is checked too.
fn pairs() -> Vec<(String, String, String)> {
    fn walk(v: &Value, at: &str, out: &mut Vec<(String, String, String)>) {
        match v {
            Value::Table(t) => {
                if let (Some(Value::String(en)), Some(Value::String(es))) =
                    (t.get("en"), t.get("es"))
                {
                    out.push((at.to_owned(), en.clone(), es.clone()));
                    return;
                }
                for (k, x) in t {
                    walk(x, &format!("{at}.{k}"), out);
                }
            }
            Value::Array(list) => {
                for (i, x) in list.iter().enumerate() {
                    walk(x, &format!("{at}[{i}]"), out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for (file, text) in default_protocol_files() {
        if file.ends_with(".toml") {
            let v: Value = toml::from_str(text).expect("protocol files parse");
            walk(&v, file, &mut out);
        }
    }
    out
}

fn spanish(i: PlanInput) -> PlanInput {
    PlanInput {
        language: Some("es".to_owned()),
        ..i
    }
}

#[test]
fn every_text_a_patient_reads_has_spanish() {
    let p = protocol();
    assert_eq!(p.languages, ["en", "es"]);
    assert!(
        p.untranslated.is_empty(),
        "texts without Spanish: {:?}",
        p.untranslated
    );
    // Hundreds of texts, not a handful: the walk finds the files' pairs.
    assert!(pairs().len() > 400, "{}", pairs().len());
}

#[test]
fn every_translation_keeps_its_numbers_and_leaves_no_english() {
    for (at, en, es) in pairs() {
        assert_eq!(locked(&es), locked(&en), "{at}: numbers differ\n{en}\n{es}");
        // The same text in both is allowed only for names ("Diabetes", "MIS TLIF").
        let names = en
            .split_whitespace()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase));
        assert!(es != en || names, "{at}: the Spanish is the English");
        let lower = locked(&es)
            .iter()
            .filter(|t| t.starts_with('{'))
            .fold(es.to_lowercase(), |s, t| s.replace(t.as_str(), " "));
        let words: Vec<&str> = lower
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .collect();
        let left: Vec<&&str> = words.iter().filter(|w| ENGLISH.contains(w)).collect();
        assert!(left.is_empty(), "{at}: English words {left:?} in: {es}");
    }
}

#[test]
fn a_spanish_plan_prints_spanish_and_keeps_the_nurse_notes_in_english() {
    let p = protocol();
    for proc in &p.procedures {
        let en = must_plan(&p, &input(&proc.id, None, None));
        let es = must_plan(&p, &spanish(input(&proc.id, None, None)));
        assert_eq!(es.language, "es");
        // The same plan: the same dates and numbers, in Spanish words.
        assert_eq!(es.phases.len(), en.phases.len());
        for (a, b) in es.phases.iter().zip(&en.phases) {
            assert_eq!(
                (a.start_date, a.end_date, a.lifting_limit_lb),
                (b.start_date, b.end_date, b.lifting_limit_lb)
            );
        }
        assert_eq!(es.driving.date, en.driving.date);
        assert_eq!(es.warning_signs.len(), en.warning_signs.len());
        for (a, b) in es.warning_signs.iter().zip(&en.warning_signs) {
            assert_eq!(a.id, b.id);
            assert_ne!(
                a.text, b.text,
                "{}: sign {} is not translated",
                proc.id, a.id
            );
            assert_eq!(locked(&a.text), locked(&b.text));
        }
        assert_ne!(es.procedure.summary, en.procedure.summary);
        // The nurse's notes are for the nurse.
        let notes = |pl: &homeward_core::Plan| -> Vec<String> {
            pl.nurse_notes.iter().map(|n| n.text.clone()).collect()
        };
        assert_eq!(notes(&es), notes(&en), "{}", proc.id);
        // And the chart gets the English names.
        assert_eq!(en.chart, None);
        let chart = es.chart.as_ref().expect("chart names");
        assert_eq!(chart.procedure, en.procedure.name);
        assert_eq!(chart.levels_noun, en.procedure.levels_noun);
        let titles: Vec<&String> = en.sections.iter().map(|s| &s.title).collect();
        assert_eq!(chart.topics.iter().collect::<Vec<_>>(), titles);
    }
    // Dates the engine writes read the Spanish way.
    let es = must_plan(&p, &spanish(input("acdf", None, None)));
    let driving = es
        .phases
        .iter()
        .flat_map(|ph| &ph.restrictions)
        .find(|l| l.text.contains("maneje"));
    let driving = driving
        .expect("the driving line is in Spanish")
        .text
        .clone();
    assert!(
        driving.contains(" de diciembre de 2026") || driving.contains(" de enero de 2027"),
        "{driving}"
    );
}

#[test]
fn an_unknown_language_is_refused_naming_those_there_are() {
    let p = protocol();
    let i = PlanInput {
        language: Some("fr".to_owned()),
        ..input("acdf", None, None)
    };
    let e = plan(&p, &i).unwrap_err();
    assert_eq!(e.field(), "language");
    assert_eq!(
        e.to_string(),
        "language: `fr` is not available; allowed: en, es"
    );
}

#[test]
fn a_text_without_spanish_loads_but_a_spanish_plan_that_prints_it_is_refused() {
    // ACDF's first line (phase 0's first goal) loses its Spanish.
    let without_first_spanish_line = |t: &str| {
        let line = t
            .lines()
            .find(|l| l.starts_with("text.es = "))
            .expect("a Spanish line");
        t.replacen(&format!("{line}\n"), "", 1)
    };
    let p = load_with("procedures/acdf.toml", without_first_spanish_line)
        .expect("English packets still print");
    assert_eq!(p.untranslated.len(), 1);
    must_plan(&p, &input("acdf", None, None));
    must_plan(&p, &spanish(input("microdiscectomy", None, None)));
    let e = plan(&p, &spanish(input("acdf", None, None))).unwrap_err();
    assert_eq!(e.field(), "language");
    assert_eq!(
        e.to_string(),
        "language: the protocol has no `es` text for 1 field: procedures/acdf.toml: procedure `acdf`: field `phase[0].goal[0].text`. Add the translation, or choose another language"
    );
    assert!(matches!(e, PlanError::Untranslated { count: 1, .. }));

    // A shared text without Spanish stops every Spanish plan.
    // (The section's second line.)
    let p = load_with("teaching.toml", |t| {
        let line = t
            .lines()
            .filter(|l| l.starts_with("text.es = "))
            .nth(1)
            .expect("a second Spanish line");
        t.replacen(&format!("{line}\n"), "", 1)
    })
    .expect("loads");
    for proc in ["acdf", "microdiscectomy"] {
        let e = plan(&p, &spanish(input(proc, None, None))).unwrap_err();
        assert!(
            e.to_string()
                .contains("teaching.toml: field `section[0].lines[1].text`"),
            "{e}"
        );
    }
}

#[test]
fn a_translation_must_say_the_same_numbers_and_english_is_always_required() {
    // The bowels section's second line ("6 to 8 glasses") says 3 in Spanish instead of 8.
    let (file, procedure, field, message) = invalid(load_with("teaching.toml", |t| {
        let line = t
            .lines()
            .find(|l| l.starts_with("text.es = ") && l.contains("6 a 8"))
            .expect("the 6-to-8 glasses line");
        t.replacen(line, &line.replacen("6 a 8", "6 a 3", 1), 1)
    }));
    assert_eq!(
        (file.as_str(), procedure, field.as_str()),
        ("teaching.toml", None, "section[0].lines[1].text")
    );
    assert!(
        message.contains("`es` text has [\"3\", \"6\"] where the `en` text has [\"6\", \"8\"]"),
        "{message}"
    );

    let (file, _, field, message) = invalid(load_with("procedures/acdf.toml", |t| {
        t.replacen(
            "text.en = \"Take short walks",
            "text.fr = \"Take short walks",
            1,
        )
    }));
    assert_eq!(
        (file.as_str(), field.as_str()),
        ("procedures/acdf.toml", "phase[0].goal[0].text")
    );
    assert!(message.contains("has no `en` text"), "{message}");
}

/// Orders that rewrite an ACDF line in English only.
fn orders(line: &str) -> String {
    format!(
        r#"name = "Dr. Ana Patel"

[[source]]
id = "patel-orders"
kind = "orders"
citation = "Dr. Ana Patel, standing discharge orders after neck fusion, 2026"

[[procedure.acdf.phase_patch]]
phase = 0
avoid = [{{ activity = "bending", {line}, source = "patel-orders" }}]
"#
    )
}

#[test]
fn a_line_a_surgeon_writes_in_english_never_prints_the_old_spanish() {
    for line in [
        r#"text = "Do not bend your neck down to look at a phone.""#,
        // Written as one language of a text, it still replaces the whole text.
        r#"text = { en = "Do not bend your neck down to look at a phone." }"#,
    ] {
        let mut files: Vec<(&str, &str)> = default_protocol_files().to_vec();
        let o = orders(line);
        files.push(("surgeons/patel.toml", &o));
        let p = Protocol::from_files(files).expect("orders in English load");
        let p = p.with_surgeon("patel").expect("apply");
        let en = must_plan(&p, &input("acdf", None, None));
        assert!(
            en.phases[0]
                .restrictions
                .iter()
                .any(|l| l.text.contains("look at a phone"))
        );
        let e = plan(&p, &spanish(input("acdf", None, None))).unwrap_err();
        assert!(
            e.to_string()
                .contains("surgeons/patel.toml: procedure `acdf`: field `phase[0].avoid"),
            "{line}: {e}"
        );
        // Other procedures still print in Spanish.
        must_plan(&p, &spanish(input("lumbar-fusion", Some(1), None)));
    }
    // With its Spanish, the surgeon's line prints in the Spanish packet.
    let mut files: Vec<(&str, &str)> = default_protocol_files().to_vec();
    let o = orders(
        r#"text = { en = "Do not bend your neck down to look at a phone.", es = "No baje la cabeza para mirar el teléfono." }"#,
    );
    files.push(("surgeons/patel.toml", &o));
    let p = Protocol::from_files(files)
        .unwrap()
        .with_surgeon("patel")
        .unwrap();
    let es = must_plan(&p, &spanish(input("acdf", None, None)));
    assert!(
        es.phases[0]
            .restrictions
            .iter()
            .any(|l| l.text == "No baje la cabeza para mirar el teléfono.")
    );
}

#[test]
fn the_text_digest_names_exactly_the_texts_a_review_covers() {
    let p = protocol();
    let es = p.text_digest("es");
    assert_eq!(es.len(), 64);
    assert_eq!(
        protocol().text_digest("es"),
        es,
        "the same texts, the same digest"
    );
    assert_ne!(p.text_digest("en"), es);
    // A Spanish line changes: the digest changes.
    let changed = load_with("teaching.toml", |t| {
        let line = t
            .lines()
            .find(|l| l.starts_with("text.es = "))
            .expect("a line");
        t.replacen(
            line,
            &line.replacen("text.es = \"", "text.es = \"Ahora: ", 1),
            1,
        )
    })
    .expect("loads");
    assert_ne!(changed.text_digest("es"), es);
    // So does the English it translates: the review compared the two.
    let changed = load_with("teaching.toml", |t| {
        let line = t
            .lines()
            .find(|l| l.starts_with("text.en = "))
            .expect("a line");
        t.replacen(
            line,
            &line.replacen("text.en = \"", "text.en = \"Now: ", 1),
            1,
        )
    })
    .expect("loads");
    assert_ne!(changed.text_digest("es"), es);
    // A nurse note is not patient text: changing it leaves the digest.
    let changed = load_with("factors.toml", |t| {
        t.replacen("offer a cessation referral", "offer a referral", 1)
    })
    .expect("loads");
    let note = |p: &Protocol| format!("{:?}", p.factor("nicotine").map(|f| &f.nurse_note));
    assert_ne!(note(&changed), note(&p), "the note did change");
    assert_eq!(changed.text_digest("es"), es);
    // A surgeon's line is part of what their packets print.
    let mut files: Vec<(&str, &str)> = default_protocol_files().to_vec();
    let o = orders(
        r#"text = { en = "Do not bend your neck down to look at a phone.", es = "No baje la cabeza para mirar el teléfono." }"#,
    );
    files.push(("surgeons/patel.toml", &o));
    let with = Protocol::from_files(files).unwrap();
    assert_eq!(with.text_digest("es"), es);
    assert_ne!(with.with_surgeon("patel").unwrap().text_digest("es"), es);
}
