//! plansift's delimited-text front-end: a spreadsheet export of an action plan
//! (CSV, TSV, `;`- or `|`-separated) -> [`plansift_model::Document`].
//!
//! The document is one page: leading title lines (records with at most one
//! non-empty field, before the first record with two or more) become a
//! [`Block::Heading`] (the first, when short) and [`Block::Paragraph`]s; every
//! record from the first multi-field one on is a row of one [`Table`]
//! (origin [`TableOrigin::Delimited`]), whose first row is the header row
//! (cells marked `header` and `bold`). Rows are padded to the widest record;
//! blank records are dropped. Cell text is plain: white space collapsed, and
//! cells holding HTML markup go through [`plansift_textkit::fragment_text`].
//! `Prov::line` is the 1-based line on which the record starts.

mod scan;

use plansift_model::{
    collapse_ws, Block, Cell, Diagnostic, DiagnosticCode, Document, Prov, Row, Table, TableOrigin,
    TextBlock,
};

/// Candidate delimiters, in order of preference on a tie.
const CANDIDATES: [u8; 4] = [b'\t', b',', b';', b'|'];
/// Records looked at when sniffing.
const SNIFF_RECORDS: usize = 20;
/// Bytes looked at when sniffing.
const SNIFF_BYTES: usize = 256 * 1024;

#[derive(thiserror::Error, Debug)]
pub enum CsvError {
    #[error("unusable delimiter {0:?}: it must be an ASCII punctuation or space character other than '\"'")]
    BadDelimiter(char),
    #[error("no records: the input is empty or blank")]
    Empty,
    #[error("CSV parse error at line {line}: {source}")]
    Parse {
        line: u64,
        #[source]
        source: csv::Error,
    },
    #[error("table too large at line {line}: {rows} rows of up to {columns} columns exceed {limit} cells")]
    TooLarge {
        line: u64,
        rows: usize,
        columns: usize,
        /// The most cells a table may have (the budget's cells per table).
        limit: usize,
    },
}

/// Sniff a delimiter from the first records: `\t`, `,`, `;` or `|`. The chosen one
/// splits the most records (outside quotes) into the same number of fields; ties go
/// to the one with fewer stray quotes (quotes inside unquoted fields), then to the
/// larger field count, then to the order above. `None` when no candidate
/// occurs in the text outside quoted fields.
pub fn sniff_delimiter(text: &str) -> Option<u8> {
    let text = strip_bom(text);
    // (agreeing records, stray quotes, fields, delimiter)
    let mut best: Option<(usize, usize, usize, u8)> = None;
    for &d in &CANDIDATES {
        let s = scan::scan(text, d, SNIFF_RECORDS, SNIFF_BYTES);
        let Some((fields, agree)) = modal_fields(&s.records) else {
            continue;
        };
        if fields < 2 {
            continue;
        }
        let stray = s.stray_quotes;
        let better = match best {
            None => true,
            Some((a, q, f, _)) => {
                (agree, std::cmp::Reverse(stray), fields) > (a, std::cmp::Reverse(q), f)
            }
        };
        if better {
            best = Some((agree, stray, fields, d));
        }
    }
    best.map(|(_, _, _, d)| d)
}

/// The most common field count among records with more than one field, and how
/// many records have it (ties go to the larger count).
fn modal_fields(records: &[scan::RecordShape]) -> Option<(usize, usize)> {
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for r in records.iter().filter(|r| r.fields > 1) {
        match counts.iter_mut().find(|(f, _)| *f == r.fields) {
            Some((_, n)) => *n += 1,
            None => counts.push((r.fields, 1)),
        }
    }
    counts.into_iter().max_by_key(|&(f, n)| (n, f))
}

