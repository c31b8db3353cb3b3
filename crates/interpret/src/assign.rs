//! Reading a table: which rows are its header, what role each column plays, and whether it
//! is a plan.
//!
//! 1. **Header rows.** Among the first rows, a row is a header when its cells are labels
//!    (short, none of them a value such as a date, a rating, a name or a number unless the
//!    lexicon knows the word) and the lexicon recognises some of them, or they are marked as
//!    header cells; a second label row under it (a sub-header) joins it. A table may have no
//!    header at all: it is then read from its content alone.
//! 2. **Scores.** Every column gets a score per role: the header's lexicon evidence
//!    (`lexicon.rs`) plus the content's fit (`evidence.rs`). A user profile's
//!    `--roles "Led by=lead"` sets a column's role outright.
//! 3. **Joint assignment.** One action column: each of the best few candidates is tried,
//!    the other columns take the remaining roles greedily, best score first, one column per
//!    field role; columns whose best score is weak stay unassigned (their text goes to
//!    `extra`). The assignment with the highest total wins.
//! 4. **Plan or not.** A table is a plan when it has an action column with real evidence
//!    and at least one more role beside it (a lead, deadline, rating, progress, reference,
//!    objective...), and its main text is not better read as something else: a column of
//!    risks, measures, decisions, amounts or times of day that outscores the actions, or a
//!    header that names a risk register, a scorecard or a forward plan while the action
//!    column's header does not name actions.

use plansift_model::Row;

use crate::evidence::{self, ColumnStats};
use crate::lexicon;
use crate::profile::Profile;
use crate::roles::Role;

/// The score a role must reach for a column to take it.
const MIN_ROLE: f32 = 0.5;
/// The score the action column must reach.
const MIN_ACTION: f32 = 0.45;
/// Below this, an action column found by its content alone needs a lead or deadline beside it
/// ...
const WEAK_ACTION: f32 = 0.7;
/// ... when its text is also short (mean characters): a status message, not a task.
const WEAK_ACTION_CHARS: f32 = 45.0;
/// How much a header naming another role counts against a role (per unit of difference).
const HEADER_VETO: f32 = 1.0;
/// Header rows are looked for among this many first rows of a table.
const HEADER_SEARCH: usize = 4;
/// A header cell is a label: at most this many characters ...
const LABEL_MAX_CHARS: usize = 90;
/// ... and words.
const LABEL_MAX_WORDS: usize = 14;

/// One column as read.
#[derive(Debug, Clone, Default)]
pub struct ColumnReading {
    pub header: String,
    pub role: Option<Role>,
    pub score: f32,
    /// Why: the header phrase and the content measures that decided.
    pub evidence: String,
    /// The runner-up role, for explanations.
    pub runner_up: Option<(Role, f32)>,
    /// How well the content alone fits each role (0-1), in [`Role::ALL`] order.
    pub content: Vec<f32>,
    /// Share of the body rows with text in this column.
    pub fill: f32,
}

impl ColumnReading {
    /// How well the content alone fits a role.
    pub fn content(&self, role: Role) -> f32 {
        Role::ALL
            .iter()
            .position(|r| *r == role)
            .and_then(|i| self.content.get(i))
            .copied()
            .unwrap_or(0.0)
    }

    /// The content could be actions: mostly filled with text that is not a date, a rating, a
    /// name, a code, nor more a risk, a measure or another kind than an action.
    pub fn could_be_actions(&self) -> bool {
        let a = self.content(Role::Action);
        self.fill > 0.0
            && [Role::Deadline, Role::Rag, Role::Lead, Role::Ref]
                .iter()
                .all(|&r| self.content(r) < 0.5)
            && Role::ALL
                .iter()
                .filter(|r| r.is_other_kind())
                .all(|&r| self.content(r) <= a)
    }
}

/// A table as read.
#[derive(Debug, Clone, Default)]
pub struct TableReading {
    /// Index (into the rows given) of the header rows, if any.
    pub header_rows: Vec<usize>,
    pub columns: Vec<ColumnReading>,
    pub plan: bool,
    /// Why the table is or is not a plan.
    pub reason: String,
    /// The content measures of each column.
    pub stats: Vec<ColumnStats>,
}

