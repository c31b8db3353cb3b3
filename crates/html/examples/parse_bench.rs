//! Times `parse` on HTML files: `cargo run --release -p plansift-html --example parse_bench FILE.html...`
use std::time::Instant;

fn main() {
    for path in std::env::args().skip(1) {
        let Ok(src) = std::fs::read_to_string(&path) else {
            eprintln!("cannot read {path}");
            continue;
        };
        let runs = 20;
        let t = Instant::now();
        let mut blocks = 0;
        for _ in 0..runs {
            blocks = plansift_html::parse(&src).blocks.len();
        }
        let ms = t.elapsed().as_secs_f64() * 1000.0 / runs as f64;
        let t2 = Instant::now();
        for _ in 0..runs {
            std::hint::black_box(scraper::Html::parse_document(&src));
        }
        let html5ever_ms = t2.elapsed().as_secs_f64() * 1000.0 / runs as f64;
        println!(
            "{path}: {} bytes, {blocks} blocks, {ms:.2} ms per parse",
            src.len()
        );
        println!("  of which html5ever parse_document: {html5ever_ms:.2} ms");
    }
}
