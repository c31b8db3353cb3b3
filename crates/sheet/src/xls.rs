//! XLS (BIFF8): values, merged cells and sheet visibility from calamine; the BIFF records
//! calamine does not expose are read here from the `Workbook` stream (via `cfb`): number
//! formats (`FORMAT`, `XF`), fonts (bold), solid fills and the palette, hidden rows (`ROW`)
//! and columns (`COLINFO`), encryption (`FILEPASS`), and each sheet's extent, checked
//! against the cell limit before calamine builds its dense grid.

use std::collections::{BTreeSet, HashMap};
use std::io::{Cursor, Read};
use std::panic::{catch_unwind, AssertUnwindSafe};

use calamine::{Data, Reader, SheetType, SheetVisible, Xls};
use plansift_model::{collapse_ws, Rgb};
use plansift_office::color::{indexed, DEFAULT_PALETTE};
use plansift_office::{Error, Limits};

use crate::numfmt;
use crate::{Book, CellBudget, GCell, SheetData};

#[derive(Debug, Clone, Copy, Default)]
struct Xf {
    font: u16,
    format: u16,
    fill: Option<u8>,
}

#[derive(Debug, Default)]
struct SheetInfo {
    name: String,
    offset: u32,
    hidden_rows: BTreeSet<u32>,
    hidden_cols: BTreeSet<u32>,
    /// Cell position -> XF index.
    xf: HashMap<(u32, u32), u16>,
    bounds: Option<(u32, u32, u32, u32)>,
}

#[derive(Debug, Default)]
struct Biff {
    biff8: bool,
    formats: HashMap<u16, String>,
    xfs: Vec<Xf>,
    bold_fonts: Vec<bool>,
    palette: Vec<u32>,
    sheets: Vec<SheetInfo>,
}

fn u16_at(b: &[u8], i: usize) -> u16 {
    b.get(i..i + 2)
        .map(|s| u16::from_le_bytes([s[0], s[1]]))
        .unwrap_or(0)
}

fn u32_at(b: &[u8], i: usize) -> u32 {
    b.get(i..i + 4)
        .map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
        .unwrap_or(0)
}

/// A BIFF8 string: `cch` characters, a flags byte (bit 0: UTF-16LE, else Latin-1).
fn biff_string(b: &[u8], cch: usize, at: usize) -> String {
    let flags = b.get(at).copied().unwrap_or(0);
    let rich = flags & 0x08 != 0;
    let ext = flags & 0x04 != 0;
    let mut p = at + 1;
    if rich {
        p += 2;
    }
    if ext {
        p += 4;
    }
    if flags & 1 != 0 {
        let units: Vec<u16> = (0..cch).map(|i| u16_at(b, p + 2 * i)).collect();
        String::from_utf16_lossy(&units)
    } else {
        b.get(p..(p + cch).min(b.len()))
            .unwrap_or(&[])
            .iter()
            .map(|&c| c as char)
            .collect()
    }
}

/// Records `(type, data)` of a stream from an offset, until `EOF` (0x000A) or the end.
fn records(stream: &[u8], from: usize) -> impl Iterator<Item = (u16, &[u8])> {
    let mut pos = from;
    let mut done = false;
    std::iter::from_fn(move || {
        if done || pos + 4 > stream.len() {
            return None;
        }
        let ty = u16_at(stream, pos);
        let len = u16_at(stream, pos + 2) as usize;
        let start = pos + 4;
        let end = (start + len).min(stream.len());
        pos = start + len;
        if ty == 0x000A {
            done = true;
        }
        Some((ty, &stream[start..end]))
    })
}

fn read_stream(bytes: &[u8]) -> Result<Vec<u8>, Error> {
    let r = catch_unwind(AssertUnwindSafe(|| -> std::io::Result<Vec<u8>> {
        let mut cf = cfb::CompoundFile::open(Cursor::new(bytes))?;
        let name = if cf.is_stream("/Workbook") {
            "/Workbook"
        } else {
            "/Book"
        };
        let mut s = cf.open_stream(name)?;
        let mut out = Vec::new();
        // The stream is inside the file: it cannot be longer than the file.
        s.by_ref().take(bytes.len() as u64).read_to_end(&mut out)?;
        Ok(out)
    }));
    match r {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(Error::malformed(format!(
            "the XLS file's workbook stream cannot be read: {e}"
        ))),
        Err(_) => Err(Error::malformed(
            "the XLS file's workbook stream is damaged",
        )),
    }
}

