// Generated from the Rust types by homeward-app (ts-rs). Do not edit by hand:
// `UPDATE_EXPECT=1 cargo test -p homeward-app --test app` rewrites it.

export type Catalog = { 
/**
 * Procedures, in display order.
 */
procedures: Array<ProcedureOption>, 
/**
 * Risk factors.
 */
factors: Array<FactorOption>, 
/**
 * Job levels.
 */
jobs: Array<JobOption>, 
/**
 * The protocol version.
 */
protocol_version: string, 
/**
 * Whose protocol is in use, for the nurse: the built-in one, or the clinic's version
 * with its approval.
 */
protocol_source: string, 
/**
 * A warning for the nurse while the clinic's protocol is unapproved or overdue for
 * review; shown on the packet screen.
 */
protocol_warning: string | null, 
/**
 * The surgeons whose own orders the protocol holds, by name: a packet for one of them
 * follows those orders.
 */
surgeons_with_orders: Array<string>, };

export type ProcedureOption = { 
/**
 * Stable id.
 */
id: string, 
/**
 * Clinical name.
 */
name: string, 
/**
 * Other names, for search (PLIF, TLIF…).
 */
also_called: string | null, 
/**
 * Fewest levels.
 */
levels_min: number, 
/**
 * Most levels.
 */
levels_max: number, 
/**
 * Usual number of levels.
 */
levels_default: number, 
/**
 * What is counted ("levels fused").
 */
levels_noun: string, 
/**
 * The protocol is the clinic's own, not published figures.
 */
clinic_defined: boolean, };

export type FactorOption = { 
/**
 * Factor id.
 */
id: string, 
/**
 * Its label.
 */
label: string, };

export type JobOption = { 
/**
 * The level.
 */
id: JobDemand, 
/**
 * Its name.
 */
name: string, 
/**
 * What it means in lifting.
 */
lifting: string, 
/**
 * Example jobs.
 */
examples: string, };

export type CaseForm = { 
/**
 * Procedure id.
 */
procedure: string, 
/**
 * Levels; `None` takes the procedure's usual number.
 */
levels: number | null, 
/**
 * Risk factor ids.
 */
factors: Array<string>, 
/**
 * Job level.
 */
job: JobDemand | null, 
/**
 * Surgery date, YYYY-MM-DD.
 */
surgery_date: string, 
/**
 * Discharge date, YYYY-MM-DD; empty means the surgery date.
 */
discharge_date: string, 
/**
 * Patient name (never stored unless history is on).
 */
patient_name: string, 
/**
 * Date of birth, YYYY-MM-DD, optional.
 */
date_of_birth: string, 
/**
 * Medical record number, optional.
 */
mrn: string, 
/**
 * Surgeon, optional.
 */
surgeon: string, 
/**
 * The nurse's initials; required only while packet history is on.
 */
nurse: string, 
/**
 * The nurse's text edits.
 */
edits: Array<PlanEdit>, 
/**
 * The follow-up visits the office has booked (per patient: never in a template).
 */
booked: Array<BookingForm>, 
/**
 * The packet's language (`en`, `es`); empty takes the clinic's default (settings).
 */
language: string, };

export type TranslationStatus = { 
/**
 * The language (`es`).
 */
language: string, 
/**
 * The review of exactly the texts in use, when one is recorded.
 */
reviewed: TranslationReview | null, 
/**
 * Otherwise, the newest review of earlier texts: the text has changed since.
 */
earlier: TranslationReview | null, 
/**
 * What the nurse is told before printing, while the text is not reviewed.
 */
warning: string | null, };

export type TranslationReview = { 
/**
 * The SHA-256 of the texts reviewed.
 */
texts_sha256: string, 
/**
 * The protocol version as printed when it was recorded.
 */
protocol_version: string, 
/**
 * When it was recorded (UTC, ISO 8601).
 */
recorded_at: string, 
/**
 * The language reviewed (`es`).
 */
language: string, 
/**
 * The translator's name.
 */
reviewer: string, 
/**
 * Their qualification (e.g. CHI-Spanish, CMI-Spanish, ATA-certified).
 */
credential: string, 
/**
 * The day they finished the review.
 */
reviewed_on: string, 
/**
 * Initials of who entered it.
 */
recorded_by: string, };

