//! Layouts that are not tables, made from every fixture plan's gold labels (issue 10): the
//! records written the way minutes, web pages saved as text and PDF-to-text converters write
//! them. Each [`BlockFamily`] renders a plan's [`Record`]s (from [`crate::layouts::records`])
//! as a text file:
//! - **key-value blocks** under theme headings: `Label: value` lines per action, numbered or
//!   not, the objective a labelled line or a banner above its group;
//! - **minutes action lines**: "ACTION: text (lead) by deadline", "Action: text - Lead: ... -
//!   Due: ...", "Action 3: ... / Responsible officer: ... / Timescale: ...", under item
//!   headings, among narrative;
//! - **one cell per line**: a header of N label lines, then each row's cells one per line (an
//!   empty cell a blank line), as some PDF-to-text converters write tables.
//!
//! The label words vary with the seed, drawn from the words public bodies use. [`docx`] writes
//! any of them as a Word document, one paragraph a line (the key-value blocks are asserted as
//! DOCX too).

use crate::layouts::{Record, Rng};

const ACTION: &[&str] = &[
    "Action",
    "Agreed action",
    "What we will do",
    "Task",
    "Activity",
    "Key action",
    "Deliverable",
];
const LEAD: &[&str] = &[
    "Owner",
    "Lead officer",
    "Responsible",
    "Lead",
    "Responsible officer",
    "Action owner",
    "Who",
    "Led by",
];
const DEADLINE: &[&str] = &[
    "Timescale",
    "By when",
    "Target date",
    "Deadline",
    "Due date",
    "Due",
    "Completion date",
];
const RAG: &[&str] = &[
    "Status",
    "RAG",
    "Progress status",
    "RAG status",
    "Rating",
    "Current status",
];
const UPDATE: &[&str] = &["Update", "Comments", "Progress update", "Commentary"];
const OBJECTIVE: &[&str] = &["Objective", "Priority", "Outcome", "Aim"];
const REF: &[&str] = &["Ref", "Reference", "Action no."];

const NARRATIVE: &[&str] = &[
    "The lead officer presented the report and members discussed the progress made since the last meeting.",
    "Members noted the update and asked for the next report to include the views of residents.",
    "The committee discussed the risks to delivery and the resources available this year.",
    "An update was given on the work with partners; members welcomed the progress.",
];
const UPDATES: &[&str] = &[
    "Work has started with partners and a first draft was shared with the board in June.",
    "The first phase was completed on time and the second phase has been scoped.",
    "Delivery was delayed by recruitment and a revised plan was agreed at the last meeting.",
    "Two workshops were held with residents and the findings have been reported.",
];

/// The rating as written: letters, colour words or phrases.
fn rag_text(status: &str, style: usize) -> String {
    let (letter, word, phrase) = match status {
        "green" => ("G", "Green", "On track"),
        "amber" => ("A", "Amber", "At risk"),
        "red" => ("R", "Red", "Off track"),
        "complete" => ("C", "Complete", "Completed"),
        other => (other, other, other),
    };
    [letter, word, phrase][style % 3].to_string()
}

/// The labels one document uses.
struct Labels {
    action: &'static str,
    lead: &'static str,
    deadline: &'static str,
    rag: &'static str,
    update: &'static str,
    objective: &'static str,
    reference: &'static str,
}

impl Labels {
    fn draw(rng: &mut Rng) -> Labels {
        let rag = *rng.pick(RAG);
        let update = loop {
            let u = *rng.pick(UPDATE);
            if !u.starts_with(rag) {
                break u;
            }
        };
        Labels {
            action: ACTION[rng.below(ACTION.len())],
            lead: LEAD[rng.below(LEAD.len())],
            deadline: DEADLINE[rng.below(DEADLINE.len())],
            rag,
            update,
            objective: OBJECTIVE[rng.below(OBJECTIVE.len())],
            reference: REF[rng.below(REF.len())],
        }
    }
}

/// A theme heading as PDF-to-text converters and Word exports write one.
fn heading(text: &str, style: usize) -> String {
    match style % 3 {
        0 => format!("## {text}"),
        1 => format!("<b>{text}</b>"),
        // a plain line standing alone (what a converter leaves of a bold heading)
        _ => text.to_string(),
    }
}

