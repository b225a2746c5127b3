//! A nurse's edits to a plan's text: a changed line or an added one. Edits are stored with
//! templates and applied after the engine builds the plan, so the protocol stays the basis
//! and every edited line is marked (and cited as a nurse's edit, not as a study).

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::plan::{Line, Plan, SourceRef};
use crate::protocol::Protocol;

/// The source id of every edited or added line.
pub const NURSE_EDIT_SOURCE: &str = "nurse-edit";

/// The longest an edited line may be.
pub const MAX_EDIT_LEN: usize = 400;

/// Which list of the plan an edit is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "list", rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum EditTarget {
    /// A phase's goals.
    Goals {
        /// Phase index, from 0.
        phase: usize,
    },
    /// What a phase allows.
    Allowed {
        /// Phase index, from 0.
        phase: usize,
    },
    /// A phase's restrictions.
    Restrictions {
        /// Phase index, from 0.
        phase: usize,
    },
    /// What physical therapy works on.
    PtFocus,
    /// What is normal.
    Normal,
    /// What was the "not normal" list. Protocol 2026.12 replaced it with the warning signs,
    /// which are the one place that says when to call; the variant stays so templates saved
    /// before then still load, and their edit is reported as one to remove.
    NotNormal,
}

/// One edit: change line `line` of `target`, or add a line when `line` is `None`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PlanEdit {
    /// Where.
    #[serde(flatten)]
    pub target: EditTarget,
    /// The line to change; `None` adds a line at the end.
    #[serde(default)]
    pub line: Option<usize>,
    /// For a change: the line's text when the edit was made. The edit applies only while
    /// the line still says this, so a protocol update or another procedure can never have
    /// a different line silently replaced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original: Option<String>,
    /// The new text.
    pub text: String,
    /// The language the text is written in; `None` is the protocol's first (English), as
    /// every edit saved before the Spanish edition. An edit applies only to a plan in its
    /// language: a packet in another language needs the line written in that one too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

impl PlanEdit {
    /// The language the edit is written in: its own, else `first` (the protocol's first
    /// language, for edits saved before there was a choice).
    #[must_use]
    pub fn language_or<'a>(&'a self, first: &'a str) -> &'a str {
        self.language.as_deref().unwrap_or(first)
    }
}

/// An edit that does not fit the plan.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum EditError {
    /// The phase does not exist.
    #[error("edits[{edit}].phase: {phase} is out of range; this plan has phases 0 to {last}")]
    NoSuchPhase {
        /// Which edit.
        edit: usize,
        /// The phase asked for.
        phase: usize,
        /// The last phase index.
        last: usize,
    },
    /// The edit is in a list the protocol no longer has.
    #[error(
        "edits[{edit}]: the \"what is not normal\" list is now the warning signs; remove this edit, or add the line to \"what is normal\""
    )]
    Retired {
        /// Which edit.
        edit: usize,
    },
    /// The line does not exist.
    #[error("edits[{edit}].line: {line} is out of range; that list has {len} lines")]
    NoSuchLine {
        /// Which edit.
        edit: usize,
        /// The line asked for.
        line: usize,
        /// How many lines the list has.
        len: usize,
    },
    /// The text is empty or too long.
    #[error("edits[{edit}].text: must be 1 to {MAX_EDIT_LEN} characters")]
    BadText {
        /// Which edit.
        edit: usize,
    },
    /// The line no longer says what it said when the edit was made.
    #[error(
        "edits[{edit}].original: line {line} no longer says what it said when this edit was made; review the edit"
    )]
    Stale {
        /// Which edit.
        edit: usize,
        /// The line.
        line: usize,
    },
    /// Lifting and driving lines are written from the plan's numbers; editing their words
    /// would let the text disagree with the dates and limits.
    #[error(
        "edits[{edit}].line: the {what} line is written from the plan's numbers; change the protocol instead"
    )]
    Generated {
        /// Which edit.
        edit: usize,
        /// "lifting" or "driving".
        what: &'static str,
    },
    /// An edit in another language with no edit of the same line in the plan's language:
    /// printing the protocol's line instead would silently drop the nurse's change.
    #[error(
        "edits[{edit}]: the edited line \"{text}\" is written in `{language}` only; this packet is in `{wanted}`: write the line in `{wanted}` too, or remove the edit"
    )]
    Untranslated {
        /// Which edit.
        edit: usize,
        /// Its text.
        text: String,
        /// Its language.
        language: String,
        /// The plan's language.
        wanted: String,
    },
}

