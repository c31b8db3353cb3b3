//! Grouping of text outside tables into paragraphs, headings and furniture, on
//! synthetic page layouts (one test per split rule) and on fixture PDFs.

use plansift_layout::{BBox, PageLayout, PdfLayout, Word};
use plansift_model::{Block, Document, Rgb};
use plansift_pdf_tables::{render_text, to_document, to_document_with, Tolerances};

const SIZE: f32 = 10.0;
/// Baseline step inside a paragraph.
const PITCH: f32 = 11.0;
const LEFT: f32 = 50.0;

/// Lays out words like a text layer would: 0.5em per character, one space between words.
struct Page {
    p: PageLayout,
}

impl Page {
    fn new() -> Self {
        Page {
            p: PageLayout {
                page: 1,
                width: 612.0,
                height: 792.0,
                ..Default::default()
            },
        }
    }
    fn line(&mut self, text: &str, x: f32, top: f32, bold: bool, size: f32) {
        let mut x = x;
        for w in text.split_whitespace() {
            let width = w.chars().count() as f32 * 0.5 * size;
            self.p.words.push(Word {
                text: w.to_string(),
                bbox: BBox::new(x, top, x + width, top + size),
                size,
                bold,
                color: Rgb(0, 0, 0),
                mcid: None,
                line: 0,
            });
            x += width + 0.28 * size;
        }
    }
    /// Body text lines at the left margin, one `PITCH` apart; returns the next top.
    fn prose(&mut self, lines: &[&str], top: f32) -> f32 {
        for (i, l) in lines.iter().enumerate() {
            self.line(l, LEFT, top + i as f32 * PITCH, false, SIZE);
        }
        top + lines.len() as f32 * PITCH
    }
    fn doc(self) -> Document {
        to_document(&PdfLayout {
            pages: vec![self.p],
            ..Default::default()
        })
    }
    fn doc_with(self, tol: &Tolerances) -> Document {
        to_document_with(
            &PdfLayout {
                pages: vec![self.p],
                ..Default::default()
            },
            tol,
        )
    }
}

/// A full-width line of body text (about 96 characters, 480pt at 10pt).
const FULL1: &str =
    "the committee considered the report of the director and noted the progress made on every part";
const FULL2: &str = "of the plan during the year, including the work done with partners across the whole borough to";
const FULL3: &str = "improve the health and wellbeing of residents and to support carers and their families at home";

/// Texts of the paragraphs, headings and furniture, in order, tagged P/H/F.
fn blocks(d: &Document) -> Vec<String> {
    d.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(t) => Some(format!("P {}", t.text)),
            Block::Heading(t) => Some(format!("H {}", t.text)),
            Block::Furniture(t) => Some(format!("F {}", t.text)),
            _ => None,
        })
        .collect()
}

fn starts_block(bs: &[String], prefix: &str) -> bool {
    bs.iter()
        .any(|b| b.get(2..).is_some_and(|t| t.starts_with(prefix)))
}

#[test]
fn wrapped_prose_stays_one_paragraph() {
    let mut pg = Page::new();
    pg.prose(&[FULL1, FULL2, FULL3, "and in their communities."], 100.0);
    let d = pg.doc();
    let bs = blocks(&d);
    assert_eq!(bs.len(), 1, "{}", render_text(&d));
    assert!(bs[0].starts_with("P the committee") && bs[0].ends_with("communities."));
}

#[test]
fn larger_line_is_its_own_heading() {
    let mut pg = Page::new();
    pg.line("Priority Outcome 1", LEFT, 100.0, false, 14.0);
    pg.prose(&[FULL1, FULL2, FULL3], 100.0 + PITCH);
    pg.prose(&[FULL1, FULL2, FULL3], 300.0);
    let d = pg.doc();
    let bs = blocks(&d);
    assert_eq!(
        bs.first().map(|s| s.as_str()),
        Some("H Priority Outcome 1"),
        "{}",
        render_text(&d)
    );
    assert!(starts_block(&bs, "the committee"), "{bs:?}");
}

