//! Deterministic mutation testing of every front-end through the whole pipeline (the CI
//! stand-in for the `cargo fuzz` targets in `fuzz/`): seeded byte edits, cuts, splices and
//! format tokens applied to one small fixture per format (PDF, HTML, CSV, text, DOCX, XLSX,
//! JSON). For every mutation [`plansift_extract::extract_bytes`] must return a document
//! that serialises to JSON, with either actions or a known error code (never
//! `internal.panic`), in well under the 20 s budget.
//!
//! `PLANSIFT_MUTATIONS=N` runs N mutations per format instead of the default.

use std::path::Path;
use std::time::{Duration, Instant};

use plansift_extract::{extract_bytes, ErrorCode};

/// Mutations per format by default: 7 formats x 100 = 700 documents, about 1 s in release.
const DEFAULT_PER_FORMAT: usize = 100;

/// Slowest a single mutated input may take (the slowest of 1,400 took 32 ms measured; the
/// budget is 20 s).
const PER_INPUT: Duration = Duration::from_secs(10);

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Tokens that matter to the formats' parsers.
const TOKENS: &[&[u8]] = &[
    b"<",
    b">",
    b"</",
    b"/>",
    b"<table>",
    b"<tr>",
    b"<td>",
    b"</td>",
    b"<div>",
    b"<ul><li>",
    b"\"",
    b"'",
    b",",
    b"\t",
    b";",
    b"\n",
    b"\r\n",
    b"&amp;",
    b"&#x0;",
    b"{",
    b"}",
    b"[",
    b"]",
    b":",
    b"null",
    b"<<",
    b">>",
    b" 0 R ",
    b"stream",
    b"endobj",
    b"99999999999",
    b"-1",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"\x00",
    b"\xc3",
    b"PK\x03\x04",
    b"%PDF-",
    b"<w:tbl>",
    b"<w:tc>",
    b"<row>",
    b"<c r=\"XFD1048576\">",
];

fn mutate(src: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut b = src.to_vec();
    for _ in 0..1 + rng.below(3) {
        if b.is_empty() {
            b.extend_from_slice(TOKENS[rng.below(TOKENS.len())]);
            continue;
        }
        match rng.below(6) {
            0 => {
                for _ in 0..1 + rng.below(20) {
                    let i = rng.below(b.len());
                    b[i] ^= 1 << rng.below(8);
                }
            }
            1 => {
                for _ in 0..1 + rng.below(10) {
                    let t = TOKENS[rng.below(TOKENS.len())];
                    let i = rng.below(b.len() + 1);
                    b.splice(i..i, t.iter().copied());
                }
            }
            2 => {
                let i = rng.below(b.len());
                let n = rng.below(b.len() - i).min(5000);
                b.drain(i..i + n);
            }
            3 => {
                let i = rng.below(b.len());
                let n = rng.below(b.len() - i).min(5000);
                let piece = b[i..i + n].to_vec();
                let at = rng.below(b.len() + 1);
                b.splice(at..at, piece);
            }
            4 => {
                // a token repeated many times (deep nesting, long fields)
                let t = TOKENS[rng.below(TOKENS.len())];
                let at = rng.below(b.len() + 1);
                let n = 1 + rng.below(20_000);
                b.splice(at..at, t.iter().copied().cycle().take(t.len() * n));
            }
            _ => b.truncate(rng.below(b.len())),
        }
    }
    b
}

fn fixture(rel: &str) -> Vec<u8> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures")
        .join(rel);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn seeds() -> Vec<(&'static str, Vec<u8>)> {
    let json = br#"[{"Ref":"1.1","Action":"Deliver the plan","Lead":"Jo Smith","Deadline":"March 2015","RAG":"Green"},
{"Ref":"1.2","Action":"Report to the board","Lead":"Head of Service","Deadline":"2015-06-30","RAG":"Amber","Notes":{"a":[1,2,{"b":null}]}}]"#;
    vec![
        (
            "plan.pdf",
            fixture("pdf/chromium/leicestershire-jhws-draft-priorities.pdf"),
        ),
        (
            "plan.html",
            fixture("html/leicestershire-jhws-draft-priorities.html"),
        ),
        (
            "plan.txt",
            fixture("text/leicestershire-jhws-draft-priorities.txt"),
        ),
        ("plan.csv", fixture("csv/community-safety-action-plan.csv")),
        (
            "plan.docx",
            fixture("docx/grid/leicestershire-jhws-draft-priorities.docx"),
        ),
        (
            "plan.xlsx",
            fixture("xlsx/ragtext/bromley-portfolio-half-year-2013-14.xlsx"),
        ),
        ("plan.json", json.to_vec()),
    ]
}

#[test]
fn every_front_end_survives_seeded_mutations() {
    let per_format = std::env::var("PLANSIFT_MUTATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_PER_FORMAT);
    let seeds = seeds();
    let (mut read, mut failed, mut slowest) = (0usize, 0usize, Duration::ZERO);
    for (fi, (name, src)) in seeds.iter().enumerate() {
        // the unmutated seed reads with actions: the mutations start from a real plan
        let base = extract_bytes(name, src);
        assert!(base.error.is_none(), "{name}: {:?}", base.error);
        assert!(!base.actions.is_empty(), "{name}: the seed has no actions");
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ (fi as u64 + 1));
        for k in 0..per_format {
            let bytes = mutate(src, &mut rng);
            let t = Instant::now();
            let doc = extract_bytes(name, &bytes);
            let took = t.elapsed();
            slowest = slowest.max(took);
            let what = format!("{name} mutation {k} ({} bytes)", bytes.len());
            if took > Duration::from_millis(500) {
                eprintln!("slow: {what}: {took:?}");
                if let Ok(d) = std::env::var("PLANSIFT_MUTATIONS_DUMP") {
                    let _ = std::fs::write(Path::new(&d).join(format!("{k}-{name}")), &bytes);
                }
            }
            assert!(took < PER_INPUT, "{what}: took {took:?}");
            let json = serde_json::to_string(&doc).unwrap_or_else(|e| panic!("{what}: {e}"));
            let back: serde_json::Value = serde_json::from_str(&json).unwrap();
            assert_eq!(back["source"]["path"], *name, "{what}");
            match &doc.error {
                Some(e) => {
                    failed += 1;
                    let code = ErrorCode::parse(&e.code)
                        .unwrap_or_else(|| panic!("{what}: unknown code {}", e.code));
                    assert_ne!(code, ErrorCode::InternalPanic, "{what}: {}", e.message);
                    assert!(doc.actions.is_empty(), "{what}: an error with actions");
                    assert!(e.message.contains(name), "{what}: {}", e.message);
                }
                None => {
                    read += 1;
                    let mut ids: Vec<&str> = doc.actions.iter().map(|a| a.id.as_str()).collect();
                    ids.sort_unstable();
                    ids.dedup();
                    assert_eq!(ids.len(), doc.actions.len(), "{what}: duplicate ids");
                }
            }
        }
    }
    eprintln!("mutations: {read} read, {failed} failed with a code, slowest {slowest:?}");
    // both outcomes happen: the mutations neither all break the file nor all miss
    assert!(read > 0 && failed > 0, "{read} read, {failed} failed");
}
