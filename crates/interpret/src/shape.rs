//! The shape of a cell's text: does it commit someone to do something (an action), report
//! what has happened (progress), or name a measure, a risk, a time of day?
//!
//! Actions in plans are written as instructions or commitments: an imperative ("Develop
//! the strategy", "AGREE SLA"), an infinitive ("To maintain ..."), a modal future ("The
//! service will ...", "A business case would be developed", "Training to be undertaken"),
//! a gerund ("Promoting physical activity") or a nominalised verb ("Development of ...",
//! "Review of ..."). Progress is narrative: past tense and present perfect ("has been
//! agreed", "were held", "is now"). The verbs below are the common English verbs of public
//! sector plans; the test is on the word's form, not on any document's wording.

use std::collections::HashSet;
use std::sync::LazyLock;

/// Base forms of verbs that start actions in plans (imperatives and infinitives).
const VERBS: &[&str] = &[
    "accelerate",
    "access",
    "achieve",
    "adopt",
    "advance",
    "advertise",
    "advise",
    "advocate",
    "agree",
    "align",
    "allocate",
    "amend",
    "analyse",
    "analyze",
    "appoint",
    "approve",
    "arrange",
    "assess",
    "assist",
    "attend",
    "attract",
    "audit",
    "award",
    "begin",
    "bid",
    "boost",
    "brief",
    "bring",
    "build",
    "campaign",
    "carry",
    "celebrate",
    "challenge",
    "champion",
    "change",
    "check",
    "circulate",
    "clarify",
    "close",
    "co-ordinate",
    "co-produce",
    "collaborate",
    "collate",
    "collect",
    "combine",
    "commence",
    "commission",
    "communicate",
    "compile",
    "complete",
    "conclude",
    "conduct",
    "confirm",
    "connect",
    "consider",
    "consolidate",
    "consult",
    "continue",
    "contribute",
    "convene",
    "coordinate",
    "coproduce",
    "create",
    "cut",
    "deal",
    "decide",
    "decommission",
    "define",
    "deliver",
    "deploy",
    "design",
    "determine",
    "develop",
    "devise",
    "direct",
    "discuss",
    "disseminate",
    "distribute",
    "do",
    "draft",
    "draw",
    "drive",
    "educate",
    "embed",
    "empower",
    "enable",
    "encourage",
    "end",
    "engage",
    "enhance",
    "ensure",
    "enter",
    "establish",
    "evaluate",
    "examine",
    "expand",
    "explore",
    "extend",
    "facilitate",
    "finalise",
    "finalize",
    "find",
    "focus",
    "follow",
    "formalise",
    "formulate",
    "foster",
    "gather",
    "generate",
    "get",
    "give",
    "grow",
    "hand",
    "have",
    "help",
    "hold",
    "host",
    "identify",
    "implement",
    "improve",
    "include",
    "incorporate",
    "increase",
    "influence",
    "inform",
    "initiate",
    "innovate",
    "inspect",
    "install",
    "integrate",
    "introduce",
    "invest",
    "investigate",
    "invite",
    "involve",
    "issue",
    "keep",
    "launch",
    "lead",
    "learn",
    "liaise",
    "link",
    "lobby",
    "look",
    "lower",
    "maintain",
    "make",
    "manage",
    "map",
    "market",
    "maximise",
    "maximize",
    "measure",
    "meet",
    "minimise",
    "mobilise",
    "model",
    "modernise",
    "monitor",
    "move",
    "negotiate",
    "note",
    "notify",
    "obtain",
    "offer",
    "open",
    "operate",
    "optimise",
    "organise",
    "oversee",
    "participate",
    "pilot",
    "plan",
    "prepare",
    "present",
    "prevent",
    "prioritise",
    "procure",
    "produce",
    "progress",
    "promote",
    "propose",
    "protect",
    "provide",
    "publicise",
    "publish",
    "pursue",
    "put",
    "raise",
    "reach",
    "recommission",
    "reconfigure",
    "record",
    "recruit",
    "redesign",
    "reduce",
    "re-establish",
    "refresh",
    "register",
    "reinforce",
    "relaunch",
    "relocate",
    "remodel",
    "remove",
    "renew",
    "reorganise",
    "replace",
    "report",
    "request",
    "research",
    "resolve",
    "respond",
    "restructure",
    "retain",
    "retender",
    "re-tender",
    "return",
    "review",
    "revise",
    "roll",
    "run",
    "safeguard",
    "scope",
    "secure",
    "seek",
    "select",
    "send",
    "set",
    "share",
    "shape",
    "show",
    "sign",
    "simplify",
    "source",
    "specify",
    "spread",
    "stabilise",
    "standardise",
    "start",
    "strengthen",
    "submit",
    "support",
    "sustain",
    "tackle",
    "take",
    "target",
    "test",
    "track",
    "train",
    "transfer",
    "transform",
    "translate",
    "trial",
    "undertake",
    "update",
    "upgrade",
    "use",
    "utilise",
    "validate",
    "verify",
    "visit",
    "widen",
    "work",
    "write",
];

