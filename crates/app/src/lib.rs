//! The desktop app's contract: the commands the UI calls and the data they exchange.
//!
//! Every `#[tauri::command]` in `src-tauri/` is a one-line call into [`App`]; all the logic
//! lives here, Tauri-free, so it is tested against a real SQLite file without a window
//! (Yaak's habit). The types the UI sees derive `ts_rs::TS`; [`typescript`] writes their
//! declarations, and a test fails when the committed `ui/src/bindings.ts` drifts.
//!
//! Errors that reach the UI are [`FieldError`]s (field + message, shown next to the field)
//! or an [`AppError`] message; neither ever carries a patient identifier.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
pub use homeward_core::{JobDemand, Plan};
use homeward_core::{PlanEdit, PlanError, PlanInput, Protocol};
use homeward_pdf::{PacketError, PacketOptions, Paper};
pub use homeward_store::{ImportReport, Settings, Template, TemplateSummary};
use homeward_store::{ListQuery, OnConflict, PacketRecord, Store, StoreError, TemplateInput};

/// Where the nurse's database lives by default: the OS data folder.
#[must_use]
pub fn default_database_path() -> Option<PathBuf> {
    homeward_store::default_path()
}
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A failure the UI shows: a message, and the form fields it is about (each shown next to
/// its field). Never carries a patient identifier.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, TS)]
#[error("{message}")]
pub struct AppError {
    /// What went wrong and what to do.
    pub message: String,
    /// The fields at fault, when the problem is in the form.
    pub fields: Vec<FieldError>,
}

impl AppError {
    /// A problem not tied to one field.
    pub fn message(message: impl Into<String>) -> AppError {
        AppError {
            message: message.into(),
            fields: Vec::new(),
        }
    }

    /// Problems with form fields; the message lists them.
    #[must_use]
    pub fn fields(fields: Vec<FieldError>) -> AppError {
        let message = fields
            .iter()
            .map(|f| format!("{}: {}", f.field.replace('_', " "), f.message))
            .collect::<Vec<_>>()
            .join("; ");
        AppError { message, fields }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        AppError::message(e.to_string())
    }
}

/// A problem with one field of the form, shown next to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldError {
    /// The form field (`procedure`, `levels`, `surgery_date`, `discharge_date`, `job`,
    /// `factors`, `patient_name`, `date_of_birth`, `clinic_phone`, `surgeon`, `mrn`).
    pub field: String,
    /// What is wrong and what is allowed.
    pub message: String,
}

/// A procedure the nurse can pick.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ProcedureOption {
    /// Stable id.
    pub id: String,
    /// Clinical name.
    pub name: String,
    /// Other names, for search (PLIF, TLIF…).
    pub also_called: Option<String>,
    /// Fewest levels.
    pub levels_min: u8,
    /// Most levels.
    pub levels_max: u8,
    /// Usual number of levels.
    pub levels_default: u8,
    /// What is counted ("levels fused").
    pub levels_noun: String,
    /// The protocol is the clinic's own, not published figures.
    pub clinic_defined: bool,
}

/// A risk factor checkbox.
#[derive(Debug, Clone, Serialize, TS)]
pub struct FactorOption {
    /// Factor id.
    pub id: String,
    /// Its label.
    pub label: String,
}

/// A job demand level with everyday examples ("nurse aide: medium").
#[derive(Debug, Clone, Serialize, TS)]
pub struct JobOption {
    /// The level.
    pub id: JobDemand,
    /// Its name.
    pub name: String,
    /// What it means in lifting.
    pub lifting: String,
    /// Example jobs.
    pub examples: String,
}

/// Everything the form offers.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Catalog {
    /// Procedures, in display order.
    pub procedures: Vec<ProcedureOption>,
    /// Risk factors.
    pub factors: Vec<FactorOption>,
    /// Job levels.
    pub jobs: Vec<JobOption>,
    /// The protocol version.
    pub protocol_version: String,
}

