//! Stream (white-space) tables: runs of lines among the words left over whose
//! words fall into columns separated by white space; columns from alignment,
//! rows from line spacing.

use crate::align::{chunk_gap, chunks, infer_columns, line_pitch, split_rows};
use crate::build::build_aligned;
use crate::strategy::{Area, Found, PageScan, Scope, TableStrategy};
use crate::text::{levels, median_size, words_bbox, Level};
use crate::Tolerances;
use plansift_layout::PageLayout;
use plansift_model::{Table, TableOrigin};

/// Tables in white space among the words the other strategies left.
pub struct Stream;

impl TableStrategy for Stream {
    fn name(&self) -> &'static str {
        "stream"
    }

    fn scope(&self) -> Scope {
        Scope::Page
    }

    fn find(&mut self, scan: &PageScan<'_>, area: Area<'_>) -> Vec<Found> {
        if !matches!(area, Area::Page) {
            return Vec::new();
        }
        let free = scan.free_words();
        stream_tables(scan, &free)
            .into_iter()
            .map(|(table, words)| Found {
                top: table.prov.bbox.map(|b| b[1]).unwrap_or(0.0),
                table,
                words,
            })
            .collect()
    }
}

/// Stream-style tables among free words: runs of lines whose words fall into
/// columns separated by white space.
fn stream_tables(scan: &PageScan<'_>, free: &[usize]) -> Vec<(Table, Vec<usize>)> {
    let (page, body, hint, tol) = (scan.page, scan.body, scan.hint, scan.tol);
    let mut out = Vec::new();
    if free.is_empty() {
        return out;
    }
    let size = median_size(page, free, tol).max(tol.min_size_of_body * body);
    let lv = levels(page, free, tol);
    let pitch = {
        let p = line_pitch(&lv, size, tol);
        if p > 0.0 {
            p
        } else {
            tol.pitch_default_em * size
        }
    };
    let gap_between = chunk_gap(size, tol);
    let nch: Vec<Vec<(f32, f32)>> = lv.iter().map(|l| chunks(page, l, gap_between)).collect();
    let mut i = 0;
    while i < lv.len() {
        if nch[i].len() < 2 {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        let mut max_gap = 0.0f32;
        while j < lv.len() {
            let gap = lv[j].bbox.top - lv[j - 1].bbox.bottom;
            if gap > (tol.stream_break_pitch * pitch).max(tol.stream_break_em * size) {
                break;
            }
            // a single block of text after a wider gap than any inside the run
            if nch[j].len() == 1 && j - i >= 2 && gap > tol.stream_text_gap * max_gap.max(pitch) {
                break;
            }
            max_gap = max_gap.max(gap);
            let (x0, x1) = run_x(&lv[i..j]);
            let m = tol.stream_margin;
            let bounds = infer_columns(page, &lv[i..j], x0 - m, x1 + m, size, tol);
            if nch[j].len() == 1 {
                let (a, b) = nch[j][0];
                if bounds
                    .iter()
                    .any(|&x| a < x - tol.column_cross && b > x + tol.column_cross)
                {
                    break;
                }
            }
            j += 1;
        }
        if j - i >= 2 {
            match stream_table(page, &lv[i..j], size, hint, tol) {
                Run::Table(t) => {
                    out.push(t);
                    i = j;
                    continue;
                }
                // running text in two columns: none of its lines start a table
                Run::Prose => {
                    i = j;
                    continue;
                }
                Run::None => {}
            }
        }
        i += 1;
    }
    out
}

fn run_x(lv: &[Level]) -> (f32, f32) {
    let x0 = lv.iter().map(|l| l.bbox.x0).fold(f32::INFINITY, f32::min);
    let x1 = lv
        .iter()
        .map(|l| l.bbox.x1)
        .fold(f32::NEG_INFINITY, f32::max);
    (x0, x1)
}

/// What a run of lines in columns is.
enum Run {
    Table((Table, Vec<usize>)),
    Prose,
    None,
}

fn stream_table(page: &PageLayout, lv: &[Level], size: f32, hint: f32, tol: &Tolerances) -> Run {
    let (x0, x1) = run_x(lv);
    let m = tol.stream_margin;
    let bounds = infer_columns(page, lv, x0 - m, x1 + m, size, tol);
    if bounds.is_empty() {
        return Run::None;
    }
    let words: Vec<usize> = lv.iter().flat_map(|l| l.words.iter().copied()).collect();
    let Some(b) = words_bbox(page, &words) else {
        return Run::None;
    };
    let pad = tol.table_pad;
    let mut ys = vec![b.top - pad];
    ys.extend(split_rows(page, &words, &bounds, size, true, hint, tol));
    ys.push(b.bottom + pad);
    let Some((t, taken)) = build_aligned(
        page,
        &words,
        (x0 - pad, x1 + pad),
        &bounds,
        &ys,
        TableOrigin::Aligned,
        tol,
    ) else {
        return Run::None;
    };
    let multi = t.rows.iter().filter(|row| row.filled() >= 2).count();
    // two columns of running text (a two-column page layout) are not a table
    let cells: Vec<usize> = t
        .rows
        .iter()
        .flat_map(|r| r.cells.iter())
        .filter(|c| !c.is_empty())
        .map(|c| c.text.split_whitespace().count())
        .collect();
    let mean_words = cells.iter().sum::<usize>() as f32 / cells.len().max(1) as f32;
    let prose = t.columns() == 2 && mean_words > tol.prose_mean_words;
    if prose {
        Run::Prose
    } else if t.rows.len() >= 2 && multi >= 2 {
        Run::Table((t, taken))
    } else {
        Run::None
    }
}
