//! Pagination: chunks placed whole on pages, full width or flowing in two columns.

use super::{Chunk, Page};

/// Places chunks on pages between `top` and `bottom`: a chunk that does not fit starts a
/// new page (or, in a run of column chunks, the right column first), and a heading moves
/// with the chunk after it.
pub fn paginate(chunks: Vec<Chunk>, top: f32, bottom: f32) -> Vec<Page> {
    /// Where a run of column chunks stands: which column, where the columns start on this
    /// page, and how far down the left one reached.
    struct Columns {
        right: bool,
        top: f32,
        left_end: f32,
    }
    let mut pages = vec![Page::default()];
    let mut y = top;
    let mut cols: Option<Columns> = None;
    let avail = bottom - top;
    let heights: Vec<(f32, bool)> = chunks
        .iter()
        .map(|c| (c.height, c.keep_with_next))
        .collect();
    for (i, chunk) in chunks.into_iter().enumerate() {
        match (&cols, chunk.column) {
            // Full-width flow resumes below the longer column.
            (Some(c), None) => {
                y = y.max(c.left_end);
                cols = None;
            }
            (None, Some(_)) => {
                cols = Some(Columns {
                    right: false,
                    top: y,
                    left_end: y,
                });
            }
            _ => {}
        }
        let region_top = cols.as_ref().map_or(top, |c| c.top);
        let empty = y <= region_top;
        if chunk.page_break_before && !empty {
            pages.push(Page::default());
            y = top;
            if let Some(c) = &mut cols {
                *c = Columns {
                    right: false,
                    top,
                    left_end: top,
                };
            }
        }
        // The height of this chunk and everything it must stay with.
        let mut group = 0.0;
        for &(h, keep) in &heights[i..] {
            group += h;
            if !keep {
                break;
            }
        }
        let group = if group > avail { chunk.height } else { group };
        // Not room here: the right column, else a new page (the right column may have no
        // more room than the left when the columns started low on the page).
        while y + group > bottom && y > top {
            match &mut cols {
                Some(c) if !c.right => {
                    c.right = true;
                    c.left_end = y;
                    y = c.top;
                }
                Some(c) => {
                    pages.push(Page::default());
                    y = top;
                    *c = Columns {
                        right: false,
                        top,
                        left_end: top,
                    };
                }
                None => {
                    pages.push(Page::default());
                    y = top;
                }
            }
        }
        let dx = match (&cols, chunk.column) {
            (Some(c), Some(dx)) if c.right => dx,
            _ => 0.0,
        };
        let at_top = y <= top || cols.as_ref().is_some_and(|c| c.right && y <= c.top);
        let lift = if at_top { chunk.collapse } else { 0.0 };
        let page = pages.last_mut().expect("at least one page");
        // A section carried over to a new page or column says which it is.
        if at_top && let Some((items, h)) = chunk.continued {
            page.items
                .extend(items.into_iter().map(|it| it.shifted(y).shifted_x(dx)));
            y += h;
        }
        page.items.extend(
            chunk
                .items
                .into_iter()
                .map(|it| it.shifted(y - lift).shifted_x(dx)),
        );
        y += chunk.height - lift;
        if let Some(c) = &mut cols
            && !c.right
        {
            c.left_end = y;
        }
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{Color, Item};

    /// A chunk `h` tall holding one rectangle at its top-left, in column flow when `col`.
    fn chunk(h: f32, col: bool) -> Chunk {
        Chunk {
            height: h,
            items: vec![Item::Rect {
                x: 0.0,
                y: 0.0,
                w: 1.0,
                h: 1.0,
                fill: Some(Color::INK),
                stroke: None,
                stroke_width: 0.0,
                dashed: false,
            }],
            column: col.then_some(50.0),
            ..Chunk::default()
        }
    }

    fn origins(pages: &[Page]) -> Vec<(usize, f32, f32)> {
        pages
            .iter()
            .enumerate()
            .flat_map(|(n, p)| p.items.iter().map(move |i| (n, i.bounds().0, i.bounds().1)))
            .collect()
    }

    #[test]
    fn columns_fill_left_then_right_then_the_next_page() {
        // Page from 0 to 100: a full-width chunk, then five column chunks of 40.
        let mut chunks = vec![chunk(20.0, false)];
        chunks.extend((0..5).map(|_| chunk(40.0, true)));
        let got = origins(&paginate(chunks, 0.0, 100.0));
        assert_eq!(
            got,
            vec![
                (0, 0.0, 0.0),
                (0, 0.0, 20.0),
                (0, 0.0, 60.0),
                (0, 50.0, 20.0),
                (0, 50.0, 60.0),
                (1, 0.0, 0.0),
            ]
        );
    }

    #[test]
    fn full_width_resumes_below_the_longer_column() {
        let chunks = vec![
            chunk(30.0, true),
            chunk(30.0, true),
            chunk(50.0, true),
            chunk(10.0, false),
        ];
        let got = origins(&paginate(chunks, 0.0, 70.0));
        // Left holds 60; the third goes right (to 50); full width resumes at 60.
        assert_eq!(got[2], (0, 50.0, 0.0));
        assert_eq!(got[3], (0, 0.0, 60.0));
    }

    #[test]
    fn a_headings_space_is_dropped_at_the_top_of_a_page() {
        let mut head = chunk(15.0, false);
        head.collapse = 5.0;
        head.items = vec![head.items[0].clone().shifted(5.0)];
        let chunks = vec![chunk(90.0, false), head, chunk(10.0, false)];
        let got = origins(&paginate(chunks, 0.0, 100.0));
        // The heading starts page 2 at its top, not 5 points down; what follows moves up too.
        assert_eq!(got[1], (1, 0.0, 0.0));
        assert_eq!(got[2], (1, 0.0, 10.0));
    }
}
