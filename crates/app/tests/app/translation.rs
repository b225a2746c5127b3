//! A translator's review of the Spanish, in a real SQLite file: unreviewed until recorded,
//! named on the care-team sheet once it is, and lapsed when a Spanish line changes.

use super::*;

use std::collections::BTreeMap;

use homeward_app::{ProtocolChange, ProtocolEdit};
use homeward_store::{CLINIC_LAYER, NewReview, Store};

fn on(s: &str) -> NaiveDate {
    s.parse().expect("a date")
}

fn spanish() -> CaseForm {
    CaseForm {
        language: "es".into(),
        ..fusion_form()
    }
}

fn review() -> NewReview {
    NewReview {
        language: "es".into(),
        reviewer: "Ana Ruiz".into(),
        credential: "CHI-Spanish".into(),
        reviewed_on: on("2026-11-20"),
        recorded_by: "lp".into(),
    }
}

#[test]
fn the_spanish_is_unreviewed_until_a_review_is_recorded_and_lapses_when_a_line_changes() {
    let tmp = Tmp::new("translation-review");
    let mut app = tmp.ready_app();
    assert_eq!(app.translation_status("en").expect("status").warning, None);
    let before = app.translation_status("es").expect("status");
    assert!(before.reviewed.is_none() && before.earlier.is_none());
    assert!(
        before
            .warning
            .as_deref()
            .is_some_and(|w| w.contains("has not been reviewed by a qualified medical translator")),
        "{before:?}"
    );
    let sheet = pdf_text(
        &app.care_sheet_pdf(&spanish(), on("2026-12-02"))
            .expect("sheet"),
    );
    assert!(
        sheet.contains("NOT REVIEWED: this packet is in Spanish"),
        "{sheet}"
    );

    // Recorded: the sheet names the translator, and the nurse is no longer warned.
    let after = app
        .record_translation_review(&review(), on("2026-12-01"))
        .expect("recorded");
    assert_eq!(after.warning, None);
    assert_eq!(
        after.reviewed.as_ref().map(|r| r.review.reviewer.as_str()),
        Some("Ana Ruiz")
    );
    let sheet = pdf_text(
        &app.care_sheet_pdf(&spanish(), on("2026-12-02"))
            .expect("sheet"),
    );
    assert!(
        sheet.contains("reviewed by Ana Ruiz (CHI-Spanish)"),
        "{sheet}"
    );
    assert!(!sheet.contains("NOT REVIEWED"));
    // Bad input names the field; nothing is recorded.
    let e = app
        .record_translation_review(
            &NewReview {
                reviewer: " ".into(),
                ..review()
            },
            on("2026-12-01"),
        )
        .unwrap_err();
    assert!(e.to_string().contains("reviewer"), "{e}");
    drop(app);

    // The clinic changes one Spanish line: the review no longer covers what prints.
    let files: BTreeMap<String, String> = homeward_core::default_protocol_files()
        .iter()
        .map(|(p, t)| {
            let t = if *p == "teaching.toml" {
                let line = t
                    .lines()
                    .find(|l| l.starts_with("text.es = "))
                    .expect("a line");
                t.replacen(
                    line,
                    &line.replacen("text.es = \"", "text.es = \"Ahora: ", 1),
                    1,
                )
            } else {
                (*t).to_owned()
            };
            ((*p).to_owned(), t)
        })
        .collect();
    let mut store = Store::open(&tmp.0.join("homeward.db")).expect("open");
    store
        .save_protocol_version(CLINIC_LAYER, &files, "ab", "a clearer line")
        .expect("save");
    let app = tmp.app();
    let lapsed = app.translation_status("es").expect("status");
    assert!(lapsed.reviewed.is_none());
    assert_eq!(
        lapsed.earlier.as_ref().map(|r| r.review.reviewer.as_str()),
        Some("Ana Ruiz")
    );
    assert!(
        lapsed
            .warning
            .as_deref()
            .is_some_and(|w| w.contains("has changed since Ana Ruiz reviewed it on 2026-11-20")),
        "{lapsed:?}"
    );
}

/// The lead changes ACDF's first-phase bending line, with or without its Spanish.
fn bending_line(text_es: &str) -> ProtocolEdit {
    ProtocolEdit {
        procedure: "acdf".into(),
        layer: "clinic".into(),
        changes: vec![ProtocolChange::Line {
            phase: 0,
            list: "avoid".into(),
            activity: homeward_core::Activity::Bending,
            text: "Do not bend your neck down to look at a phone.".into(),
            text_es: text_es.into(),
            source: String::new(),
            reason: "Phones are the usual cause.".into(),
        }],
        by: "kl".into(),
        new_surgeon: String::new(),
    }
}

#[test]
fn a_line_the_lead_writes_needs_its_spanish_before_spanish_packets_print() {
    let tmp = Tmp::new("translation-line");
    let mut app = tmp.ready_app();
    let acdf = |language: &str| CaseForm {
        procedure: "acdf".into(),
        levels: Some(1),
        language: language.into(),
        ..fusion_form()
    };
    let today = on("2026-12-01");
    assert!(
        app.protocol_screen("acdf", "clinic", today)
            .expect("screen")
            .untranslated
            .is_empty()
    );

    // In English only: English packets print it, the screen lists the line, and a Spanish
    // packet is refused naming it (never the old Spanish of the line it replaced).
    app.save_protocol_edit(&bending_line(""), "phones")
        .expect("saved");
    let s = app
        .protocol_screen("acdf", "clinic", today)
        .expect("screen");
    assert_eq!(s.untranslated.len(), 1, "{:?}", s.untranslated);
    assert!(s.untranslated[0].contains("changes.toml: procedure `acdf`: field `phase[0].avoid"));
    let line = s
        .lines
        .iter()
        .find(|l| l.text.contains("look at a phone"))
        .expect("line");
    assert_eq!(line.text_es, None);
    let en = app.preview(&acdf("en"));
    assert!(
        en.plan.expect("plan").phases[0]
            .restrictions
            .iter()
            .any(|l| l.text.contains("look at a phone"))
    );
    let es = app.preview(&acdf("es"));
    assert!(es.plan.is_none());
    let e = es
        .errors
        .iter()
        .find(|e| e.field == "language")
        .expect("a language error");
    assert!(e.message.contains("phase[0].avoid"), "{}", e.message);
    // Other procedures still print in Spanish.
    assert!(app.preview(&spanish()).plan.is_some());

    // With its Spanish, the Spanish packet prints it.
    app.save_protocol_edit(
        &bending_line("No baje la cabeza para mirar el teléfono."),
        "phones, es",
    )
    .expect("saved");
    let s = app
        .protocol_screen("acdf", "clinic", today)
        .expect("screen");
    assert!(s.untranslated.is_empty(), "{:?}", s.untranslated);
    let es = app.preview(&acdf("es")).plan.expect("plan");
    assert!(
        es.phases[0]
            .restrictions
            .iter()
            .any(|l| l.text == "No baje la cabeza para mirar el teléfono.")
    );
}
