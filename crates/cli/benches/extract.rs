//! Pages per second of the whole `extract` pipeline (format detection, PDF text
//! layer, tables, interpretation) over every fixture PDF, single thread, next to
//! `pdftotext -layout FILE /dev/null` on the same files the same number of times
//! in the same run (one process per file, wall time). Per-folder figures and a
//! per-stage split (text layer / tables / interpretation) show where time goes.
//! Then text: MB/s over the text fixtures and over a synthetic 50 MB plan.
//!
//! `cargo bench -p plansift --bench extract`
//! (`PLANSIFT_BENCH_SECS=N` sets the target time of the PDF loop, default 3 s;
//! `PLANSIFT_BENCH_ONLY=pdf` or `=text` runs one half, e.g. under a profiler;
//! `PLANSIFT_BENCH_FILTER=chromium/cheshire` keeps the PDFs whose path holds it.)

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures");

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

/// One fixture PDF: its folder under fixtures/pdf, its page count, and the
/// time each measured thing took, summed over all repetitions.
struct File {
    path: PathBuf,
    folder: String,
    bytes: Vec<u8>,
    pages: usize,
    ours: Duration,
    pdftotext: Duration,
    text_layer: Duration,
    tables: Duration,
    interpret: Duration,
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64().max(1e-9)
}

