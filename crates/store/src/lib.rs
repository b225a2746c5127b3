//! Homeward's local storage: one SQLite file holding templates, clinic settings, surgeons
//! and, only when the nurse turns it on, packet history.
//!
//! Storage habits (after Mozilla application-services): the schema lives in `sql/*.sql`,
//! applied in order and recorded in `PRAGMA user_version`, each migration in one
//! transaction with its version bump; WAL with full sync, foreign keys on, a busy timeout;
//! every write in a transaction. A file that is not a Homeward database, or one written by
//! a newer version, is refused with a message that says how to recover, and never replaced.
//!
//! Architecture Invariant: templates and settings hold no patient identifiers. The packet
//! history table is written only while history is on, and it is the only place a patient's
//! name, date of birth or MRN is ever stored.

#![forbid(unsafe_code)]

mod db;
mod error;
mod files;
mod history;
mod protocols;
mod reviews;
mod settings;
mod templates;
mod transfer;

pub use db::{LATEST_VERSION, Store, default_path};
pub use error::StoreError;
pub use files::write_file_atomic;
pub use history::{HistoryEntry, PacketRecord, check_initials, sha256_hex};
pub use protocols::{
    Approval, CLINIC_LAYER, DEFAULT_REVIEW_MONTHS, ProtocolVersion, ProtocolVersionInfo,
};
pub use reviews::{NewReview, TranslationReview};
pub use settings::{KEYS as SETTING_KEYS, LANGUAGES, Settings, Surgeon, check_phone};
pub use templates::{ListQuery, Template, TemplateInput, TemplateSummary};
pub use transfer::{
    EXPORT_FORMAT, EXPORT_VERSION, Export, ExportSettings, ImportReport, OnConflict,
};

/// Result with [`StoreError`].
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Folds a name for uniqueness: trimmed, inner spaces collapsed, lower-cased.
#[must_use]
pub fn name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A name as stored: trimmed with inner spaces collapsed.
#[must_use]
pub fn clean_name(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}
