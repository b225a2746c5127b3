//! Packet history: the printed packets, re-printing one exactly as it was, deleting them.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::output::print_file;
use crate::packet::remake;
use crate::{App, AppError};
use homeward_store::sha256_hex;

/// Packet `id` from history, byte for byte as it was printed, whatever has changed since.
///
/// History keeps each packet's PDF (schema version 4): it is handed back after its
/// fingerprint is checked. The PDF, not the protocol version, is what is kept: the same
/// protocol re-made by a later Homeward (its layout, fonts or PDF writer changed) would not
/// give the same bytes, and printpdf does not write objects in the same order twice.
///
/// A packet recorded before history kept PDFs (schema version 3 and earlier, when the app
/// had only the built-in protocol) is re-made with the built-in protocol, never with the
/// protocol in use now, and only while the built-in protocol is the version it was made
/// with: a clinic's protocol may carry the same version label with other content.
///
/// # Errors
/// No such entry; a kept PDF that does not match its fingerprint (a damaged file); an
/// older packet whose protocol has changed since.
pub fn reprint(store: &homeward_store::Store, id: i64) -> Result<Vec<u8>, AppError> {
    let e = store.history_entry(id)?;
    if let Some(pdf) = store.history_pdf(id)? {
        if sha256_hex(&pdf) != e.pdf_sha256 {
            return Err(AppError::message(format!(
                "history: the kept copy of packet {id} does not match the fingerprint recorded when it was printed; the database may be damaged, so it is not printed"
            )));
        }
        return Ok(pdf);
    }
    let built_in =
        homeward_core::default_protocol().map_err(|e| AppError::message(e.to_string()))?;
    if e.protocol_version != built_in.version {
        return Err(AppError::message(format!(
            "history: packet {id} was printed before Homeward kept a copy of each packet, with protocol {}; it cannot be made the same with {} now, so make a new packet from its details instead",
            e.protocol_version, built_in.version
        )));
    }
    remake(&built_in, &e.record)
}

/// A printed packet in the history list.
#[derive(Debug, Clone, Serialize, TS)]
pub struct HistoryRow {
    /// Id, for re-printing and deleting (a JSON number: ids stay far below 2^53).
    #[ts(type = "number")]
    pub id: i64,
    /// When it was made (UTC, ISO 8601).
    pub printed_at: String,
    /// The nurse's initials.
    pub nurse_initials: String,
    /// The procedure's name.
    pub procedure: String,
    /// The surgery date.
    pub surgery_date: NaiveDate,
    /// The patient's name.
    pub patient_name: String,
    /// The date printed on the packet.
    pub printed_on: NaiveDate,
}

impl App {
    /// Printed packets, newest first (empty while history is off).
    ///
    /// # Errors
    /// The database cannot be read.
    pub fn history(&self) -> Result<Vec<HistoryRow>, AppError> {
        let names: std::collections::HashMap<&str, &str> = self
            .protocol
            .procedures
            .iter()
            .map(|p| (p.id.as_str(), p.name.get("en")))
            .collect();
        Ok(self
            .store
            .history()?
            .into_iter()
            .map(|e| HistoryRow {
                id: e.id,
                printed_at: e.printed_at,
                nurse_initials: e.nurse_initials,
                procedure: names
                    .get(e.record.plan.procedure.as_str())
                    .map_or_else(|| e.record.plan.procedure.clone(), |n| (*n).to_owned()),
                surgery_date: e.record.plan.surgery_date,
                patient_name: e.record.patient_name,
                printed_on: e.record.printed_on,
            })
            .collect())
    }

    /// A packet from history, byte for byte as it was printed (see [`reprint`]).
    ///
    /// # Errors
    /// As for [`reprint`].
    pub fn reprint_pdf(&self, id: i64) -> Result<Vec<u8>, AppError> {
        reprint(&self.store, id)
    }

    /// A packet from history made again into `dir` for the system's PDF viewer; its path.
    ///
    /// # Errors
    /// As for [`App::reprint_pdf`], or the file cannot be written.
    pub fn reprint_to(&self, id: i64, dir: &Path) -> Result<PathBuf, AppError> {
        print_file(dir, &self.reprint_pdf(id)?)
    }

    /// Deletes every packet from history (so it can be turned off); how many there were.
    ///
    /// # Errors
    /// A database failure.
    pub fn delete_all_history(&mut self) -> Result<usize, AppError> {
        Ok(self.store.delete_all_history()?)
    }

    /// Deletes one packet from history.
    ///
    /// # Errors
    /// No such entry.
    pub fn delete_history(&mut self, id: i64) -> Result<(), AppError> {
        Ok(self.store.delete_history(id)?)
    }
}
