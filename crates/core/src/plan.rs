//! The plan engine: protocol + patient factors + dates -> a dated recovery plan.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::PlanError;
use crate::protocol::{
    Activity, Evidence, ItemDef, JobDemand, Kind, MilestoneId, Procedure, Protocol, Region, Urgency,
};
use crate::text::Text;

/// Discharge later than this many days after surgery is unusual enough to flag for the nurse.
const LATE_DISCHARGE_DAYS: i64 = 14;

/// What the nurse chose. Identifiers (name, MRN) are not part of it: the plan never needs them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PlanInput {
    /// Procedure id, e.g. `lumbar-fusion`.
    pub procedure: String,
    /// Levels fused or operated; `None` takes the procedure's default.
    #[serde(default)]
    pub levels: Option<u8>,
    /// Risk factor ids, e.g. `nicotine`, `diabetes`.
    #[serde(default)]
    pub factors: BTreeSet<String>,
    /// The patient's job demand level, when they work.
    #[serde(default)]
    pub job: Option<JobDemand>,
    /// Day 0 of the plan.
    pub surgery_date: NaiveDate,
    /// Defaults to the surgery date.
    #[serde(default)]
    pub discharge_date: Option<NaiveDate>,
    /// Language code; defaults to the protocol's first language.
    #[serde(default)]
    pub language: Option<String>,
}

/// The procedure as the plan names it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProcedureRef {
    /// Stable id.
    pub id: String,
    /// Clinical name.
    pub name: String,
    /// Plain name for the patient.
    pub patient_name: String,
    /// Other names.
    pub also_called: Option<String>,
    /// Spine region.
    pub region: Region,
    /// Kind of treatment.
    pub kind: Kind,
    /// Evidence label.
    pub evidence: Evidence,
    /// One plain paragraph.
    pub summary: String,
    /// What the level count means ("levels fused").
    pub levels_noun: String,
}

/// A sourced line a patient reads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Line {
    /// What it is about, for phase lines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activity: Option<Activity>,
    /// The sentence.
    pub text: String,
    /// Source id.
    pub source: String,
    /// Changed or added by the nurse (see [`crate::PlanEdit`]).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub edited: bool,
}

/// One phase with its dates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PlanPhase {
    /// Heading.
    pub name: String,
    /// First day (0 = surgery).
    pub start_day: u32,
    /// Last day, inclusive; `None` when open-ended.
    pub end_day: Option<u32>,
    /// Date of the first day.
    pub start_date: NaiveDate,
    /// Date of the last day.
    pub end_date: Option<NaiveDate>,
    /// Lifting limit in pounds; `None` means no set limit.
    pub lifting_limit_lb: Option<u32>,
    /// The same limit in kilograms, rounded to half a kilogram.
    pub lifting_limit_kg: Option<f64>,
    /// What to avoid (the restrictions), the lifting line first while there is a limit.
    pub restrictions: Vec<Line>,
    /// What the patient may do (the "no set lifting limit" line first, once limits end).
    pub allowed: Vec<Line>,
    /// Goals.
    pub goals: Vec<Line>,
}

/// A dated milestone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Milestone {
    /// Day after surgery.
    pub day: u32,
    /// Its date.
    pub date: NaiveDate,
    /// Source id of the day.
    pub source: String,
    /// Factor ids that moved it to the later end of its range.
    pub moved_later_by: Vec<String>,
}

/// Return to work for one job level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WorkMilestone {
    /// Job demand level.
    pub job: JobDemand,
    /// Its name.
    pub job_name: String,
    /// Day after surgery.
    pub day: u32,
    /// Its date.
    pub date: NaiveDate,
    /// Lifting limit in effect on that day, in pounds (`None`: no set limit).
    pub lifting_limit_lb: Option<u32>,
    /// The lifting limit is below what this job lifts: back on light duty until it lifts.
    pub light_duty: bool,
    /// Source id of the day.
    pub source: String,
    /// Factor ids that moved it later.
    pub moved_later_by: Vec<String>,
}

