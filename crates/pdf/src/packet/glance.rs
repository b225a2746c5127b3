//! Page 1, the whole plan at a glance: who the patient is and what was done, the three
//! urgency boxes with both phone numbers, and the key dates. A patient who reads only this
//! page knows whom to call, when, and what happens next.

use super::*;
use crate::dates::EventKind;

impl Builder<'_> {
    /// Page 1. In normal print its type is a step smaller than the body, so it fits one page;
    /// large print keeps its size and may run on.
    pub(super) fn glance(&mut self, o: &PacketOptions, f: &Fields) -> Result<(), PacketError> {
        let body = self.ts.sizes;
        self.ts.sizes = body.first_page();
        self.cover(o, f);
        // In large print page 1 cannot hold everything: whom to call comes first, and the
        // summary of what was done follows the key dates.
        let large = body.body > 14.0;
        if large {
            // Both numbers on page 1 even when the boxes run on to page 2.
            self.phones(f);
        } else {
            self.summary();
        }
        self.warning_boxes(f)?;
        self.key_dates(f);
        if large {
            self.summary();
        }
        self.ts.sizes = body;
        Ok(())
    }

    fn cover(&mut self, o: &PacketOptions, f: &Fields) {
        let s = self.s();
        let p = self.plan;
        let title = fill(
            &self.w.title_for,
            &[("procedure", &p.procedure.patient_name.to_lowercase())],
        );
        let (items, h) = self.ts.block(
            &title,
            FontRole::Bold,
            s.h1,
            Color::INK,
            self.ts.left,
            0.0,
            self.ts.width,
        );
        self.push(Chunk {
            height: h + s.body * 0.3,
            items,
            ..Chunk::default()
        });

        // Nothing on a page that goes home says "ask your nurse": a detail not given is
        // left out. The phone numbers are in the boxes below.
        // Short values first, two to a row; the procedure's name gets a row of its own.
        // The day the patient went home is on the calendar.
        let mut rows: Vec<(String, String, FontRole)> =
            vec![(self.w.patient.clone(), f.name.0.clone(), f.name.1)];
        if let Some(dob) = o.date_of_birth {
            rows.push((
                self.w.date_of_birth.clone(),
                self.w.plain_date(dob),
                FontRole::Bold,
            ));
        }
        if let Some((mrn, font)) = &f.mrn {
            rows.push((self.w.mrn.clone(), mrn.clone(), *font));
        }
        rows.push((
            self.w.procedure_date.clone(),
            self.w.plain_date(p.surgery_date),
            FontRole::Bold,
        ));
        if let Some((surgeon, font)) = &f.surgeon {
            rows.push((self.w.surgeon.clone(), surgeon.clone(), *font));
        }
        if let Some((clinic, font)) = &f.clinic {
            rows.push((self.w.clinic.clone(), clinic.clone(), *font));
        }
        rows.push((
            self.w.procedure.clone(),
            format!(
                "{}, {} {}",
                p.procedure.name, p.levels, p.procedure.levels_noun
            ),
            FontRole::Bold,
        ));
        self.label_grid(&rows);
    }

    /// "Label  value" cells, two to a row; a value too long for half the width gets a whole
    /// row, and wraps under itself.
    fn label_grid(&mut self, rows: &[(String, String, FontRole)]) {
        let s = self.s();
        let pad = s.body * 0.2;
        let gutter = s.body;
        let half = (self.ts.width - gutter) / 2.0;
        let label_size = s.small.max(s.body * 0.8);
        let cell = |ts: &Typesetter,
                    label: &str,
                    value: &str,
                    font: FontRole,
                    x: f32,
                    w: f32|
         -> (Vec<Item>, f32) {
            let lw = ts.measure(label, FontRole::Regular, label_size) + s.body * 0.5;
            let mut items = vec![ts.run(
                label,
                FontRole::Regular,
                label_size,
                Color::GREY,
                x + pad,
                pad + (s.body - label_size) * 0.5,
            )];
            let (its, h) = ts.block(
                value,
                font,
                s.body,
                Color::INK,
                x + pad + lw,
                pad,
                w - 2.0 * pad - lw,
            );
            items.extend(its);
            (items, h + 2.0 * pad)
        };
        let fits: Vec<bool> = rows
            .iter()
            .map(|r| {
                self.ts.measure(&r.0, FontRole::Regular, label_size)
                    + s.body * 0.5
                    + self.ts.measure(&r.1, r.2, s.body)
                    <= half - 2.0 * pad
            })
            .collect();
        let mut i = 0;
        while i < rows.len() {
            let pair = i + 1 < rows.len() && fits[i] && fits[i + 1];
            let cells: Vec<(usize, f32, f32)> = if pair {
                vec![
                    (i, self.ts.left, half),
                    (i + 1, self.ts.left + half + gutter, half),
                ]
            } else {
                vec![(i, self.ts.left, self.ts.width)]
            };
            let mut items = Vec::new();
            let mut h: f32 = 0.0;
            for &(k, x, w) in &cells {
                let (its, ch) = cell(&self.ts, &rows[k].0, &rows[k].1, rows[k].2, x, w);
                items.extend(its);
                h = h.max(ch);
            }
            for &(_, x, w) in &cells {
                items.insert(
                    0,
                    Item::Rect {
                        x,
                        y: 0.0,
                        w,
                        h,
                        fill: Some(Color::LIGHT),
                        stroke: None,
                        stroke_width: 0.0,
                        dashed: false,
                    },
                );
            }
            self.push(Chunk {
                height: h + 2.0,
                items,
                ..Chunk::default()
            });
            i += cells.len();
        }
        self.push(self.ts.gap(s.body * 0.4));
    }

    /// Whom to call, in one bold block: the office, nights and weekends, and where to go
    /// when no one answers.
    fn phones(&mut self, f: &Fields) {
        let s = self.s();
        let text = match (&f.phone, &f.after_hours) {
            (Some(p), Some(a)) => fill(
                &self.w.phones_after_hours,
                &[("phone", p), ("after_hours", a)],
            ),
            (Some(p), None) | (None, Some(p)) => fill(&self.w.phones_office, &[("phone", p)]),
            (None, None) => String::new(),
        };
        let text = format!("{text} {}", self.w.call_urgent_no_answer);
        let ps = self.ts.paragraph(text.trim(), FontRole::Bold, s.body, 0.0);
        self.extend(ps);
        self.push(self.ts.gap(s.body * 0.3));
    }

    /// What was done, in the procedure's plain words.
    fn summary(&mut self) {
        let s = self.s();
        let text = fill(
            &self.w.what_was_done,
            &[("summary", &self.plan.procedure.summary)],
        );
        let ps = self.ts.paragraph(&text, FontRole::Regular, s.body, 0.0);
        self.extend(ps);
        self.push(self.ts.gap(s.body * 0.3));
    }

    /// The key dates as a table: date, then what happens. Visits say whether they are
    /// booked (with the time) or that the patient calls to book.
    fn key_dates(&mut self, f: &Fields) {
        let s = self.s();
        let p = self.plan;
        let c = self.ts.heading(&self.w.key_dates_title, s.h3, s.body * 0.2);
        self.push(c);
        // The next visit only; the rest are in the calendar and the visit list.
        let next_visit = (p.follow_ups.iter().enumerate())
            .min_by_key(|(_, v)| v.date)
            .map(|(i, _)| i);
        let keys = crate::dates::key_events(p, self.w, f.phone.as_deref())
            .into_iter()
            .filter(|k| match k.kind {
                EventKind::Visit(i) => Some(i) == next_visit,
                _ => true,
            })
            .map(|k| (k.date, k.text));
        // One row per date.
        let mut rows: Vec<(NaiveDate, String)> = Vec::new();
        for (d, text) in keys {
            match rows.last_mut() {
                Some(r) if r.0 == d => {
                    r.1.push(' ');
                    r.1.push_str(&text);
                }
                _ => rows.push((d, text)),
            }
        }
        let keys = rows;
        let date_w = keys
            .iter()
            .map(|k| {
                self.ts
                    .measure(&self.w.weekday_date(k.0), FontRole::Bold, s.body)
            })
            .fold(0.0, f32::max)
            + s.body;
        for (d, text) in keys {
            let mut items = vec![self.ts.run(
                &self.w.weekday_date(d),
                FontRole::Bold,
                s.body,
                Color::INK,
                self.ts.left,
                0.0,
            )];
            let (its, h) = self.ts.block(
                &text,
                FontRole::Regular,
                s.body,
                Color::INK,
                self.ts.left + date_w,
                0.0,
                self.ts.width - date_w,
            );
            items.extend(its);
            items.push(Item::Line {
                x1: self.ts.left,
                y1: h + s.body * 0.15,
                x2: self.ts.left + self.ts.width,
                y2: h + s.body * 0.15,
                color: Color::LIGHT,
                width: 0.8,
                dashed: false,
            });
            self.push(Chunk {
                height: h + s.body * 0.3,
                items,
                ..Chunk::default()
            });
        }
    }
}
