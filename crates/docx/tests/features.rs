//! DOCX features the LibreOffice fixtures do not exercise, on small documents written here:
//! style inheritance and outline levels, numbering, content controls, tracked changes,
//! hyperlinks, merged and nested cells, theme shading, header rows, rendered page breaks,
//! page header furniture.

use std::io::{Cursor, Write};

use plansift_docx::{parse, Limits};
use plansift_model::{Block, Document, Rgb, Table};
use zip::write::SimpleFileOptions;

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

/// A DOCX package from its parts.
fn docx(parts: &[(&str, String)]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, body) in parts {
        z.start_file(*name, opts).unwrap();
        z.write_all(body.as_bytes()).unwrap();
    }
    z.finish().unwrap().into_inner()
}

fn document(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}</w:body></w:document>"#
    )
}

fn read(parts: &[(&str, String)]) -> Document {
    parse(&docx(parts), &Limits::default()).expect("the document reads")
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

fn texts(doc: &Document) -> Vec<(String, u8, &'static str)> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(t) => Some((t.text.clone(), t.level, "H")),
            Block::Paragraph(t) => Some((t.text.clone(), t.level, "P")),
            Block::Furniture(t) => Some((t.text.clone(), 0, "F")),
            _ => None,
        })
        .collect()
}

const STYLES: &str = r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="22"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="MyTheme"><w:name w:val="Council Theme"/><w:basedOn w:val="Heading1"/></w:style>
<w:style w:type="paragraph" w:styleId="Sub"><w:name w:val="Section Title"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>
<w:style w:type="paragraph" w:styleId="Loop1"><w:name w:val="Loop one"/><w:basedOn w:val="Loop2"/></w:style>
<w:style w:type="paragraph" w:styleId="Loop2"><w:name w:val="Loop two"/><w:basedOn w:val="Loop1"/></w:style>
<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="NewPage"><w:name w:val="New Page"/><w:pPr><w:pageBreakBefore/></w:pPr></w:style>
</w:styles>"#;

fn p(style: &str, text: &str) -> String {
    format!(r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#)
}

#[test]
fn headings_from_styles_inheritance_and_outline_levels() {
    let body = [
        p("Title", "Delivery Plan 2014/15"),
        p("MyTheme", "Theme one"),
        p("Sub", "Objective heading"),
        r#"<w:p><w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:r><w:t>Direct outline</w:t></w:r></w:p>"#.into(),
        p("Loop1", "A style cycle is body text"),
        p("Normal", "Plain text"),
    ]
    .concat();
    let doc = read(&[
        ("word/document.xml", document(&body)),
        ("word/styles.xml", STYLES.into()),
    ]);
    assert_eq!(
        texts(&doc),
        vec![
            ("Delivery Plan 2014/15".into(), 1, "H"),
            ("Theme one".into(), 1, "H"),
            ("Objective heading".into(), 3, "H"),
            ("Direct outline".into(), 2, "H"),
            ("A style cycle is body text".into(), 0, "P"),
            ("Plain text".into(), 0, "P"),
        ]
    );
    // Heading 1's bold comes from its style's run properties (inherited by MyTheme).
    let Block::Heading(t) = &doc.blocks[1] else {
        panic!()
    };
    assert!(t.bold);
}

#[test]
fn numbered_lists_get_labels_and_bullets_do_not() {
    let numbering = r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"#;
    let item = |num: u8, lvl: u8, t: &str| {
        format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{num}"/></w:numPr></w:pPr><w:r><w:t>{t}</w:t></w:r></w:p>"#
        )
    };
    let body = [
        item(1, 0, "First"),
        item(1, 1, "Sub a"),
        item(1, 1, "Sub b"),
        item(1, 0, "Second"),
        item(2, 0, "A bullet"),
    ]
    .concat();
    let doc = read(&[
        ("word/document.xml", document(&body)),
        ("word/numbering.xml", numbering.into()),
    ]);
    let t: Vec<String> = texts(&doc).into_iter().map(|t| t.0).collect();
    assert_eq!(
        t,
        [
            "1. First",
            "(a) Sub a",
            "(b) Sub b",
            "2. Second",
            "A bullet"
        ]
    );
}

