//! Validation of a whole protocol: what the schema cannot check. Every error names the file,
//! the procedure and the field.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

use super::phases::{MAX_DAY, MAX_DAY_MESSAGE};
use super::procedure::*;
use super::rules::{Cx, TextLog, is_id, prohibitions};
use super::schema::*;
use super::{FACTORS_FILE, PROCEDURES_DIR, PROTOCOL_FILE, Protocol, SOURCES_FILE, TEACHING_FILE};
use crate::error::ProtocolError;

/// Checks the citations and returns them by id.
pub(super) fn sources(
    file: &str,
    list: Vec<Source>,
) -> Result<BTreeMap<String, Source>, ProtocolError> {
    let languages = ["en".to_owned()];
    let none = RefCell::new(TextLog::default());
    let cx = Cx::new(file, None, &languages, &none);
    let mut map = BTreeMap::new();
    for (i, s) in list.into_iter().enumerate() {
        if s.id.trim().is_empty() || s.citation.trim().is_empty() {
            return Err(cx.err(format!("source[{i}]"), "id and citation must not be empty"));
        }
        if !SOURCE_KINDS.contains(&s.kind.as_str()) {
            return Err(cx.err(
                format!("source[{i}].kind"),
                format!(
                    "`{}` is not a kind; allowed: {}",
                    s.kind,
                    SOURCE_KINDS.join(", ")
                ),
            ));
        }
        if s.kind == CLINIC_DEFAULT && s.reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
            return Err(cx.err(
                format!("source[{i}].reason"),
                format!(
                    "`{}` is a clinic-default: write out why Homeward ships it",
                    s.id
                ),
            ));
        }
        if map.contains_key(&s.id) {
            return Err(cx.err(
                format!("source[{i}].id"),
                format!("`{}` is used twice; ids must be unique", s.id),
            ));
        }
        map.insert(s.id.clone(), s);
    }
    Ok(map)
}

