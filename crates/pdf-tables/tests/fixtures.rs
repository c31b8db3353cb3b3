//! The table finder on the fixture PDFs (one document in each table style).

use plansift_model::{Block, Document, Row, Table, TableOrigin};
use plansift_pdf_tables::{render_text, to_document};

fn doc(rel: &str) -> Document {
    let path = format!("{}/../../fixtures/pdf/{rel}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let layout = plansift_pdf::parse(&bytes, &plansift_pdf::Options::default()).expect("parse");
    to_document(&layout)
}

fn tables(d: &Document) -> Vec<&Table> {
    d.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect()
}

fn find_row<'a>(d: &'a Document, text: &str) -> Option<(&'a Table, &'a Row, usize)> {
    for t in tables(d) {
        for r in &t.rows {
            if let Some(i) = r.cells.iter().position(|c| c.text == text) {
                return Some((t, r, i));
            }
        }
    }
    None
}

/// The Thurrock plan: a 7-column table (Objective, ambition, Action, Lead,
/// Deadline, Comments, RAG); a known action row has its lead and deadline in the
/// columns of the header.
fn check_thurrock(style: &str, origin: Option<TableOrigin>) -> Document {
    let d = doc(&format!("{style}/thurrock-jhws-delivery-2014-15.pdf"));
    let dump = render_text(&d);
    let (ht, header, _) =
        find_row(&d, "Action 14/15").unwrap_or_else(|| panic!("{style}: no header\n{dump}"));
    let col = |name: &str| header.cells.iter().position(|c| c.text == name);
    assert_eq!(ht.columns(), 7, "{style}\n{dump}");
    assert_eq!(col("Objective"), Some(0), "{style}");
    assert_eq!(col("Action 14/15"), Some(2), "{style}");
    assert_eq!(col("Lead"), Some(3), "{style}");
    assert_eq!(col("Deadline"), Some(4), "{style}");
    assert_eq!(col("Comments"), Some(5), "{style}");
    assert_eq!(col("RAG"), Some(6), "{style}");
    if let Some(o) = origin {
        assert_eq!(ht.origin, o, "{style}");
    }
    let (t, row, i) = find_row(&d, "Finalise Primary Care Strategy")
        .unwrap_or_else(|| panic!("{style}: no action\n{dump}"));
    assert_eq!(i, 2, "{style}: action column");
    assert_eq!(row.text(3), "Mandy Ansell", "{style}");
    assert_eq!(row.text(4), "On-going", "{style}");
    assert_eq!(
        row.text(0),
        "Improve the Quality of Primary Care",
        "{style}"
    );
    assert!(row.cells[0].bold, "{style}: objective cell is bold");
    assert!(
        row.text(5).starts_with("As part of Thurrock"),
        "{style}: {}",
        row.text(5)
    );
    assert_eq!(t.columns(), 7);
    // provenance on page 1 with a box inside the page
    let b = row.cells[2].prov.bbox.expect("bbox");
    assert!(row.cells[2].prov.page >= 1 && row.cells[2].prov.page <= d.pages);
    assert_eq!(row.prov.page, row.cells[2].prov.page);
    assert!(b[0] < b[2] && b[1] < b[3] && b[2] <= 612.0 && b[3] <= 842.0);
    // a multi-line cell kept whole, superscript ordinal joined
    assert!(
        find_row(&d, "Model to be implemented from 15th August").is_some(),
        "{style}\n{dump}"
    );
    // one table per page part, page breaks between pages
    let breaks = d
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::PageBreak { .. }))
        .count();
    assert_eq!(breaks as u32 + 1, d.pages);
    d
}

#[test]
fn chromium_tagged() {
    let d = check_thurrock("chromium", Some(TableOrigin::Tagged));
    // the running title on every page is furniture, not a table cell
    let furn = d
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Furniture(t) if t.text.starts_with("Joint Health and Wellbeing Strategy")))
        .count();
    assert!(furn >= 10, "{}", render_text(&d));
}

#[test]
fn libreoffice_ruled_grid() {
    check_thurrock("libreoffice", Some(TableOrigin::Ruled));
}

#[test]
fn hrules_columns_from_alignment() {
    check_thurrock("hrules", None);
}

#[test]
fn shaded_cells_from_fills() {
    let d = check_thurrock("shaded", None);
    let (_, header, _) = find_row(&d, "Action 14/15").expect("header");
    assert!(header.cells[2].fill.is_some());
}

#[test]
fn plain_stream() {
    check_thurrock("plain", None);
}

#[test]
fn ragcolour_fill_kept_on_cell() {
    let d = doc("ragcolour/thurrock-jhws-delivery-2014-15.pdf");
    let (_, row, _) = find_row(&d, "Finalise Primary Care Strategy").expect("row");
    let rag = row.cells.last().expect("cells");
    assert_eq!(rag.text, "");
    let f = rag.fill.expect("RAG fill");
    assert!(f.1 > f.0 && f.1 > f.2, "green: {f:?}");
    let (_, row, _) =
        find_row(&d, "Develop Primary Care Strategy Implementation Plans").expect("row");
    let f = row.cells.last().and_then(|c| c.fill).expect("RAG fill");
    assert!(f.0 > 200 && f.1 > 150 && f.2 < 60, "amber: {f:?}");
}

#[test]
fn bromley_four_columns_in_every_style() {
    for style in ["chromium", "libreoffice", "hrules", "shaded", "plain"] {
        let d = doc(&format!("{style}/bromley-portfolio-half-year-2013-14.pdf"));
        let dump = render_text(&d);
        let (t, header, i) =
            find_row(&d, "We aimed to").unwrap_or_else(|| panic!("{style}\n{dump}"));
        assert_eq!(i, 0, "{style}");
        assert_eq!(t.columns(), 4, "{style}\n{dump}");
        assert_eq!(header.text(1), "RAG Status", "{style}");
        assert_eq!(
            header.text(2),
            "Half Year Update - end of November",
            "{style}"
        );
        let (_, row, _) = find_row(&d, "Have a diverse market in care")
            .unwrap_or_else(|| panic!("{style}\n{dump}"));
        assert_eq!(row.text(1), "Green", "{style}");
    }
}

#[test]
fn pack_has_tables_among_text() {
    let d = doc("pack/health-wellbeing-board-pack-2015-03.pdf");
    assert_eq!(d.pages, 15);
    let ts = tables(&d);
    assert!(ts.len() >= 3, "{}", render_text(&d));
    assert!(ts.iter().any(|t| t.columns() >= 4));
    assert!(d.blocks.iter().any(|b| matches!(b, Block::Paragraph(_))));
    assert!(d.blocks.iter().any(|b| matches!(b, Block::Heading(_))));
}
