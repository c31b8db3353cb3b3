//! Table finding on synthetic page layouts, one per table style.

use plansift_layout::{
    BBox, Fill, PageLayout, PdfLayout, Rule, TaggedCell, TaggedRow, TaggedTable, Word,
};
use plansift_model::{Block, Rgb, Table, TableOrigin};
use plansift_pdf_tables::{render_text, to_document};

const SIZE: f32 = 9.0;
const PITCH: f32 = 10.5;

/// Lays out words like a text layer would: 0.5em per character, one space between words.
struct Page {
    p: PageLayout,
}

impl Page {
    fn new(n: u32) -> Self {
        Page {
            p: PageLayout {
                page: n,
                width: 612.0,
                height: 792.0,
                ..Default::default()
            },
        }
    }
    /// One line of text starting at (x, top); returns its right edge.
    fn line(&mut self, text: &str, x: f32, top: f32, bold: bool, mcid: Option<i64>) -> f32 {
        self.line_sized(text, x, top, bold, mcid, SIZE)
    }
    fn line_sized(
        &mut self,
        text: &str,
        x: f32,
        top: f32,
        bold: bool,
        mcid: Option<i64>,
        size: f32,
    ) -> f32 {
        let mut x = x;
        for w in text.split_whitespace() {
            let width = w.chars().count() as f32 * 0.5 * size;
            self.p.words.push(Word {
                text: w.to_string(),
                bbox: BBox::new(x, top, x + width, top + size),
                size,
                bold,
                color: Rgb(0, 0, 0),
                mcid,
                line: 0,
            });
            x += width + 0.28 * size;
        }
        x
    }
    /// Several lines of a cell, one below the other.
    fn cell(&mut self, lines: &[&str], x: f32, top: f32, bold: bool, mcid: Option<i64>) {
        for (i, l) in lines.iter().enumerate() {
            self.line(l, x, top + i as f32 * PITCH, bold, mcid);
        }
    }
    fn hrule(&mut self, x0: f32, x1: f32, y: f32) {
        self.p.rules.push(Rule {
            x0,
            top: y - 0.25,
            x1,
            bottom: y + 0.25,
            width: 0.5,
            color: Rgb(0, 0, 0),
        });
    }
    fn vrule(&mut self, x: f32, top: f32, bottom: f32) {
        self.p.rules.push(Rule {
            x0: x - 0.25,
            top,
            x1: x + 0.25,
            bottom,
            width: 0.5,
            color: Rgb(0, 0, 0),
        });
    }
    fn fill(&mut self, x0: f32, top: f32, x1: f32, bottom: f32, color: Rgb) {
        self.p.fills.push(Fill {
            bbox: BBox::new(x0, top, x1, bottom),
            color,
        });
    }
}

fn tables(doc: &plansift_model::Document) -> Vec<&Table> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect()
}

fn layout(pages: Vec<Page>) -> PdfLayout {
    PdfLayout {
        pages: pages.into_iter().map(|p| p.p).collect(),
        ..Default::default()
    }
}