#[test]
fn content_controls_hyperlinks_and_tracked_changes() {
    let body = r#"
<w:sdt><w:sdtPr><w:alias w:val="Lead"/></w:sdtPr><w:sdtContent>
  <w:p><w:r><w:t>Inside a content control</w:t></w:r></w:p></w:sdtContent></w:sdt>
<w:p><w:r><w:t xml:space="preserve">See </w:t></w:r><w:hyperlink r:id="rId9"><w:r><w:t>the plan</w:t></w:r></w:hyperlink>
  <w:sdt><w:sdtContent><w:r><w:t xml:space="preserve"> now</w:t></w:r></w:sdtContent></w:sdt></w:p>
<w:p><w:r><w:t xml:space="preserve">Deliver </w:t></w:r><w:del w:id="1" w:author="x"><w:r><w:delText>the old </w:delText></w:r></w:del><w:ins w:id="2" w:author="x"><w:r><w:t>the new </w:t></w:r></w:ins><w:r><w:t>service</w:t></w:r>
  <w:moveFrom><w:r><w:t>moved away</w:t></w:r></w:moveFrom><w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r></w:p>
<w:p><w:r><w:t>Footnote</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t xml:space="preserve"> 7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">Decision on 27 </w:t></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>th</w:t></w:r><w:r><w:t xml:space="preserve"> May</w:t></w:r></w:p>"#;
    let doc = read(&[("word/document.xml", document(body))]);
    let t: Vec<String> = texts(&doc).into_iter().map(|t| t.0).collect();
    assert_eq!(
        t,
        [
            "Inside a content control",
            "See the plan now",
            "Deliver the new service",
            "Footnote 7",
            "Decision on 27th May"
        ]
    );
}