static VERB_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| VERBS.iter().copied().collect());

fn is_verb(w: &str) -> bool {
    VERB_SET.contains(w)
}

/// A verb in its "-ing" form ("promoting", "developing", "running").
fn is_gerund(w: &str) -> bool {
    let Some(stem) = w.strip_suffix("ing") else {
        return false;
    };
    if stem.len() < 2 {
        return false;
    }
    if is_verb(stem) || is_verb(&format!("{stem}e")) {
        return true;
    }
    // running -> run
    let b = stem.as_bytes();
    b.len() >= 3 && b[b.len() - 1] == b[b.len() - 2] && is_verb(&stem[..stem.len() - 1])
}

/// A past participle of a plan verb ("developed", "undertaken", "agreed").
fn is_participle(w: &str) -> bool {
    const IRREGULAR: &[&str] = &[
        "undertaken",
        "taken",
        "given",
        "made",
        "held",
        "done",
        "written",
        "drawn",
        "brought",
        "built",
        "put",
        "set",
        "sent",
        "run",
        "kept",
        "found",
        "begun",
        "shown",
    ];
    if IRREGULAR.contains(&w) {
        return true;
    }
    if let Some(stem) = w.strip_suffix("ed") {
        return is_verb(stem)
            || is_verb(&format!("{stem}e"))
            || stem
                .strip_suffix('i')
                .is_some_and(|s| is_verb(&format!("{s}y")))
            || (stem.len() >= 3 && {
                let b = stem.as_bytes();
                b[b.len() - 1] == b[b.len() - 2] && is_verb(&stem[..stem.len() - 1])
            });
    }
    false
}

/// Lower-case words of a text (letters, digits, apostrophes and inner hyphens).
fn lower_words(s: &str) -> Vec<String> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .map(|w| w.trim_matches(['-', '\'']).to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Strip a list marker, bullet or numbering from the start: "1.", "a)", "(iv)", "•", "-".
pub fn strip_marker(s: &str) -> &str {
    let t = s.trim_start_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '•' | '●' | '▪' | '◦' | '·' | '\u{f0b7}' | '➢' | '✓' | '-' | '–' | '*'
            )
    });
    // numbering: "1.", "1)", "1.2", "a)", "(iv)"
    let bytes = t.as_bytes();
    let mut i = 0;
    if bytes.first() == Some(&b'(') {
        i = 1;
    }
    let start = i;
    while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
        i += 1;
    }
    if i == start {
        // a single letter or roman numeral then ")"
        while i < bytes.len() && i - start < 4 && bytes[i].is_ascii_lowercase() {
            i += 1;
        }
        if i > start && bytes.get(i) == Some(&b')') {
            return t[i + 1..].trim_start();
        }
        return t;
    }
    // "1." / "1.2" / "1)" / "1:" then a space; "10 year plan" keeps its number
    let dotted = t[start..i].contains('.');
    if matches!(bytes.get(i), Some(b')') | Some(b':')) {
        i += 1;
    } else if !dotted {
        return t;
    }
    if bytes.get(i).is_some_and(|b| b.is_ascii_whitespace()) {
        return t[i..].trim_start();
    }
    t
}

