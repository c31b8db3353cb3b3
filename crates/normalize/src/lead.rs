//! Lead / responsible officer / governance cells -> people.
//!
//! Rules, in order:
//! 1. Only the first [`MAX_LEAD_CHARS`] characters are read; tags stripped,
//!    entities decoded, white space collapsed. A blank cell has no people.
//! 2. Prose (more than three lower-case words other than "and/of/the/for/
//!    via/&", e.g. "Corporately supported by Service Managers ...") names no
//!    one reliably: no people (the raw text is kept).
//! 3. `A via B` -> the people of `A`, each with `via` = `B`.
//! 4. The cell splits on `;` `,` `&` `+` and ` and ` (not inside brackets;
//!    `&`/`and` only when both sides are names or initials, so
//!    "Health and Wellbeing Board" stays whole), then each piece on `/`.
//! 5. A `/`-list of 1-3 capital letters, mostly two-letter (`GK/MW/KP`), is
//!    an initials list: kind `initials`. A lone two-letter code is initials;
//!    a lone 3+-letter acronym (`SMT`) is a team.
//! 6. Teams and boards stay whole: a part containing a team word (Board, Group,
//!    Team, Service, Partnership, Committee, Forum, Council, CCG, NHS, Trust,
//!    Unit, Panel, Network, Management, ...) or an acronym closes a team; acronym
//!    parts before it and non-name parts after an acronym join it
//!    (`LPG/CYPS/CYPC Board`, `HWBB / Staying Healthy`).
//! 7. A person is 1-4 capitalised words (titles Mr/Mrs/Ms/Dr/Cllr allowed)
//!    with no common policy word in it; a role in brackets is kept apart
//!    (`SANDRA SHORTER (HoS)` -> "Sandra Shorter", role "HoS"); all-caps names
//!    are title-cased (`MCCUDDEN` -> McCudden, `O'BRIEN` -> O'Brien,
//!    `FOSTER-TAYLOR` -> Foster-Taylor). Four (or six) capitalised words
//!    without a separator are two (three) two-word names run together by a
//!    line wrap ("Louise Brosnan Jane Foster-Taylor").
//! 8. A post title ("Director of Public Health", "Head of Service") is a
//!    person named by role: name and role are the title.
//! 9. Anything else (a lower-case phrase, a heading) is not a person.

use crate::text::clean;
pub use plansift_schema::{Lead, Person, PersonKind};
use regex::Regex;
use std::sync::LazyLock;

/// Only the first this many characters of a lead cell are read.
pub const MAX_LEAD_CHARS: usize = 300;

/// Normalise a lead cell. `raw` is kept exactly as given.
pub fn lead(raw: &str) -> Lead {
    let c = clean(raw, MAX_LEAD_CHARS);
    Lead {
        raw: raw.to_string(),
        people: parse_people(&c),
    }
}

/// True when the cell is a short name / initials / team / role-ish value (for
/// finding the lead column by content): at most 60 characters and 8 words,
/// not a date or RAG value, and naming at least one person, initials or team.
pub fn looks_like_person(raw: &str) -> bool {
    let c = clean(raw, 200);
    if c.is_empty() || c.chars().count() > 60 || c.split_whitespace().count() > 8 {
        return false;
    }
    if crate::looks_like_deadline(&c) || crate::looks_like_status(&c) {
        return false;
    }
    // posts written as acronyms, alone or listed: "RFO", "DoN", "NED-WT/DoN", "SMT / CEO"
    if ACRONYM_POSTS.is_match(&c) {
        return true;
    }
    // strong evidence only: a name, initials, or a body with a team word / acronym
    parse_people(&c).iter().any(|p| match p.kind {
        PersonKind::Person | PersonKind::Initials => true,
        PersonKind::Team => {
            has_team_word(&p.name)
                || p.name
                    .split(['/', ' '])
                    .any(|w| is_acronym(w, !has_lowercase(&p.name)))
        }
    })
}

/// A cell of acronyms only, each with at least two capitals.
static ACRONYM_POSTS: LazyLock<Regex> = LazyLock::new(|| {
    let tok = r"(?:[A-Z][a-z]?){2,6}[A-Z]?";
    Regex::new(&format!(r"^{tok}(?:\s*[-/&,+]\s*{tok})*$")).expect("acronym posts regex")
});

static VIA: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)\s+via\s+").expect("via regex"));
static BRACKET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\(([^()]*)\)|\[([^\[\]]*)\]").expect("bracket regex"));

