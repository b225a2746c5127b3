//! A surgeon's orders: a layer over the clinic's protocol that changes only what it names.
//!
//! A layer is a file `surgeons/<id>.toml` in the protocol folder:
//!
//! ```toml
//! name = "Dr. Ana Patel"
//!
//! [[source]]                      # the citations its changes use, added to sources.toml's
//! id = "patel-orders"
//! kind = "orders"
//! citation = "Dr. Ana Patel, standing discharge orders, 2026"
//!
//! [procedure.acdf.driving]        # tables merge key by key: only `day` and `source` change
//! day = 21
//! source = "patel-orders"
//!
//! [[procedure.acdf.phase_patch]]  # as in a procedure built on a base, with its numbers too
//! phase = 0
//! lifting_limit_lb = 15
//! lifting_source = "patel-orders"
//! ```
//!
//! Merging works on the resolved procedure tables, so the combined procedure is parsed and
//! validated like any other; an error in it names the layer's file, the procedure and the
//! field. [`changed`] then says which values the layer set, for the plan and the care-team
//! sheet.

use toml::{Table, Value};

use super::base;
use super::schema::Source;
use crate::error::ProtocolError;

/// Where surgeons' layers live in a protocol folder.
pub const SURGEONS_DIR: &str = "surgeons/";

/// The clinic's own changes over its procedure files, in the same form as a surgeon's
/// orders without the name: what the Protocol screen writes.
pub const CHANGES_FILE: &str = "changes.toml";

/// Procedure keys a layer may not change: they say what the procedure is, not what the
/// surgeon orders.
const FIXED: [&str; 6] = ["id", "base", "order", "region", "kind", "evidence"];

/// Lists whose entries carry an `id`: a layer's entry replaces the one with its id, or is
/// added.
const BY_ID: [&str; 2] = ["warning_sign", "nurse_note"];

/// A number and the source that must come with it when a layer sets it.
const SOURCED: [(&str, &str); 4] = [
    ("day", "source"),
    ("late_day", "late_source"),
    ("lifting_limit_lb", "lifting_source"),
    ("late_start_day", "late_source"),
];

/// One surgeon's orders, as read from their file (merged on demand).
#[derive(Debug, Clone)]
pub struct SurgeonLayer {
    /// The file's stem: what `--surgeon` and templates name.
    pub id: String,
    /// The surgeon's name, as the packet prints it.
    pub name: String,
    /// Path of the file within the protocol folder.
    pub file: String,
    /// Citations the layer adds.
    pub(super) sources: Vec<Source>,
    /// Changes per procedure id, in file order.
    pub(super) procedures: Vec<(String, Table)>,
}

impl SurgeonLayer {
    /// Parses `surgeons/<id>.toml`, or the clinic's [`CHANGES_FILE`] (which has no name).
    ///
    /// # Errors
    /// Not TOML, a missing name, an unknown key, or a procedure entry that is not a table.
    pub(super) fn parse(file: &str, text: &str) -> Result<SurgeonLayer, ProtocolError> {
        let clinic = file == CHANGES_FILE;
        let id = if clinic {
            "clinic".to_owned()
        } else {
            file.trim_start_matches(SURGEONS_DIR)
                .trim_end_matches(".toml")
                .to_owned()
        };
        let err = |field: &str, message: String| ProtocolError::Invalid {
            file: file.to_owned(),
            procedure: None,
            field: field.to_owned(),
            message,
        };
        if !super::rules::is_id(&id) {
            return Err(err(
                "(file)",
                "name the file <id>.toml with lower-case letters, digits and dashes".to_owned(),
            ));
        }
        let mut table: Table = toml::from_str(text).map_err(|e| ProtocolError::Parse {
            file: file.to_owned(),
            message: e.to_string().trim_end().replace('\n', " "),
        })?;
        let name = match table.remove("name") {
            None if clinic => String::new(),
            Some(Value::String(n)) if !n.trim().is_empty() && !clinic => n,
            _ if clinic => {
                return Err(err(
                    "name",
                    "the clinic's changes have no name; a surgeon's orders go in surgeons/<id>.toml".to_owned(),
                ));
            }
            _ => {
                return Err(err(
                    "name",
                    "give the surgeon's name as the packet should print it".to_owned(),
                ));
            }
        };
        let sources = match table.remove("source") {
            None => Vec::new(),
            Some(v) => v.try_into().map_err(|e: toml::de::Error| {
                err("source", e.to_string().trim_end().replace('\n', " "))
            })?,
        };
        let procedures = match table.remove("procedure") {
            Some(Value::Table(t)) => t
                .into_iter()
                .map(|(pid, v)| match v {
                    Value::Table(t) => Ok((pid, t)),
                    _ => Err(err(
                        &format!("procedure.{pid}"),
                        "must be a table of changes".to_owned(),
                    )),
                })
                .collect::<Result<Vec<_>, _>>()?,
            None => Vec::new(),
            Some(_) => {
                return Err(err(
                    "procedure",
                    "must be a table of [procedure.<id>] changes".to_owned(),
                ));
            }
        };
        if let Some(key) = table.keys().next() {
            return Err(err(
                key,
                "unknown key; a surgeon's file holds name, [[source]] and [procedure.<id>]"
                    .to_owned(),
            ));
        }
        Ok(SurgeonLayer {
            id,
            name,
            file: file.to_owned(),
            sources,
            procedures,
        })
    }
}

