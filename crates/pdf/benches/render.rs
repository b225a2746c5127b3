//! How long the packet takes to make: `layout` (measure, wrap, paginate) and `render`
//! (layout plus drawing the PDF with printpdf), for three packets from small to large.
//!
//! The plans and options are built once, outside the timed closures; only the packet work
//! is measured.
//!
//! Run: `cargo bench -p homeward-pdf --bench render`
//! (quicker: `... -- --warm-up-time 1 --measurement-time 3`).

use std::collections::BTreeSet;
use std::hint::black_box;

use chrono::NaiveDate;
use criterion::Criterion;
use homeward_core::{JobDemand, Plan, PlanInput, default_protocol, plan};
use homeward_pdf::{PacketOptions, Paper, layout, render};

/// A date from a literal.
fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("bench dates are valid")
}

/// The three packets: (name, plan, options).
fn cases() -> Vec<(&'static str, Plan, PacketOptions)> {
    let protocol = default_protocol().expect("the bundled protocol loads");
    let input = |procedure: &str, levels: Option<u8>, factors: &[&str], job| PlanInput {
        procedure: procedure.to_owned(),
        levels,
        factors: factors
            .iter()
            .map(|f| (*f).to_owned())
            .collect::<BTreeSet<_>>(),
        job,
        surgery_date: date("2026-12-01"),
        discharge_date: Some(date("2026-12-04")),
        language: None,
        booked: Vec::new(),
    };
    let options = |paper: Paper, large_print: bool| PacketOptions {
        patient_name: "Maria Gonzalez-Nunez".to_owned(),
        surgeon: Some("Dr. Ana Rivera".to_owned()),
        clinic_phone: Some("(555) 201-3300".to_owned()),
        after_hours_phone: Some("(555) 201-3399".to_owned()),
        office_hours: None,
        paper,
        large_print,
        printed_on: date("2026-12-04"),
        protocol: homeward_pdf::ProtocolOrigin::BuiltIn,
        translation_review: None,
        ..PacketOptions::default()
    };
    let small = input("microdiscectomy", None, &[], None);
    let fusion = input(
        "lumbar-fusion",
        Some(2),
        &["nicotine", "diabetes"],
        Some(JobDemand::Heavy),
    );
    let make = |i: &PlanInput| plan(&protocol, i).expect("the bench plans are valid");
    vec![
        (
            "microdiscectomy-letter",
            make(&small),
            options(Paper::Letter, false),
        ),
        (
            "fusion-2-smoker-diabetes-heavy-letter",
            make(&fusion),
            options(Paper::Letter, false),
        ),
        (
            "fusion-2-smoker-diabetes-heavy-large-a4",
            make(&fusion),
            options(Paper::A4, true),
        ),
    ]
}

fn bench_packet(c: &mut Criterion) {
    let cases = cases();
    let mut group = c.benchmark_group("layout");
    for (name, plan, options) in &cases {
        group.bench_function(*name, |b| {
            b.iter(|| layout(black_box(plan), black_box(options)).expect("layout"));
        });
    }
    group.finish();
    let mut group = c.benchmark_group("render");
    for (name, plan, options) in &cases {
        group.bench_function(*name, |b| {
            b.iter(|| render(black_box(plan), black_box(options)).expect("render"));
        });
    }
    group.finish();
}

// What `criterion_group!` and `criterion_main!` expand to, written out: the macros' `pub fn`
// has no doc comment, which the workspace's `missing_docs` lint reports.
fn main() {
    let mut c = Criterion::default().configure_from_args();
    bench_packet(&mut c);
    c.final_summary();
}
