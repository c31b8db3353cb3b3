//! The model of the committed workbook fixtures (fixtures/xlsx/, made by LibreOffice from
//! the gold labels with scripts/make-office-fixtures.py).

use std::collections::HashSet;
use std::path::PathBuf;

use plansift_model::{Block, Document, Rgb, Table};
use plansift_sheet::{parse, Limits};

const THURROCK: &str = "thurrock-jhws-delivery-2014-15";
const CHESHIRE: &str = "cheshire-east-service-plans-2011-12";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

fn model(rel: &str) -> Document {
    let bytes = std::fs::read(root().join(rel)).expect("fixture present");
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

fn headings(doc: &Document) -> Vec<String> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(t) => Some(t.text.clone()),
            _ => None,
        })
        .collect()
}

fn all_text(doc: &Document) -> HashSet<String> {
    let mut out = HashSet::new();
    for b in &doc.blocks {
        match b {
            Block::Heading(t) | Block::Paragraph(t) | Block::Furniture(t) => {
                out.insert(t.text.clone());
            }
            Block::Table(t) => {
                for r in &t.rows {
                    for c in &r.cells {
                        out.insert(c.text.clone());
                    }
                }
            }
            Block::PageBreak { .. } => {}
        }
    }
    out
}

/// A cell's text, fill and whether a merge covers it.
type CellView = (String, Option<Rgb>, bool);

/// Cell texts and fills of every table.
fn grids(doc: &Document) -> Vec<Vec<Vec<CellView>>> {
    tables(doc)
        .iter()
        .map(|t| {
            t.rows
                .iter()
                .map(|r| {
                    r.cells
                        .iter()
                        .map(|c| (c.text.clone(), c.fill, c.covered))
                        .collect()
                })
                .collect()
        })
        .collect()
}

fn gold(stem: &str) -> Vec<(Option<String>, Option<String>)> {
    let text = std::fs::read_to_string(root().join(format!("gold/{stem}.gold.json"))).unwrap();
    // The deadline and RAG of each gold action, read without a JSON dependency: the gold
    // files are pretty-printed one field per line.
    let mut out = Vec::new();
    let mut deadline = None;
    for line in text.lines() {
        let l = line.trim().trim_end_matches(',');
        let value = |k: &str| -> Option<Option<String>> {
            let rest = l.strip_prefix(&format!("\"{k}\": "))?;
            Some(if rest == "null" {
                None
            } else {
                Some(
                    rest.trim_matches('"')
                        .replace("\\u2013", "\u{2013}")
                        .replace("\\\"", "\""),
                )
            })
        };
        if let Some(d) = value("deadline") {
            deadline = Some(d);
        }
        if let Some(r) = value("rag") {
            out.push((deadline.take().flatten(), r));
        }
    }
    out
}

#[test]
fn ragfill_tracker_sheets_titles_headers_merges_and_fills() {
    let doc = model(&format!("xlsx/ragfill/{THURROCK}.xlsx"));
    assert_eq!(doc.pages, 4);
    assert_eq!(
        headings(&doc),
        [
            "Improve the Quality of Health a",
            "Strengthen the mental health an",
            "Improve our response to the fra",
            "Improve the physical health and"
        ]
    );
    let Block::Paragraph(title) = &doc.blocks[1] else {
        panic!("{:?}", doc.blocks[1])
    };
    assert_eq!(
        title.text,
        "Joint Health and Wellbeing Strategy End of Year Delivery Plan 2014/15"
    );
    assert!(title.bold);
    assert_eq!(title.prov.line, Some(1));
    let t = tables(&doc);
    // Each sheet: the tracker and the summary under it.
    assert_eq!(t.len(), 8);
    let tracker = t[0];
    let header: Vec<&str> = tracker.rows[0]
        .cells
        .iter()
        .map(|c| c.text.as_str())
        .collect();
    assert_eq!(
        header,
        ["Objective", "Action", "Lead Officer", "Target Date", "RAG"]
    );
    assert!(tracker.rows[0]
        .cells
        .iter()
        .all(|c| c.bold && c.fill == Some(Rgb(0xD9, 0xD9, 0xD9))));
    assert_eq!(tracker.rows.len(), 24);
    assert_eq!(
        tracker.rows[1].text(0),
        "Improve the Quality of Primary Care"
    );
    assert_eq!(tracker.rows[1].cells[0].rowspan, 8);
    assert!((2..9).all(|r| tracker.rows[r].cells[0].covered));
    assert!(!tracker.rows[9].cells[0].covered);
    assert_eq!(tracker.rows[1].text(1), "Finalise Primary Care Strategy");
    assert_eq!(tracker.rows[1].cells[4].text, "");
    assert_eq!(tracker.rows[1].cells[4].fill, Some(Rgb(0x00, 0xB0, 0x50)));
    assert_eq!(tracker.rows[2].cells[4].fill, Some(Rgb(0xFF, 0xC0, 0x00)));
    // Date cells show their number format's text.
    assert_eq!(tracker.rows[6].text(3), "July 2014");
    // The summary's count is a formula's cached value.
    assert_eq!(t[1].rows[0].text(0), "Actions on this sheet");
    assert_eq!(t[1].rows[0].text(1), "23");
    assert_eq!(t[1].rows[0].prov.line, Some(28));
}