export type NewReview = { 
/**
 * The language reviewed (`es`).
 */
language: string, 
/**
 * The translator's name.
 */
reviewer: string, 
/**
 * Their qualification (e.g. CHI-Spanish, CMI-Spanish, ATA-certified).
 */
credential: string, 
/**
 * The day they finished the review.
 */
reviewed_on: string, 
/**
 * Initials of who entered it.
 */
recorded_by: string, };

export type Documents = { 
/**
 * The patient's packet (recorded in history while history is on).
 */
packet: boolean, 
/**
 * The care-team sheet, for the nurse and the chart: never for the patient, and never
 * recorded in history.
 */
care_sheet: boolean, };

export type BookingForm = { 
/**
 * The visit's planned day after surgery (`Plan.follow_ups[i].day`): which visit.
 */
day: number, 
/**
 * The booked date, YYYY-MM-DD; empty when not booked.
 */
date: string, 
/**
 * The booked time, HH:MM (24-hour) or h:mm AM/PM; empty when not known.
 */
time: string, };

export type Preview = { 
/**
 * The plan, when the case fields are valid.
 */
plan: Plan | null, 
/**
 * Problems, each next to its field.
 */
errors: Array<FieldError>, 
/**
 * Whether a packet can be printed (no errors, including the patient fields).
 */
printable: boolean, };

export type FieldError = { 
/**
 * The form field (`procedure`, `levels`, `surgery_date`, `discharge_date`, `job`,
 * `factors`, `patient_name`, `date_of_birth`, `clinic_phone`, `surgeon`, `mrn`).
 */
field: string, 
/**
 * What is wrong and what is allowed.
 */
message: string, };

export type AppError = { 
/**
 * What went wrong and what to do.
 */
message: string, 
/**
 * The fields at fault, when the problem is in the form.
 */
fields: Array<FieldError>, };

export type Plan = { 
/**
 * Version of the protocol that produced it.
 */
protocol_version: string, 
/**
 * The surgeon whose orders it follows, when a surgeon's layer applied.
 */
surgeon?: SurgeonRef | null, 
/**
 * The values the clinic's protocol or the surgeon's orders set instead of the built-in
 * protocol (every other value is the built-in one, or the protocol as given).
 */
set_by?: Array<SetBy>, 
/**
 * Language of the text.
 */
language: string, 
/**
 * The procedure.
 */
procedure: ProcedureRef, 
/**
 * Levels fused or operated.
 */
levels: number, 
/**
 * Factors that apply, in protocol order.
 */
factors: Array<AppliedFactor>, 
/**
 * Day 0.
 */
surgery_date: string, 
/**
 * Discharge date.
 */
discharge_date: string, 
/**
 * Phases, contiguous from day 0.
 */
phases: Array<PlanPhase>, 
/**
 * Physical therapy start.
 */
pt_start: Milestone, 
/**
 * What physical therapy works on.
 */
pt_focus: Array<Line>, 
/**
 * When driving is allowed again (only when off opioid pain medicine).
 */
driving: Milestone, 
/**
 * Every other condition on driving, as the phase lines print them: the procedure's (a
 * brace, a neck collar) and the factors' (a weak right leg). The packet prints them
 * with the driving date, so the key date never says less than the phases.
 */
driving_conditions: Array<Line>, 
/**
 * Return to work for the patient's job, when one was given.
 */
return_to_work: WorkMilestone | null, 
/**
 * Return to work for every job level.
 */
return_to_work_by_job: Array<WorkMilestone>, 
/**
 * Follow-up visits.
 */
follow_ups: Array<FollowUp>, 
/**
 * Warning signs, emergencies first.
 */
warning_signs: Array<WarningSign>, 
/**
 * What is normal, each line bound to the signs that say when it is not.
 */
normal: Array<Line>, 
/**
 * Teaching sections: standard ones for this kind of procedure, and those factors add.
 */
sections: Array<Section>, 
/**
 * Notes for the nurse.
 */
nurse_notes: Array<NurseNote>, 
/**
 * For a plan in another language than the nurse's: what the chart names in the nurse's
 * language (the care-team sheet's summary is pasted into the chart).
 */
chart?: ChartNames, 
/**
 * Every source the plan cites.
 */
sources: Array<SourceRef>, };

