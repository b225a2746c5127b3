//! Protocol versions on a real SQLite file: save, list, read back, approve and review, restore;
//! bad input changes nothing; two programs saving at once both land.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use homeward_store::{CLINIC_LAYER, Store, StoreError};

mod common;
use common::Tmp;

/// A layer's files: one procedure file whose ACDF driving day is `day`.
fn files(day: u32) -> BTreeMap<String, String> {
    BTreeMap::from([(
        "procedures/acdf.toml".to_owned(),
        format!("[driving]\nday = {day}\n"),
    )])
}

fn day(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

#[test]
fn versions_are_saved_read_back_approved_and_restored_with_nothing_lost() {
    let tmp = Tmp::new("protocols", "versions");
    let mut s = Store::open(&tmp.db()).expect("open");
    assert_eq!(s.protocol_version(CLINIC_LAYER, None).expect("read"), None);

    assert_eq!(
        s.save_protocol_version(CLINIC_LAYER, &files(14), "ab", "clinic's own ACDF driving")
            .expect("save"),
        1
    );
    assert_eq!(
        s.save_protocol_version(CLINIC_LAYER, &files(7), "cd", "Dr. Rivera's audit, 2026")
            .expect("save"),
        2
    );
    let surgeon = "surgeon:Dr. Ana Rivera";
    assert_eq!(
        s.save_protocol_version(surgeon, &files(10), "ab", "her orders")
            .expect("save"),
        1
    );
    assert_eq!(
        s.protocol_layers().expect("layers"),
        [CLINIC_LAYER, surgeon]
    );

    // The newest is the current one; every version reads back as saved.
    let now = s
        .protocol_version(CLINIC_LAYER, None)
        .expect("read")
        .expect("some");
    assert_eq!((now.info.number, now.files.clone()), (2, files(7)));
    assert_eq!(now.info.saved_by, "CD");
    assert_eq!(now.info.reason, "Dr. Rivera's audit, 2026");
    let first = s
        .protocol_version(CLINIC_LAYER, Some(1))
        .expect("read")
        .expect("some");
    assert_eq!(first.files, files(14));
    let listed: Vec<i64> = s
        .protocol_versions(CLINIC_LAYER)
        .expect("list")
        .iter()
        .map(|v| v.number)
        .collect();
    assert_eq!(listed, [2, 1]);

    // Unapproved: not current. Approved: current until the review is due, 24 months on.
    assert!(!now.info.current_on(day("2026-12-01")));
    let a = s
        .approve_protocol_version(CLINIC_LAYER, 2, "ef", day("2026-12-01"), 24)
        .expect("approve");
    assert_eq!((a.by.as_str(), a.review_due), ("EF", day("2028-12-01")));
    let now = s
        .protocol_version(CLINIC_LAYER, None)
        .expect("read")
        .expect("some");
    assert_eq!(now.info.approval, Some(a));
    assert!(now.info.current_on(day("2028-11-30")));
    assert!(
        !now.info.current_on(day("2028-12-01")),
        "overdue on its review day"
    );

    // Restoring version 1 saves it again as version 3, unapproved; 1 and 2 stay as they were.
    assert_eq!(
        s.restore_protocol_version(CLINIC_LAYER, 1, "ab")
            .expect("restore"),
        3
    );
    let now = s
        .protocol_version(CLINIC_LAYER, None)
        .expect("read")
        .expect("some");
    assert_eq!(
        (now.info.number, now.files, now.info.reason.as_str()),
        (3, files(14), "restored version 1")
    );
    assert_eq!(now.info.approval, None);
    assert_eq!(s.protocol_versions(CLINIC_LAYER).expect("list").len(), 3);

    // All of it is in the file: a new connection reads the same.
    drop(s);
    let s = Store::open(&tmp.db()).expect("reopen");
    let v2 = s
        .protocol_version(CLINIC_LAYER, Some(2))
        .expect("read")
        .expect("some");
    assert_eq!(v2.files, files(7));
    assert!(v2.info.approval.is_some());
}

#[test]
fn bad_versions_name_the_field_and_save_nothing() {
    let tmp = Tmp::new("protocols", "bad");
    let mut s = Store::open(&tmp.db()).expect("open");
    s.save_protocol_version(CLINIC_LAYER, &files(14), "ab", "first")
        .expect("save");
    let field = |e: StoreError| match e {
        StoreError::ProtocolVersion { field, .. } => field,
        other => panic!("{other}"),
    };
    let bad = [
        (
            s.save_protocol_version("nurses", &files(7), "ab", "x"),
            "layer",
        ),
        (
            s.save_protocol_version("surgeon: ", &files(7), "ab", "x"),
            "layer",
        ),
        (
            s.save_protocol_version(CLINIC_LAYER, &files(7), "a1", "x"),
            "by",
        ),
        (
            s.save_protocol_version(CLINIC_LAYER, &files(7), "ab", "  "),
            "reason",
        ),
        (
            s.save_protocol_version(CLINIC_LAYER, &BTreeMap::new(), "ab", "x"),
            "files",
        ),
        (
            s.save_protocol_version(CLINIC_LAYER, &files(14), "ab", "again"),
            "files",
        ),
    ];
    for (got, want) in bad {
        assert_eq!(field(got.expect_err("refused")), want);
    }
    assert_eq!(
        field(
            s.approve_protocol_version(CLINIC_LAYER, 1, "", day("2026-12-01"), 24)
                .expect_err("no initials")
        ),
        "by"
    );
    assert_eq!(
        field(
            s.approve_protocol_version(CLINIC_LAYER, 1, "ab", day("2026-12-01"), 0)
                .expect_err("no review period")
        ),
        "review-months"
    );
    assert!(matches!(
        s.approve_protocol_version(CLINIC_LAYER, 9, "ab", day("2026-12-01"), 24),
        Err(StoreError::NoSuchProtocolVersion { number: 9, .. })
    ));
    assert!(matches!(
        s.protocol_version(CLINIC_LAYER, Some(9)),
        Err(StoreError::NoSuchProtocolVersion { number: 9, .. })
    ));
    // Restoring the newest would save nothing new.
    assert_eq!(
        field(
            s.restore_protocol_version(CLINIC_LAYER, 1, "ab")
                .expect_err("already newest")
        ),
        "files"
    );
    let versions = s.protocol_versions(CLINIC_LAYER).expect("list");
    assert_eq!(versions.len(), 1);
    assert_eq!(versions[0].approval, None);
}

/// Two programs saving versions of one layer at once: every save lands, each with its own
/// number.
#[test]
fn concurrent_saves_each_get_their_own_number() {
    let tmp = Tmp::new("protocols", "concurrent");
    drop(Store::open(&tmp.db()).expect("create"));
    let db = tmp.db();
    let handles: Vec<_> = (0..8)
        .map(|i| {
            let db = db.clone();
            std::thread::spawn(move || {
                let mut s = Store::open(&db).expect("open");
                s.save_protocol_version(CLINIC_LAYER, &files(10 + i), "ab", &format!("writer {i}"))
                    .expect("save")
            })
        })
        .collect();
    let mut numbers: Vec<i64> = handles
        .into_iter()
        .map(|h| h.join().expect("thread"))
        .collect();
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=8).collect::<Vec<i64>>());
}
