//! The first weeks as month grids on real dates, each milestone written in its day's cell:
//! surgery, going home, visits (with the booked time), therapy, driving, work and the start
//! of each phase. It follows page 1.

use chrono::{Datelike, Months};

use super::*;

impl Builder<'_> {
    pub(super) fn calendar(&mut self) {
        let s = self.s();
        let p = self.plan;
        let head = self.ts.heading(&self.w.calendar_title, s.h2, s.body);
        self.push(head);

        // The month of surgery and the next; a third when the first six weeks reach it.
        let first = p.surgery_date.with_day(1).expect("day 1 exists");
        let six_weeks = p.surgery_date + Days::new(42);
        let mut months = vec![first, first + Months::new(1)];
        if six_weeks >= first + Months::new(2) {
            months.push(first + Months::new(2));
        }
        let last = *months.last().expect("two months") + Months::new(1);

        let marks = crate::dates::calendar_marks(self.plan, self.w);
        let shown = |d: &NaiveDate| *d >= first && *d < last;
        debug_assert!(marks.iter().any(|(d, _)| shown(d)));

        // Two months to a row in normal print, one in large print (the labels need room).
        let per_row = if s.body > 14.0 { 1 } else { 2 };
        let gutter = s.body * 1.5;
        let month_w = (self.ts.width - gutter * (per_row as f32 - 1.0)) / per_row as f32;
        let num_size = s.small;
        let label_size = s.small;
        let cell_w = month_w / 7.0;
        for row in months.chunks(per_row) {
            let mut items = Vec::new();
            let mut height: f32 = 0.0;
            for (k, &m) in row.iter().enumerate() {
                let x0 = self.ts.left + k as f32 * (month_w + gutter);
                let (its, h) = self.month(m, x0, cell_w, num_size, label_size, &marks);
                items.extend(its);
                height = height.max(h);
            }
            self.push(Chunk {
                height: height + s.body * 0.6,
                items,
                ..Chunk::default()
            });
        }
    }

    /// One month's grid at `x0`; returns its items and height.
    #[allow(clippy::too_many_arguments)]
    fn month(
        &self,
        m: NaiveDate,
        x0: f32,
        cell_w: f32,
        num_size: f32,
        label_size: f32,
        marks: &[(NaiveDate, String)],
    ) -> (Vec<Item>, f32) {
        let s = self.s();
        let w = self.w;
        let mut items = Vec::new();
        let title = format!("{} {}", w.months[m.month0() as usize], m.year());
        items.push(
            self.ts
                .run(&title, FontRole::Bold, s.h3, Color::INK, x0, 0.0),
        );
        let mut y = line_height(s.h3) + 2.0;
        // Weekday names, in the order readers of the language start the week.
        let offset = |d: NaiveDate| {
            let from_monday = d.weekday().num_days_from_monday() as usize;
            if w.week_starts_sunday {
                (from_monday + 1) % 7
            } else {
                from_monday
            }
        };
        for col in 0..7 {
            let idx = if w.week_starts_sunday {
                (col + 6) % 7
            } else {
                col
            };
            items.push(self.ts.run(
                &w.weekdays_abbr[idx],
                FontRole::Bold,
                num_size,
                Color::GREY,
                x0 + col as f32 * cell_w + 2.0,
                y,
            ));
        }
        y += line_height(num_size);
        let days = month_days(m);
        // One row per week; a week with milestones is as tall as its busiest day needs, and a
        // week with none holds only its day numbers (the grid stays short enough for the
        // key dates and the calendar to share page 2).
        let mut weeks: Vec<Vec<NaiveDate>> = Vec::new();
        for d in &days {
            if offset(*d) == 0 || weeks.is_empty() {
                weeks.push(Vec::new());
            }
            weeks.last_mut().expect("a week").push(*d);
        }
        let on = |d: &NaiveDate| -> Vec<&String> {
            marks
                .iter()
                .filter(|(md, _)| md == d)
                .map(|(_, l)| l)
                .collect()
        };
        for week in &weeks {
            let most = week.iter().map(|d| on(d).len()).max().unwrap_or(0);
            let cell_h = line_height(num_size) + line_height(label_size) * most as f32 + 4.0;
            for d in week {
                let here = on(d);
                let x = x0 + offset(*d) as f32 * cell_w;
                items.push(Item::Rect {
                    x,
                    y,
                    w: cell_w,
                    h: cell_h,
                    fill: (!here.is_empty()).then_some(Color::LIGHT),
                    stroke: Some(Color::GREY),
                    stroke_width: 0.4,
                    dashed: false,
                });
                items.push(self.ts.run(
                    &d.day().to_string(),
                    FontRole::Regular,
                    num_size,
                    Color::INK,
                    x + 2.0,
                    y + 1.0,
                ));
                for (k, label) in here.iter().enumerate() {
                    // A word too wide for its cell is set smaller rather than cut.
                    let mut size = label_size;
                    while size > 5.0 && self.ts.measure(label, FontRole::Bold, size) > cell_w - 3.0
                    {
                        size -= 0.25;
                    }
                    items.push(self.ts.run(
                        label,
                        FontRole::Bold,
                        size,
                        Color::INK,
                        x + 2.0,
                        y + 1.0 + line_height(num_size) + k as f32 * line_height(label_size),
                    ));
                }
            }
            y += cell_h;
        }
        (items, y)
    }
}

/// Every date in the month that starts on `first`.
fn month_days(first: NaiveDate) -> Vec<NaiveDate> {
    first
        .iter_days()
        .take_while(|d| d.month() == first.month())
        .collect()
}
