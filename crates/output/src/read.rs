//! Reading plansift outputs back: JSON Lines (one document a line), a JSON array of documents
//! or one JSON document, or a folder of `*.jsonl` / `*.json` files (recursively, in name
//! order) — what `score.py` reads too.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::OutputError;

fn parse(text: &str, origin: &Path) -> Result<Vec<Value>, OutputError> {
    let trimmed = text.trim_start_matches('\u{feff}').trim();
    if trimmed.is_empty() {
        return Ok(Vec::new());
    }
    // one JSON value (an array or a document), else JSON Lines
    if let Ok(v) = serde_json::from_str::<Value>(trimmed) {
        return Ok(match v {
            Value::Array(a) => a,
            v => vec![v],
        });
    }
    let mut out = Vec::new();
    for (n, line) in trimmed.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        out.push(serde_json::from_str(line).map_err(|e| {
            OutputError::new(format!("{}:{}: not JSON: {e}", origin.display(), n + 1))
        })?);
    }
    Ok(out)
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files_under(&p, out)?;
        } else if p.extension().is_some_and(|e| e == "jsonl" || e == "json") {
            out.push(p);
        }
    }
    Ok(())
}

/// The documents in a plansift output file or folder, as JSON values, in order.
pub fn read_documents(path: &Path) -> Result<Vec<Value>, OutputError> {
    let files = if path.is_dir() {
        let mut v = Vec::new();
        files_under(path, &mut v)
            .map_err(|e| OutputError::new(format!("{}: cannot read: {e}", path.display())))?;
        v
    } else {
        vec![path.to_path_buf()]
    };
    let mut docs = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f)
            .map_err(|e| OutputError::new(format!("{}: cannot read: {e}", f.display())))?;
        docs.extend(parse(&text, &f)?);
    }
    Ok(docs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_json_and_folders() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("a.jsonl"), "{\"n\":1}\n{\"n\":2}\n\n").unwrap();
        std::fs::write(d.join("b.json"), "[{\"n\":3},\n {\"n\":4}]").unwrap();
        std::fs::create_dir(d.join("c")).unwrap();
        std::fs::write(d.join("c/one.json"), "{\n \"n\": 5\n}\n").unwrap();
        std::fs::write(d.join("c/notes.txt"), "not read").unwrap();
        let n: Vec<i64> = read_documents(d)
            .unwrap()
            .iter()
            .map(|v| v["n"].as_i64().unwrap())
            .collect();
        assert_eq!(n, [1, 2, 3, 4, 5]);
        std::fs::write(d.join("bad.jsonl"), "{\"n\":1}\n{oops\n").unwrap();
        let e = read_documents(&d.join("bad.jsonl"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("bad.jsonl:2"), "{e}");
    }
}
