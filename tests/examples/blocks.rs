//! Write every fixture plan in every block family (records that are not tables) for seeds
//! 1-6, the ones the tests use, to a folder:
//! `cargo run -p plansift-tests --example blocks -- OUT_DIR`
use plansift_tests::blocks::families;
use plansift_tests::fixtures;
use plansift_tests::layouts::records;

fn main() {
    let out = std::path::PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "out/blocks".into()),
    );
    let gold_dir = fixtures().join("gold");
    for g in plansift_eval::load_gold_dir(&gold_dir).expect("gold") {
        let text = std::fs::read_to_string(gold_dir.join(format!("{}.gold.json", g.stem)))
            .expect("gold file");
        let v: serde_json::Value = serde_json::from_str(&text).expect("gold JSON");
        let recs = records(&v);
        let title = v["title"].as_str().unwrap_or("Delivery plan");
        for fam in families() {
            for seed in 1..=6u64 {
                let dir = out.join(format!("{}-{seed}", fam.name));
                std::fs::create_dir_all(&dir).expect("output folder");
                std::fs::write(
                    dir.join(format!("{}.txt", g.stem)),
                    (fam.render)(title, &recs, seed),
                )
                .expect("write");
            }
        }
    }
}
