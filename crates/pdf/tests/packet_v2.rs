//! The packet's reading order: page 1 holds the plan at a glance, the calendar marks each
//! milestone on its day, each phase says only what changes (and nothing is lost by it), and
//! visits say whether they are booked.

use chrono::{Days, NaiveDate, NaiveTime};
use homeward_core::{BookedVisit, JobDemand, Urgency, default_protocol, plan};
use homeward_pdf::{Paper, care_sheet_layout, layout};

mod common;
use common::{all_text, every_case, flat, make, options};

/// "Tue, Dec 1, 2026", as the key dates print a date.
fn key(d: NaiveDate) -> String {
    d.format("%a, %b %-d, %Y").to_string()
}

#[test]
fn page_one_holds_the_whole_plan_at_a_glance() {
    // The boxes, phones and summary are always on page 1. The key dates follow them: on page
    // 1 for the fusion case (tested below), and at worst finishing on page 2 when a
    // procedure has many signs (ALIF, ACDF) or every factor is ticked at once.
    for plan in every_case() {
        for paper in [Paper::Letter, Paper::A4] {
            let doc = layout(&plan, &options("Maria Gonzalez", paper, false)).expect("layout");
            let one = flat(&doc.pages[0]);
            let case = format!("{} {paper:?}", plan.procedure.id);
            for title in [
                "Call 911 right away if:",
                "Call us now, day or night, if:",
                "Call the office during office hours if:",
                "If you cannot reach us, go to the nearest emergency room.",
                "(555) 201-3300",
                "(555) 201-3399",
                "Maria Gonzalez",
            ] {
                assert!(one.contains(title), "{case}: page 1 lacks `{title}`");
            }
            let summary: String = plan
                .procedure
                .summary
                .split_whitespace()
                .take(6)
                .collect::<Vec<_>>()
                .join(" ");
            assert!(one.contains(&summary), "{case}: page 1 lacks the summary");
            for w in &plan.warning_signs {
                assert!(
                    one.contains(&w.short),
                    "{case}: page 1 lacks the sign `{}`",
                    w.short
                );
            }
            let mut dates = vec![
                plan.pt_start.date,
                plan.driving.date,
                plan.follow_ups[0].date,
            ];
            if let Some(rtw) = &plan.return_to_work {
                dates.extend([rtw.date, rtw.full_duty.date]);
            }
            if let Some(ph) = plan.phases.iter().find(|ph| ph.lifting_limit_lb.is_none()) {
                dates.push(ph.start_date);
            }
            let two = format!("{one} {}", flat(&doc.pages[1]));
            for d in dates {
                assert!(
                    two.contains(&key(d)),
                    "{case}: page 1 lacks the key date {}",
                    key(d)
                );
            }
            // The patient copy prints each sign short; the care-team sheet has it in full,
            // beside its short form and source, to teach from.
            let sheet = all_text(
                &care_sheet_layout(&plan, &options("Maria Gonzalez", paper, false))
                    .expect("care sheet"),
            );
            for w in &plan.warning_signs {
                let row = format!("\"{}\". In full: {} [{}]", w.short, w.text, w.source);
                assert!(sheet.contains(&row), "{case}: the care sheet lacks `{row}`");
            }
        }
    }
}

