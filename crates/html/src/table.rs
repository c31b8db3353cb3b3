//! `<table>` -> dense [`plansift_model::Table`] grid.

use ego_tree::NodeRef;
use plansift_model::{Cell, Diagnostic, DiagnosticCode, Prov, Row, Table, TableOrigin};
use scraper::Node;

use crate::color::element_fill;
use crate::lines::SourceLines;
use plansift_textkit::markup::{collect, FragmentText, TextAcc};
use plansift_textkit::SpanGrid;

/// Widest grid kept (HTML itself caps `colspan` at 1000).
const MAX_COLS: usize = 512;

pub(crate) struct BuiltTable<'a> {
    /// `None` when the table has no rows.
    pub table: Option<Table>,
    pub caption: Option<(FragmentText, Option<u32>)>,
    /// The table is page layout, not data (`role="presentation"`, or a 1x1 table
    /// around other tables): its cells, in order, whose content should be
    /// read as ordinary page flow. Empty for a data table.
    pub layout_cells: Vec<NodeRef<'a, Node>>,
    pub diagnostics: Vec<Diagnostic>,
}

struct SourceRow<'a> {
    tr: NodeRef<'a, Node>,
    in_thead: bool,
    cells: Vec<NodeRef<'a, Node>>,
}

fn el_name<'a>(n: &NodeRef<'a, Node>) -> Option<&'a str> {
    match n.value() {
        Node::Element(e) => Some(e.name()),
        _ => None,
    }
}

fn span_attr(n: &NodeRef<'_, Node>, attr: &str) -> Option<usize> {
    let Node::Element(e) = n.value() else {
        return None;
    };
    let v = e.attr(attr)?.trim();
    let digits: String = v.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() {
        return None;
    }
    Some(digits.parse::<usize>().unwrap_or(usize::MAX))
}

/// The rows of a table in source order (direct `tr`s and those of `thead`/`tbody`/`tfoot`),
/// not those of tables nested in its cells.
fn source_rows<'a>(table: NodeRef<'a, Node>) -> (Vec<SourceRow<'a>>, Option<NodeRef<'a, Node>>) {
    let mut rows = Vec::new();
    let mut caption = None;
    let mut push_row = |tr: NodeRef<'a, Node>, in_thead: bool| {
        let cells = tr
            .children()
            .filter(|c| matches!(el_name(c), Some("td" | "th")))
            .collect();
        rows.push(SourceRow {
            tr,
            in_thead,
            cells,
        });
    };
    for child in table.children() {
        match el_name(&child) {
            Some("tr") => push_row(child, false),
            Some(g @ ("thead" | "tbody" | "tfoot")) => {
                for tr in child.children().filter(|c| el_name(c) == Some("tr")) {
                    push_row(tr, g == "thead");
                }
            }
            Some("caption") if caption.is_none() => caption = Some(child),
            _ => {}
        }
    }
    (rows, caption)
}

fn cell_fill(cell: &NodeRef<'_, Node>, tr: &NodeRef<'_, Node>) -> Option<plansift_model::Rgb> {
    let own = |n: &NodeRef<'_, Node>| match n.value() {
        Node::Element(e) => element_fill(e),
        _ => None,
    };
    if let Some(f) = own(cell) {
        return Some(f);
    }
    // A cell whose only content is one coloured element (a RAG `<div>`/`<span>`).
    let mut only: Option<NodeRef<'_, Node>> = None;
    let mut count = 0;
    for c in cell.children() {
        match c.value() {
            Node::Element(_) => {
                count += 1;
                only = Some(c);
            }
            Node::Text(t) if !t.trim().is_empty() => count += 2,
            _ => {}
        }
    }
    if count == 1 {
        if let Some(f) = only.as_ref().and_then(own) {
            return Some(f);
        }
    }
    own(tr)
}

