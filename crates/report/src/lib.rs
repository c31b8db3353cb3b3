//! `plansift report`: one self-contained static HTML page from plansift outputs.
//!
//! The page shows, overall and for any one document (a picker switches the charts), the
//! actions by RAG status, by theme and by lead, and their deadlines on a timeline by month;
//! the RAG ratings of every document side by side; a table per document; the actions overdue
//! as of a date (deadline ended before it, not complete); and the failed documents.
//!
//! Every figure is computed here ([`summarise`]) and embedded as JSON; the page's script only
//! draws it with [Chart.js](https://www.chartjs.org) (MIT), whose minified file is inlined
//! (`vendor/`), so the page needs no network when viewed.

pub mod summary;

use std::fmt::Write;

use chrono::NaiveDate;
use serde_json::Value;

pub use summary::{summarise, Summary, STATUSES};

/// The vendored Chart.js, inlined into every report.
pub const CHART_JS: &str = include_str!("../vendor/chart-4.6.1.umd.min.js");
/// Its version.
pub const CHART_JS_VERSION: &str = "4.6.1";

/// The most overdue actions listed in the table (all are counted).
pub const MAX_OVERDUE_ROWS: usize = 1000;
/// The most documents drawn in the RAG-by-document chart (all are in the table).
pub const MAX_DOCUMENT_BARS: usize = 200;

/// Today, in the local time zone (the default `--as-of`).
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// Text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn short(s: &str, n: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= n {
        s
    } else {
        format!("{}…", s.chars().take(n - 1).collect::<String>())
    }
}

/// JSON safe inside a `<script>` element: `<` written as `\u003c` (only strings hold it).
fn script_json(v: &impl serde::Serialize) -> String {
    serde_json::to_string(v)
        .unwrap_or_else(|_| "null".into())
        .replace('<', "\\u003c")
}

