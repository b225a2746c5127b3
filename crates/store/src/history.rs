//! Packet history, written only while the nurse has it turned on. The only table that ever
//! holds a patient's name, date of birth or MRN.

use homeward_core::{PlanEdit, PlanInput};
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::templates::NOW;
use crate::{Result, Store, StoreError};

/// Everything needed to print the same packet again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PacketRecord {
    /// The engine's input.
    pub plan: PlanInput,
    /// The nurse's edits.
    #[serde(default)]
    pub edits: Vec<PlanEdit>,
    /// Patient name (an identifier).
    pub patient_name: String,
    /// Date of birth (an identifier).
    #[serde(default)]
    pub date_of_birth: Option<chrono::NaiveDate>,
    /// Medical record number (an identifier).
    #[serde(default)]
    pub mrn: Option<String>,
    /// Surgeon.
    #[serde(default)]
    pub surgeon: Option<String>,
    /// Clinic name.
    #[serde(default)]
    pub clinic_name: Option<String>,
    /// Spine office phone.
    #[serde(default)]
    pub clinic_phone: Option<String>,
    /// After-hours phone.
    #[serde(default)]
    pub after_hours_phone: Option<String>,
    /// The office's hours.
    #[serde(default)]
    pub office_hours: Option<String>,
    /// `letter` or `a4`.
    pub paper: String,
    /// Large print.
    pub large_print: bool,
    /// The date printed in the footer.
    pub printed_on: chrono::NaiveDate,
}

/// A packet in the history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// Id, for re-printing and deleting.
    pub id: i64,
    /// When it was made (UTC, ISO 8601).
    pub printed_at: String,
    /// The nurse's initials.
    pub nurse_initials: String,
    /// The protocol version it was made with.
    pub protocol_version: String,
    /// SHA-256 of the PDF bytes, hex.
    pub pdf_sha256: String,
    /// What it was made from.
    pub record: PacketRecord,
}

/// SHA-256 of `bytes`, as lower-case hex: the fingerprint history keeps of a printed packet.
#[must_use]
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A nurse's initials: 1 to 5 letters, returned upper-cased.
///
/// # Errors
/// Anything else, naming the field.
pub fn check_initials(s: &str) -> Result<String> {
    let initials = s.trim();
    if initials.is_empty()
        || initials.chars().count() > 5
        || !initials.chars().all(char::is_alphabetic)
    {
        return Err(StoreError::Setting {
            key: "nurse".into(),
            message: "initials must be 1 to 5 letters".into(),
        });
    }
    Ok(initials.to_uppercase())
}

impl Store {
    /// Records a printed packet, its PDF kept as printed, when history is on; returns its
    /// id, or `None` (and writes nothing) when history is off.
    ///
    /// # Errors
    /// Initials that are not 1 to 5 letters, or a database failure.
    pub fn record_packet(
        &mut self,
        nurse_initials: &str,
        protocol_version: &str,
        pdf: &[u8],
        record: &PacketRecord,
    ) -> Result<Option<i64>> {
        let initials = check_initials(nurse_initials)?;
        if !self.settings()?.history {
            return Ok(None);
        }
        let tx = self.write()?;
        tx.execute(
            &format!("INSERT INTO packets (printed_at, nurse_initials, inputs, protocol_version, pdf_sha256, pdf) VALUES ({NOW}, ?1, ?2, ?3, ?4, ?5)"),
            params![initials, serde_json::to_string(record)?, protocol_version, sha256_hex(pdf), pdf],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        Ok(Some(id))
    }

    /// The history, newest first.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn history(&self) -> Result<Vec<HistoryEntry>> {
        let mut st = self.conn.prepare("SELECT id, printed_at, nurse_initials, protocol_version, pdf_sha256, inputs FROM packets ORDER BY printed_at DESC, id DESC")?;
        let rows = st.query_map([], row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// One history entry.
    ///
    /// # Errors
    /// No entry with that id.
    pub fn history_entry(&self, id: i64) -> Result<HistoryEntry> {
        self.conn
            .query_row("SELECT id, printed_at, nurse_initials, protocol_version, pdf_sha256, inputs FROM packets WHERE id = ?1", [id], row)
            .optional()?
            .ok_or(StoreError::NoSuchPacket(id))
    }

    /// The PDF a history entry printed, as printed; `None` for a packet recorded before
    /// history kept them (schema version 3 and earlier).
    ///
    /// # Errors
    /// No entry with that id.
    pub fn history_pdf(&self, id: i64) -> Result<Option<Vec<u8>>> {
        self.conn
            .query_row("SELECT pdf FROM packets WHERE id = ?1", [id], |r| r.get(0))
            .optional()?
            .ok_or(StoreError::NoSuchPacket(id))
    }

    /// Deletes one entry.
    ///
    /// # Errors
    /// No entry with that id.
    pub fn delete_history(&mut self, id: i64) -> Result<()> {
        let tx = self.write()?;
        if tx.execute("DELETE FROM packets WHERE id = ?1", [id])? == 0 {
            return Err(StoreError::NoSuchPacket(id));
        }
        tx.commit()?;
        Ok(())
    }

    /// Deletes every entry; returns how many there were.
    ///
    /// # Errors
    /// A database failure.
    pub fn delete_all_history(&mut self) -> Result<usize> {
        let tx = self.write()?;
        let n = tx.execute("DELETE FROM packets", [])?;
        tx.commit()?;
        // Deleted identifiers should not linger in free pages or the WAL.
        self.conn
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE); VACUUM;")?;
        Ok(n)
    }
}

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<HistoryEntry> {
    let inputs: String = r.get(5)?;
    let record = serde_json::from_str(&inputs).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(5, rusqlite::types::Type::Text, Box::new(e))
    })?;
    Ok(HistoryEntry {
        id: r.get(0)?,
        printed_at: r.get(1)?,
        nurse_initials: r.get(2)?,
        protocol_version: r.get(3)?,
        pdf_sha256: r.get(4)?,
        record,
    })
}
