//! `--format sqlite --output plans.db`: a SQLite database of the run, in one transaction.
//!
//! Tables (see [`SCHEMA`]): `documents`, `actions` (→ `documents`), `people` (→ `actions`) and
//! `diagnostics` (→ `documents`), with integer primary keys, foreign keys and indexes on the
//! columns queries filter by. Dates are ISO text (`2015-03-31`), so they sort and compare as
//! dates; `extra` and `bbox` are JSON text.
//!
//! An existing database is appended to: a document already there (the same `path` and
//! `sha256`) is skipped, so re-running on the same inputs adds nothing. A new database is
//! written to a temporary file renamed into place at the end; an existing one is changed in
//! one transaction, so an interrupted run changes nothing.

use std::path::{Path, PathBuf};

use plansift_schema::PlanDocument;
use rusqlite::{params, Connection};
use serde::Serialize;

use crate::atomic::TempPath;
use crate::sink::{shown, DocumentSink, Finished};
use crate::OutputError;

/// `PRAGMA application_id` of plansift databases ("plns").
pub const APPLICATION_ID: i32 = 0x706c_6e73;
/// `PRAGMA user_version`: the version of [`SCHEMA`].
pub const DB_VERSION: i32 = 1;

/// The tables and indexes.
pub const SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS documents (
    id             INTEGER PRIMARY KEY,
    path           TEXT NOT NULL,
    sha256         TEXT,
    format         TEXT,
    bytes          INTEGER NOT NULL,
    pages          INTEGER,
    title          TEXT,
    organisation   TEXT,
    period_raw     TEXT,
    period_start   TEXT,
    period_end     TEXT,
    schema_version TEXT NOT NULL,
    generator      TEXT NOT NULL,
    error_code     TEXT,
    error_message  TEXT,
    action_count   INTEGER NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS documents_path_sha256 ON documents (path, ifnull(sha256, ''));
CREATE INDEX IF NOT EXISTS documents_organisation ON documents (organisation);
CREATE TABLE IF NOT EXISTS actions (
    id             INTEGER PRIMARY KEY,
    document_id    INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    action_id      TEXT NOT NULL,
    ref            TEXT,
    text           TEXT NOT NULL,
    theme          TEXT,
    objective      TEXT,
    lead_raw       TEXT,
    deadline_raw   TEXT,
    deadline_start TEXT,
    deadline_end   TEXT,
    deadline_kind  TEXT,
    rag_raw        TEXT,
    rag_status     TEXT,
    rag_source     TEXT,
    progress       TEXT,
    next_steps     TEXT,
    indicators     TEXT,
    governance     TEXT,
    extra          TEXT NOT NULL,
    page           INTEGER NOT NULL,
    line           INTEGER,
    bbox           TEXT,
    plan           INTEGER NOT NULL,
    UNIQUE (document_id, position)
);
CREATE INDEX IF NOT EXISTS actions_action_id ON actions (action_id);
CREATE INDEX IF NOT EXISTS actions_rag_status ON actions (rag_status);
CREATE INDEX IF NOT EXISTS actions_deadline_end ON actions (deadline_end);
CREATE INDEX IF NOT EXISTS actions_theme ON actions (theme);
CREATE TABLE IF NOT EXISTS people (
    id        INTEGER PRIMARY KEY,
    action_id INTEGER NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    name      TEXT NOT NULL,
    role      TEXT,
    kind      TEXT NOT NULL,
    via       TEXT,
    UNIQUE (action_id, position)
);
CREATE INDEX IF NOT EXISTS people_name ON people (name);
CREATE TABLE IF NOT EXISTS diagnostics (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    level       TEXT NOT NULL,
    code        TEXT NOT NULL,
    message     TEXT NOT NULL,
    page        INTEGER,
    line        INTEGER,
    UNIQUE (document_id, position)
);
CREATE INDEX IF NOT EXISTS diagnostics_code ON diagnostics (code);
"#;

fn name<T: Serialize>(v: &T) -> Option<String> {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => Some(s),
        _ => None,
    }
}

pub(crate) struct SqliteSink {
    conn: Option<Connection>,
    /// A new database is built here and renamed onto `target`.
    temp: Option<TempPath>,
    target: PathBuf,
    added: usize,
    skipped: usize,
}

fn db_error(target: &Path, e: impl std::fmt::Display) -> OutputError {
    OutputError::new(format!("{}: {e}", target.display()))
}

