//! Stream (white-space) tables: runs of lines among the words left over whose
//! words fall into columns separated by white space; columns from alignment,
//! rows from line spacing.

use crate::align::{chunks, infer_columns, line_pitch, split_rows};
use crate::build::build_aligned;
use crate::strategy::{Area, Found, PageScan, Scope, TableStrategy};
use crate::text::{levels, median_size, words_bbox, Level};
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
        stream_tables(scan.page, &free, scan.body, scan.hint)
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
fn stream_tables(
    page: &PageLayout,
    free: &[usize],
    body: f32,
    hint: f32,
) -> Vec<(Table, Vec<usize>)> {
    let mut out = Vec::new();
    if free.is_empty() {
        return out;
    }
    let size = median_size(page, free).max(0.5 * body);
    let lv = levels(page, free);
    let pitch = {
        let p = line_pitch(&lv, size);
        if p > 0.0 {
            p
        } else {
            1.2 * size
        }
    };
    let chunk_gap = (1.0 * size).max(6.0);
    let nch: Vec<Vec<(f32, f32)>> = lv.iter().map(|l| chunks(page, l, chunk_gap)).collect();
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
            if gap > (2.5 * pitch).max(3.0 * size) {
                break;
            }
            // a single block of text after a wider gap than any inside the run
            if nch[j].len() == 1 && j - i >= 2 && gap > 1.6 * max_gap.max(pitch) {
                break;
            }
            max_gap = max_gap.max(gap);
            let (x0, x1) = run_x(&lv[i..j]);
            let bounds = infer_columns(page, &lv[i..j], x0 - 1.0, x1 + 1.0, size);
            if nch[j].len() == 1 {
                let (a, b) = nch[j][0];
                if bounds.iter().any(|&x| a < x - 1.0 && b > x + 1.0) {
                    break;
                }
            }
            j += 1;
        }
        if j - i >= 2 {
            match stream_table(page, &lv[i..j], size, hint) {
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

fn stream_table(page: &PageLayout, lv: &[Level], size: f32, hint: f32) -> Run {
    let (x0, x1) = run_x(lv);
    let bounds = infer_columns(page, lv, x0 - 1.0, x1 + 1.0, size);
    if bounds.is_empty() {
        return Run::None;
    }
    let words: Vec<usize> = lv.iter().flat_map(|l| l.words.iter().copied()).collect();
    let Some(b) = words_bbox(page, &words) else {
        return Run::None;
    };
    let mut ys = vec![b.top - 0.5];
    ys.extend(split_rows(page, &words, &bounds, size, true, hint));
    ys.push(b.bottom + 0.5);
    let Some((t, taken)) = build_aligned(
        page,
        &words,
        x0 - 0.5,
        x1 + 0.5,
        &bounds,
        &ys,
        TableOrigin::Aligned,
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
    let prose = t.columns() == 2 && mean_words > 30.0;
    if prose {
        Run::Prose
    } else if t.rows.len() >= 2 && multi >= 2 {
        Run::Table((t, taken))
    } else {
        Run::None
    }
}