const TEAM_WORDS: &[&str] = &[
    "board",
    "boards",
    "group",
    "groups",
    "team",
    "teams",
    "service",
    "services",
    "partnership",
    "partnerships",
    "committee",
    "committees",
    "forum",
    "forums",
    "council",
    "councils",
    "ccg",
    "ccgs",
    "nhs",
    "trust",
    "trusts",
    "unit",
    "units",
    "panel",
    "panels",
    "network",
    "networks",
    "directorate",
    "directorates",
    "department",
    "departments",
    "dept",
    "commissioners",
    "programme",
    "alliance",
    "hub",
    "commission",
    "steering",
    "authority",
    "agency",
    "association",
    "management",
    "managers",
    "officers",
    "staff",
    "providers",
    "partners",
    "colleagues",
    "leads",
    "practitioners",
    "governors",
    "members",
    "consortium",
    "collaborative",
    "subgroup",
    "sub-group",
    "taskforce",
    "workstream",
    "project",
    "office",
    "centre",
    "center",
    "college",
    "school",
    "schools",
    "police",
    "hospital",
    "hospitals",
    "foundation",
    "society",
    "federation",
    "executive",
    "cabinet",
    "scrutiny",
];

const ROLE_WORDS: &[&str] = &[
    "head",
    "director",
    "manager",
    "officer",
    "lead",
    "commissioner",
    "coordinator",
    "co-ordinator",
    "chair",
    "chairman",
    "chairperson",
    "consultant",
    "nurse",
    "advisor",
    "adviser",
    "leader",
    "secretary",
    "analyst",
    "specialist",
    "principal",
    "chief",
    "deputy",
    "assistant",
    "member",
    "champion",
    "administrator",
    "hos",
    // posts of town and parish councils, NHS bodies and council services
    "clerk",
    "rfo",
    "treasurer",
    "engineer",
    "planner",
    "surveyor",
    "inspector",
    "controller",
    "auditor",
    "accountant",
    "solicitor",
    "lawyer",
    "registrar",
    "librarian",
    "warden",
    "ranger",
    "practitioner",
    "therapist",
    "matron",
    "superintendent",
    "guardian",
    "sponsor",
    "ceo",
    "cfo",
    "coo",
    "sro",
    "dph",
];

/// Capitalised words common in plan text that are not names.
const NOT_NAME_WORDS: &[&str] = &[
    "strategy",
    "plan",
    "care",
    "health",
    "primary",
    "public",
    "social",
    "quality",
    "review",
    "development",
    "develop",
    "finalise",
    "implement",
    "implementation",
    "improve",
    "deliver",
    "delivery",
    "support",
    "children",
    "adult",
    "adults",
    "people",
    "older",
    "mental",
    "community",
    "communities",
    "housing",
    "planning",
    "wellbeing",
    "well-being",
    "healthy",
    "staying",
    "substance",
    "misuse",
    "evaluation",
    "framework",
    "policy",
    "action",
    "actions",
    "objective",
    "priority",
    "priorities",
    "target",
    "targets",
    "outcome",
    "outcomes",
    "measure",
    "measures",
    "report",
    "update",
    "progress",
    "status",
    "date",
    "deadline",
    "comments",
    "comment",
    "rag",
    "ongoing",
    "on-going",
    "tbc",
    "tba",
    "n/a",
    "none",
    "all",
    "joint",
    "local",
    "county",
    "borough",
    "city",
    "district",
    "national",
    "regional",
    "corporate",
    "strategic",
    "workforce",
    "road",
    "street",
    "avenue",
    "lane",
    "drive",
    "crescent",
    "square",
    "training",
    "safeguarding",
    "commissioning",
    "integrated",
    "integration",
    "prevention",
    "access",
    "services",
    "model",
    "pathway",
    "pathways",
    "project",
    "programme",
    "scheme",
    "funding",
    "budget",
    "finance",
    "financial",
    "performance",
    "risk",
    "issues",
    "current",
    "key",
    "new",
    "the",
    "of",
    "and",
    "for",
    "to",
    "in",
    "with",
    "by",
    "via",
    "year",
    "quarter",
    "month",
    "week",
    "january",
    "february",
    "march",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "complete",
    "completed",
    "lead",
    "responsible",
    "governance",
    "assurance",
    "monitoring",
    "education",
    "employment",
    "skills",
    "learning",
    "transformation",
    "transition",
    "carers",
    "families",
    "family",
    "home",
    "homes",
    "school",
    "hospital",
    "disabilities",
    "disability",
    "dementia",
    "obesity",
    "smoking",
    "alcohol",
    "drug",
    "drugs",
    "weight",
    "activity",
    "physical",
    "information",
    "advice",
    "engagement",
    "consultation",
    "partnership",
    "ensure",
    "establish",
    "identify",
    "undertake",
    "provide",
    "promote",
    "increase",
    "reduce",
    "work",
    "working",
    "care.",
];

const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "cllr",
    "councillor",
    "prof",
    "professor",
    "sir",
    "dame",
    "rev",
];

