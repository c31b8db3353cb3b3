//! plansift's output schema, version 1.
//!
//! These Rust types are the schema: `schemas/plan.schema.json` is generated from
//! them (`plansift schema`) and a test keeps the committed file identical.
//! Every field carries a description there, taken from the doc comments here.

use std::collections::BTreeMap;

mod values;

use schemars::JsonSchema;
use serde::Serialize;
pub use values::{
    Deadline, DeadlineKind, Lead, Period, Person, PersonKind, Rag, RagSource, RagStatus,
};

/// The schema version every output document carries in `schema_version`.
pub const SCHEMA_VERSION: &str = "1.0";

/// The input format a document was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Text converted from PDF: tab-separated table rows, HTML fragments in cells.
    Text,
    /// An HTML page with `<table>`s.
    Html,
    /// A comma-separated spreadsheet export.
    Csv,
    /// A tab-separated spreadsheet export.
    Tsv,
    /// A PDF file.
    Pdf,
    /// A Word document (DOCX).
    Docx,
    /// An Excel workbook (XLSX).
    Xlsx,
    /// An Excel 97-2003 workbook (XLS).
    Xls,
    /// An OpenDocument spreadsheet (ODS).
    Ods,
    /// A JSON export (arrays of records).
    Json,
}

/// The input file a document was extracted from.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Source {
    /// The path as given on the command line (or found under a folder given there).
    pub path: String,
    /// SHA-256 of the file's bytes, lower-case hex; null when the file could not be read.
    pub sha256: Option<String>,
    /// The format the file was read as; null when it could not be determined.
    pub format: Option<Format>,
    /// Size of the file in bytes.
    pub bytes: u64,
    /// Number of pages (1 for formats without pages); null when the file could not be read.
    pub pages: Option<u32>,
}

/// Severity of a diagnostic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Informational: how something was read.
    Info,
    /// Something was read on a best-effort basis or left out; the output may be incomplete.
    Warning,
    /// Part of the document could not be read.
    Error,
}

/// A place in the input.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Location {
    /// 1-based page number.
    pub page: u32,
    /// 1-based line number in the source text, where the source has lines.
    pub line: Option<u32>,
}

/// Something the user should know about how a document was read.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Diagnostic {
    /// How serious it is.
    pub level: Level,
    /// A stable machine-readable code, e.g. `pdf.bad_token`, `plan.no_actions`.
    pub code: String,
    /// A sentence for people.
    pub message: String,
    /// Where in the input, when known.
    pub location: Option<Location>,
}

/// Why a document could not be extracted (it then has no actions).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct DocError {
    /// A stable machine-readable code: `input.empty`, `input.binary`, `input.encoding`, `io.read`,
    /// `pdf.encrypted`, `pdf.malformed`, `csv.malformed`, `internal.panic`, ...
    pub code: String,
    /// A sentence naming the problem.
    pub message: String,
}

/// Where an action came from.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ActionSource {
    /// 1-based page of the row that starts the action.
    pub page: u32,
    /// 1-based source line of that row (text, CSV), when the source has lines.
    pub line: Option<u32>,
    /// The row's box on the page in points from the top-left, `[x0, top, x1, bottom]` (PDF only).
    pub bbox: Option<[f32; 4]>,
    /// 1-based index of the plan (a run of stitched tables sharing one header) in the document.
    pub plan: u32,
}

/// One action of a plan: a row of a plan table that commits someone to do something.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Action {
    /// Identifier stable across runs and thread counts: the first 12 hex digits of the file's
    /// SHA-256, a dash, and the action's 1-based position in the document (`3fa4c2e1b0d9-0007`).
    pub id: String,
    /// The action's own reference code, if the document gives one (`ABC001.1`).
    #[serde(rename = "ref")]
    pub reference: Option<String>,
    /// The action in plain text: tags removed, entities decoded, pieces cut by page breaks or
    /// line wraps joined, white space collapsed.
    pub text: String,
    /// The section / priority heading the plan table sits under.
    pub theme: Option<String>,
    /// The objective / priority the row belongs to (carried down from a merged cell or taken
    /// from the description of the action's parent reference).
    pub objective: Option<String>,
    /// The lead / responsible officer; null when the plan has no such column or the cell is empty.
    pub lead: Option<Lead>,
    /// The deadline / milestone / date due; null when the plan has no such column or the cell is empty.
    pub deadline: Option<Deadline>,
    /// The RAG rating (from the cell's text or its fill colour); null when the row has none.
    pub rag: Option<Rag>,
    /// Progress comments / update text.
    pub progress: Option<String>,
    /// What comes next ("next steps", "next quarter we will").
    pub next_steps: Option<String>,
    /// Indicators / measures / success criteria given beside the action.
    pub indicators: Option<String>,
    /// The governance / assurance / monitoring board.
    pub governance: Option<String>,
    /// Cells of columns with no role above, by their header text.
    pub extra: BTreeMap<String, String>,
    /// Where the action came from.
    pub source: ActionSource,
}

