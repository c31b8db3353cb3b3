//! What a column's cells say about its role, from the normalisers and the text's shape.
//!
//! [`ColumnStats`] measures a column over a table's body rows (a sample of at most
//! [`SAMPLE_ROWS`] rows, so a 400,000-row table costs no more than a page): the share of
//! its cells that parse as deadlines, RAG ratings or statuses (or carry a RAG fill), name
//! people, posts or teams, are reference codes, numbers, money or times of day; how long
//! its text is and whether it reads as an action, as narrative, as a measure or a risk;
//! how often its values change down the rows (objectives and themes repeat, or are written
//! once and carried down). [`content_score`] turns the measures into a 0-1 score per role.

use std::collections::HashSet;
use std::sync::LazyLock;

use plansift_model::Row;
use plansift_normalize as norm;
use regex::Regex;

use crate::roles::Role;
use crate::shape;

/// At most this many body rows are measured per table (the first ones, then evenly spaced).
pub const SAMPLE_ROWS: usize = 240;

/// Measures of one column over the sampled body rows.
#[derive(Debug, Clone, Default)]
pub struct ColumnStats {
    /// Body rows sampled (rows with at least one filled cell).
    pub rows: usize,
    /// Of them, rows where this column has text or a RAG fill.
    pub filled: usize,
    pub mean_chars: f32,
    pub mean_words: f32,
    /// Shares of the filled cells:
    pub deadline: f32,
    pub rag: f32,
    pub status: f32,
    pub person: f32,
    /// ... of which name bodies (boards, teams, groups) rather than people or posts.
    pub team: f32,
    pub reference: f32,
    pub number: f32,
    pub money: f32,
    pub time: f32,
    pub action: f32,
    pub narrative: f32,
    pub indicator: f32,
    pub risk: f32,
    pub list: f32,
    pub bold: f32,
    /// Distinct values / filled cells.
    pub distinct: f32,
    /// Runs of one value (a value written once and carried down, or repeated) / rows.
    pub groups: f32,
}

impl ColumnStats {
    pub fn fill(&self) -> f32 {
        if self.rows == 0 {
            0.0
        } else {
            self.filled as f32 / self.rows as f32
        }
    }
}

/// Row indices to measure: all when few, else the first half of the budget and an even
/// spread over the rest.
pub fn sample(n: usize) -> Vec<usize> {
    if n <= SAMPLE_ROWS {
        return (0..n).collect();
    }
    let head = SAMPLE_ROWS / 2;
    let mut out: Vec<usize> = (0..head).collect();
    let rest = SAMPLE_ROWS - head;
    let step = (n - head) as f64 / rest as f64;
    for k in 0..rest {
        out.push(head + (k as f64 * step) as usize);
    }
    out
}

/// A reference code: `ABC001.1`, `1.2`, `A3`, `HWB-04`, `01.05`, `R1`, `#12`, `iv`.
pub fn looks_like_ref(s: &str) -> bool {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:#\s?)?(?:[A-Z][A-Za-z]{0,7}[-/]?|[A-Z]{1,6} [A-Z]{0,3})?\d{1,4}(?:[.\-/]\d{1,3}){0,3}[a-z]?[.)]?$|^\(?(?:[ivx]{1,5}|[a-z])\)$|^[A-Z]{1,4}\d{0,3}[.\-]\d{1,3}$")
            .expect("ref regex")
    });
    let t = s.trim();
    t.chars().count() <= 16 && RE.is_match(t) && !(t.contains(' ') && norm::looks_like_deadline(t))
}

fn is_rag_fill(c: &plansift_model::Cell) -> bool {
    c.fill
        .is_some_and(|f| norm::rag_from_colour(f.0, f.1, f.2).is_some_and(|r| r.status.is_some()))
}

