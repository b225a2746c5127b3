//! The protocol's file schema: the types serde reads from `protocols/`, one to one.
//!
//! `deny_unknown_fields` makes a misspelt key an error instead of a silently missing rule.

use serde::{Deserialize, Serialize};

use super::procedure::{ItemDef, MilestoneId, NoteDef, Procedure};
use crate::text::Text;

/// A citation that backs a number or a sign.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Stable id, used by every rule that cites it.
    pub id: String,
    /// The full citation as a reader would look it up.
    pub citation: String,
    /// What kind of source this is (study, review, guideline, web, reference, clinic).
    pub kind: String,
    /// Where the source can be read, when it is public.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// For a `clinic-default`: why Homeward ships this value or sentence when no published
    /// source says it. Required for that kind, so no default is ever unexplained.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// The kinds of source a citation may be. `orders` is a surgeon's or the clinic's own
/// standing orders (a surgeon's layer cites them for what it changes).
pub const SOURCE_KINDS: [&str; 8] = [
    "study",
    "review",
    "survey",
    "guideline",
    "web",
    "reference",
    "orders",
    CLINIC_DEFAULT,
];

/// The kind of a source that is Homeward's own default rather than a published figure.
pub const CLINIC_DEFAULT: &str = "clinic-default";

/// Spine region a procedure is on; some warning signs apply to one region only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Region {
    /// Lower back.
    Lumbar,
    /// Neck.
    Cervical,
}

/// What kind of treatment a procedure is; factor rules target kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Kind {
    /// Bones are joined; healing is bone growth over months.
    Fusion,
    /// Pressure is taken off a nerve; nothing is fused.
    Decompression,
    /// A non-surgical injection.
    Injection,
}

/// How well the evidence supports a procedure's protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Evidence {
    /// Figures come from published studies and surgeon surveys.
    Published,
    /// Figures are the clinic's own; the evidence for the treatment is uncertain.
    ClinicDefined,
}

/// How fast a warning sign needs action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Urgency {
    /// Call 911.
    Emergency,
    /// Call us now, day or night; if no one answers, go to the emergency room.
    Urgent,
    /// Call the office during office hours.
    CallOffice,
}

/// A job's physical demand level (US Dictionary of Occupational Titles strength levels).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum JobDemand {
    /// Lifts up to 10 lb now and then; mostly sitting.
    Sedentary,
    /// Lifts up to 20 lb now and then.
    Light,
    /// Lifts 20 to 50 lb now and then.
    Medium,
    /// Lifts 50 to 100 lb now and then.
    Heavy,
    /// Lifts over 100 lb now and then.
    VeryHeavy,
}

impl JobDemand {
    /// All levels, least demanding first.
    pub const ALL: [JobDemand; 5] = [
        JobDemand::Sedentary,
        JobDemand::Light,
        JobDemand::Medium,
        JobDemand::Heavy,
        JobDemand::VeryHeavy,
    ];

    /// The id used in files, flags and JSON.
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            JobDemand::Sedentary => "sedentary",
            JobDemand::Light => "light",
            JobDemand::Medium => "medium",
            JobDemand::Heavy => "heavy",
            JobDemand::VeryHeavy => "very-heavy",
        }
    }

    /// Parses an id; the error lists what is allowed.
    ///
    /// # Errors
    /// When `s` is not one of the five ids.
    pub fn parse(s: &str) -> Result<JobDemand, String> {
        JobDemand::ALL
            .into_iter()
            .find(|j| j.id() == s)
            .ok_or_else(|| {
                let allowed: Vec<_> = JobDemand::ALL.iter().map(|j| j.id()).collect();
                format!(
                    "job: unknown job level `{s}`; allowed: {}",
                    allowed.join(", ")
                )
            })
    }
}

