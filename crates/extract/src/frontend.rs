//! One shape for every front-end: the [`FrontEnd`] trait, the [`Input`] it sniffs
//! and reads, and the [`Registry`] that picks one by sniffing.
//!
//! A front-end turns a file into the [`plansift_model::Document`]. The registry asks
//! every front-end, in its order, how sure it is that it reads the input
//! ([`FrontEnd::sniff`]); the most confident one reads it, the first in order on a
//! tie. To add a format, write a type implementing [`FrontEnd`] and register it (see
//! [`default_registry`]).

use std::cell::OnceCell;
use std::fmt;
use std::path::Path;
use std::sync::LazyLock;

use plansift_model::{Diagnostic, Document, ErrorCode};
use plansift_schema::Format;

use crate::decode::{decode_text, DecodeError};

/// Leading bytes a front-end is shown for magic numbers ([`Input::head`]).
pub const HEAD_BYTES: usize = 1024;

/// How sure a front-end is that it reads an input. Ordered: a later variant beats an
/// earlier one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Confidence {
    /// It reads anything as a last resort (plain text).
    Fallback,
    /// The content looks like its format (an HTML start, consistent delimiters).
    Content,
    /// The file name says so (the extension).
    Name,
    /// A signature in the leading bytes says so (`%PDF-`). Nothing beats this: the
    /// registry stops asking.
    Magic,
}

/// A front-end's answer to "is this yours?".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sniff {
    /// The format it would read the input as (one of [`FrontEnd::formats`]).
    pub format: Format,
    pub confidence: Confidence,
}

impl Sniff {
    pub fn new(format: Format, confidence: Confidence) -> Self {
        Sniff { format, confidence }
    }
}

/// Why a front-end could not read an input. The message says why, without the path
/// (the pipeline puts the path in front).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontEndError {
    pub code: ErrorCode,
    pub message: String,
}

impl FrontEndError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        FrontEndError {
            code,
            message: message.into(),
        }
    }
}

impl From<&DecodeError> for FrontEndError {
    fn from(e: &DecodeError) -> Self {
        FrontEndError::new(e.code(), e.to_string())
    }
}

/// Why a file could not be read into the document model ([`crate::read_model`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    pub code: ErrorCode,
    /// The format the file was taken for, or `None` when that is not known
    /// ([`ErrorCode::format_unknown`]: an empty or binary file).
    pub format: Option<Format>,
    /// A sentence naming the file and the problem.
    pub message: String,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ReadError {}

/// One file to read: its name, its bytes, and (decoded on first use, once) its text.
pub struct Input<'a> {
    path: &'a str,
    bytes: &'a [u8],
    decoded: OnceCell<Result<(String, Vec<Diagnostic>), DecodeError>>,
}

impl<'a> Input<'a> {
    pub fn new(path: &'a str, bytes: &'a [u8]) -> Self {
        Input {
            path,
            bytes,
            decoded: OnceCell::new(),
        }
    }

    /// The path as given (names the file in messages; its extension is a hint).
    pub fn path(&self) -> &'a str {
        self.path
    }

    /// All the bytes.
    pub fn bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// The first [`HEAD_BYTES`] bytes, for signatures.
    pub fn head(&self) -> &'a [u8] {
        &self.bytes[..self.bytes.len().min(HEAD_BYTES)]
    }

    /// The file name's extension, lower-cased (`pdf`, `csv`), if it has one.
    pub fn extension(&self) -> Option<String> {
        Path::new(self.path)
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
    }

    /// The bytes decoded as text (UTF-8, UTF-16 with a BOM or Windows-1252; see
    /// [`decode_text`]) and notes on how, decoded once however often this is asked.
    pub fn decoded(&self) -> Result<(&str, &[Diagnostic]), &DecodeError> {
        match self.decoded.get_or_init(|| decode_text(self.bytes)) {
            Ok((text, notes)) => Ok((text.as_str(), notes.as_slice())),
            Err(e) => Err(e),
        }
    }

    /// The text, when the bytes decode ([`Input::decoded`]).
    pub fn text(&self) -> Option<&str> {
        self.decoded().ok().map(|(t, _)| t)
    }
}

