//! Pages per second of the text layer over every fixture PDF (single thread),
//! next to `pdftotext -bbox` on the same files in the same run when poppler is
//! installed (without it: a notice, or a failure when `CI=true`).
//! `cargo bench -p plansift-pdf`.

#[path = "../tests/common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/pdf");
const ROBUSTNESS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/pdf-robustness");

fn pdfs(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            pdfs(&p, out);
        } else if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf")) {
            out.push(p);
        }
    }
}

fn main() {
    // `cargo test --benches` passes --bench-less flags; run anyway, it is quick.
    let mut files = Vec::new();
    pdfs(Path::new(FIXTURES), &mut files);
    let docs: Vec<(PathBuf, Vec<u8>)> = files
        .iter()
        .filter_map(|f| std::fs::read(f).ok().map(|b| (f.clone(), b)))
        .collect();
    if docs.is_empty() {
        println!("no fixture PDFs under {FIXTURES}");
        return;
    }
    let opts = plansift_pdf::Options::default();
    // warm-up and page count
    let mut pages = 0usize;
    for (_, b) in &docs {
        pages += plansift_pdf::parse(b, &opts)
            .map(|l| l.pages.len())
            .unwrap_or(0);
    }
    let rounds = 5;
    let mut ours = Duration::MAX;
    for _ in 0..rounds {
        let t = Instant::now();
        for (_, b) in &docs {
            let l = plansift_pdf::parse(b, &opts);
            std::hint::black_box(&l);
        }
        ours = ours.min(t.elapsed());
    }
    let ours_pps = pages as f64 / ours.as_secs_f64();
    println!(
        "plansift-pdf text layer: {} files, {pages} pages, best of {rounds}: {:.1} ms = {ours_pps:.0} pages/s",
        docs.len(),
        ours.as_secs_f64() * 1000.0
    );
    robustness_timing();
    if !common::pdftotext_available("text_layer bench: comparison with pdftotext") {
        return;
    }
    let mut theirs = Duration::MAX;
    for _ in 0..rounds {
        let t = Instant::now();
        for (f, _) in &docs {
            let _ = Command::new("pdftotext")
                .arg("-bbox")
                .arg(f)
                .arg("-")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
        }
        theirs = theirs.min(t.elapsed());
    }
    let theirs_pps = pages as f64 / theirs.as_secs_f64();
    println!(
        "pdftotext -bbox (one process per file): best of {rounds}: {:.1} ms = {theirs_pps:.0} pages/s",
        theirs.as_secs_f64() * 1000.0
    );
    println!(
        "ratio (plansift / pdftotext): {:.2}x",
        ours_pps / theirs_pps
    );
}

/// Each damaged/hostile file of fixtures/pdf-robustness: outcome and time
/// (the bar is under 5 s each).
fn robustness_timing() {
    let mut files = Vec::new();
    pdfs(Path::new(ROBUSTNESS), &mut files);
    let opts = plansift_pdf::Options::default();
    let mut slowest = (Duration::ZERO, String::new());
    for f in &files {
        let Ok(b) = std::fs::read(f) else { continue };
        let t = Instant::now();
        let r = plansift_pdf::parse(&b, &opts);
        let el = t.elapsed();
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        println!(
            "  robustness {name:<34} {:>10.3} ms  {}",
            el.as_secs_f64() * 1000.0,
            match r {
                Ok(l) => format!(
                    "ok ({} page(s), {} diagnostic(s))",
                    l.pages.len(),
                    l.diagnostics.len()
                ),
                Err(e) => e.code().to_string(),
            }
        );
        if el > slowest.0 {
            slowest = (el, name);
        }
    }
    println!(
        "robustness files: {} parsed, slowest {} in {:.3} ms",
        files.len(),
        slowest.1,
        slowest.0.as_secs_f64() * 1000.0
    );
}
