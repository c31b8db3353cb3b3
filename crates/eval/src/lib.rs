//! Scoring plansift's output against gold labels, by the rules of the shared
//! `eval/score.py`: predicted actions are matched one to one to gold actions by descending
//! token Dice similarity of their texts (at least [`MATCH_MIN`]); a matched action's lead
//! and deadline count as right at a Dice of [`FIELD_MIN`], its objective at
//! [`OBJECTIVE_MIN`], its text exact at [`EXACT_MIN`]; `due` and `rag` must be equal.
//! Optional gold actions are matched (so extracting them costs nothing) but not counted.
//!
//! The gold format is `fixtures/gold/GOLD_SPEC.md`: one `<stem>.gold.json` per document
//! with `document` (its file name) and `actions` (`text`, `lead`, `deadline`, `due`, `rag`,
//! `objective`, `optional`). A prediction is matched to its gold file by the file stem of
//! its `source.path`.
//!
//! One implementation serves the project's accuracy tests and `plansift eval`.

use std::collections::HashMap;
use std::path::Path;

use serde_json::Value;

pub const MATCH_MIN: f64 = 0.5;
pub const FIELD_MIN: f64 = 0.9;
pub const OBJECTIVE_MIN: f64 = 0.8;
pub const EXACT_MIN: f64 = 0.95;

/// The fields checked on a matched action, in the order score.py prints them.
pub const FIELDS: [&str; 6] = ["lead", "deadline", "due", "rag", "objective", "text_exact"];

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
    /// How many matched actions have `name` right.
    pub fn right(&self, name: &str) -> usize {
        match name {
            "lead" => self.lead,
            "deadline" => self.deadline,
            "due" => self.due,
            "rag" => self.rag,
            "objective" => self.objective,
            "text_exact" => self.text_exact,
            _ => panic!("unknown field {name}"),
        }
    }
    /// The share of matched actions with `name` right (score.py's field figure).
    pub fn field(&self, name: &str) -> f64 {
        Self::ratio(self.right(name), self.tp)
    }
    /// Precision, recall and F1 of a field over whole actions: a field is right when its
    /// action was matched and the field checks as right; precision is over the predicted
    /// actions (tp + fp), recall over the gold actions (tp + fn). `action` gives the actions'
    /// own figures.
    pub fn prf(&self, name: &str) -> (f64, f64, f64) {
        if name == "action" {
            return (self.precision(), self.recall(), self.f1());
        }
        let right = self.right(name);
        let p = Self::ratio(right, self.tp + self.fp);
        let r = Self::ratio(right, self.tp + self.fn_);
        let f1 = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        (p, r, f1)
    }
    pub fn fields(&self) -> f64 {
        ["lead", "deadline", "due", "rag"]
            .iter()
            .map(|f| self.field(f))
            .sum::<f64>()
            / 4.0
    }
    pub fn add(&mut self, o: &Score) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
        self.lead += o.lead;
        self.deadline += o.deadline;
        self.due += o.due;
        self.rag += o.rag;
        self.objective += o.objective;
        self.text_exact += o.text_exact;
        self.misses.extend(o.misses.iter().cloned());
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

/// One document's gold labels.
#[derive(Debug, Clone)]
pub struct Gold {
    /// The file stem that names the document ("council-delivery-plan-2024-25").
    pub stem: String,
    pub actions: Vec<Value>,
}

impl Gold {
    /// From a parsed `.gold.json` value; `fallback` names it when it has no `document`.
    pub fn from_value(v: &Value, fallback: &str) -> Gold {
        let name = v["document"].as_str().unwrap_or(fallback);
        Gold {
            stem: stem(name),
            actions: v["actions"].as_array().cloned().unwrap_or_default(),
        }
    }
}

/// Every `*.gold.json` in a folder, in name order.
pub fn load_gold_dir(dir: &Path) -> Result<Vec<Gold>, String> {
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: cannot read the gold folder: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".gold.json"))
        .collect();
    names.sort();
    let mut out = Vec::new();
    for p in names {
        let text = std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?;
        let v: Value =
            serde_json::from_str(&text).map_err(|e| format!("{}: not JSON: {e}", p.display()))?;
        out.push(Gold::from_value(&v, &p.to_string_lossy()));
    }
    Ok(out)
}

