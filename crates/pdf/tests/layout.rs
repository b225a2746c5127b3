//! The layout model, tested directly: nothing outside the printable margins, no two text
//! boxes overlapping, page numbers on every page, and snapshots of where things go.

use std::fmt::Write as _;

use expect_test::expect_file;
use homeward_core::{JobDemand, Plan, PlanInput, default_protocol, plan};
use homeward_pdf::{Document, Item, PacketError, Paper, layout};
use proptest::prelude::*;

mod common;
use common::{date, options};

fn make_plan(
    procedure: &str,
    levels: Option<u8>,
    factors: &[&str],
    job: Option<JobDemand>,
) -> Plan {
    make_plan_in("en", procedure, levels, factors, job)
}

/// As [`make_plan`], in `lang`.
fn make_plan_in(
    lang: &str,
    procedure: &str,
    levels: Option<u8>,
    factors: &[&str],
    job: Option<JobDemand>,
) -> Plan {
    let p = default_protocol().expect("protocol");
    let input = PlanInput {
        procedure: procedure.to_owned(),
        levels,
        factors: factors.iter().map(|s| (*s).to_owned()).collect(),
        job,
        surgery_date: date("2026-12-01"),
        discharge_date: Some(date("2026-12-03")),
        language: Some(lang.to_owned()),
        booked: Vec::new(),
    };
    plan(&p, &input).expect("plan")
}

/// The problems with a layout: items outside the margins, overlapping text, missing page
/// numbers. Empty when the layout is sound.
fn problems(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    let m = doc.printable_margin;
    let pages = doc.pages.len();
    for (n, page) in doc.pages.iter().enumerate() {
        for item in &page.items {
            let (l, t, r, b) = item.bounds();
            if l < m - 0.01 || t < m - 0.01 || r > doc.width - m + 0.01 || b > doc.height - m + 0.01
            {
                out.push(format!(
                    "page {}: {item:?} is outside the printable area",
                    n + 1
                ));
            }
        }
        let texts: Vec<_> = page.texts().collect();
        for (i, a) in texts.iter().enumerate() {
            for b in &texts[i + 1..] {
                let overlap_x = a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5;
                let overlap_y = a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;
                if overlap_x && overlap_y {
                    out.push(format!(
                        "page {}: `{}` overlaps `{}`",
                        n + 1,
                        a.text,
                        b.text
                    ));
                }
            }
        }
        // The footer in the packet's language (English or Spanish).
        let footer = format!("Page {} of {pages}", n + 1);
        let pie = format!("Página {} de {pages}", n + 1);
        if !texts
            .iter()
            .any(|t| t.text.starts_with(&footer) || t.text.starts_with(&pie))
        {
            out.push(format!("page {}: no `{footer}` footer", n + 1));
        }
    }
    out
}

#[test]
fn the_sample_packets_are_sound_at_every_size() {
    // In both languages: Spanish lines run longer, and must still fit their boxes.
    for lang in ["en", "es"] {
        let plans = [
            make_plan_in(
                lang,
                "lumbar-fusion",
                Some(2),
                &["nicotine", "diabetes"],
                Some(JobDemand::Heavy),
            ),
            make_plan_in(
                lang,
                "acdf",
                Some(3),
                &["obesity", "opioids", "age-65-plus"],
                None,
            ),
            make_plan_in(
                lang,
                "fibrin-disc-repair",
                None,
                &[],
                Some(JobDemand::Sedentary),
            ),
        ];
        for plan in &plans {
            for paper in [Paper::Letter, Paper::A4] {
                for large in [false, true] {
                    let doc = layout(plan, &options("Maria Gonzalez-Núñez", paper, large))
                        .expect("layout");
                    assert_eq!((doc.width, doc.height), paper.size_pt());
                    let p = problems(&doc);
                    assert!(
                        p.is_empty(),
                        "{} {lang} {paper:?} large={large}:\n{}",
                        plan.procedure.id,
                        p.join("\n")
                    );
                }
            }
        }
    }
}