/// An activity a phase line is about. The required ones must be covered by every phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Activity {
    /// Walking, the main goal early on.
    Walking,
    /// Lifting (the engine writes the limit line from the phase's number).
    Lifting,
    /// Bending and twisting.
    Bending,
    /// Sitting and standing still.
    Sitting,
    /// Driving (the engine writes the line from the driving milestone).
    Driving,
    /// Showers, baths and the incision.
    Bathing,
    /// Sleep and lying down.
    Sleep,
    /// Sex.
    Sex,
    /// Exercise and sport.
    Exercise,
    /// Stairs.
    Stairs,
    /// A brace or neck collar.
    Brace,
    /// Housework and chores.
    Housework,
    /// Smoking, vaping and other nicotine.
    Nicotine,
    /// Medicines.
    Medicine,
    /// Work.
    Work,
    /// Eating and drinking.
    Eating,
}

impl Activity {
    /// Activities every phase must say something about (lifting and driving are written by
    /// the engine from the phase's numbers, so they are always covered).
    pub const REQUIRED: [Activity; 7] = [
        Activity::Walking,
        Activity::Bending,
        Activity::Sitting,
        Activity::Bathing,
        Activity::Sleep,
        Activity::Sex,
        Activity::Exercise,
    ];
}

/// Which plans a shared line applies to. An empty list means "any".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Applies {
    /// Regions it applies to.
    #[serde(default)]
    pub regions: Vec<Region>,
    /// Kinds it applies to.
    #[serde(default)]
    pub kinds: Vec<Kind>,
    /// Procedure ids it applies to.
    #[serde(default)]
    pub procedures: Vec<String>,
}

impl Applies {
    /// Whether this applies to `p`.
    #[must_use]
    pub fn matches(&self, p: &Procedure) -> bool {
        (self.regions.is_empty() || self.regions.contains(&p.region))
            && (self.kinds.is_empty() || self.kinds.contains(&p.kind))
            && (self.procedures.is_empty() || self.procedures.contains(&p.id))
    }
}

/// Templates the engine fills in. Each is a [`Text`] with `{placeholders}`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EngineText {
    /// `{lb}`, `{kg}`: the lifting limit of a phase.
    pub lifting_limit: Text,
    /// `{prev_lb}`, `{prev_kg}`, `{gate}`, `{lb}`, `{kg}`: a step-up that waits for a visit.
    pub lifting_limit_gated: Text,
    /// A phase with no set lifting limit.
    pub lifting_no_limit: Text,
    /// `{prev_lb}`, `{prev_kg}`, `{gate}`: the limit ends, but only after a visit.
    pub lifting_no_limit_gated: Text,
    /// A phase that ends before driving is allowed; `{date}` is the driving date.
    pub driving_not_yet: Text,
    /// A phase in which driving becomes allowed on `{date}`.
    pub driving_from: Text,
    /// A phase that starts after driving is allowed.
    pub driving_ok: Text,
    /// How a date is written: `{weekday}`, `{month}`, `{day}`, `{year}`.
    pub date: Text,
    /// Month names, January first.
    pub months: Vec<Text>,
    /// Weekday names, Monday first.
    pub weekdays: Vec<Text>,
}

/// Templates for notes the engine writes for the nurse.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NurseText {
    /// `{days}`: discharge is unusually long after surgery.
    pub late_discharge: Text,
    /// `{milestone}`, `{date}`: a milestone falls before the discharge date.
    pub milestone_before_discharge: Text,
    /// The procedure's protocol is clinic-defined.
    pub clinic_defined: Text,
    /// `{milestone}`, `{from}`, `{to}`, `{factors}`: factors moved a milestone later.
    pub moved_later: Text,
    /// `{factors}`: factors hold the lifting limits until later visits.
    pub held_limits: Text,
    /// Names of the milestones, for the notes above.
    pub milestone_names: MilestoneNames,
}

/// Nurse-facing names of the milestones.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MilestoneNames {
    /// Physical therapy start.
    pub pt_start: Text,
    /// Driving.
    pub driving: Text,
    /// Return to work.
    pub return_to_work: Text,
}

/// An everyday object a lifting limit is compared with.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LiftingComparison {
    /// What the object weighs; it is shown for limits of at least this many pounds.
    pub weight_lb: f64,
    /// The comparison sentence.
    pub text: Text,
    /// Where the object's weight comes from.
    pub source: String,
}