/// Acronyms that contain vowels (so the vowel test would miss them in all-caps text).
const KNOWN_ACRONYMS: &[&str] = &[
    "NHS", "CCG", "ICB", "ICS", "HR", "IT", "ICT", "SMT", "DMT", "CMT", "PCT", "ASC", "CSC",
    "LSCB", "LSAB", "HWB", "HWBB", "VCS", "VCSE", "CAMHS", "EWMH", "ASH", "ADASS", "ACHW", "DASS",
    "DCS", "DPH", "LA", "LEP", "GP", "GPS", "CQC", "PHE", "CYPS", "CYPC", "LPG", "ICP", "SEND",
    "YOS", "DAAT", "UAT",
];

fn is_all_caps_word(w: &str) -> bool {
    let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
    !letters.is_empty() && letters.iter().all(|c| c.is_uppercase())
}

fn has_lowercase(s: &str) -> bool {
    s.chars().any(|c| c.is_lowercase())
}

/// An acronym word; `caps_context` is true when the whole part is upper case
/// (where capitals alone prove nothing).
fn is_acronym(w: &str, caps_context: bool) -> bool {
    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 2 || !is_all_caps_word(w) || w.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    if KNOWN_ACRONYMS.contains(&w) {
        return true;
    }
    if !caps_context {
        return true;
    }
    letters <= 5 && !w.chars().any(|c| matches!(c, 'A' | 'E' | 'I' | 'O' | 'U'))
}

fn lower_words(s: &str) -> Vec<String> {
    s.split(|c: char| c.is_whitespace() || c == '/' || c == ',')
        .filter(|w| !w.is_empty())
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

fn has_team_word(s: &str) -> bool {
    lower_words(s)
        .iter()
        .any(|w| TEAM_WORDS.contains(&w.as_str()))
}

fn has_role_word(s: &str) -> bool {
    lower_words(s)
        .iter()
        .any(|w| ROLE_WORDS.contains(&w.as_str()))
}

/// Initials: 1-3 capital letters, optionally dotted ("GK", "G.K.").
fn is_initials(s: &str) -> bool {
    let t: String = s.chars().filter(|c| *c != '.').collect();
    let n = t.chars().count();
    (1..=3).contains(&n) && t.chars().all(|c| c.is_ascii_uppercase())
}

fn is_prose(s: &str) -> bool {
    let lower = s
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(|c| c.is_lowercase()))
        .filter(|w| !matches!(*w, "and" | "of" | "the" | "for" | "via" | "&" | "to" | "in"))
        .count();
    lower > 3 || s.split_whitespace().count() > 16
}

/// Split on `sep_chars` and " and " outside brackets, returning trimmed pieces.
fn split_top(s: &str, seps: &[char], split_and: bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut depth = 0i32;
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = (depth - 1).max(0),
            _ => {}
        }
        if depth == 0 && seps.contains(&c) {
            out.push(cur.trim().to_string());
            cur.clear();
            i += 1;
            continue;
        }
        if depth == 0 && split_and && (c == ' ') {
            let rest: String = chars
                .get(i..(i + 5).min(chars.len()))
                .unwrap_or(&[])
                .iter()
                .collect();
            if rest.eq_ignore_ascii_case(" and ") {
                out.push(cur.trim().to_string());
                cur.clear();
                i += 5;
                continue;
            }
        }
        cur.push(c);
        i += 1;
    }
    out.push(cur.trim().to_string());
    out.into_iter()
        .filter(|p| !p.trim_matches(|c: char| !c.is_alphanumeric()).is_empty())
        .collect()
}

fn parse_people(c: &str) -> Vec<Person> {
    if c.is_empty() || is_prose(c) {
        return Vec::new();
    }
    // placeholders name no one
    let bare = c
        .trim_matches(|ch: char| !ch.is_alphanumeric())
        .to_lowercase();
    if matches!(
        bare.as_str(),
        "" | "tbc"
            | "tba"
            | "tbd"
            | "n/a"
            | "na"
            | "none"
            | "nil"
            | "various"
            | "all"
            | "to be confirmed"
            | "not applicable"
    ) {
        return Vec::new();
    }
    let (main, via) = match VIA.find(c) {
        Some(m) => {
            let v = c.get(m.end()..).unwrap_or("").trim();
            (
                c.get(..m.start()).unwrap_or(""),
                if v.is_empty() {
                    None
                } else {
                    Some(v.to_string())
                },
            )
        }
        None => (c, None),
    };
    let mut people: Vec<Person> = Vec::new();
    for chunk in split_top(main, &[';', ','], false) {
        let mut found = Vec::new();
        for piece in split_and_amp(&chunk) {
            found.extend(parse_slash_list(&piece));
        }
        // "John Smith, Head of Housing": a post after a name is that person's role
        if let [post] = found.as_slice() {
            let is_post =
                post.kind == PersonKind::Person && post.role.as_deref() == Some(post.name.as_str());
            if let Some(prev) = people
                .last_mut()
                .filter(|p| is_post && p.kind == PersonKind::Person && p.role.is_none())
            {
                prev.role = Some(post.name.clone());
                continue;
            }
        }
        people.extend(found);
    }
    // drop exact duplicates ("GK/MW/MW")
    let mut seen = Vec::new();
    people.retain(|p: &Person| {
        let key = (p.name.clone(), p.kind);
        if seen.contains(&key) {
            false
        } else {
            seen.push(key);
            true
        }
    });
    if let Some(v) = via {
        for p in &mut people {
            p.via = Some(v.clone());
        }
    }
    people
}

