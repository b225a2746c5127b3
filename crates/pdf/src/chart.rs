//! The chart note: the care-team sheet's education summary as plain text the nurse pastes
//! into the health record, with what only the nurse knows after teaching (the teach-back
//! result, an interpreter) and the dates the patient was given. Always in the nurse's
//! language, whatever the packet's.

use chrono::NaiveDate;
use homeward_core::Plan;
use serde::{Deserialize, Serialize};

use crate::dates::{EventKind, key_events};
use crate::text::{NURSE_LANGUAGE, Words, fill, words};
use crate::{PacketError, PacketOptions};

/// How the teach-back went, as the nurse records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TeachBack {
    /// The patient or caregiver said back every item on the checklist.
    Complete,
    /// Some items were missed and taught again.
    Partial,
    /// Teach-back was not done.
    NotDone,
}

impl TeachBack {
    /// The values a nurse may give, as typed.
    pub const ALLOWED: &'static str = "complete, partial, not-done";

    /// Parses `complete`, `partial` or `not-done`.
    ///
    /// # Errors
    /// Anything else, naming what is allowed.
    pub fn parse(s: &str) -> Result<TeachBack, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "complete" => Ok(TeachBack::Complete),
            "partial" => Ok(TeachBack::Partial),
            "not-done" => Ok(TeachBack::NotDone),
            _ => Err(format!(
                "teach-back: unknown result `{s}`; allowed: {}",
                Self::ALLOWED
            )),
        }
    }

    /// The FHIR-friendly code (the same as typed).
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            TeachBack::Complete => "complete",
            TeachBack::Partial => "partial",
            TeachBack::NotDone => "not-done",
        }
    }
}

/// What the nurse records about the teaching itself: none of it prints on the packet.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Teaching {
    /// The teach-back result, when recorded.
    pub teach_back: Option<TeachBack>,
    /// The interpreter who helped (name or ID number), when one did.
    pub interpreter: Option<String>,
}

/// The most characters an interpreter's name or number may have.
const MAX_INTERPRETER: usize = 80;

impl Teaching {
    /// Checks the interpreter field.
    ///
    /// # Errors
    /// Too long, or a control character.
    pub fn check(&self) -> Result<(), PacketError> {
        if let Some(i) = &self.interpreter {
            let len = i.chars().count();
            if len > MAX_INTERPRETER {
                return Err(PacketError::TooLong {
                    field: "interpreter",
                    len,
                    max: MAX_INTERPRETER,
                });
            }
            if let Some(c) = i.chars().find(|c| c.is_control()) {
                return Err(PacketError::Unprintable {
                    field: "interpreter",
                    codepoint: c as u32,
                });
            }
        }
        Ok(())
    }

    /// The result as the chart note words it.
    #[must_use]
    pub fn result_text(&self) -> String {
        let w = nurse_words();
        match self.teach_back {
            Some(TeachBack::Complete) => w.care_teachback_complete.clone(),
            Some(TeachBack::Partial) => w.care_teachback_partial.clone(),
            Some(TeachBack::NotDone) => w.care_teachback_not_done.clone(),
            None => w.care_teachback_unrecorded.clone(),
        }
    }
}

fn nurse_words() -> &'static Words {
    words(NURSE_LANGUAGE).expect("the nurse's wording is built in (tested)")
}

/// The education summary: what was taught, with which packet, in the nurse's language. The
/// care-team sheet prints it; the chart note and the chart's record of the teaching carry
/// it.
#[must_use]
pub fn education_summary(plan: &Plan, printed_on: NaiveDate) -> String {
    let w = nurse_words();
    let p = plan;
    // The chart's names are in the nurse's language, whatever the packet's.
    let (procedure, topics, factors): (&str, Vec<&str>, Vec<&str>) = match &p.chart {
        Some(c) => (
            &c.procedure,
            c.topics.iter().map(String::as_str).collect(),
            c.factors.iter().map(String::as_str).collect(),
        ),
        None => (
            &p.procedure.name,
            p.sections.iter().map(|s| s.title.as_str()).collect(),
            p.factors.iter().map(|f| f.label.as_str()).collect(),
        ),
    };
    fill(
        &w.care_summary,
        &[
            ("date", &w.date(printed_on)),
            ("procedure", procedure),
            ("version", &p.protocol_version),
            ("signs", &p.warning_signs.len().to_string()),
            ("topics", &topics.join(", ")),
            (
                "factors",
                &if factors.is_empty() {
                    w.care_none.clone()
                } else {
                    factors.join(", ")
                },
            ),
        ],
    )
}

/// The chart note for a packet made from `plan` with `options`: the education summary, the
/// packet's language, the interpreter and the teach-back result, then every date the
/// patient was given, one per line. Plain text in the nurse's language, ending in a newline.
///
/// # Errors
/// The packet's own field checks (see [`crate::check`]) and the interpreter field.
pub fn chart_note(
    plan: &Plan,
    options: &PacketOptions,
    teaching: &Teaching,
) -> Result<String, PacketError> {
    crate::check(plan, options)?;
    teaching.check()?;
    let w = nurse_words();
    let mut lines = vec![w.care_chart_title.clone()];
    let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    lines.push(fill(
        &w.care_chart_patient,
        &[("name", &one_line(&options.patient_name))],
    ));
    if let Some(d) = options.date_of_birth {
        lines.push(fill(&w.care_chart_dob, &[("date", &w.plain_date(d))]));
    }
    if let Some(m) = options
        .mrn
        .as_deref()
        .map(one_line)
        .filter(|m| !m.is_empty())
    {
        lines.push(fill(&w.care_chart_mrn, &[("mrn", &m)]));
    }
    lines.push(String::new());
    lines.push(education_summary(plan, options.printed_on));
    let language = w
        .care_language_names
        .get(&plan.language)
        .cloned()
        .unwrap_or_else(|| plan.language.clone());
    lines.push(fill(&w.care_chart_language, &[("language", &language)]));
    lines.push(match teaching.interpreter.as_deref().map(one_line) {
        Some(i) if !i.is_empty() => fill(&w.care_chart_interpreter, &[("interpreter", &i)]),
        _ => w.care_chart_no_interpreter.clone(),
    });
    lines.push(fill(
        &w.care_chart_teachback,
        &[("result", &teaching.result_text())],
    ));
    lines.push(String::new());
    lines.push(w.care_chart_dates.clone());
    // The labels in the nurse's words; a phase start is named by its number.
    let mut dates: Vec<(NaiveDate, String)> = key_events(plan, w, None)
        .into_iter()
        .map(|e| {
            let what = match e.kind {
                EventKind::Visit(i) if plan.follow_ups.get(i).is_some_and(|v| v.booked) => {
                    fill(&w.care_chart_visit_booked, &[("visit", &e.label)])
                }
                EventKind::Visit(_) => fill(&w.care_chart_visit_to_book, &[("visit", &e.label)]),
                _ => e.label,
            };
            (e.date, what)
        })
        .collect();
    for (i, ph) in plan.phases.iter().enumerate().skip(1) {
        dates.push((
            ph.start_date,
            fill(&w.cal_phase, &[("n", &(i + 1).to_string())]),
        ));
    }
    dates.sort_by_key(|d| d.0);
    for (d, what) in dates {
        lines.push(fill(
            &w.care_chart_date,
            &[("date", &w.weekday_date(d)), ("what", &what)],
        ));
    }
    let mut note = lines.join("\n");
    note.push('\n');
    Ok(note)
}
