//! The interpretation stage never panics, whatever the tables hold.

use plansift_interpret::interpret;
use proptest::prelude::*;

/// Cells drawn from header words, dates, ratings, names, fragments and noise, so that random
/// rows hit the plan rules (headers, continuations, splits, objectives) rather than only noise.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just(String::new()),
        prop::sample::select(vec![
            "Action",
            "Lead",
            "Deadline",
            "RAG",
            "Objective",
            "Comments",
            "Reference",
            "We aimed to",
            "Priorities",
            "Milestones (Timescale)",
            "Risk Owner",
            "Measure Description",
            "G",
            "Amber",
            "red",
            "March 15",
            "24/02/11",
            "On-going",
            "Q3",
            "Jo Bloggs",
            "GK/MW",
            "SMT",
            "SCAR001.1",
            "SCAR001",
            "(attended by",
            "Nurse) Next action",
            "people and families",
            "We measure this achievement by:",
            "Priority Outcome 2 Maxim",
            "ising more",
            "10. item",
            "• bullet",
            "Intro:",
            "Service: Care4CE",
            "((((",
            "))))",
            "é ü 漢字 🙂",
            ".",
            "",
        ])
        .prop_map(String::from),
        "[ -~]{0,40}",
        "\\PC{0,20}",
    ]
}

fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::collection::vec(cell(), 1..9).prop_map(|c| c.join("\t")),
        1 => Just("## Page header 2014/15".to_string()),
        1 => Just(String::new()),
        1 => cell(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn random_plans_never_panic(lines in prop::collection::vec(line(), 0..60)) {
        let doc = plansift_text::parse(&lines.join("\n"));
        let out = interpret(&doc);
        for a in &out.actions {
            prop_assert!(!a.text.trim().is_empty());
            if let Some(d) = &a.deadline {
                if let (Some(s), Some(e)) = (d.start, d.end) {
                    prop_assert!(s <= e, "{d:?}");
                }
            }
        }
    }
}

#[test]
fn a_huge_table_is_linear() {
    let mut src = String::from("Action\tLead\tDeadline\tRAG\n");
    for i in 0..50_000 {
        src.push_str(&format!(
            "Deliver item number {i} of the plan\tJo Bloggs\t31/03/2015\tG\n"
        ));
    }
    let out = interpret(&plansift_text::parse(&src));
    assert_eq!(out.actions.len(), 50_000);
}