/// Split on `&`, `+` and " and " only when every side is a name or initials.
fn split_and_amp(chunk: &str) -> Vec<String> {
    let parts = split_top(chunk, &['&', '+'], true);
    if parts.len() > 1
        && parts
            .iter()
            .all(|p| name_words(p).is_some() || p.split('/').all(|x| is_initials(x.trim())))
    {
        parts
    } else {
        vec![chunk.to_string()]
    }
}

/// Remove a bracketed role; returns (text without brackets, role).
fn take_role(s: &str) -> (String, Option<String>) {
    let mut role = None;
    let rest = BRACKET.replace_all(s, |caps: &regex::Captures| {
        let inner = caps
            .get(1)
            .or(caps.get(2))
            .map(|m| m.as_str().trim())
            .unwrap_or("");
        if role.is_none() && !inner.is_empty() {
            role = Some(inner.to_string());
        }
        " ".to_string()
    });
    (crate::text::collapse_ws(&rest), role)
}

/// The words of a plausible personal name, or None.
fn name_words(s: &str) -> Option<Vec<String>> {
    let (s, _) = take_role(s);
    let s = s.trim_matches(|c: char| !c.is_alphanumeric());
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 {
        return None;
    }
    let caps_context = !has_lowercase(s);
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let lw = w.to_lowercase();
        let first = w.chars().next()?;
        if !first.is_uppercase() || w.chars().any(|c| c.is_ascii_digit()) {
            return None;
        }
        if !w
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
        {
            return None;
        }
        if NOT_NAME_WORDS.contains(&lw.as_str()) || TEAM_WORDS.contains(&lw.as_str()) {
            return None;
        }
        if !caps_context && is_acronym(w, false) && !TITLES.contains(&lw.trim_end_matches('.')) {
            return None;
        }
        if caps_context && is_acronym(w, true) {
            return None;
        }
        let is_title = i == 0 && TITLES.contains(&lw.trim_end_matches('.'));
        if i == 0 && !is_title && (lw.ends_with("ing") || lw.chars().count() < 2) {
            return None;
        }
        out.push(w.to_string());
    }
    // a single word is a name only with a title ("Dr Smith" has two words anyway)
    if out.len() < 2 {
        return None;
    }
    Some(out)
}

fn title_case_word(w: &str) -> String {
    if !is_all_caps_word(w) || w.chars().filter(|c| c.is_alphabetic()).count() < 2 {
        return w.to_string();
    }
    let mut out = String::new();
    for (i, seg) in w.split('-').enumerate() {
        if i > 0 {
            out.push('-');
        }
        let apos: Vec<&str> = seg.split(['\'', '’']).collect();
        for (j, a) in apos.iter().enumerate() {
            if j > 0 {
                out.push('\'');
            }
            out.push_str(&cap_segment(a));
        }
    }
    out
}

fn cap_segment(s: &str) -> String {
    let lower = s.to_lowercase();
    let cap = |t: &str| {
        let mut cs = t.chars();
        match cs.next() {
            Some(f) => f.to_uppercase().collect::<String>() + cs.as_str(),
            None => String::new(),
        }
    };
    if lower.len() > 3 && lower.starts_with("mc") {
        return format!("Mc{}", cap(lower.get(2..).unwrap_or("")));
    }
    if lower.len() > 5
        && lower.starts_with("mac")
        && matches!(
            lower.as_bytes().get(3),
            Some(b'd' | b'k' | b'l' | b'n' | b'g' | b'p' | b'q')
        )
    {
        return format!("Mac{}", cap(lower.get(3..).unwrap_or("")));
    }
    cap(&lower)
}

fn person(words: &[String], role: Option<String>) -> Person {
    let name = words
        .iter()
        .map(|w| title_case_word(w))
        .collect::<Vec<_>>()
        .join(" ");
    Person {
        name,
        role,
        kind: PersonKind::Person,
        via: None,
    }
}

