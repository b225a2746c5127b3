//! The recovery at a glance: the phases as a bar on real dates, and the key dates in words.

use super::*;

impl Builder<'_> {
    pub(super) fn timeline(&mut self) {
        let s = self.s();
        let p = self.plan;
        self.h2(&self.w.timeline_title.clone());
        // The axis runs to the last thing the timeline marks. Markers on the same day share
        // one label ("Therapy / Drive / Jan 12").
        let mut markers: Vec<(u32, Vec<String>)> = Vec::new();
        let mut mark = |day: u32, name: &str| match markers.iter_mut().find(|m| m.0 == day) {
            Some(m) if !m.1.iter().any(|n| n == name) => m.1.push(name.to_owned()),
            Some(_) => {}
            None => markers.push((day, vec![name.to_owned()])),
        };
        mark(p.pt_start.day, &self.w.timeline_pt);
        mark(p.driving.day, &self.w.timeline_drive);
        if let Some(rtw) = &p.return_to_work {
            mark(rtw.day, &self.w.timeline_work);
        }
        for v in &p.follow_ups {
            mark(v.day, &self.w.timeline_visit);
        }
        markers.sort_by_key(|m| m.0);
        let last_start = p.phases.last().map_or(0, |ph| ph.start_day);
        let end_day = markers
            .iter()
            .map(|m| m.0)
            .chain([last_start + 28])
            .max()
            .unwrap_or(28) as f32
            + 7.0;
        let left = self.ts.left;
        let width = self.ts.width;
        let x_of = |day: u32| left + width * (day as f32 / end_day);
        // Labels carry the year when the axis runs into another year ("Dec 1" twice would
        // be ambiguous).
        let crosses_year = {
            use chrono::Datelike;
            markers.iter().any(|m| {
                (p.surgery_date + Days::new(u64::from(m.0))).year() != p.surgery_date.year()
            })
        };

        // Labels go in rows above the bar. A label's connector runs down through the rows
        // below it, so a label never sits in a row where it would cover another's connector,
        // nor above a label its own connector would cross.
        let label_size = s.small.max(9.0);
        let lh = crate::layout::line_height(label_size);
        struct Label {
            cx: f32,
            x0: f32,
            x1: f32,
            row: usize,
            lines: Vec<(String, FontRole, f32)>,
        }
        // Markers too close to label apart (a few days on a long axis) share one label, each
        // line then carrying its own date.
        let mut clusters: Vec<Vec<&(u32, Vec<String>)>> = Vec::new();
        for m in &markers {
            match clusters.last_mut() {
                Some(c) if x_of(m.0) - x_of(c[0].0) < label_size * 0.8 => c.push(m),
                _ => clusters.push(vec![m]),
            }
        }
        let mut labels: Vec<Label> = Vec::new();
        for cluster in &clusters {
            let date_of = |day: u32| {
                let d = p.surgery_date + Days::new(u64::from(day));
                if crosses_year {
                    self.w.short_date_year(d)
                } else {
                    self.w.short_date(d)
                }
            };
            let measure = |t: &str, f: FontRole| self.ts.measure(t, f, label_size);
            let mut lines: Vec<(String, FontRole, f32)> = Vec::new();
            if let [(day, names)] = cluster.as_slice() {
                lines.extend(
                    names
                        .iter()
                        .map(|n| (n.clone(), FontRole::Bold, measure(n, FontRole::Bold))),
                );
                let d = date_of(*day);
                lines.push((d.clone(), FontRole::Regular, measure(&d, FontRole::Regular)));
            } else {
                for (day, names) in cluster {
                    let t = format!("{} {}", names.join(", "), date_of(*day));
                    lines.push((t.clone(), FontRole::Bold, measure(&t, FontRole::Bold)));
                }
            }
            let lw = lines.iter().map(|l| l.2).fold(0.0, f32::max);
            let cx = x_of(cluster[0].0);
            let x0 = (cx - lw / 2.0).clamp(left, left + width - lw);
            let x1 = x0 + lw;
            let free = |row: usize, strict: bool| {
                labels.iter().all(|m| {
                    let apart = x1 + 4.0 <= m.x0 || m.x1 + 4.0 <= x0;
                    let same = m.row == row && !apart;
                    let covers_its_line = m.row < row && (x0 - 2.0..=x1 + 2.0).contains(&m.cx);
                    let crosses_it = m.row > row && (m.x0 - 2.0..=m.x1 + 2.0).contains(&cx);
                    !same && !(strict && (covers_its_line || crosses_it))
                })
            };
            // Every row from 0 to one past the last in use is tried; if lines would have to
            // cross text, the label goes in a row of its own above the others' text.
            let last = labels.iter().map(|l| l.row + 1).max().unwrap_or(0);
            let row = (0..=last)
                .find(|&r| free(r, true))
                .or_else(|| (0..=last).find(|&r| free(r, false)))
                .unwrap_or(last);
            labels.push(Label {
                cx,
                x0,
                x1,
                row,
                lines,
            });
        }
        let rows_n = labels.iter().map(|l| l.row + 1).max().unwrap_or(0);
        let row_lines = labels.iter().map(|l| l.lines.len()).max().unwrap_or(2) as f32;
        let row_h = row_lines * lh + 4.0;
        let labels_h = rows_n as f32 * row_h;
        let bar_top = labels_h + 6.0;
        let bar_h = s.body * 1.8;
        let mut items = Vec::new();
        for (i, ph) in p.phases.iter().enumerate() {
            let x0 = x_of(ph.start_day);
            let x1 = ph.end_day.map_or(left + width, |e| x_of(e + 1));
            let color = Color::PHASES[i % 2];
            items.push(Item::Rect {
                x: x0,
                y: bar_top,
                w: (x1 - x0).max(0.5),
                h: bar_h,
                fill: Some(color),
                stroke: None,
                stroke_width: 0.0,
                dashed: false,
            });
            let n = (i + 1).to_string();
            let nw = self.ts.measure(&n, FontRole::Bold, s.body);
            if nw + 4.0 < x1 - x0 {
                items.push(self.ts.run(
                    &n,
                    FontRole::Bold,
                    s.body,
                    Color::WHITE,
                    (x0 + x1 - nw) / 2.0,
                    bar_top + (bar_h - line_height(s.body)) / 2.0,
                ));
            }
        }
        for l in &labels {
            let top = l.row as f32 * row_h;
            let lw = l.x1 - l.x0;
            for (k, (text, font, tw)) in l.lines.iter().enumerate() {
                items.push(self.ts.run(
                    text,
                    *font,
                    label_size,
                    Color::INK,
                    l.x0 + (lw - tw) / 2.0,
                    top + lh * k as f32,
                ));
            }
            let bottom = top + lh * l.lines.len() as f32 + 1.0;
            items.push(Item::Line {
                x1: l.cx,
                y1: bottom,
                x2: l.cx,
                y2: bar_top + bar_h,
                color: Color::INK,
                width: 1.2,
                dashed: false,
            });
        }
        // Surgery and the axis end, under the bar.
        let start = self.w.short_date(p.surgery_date);
        items.push(self.ts.run(
            &start,
            FontRole::Regular,
            label_size,
            Color::GREY,
            left,
            bar_top + bar_h + 2.0,
        ));
        let height = bar_top + bar_h + 2.0 + lh + s.body * 0.5;
        self.push(Chunk {
            height,
            items,
            ..Chunk::default()
        });

        // The same dates as words: the picture is a summary, this is what to read.
        let legend: Vec<String> = p
            .phases
            .iter()
            .enumerate()
            .map(|(i, ph)| {
                format!(
                    "{}: {}",
                    fill(&self.w.timeline_phase, &[("n", &(i + 1).to_string())]),
                    self.phase_dates(ph.start_date, ph.end_date)
                )
            })
            .collect();
        self.bullets(legend);
        self.h3(&self.w.timeline_key_dates.clone());
        let key = |d: NaiveDate, what: &str| format!("{}: {what}", self.date(d));
        // The driving date carries every condition the phase lines print with it.
        let drive = std::iter::once(self.w.key_drive.as_str())
            .chain(p.driving_conditions.iter().map(|l| l.text.as_str()))
            .collect::<Vec<_>>()
            .join(" ");
        let mut keys: Vec<(u32, String)> = vec![
            (p.pt_start.day, key(p.pt_start.date, &self.w.key_pt)),
            (p.driving.day, key(p.driving.date, &drive)),
        ];
        if let Some(rtw) = &p.return_to_work {
            let job = rtw.job_name.to_lowercase();
            let back = if rtw.light_duty {
                self.w.key_work_light.clone()
            } else {
                fill(&self.w.key_work, &[("job", &job)])
            };
            keys.push((rtw.day, key(rtw.date, &back)));
            if rtw.full_duty.day > rtw.day || rtw.full_duty.gate.is_some() {
                let full = match &rtw.full_duty.gate {
                    Some(gate) => fill(
                        &self.w.key_full_duty_gated,
                        &[("job", &job), ("gate", gate)],
                    ),
                    None => fill(&self.w.key_full_duty, &[("job", &job)]),
                };
                keys.push((rtw.full_duty.day, key(rtw.full_duty.date, &full)));
            }
        }
        for v in &p.follow_ups {
            keys.push((
                v.day,
                key(v.date, &fill(&self.w.key_visit, &[("purpose", &v.purpose)])),
            ));
        }
        keys.sort_by_key(|k| k.0);
        self.bullets(keys.into_iter().map(|k| k.1));
    }
}
