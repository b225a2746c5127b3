//! Booked follow-up visits on the New packet form: the date and time the office booked for a
//! visit of the plan, as typed. They belong to the patient: never kept in a template, but
//! part of what history re-prints (they are in the engine's input).

use chrono::NaiveTime;
use homeward_core::{BookedVisit, PlanInput};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{after_colon, field};
use crate::form::parse_date;
use crate::{App, FieldError};

/// One visit's booking as the form holds it. A blank date means not booked (the packet then
/// says "about <date>: call to book").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BookingForm {
    /// The visit's planned day after surgery (`Plan.follow_ups[i].day`): which visit.
    pub day: u32,
    /// The booked date, YYYY-MM-DD; empty when not booked.
    pub date: String,
    /// The booked time, HH:MM (24-hour) or h:mm AM/PM; empty when not known.
    pub time: String,
}

impl BookingForm {
    /// The form field its problems are reported under (and the id of its date input).
    #[must_use]
    pub fn field(&self) -> String {
        format!("booked_{}", self.day)
    }

    /// The booking as the engine takes it; `None` when not booked.
    ///
    /// # Errors
    /// A date or time that is not one, or a time without a date.
    pub fn parse(&self) -> Result<Option<BookedVisit>, FieldError> {
        let name = self.field();
        let date = parse_date(&name, &self.date, false)?;
        let time = parse_time(&name, &self.time)?;
        match (date, time) {
            (None, None) => Ok(None),
            (None, Some(_)) => Err(field(
                &name,
                "has a time but no date: add the date, or clear the time",
            )),
            (Some(date), time) => Ok(Some(BookedVisit {
                day: self.day,
                date,
                time,
            })),
        }
    }
}

/// A time of day as typed: 24-hour `14:30`, or `2:30 PM`.
fn parse_time(name: &str, s: &str) -> Result<Option<NaiveTime>, FieldError> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    ["%H:%M", "%I:%M %p", "%I:%M%p"]
        .iter()
        .find_map(|f| NaiveTime::parse_from_str(s, f).ok())
        .map(Some)
        .ok_or_else(|| {
            field(
                name,
                "time is not a time of day; use HH:MM, e.g. 09:30 or 14:15",
            )
        })
}

impl App {
    /// The bookings that fit the plan for `input` (added to it), and a problem for each that
    /// does not: a booking that is not a date, or that the engine refuses (a date before
    /// discharge, or one that moves a visit a phase waits for out of its place). Like a text
    /// edit that does not fit, a refused booking is left out of the plan shown, so the nurse
    /// still sees the plan and its visits while fixing it.
    pub(crate) fn fit_bookings(
        &self,
        protocol: &homeward_core::Protocol,
        input: &mut PlanInput,
        bookings: &[BookingForm],
    ) -> Vec<FieldError> {
        let mut errors = Vec::new();
        for b in bookings {
            let visit = match b.parse() {
                Ok(Some(v)) => v,
                Ok(None) => continue,
                Err(e) => {
                    errors.push(e);
                    continue;
                }
            };
            input.booked.push(visit);
            match homeward_core::plan(protocol, input) {
                Err(e) if e.field() == "booked" => {
                    input.booked.pop();
                    errors.push(field(&b.field(), after_colon(&e.to_string())));
                }
                // Any other problem is the case's, reported when its plan is made.
                Ok(_) | Err(_) => {}
            }
        }
        errors
    }
}
