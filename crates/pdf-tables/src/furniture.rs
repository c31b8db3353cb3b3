//! Furniture: running headers and footers (lines repeated at the same place on
//! many pages, or anywhere on most pages) and page numbers. Their words are
//! taken before any table strategy runs and become [`Block::Furniture`].
//!
//! [`Block::Furniture`]: plansift_model::Block::Furniture

use crate::align::{chunk_gap, chunks};
use crate::tagged;
use crate::text::{levels, line_text, median_size, usable_words, Level};
use crate::Region;
use crate::Tolerances;
use plansift_layout::{BBox, PdfLayout};
use plansift_textkit::{furniture_key, page_number};
use std::collections::HashMap;

/// Running headers/footers per page: lines outside tables in the top or bottom
/// margin repeated at the same place on many pages, page numbers there, and
/// short lines repeated on many pages.
pub fn find_furniture(
    layout: &PdfLayout,
    regions: &[Vec<Region>],
    tagged: &[Vec<tagged::Part>],
    tol: &Tolerances,
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
                !tagged_words[i]
                    && !boxes
                        .iter()
                        .any(|r| r.contains_point(b.cx(), b.cy(), tol.region_word_slack))
            })
            .collect();
        let h = if page.height > 0.0 {
            page.height
        } else {
            tol.default_page_height
        };
        let mut v = Vec::new();
        let size = median_size(page, &free, tol);
        for l in levels(page, &free, tol) {
            plansift_model::budget::tick_n(l.words.len() as u64 + 1, "tables");
            let margin = l.bbox.bottom <= tol.furniture_margin * h
                || l.bbox.top >= (1.0 - tol.furniture_margin) * h;
            let text = line_text(page, &l.words, tol);
            // a line in several separated parts is a table row (a header row
            // repeated on every page), not a running header
            let parts = chunks(page, &l, chunk_gap(size, tol)).len();
            let key = if parts >= tol.furniture_row_parts && !is_page_number(&text) {
                String::new()
            } else {
                furniture_key(&text)
            };
            v.push((l, key, margin));
        }
        cands.push(v);
    }
    let need_same_place = ((n as f32 * tol.furniture_same_place_pages).ceil() as usize)
        .max(tol.furniture_same_place_min);
    let need_anywhere =
        ((n as f32 * tol.furniture_anywhere_pages).ceil() as usize).max(tol.furniture_anywhere_min);
    // key -> occurrences (page, top, bottom, exact text)
    let mut index: HashMap<&str, Vec<(usize, f32, f32, String)>> = HashMap::new();
    for (pi, v) in cands.iter().enumerate() {
        for (l, key, _) in v {
            if !key.is_empty() {
                let text = line_text(&layout.pages[pi], &l.words, tol);
                index
                    .entry(key.as_str())
                    .or_default()
                    .push((pi, l.bbox.top, l.bbox.bottom, text));
            }
        }
    }
    let mut out: Vec<Vec<Level>> = Vec::with_capacity(n);
    for (page, page_cands) in layout.pages.iter().zip(&cands) {
        let mut v = Vec::new();
        for (l, key, margin) in page_cands {
            if key.is_empty() {
                continue;
            }
            let text = line_text(page, &l.words, tol);
            let occ = index.get(key.as_str()).map(|v| v.as_slice()).unwrap_or(&[]);
            // comparing the line with its occurrences: about their count x its length
            plansift_model::budget::tick_n(
                (occ.len() as u64 + 1) * (text.len() as u64 / 64 + 1),
                "tables",
            );
            let mut same_pages: Vec<usize> = occ
                .iter()
                .filter(|o| {
                    (o.1 - l.bbox.top).abs() <= tol.furniture_same_place
                        || (o.2 - l.bbox.bottom).abs() <= tol.furniture_same_place
                })
                .map(|o| o.0)
                .collect();
            same_pages.dedup();
            let mut any_pages: Vec<usize> =
                occ.iter().filter(|o| o.3 == text).map(|o| o.0).collect();
            any_pages.dedup();
            let is_furn = (*margin
                && n >= tol.furniture_same_place_min
                && same_pages.len() >= need_same_place)
                || (*margin && is_page_number(&text))
                || (n >= tol.furniture_anywhere_min
                    && any_pages.len() >= need_anywhere
                    && key.chars().count() <= tol.furniture_max_chars);
            if is_furn {
                v.push(l.clone());
            }
        }
        out.push(v);
    }
    out
}

/// Is this line a page number ("Page 3 of 12", "3", "- 3 -", "3/12")?
/// A page number in a running header or footer (the shared rule of `plansift-textkit`).
fn is_page_number(s: &str) -> bool {
    page_number(s).is_some()
}

/// A line that is only a page number: `3`, `- 3 -`, `Page 3`, `Page 3 of 12`,
/// `3 of 12`, `3/12` (a number of up to three digits, not above the page count), by the
/// shared page-number rule.
pub fn is_lone_page_number(s: &str) -> bool {
    // a bare number of up to three digits, or one with a page count it does not exceed
    page_number(s).is_some_and(|p| p.page <= 999 && p.of.is_none_or(|of| of > 0 && p.page <= of))
}
