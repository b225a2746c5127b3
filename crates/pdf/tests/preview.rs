//! The app's preview is drawn from the layout model as SVG; this proves it matches the PDF:
//! each page is rasterised both ways (the SVG by resvg with the packet's fonts, the PDF by
//! poppler) and the pixels compared. resvg, like the app's WebKit, places each character at
//! the x the SVG gives it (librsvg 2.54 does not).

use std::path::{Path, PathBuf};
use std::process::Command;

use homeward_core::{default_protocol, plan};
use homeward_pdf::{Document, Item, Paper, layout, page_svg, render};

mod common;
use common::options;

/// The resolution both pages are drawn at. They are compared at half of it (each 2 x 2 block
/// of pixels averaged): two rasterisers smooth edges differently by a fraction of a pixel,
/// which averaging evens out; a moved or missing word stays.
const DRAW_DPI: u32 = 200;

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

/// A greyscale image.
struct Grey {
    w: usize,
    h: usize,
    px: Vec<u8>,
}

impl Grey {
    fn at(&self, x: usize, y: usize) -> u8 {
        self.px[y * self.w + x]
    }

    /// Half the size: each 2 x 2 block averaged.
    fn halved(&self) -> Grey {
        let (w, h) = (self.w / 2, self.h / 2);
        let mut px = Vec::with_capacity(w * h);
        for y in 0..h {
            for x in 0..w {
                let sum: u32 = [(0, 0), (1, 0), (0, 1), (1, 1)]
                    .iter()
                    .map(|(dx, dy)| u32::from(self.at(2 * x + dx, 2 * y + dy)))
                    .sum();
                px.push(u8::try_from(sum / 4).unwrap_or(u8::MAX));
            }
        }
        Grey { w, h, px }
    }
}

/// A greyscale PGM (P5) read back.
fn pgm(path: &Path) -> Grey {
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
    let px = bytes[i + 1..].to_vec();
    assert_eq!(px.len(), w * h);
    Grey { w, h, px }
}

/// Page 1 of `pdf` through poppler, greyscale at [`DRAW_DPI`].
fn raster_pdf(pdf: &Path) -> Grey {
    let stem = pdf.with_extension("");
    run(Command::new("pdftoppm")
        .args(["-gray", "-r", &DRAW_DPI.to_string(), "-singlefile"])
        .arg(pdf)
        .arg(&stem));
    pgm(&stem.with_extension("pgm"))
}

/// A page's SVG through resvg, greyscale at [`DRAW_DPI`], with the packet's own fonts (which
/// the app ships to its webview) and no others.
fn raster_svg(svg: &str) -> Grey {
    let mut opt = resvg::usvg::Options::default();
    let fonts = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fonts");
    for f in [
        "AtkinsonHyperlegible-Regular.ttf",
        "AtkinsonHyperlegible-Bold.ttf",
        "DejaVuSans.ttf",
    ] {
        opt.fontdb_mut()
            .load_font_data(std::fs::read(fonts.join(f)).expect("font"));
    }
    let tree = resvg::usvg::Tree::from_str(svg, &opt).expect("svg parses");
    // The SVG is sized in points, which resvg takes as CSS pixels at 96 dpi.
    let scale = DRAW_DPI as f32 / 96.0;
    let (w, h) = (
        (tree.size().width() * scale).ceil() as usize,
        (tree.size().height() * scale).ceil() as usize,
    );
    let mut pixmap = resvg::tiny_skia::Pixmap::new(w as u32, h as u32).expect("pixmap");
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    // The page paints its own white ground, so alpha is always full.
    let px = pixmap
        .data()
        .chunks_exact(4)
        .map(|p| {
            let (r, g, b) = (f32::from(p[0]), f32::from(p[1]), f32::from(p[2]));
            (0.299 * r + 0.587 * g + 0.114 * b).round() as u8
        })
        .collect();
    Grey { w, h, px }
}