/// The new-packet form as the UI holds it: strings as typed, checked here.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CaseForm {
    /// Procedure id.
    pub procedure: String,
    /// Levels; `None` takes the procedure's usual number.
    pub levels: Option<u8>,
    /// Risk factor ids.
    pub factors: Vec<String>,
    /// Job level.
    pub job: Option<JobDemand>,
    /// Surgery date, YYYY-MM-DD.
    pub surgery_date: String,
    /// Discharge date, YYYY-MM-DD; empty means the surgery date.
    pub discharge_date: String,
    /// Patient name (never stored unless history is on).
    pub patient_name: String,
    /// Date of birth, YYYY-MM-DD, optional.
    pub date_of_birth: String,
    /// Medical record number, optional.
    pub mrn: String,
    /// Surgeon, optional.
    pub surgeon: String,
    /// The nurse's initials; required only while packet history is on.
    pub nurse: String,
    /// The nurse's text edits.
    pub edits: Vec<PlanEdit>,
}

/// What the preview shows: the plan when the case is valid, and every field problem.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Preview {
    /// The plan, when the case fields are valid.
    pub plan: Option<Plan>,
    /// Problems, each next to its field.
    pub errors: Vec<FieldError>,
    /// Whether a packet can be printed (no errors, including the patient fields).
    pub printable: bool,
}

/// The app: the protocol and the nurse's database.
pub struct App {
    protocol: Protocol,
    store: Store,
}

fn field(field: &str, message: impl Into<String>) -> FieldError {
    FieldError {
        field: field.to_owned(),
        message: message.into(),
    }
}

fn parse_date(name: &str, s: &str, required: bool) -> Result<Option<NaiveDate>, FieldError> {
    let s = s.trim();
    if s.is_empty() {
        return if required {
            Err(field(name, "is required"))
        } else {
            Ok(None)
        };
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| {
            field(
                name,
                "is not a real date; use the date picker or YYYY-MM-DD",
            )
        })
}

/// The form field a core error is about.
fn plan_field(e: &PlanError) -> &'static str {
    match e.field() {
        "discharge-date" => "discharge_date",
        "surgery-date" => "surgery_date",
        "factor" => "factors",
        other => other,
    }
}

impl App {
    /// Opens the database at `db` with the built-in protocol.
    ///
    /// # Errors
    /// The database cannot be opened (the message names the file and how to recover).
    pub fn open(db: &Path) -> Result<App, AppError> {
        let protocol =
            homeward_core::default_protocol().map_err(|e| AppError::message(e.to_string()))?;
        Ok(App {
            protocol,
            store: Store::open(db)?,
        })
    }

    /// The procedures, factors and job levels the form offers.
    #[must_use]
    pub fn catalog(&self) -> Catalog {
        let p = &self.protocol;
        Catalog {
            procedures: p
                .procedures
                .iter()
                .map(|pr| ProcedureOption {
                    id: pr.id.clone(),
                    name: pr.name.get("en").to_owned(),
                    also_called: pr.also_called.as_ref().map(|t| t.get("en").to_owned()),
                    levels_min: pr.levels.min,
                    levels_max: pr.levels.max,
                    levels_default: pr.levels.default,
                    levels_noun: pr.levels.noun.get("en").to_owned(),
                    clinic_defined: pr.evidence == homeward_core::Evidence::ClinicDefined,
                })
                .collect(),
            factors: p
                .factors
                .iter()
                .map(|f| FactorOption {
                    id: f.id.clone(),
                    label: f.label.get("en").to_owned(),
                })
                .collect(),
            jobs: p
                .jobs
                .iter()
                .map(|j| JobOption {
                    id: j.id,
                    name: j.name.get("en").to_owned(),
                    lifting: j.lifting.get("en").to_owned(),
                    examples: j.examples.get("en").to_owned(),
                })
                .collect(),
            protocol_version: p.version.clone(),
        }
    }

    /// The engine's input from the form's case fields.
    fn input(&self, form: &CaseForm) -> Result<PlanInput, Vec<FieldError>> {
        let mut errors = Vec::new();
        if form.procedure.trim().is_empty() {
            errors.push(field("procedure", "is required: pick a procedure"));
        }
        let surgery = parse_date("surgery_date", &form.surgery_date, true)
            .map_err(|e| errors.push(e))
            .ok()
            .flatten();
        let discharge = parse_date("discharge_date", &form.discharge_date, false)
            .map_err(|e| errors.push(e))
            .ok()
            .flatten();
        match surgery {
            Some(surgery_date) if errors.is_empty() => Ok(PlanInput {
                procedure: form.procedure.trim().to_owned(),
                levels: form.levels,
                factors: form.factors.iter().cloned().collect(),
                job: form.job,
                surgery_date,
                discharge_date: discharge,
                language: None,
                booked: Vec::new(),
            }),
            _ => Err(errors),
        }
    }

