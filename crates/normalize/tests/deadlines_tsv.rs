//! Every row of fixtures/deadlines.tsv must normalise to exactly its start and end.

use plansift_normalize::{deadline, parse_period};

const TSV: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/deadlines.tsv");

fn field(s: &str) -> Option<&str> {
    if s == "-" {
        None
    } else {
        Some(s)
    }
}

#[test]
fn every_tsv_row_gives_its_interval() {
    let text = std::fs::read_to_string(TSV).expect("read deadlines.tsv");
    let mut rows = 0;
    let mut failures = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() && !line.contains('\t') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(
            cols.len(),
            4,
            "line {}: expected 4 tab-separated columns: {line:?}",
            n + 1
        );
        rows += 1;
        let period = field(cols[1]).and_then(parse_period);
        assert!(
            field(cols[1]).is_none() || period.is_some(),
            "line {}: plan_period {:?} did not parse",
            n + 1,
            cols[1]
        );
        let got = deadline(cols[0], period.as_ref());
        let start = got.start.map(|d| d.to_string());
        let end = got.end.map(|d| d.to_string());
        assert_eq!(got.raw, cols[0], "raw must be kept exactly");
        if start.as_deref() != field(cols[2]) || end.as_deref() != field(cols[3]) {
            failures.push(format!(
                "  line {:>3}: {:?} (period {}) -> start {:?} end {:?} kind {:?}; expected start {} end {}",
                n + 1,
                cols[0],
                cols[1],
                start,
                end,
                got.kind,
                cols[2],
                cols[3]
            ));
        }
    }
    assert!(rows >= 70, "expected at least 70 rows, read {rows}");
    println!(
        "deadlines.tsv: {}/{} rows pass",
        rows - failures.len(),
        rows
    );
    assert!(
        failures.is_empty(),
        "{} of {rows} rows fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
