//! The interpretation rules on small documents written in the text format
//! (tab-separated rows, `## ` page headers), so each rule is visible in its input.

use plansift_interpret::interpret;
use plansift_model::{Block, Cell, Document, Prov, Rgb, Row, Table, TableOrigin};
use plansift_schema::Action;

fn run(src: &str) -> Vec<Action> {
    interpret(&plansift_text::parse(src)).actions
}

const HEADER: &str = "Objective\tAction\tLead\tDeadline\tComments\tRAG\n";

#[test]
fn a_plan_table_gives_actions_with_normalised_fields() {
    let acts = run(&format!("Delivery Plan 2014/15\n\n{HEADER}Better care\tFinalise the strategy\tMandy Ansell\tMarch 15\tDone\tG\n"));
    assert_eq!(acts.len(), 1);
    let a = &acts[0];
    assert_eq!(a.text, "Finalise the strategy");
    assert_eq!(a.objective.as_deref(), Some("Better care"));
    assert_eq!(a.lead.as_ref().unwrap().raw, "Mandy Ansell");
    assert_eq!(
        a.deadline.as_ref().unwrap().end.unwrap().to_string(),
        "2015-03-31"
    );
    assert_eq!(
        a.rag.as_ref().unwrap().status,
        Some(plansift_schema::RagStatus::Green)
    );
    assert_eq!(a.progress.as_deref(), Some("Done"));
    assert_eq!(a.source.line, Some(4));
}

#[test]
fn tables_without_an_action_column_are_not_plans() {
    let measures = "Reference\tMeasure Description\tTarget 2011/12\tResponsible Officer\nM1\tSickness levels\t4%\tJo Bloggs\n";
    let risks = "Risk Reference\tRisk Description\tRisk Owner\nR1\tDemand\tJo Bloggs\n";
    assert!(run(measures).is_empty());
    assert!(run(risks).is_empty());
}

#[test]
fn a_row_cut_by_a_page_break_is_joined() {
    let src = format!(
        "## Plan 2014/15\n{HEADER}Care\tReview the pathways and develop an action plan with the\tJo Bloggs\tJuly 2014\tStarted\tA\n\n## Plan 2014/15\n\tclinical leads\t\t\tand continues\t\n\tStart the next thing\tSam Smith\tOn-going\tNone\tG\n"
    );
    let acts = run(&src);
    assert_eq!(acts.len(), 2, "{acts:#?}");
    assert_eq!(
        acts[0].text,
        "Review the pathways and develop an action plan with the clinical leads"
    );
    assert_eq!(acts[0].progress.as_deref(), Some("Started and continues"));
    assert_eq!(acts[1].text, "Start the next thing");
}

#[test]
fn a_row_with_the_previous_tail_and_a_new_action_is_split() {
    let src = format!(
        "## Plan\n{HEADER}Care\tMonitor through the Quality Group (attended by\tJo Bloggs\tOn-going\tx\tA\n\n## Plan\n\tExecutive Nurse) Special focus on cancer pathways\tSam Smith\tMarch 2015\ty\tA\n"
    );
    let acts = run(&src);
    assert_eq!(acts.len(), 2);
    assert_eq!(
        acts[0].text,
        "Monitor through the Quality Group (attended by Executive Nurse)"
    );
    assert_eq!(acts[1].text, "Special focus on cancer pathways");
    assert_eq!(acts[1].lead.as_ref().unwrap().raw, "Sam Smith");
}

#[test]
fn objectives_carry_down_and_a_centred_merged_cell_applies_upwards() {
    let src = "Priorities\tActions\tMilestones\tGovernance board\nGetting it right from childhood\t\t\t\n\tFirst action\tApr-14\tBoard\nWe will support a positive start\tSecond action\tApr-14\tBoard\n\tThird action\tMay-14\tBoard\nManaging the shift\t\t\t\nWe will reduce harm\tFourth action\tJun-14\tBoard\n";
    let acts = run(src);
    let got: Vec<(&str, Option<&str>, Option<&str>)> = acts
        .iter()
        .map(|a| (a.text.as_str(), a.theme.as_deref(), a.objective.as_deref()))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "First action",
                Some("Getting it right from childhood"),
                Some("We will support a positive start")
            ),
            (
                "Second action",
                Some("Getting it right from childhood"),
                Some("We will support a positive start")
            ),
            (
                "Third action",
                Some("Getting it right from childhood"),
                Some("We will support a positive start")
            ),
            (
                "Fourth action",
                Some("Managing the shift"),
                Some("We will reduce harm")
            ),
        ]
    );
    // the governance column is not a lead
    assert!(acts[0].lead.is_none());
    assert_eq!(acts[0].governance.as_deref(), Some("Board"));
}