/// Key-value blocks under theme headings.
pub fn key_value_blocks(title: &str, recs: &[Record], seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let l = Labels::draw(&mut rng);
    let numbered = rng.below(3); // 0: "Action 3:", 1: "3. text", 2: no numbers
    let objective_banner = rng.below(2) == 0;
    let rag_style = rng.below(3);
    let head_style = rng.below(3);
    let with_update = rng.below(2) == 0;
    let mut out = format!("{title}\n\n");
    let (mut theme, mut objective): (Option<&str>, Option<&str>) = (None, None);
    let mut n_obj = 0;
    for (i, r) in recs.iter().enumerate() {
        let new_theme = r.theme.as_deref() != theme;
        let new_objective = new_theme || r.objective.as_deref() != objective;
        if new_theme {
            if let Some(t) = &r.theme {
                out.push_str(&format!("{}\n\n", heading(t, head_style)));
            }
        }
        if objective_banner && new_objective {
            if let Some(o) = &r.objective {
                n_obj += 1;
                out.push_str(&format!("{} {n_obj}: {o}\n\n", l.objective));
            }
        }
        match numbered {
            0 => out.push_str(&format!("{} {}: {}\n", l.action, i + 1, r.text)),
            1 => out.push_str(&format!("{}. {}\n", i + 1, r.text)),
            _ => out.push_str(&format!("{}: {}\n", l.action, r.text)),
        }
        if let Some(x) = &r.reference {
            out.push_str(&format!("{}: {x}\n", l.reference));
        }
        if !objective_banner {
            if let Some(o) = &r.objective {
                out.push_str(&format!("{}: {o}\n", l.objective));
            }
        }
        if let Some(x) = &r.lead {
            out.push_str(&format!("{}: {x}\n", l.lead));
        }
        if let Some(x) = &r.deadline {
            out.push_str(&format!("{}: {x}\n", l.deadline));
        }
        if let Some(x) = &r.rag {
            out.push_str(&format!("{}: {}\n", l.rag, rag_text(x, rag_style)));
        }
        if with_update {
            // a value continued on the next line, as a converter wraps it
            let u = UPDATES[(i + seed as usize) % UPDATES.len()];
            let (a, b) = u.split_at(u.find(" and ").unwrap_or(u.len() / 2));
            out.push_str(&format!("{}: {a}\n{}\n", l.update, b.trim()));
        }
        out.push('\n');
        theme = r.theme.as_deref();
        objective = r.objective.as_deref();
    }
    out
}

/// Minutes with action lines under item headings.
pub fn minutes(title: &str, recs: &[Record], seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let l = Labels::draw(&mut rng);
    let form = rng.below(3);
    let rag_style = rng.below(3);
    let label = *rng.pick(&["ACTION", "Action", "Agreed action", "ACTION POINT"]);
    let mut out = format!(
        "{title}\n\nMinutes of the meeting held on Thursday 13 February 2025, 10:00-12:30\n\n"
    );
    let (mut theme, mut objective): (Option<&str>, Option<&str>) = (None, None);
    let (mut item, mut n_obj) = (0, 0);
    for (i, r) in recs.iter().enumerate() {
        let new_theme = r.theme.as_deref() != theme;
        let new_objective = new_theme || r.objective.as_deref() != objective;
        if new_theme || new_objective {
            item += 1;
            if let Some(t) = r.theme.as_deref().filter(|_| new_theme) {
                out.push_str(&format!("{}\n", heading(t, item)));
            }
            if let Some(o) = r.objective.as_deref().filter(|_| new_objective) {
                n_obj += 1;
                out.push_str(&format!("{} {n_obj}: {o}\n", l.objective));
            }
            out.push_str(&format!("{}\n", NARRATIVE[item % NARRATIVE.len()]));
        }
        let mut line = match form {
            2 => format!("{label} {}: {}", i + 1, r.text),
            _ => format!("{label}: {}", r.text),
        };
        let sep = if form == 2 { " / " } else { " - " };
        match form {
            0 => {
                if let Some(x) = &r.lead {
                    line.push_str(&format!(" ({x})"));
                }
                // "by" and a date; a deadline that is a phrase of its own keeps its label
                match &r.deadline {
                    Some(x)
                        if !x.to_lowercase().contains("by ")
                            && x.split_whitespace().count() <= 4 =>
                    {
                        line.push_str(&format!(" by {x}"))
                    }
                    Some(x) => line.push_str(&format!(" - {}: {x}", l.deadline)),
                    None => {}
                }
                if let Some(x) = &r.rag {
                    line.push_str(&format!(" - {}: {}", l.rag, rag_text(x, rag_style)));
                }
            }
            _ => {
                for (lab, v) in [
                    (l.lead, r.lead.clone()),
                    (l.deadline, r.deadline.clone()),
                    (l.rag, r.rag.as_deref().map(|x| rag_text(x, rag_style))),
                ] {
                    if let Some(v) = v {
                        line.push_str(&format!("{sep}{lab}: {v}"));
                    }
                }
            }
        }
        out.push_str(&line);
        out.push_str(".\n");
        if rng.below(3) == 0 {
            out.push('\n');
        }
        theme = r.theme.as_deref();
        objective = r.objective.as_deref();
    }
    out.push_str("\nDate of next meeting: Thursday 10 April 2025\n");
    out
}