/// People from a single part without `/`.
fn classify_part(part: &str) -> Vec<Person> {
    let (text, role) = take_role(part);
    let text = text
        .trim_matches(|c: char| !c.is_alphanumeric() && c != ')')
        .trim()
        .to_string();
    if text.is_empty() {
        return Vec::new();
    }
    // "John Smith - Head of Housing": a name and its post
    for dash in [" - ", " – ", " — "] {
        if let Some((left, right)) = text.split_once(dash) {
            if let Some(words) = name_words(left) {
                if has_role_word(right) && words.len() <= 4 {
                    return vec![person(&words, Some(right.trim().to_string()))];
                }
            }
        }
    }
    if let Some(words) = name_words(&text) {
        let has_title = TITLES.contains(&words[0].to_lowercase().trim_end_matches('.'));
        let n = words.len();
        let all_caps = !has_lowercase(&text);
        if all_caps && n > 3 {
            return Vec::new(); // an upper-case heading, not a name
        }
        if !has_title && role.is_none() && (n == 4 || n == 6) {
            // names run together by a line wrap
            return words.chunks(2).map(|c| person(c, None)).collect();
        }
        if n <= 4 {
            return vec![person(&words, role)];
        }
        return Vec::new();
    }
    if is_initials(&text) {
        // a lone 3-letter code is a team acronym (SMT); 1-2 letters are initials
        let kind = if text.chars().filter(|c| c.is_alphabetic()).count() >= 3
            || KNOWN_ACRONYMS.contains(&text.as_str())
        {
            PersonKind::Team
        } else {
            PersonKind::Initials
        };
        return vec![Person {
            name: text,
            role,
            kind,
            via: None,
        }];
    }
    if is_header_label(&text) || !looks_like_a_label(&text) {
        return Vec::new();
    }
    let caps_context = !has_lowercase(&text);
    let words: Vec<&str> = text.split_whitespace().collect();
    // a post ("Scrutiny Officer", "Head of Service"): the head noun is a role word
    let last = words.last().map(|w| w.to_lowercase()).unwrap_or_default();
    if ROLE_WORDS.contains(&last.as_str()) && !TEAM_WORDS.contains(&last.as_str()) {
        return vec![Person {
            name: text.clone(),
            role: Some(role.unwrap_or(text)),
            kind: PersonKind::Person,
            via: None,
        }];
    }
    let caps_heading = caps_context && words.iter().filter(|w| **w != "&").count() > 4;
    let verb_first = words.first().is_some_and(|w| is_action_verb(w));
    if !caps_heading
        && !verb_first
        && (has_team_word(&text) || words.iter().any(|w| is_acronym(w, caps_context)))
    {
        return vec![Person {
            name: text,
            role,
            kind: PersonKind::Team,
            via: None,
        }];
    }
    if has_role_word(&text) && text.chars().next().is_some_and(|c| c.is_uppercase()) {
        return vec![Person {
            name: text.clone(),
            role: Some(role.unwrap_or(text)),
            kind: PersonKind::Person,
            via: None,
        }];
    }
    // Any other short capitalised phrase in a lead cell names a body
    // ("Public Health", "Adult Social Care", "Commissioning").
    let capitalised = words
        .first()
        .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                || matches!(
                    *w,
                    "of" | "and" | "for" | "the" | "&" | "in" | "to" | "with"
                )
        })
        && !text.chars().any(|c| c.is_ascii_digit())
        && !words.first().is_some_and(|w| is_action_verb(w));
    if capitalised && words.len() <= 6 {
        return vec![Person {
            name: text,
            role,
            kind: PersonKind::Team,
            via: None,
        }];
    }
    Vec::new()
}

/// Verbs that open an action ("Finalise ...", "Develop ..."), never a body's name.
fn is_action_verb(w: &str) -> bool {
    matches!(
        w.to_lowercase().as_str(),
        "finalise"
            | "finalize"
            | "develop"
            | "implement"
            | "improve"
            | "deliver"
            | "support"
            | "ensure"
            | "establish"
            | "identify"
            | "undertake"
            | "provide"
            | "promote"
            | "increase"
            | "reduce"
            | "review"
            | "work"
            | "create"
            | "agree"
            | "produce"
            | "complete"
            | "embed"
            | "explore"
            | "consider"
            | "launch"
            | "introduce"
            | "commission"
            | "extend"
            | "expand"
            | "monitor"
            | "maintain"
            | "continue"
            | "roll"
            | "carry"
            | "scope"
            | "using"
            | "use"
            | "specify"
            | "redesign"
            | "rollout"
            | "reduction"
            | "redesigning"
            | "meet"
            | "exploit"
            | "prepare"
            | "set"
            | "build"
            | "design"
            | "publish"
            | "raise"
            | "engage"
            | "enable"
    )
}

