//! plansift's PDF text layer.
//!
//! [`parse`] reads a PDF with lopdf (objects, cross-reference, filters,
//! decryption with the empty password) and interprets every page's content
//! streams itself: positioned glyphs grouped into words and lines that match
//! `pdftotext -bbox`, ruling lines (stroked segments and thin filled
//! rectangles), filled rectangles with their colour, marked-content ids, and
//! the tables of a tagged PDF's structure tree. All coordinates are points
//! from the top-left corner of the page's MediaBox, turned by /Rotate (the
//! frame `pdftotext -bbox` uses; the CropBox does not move it).
//!
//! Conventions worth knowing:
//! - a filled axis-aligned rectangle at most 2 pt thick in one dimension is a
//!   [`Rule`](plansift_layout::Rule), not a fill; stroked axis-aligned
//!   segments are rules of the stroke's width; diagonal ones are dropped;
//! - a white fill covering at least 90% of the page (a page background) is
//!   dropped; all other filled rectangles are kept, white ones included;
//! - a small (3..40 pt) filled non-rectangular shape in a saturated colour
//!   (a RAG dot, an arrow) is a fill of its bounding box; a shading painted
//!   with `sh` inside a clip, or a shading pattern, fills with the colour
//!   half-way through its function;
//! - clipping paths are not fills; fills and rules are cut to the clip box;
//! - hidden optional content is skipped and annotation appearances are
//!   drawn, as pdftotext does;
//! - `Word::mcid` comes from page-level marked content only;
//! - lines are in content-stream order (see [`words`]).
//!
//! Limits ([`Options`]): a time budget per document (checked between pages
//! and every 2048 operators), a budget of decompressed bytes for all streams
//! (lopdf's own limit is set to it for object and xref streams), Form XObject
//! depth and cycles, operators per page, structure-tree depth; references
//! are followed at most 32 deep and content nesting at most 32 deep.

mod encoding;
mod font;
mod inspect;
mod interp;
mod lexer;
mod objects;
mod std14;
mod tagged;
mod truetype;
pub mod words;

pub use inspect::{inspect_json, inspect_svg};

use interp::{Ctx, Interp, Mat};
use lopdf::{Dictionary, Document, Object, ObjectId};
use objects::{get, resolve, Budget, DecodeError};
use plansift_layout::{PageLayout, PdfLayout};
use plansift_model::{Diagnostic, Level};
use std::time::{Duration, Instant};

/// Limits for one document.
#[derive(Debug, Clone)]
pub struct Options {
    /// Wall-clock budget for the whole document.
    pub time_budget: Duration,
    /// Total bytes all decoded streams of the document may take.
    pub max_decompressed_bytes: usize,
    /// Deepest nesting of Form XObjects followed.
    pub max_form_depth: usize,
    /// Deepest structure tree followed.
    pub max_struct_depth: usize,
    /// Pages beyond this are not read (a diagnostic says so).
    pub max_pages: usize,
    /// Operators interpreted per page, Form XObjects included (a form drawing
    /// forms drawing forms multiplies); the rest of the page is skipped with a
    /// `pdf.too_complex` diagnostic.
    pub max_page_ops: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            time_budget: Duration::from_secs(20),
            max_decompressed_bytes: 256 * 1024 * 1024,
            max_form_depth: 12,
            max_struct_depth: 64,
            max_pages: 5000,
            max_page_ops: 2_000_000,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("the PDF is encrypted and the empty password does not open it")]
    Encrypted,
    #[error("not a readable PDF: {0}")]
    Malformed(String),
    #[error("the PDF is empty (zero bytes)")]
    Empty,
    #[error("the PDF has no pages")]
    NoPages,
    #[error("reading the PDF took longer than the time budget ({0:?})")]
    Timeout(Duration),
    #[error("the PDF's streams decompress to more than {0} bytes (a decompression bomb?)")]
    TooLarge(usize),
}

impl PdfError {
    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            PdfError::Encrypted => "pdf.encrypted",
            PdfError::Malformed(_) => "pdf.malformed",
            PdfError::Empty => "pdf.empty",
            PdfError::NoPages => "pdf.no_pages",
            PdfError::Timeout(_) => "pdf.timeout",
            PdfError::TooLarge(_) => "pdf.too_large",
        }
    }
}

