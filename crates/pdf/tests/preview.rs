//! The app's preview is drawn from the layout model as SVG; this proves it matches the PDF:
//! each page is rasterised both ways (the SVG by librsvg with the packet's fonts, the PDF by
//! poppler) and the pixels compared.

use std::path::{Path, PathBuf};
use std::process::Command;

use homeward_core::{default_protocol, plan};
use homeward_pdf::{Paper, layout, page_svg, render};

mod common;
use common::options;

/// A scratch folder for this test, emptied first.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("homeward-preview-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn run(cmd: &mut Command) {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A greyscale PGM (P5) read back: width, height, pixels.
fn pgm(path: &Path) -> (usize, usize, Vec<u8>) {
    let bytes = std::fs::read(path).expect("pgm");
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        while !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..i]).into_owned());
    }
    assert_eq!(fields[0], "P5");
    let (w, h): (usize, usize) = (
        fields[1].parse().expect("width"),
        fields[2].parse().expect("height"),
    );
    let data = bytes[i + 1..].to_vec();
    assert_eq!(data.len(), w * h);
    (w, h, data)
}

/// Rasterises page 1 of `pdf` to greyscale at 100 dpi.
fn raster(pdf: &Path, out: &Path) -> (usize, usize, Vec<u8>) {
    let stem = out.with_extension("");
    run(Command::new("pdftoppm")
        .args(["-gray", "-r", "100", "-singlefile"])
        .arg(pdf)
        .arg(&stem));
    pgm(&stem.with_extension("pgm"))
}

#[test]
fn the_preview_draws_every_page_as_the_pdf_prints_it() {
    let dir = scratch("pages");
    // librsvg finds the packet's own fonts, as the app's webview does.
    let fonts = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fonts")
        .canonicalize()
        .expect("fonts");
    let conf = dir.join("fonts.conf");
    std::fs::write(
        &conf,
        format!(
            "<?xml version=\"1.0\"?><!DOCTYPE fontconfig SYSTEM \"fonts.dtd\"><fontconfig><dir>{}</dir><cachedir>{}</cachedir></fontconfig>",
            fonts.display(),
            dir.join("cache").display()
        ),
    )
    .expect("fonts.conf");

    let p = default_protocol().expect("protocol");
    let input = common::complex_fusion();
    let plan = plan(&p, &input).expect("plan");
    for (paper, large) in [(Paper::Letter, false), (Paper::A4, true)] {
        let o = options("Maria Gonzalez-Núñez", paper, large);
        let doc = layout(&plan, &o).expect("layout");
        let whole = dir.join("packet.pdf");
        std::fs::write(&whole, render(&plan, &o).expect("pdf")).expect("write");
        for n in 0..doc.pages.len() {
            let svg = dir.join(format!("p{n}.svg"));
            std::fs::write(&svg, page_svg(&doc, n)).expect("svg");
            // The SVG through librsvg (to a one-page PDF), the packet's page through poppler:
            // both rasterised by poppler at the same resolution.
            let svg_pdf = dir.join(format!("p{n}-svg.pdf"));
            run(Command::new("rsvg-convert")
                .env("FONTCONFIG_FILE", &conf)
                .args(["-f", "pdf", "-o"])
                .arg(&svg_pdf)
                .arg(&svg));
            let one = dir.join(format!("p{n}.pdf"));
            run(Command::new("qpdf")
                .arg(&whole)
                .args(["--pages", ".", &(n + 1).to_string(), "--"])
                .arg(&one));
            let (w1, h1, a) = raster(&one, &dir.join(format!("p{n}-pdf.pgm")));
            let (w2, h2, b) = raster(&svg_pdf, &dir.join(format!("p{n}-svg.pgm")));
            // The PDF's page is 792.001 pt tall (millimetre rounding in printpdf): a pixel
            // row more at most.
            assert!(
                w1.abs_diff(w2) <= 1 && h1.abs_diff(h2) <= 1,
                "page {} size",
                n + 1
            );
            let (w, h) = (w1.min(w2), h1.min(h2));
            let px = |img: &[u8], stride: usize, x: usize, y: usize| img[y * stride + x];
            let mut ink = 0;
            let mut differ = 0;
            // A pixel differs when nothing within a pixel of it in the other image is close:
            // anti-aliased glyph edges may fall a fraction of a pixel apart, a missing or
            // moved word may not.
            let near = |img: &[u8], stride: usize, x: usize, y: usize, v: u8| {
                (y.saturating_sub(1)..=(y + 1).min(h - 1)).any(|yy| {
                    (x.saturating_sub(1)..=(x + 1).min(w - 1))
                        .any(|xx| px(img, stride, xx, yy).abs_diff(v) <= 96)
                })
            };
            for y in 0..h {
                for x in 0..w {
                    let (p, q) = (px(&a, w1, x, y), px(&b, w2, x, y));
                    if p < 128 {
                        ink += 1;
                    }
                    if !near(&b, w2, x, y, p) || !near(&a, w1, x, y, q) {
                        differ += 1;
                    }
                }
            }
            let share = differ as f64 / ink.max(1) as f64;
            println!(
                "{paper:?} large={large} page {}: {differ} of {ink} inked pixels differ ({:.2}%)",
                n + 1,
                share * 100.0
            );
            assert!(ink > 1000, "page {} is blank", n + 1);
            // Anti-aliasing may differ on a stray pixel; nothing else does.
            let most = 0.002;
            assert!(
                share < most,
                "page {}: {:.2}% of the ink differs (at most {:.1}%)",
                n + 1,
                share * 100.0,
                most * 100.0
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
