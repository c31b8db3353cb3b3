//! The header lexicon: what the words of a column header say about the column's role.
//!
//! A header is reduced to stemmed words ([`words`]: lower case, `(s)` dropped, `snake_case`
//! and `camelCase` split, plurals folded), then read left to right taking the longest phrase
//! of the lexicon at each position ([`header_evidence`]). Each phrase gives evidence for one
//! or more roles with a weight: 1.0 for a phrase that names the role outright ("lead
//! officer", "RAG status"), about 0.7 for the usual word ("owner", "timescale"), 0.3-0.5 for
//! a word that several roles share ("target", "milestone", "outcome", "description").
//! Because the longest phrase wins, "Date and action no." gives a reference ("action no")
//! and a deadline ("date"), never an action; "Action owner" is a lead and "Status update"
//! progress. The header is only half the evidence: `evidence.rs` reads the cells, and the
//! assignment in `assign.rs` weighs both, so an ambiguous word is settled by the column's content.
//!
//! Where the families come from (public UK documents read while building this; wording
//! varies by body, the families do not):
//! - council delivery/service/corporate plan updates: "Action", "Key actions", "What we will
//!   do", "Lead officer", "Responsible officer", "Timescale", "Target date", "Milestone",
//!   "RAG", "Progress update", "Commentary" (e.g. rbkc.gov.uk council plan action plan
//!   tracking; bracknell-forest.gov.uk council plan overview report; Epping Forest "Key
//!   Action Plan" quarterly progress at rds.eppingforestdc.gov.uk; North Herts "Council
//!   Delivery Plan" monitoring at democracy.north-herts.gov.uk);
//! - NHS trust board action logs and trackers: "No", "Ref", "Source", "Action", "Lead",
//!   "Target date", "New date", "Due date", "Status/comment", "Open/Close" (e.g. East of
//!   England Ambulance Service "Trust Board Action Tracker" at eastamb.nhs.uk; a Hull and
//!   East Yorkshire Hospitals "Trust Board action tracking list"; board "summary of actions"
//!   with "Relevant item / Action / Responsibility");
//! - internal audit and scrutiny recommendation trackers: "Recommendation", "Agreed
//!   action", "Management response", "Action owner", "Implementation date", "Revised date";
//! - improvement plans (CQC, Ofsted, SEND written statements of action) and strategy
//!   action plans (health and wellbeing, community safety, climate): "Outcome", "Priority",
//!   "Objective", "Success measure", "How will we know", "Who", "By when", "BRAG";
//! - performance scorecards and risk registers, which are not plans: "Indicator", "KPI",
//!   "Target", "Actual", "Baseline", "Direction of travel", "Risk", "Likelihood", "Impact",
//!   "Mitigation", "Controls", and budget tables: "Budget", "Forecast", "Variance", "£000";
//! - forward plans of key decisions: "Decision", "Decision maker", "Date of decision".
//!
//! Each entry below is a phrase as written in headers (it is stemmed like the headers) and
//! the roles it speaks for.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::roles::Role;

/// One lexicon entry: a header phrase and the roles it is evidence for, with weights.
struct Entry {
    phrase: &'static str,
    roles: &'static [(Role, f32)],
}

macro_rules! lex {
    ($($phrase:literal => [$($role:ident $w:literal),+ $(,)?]),* $(,)?) => {
        &[$(Entry { phrase: $phrase, roles: &[$((Role::$role, $w)),+] }),*]
    };
}