export type PlanPhase = { 
/**
 * Heading.
 */
name: string, 
/**
 * First day (0 = surgery).
 */
start_day: number, 
/**
 * Last day, inclusive; `None` when open-ended.
 */
end_day: number | null, 
/**
 * Date of the first day.
 */
start_date: string, 
/**
 * Date of the last day.
 */
end_date: string | null, 
/**
 * Lifting limit in pounds; `None` means no set limit.
 */
lifting_limit_lb: number | null, 
/**
 * Source id of the lifting limit (or of the last limit, once there is none).
 */
lifting_source?: string | null, 
/**
 * The same limit in kilograms, rounded down to a whole kilogram.
 */
lifting_limit_kg: number | null, 
/**
 * The visit this phase's step-up waits for ("your surgeon says so at your 3-month
 * visit"); until then the previous phase's limit holds.
 */
gate?: string | null, 
/**
 * Factor ids that made this phase start later (they hold the limits until healing is
 * confirmed).
 */
moved_later_by?: Array<string>, 
/**
 * What to avoid (the restrictions), the lifting line first while there is a limit.
 */
restrictions: Array<Line>, 
/**
 * What the patient may do (the "no set lifting limit" line first, once limits end).
 */
allowed: Array<Line>, 
/**
 * Goals.
 */
goals: Array<Line>, };

export type ChartNames = { 
/**
 * The procedure's name.
 */
procedure: string, 
/**
 * What its levels count ("levels fused").
 */
levels_noun: string, 
/**
 * The teaching sections' titles, in the plan's order.
 */
topics: Array<string>, 
/**
 * The risk factors' labels, in the plan's order.
 */
factors: Array<string>, };

export type Line = { 
/**
 * What it is about, for phase lines.
 */
activity?: Activity | null, 
/**
 * The sentence.
 */
text: string, 
/**
 * Source id.
 */
source: string, 
/**
 * Changed or added by the nurse (see [`crate::PlanEdit`]).
 */
edited?: boolean, 
/**
 * For a "what is normal" line: the ids of the warning signs that say when it stops
 * being normal (all of them are in the same plan).
 */
bounded_by?: Array<string>, };

export type Milestone = { 
/**
 * Day after surgery.
 */
day: number, 
/**
 * Its date.
 */
date: string, 
/**
 * Source id of the day.
 */
source: string, 
/**
 * Factor ids that moved it to the later end of its range.
 */
moved_later_by: Array<string>, 
/**
 * The range published sources give for this day, for the care team.
 */
range?: PublishedRange | null, 
/**
 * Why the day is outside that range, when it is (the clinic's or surgeon's reason).
 */
outside_range_reason?: string | null, };

export type WorkMilestone = { 
/**
 * Job demand level.
 */
job: JobDemand, 
/**
 * Its name.
 */
job_name: string, 
/**
 * What it lifts, in words ("lifts up to 20 pounds at times").
 */
job_lifting: string, 
/**
 * Day after surgery.
 */
day: number, 
/**
 * Its date.
 */
date: string, 
/**
 * Lifting limit in effect on that day, in pounds (`None`: no set limit).
 */
lifting_limit_lb: number | null, 
/**
 * The lifting limit is below what this job lifts: back on light duty until it lifts.
 */
light_duty: boolean, 
/**
 * When every lifting limit allows what this job lifts (never before `day`).
 */
full_duty: FullDuty, 
/**
 * Source id of the day.
 */
source: string, 
/**
 * Factor ids that moved it later.
 */
moved_later_by: Array<string>, 
/**
 * The range published sources give for this day, for the care team.
 */
range?: PublishedRange | null, 
/**
 * Why the day is outside that range, when it is (the clinic's or surgeon's reason).
 */
outside_range_reason?: string | null, };

