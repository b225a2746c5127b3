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
                // The run starts at the PDF's x and spans the PDF's width: `textLength` pins
                // its end, so the renderer's own advances (kerning and ligatures off, the same
                // font) cannot drift from the PDF's along a line. One x per run, not one per
                // character: a list of positions per character held about 5 MiB of the app's
                // web process for a 6-page packet (and one element per character, earlier,
                // about 45 MiB).
                let face = Fonts::get().face(t.font);
                let mut buf = [0u8; 4];
                let mut width = 0.0;
                for c in t.text.chars() {
                    width += face.width(c.encode_utf8(&mut buf), t.size);
                }
                let _ = write!(
                    s,
                    r#"<text xml:space="preserve" x="{:.2}" y="{:.2}""#,
                    t.x, t.baseline
                );
                if t.text.chars().nth(1).is_some() {
                    let _ = write!(s, r#" textLength="{width:.2}" lengthAdjust="spacing""#);
                }
                let _ = write!(
                    s,
                    r#" font-family="{family}" font-weight="{weight}" font-size="{:.2}" fill="{}">{}"#,
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

    /// A number attribute of the first text element.
    fn text_attr(svg: &str, name: &str) -> Option<f32> {
        let body = &svg[svg.find("<text").expect("a text element")..];
        let tag = &body[..body.find('>').expect("tag end")];
        let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        Some(
            tag[at..at + tag[at..].find('"')?]
                .parse()
                .expect("a number"),
        )
    }

    /// Each run starts at the PDF's x and, when it has more than one character, spans the
    /// width the PDF gives it (the sum of its characters' advances, however a renderer counts
    /// characters: a combining mark, an escaped `&`, a letter outside the BMP); the text
    /// reads back unchanged.
    #[test]
    fn a_run_starts_at_the_pdfs_x_and_spans_the_pdfs_width() {
        let face = Fonts::get().face(FontRole::Regular);
        for text in [
            "Fish & <chips> \"now\"",
            "Jose\u{301} Nu\u{303}n\u{303}ez",
            "Ana \u{1D5A0}lvarez",
            "two  spaces and a tab\tend",
            "a",
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
            assert_eq!(text_attr(&svg, "x"), Some(10.0), "{text:?}");
            let mut buf = [0u8; 4];
            let width: f32 = text
                .chars()
                .map(|c| face.width(c.encode_utf8(&mut buf), 10.0))
                .sum();
            if text.chars().count() > 1 {
                let length = text_attr(&svg, "textLength").expect("a textLength");
                assert!(
                    (length - width).abs() < 0.01,
                    "{text:?}: {length} vs {width}"
                );
                assert!(svg.contains(r#"lengthAdjust="spacing""#));
            } else {
                assert_eq!(
                    text_attr(&svg, "textLength"),
                    None,
                    "one character needs none"
                );
            }
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
