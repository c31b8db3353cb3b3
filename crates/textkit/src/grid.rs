//! Placing the cells of a table with row and column spans on a dense grid.
//!
//! Cells are placed row by row, left to right, as HTML lays out a table: each cell
//! goes to the first column of its row not already taken by a cell above spanning
//! down into it, and takes `rowspan x colspan` positions. Positions a span takes that
//! no other cell owns become empty cells with `covered = true` (see the conventions of
//! [`plansift_model`]); positions nothing reaches are empty ordinary cells.

use plansift_model::{Cell, Prov};

enum Slot {
    Free,
    Origin(Cell),
    Covered,
}

/// A grid being filled (see the module docs).
pub struct SpanGrid {
    rows: Vec<Vec<Slot>>,
    max_cols: usize,
    clamped: bool,
}

impl SpanGrid {
    /// A grid of `rows` rows at most `max_cols` columns wide.
    pub fn new(rows: usize, max_cols: usize) -> Self {
        SpanGrid {
            rows: (0..rows).map(|_| Vec::new()).collect(),
            max_cols,
            clamped: false,
        }
    }

    /// The first column at or after `col` in row `r` that no cell takes; `None`
    /// (and the grid is marked clamped) when that is beyond the widest grid.
    pub fn next_free(&mut self, r: usize, mut col: usize) -> Option<usize> {
        let row = self.rows.get(r)?;
        while matches!(row.get(col), Some(Slot::Origin(_) | Slot::Covered)) {
            col += 1;
        }
        if col >= self.max_cols {
            self.clamped = true;
            return None;
        }
        Some(col)
    }

    /// Put `cell` at row `r`, column `col` (from [`SpanGrid::next_free`]), spanning
    /// `rowspan` rows (at least 1, at most to the last row: pass `usize::MAX` for
    /// "to the end", as HTML's `rowspan=0`) and `colspan` columns (at least 1, cut at
    /// the widest grid, which marks the grid clamped). The cell's `rowspan`/`colspan`
    /// are set to the spans used. A position already taken by an earlier span keeps
    /// its owner. Returns the column after the cell.
    pub fn place(
        &mut self,
        r: usize,
        col: usize,
        rowspan: usize,
        colspan: usize,
        mut cell: Cell,
    ) -> usize {
        let rest = self.rows.len().saturating_sub(r);
        if rest == 0 {
            return col;
        }
        let rowspan = rowspan.clamp(1, rest);
        let mut colspan = colspan.max(1);
        if colspan > self.max_cols.saturating_sub(col) {
            colspan = self.max_cols.saturating_sub(col);
            self.clamped = true;
        }
        cell.colspan = u16::try_from(colspan).unwrap_or(u16::MAX);
        cell.rowspan = u16::try_from(rowspan).unwrap_or(u16::MAX);
        for (rr, grow) in self.rows.iter_mut().enumerate().skip(r).take(rowspan) {
            if grow.len() < col + colspan {
                grow.resize_with(col + colspan, || Slot::Free);
            }
            for (cc, slot) in grow.iter_mut().enumerate().skip(col).take(colspan) {
                if matches!(slot, Slot::Free) && !(rr == r && cc == col) {
                    *slot = Slot::Covered;
                }
            }
        }
        if let Some(slot) = self.rows[r].get_mut(col) {
            *slot = Slot::Origin(cell);
        }
        col + colspan
    }

    /// Some cell or span was cut at the widest grid.
    pub fn clamped(&self) -> bool {
        self.clamped
    }

    /// Columns of the widest row.
    pub fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }

    /// The rows, each exactly `width` cells (cut or padded with empty cells); `None`
    /// for a row that nothing reaches (no cell, no span into it). `prov(r)` gives the
    /// provenance of row `r`'s covered and padding cells.
    pub fn into_rows(
        self,
        width: usize,
        mut prov: impl FnMut(usize) -> Prov,
    ) -> Vec<Option<Vec<Cell>>> {
        self.rows
            .into_iter()
            .enumerate()
            .map(|(r, slots)| {
                if slots.iter().all(|s| matches!(s, Slot::Free)) {
                    return None;
                }
                let p = prov(r);
                let mut cells: Vec<Cell> = slots
                    .into_iter()
                    .take(width)
                    .map(|s| match s {
                        Slot::Origin(c) => c,
                        Slot::Covered => Cell {
                            covered: true,
                            ..Cell::new("", p)
                        },
                        Slot::Free => Cell::new("", p),
                    })
                    .collect();
                while cells.len() < width {
                    cells.push(Cell::new("", p));
                }
                Some(cells)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Place rows of (text, rowspan, colspan) and render the grid: text, `^` for covered,
    /// `.` for empty, `-` for a row nothing reaches.
    fn lay(rows: &[&[(&str, usize, usize)]], max_cols: usize) -> (Vec<String>, bool) {
        let mut g = SpanGrid::new(rows.len(), max_cols);
        for (r, cells) in rows.iter().enumerate() {
            let mut col = 0;
            for &(t, rs, cs) in *cells {
                let Some(c) = g.next_free(r, col) else { break };
                col = g.place(r, c, rs, cs, Cell::new(t, Prov::page(1)));
            }
        }
        let clamped = g.clamped();
        let w = g.width();
        let out = g
            .into_rows(w, |_| Prov::page(1))
            .into_iter()
            .map(|row| match row {
                None => "-".to_string(),
                Some(cells) => cells
                    .iter()
                    .map(|c| {
                        if c.covered {
                            "^".to_string()
                        } else if c.text.is_empty() {
                            ".".to_string()
                        } else {
                            format!("{}{}{}", c.text, c.rowspan, c.colspan)
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(" "),
            })
            .collect();
        (out, clamped)
    }

    #[test]
    fn spans_cover_and_later_cells_flow_around() {
        let (g, clamped) = lay(
            &[
                &[("a", 2, 1), ("b", 1, 2)],
                &[("c", 1, 1), ("d", 1, 1)],
                &[("e", 1, 1)],
            ],
            10,
        );
        assert_eq!(g, vec!["a21 b12 ^", "^ c11 d11", "e11 . ."]);
        assert!(!clamped);
    }

    #[test]
    fn rowspan_to_the_end_and_clamps() {
        let (g, _) = lay(
            &[&[("a", usize::MAX, 1), ("b", 1, 1)], &[("c", 1, 1)], &[]],
            10,
        );
        assert_eq!(g, vec!["a31 b11", "^ c11", "^ ."]);
        let (g, clamped) = lay(&[&[("a", 1, 5), ("b", 1, 1)]], 3);
        assert_eq!(g, vec!["a13 ^ ^"]);
        assert!(clamped);
    }

    #[test]
    fn overlapping_spans_keep_the_first_owner() {
        // b spans down into row 2 column 1, where c's colspan also reaches
        let (g, _) = lay(&[&[("a", 1, 1), ("b", 2, 1)], &[("c", 1, 2)]], 10);
        assert_eq!(g, vec!["a11 b21", "c12 ^"]);
        let (g, _) = lay(&[&[], &[("x", 1, 1)]], 10);
        assert_eq!(g, vec!["-", "x11"]);
    }
}