#[test]
fn each_phase_prints_only_what_changes_and_nothing_is_lost() {
    for plan in every_case() {
        let doc = layout(&plan, &options("Sam Lee", Paper::Letter, false)).expect("layout");
        // After page 1 (whose key dates repeat the driving rules on purpose).
        let text = doc.pages[1..]
            .iter()
            .map(flat)
            .collect::<Vec<_>>()
            .join(" ");
        let lines = |i: usize| {
            let ph = &plan.phases[i];
            [&ph.goals, &ph.allowed, &ph.restrictions]
                .into_iter()
                .flatten()
                .map(|l| l.text.clone())
                .collect::<Vec<_>>()
        };
        for i in 0..plan.phases.len() {
            for line in lines(i) {
                let carried = i > 0 && lines(i - 1).contains(&line);
                // Every line is printed where it first applies; a line carried over from the
                // phase before is not printed again.
                assert!(
                    text.contains(&line),
                    "{}: `{line}` is not printed",
                    plan.procedure.id
                );
                if carried {
                    let first = (0..i)
                        .rev()
                        .take_while(|k| lines(*k).contains(&line))
                        .last()
                        .unwrap();
                    assert!(first < i, "{}", plan.procedure.id);
                }
            }
            // What a later phase leaves out is still in force: the bundled protocol never
            // drops a limit without a line in its place, so no phase falls back to printing
            // whole.
            if i > 0 {
                let now = &plan.phases[i];
                let acts: Vec<_> = [&now.goals, &now.allowed, &now.restrictions]
                    .into_iter()
                    .flatten()
                    .map(|l| l.activity)
                    .collect();
                for r in &plan.phases[i - 1].restrictions {
                    assert!(
                        acts.contains(&r.activity),
                        "{}: phase {} drops `{}` with nothing in its place",
                        plan.procedure.id,
                        i + 1,
                        r.text
                    );
                }
            }
        }
        // A line that holds through every phase is printed once.
        let everywhere: Vec<String> = lines(0)
            .into_iter()
            .filter(|l| (1..plan.phases.len()).all(|i| lines(i).contains(l)))
            .collect();
        for l in everywhere {
            assert_eq!(
                text.matches(l.as_str()).count(),
                1,
                "{}: `{l}` repeats",
                plan.procedure.id
            );
        }
    }
}

#[test]
fn a_phase_that_drops_a_limit_silently_prints_whole() {
    let mut plan = make("lumbar-fusion", &[], None, Vec::new());
    let unchanged = plan.phases[1]
        .restrictions
        .iter()
        .find(|l| plan.phases[0].restrictions.iter().any(|p| p.text == l.text))
        .expect("phase 2 repeats a limit of phase 1")
        .text
        .clone();
    let before =
        all_text(&layout(&plan, &options("Sam Lee", Paper::Letter, false)).expect("layout"));
    assert_eq!(before.matches(unchanged.as_str()).count(), 1);
    // A clinic edit removes one of phase 2's limits, with nothing in its place.
    let dropped = plan.phases[1]
        .restrictions
        .iter()
        .position(|l| l.text != unchanged && l.activity != Some(homeward_core::Activity::Lifting))
        .expect("another limit");
    plan.phases[1].restrictions.remove(dropped);
    let after =
        all_text(&layout(&plan, &options("Sam Lee", Paper::Letter, false)).expect("layout"));
    assert_eq!(
        after.matches(unchanged.as_str()).count(),
        2,
        "phase 2 prints whole"
    );
}

#[test]
fn the_calendar_writes_each_milestone_in_its_days_cell() {
    let plan = make(
        "lumbar-fusion",
        &["nicotine"],
        Some(JobDemand::Sedentary),
        Vec::new(),
    );
    let doc = layout(&plan, &options("Sam Lee", Paper::Letter, false)).expect("layout");
    let page = doc
        .pages
        .iter()
        .find(|p| p.texts().any(|t| t.text == "Your first weeks"))
        .expect("a calendar page");
    assert!(page.texts().any(|t| t.text == "December 2026"));
    assert!(page.texts().any(|t| t.text == "January 2027"));
    let runs: Vec<_> = page.texts().collect();
    // The day number of the cell a label sits in: the nearest number above it, same left edge.
    let day_of = |label: &str| -> Vec<u32> {
        runs.iter()
            .filter(|t| t.text == label)
            .filter_map(|l| {
                runs.iter()
                    .filter(|n| {
                        (n.x - l.x).abs() < 0.5 && n.y < l.y && n.text.parse::<u32>().is_ok()
                    })
                    .max_by(|a, b| a.y.total_cmp(&b.y))
                    .map(|n| n.text.parse().unwrap())
            })
            .collect()
    };
    use chrono::Datelike;
    let end = NaiveDate::from_ymd_opt(2027, 2, 1).unwrap();
    for (label, d) in [
        ("Surgery", plan.surgery_date),
        ("Home", plan.discharge_date),
        ("Therapy", plan.pt_start.date),
        ("May drive", plan.driving.date),
        ("Phase 2", plan.phases[1].start_date),
    ] {
        assert!(d < end, "{label} is in the grid");
        assert!(
            day_of(label).contains(&d.day()),
            "{label}: cells {:?}, wanted {}",
            day_of(label),
            d.day()
        );
    }
    let visits: Vec<u32> = plan
        .follow_ups
        .iter()
        .filter(|v| v.date < end)
        .map(|v| v.date.day())
        .collect();
    assert!(!visits.is_empty());
    assert_eq!(day_of("Visit"), visits);
}

