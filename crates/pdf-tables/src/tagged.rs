//! Tables from a tagged PDF's structure tree: the grid comes from the tags,
//! the text from the words whose marked-content ids the cells reference.

use crate::build::{make_cell, row_prov};
use crate::strategy::{Area, Found, PageScan, Scope, TableStrategy};
use crate::text::words_bbox;
use crate::Tolerances;
use plansift_layout::{BBox, PdfLayout, TaggedTable};
use plansift_model::{Cell, Prov, Row, Table, TableOrigin};
use std::collections::HashMap;

/// Tables from the structure tree. The parts are found for the whole document
/// beforehand ([`parts`]: region finding and furniture need them); this gives
/// each page its own.
pub struct Tagged;

impl TableStrategy for Tagged {
    fn name(&self) -> &'static str {
        "tagged"
    }

    fn scope(&self) -> Scope {
        Scope::Page
    }

    fn find(&mut self, scan: &PageScan<'_>, area: Area<'_>) -> Vec<Found> {
        if !matches!(area, Area::Page) {
            return Vec::new();
        }
        scan.tagged
            .iter()
            .map(|p| Found {
                table: p.table.clone(),
                words: p.words.clone(),
                top: p.bbox.top,
            })
            .collect()
    }
}

/// A tagged cell spans at most this many columns (a guard on broken
/// structure trees, not a tolerance).
const MAX_COLSPAN: usize = 200;

/// The part of a tagged table on one page.
pub struct Part {
    pub table: Table,
    pub words: Vec<usize>,
    pub bbox: BBox,
}

struct Placed {
    r: usize,
    c: usize,
    rowspan: usize,
    colspan: usize,
    header: bool,
    /// words per page index
    words: HashMap<usize, Vec<usize>>,
}

/// Tagged table parts per page index. Tables whose cells find no words are skipped
/// (the geometric finder handles those pages).
pub fn parts(layout: &PdfLayout, tol: &Tolerances) -> Vec<Vec<Part>> {
    let mut out: Vec<Vec<Part>> = layout.pages.iter().map(|_| Vec::new()).collect();
    if layout.tagged_tables.is_empty() {
        return out;
    }
    // (page number, mcid) -> (page index, word indices)
    let mut by_mcid: HashMap<(u32, i64), (usize, Vec<usize>)> = HashMap::new();
    for (pi, p) in layout.pages.iter().enumerate() {
        for (wi, w) in p.words.iter().enumerate() {
            if let Some(m) = w.mcid {
                if !w.text.trim().is_empty() && w.bbox.x0.is_finite() && w.bbox.top.is_finite() {
                    by_mcid
                        .entry((p.page, m))
                        .or_insert_with(|| (pi, Vec::new()))
                        .1
                        .push(wi);
                }
            }
        }
    }
    let mut used: HashMap<(usize, usize), ()> = HashMap::new();
    for t in &layout.tagged_tables {
        for (pi, part) in table_parts(layout, t, &by_mcid, tol) {
            if part.words.iter().any(|&w| used.contains_key(&(pi, w))) {
                continue;
            }
            for &w in &part.words {
                used.insert((pi, w), ());
            }
            if let Some(v) = out.get_mut(pi) {
                v.push(part);
            }
        }
    }
    out
}

fn cell_words(
    cell: &plansift_layout::TaggedCell,
    by_mcid: &HashMap<(u32, i64), (usize, Vec<usize>)>,
) -> HashMap<usize, Vec<usize>> {
    let mut words: HashMap<usize, Vec<usize>> = HashMap::new();
    for &(pg, m) in &cell.content {
        if let Some((pi, ws)) = by_mcid.get(&(pg, m)) {
            words.entry(*pi).or_default().extend(ws.iter().copied());
        }
    }
    words
}

/// Horizontal centre of a cell's words (on the first page they appear on).
fn words_cx(layout: &PdfLayout, words: &HashMap<usize, Vec<usize>>) -> Option<f32> {
    let pi = *words.keys().min()?;
    let page = layout.pages.get(pi)?;
    words_bbox(page, words.get(&pi)?).map(|b| b.cx())
}

/// x range of each column from the single-column cells of complete rows.
fn column_ranges(
    layout: &PdfLayout,
    placed: &[Placed],
    short: &[bool],
    ncols: usize,
) -> Vec<Option<(f32, f32)>> {
    let mut colx: Vec<Option<(f32, f32)>> = vec![None; ncols];
    for p in placed {
        if p.colspan != 1 || short.get(p.r).copied().unwrap_or(true) {
            continue;
        }
        let Some(&pi) = p.words.keys().min() else {
            continue;
        };
        let Some(page) = layout.pages.get(pi) else {
            continue;
        };
        let Some(b) = p.words.get(&pi).and_then(|ws| words_bbox(page, ws)) else {
            continue;
        };
        if let Some(e) = colx.get_mut(p.c) {
            let v = e.get_or_insert((b.x0, b.x1));
            *v = (v.0.min(b.x0), v.1.max(b.x1));
        }
    }
    colx
}