#[test]
fn body_text_is_12_pt_or_more_and_16_in_large_print() {
    let plan = make_plan("microdiscectomy", None, &[], Some(JobDemand::Light));
    for (large, min) in [(false, 12.0), (true, 16.0)] {
        let doc = layout(&plan, &options("Sam Lee", Paper::Letter, large)).expect("layout");
        // Every warning sign and every phase line is body text.
        let body: Vec<f32> = doc
            .pages
            .iter()
            .flat_map(|p| p.texts())
            .filter(|t| {
                plan.warning_signs
                    .iter()
                    .any(|w| w.text.starts_with(&t.text))
            })
            .map(|t| t.size)
            .collect();
        assert!(!body.is_empty());
        assert!(
            body.iter().all(|&s| s >= min),
            "large={large}: sizes {body:?}"
        );
    }
}

#[test]
fn a_name_no_font_can_draw_is_refused_by_field() {
    let plan = make_plan("microdiscectomy", None, &[], None);
    let err =
        layout(&plan, &options("王小明", Paper::Letter, false)).expect_err("CJK is not printable");
    assert!(
        matches!(
            err,
            PacketError::Unprintable {
                field: "patient-name",
                ..
            }
        ),
        "{err:?}"
    );
    let err = layout(&plan, &options("محمد", Paper::Letter, false)).expect_err("RTL is refused");
    assert_eq!(
        err,
        PacketError::RightToLeft {
            field: "patient-name"
        }
    );
    let mut o = options("Sam Lee", Paper::Letter, false);
    o.surgeon = Some("Dr. 李".to_owned());
    assert!(matches!(
        layout(&plan, &o),
        Err(PacketError::Unprintable {
            field: "surgeon",
            ..
        })
    ));
    // Greek and Cyrillic names use the fallback face instead of printing empty boxes.
    let doc =
        layout(&plan, &options("Ελένη Παπαδοπούλου", Paper::Letter, false)).expect("Greek prints");
    let run = doc.pages[0]
        .texts()
        .find(|t| t.text.contains("Ελένη"))
        .expect("the name is printed");
    assert_eq!(run.font, homeward_pdf::FontRole::Fallback);
}

#[test]
fn bad_options_name_their_field() {
    let plan = make_plan("microdiscectomy", None, &[], None);
    let mut o = options("  ", Paper::Letter, false);
    assert_eq!(
        layout(&plan, &o),
        Err(PacketError::Required {
            field: "patient-name"
        })
    );
    o.patient_name = "x".repeat(200);
    assert!(matches!(
        layout(&plan, &o),
        Err(PacketError::TooLong {
            field: "patient-name",
            len: 200,
            ..
        })
    ));
    o.patient_name = "Sam Lee".to_owned();
    o.clinic_phone = Some("call me maybe!".to_owned());
    assert!(matches!(
        layout(&plan, &o),
        Err(PacketError::BadPhone {
            field: "clinic-phone",
            ..
        })
    ));
    // No office number: the "call today" box would name no one to call.
    o.clinic_phone = None;
    assert_eq!(
        layout(&plan, &o),
        Err(PacketError::Required {
            field: "clinic-phone"
        })
    );
    // A packet printed before surgery (pre-op teaching) is fine.
    o.clinic_phone = Some("555-0100".to_owned());
    o.printed_on = date("2026-11-01");
    assert!(layout(&plan, &o).is_ok());
}

