//! Validation of a procedure's phases: contiguous from day 0, limits that never drop, late
//! starts that keep the order, gates on visit days, and lines that read right under their
//! headings.

use std::collections::BTreeSet;

use super::Protocol;
use super::procedure::Procedure;
use super::rules::{Cx, activity_name, prohibitions};
use super::schema::Activity;
use crate::error::ProtocolError;

/// The latest day a protocol may name: ten years after surgery. Far beyond any recovery
/// plan, and it keeps every date the engine computes within the calendar.
pub(super) const MAX_DAY: u32 = 3650;
pub(super) const MAX_DAY_MESSAGE: &str =
    "must be at most 3650 (ten years after surgery); days count from the surgery date";

impl Protocol {
    pub(super) fn validate_phases(&self, cx: &Cx<'_>, p: &Procedure) -> Result<(), ProtocolError> {
        if p.phase.is_empty() {
            return Err(cx.err("phase", "a procedure needs at least one phase"));
        }
        let visits: Vec<u32> = p.follow_up.iter().map(|v| v.day).collect();
        let mut prev_start = None;
        let mut prev_late: Option<u32> = None;
        let mut prev_limit: Option<u32> = None;
        let last = p.phase.len() - 1;
        for (i, ph) in p.phase.iter().enumerate() {
            let f = format!("phase[{i}]");
            for (field, day) in [
                ("start_day", Some(ph.start_day)),
                ("late_start_day", ph.late_start_day),
                ("end_day", ph.end_day),
            ] {
                if day.is_some_and(|d| d > MAX_DAY) {
                    return Err(cx.err(format!("{f}.{field}"), MAX_DAY_MESSAGE));
                }
            }
            if i == 0 && ph.gate.is_some() {
                return Err(cx.err(
                    format!("{f}.gate"),
                    "the first phase cannot wait for a visit",
                ));
            }
            if i == 0 && ph.late_start_day.is_some() {
                return Err(cx.err(
                    format!("{f}.late_start_day"),
                    "the first phase starts on the surgery date; it cannot start later",
                ));
            }
            match prev_start {
                None if ph.start_day != 0 => {
                    return Err(cx.err(
                        format!("{f}.start_day"),
                        "the first phase must start on day 0 (the surgery date)",
                    ));
                }
                Some(prev) if ph.start_day <= prev => {
                    return Err(cx.err(
                        format!("{f}.start_day"),
                        format!("must be after the previous phase's start (day {prev})"),
                    ));
                }
                _ => {}
            }
            prev_start = Some(ph.start_day);
            match (ph.late_start_day, &ph.late_source) {
                (Some(late), Some(src)) => {
                    if late < ph.start_day {
                        return Err(cx.err(
                            format!("{f}.late_start_day"),
                            "must not be before start_day",
                        ));
                    }
                    self.source(cx, &format!("{f}.late_source"), src)?;
                }
                (None, None) => {}
                _ => {
                    return Err(cx.err(
                        format!("{f}.late_source"),
                        "late_start_day and late_source go together",
                    ));
                }
            }
            let late_start = ph.late_start_day.unwrap_or(ph.start_day);
            if let Some(prev) = prev_late
                && late_start <= prev
            {
                // Name the field that is written: this phase's late start, or else the
                // previous phase's, which reaches past this phase's start.
                let field = if ph.late_start_day.is_some() {
                    format!("{f}.late_start_day")
                } else {
                    format!("phase[{}].late_start_day", i - 1)
                };
                return Err(cx.err(
                    field,
                    format!(
                        "with limits held, phase {i} would not start after phase {} (day {prev})",
                        i - 1
                    ),
                ));
            }
            prev_late = Some(late_start);
            if let Some(gate) = &ph.gate {
                cx.text(&format!("{f}.gate"), gate)?;
                for day in [ph.start_day, late_start] {
                    if !visits.contains(&day) {
                        return Err(cx.err(
                            format!("{f}.gate"),
                            format!("a gated phase waits for a visit, so it must start on a follow-up day; day {day} has none"),
                        ));
                    }
                }
            }
            if let Some(end) = ph.end_day {
                if i != last {
                    return Err(cx.err(
                        format!("{f}.end_day"),
                        "only the last phase may set end_day; the others end where the next begins",
                    ));
                }
                if end < late_start {
                    return Err(cx.err(
                        format!("{f}.end_day"),
                        "must not be before start_day, nor before late_start_day",
                    ));
                }
            }
            cx.text(&format!("{f}.name"), &ph.name)?;
            if prev_limit == Some(u32::MAX) && ph.lifting_limit_lb.is_some() {
                return Err(cx.err(
                    format!("{f}.lifting_limit_lb"),
                    "a phase after one with no limit cannot set a limit again",
                ));
            }
            // A gate holds back a step-up; on a phase whose limit does not rise it would hold
            // back nothing the patient reads, yet delay full duty.
            let raises = prev_limit.is_some_and(|p| ph.lifting_limit_lb.unwrap_or(u32::MAX) > p);
            match (ph.lifting_limit_lb, &ph.lifting_source) {
                (Some(lb), Some(src)) => {
                    if lb == 0 {
                        return Err(
                            cx.err(format!("{f}.lifting_limit_lb"), "must be at least 1 pound")
                        );
                    }
                    if prev_limit.is_some_and(|p| lb < p) {
                        return Err(cx.err(
                            format!("{f}.lifting_limit_lb"),
                            "must not be lower than an earlier phase's limit",
                        ));
                    }
                    self.source(cx, &format!("{f}.lifting_source"), src)?;
                    prev_limit = Some(lb);
                }
                (None, None) => prev_limit = Some(u32::MAX),
                (Some(_), None) => {
                    return Err(cx.err(
                        format!("{f}.lifting_source"),
                        "a lifting limit needs its source id",
                    ));
                }
                (None, Some(_)) => {
                    return Err(cx.err(
                        format!("{f}.lifting_limit_lb"),
                        "a lifting source is given but no limit",
                    ));
                }
            }
            if ph.gate.is_some() && !raises {
                return Err(cx.err(
                    format!("{f}.gate"),
                    "only a phase that raises or ends the lifting limit can wait for a visit",
                ));
            }
            self.items(cx, &format!("{f}.goal"), &ph.goal)?;
            self.items(cx, &format!("{f}.can"), &ph.can)?;
            self.items(cx, &format!("{f}.avoid"), &ph.avoid)?;
            prohibitions(cx, &format!("{f}.avoid"), &ph.avoid, true)?;
            prohibitions(cx, &format!("{f}.can"), &ph.can, false)?;
            prohibitions(cx, &format!("{f}.goal"), &ph.goal, false)?;
            let covered: BTreeSet<Activity> = ph
                .goal
                .iter()
                .chain(&ph.can)
                .chain(&ph.avoid)
                .map(|it| it.activity)
                .collect();
            for a in Activity::REQUIRED {
                if !covered.contains(&a) {
                    return Err(cx.err(f.clone(), format!("says nothing about `{}`; every phase must cover walking, bending, sitting, bathing, sleep, sex and exercise", activity_name(a))));
                }
            }
            for it in ph.goal.iter().chain(&ph.can).chain(&ph.avoid) {
                if it.activity == Activity::Driving {
                    return Err(cx.err(
                        f.clone(),
                        "driving lines are written by the engine from [driving]; remove this one",
                    ));
                }
            }
        }

        if p.phase[last].lifting_limit_lb.is_some() {
            return Err(cx.err(
                format!("phase[{last}].lifting_limit_lb"),
                "the last phase must end every lifting limit (gate it on a visit if needed), so full duty has a date for every job",
            ));
        }
        Ok(())
    }
}