#[test]
fn ruled_grid_with_merged_cell_and_centred_text() {
    let mut pg = Page::new(1);
    pg.line_sized("Delivery Plan", 40.0, 30.0, true, None, 14.0);
    let xs = [40.0, 200.0, 320.0, 440.0];
    let ys = [60.0, 80.0, 140.0, 170.0];
    for &y in &ys {
        pg.hrule(xs[0], xs[3], y);
    }
    for (i, &x) in xs.iter().enumerate() {
        // no vertical line between the 2nd and 3rd column in the last row: a merged cell
        if i == 2 {
            pg.vrule(x, ys[0], ys[2]);
        } else {
            pg.vrule(x, ys[0], ys[3]);
        }
    }
    pg.line("Action", 45.0, 65.0, true, None);
    pg.line("Lead", 205.0, 65.0, true, None);
    pg.line("Deadline", 325.0, 65.0, true, None);
    pg.cell(
        &["Finalise the primary", "care strategy"],
        45.0,
        85.0,
        false,
        None,
    );
    // vertically centred in a tall row
    pg.line("Jo Bloggs", 205.0, 105.0, false, None);
    pg.line("March 2015", 325.0, 105.0, false, None);
    pg.line("Review provider quality", 45.0, 150.0, false, None);
    pg.line("Shared by lead and deadline", 230.0, 150.0, false, None);
    let doc = to_document(&layout(vec![pg]));
    let ts = tables(&doc);
    assert_eq!(ts.len(), 1, "{}", render_text(&doc));
    let t = ts[0];
    assert_eq!(t.origin, TableOrigin::Ruled);
    assert_eq!(t.rows.len(), 3);
    assert_eq!(t.columns(), 3);
    assert!(t.rows.iter().all(|r| r.cells.len() == 3), "dense rows");
    assert_eq!(t.rows[0].text(2), "Deadline");
    assert!(t.rows[0].cells[0].bold);
    assert_eq!(t.rows[1].text(0), "Finalise the primary care strategy");
    assert_eq!(t.rows[1].text(1), "Jo Bloggs");
    assert_eq!(t.rows[1].text(2), "March 2015");
    let merged = &t.rows[2].cells[1];
    assert_eq!(merged.text, "Shared by lead and deadline");
    assert_eq!(merged.colspan, 2);
    assert!(t.rows[2].cells[2].covered);
    // provenance: the cell's box is the grid cell
    let b = t.rows[1].cells[1].prov.bbox.expect("bbox");
    assert!((b[0] - 200.0).abs() < 1.0 && (b[1] - 80.0).abs() < 1.0 && (b[2] - 320.0).abs() < 1.0);
    assert_eq!(t.rows[1].prov.page, 1);
    // the title is a heading before the table
    assert!(matches!(&doc.blocks[0], Block::Heading(h) if h.text == "Delivery Plan"));
}

#[test]
fn horizontal_rules_with_aligned_columns() {
    let mut pg = Page::new(1);
    let cols = [40.0, 230.0, 330.0, 420.0];
    let rows: [[&[&str]; 4]; 4] = [
        [&["Action"], &["Lead"], &["Deadline"], &["RAG"]],
        [
            &["Improve access to GP", "services at weekends"],
            &["Mandy Ansell"],
            &["April 2014"],
            &["Green"],
        ],
        [
            &["Develop a carers", "strategy with partners"],
            &["Jane Foster"],
            &["On-going"],
            &["Amber"],
        ],
        [
            &["Publish the annual", "report"],
            &["Ceri Armstrong"],
            &["March 2015"],
            &["Red"],
        ],
    ];
    let mut y = 60.0;
    pg.hrule(36.0, 480.0, y);
    for row in rows.iter() {
        let h = row.iter().map(|c| c.len()).max().unwrap_or(1) as f32 * PITCH + 8.0;
        for (c, lines) in row.iter().enumerate() {
            pg.cell(lines, cols[c], y + 4.0, false, None);
        }
        y += h;
        pg.hrule(36.0, 480.0, y);
    }
    let doc = to_document(&layout(vec![pg]));
    let ts = tables(&doc);
    assert_eq!(ts.len(), 1, "{}", render_text(&doc));
    let t = ts[0];
    assert_eq!(t.columns(), 4, "{}", render_text(&doc));
    assert_eq!(t.rows.len(), 4, "{}", render_text(&doc));
    assert_eq!(
        t.rows[1].text(0),
        "Improve access to GP services at weekends"
    );
    assert_eq!(t.rows[2].text(1), "Jane Foster");
    assert_eq!(t.rows[3].text(3), "Red");
}