#[test]
fn booked_visits_print_their_time_and_the_rest_say_call_to_book() {
    let unbooked = make("microdiscectomy", &[], None, Vec::new());
    let first = &unbooked.follow_ups[0];
    let on = first.date + Days::new(1);
    let booked = make(
        "microdiscectomy",
        &[],
        None,
        vec![BookedVisit {
            day: first.day,
            date: on,
            time: NaiveTime::from_hms_opt(10, 30, 0),
        }],
    );
    let doc = layout(&booked, &options("Sam Lee", Paper::Letter, false)).expect("layout");
    let one = flat(&doc.pages[0]);
    assert!(one.contains(&key(on)), "page 1 gives the booked date");
    assert!(one.contains("Booked for 10:30 AM."), "{one}");
    assert!(
        !one.contains("to book it."),
        "the first visit is not to book"
    );
    let text = all_text(&doc);
    assert!(
        text.contains("Visit 10:30 AM"),
        "the calendar shows the time"
    );
    // The visits still to book carry no mark of their own: the line above them says to call.
    let rows = &text[text.find("Your follow-up visits").expect("visits")..];
    let booked_rows = rows.matches("Booked for 10:30 AM.").count();
    assert_eq!(booked_rows, 1, "{rows}");
    assert!(
        !rows.contains("Booked."),
        "only the booked visit says so: {rows}"
    );
    assert!(text.contains(
        "A visit not yet booked is due about the day shown. Call (555) 201-3300 to book it."
    ));
    // With nothing booked, page 1 says to call.
    let doc = layout(&unbooked, &options("Sam Lee", Paper::Letter, false)).expect("layout");
    assert!(flat(&doc.pages[0]).contains("About this day: call (555) 201-3300 to book it."));
}

#[test]
fn the_teach_back_checklist_is_for_the_care_team_not_the_patient() {
    let plan = make("acdf", &["opioids"], Some(JobDemand::Light), Vec::new());
    let o = options("Sam Lee", Paper::Letter, false);
    let patient = all_text(&layout(&plan, &o).expect("layout"));
    let care = all_text(&care_sheet_layout(&plan, &o).expect("care sheet"));
    for t in ["Nurse check: teach-back", "Patient or family:"] {
        assert!(!patient.contains(t), "the patient copy prints `{t}`");
        assert!(care.contains(t), "the care sheet lacks `{t}`");
    }
}

/// "mar, 15 dic 2026", as the Spanish key dates print a date.
fn key_es(d: NaiveDate) -> String {
    use chrono::Datelike;
    const DAYS: [&str; 7] = ["lun", "mar", "mié", "jue", "vie", "sáb", "dom"];
    const MONTHS: [&str; 12] = [
        "ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic",
    ];
    format!(
        "{}, {} {} {}",
        DAYS[d.weekday().num_days_from_monday() as usize],
        d.day(),
        MONTHS[d.month0() as usize],
        d.year()
    )
}