    /// The plan for the form as it stands, with every field problem. Called on every change.
    ///
    /// A text edit that no longer fits (its line changed, or it touches a line written from
    /// the plan's numbers) is left out of the plan shown and reported under `edits`, so the
    /// nurse can still see the plan and remove it; printing stays off until then.
    #[must_use]
    pub fn preview(&self, form: &CaseForm) -> Preview {
        let (plan, mut errors) = self.checked(form);
        if let (Some(plan), true) = (&plan, errors.is_empty())
            && let Ok(input) = self.input(form)
            && let Ok(settings) = self.store.settings()
        {
            // The packet's own checks (long or unprintable names, the phones, edited lines),
            // without laying it out; the print date does not matter to them.
            let record = self.record_for(form, input, &settings, plan.surgery_date);
            if let Err(e) = record
                .and_then(|r| homeward_pdf::check(plan, &options_of(&r)?).map_err(packet_error))
            {
                errors.extend(e.fields);
            }
        }
        let printable = errors.is_empty() && plan.is_some();
        Preview {
            plan,
            errors,
            printable,
        }
    }

    /// The plan (with the edits that fit) and every problem with the form's fields.
    fn checked(&self, form: &CaseForm) -> (Option<Plan>, Vec<FieldError>) {
        let mut errors = Vec::new();
        let plan = match self.input(form) {
            Err(e) => {
                errors = e;
                None
            }
            Ok(input) => match homeward_core::plan(&self.protocol, &input) {
                Err(e) => {
                    let msg = e.to_string();
                    errors.push(field(plan_field(&e), after_colon(&msg)));
                    None
                }
                Ok(mut plan) => {
                    let mut kept: Vec<PlanEdit> = Vec::new();
                    for (i, edit) in form.edits.iter().enumerate() {
                        let mut trial = kept.clone();
                        trial.push(edit.clone());
                        match plan.clone().apply_edits(&self.protocol, &trial) {
                            Ok(()) => kept = trial,
                            Err(e) => errors.push(field(
                                "edits",
                                format!("change {}: {}", i + 1, after_colon(&e.to_string())),
                            )),
                        }
                    }
                    // Every edit in `kept` was just applied successfully in this order.
                    match plan.apply_edits(&self.protocol, &kept) {
                        Ok(()) => Some(plan),
                        Err(e) => {
                            errors.push(field("edits", after_colon(&e.to_string())));
                            None
                        }
                    }
                }
            },
        };
        if form.patient_name.trim().is_empty() {
            errors.push(field("patient_name", "is required to print"));
        }
        match parse_date("date_of_birth", &form.date_of_birth, false) {
            Err(e) => errors.push(e),
            Ok(Some(dob)) if plan.as_ref().is_some_and(|p| dob > p.surgery_date) => {
                errors.push(field(
                    "date_of_birth",
                    "is after the surgery date; check both dates",
                ))
            }
            Ok(_) => {}
        }
        match self.store.settings() {
            Err(e) => errors.push(field("settings", e.to_string())),
            Ok(s) => {
                if s.clinic_phone.is_none() {
                    errors.push(field(
                        "clinic_phone",
                        "is not set: add the spine office phone in Settings (the packet tells the patient whom to call)",
                    ));
                }
                if s.history && form.nurse.trim().is_empty() {
                    errors.push(field(
                        "nurse",
                        "is required while packet history is on: your initials, 1 to 5 letters",
                    ));
                } else if !form.nurse.trim().is_empty()
                    && let Err(e) = homeward_store::check_initials(&form.nurse)
                {
                    errors.push(field("nurse", after_colon(&e.to_string())));
                }
            }
        }
        (plan, errors)
    }

    /// What history would keep of a packet for the form (and what it is printed from).
    fn record_for(
        &self,
        form: &CaseForm,
        input: PlanInput,
        settings: &Settings,
        printed_on: NaiveDate,
    ) -> Result<PacketRecord, AppError> {
        let opt = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        let default_surgeon = settings
            .surgeons
            .iter()
            .find(|s| s.is_default)
            .map(|s| s.name.clone());
        Ok(PacketRecord {
            plan: input,
            edits: form.edits.clone(),
            patient_name: form.patient_name.trim().to_owned(),
            date_of_birth: parse_date("date_of_birth", &form.date_of_birth, false)
                .map_err(|e| AppError::fields(vec![e]))?,
            mrn: opt(&form.mrn),
            surgeon: opt(&form.surgeon).or(default_surgeon),
            clinic_name: settings.clinic_name.clone(),
            clinic_phone: settings.clinic_phone.clone(),
            after_hours_phone: settings.after_hours_phone.clone(),
            paper: settings.paper.clone(),
            large_print: settings.large_print,
            printed_on,
        })
    }

