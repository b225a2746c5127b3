//! Return to work by job: the day the patient may go back (on light duty while a limit is
//! below what the job lifts) and the day of full duty, the first day every lifting limit
//! allows what the job lifts. Full duty is derived from the limits, so the two can never
//! disagree.

use super::types::{FullDuty, Milestone, PlanPhase, WorkMilestone};
use crate::protocol::{JobDemand, Protocol};

/// Whether a lifting limit (`None`: no set limit) allows a job that lifts up to `needs` pounds
/// (`None`: over 100 lb, so only the end of all limits allows it).
fn allows(limit: Option<u32>, needs: Option<u32>) -> bool {
    match (limit, needs) {
        (None, _) => true,
        (Some(limit), Some(needs)) => limit >= needs,
        (Some(_), None) => false,
    }
}

/// One row per job level, least demanding first.
pub(super) fn rows(
    protocol: &Protocol,
    phases: &[PlanPhase],
    work: Vec<(JobDemand, Milestone)>,
    lang: &str,
) -> Vec<WorkMilestone> {
    work.into_iter()
        .map(|(job, m)| {
            let level = protocol.job(job);
            let needs = level.and_then(|j| j.lifts_up_to_lb);
            let limit = phases
                .iter()
                .find(|p| m.day >= p.start_day && p.end_day.is_none_or(|e| m.day <= e))
                .and_then(|p| p.lifting_limit_lb);
            // Limits never drop, so once a phase's limit allows the job every later one does:
            // the first such phase is the step-up that makes full duty possible, and its gate
            // (the visit it waits for) is the only one that concerns this job. Validation
            // makes the last phase end every limit, so one is always found; were it not, full
            // duty would fall on the day back rather than be invented.
            let first = phases.iter().find(|p| allows(p.lifting_limit_lb, needs));
            let full_duty = match first {
                Some(p) if p.start_day > m.day => FullDuty {
                    day: p.start_day,
                    date: p.start_date,
                    source: p.lifting_source.clone().unwrap_or_else(|| m.source.clone()),
                    gate: p.gate.clone(),
                },
                Some(p) => FullDuty {
                    day: m.day,
                    date: m.date,
                    source: m.source.clone(),
                    gate: p.gate.clone(),
                },
                None => FullDuty {
                    day: m.day,
                    date: m.date,
                    source: m.source.clone(),
                    gate: None,
                },
            };
            WorkMilestone {
                job,
                job_name: level
                    .map(|j| j.name.get(lang).to_owned())
                    .unwrap_or_default(),
                job_lifting: level
                    .map(|j| j.lifting.get(lang).to_owned())
                    .unwrap_or_default(),
                day: m.day,
                date: m.date,
                lifting_limit_lb: limit,
                light_duty: !allows(limit, needs),
                full_duty,
                source: m.source,
                moved_later_by: m.moved_later_by,
                range: m.range,
                outside_range_reason: m.outside_range_reason,
            }
        })
        .collect()
}
