//! ODS: `content.xml` streamed with quick-xml. ODF keeps the text each cell shows
//! (`text:p`), so dates and numbers need no formatting here; cell styles give fills
//! (`fo:background-color`) and bold (`fo:font-weight`), also through parent styles in
//! `styles.xml`; `table:visibility` hides rows and columns; a table style with
//! `table:display="false"` hides a sheet.

use std::collections::HashMap;

use plansift_model::{collapse_ws, Rgb};
use plansift_office::color::parse_hex;
use plansift_office::xml::{attr_of, resolve_ref, Events};
use plansift_office::{Error, Limits, Package};
use quick_xml::events::{BytesStart, Event};

use crate::{Book, CellBudget, GCell, SheetData};

/// Most columns a sheet can have (ODF allows 16384 in LibreOffice).
const MAX_COLUMNS: u32 = 16_384;
/// Most rows a sheet can have.
const MAX_ROWS: u32 = 1_048_576;

#[derive(Debug, Clone, Default)]
struct Style {
    parent: Option<String>,
    fill: Option<Option<Rgb>>,
    bold: Option<bool>,
    /// A table style that hides its sheet.
    hidden_table: bool,
}

#[derive(Debug, Default)]
struct Styles {
    map: HashMap<String, Style>,
}

impl Styles {
    fn resolve<T>(&self, name: &str, f: impl Fn(&Style) -> Option<T>) -> Option<T> {
        let mut cur = Some(name.to_string());
        for _ in 0..16 {
            let s = self.map.get(cur.as_deref()?)?;
            if let Some(v) = f(s) {
                return Some(v);
            }
            cur = s.parent.clone();
        }
        None
    }
    fn fill(&self, name: &str) -> Option<Rgb> {
        self.resolve(name, |s| s.fill).flatten()
    }
    fn bold(&self, name: &str) -> bool {
        self.resolve(name, |s| s.bold).unwrap_or(false)
    }
}

fn qname(e: &BytesStart<'_>) -> String {
    let n = e.name();
    let s: &str = n.as_ref();
    s.to_string()
}