    /// The packet for the form, with the clinic settings, and the record history would
    /// keep of it. Nothing is written.
    fn make_packet(
        &self,
        form: &CaseForm,
        printed_on: NaiveDate,
    ) -> Result<(Vec<u8>, PacketRecord), AppError> {
        let preview = self.preview(form);
        let plan = match (preview.plan, preview.printable) {
            (Some(plan), true) => plan,
            (_, _) => return Err(AppError::fields(preview.errors)),
        };
        let input = self.input(form).map_err(AppError::fields)?;
        let record = self.record_for(form, input, &self.store.settings()?, printed_on)?;
        let bytes = render_record(&plan, &record)?;
        Ok((bytes, record))
    }

    /// Checks that the form makes a packet, and suggests a file name for it
    /// (`discharge-packet-YYYY-MM-DD.pdf`, the surgery date; never the patient's name).
    ///
    /// # Errors
    /// Every field problem, as for [`App::preview`].
    pub fn packet_file_name(&self, form: &CaseForm) -> Result<String, AppError> {
        let preview = self.preview(form);
        match (preview.plan, preview.printable) {
            (Some(plan), true) => Ok(format!("discharge-packet-{}.pdf", plan.surgery_date)),
            (_, _) => Err(AppError::fields(preview.errors)),
        }
    }

    /// The packet PDF for the form, for the preview. Nothing is written or recorded.
    ///
    /// # Errors
    /// Every field problem, as for [`App::preview`], plus the packet's own checks (name,
    /// office phone).
    pub fn packet_pdf(&self, form: &CaseForm, printed_on: NaiveDate) -> Result<Vec<u8>, AppError> {
        self.make_packet(form, printed_on).map(|(bytes, _)| bytes)
    }

    /// Writes the packet to `path` (atomically) and records it while history is on.
    ///
    /// # Errors
    /// As for [`App::packet_pdf`]; or the file cannot be written (nothing is recorded then).
    pub fn save_packet(
        &mut self,
        form: &CaseForm,
        printed_on: NaiveDate,
        path: &Path,
    ) -> Result<(), AppError> {
        let (bytes, record) = self.make_packet(form, printed_on)?;
        homeward_store::write_file_atomic(path, &bytes).map_err(AppError::message)?;
        // History is on but the packet could not be recorded: take the file back rather
        // than hand out a packet history does not know (as the CLI does).
        self.record(form, &bytes, &record).inspect_err(|_| {
            let _ = std::fs::remove_file(path);
        })
    }

    /// Writes the packet into `dir` for the system's PDF viewer to print, records it while
    /// history is on, and returns the file's path.
    ///
    /// # Errors
    /// As for [`App::save_packet`].
    pub fn print_packet(
        &mut self,
        form: &CaseForm,
        printed_on: NaiveDate,
        dir: &Path,
    ) -> Result<PathBuf, AppError> {
        let (bytes, record) = self.make_packet(form, printed_on)?;
        let path = print_file(dir, &bytes)?;
        self.record(form, &bytes, &record).inspect_err(|_| {
            let _ = std::fs::remove_file(&path);
        })?;
        Ok(path)
    }

    fn record(
        &mut self,
        form: &CaseForm,
        bytes: &[u8],
        record: &PacketRecord,
    ) -> Result<(), AppError> {
        if self.store.settings()?.history {
            self.store.record_packet(
                &form.nurse,
                &self.protocol.version,
                &sha256_hex(bytes),
                record,
            )?;
        }
        Ok(())
    }

