//! plansift's spreadsheet front-end: XLSX, XLS and ODS workbooks -> [`plansift_model::Document`].
//!
//! - [`sniff`]: is this a workbook (XLSX, XLS, ODS), or one this front-end refuses with a
//!   clear error (XLSB, a password-protected file)?
//! - [`parse`]: read a workbook within [`Limits`] into the document model.
//!
//! # How a workbook becomes blocks
//! Every visible worksheet, in workbook order, is one page: a [`Block::Heading`] (level 1)
//! with the sheet's name (it often names the theme or the directorate), then its content.
//! Hidden and very hidden sheets, hidden rows and hidden columns are left out. On a sheet,
//! runs of rows with text, separated by blank rows, are separate tables; a run that is a
//! single cell (a title row, often merged across the table) is a [`Block::Paragraph`]
//! instead. Each table spans the columns that hold text in its rows (so leading and
//! trailing empty columns and rows are trimmed) and is a dense grid: merged cells give
//! `colspan`/`rowspan`, positions covered by a merge are empty `covered` cells.
//! `Prov::page` is the sheet's number among the visible sheets and `Prov::line` the row
//! number in the sheet (1-based), so a location reads "sheet N, row M".
//!
//! Cell text is what a person sees: numbers and dates through the cell's number format
//! (`dd/mm/yyyy`, `mmm-yy`, `mmmm yyyy`, percentages...; see [`numfmt`]) in the workbook's
//! date system (1900 or 1904), formulas as their cached values, booleans as `TRUE`/`FALSE`.
//! A cell's fill colour (a solid pattern) is `fill`, its font's weight `bold`.
//!
//! What reads what: XLSX values, styles (fills, fonts, number formats with theme colours),
//! merged cells and sheet visibility come from `calamine`; hidden rows and columns and the
//! sheet part names from the sheet XML, read here with `zip` + `quick-xml`. XLS values,
//! merged cells and visibility come from `calamine`; number formats, fills, bold, hidden
//! rows/columns and encryption from the BIFF records, read here (`cfb` for the container).
//! ODS is read here entirely (`content.xml`): ODF stores the text each cell shows, and
//! calamine's ODS reader neither exposes styles nor bounds its grid.

pub mod numfmt;
mod ods;
mod xls;
mod xlsx;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use plansift_model::{
    collapse_ws, Block, Cell, Diagnostic, Document, Prov, Rgb, Row, Table, TableOrigin, TextBlock,
};
pub use plansift_office::{Error, Kind, Limits};

/// Workbook kinds: XLSX, XLS, ODS (read), XLSB and password-protected Office files (refused).
/// `None` for anything else.
pub fn sniff(bytes: &[u8]) -> Option<Kind> {
    match plansift_office::sniff(bytes)? {
        k @ (Kind::Xlsx | Kind::Xls | Kind::Ods | Kind::Xlsb | Kind::Encrypted) => Some(k),
        _ => None,
    }
}

/// Read a workbook into the document model.
pub fn parse(bytes: &[u8], limits: &Limits) -> Result<Document, Error> {
    let kind = match plansift_office::sniff(bytes) {
        Some(k) => k,
        None if bytes.starts_with(&plansift_office::OLE_MAGIC) => {
            plansift_office::ole_kind(bytes)?;
            return Err(Error::malformed(
                "the OLE compound file is not an Excel workbook",
            ));
        }
        None if plansift_office::is_zip(bytes) => {
            // Opening it again gives the reason (damaged, too many entries...).
            let mut pkg = plansift_office::Package::open(bytes, limits)?;
            let _ = plansift_office::zip_kind(&mut pkg);
            return Err(Error::malformed(
                "the ZIP package is not a workbook: it has no xl/workbook.xml and no ODF mimetype",
            ));
        }
        None => {
            return Err(Error::malformed(
                "the file is not a spreadsheet: not an XLSX or ODS package, nor an XLS file",
            ))
        }
    };
    let book = match kind {
        Kind::Xlsx => xlsx::read(bytes, limits)?,
        Kind::Xls => xls::read(bytes, limits)?,
        Kind::Ods => ods::read(bytes, limits)?,
        other => {
            return Err(other.refusal().unwrap_or_else(|| {
                Error::Unsupported(format!("this is {}, not a workbook", other.name()))
            }))
        }
    };
    to_document(book, limits)
}