#[test]
fn heading_sizes_come_from_the_tolerances() {
    let page = || {
        let mut pg = Page::new();
        pg.line("Priority Outcome 1", LEFT, 100.0, false, 14.0);
        pg.prose(&[FULL1, FULL2, FULL3], 100.0 + PITCH);
        pg
    };
    let d = page().doc_with(&Tolerances::default());
    assert_eq!(blocks(&d)[0], "H Priority Outcome 1", "{}", render_text(&d));
    // 14pt over 10pt body text is a heading only while 1.4 reaches a heading size
    let strict = Tolerances {
        heading1_size: 2.0,
        heading2_size: 1.8,
        heading3_size: 1.5,
        ..Tolerances::default()
    };
    let d = page().doc_with(&strict);
    let bs = blocks(&d);
    assert_eq!(bs[0], "P Priority Outcome 1", "{}", render_text(&d));
    assert!(bs[1].starts_with("P the committee"), "{bs:?}");
}

#[test]
fn bold_line_starts_a_new_block() {
    let mut pg = Page::new();
    pg.line("Service Overview", LEFT, 100.0, true, SIZE);
    pg.prose(&[FULL1, FULL2, FULL3], 100.0 + PITCH);
    let d = pg.doc();
    let bs = blocks(&d);
    assert_eq!(bs.len(), 2, "{}", render_text(&d));
    assert_eq!(bs[0], "H Service Overview");
    assert!(bs[1].starts_with("P the committee"));
}

#[test]
fn a_slightly_larger_baseline_step_separates_paragraphs() {
    // paragraphs 1.25 x the line spacing apart, every line full width
    let mut pg = Page::new();
    let top = pg.prose(&[FULL1, FULL2, FULL3], 100.0);
    pg.prose(&[FULL2, FULL3, FULL1], top + 0.25 * PITCH);
    let d = pg.doc();
    let bs = blocks(&d);
    assert_eq!(bs.len(), 2, "{}", render_text(&d));
    assert!(bs[1].starts_with("P of the plan"), "{bs:?}");
}

#[test]
fn one_line_blocks_apart_by_a_larger_step_are_separate() {
    // a title, a subtitle and a section line, each its own block; the page's
    // prose sets the line spacing
    let mut pg = Page::new();
    let step = 1.3 * PITCH;
    pg.line("Service Planning 2011-12", LEFT, 100.0, false, SIZE);
    pg.line("Service: Care Provider", LEFT, 100.0 + step, false, SIZE);
    pg.line(
        "2.1 Service Overview",
        LEFT,
        100.0 + 2.0 * step,
        false,
        SIZE,
    );
    pg.prose(&[FULL1, FULL2, FULL3, FULL1, FULL2], 100.0 + 3.0 * step);
    let d = pg.doc();
    let bs = blocks(&d);
    assert_eq!(
        &bs[..3],
        &[
            "P Service Planning 2011-12".to_string(),
            "P Service: Care Provider".to_string(),
            "P 2.1 Service Overview".to_string()
        ],
        "{}",
        render_text(&d)
    );
    assert_eq!(bs.len(), 4, "{bs:?}");
}

#[test]
fn a_short_line_before_a_capital_ends_the_paragraph() {
    // same line spacing throughout: only the short last line marks the break
    let mut pg = Page::new();
    pg.prose(
        &[
            "Each risk will require a supporting risk stewardship template completing, see the",
            "Centranet site.",
            "SHAW004 Increase the numbers of people taking part in activities for their health",
            "and wellbeing.",
        ],
        100.0,
    );
    let d = pg.doc();
    let bs = blocks(&d);
    assert_eq!(bs.len(), 2, "{}", render_text(&d));
    assert!(bs[0].ends_with("Centranet site."), "{bs:?}");
    assert!(bs[1].starts_with("P SHAW004 Increase"), "{bs:?}");
}

#[test]
fn an_indented_or_outdented_line_starts_a_new_block() {
    let mut pg = Page::new();
    let top = pg.prose(&[FULL1, FULL2], 100.0);
    // indented by 3em, same spacing, starting lower-case
    pg.line(FULL3, LEFT + 30.0, top, false, SIZE);
    pg.line(FULL1, LEFT + 30.0, top + PITCH, false, SIZE);
    // back to the margin
    pg.line(FULL2, LEFT, top + 2.0 * PITCH, false, SIZE);
    let d = pg.doc();
    let bs = blocks(&d);
    assert_eq!(bs.len(), 3, "{}", render_text(&d));
    assert!(bs[1].starts_with("P improve the health"), "{bs:?}");
    assert!(bs[2].starts_with("P of the plan"), "{bs:?}");
}

