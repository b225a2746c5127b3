//! The desktop app's contract: the commands the UI calls and the data they exchange.
//!
//! Every `#[tauri::command]` in `src-tauri/` is a one-line call into [`App`]; all the logic
//! lives here, Tauri-free, so it is tested against a real SQLite file without a window
//! (Yaak's habit). The types the UI sees derive `ts_rs::TS`; [`typescript`] writes their
//! declarations, and a test fails when the committed `ui/src/bindings.ts` drifts.
//!
//! Errors that reach the UI are [`FieldError`]s (field + message, shown next to the field)
//! or an [`AppError`] message; neither ever carries a patient identifier.

use std::path::Path;

use chrono::NaiveDate;
use homeward_core::{JobDemand, Plan, PlanEdit, PlanError, PlanInput, Protocol};
use homeward_pdf::{PacketError, PacketOptions, Paper};
use homeward_store::{
    ListQuery, Settings, Store, StoreError, Template, TemplateInput, TemplateSummary,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A failure the UI shows as a message (not tied to one field).
#[derive(Debug, thiserror::Error, Serialize, TS)]
#[error("{message}")]
pub struct AppError {
    /// What went wrong and what to do; no patient data.
    pub message: String,
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        AppError {
            message: e.to_string(),
        }
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
        let protocol = homeward_core::default_protocol().map_err(|e| AppError {
            message: e.to_string(),
        })?;
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
            }),
            _ => Err(errors),
        }
    }

    /// The plan for the form as it stands, with every field problem. Called on every change.
    #[must_use]
    pub fn preview(&self, form: &CaseForm) -> Preview {
        let mut errors = Vec::new();
        let plan = match self.input(form) {
            Err(e) => {
                errors = e;
                None
            }
            Ok(input) => match homeward_core::plan(&self.protocol, &input) {
                Err(e) => {
                    let msg = e.to_string();
                    let f = plan_field(&e);
                    errors.push(field(
                        f,
                        msg.split_once(": ").map_or(msg.as_str(), |(_, m)| m),
                    ));
                    None
                }
                Ok(mut plan) => match plan.apply_edits(&self.protocol, &form.edits) {
                    Ok(()) => Some(plan),
                    Err(e) => {
                        errors.push(field("edits", e.to_string()));
                        None
                    }
                },
            },
        };
        if form.patient_name.trim().is_empty() {
            errors.push(field("patient_name", "is required to print"));
        }
        if let Err(e) = parse_date("date_of_birth", &form.date_of_birth, false) {
            errors.push(e);
        }
        let printable = errors.is_empty() && plan.is_some();
        Preview {
            plan,
            errors,
            printable,
        }
    }

    /// The packet PDF for the form, with the clinic settings. Nothing is written.
    ///
    /// # Errors
    /// Every field problem, as for [`App::preview`], plus the packet's own checks (name,
    /// office phone).
    pub fn packet_pdf(
        &self,
        form: &CaseForm,
        printed_on: NaiveDate,
    ) -> Result<Vec<u8>, Vec<FieldError>> {
        let preview = self.preview(form);
        let plan = match (preview.plan, preview.errors.is_empty()) {
            (Some(plan), true) => plan,
            (_, _) => return Err(preview.errors),
        };
        let settings = self
            .store
            .settings()
            .map_err(|e| vec![field("settings", e.to_string())])?;
        let opt = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        let default_surgeon = settings
            .surgeons
            .iter()
            .find(|s| s.is_default)
            .map(|s| s.name.clone());
        let options = PacketOptions {
            patient_name: form.patient_name.clone(),
            date_of_birth: parse_date("date_of_birth", &form.date_of_birth, false)
                .map_err(|e| vec![e])?,
            mrn: opt(&form.mrn),
            surgeon: opt(&form.surgeon).or(default_surgeon),
            clinic_name: settings.clinic_name.clone(),
            clinic_phone: settings.clinic_phone.clone(),
            after_hours_phone: settings.after_hours_phone.clone(),
            paper: Paper::parse(&settings.paper).unwrap_or_default(),
            large_print: settings.large_print,
            printed_on,
        };
        homeward_pdf::render(&plan, &options).map_err(|e| vec![packet_field(&e)])
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
        let t = self.store.template(name)?.ok_or_else(|| AppError {
            message: format!("template: no template named `{name}`"),
        })?;
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
        homeward_core::WarningSign::decl(&cfg),
        homeward_core::FollowUp::decl(&cfg),
        homeward_core::AppliedFactor::decl(&cfg),
        homeward_core::Section::decl(&cfg),
        homeward_core::NurseNote::decl(&cfg),
        homeward_core::SourceRef::decl(&cfg),
        homeward_core::ProcedureRef::decl(&cfg),
        PlanEdit::decl(&cfg),
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
