//! A procedure file may build on another (`base = "<id>"`) and state only what differs, so a
//! line shared by several approaches is written, and changed, in one place.
//!
//! Merging works on the parsed TOML tables before they become [`super::Procedure`]s, so the
//! result is checked by the same schema and validation as any other procedure:
//! - every key the file gives replaces the base's;
//! - `warning_sign`, `normal` and `nurse_note` are added to the base's;
//! - `phase_patch` changes the base's phases: a line replaces the base phase's line with the
//!   same activity in the same list, or is added when there is none; its numbers (start
//!   days, lifting limit) replace the base phase's.

use toml::{Table, Value};

use super::PROCEDURES_DIR;
use crate::error::ProtocolError;

/// Keys whose entries are added to the base's instead of replacing them.
const ADDED: [&str; 3] = ["warning_sign", "normal", "nurse_note"];
/// The phase lists a patch can change.
const PHASE_LISTS: [&str; 3] = ["goal", "can", "avoid"];
/// What a patch may set on a phase besides its lines.
const PHASE_FIELDS: [&str; 7] = [
    "name",
    "gate",
    "start_day",
    "late_start_day",
    "late_source",
    "lifting_limit_lb",
    "lifting_source",
];

/// Resolves every `base` in `files` (path, table), in the order given.
///
/// # Errors
/// An unknown base, a cycle, or a patch that names no phase or an unknown key.
pub(super) fn resolve(files: Vec<(String, Table)>) -> Result<Vec<(String, Table)>, ProtocolError> {
    // A base is named by its file (which validation then requires to equal its id), so a
    // wrong id is reported in its own file, not in every file built on it.
    let ids: Vec<String> = files
        .iter()
        .map(|(file, _)| stem(file).to_owned())
        .collect();
    let mut out = Vec::with_capacity(files.len());
    for (i, (file, _)) in files.iter().enumerate() {
        let mut chain = vec![i];
        let table = merged(&files, &ids, i, &mut chain)?;
        out.push((chain_depth(&files, &ids, i), file.clone(), table));
    }
    // Bases first, so a mistake written in a base is reported in the base's own file.
    out.sort_by_key(|(depth, _, _)| *depth);
    Ok(out.into_iter().map(|(_, f, t)| (f, t)).collect())
}

/// How many bases a file builds on, through its chain (already checked for loops).
fn chain_depth(files: &[(String, Table)], ids: &[String], mut i: usize) -> usize {
    let mut depth = 0;
    while let Some(Value::String(b)) = files[i].1.get("base") {
        match ids.iter().position(|id| id == b) {
            Some(next) if depth < files.len() => {
                i = next;
                depth += 1;
            }
            _ => break,
        }
    }
    depth
}

/// A procedure's id from its file's path (`procedures/acdf.toml` -> `acdf`).
pub(super) fn stem(file: &str) -> &str {
    file.trim_start_matches(PROCEDURES_DIR)
        .trim_end_matches(".toml")
}

