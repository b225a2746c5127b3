//! The phases, each saying only what changes. The first phase prints whole; a later one
//! prints the lines that are new or reworded since the phase before, under a line that says
//! the rest still applies. A phase that drops a limit without a line in its place (which the
//! bundled protocol never does, but a clinic's edit might) prints whole, so nothing the
//! patient must stop avoiding is left to be inferred.

use homeward_core::{Line, PlanPhase};

use super::*;

/// The lines a phase prints, as (goals, can, avoid), and whether it prints whole.
pub(crate) fn shown<'p>(prev: Option<&PlanPhase>, ph: &'p PlanPhase) -> (bool, [Vec<&'p Line>; 3]) {
    let lists = [&ph.goals, &ph.allowed, &ph.restrictions];
    let all = |lists: [&'p Vec<Line>; 3]| lists.map(|l| l.iter().collect::<Vec<_>>());
    let Some(prev) = prev else {
        return (true, all(lists));
    };
    // What a line is about: its activity, or for a line without one, its own words.
    let key = |l: &Line| match l.activity {
        Some(a) => format!("{a:?}"),
        None => l.text.clone(),
    };
    let now: Vec<String> = lists.iter().flat_map(|l| l.iter()).map(key).collect();
    if prev.restrictions.iter().any(|r| !now.contains(&key(r))) {
        return (true, all(lists));
    }
    let before: Vec<&str> = [&prev.goals, &prev.allowed, &prev.restrictions]
        .iter()
        .flat_map(|l| l.iter())
        .map(|l| l.text.as_str())
        .collect();
    (
        false,
        lists.map(|l| {
            l.iter()
                .filter(|l| !before.contains(&l.text.as_str()))
                .collect()
        }),
    )
}

impl Builder<'_> {
    pub(super) fn phases(&mut self) {
        let s = self.s();
        let phases = &self.plan.phases;
        for (i, ph) in phases.iter().enumerate() {
            let head = self.ts.heading(
                &fill(
                    &self.w.phase_heading,
                    &[("n", &(i + 1).to_string()), ("name", &ph.name)],
                ),
                s.h2,
                s.body * 1.0,
            );
            self.push(head);
            let (whole, lists) = shown(i.checked_sub(1).map(|k| &phases[k]), ph);
            let mut lead = match ph.end_date {
                Some(e) => fill(
                    &self.w.phase_dates,
                    &[
                        ("start", &self.w.weekday_date(ph.start_date)),
                        ("end", &self.w.weekday_date(e)),
                    ],
                ),
                None => fill(
                    &self.w.phase_dates_open,
                    &[("start", &self.w.weekday_date(ph.start_date))],
                ),
            };
            if !whole {
                let n = i.to_string();
                let key = if lists.iter().all(Vec::is_empty) {
                    &self.w.phase_same
                } else {
                    &self.w.phase_changes
                };
                lead = format!("{lead}. {}", fill(key, &[("prev", &n)]));
            }
            let mut lines = self.ts.paragraph(&lead, FontRole::Bold, s.body, 0.0);
            for l in &mut lines {
                l.keep_with_next = true;
            }
            self.extend(lines);
            for (title, list) in [&self.w.goals, &self.w.can, &self.w.avoid]
                .into_iter()
                .zip(lists)
            {
                if list.is_empty() {
                    continue;
                }
                self.h3(&title.clone());
                self.bullets(list.iter().map(|l| l.text.clone()).collect::<Vec<_>>());
            }
        }
    }
}
