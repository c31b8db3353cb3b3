//! Write every fixture plan in every card family (the seeds of `tests/tests/cards.rs`) to a
//! folder, to look at: `cargo run -p plansift-tests --example cards -- OUT_DIR`
use plansift_tests::cards::{render, CardFamily};
use plansift_tests::fixtures;
use plansift_tests::layouts::records;

fn main() {
    let out = std::path::PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "out/cards".into()),
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
        for fam in CardFamily::ALL {
            for s in 0..5u64 {
                let seed = (d as u64 + 1) * 100 + s;
                let dir = out.join(fam.name()).join(format!("seed{s}"));
                std::fs::create_dir_all(&dir).expect("output folder");
                std::fs::write(
                    dir.join(format!("{}.html", g.stem)),
                    render(fam, title, &recs, seed),
                )
                .expect("write");
            }
        }
    }
    println!("wrote {}", out.display());
}