type Geometry<'a> = (&'a [Option<(f32, f32)>], &'a [bool]);

/// Place the cells on a dense grid (spans occupy positions). With `geo`, the
/// cells of short rows go to the column their words sit in.
fn place(
    layout: &PdfLayout,
    t: &TaggedTable,
    by_mcid: &HashMap<(u32, i64), (usize, Vec<usize>)>,
    geo: Option<Geometry>,
) -> (Vec<Placed>, usize, Vec<bool>) {
    let mut occ: Vec<Vec<bool>> = Vec::new();
    let mut placed: Vec<Placed> = Vec::new();
    let nrows = t.rows.len();
    for (r, row) in t.rows.iter().enumerate() {
        let mut c = 0usize;
        let by_x = geo.filter(|(_, short)| short.get(r).copied().unwrap_or(false));
        for cell in &row.cells {
            let words = cell_words(cell, by_mcid);
            if let Some((colx, _)) = by_x {
                if let Some(cx) = words_cx(layout, &words) {
                    // the column (at or after the current one) nearest the words
                    let mut best: Option<(usize, f32)> = None;
                    for (ci, rng) in colx.iter().enumerate().skip(c) {
                        let Some((a, b)) = rng else { continue };
                        let d = if cx >= *a && cx <= *b {
                            0.0
                        } else {
                            (cx - (a + b) / 2.0).abs()
                        };
                        if best.is_none_or(|(_, bd)| d < bd) {
                            best = Some((ci, d));
                        }
                    }
                    if let Some((ci, _)) = best {
                        c = ci;
                    }
                }
            }
            while occ.get(r).and_then(|o| o.get(c)).copied().unwrap_or(false) {
                c += 1;
            }
            let rowspan = (cell.rowspan.max(1) as usize).min(nrows - r);
            let colspan = (cell.colspan.max(1) as usize).min(MAX_COLSPAN);
            for rr in r..r + rowspan {
                while occ.len() <= rr {
                    occ.push(Vec::new());
                }
                let o = &mut occ[rr];
                while o.len() < c + colspan {
                    o.push(false);
                }
                o[c..c + colspan].fill(true);
            }
            placed.push(Placed {
                r,
                c,
                rowspan,
                colspan,
                header: cell.header,
                words,
            });
            c += colspan;
        }
    }
    let ncols = occ.iter().map(|o| o.len()).max().unwrap_or(0);
    let short = (0..nrows)
        .map(|r| {
            occ.get(r)
                .is_none_or(|o| o.len() < ncols || o.iter().any(|x| !x))
        })
        .collect();
    (placed, ncols, short)
}