/// The lexicon, family by family.
static LEXICON: &[Entry] = lex![
    // --- what is to be done (plans, action logs, trackers, recommendation trackers)
    "action" => [Action 0.9],
    "actions" => [Action 0.9],
    "key action" => [Action 1.0],
    "agreed action" => [Action 1.0],
    "management action" => [Action 1.0],
    "action required" => [Action 1.0],
    "action to be taken" => [Action 1.0],
    "actions to be taken" => [Action 1.0],
    "action point" => [Action 1.0],
    "action description" => [Action 1.0],
    "what we will do" => [Action 1.0],
    "what will we do" => [Action 1.0],
    "what we are going to do" => [Action 1.0],
    "what are we going to do" => [Action 1.0],
    "what we are doing" => [Action 1.0],
    "what needs to be done" => [Action 1.0],
    "what needs to happen" => [Action 1.0],
    "how will we do it" => [Action 0.9],
    "how we will do it" => [Action 0.9],
    "how will we achieve" => [Action 0.9],
    "how we will achieve" => [Action 0.9],
    "how will this be achieved" => [Action 0.9],
    "how will we get there" => [Action 0.9],
    "activity" => [Action 0.8],
    "key activity" => [Action 1.0],
    "task" => [Action 0.8],
    "deliverable" => [Action 0.8],
    "key deliverable" => [Action 0.9],
    "initiative" => [Action 0.7],
    "commitment" => [Action 0.7],
    "our commitment" => [Action 0.9],
    "intervention" => [Action 0.7],
    "recommendation" => [Action 0.8],
    "project" => [Action 0.5],
    "workstream" => [Action 0.4, Theme 0.5],
    "milestone" => [Action 0.4, Deadline 0.5],
    "key milestone" => [Action 0.4, Deadline 0.5],
    "description" => [Action 0.3],
    "detail" => [Action 0.3],
    "step" => [Action 0.5],
    "improvement" => [Action 0.4],
    "improvement action" => [Action 1.0],
    "area for improvement" => [Action 0.6, Objective 0.3],
    "issue" => [Action 0.3],
    // Pronoun-led headers of plan templates ("We will", "We plan to", "We aim to"): what
    // follows is the body's own commitment, i.e. the action.
    "we will" => [Action 0.9],
    "we plan to" => [Action 0.9],
    "we aim to" => [Action 0.8],
    "we intend to" => [Action 0.9],
    "we said we would" => [Action 0.9],
    "we said" => [Action 0.8],

    // --- who (lead officer, owner, responsible)
    "lead" => [Lead 0.9],
    "leads" => [Lead 0.9],
    "lead officer" => [Lead 1.0],
    "lead person" => [Lead 1.0],
    // a lead above the one who does the work: the action owner beside it is the lead
    "lead member" => [Lead 0.7],
    "executive lead" => [Lead 0.7],
    "senior lead" => [Lead 0.7],
    "strategic lead" => [Lead 0.7],
    "executive sponsor" => [Lead 0.6],
    "cabinet member" => [Lead 0.5],
    "lead organisation" => [Lead 0.9],
    "lead agency" => [Lead 0.9],
    "lead partner" => [Lead 0.9],
    "lead director" => [Lead 1.0],
    "lead manager" => [Lead 1.0],
    "lead service" => [Lead 0.9],
    "lead responsibility" => [Lead 1.0],
    "led by" => [Lead 1.0],
    "owner" => [Lead 0.9],
    "action owner" => [Lead 1.0],
    "action holder" => [Lead 1.0],
    "action by" => [Lead 1.0],
    "actioned by" => [Lead 1.0],
    "owned by" => [Lead 1.0],
    "ownership" => [Lead 0.9],
    "responsible" => [Lead 0.9],
    "responsible officer" => [Lead 1.0],
    "responsible person" => [Lead 1.0],
    "responsible lead" => [Lead 1.0],
    "responsible manager" => [Lead 1.0],
    "responsibility" => [Lead 0.9],
    "who is responsible" => [Lead 1.0],
    "who will do it" => [Lead 1.0],
    "who will lead" => [Lead 1.0],
    "who" => [Lead 0.8],
    "by whom" => [Lead 1.0],
    "accountable" => [Lead 0.8],
    "accountable officer" => [Lead 1.0],
    "accountable lead" => [Lead 1.0],
    "senior responsible owner" => [Lead 1.0],
    "sro" => [Lead 0.9],
    "officer" => [Lead 0.7],
    "contact" => [Lead 0.5],
    "contact officer" => [Lead 0.9],
    "assigned to" => [Lead 1.0],
    "champion" => [Lead 0.6],
    "portfolio holder" => [Lead 0.6],
    "resp" => [Lead 0.8],

    // --- when (deadline, timescale, due date)
    "deadline" => [Deadline 1.0],
    "timescale" => [Deadline 1.0],
    "timeframe" => [Deadline 1.0],
    "time frame" => [Deadline 1.0],
    "time scale" => [Deadline 1.0],
    "timeline" => [Deadline 0.9],
    "timing" => [Deadline 0.9],
    "by when" => [Deadline 1.0],
    "when" => [Deadline 0.8],
    "when will it be done" => [Deadline 1.0],
    "when will it be done by" => [Deadline 1.0],
    "due" => [Deadline 0.9],
    "due date" => [Deadline 1.0],
    "date due" => [Deadline 1.0],
    "due by" => [Deadline 1.0],
    "target date" => [Deadline 1.0],
    "target completion date" => [Deadline 1.0],
    "target completion" => [Deadline 1.0],
    "target deadline" => [Deadline 1.0],
    "completion date" => [Deadline 1.0],
    "date for completion" => [Deadline 1.0],
    "date of completion" => [Deadline 1.0],
    "expected completion" => [Deadline 1.0],
    "estimated completion" => [Deadline 1.0],
    "planned completion" => [Deadline 1.0],
    "complete by" => [Deadline 1.0],
    "completion" => [Deadline 0.7],
    "end date" => [Deadline 1.0],
    "finish date" => [Deadline 1.0],
    "delivery date" => [Deadline 1.0],
    "implementation date" => [Deadline 1.0],
    "date to be implemented" => [Deadline 1.0],
    "revised date" => [Deadline 0.7],
    "revised deadline" => [Deadline 0.7],
    "revised target date" => [Deadline 0.7],
    "new date" => [Deadline 0.5],
    "date" => [Deadline 0.6],
    "target" => [Deadline 0.4, Indicator 0.5],
    "quarter" => [Deadline 0.6],
    "year" => [Deadline 0.4],
    "month" => [Deadline 0.6],
    "start date" => [Start 1.0],
    "start" => [Start 0.7],
    "date started" => [Start 1.0],

    // --- rating (RAG, BRAG, status)
    "rag" => [Rag 1.0],
    "r a g" => [Rag 1.0],
    "rag status" => [Rag 1.0],
    "rag rating" => [Rag 1.0],
    "brag" => [Rag 1.0],
    "brag status" => [Rag 1.0],
    "brag rating" => [Rag 1.0],
    "ragb" => [Rag 1.0],
    "status" => [Rag 0.9],
    "current status" => [Rag 1.0],
    "overall status" => [Rag 1.0],
    "action status" => [Rag 1.0],
    "delivery status" => [Rag 1.0],
    "progress status" => [Rag 1.0],
    "status rating" => [Rag 1.0],
    "progress rating" => [Rag 1.0],
    "progress rag" => [Rag 1.0],
    "delivery rating" => [Rag 1.0],
    "rag progress" => [Rag 1.0],
    "rating" => [Rag 0.8],
    "traffic light" => [Rag 1.0],
    "on track" => [Rag 0.8],
    "delivery confidence" => [Rag 0.9],
    "confidence" => [Rag 0.6],
    "assessment" => [Rag 0.4, Progress 0.3],
    "open close" => [Rag 0.5],
    "open closed" => [Rag 0.5],
    "complete" => [Rag 0.5],
    "completed" => [Rag 0.5],

    // --- what has happened (progress, comments, update)
    "progress" => [Progress 1.0],
    "progress update" => [Progress 1.0],
    "progress to date" => [Progress 1.0],
    "progress made" => [Progress 1.0],
    "progress comment" => [Progress 1.0],
    "progress against" => [Progress 1.0],
    "update" => [Progress 0.9],
    "latest update" => [Progress 1.0],
    "status update" => [Progress 1.0],
    "update on progress" => [Progress 1.0],
    "comment" => [Progress 0.9],
    "status comment" => [Progress 0.8, Rag 0.5],
    "commentary" => [Progress 1.0],
    "officer comment" => [Progress 1.0],
    "narrative" => [Progress 0.9],
    "current position" => [Progress 1.0],
    "position statement" => [Progress 1.0],
    "position" => [Progress 0.6],
    "note" => [Progress 0.6],
    "remark" => [Progress 0.8],
    "evidence" => [Progress 0.6],
    "evidence of progress" => [Progress 1.0],
    "evidence of completion" => [Progress 0.9],
    "what we have done" => [Progress 1.0],
    "what has been done" => [Progress 1.0],
    "what has been achieved" => [Progress 1.0],
    "what we did" => [Progress 1.0],
    "achievement" => [Progress 0.6],
    "achieved" => [Progress 0.6],
    "outcome to date" => [Progress 1.0],
    "management response" => [Progress 0.8],
    "response" => [Progress 0.6],
    "exception" => [Progress 0.6],
    "explanation" => [Progress 0.6],

    // --- what comes next
    "next step" => [NextSteps 1.0],
    "next action" => [NextSteps 1.0],
    "further action" => [NextSteps 0.9],
    "further action required" => [NextSteps 1.0],
    "planned action" => [NextSteps 0.7, Action 0.4],
    "future action" => [NextSteps 0.9],
    "forward look" => [NextSteps 1.0],
    "what next" => [NextSteps 1.0],
    "next period" => [NextSteps 0.8],
    "next quarter" => [NextSteps 0.8],
    "next month" => [NextSteps 0.8],
    "next six month" => [NextSteps 0.9],
    "focus" => [NextSteps 0.5],
    "focusing on" => [NextSteps 0.8],
    "we are focusing on" => [NextSteps 0.9],
    "we will focus on" => [NextSteps 0.9],
    "remedial action" => [NextSteps 0.9],
    "corrective action" => [NextSteps 0.9],
    "recovery action" => [NextSteps 0.9],
    "action to address" => [NextSteps 0.6],

    // --- why (objective, priority, outcome, aim)
    "objective" => [Objective 0.9],
    "strategic objective" => [Objective 1.0],
    "key objective" => [Objective 1.0],
    "service objective" => [Objective 1.0],
    "corporate objective" => [Objective 1.0],
    "priority" => [Objective 0.8],
    "strategic priority" => [Objective 1.0],
    "corporate priority" => [Objective 1.0],
    "council priority" => [Objective 1.0],
    "priority outcome" => [Objective 1.0],
    "outcome" => [Objective 0.6, Outcome 0.4],
    "aim" => [Objective 0.7],
    "goal" => [Objective 0.8],
    "purpose" => [Objective 0.5],
    "what we want to achieve" => [Objective 1.0],
    "what do we want to achieve" => [Objective 1.0],
    "why" => [Objective 0.5],
    "key issue" => [Objective 0.5],
    "ambition" => [Outcome 0.8],
    "expected outcome" => [Outcome 0.9],
    "intended outcome" => [Outcome 0.9],
    "desired outcome" => [Outcome 0.9],
    "where we want to be" => [Outcome 0.9],
    "vision" => [Outcome 0.7],
    "impact" => [Outcome 0.4, Risk 0.4],
    "expected impact" => [Outcome 0.9],
    "benefit" => [Outcome 0.7],

    // --- grouping (theme, section, workstream)
    "theme" => [Theme 1.0],
    "strategic theme" => [Theme 1.0],
    "priority area" => [Theme 0.9],
    "focus area" => [Theme 0.9],
    "area of focus" => [Theme 0.9],
    "section" => [Theme 0.7],
    "pillar" => [Theme 0.9],
    "strand" => [Theme 0.9],
    "category" => [Theme 0.6],
    "programme" => [Theme 0.5],
    "domain" => [Theme 0.7],

    // --- reference / number
    "ref" => [Ref 1.0],
    "reference" => [Ref 1.0],
    "ref no" => [Ref 1.0],
    "reference number" => [Ref 1.0],
    "action ref" => [Ref 1.0],
    "action reference" => [Ref 1.0],
    "action no" => [Ref 1.0],
    "action number" => [Ref 1.0],
    "action id" => [Ref 1.0],
    "no" => [Ref 0.9],
    "number" => [Ref 0.7],
    "#" => [Ref 0.9],
    "id" => [Ref 0.9],
    "item" => [Ref 0.6],
    "item no" => [Ref 1.0],
    "code" => [Ref 0.7],
    "rec no" => [Ref 1.0],
    "recommendation no" => [Ref 1.0],
    "minute" => [Ref 0.5],
    "minute no" => [Ref 1.0],
    "source" => [Other 0.6],

    // --- measures (scorecards; a column of them in a plan is kept as indicators)
    "indicator" => [Indicator 1.0],
    "performance indicator" => [Indicator 1.0],
    "key performance indicator" => [Indicator 1.0],
    "kpi" => [Indicator 1.0],
    "pi" => [Indicator 0.8],
    "measure" => [Indicator 0.9],
    "performance measure" => [Indicator 1.0],
    "measure of success" => [Indicator 1.0],
    "success measure" => [Indicator 1.0],
    "success criteria" => [Indicator 1.0],
    "success indicator" => [Indicator 1.0],
    "how will we know" => [Indicator 1.0],
    "how we will know" => [Indicator 1.0],
    "how will we measure" => [Indicator 1.0],
    "how we will measure" => [Indicator 1.0],
    "measured by" => [Indicator 1.0],
    "metric" => [Indicator 1.0],
    "baseline" => [Indicator 0.9],
    "actual" => [Indicator 0.8],
    "latest" => [Indicator 0.5, Progress 0.3],
    "latest position" => [Progress 0.9],
    "outturn" => [Indicator 0.8, Money 0.3],
    "performance" => [Indicator 0.6],
    "benchmark" => [Indicator 0.9],
    "polarity" => [Indicator 1.0],
    "direction of travel" => [Trend 1.0],
    "trend" => [Trend 0.9],
    "dot" => [Trend 0.6],

    // --- risk registers (not plans)
    "risk" => [Risk 0.9],
    "risk description" => [Risk 1.0],
    "risk owner" => [Risk 1.0],
    "risk title" => [Risk 1.0],
    "risk score" => [Risk 1.0],
    "risk rating" => [Risk 1.0],
    "risk reference" => [Risk 1.0],
    "risk and issue" => [Risk 0.6],
    "inherent risk" => [Risk 1.0],
    "residual risk" => [Risk 1.0],
    "likelihood" => [Risk 1.0],
    "probability" => [Risk 0.9],
    "severity" => [Risk 0.9],
    "mitigation" => [Risk 0.9],
    "mitigating action" => [Risk 0.9],
    "control" => [Risk 0.6],
    "existing control" => [Risk 1.0],
    "cause" => [Risk 0.6],
    "consequence" => [Risk 0.8],

    // --- oversight (governance)
    "governance" => [Governance 1.0],
    "board" => [Governance 0.7],
    "assurance" => [Governance 0.8],
    "monitoring" => [Governance 0.6],
    "oversight" => [Governance 0.9],
    "reporting to" => [Governance 1.0],
    "report to" => [Governance 1.0],
    "accountable body" => [Governance 1.0],
    "governance route" => [Governance 1.0],
    "partnership" => [Governance 0.5],
    "forum" => [Governance 0.5],
    "delivery group" => [Governance 0.8],

    // --- money (budget tables, costed plans)
    "cost" => [Money 0.9],
    "costs" => [Money 0.9],
    "budget" => [Money 1.0],
    "spend" => [Money 0.9],
    "funding" => [Money 0.8],
    "resource" => [Money 0.6],
    "resources required" => [Money 0.8],
    "finance" => [Money 0.7],
    "financial" => [Money 0.7],
    "variance" => [Money 1.0],
    "forecast" => [Money 0.8],
    "saving" => [Money 0.9],
    "£" => [Money 1.0],
    "£000" => [Money 1.0],
    "£k" => [Money 1.0],
    "capital" => [Money 0.6],
    "revenue" => [Money 0.6],
    "value" => [Money 0.4],

    // --- decisions (forward plans of key decisions; not plans)
    "decision" => [Decision 1.0],
    "key decision" => [Decision 1.0],
    "decision maker" => [Decision 1.0],
    "decision taker" => [Decision 1.0],
    "date of decision" => [Decision 1.0],
    "decision date" => [Decision 1.0],
    "matter for decision" => [Decision 1.0],
    "subject" => [Decision 0.4],

    // --- meetings (agendas), people lists, contents (not plans)
    "time" => [Time 0.7],
    "start time" => [Time 1.0],
    "presenter" => [Time 0.6, Lead 0.3],
    "speaker" => [Time 0.6],
    "agenda item" => [Time 0.8],
    "paper" => [Other 0.6],
    "page" => [Other 0.8],
    "candidate" => [Other 1.0],
    "party" => [Other 0.8],
    "political party" => [Other 1.0],
    "address" => [Other 0.9],
    "telephone" => [Other 1.0],
    "email" => [Other 1.0],
    "ward" => [Other 0.6],
    "name" => [Other 0.5],

    // --- columns that are none of the roles (kept in `extra`)
    "service area" => [Other 1.0],
    "service" => [Other 0.5],
    "directorate" => [Other 1.0],
    "department" => [Other 1.0],
    "division" => [Other 0.8],
    "team" => [Other 0.5],
    "organisation" => [Other 0.6],
    "last updated" => [Other 1.0],
    "date of last update" => [Other 1.0],
    "date last updated" => [Other 1.0],
    "last update" => [Other 0.8],
    "date updated" => [Other 1.0],
    "date raised" => [Other 1.0],
    "date added" => [Other 1.0],
    "date opened" => [Other 1.0],
    "date identified" => [Other 1.0],
    "date agreed" => [Other 1.0],
    "meeting date" => [Other 1.0],
    "date of meeting" => [Other 1.0],
    "dependency" => [Other 0.9],
    "link to" => [Link 1.0],
    "linked to" => [Link 1.0],
    "links to" => [Link 1.0],
    "contributes to" => [Link 1.0],
    "which service objective does this support" => [Link 1.0],
    "ward affected" => [Other 1.0],
    "equality" => [Other 0.6],
];

