//! The New packet form: what it offers ([`Catalog`]), the form as the UI holds it
//! ([`CaseForm`]), and its live preview ([`Preview`]) with every field problem.

use chrono::NaiveDate;
use homeward_core::{PlanEdit, PlanInput};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{after_colon, field, packet_error, plan_field};
use crate::packet::options_of;
use crate::{App, BookingForm, FieldError, JobDemand, Plan};

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
    /// Whose protocol is in use, for the nurse: the built-in one, or the clinic's version
    /// with its approval.
    pub protocol_source: String,
    /// A warning for the nurse while the clinic's protocol is unapproved or overdue for
    /// review; shown on the packet screen.
    pub protocol_warning: Option<String>,
    /// The surgeons whose own orders the protocol holds, by name: a packet for one of them
    /// follows those orders.
    pub surgeons_with_orders: Vec<String>,
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
    /// The follow-up visits the office has booked (per patient: never in a template).
    #[serde(default)]
    pub booked: Vec<BookingForm>,
    /// The packet's language (`en`, `es`); empty takes the clinic's default (settings).
    #[serde(default)]
    pub language: String,
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

/// A date field as typed: `None` when blank and not required.
pub(crate) fn parse_date(
    name: &str,
    s: &str,
    required: bool,
) -> Result<Option<NaiveDate>, FieldError> {
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

impl App {
    /// The procedures, factors and job levels the form offers.
    #[must_use]
    ///
    /// `today` decides whether the clinic's protocol is overdue for review.
    pub fn catalog(&self, today: NaiveDate) -> Catalog {
        let p = &self.protocol;
        let (protocol_source, protocol_warning) = self.protocol_status(today);
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
            protocol_source,
            protocol_warning,
            surgeons_with_orders: p.surgeons.iter().map(|s| s.name.clone()).collect(),
        }
    }

    /// The engine's input from the form, booked visits included.
    pub(crate) fn input(&self, form: &CaseForm) -> Result<PlanInput, Vec<FieldError>> {
        let mut input = self.case_input(form)?;
        let mut errors = Vec::new();
        for b in &form.booked {
            match b.parse() {
                Ok(Some(visit)) => input.booked.push(visit),
                Ok(None) => {}
                Err(e) => errors.push(e),
            }
        }
        if errors.is_empty() {
            Ok(input)
        } else {
            Err(errors)
        }
    }

    /// The engine's input from the form's case fields, without the booked visits.
    fn case_input(&self, form: &CaseForm) -> Result<PlanInput, Vec<FieldError>> {
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
                language: Some(self.language_of(form)),
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
            if let Err(e) = record.and_then(|r| {
                homeward_pdf::check(plan, &options_of(&r, self.clinic.as_ref(), None)?)
                    .map_err(packet_error)
            }) {
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
        let surgeon = self
            .store
            .settings()
            .ok()
            .and_then(|s| Self::surgeon_name(form, &s));
        let protocol = self.protocol_for(surgeon.as_deref());
        let plan = match self.case_input(form) {
            Err(e) => {
                errors = e;
                None
            }
            Ok(mut input) => {
                errors.extend(self.fit_bookings(protocol, &mut input, &form.booked));
                Self::plan_with_edits(protocol, &input, &form.edits, &mut errors)
            }
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

    /// The plan for `input` with the nurse's edits that fit; a problem for each that does not.
    fn plan_with_edits(
        protocol: &homeward_core::Protocol,
        input: &PlanInput,
        edits: &[PlanEdit],
        errors: &mut Vec<FieldError>,
    ) -> Option<Plan> {
        match homeward_core::plan(protocol, input) {
            Err(e) => {
                let msg = e.to_string();
                errors.push(field(plan_field(&e), after_colon(&msg)));
                None
            }
            Ok(mut plan) => {
                // An edit in another language needs its twin in the packet's; it never
                // prints in this one.
                let first = protocol.languages.first().map_or("en", String::as_str);
                for e in homeward_core::untranslated_edits(edits, &plan.language, first) {
                    if let homeward_core::EditError::Untranslated { edit, .. } = e {
                        errors.push(field(
                            "edits",
                            format!("change {}: {}", edit + 1, after_colon(&e.to_string())),
                        ));
                    }
                }
                let mut kept: Vec<PlanEdit> = Vec::new();
                for (i, edit) in edits.iter().enumerate() {
                    if edit.language_or(first) != plan.language {
                        continue;
                    }
                    let mut trial = kept.clone();
                    trial.push(edit.clone());
                    match plan.clone().apply_edits(protocol, &trial) {
                        Ok(()) => kept = trial,
                        Err(e) => errors.push(field(
                            "edits",
                            format!("change {}: {}", i + 1, after_colon(&e.to_string())),
                        )),
                    }
                }
                // Every edit in `kept` was just applied successfully in this order.
                match plan.apply_edits(protocol, &kept) {
                    Ok(()) => Some(plan),
                    Err(e) => {
                        errors.push(field("edits", after_colon(&e.to_string())));
                        None
                    }
                }
            }
        }
    }
}

impl App {
    /// The packet's language for this form: the form's choice, else the clinic's default.
    pub(crate) fn language_of(&self, form: &CaseForm) -> String {
        match form.language.trim() {
            "" => self
                .store
                .settings()
                .map_or_else(|_| "en".to_owned(), |s| s.language),
            l => l.to_owned(),
        }
    }
}
