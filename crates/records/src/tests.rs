use super::*;
use plansift_model::TextBlock;

fn doc(text: &str) -> Document {
    let mut d = Document {
        pages: 1,
        ..Default::default()
    };
    for (i, l) in text.lines().enumerate() {
        if l.trim().is_empty() {
            continue;
        }
        d.blocks.push(Block::Paragraph(TextBlock {
            text: l.trim().to_string(),
            bold: false,
            level: 0,
            prov: Prov::line(1, i as u32 + 1),
        }));
    }
    d
}

fn tables(d: &Document) -> Vec<&Table> {
    d.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect()
}

fn texts(r: &Row) -> Vec<&str> {
    r.cells.iter().map(|c| c.text.as_str()).collect()
}

#[test]
fn labelled_blocks_become_rows_with_a_header() {
    let mut d = doc("Plan\n\nAction 1: Develop the carers strategy\nLead officer: Jo Bloggs\nTimescale: March 2025\nStatus: Green\n\nAction 2: Review the pathway\nwith partners\nLead officer: Sam Smith\nTimescale: June 2025\n\nAction 3: Open two hubs\nLead officer: Ann Lee\nTimescale: 2025/26\nStatus: Amber\n");
    rebuild(&mut d);
    let t = tables(&d);
    assert_eq!(t.len(), 1);
    assert_eq!(t[0].origin, TableOrigin::Records);
    assert_eq!(
        texts(&t[0].rows[0]),
        ["", "Action", "Lead officer", "Timescale", "Status"]
    );
    assert!(t[0].rows[0].cells[1].header);
    assert_eq!(
        texts(&t[0].rows[2]),
        [
            "2",
            "Review the pathway with partners",
            "Sam Smith",
            "June 2025",
            ""
        ]
    );
    assert_eq!(t[0].rows[2].prov.line, Some(8));
    assert_eq!(t[0].rows.len(), 4);
}

#[test]
fn minutes_action_lines_split_into_who_and_when() {
    let mut d = doc("ACTION: Break down the data by neighbourhood (JB) by April 2025.\nACTION: Write to the provider about the vacant post (JB) by 28 February.\nAction: Confirm how handover data will be shared weekly - Lead: DW - Due: March 2025.\nACTION: Add the falls review to the forward plan (LF) by 13 March.\n");
    rebuild(&mut d);
    let t = tables(&d);
    assert_eq!(t.len(), 1, "{}", plansift_model::render(&d));
    let rows = &t[0].rows;
    assert_eq!(texts(&rows[0]), ["ACTION", "Lead", "Due"]);
    assert_eq!(
        texts(&rows[1]),
        ["Break down the data by neighbourhood", "JB", "April 2025"]
    );
    assert_eq!(
        texts(&rows[3]),
        [
            "Confirm how handover data will be shared weekly",
            "DW",
            "March 2025"
        ]
    );
}

#[test]
fn a_glossary_and_resolutions_stay_paragraphs() {
    let src = "ASB: Anti-social behaviour.\nBCF: Better Care Fund.\nCSP: Community Safety Partnership.\nFTE: Full-time equivalent.\n";
    let mut d = doc(src);
    rebuild(&mut d);
    assert!(tables(&d).is_empty());
    let mut d = doc("RESOLVED: That the minutes be approved.\nRESOLVED: That the report be noted.\nRESOLVED: That permission be granted subject to conditions.\n");
    rebuild(&mut d);
    assert!(tables(&d).is_empty());
}

#[test]
fn one_cell_per_line_rebuilds_the_rows() {
    let mut d = doc("Delivery plan\n\nAction\nLead\nBy when\nDevelop the carers strategy\nJo Bloggs\nMarch 2025\nReview the pathway with partners\n\nJune 2025\nOpen two community hubs\nAnn Lee\n2025/26\n");
    rebuild(&mut d);
    let t = tables(&d);
    assert_eq!(t.len(), 1, "{}", plansift_model::render(&d));
    assert_eq!(texts(&t[0].rows[0]), ["Action", "Lead", "By when"]);
    assert_eq!(
        texts(&t[0].rows[2]),
        ["Review the pathway with partners", "", "June 2025"]
    );
    assert_eq!(t[0].rows.len(), 4);
}

#[test]
fn a_line_standing_alone_above_a_group_is_its_heading() {
    let mut d = doc("Plan\n\nBetter housing\n\nAction: Build homes\nLead: Jo Bloggs\n\nAction: Buy homes\nLead: Sam Smith\n\nAction: Let homes\nLead: Ann Lee\n");
    rebuild(&mut d);
    assert!(
        matches!(&d.blocks[1], Block::Heading(h) if h.text == "Better housing"),
        "{}",
        plansift_model::render(&d)
    );
    assert!(matches!(&d.blocks[0], Block::Paragraph(_)));
    assert_eq!(tables(&d).len(), 1);
}

#[test]
fn a_time_of_day_is_no_label() {
    assert_eq!(labelled("Updated 08:10"), None);
    assert_eq!(labelled("Meeting at 10:30 in room 4"), None);
    let (label, num, value) = labelled("Time: 10:30").unwrap();
    assert_eq!(
        (label.as_str(), num, value.as_str()),
        ("Time", None, "10:30")
    );
}