/// A job demand level as the protocol describes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JobLevel {
    /// Which level.
    pub id: JobDemand,
    /// The most this level lifts now and then, in pounds; none for very heavy work (over
    /// 100 lb). A lifting limit below it means going back on light duty.
    #[serde(default)]
    pub lifts_up_to_lb: Option<u32>,
    /// Its name.
    pub name: Text,
    /// What it means in lifting, in words.
    pub lifting: Text,
    /// Everyday examples of jobs at this level, for the nurse picking one.
    pub examples: Text,
    /// Where the definition comes from.
    pub source: String,
}

/// One sourced line (PT focus, a factor's why).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LineDef {
    /// What the patient reads.
    pub text: Text,
    /// The source id behind it.
    pub source: String,
    /// Which plans it is for (shared lines only).
    #[serde(default)]
    pub when: Applies,
}

/// A "what is normal" line, bound to the signs that say when it stops being normal.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NormalDef {
    /// What the patient reads.
    pub text: Text,
    /// The source id behind it.
    pub source: String,
    /// Which plans it is for (shared lines only).
    #[serde(default)]
    pub when: Applies,
    /// Ids of the warning signs that mark where this stops being normal. Each must be in
    /// every plan the line reaches, so the packet never calls something normal without the
    /// sign that bounds it.
    pub bounded_by: Vec<String>,
}

/// One line of a teaching section.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionLineDef {
    /// What the patient reads.
    pub text: Text,
    /// The source id behind it.
    pub source: String,
    /// Which plans it is for.
    #[serde(default)]
    pub when: Applies,
    /// Only when one of these factors applies (empty: always).
    #[serde(default)]
    pub factors: Vec<String>,
}

/// A warning sign.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WarningSignDef {
    /// Stable id; unique across the protocol.
    pub id: String,
    /// How fast to act.
    pub urgency: Urgency,
    /// What the patient reads.
    pub text: Text,
    /// A few words for the wallet card ("Chest pain"); the card uses `text` without one.
    #[serde(default)]
    pub short: Option<Text>,
    /// The source id behind it.
    pub source: String,
    /// Which plans it is for (shared signs only).
    #[serde(default)]
    pub when: Applies,
}

/// A milestone a factor moves to the later end of its range, for some procedures.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LaterDef {
    /// Which milestone.
    pub milestone: MilestoneId,
    /// For return to work: which jobs (empty: all).
    #[serde(default)]
    pub jobs: Vec<JobDemand>,
    /// For which procedures.
    #[serde(default)]
    pub when: Applies,
}

/// A risk factor and what it changes.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactorRule {
    /// Stable id.
    pub id: String,
    /// Short label, for the nurse.
    pub label: Text,
    /// One plain sentence for the patient: why this changes the plan. The first entry whose
    /// `when` matches the procedure is used, so the reason fits the kind of treatment.
    pub why: Vec<LineDef>,
    /// Source of what the factor changes (the milestones it moves, the limits it holds).
    pub source: String,
    /// Milestones moved to the later end of their range.
    #[serde(default)]
    pub later: Vec<LaterDef>,
    /// For matching procedures, phases with a `late_start_day` start then instead: the
    /// lifting limits (and the lines that go with them) last until healing is confirmed.
    #[serde(default)]
    pub hold_limits: Option<Applies>,
    /// Sections added to the packet.
    #[serde(default)]
    pub sections: Vec<String>,
    /// Lines added to what to avoid in every phase.
    #[serde(default)]
    pub avoid: Vec<ItemDef>,
    /// Warning signs added.
    #[serde(default)]
    pub warning_sign: Vec<WarningSignDef>,
    /// Notes for the nurse.
    #[serde(default)]
    pub nurse_note: Vec<NoteDef>,
}

impl FactorRule {
    /// The why that fits `p`, with its source.
    #[must_use]
    pub fn why_for(&self, p: &Procedure) -> Option<&LineDef> {
        self.why.iter().find(|w| w.when.matches(p))
    }
}

/// A teaching section: standard for some procedures, or added by a factor.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionDef {
    /// Stable id.
    pub id: String,
    /// Heading.
    pub title: Text,
    /// In every plan that matches, whatever the factors (standard teaching). Without it, a
    /// section appears only when a factor asks for it.
    #[serde(default)]
    pub standard: Option<Applies>,
    /// Its lines.
    pub lines: Vec<SectionLineDef>,
}