/// One cell as read from a sheet.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct GCell {
    pub text: String,
    pub bold: bool,
    pub fill: Option<Rgb>,
}

/// A sheet as read: sparse cells by 0-based (row, column).
#[derive(Debug, Clone, Default)]
pub(crate) struct SheetData {
    pub name: String,
    pub cells: BTreeMap<(u32, u32), GCell>,
    /// Merged areas, inclusive 0-based (row0, col0, row1, col1).
    pub merges: Vec<(u32, u32, u32, u32)>,
    pub hidden_rows: BTreeSet<u32>,
    pub hidden_cols: BTreeSet<u32>,
}

/// A workbook as read: its visible sheets in order, and notes.
#[derive(Debug, Default)]
pub(crate) struct Book {
    pub sheets: Vec<SheetData>,
    pub diagnostics: Vec<Diagnostic>,
    pub title: Option<String>,
}

/// Counts cells against the limit as they are read.
pub(crate) struct CellBudget {
    used: u64,
    max: u64,
}

impl CellBudget {
    pub fn new(limits: &Limits) -> Self {
        CellBudget {
            used: 0,
            max: limits.max_cells,
        }
    }
    pub fn take(&mut self, n: u64) -> Result<(), Error> {
        self.used = self.used.saturating_add(n);
        if self.used > self.max {
            return Err(Error::too_large(format!(
                "the workbook has more than {} cells; plansift reads workbooks up to that size",
                self.max
            )));
        }
        Ok(())
    }
}

fn to_document(book: Book, limits: &Limits) -> Result<Document, Error> {
    let mut blocks = Vec::new();
    let mut budget = CellBudget::new(limits);
    let mut page = 0u32;
    for sheet in &book.sheets {
        plansift_model::budget::check("spreadsheet");
        page += 1;
        if page > 1 {
            blocks.push(Block::PageBreak { page });
        }
        blocks.push(Block::Heading(TextBlock {
            text: collapse_ws(&sheet.name),
            bold: false,
            level: 1,
            prov: Prov::page(page),
        }));
        sheet_blocks(sheet, page, &mut budget, &mut blocks)?;
    }
    let mut diagnostics = book.diagnostics;
    if book.sheets.is_empty() {
        diagnostics.push(Diagnostic::warning(
            "sheet.no_sheets",
            "the workbook has no visible worksheets",
            None,
        ));
    }
    Ok(Document {
        pages: page.max(1),
        blocks,
        meta_title: book.title,
        diagnostics,
    })
}

