//! Glyphs -> words -> lines.
//!
//! Words follow poppler's text extraction so that their text and boxes match
//! `pdftotext -bbox`:
//! - `TextPage::addChar`: a word ends at a white-space glyph, at a gap wider
//!   than 0.1 em, at an overlap of more than 0.2 em or a glyph drawn on the
//!   previous one, at a baseline shift of more than 0.5 pt, or at a change of
//!   font size or direction; glyphs drawn backwards are words of their own;
//! - duplicated words (fake bold, shadows) are dropped;
//! - `TextLine::coalesce`: neighbouring words on one line whose codes were
//!   shown one after the other merge again when the gap between them is under
//!   0.03 em, or — in a line made of single letters (letter-spaced text) —
//!   under 1.3 times the smallest gap, at most 0.4 em.
//!
//! A word's box runs from its first glyph's origin to its last glyph's
//! advance, and from `baseline - ascent * size` to `baseline - descent * size`.
//!
//! Lines ([`TextLine`]) join words that share a baseline, in content-stream
//! order, as long as the gap between them is under [`LINE_GAP`] em and no
//! vertical ruling line runs through the gap (so two table cells side by
//! side stay two lines). Lines are in the order their first word was drawn
//! (the producer's reading order); words within a line run left to right.

use crate::font::Font;
use crate::interp::{Glyph, RawPage};
use plansift_layout::{BBox, Rule, TextLine, Word};

/// Largest gap (in units of the font size) between two words of one line.
pub const LINE_GAP: f64 = 0.8;

const MIN_WORD_BREAK_SPACE: f64 = 0.1;
const MIN_DUP_BREAK_OVERLAP: f64 = 0.2;
const DUP_MAX_PRI_DELTA: f64 = 0.1;
const DUP_MAX_SEC_DELTA: f64 = 0.2;
const MAX_CHAR_SPACING: f64 = 0.03;
const MAX_WIDE_CHAR_SPACING_MUL: f64 = 1.3;
const MAX_WIDE_CHAR_SPACING: f64 = 0.4;
const MAX_WORD_FONT_SIZE_DELTA: f64 = 0.05;
/// Words compared with each word when looking for duplicates.
const DUP_WINDOW: usize = 64;

/// Primary-axis start, end and baseline of a glyph in its direction.
fn project(g: &Glyph) -> (f64, f64, f64) {
    match g.rot {
        0 => (g.ox, g.ox + g.dx, g.oy),
        1 => (g.oy, g.oy + g.dy, -g.ox),
        2 => (-g.ox, -(g.ox + g.dx), -g.oy),
        _ => (-g.oy, -(g.oy + g.dy), g.ox),
    }
}

pub struct PageWords {
    pub words: Vec<Word>,
    pub lines: Vec<TextLine>,
}

/// A word under construction, in its direction's coordinates.
#[derive(Debug, Clone)]
struct Proto {
    text: String,
    /// Number of glyphs.
    len: usize,
    p0: f64,
    pend: f64,
    /// Origin of the last glyph.
    last_p0: f64,
    base: f64,
    size: f64,
    rot: u8,
    font: u32,
    /// First glyph (colour, marked content).
    first: usize,
    seq_start: u32,
    seq_end: u32,
    /// The word began where its first glyph overlapped the previous word's
    /// last one: pdftotext does not merge it back.
    after_overlap: bool,
}

pub fn build(raw: &RawPage, fonts: &[Font]) -> PageWords {
    let protos = add_chars(raw, fonts);
    let protos = drop_duplicates(protos);
    let protos = coalesce(protos);
    let words: Vec<(Word, Proto)> = protos
        .into_iter()
        .map(|p| (to_word(&p, raw, fonts), p))
        .collect();
    group_lines(words, &raw.rules)
}

