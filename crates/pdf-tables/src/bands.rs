//! Shaded-band tables: regions made of row bands between long horizontal
//! rules or banded fills with matching ends. Rows come from the bands (split
//! further by line spacing when there are few), columns from word alignment.
//! Lines just outside an open side (a table cut by a page break, a header row
//! above the first rule) join the table when they fit its columns, and a part
//! at the top of a page keeps the columns of the part before it.

use crate::align::{chunk_gap, chunks, infer_columns, merge_template, split_rows};
use crate::build::build_aligned;
use crate::regions::{Region, RegionKind};
use crate::strategy::{Area, Found, PageScan, Scope, TableStrategy};
use crate::text::{levels, median, median_size, words_bbox, Level};
use crate::Tolerances;
use plansift_layout::PageLayout;
use plansift_model::Table;

/// Tables of band regions; remembers the columns of the tables it found for
/// their continuations on later pages.
#[derive(Default)]
pub struct Bands {
    templates: Vec<Template>,
}

impl TableStrategy for Bands {
    fn name(&self) -> &'static str {
        "bands"
    }

    fn scope(&self) -> Scope {
        Scope::Region
    }

    fn find(&mut self, scan: &PageScan<'_>, area: Area<'_>) -> Vec<Found> {
        let Area::Region { region: r, words } = area else {
            return Vec::new();
        };
        let RegionKind::Bands { ys } = &r.kind else {
            return Vec::new();
        };
        let outside = scan.free_words_outside_regions();
        let ctx = RegionCtx {
            body: scan.body,
            hint: scan.hint,
            first_on_page: !scan.found_table(),
            outside: &outside,
            tol: scan.tol,
        };
        band_table(scan.page, r, words, ys, &ctx, &mut self.templates)
            .map(|(table, words)| Found {
                top: table.prov.bbox.map(|b| b[1]).unwrap_or(r.bbox.top),
                table,
                words,
            })
            .into_iter()
            .collect()
    }
}

/// Column boundaries of an aligned table, remembered for its parts on later pages.
struct Template {
    x0: f32,
    x1: f32,
    bounds: Vec<f32>,
}

/// What a region's table needs to know of the rest of its page.
struct RegionCtx<'a> {
    body: f32,
    hint: f32,
    /// No table precedes this region on its page.
    first_on_page: bool,
    /// Unclaimed words outside every region of the page.
    outside: &'a [usize],
    tol: &'a Tolerances,
}

/// Lines just above or below a rule-delimited region that belong to it: a table
/// cut by a page break, or a header row above the first rule, has no rule on its
/// open side. A line joins when it is close, lies within the region's width,
/// crosses none of its columns and is not a heading.
fn open_side_lines(
    page: &PageLayout,
    r: &Region,
    ctx: &RegionCtx,
    bounds: &[f32],
    size: f32,
) -> Vec<usize> {
    let tol = ctx.tol;
    let slack = tol.band_open_slack;
    let (x0, x1) = (r.bbox.x0, r.bbox.x1);
    let pool: Vec<usize> = ctx
        .outside
        .iter()
        .copied()
        .filter(|&i| {
            let cx = page.words[i].bbox.cx();
            cx >= x0 - slack && cx <= x1 + slack
        })
        .collect();
    if pool.is_empty() {
        return Vec::new();
    }
    let lv = levels(page, &pool, tol);
    let fits = |l: &Level| -> bool {
        let ws: Vec<&plansift_layout::Word> =
            l.words.iter().filter_map(|&i| page.words.get(i)).collect();
        if ws
            .iter()
            .any(|w| w.bbox.x0 < x0 - slack || w.bbox.x1 > x1 + slack)
        {
            return false;
        }
        if ws.iter().any(|w| {
            bounds
                .iter()
                .any(|&b| w.bbox.x0 < b - tol.column_cross && w.bbox.x1 > b + tol.column_cross)
        }) {
            return false;
        }
        // the same line continuing outside the region is page text
        let (t, b) = (l.bbox.top, l.bbox.bottom);
        if ctx
            .outside
            .iter()
            .filter_map(|&i| page.words.get(i))
            .any(|w| {
                let cy = w.bbox.cy();
                cy > t && cy < b && (w.bbox.cx() < x0 - slack || w.bbox.cx() > x1 + slack)
            })
        {
            return false;
        }
        let one_chunk = chunks(page, l, chunk_gap(size, tol)).len() <= 1;
        let heading = ws.iter().all(|w| w.bold)
            || median(ws.iter().map(|w| w.size).collect()) > tol.band_heading_size * ctx.body;
        !(one_chunk && heading)
    };
    // Lines are taken while they fit; when the line beyond the last one taken is
    // adjacent text that does not fit, the lines taken were the tail of a paragraph.
    let take = |it: &mut dyn Iterator<Item = &Level>, start: f32, up: bool| -> Vec<usize> {
        let mut out = Vec::new();
        let mut multi = false;
        let mut edge = start;
        for l in it {
            let gap = if up {
                edge - l.bbox.bottom
            } else {
                l.bbox.top - edge
            };
            if gap > tol.band_open_gap_em * size {
                break;
            }
            if !fits(l) {
                if !out.is_empty() && gap <= tol.band_open_adjacent_em * size {
                    out.clear();
                }
                break;
            }
            multi |= chunks(page, l, chunk_gap(size, tol)).len() >= 2;
            out.extend(l.words.iter().copied());
            edge = if up { l.bbox.top } else { l.bbox.bottom };
        }
        // a lone line of one cell is more likely a heading or a note than a row
        if !multi {
            out.clear();
        }
        out
    };
    let mut out = take(
        &mut lv
            .iter()
            .rev()
            .filter(|l| l.bbox.bottom <= r.bbox.top + slack),
        r.bbox.top,
        true,
    );
    out.extend(take(
        &mut lv.iter().filter(|l| l.bbox.top >= r.bbox.bottom - slack),
        r.bbox.bottom,
        false,
    ));
    out
}

