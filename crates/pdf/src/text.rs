//! The packet's own wording (headings, labels, the work note), loaded from
//! `packet-text.toml` so no patient-facing sentence lives in code.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate, NaiveTime};
use homeward_core::Urgency;
use serde::Deserialize;

/// The wording for one language. Field names match `packet-text.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct Words {
    pub title_for: String,
    pub what_was_done: String,
    pub patient: String,
    pub date_of_birth: String,
    pub mrn: String,
    pub procedure: String,
    pub procedure_date: String,
    pub surgeon: String,
    pub clinic: String,
    pub call_911_title: String,
    pub call_urgent_title: String,
    pub call_urgent_phone: String,
    pub call_urgent_after_hours: String,
    pub phones_office: String,
    pub phones_after_hours: String,
    pub call_urgent_no_answer: String,
    pub call_office_title: String,
    pub call_office_phone: String,
    pub call_office_phone_hours: String,
    pub calendar_title: String,
    pub cal_surgery: String,
    pub cal_injection: String,
    pub cal_home: String,
    pub cal_visit: String,
    pub cal_therapy: String,
    pub cal_drive: String,
    pub cal_work: String,
    pub cal_phase: String,
    pub cal_full_duty: String,
    pub cal_limits_end: String,
    pub event_phase: String,
    pub ics_calendar: String,
    pub ics_calendar_for: String,
    pub key_dates_title: String,
    pub key_pt: String,
    pub key_drive: String,
    pub key_drive_rules: String,
    pub key_work: String,
    pub key_work_light: String,
    pub key_full_duty: String,
    pub key_full_duty_gated: String,
    pub key_visit_booked_at: String,
    pub key_visit_booked: String,
    pub key_visit_to_book: String,
    pub key_full_duty_limits_end_gated: String,
    pub key_limits_end: String,
    pub key_limits_end_gated: String,
    pub continued: String,
    pub phase_heading: String,
    pub phase_dates: String,
    pub phase_dates_open: String,
    pub phase_changes_first: String,
    pub phase_changes: String,
    pub phase_same: String,
    pub icon_lb: String,
    pub goals: String,
    pub can: String,
    pub avoid: String,
    pub pt_title: String,
    pub pt_starts: String,
    pub pt_works_on: String,
    pub work_title: String,
    pub work_when: String,
    pub work_limit: String,
    pub work_limit_gated: String,
    pub work_limit_open: String,
    pub work_when_light: String,
    pub work_full: String,
    pub full_duty_date: String,
    pub full_duty_gated: String,
    pub work_no_job: String,
    pub work_row: String,
    pub work_row_light: String,
    pub work_row_gated: String,
    pub work_note_title: String,
    pub work_note_body: String,
    pub work_note_return: String,
    pub work_note_return_within: String,
    pub work_note_light_duty: String,
    pub work_note_full: String,
    pub work_note_full_gated: String,
    pub work_note_limit: String,
    pub work_note_limit_gated: String,
    pub work_note_sign: String,
    pub normal_title: String,
    pub normal_bound: String,
    pub tier_emergency: String,
    pub tier_urgent: String,
    pub tier_office: String,
    pub why: String,
    pub visits_title: String,
    pub visits_to_book: String,
    pub visit_row: String,
    pub visit_booked_at: String,
    pub visit_booked: String,
    pub questions_title: String,
    pub teachback_title: String,
    pub teachback_intro: String,
    pub teachback_items: Vec<String>,
    pub signoff_nurse: String,
    pub signoff_patient: String,
    pub card_title_911: String,
    pub card_title_urgent: String,
    pub card_phone: String,
    pub card_after_hours: String,
    pub card_no_answer: String,
    pub card_what: String,
    pub card_cut: String,
    pub care_title: String,
    pub care_for: String,
    pub care_summary_title: String,
    pub care_summary: String,
    pub care_summary_checklist: String,
    pub care_chart_title: String,
    pub care_chart_patient: String,
    pub care_chart_dob: String,
    pub care_chart_mrn: String,
    pub care_chart_language: String,
    pub care_chart_interpreter: String,
    pub care_chart_no_interpreter: String,
    pub care_chart_teachback: String,
    pub care_teachback_complete: String,
    pub care_teachback_partial: String,
    pub care_teachback_not_done: String,
    pub care_teachback_unrecorded: String,
    pub care_chart_dates: String,
    pub care_chart_date: String,
    pub care_chart_visit_booked: String,
    pub care_chart_visit_to_book: String,
    pub care_fhir_packet_title: String,
    pub care_fhir_document_type: String,
    pub care_fhir_teaching: String,
    pub care_fhir_topic: String,
    pub care_none: String,
    pub care_signs_title: String,
    pub care_sign: String,
    pub care_notes_title: String,
    pub care_factors_title: String,
    pub care_moved_pt: String,
    pub care_moved_drive: String,
    pub care_moved_work: String,
    pub care_moved_phase: String,
    pub care_moved_nothing: String,
    pub care_basis_title: String,
    pub care_phase: String,
    pub care_no_limit: String,
    pub care_day: String,
    pub care_work: String,
    pub care_range: String,
    pub care_outside_range: String,
    pub care_sources_title: String,
    pub care_reason: String,
    pub footer: String,
    pub footer_protocol: String,
    pub footer_clinic_protocol: String,
    pub footer_version_clinic: String,
    pub footer_version_reviewed: String,
    pub footer_surgeon: String,
    pub care_surgeon: String,
    pub care_set_by: String,
    pub care_set_by_clinic: String,
    pub care_protocol_builtin: String,
    pub care_protocol_folder: String,
    pub care_protocol_approved: String,
    pub care_protocol_unapproved: String,
    pub care_protocol_overdue: String,
    pub date: String,
    pub plain_date: String,
    pub short_date_year: String,
    pub months: Vec<String>,
    pub months_abbr: Vec<String>,
    pub weekdays: Vec<String>,
    pub weekdays_abbr: Vec<String>,
    /// Calendars start the week on Sunday (US) rather than Monday.
    pub week_starts_sunday: bool,
    pub weekday_date: String,
    /// The care-team sheet's line on a packet whose language's text a translator reviewed.
    pub care_language_reviewed: String,
    /// The care-team sheet's warning on a packet in another language than the nurse's.
    pub care_language_unreviewed: String,
    /// Each language's name, as the care-team sheet writes it.
    pub care_language_names: BTreeMap<String, String>,
    /// A chrono format for a time of day ("%-I:%M %p").
    pub time_format: String,
}

