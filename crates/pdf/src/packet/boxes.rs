//! The urgency boxes after the cover and the wallet card: the signs, by tier, with whom to
//! call.

use super::*;

impl Builder<'_> {
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

    /// The three boxes after the cover: 911, call us now (with where to go when no one
    /// answers), call the office.
    pub(super) fn warning_boxes(&mut self, f: &Fields) -> Result<(), PacketError> {
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

    /// Two wallet-size panels side by side (fold on the middle line): the 911 signs on one,
    /// the call-us-now signs, phone numbers and where to go with no answer on the other.
    /// Taller in large print.
    pub(super) fn wallet_card(&mut self, f: &Fields) {
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
