//! The debug renderer: a document model as readable text, one line per block and
//! one line per table row (used by `examples/dump_pdf.rs` and the tests).

use plansift_model::{Block, Document};

/// A readable dump of a document: one line per block, one line per table row
/// with cells separated by ` | ` (debugging aid).
pub fn render_text(doc: &Document) -> String {
    let mut s = String::new();
    for b in &doc.blocks {
        match b {
            Block::Heading(t) => s.push_str(&format!("# H{} {}\n", t.level, t.text)),
            Block::Paragraph(t) => s.push_str(&format!("P {}\n", t.text)),
            Block::Furniture(t) => s.push_str(&format!("F {}\n", t.text)),
            Block::PageBreak { page } => s.push_str(&format!("==== page {page}\n")),
            Block::Table(t) => {
                s.push_str(&format!(
                    "TABLE {:?} {}x{}\n",
                    t.origin,
                    t.rows.len(),
                    t.columns()
                ));
                for r in &t.rows {
                    let cells: Vec<String> = r
                        .cells
                        .iter()
                        .map(|c| {
                            let mut x = if c.covered {
                                "^".to_string()
                            } else {
                                c.text.clone()
                            };
                            if c.colspan > 1 {
                                x.push_str(&format!(" <cs{}>", c.colspan));
                            }
                            if c.rowspan > 1 {
                                x.push_str(&format!(" <rs{}>", c.rowspan));
                            }
                            if let Some(f) = c.fill {
                                x.push_str(&format!(" [{}]", f.hex()));
                            }
                            if c.bold && !c.text.is_empty() {
                                x.push_str(" *b*");
                            }
                            x
                        })
                        .collect();
                    s.push_str(&format!("  | {} |\n", cells.join(" | ")));
                }
                s.push_str("END TABLE\n");
            }
        }
    }
    s
}