/// A front-end: reads one family of formats into the document model.
pub trait FrontEnd: Send + Sync {
    /// A short name (`pdf`, `html`), for logs and the registry's listing.
    fn name(&self) -> &'static str;
    /// The formats it produces.
    fn formats(&self) -> &'static [Format];
    /// Is `input` this front-end's, and as which format? `None`: not at all. Look at the
    /// path and [`Input::head`] first; [`Input::text`] decodes the file (once, shared by
    /// all front-ends), for formats recognised by their text.
    fn sniff(&self, input: &Input<'_>) -> Option<Sniff>;
    /// Read `input` as `format` (what [`FrontEnd::sniff`] said).
    fn read(&self, input: &Input<'_>, format: Format) -> Result<Document, FrontEndError>;
}

/// The front-ends, in an explicit order (which wins a tie of confidence).
#[derive(Default)]
pub struct Registry {
    front_ends: Vec<Box<dyn FrontEnd>>,
}

impl Registry {
    /// An empty registry.
    pub fn new() -> Self {
        Self::default()
    }

    /// Add a front-end after those already registered.
    pub fn register(&mut self, front_end: impl FrontEnd + 'static) -> &mut Self {
        self.front_ends.push(Box::new(front_end));
        self
    }

    /// The front-ends in order.
    pub fn front_ends(&self) -> impl Iterator<Item = &dyn FrontEnd> {
        self.front_ends.iter().map(|f| f.as_ref())
    }

    /// The front-end that reads `input`: the most confident, the first in order on a tie.
    pub fn pick(&self, input: &Input<'_>) -> Option<(&dyn FrontEnd, Sniff)> {
        let mut best: Option<(&dyn FrontEnd, Sniff)> = None;
        for fe in self.front_ends() {
            let Some(s) = fe.sniff(input) else { continue };
            if best.is_none_or(|(_, b)| s.confidence > b.confidence) {
                best = Some((fe, s));
                if s.confidence == Confidence::Magic {
                    break;
                }
            }
        }
        best
    }

    /// Pick a front-end and read `input` with it. Errors name the file.
    pub fn read(&self, input: &Input<'_>) -> Result<(Format, Document), ReadError> {
        let Some((fe, sniff)) = self.pick(input) else {
            // Only a registry without a fallback front-end gets here.
            let code = match input.decoded() {
                Err(e) => e.code(),
                Ok(_) => ErrorCode::InputBinary,
            };
            return Err(ReadError {
                code,
                format: None,
                message: format!("{}: no front-end reads this file", input.path()),
            });
        };
        tracing::debug!(
            file = input.path(),
            front_end = fe.name(),
            ?sniff,
            "front-end"
        );
        fe.read(input, sniff.format)
            .map(|doc| (sniff.format, doc))
            .map_err(|e| ReadError {
                code: e.code,
                format: (!e.code.format_unknown()).then_some(sniff.format),
                message: format!("{}: {}", input.path(), e.message),
            })
    }
}

/// The registry [`crate::read_model`] uses: PDF, HTML, CSV/TSV, then plain text (which
/// reads anything that decodes, so it goes last).
///
/// A new front-end (DOCX, XLSX, ...) is one more `register` call here with a type
/// implementing [`FrontEnd`] (see `frontends/` for the four there are).
pub fn default_registry() -> &'static Registry {
    static REGISTRY: LazyLock<Registry> = LazyLock::new(|| {
        let mut r = Registry::new();
        r.register(crate::frontends::Pdf)
            .register(crate::frontends::Office)
            .register(crate::frontends::Html)
            .register(crate::frontends::Json)
            .register(crate::frontends::Csv)
            .register(crate::frontends::Text);
        r
    });
    &REGISTRY
}
