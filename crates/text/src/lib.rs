//! Front-end for plan documents as text converted from PDF (`fixtures/text/`).
//!
//! The format, as PDF-to-text converters write it:
//! - a line holding a tab is a table row; its cells are separated by tabs and may
//!   hold HTML fragments (`<b>`, `<p>`, `<ul><li>`, `<sup>th</sup>`, entities);
//! - consecutive row lines form a table; a blank line or a text line ends it;
//! - a heading line (`#`..`######`) that the document repeats word for word is its
//!   running page header: each one starts a new page (a section title is not written
//!   twice); a form feed (`\f`) also starts a new page;
//! - lines of dashes between tabs (`---\t---`) are rule lines and carry nothing;
//! - other `#`..`######` lines are headings; other lines are paragraphs.
//!
//! The output follows the conventions of [`plansift_model`]: one table per page part,
//! [`Block::PageBreak`] at every new page, dense rows padded to the table's width.

use plansift_model::{
    collapse_ws, Block, Cell, Document, Prov, Row, Table, TableOrigin, TextBlock,
};
use plansift_textkit::{fragment_text, has_markup};

/// Plain text and boldness of one cell or line that may hold HTML fragments.
fn clean(s: &str) -> (String, bool) {
    if has_markup(s) {
        let f = fragment_text(s);
        (f.text, f.bold)
    } else {
        (collapse_ws(s), false)
    }
}

/// A rule line: only dashes, tabs, pipes, plus signs, colons and spaces, with at least three dashes.
fn is_rule_line(line: &str) -> bool {
    line.chars().filter(|&c| c == '-').count() >= 3
        && line
            .chars()
            .all(|c| matches!(c, '-' | '\t' | ' ' | '|' | '+' | ':' | '='))
}

/// Markdown heading level and text (`## Title` -> (2, "Title")).
fn markdown_heading(line: &str) -> Option<(u8, &str)> {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && line.as_bytes().get(hashes) == Some(&b' ') {
        Some((hashes as u8, line[hashes + 1..].trim()))
    } else {
        None
    }
}

struct Builder {
    /// Headings the document repeats (level, furniture key): its running page headers.
    running: std::collections::HashSet<(u8, String)>,
    doc: Document,
    page: u32,
    /// Something other than furniture has been emitted on the current page.
    page_has_content: bool,
    table: Option<Table>,
}

impl Builder {
    fn flush_table(&mut self) {
        if let Some(mut t) = self.table.take() {
            let width = t.columns();
            for r in &mut t.rows {
                while r.cells.len() < width {
                    r.cells.push(Cell::new("", r.prov));
                }
            }
            self.doc.blocks.push(Block::Table(t));
        }
    }

    fn new_page(&mut self) {
        self.flush_table();
        if self.page_has_content {
            self.page += 1;
            self.doc.blocks.push(Block::PageBreak { page: self.page });
            self.page_has_content = false;
        }
    }

    fn push_text(&mut self, block: Block) {
        self.flush_table();
        if !matches!(block, Block::Furniture(_)) {
            self.page_has_content = true;
        }
        self.doc.blocks.push(block);
    }

    fn push_row(&mut self, line: &str, lineno: u32) {
        let prov = Prov::line(self.page, lineno);
        let cells: Vec<Cell> = line
            .split('\t')
            .map(|raw| {
                let (text, bold) = clean(raw);
                let mut c = Cell::new(text, prov);
                c.bold = bold && !c.text.is_empty();
                c
            })
            .collect();
        // Trailing empty cells carry nothing; keep the row as wide as its last filled cell
        // (the table is padded to its widest row when it is flushed).
        let keep = cells
            .iter()
            .rposition(|c| !c.is_empty())
            .map(|i| i + 1)
            .unwrap_or(0);
        if keep == 0 {
            return; // a row of empty cells
        }
        let mut cells = cells;
        cells.truncate(keep);
        self.page_has_content = true;
        let table = self.table.get_or_insert_with(|| Table {
            rows: Vec::new(),
            origin: TableOrigin::TabSeparated,
            prov,
        });
        table.rows.push(Row { cells, prov });
    }
}

