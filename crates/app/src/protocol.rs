//! The protocol in use, and the clinic's own versions of it.
//!
//! The clinic's protocol is kept in the database as versions (`homeward_store`): each holds
//! the protocol folder's files. The newest version is the one in use; with none, the
//! built-in protocol is. The CLI and the app both ask here, so they never disagree.

use std::collections::BTreeMap;

use homeward_core::Protocol;
use homeward_store::{CLINIC_LAYER, ProtocolVersionInfo, Store};

use crate::AppError;

/// Parses and validates a protocol folder's files, given as path → text.
///
/// # Errors
/// The first problem, naming the file, the procedure and the field.
pub fn protocol_of(files: &BTreeMap<String, String>) -> Result<Protocol, AppError> {
    let mut p = Protocol::from_files(files.iter().map(|(p, t)| (p.as_str(), t.as_str())))
        .map_err(|e| AppError::message(format!("protocol: {e}")))?;
    // Every plan from it says which values are the clinic's rather than the built-in ones.
    if let Ok(builtin) = homeward_core::default_protocol() {
        p.mark_clinic_changes(&builtin);
    }
    Ok(p)
}

/// The clinic's newest protocol version in `store` and who saved and approved it, or `None`
/// when the clinic has saved none (the built-in protocol is then in use).
///
/// # Errors
/// The database cannot be read, or the stored version no longer loads (the message says how
/// to recover). It is never silently replaced by another protocol.
pub fn clinic_protocol(store: &Store) -> Result<Option<(Protocol, ProtocolVersionInfo)>, AppError> {
    let Some(v) = store.protocol_version(CLINIC_LAYER, None)? else {
        return Ok(None);
    };
    let protocol = protocol_of(&v.files).map_err(|e| {
        AppError::message(format!(
            "the clinic's protocol version {} no longer loads ({}); restore an earlier version or import a corrected folder (`homeward protocol restore` / `import`)",
            v.info.number, e.message
        ))
    })?;
    Ok(Some((protocol, v.info)))
}

/// The protocol in use with `store`: the clinic's newest version, else the built-in one.
///
/// # Errors
/// As for [`clinic_protocol`].
pub fn protocol_in_use(store: &Store) -> Result<Protocol, AppError> {
    match clinic_protocol(store)? {
        Some((p, _)) => Ok(p),
        None => homeward_core::default_protocol().map_err(|e| AppError::message(e.to_string())),
    }
}

impl crate::App {
    /// The surgeon a packet for `form` is for: the form's, else the clinic's default one.
    pub(crate) fn surgeon_name(
        form: &crate::CaseForm,
        settings: &homeward_store::Settings,
    ) -> Option<String> {
        Some(form.surgeon.trim().to_owned())
            .filter(|s| !s.is_empty())
            .or_else(|| {
                settings
                    .surgeons
                    .iter()
                    .find(|s| s.is_default)
                    .map(|s| s.name.clone())
            })
    }

    /// The protocol for a packet for `surgeon`: with their orders when the protocol has
    /// them, else the protocol in use.
    pub(crate) fn protocol_for(&self, surgeon: Option<&str>) -> &Protocol {
        surgeon
            .and_then(|n| self.protocol.surgeon_named(n))
            .and_then(|s| {
                self.ordered
                    .iter()
                    .find(|p| p.surgeon.as_ref().is_some_and(|o| o.id == s.id))
            })
            .unwrap_or(&self.protocol)
    }

    /// Whose protocol is in use (a line for the nurse) and, while the clinic's version is
    /// unapproved or overdue for review on `today`, a warning.
    #[must_use]
    pub fn protocol_status(&self, today: chrono::NaiveDate) -> (String, Option<String>) {
        let version = &self.protocol.version;
        let Some(v) = &self.clinic else {
            return (format!("Homeward's built-in protocol {version}"), None);
        };
        let source = format!("The clinic's protocol, version {} ({version})", v.number);
        let warning = match &v.approval {
            None => Some(format!(
                "The clinic's protocol version {} has not been approved. Packets print with it; ask the clinical lead to review and approve it.",
                v.number
            )),
            Some(a) if today >= a.review_due => Some(format!(
                "The clinic's protocol version {} was due for review on {}. Ask the clinical lead to review it.",
                v.number, a.review_due
            )),
            Some(_) => None,
        };
        (source, warning)
    }
}

