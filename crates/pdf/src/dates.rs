//! The plan's dates as the patient reads them, written once: page 1's key dates, the
//! calendar's marks, and the events a phone calendar or the chart receives
//! ([`dated_events`]) all come from here, in the packet's language.

use chrono::{NaiveDate, NaiveTime};
use homeward_core::{FollowUp, Kind, Plan};
use serde::Serialize;

use crate::PacketError;
use crate::text::{Words, fill, words};

/// What happens on a dated event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "n")]
pub enum EventKind {
    /// Phase `n` (1-based) starts; phase 1 starts on the day of surgery and is not listed.
    Phase(usize),
    /// Follow-up visit `n` (0-based, in the plan's order).
    Visit(usize),
    /// Physical therapy starts.
    Therapy,
    /// Driving is allowed again.
    Drive,
    /// Back to work (light duty when the job's limits still hold).
    Work,
    /// Full duty at work, when later than going back.
    FullDuty,
    /// The lifting limits end.
    LimitsEnd,
}

/// One dated event in the packet's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DatedEvent {
    /// The day.
    pub date: NaiveDate,
    /// A booked visit's time, when the office gave one.
    pub time: Option<NaiveTime>,
    /// What happens.
    pub kind: EventKind,
    /// A word or two, as the calendar grid prints it ("Therapy", "Visit 10:30 AM").
    pub label: String,
    /// The sentence page 1 prints for it.
    pub text: String,
}

/// Every dated event of `plan` after the day of surgery and the day home, in date order
/// (ties in the order page 1 lists them): phase starts, every follow-up visit, therapy,
/// driving, work, full duty and the end of the lifting limits. `phone` is the office's
/// number, which an unbooked visit tells the patient to call.
///
/// # Errors
/// The packet has no wording in the plan's language.
pub fn dated_events(plan: &Plan, phone: Option<&str>) -> Result<Vec<DatedEvent>, PacketError> {
    let w = words(&plan.language).ok_or_else(|| PacketError::Language(plan.language.clone()))?;
    let mut events = key_events(plan, w, phone);
    for (i, ph) in plan.phases.iter().enumerate().skip(1) {
        let n = (i + 1).to_string();
        events.push(DatedEvent {
            date: ph.start_date,
            time: None,
            kind: EventKind::Phase(i + 1),
            label: fill(&w.cal_phase, &[("n", &n)]),
            text: fill(&w.event_phase, &[("n", &n)]),
        });
    }
    events.sort_by_key(|e| e.date);
    Ok(events)
}

