//! detect_period on each fixture document (HTML rendering, its text split into
//! lines in document order) finds the gold period.

use plansift_normalize::{detect_period, parse_period};
use serde_json::Value;

const FIX: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures");

fn text_lines(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(std::mem::take(&mut cur));
            }
            '>' => in_tag = false,
            '\n' if !in_tag => out.push(std::mem::take(&mut cur)),
            _ if !in_tag => cur.push(c),
            _ => {}
        }
    }
    out.push(cur);
    out.into_iter()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn detects_gold_period_in_fixture_documents() {
    let mut checked = 0;
    let mut failures = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(format!("{FIX}/html"))
        .expect("fixtures/html")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        let Some(stem) = path.file_stem().map(|s| s.to_string_lossy().into_owned()) else {
            continue;
        };
        let Ok(gold) = std::fs::read_to_string(format!("{FIX}/gold/{stem}.gold.json")) else {
            continue;
        };
        let gold: Value = serde_json::from_str(&gold).expect("gold json");
        let Some(want) = gold["period"].as_str().and_then(parse_period) else {
            continue;
        };
        let html = std::fs::read_to_string(&path).expect("read html");
        let lines = text_lines(&html);
        let got = detect_period(lines.iter().map(String::as_str));
        checked += 1;
        if got.as_ref().map(|p| (p.start, p.end)) != Some((want.start, want.end)) {
            failures.push(format!("  {stem}: got {got:?}, want {}", want.raw));
        }
    }
    assert!(
        checked >= 4,
        "expected at least 4 documents with a gold period, checked {checked}"
    );
    assert!(
        failures.is_empty(),
        "{} of {checked} fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