/// The combining form of a diacritic (poppler's `getCombiningChar`).
fn combining(c: char) -> Option<char> {
    let m = match c {
        '\u{300}'..='\u{36f}' => return Some(c),
        '`' => '\u{300}',
        '\u{b4}' => '\u{301}',
        '\u{2c6}' | '^' => '\u{302}',
        '\u{2dc}' | '~' => '\u{303}',
        '\u{af}' => '\u{304}',
        '\u{2d8}' => '\u{306}',
        '\u{2d9}' => '\u{307}',
        '\u{a8}' => '\u{308}',
        '\u{2da}' => '\u{30a}',
        '\u{2dd}' => '\u{30b}',
        '\u{2c7}' => '\u{30c}',
        '\u{b8}' => '\u{327}',
        '\u{2db}' => '\u{328}',
        _ => return None,
    };
    Some(m)
}

fn single_char(t: &str) -> Option<char> {
    let mut it = t.chars();
    let c = it.next()?;
    it.next().is_none().then_some(c)
}

/// poppler's `TextWord::addCombining`: a diacritic drawn over the previous
/// letter joins it as a combining mark (and a letter drawn under a preceding
/// diacritic goes before it), without moving the word's edges.
fn add_combining(w: &mut Proto, t: &str, p0: f64, p1: f64, base: f64, height: f64) -> bool {
    let Some(cur) = single_char(t) else {
        return false;
    };
    let Some(prev) = w.text.chars().last() else {
        return false;
    };
    let edge_mid = (w.last_p0 + w.pend) / 2.0;
    let char_mid = p0 + (p1 - p0) / 2.0;
    if let (Some(comb), true) = (combining(cur), prev.is_alphanumeric()) {
        let max_mid = (w.pend - w.last_p0).abs() * 0.3;
        if (char_mid - edge_mid).abs() >= max_mid || (base - w.base).abs() >= height * 0.4 {
            return false;
        }
        w.text.push(comb);
        w.len += 1;
        w.last_p0 = edge_mid;
        return true;
    }
    if let (Some(comb), true) = (combining(prev), cur.is_alphanumeric()) {
        let max_mid = ((p1 - p0) * 0.3).abs();
        if (char_mid - edge_mid).abs() >= max_mid || (base - w.base).abs() >= height * 0.4 {
            return false;
        }
        w.text.pop();
        w.text.push(cur);
        w.text.push(comb);
        w.len += 1;
        w.pend = w.pend.max(p1);
        return true;
    }
    false
}

fn add_chars(raw: &RawPage, fonts: &[Font]) -> Vec<Proto> {
    let mut protos: Vec<Proto> = Vec::new();
    let mut cur: Option<Proto> = None;
    let mut last_char_overlap = false;
    for (i, g) in raw.glyphs.iter().enumerate() {
        if g.space {
            if let Some(w) = cur.take() {
                protos.push(w);
            }
            continue;
        }
        let t = raw
            .text
            .get(g.text.0 as usize..g.text.1 as usize)
            .unwrap_or("");
        let (mut p0, mut p1, base) = project(g);
        if let Some(w) = &mut cur {
            if w.rot == g.rot && p1 >= p0 {
                let height = fonts
                    .get(w.font as usize)
                    .map_or(1.3, |f| f.ascent - f.descent)
                    * w.size;
                if add_combining(w, t, p0, p1, base, height) {
                    w.seq_end = g.seq.wrapping_add(1);
                    continue;
                }
            }
        }
        if let Some(w) = &cur {
            let fs = w.size;
            let sp = p0 - w.pend;
            let delta = p0 - w.last_p0;
            let overlap = delta.abs() < DUP_MAX_PRI_DELTA * fs
                && (base - w.base).abs() < DUP_MAX_SEC_DELTA * fs;
            if overlap
                || last_char_overlap
                || sp < -MIN_DUP_BREAK_OVERLAP * fs
                || sp > MIN_WORD_BREAK_SPACE * fs
                || (base - w.base).abs() > 0.5
                || g.size != w.size
                || g.rot != w.rot
            {
                if let Some(w) = cur.take() {
                    protos.push(w);
                }
            }
            last_char_overlap = overlap;
        } else {
            last_char_overlap = false;
        }
        let after_overlap = last_char_overlap;
        if t.is_empty() {
            continue;
        }
        // A word started by this glyph (its ends in drawing order).
        let new_word = |p0: f64, p1: f64| Proto {
            text: t.to_string(),
            len: 1,
            p0,
            pend: p1,
            last_p0: p0,
            base,
            size: g.size,
            rot: g.rot,
            font: g.font,
            first: i,
            seq_start: g.seq,
            seq_end: g.seq.wrapping_add(1),
            after_overlap,
        };
        if p1 < p0 {
            // drawn backwards: a word of its own, with its ends swapped
            if let Some(w) = cur.take() {
                protos.push(w);
            }
            std::mem::swap(&mut p0, &mut p1);
            protos.push(new_word(p0, p1));
            continue;
        }
        match &mut cur {
            Some(w) => {
                w.text.push_str(t);
                w.len += 1;
                w.pend = p1;
                w.last_p0 = p0;
                w.seq_end = g.seq.wrapping_add(1);
            }
            None => cur = Some(new_word(p0, p1)),
        }
    }
    if let Some(w) = cur.take() {
        protos.push(w);
    }
    protos
}

