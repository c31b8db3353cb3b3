//! Ruled-grid tables: the cells of a region enclosed by ruling lines or by the
//! sides of shaded fills. Where fills do not mark every column (a RAG-coloured
//! cell, banded rows), the columns the words line up in are added.

use crate::align::{column_gap, infer_columns};
use crate::build::{build_aligned, build_grid, Span};
use crate::regions::{Region, RegionKind};
use crate::strategy::{Area, Found, PageScan, Scope, TableStrategy};
use crate::text::{levels, median_size};
use plansift_model::{Table, TableOrigin};

/// Tables of grid regions (cells from ruling lines or fills).
pub struct Ruled;

impl TableStrategy for Ruled {
    fn name(&self) -> &'static str {
        "ruled"
    }

    fn scope(&self) -> Scope {
        Scope::Region
    }

    fn find(&mut self, scan: &PageScan<'_>, area: Area<'_>) -> Vec<Found> {
        let Area::Region { region: r, words } = area else {
            return Vec::new();
        };
        let RegionKind::Grid { xs, ys, spans } = &r.kind else {
            return Vec::new();
        };
        grid_table(scan, r, words, xs, ys, spans)
            .map(|(table, words)| Found {
                top: table.prov.bbox.map(|b| b[1]).unwrap_or(r.bbox.top),
                table,
                words,
            })
            .into_iter()
            .collect()
    }
}

/// The table of a grid region from the candidate words inside it (`xs`, `ys`:
/// all column and row boundaries; `spans`: the cells the edges enclose).
fn grid_table(
    scan: &PageScan<'_>,
    r: &Region,
    cand: &[usize],
    xs: &[f32],
    ys: &[f32],
    spans: &[Span],
) -> Option<(Table, Vec<usize>)> {
    let (page, body, tol) = (scan.page, scan.body, scan.tol);
    if r.origin == TableOrigin::Shaded {
        // fills need not mark every column (a RAG cell, banded rows):
        // add the columns the words line up in
        let size = median_size(page, cand, tol).max(tol.min_size_of_body * body);
        let min_gap = column_gap(size, tol);
        let lv = levels(page, cand, tol);
        let inner: Vec<f32> = xs
            .iter()
            .skip(1)
            .take(xs.len().saturating_sub(2))
            .copied()
            .collect();
        let mut bounds = inner.clone();
        for b in infer_columns(page, &lv, r.bbox.x0, r.bbox.x1, size, tol) {
            // the same white space as a fill edge when no word lies between them
            let same_gap = |x: f32| {
                (x - b).abs() < tol.column_same_gap * min_gap
                    || !cand.iter().filter_map(|&i| page.words.get(i)).any(|w| {
                        let (lo, hi) = (x.min(b), x.max(b));
                        w.bbox.x1 > lo && w.bbox.x0 < hi
                    })
            };
            if !xs.iter().any(|&x| same_gap(x)) {
                bounds.push(b);
            }
        }
        if bounds.len() > inner.len() {
            bounds.sort_by(|a, b| a.total_cmp(b));
            let x = (r.bbox.x0, r.bbox.x1);
            let (t, taken) = build_aligned(page, cand, x, &bounds, ys, r.origin, tol)?;
            let filled: usize = t.rows.iter().map(|row| row.filled()).sum();
            return (filled >= 1).then_some((t, taken));
        }
    }
    let (t, taken) = build_grid(page, cand, xs, ys, spans, r.origin, tol)?;
    let filled: usize = t.rows.iter().map(|row| row.filled()).sum();
    (filled >= 1).then_some((t, taken))
}
