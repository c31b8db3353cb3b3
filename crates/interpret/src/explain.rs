//! Explanations for people: how every table was read (`plansift roles FILE`).

use std::fmt::Write;

use crate::TableExplanation;

/// One paragraph per table: where it is, whether it is a plan and why, then one line per
/// column with its header, the role it got (or `-` for `extra`), the score and the evidence.
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
        let r = &t.reading;
        let header = if r.header_rows.is_empty() {
            "no header row".to_string()
        } else {
            format!("header row {}", r.header_rows.iter().map(|h| (h + 1).to_string()).collect::<Vec<_>>().join("+"))
        };
        let _ = writeln!(
            out,
            "table {} ({at}, {} rows, {header}): {} - {}",
            n + 1,
            t.rows,
            if r.plan { "PLAN" } else { "not a plan" },
            r.reason
        );
        for (i, c) in r.columns.iter().enumerate() {
            let role = c.role.map_or("-", |r| r.name());
            let header = if c.header.is_empty() { "(no header)".to_string() } else { format!("\"{}\"", short(&c.header, 40)) };
            let runner = c.runner_up.map(|(r, s)| format!("; next best {} {s:.2}", r.name())).unwrap_or_default();
            let _ = writeln!(out, "  {:>2}. {header:44} {role:11} {:.2}  {}{runner}", i + 1, c.score, c.evidence);
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
