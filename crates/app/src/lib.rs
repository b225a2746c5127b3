//! The desktop app's contract: the commands the UI calls and the data they exchange.
//!
//! Every `#[tauri::command]` in `src-tauri/` is a one-line call into [`App`]; all the logic
//! lives here, Tauri-free, so it is tested against a real SQLite file without a window
//! (Yaak's habit). The types the UI sees derive `ts_rs::TS`; [`typescript`] writes their
//! declarations, and a test fails when the committed `ui/src/bindings.ts` drifts.
//!
//! Errors that reach the UI are [`FieldError`]s (field + message, shown next to the field)
//! or an [`AppError`] message; neither ever carries a patient identifier.
//!
//! One module per screen: `form` (the New packet form and its preview), `packet` (the
//! patient's packet and the care-team sheet as PDFs) and `output` (saving and printing
//! them), `export` (the chart note, the FHIR Bundle, the calendar file), `batch` (an OR
//! list from a CSV file), `history`, `templates`, `settings`, `protocol_screen` (the
//! clinical lead's Protocol screen); `protocol` the protocol in use; `error` holds the one error type and
//! `bindings` the TypeScript export.

#![forbid(unsafe_code)]

mod batch;
mod bindings;
mod booked;
mod error;
mod export;
mod form;
mod history;
mod output;
mod packet;
mod protocol;
mod protocol_screen;
mod settings;
mod templates;
mod translation;

use std::path::{Path, PathBuf};

use homeward_core::Protocol;
pub use homeward_core::{JobDemand, Plan};
use homeward_store::Store;
pub use homeward_store::{ImportReport, NewReview, Settings, Template, TemplateSummary};

pub use batch::{
    BatchFile, BatchOptions, BatchProgress, BatchReport, COLUMNS, ChosenList, MAX_ROWS, RowError,
};
pub use bindings::typescript;
pub use booked::BookingForm;
pub use error::{AppError, FieldError};
pub use export::TeachingForm;
pub use form::{CaseForm, Catalog, FactorOption, JobOption, Preview, ProcedureOption};
pub use history::{HistoryRow, reprint};
pub use homeward_store::sha256_hex;
pub use output::{SaveDialog, care_sheet_beside, clear_print_folder};
pub use packet::{Documents, remake, review_of};
pub use protocol::{
    FileChange, clinic_protocol, describe_variation, diff_files, protocol_in_use, protocol_of,
    variations,
};
pub use protocol_screen::{
    CLINIC, LineRow, NEW_SURGEON, NumberRow, PhaseRow, ProtocolChange, ProtocolEdit,
    ProtocolScreen, VersionRow,
};
pub use translation::{TranslationStatus, review_status, texts_sha256};

/// Where the nurse's database lives by default: the OS data folder.
#[must_use]
pub fn default_database_path() -> Option<PathBuf> {
    homeward_store::default_path()
}

/// The app: the protocol and the nurse's database.
pub struct App {
    protocol: Protocol,
    /// The protocol with each surgeon's orders over it, in the order of `protocol.surgeons`
    /// (combined once, at open).
    ordered: Vec<Protocol>,
    /// The clinic's protocol version in use and its approval; `None` for the built-in one.
    clinic: Option<homeward_store::ProtocolVersionInfo>,
    store: Store,
}

impl App {
    /// Opens the database at `db` with the protocol in use: the clinic's newest version
    /// saved there, else the built-in one.
    ///
    /// # Errors
    /// The database cannot be opened (the message names the file and how to recover), or
    /// the clinic's protocol in it no longer loads.
    pub fn open(db: &Path) -> Result<App, AppError> {
        let store = Store::open(db)?;
        let (protocol, ordered, clinic) = Self::load_protocol(&store)?;
        Ok(App {
            protocol,
            ordered,
            clinic,
            store,
        })
    }
}

impl App {
    /// The protocol in use with `store`, each surgeon's orders combined over it, and the
    /// clinic's version it is (none for the built-in one): at open, and after the Protocol
    /// screen saves, restores or approves a version.
    fn load_protocol(
        store: &Store,
    ) -> Result<
        (
            Protocol,
            Vec<Protocol>,
            Option<homeward_store::ProtocolVersionInfo>,
        ),
        AppError,
    > {
        let (protocol, clinic) = match clinic_protocol(store)? {
            Some((p, v)) => (p, Some(v)),
            None => (protocol_in_use(store)?, None),
        };
        let ordered = protocol
            .surgeons
            .iter()
            .map(|s| protocol.with_surgeon(&s.id))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| AppError::message(format!("protocol: {e}")))?;
        Ok((protocol, ordered, clinic))
    }
}
