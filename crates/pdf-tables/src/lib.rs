//! The PDF table finder: turns a positioned [`PdfLayout`] into the plansift
//! document model.
//!
//! Tables are found, in order of preference, from
//! - the structure tree of a tagged PDF ([`PdfLayout::tagged_tables`]);
//! - ruling lines and the sides of shaded rectangles: edges are snapped and
//!   joined, their intersections give cells (with row/column spans);
//! - horizontal rules (or banded fills) only: rows from the rules, columns from
//!   word alignment (x ranges no word crosses in most lines);
//! - white space only (stream style): columns from alignment, rows from line
//!   spacing.
//!
//! Details that matter on real documents:
//! - a table cut by a page break is one [`Table`] per page; an open side (no
//!   rule above a page's first row, a header row above the first rule) takes the
//!   adjacent lines that fit the columns; grids cut open get a closing edge;
//! - two grids that touch but have different columns are split apart;
//! - columns that are empty on a continuation page are kept from the part before;
//! - tagged rows that lost their empty cells are placed by the words' x position;
//! - cells: words in reading order, lines joined with a space, hyphenated line
//!   ends and superscript ordinals (`27` `th`) joined; `bold` when every word is
//!   bold; `fill` from the smallest fill under the cell's centre (white = none);
//! - rows in white space: a new row where a column starts text after more than
//!   the line spacing and no column's text runs on across; with even spacing,
//!   where the anchor column starts a line that did not wrap.
//!
//! Text outside tables becomes headings (larger or bold short blocks) and
//! paragraphs. A new block starts where the font size or weight changes, where
//! the baseline step is more than 1.2 x the block's own (or, after a single
//! line, the page's usual line spacing), where a line ending short of the
//! block's widest line (< 70%) is followed by one starting with a capital or a
//! digit, where a line starts more than an em left or right of the previous one
//! (not the continuation of a first-line indent, of a hanging list item or of
//! centred lines), and at list items. Lines repeated at the same place on many
//! pages and page numbers become [`Block::Furniture`]; a line that is only a
//! page number is furniture wherever it is. Blocks are in reading order with a [`Block::PageBreak`]
//! before every page after the first.
//!
//! Debugging: `PLANSIFT_PDF_DEBUG=1` prints the regions and column boundaries
//! found to standard error; `examples/dump_pdf.rs` prints a document as text.

mod align;
mod build;
mod geom;
mod render;
mod tagged;
mod text;

pub use render::render_text;

use align::{chunks, infer_columns, line_pitch, merge_template, split_rows};
use build::{build_aligned, build_grid, Span};
use geom::{cluster_values, find_cells, group_cells, nearest, page_edges, snap_and_join, Edge};
use plansift_layout::{BBox, PageLayout, PdfLayout};
use plansift_model::{Block, Document, Prov, Table, TableOrigin, TextBlock};
use std::collections::HashMap;
use text::{levels, line_text, median, median_size, usable_words, words_bbox, Level};

/// Convert a PDF layout into a document: tables, headings, paragraphs, furniture
/// and page breaks in reading order.
pub fn to_document(layout: &PdfLayout) -> Document {
    let mut doc = Document {
        pages: layout.pages.len().max(1) as u32,
        blocks: Vec::new(),
        meta_title: layout.title.clone(),
        diagnostics: layout.diagnostics.clone(),
    };
    let body = body_size(layout);
    let tagged = tagged::parts(layout);
    let regions: Vec<Vec<Region>> = layout
        .pages
        .iter()
        .enumerate()
        .map(|(pi, p)| {
            let ex: Vec<BBox> = tagged
                .get(pi)
                .map(|v| v.iter().map(|t| t.bbox).collect())
                .unwrap_or_default();
            find_regions(p, &ex)
        })
        .collect();
    let furniture = find_furniture(layout, &regions, &tagged);
    let mut templates: Vec<Template> = Vec::new();
    for (pi, page) in layout.pages.iter().enumerate() {
        let pno = if page.page > 0 {
            page.page
        } else {
            pi as u32 + 1
        };
        if pi > 0 {
            doc.blocks.push(Block::PageBreak { page: pno });
        }
        let mut items: Vec<(f32, Block)> = Vec::new();
        let hint = align::line_gap_hint(page, &usable_words(page), body);
        let mut claimed = vec![false; page.words.len()];
        if let Some(parts) = tagged.get(pi) {
            for p in parts {
                for &w in &p.words {
                    if let Some(c) = claimed.get_mut(w) {
                        *c = true;
                    }
                }
                items.push((p.bbox.top, Block::Table(p.table.clone())));
            }
        }
        if let Some(furn) = furniture.get(pi) {
            for l in furn {
                for &w in &l.words {
                    if let Some(c) = claimed.get_mut(w) {
                        *c = true;
                    }
                }
                let text = plansift_model::collapse_ws(&line_text(page, &l.words));
                let bold = l
                    .words
                    .iter()
                    .filter_map(|&i| page.words.get(i))
                    .all(|w| w.bold);
                items.push((
                    l.bbox.top,
                    Block::Furniture(TextBlock {
                        text,
                        bold,
                        level: 0,
                        prov: prov(pno, &l.bbox),
                    }),
                ));
            }
        }
        let page_regions = regions.get(pi).map(|v| v.as_slice()).unwrap_or(&[]);
        for r in page_regions {
            let cand: Vec<usize> = usable_words(page)
                .into_iter()
                .filter(|&i| {
                    !claimed[i]
                        && r.bbox.contains_point(
                            page.words[i].bbox.cx(),
                            page.words[i].bbox.cy(),
                            1.0,
                        )
                })
                .collect();
            if cand.is_empty() {
                continue;
            }
            let first_on_page = !items.iter().any(|(_, b)| matches!(b, Block::Table(_)));
            let outside: Vec<usize> = usable_words(page)
                .into_iter()
                .filter(|&i| {
                    let b = page.words[i].bbox;
                    !claimed[i]
                        && !page_regions
                            .iter()
                            .any(|o| o.bbox.contains_point(b.cx(), b.cy(), 1.0))
                })
                .collect();
            let ctx = RegionCtx {
                body,
                hint,
                first_on_page,
                outside: &outside,
            };
            if let Some((t, taken)) = region_table(page, r, &cand, &ctx, &mut templates) {
                for w in taken {
                    claimed[w] = true;
                }
                let top = t.prov.bbox.map(|b| b[1]).unwrap_or(r.bbox.top);
                items.push((top, Block::Table(t)));
            }
        }
        let free: Vec<usize> = usable_words(page)
            .into_iter()
            .filter(|&i| !claimed[i])
            .collect();
        for (t, taken) in stream_tables(page, &free, body, hint) {
            for w in taken {
                claimed[w] = true;
            }
            let top = t.prov.bbox.map(|b| b[1]).unwrap_or(0.0);
            items.push((top, Block::Table(t)));
        }
        let free: Vec<usize> = usable_words(page)
            .into_iter()
            .filter(|&i| !claimed[i])
            .collect();
        items.extend(text_blocks(page, pno, &free, body));
        items.sort_by(|a, b| a.0.total_cmp(&b.0));
        doc.blocks.extend(items.into_iter().map(|(_, b)| b));
    }
    doc
}