/// One file's change between two versions of a protocol.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct FileChange {
    /// The file's path in the protocol folder.
    pub path: String,
    /// Lines removed (`-`) and added (`+`), each with its line number in its own version,
    /// in file order.
    pub lines: Vec<(char, usize, String)>,
}

/// What changed from `old` to `new`, file by file (added and removed files whole), in path
/// order; unchanged files are left out.
#[must_use]
pub fn diff_files(
    old: &BTreeMap<String, String>,
    new: &BTreeMap<String, String>,
) -> Vec<FileChange> {
    let paths: std::collections::BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    paths
        .into_iter()
        .filter_map(|path| {
            let a = old.get(path).map_or("", String::as_str);
            let b = new.get(path).map_or("", String::as_str);
            let lines = diff_lines(a, b);
            (!lines.is_empty()).then(|| FileChange {
                path: path.clone(),
                lines,
            })
        })
        .collect()
}

/// A line diff by longest common subsequence: protocol files are a few hundred lines.
fn diff_lines(a: &str, b: &str) -> Vec<(char, usize, String)> {
    let (a, b): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
    let mut lcs = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            // Removed lines first, then what replaced them.
            out.push(('-', i + 1, a[i].to_owned()));
            i += 1;
        } else {
            out.push(('+', j + 1, b[j].to_owned()));
            j += 1;
        }
    }
    out
}

/// Every timing set outside its published range in `p`, its own and each surgeon's
/// orders' (a surgeon's listed only for what the surgeon set), and how many timings have
/// a published range at all.
#[must_use]
pub fn variations(p: &Protocol) -> (Vec<homeward_core::Variation>, usize) {
    let mut out = p.variations();
    for s in &p.surgeons {
        // Every surgeon's orders were combined and checked when `p` loaded.
        if let Ok(ordered) = p.with_surgeon(&s.id) {
            out.extend(
                ordered
                    .variations()
                    .into_iter()
                    .filter(|v| matches!(v.layer, Some(homeward_core::Layer::Surgeon(_)))),
            );
        }
    }
    let ranged = p
        .procedures
        .iter()
        .flat_map(|pr| {
            [&pr.pt.start, &pr.driving]
                .into_iter()
                .chain(homeward_core::JobDemand::ALL.map(|j| pr.return_to_work.get(j)))
        })
        .filter(|t| t.range.is_some())
        .count();
    (out, ranged)
}

/// One variation as a line of the report: the procedure, the timing, the day, the range and
/// its sources, who set it and why.
#[must_use]
pub fn describe_variation(v: &homeward_core::Variation) -> String {
    let who = match &v.layer {
        Some(homeward_core::Layer::Surgeon(s)) => format!("{}'s orders", s.name),
        Some(homeward_core::Layer::Clinic) => "the clinic's protocol".to_owned(),
        None => "the protocol's own files".to_owned(),
    };
    format!(
        "{} {}: day {}, published {} ({}); set by {who}; reason: {}",
        v.procedure,
        v.field,
        v.day,
        v.range.describe(),
        v.range.sources.join(", "),
        v.reason
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(p, t)| ((*p).to_owned(), (*t).to_owned()))
            .collect()
    }

    #[test]
    fn the_diff_names_each_changed_file_and_line() {
        let old = files(&[
            ("a.toml", "x = 1\ny = 2\nz = 3\n"),
            ("gone.toml", "k = 1\n"),
        ]);
        let new = files(&[
            ("a.toml", "x = 1\ny = 5\nz = 3\nw = 4\n"),
            ("new.toml", "n = 1\n"),
        ]);
        let line = |s: char, n: usize, t: &str| (s, n, t.to_owned());
        let change = |path: &str, lines| FileChange {
            path: path.to_owned(),
            lines,
        };
        assert_eq!(
            diff_files(&old, &new),
            [
                change(
                    "a.toml",
                    vec![
                        line('-', 2, "y = 2"),
                        line('+', 2, "y = 5"),
                        line('+', 4, "w = 4"),
                    ],
                ),
                change("gone.toml", vec![line('-', 1, "k = 1")]),
                change("new.toml", vec![line('+', 1, "n = 1")]),
            ]
        );
        assert!(diff_files(&old, &old).is_empty());
    }
}