/// Measure columns `0..width` over the sampled rows.
pub fn measure(rows: &[&Row], width: usize) -> Vec<ColumnStats> {
    let body: Vec<&Row> = rows
        .iter()
        .copied()
        .filter(|r| r.filled() > 0 || r.cells.iter().any(is_rag_fill))
        .collect();
    let picks = sample(body.len());
    let mut out = Vec::with_capacity(width);
    for col in 0..width {
        let mut s = ColumnStats {
            rows: picks.len(),
            ..Default::default()
        };
        let mut chars = 0usize;
        let mut words = 0usize;
        let mut seen: HashSet<&str> = HashSet::new();
        let mut last: Option<&str> = None;
        let mut groups = 0usize;
        let (mut dl, mut rg, mut st, mut pe, mut tm, mut rf, mut nu, mut mo, mut ti) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0);
        let (mut ac, mut na, mut ind, mut ri, mut li, mut bo) =
            (0.0f32, 0.0f32, 0.0f32, 0.0f32, 0, 0);
        for &i in &picks {
            let Some(cell) = body[i].cells.get(col) else {
                continue;
            };
            let t = cell.text.trim();
            if t.is_empty() {
                if is_rag_fill(cell) {
                    s.filled += 1;
                    rg += 1;
                    st += 1;
                }
                continue;
            }
            s.filled += 1;
            chars += t.chars().count();
            words += t.split_whitespace().count();
            if last != Some(t) {
                groups += 1;
            }
            last = Some(t);
            seen.insert(t);
            if cell.bold {
                bo += 1;
            }
            let short = t.chars().count() <= 80;
            if short && norm::looks_like_deadline(t) {
                dl += 1;
            }
            if short && (norm::looks_like_rag(t) || is_rag_fill(cell)) {
                rg += 1;
                st += 1;
            } else if short && norm::looks_like_status(t) {
                st += 1;
            }
            if short && norm::looks_like_person(t) {
                pe += 1;
                let people = norm::lead(t).people;
                if !people.is_empty() && people.iter().all(|p| p.kind == norm::PersonKind::Team) {
                    tm += 1;
                }
            }
            if looks_like_ref(t) {
                rf += 1;
            }
            if shape::is_number(t) {
                nu += 1;
            }
            if shape::is_money(t) {
                mo += 1;
            }
            if shape::is_time_of_day(t) {
                ti += 1;
            }
            ac += shape::action_likeness(t);
            na += shape::narrative_likeness(t);
            ind += shape::indicator_likeness(t);
            ri += shape::risk_likeness(t);
            if crate::text::list_item(t) || t.matches("; ").count() >= 2 {
                li += 1;
            }
        }
        let f = s.filled.max(1) as f32;
        let share = |n: usize| n as f32 / f;
        s.mean_chars = chars as f32 / f;
        s.mean_words = words as f32 / f;
        s.deadline = share(dl);
        s.rag = share(rg);
        s.status = share(st);
        s.person = share(pe);
        s.team = share(tm);
        s.reference = share(rf);
        s.number = share(nu);
        s.money = share(mo);
        s.time = share(ti);
        s.action = ac / f;
        s.narrative = na / f;
        s.indicator = ind / f;
        s.risk = ri / f;
        s.list = share(li);
        s.bold = share(bo);
        s.distinct = seen.len() as f32 / f;
        s.groups = if s.rows == 0 {
            0.0
        } else {
            groups as f32 / s.rows as f32
        };
        out.push(s);
    }
    out
}

fn clamp(x: f32) -> f32 {
    x.clamp(0.0, 1.0)
}

