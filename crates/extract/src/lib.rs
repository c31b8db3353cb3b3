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
pub use inputs::{collect_input_paths, collect_inputs, InputPath, MAX_DEPTH};
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
    let shown = path_text(path);
    match read_file(path, &shown) {
        Ok(bytes) => extract_bytes_with(&shown, &bytes, options),
        Err((code, bytes, message)) => failed(empty_document(&shown, bytes), code, message),
    }
}

/// One entry of [`collect_input_paths`]: read it, or report its problem as a failed document.
pub fn extract_input_with(input: &InputPath, options: &ExtractOptions) -> PlanDocument {
    match &input.problem {
        None => extract_path_with(&input.path, options),
        Some((code, message)) => failed(
            empty_document(&path_text(&input.path), 0),
            *code,
            message.clone(),
        ),
    }
}

/// A path as written in `source.path` and in messages: as it is when it is UTF-8 without a
/// backslash; otherwise each byte that is not UTF-8 is written `\xHH` and a backslash `\\`,
/// so that two different names never give the same text and the name can be recovered.
pub fn path_text(path: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        escape_name(path.as_os_str().as_bytes())
    }
    #[cfg(not(unix))]
    {
        path.display().to_string()
    }
}

/// See [`path_text`].
pub fn escape_name(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            if c == '\\' {
                out.push_str("\\\\");
            } else {
                out.push(c);
            }
        }
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02X}"));
        }
    }
    out
}

type ReadFailure = (ErrorCode, u64, String);

/// The file's bytes. Only regular files are opened (a FIFO, socket or device is refused
/// from its metadata, before any open that could block), and the read stops after
/// [`MAX_INPUT_BYTES`] bytes actually read, whatever size the file reports.
fn read_file(path: &Path, shown: &str) -> Result<Vec<u8>, ReadFailure> {
    use std::io::Read;
    let io = |e: std::io::Error| {
        (
            ErrorCode::IoRead,
            0,
            format!("{shown}: cannot read the file: {e}"),
        )
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err((
            ErrorCode::IoRead,
            0,
            format!("{shown}: is a folder, not a file"),
        ));
    }
    if !meta.is_file() {
        return Err((
            ErrorCode::InputNotAFile,
            0,
            format!(
                "{shown}: is {}, not a regular file: not read",
                special_kind(&meta)
            ),
        ));
    }
    let too_large = |n: u64| {
        (
            ErrorCode::InputTooLarge,
            n,
            format!("{shown}: the file is over {MAX_INPUT_BYTES} bytes; plansift reads files up to {MAX_INPUT_BYTES} bytes"),
        )
    };
    if meta.len() > MAX_INPUT_BYTES {
        return Err(too_large(meta.len()));
    }
    let file = open_no_wait(path).map_err(io)?;
    // The file may have been swapped for another kind since the check: look again at what
    // was opened.
    if !file.metadata().map_err(io)?.is_file() {
        return Err((
            ErrorCode::InputNotAFile,
            0,
            format!("{shown}: is not a regular file: not read"),
        ));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

#[cfg(unix)]
fn open_no_wait(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    // O_NONBLOCK: should the path have become a FIFO since it was checked, the open does
    // not wait for a writer.
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_no_wait(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

fn special_kind(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
    }
    let _ = meta;
    "a special file"
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
    read_model_noting(path, bytes, &std::cell::Cell::new(None))
}

/// [`read_model`], noting the format the file is taken for before it is read (so that a
/// document stopped by its budget still reports its format).
fn read_model_noting(
    path: &str,
    bytes: &[u8],
    format_seen: &std::cell::Cell<Option<Format>>,
) -> Result<(Format, Document), ReadError> {
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
    let registry = default_registry();
    let input = Input::new(path, bytes);
    if let Some((_, sniff)) = registry.pick(&input) {
        format_seen.set(Some(sniff.format));
    }
    let (format, mut doc) = registry.read(&input)?;
    // records written as text (labelled blocks, minutes action lines, one cell per line)
    // become tables, whatever front-end read the file
    plansift_records::rebuild(&mut doc);
    Ok((format, doc))
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
