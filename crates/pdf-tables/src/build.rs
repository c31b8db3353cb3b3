//! Building model tables from cell geometry and words.

use crate::geom::is_background;
use crate::text::words_text;
use crate::Tolerances;
use plansift_layout::{BBox, PageLayout};
use plansift_model::{Cell, Prov, Rgb, Row, Table, TableOrigin};

pub fn row_prov(page: u32, x0: f32, top: f32, x1: f32, bottom: f32) -> Prov {
    Prov {
        bbox: Some([x0, top, x1, bottom]),
        ..Prov::page(page)
    }
}

/// The colour of the smallest fill covering the point (white counts as no fill).
pub fn fill_at(page: &PageLayout, x: f32, y: f32, tol: &Tolerances) -> Option<Rgb> {
    let mut best: Option<(f32, Rgb)> = None;
    for f in &page.fills {
        let b = f.bbox;
        if b.width() <= tol.thin_fill || b.height() <= tol.thin_fill || is_background(page, &b, tol)
        {
            continue;
        }
        if b.contains_point(x, y, 0.0) {
            let area = b.width() * b.height();
            if best.is_none_or(|(a, _)| area < a) {
                best = Some((area, f.color));
            }
        }
    }
    best.map(|(_, c)| c).filter(|c| *c != Rgb(255, 255, 255))
}

/// A cell holding the given words, with its box.
pub fn make_cell(page: &PageLayout, words: &[usize], bbox: BBox, tol: &Tolerances) -> Cell {
    let text = words_text(page, words, tol);
    let mut cell = Cell::new(
        text,
        Prov {
            bbox: Some(bbox.as_array()),
            ..Prov::page(page.page)
        },
    );
    cell.bold = !words.is_empty()
        && words
            .iter()
            .filter_map(|&i| page.words.get(i))
            .all(|w| w.bold);
    cell.fill = fill_at(page, bbox.cx(), bbox.cy(), tol);
    cell
}

/// A cell spanning grid rows `r0..r1` and columns `c0..c1`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Span {
    pub r0: usize,
    pub r1: usize,
    pub c0: usize,
    pub c1: usize,
}

fn interval(grid: &[f32], v: f32, tol: f32) -> Option<usize> {
    let n = grid.len();
    if n < 2 || v < grid[0] - tol || v > grid[n - 1] + tol {
        return None;
    }
    Some(
        (1..n)
            .find(|&i| v < grid[i])
            .map(|i| i - 1)
            .unwrap_or(n - 2),
    )
}