fn tc(props: &str, text: &str) -> String {
    format!(r#"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"#)
}

#[test]
fn merged_cells_shading_header_rows_and_nested_tables() {
    let theme = r#"<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:themeElements><a:clrScheme name="x">
<a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1><a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>
<a:dk2><a:srgbClr val="44546A"/></a:dk2><a:lt2><a:srgbClr val="E7E6E6"/></a:lt2>
<a:accent1><a:srgbClr val="4472C4"/></a:accent1><a:accent2><a:srgbClr val="ED7D31"/></a:accent2>
<a:accent3><a:srgbClr val="A5A5A5"/></a:accent3><a:accent4><a:srgbClr val="FFC000"/></a:accent4>
<a:accent5><a:srgbClr val="5B9BD5"/></a:accent5><a:accent6><a:srgbClr val="70AD47"/></a:accent6>
</a:clrScheme></a:themeElements></a:theme>"#;
    let nested = r#"<w:tc><w:tcPr/><w:p><w:r><w:t>Outer</w:t></w:r></w:p>
<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid><w:tr><w:tc><w:p><w:r><w:t>inner 1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>inner 2</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc>"#;
    let body = format!(
        r#"<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>
<w:tr><w:trPr><w:tblHeader/></w:trPr>{h1}{h2}{h3}</w:tr>
<w:tr>{a1}{a2}{a3}{a4}</w:tr>
<w:tr>{b1}{b2}{b3}{b4}</w:tr>
<w:tr><w:trPr><w:del w:id="5" w:author="x"/></w:trPr>{d1}{d2}{d3}{d4}</w:tr>
<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>{nested}{c3}{c4}</w:tr>
</w:tbl>"#,
        h1 = tc(r#"<w:gridSpan w:val="2"/>"#, "Objective and action"),
        h2 = tc("", "Lead"),
        h3 = tc("", "RAG"),
        a1 = tc(r#"<w:vMerge w:val="restart"/>"#, "Objective A"),
        a2 = tc("", "Action 1"),
        a3 = tc("", "Ann"),
        a4 = tc(
            r#"<w:shd w:val="clear" w:color="auto" w:fill="00B050"/>"#,
            ""
        ),
        b1 = tc("<w:vMerge/>", ""),
        b2 = tc("", "Action 2"),
        b3 = tc("", "Bob"),
        b4 = tc(
            r#"<w:shd w:val="clear" w:color="auto" w:themeFill="accent4"/>"#,
            ""
        ),
        d1 = tc("", "deleted"),
        d2 = tc("", "row"),
        d3 = tc("", ""),
        d4 = tc("", ""),
        c3 = tc("", "Cy"),
        c4 = tc(
            r#"<w:shd w:val="solid" w:color="FF0000" w:fill="auto"/>"#,
            "R"
        ),
    );
    let doc = read(&[
        ("word/document.xml", document(&body)),
        ("word/theme/theme1.xml", theme.into()),
    ]);
    let t = tables(&doc);
    assert_eq!(t.len(), 1);
    let t = t[0];
    assert_eq!(t.rows.len(), 4, "the tracked deleted row is left out");
    assert_eq!(t.columns(), 4);
    let h = &t.rows[0].cells;
    assert_eq!(h[0].text, "Objective and action");
    assert_eq!(h[0].colspan, 2);
    assert!(h[1].covered && h.iter().all(|c| c.header));
    assert_eq!(t.rows[1].cells[0].rowspan, 2);
    assert!(t.rows[2].cells[0].covered);
    assert_eq!(t.rows[2].text(1), "Action 2");
    assert!(!t.rows[1].cells[1].header);
    assert_eq!(t.rows[1].cells[3].fill, Some(Rgb(0x00, 0xB0, 0x50)));
    assert_eq!(t.rows[2].cells[3].fill, Some(Rgb(0xFF, 0xC0, 0x00)));
    // gridBefore leaves an empty first cell; the nested table's text is in its cell.
    let last = &t.rows[3].cells;
    assert_eq!(last[0].text, "");
    assert!(!last[0].covered);
    assert_eq!(last[1].text, "Outer inner 1 inner 2");
    assert_eq!(last[3].fill, Some(Rgb(0xFF, 0, 0)));
}

#[test]
fn bold_cells_from_runs_and_character_styles() {
    let body = format!(
        r#"<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid><w:tr>{}{}{}</w:tr></w:tbl>"#,
        r#"<w:tc><w:p><w:r><w:rPr><w:b/></w:rPr><w:t>All bold</w:t></w:r></w:p></w:tc>"#,
        r#"<w:tc><w:p><w:r><w:rPr><w:rStyle w:val="Strong"/></w:rPr><w:t>Strong</w:t></w:r></w:p></w:tc>"#,
        r#"<w:tc><w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Half</w:t></w:r><w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t> plain</w:t></w:r></w:p></w:tc>"#,
    );
    let doc = read(&[
        ("word/document.xml", document(&body)),
        ("word/styles.xml", STYLES.into()),
    ]);
    let c = &tables(&doc)[0].rows[0].cells;
    assert!(c[0].bold);
    assert!(c[1].bold);
    assert!(!c[2].bold);
    assert_eq!(c[2].text, "Half plain");
}

fn pages(doc: &Document) -> Vec<u32> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(t) | Block::Heading(t) => Some(t.prov.page),
            Block::Table(t) => Some(t.prov.page),
            _ => None,
        })
        .collect()
}

#[test]
fn explicit_page_breaks() {
    let body = [
        p("Normal", "one"),
        r#"<w:p><w:r><w:t>two</w:t></w:r><w:r><w:br w:type="page"/></w:r><w:r><w:t>three</w:t></w:r></w:p>"#.into(),
        // pageBreakBefore and a page break in the same paragraph are one break.
        r#"<w:p><w:pPr><w:pageBreakBefore/></w:pPr><w:r><w:br w:type="page"/></w:r><w:r><w:t>four</w:t></w:r></w:p>"#.into(),
        p("NewPage", "five"),
        r#"<w:p><w:pPr><w:sectPr><w:type w:val="continuous"/></w:sectPr></w:pPr><w:r><w:t>six</w:t></w:r></w:p>"#.into(),
        r#"<w:p><w:pPr><w:sectPr/></w:pPr><w:r><w:t>seven</w:t></w:r></w:p>"#.into(),
        p("Normal", "eight"),
        r#"<w:p><w:r><w:br/><w:t>line break is no page</w:t></w:r></w:p>"#.into(),
    ]
    .concat();
    let doc = read(&[
        ("word/document.xml", document(&body)),
        ("word/styles.xml", STYLES.into()),
    ]);
    assert_eq!(pages(&doc), vec![1, 1, 2, 3, 4, 4, 4, 5, 5]);
    assert_eq!(doc.pages, 5);
    let breaks: Vec<u32> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::PageBreak { page } => Some(*page),
            _ => None,
        })
        .collect();
    assert_eq!(breaks, vec![2, 3, 4, 5]);
    assert!(doc.diagnostics.iter().all(|d| d.code != "docx.no_pages"));
}

