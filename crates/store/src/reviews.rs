//! Translators' reviews of a language's text (schema version 6).
//!
//! A review records that a qualified medical translator checked one language's text: who,
//! their credential, the day, and who entered it. It names the exact texts it covers by their
//! SHA-256 (`homeward_core::Protocol::text_digest` with the packet's own words), so it stays
//! true only while the protocol in use still says what was reviewed: a changed line needs a
//! new review. Rows are only ever added.

use chrono::NaiveDate;
use rusqlite::params;
use serde::{Deserialize, Serialize};

use crate::history::check_initials;
use crate::templates::NOW;
use crate::{Result, Store, StoreError};

/// The schema version that added reviews: an older file, opened read-only, has none.
const REVIEWS_SINCE: i64 = 6;

/// The longest a reviewer's name or credential may be.
const MAX_FIELD: usize = 120;

/// A review as entered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NewReview {
    /// The language reviewed (`es`).
    pub language: String,
    /// The translator's name.
    pub reviewer: String,
    /// Their qualification (e.g. CHI-Spanish, CMI-Spanish, ATA-certified).
    pub credential: String,
    /// The day they finished the review.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub reviewed_on: NaiveDate,
    /// Initials of who entered it.
    pub recorded_by: String,
}

/// A stored review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TranslationReview {
    /// As entered.
    #[serde(flatten)]
    pub review: NewReview,
    /// The SHA-256 of the texts reviewed.
    pub texts_sha256: String,
    /// The protocol version as printed when it was recorded.
    pub protocol_version: String,
    /// When it was recorded (UTC, ISO 8601).
    pub recorded_at: String,
}

fn bad(field: &str, message: &str) -> StoreError {
    StoreError::Setting {
        key: field.to_owned(),
        message: message.to_owned(),
    }
}

impl NewReview {
    fn check(&self, today: NaiveDate) -> Result<()> {
        if !crate::settings::LANGUAGES.contains(&self.language.as_str()) || self.language == "en" {
            return Err(bad(
                "language",
                "a review is of a translation: use es (Spanish)",
            ));
        }
        for (field, value) in [
            ("reviewer", &self.reviewer),
            ("credential", &self.credential),
        ] {
            let n = value.trim().chars().count();
            if n == 0 || n > MAX_FIELD {
                return Err(bad(field, "must be 1 to 120 characters"));
            }
        }
        if self.reviewed_on > today {
            return Err(bad(
                "reviewed-on",
                "is in the future; give the day the review was done",
            ));
        }
        check_initials(&self.recorded_by)
            .map(drop)
            .map_err(|_| bad("recorded-by", "initials must be 1 to 5 letters"))
    }
}

impl Store {
    /// Records a review of the texts whose digest is `texts_sha256`.
    ///
    /// # Errors
    /// A field that is empty, too long or not allowed (named), or a digest that is not a
    /// SHA-256.
    pub fn record_translation_review(
        &mut self,
        r: &NewReview,
        texts_sha256: &str,
        protocol_version: &str,
        today: NaiveDate,
    ) -> Result<TranslationReview> {
        r.check(today)?;
        let recorded_by = check_initials(&r.recorded_by)?;
        if texts_sha256.len() != 64 || !texts_sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(bad("texts", "is not a SHA-256"));
        }
        let tx = self.write()?;
        tx.execute(
            &format!("INSERT INTO translation_reviews (language, texts_sha256, protocol_version, reviewer, credential, reviewed_on, recorded_by, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, {NOW})"),
            params![r.language, texts_sha256, protocol_version, r.reviewer.trim(), r.credential.trim(), r.reviewed_on.to_string(), recorded_by],
        )?;
        tx.commit()?;
        self.translation_reviews(&r.language)?
            .into_iter()
            .next()
            .ok_or_else(|| StoreError::NotFound("the review just recorded".to_owned()))
    }

    /// Every review of `language`, newest first.
    ///
    /// # Errors
    /// The database cannot be read.
    pub fn translation_reviews(&self, language: &str) -> Result<Vec<TranslationReview>> {
        if self.schema_version()? < REVIEWS_SINCE {
            return Ok(Vec::new());
        }
        let mut st = self.conn.prepare(
            "SELECT language, reviewer, credential, reviewed_on, recorded_by, texts_sha256, protocol_version, recorded_at FROM translation_reviews WHERE language = ?1 ORDER BY id DESC",
        )?;
        let rows = st.query_map([language], |r| {
            let on: String = r.get(3)?;
            Ok(TranslationReview {
                review: NewReview {
                    language: r.get(0)?,
                    reviewer: r.get(1)?,
                    credential: r.get(2)?,
                    reviewed_on: on.parse().map_err(|e| {
                        rusqlite::Error::FromSqlConversionFailure(
                            3,
                            rusqlite::types::Type::Text,
                            Box::new(e),
                        )
                    })?,
                    recorded_by: r.get(4)?,
                },
                texts_sha256: r.get(5)?,
                protocol_version: r.get(6)?,
                recorded_at: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}