#[test]
fn every_gold_deadline_and_rag_shows_as_written() {
    for stem in [THURROCK, CHESHIRE, "leicestershire-jhws-draft-priorities"] {
        let doc = model(&format!("xlsx/ragtext/{stem}.xlsx"));
        let text = all_text(&doc);
        let mut checked = 0;
        for (deadline, rag) in gold(stem) {
            if let Some(d) = deadline {
                assert!(
                    text.contains(&d),
                    "{stem}: deadline {d:?} not shown as written"
                );
                checked += 1;
            }
            if let Some(r) = rag {
                let word = format!("{}{}", r[..1].to_uppercase(), &r[1..]);
                assert!(text.contains(&word), "{stem}: {word}");
            }
        }
        assert!(checked >= 20, "{stem}: {checked} deadlines checked");
    }
}

#[test]
fn hidden_rows_columns_and_sheets_are_left_out() {
    let doc = model(&format!("xlsx/ragtext/{THURROCK}.xlsx"));
    assert_eq!(doc.pages, 4, "the hidden Lookups sheet is not a page");
    let text = all_text(&doc);
    assert!(!headings(&doc).iter().any(|h| h == "Lookups"));
    for hidden in [
        "Withdrawn action kept in a hidden row",
        "Internal ID",
        "ID-1-001",
        "Action on a hidden sheet number 1",
    ] {
        assert!(!text.contains(hidden), "{hidden}");
    }
    let t = tables(&doc);
    let header: Vec<&str> = t[0].rows[0].cells.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        header,
        ["Objective", "Action", "Lead", "Deadline", "RAG Status"]
    );
    // Row 5 of the sheet is hidden: the rows read go 4, 6, 7...
    let lines: Vec<u32> = t[0]
        .rows
        .iter()
        .take(4)
        .map(|r| r.prov.line.unwrap())
        .collect();
    assert_eq!(lines, [3, 4, 6, 7]);
    assert_eq!(t[0].rows[1].text(4), "Green");
}

#[test]
fn cheshire_dates_in_many_formats() {
    let doc = model(&format!("xlsx/ragfill/{CHESHIRE}.xlsx"));
    let text = all_text(&doc);
    for d in ["Mar-12", "31/03/12", "30/09/2011", "March 2012", "Ongoing"] {
        assert!(text.contains(d), "{d}");
    }
    let t = tables(&doc);
    assert_eq!(t[0].rows[0].text(0), "Ref");
}

#[test]
fn ods_and_xls_renderings_match_the_xlsx() {
    let xlsx = model(&format!("xlsx/ragfill/{THURROCK}.xlsx"));
    let ods = model(&format!("xlsx/ods/{THURROCK}.ods"));
    assert_eq!(headings(&xlsx), headings(&ods));
    assert_eq!(grids(&xlsx), grids(&ods));
    let xlsx = model(&format!("xlsx/ragtext/{THURROCK}.xlsx"));
    let xls = model(&format!("xlsx/xls/{THURROCK}.xls"));
    assert_eq!(headings(&xlsx), headings(&xls));
    assert_eq!(grids(&xlsx), grids(&xls));
    let lines = |d: &Document| -> Vec<Option<u32>> {
        tables(d)
            .iter()
            .flat_map(|t| t.rows.iter().map(|r| r.prov.line))
            .collect()
    };
    assert_eq!(lines(&xlsx), lines(&xls));
}
