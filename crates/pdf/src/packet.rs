//! What the packet says, in order: cover, the two warning boxes, the timeline, the phases,
//! therapy, work, normal and not normal, factor sections, visits, questions, teach-back,
//! the wallet card and the sources. Every patient-facing word comes from the plan or from
//! `packet-text.toml`.

use chrono::{Days, NaiveDate};
use homeward_core::{Plan, Urgency, format_kg};

use crate::fonts::{FontRole, Fonts};
use crate::layout::{Chunk, Color, Document, Item, Sizes, Typesetter, line_height, paginate};
use crate::text::{Words, fill, words};
use crate::{PacketError, PacketOptions};

/// Distance from the page edge to the text column.
const MARGIN: f32 = 54.0;
/// Nothing is drawn closer than this to an edge (printers cannot print the last ~0.25 in).
const PRINTABLE: f32 = 36.0;
/// Space reserved at the bottom of each page for the footer.
const FOOTER_ZONE: f32 = 30.0;

/// Wallet card panel: a bank card, 85.6 x 54 mm, in points.
const CARD_W: f32 = 242.6;
const CARD_H: f32 = 153.1;

/// The longest a user-entered field may be; longer is a mistake, not a name.
const MAX_FIELD: usize = 120;

/// Checks, without laying anything out, that a packet can be made: the user's fields (as
/// for [`build`]) and every line the nurse edited or added, which must be printable too.
pub fn check(plan: &Plan, o: &PacketOptions) -> Result<(), PacketError> {
    let (width, _) = o.paper.size_pt();
    let ts = Typesetter {
        fonts: Fonts::get(),
        sizes: Sizes::new(o.large_print),
        left: MARGIN,
        width: width - 2.0 * MARGIN,
    };
    Fields::check(&ts, o)?;
    let lists = plan
        .phases
        .iter()
        .flat_map(|p| [&p.restrictions, &p.allowed, &p.goals])
        .chain([&plan.pt_focus, &plan.normal]);
    for line in lists.flatten().filter(|l| l.edited) {
        ts.font_for(&line.text, FontRole::Regular, "edits")?;
        ts.font_for(&line.text, FontRole::Bold, "edits")?;
    }
    Ok(())
}

pub fn build(plan: &Plan, o: &PacketOptions) -> Result<Document, PacketError> {
    let w = words(&plan.language).ok_or_else(|| PacketError::Language(plan.language.clone()))?;
    let (width, height) = o.paper.size_pt();
    let sizes = Sizes::new(o.large_print);
    let ts = Typesetter {
        fonts: Fonts::get(),
        sizes,
        left: MARGIN,
        width: width - 2.0 * MARGIN,
    };
    let fields = Fields::check(&ts, o)?;
    let mut b = Builder {
        ts: &ts,
        w,
        plan,
        chunks: Vec::new(),
    };

    b.cover(o, &fields)?;
    b.warning_boxes(&fields)?;
    b.timeline();
    b.phases();
    b.therapy();
    b.work(&fields);
    b.normal();
    b.sections();
    b.visits();
    b.questions();
    b.teach_back();
    b.wallet_card(&fields);

    let chunks = b.chunks;
    let mut pages = paginate(chunks, MARGIN, height - MARGIN - FOOTER_ZONE + 12.0);
    let total = pages.len();
    for (i, page) in pages.iter_mut().enumerate() {
        let footer = fill(
            &w.footer,
            &[
                ("page", &(i + 1).to_string()),
                ("pages", &total.to_string()),
                ("version", &plan.protocol_version),
                ("date", &w.date(o.printed_on)),
            ],
        );
        let size = sizes.small.min(10.0);
        let y = height - MARGIN - 4.0;
        page.items.push(Item::Line {
            x1: MARGIN,
            y1: y - 4.0,
            x2: width - MARGIN,
            y2: y - 4.0,
            color: Color::GREY,
            width: 0.5,
            dashed: false,
        });
        let fw = ts.measure(&footer, FontRole::Regular, size);
        page.items.push(ts.run(
            &footer,
            FontRole::Regular,
            size,
            Color::GREY,
            (width - fw) / 2.0,
            y,
        ));
    }
    // Never print an empty box: every run must be drawable in the face it is set in. User
    // fields were checked above; this catches protocol text with an unusual character.
    for t in pages.iter().flat_map(|p| p.texts()) {
        if let Some(c) = ts.fonts.face(t.font).first_missing(&t.text) {
            return Err(PacketError::Unprintable {
                field: "protocol text",
                codepoint: c as u32,
            });
        }
    }
    Ok(Document {
        width,
        height,
        printable_margin: PRINTABLE,
        pages,
    })
}

