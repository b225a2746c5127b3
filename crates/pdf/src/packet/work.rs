//! Going back to work: the day back (light duty while a limit is below what the job lifts),
//! full duty with the visit it waits for, and the work note for the employer.

use super::*;

/// Whether phase `i`'s lifting limit still applies on `day`: the phase runs that day, or the
/// next phase's step-up waits for a visit on that very day (until the visit, this limit
/// holds).
fn limit_applies(phases: &[homeward_core::PlanPhase], i: usize, day: u32) -> bool {
    let ph = &phases[i];
    ph.end_day.is_none_or(|e| e >= day)
        || phases
            .get(i + 1)
            .is_some_and(|n| n.gate.is_some() && n.start_day == day)
}

impl Builder<'_> {
    /// The full-duty date, with the visit it waits for.
    fn full_duty(&self, w: &homeward_core::WorkMilestone) -> String {
        let date = self.date(w.full_duty.date);
        match &w.full_duty.gate {
            Some(gate) => fill(&self.w.full_duty_gated, &[("date", &date), ("gate", gate)]),
            None => fill(&self.w.full_duty_date, &[("date", &date)]),
        }
    }

    pub(super) fn work(&mut self, f: &Fields) {
        let s = self.s();
        let p = self.plan;
        self.h2_icon(&self.w.work_title.clone(), "work");
        let Some(rtw) = &p.return_to_work else {
            let ps = self
                .ts
                .paragraph(&self.w.work_no_job, FontRole::Regular, s.body, 0.0);
            self.extend(ps);
            let rows: Vec<String> = p
                .return_to_work_by_job
                .iter()
                .map(|r| {
                    let vars = [
                        ("job", r.job_name.clone()),
                        ("lifting", r.job_lifting.clone()),
                        ("date", self.date(r.date)),
                        ("full", self.full_duty(r)),
                    ];
                    let vars: Vec<(&str, &str)> =
                        vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
                    let row = if r.full_duty.day > r.day {
                        &self.w.work_row_light
                    } else if r.full_duty.gate.is_some() {
                        &self.w.work_row_gated
                    } else {
                        &self.w.work_row
                    };
                    fill(row, &vars)
                })
                .collect();
            self.bullets(rows);
            return;
        };
        // Light duty is said with the date it starts, so it cannot read as "before then".
        let back = if rtw.light_duty {
            &self.w.work_when_light
        } else {
            &self.w.work_when
        };
        let when = fill(back, &[("date", &self.date(rtw.date))]);
        let ps = self.ts.paragraph(&when, FontRole::Bold, s.body, 0.0);
        self.extend(ps);
        let lifting = rtw.job_lifting.clone();
        let full = fill(
            &self.w.work_full,
            &[("lifting", &lifting), ("date", &self.full_duty(rtw))],
        );
        // Back at full duty from the first day, with nothing to wait for: the return date
        // says it all.
        let same_day = rtw.full_duty.day == rtw.day && rtw.full_duty.gate.is_none();
        if !same_day {
            let ps = self.ts.paragraph(&full, FontRole::Bold, s.body, 0.0);
            self.extend(ps);
        }
        // Every lifting limit still in force on or after the return date, each with the day
        // it ends (or none, when it lasts until the surgeon lifts it).
        // A limit whose end waits for a visit says so, with the visit's date as "about".
        let limits: Vec<String> = p
            .phases
            .iter()
            .enumerate()
            .filter(|(i, _)| limit_applies(&p.phases, *i, rtw.day))
            .filter_map(|(i, ph)| {
                let (lb, kg) = (ph.lifting_limit_lb?, ph.lifting_limit_kg?);
                let next = p.phases.get(i + 1);
                let gate = next.and_then(|n| n.gate.clone()).unwrap_or_default();
                // Short dates: these lines list several, and the key dates give them in full.
                // The day the next phase starts: the day the key dates and the work note say
                // the limit ends (the phase's own last day would be a day earlier).
                let date = match next {
                    Some(n) => self.w.short_date_year(n.start_date),
                    None => ph
                        .end_date
                        .map(|d| self.w.short_date_year(d))
                        .unwrap_or_default(),
                };
                let values = [
                    ("lb", lb.to_string()),
                    ("kg", format_kg(kg)),
                    ("date", date),
                    ("gate", gate.clone()),
                ];
                let values: Vec<(&str, &str)> =
                    values.iter().map(|(k, v)| (*k, v.as_str())).collect();
                let template = if !gate.is_empty() {
                    &self.w.work_limit_gated
                } else if ph.end_date.is_some() {
                    &self.w.work_limit
                } else {
                    &self.w.work_limit_open
                };
                Some(fill(template, &values))
            })
            .collect();
        for l in &limits {
            let ps = self.ts.paragraph(l, FontRole::Regular, s.body, 0.0);
            self.extend(ps);
        }
        // The same limits for the employer, in the third person and without the patient's
        // "your surgeon": a limit and the date it is expected to end.
        let note_limits: Vec<String> = p
            .phases
            .iter()
            .enumerate()
            .filter(|(i, _)| limit_applies(&p.phases, *i, rtw.day))
            .filter_map(|(i, ph)| {
                let lb = ph.lifting_limit_lb?;
                let kg = ph.lifting_limit_kg?;
                let next = p.phases.get(i + 1)?;
                let template = if next.gate.is_some() {
                    &self.w.work_note_limit_gated
                } else {
                    &self.w.work_note_limit
                };
                Some(fill(
                    template,
                    &[
                        ("lb", &lb.to_string()),
                        ("kg", &format_kg(kg)),
                        ("date", &self.w.short_date_year(next.start_date)),
                    ],
                ))
            })
            .collect();

        // The work note: a dashed box the patient can cut out. Placed whole.
        let pad = s.body * 0.7;
        let inner = self.ts.width - 2.0 * pad;
        let x = self.ts.left + pad;
        let mut items = Vec::new();
        let mut y = pad;
        let add =
            |ts: &Typesetter, text: &str, font: FontRole, items: &mut Vec<Item>, y: &mut f32| {
                let (its, h) = ts.block(text, font, s.body, Color::INK, x, *y, inner);
                items.extend(its);
                *y += h + s.body * 0.3;
            };
        add(
            &self.ts,
            &self.w.work_note_title,
            FontRole::Bold,
            &mut items,
            &mut y,
        );
        let body = fill(
            &self.w.work_note_body,
            &[("patient", &f.name.0), ("date", &self.date(p.surgery_date))],
        );
        add(&self.ts, &body, f.name.1.min_regular(), &mut items, &mut y);
        // Every lifting limit still in force goes to the employer, even when the job is
        // within it: no one should hand the patient a heavier box meanwhile.
        let back = if rtw.light_duty {
            &self.w.work_note_light_duty
        } else if note_limits.is_empty() {
            &self.w.work_note_return
        } else {
            &self.w.work_note_return_within
        };
        let back = fill(back, &[("date", &self.date(rtw.date))]);
        add(&self.ts, &back, FontRole::Regular, &mut items, &mut y);
        for l in &note_limits {
            add(&self.ts, l, FontRole::Regular, &mut items, &mut y);
        }
        if !same_day {
            // The employer reads the surgeon's clearance, not the patient's "your surgeon".
            let note = if rtw.full_duty.gate.is_some() {
                &self.w.work_note_full_gated
            } else {
                &self.w.work_note_full
            };
            let full = fill(
                note,
                &[
                    ("lifting", &lifting),
                    ("date", &self.date(rtw.full_duty.date)),
                ],
            );
            add(&self.ts, &full, FontRole::Regular, &mut items, &mut y);
        }
        if let Some((surgeon, font)) = &f.surgeon {
            add(&self.ts, surgeon, font.min_regular(), &mut items, &mut y);
        }
        y += s.body * 0.6;
        add(
            &self.ts,
            &self.w.work_note_sign,
            FontRole::Regular,
            &mut items,
            &mut y,
        );
        let h = y + pad * 0.5;
        items.insert(
            0,
            Item::Rect {
                x: self.ts.left,
                y: 0.0,
                w: self.ts.width,
                h,
                fill: None,
                stroke: Some(Color::GREY),
                stroke_width: 1.0,
                dashed: true,
            },
        );
        self.push(self.ts.gap(s.body * 0.6));
        self.push(Chunk {
            height: h + s.body * 0.5,
            items,
            ..Chunk::default()
        });
    }
}