/// Parse plan text (already decoded to UTF-8) into the document model.
pub fn parse(text: &str) -> Document {
    let mut seen: std::collections::HashMap<(u8, String), usize> = std::collections::HashMap::new();
    for line in text.split(['\n', '\u{c}']) {
        if let Some((level, rest)) = markdown_heading(line.trim_end_matches('\r')) {
            *seen
                .entry((level, plansift_textkit::furniture_key(&clean(rest).0)))
                .or_default() += 1;
        }
    }
    let running = seen
        .into_iter()
        .filter(|(_, n)| *n >= 2)
        .map(|(k, _)| k)
        .collect();
    let mut b = Builder {
        running,
        doc: Document::default(),
        page: 1,
        page_has_content: false,
        table: None,
    };
    for (i, raw_line) in text.split('\n').enumerate() {
        plansift_model::budget::tick("text");
        let lineno = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let mut line = raw_line.strip_suffix('\r').unwrap_or(raw_line);
        // Form feeds start a new page; text after one belongs to the new page.
        while let Some(pos) = line.find('\u{c}') {
            let before = &line[..pos];
            if !before.trim().is_empty() {
                handle_line(&mut b, before, lineno);
            }
            b.new_page();
            line = &line[pos + 1..];
        }
        handle_line(&mut b, line, lineno);
    }
    b.flush_table();
    b.doc.pages = b.page;
    b.doc
}

fn handle_line(b: &mut Builder, line: &str, lineno: u32) {
    if line.trim().is_empty() {
        b.flush_table();
        return;
    }
    if is_rule_line(line) {
        return;
    }
    if line.contains('\t') {
        b.push_row(line, lineno);
        return;
    }
    if let Some((level, rest)) = markdown_heading(line) {
        let (text, _) = clean(rest);
        if b.running
            .contains(&(level, plansift_textkit::furniture_key(&text)))
        {
            // a repeated heading: the running page header at the top of every page
            b.new_page();
            let prov = Prov::line(b.page, lineno);
            b.push_text(Block::Furniture(TextBlock {
                text,
                bold: true,
                level: 0,
                prov,
            }));
        } else {
            b.push_text(Block::Heading(TextBlock {
                text,
                bold: true,
                level,
                prov: Prov::line(b.page, lineno),
            }));
        }
        return;
    }
    let prov = Prov::line(b.page, lineno);
    let (text, bold) = clean(line);
    if text.is_empty() {
        return;
    }
    b.push_text(Block::Paragraph(TextBlock {
        text,
        bold,
        level: 0,
        prov,
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables(doc: &Document) -> Vec<&Table> {
        doc.blocks
            .iter()
            .filter_map(|b| {
                if let Block::Table(t) = b {
                    Some(t)
                } else {
                    None
                }
            })
            .collect()
    }

    #[test]
    fn rows_pages_and_headers() {
        let src = "\n## Plan 2014/15\n\n<b>Theme</b>\t\t\nAction\tLead\tDeadline\nDo a thing\tJo Bloggs\tMarch 15\n\n## Plan 2014/15\n\n\tcontinued\t\t\n--\t---\t---\nNext para\n";
        let doc = parse(src);
        assert_eq!(doc.pages, 2);
        let t = tables(&doc);
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].rows.len(), 3);
        assert!(t[0].rows[0].cells[0].bold);
        assert_eq!(t[0].rows[0].cells[0].text, "Theme");
        assert_eq!(t[0].rows[2].text(1), "Jo Bloggs");
        assert_eq!(t[0].rows[2].prov.line, Some(6));
        // dense: every row padded to the table width
        assert!(t[0].rows.iter().all(|r| r.cells.len() == 3));
        assert_eq!(t[1].rows[0].prov.page, 2);
        assert_eq!(t[1].rows[0].text(1), "continued");
        assert!(doc
            .blocks
            .iter()
            .any(|b| matches!(b, Block::PageBreak { page: 2 })));
        assert!(matches!(doc.blocks.last(), Some(Block::Paragraph(p)) if p.text == "Next para"));
        // the first `##` opens page 1 rather than starting page 2
        assert!(matches!(doc.blocks[0], Block::Furniture(_)));
    }

    #[test]
    fn form_feed_starts_page() {
        let doc = parse("one\u{c}two\n");
        assert_eq!(doc.pages, 2);
    }

    #[test]
    fn crlf_and_markup() {
        let doc = parse("A\tB\r\nx &amp; y\t27 <sup>th</sup> May\r\n");
        let t = tables(&doc);
        assert_eq!(t[0].rows[1].text(0), "x & y");
        assert_eq!(t[0].rows[1].text(1), "27th May");
    }
}
