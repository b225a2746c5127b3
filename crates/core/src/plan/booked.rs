//! Booked follow-up visits. A booked visit prints on its booked date. When a phase's step-up
//! waits for that visit (its `gate`), the phase starts on the booked date too, so the phase,
//! the visit and the work dates derived from the phases can never disagree.

use chrono::{Days, NaiveDate};

use super::types::{BookedVisit, FollowUp, PlanPhase};
use crate::error::PlanError;

/// Applies `booked` to the visits and to the phases gated on them.
pub(super) fn apply(
    booked: &[BookedVisit],
    follow_ups: &mut [FollowUp],
    phases: &mut [PlanPhase],
    surgery: NaiveDate,
    discharge: NaiveDate,
) -> Result<(), PlanError> {
    for (i, b) in booked.iter().enumerate() {
        if booked[..i].iter().any(|o| o.day == b.day) {
            return Err(PlanError::BookedTwice { day: b.day });
        }
        let Some(visit) = follow_ups.iter_mut().find(|f| f.day == b.day) else {
            return Err(PlanError::BookedUnknownVisit {
                day: b.day,
                date: surgery + Days::new(u64::from(b.day)),
                allowed: follow_ups
                    .iter()
                    .map(|f| format!("{} (day {})", f.date, f.day))
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        };
        let planned = visit.date;
        // A phase that waits for this visit starts when it happens: it must stay after the
        // phase before it and before the phase after it. (The first phase starts on day 0,
        // so a gated one always has one before it.)
        let gated = phases
            .iter()
            .position(|p| p.gate.is_some() && p.start_day == b.day && p.start_day > 0);
        let (earliest, latest) = match gated {
            Some(k) => (
                (phases[k - 1].start_date + Days::new(1)).max(discharge),
                phases
                    .get(k + 1)
                    .map_or(NaiveDate::MAX, |n| n.start_date - Days::new(1)),
            ),
            None => (discharge, NaiveDate::MAX),
        };
        if b.date < earliest || b.date > latest {
            return Err(PlanError::BookedOutOfRange {
                planned,
                date: b.date,
                earliest,
                latest,
            });
        }
        visit.date = b.date;
        visit.booked = true;
        visit.time = b.time;
        if let Some(k) = gated {
            let day = day_of(surgery, b.date);
            phases[k].start_day = day;
            phases[k].start_date = b.date;
            phases[k - 1].end_day = Some(day - 1);
            phases[k - 1].end_date = Some(b.date - Days::new(1));
        }
    }
    Ok(())
}

fn day_of(surgery: NaiveDate, d: NaiveDate) -> u32 {
    u32::try_from((d - surgery).num_days()).unwrap_or(0)
}
