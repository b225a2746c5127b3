//! The schema of a procedure file: phases, timings, therapy, work, visits.

use serde::{Deserialize, Serialize};

use super::schema::{
    Activity, Applies, Evidence, JobDemand, Kind, LineDef, NormalDef, Region, WarningSignDef,
};
use crate::text::Text;

/// A milestone the engine dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MilestoneId {
    /// Physical therapy starts.
    PtStart,
    /// Driving is allowed again.
    Driving,
    /// Return to work.
    ReturnToWork,
}

/// A day, with the later end of its usual range and its value for more levels.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Timing {
    /// Day after surgery (day 0 is the surgery date).
    pub day: u32,
    /// The later end of the usual range, used when a risk factor slows healing.
    #[serde(default)]
    pub late_day: Option<u32>,
    /// The source id behind `day` (and `late_day`, unless `late_source` is given).
    pub source: String,
    /// The source id behind `late_day`, when it differs.
    #[serde(default)]
    pub late_source: Option<String>,
    /// Longer timings for more levels.
    #[serde(default)]
    pub by_levels: Vec<LevelTiming>,
    /// A condition added to every line about this milestone (for driving: "only when you
    /// no longer wear a neck collar").
    #[serde(default)]
    pub condition: Option<Text>,
    /// The range published sources give for `day`, when they give one.
    #[serde(default)]
    pub range: Option<super::PublishedRange>,
    /// Why `day` is outside `range`: required for that, and listed in the variation report.
    #[serde(default)]
    pub outside_range_reason: Option<String>,
}

impl Timing {
    /// The published range for the day at `levels`: the range is for `day`, so none once a
    /// `by_levels` entry applies.
    #[must_use]
    pub fn range_at(&self, levels: u8) -> Option<&super::PublishedRange> {
        self.range
            .as_ref()
            .filter(|_| self.by_levels.iter().all(|l| levels < l.from))
    }
}

/// A timing that applies from a number of levels up.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelTiming {
    /// Applies when levels >= this.
    pub from: u8,
    /// Day after surgery.
    pub day: u32,
    /// The later end of the range.
    #[serde(default)]
    pub late_day: Option<u32>,
    /// The source id, when it differs from the base timing's.
    #[serde(default)]
    pub source: Option<String>,
}

impl Timing {
    /// The day for `levels`, at the usual or the later end of the range, and its source.
    #[must_use]
    pub fn resolve(&self, levels: u8, late: bool) -> (u32, &str) {
        let mut day = self.day;
        let mut late_day = self.late_day;
        let mut source = self.source.as_str();
        for lt in &self.by_levels {
            if levels >= lt.from {
                day = lt.day;
                late_day = lt.late_day;
                if let Some(s) = &lt.source {
                    source = s;
                }
            }
        }
        match (late, late_day) {
            (true, Some(l)) if l != day => (l, self.late_source.as_deref().unwrap_or(source)),
            _ => (day, source),
        }
    }
}

/// The allowed number of levels for a procedure.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LevelRange {
    /// Fewest.
    pub min: u8,
    /// Most.
    pub max: u8,
    /// Used when the nurse gives none.
    pub default: u8,
    /// What is counted ("levels fused").
    pub noun: Text,
    /// The same for one ("level fused").
    pub noun_one: Text,
}

/// One line of a phase.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemDef {
    /// What it is about.
    pub activity: Activity,
    /// What the patient reads.
    pub text: Text,
    /// The source id.
    pub source: String,
}

/// A recovery phase.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhaseDef {
    /// Heading, e.g. "Weeks 1 and 2: rest and short walks".
    pub name: Text,
    /// First day of the phase (day 0 is surgery).
    pub start_day: u32,
    /// Last day of the last phase; the others end the day before the next begins. `None`
    /// on the last phase means open-ended.
    #[serde(default)]
    pub end_day: Option<u32>,
    /// The start day used when a factor holds limits longer (see [`FactorRule::hold_limits`]).
    #[serde(default)]
    pub late_start_day: Option<u32>,
    /// The source of `late_start_day`.
    #[serde(default)]
    pub late_source: Option<String>,
    /// A visit this phase's step-up waits for; completes "until ...", e.g. "your surgeon
    /// says so at your 3-month visit". A gated phase starts on a follow-up day.
    #[serde(default)]
    pub gate: Option<Text>,
    /// Lifting limit in pounds; `None` means no set limit.
    #[serde(default)]
    pub lifting_limit_lb: Option<u32>,
    /// Source of the lifting limit.
    #[serde(default)]
    pub lifting_source: Option<String>,
    /// Goals (walking).
    #[serde(default)]
    pub goal: Vec<ItemDef>,
    /// What the patient may do.
    #[serde(default)]
    pub can: Vec<ItemDef>,
    /// What the patient must avoid.
    #[serde(default)]
    pub avoid: Vec<ItemDef>,
}