fn load(bytes: &[u8], opts: &Options) -> Result<Document, PdfError> {
    if bytes.is_empty() {
        return Err(PdfError::Empty);
    }
    let lo = |force: bool| lopdf::LoadOptions {
        max_decompressed_size: Some(opts.max_decompressed_bytes),
        force_reconstruct: force,
        ..Default::default()
    };
    let first = Document::load_mem_with_options(bytes, lo(false));
    let doc = match first {
        Ok(d) => d,
        Err(e) => {
            if matches!(
                e,
                lopdf::Error::InvalidPassword | lopdf::Error::Decryption(_)
            ) {
                return Err(PdfError::Encrypted);
            }
            match Document::load_mem_with_options(bytes, lo(true)) {
                Ok(d) => d,
                Err(lopdf::Error::InvalidPassword) | Err(lopdf::Error::Decryption(_)) => {
                    return Err(PdfError::Encrypted)
                }
                Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded {
                    ..
                })) => return Err(PdfError::TooLarge(opts.max_decompressed_bytes)),
                Err(e2) => {
                    return Err(PdfError::Malformed(format!(
                        "{e}; rebuilding the cross-reference table: {e2}"
                    )))
                }
            }
        }
    };
    if doc.is_encrypted() {
        // lopdf decrypts with the empty password when it can; a document
        // still marked encrypted could not be opened.
        return Err(PdfError::Encrypted);
    }
    Ok(doc)
}

/// Read a PDF into positioned page content.
pub fn parse(bytes: &[u8], opts: &Options) -> Result<PdfLayout, PdfError> {
    let start = Instant::now();
    // The document's own budget (plansift_model::budget, set by plansift_extract for
    // the whole pipeline) when it ends first.
    let (deadline, time_budget) = match (
        start.checked_add(opts.time_budget),
        plansift_model::budget::deadline(),
    ) {
        (Some(own), Some(doc)) if doc < own => (Some(doc), plansift_model::budget::limits().time),
        (own, doc) => (own.or(doc), opts.time_budget),
    };
    let opts = &Options {
        time_budget,
        ..opts.clone()
    };
    let mut doc = load(bytes, opts)?;
    let mut pages_map = doc.get_pages();
    if pages_map.is_empty() {
        // a damaged page tree: try a rebuilt cross-reference table
        if let Ok(d) = Document::load_mem_with_options(
            bytes,
            lopdf::LoadOptions {
                max_decompressed_size: Some(opts.max_decompressed_bytes),
                force_reconstruct: true,
                ..Default::default()
            },
        ) {
            if !d.is_encrypted() {
                doc = d;
                pages_map = doc.get_pages();
            }
        }
    }
    if pages_map.is_empty() {
        return Err(PdfError::NoPages);
    }
    let doc = &doc;
    let budget = Budget::new(opts.max_decompressed_bytes);
    let mut ctx = Ctx::new(doc, &budget, deadline, opts.max_form_depth);
    ctx.max_page_ops = opts.max_page_ops;
    let mut layout = PdfLayout::default();
    if doc.xref_recovery.is_some() {
        layout.diagnostics.push(Diagnostic::warning(
            "pdf.xref_rebuilt",
            "the cross-reference table was damaged and rebuilt",
            None,
        ));
    }
    // A page tree with a cycle lists a page more than once: keep the first.
    let mut seen = std::collections::HashSet::new();
    let listed = pages_map.len();
    let page_ids: Vec<(u32, ObjectId)> = pages_map
        .into_values()
        .filter(|id| seen.insert(*id))
        .enumerate()
        .map(|(i, id)| (i as u32 + 1, id))
        .collect();
    if page_ids.len() < listed {
        layout.diagnostics.push(Diagnostic::warning(
            "pdf.page_tree",
            format!(
                "the page tree lists {listed} pages but only {} distinct ones (a cycle?)",
                page_ids.len()
            ),
            None,
        ));
    }
    if page_ids.len() > opts.max_pages {
        layout.diagnostics.push(Diagnostic::warning(
            "pdf.too_many_pages",
            format!(
                "only the first {} of {} pages were read",
                opts.max_pages,
                page_ids.len()
            ),
            None,
        ));
    }
    let document_chars = plansift_model::budget::limits().document_chars;
    let mut text_bytes = 0usize;
    for &(no, pid) in page_ids.iter().take(opts.max_pages) {
        if deadline.is_some_and(|d| Instant::now() > d) {
            return Err(PdfError::Timeout(opts.time_budget));
        }
        if text_bytes > document_chars {
            ctx.diag(
                Level::Warning,
                "pdf.too_complex",
                format!(
                    "the document's text passed {document_chars} bytes before page {no}; \
                     the pages from there on were not read"
                ),
                no,
            );
            break;
        }
        ctx.glyph_cut = false;
        ctx.page_cut = false;
        let page = read_page(&mut ctx, no, pid);
        if ctx.timed_out {
            return Err(PdfError::Timeout(opts.time_budget));
        }
        if ctx.bomb {
            return Err(PdfError::TooLarge(opts.max_decompressed_bytes));
        }
        if ctx.glyph_cut {
            let n = ctx.glyph_chars;
            ctx.diag(
                Level::Warning,
                "pdf.too_complex",
                format!("glyphs standing for more than {n} characters (ToUnicode, ActualText) were cut to {n}"),
                no,
            );
        }
        if ctx.page_cut {
            let n = ctx.page_text_bytes;
            ctx.diag(
                Level::Warning,
                "pdf.too_complex",
                format!("the page's text passed {n} bytes; the glyphs beyond were dropped"),
                no,
            );
        }
        text_bytes += page.words.iter().map(|w| w.text.len() + 1).sum::<usize>();
        layout.pages.push(page);
    }
    layout.diagnostics.append(&mut ctx.diagnostics);
    let page_numbers: std::collections::HashMap<ObjectId, u32> =
        page_ids.iter().map(|&(n, id)| (id, n)).collect();
    match tagged::tables(doc, &page_numbers, opts.max_struct_depth, deadline) {
        Ok(t) => layout.tagged_tables = t,
        Err(msg) => layout
            .diagnostics
            .push(Diagnostic::warning("pdf.struct_tree", msg, None)),
    }
    layout.title = title(doc, &budget);
    if layout.pages.iter().all(|p| p.words.is_empty()) {
        layout.diagnostics.push(Diagnostic::warning(
            "pdf.no_text",
            "no page has text: a scanned document without a text layer?",
            None,
        ));
    }
    Ok(layout)
}

