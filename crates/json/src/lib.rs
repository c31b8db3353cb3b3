//! Front-end for JSON exports of plans: performance systems and open-data portals publish
//! action trackers as `[{"action": ..., "lead_officer": ..., "due_date": ...}, ...]`, or
//! with the records under a key (`{"title": ..., "actions": [...]}`).
//!
//! Every array of records (objects) becomes a table: the header row holds the keys in the
//! order they first appear (nested objects flattened to `parent.child`), one row per
//! record; scalar values become cell text, arrays of scalars are joined with `; `, anything
//! deeper is kept as compact JSON. The key that holds an array names it as a heading before
//! the table; top-level strings named like a title become the metadata title. Provenance is
//! the record's position (`line` = 1-based record number), as JSON has no pages.

use plansift_model::{Block, Cell, Document, Prov, Row, Table, TableOrigin, TextBlock};

mod node;
use node::Node as Value;

type Map = Vec<(String, Value)>;

/// Records read from one array at most (the rest is reported and left out).
pub const MAX_RECORDS: usize = 1_000_000;
/// Columns kept per table.
pub const MAX_KEYS: usize = 200;
/// Nesting followed when looking for arrays of records.
const MAX_DEPTH: usize = 32;

/// Why a JSON file could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct JsonError(pub String);

impl std::fmt::Display for JsonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for JsonError {}

/// The text looks like JSON: after white space (and a byte-order mark) it opens with `{` or
/// `[` and it ends with the matching bracket.
pub fn looks_json(text: &str) -> bool {
    let t = text.trim_start_matches('\u{feff}').trim();
    (t.starts_with('{') && t.ends_with('}')) || (t.starts_with('[') && t.ends_with(']'))
}

/// Parse a JSON export into the document model.
pub fn parse(text: &str) -> Result<Document, JsonError> {
    let v: Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|e| JsonError(format!("not valid JSON: {e}")))?;
    // (keys stay in the order the file writes them: `Node` keeps objects as lists)
    let mut doc = Document {
        pages: 1,
        ..Default::default()
    };
    if let Value::Object(m) = &v {
        doc.meta_title = ["title", "name", "plan", "document"]
            .iter()
            .find_map(|k| {
                m.iter()
                    .find(|(key, _)| key == k)
                    .and_then(|(_, v)| v.as_str())
            })
            .map(str::to_string);
    }
    let mut n = 0usize;
    walk(&v, None, 0, &mut doc, &mut n);
    Ok(doc)
}

fn is_records(a: &[Value]) -> bool {
    !a.is_empty() && a.iter().filter(|x| x.is_object()).count() * 2 >= a.len()
}

fn walk(v: &Value, key: Option<&str>, depth: usize, doc: &mut Document, tables: &mut usize) {
    if depth > MAX_DEPTH {
        return;
    }
    match v {
        Value::Array(a) if is_records(a) => {
            if let Some(k) = key {
                doc.blocks.push(Block::Heading(TextBlock {
                    text: label(k),
                    bold: true,
                    level: 2,
                    prov: Prov::page(1),
                }));
            }
            let t = table(a, doc);
            doc.blocks.push(Block::Table(t));
            *tables += 1;
            // records may hold arrays of records of their own (actions under objectives)
            for r in a.iter().take(MAX_RECORDS) {
                if let Value::Object(m) = r {
                    for (k, x) in m {
                        if matches!(x, Value::Array(inner) if is_records(inner)) {
                            walk(x, Some(k), depth + 1, doc, tables);
                        }
                    }
                }
            }
        }
        Value::Array(a) => {
            for x in a {
                walk(x, key, depth + 1, doc, tables);
            }
        }
        Value::Object(m) => {
            for (k, x) in m {
                if x.is_array() || x.is_object() {
                    walk(x, Some(k), depth + 1, doc, tables);
                }
            }
        }
        _ => {}
    }
}

