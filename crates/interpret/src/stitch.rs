//! Fitting a later page of a table to the columns of its first page.
//!
//! A table finder may see a different number of columns on each page of one table (an
//! empty column has no text to find on one page, a ruled line or a tagged cell is missing
//! on another), and a producer may lay each page's part of the table out anew, so the
//! columns' positions need not agree either. A page's columns are therefore placed under
//! the plan's columns by what they hold: each column's content profile (the shares of
//! dates, ratings, names, codes and numbers, how action-like or narrative it reads, how
//! long its text is) is compared with the plan's, and the order-preserving placement with
//! the best total likeness wins ([`fit`]). Where the cells carry boxes, columns that also
//! overlap on the page count a little more.

use plansift_model::{Cell, Row, Table};

use crate::evidence::ColumnStats;

/// The horizontal extent `[x0, x1]` of each column, from cells that carry a box.
pub fn column_extents(rows: &[Row], width: usize) -> Vec<Option<[f32; 2]>> {
    let mut out: Vec<Option<[f32; 2]>> = vec![None; width];
    for r in rows {
        for (i, c) in r.cells.iter().enumerate().take(width) {
            if c.covered || c.colspan > 1 || c.text.trim().is_empty() {
                continue;
            }
            let Some(b) = c.prov.bbox else { continue };
            let e = out[i].get_or_insert([b[0], b[2]]);
            e[0] = e[0].min(b[0]);
            e[1] = e[1].max(b[2]);
        }
    }
    out
}

fn overlap_share(a: [f32; 2], b: [f32; 2]) -> f32 {
    let o = (a[1].min(b[1]) - a[0].max(b[0])).max(0.0);
    let w = (a[1] - a[0]).min(b[1] - b[0]).max(1.0);
    (o / w).min(1.0)
}

/// A column's content as a point: how full it is, how bold, how often its value changes;
/// shares of each kind of value, action and narrative readings; its text length (log scale).
fn profile(s: &ColumnStats) -> [f32; 12] {
    [
        s.fill(),
        s.bold,
        s.groups.min(1.0),
        s.deadline,
        s.rag,
        s.person,
        s.reference,
        s.number,
        s.action,
        s.narrative,
        s.list,
        ((s.mean_chars + 1.0).ln() / 6.0).min(1.0),
    ]
}

/// How alike two columns' contents are, 0-1.
pub fn likeness(a: &ColumnStats, b: &ColumnStats) -> f32 {
    let (pa, pb) = (profile(a), profile(b));
    let diffs = pa.iter().zip(&pb).map(|(x, y)| (x - y).abs());
    let (sum, max) = diffs.fold((0.0f32, 0.0f32), |(s, m), d| (s + d, m.max(d)));
    // alike overall, and in no measure far apart
    (1.0 - 2.0 * sum / pa.len() as f32 - 0.5 * max).max(0.0)
}

/// Place the `from` columns (a page's) under the `to` columns (the plan's), keeping their
/// order: returns, for each `from` column, its `to` column; `None` when the contents are
/// too unlike the plan's to be its rows.
pub fn fit(
    from: &[ColumnStats],
    to: &[ColumnStats],
    from_x: &[Option<[f32; 2]>],
    to_x: &[Option<[f32; 2]>],
) -> Option<Vec<usize>> {
    let (n, m) = (from.len(), to.len());
    if n == 0 || n > m {
        return None;
    }
    let score = |j: usize, i: usize| -> f32 {
        if from[j].filled == 0 {
            return 0.0;
        }
        let pos = match (
            from_x.get(j).copied().flatten(),
            to_x.get(i).copied().flatten(),
        ) {
            (Some(a), Some(b)) => 0.15 * overlap_share(a, b),
            _ => 0.0,
        };
        likeness(&from[j], &to[i]) + pos
    };
    // best[j][i]: best total placing from[..=j] with from[j] under to[i]
    let neg = f32::NEG_INFINITY;
    let mut best = vec![vec![neg; m]; n];
    let mut back = vec![vec![0usize; m]; n];
    for (i, b) in best[0].iter_mut().enumerate() {
        *b = score(0, i);
    }
    for j in 1..n {
        let mut run = (neg, 0usize);
        for i in 0..m {
            if i > 0 && best[j - 1][i - 1] > run.0 {
                run = (best[j - 1][i - 1], i - 1);
            }
            if run.0 > neg {
                best[j][i] = run.0 + score(j, i);
                back[j][i] = run.1;
            }
        }
    }
    let (mut i, total) = (0..m)
        .map(|i| (i, best[n - 1][i]))
        .max_by(|a, b| a.1.total_cmp(&b.1))?;
    let filled = from.iter().filter(|s| s.filled > 0).count().max(1);
    if total / (filled as f32) < 0.55 {
        return None;
    }
    let mut map = vec![0usize; n];
    for j in (0..n).rev() {
        map[j] = i;
        if j > 0 {
            i = back[j][i];
        }
    }
    Some(map)
}

/// The table's rows placed in `width` columns by `map`; cells that land in one column are
/// joined. A row with text in its first cell only (a banner across the table) stays in
/// the first column.
pub fn apply(t: &Table, map: &[usize], width: usize) -> Table {
    let rows = t
        .rows
        .iter()
        .map(|r| {
            let mut cells: Vec<Cell> = (0..width).map(|_| Cell::new("", r.prov)).collect();
            let banner = r.filled() == 1 && r.cells.first().is_some_and(|c| !c.is_empty());
            for (j, c) in r.cells.iter().enumerate() {
                let Some(&i) = (if banner && j == 0 {
                    Some(&0)
                } else {
                    map.get(j)
                }) else {
                    continue;
                };
                let dst = &mut cells[i];
                if dst.text.trim().is_empty() {
                    *dst = Cell {
                        colspan: 1,
                        ..c.clone()
                    };
                } else if !c.text.trim().is_empty() {
                    dst.text.push(' ');
                    dst.text.push_str(c.text.trim());
                }
            }
            Row {
                cells,
                prov: r.prov,
            }
        })
        .collect();
    Table {
        rows,
        origin: t.origin,
        prov: t.prov,
    }
}