impl SqliteSink {
    pub(crate) fn open(target: &Path) -> Result<SqliteSink, OutputError> {
        let (temp, path) = if target.exists() {
            (None, target.to_path_buf())
        } else {
            let t = TempPath::create(target)?;
            let p = t.path().to_path_buf();
            (Some(t), p)
        };
        let err = |e: rusqlite::Error| db_error(target, e);
        let conn = Connection::open(&path).map_err(err)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))
            .map_err(err)?;
        conn.pragma_update(None, "foreign_keys", true)
            .map_err(err)?;
        conn.execute_batch("BEGIN IMMEDIATE").map_err(err)?;
        let app: i32 = conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(err)?;
        let tables: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
            .map_err(err)?;
        if app == 0 && tables == 0 {
            conn.execute_batch(SCHEMA).map_err(err)?;
            conn.pragma_update(None, "application_id", APPLICATION_ID)
                .map_err(err)?;
            conn.pragma_update(None, "user_version", DB_VERSION)
                .map_err(err)?;
        } else if app != APPLICATION_ID {
            return Err(db_error(
                target,
                "not a plansift database (it has other tables); give a new file or a plansift one",
            ));
        } else {
            let v: i32 = conn
                .query_row("PRAGMA user_version", [], |r| r.get(0))
                .map_err(err)?;
            if v != DB_VERSION {
                return Err(db_error(
                    target,
                    format!("a plansift database of version {v}; this plansift writes version {DB_VERSION}"),
                ));
            }
        }
        Ok(SqliteSink {
            conn: Some(conn),
            temp,
            target: target.to_path_buf(),
            added: 0,
            skipped: 0,
        })
    }

    fn insert(&mut self, doc: &PlanDocument) -> rusqlite::Result<bool> {
        let conn = self.conn.as_ref().expect("open until finished");
        let s = &doc.source;
        let p = doc.period.as_ref();
        let n = conn.prepare_cached(
            "INSERT OR IGNORE INTO documents (path, sha256, format, bytes, pages, title, organisation,
                 period_raw, period_start, period_end, schema_version, generator, error_code,
                 error_message, action_count)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        )?
        .execute(params![
            s.path,
            s.sha256,
            s.format.as_ref().and_then(name),
            s.bytes as i64,
            s.pages,
            doc.title,
            doc.organisation,
            p.map(|p| p.raw.clone()),
            p.map(|p| p.start.to_string()),
            p.map(|p| p.end.to_string()),
            doc.schema_version,
            doc.generator,
            doc.error.as_ref().map(|e| e.code.clone()),
            doc.error.as_ref().map(|e| e.message.clone()),
            doc.actions.len() as i64,
        ])?;
        if n == 0 {
            return Ok(false); // already there
        }
        let doc_id = conn.last_insert_rowid();
        let mut action_stmt = conn.prepare_cached(
            "INSERT INTO actions (document_id, position, action_id, ref, text, theme, objective,
                 lead_raw, deadline_raw, deadline_start, deadline_end, deadline_kind, rag_raw,
                 rag_status, rag_source, progress, next_steps, indicators, governance, extra, page,
                 line, bbox, plan)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                 ?18, ?19, ?20, ?21, ?22, ?23, ?24)",
        )?;
        let mut person_stmt = conn.prepare_cached(
            "INSERT INTO people (action_id, position, name, role, kind, via)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for (i, a) in doc.actions.iter().enumerate() {
            let dl = a.deadline.as_ref();
            let rag = a.rag.as_ref();
            action_stmt.execute(params![
                doc_id,
                i as i64 + 1,
                a.id,
                a.reference,
                a.text,
                a.theme,
                a.objective,
                a.lead.as_ref().map(|l| l.raw.clone()),
                dl.map(|d| d.raw.clone()),
                dl.and_then(|d| d.start.map(|x| x.to_string())),
                dl.and_then(|d| d.end.map(|x| x.to_string())),
                dl.and_then(|d| name(&d.kind)),
                rag.map(|r| r.raw.clone()),
                rag.and_then(|r| r.status.as_ref().and_then(name)),
                rag.and_then(|r| name(&r.source)),
                a.progress,
                a.next_steps,
                a.indicators,
                a.governance,
                serde_json::to_string(&a.extra).unwrap_or_else(|_| "{}".into()),
                a.source.page,
                a.source.line,
                a.source
                    .bbox
                    .map(|b| serde_json::to_string(&b).unwrap_or_default()),
                a.source.plan,
            ])?;
            let action_row = conn.last_insert_rowid();
            if let Some(lead) = &a.lead {
                for (j, person) in lead.people.iter().enumerate() {
                    person_stmt.execute(params![
                        action_row,
                        j as i64 + 1,
                        person.name,
                        person.role,
                        name(&person.kind),
                        person.via,
                    ])?;
                }
            }
        }
        let mut diag_stmt = conn.prepare_cached(
            "INSERT INTO diagnostics (document_id, position, level, code, message, page, line)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for (i, d) in doc.diagnostics.iter().enumerate() {
            diag_stmt.execute(params![
                doc_id,
                i as i64 + 1,
                name(&d.level),
                d.code,
                d.message,
                d.location.as_ref().map(|l| l.page),
                d.location.as_ref().and_then(|l| l.line),
            ])?;
        }
        Ok(true)
    }
}

impl DocumentSink for SqliteSink {
    fn write(&mut self, doc: &PlanDocument) -> Result<(), OutputError> {
        match self.insert(doc) {
            Ok(true) => self.added += 1,
            Ok(false) => self.skipped += 1,
            Err(e) => return Err(db_error(&self.target, e)),
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<Finished, OutputError> {
        let conn = self.conn.take().expect("open until finished");
        conn.execute_batch("COMMIT")
            .map_err(|e| db_error(&self.target, e))?;
        conn.close().map_err(|(_, e)| db_error(&self.target, e))?;
        if let Some(t) = self.temp.take() {
            t.persist()?;
        }
        let already = if self.skipped > 0 {
            format!(", {} already there", self.skipped)
        } else {
            String::new()
        };
        Ok(Finished {
            note: Some(format!(
                "{} documents added to {}{already}",
                self.added,
                shown(&self.target)
            )),
        })
    }
}
