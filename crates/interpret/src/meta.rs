//! Document-level facts: title, organisation, the plan's period.

use std::sync::LazyLock;

use plansift_model::{Block, Document};
use plansift_normalize as norm;
use regex::Regex;

/// Texts in the order that best states the plan's own identity: running headers, headings,
/// the first paragraphs, header cells of tables, the metadata title.
fn identity_texts(doc: &Document) -> Vec<&str> {
    let mut furniture = Vec::new();
    let mut early = Vec::new();
    let mut headers = Vec::new();
    for b in doc.blocks.iter() {
        match b {
            Block::Furniture(t) => furniture.push(t.text.as_str()),
            Block::Heading(t) | Block::Paragraph(t) if early.len() < 60 => {
                early.push(t.text.as_str())
            }
            Block::Table(t) if headers.len() < 400 => {
                for r in t.rows.iter().take(3) {
                    headers.extend(
                        r.cells
                            .iter()
                            .filter(|c| c.text.len() < 80)
                            .map(|c| c.text.as_str()),
                    );
                }
            }
            _ => {}
        }
    }
    let mut out: Vec<&str> = Vec::new();
    out.extend(doc.meta_title.as_deref());
    out.extend(furniture.iter().take(5));
    out.extend(early);
    out.extend(headers);
    out
}

pub fn period(doc: &Document) -> Option<norm::Period> {
    norm::detect_period(identity_texts(doc))
}

static PLAN_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(plan|plans|planning|strategy|priorities|update|action log|delivery|report|programme|scorecard)\b").expect("plan words")
});

pub fn title(doc: &Document) -> Option<String> {
    let candidates = doc.blocks.iter().filter_map(|b| match b {
        Block::Furniture(t) | Block::Heading(t) | Block::Paragraph(t) => Some(t.text.as_str()),
        _ => None,
    });
    for t in candidates.take(80) {
        let n = t.chars().count();
        if (8..=160).contains(&n) && PLAN_WORDS.is_match(t) && !t.ends_with('.') {
            return Some(t.to_string());
        }
    }
    // A metadata title that is a file name ("council-plan-2013-14", "Microsoft Word - x.docx") says nothing.
    doc.meta_title.clone().filter(|t| {
        let t = t.trim();
        !t.is_empty()
            && t.contains(' ')
            && !t.to_lowercase().starts_with("microsoft")
            && !t.to_lowercase().ends_with(".docx")
            && !t.to_lowercase().ends_with(".doc")
    })
}

static ORG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(London Borough of(?: [A-Z][a-z]+){1,3}|Royal Borough of(?: [A-Z][a-z]+){1,3}|(?:[A-Z][a-z]+ ){1,3}(?:County |Borough |City |District |Metropolitan Borough )?Council|NHS(?: [A-Z][a-z]+){1,4}(?: CCG| Trust| Foundation Trust)?|(?:[A-Z][a-z]+ ){1,3}(?:CCG|Clinical Commissioning Group))\b",
    )
    .expect("organisation regex")
});

const NOT_NAMES: &[&str] = &[
    "The", "This", "That", "Our", "A", "An", "Each", "Every", "Whole", "Full", "Town", "Parish",
    "Dear", "County", "City", "Borough", "District", "Local", "Wider", "All", "Other", "Your",
    "Their", "By", "To", "Of", "For", "And", "In", "With",
];

pub fn organisation(doc: &Document) -> Option<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for b in doc.blocks.iter().take(400) {
        let texts: Vec<&str> = match b {
            Block::Furniture(t) | Block::Heading(t) | Block::Paragraph(t) => vec![t.text.as_str()],
            _ => continue,
        };
        for t in texts {
            for m in ORG.find_iter(t) {
                let mut s = m.as_str();
                // drop leading words that are not part of a name ("The Council", "Dear Councillor")
                while let Some((first, rest)) = s.split_once(' ') {
                    if NOT_NAMES.contains(&first) {
                        s = rest;
                    } else {
                        break;
                    }
                }
                if s.split_whitespace().count() < 2 || s.starts_with("Council") {
                    continue;
                }
                match counts.iter_mut().find(|(k, _)| k == s) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((s.to_string(), 1)),
                }
            }
        }
    }
    // The most often named; ties go to the first named.
    let best = counts.iter().map(|(_, n)| *n).max()?;
    counts.into_iter().find(|(_, n)| *n == best).map(|(k, _)| k)
}