impl Protocol {
    pub(super) fn validate_shared(&self, missing: &RefCell<TextLog>) -> Result<(), ProtocolError> {
        let cx = Cx::new(PROTOCOL_FILE, None, &self.languages, missing);
        if self.version.trim().is_empty() {
            return Err(cx.err("version", "must not be empty"));
        }
        if self.languages.first().map(String::as_str) != Some("en") {
            return Err(cx.err(
                "languages",
                "must list \"en\" first (English is the default)",
            ));
        }
        let t = &self.text;
        for (name, text) in [
            ("text.lifting_limit", &t.lifting_limit),
            ("text.lifting_no_limit", &t.lifting_no_limit),
            ("text.lifting_limit_gated", &t.lifting_limit_gated),
            ("text.lifting_no_limit_gated", &t.lifting_no_limit_gated),
            ("text.driving_not_yet", &t.driving_not_yet),
            ("text.driving_from", &t.driving_from),
            ("text.driving_ok", &t.driving_ok),
            ("text.date", &t.date),
        ] {
            cx.text(name, text)?;
        }
        if t.months.len() != 12 {
            return Err(cx.err("text.months", "must list 12 months, January first"));
        }
        if t.weekdays.len() != 7 {
            return Err(cx.err("text.weekdays", "must list 7 days, Monday first"));
        }
        for (i, m) in t.months.iter().chain(&t.weekdays).enumerate() {
            cx.text(&format!("text.months/weekdays[{i}]"), m)?;
        }
        let n = &self.nurse_text;
        for (name, text) in [
            ("nurse_text.late_discharge", &n.late_discharge),
            (
                "nurse_text.milestone_before_discharge",
                &n.milestone_before_discharge,
            ),
            ("nurse_text.clinic_defined", &n.clinic_defined),
            ("nurse_text.moved_later", &n.moved_later),
            ("nurse_text.held_limits", &n.held_limits),
            (
                "nurse_text.milestone_names.pt_start",
                &n.milestone_names.pt_start,
            ),
            (
                "nurse_text.milestone_names.driving",
                &n.milestone_names.driving,
            ),
            (
                "nurse_text.milestone_names.return_to_work",
                &n.milestone_names.return_to_work,
            ),
        ] {
            cx.nurse_text(name, text)?;
        }
        let mut last = 0.0;
        for (i, c) in self.lifting_comparisons.iter().enumerate() {
            let f = format!("lifting_comparison[{i}]");
            if c.weight_lb <= last {
                return Err(cx.err(
                    format!("{f}.weight_lb"),
                    "must grow from one entry to the next",
                ));
            }
            last = c.weight_lb;
            cx.text(&format!("{f}.text"), &c.text)?;
            self.source(&cx, &format!("{f}.source"), &c.source)?;
        }
        let ids: Vec<JobDemand> = self.jobs.iter().map(|j| j.id).collect();
        if ids != JobDemand::ALL {
            return Err(cx.err(
                "job",
                "must list the five levels once each: sedentary, light, medium, heavy, very-heavy",
            ));
        }
        // What each level lifts grows from desk to heavy work; only very heavy work (over
        // 100 lb) has no upper figure, so full duty for it waits for the end of every limit.
        let mut prev_lifts = 0;
        for (i, j) in self.jobs.iter().enumerate() {
            match (j.id, j.lifts_up_to_lb) {
                (JobDemand::VeryHeavy, None) => {}
                (JobDemand::VeryHeavy, Some(_)) => {
                    return Err(cx.err(
                        format!("job[{i}].lifts_up_to_lb"),
                        "very heavy work lifts over 100 pounds; leave it out",
                    ));
                }
                (_, None) => {
                    return Err(cx.err(
                        format!("job[{i}].lifts_up_to_lb"),
                        "say the most this level lifts, in pounds",
                    ));
                }
                (_, Some(lb)) if lb < prev_lifts => {
                    return Err(cx.err(
                        format!("job[{i}].lifts_up_to_lb"),
                        format!("must not be less than the lighter level's {prev_lifts} pounds"),
                    ));
                }
                (_, Some(lb)) => prev_lifts = lb,
            }
        }
        for (i, j) in self.jobs.iter().enumerate() {
            cx.text(&format!("job[{i}].name"), &j.name)?;
            cx.text(&format!("job[{i}].lifting"), &j.lifting)?;
            cx.text(&format!("job[{i}].examples"), &j.examples)?;
            self.source(&cx, &format!("job[{i}].source"), &j.source)?;
        }
        self.signs(&cx, "warning_sign", &self.warning_signs)?;
        self.normal_lines(&cx, "normal", &self.normal)?;

        let cx = Cx::new(TEACHING_FILE, None, &self.languages, missing);
        let mut section_ids = BTreeSet::new();
        for (i, s) in self.sections.iter().enumerate() {
            if !section_ids.insert(s.id.as_str()) {
                return Err(cx.err(
                    format!("section[{i}].id"),
                    format!("`{}` is used twice", s.id),
                ));
            }
            cx.text(&format!("section[{i}].title"), &s.title)?;
            if s.lines.is_empty() {
                return Err(cx.err(
                    format!("section[{i}].lines"),
                    "a section needs at least one line",
                ));
            }
            for (k, l) in s.lines.iter().enumerate() {
                let f = format!("section[{i}].lines[{k}]");
                cx.text(&format!("{f}.text"), &l.text)?;
                self.source(&cx, &format!("{f}.source"), &l.source)?;
                if let Some(bad) = l.factors.iter().find(|id| self.factor(id).is_none()) {
                    return Err(cx.err(format!("{f}.factors"), format!("no factor `{bad}`")));
                }
            }
        }
        let cx = Cx::new(FACTORS_FILE, None, &self.languages, missing);
        let mut factor_ids = BTreeSet::new();
        for (i, f) in self.factors.iter().enumerate() {
            let field = format!("factor[{i}]");
            if !is_id(&f.id) {
                return Err(cx.err(
                    format!("{field}.id"),
                    "use lower-case letters, digits and dashes",
                ));
            }
            if !factor_ids.insert(f.id.as_str()) {
                return Err(cx.err(format!("{field}.id"), format!("`{}` is used twice", f.id)));
            }
            cx.text(&format!("{field}.label"), &f.label)?;
            if f.why.is_empty() {
                return Err(cx.err(
                    format!("{field}.why"),
                    "give at least one [[factor.why]]: one plain sentence of why",
                ));
            }
            self.lines(&cx, &format!("{field}.why"), &f.why)?;
            self.source(&cx, &format!("{field}.source"), &f.source)?;
            for (k, s) in f.sections.iter().enumerate() {
                if !section_ids.contains(s.as_str()) {
                    return Err(cx.err(
                        format!("{field}.sections[{k}]"),
                        format!("no section `{s}`; define it as a [[section]]"),
                    ));
                }
            }
            self.items(&cx, &format!("{field}.avoid"), &f.avoid)?;
            prohibitions(&cx, &format!("{field}.avoid"), &f.avoid, true)?;
            self.signs(&cx, &format!("{field}.warning_sign"), &f.warning_sign)?;
            self.notes(&cx, &format!("{field}.nurse_note"), &f.nurse_note)?;
        }
        Ok(())
    }