#[test]
fn empty_numbered_rows_and_measure_rows_are_not_actions() {
    let src = "We aimed to\tRAG Status\tUpdate\nImprove the service\tGreen\tOn track\nWe measure this achievemen\tt by:\t\nThe reduction in placements\t\tFell by 4%\n\nReference\tAction/Milestone\tResponsible Officer\tDate due\nSL1.1\tAgree the plan\tJo Bloggs\t24/02/11\nSL1.2\t\t\t\n";
    let acts = run(src);
    let texts: Vec<&str> = acts.iter().map(|a| a.text.as_str()).collect();
    assert_eq!(texts, ["Improve the service", "Agree the plan"]);
    assert_eq!(acts[1].reference.as_deref(), Some("SL1.1"));
}

#[test]
fn reference_codes_take_their_parent_objective() {
    let src = "Service: Care4CE (SCAR)\n\nSCAR001 *To maintain a well trained workforce*\n\nReference\tAction/Milestone\tResponsible Officer\tDate due for completion\nSCAR001.1\tAGREE DEVELOPMENT PLAN\tMarion Goddard\t24/02/11\n";
    let acts = run(src);
    assert_eq!(
        acts[0].objective.as_deref(),
        Some("To maintain a well trained workforce")
    );
    assert_eq!(acts[0].theme.as_deref(), Some("Care4CE (SCAR)"));
    assert_eq!(
        acts[0].deadline.as_ref().unwrap().end.unwrap().to_string(),
        "2011-02-24"
    );
}

#[test]
fn a_row_missing_its_leading_cell_is_realigned_by_content() {
    // the converter dropped one leading empty cell: everything sits one column left
    let src = format!("{HEADER}Care\tFirst action here\tJo Bloggs\tJuly 2014\tText\tG\n\tSecond action here\tSam Smith\tCommence May 2014\tMore text\tA\n");
    let acts = run(&src);
    assert_eq!(acts.len(), 2);
    assert_eq!(acts[1].text, "Second action here");
    assert_eq!(acts[1].lead.as_ref().unwrap().raw, "Sam Smith");
    assert_eq!(
        acts[1].rag.as_ref().unwrap().status,
        Some(plansift_schema::RagStatus::Amber)
    );
}

#[test]
fn a_wrapped_action_and_a_lowercase_fragment() {
    let src = "We aimed to\tRAG Status\tUpdate\nSupport service users to stay\tGreen\tWork continues\nindependent for as long as\t\tand more\npossible\t\t\n";
    let acts = run(src);
    assert_eq!(acts.len(), 1);
    assert_eq!(
        acts[0].text,
        "Support service users to stay independent for as long as possible"
    );
}

#[test]
fn rag_from_a_cell_fill_colour() {
    let prov = Prov::page(1);
    let cell = |t: &str, fill: Option<Rgb>| {
        let mut c = Cell::new(t, prov);
        c.fill = fill;
        c
    };
    let rows = vec![
        Row {
            cells: vec![cell("Action", None), cell("Lead", None), cell("RAG", None)],
            prov,
        },
        Row {
            cells: vec![
                cell("Do the first thing", None),
                cell("Jo Bloggs", None),
                cell("", Some(Rgb(0, 176, 80))),
            ],
            prov,
        },
        Row {
            cells: vec![
                cell("Do the second thing", None),
                cell("Sam Smith", None),
                cell("", Some(Rgb(255, 0, 0))),
            ],
            prov,
        },
    ];
    let doc = Document {
        pages: 1,
        blocks: vec![Block::Table(Table {
            rows,
            origin: TableOrigin::Ruled,
            prov,
        })],
        ..Default::default()
    };
    let acts = interpret(&doc).actions;
    let rag: Vec<_> = acts
        .iter()
        .map(|a| {
            (
                a.rag.as_ref().unwrap().raw.clone(),
                a.rag.as_ref().unwrap().status,
            )
        })
        .collect();
    assert_eq!(
        rag[0],
        (
            "#00B050".to_string(),
            Some(plansift_schema::RagStatus::Green)
        )
    );
    assert_eq!(rag[1].1, Some(plansift_schema::RagStatus::Red));
}