pub(crate) fn build_table<'a>(table_el: NodeRef<'a, Node>, lines: &SourceLines) -> BuiltTable<'a> {
    let mut diagnostics = Vec::new();
    let (rows, caption_el) = source_rows(table_el);
    let table_line = lines.line(table_el.id());
    let caption = caption_el.and_then(|c| {
        let mut acc = TextAcc::default();
        collect(&mut acc, c, false);
        let t = acc.finish();
        (!t.text.is_empty()).then(|| (t, lines.line(c.id())))
    });

    // Layout tables: declared so, or a single cell wrapped around other tables.
    let presentation = matches!(table_el.value(), Node::Element(e)
        if e.attr("role").is_some_and(|r| r.eq_ignore_ascii_case("presentation") || r.eq_ignore_ascii_case("none")));
    let wrapper = rows.len() == 1
        && rows[0].cells.len() == 1
        && rows[0].cells.iter().any(|c| {
            c.descendants()
                .skip(1)
                .any(|d| el_name(&d) == Some("table"))
        });
    if presentation || wrapper {
        let layout_cells: Vec<NodeRef<'a, Node>> =
            rows.iter().flat_map(|r| r.cells.iter().copied()).collect();
        if !layout_cells.is_empty() {
            return BuiltTable {
                table: None,
                caption,
                layout_cells,
                diagnostics,
            };
        }
    }

    let n_rows = rows.len();
    let mut grid = SpanGrid::new(n_rows, MAX_COLS);
    for (r, srow) in rows.iter().enumerate() {
        let row_prov = line_prov(lines.line(srow.tr.id()));
        let mut col = 0usize;
        for td in &srow.cells {
            let Some(free) = grid.next_free(r, col) else {
                break;
            };
            let colspan = span_attr(td, "colspan").unwrap_or(1);
            let rowspan = match span_attr(td, "rowspan") {
                Some(0) => usize::MAX, // to the end of the table
                Some(n) => n,
                None => 1,
            };
            let mut acc = TextAcc::default();
            collect(&mut acc, *td, false);
            let ft = acc.finish();
            let header = el_name(td) == Some("th") || srow.in_thead;
            let prov = line_prov(lines.line(td.id()))
                .or(row_prov)
                .unwrap_or(Prov::page(1));
            let mut cell = Cell::new(ft.text, prov);
            cell.bold = header || ft.bold;
            cell.header = header;
            cell.fill = cell_fill(td, &srow.tr);
            col = grid.place(r, free, rowspan, colspan, cell);
        }
    }
    if grid.clamped() {
        diagnostics.push(Diagnostic::warning(
            DiagnosticCode::HtmlTableTooWide,
            format!("a table is wider than {MAX_COLS} columns; the columns beyond were dropped"),
            Some(line_prov(table_line).unwrap_or(Prov::page(1))),
        ));
    }

    let mut width = grid.width();
    // most grid positions kept for one table: the document budget's cells per table
    let max_cells = plansift_model::budget::limits().table_cells;
    if n_rows > 0 && width.saturating_mul(n_rows) > max_cells {
        width = (max_cells / n_rows).max(1);
        diagnostics.push(Diagnostic::warning(
            DiagnosticCode::HtmlTableTooLarge,
            format!(
                "a table of {n_rows} rows is too large; only its first {width} columns were kept"
            ),
            Some(line_prov(table_line).unwrap_or(Prov::page(1))),
        ));
    }

    let row_prov = |r: usize| line_prov(lines.line(rows[r].tr.id())).unwrap_or(Prov::page(1));
    let mut out_rows = Vec::new();
    for (r, cells) in grid.into_rows(width, row_prov).into_iter().enumerate() {
        // `None`: a <tr> with no cells and nothing spanning into it
        if let Some(cells) = cells {
            out_rows.push(Row {
                cells,
                prov: row_prov(r),
            });
        }
    }
    trim_empty_trailing_columns(&mut out_rows);
    let table = (!out_rows.is_empty()).then(|| Table {
        rows: out_rows,
        origin: TableOrigin::Markup,
        prov: line_prov(table_line).unwrap_or(Prov::page(1)),
    });
    BuiltTable {
        table,
        caption,
        layout_cells: Vec::new(),
        diagnostics,
    }
}

/// Drop trailing columns that carry nothing in any row: no text, no fill, no span.
fn trim_empty_trailing_columns(rows: &mut [Row]) {
    let blank = |c: &Cell| c.is_empty() && !c.covered && c.fill.is_none() && c.colspan <= 1;
    while !rows.is_empty()
        && rows
            .iter()
            .all(|r| r.cells.len() > 1 && r.cells.last().is_some_and(blank))
    {
        for r in rows.iter_mut() {
            r.cells.pop();
        }
    }
}

fn line_prov(line: Option<u32>) -> Option<Prov> {
    line.map(|l| Prov::line(1, l))
}

#[cfg(test)]
mod tests {
    use super::*;
    use plansift_model::Rgb;
    use scraper::Html;

    fn first_table(src: &str) -> (Table, Vec<Diagnostic>) {
        let doc = Html::parse_document(src);
        let lines = SourceLines::new(src, &doc);
        let t = doc
            .tree
            .root()
            .descendants()
            .find(|n| el_name(n) == Some("table"))
            .expect("test input has a table");
        let b = build_table(t, &lines);
        (b.table.expect("rows"), b.diagnostics)
    }