/// A warning sign in the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WarningSign {
    /// Stable id.
    pub id: String,
    /// `emergency` (call 911) or `call_office`.
    pub urgency: Urgency,
    /// What the patient reads.
    pub text: String,
    /// A few words for the wallet card.
    pub short: String,
    /// Source id.
    pub source: String,
}

/// A follow-up visit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FollowUp {
    /// Day after surgery.
    pub day: u32,
    /// Its date.
    pub date: NaiveDate,
    /// What it is for.
    pub purpose: String,
    /// Source id.
    pub source: String,
}

/// A risk factor that applies, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AppliedFactor {
    /// Factor id.
    pub id: String,
    /// Nurse-facing label.
    pub label: String,
    /// The plain sentence the patient reads.
    pub why: String,
    /// Source id.
    pub source: String,
}

/// A packet section added by a factor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Section {
    /// Stable id (`nicotine`, `blood-sugar`, `wound-care`).
    pub id: String,
    /// Heading.
    pub title: String,
    /// Why it is in this packet: the factors' sentences.
    pub why: Vec<Line>,
    /// Its lines.
    pub lines: Vec<Line>,
}

/// A note for the nurse; never printed for the patient.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NurseNote {
    /// Stable id.
    pub id: String,
    /// What the nurse reads.
    pub text: String,
    /// Source id, when there is one.
    pub source: Option<String>,
}

/// A citation used by the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SourceRef {
    /// Source id.
    pub id: String,
    /// Full citation.
    pub citation: String,
}

/// A dated recovery plan. Every number in it carries a source id, and every source id used
/// is listed in `sources`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Plan {
    /// Version of the protocol that produced it.
    pub protocol_version: String,
    /// Language of the text.
    pub language: String,
    /// The procedure.
    pub procedure: ProcedureRef,
    /// Levels fused or operated.
    pub levels: u8,
    /// Factors that apply, in protocol order.
    pub factors: Vec<AppliedFactor>,
    /// Day 0.
    pub surgery_date: NaiveDate,
    /// Discharge date.
    pub discharge_date: NaiveDate,
    /// Phases, contiguous from day 0.
    pub phases: Vec<PlanPhase>,
    /// Physical therapy start.
    pub pt_start: Milestone,
    /// What physical therapy works on.
    pub pt_focus: Vec<Line>,
    /// When driving is allowed again (only when off opioid pain medicine).
    pub driving: Milestone,
    /// Return to work for the patient's job, when one was given.
    pub return_to_work: Option<WorkMilestone>,
    /// Return to work for every job level.
    pub return_to_work_by_job: Vec<WorkMilestone>,
    /// Follow-up visits.
    pub follow_ups: Vec<FollowUp>,
    /// Warning signs, emergencies first.
    pub warning_signs: Vec<WarningSign>,
    /// What is normal.
    pub normal: Vec<Line>,
    /// What is not normal.
    pub not_normal: Vec<Line>,
    /// Factor sections.
    pub sections: Vec<Section>,
    /// Notes for the nurse.
    pub nurse_notes: Vec<NurseNote>,
    /// Every source the plan cites.
    pub sources: Vec<SourceRef>,
}

