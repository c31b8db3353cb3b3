//! The figures of a report, computed from plansift output documents (JSON values of schema v1).

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use serde_json::Value;

/// RAG statuses in display order, with `none` last for actions without a (readable) rating.
pub const STATUSES: &[(&str, &str, &str)] = &[
    ("red", "Red", "#d62728"),
    ("red_amber", "Red/amber", "#e8702a"),
    ("amber", "Amber", "#f2b01e"),
    ("amber_green", "Amber/green", "#9acd32"),
    ("green", "Green", "#2ca02c"),
    ("complete", "Complete", "#1f77b4"),
    ("not_started", "Not started", "#8c8c8c"),
    ("none", "No rating", "#d0d0d0"),
];

/// How many bars the theme and lead charts show before the rest are summed up.
pub const TOP: usize = 15;
/// A timeline longer than this many months is not padded with empty months.
const MAX_PADDED_MONTHS: i32 = 120;

/// Actions per RAG status, in [`STATUSES`] order.
pub type Counts = [usize; 8];

fn status_index(a: &Value) -> usize {
    let s = a["rag"]["status"].as_str().unwrap_or("none");
    STATUSES
        .iter()
        .position(|(k, _, _)| *k == s)
        .unwrap_or(STATUSES.len() - 1)
}

/// Bars of a chart: a label and its counts per status.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Bars {
    pub labels: Vec<String>,
    pub counts: Vec<Counts>,
}

/// One view of the charts: all documents, or one.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct View {
    pub name: String,
    pub actions: usize,
    pub overdue: usize,
    pub rag: Counts,
    pub themes: Bars,
    pub leads: Bars,
    /// Months (`2015-03`) of the deadlines' ends (or starts, when a deadline has no end).
    pub timeline: Bars,
    /// Actions with no dated deadline (not on the timeline).
    pub undated: usize,
}

/// An overdue action: its deadline ended before the as-of date and it is not complete.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Overdue {
    pub document: String,
    pub reference: Option<String>,
    pub text: String,
    pub lead: Option<String>,
    pub deadline: Option<String>,
    pub end: NaiveDate,
    pub days: i64,
    pub status: usize,
}

/// A document that failed.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Failure {
    pub path: String,
    pub code: String,
    pub message: String,
}

/// One document's row.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DocRow {
    pub name: String,
    pub path: String,
    pub organisation: Option<String>,
    pub actions: usize,
    pub rag: Counts,
    pub overdue: usize,
    pub failed: bool,
}

/// Everything a report shows.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Summary {
    pub as_of: NaiveDate,
    pub documents: usize,
    pub failed: usize,
    pub overall: View,
    /// One view per document that has actions, in input order.
    pub views: Vec<View>,
    pub rows: Vec<DocRow>,
    pub overdue: Vec<Overdue>,
    pub failures: Vec<Failure>,
}

fn file_name(path: &str) -> String {
    path.rsplit(['/', '\\']).next().unwrap_or(path).to_string()
}

/// A document's name in the report: its title, else its file name.
pub fn doc_name(d: &Value) -> String {
    let path = d["source"]["path"].as_str().unwrap_or("(no path)");
    match d["title"].as_str().filter(|t| !t.trim().is_empty()) {
        Some(t) => format!("{t} ({})", file_name(path)),
        None => file_name(path),
    }
}

fn date(v: &Value) -> Option<NaiveDate> {
    v.as_str()
        .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
}

