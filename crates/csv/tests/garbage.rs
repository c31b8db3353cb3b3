//! Random delimited soups never panic; tables are dense and lines increase.

use plansift_model::Block;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

const TOKENS: &[&str] = &[
    ",",
    ",",
    "\t",
    ";",
    "|",
    "\"",
    "\"\"",
    "\n",
    "\r\n",
    "\r",
    "Ref",
    "Action",
    "x",
    "27 <sup>th</sup>",
    "<b>G</b>",
    "&amp;",
    " ",
    "\u{feff}",
    "é",
    "",
];

/// Cases per run; `GARBAGE_ITER=100000 cargo test --release --test garbage` hunts longer.
fn iterations(default: usize) -> usize {
    std::env::var("GARBAGE_ITER")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn random_delimited_soup() {
    let mut rng = Rng(0x1234_5678_9ABC_DEF1);
    for _ in 0..iterations(500) {
        let n = (rng.next() % 120) as usize;
        let text: String = (0..n)
            .map(|_| TOKENS[(rng.next() % TOKENS.len() as u64) as usize])
            .collect();
        let sniffed = plansift_csv::sniff_delimiter(&text);
        let looks = plansift_csv::looks_delimited(&text);
        if let Some(d) = looks {
            assert_eq!(Some(d), sniffed);
        }
        for d in [b',', b'\t', b';', b'|'] {
            let Ok(doc) = plansift_csv::parse(&text, d) else {
                continue;
            };
            assert_eq!(doc.pages, 1);
            for b in &doc.blocks {
                if let Block::Table(t) = b {
                    let w = t.columns();
                    assert!(t.rows.iter().all(|r| r.cells.len() == w));
                    let lines: Vec<u32> = t.rows.iter().filter_map(|r| r.prov.line).collect();
                    assert_eq!(lines.len(), t.rows.len());
                    assert!(lines.windows(2).all(|w| w[0] < w[1]), "{text:?}: {lines:?}");
                }
            }
        }
    }
}
