//! A plan's phases, dated: their lifting line (gated on a visit where the protocol says so),
//! one driving line from the driving milestone, and their own lines.

use chrono::{Datelike, NaiveDate};

use super::types::{Line, Milestone, PlanPhase};
use crate::protocol::{Activity, FactorRule, ItemDef, PhaseDef, Procedure, Protocol};

/// The day each phase starts: its `late_start_day` when factors hold the limits.
fn starts(proc: &Procedure, held: bool) -> Vec<u32> {
    proc.phase
        .iter()
        .map(|ph| match ph.late_start_day {
            Some(late) if held => late,
            _ => ph.start_day,
        })
        .collect()
}

/// The lifting line of phase `i`, and whether it is a restriction (else it is allowed).
fn lifting_line(protocol: &Protocol, proc: &Procedure, i: usize, lang: &str) -> (Line, bool) {
    let t = &protocol.text;
    let ph = &proc.phase[i];
    let prev = i
        .checked_sub(1)
        .and_then(|p| proc.phase[p].lifting_limit_lb);
    let gate = ph.gate.as_ref().map(|g| g.get(lang));
    // With no set limit, the line rests on the source of the last limit.
    let last_source = || {
        proc.phase[..i]
            .iter()
            .rev()
            .find_map(|p| p.lifting_source.clone())
            .unwrap_or_else(|| proc.summary_source.clone())
    };
    let prev_vars = |lb: u32| {
        [
            ("prev_lb", lb.to_string()),
            ("prev_kg", format_kg(lb_to_kg(lb))),
        ]
    };
    let (text, source, restriction) = match (ph.lifting_limit_lb, &ph.lifting_source) {
        (Some(lb), Some(src)) => {
            let now = [("lb", lb.to_string()), ("kg", format_kg(lb_to_kg(lb)))];
            let mut text = match (gate, prev) {
                (Some(gate), Some(prev)) if prev < lb => {
                    let mut vars: Vec<(&str, String)> = prev_vars(prev).to_vec();
                    vars.extend(now);
                    vars.push(("gate", gate.to_owned()));
                    fill(&t.lifting_limit_gated, lang, &vars)
                }
                _ => fill(&t.lifting_limit, lang, &now),
            };
            // The comparison pictures the limit the line ends on (after a gated step-up, the
            // new one), and is never heavier than it.
            if let Some(c) = protocol
                .lifting_comparisons
                .iter()
                .rfind(|c| c.weight_lb <= f64::from(lb))
            {
                text.push(' ');
                text.push_str(c.text.get(lang));
            }
            (text, src.clone(), true)
        }
        _ => match (gate, prev) {
            (Some(gate), Some(prev)) => {
                let mut vars: Vec<(&str, String)> = prev_vars(prev).to_vec();
                vars.push(("gate", gate.to_owned()));
                (
                    fill(&t.lifting_no_limit_gated, lang, &vars),
                    last_source(),
                    true,
                )
            }
            _ => (
                t.lifting_no_limit.get(lang).to_owned(),
                last_source(),
                false,
            ),
        },
    };
    let line = Line {
        activity: Some(Activity::Lifting),
        text,
        source,
        edited: false,
        bounded_by: Vec::new(),
    };
    (line, restriction)
}

fn fill(text: &crate::text::Text, lang: &str, vars: &[(&str, String)]) -> String {
    let vars: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
    text.fill(lang, &vars)
}

