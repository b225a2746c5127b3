//! The Protocol screen, for the clinical lead: a procedure's numbers and lines as the
//! clinic's protocol (or a surgeon's orders over it) sets them, each with its source and
//! published range; changes checked as they are typed, saved as a new version of the
//! clinic's protocol; versions compared, restored and approved.
//!
//! The clinic's own changes are written to its `changes.toml` and a surgeon's to
//! `surgeons/<id>.toml`, in the layer format the engine reads (`homeward_core`'s layer
//! module), so the app, the CLI and an exported folder all mean the same thing.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use homeward_core::{Activity, CHANGES_FILE, Layer, Protocol, SURGEONS_DIR};
use homeward_store::CLINIC_LAYER;
use serde::{Deserialize, Serialize};
use toml::Table;
use ts_rs::TS;

use crate::error::FieldError;
use crate::{App, AppError, FileChange};

mod edit;
mod view;

use edit::apply_change;
use view::screen_of;

/// The clinic's layer, as the screen names it; a surgeon's is their file's id.
pub const CLINIC: &str = "clinic";
/// A surgeon's orders not saved yet: [`ProtocolEdit::new_surgeon`] names them.
pub const NEW_SURGEON: &str = "new";

/// One number on the screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct NumberRow {
    /// What a change names: `driving.day`, `pt.start.day`, `return_to_work.heavy.day`,
    /// `phase[1].lifting_limit_lb`, `phase[1].start_day`.
    pub field: String,
    /// What the lead reads.
    pub label: String,
    /// Its value; `None` for no set limit.
    pub value: Option<u32>,
    /// `day` or `lb`.
    pub unit: String,
    /// The source id behind it, and its citation.
    pub source: String,
    /// The source's citation.
    pub citation: String,
    /// The published range, in words with its sources, when the sources give one.
    pub range: Option<String>,
    /// The range's ends, for the screen's own check as the lead types.
    pub range_min: Option<u32>,
    /// See `range_min`.
    pub range_max: Option<u32>,
    /// Why it is outside its range, when it is.
    pub outside_range_reason: Option<String>,
    /// Who set it, when not the built-in protocol: "the clinic", or the surgeon's name.
    pub set_by: Option<String>,
    /// Whether the screen can change it (full duty is worked out from the limits).
    pub editable: bool,
}

/// One line of a phase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LineRow {
    /// The phase's index, from 0.
    pub phase: usize,
    /// `goal`, `can` or `avoid`.
    pub list: String,
    /// What it is about.
    pub activity: Activity,
    /// What the patient reads.
    pub text: String,
    /// The same line in Spanish, when the protocol has it.
    pub text_es: Option<String>,
    /// Its source id.
    pub source: String,
    /// Who set it, when not the built-in protocol.
    pub set_by: Option<String>,
}

/// A phase's heading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PhaseRow {
    /// Its index, from 0.
    pub index: usize,
    /// Its name.
    pub name: String,
}

/// One saved version of the clinic's protocol.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct VersionRow {
    /// 1, 2, 3…
    #[ts(type = "number")]
    pub number: i64,
    /// When, who and why.
    pub saved_at: String,
    /// Initials.
    pub saved_by: String,
    /// Why it changed.
    pub reason: String,
    /// "approved by AB on 2026-12-01, review by 2028-12-01", or `None`.
    pub approval: Option<String>,
    /// The newest version: the one in use.
    pub in_use: bool,
}

