//! Write every fixture plan in every layout family and format to a folder, to look at or to
//! render through a real producer (`scripts/render-layout-pdfs.sh`):
//! `cargo run -p plansift-tests --example layouts -- OUT_DIR [SEED]` (with a seed: the
//! property test's random layouts for that seed, to look at one that failed)
use plansift_tests::fixtures;
use plansift_tests::layouts::{families, records, Format, Layout};

fn main() {
    let out = std::path::PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "out/layouts".into()),
    );
    let gold_dir = fixtures().join("gold");
    for (d, g) in plansift_eval::load_gold_dir(&gold_dir)
        .expect("gold")
        .into_iter()
        .enumerate()
    {
        let text = std::fs::read_to_string(gold_dir.join(format!("{}.gold.json", g.stem)))
            .expect("gold file");
        let v: serde_json::Value = serde_json::from_str(&text).expect("gold JSON");
        let recs = records(&v);
        let title = v["title"].as_str().unwrap_or("Delivery plan");
        if let Some(seed) = std::env::args().nth(2).and_then(|s| s.parse::<u64>().ok()) {
            let layout = Layout::random(&recs, seed.wrapping_mul(7919).wrapping_add(d as u64 + 1));
            let dir = out.join(format!("random-{seed}"));
            std::fs::create_dir_all(&dir).expect("output folder");
            println!("{}: {layout:?}", g.stem);
            std::fs::write(
                dir.join(format!("{}.{}", g.stem, layout.format.ext())),
                layout.render(title, &recs),
            )
            .expect("write");
            continue;
        }
        for fam in families() {
            for format in Format::ALL {
                // the same seeds as the layout tests: the document's position, from 1
                let layout = (fam.make)(&recs, format, d as u64 + 1);
                let dir = out.join(fam.name).join(format.ext());
                std::fs::create_dir_all(&dir).expect("output folder");
                std::fs::write(
                    dir.join(format!("{}.{}", g.stem, layout.format.ext())),
                    layout.render(title, &recs),
                )
                .expect("write");
            }
        }
    }
    println!("wrote {}", out.display());
}