fn prov(page: u32, b: &BBox) -> Prov {
    Prov {
        bbox: Some(b.as_array()),
        ..Prov::page(page)
    }
}

fn body_size(layout: &PdfLayout) -> f32 {
    let sizes: Vec<f32> = layout
        .pages
        .iter()
        .flat_map(|p| p.words.iter().map(|w| w.size))
        .filter(|s| *s > 0.5 && s.is_finite())
        .collect();
    let m = median(sizes);
    if m > 0.5 {
        m
    } else {
        10.0
    }
}

/// A table area found from ruling lines or fills.
#[derive(Debug, Clone)]
enum RegionKind {
    /// Cells enclosed by edges on the grid `xs` x `ys`.
    Grid {
        xs: Vec<f32>,
        ys: Vec<f32>,
        spans: Vec<Span>,
    },
    /// Row bands between horizontal edges; columns to be found from alignment.
    Bands { ys: Vec<f32> },
}

#[derive(Debug, Clone)]
struct Region {
    bbox: BBox,
    kind: RegionKind,
    origin: TableOrigin,
}

fn overlap_frac(a: &BBox, b: &BBox) -> f32 {
    let w = a.x1.min(b.x1) - a.x0.max(b.x0);
    let h = a.bottom.min(b.bottom) - a.top.max(b.top);
    if w <= 0.0 || h <= 0.0 {
        return 0.0;
    }
    let area = (a.width() * a.height()).max(1e-3);
    w * h / area
}

fn region_origin(edges: &[Edge], b: &BBox) -> TableOrigin {
    let ruled = edges.iter().any(|e| {
        !e.from_fill && {
            let (x, y) = if e.horiz {
                ((e.a + e.b) / 2.0, e.pos)
            } else {
                (e.pos, (e.a + e.b) / 2.0)
            };
            b.contains_point(x, y, 2.0)
        }
    });
    if ruled {
        TableOrigin::Ruled
    } else {
        TableOrigin::Shaded
    }
}

/// Split a group of cells where two tables with different columns touch: at a
/// horizontal line no cell crosses, where neither side's column edges are a
/// subset of the other's.
fn split_stacked(g: Vec<geom::RawCell>) -> Vec<Vec<geom::RawCell>> {
    let ys = cluster_values(g.iter().flat_map(|c| [c.top, c.bottom]).collect(), 1.5);
    let subset = |a: &[f32], b: &[f32]| a.iter().all(|x| b.iter().any(|y| (x - y).abs() <= 2.0));
    let mut cuts = Vec::new();
    for &y in ys.iter().skip(1).take(ys.len().saturating_sub(2)) {
        if g.iter().any(|c| c.top < y - 1.5 && c.bottom > y + 1.5) {
            continue;
        }
        let above: Vec<f32> = g
            .iter()
            .filter(|c| (c.bottom - y).abs() <= 1.5)
            .flat_map(|c| [c.x0, c.x1])
            .collect();
        let below: Vec<f32> = g
            .iter()
            .filter(|c| (c.top - y).abs() <= 1.5)
            .flat_map(|c| [c.x0, c.x1])
            .collect();
        if !above.is_empty()
            && !below.is_empty()
            && !subset(&above, &below)
            && !subset(&below, &above)
        {
            cuts.push(y);
        }
    }
    if cuts.is_empty() {
        return vec![g];
    }
    let mut parts: Vec<Vec<geom::RawCell>> = vec![Vec::new(); cuts.len() + 1];
    for c in g {
        let cy = (c.top + c.bottom) / 2.0;
        let i = cuts.iter().filter(|&&y| cy > y).count();
        parts[i].push(c);
    }
    parts.into_iter().filter(|p| !p.is_empty()).collect()
}

