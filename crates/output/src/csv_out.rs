//! `--format csv`: one row per action, the document's fields repeated on each row.
//!
//! The columns, in this order, are [`COLUMNS`]. Nested values are flattened: the lead as its
//! raw text and the people's names joined with `"; "`, the deadline and RAG rating as their
//! parts, `extra` as a JSON object (empty when there is none). Dates are ISO (`2015-03-31`).
//!
//! Any cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a `'` in front,
//! so that a spreadsheet shows it as text instead of running it as a formula (CSV injection).
//!
//! Documents with no rows — failed ones (`error` set) and read ones with no actions — go to a
//! second CSV, `<output>.errors.csv` ([`ERROR_COLUMNS`]; `status` is `failed` or
//! `no_actions`), or to standard error when the actions go to standard output. Nothing is
//! dropped silently.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use plansift_schema::{Action, PlanDocument};
use serde::Serialize;

use crate::atomic::AtomicFile;
use crate::sink::{shown, DocumentSink, Finished, Out, SinkOptions};
use crate::target::Target;
use crate::OutputError;

/// The action CSV's columns, in order.
pub const COLUMNS: &[&str] = &[
    "path",
    "sha256",
    "format",
    "pages",
    "title",
    "organisation",
    "period_raw",
    "period_start",
    "period_end",
    "action_id",
    "ref",
    "text",
    "theme",
    "objective",
    "lead_raw",
    "lead_people",
    "deadline_raw",
    "deadline_start",
    "deadline_end",
    "deadline_kind",
    "rag_raw",
    "rag_status",
    "rag_source",
    "progress",
    "next_steps",
    "indicators",
    "governance",
    "page",
    "line",
    "plan",
    "extra",
];

/// The errors CSV's columns, in order.
pub const ERROR_COLUMNS: &[&str] = &[
    "path", "sha256", "format", "bytes", "status", "code", "message",
];

/// `plans.csv` → `plans.csv.errors.csv`
pub fn errors_path(target: &Path) -> PathBuf {
    let mut s = target.as_os_str().to_owned();
    s.push(".errors.csv");
    PathBuf::from(s)
}

/// The cell with a `'` in front when a spreadsheet would read it as a formula.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// A unit enum's serialised name (`financial_year`, `amber_green`).
fn name<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(|v| v.to_string()).unwrap_or_default()
}

fn document_cells(doc: &PlanDocument) -> Vec<String> {
    let s = &doc.source;
    vec![
        s.path.clone(),
        opt(&s.sha256),
        s.format.as_ref().map(name).unwrap_or_default(),
        opt(&s.pages),
        opt(&doc.title),
        opt(&doc.organisation),
        doc.period
            .as_ref()
            .map(|p| p.raw.clone())
            .unwrap_or_default(),
        doc.period
            .as_ref()
            .map(|p| p.start.to_string())
            .unwrap_or_default(),
        doc.period
            .as_ref()
            .map(|p| p.end.to_string())
            .unwrap_or_default(),
    ]
}