impl TableReading {
    pub fn roles(&self) -> Vec<Option<Role>> {
        self.columns.iter().map(|c| c.role).collect()
    }
    pub fn headers(&self) -> Vec<String> {
        self.columns.iter().map(|c| c.header.clone()).collect()
    }
    pub fn col(&self, role: Role) -> Option<usize> {
        self.columns.iter().position(|c| c.role == Some(role))
    }
}

/// Evidence that a row is a header row: `None` when a cell is a value, else how strongly
/// its cells read as column labels (0-1) and how many the lexicon recognised.
pub fn header_likeness(row: &Row) -> Option<(f32, usize)> {
    header_likeness_at_least(row, 0.0)
}

/// [`header_likeness`], giving up as soon as the row cannot reach `min` (the lexicon and
/// the value tests are the costly part, and most rows of a long table are no header).
fn header_likeness_at_least(row: &Row, min: f32) -> Option<(f32, usize)> {
    // 1. the row's shape, cheaply
    let (mut filled, mut marked, mut machine, mut lower, mut notes) =
        (0usize, 0usize, 0usize, 0usize, 0usize);
    let mut labels: Vec<&plansift_model::Cell> = Vec::with_capacity(row.cells.len());
    for c in &row.cells {
        let t = c.text.trim();
        if t.is_empty() {
            continue;
        }
        let (chars, words) = (t.chars().count(), t.split_whitespace().count());
        // A note written into a header row ("Each risk will require a template...")
        // is set aside; more than one, and it is no header row.
        if chars > LABEL_MAX_CHARS || (ends_sentence(t) && words > 6) {
            notes += 1;
            if notes > 1 {
                return None;
            }
            continue;
        }
        filled += 1;
        if t.chars().next().is_some_and(|ch| ch.is_lowercase()) {
            lower += 1;
            // a machine export's field names: short, no sentence punctuation
            if words > 3 || t.ends_with(['.', ',', ';']) {
                return None;
            }
        }
        // labels are a handful of words, not sentences
        if words > LABEL_MAX_WORDS || (ends_sentence(t) && words > 3) {
            return None;
        }
        if c.header || c.bold {
            marked += 1;
        }
        if is_field_name(t) {
            machine += 1;
        }
        labels.push(c);
    }
    // A header names most columns (at least a third), not two cells of a wide row.
    if filled < 2 || filled * 3 < row.cells.len() {
        return None;
    }
    // Labels start with a capital, unless every one is lower case (a machine export's
    // field names); a lower-case start is the rest of a wrapped sentence.
    if lower > 0 && lower < filled {
        return None;
    }
    let bonus =
        if marked == filled { 0.15 } else { 0.0 } + if machine == filled { 0.2 } else { 0.0 };
    let score = |known: usize, strength: f32| {
        0.6 * known as f32 / filled as f32 + 0.4 * strength / filled as f32 + bonus
    };
    // 2. what the lexicon knows of each label
    let (mut known, mut strength) = (0usize, 0.0f32);
    for (k, c) in labels.iter().enumerate() {
        let rest = labels.len() - k;
        if score(known + rest, strength + rest as f32) < min {
            return None;
        }
        let label = lexicon::label_strength(c.text.trim());
        if label < 0.3 {
            // an unknown cell: if the row cannot reach `min` without it, no need to look
            // further; a value (a date, a rating, a name, a number) is no label at all
            if score(known + rest - 1, strength + (rest - 1) as f32) < min || is_value(c) {
                return None;
            }
        }
        if label >= 0.3 {
            known += 1;
            strength += label;
        }
    }
    if notes > 0 && (filled < 3 || known < filled) {
        return None;
    }
    Some((score(known, strength).min(1.0), known))
}

/// Ends with a full stop after a word (not an abbreviation such as "No." or "Ref.").
fn ends_sentence(t: &str) -> bool {
    let Some(body) = t.strip_suffix('.') else {
        return false;
    };
    let last = body
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    last.chars().count() > 3 || last.chars().any(|c| c.is_ascii_digit())
}