/// Words of a header cell, lower-cased and stemmed, with `snake_case`, `camelCase`,
/// `(s)` plurals and punctuation undone: `"Lead Officer(s)"` -> `["lead", "officer"]`,
/// `"due_date"` -> `["due", "date"]`, `"ragStatus"` -> `["rag", "status"]`.
pub fn words(text: &str) -> Vec<String> {
    let text = text.replace("(s)", "").replace("(S)", "");
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    let flush = |cur: &mut String, out: &mut Vec<String>| {
        if !cur.is_empty() {
            out.push(stem(&std::mem::take(cur)));
        }
    };
    for ch in text.chars() {
        if ch.is_alphanumeric() {
            // camelCase boundary: a capital after a lower-case letter
            if ch.is_uppercase() && prev_lower {
                flush(&mut cur, &mut out);
            }
            prev_lower = ch.is_lowercase();
            cur.extend(ch.to_lowercase());
        } else {
            flush(&mut cur, &mut out);
            prev_lower = false;
            if matches!(ch, '#' | '£') {
                // "£000", "£k" stay one word with what follows
                if ch == '£' {
                    cur.push('£');
                } else {
                    out.push("#".to_string());
                }
            }
        }
    }
    flush(&mut cur, &mut out);
    out
}

/// The English (Porter2) stem of a lower-case word, with a final doubled consonant undone,
/// so "owners", "timescales", "priorities", "aimed", and both spellings of "focusing" meet
/// "owner", "timescale", "priority", "aim" and "focus". Headers and lexicon phrases go
/// through the same function, so only consistency matters.
pub fn stem(w: &str) -> String {
    static STEMMER: LazyLock<rust_stemmers::Stemmer> =
        LazyLock::new(|| rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English));
    // Stems already made on this thread (words repeat across the cells of a document);
    // emptied when it grows past a bound.
    thread_local! {
        static CACHE: std::cell::RefCell<HashMap<String, String>> = std::cell::RefCell::new(HashMap::new());
    }
    if w.chars().count() <= 3 || !w.chars().all(|c| c.is_alphabetic()) {
        return w.to_string();
    }
    if let Some(s) = CACHE.with(|c| c.borrow().get(w).cloned()) {
        return s;
    }
    let mut s = STEMMER.stem(w).into_owned();
    let b = s.as_bytes();
    if b.len() > 3 && b[b.len() - 1] == b[b.len() - 2] && !b"aeiou".contains(&b[b.len() - 1]) {
        s.pop();
    }
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() > 50_000 {
            c.clear();
        }
        c.insert(w.to_string(), s.clone());
    });
    s
}