/// Table regions of a page from its edges.
fn find_regions(page: &PageLayout, exclude: &[BBox]) -> Vec<Region> {
    let edges = geom::close_open_grids(&snap_and_join(&page_edges(page)));
    let mut out: Vec<Region> = Vec::new();
    let groups: Vec<Vec<geom::RawCell>> = group_cells(&find_cells(&edges))
        .into_iter()
        .flat_map(split_stacked)
        .collect();
    for g in groups {
        let xs = cluster_values(g.iter().flat_map(|c| [c.x0, c.x1]).collect(), 1.5);
        let ys = cluster_values(g.iter().flat_map(|c| [c.top, c.bottom]).collect(), 1.5);
        if xs.len() < 2 || ys.len() < 2 {
            continue;
        }
        let bbox = BBox::new(xs[0], ys[0], xs[xs.len() - 1], ys[ys.len() - 1]);
        if exclude
            .iter()
            .any(|e| overlap_frac(&bbox, e) > 0.3 || overlap_frac(e, &bbox) > 0.3)
        {
            continue;
        }
        let origin = region_origin(&edges, &bbox);
        if xs.len() >= 3 {
            let spans = g
                .iter()
                .map(|c| Span {
                    r0: nearest(&ys, c.top),
                    r1: nearest(&ys, c.bottom),
                    c0: nearest(&xs, c.x0),
                    c1: nearest(&xs, c.x1),
                })
                .collect();
            out.push(Region {
                bbox,
                kind: RegionKind::Grid { xs, ys, spans },
                origin,
            });
        }
        // one-column groups (boxes, banded rows) are handled as stacks of horizontal edges below
    }
    // stacks of long horizontal edges with matching ends (rules, fill bands)
    let min_len = (0.2 * page.width).max(40.0);
    let mut hs: Vec<&Edge> = edges
        .iter()
        .filter(|e| e.horiz && e.b - e.a >= min_len)
        .filter(|e| {
            !out.iter()
                .any(|r| r.bbox.contains_point((e.a + e.b) / 2.0, e.pos, 2.0))
        })
        .collect();
    hs.sort_by(|a, b| a.pos.total_cmp(&b.pos));
    let mut groups: Vec<Vec<&Edge>> = Vec::new();
    for e in hs {
        match groups.iter_mut().find(|g| {
            g.first()
                .is_some_and(|f| (f.a - e.a).abs() <= 6.0 && (f.b - e.b).abs() <= 6.0)
        }) {
            Some(g) => g.push(e),
            None => groups.push(vec![e]),
        }
    }
    for g in groups {
        let (Some(first), Some(last)) = (g.first(), g.last()) else {
            continue;
        };
        let (ga, gb) = (first.a, first.b);
        let sides: Vec<&Edge> = edges
            .iter()
            .filter(|v| {
                !v.horiz
                    && ((v.pos - ga).abs() <= 4.0 || (v.pos - gb).abs() <= 4.0)
                    && v.b >= first.pos - 4.0
                    && v.a <= last.pos + 4.0
            })
            .collect();
        let mut ys: Vec<f32> = g.iter().map(|e| e.pos).collect();
        for v in &sides {
            ys.push(v.a);
            ys.push(v.b);
        }
        let ys = cluster_values(ys, 2.0);
        // with side borders, a band they do not reach separates two tables
        let mut parts: Vec<Vec<f32>> = vec![Vec::new()];
        for (i, &y) in ys.iter().enumerate() {
            if let Some(cur) = parts.last_mut() {
                cur.push(y);
            }
            if let Some(&ny) = ys.get(i + 1) {
                let mid = (y + ny) / 2.0;
                if !sides.is_empty() && !sides.iter().any(|v| v.a <= mid && v.b >= mid) {
                    parts.push(Vec::new());
                }
            }
        }
        for ys in parts {
            if ys.len() < 2 {
                continue;
            }
            let bbox = BBox::new(ga, ys[0], gb, ys[ys.len() - 1]);
            if exclude
                .iter()
                .any(|e| overlap_frac(&bbox, e) > 0.3 || overlap_frac(e, &bbox) > 0.3)
            {
                continue;
            }
            if out.iter().any(|r| overlap_frac(&bbox, &r.bbox) > 0.3) {
                continue;
            }
            let origin = region_origin(&edges, &bbox);
            out.push(Region {
                bbox,
                kind: RegionKind::Bands { ys },
                origin,
            });
        }
    }
    out.sort_by(|a, b| a.bbox.top.total_cmp(&b.bbox.top));
    if std::env::var_os("PLANSIFT_PDF_DEBUG").is_some() {
        for r in &out {
            eprintln!("page {} region {:?} {:?}", page.page, r.bbox, r.kind);
        }
    }
    out
}

