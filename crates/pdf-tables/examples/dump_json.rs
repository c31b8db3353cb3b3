//! Debugging aid: read a layout as JSON (the serialised shape of
//! `plansift_layout::PdfLayout`, e.g. written by another tool) and print the
//! document as text, one line per table row, cells separated by ` | `.
//!
//! `cargo run -p plansift-pdf-tables --example dump_json -- layout.json`

use plansift_layout::{
    BBox, Fill, PageLayout, PdfLayout, Rule, TaggedCell, TaggedRow, TaggedTable, Word,
};
use plansift_model::Rgb;
use serde_json::Value;

fn f(v: &Value) -> f32 {
    v.as_f64().unwrap_or(0.0) as f32
}

fn bbox(v: &Value) -> BBox {
    if let Some(a) = v.as_array() {
        BBox::new(f(&a[0]), f(&a[1]), f(&a[2]), f(&a[3]))
    } else {
        BBox::new(f(&v["x0"]), f(&v["top"]), f(&v["x1"]), f(&v["bottom"]))
    }
}

fn rgb(v: &Value) -> Rgb {
    let a = v.as_array().cloned().unwrap_or_default();
    let g = |i: usize| a.get(i).and_then(|x| x.as_u64()).unwrap_or(0) as u8;
    Rgb(g(0), g(1), g(2))
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: dump_json <layout.json>");
    let text = std::fs::read_to_string(&path).expect("read");
    let v: Value = serde_json::from_str(&text).expect("json");
    let mut layout = PdfLayout::default();
    for p in v["pages"].as_array().cloned().unwrap_or_default() {
        let mut page = PageLayout {
            page: p["page"].as_u64().unwrap_or(1) as u32,
            width: f(&p["width"]),
            height: f(&p["height"]),
            ..Default::default()
        };
        for w in p["words"].as_array().cloned().unwrap_or_default() {
            page.words.push(Word {
                text: w["text"].as_str().unwrap_or("").to_string(),
                bbox: bbox(&w["bbox"]),
                size: f(&w["size"]),
                bold: w["bold"].as_bool().unwrap_or(false),
                color: rgb(&w["color"]),
                mcid: w["mcid"].as_i64(),
                line: w["line"].as_u64().unwrap_or(0) as usize,
            });
        }
        for r in p["rules"].as_array().cloned().unwrap_or_default() {
            page.rules.push(Rule {
                x0: f(&r["x0"]),
                top: f(&r["top"]),
                x1: f(&r["x1"]),
                bottom: f(&r["bottom"]),
                width: f(&r["width"]),
                color: rgb(&r["color"]),
            });
        }
        for r in p["fills"].as_array().cloned().unwrap_or_default() {
            page.fills.push(Fill {
                bbox: bbox(&r["bbox"]),
                color: rgb(&r["color"]),
            });
        }
        layout.pages.push(page);
    }
    for t in v["tagged_tables"].as_array().cloned().unwrap_or_default() {
        let mut tt = TaggedTable::default();
        for r in t["rows"].as_array().cloned().unwrap_or_default() {
            let mut tr = TaggedRow::default();
            for c in r["cells"].as_array().cloned().unwrap_or_default() {
                tr.cells.push(TaggedCell {
                    header: c["header"].as_bool().unwrap_or(false),
                    colspan: c["colspan"].as_u64().unwrap_or(1) as u16,
                    rowspan: c["rowspan"].as_u64().unwrap_or(1) as u16,
                    content: c["content"]
                        .as_array()
                        .cloned()
                        .unwrap_or_default()
                        .iter()
                        .map(|x| {
                            (
                                x[0].as_u64().unwrap_or(0) as u32,
                                x[1].as_i64().unwrap_or(0),
                            )
                        })
                        .collect(),
                });
            }
            tt.rows.push(tr);
        }
        layout.tagged_tables.push(tt);
    }
    let doc = plansift_pdf_tables::to_document(&layout);
    if std::env::args().any(|a| a == "--json") {
        println!("{}", serde_json::to_string(&doc).expect("serialise"));
    } else {
        print!("{}", plansift_pdf_tables::render_text(&doc));
    }
}