/// Is this text plausibly a delimited table (a spreadsheet export)? Looking at the
/// first ~20 non-blank records with the sniffed delimiter:
/// - at least two, and at least 60%, have the same number of fields (two or more),
///   and most of those have two or more non-empty fields;
/// - no quoted field is left open;
/// - for `,`/`;`: at most half the fields after a delimiter start with a space
///   (prose writes `a, b`; exports write `a,b`);
/// - no Markdown heading line (`## Title`) and no blank line between two multi-field
///   records: text laid out in blocks, like text converted from PDF with one
///   tab-separated table per page, is left to the text front-end.
///
/// Returns the delimiter.
pub fn looks_delimited(text: &str) -> Option<u8> {
    let text = strip_bom(text);
    let d = sniff_delimiter(text)?;
    let s = scan::scan(text, d, SNIFF_RECORDS, SNIFF_BYTES);
    let (fields, agree) = modal_fields(&s.records)?;
    if fields < 2 || agree < 2 || agree * 10 < s.records.len() * 6 {
        return None;
    }
    if s.open_quote_line.is_some() {
        return None;
    }
    let rows: Vec<&scan::RecordShape> = s.records.iter().filter(|r| r.fields == fields).collect();
    // "key": value, lines and the like: one real value per line
    if rows.iter().filter(|r| r.nonempty >= 2).count() * 2 <= rows.len() {
        return None;
    }
    // prose: ", " after most commas
    if matches!(d, b',' | b';') {
        let later: usize = rows.iter().map(|r| r.fields - 1).sum();
        let spaced: usize = rows.iter().map(|r| r.space_led).sum();
        if spaced * 2 > later {
            return None;
        }
    }
    // text laid out in blocks (Markdown headings, tables separated by blank lines,
    // as in text converted from PDF) is for the text front-end
    if s.records.iter().any(|r| r.md_heading) {
        return None;
    }
    let mut seen_row = false;
    for r in &s.records {
        if r.fields > 1 {
            if seen_row && r.blank_before {
                return None;
            }
            seen_row = true;
        }
    }
    Some(d)
}

/// Line numbers from byte offsets. (The `csv` crate's own line counts drift on
/// CRLF line ends and blank lines, and its record offsets may point at the line
/// end before the record, so records are located by byte.)
struct LineIndex<'a> {
    text: &'a [u8],
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(
                text.bytes()
                    .enumerate()
                    .filter(|&(i, b)| {
                        b == b'\n' || (b == b'\r' && text.as_bytes().get(i + 1) != Some(&b'\n'))
                    })
                    .map(|(i, _)| i + 1),
            )
            .collect();
        LineIndex {
            text: text.as_bytes(),
            starts,
        }
    }

    /// 1-based line of the first byte at or after `byte` that is not a line end.
    fn line_of(&self, byte: u64) -> u64 {
        let mut b = usize::try_from(byte)
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        while matches!(self.text.get(b), Some(b'\r' | b'\n')) {
            b += 1;
        }
        self.starts.partition_point(|&s| s <= b) as u64
    }
}

fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Plain text of one field.
fn cell_text(raw: &str) -> (String, bool) {
    if plansift_textkit::has_markup(raw) {
        let f = plansift_textkit::fragment_text(raw);
        (f.text, f.bold)
    } else {
        (collapse_ws(raw), false)
    }
}