/// A compact, stable text form of a layout for snapshots: one line per item, positions
/// rounded to a tenth of a point.
fn describe(doc: &Document) -> String {
    let mut s = format!(
        "{} x {} pt, {} pages\n",
        doc.width,
        doc.height,
        doc.pages.len()
    );
    for (n, page) in doc.pages.iter().enumerate() {
        let _ = writeln!(s, "--- page {}", n + 1);
        for item in &page.items {
            let _ = match item {
                Item::Text(t) => writeln!(
                    s,
                    "T {:.1},{:.1} w{:.1} {:?} {} {:?}",
                    t.x, t.y, t.width, t.font, t.size, t.text
                ),
                Item::Rect {
                    x,
                    y,
                    w,
                    h,
                    fill,
                    stroke,
                    dashed,
                    ..
                } => writeln!(
                    s,
                    "R {x:.1},{y:.1} {w:.1}x{h:.1} fill={fill:?} stroke={stroke:?}{}",
                    if *dashed { " dashed" } else { "" }
                ),
                Item::Line { x1, y1, x2, y2, .. } => {
                    writeln!(s, "L {x1:.1},{y1:.1} -> {x2:.1},{y2:.1}")
                }
                Item::Icon {
                    name,
                    x,
                    y,
                    size,
                    color,
                } => writeln!(s, "I {name} {x:.1},{y:.1} {size:.1} {color:?}"),
            };
        }
    }
    s
}

#[test]
fn layout_snapshots() {
    // Reviewed by eye when they change (UPDATE_EXPECT=1 rewrites them).
    // The budget fusion in both languages; ACDF in large print.
    for (lang, snapshot) in [
        ("en", expect_file!["snapshots/lumbar-fusion-letter.txt"]),
        ("es", expect_file!["snapshots/lumbar-fusion-letter-es.txt"]),
    ] {
        let fusion = make_plan_in(
            lang,
            "lumbar-fusion",
            Some(2),
            &["nicotine", "diabetes"],
            Some(JobDemand::Heavy),
        );
        snapshot.assert_eq(&describe(
            &layout(
                &fusion,
                &options("Maria Gonzalez-Núñez", Paper::Letter, false),
            )
            .expect("layout"),
        ));
    }
    let acdf = make_plan("acdf", Some(1), &[], Some(JobDemand::Sedentary));
    expect_file!["snapshots/acdf-a4-large.txt"].assert_eq(&describe(
        &layout(&acdf, &options("Sam Lee", Paper::A4, true)).expect("layout"),
    ));
}

fn name_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Z][a-z]{1,12}( [A-Z][a-z]{1,14}){0,3}",
        // Very long names and words that must be broken to fit.
        "[A-Za-zéñü' -]{40,120}",
        "[A-Z]{60,110}",
    ]
    .prop_filter("a name has a letter", |s| {
        s.chars().any(char::is_alphabetic)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn any_packet_stays_in_the_margins_with_no_overlapping_text(
        proc_index in any::<prop::sample::Index>(),
        levels in 1u8..=4,
        factor_picks in prop::collection::vec(any::<bool>(), 32),
        job in prop::option::of(prop::sample::select(JobDemand::ALL.to_vec())),
        name in name_strategy(),
        surgeon in prop::option::of(name_strategy()),
        a4 in any::<bool>(),
        large in any::<bool>(),
        spanish in any::<bool>(),
    ) {
        let p = default_protocol().expect("protocol");
        let proc = proc_index.get(&p.procedures);
        let levels = levels.clamp(proc.levels.min, proc.levels.max);
        let factors: Vec<&str> = p.factors.iter().zip(&factor_picks).filter(|(_, on)| **on).map(|(f, _)| f.id.as_str()).collect();
        let lang = if spanish { "es" } else { "en" };
        let plan = make_plan_in(lang, &proc.id, Some(levels), &factors, job);
        let mut o = options(&name, if a4 { Paper::A4 } else { Paper::Letter }, large);
        o.surgeon = surgeon;
        let doc = layout(&plan, &o).expect("layout");
        let p = problems(&doc);
        prop_assert!(p.is_empty(), "{}", p.join("\n"));
    }
}

#[test]
fn a_detail_not_given_is_left_out_and_the_urgent_box_still_says_whom_to_call() {
    let plan = make_plan("microdiscectomy", None, &[], None);
    let mut o = options("Sam Lee", Paper::Letter, false);
    o.surgeon = None;
    o.after_hours_phone = None;
    let doc = layout(&plan, &o).expect("layout");
    let text: Vec<String> = doc
        .pages
        .iter()
        .flat_map(|p| p.texts().map(|t| t.text.clone()))
        .collect();
    // Runs joined with spaces, so a sentence wrapped in a narrow box reads whole.
    let all = text.join(" ");
    assert!(!all.to_lowercase().contains("ask your nurse"), "{all}");
    assert!(
        !text
            .iter()
            .any(|t| t == "After hours" || t == "Your doctor")
    );
    // Day or night, the office number and where to go when no one answers.
    assert!(all.contains("Call (555) 201-3300."), "{all}");
    assert!(all.contains("If you cannot reach us, go to the nearest emergency room."));
    // With both numbers, the box gives each.
    let full = layout(&plan, &options("Sam Lee", Paper::Letter, false)).expect("layout");
    let all: String = full
        .pages
        .iter()
        .flat_map(|p| p.texts().map(|t| t.text.clone()))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        all.contains("At night or on weekends, call (555) 201-3399."),
        "{all}"
    );
}