/// One cell per line: a header of label lines, then each row's cells, an empty cell a blank
/// line.
pub fn cell_per_line(title: &str, recs: &[Record], seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let l = Labels::draw(&mut rng);
    let rag_style = rng.below(3);
    type Get = fn(&Record) -> Option<String>;
    let mut cols: Vec<(&str, Get)> = Vec::new();
    if recs.iter().any(|r| r.theme.is_some()) {
        cols.push(("Theme", |r| r.theme.clone()));
    }
    if recs.iter().any(|r| r.objective.is_some()) {
        cols.push((l.objective, |r| r.objective.clone()));
    }
    cols.push((l.action, |r| Some(r.text.clone())));
    if recs.iter().any(|r| r.lead.is_some()) {
        cols.push((l.lead, |r| r.lead.clone()));
    }
    if recs.iter().any(|r| r.deadline.is_some()) {
        cols.push((l.deadline, |r| r.deadline.clone()));
    }
    let mut out = format!("{title}\n\n");
    for (h, _) in &cols {
        out.push_str(h);
        out.push('\n');
    }
    let with_rag = recs.iter().any(|r| r.rag.is_some());
    if with_rag {
        out.push_str(l.rag);
        out.push('\n');
    }
    for r in recs {
        for (_, get) in &cols {
            out.push_str(&get(r).unwrap_or_default().replace('\n', " "));
            out.push('\n');
        }
        if with_rag {
            out.push_str(
                &r.rag
                    .as_deref()
                    .map(|x| rag_text(x, rag_style))
                    .unwrap_or_default(),
            );
            out.push('\n');
        }
    }
    out
}

/// A named family of these layouts.
pub struct BlockFamily {
    pub name: &'static str,
    pub render: fn(&str, &[Record], u64) -> String,
}

/// The families the bars are asserted on.
pub fn families() -> Vec<BlockFamily> {
    vec![
        BlockFamily {
            name: "key-value-blocks",
            render: key_value_blocks,
        },
        BlockFamily {
            name: "minutes-action-lines",
            render: minutes,
        },
        BlockFamily {
            name: "one-cell-per-line",
            render: cell_per_line,
        },
    ]
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A rendered text as a minimal Word document: one paragraph a line, `## ` lines as Heading 1,
/// `<b>...</b>` lines as bold paragraphs, blank lines as empty paragraphs.
pub fn docx(text: &str) -> Vec<u8> {
    use std::io::Write;
    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let mut body = String::new();
    for line in text.lines() {
        if let Some(h) = line.strip_prefix("## ") {
            body.push_str(&format!(
                "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
                xml_escape(h)
            ));
        } else if let Some(b) = line
            .strip_prefix("<b>")
            .and_then(|l| l.strip_suffix("</b>"))
        {
            body.push_str(&format!(
                "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
                xml_escape(b)
            ));
        } else if line.trim().is_empty() {
            body.push_str("<w:p/>");
        } else {
            body.push_str(&format!(
                "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
                xml_escape(line)
            ));
        }
    }
    let parts: [(&str, String); 5] = [
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/><Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/></Types>".to_string(),
        ),
        (
            "_rels/.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>".to_string(),
        ),
        (
            "word/document.xml",
            format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"{W}\"><w:body>{body}<w:sectPr/></w:body></w:document>"),
        ),
        (
            "word/styles.xml",
            format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:styles xmlns:w=\"{W}\"><w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:pPr><w:outlineLvl w:val=\"0\"/></w:pPr></w:style></w:styles>"),
        ),
        (
            "word/_rels/document.xml.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/></Relationships>".to_string(),
        ),
    ];
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in parts {
        z.start_file(name, opts).expect("zip entry");
        z.write_all(data.as_bytes()).expect("zip write");
    }
    z.finish().expect("zip").into_inner()
}
