//! Paragraph splitting: the words no table took become headings, paragraphs
//! and (lone page numbers) furniture.
//!
//! A new block starts where the font size or weight changes, where the
//! baseline step is clearly more than the block's own (or, after a single line,
//! the page's usual line spacing), where a line ending short of the block's
//! widest line is followed by one starting with a capital or a digit, where a
//! line starts more than an em left or right of the previous one (not the
//! continuation of a first-line indent, of a hanging list item or of centred
//! lines), and at list items.

use crate::furniture::is_lone_page_number;
use crate::prov;
use crate::text::{self, levels, line_text, median, words_bbox, Level};
use crate::Tolerances;
use plansift_layout::PageLayout;
use plansift_model::{Block, TextBlock};

/// Headings and paragraphs from free words.
pub fn text_blocks(
    page: &PageLayout,
    pno: u32,
    free: &[usize],
    body: f32,
    tol: &Tolerances,
) -> Vec<(f32, Block)> {
    let lv = levels(page, free, tol);
    let mut out = Vec::new();
    let mut cur: Vec<&Level> = Vec::new();
    let flush = |cur: &mut Vec<&Level>, out: &mut Vec<(f32, Block)>| {
        if cur.is_empty() {
            return;
        }
        let words: Vec<usize> = cur.iter().flat_map(|l| l.words.iter().copied()).collect();
        let text = text::words_text(page, &words, tol);
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
        let short = text.chars().count() <= tol.heading_max_chars
            && text.split_whitespace().count() <= tol.heading_max_words;
        let level = if size >= tol.heading1_size * body {
            1
        } else if size >= tol.heading2_size * body {
            2
        } else if size >= tol.heading3_size * body || bold {
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
    let page_step = line_step(page, &lv, tol);
    for l in &lv {
        let lt = line_text(page, &l.words, tol);
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
            && (breaks_block(page, &cur, l, page_step, (right - left).max(0.0), tol)
                || breaks_page_text(page, &cur, l, left, right, tol))
        {
            flush(&mut cur, &mut out);
        }
        if tracing::enabled!(tracing::Level::TRACE) {
            tracing::trace!(
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
fn line_step(page: &PageLayout, lv: &[Level], tol: &Tolerances) -> f32 {
    let steps: Vec<f32> = lv
        .windows(2)
        .filter_map(|w| {
            let (a, b) = (line_size(page, &w[0]), line_size(page, &w[1]));
            let em = a.max(b).max(tol.min_em);
            let d = w[1].bbox.bottom - w[0].bbox.bottom;
            ((a - b).abs() <= tol.para_same_size_em * em
                && d > tol.para_step_min_em * em
                && d <= tol.para_step_max_em * em)
                .then_some(d)
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
fn breaks_page_text(
    page: &PageLayout,
    cur: &[&Level],
    l: &Level,
    left: f32,
    right: f32,
    tol: &Tolerances,
) -> bool {
    let Some(prev) = cur.last() else {
        return false;
    };
    let gap = l.bbox.top - prev.bbox.bottom;
    let ps = line_size(page, prev);
    let ls = line_size(page, l);
    let w = (right - left).max(0.0);
    let short = prev.bbox.x1 < right - tol.para_short_end * w
        && l.bbox.x1 > prev.bbox.x1 + tol.para_longer_next * w;
    gap > (tol.para_gap_em * ps.max(ls)).max(tol.para_gap_min) || short || starts_item(page, l)
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
    tol: &Tolerances,
) -> bool {
    let Some(prev) = cur.last() else {
        return false;
    };
    let ps = line_size(page, prev);
    let ls = line_size(page, l);
    let em = ps.max(ls).max(tol.min_em);
    // font size or weight
    if (ps - ls).abs() > tol.para_same_size_em * em || line_bold(page, prev) != line_bold(page, l) {
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
        if page_step > 0.0 && page_step <= tol.para_step_max_em * em {
            page_step
        } else {
            tol.para_step_default_em * em
        }
    } else {
        median(own).max(tol.para_step_floor_em * em)
    };
    if step > tol.para_step_jump * typical {
        return true;
    }
    let first_char = line_text(page, &l.words, tol).trim().chars().next();
    let capital = first_char.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    let bl = cur.iter().map(|x| x.bbox.x0).fold(l.bbox.x0, f32::min);
    let br = cur.iter().map(|x| x.bbox.x1).fold(l.bbox.x1, f32::max);
    let width = (br - bl).max(0.0);
    let full = |x: &Level| x.bbox.x1 >= br - tol.para_full_line * width;
    // a short line ends its paragraph
    if capital && width > 0.0 && prev.bbox.x1 - bl < tol.para_short_line * width {
        return true;
    }
    // indent or outdent
    let dx = l.bbox.x0 - prev.bbox.x0;
    let indent = tol.para_indent_em * em;
    if dx.abs() > indent {
        // centred lines narrower than the page's text
        let centred = (l.bbox.cx() - prev.bbox.cx()).abs() <= tol.para_centre_em * em
            && prev.bbox.width() < tol.para_centred_width * page_width
            && l.bbox.width() < tol.para_centred_width * page_width;
        // the block's text column after its first line (a first-line indent or a
        // hanging list item)
        let body_x = if cur.len() >= 2 {
            cur.get(1).map(|x| x.bbox.x0)
        } else {
            None
        };
        let continues = match body_x {
            Some(x) => (l.bbox.x0 - x).abs() <= indent && (prev.bbox.x0 - x).abs() <= indent,
            None => {
                let first_indent = dx < 0.0 && dx >= -(tol.para_first_indent_em * em) && full(prev);
                let hanging = starts_item(page, prev)
                    && prev
                        .words
                        .get(1)
                        .and_then(|&i| page.words.get(i))
                        .is_some_and(|w| (w.bbox.x0 - l.bbox.x0).abs() <= tol.para_hanging_em * em);
                first_indent || hanging
            }
        };
        if !centred && !continues {
            return true;
        }
    }
    false
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
