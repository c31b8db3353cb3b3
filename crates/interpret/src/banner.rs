//! Labelled banners: the headings and banner rows that name a theme or an objective.
//!
//! Plans group their actions under labelled headings: "Priority Outcome 2 Maximising
//! independence", "Objective 2.a. To support town centres", "Theme 1: Council buildings",
//! "Well-being Objective 1: Give every child the best start", "Service: Care4CE (SCAR)",
//! "Ofsted recommendation 1: The timeliness of ...". A banner is a label word from the
//! objective or theme families of the header lexicon, usually a number or code, then the
//! text. Where a separator (`:` `.` `)` `-`) ends the label, the text after it is the
//! objective; where none does ("Priority Outcome 1 Ensuring ..."), the label is part of it.
//!
//! Codes nest: "Aim 2." then "Objective 2.a." is a theme and an objective under it.

use std::sync::LazyLock;

use regex::Regex;

/// What a banner names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Theme,
    Objective,
}

/// A labelled banner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Banner {
    pub level: Level,
    /// The number or code after the label ("2", "2.a", "IV"), if any.
    pub code: Option<String>,
    /// The theme or objective it names.
    pub text: String,
    /// Where its label starts in the text read (bytes).
    pub start: usize,
    /// The label, lower case ("priority", "objective", "theme").
    pub label: String,
}

/// Labels that name a theme (a group of objectives).
const THEME_LABELS: &[&str] = &[
    "strategic theme",
    "theme",
    "pillar",
    "strand",
    "workstream",
    "work stream",
    "programme",
    "section",
    "part",
    "service",
    "portfolio",
    "priority area",
    "directorate",
    "department",
    "division",
];

/// Labels that name an objective (what a group of actions is for).
const OBJECTIVE_LABELS: &[&str] = &[
    "priority outcome",
    "strategic priority",
    "strategic objective",
    "well-being objective",
    "wellbeing objective",
    "corporate objective",
    "key objective",
    "service objective",
    "objective",
    "priority",
    "outcome",
    "aim",
    "goal",
    "ambition",
    "area for improvement",
    "improvement area",
    "recommendation",
    "finding",
    "commitment",
];

/// A label as a pattern: any case after its first letter, spaces flexible.
fn label_pattern(label: &str) -> String {
    let mut chars = label.chars();
    let first = chars.next().unwrap_or('x');
    let rest: String = chars
        .as_str()
        .split(' ')
        .map(regex::escape)
        .collect::<Vec<_>>()
        .join(r"\s+");
    format!(
        "[{}{}](?i:{rest})",
        first.to_ascii_uppercase(),
        first.to_ascii_lowercase()
    )
}

static BANNER: LazyLock<Regex> = LazyLock::new(|| {
    let mut labels: Vec<&str> = THEME_LABELS
        .iter()
        .chain(OBJECTIVE_LABELS)
        .copied()
        .collect();
    labels.sort_by_key(|l| std::cmp::Reverse(l.len()));
    let alts: Vec<String> = labels.iter().map(|l| label_pattern(l)).collect();
    Regex::new(&format!(
        r"^(?P<label>{})(?:\s+(?P<code>\d{{1,2}}(?:\.[0-9a-z]{{1,3}}){{0,3}}|[A-Za-z]\b|[IVXivx]{{1,4}}\b))?(?P<sep>\s*[:.)\-–]\s+|\s*:\s*|\s+)(?P<rest>\S.*)$",
        alts.join("|")
    ))
    .expect("banner regex")
});

/// Read a banner from a heading, a paragraph or a banner row's text. `anywhere`: the label
/// may follow other words (a running title run into the heading); else at most a few
/// words (another language's label) come before it.
pub fn parse(s: &str, anywhere: bool) -> Option<Banner> {
    let s = s.trim();
    let n = s.chars().count();
    if !(4..=400).contains(&n) {
        return None;
    }
    // try each word start within the first 80 bytes
    let starts = std::iter::once(0).chain(
        s.char_indices()
            .filter(|&(i, c)| {
                i > 0 && i <= 80 && c.is_alphabetic() && s[..i].ends_with([' ', '/', '(', '|'])
            })
            .map(|(i, _)| i),
    );
    starts.into_iter().find_map(|at| parse_at(s, at, anywhere))
}

