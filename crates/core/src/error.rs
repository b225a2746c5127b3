//! Typed errors. Messages name the field and what is allowed; none carries patient data
//! (the engine never sees any).

use thiserror::Error;

/// A protocol file that cannot be used. Always names the file; names the procedure and the
/// field when the problem is inside one.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ProtocolError {
    /// The file is not valid TOML, or does not match the schema.
    #[error("{file}: {message}")]
    Parse {
        /// Path of the file relative to the protocol folder.
        file: String,
        /// What the parser said, with line and column.
        message: String,
    },
    /// The file parsed but breaks a rule of the protocol.
    #[error("{file}: {}field `{field}`: {message}", procedure.as_ref().map(|p| format!("procedure `{p}`: ")).unwrap_or_default())]
    Invalid {
        /// Path of the file relative to the protocol folder.
        file: String,
        /// The procedure the problem is in, when there is one.
        procedure: Option<String>,
        /// The field, as a dotted path (`phase[2].lifting_limit_lb`).
        field: String,
        /// What is wrong and what is allowed.
        message: String,
    },
    /// No surgeon's orders with this id.
    #[error("surgeon: no orders for `{given}` in this protocol; allowed: {allowed}")]
    UnknownSurgeon {
        /// What was asked for.
        given: String,
        /// The surgeons there are, as `id (name)`, comma-separated.
        allowed: String,
    },
    /// A required file is missing from the protocol.
    #[error("{file}: the protocol has no such file; it is required")]
    MissingFile {
        /// The file that is required.
        file: String,
    },
}

/// A patient-facing text that has no translation into one of the protocol's languages: where
/// it is, so the clinic can add it. A plan in that language is refused while it is missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Untranslated {
    /// The language it lacks.
    pub language: String,
    /// Path of the file relative to the protocol folder.
    pub file: String,
    /// The procedure it is in, when there is one.
    pub procedure: Option<String>,
    /// The field, as a dotted path.
    pub field: String,
}

impl std::fmt::Display for Untranslated {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: ", self.file)?;
        if let Some(p) = &self.procedure {
            write!(f, "procedure `{p}`: ")?;
        }
        write!(f, "field `{}`", self.field)
    }
}

/// Input to [`crate::plan`] that is actually invalid. Clinical oddities are not errors: they
/// become nurse notes on the plan.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum PlanError {
    /// No procedure has this id.
    #[error("procedure: unknown procedure `{given}`; allowed: {allowed}")]
    UnknownProcedure {
        /// What was asked for.
        given: String,
        /// The ids that exist, comma-separated.
        allowed: String,
    },
    /// The number of levels is outside what the procedure allows.
    #[error("levels: {given} is outside the range for {procedure} ({min} to {max} {noun})")]
    LevelsOutOfRange {
        /// The procedure id.
        procedure: String,
        /// What was asked for.
        given: u32,
        /// Smallest allowed.
        min: u8,
        /// Largest allowed.
        max: u8,
        /// What is counted ("levels fused").
        noun: String,
    },
    /// No factor rule has this id.
    #[error("factor: unknown factor `{given}`; allowed: {allowed}")]
    UnknownFactor {
        /// What was asked for.
        given: String,
        /// The ids that exist, comma-separated.
        allowed: String,
    },
    /// The discharge date is before the surgery date.
    #[error(
        "discharge-date: {discharge} is before the surgery date {surgery}; discharge must be on or after surgery"
    )]
    DischargeBeforeSurgery {
        /// Surgery date.
        surgery: chrono::NaiveDate,
        /// Discharge date.
        discharge: chrono::NaiveDate,
    },
    /// The protocol has no text in this language.
    #[error("language: `{given}` is not available; allowed: {allowed}")]
    UnknownLanguage {
        /// What was asked for.
        given: String,
        /// The languages the protocol has.
        allowed: String,
    },
    /// The plan's language is one the protocol lists, but texts this plan uses lack it.
    #[error(
        "language: the protocol has no `{language}` text for {count} {}: {list}. Add the translation, or choose another language",
        if *count == 1 { "field" } else { "fields" }
    )]
    Untranslated {
        /// The language asked for.
        language: String,
        /// How many texts lack it.
        count: usize,
        /// The first few, as `file: procedure `id`: field `path``, semicolon-separated.
        list: String,
    },
    /// A booked visit names a day the plan has no visit on.
    #[error(
        "booked: the plan has no follow-up visit planned for {date} (day {day}); its visits are planned for {allowed}"
    )]
    BookedUnknownVisit {
        /// The day given.
        day: u32,
        /// Its date.
        date: chrono::NaiveDate,
        /// The plan's visits, "date (day N)", comma-separated.
        allowed: String,
    },
    /// A booked date is before discharge, or moves a visit that a later phase waits for out
    /// of its place among the phases.
    #[error(
        "booked: the visit planned for {planned} cannot be booked on {date}; book it from {earliest} to {latest}"
    )]
    BookedOutOfRange {
        /// The visit's planned date.
        planned: chrono::NaiveDate,
        /// The date given.
        date: chrono::NaiveDate,
        /// The first date allowed.
        earliest: chrono::NaiveDate,
        /// The last date allowed.
        latest: chrono::NaiveDate,
    },
    /// The same visit is booked twice.
    #[error("booked: the visit on day {day} is booked twice; book each visit once")]
    BookedTwice {
        /// The visit's planned day.
        day: u32,
    },
    /// A date would fall outside the calendar chrono supports.
    #[error("surgery-date: {surgery} is too far in the future to plan from")]
    DateOutOfRange {
        /// Surgery date.
        surgery: chrono::NaiveDate,
    },
}

impl PlanError {
    /// The input field this error is about, as the CLI and UI name it.
    #[must_use]
    pub fn field(&self) -> &'static str {
        match self {
            PlanError::UnknownProcedure { .. } => "procedure",
            PlanError::LevelsOutOfRange { .. } => "levels",
            PlanError::UnknownFactor { .. } => "factor",
            PlanError::DischargeBeforeSurgery { .. } => "discharge-date",
            PlanError::UnknownLanguage { .. } | PlanError::Untranslated { .. } => "language",
            PlanError::DateOutOfRange { .. } => "surgery-date",
            PlanError::BookedUnknownVisit { .. }
            | PlanError::BookedOutOfRange { .. }
            | PlanError::BookedTwice { .. } => "booked",
        }
    }
}