fn table_parts(
    layout: &PdfLayout,
    t: &TaggedTable,
    by_mcid: &HashMap<(u32, i64), (usize, Vec<usize>)>,
    tol: &Tolerances,
) -> Vec<(usize, Part)> {
    let nrows = t.rows.len();
    let (placed, ncols, short) = place(layout, t, by_mcid, None);
    if ncols == 0 || placed.iter().all(|p| p.words.is_empty()) {
        return Vec::new();
    }
    // Producers may leave empty cells out of the structure tree: rows that come
    // out short are placed again by the x position of their words.
    let (placed, ncols) = if short.iter().any(|&s| s) {
        let colx = column_ranges(layout, &placed, &short, ncols);
        let (p2, n2, _) = place(layout, t, by_mcid, Some((&colx, &short)));
        (p2, n2.max(ncols))
    } else {
        (placed, ncols)
    };
    // pages of each row (by its cells' words); empty rows follow the row above
    let mut row_pages: Vec<Vec<usize>> = vec![Vec::new(); nrows];
    for p in &placed {
        for &pi in p.words.keys() {
            if !row_pages[p.r].contains(&pi) {
                row_pages[p.r].push(pi);
            }
        }
    }
    let mut last: Option<usize> = None;
    for rp in row_pages.iter_mut() {
        rp.sort_unstable();
        if rp.is_empty() {
            if let Some(l) = last {
                rp.push(l);
            }
        }
        if let Some(&l) = rp.last() {
            last = Some(l);
        }
    }
    let mut pages: Vec<usize> = row_pages.iter().flatten().copied().collect();
    pages.sort_unstable();
    pages.dedup();
    let mut out = Vec::new();
    for pi in pages {
        let Some(page) = layout.pages.get(pi) else {
            continue;
        };
        let rows: Vec<usize> = (0..nrows).filter(|&r| row_pages[r].contains(&pi)).collect();
        if rows.is_empty() {
            continue;
        }
        let local: HashMap<usize, usize> = rows.iter().enumerate().map(|(i, &r)| (r, i)).collect();
        // geometry of columns and rows from the words on this page
        let mut colx: Vec<Option<(f32, f32)>> = vec![None; ncols];
        let mut rowy: Vec<Option<(f32, f32)>> = vec![None; rows.len()];
        let mut all_words = Vec::new();
        for p in &placed {
            let Some(ws) = p.words.get(&pi) else { continue };
            let Some(&lr) = local.get(&p.r) else { continue };
            let Some(b) = words_bbox(page, ws) else {
                continue;
            };
            all_words.extend(ws.iter().copied());
            if p.colspan == 1 {
                let e = colx[p.c].get_or_insert((b.x0, b.x1));
                *e = (e.0.min(b.x0), e.1.max(b.x1));
            }
            if p.rowspan == 1 {
                let e = rowy[lr].get_or_insert((b.top, b.bottom));
                *e = (e.0.min(b.top), e.1.max(b.bottom));
            }
        }
        let Some(tb) = words_bbox(page, &all_words) else {
            continue;
        };
        let col_range = |c0: usize, c1: usize| -> (f32, f32) {
            let a = colx
                .get(c0)
                .copied()
                .flatten()
                .map(|v| v.0)
                .unwrap_or(tb.x0);
            let b = colx
                .get(c1.saturating_sub(1))
                .copied()
                .flatten()
                .map(|v| v.1)
                .unwrap_or(tb.x1);
            (a.min(b), a.max(b))
        };
        let row_range = |r0: usize, r1: usize| -> (f32, f32) {
            let a = rowy
                .get(r0)
                .copied()
                .flatten()
                .map(|v| v.0)
                .unwrap_or(tb.top);
            let b = rowy
                .get(r1.saturating_sub(1))
                .copied()
                .flatten()
                .map(|v| v.1)
                .unwrap_or(tb.bottom);
            (a.min(b), a.max(b))
        };
        let mut grid: Vec<Vec<Option<Cell>>> = vec![vec![None; ncols]; rows.len()];
        for p in &placed {
            let Some(&lr) = local.get(&p.r) else { continue };
            let ws = p.words.get(&pi).cloned().unwrap_or_default();
            // rows this cell spans within this page's part
            let span_rows = (p.r..p.r + p.rowspan)
                .filter(|r| local.contains_key(r))
                .count()
                .max(1);
            let (x0, x1) = col_range(p.c, p.c + p.colspan);
            let (y0, y1) = row_range(lr, lr + span_rows);
            let cb = match words_bbox(page, &ws) {
                Some(b) if p.colspan == 1 && p.rowspan == 1 => b.union(&BBox::new(x0, y0, x1, y1)),
                _ => BBox::new(x0, y0, x1, y1),
            };
            let mut cell = make_cell(page, &ws, cb, tol);
            cell.header = p.header;
            cell.colspan = p.colspan as u16;
            cell.rowspan = span_rows as u16;
            let row_end = (lr + span_rows).min(rows.len());
            let col_end = (p.c + p.colspan).min(ncols);
            for (rr, grid_row) in grid.iter_mut().enumerate().take(row_end).skip(lr) {
                for (cc, slot) in grid_row.iter_mut().enumerate().take(col_end).skip(p.c) {
                    if rr == lr && cc == p.c {
                        continue;
                    }
                    if slot.is_none() {
                        let mut cov = Cell::new(
                            "",
                            Prov {
                                bbox: Some(cb.as_array()),
                                ..Prov::page(page.page)
                            },
                        );
                        cov.covered = true;
                        *slot = Some(cov);
                    }
                }
            }
            if let Some(slot) = grid.get_mut(lr).and_then(|g| g.get_mut(p.c)) {
                *slot = Some(cell);
            }
        }
        let mut trows = Vec::new();
        for (lr, cells) in grid.into_iter().enumerate() {
            let (y0, y1) = row_range(lr, lr + 1);
            let cells: Vec<Cell> = cells
                .into_iter()
                .enumerate()
                .map(|(c, cell)| {
                    cell.unwrap_or_else(|| {
                        let (x0, x1) = col_range(c, c + 1);
                        Cell::new(
                            "",
                            Prov {
                                bbox: Some([x0, y0, x1, y1]),
                                ..Prov::page(page.page)
                            },
                        )
                    })
                })
                .collect();
            trows.push(Row {
                cells,
                prov: row_prov(page.page, tb.x0, y0, tb.x1, y1),
            });
        }
        all_words.sort_unstable();
        all_words.dedup();
        let table = Table {
            rows: trows,
            origin: TableOrigin::Tagged,
            prov: Prov {
                bbox: Some(tb.as_array()),
                ..Prov::page(page.page)
            },
        };
        out.push((
            pi,
            Part {
                table,
                words: all_words,
                bbox: tb,
            },
        ));
    }
    out
}
