//! Scoring plansift's output against the gold labels in `fixtures/gold/`, by the same
//! rules as the shared `eval/score.py` (token Dice matching of action texts, field checks),
//! so the project keeps its accuracy bars in its own tests.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

pub const MATCH_MIN: f64 = 0.5;
pub const FIELD_MIN: f64 = 0.9;
pub const OBJECTIVE_MIN: f64 = 0.8;
pub const EXACT_MIN: f64 = 0.95;

/// The repository's `fixtures/` folder.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures")
}

pub fn tokens(s: Option<&str>) -> Vec<String> {
    let Some(s) = s else { return Vec::new() };
    let lower = s.to_lowercase();
    let mut out = Vec::new();
    let mut cur = String::new();
    for ch in lower.chars() {
        if ch.is_ascii_lowercase() || ch.is_ascii_digit() {
            cur.push(ch);
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

pub fn dice(a: Option<&str>, b: Option<&str>) -> f64 {
    let (ta, tb) = (tokens(a), tokens(b));
    if ta.is_empty() && tb.is_empty() {
        return 1.0;
    }
    if ta.is_empty() || tb.is_empty() {
        return 0.0;
    }
    let mut counts: HashMap<&str, i64> = HashMap::new();
    for t in &ta {
        *counts.entry(t).or_default() += 1;
    }
    let mut common = 0;
    for t in &tb {
        if let Some(n) = counts.get_mut(t.as_str()) {
            if *n > 0 {
                *n -= 1;
                common += 1;
            }
        }
    }
    2.0 * common as f64 / (ta.len() + tb.len()) as f64
}

fn get<'a>(v: &'a Value, path: &[&str]) -> Option<&'a str> {
    let mut cur = v;
    for k in path {
        cur = cur.get(k)?;
    }
    cur.as_str()
}

/// Totals over documents, as score.py counts them.
#[derive(Debug, Default, Clone)]
pub struct Score {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub lead: usize,
    pub deadline: usize,
    pub due: usize,
    pub rag: usize,
    pub objective: usize,
    pub text_exact: usize,
    /// Human-readable misses, for assertion messages.
    pub misses: Vec<String>,
}

impl Score {
    fn ratio(a: usize, b: usize) -> f64 {
        if b == 0 {
            0.0
        } else {
            a as f64 / b as f64
        }
    }
    pub fn precision(&self) -> f64 {
        Self::ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        Self::ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    pub fn field(&self, name: &str) -> f64 {
        let n = match name {
            "lead" => self.lead,
            "deadline" => self.deadline,
            "due" => self.due,
            "rag" => self.rag,
            "objective" => self.objective,
            "text_exact" => self.text_exact,
            _ => panic!("unknown field {name}"),
        };
        Self::ratio(n, self.tp)
    }
    pub fn fields(&self) -> f64 {
        ["lead", "deadline", "due", "rag"]
            .iter()
            .map(|f| self.field(f))
            .sum::<f64>()
            / 4.0
    }
    pub fn summary(&self) -> String {
        format!(
            "action_p={:.3} action_r={:.3} action_f1={:.3} lead={:.3} deadline={:.3} due={:.3} rag={:.3} objective={:.3} text_exact={:.3} fields={:.3}",
            self.precision(),
            self.recall(),
            self.f1(),
            self.field("lead"),
            self.field("deadline"),
            self.field("due"),
            self.field("rag"),
            self.field("objective"),
            self.field("text_exact"),
            self.fields()
        )
    }
}

fn stem(p: &str) -> String {
    let base = Path::new(p)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(p)
        .to_string();
    for ext in [
        ".gold.json",
        ".json",
        ".txt",
        ".pdf",
        ".html",
        ".htm",
        ".tsv",
        ".md",
    ] {
        if base.to_lowercase().ends_with(ext) {
            return base[..base.len() - ext.len()].to_string();
        }
    }
    base
}

/// Score predicted documents (JSON values of the output schema) against the gold files of the
/// documents in `inputs`.
pub fn score(inputs: &Path, docs: &[Value]) -> Score {
    let gold_dir = fixtures().join("gold");
    let mut total = Score::default();
    let mut names: Vec<PathBuf> = std::fs::read_dir(inputs)
        .expect("inputs folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    names.sort();
    for input in names {
        let key = stem(input.to_str().unwrap_or_default());
        let gold_path = gold_dir.join(format!("{key}.gold.json"));
        let Ok(gold_text) = std::fs::read_to_string(&gold_path) else {
            continue;
        };
        let gold: Value = serde_json::from_str(&gold_text).expect("gold JSON");
        let gold = gold["actions"].as_array().cloned().unwrap_or_default();
        let pred: Vec<Value> = docs
            .iter()
            .find(|d| get(d, &["source", "path"]).map(stem).as_deref() == Some(key.as_str()))
            .and_then(|d| d["actions"].as_array().cloned())
            .unwrap_or_default();
        // greedy one-to-one matching by descending similarity
        let mut pairs = Vec::new();
        for (gi, g) in gold.iter().enumerate() {
            for (pi, p) in pred.iter().enumerate() {
                let s = dice(g["text"].as_str(), p["text"].as_str());
                if s >= MATCH_MIN {
                    pairs.push((s, gi, pi));
                }
            }
        }
        pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        let (mut gm, mut pm) = (HashMap::new(), HashMap::new());
        for (_, gi, pi) in pairs {
            if gm.contains_key(&gi) || pm.contains_key(&pi) {
                continue;
            }
            gm.insert(gi, pi);
            pm.insert(pi, gi);
        }
        for (gi, g) in gold.iter().enumerate() {
            if g["optional"].as_bool() == Some(true) {
                continue;
            }
            let Some(&pi) = gm.get(&gi) else {
                total.fn_ += 1;
                total.misses.push(format!(
                    "{key}: MISSED {}",
                    g["text"]
                        .as_str()
                        .unwrap_or("")
                        .chars()
                        .take(80)
                        .collect::<String>()
                ));
                continue;
            };
            total.tp += 1;
            let p = &pred[pi];
            let gs = |k: &str| g[k].as_str();
            if dice(gs("lead"), get(p, &["lead", "raw"])) >= FIELD_MIN {
                total.lead += 1;
            }
            if dice(gs("deadline"), get(p, &["deadline", "raw"])) >= FIELD_MIN {
                total.deadline += 1;
            }
            if gs("due").filter(|s| !s.is_empty())
                == get(p, &["deadline", "end"]).filter(|s| !s.is_empty())
            {
                total.due += 1;
            }
            let prag = get(p, &["rag", "status"]).map(|s| s.to_lowercase());
            if gs("rag").filter(|s| !s.is_empty()).map(str::to_string)
                == prag.filter(|s| !s.is_empty())
            {
                total.rag += 1;
            }
            if dice(gs("objective"), p["objective"].as_str()) >= OBJECTIVE_MIN {
                total.objective += 1;
            }
            if dice(gs("text"), p["text"].as_str()) >= EXACT_MIN {
                total.text_exact += 1;
            }
        }
        for (pi, p) in pred.iter().enumerate() {
            if !pm.contains_key(&pi) {
                total.fp += 1;
                total.misses.push(format!(
                    "{key}: EXTRA {}",
                    p["text"]
                        .as_str()
                        .unwrap_or("")
                        .chars()
                        .take(80)
                        .collect::<String>()
                ));
            }
        }
    }
    total
}

/// Extract every file of a fixtures folder and score it.
pub fn extract_and_score(folder: &str) -> (Vec<Value>, Score) {
    let dir = fixtures().join(folder);
    let files = plansift_extract::collect_inputs(&[dir.clone()]);
    let docs: Vec<Value> = plansift_extract::extract_all(&files)
        .iter()
        .map(|d| serde_json::to_value(d).expect("serialise"))
        .collect();
    let s = score(&dir, &docs);
    (docs, s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dice_matches_score_py() {
        assert_eq!(dice(Some("Mandy Ansell"), Some("mandy  ansell!")), 1.0);
        assert_eq!(dice(None, None), 1.0);
        assert_eq!(dice(Some("a b"), None), 0.0);
        assert!((dice(Some("a b c d"), Some("a b")) - 2.0 * 2.0 / 6.0).abs() < 1e-9);
    }
}