/// Applies a layer's changes for one procedure to its resolved table.
///
/// # Errors
/// A key the layer may not change, a number without its source, a patch that names no
/// phase: as (field, message).
pub(super) fn apply(resolved: &Table, changes: &Table) -> Result<Table, (String, String)> {
    let mut out = resolved.clone();
    for (key, value) in changes {
        match key.as_str() {
            k if FIXED.contains(&k) => {
                return Err((
                    k.to_owned(),
                    "a surgeon's orders cannot change what the procedure is; change its timings, phases, lines, signs and visits".to_owned(),
                ));
            }
            "phase" => {
                return Err((
                    "phase".to_owned(),
                    "change phases with [[procedure.<id>.phase_patch]], naming the phase by its index"
                        .to_owned(),
                ));
            }
            "phase_patch" => {
                let Value::Array(patches) = value else {
                    return Err((
                        "phase_patch".to_owned(),
                        "must be a list of [[phase_patch]] tables".to_owned(),
                    ));
                };
                for (k, patch) in patches.iter().enumerate() {
                    if let Value::Table(t) = patch {
                        sourced(t, &format!("phase_patch[{k}]"))?;
                    }
                    base::apply_patch(&mut out, patch, k)?;
                }
            }
            k if BY_ID.contains(&k) => {
                let Value::Array(more) = value else {
                    return Err((k.to_owned(), "must be a list".to_owned()));
                };
                let list = out
                    .entry(key.clone())
                    .or_insert_with(|| Value::Array(Vec::new()));
                if let Value::Array(list) = list {
                    for (n, item) in more.iter().enumerate() {
                        let id = item.get("id");
                        match list
                            .iter_mut()
                            .find(|old| id.is_some() && old.get("id") == id)
                        {
                            Some(old) => {
                                if let (Some(new), Some(was)) =
                                    (urgency_rank(item), urgency_rank(old))
                                    && new > was
                                {
                                    return Err((
                                        format!("{k}[{n}].urgency"),
                                        "a layer may make a sign more urgent, never less: the protocol's urgency stays the floor".to_owned(),
                                    ));
                                }
                                *old = item.clone();
                            }
                            None => list.push(item.clone()),
                        }
                    }
                }
            }
            "normal" => {
                if let (Some(Value::Array(into)), Value::Array(more)) = (out.get_mut(key), value) {
                    into.extend(more.iter().cloned());
                } else {
                    out.insert(key.clone(), value.clone());
                }
            }
            _ => {
                if let Value::Table(t) = value {
                    check_sourced(t, key)?;
                }
                match (out.get_mut(key), value) {
                    (Some(Value::Table(into)), Value::Table(t)) if !is_text(t) => {
                        deep_merge(into, t)
                    }
                    _ => {
                        out.insert(key.clone(), value.clone());
                    }
                }
            }
        }
    }
    Ok(out)
}

/// How urgent a sign is, most urgent first (0 = call 911); an unknown urgency is left to
/// the schema to refuse.
fn urgency_rank(sign: &Value) -> Option<usize> {
    let u = sign.get("urgency").and_then(Value::as_str);
    ["emergency", "urgent", "call_office"]
        .iter()
        .position(|x| Some(*x) == u)
}