/// How strongly a cell's text reads as an action, 0.0 - 1.0.
pub fn action_likeness(s: &str) -> f32 {
    let t = strip_marker(s.trim());
    let ws = lower_words(t);
    let Some(first) = ws.first() else { return 0.0 };
    if ws.len() == 1 {
        return if is_verb(first) { 0.3 } else { 0.0 };
    }
    // Imperative: "Develop ...", "AGREE SLA", "Work with ..."
    if is_verb(first) && !matches!(ws[1].as_str(), "of" | "and" | "update" | "on") {
        return 1.0;
    }
    // Infinitive: "To maintain ...", "To be confirmed" is not one.
    if first == "to" && ws.get(1).is_some_and(|w| is_verb(w)) {
        return 1.0;
    }
    // "We will ...", "The service will ...", "X to be undertaken", "would be developed"
    let head: Vec<&str> = ws.iter().take(24).map(String::as_str).collect();
    for w in head.windows(2) {
        match w {
            ["will" | "shall" | "would" | "should" | "must", next]
                if is_verb(next) || *next == "be" || *next == "continue" =>
            {
                return 0.9;
            }
            ["to", "be"] => return 0.8,
            ["to", next] if is_verb(next) => {
                // "seek to improve", "continue to develop", "plan to" with a verb after it
                return 0.7;
            }
            _ => {}
        }
    }
    // Gerund: "Promoting physical activity"
    if is_gerund(first) {
        return 0.8;
    }
    // "Through the ... programme, seek to improve": a verb later in a leading clause
    if ws.iter().take(12).skip(1).any(|w| is_verb(w)) && t.contains(',') {
        return 0.5;
    }
    // Nominalised verb: "Development of", "Implementation of", "Review of", "Expansion of"
    if ws.len() >= 3 && ws[1] == "of" && nominalises_verb(first) {
        return 0.7;
    }
    if ws.len() >= 3 && ws.iter().take(4).any(|w| nominalises_verb(w)) {
        return 0.4;
    }
    if ws.len() >= 5 {
        0.2
    } else {
        0.0
    }
}

/// A noun made from a plan verb: "development", "implementation", "expansion", "review".
fn nominalises_verb(w: &str) -> bool {
    for suf in [
        "ation", "ition", "tion", "sion", "ment", "ance", "ence", "al",
    ] {
        if let Some(stem) = w.strip_suffix(suf) {
            if stem.len() < 3 {
                continue;
            }
            let candidates = [
                stem.to_string(),
                format!("{stem}e"),
                format!("{stem}ate"),
                format!("{stem}ise"),
                format!("{stem}ize"),
                format!("{stem}y"),
                format!("{stem}d"),
                format!("{stem}t"),
            ];
            if candidates.iter().any(|c| is_verb(c)) {
                return true;
            }
        }
    }
    // nouns that are the verb itself: "review", "launch", "roll-out", "redesign"
    is_verb(w) || w == "roll-out" || w == "rollout"
}

/// How strongly a cell reads as narrative about what has happened (progress), 0.0 - 1.0.
pub fn narrative_likeness(s: &str) -> f32 {
    let ws = lower_words(s);
    if ws.len() < 4 {
        return 0.0;
    }
    let mut past = 0usize;
    for w in ws.windows(2) {
        if matches!(
            w[0].as_str(),
            "has" | "have" | "had" | "was" | "were" | "been" | "is" | "are"
        ) && (w[1].ends_with("ed") || is_participle(&w[1]) || w[1] == "now" || w[1] == "being")
        {
            past += 2;
        }
    }
    past += ws
        .iter()
        .filter(|w| w.len() > 4 && w.ends_with("ed") && !matches!(w.as_str(), "need" | "proposed"))
        .count();
    let density = past as f32 / ws.len() as f32;
    (density * 6.0).min(1.0)
}

/// A measure rather than an action: "% of ...", "Number of ...", "Percentage of", "rate".
pub fn indicator_likeness(s: &str) -> f32 {
    let ws = lower_words(s);
    let t = s.trim();
    if t.starts_with('%') {
        return 1.0;
    }
    match ws.first().map(String::as_str) {
        Some(
            "number" | "percentage" | "proportion" | "rate" | "ratio" | "average" | "total" | "no"
            | "count" | "level" | "levels",
        ) if ws.get(1).is_some_and(|w| w == "of") => 1.0,
        _ if ws
            .windows(2)
            .any(|w| w[0] == "per" && matches!(w[1].as_str(), "cent" | "1000" | "100000")) =>
        {
            0.7
        }
        _ => 0.0,
    }
}

