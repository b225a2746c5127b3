//! Reading and writing protocol folders. The engine takes the files' text; this module is
//! the only place the CLI touches them.

use std::path::{Path, PathBuf};

use anyhow::Context;
use homeward_core::{Protocol, default_protocol, default_protocol_files};

use crate::Failure;

/// Loads the protocol in `dir`, or the built-in one.
pub fn load(dir: Option<&Path>) -> Result<Protocol, Failure> {
    let Some(dir) = dir else {
        return default_protocol()
            .context("the built-in protocol is invalid")
            .map_err(Failure::Other);
    };
    let mut files: Vec<(String, String)> = Vec::new();
    collect(dir, dir, &mut files).map_err(|e| {
        Failure::BadInput(format!("--protocol: cannot read {}: {e}", dir.display()))
    })?;
    files.sort();
    Protocol::from_files(files.iter().map(|(p, t)| (p.as_str(), t.as_str())))
        .map_err(|e| Failure::BadInput(format!("--protocol: {}: {e}", dir.display())))
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

/// Writes the built-in protocol into `dir`, which must not exist. The folder is built under
/// a temporary name and renamed into place, so a failure leaves nothing half-written.
pub fn export(dir: &Path) -> Result<(), Failure> {
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
        for (rel, text) in default_protocol_files() {
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
