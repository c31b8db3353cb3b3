//! The one intermediate document model every front-end produces.
//!
//! A front-end (text, HTML, CSV, PDF) turns a file into a [`Document`]: a flat
//! sequence of [`Block`]s in reading order — headings, paragraphs, running page
//! furniture, page breaks and tables — each carrying its [`Prov`]enance. The
//! interpretation stage reads only this model, so a new input format is a new
//! front-end and never a second extractor.
//!
//! Conventions every front-end follows:
//! - pages are 1-based; a document without pages (HTML, CSV) is one page;
//! - lines are 1-based line numbers of the source text, where there is one;
//! - a table holds the rows of one page: a table cut by a page break becomes
//!   two tables with a [`Block::PageBreak`] between them, and the interpretation
//!   stage stitches them;
//! - rows are dense grids: `row.cells[i]` is grid column `i`; a position covered
//!   by another cell's row/column span is an empty cell with `covered = true`;
//! - cell text is plain text: tags removed, entities decoded, white space
//!   collapsed to single spaces, paragraphs/list items separated by one space.

pub mod budget;
mod codes;

pub use codes::{DiagnosticCode, ErrorCode};
use serde::Serialize;

/// Where something came from in the source file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Prov {
    /// 1-based page number.
    pub page: u32,
    /// 1-based line number in the source text, when the source has lines.
    pub line: Option<u32>,
    /// Box in points from the page's top-left corner: `[x0, top, x1, bottom]` (PDF only).
    pub bbox: Option<[f32; 4]>,
}

impl Prov {
    pub fn page(page: u32) -> Self {
        Prov {
            page,
            line: None,
            bbox: None,
        }
    }
    pub fn line(page: u32, line: u32) -> Self {
        Prov {
            page,
            line: Some(line),
            bbox: None,
        }
    }
}

/// An sRGB colour, e.g. a cell's fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#RRGGBB`
    pub fn hex(&self) -> String {
        format!("#{:02X}{:02X}{:02X}", self.0, self.1, self.2)
    }
}

/// A run of text outside tables.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextBlock {
    pub text: String,
    /// The whole block is bold (or `<b>`/`<strong>`/`<th>`).
    pub bold: bool,
    /// Heading level 1..=6 for headings; 0 for paragraphs and furniture.
    pub level: u8,
    pub prov: Prov,
}

/// One cell of a table row.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Cell {
    pub text: String,
    /// All of the cell's text is bold / header-marked.
    pub bold: bool,
    /// The cell is a header cell (`<th>`, a tagged `TH`).
    pub header: bool,
    /// Background colour of the cell, when the source gives one (PDF fills, HTML styles).
    pub fill: Option<Rgb>,
    /// Columns this cell spans (1 for an ordinary cell).
    pub colspan: u16,
    /// Rows this cell spans (1 for an ordinary cell).
    pub rowspan: u16,
    /// This grid position is covered by a spanning cell above or to the left.
    pub covered: bool,
    pub prov: Prov,
}

impl Cell {
    pub fn new(text: impl Into<String>, prov: Prov) -> Self {
        Cell {
            text: text.into(),
            colspan: 1,
            rowspan: 1,
            prov,
            ..Default::default()
        }
    }
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// One row of a table.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Row {
    pub cells: Vec<Cell>,
    pub prov: Prov,
}

impl Row {
    /// Number of non-empty cells.
    pub fn filled(&self) -> usize {
        self.cells.iter().filter(|c| !c.is_empty()).count()
    }
    pub fn text(&self, col: usize) -> &str {
        self.cells.get(col).map(|c| c.text.as_str()).unwrap_or("")
    }
}

/// How a table was found (for diagnostics and the inspector).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TableOrigin {
    #[default]
    Markup,
    TabSeparated,
    Delimited,
    Tagged,
    Ruled,
    Shaded,
    Aligned,
    /// Repeated records (cards, definition lists, labelled `Label: value` blocks, minutes
    /// action lines, one cell per line) rebuilt as rows, one record per row.
    Records,
}

/// A table (the part of it on one page).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Table {
    pub rows: Vec<Row>,
    pub origin: TableOrigin,
    pub prov: Prov,
}

