//! The output formats behind one trait: documents are written one at a time, in order, and
//! the output appears (atomically, for files) when the sink is finished.

use std::io::{BufWriter, Stdout, Write};
use std::path::{Path, PathBuf};

use plansift_schema::PlanDocument;

use crate::atomic::AtomicFile;
use crate::target::{check_file, Target};
use crate::OutputError;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One JSON document per line.
    Jsonl,
    /// One pretty-printed JSON array of documents.
    Json,
    /// One row per action (see [`crate::csv_out`]); failed documents and documents without
    /// actions in `<output>.errors.csv`.
    Csv,
    /// A SQLite database (see [`crate::sqlite`]); a file only, appended to.
    Sqlite,
}

/// Choices that some formats take.
#[derive(Debug, Clone, Copy, Default)]
pub struct SinkOptions {
    /// CSV: start each file with a UTF-8 byte-order mark (for Excel).
    pub bom: bool,
}

/// What a finished sink has to say, for the run's summary line.
#[derive(Debug, Clone, Default)]
pub struct Finished {
    pub note: Option<String>,
}

/// Where documents are written, one at a time in input order.
pub trait DocumentSink {
    fn write(&mut self, doc: &PlanDocument) -> Result<(), OutputError>;
    /// Close the output: files are renamed into place, databases committed.
    fn finish(self: Box<Self>) -> Result<Finished, OutputError>;
}

/// Standard output or an atomic file.
pub(crate) enum Out {
    File(AtomicFile),
    Stdout(BufWriter<Stdout>),
}

impl Out {
    pub(crate) fn open(target: &Target) -> Result<Out, OutputError> {
        Ok(match target {
            Target::Stdout => Out::Stdout(BufWriter::new(std::io::stdout())),
            Target::File(p) => Out::File(AtomicFile::create(p)?),
        })
    }

    pub(crate) fn error(&self, e: impl std::fmt::Display) -> OutputError {
        match self {
            Out::File(f) => OutputError::write(f.target(), e),
            Out::Stdout(_) => OutputError::new(format!("cannot write output: {e}")),
        }
    }

    pub(crate) fn finish(self) -> Result<(), OutputError> {
        match self {
            Out::File(f) => f.commit(),
            Out::Stdout(mut w) => w
                .flush()
                .map_err(|e| OutputError::new(format!("cannot write output: {e}"))),
        }
    }
}

impl Write for Out {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Out::File(f) => f.write(buf),
            Out::Stdout(w) => w.write(buf),
        }
    }
    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        match self {
            Out::File(f) => f.write_all(buf),
            Out::Stdout(w) => w.write_all(buf),
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Out::File(f) => f.flush(),
            Out::Stdout(w) => w.flush(),
        }
    }
}

/// JSON Lines or a JSON array.
struct JsonSink {
    out: Out,
    lines: bool,
    first: bool,
}

impl DocumentSink for JsonSink {
    fn write(&mut self, doc: &PlanDocument) -> Result<(), OutputError> {
        let r = if self.lines {
            serde_json::to_writer(&mut self.out, doc)
                .map_err(std::io::Error::from)
                .and_then(|_| self.out.write_all(b"\n"))
        } else {
            let sep: &[u8] = if self.first { b"[\n" } else { b",\n" };
            self.first = false;
            self.out.write_all(sep).and_then(|_| {
                serde_json::to_writer_pretty(&mut self.out, doc).map_err(std::io::Error::from)
            })
        };
        r.map_err(|e| self.out.error(e))
    }

    fn finish(mut self: Box<Self>) -> Result<Finished, OutputError> {
        if !self.lines {
            let end: &[u8] = if self.first { b"[]\n" } else { b"\n]\n" };
            self.out.write_all(end).map_err(|e| self.out.error(e))?;
        }
        self.out.finish()?;
        Ok(Finished::default())
    }
}

/// The files a format writes besides the target itself (CSV: `<output>.errors.csv`).
pub fn side_files(format: Format, target: &Target) -> Vec<PathBuf> {
    match (format, target) {
        (Format::Csv, Target::File(p)) => vec![crate::csv_out::errors_path(p)],
        _ => Vec::new(),
    }
}

/// Open a sink of `format` on `target`. SQLite needs a file. The side files are checked like
/// the target (regular files or absent).
pub fn open_sink(
    format: Format,
    target: &Target,
    options: SinkOptions,
) -> Result<Box<dyn DocumentSink>, OutputError> {
    for side in side_files(format, target) {
        check_file(&side)?;
    }
    Ok(match format {
        Format::Jsonl | Format::Json => Box::new(JsonSink {
            out: Out::open(target)?,
            lines: format == Format::Jsonl,
            first: true,
        }),
        Format::Csv => Box::new(crate::csv_out::CsvSink::open(target, options)?),
        Format::Sqlite => match target {
            Target::File(p) => Box::new(crate::sqlite::SqliteSink::open(p)?),
            Target::Stdout => {
                return Err(OutputError::new(
                    "--format sqlite writes a database file: give it with --output FILE.db",
                ))
            }
        },
    })
}

/// A file name for messages.
pub(crate) fn shown(p: &Path) -> String {
    p.display().to_string()
}
