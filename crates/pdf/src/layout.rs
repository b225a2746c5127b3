//! The layout model and the small engine that fills it: measure, wrap, keep together,
//! paginate. Coordinates are points from the page's top-left corner, y growing downward;
//! the renderer flips them for PDF.

use serde::Serialize;

use crate::PacketError;
use crate::fonts::{FontRole, Fonts};

mod paginate;
pub use paginate::paginate;

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Color(pub u8, pub u8, pub u8);

impl Color {
    /// Body text.
    pub const INK: Color = Color(0x1a, 0x1a, 0x1a);
    /// White.
    pub const WHITE: Color = Color(0xff, 0xff, 0xff);
    /// The 911 box: a deep red (white text on it is 7.4:1).
    pub const RED: Color = Color(0xb0, 0x00, 0x20);
    /// Tint behind the 911 box's lines.
    pub const RED_TINT: Color = Color(0xfd, 0xec, 0xee);
    /// The "call us now, day or night" box (white text on it is 5:1).
    pub const ORANGE: Color = Color(0xa8, 0x45, 0x00);
    /// The "call us now" box's background.
    pub const ORANGE_TINT: Color = Color(0xff, 0xee, 0xe0);
    /// The "call the office" box (white text on it is 6.8:1).
    pub const BLUE: Color = Color(0x1f, 0x5f, 0x99);
    /// Rules and outlines.
    pub const GREY: Color = Color(0x60, 0x60, 0x60);
    /// Light fills.
    pub const LIGHT: Color = Color(0xee, 0xf2, 0xf7);
    /// Phase bars, alternating.
    pub const PHASES: [Color; 2] = [Color(0x1f, 0x5f, 0x99), Color(0x5f, 0x9e, 0xd1)];
}

/// One line of text at one position, in one font and size.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextRun {
    /// Left edge.
    pub x: f32,
    /// Top of the line box.
    pub y: f32,
    /// Measured width.
    pub width: f32,
    /// Height of the line box.
    pub height: f32,
    /// Baseline, from the page top.
    pub baseline: f32,
    /// Font size in points.
    pub size: f32,
    /// Font.
    pub font: FontRole,
    /// Colour.
    pub color: Color,
    /// The text.
    pub text: String,
}

/// Something drawn on a page.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Item {
    /// A line of text.
    Text(TextRun),
    /// A rectangle, filled and/or outlined.
    Rect {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Fill colour.
        fill: Option<Color>,
        /// Outline colour.
        stroke: Option<Color>,
        /// Outline width.
        stroke_width: f32,
        /// Dashed outline (cut lines).
        dashed: bool,
    },
    /// A straight line.
    Line {
        /// Start x.
        x1: f32,
        /// Start y.
        y1: f32,
        /// End x.
        x2: f32,
        /// End y.
        y2: f32,
        /// Colour.
        color: Color,
        /// Width.
        width: f32,
        /// Dashed (fold and cut lines).
        dashed: bool,
    },
    /// A pictogram from `icons/icons.toml`, stroked, `size` points square.
    Icon {
        /// The icon's name.
        name: String,
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Side of the square.
        size: f32,
        /// Stroke colour.
        color: Color,
    },
}

impl Item {
    /// The area the item covers: (left, top, right, bottom).
    #[must_use]
    pub fn bounds(&self) -> (f32, f32, f32, f32) {
        match self {
            Item::Text(t) => (t.x, t.y, t.x + t.width, t.y + t.height),
            Item::Rect { x, y, w, h, .. } => (*x, *y, x + w, y + h),
            Item::Line { x1, y1, x2, y2, .. } => {
                (x1.min(*x2), y1.min(*y2), x1.max(*x2), y1.max(*y2))
            }
            Item::Icon { x, y, size, .. } => (*x, *y, x + size, y + size),
        }
    }

