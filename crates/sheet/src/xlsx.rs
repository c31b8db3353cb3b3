//! XLSX: values, styles, merges and sheet visibility from calamine; hidden rows and columns
//! and the guards (sizes, shared strings, cells) read here.

use std::collections::BTreeSet;
use std::io::Cursor;
use std::panic::{catch_unwind, AssertUnwindSafe};

use calamine::{DataRef, Reader, SheetType, SheetVisible, Xlsx};
use plansift_model::{collapse_ws, Rgb};
use plansift_office::xml::{attr_of, parse_tree, Events};
use plansift_office::{
    core_title, main_part, read_rels, rels_path, resolve_target, Error, Limits, Package,
};
use quick_xml::events::Event;

use crate::numfmt;
use crate::{Book, CellBudget, GCell, SheetData};

/// Most columns a worksheet can have (XFD).
const MAX_COLUMN: u32 = 16_384;

struct SheetPart {
    name: String,
    path: Option<String>,
}

/// Count the shared strings (`<si>`) without keeping them: calamine keeps them all.
fn check_shared_strings(xml: &[u8], limits: &Limits) -> Result<(), Error> {
    let mut ev = Events::new(xml, "xl/sharedStrings.xml", limits);
    let mut n: u64 = 0;
    loop {
        match ev.next_event()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "si" => {
                n += 1;
                if n > limits.max_shared_strings {
                    return Err(Error::too_large(format!(
                        "the workbook's shared-string table has more than {} entries",
                        limits.max_shared_strings
                    )));
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

fn truthy(v: Option<String>) -> bool {
    matches!(v.as_deref().map(str::trim), Some("1") | Some("true"))
}

/// Hidden rows (`<row hidden="1">`) and columns (`<col min max hidden="1">`), 0-based.
fn hidden_rows_cols(
    xml: &[u8],
    part: &str,
    limits: &Limits,
) -> Result<(BTreeSet<u32>, BTreeSet<u32>), Error> {
    let mut rows = BTreeSet::new();
    let mut cols = BTreeSet::new();
    let mut ev = Events::new(xml, part, limits);
    let mut next_row: u32 = 1;
    loop {
        match ev.next_event()? {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "row" => {
                    let r = attr_of(&e, "r")
                        .and_then(|v| v.trim().parse::<u32>().ok())
                        .unwrap_or(next_row);
                    next_row = r.saturating_add(1);
                    if truthy(attr_of(&e, "hidden")) && r >= 1 {
                        rows.insert(r - 1);
                    }
                }
                "col" if truthy(attr_of(&e, "hidden")) => {
                    let num = |k: &str| attr_of(&e, k).and_then(|v| v.trim().parse::<u32>().ok());
                    if let (Some(lo), Some(hi)) = (num("min"), num("max")) {
                        let hi = hi.min(MAX_COLUMN);
                        for c in lo.max(1)..=hi {
                            cols.insert(c - 1);
                        }
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok((rows, cols))
}

fn calamine_error(e: impl std::fmt::Display) -> Error {
    Error::malformed(format!("the workbook cannot be read: {e}"))
}

/// The text a person sees for a cell value under its number format.
fn cell_text(v: &DataRef<'_>, format: Option<&str>, date1904: bool) -> String {
    match v {
        DataRef::Empty => String::new(),
        DataRef::String(s) => collapse_ws(s),
        DataRef::SharedString(s) => collapse_ws(s),
        DataRef::Float(f) => numfmt::format_number(*f, format.unwrap_or("General"), date1904),
        DataRef::Int(i) => numfmt::format_number(*i as f64, format.unwrap_or("General"), date1904),
        DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        DataRef::DateTime(dt) => {
            let code = format
                .filter(|c| numfmt::is_date_format(c))
                .unwrap_or("dd/mm/yyyy");
            numfmt::format_number(dt.as_f64(), code, date1904)
        }
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(e) => e.to_string(),
    }
}

/// The format code of a style: built-in ids in UK conventions, else the code written.
fn format_code(nf: &calamine::NumberFormat) -> String {
    if let Some(id) = nf.format_id {
        if id < 164 {
            if let Some(b) = numfmt::builtin(id) {
                return b.to_string();
            }
        }
    }
    nf.format_code.clone()
}

fn fill_of(style: &calamine::Style) -> Option<Rgb> {
    let fill = style.fill.as_ref()?;
    if fill.pattern != calamine::FillPattern::Solid {
        return None;
    }
    let c = fill.get_color()?;
    Some(Rgb(c.red, c.green, c.blue))
}

pub fn read(bytes: &[u8], limits: &Limits) -> Result<Book, Error> {
    let mut pkg = Package::open(bytes, limits)?;
    // Every entry inflates within the limits before calamine inflates any itself.
    pkg.check_all()?;
    let wb_path = main_part(&mut pkg, limits)?.unwrap_or_else(|| "xl/workbook.xml".to_string());
    let wb_xml = pkg
        .read(&wb_path)?
        .ok_or_else(|| Error::malformed(format!("the package has no {wb_path} part")))?;
    let wb = parse_tree(&wb_xml, &wb_path, limits, &|_| false)?;
    let rels = read_rels(&mut pkg, &rels_path(&wb_path), limits)?;
    let mut parts = Vec::new();
    if let Some(sheets) = wb.child("sheets") {
        for s in sheets.children_named("sheet") {
            let name = s.attr("name").unwrap_or("").to_string();
            let path = s
                .attr("id")
                .and_then(|id| rels.iter().find(|(k, _)| k == id))
                .map(|(_, t)| resolve_target(&wb_path, t));
            parts.push(SheetPart { name, path });
        }
    }
    // Shared strings, bounded before calamine loads them.
    let ss_path = rels
        .iter()
        .find(|(_, t)| t.to_ascii_lowercase().ends_with("sharedstrings.xml"))
        .map(|(_, t)| resolve_target(&wb_path, t))
        .unwrap_or_else(|| "xl/sharedStrings.xml".to_string());
    if let Some(ss) = pkg.read(&ss_path)? {
        check_shared_strings(&ss, limits)?;
    }
    let title = core_title(&mut pkg, limits)?;

    let result = catch_unwind(AssertUnwindSafe(|| {
        read_values(bytes, limits, &mut pkg, &parts)
    }));
    let sheets = match result {
        Ok(r) => r?,
        Err(_) => {
            return Err(Error::malformed(
                "the workbook cannot be read: its sheet data is damaged",
            ))
        }
    };
    Ok(Book {
        sheets,
        diagnostics: Vec::new(),
        title,
    })
}

fn read_values(
    bytes: &[u8],
    limits: &Limits,
    pkg: &mut Package<'_>,
    parts: &[SheetPart],
) -> Result<Vec<SheetData>, Error> {
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(calamine_error)?;
    let date1904 = wb.has_1904_epoch();
    let meta = wb.sheets_metadata().to_vec();
    let mut budget = CellBudget::new(limits);
    let mut out = Vec::new();
    for sheet in meta {
        if sheet.visible != SheetVisible::Visible || sheet.typ != SheetType::WorkSheet {
            continue;
        }
        let mut data = SheetData {
            name: sheet.name.clone(),
            ..SheetData::default()
        };
        if let Some(path) = parts
            .iter()
            .find(|p| p.name == sheet.name)
            .and_then(|p| p.path.clone())
        {
            if let Some(x) = pkg.read(&path)? {
                let (rows, cols) = hidden_rows_cols(&x, &path, limits)?;
                data.hidden_rows = rows;
                data.hidden_cols = cols;
            }
        }
        {
            let mut reader = wb
                .worksheet_cells_reader(&sheet.name)
                .map_err(calamine_error)?;
            let styles: Vec<(Option<String>, bool, Option<Rgb>)> = reader
                .styles()
                .iter()
                .map(|s| {
                    (
                        s.number_format.as_ref().map(format_code),
                        s.font.as_ref().is_some_and(|f| f.is_bold()),
                        fill_of(s),
                    )
                })
                .collect();
            while let Some((cell, style_id)) =
                reader.next_cell_with_style_id().map_err(calamine_error)?
            {
                let (r, c) = cell.get_position();
                let (fmt, bold, fill) =
                    styles.get(style_id).cloned().unwrap_or((None, false, None));
                let text = cell_text(cell.get_value(), fmt.as_deref(), date1904);
                if text.is_empty() && fill.is_none() {
                    continue;
                }
                budget.take(1)?;
                data.cells.insert((r, c), GCell { text, bold, fill });
            }
        }
        for d in wb
            .merge_cells_by_sheet_name(&sheet.name)
            .map_err(calamine_error)?
        {
            data.merges.push((d.start.0, d.start.1, d.end.0, d.end.1));
        }
        out.push(data);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_scan() {
        let xml = br#"<worksheet><cols><col min="2" max="3" hidden="1"/><col min="4" max="4" hidden="0"/></cols>
            <sheetData><row r="1"/><row r="3" hidden="true"/><row hidden="1"/></sheetData></worksheet>"#;
        let (r, c) = hidden_rows_cols(xml, "s", &Limits::default()).unwrap();
        assert_eq!(r.into_iter().collect::<Vec<_>>(), vec![2, 3]);
        assert_eq!(c.into_iter().collect::<Vec<_>>(), vec![1, 2]);
    }

    #[test]
    fn shared_string_limit() {
        let xml = "<sst>".to_string() + &"<si><t>x</t></si>".repeat(20) + "</sst>";
        let limits = Limits {
            max_shared_strings: 10,
            ..Limits::default()
        };
        assert_eq!(
            check_shared_strings(xml.as_bytes(), &limits)
                .unwrap_err()
                .code(),
            "office.too_large"
        );
        assert!(check_shared_strings(xml.as_bytes(), &Limits::default()).is_ok());
    }
}