#[test]
fn shaded_bands_and_cell_fills() {
    let mut pg = Page::new(1);
    let cols = [40.0, 230.0, 330.0, 420.0];
    let band_a = Rgb(0xEE, 0xF3, 0xFA);
    let band_b = Rgb(0xDC, 0xE6, 0xF2);
    let header = Rgb(0x1F, 0x4E, 0x79);
    let green = Rgb(0, 176, 80);
    let rows: [[&[&str]; 4]; 3] = [
        [&["Action"], &["Lead"], &["Deadline"], &["RAG"]],
        [
            &["Improve access to GP", "services at weekends"],
            &["Mandy Ansell"],
            &["April 2014"],
            &[],
        ],
        [
            &["Publish the annual report"],
            &["Ceri Armstrong"],
            &["March 2015"],
            &["Red"],
        ],
    ];
    let mut y = 60.0;
    for (r, row) in rows.iter().enumerate() {
        let h = row.iter().map(|c| c.len()).max().unwrap_or(1) as f32 * PITCH + 8.0;
        let color = if r == 0 {
            header
        } else if r % 2 == 1 {
            band_a
        } else {
            band_b
        };
        pg.fill(36.0, y, 480.0, y + h, color);
        if r == 1 {
            // a RAG colour painted on one cell, no letter
            pg.fill(416.0, y, 480.0, y + h, green);
        }
        for (c, lines) in row.iter().enumerate() {
            pg.cell(lines, cols[c], y + 4.0, r == 0, None);
        }
        y += h;
    }
    let doc = to_document(&layout(vec![pg]));
    let ts = tables(&doc);
    assert_eq!(ts.len(), 1, "{}", render_text(&doc));
    let t = ts[0];
    assert_eq!(t.origin, TableOrigin::Shaded);
    assert_eq!(t.columns(), 4, "{}", render_text(&doc));
    assert_eq!(t.rows.len(), 3, "{}", render_text(&doc));
    assert_eq!(t.rows[0].cells[0].fill, Some(header));
    assert!(t.rows[0].cells[0].bold);
    assert_eq!(t.rows[1].cells[0].fill, Some(band_a));
    assert_eq!(t.rows[2].cells[1].fill, Some(band_b));
    assert_eq!(
        t.rows[1].cells[3].fill,
        Some(green),
        "{}",
        render_text(&doc)
    );
    assert_eq!(t.rows[1].text(3), "");
    assert_eq!(
        t.rows[1].text(0),
        "Improve access to GP services at weekends"
    );
}

#[test]
fn plain_whitespace_columns_and_rows_from_spacing() {
    let mut pg = Page::new(1);
    pg.line(
        "Our plan for the year ahead sets out what we will do and who leads it.",
        40.0,
        30.0,
        false,
        None,
    );
    let cols = [40.0, 230.0, 330.0, 420.0];
    let rows: [[&[&str]; 4]; 4] = [
        [&["Action"], &["Lead"], &["Deadline"], &["Comments"]],
        [
            &[
                "Improve access to GP",
                "services at weekends",
                "in every locality",
            ],
            &["Mandy", "Ansell"],
            &["April 2014"],
            &["Hubs open", "in April"],
        ],
        [
            &["Develop a carers", "strategy"],
            &[],
            &["On-going"],
            &["Draft agreed"],
        ],
        [
            &["Publish the annual report"],
            &["Ceri Armstrong"],
            &["March 2015"],
            &["Done"],
        ],
    ];
    let mut y = 60.0;
    for row in rows.iter() {
        let n = row.iter().map(|c| c.len()).max().unwrap_or(1) as f32;
        for (c, lines) in row.iter().enumerate() {
            pg.cell(lines, cols[c], y, false, None);
        }
        // rows are separated by more than the line spacing
        y += n * PITCH + 9.0;
    }
    pg.line("Next review in six months.", 40.0, y + 20.0, false, None);
    let doc = to_document(&layout(vec![pg]));
    let ts = tables(&doc);
    assert_eq!(ts.len(), 1, "{}", render_text(&doc));
    let t = ts[0];
    assert_eq!(t.origin, TableOrigin::Aligned);
    assert_eq!(t.columns(), 4, "{}", render_text(&doc));
    assert_eq!(t.rows.len(), 4, "{}", render_text(&doc));
    assert_eq!(
        t.rows[1].text(0),
        "Improve access to GP services at weekends in every locality"
    );
    assert_eq!(t.rows[1].text(1), "Mandy Ansell");
    assert_eq!(t.rows[2].text(1), "");
    assert_eq!(t.rows[2].text(2), "On-going");
    assert_eq!(t.rows[3].text(1), "Ceri Armstrong");
    let paras: Vec<&str> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(paras.len(), 2, "{}", render_text(&doc));
    assert!(paras[1].starts_with("Next review"));
}

