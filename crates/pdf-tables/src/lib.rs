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
//! - a table cut by a page break is one [`Table`](plansift_model::Table) per page; an open side (no
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
//! Every gap, overlap, ratio and distance these rules use is a field of
//! [`Tolerances`] (with its unit); [`to_document`] uses the defaults and
//! [`to_document_with`] takes others. The table strategies and their order
//! are in `strategy.rs` (the crate-private `TableStrategy` trait and
//! `default_strategies` list).
//!
//! Debugging: the crate logs with [`tracing`], each module under its own
//! target (`plansift_pdf_tables::regions`, `::strategy`, `::bands`, `::align`,
//! `::paragraphs`). With the `plansift` binary, `RUST_LOG=plansift_pdf_tables=debug`
//! prints the regions found, each table with the strategy that found it and
//! the columns of band tables; `RUST_LOG=plansift_pdf_tables=trace` adds row
//! splitting and paragraph lines. `examples/dump_pdf.rs` prints a document as
//! text.

mod align;
mod bands;
mod build;
mod furniture;
mod geom;
mod paragraphs;
mod regions;
mod ruled;
mod strategy;
mod stream;
mod tagged;
mod text;
mod tolerances;

/// The document model as readable text (the model crate's one dump).
pub use plansift_model::render as render_text;
pub use tolerances::Tolerances;

use furniture::find_furniture;
use paragraphs::text_blocks;
use plansift_layout::{BBox, PdfLayout};
use plansift_model::{Block, Document, Prov, TableOrigin, TextBlock};
use regions::{find_regions, Region};
use strategy::{default_strategies, PageScan};
use text::{line_text, median, usable_words};

/// Convert a PDF layout into a document: tables, headings, paragraphs, furniture
/// and page breaks in reading order.
pub fn to_document(layout: &PdfLayout) -> Document {
    to_document_with(layout, &Tolerances::default())
}

/// [`to_document`] with other tolerances.
pub fn to_document_with(layout: &PdfLayout, tol: &Tolerances) -> Document {
    let mut doc = Document {
        pages: layout.pages.len().max(1) as u32,
        blocks: Vec::new(),
        meta_title: layout.title.clone(),
        diagnostics: layout.diagnostics.clone(),
    };
    let body = body_size(layout, tol);
    let tagged = tagged::parts(layout, tol);
    let regions: Vec<Vec<Region>> = layout
        .pages
        .iter()
        .enumerate()
        .map(|(pi, p)| {
            plansift_model::budget::check("tables");
            let ex: Vec<BBox> = tagged
                .get(pi)
                .map(|v| v.iter().map(|t| t.bbox).collect())
                .unwrap_or_default();
            find_regions(p, &ex, tol)
        })
        .collect();
    let furniture = find_furniture(layout, &regions, &tagged, tol);
    let mut strategies = default_strategies();
    for (pi, page) in layout.pages.iter().enumerate() {
        let pno = if page.page > 0 {
            page.page
        } else {
            pi as u32 + 1
        };
        plansift_model::budget::check("tables");
        if pi > 0 {
            doc.blocks.push(Block::PageBreak { page: pno });
        }
        let hint = align::line_gap_hint(page, &usable_words(page), body, tol);
        let mut scan = PageScan::new(
            page,
            tol,
            body,
            hint,
            regions.get(pi).map(|v| v.as_slice()).unwrap_or(&[]),
            tagged.get(pi).map(|v| v.as_slice()).unwrap_or(&[]),
        );
        // Blocks at the same height stay in this order: tagged tables,
        // furniture, the other tables (in the order found), text.
        let mut items: Vec<(f32, u8, Block)> = Vec::new();
        for l in furniture.get(pi).map(|v| v.as_slice()).unwrap_or(&[]) {
            scan.claim(&l.words);
            let text = plansift_model::collapse_ws(&line_text(page, &l.words, tol));
            let bold = l
                .words
                .iter()
                .filter_map(|&i| page.words.get(i))
                .all(|w| w.bold);
            let block = Block::Furniture(TextBlock {
                text,
                bold,
                level: 0,
                prov: prov(pno, &l.bbox),
            });
            items.push((l.bbox.top, 1, block));
        }
        for f in strategy::run(&mut strategies, &mut scan) {
            let rank = if f.table.origin == TableOrigin::Tagged {
                0
            } else {
                2
            };
            items.push((f.top, rank, Block::Table(f.table)));
        }
        let free = scan.free_words();
        items.extend(
            text_blocks(page, pno, &free, body, tol)
                .into_iter()
                .map(|(top, b)| (top, 3, b)),
        );
        items.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        doc.blocks.extend(items.into_iter().map(|(_, _, b)| b));
    }
    doc
}

fn prov(page: u32, b: &BBox) -> Prov {
    Prov {
        bbox: Some(b.as_array()),
        ..Prov::page(page)
    }
}

fn body_size(layout: &PdfLayout, tol: &Tolerances) -> f32 {
    let sizes: Vec<f32> = layout
        .pages
        .iter()
        .flat_map(|p| p.words.iter().map(|w| w.size))
        .filter(|s| *s > tol.min_font_size && s.is_finite())
        .collect();
    let m = median(sizes);
    if m > tol.min_font_size {
        m
    } else {
        tol.default_font_size
    }
}
