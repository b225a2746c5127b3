//! The plain-text forms of the CLI's results, for a nurse reading a terminal. (The
//! patient's words come from the protocol; these are the CLI's own labels.)

use std::io::{self, Write};

use homeward_core::{Plan, Protocol, Urgency};

use crate::args::flag_for_factor;

/// The procedure list.
pub fn procedures(out: &mut dyn Write, p: &Protocol) -> io::Result<()> {
    writeln!(out, "{:<20} {:<10} {:<7} NAME", "ID", "LEVELS", "")?;
    for pr in &p.procedures {
        let levels = format!("{}-{}", pr.levels.min, pr.levels.max);
        let tag = if pr.evidence == homeward_core::Evidence::ClinicDefined {
            "clinic"
        } else {
            ""
        };
        writeln!(
            out,
            "{:<20} {:<10} {:<7} {}",
            pr.id,
            levels,
            tag,
            pr.name.get("en")
        )?;
    }
    Ok(())
}

/// The factor list.
pub fn factors(out: &mut dyn Write, p: &Protocol) -> io::Result<()> {
    writeln!(out, "{:<16} {:<16} LABEL", "ID", "FLAG")?;
    for f in &p.factors {
        writeln!(
            out,
            "{:<16} {:<16} {}",
            f.id,
            flag_for_factor(&f.id),
            f.label.get("en")
        )?;
    }
    Ok(())
}

/// A plan, readable in a terminal.
pub fn plan(out: &mut dyn Write, plan: &Plan) -> io::Result<()> {
    let d = |date: chrono::NaiveDate| date.format("%a %Y-%m-%d").to_string();
    let pr = &plan.procedure;
    writeln!(
        out,
        "{} ({}) - {} {}",
        pr.name, pr.id, plan.levels, pr.levels_noun
    )?;
    writeln!(
        out,
        "Surgery {}   Discharge {}   Protocol {}",
        d(plan.surgery_date),
        d(plan.discharge_date),
        plan.protocol_version
    )?;
    if let Some(s) = &plan.surgeon {
        writeln!(out, "Surgeon's orders: {} ({})", s.name, s.id)?;
    }
    // Which layer set each value that is not the protocol's own.
    for b in &plan.set_by {
        let who = match &b.layer {
            homeward_core::Layer::Clinic => "the clinic".to_owned(),
            homeward_core::Layer::Surgeon(s) => s.name.clone(),
        };
        writeln!(out, "  set by {who}: {}", b.field)?;
    }
    if plan.factors.is_empty() {
        writeln!(out, "Risk factors: none")?;
    } else {
        let labels: Vec<&str> = plan.factors.iter().map(|f| f.label.as_str()).collect();
        writeln!(out, "Risk factors: {}", labels.join("; "))?;
    }
    writeln!(out)?;
    writeln!(out, "PHASES")?;
    for ph in &plan.phases {
        let span = match (ph.end_day, ph.end_date) {
            (Some(e), Some(ed)) => format!(
                "days {}-{}  {} to {}",
                ph.start_day,
                e,
                d(ph.start_date),
                d(ed)
            ),
            _ => format!("day {} on  from {}", ph.start_day, d(ph.start_date)),
        };
        writeln!(out, "  {}  [{span}]", ph.name)?;
        for l in &ph.goals {
            writeln!(out, "    goal:  {}  [{}]", l.text, l.source)?;
        }
        for l in &ph.allowed {
            writeln!(out, "    ok:    {}  [{}]", l.text, l.source)?;
        }
        for l in &ph.restrictions {
            writeln!(out, "    avoid: {}  [{}]", l.text, l.source)?;
        }
    }
    writeln!(out)?;
    writeln!(out, "MILESTONES")?;
    let later = |by: &[String]| {
        if by.is_empty() {
            String::new()
        } else {
            format!("  (later because of: {})", by.join(", "))
        }
    };
    writeln!(
        out,
        "  Physical therapy starts  day {:>3}  {}  [{}]{}",
        plan.pt_start.day,
        d(plan.pt_start.date),
        plan.pt_start.source,
        later(&plan.pt_start.moved_later_by)
    )?;
    writeln!(
        out,
        "  Driving (off opioids)    day {:>3}  {}  [{}]",
        plan.driving.day,
        d(plan.driving.date),
        plan.driving.source
    )?;
    for w in &plan.return_to_work_by_job {
        let mark = if plan.return_to_work.as_ref().is_some_and(|r| r.job == w.job) {
            "*"
        } else {
            " "
        };
        writeln!(
            out,
            "{mark} Work: {:<16}    day {:>3}  {}  [{}]{}{}",
            w.job_name,
            w.day,
            d(w.date),
            w.source,
            if w.light_duty { "  light duty" } else { "" },
            later(&w.moved_later_by)
        )?;
        if w.full_duty.day > w.day || w.full_duty.gate.is_some() {
            writeln!(
                out,
                "    full duty              day {:>3}  {}  [{}]{}",
                w.full_duty.day,
                d(w.full_duty.date),
                w.full_duty.source,
                w.full_duty
                    .gate
                    .as_ref()
                    .map(|g| format!("  if {g}"))
                    .unwrap_or_default()
            )?;
        }
    }
    if plan.return_to_work.is_none() {
        writeln!(out, "  (no --job given: every level is listed)")?;
    }
    writeln!(out)?;
    writeln!(out, "FOLLOW-UP VISITS")?;
    for f in &plan.follow_ups {
        let when = match (f.booked, f.time) {
            (true, Some(t)) => format!("booked {}", t.format("%H:%M")),
            (true, None) => "booked".to_owned(),
            (false, _) => "about; to book".to_owned(),
        };
        writeln!(
            out,
            "  day {:>3}  {}  {when}  {}  [{}]",
            f.day,
            d(f.date),
            f.purpose,
            f.source
        )?;
    }
    writeln!(out)?;
    for (urgency, title) in [
        (Urgency::Emergency, "CALL 911"),
        (
            Urgency::Urgent,
            "CALL US NOW, DAY OR NIGHT (NO ANSWER: EMERGENCY ROOM)",
        ),
        (Urgency::CallOffice, "CALL THE OFFICE DURING OFFICE HOURS"),
    ] {
        writeln!(out, "{title}")?;
        for w in plan.warning_signs.iter().filter(|w| w.urgency == urgency) {
            writeln!(out, "  - {}  [{}]", w.text, w.source)?;
        }
    }
    if !plan.sections.is_empty() {
        writeln!(out)?;
        writeln!(out, "TEACHING")?;
        for s in &plan.sections {
            writeln!(out, "  {}", s.title)?;
            for l in s.why.iter().chain(&s.lines) {
                writeln!(out, "    {}  [{}]", l.text, l.source)?;
            }
        }
    }
    if !plan.nurse_notes.is_empty() {
        writeln!(out)?;
        writeln!(out, "NURSE NOTES")?;
        for n in &plan.nurse_notes {
            writeln!(out, "  - {}", n.text)?;
        }
    }
    writeln!(out)?;
    writeln!(out, "SOURCES")?;
    for s in &plan.sources {
        writeln!(out, "  [{}] {}", s.id, s.citation)?;
    }
    Ok(())
}
