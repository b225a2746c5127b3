//! The plan's teaching sections and "what is normal": standard teaching for the kind of
//! procedure, the sections factors add, each factor's why.

use super::types::{Line, Section};
use crate::protocol::{FactorRule, Procedure, Protocol};
use crate::text::Text;

/// A line the patient reads, in `lang`.
pub(super) fn line(text: &Text, source: &str, lang: &str) -> Line {
    Line {
        activity: None,
        text: text.get(lang).to_owned(),
        source: source.to_owned(),
        edited: false,
        bounded_by: Vec::new(),
    }
}

/// The sections of a plan, in the protocol's order: a section is in when it is standard for
/// this procedure or a factor asks for it, and it has at least one line for this plan.
pub(super) fn sections(
    protocol: &Protocol,
    proc: &Procedure,
    rules: &[&FactorRule],
    lang: &str,
) -> Vec<Section> {
    protocol
        .sections
        .iter()
        .filter_map(|def| {
            let asking: Vec<&&FactorRule> = rules
                .iter()
                .filter(|r| r.sections.iter().any(|s| s == &def.id))
                .collect();
            let standard = def.standard.as_ref().is_some_and(|a| a.matches(proc));
            if !standard && asking.is_empty() {
                return None;
            }
            let lines: Vec<Line> = def
                .lines
                .iter()
                .filter(|l| l.when.matches(proc))
                .filter(|l| l.factors.is_empty() || rules.iter().any(|r| l.factors.contains(&r.id)))
                .map(|l| line(&l.text, &l.source, lang))
                .collect();
            if lines.is_empty() {
                return None;
            }
            let why = asking
                .iter()
                .filter_map(|r| r.why_for(proc))
                .map(|w| line(&w.text, &w.source, lang))
                .collect();
            Some(Section {
                id: def.id.clone(),
                title: def.title.get(lang).to_owned(),
                why,
                lines,
            })
        })
        .collect()
}

/// What is normal: the shared lines for this procedure, then its own, each carrying the ids
/// of the signs that bound it.
pub(super) fn normal(protocol: &Protocol, proc: &Procedure, lang: &str) -> Vec<Line> {
    protocol
        .normal
        .iter()
        .filter(|l| l.when.matches(proc))
        .chain(&proc.normal)
        .map(|l| Line {
            bounded_by: l.bounded_by.clone(),
            ..line(&l.text, &l.source, lang)
        })
        .collect()
}
