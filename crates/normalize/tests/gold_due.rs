//! For every gold action, deadline(gold.deadline, period of the gold file).end == gold.due.

use plansift_normalize::{deadline, parse_period};
use serde_json::Value;

const GOLD_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/gold");

#[test]
fn gold_deadlines_give_gold_due_dates() {
    let mut files: Vec<_> = std::fs::read_dir(GOLD_DIR)
        .expect("read fixtures/gold")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".gold.json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no gold files in {GOLD_DIR}");
    let (mut checked, mut failures) = (0usize, Vec::new());
    for path in &files {
        let text = std::fs::read_to_string(path).expect("read gold file");
        let gold: Value = serde_json::from_str(&text).expect("gold json");
        let period = gold["period"].as_str().and_then(parse_period);
        assert!(
            gold["period"].is_null() || period.is_some(),
            "{}: period did not parse",
            path.display()
        );
        for action in gold["actions"].as_array().into_iter().flatten() {
            let Some(raw) = action["deadline"].as_str() else {
                continue;
            };
            checked += 1;
            let want = action["due"].as_str();
            let got = deadline(raw, period.as_ref());
            let got_end = got.end.map(|d| d.to_string());
            if got_end.as_deref() != want {
                failures.push(format!(
                    "  {}: {:?} -> end {:?} (kind {:?}); gold due {:?}",
                    path.file_name()
                        .map(|f| f.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                    raw,
                    got_end,
                    got.kind,
                    want
                ));
            }
        }
    }
    assert!(
        checked > 50,
        "expected many gold deadlines, found {checked}"
    );
    println!(
        "gold due: {}/{} deadlines pass",
        checked - failures.len(),
        checked
    );
    assert!(
        failures.is_empty(),
        "{} of {checked} gold deadlines fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
