//! Opening the database: checks, pragmas, migrations.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use crate::{Result, StoreError};

/// The migrations, in order; migration `i` (from 1) brings the schema to version `i`.
const MIGRATIONS: &[&str] = &[
    include_str!("../sql/001_templates.sql"),
    include_str!("../sql/002_history.sql"),
    include_str!("../sql/003_template_search.sql"),
    include_str!("../sql/004_history_pdf.sql"),
    include_str!("../sql/005_protocol_versions.sql"),
    include_str!("../sql/006_languages.sql"),
];

/// The schema version this build writes.
pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

/// 'HMWD': marks the file as Homeward's.
const APPLICATION_ID: i64 = 1_213_028_164;

/// An open Homeward database.
pub struct Store {
    pub(crate) conn: Connection,
    path: PathBuf,
}

/// Where the database lives by default: the OS data directory
/// (`~/.local/share/homeward/homeward.db` on Linux).
#[must_use]
pub fn default_path() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("homeward").join("homeward.db"))
}

impl Store {
    /// Opens (or creates) the database at `path` and brings its schema up to date.
    ///
    /// A new file is created readable by its owner only. A file that is not a Homeward
    /// database, or was written by a newer version, is refused and left untouched.
    ///
    /// # Errors
    /// See [`StoreError`].
    pub fn open(path: &Path) -> Result<Store> {
        let open_err = |e: &dyn std::fmt::Display| StoreError::Open {
            path: path.to_owned(),
            message: e.to_string(),
        };
        if !path.exists() {
            create_private(path).map_err(|e| open_err(&e))?;
        } else if path.is_dir() {
            return Err(open_err(&"it is a folder"));
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| open_err(&e))?;
        let mut store = Store {
            conn,
            path: path.to_owned(),
        };
        store.check_and_migrate().map_err(|e| store.classify(e))?;
        Ok(store)
    }

    /// Opens an existing database only to read it: no file is created, no schema upgraded,
    /// nothing written, so an older Homeward can still open it afterwards. Every write on
    /// the returned store fails.
    ///
    /// # Errors
    /// No such file; a file that is not a Homeward database, or written by a newer version.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| StoreError::Open {
            path: path.to_owned(),
            message: e.to_string(),
        })?;
        let store = Store {
            conn,
            path: path.to_owned(),
        };
        let checked = (|| {
            store.conn.busy_timeout(Duration::from_secs(5))?;
            store.check_header().map(|_| ())
        })();
        checked.map_err(|e| store.classify(e))?;
        Ok(store)
    }

    /// The file this store reads and writes.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs SQLite's full integrity check; `Ok(true)` when it reports "ok".
    ///
    /// # Errors
    /// When SQLite cannot run the check.
    pub fn integrity_ok(&self) -> Result<bool> {
        let r: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        Ok(r == "ok")
    }

    /// The schema version of the open file.
    ///
    /// # Errors
    /// When SQLite cannot read it.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    fn header(&self) -> Result<(i64, i64, i64)> {
        Ok(header_of(&self.conn)?)
    }

    /// Turns "file is not a database" into the message that says how to recover.
    fn classify(&self, e: StoreError) -> StoreError {
        match &e {
            StoreError::Sqlite(rusqlite::Error::SqliteFailure(f, _))
                if matches!(f.code, ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) =>
            {
                StoreError::NotADatabase {
                    path: self.path.clone(),
                }
            }
            _ => e,
        }
    }

    /// A write transaction that takes the write lock at once (`BEGIN IMMEDIATE`), waiting up
    /// to the busy timeout for another writer. A deferred transaction that reads before it
    /// writes cannot wait: when another process wrote in between, SQLite refuses the upgrade
    /// with "database is locked" at once. Every write goes through here.
    pub(crate) fn write(&mut self) -> Result<rusqlite::Transaction<'_>> {
        Ok(self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?)
    }

    /// Checks the file is Homeward's and not newer than this build; its schema version.
    fn check_header(&self) -> Result<i64> {
        let (version, app_id, tables) = self.header()?;
        if version > LATEST_VERSION {
            return Err(StoreError::TooNew {
                path: self.path.clone(),
                found: version,
                supported: LATEST_VERSION,
            });
        }
        if (app_id != 0 && app_id != APPLICATION_ID) || (version == 0 && tables > 0) {
            return Err(StoreError::ForeignDatabase {
                path: self.path.clone(),
            });
        }
        Ok(version)
    }

    fn check_and_migrate(&mut self) -> Result<()> {
        self.conn.busy_timeout(Duration::from_secs(5))?;
        // Reading the header first: a non-SQLite file fails here, before anything is written.
        // One statement, so the three values come from one consistent snapshot even while
        // another process is creating the schema.
        let version = self.check_header()?;
        // Switching to WAL needs a moment with no other connection writing; SQLite can
        // answer "busy" here without waiting, so wait and retry (up to the busy timeout).
        let mut tries = 0;
        loop {
            match self.conn.pragma_update(None, "journal_mode", "WAL") {
                Err(rusqlite::Error::SqliteFailure(f, _))
                    if f.code == ErrorCode::DatabaseBusy && tries < 100 =>
                {
                    tries += 1;
                    std::thread::sleep(Duration::from_millis(50));
                }
                r => break r?,
            }
        }
        // FULL: a save that returned has reached the disk, even if the machine loses power.
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        // Deleted rows (history with patient names) are overwritten, not left in free pages.
        self.conn.pragma_update(None, "secure_delete", "ON")?;
        for (i, sql) in MIGRATIONS
            .iter()
            .enumerate()
            .skip(usize::try_from(version).unwrap_or(0))
        {
            // Each migration and its version bump commit together, or not at all. The write
            // lock is taken first, and the version read again under it: another process may
            // have migrated while this one waited.
            let tx = self
                .conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let (now, _, tables) = header_of(&tx)?;
            if now > i as i64 {
                continue;
            }
            if now == 0 && tables > 0 {
                return Err(StoreError::ForeignDatabase {
                    path: self.path.clone(),
                });
            }
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", i as i64 + 1)?;
            tx.commit()?;
        }
        Ok(())
    }
}

/// (schema version, application id, number of tables), read in one statement.
fn header_of(c: &Connection) -> rusqlite::Result<(i64, i64, i64)> {
    c.query_row(
        "SELECT (SELECT user_version FROM pragma_user_version), (SELECT application_id FROM pragma_application_id), (SELECT count(*) FROM sqlite_schema WHERE type = 'table')",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
}

/// Creates an empty file readable and writable by its owner only (and its folder, private
/// too, when missing).
fn create_private(path: &Path) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.exists()
    {
        std::fs::create_dir_all(dir)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
        }
    }
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    match opts.open(path) {
        // Another process created it between our check and now: that is fine.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        r => r.map(|_| ()),
    }
}
