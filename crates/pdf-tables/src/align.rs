//! Columns from word alignment and rows from line spacing, for tables whose
//! columns (or rows) are not drawn.

use crate::text::{levels, Level};
use crate::Tolerances;
use plansift_layout::PageLayout;

/// At most this many bins per search (a guard on absurd widths, not a tolerance).
const MAX_BINS: usize = 20_000;

/// Internal column boundaries (x positions) of the words in `levels`, found as
/// x ranges that no word crosses in most lines. `x0..x1` bounds the search.
pub fn infer_columns(
    page: &PageLayout,
    lv: &[Level],
    x0: f32,
    x1: f32,
    size: f32,
    tol: &Tolerances,
) -> Vec<f32> {
    let bin = tol.column_bin;
    if lv.is_empty() || x1.partial_cmp(&x0) != Some(std::cmp::Ordering::Greater) {
        return Vec::new();
    }
    let nb = (((x1 - x0) / bin).ceil() as usize).clamp(1, MAX_BINS);
    let mut count = vec![0u32; nb];
    let mut seen = vec![usize::MAX; nb];
    let mut minx = f32::INFINITY;
    let mut maxx = f32::NEG_INFINITY;
    let mut nonempty = 0usize;
    for (li, l) in lv.iter().enumerate() {
        if l.words.is_empty() {
            continue;
        }
        nonempty += 1;
        for &wi in &l.words {
            let Some(w) = page.words.get(wi) else {
                continue;
            };
            minx = minx.min(w.bbox.x0);
            maxx = maxx.max(w.bbox.x1);
            let a = (((w.bbox.x0 - x0) / bin).round().max(0.0) as usize).min(nb - 1);
            let b = (((w.bbox.x1 - x0) / bin).round().max(0.0) as usize).min(nb);
            for k in a..b {
                if seen[k] != li {
                    seen[k] = li;
                    count[k] += 1;
                }
            }
        }
    }
    if nonempty == 0 {
        return Vec::new();
    }
    let allowed = (nonempty as f32 * tol.column_cross_frac).floor() as u32;
    // with few lines, word spaces line up by chance: ask for a wider gap
    let min_gap = if nonempty <= tol.column_few_lines {
        (tol.column_gap_few_em * size).max(tol.column_gap_few_min)
    } else {
        column_gap(size, tol)
    };
    let lo = (((minx - x0) / bin).ceil().max(0.0) as usize).min(nb);
    let hi = (((maxx - x0) / bin).floor().max(0.0) as usize).min(nb);
    let strict = gaps(&count, 0, lo, hi, min_gap, x0, bin);
    let loose = gaps(&count, allowed, lo, hi, min_gap, x0, bin);
    let mut out = strict.clone();
    // a boundary that a few lines cross (spanning rows) counts where it splits
    // a column of the strict partition into two well-populated sides
    for b in loose {
        if strict
            .iter()
            .any(|s| (s - b).abs() < tol.column_same_gap * min_gap)
        {
            continue;
        }
        let left = strict
            .iter()
            .copied()
            .filter(|s| *s < b)
            .fold(f32::NEG_INFINITY, f32::max);
        let right = strict
            .iter()
            .copied()
            .filter(|s| *s > b)
            .fold(f32::INFINITY, f32::min);
        let side = |a: f32, z: f32| {
            lv.iter()
                .filter(|l| {
                    l.words.iter().filter_map(|&i| page.words.get(i)).any(|w| {
                        let cx = w.bbox.cx();
                        cx > a && cx < z && !(w.bbox.x0 < b && w.bbox.x1 > b)
                    })
                })
                .count() as u32
        };
        if side(left, b) > allowed && side(b, right) > allowed {
            out.push(b);
        }
    }
    out.sort_by(|a, b| a.total_cmp(b));
    out
}

/// The narrowest white space between two columns.
pub fn column_gap(size: f32, tol: &Tolerances) -> f32 {
    (tol.column_gap_em * size).max(tol.column_gap_min)
}