/// The names an action is counted under in the lead chart: its people, else its raw lead.
fn leads(a: &Value) -> Vec<String> {
    let people: Vec<String> = a["lead"]["people"]
        .as_array()
        .map(|p| {
            p.iter()
                .filter_map(|x| x["name"].as_str())
                .filter(|n| !n.trim().is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    if !people.is_empty() {
        return people;
    }
    match a["lead"]["raw"].as_str().filter(|s| !s.trim().is_empty()) {
        Some(raw) => vec![raw.to_string()],
        None => vec!["(no lead)".to_string()],
    }
}

/// The top `TOP` labels by total, the rest summed into one bar.
fn top_bars(map: HashMap<String, Counts>) -> Bars {
    let mut v: Vec<(String, Counts)> = map.into_iter().collect();
    v.sort_by(|a, b| {
        let (ta, tb) = (a.1.iter().sum::<usize>(), b.1.iter().sum::<usize>());
        tb.cmp(&ta).then_with(|| a.0.cmp(&b.0))
    });
    let mut bars = Bars::default();
    let rest = v.split_off(v.len().min(TOP));
    for (l, c) in v {
        bars.labels.push(l);
        bars.counts.push(c);
    }
    if !rest.is_empty() {
        let mut sum = [0; 8];
        for (_, c) in &rest {
            for (s, n) in sum.iter_mut().zip(c) {
                *s += n;
            }
        }
        bars.labels.push(format!("({} others)", rest.len()));
        bars.counts.push(sum);
    }
    bars
}

fn month_index(d: NaiveDate) -> i32 {
    d.year() * 12 + d.month0() as i32
}

fn month_label(i: i32) -> String {
    format!("{:04}-{:02}", i.div_euclid(12), i.rem_euclid(12) + 1)
}

/// The figures of one view over a set of actions (with the documents' names for overdue rows).
fn view(name: String, actions: &[(&Value, &Value)], as_of: NaiveDate) -> (View, Vec<Overdue>) {
    let mut rag = [0; 8];
    let mut themes: HashMap<String, Counts> = HashMap::new();
    let mut lead_map: HashMap<String, Counts> = HashMap::new();
    let mut months: BTreeMap<i32, Counts> = BTreeMap::new();
    let mut undated = 0;
    let mut overdue = Vec::new();
    for (doc, a) in actions {
        let s = status_index(a);
        rag[s] += 1;
        let theme = a["theme"]
            .as_str()
            .filter(|t| !t.trim().is_empty())
            .unwrap_or("(no theme)");
        themes.entry(theme.to_string()).or_default()[s] += 1;
        for l in leads(a) {
            lead_map.entry(l).or_default()[s] += 1;
        }
        let end = date(&a["deadline"]["end"]);
        match end.or_else(|| date(&a["deadline"]["start"])) {
            Some(d) => months.entry(month_index(d)).or_default()[s] += 1,
            None => undated += 1,
        }
        if let Some(end) = end {
            if end < as_of && STATUSES[s].0 != "complete" {
                overdue.push(Overdue {
                    document: doc_name(doc),
                    reference: a["ref"].as_str().map(str::to_string),
                    text: a["text"].as_str().unwrap_or("").to_string(),
                    lead: a["lead"]["raw"].as_str().map(str::to_string),
                    deadline: a["deadline"]["raw"].as_str().map(str::to_string),
                    end,
                    days: (as_of - end).num_days(),
                    status: s,
                });
            }
        }
    }
    let mut timeline = Bars::default();
    if let (Some(&first), Some(&last)) = (months.keys().next(), months.keys().next_back()) {
        if last - first <= MAX_PADDED_MONTHS {
            for m in first..=last {
                timeline.labels.push(month_label(m));
                timeline
                    .counts
                    .push(months.get(&m).copied().unwrap_or([0; 8]));
            }
        } else {
            for (m, c) in &months {
                timeline.labels.push(month_label(*m));
                timeline.counts.push(*c);
            }
        }
    }
    let v = View {
        name,
        actions: actions.len(),
        overdue: overdue.len(),
        rag,
        themes: top_bars(themes),
        leads: top_bars(lead_map),
        timeline,
        undated,
    };
    (v, overdue)
}

/// The report's figures for `docs` (output documents, in order) as of `as_of`.
pub fn summarise(docs: &[Value], as_of: NaiveDate) -> Summary {
    let mut all = Vec::new();
    let mut views = Vec::new();
    let mut rows = Vec::new();
    let mut failures = Vec::new();
    for d in docs {
        let path = d["source"]["path"]
            .as_str()
            .unwrap_or("(no path)")
            .to_string();
        let failed = !d["error"].is_null();
        if failed {
            failures.push(Failure {
                path: path.clone(),
                code: d["error"]["code"].as_str().unwrap_or("").to_string(),
                message: d["error"]["message"].as_str().unwrap_or("").to_string(),
            });
        }
        let actions: Vec<(&Value, &Value)> = d["actions"]
            .as_array()
            .map(|a| a.iter().map(|x| (d, x)).collect())
            .unwrap_or_default();
        let (v, _) = view(doc_name(d), &actions, as_of);
        rows.push(DocRow {
            name: doc_name(d),
            path,
            organisation: d["organisation"].as_str().map(str::to_string),
            actions: v.actions,
            rag: v.rag,
            overdue: v.overdue,
            failed,
        });
        if !actions.is_empty() {
            views.push(v);
        }
        all.extend(actions);
    }
    let (overall, mut overdue) = view("All documents".into(), &all, as_of);
    overdue.sort_by(|a, b| a.end.cmp(&b.end).then_with(|| a.document.cmp(&b.document)));
    Summary {
        as_of,
        documents: docs.len(),
        failed: failures.len(),
        overall,
        views,
        rows,
        overdue,
        failures,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn counts_overdue_and_timeline() {
        let docs = vec![
            json!({"source": {"path": "a/x.txt"}, "title": "Plan X", "error": null, "actions": [
                {"text": "one", "theme": "T1", "lead": {"raw": "Jo and Al", "people": [{"name": "Jo"}, {"name": "Al"}]},
                 "deadline": {"raw": "Mar 15", "start": "2015-03-01", "end": "2015-03-31"}, "rag": {"status": "red"}},
                {"text": "two", "theme": "T1", "lead": null, "deadline": {"raw": "from May", "start": "2015-05-01", "end": null}, "rag": {"status": "complete"}},
                {"text": "three", "theme": null, "lead": {"raw": "Board", "people": []}, "deadline": null, "rag": null},
                {"text": "four", "theme": "T2", "lead": null, "deadline": {"raw": "Jan 15", "end": "2015-01-31"}, "rag": {"status": "complete"}}
            ]}),
            json!({"source": {"path": "b.pdf"}, "error": {"code": "pdf.encrypted", "message": "b.pdf: encrypted"}, "actions": []}),
        ];
        let s = summarise(&docs, d(2015, 4, 1));
        assert_eq!((s.documents, s.failed, s.overall.actions), (2, 1, 4));
        assert_eq!(s.overall.rag, [1, 0, 0, 0, 0, 2, 0, 1]);
        // only "one": ended before the date and not complete ("four" is complete)
        assert_eq!(s.overdue.len(), 1);
        assert_eq!((s.overdue[0].text.as_str(), s.overdue[0].days), ("one", 1));
        assert_eq!(s.overall.themes.labels, ["T1", "(no theme)", "T2"]);
        assert_eq!(s.overall.leads.labels, ["(no lead)", "Al", "Board", "Jo"]);
        assert_eq!(
            s.overall.timeline.labels,
            ["2015-01", "2015-02", "2015-03", "2015-04", "2015-05"]
        );
        assert_eq!(s.overall.timeline.counts[1], [0; 8]);
        assert_eq!(s.overall.undated, 1);
        assert_eq!(s.views.len(), 1);
        assert!(s.rows[1].failed);
        assert_eq!(s.failures[0].code, "pdf.encrypted");
    }

    #[test]
    fn long_tails_are_summed() {
        let actions: Vec<Value> = (0..TOP + 5)
            .map(|i| json!({"text": "x", "theme": format!("theme {i:02}"), "rag": {"status": "green"}}))
            .collect();
        let docs = vec![json!({"source": {"path": "x"}, "actions": actions})];
        let s = summarise(&docs, d(2020, 1, 1));
        assert_eq!(s.overall.themes.labels.len(), TOP + 1);
        assert_eq!(s.overall.themes.labels[TOP], "(5 others)");
        assert_eq!(s.overall.themes.counts[TOP][4], 5);
    }
}