/// The table of a band region from the candidate words inside it (`ys`: the
/// band boundaries, top to bottom).
fn band_table(
    page: &PageLayout,
    r: &Region,
    cand: &[usize],
    ys: &[f32],
    ctx: &RegionCtx,
    templates: &mut Vec<Template>,
) -> Option<(Table, Vec<usize>)> {
    let (body, hint, first_on_page, tol) = (ctx.body, ctx.hint, ctx.first_on_page, ctx.tol);
    let size = median_size(page, cand, tol).max(tol.min_size_of_body * body);
    let lv = levels(page, cand, tol);
    let own = infer_columns(page, &lv, r.bbox.x0, r.bbox.x1, size, tol);
    // a part at the top of a page continues the table before it: columns
    // empty on this page stay columns
    let tpl = templates.last().filter(|t| {
        first_on_page
            && (t.x0 - r.bbox.x0).abs() <= tol.template_match
            && (t.x1 - r.bbox.x1).abs() <= tol.template_match
    });
    let from_template = tpl.is_some_and(|t| t.bounds.len() > own.len());
    let bounds = match tpl {
        Some(t) => merge_template(page, &lv, &own, &t.bounds, size, tol),
        None => own,
    };
    if !bounds.is_empty() {
        let keep = tpl.is_some_and(|t| t.bounds.len() > bounds.len());
        if !keep {
            templates.push(Template {
                x0: r.bbox.x0,
                x1: r.bbox.x1,
                bounds: bounds.clone(),
            });
        }
    }
    tracing::debug!("page {} bands bounds {:?} size {}", page.page, bounds, size);
    if bounds.is_empty() {
        return None;
    }
    let mut rows_y: Vec<f32> = ys.to_vec();
    let extra = open_side_lines(page, r, ctx, &bounds, size);
    let mut cand = cand.to_vec();
    if let Some(eb) = words_bbox(page, &extra) {
        if let Some(f) = rows_y.first_mut() {
            *f = f.min(eb.top - tol.table_pad);
        }
        if let Some(l) = rows_y.last_mut() {
            *l = l.max(eb.bottom + tol.table_pad);
        }
        cand.extend(extra);
    }
    let cand = cand.as_slice();
    let ys = &rows_y.clone();
    if ys.len() <= tol.band_split_max_edges {
        for w in ys.windows(2) {
            let inside: Vec<usize> = cand
                .iter()
                .copied()
                .filter(|&i| {
                    let cy = page.words[i].bbox.cy();
                    cy >= w[0] && cy < w[1]
                })
                .collect();
            rows_y.extend(split_rows(page, &inside, &bounds, size, false, hint, tol));
        }
        rows_y.sort_by(|a, b| a.total_cmp(b));
    }
    let x = (r.bbox.x0, r.bbox.x1);
    let (t, taken) = build_aligned(page, cand, x, &bounds, &rows_y, r.origin, tol)?;
    let multi = t.rows.iter().filter(|row| row.filled() >= 2).count();
    (multi >= 1 || from_template).then_some((t, taken))
}