/// What the Protocol screen shows for a procedure and a layer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ProtocolScreen {
    /// The procedures, as (id, name).
    pub procedures: Vec<(String, String)>,
    /// The layers the lead can change, as (id, label): the clinic's, then each surgeon's.
    pub layers: Vec<(String, String)>,
    /// The procedure shown.
    pub procedure: String,
    /// The layer shown.
    pub layer: String,
    /// Its phases.
    pub phases: Vec<PhaseRow>,
    /// Its numbers: phases, therapy, driving, work (with full duty), visits.
    pub numbers: Vec<NumberRow>,
    /// Its phase lines.
    pub lines: Vec<LineRow>,
    /// Procedures whose files build on this one (`base`): a change here does not reach
    /// them; change them too.
    pub built_on_this: Vec<String>,
    /// Every source id a change may cite, with its citation.
    pub sources: Vec<(String, String)>,
    /// Days set outside their published range, as report lines.
    pub variations: Vec<String>,
    /// The clinic's saved versions, newest first.
    pub versions: Vec<VersionRow>,
    /// Whose protocol is in use and its review status (as on the packet screen).
    pub status: String,
    /// The packet screen's warning, when there is one.
    pub warning: Option<String>,
    /// Texts a Spanish packet of this procedure would print that have no Spanish yet
    /// (file, procedure, field): such packets are refused until they are translated.
    pub untranslated: Vec<String>,
}

/// One change the lead makes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ProtocolChange {
    /// A number (see [`NumberRow::field`]).
    Number {
        /// Which.
        field: String,
        /// Its new value.
        value: u32,
        /// The source id behind it; empty: the change's own reason becomes its source.
        source: String,
        /// Why: required; also the reason a day may be outside its published range.
        reason: String,
    },
    /// A phase line, replacing the one about the same activity in that list, or added.
    Line {
        /// The phase's index.
        phase: usize,
        /// `goal`, `can` or `avoid`.
        list: String,
        /// What it is about.
        activity: Activity,
        /// What the patient reads.
        text: String,
        /// The same line in Spanish; empty: none yet, and Spanish packets for this
        /// procedure are refused until it is given.
        #[serde(default)]
        text_es: String,
        /// The source id behind it; empty: the reason becomes its source.
        source: String,
        /// Why.
        reason: String,
    },
}

/// The lead's changes to one procedure in one layer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProtocolEdit {
    /// The procedure.
    pub procedure: String,
    /// [`CLINIC`] or a surgeon's id.
    pub layer: String,
    /// The changes, in order.
    pub changes: Vec<ProtocolChange>,
    /// The lead's initials (who the new sources and the version name).
    pub by: String,
    /// For a new surgeon's orders (`layer` is [`NEW_SURGEON`]): the surgeon's name, as the
    /// packet prints it; their file is named from it.
    #[serde(default)]
    pub new_surgeon: String,
}

fn who(l: &Layer) -> String {
    match l {
        Layer::Clinic => "the clinic".to_owned(),
        Layer::Surgeon(s) => s.name.clone(),
    }
}

fn change_err(i: usize, message: impl Into<String>) -> FieldError {
    FieldError {
        field: format!("changes[{i}]"),
        message: message.into(),
    }
}

impl App {
    /// The clinic's protocol files now: its newest version, or the built-in files.
    fn clinic_files(&self) -> Result<BTreeMap<String, String>, AppError> {
        Ok(match self.store.protocol_version(CLINIC_LAYER, None)? {
            Some(v) => v.files,
            None => homeward_core::default_protocol_files()
                .iter()
                .map(|(p, t)| ((*p).to_owned(), (*t).to_owned()))
                .collect(),
        })
    }

    /// The Protocol screen for `procedure` in `layer` (the clinic's, or a surgeon's id),
    /// as the protocol in use sets it; `today` decides the review status.
    ///
    /// # Errors
    /// An unknown procedure or layer (naming what there is), or the database.
    pub fn protocol_screen(
        &self,
        procedure: &str,
        layer: &str,
        today: NaiveDate,
    ) -> Result<ProtocolScreen, AppError> {
        let shown = self.layer_protocol(&self.protocol, layer)?;
        // No procedure asked for: the first one.
        let first = shown.procedures.first().map_or("", |p| p.id.as_str());
        let procedure = if procedure.is_empty() {
            first
        } else {
            procedure
        };
        screen_of(&self.protocol, &shown, procedure, layer, self, today)
    }

