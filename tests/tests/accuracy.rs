//! The accuracy bars of the issues, on the fixtures bundled in `fixtures/`.

use plansift_tests::{extract_and_score, Score};

fn check(folder: &str, bars: &[(&str, f64)]) -> Score {
    let (_, s) = extract_and_score(folder);
    println!("{folder}: {}", s.summary());
    let mut failed = Vec::new();
    for &(metric, min) in bars {
        let v = match metric {
            "action_f1" => s.f1(),
            "fields" => s.fields(),
            m => s.field(m),
        };
        if v < min {
            failed.push(format!("{metric}={v:.3} < {min}"));
        }
    }
    assert!(failed.is_empty(), "{folder}: {}\n{}\nmisses:\n{}", failed.join(", "), s.summary(), s.misses.join("\n"));
    s
}

const TEXT_BARS: &[(&str, f64)] = &[("action_f1", 0.95), ("lead", 0.95), ("deadline", 0.95), ("rag", 0.98), ("objective", 0.85), ("due", 0.95)];

#[test]
fn text_fixtures_meet_the_bars() {
    check("text", TEXT_BARS);
}

#[test]
fn html_fixtures_meet_the_bars() {
    check("html", &TEXT_BARS[..5]);
}