/// The key events: therapy, driving, work and full duty, the end of the lifting limits
/// (said together with full duty when both wait for the same day and visit), and every
/// visit. Page 1 prints them (with only the next visit), one row per date.
pub(crate) fn key_events(plan: &Plan, w: &Words, phone: Option<&str>) -> Vec<DatedEvent> {
    let p = plan;
    let event = |date, kind, label: &str, text: String| DatedEvent {
        date,
        time: None,
        kind,
        label: label.to_owned(),
        text,
    };
    // The driving date names the phase whose lines give every condition with it.
    let drive = match p
        .phases
        .iter()
        .position(|ph| {
            ph.start_day <= p.driving.day && ph.end_day.is_none_or(|e| p.driving.day <= e)
        })
        .filter(|_| !p.driving_conditions.is_empty())
    {
        Some(i) => fill(&w.key_drive_rules, &[("n", &(i + 1).to_string())]),
        None => w.key_drive.clone(),
    };
    let mut keys = vec![
        event(
            p.pt_start.date,
            EventKind::Therapy,
            &w.cal_therapy,
            w.key_pt.clone(),
        ),
        event(p.driving.date, EventKind::Drive, &w.cal_drive, drive),
    ];
    if let Some(rtw) = &p.return_to_work {
        let job = rtw.job_name.to_lowercase();
        let back = if rtw.light_duty {
            w.key_work_light.clone()
        } else {
            fill(&w.key_work, &[("job", &job)])
        };
        keys.push(event(rtw.date, EventKind::Work, &w.cal_work, back));
        if rtw.full_duty.day > rtw.day || rtw.full_duty.gate.is_some() {
            let full = match &rtw.full_duty.gate {
                Some(gate) => fill(&w.key_full_duty_gated, &[("job", &job), ("gate", gate)]),
                None => fill(&w.key_full_duty, &[("job", &job)]),
            };
            keys.push(event(
                rtw.full_duty.date,
                EventKind::FullDuty,
                &w.cal_full_duty,
                full,
            ));
        }
    }
    // When the lifting limits end: the first phase with no set limit. Full duty on the
    // same day, waiting for the same visit, says it in one sentence.
    if let Some(ph) = p.phases.iter().find(|ph| ph.lifting_limit_lb.is_none()) {
        let with_full_duty = p.return_to_work.as_ref().and_then(|rtw| {
            keys.iter_mut().find(|k| {
                k.kind == EventKind::FullDuty
                    && k.date == ph.start_date
                    && rtw.full_duty.gate == ph.gate
            })
        });
        match (with_full_duty, &ph.gate) {
            (Some(k), Some(gate)) => {
                let job = p
                    .return_to_work
                    .as_ref()
                    .map(|r| r.job_name.to_lowercase())
                    .unwrap_or_default();
                k.label = format!("{}, {}", k.label, w.cal_limits_end);
                k.text = fill(
                    &w.key_full_duty_limits_end_gated,
                    &[("job", &job), ("gate", gate)],
                );
            }
            (_, gate) => {
                let text = match gate {
                    Some(gate) => fill(&w.key_limits_end_gated, &[("gate", gate)]),
                    None => w.key_limits_end.clone(),
                };
                keys.push(event(
                    ph.start_date,
                    EventKind::LimitsEnd,
                    &w.cal_limits_end,
                    text,
                ));
            }
        }
    }
    for (i, v) in p.follow_ups.iter().enumerate() {
        keys.push(DatedEvent {
            date: v.date,
            time: v.time,
            kind: EventKind::Visit(i),
            label: visit_label(v, w),
            text: visit_text(v, w, phone),
        });
    }
    keys.sort_by_key(|k| k.date);
    keys
}

/// The calendar grid's marks: the day of surgery (or injection), the day home, then every
/// dated event with its label.
pub(crate) fn calendar_marks(plan: &Plan, w: &Words) -> Vec<(NaiveDate, String)> {
    let p = plan;
    // Day 0 is named for what was done: an injection is not surgery.
    let day0 = if p.procedure.kind == Kind::Injection {
        &w.cal_injection
    } else {
        &w.cal_surgery
    };
    let mut marks = vec![(p.surgery_date, day0.clone())];
    if p.discharge_date != p.surgery_date {
        marks.push((p.discharge_date, w.cal_home.clone()));
    }
    for (i, ph) in p.phases.iter().enumerate().skip(1) {
        marks.push((
            ph.start_date,
            fill(&w.cal_phase, &[("n", &(i + 1).to_string())]),
        ));
    }
    for v in &p.follow_ups {
        marks.push((v.date, visit_label(v, w)));
    }
    marks.push((p.pt_start.date, w.cal_therapy.clone()));
    marks.push((p.driving.date, w.cal_drive.clone()));
    if let Some(rtw) = &p.return_to_work {
        marks.push((rtw.date, w.cal_work.clone()));
    }
    marks
}

/// A visit's calendar label: "Visit", with the time when booked with one.
fn visit_label(v: &FollowUp, w: &Words) -> String {
    match v.time {
        Some(t) => format!("{} {}", w.cal_visit, w.time(t)),
        None => w.cal_visit.clone(),
    }
}

/// A visit as the patient reads it: booked (with its time) or "about this day: call to
/// book".
pub(crate) fn visit_text(v: &FollowUp, w: &Words, phone: Option<&str>) -> String {
    let purpose = sentence(&v.purpose);
    match (v.booked, v.time) {
        (true, Some(t)) => fill(
            &w.key_visit_booked_at,
            &[("purpose", &purpose), ("time", &w.time(t))],
        ),
        (true, None) => fill(&w.key_visit_booked, &[("purpose", &purpose)]),
        (false, _) => fill(
            &w.key_visit_to_book,
            &[("purpose", &purpose), ("phone", phone.unwrap_or_default())],
        ),
    }
}

/// `text` ending in a full stop (a question keeps its mark).
pub(crate) fn sentence(text: &str) -> String {
    let t = text.trim_end();
    if t.ends_with(['.', '?', '!']) {
        t.to_owned()
    } else {
        format!("{t}.")
    }
}
