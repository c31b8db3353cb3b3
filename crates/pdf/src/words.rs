//! Glyphs -> words -> lines.
//!
//! Words follow poppler's `TextPage::addChar` rules so that their text and
//! boxes match `pdftotext -bbox`: a word ends at a white-space glyph, at a gap
//! wider than 0.1 em, at an overlap of more than 0.2 em, at a baseline shift of
//! more than 0.5 pt, or at a change of font size or direction. The box runs
//! from the first glyph's origin to the last glyph's advance, and from
//! `baseline - ascent * size` to `baseline - descent * size` with the font
//! descriptor's ascent and descent.
//!
//! Lines join words that share a baseline, in content-stream order, as long as
//! the gap between them is under [`LINE_GAP`] em and no vertical ruling line
//! runs through the gap (so two table cells side by side stay two lines).
//! Lines are in the order their first word was drawn (the producer's reading
//! order); words within a line run left to right.

use crate::font::Font;
use crate::interp::{Glyph, RawPage};
use plansift_layout::{BBox, Rule, TextLine, Word};

/// Largest gap (in units of the font size) between two words of one line.
pub const LINE_GAP: f64 = 0.8;

struct WordAcc {
    text: String,
    p0: f64,
    pend: f64,
    last_p0: f64,
    last_text: (u32, u32),
    base: f64,
    size: f64,
    rot: u8,
    first: usize,
}

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

struct ProtoWord {
    word: Word,
    p0: f64,
    pend: f64,
    base: f64,
    rot: u8,
}

pub fn build(raw: &RawPage, fonts: &[Font]) -> PageWords {
    let mut protos: Vec<ProtoWord> = Vec::new();
    let mut cur: Option<WordAcc> = None;
    let finish = |acc: WordAcc, protos: &mut Vec<ProtoWord>| {
        if acc.text.is_empty() {
            return;
        }
        let g = &raw.glyphs[acc.first];
        let font = fonts.get(g.font as usize);
        let (asc, desc) = font.map(|f| (f.ascent, f.descent)).unwrap_or((0.95, -0.35));
        let s = acc.size;
        let bbox = match acc.rot {
            0 => BBox::new(
                acc.p0 as f32,
                (acc.base - asc * s) as f32,
                acc.pend as f32,
                (acc.base - desc * s) as f32,
            ),
            1 => BBox::new(
                (-acc.base + desc * s) as f32,
                acc.p0 as f32,
                (-acc.base + asc * s) as f32,
                acc.pend as f32,
            ),
            2 => BBox::new(
                (-acc.pend) as f32,
                (-acc.base + desc * s) as f32,
                (-acc.p0) as f32,
                (-acc.base + asc * s) as f32,
            ),
            _ => BBox::new(
                (acc.base - asc * s) as f32,
                (-acc.pend) as f32,
                (acc.base - desc * s) as f32,
                (-acc.p0) as f32,
            ),
        };
        protos.push(ProtoWord {
            word: Word {
                text: acc.text,
                bbox,
                size: s as f32,
                bold: font.is_some_and(|f| f.bold),
                color: g.color,
                mcid: g.mcid,
                line: 0,
            },
            p0: acc.p0,
            pend: acc.pend,
            base: acc.base,
            rot: acc.rot,
        });
    };
    for (i, g) in raw.glyphs.iter().enumerate() {
        if g.space {
            if let Some(acc) = cur.take() {
                finish(acc, &mut protos);
            }
            continue;
        }
        let t = raw
            .text
            .get(g.text.0 as usize..g.text.1 as usize)
            .unwrap_or("");
        if t.is_empty() {
            continue;
        }
        let (p0, p1, base) = project(g);
        if let Some(acc) = &cur {
            let fs = acc.size;
            let sp = p0 - acc.pend;
            let delta = p0 - acc.last_p0;
            let overlap = delta.abs() < 0.1 * fs && (base - acc.base).abs() < 0.2 * fs;
            let last_t = raw
                .text
                .get(acc.last_text.0 as usize..acc.last_text.1 as usize)
                .unwrap_or("");
            if overlap && last_t == t && g.rot == acc.rot {
                // the same glyph drawn again on top (fake bold, shadows)
                continue;
            }
            if overlap
                || sp < -0.2 * fs
                || sp > 0.1 * fs
                || (base - acc.base).abs() > 0.5
                || (g.size - fs).abs() > 0.01
                || g.rot != acc.rot
            {
                if let Some(acc) = cur.take() {
                    finish(acc, &mut protos);
                }
            }
        }
        match &mut cur {
            Some(acc) => {
                acc.text.push_str(t);
                acc.pend = p1;
                acc.last_p0 = p0;
                acc.last_text = g.text;
            }
            None => {
                cur = Some(WordAcc {
                    text: t.to_string(),
                    p0,
                    pend: p1,
                    last_p0: p0,
                    last_text: g.text,
                    base,
                    size: g.size,
                    rot: g.rot,
                    first: i,
                })
            }
        }
    }
    if let Some(acc) = cur.take() {
        finish(acc, &mut protos);
    }
    group_lines(protos, &raw.rules)
}

