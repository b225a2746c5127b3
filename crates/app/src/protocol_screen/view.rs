//! The screen's rows: a procedure's numbers and lines with their sources, ranges and who
//! set them, the variation report and the clinic's versions.

use chrono::NaiveDate;
use homeward_core::Protocol;
use homeward_store::CLINIC_LAYER;

use super::{CLINIC, LineRow, NumberRow, PhaseRow, ProtocolScreen, VersionRow, who};
use crate::error::FieldError;
use crate::{App, AppError};

/// The screen's rows for `procedure` in the protocol `p` (a layer already applied over
/// `base`, the clinic's protocol, whose variation report is shown).
pub(super) fn screen_of(
    base: &Protocol,
    p: &Protocol,
    procedure: &str,
    layer: &str,
    app: &App,
    today: NaiveDate,
) -> Result<ProtocolScreen, AppError> {
    let pr = p.procedure(procedure).ok_or_else(|| {
        AppError::fields(vec![FieldError {
            field: "procedure".to_owned(),
            message: format!(
                "unknown procedure `{procedure}`; allowed: {}",
                p.procedures
                    .iter()
                    .map(|x| x.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }])
    })?;
    let set_by = |field: &str| {
        pr.set_by
            .iter()
            .find(|s| s.field == field)
            .map(|s| who(&s.layer))
    };
    let citation = |id: &str| {
        p.sources
            .get(id)
            .map_or_else(String::new, |s| s.citation.clone())
    };
    let mut numbers = Vec::new();
    let mut row = |field: String,
                   label: String,
                   value: Option<u32>,
                   unit: &str,
                   source: &str,
                   t: Option<&homeward_core::Timing>,
                   editable: bool| {
        let range = t.and_then(|t| t.range.as_ref());
        numbers.push(NumberRow {
            set_by: set_by(&field),
            field,
            label,
            value,
            unit: unit.to_owned(),
            source: source.to_owned(),
            citation: citation(source),
            range: range.map(|r| format!("{} ({})", r.describe(), r.sources.join(", "))),
            range_min: range.and_then(|r| r.min),
            range_max: range.and_then(|r| r.max),
            outside_range_reason: t
                .filter(|t| range.is_some_and(|r| !r.contains(t.day)))
                .and_then(|t| t.outside_range_reason.clone()),
            editable,
        });
    };
    for (i, ph) in pr.phase.iter().enumerate() {
        let name = ph.name.get("en");
        row(
            format!("phase[{i}].start_day"),
            format!("Phase {}, {name}: starts on day", i + 1),
            Some(ph.start_day),
            "day",
            "",
            None,
            i > 0,
        );
        row(
            format!("phase[{i}].lifting_limit_lb"),
            format!("Phase {}: lifting limit", i + 1),
            ph.lifting_limit_lb,
            "lb",
            ph.lifting_source.as_deref().unwrap_or(""),
            None,
            ph.lifting_limit_lb.is_some(),
        );
    }
    row(
        "pt.start.day".into(),
        "Physical therapy starts".into(),
        Some(pr.pt.start.day),
        "day",
        &pr.pt.start.source,
        Some(&pr.pt.start),
        true,
    );
    row(
        "driving.day".into(),
        "Driving allowed from".into(),
        Some(pr.driving.day),
        "day",
        &pr.driving.source,
        Some(&pr.driving),
        true,
    );
    // Full duty is worked out from the limits, so it is shown, not set.
    let plan = homeward_core::plan(
        p,
        &homeward_core::PlanInput {
            procedure: pr.id.clone(),
            levels: None,
            factors: Default::default(),
            job: None,
            surgery_date: today,
            discharge_date: None,
            language: None,
            booked: Vec::new(),
        },
    )
    .map_err(|e| AppError::message(e.to_string()))?;
    for w in &plan.return_to_work_by_job {
        let key = w.job.id().replace('-', "_");
        let t = pr.return_to_work.get(w.job);
        row(
            format!("return_to_work.{key}.day"),
            format!("Back to work, {}", w.job_name.to_lowercase()),
            Some(t.day),
            "day",
            &t.source,
            Some(t),
            true,
        );
        row(
            format!("full_duty.{key}"),
            format!("Full duty, {}", w.job_name.to_lowercase()),
            Some(w.full_duty.day),
            "day",
            &w.full_duty.source,
            None,
            false,
        );
    }
    for (i, v) in pr.follow_up.iter().enumerate() {
        row(
            format!("follow_up[{i}].day"),
            format!("Visit: {}", v.purpose.get("en")),
            Some(v.day),
            "day",
            &v.source,
            None,
            false,
        );
    }
    let mut lines = Vec::new();
    for (i, ph) in pr.phase.iter().enumerate() {
        for (list, items) in [("goal", &ph.goal), ("can", &ph.can), ("avoid", &ph.avoid)] {
            for it in items {
                let key = serde_json::to_value(it.activity)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default();
                lines.push(LineRow {
                    phase: i,
                    list: list.to_owned(),
                    activity: it.activity,
                    text: it.text.get("en").to_owned(),
                    text_es: it
                        .text
                        .languages()
                        .any(|l| l == "es")
                        .then(|| it.text.get("es").to_owned()),
                    source: it.source.clone(),
                    // A changed line has its text set; an added one is set whole.
                    set_by: set_by(&format!("phase[{i}].{list}[{key}].text"))
                        .or_else(|| set_by(&format!("phase[{i}].{list}[{key}]"))),
                });
            }
        }
    }
    let (variations, _) = crate::variations(base);
    let newest = app.store.protocol_versions(CLINIC_LAYER)?;
    let (status, warning) = app.protocol_status(today);
    Ok(ProtocolScreen {
        procedures: p
            .procedures
            .iter()
            .map(|x| (x.id.clone(), x.name.get("en").to_owned()))
            .collect(),
        layers: std::iter::once((CLINIC.to_owned(), "The clinic's protocol".to_owned()))
            .chain(
                p.surgeons
                    .iter()
                    .map(|s| (s.id.clone(), format!("{}'s orders", s.name))),
            )
            .collect(),
        procedure: pr.id.clone(),
        layer: layer.to_owned(),
        phases: pr
            .phase
            .iter()
            .enumerate()
            .map(|(index, ph)| PhaseRow {
                index,
                name: ph.name.get("en").to_owned(),
            })
            .collect(),
        numbers,
        lines,
        built_on_this: p
            .procedures
            .iter()
            .filter(|x| x.base.as_deref() == Some(pr.id.as_str()))
            .map(|x| x.name.get("en").to_owned())
            .collect(),
        sources: p
            .sources
            .values()
            .map(|s| (s.id.clone(), s.citation.clone()))
            .collect(),
        variations: variations.iter().map(crate::describe_variation).collect(),
        versions: newest
            .iter()
            .enumerate()
            .map(|(i, v)| VersionRow {
                number: v.number,
                saved_at: v.saved_at.clone(),
                saved_by: v.saved_by.clone(),
                reason: v.reason.clone(),
                approval: v.approval.as_ref().map(|a| {
                    format!(
                        "approved by {} on {}, review by {}",
                        a.by, a.on, a.review_due
                    )
                }),
                in_use: i == 0,
            })
            .collect(),
        status,
        warning,
        untranslated: p
            .untranslated
            .iter()
            .filter(|u| u.procedure.as_deref().is_none_or(|x| x == pr.id))
            .map(ToString::to_string)
            .collect(),
    })
}
