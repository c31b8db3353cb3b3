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
mod furniture;
mod geom;
mod paragraphs;
mod regions;
mod render;
mod stream;
mod tagged;
mod text;

pub use render::render_text;

use align::{chunks, infer_columns, merge_template, split_rows};
use build::{build_aligned, build_grid};
use furniture::find_furniture;
use paragraphs::text_blocks;
use plansift_layout::{BBox, PageLayout, PdfLayout};
use plansift_model::{Block, Document, Prov, Table, TableOrigin, TextBlock};
use regions::{find_regions, Region, RegionKind};
use stream::stream_tables;
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
