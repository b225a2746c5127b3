//! The clinic's protocol and its surgeons' orders, kept as versions (schema version 5).
//!
//! The store keeps a layer's files as the protocol folder holds them (path → TOML text) and
//! who saved, approved and is due to review each version. Whether the files make a valid
//! protocol is the engine's question (`homeward_core::Protocol`), asked before saving.

use std::collections::BTreeMap;

use chrono::{Months, NaiveDate};
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::history::check_initials;
use crate::templates::NOW;
use crate::{Result, Store, StoreError};

/// The schema version that added protocol versions: an older file, opened read-only, has
/// none.
const PROTOCOLS_SINCE: i64 = 5;

/// The clinic's own layer; a surgeon's is `surgeon:` and the surgeon's name.
pub const CLINIC_LAYER: &str = "clinic";

/// How long an approval lasts before the protocol is due for review, unless the approver
/// says otherwise.
pub const DEFAULT_REVIEW_MONTHS: u32 = 24;

/// Who approved a version, when, and when it is due for review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Approval {
    /// Initials.
    pub by: String,
    /// The day it was approved.
    pub on: NaiveDate,
    /// The day it is due for review.
    pub review_due: NaiveDate,
}

/// One saved version of one layer, without its files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProtocolVersionInfo {
    /// `clinic`, or `surgeon:` and a name.
    pub layer: String,
    /// 1, 2, 3… within the layer.
    pub number: i64,
    /// When it was saved (UTC, ISO 8601).
    pub saved_at: String,
    /// Initials of who saved it.
    pub saved_by: String,
    /// Why.
    pub reason: String,
    /// The approval, once given.
    pub approval: Option<Approval>,
}

impl ProtocolVersionInfo {
    /// Whether this version may be handed out without a warning on `today`: approved, and
    /// not yet due for review.
    #[must_use]
    pub fn current_on(&self, today: NaiveDate) -> bool {
        self.approval.as_ref().is_some_and(|a| today < a.review_due)
    }
}

/// One saved version with its files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProtocolVersion {
    /// Who, when, why, approval.
    pub info: ProtocolVersionInfo,
    /// The layer's files: path in the protocol folder → text.
    pub files: BTreeMap<String, String>,
}

/// A layer name: `clinic`, or `surgeon:` and a name.
fn check_layer(layer: &str) -> Result<()> {
    let ok = layer == CLINIC_LAYER
        || layer
            .strip_prefix("surgeon:")
            .is_some_and(|name| !name.trim().is_empty() && name.trim() == name);
    if ok {
        Ok(())
    } else {
        Err(StoreError::ProtocolVersion {
            layer: layer.to_owned(),
            field: "layer".into(),
            message: "is `clinic`, or `surgeon:` and the surgeon's name".into(),
        })
    }
}

fn field_error(layer: &str, field: &str, message: &str) -> StoreError {
    StoreError::ProtocolVersion {
        layer: layer.to_owned(),
        field: field.to_owned(),
        message: message.to_owned(),
    }
}

impl Store {
    /// Saves `files` as the newest version of `layer`; returns its number. The files are
    /// kept as given: check them with the engine first.
    ///
    /// # Errors
    /// A bad layer name, initials that are not 1 to 5 letters, no reason, no files, files
    /// the same as the current version's; or a database failure. Nothing is saved.
    pub fn save_protocol_version(
        &mut self,
        layer: &str,
        files: &BTreeMap<String, String>,
        by: &str,
        reason: &str,
    ) -> Result<i64> {
        check_layer(layer)?;
        let by = check_initials(by)
            .map_err(|_| field_error(layer, "by", "initials are 1 to 5 letters"))?;
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(field_error(layer, "reason", "say why it changed"));
        }
        if files.is_empty() {
            return Err(field_error(
                layer,
                "files",
                "a version holds at least one file",
            ));
        }
        let json = serde_json::to_string(files)?;
        let tx = self.write()?;
        let (last, last_files): (i64, Option<String>) = tx.query_row(
            "SELECT COALESCE(MAX(number), 0), (SELECT files FROM protocol_versions WHERE layer = ?1 ORDER BY number DESC LIMIT 1) FROM protocol_versions WHERE layer = ?1",
            [layer],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if last_files.as_deref() == Some(json.as_str()) {
            return Err(field_error(
                layer,
                "files",
                &format!("nothing changed since version {last}"),
            ));
        }
        let number = last + 1;
        tx.execute(
            &format!("INSERT INTO protocol_versions (layer, number, files, saved_at, saved_by, reason) VALUES (?1, ?2, ?3, {NOW}, ?4, ?5)"),
            params![layer, number, json, by, reason],
        )?;
        tx.commit()?;
        Ok(number)
    }

