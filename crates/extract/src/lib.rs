//! The plansift pipeline for one document and for a batch.
//!
//! `file bytes -> format detection -> decoding -> front-end (text | HTML | CSV | PDF)
//! -> plansift_model::Document -> plansift_interpret -> PlanDocument`.
//!
//! Every failure is caught per document and reported in its `error` (with a code and a
//! message naming the problem); a panic in any stage is caught too, so one bad file never
//! stops a batch.

mod decode;
mod inputs;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

pub use decode::{decode_text, DecodeError};
pub use inputs::collect_inputs;
use plansift_model::{Diagnostic as ModelDiagnostic, Document, Level as ModelLevel};
use plansift_schema::{
    Diagnostic, DocError, Format, Level, Location, PlanDocument, Source, SCHEMA_VERSION,
};
use rayon::prelude::*;
use sha2::{Digest, Sha256};

/// Files larger than this are refused (`input.too_large`).
pub const MAX_INPUT_BYTES: u64 = 1 << 30;

/// `plansift 0.1.0`
pub fn generator() -> String {
    format!("plansift {}", env!("CARGO_PKG_VERSION"))
}

fn empty_document(path: &str, bytes: u64) -> PlanDocument {
    PlanDocument {
        schema_version: SCHEMA_VERSION.to_string(),
        generator: generator(),
        source: Source {
            path: path.to_string(),
            sha256: None,
            format: None,
            bytes,
            pages: None,
        },
        title: None,
        organisation: None,
        period: None,
        actions: Vec::new(),
        diagnostics: Vec::new(),
        error: None,
    }
}

fn failed(mut doc: PlanDocument, code: &str, message: String) -> PlanDocument {
    doc.actions.clear();
    doc.error = Some(DocError {
        code: code.to_string(),
        message,
    });
    doc
}

/// Extract one file. Never panics and never fails: problems are in the returned document's `error`.
pub fn extract_path(path: &Path) -> PlanDocument {
    let shown = path.display().to_string();
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            return failed(
                empty_document(&shown, 0),
                "io.read",
                format!("{shown}: cannot read the file: {e}"),
            )
        }
    };
    if meta.is_dir() {
        return failed(
            empty_document(&shown, 0),
            "io.read",
            format!("{shown}: is a folder, not a file"),
        );
    }
    if meta.len() > MAX_INPUT_BYTES {
        return failed(
            empty_document(&shown, meta.len()),
            "input.too_large",
            format!(
                "{shown}: the file is {} bytes; plansift reads files up to {} bytes",
                meta.len(),
                MAX_INPUT_BYTES
            ),
        );
    }
    match std::fs::read(path) {
        Ok(bytes) => extract_bytes(&shown, &bytes),
        Err(e) => failed(
            empty_document(&shown, meta.len()),
            "io.read",
            format!("{shown}: cannot read the file: {e}"),
        ),
    }
}

/// Extract a document from its bytes; `path` names it in the output and in messages.
pub fn extract_bytes(path: &str, bytes: &[u8]) -> PlanDocument {
    let mut doc = empty_document(path, bytes.len() as u64);
    doc.source.sha256 = Some(hex(&Sha256::digest(bytes)));
    let result = catch_unwind(AssertUnwindSafe(|| run(path, bytes, doc.clone())));
    match result {
        Ok(d) => d,
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            tracing::error!(file = path, "internal error: {what}");
            failed(
                doc,
                "internal.panic",
                format!("{path}: plansift failed on this file (a bug; please report it): {what}"),
            )
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What a file's content and name say it is.
fn sniff(path: &str, bytes: &[u8]) -> Option<Format> {
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Some(Format::Pdf);
    }
    let ext = Path::new(path)
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("pdf") => Some(Format::Pdf),
        Some("html") | Some("htm") | Some("xhtml") => Some(Format::Html),
        Some("csv") => Some(Format::Csv),
        Some("tsv") | Some("tab") => Some(Format::Tsv),
        Some("txt") | Some("text") | Some("md") => Some(Format::Text),
        _ => None,
    }
}

fn looks_html(text: &str) -> bool {
    let head: String = text
        .trim_start()
        .chars()
        .take(1024)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || (head.starts_with('<') && head.contains("<table"))
}

/// Read a file's bytes into the document model: format detection, decoding, front-end.
/// Returns the format, the model and notes on decoding, or the error code and message.
pub fn read_model(
    path: &str,
    bytes: &[u8],
) -> Result<(Format, Document), (Format, String, String)> {
    let fail = |f: Option<Format>, code: &str, msg: String| {
        (
            f.unwrap_or(Format::Text),
            code.to_string(),
            format!("{path}: {msg}"),
        )
    };
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        let msg = if bytes.is_empty() {
            "the file is empty (0 bytes)".to_string()
        } else {
            format!("the file holds only white space ({} bytes)", bytes.len())
        };
        return Err(fail(None, "input.empty", msg));
    }
    if let Some(r) = office_document(path, bytes) {
        return r.map_err(|(f, code, msg)| fail(Some(f), &code, msg));
    }
    let hint = sniff(path, bytes);
    if hint == Some(Format::Pdf) {
        if !bytes.windows(5).take(1024).any(|w| w == b"%PDF-") {
            return Err(fail(
                hint,
                "pdf.not_pdf",
                "named .pdf but the file does not start with a %PDF- header".into(),
            ));
        }
        return pdf_document(bytes)
            .map(|m| (Format::Pdf, m))
            .map_err(|(code, msg)| fail(hint, &code, msg));
    }
    let (text, notes) = decode_text(bytes).map_err(|e| fail(hint, e.code(), e.to_string()))?;
    let format = match hint {
        Some(f) => f,
        None if looks_html(&text) => Format::Html,
        None => match plansift_csv::looks_delimited(&text) {
            Some(b'\t') => Format::Tsv,
            Some(_) => Format::Csv,
            None => Format::Text,
        },
    };
    let mut model =
        match format {
            Format::Text => plansift_text::parse(&text),
            Format::Html => plansift_html::parse(&text),
            Format::Csv | Format::Tsv => {
                let delim = plansift_csv::sniff_delimiter(&text)
                    .unwrap_or(if format == Format::Tsv { b'\t' } else { b',' });
                plansift_csv::parse(&text, delim)
                    .map_err(|e| fail(Some(format), "csv.malformed", e.to_string()))?
            }
            Format::Pdf | Format::Docx | Format::Xlsx | Format::Xls | Format::Ods => {
                unreachable!("handled above")
            }
        };
    let mut all = notes;
    all.append(&mut model.diagnostics);
    model.diagnostics = all;
    Ok((format, model))
}