/// How many pixels of `a` and `b` differ, and how many of `a`'s are ink. A pixel differs when
/// nothing within a pixel of it in the other image is on the same side of half-grey: ink
/// where the other has paper, or paper where it has ink.
fn differing(a: &Grey, b: &Grey) -> (usize, usize) {
    // The PDF's page is 792.001 pt tall (millimetre rounding in printpdf): a pixel more at most.
    assert!(
        a.w.abs_diff(b.w) <= 1 && a.h.abs_diff(b.h) <= 1,
        "page sizes {}x{} and {}x{}",
        a.w,
        a.h,
        b.w,
        b.h
    );
    let (w, h) = (a.w.min(b.w), a.h.min(b.h));
    let near = |img: &Grey, x: usize, y: usize, v: u8| {
        (y.saturating_sub(1)..=(y + 1).min(h - 1)).any(|yy| {
            (x.saturating_sub(1)..=(x + 1).min(w - 1)).any(|xx| img.at(xx, yy).abs_diff(v) <= 128)
        })
    };
    let (mut ink, mut differ) = (0, 0);
    for y in 0..h {
        for x in 0..w {
            let (p, q) = (a.at(x, y), b.at(x, y));
            if p < 128 {
                ink += 1;
            }
            if !near(b, x, y, p) || !near(a, x, y, q) {
                differ += 1;
            }
        }
    }
    (differ, ink)
}

/// At most this share of a page's ink may differ. Every page of both packets differs in none
/// today; a name moved two points differs in 0.17%, a name gone in 0.74% (the test below).
const MOST: f64 = 0.0005;

/// Page `n` of `doc` as printed (cut from the whole packet `pdf`) and as previewed, both at
/// half of [`DRAW_DPI`].
fn both(dir: &Path, pdf: &Path, doc: &Document, n: usize) -> (Grey, Grey) {
    let one = dir.join(format!("p{n}.pdf"));
    run(Command::new("qpdf")
        .arg(pdf)
        .args(["--pages", ".", &(n + 1).to_string(), "--"])
        .arg(&one));
    (
        raster_pdf(&one).halved(),
        raster_svg(&page_svg(doc, n)).halved(),
    )
}

#[test]
fn the_preview_draws_every_page_as_the_pdf_prints_it() {
    let dir = scratch("pages");
    let p = default_protocol().expect("protocol");
    let plan = plan(&p, &common::complex_fusion()).expect("plan");
    for (paper, large) in [(Paper::Letter, false), (Paper::A4, true)] {
        let o = options("Maria Gonzalez-Núñez", paper, large);
        let doc = layout(&plan, &o).expect("layout");
        let pdf = dir.join("packet.pdf");
        std::fs::write(&pdf, render(&plan, &o).expect("pdf")).expect("write");
        for n in 0..doc.pages.len() {
            let (a, b) = both(&dir, &pdf, &doc, n);
            let (differ, ink) = differing(&a, &b);
            let share = differ as f64 / ink.max(1) as f64;
            println!(
                "{paper:?} large={large} page {}: {differ} of {ink} inked pixels differ ({:.3}%)",
                n + 1,
                share * 100.0
            );
            assert!(ink > 1000, "page {} is blank", n + 1);
            assert!(
                share < MOST,
                "page {}: {:.3}% of the ink differs (at most {:.2}%)",
                n + 1,
                share * 100.0,
                MOST * 100.0
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The comparison is strict enough to matter: page 1's preview with the patient's name moved
/// two points (under a millimetre) to the right, or gone, fails it.
#[test]
fn a_moved_or_missing_word_fails_the_comparison() {
    let dir = scratch("moved");
    let p = default_protocol().expect("protocol");
    let plan = plan(&p, &common::complex_fusion()).expect("plan");
    let o = options("Maria Gonzalez-Núñez", Paper::Letter, false);
    let doc = layout(&plan, &o).expect("layout");
    let pdf = dir.join("packet.pdf");
    std::fs::write(&pdf, render(&plan, &o).expect("pdf")).expect("write");
    let (printed, _) = both(&dir, &pdf, &doc, 0);
    // A short body run on page 1 (the patient's name in the header).
    let k = doc.pages[0]
        .items
        .iter()
        .position(|i| matches!(i, Item::Text(t) if t.text == "Maria Gonzalez-Núñez"))
        .expect("the name on page 1");
    let changed = |f: &dyn Fn(&mut Document)| {
        let mut d = doc.clone();
        f(&mut d);
        let (differ, ink) = differing(&printed, &raster_svg(&page_svg(&d, 0)).halved());
        differ as f64 / ink as f64
    };
    let moved = changed(&|d| {
        if let Item::Text(t) = &mut d.pages[0].items[k] {
            t.x += 2.0;
        }
    });
    let gone = changed(&|d| {
        d.pages[0].items.remove(k);
    });
    println!("moved: {:.3}%, gone: {:.3}%", moved * 100.0, gone * 100.0);
    assert!(moved >= MOST, "a name moved 1 pt passes ({moved})");
    assert!(gone >= MOST, "a missing name passes ({gone})");
    let _ = std::fs::remove_dir_all(&dir);
}
