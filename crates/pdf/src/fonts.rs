//! The packet's fonts, embedded, and the glyph metrics the layout measures with.
//!
//! printpdf does not measure or wrap text, so the layout does, from the same advances the
//! PDF will use (no kerning is applied, so measured = drawn).

use std::sync::OnceLock;

use printpdf::ParsedFont;

static REGULAR: &[u8] = include_bytes!("../../../fonts/AtkinsonHyperlegible-Regular.ttf");
static BOLD: &[u8] = include_bytes!("../../../fonts/AtkinsonHyperlegible-Bold.ttf");
static FALLBACK: &[u8] = include_bytes!("../../../fonts/DejaVuSans.ttf");

/// Which font a run is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FontRole {
    /// Atkinson Hyperlegible Regular.
    Regular,
    /// Atkinson Hyperlegible Bold.
    Bold,
    /// DejaVu Sans, for names Atkinson cannot draw (Greek, Cyrillic, Vietnamese…).
    Fallback,
}

/// A parsed font with what the layout needs from it.
pub struct Face {
    pub parsed: ParsedFont,
    units_per_em: f32,
    /// Where the top of the tallest glyphs sits above the baseline, per unit of size.
    pub ascent: f32,
}

impl Face {
    fn load(bytes: &[u8]) -> Face {
        let mut warnings = Vec::new();
        let parsed =
            ParsedFont::from_bytes(bytes, 0, &mut warnings).expect("the bundled fonts parse");
        let units_per_em = f32::from(parsed.pdf_font_metrics.units_per_em.max(1));
        let ascent = f32::from(parsed.pdf_font_metrics.ascender) / units_per_em;
        Face {
            parsed,
            units_per_em,
            ascent,
        }
    }

    /// Whether every character of `s` has a glyph.
    pub fn covers(&self, s: &str) -> bool {
        s.chars()
            .all(|c| c.is_whitespace() || self.parsed.lookup_glyph_index(c as u32).is_some())
    }

    /// The first character without a glyph.
    pub fn first_missing(&self, s: &str) -> Option<char> {
        s.chars()
            .find(|c| !c.is_whitespace() && self.parsed.lookup_glyph_index(*c as u32).is_none())
    }

    /// Width of `s` at `size` points.
    pub fn width(&self, s: &str, size: f32) -> f32 {
        let units: u32 = s
            .chars()
            .map(|c| {
                let gid = self.parsed.lookup_glyph_index(c as u32).unwrap_or(0);
                u32::from(self.parsed.get_horizontal_advance(gid))
            })
            .sum();
        units as f32 / self.units_per_em * size
    }
}

/// The three faces, parsed once per process.
pub struct Fonts {
    pub regular: Face,
    pub bold: Face,
    pub fallback: Face,
}

impl Fonts {
    /// The shared instance.
    pub fn get() -> &'static Fonts {
        static FONTS: OnceLock<Fonts> = OnceLock::new();
        FONTS.get_or_init(|| Fonts {
            regular: Face::load(REGULAR),
            bold: Face::load(BOLD),
            fallback: Face::load(FALLBACK),
        })
    }

    /// The face for a role.
    pub fn face(&self, role: FontRole) -> &Face {
        match role {
            FontRole::Regular => &self.regular,
            FontRole::Bold => &self.bold,
            FontRole::Fallback => &self.fallback,
        }
    }
}