/// Word and spreadsheet files, by content (ZIP/OLE containers) or else by extension.
/// `None` when the file is not an Office file. (A minimal registration, to be redone on the
/// front-end registry.)
#[allow(clippy::type_complexity)]
fn office_document(
    path: &str,
    bytes: &[u8],
) -> Option<Result<(Format, Document), (Format, String, String)>> {
    use plansift_office::Kind;
    let ext = Path::new(path)
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase());
    let kind = plansift_office::sniff(bytes).or(match ext.as_deref() {
        Some("docx") | Some("docm") | Some("dotx") => Some(Kind::Docx),
        Some("xlsx") | Some("xlsm") | Some("xltx") => Some(Kind::Xlsx),
        Some("xls") => Some(Kind::Xls),
        Some("ods") => Some(Kind::Ods),
        Some("doc") => Some(Kind::Doc),
        Some("odt") => Some(Kind::Odt),
        _ => None,
    })?;
    let limits = plansift_office::Limits::default();
    let (format, result) = match kind {
        Kind::Docx | Kind::Doc | Kind::Odt => (Format::Docx, plansift_docx::parse(bytes, &limits)),
        Kind::Encrypted if matches!(ext.as_deref(), Some("docx") | Some("docm") | Some("doc")) => {
            (Format::Docx, plansift_docx::parse(bytes, &limits))
        }
        Kind::Xls => (Format::Xls, plansift_sheet::parse(bytes, &limits)),
        Kind::Ods => (Format::Ods, plansift_sheet::parse(bytes, &limits)),
        _ => (Format::Xlsx, plansift_sheet::parse(bytes, &limits)),
    };
    Some(
        result
            .map(|d| (format, d))
            .map_err(|e| (format, e.code().to_string(), e.to_string())),
    )
}

fn run(path: &str, bytes: &[u8], mut doc: PlanDocument) -> PlanDocument {
    match read_model(path, bytes) {
        Ok((format, model)) => {
            doc.source.format = Some(format);
            finish(doc, model)
        }
        Err((format, code, message)) => {
            if code != "input.empty" && code != "input.binary" {
                doc.source.format = Some(format);
            }
            failed(doc, &code, message)
        }
    }
}

#[cfg(feature = "pdf")]
fn pdf_document(bytes: &[u8]) -> Result<Document, (String, String)> {
    let layout = plansift_pdf::parse(bytes, &plansift_pdf::Options::default())
        .map_err(|e| (e.code().to_string(), e.to_string()))?;
    let mut model = plansift_pdf_tables::to_document(&layout);
    let mut diags = layout.diagnostics.clone();
    diags.append(&mut model.diagnostics);
    model.diagnostics = diags;
    if model.meta_title.is_none() {
        model.meta_title = layout.title.clone();
    }
    Ok(model)
}

#[cfg(not(feature = "pdf"))]
fn pdf_document(_bytes: &[u8]) -> Result<Document, (String, String)> {
    Err((
        "pdf.unsupported".into(),
        "this build of plansift was made without the PDF front-end".into(),
    ))
}

fn to_schema_diagnostic(d: ModelDiagnostic) -> Diagnostic {
    Diagnostic {
        level: match d.level {
            ModelLevel::Info => Level::Info,
            ModelLevel::Warning => Level::Warning,
            ModelLevel::Error => Level::Error,
        },
        code: d.code,
        message: d.message,
        location: d.prov.map(|p| Location {
            page: p.page,
            line: p.line,
        }),
    }
}

fn finish(mut doc: PlanDocument, model: Document) -> PlanDocument {
    doc.source.pages = Some(model.pages.max(1));
    let found = plansift_interpret::interpret(&model);
    doc.title = found.title;
    doc.organisation = found.organisation;
    doc.period = found.period;
    let prefix: String = doc
        .source
        .sha256
        .as_deref()
        .unwrap_or("000000000000")
        .chars()
        .take(12)
        .collect();
    doc.actions = found
        .actions
        .into_iter()
        .enumerate()
        .map(|(i, mut a)| {
            a.id = format!("{prefix}-{:04}", i + 1);
            a
        })
        .collect();
    doc.diagnostics.extend(
        model
            .diagnostics
            .into_iter()
            .chain(found.diagnostics)
            .map(to_schema_diagnostic),
    );
    doc
}

/// Extract many files in parallel (on the current rayon pool), results in input order.
pub fn extract_all(paths: &[std::path::PathBuf]) -> Vec<PlanDocument> {
    paths.par_iter().map(|p| extract_path(p)).collect()
}
