//! The front-end registry: which front-end reads what, typed errors, and extension.

use plansift_extract::{
    default_registry, read_model, Confidence, ErrorCode, FrontEnd, FrontEndError, Input, Registry,
    Sniff,
};
use plansift_model::{Block, Document, Prov, TextBlock};
use plansift_schema::Format;

#[cfg(feature = "pdf")]
fn fixture(rel: &str) -> Vec<u8> {
    let p = format!("{}/../../fixtures/{rel}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

/// `Ok(format)` or `Err((code, format))` of reading `bytes` named `path`.
fn outcome(path: &str, bytes: &[u8]) -> Result<Format, (ErrorCode, Option<Format>)> {
    read_model(path, bytes)
        .map(|(f, _)| f)
        .map_err(|e| (e.code, e.format))
}

#[test]
fn formats_by_signature_name_and_content() {
    let html = b"<!DOCTYPE html><html><body><table><tr><td>a</td></tr></table></body></html>";
    let tsv = b"Ref\tAction\tLead\n1\tDo it\tJo\n2\tAnd this\tAl\n";
    let semi = b"Ref;Action;Lead\n1;Do it;Jo\n2;And this;Al\n";
    let plain = b"## Plan 2014/15\nSome text\n";
    // a signature beats any name
    let pdf_error = if cfg!(feature = "pdf") {
        ErrorCode::PdfMalformed
    } else {
        ErrorCode::PdfUnsupported
    };
    assert_eq!(
        outcome("a.txt", b"%PDF-1.4 junk"),
        Err((pdf_error, Some(Format::Pdf)))
    );
    // a name beats content
    assert_eq!(outcome("a.csv", html), Ok(Format::Csv));
    assert_eq!(outcome("a.txt", tsv), Ok(Format::Text));
    assert_eq!(outcome("a.tab", semi), Ok(Format::Tsv));
    assert_eq!(outcome("a.HTM", plain), Ok(Format::Html));
    // content, HTML before delimiters, text last
    assert_eq!(outcome("a", html), Ok(Format::Html));
    assert_eq!(outcome("a.dat", tsv), Ok(Format::Tsv));
    assert_eq!(outcome("a", semi), Ok(Format::Csv));
    assert_eq!(outcome("a", plain), Ok(Format::Text));
}

#[test]
fn typed_errors_and_the_format_they_report() {
    assert_eq!(outcome("a.txt", b""), Err((ErrorCode::InputEmpty, None)));
    assert_eq!(
        outcome("a.pdf", b" \n\t"),
        Err((ErrorCode::InputEmpty, None))
    );
    assert_eq!(
        outcome("a.pdf", b"hello"),
        Err((ErrorCode::PdfNotPdf, Some(Format::Pdf)))
    );
    // binary: the format is not known, whatever the name says
    assert_eq!(
        outcome("a.csv", b"ab\0cd"),
        Err((ErrorCode::InputBinary, None))
    );
    // undecodable text: the format the name (or the fallback) gave
    assert_eq!(
        outcome("a.csv", b"abc \x81 def"),
        Err((ErrorCode::InputEncoding, Some(Format::Csv)))
    );
    assert_eq!(
        outcome("a", b"abc \x81 def"),
        Err((ErrorCode::InputEncoding, Some(Format::Text)))
    );
    let e = read_model("dir/a.pdf", b"hello").unwrap_err();
    assert_eq!(
        e.to_string(),
        "dir/a.pdf: named .pdf but the file does not start with a %PDF- header"
    );
}

#[test]
fn decoding_notes_come_first() {
    let (_, doc) = read_model("a.csv", b"caf\xe9;x\n1;2\n").expect("reads");
    assert_eq!(doc.diagnostics[0].code, "input.encoding");
}

#[test]
fn the_default_order() {
    let names: Vec<&str> = default_registry().front_ends().map(|f| f.name()).collect();
    assert_eq!(names, ["pdf", "office", "html", "json", "csv", "text"]);
    let formats: Vec<Format> = default_registry()
        .front_ends()
        .flat_map(|f| f.formats().iter().copied())
        .collect();
    assert_eq!(
        formats,
        [
            Format::Pdf,
            Format::Docx,
            Format::Xlsx,
            Format::Xls,
            Format::Ods,
            Format::Html,
            Format::Json,
            Format::Csv,
            Format::Tsv,
            Format::Text
        ]
    );
}

/// A front-end for a made-up format, as a new one (DOCX, records) would be added.
struct Records {
    confidence: Confidence,
}

impl FrontEnd for Records {
    fn name(&self) -> &'static str {
        "records"
    }
    fn formats(&self) -> &'static [Format] {
        &[Format::Text]
    }
    fn sniff(&self, input: &Input<'_>) -> Option<Sniff> {
        input
            .head()
            .starts_with(b"RECORDS\n")
            .then_some(Sniff::new(Format::Text, self.confidence))
    }
    fn read(&self, input: &Input<'_>, _: Format) -> Result<Document, FrontEndError> {
        let text = input.text().ok_or_else(|| {
            FrontEndError::new(ErrorCode::InputEncoding, "records are UTF-8 text")
        })?;
        let blocks = text
            .lines()
            .skip(1)
            .enumerate()
            .map(|(i, l)| {
                Block::Paragraph(TextBlock {
                    text: l.to_string(),
                    bold: false,
                    level: 0,
                    prov: Prov::line(1, i as u32 + 2),
                })
            })
            .collect();
        Ok(Document {
            pages: 1,
            blocks,
            ..Default::default()
        })
    }
}