/// Column labels that are never a lead ("RAG Status", "Lead Officer" as a
/// header is still a post, so only non-post labels are listed).
fn is_header_label(s: &str) -> bool {
    let ws = lower_words(s);
    !ws.is_empty()
        && ws.iter().all(|w| {
            matches!(
                w.as_str(),
                "rag"
                    | "status"
                    | "deadline"
                    | "deadlines"
                    | "date"
                    | "dates"
                    | "due"
                    | "comments"
                    | "comment"
                    | "progress"
                    | "update"
                    | "milestone"
                    | "milestones"
                    | "timescale"
                    | "timescales"
                    | "action"
                    | "actions"
                    | "rating"
                    | "target"
                    | "targets"
                    | "outcome"
                    | "outcomes"
                    | "objective"
                    | "objectives"
                    | "priority"
                    | "priorities"
                    | "indicator"
                    | "indicators"
                    | "measure"
                    | "measures"
                    | "ref"
                    | "reference"
                    | "no"
                    | "governance"
                    | "of"
                    | "and"
                    | "by"
                    | "when"
                    | "who"
                    | "responsible"
                    | "officer"
                    | "officers"
                    | "owner"
                    | "lead"
                    | "leads"
                    | "person"
                    | "accountable"
            )
        })
}

/// A name-like label rather than a sentence fragment: starts with a capital
/// (or digit-free acronym), has at most one lower-case content word besides
/// team words ("Workforce development team"), and does
/// not open with an action verb followed by lower-case words.
fn looks_like_a_label(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    let Some(first) = words.first() else {
        return false;
    };
    if !first.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    let lower_content = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .filter(|w| {
            !matches!(
                **w,
                "of" | "and" | "for" | "the" | "in" | "to" | "with" | "&"
            )
        })
        .filter(|w| !TEAM_WORDS.contains(&w.to_lowercase().as_str()))
        .count();
    lower_content <= 1 && !(is_action_verb(first) && lower_content > 0)
}

/// A capitalised phrase that is a body only by elimination ("Assurance",
/// "Public Health"): no team word, no acronym.
fn is_weak_body(p: &str) -> bool {
    let c = classify_part(p);
    let (t, _) = take_role(p);
    let caps = !has_lowercase(&t);
    matches!(c.as_slice(), [x] if x.kind == PersonKind::Team)
        && !has_team_word(&t)
        && !t.split_whitespace().any(|w| is_acronym(w, caps))
}

fn part_is_acronym_only(p: &str) -> bool {
    let (t, _) = take_role(p);
    let caps = !has_lowercase(&t);
    !t.trim().is_empty()
        && t.split_whitespace()
            .all(|w| is_acronym(w, caps) || KNOWN_ACRONYMS.contains(&w))
}