/// Lexicon phrases by their first stemmed word: (stemmed words, roles).
type PhrasesByFirst = HashMap<String, Vec<(Vec<String>, &'static [(Role, f32)])>>;

struct Compiled {
    /// First stemmed word -> entries starting with it: (stemmed words, roles).
    by_first: PhrasesByFirst,
}

static COMPILED: LazyLock<Compiled> = LazyLock::new(|| {
    let mut by_first: PhrasesByFirst = HashMap::new();
    for e in LEXICON {
        let ws = words(e.phrase);
        if let Some(first) = ws.first() {
            by_first
                .entry(first.clone())
                .or_default()
                .push((ws, e.roles));
        }
    }
    for v in by_first.values_mut() {
        // longest phrases first
        v.sort_by_key(|(ws, _)| std::cmp::Reverse(ws.len()));
    }
    Compiled { by_first }
});

/// A phrase of the lexicon found in a header.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    /// The phrase as it stands in the header (stemmed words joined by spaces).
    pub phrase: String,
    pub roles: &'static [(Role, f32)],
}

/// The lexicon phrases in a header, longest match first at each word, left to right.
pub fn matches(text: &str) -> Vec<Match> {
    let ws = words(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let found = COMPILED.by_first.get(&ws[i]).and_then(|cands| {
            cands
                .iter()
                .find(|(p, _)| ws.len() >= i + p.len() && ws[i..i + p.len()] == p[..])
        });
        match found {
            Some((p, roles)) => {
                out.push(Match {
                    phrase: p.join(" "),
                    roles,
                });
                i += p.len();
            }
            None => i += 1,
        }
    }
    out
}

