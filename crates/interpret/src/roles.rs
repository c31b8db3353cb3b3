//! Column roles from header words.

/// What a column of a plan table holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Action,
    Lead,
    Deadline,
    Rag,
    Progress,
    NextSteps,
    Objective,
    Ref,
    Indicators,
    Governance,
    Ambition,
    Risk,
    Link,
}

/// Lower-case words of a header cell, space-padded for phrase search (`" rag status "`).
pub fn header_words(text: &str) -> String {
    let mut out = String::from(" ");
    let mut last_space = true;
    for ch in text.chars().flat_map(|c| c.to_lowercase()) {
        if ch.is_alphanumeric() || ch == '&' || ch == '#' {
            out.push(ch);
            last_space = false;
        } else if !last_space {
            out.push(' ');
            last_space = true;
        }
    }
    if !last_space {
        out.push(' ');
    }
    out
}

/// Whether `words` (space-padded, as from [`header_words`]) holds any phrase as whole
/// words, i.e. contains `" {phrase} "`. One pass over the words: at each space, does a
/// phrase follow, then a space (header classification runs on every cell of every row).
fn has_any(words: &str, phrases: &[&str]) -> bool {
    let b = words.as_bytes();
    b.iter()
        .enumerate()
        .filter(|&(_, &c)| c == b' ')
        .any(|(i, _)| {
            let rest = b.get(i + 1..).unwrap_or_default();
            phrases
                .iter()
                .any(|p| rest.starts_with(p.as_bytes()) && rest.get(p.len()) == Some(&b' '))
        })
}

/// The role a header cell names, if any. Order matters: more specific roles first.
pub fn classify_header(text: &str) -> Option<Role> {
    if text.chars().count() > 90 {
        return None;
    }
    let w = header_words(text);
    if w.trim().is_empty() {
        return None;
    }
    if has_any(&w, &["risk", "risks", "risk description", "mitigation"]) {
        return Some(Role::Risk);
    }
    if has_any(&w, &["link to", "links to", "linked to", "contributes to"]) {
        return Some(Role::Link);
    }
    if has_any(
        &w,
        &[
            "ref",
            "reference",
            "ref no",
            "no",
            "id",
            "code",
            "#",
            "number",
            "item",
        ],
    ) && w.split_whitespace().count() <= 4
    {
        return Some(Role::Ref);
    }
    if has_any(
        &w,
        &[
            "lead",
            "leads",
            "owner",
            "owners",
            "responsible",
            "responsibility",
            "accountable",
            "who",
            "officer",
            "officers",
            "by whom",
            "lead officer",
            "contact",
        ],
    ) {
        return Some(Role::Lead);
    }
    if has_any(
        &w,
        &[
            "rag",
            "r a g",
            "brag",
            "status",
            "rating",
            "traffic light",
            "rag rating",
        ],
    ) {
        return Some(Role::Rag);
    }
    if has_any(
        &w,
        &[
            "action",
            "actions",
            "we aimed to",
            "aimed to",
            "what we will do",
            "what will we do",
            "how will we do it",
            "how will we",
            "what are we going to do",
            "activity",
            "activities",
            "task",
            "tasks",
            "deliverable",
            "deliverables",
            "initiative",
            "initiatives",
            "commitment",
            "commitments",
            "intervention",
            "interventions",
            "what we are doing",
            "key action",
            "key actions",
            "recommendation",
            "recommendations",
            "workstream",
        ],
    ) {
        return Some(Role::Action);
    }
    if has_any(
        &w,
        &[
            "deadline",
            "deadlines",
            "timescale",
            "timescales",
            "date",
            "dates",
            "when",
            "due",
            "completion",
            "timeframe",
            "time frame",
            "timeline",
            "by when",
            "target date",
            "milestone",
            "milestones",
            "end date",
            "start date",
        ],
    ) {
        return Some(Role::Deadline);
    }
    if has_any(
        &w,
        &[
            "comment",
            "comments",
            "progress",
            "update",
            "updates",
            "commentary",
            "narrative",
            "current position",
            "position statement",
            "notes",
            "achieved",
            "evidence",
            "progress to date",
            "outcome to date",
            "exception",
        ],
    ) {
        return Some(Role::Progress);
    }
    if has_any(
        &w,
        &[
            "next steps",
            "next step",
            "focussing",
            "focusing",
            "focus on",
            "planned",
            "next period",
        ],
    ) {
        return Some(Role::NextSteps);
    }
    if has_any(
        &w,
        &[
            "governance",
            "board",
            "assurance",
            "monitoring",
            "reporting",
            "accountable body",
        ],
    ) {
        return Some(Role::Governance);
    }
    if has_any(
        &w,
        &[
            "indicator",
            "indicators",
            "measure",
            "measures",
            "kpi",
            "kpis",
            "target",
            "targets",
            "success criteria",
            "how will we know",
            "success measure",
            "success measures",
            "performance",
            "baseline",
        ],
    ) {
        return Some(Role::Indicators);
    }
    if has_any(
        &w,
        &[
            "ambition",
            "ambitions",
            "where do we want to be",
            "outcomes",
            "vision",
            "expected outcome",
            "expected outcomes",
        ],
    ) {
        return Some(Role::Ambition);
    }
    if has_any(
        &w,
        &[
            "objective",
            "objectives",
            "priority",
            "priorities",
            "aim",
            "aims",
            "goal",
            "goals",
            "theme",
            "themes",
            "strategic",
            "outcome",
            "priority outcome",
        ],
    ) {
        return Some(Role::Objective);
    }
    None
}

