//! Compares the text layer's words with `pdftotext -bbox` (poppler) on every
//! page of every fixture PDF: token Dice >= 0.99 and >= 95% of words with x0
//! and x1 within 1.5 pt and a vertical centre within 2 pt of poppler's.
//! Where `pdftotext` is not installed it skips with a notice, or fails when
//! `CI=true`.

mod common;

use regex::Regex;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/pdf");

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

struct PWord {
    text: String,
    x0: f64,
    x1: f64,
    cy: f64,
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Pages of `pdftotext -bbox` words, or None when pdftotext is missing.
fn poppler(path: &Path) -> Option<Vec<Vec<PWord>>> {
    let out = Command::new("pdftotext")
        .arg("-bbox")
        .arg(path)
        .arg("-")
        .output()
        .ok()?;
    let xhtml = String::from_utf8_lossy(&out.stdout);
    let word_re = Regex::new(
        r#"<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">(.*?)</word>"#,
    )
    .unwrap();
    let mut pages = Vec::new();
    for chunk in xhtml.split("<page ").skip(1) {
        let mut words = Vec::new();
        for c in word_re.captures_iter(chunk) {
            let f = |i: usize| c[i].parse::<f64>().unwrap_or(0.0);
            words.push(PWord {
                text: unescape(&c[5]),
                x0: f(1),
                x1: f(3),
                cy: (f(2) + f(4)) / 2.0,
            });
        }
        pages.push(words);
    }
    Some(pages)
}

fn dice(a: &[&str], b: &[&str]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let mut ca: HashMap<&str, i64> = HashMap::new();
    for w in a {
        *ca.entry(w).or_default() += 1;
    }
    let mut common = 0i64;
    for w in b {
        if let Some(n) = ca.get_mut(w) {
            if *n > 0 {
                *n -= 1;
                common += 1;
            }
        }
    }
    2.0 * common as f64 / (a.len() + b.len()) as f64
}

#[derive(Default)]
struct Tally {
    pages: usize,
    words: usize,
    within: usize,
    dice_sum: f64,
    dice_min: f64,
    within_min: f64,
}

#[test]
fn words_match_pdftotext() {
    if !common::pdftotext_available("words_match_pdftotext") {
        return;
    }
    let mut files = Vec::new();
    pdfs(Path::new(FIXTURES), &mut files);
    assert!(!files.is_empty(), "no fixture PDFs under {FIXTURES}");
    let mut by_folder: std::collections::BTreeMap<String, Tally> = Default::default();
    let mut failures = Vec::new();
    for f in &files {
        let folder = f
            .parent()
            .and_then(|p| p.file_name())
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Some(pp) = poppler(f) else { continue };
        let bytes = std::fs::read(f).unwrap();
        let layout = plansift_pdf::parse(&bytes, &plansift_pdf::Options::default())
            .unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        assert_eq!(layout.pages.len(), pp.len(), "{}: page count", f.display());
        let t = by_folder.entry(folder.clone()).or_insert_with(|| Tally {
            dice_min: 1.0,
            within_min: 1.0,
            ..Default::default()
        });
        for (pi, (ours, theirs)) in layout.pages.iter().zip(&pp).enumerate() {
            let a: Vec<&str> = ours.words.iter().map(|w| w.text.as_str()).collect();
            let b: Vec<&str> = theirs.iter().map(|w| w.text.as_str()).collect();
            let d = dice(&a, &b);
            // position: match each poppler word with the nearest unused word of the same text
            let mut used = vec![false; ours.words.len()];
            let mut within = 0;
            for pw in theirs {
                let mut best: Option<(usize, f64)> = None;
                for (i, w) in ours.words.iter().enumerate() {
                    if used[i] || w.text != pw.text {
                        continue;
                    }
                    let dist =
                        (w.bbox.x0 as f64 - pw.x0).abs() + (w.bbox.cy() as f64 - pw.cy).abs();
                    if best.is_none_or(|(_, bd)| dist < bd) {
                        best = Some((i, dist));
                    }
                }
                if let Some((i, _)) = best {
                    used[i] = true;
                    let w = &ours.words[i];
                    if (w.bbox.x0 as f64 - pw.x0).abs() <= 1.5
                        && (w.bbox.x1 as f64 - pw.x1).abs() <= 1.5
                        && (w.bbox.cy() as f64 - pw.cy).abs() <= 2.0
                    {
                        within += 1;
                    }
                }
            }
            let frac = if theirs.is_empty() {
                1.0
            } else {
                within as f64 / theirs.len() as f64
            };
            t.pages += 1;
            t.words += theirs.len();
            t.within += within;
            t.dice_sum += d;
            t.dice_min = t.dice_min.min(d);
            t.within_min = t.within_min.min(frac);
            if d < 0.99 || frac < 0.95 {
                let mut only_ours: HashMap<&str, i64> = HashMap::new();
                for w in &a {
                    *only_ours.entry(w).or_default() += 1;
                }
                for w in &b {
                    *only_ours.entry(w).or_default() -= 1;
                }
                let mut diff: Vec<String> = only_ours
                    .into_iter()
                    .filter(|(_, n)| *n != 0)
                    .map(|(w, n)| format!("{w:?}:{n:+}"))
                    .collect();
                diff.sort();
                diff.truncate(12);
                failures.push(format!(
                    "{} p{}: dice {d:.4} within {frac:.3} diff(ours-poppler) {}",
                    f.display(),
                    pi + 1,
                    diff.join(" ")
                ));
            }
        }
    }
    println!(
        "{:<12} {:>5} {:>7} {:>9} {:>9} {:>9} {:>10}",
        "folder", "pages", "words", "dice_avg", "dice_min", "within%", "within_min"
    );
    for (k, t) in &by_folder {
        println!(
            "{:<12} {:>5} {:>7} {:>9.4} {:>9.4} {:>8.2}% {:>9.2}%",
            k,
            t.pages,
            t.words,
            t.dice_sum / t.pages.max(1) as f64,
            t.dice_min,
            100.0 * t.within as f64 / t.words.max(1) as f64,
            100.0 * t.within_min
        );
    }
    for f in &failures {
        println!("FAIL {f}");
    }
    assert!(
        failures.is_empty(),
        "{} page(s) below the bar",
        failures.len()
    );
}
