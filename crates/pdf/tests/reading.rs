//! Reading level of the packet as printed: every text run the layout puts on a page (the
//! plan's lines and the packet's own words: headings, boxes, work note, wallet card), grouped
//! by the packet's sections, measured with Flesch-Kincaid and SMOG. Run with `--nocapture`
//! for the figures. Target grade 6; no section may be above grade 8 on either formula.
//!
//! SMOG is defined on samples of 30 sentences (McLaughlin 1969). On a section of a handful of
//! sentences one date or the patient's name moves it by a grade, so SMOG is checked on every
//! section of at least `SMOG_MIN_SENTENCES` sentences and on the whole packet; Flesch-Kincaid
//! is checked on every section.

use homeward_core::readability::Counts;
use homeward_core::{JobDemand, PlanInput, default_protocol, plan};
use homeward_pdf::{Document, FontRole, Item, Paper, layout};

mod common;
use common::{date, options};

const CEILING: f64 = 8.0;
const SMOG_MIN_SENTENCES: usize = 10;

/// The sections a reader reads, their items with the names left out (the patient's, the
/// doctor's, the clinic's are not words to read) and empty items dropped. The calendar
/// (`calendar`, its heading in the packet's language) is a grid of day numbers and one-word
/// labels, not reading matter: counted, it would flatter the grade.
fn reading_sections(doc: &Document, h2: f32, calendar: &str) -> Vec<(String, Vec<String>)> {
    printed_sections(doc, h2)
        .into_iter()
        .filter(|(heading, _)| heading != calendar)
        .map(|(heading, items)| {
            let items = items
                .iter()
                .filter(|i| !i.is_empty())
                .map(|it| {
                    ["Maria Gonzalez", "Dr. Ana Rivera", "Riverside Spine Center"]
                        .iter()
                        .fold(it.clone(), |t, name| t.replace(name, ""))
                })
                .collect();
            (heading, items)
        })
        .collect()
}

/// The printed text, as (section heading, items): an item is what a reader takes as one
/// unit (a paragraph, a list item, a box line), rebuilt from the wrapped runs: a new item
/// starts at a bullet, a change of font, size or indent, or a gap larger than a line.
fn printed_sections(doc: &Document, h2: f32) -> Vec<(String, Vec<String>)> {
    let mut sections: Vec<(String, Vec<String>)> = vec![("cover".to_owned(), Vec::new())];
    for page in &doc.pages {
        let mut prev: Option<(f32, f32, FontRole, f32)> = None;
        for item in &page.items {
            let Item::Text(t) = item else { continue };
            // The footer (page numbers, version, print date) is not reading matter.
            if (t.text.starts_with("Page ") && t.text.contains(" of "))
                || (t.text.starts_with("Página ") && t.text.contains(" de "))
            {
                continue;
            }
            let section = sections.last_mut().expect("starts with the cover");
            if t.text == "\u{2022}" {
                section.1.push(String::new());
                prev = None;
                continue;
            }
            if t.size >= h2 && t.font == FontRole::Bold {
                sections.push((t.text.clone(), Vec::new()));
                prev = None;
                continue;
            }
            let continues = prev.is_some_and(|(x, y, font, size)| {
                (x - t.x).abs() < 0.5
                    && font == t.font
                    && (size - t.size).abs() < 0.01
                    && t.y - y < t.height * 1.5
            }) || section.1.last().is_some_and(String::is_empty);
            match section.1.last_mut() {
                Some(last) if continues => {
                    if !last.is_empty() {
                        last.push(' ');
                    }
                    last.push_str(&t.text);
                }
                _ => section.1.push(t.text.clone()),
            }
            prev = Some((t.x, t.y, t.font, t.size));
        }
    }
    sections
}

/// Every procedure's packet in `lang`, with every factor and a heavy job and with none:
/// (procedure id, which, the layout).
fn packets(lang: &str) -> Vec<(String, &'static str, Document)> {
    let p = default_protocol().expect("protocol");
    let all: Vec<String> = p.factors.iter().map(|f| f.id.clone()).collect();
    let mut out = Vec::new();
    for proc in &p.procedures {
        for (label, factors, job) in [
            ("all factors", all.clone(), Some(JobDemand::Heavy)),
            ("no factors", Vec::new(), None),
        ] {
            let input = PlanInput {
                procedure: proc.id.clone(),
                levels: None,
                factors: factors.into_iter().collect(),
                job,
                surgery_date: date("2026-12-01"),
                discharge_date: Some(date("2026-12-02")),
                language: Some(lang.to_owned()),
                booked: Vec::new(),
            };
            let plan = plan(&p, &input).expect("plan");
            let doc =
                layout(&plan, &options("Maria Gonzalez", Paper::Letter, false)).expect("layout");
            out.push((proc.id.clone(), label, doc));
        }
    }
    out
}