static FILE: &str = include_str!("../packet-text.toml");

/// The language of the care team: the care-team sheet's own words are in it, whatever the
/// packet's language (the patient's words it quotes stay in the patient's).
pub const NURSE_LANGUAGE: &str = "en";

/// Keys only the care-team sheet prints: another language's table may leave them out and
/// takes the nurse's. Every other key must be in every language.
pub const CARE_TEAM_KEYS: [&str; 3] = ["care_", "teachback_", "signoff_"];

/// The wording for `lang`, if the packet has it.
pub fn words(lang: &str) -> Option<&'static Words> {
    static ALL: OnceLock<BTreeMap<String, Words>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut all: BTreeMap<String, toml::Table> =
            toml::from_str(FILE).expect("packet-text.toml is valid (tested)");
        let nurse = all[NURSE_LANGUAGE].clone();
        for table in all.values_mut() {
            for (k, v) in &nurse {
                if CARE_TEAM_KEYS.iter().any(|p| k.starts_with(p)) {
                    table.entry(k.clone()).or_insert_with(|| v.clone());
                }
            }
        }
        all.into_iter()
            .map(|(lang, t)| {
                let w = t.try_into().expect("packet-text.toml is valid (tested)");
                (lang, w)
            })
            .collect()
    })
    .get(lang)
}

/// The packet's own words in `lang` as written in `packet-text.toml` (empty for a language
/// it lacks): part of what a translator's review covers.
pub fn wording_text(lang: &str) -> String {
    let all: BTreeMap<String, toml::Table> =
        toml::from_str(FILE).expect("packet-text.toml is valid (tested)");
    all.get(lang)
        .map(|t| toml::to_string(t).unwrap_or_default())
        .unwrap_or_default()
}

/// Fills `{name}` placeholders.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut s = template.to_owned();
    for (k, v) in values {
        s = s.replace(&format!("{{{k}}}"), v);
    }
    s
}

impl Words {
    /// A date without its weekday ("March 9, 1958"), for a date of birth.
    pub fn plain_date(&self, d: NaiveDate) -> String {
        fill(
            &self.plain_date,
            &[
                ("month", &self.months[d.month0() as usize]),
                ("day", &d.day().to_string()),
                ("year", &d.year().to_string()),
            ],
        )
    }

    /// A date in full with its weekday ("Tuesday, December 1, 2026").
    pub fn date(&self, d: NaiveDate) -> String {
        fill(
            &self.date,
            &[
                (
                    "weekday",
                    &self.weekdays[d.weekday().num_days_from_monday() as usize],
                ),
                ("month", &self.months[d.month0() as usize]),
                ("day", &d.day().to_string()),
                ("year", &d.year().to_string()),
            ],
        )
    }