/// Runs of bins (`bin` pt wide) crossed by at most `allowed` lines, at least
/// `min_gap` wide and inside `lo..hi`: their middles.
fn gaps(
    count: &[u32],
    allowed: u32,
    lo: usize,
    hi: usize,
    min_gap: f32,
    x0: f32,
    bin: f32,
) -> Vec<f32> {
    let mut out = Vec::new();
    let mut k = lo;
    while k < hi {
        if count[k] <= allowed {
            let s = k;
            while k < hi && count[k] <= allowed {
                k += 1;
            }
            let width = (k - s) as f32 * bin;
            if width >= min_gap && s > lo && k < hi {
                // the boundary sits where the gap is emptiest, at its middle
                let m = count[s..k].iter().copied().min().unwrap_or(0);
                let first = (s..k).find(|&i| count[i] == m).unwrap_or(s);
                let last = (s..k).rev().find(|&i| count[i] == m).unwrap_or(k - 1);
                out.push(x0 + (first + last + 1) as f32 * bin / 2.0);
            }
        } else {
            k += 1;
        }
    }
    out
}

/// Column index for an x position given internal boundaries.
pub fn col_of(bounds: &[f32], x: f32) -> usize {
    bounds.iter().filter(|&&b| x >= b).count()
}

/// Internal row boundaries (y positions) of words laid out in columns `bounds`
/// (internal column boundaries): a new row starts after a vertical gap larger
/// than the line spacing where the anchor column or several columns start
/// text; with even spacing (when `uniform` allows), where the anchor column has text.
pub fn split_rows(
    page: &PageLayout,
    words: &[usize],
    bounds: &[f32],
    size: f32,
    uniform: bool,
    gap_hint: f32,
    tol: &Tolerances,
) -> Vec<f32> {
    let lv = levels(page, words, tol);
    if lv.len() < 2 {
        return Vec::new();
    }
    let cols: Vec<Vec<usize>> = lv
        .iter()
        .map(|l| {
            let mut c: Vec<usize> = l
                .words
                .iter()
                .filter_map(|&i| page.words.get(i))
                .map(|w| col_of(bounds, w.bbox.cx()))
                .collect();
            c.sort_unstable();
            c.dedup();
            c
        })
        .collect();
    let ncols = bounds.len() + 1;
    // per line, the bottom of each column's words
    let col_bottoms: Vec<Vec<Option<f32>>> = lv
        .iter()
        .map(|l| {
            let mut bottoms: Vec<Option<f32>> = vec![None; ncols];
            for w in l.words.iter().filter_map(|&i| page.words.get(i)) {
                let c = col_of(bounds, w.bbox.cx()).min(ncols - 1);
                let b = bottoms[c].get_or_insert(w.bbox.bottom);
                *b = b.max(w.bbox.bottom);
            }
            bottoms
        })
        .collect();
    // line spacing inside a column: gaps between consecutive lines of one column
    let mut local_gaps = Vec::new();
    {
        let mut last: Vec<Option<f32>> = vec![None; ncols];
        for (k, l) in lv.iter().enumerate() {
            for c in 0..ncols {
                if let Some(b) = col_bottoms[k][c] {
                    if let Some(lb) = last[c] {
                        local_gaps.push(l.bbox.top - lb);
                    }
                    last[c] = Some(b);
                }
            }
        }
    }
    local_gaps.sort_by(|a, b| a.total_cmp(b));
    let base = local_gaps
        .get(local_gaps.len() / 4)
        .copied()
        .unwrap_or(0.0)
        .min(gap_hint)
        .clamp(-(tol.row_base_min_em * size), tol.row_base_max_em * size);
    // a blank line's worth of space is a row gap whatever the spacing elsewhere
    let thr = (base + (tol.row_gap_em * size).max(tol.row_gap_min)).min(tol.row_gap_max_em * size);
    tracing::trace!("split_rows levels {} base {base} thr {thr}", lv.len());
    // columns that start new text at each line: text in a column after a
    // vertical gap (in that column) larger than the line spacing, or its first text
    let mut last_bottom: Vec<Option<f32>> = vec![None; ncols];
    let mut starts: Vec<Vec<usize>> = Vec::with_capacity(lv.len());
    for (k, l) in lv.iter().enumerate() {
        let mut st = Vec::new();
        for c in 0..ncols {
            if let Some(b) = col_bottoms[k][c] {
                match last_bottom[c] {
                    Some(lb) if l.bbox.top - lb <= thr => {}
                    _ => st.push(c),
                }
                last_bottom[c] = Some(b);
            }
        }
        starts.push(st);
    }
    let near = tol.row_same_line_em * size;
    // columns starting new text at about each line's height (cells may sit a little offset)
    let window = |k: usize| -> Vec<usize> {
        let mut win: Vec<usize> = Vec::new();
        for j in k..lv.len() {
            if lv[j].bbox.top - lv[k].bbox.top > near {
                break;
            }
            win.extend(starts[j].iter().copied());
        }
        win.sort_unstable();
        win.dedup();
        win
    };
    // the anchor column is the one that most often starts text together with others
    let mut votes = vec![0usize; ncols];
    for k in 0..lv.len() {
        let win = window(k);
        if win.len() >= 2 {
            for &c in &win {
                votes[c] += 1;
            }
        }
    }
    let anchor = (0..ncols)
        .max_by_key(|&c| (votes[c], std::cmp::Reverse(c)))
        .filter(|&c| votes[c] > 0);
    // a row boundary: no column's text runs on across it at line spacing
    let continues_across = |k: usize| -> bool {
        (0..ncols).any(|c| {
            let above = (0..=k).rev().find_map(|j| col_bottoms[j][c]);
            let below = (k + 1..lv.len())
                .find(|&j| col_bottoms[j][c].is_some())
                .map(|j| lv[j].bbox.top);
            matches!((above, below), (Some(a), Some(b)) if b - a <= thr)
        })
    };
    let mut breaks: Vec<usize> = Vec::new();
    for k in 0..lv.len() - 1 {
        if starts[k + 1].is_empty() {
            continue;
        }
        let win = window(k + 1);
        if tracing::enabled!(tracing::Level::TRACE) {
            let t: Vec<&str> = lv[k + 1]
                .words
                .iter()
                .filter_map(|&i| page.words.get(i))
                .map(|w| w.text.as_str())
                .take(3)
                .collect();
            tracing::trace!(
                "  cand {:?} top {} win {:?} anchor {:?} cont {}",
                t,
                lv[k + 1].bbox.top,
                win,
                anchor,
                continues_across(k)
            );
        }
        if (win.len() >= 2 || anchor.is_some_and(|a| win.contains(&a))) && !continues_across(k) {
            if let Some(&pk) = breaks.last() {
                if lv[k + 1].bbox.top - lv[pk + 1].bbox.top <= near {
                    continue;
                }
            }
            breaks.push(k);
        }
    }
    if breaks.is_empty() && uniform {
        // Evenly spaced lines: a line of the anchor column starts a new row unless
        // the line above it in that column was full (its text wrapped onto this one).
        let anchor = (0..ncols).find(|&c| {
            cols.iter().filter(|cs| cs.contains(&c)).count() * 100 >= lv.len() * tol.row_anchor_pct
        });
        if let Some(a) = anchor {
            let in_col = |k: usize| -> Vec<&plansift_layout::Word> {
                lv[k]
                    .words
                    .iter()
                    .filter_map(|&i| page.words.get(i))
                    .filter(|w| col_of(bounds, w.bbox.cx()).min(ncols - 1) == a)
                    .collect()
            };
            let right = (0..lv.len())
                .flat_map(|k| in_col(k).into_iter().map(|w| w.bbox.x1).collect::<Vec<_>>())
                .fold(f32::NEG_INFINITY, f32::max);
            // a column of single tokens (codes, dates, amounts) does not wrap
            let (lines, single) = (0..lv.len())
                .map(|k| in_col(k).len())
                .filter(|&n| n > 0)
                .fold((0, 0), |(l, s), n| (l + 1, s + (n == 1) as usize));
            let tokens = single * 100 >= lines * tol.row_token_pct;
            let mut prev_end: Option<f32> = None;
            for k in 0..lv.len() {
                let ws = in_col(k);
                if ws.is_empty() {
                    continue;
                }
                let first = ws.iter().map(|w| w.bbox.width()).next().unwrap_or(0.0);
                let end = ws
                    .iter()
                    .map(|w| w.bbox.x1)
                    .fold(f32::NEG_INFINITY, f32::max);
                if let Some(pe) = prev_end {
                    let would_fit = tokens
                        || pe + tol.row_wrap_space_em * size + first <= right + tol.row_wrap_slack;
                    if would_fit && k > 0 {
                        breaks.push(k - 1);
                    }
                }
                prev_end = Some(end);
            }
        }
    }
    let mut maxb = Vec::with_capacity(lv.len());
    let mut mb = f32::NEG_INFINITY;
    for l in &lv {
        mb = mb.max(l.bbox.bottom);
        maxb.push(mb);
    }
    breaks
        .into_iter()
        .map(|k| {
            ((maxb[k] + lv[k + 1].bbox.top) / 2.0).min(lv[k + 1].bbox.top - tol.row_boundary_above)
        })
        .collect()
}