export type FullDuty = { 
/**
 * Day after surgery.
 */
day: number, 
/**
 * Its date.
 */
date: string, 
/**
 * Source id: the lifting limit that allows the job (or the return-to-work day, when
 * the limits already allow it).
 */
source: string, 
/**
 * The visit it waits for, when the step-up that allows it is gated.
 */
gate?: string | null, };

export type WarningSign = { 
/**
 * Stable id.
 */
id: string, 
/**
 * `emergency` (call 911), `urgent` (call now, day or night) or `call_office`.
 */
urgency: Urgency, 
/**
 * What the patient reads.
 */
text: string, 
/**
 * A few words for the wallet card.
 */
short: string, 
/**
 * Source id.
 */
source: string, };

export type FollowUp = { 
/**
 * Planned day after surgery (the protocol's day, also when booked on another date).
 */
day: number, 
/**
 * Its date: the booked date when booked, else the planned one.
 */
date: string, 
/**
 * Booked by the office (else the patient calls to book it).
 */
booked: boolean, 
/**
 * The booked time, when known.
 */
time?: string | null, 
/**
 * What it is for.
 */
purpose: string, 
/**
 * Source id.
 */
source: string, };

export type AppliedFactor = { 
/**
 * Factor id.
 */
id: string, 
/**
 * Nurse-facing label.
 */
label: string, 
/**
 * The plain sentence the patient reads.
 */
why: string, 
/**
 * Source id.
 */
source: string, };

export type Section = { 
/**
 * Stable id (`bowels`, `opioids`, `nicotine`, `blood-sugar`).
 */
id: string, 
/**
 * Heading.
 */
title: string, 
/**
 * Why it is in this packet: the sentences of the factors that asked for it (none for
 * standard teaching without a factor).
 */
why: Array<Line>, 
/**
 * Its lines.
 */
lines: Array<Line>, };

export type NurseNote = { 
/**
 * Stable id.
 */
id: string, 
/**
 * What the nurse reads.
 */
text: string, 
/**
 * Source id, when there is one.
 */
source: string | null, };

export type SourceRef = { 
/**
 * Source id.
 */
id: string, 
/**
 * Full citation.
 */
citation: string, 
/**
 * For a clinic default: why Homeward ships it (for the care team, never the patient).
 */
reason?: string | null, };

export type ProcedureRef = { 
/**
 * Stable id.
 */
id: string, 
/**
 * Clinical name.
 */
name: string, 
/**
 * Plain name for the patient.
 */
patient_name: string, 
/**
 * Other names.
 */
also_called: string | null, 
/**
 * Spine region.
 */
region: Region, 
/**
 * Kind of treatment.
 */
kind: Kind, 
/**
 * Evidence label.
 */
evidence: Evidence, 
/**
 * One plain paragraph.
 */
summary: string, 
/**
 * What the level count means ("levels fused").
 */
levels_noun: string, };

export type SurgeonRef = { 
/**
 * The file's stem, as `--surgeon` names it.
 */
id: string, 
/**
 * The surgeon's name, as printed.
 */
name: string, };

export type SetBy = { 
/**
 * The field in the procedure's file, as a dotted path (`driving.day`,
 * `phase[0].lifting_limit_lb`, `phase[1].avoid[bending].text`).
 */
field: string, 
/**
 * Who set it.
 */
layer: Layer, };

export type Layer = { "kind": "clinic" } | { "kind": "surgeon" } & SurgeonRef;

export type PublishedRange = { 
/**
 * The earliest day the sources give.
 */
min?: number | null, 
/**
 * The latest day the sources give.
 */
max?: number | null, 
/**
 * The published sources that give it.
 */
sources: Array<string>, };

