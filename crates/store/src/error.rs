//! Store errors. Messages name the field or the file and say what to do; none carries a
//! patient identifier (history rows are never quoted).

use std::path::PathBuf;

use thiserror::Error;

/// Why a store operation failed.
#[derive(Debug, Error)]
pub enum StoreError {
    /// The file is not a SQLite database, or is damaged.
    #[error("{}: is not a Homeward database, or it is damaged. Homeward has not changed it. Restore the file from a backup, or rename it to keep it aside and Homeward will start a new, empty database.", path.display())]
    NotADatabase {
        /// The file.
        path: PathBuf,
    },
    /// A SQLite database of some other program.
    #[error("{}: is a database of another program, not Homeward. Homeward has not changed it. Use another path with --db or HOMEWARD_DB.", path.display())]
    ForeignDatabase {
        /// The file.
        path: PathBuf,
    },
    /// Written by a newer Homeward.
    #[error("{}: was written by a newer version of Homeward (schema {found}; this version reads up to {supported}). Homeward has not changed it. Update Homeward to open it.", path.display())]
    TooNew {
        /// The file.
        path: PathBuf,
        /// Its schema version.
        found: i64,
        /// The newest this build knows.
        supported: i64,
    },
    /// The database file or its folder cannot be created or opened.
    #[error("{}: cannot open the database: {message}", path.display())]
    Open {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// A template name is empty, too long or already used.
    #[error("name: {0}")]
    Name(String),
    /// No template has this name.
    #[error("template: no template named `{0}`")]
    NotFound(String),
    /// A template's content is not usable.
    #[error("template `{name}`: {message}")]
    InvalidTemplate {
        /// The template.
        name: String,
        /// What is wrong, naming the field.
        message: String,
    },
    /// A setting's key or value is not allowed.
    #[error("{key}: {message}")]
    Setting {
        /// The setting.
        key: String,
        /// What is allowed.
        message: String,
    },
    /// History cannot be turned off while it holds packets.
    #[error(
        "history: it still holds {0} packets with patient names; delete them first (`homeward history delete --all`), then turn history off"
    )]
    HistoryNotEmpty(i64),
    /// No history entry has this id.
    #[error("history: no packet with id {0}")]
    NoSuchPacket(i64),
    /// No such protocol version.
    #[error("protocol: {layer} has no version {number}")]
    NoSuchProtocolVersion {
        /// The layer (`clinic`, or `surgeon:` and a name).
        layer: String,
        /// The version asked for.
        number: i64,
    },
    /// A protocol version cannot be saved or approved as asked; nothing was changed.
    #[error("protocol ({layer}): {field}: {message}")]
    ProtocolVersion {
        /// The layer.
        layer: String,
        /// The field at fault.
        field: String,
        /// What is allowed.
        message: String,
    },
    /// An export file is not usable; nothing was changed.
    #[error("import: nothing was changed: {}", .0.join("; "))]
    Import(Vec<String>),
    /// Templates in the import already exist; nothing was changed.
    #[error("import: nothing was changed: these templates already exist: {}; choose --on-conflict skip, replace or rename", .0.join(", "))]
    Conflicts(Vec<String>),
    /// SQLite failed.
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// JSON stored in the database could not be read.
    #[error("database: a stored value is not valid JSON: {0}")]
    Json(#[from] serde_json::Error),
}