/// Tables merge key by key, at every depth; anything else replaces. A timing the layer
/// re-dates loses the reason below for leaving its range (the layer gives its own), and a
/// day the layer leaves alone keeps citing the source that says it.
fn deep_merge(into: &mut Table, from: &Table) {
    if from.contains_key("day") && !from.contains_key("outside_range_reason") {
        into.remove("outside_range_reason");
    }
    if let (Some(old), Some(new)) = (into.get("source").cloned(), from.get("source"))
        && &old != new
    {
        if into.contains_key("late_day")
            && !into.contains_key("late_source")
            && !from.contains_key("late_day")
        {
            into.insert("late_source".to_owned(), old.clone());
        }
        if !from.contains_key("by_levels")
            && let Some(Value::Array(levels)) = into.get_mut("by_levels")
        {
            for l in levels {
                if let Value::Table(l) = l {
                    l.entry("source").or_insert_with(|| old.clone());
                }
            }
        }
    }
    for (k, v) in from {
        match (into.get_mut(k), v) {
            // A text is replaced whole: an English line written over one with Spanish must
            // not keep the old Spanish, which no longer says the same.
            (Some(Value::Table(a)), Value::Table(b)) if !is_text(b) => deep_merge(a, b),
            _ => {
                into.insert(k.clone(), v.clone());
            }
        }
    }
}

/// Whether a table is a text by language (`{ en = "…", es = "…" }`): every key a two-letter
/// language code, every value a string.
fn is_text(t: &Table) -> bool {
    !t.is_empty()
        && t.iter()
            .all(|(k, v)| k.len() == 2 && k.bytes().all(|b| b.is_ascii_lowercase()) && v.is_str())
}

/// Every table a layer writes that sets a number also names its source: the one below
/// no longer says what the layer's number says.
fn check_sourced(t: &Table, field: &str) -> Result<(), (String, String)> {
    sourced(t, field)?;
    if t.contains_key("range") {
        return Err((
            format!("{field}.range"),
            "a layer cannot change a published range: it is what the sources say; set the day with `outside_range_reason` instead".to_owned(),
        ));
    }
    for (k, v) in t {
        if let Value::Table(inner) = v {
            check_sourced(inner, &format!("{field}.{k}"))?;
        }
    }
    Ok(())
}

fn sourced(t: &Table, field: &str) -> Result<(), (String, String)> {
    for (number, source) in SOURCED {
        if t.contains_key(number) && !t.contains_key(source) {
            return Err((
                format!("{field}.{source}"),
                format!(
                    "a layer that sets `{number}` also names its source: the one below does not say this number"
                ),
            ));
        }
    }
    Ok(())
}

/// The values that differ between two versions of a procedure's table, as dotted paths
/// (`driving.day`, `phase[0].lifting_limit_lb`, `phase[1].avoid[bending].text`,
/// `warning_sign[neck-swelling].text`); list entries are matched by `id` or `activity`
/// when they have one, else by position.
#[must_use]
pub(super) fn changed(before: &Table, after: &Table) -> Vec<String> {
    let mut out = Vec::new();
    diff_tables(before, after, "", &mut out);
    out
}

fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_owned()
    } else {
        format!("{prefix}.{key}")
    }
}

fn diff_tables(a: &Table, b: &Table, prefix: &str, out: &mut Vec<String>) {
    for (k, vb) in b {
        diff_values(a.get(k), vb, &join(prefix, k), out);
    }
}

fn diff_values(a: Option<&Value>, b: &Value, path: &str, out: &mut Vec<String>) {
    match (a, b) {
        (Some(Value::Table(ta)), Value::Table(tb)) if !is_text(tb) => {
            diff_tables(ta, tb, path, out);
        }
        (Some(Value::Array(la)), Value::Array(lb)) if lb.iter().all(Value::is_table) => {
            for (i, item) in lb.iter().enumerate() {
                // Matched by id or activity only when that names one entry on both sides.
                let unique = |list: &[Value], k: &str, v: &str| {
                    list.iter()
                        .filter(|o| o.get(k).and_then(Value::as_str) == Some(v))
                        .count()
                        <= 1
                };
                let key = ["id", "activity"].into_iter().find_map(|k| {
                    item.get(k)
                        .and_then(Value::as_str)
                        .filter(|v| unique(lb, k, v) && unique(la, k, v))
                        .map(|v| (k, v))
                });
                let (label, old) = match key {
                    Some((k, v)) => (
                        v.to_owned(),
                        la.iter()
                            .find(|o| o.get(k).and_then(Value::as_str) == Some(v)),
                    ),
                    None => (i.to_string(), la.get(i)),
                };
                diff_values(old, item, &format!("{path}[{label}]"), out);
            }
        }
        (Some(va), vb) if va == vb => {}
        _ => out.push(path.to_owned()),
    }
}