/// A risk statement: "Risk that ...", "Failure to ...", "Inability to ...", "Lack of ...".
pub fn risk_likeness(s: &str) -> f32 {
    let ws = lower_words(s);
    match (
        ws.first().map(String::as_str),
        ws.get(1).map(String::as_str),
    ) {
        (Some("risk"), Some("that" | "of")) => 1.0,
        (Some("there"), Some("is")) if ws.get(3).is_some_and(|w| w == "risk") => 1.0,
        (Some("failure" | "inability"), Some("to" | "of")) => 1.0,
        (Some("lack"), Some("of")) => 0.8,
        (Some("if"), _) if ws.iter().any(|w| w == "then") => 0.8,
        _ => 0.0,
    }
}

/// A time of day: "10:00", "10.30am", "2pm", "14:15 - 14:45".
pub fn is_time_of_day(s: &str) -> bool {
    static RE: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(r"(?i)^\d{1,2}(?:[:.]\d{2})\s*(?:am|pm|hrs)?(?:\s*[-–]\s*\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|hrs)?)?$|^\d{1,2}\s*(?:am|pm)$")
            .expect("time regex")
    });
    let t = s.trim();
    // "10.30" is also a date-like or money number: only with a minute part of 00-59
    RE.is_match(t)
        && t.split([':', '.']).nth(1).is_none_or(|m| {
            m.chars()
                .take(2)
                .collect::<String>()
                .parse::<u32>()
                .is_ok_and(|v| v < 60)
        })
}

/// Money or a plain number: "£1.2m", "12,500", "(340)", "-5%", "£000".
pub fn is_number(s: &str) -> bool {
    let t = s
        .trim()
        .trim_start_matches(['£', '$', '€', '(', '-', '+'])
        .trim_end_matches([')', '%', 'k', 'm', 'K', 'M']);
    !t.is_empty()
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        && t.chars().any(|c| c.is_ascii_digit())
}

/// A money amount: a currency sign, or a number with thousands separators or "k"/"m".
pub fn is_money(s: &str) -> bool {
    let t = s.trim();
    is_number(t)
        && (t.contains('£')
            || t.contains('$')
            || t.contains('€')
            || t.ends_with(['k', 'm', 'K', 'M'])
            || (t.contains(',') && !t.contains('%')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_read_as_actions() {
        for s in [
            "Develop Primary Care Strategy Implementation Plans",
            "AGREE SLA",
            "To maintain and develop a well trained workforce",
            "The Children's Centre programme will work with partners",
            "Safeguarding training to be undertaken on Board time out",
            "A business case would be developed",
            "Promoting physical activity & healthy eating",
            "Development of Primary Care Federation Model",
            "• Expansion of Family Lifestyle Club",
            "1. Review the pathways",
        ] {
            assert!(action_likeness(s) >= 0.7, "{s}: {}", action_likeness(s));
        }
        for s in [
            "Apologies for absence",
            "Minutes of the previous meeting",
            "Sandra Shorter",
            "Green",
            "31/03/2015",
            "Labour Party",
            "",
        ] {
            assert!(action_likeness(s) < 0.5, "{s}: {}", action_likeness(s));
        }
    }

    #[test]
    fn narrative_reads_as_progress() {
        assert!(
            narrative_likeness(
                "The strategy has been agreed and 8 meetings were held in November."
            ) > 0.5
        );
        assert!(narrative_likeness("Develop the strategy with partners") < 0.2);
    }

    #[test]
    fn measures_risks_times_numbers() {
        assert!(indicator_likeness("% of household waste recycled") > 0.9);
        assert!(indicator_likeness("Number of people supported") > 0.9);
        assert!(risk_likeness("Failure to recruit social workers") > 0.9);
        assert!(is_time_of_day("10:30") && is_time_of_day("2pm") && is_time_of_day("10.15am"));
        assert!(!is_time_of_day("10.75") && !is_time_of_day("2014"));
        assert!(is_money("£1,200") && is_money("12,500") && !is_money("2014/15"));
        assert!(is_number("45%") && !is_number("Q3"));
        assert_eq!(strip_marker("1. Review x"), "Review x");
        assert_eq!(strip_marker("a) Review x"), "Review x");
        assert_eq!(strip_marker("• Review x"), "Review x");
        assert_eq!(strip_marker("10 year plan"), "10 year plan");
    }
}
