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

/// The phase that contains `day`.
fn phase_on(phases: &[PlanPhase], day: u32) -> Option<&PlanPhase> {
    phases
        .iter()
        .find(|p| day >= p.start_day && p.end_day.is_none_or(|e| day <= e))
}

/// One row per job level, least demanding first.
pub(super) fn rows(
    protocol: &Protocol,
    phases: &[PlanPhase],
    work: Vec<(JobDemand, Milestone)>,
    lang: &str,
    date: &dyn Fn(u32) -> chrono::NaiveDate,
) -> Vec<WorkMilestone> {
    work.into_iter()
        .map(|(job, m)| {
            let level = protocol.job(job);
            let needs = level.and_then(|j| j.lifts_up_to_lb);
            let limit = phase_on(phases, m.day).and_then(|p| p.lifting_limit_lb);
            // The first phase, from the return day on, whose limit allows the job. The last
            // phase of every validated protocol has no limit or ends, so one is found for
            // every job but very heavy work under a limit that never ends.
            let allowing = phases
                .iter()
                .filter(|p| p.end_day.is_none_or(|e| e >= m.day))
                .find(|p| allows(p.lifting_limit_lb, needs));
            let full_duty = match allowing {
                Some(p) if p.start_day > m.day => FullDuty {
                    day: p.start_day,
                    date: p.start_date,
                    source: p.lifting_source.clone().unwrap_or_else(|| m.source.clone()),
                    gate: p.gate.clone(),
                },
                // The limits already allow the job on the day back; when that limit is itself
                // a step-up waiting for a visit, full duty waits for it too.
                Some(p) => FullDuty {
                    day: m.day,
                    date: m.date,
                    source: m.source.clone(),
                    gate: p.gate.clone(),
                },
                // No phase ever allows it: full duty is after the last phase ends.
                None => {
                    let last = phases.last().and_then(|p| p.end_day).unwrap_or(m.day) + 1;
                    let day = last.max(m.day);
                    FullDuty {
                        day,
                        date: date(day),
                        source: m.source.clone(),
                        gate: None,
                    }
                }
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
            }
        })
        .collect()
}