fn parse_at(s: &str, at: usize, anywhere: bool) -> Option<Banner> {
    let caps = BANNER.captures(&s[at..])?;
    let label = caps.name("label")?;
    let lead = s[..at].trim();
    // the label leads, or follows a few words (another language's label, a running title)
    if !anywhere && lead.split_whitespace().count() > 6 {
        return None;
    }
    let code = caps
        .name("code")
        .map(|m| m.as_str().trim_end_matches('.').to_string());
    // a label in lower case only after a capitalised qualifier, with a number
    // ("Ofsted recommendation 1:"), never in running prose ("our objective is")
    if label.as_str().starts_with(|c: char| c.is_lowercase())
        && (code.is_none()
            || !lead
                .split_whitespace()
                .last()
                .is_some_and(|w| w.starts_with(char::is_uppercase)))
    {
        return None;
    }
    let sep = caps.name("sep").map_or("", |m| m.as_str());
    let punct = sep.trim().chars().next();
    // "Objective: x" or "Objective 2 x": a bare label needs a colon, a numbered one need not
    if code.is_none() && punct != Some(':') {
        return None;
    }
    let rest = caps.name("rest")?.as_str().trim();
    let label_text = label.as_str().to_lowercase();
    let label_text = label_text.split_whitespace().collect::<Vec<_>>().join(" ");
    // "Priority: Thriving places", a council plan's priority named without a number, is the
    // top of its plan's groups: a theme; numbered priorities and outcomes are objectives
    let bare_priority = code.is_none() && label_text == "priority";
    let level = if THEME_LABELS.contains(&label_text.as_str()) || bare_priority {
        Level::Theme
    } else {
        Level::Objective
    };
    let text = if punct.is_some() {
        rest
    } else {
        s[at..].trim()
    };
    let text = crate::text::first_sentence(text).trim().to_string();
    if crate::text::real_words(&text) < 1 || text.chars().count() < 3 {
        return None;
    }
    Some(Banner {
        level,
        code,
        text,
        start: at,
        label: label_text,
    })
}

/// Depth of a code: "2" is 1, "2.a" and "2a" are 2, "2.1.3" is 3.
pub fn depth(code: &str) -> usize {
    let parts = code.split('.').filter(|p| !p.is_empty()).count();
    let trailing_letter = code.chars().last().is_some_and(|c| c.is_ascii_lowercase())
        && code.chars().any(|c| c.is_ascii_digit())
        && !code.contains('.');
    parts.max(1) + usize::from(trailing_letter)
}

/// `child` is nested under `parent` ("2.a" under "2", "1.3" under "1").
pub fn nested(parent: &str, child: &str) -> bool {
    child.len() > parent.len()
        && child.starts_with(parent)
        && child[parent.len()..].starts_with(|c: char| c == '.' || c.is_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(s: &str) -> Option<(Level, Option<String>, String)> {
        parse(s, false).map(|b| (b.level, b.code, b.text))
    }

    #[test]
    fn banners_of_public_bodies() {
        assert_eq!(
            b("Objective 2.a. To support town centres and local businesses"),
            Some((
                Level::Objective,
                Some("2.a".into()),
                "To support town centres and local businesses".into()
            ))
        );
        assert_eq!(
            b("Theme 1: Council buildings and operations"),
            Some((
                Level::Theme,
                Some("1".into()),
                "Council buildings and operations".into()
            ))
        );
        assert_eq!(
            b("Amcan Llesiant 1 / Well-being Objective 1: Give every child the best start"),
            Some((
                Level::Objective,
                Some("1".into()),
                "Give every child the best start".into()
            ))
        );
        assert_eq!(
            b("Priority Outcome 2 Maximising Independence and reducing the need for care. As at the end of May."),
            Some((Level::Objective, Some("2".into()), "Priority Outcome 2 Maximising Independence and reducing the need for care.".into()))
        );
        assert_eq!(
            b("Service: Care4CE (SCAR)"),
            Some((Level::Theme, None, "Care4CE (SCAR)".into()))
        );
        assert_eq!(
            b("Ofsted recommendation 1: The timeliness and quality of work"),
            Some((
                Level::Objective,
                Some("1".into()),
                "The timeliness and quality of work".into()
            ))
        );
        assert_eq!(
            parse(
                "Portfolio Plan 2013/14 Priority Outcome 1 Ensuring care",
                true
            )
            .map(|b| b.text),
            Some("Priority Outcome 1 Ensuring care".into())
        );
        assert_eq!(
            b("Aim 2. To help the economy grow"),
            Some((
                Level::Objective,
                Some("2".into()),
                "To help the economy grow".into()
            ))
        );
    }

    #[test]
    fn prose_is_no_banner() {
        assert_eq!(b("The priority for the board is to agree the budget"), None);
        assert_eq!(b("our objective 2 is to grow"), None);
        assert_eq!(b("Priority setting for the board"), None);
        assert_eq!(b("Objective"), None);
    }

    #[test]
    fn codes_nest() {
        assert!(nested("2", "2.a") && nested("1", "1.3") && nested("2", "2a"));
        assert!(!nested("2", "3") && !nested("1", "10") && !nested("2.a", "2"));
        assert_eq!(
            (depth("2"), depth("2.a"), depth("2a"), depth("2.1.3")),
            (1, 2, 2, 3)
        );
    }
}
