//! What the packet says, in order: cover, the three urgency boxes (`boxes`), the timeline
//! (`timeline`), the phases, therapy, work (`work`), what is normal, the teaching sections,
//! visits, questions, teach-back and the wallet card (`boxes`). Every patient-facing word
//! comes from the plan or from `packet-text.toml`.

use chrono::{Days, NaiveDate};
use homeward_core::{Plan, Urgency, format_kg};

use crate::fonts::{FontRole, Fonts};
use crate::layout::{Chunk, Color, Document, Item, Sizes, Typesetter, line_height, paginate};
use crate::text::{Words, fill, words};
use crate::{PacketError, PacketOptions};

mod boxes;
mod care;
mod timeline;
mod work;

pub use care::build_care_sheet;

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
    assemble(plan, o, |b, fields| {
        b.cover(o, fields)?;
        b.warning_boxes(fields)?;
        b.timeline();
        b.phases();
        b.therapy();
        b.work(fields);
        b.normal();
        b.sections();
        b.visits();
        b.questions();
        b.teach_back();
        b.wallet_card(fields);
        Ok(())
    })
}

/// Sets up the type, lets `body` add the chunks, then paginates, stamps every page's footer
/// and checks every run can be drawn: the frame shared by the packet and the care sheet.
fn assemble(
    plan: &Plan,
    o: &PacketOptions,
    body: impl FnOnce(&mut Builder<'_>, &Fields) -> Result<(), PacketError>,
) -> Result<Document, PacketError> {
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

    body(&mut b, &fields)?;
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
        // Nothing on a page that goes home says "ask your nurse": a detail not given is
        // left out. Without an after-hours number, the "call us now" box gives the office
        // number and the emergency room.
        if let Some((surgeon, font)) = &f.surgeon {
            rows.push((self.w.surgeon.clone(), surgeon.clone(), *font));
        }
        if let Some((clinic, font)) = &f.clinic {
            rows.push((self.w.clinic.clone(), clinic.clone(), *font));
        }
        if let Some(phone) = &f.phone {
            rows.push((self.w.clinic_phone.clone(), phone.clone(), FontRole::Bold));
        }
        if let Some(after) = &f.after_hours {
            rows.push((
                self.w.after_hours_phone.clone(),
                after.clone(),
                FontRole::Bold,
            ));
        }

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