/// Read `style:style` definitions (family, fill, weight, display) from a part.
fn read_styles(xml: &[u8], part: &str, limits: &Limits, styles: &mut Styles) -> Result<(), Error> {
    let mut ev = Events::new(xml, part, limits);
    let mut cur: Option<(String, Style)> = None;
    loop {
        let event = ev.next_event()?;
        let (e, empty) = match &event {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(e) => {
                let n = e.name();
                let n: &str = n.as_ref();
                if n.ends_with(":style") || n == "style" {
                    if let Some((name, s)) = cur.take() {
                        styles.map.insert(name, s);
                    }
                }
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        match qname(e).as_str() {
            "style:style" => {
                let name = attr_of(e, "name").unwrap_or_default();
                let s = Style {
                    parent: attr_of(e, "parent-style-name"),
                    ..Style::default()
                };
                if empty {
                    styles.map.insert(name, s);
                } else {
                    cur = Some((name, s));
                }
            }
            "style:table-cell-properties" => {
                if let Some((_, s)) = cur.as_mut() {
                    if let Some(bg) = attr_of(e, "background-color") {
                        s.fill = Some(if bg.trim() == "transparent" {
                            None
                        } else {
                            parse_hex(&bg).map(|c| Rgb(c.0, c.1, c.2))
                        });
                    }
                }
            }
            "style:text-properties" => {
                if let Some((_, s)) = cur.as_mut() {
                    if let Some(w) = attr_of(e, "font-weight") {
                        let w = w.trim().to_ascii_lowercase();
                        s.bold = Some(w == "bold" || w.parse::<u32>().is_ok_and(|n| n >= 600));
                    }
                }
            }
            "style:table-properties" => {
                if let Some((_, s)) = cur.as_mut() {
                    if attr_of(e, "display").as_deref() == Some("false") {
                        s.hidden_table = true;
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}

fn repeat(e: &BytesStart<'_>, key: &str, max: u32) -> u32 {
    attr_of(e, key)
        .and_then(|v| v.trim().parse::<u32>().ok())
        .unwrap_or(1)
        .clamp(1, max)
}

fn hidden(e: &BytesStart<'_>) -> bool {
    matches!(
        attr_of(e, "visibility").as_deref(),
        Some("collapse") | Some("filter")
    )
}

/// A cell of the row being read.
struct RowCell {
    col: u32,
    repeat: u32,
    cell: GCell,
    span: Option<(u32, u32)>,
}

struct CellState {
    start: BytesStartOwned,
    text: String,
    paragraphs: usize,
    /// Depth of a skipped subtree (annotations, drawings) inside the cell.
    skip: usize,
}

/// The attributes of a cell start tag we need, owned.
struct BytesStartOwned {
    style: Option<String>,
    repeat: u32,
    cols: u32,
    rows: u32,
    fallback: Option<String>,
}

pub fn read(bytes: &[u8], limits: &Limits) -> Result<Book, Error> {
    let mut pkg = Package::open(bytes, limits)?;
    let content = pkg
        .read("content.xml")?
        .ok_or_else(|| Error::malformed("the ODS package has no content.xml"))?;
    let mut styles = Styles::default();
    if let Some(x) = pkg.read("styles.xml")? {
        read_styles(&x, "styles.xml", limits, &mut styles)?;
    }
    read_styles(&content, "content.xml", limits, &mut styles)?;
    let title = read_title(&mut pkg, limits)?;

    let mut budget = CellBudget::new(limits);
    let mut sheets = Vec::new();
    let mut ev = Events::new(&content, "content.xml", limits);
    let mut sheet: Option<(SheetData, bool)> = None;
    // Column default styles, by column.
    let mut col_styles: Vec<Option<String>> = Vec::new();
    let mut col_next: u32 = 0;
    let mut row: u32 = 0;
    let mut row_repeat: u32 = 1;
    let mut row_hidden = false;
    let mut row_cells: Vec<RowCell> = Vec::new();
    let mut col: u32 = 0;
    let mut cell: Option<CellState> = None;
    loop {
        let event = ev.next_event()?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                if let Some(c) = cell.as_mut() {
                    if c.skip > 0 {
                        if !empty {
                            c.skip += 1;
                        }
                        continue;
                    }
                    match qname(e).as_str() {
                        "office:annotation" | "draw:frame" | "draw:custom-shape" | "draw:g"
                            if !empty =>
                        {
                            c.skip = 1;
                        }
                        "text:p" | "text:h" => {
                            if c.paragraphs > 0 {
                                c.text.push(' ');
                            }
                            c.paragraphs += 1;
                        }
                        "text:s" => {
                            let n = repeat(e, "c", 1000);
                            c.text.extend(std::iter::repeat_n(' ', n as usize));
                        }
                        "text:tab" | "text:line-break" => c.text.push(' '),
                        _ => {}
                    }
                    continue;
                }
                match qname(e).as_str() {
                    "table:table" => {
                        let name = attr_of(e, "name").unwrap_or_default();
                        let hidden_sheet = attr_of(e, "style-name")
                            .and_then(|s| styles.map.get(&s))
                            .is_some_and(|s| s.hidden_table);
                        sheet = Some((
                            SheetData {
                                name,
                                ..SheetData::default()
                            },
                            hidden_sheet,
                        ));
                        col_styles.clear();
                        col_next = 0;
                        row = 0;
                        if empty {
                            if let Some((s, h)) = sheet.take() {
                                if !h {
                                    sheets.push(s);
                                }
                            }
                        }
                    }
                    "table:table-column" if sheet.is_some() => {
                        let n = repeat(e, "number-columns-repeated", MAX_COLUMNS);
                        let style = attr_of(e, "default-cell-style-name");
                        let hide = hidden(e);
                        let (s, _) = sheet.as_mut().expect("checked");
                        for _ in 0..n {
                            if col_next >= MAX_COLUMNS {
                                break;
                            }
                            if hide {
                                s.hidden_cols.insert(col_next);
                            }
                            if style.is_some() || (col_next as usize) < col_styles.len() {
                                col_styles.resize(col_next as usize + 1, None);
                                col_styles[col_next as usize] = style.clone();
                            }
                            col_next += 1;
                        }
                    }
                    "table:table-row" if sheet.is_some() => {
                        row_repeat = repeat(e, "number-rows-repeated", MAX_ROWS);
                        row_hidden = hidden(e);
                        row_cells.clear();
                        col = 0;
                        if empty {
                            row = row.saturating_add(row_repeat);
                        }
                    }
                    "table:table-cell" | "table:covered-table-cell" if sheet.is_some() => {
                        let start = BytesStartOwned {
                            style: attr_of(e, "style-name"),
                            repeat: repeat(e, "number-columns-repeated", MAX_COLUMNS),
                            cols: repeat(e, "number-columns-spanned", MAX_COLUMNS),
                            rows: repeat(e, "number-rows-spanned", MAX_ROWS),
                            fallback: attr_of(e, "string-value")
                                .or_else(|| attr_of(e, "value"))
                                .or_else(|| attr_of(e, "date-value")),
                        };
                        let covered = qname(e) == "table:covered-table-cell";
                        let state = CellState {
                            start,
                            text: String::new(),
                            paragraphs: 0,
                            skip: 0,
                        };
                        if covered {
                            col = col.saturating_add(state.start.repeat);
                            if !empty {
                                // Covered cells may hold (ignored) content.
                                cell = Some(CellState { skip: 1, ..state });
                            }
                        } else if empty {
                            finish_cell(state, &styles, &col_styles, &mut col, &mut row_cells);
                        } else {
                            cell = Some(state);
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) => {
                if let Some(c) = cell.as_mut() {
                    if c.skip == 0 && c.paragraphs > 0 {
                        c.text.push_str(&t.xml10_content());
                    }
                }
            }
            Event::GeneralRef(r) => {
                if let Some(c) = cell.as_mut() {
                    if c.skip == 0 && c.paragraphs > 0 {
                        if let Some(s) = resolve_ref(&r) {
                            c.text.push_str(&s);
                        }
                    }
                }
            }
            Event::End(e) => {
                let n = e.name();
                let n: &str = n.as_ref();
                if let Some(c) = cell.as_mut() {
                    if c.skip > 0 {
                        c.skip -= 1;
                        if c.skip == 0 && (n == "table:covered-table-cell") {
                            cell = None;
                        }
                        continue;
                    }
                    if n == "table:table-cell" {
                        let c = cell.take().expect("checked");
                        finish_cell(c, &styles, &col_styles, &mut col, &mut row_cells);
                    }
                    continue;
                }
                match n {
                    "table:table-row" => {
                        if let Some((s, _)) = sheet.as_mut() {
                            store_row(s, row, row_repeat, row_hidden, &row_cells, &mut budget)?;
                        }
                        row = row.saturating_add(row_repeat);
                        row_cells.clear();
                    }
                    "table:table" => {
                        if let Some((s, h)) = sheet.take() {
                            if !h {
                                sheets.push(s);
                            }
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(Book {
        sheets,
        diagnostics: Vec::new(),
        title,
    })
}

fn finish_cell(
    c: CellState,
    styles: &Styles,
    col_styles: &[Option<String>],
    col: &mut u32,
    row_cells: &mut Vec<RowCell>,
) {
    let style = c
        .start
        .style
        .clone()
        .or_else(|| col_styles.get(*col as usize).cloned().flatten());
    let mut text = collapse_ws(&c.text);
    if c.paragraphs == 0 {
        if let Some(f) = &c.start.fallback {
            text = collapse_ws(f);
        }
    }
    let (fill, bold) = match &style {
        Some(s) => (styles.fill(s), styles.bold(s)),
        None => (None, false),
    };
    if !text.is_empty() || fill.is_some() || c.start.cols > 1 || c.start.rows > 1 {
        row_cells.push(RowCell {
            col: *col,
            repeat: c.start.repeat,
            cell: GCell { text, bold, fill },
            span: (c.start.cols > 1 || c.start.rows > 1).then_some((c.start.rows, c.start.cols)),
        });
    }
    *col = col.saturating_add(c.start.repeat);
}

/// Put a row's cells (repeated `repeat` times) into the sheet. Repeats of cells without
/// text (formatting carried down a whole sheet) are not stored.
fn store_row(
    s: &mut SheetData,
    row: u32,
    repeat: u32,
    hidden: bool,
    cells: &[RowCell],
    budget: &mut CellBudget,
) -> Result<(), Error> {
    if cells.is_empty() {
        if hidden {
            for r in row..row.saturating_add(repeat).min(MAX_ROWS) {
                s.hidden_rows.insert(r);
            }
        }
        return Ok(());
    }
    // The whole repetition is counted first, so a row repeated a million times fails at once.
    let per_row: u64 = cells
        .iter()
        .filter(|rc| !rc.cell.text.is_empty() || (repeat == 1 && rc.repeat == 1))
        .map(|rc| rc.repeat as u64)
        .sum();
    budget.take(per_row.saturating_mul(repeat as u64))?;
    for k in 0..repeat {
        let r = row.saturating_add(k);
        if r >= MAX_ROWS {
            break;
        }
        if hidden {
            s.hidden_rows.insert(r);
        }
        for rc in cells {
            if (repeat > 1 || rc.repeat > 1) && rc.cell.text.is_empty() {
                continue;
            }
            for j in 0..rc.repeat {
                let c = rc.col.saturating_add(j);
                if c >= MAX_COLUMNS {
                    break;
                }
                s.cells.insert((r, c), rc.cell.clone());
                if let Some((rs, cs)) = rc.span {
                    s.merges
                        .push((r, c, r.saturating_add(rs - 1), c.saturating_add(cs - 1)));
                }
            }
        }
    }
    Ok(())
}

/// `dc:title` of `meta.xml`.
fn read_title(pkg: &mut Package<'_>, limits: &Limits) -> Result<Option<String>, Error> {
    let Some(x) = pkg.read("meta.xml")? else {
        return Ok(None);
    };
    let Ok(root) = plansift_office::xml::parse_tree(&x, "meta.xml", limits, &|_| false) else {
        return Ok(None);
    };
    Ok(root
        .child("meta")
        .and_then(|m| m.child("title"))
        .map(|t| collapse_ws(&t.text()))
        .filter(|t| !t.is_empty()))
}