/// Drop a word that repeats an earlier one at (almost) the same place.
fn drop_duplicates(protos: Vec<Proto>) -> Vec<Proto> {
    let mut order: Vec<usize> = (0..protos.len()).collect();
    order.sort_by(|&a, &b| {
        protos[a]
            .rot
            .cmp(&protos[b].rot)
            .then(protos[a].base.total_cmp(&protos[b].base))
            .then(protos[a].p0.total_cmp(&protos[b].p0))
    });
    let mut dead = vec![false; protos.len()];
    // compare each word with the words kept just before it in this order
    // (a bounded window, so a pathological page stays linear)
    let mut kept: Vec<usize> = Vec::new();
    for &j in &order {
        let b = &protos[j];
        let dup = kept.iter().rev().take(DUP_WINDOW).any(|&i| {
            let a = &protos[i];
            a.rot == b.rot
                && (b.base - a.base).abs() < DUP_MAX_SEC_DELTA * a.size
                && a.len == b.len
                && a.text == b.text
                && (b.p0 - a.p0).abs() < DUP_MAX_PRI_DELTA * a.size
                && (b.pend - a.pend).abs() < DUP_MAX_PRI_DELTA * a.size
        });
        if dup {
            dead[j] = true;
        } else {
            kept.push(j);
        }
    }
    protos
        .into_iter()
        .zip(dead)
        .filter(|(_, d)| !d)
        .map(|(p, _)| p)
        .collect()
}