/// Parse a piece that may be a `/`-list.
fn parse_slash_list(piece: &str) -> Vec<Person> {
    let parts: Vec<String> = split_top(piece, &['/', '\\'], false);
    if parts.is_empty() {
        return Vec::new();
    }
    if parts.len() == 1 {
        return classify_part(&parts[0]);
    }
    // An initials list: all 1-3 capitals, at least half of them two letters.
    let initials = parts.iter().all(|p| is_initials(p.trim()));
    let two = parts
        .iter()
        .filter(|p| p.trim().chars().filter(|c| c.is_alphabetic()).count() == 2)
        .count();
    if initials && two * 2 >= parts.len() {
        return parts
            .iter()
            .map(|p| Person {
                name: p.trim().to_string(),
                role: None,
                kind: PersonKind::Initials,
                via: None,
            })
            .collect();
    }
    let mut out = Vec::new();
    let mut group: Vec<&str> = Vec::new(); // an open team: acronyms waiting for their body
    let flush = |group: &mut Vec<&str>, out: &mut Vec<Person>| {
        if !group.is_empty() {
            out.push(Person {
                name: group.join("/"),
                role: None,
                kind: PersonKind::Team,
                via: None,
            });
            group.clear();
        }
    };
    let mut group_closed_by_team_word = false;
    for p in &parts {
        let p = p.as_str();
        let team_word = has_team_word(p);
        if part_is_acronym_only(p) || is_weak_body(p) {
            if group_closed_by_team_word {
                flush(&mut group, &mut out);
                group_closed_by_team_word = false;
            }
            group.push(p);
            continue;
        }
        if team_word {
            if group_closed_by_team_word {
                flush(&mut group, &mut out);
            }
            group.push(p);
            group_closed_by_team_word = true;
            continue;
        }
        let as_person = classify_part(p);
        let is_named = as_person
            .iter()
            .any(|x| matches!(x.kind, PersonKind::Person | PersonKind::Initials));
        if !group.is_empty() && !is_named {
            // a sub-body of the open team ("HWBB / Staying Healthy")
            group.push(p);
            continue;
        }
        flush(&mut group, &mut out);
        group_closed_by_team_word = false;
        if as_person.is_empty() && !p.trim().is_empty() && !is_prose(p) {
            // not a name or a team on its own: keep it with the previous team if any
            if let Some(last) = out.last_mut().filter(|l| l.kind == PersonKind::Team) {
                last.name = format!("{}/{}", last.name, p);
            }
            continue;
        }
        out.extend(as_person);
    }
    flush(&mut group, &mut out);
    // Keep the separators' original spacing for teams: rebuild from the piece when the whole piece is one team.
    if out.len() == 1 && out[0].kind == PersonKind::Team {
        out[0].name = piece.trim().to_string();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(raw: &str) -> Vec<(String, Option<String>, PersonKind, Option<String>)> {
        lead(raw)
            .people
            .into_iter()
            .map(|p| (p.name, p.role, p.kind, p.via))
            .collect()
    }

    fn p(n: &str) -> (String, Option<String>, PersonKind, Option<String>) {
        (n.to_string(), None, PersonKind::Person, None)
    }
    fn t(n: &str) -> (String, Option<String>, PersonKind, Option<String>) {
        (n.to_string(), None, PersonKind::Team, None)
    }
    fn i(n: &str) -> (String, Option<String>, PersonKind, Option<String>) {
        (n.to_string(), None, PersonKind::Initials, None)
    }

    #[test]
    fn single_and_split_names() {
        assert_eq!(names("Mandy Ansell"), vec![p("Mandy Ansell")]);
        assert_eq!(names("<p>Les Billingham</p>"), vec![p("Les Billingham")]);
        assert_eq!(
            names("Sara Lingard/ Mandy Ansell"),
            vec![p("Sara Lingard"), p("Mandy Ansell")]
        );
        assert_eq!(
            names("Catherine Wilson / Jane Foster-Taylor"),
            vec![p("Catherine Wilson"), p("Jane Foster-Taylor")]
        );
        assert_eq!(
            names("Mandy Ansell/Tania Sitch/ Sara Lingard"),
            vec![p("Mandy Ansell"), p("Tania Sitch"), p("Sara Lingard")]
        );
        assert_eq!(
            names("Peter Kelleher, Marion Goddard"),
            vec![p("Peter Kelleher"), p("Marion Goddard")]
        );
        assert_eq!(
            names("Bill Clayton; Sarah Turner"),
            vec![p("Bill Clayton"), p("Sarah Turner")]
        );
        assert_eq!(
            names("Bill Clayton & Sarah Turner"),
            vec![p("Bill Clayton"), p("Sarah Turner")]
        );
        assert_eq!(
            names("Bill Clayton and Sarah Turner"),
            vec![p("Bill Clayton"), p("Sarah Turner")]
        );
        assert_eq!(names("Alison McCudden"), vec![p("Alison McCudden")]);
        assert_eq!(names("Dr Jane Smith"), vec![p("Dr Jane Smith")]);
    }

    #[test]
    fn run_together_names() {
        assert_eq!(
            names("Louise Brosnan Jane Foster-Taylor"),
            vec![p("Louise Brosnan"), p("Jane Foster-Taylor")]
        );
    }

    #[test]
    fn roles_and_caps() {
        assert_eq!(
            names("SANDRA SHORTER (HoS)"),
            vec![(
                "Sandra Shorter".to_string(),
                Some("HoS".to_string()),
                PersonKind::Person,
                None
            )]
        );
        assert_eq!(names("PETE KELLEHER"), vec![p("Pete Kelleher")]);
        assert_eq!(names("ALISON MCCUDDEN"), vec![p("Alison McCudden")]);
        assert_eq!(names("SEAN O'BRIEN"), vec![p("Sean O'Brien")]);
        assert_eq!(names("JANE FOSTER-TAYLOR"), vec![p("Jane Foster-Taylor")]);
        assert_eq!(names("ANGUS MACDONALD"), vec![p("Angus MacDonald")]);
        assert_eq!(
            names("Director of Public Health"),
            vec![(
                "Director of Public Health".to_string(),
                Some("Director of Public Health".to_string()),
                PersonKind::Person,
                None
            )]
        );
    }

    #[test]
    fn initials_lists() {
        assert_eq!(names("GK/MW/KP"), vec![i("GK"), i("MW"), i("KP")]);
        assert_eq!(
            names("KP/LC/MT/GB/JA/"),
            vec![i("KP"), i("LC"), i("MT"), i("GB"), i("JA")]
        );
        assert_eq!(names("GK/MW/MW/KP"), vec![i("GK"), i("MW"), i("KP")]);
        assert_eq!(names("GB"), vec![i("GB")]);
        assert_eq!(names("MT"), vec![i("MT")]);
    }

    #[test]
    fn teams_and_boards() {
        assert_eq!(names("SMT"), vec![t("SMT")]);
        assert_eq!(names("EXTENDED SMT"), vec![t("EXTENDED SMT")]);
        assert_eq!(
            names("Clinical Quality Review Group"),
            vec![t("Clinical Quality Review Group")]
        );
        assert_eq!(
            names("HWBB / Staying Healthy"),
            vec![t("HWBB / Staying Healthy")]
        );
        assert_eq!(
            names("<p>HWBB / Staying Healthy</p>"),
            vec![t("HWBB / Staying Healthy")]
        );
        assert_eq!(names("LPG/CYPS/CYPC Board"), vec![t("LPG/CYPS/CYPC Board")]);
        assert_eq!(names("CYPC Board"), vec![t("CYPC Board")]);
        assert_eq!(
            names("LPG/CYPS/CYPC Board/HWBB"),
            vec![t("LPG/CYPS/CYPC Board"), t("HWBB")]
        );
        assert_eq!(
            names("CYPC Board/Transition Board"),
            vec![t("CYPC Board"), t("Transition Board")]
        );
        assert_eq!(
            names("Health and Wellbeing Board"),
            vec![t("Health and Wellbeing Board")]
        );
        assert_eq!(
            names("Mandy Ansell / CCG"),
            vec![p("Mandy Ansell"), t("CCG")]
        );
        assert_eq!(
            names("HWBB / Staying Healthy / Substance Misuse Evaluation framework"),
            vec![t(
                "HWBB / Staying Healthy / Substance Misuse Evaluation framework"
            )]
        );
    }

    #[test]
    fn posts_and_bodies() {
        assert_eq!(
            names("John Smith, Head of Housing"),
            vec![(
                "John Smith".to_string(),
                Some("Head of Housing".to_string()),
                PersonKind::Person,
                None
            )]
        );
        assert_eq!(
            names("John Smith - Head of Housing"),
            vec![(
                "John Smith".to_string(),
                Some("Head of Housing".to_string()),
                PersonKind::Person,
                None
            )]
        );
        assert_eq!(names("Public Health"), vec![t("Public Health")]);
        assert_eq!(
            names("Mandy Ansell / Public Health"),
            vec![p("Mandy Ansell"), t("Public Health")]
        );
        assert_eq!(
            names("Governance / Assurance / Monitoring board"),
            vec![t("Governance / Assurance / Monitoring board")]
        );
        assert_eq!(names("June Green"), vec![p("June Green")]);
        assert_eq!(names("Ted Young"), vec![p("Ted Young")]);
        assert_eq!(
            names("AB (Head of Service)"),
            vec![(
                "AB".to_string(),
                Some("Head of Service".to_string()),
                PersonKind::Initials,
                None
            )]
        );
        assert_eq!(names("Cllr Smith"), vec![p("Cllr Smith")]);
    }

    #[test]
    fn via() {
        assert_eq!(
            names("Jane Foster-Taylor via Clinical Quality Review Group"),
            vec![(
                "Jane Foster-Taylor".to_string(),
                None,
                PersonKind::Person,
                Some("Clinical Quality Review Group".to_string())
            )]
        );
    }

    #[test]
    fn empty_and_prose() {
        assert!(names("").is_empty());
        assert!(names("   ").is_empty());
        assert!(names("Corporately supported by Service Managers and support co-ordination. Internal WD Team, supported by Corporate or external facilitators and consultants as required.").is_empty());
        assert!(names("Short programme of awareness raising to be delivered – internal performance staff have capability").is_empty());
        assert!(names("Finalise Primary Care Strategy").is_empty());
        assert!(names("RAG Status").is_empty());
        assert!(names("TBC").is_empty());
        assert!(names("N/A").is_empty());
        assert!(names("Responsible Officer").is_empty());
        assert!(names("SSTC005.9").is_empty());
        assert!(names("SLA COMES INTO EFFECT")
            .iter()
            .all(|p| p.2 != PersonKind::Person));
        assert!(names("USING EXPERIENCE OF OWN STAFF").is_empty());
        assert!(names("Providers refuse to accept Empower Platform").is_empty());
        assert_eq!(
            names("Scrutiny Officer"),
            vec![(
                "Scrutiny Officer".to_string(),
                Some("Scrutiny Officer".to_string()),
                PersonKind::Person,
                None
            )]
        );
        assert!(names("and support services to offer").is_empty());
        assert!(names("Support service users to stay").is_empty());
        assert_eq!(
            names("Workforce development team"),
            vec![t("Workforce development team")]
        );
        assert_eq!(lead("  Mandy Ansell ").raw, "  Mandy Ansell ");
    }

    #[test]
    fn looks_like() {
        for s in [
            "Mandy Ansell",
            "GK/MW",
            "SMT",
            "HWBB / Staying Healthy",
            "Catherine Wilson / Jane Foster-Taylor",
        ] {
            assert!(looks_like_person(s), "{s}");
        }
        for s in [
            "",
            "G",
            "Green",
            "March 2015",
            "On-going",
            "Finalise Primary Care Strategy",
            "Improve the Quality of Primary Care",
            "Develop Primary Care Strategy Implementation Plans",
        ] {
            assert!(!looks_like_person(s), "{s}");
        }
    }
}
