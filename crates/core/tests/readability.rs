//! Reading level of every patient-facing sentence, per procedure and per packet section.
//! Run with `--nocapture` to see the figures. Target grade 6; fail above grade 8.

mod common;

use common::{must_plan, patient_text, protocol};
use homeward_core::readability::Counts;

const CEILING: f64 = 8.0;

#[test]
fn every_procedure_reads_at_grade_8_or_below() {
    let p = protocol();
    let all_factors: Vec<String> = p.factors.iter().map(|f| f.id.clone()).collect();
    let mut failures = Vec::new();
    println!(
        "{:<22} {:>7} {:>6}  worst section",
        "procedure", "grade", "words"
    );
    for proc in &p.procedures {
        let mut input = common::input(&proc.id, None, None);
        input.factors = all_factors.iter().cloned().collect();
        let plan = must_plan(&p, &input);
        let mut total = Counts::default();
        let mut worst = ("", f64::MIN);
        for (section, texts) in patient_text(&plan) {
            let mut c = Counts::default();
            for t in &texts {
                c.add(t);
                total.add(t);
            }
            let g = c.grade();
            if g > worst.1 {
                worst = (section, g);
            }
            if g > CEILING {
                failures.push(format!(
                    "{}: section `{section}` is at grade {g:.1}",
                    proc.id
                ));
            }
        }
        let g = total.grade();
        println!(
            "{:<22} {:>7.1} {:>6}  {} ({:.1})",
            proc.id, g, total.words, worst.0, worst.1
        );
        if g > CEILING {
            failures.push(format!("{}: whole text is at grade {g:.1}", proc.id));
        }
    }
    assert!(
        failures.is_empty(),
        "text above grade {CEILING}:\n{}",
        failures.join("\n")
    );
}

#[test]
fn the_grade_check_catches_hard_text() {
    // Guards the test above: if the grade formula broke and returned low numbers for
    // everything, this would fail.
    let mut c = Counts::default();
    c.add("Postoperative ambulation facilitates circulatory optimization and minimizes thromboembolic complications.");
    assert!(c.grade() > CEILING, "hard text graded {:.1}", c.grade());
}