fn scan(stream: &[u8]) -> Result<Biff, Error> {
    let mut b = Biff {
        palette: DEFAULT_PALETTE.to_vec(),
        ..Biff::default()
    };
    for (ty, d) in records(stream, 0) {
        match ty {
            0x0809 => b.biff8 = u16_at(d, 0) == 0x0600,
            0x002F => {
                return Err(Error::Encrypted(
                    "the XLS workbook is password-protected (encrypted); remove the password and \
                     try again"
                        .into(),
                ))
            }
            0x041E if b.biff8 => {
                let id = u16_at(d, 0);
                let cch = u16_at(d, 2) as usize;
                b.formats.insert(id, biff_string(d, cch, 4));
            }
            0x0031 => b.bold_fonts.push(u16_at(d, 6) >= 600),
            0x00E0 if b.biff8 => {
                let fls = (u32_at(d, 14) >> 26) & 0x3F;
                let fore = (u16_at(d, 18) & 0x7F) as u8;
                b.xfs.push(Xf {
                    font: u16_at(d, 0),
                    format: u16_at(d, 2),
                    fill: (fls == 1).then_some(fore),
                });
            }
            0x0092 => {
                let n = u16_at(d, 0) as usize;
                for i in 0..n.min(56) {
                    let p = 2 + 4 * i;
                    if let Some(c) = d.get(p..p + 3) {
                        b.palette[i] = (c[0] as u32) << 16 | (c[1] as u32) << 8 | c[2] as u32;
                    }
                }
            }
            0x0085 => {
                let offset = u32_at(d, 0);
                let cch = d.get(6).copied().unwrap_or(0) as usize;
                let name = if b.biff8 {
                    biff_string(d, cch, 7)
                } else {
                    d.get(7..(7 + cch).min(d.len()))
                        .unwrap_or(&[])
                        .iter()
                        .map(|&c| c as char)
                        .collect()
                };
                b.sheets.push(SheetInfo {
                    name,
                    offset,
                    ..SheetInfo::default()
                });
            }
            _ => {}
        }
    }
    for s in &mut b.sheets {
        scan_sheet(stream, s);
    }
    Ok(b)
}

fn scan_sheet(stream: &[u8], s: &mut SheetInfo) {
    let note = |s: &mut SheetInfo, r: u32, c: u32, xf: u16| {
        s.xf.insert((r, c), xf);
        s.bounds = Some(match s.bounds {
            None => (r, c, r, c),
            Some((r0, c0, r1, c1)) => (r0.min(r), c0.min(c), r1.max(r), c1.max(c)),
        });
    };
    for (ty, d) in records(stream, s.offset as usize).skip(1) {
        match ty {
            0x0809 => break, // a nested substream: this sheet's records ended without EOF
            0x0208 if u16_at(d, 12) & 0x20 != 0 => {
                s.hidden_rows.insert(u16_at(d, 0) as u32);
            }
            0x007D if u16_at(d, 8) & 1 != 0 => {
                let (lo, hi) = (u16_at(d, 0) as u32, u16_at(d, 2) as u32);
                for c in lo..=hi.min(lo + 16_384) {
                    s.hidden_cols.insert(c);
                }
            }
            0x0203 | 0x027E | 0x00FD | 0x0204 | 0x0006 | 0x0205 | 0x00D6 => {
                note(s, u16_at(d, 0) as u32, u16_at(d, 2) as u32, u16_at(d, 4));
            }
            0x00BD | 0x00BE => {
                // MULRK: (ixfe, rk) pairs of 6 bytes; MULBLANK: ixfe of 2 bytes.
                let row = u16_at(d, 0) as u32;
                let first = u16_at(d, 2) as u32;
                let step = if ty == 0x00BD { 6 } else { 2 };
                let n = d.len().saturating_sub(6) / step;
                for i in 0..n {
                    note(s, row, first + i as u32, u16_at(d, 4 + i * step));
                }
            }
            _ => {}
        }
    }
}

impl Biff {
    fn style(&self, xf: u16) -> (Option<String>, bool, Option<Rgb>) {
        let Some(x) = self.xfs.get(xf as usize) else {
            return (None, false, None);
        };
        let fmt = self
            .formats
            .get(&x.format)
            .cloned()
            .or_else(|| numfmt::builtin(x.format as u32).map(str::to_string));
        // Font index 4 is never written: indices above it are one less in the list.
        let fi = if x.font >= 4 { x.font - 1 } else { x.font } as usize;
        let bold = self.bold_fonts.get(fi).copied().unwrap_or(false);
        let fill = x
            .fill
            .and_then(|i| indexed(&self.palette, i as u32))
            .map(|c| Rgb(c.0, c.1, c.2));
        (fmt, bold, fill)
    }
}