/// When physical therapy starts and what it works on.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PtDef {
    /// When it starts.
    pub start: Timing,
    /// What it works on.
    pub focus: Vec<LineDef>,
}

/// Return-to-work timing for each job demand level.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReturnToWork {
    /// Sedentary work.
    pub sedentary: Timing,
    /// Light work.
    pub light: Timing,
    /// Medium work.
    pub medium: Timing,
    /// Heavy work.
    pub heavy: Timing,
    /// Very heavy work.
    pub very_heavy: Timing,
}

impl ReturnToWork {
    /// The timing for `job`.
    #[must_use]
    pub fn get(&self, job: JobDemand) -> &Timing {
        match job {
            JobDemand::Sedentary => &self.sedentary,
            JobDemand::Light => &self.light,
            JobDemand::Medium => &self.medium,
            JobDemand::Heavy => &self.heavy,
            JobDemand::VeryHeavy => &self.very_heavy,
        }
    }
}

/// A follow-up visit.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUpDef {
    /// Day after surgery.
    pub day: u32,
    /// What the visit is for.
    pub purpose: Text,
    /// The source id.
    pub source: String,
}

/// A note for the nurse, not the patient.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoteDef {
    /// Stable id.
    pub id: String,
    /// What the nurse reads.
    pub text: Text,
    /// The source id, when the note rests on one.
    #[serde(default)]
    pub source: Option<String>,
    /// Which plans it is for.
    #[serde(default)]
    pub when: Applies,
}

/// A procedure's whole protocol.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Procedure {
    /// Stable id (templates and scripts use it); equals the file name.
    pub id: String,
    /// The procedure this one builds on, when its file names one (already applied).
    #[serde(default)]
    pub base: Option<String>,
    /// Position in lists.
    pub order: u32,
    /// Clinical name, for the nurse.
    pub name: Text,
    /// Plain name, for the patient.
    pub patient_name: Text,
    /// Other names and variants (PLIF, TLIF…).
    #[serde(default)]
    pub also_called: Option<Text>,
    /// Spine region.
    pub region: Region,
    /// Kind of treatment.
    pub kind: Kind,
    /// How well evidence supports the protocol.
    pub evidence: Evidence,
    /// One plain paragraph about the recovery.
    pub summary: Text,
    /// Source of the summary.
    pub summary_source: String,
    /// Allowed levels.
    pub levels: LevelRange,
    /// The phases, from day 0.
    pub phase: Vec<PhaseDef>,
    /// Physical therapy.
    pub pt: PtDef,
    /// When driving is allowed again.
    pub driving: Timing,
    /// Return to work by job level.
    pub return_to_work: ReturnToWork,
    /// Follow-up visits.
    #[serde(default)]
    pub follow_up: Vec<FollowUpDef>,
    /// Warning signs specific to this procedure.
    #[serde(default)]
    pub warning_sign: Vec<WarningSignDef>,
    /// What is normal after this procedure in particular.
    #[serde(default)]
    pub normal: Vec<NormalDef>,
    /// Notes for the nurse.
    #[serde(default)]
    pub nurse_note: Vec<NoteDef>,
    /// The values a layer set (the clinic's changes, a surgeon's orders); not in any file.
    #[serde(skip)]
    pub set_by: Vec<super::SetBy>,
}

impl Procedure {
    /// The timing of a milestone (return to work for `job`).
    #[must_use]
    pub fn timing(&self, m: MilestoneId, job: JobDemand) -> &Timing {
        match m {
            MilestoneId::PtStart => &self.pt.start,
            MilestoneId::Driving => &self.driving,
            MilestoneId::ReturnToWork => self.return_to_work.get(job),
        }
    }
}
