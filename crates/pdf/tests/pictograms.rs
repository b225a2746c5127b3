//! The pictograms: each beside its words, the lifting limit under the lifting figure, a slash
//! only where a line says not to.

use homeward_core::JobDemand;
use homeward_pdf::{Item, Page, Paper, layout};

mod common;
use common::{every_case, make, options};

/// Every pictogram on a page: name, left, top, side.
fn icons(page: &Page) -> impl Iterator<Item = (&str, f32, f32, f32)> {
    page.items.iter().filter_map(|i| match i {
        Item::Icon {
            name, x, y, size, ..
        } => Some((name.as_str(), *x, *y, *size)),
        _ => None,
    })
}

/// The first line of the words to the right of an icon at (x, y).
fn beside(page: &Page, x: f32, y: f32, size: f32) -> &homeward_pdf::TextRun {
    page.texts()
        .filter(|t| t.x >= x + size && t.x <= x + size * 2.5 && t.y >= y - 0.5 && t.y < y + size)
        .min_by(|a, b| a.y.total_cmp(&b.y))
        .expect("words beside the icon")
}

#[test]
fn every_pictogram_stands_beside_its_words() {
    for plan in every_case() {
        for large in [false, true] {
            let doc = layout(&plan, &options("Sam Lee", Paper::Letter, large)).expect("layout");
            let mut seen = Vec::new();
            for page in &doc.pages {
                for (name, x, y, size) in icons(page) {
                    seen.push(name.to_owned());
                    // Words start to its right, level with it: never a picture alone.
                    let beside = page.texts().any(|t| {
                        t.x >= x + size
                            && t.x <= x + size * 2.5
                            && t.y < y + size
                            && t.y + t.height > y
                    });
                    assert!(
                        beside,
                        "{}: the `{name}` icon at ({x}, {y}) has no words beside it",
                        plan.procedure.id
                    );
                }
            }
            // The bending figure bends at the waist: it is never put beside a neck line.
            let neck = plan.procedure.region == homeward_core::Region::Cervical;
            assert_eq!(
                seen.iter().any(|n| n == "bending"),
                !neck,
                "{}",
                plan.procedure.id
            );
            for name in [
                "emergency",
                "phone",
                "office",
                "walking",
                "lifting",
                "driving",
            ] {
                assert!(
                    seen.iter().any(|n| n == name),
                    "{}: no `{name}` pictogram",
                    plan.procedure.id
                );
            }
        }
    }
}

#[test]
fn the_lifting_pictogram_carries_the_phases_own_limit() {
    for plan in every_case() {
        let doc = layout(&plan, &options("Sam Lee", Paper::Letter, false)).expect("layout");
        let mut labels = Vec::new();
        for page in &doc.pages {
            for (name, x, y, size) in icons(page) {
                if name != "lifting" {
                    continue;
                }
                // The label under the icon, and the whole line beside it.
                let label = page.texts().find(|t| {
                    t.y >= y + size - 0.5
                        && t.y < y + size * 1.8
                        && t.x >= x - 1.0
                        && t.x < x + size
                });
                let first = beside(page, x, y, size);
                let line: String = page
                    .texts()
                    .filter(|t| {
                        (t.x - first.x).abs() < 0.5 && t.y >= first.y && t.y < first.y + size * 4.0
                    })
                    .map(|t| t.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                if let Some(label) = label {
                    let lb = label.text.trim_end_matches(" lb");
                    assert!(
                        line.contains(&format!("limit is {lb} pounds"))
                            || line.starts_with(&format!("Do not lift more than {lb} pounds"))
                                && !line.contains("Then your limit"),
                        "{}: `{}` beside `{line}`",
                        plan.procedure.id,
                        label.text
                    );
                    labels.push(lb.parse::<u32>().expect("a number"));
                }
            }
        }
        // One label per phase whose lifting line is printed (new or changed), its own limit.
        let lifting = |i: usize| {
            plan.phases[i]
                .restrictions
                .iter()
                .find(|l| l.activity == Some(homeward_core::Activity::Lifting))
                .map(|l| l.text.clone())
        };
        let limits: Vec<u32> = (0..plan.phases.len())
            .filter(|&i| lifting(i).is_some() && (i == 0 || lifting(i) != lifting(i - 1)))
            .filter_map(|i| plan.phases[i].lifting_limit_lb)
            .collect();
        assert_eq!(labels, limits, "{}", plan.procedure.id);
    }
}

#[test]
fn a_slash_is_drawn_only_over_what_a_line_says_not_to_do() {
    let plan = make("lumbar-fusion", &[], Some(JobDemand::Heavy), Vec::new());
    let doc = layout(&plan, &options("Sam Lee", Paper::Letter, false)).expect("layout");
    for page in &doc.pages {
        for (name, x, y, size) in icons(page) {
            if name != "ban" {
                continue;
            }
            let line = beside(page, x, y, size);
            assert!(
                line.text.starts_with("Do not") || line.text.starts_with("No "),
                "a slash beside `{}`",
                line.text
            );
        }
    }
}