/// A cell value of some role, not a label: a date, a rating or status, a reference code,
/// a number, a person's name or initials (a body's name can be a header: "Partners"), or
/// an instruction. A cell marked as a header cell is only checked for dates and numbers.
fn is_value(c: &plansift_model::Cell) -> bool {
    use plansift_normalize as norm;
    let t = c.text.trim();
    if norm::looks_like_deadline(t) || crate::shape::is_number(t) {
        return true;
    }
    if c.header {
        return false;
    }
    norm::looks_like_status(t)
        || evidence::looks_like_ref(t)
        || (t.split_whitespace().count() <= 4
            && !t.contains(['/', '('])
            && norm::looks_like_person(t)
            && norm::lead(t)
                .people
                .iter()
                .any(|p| p.kind != norm::PersonKind::Team))
        || crate::shape::action_likeness(t) >= 0.9 && t.split_whitespace().count() >= 4
}

/// A machine export's field name: `lead_officer`, `dueDate`, `RAG_STATUS`.
fn is_field_name(t: &str) -> bool {
    let t = t.trim();
    !t.contains(' ')
        && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && (t.contains('_')
            || t.chars().skip(1).any(|c| c.is_ascii_uppercase())
                && t.chars().any(|c| c.is_ascii_lowercase()))
}

/// Whether a row is a header row of a table (at its top).
pub fn is_header_row(row: &Row) -> bool {
    header_likeness_at_least(row, 0.6)
        .is_some_and(|(score, known)| known >= 2 && score >= 0.6 || known >= 1 && score >= 0.75)
}

/// Whether a row inside a table's body starts a new header: the evidence must be
/// stronger than at the top, where headers are expected.
pub fn is_inner_header_row(row: &Row) -> bool {
    header_likeness_at_least(row, 0.8).is_some_and(|(score, known)| known >= 2 && score >= 0.8)
}

/// Find the header rows among the first rows: the first header row, and a sub-header row
/// directly under it.
pub fn find_header(rows: &[Row], profile: &Profile) -> Vec<usize> {
    let mut seen = 0;
    let mut first = None;
    for (i, row) in rows.iter().enumerate() {
        if row.filled() == 0 {
            continue;
        }
        first.get_or_insert(i);
        seen += 1;
        if seen > HEADER_SEARCH {
            break;
        }
        if is_header_row(row) || names_profile_headers(row, profile) {
            let mut out = vec![i];
            if let Some(next) = rows.get(i + 1) {
                if is_subheader(row, next) {
                    out.push(i + 1);
                }
            }
            return out;
        }
    }
    // Labels the lexicon does not know: the first row is a header when its cells are
    // labels and unlike the columns below them (a word over a column of dates, ratings,
    // codes or names; a short label over long text).
    match first {
        Some(f) if contrasts_with_body(rows, f) => vec![f],
        _ => Vec::new(),
    }
}

/// The row holds headers the user's profile names.
fn names_profile_headers(row: &Row, profile: &Profile) -> bool {
    !profile.is_empty()
        && row.filled() >= 2
        && row
            .cells
            .iter()
            .any(|c| !c.is_empty() && profile.role_for_header(&c.text).is_some())
}