/// The user-entered fields, checked, with the font each can be printed in.
struct Fields {
    name: (String, FontRole),
    surgeon: Option<(String, FontRole)>,
    clinic: Option<(String, FontRole)>,
    mrn: Option<(String, FontRole)>,
    phone: Option<String>,
    after_hours: Option<String>,
}

impl Fields {
    fn check(ts: &Typesetter, o: &PacketOptions) -> Result<Fields, PacketError> {
        let text = |field: &'static str,
                    v: &str,
                    required: bool|
         -> Result<Option<(String, FontRole)>, PacketError> {
            let v = v.split_whitespace().collect::<Vec<_>>().join(" ");
            if v.is_empty() {
                return if required {
                    Err(PacketError::Required { field })
                } else {
                    Ok(None)
                };
            }
            let len = v.chars().count();
            if len > MAX_FIELD {
                return Err(PacketError::TooLong {
                    field,
                    len,
                    max: MAX_FIELD,
                });
            }
            let font = ts.font_for(&v, FontRole::Bold, field)?;
            // The same text is also set in the regular face (the work note); both must work.
            ts.font_for(&v, FontRole::Regular, field)?;
            Ok(Some((v, font)))
        };
        let phone =
            |field: &'static str, v: &Option<String>| -> Result<Option<String>, PacketError> {
                let Some(v) = v.as_deref().map(str::trim).filter(|v| !v.is_empty()) else {
                    return Ok(None);
                };
                let ok = homeward_core::fields::is_phone_number(v);
                if ok {
                    Ok(Some(v.to_owned()))
                } else {
                    Err(PacketError::BadPhone {
                        field,
                        value: v.to_owned(),
                    })
                }
            };
        let name = text("patient-name", &o.patient_name, true)?.ok_or(PacketError::Required {
            field: "patient-name",
        })?;
        Ok(Fields {
            name,
            surgeon: text("surgeon", o.surgeon.as_deref().unwrap_or(""), false)?,
            clinic: text("clinic-name", o.clinic_name.as_deref().unwrap_or(""), false)?,
            mrn: text("mrn", o.mrn.as_deref().unwrap_or(""), false)?,
            // The office number is what the "call today" box and the wallet card are for: a
            // packet without one would leave the patient with no one to call.
            phone: Some(
                phone("clinic-phone", &o.clinic_phone)?.ok_or(PacketError::Required {
                    field: "clinic-phone",
                })?,
            ),
            after_hours: phone("after-hours-phone", &o.after_hours_phone)?,
        })
    }
}

struct Builder<'a> {
    ts: &'a Typesetter,
    w: &'static Words,
    plan: &'a Plan,
    chunks: Vec<Chunk>,
}

