//! The preview: a page of the laid-out [`Document`] as SVG, drawn from the same model the PDF
//! is drawn from, so what the nurse sees is what prints. Text is SVG text in the packet's
//! fonts (the app ships them) with every character placed where the PDF places it;
//! pictograms are the same paths. A test renders both and compares the pixels.

use std::fmt::Write as _;

use crate::fonts::{FontRole, Fonts};
use crate::icons::{Seg, placed};
use crate::layout::{Color, Document, Item};

fn hex(c: Color) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

/// Escapes text for XML.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// Where the PDF puts each character of `text` set at `x` in `font` at `size`: the start of
/// each (its x plus the advances of the characters before it; no kerning, no ligatures), and
/// where the run ends. A character is a `char`, as WebKit and resvg count them in SVG text.
#[must_use]
pub fn char_starts(font: FontRole, size: f32, x: f32, text: &str) -> (Vec<f32>, f32) {
    let face = Fonts::get().face(font);
    let mut buf = [0u8; 4];
    let mut at = x;
    let starts = text
        .chars()
        .map(|c| {
            let start = at;
            at += face.width(c.encode_utf8(&mut buf), size);
            start
        })
        .collect();
    (starts, at)
}

/// Page `n` (from 0) of `doc` as a standalone SVG document, sized in points.
///
/// # Panics
/// When `n` is not a page of `doc`.
#[must_use]
pub fn page_svg(doc: &Document, n: usize) -> String {
    let page = &doc.pages[n];
    let mut s = String::with_capacity(64 * 1024);
    // No kerning and no ligatures: the PDF has neither, and every character is placed.
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}pt" height="{h}pt" text-rendering="geometricPrecision" style="font-kerning:none;font-variant-ligatures:none"><rect width="{w}" height="{h}" fill="#ffffff"/>"##,
        w = doc.width,
        h = doc.height
    );
    for item in &page.items {
        match item {
            Item::Rect {
                x,
                y,
                w,
                h,
                fill,
                stroke,
                stroke_width,
                dashed,
            } => {
                let fill = fill.map_or_else(|| "none".to_owned(), hex);
                let _ = write!(
                    s,
                    r#"<rect x="{x:.2}" y="{y:.2}" width="{w:.2}" height="{h:.2}" fill="{fill}""#
                );
                match stroke {
                    // A cut line: each side dashed from its own corner, as the PDF draws it.
                    Some(c) if *dashed => {
                        let (l, t, r, b) = (*x, *y, x + w, y + h);
                        s.push_str("/>");
                        for ((x1, y1), (x2, y2)) in [
                            ((l, b), (r, b)),
                            ((r, b), (r, t)),
                            ((r, t), (l, t)),
                            ((l, t), (l, b)),
                        ] {
                            let _ = write!(
                                s,
                                r#"<line x1="{x1:.2}" y1="{y1:.2}" x2="{x2:.2}" y2="{y2:.2}" stroke="{}" stroke-width="{stroke_width:.2}" stroke-dasharray="4 3"/>"#,
                                hex(*c)
                            );
                        }
                        continue;
                    }
                    Some(c) => {
                        let _ = write!(
                            s,
                            r#" stroke="{}" stroke-width="{stroke_width:.2}""#,
                            hex(*c)
                        );
                    }
                    None => {}
                }
                s.push_str("/>");
            }
            Item::Line {
                x1,
                y1,
                x2,
                y2,
                color,
                width,
                dashed,
            } => {
                let _ = write!(
                    s,
                    r#"<line x1="{x1:.2}" y1="{y1:.2}" x2="{x2:.2}" y2="{y2:.2}" stroke="{}" stroke-width="{width:.2}""#,
                    hex(*color)
                );
                if *dashed {
                    s.push_str(r#" stroke-dasharray="4 3""#);
                }
                s.push_str("/>");
            }
            Item::Text(t) => {
                let (family, weight) = match t.font {
                    FontRole::Regular => ("Atkinson Hyperlegible", 400),
                    FontRole::Bold => ("Atkinson Hyperlegible", 700),
                    FontRole::Fallback => ("DejaVu Sans", 400),
                };
                // Every character at the x the PDF puts it, as one list of x positions on one
                // text element. WebKit's own advances are not the PDF's (it rounds them, by how
                // much depends on the desktop's font settings): with only the run's start and
                // width given (`textLength`), a character drifted up to 2.7 pt in a long line
                // (the window test measures it). One element per run, not one per character:
                // a 6-page packet was some 25,000 tspans, which held about 45 MiB in the app's
                // web process. Spaces are kept, so the n-th position is the n-th character's.
                let (starts, _) = char_starts(t.font, t.size, t.x, &t.text);
                let mut xs = String::with_capacity(starts.len() * 7);
                for at in starts {
                    if !xs.is_empty() {
                        xs.push(' ');
                    }
                    let _ = write!(xs, "{at:.2}");
                }
                let _ = write!(
                    s,
                    r#"<text xml:space="preserve" x="{xs}" y="{:.2}" font-family="{family}" font-weight="{weight}" font-size="{:.2}" fill="{}">{}"#,
                    t.baseline,
                    t.size,
                    hex(t.color),
                    esc(&t.text),
                );
                s.push_str("</text>");
            }
            Item::Icon {
                name,
                x,
                y,
                size,
                color,
            } => {
                let Some((paths, stroke)) = placed(name, *x, *y, *size) else {
                    continue;
                };
                let mut d = String::new();
                for seg in paths.iter().flatten() {
                    let _ = match *seg {
                        Seg::M(a, b) => write!(d, "M{a:.2} {b:.2}"),
                        Seg::L(a, b) => write!(d, "L{a:.2} {b:.2}"),
                        Seg::C(a, b, c, e, f, g) => {
                            write!(d, "C{a:.2} {b:.2} {c:.2} {e:.2} {f:.2} {g:.2}")
                        }
                        Seg::Z => write!(d, "Z"),
                    };
                }
                let _ = write!(
                    s,
                    r#"<path d="{d}" fill="none" stroke="{}" stroke-width="{stroke:.2}" stroke-linecap="round" stroke-linejoin="round"/>"#,
                    hex(*color),
                );
            }
        }
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each run lists one x per character as WebKit and resvg count them (a combining mark
    /// is its own character; an escaped `&` is one; a letter outside the BMP is one): the x
    /// the PDF gives it, in the order the text has them; the text reads back unchanged.
    #[test]
    fn every_character_of_a_run_has_the_pdfs_x() {
        for text in [
            "Fish & <chips> \"now\"",
            "Jose\u{301} Nu\u{303}n\u{303}ez",
            "Ana \u{1D5A0}lvarez",
            "two  spaces and a tab\tend",
        ] {
            let doc = Document {
                width: 200.0,
                height: 100.0,
                printable_margin: 0.0,
                pages: vec![crate::Page {
                    items: vec![Item::Text(crate::TextRun {
                        x: 10.0,
                        y: 10.0,
                        width: 100.0,
                        height: 12.0,
                        baseline: 20.0,
                        size: 10.0,
                        font: FontRole::Regular,
                        color: Color::INK,
                        text: text.to_owned(),
                    })],
                }],
            };
            let svg = page_svg(&doc, 0);
            let at = svg.find(r#" x=""#).expect("an x list") + 4;
            let xs: Vec<f32> = svg[at..at + svg[at..].find('"').expect("end")]
                .split(' ')
                .map(|x| x.parse().expect("a number"))
                .collect();
            let (starts, end) = char_starts(FontRole::Regular, 10.0, 10.0, text);
            assert_eq!(xs.len(), text.chars().count(), "{text:?}");
            assert_eq!(xs.len(), starts.len(), "{text:?}");
            assert!(
                xs.iter().zip(&starts).all(|(a, b)| (a - b).abs() < 0.006),
                "{text:?}: {xs:?} against {starts:?}"
            );
            assert!(xs.windows(2).all(|w| w[0] <= w[1]), "{text:?}: {xs:?}");
            assert!(
                end > xs[xs.len() - 1],
                "{text:?}: the run ends after its last start"
            );
            let body = &svg[svg.find("<text").expect("a text element")..];
            let start = body.find('>').expect("text start") + 1;
            let shown = &body[start..start + body[start..].find("</text>").expect("end")];
            let back = shown
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&amp;", "&");
            assert_eq!(back, text);
        }
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            esc(r#"Fish & <chips> "now""#),
            "Fish &amp; &lt;chips&gt; &quot;now&quot;"
        );
    }
}