/// The first row's cells are labels (no values, short) and at least two columns below
/// them are of a kind the label is not.
fn contrasts_with_body(rows: &[Row], first: usize) -> bool {
    let row = &rows[first];
    if header_likeness(row).is_none() {
        return false;
    }
    let below: Vec<&Row> = rows[first + 1..]
        .iter()
        .filter(|r| r.filled() > 0)
        .take(60)
        .collect();
    if below.len() < 2 {
        return false;
    }
    let stats = evidence::measure(&below, row.cells.len());
    let (mut unlike, mut like) = (0, 0);
    for (c, s) in row.cells.iter().zip(&stats) {
        let t = c.text.trim();
        if t.is_empty() || s.filled < 2 {
            continue;
        }
        let probe = evidence::measure(
            &[&Row {
                cells: vec![c.clone()],
                prov: row.prov,
            }],
            1,
        );
        let p = &probe[0];
        let kinds = [
            (s.deadline, p.deadline),
            (s.rag, p.rag),
            (s.number, p.number),
            (s.reference, p.reference),
            (s.person, p.person),
        ];
        let typed: Vec<&(f32, f32)> = kinds.iter().filter(|(col, _)| *col >= 0.6).collect();
        if !typed.is_empty() {
            if typed.iter().any(|(_, cell)| *cell > 0.0) {
                like += 1;
            } else {
                unlike += 1;
            }
        } else if s.mean_chars >= 40.0 && t.split_whitespace().count() <= 3 {
            unlike += 1;
        }
    }
    unlike >= 2 && like == 0
}

/// A second label row under a header: its labels stand under header cells (a group header
/// "Progress" over "Q1 | Q2"), or under empty header cells, and the lexicon knows them.
fn is_subheader(header: &Row, next: &Row) -> bool {
    // a header cell's second line in a row of its own ("Impact" over "measure")
    let marked: Vec<usize> = next
        .cells
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.is_empty())
        .map(|(i, _)| i)
        .collect();
    if let [i] = marked[..] {
        let c = &next.cells[i];
        let above = |j: usize| header.cells.get(j).is_some_and(|h| !h.is_empty());
        // (a banner across the table is not: it spans the row, or names a theme)
        let spans_row =
            next.cells.iter().skip(i + 1).all(|x| x.covered) && next.cells.len() > i + 1;
        return (c.header || c.bold)
            && c.text.split_whitespace().count() <= 3
            && !spans_row
            && c.colspan <= 1
            && crate::banner::parse(&c.text, false).is_none()
            && (above(i) || i > 0 && above(i - 1));
    }
    let Some((score, known)) = header_likeness(next) else {
        return false;
    };
    if known == 0 || score < 0.5 {
        return false;
    }
    // it must not simply repeat the header
    let same = next
        .cells
        .iter()
        .zip(&header.cells)
        .filter(|(a, b)| !a.is_empty() && a.text.trim() == b.text.trim())
        .count();
    same * 2 < next.filled()
}

/// The header text of each column from the header rows (sub-header words after the group's).
fn header_texts(rows: &[Row], header_rows: &[usize], width: usize) -> Vec<String> {
    let mut out = vec![String::new(); width];
    for &h in header_rows {
        let mut group = String::new();
        for (i, slot) in out.iter_mut().enumerate() {
            let c = rows[h].cells.get(i);
            let t = c.map(|c| c.text.trim()).unwrap_or("");
            // a spanning group header covers the empty cells after it
            if c.is_some_and(|c| c.covered) && !group.is_empty() {
                if slot.is_empty() {
                    *slot = group.clone();
                }
                continue;
            }
            if !t.is_empty() {
                group = t.to_string();
                if slot.is_empty() {
                    *slot = t.to_string();
                } else {
                    slot.push(' ');
                    slot.push_str(t);
                }
            }
        }
    }
    out
}

/// Read a table from its rows. `rows` may start with banner rows above the header.
pub fn read(rows: &[Row], profile: &Profile) -> TableReading {
    let width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let header_rows = find_header(rows, profile);
    let headers = header_texts(rows, &header_rows, width);
    let body_start = header_rows.last().map_or(0, |h| h + 1);
    // the sample the content is measured on, less any header rows repeated in it
    let rest = &rows[body_start..];
    let body: Vec<&Row> = evidence::sample(rest.len())
        .into_iter()
        .map(|i| &rest[i])
        .filter(|r| !is_header_row(r))
        .collect();
    let stats = evidence::measure(&body, width);
    let mut reading =
        assign(headers, &stats, !header_rows.is_empty(), profile).with_header_rows(header_rows);
    reading.stats = stats;
    reading
}

impl TableReading {
    fn with_header_rows(mut self, h: Vec<usize>) -> Self {
        self.header_rows = h;
        self
    }
}