/// Build the table of a region from the candidate words inside it.
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
    let (x0, x1) = (r.bbox.x0, r.bbox.x1);
    let pool: Vec<usize> = ctx
        .outside
        .iter()
        .copied()
        .filter(|&i| {
            let cx = page.words[i].bbox.cx();
            cx >= x0 - 1.0 && cx <= x1 + 1.0
        })
        .collect();
    if pool.is_empty() {
        return Vec::new();
    }
    let lv = levels(page, &pool);
    let fits = |l: &Level| -> bool {
        let ws: Vec<&plansift_layout::Word> =
            l.words.iter().filter_map(|&i| page.words.get(i)).collect();
        if ws
            .iter()
            .any(|w| w.bbox.x0 < x0 - 1.0 || w.bbox.x1 > x1 + 1.0)
        {
            return false;
        }
        if ws.iter().any(|w| {
            bounds
                .iter()
                .any(|&b| w.bbox.x0 < b - 1.0 && w.bbox.x1 > b + 1.0)
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
                cy > t && cy < b && (w.bbox.cx() < x0 - 1.0 || w.bbox.cx() > x1 + 1.0)
            })
        {
            return false;
        }
        let one_chunk = chunks(page, l, size.max(6.0)).len() <= 1;
        let heading = ws.iter().all(|w| w.bold)
            || median(ws.iter().map(|w| w.size).collect()) > 1.1 * ctx.body;
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
            if gap > 2.0 * size {
                break;
            }
            if !fits(l) {
                if !out.is_empty() && gap <= 0.5 * size {
                    out.clear();
                }
                break;
            }
            multi |= chunks(page, l, size.max(6.0)).len() >= 2;
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
            .filter(|l| l.bbox.bottom <= r.bbox.top + 1.0),
        r.bbox.top,
        true,
    );
    out.extend(take(
        &mut lv.iter().filter(|l| l.bbox.top >= r.bbox.bottom - 1.0),
        r.bbox.bottom,
        false,
    ));
    out
}