/// The blocks of one sheet: tables separated by blank rows, single cells as paragraphs.
fn sheet_blocks(
    sheet: &SheetData,
    page: u32,
    budget: &mut CellBudget,
    blocks: &mut Vec<Block>,
) -> Result<(), Error> {
    let visible_row = |r: u32| !sheet.hidden_rows.contains(&r);
    let visible_col = |c: u32| !sheet.hidden_cols.contains(&c);
    // Rows and columns that hold text (visible ones only).
    let mut text_rows: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    for (&(r, c), cell) in &sheet.cells {
        plansift_model::budget::tick("spreadsheet");
        if visible_row(r) && visible_col(c) && !cell.text.is_empty() {
            text_rows.entry(r).or_default().push(c);
        }
    }
    if text_rows.is_empty() {
        return Ok(());
    }
    // Merges clipped to the used area, indexed by covered position.
    let max_row = *text_rows.keys().next_back().expect("not empty");
    let max_col = text_rows
        .values()
        .flat_map(|v| v.iter().copied())
        .max()
        .unwrap_or(0);
    let mut covered: HashMap<(u32, u32), (u32, u32)> = HashMap::new();
    let mut spans: HashMap<(u32, u32), (u32, u32)> = HashMap::new();
    for &(r0, c0, r1, c1) in &sheet.merges {
        let (r1, c1) = (r1.min(max_row), c1.min(max_col));
        if r0 > r1 || c0 > c1 || (r0 == r1 && c0 == c1) {
            continue;
        }
        let area = (r1 - r0 + 1) as u64 * (c1 - c0 + 1) as u64;
        budget.take(area)?;
        spans.insert((r0, c0), (r1, c1));
        for r in r0..=r1 {
            for c in c0..=c1 {
                if (r, c) != (r0, c0) {
                    covered.insert((r, c), (r0, c0));
                }
            }
        }
    }
    // Rows covered by a merge whose origin has text belong to the origin's table.
    for (&(r, c), &(r0, c0)) in &covered {
        let origin_has_text = sheet
            .cells
            .get(&(r0, c0))
            .is_some_and(|g| !g.text.is_empty());
        if origin_has_text && visible_row(r) && visible_col(c) && r != r0 {
            text_rows.entry(r).or_default();
        }
    }
    // Group consecutive rows (hidden rows between them do not separate them).
    let rows: Vec<u32> = text_rows.keys().copied().collect();
    let mut groups: Vec<Vec<u32>> = Vec::new();
    for &r in &rows {
        let joined = groups.last().and_then(|g| g.last()).is_some_and(|&prev| {
            let gap = r - prev - 1;
            gap == 0 || sheet.hidden_rows.range(prev + 1..r).count() as u32 == gap
        });
        if joined {
            groups.last_mut().expect("checked").push(r);
        } else {
            groups.push(vec![r]);
        }
    }
    for g in groups {
        let cols: BTreeSet<u32> = g
            .iter()
            .flat_map(|r| text_rows[r].iter().copied())
            .collect();
        let (Some(&c_lo), Some(&c_hi)) = (cols.iter().next(), cols.iter().next_back()) else {
            continue;
        };
        // A merged origin's span widens the table to the merge's last column.
        let mut c_hi = c_hi;
        for r in &g {
            for c in &text_rows[r] {
                if let Some(&(_, c1)) = spans.get(&(*r, *c)) {
                    c_hi = c_hi.max(c1);
                }
            }
        }
        let vis_cols: Vec<u32> = (c_lo..=c_hi).filter(|&c| visible_col(c)).collect();
        budget.take(vis_cols.len() as u64 * g.len() as u64)?;
        let filled: usize = g.iter().map(|r| text_rows[r].len()).sum();
        if filled == 1 && g.len() == 1 {
            let r = g[0];
            let c = text_rows[&r][0];
            let cell = &sheet.cells[&(r, c)];
            blocks.push(Block::Paragraph(TextBlock {
                text: cell.text.clone(),
                bold: cell.bold,
                level: 0,
                prov: Prov::line(page, r + 1),
            }));
            continue;
        }
        let col_index: HashMap<u32, usize> =
            vis_cols.iter().enumerate().map(|(i, &c)| (c, i)).collect();
        let row_index: HashMap<u32, usize> = g.iter().enumerate().map(|(i, &r)| (r, i)).collect();
        let mut out_rows = Vec::with_capacity(g.len());
        for &r in &g {
            let prov = Prov::line(page, r + 1);
            let mut cells = Vec::with_capacity(vis_cols.len());
            for &c in &vis_cols {
                if let Some(&(r0, c0)) = covered.get(&(r, c)) {
                    // Covered inside this table: an empty covered cell. A merge whose origin
                    // is outside the table (hidden, or in another table) leaves a plain cell.
                    if row_index.contains_key(&r0) && col_index.contains_key(&c0) {
                        let mut cell = Cell::new("", prov);
                        cell.covered = true;
                        cells.push(cell);
                        continue;
                    }
                }
                let mut cell = match sheet.cells.get(&(r, c)) {
                    Some(g) => {
                        let mut cell = Cell::new(g.text.clone(), prov);
                        cell.bold = g.bold && !g.text.is_empty();
                        cell.fill = g.fill;
                        cell
                    }
                    None => Cell::new("", prov),
                };
                if let Some(&(r1, c1)) = spans.get(&(r, c)) {
                    let cs = vis_cols.iter().filter(|&&x| x > c && x <= c1).count() + 1;
                    let rs = g.iter().filter(|&&x| x > r && x <= r1).count() + 1;
                    cell.colspan = cs.min(u16::MAX as usize) as u16;
                    cell.rowspan = rs.min(u16::MAX as usize) as u16;
                }
                cells.push(cell);
            }
            out_rows.push(Row { cells, prov });
        }
        let prov = out_rows[0].prov;
        blocks.push(Block::Table(Table {
            rows: out_rows,
            origin: TableOrigin::Markup,
            prov,
        }));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(t: &str) -> GCell {
        GCell {
            text: t.into(),
            ..GCell::default()
        }
    }

    #[test]
    fn blank_rows_split_tables_and_hidden_rows_do_not() {
        let mut s = SheetData {
            name: "Theme".into(),
            ..SheetData::default()
        };
        s.cells.insert((0, 0), cell("Title"));
        s.merges.push((0, 0, 0, 2));
        for r in 2..5 {
            for c in 1..4 {
                s.cells.insert((r, c), cell(&format!("r{r}c{c}")));
            }
        }
        s.cells.insert((5, 1), cell("hidden"));
        s.hidden_rows.insert(5);
        s.cells.insert((6, 1), cell("after hidden"));
        s.cells.insert((6, 2), cell("x"));
        s.hidden_cols.insert(2);
        s.cells.insert((9, 1), cell("Total"));
        s.cells.insert((9, 2), cell("3"));
        s.cells.insert((9, 3), cell("3"));
        let mut blocks = Vec::new();
        sheet_blocks(&s, 1, &mut CellBudget::new(&Limits::default()), &mut blocks).unwrap();
        assert_eq!(blocks.len(), 3, "{blocks:#?}");
        assert!(matches!(&blocks[0], Block::Paragraph(t) if t.text == "Title"));
        let Block::Table(t) = &blocks[1] else {
            panic!()
        };
        assert_eq!(t.rows.len(), 4);
        assert_eq!(t.columns(), 2); // columns 1 and 3; 2 is hidden
        assert_eq!(t.rows[0].text(0), "r2c1");
        assert_eq!(t.rows[0].text(1), "r2c3");
        assert_eq!(t.rows[3].text(0), "after hidden");
        assert_eq!(t.rows[3].prov.line, Some(7));
        let Block::Table(t) = &blocks[2] else {
            panic!()
        };
        assert_eq!(t.rows.len(), 1);
    }

    #[test]
    fn merges_become_spans() {
        let mut s = SheetData::default();
        s.cells.insert((0, 0), cell("Obj"));
        s.cells.insert((0, 1), cell("a1"));
        s.cells.insert((1, 1), cell("a2"));
        s.cells.insert((2, 0), cell("Obj2"));
        s.cells.insert((2, 1), cell("a3"));
        s.merges.push((0, 0, 1, 0));
        let mut blocks = Vec::new();
        sheet_blocks(&s, 1, &mut CellBudget::new(&Limits::default()), &mut blocks).unwrap();
        let Block::Table(t) = &blocks[0] else {
            panic!()
        };
        assert_eq!(t.rows[0].cells[0].rowspan, 2);
        assert!(t.rows[1].cells[0].covered);
        assert!(!t.rows[2].cells[0].covered);
    }

    #[test]
    fn cell_budget() {
        let mut s = SheetData::default();
        s.cells.insert((0, 0), cell("a"));
        s.cells.insert((0, 16_000), cell("b"));
        s.cells.insert((1, 0), cell("c"));
        let limits = Limits {
            max_cells: 10_000,
            ..Limits::default()
        };
        let mut blocks = Vec::new();
        let e = sheet_blocks(&s, 1, &mut CellBudget::new(&limits), &mut blocks).unwrap_err();
        assert_eq!(e.code(), "office.too_large");
    }
}
