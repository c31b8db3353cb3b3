//! The HTML renderings of the four council plans in fixtures/html.

use plansift_model::{Block, Document, Table};

fn source(stem: &str) -> String {
    let path = format!(
        "{}/../../fixtures/html/{stem}.html",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn load(stem: &str) -> Document {
    plansift_html::parse(&source(stem))
}

fn tables(doc: &Document) -> Vec<&Table> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect()
}

fn all_cells(doc: &Document) -> impl Iterator<Item = &plansift_model::Cell> {
    tables(doc)
        .into_iter()
        .flat_map(|t| t.rows.iter().flat_map(|r| r.cells.iter()))
}

/// Structure every document must have: dense rows, consistent pages, plain text, lines.
fn check_common(stem: &str) -> Document {
    let doc = load(stem);
    assert_eq!(doc.meta_title.as_deref(), Some(stem));
    assert!(doc.diagnostics.is_empty(), "{stem}: {:?}", doc.diagnostics);
    let ts = tables(&doc);
    assert!(!ts.is_empty(), "{stem}: no tables");
    for t in &ts {
        let w = t.columns();
        assert!(w >= 2, "{stem}: table of width {w}");
        for r in &t.rows {
            assert_eq!(r.cells.len(), w, "{stem}: ragged row at {:?}", r.prov);
        }
    }
    // pages: one more than the page breaks, numbered in order, every block on its page
    let breaks: Vec<u32> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::PageBreak { page } => Some(*page),
            _ => None,
        })
        .collect();
    assert_eq!(doc.pages as usize, breaks.len() + 1, "{stem}");
    assert!(
        breaks.iter().enumerate().all(|(i, p)| *p as usize == i + 2),
        "{stem}: {breaks:?}"
    );
    let mut page = 1;
    let mut last_line = 0;
    for b in &doc.blocks {
        let prov = match b {
            Block::PageBreak { page: p } => {
                page = *p;
                continue;
            }
            Block::Heading(t) | Block::Paragraph(t) | Block::Furniture(t) => t.prov,
            Block::Table(t) => {
                for r in &t.rows {
                    assert_eq!(r.prov.page, page);
                    let line = r.prov.line.expect("every <tr> has a source line");
                    assert!(line > last_line, "{stem}: rows out of source order");
                    last_line = line;
                    assert!(r.cells.iter().all(|c| c.prov.page == page));
                }
                t.prov
            }
        };
        assert_eq!(prov.page, page, "{stem}");
    }
    // plain text: no tags or entities left, no doubled or edge spaces
    for c in all_cells(&doc) {
        assert!(
            !c.text.contains("<sup") && !c.text.contains("</") && !c.text.contains("&amp;"),
            "{:?}",
            c.text
        );
        assert!(
            !c.text.contains("  ") && c.text.trim() == c.text,
            "{:?}",
            c.text
        );
    }
    doc
}

#[test]
fn thurrock_pages_headers_and_sup() {
    let doc = check_common("thurrock-jhws-delivery-2014-15");
    let furniture: Vec<&str> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Furniture(t) => Some(t.text.as_str()),
            _ => None,
        })
        .collect();
    // the page title repeated over every page is running furniture, not a heading
    assert_eq!(furniture.len(), 23);
    assert!(furniture
        .iter()
        .all(|t| *t == "Joint Health and Wellbeing Strategy End of Year Delivery Plan 2014/15"));
    assert!(!doc
        .blocks
        .iter()
        .any(|b| matches!(b, Block::Heading(t) if t.text.starts_with("Joint Health"))));
    // one page per running header; two tables of page 12 with nothing between them
    // stay on one page by default
    assert_eq!(doc.pages, 23);
    // header row: bold cells
    let header = all_cells(&doc)
        .find(|c| c.text == "Action 14/15")
        .expect("Action 14/15 header");
    assert!(header.bold);
    let rag = all_cells(&doc)
        .filter(|c| c.text == "G")
        .collect::<Vec<_>>();
    assert!(rag.len() > 10 && rag.iter().all(|c| c.bold));
    // <sup>th</sup> joined to its number
    assert!(all_cells(&doc).any(|c| c.text.contains("Decision at the May 27th CCG Board.")));
    assert!(all_cells(&doc).any(|c| c.text.contains("commence 1st November 2015")));
    assert!(!all_cells(&doc).any(|c| c.text.contains(" th ") || c.text.contains(" st ")));
    // lists: bullets kept, items separated by one space
    assert!(all_cells(&doc).any(|c| c.text.starts_with("• ") && c.text.contains(". • ")));
    // the first table starts with the theme row then the header row
    let first = tables(&doc)[0];
    assert_eq!(first.columns(), 7);
    assert_eq!(
        first.rows[0].text(0),
        "Improve the Quality of Health and Social Care"
    );
    assert_eq!(first.rows[1].text(2), "Action 14/15");
    assert_eq!(first.rows[2].text(3), "Mandy Ansell");
}

#[test]
fn bromley_adjacent_tables_are_pages() {
    let doc = check_common("bromley-portfolio-half-year-2013-14");
    let ts = tables(&doc);
    assert_eq!(ts.len(), 12);
    // twelve tables with nothing between them: no page marks, so one page by default
    assert_eq!(doc.pages, 1);
    // ... and twelve pages, one table each, when adjacent tables count as page breaks
    let opts = plansift_html::ParseOptions {
        adjacent_tables_break_pages: true,
    };
    let paged = plansift_html::parse_with(&source("bromley-portfolio-half-year-2013-14"), opts);
    assert_eq!(paged.pages, 12);
    for (i, t) in tables(&paged).iter().enumerate() {
        assert_eq!(t.prov.page as usize, i + 1);
    }
    assert!(ts.iter().any(|t| t
        .rows
        .iter()
        .any(|r| r.text(0) == "We aimed to" && r.text(1) == "RAG Status")));
    let Some(Block::Paragraph(intro)) = doc.blocks.get(1) else {
        panic!("intro paragraph expected")
    };
    assert!(intro
        .text
        .starts_with("Priority Outcome 1 Ensuring the health"));
}

#[test]
fn leicestershire_headers() {
    let doc = check_common("leicestershire-jhws-draft-priorities");
    let ts = tables(&doc);
    assert_eq!(ts.len(), 6);
    assert!(ts[1..]
        .iter()
        .all(|t| t.rows[0].text(3) == "Milestones (Timescale)"));
    assert!(all_cells(&doc).any(|c| c
        .text
        .contains("• Expansion of Family Lifestyle Club (FLiC)")));
}

#[test]
fn cheshire_sections_and_entities() {
    let doc = check_common("cheshire-east-service-plans-2011-12");
    let ts = tables(&doc);
    assert!(ts.len() > 100);
    // section labels that repeat are ordinary paragraphs, not running furniture
    assert!(!doc.blocks.iter().any(|b| matches!(b, Block::Furniture(_))));
    let measures = doc
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Paragraph(t) if t.text == "Measures"))
        .count();
    assert!(measures > 10);
    let action_headers = ts
        .iter()
        .filter(|t| t.rows[0].text(1) == "Action/Milestone")
        .count();
    assert!(action_headers > 10);
    assert!(doc.blocks.iter().any(
        |b| matches!(b, Block::Paragraph(t) if t.text == "Service: Health & Wellbeing (SHAW)")
    ));
    assert!(all_cells(&doc).any(|c| c.text == "SCAR001.1"));
}
