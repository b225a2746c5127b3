//! What the packet says, in order: page 1 at a glance (`glance`: who and what, the three
//! urgency boxes from `boxes`, the key dates), then the first weeks' calendar (`calendar`),
//! and in two columns the phases saying what changes (`steps`), therapy, work (`work`), what
//! is normal, the teaching sections, visits and questions; last the wallet card (`boxes`).
//! The signs print in their short form (page 1 and the card); the care-team sheet (`care`)
//! has them in full, with the teach-back checklist. Every patient-facing word comes from the
//! plan or from `packet-text.toml`.

use chrono::{Days, NaiveDate};
use homeward_core::{Plan, Urgency, WarningSign, format_kg};

use crate::fonts::{FontRole, Fonts};
use crate::layout::{Chunk, Color, Document, Item, Sizes, Typesetter, line_height, paginate};
use crate::text::{Words, fill, words};
use crate::{ClinicProtocol, PacketError, PacketOptions, ProtocolOrigin};

mod boxes;
mod calendar;
mod care;
mod footer;
mod glance;
mod steps;
mod work;

pub use care::build_care_sheet;

/// Distance from the page edge to the text column.
const MARGIN: f32 = 36.0;
/// Nothing is drawn closer than this to an edge (printers cannot print the last ~0.25 in).
const PRINTABLE: f32 = 36.0;
/// Space reserved at the bottom of each page for the footer.
const FOOTER_ZONE: f32 = 27.0;

/// Wallet card panel: a bank card, 85.6 x 54 mm, in points.
const CARD_W: f32 = 242.6;
const CARD_H: f32 = 153.1;

/// The urgency tiers, the most urgent first: the order every list of signs is printed in.
const URGENCIES: [Urgency; 3] = [Urgency::Emergency, Urgency::Urgent, Urgency::CallOffice];

/// Teaching sections printed first in the columns, before the phases: their rules apply
/// from the first hours.
const FIRST_SECTIONS: &[&str] = &["injection-day"];

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
    Fields::check(&ts, o, plan)?;
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
    assemble(plan, o, &plan.language, |b, fields| {
        b.glance(o, fields)?;
        b.calendar();
        b.columns(|b| {
            b.sections(true);
            b.phases();
            b.therapy();
            b.work(fields);
            b.normal();
            b.sections(false);
            b.visits(fields);
            b.questions();
            b.wallet_card(fields);
        });
        Ok(())
    })
}

/// Sets up the type, lets `body` add the chunks, then paginates, stamps every page's footer
/// and checks every run can be drawn: the frame shared by the packet and the care sheet.
/// `lang` is the language of the document's own words: the plan's for the packet, the
/// nurse's for the care-team sheet.
fn assemble(
    plan: &Plan,
    o: &PacketOptions,
    lang: &str,
    body: impl FnOnce(&mut Builder<'_>, &Fields) -> Result<(), PacketError>,
) -> Result<Document, PacketError> {
    let w = words(lang).ok_or_else(|| PacketError::Language(lang.to_owned()))?;
    let (width, height) = o.paper.size_pt();
    let sizes = Sizes::new(o.large_print);
    let ts = Typesetter {
        fonts: Fonts::get(),
        sizes,
        left: MARGIN,
        width: width - 2.0 * MARGIN,
    };
    let fields = Fields::check(&ts, o, plan)?;
    let mut b = Builder {
        ts: ts.clone(),
        running: None,
        w,
        plan,
        chunks: Vec::new(),
    };

    body(&mut b, &fields)?;
    let chunks = b.chunks;
    let mut pages = paginate(chunks, MARGIN, height - MARGIN - FOOTER_ZONE + 12.0);
    footer::stamp(&mut pages, &ts, w, plan, o, &fields, (width, height));
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
    office_hours: Option<(String, FontRole)>,
}

impl Fields {
    fn check(ts: &Typesetter, o: &PacketOptions, plan: &Plan) -> Result<Fields, PacketError> {
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
            // The nurse's entry, else the surgeon whose orders made the plan.
            surgeon: text(
                "surgeon",
                o.surgeon
                    .as_deref()
                    .filter(|s| !s.trim().is_empty())
                    .or(plan.surgeon.as_ref().map(|s| s.name.as_str()))
                    .unwrap_or(""),
                false,
            )?,
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
            office_hours: office_hours(ts, o)?,
        })
    }
}