/// The gap that separates the parts of a line (cells of a row, columns).
pub fn chunk_gap(size: f32, tol: &Tolerances) -> f32 {
    (tol.chunk_gap_em * size).max(tol.chunk_gap_min)
}

/// Split a line's words into chunks separated by gaps wider than `min_gap`.
pub fn chunks(page: &PageLayout, l: &Level, min_gap: f32) -> Vec<(f32, f32)> {
    let mut out: Vec<(f32, f32)> = Vec::new();
    for &i in &l.words {
        let Some(w) = page.words.get(i) else { continue };
        match out.last_mut() {
            Some(c) if w.bbox.x0 - c.1 < min_gap => c.1 = c.1.max(w.bbox.x1),
            _ => out.push((w.bbox.x0, w.bbox.x1)),
        }
    }
    out
}

/// Typical vertical distance between consecutive lines' tops.
pub fn line_pitch(lv: &[Level], size: f32, tol: &Tolerances) -> f32 {
    let mut d: Vec<f32> = lv
        .windows(2)
        .map(|w| w[1].bbox.top - w[0].bbox.top)
        .filter(|d| *d >= tol.pitch_min_em * size)
        .collect();
    d.sort_by(|a, b| a.total_cmp(b));
    d.get(d.len() / 4).copied().unwrap_or(0.0)
}