/// A spreadsheet export of an action plan -> one-page Document (see the crate docs).
pub fn parse(text: &str, delimiter: u8) -> Result<Document, CsvError> {
    if !(delimiter.is_ascii_punctuation() || delimiter == b' ' || delimiter == b'\t')
        || delimiter == b'"'
    {
        return Err(CsvError::BadDelimiter(char::from(delimiter)));
    }
    let text = strip_bom(text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());

    let lines = LineIndex::new(text);
    let max_cells = plansift_model::budget::limits().table_cells;
    let mut diagnostics = Vec::new();
    let mut blocks: Vec<Block> = Vec::new();
    let mut rows: Vec<Row> = Vec::new();
    let mut width = 0usize;
    let mut any_record = false;
    for result in reader.records() {
        plansift_model::budget::tick("CSV");
        let record = result.map_err(|e| CsvError::Parse {
            line: e.position().map_or(0, |p| lines.line_of(p.byte())),
            source: e,
        })?;
        let line = record.position().map_or(0, |p| lines.line_of(p.byte()));
        let prov = Prov::line(1, u32::try_from(line).unwrap_or(u32::MAX));
        let cells: Vec<(String, bool)> = record.iter().map(cell_text).collect();
        let filled = cells.iter().filter(|(t, _)| !t.is_empty()).count();
        if filled == 0 {
            continue; // blank line or a row of empty cells
        }
        any_record = true;
        if rows.is_empty() && filled < 2 {
            // a title line before the header row
            let (text, bold) = cells
                .into_iter()
                .find(|(t, _)| !t.is_empty())
                .unwrap_or_default();
            let tb = TextBlock {
                text,
                bold,
                level: 0,
                prov,
            };
            let first = blocks.is_empty();
            let short = tb.text.chars().count() <= 120 && !tb.text.ends_with('.');
            blocks.push(if first && short {
                Block::Heading(TextBlock { level: 1, ..tb })
            } else if short && tb.text.chars().count() <= 80 {
                Block::Heading(TextBlock { level: 2, ..tb })
            } else {
                Block::Paragraph(tb)
            });
            continue;
        }
        let header = rows.is_empty();
        width = width.max(cells.len());
        if width.saturating_mul(rows.len() + 1) > max_cells {
            return Err(CsvError::TooLarge {
                line,
                rows: rows.len() + 1,
                columns: width,
                limit: max_cells,
            });
        }
        let cells = cells
            .into_iter()
            .map(|(text, bold)| {
                let mut c = Cell::new(text, prov);
                c.header = header;
                c.bold = header || bold;
                c
            })
            .collect();
        rows.push(Row { cells, prov });
    }
    if !any_record {
        return Err(CsvError::Empty);
    }
    let open = scan::scan(text, delimiter, 0, 0).open_quote_line;
    if let Some(l) = open {
        diagnostics.push(Diagnostic::warning(
            DiagnosticCode::CsvUnterminatedQuote,
            format!(
                "a quoted field opened on line {l} is never closed; it runs to the end of the file"
            ),
            Some(Prov::line(1, u32::try_from(l).unwrap_or(u32::MAX))),
        ));
    }
    for r in &mut rows {
        let prov = r.prov;
        while r.cells.len() < width {
            r.cells.push(Cell::new("", prov));
        }
    }
    if rows.is_empty() {
        diagnostics.push(Diagnostic::warning(
            DiagnosticCode::CsvNoTable,
            format!(
                "no record has two or more non-empty fields with delimiter {:?}: no table",
                char::from(delimiter)
            ),
            None,
        ));
    } else {
        let prov = rows[0].prov;
        blocks.push(Block::Table(Table {
            rows,
            origin: TableOrigin::Delimited,
            prov,
        }));
    }
    Ok(Document {
        pages: 1,
        blocks,
        meta_title: None,
        diagnostics,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(doc: &Document) -> &Table {
        doc.blocks
            .iter()
            .find_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
            .expect("a table")
    }

    fn grid(t: &Table) -> Vec<Vec<&str>> {
        t.rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.text.as_str()).collect())
            .collect()
    }

    #[test]
    fn quoting_multiline_and_commas() {
        let text = "Ref,Action,Lead Officer\n\
                    A1,\"Review the plan, then\n  publish it\",\"Smith, J\"\n\
                    A2,\"Say \"\"hello\"\"\",Jones\n";
        let doc = parse(text, b',').expect("parses");
        let t = table(&doc);
        assert_eq!(t.origin, TableOrigin::Delimited);
        assert_eq!(
            grid(t),
            vec![
                vec!["Ref", "Action", "Lead Officer"],
                vec!["A1", "Review the plan, then publish it", "Smith, J"],
                vec!["A2", "Say \"hello\"", "Jones"],
            ]
        );
        assert_eq!(
            t.rows.iter().map(|r| r.prov.line).collect::<Vec<_>>(),
            vec![Some(1), Some(2), Some(4)]
        );
        assert!(t.rows[0].cells.iter().all(|c| c.header && c.bold));
        assert!(t.rows[1].cells.iter().all(|c| !c.header && !c.bold));
        assert_eq!(doc.pages, 1);
        assert!(doc.diagnostics.is_empty());
    }

    #[test]
    fn titles_ragged_rows_bom_crlf_and_markup() {
        let text = "\u{feff}Corporate Action Plan 2015/16,,,\r\n,,,\r\nPrepared by the Policy Team.\r\n\
                    Ref,Action,RAG\r\n1,Do <b>it</b>,G,extra\r\n2\r\n,,,\r\n3,\"27 <sup>th</sup> May &amp; after\",<b>A</b>\r\n";
        let doc = parse(text, b',').expect("parses");
        match &doc.blocks[..] {
            [Block::Heading(h), Block::Paragraph(p), Block::Table(t)] => {
                assert_eq!(
                    (h.text.as_str(), h.level, h.prov.line),
                    ("Corporate Action Plan 2015/16", 1, Some(1))
                );
                assert_eq!(
                    (p.text.as_str(), p.prov.line),
                    ("Prepared by the Policy Team.", Some(3))
                );
                assert_eq!(
                    grid(t),
                    vec![
                        vec!["Ref", "Action", "RAG", ""],
                        vec!["1", "Do it", "G", "extra"],
                        vec!["2", "", "", ""],
                        vec!["3", "27th May & after", "A", ""],
                    ]
                );
                assert!(t.rows[3].cells[2].bold && !t.rows[3].cells[1].bold);
                assert_eq!(t.rows[3].prov.line, Some(8));
            }
            other => panic!("unexpected blocks {other:?}"),
        }
    }

    #[test]
    fn old_mac_line_ends() {
        let text = "Ref,Action\r\rA1,\"two\rlines\"\rA2,x\r";
        assert_eq!(sniff_delimiter(text), Some(b','));
        let doc = parse(text, b',').expect("parses");
        let t = table(&doc);
        assert_eq!(
            grid(t),
            vec![
                vec!["Ref", "Action"],
                vec!["A1", "two lines"],
                vec!["A2", "x"]
            ]
        );
        let lines: Vec<Option<u32>> = t.rows.iter().map(|r| r.prov.line).collect();
        assert_eq!(lines, vec![Some(1), Some(3), Some(5)]);
    }

    #[test]
    fn errors_and_edge_cases() {
        assert!(matches!(parse("", b','), Err(CsvError::Empty)));
        assert!(matches!(parse("\n , \n\n", b','), Err(CsvError::Empty)));
        assert!(matches!(
            parse("a,b", b'a'),
            Err(CsvError::BadDelimiter('a'))
        ));
        assert!(matches!(
            parse("a,b", b'"'),
            Err(CsvError::BadDelimiter('"'))
        ));
        let msg = CsvError::BadDelimiter('x').to_string();
        assert!(msg.contains("'x'"), "{msg}");
        // only single-field records: paragraphs, no table, a diagnostic
        let doc = parse(
            "Just a note\nAnother line of prose that is long enough.\n",
            b',',
        )
        .expect("parses");
        assert_eq!(doc.blocks.len(), 2);
        assert_eq!(doc.diagnostics[0].code, "csv.no_table");
        // an unterminated quote swallows the rest, and says so with its line
        let doc = parse("a,b\n1,\"open\n2,x\n", b',').expect("parses");
        assert_eq!(
            grid(table(&doc)),
            vec![vec!["a", "b"], vec!["1", "open 2,x"]]
        );
        assert_eq!(doc.diagnostics[0].code, "csv.unterminated_quote");
        assert_eq!(doc.diagnostics[0].prov.and_then(|p| p.line), Some(2));
    }

    #[test]
    fn too_large_is_an_error() {
        let wide = ",".repeat(100_000);
        let text = format!("a,b\n{}\n", format!("x{wide}\n").repeat(41));
        match parse(&text, b',') {
            Err(e @ CsvError::TooLarge { .. }) => assert!(e.to_string().contains("line")),
            other => panic!("expected TooLarge, got {:?}", other.map(|d| d.blocks.len())),
        }
    }

    #[test]
    fn sniffing() {
        assert_eq!(sniff_delimiter("a,b,c\n1,2,3\n"), Some(b','));
        assert_eq!(
            sniff_delimiter("a\tb, with comma\tc\n1\t2,5\t3\n"),
            Some(b'\t')
        );
        assert_eq!(sniff_delimiter("a;b;c\n\"1,5\";2;3\n4,5;6;7\n"), Some(b';'));
        assert_eq!(sniff_delimiter("a|b\n1|2\n"), Some(b'|'));
        // commas inside quotes do not count
        assert_eq!(
            sniff_delimiter("x;\"a,b,c,d\"\ny;\"e,f,g,h\"\n"),
            Some(b';')
        );
        assert_eq!(sniff_delimiter("no delimiters here\nat all\n"), None);
        assert_eq!(sniff_delimiter(""), None);
    }

    #[test]
    fn looks_delimited_needs_consistent_columns() {
        assert_eq!(
            looks_delimited("Plan title\nRef,Action,Lead\n1,a,b\n2,c,d\n3,e,f\n"),
            Some(b',')
        );
        assert_eq!(looks_delimited("Ref\tAction\n1\tx\n"), Some(b'\t'));
        // prose with the odd comma is not a table
        let prose = "The council met on Monday, and agreed the plan.\n\
                     Members asked about costs, timing, and risks, at length.\n\
                     The chair closed the meeting.\nActions follow below, in order.\n\
                     Nothing else was discussed.\n";
        assert_eq!(looks_delimited(prose), None);
        assert_eq!(looks_delimited("one line, only\n"), None);
        assert_eq!(looks_delimited("a,b\n1,\"never closed\n2,3\n"), None);
        // JSON-like "key": value, lines
        assert_eq!(
            looks_delimited("{\n  \"a\": 1,\n  \"b\": 2,\n  \"c\": 3,\n}\n"),
            None
        );
        // short prose lines, each with one comma
        assert_eq!(
            looks_delimited("Yes, we can.\nNo, we cannot.\nWell, maybe.\n"),
            None
        );
        // page-laid-out text: Markdown page headers, blank lines between table blocks
        assert_eq!(looks_delimited("## Plan\na\tb\n1\t2\n"), None);
        assert_eq!(looks_delimited("a\tb\n1\t2\n\na\tb\n3\t4\n"), None);
        // blank lines before the header are fine
        assert_eq!(looks_delimited("Title\n\n\na;b\n1;2\n3;4\n"), Some(b';'));
    }
}
