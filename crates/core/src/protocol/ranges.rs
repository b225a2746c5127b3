//! Published ranges: what the protocol's published sources say a timing may be, and the
//! values set outside them.
//!
//! A timing may carry `range = { min, max, sources }`, where the sources are published ones
//! (not Homeward's or a clinic's own defaults). A day outside its range is allowed only with
//! a written `outside_range_reason` beside it, and every such value is listed by
//! [`Protocol::variations`] (`homeward protocol check` prints them; the app shows them).

use serde::{Deserialize, Serialize};

use super::procedure::Timing;
use super::rules::Cx;
use super::schema::CLINIC_DEFAULT;
use super::{Layer, Protocol};
use crate::error::ProtocolError;

/// The range published sources give for a timing, in days after surgery; either end may be
/// open when the sources give only one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PublishedRange {
    /// The earliest day the sources give.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<u32>,
    /// The latest day the sources give.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<u32>,
    /// The published sources that give it.
    pub sources: Vec<String>,
}

impl PublishedRange {
    /// Whether `day` is inside the range.
    #[must_use]
    pub fn contains(&self, day: u32) -> bool {
        self.min.is_none_or(|m| day >= m) && self.max.is_none_or(|m| day <= m)
    }

    /// The range in words: "days 14 to 91", "day 14 or later", "day 91 or earlier".
    #[must_use]
    pub fn describe(&self) -> String {
        match (self.min, self.max) {
            (Some(a), Some(b)) => format!("days {a} to {b}"),
            (Some(a), None) => format!("day {a} or later"),
            (None, Some(b)) => format!("day {b} or earlier"),
            (None, None) => "no range".to_owned(),
        }
    }
}

/// A timing set outside its published range, with the reason written for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Variation {
    /// The procedure.
    pub procedure: String,
    /// The timing (`driving`, `pt.start`, `return_to_work.heavy`).
    pub field: String,
    /// The day set.
    pub day: u32,
    /// The published range it is outside.
    pub range: PublishedRange,
    /// Why the clinic or the surgeon chose it.
    pub reason: String,
    /// Who set the day: `None` for the protocol itself (the clinic's folder as given).
    pub layer: Option<Layer>,
}

impl Protocol {
    /// Checks a timing's published range: real published sources, ends in order, and the
    /// day inside it or a written reason for leaving it.
    pub(super) fn validate_range(
        &self,
        cx: &Cx<'_>,
        field: &str,
        t: &Timing,
    ) -> Result<(), ProtocolError> {
        if t.outside_range_reason
            .as_deref()
            .is_some_and(|r| r.trim().is_empty())
        {
            return Err(cx.err(
                format!("{field}.outside_range_reason"),
                "write the reason out, or remove the key",
            ));
        }
        let Some(r) = &t.range else {
            return Ok(());
        };
        let f = format!("{field}.range");
        if r.min.is_none() && r.max.is_none() {
            return Err(cx.err(f, "give min, max or both (days after surgery)"));
        }
        if let (Some(a), Some(b)) = (r.min, r.max)
            && a > b
        {
            return Err(cx.err(f, format!("min ({a}) is after max ({b})")));
        }
        if r.sources.is_empty() {
            return Err(cx.err(
                format!("{f}.sources"),
                "name the published sources that give this range",
            ));
        }
        for (i, id) in r.sources.iter().enumerate() {
            let sf = format!("{f}.sources[{i}]");
            self.source(cx, &sf, id)?;
            let kind = self.sources.get(id).map_or("", |s| s.kind.as_str());
            if kind == CLINIC_DEFAULT || kind == "orders" {
                return Err(cx.err(
                    sf,
                    format!(
                        "`{id}` is a {kind}; a published range cites published sources (a study, review, survey, guideline, reference or web page)"
                    ),
                ));
            }
        }
        // The later end too: a risk factor moves the day there.
        for (key, day) in [("day", Some(t.day)), ("late_day", t.late_day)] {
            let Some(day) = day else { continue };
            if !r.contains(day) && t.outside_range_reason.is_none() {
                return Err(cx.err(
                    format!("{field}.{key}"),
                    format!(
                        "day {day} is outside the published range ({}; {}); keep it only with `outside_range_reason` saying why",
                        r.describe(),
                        r.sources.join(", ")
                    ),
                ));
            }
        }
        Ok(())
    }

    /// Every timing set outside its published range, with its reason and who set it.
    #[must_use]
    pub fn variations(&self) -> Vec<Variation> {
        let mut out = Vec::new();
        for p in &self.procedures {
            let mut timings: Vec<(String, &Timing)> = vec![
                ("pt.start".to_owned(), &p.pt.start),
                ("driving".to_owned(), &p.driving),
            ];
            for job in super::JobDemand::ALL {
                timings.push((
                    format!("return_to_work.{}", job.id().replace('-', "_")),
                    p.return_to_work.get(job),
                ));
            }
            for (field, t) in timings {
                let (Some(range), Some(reason)) = (&t.range, &t.outside_range_reason) else {
                    continue;
                };
                if range.contains(t.day) && t.late_day.is_none_or(|l| range.contains(l)) {
                    continue;
                }
                let day_field = if field == "pt.start" {
                    "pt.start.day".to_owned()
                } else {
                    format!("{field}.day")
                };
                let layer = p
                    .set_by
                    .iter()
                    .find(|s| s.field == day_field)
                    .map(|s| s.layer.clone());
                // The day outside: the usual one, else the later end.
                let day = match t.late_day {
                    Some(l) if range.contains(t.day) => l,
                    _ => t.day,
                };
                out.push(Variation {
                    procedure: p.id.clone(),
                    field,
                    day,
                    range: range.clone(),
                    reason: reason.clone(),
                    layer,
                });
            }
        }
        out
    }
}