/// Build a table from grid lines `xs`/`ys` (all boundaries, ascending), explicit
/// cells `spans`, and candidate words. Returns the table and the words it took.
pub fn build_grid(
    page: &PageLayout,
    words: &[usize],
    xs: &[f32],
    ys: &[f32],
    spans: &[Span],
    origin: TableOrigin,
    tol: &Tolerances,
) -> Option<(Table, Vec<usize>)> {
    if xs.len() < 2 || ys.len() < 2 {
        return None;
    }
    let nr = ys.len() - 1;
    let nc = xs.len() - 1;
    let mut owner: Vec<Option<usize>> = vec![None; nr * nc];
    let mut cells: Vec<(Span, Vec<usize>)> = Vec::new();
    for s in spans {
        if s.r0 >= s.r1 || s.c0 >= s.c1 || s.r1 > nr || s.c1 > nc {
            continue;
        }
        if (s.r0..s.r1).any(|r| (s.c0..s.c1).any(|c| owner[r * nc + c].is_some())) {
            continue;
        }
        for r in s.r0..s.r1 {
            for c in s.c0..s.c1 {
                owner[r * nc + c] = Some(cells.len());
            }
        }
        cells.push((*s, Vec::new()));
    }
    let mut taken = Vec::new();
    for &wi in words {
        let Some(w) = page.words.get(wi) else {
            continue;
        };
        let (cx, cy) = (w.bbox.cx(), w.bbox.cy());
        let (Some(c), Some(r)) = (
            interval(xs, cx, tol.cell_word_slack),
            interval(ys, cy, tol.cell_word_slack),
        ) else {
            continue;
        };
        let k = match owner[r * nc + c] {
            Some(k) => k,
            None => {
                owner[r * nc + c] = Some(cells.len());
                cells.push((
                    Span {
                        r0: r,
                        r1: r + 1,
                        c0: c,
                        c1: c + 1,
                    },
                    Vec::new(),
                ));
                cells.len() - 1
            }
        };
        cells[k].1.push(wi);
        taken.push(wi);
    }
    let mut rows = Vec::with_capacity(nr);
    for r in 0..nr {
        let mut rc = Vec::with_capacity(nc);
        for c in 0..nc {
            let pos_box = BBox::new(xs[c], ys[r], xs[c + 1], ys[r + 1]);
            match owner[r * nc + c] {
                Some(k) => {
                    let (s, ws) = &cells[k];
                    let b = BBox::new(xs[s.c0], ys[s.r0], xs[s.c1], ys[s.r1]);
                    if s.r0 == r && s.c0 == c {
                        let mut cell = make_cell(page, ws, b, tol);
                        cell.colspan = (s.c1 - s.c0) as u16;
                        cell.rowspan = (s.r1 - s.r0) as u16;
                        rc.push(cell);
                    } else {
                        let mut cell = Cell::new(
                            "",
                            Prov {
                                bbox: Some(b.as_array()),
                                ..Prov::page(page.page)
                            },
                        );
                        cell.covered = true;
                        rc.push(cell);
                    }
                }
                None => {
                    let mut cell = Cell::new(
                        "",
                        Prov {
                            bbox: Some(pos_box.as_array()),
                            ..Prov::page(page.page)
                        },
                    );
                    cell.fill = fill_at(page, pos_box.cx(), pos_box.cy(), tol);
                    rc.push(cell);
                }
            }
        }
        rows.push(Row {
            cells: rc,
            prov: row_prov(page.page, xs[0], ys[r], xs[nc], ys[r + 1]),
        });
    }
    let bbox = [xs[0], ys[0], xs[nc], ys[nr]];
    Some((
        Table {
            rows,
            origin,
            prov: Prov {
                bbox: Some(bbox),
                ..Prov::page(page.page)
            },
        },
        taken,
    ))
}

/// Build a table whose columns come from alignment: `bounds` are the internal
/// column boundaries inside `x0..x1`, `ys` all row boundaries. A word crossing
/// a column boundary makes its row's cells there one spanning cell.
pub fn build_aligned(
    page: &PageLayout,
    words: &[usize],
    (x0, x1): (f32, f32),
    bounds: &[f32],
    ys: &[f32],
    origin: TableOrigin,
    tol: &Tolerances,
) -> Option<(Table, Vec<usize>)> {
    if ys.len() < 2 {
        return None;
    }
    let nr = ys.len() - 1;
    let mut xs = vec![x0];
    xs.extend(bounds.iter().copied().filter(|b| *b > x0 && *b < x1));
    xs.push(x1);
    let nb = xs.len() - 2;
    let inner = &xs[1..xs.len() - 1];
    let mut per_row: Vec<Vec<usize>> = vec![Vec::new(); nr];
    for &wi in words {
        let Some(w) = page.words.get(wi) else {
            continue;
        };
        let Some(r) = interval(ys, w.bbox.cy(), tol.cell_word_slack) else {
            continue;
        };
        per_row[r].push(wi);
    }
    let mut spans = Vec::new();
    for (r, ws) in per_row.iter().enumerate() {
        let mut cut = vec![true; nb];
        for &wi in ws {
            let Some(w) = page.words.get(wi) else {
                continue;
            };
            for (j, b) in inner.iter().enumerate() {
                if w.bbox.x0 < b - tol.column_cross && w.bbox.x1 > b + tol.column_cross {
                    cut[j] = false;
                }
            }
        }
        // the last column always ends a span
        let mut c0 = 0;
        for (c, &ends) in cut.iter().chain([true].iter()).enumerate() {
            if ends {
                spans.push(Span {
                    r0: r,
                    r1: r + 1,
                    c0,
                    c1: c + 1,
                });
                c0 = c + 1;
            }
        }
    }
    // words go to the span of their column by centre
    let mut words_sorted: Vec<usize> = Vec::new();
    for ws in &per_row {
        words_sorted.extend(ws.iter().copied());
    }
    build_grid(page, &words_sorted, &xs, ys, &spans, origin, tol)
}