/// "priority_actions" -> "Priority actions".
fn label(k: &str) -> String {
    let t = k.replace(['_', '-'], " ");
    let mut c = t.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Flatten a record into (key, text) pairs; arrays of records are left to their own table.
fn flatten(prefix: &str, m: &Map, out: &mut Vec<(String, String)>) {
    for (k, v) in m {
        let key = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        match v {
            Value::Object(inner) => flatten(&key, inner, out),
            Value::Array(a) if is_records(a) => {}
            Value::Array(a) => {
                let parts: Vec<String> = a.iter().map(scalar).filter(|s| !s.is_empty()).collect();
                out.push((key, parts.join("; ")));
            }
            other => out.push((key, scalar(other))),
        }
    }
}

fn scalar(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => plansift_model::collapse_ws(s),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.clone(),
        other => other.to_json(),
    }
}

fn table(records: &[Value], doc: &mut Document) -> Table {
    let mut keys: Vec<String> = Vec::new();
    let mut rows_kv: Vec<Vec<(String, String)>> = Vec::new();
    if records.len() > MAX_RECORDS {
        doc.diagnostics.push(plansift_model::Diagnostic::warning(
            "json.too_many_records",
            format!(
                "{} records in one array; the first {MAX_RECORDS} were read",
                records.len()
            ),
            None,
        ));
    }
    for r in records.iter().take(MAX_RECORDS) {
        let mut kv = Vec::new();
        match r {
            Value::Object(m) => flatten("", m, &mut kv),
            other => kv.push(("value".to_string(), scalar(other))),
        }
        for (k, _) in &kv {
            if keys.len() < MAX_KEYS && !keys.contains(k) {
                keys.push(k.clone());
            }
        }
        rows_kv.push(kv);
    }
    let header = Row {
        cells: keys
            .iter()
            .map(|k| Cell {
                header: true,
                ..Cell::new(k.clone(), Prov::page(1))
            })
            .collect(),
        prov: Prov::line(1, 1),
    };
    let mut rows = vec![header];
    for (i, kv) in rows_kv.into_iter().enumerate() {
        let prov = Prov::line(1, u32::try_from(i + 1).unwrap_or(u32::MAX));
        let cells = keys
            .iter()
            .map(|k| {
                Cell::new(
                    kv.iter()
                        .find(|(key, _)| key == k)
                        .map(|(_, v)| v.clone())
                        .unwrap_or_default(),
                    prov,
                )
            })
            .collect();
        rows.push(Row { cells, prov });
    }
    Table {
        rows,
        origin: TableOrigin::Delimited,
        prov: Prov::line(1, 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables(d: &Document) -> Vec<&Table> {
        d.blocks
            .iter()
            .filter_map(|b| {
                if let Block::Table(t) = b {
                    Some(t)
                } else {
                    None
                }
            })
            .collect()
    }

    #[test]
    fn an_array_of_records_is_a_table() {
        let d = parse(r#"[{"action_text":"Agree the plan","lead_officer":"Jo Bloggs","due_date":"March 2025","rag":"G"},
                           {"action_text":"Open the hub","lead_officer":null,"due_date":"June 2025","rag":"A","tags":["a","b"]}]"#)
        .unwrap();
        let t = tables(&d);
        assert_eq!(t.len(), 1);
        let h: Vec<&str> = t[0].rows[0].cells.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(
            h,
            ["action_text", "lead_officer", "due_date", "rag", "tags"]
        );
        assert_eq!(t[0].rows[2].cells[4].text, "a; b");
        assert_eq!(t[0].rows[2].cells[1].text, "");
        assert_eq!(t[0].rows[2].prov.line, Some(2));
    }

    #[test]
    fn records_under_keys_and_nested_objects() {
        let d = parse(
            r#"{"title":"Delivery plan 2025/26","themes":[{"theme":"Housing","owner":{"name":"Jo"},
                          "actions":[{"action":"Build homes","due":"2026"}]}]}"#,
        )
        .unwrap();
        assert_eq!(d.meta_title.as_deref(), Some("Delivery plan 2025/26"));
        let t = tables(&d);
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].rows[0].cells[1].text, "owner.name");
        assert_eq!(t[1].rows[1].cells[0].text, "Build homes");
        assert!(matches!(&d.blocks[0], Block::Heading(h) if h.text == "Themes"));
        assert!(parse("{not json").is_err());
        assert!(looks_json(" [1,2] ") && !looks_json("a,b\n1,2"));
    }
}
