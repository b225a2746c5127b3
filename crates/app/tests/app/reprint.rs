//! Re-printing from history: the packet first printed, byte for byte, whatever has changed
//! since; a packet recorded before history kept PDFs only while the protocol is the one it
//! was made with.

use super::*;

use homeward_store::Store;

/// The built-in protocol's files with lumbar fusion's driving day moved: a clinic's edit
/// that keeps the built-in version label, as `protocol export` and `import` leave it.
fn same_label_other_content() -> std::collections::BTreeMap<String, String> {
    homeward_core::default_protocol_files()
        .iter()
        .map(|(p, t)| {
            let t = if *p == "procedures/lumbar-fusion.toml" {
                let key = "[driving]\nday = ";
                let at = t.find(key).expect("a driving rule") + key.len();
                let end = at + t[at..].find('\n').expect("end of line");
                format!("{}77{}", &t[..at], &t[end..])
            } else {
                (*t).to_owned()
            };
            ((*p).to_owned(), t)
        })
        .collect()
}

/// Saves that edit as the clinic's protocol in the test's database.
fn clinic_changes_its_protocol(tmp: &Tmp) {
    let mut store = Store::open(&tmp.0.join("homeward.db")).expect("open");
    store
        .save_protocol_version(
            homeward_store::CLINIC_LAYER,
            &same_label_other_content(),
            "ab",
            "drive later",
        )
        .expect("save");
}

/// An app with history on that has printed the fusion packet once: the app, the printed
/// bytes, and the packet's history id.
fn printed_once(tmp: &Tmp) -> (App, Vec<u8>, i64) {
    let mut app = tmp.ready_app();
    app.set_setting("history", "on").expect("history on");
    let form = CaseForm {
        nurse: "ab".into(),
        ..fusion_form()
    };
    let printed = NaiveDate::from_ymd_opt(2026, 12, 3).expect("date");
    let path = app
        .print_documents(&form, printed, Documents::PACKET, &tmp.0.join("print"))
        .expect("print")
        .remove(0);
    let bytes = std::fs::read(path).expect("read");
    let id = app.history().expect("history")[0].id;
    (app, bytes, id)
}

/// Runs one SQL statement on the test's database file, as an older Homeward (or damage)
/// would have left it.
fn alter(tmp: &Tmp, sql: &str) {
    let store = Store::open(&tmp.0.join("homeward.db")).expect("open");
    drop(store);
    let c = rusqlite::Connection::open(tmp.0.join("homeward.db")).expect("open");
    c.execute(sql, []).expect("sql");
}

#[test]
fn a_reprint_is_the_printed_packet_byte_for_byte_after_the_protocol_changes() {
    let tmp = Tmp::new("reprint-exact");
    let (app, printed, id) = printed_once(&tmp);
    assert_eq!(app.reprint_pdf(id).expect("reprint"), printed);
    drop(app);
    // The clinic changes its protocol: a packet made now says something else...
    clinic_changes_its_protocol(&tmp);
    let app = tmp.ready_app();
    let form = CaseForm {
        nurse: "ab".into(),
        ..fusion_form()
    };
    let now = app
        .packet_pdf(&form, NaiveDate::from_ymd_opt(2026, 12, 3).expect("date"))
        .expect("packet");
    assert_ne!(pdf_text(&now), pdf_text(&printed));
    // ...but the re-print is still the packet the patient was given.
    assert_eq!(app.reprint_pdf(id).expect("reprint"), printed);
}

#[test]
fn a_packet_from_before_history_kept_pdfs_is_remade_with_the_built_in_protocol_only() {
    let tmp = Tmp::new("reprint-legacy");
    let (app, printed, id) = printed_once(&tmp);
    drop(app);
    alter(&tmp, "UPDATE packets SET pdf = NULL");
    // The clinic's protocol now in use has the same version label and other content: the
    // old packet is re-made from the built-in protocol it was printed with, not from it.
    clinic_changes_its_protocol(&tmp);
    let app = tmp.ready_app();
    assert_eq!(
        pdf_text(&app.reprint_pdf(id).expect("reprint")),
        pdf_text(&printed)
    );
    // Printed with another version of the built-in protocol: it cannot be made the same.
    drop(app);
    alter(&tmp, "UPDATE packets SET protocol_version = '2025.1.0'");
    let e = tmp.app().reprint_pdf(id).expect_err("not the same");
    assert!(
        e.message.contains("with protocol 2025.1.0")
            && e.message.contains("make a new packet from its details"),
        "{}",
        e.message
    );
}

#[test]
fn a_kept_packet_that_does_not_match_its_fingerprint_is_not_printed() {
    let tmp = Tmp::new("reprint-damaged");
    let (app, _, id) = printed_once(&tmp);
    drop(app);
    alter(
        &tmp,
        "UPDATE packets SET pdf = CAST('%PDF-1.7 damaged' AS BLOB)",
    );
    let app = tmp.app();
    let e = app.reprint_pdf(id).expect_err("damaged");
    assert!(
        e.message.contains("does not match the fingerprint"),
        "{}",
        e.message
    );
}