#[test]
fn rendered_page_breaks_win_and_split_tables() {
    // With lastRenderedPageBreak marks, explicit breaks are not counted again.
    let row = |t: &str, mark: bool| {
        format!(
            r#"<w:tr><w:tc><w:p><w:r>{}<w:t>{t}</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr>"#,
            if mark {
                "<w:lastRenderedPageBreak/>"
            } else {
                ""
            }
        )
    };
    let body = format!(
        r#"{}<w:p><w:r><w:br w:type="page"/></w:r><w:r><w:lastRenderedPageBreak/><w:t>page two</w:t></w:r></w:p>
<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>{}{}{}</w:tbl>"#,
        p("Normal", "page one"),
        row("a", false),
        row("b", true),
        row("c", false)
    );
    let doc = read(&[("word/document.xml", document(&body))]);
    assert_eq!(doc.pages, 3);
    let t = tables(&doc);
    assert_eq!(t.len(), 2, "the table is cut where the page broke");
    assert_eq!((t[0].prov.page, t[0].rows.len()), (2, 1));
    assert_eq!((t[1].prov.page, t[1].rows.len()), (3, 2));
    assert_eq!(t[1].rows[0].text(0), "b");
}

#[test]
fn no_breaks_is_one_page_with_a_note() {
    let doc = read(&[("word/document.xml", document(&p("Normal", "only")))]);
    assert_eq!(doc.pages, 1);
    assert!(doc.diagnostics.iter().any(|d| d.code == "docx.no_pages"));
}

#[test]
fn page_header_is_furniture_and_core_title_is_meta() {
    let body = format!(
        r#"{}<w:sectPr><w:headerReference w:type="default" r:id="rIdH"/></w:sectPr>"#,
        p("Normal", "Body text")
    );
    let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdH" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/></Relationships>"#;
    let header = format!(
        r#"<w:hdr {W}><w:p><w:r><w:t>Thurrock Council – Delivery Plan 2014/15</w:t></w:r></w:p></w:hdr>"#
    );
    let core = r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Plan  title</dc:title></cp:coreProperties>"#;
    let doc = read(&[
        ("word/document.xml", document(&body)),
        ("word/_rels/document.xml.rels", rels.into()),
        ("word/header1.xml", header),
        ("docProps/core.xml", core.into()),
    ]);
    assert_eq!(
        texts(&doc),
        vec![
            ("Thurrock Council – Delivery Plan 2014/15".into(), 0, "F"),
            ("Body text".into(), 0, "P")
        ]
    );
    assert_eq!(doc.meta_title.as_deref(), Some("Plan title"));
}

#[test]
fn refusals_and_damage() {
    let l = Limits::default();
    // A ZIP that is not a Word document.
    let z = docx(&[("xl/workbook.xml", "<workbook/>".into())]);
    assert_eq!(parse(&z, &l).unwrap_err().code(), "input.unsupported");
    let z = docx(&[("other.txt", "x".into())]);
    assert_eq!(parse(&z, &l).unwrap_err().code(), "office.malformed");
    // Not XML at all.
    let z = docx(&[("word/document.xml", "\u{0}\u{1} garbage <<<".into())]);
    assert_eq!(parse(&z, &l).unwrap_err().code(), "office.malformed");
    // An ODF text document.
    let z = docx(&[("mimetype", "application/vnd.oasis.opendocument.text".into())]);
    let e = parse(&z, &l).unwrap_err();
    assert_eq!(e.code(), "input.unsupported");
    assert!(e.message().contains("DOCX or PDF"));
}