/// How well a column's content fits a role, 0-1, with a short reason for explanations.
pub fn content_score(s: &ColumnStats, role: Role) -> (f32, String) {
    if s.filled == 0 {
        return (0.0, String::new());
    }
    let pct = |x: f32| format!("{:.0}%", x * 100.0);
    // Text that is a value of another kind (a date, a rating, a name, a number).
    let valued = (s.deadline + s.rag + s.person + s.number).min(1.0);
    let long = clamp((s.mean_chars - 40.0) / 120.0);
    match role {
        Role::Deadline => (
            clamp(s.deadline * 1.1 - 0.1 * s.reference),
            format!("{} dates", pct(s.deadline)),
        ),
        Role::Rag => {
            let v = clamp(s.rag.max(s.status * 0.95));
            (v, format!("{} ratings or statuses", pct(s.status)))
        }
        Role::Lead => {
            let v = clamp(
                s.person
                    - 0.5 * s.team.min(s.person) * 0.5
                    - if s.mean_chars > 50.0 { 0.3 } else { 0.0 },
            );
            (v, format!("{} name people, posts or teams", pct(s.person)))
        }
        Role::Governance => {
            let v = clamp(s.team * 0.9);
            (v, format!("{} name boards or teams", pct(s.team)))
        }
        Role::Ref => {
            let v = if s.mean_chars <= 20.0 {
                clamp(s.reference * (0.4 + 0.6 * s.distinct))
            } else {
                0.0
            };
            (v, format!("{} reference codes", pct(s.reference)))
        }
        Role::Action => {
            let fill = clamp(s.fill() * 1.6);
            // actions differ row to row: a column whose value repeats is a grouping
            let runs = (s.groups / s.fill().max(0.05)).min(1.0);
            let varied = (0.2 + 0.8 * runs) * (0.6 + 0.4 * s.distinct);
            let v = s.action * fill * varied - 0.6 * valued - 0.4 * s.narrative * long;
            let v = if s.mean_chars < 6.0 { 0.0 } else { v };
            (clamp(v), format!("{} read as actions", pct(s.action)))
        }
        Role::Progress => {
            let v = 0.55 * long + 0.45 * s.narrative - 0.5 * valued;
            (
                clamp(v),
                format!(
                    "mean {:.0} chars, {} narrative",
                    s.mean_chars,
                    pct(s.narrative)
                ),
            )
        }
        Role::NextSteps => (
            clamp(0.3 * long - 0.5 * valued),
            format!("mean {:.0} chars", s.mean_chars),
        ),
        Role::Objective | Role::Theme => {
            // single words that change row to row ("High", "Medium", "Low") are a level or
            // a rating, not the name of a group: content against the header
            if s.mean_words < 1.5 && s.groups > 0.5 && s.filled >= 3 {
                return (
                    -0.5,
                    format!(
                        "single words changing row to row ({:.0} runs per 100 rows)",
                        s.groups * 100.0
                    ),
                );
            }
            // written once and carried down, or repeated: few runs per row
            let carried = clamp((1.0 - s.groups) * 1.4);
            let texty = clamp((s.mean_words - 1.0) / 3.0) * (1.0 - valued) * (1.0 - s.reference);
            let v = carried
                * texty
                * if role == Role::Theme {
                    clamp((0.35 - s.groups) * 4.0)
                } else {
                    1.0
                };
            (
                clamp(v),
                format!("{:.0} runs per 100 rows", s.groups * 100.0),
            )
        }
        Role::Outcome => (clamp(s.list * 0.6), format!("{} lists", pct(s.list))),
        Role::Indicator => {
            let v = s
                .indicator
                .max(if s.number > 0.6 { s.number * 0.7 } else { 0.0 });
            (
                clamp(v),
                format!("{} measures or numbers", pct(s.indicator.max(s.number))),
            )
        }
        Role::Money => (clamp(s.money), format!("{} amounts", pct(s.money))),
        Role::Risk => (clamp(s.risk), format!("{} risk statements", pct(s.risk))),
        Role::Time => (clamp(s.time), format!("{} times of day", pct(s.time))),
        Role::Start | Role::Trend | Role::Link | Role::Decision | Role::Other => {
            (0.0, String::new())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use plansift_model::{Cell, Prov};

    fn rows(cols: &[&[&str]]) -> Vec<Row> {
        let n = cols[0].len();
        (0..n)
            .map(|i| Row {
                cells: cols
                    .iter()
                    .map(|c| Cell::new(c[i], Prov::page(1)))
                    .collect(),
                prov: Prov::page(1),
            })
            .collect()
    }

    #[test]
    fn columns_read_by_content() {
        let r = rows(&[
            &["Health", "", "", "Housing", ""],
            &[
                "Develop the strategy",
                "Review the pathway with partners",
                "Agree the budget",
                "Build 200 new homes",
                "Open the hub",
            ],
            &[
                "Jo Bloggs",
                "Sam Smith",
                "Director of Public Health",
                "Head of Housing",
                "JB",
            ],
            &[
                "March 2015",
                "Q3 2014/15",
                "31/03/15",
                "Ongoing",
                "by July 2014",
            ],
            &["G", "A", "Green", "On track", "R"],
        ]);
        let refs: Vec<&Row> = r.iter().collect();
        let st = measure(&refs, 5);
        let best = |s: &ColumnStats| {
            [
                Role::Action,
                Role::Lead,
                Role::Deadline,
                Role::Rag,
                Role::Objective,
            ]
            .into_iter()
            .max_by(|a, b| content_score(s, *a).0.total_cmp(&content_score(s, *b).0))
            .unwrap()
        };
        assert_eq!(best(&st[0]), Role::Objective);
        assert_eq!(best(&st[1]), Role::Action);
        assert_eq!(best(&st[2]), Role::Lead);
        assert_eq!(best(&st[3]), Role::Deadline);
        assert_eq!(best(&st[4]), Role::Rag);
    }

    #[test]
    fn references() {
        for s in [
            "SCAR001.1",
            "1.2",
            "A3",
            "HWB-04",
            "01.05",
            "R1",
            "#12",
            "(iv)",
            "3",
        ] {
            assert!(looks_like_ref(s), "{s}");
        }
        for s in ["SHAW R8.1", "NI 132"] {
            assert!(looks_like_ref(s), "{s}");
        }
        for s in [
            "Develop",
            "March 2015",
            "MARCH 2015",
            "Jo Bloggs",
            "G",
            "June 14",
        ] {
            assert!(!looks_like_ref(s), "{s}");
        }
    }

    #[test]
    fn samples_are_bounded() {
        assert_eq!(sample(10).len(), 10);
        let s = sample(400_000);
        assert_eq!(s.len(), SAMPLE_ROWS);
        assert!(s.windows(2).all(|w| w[0] < w[1]) && *s.last().unwrap() < 400_000);
    }
}
