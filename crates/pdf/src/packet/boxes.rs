//! The urgency boxes on page 1 (each sign in its short form, two columns), each sign in
//! full on page 2, and the wallet card: the signs by tier, with whom to call.

use super::*;

impl Builder<'_> {
    /// A coloured box across the text column: a title bar, then the lines on a tint, in one
    /// or two columns. Returns its items (the tint first) and height.
    #[allow(clippy::too_many_arguments)]
    fn warning_box(
        &self,
        title: &str,
        bar: Color,
        title_color: Color,
        tint: Color,
        lines: &[String],
        after: &[String],
        two_cols: bool,
        icon: &str,
    ) -> (Vec<Item>, f32) {
        let s = self.s();
        let pad = s.body * 0.45;
        let inner = self.ts.width - 2.0 * pad;
        // The title bar's pictogram, in the title's colour, before its words.
        let side = line_height(s.h3) * 1.1;
        let (mut items, th) = self.ts.block(
            title,
            FontRole::Bold,
            s.h3,
            title_color,
            self.ts.left + pad + side + pad * 0.6,
            pad * 0.6,
            inner - side - pad * 0.6,
        );
        items.extend(crate::layout::icon_items(
            icon,
            self.ts.left + pad,
            pad * 0.6 + (line_height(s.h3) - side) / 2.0,
            side,
            title_color,
            false,
        ));
        let bar_h = th + pad * 1.2;
        let mut y = bar_h + pad * 0.6;
        let mut body = Vec::new();
        let bw = s.body * 1.1;
        // The signs in two columns, the first half (by height) on the left; or in one.
        let gutter = s.body;
        let col_w = if two_cols {
            (inner - gutter) / 2.0
        } else {
            inner
        };
        let laid: Vec<(Vec<Item>, f32)> = lines
            .iter()
            .map(|l| {
                let (mut its, h) = self.ts.block(
                    l,
                    FontRole::Bold,
                    s.body,
                    Color::INK,
                    self.ts.left + pad + bw,
                    0.0,
                    col_w - bw,
                );
                its.insert(
                    0,
                    self.ts.run(
                        "\u{2022}",
                        FontRole::Bold,
                        s.body,
                        Color::INK,
                        self.ts.left + pad,
                        0.0,
                    ),
                );
                (its, h + s.body * 0.15)
            })
            .collect();
        let total_h: f32 = laid.iter().map(|l| l.1).sum();
        let (mut left_y, mut right_y) = (y, y);
        let mut acc = 0.0;
        for (its, h) in laid {
            let right = two_cols && acc >= total_h / 2.0 - 0.5;
            acc += h;
            let (dx, yy) = if right {
                (col_w + gutter, &mut right_y)
            } else {
                (0.0, &mut left_y)
            };
            body.extend(its.into_iter().map(|i| i.shifted(*yy).shifted_x(dx)));
            *yy += h;
        }
        y = left_y.max(right_y) + s.body * 0.1;
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
        (all, total)
    }

    /// The signs of one tier as the patient copy prints them: the short form, which carries
    /// everything a patient needs from the whole sign (the care-team sheet has it in full).
    fn signs(&self, u: Urgency) -> Vec<String> {
        self.plan
            .warning_signs
            .iter()
            .filter(|w| w.urgency == u)
            .map(|w| w.short.clone())
            .collect()
    }

    /// The three boxes after the cover: 911, call us now (with where to go when no one
    /// answers), call the office.
    pub(super) fn warning_boxes(&mut self, f: &Fields) -> Result<(), PacketError> {
        let emergency = self.signs(Urgency::Emergency);
        let urgent = self.signs(Urgency::Urgent);
        let office = self.signs(Urgency::CallOffice);
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
        let s = self.s();
        if s.body > 14.0 {
            // Large print: each box across the page, its signs in two columns, so the first
            // starts on page 1.
            for (title, bar, tint, lines, after, icon) in [
                (
                    &self.w.call_911_title,
                    Color::RED,
                    Color::RED_TINT,
                    &emergency,
                    &Vec::new(),
                    "emergency",
                ),
                (
                    &self.w.call_urgent_title,
                    Color::ORANGE,
                    Color::ORANGE_TINT,
                    &urgent,
                    &after,
                    "phone",
                ),
            ] {
                let (items, h) =
                    self.warning_box(title, bar, Color::WHITE, tint, lines, after, true, icon);
                self.push(Chunk {
                    height: h + s.body * 0.5,
                    items,
                    ..Chunk::default()
                });
            }
        } else {
            self.boxes_side_by_side(&emergency, &urgent, &after);
        }
        let mut after = Vec::new();
        match (&f.phone, &f.office_hours) {
            (Some(p), Some((hours, _))) => after.push(fill(
                &self.w.call_office_phone_hours,
                &[("phone", p), ("hours", hours)],
            )),
            (Some(p), None) => after.push(fill(&self.w.call_office_phone, &[("phone", p)])),
            (None, _) => {}
        }
        let (items, h) = self.warning_box(
            &self.w.call_office_title,
            Color::BLUE,
            Color::WHITE,
            Color::LIGHT,
            &office,
            &after,
            true,
            "office",
        );
        self.push(Chunk {
            height: h + s.body * 0.5,
            items,
            ..Chunk::default()
        });
        Ok(())
    }

    /// 911 and "call us now" side by side, the same height.
    fn boxes_side_by_side(&mut self, emergency: &[String], urgent: &[String], after: &[String]) {
        let s = self.s();
        let full = self.ts.clone();
        let gutter = s.body * 0.6;
        self.ts.width = (full.width - gutter) / 2.0;
        let (mut red, red_h) = self.warning_box(
            &self.w.call_911_title,
            Color::RED,
            Color::WHITE,
            Color::RED_TINT,
            emergency,
            &[],
            false,
            "emergency",
        );
        self.ts.left += self.ts.width + gutter;
        let (mut orange, orange_h) = self.warning_box(
            &self.w.call_urgent_title,
            Color::ORANGE,
            Color::WHITE,
            Color::ORANGE_TINT,
            urgent,
            after,
            false,
            "phone",
        );
        self.ts = full;
        let h = red_h.max(orange_h);
        for items in [&mut red, &mut orange] {
            if let Some(Item::Rect { h: tint_h, .. }) = items.first_mut() {
                *tint_h = h;
            }
        }
        red.append(&mut orange);
        self.push(Chunk {
            height: h + s.body * 0.5,
            items: red,
            ..Chunk::default()
        });
    }

    /// Two wallet-size panels side by side (fold on the middle line): the 911 signs on one,
    /// the call-us-now signs, phone numbers and where to go with no answer on the other.
    /// Taller in large print.
    pub(super) fn wallet_card(&mut self, f: &Fields) {
        let s = self.s();
        let size = s.card;
        let pad = 8.0;
        // Side by side across the page (fold on the middle line), or one above the other
        // when laid out in a column (fold on the line between).
        let stacked = self.ts.width < 2.0 * CARD_W;
        let panel_w = if stacked {
            CARD_W.min(self.ts.width)
        } else {
            CARD_W.min(self.ts.width / 2.0)
        };
        let inner = panel_w - 2.0 * pad;
        let panel = |ts: &Typesetter,
                     x: f32,
                     title: &str,
                     tint: Option<Color>,
                     lines: &[String],
                     extra: &[(String, FontRole)]|
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
            for (l, font) in extra {
                let (its, h) = ts.block(l, *font, size, Color::INK, x + pad, y, inner);
                items.extend(its);
                y += h;
            }
            (items, y + pad)
        };
        let bold = |t: String| (t, FontRole::Bold);
        let mut phones = Vec::new();
        if let Some(p) = &f.phone {
            phones.push(bold(fill(&self.w.card_phone, &[("phone", p)])));
        }
        if let Some(p) = &f.after_hours {
            phones.push(bold(fill(&self.w.card_after_hours, &[("phone", p)])));
        }
        phones.push(bold(self.w.card_no_answer.clone()));
        // Whose card, for the emergency room: the name (in the face it can be drawn in),
        // what was done and when, and the surgeon when given.
        let p = self.plan;
        let mut who = vec![(f.name.0.clone(), f.name.1)];
        who.push((
            fill(
                &self.w.card_what,
                &[
                    ("procedure", &p.procedure.patient_name),
                    ("date", &self.w.short_date_year(p.surgery_date)),
                ],
            ),
            FontRole::Regular,
        ));
        if let Some((surgeon, font)) = &f.surgeon {
            who.push((surgeon.clone(), font.min_regular()));
        }
        let left = self.ts.left;
        let (mut a, ha) = panel(
            &self.ts,
            left,
            &self.w.card_title_911,
            Some(Color::RED_TINT),
            &self.signs(Urgency::Emergency),
            &who,
        );
        let (b, hb) = panel(
            &self.ts,
            if stacked { left } else { left + panel_w },
            &self.w.card_title_urgent,
            Some(Color::ORANGE_TINT),
            &self.signs(Urgency::Urgent),
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
        let top = ch + 2.0;
        let mut items: Vec<Item> = cut;
        items.extend(a.drain(..).map(|it| it.shifted(top)));
        let b_top = if stacked { top + h } else { top };
        items.extend(b.into_iter().map(|it| it.shifted(b_top)));
        let (w, total, fold) = if stacked {
            (panel_w, 2.0 * h, (left, top + h, left + panel_w, top + h))
        } else {
            (
                panel_w * 2.0,
                h,
                (left + panel_w, top, left + panel_w, top + h),
            )
        };
        items.push(Item::Rect {
            x: left,
            y: top,
            w,
            h: total,
            fill: None,
            stroke: Some(Color::INK),
            stroke_width: 1.0,
            dashed: true,
        });
        items.push(Item::Line {
            x1: fold.0,
            y1: fold.1,
            x2: fold.2,
            y2: fold.3,
            color: Color::GREY,
            width: 0.8,
            dashed: true,
        });
        let h = total;
        let gap = if stacked { s.body * 0.3 } else { s.body };
        self.push(self.ts.gap(gap));
        // The card ends the packet: no space after it.
        self.push(Chunk {
            height: top + h,
            items,
            ..Chunk::default()
        });
    }
}