    pub(super) fn validate_procedure(
        &self,
        file: &str,
        p: &Procedure,
        missing: &RefCell<TextLog>,
    ) -> Result<(), ProtocolError> {
        let cx = Cx::new(file, Some(&p.id), &self.languages, missing);
        let stem = file
            .trim_start_matches(PROCEDURES_DIR)
            .trim_end_matches(".toml");
        if p.id != stem {
            return Err(cx.err(
                "id",
                format!("`{}` must equal the file name `{stem}`", p.id),
            ));
        }
        if !is_id(&p.id) {
            return Err(cx.err("id", "use lower-case letters, digits and dashes"));
        }
        cx.text("name", &p.name)?;
        cx.text("patient_name", &p.patient_name)?;
        if let Some(a) = &p.also_called {
            cx.text("also_called", a)?;
        }
        cx.text("summary", &p.summary)?;
        self.source(&cx, "summary_source", &p.summary_source)?;
        let l = &p.levels;
        if l.min == 0 || l.min > l.max || l.default < l.min || l.default > l.max {
            return Err(cx.err(
                "levels",
                format!(
                    "need 1 <= min <= default <= max (got min {}, default {}, max {})",
                    l.min, l.default, l.max
                ),
            ));
        }
        cx.text("levels.noun", &l.noun)?;
        cx.text("levels.noun_one", &l.noun_one)?;

        self.validate_phases(&cx, p)?;

        self.timing(&cx, "pt.start", &p.pt.start, l)?;
        if p.pt.focus.is_empty() {
            return Err(cx.err("pt.focus", "say what physical therapy works on"));
        }
        self.lines(&cx, "pt.focus", &p.pt.focus)?;
        self.timing(&cx, "driving", &p.driving, l)?;
        let mut prev: Option<(JobDemand, Vec<(u32, u32)>)> = None;
        for job in JobDemand::ALL {
            let field = format!("return_to_work.{}", job.id().replace('-', "_"));
            let t = p.return_to_work.get(job);
            self.timing(&cx, &field, t, l)?;
            let days: Vec<(u32, u32)> = (l.min..=l.max)
                .map(|n| (t.resolve(n, false).0, t.resolve(n, true).0))
                .collect();
            if let Some((pj, pdays)) = &prev
                && days.iter().zip(pdays).any(|(a, b)| a.0 < b.0 || a.1 < b.1)
            {
                return Err(cx.err(
                    field,
                    format!("must not be earlier than return to {} work", pj.id()),
                ));
            }
            prev = Some((job, days));
        }
        let mut prev_day = 0;
        for (i, fu) in p.follow_up.iter().enumerate() {
            if fu.day > MAX_DAY {
                return Err(cx.err(format!("follow_up[{i}].day"), MAX_DAY_MESSAGE));
            }
            if fu.day == 0 || fu.day < prev_day {
                return Err(cx.err(
                    format!("follow_up[{i}].day"),
                    "visits are after day 0, earliest first",
                ));
            }
            prev_day = fu.day;
            cx.text(&format!("follow_up[{i}].purpose"), &fu.purpose)?;
            self.source(&cx, &format!("follow_up[{i}].source"), &fu.source)?;
        }
        self.signs(&cx, "warning_sign", &p.warning_sign)?;
        for (urgency, says) in [
            (Urgency::Emergency, "call 911"),
            (Urgency::Urgent, "call us now"),
        ] {
            if !self.signs_for(p).any(|s| s.urgency == urgency) {
                return Err(cx.err(
                    "warning_sign",
                    format!(
                        "the plan has no `{says}` sign; every packet needs one, from protocol.toml or the procedure"
                    ),
                ));
            }
        }
        self.normal_lines(&cx, "normal", &p.normal)?;
        for (i, f) in self.factors.iter().enumerate() {
            if f.why_for(p).is_none() {
                return Err(cx.err(
                    format!("factor[{i}].why"),
                    format!(
                        "no why fits procedure `{}`; end the list with one for every procedure",
                        p.id
                    ),
                ));
            }
        }
        self.notes(&cx, "nurse_note", &p.nurse_note)?;
        Ok(())
    }