    /// The same item moved right by `dx`.
    pub(crate) fn shifted_x(mut self, dx: f32) -> Item {
        match &mut self {
            Item::Text(t) => t.x += dx,
            Item::Rect { x, .. } => *x += dx,
            Item::Line { x1, x2, .. } => {
                *x1 += dx;
                *x2 += dx;
            }
            Item::Icon { x, .. } => *x += dx,
        }
        self
    }

    /// The same item moved down by `dy`.
    pub(crate) fn shifted(mut self, dy: f32) -> Item {
        match &mut self {
            Item::Text(t) => {
                t.y += dy;
                t.baseline += dy;
            }
            Item::Rect { y, .. } => *y += dy,
            Item::Line { y1, y2, .. } => {
                *y1 += dy;
                *y2 += dy;
            }
            Item::Icon { y, .. } => *y += dy,
        }
        self
    }
}

/// A page of items.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Page {
    /// What is drawn, in drawing order.
    pub items: Vec<Item>,
}

impl Page {
    /// The text runs on the page.
    pub fn texts(&self) -> impl Iterator<Item = &TextRun> {
        self.items
            .iter()
            .filter_map(|i| if let Item::Text(t) = i { Some(t) } else { None })
    }
}

/// A laid-out packet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// Page width in points.
    pub width: f32,
    /// Page height in points.
    pub height: f32,
    /// Nothing is drawn closer than this to any page edge.
    pub printable_margin: f32,
    /// The pages.
    pub pages: Vec<Page>,
}

impl Document {
    /// All text, page by page, in reading order: what a reader (or a PDF text extractor)
    /// sees.
    #[must_use]
    pub fn text(&self) -> String {
        let mut s = String::new();
        for p in &self.pages {
            for t in p.texts() {
                s.push_str(&t.text);
                s.push('\n');
            }
        }
        s
    }
}

/// A piece of the flow that is placed whole: it never splits across pages.
#[derive(Debug, Default)]
pub struct Chunk {
    /// Its height.
    pub height: f32,
    /// Its items, with y relative to the chunk's top.
    pub items: Vec<Item>,
    /// Place on the same page as the next chunk (headings).
    pub keep_with_next: bool,
    /// Start a new page before this chunk.
    pub page_break_before: bool,
    /// Flows in two columns: laid out for the left one, moved right by this much when it
    /// falls in the right one. Consecutive column chunks fill the left column, then the
    /// right, then the next page.
    pub column: Option<f32>,
    /// Space at the chunk's top that is dropped when it starts a page or the right column
    /// (a heading's space before).
    pub collapse: f32,
    /// What to print above the chunk when it starts a page or column in the middle of a
    /// section ("Phase 3: … (continued)"), with its height.
    pub continued: Option<(Vec<Item>, f32)>,
}

/// Type sizes for normal or large print.
#[derive(Debug, Clone, Copy)]
pub struct Sizes {
    pub body: f32,
    pub small: f32,
    pub card: f32,
    pub h1: f32,
    pub h2: f32,
    pub h3: f32,
}

impl Sizes {
    pub fn new(large: bool) -> Sizes {
        if large {
            Sizes {
                body: 16.0,
                small: 12.0,
                card: 11.5,
                h1: 28.0,
                h2: 21.0,
                h3: 17.5,
            }
        } else {
            Sizes {
                body: 12.0,
                small: 9.0,
                card: 8.5,
                h1: 20.0,
                h2: 15.0,
                h3: 13.0,
            }
        }
    }
}

impl Sizes {
    /// Page 1 carries the whole plan at a glance: in normal print its headings are a step
    /// smaller (the body stays 12 pt); large print keeps its sizes.
    #[must_use]
    pub fn first_page(self) -> Sizes {
        if self.body > 14.0 {
            return self;
        }
        Sizes {
            h1: 15.0,
            h2: 14.0,
            h3: 12.5,
            ..self
        }
    }
}

/// Line box height for a size.
pub fn line_height(size: f32) -> f32 {
    size * 1.25
}