    /// Printed packets, newest first (empty while history is off).
    ///
    /// # Errors
    /// The database cannot be read.
    pub fn history(&self) -> Result<Vec<HistoryRow>, AppError> {
        let names: std::collections::HashMap<&str, &str> = self
            .protocol
            .procedures
            .iter()
            .map(|p| (p.id.as_str(), p.name.get("en")))
            .collect();
        Ok(self
            .store
            .history()?
            .into_iter()
            .map(|e| HistoryRow {
                id: e.id,
                printed_at: e.printed_at,
                nurse_initials: e.nurse_initials,
                procedure: names
                    .get(e.record.plan.procedure.as_str())
                    .map_or_else(|| e.record.plan.procedure.clone(), |n| (*n).to_owned()),
                surgery_date: e.record.plan.surgery_date,
                patient_name: e.record.patient_name,
                printed_on: e.record.printed_on,
            })
            .collect())
    }

    /// A packet from history, made again exactly as it was printed.
    ///
    /// # Errors
    /// No such entry, or the stored case no longer builds a plan.
    pub fn reprint_pdf(&self, id: i64) -> Result<Vec<u8>, AppError> {
        let e = self.store.history_entry(id)?;
        remake(&self.protocol, &e.record)
    }

    /// A packet from history made again into `dir` for the system's PDF viewer; its path.
    ///
    /// # Errors
    /// As for [`App::reprint_pdf`], or the file cannot be written.
    pub fn reprint_to(&self, id: i64, dir: &Path) -> Result<PathBuf, AppError> {
        print_file(dir, &self.reprint_pdf(id)?)
    }

    /// Deletes every packet from history (so it can be turned off); how many there were.
    ///
    /// # Errors
    /// A database failure.
    pub fn delete_all_history(&mut self) -> Result<usize, AppError> {
        Ok(self.store.delete_all_history()?)
    }

    /// Deletes one packet from history.
    ///
    /// # Errors
    /// No such entry.
    pub fn delete_history(&mut self, id: i64) -> Result<(), AppError> {
        Ok(self.store.delete_history(id)?)
    }

    /// Templates by name, optionally filtered.
    ///
    /// # Errors
    /// The database cannot be read.
    pub fn templates(&self, search: Option<String>) -> Result<Vec<TemplateSummary>, AppError> {
        Ok(self.store.list_templates(&ListQuery {
            search,
            ..Default::default()
        })?)
    }

    /// Saves the form's case (no dates, no patient) as a template.
    ///
    /// # Errors
    /// The name is empty or taken, or the case is not valid.
    pub fn save_template(&mut self, name: &str, form: &CaseForm) -> Result<Template, AppError> {
        let input = TemplateInput {
            name: name.to_owned(),
            procedure: form.procedure.clone(),
            levels: form.levels,
            factors: form.factors.iter().cloned().collect(),
            job: form.job,
            surgeon: Some(form.surgeon.trim().to_owned()).filter(|s| !s.is_empty()),
            edits: form.edits.clone(),
        };
        Ok(self.store.create_template(&self.protocol, &input)?)
    }

    /// A template as a form: the case fields filled, the dates and patient fields left as
    /// they are in `current` (a template never holds a patient).
    ///
    /// # Errors
    /// No such template.
    pub fn load_template(&self, name: &str, current: &CaseForm) -> Result<CaseForm, AppError> {
        let t = self
            .store
            .template(name)?
            .ok_or_else(|| AppError::message(format!("template: no template named `{name}`")))?;
        Ok(CaseForm {
            procedure: t.input.procedure,
            levels: t.input.levels,
            factors: t.input.factors.into_iter().collect(),
            job: t.input.job,
            surgeon: t.input.surgeon.unwrap_or_default(),
            edits: t.input.edits,
            ..current.clone()
        })
    }

    /// The clinic settings.
    ///
    /// # Errors
    /// The database cannot be read.
    pub fn settings(&self) -> Result<Settings, AppError> {
        Ok(self.store.settings()?)
    }

    /// Sets one setting.
    ///
    /// # Errors
    /// An unknown key or a value that is not allowed.
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<Settings, AppError> {
        Ok(self.store.set_setting(key, value)?)
    }

    /// Adds a surgeon (or updates one with the same name), optionally as the default.
    ///
    /// # Errors
    /// An empty or too-long name, or a bad phone.
    pub fn add_surgeon(
        &mut self,
        name: &str,
        phone: &str,
        make_default: bool,
    ) -> Result<Settings, AppError> {
        Ok(self.store.add_surgeon(
            name,
            Some(phone).filter(|p| !p.trim().is_empty()),
            make_default,
        )?)
    }

    /// Removes a surgeon.
    ///
    /// # Errors
    /// No surgeon with that name.
    pub fn remove_surgeon(&mut self, name: &str) -> Result<Settings, AppError> {
        Ok(self.store.remove_surgeon(name)?)
    }