impl Plan {
    /// Applies `edits` in order. Changed and added lines are marked `edited` and cite
    /// [`NURSE_EDIT_SOURCE`], whose citation (from `protocol`) joins the plan's sources.
    ///
    /// # Errors
    /// The first edit that does not fit; the plan is then unchanged.
    pub fn apply_edits(
        &mut self,
        protocol: &Protocol,
        edits: &[PlanEdit],
    ) -> Result<(), EditError> {
        if edits.is_empty() {
            return Ok(());
        }
        let first = protocol.languages.first().map_or("en", String::as_str);
        if let Some(e) = untranslated_edits(edits, &self.language, first)
            .into_iter()
            .next()
        {
            return Err(e);
        }
        let mut edited = self.clone();
        for (i, e) in edits.iter().enumerate() {
            if e.language_or(first) != self.language {
                continue;
            }
            let text = e.text.trim();
            if text.is_empty() || text.chars().count() > MAX_EDIT_LEN {
                return Err(EditError::BadText { edit: i });
            }
            let last = edited.phases.len().saturating_sub(1);
            let phase = |p: usize| {
                if p <= last {
                    Ok(p)
                } else {
                    Err(EditError::NoSuchPhase {
                        edit: i,
                        phase: p,
                        last,
                    })
                }
            };
            let list: &mut Vec<Line> = match e.target {
                EditTarget::Goals { phase: p } => &mut edited.phases[phase(p)?].goals,
                EditTarget::Allowed { phase: p } => &mut edited.phases[phase(p)?].allowed,
                EditTarget::Restrictions { phase: p } => &mut edited.phases[phase(p)?].restrictions,
                EditTarget::PtFocus => &mut edited.pt_focus,
                EditTarget::Normal => &mut edited.normal,
                EditTarget::NotNormal => return Err(EditError::Retired { edit: i }),
            };
            let line = Line {
                activity: None,
                text: text.to_owned(),
                source: NURSE_EDIT_SOURCE.to_owned(),
                edited: true,
                bounded_by: Vec::new(),
            };
            match e.line {
                None => list.push(line),
                Some(n) => {
                    let len = list.len();
                    let old = list.get_mut(n).ok_or(EditError::NoSuchLine {
                        edit: i,
                        line: n,
                        len,
                    })?;
                    if e.original.as_deref() != Some(old.text.as_str()) {
                        return Err(EditError::Stale { edit: i, line: n });
                    }
                    match old.activity {
                        Some(crate::Activity::Lifting) if old.source != NURSE_EDIT_SOURCE => {
                            return Err(EditError::Generated {
                                edit: i,
                                what: "lifting",
                            });
                        }
                        Some(crate::Activity::Driving) if old.source != NURSE_EDIT_SOURCE => {
                            return Err(EditError::Generated {
                                edit: i,
                                what: "driving",
                            });
                        }
                        _ => {}
                    }
                    // A reworded "normal" line keeps the signs that bound it, so the packet
                    // still says when it is not normal.
                    *old = Line {
                        activity: old.activity,
                        bounded_by: std::mem::take(&mut old.bounded_by),
                        ..line
                    };
                }
            }
        }
        if let Some(src) = protocol.sources.get(NURSE_EDIT_SOURCE)
            && edited.sources.iter().all(|s| s.id != src.id)
        {
            edited.sources.push(SourceRef {
                id: src.id.clone(),
                citation: src.citation.clone(),
                reason: src.reason.clone(),
            });
        }
        *self = edited;
        Ok(())
    }
}

/// The edits written in another language than `language` (the plan's) with no edit of the
/// same place in `language`: a changed line is matched by its list and line, an added one
/// by its list and which added line it is. `first` is the language of an edit that names
/// none (the protocol's first).
#[must_use]
pub fn untranslated_edits(edits: &[PlanEdit], language: &str, first: &str) -> Vec<EditError> {
    let places: Vec<(EditTarget, Option<usize>, usize)> = edits
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let nth = edits[..i]
                .iter()
                .filter(|o| {
                    o.line.is_none()
                        && o.target == e.target
                        && o.language_or(first) == e.language_or(first)
                })
                .count();
            (e.target, e.line, if e.line.is_none() { nth } else { 0 })
        })
        .collect();
    edits
        .iter()
        .enumerate()
        .filter(|(i, e)| {
            e.language_or(first) != language
                && !(0..edits.len())
                    .any(|j| edits[j].language_or(first) == language && places[j] == places[*i])
        })
        .map(|(i, e)| EditError::Untranslated {
            edit: i,
            text: e.text.trim().to_owned(),
            language: e.language_or(first).to_owned(),
            wanted: language.to_owned(),
        })
        .collect()
}