/// The office's hours, printed in the box's own face: a character only the fallback face has
/// is refused, naming the field.
fn office_hours(
    ts: &Typesetter,
    o: &PacketOptions,
) -> Result<Option<(String, FontRole)>, PacketError> {
    let v = o
        .office_hours
        .as_deref()
        .unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if v.is_empty() {
        return Ok(None);
    }
    let len = v.chars().count();
    if len > MAX_FIELD {
        return Err(PacketError::TooLong {
            field: "office-hours",
            len,
            max: MAX_FIELD,
        });
    }
    match ts.font_for(&v, FontRole::Bold, "office-hours")? {
        FontRole::Bold => Ok(Some((v, FontRole::Bold))),
        _ => Err(PacketError::Unprintable {
            field: "office-hours",
            codepoint: ts
                .fonts
                .face(FontRole::Bold)
                .first_missing(&v)
                .map_or(0, |c| c as u32),
        }),
    }
}

struct Builder<'a> {
    ts: Typesetter,
    /// The section being laid out, repeated above its chunks that start a page or column.
    running: Option<String>,
    w: &'static Words,
    plan: &'a Plan,
    chunks: Vec<Chunk>,
}

impl Builder<'_> {
    fn s(&self) -> Sizes {
        self.ts.sizes
    }

    /// Lays out what `body` adds in two columns (see [`Chunk::column`]).
    /// Large print stays in one column: two would hold under 30 letters a line.
    fn columns(&mut self, body: impl FnOnce(&mut Self)) {
        if self.s().body > 14.0 {
            body(self);
            return;
        }
        let full = self.ts.clone();
        let gutter = self.s().body * 1.2;
        let col = (full.width - gutter) / 2.0;
        self.ts.width = col;
        let first = self.chunks.len();
        body(self);
        for c in &mut self.chunks[first..] {
            c.column = Some(col + gutter);
        }
        self.ts = full;
    }

    fn push(&mut self, mut c: Chunk) {
        // A section's own heading is pushed with no running head; everything after it may
        // carry one.
        if let Some(head) = &self.running
            && !c.items.is_empty()
        {
            let size = self.s().small.max(self.s().body * 0.8);
            let text = fill(&self.w.continued, &[("section", head)]);
            let (items, h) = self.ts.block(
                &text,
                FontRole::Bold,
                size,
                Color::GREY,
                self.ts.left,
                0.0,
                self.ts.width,
            );
            c.continued = Some((items, h + size * 0.3));
        }
        self.chunks.push(c);
    }

    fn extend(&mut self, cs: Vec<Chunk>) {
        self.chunks.extend(cs);
    }

    fn h2(&mut self, text: &str) {
        let c = self.ts.heading(text, self.s().h2, self.s().body * 0.9);
        self.push(c);
    }

    /// A section heading with its pictogram before the words.
    fn h2_icon(&mut self, text: &str, icon: &str) {
        let s = self.s();
        let side = line_height(s.h2);
        let indent = side + s.body * 0.4;
        let narrow = Typesetter {
            left: self.ts.left + indent,
            width: self.ts.width - indent,
            ..self.ts.clone()
        };
        let mut c = narrow.heading(text, s.h2, s.body * 0.9);
        c.items.extend(crate::layout::icon_items(
            icon,
            self.ts.left,
            s.body * 0.9,
            side,
            Color::INK,
            false,
        ));
        self.push(c);
    }

    fn h3(&mut self, text: &str) {
        let c = self.ts.heading(text, self.s().h3, self.s().body * 0.35);
        self.push(c);
    }

    /// Bulleted items that may continue in the next column (see `bullet_lines`).
    fn bullets(&mut self, lines: impl IntoIterator<Item = String>) {
        for l in lines {
            for c in self.ts.bullet_lines(&l, self.s().body, 0.0) {
                self.push(c);
            }
        }
    }

    fn date(&self, d: NaiveDate) -> String {
        self.w.date(d)
    }

    fn therapy(&mut self) {
        let s = self.s();
        self.h2_icon(&self.w.pt_title.clone(), "therapy");
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
        // same list the warning boxes print, so the two can never disagree: grouped by whom
        // to call, the most urgent first.
        let lines: Vec<String> = self
            .plan
            .normal
            .iter()
            .map(|l| {
                let bounds: Vec<&WarningSign> = l
                    .bounded_by
                    .iter()
                    .filter_map(|id| self.plan.warning_signs.iter().find(|w| &w.id == id))
                    .collect();
                let mut text = l.text.clone();
                for u in URGENCIES {
                    let signs: Vec<&str> = bounds
                        .iter()
                        .filter(|w| w.urgency == u)
                        .map(|w| w.short.as_str())
                        .collect();
                    if !signs.is_empty() {
                        let bound = fill(
                            &self.w.normal_bound,
                            &[("tier", self.w.tier(u)), ("signs", &signs.join("; "))],
                        );
                        text = format!("{text} {bound}");
                    }
                }
                text
            })
            .collect();
        self.bullets(lines);
    }

    /// The teaching sections: with `first`, only those that must come before the phases
    /// (the rules for the day of an injection, which start at once); else the rest.
    fn sections(&mut self, first: bool) {
        let s = self.s();
        for (k, sec) in self.plan.sections.iter().enumerate() {
            if FIRST_SECTIONS.contains(&sec.id.as_str()) != first {
                continue;
            }
            let icon = match sec.id.as_str() {
                "shower-and-incision" => Some("shower"),
                "opioids" | "other-pain-medicine" => Some("pill"),
                "brace" => Some("brace"),
                "collar" => Some("collar"),
                _ => None,
            };
            self.running = None;
            match icon {
                Some(i) => self.h2_icon(&sec.title, i),
                None => self.h2(&sec.title),
            }
            self.running = Some(sec.title.clone());
            // A factor's reason is printed once, in the last section that gives it (its own
            // section, after the standard ones it adds lines to).
            let whys: Vec<&str> = sec
                .why
                .iter()
                .map(|l| l.text.as_str())
                .filter(|t| {
                    !self.plan.sections[k + 1..]
                        .iter()
                        .any(|later| later.why.iter().any(|w| w.text == *t))
                })
                .collect();
            if !whys.is_empty() {
                let text = format!("{} {}", self.w.why, whys.join(" "));
                let mut ps = self.ts.paragraph(&text, FontRole::Regular, s.body, 0.0);
                if let Some(first) = ps.first_mut() {
                    first.keep_with_next = true;
                }
                self.extend(ps);
                self.push(self.ts.gap(s.body * 0.3));
            }
            self.bullets(sec.lines.iter().map(|l| l.text.clone()).collect::<Vec<_>>());
        }
        self.running = None;
    }

    /// Every follow-up visit: booked ones with their date and time, the others "about this
    /// day: call to book", with the number to call once.
    fn visits(&mut self, f: &Fields) {
        self.h2_icon(&self.w.visits_title.clone(), "calendar");
        let w = self.w;
        if self.plan.follow_ups.iter().any(|v| !v.booked) {
            let phone = f.phone.as_deref().unwrap_or_default();
            let mut ps = self.ts.paragraph(
                &fill(&w.visits_to_book, &[("phone", phone)]),
                FontRole::Bold,
                self.s().body,
                0.0,
            );
            // With its heading and the first visit, never split.
            for l in &mut ps {
                l.keep_with_next = true;
            }
            self.extend(ps);
        }
        let rows: Vec<String> = self
            .plan
            .follow_ups
            .iter()
            .map(|v| {
                let row = crate::dates::sentence(&fill(
                    &w.visit_row,
                    &[("date", &w.weekday_date(v.date)), ("purpose", &v.purpose)],
                ));
                // An unbooked visit says nothing more: the line above says to call.
                match (v.booked, v.time) {
                    (true, Some(t)) => {
                        format!(
                            "{row} {}",
                            fill(&w.visit_booked_at, &[("time", &w.time(t))])
                        )
                    }
                    (true, None) => format!("{row} {}", w.visit_booked),
                    (false, _) => row,
                }
            })
            .collect();
        self.bullets(rows);
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
        let gap = s.body * 2.0;
        let items = (1..=3)
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
            height: gap * 3.0 + s.body * 0.3,
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
