//! Times `fragment_text` over many cells: `cargo run --release -p plansift-html --example fragment_bench [FILE.txt...]`.
//! Without files: 1,000,000 short cells without markup. With files: every tab-separated cell of
//! each file (repeated to ~1,000,000 cells), and a sample of the cells that hold markup is printed.
use std::time::Instant;

fn main() {
    let files: Vec<String> = std::env::args().skip(1).collect();
    let cells: Vec<String> = if files.is_empty() {
        (0..1_000_000)
            .map(|i| format!("Mandy Ansell  {i} On-going\u{a0}review"))
            .collect()
    } else {
        let mut base = Vec::new();
        for f in &files {
            let text = std::fs::read_to_string(f).unwrap_or_default();
            for line in text.lines() {
                base.extend(line.split('\t').map(str::to_string));
            }
        }
        for c in base
            .iter()
            .filter(|c| plansift_html::has_markup(c))
            .take(15)
        {
            let f = plansift_html::fragment_text(c);
            println!(
                "{:?}\n  -> bold={} {:?}",
                truncate(c),
                f.bold,
                truncate(&f.text)
            );
        }
        let n = base.len().max(1);
        base.iter()
            .cycle()
            .take(1_000_000.max(n))
            .cloned()
            .collect()
    };
    let marked = cells
        .iter()
        .filter(|c| plansift_html::has_markup(c))
        .count();
    let t = Instant::now();
    let mut total = 0usize;
    for c in &cells {
        total += plansift_html::fragment_text(c).text.len();
    }
    println!(
        "{} cells ({} with markup), {} output bytes in {:.3}s",
        cells.len(),
        marked,
        total,
        t.elapsed().as_secs_f64()
    );
}

fn truncate(s: &str) -> String {
    s.chars().take(160).collect()
}