/// poppler's `TextLine::coalesce` merge of words split by `addChar`.
fn coalesce(protos: Vec<Proto>) -> Vec<Proto> {
    if protos.len() < 2 {
        return protos;
    }
    // lines: same direction, same baseline, in primary order, no gap over 1.5 em
    let mut order: Vec<usize> = (0..protos.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&protos[a], &protos[b]);
        x.rot
            .cmp(&y.rot)
            .then(x.base.total_cmp(&y.base))
            .then(x.p0.total_cmp(&y.p0))
    });
    let mut lines: Vec<Vec<usize>> = Vec::new();
    let mut i = 0;
    while i < order.len() {
        // a run of words sharing the baseline (within 0.5 pt)
        let first = &protos[order[i]];
        let mut j = i + 1;
        while j < order.len()
            && protos[order[j]].rot == first.rot
            && protos[order[j]].base - first.base <= 0.5
        {
            j += 1;
        }
        let mut run: Vec<usize> = order[i..j].to_vec();
        run.sort_by(|&a, &b| protos[a].p0.total_cmp(&protos[b].p0));
        let mut line = vec![run[0]];
        for w in run.into_iter().skip(1) {
            let prev = &protos[*line.last().unwrap_or(&w)];
            if protos[w].p0 - prev.pend > 1.5 * prev.size {
                lines.push(std::mem::take(&mut line));
            }
            line.push(w);
        }
        lines.push(line);
        i = j;
    }
    let mut slots: Vec<Option<Proto>> = protos.into_iter().map(Some).collect();
    for line in &lines {
        if line.len() < 2 {
            continue;
        }
        let get = |k: usize| slots[line[k]].as_ref();
        let (Some(w0), Some(w1)) = (get(0), get(1)) else {
            continue;
        };
        let fs = w0.size;
        let mut min_space = 0.0;
        if w0.len == 1 && w1.len == 1 {
            min_space = w1.p0 - w0.pend;
            for k in 1..line.len() - 1 {
                if min_space <= 0.0 {
                    break;
                }
                let (Some(a), Some(b)) = (get(k), get(k + 1)) else {
                    break;
                };
                if b.len > 1 {
                    min_space = 0.0;
                }
                let d = b.p0 - a.pend;
                if d < min_space {
                    min_space = d;
                }
            }
        }
        let space = if min_space <= 0.0 {
            MAX_CHAR_SPACING * fs
        } else {
            (MAX_WIDE_CHAR_SPACING_MUL * min_space).min(MAX_WIDE_CHAR_SPACING * fs)
        };
        let mut k0 = line[0];
        for &k1 in &line[1..] {
            let (Some(a), Some(b)) = (slots[k0].as_ref(), slots[k1].as_ref()) else {
                continue;
            };
            let gap = b.p0 - a.pend;
            // (a word that began on top of its predecessor's last glyph
            // and runs back over it by more than 0.2 em stays apart, as
            // pdftotext keeps it)
            if gap < space
                && !(b.after_overlap && gap < -MIN_DUP_BREAK_OVERLAP * fs)
                && a.font == b.font
                && (a.size - b.size).abs() < MAX_WORD_FONT_SIZE_DELTA * fs
                && b.seq_start == a.seq_end
            {
                let b = slots[k1].take();
                if let (Some(a), Some(b)) = (slots[k0].as_mut(), b) {
                    a.text.push_str(&b.text);
                    a.len += b.len;
                    a.pend = a.pend.max(b.pend);
                    a.last_p0 = b.last_p0;
                    a.seq_end = b.seq_end;
                }
            } else {
                k0 = k1;
            }
        }
    }
    slots.into_iter().flatten().collect()
}

fn to_word(p: &Proto, raw: &RawPage, fonts: &[Font]) -> Word {
    let g = &raw.glyphs[p.first];
    let font = fonts.get(p.font as usize);
    let (asc, desc) = font.map(|f| (f.ascent, f.descent)).unwrap_or((0.95, -0.35));
    let s = p.size;
    let (a, d) = (asc * s, desc * s);
    let bbox = match p.rot {
        0 => BBox::new(
            p.p0 as f32,
            (p.base - a) as f32,
            p.pend as f32,
            (p.base - d) as f32,
        ),
        1 => BBox::new(
            (-p.base + d) as f32,
            p.p0 as f32,
            (-p.base + a) as f32,
            p.pend as f32,
        ),
        2 => BBox::new(
            (-p.pend) as f32,
            (-p.base + d) as f32,
            (-p.p0) as f32,
            (-p.base + a) as f32,
        ),
        _ => BBox::new(
            (p.base - a) as f32,
            (-p.pend) as f32,
            (p.base - d) as f32,
            (-p.p0) as f32,
        ),
    };
    Word {
        text: p.text.clone(),
        bbox,
        size: s as f32,
        bold: font.is_some_and(|f| f.bold) || g.stroked_bold,
        color: g.color,
        mcid: g.mcid,
        line: 0,
    }
}