    /// Warning-sign and note ids must be unique across the whole protocol, so a packet never
    /// shows one sign twice and a template edit can name exactly one line.
    pub(super) fn validate_ids_unique(&self) -> Result<(), ProtocolError> {
        let mut seen: BTreeMap<&str, String> = BTreeMap::new();
        let shared = self
            .warning_signs
            .iter()
            .map(|s| (PROTOCOL_FILE.to_owned(), s.id.as_str()));
        let by_factor = self.factors.iter().flat_map(|f| {
            f.warning_sign
                .iter()
                .map(|s| (FACTORS_FILE.to_owned(), s.id.as_str()))
        });
        // A procedure built on another carries its base's signs first (merging appends), so
        // the entries past the base's count are the ones this file writes; each sign id is
        // then counted once, in the file that writes it.
        let by_proc = self.procedures.iter().flat_map(|p| {
            let inherited = p
                .base
                .as_deref()
                .and_then(|b| self.procedure(b))
                .map_or(0, |b| b.warning_sign.len());
            p.warning_sign[inherited.min(p.warning_sign.len())..]
                .iter()
                .map(move |s| (format!("{PROCEDURES_DIR}{}.toml", p.id), s.id.as_str()))
        });
        for (file, id) in shared.chain(by_factor).chain(by_proc) {
            if let Some(first) = seen.insert(id, file.clone()) {
                return Err(ProtocolError::Invalid {
                    file,
                    procedure: None,
                    field: "warning_sign.id".to_owned(),
                    message: format!("`{id}` is already used in {first}; ids must be unique"),
                });
            }
        }
        Ok(())
    }

    pub(super) fn source(&self, cx: &Cx<'_>, field: &str, id: &str) -> Result<(), ProtocolError> {
        if self.sources.contains_key(id) {
            Ok(())
        } else {
            Err(cx.err(field, format!("source `{id}` is not in {SOURCES_FILE}")))
        }
    }

    fn lines(&self, cx: &Cx<'_>, field: &str, lines: &[LineDef]) -> Result<(), ProtocolError> {
        for (i, l) in lines.iter().enumerate() {
            cx.text(&format!("{field}[{i}].text"), &l.text)?;
            self.source(cx, &format!("{field}[{i}].source"), &l.source)?;
        }
        Ok(())
    }

    fn normal_lines(
        &self,
        cx: &Cx<'_>,
        field: &str,
        lines: &[NormalDef],
    ) -> Result<(), ProtocolError> {
        for (i, l) in lines.iter().enumerate() {
            cx.text(&format!("{field}[{i}].text"), &l.text)?;
            self.source(cx, &format!("{field}[{i}].source"), &l.source)?;
            if l.bounded_by.is_empty() {
                return Err(cx.err(
                    format!("{field}[{i}].bounded_by"),
                    "name the warning signs that say when this stops being normal",
                ));
            }
        }
        Ok(())
    }

    /// Every sign a "normal" line names must be in every plan the line reaches, whatever the
    /// factors: then a patient told something is normal always has the sign that says when
    /// it is not.
    pub(super) fn validate_normal_bounds(&self) -> Result<(), ProtocolError> {
        for p in &self.procedures {
            let signs: BTreeSet<&str> = self.signs_for(p).map(|s| s.id.as_str()).collect();
            let shared = self
                .normal
                .iter()
                .enumerate()
                .filter(|(_, l)| l.when.matches(p))
                .map(|(i, l)| (PROTOCOL_FILE.to_owned(), i, l));
            let own = p
                .normal
                .iter()
                .enumerate()
                .map(|(i, l)| (format!("{PROCEDURES_DIR}{}.toml", p.id), i, l));
            for (file, i, l) in shared.chain(own) {
                if let Some(missing) = l.bounded_by.iter().find(|id| !signs.contains(id.as_str())) {
                    return Err(ProtocolError::Invalid {
                        file,
                        procedure: Some(p.id.clone()),
                        field: format!("normal[{i}].bounded_by"),
                        message: format!(
                            "sign `{missing}` is not in the plan for `{}`; name a sign that is, or narrow the line's `when`",
                            p.id
                        ),
                    });
                }
            }
        }
        Ok(())
    }