export type PlanEdit = { 
/**
 * The line to change; `None` adds a line at the end.
 */
line: number | null, 
/**
 * For a change: the line's text when the edit was made. The edit applies only while
 * the line still says this, so a protocol update or another procedure can never have
 * a different line silently replaced.
 */
original?: string | null, 
/**
 * The new text.
 */
text: string, 
/**
 * The language the text is written in; `None` is the protocol's first (English), as
 * every edit saved before the Spanish edition. An edit applies only to a plan in its
 * language: a packet in another language needs the line written in that one too.
 */
language?: string | null, } & ({ "list": "goals", 
/**
 * Phase index, from 0.
 */
phase: number, } | { "list": "allowed", 
/**
 * Phase index, from 0.
 */
phase: number, } | { "list": "restrictions", 
/**
 * Phase index, from 0.
 */
phase: number, } | { "list": "pt_focus" } | { "list": "normal" } | { "list": "not_normal" });

export type HistoryRow = { 
/**
 * Id, for re-printing and deleting (a JSON number: ids stay far below 2^53).
 */
id: number, 
/**
 * When it was made (UTC, ISO 8601).
 */
printed_at: string, 
/**
 * The nurse's initials.
 */
nurse_initials: string, 
/**
 * The procedure's name.
 */
procedure: string, 
/**
 * The surgery date.
 */
surgery_date: string, 
/**
 * The patient's name.
 */
patient_name: string, 
/**
 * The date printed on the packet.
 */
printed_on: string, };

export type ImportReport = { 
/**
 * New templates.
 */
added: Array<string>, 
/**
 * Existing templates replaced.
 */
replaced: Array<string>, 
/**
 * Existing templates kept (the imported one skipped).
 */
skipped: Array<string>, 
/**
 * Imported under a new name: (name in the file, name saved).
 */
renamed: Array<[string, string]>, 
/**
 * Whether the settings were imported too.
 */
settings: boolean, };

export type EditTarget = { "list": "goals", 
/**
 * Phase index, from 0.
 */
phase: number, } | { "list": "allowed", 
/**
 * Phase index, from 0.
 */
phase: number, } | { "list": "restrictions", 
/**
 * Phase index, from 0.
 */
phase: number, } | { "list": "pt_focus" } | { "list": "normal" } | { "list": "not_normal" };

export type JobDemand = "sedentary" | "light" | "medium" | "heavy" | "very-heavy";

export type Activity = "walking" | "lifting" | "bending" | "sitting" | "driving" | "bathing" | "sleep" | "sex" | "exercise" | "stairs" | "brace" | "housework" | "nicotine" | "medicine" | "work" | "eating";

export type Region = "lumbar" | "cervical";

export type Kind = "fusion" | "decompression" | "injection";

export type Evidence = "published" | "clinic-defined";

export type Urgency = "emergency" | "urgent" | "call_office";

export type TemplateSummary = { 
/**
 * Name.
 */
name: string, 
/**
 * Procedure id.
 */
procedure: string, 
/**
 * Levels.
 */
levels: number | null, 
/**
 * Job demand level.
 */
job: JobDemand | null, 
/**
 * Surgeon.
 */
surgeon: string | null, 
/**
 * Last change.
 */
updated_at: string, };

export type Template = { 
/**
 * When it was created (UTC, ISO 8601).
 */
created_at: string, 
/**
 * When it was last changed (UTC, ISO 8601).
 */
updated_at: string, 
/**
 * Unique name, ignoring case.
 */
name: string, 
/**
 * Procedure id.
 */
procedure: string, 
/**
 * Levels; `None` uses the procedure's default.
 */
levels: number | null, 
/**
 * Risk factor ids.
 */
factors: Array<string>, 
/**
 * Job demand level.
 */
job: JobDemand | null, 
/**
 * Surgeon's name.
 */
surgeon: string | null, 
/**
 * The nurse's edits to the plan's text.
 */
edits: Array<PlanEdit>, 
/**
 * The language its packets print in (`en`, `es`); `None` is the clinic's default.
 */
language: string | null, };

export type TemplateInput = { 
/**
 * Unique name, ignoring case.
 */
name: string, 
/**
 * Procedure id.
 */
procedure: string, 
/**
 * Levels; `None` uses the procedure's default.
 */
levels: number | null, 
/**
 * Risk factor ids.
 */
factors: Array<string>, 
/**
 * Job demand level.
 */
job: JobDemand | null, 
/**
 * Surgeon's name.
 */
surgeon: string | null, 
/**
 * The nurse's edits to the plan's text.
 */
edits: Array<PlanEdit>, 
/**
 * The language its packets print in (`en`, `es`); `None` is the clinic's default.
 */
language: string | null, };