/// Roles that make a header row the header of a plan table, given it has an action column.
pub fn is_plan(roles: &[Option<Role>]) -> bool {
    let has = |r: Role| roles.contains(&Some(r));
    has(Role::Action)
        && !has(Role::Risk)
        && [
            Role::Lead,
            Role::Deadline,
            Role::Rag,
            Role::Progress,
            Role::NextSteps,
            Role::Indicators,
            Role::Governance,
            Role::Objective,
            Role::Ref,
        ]
        .iter()
        .any(|&r| has(r))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn has_any_is_whole_word_phrase_search() {
        let phrases = ["rag", "r a g", "lead officer", "#", "no", "", "by whom"];
        for text in [
            "RAG status",
            "R A G",
            "Lead Officer(s)",
            "Ref #",
            "No.",
            "brag",
            "leads",
            "by  whom",
            "x",
            "",
            "Who / by whom?",
            "ragged",
        ] {
            let w = header_words(text);
            for p in phrases {
                let naive = w.contains(&format!(" {p} "));
                assert_eq!(has_any(&w, &[p]), naive, "{text:?} / {p:?}");
            }
            let naive = phrases[1..].iter().any(|p| w.contains(&format!(" {p} ")));
            assert_eq!(has_any(&w, &phrases[1..]), naive, "{text:?}");
        }
        assert!(has_any(" rag rating ", &["x", "rating"]));
        assert!(!has_any(" ragged ", &["rag"]));
        assert!(!has_any(" rag", &["rag"]));
        assert!(has_any(" r a r a g ", &["r a g"]));
        assert!(!has_any("", &["", "rag"]));
    }

    #[test]
    fn header_words_from_councils() {
        let cases = [
            ("Objective", Some(Role::Objective)),
            (
                "Where do we want to be (3 year ambition)",
                Some(Role::Ambition),
            ),
            ("Action 14/15", Some(Role::Action)),
            ("Lead", Some(Role::Lead)),
            ("Deadline", Some(Role::Deadline)),
            ("Comments", Some(Role::Progress)),
            ("RAG", Some(Role::Rag)),
            ("We aimed to", Some(Role::Action)),
            ("RAG Status", Some(Role::Rag)),
            ("Half Year Update - end of November", Some(Role::Progress)),
            (
                "Between Dec 13 - May 14 we are focussing on",
                Some(Role::NextSteps),
            ),
            ("Priorities", Some(Role::Objective)),
            ("Actions", Some(Role::Action)),
            ("Indicators", Some(Role::Indicators)),
            ("Milestones (Timescale)", Some(Role::Deadline)),
            (
                "Governance / Assurance / Monitoring board",
                Some(Role::Governance),
            ),
            ("Reference", Some(Role::Ref)),
            ("Action/Milestone", Some(Role::Action)),
            ("Responsible Officer", Some(Role::Lead)),
            ("Date due for completion", Some(Role::Deadline)),
            ("Measure Description", Some(Role::Indicators)),
            ("Risk Owner", Some(Role::Risk)),
            ("Link to Directorate Objective", Some(Role::Link)),
            ("Service Objective Description", Some(Role::Objective)),
            ("How will we do it?", Some(Role::Action)),
            ("Who will do it?", Some(Role::Lead)),
            ("When?", Some(Role::Deadline)),
            ("Target Date", Some(Role::Deadline)),
            ("Sandra Shorter", None),
            ("DADU001", None),
        ];
        for (text, want) in cases {
            assert_eq!(classify_header(text), want, "{text}");
        }
    }

    #[test]
    fn plan_needs_an_action_and_another_role() {
        assert!(is_plan(&[
            Some(Role::Ref),
            Some(Role::Action),
            Some(Role::Lead)
        ]));
        assert!(!is_plan(&[
            Some(Role::Ref),
            Some(Role::Indicators),
            Some(Role::Lead)
        ]));
        assert!(!is_plan(&[Some(Role::Action)]));
    }
}
