//! Helpers shared by the core test binaries.

#![allow(dead_code)]

use std::collections::BTreeSet;

use chrono::NaiveDate;
use homeward_core::{
    JobDemand, Plan, PlanInput, Protocol, ProtocolError, default_protocol, default_protocol_files,
    plan,
};

/// The bundled protocol; panics with the loader's message if it is invalid.
pub fn protocol() -> Protocol {
    default_protocol().unwrap_or_else(|e| panic!("the bundled protocol must load: {e}"))
}

/// A date from a literal.
pub fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test dates are valid")
}

/// A plan input with no risk factors.
pub fn input(procedure: &str, levels: Option<u8>, job: Option<JobDemand>) -> PlanInput {
    PlanInput {
        procedure: procedure.to_owned(),
        levels,
        factors: BTreeSet::new(),
        job,
        surgery_date: date("2026-12-01"),
        discharge_date: Some(date("2026-12-02")),
        language: None,
        booked: Vec::new(),
    }
}

/// Builds a plan or panics with the error.
pub fn must_plan(p: &Protocol, i: &PlanInput) -> Plan {
    plan(p, i).unwrap_or_else(|e| panic!("plan for {i:?} failed: {e}"))
}

/// Every sentence in a plan that the patient reads, grouped by packet section.
pub fn patient_text(plan: &Plan) -> Vec<(&'static str, Vec<String>)> {
    let mut phases = Vec::new();
    for ph in &plan.phases {
        phases.push(ph.name.clone());
        for l in ph.restrictions.iter().chain(&ph.allowed).chain(&ph.goals) {
            phases.push(l.text.clone());
        }
    }
    let signs = plan.warning_signs.iter().map(|w| w.text.clone()).collect();
    let normal = plan.normal.iter().map(|l| l.text.clone()).collect();
    let pt = plan.pt_focus.iter().map(|l| l.text.clone()).collect();
    let mut factors: Vec<String> = plan.factors.iter().map(|f| f.why.clone()).collect();
    for s in &plan.sections {
        factors.push(s.title.clone());
        factors.extend(s.why.iter().chain(&s.lines).map(|l| l.text.clone()));
    }
    let mut about = vec![
        plan.procedure.patient_name.clone(),
        plan.procedure.summary.clone(),
    ];
    about.extend(plan.follow_ups.iter().map(|f| f.purpose.clone()));
    vec![
        ("about", about),
        ("phases", phases),
        ("physical therapy", pt),
        ("warning signs", signs),
        ("what is normal", normal),
        ("teaching sections", factors),
    ]
}

/// The parts of an `Invalid` protocol error: (file, procedure, field, message); panics on
/// any other outcome.
pub fn invalid(r: Result<Protocol, ProtocolError>) -> (String, Option<String>, String, String) {
    match r {
        Err(ProtocolError::Invalid {
            file,
            procedure,
            field,
            message,
        }) => (file, procedure, field, message),
        Err(other) => panic!("expected an Invalid error, got {other}"),
        Ok(_) => panic!("expected an error, the protocol loaded"),
    }
}

/// The bundled files with one file's text changed by `edit`.
pub fn load_with(file: &str, edit: impl Fn(&str) -> String) -> Result<Protocol, ProtocolError> {
    let files: Vec<(String, String)> = default_protocol_files()
        .iter()
        .map(|(path, text)| {
            (
                (*path).to_owned(),
                if *path == file {
                    edit(text)
                } else {
                    (*text).to_owned()
                },
            )
        })
        .collect();
    Protocol::from_files(files.iter().map(|(a, b)| (a.as_str(), b.as_str())))
}