/// The cells of one action's row, in [`COLUMNS`] order (before neutralising).
pub fn action_cells(doc: &PlanDocument, a: &Action) -> Vec<String> {
    let mut row = document_cells(doc);
    let lead = a.lead.as_ref();
    let dl = a.deadline.as_ref();
    let rag = a.rag.as_ref();
    row.extend([
        a.id.clone(),
        opt(&a.reference),
        a.text.clone(),
        opt(&a.theme),
        opt(&a.objective),
        lead.map(|l| l.raw.clone()).unwrap_or_default(),
        lead.map(|l| {
            l.people
                .iter()
                .map(|p| p.name.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        })
        .unwrap_or_default(),
        dl.map(|d| d.raw.clone()).unwrap_or_default(),
        dl.map(|d| opt(&d.start)).unwrap_or_default(),
        dl.map(|d| opt(&d.end)).unwrap_or_default(),
        dl.map(|d| name(&d.kind)).unwrap_or_default(),
        rag.map(|r| r.raw.clone()).unwrap_or_default(),
        rag.and_then(|r| r.status.as_ref().map(name))
            .unwrap_or_default(),
        rag.map(|r| name(&r.source)).unwrap_or_default(),
        opt(&a.progress),
        opt(&a.next_steps),
        opt(&a.indicators),
        opt(&a.governance),
        a.source.page.to_string(),
        opt(&a.source.line),
        a.source.plan.to_string(),
        if a.extra.is_empty() {
            String::new()
        } else {
            serde_json::to_string(&a.extra).unwrap_or_default()
        },
    ]);
    row
}

/// The errors CSV row of a document without action rows, or None when it has actions.
pub fn error_cells(doc: &PlanDocument) -> Option<Vec<String>> {
    if !doc.actions.is_empty() && doc.error.is_none() {
        return None;
    }
    let s = &doc.source;
    let (status, code, message) = match &doc.error {
        Some(e) => ("failed", e.code.clone(), e.message.clone()),
        None => match doc.diagnostics.iter().find(|d| d.code.starts_with("plan.")) {
            Some(d) => ("no_actions", d.code.clone(), d.message.clone()),
            None => ("no_actions", String::new(), "no actions found".to_string()),
        },
    };
    Some(vec![
        s.path.clone(),
        opt(&s.sha256),
        s.format.as_ref().map(name).unwrap_or_default(),
        s.bytes.to_string(),
        status.to_string(),
        code,
        message,
    ])
}

fn write_row<W: std::io::Write>(
    w: &mut csv::Writer<W>,
    cells: &[String],
) -> Result<(), csv::Error> {
    w.write_record(cells.iter().map(|c| neutralise(c).into_owned()))
}

enum Errors {
    File(csv::Writer<AtomicFile>),
    /// Written to standard error when the sink finishes (after any progress bar is gone).
    Stderr(csv::Writer<Vec<u8>>),
}

pub(crate) struct CsvSink {
    out: csv::Writer<Out>,
    errors: Errors,
    errors_file: Option<PathBuf>,
    failed_or_empty: usize,
}

impl CsvSink {
    pub(crate) fn open(target: &Target, options: SinkOptions) -> Result<CsvSink, OutputError> {
        let bom: &[u8] = if options.bom { b"\xEF\xBB\xBF" } else { b"" };
        let mut out = Out::open(target)?;
        use std::io::Write;
        out.write_all(bom).map_err(|e| out.error(e))?;
        let mut out = csv::Writer::from_writer(out);
        let head: Vec<String> = COLUMNS.iter().map(|s| s.to_string()).collect();
        out.write_record(&head)
            .map_err(|e| OutputError::new(format!("cannot write output: {e}")))?;
        let (errors, errors_file) = match target {
            Target::File(p) => {
                let path = errors_path(p);
                let mut f = AtomicFile::create(&path)?;
                f.write_all(bom).map_err(|e| OutputError::write(&path, e))?;
                let mut w = csv::Writer::from_writer(f);
                w.write_record(ERROR_COLUMNS)
                    .map_err(|e| OutputError::write(&path, e))?;
                (Errors::File(w), Some(path))
            }
            Target::Stdout => {
                let mut w = csv::Writer::from_writer(Vec::new());
                w.write_record(ERROR_COLUMNS)
                    .map_err(|e| OutputError::new(format!("cannot write errors: {e}")))?;
                (Errors::Stderr(w), None)
            }
        };
        Ok(CsvSink {
            out,
            errors,
            errors_file,
            failed_or_empty: 0,
        })
    }

    fn errors_error(&self, e: impl std::fmt::Display) -> OutputError {
        match &self.errors_file {
            Some(p) => OutputError::write(p, e),
            None => OutputError::new(format!("cannot write errors: {e}")),
        }
    }
}

impl DocumentSink for CsvSink {
    fn write(&mut self, doc: &PlanDocument) -> Result<(), OutputError> {
        for a in &doc.actions {
            write_row(&mut self.out, &action_cells(doc, a))
                .map_err(|e| OutputError::new(format!("cannot write output: {e}")))?;
        }
        if let Some(row) = error_cells(doc) {
            self.failed_or_empty += 1;
            let r = match &mut self.errors {
                Errors::File(w) => write_row(w, &row),
                Errors::Stderr(w) => write_row(w, &row),
            };
            r.map_err(|e| self.errors_error(e))?;
        }
        Ok(())
    }

    fn finish(self: Box<Self>) -> Result<Finished, OutputError> {
        let CsvSink {
            out,
            errors,
            errors_file,
            failed_or_empty,
        } = *self;
        let out = out
            .into_inner()
            .map_err(|e| OutputError::new(format!("cannot write output: {}", e.error())))?;
        let note = match errors {
            Errors::File(w) => {
                let path = errors_file.clone().unwrap_or_default();
                let f = w
                    .into_inner()
                    .map_err(|e| OutputError::write(&path, e.error()))?;
                f.commit()?;
                (failed_or_empty > 0).then(|| {
                    format!(
                        "{failed_or_empty} documents without actions listed in {}",
                        shown(&path)
                    )
                })
            }
            Errors::Stderr(w) => {
                let bytes = w
                    .into_inner()
                    .map_err(|e| OutputError::new(format!("cannot write errors: {}", e.error())))?;
                if failed_or_empty > 0 {
                    use std::io::Write;
                    let mut err = std::io::stderr().lock();
                    let _ = err.write_all(&bytes);
                    let _ = err.flush();
                }
                None
            }
        };
        out.finish()?;
        Ok(Finished { note })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        for bad in ["=1+1", "+44 20", "-5", "@SUM(A1)", "\tx", "\rx"] {
            assert!(neutralise(bad).starts_with('\''), "{bad:?}");
            assert_eq!(&neutralise(bad)[1..], bad);
        }
        for ok in ["Jo Bloggs", "2015-03-31", "", " =1", "'quoted"] {
            assert_eq!(neutralise(ok), ok);
        }
    }

    #[test]
    fn errors_file_is_beside_the_output() {
        assert_eq!(
            errors_path(Path::new("out/plans.csv")),
            Path::new("out/plans.csv.errors.csv")
        );
    }
}