#[test]
fn a_registered_front_end_is_picked_by_its_sniff() {
    let mut r = Registry::new();
    r.register(plansift_extract::Html)
        .register(Records {
            confidence: Confidence::Magic,
        })
        .register(plansift_extract::Text);
    let bytes = b"RECORDS\none\ntwo\n";
    let input = Input::new("x.txt", bytes);
    let (fe, sniff) = r.pick(&input).expect("a front-end");
    assert_eq!(
        (fe.name(), sniff.confidence),
        ("records", Confidence::Magic)
    );
    let (_, doc) = r.read(&input).expect("reads");
    assert_eq!(doc.blocks.len(), 2);
    // without the signature the text front-end reads it
    let other = Input::new("x.txt", b"one\ntwo\n");
    assert_eq!(r.pick(&other).map(|(f, _)| f.name()), Some("text"));
    // equal confidence: the first registered wins
    let mut tie = Registry::new();
    tie.register(Records {
        confidence: Confidence::Fallback,
    })
    .register(plansift_extract::Text);
    assert_eq!(
        tie.pick(&Input::new("x", bytes)).map(|(f, _)| f.name()),
        Some("records")
    );
    // an empty registry reads nothing, and says so with a typed error
    let e = Registry::new().read(&Input::new("x", b"text")).unwrap_err();
    assert_eq!((e.code, e.format), (ErrorCode::InputBinary, None));
}

/// pdf-tables carries the layout's diagnostics into the model; the adapter used to add
/// them a second time.
#[cfg(feature = "pdf")]
#[test]
fn a_pdf_diagnostic_is_reported_once() {
    let bytes = fixture("pdf-robustness/broken-xref.pdf");
    let layout = plansift_pdf::parse(&bytes, &plansift_pdf::Options::default()).expect("parses");
    let from_layout: Vec<&str> = layout.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(from_layout, ["pdf.xref_rebuilt"]);
    let (format, doc) = read_model("broken-xref.pdf", &bytes).expect("reads");
    assert_eq!(format, Format::Pdf);
    let codes: Vec<&str> = doc.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, from_layout);
    let out = plansift_extract::extract_bytes("broken-xref.pdf", &bytes);
    let codes: Vec<&str> = out.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["pdf.xref_rebuilt", "plan.no_plan_table"]);
}

#[cfg(feature = "pdf")]
#[test]
fn pdf_errors_keep_their_codes() {
    let e = read_model(
        "x.pdf",
        &fixture("pdf-robustness/encrypted-unknown-password.pdf"),
    )
    .unwrap_err();
    assert_eq!(
        (e.code, e.format),
        (ErrorCode::PdfEncrypted, Some(Format::Pdf))
    );
    let out = plansift_extract::extract_bytes("x.pdf", &fixture("pdf-robustness/header-only.pdf"));
    let err = out.error.expect("an error");
    assert_eq!(err.code, "pdf.malformed");
    assert!(err.message.starts_with("x.pdf: "), "{}", err.message);
}

#[test]
fn a_csv_over_the_cells_per_table_is_too_complex_not_malformed() {
    let options = plansift_extract::ExtractOptions {
        limits: plansift_model::budget::Limits {
            table_cells: 20,
            ..Default::default()
        },
        ..Default::default()
    };
    let rows: String = (0..30)
        .map(|i| format!("{i},Action {i},Jo Bloggs,March 2025\n"))
        .collect();
    let csv = format!("Ref,Action,Lead,Deadline\n{rows}");
    let doc = plansift_extract::extract_bytes_with("big.csv", csv.as_bytes(), &options);
    let e = doc.error.expect("over the cells per table");
    assert_eq!(e.code, "input.too_complex", "{}", e.message);
    assert!(e.message.contains("cells"), "{}", e.message);
    // Within the limit it reads.
    let small = "Ref,Action,Lead,Deadline\n1,Agree the plan,Jo Bloggs,March 2025\n";
    assert!(
        plansift_extract::extract_bytes_with("s.csv", small.as_bytes(), &options)
            .error
            .is_none()
    );
}
