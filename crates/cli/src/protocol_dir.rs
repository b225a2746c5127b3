//! Reading and writing protocol folders. The engine takes the files' text; this module is
//! the only place the CLI touches them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context;
use homeward_core::{Protocol, default_protocol, default_protocol_files};

use crate::Failure;

/// The protocol a command uses: the folder `dir` (`--protocol`) when given; else the
/// clinic's newest version in the database `db` (or the default one) when that file exists
/// and holds one; else the built-in protocol. Reading never creates a database.
pub fn load(dir: Option<&Path>, db: Option<&Path>) -> Result<Protocol, Failure> {
    if let Some(dir) = dir {
        return homeward_app::protocol_of(&read(dir)?).map_err(|e| {
            Failure::BadInput(format!(
                "--protocol: {}: {}",
                dir.display(),
                e.message.trim_start_matches("protocol: ")
            ))
        });
    }
    if let Some(store) = existing_store(db)? {
        return homeward_app::protocol_in_use(&store).map_err(|e| Failure::BadInput(e.message));
    }
    default_protocol()
        .context("the built-in protocol is invalid")
        .map_err(Failure::Other)
}

/// The files of the protocol [`load`] would use.
pub fn files_in_use(
    dir: Option<&Path>,
    db: Option<&Path>,
) -> Result<BTreeMap<String, String>, Failure> {
    if let Some(dir) = dir {
        return read(dir);
    }
    if let Some(store) = existing_store(db)?
        && let Some(v) = store
            .protocol_version(homeward_store::CLINIC_LAYER, None)
            .map_err(crate::store_cmd::store_error)?
    {
        return Ok(v.files);
    }
    Ok(default_protocol_files()
        .iter()
        .map(|(p, t)| ((*p).to_owned(), (*t).to_owned()))
        .collect())
}

/// The database at `db` (or the default path), opened only to read, when the file exists:
/// finding out which protocol is in use never creates, upgrades or writes a database.
pub fn existing_store(db: Option<&Path>) -> Result<Option<homeward_store::Store>, Failure> {
    let path = db
        .map(Path::to_path_buf)
        .or_else(homeward_store::default_path);
    match path {
        Some(p) if p.is_file() => homeward_store::Store::open_read_only(&p)
            .map(Some)
            .map_err(crate::store_cmd::store_error),
        _ => Ok(None),
    }
}

/// A protocol folder's `.toml` files, as path (with `/`) → text.
pub fn read(dir: &Path) -> Result<BTreeMap<String, String>, Failure> {
    let mut files: Vec<(String, String)> = Vec::new();
    collect(dir, dir, &mut files).map_err(|e| {
        Failure::BadInput(format!("--protocol: cannot read {}: {e}", dir.display()))
    })?;
    Ok(files.into_iter().collect())
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<(String, String)>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(root, &path, files)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            let rel = path.strip_prefix(root).map_err(std::io::Error::other)?;
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            files.push((rel, std::fs::read_to_string(&path)?));
        }
    }
    Ok(())
}

/// Writes `files` (path → text) into the folder `dir`, which must not exist. The folder is
/// built under a temporary name and renamed into place, so a failure leaves nothing
/// half-written.
pub fn export(dir: &Path, files: &BTreeMap<String, String>) -> Result<(), Failure> {
    if dir.exists() {
        return Err(Failure::BadInput(format!(
            "protocol export: {} already exists; choose a new folder",
            dir.display()
        )));
    }
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = dir.file_name().ok_or_else(|| {
        Failure::BadInput(format!(
            "protocol export: {} is not a folder name",
            dir.display()
        ))
    })?;
    let tmp: PathBuf = parent.join(format!(
        ".{}.tmp-{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    let write = || -> anyhow::Result<()> {
        for (rel, text) in files {
            let path = tmp.join(rel);
            if let Some(p) = path.parent() {
                std::fs::create_dir_all(p).with_context(|| format!("creating {}", p.display()))?;
            }
            std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
        }
        std::fs::rename(&tmp, dir)
            .with_context(|| format!("moving the files into {}", dir.display()))?;
        Ok(())
    };
    write().map_err(|e| {
        let _ = std::fs::remove_dir_all(&tmp);
        Failure::Other(e)
    })
}
