//! The protocol: clinical content as data, parsed from TOML and validated as a whole.
//!
//! The schema types here mirror the files in `protocols/` one to one; `deny_unknown_fields`
//! makes a misspelt key an error instead of a silently missing rule. Validation then checks
//! what the schema cannot: every source id resolves, phases are contiguous from day 0, every
//! phase speaks to every required activity, and every timing only grows with levels and with
//! risk factors (so the engine can never make a plan less cautious by adding a factor).

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::error::ProtocolError;
use crate::text::Text;

/// A validated protocol: everything the engine needs, in memory.
#[derive(Debug, Clone)]
pub struct Protocol {
    /// The protocol's version, printed on every packet page.
    pub version: String,
    /// The languages every text is written in; the first is the default.
    pub languages: Vec<String>,
    /// Templates the engine fills in (lifting, driving, dates).
    pub text: EngineText,
    /// Everyday objects to compare a lifting limit with, lightest first.
    pub lifting_comparisons: Vec<LiftingComparison>,
    /// The five job demand levels, in order.
    pub jobs: Vec<JobLevel>,
    /// Warning signs every plan considers (filtered by `when`).
    pub warning_signs: Vec<WarningSignDef>,
    /// What is normal while healing, for every plan (filtered by `when`).
    pub normal: Vec<LineDef>,
    /// What is not normal, for every plan (filtered by `when`).
    pub not_normal: Vec<LineDef>,
    /// Templates for notes the engine writes for the nurse.
    pub nurse_text: NurseText,
    /// The factor rules, in the order the files list them.
    pub factors: Vec<FactorRule>,
    /// Sections a factor can add to the packet (nicotine, blood sugar, wound care).
    pub sections: Vec<SectionDef>,
    /// The procedures, in display order.
    pub procedures: Vec<Procedure>,
    /// Every citation, by id.
    pub sources: BTreeMap<String, Source>,
}

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
}

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
    /// Call the spine office today.
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
    /// A phase with no set lifting limit.
    pub lifting_no_limit: Text,
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

/// One sourced line (normal, not normal, PT focus, section text).
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
    pub normal: Vec<LineDef>,
    /// What is not normal after this procedure in particular.
    #[serde(default)]
    pub not_normal: Vec<LineDef>,
    /// Notes for the nurse.
    #[serde(default)]
    pub nurse_note: Vec<NoteDef>,
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

/// A milestone a factor moves to the later end of its range, for some procedures.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LaterDef {
    /// Which milestone.
    pub milestone: MilestoneId,
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
    /// One plain sentence for the patient: why this changes the plan.
    pub why: Text,
    /// Source of the why.
    pub source: String,
    /// Milestones moved to the later end of their range.
    #[serde(default)]
    pub later: Vec<LaterDef>,
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