/// Scores of every role for one column.
struct ColumnScores {
    scores: Vec<(Role, f32, f32, String)>, // role, header part, content part, reason
    forced: Option<Role>,
}

impl ColumnScores {
    /// Header evidence plus content fit, less a penalty when the header names another
    /// role more strongly than this one: content alone does not overrule a clear header.
    fn total(&self, role: Role) -> f32 {
        if let Some(f) = self.forced {
            return if f == role { 10.0 } else { 0.0 };
        }
        let Some(s) = self.scores.iter().find(|s| s.0 == role) else {
            return 0.0;
        };
        let other = self
            .scores
            .iter()
            .filter(|o| o.0 != role)
            .map(|o| o.1)
            .fold(0.0f32, f32::max);
        s.1 + s.2 - HEADER_VETO * (other - s.1).max(0.0)
    }
    fn header(&self, role: Role) -> f32 {
        self.scores
            .iter()
            .find(|s| s.0 == role)
            .map_or(0.0, |s| s.1)
    }
    fn content(&self, role: Role) -> f32 {
        self.scores
            .iter()
            .find(|s| s.0 == role)
            .map_or(0.0, |s| s.2)
    }
}

fn score_columns(
    headers: &[String],
    stats: &[ColumnStats],
    profile: &Profile,
) -> Vec<ColumnScores> {
    headers
        .iter()
        .zip(stats)
        .enumerate()
        .map(|(i, (h, st))| {
            let forced = profile.role_for(h, i);
            let hev = lexicon::header_evidence(h);
            let scores = Role::ALL
                .iter()
                .map(|&role| {
                    let (hw, phrase) = hev
                        .iter()
                        .find(|e| e.0 == role)
                        .map_or((0.0, ""), |e| (e.1, e.2.as_str()));
                    let (cw, why) = evidence::content_score(st, role);
                    let mut reason = String::new();
                    if hw > 0.0 {
                        reason.push_str(&format!("header \"{phrase}\" {hw:.2}"));
                    }
                    if cw != 0.0 {
                        if !reason.is_empty() {
                            reason.push_str("; ");
                        }
                        reason.push_str(&format!("content {cw:.2} ({why})"));
                    }
                    (role, hw, cw, reason)
                })
                .collect();
            ColumnScores { scores, forced }
        })
        .collect()
}

/// A role's minimum score.
fn min_score(role: Role) -> f32 {
    match role {
        Role::Action => MIN_ACTION,
        _ => MIN_ROLE,
    }
}