#[test]
fn tagged_table_across_pages_with_missing_empty_cells() {
    // page 1: header row and one full row; page 2: a row whose first cell is empty
    // and was left out of the structure tree by the producer.
    let mut p1 = Page::new(1);
    let mut p2 = Page::new(2);
    let cols = [40.0, 230.0, 330.0];
    p1.line("Objective", cols[0], 60.0, true, Some(0));
    p1.line("Action", cols[1], 60.0, true, Some(1));
    p1.line("Lead", cols[2], 60.0, true, Some(2));
    p1.line("Better care", cols[0], 80.0, false, Some(3));
    p1.line("Open hubs", cols[1], 80.0, false, Some(4));
    p1.line("Mandy Ansell", cols[2], 80.0, false, Some(5));
    p2.line("Recruit GPs", cols[1], 40.0, false, Some(0));
    p2.line("Mark Tebbs", cols[2], 40.0, false, Some(1));
    let cell = |page: u32, mcid: i64| TaggedCell {
        header: false,
        colspan: 1,
        rowspan: 1,
        content: vec![(page, mcid)],
    };
    let head = |page: u32, mcid: i64| TaggedCell {
        header: true,
        ..cell(page, mcid)
    };
    let tt = TaggedTable {
        rows: vec![
            TaggedRow {
                cells: vec![head(1, 0), head(1, 1), head(1, 2)],
            },
            TaggedRow {
                cells: vec![cell(1, 3), cell(1, 4), cell(1, 5)],
            },
            TaggedRow {
                cells: vec![cell(2, 0), cell(2, 1)],
            },
        ],
    };
    let mut l = layout(vec![p1, p2]);
    l.tagged_tables.push(tt);
    let doc = to_document(&l);
    let ts = tables(&doc);
    assert_eq!(ts.len(), 2, "{}", render_text(&doc));
    assert!(ts.iter().all(|t| t.origin == TableOrigin::Tagged));
    assert!(doc
        .blocks
        .iter()
        .any(|b| matches!(b, Block::PageBreak { page: 2 })));
    // page break sits between the two parts
    let pos_break = doc
        .blocks
        .iter()
        .position(|b| matches!(b, Block::PageBreak { .. }))
        .unwrap_or(0);
    let pos_t2 = doc
        .blocks
        .iter()
        .rposition(|b| matches!(b, Block::Table(_)))
        .unwrap_or(0);
    assert!(pos_break < pos_t2);
    assert_eq!(ts[0].rows.len(), 2);
    assert!(ts[0].rows[0].cells[0].header);
    assert_eq!(ts[0].rows[1].text(2), "Mandy Ansell");
    assert_eq!(ts[1].rows.len(), 1);
    assert_eq!(ts[1].columns(), 3);
    assert_eq!(ts[1].rows[0].text(0), "");
    assert_eq!(ts[1].rows[0].text(1), "Recruit GPs");
    assert_eq!(ts[1].rows[0].text(2), "Mark Tebbs");
    assert_eq!(ts[1].prov.page, 2);
}