#[test]
fn every_packet_reads_at_grade_8_or_below_as_printed() {
    // The size of a section heading in normal print.
    let h2 = 15.0;
    let mut failures = Vec::new();
    println!(
        "{:<22} {:>5} {:>5} {:>6}  worst section (FK / SMOG)",
        "packet", "FK", "SMOG", "words"
    );
    for (proc, label, doc) in packets("en") {
        let mut total = Counts::default();
        let mut worst = (String::new(), f64::MIN, 0.0);
        for (heading, items) in reading_sections(&doc, h2, "Your first weeks") {
            let mut c = Counts::default();
            for it in &items {
                c.add(it);
                total.add(it);
            }
            if c.words == 0 {
                continue;
            }
            let (fk, smog) = (c.grade(), c.smog());
            if fk.max(smog) > worst.1.max(worst.2) {
                worst = (heading.clone(), fk, smog);
            }
            if fk > CEILING || (smog > CEILING && c.sentences >= SMOG_MIN_SENTENCES) {
                failures.push(format!(
                    "{} ({label}): section `{heading}` is at FK {fk:.1}, SMOG {smog:.1}",
                    proc
                ));
            }
        }
        if total.grade() > CEILING || total.smog() > CEILING {
            failures.push(format!(
                "{} ({label}): the packet is at FK {:.1}, SMOG {:.1}",
                proc,
                total.grade(),
                total.smog()
            ));
        }
        println!(
            "{:<22} {:>5.1} {:>5.1} {:>6}  {} ({:.1} / {:.1})  [{label}]",
            proc,
            total.grade(),
            total.smog(),
            total.words,
            worst.0,
            worst.1,
            worst.2
        );
    }
    assert!(
        failures.is_empty(),
        "sections above grade {CEILING}:\n{}",
        failures.join("\n")
    );
}

/// The Spanish packet as printed, per procedure: Fernández-Huerta and INFLESZ (Flesch-Kincaid
/// and SMOG are English formulas). Each must be in its "fairly easy" band or above:
/// Fernández-Huerta 70 (6th grade), INFLESZ 65.
#[test]
fn every_spanish_packet_reads_fairly_easy_as_printed() {
    const FH_FLOOR: f64 = 70.0;
    const INFLESZ_FLOOR: f64 = 65.0;
    let mut failures = Vec::new();
    println!(
        "{:<22} {:>6} {:>8} {:>6}  lowest section (FH / INFLESZ)",
        "paquete", "FH", "INFLESZ", "words"
    );
    for (proc, label, doc) in packets("es") {
        let mut total = Counts::default();
        let mut worst = (String::new(), f64::MAX, f64::MAX);
        for (heading, items) in reading_sections(&doc, 15.0, "Sus primeras semanas") {
            let mut c = Counts::default();
            for it in &items {
                c.add_es(it);
                total.add_es(it);
            }
            if c.words >= 20 && c.fernandez_huerta() < worst.1 {
                worst = (heading.clone(), c.fernandez_huerta(), c.inflesz());
            }
        }
        let (fh, inflesz) = (total.fernandez_huerta(), total.inflesz());
        if fh < FH_FLOOR || inflesz < INFLESZ_FLOOR {
            failures.push(format!(
                "{} ({label}): Fernández-Huerta {fh:.1}, INFLESZ {inflesz:.1}",
                proc
            ));
        }
        println!(
            "{:<22} {fh:>6.1} {inflesz:>8.1} {:>6}  {} ({:.1} / {:.1})  [{label}]",
            proc, total.words, worst.0, worst.1, worst.2
        );
    }
    assert!(
        failures.is_empty(),
        "Spanish packets below \"fairly easy\":\n{}",
        failures.join("\n")
    );
}

#[test]
fn the_reading_check_sees_every_line_the_packet_prints() {
    // Guards the test above: the rebuilt text must hold the packet's own words and the
    // plan's, or a section could escape measurement.
    let p = default_protocol().expect("protocol");
    let input = PlanInput {
        procedure: "lumbar-fusion".to_owned(),
        levels: None,
        factors: ["nicotine".to_owned()].into_iter().collect(),
        job: Some(JobDemand::Medium),
        surgery_date: date("2026-12-01"),
        discharge_date: None,
        language: None,
        booked: Vec::new(),
    };
    let plan = plan(&p, &input).expect("plan");
    let doc = layout(&plan, &options("Maria Gonzalez", Paper::Letter, false)).expect("layout");
    let sections = printed_sections(&doc, 15.0);
    // The headings are found as headings, so each section is measured on its own.
    let headings: Vec<&str> = sections.iter().map(|(h, _)| h.as_str()).collect();
    for h in ["What is normal", "Going back to work", "Physical therapy"] {
        assert!(
            headings.contains(&h),
            "`{h}` is not its own section: {headings:?}"
        );
    }
    let text: String = sections
        .into_iter()
        .flat_map(|(h, items)| std::iter::once(h).chain(items))
        .collect::<Vec<_>>()
        .join("\n");
    for line in plan
        .warning_signs
        .iter()
        .map(|w| w.short.as_str())
        .chain(
            plan.sections
                .iter()
                .flat_map(|s| s.lines.iter().map(|l| l.text.as_str())),
        )
        .chain(plan.phases[0].restrictions.iter().map(|l| l.text.as_str()))
    {
        assert!(text.contains(line), "not measured: `{line}`");
    }
    assert!(text.contains("Call 911 right away if:"));
    // Whom to call when no one answers is on every packet that goes home.
    assert!(text.contains("If you cannot reach us, go to the nearest emergency room."));
}
