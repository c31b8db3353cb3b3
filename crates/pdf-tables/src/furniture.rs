//! Furniture: running headers and footers (lines repeated at the same place on
//! many pages, or anywhere on most pages) and page numbers. Their words are
//! taken before any table strategy runs and become [`Block::Furniture`].
//!
//! [`Block::Furniture`]: plansift_model::Block::Furniture

use crate::align::chunks;
use crate::tagged;
use crate::text::{levels, line_text, median_size, usable_words, Level};
use crate::Region;
use plansift_layout::{BBox, PdfLayout};
use std::collections::HashMap;

/// Running headers/footers per page: lines outside tables in the top or bottom
/// margin repeated at the same place on many pages, page numbers there, and
/// short lines repeated on many pages.
pub fn find_furniture(
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

/// A line that is only a page number: `3`, `- 3 -`, `Page 3`, `Page 3 of 12`,
/// `3 of 12`, `3/12` (a number of up to three digits, not above the page count).
pub fn is_lone_page_number(s: &str) -> bool {
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