#[test]
fn title_period_and_organisation() {
    let doc = plansift_text::parse("\n## Joint Health and Wellbeing Strategy Delivery Plan 2014/15\n\nThurrock Council will work with partners.\n\nThurrock Council\n");
    let i = interpret(&doc);
    assert_eq!(
        i.title.as_deref(),
        Some("Joint Health and Wellbeing Strategy Delivery Plan 2014/15")
    );
    assert_eq!(i.period.as_ref().unwrap().raw, "2014/15");
    assert_eq!(i.organisation.as_deref(), Some("Thurrock Council"));
    assert!(i.diagnostics.iter().any(|d| d.code == "plan.no_plan_table"));
}

#[test]
fn the_action_column_is_inferred_when_no_header_names_it() {
    let src = "Description\tLead Officer\tTarget Date\tRAG\nDeliver the new housing allocations policy\tJo Bloggs\t31/03/2015\tA\nReview the homelessness strategy with partners\tSam Smith\tQ3 2014/15\tG\n";
    let acts = run(src);
    assert_eq!(acts.len(), 2);
    assert_eq!(acts[0].text, "Deliver the new housing allocations policy");
    assert_eq!(
        acts[1].deadline.as_ref().unwrap().end.unwrap().to_string(),
        "2014-12-31"
    );
    // a measures table with the same key columns is still not a plan
    assert!(run("Measure\tLead Officer\tTarget Date\tRAG\nPercentage of complaints answered on time\tJo Bloggs\t31/03/2015\tA\n").is_empty());
}

/// A "Priority N: ..." heading above the plan is the section its rows sit under (a theme);
/// an "Objective N.M: ..." heading under it is an objective.
#[test]
fn numbered_priority_headings_are_themes_and_objective_headings_objectives() {
    let p = Prov::page(1);
    let heading = |t: &str| {
        Block::Heading(plansift_model::TextBlock {
            text: t.into(),
            bold: true,
            level: 2,
            prov: p,
        })
    };
    let row = |cells: &[&str], header: bool| Row {
        cells: cells
            .iter()
            .map(|t| Cell {
                header,
                ..Cell::new(*t, p)
            })
            .collect(),
        prov: p,
    };
    let table = |action: &str| {
        Block::Table(Table {
            rows: vec![
                row(&["Action", "Lead", "Deadline"], true),
                row(&[action, "Jo Bloggs", "March 2025"], false),
                row(
                    &["Review the placement policy", "Sam Smith", "June 2025"],
                    false,
                ),
            ],
            origin: TableOrigin::Markup,
            prov: p,
        })
    };
    let doc = Document {
        pages: 1,
        blocks: vec![
            heading("Priority 1: Prevent homelessness at the earliest opportunity"),
            table("Set up a prevention fund"),
            heading("Objective 1.2: Reduce the use of temporary accommodation"),
            table("Buy 40 homes for temporary use"),
        ],
        ..Default::default()
    };
    let acts = interpret(&doc).actions;
    assert_eq!(acts.len(), 4, "{acts:#?}");
    assert_eq!(
        acts[0].theme.as_deref(),
        Some("Prevent homelessness at the earliest opportunity")
    );
    assert_eq!(acts[0].objective, None);
    assert_eq!(
        acts[2].objective.as_deref(),
        Some("Reduce the use of temporary accommodation")
    );
    assert_eq!(acts[2].theme, acts[0].theme);
}
