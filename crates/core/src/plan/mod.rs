//! The plan engine: protocol + patient factors + dates -> a dated recovery plan.

mod booked;
mod phases;
mod teaching;
mod types;
mod work;

use chrono::{Days, NaiveDate};

use crate::error::PlanError;
use crate::protocol::{Evidence, JobDemand, MilestoneId, Procedure, Protocol};
use crate::text::Text;
pub use phases::{format_date, format_kg};
use teaching::line;
pub use types::*;

/// Discharge later than this many days after surgery is unusual enough to flag for the nurse.
const LATE_DISCHARGE_DAYS: i64 = 14;

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
    // Notes are for the nurse: always in the protocol's first language.
    let nurse = protocol.languages[0].as_str();
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
    untranslated(protocol, &proc.id, lang)?;
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

    // The factors that move a milestone (for a job) to the later end of its range.
    let later = |m: MilestoneId, job: JobDemand| -> Vec<String> {
        rules
            .iter()
            .filter(|r| {
                r.later.iter().any(|l| {
                    l.milestone == m
                        && l.when.matches(proc)
                        && (l.jobs.is_empty() || l.jobs.contains(&job))
                })
            })
            .map(|r| r.id.clone())
            .collect()
    };
    let mut notes = Vec::new();
    let names = &protocol.nurse_text.milestone_names;
    let mut milestone = |m: MilestoneId, job: JobDemand| -> Milestone {
        let t = proc.timing(m, job);
        let by = later(m, job);
        let (usual, _) = t.resolve(levels, false);
        let (day, source) = t.resolve(levels, !by.is_empty());
        if day != usual {
            let name = match m {
                MilestoneId::PtStart => &names.pt_start,
                MilestoneId::Driving => &names.driving,
                MilestoneId::ReturnToWork => &names.return_to_work,
            };
            let what = if m == MilestoneId::ReturnToWork {
                format!("{} ({})", name.get(nurse), job.id())
            } else {
                name.get(nurse).to_owned()
            };
            notes.push(NurseNote {
                id: format!("moved-later-{}", job_key(m, job)),
                text: protocol.nurse_text.moved_later.fill(
                    nurse,
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
            range: t.range_at(levels).cloned(),
            outside_range_reason: t
                .range_at(levels)
                .filter(|r| !r.contains(day))
                .and(t.outside_range_reason.clone()),
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

    // Factors that hold the lifting limits (and the phases' lines) until later visits.
    let held: Vec<String> = rules
        .iter()
        .filter(|r| r.hold_limits.as_ref().is_some_and(|a| a.matches(proc)))
        .map(|r| r.id.clone())
        .collect();
    let mut phases = phases::build(protocol, proc, &rules, &held, &driving, lang, &date);
    let mut follow_ups: Vec<FollowUp> = proc
        .follow_up
        .iter()
        .map(|f| FollowUp {
            day: f.day,
            date: date(f.day),
            booked: false,
            time: None,
            purpose: f.purpose.get(lang).to_owned(),
            source: f.source.clone(),
        })
        .collect();
    booked::apply(
        &input.booked,
        &mut follow_ups,
        &mut phases,
        surgery,
        discharge,
    )?;
    if phases.iter().any(|p| !p.moved_later_by.is_empty()) {
        notes.push(NurseNote {
            id: "held-limits".to_owned(),
            text: protocol
                .nurse_text
                .held_limits
                .fill(nurse, &[("factors", &held.join(", "))]),
            // The plan's phases are the procedure's, in order: the first held one cites
            // the source of its later start.
            source: phases
                .iter()
                .zip(&proc.phase)
                .find(|(p, _)| !p.moved_later_by.is_empty())
                .and_then(|(_, d)| d.late_source.clone()),
        });
    }
    let return_to_work_by_job = work::rows(protocol, &phases, work, lang);
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

    let normal = teaching::normal(protocol, proc, lang);
    let pt_focus = proc
        .pt
        .focus
        .iter()
        .map(|l| line(&l.text, &l.source, lang))
        .collect();
    let factors: Vec<AppliedFactor> = rules
        .iter()
        .map(|r| {
            let why = r.why_for(proc);
            AppliedFactor {
                id: r.id.clone(),
                label: r.label.get(lang).to_owned(),
                why: why.map(|w| w.text.get(lang).to_owned()).unwrap_or_default(),
                source: why.map_or_else(|| r.source.clone(), |w| w.source.clone()),
            }
        })
        .collect();
    let sections = teaching::sections(protocol, proc, &rules, lang);
    let condition = proc
        .driving
        .condition
        .as_ref()
        .map(|c| line(c, &proc.driving.source, lang));
    let factor_conditions = rules
        .iter()
        .flat_map(|r| &r.avoid)
        .filter(|a| a.activity == crate::protocol::Activity::Driving)
        .map(|a| Line {
            activity: Some(a.activity),
            ..line(&a.text, &a.source, lang)
        });
    let driving_conditions: Vec<Line> = condition.into_iter().chain(factor_conditions).collect();

    let mut nurse_notes: Vec<NurseNote> = Vec::new();
    if proc.evidence == Evidence::ClinicDefined {
        nurse_notes.push(NurseNote {
            id: "clinic-defined".to_owned(),
            text: protocol.nurse_text.clinic_defined.get(nurse).to_owned(),
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
            text: n.text.get(nurse).to_owned(),
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
                .fill(nurse, &[("days", &stay.to_string())]),
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
                    nurse,
                    &[
                        ("milestone", name.get(nurse)),
                        ("date", &format_date(protocol, nurse, d)),
                    ],
                ),
                source: None,
            });
        }
    }

    let mut plan = Plan {
        protocol_version: protocol.version.clone(),
        surgeon: protocol.surgeon.clone(),
        set_by: proc.set_by.clone(),
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
        driving_conditions,
        return_to_work,
        return_to_work_by_job,
        follow_ups,
        warning_signs,
        normal,
        sections,
        nurse_notes,
        chart: (lang != nurse).then(|| ChartNames {
            procedure: proc.name.get(nurse).to_owned(),
            levels_noun: if levels == 1 {
                &proc.levels.noun_one
            } else {
                &proc.levels.noun
            }
            .get(nurse)
            .to_owned(),
            topics: teaching::sections(protocol, proc, &rules, nurse)
                .into_iter()
                .map(|s| s.title)
                .collect(),
            factors: rules
                .iter()
                .map(|r| r.label.get(nurse).to_owned())
                .collect(),
        }),
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
                // A reason is printed as "why Homeward ships this default".
                reason: s.reason.clone().filter(|_| s.kind == crate::CLINIC_DEFAULT),
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
    let ph = p.phase.iter().map(|ph| {
        ph.end_day
            .unwrap_or(0)
            .max(ph.start_day)
            .max(ph.late_start_day.unwrap_or(0))
    });
    let fu = p.follow_up.iter().map(|f| f.day);
    t.chain(ph).chain(fu).max().unwrap_or(0).saturating_add(1)
}

/// Refuses a plan in `lang` while a text it may print lacks `lang`: any in the shared files or
/// in the procedure's own (its file, or a layer over it). The error lists where they are.
fn untranslated(protocol: &Protocol, procedure: &str, lang: &str) -> Result<(), PlanError> {
    const SHOWN: usize = 5;
    let gaps: Vec<String> = protocol
        .untranslated
        .iter()
        .filter(|u| u.language == lang && u.procedure.as_deref().is_none_or(|p| p == procedure))
        .map(ToString::to_string)
        .collect();
    if gaps.is_empty() {
        return Ok(());
    }
    let mut list = gaps[..gaps.len().min(SHOWN)].join("; ");
    if gaps.len() > SHOWN {
        list.push_str(&format!("; and {} more", gaps.len() - SHOWN));
    }
    Err(PlanError::Untranslated {
        language: lang.to_owned(),
        count: gaps.len(),
        list,
    })
}