const STYLE: &str = r#"
body { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto; max-width: 1400px; padding: 16px 24px; color: #222; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
.meta { color: #555; margin-bottom: 12px; }
.figures { display: flex; gap: 12px; flex-wrap: wrap; margin: 12px 0; }
.figure { border: 1px solid #ddd; border-radius: 6px; padding: 8px 14px; min-width: 110px; }
.figure strong { display: block; font-size: 22px; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 18px; }
.card { border: 1px solid #ddd; border-radius: 6px; padding: 10px 12px; }
.card h3 { font-size: 15px; margin: 0 0 6px; }
.chart { position: relative; height: 320px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border-bottom: 1px solid #e4e4e4; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #f4f4f4; position: sticky; top: 0; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 4px; }
.note { color: #666; font-size: 12px; }
select { font-size: 14px; padding: 2px 4px; }
"#;

const SCRIPT: &str = r#"
(function () {
  var D = JSON.parse(document.getElementById('plansift-data').textContent);
  var S = D.statuses;
  Chart.defaults.animation = false;
  Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
  var charts = {};
  function cut(s, n) { return s.length > n ? s.slice(0, n - 1) + '\u2026' : s; }
  function datasets(bars) {
    return S.map(function (s, i) {
      return { label: s.label, backgroundColor: s.colour, data: bars.counts.map(function (c) { return c[i]; }) };
    }).filter(function (d) { return d.data.some(function (x) { return x > 0; }); });
  }
  function stacked(id, bars, horizontal) {
    var el = document.getElementById(id);
    if (horizontal) { el.parentNode.style.height = (70 + 24 * Math.max(bars.labels.length, 1)) + 'px'; }
    if (charts[id]) { charts[id].destroy(); }
    charts[id] = new Chart(el, {
      type: 'bar',
      data: { labels: bars.labels.map(function (l) { return cut(l, 42); }), datasets: datasets(bars) },
      options: {
        indexAxis: horizontal ? 'y' : 'x', responsive: true, maintainAspectRatio: false,
        scales: { x: { stacked: true, ticks: { precision: 0 } }, y: { stacked: true, ticks: { precision: 0 } } },
        plugins: { legend: { position: 'bottom' } }
      }
    });
  }
  function doughnut(id, counts) {
    var el = document.getElementById(id);
    if (charts[id]) { charts[id].destroy(); }
    var idx = S.map(function (_, i) { return i; }).filter(function (i) { return counts[i] > 0; });
    charts[id] = new Chart(el, {
      type: 'doughnut',
      data: {
        labels: idx.map(function (i) { return S[i].label + ' (' + counts[i] + ')'; }),
        datasets: [{ data: idx.map(function (i) { return counts[i]; }), backgroundColor: idx.map(function (i) { return S[i].colour; }) }]
      },
      options: { responsive: true, maintainAspectRatio: false, plugins: { legend: { position: 'right' } } }
    });
  }
  function show(i) {
    var v = D.views[i];
    document.getElementById('view-figures').textContent =
      v.actions + ' actions, ' + v.overdue + ' overdue, ' + v.undated + ' without a dated deadline';
    doughnut('chart-rag', v.rag);
    stacked('chart-themes', v.themes, true);
    stacked('chart-leads', v.leads, true);
    stacked('chart-timeline', v.timeline, false);
  }
  var pick = document.getElementById('view');
  pick.addEventListener('change', function () { show(+pick.value); });
  // report.html#view=N opens on the N-th view (0: all documents)
  var m = /view=(\d+)/.exec(location.hash);
  var start = m && +m[1] < D.views.length ? +m[1] : 0;
  pick.value = String(start);
  show(start);
  stacked('chart-documents', D.documents, true);
  // for checks in a headless browser: how many charts were drawn
  document.body.setAttribute('data-charts', String(Object.keys(charts).length));
})();
"#;

fn status_header(out: &mut String) {
    for (_, label, colour) in STATUSES {
        let _ = write!(
            out,
            "<th class=\"n\"><span class=\"swatch\" style=\"background:{colour}\"></span>{}</th>",
            esc(label)
        );
    }
}

/// The report page for `docs` as of `as_of`; `sources` names the output files it was made from.
pub fn render(docs: &[Value], as_of: NaiveDate, sources: &[String]) -> String {
    let s = summarise(docs, as_of);
    render_summary(&s, sources)
}

/// The report page of a computed [`Summary`].
pub fn render_summary(s: &Summary, sources: &[String]) -> String {
    let mut views = vec![s.overall.clone()];
    views.extend(s.views.iter().cloned());
    let doc_bars = {
        let mut b = summary::Bars::default();
        for r in s
            .rows
            .iter()
            .filter(|r| r.actions > 0)
            .take(MAX_DOCUMENT_BARS)
        {
            b.labels.push(r.name.clone());
            b.counts.push(r.rag);
        }
        b
    };
    let drawn_docs = doc_bars.labels.len();
    let with_actions = s.rows.iter().filter(|r| r.actions > 0).count();
    let statuses: Vec<Value> = STATUSES
        .iter()
        .map(|(k, l, c)| serde_json::json!({"key": k, "label": l, "colour": c}))
        .collect();
    let data = serde_json::json!({
        "as_of": s.as_of.to_string(),
        "statuses": statuses,
        "views": views,
        "documents": doc_bars,
    });

    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"plansift {}\">\n\
         <title>plansift report as of {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        env!("CARGO_PKG_VERSION"),
        s.as_of
    );
    let _ = write!(
        h,
        "<h1>Action plans: report as of {}</h1>\n<div class=\"meta\">From {}. Overdue: the deadline ended before {} and the action is not complete.</div>\n",
        s.as_of,
        if sources.is_empty() {
            "plansift output".to_string()
        } else {
            sources.iter().map(|x| format!("<code>{}</code>", esc(x))).collect::<Vec<_>>().join(", ")
        },
        s.as_of
    );
    let _ = writeln!(
        h,
        "<div class=\"figures\">\
         <div class=\"figure\"><strong id=\"n-documents\">{}</strong>documents</div>\
         <div class=\"figure\"><strong id=\"n-actions\">{}</strong>actions</div>\
         <div class=\"figure\"><strong id=\"n-overdue\">{}</strong>overdue</div>\
         <div class=\"figure\"><strong id=\"n-failed\">{}</strong>failed documents</div>\
         </div>",
        s.documents, s.overall.actions, s.overall.overdue, s.failed
    );

    // the charts of one view
    h.push_str("<h2>Actions</h2>\n<p><label for=\"view\">Show: </label><select id=\"view\">");
    for (i, v) in views.iter().enumerate() {
        let _ = write!(
            h,
            "<option value=\"{i}\">{}</option>",
            esc(&short(&v.name, 90))
        );
    }
    h.push_str(
        "</select> <span id=\"view-figures\" class=\"note\"></span></p>\n<div class=\"grid\">\n",
    );
    for (id, title) in [
        ("chart-rag", "By RAG status"),
        ("chart-timeline", "Deadlines by month"),
        ("chart-themes", "By theme"),
        ("chart-leads", "By lead (each person named in the lead)"),
    ] {
        let _ = writeln!(
            h,
            "<div class=\"card\"><h3>{title}</h3><div class=\"chart\"><canvas id=\"{id}\"></canvas></div></div>"
        );
    }
    h.push_str("</div>\n");
    let _ = write!(
        h,
        "<h2>RAG status by document</h2>\n<div class=\"card\"><div class=\"chart\"><canvas id=\"chart-documents\"></canvas></div>{}</div>\n",
        if drawn_docs < with_actions {
            format!("<p class=\"note\">The first {drawn_docs} of {with_actions} documents with actions; all are in the table below.</p>")
        } else {
            String::new()
        }
    );

    // documents table
    h.push_str("<h2>Documents</h2>\n<table id=\"documents\"><thead><tr><th>Document</th><th>Organisation</th><th class=\"n\">Actions</th>");
    status_header(&mut h);
    h.push_str("<th class=\"n\">Overdue</th></tr></thead><tbody>\n");
    for r in &s.rows {
        let _ = write!(
            h,
            "<tr{}><td title=\"{}\">{}{}</td><td>{}</td><td class=\"n\">{}</td>",
            if r.failed { " class=\"failed\"" } else { "" },
            esc(&r.path),
            esc(&short(&r.name, 110)),
            if r.failed { " <em>(failed)</em>" } else { "" },
            esc(r.organisation.as_deref().unwrap_or("")),
            r.actions
        );
        for n in r.rag {
            let _ = write!(h, "<td class=\"n\">{n}</td>");
        }
        let _ = writeln!(h, "<td class=\"n\">{}</td></tr>", r.overdue);
    }
    let _ = write!(
        h,
        "<tr><th>All documents</th><th></th><th class=\"n\">{}</th>",
        s.overall.actions
    );
    for n in s.overall.rag {
        let _ = write!(h, "<th class=\"n\">{n}</th>");
    }
    let _ = write!(
        h,
        "<th class=\"n\">{}</th></tr>\n</tbody></table>\n",
        s.overall.overdue
    );

    // overdue actions
    let _ = writeln!(
        h,
        "<h2>Overdue actions as of {} ({})</h2>",
        s.as_of,
        s.overdue.len()
    );
    if s.overdue.is_empty() {
        h.push_str("<p>None.</p>\n");
    } else {
        h.push_str("<table id=\"overdue\"><thead><tr><th class=\"n\">Days</th><th>Due</th><th>Deadline</th><th>RAG</th><th>Document</th><th>Ref</th><th>Action</th><th>Lead</th></tr></thead><tbody>\n");
        for o in s.overdue.iter().take(MAX_OVERDUE_ROWS) {
            let (_, label, colour) = STATUSES[o.status];
            let _ = writeln!(
                h,
                "<tr><td class=\"n\">{}</td><td>{}</td><td>{}</td><td><span class=\"swatch\" style=\"background:{colour}\"></span>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                o.days,
                o.end,
                esc(o.deadline.as_deref().unwrap_or("")),
                esc(label),
                esc(&short(&o.document, 60)),
                esc(o.reference.as_deref().unwrap_or("")),
                esc(&short(&o.text, 200)),
                esc(o.lead.as_deref().unwrap_or(""))
            );
        }
        h.push_str("</tbody></table>\n");
        if s.overdue.len() > MAX_OVERDUE_ROWS {
            let _ = writeln!(
                h,
                "<p class=\"note\">The {MAX_OVERDUE_ROWS} longest overdue of {} are listed.</p>",
                s.overdue.len()
            );
        }
    }

    // failures
    let _ = writeln!(h, "<h2>Failed documents ({})</h2>", s.failures.len());
    if s.failures.is_empty() {
        h.push_str("<p>None.</p>\n");
    } else {
        h.push_str("<table id=\"failures\"><thead><tr><th>File</th><th>Code</th><th>Message</th></tr></thead><tbody>\n");
        for f in &s.failures {
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td><code>{}</code></td><td>{}</td></tr>",
                esc(&f.path),
                esc(&f.code),
                esc(&f.message)
            );
        }
        h.push_str("</tbody></table>\n");
    }
    let _ = writeln!(
        h,
        "<p class=\"note\">Made by plansift {}. Charts by Chart.js {CHART_JS_VERSION} (MIT licence), included in this page.</p>",
        env!("CARGO_PKG_VERSION")
    );
    let _ = write!(
        h,
        "<script id=\"plansift-data\" type=\"application/json\">{}</script>\n<script>{CHART_JS}</script>\n<script>{SCRIPT}</script>\n</body>\n</html>\n",
        script_json(&data)
    );
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        let docs = vec![serde_json::json!({
            "source": {"path": "x</script><b>.txt"}, "title": "<i>T</i>", "error": null,
            "actions": [{"text": "a </script> & b", "theme": "<script>alert(1)</script>",
                          "deadline": {"raw": "x", "end": "2000-01-01"}, "rag": null}]
        })];
        let h = render(&docs, NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(), &[]);
        // the only script elements are ours: data, Chart.js, the page's script
        assert_eq!(h.matches("<script").count(), 3);
        assert_eq!(h.matches("</script>").count(), 3);
        assert!(!h.contains("<i>T</i>") && h.contains("&lt;i&gt;T&lt;/i&gt;"));
        assert!(h.contains("a &lt;/script&gt; &amp; b"));
    }
}
