//! plansift's Word front-end: a DOCX file -> [`plansift_model::Document`].
//!
//! - [`sniff`]: is this a Word file (DOCX), or one plansift refuses with a clear error (a
//!   legacy `.doc`, an `.odt`, a password-protected file)?
//! - [`parse`]: read a DOCX within [`Limits`] into the document model.
//!
//! # How a document becomes blocks
//! The body of `word/document.xml` is walked in order (content controls `w:sdt`, custom
//! XML and tracked insertions `w:ins`/`w:moveTo` are read through; deletions `w:del`,
//! `w:moveFrom`, field codes, drawings/text boxes, footnote and comment references are left
//! out, so tracked changes read as accepted):
//! - a paragraph whose style (or an ancestor through `basedOn`) is named `heading N` or
//!   `Title`, or has an outline level (`w:outlineLvl`, also on the paragraph itself), is a
//!   [`Block::Heading`]; other paragraphs are [`Block::Paragraph`]s, `bold` when all their
//!   text is bold (run properties, character styles, paragraph styles, document defaults);
//! - numbered list items get their label (`1.`, `(a)`, `iv.`, from `word/numbering.xml`)
//!   before the text; bullets get none (as the HTML front-end writes list items);
//! - a table is a dense [`Table`] grid over its `w:tblGrid`: `w:gridSpan` gives `colspan`,
//!   `w:vMerge` gives `rowspan`, positions covered by a span are empty `covered` cells;
//!   `w:gridBefore`/`w:gridAfter` leave empty cells; rows marked `w:tblHeader` are `header`;
//!   `w:shd` (`w:fill`, theme fills with tint/shade, solid patterns; on the cell, else the
//!   table) is the cell's `fill`; tracked deleted rows are left out;
//! - a table nested in a cell is flattened into that cell's text (row by row, cells
//!   separated by spaces), as the HTML front-end does: plan tables rarely nest, and when they
//!   do the inner table belongs to the outer cell's content;
//! - the default page header of the first section becomes [`Block::Furniture`] at the start.
//!
//! # Pages
//! Word files record pages only where a break was typed or where Word last laid the
//! document out. When the file holds `w:lastRenderedPageBreak` marks (Word writes them on
//! save), those are the page breaks. Otherwise explicit breaks are: `w:br w:type="page"`,
//! `w:pageBreakBefore` (on the paragraph or its style) and section breaks that start a new
//! page. Breaks with no content between them count once. A break inside a table row before
//! any of the row's text splits the table before that row; one after text splits it after
//! the row. A file with no breaks at all is one page, with an `docx.no_pages` info
//! diagnostic saying so.

mod body;
mod styles;

use plansift_model::{Diagnostic, Document, Level};
use plansift_office::{
    color::Theme, core_title, read_rels, rels_path, resolve_target, xml, Package,
};
pub use plansift_office::{Error, Kind, Limits};

/// Word kinds: a DOCX (read), or a file this front-end owns but refuses: a legacy `.doc`,
/// an OpenDocument text, a password-protected Office file. `None` for anything else.
pub fn sniff(bytes: &[u8]) -> Option<Kind> {
    match plansift_office::sniff(bytes)? {
        k @ (Kind::Docx | Kind::Doc | Kind::Odt | Kind::Encrypted) => Some(k),
        _ => None,
    }
}

/// Elements never needed, dropped while parsing (smaller trees): drawings and text boxes,
/// field codes, revision records of formatting, layout-only properties.
fn skipped(name: &str) -> bool {
    matches!(
        name,
        "drawing"
            | "pict"
            | "object"
            | "AlternateContent"
            | "instrText"
            | "delInstrText"
            | "rPrChange"
            | "pPrChange"
            | "sectPrChange"
            | "tblPrChange"
            | "trPrChange"
            | "tcPrChange"
            | "tblGridChange"
            | "tblPrExChange"
            | "numberingChange"
            | "footnoteReference"
            | "endnoteReference"
            | "commentReference"
            | "commentRangeStart"
            | "commentRangeEnd"
            | "sdtPr"
            | "sdtEndPr"
            | "proofErr"
            | "bookmarkStart"
            | "bookmarkEnd"
            | "tcBorders"
            | "tblBorders"
            | "pBdr"
            | "spacing"
            | "ind"
            | "jc"
            | "rFonts"
            | "sz"
            | "szCs"
            | "lang"
            | "tabs"
            | "tblCellMar"
            | "tcMar"
            | "tcW"
            | "tblW"
            | "tblLook"
            | "tblInd"
            | "tblLayout"
            | "widowControl"
            | "bidi"
            | "kern"
            | "noProof"
            | "vAlign"
    )
}