/// The file stem score.py uses: known extensions (and `.gold.json`) stripped, else the last one.
pub fn stem(p: &str) -> String {
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
    match base.rfind('.') {
        Some(i) if i > 0 => base[..i].to_string(),
        _ => base,
    }
}

/// Score one document's predicted actions against its gold actions, adding to `total`.
fn score_one(key: &str, gold: &[Value], pred: &[Value], total: &mut Score) {
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
    let short = |v: &Value| {
        v.as_str()
            .unwrap_or("")
            .chars()
            .take(80)
            .collect::<String>()
    };
    for (gi, g) in gold.iter().enumerate() {
        if g["optional"].as_bool() == Some(true) {
            continue;
        }
        let Some(&pi) = gm.get(&gi) else {
            total.fn_ += 1;
            total
                .misses
                .push(format!("{key}: MISSED {}", short(&g["text"])));
            continue;
        };
        total.tp += 1;
        let p = &pred[pi];
        let gs = |k: &str| g[k].as_str();
        let mut wrong = |field: &str, got: Option<&str>| {
            total.misses.push(format!(
                "{key}: WRONG {field}: gold={:?} got={:?} [{}]",
                gs(field).unwrap_or("null"),
                got.unwrap_or("null"),
                short(&g["text"])
            ))
        };
        if dice(gs("lead"), get(p, &["lead", "raw"])) >= FIELD_MIN {
            total.lead += 1;
        } else {
            wrong("lead", get(p, &["lead", "raw"]));
        }
        if dice(gs("deadline"), get(p, &["deadline", "raw"])) >= FIELD_MIN {
            total.deadline += 1;
        } else {
            wrong("deadline", get(p, &["deadline", "raw"]));
        }
        if gs("due").filter(|s| !s.is_empty())
            == get(p, &["deadline", "end"]).filter(|s| !s.is_empty())
        {
            total.due += 1;
        } else {
            wrong("due", get(p, &["deadline", "end"]));
        }
        let prag = get(p, &["rag", "status"]).map(|s| s.to_lowercase());
        if gs("rag").filter(|s| !s.is_empty()).map(str::to_string)
            == prag.clone().filter(|s| !s.is_empty())
        {
            total.rag += 1;
        } else {
            wrong("rag", prag.as_deref());
        }
        if dice(gs("objective"), p["objective"].as_str()) >= OBJECTIVE_MIN {
            total.objective += 1;
        } else {
            wrong("objective", p["objective"].as_str());
        }
        if dice(gs("text"), p["text"].as_str()) >= EXACT_MIN {
            total.text_exact += 1;
        }
    }
    for (pi, p) in pred.iter().enumerate() {
        if !pm.contains_key(&pi) {
            total.fp += 1;
            total
                .misses
                .push(format!("{key}: EXTRA {}", short(&p["text"])));
        }
    }
}

/// Per-document and overall scores of predicted documents (JSON values of the output
/// schema) against gold documents. A gold document with no prediction counts as all missed;
/// predictions with no gold document are not counted.
pub fn score(golds: &[Gold], docs: &[Value]) -> Report {
    let mut report = Report::default();
    for g in golds {
        let pred: Vec<Value> = docs
            .iter()
            .rev() // the last prediction of a stem wins, as in score.py
            .find(|d| get(d, &["source", "path"]).map(stem).as_deref() == Some(g.stem.as_str()))
            .and_then(|d| d["actions"].as_array().cloned())
            .unwrap_or_default();
        let mut s = Score::default();
        score_one(&g.stem, &g.actions, &pred, &mut s);
        report.total.add(&s);
        report.documents.push((g.stem.clone(), s));
    }
    report
}

/// Scores per document and overall.
#[derive(Debug, Default, Clone)]
pub struct Report {
    pub documents: Vec<(String, Score)>,
    pub total: Score,
}

