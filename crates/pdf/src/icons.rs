//! The packet's pictograms: stroked vector paths in a 24-unit box (y down), from
//! `icons/icons.toml` (Lucide, ISC, and a few drawn by the project; see `icons/README.md`).
//! Each is drawn the same by every renderer: only straight lines and cubic curves.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

/// One step of a subpath, in icon units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Seg {
    /// Move to.
    M(f32, f32),
    /// Line to.
    L(f32, f32),
    /// Cubic curve to (two controls, then the end point).
    C(f32, f32, f32, f32, f32, f32),
    /// Close the subpath.
    Z,
}

/// The icon box's side in icon units; the stroke is [`STROKE`] units wide.
pub const UNITS: f32 = 24.0;
/// Stroke width in icon units.
pub const STROKE: f32 = 2.0;

#[derive(Deserialize)]
struct Raw {
    paths: Vec<String>,
}

static FILE: &str = include_str!("../icons/icons.toml");

/// The subpaths of icon `name`, if there is one.
pub fn icon(name: &str) -> Option<&'static [Vec<Seg>]> {
    static ALL: OnceLock<BTreeMap<String, Vec<Vec<Seg>>>> = OnceLock::new();
    ALL.get_or_init(|| {
        let raw: BTreeMap<String, Raw> =
            toml::from_str(FILE).expect("icons.toml is valid (tested)");
        raw.into_iter()
            .map(|(name, r)| {
                let paths = r
                    .paths
                    .iter()
                    .map(|p| parse(p).unwrap_or_else(|e| panic!("icon {name}: {e}")))
                    .collect();
                (name, paths)
            })
            .collect()
    })
    .get(name)
    .map(Vec::as_slice)
}

/// Icon `name` placed at (x, y) on the page, `size` points square: its subpaths in page
/// coordinates (y down) and the stroke width. The PDF and the SVG preview both draw this.
pub fn placed(name: &str, x: f32, y: f32, size: f32) -> Option<(Vec<Vec<Seg>>, f32)> {
    let k = size / UNITS;
    let at = |a: f32, b: f32| (x + a * k, y + b * k);
    let paths = icon(name)?
        .iter()
        .map(|sub| {
            sub.iter()
                .map(|seg| match *seg {
                    Seg::M(a, b) => {
                        let (a, b) = at(a, b);
                        Seg::M(a, b)
                    }
                    Seg::L(a, b) => {
                        let (a, b) = at(a, b);
                        Seg::L(a, b)
                    }
                    Seg::C(a, b, c, d, e, f) => {
                        let ((a, b), (c, d), (e, f)) = (at(a, b), at(c, d), at(e, f));
                        Seg::C(a, b, c, d, e, f)
                    }
                    Seg::Z => Seg::Z,
                })
                .collect()
        })
        .collect();
    Some((paths, STROKE * k))
}

/// Parses "M x y L x y C x1 y1 x2 y2 x y Z".
fn parse(s: &str) -> Result<Vec<Seg>, String> {
    let mut t = s.split_whitespace();
    let mut out = Vec::new();
    let num = |t: &mut std::str::SplitWhitespace<'_>| -> Result<f32, String> {
        t.next()
            .ok_or("a command is missing a number")?
            .parse::<f32>()
            .map_err(|e| format!("{e} in `{s}`"))
    };
    while let Some(cmd) = t.next() {
        out.push(match cmd {
            "M" => Seg::M(num(&mut t)?, num(&mut t)?),
            "L" => Seg::L(num(&mut t)?, num(&mut t)?),
            "C" => Seg::C(
                num(&mut t)?,
                num(&mut t)?,
                num(&mut t)?,
                num(&mut t)?,
                num(&mut t)?,
                num(&mut t)?,
            ),
            "Z" => Seg::Z,
            other => return Err(format!("unknown command `{other}`")),
        });
    }
    match out.first() {
        Some(Seg::M(..)) => Ok(out),
        _ => Err(format!("a subpath must start with M: `{s}`")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_icon_the_packet_draws_loads_and_stays_in_its_box() {
        for name in [
            "walking",
            "lifting",
            "bending",
            "driving",
            "shower",
            "incision",
            "brace",
            "collar",
            "emergency",
            "phone",
            "office",
            "calendar",
            "pill",
            "ban",
            "therapy",
            "work",
        ] {
            let paths = icon(name).unwrap_or_else(|| panic!("no icon `{name}`"));
            assert!(!paths.is_empty(), "{name}");
            for seg in paths.iter().flatten() {
                let pts: Vec<(f32, f32)> = match *seg {
                    Seg::M(x, y) | Seg::L(x, y) => vec![(x, y)],
                    Seg::C(a, b, c, d, x, y) => vec![(a, b), (c, d), (x, y)],
                    Seg::Z => vec![],
                };
                for (x, y) in pts {
                    assert!(
                        (-0.5..=24.5).contains(&x) && (-0.5..=24.5).contains(&y),
                        "{name}: ({x}, {y})"
                    );
                }
            }
        }
        assert!(icon("unicorn").is_none());
    }

    #[test]
    fn bad_path_data_is_refused() {
        assert!(parse("L 1 2").is_err());
        assert!(parse("M 1").is_err());
        assert!(parse("M 1 2 Q 3 4").is_err());
        assert_eq!(
            parse("M 1 2 L 3 4 Z").unwrap(),
            vec![Seg::M(1.0, 2.0), Seg::L(3.0, 4.0), Seg::Z]
        );
    }
}