fn has_pdftotext() -> bool {
    Command::new("pdftotext")
        .arg("-v")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

fn main() {
    let root = Path::new(FIXTURES).join("pdf");
    let mut paths = Vec::new();
    pdfs(&root, &mut paths);
    if let Ok(only) = std::env::var("PLANSIFT_BENCH_FILTER") {
        paths.retain(|p| p.to_string_lossy().contains(&only));
    }
    let mut files: Vec<File> = paths
        .into_iter()
        .filter_map(|p| {
            let bytes = std::fs::read(&p).ok()?;
            let folder = p
                .strip_prefix(&root)
                .ok()
                .and_then(|r| r.components().next())
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .unwrap_or_default();
            Some(File {
                path: p,
                folder,
                bytes,
                pages: 0,
                ours: Duration::ZERO,
                pdftotext: Duration::ZERO,
                text_layer: Duration::ZERO,
                tables: Duration::ZERO,
                interpret: Duration::ZERO,
            })
        })
        .collect();
    let only = std::env::var("PLANSIFT_BENCH_ONLY").unwrap_or_default();
    if only != "text" {
        if files.is_empty() {
            println!("no fixture PDFs under {}", root.display());
        } else {
            pdf_bench(&mut files);
        }
    }
    if only != "pdf" {
        text_bench();
    }
}

fn pdf_bench(files: &mut [File]) {
    // Warm-up pass: page counts, failures, and the time of one pass.
    let t = Instant::now();
    for f in files.iter_mut() {
        let doc = plansift_extract::extract_path(&f.path);
        f.pages = doc.source.pages.unwrap_or(0) as usize;
        if let Some(e) = &doc.error {
            println!(
                "  note: {} failed: {} ({})",
                f.path.display(),
                e.code,
                e.message
            );
        }
    }
    let one_pass = t.elapsed();
    let target: f64 = std::env::var("PLANSIFT_BENCH_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3.0);
    let reps = ((target / secs(one_pass)).ceil() as usize).clamp(1, 1000);
    let pages: usize = files.iter().map(|f| f.pages).sum();
    println!(
        "{} fixture PDFs, {pages} pages; one warm-up pass {:.1} ms; {reps} repetition(s)",
        files.len(),
        one_pass.as_secs_f64() * 1000.0
    );

    // plansift extract, single thread, file after file, pass after pass; after
    // each file its stages one by one (same load on the machine for both).
    for _ in 0..reps {
        for f in files.iter_mut() {
            let s = Instant::now();
            let doc = plansift_extract::extract_path(&f.path);
            std::hint::black_box(&doc);
            f.ours += s.elapsed();
            stages(f);
        }
    }
    let ours_total: Duration = files.iter().map(|f| f.ours).sum();
    let ours_pps = (pages * reps) as f64 / secs(ours_total);
    println!(
        "plansift extract (single thread): {:.3} s for {} pages = {ours_pps:.1} pages/s",
        ours_total.as_secs_f64(),
        pages * reps
    );

    // pdftotext -layout, one process per file, same files, same repetitions.
    let poppler = has_pdftotext();
    let mut theirs_total = Duration::ZERO;
    if poppler {
        for _ in 0..reps {
            for f in files.iter_mut() {
                let s = Instant::now();
                let _ = Command::new("pdftotext")
                    .arg("-layout")
                    .arg(&f.path)
                    .arg("/dev/null")
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .status();
                let el = s.elapsed();
                f.pdftotext += el;
                theirs_total += el;
            }
        }
        let theirs_pps = (pages * reps) as f64 / secs(theirs_total);
        println!(
            "pdftotext -layout (one process per file): {:.3} s = {theirs_pps:.1} pages/s",
            theirs_total.as_secs_f64()
        );
        println!(
            "ratio plansift / pdftotext: {:.2}x (target >= 1.00x)",
            ours_pps / theirs_pps
        );
    } else {
        println!("pdftotext not installed (apt-get install poppler-utils): no comparison");
    }

    // Per folder.
    let mut by_folder: BTreeMap<&str, Vec<&File>> = BTreeMap::new();
    for f in files.iter() {
        by_folder.entry(f.folder.as_str()).or_default().push(f);
    }
    println!();
    println!(
        "{:<12} {:>5} {:>6} {:>10} {:>10} {:>7} | {:>7} {:>7} {:>7} {:>7}  (ms per pass)",
        "folder",
        "files",
        "pages",
        "ours p/s",
        "poppler",
        "ratio",
        "layer",
        "tables",
        "interp",
        "rest"
    );
    let row = |name: &str, fs: &[&File]| {
        let pages: usize = fs.iter().map(|f| f.pages).sum::<usize>() * reps;
        let ours: Duration = fs.iter().map(|f| f.ours).sum();
        let theirs: Duration = fs.iter().map(|f| f.pdftotext).sum();
        let layer: Duration = fs.iter().map(|f| f.text_layer).sum();
        let tables: Duration = fs.iter().map(|f| f.tables).sum();
        let interp: Duration = fs.iter().map(|f| f.interpret).sum();
        let ours_pps = pages as f64 / secs(ours);
        let (theirs_s, ratio) = if poppler {
            let t = pages as f64 / secs(theirs);
            (format!("{t:.1}"), format!("{:.2}x", ours_pps / t))
        } else {
            ("-".into(), "-".into())
        };
        let per_pass = |d: Duration| d.as_secs_f64() * 1000.0 / reps as f64;
        let rest = ours.saturating_sub(layer + tables + interp);
        println!(
            "{name:<12} {:>5} {:>6} {ours_pps:>10.1} {theirs_s:>10} {ratio:>7} | {:>7.2} {:>7.2} {:>7.2} {:>7.2}",
            fs.len(),
            pages / reps,
            per_pass(layer),
            per_pass(tables),
            per_pass(interp),
            per_pass(rest),
        );
    };
    for (name, fs) in &by_folder {
        row(name, fs);
    }
    let all: Vec<&File> = files.iter().collect();
    row("all", &all);

    // The slowest files, by our time per page.
    let mut slow: Vec<&File> = files.iter().filter(|f| f.pages > 0).collect();
    slow.sort_by(|a, b| {
        let x = secs(a.ours) / a.pages as f64;
        let y = secs(b.ours) / b.pages as f64;
        y.total_cmp(&x)
    });
    println!();
    println!("slowest files (ours, ms per pass; pdftotext ms per run):");
    for f in slow.iter().take(5) {
        let name = f.path.strip_prefix(Path::new(FIXTURES)).unwrap_or(&f.path);
        println!(
            "  {:<58} {:>3} pages {:>8.2} ms {:>8.2} ms",
            name.display(),
            f.pages,
            f.ours.as_secs_f64() * 1000.0 / reps as f64,
            f.pdftotext.as_secs_f64() * 1000.0 / reps as f64,
        );
    }
}

/// The stages on each file's bytes, timed one after the other on the same data:
/// PDF text layer, tables (layout -> document model), interpretation. What
/// extract spends beyond them (file read, SHA-256, format sniffing, output
/// assembly) is the remainder.
#[cfg(feature = "pdf")]
fn stages(f: &mut File) {
    let s = Instant::now();
    let Ok(layout) = plansift_pdf::parse(&f.bytes, &plansift_pdf::Options::default()) else {
        f.text_layer += s.elapsed();
        return;
    };
    f.text_layer += s.elapsed();
    let s = Instant::now();
    let model = plansift_pdf_tables::to_document(&layout);
    f.tables += s.elapsed();
    let s = Instant::now();
    let found = plansift_interpret::interpret(&model);
    std::hint::black_box(&found);
    f.interpret += s.elapsed();
}

#[cfg(not(feature = "pdf"))]
fn stages(_f: &mut File) {}

fn text_bench() {
    println!();
    let dir = Path::new(FIXTURES).join("text");
    let mut texts: Vec<(String, Vec<u8>)> = Vec::new();
    if let Ok(rd) = std::fs::read_dir(&dir) {
        let mut ps: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        ps.sort();
        for p in ps {
            if p.extension().is_some_and(|e| e == "txt") {
                if let Ok(b) = std::fs::read(&p) {
                    texts.push((p.display().to_string(), b));
                }
            }
        }
    }
    if texts.is_empty() {
        println!("no text fixtures under {}", dir.display());
        return;
    }
    let bytes: usize = texts.iter().map(|(_, b)| b.len()).sum();
    let t = Instant::now();
    for (name, b) in &texts {
        std::hint::black_box(plansift_extract::extract_bytes(name, b));
    }
    let reps = ((1.0 / secs(t.elapsed())).ceil() as usize).clamp(1, 1000);
    let t = Instant::now();
    for _ in 0..reps {
        for (name, b) in &texts {
            std::hint::black_box(plansift_extract::extract_bytes(name, b));
        }
    }
    let el = t.elapsed();
    println!(
        "text fixtures: {} files, {:.1} KB, {reps} repetition(s): {:.2} ms per pass = {:.2} MB/s",
        texts.len(),
        bytes as f64 / 1024.0,
        el.as_secs_f64() * 1000.0 / reps as f64,
        (bytes * reps) as f64 / 1e6 / secs(el)
    );

    // A 50 MB plan: the Thurrock text repeated (issue 2: "in seconds, not minutes").
    let Some((_, seed)) = texts
        .iter()
        .find(|(n, _)| n.ends_with("thurrock-jhws-delivery-2014-15.txt"))
    else {
        println!("thurrock-jhws-delivery-2014-15.txt missing: no 50 MB run");
        return;
    };
    let target = 50 * 1000 * 1000;
    let mut big = Vec::with_capacity(target + seed.len() + 1);
    while big.len() < target {
        big.extend_from_slice(seed);
        big.push(b'\n');
    }
    let t = Instant::now();
    let doc = plansift_extract::extract_bytes("big.txt", &big);
    let el = t.elapsed();
    println!(
        "synthetic text plan: {:.1} MB in {:.2} s = {:.2} MB/s ({} actions{})",
        big.len() as f64 / 1e6,
        el.as_secs_f64(),
        big.len() as f64 / 1e6 / secs(el),
        doc.actions.len(),
        doc.error
            .as_ref()
            .map(|e| format!(", error {}", e.code))
            .unwrap_or_default()
    );
}
