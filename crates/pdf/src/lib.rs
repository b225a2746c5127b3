//! The Homeward discharge packet.
//!
//! [`layout`] turns a [`Plan`] and [`PacketOptions`] into a [`Document`]: pages of
//! positioned text runs, rectangles and lines. That model is what the tests inspect
//! (nothing outside the margins, no two text boxes overlapping, snapshots of where
//! everything goes). [`render`] draws the same model with printpdf and returns the bytes.
//!
//! Architecture Invariant: this crate writes no files and reads no clock. The caller
//! passes the print date and writes the bytes (atomically).

#![forbid(unsafe_code)]

mod chart;
mod dates;
mod fonts;
mod icons;
mod layout;
mod packet;
mod render;
mod svg;
mod text;

use chrono::NaiveDate;
use homeward_core::Plan;
use thiserror::Error;

pub use chart::{TeachBack, Teaching, chart_note, education_summary};
pub use dates::{DatedEvent, EventKind, dated_events};
pub use fonts::FontRole;
pub use layout::{Color, Document, Item, Page, TextRun};
pub use svg::{char_starts, page_svg};
pub use text::{NURSE_LANGUAGE, Words, fill, wording_text, words};

/// Paper size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    /// US Letter, 8.5 x 11 in.
    #[default]
    Letter,
    /// ISO A4, 210 x 297 mm.
    A4,
}

impl Paper {
    /// Width and height in points (1/72 in).
    #[must_use]
    pub fn size_pt(self) -> (f32, f32) {
        match self {
            Paper::Letter => (612.0, 792.0),
            Paper::A4 => (595.28, 841.89),
        }
    }

    /// Parses `letter` or `a4`.
    ///
    /// # Errors
    /// Anything else, with what is allowed.
    pub fn parse(s: &str) -> Result<Paper, String> {
        match s.to_ascii_lowercase().as_str() {
            "letter" => Ok(Paper::Letter),
            "a4" => Ok(Paper::A4),
            _ => Err(format!(
                "paper: unknown paper size `{s}`; allowed: letter, a4"
            )),
        }
    }
}

/// Who the packet is for and how to print it. These are the only identifiers the packet
/// holds; the plan itself has none.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PacketOptions {
    /// The patient's name, as it should be printed. Required.
    pub patient_name: String,
    /// Date of birth, printed when given.
    pub date_of_birth: Option<NaiveDate>,
    /// Medical record number, printed when given.
    pub mrn: Option<String>,
    /// The surgeon's name.
    pub surgeon: Option<String>,
    /// The clinic's name.
    pub clinic_name: Option<String>,
    /// The spine office's phone number.
    pub clinic_phone: Option<String>,
    /// The after-hours number.
    pub after_hours_phone: Option<String>,
    /// The office's hours ("Mon-Fri 8 am to 5 pm"), printed in the "call the office" box.
    pub office_hours: Option<String>,
    /// Paper size.
    pub paper: Paper,
    /// Body text 16 pt or more instead of 12.5 pt.
    pub large_print: bool,
    /// The date printed in every footer.
    pub printed_on: NaiveDate,
    /// Where the plan's protocol came from: the care-team sheet says so, and the footer
    /// names the clinic's version and review date.
    pub protocol: ProtocolOrigin,
    /// For a packet in another language than the nurse's: the qualified medical translator's
    /// review of exactly the texts it prints, when one is recorded. The care-team sheet says
    /// who reviewed it, or that no one has.
    pub translation_review: Option<ReviewNote>,
}

/// Who reviewed a language's text, as the care-team sheet names them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewNote {
    /// The translator's name.
    pub reviewer: String,
    /// Their qualification.
    pub credential: String,
    /// The day of the review.
    pub on: NaiveDate,
}

/// Where a plan's protocol came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum ProtocolOrigin {
    /// Homeward's built-in protocol.
    #[default]
    BuiltIn,
    /// A protocol folder given on the command line (`--protocol DIR`): not one the clinic
    /// saved or approved.
    Folder(String),
    /// The clinic's own protocol version.
    Clinic(ClinicProtocol),
}