/// A grid whose header rows drew more column boundaries than its body uses (a header cell
/// over two body columns, a body cell over two header columns): columns that never hold a
/// body cell of their own, only the continuation of a spanning cell to their left, are
/// folded into that column, their header text with it. Body rows are rows with a filled
/// cell that is not marked as a header cell.
pub fn fold_spanned_columns(t: &Table) -> Option<Table> {
    let width = t.columns();
    if width < 3 || !t.rows.iter().any(|r| r.cells.iter().any(|c| c.covered)) {
        return None;
    }
    let is_body = |r: &Row| {
        r.cells
            .iter()
            .any(|c| !(c.is_empty() || c.covered || c.header || c.bold))
    };
    let body: Vec<&Row> = t.rows.iter().filter(|r| is_body(r)).collect();
    if body.len() < 2 {
        return None;
    }
    // column j folds into j-1 when no body row has a cell of its own there and some body
    // row's cell at j-1 spans over it
    let folds: Vec<bool> = (0..width)
        .map(|j| {
            j > 0
                && body
                    .iter()
                    .all(|r| r.cells.get(j).is_none_or(|c| c.covered || c.is_empty()))
                && body
                    .iter()
                    .any(|r| r.cells.get(j).is_some_and(|c| c.covered))
        })
        .collect();
    if !folds.iter().any(|&f| f) {
        return None;
    }
    let mut map = Vec::with_capacity(width);
    let mut next = 0usize;
    for (j, &f) in folds.iter().enumerate() {
        if j > 0 && f {
            map.push(next - 1);
        } else {
            map.push(next);
            next += 1;
        }
    }
    let rows = t
        .rows
        .iter()
        .map(|r| {
            let mut cells: Vec<Cell> = (0..next)
                .map(|_| Cell {
                    covered: true,
                    ..Cell::new("", r.prov)
                })
                .collect();
            for (j, c) in r.cells.iter().enumerate() {
                let i = map[j];
                let dst = &mut cells[i];
                if c.covered {
                    continue;
                }
                if dst.covered || dst.text.trim().is_empty() {
                    let keep_fill = dst.fill;
                    *dst = Cell {
                        colspan: 1,
                        ..c.clone()
                    };
                    if dst.fill.is_none() {
                        dst.fill = keep_fill;
                    }
                } else if !c.text.trim().is_empty() {
                    dst.text.push(' ');
                    dst.text.push_str(c.text.trim());
                }
            }
            // a position that only ever saw covered cells stays covered; otherwise a plain empty cell
            for (i, c) in cells.iter_mut().enumerate() {
                if c.covered
                    && r.cells
                        .iter()
                        .enumerate()
                        .any(|(j, x)| map[j] == i && !x.covered)
                {
                    c.covered = false;
                }
            }
            Row {
                cells,
                prov: r.prov,
            }
        })
        .collect();
    Some(Table {
        rows,
        origin: t.origin,
        prov: t.prov,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::measure;
    use plansift_model::Prov;

    fn rows(cols: &[&[&str]]) -> Vec<Row> {
        let n = cols[0].len();
        (0..n)
            .map(|i| Row {
                cells: cols
                    .iter()
                    .map(|c| Cell::new(c[i], Prov::page(1)))
                    .collect(),
                prov: Prov::page(1),
            })
            .collect()
    }

    #[test]
    fn a_page_with_columns_missing_is_placed_by_content() {
        let first = rows(&[
            &["Better care", "", ""],
            &["1. Fewer admissions; 2. More care at home;", "", ""],
            &[
                "Develop the strategy with partners",
                "Review the pathway",
                "Open two new hubs",
            ],
            &["Jo Bloggs", "Sam Smith", "Head of Service"],
            &["March 2015", "On-going", "July 2014"],
            &[
                "The draft strategy has been agreed by the board.",
                "Work has started.",
                "One hub opened in May.",
            ],
            &["G", "A", "G"],
        ]);
        let page = rows(&[
            &["Agree the budget with the CCG", "Recruit two nurses"],
            &["Ann Other", "JB"],
            &["Q3 2014/15", "by July 2014"],
            &[
                "Meetings were held in June and the budget was approved.",
                "Posts were advertised.",
            ],
            &["R", "G"],
        ]);
        let (a, b): (Vec<&Row>, Vec<&Row>) = (first.iter().collect(), page.iter().collect());
        let (to, from) = (measure(&a, 7), measure(&b, 5));
        let map = fit(&from, &to, &[], &[]).unwrap();
        assert_eq!(map, vec![2, 3, 4, 5, 6]);
        let t = apply(
            &Table {
                rows: page.clone(),
                ..Default::default()
            },
            &map,
            7,
        );
        assert_eq!(t.rows[0].cells[2].text, "Agree the budget with the CCG");
        assert_eq!(t.rows[1].cells[6].text, "G");
        // a table of another kind does not fit
        let other = rows(&[&["12,500", "3,400"], &["£1.2m", "£300k"]]);
        let o: Vec<&Row> = other.iter().collect();
        assert!(fit(&measure(&o, 2), &to, &[], &[]).is_none());
    }
}
