//! Plans that are not tables, generated from gold labels: every fixture plan written as HTML
//! records, the way dashboards and council web pages publish them (issue 10).
//!
//! [`CardFamily`] names the three families the bars are asserted on:
//! - [`CardFamily::Labelled`]: one card per action (`<div class="card">`, `<article>`, `<li>`,
//!   `<section>`), each field labelled (`<strong>Lead officer:</strong> ...`, a
//!   `<span>`-pair, or a small `<th>`/`<td>` table per action); the action is a labelled field
//!   or the card's heading; themes and objectives are headings above the cards or fields in
//!   them;
//! - [`CardFamily::ClassNames`]: cards whose fields carry no label, only class names
//!   (`class="action-owner"`, `leadOfficer`, `card__due-date`), and the rating a badge that
//!   is only a colour: an inline `background-color`, or a class (`green`, `tooltip_amber`,
//!   `rag-red`, `status--amber`, Bootstrap's `bg-success`);
//! - [`CardFamily::DefinitionList`]: one `<dl>` per action, one `<dl>` with the `<dt>` set
//!   repeated, or a gov.uk-style summary list (`govuk-summary-list__key`/`__value`) per
//!   action.
//!
//! Label words are drawn per seed from the header families public bodies use
//! ([`crate::layouts::words`]).

use crate::layouts::{words, Col, Record, Rng};

/// A family of record layouts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardFamily {
    Labelled,
    ClassNames,
    DefinitionList,
}

impl CardFamily {
    pub const ALL: [CardFamily; 3] = [
        CardFamily::Labelled,
        CardFamily::ClassNames,
        CardFamily::DefinitionList,
    ];

    pub fn name(self) -> &'static str {
        match self {
            CardFamily::Labelled => "cards-labelled",
            CardFamily::ClassNames => "cards-class-names",
            CardFamily::DefinitionList => "definition-lists",
        }
    }
}

const PROGRESS: &[&str] = &[
    "Work has started with partners and a first draft was shared with the board in June.",
    "The first phase was completed on time; the second phase has been scoped.",
    "Delivery was delayed by recruitment, and a revised plan was agreed.",
    "Two workshops were held with residents and the findings reported.",
];

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn rag_word(status: &str, rng: &mut Rng) -> String {
    let options: &[&str] = match status {
        "green" => &["Green", "G", "On track"],
        "amber" => &["Amber", "A", "At risk"],
        "red" => &["Red", "R", "Off track"],
        "complete" => &["Complete", "Completed", "Blue"],
        other => return other.to_string(),
    };
    rng.pick(options).to_string()
}

/// The colour name and fill of a rating badge.
fn rag_colour(status: &str) -> Option<(&'static str, &'static str)> {
    Some(match status {
        "green" => ("green", "#00B050"),
        "amber" => ("amber", "#FFC000"),
        "red" => ("red", "#FF0000"),
        "complete" => ("blue", "#0070C0"),
        _ => return None,
    })
}

/// The fields a document's records fill, in a per-seed order (the action first or not).
fn columns(recs: &[Record], rng: &mut Rng) -> Vec<Col> {
    let mut cols = vec![Col::Action];
    if recs.iter().any(|r| r.reference.is_some()) {
        cols.push(Col::Ref);
    }
    if recs.iter().any(|r| r.lead.is_some()) {
        cols.push(Col::Lead);
    }
    if recs.iter().any(|r| r.deadline.is_some()) {
        cols.push(Col::Deadline);
    }
    if recs.iter().any(|r| r.rag.is_some()) {
        cols.push(Col::Rag);
    }
    cols.push(Col::Progress);
    rng.shuffle(&mut cols[1..]);
    // the reference usually opens a card
    if rng.below(2) == 0 {
        if let Some(i) = cols.iter().position(|&c| c == Col::Ref) {
            let r = cols.remove(i);
            cols.insert(0, r);
        }
    }
    cols
}

fn value(c: Col, r: &Record, i: usize, seed: u64, rng: &mut Rng) -> String {
    match c {
        Col::Action => r.text.clone(),
        Col::Ref => r.reference.clone().unwrap_or_default(),
        Col::Lead => r.lead.clone().unwrap_or_default(),
        Col::Deadline => r.deadline.clone().unwrap_or_default(),
        Col::Rag => r
            .rag
            .as_deref()
            .map(|s| rag_word(s, rng))
            .unwrap_or_default(),
        Col::Progress => PROGRESS[(i + seed as usize) % PROGRESS.len()].to_string(),
        _ => String::new(),
    }
}

/// Theme and objective headings above the group a record opens (labelled banners).
fn group_headings(
    out: &mut String,
    r: &Record,
    prev: Option<&Record>,
    n_objective: &mut usize,
    before: &str,
    after: &str,
) {
    let new_theme = prev.is_none_or(|p| p.theme != r.theme);
    let new_objective = new_theme || prev.is_none_or(|p| p.objective != r.objective);
    if (new_theme && r.theme.is_some()) || (new_objective && r.objective.is_some()) {
        out.push_str(after);
    }
    if new_theme {
        if let Some(t) = &r.theme {
            out.push_str(&format!("<h2>Theme: {}</h2>\n", esc(t)));
        }
    }
    if new_objective {
        if let Some(o) = &r.objective {
            *n_objective += 1;
            out.push_str(&format!("<h3>Objective {n_objective}: {}</h3>\n", esc(o)));
        }
    }
    if (new_theme && r.theme.is_some()) || (new_objective && r.objective.is_some()) {
        out.push_str(before);
    }
}

fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>{t}</title></head>\n<body>\n\
         <nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/council\">Council and democracy</a></li>\
         <li><a href=\"/plans\">Plans and strategies</a></li></ul></nav>\n<main>\n<h1>{t}</h1>\n\
         <p>This page shows the actions of the plan and the progress made.</p>\n{body}</main>\n\
         <footer><p>Contact us</p><p>Telephone 01234 567890</p></footer>\n</body></html>\n",
        t = esc(title)
    )
}

/// The HTML page a document's records make in a family.
pub fn render(family: CardFamily, title: &str, recs: &[Record], seed: u64) -> String {
    let mut rng = Rng::new(seed.wrapping_mul(131).wrapping_add(17));
    let body = match family {
        CardFamily::Labelled => labelled(recs, seed, &mut rng),
        CardFamily::ClassNames => class_names(recs, seed, &mut rng),
        CardFamily::DefinitionList => definition_lists(recs, seed, &mut rng),
    };
    page(title, &body)
}

/// Containers of one card: (open of the group, open of a card, close of a card, close of the
/// group).
fn container(rng: &mut Rng) -> (&'static str, &'static str, &'static str, &'static str) {
    *rng.pick(&[
        ("", "<div class=\"card\">", "</div>", ""),
        ("", "<article>", "</article>", ""),
        ("<ul class=\"actions\">", "<li>", "</li>", "</ul>"),
        ("", "<section class=\"action\">", "</section>", ""),
        (
            "<div class=\"grid\">",
            "<div class=\"col\"><div class=\"panel\">",
            "</div></div>",
            "</div>",
        ),
    ])
}

fn labelled(recs: &[Record], seed: u64, rng: &mut Rng) -> String {
    let cols = columns(recs, rng);
    let labels: Vec<String> = cols
        .iter()
        .map(|&c| rng.pick(words(c)).to_string())
        .collect();
    let style = rng.below(3); // 0: strong + colon, 1: span pair, 2: key-value table
    let heading_action = rng.below(2) == 0;
    let groups_as_fields = rng.below(3) == 0;
    let (open, card, close, end) = container(rng);
    let mut out = String::from(open);
    let mut n_objective = 0;
    for (i, r) in recs.iter().enumerate() {
        if !groups_as_fields {
            group_headings(
                &mut out,
                r,
                i.checked_sub(1).map(|p| &recs[p]),
                &mut n_objective,
                open,
                end,
            );
        }
        out.push_str(card);
        out.push('\n');
        let mut fields: Vec<(String, String)> = Vec::new();
        if groups_as_fields {
            if let Some(t) = &r.theme {
                fields.push(("Theme".into(), t.clone()));
            }
            if let Some(o) = &r.objective {
                fields.push(("Objective".into(), o.clone()));
            }
        }
        for (c, l) in cols.iter().zip(&labels) {
            if *c == Col::Action && heading_action {
                let reference = r
                    .reference
                    .as_deref()
                    .filter(|_| !cols.contains(&Col::Ref))
                    .map(|x| format!("<span class=\"ref\">{}</span> ", esc(x)))
                    .unwrap_or_default();
                out.push_str(&format!("<h4>{reference}{}</h4>\n", esc(&r.text)));
                continue;
            }
            fields.push((l.clone(), value(*c, r, i, seed, rng)));
        }
        match style {
            0 => {
                for (l, v) in &fields {
                    out.push_str(&format!("<p><strong>{}:</strong> {}</p>\n", esc(l), esc(v)));
                }
            }
            1 => {
                for (l, v) in &fields {
                    out.push_str(&format!(
                        "<div class=\"field\"><span class=\"field-label\">{}</span> <span class=\"field-value\">{}</span></div>\n",
                        esc(l),
                        esc(v)
                    ));
                }
            }
            _ => {
                out.push_str("<table class=\"action-detail\">\n");
                for (l, v) in &fields {
                    out.push_str(&format!(
                        "<tr><th scope=\"row\">{}</th><td>{}</td></tr>\n",
                        esc(l),
                        esc(v)
                    ));
                }
                out.push_str("</table>\n");
            }
        }
        out.push_str(close);
        out.push('\n');
    }
    out.push_str(end);
    out
}

/// Class names a field of each kind carries (words the page's author chose, in the usual
/// spellings: kebab-case, snake_case, camelCase, BEM).
#[rustfmt::skip]
fn class_names_for(c: Col) -> &'static [&'static str] {
    match c {
        Col::Action => &["action-title", "action-description", "actionText", "action", "action_text"],
        Col::Ref => &["ref", "action-ref", "refNo", "reference", "action-id"],
        Col::Lead => &["action-owner", "lead-officer", "owner", "responsible-officer", "leadOfficer", "lead"],
        Col::Deadline => &["due-date", "target-date", "deadline", "dueDate", "timescale", "completion-date"],
        Col::Progress => &["progress-update", "update", "comments", "latestUpdate", "progress"],
        _ => &["detail"],
    }
}