/// An inheritable page attribute (bounded walk up the page tree).
fn inherited<'a>(doc: &'a Document, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut d = page;
    for _ in 0..32 {
        if let Some(o) = get(doc, d, key) {
            return Some(o);
        }
        d = objects::get_dict(doc, d, b"Parent")?;
    }
    None
}

fn rect(doc: &Document, o: Option<&Object>) -> Option<[f64; 4]> {
    let Object::Array(a) = o? else { return None };
    let v = objects::nums(doc, a);
    if v.len() != 4 {
        return None;
    }
    let r = [
        v[0].min(v[2]),
        v[1].min(v[3]),
        v[0].max(v[2]),
        v[1].max(v[3]),
    ];
    (r[2] - r[0] > 0.0 && r[3] - r[1] > 0.0).then_some(r)
}

fn read_page(ctx: &mut Ctx<'_>, no: u32, pid: ObjectId) -> PageLayout {
    let doc = ctx.doc;
    let Ok(pd) = doc.get_dictionary(pid) else {
        ctx.diag(
            Level::Warning,
            "pdf.page",
            format!("page {no} is not a dictionary"),
            no,
        );
        return PageLayout {
            page: no,
            width: 612.0,
            height: 792.0,
            ..Default::default()
        };
    };
    // The frame is the MediaBox, as pdftotext and pdfplumber use it (the
    // CropBox does not move the origin there, and text outside it is kept).
    let media = rect(doc, inherited(doc, pd, b"MediaBox")).unwrap_or([0.0, 0.0, 612.0, 792.0]);
    let rotate = inherited(doc, pd, b"Rotate")
        .and_then(objects::num)
        .unwrap_or(0.0) as i64;
    let rotate = rotate.rem_euclid(360) / 90 * 90;
    let [x0, y0, x1, y1] = media;
    let (w, h) = (x1 - x0, y1 - y0);
    let (base, pw, ph): (Mat, f64, f64) = match rotate {
        90 => ([0.0, 1.0, 1.0, 0.0, -y0, -x0], h, w),
        180 => ([-1.0, 0.0, 0.0, 1.0, x1, -y0], w, h),
        270 => ([0.0, -1.0, -1.0, 0.0, y1, x1], h, w),
        _ => ([1.0, 0.0, 0.0, -1.0, -x0, y1], w, h),
    };
    // content
    let mut content = Vec::new();
    let contents: Vec<&Object> = match pd.get(b"Contents").ok().map(|o| resolve(doc, o)) {
        Some(Object::Array(a)) => a.iter().collect(),
        Some(o @ Object::Stream(_)) => vec![o],
        _ => Vec::new(),
    };
    for c in contents {
        if let Object::Stream(s) = resolve(doc, c) {
            match ctx.budget.decode(s) {
                Ok(data) => {
                    content.extend_from_slice(&data);
                    content.push(b'\n');
                }
                Err(DecodeError::Exceeded) => {
                    ctx.bomb = true;
                    return PageLayout {
                        page: no,
                        width: pw as f32,
                        height: ph as f32,
                        ..Default::default()
                    };
                }
                Err(DecodeError::Failed) => {
                    ctx.diag(
                        Level::Warning,
                        "pdf.stream",
                        format!("a content stream of page {no} could not be decoded; skipped"),
                        no,
                    );
                }
            }
        }
    }
    let resources = inherited(doc, pd, b"Resources").and_then(objects::as_dict);
    let mut it = Interp::new(ctx, no, base, pw, ph);
    it.run(&content, resources, 0);
    it.draw_annotations(pd);
    let raw = std::mem::take(&mut it.out);
    drop(it);
    let pw_words = words::build(&raw, &ctx.fonts);
    PageLayout {
        page: no,
        width: pw as f32,
        height: ph as f32,
        words: pw_words.words,
        lines: pw_words.lines,
        rules: raw.rules,
        fills: raw.fills,
    }
}

