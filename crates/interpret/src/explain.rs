//! Explanations for people: how every table was read (`plansift roles FILE`).

use std::fmt::Write;

use crate::TableExplanation;

/// One paragraph per table: where it is, whether it is a plan and why (or how the walk
/// took it), one line per column with its header, the role it got (`-` for `extra`), the
/// score and the evidence, then the walk's rules that fired on its rows.
pub fn render(tables: &[TableExplanation]) -> String {
    let mut out = String::new();
    if tables.is_empty() {
        out.push_str("no tables\n");
    }
    for (n, t) in tables.iter().enumerate() {
        let at = match t.prov.line {
            Some(l) => format!("page {} line {}", t.prov.page, l),
            None => format!("page {}", t.prov.page),
        };
        let plan = t.plan.map(|p| format!(" -> plan {p}")).unwrap_or_default();
        match &t.reading {
            None => {
                let _ = writeln!(
                    out,
                    "table {} ({at}, {} rows): {}{plan}",
                    n + 1,
                    t.rows,
                    t.note
                );
            }
            Some(r) => {
                let header = if r.header_rows.is_empty() {
                    "no header row".to_string()
                } else {
                    let rows: Vec<String> =
                        r.header_rows.iter().map(|h| (h + 1).to_string()).collect();
                    format!("header row {}", rows.join("+"))
                };
                let verdict = if r.plan { "PLAN" } else { "not a plan" };
                let note = if t.note.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", t.note)
                };
                let _ = writeln!(
                    out,
                    "table {} ({at}, {} rows, {header}): {verdict} - {}{note}{plan}",
                    n + 1,
                    t.rows,
                    r.reason
                );
                for (i, c) in r.columns.iter().enumerate() {
                    let role = c.role.map_or("-", |r| r.name());
                    let header = if c.header.is_empty() {
                        "(no header)".to_string()
                    } else {
                        format!("\"{}\"", short(&c.header, 40))
                    };
                    let runner = c
                        .runner_up
                        .map(|(r, s)| format!("; next best {} {s:.2}", r.name()))
                        .unwrap_or_default();
                    let _ = writeln!(
                        out,
                        "  {:>2}. {header:44} {role:11} {:.2}  {}{runner}",
                        i + 1,
                        c.score,
                        c.evidence
                    );
                }
            }
        }
        if !t.rules.is_empty() {
            let rules: Vec<String> = t.rules.iter().map(|(k, v)| format!("{k} x{v}")).collect();
            let _ = writeln!(out, "  rules: {}", rules.join(", "));
        }
    }
    out
}

fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}...", s.chars().take(n - 3).collect::<String>())
    }
}