/// Number of lines with a word crossing `x`.
pub fn crossings(page: &PageLayout, lv: &[Level], x: f32, tol: &Tolerances) -> usize {
    lv.iter()
        .filter(|l| {
            l.words
                .iter()
                .filter_map(|&i| page.words.get(i))
                .any(|w| w.bbox.x0 < x - tol.template_cross && w.bbox.x1 > x + tol.template_cross)
        })
        .count()
}

/// Merge column boundaries remembered from an earlier part of a table with the
/// same extent: keep those no word on this part crosses (columns that are
/// empty on this page stay columns).
pub fn merge_template(
    page: &PageLayout,
    lv: &[Level],
    own: &[f32],
    template: &[f32],
    size: f32,
    tol: &Tolerances,
) -> Vec<f32> {
    let min_gap = column_gap(size, tol);
    if own.len() >= template.len() {
        return own.to_vec();
    }
    let allowed = 0;
    let mut out: Vec<f32> = own.to_vec();
    for &t in template {
        if own
            .iter()
            .any(|b| (b - t).abs() < tol.template_same_gap * min_gap)
        {
            continue;
        }
        let clear = !lv
            .iter()
            .flat_map(|l| l.words.iter())
            .filter_map(|&i| page.words.get(i))
            .any(|w| {
                w.bbox.x0 < t + tol.template_clear * min_gap
                    && w.bbox.x1 > t - tol.template_clear * min_gap
            });
        if clear && crossings(page, lv, t, tol) <= allowed {
            out.push(t);
        }
    }
    out.sort_by(|a, b| a.total_cmp(b));
    // where a template boundary replaced a nearby own one, prefer the template's position
    let mut merged: Vec<f32> = Vec::new();
    for b in out {
        match merged.last() {
            Some(&l) if b - l < min_gap => {}
            _ => merged.push(b),
        }
    }
    merged
}

/// The usual vertical gap between consecutive lines of one paragraph or cell on
/// a page: for each word, the gap to the nearest word below it that it overlaps
/// horizontally; a low percentile of those.
pub fn line_gap_hint(page: &PageLayout, words: &[usize], size: f32, tol: &Tolerances) -> f32 {
    let mut ws: Vec<&plansift_layout::Word> =
        words.iter().filter_map(|&i| page.words.get(i)).collect();
    ws.sort_by(|a, b| a.bbox.top.total_cmp(&b.bbox.top));
    let mut gaps = Vec::new();
    for (i, w) in ws.iter().enumerate() {
        let mut best: Option<f32> = None;
        for o in ws.iter().skip(i + 1) {
            if o.bbox.top > w.bbox.bottom + tol.gap_hint_search_em * size {
                break;
            }
            if o.bbox.top < w.bbox.bottom - tol.gap_hint_overlap * w.bbox.height() {
                continue;
            }
            let ov = w.bbox.x1.min(o.bbox.x1) - w.bbox.x0.max(o.bbox.x0);
            if ov > 0.0 {
                let g = o.bbox.top - w.bbox.bottom;
                best = Some(best.map_or(g, |b: f32| b.min(g)));
            }
        }
        if let Some(g) = best {
            gaps.push(g);
        }
    }
    if gaps.len() < tol.gap_hint_min_samples {
        return f32::INFINITY;
    }
    gaps.sort_by(|a, b| a.total_cmp(b));
    gaps[gaps.len() / 5]
}