#[test]
fn first_line_indent_and_hanging_list_items_stay_together() {
    let mut pg = Page::new();
    // a paragraph with its first line indented
    pg.line(FULL1, LEFT + 20.0, 100.0, false, SIZE);
    pg.prose(&[FULL2, "and at home."], 100.0 + PITCH);
    // a bulleted item whose continuation lines up with the text after the bullet
    let top = 100.0 + 4.0 * PITCH;
    pg.line("•", LEFT, top, false, SIZE);
    pg.line(FULL3, LEFT + 15.0, top, false, SIZE);
    pg.line("and their families.", LEFT + 15.0, top + PITCH, false, SIZE);
    let d = pg.doc();
    let bs = blocks(&d);
    assert_eq!(bs.len(), 2, "{}", render_text(&d));
    assert!(bs[0].ends_with("and at home."), "{bs:?}");
    assert!(
        bs[1].starts_with("P • improve") && bs[1].ends_with("families."),
        "{bs:?}"
    );
}

#[test]
fn centred_title_lines_stay_together() {
    let mut pg = Page::new();
    let centre = 306.0;
    for (i, t) in ["Joint Health and Wellbeing Strategy", "delivery plan"]
        .iter()
        .enumerate()
    {
        let w = t.chars().count() as f32 * 0.5 * SIZE;
        pg.line(t, centre - w / 2.0, 100.0 + i as f32 * PITCH, false, SIZE);
    }
    pg.prose(&[FULL1, FULL2, FULL3], 100.0 + 3.0 * PITCH);
    let d = pg.doc();
    let bs = blocks(&d);
    assert_eq!(
        bs[0],
        "P Joint Health and Wellbeing Strategy delivery plan",
        "{}",
        render_text(&d)
    );
}

#[test]
fn a_page_number_line_is_never_part_of_the_prose() {
    for pn in ["2", "Page 2 of 7", "- 2 -"] {
        let mut pg = Page::new();
        let top = pg.prose(&[FULL1, FULL2], 400.0);
        pg.line(pn, LEFT, top, false, SIZE);
        pg.prose(&[FULL3, FULL1], top + PITCH);
        let d = pg.doc();
        let bs = blocks(&d);
        assert!(bs.contains(&format!("F {pn}")), "{pn}: {}", render_text(&d));
        assert!(
            bs.iter()
                .filter(|b| b.starts_with("P "))
                .all(|b| !b.contains(&format!(" {pn} "))),
            "{bs:?}"
        );
    }
    // a year range is not a page number
    let mut pg = Page::new();
    pg.line("2013/14", LEFT, 400.0, false, SIZE);
    let d = pg.doc();
    assert_eq!(
        blocks(&d),
        vec!["P 2013/14".to_string()],
        "{}",
        render_text(&d)
    );
}

fn fixture(rel: &str) -> Document {
    let path = format!("{}/../../fixtures/pdf/{rel}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let layout = plansift_pdf::parse(&bytes, &plansift_pdf::Options::default()).expect("parse");
    to_document(&layout)
}

#[test]
fn fixture_title_lines_are_their_own_blocks() {
    for style in ["chromium", "hrules", "plain", "shaded", "ragcolour"] {
        let d = fixture(&format!("{style}/bromley-portfolio-half-year-2013-14.pdf"));
        let bs = blocks(&d);
        assert!(
            bs.iter().any(|b| b.get(2..)
                == Some("Portfolio Plan Half Year Update 2013/14 (end of November 2013)")),
            "{style}: {bs:?}"
        );
        assert!(
            starts_block(&bs, "Priority Outcome 1 Ensuring the health"),
            "{style}: {bs:?}"
        );
    }
    for style in ["chromium", "hrules", "libreoffice", "plain", "shaded"] {
        let d = fixture(&format!("{style}/cheshire-east-service-plans-2011-12.pdf"));
        let bs = blocks(&d);
        for line in ["Service Planning 2011-12", "Service: Care4CE (SCAR)"] {
            assert!(
                bs.iter().any(|b| b.get(2..) == Some(line)),
                "{style}: {line}\n{bs:?}"
            );
        }
        assert!(
            starts_block(&bs, "SHAW004 *Increase the numbers"),
            "{style}: {bs:?}"
        );
        // no paragraph swallows a block that starts after a sentence end
        assert!(
            !bs.iter().any(|b| b.contains("Centranet site. SHAW")),
            "{style}: {bs:?}"
        );
    }
}