impl Plan {
    /// Every source id the plan cites, in order of first use.
    #[must_use]
    pub fn cited_source_ids(&self) -> Vec<&str> {
        let phase_lines = self
            .phases
            .iter()
            .flat_map(|p| p.restrictions.iter().chain(&p.allowed).chain(&p.goals));
        let lines = phase_lines
            .chain(&self.pt_focus)
            .chain(&self.normal)
            .chain(&self.not_normal);
        let section_lines = self
            .sections
            .iter()
            .flat_map(|s| s.why.iter().chain(&s.lines));
        let all = lines
            .chain(section_lines)
            .map(|l| l.source.as_str())
            .chain([self.pt_start.source.as_str(), self.driving.source.as_str()])
            .chain(self.return_to_work_by_job.iter().map(|w| w.source.as_str()))
            .chain(self.follow_ups.iter().map(|f| f.source.as_str()))
            .chain(self.warning_signs.iter().map(|w| w.source.as_str()))
            .chain(self.factors.iter().map(|f| f.source.as_str()))
            .chain(self.nurse_notes.iter().filter_map(|n| n.source.as_deref()));
        let mut ids: Vec<&str> = Vec::new();
        for id in all {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        ids
    }

    /// The phase that contains `day`.
    #[must_use]
    pub fn phase_on(&self, day: u32) -> Option<&PlanPhase> {
        self.phases
            .iter()
            .find(|p| day >= p.start_day && p.end_day.is_none_or(|e| day <= e))
    }
}

/// Builds the plan for `input` from `protocol`.
///
/// # Errors
/// Only for input that is actually invalid: an unknown procedure, factor or language, levels
/// outside the procedure's range, or a discharge before the surgery.
pub fn plan(protocol: &Protocol, input: &PlanInput) -> Result<Plan, PlanError> {
    let lang = match &input.language {
        None => protocol.languages[0].clone(),
        Some(l) if protocol.languages.contains(l) => l.clone(),
        Some(l) => {
            return Err(PlanError::UnknownLanguage {
                given: l.clone(),
                allowed: protocol.languages.join(", "),
            });
        }
    };
    let lang = lang.as_str();
    let proc = protocol
        .procedure(&input.procedure)
        .ok_or_else(|| PlanError::UnknownProcedure {
            given: input.procedure.clone(),
            allowed: protocol
                .procedures
                .iter()
                .map(|p| p.id.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        })?;
    let levels = input.levels.unwrap_or(proc.levels.default);
    if levels < proc.levels.min || levels > proc.levels.max {
        return Err(PlanError::LevelsOutOfRange {
            procedure: proc.id.clone(),
            given: u32::from(levels),
            min: proc.levels.min,
            max: proc.levels.max,
            noun: proc.levels.noun.get(lang).to_owned(),
        });
    }
    for f in &input.factors {
        if protocol.factor(f).is_none() {
            return Err(PlanError::UnknownFactor {
                given: f.clone(),
                allowed: protocol
                    .factors
                    .iter()
                    .map(|f| f.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        }
    }
    let surgery = input.surgery_date;
    let discharge = input.discharge_date.unwrap_or(surgery);
    if discharge < surgery {
        return Err(PlanError::DischargeBeforeSurgery { surgery, discharge });
    }
    // Every day the protocol can name is below this bound, so checking it once here lets
    // the rest of the engine add days without failing.
    let horizon = max_day(proc);
    if surgery
        .checked_add_days(Days::new(u64::from(horizon)))
        .is_none()
    {
        return Err(PlanError::DateOutOfRange { surgery });
    }
    let date = |day: u32| surgery + Days::new(u64::from(day));

    let rules: Vec<_> = protocol
        .factors
        .iter()
        .filter(|f| input.factors.contains(&f.id))
        .collect();

    // Which milestones each applicable factor moves to the later end of its range.
    let mut later: BTreeMap<MilestoneId, Vec<String>> = BTreeMap::new();
    for r in &rules {
        for l in r.later.iter().filter(|l| l.when.matches(proc)) {
            later.entry(l.milestone).or_default().push(r.id.clone());
        }
    }
    let mut notes = Vec::new();
    let names = &protocol.nurse_text.milestone_names;
    let mut milestone = |m: MilestoneId, job: JobDemand| -> Milestone {
        let t = proc.timing(m, job);
        let by = later.get(&m).cloned().unwrap_or_default();
        let (usual, _) = t.resolve(levels, false);
        let (day, source) = t.resolve(levels, !by.is_empty());
        if day != usual {
            let name = match m {
                MilestoneId::PtStart => &names.pt_start,
                MilestoneId::Driving => &names.driving,
                MilestoneId::ReturnToWork => &names.return_to_work,
            };
            let what = if m == MilestoneId::ReturnToWork {
                format!("{} ({})", name.get(lang), job.id())
            } else {
                name.get(lang).to_owned()
            };
            notes.push(NurseNote {
                id: format!("moved-later-{}", job_key(m, job)),
                text: protocol.nurse_text.moved_later.fill(
                    lang,
                    &[
                        ("milestone", &what),
                        ("from", &usual.to_string()),
                        ("to", &day.to_string()),
                        ("factors", &by.join(", ")),
                    ],
                ),
                source: Some(source.to_owned()),
            });
        }
        // Only factors that actually moved the day are named.
        let moved_later_by = if day == usual { Vec::new() } else { by };
        Milestone {
            day,
            date: date(day),
            source: source.to_owned(),
            moved_later_by,
        }
    };
    let pt_start = milestone(MilestoneId::PtStart, JobDemand::Sedentary);
    let driving = milestone(MilestoneId::Driving, JobDemand::Sedentary);
    let work: Vec<(JobDemand, Milestone)> = JobDemand::ALL
        .into_iter()
        .map(|j| (j, milestone(MilestoneId::ReturnToWork, j)))
        .collect();
    // Only the patient's own job gets a "moved later" note; the others are reference rows.
    notes.retain(|n: &NurseNote| {
        !n.id.starts_with("moved-later-work-")
            || input
                .job
                .is_some_and(|j| n.id == format!("moved-later-work-{}", j.id()))
    });

    let phases = build_phases(protocol, proc, &rules, &driving, lang, &date);
    let limit_on = |day: u32| {
        phases
            .iter()
            .find(|p| day >= p.start_day && p.end_day.is_none_or(|e| day <= e))
            .and_then(|p| p.lifting_limit_lb)
    };
    let return_to_work_by_job: Vec<WorkMilestone> = work
        .into_iter()
        .map(|(job, m)| WorkMilestone {
            job,
            job_name: protocol
                .job(job)
                .map(|j| j.name.get(lang).to_owned())
                .unwrap_or_default(),
            day: m.day,
            date: m.date,
            lifting_limit_lb: limit_on(m.day),
            light_duty: match (
                limit_on(m.day),
                protocol.job(job).and_then(|j| j.lifts_up_to_lb),
            ) {
                (None, _) => false,
                (Some(limit), Some(needs)) => limit < needs,
                // Very heavy work lifts over 100 lb: any limit means light duty.
                (Some(_), None) => true,
            },
            source: m.source,
            moved_later_by: m.moved_later_by,
        })
        .collect();
    let return_to_work = input
        .job
        .and_then(|j| return_to_work_by_job.iter().find(|w| w.job == j).cloned());

    // Warning signs: shared, then the procedure's, then the factors'; emergencies first.
    let mut warning_signs: Vec<WarningSign> = Vec::new();
    let shared = protocol
        .warning_signs
        .iter()
        .filter(|s| s.when.matches(proc));
    let factor_signs = rules
        .iter()
        .flat_map(|r| r.warning_sign.iter())
        .filter(|s| s.when.matches(proc));
    for s in shared.chain(&proc.warning_sign).chain(factor_signs) {
        if warning_signs.iter().all(|w| w.id != s.id) {
            warning_signs.push(WarningSign {
                id: s.id.clone(),
                urgency: s.urgency,
                text: s.text.get(lang).to_owned(),
                short: s.short.as_ref().unwrap_or(&s.text).get(lang).to_owned(),
                source: s.source.clone(),
            });
        }
    }
    warning_signs.sort_by_key(|w| w.urgency);

    let line = |text: &Text, source: &str| Line {
        activity: None,
        text: text.get(lang).to_owned(),
        source: source.to_owned(),
        edited: false,
    };
    let normal = protocol
        .normal
        .iter()
        .filter(|l| l.when.matches(proc))
        .chain(&proc.normal)
        .map(|l| line(&l.text, &l.source))
        .collect();
    let not_normal = protocol
        .not_normal
        .iter()
        .filter(|l| l.when.matches(proc))
        .chain(&proc.not_normal)
        .map(|l| line(&l.text, &l.source))
        .collect();
    let pt_focus = proc
        .pt
        .focus
        .iter()
        .map(|l| line(&l.text, &l.source))
        .collect();

    let factors: Vec<AppliedFactor> = rules
        .iter()
        .map(|r| AppliedFactor {
            id: r.id.clone(),
            label: r.label.get(lang).to_owned(),
            why: r.why.get(lang).to_owned(),
            source: r.source.clone(),
        })
        .collect();

    let mut sections: Vec<Section> = Vec::new();
    for r in &rules {
        for sid in &r.sections {
            let why = line(&r.why, &r.source);
            if let Some(s) = sections.iter_mut().find(|s| &s.id == sid) {
                s.why.push(why);
            } else if let Some(def) = protocol.sections.iter().find(|s| &s.id == sid) {
                let lines: Vec<Line> = def
                    .lines
                    .iter()
                    .filter(|l| l.when.matches(proc))
                    .map(|l| line(&l.text, &l.source))
                    .collect();
                // A section with nothing to say for this procedure is left out.
                if !lines.is_empty() {
                    sections.push(Section {
                        id: def.id.clone(),
                        title: def.title.get(lang).to_owned(),
                        why: vec![why],
                        lines,
                    });
                }
            }
        }
    }

    let mut nurse_notes: Vec<NurseNote> = Vec::new();
    if proc.evidence == Evidence::ClinicDefined {
        nurse_notes.push(NurseNote {
            id: "clinic-defined".to_owned(),
            text: protocol.nurse_text.clinic_defined.get(lang).to_owned(),
            source: None,
        });
    }
    let proc_notes = proc.nurse_note.iter().filter(|n| n.when.matches(proc));
    let factor_notes = rules
        .iter()
        .flat_map(|r| r.nurse_note.iter())
        .filter(|n| n.when.matches(proc));
    for n in proc_notes.chain(factor_notes) {
        nurse_notes.push(NurseNote {
            id: n.id.clone(),
            text: n.text.get(lang).to_owned(),
            source: n.source.clone(),
        });
    }
    nurse_notes.extend(notes);
    let stay = (discharge - surgery).num_days();
    if stay > LATE_DISCHARGE_DAYS {
        nurse_notes.push(NurseNote {
            id: "late-discharge".to_owned(),
            text: protocol
                .nurse_text
                .late_discharge
                .fill(lang, &[("days", &stay.to_string())]),
            source: None,
        });
    }
    let mut dated: Vec<(String, &Text, NaiveDate)> = vec![
        ("pt-start".to_owned(), &names.pt_start, pt_start.date),
        ("driving".to_owned(), &names.driving, driving.date),
    ];
    if let Some(w) = &return_to_work {
        dated.push(("return-to-work".to_owned(), &names.return_to_work, w.date));
    }
    for (id, name, d) in dated {
        if d < discharge {
            nurse_notes.push(NurseNote {
                id: format!("before-discharge-{id}"),
                text: protocol.nurse_text.milestone_before_discharge.fill(
                    lang,
                    &[
                        ("milestone", name.get(lang)),
                        ("date", &format_date(protocol, lang, d)),
                    ],
                ),
                source: None,
            });
        }
    }

    let follow_ups = proc
        .follow_up
        .iter()
        .map(|f| FollowUp {
            day: f.day,
            date: date(f.day),
            purpose: f.purpose.get(lang).to_owned(),
            source: f.source.clone(),
        })
        .collect();

    let mut plan = Plan {
        protocol_version: protocol.version.clone(),
        language: lang.to_owned(),
        procedure: ProcedureRef {
            id: proc.id.clone(),
            name: proc.name.get(lang).to_owned(),
            patient_name: proc.patient_name.get(lang).to_owned(),
            also_called: proc.also_called.as_ref().map(|t| t.get(lang).to_owned()),
            region: proc.region,
            kind: proc.kind,
            evidence: proc.evidence,
            summary: proc.summary.get(lang).to_owned(),
            levels_noun: if levels == 1 {
                &proc.levels.noun_one
            } else {
                &proc.levels.noun
            }
            .get(lang)
            .to_owned(),
        },
        levels,
        factors,
        surgery_date: surgery,
        discharge_date: discharge,
        phases,
        pt_start,
        pt_focus,
        driving,
        return_to_work,
        return_to_work_by_job,
        follow_ups,
        warning_signs,
        normal,
        not_normal,
        sections,
        nurse_notes,
        sources: Vec::new(),
    };
    // The summary's source is cited too, though the summary is not a Line.
    let mut ids: Vec<String> = vec![proc.summary_source.clone()];
    for id in plan.cited_source_ids() {
        if !ids.iter().any(|i| i == id) {
            ids.push(id.to_owned());
        }
    }
    plan.sources = ids
        .into_iter()
        .filter_map(|id| {
            protocol.sources.get(&id).map(|s| SourceRef {
                id: s.id.clone(),
                citation: s.citation.clone(),
            })
        })
        .collect();
    Ok(plan)
}

fn job_key(m: MilestoneId, job: JobDemand) -> String {
    match m {
        MilestoneId::PtStart => "pt-start".to_owned(),
        MilestoneId::Driving => "driving".to_owned(),
        MilestoneId::ReturnToWork => format!("work-{}", job.id()),
    }
}

/// The largest day the procedure can name, plus a margin for the open-ended last phase.
fn max_day(p: &Procedure) -> u32 {
    let timings = [
        &p.pt.start,
        &p.driving,
        &p.return_to_work.sedentary,
        &p.return_to_work.light,
        &p.return_to_work.medium,
        &p.return_to_work.heavy,
        &p.return_to_work.very_heavy,
    ];
    let t = timings.iter().flat_map(|t| {
        std::iter::once(t.late_day.unwrap_or(t.day))
            .chain(t.by_levels.iter().map(|l| l.late_day.unwrap_or(l.day)))
    });
    let ph = p.phase.iter().map(|ph| ph.end_day.unwrap_or(ph.start_day));
    let fu = p.follow_up.iter().map(|f| f.day);
    t.chain(ph).chain(fu).max().unwrap_or(0) + 1
}

fn build_phases(
    protocol: &Protocol,
    proc: &Procedure,
    rules: &[&crate::protocol::FactorRule],
    driving: &Milestone,
    lang: &str,
    date: &dyn Fn(u32) -> NaiveDate,
) -> Vec<PlanPhase> {
    let item = |it: &ItemDef| Line {
        activity: Some(it.activity),
        text: it.text.get(lang).to_owned(),
        source: it.source.clone(),
        edited: false,
    };
    let t = &protocol.text;
    let driving_date = format_date(protocol, lang, driving.date);
    // A procedure's own condition on driving (a neck collar) joins every driving line.
    let with_condition = |line: String| match &proc.driving.condition {
        Some(c) => format!("{line} {}", c.get(lang)),
        None => line,
    };
    proc.phase
        .iter()
        .enumerate()
        .map(|(i, ph)| {
            let end_day = proc
                .phase
                .get(i + 1)
                .map(|next| next.start_day - 1)
                .or(ph.end_day);
            let mut restrictions = Vec::new();
            let mut allowed: Vec<Line> = Vec::new();
            let kg = ph.lifting_limit_lb.map(lb_to_kg);
            match (ph.lifting_limit_lb, &ph.lifting_source, kg) {
                (Some(lb), Some(src), Some(kg)) => {
                    let mut text = t
                        .lifting_limit
                        .fill(lang, &[("lb", &lb.to_string()), ("kg", &format_kg(kg))]);
                    if let Some(c) = protocol
                        .lifting_comparisons
                        .iter()
                        .rfind(|c| c.weight_lb <= f64::from(lb))
                    {
                        text.push(' ');
                        text.push_str(c.text.get(lang));
                    }
                    restrictions.push(Line {
                        activity: Some(Activity::Lifting),
                        text,
                        source: src.clone(),
                        edited: false,
                    });
                }
                _ => {
                    // With no set limit, the line rests on the source of the last limit.
                    let src = proc.phase[..i]
                        .iter()
                        .rev()
                        .find_map(|p| p.lifting_source.clone())
                        .unwrap_or_else(|| proc.summary_source.clone());
                    allowed.push(Line {
                        activity: Some(Activity::Lifting),
                        text: t.lifting_no_limit.get(lang).to_owned(),
                        source: src,
                        edited: false,
                    });
                }
            }
            // Driving: one line per phase, from the driving milestone, so every phase agrees
            // with the date the plan states.
            let drive_line = if end_day.is_some_and(|e| e < driving.day) {
                Some(with_condition(
                    t.driving_not_yet.fill(lang, &[("date", &driving_date)]),
                ))
            } else if ph.start_day < driving.day {
                Some(with_condition(
                    t.driving_from.fill(lang, &[("date", &driving_date)]),
                ))
            } else {
                None
            };
            allowed.extend(ph.can.iter().map(item));
            match drive_line {
                Some(text) => restrictions.push(Line {
                    activity: Some(Activity::Driving),
                    text,
                    source: driving.source.clone(),
                    edited: false,
                }),
                None => allowed.push(Line {
                    activity: Some(Activity::Driving),
                    text: with_condition(t.driving_ok.get(lang).to_owned()),
                    source: driving.source.clone(),
                    edited: false,
                }),
            }
            restrictions.extend(ph.avoid.iter().map(item));
            for r in rules {
                restrictions.extend(r.avoid.iter().map(item));
            }
            PlanPhase {
                name: ph.name.get(lang).to_owned(),
                start_day: ph.start_day,
                end_day,
                start_date: date(ph.start_day),
                end_date: end_day.map(date),
                lifting_limit_lb: ph.lifting_limit_lb,
                lifting_limit_kg: kg,
                restrictions,
                allowed,
                goals: ph.goal.iter().map(item).collect(),
            }
        })
        .collect()
}

/// Pounds to kilograms, rounded to the nearest half kilogram (what a scale shows).
fn lb_to_kg(lb: u32) -> f64 {
    // Rounded down, so the kilogram figure never allows more than the pound figure.
    let kg = f64::from(lb) * 0.453_592_37;
    (kg * 2.0).floor() / 2.0
}

/// A kilogram figure as printed: whole numbers without a decimal ("11"), halves with one
/// ("4.5").
#[must_use]
pub fn format_kg(kg: f64) -> String {
    if kg.fract() == 0.0 {
        format!("{kg:.0}")
    } else {
        format!("{kg:.1}")
    }
}

/// Writes a date in words in `lang`, e.g. "Tuesday, December 1, 2026".
#[must_use]
pub fn format_date(protocol: &Protocol, lang: &str, d: NaiveDate) -> String {
    let t = &protocol.text;
    let month = t.months[d.month0() as usize].get(lang);
    let weekday = t.weekdays[d.weekday().num_days_from_monday() as usize].get(lang);
    t.date.fill(
        lang,
        &[
            ("weekday", weekday),
            ("month", month),
            ("day", &d.day().to_string()),
            ("year", &d.year().to_string()),
        ],
    )
}
