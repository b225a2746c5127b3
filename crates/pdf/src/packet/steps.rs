//! The phases, each saying only what changes. The first phase prints whole; a later one
//! prints the lines that are new or reworded since the phase before, under a line that says
//! the rest still applies. A phase that drops a limit without a line in its place (which the
//! bundled protocol never does, but a clinic's edit might) prints whole, so nothing the
//! patient must stop avoiding is left to be inferred.

use homeward_core::{Activity, Line, PlanPhase, Region};

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
    /// A phase line, with the pictogram of what it is about when there is one: a slash over
    /// it for a line that says not to, and the number of pounds under a lifting limit.
    fn line_bullet(&mut self, l: &Line, avoid: bool, limit_now: Option<u32>) {
        let s = self.s();
        let neck = self.plan.procedure.region == Region::Cervical;
        let icon = match l.activity {
            Some(Activity::Walking) => Some(("walking", false)),
            Some(Activity::Lifting) => Some(("lifting", false)),
            // The figure bends at the waist: beside a neck line it would mislead.
            Some(Activity::Bending) if !neck => Some(("bending", avoid)),
            Some(Activity::Driving) => Some(("driving", avoid)),
            Some(Activity::Brace) => Some((if neck { "collar" } else { "brace" }, false)),
            Some(Activity::Exercise) => Some(("therapy", avoid)),
            Some(Activity::Medicine) => Some(("pill", false)),
            Some(Activity::Work) => Some(("work", false)),
            _ => None,
        };
        let label = match (l.activity, avoid, limit_now) {
            (Some(Activity::Lifting), true, Some(lb)) => {
                Some(fill(&self.w.icon_lb, &[("lb", &lb.to_string())]))
            }
            _ => None,
        };
        match icon {
            Some((name, ban)) => {
                let c = self
                    .ts
                    .icon_bullet(&l.text, s.body, name, ban, label.as_deref());
                self.push(c);
            }
            None => {
                for c in self.ts.bullet_lines(&l.text, s.body, 0.0) {
                    self.push(c);
                }
            }
        }
    }

    pub(super) fn phases(&mut self) {
        let s = self.s();
        let phases = &self.plan.phases;
        let mut explained = false;
        for (i, ph) in phases.iter().enumerate() {
            let title = fill(
                &self.w.phase_heading,
                &[("n", &(i + 1).to_string()), ("name", &ph.name)],
            );
            let head = self.ts.heading(&title, s.h2, s.body * 1.0);
            self.running = None;
            self.push(head);
            self.running = Some(title);
            let prev = i.checked_sub(1).map(|k| &phases[k]);
            let (whole, lists) = shown(prev, ph);
            // The pictogram carries the phase's own limit: the one its line says applies
            // once the visit that opens the phase allows it.
            let limit_now = ph.lifting_limit_lb;
            let mut lead = match ph.end_date {
                Some(e) => fill(
                    &self.w.phase_dates,
                    &[
                        ("start", &self.w.short_date_year(ph.start_date)),
                        ("end", &self.w.short_date_year(e)),
                    ],
                ),
                None => fill(
                    &self.w.phase_dates_open,
                    &[("start", &self.w.short_date_year(ph.start_date))],
                ),
            };
            if !whole {
                let n = i.to_string();
                // The first phase that lists only changes says how to read them.
                let key = if lists.iter().all(Vec::is_empty) {
                    &self.w.phase_same
                } else if explained {
                    &self.w.phase_changes
                } else {
                    explained = true;
                    &self.w.phase_changes_first
                };
                lead = format!("{lead}. {}", fill(key, &[("prev", &n)]));
            }
            // The heading and its lead stay with the phase's first lines: never alone at the
            // foot of a column.
            let mut lines = self.ts.paragraph(&lead, FontRole::Bold, s.body, 0.0);
            for l in &mut lines {
                l.keep_with_next = true;
            }
            self.extend(lines);
            // (heading, whether its lines say what not to do)
            let heads = [
                (&self.w.goals, false),
                (&self.w.can, false),
                (&self.w.avoid, true),
            ];
            for ((title, avoid), list) in heads.into_iter().zip(lists) {
                if list.is_empty() {
                    continue;
                }
                self.h3(&title.clone());
                for l in list {
                    self.line_bullet(l, avoid, limit_now);
                }
            }
        }
        self.running = None;
    }
}
