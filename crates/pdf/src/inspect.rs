//! The inspector's views of a [`PdfLayout`]: JSON and SVG.

use plansift_layout::{PageLayout, PdfLayout};
use serde_json::{json, Value};

fn r2(v: f32) -> f64 {
    ((v as f64) * 100.0).round() / 100.0
}

fn page_json(p: &PageLayout) -> Value {
    let words: Vec<Value> = p
        .words
        .iter()
        .map(|w| {
            json!({
                "text": w.text,
                "bbox": [r2(w.bbox.x0), r2(w.bbox.top), r2(w.bbox.x1), r2(w.bbox.bottom)],
                "size": r2(w.size),
                "bold": w.bold,
                "color": w.color.hex(),
                "mcid": w.mcid,
                "line": w.line,
            })
        })
        .collect();
    let lines: Vec<Value> = p
        .lines
        .iter()
        .map(|l| {
            let text: Vec<&str> = l
                .words
                .iter()
                .filter_map(|&i| p.words.get(i))
                .map(|w| w.text.as_str())
                .collect();
            json!({
                "text": text.join(" "),
                "bbox": [r2(l.bbox.x0), r2(l.bbox.top), r2(l.bbox.x1), r2(l.bbox.bottom)],
                "words": l.words,
            })
        })
        .collect();
    let rules: Vec<Value> = p
        .rules
        .iter()
        .map(|r| {
            json!({
                "bbox": [r2(r.x0), r2(r.top), r2(r.x1), r2(r.bottom)],
                "orientation": if r.is_horizontal() { "h" } else { "v" },
                "width": r2(r.width),
                "color": r.color.hex(),
            })
        })
        .collect();
    let fills: Vec<Value> = p
        .fills
        .iter()
        .map(|f| json!({ "bbox": [r2(f.bbox.x0), r2(f.bbox.top), r2(f.bbox.x1), r2(f.bbox.bottom)], "color": f.color.hex() }))
        .collect();
    json!({
        "page": p.page,
        "width": r2(p.width),
        "height": r2(p.height),
        "words": words,
        "lines": lines,
        "rules": rules,
        "fills": fills,
    })
}

/// Words with boxes, lines, rules, fills and tagged tables; one page or all.
pub fn inspect_json(layout: &PdfLayout, page: Option<u32>) -> Value {
    let pages: Vec<Value> = layout
        .pages
        .iter()
        .filter(|p| page.is_none_or(|n| p.page == n))
        .map(page_json)
        .collect();
    let tables: Vec<Value> = layout
        .tagged_tables
        .iter()
        .filter(|t| {
            page.is_none_or(|n| {
                t.rows.iter().any(|r| {
                    r.cells
                        .iter()
                        .any(|c| c.content.iter().any(|&(p, _)| p == n))
                })
            })
        })
        .map(|t| {
            let rows: Vec<Value> = t
                .rows
                .iter()
                .map(|r| {
                    let cells: Vec<Value> = r
                        .cells
                        .iter()
                        .map(|c| {
                            // the cell's text, from the words carrying its MCIDs
                            let mut text = Vec::new();
                            for &(pg, mcid) in &c.content {
                                if let Some(p) = layout.pages.iter().find(|p| p.page == pg) {
                                    text.extend(
                                        p.words
                                            .iter()
                                            .filter(|w| w.mcid == Some(mcid))
                                            .map(|w| w.text.as_str()),
                                    );
                                }
                            }
                            json!({
                                "header": c.header,
                                "colspan": c.colspan,
                                "rowspan": c.rowspan,
                                "content": c.content,
                                "text": text.join(" "),
                            })
                        })
                        .collect();
                    json!({ "cells": cells })
                })
                .collect();
            json!({ "rows": rows })
        })
        .collect();
    let diags: Vec<Value> = layout
        .diagnostics
        .iter()
        .map(|d| json!({ "level": d.level, "code": d.code, "message": d.message }))
        .collect();
    json!({
        "title": layout.title,
        "pages": pages,
        "tagged_tables": tables,
        "diagnostics": diags,
    })
}

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '&' => o.push_str("&amp;"),
            '"' => o.push_str("&quot;"),
            c if (c as u32) < 0x20 => {}
            c => o.push(c),
        }
    }
    o
}

/// An SVG drawing of one page: its outline, fills in their colour, rules,
/// and word boxes with their text. An unknown page gives an empty drawing
/// that says so.
pub fn inspect_svg(layout: &PdfLayout, page: u32) -> String {
    use std::fmt::Write;
    let Some(p) = layout.pages.iter().find(|p| p.page == page) else {
        return format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"40\"><text x=\"10\" y=\"25\">no page {page}</text></svg>\n"
        );
    };
    let mut s = String::new();
    let _ = writeln!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w:.2}\" height=\"{h:.2}\" viewBox=\"0 0 {w:.2} {h:.2}\">",
        w = p.width,
        h = p.height
    );
    let _ = writeln!(s, "<rect x=\"0\" y=\"0\" width=\"{:.2}\" height=\"{:.2}\" fill=\"white\" stroke=\"black\" stroke-width=\"0.5\"/>", p.width, p.height);
    for f in &p.fills {
        let _ = writeln!(
            s,
            "<rect x=\"{:.2}\" y=\"{:.2}\" width=\"{:.2}\" height=\"{:.2}\" fill=\"{}\"/>",
            f.bbox.x0,
            f.bbox.top,
            f.bbox.width(),
            f.bbox.height(),
            f.color.hex()
        );
    }
    for r in &p.rules {
        let _ = writeln!(
            s,
            "<rect x=\"{:.2}\" y=\"{:.2}\" width=\"{:.2}\" height=\"{:.2}\" fill=\"{}\"/>",
            r.x0,
            r.top,
            (r.x1 - r.x0).max(0.3),
            (r.bottom - r.top).max(0.3),
            r.color.hex()
        );
    }
    for w in &p.words {
        let b = &w.bbox;
        let _ = writeln!(
            s,
            "<rect x=\"{:.2}\" y=\"{:.2}\" width=\"{:.2}\" height=\"{:.2}\" fill=\"none\" stroke=\"#1E6FD9\" stroke-width=\"0.3\"/>",
            b.x0,
            b.top,
            b.width(),
            b.height()
        );
        let fs = (b.height() * 0.7).max(1.0);
        let _ = writeln!(
            s,
            "<text x=\"{:.2}\" y=\"{:.2}\" font-family=\"sans-serif\" font-size=\"{:.2}\" textLength=\"{:.2}\" lengthAdjust=\"spacingAndGlyphs\" fill=\"{}\"{}>{}</text>",
            b.x0,
            b.bottom - b.height() * 0.25,
            fs,
            b.width().max(0.5),
            w.color.hex(),
            if w.bold { " font-weight=\"bold\"" } else { "" },
            esc(&w.text)
        );
    }
    s.push_str("</svg>\n");
    s
}