/// Builds the dated phases. `held` names the factors holding the limits (empty: none).
pub(super) fn build(
    protocol: &Protocol,
    proc: &Procedure,
    rules: &[&FactorRule],
    held: &[String],
    driving: &Milestone,
    lang: &str,
    date: &dyn Fn(u32) -> NaiveDate,
) -> Vec<PlanPhase> {
    let item = |it: &ItemDef| Line {
        activity: Some(it.activity),
        text: it.text.get(lang).to_owned(),
        source: it.source.clone(),
        edited: false,
        bounded_by: Vec::new(),
    };
    let t = &protocol.text;
    let driving_date = format_date(protocol, lang, driving.date);
    // A procedure's own condition on driving (a brace, a neck collar) joins every driving line.
    let with_condition = |line: String| match &proc.driving.condition {
        Some(c) => format!("{line} {}", c.get(lang)),
        None => line,
    };
    let starts = starts(proc, !held.is_empty());
    proc.phase
        .iter()
        .enumerate()
        .map(|(i, ph): (usize, &PhaseDef)| {
            let start_day = starts[i];
            let end_day = starts.get(i + 1).map(|next| next - 1).or(ph.end_day);
            let mut restrictions = Vec::new();
            let mut allowed: Vec<Line> = Vec::new();
            let (lifting, is_restriction) = lifting_line(protocol, proc, i, lang);
            let lifting_source = Some(lifting.source.clone());
            if is_restriction {
                restrictions.push(lifting);
            } else {
                allowed.push(lifting);
            }
            // Driving: one line per phase, from the driving milestone, so every phase agrees
            // with the date the plan states.
            let drive_line = if end_day.is_some_and(|e| e < driving.day) {
                Some(t.driving_not_yet.fill(lang, &[("date", &driving_date)]))
            } else if start_day < driving.day {
                Some(t.driving_from.fill(lang, &[("date", &driving_date)]))
            } else {
                None
            };
            allowed.extend(ph.can.iter().map(item));
            let restricted = drive_line.is_some();
            let drive = Line {
                activity: Some(Activity::Driving),
                text: with_condition(
                    drive_line.unwrap_or_else(|| t.driving_ok.get(lang).to_owned()),
                ),
                source: driving.source.clone(),
                edited: false,
                bounded_by: Vec::new(),
            };
            if restricted {
                restrictions.push(drive);
            } else {
                allowed.push(drive);
            }
            restrictions.extend(ph.avoid.iter().map(item));
            for r in rules {
                restrictions.extend(r.avoid.iter().map(item));
            }
            PlanPhase {
                name: ph.name.get(lang).to_owned(),
                start_day,
                end_day,
                start_date: date(start_day),
                end_date: end_day.map(date),
                lifting_limit_lb: ph.lifting_limit_lb,
                lifting_source,
                lifting_limit_kg: ph.lifting_limit_lb.map(lb_to_kg),
                gate: ph.gate.as_ref().map(|g| g.get(lang).to_owned()),
                moved_later_by: if start_day == ph.start_day {
                    Vec::new()
                } else {
                    held.to_vec()
                },
                restrictions,
                allowed,
                goals: ph.goal.iter().map(item).collect(),
            }
        })
        .collect()
}

/// Pounds to whole kilograms, rounded down so the kilogram figure never allows more than
/// the pound figure (and a grade-6 reader gets a whole number).
fn lb_to_kg(lb: u32) -> f64 {
    (f64::from(lb) * 0.453_592_37).floor()
}

/// A kilogram figure as printed: whole numbers without a decimal ("11"), halves with one
/// ("4.5").
#[must_use]
pub fn format_kg(kg: f64) -> String {
    if kg.fract() == 0.0 {
        format!("{kg:.0}")
    } else {
        format!("{kg:.1}")
    }
}

/// Writes a date in words in `lang`, e.g. "Tuesday, December 1, 2026".
#[must_use]
pub fn format_date(protocol: &Protocol, lang: &str, d: NaiveDate) -> String {
    let t = &protocol.text;
    let month = t.months[d.month0() as usize].get(lang);
    let weekday = t.weekdays[d.weekday().num_days_from_monday() as usize].get(lang);
    t.date.fill(
        lang,
        &[
            ("weekday", weekday),
            ("month", month),
            ("day", &d.day().to_string()),
            ("year", &d.year().to_string()),
        ],
    )
}