    /// "Tue, Dec 1, 2026": a date in a table.
    pub fn weekday_date(&self, d: NaiveDate) -> String {
        fill(
            &self.weekday_date,
            &[
                (
                    "weekday_abbr",
                    &self.weekdays_abbr[d.weekday().num_days_from_monday() as usize],
                ),
                ("month_abbr", &self.months_abbr[d.month0() as usize]),
                ("day", &d.day().to_string()),
                ("year", &d.year().to_string()),
            ],
        )
    }

    /// Whom to call for a sign of this urgency, as a tier's name ("Call us now").
    pub fn tier(&self, u: Urgency) -> &str {
        match u {
            Urgency::Emergency => &self.tier_emergency,
            Urgency::Urgent => &self.tier_urgent,
            Urgency::CallOffice => &self.tier_office,
        }
    }

    /// A time of day as readers of the language write it ("10:30 AM").
    pub fn time(&self, t: NaiveTime) -> String {
        t.format(&self.time_format).to_string()
    }

    /// "Dec 1, 2027": where several dates share a line or a cell (phase ranges, limits, the
    /// wallet card) and the weekday would only add length.
    pub fn short_date_year(&self, d: NaiveDate) -> String {
        fill(
            &self.short_date_year,
            &[
                ("month_abbr", &self.months_abbr[d.month0() as usize]),
                ("day", &d.day().to_string()),
                ("year", &d.year().to_string()),
            ],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_wording_loads_and_names_dates() {
        let w = words("en").expect("English is always there");
        let d = NaiveDate::from_ymd_opt(2026, 12, 1).expect("valid");
        assert_eq!(w.date(d), "Tuesday, December 1, 2026");
        assert_eq!(w.weekday_date(d), "Tue, Dec 1, 2026");
        let t = NaiveTime::from_hms_opt(14, 5, 0).expect("valid");
        assert_eq!(w.time(t), "2:05 PM");
        let dob = NaiveDate::from_ymd_opt(1958, 3, 9).expect("valid");
        assert_eq!(w.plain_date(dob), "March 9, 1958");
        assert_eq!(w.months.len(), 12);
        assert_eq!(w.weekdays.len(), 7);
        assert_eq!(w.weekdays_abbr.len(), 7);
        assert!(words("xx").is_none());
    }

    #[test]
    fn spanish_wording_has_every_patient_key_and_writes_dates_the_spanish_way() {
        let file: BTreeMap<String, toml::Table> = toml::from_str(FILE).expect("parses");
        let care = |k: &&String| CARE_TEAM_KEYS.iter().any(|p| k.starts_with(p));
        let en: Vec<&String> = file["en"].keys().filter(|k| !care(k)).collect();
        let es: Vec<&String> = file["es"].keys().filter(|k| !care(k)).collect();
        assert_eq!(es, en, "the Spanish table has every key the patient reads");
        assert!(
            !file["es"].keys().any(|k| care(&k)),
            "the care team's words stay in the nurse's language"
        );
        let w = words("es").expect("Spanish is there");
        let d = NaiveDate::from_ymd_opt(2026, 12, 1).expect("valid");
        assert_eq!(w.date(d), "martes, 1 de diciembre de 2026");
        let dob = NaiveDate::from_ymd_opt(1958, 3, 9).expect("valid");
        assert_eq!(w.plain_date(dob), "9 de marzo de 1958");
        assert_eq!(w.short_date_year(d), "1 dic 2026");
        let en = words("en").expect("English");
        assert_eq!(w.care_title, en.care_title);
        assert_ne!(w.call_911_title, en.call_911_title);
    }

    #[test]
    fn the_spanish_wording_keeps_every_number_and_placeholder_and_leaves_no_english() {
        // The same check the protocol's texts get (crates/core/tests/spanish.rs).
        const ENGLISH: [&str; 20] = [
            "the", "and", "you", "your", "with", "for", "not", "when", "if", "this", "call",
            "phase", "page", "visit", "work", "day", "about", "until", "surgeon", "booked",
        ];
        let file: BTreeMap<String, toml::Table> = toml::from_str(FILE).expect("parses");
        let mut checked = 0;
        for (key, es) in &file["es"] {
            let (Some(es), Some(en)) = (es.as_str(), file["en"][key].as_str()) else {
                continue;
            };
            assert_eq!(
                homeward_core::locked(es),
                homeward_core::locked(en),
                "{key}: {es}"
            );
            let words = homeward_core::locked(es)
                .iter()
                .fold(es.to_lowercase(), |s, t| s.replace(&t.to_lowercase(), " "));
            let left: Vec<&str> = words
                .split(|c: char| !c.is_alphabetic())
                .filter(|w| ENGLISH.contains(w))
                .collect();
            assert!(left.is_empty(), "{key}: English {left:?} in {es}");
            checked += 1;
        }
        assert!(checked > 90, "{checked}");
    }
}