export type Settings = { 
/**
 * Clinic name, printed on the cover.
 */
clinic_name: string | null, 
/**
 * Spine office phone.
 */
clinic_phone: string | null, 
/**
 * After-hours phone.
 */
after_hours_phone: string | null, 
/**
 * The office's hours, printed with "call the office during office hours".
 */
office_hours: string | null, 
/**
 * Paper: `letter` or `a4`.
 */
paper: string, 
/**
 * Large print by default.
 */
large_print: boolean, 
/**
 * Keep packet history (off unless the nurse turns it on).
 */
history: boolean, 
/**
 * The packet's language unless the form or the template says otherwise: `en` or `es`.
 */
language: string, 
/**
 * Surgeons, by name.
 */
surgeons: Array<Surgeon>, };

export type Surgeon = { 
/**
 * Name as printed.
 */
name: string, 
/**
 * Phone, when the surgeon has a direct line.
 */
phone: string | null, 
/**
 * Picked first for a new packet.
 */
is_default: boolean, };

export type ProtocolScreen = { 
/**
 * The procedures, as (id, name).
 */
procedures: Array<[string, string]>, 
/**
 * The layers the lead can change, as (id, label): the clinic's, then each surgeon's.
 */
layers: Array<[string, string]>, 
/**
 * The procedure shown.
 */
procedure: string, 
/**
 * The layer shown.
 */
layer: string, 
/**
 * Its phases.
 */
phases: Array<PhaseRow>, 
/**
 * Its numbers: phases, therapy, driving, work (with full duty), visits.
 */
numbers: Array<NumberRow>, 
/**
 * Its phase lines.
 */
lines: Array<LineRow>, 
/**
 * Procedures whose files build on this one (`base`): a change here does not reach
 * them; change them too.
 */
built_on_this: Array<string>, 
/**
 * Every source id a change may cite, with its citation.
 */
sources: Array<[string, string]>, 
/**
 * Days set outside their published range, as report lines.
 */
variations: Array<string>, 
/**
 * The clinic's saved versions, newest first.
 */
versions: Array<VersionRow>, 
/**
 * Whose protocol is in use and its review status (as on the packet screen).
 */
status: string, 
/**
 * The packet screen's warning, when there is one.
 */
warning: string | null, 
/**
 * Texts a Spanish packet of this procedure would print that have no Spanish yet
 * (file, procedure, field): such packets are refused until they are translated.
 */
untranslated: Array<string>, };

export type NumberRow = { 
/**
 * What a change names: `driving.day`, `pt.start.day`, `return_to_work.heavy.day`,
 * `phase[1].lifting_limit_lb`, `phase[1].start_day`.
 */
field: string, 
/**
 * What the lead reads.
 */
label: string, 
/**
 * Its value; `None` for no set limit.
 */
value: number | null, 
/**
 * `day` or `lb`.
 */
unit: string, 
/**
 * The source id behind it, and its citation.
 */
source: string, 
/**
 * The source's citation.
 */
citation: string, 
/**
 * The published range, in words with its sources, when the sources give one.
 */
range: string | null, 
/**
 * The range's ends, for the screen's own check as the lead types.
 */
range_min: number | null, 
/**
 * See `range_min`.
 */
range_max: number | null, 
/**
 * Why it is outside its range, when it is.
 */
outside_range_reason: string | null, 
/**
 * Who set it, when not the built-in protocol: "the clinic", or the surgeon's name.
 */
set_by: string | null, 
/**
 * Whether the screen can change it (full duty is worked out from the limits).
 */
editable: boolean, };

export type LineRow = { 
/**
 * The phase's index, from 0.
 */
phase: number, 
/**
 * `goal`, `can` or `avoid`.
 */
list: string, 
/**
 * What it is about.
 */
activity: Activity, 
/**
 * What the patient reads.
 */
text: string, 
/**
 * The same line in Spanish, when the protocol has it.
 */
text_es: string | null, 
/**
 * Its source id.
 */
source: string, 
/**
 * Who set it, when not the built-in protocol.
 */
set_by: string | null, };