#[test]
fn the_complex_fusion_packet_stays_within_its_page_budget() {
    // DESIGN.md: at most 6 Letter pages at normal print (body 12 pt) for a 2-level lumbar
    // fusion with nicotine, diabetes and a heavy job, wallet card included (it was 12); in
    // Spanish too, whose lines run longer. With every detail filled in (date of birth,
    // record number, surgeon, clinic), the Spanish page 1 holds the boxes, both phones and
    // every key date but the last (full duty, a year out), which starts page 2.
    let p = default_protocol().expect("protocol");
    for (lang, key) in [("en", key as fn(NaiveDate) -> String), ("es", key_es)] {
        let input = homeward_core::PlanInput {
            language: Some(lang.to_owned()),
            ..common::complex_fusion()
        };
        let plan = plan(&p, &input).expect("plan");
        let doc = layout(
            &plan,
            &options("Maria Gonzalez-Núñez", Paper::Letter, false),
        )
        .expect("layout");
        assert!(doc.pages.len() <= 6, "{lang}: {} pages", doc.pages.len());
        // ...with the body (the size most text on a page of phases is set in) at 12 pt.
        let mut sizes: Vec<(f32, usize)> = Vec::new();
        for t in doc.pages[2].texts() {
            match sizes.iter_mut().find(|(s, _)| (*s - t.size).abs() < 0.01) {
                Some((_, n)) => *n += t.text.len(),
                None => sizes.push((t.size, t.text.len())),
            }
        }
        let body = sizes.iter().max_by_key(|(_, n)| *n).expect("text").0;
        assert!(body >= 12.0, "{lang}: the body is set at {body} pt");
        let one = flat(&doc.pages[0]);
        for sign in plan
            .warning_signs
            .iter()
            .filter(|w| w.urgency != Urgency::CallOffice)
        {
            assert!(
                one.contains(&sign.short),
                "{lang}: page 1 lacks `{}`",
                sign.short
            );
        }
        let rtw = plan.return_to_work.as_ref().expect("a job");
        let mut dates = vec![
            plan.follow_ups[0].date,
            plan.pt_start.date,
            plan.driving.date,
            rtw.date,
        ];
        if lang == "en" {
            dates.push(rtw.full_duty.date);
        }
        for d in dates {
            assert!(one.contains(&key(d)), "{lang}: page 1 lacks {}", key(d));
        }
    }
}

#[test]
fn every_footer_says_whose_protocol_it_follows() {
    let plan = make("microdiscectomy", &[], None, Vec::new());
    let version = &plan.protocol_version;
    let footers = |o: &homeward_pdf::PacketOptions| -> Vec<String> {
        layout(&plan, o)
            .expect("layout")
            .pages
            .iter()
            .map(|p| p.texts().last().expect("a footer").text.clone())
            .collect()
    };
    let o = options("Sam Lee", Paper::Letter, false);
    let with_clinic = footers(&o);
    let n = with_clinic.len();
    for (i, f) in with_clinic.iter().enumerate() {
        assert!(f.starts_with(&format!("Page {} of {n}", i + 1)), "{f}");
        assert!(
            f.contains(&format!("Riverside Spine Center, protocol {version}")),
            "{f}"
        );
        assert!(f.contains("Printed Thursday, December 3, 2026"), "{f}");
    }
    let mut none = o.clone();
    none.clinic_name = None;
    assert!(
        footers(&none)
            .iter()
            .all(|f| f.contains(&format!("|   Protocol {version}   |")))
    );
    // A name too long for the footer leaves it out rather than run off the page.
    let mut long = o.clone();
    long.clinic_name = Some("Riverside Regional Comprehensive Spine and Orthopaedic Surgery Center of the Greater Valley".to_owned());
    assert!(
        footers(&long)
            .iter()
            .all(|f| f.contains(&format!("|   Protocol {version}   |")))
    );
}

#[test]
fn a_section_carried_to_a_new_page_or_column_says_which_it_is() {
    let p = default_protocol().expect("protocol");
    let plan = plan(&p, &common::complex_fusion()).expect("plan");
    let doc = layout(
        &plan,
        &options("Maria Gonzalez-Núñez", Paper::Letter, false),
    )
    .expect("layout");
    let titles: Vec<String> = plan
        .phases
        .iter()
        .enumerate()
        .map(|(i, ph)| format!("Phase {}: {}", i + 1, ph.name))
        .chain(plan.sections.iter().map(|s| s.title.clone()))
        .collect();
    let mut seen = 0;
    for page in &doc.pages[1..] {
        // The columns start under anything set across the page (the calendar on page 2):
        // at the first heading or running head.
        let top = page
            .texts()
            .filter(|t| titles.contains(&t.text) || t.text.ends_with(" (continued)"))
            .map(|t| t.y)
            .fold(f32::MAX, f32::min);
        for t in page.texts().filter(|t| t.text.ends_with(" (continued)")) {
            seen += 1;
            let section = t.text.trim_end_matches(" (continued)");
            assert!(
                titles.iter().any(|x| x == section),
                "`{}` names no section",
                t.text
            );
            // At the top of its column: nothing above it there.
            assert!(
                (t.y - top).abs() < 0.5,
                "`{}` is not at the top of a column",
                t.text
            );
            assert!(
                !page
                    .texts()
                    .any(|o| (o.x - t.x).abs() < 30.0 && o.y < t.y - 0.5 && o.y >= top - 0.5),
                "`{}` has text above it",
                t.text
            );
        }
    }
    assert!(seen >= 2, "{seen} running heads");
}

