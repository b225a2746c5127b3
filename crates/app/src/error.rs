//! The errors the UI shows: one [`AppError`] (a message, and the form fields it is about),
//! and the mapping from the engine's, the packet's and the store's errors to it. None ever
//! carries a patient identifier.

use homeward_core::PlanError;
use homeward_pdf::PacketError;
use homeward_store::StoreError;
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

/// A field error.
pub(crate) fn field(field: &str, message: impl Into<String>) -> FieldError {
    FieldError {
        field: field.to_owned(),
        message: message.into(),
    }
}

/// The form field a core error is about.
pub(crate) fn plan_field(e: &PlanError) -> &'static str {
    match e.field() {
        "discharge-date" => "discharge_date",
        "surgery-date" => "surgery_date",
        "factor" => "factors",
        other => other,
    }
}

/// A packet error as a field error.
pub(crate) fn packet_error(e: PacketError) -> AppError {
    AppError::fields(vec![packet_field(&e)])
}

/// An error message without its leading `field: ` part.
pub(crate) fn after_colon(msg: &str) -> &str {
    msg.split_once(": ").map_or(msg, |(_, m)| m)
}

/// The form field a packet error is about.
fn packet_field(e: &PacketError) -> FieldError {
    let msg = e.to_string();
    let (name, rest) = msg.split_once(": ").unwrap_or(("packet", msg.as_str()));
    field(&name.replace('-', "_"), rest)
}