fn region_table(
    page: &PageLayout,
    r: &Region,
    cand: &[usize],
    ctx: &RegionCtx,
    templates: &mut Vec<Template>,
) -> Option<(Table, Vec<usize>)> {
    let (body, hint, first_on_page) = (ctx.body, ctx.hint, ctx.first_on_page);
    match &r.kind {
        RegionKind::Grid { xs, ys, spans } => {
            if r.origin == TableOrigin::Shaded {
                // fills need not mark every column (a RAG cell, banded rows):
                // add the columns the words line up in
                let size = median_size(page, cand).max(0.5 * body);
                let min_gap = (0.45 * size).max(3.5);
                let lv = levels(page, cand);
                let inner: Vec<f32> = xs
                    .iter()
                    .skip(1)
                    .take(xs.len().saturating_sub(2))
                    .copied()
                    .collect();
                let mut bounds = inner.clone();
                for b in infer_columns(page, &lv, r.bbox.x0, r.bbox.x1, size) {
                    // the same white space as a fill edge when no word lies between them
                    let same_gap = |x: f32| {
                        (x - b).abs() < 2.0 * min_gap
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
                    let (t, taken) =
                        build_aligned(page, cand, r.bbox.x0, r.bbox.x1, &bounds, ys, r.origin)?;
                    let filled: usize = t.rows.iter().map(|row| row.filled()).sum();
                    return (filled >= 1).then_some((t, taken));
                }
            }
            let (t, taken) = build_grid(page, cand, xs, ys, spans, r.origin)?;
            let filled: usize = t.rows.iter().map(|row| row.filled()).sum();
            (filled >= 1).then_some((t, taken))
        }
        RegionKind::Bands { ys } => {
            let size = median_size(page, cand).max(0.5 * body);
            let lv = levels(page, cand);
            let own = infer_columns(page, &lv, r.bbox.x0, r.bbox.x1, size);
            // a part at the top of a page continues the table before it: columns
            // empty on this page stay columns
            let tpl = templates.last().filter(|t| {
                first_on_page && (t.x0 - r.bbox.x0).abs() <= 4.0 && (t.x1 - r.bbox.x1).abs() <= 4.0
            });
            let from_template = tpl.is_some_and(|t| t.bounds.len() > own.len());
            let bounds = match tpl {
                Some(t) => merge_template(page, &lv, &own, &t.bounds, size),
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
            if std::env::var_os("PLANSIFT_PDF_DEBUG").is_some() {
                eprintln!("page {} bands bounds {:?} size {}", page.page, bounds, size);
            }
            if bounds.is_empty() {
                return None;
            }
            let mut rows_y: Vec<f32> = ys.clone();
            let extra = open_side_lines(page, r, ctx, &bounds, size);
            let mut cand = cand.to_vec();
            if let Some(eb) = words_bbox(page, &extra) {
                if let Some(f) = rows_y.first_mut() {
                    *f = f.min(eb.top - 0.5);
                }
                if let Some(l) = rows_y.last_mut() {
                    *l = l.max(eb.bottom + 0.5);
                }
                cand.extend(extra);
            }
            let cand = cand.as_slice();
            let ys = &rows_y.clone();
            if ys.len() <= 3 {
                for w in ys.windows(2) {
                    let inside: Vec<usize> = cand
                        .iter()
                        .copied()
                        .filter(|&i| {
                            let cy = page.words[i].bbox.cy();
                            cy >= w[0] && cy < w[1]
                        })
                        .collect();
                    rows_y.extend(split_rows(page, &inside, &bounds, size, false, hint));
                }
                rows_y.sort_by(|a, b| a.total_cmp(b));
            }
            let (t, taken) =
                build_aligned(page, cand, r.bbox.x0, r.bbox.x1, &bounds, &rows_y, r.origin)?;
            let multi = t.rows.iter().filter(|row| row.filled() >= 2).count();
            (multi >= 1 || from_template).then_some((t, taken))
        }
    }
}

/// Stream-style tables among free words: runs of lines whose words fall into
/// columns separated by white space.
fn stream_tables(
    page: &PageLayout,
    free: &[usize],
    body: f32,
    hint: f32,
) -> Vec<(Table, Vec<usize>)> {
    let mut out = Vec::new();
    if free.is_empty() {
        return out;
    }
    let size = median_size(page, free).max(0.5 * body);
    let lv = levels(page, free);
    let pitch = {
        let p = line_pitch(&lv, size);
        if p > 0.0 {
            p
        } else {
            1.2 * size
        }
    };
    let chunk_gap = (1.0 * size).max(6.0);
    let nch: Vec<Vec<(f32, f32)>> = lv.iter().map(|l| chunks(page, l, chunk_gap)).collect();
    let mut i = 0;
    while i < lv.len() {
        if nch[i].len() < 2 {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        let mut max_gap = 0.0f32;
        while j < lv.len() {
            let gap = lv[j].bbox.top - lv[j - 1].bbox.bottom;
            if gap > (2.5 * pitch).max(3.0 * size) {
                break;
            }
            // a single block of text after a wider gap than any inside the run
            if nch[j].len() == 1 && j - i >= 2 && gap > 1.6 * max_gap.max(pitch) {
                break;
            }
            max_gap = max_gap.max(gap);
            let (x0, x1) = run_x(&lv[i..j]);
            let bounds = infer_columns(page, &lv[i..j], x0 - 1.0, x1 + 1.0, size);
            if nch[j].len() == 1 {
                let (a, b) = nch[j][0];
                if bounds.iter().any(|&x| a < x - 1.0 && b > x + 1.0) {
                    break;
                }
            }
            j += 1;
        }
        if j - i >= 2 {
            match stream_table(page, &lv[i..j], size, hint) {
                Stream::Table(t) => {
                    out.push(t);
                    i = j;
                    continue;
                }
                // running text in two columns: none of its lines start a table
                Stream::Prose => {
                    i = j;
                    continue;
                }
                Stream::None => {}
            }
        }
        i += 1;
    }
    out
}

fn run_x(lv: &[Level]) -> (f32, f32) {
    let x0 = lv.iter().map(|l| l.bbox.x0).fold(f32::INFINITY, f32::min);
    let x1 = lv
        .iter()
        .map(|l| l.bbox.x1)
        .fold(f32::NEG_INFINITY, f32::max);
    (x0, x1)
}

enum Stream {
    Table((Table, Vec<usize>)),
    Prose,
    None,
}

fn stream_table(page: &PageLayout, lv: &[Level], size: f32, hint: f32) -> Stream {
    let (x0, x1) = run_x(lv);
    let bounds = infer_columns(page, lv, x0 - 1.0, x1 + 1.0, size);
    if bounds.is_empty() {
        return Stream::None;
    }
    let words: Vec<usize> = lv.iter().flat_map(|l| l.words.iter().copied()).collect();
    let Some(b) = words_bbox(page, &words) else {
        return Stream::None;
    };
    let mut ys = vec![b.top - 0.5];
    ys.extend(split_rows(page, &words, &bounds, size, true, hint));
    ys.push(b.bottom + 0.5);
    let Some((t, taken)) = build_aligned(
        page,
        &words,
        x0 - 0.5,
        x1 + 0.5,
        &bounds,
        &ys,
        TableOrigin::Aligned,
    ) else {
        return Stream::None;
    };
    let multi = t.rows.iter().filter(|row| row.filled() >= 2).count();
    // two columns of running text (a two-column page layout) are not a table
    let cells: Vec<usize> = t
        .rows
        .iter()
        .flat_map(|r| r.cells.iter())
        .filter(|c| !c.is_empty())
        .map(|c| c.text.split_whitespace().count())
        .collect();
    let mean_words = cells.iter().sum::<usize>() as f32 / cells.len().max(1) as f32;
    let prose = t.columns() == 2 && mean_words > 30.0;
    if prose {
        Stream::Prose
    } else if t.rows.len() >= 2 && multi >= 2 {
        Stream::Table((t, taken))
    } else {
        Stream::None
    }
}

/// Headings and paragraphs from free words.
fn text_blocks(page: &PageLayout, pno: u32, free: &[usize], body: f32) -> Vec<(f32, Block)> {
    let lv = levels(page, free);
    let mut out = Vec::new();
    let mut cur: Vec<&Level> = Vec::new();
    let flush = |cur: &mut Vec<&Level>, out: &mut Vec<(f32, Block)>| {
        if cur.is_empty() {
            return;
        }
        let words: Vec<usize> = cur.iter().flat_map(|l| l.words.iter().copied()).collect();
        let text = text::words_text(page, &words);
        let Some(b) = words_bbox(page, &words) else {
            cur.clear();
            return;
        };
        cur.clear();
        if text.is_empty() {
            return;
        }
        let ws: Vec<&plansift_layout::Word> =
            words.iter().filter_map(|&i| page.words.get(i)).collect();
        let bold = ws.iter().all(|w| w.bold);
        let size = median(ws.iter().map(|w| w.size).collect());
        let short = text.chars().count() <= 160 && text.split_whitespace().count() <= 25;
        let level = if size >= 1.6 * body {
            1
        } else if size >= 1.3 * body {
            2
        } else if size >= 1.12 * body || bold {
            3
        } else {
            0
        };
        let tb = TextBlock {
            text,
            bold,
            level,
            prov: prov(pno, &b),
        };
        if short && level > 0 {
            out.push((b.top, Block::Heading(tb)));
        } else {
            out.push((b.top, Block::Paragraph(TextBlock { level: 0, ..tb })));
        }
    };
    let left = lv.iter().map(|l| l.bbox.x0).fold(f32::INFINITY, f32::min);
    let right = lv
        .iter()
        .map(|l| l.bbox.x1)
        .fold(f32::NEG_INFINITY, f32::max);
    let debug = std::env::var_os("PLANSIFT_PDF_DEBUG").is_some();
    let page_step = line_step(page, &lv);
    for l in &lv {
        let lt = line_text(page, &l.words);
        if is_lone_page_number(&lt) {
            // a page number on its own line is never part of the prose around it
            flush(&mut cur, &mut out);
            let bold = line_bold(page, l);
            out.push((
                l.bbox.top,
                Block::Furniture(TextBlock {
                    text: plansift_model::collapse_ws(&lt),
                    bold,
                    level: 0,
                    prov: prov(pno, &l.bbox),
                }),
            ));
            continue;
        }
        if !cur.is_empty()
            && (breaks_block(page, &cur, l, page_step, (right - left).max(0.0))
                || breaks_page_text(page, &cur, l, left, right))
        {
            flush(&mut cur, &mut out);
        }
        if debug {
            eprintln!(
                "para p{pno} {:>6.1} {:>6.1} {:>6.1} {:>6.1} s{:.1} b{} {}{}",
                l.bbox.x0,
                l.bbox.top,
                l.bbox.x1,
                l.bbox.bottom,
                line_size(page, l),
                line_bold(page, l) as u8,
                if cur.is_empty() { "| " } else { "  " },
                lt
            );
        }
        cur.push(l);
    }
    flush(&mut cur, &mut out);
    out
}

/// The usual baseline step between consecutive lines of the same size on the
/// page (the line spacing inside paragraphs; 0 when unknown).
fn line_step(page: &PageLayout, lv: &[Level]) -> f32 {
    let steps: Vec<f32> = lv
        .windows(2)
        .filter_map(|w| {
            let (a, b) = (line_size(page, &w[0]), line_size(page, &w[1]));
            let em = a.max(b).max(1.0);
            let d = w[1].bbox.bottom - w[0].bbox.bottom;
            ((a - b).abs() <= 0.1 * em && d > 0.5 * em && d <= 2.0 * em).then_some(d)
        })
        .collect();
    // the step inside paragraphs is the smallest common one: take a low quantile
    let mut v = steps;
    v.sort_by(|a, b| a.total_cmp(b));
    v.get(v.len() / 4).copied().unwrap_or(0.0)
}

/// The split rules of the original grouping that look at the whole page's text
/// extent: a wide vertical gap, a line ending well short of the text's right
/// edge followed by a longer one, and list items.
fn breaks_page_text(page: &PageLayout, cur: &[&Level], l: &Level, left: f32, right: f32) -> bool {
    let Some(prev) = cur.last() else {
        return false;
    };
    let gap = l.bbox.top - prev.bbox.bottom;
    let ps = line_size(page, prev);
    let ls = line_size(page, l);
    let w = (right - left).max(0.0);
    let short = prev.bbox.x1 < right - 0.3 * w && l.bbox.x1 > prev.bbox.x1 + 0.2 * w;
    gap > (0.45 * ps.max(ls)).max(3.0) || short || starts_item(page, l)
}

/// Does line `l` start a new block after the lines `cur` of the block being built?
///
/// A new block starts where the font size or weight changes, where the baseline
/// step is clearly larger than the block's own, where the previous line ends well
/// short of the block's widest line and the next starts with a capital or digit,
/// and where the next line starts at a clearly different x (more than about an
/// em) — except for the continuation of a first-line indent, of a hanging list
/// item and of centred lines.
fn breaks_block(
    page: &PageLayout,
    cur: &[&Level],
    l: &Level,
    page_step: f32,
    page_width: f32,
) -> bool {
    let Some(prev) = cur.last() else {
        return false;
    };
    let ps = line_size(page, prev);
    let ls = line_size(page, l);
    let em = ps.max(ls).max(1.0);
    // font size or weight
    if (ps - ls).abs() > 0.1 * em || line_bold(page, prev) != line_bold(page, l) {
        return true;
    }
    // baseline step: larger than the block's own step, or than a line's height
    let step = l.bbox.bottom - prev.bbox.bottom;
    let own: Vec<f32> = cur
        .windows(2)
        .map(|w| w[1].bbox.bottom - w[0].bbox.bottom)
        .filter(|d| *d > 0.0)
        .collect();
    let typical = if own.is_empty() {
        if page_step > 0.0 && page_step <= 2.0 * em {
            page_step
        } else {
            1.2 * em
        }
    } else {
        median(own).max(0.9 * em)
    };
    if step > 1.2 * typical {
        return true;
    }
    let first_char = line_text(page, &l.words).trim().chars().next();
    let capital = first_char.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    let bl = cur.iter().map(|x| x.bbox.x0).fold(l.bbox.x0, f32::min);
    let br = cur.iter().map(|x| x.bbox.x1).fold(l.bbox.x1, f32::max);
    let width = (br - bl).max(0.0);
    let full = |x: &Level| x.bbox.x1 >= br - 0.15 * width;
    // a short line ends its paragraph
    if capital && width > 0.0 && prev.bbox.x1 - bl < 0.7 * width {
        return true;
    }
    // indent or outdent
    let dx = l.bbox.x0 - prev.bbox.x0;
    if dx.abs() > em {
        // centred lines narrower than the page's text
        let centred = (l.bbox.cx() - prev.bbox.cx()).abs() <= em
            && prev.bbox.width() < 0.8 * page_width
            && l.bbox.width() < 0.8 * page_width;
        // the block's text column after its first line (a first-line indent or a
        // hanging list item)
        let body_x = if cur.len() >= 2 {
            cur.get(1).map(|x| x.bbox.x0)
        } else {
            None
        };
        let continues = match body_x {
            Some(x) => (l.bbox.x0 - x).abs() <= em && (prev.bbox.x0 - x).abs() <= em,
            None => {
                let first_indent = dx < 0.0 && dx >= -4.0 * em && full(prev);
                let hanging = starts_item(page, prev)
                    && prev
                        .words
                        .get(1)
                        .and_then(|&i| page.words.get(i))
                        .is_some_and(|w| (w.bbox.x0 - l.bbox.x0).abs() <= 0.5 * em);
                first_indent || hanging
            }
        };
        if !centred && !continues {
            return true;
        }
    }
    false
}

/// A line that is only a page number: `3`, `- 3 -`, `Page 3`, `Page 3 of 12`,
/// `3 of 12`, `3/12` (a number of up to three digits, not above the page count).
fn is_lone_page_number(s: &str) -> bool {
    let t = s.trim().to_lowercase();
    let t = t.trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace());
    let (paged, t) = match t.strip_prefix("page") {
        Some(r) => (true, r.trim()),
        None => (false, t),
    };
    let parts: Vec<&str> = t
        .split(|c: char| c == '/' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect();
    let num = |p: &str| -> Option<u32> {
        if p.len() <= 3 && p.chars().all(|c| c.is_ascii_digit()) {
            p.parse().ok()
        } else {
            None
        }
    };
    match parts.as_slice() {
        [n] => num(n).is_some(),
        [n, "of", m] => matches!((num(n), num(m)), (Some(a), Some(b)) if a <= b),
        [n, m] if paged || t.contains('/') => {
            matches!((num(n), num(m)), (Some(a), Some(b)) if a <= b && b > 0)
        }
        _ => false,
    }
}

/// The line starts a list item: a bullet or an enumerator such as `3.`, `b)`, `(iv)`.
fn starts_item(page: &PageLayout, l: &Level) -> bool {
    let Some(w) = l.words.first().and_then(|&i| page.words.get(i)) else {
        return false;
    };
    let t = w.text.trim();
    if matches!(
        t.chars().next(),
        Some('•' | '▪' | '◦' | '●' | '■' | '–' | '-' | '*')
    ) && t.chars().count() <= 2
    {
        return true;
    }
    let core = t.trim_start_matches('(').trim_end_matches(['.', ')']);
    let enumerator = t.len() > core.len()
        && !core.is_empty()
        && core.len() <= 3
        && (core.chars().all(|c| c.is_ascii_digit())
            || core.chars().all(|c| c.is_ascii_lowercase()) && core.len() <= 2);
    enumerator || t.starts_with('•')
}

fn line_size(page: &PageLayout, l: &Level) -> f32 {
    median(
        l.words
            .iter()
            .filter_map(|&i| page.words.get(i))
            .map(|w| w.size)
            .collect(),
    )
}

fn line_bold(page: &PageLayout, l: &Level) -> bool {
    l.words
        .iter()
        .filter_map(|&i| page.words.get(i))
        .all(|w| w.bold)
}

/// Is this line a page number ("Page 3 of 12", "3", "- 3 -", "3/12")?
fn is_page_number(s: &str) -> bool {
    let t = s.trim().to_lowercase();
    let t = t.trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace());
    let t = t.strip_prefix("page").unwrap_or(t).trim();
    if t.is_empty() {
        return false;
    }
    let parts: Vec<&str> = t
        .split(|c: char| c == '/' || c.is_whitespace())
        .filter(|p| !p.is_empty() && *p != "of")
        .collect();
    !parts.is_empty()
        && parts.len() <= 2
        && parts
            .iter()
            .all(|p| p.len() <= 4 && p.chars().all(|c| c.is_ascii_digit()))
}

fn furniture_key(s: &str) -> String {
    plansift_model::collapse_ws(s)
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// Running headers/footers per page: lines outside tables in the top or bottom
/// margin repeated at the same place on many pages, page numbers there, and
/// short lines repeated on many pages.
fn find_furniture(
    layout: &PdfLayout,
    regions: &[Vec<Region>],
    tagged: &[Vec<tagged::Part>],
) -> Vec<Vec<Level>> {
    let n = layout.pages.len();
    let mut cands: Vec<Vec<(Level, String, bool)>> = Vec::with_capacity(n);
    for (pi, page) in layout.pages.iter().enumerate() {
        let mut boxes: Vec<BBox> = regions
            .get(pi)
            .map(|v| v.iter().map(|r| r.bbox).collect())
            .unwrap_or_default();
        if let Some(t) = tagged.get(pi) {
            boxes.extend(t.iter().map(|p| p.bbox));
        }
        let mut tagged_words = vec![false; page.words.len()];
        for p in tagged.get(pi).map(|t| t.as_slice()).unwrap_or(&[]) {
            for &w in &p.words {
                if let Some(x) = tagged_words.get_mut(w) {
                    *x = true;
                }
            }
        }
        let free: Vec<usize> = usable_words(page)
            .into_iter()
            .filter(|&i| {
                let b = page.words[i].bbox;
                !tagged_words[i] && !boxes.iter().any(|r| r.contains_point(b.cx(), b.cy(), 1.0))
            })
            .collect();
        let h = if page.height > 0.0 {
            page.height
        } else {
            842.0
        };
        let mut v = Vec::new();
        let size = median_size(page, &free);
        for l in levels(page, &free) {
            let margin = l.bbox.bottom <= 0.12 * h || l.bbox.top >= 0.88 * h;
            let text = line_text(page, &l.words);
            // a line in three or more separated parts is a table row (a header row
            // repeated on every page), not a running header
            let key =
                if chunks(page, &l, (1.0 * size).max(6.0)).len() >= 3 && !is_page_number(&text) {
                    String::new()
                } else {
                    furniture_key(&text)
                };
            v.push((l, key, margin));
        }
        cands.push(v);
    }
    let need_same_place = ((n as f32 * 0.3).ceil() as usize).max(2);
    let need_anywhere = ((n as f32 * 0.5).ceil() as usize).max(3);
    // key -> occurrences (page, top, bottom, exact text)
    let mut index: HashMap<&str, Vec<(usize, f32, f32, String)>> = HashMap::new();
    for (pi, v) in cands.iter().enumerate() {
        for (l, key, _) in v {
            if !key.is_empty() {
                let text = line_text(&layout.pages[pi], &l.words);
                index
                    .entry(key.as_str())
                    .or_default()
                    .push((pi, l.bbox.top, l.bbox.bottom, text));
            }
        }
    }
    let mut out: Vec<Vec<Level>> = Vec::with_capacity(n);
    for pi in 0..n {
        let mut v = Vec::new();
        for (l, key, margin) in &cands[pi] {
            if key.is_empty() {
                continue;
            }
            let text = line_text(&layout.pages[pi], &l.words);
            let occ = index.get(key.as_str()).map(|v| v.as_slice()).unwrap_or(&[]);
            let mut same_pages: Vec<usize> = occ
                .iter()
                .filter(|o| (o.1 - l.bbox.top).abs() <= 4.0 || (o.2 - l.bbox.bottom).abs() <= 4.0)
                .map(|o| o.0)
                .collect();
            same_pages.dedup();
            let mut any_pages: Vec<usize> =
                occ.iter().filter(|o| o.3 == text).map(|o| o.0).collect();
            any_pages.dedup();
            let is_furn = (*margin && n >= 2 && same_pages.len() >= need_same_place)
                || (*margin && is_page_number(&text))
                || (n >= 3 && any_pages.len() >= need_anywhere && key.chars().count() <= 120);
            if is_furn {
                v.push(l.clone());
            }
        }
        out.push(v);
    }
    out
}
