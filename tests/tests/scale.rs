//! Issue 8: a 400,000-row tab-separated plan with no header row (action, officer, month,
//! rating, comment) gives every action, read from content alone.

#[test]
fn a_400000_row_plan_with_no_header_row() {
    const ROWS: usize = 400_000;
    let verbs = [
        "Review",
        "Develop",
        "Agree",
        "Deliver",
        "Commission",
        "Publish",
        "Train",
        "Extend",
    ];
    let things = [
        "the carers strategy",
        "a falls pathway",
        "the youth offer",
        "two new hubs",
        "the estates plan",
    ];
    let officers = [
        "Jo Bloggs",
        "Sam Smith",
        "Head of Housing",
        "Director of Public Health",
        "A. Patel",
    ];
    let months = [
        "April 2025",
        "June 2025",
        "September 2025",
        "December 2025",
        "March 2026",
    ];
    let rags = ["G", "A", "R", "G"];
    let comments = [
        "Work has started and a draft was shared with partners in May.",
        "The first phase was completed; the second has been scoped.",
        "Delayed by recruitment; a revised plan was agreed.",
    ];
    let mut text = String::with_capacity(ROWS * 110);
    for i in 0..ROWS {
        text.push_str(&format!(
            "{} {} for area {}\t{}\t{}\t{}\t{}\n",
            verbs[i % verbs.len()],
            things[(i / 8) % things.len()],
            i,
            officers[i % officers.len()],
            months[(i / 3) % months.len()],
            rags[i % rags.len()],
            comments[i % comments.len()]
        ));
    }
    let doc = plansift_extract::extract_bytes("big-plan.tsv", text.as_bytes());
    assert!(doc.error.is_none(), "{:?}", doc.error);
    assert_eq!(doc.actions.len(), ROWS);
    let i = 123_457;
    let a = &doc.actions[i];
    assert_eq!(
        a.text,
        format!(
            "{} {} for area {i}",
            verbs[i % verbs.len()],
            things[(i / 8) % things.len()]
        )
    );
    assert_eq!(
        a.lead.as_ref().map(|l| l.raw.as_str()),
        Some(officers[i % officers.len()])
    );
    assert_eq!(
        a.deadline.as_ref().map(|d| d.raw.as_str()),
        Some(months[(i / 3) % months.len()])
    );
    assert_eq!(
        a.rag.as_ref().map(|r| r.raw.as_str()),
        Some(rags[i % rags.len()])
    );
    assert_eq!(a.progress.as_deref(), Some(comments[i % comments.len()]));
    assert!(doc
        .actions
        .iter()
        .all(|a| a.rag.as_ref().is_some_and(|r| r.status.is_some())));
}