fn cell_text(v: &Data, format: Option<&str>, date1904: bool) -> String {
    match v {
        Data::Empty => String::new(),
        Data::String(s) => collapse_ws(s),
        Data::Float(f) => numfmt::format_number(*f, format.unwrap_or("General"), date1904),
        Data::Int(i) => numfmt::format_number(*i as f64, format.unwrap_or("General"), date1904),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(dt) => {
            let code = format
                .filter(|c| numfmt::is_date_format(c))
                .unwrap_or("dd/mm/yyyy");
            numfmt::format_number(dt.as_f64(), code, date1904)
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    }
}

pub fn read(bytes: &[u8], limits: &Limits) -> Result<Book, Error> {
    let stream = read_stream(bytes)?;
    let biff = scan(&stream)?;
    drop(stream);
    // calamine builds a dense grid per sheet: check each sheet's extent first.
    let mut total: u64 = 0;
    for s in &biff.sheets {
        if let Some((r0, c0, r1, c1)) = s.bounds {
            total += (r1 - r0 + 1) as u64 * (c1 - c0 + 1) as u64;
        }
    }
    if total > limits.max_cells {
        return Err(Error::too_large(format!(
            "the workbook's sheets span more than {} cells; plansift reads workbooks up to that size",
            limits.max_cells
        )));
    }
    let r = catch_unwind(AssertUnwindSafe(|| read_values(bytes, limits, &biff)));
    let sheets = match r {
        Ok(r) => r?,
        Err(_) => return Err(Error::malformed("the XLS workbook's sheet data is damaged")),
    };
    Ok(Book {
        sheets,
        diagnostics: Vec::new(),
        title: None,
    })
}

fn read_values(bytes: &[u8], limits: &Limits, biff: &Biff) -> Result<Vec<SheetData>, Error> {
    let mut wb: Xls<_> = Xls::new(Cursor::new(bytes))
        .map_err(|e| Error::malformed(format!("the XLS workbook cannot be read: {e}")))?;
    let date1904 = wb.has_1904_epoch();
    let meta = wb.sheets_metadata().to_vec();
    let mut budget = CellBudget::new(limits);
    let mut out = Vec::new();
    for (i, sheet) in meta.iter().enumerate() {
        if sheet.visible != SheetVisible::Visible || sheet.typ != SheetType::WorkSheet {
            continue;
        }
        let info = biff
            .sheets
            .iter()
            .find(|s| s.name == sheet.name)
            .or_else(|| biff.sheets.get(i));
        let range = wb.worksheet_range(&sheet.name).map_err(|e| {
            Error::malformed(format!("the XLS sheet {} cannot be read: {e}", sheet.name))
        })?;
        let mut data = SheetData {
            name: sheet.name.clone(),
            ..SheetData::default()
        };
        if let Some(info) = info {
            data.hidden_rows = info.hidden_rows.clone();
            data.hidden_cols = info.hidden_cols.clone();
        }
        let (r0, c0) = range.start().unwrap_or((0, 0));
        for (r, c, v) in range.used_cells() {
            let pos = (r0 + r as u32, c0 + c as u32);
            let xf = info.and_then(|s| s.xf.get(&pos)).copied();
            let (fmt, bold, fill) = xf.map(|x| biff.style(x)).unwrap_or((None, false, None));
            let text = cell_text(v, fmt.as_deref(), date1904);
            if text.is_empty() && fill.is_none() {
                continue;
            }
            budget.take(1)?;
            data.cells.insert(pos, GCell { text, bold, fill });
        }
        // Fill-only cells (RAG colours with no text) are blanks to calamine.
        if let Some(info) = info {
            for (&pos, &x) in &info.xf {
                if data.cells.contains_key(&pos) {
                    continue;
                }
                let (_, bold, fill) = biff.style(x);
                if fill.is_some() {
                    budget.take(1)?;
                    data.cells.insert(
                        pos,
                        GCell {
                            text: String::new(),
                            bold,
                            fill,
                        },
                    );
                }
            }
        }
        if let Ok(m) = wb.merge_cells_by_sheet_name(&sheet.name) {
            for d in m {
                data.merges.push((d.start.0, d.start.1, d.end.0, d.end.1));
            }
        }
        out.push(data);
    }
    Ok(out)
}