#[test]
fn the_wallet_card_says_whose_it_is_and_an_injection_starts_with_its_day() {
    let plan = make(
        "fibrin-disc-repair",
        &[],
        Some(JobDemand::Sedentary),
        Vec::new(),
    );
    let doc = layout(&plan, &options("Sam Lee", Paper::A4, false)).expect("layout");
    let text = all_text(&doc);
    let card = &text[text
        .find("Cut along the dashed line")
        .expect("a wallet card")..];
    assert!(card.contains("Sam Lee"), "{card}");
    assert!(
        card.contains(&format!("{}, Dec 1, 2026", plan.procedure.patient_name)),
        "{card}"
    );
    assert!(card.contains("Dr. Ana Rivera"), "{card}");
    // The day-of-injection rules come before the phases.
    let day = plan
        .sections
        .iter()
        .find(|s| s.id == "injection-day")
        .expect("injection day");
    let at = text.find(&day.title).expect("printed");
    assert!(
        at < text.find("Phase 1:").expect("phase 1"),
        "the day's rules come first"
    );
}

#[test]
fn the_office_box_gives_the_office_hours_when_the_clinic_has_set_them() {
    let plan = make("microdiscectomy", &[], None, Vec::new());
    let mut o = options("Sam Lee", Paper::Letter, false);
    let one = |o: &homeward_pdf::PacketOptions| flat(&layout(&plan, o).expect("layout").pages[0]);
    assert!(one(&o).contains("Call (555) 201-3300."));
    assert!(!one(&o).contains("Office hours"));
    o.office_hours = Some("Mon-Fri  8 am to 5 pm".to_owned());
    assert!(one(&o).contains("Call (555) 201-3300. Office hours: Mon-Fri 8 am to 5 pm."));
    // Hours the box's face cannot print are refused, naming the field.
    o.office_hours = Some("月-金 9-17".to_owned());
    let e = layout(&plan, &o).expect_err("not printable");
    assert!(e.to_string().starts_with("office-hours:"), "{e}");
}

#[test]
fn the_limit_that_holds_until_the_visit_on_the_day_back_is_given_to_patient_and_boss() {
    // Heavy work after a 2-level fusion with nicotine: back on light duty on the day of the
    // visit that steps the limit up, so until that visit the lower limit holds.
    let p = default_protocol().expect("protocol");
    let plan = plan(&p, &common::complex_fusion()).expect("plan");
    let rtw = plan.return_to_work.as_ref().expect("a job");
    let i = plan
        .phases
        .iter()
        .position(|ph| ph.start_day == rtw.day && ph.gate.is_some())
        .expect("the day back is a gated step-up");
    let before = plan.phases[i - 1].lifting_limit_lb.expect("a limit");
    let doc = layout(&plan, &options("Sam Lee", Paper::Letter, false)).expect("layout");
    let text = all_text(&doc);
    let work = &text[text.find("Going back to work").expect("work section")..];
    assert!(
        work.contains(&format!("Do not lift more than {before} pounds")),
        "{work}"
    );
    let note = &work[work.find("Work note").expect("note")..];
    assert!(
        note.contains(&format!("No lifting over {before} pounds")),
        "{note}"
    );
}

