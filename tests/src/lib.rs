//! The project's accuracy tests: plansift's output on the bundled fixtures, scored against
//! the hand labels in `fixtures/gold/` by `plansift-eval` (the rules of the shared
//! `eval/score.py`), and the layout-variation generator of [`layouts`].

pub mod blocks;
pub mod cards;
pub mod layouts;

use std::path::{Path, PathBuf};

pub use plansift_eval::{dice, score, stem, Gold, Report, Score};
use serde_json::Value;

/// The repository's `fixtures/` folder.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures")
}

/// The gold documents of the inputs in `inputs`, from `gold_dir`.
pub fn gold_for(inputs: &Path, gold_dir: &Path) -> Vec<Gold> {
    let wanted: Vec<String> = plansift_extract::collect_inputs(&[inputs.to_path_buf()])
        .iter()
        .map(|p| stem(&p.to_string_lossy()))
        .collect();
    plansift_eval::load_gold_dir(gold_dir)
        .expect("gold folder")
        .into_iter()
        .filter(|g| wanted.contains(&g.stem))
        .collect()
}

/// Extract every file of a fixtures folder and score it against `fixtures/gold`.
pub fn extract_and_score(folder: &str) -> (Vec<Value>, Score) {
    extract_and_score_with(folder, &fixtures().join("gold"))
}

/// Extract every file of a fixtures folder (gold files inside it left out) and score it.
pub fn extract_and_score_with(folder: &str, gold_dir: &Path) -> (Vec<Value>, Score) {
    let dir = fixtures().join(folder);
    let files: Vec<PathBuf> = plansift_extract::collect_inputs(std::slice::from_ref(&dir))
        .into_iter()
        .filter(|p| {
            !p.to_string_lossy().ends_with(".gold.json")
                && p.file_name().is_some_and(|n| n != "README.md")
        })
        .collect();
    let docs: Vec<Value> = plansift_extract::extract_all(&files)
        .iter()
        .map(|d| serde_json::to_value(d).expect("serialise"))
        .collect();
    let report = score(&gold_for(&dir, gold_dir), &docs);
    (docs, report.total)
}

/// Every fixture plan's gold, with its JSON (the generators write layouts from it).
pub fn gold_plans() -> Vec<(Gold, Value)> {
    let dir = fixtures().join("gold");
    let mut out = Vec::new();
    for g in plansift_eval::load_gold_dir(&dir).expect("gold") {
        let text =
            std::fs::read_to_string(dir.join(format!("{}.gold.json", g.stem))).expect("gold file");
        out.push((g, serde_json::from_str(&text).expect("gold JSON")));
    }
    out
}

/// Extract one generated file in memory; it must be read without error.
pub fn extract_generated(name: &str, content: &str) -> Value {
    let doc = plansift_extract::extract_bytes(name, content.as_bytes());
    assert!(doc.error.is_none(), "{name}: {:?}", doc.error);
    serde_json::to_value(&doc).expect("serialise")
}