/// Evidence a header gives for each role: the best weight of any phrase that names it.
/// A header that is mostly other words (a sentence, a value) says less: the weights are
/// scaled down by the share of its words the phrases cover, once it is over three words.
pub fn header_evidence(text: &str) -> Vec<(Role, f32, String)> {
    let ws = words(text);
    if ws.is_empty() || ws.len() > 14 {
        return Vec::new();
    }
    let found = matches(text);
    let covered: usize = found.iter().map(|m| m.phrase.split(' ').count()).sum();
    let stop = ws.iter().filter(|w| is_stop(w)).count();
    let content = ws.len().saturating_sub(stop).max(1);
    let share = (covered as f32 / content as f32).min(1.0);
    let scale = if ws.len() <= 3 {
        1.0
    } else {
        0.6 + 0.4 * share
    };
    let mut out: Vec<(Role, f32, String)> = Vec::new();
    for m in &found {
        for &(role, w) in m.roles {
            let w = w * scale;
            match out.iter_mut().find(|(r, _, _)| *r == role) {
                Some(e) if e.1 >= w => {}
                Some(e) => *e = (role, w, m.phrase.clone()),
                None => out.push((role, w, m.phrase.clone())),
            }
        }
    }
    out
}

/// How strongly a text reads as a column label, 0-1: the best weight of its lexicon
/// phrases times the share of its words they cover (once it is over three words), so a
/// sentence that happens to contain "start" or "update" is no label.
pub fn label_strength(text: &str) -> f32 {
    let ws = words(text);
    if ws.is_empty() || ws.len() > 14 {
        return 0.0;
    }
    let found = matches(text);
    let best = found
        .iter()
        .flat_map(|m| m.roles.iter().map(|r| r.1))
        .fold(0.0f32, f32::max);
    if ws.len() <= 3 {
        return best;
    }
    let covered: usize = found
        .iter()
        .map(|m| m.phrase.split(' ').filter(|w| !is_stop(w)).count())
        .sum();
    let content = ws
        .iter()
        .filter(|w| !is_stop(w) && !w.chars().all(|c| c.is_ascii_digit()))
        .count()
        .max(1);
    best * (covered as f32 / content as f32).min(1.0).sqrt()
}