impl Table {
    pub fn columns(&self) -> usize {
        self.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    Heading(TextBlock),
    Paragraph(TextBlock),
    /// Running page header/footer, repeated on many pages (kept for title and period detection).
    Furniture(TextBlock),
    /// A new page starts here.
    PageBreak {
        page: u32,
    },
    Table(Table),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Info,
    Warning,
    Error,
}

/// Something a front-end or the interpretation stage wants the user to know.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    pub level: Level,
    /// A stable machine-readable code, e.g. `pdf.bad_token`.
    pub code: String,
    pub message: String,
    pub prov: Option<Prov>,
}

impl Diagnostic {
    pub fn new(
        level: Level,
        code: impl Into<String>,
        message: impl Into<String>,
        prov: Option<Prov>,
    ) -> Self {
        Diagnostic {
            level,
            code: code.into(),
            message: message.into(),
            prov,
        }
    }
    pub fn warning(
        code: impl Into<String>,
        message: impl Into<String>,
        prov: Option<Prov>,
    ) -> Self {
        Self::new(Level::Warning, code, message, prov)
    }
}

/// A whole document in the intermediate model.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Document {
    /// Number of pages (1 for formats without pages).
    pub pages: u32,
    pub blocks: Vec<Block>,
    /// Title from document metadata (PDF `/Title`, HTML `<title>`), when present.
    pub meta_title: Option<String>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Collapse runs of white space (including NBSP and other Unicode spaces) to one
/// ASCII space and trim both ends.
pub fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending = false;
    for ch in s.chars() {
        if ch.is_whitespace() || ch == '\u{a0}' || ch == '\u{feff}' || ch == '\u{200b}' {
            pending = true;
        } else {
            if pending && !out.is_empty() {
                out.push(' ');
            }
            pending = false;
            out.push(ch);
        }
    }
    out
}

/// A plain-text rendering of a document for people debugging a front-end
/// (`plansift model FILE`): one line per block, tables one line per row with
/// cells separated by ` | `, bold cells in `*stars*`, covered positions as `^`, spans as
/// `<cs2>`/`<rs3>`, fills as `[#RRGGBB]`. The one model dump of the workspace (front-ends'
/// examples and tests print it too).
pub fn render(doc: &Document) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let loc = |p: &Prov| match p.line {
        Some(l) => format!("p{}:l{}", p.page, l),
        None => format!("p{}", p.page),
    };
    for b in &doc.blocks {
        let _ = match b {
            Block::Heading(t) => writeln!(out, "[{}] H{} {}", loc(&t.prov), t.level, t.text),
            Block::Paragraph(t) => writeln!(
                out,
                "[{}] P{} {}",
                loc(&t.prov),
                if t.bold { "*" } else { "" },
                t.text
            ),
            Block::Furniture(t) => writeln!(out, "[{}] F {}", loc(&t.prov), t.text),
            Block::PageBreak { page } => writeln!(out, "---- page {page} ----"),
            Block::Table(t) => {
                let _ = writeln!(
                    out,
                    "[{}] TABLE {:?} {}x{}",
                    loc(&t.prov),
                    t.origin,
                    t.rows.len(),
                    t.columns()
                );
                for r in &t.rows {
                    let cells: Vec<String> = r
                        .cells
                        .iter()
                        .map(|c| {
                            let mut s = if c.covered {
                                "^".to_string()
                            } else if c.bold {
                                format!("*{}*", c.text)
                            } else {
                                c.text.clone()
                            };
                            if c.colspan > 1 {
                                s.push_str(&format!(" <cs{}>", c.colspan));
                            }
                            if c.rowspan > 1 {
                                s.push_str(&format!(" <rs{}>", c.rowspan));
                            }
                            if let Some(f) = c.fill {
                                s.push_str(&format!(" [{}]", f.hex()));
                            }
                            s
                        })
                        .collect();
                    let _ = writeln!(out, "  [{}] {}", loc(&r.prov), cells.join(" | "));
                }
                Ok(())
            }
        };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapse_ws_folds_unicode_spaces() {
        assert_eq!(collapse_ws("  a\t\u{a0} b\n\nc "), "a b c");
        assert_eq!(collapse_ws(""), "");
    }

    #[test]
    fn rgb_hex() {
        assert_eq!(Rgb(0, 176, 80).hex(), "#00B050");
    }
}
