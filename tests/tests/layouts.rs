//! Issue 8's layout-variation bars: every fixture plan re-laid out in each layout family
//! (from its gold labels), in CSV, TSV, HTML and text, scored against the original's gold.

use plansift_tests::layouts::{families, records, Format, Layout};
use plansift_tests::{extract_generated, fixtures, gold_plans, score, Gold, Score};

fn run(layout_of: impl Fn(&[plansift_tests::layouts::Record], u64) -> Layout) -> Score {
    let golds = gold_plans();
    let mut docs = Vec::new();
    for (i, (g, v)) in golds.iter().enumerate() {
        let recs = records(v);
        let layout = layout_of(&recs, i as u64 + 1);
        let title = v["title"].as_str().unwrap_or("Delivery plan");
        let content = layout.render(title, &recs);
        docs.push(extract_generated(
            &format!("{}.{}", g.stem, layout.format.ext()),
            &content,
        ));
    }
    let gs: Vec<Gold> = golds.into_iter().map(|(g, _)| g).collect();
    score(&gs, &docs).total
}

#[test]
fn every_layout_family_meets_the_bars() {
    let mut failed = Vec::new();
    for fam in families() {
        let mut total = Score::default();
        for format in Format::ALL {
            let s = run(|recs, seed| (fam.make)(recs, format, seed));
            println!("{:20} {:5} {}", fam.name, format.ext(), s.summary());
            total.add(&s);
        }
        println!("{:20} ALL   {}", fam.name, total.summary());
        if total.f1() < 0.97 || total.fields() < 0.95 {
            let misses: Vec<&String> = total.misses.iter().take(12).collect();
            failed.push(format!(
                "{}: f1={:.3} fields={:.3}\n  {misses:#?}",
                fam.name,
                total.f1(),
                total.fields()
            ));
        }
    }
    assert!(
        failed.is_empty(),
        "layout families under the bars (action_f1 >= 0.97, fields >= 0.95):\n{}",
        failed.join("\n")
    );
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

        /// Any combination of the layout choices keeps most actions and their fields.
        #[test]
        fn any_layout_keeps_the_actions(seed in 0u64..1_000_000) {
            let s = run(|recs, i| Layout::random(recs, seed.wrapping_mul(7919).wrapping_add(i)));
            prop_assert!(s.f1() >= 0.9, "seed {seed}: {}\n{:#?}", s.summary(), s.misses.iter().take(10).collect::<Vec<_>>());
            prop_assert!(s.fields() >= 0.9, "seed {seed}: {}", s.summary());
        }
    }
}

/// The same layouts rendered to PDF through a real producer (Chromium headless, by
/// `scripts/render-layout-pdfs.sh`; the files are committed).
#[cfg(feature = "pdf")]
#[test]
fn layouts_rendered_to_pdf_meet_the_bars() {
    let dir = fixtures().join("layouts/pdf");
    let mut families: Vec<_> = std::fs::read_dir(&dir)
        .expect("layouts/pdf")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    families.sort();
    assert!(families.len() >= 6, "{} rendered families", families.len());
    let mut failed = Vec::new();
    for fam in families {
        let name = fam
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        let (_, s) = plansift_tests::extract_and_score(&format!("layouts/pdf/{name}"));
        println!("{name:32} {}", s.summary());
        if s.f1() < 0.97 || s.fields() < 0.95 {
            failed.push(format!(
                "{name}: {}\n  {:#?}",
                s.summary(),
                s.misses.iter().take(8).collect::<Vec<_>>()
            ));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}