/// Measures and wraps text, and builds chunks.
#[derive(Clone)]
pub struct Typesetter {
    pub fonts: &'static Fonts,
    pub sizes: Sizes,
    /// Left edge of the text column.
    pub left: f32,
    /// Width of the text column.
    pub width: f32,
}

impl Typesetter {
    /// The font a run of `text` can be set in: `preferred` when it has every glyph, else
    /// the fallback face; an error naming `field` when neither can draw it.
    pub fn font_for(
        &self,
        text: &str,
        preferred: FontRole,
        field: &'static str,
    ) -> Result<FontRole, PacketError> {
        if text.chars().any(is_right_to_left) {
            return Err(PacketError::RightToLeft { field });
        }
        if self.fonts.face(preferred).covers(text) {
            return Ok(preferred);
        }
        match self.fonts.fallback.first_missing(text) {
            None => Ok(FontRole::Fallback),
            Some(c) => Err(PacketError::Unprintable {
                field,
                codepoint: c as u32,
            }),
        }
    }

    /// Width of `text`.
    pub fn measure(&self, text: &str, font: FontRole, size: f32) -> f32 {
        self.fonts.face(font).width(text, size)
    }

    /// Breaks `text` into lines no wider than `width`, at spaces; a word longer than a line
    /// is broken between characters.
    pub fn wrap(&self, text: &str, font: FontRole, size: f32, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if self.measure(&candidate, font, size) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if self.measure(word, font, size) <= width {
                line = word.to_owned();
            } else {
                for c in word.chars() {
                    let mut next = line.clone();
                    next.push(c);
                    if !line.is_empty() && self.measure(&next, font, size) > width {
                        lines.push(std::mem::take(&mut line));
                        line.push(c);
                    } else {
                        line = next;
                    }
                }
            }
        }
        if !line.is_empty() || lines.is_empty() {
            lines.push(line);
        }
        lines
    }

    /// A text run at (x, top).
    pub fn run(
        &self,
        text: &str,
        font: FontRole,
        size: f32,
        color: Color,
        x: f32,
        top: f32,
    ) -> Item {
        let ascent = self.fonts.face(font).ascent.clamp(0.7, 1.1);
        let lh = line_height(size);
        Item::Text(TextRun {
            x,
            y: top,
            width: self.measure(text, font, size),
            height: lh,
            baseline: top + (lh - size) / 2.0 + ascent * size * 0.92,
            size,
            font,
            color,
            text: text.to_owned(),
        })
    }

    /// Wrapped text as items starting at (x, top) within `width`; returns the items and the
    /// height used. (Eight plain arguments read better at the many call sites than a
    /// builder would.)
    #[allow(clippy::too_many_arguments)]
    pub fn block(
        &self,
        text: &str,
        font: FontRole,
        size: f32,
        color: Color,
        x: f32,
        top: f32,
        width: f32,
    ) -> (Vec<Item>, f32) {
        let lh = line_height(size);
        let items: Vec<Item> = self
            .wrap(text, font, size, width)
            .iter()
            .enumerate()
            .map(|(i, l)| self.run(l, font, size, color, x, top + lh * i as f32))
            .collect();
        let h = lh * items.len() as f32;
        (items, h)
    }

    /// A heading chunk that stays with what follows it.
    pub fn heading(&self, text: &str, size: f32, space_before: f32) -> Chunk {
        let (items, h) = self.block(
            text,
            FontRole::Bold,
            size,
            Color::INK,
            self.left,
            space_before,
            self.width,
        );
        Chunk {
            height: space_before + h + size * 0.2,
            items,
            keep_with_next: true,
            collapse: space_before,
            ..Chunk::default()
        }
    }

    /// A paragraph as one chunk per line, so a long paragraph can continue on the next page.
    pub fn paragraph(&self, text: &str, font: FontRole, size: f32, indent: f32) -> Vec<Chunk> {
        let lh = line_height(size);
        self.wrap(text, font, size, self.width - indent)
            .iter()
            .map(|l| Chunk {
                height: lh,
                items: vec![self.run(l, font, size, Color::INK, self.left + indent, 0.0)],
                ..Chunk::default()
            })
            .collect()
    }

    /// A bulleted item as one chunk per line, so a long item can continue in the next
    /// column or page: never one line alone at the bottom (the first line keeps with the
    /// second) or at the top (the last line keeps with the one before). An item of up to
    /// three lines stays whole.
    pub fn bullet_lines(&self, text: &str, size: f32, indent: f32) -> Vec<Chunk> {
        let bullet_w = size * 1.1;
        let x = self.left + indent;
        let lh = line_height(size);
        let lines = self.wrap(
            text,
            FontRole::Regular,
            size,
            self.width - indent - bullet_w,
        );
        let n = lines.len();
        lines
            .iter()
            .enumerate()
            .map(|(k, l)| {
                let mut items =
                    vec![self.run(l, FontRole::Regular, size, Color::INK, x + bullet_w, 0.0)];
                if k == 0 {
                    items.insert(
                        0,
                        self.run(
                            "\u{2022}",
                            FontRole::Regular,
                            size,
                            Color::INK,
                            x + size * 0.15,
                            0.0,
                        ),
                    );
                }
                let last = k + 1 == n;
                Chunk {
                    height: if last { lh + size * 0.12 } else { lh },
                    items,
                    keep_with_next: !last && (n <= 3 || k == 0 || k + 2 == n),
                    ..Chunk::default()
                }
            })
            .collect()
    }

    /// A bulleted item whose bullet is a pictogram: with a red "do not" slash over it when
    /// `ban`, and a short `label` under it (a lifting limit's number). The words always
    /// say what the picture shows.
    pub fn icon_bullet(
        &self,
        text: &str,
        size: f32,
        icon: &str,
        ban: bool,
        label: Option<&str>,
    ) -> Chunk {
        let side = size * 1.8;
        let gap = size * 0.45;
        let (mut items, h) = self.block(
            text,
            FontRole::Regular,
            size,
            Color::INK,
            self.left + side + gap,
            (side - line_height(size)).max(0.0) / 2.0,
            self.width - side - gap,
        );
        items.extend(icon_items(icon, self.left, 0.0, side, Color::INK, ban));
        let mut icon_h = side;
        if let Some(label) = label {
            let ls = (size * 0.75).max(8.0);
            let w = self.measure(label, FontRole::Bold, ls);
            items.push(self.run(
                label,
                FontRole::Bold,
                ls,
                Color::INK,
                self.left + (side - w).max(0.0) / 2.0,
                side,
            ));
            icon_h += line_height(ls);
        }
        let text_h = h + (side - line_height(size)).max(0.0) / 2.0;
        Chunk {
            height: text_h.max(icon_h) + size * 0.25,
            items,
            ..Chunk::default()
        }
    }

    /// Vertical space.
    pub fn gap(&self, h: f32) -> Chunk {
        Chunk {
            height: h,
            ..Chunk::default()
        }
    }
}

/// A pictogram at (x, y), `side` points square, with the red "do not" slash over it when
/// `ban`.
pub fn icon_items(name: &str, x: f32, y: f32, side: f32, color: Color, ban: bool) -> Vec<Item> {
    // Under a slash the picture is drawn smaller, inside the ring.
    let inset = if ban { side * 0.17 } else { 0.0 };
    let mut items = vec![Item::Icon {
        name: name.to_owned(),
        x: x + inset,
        y: y + inset,
        size: side - 2.0 * inset,
        color,
    }];
    if ban {
        items.push(Item::Icon {
            name: "ban".to_owned(),
            x,
            y,
            size: side,
            color: Color::RED,
        });
    }
    items
}

/// Right-to-left scripts (Hebrew, Arabic and their presentation forms), which printpdf
/// draws left to right and unshaped.
fn is_right_to_left(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF)
}