#[test]
fn running_headers_and_page_numbers_are_furniture() {
    let mut pages = Vec::new();
    for n in 1..=3u32 {
        let mut pg = Page::new(n);
        pg.line("Health and Wellbeing Board", 40.0, 20.0, false, None);
        pg.line(&format!("Page {n} of 3"), 280.0, 770.0, false, None);
        pg.line(
            &format!("Body text on page {n} about the plan."),
            40.0,
            100.0,
            false,
            None,
        );
        pages.push(pg);
    }
    let doc = to_document(&layout(pages));
    let furn: Vec<&str> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Furniture(t) => Some(t.text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(
        furn.iter()
            .filter(|t| **t == "Health and Wellbeing Board")
            .count(),
        3,
        "{}",
        render_text(&doc)
    );
    assert!(furn.contains(&"Page 2 of 3"));
    assert_eq!(doc.pages, 3);
    assert_eq!(
        doc.blocks
            .iter()
            .filter(|b| matches!(b, Block::PageBreak { .. }))
            .count(),
        2
    );
    assert!(doc
        .blocks
        .iter()
        .any(|b| matches!(b, Block::Paragraph(p) if p.text.starts_with("Body text on page 2"))));
}

#[test]
fn superscript_ordinals_join_their_number() {
    let mut pg = Page::new(1);
    let x = pg.line("Decision at the May 27", 40.0, 100.0, false, None);
    pg.p.words.push(Word {
        text: "th".into(),
        bbox: BBox::new(x - 2.0, 98.0, x + 4.0, 104.0),
        size: 6.0,
        bold: false,
        color: Rgb(0, 0, 0),
        mcid: None,
        line: 0,
    });
    pg.line("Board.", x + 6.5, 100.0, false, None);
    let doc = to_document(&layout(vec![pg]));
    assert!(
        doc.blocks.iter().any(
            |b| matches!(b, Block::Paragraph(p) if p.text == "Decision at the May 27th Board.")
        ),
        "{}",
        render_text(&doc)
    );
}

#[test]
fn bad_input_does_not_panic() {
    let mut pg = Page::new(1);
    pg.p.words.push(Word {
        text: "nan".into(),
        bbox: BBox {
            x0: f32::NAN,
            top: f32::INFINITY,
            x1: f32::NAN,
            bottom: -1.0,
        },
        size: f32::NAN,
        bold: false,
        color: Rgb(0, 0, 0),
        mcid: Some(3),
        line: 99,
    });
    pg.p.rules.push(Rule {
        x0: f32::NAN,
        top: 0.0,
        x1: 1e30,
        bottom: 0.0,
        width: 0.0,
        color: Rgb(0, 0, 0),
    });
    pg.fill(0.0, 0.0, 0.0, 0.0, Rgb(1, 2, 3));
    let mut l = layout(vec![pg, Page::new(0)]);
    l.tagged_tables.push(TaggedTable {
        rows: vec![TaggedRow {
            cells: vec![TaggedCell {
                header: false,
                colspan: 60000,
                rowspan: 60000,
                content: vec![(1, 3), (9, 9)],
            }],
        }],
    });
    let doc = to_document(&l);
    assert_eq!(doc.pages, 2);
    let empty = to_document(&PdfLayout::default());
    assert!(empty.blocks.is_empty());
}

#[test]
fn plain_rows_without_padding_split_where_the_first_column_starts() {
    let mut pg = Page::new(1);
    pg.line(
        "Supporting actions for the service this year",
        40.0,
        30.0,
        true,
        None,
    );
    let cols = [40.0, 110.0, 300.0, 400.0];
    let lines: [[&str; 4]; 5] = [
        ["Reference", "Action", "Officer", "Due"],
        [
            "SCAR1.1",
            "Agree the development plan",
            "Sandra Shorter",
            "31/08/11",
        ],
        ["", "with all the service partners", "", ""],
        [
            "SCAR1.2",
            "Develop action plan",
            "Peter Kelleher",
            "30/09/11",
        ],
        ["SCAR1.3", "Agree standards", "Dave Watson", "31/03/12"],
    ];
    for (k, l) in lines.iter().enumerate() {
        for (c, t) in l.iter().enumerate() {
            if !t.is_empty() {
                pg.line(t, cols[c], 60.0 + k as f32 * PITCH, false, None);
            }
        }
    }
    let doc = to_document(&layout(vec![pg]));
    let ts = tables(&doc);
    assert_eq!(ts.len(), 1, "{}", render_text(&doc));
    let t = ts[0];
    assert_eq!(t.columns(), 4, "{}", render_text(&doc));
    assert_eq!(t.rows.len(), 4, "{}", render_text(&doc));
    assert_eq!(
        t.rows[1].text(1),
        "Agree the development plan with all the service partners"
    );
    assert_eq!(t.rows[2].text(0), "SCAR1.2");
    assert_eq!(t.rows[3].text(2), "Dave Watson");
}

#[test]
fn word_style_rules_between_rows_only_and_a_cut_row_on_the_next_page() {
    // Rules under the header and between rows; no top border, no side borders.
    // Page 2 starts with the rest of a row cut by the page break (no rule above it).
    let cols = [40.0, 230.0, 330.0, 420.0];
    let mut p1 = Page::new(1);
    p1.line_sized("Delivery plan", 40.0, 30.0, true, None, 14.0);
    let rows: [[&[&str]; 4]; 3] = [
        [&["Action"], &["Lead"], &["Deadline"], &["RAG"]],
        [
            &["Improve access to GP", "services at weekends"],
            &["Mandy Ansell"],
            &["April 2014"],
            &["Green"],
        ],
        [
            &["Develop a carers", "strategy with partners"],
            &["Jane Foster"],
            &["On-going"],
            &["Amber"],
        ],
    ];
    let mut y = 60.0;
    for (k, row) in rows.iter().enumerate() {
        let h = row.iter().map(|c| c.len()).max().unwrap_or(1) as f32 * PITCH + 8.0;
        for (c, lines) in row.iter().enumerate() {
            p1.cell(lines, cols[c], y + 4.0, k == 0, None);
        }
        y += h;
        if k + 1 < rows.len() {
            p1.hrule(36.0, 480.0, y);
        }
    }
    let mut p2 = Page::new(2);
    p2.cell(&["and carers groups"], cols[0], 40.0, false, None);
    p2.cell(&["(jointly)"], cols[1], 40.0, false, None);
    p2.hrule(36.0, 480.0, 56.0);
    p2.cell(
        &["Publish the annual", "report"],
        cols[0],
        60.0,
        false,
        None,
    );
    p2.cell(&["Ceri Armstrong"], cols[1], 60.0, false, None);
    p2.cell(&["March 2015"], cols[2], 60.0, false, None);
    p2.cell(&["Red"], cols[3], 60.0, false, None);
    p2.hrule(36.0, 480.0, 86.0);
    p2.cell(&["Review the strategy"], cols[0], 90.0, false, None);
    p2.cell(&["Jo Bloggs"], cols[1], 90.0, false, None);
    p2.cell(&["May 2015"], cols[2], 90.0, false, None);
    p2.cell(&["Green"], cols[3], 90.0, false, None);
    p2.hrule(36.0, 480.0, 106.0);
    p2.line(
        "Notes follow in the next section of this report for the board.",
        40.0,
        140.0,
        false,
        None,
    );
    let doc = to_document(&layout(vec![p1, p2]));
    let ts = tables(&doc);
    assert_eq!(ts.len(), 2, "{}", render_text(&doc));
    let (t1, t2) = (ts[0], ts[1]);
    assert_eq!(t1.columns(), 4, "{}", render_text(&doc));
    assert_eq!(t1.rows.len(), 3, "{}", render_text(&doc));
    assert_eq!(t1.rows[0].text(3), "RAG");
    assert_eq!(t1.rows[2].text(1), "Jane Foster");
    assert_eq!(t2.prov.page, 2);
    assert_eq!(t2.rows.len(), 3, "{}", render_text(&doc));
    assert_eq!(t2.rows[0].text(0), "and carers groups");
    assert_eq!(t2.rows[0].text(1), "(jointly)");
    assert_eq!(t2.rows[1].text(0), "Publish the annual report");
    assert_eq!(t2.rows[2].text(3), "Green");
    assert!(
        matches!(doc.blocks.last(), Some(Block::Paragraph(p)) if p.text.starts_with("Notes follow"))
    );
    assert!(matches!(&doc.blocks[0], Block::Heading(h) if h.text == "Delivery plan"));
}

#[test]
fn header_row_repeated_on_every_page_stays_in_its_borderless_table() {
    let cols = [40.0, 230.0, 330.0, 420.0];
    let mut pages = Vec::new();
    for n in 1..=3u32 {
        let mut pg = Page::new(n);
        let mut y = 40.0;
        pg.line("Action", cols[0], y, true, None);
        pg.line("Lead", cols[1], y, true, None);
        pg.line("Deadline", cols[2], y, true, None);
        pg.line("RAG", cols[3], y, true, None);
        for r in 0..3 {
            y += PITCH + 9.0;
            pg.line(
                &format!("Action number {n}.{r} for the plan"),
                cols[0],
                y,
                false,
                None,
            );
            pg.line("Jo Bloggs", cols[1], y, false, None);
            pg.line(&format!("March 201{r}"), cols[2], y, false, None);
            pg.line("Green", cols[3], y, false, None);
        }
        pages.push(pg);
    }
    let doc = to_document(&layout(pages));
    let ts = tables(&doc);
    assert_eq!(ts.len(), 3, "{}", render_text(&doc));
    for t in ts {
        assert_eq!(t.rows.len(), 4, "{}", render_text(&doc));
        assert_eq!(t.rows[0].text(0), "Action");
        assert_eq!(t.rows[0].text(3), "RAG");
    }
    assert!(
        !doc.blocks.iter().any(|b| matches!(b, Block::Furniture(_))),
        "{}",
        render_text(&doc)
    );
}

#[test]
fn two_column_page_of_prose_is_not_a_table() {
    let mut pg = Page::new(1);
    let words = "the board noted the report and agreed that officers would bring a further update on progress";
    let ws: Vec<&str> = words.split(' ').collect();
    for col in 0..2 {
        let x = if col == 0 { 40.0 } else { 320.0 };
        for k in 0..24 {
            // lines of a paragraph fill the column; every eighth line ends a paragraph
            let n = if k % 8 == 7 { 3 } else { 8 };
            let text: Vec<&str> = (0..n).map(|i| ws[(k * 3 + i + col) % ws.len()]).collect();
            let top = 60.0 + k as f32 * PITCH + (k / 8) as f32 * 6.0;
            pg.line(&text.join(" "), x, top, false, None);
        }
    }
    let doc = to_document(&layout(vec![pg]));
    assert!(tables(&doc).is_empty(), "{}", render_text(&doc));
    assert!(doc.blocks.iter().any(|b| matches!(b, Block::Paragraph(_))));
}

#[test]
fn ruled_grid_with_a_cell_spanning_rows() {
    let mut pg = Page::new(1);
    let xs = [40.0, 200.0, 320.0];
    let ys = [60.0, 80.0, 110.0, 140.0];
    pg.hrule(xs[0], xs[2], ys[0]);
    pg.hrule(xs[0], xs[2], ys[1]);
    // between the two body rows only the second column is ruled
    pg.hrule(xs[1], xs[2], ys[2]);
    pg.hrule(xs[0], xs[2], ys[3]);
    for &x in &xs {
        pg.vrule(x, ys[0], ys[3]);
    }
    pg.line("Objective", 45.0, 65.0, true, None);
    pg.line("Action", 205.0, 65.0, true, None);
    pg.line("Better care at home", 45.0, 105.0, true, None);
    pg.line("Open two hubs", 205.0, 85.0, false, None);
    pg.line("Recruit more GPs", 205.0, 115.0, false, None);
    let doc = to_document(&layout(vec![pg]));
    let ts = tables(&doc);
    assert_eq!(ts.len(), 1, "{}", render_text(&doc));
    let t = ts[0];
    assert_eq!(t.rows.len(), 3, "{}", render_text(&doc));
    assert_eq!(t.columns(), 2);
    let c = &t.rows[1].cells[0];
    assert_eq!(c.text, "Better care at home");
    assert_eq!(c.rowspan, 2);
    assert!(t.rows[2].cells[0].covered);
    assert_eq!(t.rows[2].text(1), "Recruit more GPs");
}