impl Report {
    /// A table per document and the summary line, as score.py prints them.
    pub fn render(&self, explain: bool) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        if explain {
            for (name, s) in &self.documents {
                let _ = writeln!(out, "== {name}");
                for m in &s.misses {
                    let _ = writeln!(out, "  {}", m.split_once(": ").map_or(m.as_str(), |x| x.1));
                }
            }
        }
        let _ = writeln!(
            out,
            "{:48} {:>5} {:>5} {:>5} {:>6} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}",
            "document",
            "gold",
            "tp",
            "fp",
            "f1",
            "lead",
            "deadline",
            "due",
            "rag",
            "objective",
            "text_exact"
        );
        for (name, s) in &self.documents {
            let _ = writeln!(
                out,
                "{:48} {:5} {:5} {:5} {:6.3} {:9.3} {:9.3} {:9.3} {:9.3} {:9.3} {:9.3}",
                name.chars().take(48).collect::<String>(),
                s.tp + s.fn_,
                s.tp,
                s.fp,
                s.f1(),
                s.field("lead"),
                s.field("deadline"),
                s.field("due"),
                s.field("rag"),
                s.field("objective"),
                s.field("text_exact")
            );
        }
        let _ = writeln!(
            out,
            "SCORE docs={} {}",
            self.documents.len(),
            self.total.summary()
        );
        out
    }
}

impl Report {
    /// Precision, recall and F1 of the actions and of each field ([`Score::prf`]), per
    /// document and overall (`ALL`), one row per document and field.
    pub fn render_prf(&self) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{:48} {:10} {:>9} {:>9} {:>9}",
            "document", "field", "precision", "recall", "f1"
        );
        let all = ("ALL".to_string(), self.total.clone());
        for (name, s) in self.documents.iter().chain(std::iter::once(&all)) {
            for field in std::iter::once("action").chain(FIELDS) {
                let (p, r, f1) = s.prf(field);
                let _ = writeln!(
                    out,
                    "{:48} {:10} {:9.3} {:9.3} {:9.3}",
                    name.chars().take(48).collect::<String>(),
                    field,
                    p,
                    r,
                    f1
                );
            }
        }
        out
    }
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

    #[test]
    fn matching_and_fields() {
        let gold = Gold::from_value(
            &serde_json::json!({"document": "x.txt", "actions": [
                {"text": "Develop the carers strategy", "lead": "Jo Bloggs", "deadline": "March 2015", "due": "2015-03-31", "rag": "green", "objective": null, "optional": false},
                {"text": "Review the pathway", "lead": null, "deadline": null, "due": null, "rag": null, "objective": null, "optional": true}
            ]}),
            "x",
        );
        let pred = serde_json::json!({"source": {"path": "dir/x.csv"}, "actions": [
            {"text": "Develop the carers strategy", "lead": {"raw": "Jo Bloggs"}, "deadline": {"raw": "March 2015", "end": "2015-03-31"}, "rag": {"status": "green"}, "objective": null},
            {"text": "Something else entirely", "lead": null, "deadline": null, "rag": null, "objective": null}
        ]});
        let r = score(&[gold], &[pred]);
        let s = &r.total;
        assert_eq!((s.tp, s.fp, s.fn_), (1, 1, 0));
        assert_eq!(s.fields(), 1.0);
        assert!(r.render(true).contains("EXTRA Something else entirely"));
        assert_eq!(stem("a/b/x.gold.json"), "x");
        assert_eq!(stem("x.csv"), "x");
        // one of two predicted actions right, the one gold action found: lead p=0.5, r=1
        let (lp, lr, lf1) = s.prf("lead");
        assert_eq!((lp, lr), (0.5, 1.0));
        assert!((lf1 - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(s.prf("action"), (0.5, 1.0, s.f1()));
        let table = r.render_prf();
        assert!(table.contains("ALL"), "{table}");
        assert_eq!(table.lines().count(), 1 + 2 * 7);
    }
}