/// A packet section a factor can add.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionDef {
    /// Stable id.
    pub id: String,
    /// Heading.
    pub title: Text,
    /// Its lines.
    pub lines: Vec<LineDef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProtocolFile {
    version: String,
    languages: Vec<String>,
    text: EngineText,
    nurse_text: NurseText,
    lifting_comparison: Vec<LiftingComparison>,
    job: Vec<JobLevel>,
    warning_sign: Vec<WarningSignDef>,
    normal: Vec<LineDef>,
    not_normal: Vec<LineDef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourcesFile {
    source: Vec<Source>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FactorsFile {
    factor: Vec<FactorRule>,
    section: Vec<SectionDef>,
}

const PROTOCOL_FILE: &str = "protocol.toml";
const SOURCES_FILE: &str = "sources.toml";
const FACTORS_FILE: &str = "factors.toml";
const PROCEDURES_DIR: &str = "procedures/";

fn parse<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<T, ProtocolError> {
    toml::from_str(text).map_err(|e| ProtocolError::Parse {
        file: file.to_owned(),
        message: e.to_string().trim_end().replace('\n', " "),
    })
}

impl Protocol {
    /// Parses and validates a protocol from its files, given as (path relative to the
    /// protocol folder, contents). It needs `protocol.toml`, `sources.toml`,
    /// `factors.toml` and one `procedures/<id>.toml` per procedure.
    ///
    /// # Errors
    /// The first problem found, naming the file, the procedure and the field.
    pub fn from_files<'a>(
        files: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Protocol, ProtocolError> {
        let mut main = None;
        let mut sources = None;
        let mut factors = None;
        let mut procedures = Vec::new();
        for (path, text) in files {
            match path {
                PROTOCOL_FILE => main = Some(parse::<ProtocolFile>(path, text)?),
                SOURCES_FILE => sources = Some(parse::<SourcesFile>(path, text)?),
                FACTORS_FILE => factors = Some(parse::<FactorsFile>(path, text)?),
                p if p.starts_with(PROCEDURES_DIR) && p.ends_with(".toml") => {
                    procedures.push((p.to_owned(), parse::<Procedure>(p, text)?));
                }
                other => {
                    return Err(ProtocolError::Invalid {
                        file: other.to_owned(),
                        procedure: None,
                        field: "(file)".to_owned(),
                        message: format!(
                            "unexpected file; a protocol holds {PROTOCOL_FILE}, {SOURCES_FILE}, {FACTORS_FILE} and {PROCEDURES_DIR}<id>.toml"
                        ),
                    });
                }
            }
        }
        let missing = |f: &str| ProtocolError::MissingFile { file: f.to_owned() };
        let main = main.ok_or_else(|| missing(PROTOCOL_FILE))?;
        let sources = sources.ok_or_else(|| missing(SOURCES_FILE))?;
        let factors = factors.ok_or_else(|| missing(FACTORS_FILE))?;
        if procedures.is_empty() {
            return Err(missing("procedures/<id>.toml"));
        }

        let mut source_map = BTreeMap::new();
        for (i, s) in sources.source.into_iter().enumerate() {
            let cx = Cx::new(SOURCES_FILE, None, &main.languages);
            if s.id.trim().is_empty() || s.citation.trim().is_empty() {
                return Err(cx.err(format!("source[{i}]"), "id and citation must not be empty"));
            }
            if source_map.contains_key(&s.id) {
                return Err(cx.err(
                    format!("source[{i}].id"),
                    format!("`{}` is used twice; ids must be unique", s.id),
                ));
            }
            source_map.insert(s.id.clone(), s);
        }

        procedures.sort_by(|a, b| a.1.order.cmp(&b.1.order).then(a.1.id.cmp(&b.1.id)));
        let protocol = Protocol {
            version: main.version,
            languages: main.languages,
            text: main.text,
            lifting_comparisons: main.lifting_comparison,
            jobs: main.job,
            warning_signs: main.warning_sign,
            normal: main.normal,
            not_normal: main.not_normal,
            nurse_text: main.nurse_text,
            factors: factors.factor,
            sections: factors.section,
            procedures: Vec::new(),
            sources: source_map,
        };
        let mut protocol = protocol;
        protocol.validate_shared()?;
        let mut ids = BTreeSet::new();
        for (file, p) in procedures {
            protocol.validate_procedure(&file, &p)?;
            if !ids.insert(p.id.clone()) {
                return Err(Cx::new(&file, Some(&p.id), &protocol.languages)
                    .err("id", "another procedure file has the same id"));
            }
            protocol.procedures.push(p);
        }
        protocol.validate_ids_unique()?;
        Ok(protocol)
    }

    /// The procedure with this id.
    #[must_use]
    pub fn procedure(&self, id: &str) -> Option<&Procedure> {
        self.procedures.iter().find(|p| p.id == id)
    }

    /// The factor rule with this id.
    #[must_use]
    pub fn factor(&self, id: &str) -> Option<&FactorRule> {
        self.factors.iter().find(|f| f.id == id)
    }

    /// The description of a job demand level.
    #[must_use]
    pub fn job(&self, id: JobDemand) -> Option<&JobLevel> {
        self.jobs.iter().find(|j| j.id == id)
    }

    fn validate_shared(&self) -> Result<(), ProtocolError> {
        let cx = Cx::new(PROTOCOL_FILE, None, &self.languages);
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
            cx.text(name, text)?;
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
        for (i, j) in self.jobs.iter().enumerate() {
            cx.text(&format!("job[{i}].name"), &j.name)?;
            cx.text(&format!("job[{i}].lifting"), &j.lifting)?;
            cx.text(&format!("job[{i}].examples"), &j.examples)?;
            self.source(&cx, &format!("job[{i}].source"), &j.source)?;
        }
        self.signs(&cx, "warning_sign", &self.warning_signs)?;
        self.lines(&cx, "normal", &self.normal)?;
        self.lines(&cx, "not_normal", &self.not_normal)?;

        let cx = Cx::new(FACTORS_FILE, None, &self.languages);
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
            self.lines(&cx, &format!("section[{i}].lines"), &s.lines)?;
        }
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
            cx.text(&format!("{field}.why"), &f.why)?;
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
            self.signs(&cx, &format!("{field}.warning_sign"), &f.warning_sign)?;
            self.notes(&cx, &format!("{field}.nurse_note"), &f.nurse_note)?;
        }
        Ok(())
    }

    fn validate_procedure(&self, file: &str, p: &Procedure) -> Result<(), ProtocolError> {
        let cx = Cx::new(file, Some(&p.id), &self.languages);
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

        if p.phase.is_empty() {
            return Err(cx.err("phase", "a procedure needs at least one phase"));
        }
        let mut prev_start = None;
        let mut prev_limit: Option<u32> = None;
        let last = p.phase.len() - 1;
        for (i, ph) in p.phase.iter().enumerate() {
            let f = format!("phase[{i}]");
            match prev_start {
                None if ph.start_day != 0 => {
                    return Err(cx.err(
                        format!("{f}.start_day"),
                        "the first phase must start on day 0 (the surgery date)",
                    ));
                }
                Some(prev) if ph.start_day <= prev => {
                    return Err(cx.err(
                        format!("{f}.start_day"),
                        format!("must be after the previous phase's start (day {prev})"),
                    ));
                }
                _ => {}
            }
            prev_start = Some(ph.start_day);
            if let Some(end) = ph.end_day {
                if i != last {
                    return Err(cx.err(
                        format!("{f}.end_day"),
                        "only the last phase may set end_day; the others end where the next begins",
                    ));
                }
                if end < ph.start_day {
                    return Err(cx.err(format!("{f}.end_day"), "must not be before start_day"));
                }
            }
            cx.text(&format!("{f}.name"), &ph.name)?;
            match (ph.lifting_limit_lb, &ph.lifting_source) {
                (Some(lb), Some(src)) => {
                    if lb == 0 {
                        return Err(
                            cx.err(format!("{f}.lifting_limit_lb"), "must be at least 1 pound")
                        );
                    }
                    if prev_limit.is_some_and(|p| lb < p) {
                        return Err(cx.err(
                            format!("{f}.lifting_limit_lb"),
                            "must not be lower than an earlier phase's limit",
                        ));
                    }
                    self.source(&cx, &format!("{f}.lifting_source"), src)?;
                    prev_limit = Some(lb);
                }
                (None, None) => prev_limit = Some(u32::MAX),
                (Some(_), None) => {
                    return Err(cx.err(
                        format!("{f}.lifting_source"),
                        "a lifting limit needs its source id",
                    ));
                }
                (None, Some(_)) => {
                    return Err(cx.err(
                        format!("{f}.lifting_limit_lb"),
                        "a lifting source is given but no limit",
                    ));
                }
            }
            if prev_limit == Some(u32::MAX) && ph.lifting_limit_lb.is_some() {
                return Err(cx.err(
                    format!("{f}.lifting_limit_lb"),
                    "a phase after one with no limit cannot set a limit again",
                ));
            }
            self.items(&cx, &format!("{f}.goal"), &ph.goal)?;
            self.items(&cx, &format!("{f}.can"), &ph.can)?;
            self.items(&cx, &format!("{f}.avoid"), &ph.avoid)?;
            let covered: BTreeSet<Activity> = ph
                .goal
                .iter()
                .chain(&ph.can)
                .chain(&ph.avoid)
                .map(|it| it.activity)
                .collect();
            for a in Activity::REQUIRED {
                if !covered.contains(&a) {
                    return Err(cx.err(f.clone(), format!("says nothing about `{}`; every phase must cover walking, bending, sitting, bathing, sleep, sex and exercise", activity_name(a))));
                }
            }
            for it in ph.goal.iter().chain(&ph.can).chain(&ph.avoid) {
                if it.activity == Activity::Driving {
                    return Err(cx.err(
                        f.clone(),
                        "driving lines are written by the engine from [driving]; remove this one",
                    ));
                }
            }
        }

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
        self.lines(&cx, "normal", &p.normal)?;
        self.lines(&cx, "not_normal", &p.not_normal)?;
        self.notes(&cx, "nurse_note", &p.nurse_note)?;
        Ok(())
    }

    /// Warning-sign and note ids must be unique across the whole protocol, so a packet never
    /// shows one sign twice and a template edit can name exactly one line.
    fn validate_ids_unique(&self) -> Result<(), ProtocolError> {
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
        let by_proc = self.procedures.iter().flat_map(|p| {
            p.warning_sign
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

    fn source(&self, cx: &Cx<'_>, field: &str, id: &str) -> Result<(), ProtocolError> {
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

    fn items(&self, cx: &Cx<'_>, field: &str, items: &[ItemDef]) -> Result<(), ProtocolError> {
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
            cx.text(&format!("{field}[{i}].text"), &n.text)?;
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
        if let Some(c) = &t.condition {
            cx.text(&format!("{field}.condition"), c)?;
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

/// The word for an activity in messages: every variant is one word, so its lower-cased
/// name is the kebab-case id authors write in files.
fn activity_name(a: Activity) -> String {
    format!("{a:?}").to_lowercase()
}

fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Where a validation error is: file, procedure and the languages every text needs.
struct Cx<'a> {
    file: &'a str,
    procedure: Option<&'a str>,
    languages: &'a [String],
}

impl<'a> Cx<'a> {
    fn new(file: &'a str, procedure: Option<&'a str>, languages: &'a [String]) -> Self {
        Cx {
            file,
            procedure,
            languages,
        }
    }

    fn err(&self, field: impl Into<String>, message: impl Into<String>) -> ProtocolError {
        ProtocolError::Invalid {
            file: self.file.to_owned(),
            procedure: self.procedure.map(str::to_owned),
            field: field.into(),
            message: message.into(),
        }
    }

    /// Every text must exist, non-empty, in every language of the protocol, and in no other.
    fn text(&self, field: &str, t: &Text) -> Result<(), ProtocolError> {
        for lang in self.languages {
            if t.languages().all(|l| l != lang) {
                return Err(self.err(
                    field,
                    format!(
                        "has no `{lang}` text; every text needs every language in protocol.toml"
                    ),
                ));
            }
        }
        if let Some(extra) = t
            .languages()
            .find(|l| !self.languages.iter().any(|x| x == l))
        {
            return Err(self.err(
                field,
                format!("has text in `{extra}`, which protocol.toml does not list in languages"),
            ));
        }
        if t.all().any(|s| s.trim().is_empty()) {
            return Err(self.err(field, "must not be empty"));
        }
        Ok(())
    }
}