    /// The layers that have versions: `clinic` first, then surgeons by name.
    ///
    /// # Errors
    /// A database failure.
    pub fn protocol_layers(&self) -> Result<Vec<String>> {
        let mut st = self.conn.prepare(
            "SELECT DISTINCT layer FROM protocol_versions ORDER BY layer <> 'clinic', layer",
        )?;
        let rows = st.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A layer's versions, newest first.
    ///
    /// # Errors
    /// A database failure.
    pub fn protocol_versions(&self, layer: &str) -> Result<Vec<ProtocolVersionInfo>> {
        if self.schema_version()? < PROTOCOLS_SINCE {
            return Ok(Vec::new());
        }
        let mut st = self.conn.prepare(
            "SELECT layer, number, saved_at, saved_by, reason, approved_by, approved_on, review_due FROM protocol_versions WHERE layer = ?1 ORDER BY number DESC",
        )?;
        let rows = st.query_map([layer], info)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Version `number` of `layer`, or its newest when `number` is `None`; `None` when the
    /// layer has no versions, or the file predates protocol versions (schema version 4 or
    /// earlier, opened read-only).
    ///
    /// # Errors
    /// No such version, or a database failure.
    pub fn protocol_version(
        &self,
        layer: &str,
        number: Option<i64>,
    ) -> Result<Option<ProtocolVersion>> {
        if self.schema_version()? < PROTOCOLS_SINCE {
            return match number {
                None => Ok(None),
                Some(number) => Err(StoreError::NoSuchProtocolVersion {
                    layer: layer.to_owned(),
                    number,
                }),
            };
        }
        let found = self
            .conn
            .query_row(
                "SELECT layer, number, saved_at, saved_by, reason, approved_by, approved_on, review_due, files FROM protocol_versions WHERE layer = ?1 AND number = COALESCE(?2, (SELECT MAX(number) FROM protocol_versions WHERE layer = ?1))",
                params![layer, number],
                |r| Ok((info(r)?, r.get::<_, String>(8)?)),
            )
            .optional()?;
        match (found, number) {
            (Some((info, files)), _) => Ok(Some(ProtocolVersion {
                info,
                files: serde_json::from_str(&files)?,
            })),
            (None, Some(number)) => Err(StoreError::NoSuchProtocolVersion {
                layer: layer.to_owned(),
                number,
            }),
            (None, None) => Ok(None),
        }
    }

    /// Records that `by` approved version `number` of `layer` on `on`; it is due for review
    /// `review_months` later. Approving again (a review) replaces the earlier approval.
    ///
    /// # Errors
    /// Initials that are not 1 to 5 letters, a review period of 0 or over 60 months, no
    /// such version, or a database failure. Nothing is changed.
    pub fn approve_protocol_version(
        &mut self,
        layer: &str,
        number: i64,
        by: &str,
        on: NaiveDate,
        review_months: u32,
    ) -> Result<Approval> {
        let by = check_initials(by)
            .map_err(|_| field_error(layer, "by", "initials are 1 to 5 letters"))?;
        if !(1..=60).contains(&review_months) {
            return Err(field_error(
                layer,
                "review-months",
                "is 1 to 60 months (24 unless the clinic says otherwise)",
            ));
        }
        let review_due = on
            .checked_add_months(Months::new(review_months))
            .ok_or_else(|| field_error(layer, "on", "is too far in the future"))?;
        let tx = self.write()?;
        let n = tx.execute(
            "UPDATE protocol_versions SET approved_by = ?3, approved_on = ?4, review_due = ?5 WHERE layer = ?1 AND number = ?2",
            params![layer, number, by, on.to_string(), review_due.to_string()],
        )?;
        if n == 0 {
            return Err(StoreError::NoSuchProtocolVersion {
                layer: layer.to_owned(),
                number,
            });
        }
        tx.commit()?;
        Ok(Approval { by, on, review_due })
    }

    /// Saves version `number` of `layer` again as its newest version, unapproved; returns
    /// the new number.
    ///
    /// # Errors
    /// No such version, it is already the newest, bad initials, or a database failure.
    pub fn restore_protocol_version(&mut self, layer: &str, number: i64, by: &str) -> Result<i64> {
        let old = self.protocol_version(layer, Some(number))?.ok_or_else(|| {
            StoreError::NoSuchProtocolVersion {
                layer: layer.to_owned(),
                number,
            }
        })?;
        self.save_protocol_version(layer, &old.files, by, &format!("restored version {number}"))
    }
}

fn info(r: &rusqlite::Row<'_>) -> rusqlite::Result<ProtocolVersionInfo> {
    let date = |i: usize| -> rusqlite::Result<Option<NaiveDate>> {
        r.get::<_, Option<String>>(i)?
            .map(|s| {
                s.parse().map_err(|e| {
                    rusqlite::Error::FromSqlConversionFailure(
                        i,
                        rusqlite::types::Type::Text,
                        Box::new(e),
                    )
                })
            })
            .transpose()
    };
    let approval = match (r.get::<_, Option<String>>(5)?, date(6)?, date(7)?) {
        (Some(by), Some(on), Some(review_due)) => Some(Approval { by, on, review_due }),
        _ => None,
    };
    Ok(ProtocolVersionInfo {
        layer: r.get(0)?,
        number: r.get(1)?,
        saved_at: r.get(2)?,
        saved_by: r.get(3)?,
        reason: r.get(4)?,
        approval,
    })
}