export type PhaseRow = { 
/**
 * Its index, from 0.
 */
index: number, 
/**
 * Its name.
 */
name: string, };

export type VersionRow = { 
/**
 * 1, 2, 3…
 */
number: number, 
/**
 * When, who and why.
 */
saved_at: string, 
/**
 * Initials.
 */
saved_by: string, 
/**
 * Why it changed.
 */
reason: string, 
/**
 * "approved by AB on 2026-12-01, review by 2028-12-01", or `None`.
 */
approval: string | null, 
/**
 * The newest version: the one in use.
 */
in_use: boolean, };

export type ProtocolChange = { "kind": "number", 
/**
 * Which.
 */
field: string, 
/**
 * Its new value.
 */
value: number, 
/**
 * The source id behind it; empty: the change's own reason becomes its source.
 */
source: string, 
/**
 * Why: required; also the reason a day may be outside its published range.
 */
reason: string, } | { "kind": "line", 
/**
 * The phase's index.
 */
phase: number, 
/**
 * `goal`, `can` or `avoid`.
 */
list: string, 
/**
 * What it is about.
 */
activity: Activity, 
/**
 * What the patient reads.
 */
text: string, 
/**
 * The same line in Spanish; empty: none yet, and Spanish packets for this
 * procedure are refused until it is given.
 */
text_es: string, 
/**
 * The source id behind it; empty: the reason becomes its source.
 */
source: string, 
/**
 * Why.
 */
reason: string, };

export type ProtocolEdit = { 
/**
 * The procedure.
 */
procedure: string, 
/**
 * [`CLINIC`] or a surgeon's id.
 */
layer: string, 
/**
 * The changes, in order.
 */
changes: Array<ProtocolChange>, 
/**
 * The lead's initials (who the new sources and the version name).
 */
by: string, 
/**
 * For a new surgeon's orders (`layer` is [`NEW_SURGEON`]): the surgeon's name, as the
 * packet prints it; their file is named from it.
 */
new_surgeon: string, };

export type FileChange = { 
/**
 * The file's path in the protocol folder.
 */
path: string, 
/**
 * Lines removed (`-`) and added (`+`), each with its line number in its own version,
 * in file order.
 */
lines: Array<[string, number, string]>, };

export type TeachingForm = { 
/**
 * `complete`, `partial`, `not-done`, or empty (not recorded).
 */
teach_back: string, 
/**
 * The interpreter (name or ID number), empty when none helped.
 */
interpreter: string, };

export type BatchOptions = { 
/**
 * The folder the packets go into (made when missing).
 */
out_dir: string, 
/**
 * Also write each patient's care-team sheet beside their packet.
 */
care_sheets: boolean, 
/**
 * The nurse's initials: required while packet history is on.
 */
nurse: string, };

export type BatchReport = { 
/**
 * Patient rows in the file (blank rows not counted).
 */
rows: number, 
/**
 * The files written, by row.
 */
written: Array<BatchFile>, 
/**
 * The rows that were not printed, and why.
 */
errors: Array<RowError>, };

export type BatchFile = { 
/**
 * The row, as a spreadsheet numbers it.
 */
row: number, 
/**
 * The packet.
 */
packet: string, 
/**
 * The care-team sheet, when asked for.
 */
care_sheet: string | null, };

export type RowError = { 
/**
 * The row, as a spreadsheet numbers it.
 */
row: number, 
/**
 * The column, when the problem is in one cell.
 */
column: string | null, 
/**
 * What is wrong and what is allowed. Never repeats a name, date of birth or MRN.
 */
message: string, };

export type BatchProgress = { 
/**
 * Packets finished (written or failed).
 */
done: number, 
/**
 * Packets to make.
 */
total: number, };

export type ChosenList = { 
/**
 * The file.
 */
path: string, 
/**
 * Its rows and their problems (nothing written).
 */
report: BatchReport, };