    /// Renames a template.
    ///
    /// # Errors
    /// No such template, or the new name is empty or taken.
    pub fn rename_template(&mut self, name: &str, new_name: &str) -> Result<(), AppError> {
        Ok(self.store.rename_template(name, new_name)?)
    }

    /// Copies a template under a new name.
    ///
    /// # Errors
    /// No such template, or the new name is empty or taken.
    pub fn duplicate_template(&mut self, name: &str, new_name: &str) -> Result<(), AppError> {
        self.store.duplicate_template(name, new_name)?;
        Ok(())
    }

    /// Deletes a template.
    ///
    /// # Errors
    /// No such template.
    pub fn delete_template(&mut self, name: &str) -> Result<(), AppError> {
        Ok(self.store.delete_template(name)?)
    }

    /// Writes every template and the clinic settings to `path` as one export file
    /// (atomically); returns how many templates it holds. History is never exported.
    ///
    /// # Errors
    /// The database cannot be read or the file written.
    pub fn export_templates(&self, path: &Path) -> Result<usize, AppError> {
        let export = self.store.export(&self.protocol.version)?;
        let text = serde_json::to_string_pretty(&export)
            .map_err(|e| AppError::message(format!("export: {e}")))?;
        homeward_store::write_file_atomic(path, text.as_bytes()).map_err(AppError::message)?;
        Ok(export.templates.len())
    }

    /// Imports an export file. Everything is checked first: if anything is wrong, nothing
    /// changes. `on_conflict` is `fail`, `skip`, `replace` or `rename`.
    ///
    /// # Errors
    /// The file cannot be read, is not a valid export, or names conflict under `fail`.
    pub fn import_templates(
        &mut self,
        path: &Path,
        on_conflict: &str,
        with_settings: bool,
    ) -> Result<ImportReport, AppError> {
        let how = OnConflict::parse(on_conflict).map_err(AppError::message)?;
        let text = std::fs::read_to_string(path)
            .map_err(|e| AppError::message(format!("cannot read {}: {e}", path.display())))?;
        Ok(self
            .store
            .import(&text, &self.protocol, how, with_settings)?)
    }
}

/// A printed packet in the history list.
#[derive(Debug, Clone, Serialize, TS)]
pub struct HistoryRow {
    /// Id, for re-printing and deleting (a JSON number: ids stay far below 2^53).
    #[ts(type = "number")]
    pub id: i64,
    /// When it was made (UTC, ISO 8601).
    pub printed_at: String,
    /// The nurse's initials.
    pub nurse_initials: String,
    /// The procedure's name.
    pub procedure: String,
    /// The surgery date.
    pub surgery_date: NaiveDate,
    /// The patient's name.
    pub patient_name: String,
    /// The date printed on the packet.
    pub printed_on: NaiveDate,
}

/// The packet options a record was (or will be) printed with.
fn options_of(record: &PacketRecord) -> Result<PacketOptions, AppError> {
    Ok(PacketOptions {
        patient_name: record.patient_name.clone(),
        date_of_birth: record.date_of_birth,
        mrn: record.mrn.clone(),
        surgeon: record.surgeon.clone(),
        clinic_name: record.clinic_name.clone(),
        clinic_phone: record.clinic_phone.clone(),
        after_hours_phone: record.after_hours_phone.clone(),
        paper: Paper::parse(&record.paper).map_err(AppError::message)?,
        large_print: record.large_print,
        printed_on: record.printed_on,
    })
}

/// Renders a packet from its record.
fn render_record(plan: &Plan, record: &PacketRecord) -> Result<Vec<u8>, AppError> {
    homeward_pdf::render(plan, &options_of(record)?).map_err(packet_error)
}

/// A packet error as a field error.
fn packet_error(e: PacketError) -> AppError {
    AppError::fields(vec![packet_field(&e)])
}

/// An error message without its leading `field: ` part.
fn after_colon(msg: &str) -> &str {
    msg.split_once(": ").map_or(msg, |(_, m)| m)
}

