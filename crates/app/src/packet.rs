//! Making the documents for a case: the patient's packet and the care-team sheet (for the
//! nurse and the chart), each as PDF bytes, with the record history keeps of the packet;
//! re-making a packet from history. Writing them is `output`'s job.

use chrono::NaiveDate;
use homeward_core::{PlanInput, Protocol};
use homeward_pdf::{ClinicProtocol, PacketOptions, Paper, ProtocolOrigin};
use homeward_store::{PacketRecord, ProtocolVersionInfo, Settings};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::packet_error;
use crate::form::parse_date;
use crate::{App, AppError, CaseForm, Plan};

impl App {
    /// What history would keep of a packet for the form (and what it is printed from).
    pub(crate) fn record_for(
        &self,
        form: &CaseForm,
        input: PlanInput,
        settings: &Settings,
        printed_on: NaiveDate,
    ) -> Result<PacketRecord, AppError> {
        let opt = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        // A surgeon with orders is printed as their orders spell the name.
        let surgeon = Self::surgeon_name(form, settings).map(|name| {
            self.protocol
                .surgeon_named(&name)
                .map_or(name, |s| s.name.clone())
        });
        Ok(PacketRecord {
            plan: input,
            edits: form.edits.clone(),
            patient_name: form.patient_name.trim().to_owned(),
            date_of_birth: parse_date("date_of_birth", &form.date_of_birth, false)
                .map_err(|e| AppError::fields(vec![e]))?,
            mrn: opt(&form.mrn),
            surgeon,
            clinic_name: settings.clinic_name.clone(),
            clinic_phone: settings.clinic_phone.clone(),
            after_hours_phone: settings.after_hours_phone.clone(),
            office_hours: settings.office_hours.clone(),
            paper: settings.paper.clone(),
            large_print: settings.large_print,
            printed_on,
        })
    }

    /// The plan for the form and the record history would keep of its packet, once every
    /// field is fine. Nothing is rendered or written.
    pub(crate) fn made(&self, form: &CaseForm, printed_on: NaiveDate) -> Result<Made, AppError> {
        let preview = self.preview(form);
        let plan = match (preview.plan, preview.printable) {
            (Some(plan), true) => plan,
            (_, _) => return Err(AppError::fields(preview.errors)),
        };
        let input = self.input(form).map_err(AppError::fields)?;
        let record = self.record_for(form, input, &self.store.settings()?, printed_on)?;
        Ok(Made { plan, record })
    }

    /// The documents chosen, rendered, with the record history would keep of the packet.
    /// Everything is made before anything is written, so a refusal writes nothing.
    pub(crate) fn render_documents(
        &self,
        form: &CaseForm,
        printed_on: NaiveDate,
        which: Documents,
    ) -> Result<Rendered, AppError> {
        which.check()?;
        let Made { plan, record } = self.made(form, printed_on)?;
        let options = options_of(&record, self.clinic.as_ref(), self.review_note(&record))?;
        let packet = which
            .packet
            .then(|| homeward_pdf::render(&plan, &options))
            .transpose()
            .map_err(packet_error)?;
        let care_sheet = which
            .care_sheet
            .then(|| homeward_pdf::render_care_sheet(&plan, &options))
            .transpose()
            .map_err(packet_error)?;
        Ok(Rendered {
            packet,
            care_sheet,
            record,
        })
    }

    /// The packet's pages as SVG, for the preview: drawn from the same layout the PDF is
    /// drawn from (see `homeward_pdf::page_svg`), so the preview is the print without
    /// holding a PDF renderer's bitmaps. Nothing is written or recorded.
    ///
    /// # Errors
    /// As for [`App::packet_pdf`].
    pub fn packet_pages(
        &self,
        form: &CaseForm,
        printed_on: NaiveDate,
    ) -> Result<Vec<String>, AppError> {
        self.pages(form, printed_on, homeward_pdf::layout)
    }

    /// The care-team sheet's pages as SVG, to view in the app.
    ///
    /// # Errors
    /// As for [`App::packet_pdf`].
    pub fn care_sheet_pages(
        &self,
        form: &CaseForm,
        printed_on: NaiveDate,
    ) -> Result<Vec<String>, AppError> {
        self.pages(form, printed_on, homeward_pdf::care_sheet_layout)
    }

