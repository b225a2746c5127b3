//! The Homeward clinical engine.
//!
//! A [`Protocol`] is the clinical content as data: procedures, phases, factor rules, warning
//! signs and the sources behind every number. It is parsed from TOML text and validated as a
//! whole, so a mistake in a file is reported with the file, the procedure and the field.
//! [`plan`] turns a [`PlanInput`] (procedure, levels, risk factors, job, dates) into a
//! [`Plan`] with calendar dates.
//!
//! Architecture Invariant: this crate does no IO and never reads the clock. Dates arrive as
//! arguments; the bundled protocol is compiled in; the same inputs always give the same plan.

#![forbid(unsafe_code)]

mod edit;
mod error;
pub mod fields;
mod plan;
mod protocol;
pub mod readability;
mod text;

pub use edit::{
    EditError, EditTarget, MAX_EDIT_LEN, NURSE_EDIT_SOURCE, PlanEdit, untranslated_edits,
};
pub use error::{PlanError, ProtocolError, Untranslated};
pub use plan::{
    AppliedFactor, BookedVisit, ChartNames, FollowUp, FullDuty, Line, Milestone, NurseNote, Plan,
    PlanInput, PlanPhase, ProcedureRef, Section, SourceRef, WarningSign, WorkMilestone, format_kg,
    plan,
};
pub use protocol::{
    Activity, Applies, CHANGES_FILE, CLINIC_DEFAULT, Evidence, FactorRule, JobDemand, JobLevel,
    Kind, Layer, LevelRange, MilestoneId, Procedure, Protocol, PublishedRange, Region,
    SOURCE_KINDS, SURGEONS_DIR, SetBy, Source, SurgeonLayer, SurgeonRef, Timing, Urgency,
    Variation, is_prohibition,
};
pub use text::{Text, locked};

mod bundled {
    include!(concat!(env!("OUT_DIR"), "/bundled.rs"));
}

/// The default protocol that ships with Homeward, parsed and validated.
///
/// # Errors
/// Only if the bundled files are invalid, which the registry tests rule out.
pub fn default_protocol() -> Result<Protocol, ProtocolError> {
    Protocol::from_files(bundled::FILES.iter().copied())
}

/// The files of the default protocol as (path relative to `protocols/`, contents), for tools
/// that want to show or export them.
#[must_use]
pub fn default_protocol_files() -> &'static [(&'static str, &'static str)] {
    bundled::FILES
}