/// The clinic's own protocol version a packet was made with, and its review status: the
/// patient copy prints the version and review date, the care-team sheet says whether it is
/// approved and current.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClinicProtocol {
    /// The clinic's version number (1, 2, 3…).
    pub number: i64,
    /// Who approved it and on which day; `None` while unapproved.
    pub approved: Option<(String, NaiveDate)>,
    /// The day it is due for review; `None` while unapproved.
    pub review_due: Option<NaiveDate>,
}

/// Why a packet cannot be made. Messages name the field and what is allowed, and never
/// repeat the patient's data.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum PacketError {
    /// A field the packet needs is empty.
    #[error("{field}: is required")]
    Required {
        /// The field.
        field: &'static str,
    },
    /// A field is too long to print.
    #[error("{field}: is too long ({len} characters); the most is {max}")]
    TooLong {
        /// The field.
        field: &'static str,
        /// Its length.
        len: usize,
        /// The most allowed.
        max: usize,
    },
    /// A phone number has characters a phone number does not.
    #[error("{field}: `{value}` is not a phone number; use digits, spaces and + ( ) - . x")]
    BadPhone {
        /// The field.
        field: &'static str,
        /// What was given (a phone number is not a patient identifier).
        value: String,
    },
    /// A character no packet font can draw.
    #[error(
        "{field}: has a character the packet fonts cannot print (U+{codepoint:04X}); use Latin, Greek or Cyrillic letters"
    )]
    Unprintable {
        /// The field.
        field: &'static str,
        /// The first character that cannot be printed.
        codepoint: u32,
    },
    /// Right-to-left text, which the packet cannot lay out correctly yet.
    #[error(
        "{field}: right-to-left text (Arabic, Hebrew) cannot be printed correctly yet; please spell it in Latin letters"
    )]
    RightToLeft {
        /// The field.
        field: &'static str,
    },
    /// The plan's language has no packet wording.
    #[error("language: the packet has no wording in `{0}`")]
    Language(String),
}

/// Lays the packet out: pages of positioned runs, boxes and lines.
///
/// # Errors
/// Bad options (see [`PacketError`]); never for a valid plan.
pub fn layout(plan: &Plan, options: &PacketOptions) -> Result<Document, PacketError> {
    packet::build(plan, options)
}

/// Checks that a packet can be made from `plan` with `options`, without laying it out: the
/// patient, surgeon, clinic and MRN fields, the phones, and every line the nurse edited.
/// Fast enough to run on every keystroke.
///
/// # Errors
/// The first field that cannot be printed, named as for [`layout`] (edited lines as `edits`).
pub fn check(plan: &Plan, options: &PacketOptions) -> Result<(), PacketError> {
    packet::check(plan, options)
}

/// Lays out the care-team sheet: the basis of every number with its citation, the nurse
/// notes, what each factor changed, the teach-back checklist and an education summary for
/// the chart. A separate document from the packet; never for the patient.
///
/// # Errors
/// As [`layout`].
pub fn care_sheet_layout(plan: &Plan, options: &PacketOptions) -> Result<Document, PacketError> {
    packet::build_care_sheet(plan, options)
}

/// Lays out the care-team sheet and draws it as a PDF.
///
/// # Errors
/// As [`layout`].
pub fn render_care_sheet(plan: &Plan, options: &PacketOptions) -> Result<Vec<u8>, PacketError> {
    let doc = care_sheet_layout(plan, options)?;
    Ok(render::to_pdf(&doc, plan, options))
}

/// Lays the packet out and draws it as a PDF.
///
/// # Errors
/// As [`layout`].
pub fn render(plan: &Plan, options: &PacketOptions) -> Result<Vec<u8>, PacketError> {
    let doc = layout(plan, options)?;
    Ok(render::to_pdf(&doc, plan, options))
}