    fn texts(t: &Table) -> Vec<Vec<String>> {
        t.rows
            .iter()
            .map(|r| {
                r.cells
                    .iter()
                    .map(|c| {
                        if c.covered {
                            "^".to_string()
                        } else {
                            c.text.clone()
                        }
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn dense_grid_with_spans() {
        let (t, d) = first_table(
            "<table>\n<tr><th colspan=2>Objective</th><th>Lead</th></tr>\n\
             <tr><td rowspan=2>A</td><td>a1</td><td>X</td></tr>\n\
             <tr><td>a2</td><td rowspan=5>Y</td></tr>\n\
             <tr><td colspan=\"2\">wide</td></tr>\n</table>",
        );
        assert!(d.is_empty());
        assert_eq!(
            texts(&t),
            vec![
                vec!["Objective", "^", "Lead"],
                vec!["A", "a1", "X"],
                vec!["^", "a2", "Y"],
                vec!["wide", "^", "^"],
            ]
        );
        assert!(t.rows.iter().all(|r| r.cells.len() == 3));
        let obj = &t.rows[0].cells[0];
        assert!(obj.header && obj.bold);
        assert_eq!((obj.colspan, obj.rowspan), (2, 1));
        // rowspan=5 clamped to the rows that exist
        assert_eq!(t.rows[2].cells[2].rowspan, 2);
        assert_eq!(t.rows[1].cells[0].rowspan, 2);
        assert_eq!(t.rows[1].prov.line, Some(3));
        assert_eq!(t.rows[1].cells[1].prov.line, Some(3));
        assert_eq!(t.prov.line, Some(1));
    }

    #[test]
    fn ragged_rows_padded_and_thead_is_header() {
        let (t, _) = first_table(
            "<table><thead><tr><td>Ref</td><td>Action</td></tr></thead>\
             <tbody><tr><td>1</td></tr><tr></tr><tr><td>2</td><td>Do <b>it</b></td><td>extra</td></tr></tbody></table>",
        );
        assert_eq!(
            texts(&t),
            vec![
                vec!["Ref", "Action", ""],
                vec!["1", "", ""],
                vec!["2", "Do it", "extra"]
            ]
        );
        assert!(t.rows[0].cells[0].header && t.rows[0].cells[0].bold);
        assert!(!t.rows[2].cells[1].bold);
        assert!(!t.rows[1].cells[2].covered);
    }

    #[test]
    fn fills_from_cell_row_and_only_child() {
        let (t, _) = first_table(
            "<table><tr style='background-color:#eee'><td>a</td><td style='background:#00B050'>G</td>\
             <td><div style='background-color: rgb(255,192,0)'>&nbsp;</div></td><td bgcolor=red><b>R</b></td></tr></table>",
        );
        let fills: Vec<Option<Rgb>> = t.rows[0].cells.iter().map(|c| c.fill).collect();
        assert_eq!(
            fills,
            vec![
                Some(Rgb(238, 238, 238)),
                Some(Rgb(0, 176, 80)),
                Some(Rgb(255, 192, 0)),
                Some(Rgb(255, 0, 0))
            ]
        );
        assert!(t.rows[0].cells[3].bold);
    }

    #[test]
    fn nested_table_flattened_into_cell() {
        let (t, _) = first_table(
            "<table><tr><td>Outer</td><td><p>Intro</p><table><tr><td>i1</td><td>i2</td></tr><tr><td>i3</td></tr></table></td></tr></table>",
        );
        assert_eq!(texts(&t), vec![vec!["Outer", "Intro i1 i2 i3"]]);
    }

    #[test]
    fn empty_trailing_columns_dropped() {
        let (t, _) = first_table(
            "<table><tr><td>a</td><td></td><td> </td></tr><tr><td>b</td><td>x</td></tr>\
             <tr><td></td><td></td><td>&nbsp;</td><td></td></tr></table>",
        );
        assert_eq!(texts(&t), vec![vec!["a", ""], vec!["b", "x"], vec!["", ""]]);
        // a coloured or spanned last column stays
        let (t, _) = first_table("<table><tr><td>a</td><td bgcolor=green></td></tr></table>");
        assert_eq!(t.columns(), 2);
        let (t, _) = first_table("<table><tr><td colspan=2>a</td></tr><tr><td>b</td></tr></table>");
        assert_eq!(texts(&t), vec![vec!["a", "^"], vec!["b", ""]]);
    }

    #[test]
    fn trimming_no_rows_terminates() {
        let mut rows: Vec<Row> = Vec::new();
        trim_empty_trailing_columns(&mut rows);
        assert!(rows.is_empty());
    }

    #[test]
    fn huge_spans_are_clamped() {
        let (t, d) = first_table(
            "<table><tr><td colspan=99999>x</td><td>y</td></tr><tr><td>z</td></tr></table>",
        );
        assert_eq!(t.columns(), MAX_COLS);
        assert!(t.rows.iter().all(|r| r.cells.len() == MAX_COLS));
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, "html.table_too_wide");
    }
}