/// One extracted input document. Documents are written one per line (JSON Lines) by default.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct PlanDocument {
    /// The version of this schema (`1.0`).
    pub schema_version: String,
    /// The program that wrote the document (`plansift 0.1.0`).
    pub generator: String,
    /// The input file.
    pub source: Source,
    /// The plan's title, when the document states one.
    pub title: Option<String>,
    /// The council / NHS body that published the plan, when the document names one.
    pub organisation: Option<String>,
    /// The period the plan covers (e.g. financial year 2014/15), used to place dates that omit the year.
    pub period: Option<Period>,
    /// The actions, in document order. Empty when `error` is set.
    pub actions: Vec<Action>,
    /// How the document was read: warnings and notes, in order.
    pub diagnostics: Vec<Diagnostic>,
    /// Set when the document could not be extracted; the batch goes on.
    pub error: Option<DocError>,
}

/// The JSON Schema (2020-12) of [`PlanDocument`], pretty-printed with a trailing newline.
pub fn schema_json() -> String {
    let mut schema = schemars::schema_for!(PlanDocument);
    schema.insert(
        "$id".into(),
        "https://plansift.invalid/schemas/plan.schema.json".into(),
    );
    schema.insert("title".into(), "plansift plan document, schema v1".into());
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const COMMITTED: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../schemas/plan.schema.json"
    );

    /// The committed schema file is exactly what the types generate.
    /// Regenerate with `cargo run -p plansift -- schema > schemas/plan.schema.json`.
    #[test]
    fn committed_schema_matches_types() {
        let committed =
            std::fs::read_to_string(COMMITTED).expect("schemas/plan.schema.json is committed");
        assert!(committed == schema_json(), "schemas/plan.schema.json is stale: run `cargo run -p plansift -- schema > schemas/plan.schema.json`");
    }

    /// Every property in the schema has a description.
    #[test]
    fn every_field_is_described() {
        let v: serde_json::Value = serde_json::from_str(&schema_json()).unwrap();
        let mut missing = Vec::new();
        fn walk(v: &serde_json::Value, path: &str, missing: &mut Vec<String>) {
            if let Some(props) = v.get("properties").and_then(|p| p.as_object()) {
                for (k, p) in props {
                    if p.get("description").is_none() {
                        missing.push(format!("{path}.{k}"));
                    }
                }
            }
            if let Some(defs) = v.get("$defs").and_then(|d| d.as_object()) {
                for (k, d) in defs {
                    walk(d, k, missing);
                }
            }
        }
        walk(&v, "PlanDocument", &mut missing);
        assert!(
            missing.is_empty(),
            "properties without a description: {missing:?}"
        );
    }

    fn date(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(y, m, d).expect("a real date")
    }

    #[test]
    fn a_document_validates() {
        let schema: serde_json::Value = serde_json::from_str(&schema_json()).unwrap();
        let validator = jsonschema::validator_for(&schema).expect("schema compiles");
        let doc = PlanDocument {
            schema_version: SCHEMA_VERSION.into(),
            generator: "plansift test".into(),
            source: Source {
                path: "a.txt".into(),
                sha256: None,
                format: Some(Format::Text),
                bytes: 0,
                pages: Some(1),
            },
            title: None,
            organisation: None,
            period: Some(Period {
                raw: "2014/15".into(),
                start: date(2014, 4, 1),
                end: date(2015, 3, 31),
            }),
            actions: vec![Action {
                id: "x-0001".into(),
                reference: Some("A1".into()),
                text: "Do it".into(),
                theme: None,
                objective: None,
                lead: Some(Lead {
                    raw: "Jo Bloggs (HoS)".into(),
                    people: vec![Person {
                        name: "Jo Bloggs".into(),
                        role: Some("HoS".into()),
                        kind: PersonKind::Person,
                        via: None,
                    }],
                }),
                deadline: Some(Deadline {
                    raw: "March 15".into(),
                    start: Some(date(2015, 3, 1)),
                    end: Some(date(2015, 3, 31)),
                    kind: DeadlineKind::Month,
                }),
                rag: Some(Rag {
                    raw: "G".into(),
                    status: Some(RagStatus::Green),
                    source: RagSource::Text,
                }),
                progress: None,
                next_steps: None,
                indicators: None,
                governance: None,
                extra: BTreeMap::new(),
                source: ActionSource {
                    page: 1,
                    line: Some(3),
                    bbox: None,
                    plan: 1,
                },
            }],
            diagnostics: vec![],
            error: None,
        };
        let value = serde_json::to_value(&doc).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{errors:?}");
        // and an invalid one does not
        let mut bad = value.clone();
        bad["actions"][0]["text"] = serde_json::json!(5);
        assert!(!validator.is_valid(&bad));
    }
}