fn assign(
    headers: Vec<String>,
    stats: &[ColumnStats],
    has_header: bool,
    profile: &Profile,
) -> TableReading {
    let width = headers.len();
    let cols = score_columns(&headers, stats, profile);
    // Action candidates: the best few columns by action score.
    let mut cands: Vec<(usize, f32)> = (0..width)
        .map(|i| (i, cols[i].total(Role::Action)))
        .filter(|&(i, s)| {
            // actions are the column's best reading (or nearly): a column whose header
            // names an objective or a measure is not an action column for its content alone
            // (a rival reading of text from content alone - progress, an objective - leaves
            // the choice to the joint assignment)
            let best_other = Role::ALL
                .iter()
                .filter(|&&r| r != Role::Action)
                .filter(|&&r| {
                    !(matches!(
                        r,
                        Role::Progress | Role::NextSteps | Role::Objective | Role::Theme
                    ) && cols[i].header(r) == 0.0)
                })
                .map(|&r| cols[i].total(r))
                .fold(0.0f32, f32::max);
            s >= MIN_ACTION
                && s + 0.1 >= best_other
                && (cols[i].forced == Some(Role::Action)
                    || cols[i].content(Role::Action) >= 0.2
                    || cols[i].header(Role::Action) >= 0.8)
        })
        .collect();
    cands.sort_by(|a, b| b.1.total_cmp(&a.1));
    cands.truncate(3);
    let mut best: Option<(f32, Vec<Option<Role>>)> = None;
    // With a candidate, the table has an action column: "no action column" is not compared
    // with the candidates (an assignment without one can score more by leaving the text
    // column to a weaker role).
    let options: Vec<Option<usize>> = if cands.is_empty() {
        vec![None]
    } else {
        cands.iter().map(|c| Some(c.0)).collect()
    };
    for a in options {
        let (total, roles) = greedy(&cols, a, width);
        if best.as_ref().is_none_or(|(t, _)| total > *t) {
            best = Some((total, roles));
        }
    }
    let mut roles = best.map(|b| b.1).unwrap_or_else(|| vec![None; width]);
    nest_groupings(&mut roles, &cols, stats);
    let mut columns: Vec<ColumnReading> = (0..width)
        .map(|i| {
            let role = roles[i];
            let mut ranked: Vec<(Role, f32)> =
                Role::ALL.iter().map(|&r| (r, cols[i].total(r))).collect();
            ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
            let score = role.map_or(ranked[0].1, |r| cols[i].total(r));
            let shown = role.unwrap_or(ranked[0].0);
            let mut evidence = cols[i]
                .scores
                .iter()
                .find(|s| s.0 == shown)
                .map(|s| s.3.clone())
                .unwrap_or_default();
            if cols[i].forced.is_some() {
                evidence = "set by the profile".to_string();
            }
            let runner_up = ranked
                .iter()
                .find(|(r, _)| Some(*r) != role)
                .copied()
                .filter(|x| x.1 > 0.0);
            let content = Role::ALL.iter().map(|&r| cols[i].content(r)).collect();
            let fill = stats.get(i).map_or(0.0, |s| s.fill());
            ColumnReading {
                header: headers[i].clone(),
                role,
                score,
                evidence,
                runner_up,
                content,
                fill,
            }
        })
        .collect();
    let (plan, reason) = decide(&cols, &mut columns, stats, has_header);
    TableReading {
        header_rows: Vec::new(),
        columns,
        plan,
        reason,
        stats: Vec::new(),
    }
}

/// Two carried-down columns of grouping text: the one whose value changes less often is the
/// theme, the other the objective (when no header says otherwise).
fn nest_groupings(roles: &mut [Option<Role>], cols: &[ColumnScores], stats: &[ColumnStats]) {
    // an "ambition" or "outcome" column whose text groups the rows (written once per group,
    // not a list beside each action) is the objective
    if !roles.contains(&Some(Role::Objective)) {
        if let Some(i) = (0..roles.len()).find(|&i| {
            roles[i] == Some(Role::Outcome)
                && cols[i].content(Role::Objective) >= 0.5
                && stats[i].list < 0.5
        }) {
            roles[i] = Some(Role::Objective);
        }
    }
    let Some(o) = roles.iter().position(|r| *r == Some(Role::Objective)) else {
        return;
    };
    if roles.contains(&Some(Role::Theme)) || cols[o].header(Role::Objective) >= 0.5 {
        return;
    }
    let other = (0..roles.len()).find(|&i| {
        roles[i].is_none()
            && cols[i].header(Role::Objective) == 0.0
            && cols[i].content(Role::Objective) >= 0.5
            && stats[i].groups > stats[o].groups
    });
    if let Some(i) = other {
        roles[o] = Some(Role::Theme);
        roles[i] = Some(Role::Objective);
    }
}

