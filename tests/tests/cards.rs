//! Issue 10's bars for HTML plans that are not tables: every fixture plan written as cards with
//! labels, cards with class names only and colour badges, and definition lists (from its
//! gold labels, several seeds so the label words vary), scored against the original's gold.

use plansift_tests::cards::{render, CardFamily};
use plansift_tests::layouts::records;
use plansift_tests::{extract_generated, gold_plans, score, Score};

/// Seeds per plan and family: the label words, markup styles and badge variants vary with it.
const SEEDS: u64 = 5;

#[test]
fn every_card_family_meets_the_bars_on_every_plan() {
    let golds = gold_plans();
    assert!(golds.len() >= 4, "{} gold plans", golds.len());
    let mut failed = Vec::new();
    for fam in CardFamily::ALL {
        let mut total = Score::default();
        for (i, (g, v)) in golds.iter().enumerate() {
            let recs = records(v);
            let title = v["title"].as_str().unwrap_or("Delivery plan");
            let mut plan = Score::default();
            for s in 0..SEEDS {
                let seed = (i as u64 + 1) * 100 + s;
                let html = render(fam, title, &recs, seed);
                let doc = extract_generated(&format!("{}.html", g.stem), &html);
                let sc = score(std::slice::from_ref(g), &[doc]).total;
                plan.add(&sc);
            }
            println!("{:18} {:40} {}", fam.name(), g.stem, plan.summary());
            if plan.f1() < 0.95 || plan.fields() < 0.95 {
                failed.push(format!(
                    "{} / {}: f1={:.3} fields={:.3}\n  {:#?}",
                    fam.name(),
                    g.stem,
                    plan.f1(),
                    plan.fields(),
                    plan.misses.iter().take(8).collect::<Vec<_>>()
                ));
            }
            total.add(&plan);
        }
        println!("{:18} ALL {}", fam.name(), total.summary());
    }
    assert!(
        failed.is_empty(),
        "card families under the bars (action_f1 >= 0.95, fields >= 0.95):\n{}",
        failed.join("\n")
    );
}