impl Builder<'_> {
    fn s(&self) -> Sizes {
        self.ts.sizes
    }

    fn push(&mut self, c: Chunk) {
        self.chunks.push(c);
    }

    fn extend(&mut self, cs: Vec<Chunk>) {
        self.chunks.extend(cs);
    }

    fn h2(&mut self, text: &str) {
        let c = self.ts.heading(text, self.s().h2, self.s().body * 1.2);
        self.push(c);
    }

    fn h3(&mut self, text: &str) {
        let c = self.ts.heading(text, self.s().h3, self.s().body * 0.5);
        self.push(c);
    }

    fn bullets(&mut self, lines: impl IntoIterator<Item = String>) {
        for l in lines {
            let c = self.ts.bullet(&l, self.s().body, 0.0);
            self.push(c);
        }
    }

    fn date(&self, d: NaiveDate) -> String {
        self.w.date(d)
    }

    fn cover(&mut self, o: &PacketOptions, f: &Fields) -> Result<(), PacketError> {
        let s = self.s();
        let (items, h) = self.ts.block(
            &self.w.title,
            FontRole::Bold,
            s.h1,
            Color::INK,
            self.ts.left,
            0.0,
            self.ts.width,
        );
        self.push(Chunk {
            height: h,
            items,
            ..Chunk::default()
        });
        let sub = fill(
            &self.w.for_procedure,
            &[(
                "procedure",
                &self.plan.procedure.patient_name.to_lowercase(),
            )],
        );
        let (items, h) = self.ts.block(
            &sub,
            FontRole::Regular,
            s.h3,
            Color::INK,
            self.ts.left,
            0.0,
            self.ts.width,
        );
        self.push(Chunk {
            height: h + s.body * 0.6,
            items,
            ..Chunk::default()
        });

        let p = self.plan;
        let mut rows: Vec<(String, String, FontRole)> =
            vec![(self.w.patient.clone(), f.name.0.clone(), f.name.1)];
        if let Some(dob) = o.date_of_birth {
            rows.push((
                self.w.date_of_birth.clone(),
                self.w.plain_date(dob),
                FontRole::Bold,
            ));
        }
        rows.push((
            self.w.procedure.clone(),
            p.procedure.name.clone(),
            FontRole::Bold,
        ));
        rows.push((
            self.w.levels.clone(),
            format!("{} {}", p.levels, p.procedure.levels_noun),
            FontRole::Bold,
        ));
        if let Some((mrn, font)) = &f.mrn {
            rows.push((self.w.mrn.clone(), mrn.clone(), *font));
        }
        rows.push((
            self.w.procedure_date.clone(),
            self.date(p.surgery_date),
            FontRole::Bold,
        ));
        rows.push((
            self.w.discharge_date.clone(),
            self.date(p.discharge_date),
            FontRole::Bold,
        ));
        let none = self.w.not_given.clone();
        let surgeon = f
            .surgeon
            .clone()
            .unwrap_or((none.clone(), FontRole::Regular));
        rows.push((self.w.surgeon.clone(), surgeon.0, surgeon.1));
        if let Some((clinic, font)) = &f.clinic {
            rows.push((self.w.clinic.clone(), clinic.clone(), *font));
        }
        rows.push((
            self.w.clinic_phone.clone(),
            f.phone.clone().unwrap_or(none.clone()),
            FontRole::Bold,
        ));
        rows.push((
            self.w.after_hours_phone.clone(),
            f.after_hours.clone().unwrap_or(none),
            FontRole::Bold,
        ));

        // Two cells to a row; a value too long for half the width gets a whole row.
        let pad = s.body * 0.3;
        let gutter = s.body;
        let half = (self.ts.width - gutter) / 2.0;
        let label_size = s.small.max(s.body * 0.8);
        // "Label  value" on one line; the value wraps under itself.
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
        let mut i = 0;
        while i < rows.len() {
            let fits = |r: &(String, String, FontRole)| {
                self.ts.measure(&r.0, FontRole::Regular, label_size)
                    + s.body * 0.5
                    + self.ts.measure(&r.1, r.2, s.body)
                    <= half - 2.0 * pad
            };
            let pair = i + 1 < rows.len() && fits(&rows[i]) && fits(&rows[i + 1]);
            let mut items = Vec::new();
            let mut h: f32 = 0.0;
            let cells: Vec<(usize, f32, f32)> = if pair {
                vec![
                    (i, self.ts.left, half),
                    (i + 1, self.ts.left + half + gutter, half),
                ]
            } else {
                vec![(i, self.ts.left, self.ts.width)]
            };
            for &(k, x, w) in &cells {
                let (its, ch) = cell(self.ts, &rows[k].0, &rows[k].1, rows[k].2, x, w);
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
                height: h + 3.0,
                items,
                ..Chunk::default()
            });
            i += cells.len();
        }
        self.push(self.ts.gap(s.body));
        Ok(())
    }

    /// A coloured box: a title bar, then the lines on a tint. Placed whole.
    fn warning_box(
        &mut self,
        title: &str,
        bar: Color,
        title_color: Color,
        tint: Color,
        lines: &[String],
        after: &[String],
    ) {
        let s = self.s();
        let pad = s.body * 0.6;
        let inner = self.ts.width - 2.0 * pad;
        let (mut items, th) = self.ts.block(
            title,
            FontRole::Bold,
            s.h3,
            title_color,
            self.ts.left + pad,
            pad * 0.6,
            inner,
        );
        let bar_h = th + pad * 1.2;
        let mut y = bar_h + pad * 0.6;
        let mut body = Vec::new();
        let bw = s.body * 1.1;
        for l in lines {
            let (its, h) = self.ts.block(
                l,
                FontRole::Bold,
                s.body,
                Color::INK,
                self.ts.left + pad + bw,
                y,
                inner - bw,
            );
            body.push(self.ts.run(
                "\u{2022}",
                FontRole::Bold,
                s.body,
                Color::INK,
                self.ts.left + pad,
                y,
            ));
            body.extend(its);
            y += h + s.body * 0.2;
        }
        for l in after {
            let (its, h) = self.ts.block(
                l,
                FontRole::Bold,
                s.body,
                Color::INK,
                self.ts.left + pad,
                y,
                inner,
            );
            body.extend(its);
            y += h;
        }
        let total = y + pad * 0.6;
        let mut all = vec![
            Item::Rect {
                x: self.ts.left,
                y: 0.0,
                w: self.ts.width,
                h: total,
                fill: Some(tint),
                stroke: Some(bar),
                stroke_width: 2.5,
                dashed: false,
            },
            Item::Rect {
                x: self.ts.left,
                y: 0.0,
                w: self.ts.width,
                h: bar_h,
                fill: Some(bar),
                stroke: None,
                stroke_width: 0.0,
                dashed: false,
            },
        ];
        all.append(&mut items);
        all.extend(body);
        self.push(Chunk {
            height: total + s.body * 0.8,
            items: all,
            ..Chunk::default()
        });
    }

    fn warning_boxes(&mut self, f: &Fields) -> Result<(), PacketError> {
        let signs = |u: Urgency| {
            self.plan
                .warning_signs
                .iter()
                .filter(|w| w.urgency == u)
                .map(|w| w.text.clone())
                .collect::<Vec<_>>()
        };
        let emergency = signs(Urgency::Emergency);
        let urgent = signs(Urgency::Urgent);
        let office = signs(Urgency::CallOffice);
        self.warning_box(
            &self.w.call_911_title.clone(),
            Color::RED,
            Color::WHITE,
            Color::RED_TINT,
            &emergency,
            &[],
        );
        // Day or night: the after-hours line when there is one, else the office line, and
        // always where to go when no one answers.
        let mut after = Vec::new();
        match (&f.phone, &f.after_hours) {
            (Some(p), Some(a)) => after.push(fill(
                &self.w.call_urgent_after_hours,
                &[("phone", p), ("after_hours", a)],
            )),
            (Some(p), None) | (None, Some(p)) => {
                after.push(fill(&self.w.call_urgent_phone, &[("phone", p)]));
            }
            (None, None) => {}
        }
        after.push(self.w.call_urgent_no_answer.clone());
        self.warning_box(
            &self.w.call_urgent_title.clone(),
            Color::ORANGE,
            Color::WHITE,
            Color::ORANGE_TINT,
            &urgent,
            &after,
        );
        let mut after = Vec::new();
        if let Some(p) = &f.phone {
            after.push(fill(&self.w.call_office_phone, &[("phone", p)]));
        }
        self.warning_box(
            &self.w.call_office_title.clone(),
            Color::BLUE,
            Color::WHITE,
            Color::LIGHT,
            &office,
            &after,
        );
        Ok(())
    }

    fn timeline(&mut self) {
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
            if rtw.full_duty.day > rtw.day {
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

    fn phase_dates(&self, start: NaiveDate, end: Option<NaiveDate>) -> String {
        match end {
            Some(e) => fill(
                &self.w.phase_dates,
                &[("start", &self.date(start)), ("end", &self.date(e))],
            ),
            None => fill(&self.w.phase_dates_open, &[("start", &self.date(start))]),
        }
    }

    fn phases(&mut self) {
        let s = self.s();
        for (i, ph) in self.plan.phases.iter().enumerate() {
            let head = self.ts.heading(
                &fill(
                    &self.w.phase_heading,
                    &[("n", &(i + 1).to_string()), ("name", &ph.name)],
                ),
                s.h2,
                s.body * 1.2,
            );
            self.push(head);
            let dates = self.phase_dates(ph.start_date, ph.end_date);
            let mut lines = self.ts.paragraph(&dates, FontRole::Bold, s.body, 0.0);
            if let Some(l) = lines.last_mut() {
                l.keep_with_next = true;
            }
            self.extend(lines);
            for (title, list) in [
                (&self.w.goals, &ph.goals),
                (&self.w.can, &ph.allowed),
                (&self.w.avoid, &ph.restrictions),
            ] {
                if list.is_empty() {
                    continue;
                }
                self.h3(&title.clone());
                self.bullets(list.iter().map(|l| l.text.clone()));
            }
        }
    }

    fn therapy(&mut self) {
        let s = self.s();
        self.h2(&self.w.pt_title.clone());
        let start = fill(
            &self.w.pt_starts,
            &[("date", &self.date(self.plan.pt_start.date))],
        );
        let ps = self.ts.paragraph(&start, FontRole::Bold, s.body, 0.0);
        self.extend(ps);
        let ps = self
            .ts
            .paragraph(&self.w.pt_works_on, FontRole::Regular, s.body, 0.0);
        self.extend(ps);
        self.bullets(
            self.plan
                .pt_focus
                .iter()
                .map(|l| l.text.clone())
                .collect::<Vec<_>>(),
        );
    }

    /// The full-duty date, with the visit it waits for.
    fn full_duty(&self, w: &homeward_core::WorkMilestone) -> String {
        let date = self.date(w.full_duty.date);
        match &w.full_duty.gate {
            Some(gate) => fill(&self.w.full_duty_gated, &[("date", &date), ("gate", gate)]),
            None => fill(&self.w.full_duty_date, &[("date", &date)]),
        }
    }

    /// What a job lifts, in words ("lifts up to 20 pounds at times").
    fn job_lifting(w: &homeward_core::WorkMilestone) -> String {
        w.job_lifting.clone()
    }

    fn work(&mut self, f: &Fields) {
        let s = self.s();
        let p = self.plan;
        self.h2(&self.w.work_title.clone());
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
                        ("lifting", Self::job_lifting(r)),
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
        let lifting = Self::job_lifting(rtw);
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
            .filter(|(_, ph)| ph.end_day.is_none_or(|e| e >= rtw.day))
            .filter_map(|(i, ph)| {
                let (lb, kg) = (ph.lifting_limit_lb?, ph.lifting_limit_kg?);
                let next = p.phases.get(i + 1);
                let gate = next.and_then(|n| n.gate.clone()).unwrap_or_default();
                // Short dates: these lines list several, and the key dates give them in full.
                let date = match next {
                    Some(n) if !gate.is_empty() => self.w.short_date_year(n.start_date),
                    _ => ph
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
            self.ts,
            &self.w.work_note_title,
            FontRole::Bold,
            &mut items,
            &mut y,
        );
        let body = fill(
            &self.w.work_note_body,
            &[("patient", &f.name.0), ("date", &self.date(p.surgery_date))],
        );
        add(self.ts, &body, f.name.1.min_regular(), &mut items, &mut y);
        let back = if rtw.light_duty {
            &self.w.work_note_light_duty
        } else {
            &self.w.work_note_return
        };
        let back = fill(back, &[("date", &self.date(rtw.date))]);
        add(self.ts, &back, FontRole::Regular, &mut items, &mut y);
        if rtw.light_duty {
            for l in &limits {
                add(self.ts, l, FontRole::Regular, &mut items, &mut y);
            }
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
            add(self.ts, &full, FontRole::Regular, &mut items, &mut y);
        }
        if let Some((surgeon, font)) = &f.surgeon {
            add(self.ts, surgeon, font.min_regular(), &mut items, &mut y);
        }
        y += s.body * 0.6;
        add(
            self.ts,
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

    fn normal(&mut self) {
        self.h2(&self.w.normal_title.clone());
        // Each normal line is followed by the signs that say when it is not normal, from the
        // same list the warning boxes print, so the two can never disagree.
        let lines: Vec<String> = self
            .plan
            .normal
            .iter()
            .map(|l| {
                let signs: Vec<String> = l
                    .bounded_by
                    .iter()
                    .filter_map(|id| self.plan.warning_signs.iter().find(|w| &w.id == id))
                    .map(|w| {
                        let tier = match w.urgency {
                            Urgency::Emergency => &self.w.tier_emergency,
                            Urgency::Urgent => &self.w.tier_urgent,
                            Urgency::CallOffice => &self.w.tier_office,
                        };
                        format!("{} ({tier})", w.short)
                    })
                    .collect();
                if signs.is_empty() {
                    l.text.clone()
                } else {
                    let bound = fill(&self.w.normal_bound, &[("signs", &signs.join("; "))]);
                    format!("{} {bound}", l.text)
                }
            })
            .collect();
        self.bullets(lines);
    }

    fn sections(&mut self) {
        let s = self.s();
        for sec in &self.plan.sections {
            self.h2(&sec.title);
            if !sec.why.is_empty() {
                let mut why = self.ts.paragraph(&self.w.why, FontRole::Bold, s.body, 0.0);
                if let Some(l) = why.last_mut() {
                    l.keep_with_next = true;
                }
                self.extend(why);
                for l in &sec.why {
                    let ps = self.ts.paragraph(&l.text, FontRole::Regular, s.body, 0.0);
                    self.extend(ps);
                }
                self.push(self.ts.gap(s.body * 0.4));
            }
            self.bullets(sec.lines.iter().map(|l| l.text.clone()).collect::<Vec<_>>());
        }
    }

    fn visits(&mut self) {
        self.h2(&self.w.visits_title.clone());
        // One row per visit, each placed whole, with a box to tick when it is booked.
        for v in &self.plan.follow_ups {
            let row = fill(
                &self.w.visit_row,
                &[
                    ("date", &self.w.short_date_year(v.date)),
                    ("purpose", &v.purpose),
                ],
            );
            self.checkbox_row(&row);
        }
    }

    /// A row with a box to tick and its text, placed whole.
    fn checkbox_row(&mut self, text: &str) {
        let s = self.s();
        let box_w = s.body * 0.9;
        let indent = box_w * 1.7;
        let (mut items, h) = self.ts.block(
            text,
            FontRole::Regular,
            s.body,
            Color::INK,
            self.ts.left + indent,
            0.0,
            self.ts.width - indent,
        );
        items.push(Item::Rect {
            x: self.ts.left + 1.0,
            y: (line_height(s.body) - box_w) / 2.0,
            w: box_w,
            h: box_w,
            fill: None,
            stroke: Some(Color::INK),
            stroke_width: 1.0,
            dashed: false,
        });
        self.push(Chunk {
            height: h + s.body * 0.35,
            items,
            ..Chunk::default()
        });
    }

    fn questions(&mut self) {
        let s = self.s();
        self.h2(&self.w.questions_title.clone());
        let gap = s.body * 2.2;
        let items = (1..=6)
            .map(|i| Item::Line {
                x1: self.ts.left,
                y1: gap * i as f32,
                x2: self.ts.left + self.ts.width,
                y2: gap * i as f32,
                color: Color::GREY,
                width: 0.6,
                dashed: false,
            })
            .collect();
        self.push(Chunk {
            height: gap * 6.0 + s.body * 0.5,
            items,
            ..Chunk::default()
        });
    }

    fn teach_back(&mut self) {
        let s = self.s();
        self.h2(&self.w.teachback_title.clone());
        let ps = self
            .ts
            .paragraph(&self.w.teachback_intro, FontRole::Regular, s.body, 0.0);
        self.extend(ps);
        for item in &self.w.teachback_items {
            self.checkbox_row(item);
        }
        self.push(self.ts.gap(s.body));
        for line in [&self.w.signoff_nurse, &self.w.signoff_patient] {
            let (items, h) = self.ts.block(
                line,
                FontRole::Regular,
                s.body,
                Color::INK,
                self.ts.left,
                0.0,
                self.ts.width,
            );
            self.push(Chunk {
                height: h + s.body * 0.9,
                items,
                ..Chunk::default()
            });
        }
    }

    /// Two wallet-size panels side by side (fold on the middle line): the 911 signs on one,
    /// the office signs and phone numbers on the other. Taller in large print.
    fn wallet_card(&mut self, f: &Fields) {
        let s = self.s();
        let size = s.card;
        let pad = 8.0;
        let panel_w = CARD_W.min(self.ts.width / 2.0);
        let inner = panel_w - 2.0 * pad;
        let panel = |ts: &Typesetter,
                     x: f32,
                     title: &str,
                     tint: Option<Color>,
                     lines: &[String],
                     extra: &[String]|
         -> (Vec<Item>, f32) {
            let mut items = Vec::new();
            let (its, h) = ts.block(
                title,
                FontRole::Bold,
                size * 1.15,
                Color::INK,
                x + pad,
                pad,
                inner,
            );
            if let Some(c) = tint {
                items.push(Item::Rect {
                    x,
                    y: 0.0,
                    w: panel_w,
                    h: pad + h + 1.0,
                    fill: Some(c),
                    stroke: None,
                    stroke_width: 0.0,
                    dashed: false,
                });
            }
            items.extend(its);
            let mut y = pad + h + 2.0;
            for l in lines {
                let (its, h) = ts.block(
                    &format!("\u{2022} {l}"),
                    FontRole::Regular,
                    size,
                    Color::INK,
                    x + pad,
                    y,
                    inner,
                );
                items.extend(its);
                y += h;
            }
            y += 2.0;
            for l in extra {
                let (its, h) = ts.block(l, FontRole::Bold, size, Color::INK, x + pad, y, inner);
                items.extend(its);
                y += h;
            }
            (items, y + pad)
        };
        let shorts = |u: Urgency| {
            self.plan
                .warning_signs
                .iter()
                .filter(|w| w.urgency == u)
                .map(|w| w.short.clone())
                .collect::<Vec<_>>()
        };
        let mut phones = Vec::new();
        if let Some(p) = &f.phone {
            phones.push(fill(&self.w.card_phone, &[("phone", p)]));
        }
        if let Some(p) = &f.after_hours {
            phones.push(fill(&self.w.card_after_hours, &[("phone", p)]));
        }
        phones.push(self.w.card_no_answer.clone());
        let left = self.ts.left;
        let (mut a, ha) = panel(
            self.ts,
            left,
            &self.w.card_title_911,
            Some(Color::RED_TINT),
            &shorts(Urgency::Emergency),
            &[],
        );
        let (b, hb) = panel(
            self.ts,
            left + panel_w,
            &self.w.card_title_urgent,
            Some(Color::ORANGE_TINT),
            &shorts(Urgency::Urgent),
            &phones,
        );
        let h = ha.max(hb).max(CARD_H);
        let (cut, ch) = self.ts.block(
            &self.w.card_cut,
            FontRole::Regular,
            s.small,
            Color::GREY,
            left,
            0.0,
            self.ts.width,
        );
        let top = ch + 4.0;
        let mut items: Vec<Item> = cut;
        a.extend(b);
        items.extend(a.into_iter().map(|it| it.shifted(top)));
        items.push(Item::Rect {
            x: left,
            y: top,
            w: panel_w * 2.0,
            h,
            fill: None,
            stroke: Some(Color::INK),
            stroke_width: 1.0,
            dashed: true,
        });
        items.push(Item::Line {
            x1: left + panel_w,
            y1: top,
            x2: left + panel_w,
            y2: top + h,
            color: Color::GREY,
            width: 0.8,
            dashed: true,
        });
        self.push(self.ts.gap(s.body));
        self.push(Chunk {
            height: top + h + s.body,
            items,
            ..Chunk::default()
        });
    }
}

trait RegularOf {
    /// The regular-weight face of the same family (a name set in the fallback stays there).
    fn min_regular(self) -> FontRole;
}

impl RegularOf for FontRole {
    fn min_regular(self) -> FontRole {
        match self {
            FontRole::Bold | FontRole::Regular => FontRole::Regular,
            FontRole::Fallback => FontRole::Fallback,
        }
    }
}