#[test]
fn a_factors_reason_is_printed_once_and_large_print_keeps_one_column() {
    let p = default_protocol().expect("protocol");
    let plan = plan(&p, &common::complex_fusion()).expect("plan");
    let diabetes = plan
        .sections
        .iter()
        .flat_map(|s| &s.why)
        .find(|w| w.text.contains("blood sugar"))
        .expect("the diabetes reason")
        .text
        .clone();
    let normal = layout(&plan, &options("Sam Lee", Paper::Letter, false)).expect("layout");
    assert_eq!(all_text(&normal).matches(diabetes.as_str()).count(), 1);
    // Where each phase heading starts across the page.
    let heads = |doc: &homeward_pdf::Document| -> Vec<f32> {
        doc.pages
            .iter()
            .flat_map(|pg| pg.texts())
            .filter(|t| t.text.starts_with("Phase ") && t.text.contains(':'))
            .map(|t| t.x)
            .collect()
    };
    // In large print every phase heading starts at the left margin: no second column.
    let large = heads(&layout(&plan, &options("Sam Lee", Paper::Letter, true)).expect("layout"));
    assert!(!large.is_empty());
    assert!(
        large.iter().all(|&x| (x - large[0]).abs() < 0.5),
        "{large:?}"
    );
    let xs = heads(&normal);
    assert!(
        xs.iter().any(|&x| x > xs[0] + 100.0),
        "normal print flows in two columns: {xs:?}"
    );
}

#[test]
fn each_normal_line_lists_the_signs_that_bound_it_under_whom_to_call() {
    let tiers = [
        (Urgency::Emergency, "Call 911 if:"),
        (Urgency::Urgent, "Call us now if:"),
        (Urgency::CallOffice, "Call the office if:"),
    ];
    for plan in every_case() {
        let doc = layout(&plan, &options("Sam Lee", Paper::Letter, false)).expect("layout");
        let text = common::reading_text(&doc);
        let section = text.find("What is normal").expect("the section");
        for l in &plan.normal {
            let at = section
                + text[section..]
                    .find(&l.text)
                    .unwrap_or_else(|| panic!("`{}` is not printed", l.text));
            // The bullet runs to the next bullet.
            let rest = &text[at..];
            let item = &rest[..rest.find(" \u{2022} ").unwrap_or(rest.len())];
            let bounds: Vec<_> = plan
                .warning_signs
                .iter()
                .filter(|w| l.bounded_by.contains(&w.id))
                .collect();
            assert_eq!(bounds.len(), l.bounded_by.len(), "{}", l.text);
            // Each tier that bounds the line is named once, the most urgent first, and its
            // signs stand between its name and the next.
            let found: Vec<(Urgency, usize)> = tiers
                .iter()
                .filter_map(|(u, label)| item.find(label).map(|i| (*u, i)))
                .collect();
            assert!(found.windows(2).all(|w| w[0].1 < w[1].1), "{item}");
            for w in &bounds {
                let k = found
                    .iter()
                    .position(|(u, _)| *u == w.urgency)
                    .unwrap_or_else(|| panic!("no tier for `{}` in `{item}`", w.short));
                let end = found.get(k + 1).map_or(item.len(), |(_, i)| *i);
                let sign = item[found[k].1..end].find(&w.short);
                assert!(
                    sign.is_some(),
                    "`{}` is not under its tier in `{item}`",
                    w.short
                );
            }
            assert_eq!(
                found.len(),
                tiers
                    .iter()
                    .filter(|(u, _)| bounds.iter().any(|w| w.urgency == *u))
                    .count(),
                "a tier with no sign of its own: `{item}`"
            );
        }
    }
}

#[test]
fn the_patient_and_the_boss_read_the_same_day_a_lifting_limit_ends() {
    // A microdiscectomy patient going back to heavy work: the 25 lb limit ends the day the
    // last phase starts, which the key dates give as the day the limits end. The work
    // section and the work note say that same day (the phase's last day, one earlier, was
    // printed once; two dates that disagree are a bug).
    let plan = make("microdiscectomy", &[], Some(JobDemand::Heavy), Vec::new());
    let doc = layout(&plan, &options("Sam Lee", Paper::Letter, false)).expect("layout");
    let text = common::reading_text(&doc);
    let last = plan.phases.last().expect("phases");
    let short = |d: NaiveDate| d.format("%b %-d, %Y").to_string();
    let ends = short(last.start_date);
    let day_before = short(last.start_date - chrono::Days::new(1));
    assert_eq!(
        text.matches(&format!("until {ends}.")).count(),
        2,
        "the work section and the work note: {text}"
    );
    assert!(
        !text.contains(&format!("until {day_before}")),
        "{day_before}"
    );
    assert!(flat(&doc.pages[0]).contains(&key(last.start_date)));
}
