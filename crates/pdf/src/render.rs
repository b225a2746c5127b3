//! Draws a laid-out [`Document`] with printpdf. Nothing is decided here: every position,
//! size and colour comes from the layout, so what the tests check is what is drawn.

use homeward_core::Plan;
use printpdf::{
    Color as PdfColor, FontId, Line, LineCapStyle, LineDashPattern, LineJoinStyle, LinePoint, Mm,
    Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, Rgb,
    TextItem, TextMatrix,
};

use crate::PacketOptions;
use crate::fonts::{FontRole, Fonts};
use crate::icons::{Seg, placed};
use crate::layout::{Color, Document, Item};

fn rgb(c: Color) -> PdfColor {
    PdfColor::Rgb(Rgb::new(
        f32::from(c.0) / 255.0,
        f32::from(c.1) / 255.0,
        f32::from(c.2) / 255.0,
        None,
    ))
}

/// The PDF bytes for `doc`.
pub fn to_pdf(doc: &Document, plan: &Plan, options: &PacketOptions) -> Vec<u8> {
    let fonts = Fonts::get();
    let mut pdf = PdfDocument::new(&format!(
        "{} - {}",
        plan.procedure.patient_name, plan.surgery_date
    ));
    let printed = options.printed_on;
    {
        use chrono::Datelike;
        let info = &mut pdf.metadata.info;
        let date = printpdf::date::DateTime {
            date: printpdf::date::Date {
                year: printed.year(),
                month: printed.month() as u8,
                day: printed.day() as u8,
            },
            time: printpdf::date::Time {
                hour: 0,
                minute: 0,
                second: 0,
                millisecond: 0,
            },
            offset: printpdf::date::Offset {
                hours: 0,
                minutes: 0,
                seconds: 0,
                milliseconds: 0,
            },
        };
        info.creation_date = date;
        info.modification_date = date;
        info.metadata_date = date;
        info.creator = "Homeward".to_owned();
        info.producer = format!("Homeward protocol {}", plan.protocol_version);
        // The title names the procedure, never the patient: PDF metadata travels with the
        // file into places the printed page does not.
        info.document_title = plan.procedure.patient_name.clone();
    }
    let used = |role: FontRole| doc.pages.iter().any(|p| p.texts().any(|t| t.font == role));
    let id_for = |pdf: &mut PdfDocument, role: FontRole| -> Option<FontId> {
        used(role).then(|| pdf.add_font(&fonts.face(role).parsed))
    };
    let regular = id_for(&mut pdf, FontRole::Regular);
    let bold = id_for(&mut pdf, FontRole::Bold);
    let fallback = id_for(&mut pdf, FontRole::Fallback);
    let font_id = |role: FontRole| match role {
        FontRole::Regular => regular.clone(),
        FontRole::Bold => bold.clone(),
        FontRole::Fallback => fallback.clone(),
    };

    let h = doc.height;
    let (wmm, hmm) = (Mm::from(Pt(doc.width)), Mm::from(Pt(doc.height)));
    for page in &doc.pages {
        let mut ops = Vec::new();
        for item in &page.items {
            match item {
                Item::Rect {
                    x,
                    y,
                    w,
                    h: rh,
                    fill,
                    stroke,
                    stroke_width,
                    dashed,
                } => {
                    let rect = |mode| Op::DrawRectangle {
                        rectangle: Rect {
                            x: Pt(*x),
                            y: Pt(h - y - rh),
                            width: Pt(*w),
                            height: Pt(*rh),
                            mode: Some(mode),
                            winding_order: None,
                        },
                    };
                    if let Some(c) = fill {
                        ops.push(Op::SetFillColor { col: rgb(*c) });
                        ops.push(rect(PaintMode::Fill));
                    }
                    if let Some(c) = stroke {
                        ops.push(Op::SetOutlineColor { col: rgb(*c) });
                        ops.push(Op::SetOutlineThickness {
                            pt: Pt(*stroke_width),
                        });
                        ops.push(Op::SetLineDashPattern {
                            dash: if *dashed {
                                LineDashPattern::new(0.0, &[4.0, 3.0])
                            } else {
                                LineDashPattern::solid()
                            },
                        });
                        if *dashed {
                            // A cut line: each side dashed from its own corner, as the
                            // preview draws it, so the dashes fall in the same places.
                            let (l, t, r, b) = (*x, h - y, x + w, h - y - rh);
                            for (a, z) in [
                                ((l, b), (r, b)),
                                ((r, b), (r, t)),
                                ((r, t), (l, t)),
                                ((l, t), (l, b)),
                            ] {
                                let p = |(px, py): (f32, f32)| LinePoint {
                                    p: Point {
                                        x: Pt(px),
                                        y: Pt(py),
                                    },
                                    bezier: false,
                                };
                                ops.push(Op::DrawLine {
                                    line: Line {
                                        points: vec![p(a), p(z)],
                                        is_closed: false,
                                    },
                                });
                            }
                        } else {
                            ops.push(rect(PaintMode::Stroke));
                        }
                    }
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
                    ops.push(Op::SetOutlineColor { col: rgb(*color) });
                    ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                    ops.push(Op::SetLineDashPattern {
                        dash: if *dashed {
                            LineDashPattern::new(0.0, &[4.0, 3.0])
                        } else {
                            LineDashPattern::solid()
                        },
                    });
                    let p = |x: f32, y: f32| LinePoint {
                        p: Point {
                            x: Pt(x),
                            y: Pt(h - y),
                        },
                        bezier: false,
                    };
                    ops.push(Op::DrawLine {
                        line: Line {
                            points: vec![p(*x1, *y1), p(*x2, *y2)],
                            is_closed: false,
                        },
                    });
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
                    ops.push(Op::SetOutlineColor { col: rgb(*color) });
                    ops.push(Op::SetOutlineThickness { pt: Pt(stroke) });
                    ops.push(Op::SetLineDashPattern {
                        dash: LineDashPattern::solid(),
                    });
                    ops.push(Op::SetLineCapStyle {
                        cap: LineCapStyle::Round,
                    });
                    ops.push(Op::SetLineJoinStyle {
                        join: LineJoinStyle::Round,
                    });
                    // Page coordinates grow downward; PDF's grow upward.
                    let p = |px: f32, py: f32, bezier: bool| LinePoint {
                        p: Point {
                            x: Pt(px),
                            y: Pt(h - py),
                        },
                        bezier,
                    };
                    for sub in &paths {
                        let mut points = Vec::new();
                        let mut closed = false;
                        for seg in sub {
                            match *seg {
                                Seg::M(a, b) | Seg::L(a, b) => points.push(p(a, b, false)),
                                Seg::C(a, b, c, d, e, f) => {
                                    points.push(p(a, b, true));
                                    points.push(p(c, d, true));
                                    points.push(p(e, f, false));
                                }
                                Seg::Z => closed = true,
                            }
                        }
                        ops.push(Op::DrawLine {
                            line: Line {
                                points,
                                is_closed: closed,
                            },
                        });
                    }
                    // Lines and outlines elsewhere keep the default caps and joins.
                    ops.push(Op::SetLineCapStyle {
                        cap: LineCapStyle::Butt,
                    });
                    ops.push(Op::SetLineJoinStyle {
                        join: LineJoinStyle::Miter,
                    });
                }
                Item::Text(t) => {
                    let Some(id) = font_id(t.font) else { continue };
                    ops.push(Op::StartTextSection);
                    ops.push(Op::SetFont {
                        font: PdfFontHandle::External(id),
                        size: Pt(t.size),
                    });
                    ops.push(Op::SetFillColor { col: rgb(t.color) });
                    ops.push(Op::SetTextMatrix {
                        matrix: TextMatrix::Translate(Pt(t.x), Pt(h - t.baseline)),
                    });
                    ops.push(Op::ShowText {
                        items: vec![TextItem::Text(t.text.clone())],
                    });
                    ops.push(Op::EndTextSection);
                }
            }
        }
        pdf.pages.push(PdfPage::new(wmm, hmm, ops));
    }
    let mut warnings = Vec::new();
    pdf.save(
        &PdfSaveOptions {
            subset_fonts: true,
            ..Default::default()
        },
        &mut warnings,
    )
}
