//! Re-printing from history: the packet first printed, byte for byte, whatever has changed
//! since; a packet recorded before history kept PDFs only while the protocol is the one it
//! was made with.

use super::*;

use homeward_store::Store;

/// The default protocol, re-issued as another version: the packet's footer names the
/// version, so every packet it makes differs from one made before.
fn changed_protocol() -> homeward_core::Protocol {
    let mut p = homeward_core::default_protocol().expect("protocol");
    p.version = "2099.1.0".into();
    p
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
    // The clinic re-issues its protocol: a packet made now differs from the one printed...
    let store = Store::open(&tmp.0.join("homeward.db")).expect("open");
    let record = store.history_entry(id).expect("entry").record;
    let changed = changed_protocol();
    assert_ne!(
        homeward_app::remake(&changed, &record).expect("remake"),
        printed
    );
    // ...but the re-print is still the packet the patient was given.
    assert_eq!(
        homeward_app::reprint(&store, &changed, id).expect("reprint"),
        printed
    );
}

#[test]
fn a_packet_from_before_history_kept_pdfs_reprints_only_with_its_own_protocol() {
    let tmp = Tmp::new("reprint-legacy");
    let (_app, printed, id) = printed_once(&tmp);
    alter(&tmp, "UPDATE packets SET pdf = NULL");
    let store = Store::open(&tmp.0.join("homeward.db")).expect("open");
    assert_eq!(store.history_pdf(id).expect("pdf"), None);
    // The protocol is the one it was made with: re-made, it says what the printed one said.
    let protocol = homeward_core::default_protocol().expect("protocol");
    assert_eq!(
        pdf_text(&homeward_app::reprint(&store, &protocol, id).expect("reprint")),
        pdf_text(&printed)
    );
    // The protocol has changed: it cannot be the same packet, and nothing is printed.
    let e = homeward_app::reprint(&store, &changed_protocol(), id).expect_err("not the same");
    assert!(
        e.message.contains("protocol 2026")
            && e.message.contains("2099.1.0 now")
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
