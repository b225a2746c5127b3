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
