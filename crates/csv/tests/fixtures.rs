//! The invented action plans in fixtures/csv: a CRLF comma-separated export with title
//! lines and section rows, and a tab-separated one.

use plansift_model::{Block, Document, Table, TableOrigin};

fn read(name: &str) -> String {
    let path = format!("{}/../../fixtures/csv/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn only_table(doc: &Document) -> &Table {
    let tables: Vec<&Table> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect();
    assert_eq!(tables.len(), 1);
    tables[0]
}

#[test]
fn community_safety_csv_with_crlf_titles_and_multiline_cells() {
    let text = read("community-safety-action-plan.csv");
    assert!(text.contains("\r\n"), "fixture keeps Windows line ends");
    assert_eq!(plansift_csv::sniff_delimiter(&text), Some(b','));
    assert_eq!(plansift_csv::looks_delimited(&text), Some(b','));
    let doc = plansift_csv::parse(&text, b',').expect("parses");
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    assert_eq!(doc.pages, 1);
    match &doc.blocks[..2] {
        [Block::Heading(h), Block::Heading(sub)] => {
            assert_eq!(
                h.text,
                "Northfield Borough Council - Community Safety Action Plan 2016/17"
            );
            assert_eq!((h.level, h.prov.line), (1, Some(1)));
            assert_eq!(sub.text, "Quarter 2 progress update (to 30 September 2016)");
            assert_eq!(sub.prov.line, Some(2));
        }
        other => panic!("title blocks expected, got {other:?}"),
    }
    let t = only_table(&doc);
    assert_eq!(t.origin, TableOrigin::Delimited);
    assert_eq!(t.columns(), 6);
    assert!(t.rows.iter().all(|r| r.cells.len() == 6));
    let header: Vec<&str> = t.rows[0].cells.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        header,
        [
            "Ref",
            "Action",
            "Lead Officer",
            "Target Date",
            "RAG",
            "Progress"
        ]
    );
    assert!(t.rows[0].cells.iter().all(|c| c.header));
    assert_eq!(t.rows[0].prov.line, Some(4));
    // a section row stays in the table as a one-cell row
    assert_eq!(
        t.rows[1].text(0),
        "Priority 1: Reduce anti-social behaviour in town centres"
    );
    assert_eq!(t.rows[1].filled(), 1);
    // commas inside quotes, a multi-line cell joined with one space
    let cs11 = &t.rows[2];
    assert_eq!(cs11.text(2), "Priya Nair, Community Safety Manager");
    assert_eq!(
        cs11.text(5),
        "Patrols started on 1 September. Early feedback from traders is positive."
    );
    // doubled quotes; records start on the line after a two-line cell
    let cs12 = &t.rows[3];
    assert_eq!(
        cs12.text(1),
        "Review CCTV coverage of the \"night-time economy\" area"
    );
    assert_eq!(cs11.prov.line, Some(6));
    assert_eq!(cs12.prov.line, Some(8));
    assert_eq!(t.rows[4].prov.line, Some(10));
    let cs21 = t.rows.iter().find(|r| r.text(0) == "CS2.1").expect("CS2.1");
    assert_eq!(cs21.text(4), "R");
    assert!(cs21.text(5).ends_with("are all under review."));
    assert_eq!(t.rows.len(), 8);
}

#[test]
fn health_wellbeing_tsv() {
    let text = read("health-wellbeing-actions.tsv");
    assert_eq!(plansift_csv::sniff_delimiter(&text), Some(b'\t'));
    assert_eq!(plansift_csv::looks_delimited(&text), Some(b'\t'));
    let doc = plansift_csv::parse(&text, b'\t').expect("parses");
    assert_eq!(doc.blocks.len(), 1);
    let t = only_table(&doc);
    assert_eq!(t.rows.len(), 6);
    assert!(t.rows.iter().all(|r| r.cells.len() == 6));
    // a quoted tab stays inside its cell
    assert_eq!(t.rows[2].text(5), "Tender evaluation slipped by six weeks.");
    assert_eq!(
        t.rows[2].text(1),
        "Commission a falls prevention service, including home hazard checks"
    );
    assert_eq!(
        t.rows[3].text(5),
        "Workshop held with 40 carers. Strategy consultation opens in May."
    );
    // the short last row is padded
    assert_eq!(t.rows[5].text(3), "March 2018");
    assert_eq!(t.rows[5].text(4), "");
    assert_eq!(t.rows[5].prov.line, Some(7));
}