struct LineAcc {
    words: Vec<usize>,
    base: f64,
    size: f64,
    pend: f64,
    rot: u8,
}

/// Vertical rules sorted by x, for "is there a rule in this gap" queries.
struct VRules {
    /// (x0, x1, top, bottom), sorted by x0
    v: Vec<(f64, f64, f64, f64)>,
}

impl VRules {
    fn new(rules: &[Rule]) -> Self {
        let mut v: Vec<(f64, f64, f64, f64)> = rules
            .iter()
            .filter(|r| (r.bottom - r.top) > (r.x1 - r.x0))
            .map(|r| (r.x0 as f64, r.x1 as f64, r.top as f64, r.bottom as f64))
            .collect();
        v.sort_by(|a, b| a.0.total_cmp(&b.0));
        VRules { v }
    }

    /// A vertical rule lies within [x0, x1] and crosses height y.
    fn between(&self, x0: f64, x1: f64, y: f64) -> bool {
        let start = self.v.partition_point(|r| r.0 < x0 - 0.5);
        self.v[start..]
            .iter()
            .take_while(|r| r.0 <= x1 + 0.5)
            .any(|r| r.1 <= x1 + 0.5 && r.2 <= y && r.3 >= y)
    }
}

/// Words in content-stream order -> lines (see the module docs).
fn group_lines(words: Vec<(Word, Proto)>, rules: &[Rule]) -> PageWords {
    // content-stream order of the words
    let mut words = words;
    words.sort_by_key(|(_, p)| p.seq_start);
    let vrules = VRules::new(rules);
    let mut lines: Vec<LineAcc> = Vec::new();
    for (wi, (w, p)) in words.iter().enumerate() {
        let size = p.size;
        let mut best: Option<(usize, f64)> = None;
        let lo = lines.len().saturating_sub(24);
        for (li, l) in lines.iter().enumerate().skip(lo) {
            if l.rot != p.rot || (l.base - p.base).abs() > 0.25 * size.min(l.size) {
                continue;
            }
            let ratio = size.max(l.size) / size.min(l.size).max(0.01);
            if ratio > 1.5 {
                continue;
            }
            let gap = p.p0 - l.pend;
            if gap < -0.5 * size || gap > LINE_GAP * size.max(l.size) {
                continue;
            }
            if p.rot == 0 && gap > 0.0 && vrules.between(l.pend, p.p0, w.bbox.cy() as f64) {
                continue;
            }
            if best.is_none_or(|(_, g)| gap.abs() < g) {
                best = Some((li, gap.abs()));
            }
        }
        match best {
            Some((li, _)) => {
                let l = &mut lines[li];
                l.words.push(wi);
                l.pend = l.pend.max(p.pend);
            }
            None => lines.push(LineAcc {
                words: vec![wi],
                base: p.base,
                size,
                pend: p.pend,
                rot: p.rot,
            }),
        }
    }
    let mut slots: Vec<Option<(Word, Proto)>> = words.into_iter().map(Some).collect();
    let mut out_words = Vec::new();
    let mut out_lines = Vec::new();
    for l in lines {
        let mut ws: Vec<(Word, Proto)> = l
            .words
            .iter()
            .filter_map(|&i| slots.get_mut(i).and_then(Option::take))
            .collect();
        ws.sort_by(|a, b| a.1.p0.total_cmp(&b.1.p0));
        let li = out_lines.len();
        let mut idx = Vec::with_capacity(ws.len());
        let mut bbox: Option<BBox> = None;
        for (mut w, _) in ws {
            w.line = li;
            bbox = Some(bbox.map_or(w.bbox, |b| b.union(&w.bbox)));
            idx.push(out_words.len());
            out_words.push(w);
        }
        out_lines.push(TextLine {
            bbox: bbox.unwrap_or_default(),
            words: idx,
        });
    }
    PageWords {
        words: out_words,
        lines: out_lines,
    }
}