/// Rebuilds a packet from a history record, exactly as it was made.
///
/// # Errors
/// The stored case no longer builds a plan with this protocol, or cannot be printed.
pub fn remake(protocol: &Protocol, record: &PacketRecord) -> Result<Vec<u8>, AppError> {
    let mut plan = homeward_core::plan(protocol, &record.plan).map_err(|e| {
        AppError::message(format!(
            "history: the stored case no longer builds a plan: {e}"
        ))
    })?;
    plan.apply_edits(protocol, &record.edits)
        .map_err(|e| AppError::message(format!("history: {e}")))?;
    render_record(&plan, record)
}

/// SHA-256 of `bytes`, as lower-case hex (history keeps it to identify a printed packet).
#[must_use]
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The files [`App::print_packet`] writes start with this; [`clear_print_folder`] removes them.
const PRINT_PREFIX: &str = "homeward-packet-";

/// Removes the packets written for the PDF viewer (they carry a patient's name). The shell
/// calls it when the app starts and when it quits, so they never outlive a session.
///
/// # Errors
/// The folder exists but cannot be read.
pub fn clear_print_folder(dir: &Path) -> Result<usize, AppError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => {
            return Err(AppError::message(format!(
                "cannot read {}: {e}",
                dir.display()
            )));
        }
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(PRINT_PREFIX)
            && name.ends_with(".pdf")
            && std::fs::remove_file(entry.path()).is_ok()
        {
            removed += 1;
        }
    }
    Ok(removed)
}

/// Writes a packet for printing into `dir` (made owner-only), named by its contents.
fn print_file(dir: &Path, bytes: &[u8]) -> Result<PathBuf, AppError> {
    std::fs::create_dir_all(dir)
        .map_err(|e| AppError::message(format!("cannot make {}: {e}", dir.display())))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
    }
    let path = dir.join(format!("{PRINT_PREFIX}{}.pdf", &sha256_hex(bytes)[..12]));
    homeward_store::write_file_atomic(&path, bytes).map_err(AppError::message)?;
    Ok(path)
}

/// The form field a packet error is about.
fn packet_field(e: &PacketError) -> FieldError {
    let msg = e.to_string();
    let (name, rest) = msg.split_once(": ").unwrap_or(("packet", msg.as_str()));
    field(&name.replace('-', "_"), rest)
}

/// The TypeScript declarations of every type the UI exchanges, as one module. The committed
/// copy is `ui/src/bindings.ts`; a test fails when they differ.
#[must_use]
pub fn typescript() -> String {
    let cfg = ts_rs::Config::default();
    let decls = [
        Catalog::decl(&cfg),
        ProcedureOption::decl(&cfg),
        FactorOption::decl(&cfg),
        JobOption::decl(&cfg),
        CaseForm::decl(&cfg),
        Preview::decl(&cfg),
        FieldError::decl(&cfg),
        AppError::decl(&cfg),
        Plan::decl(&cfg),
        homeward_core::PlanPhase::decl(&cfg),
        homeward_core::Line::decl(&cfg),
        homeward_core::Milestone::decl(&cfg),
        homeward_core::WorkMilestone::decl(&cfg),
        homeward_core::FullDuty::decl(&cfg),
        homeward_core::WarningSign::decl(&cfg),
        homeward_core::FollowUp::decl(&cfg),
        homeward_core::AppliedFactor::decl(&cfg),
        homeward_core::Section::decl(&cfg),
        homeward_core::NurseNote::decl(&cfg),
        homeward_core::SourceRef::decl(&cfg),
        homeward_core::ProcedureRef::decl(&cfg),
        PlanEdit::decl(&cfg),
        HistoryRow::decl(&cfg),
        ImportReport::decl(&cfg),
        homeward_core::EditTarget::decl(&cfg),
        JobDemand::decl(&cfg),
        homeward_core::Activity::decl(&cfg),
        homeward_core::Region::decl(&cfg),
        homeward_core::Kind::decl(&cfg),
        homeward_core::Evidence::decl(&cfg),
        homeward_core::Urgency::decl(&cfg),
        TemplateSummary::decl(&cfg),
        Template::decl(&cfg),
        TemplateInput::decl(&cfg),
        Settings::decl(&cfg),
        homeward_store::Surgeon::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated from the Rust types by homeward-app (ts-rs). Do not edit by hand:\n// `UPDATE_EXPECT=1 cargo test -p homeward-app --test app` rewrites it.\n\n",
    );
    for d in decls {
        out.push_str("export ");
        out.push_str(&d);
        out.push_str("\n\n");
    }
    out.trim_end().to_owned() + "\n"
}