    /// The layer an edit writes: the clinic's, a surgeon's, or a new surgeon's id made
    /// from their name (letters and digits, joined by dashes).
    fn layer_id(&self, edit: &ProtocolEdit) -> Result<String, AppError> {
        if edit.layer != NEW_SURGEON {
            return Ok(edit.layer.clone());
        }
        let err = |message: String| {
            AppError::fields(vec![FieldError {
                field: "new_surgeon".to_owned(),
                message,
            }])
        };
        let name = edit.new_surgeon.trim();
        let id = name
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_ascii_lowercase)
            .collect::<Vec<_>>()
            .join("-");
        if id.is_empty() || id == CLINIC || id == NEW_SURGEON {
            return Err(err(
                "give the surgeon's name as the packet should print it, e.g. Dr. Ana Patel"
                    .to_owned(),
            ));
        }
        if let Some(s) = self
            .protocol
            .surgeon_named(name)
            .or_else(|| self.protocol.surgeons.iter().find(|s| s.id == id))
        {
            return Err(err(format!(
                "{} already has orders: choose them under Whose orders",
                s.name
            )));
        }
        Ok(id)
    }

    /// `p` with `layer`'s orders over it (the clinic's layer is `p` itself, and so is a new
    /// surgeon's before anything is saved).
    fn layer_protocol(&self, p: &Protocol, layer: &str) -> Result<Protocol, AppError> {
        if layer == CLINIC || layer == NEW_SURGEON {
            return Ok(p.clone());
        }
        p.with_surgeon(layer).map_err(|e| {
            AppError::fields(vec![FieldError {
                field: "layer".to_owned(),
                message: e.to_string(),
            }])
        })
    }

    /// The clinic's files with `edit` applied, and the protocol they make; the problems as
    /// field errors (`changes[i]`) when they do not load.
    fn edited(
        &self,
        edit: &ProtocolEdit,
        saving: bool,
    ) -> Result<(BTreeMap<String, String>, Protocol), AppError> {
        let mut files = self.clinic_files()?;
        let layer = self.layer_id(edit)?;
        let path = if layer == CLINIC {
            CHANGES_FILE.to_owned()
        } else {
            format!("{SURGEONS_DIR}{layer}.toml")
        };
        let mut table: Table = match files.get(&path) {
            Some(text) => {
                toml::from_str(text).map_err(|e| AppError::message(format!("{path}: {e}")))?
            }
            None if layer == CLINIC => Table::new(),
            None if edit.layer == NEW_SURGEON => {
                let mut t = Table::new();
                t.insert("name".into(), edit.new_surgeon.trim().into());
                t
            }
            None => {
                return Err(AppError::fields(vec![FieldError {
                    field: "layer".to_owned(),
                    message: format!(
                        "no surgeon's orders `{}`; allowed: clinic{}",
                        edit.layer,
                        self.protocol
                            .surgeons
                            .iter()
                            .map(|s| format!(", {}", s.id))
                            .collect::<String>()
                    ),
                }]));
            }
        };
        // Checking as the lead types needs no initials yet; saving does.
        let by = match (edit.by.trim(), saving) {
            ("", false) => "LEAD".to_owned(),
            (by, _) => homeward_store::check_initials(by).map_err(|_| {
                AppError::fields(vec![FieldError {
                    field: "by".to_owned(),
                    message: "your initials are required: 1 to 5 letters".to_owned(),
                }])
            })?,
        };
        // Changes are made to the layer as it stands: its own sources may be cited.
        let below = if edit.layer == NEW_SURGEON {
            self.protocol.clone()
        } else {
            self.layer_protocol(&self.protocol, &layer)?
        };
        let mut errors = Vec::new();
        for (i, c) in edit.changes.iter().enumerate() {
            if let Err(m) = apply_change(&mut table, &edit.procedure, c, &by, &below, &layer) {
                errors.push(change_err(i, m));
            }
        }
        if !errors.is_empty() {
            return Err(AppError::fields(errors));
        }
        let header = if layer == CLINIC {
            "# The clinic's changes to its procedure files, made in Homeward's Protocol screen.\n\n"
        } else {
            "# A surgeon's own orders over the clinic's protocol, kept in Homeward's Protocol screen.\n\n"
        };
        let text = toml::to_string(&table).map_err(|e| AppError::message(e.to_string()))?;
        files.insert(path, format!("{header}{text}"));
        let protocol = crate::protocol_of(&files).map_err(|e| {
            AppError::fields(vec![FieldError {
                field: "changes".to_owned(),
                message: e.message.trim_start_matches("protocol: ").to_owned(),
            }])
        })?;
        Ok((files, protocol))
    }

    /// The screen as it would be with `edit`, or its problems, each naming the change: the
    /// inline check the screen runs as the lead types. Nothing is saved.
    ///
    /// # Errors
    /// A change that breaks the protocol's rules (a day outside its published range without
    /// a reason, a line that reads wrong under its heading, a limit that breaks full duty).
    pub fn check_protocol_edit(
        &self,
        edit: &ProtocolEdit,
        today: NaiveDate,
    ) -> Result<ProtocolScreen, AppError> {
        let (_, protocol) = self.edited(edit, false)?;
        let layer = self.layer_id(edit)?;
        let shown = self.layer_protocol(&protocol, &layer)?;
        screen_of(&protocol, &shown, &edit.procedure, &layer, self, today)
    }

    /// Saves `edit` as a new version of the clinic's protocol (unapproved, so the packet
    /// screen warns until the lead approves it), and uses it from now on.
    ///
    /// # Errors
    /// As [`App::check_protocol_edit`]; no changes; no reason for the version; the database.
    pub fn save_protocol_edit(
        &mut self,
        edit: &ProtocolEdit,
        reason: &str,
    ) -> Result<i64, AppError> {
        if edit.changes.is_empty() {
            return Err(AppError::message("there are no changes to save"));
        }
        let (files, _) = self.edited(edit, true)?;
        let n = self
            .store
            .save_protocol_version(CLINIC_LAYER, &files, &edit.by, reason)?;
        self.reload_protocol()?;
        Ok(n)
    }

    /// Saves version `number` again as the newest, and uses it.
    ///
    /// # Errors
    /// No such version, bad initials, the database.
    pub fn restore_protocol_version(&mut self, number: i64, by: &str) -> Result<i64, AppError> {
        let n = self
            .store
            .restore_protocol_version(CLINIC_LAYER, number, by)?;
        self.reload_protocol()?;
        Ok(n)
    }

    /// Approves version `number` on `on`, due for review after `review_months`.
    ///
    /// # Errors
    /// No such version, bad initials or months, the database.
    pub fn approve_protocol_version(
        &mut self,
        number: i64,
        by: &str,
        on: NaiveDate,
        review_months: u32,
    ) -> Result<(), AppError> {
        self.store
            .approve_protocol_version(CLINIC_LAYER, number, by, on, review_months)?;
        self.reload_protocol()
    }

    /// What changed from version `from` to version `to`, file by file.
    ///
    /// # Errors
    /// No such version, the database.
    pub fn compare_protocol_versions(
        &self,
        from: i64,
        to: i64,
    ) -> Result<Vec<FileChange>, AppError> {
        let files = |n: i64| -> Result<BTreeMap<String, String>, AppError> {
            self.store
                .protocol_version(CLINIC_LAYER, Some(n))?
                .map(|v| v.files)
                .ok_or_else(|| AppError::message(format!("the clinic has no protocol version {n}")))
        };
        Ok(crate::diff_files(&files(from)?, &files(to)?))
    }

    /// Loads the clinic's newest version again (after it changed).
    fn reload_protocol(&mut self) -> Result<(), AppError> {
        let (protocol, ordered, clinic) = Self::load_protocol(&self.store)?;
        self.ordered = ordered;
        self.protocol = protocol;
        self.clinic = clinic;
        Ok(())
    }
}
