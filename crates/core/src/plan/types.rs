//! The plan's types: what the engine returns, and what the app, CLI and packet read.

use std::collections::BTreeSet;

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::protocol::{Activity, Evidence, JobDemand, Kind, Region, Urgency};

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
    /// Follow-up visits the office has already booked. A visit not listed prints as
    /// "about <date>: call to book".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub booked: Vec<BookedVisit>,
}

/// A follow-up visit with a booked date (and time).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BookedVisit {
    /// The visit's planned day after surgery, as in [`FollowUp::day`].
    pub day: u32,
    /// The booked date.
    pub date: NaiveDate,
    /// The booked time, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub time: Option<NaiveTime>,
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
    /// For a "what is normal" line: the ids of the warning signs that say when it stops
    /// being normal (all of them are in the same plan).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bounded_by: Vec<String>,
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
    /// Source id of the lifting limit (or of the last limit, once there is none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lifting_source: Option<String>,
    /// The same limit in kilograms, rounded down to a whole kilogram.
    pub lifting_limit_kg: Option<f64>,
    /// The visit this phase's step-up waits for ("your surgeon says so at your 3-month
    /// visit"); until then the previous phase's limit holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gate: Option<String>,
    /// Factor ids that made this phase start later (they hold the limits until healing is
    /// confirmed).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub moved_later_by: Vec<String>,
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
    /// The range published sources give for this day, for the care team.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<crate::PublishedRange>,
    /// Why the day is outside that range, when it is (the clinic's or surgeon's reason).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outside_range_reason: Option<String>,
}

/// Return to work for one job level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WorkMilestone {
    /// Job demand level.
    pub job: JobDemand,
    /// Its name.
    pub job_name: String,
    /// What it lifts, in words ("lifts up to 20 pounds at times").
    pub job_lifting: String,
    /// Day after surgery.
    pub day: u32,
    /// Its date.
    pub date: NaiveDate,
    /// Lifting limit in effect on that day, in pounds (`None`: no set limit).
    pub lifting_limit_lb: Option<u32>,
    /// The lifting limit is below what this job lifts: back on light duty until it lifts.
    pub light_duty: bool,
    /// When every lifting limit allows what this job lifts (never before `day`).
    pub full_duty: FullDuty,
    /// Source id of the day.
    pub source: String,
    /// Factor ids that moved it later.
    pub moved_later_by: Vec<String>,
    /// The range published sources give for this day, for the care team.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<crate::PublishedRange>,
    /// Why the day is outside that range, when it is (the clinic's or surgeon's reason).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outside_range_reason: Option<String>,
}

/// The first day a job's full demands fit within every lifting limit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FullDuty {
    /// Day after surgery.
    pub day: u32,
    /// Its date.
    pub date: NaiveDate,
    /// Source id: the lifting limit that allows the job (or the return-to-work day, when
    /// the limits already allow it).
    pub source: String,
    /// The visit it waits for, when the step-up that allows it is gated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gate: Option<String>,
}

/// A warning sign in the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WarningSign {
    /// Stable id.
    pub id: String,
    /// `emergency` (call 911), `urgent` (call now, day or night) or `call_office`.
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
    /// Planned day after surgery (the protocol's day, also when booked on another date).
    pub day: u32,
    /// Its date: the booked date when booked, else the planned one.
    pub date: NaiveDate,
    /// Booked by the office (else the patient calls to book it).
    #[serde(default)]
    pub booked: bool,
    /// The booked time, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub time: Option<NaiveTime>,
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

/// A teaching section: standard for this procedure, or added by a factor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Section {
    /// Stable id (`bowels`, `opioids`, `nicotine`, `blood-sugar`).
    pub id: String,
    /// Heading.
    pub title: String,
    /// Why it is in this packet: the sentences of the factors that asked for it (none for
    /// standard teaching without a factor).
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
    /// For a clinic default: why Homeward ships it (for the care team, never the patient).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// A dated recovery plan. Every number in it carries a source id, and every source id used
/// is listed in `sources`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Plan {
    /// Version of the protocol that produced it.
    pub protocol_version: String,
    /// The surgeon whose orders it follows, when a surgeon's layer applied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub surgeon: Option<crate::SurgeonRef>,
    /// The values the clinic's protocol or the surgeon's orders set instead of the built-in
    /// protocol (every other value is the built-in one, or the protocol as given).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub set_by: Vec<crate::SetBy>,
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
    /// Every other condition on driving, as the phase lines print them: the procedure's (a
    /// brace, a neck collar) and the factors' (a weak right leg). The packet prints them
    /// with the driving date, so the key date never says less than the phases.
    pub driving_conditions: Vec<Line>,
    /// Return to work for the patient's job, when one was given.
    pub return_to_work: Option<WorkMilestone>,
    /// Return to work for every job level.
    pub return_to_work_by_job: Vec<WorkMilestone>,
    /// Follow-up visits.
    pub follow_ups: Vec<FollowUp>,
    /// Warning signs, emergencies first.
    pub warning_signs: Vec<WarningSign>,
    /// What is normal, each line bound to the signs that say when it is not.
    pub normal: Vec<Line>,
    /// Teaching sections: standard ones for this kind of procedure, and those factors add.
    pub sections: Vec<Section>,
    /// Notes for the nurse.
    pub nurse_notes: Vec<NurseNote>,
    /// For a plan in another language than the nurse's: what the chart names in the nurse's
    /// language (the care-team sheet's summary is pasted into the chart).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub chart: Option<ChartNames>,
    /// Every source the plan cites.
    pub sources: Vec<SourceRef>,
}

/// The plan's names in the nurse's language, for the chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChartNames {
    /// The procedure's name.
    pub procedure: String,
    /// What its levels count ("levels fused").
    pub levels_noun: String,
    /// The teaching sections' titles, in the plan's order.
    pub topics: Vec<String>,
    /// The risk factors' labels, in the plan's order.
    pub factors: Vec<String>,
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
            .chain(&self.driving_conditions);
        let section_lines = self
            .sections
            .iter()
            .flat_map(|s| s.why.iter().chain(&s.lines));
        let all = lines
            .chain(section_lines)
            .map(|l| l.source.as_str())
            .chain([self.pt_start.source.as_str(), self.driving.source.as_str()])
            .chain(
                self.return_to_work_by_job
                    .iter()
                    .flat_map(|w| [w.source.as_str(), w.full_duty.source.as_str()]),
            )
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