fn merged(
    files: &[(String, Table)],
    ids: &[String],
    i: usize,
    chain: &mut Vec<usize>,
) -> Result<Table, ProtocolError> {
    let (file, table) = &files[i];
    let err = |field: String, message: String| ProtocolError::Invalid {
        file: file.clone(),
        procedure: Some(ids[i].clone()),
        field,
        message,
    };
    let Some(base) = table.get("base") else {
        if table.contains_key("phase_patch") {
            return Err(err(
                "phase_patch".to_owned(),
                "a phase patch needs a `base` procedure to patch".to_owned(),
            ));
        }
        return Ok(table.clone());
    };
    let Value::String(base_id) = base else {
        return Err(err(
            "base".to_owned(),
            "must be the id of another procedure".to_owned(),
        ));
    };
    let Some(b) = ids.iter().position(|id| id == base_id) else {
        return Err(err(
            "base".to_owned(),
            format!(
                "no procedure `{base_id}`; allowed: {}",
                ids.iter()
                    .filter(|id| *id != &ids[i])
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    };
    if chain.contains(&b) {
        return Err(err(
            "base".to_owned(),
            format!("`{base_id}` builds on this procedure in turn; bases cannot form a loop"),
        ));
    }
    if table.contains_key("phase") && table.contains_key("phase_patch") {
        return Err(err(
            "phase_patch".to_owned(),
            "give either your own [[phase]] list or [[phase_patch]] changes to the base's, not both".to_owned(),
        ));
    }
    chain.push(b);
    let mut out = merged(files, ids, b, chain)?;
    chain.pop();
    for (key, value) in table {
        match key.as_str() {
            "phase_patch" => {
                let Value::Array(patches) = value else {
                    return Err(err(
                        "phase_patch".to_owned(),
                        "must be a list of [[phase_patch]] tables".to_owned(),
                    ));
                };
                for (k, patch) in patches.iter().enumerate() {
                    apply_patch(&mut out, patch, k).map_err(|(f, m)| err(f, m))?;
                }
            }
            k if ADDED.contains(&k) => {
                let (Some(Value::Array(into)), Value::Array(more)) = (out.get_mut(k), value) else {
                    out.insert(key.clone(), value.clone());
                    continue;
                };
                into.extend(more.iter().cloned());
            }
            _ => {
                out.insert(key.clone(), value.clone());
            }
        }
    }
    Ok(out)
}

/// Applies one `[[phase_patch]]` to the merged table; errors are (field, message).
pub(super) fn apply_patch(
    out: &mut Table,
    patch: &Value,
    k: usize,
) -> Result<(), (String, String)> {
    let f = format!("phase_patch[{k}]");
    let Value::Table(patch) = patch else {
        return Err((f, "must be a table".to_owned()));
    };
    let index = match patch.get("phase") {
        Some(Value::Integer(n)) => usize::try_from(*n).ok(),
        _ => None,
    };
    let phases = match out.get_mut("phase") {
        Some(Value::Array(p)) => p,
        _ => return Err((f, "the base has no phases to patch".to_owned())),
    };
    let last = phases.len().saturating_sub(1);
    let Some(Value::Table(phase)) = index.and_then(|n| phases.get_mut(n)) else {
        return Err((
            format!("{f}.phase"),
            format!("give the index of a base phase, 0 to {last}"),
        ));
    };
    for (key, value) in patch {
        match key.as_str() {
            "phase" => {}
            k if PHASE_FIELDS.contains(&k) => {
                phase.insert(key.clone(), value.clone());
            }
            k if PHASE_LISTS.contains(&k) => {
                let Value::Array(lines) = value else {
                    return Err((format!("{f}.{k}"), "must be a list of lines".to_owned()));
                };
                let list = phase
                    .entry(key.clone())
                    .or_insert_with(|| Value::Array(Vec::new()));
                let Value::Array(list) = list else {
                    return Err((
                        format!("{f}.{k}"),
                        "the base's list is not a list".to_owned(),
                    ));
                };
                // One line per activity in a patch list: a second would silently replace
                // the first.
                let mut seen = Vec::new();
                for (n, line) in lines.iter().enumerate() {
                    let activity = line.get("activity");
                    if seen.contains(&activity) {
                        return Err((
                            format!("{f}.{k}[{n}].activity"),
                            "a patch list gives one line per activity; it replaces the base's first line with that activity".to_owned(),
                        ));
                    }
                    seen.push(activity);
                    match list.iter_mut().find(|l| l.get("activity") == activity) {
                        Some(old) => *old = line.clone(),
                        None => list.push(line.clone()),
                    }
                }
            }
            other => {
                return Err((
                    format!("{f}.{other}"),
                    format!(
                        "unknown key; a phase patch may set phase, {}, goal, can and avoid",
                        PHASE_FIELDS.join(", ")
                    ),
                ));
            }
        }
    }
    Ok(())
}