/// Greedy assignment with the action column fixed (or none): returns the total score.
fn greedy(cols: &[ColumnScores], action: Option<usize>, width: usize) -> (f32, Vec<Option<Role>>) {
    let mut roles: Vec<Option<Role>> = vec![None; width];
    let mut total = 0.0;
    if let Some(a) = action {
        roles[a] = Some(Role::Action);
        total += cols[a].total(Role::Action);
    }
    let mut pairs: Vec<(f32, usize, Role)> = Vec::new();
    for (i, c) in cols.iter().enumerate() {
        if Some(i) == action {
            continue;
        }
        for &r in Role::ALL.iter().filter(|&&r| r != Role::Action) {
            let mut s = c.total(r);
            // Of two date columns, the deadline follows the action; a date before it is
            // more often when the action was raised.
            if r == Role::Deadline && c.header(r) < 0.5 && action.is_some_and(|a| i < a) {
                s -= 0.15;
            }
            if s >= min_score(r) {
                pairs.push((s, i, r));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    for (s, i, r) in pairs {
        if roles[i].is_some() || (r.is_field() && roles.contains(&Some(r))) {
            continue;
        }
        // objectives and themes usually stand left of the actions they group
        let right = action.is_some_and(|a| i > a);
        let s = if matches!(r, Role::Objective | Role::Theme) && right && cols[i].header(r) < 0.5 {
            s - 0.3
        } else {
            s
        };
        if s < min_score(r) {
            continue;
        }
        roles[i] = Some(r);
        total += s;
    }
    // Two carried-down columns: the one with fewer runs further left is the theme.
    (total, roles)
}

/// Plan or not, and why; drops the action role from a table that is not a plan.
fn decide(
    cols: &[ColumnScores],
    columns: &mut [ColumnReading],
    stats: &[ColumnStats],
    has_header: bool,
) -> (bool, String) {
    let Some(a) = columns.iter().position(|c| c.role == Some(Role::Action)) else {
        return (false, "no column reads as actions".to_string());
    };
    let forced = cols[a].forced == Some(Role::Action);
    let action = cols[a].total(Role::Action);
    // The main text better read as something else?
    if !forced {
        for &r in Role::ALL.iter().filter(|r| r.is_other_kind()) {
            let other = cols[a].total(r);
            if other > action {
                columns[a].role = None;
                return (false, format!("the main text column reads as {} ({other:.2}) more than actions ({action:.2})", r.name()));
            }
        }
        // A header naming a risk register, scorecard or forward plan, and an action
        // column whose header does not name actions: unless the risks or measures stand
        // to the right of actions that read clearly as actions (a plan with its measures).
        if cols[a].header(Role::Action) < 0.6 {
            for (i, c) in cols.iter().enumerate() {
                for &r in Role::ALL
                    .iter()
                    .filter(|r| matches!(r, Role::Risk | Role::Indicator | Role::Decision))
                {
                    let beside = i > a && cols[a].content(Role::Action) >= 0.5;
                    if i != a
                        && !beside
                        && c.header(r) >= 0.85
                        && c.total(r) >= c.total(Role::Action)
                        && columns[i].role == Some(r)
                    {
                        columns[a].role = None;
                        return (
                            false,
                            format!(
                                "column \"{}\" names a {} table and no header names actions",
                                columns[i].header,
                                r.name()
                            ),
                        );
                    }
                }
            }
        }
        // (a header alone, its rows on the next page, is judged by the header)
        if stats[a].rows > 0 && stats[a].mean_chars < 6.0 {
            columns[a].role = None;
            return (false, "the action column holds no text".to_string());
        }
    }
    // Read from content alone, a plan needs a column of its own kind beside the actions (a
    // reference or a carried-down text is not enough: lists and contents pages have those).
    let supports = |r: Role| {
        if has_header {
            r.supports_plan()
        } else {
            matches!(
                r,
                Role::Lead
                    | Role::Deadline
                    | Role::Rag
                    | Role::Progress
                    | Role::NextSteps
                    | Role::Governance
            )
        }
    };
    let support: Vec<String> = columns
        .iter()
        .enumerate()
        .filter(|(i, c)| *i != a && c.role.is_some_and(supports) && c.score >= 0.6)
        .map(|(_, c)| c.role.map(|r| r.name()).unwrap_or("").to_string())
        .collect();
    if support.is_empty() {
        columns[a].role = None;
        return (false, "an action column but no lead, deadline, rating, progress or other plan column beside it".to_string());
    }
    // Short text that only reads somewhat like actions, under no header naming actions, with
    // ratings or comments beside it but no one and no date (a service-status page, a
    // scorecard's commentary): an action plan says who does what by when.
    let who_or_when = columns.iter().enumerate().any(|(i, c)| {
        i != a
            && c.score >= 0.6
            && matches!(c.role, Some(Role::Lead | Role::Deadline | Role::Governance))
    });
    if !forced
        && !who_or_when
        && cols[a].header(Role::Action) < 0.6
        && action < WEAK_ACTION
        && stats[a].mean_chars < WEAK_ACTION_CHARS
    {
        columns[a].role = None;
        return (
            false,
            format!("the action column reads weakly as actions ({action:.2}, short text), under no header naming actions, and no lead or deadline stands beside it"),
        );
    }
    let how = if has_header {
        "header and content"
    } else {
        "content alone (no header row)"
    };
    (
        true,
        format!(
            "action column {} ({action:.2}) with {}; read from {how}",
            a + 1,
            support.join(", ")
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use plansift_model::{Cell, Prov};

    fn table(rows: &[&[&str]]) -> Vec<Row> {
        rows.iter()
            .map(|r| Row {
                cells: r.iter().map(|t| Cell::new(*t, Prov::page(1))).collect(),
                prov: Prov::page(1),
            })
            .collect()
    }

    fn roles(rows: &[&[&str]]) -> (Vec<Option<Role>>, bool) {
        let t = read(&table(rows), &Profile::default());
        (t.roles(), t.plan)
    }

    #[test]
    fn an_action_log_whose_first_header_mentions_an_action_number() {
        let (r, plan) = roles(&[
            &["Date and action no.", "Action", "Lead", "Status"],
            &[
                "12/03/24 (3)",
                "Circulate the revised terms of reference to members",
                "JB",
                "Complete",
            ],
            &[
                "12/03/24 (4)",
                "Bring a report on waiting times to the next meeting",
                "Director of Nursing",
                "Open",
            ],
            &[
                "09/04/24 (1)",
                "Arrange a development session on the new framework",
                "MW",
                "In progress",
            ],
        ]);
        assert!(plan);
        assert_eq!(r[1], Some(Role::Action));
        assert_eq!(r[2], Some(Role::Lead));
        assert_eq!(r[3], Some(Role::Rag));
    }

    #[test]
    fn no_header_row_is_read_from_content() {
        let t = read(
            &table(&[
                &[
                    "Develop the carers strategy with partners",
                    "Jo Bloggs",
                    "March 2015",
                    "G",
                    "The draft has been agreed by the board and consultation started in May.",
                ],
                &[
                    "Review the hospital discharge pathway",
                    "Sam Smith",
                    "Q3 2014/15",
                    "A",
                    "Work has commenced with the acute trust; a pilot was run in two wards.",
                ],
                &[
                    "Recruit two additional social workers",
                    "Head of Service",
                    "July 2014",
                    "R",
                    "Recruitment was delayed; posts were re-advertised in August.",
                ],
            ]),
            &Profile::default(),
        );
        assert!(t.header_rows.is_empty());
        assert!(t.plan, "{}", t.reason);
        assert_eq!(
            t.roles()[..4],
            [
                Some(Role::Action),
                Some(Role::Lead),
                Some(Role::Deadline),
                Some(Role::Rag)
            ]
        );
        assert_eq!(t.roles()[4], Some(Role::Progress));
    }

    #[test]
    fn scorecards_and_risk_registers_are_not_plans() {
        let (_, plan) = roles(&[
            &["Indicator", "Target", "Actual", "RAG", "Owner"],
            &[
                "% of household waste recycled",
                "45%",
                "41%",
                "A",
                "Head of Waste",
            ],
            &[
                "Number of affordable homes delivered",
                "200",
                "215",
                "G",
                "Head of Housing",
            ],
        ]);
        assert!(!plan);
        let (_, plan) = roles(&[
            &["Risk", "Owner", "Likelihood", "Impact", "Mitigation", "RAG"],
            &[
                "Failure to recruit social workers",
                "Director",
                "4",
                "4",
                "Run a national recruitment campaign",
                "R",
            ],
            &[
                "Demand exceeds budget",
                "Finance Director",
                "3",
                "5",
                "Review the demand model monthly",
                "A",
            ],
        ]);
        assert!(!plan);
    }
}
