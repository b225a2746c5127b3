//! The app prints with the clinic's newest protocol version from its database, and refuses
//! to open with one that no longer loads rather than print with another.

use super::*;

use std::collections::BTreeMap;

use homeward_store::{CLINIC_LAYER, Store};

/// The built-in protocol's files with ACDF's driving day set to `day`.
fn with_acdf_driving(day: u32) -> BTreeMap<String, String> {
    homeward_core::default_protocol_files()
        .iter()
        .map(|(p, t)| {
            let t = if *p == "procedures/acdf.toml" {
                t.replacen(
                    "[driving]\nday = 14\n",
                    &format!("[driving]\nday = {day}\n"),
                    1,
                )
            } else {
                (*t).to_owned()
            };
            ((*p).to_owned(), t)
        })
        .collect()
}

fn acdf() -> CaseForm {
    CaseForm {
        procedure: "acdf".into(),
        levels: Some(1),
        ..fusion_form()
    }
}

#[test]
fn the_app_uses_the_clinics_newest_protocol_version() {
    let tmp = Tmp::new("clinic-protocol");
    assert_eq!(
        tmp.app().preview(&acdf()).plan.expect("plan").driving.day,
        14
    );
    let mut store = Store::open(&tmp.0.join("homeward.db")).expect("open");
    store
        .save_protocol_version(CLINIC_LAYER, &with_acdf_driving(21), "ab", "clinic audit")
        .expect("save");
    assert_eq!(
        tmp.app().preview(&acdf()).plan.expect("plan").driving.day,
        21
    );

    // A stored version this Homeward cannot load stops the app with what to do, instead
    // of quietly printing with the built-in protocol.
    let mut broken = with_acdf_driving(21);
    broken.insert("procedures/acdf.toml".into(), "id = \"acdf\"\n".into());
    store
        .save_protocol_version(CLINIC_LAYER, &broken, "ab", "a bad edit")
        .expect("save");
    let e = App::open(&tmp.0.join("homeward.db"))
        .err()
        .expect("refused");
    assert!(
        e.message
            .contains("the clinic's protocol version 2 no longer loads")
            && e.message.contains("procedures/acdf.toml")
            && e.message.contains("restore an earlier version"),
        "{}",
        e.message
    );
}

#[test]
fn the_packet_screen_warns_while_the_clinics_protocol_is_unapproved_or_overdue() {
    let tmp = Tmp::new("protocol-warning");
    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
    let c = tmp.app().catalog(day("2026-12-01"));
    assert_eq!(
        (c.protocol_source.as_str(), c.protocol_warning),
        ("Homeward's built-in protocol 2026.12.1", None)
    );
    let mut store = Store::open(&tmp.0.join("homeward.db")).expect("open");
    store
        .save_protocol_version(CLINIC_LAYER, &with_acdf_driving(21), "ab", "clinic audit")
        .expect("save");
    let c = tmp.app().catalog(day("2026-12-01"));
    assert_eq!(
        c.protocol_source,
        "The clinic's protocol, version 1 (2026.12.1)"
    );
    assert!(
        c.protocol_warning
            .as_deref()
            .is_some_and(|w| w.contains("version 1 has not been approved")),
        "{c:?}"
    );
    // The care-team sheet says so too; the patient copy names the version.
    let app = tmp.ready_app();
    let sheet = pdf_text(
        &app.care_sheet_pdf(&acdf(), day("2026-12-02"))
            .expect("sheet"),
    );
    assert!(sheet.contains("NOT APPROVED"), "{sheet}");
    let packet = pdf_text(&app.packet_pdf(&acdf(), day("2026-12-02")).expect("packet"));
    assert!(packet.contains("2026.12.1 v1") && !packet.contains("NOT APPROVED"));
    drop(app);
    store
        .approve_protocol_version(CLINIC_LAYER, 1, "ef", day("2026-12-01"), 24)
        .expect("approve");
    assert_eq!(tmp.app().catalog(day("2028-11-30")).protocol_warning, None);
    let overdue = tmp.app().catalog(day("2028-12-01")).protocol_warning;
    assert!(
        overdue
            .as_deref()
            .is_some_and(|w| w.contains("was due for review on 2028-12-01")),
        "{overdue:?}"
    );
}

#[test]
fn a_packet_for_a_surgeon_with_orders_follows_them() {
    let tmp = Tmp::new("surgeon-orders");
    let mut files = with_acdf_driving(21);
    files.insert(
        "surgeons/patel.toml".into(),
        "name = \"Dr. Ana Patel\"\n[[source]]\nid = \"patel-orders\"\nkind = \"orders\"\ncitation = \"Dr. Ana Patel, standing orders\"\n[procedure.acdf.driving]\nday = 28\nsource = \"patel-orders\"\n".into(),
    );
    let mut store = Store::open(&tmp.0.join("homeward.db")).expect("open");
    store
        .save_protocol_version(CLINIC_LAYER, &files, "ab", "Dr Patel's orders")
        .expect("save");
    let mut app = tmp.app();
    let today = NaiveDate::from_ymd_opt(2026, 12, 3).expect("date");
    assert_eq!(app.catalog(today).surgeons_with_orders, ["Dr. Ana Patel"]);
    // No surgeon, or one without orders: the clinic's protocol (its day 21, marked as the
    // clinic's change).
    for surgeon in ["", "Dr. Lee"] {
        let plan = app
            .preview(&CaseForm {
                surgeon: surgeon.into(),
                ..acdf()
            })
            .plan
            .expect("plan");
        assert_eq!(plan.driving.day, 21, "{surgeon}");
        assert!(plan.surgeon.is_none());
        assert_eq!(plan.set_by.len(), 1);
        assert_eq!(plan.set_by[0].layer, homeward_core::Layer::Clinic);
    }
    // The surgeon, typed any way: their orders, their name as the orders spell it.
    let form = CaseForm {
        surgeon: "dr ana patel".into(),
        ..acdf()
    };
    let plan = app.preview(&form).plan.expect("plan");
    assert_eq!(plan.driving.day, 28);
    assert_eq!(plan.surgeon.expect("orders").name, "Dr. Ana Patel");
    app.set_setting("clinic-phone", "(555) 777-0199")
        .expect("set");
    let text = pdf_text(&app.packet_pdf(&form, today).expect("pdf"));
    assert!(text.contains("Dr. Ana Patel's orders"), "{text}");
    // The default surgeon's orders apply when the form names none.
    app.add_surgeon("Dr. Ana Patel", "", true).expect("add");
    let plan = app.preview(&acdf()).plan.expect("plan");
    assert_eq!(plan.driving.day, 28);
}
