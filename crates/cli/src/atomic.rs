//! Writing the CLI's output files atomically (see [`homeward_store::write_file_atomic`]), with
//! errors that name the flag the path came from.

use std::path::Path;

use crate::Failure;

/// Writes `bytes` to `path` atomically. `flag` names the option the path came from, for
/// the error message. On any failure no file is left at `path` or beside it.
pub fn write(flag: &str, path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    homeward_store::write_file_atomic(path, bytes)
        .map_err(|msg| Failure::BadInput(format!("--{flag}: {msg}")))
}
