//! Words into visual lines and lines into plain text.

use crate::Tolerances;
use plansift_layout::{BBox, PageLayout, Word};
use plansift_model::collapse_ws;

/// A visual line: words whose vertical extents overlap, left to right.
#[derive(Debug, Clone)]
pub struct Level {
    pub words: Vec<usize>,
    pub bbox: BBox,
}

fn word_ok(w: &Word) -> bool {
    let b = &w.bbox;
    b.x0.is_finite()
        && b.x1.is_finite()
        && b.top.is_finite()
        && b.bottom.is_finite()
        && !w.text.trim().is_empty()
}

/// Word indices of a page that are usable (finite box, some text).
pub fn usable_words(page: &PageLayout) -> Vec<usize> {
    (0..page.words.len())
        .filter(|&i| word_ok(&page.words[i]))
        .collect()
}

/// Group words into visual lines by vertical overlap.
pub fn levels(page: &PageLayout, idxs: &[usize], tol: &Tolerances) -> Vec<Level> {
    let mut ws: Vec<usize> = idxs
        .iter()
        .copied()
        .filter(|&i| i < page.words.len())
        .collect();
    ws.sort_by(|&a, &b| page.words[a].bbox.top.total_cmp(&page.words[b].bbox.top));
    let mut out: Vec<Level> = Vec::new();
    for i in ws {
        let b = page.words[i].bbox;
        let h = b.height().max(tol.min_box_height);
        let mut best: Option<(usize, f32)> = None;
        plansift_model::budget::tick_n(out.len() as u64 + 1, "tables");
        for (li, l) in out.iter().enumerate().rev() {
            if l.bbox.bottom < b.top - tol.line_search_above {
                // levels are created in order of top; far above ones cannot match
                continue;
            }
            let ov = b.bottom.min(l.bbox.bottom) - b.top.max(l.bbox.top);
            let lh = l.bbox.height().max(tol.min_box_height);
            let frac = ov / h.min(lh);
            if frac >= tol.line_overlap && best.is_none_or(|(_, f)| frac > f) {
                best = Some((li, frac));
            }
        }
        match best {
            Some((li, _)) => {
                let l = &mut out[li];
                let lh = l.bbox.height().max(tol.min_box_height);
                l.words.push(i);
                // keep the line's extent to its dominant words: superscripts do not stretch it much
                l.bbox = BBox {
                    x0: l.bbox.x0.min(b.x0),
                    x1: l.bbox.x1.max(b.x1),
                    ..l.bbox
                };
                if b.height() >= tol.line_dominant_height * lh {
                    l.bbox.top = l.bbox.top.min(b.top);
                    l.bbox.bottom = l.bbox.bottom.max(b.bottom);
                }
            }
            None => out.push(Level {
                words: vec![i],
                bbox: b,
            }),
        }
    }
    for l in &mut out {
        l.words
            .sort_by(|&a, &b| page.words[a].bbox.x0.total_cmp(&page.words[b].bbox.x0));
    }
    out.sort_by(|a, b| a.bbox.top.total_cmp(&b.bbox.top));
    out
}

/// Text of one line's words, with superscripts/subscripts attached to their word.
pub fn line_text(page: &PageLayout, words: &[usize], tol: &Tolerances) -> String {
    let mut s = String::new();
    let mut prev: Option<&Word> = None;
    for &i in words {
        let Some(w) = page.words.get(i) else { continue };
        if let Some(p) = prev {
            let gap = w.bbox.x0 - p.bbox.x1;
            let small = w.size < tol.script_size * p.size || p.size < tol.script_size * w.size;
            let ordinal = w.size < tol.script_size * p.size
                && w.text.len() <= tol.ordinal_max_len
                && w.text.chars().all(|c| c.is_alphabetic())
                && p.text.chars().last().is_some_and(|c| c.is_ascii_digit())
                && gap < tol.ordinal_gap_em * p.size;
            if !(ordinal || small && gap < tol.script_gap_em * p.size.max(w.size)) {
                s.push(' ');
            }
        }
        s.push_str(&w.text);
        prev = Some(w);
    }
    s
}

/// Plain text of a set of words: lines in reading order joined with a space
/// (a word broken by a hyphen at the line end is joined back).
pub fn words_text(page: &PageLayout, idxs: &[usize], tol: &Tolerances) -> String {
    let lv = levels(page, idxs, tol);
    let body = median(
        idxs.iter()
            .filter_map(|&i| page.words.get(i))
            .map(|w| w.size)
            .collect(),
    );
    let mut out = String::new();
    for l in &lv {
        // a superscript that wrapped to the start of a line ("27" / "th") stays with its number
        let sup_first = l
            .words
            .first()
            .and_then(|&i| page.words.get(i))
            .is_some_and(|w| {
                w.size < tol.script_size * body
                    && w.text.chars().all(|c| c.is_alphabetic())
                    && w.text.len() <= tol.ordinal_max_len
            });
        let t = line_text(page, &l.words, tol);
        let t = t.trim();
        if t.is_empty() {
            continue;
        }
        if !out.is_empty() {
            let hyphen_join = out.ends_with('-')
                && out.chars().rev().nth(1).is_some_and(|c| c.is_alphabetic())
                && t.chars().next().is_some_and(|c| c.is_lowercase());
            let sup_join = sup_first && out.chars().last().is_some_and(|c| c.is_ascii_digit());
            if !hyphen_join && !sup_join {
                out.push(' ');
            }
        }
        out.push_str(t);
    }
    collapse_ws(&out)
}

/// Union of the words' boxes.
pub fn words_bbox(page: &PageLayout, idxs: &[usize]) -> Option<BBox> {
    let mut it = idxs
        .iter()
        .filter_map(|&i| page.words.get(i))
        .map(|w| w.bbox);
    let first = it.next()?;
    Some(it.fold(first, |a, b| a.union(&b)))
}

/// Median of values (0 when empty).
pub fn median(mut v: Vec<f32>) -> f32 {
    v.retain(|x| x.is_finite());
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

/// Median font size of the given words (the default size when unknown).
pub fn median_size(page: &PageLayout, idxs: &[usize], tol: &Tolerances) -> f32 {
    let m = median(
        idxs.iter()
            .filter_map(|&i| page.words.get(i))
            .map(|w| w.size)
            .filter(|s| *s > tol.min_font_size)
            .collect(),
    );
    if m > tol.min_font_size {
        m
    } else {
        tol.default_font_size
    }
}