fn is_stop(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "and"
            | "or"
            | "of"
            | "to"
            | "for"
            | "in"
            | "on"
            | "by"
            | "be"
            | "is"
            | "are"
            | "we"
            | "it"
            | "this"
            | "our"
            | "with"
            | "at"
            | "from"
            | "will"
            | "what"
            | "how"
            | "who"
            | "when"
            | "do"
            | "does"
            | "doe"
            | "which"
            | "if"
            | "any"
            | "each"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn best(text: &str) -> Option<Role> {
        header_evidence(text)
            .into_iter()
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(r, _, _)| r)
    }

    #[test]
    fn words_undo_cases_and_plurals() {
        assert_eq!(words("Lead Officer(s)"), words("lead officer"));
        assert_eq!(words("due_date"), words("due date"));
        assert_eq!(words("ragStatus"), words("rag status"));
        assert_eq!(words("ragStatus").len(), 2);
        assert_eq!(words("Priorities"), words("priority"));
        assert_eq!(words("Owners"), words("owner"));
        assert_eq!(words("focussing"), words("focusing"));
        assert_eq!(words("aimed"), words("aim"));
        assert_eq!(words("Progress"), words("progress"));
        assert_eq!(words("Budget £000"), ["budget", "£000"]);
        assert_eq!(words("Ref #"), ["ref", "#"]);
    }

    #[test]
    fn the_longest_phrase_wins() {
        assert_eq!(best("Date and action no."), Some(Role::Ref));
        assert!(header_evidence("Date and action no.")
            .iter()
            .all(|(r, _, _)| *r != Role::Action));
        assert_eq!(best("Action owner"), Some(Role::Lead));
        assert_eq!(best("Status update"), Some(Role::Progress));
        assert_eq!(best("Action 14/15"), Some(Role::Action));
        assert_eq!(best("Risk owner"), Some(Role::Risk));
        assert_eq!(best("Date of last update"), Some(Role::Other));
    }

    #[test]
    fn families_from_public_bodies() {
        let cases = [
            ("Owner(s)", Role::Lead),
            ("Who is responsible?", Role::Lead),
            ("Action holder", Role::Lead),
            ("By when", Role::Deadline),
            ("Completion date", Role::Deadline),
            ("BRAG", Role::Rag),
            ("Direction of travel", Role::Trend),
            ("lead_officer", Role::Lead),
            ("target_date", Role::Deadline),
            ("rag_status", Role::Rag),
            ("Timescales", Role::Deadline),
            ("Key Actions", Role::Action),
            ("What we will do", Role::Action),
            ("Progress to date", Role::Progress),
            ("Next steps", Role::NextSteps),
            ("Strategic Priority", Role::Objective),
            ("Theme", Role::Theme),
            ("KPI", Role::Indicator),
            ("Likelihood", Role::Risk),
            ("Budget £000", Role::Money),
            ("Decision maker", Role::Decision),
            ("Service area", Role::Other),
        ];
        for (text, want) in cases {
            assert_eq!(best(text), Some(want), "{text}");
        }
        assert_eq!(best("Sandra Shorter"), None);
        assert_eq!(best(""), None);
    }
}