/// Decode a PDF text string (UTF-16BE with BOM, UTF-8 with BOM, or PDFDocEncoding).
pub(crate) fn text_string(b: &[u8]) -> String {
    if b.starts_with(&[0xfe, 0xff]) {
        let units: Vec<u16> = b[2..]
            .chunks(2)
            .map(|c| {
                if c.len() == 2 {
                    ((c[0] as u16) << 8) | c[1] as u16
                } else {
                    c[0] as u16
                }
            })
            .collect();
        return char::decode_utf16(units).filter_map(Result::ok).collect();
    }
    if let Some(rest) = b.strip_prefix(&[0xef, 0xbb, 0xbf]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    b.iter()
        .filter_map(|&c| encoding::BaseEncoding::PdfDoc.decode(c))
        .collect()
}

/// `/Title` of the information dictionary, else `dc:title` of the XMP
/// metadata.
fn title(doc: &Document, budget: &Budget) -> Option<String> {
    let info = doc
        .trailer
        .get(b"Info")
        .ok()
        .map(|o| resolve(doc, o))
        .and_then(objects::as_dict);
    if let Some(Object::String(s, _)) = info.and_then(|i| get(doc, i, b"Title")) {
        let t = plansift_model::collapse_ws(&text_string(s));
        if !t.is_empty() {
            return Some(t);
        }
    }
    let cat = doc.catalog().ok()?;
    let Some(Object::Stream(m)) = get(doc, cat, b"Metadata") else {
        return None;
    };
    let xmp = budget.decode(m).ok()?;
    xmp_title(&String::from_utf8_lossy(&xmp))
}

/// The first `rdf:li` of `dc:title` in an XMP packet.
fn xmp_title(xmp: &str) -> Option<String> {
    let start = xmp.find("<dc:title")?;
    let end = xmp[start..].find("</dc:title>").map(|e| start + e)?;
    let inner = &xmp[start..end];
    let li = inner.find("<rdf:li")?;
    let open_end = inner[li..].find('>').map(|e| li + e + 1)?;
    let close = inner[open_end..].find("</rdf:li>").map(|e| open_end + e)?;
    let raw = &inner[open_end..close];
    let text = raw
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&");
    let t = plansift_model::collapse_ws(&text);
    (!t.is_empty()).then_some(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xmp_titles() {
        let x = r#"<x:xmpmeta><rdf:RDF><rdf:Description><dc:title><rdf:Alt><rdf:li xml:lang="x-default">Plan &amp; Budget  2015</rdf:li></rdf:Alt></dc:title></rdf:Description></rdf:RDF></x:xmpmeta>"#;
        assert_eq!(xmp_title(x).as_deref(), Some("Plan & Budget 2015"));
        assert_eq!(xmp_title("<dc:title><rdf:Alt></rdf:Alt></dc:title>"), None);
        assert_eq!(xmp_title("no xmp"), None);
    }

    #[test]
    fn text_strings() {
        assert_eq!(text_string(b"\xfe\xff\x00A\x20\x14"), "A\u{2014}");
        assert_eq!(text_string(b"caf\xe9 \x84"), "caf\u{e9} \u{2014}");
    }
}
