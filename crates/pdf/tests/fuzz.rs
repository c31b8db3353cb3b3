//! Mutated fixture PDFs (deterministic pseudo-random byte edits, cuts and
//! splices): the text layer returns a result — Ok or a clear error — for
//! every one, without panicking, each in bounded time.

use std::time::{Duration, Instant};

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

fn mutate(src: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut b = src.to_vec();
    match rng.below(5) {
        0 => {
            // flip bytes
            for _ in 0..1 + rng.below(20) {
                let i = rng.below(b.len());
                b[i] ^= 1 << rng.below(8);
            }
        }
        1 => {
            // overwrite a run with a PDF-ish token
            let toks: [&[u8]; 8] = [
                b"<<",
                b">>",
                b"[",
                b"]",
                b" 0 R ",
                b"stream",
                b"endobj",
                b"99999999999",
            ];
            for _ in 0..1 + rng.below(10) {
                let t = toks[rng.below(toks.len())];
                let i = rng.below(b.len().saturating_sub(t.len()));
                b[i..i + t.len()].copy_from_slice(t);
            }
        }
        2 => {
            // cut a piece out
            let i = rng.below(b.len());
            let n = rng.below(b.len() - i).min(5000);
            b.drain(i..i + n);
        }
        3 => {
            // duplicate a piece elsewhere
            let i = rng.below(b.len());
            let n = rng.below(b.len() - i).min(5000);
            let piece = b[i..i + n].to_vec();
            let at = rng.below(b.len());
            b.splice(at..at, piece);
        }
        _ => {
            // truncate
            let n = rng.below(b.len());
            b.truncate(n);
        }
    }
    b
}

#[test]
fn mutated_fixtures_never_panic() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/pdf");
    // uncompressed-xref producers (LibreOffice) and Skia, small files first
    let files = [
        "libreoffice/leicestershire-jhws-draft-priorities.pdf",
        "chromium/leicestershire-jhws-draft-priorities.pdf",
        "plain/bromley-portfolio-half-year-2013-14.pdf",
    ];
    let rounds: usize = std::env::var("PLANSIFT_FUZZ_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(60);
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut outcomes = std::collections::BTreeMap::<String, usize>::new();
    for f in files {
        let raw = std::fs::read(format!("{dir}/{f}")).expect("fixture");
        // mutate the decompressed file too, so that edits land in content
        // streams, CMaps and font dictionaries rather than in deflate data
        let mut doc = lopdf::Document::load_mem(&raw).expect("load");
        doc.decompress();
        let mut plain = Vec::new();
        doc.save_to(&mut plain).expect("save");
        for src in [raw, plain] {
            for _ in 0..rounds {
                let m = mutate(&src, &mut rng);
                let t = Instant::now();
                let r = plansift_pdf::parse(&m, &plansift_pdf::Options::default());
                assert!(t.elapsed() < Duration::from_secs(10), "{f}: slow mutation");
                let key = match r {
                    Ok(_) => "ok".to_string(),
                    Err(e) => e.code().to_string(),
                };
                *outcomes.entry(key).or_default() += 1;
            }
        }
    }
    println!("outcomes: {outcomes:?}");
}