struct LineAcc {
    words: Vec<usize>,
    base: f64,
    size: f64,
    pend: f64,
    rot: u8,
}

fn rule_between(rules: &[Rule], x0: f64, x1: f64, y: f64) -> bool {
    rules.iter().any(|r| {
        let vertical = (r.bottom - r.top) > (r.x1 - r.x0);
        vertical
            && (r.x0 as f64) >= x0 - 0.5
            && (r.x1 as f64) <= x1 + 0.5
            && (r.top as f64) <= y
            && (r.bottom as f64) >= y
    })
}

fn group_lines(protos: Vec<ProtoWord>, rules: &[Rule]) -> PageWords {
    let mut lines: Vec<LineAcc> = Vec::new();
    for (wi, pw) in protos.iter().enumerate() {
        let size = pw.word.size as f64;
        let mut best: Option<(usize, f64)> = None;
        let lo = lines.len().saturating_sub(24);
        for (li, l) in lines.iter().enumerate().skip(lo) {
            if l.rot != pw.rot || (l.base - pw.base).abs() > 0.25 * size.min(l.size) {
                continue;
            }
            let ratio = size.max(l.size) / size.min(l.size).max(0.01);
            if ratio > 1.5 {
                continue;
            }
            let gap = pw.p0 - l.pend;
            if gap < -0.5 * size || gap > LINE_GAP * size.max(l.size) {
                continue;
            }
            if pw.rot == 0
                && gap > 0.0
                && rule_between(rules, l.pend, pw.p0, pw.word.bbox.cy() as f64)
            {
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
                l.pend = l.pend.max(pw.pend);
            }
            None => lines.push(LineAcc {
                words: vec![wi],
                base: pw.base,
                size,
                pend: pw.pend,
                rot: pw.rot,
            }),
        }
    }
    let mut protos: Vec<Option<ProtoWord>> = protos.into_iter().map(Some).collect();
    let mut words = Vec::new();
    let mut out_lines = Vec::new();
    for l in lines {
        let mut ws: Vec<ProtoWord> = l
            .words
            .iter()
            .filter_map(|&i| protos.get_mut(i).and_then(Option::take))
            .collect();
        ws.sort_by(|a, b| a.p0.total_cmp(&b.p0));
        let li = out_lines.len();
        let mut idx = Vec::with_capacity(ws.len());
        let mut bbox: Option<BBox> = None;
        for mut w in ws {
            w.word.line = li;
            bbox = Some(bbox.map_or(w.word.bbox, |b| b.union(&w.word.bbox)));
            idx.push(words.len());
            words.push(w.word);
        }
        out_lines.push(TextLine {
            bbox: bbox.unwrap_or_default(),
            words: idx,
        });
    }
    PageWords {
        words,
        lines: out_lines,
    }
}
