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
use plansift_layout::PageLayout;
use plansift_model::{Block, TextBlock};

/// Headings and paragraphs from free words.
pub fn text_blocks(page: &PageLayout, pno: u32, free: &[usize], body: f32) -> Vec<(f32, Block)> {
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