#[test]
fn the_care_sheet_is_sound_at_every_size() {
    let p = default_protocol().expect("protocol");
    let all: Vec<&str> = p.factors.iter().map(|f| f.id.as_str()).collect();
    for proc in &p.procedures {
        let plan = make_plan(&proc.id, None, &all, Some(JobDemand::Heavy));
        for (paper, large) in [(Paper::Letter, false), (Paper::A4, true)] {
            let doc = homeward_pdf::care_sheet_layout(&plan, &options("Sam Lee", paper, large))
                .expect("care sheet");
            let bad = problems(&doc);
            assert!(bad.is_empty(), "{}: {}", proc.id, bad.join("\n"));
            let text = common::all_text(&doc);
            assert!(text.contains("The basis of every number"));
            assert!(!text.contains("NOT REVIEWED: this packet is in"));
        }
    }
}

#[test]
fn a_spanish_packets_care_sheet_keeps_the_care_teams_words_and_says_if_it_is_reviewed() {
    // The care team's words stay English, the patient's signs are quoted as the patient got
    // them, the chart summary names things in English, and it says whether a translator has
    // reviewed the Spanish.
    let p = default_protocol().expect("protocol");
    let all: Vec<&str> = p.factors.iter().map(|f| f.id.as_str()).collect();
    let plan = make_plan_in("es", "acdf", None, &all, Some(JobDemand::Heavy));
    let doc = homeward_pdf::care_sheet_layout(&plan, &options("Sam Lee", Paper::Letter, false))
        .expect("care sheet");
    assert!(problems(&doc).is_empty());
    let text = common::all_text(&doc);
    assert!(text.contains("The basis of every number"));
    assert!(text.contains("NOT REVIEWED: this packet is in Spanish, and its text has not been"));
    // The chart's names are English: the summary is pasted into an English chart.
    let chart = plan
        .chart
        .as_ref()
        .expect("a Spanish plan names things for the chart");
    assert_eq!(
        chart.procedure,
        "Anterior cervical discectomy and fusion (ACDF)"
    );
    assert!(text.contains(&format!("teaching was given for {}", chart.procedure)));
    for t in chart.topics.iter().chain(&chart.factors) {
        assert!(text.contains(t.as_str()), "the chart lacks `{t}`");
    }
    assert!(
        !text.contains(&plan.procedure.name),
        "{}",
        plan.procedure.name
    );
    // Once a translator has reviewed these texts, it names them instead.
    let mut o = options("Sam Lee", Paper::Letter, false);
    o.translation_review = Some(homeward_pdf::ReviewNote {
        reviewer: "Ana Ruiz".into(),
        credential: "CHI-Spanish".into(),
        on: date("2026-11-20"),
    });
    let doc = homeward_pdf::care_sheet_layout(&plan, &o).expect("care sheet");
    let text = common::all_text(&doc);
    assert!(text.contains("Packet in Spanish. Its text was reviewed by Ana Ruiz (CHI-Spanish), a"));
    assert!(!text.contains("NOT REVIEWED"));
    assert!(
        text.contains(&plan.warning_signs[0].short),
        "the sign as printed for the patient"
    );
}
