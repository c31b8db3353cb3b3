//! The plansift pipeline for one document and for a batch.
//!
//! `file bytes -> format detection -> decoding -> front-end (text | HTML | CSV | PDF)
//! -> plansift_model::Document -> plansift_interpret -> PlanDocument`.
//!
//! Every failure is caught per document and reported in its `error` (with a code and a
//! message naming the problem); a panic in any stage is caught too, so one bad file never
//! stops a batch.

mod decode;
mod frontend;
mod frontends;
mod inputs;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

pub use decode::{decode_text, DecodeError};
pub use frontend::{
    default_registry, Confidence, FrontEnd, FrontEndError, Input, ReadError, Registry, Sniff,
    HEAD_BYTES,
};
pub use frontends::{Csv, Html, Pdf, Text};
pub use inputs::collect_inputs;
pub use plansift_model::ErrorCode;
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

fn failed(mut doc: PlanDocument, code: ErrorCode, message: String) -> PlanDocument {
    doc.actions.clear();
    doc.error = Some(DocError {
        code: code.into(),
        message,
    });
    doc
}

/// Choices for a run: the interpretation stage's profile (column-role corrections) and
/// the per-document budget (time, text, cells, depth; see [`plansift_model::budget`]).
#[derive(Debug, Clone, Default)]
pub struct ExtractOptions {
    pub interpret: plansift_interpret::Options,
    pub limits: plansift_model::budget::Limits,
}

/// Extract one file. Never panics and never fails: problems are in the returned document's `error`.
pub fn extract_path(path: &Path) -> PlanDocument {
    extract_path_with(path, &ExtractOptions::default())
}

/// [`extract_path`] with options.
pub fn extract_path_with(path: &Path, options: &ExtractOptions) -> PlanDocument {
    let shown = path.display().to_string();
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            return failed(
                empty_document(&shown, 0),
                ErrorCode::IoRead,
                format!("{shown}: cannot read the file: {e}"),
            )
        }
    };
    if meta.is_dir() {
        return failed(
            empty_document(&shown, 0),
            ErrorCode::IoRead,
            format!("{shown}: is a folder, not a file"),
        );
    }
    if meta.len() > MAX_INPUT_BYTES {
        return failed(
            empty_document(&shown, meta.len()),
            ErrorCode::InputTooLarge,
            format!(
                "{shown}: the file is {} bytes; plansift reads files up to {} bytes",
                meta.len(),
                MAX_INPUT_BYTES
            ),
        );
    }
    match std::fs::read(path) {
        Ok(bytes) => extract_bytes_with(&shown, &bytes, options),
        Err(e) => failed(
            empty_document(&shown, meta.len()),
            ErrorCode::IoRead,
            format!("{shown}: cannot read the file: {e}"),
        ),
    }
}

/// Extract a document from its bytes; `path` names it in the output and in messages.
pub fn extract_bytes(path: &str, bytes: &[u8]) -> PlanDocument {
    extract_bytes_with(path, bytes, &ExtractOptions::default())
}

/// [`extract_bytes`] with options.
pub fn extract_bytes_with(path: &str, bytes: &[u8], options: &ExtractOptions) -> PlanDocument {
    let mut doc = empty_document(path, bytes.len() as u64);
    doc.source.sha256 = Some(hex(&Sha256::digest(bytes)));
    // The format the file was taken for, known once a front-end is picked: the error of
    // a document stopped by its budget says which.
    let format = std::cell::Cell::new(None);
    let result = catch_unwind(AssertUnwindSafe(|| {
        plansift_model::budget::run(options.limits, || {
            run(path, bytes, doc.clone(), options, &format)
        })
    }));
    match result {
        Ok(Ok(d)) => d,
        Ok(Err(over)) => {
            let format = format.get();
            let code = if format == Some(Format::Pdf) {
                ErrorCode::PdfTimeout
            } else {
                ErrorCode::InputTooComplex
            };
            doc.source.format = format;
            failed(doc, code, format!("{path}: {over}"))
        }
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            tracing::error!(file = path, "internal error: {what}");
            failed(
                doc,
                ErrorCode::InternalPanic,
                format!("{path}: plansift failed on this file (a bug; please report it): {what}"),
            )
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Read a file's bytes into the document model: the [`default_registry`] picks the
/// front-end by sniffing (content and name) and reads the file with it. Returns the
/// format and the model (decoding notes first among its diagnostics), or a typed error.
pub fn read_model(path: &str, bytes: &[u8]) -> Result<(Format, Document), ReadError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        let msg = if bytes.is_empty() {
            "the file is empty (0 bytes)".to_string()
        } else {
            format!("the file holds only white space ({} bytes)", bytes.len())
        };
        return Err(ReadError {
            code: ErrorCode::InputEmpty,
            format: None,
            message: format!("{path}: {msg}"),
        });
    }
    default_registry().read(&Input::new(path, bytes))
}

/// [`read_model`], noting the format the file is taken for before it is read.
fn read_model_noting(
    path: &str,
    bytes: &[u8],
    format_seen: &std::cell::Cell<Option<Format>>,
) -> Result<(Format, Document), ReadError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return read_model(path, bytes);
    }
    let registry = default_registry();
    let input = Input::new(path, bytes);
    if let Some((_, sniff)) = registry.pick(&input) {
        format_seen.set(Some(sniff.format));
    }
    registry.read(&input)
}

fn run(
    path: &str,
    bytes: &[u8],
    mut doc: PlanDocument,
    options: &ExtractOptions,
    format_seen: &std::cell::Cell<Option<Format>>,
) -> PlanDocument {
    match read_model_noting(path, bytes, format_seen) {
        Ok((format, model)) => {
            doc.source.format = Some(format);
            finish(doc, model, options)
        }
        Err(e) => {
            doc.source.format = e.format;
            failed(doc, e.code, e.message)
        }
    }
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

fn finish(mut doc: PlanDocument, model: Document, options: &ExtractOptions) -> PlanDocument {
    doc.source.pages = Some(model.pages.max(1));
    plansift_model::budget::check("interpretation");
    let found = plansift_interpret::interpret_with(&model, &options.interpret);
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
    extract_all_with(paths, &ExtractOptions::default())
}

/// [`extract_all`] with options.
pub fn extract_all_with(
    paths: &[std::path::PathBuf],
    options: &ExtractOptions,
) -> Vec<PlanDocument> {
    paths
        .par_iter()
        .map(|p| extract_path_with(p, options))
        .collect()
}
