//! The patient's dates as an iCalendar file (RFC 5545) for their phone: one all-day event per
//! milestone and visit, named as the packet's calendar names it and described in one line,
//! in the packet's language.
//!
//! Written here rather than with a calendar crate: the format needs a few properties, and
//! the crates that write it stamp each event with the current time, which this crate never
//! reads (the stamp is the day the packet was printed).

use std::fmt::Write as _;

use chrono::Days;
use homeward_core::Plan;
use homeward_pdf::{EventKind, PacketOptions, dated_events, fill, words};
use sha2::{Digest, Sha256};

use crate::{ExportError, uuid_from};

/// The calendar for `plan`. No patient identifier is in it unless `with_name` is set (the
/// nurse asked): then the calendar's name carries the patient's name.
///
/// # Errors
/// The packet's own field checks (see `homeward_pdf::check`).
pub fn ics(plan: &Plan, options: &PacketOptions, with_name: bool) -> Result<String, ExportError> {
    homeward_pdf::check(plan, options)?;
    let lang = plan.language.as_str();
    let w = words(lang).ok_or_else(|| ExportError::Language(lang.to_owned()))?;
    let events = dated_events(plan, options.clinic_phone.as_deref())?;
    // Ids from the plan alone (no identifier): the same packet gives the same events, so a
    // second import updates rather than doubles them.
    let plan_id = Sha256::digest(serde_json::to_vec(plan).unwrap_or_default());
    let name = if with_name {
        let n = options.patient_name.split_whitespace().collect::<Vec<_>>();
        fill(&w.ics_calendar_for, &[("name", &n.join(" "))])
    } else {
        w.ics_calendar.clone()
    };
    let stamp = options.printed_on.format("%Y%m%dT000000Z").to_string();
    let mut out = String::new();
    let mut line = |s: String| {
        fold(&mut out, &s);
    };
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line("PRODID:-//Homeward//Discharge packet//EN".into());
    line("CALSCALE:GREGORIAN".into());
    line("METHOD:PUBLISH".into());
    line(format!("X-WR-CALNAME:{}", escape(&name)));
    for (i, e) in events.iter().enumerate() {
        let key = format!("{i}:{}:{}", kind_key(e.kind), e.date);
        let uid = uuid_from(&[&plan_id, key.as_bytes()]);
        let next = e.date.checked_add_days(Days::new(1)).unwrap_or(e.date);
        line("BEGIN:VEVENT".into());
        line(format!("UID:{uid}@homeward"));
        line(format!("DTSTAMP:{stamp}"));
        line(format!("DTSTART;VALUE=DATE:{}", e.date.format("%Y%m%d")));
        line(format!("DTEND;VALUE=DATE:{}", next.format("%Y%m%d")));
        line(format!("SUMMARY;LANGUAGE={lang}:{}", escape(&e.label)));
        line(format!("DESCRIPTION;LANGUAGE={lang}:{}", escape(&e.text)));
        // A reminder for the day, not a busy block.
        line("TRANSP:TRANSPARENT".into());
        line("END:VEVENT".into());
    }
    line("END:VCALENDAR".into());
    Ok(out)
}

fn kind_key(k: EventKind) -> String {
    match k {
        EventKind::Phase(n) => format!("phase-{n}"),
        EventKind::Visit(n) => format!("visit-{n}"),
        EventKind::Therapy => "therapy".into(),
        EventKind::Drive => "drive".into(),
        EventKind::Work => "work".into(),
        EventKind::FullDuty => "full-duty".into(),
        EventKind::LimitsEnd => "limits-end".into(),
    }
}

/// A TEXT value escaped (RFC 5545 3.3.11): backslash, semicolon, comma, and line breaks.
fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => o.push_str("\\\\"),
            ';' => o.push_str("\\;"),
            ',' => o.push_str("\\,"),
            '\n' => o.push_str("\\n"),
            '\r' => {}
            c => o.push(c),
        }
    }
    o
}

/// Appends `line` folded at 75 octets (RFC 5545 3.1), never inside a UTF-8 character, each
/// physical line ending in CRLF.
fn fold(out: &mut String, line: &str) {
    let mut used = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if used + n > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += n;
    }
    let _ = write!(out, "\r\n");
}

#[cfg(test)]
mod tests {
    use super::{escape, fold};

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_a_character() {
        let mut out = String::new();
        let line = format!("DESCRIPTION:{}", "á".repeat(60));
        fold(&mut out, &line);
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        // Unfolding gives the line back.
        assert_eq!(out.replace("\r\n ", "").trim_end(), line);
    }

    #[test]
    fn text_values_escape_what_the_format_reserves() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}