/// Read a DOCX file into the document model.
pub fn parse(bytes: &[u8], limits: &Limits) -> Result<Document, Error> {
    if let Some(kind) = plansift_office::sniff(bytes) {
        if kind != Kind::Docx {
            if let Some(e) = kind.refusal() {
                return Err(e);
            }
            return Err(Error::Unsupported(format!(
                "this is {}, not a Word document",
                kind.name()
            )));
        }
    } else if bytes.starts_with(&plansift_office::OLE_MAGIC) {
        plansift_office::ole_kind(bytes)?;
        return Err(Error::malformed(
            "the OLE compound file is not a Word document",
        ));
    } else if !plansift_office::is_zip(bytes) {
        return Err(Error::malformed(
            "the file is not a DOCX: a Word document is a ZIP package, and this is not one",
        ));
    }
    let mut pkg = Package::open(bytes, limits)?;
    let main = main_part(&mut pkg)?;
    let doc_xml = pkg
        .read(&main)?
        .ok_or_else(|| Error::malformed(format!("the package has no {main} part")))?;
    let doc_root = xml::parse_tree(&doc_xml, &main, limits, &skipped)?;
    drop(doc_xml);
    let styles = match pkg.read("word/styles.xml")? {
        Some(x) => {
            styles::Styles::from_xml(&xml::parse_tree(&x, "word/styles.xml", limits, &skipped)?)
        }
        None => styles::Styles::default(),
    };
    let numbering = match pkg.read("word/numbering.xml")? {
        Some(x) => styles::Numbering::from_xml(&xml::parse_tree(
            &x,
            "word/numbering.xml",
            limits,
            &skipped,
        )?),
        None => styles::Numbering::default(),
    };
    let theme = match pkg.read("word/theme/theme1.xml")? {
        Some(x) => Theme::from_xml(&xml::parse_tree(
            &x,
            "word/theme/theme1.xml",
            limits,
            &|_| false,
        )?),
        None => Theme::default(),
    };
    let rels = read_rels(&mut pkg, &rels_path(&main), limits)?;
    let body = doc_root
        .child("body")
        .ok_or_else(|| Error::malformed(format!("{main} has no w:body")))?;

    let mut walker = body::Walker::new(&styles, numbering, &theme, limits);
    // The first section's default header, as page furniture.
    if let Some(target) = body::first_header_target(body, &rels) {
        let path = resolve_target(&main, &target);
        if let Some(x) = pkg.read(&path)? {
            let root = xml::parse_tree(&x, &path, limits, &skipped)?;
            walker.furniture(&root);
        }
    }
    walker.body(body)?;
    let (blocks, pages, rendered) = walker.finish();
    let mut diagnostics = Vec::new();
    if pages == 1 && !rendered {
        diagnostics.push(Diagnostic::new(
            Level::Info,
            "docx.no_pages",
            "the Word file records no page breaks, so everything is on page 1",
            None,
        ));
    }
    if blocks.is_empty() {
        diagnostics.push(Diagnostic::warning(
            "docx.no_content",
            "the Word document has no text or tables",
            None,
        ));
    }
    let meta_title = core_title(&mut pkg, limits)?;
    Ok(Document {
        pages,
        blocks,
        meta_title,
        diagnostics,
    })
}

/// The main document part, from the package relationships (usually `word/document.xml`).
fn main_part(pkg: &mut Package<'_>) -> Result<String, Error> {
    Ok(plansift_office::main_part(pkg, &Limits::default())?
        .unwrap_or_else(|| "word/document.xml".to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets() {
        assert_eq!(
            rels_path("word/document.xml"),
            "word/_rels/document.xml.rels"
        );
        assert_eq!(
            resolve_target("word/document.xml", "header1.xml"),
            "word/header1.xml"
        );
        assert_eq!(resolve_target("word/document.xml", "../x/h.xml"), "x/h.xml");
        assert_eq!(
            resolve_target("word/document.xml", "/word/h.xml"),
            "word/h.xml"
        );
    }

    #[test]
    fn not_docx() {
        let l = Limits::default();
        assert_eq!(parse(b"hello", &l).unwrap_err().code(), "office.malformed");
        assert_eq!(
            parse(b"PK\x03\x04junk", &l).unwrap_err().code(),
            "office.malformed"
        );
        assert_eq!(sniff(b"hello"), None);
    }
}
