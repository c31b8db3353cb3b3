//! The model of the committed DOCX fixtures (fixtures/docx/<style>/, made by LibreOffice
//! from fixtures/html/ with scripts/make-office-fixtures.py).

use std::path::PathBuf;

use plansift_docx::{parse, Limits};
use plansift_model::{Block, Document, Rgb, Table};

const DOCS: [&str; 4] = [
    "thurrock-jhws-delivery-2014-15",
    "bromley-portfolio-half-year-2013-14",
    "leicestershire-jhws-draft-priorities",
    "cheshire-east-service-plans-2011-12",
];

fn path(style: &str, stem: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/docx")
        .join(style)
        .join(format!("{stem}.docx"))
}

fn model(style: &str, stem: &str) -> Document {
    let bytes = std::fs::read(path(style, stem)).expect("fixture present");
    parse(&bytes, &Limits::default()).expect("fixture reads")
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

/// Cell texts of every table (trailing empty cells dropped: a shaded rendering keeps an
/// empty grid column that carries a fill, where a ruled one has nothing there).
fn grid_texts(doc: &Document) -> Vec<Vec<Vec<String>>> {
    tables(doc)
        .iter()
        .map(|t| {
            t.rows
                .iter()
                .map(|r| {
                    let mut cells: Vec<String> = r.cells.iter().map(|c| c.text.clone()).collect();
                    while cells.last().is_some_and(|c| c.is_empty()) {
                        cells.pop();
                    }
                    cells
                })
                .collect()
        })
        .collect()
}

#[test]
fn thurrock_grid_pages_headers_and_cells() {
    let doc = model("grid", DOCS[0]);
    assert_eq!(doc.pages, 23);
    let breaks = doc
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::PageBreak { .. }))
        .count();
    assert_eq!(breaks, 22);
    let Block::Heading(h) = &doc.blocks[0] else {
        panic!("starts with a heading: {:?}", doc.blocks[0])
    };
    assert_eq!(h.level, 2);
    assert_eq!(
        h.text,
        "Joint Health and Wellbeing Strategy End of Year Delivery Plan 2014/15"
    );
    let t = tables(&doc);
    assert_eq!(t.len(), 25);
    assert_eq!(t[0].columns(), 7);
    let header: Vec<&str> = t[0].rows[1].cells.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        header,
        [
            "Objective",
            "Where do we want to be (3 year ambition)",
            "Action 14/15",
            "Lead",
            "Deadline",
            "Comments",
            "RAG"
        ]
    );
    assert!(t[0].rows[1].cells.iter().all(|c| c.bold));
    assert_eq!(t[0].rows[2].text(2), "Finalise Primary Care Strategy");
    assert!(!t[0].rows[2].cells[2].bold);
    assert_eq!(t[0].rows[2].text(6), "G");
    // The second table is on page 2; pages of tables never go down.
    assert_eq!(t[1].prov.page, 2);
    assert!(t.windows(2).all(|w| w[0].prov.page <= w[1].prov.page));
    // `27 <sup>th</sup>` joined.
    let all: String = grid_texts(&doc).concat().concat().join(" ");
    assert!(all.contains("Decision at the May 27th CCG Board."));
}

#[test]
fn styles_do_not_change_content() {
    for stem in DOCS {
        let grid = grid_texts(&model("grid", stem));
        assert!(!grid.is_empty(), "{stem}");
        for style in ["hrules", "shaded"] {
            assert_eq!(grid, grid_texts(&model(style, stem)), "{style}/{stem}");
        }
    }
}

#[test]
fn one_page_documents_say_so() {
    let doc = model("grid", DOCS[2]);
    assert_eq!(doc.pages, 1);
    assert!(doc.diagnostics.iter().any(|d| d.code == "docx.no_pages"));
    assert_eq!(tables(&doc).len(), 6);
    assert_eq!(
        tables(&doc)[0].rows[0].text(1),
        "Actions",
        "the first table's header row"
    );
}

#[test]
fn shaded_bands_and_header_fill() {
    let doc = model("shaded", DOCS[0]);
    let t = tables(&doc);
    let dark = Rgb(0x1F, 0x4E, 0x79);
    let band = Rgb(0xDE, 0xEA, 0xF6);
    assert!(t[0].rows[1].cells.iter().all(|c| c.fill == Some(dark)));
    let banded = t
        .iter()
        .flat_map(|t| &t.rows)
        .filter(|r| r.cells.iter().all(|c| c.fill == Some(band)))
        .count();
    assert!(banded > 20, "{banded} banded rows");
}

#[test]
fn rag_colour_cells_match_the_letters_of_the_grid_rendering() {
    let colour = |s: &str| match s.to_ascii_lowercase().as_str() {
        "g" | "green" => Some(Rgb(0x00, 0xB0, 0x50)),
        "a" | "amber" => Some(Rgb(0xFF, 0xC0, 0x00)),
        "r" | "red" => Some(Rgb(0xFF, 0x00, 0x00)),
        _ => None,
    };
    for stem in [DOCS[0], DOCS[1]] {
        let grid = model("grid", stem);
        let rag = model("ragcolour", stem);
        let (tg, tr) = (tables(&grid), tables(&rag));
        assert_eq!(tg.len(), tr.len());
        let mut coloured = 0;
        for (a, b) in tg.iter().zip(&tr) {
            for (ra, rb) in a.rows.iter().zip(&b.rows) {
                for (ca, cb) in ra.cells.iter().zip(&rb.cells) {
                    if let Some(c) = colour(&ca.text) {
                        assert_eq!(cb.fill, Some(c), "{stem}: {}", ca.text);
                        assert_eq!(cb.text, "");
                        coloured += 1;
                    } else {
                        assert_eq!(ca.text, cb.text);
                    }
                }
            }
        }
        assert!(coloured >= 20, "{stem}: {coloured} RAG cells");
    }
}
