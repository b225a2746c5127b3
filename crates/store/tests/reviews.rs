//! Translators' reviews in a real SQLite file: recorded with the exact texts' digest, listed
//! newest first, bad fields named with nothing saved, kept across reopening.

use chrono::NaiveDate;
use homeward_store::{NewReview, Store, StoreError};

mod common;
use common::Tmp;

fn day(s: &str) -> NaiveDate {
    s.parse().expect("a date")
}

fn review(reviewer: &str) -> NewReview {
    NewReview {
        language: "es".into(),
        reviewer: reviewer.into(),
        credential: "CHI-Spanish".into(),
        reviewed_on: day("2026-11-20"),
        recorded_by: "jd".into(),
    }
}

const A: &str = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const B: &str = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

#[test]
fn reviews_are_kept_newest_first_with_what_they_cover() {
    let dir = Tmp::new("reviews", "kept");
    let path = dir.0.join("h.db");
    let today = day("2026-12-01");
    {
        let mut s = Store::open(&path).expect("open");
        assert!(s.translation_reviews("es").expect("list").is_empty());
        let r = s
            .record_translation_review(&review("Ana Ruiz"), A, "2026.12.1", today)
            .expect("recorded");
        assert_eq!(r.review.recorded_by, "JD");
        assert_eq!(r.texts_sha256, A);
        s.record_translation_review(&review("Luis Paz"), B, "2026.12.1", today)
            .expect("recorded");
    }
    let s = Store::open(&path).expect("reopen");
    let all = s.translation_reviews("es").expect("list");
    let names: Vec<&str> = all.iter().map(|r| r.review.reviewer.as_str()).collect();
    assert_eq!(names, ["Luis Paz", "Ana Ruiz"]);
    assert_eq!(all[1].texts_sha256, A);
    assert!(s.translation_reviews("fr").expect("list").is_empty());
}

#[test]
fn a_bad_review_names_its_field_and_saves_nothing() {
    let dir = Tmp::new("reviews", "bad");
    let mut s = Store::open(&dir.0.join("h.db")).expect("open");
    let today = day("2026-12-01");
    let cases: Vec<(NewReview, &str, &str)> = vec![
        (
            NewReview {
                language: "en".into(),
                ..review("Ana")
            },
            A,
            "language",
        ),
        (
            NewReview {
                language: "fr".into(),
                ..review("Ana")
            },
            A,
            "language",
        ),
        (review("  "), A, "reviewer"),
        (
            NewReview {
                credential: String::new(),
                ..review("Ana")
            },
            A,
            "credential",
        ),
        (
            NewReview {
                reviewed_on: day("2026-12-02"),
                ..review("Ana")
            },
            A,
            "reviewed-on",
        ),
        (
            NewReview {
                recorded_by: "J.D.".into(),
                ..review("Ana")
            },
            A,
            "recorded-by",
        ),
        (review("Ana"), "not a digest", "texts"),
    ];
    for (r, digest, field) in cases {
        match s.record_translation_review(&r, digest, "2026.12.1", today) {
            Err(StoreError::Setting { key, .. }) => assert_eq!(key, field, "{r:?}"),
            other => panic!("{field}: expected an error naming it, got {other:?}"),
        }
    }
    assert!(s.translation_reviews("es").expect("list").is_empty());
}
