//! The packet out of the app: the chart note to copy, the FHIR R4 Bundle for the chart and
//! the calendar file for the patient's phone, for the form as it stands. What the nurse
//! records about the teaching (teach-back, interpreter) comes with them; none of it prints
//! on the packet.

use std::path::Path;

use chrono::NaiveDate;
use homeward_pdf::{TeachBack, Teaching};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{field, packet_error};
use crate::packet::options_of;
use crate::{App, AppError, CaseForm};

/// The teaching as the nurse records it after teach-back, strings as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TeachingForm {
    /// `complete`, `partial`, `not-done`, or empty (not recorded).
    pub teach_back: String,
    /// The interpreter (name or ID number), empty when none helped.
    pub interpreter: String,
}

impl TeachingForm {
    fn checked(&self) -> Result<Teaching, AppError> {
        let teach_back = match self.teach_back.trim() {
            "" => None,
            t => Some(TeachBack::parse(t).map_err(|m| {
                AppError::fields(vec![field("teach_back", crate::error::after_colon(&m))])
            })?),
        };
        let interpreter = Some(self.interpreter.trim().to_owned()).filter(|s| !s.is_empty());
        let t = Teaching {
            teach_back,
            interpreter,
        };
        t.check().map_err(packet_error)?;
        Ok(t)
    }
}

impl App {
    /// The plan for the form and the options its packet prints with, once every field is
    /// fine.
    fn for_export(
        &self,
        form: &CaseForm,
        printed_on: NaiveDate,
    ) -> Result<(homeward_core::Plan, homeward_pdf::PacketOptions), AppError> {
        let made = self.made(form, printed_on)?;
        let options = options_of(
            &made.record,
            self.clinic.as_ref(),
            self.review_note(&made.record),
        )?;
        Ok((made.plan, options))
    }

    /// The chart note for the form: plain text to paste into the health record.
    ///
    /// # Errors
    /// As for [`App::packet_pdf`], and the teaching fields.
    pub fn chart_note(
        &self,
        form: &CaseForm,
        teaching: &TeachingForm,
        printed_on: NaiveDate,
    ) -> Result<String, AppError> {
        let teaching = teaching.checked()?;
        let (plan, options) = self.for_export(form, printed_on)?;
        homeward_pdf::chart_note(&plan, &options, &teaching).map_err(packet_error)
    }

    /// The FHIR R4 Bundle for the chart: the patient, the care plan, the packet and the
    /// care-team sheet (drawn now, and held in the Bundle byte for byte), and the teaching.
    ///
    /// # Errors
    /// As for [`App::chart_note`].
    pub fn fhir_bundle(
        &self,
        form: &CaseForm,
        teaching: &TeachingForm,
        printed_on: NaiveDate,
    ) -> Result<String, AppError> {
        let teaching = teaching.checked()?;
        let (plan, options) = self.for_export(form, printed_on)?;
        let packet = homeward_pdf::render(&plan, &options).map_err(packet_error)?;
        let sheet = homeward_pdf::render_care_sheet(&plan, &options).map_err(packet_error)?;
        homeward_export::fhir_bundle(&homeward_export::Packet {
            plan: &plan,
            options: &options,
            teaching: &teaching,
            packet_pdf: &packet,
            care_sheet_pdf: Some(&sheet),
        })
        .map_err(packet_error)
    }

    /// The patient's dates as an iCalendar file; the patient's name in it only when
    /// `with_name`.
    ///
    /// # Errors
    /// As for [`App::packet_pdf`].
    pub fn calendar(
        &self,
        form: &CaseForm,
        with_name: bool,
        printed_on: NaiveDate,
    ) -> Result<String, AppError> {
        let (plan, options) = self.for_export(form, printed_on)?;
        homeward_export::ics(&plan, &options, with_name).map_err(packet_error)
    }

    /// Writes `text` to `path` whole or not at all (the FHIR Bundle, the calendar).
    ///
    /// # Errors
    /// The file cannot be written; nothing is left at `path` then.
    pub fn save_text(path: &Path, text: &str) -> Result<(), AppError> {
        homeward_store::write_file_atomic(path, text.as_bytes()).map_err(AppError::message)
    }
}