fn badge(status: &str, variant: usize) -> String {
    let Some((name, hex)) = rag_colour(status) else {
        return String::new();
    };
    match variant {
        0 => format!("<span class=\"badge\" style=\"background-color: {hex}\"></span>"),
        1 => format!("<span class=\"{name}\"></span>"),
        2 => format!("<span class=\"tooltip tooltip_{name}\"></span>"),
        3 => format!("<span class=\"rag rag-{name}\"></span>"),
        4 => format!("<span class=\"status status--{name}\"></span>"),
        // a CSS framework's state classes (Bootstrap); blue (complete) has none
        _ => match name {
            "green" => "<span class=\"badge bg-success\"></span>".to_string(),
            "amber" => "<span class=\"badge bg-warning\"></span>".to_string(),
            "red" => "<span class=\"badge bg-danger\"></span>".to_string(),
            _ => format!("<span class=\"badge\" style=\"background-color: {hex}\"></span>"),
        },
    }
}

fn class_names(recs: &[Record], seed: u64, rng: &mut Rng) -> String {
    let cols = columns(recs, rng);
    let block = *rng.pick(&["action-card", "card", "plan-item", "actionItem"]);
    let bem = rng.below(2) == 0;
    let classes: Vec<String> = cols
        .iter()
        .map(|&c| {
            let n = rng.pick(class_names_for(c)).to_string();
            if bem {
                format!("{block}__{n}")
            } else {
                n
            }
        })
        .collect();
    let variant = (seed as usize) % 6;
    let mut out = String::new();
    let mut n_objective = 0;
    for (i, r) in recs.iter().enumerate() {
        group_headings(
            &mut out,
            r,
            i.checked_sub(1).map(|p| &recs[p]),
            &mut n_objective,
            "",
            "",
        );
        out.push_str(&format!("<div class=\"{block}\">\n"));
        for (c, cl) in cols.iter().zip(&classes) {
            match c {
                Col::Rag => {
                    if let Some(s) = &r.rag {
                        let b = badge(s, variant);
                        if b.is_empty() {
                            out.push_str(&format!(
                                "<div class=\"{cl}\">{}</div>\n",
                                esc(&rag_word(s, rng))
                            ));
                        } else {
                            out.push_str(&format!("<div class=\"{cl}\">{b}</div>\n"));
                        }
                    }
                }
                _ => {
                    let v = value(*c, r, i, seed, rng);
                    if !v.is_empty() {
                        out.push_str(&format!("<div class=\"{cl}\">{}</div>\n", esc(&v)));
                    }
                }
            }
        }
        out.push_str("</div>\n");
    }
    out
}

fn definition_lists(recs: &[Record], seed: u64, rng: &mut Rng) -> String {
    let cols = columns(recs, rng);
    let labels: Vec<String> = cols
        .iter()
        .map(|&c| rng.pick(words(c)).to_string())
        .collect();
    // 0: a dl per action under theme headings, 1: one dl for the plan with the theme and
    // objective as terms of each action, 2: a gov.uk summary list per action
    let style = rng.below(3);
    let mut out = String::new();
    let mut n_objective = 0;
    if style == 1 {
        out.push_str("<dl>\n");
    }
    for (i, r) in recs.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| &recs[p]);
        let mut pairs: Vec<(String, String)> = Vec::new();
        if style == 1 {
            if let Some(t) = &r.theme {
                pairs.push(("Theme".into(), t.clone()));
            }
            if let Some(o) = &r.objective {
                pairs.push(("Objective".into(), o.clone()));
            }
        } else {
            group_headings(&mut out, r, prev, &mut n_objective, "", "");
        }
        pairs.extend(
            cols.iter()
                .zip(&labels)
                .map(|(&c, l)| (l.clone(), value(c, r, i, seed, rng))),
        );
        match style {
            0 => {
                out.push_str("<dl class=\"action-meta\">\n");
                for (l, v) in &pairs {
                    out.push_str(&format!("<dt>{}</dt><dd>{}</dd>\n", esc(l), esc(v)));
                }
                out.push_str("</dl>\n");
            }
            1 => {
                for (l, v) in &pairs {
                    out.push_str(&format!("<dt>{}</dt>\n<dd>{}</dd>\n", esc(l), esc(v)));
                }
            }
            _ => {
                out.push_str("<dl class=\"govuk-summary-list\">\n");
                for (l, v) in &pairs {
                    out.push_str(&format!(
                        "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">{}</dt>\
                         <dd class=\"govuk-summary-list__value\">{}</dd></div>\n",
                        esc(l),
                        esc(v)
                    ));
                }
                out.push_str("</dl>\n");
            }
        }
    }
    if style == 1 {
        out.push_str("</dl>\n");
    }
    out
}