    pub(super) fn items(
        &self,
        cx: &Cx<'_>,
        field: &str,
        items: &[ItemDef],
    ) -> Result<(), ProtocolError> {
        for (i, it) in items.iter().enumerate() {
            cx.text(&format!("{field}[{i}].text"), &it.text)?;
            self.source(cx, &format!("{field}[{i}].source"), &it.source)?;
        }
        Ok(())
    }

    fn signs(
        &self,
        cx: &Cx<'_>,
        field: &str,
        signs: &[WarningSignDef],
    ) -> Result<(), ProtocolError> {
        for (i, s) in signs.iter().enumerate() {
            if !is_id(&s.id) {
                return Err(cx.err(
                    format!("{field}[{i}].id"),
                    "use lower-case letters, digits and dashes",
                ));
            }
            cx.text(&format!("{field}[{i}].text"), &s.text)?;
            if let Some(short) = &s.short {
                cx.text(&format!("{field}[{i}].short"), short)?;
            }
            self.source(cx, &format!("{field}[{i}].source"), &s.source)?;
        }
        Ok(())
    }

    fn notes(&self, cx: &Cx<'_>, field: &str, notes: &[NoteDef]) -> Result<(), ProtocolError> {
        for (i, n) in notes.iter().enumerate() {
            cx.nurse_text(&format!("{field}[{i}].text"), &n.text)?;
            if let Some(s) = &n.source {
                self.source(cx, &format!("{field}[{i}].source"), s)?;
            }
        }
        Ok(())
    }

    /// A timing must only grow: with levels, and from the usual to the later end of its
    /// range. That is what lets the engine promise that more levels or more risk factors
    /// never bring a milestone earlier.
    fn timing(
        &self,
        cx: &Cx<'_>,
        field: &str,
        t: &Timing,
        levels: &LevelRange,
    ) -> Result<(), ProtocolError> {
        self.source(cx, &format!("{field}.source"), &t.source)?;
        self.validate_range(cx, field, t)?;
        if let Some(c) = &t.condition {
            // Only the driving lines carry a condition; elsewhere it would be dropped unread.
            if field != "driving" {
                return Err(cx.err(
                    format!("{field}.condition"),
                    "only [driving] takes a condition; say it in a phase line instead",
                ));
            }
            cx.text(&format!("{field}.condition"), c)?;
        }
        let days = [t.day, t.late_day.unwrap_or(0)].into_iter().chain(
            t.by_levels
                .iter()
                .flat_map(|l| [l.day, l.late_day.unwrap_or(0)]),
        );
        if days.into_iter().any(|d| d > MAX_DAY) {
            return Err(cx.err(field.to_owned(), MAX_DAY_MESSAGE));
        }
        if let Some(s) = &t.late_source {
            self.source(cx, &format!("{field}.late_source"), s)?;
        }
        if t.late_day.is_some_and(|l| l < t.day) {
            return Err(cx.err(
                format!("{field}.late_day"),
                "the later end of the range must not be before day",
            ));
        }
        let mut prev_from = levels.min;
        for (i, lt) in t.by_levels.iter().enumerate() {
            let f = format!("{field}.by_levels[{i}]");
            if lt.from <= prev_from || lt.from > levels.max {
                return Err(cx.err(
                    format!("{f}.from"),
                    format!(
                        "must be above {prev_from} and at most levels.max ({})",
                        levels.max
                    ),
                ));
            }
            prev_from = lt.from;
            if let Some(s) = &lt.source {
                self.source(cx, &format!("{f}.source"), s)?;
            }
        }
        let mut prev = (0, 0);
        for n in levels.min..=levels.max {
            let day = t.resolve(n, false).0;
            let late = t.resolve(n, true).0;
            if late < day {
                return Err(cx.err(
                    field.to_owned(),
                    format!(
                        "for {n} levels the later end (day {late}) is before the usual day ({day})"
                    ),
                ));
            }
            if day < prev.0 || late < prev.1 {
                return Err(cx.err(field.to_owned(), format!("for {n} levels the day is earlier than for fewer levels; timings must not shrink as levels grow")));
            }
            prev = (day, late);
        }
        Ok(())
    }
}
