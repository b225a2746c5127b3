//! Helpers shared by the pdf test binaries.

#![allow(dead_code)]

use chrono::NaiveDate;
use homeward_core::{BookedVisit, JobDemand, Plan, PlanInput, default_protocol, plan};
use homeward_pdf::{Document, PacketOptions, Page, Paper};

/// A date from a literal.
pub fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("valid")
}

/// A full set of packet options for the patient `name` (a clinic with both phones, a
/// surgeon, a date of birth and an MRN).
pub fn options(name: &str, paper: Paper, large: bool) -> PacketOptions {
    PacketOptions {
        patient_name: name.to_owned(),
        date_of_birth: Some(date("1958-03-09")),
        mrn: Some("MRN-0042".to_owned()),
        surgeon: Some("Dr. Ana Rivera".to_owned()),
        clinic_name: Some("Riverside Spine Center".to_owned()),
        clinic_phone: Some("(555) 201-3300".to_owned()),
        after_hours_phone: Some("(555) 201-3399".to_owned()),
        office_hours: None,
        paper,
        large_print: large,
        printed_on: date("2026-12-03"),
        protocol: homeward_pdf::ProtocolOrigin::BuiltIn,
        translation_review: None,
    }
}

/// Issue 10's page-budget case: a 2-level lumbar fusion, nicotine, diabetes, a heavy job.
pub fn complex_fusion() -> PlanInput {
    PlanInput {
        procedure: "lumbar-fusion".to_owned(),
        levels: Some(2),
        factors: ["nicotine", "diabetes"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect(),
        job: Some(JobDemand::Heavy),
        surgery_date: date("2026-12-01"),
        discharge_date: Some(date("2026-12-03")),
        language: None,
        booked: Vec::new(),
    }
}

pub fn make(
    procedure: &str,
    factors: &[&str],
    job: Option<JobDemand>,
    booked: Vec<BookedVisit>,
) -> Plan {
    let p = default_protocol().expect("protocol");
    let input = PlanInput {
        procedure: procedure.to_owned(),
        levels: None,
        factors: factors.iter().map(|s| (*s).to_owned()).collect(),
        job,
        surgery_date: date("2026-12-01"),
        discharge_date: Some(date("2026-12-03")),
        language: None,
        booked,
    };
    plan(&p, &input).expect("plan")
}

/// A page's text with line breaks as spaces, so a wrapped sentence reads whole.
pub fn flat(page: &Page) -> String {
    page.texts()
        .map(|t| t.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn all_text(doc: &Document) -> String {
    doc.pages.iter().map(flat).collect::<Vec<_>>().join(" ")
}

/// The body as read from page to page: without the footers and the "(continued)" heads a
/// page or column starts with, so an item carried over reads whole.
pub fn reading_text(doc: &Document) -> String {
    doc.pages
        .iter()
        .flat_map(|p| p.texts())
        .map(|t| t.text.as_str())
        .filter(|t| {
            let footer = (t.starts_with("Page ") && t.contains(" of "))
                || (t.starts_with("Página ") && t.contains(" de "));
            let carried = t.ends_with("(continued)") || t.ends_with("(sigue)");
            !footer && !carried
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn every_case() -> Vec<Plan> {
    let p = default_protocol().expect("protocol");
    let all: Vec<&str> = p.factors.iter().map(|f| f.id.as_str()).collect();
    p.procedures
        .iter()
        .flat_map(|proc| {
            [
                make(&proc.id, &all, Some(JobDemand::Heavy), Vec::new()),
                make(&proc.id, &[], None, Vec::new()),
            ]
        })
        .collect()
}