    fn pages(
        &self,
        form: &CaseForm,
        printed_on: NaiveDate,
        lay_out: fn(
            &Plan,
            &PacketOptions,
        ) -> Result<homeward_pdf::Document, homeward_pdf::PacketError>,
    ) -> Result<Vec<String>, AppError> {
        let Made { plan, record } = self.made(form, printed_on)?;
        let doc = lay_out(
            &plan,
            &options_of(&record, self.clinic.as_ref(), self.review_note(&record))?,
        )
        .map_err(packet_error)?;
        Ok((0..doc.pages.len())
            .map(|n| homeward_pdf::page_svg(&doc, n))
            .collect())
    }

    /// The packet PDF for the form, exactly as Save PDF writes it. Nothing is written or
    /// recorded.
    ///
    /// # Errors
    /// Every field problem, as for [`App::preview`], plus the packet's own checks (name,
    /// office phone).
    pub fn packet_pdf(&self, form: &CaseForm, printed_on: NaiveDate) -> Result<Vec<u8>, AppError> {
        let r = self.render_documents(form, printed_on, Documents::PACKET)?;
        Ok(r.packet.unwrap_or_default())
    }

    /// The care-team sheet PDF for the form, to view in the app. Nothing is written or
    /// recorded.
    ///
    /// # Errors
    /// As for [`App::packet_pdf`].
    pub fn care_sheet_pdf(
        &self,
        form: &CaseForm,
        printed_on: NaiveDate,
    ) -> Result<Vec<u8>, AppError> {
        let r = self.render_documents(form, printed_on, Documents::CARE_SHEET)?;
        Ok(r.care_sheet.unwrap_or_default())
    }
}

/// Which documents to save or print: the patient's packet, the care-team sheet, or both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Documents {
    /// The patient's packet (recorded in history while history is on).
    pub packet: bool,
    /// The care-team sheet, for the nurse and the chart: never for the patient, and never
    /// recorded in history.
    pub care_sheet: bool,
}

impl Documents {
    /// Both the packet and the care-team sheet.
    pub const BOTH: Documents = Documents {
        packet: true,
        care_sheet: true,
    };
    /// The patient's packet only.
    pub const PACKET: Documents = Documents {
        packet: true,
        care_sheet: false,
    };
    /// The care-team sheet only.
    pub const CARE_SHEET: Documents = Documents {
        packet: false,
        care_sheet: true,
    };

    /// At least one document is chosen.
    pub(crate) fn check(self) -> Result<(), AppError> {
        if self.packet || self.care_sheet {
            Ok(())
        } else {
            Err(AppError::message(
                "nothing to make: tick Patient packet, Care-team sheet, or both",
            ))
        }
    }
}

/// A case ready to render: its plan and the record history would keep.
pub(crate) struct Made {
    pub(crate) plan: Plan,
    pub(crate) record: PacketRecord,
}

/// The documents chosen, as PDF bytes, ready to write.
pub(crate) struct Rendered {
    /// The patient's packet, when chosen.
    pub packet: Option<Vec<u8>>,
    /// The care-team sheet, when chosen.
    pub care_sheet: Option<Vec<u8>>,
    /// What history keeps of the packet.
    pub record: PacketRecord,
}

/// What the packet prints of the clinic's protocol version `v`: its number and review status.
#[must_use]
pub fn review_of(v: &ProtocolVersionInfo) -> ClinicProtocol {
    ClinicProtocol {
        number: v.number,
        approved: v.approval.as_ref().map(|a| (a.by.clone(), a.on)),
        review_due: v.approval.as_ref().map(|a| a.review_due),
    }
}

/// The packet options a record was (or will be) printed with, from the clinic's protocol
/// version `clinic` (`None`: the built-in protocol).
pub(crate) fn options_of(
    record: &PacketRecord,
    clinic: Option<&ProtocolVersionInfo>,
    translation_review: Option<homeward_pdf::ReviewNote>,
) -> Result<PacketOptions, AppError> {
    Ok(PacketOptions {
        patient_name: record.patient_name.clone(),
        date_of_birth: record.date_of_birth,
        mrn: record.mrn.clone(),
        surgeon: record.surgeon.clone(),
        clinic_name: record.clinic_name.clone(),
        clinic_phone: record.clinic_phone.clone(),
        after_hours_phone: record.after_hours_phone.clone(),
        office_hours: record.office_hours.clone(),
        paper: Paper::parse(&record.paper).map_err(AppError::message)?,
        large_print: record.large_print,
        printed_on: record.printed_on,
        protocol: clinic.map_or(ProtocolOrigin::BuiltIn, |v| {
            ProtocolOrigin::Clinic(review_of(v))
        }),
        translation_review,
    })
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
    // Packets recorded before history kept PDFs came from the built-in protocol.
    homeward_pdf::render(&plan, &options_of(record, None, None)?).map_err(packet_error)
}
