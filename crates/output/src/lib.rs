//! Writing plansift's output.
//!
//! - [`target`]: where the output goes (`--output FILE`, `--output -` or none for standard
//!   output) and the safety checks on it: a regular file or nothing, never an input.
//! - [`atomic`]: files written whole or not at all (a temporary file beside the target, renamed
//!   into place), removed on SIGINT/SIGTERM/SIGHUP, and stale ones of killed runs swept.
//! - [`sink`]: the formats (JSON Lines, JSON, CSV, SQLite) behind one [`DocumentSink`] trait.
//! - [`ordered`]: documents worked on in parallel and handed over in input order.
//! - [`read`]: reading JSON Lines / JSON outputs back (for `report` and `eval`).

pub mod atomic;
pub mod csv_out;
pub mod ordered;
pub mod read;
pub mod sink;
pub mod sqlite;
pub mod target;

pub use atomic::{install_signal_cleanup, sweep_stale, AtomicFile, TempPath};
pub use ordered::run_in_order;
pub use read::read_documents;
pub use sink::{open_sink, DocumentSink, Finished, Format, SinkOptions};
pub use target::{check_not_an_input, Target};

/// Something went wrong with the output (exit status 2 in the CLI). The message names the path.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct OutputError(pub String);

impl OutputError {
    pub fn new(msg: impl Into<String>) -> Self {
        OutputError(msg.into())
    }

    /// `cannot write PATH: ERROR`
    pub fn write(path: &std::path::Path, e: impl std::fmt::Display) -> Self {
        OutputError(format!("cannot write {}: {e}", path.display()))
    }
}
