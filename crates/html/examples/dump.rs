//! Prints the model of HTML files as a compact outline: `cargo run -p plansift-html --example dump FILE.html...`
use plansift_model::Block;

fn main() {
    for path in std::env::args().skip(1) {
        let Ok(src) = std::fs::read_to_string(&path) else {
            eprintln!("cannot read {path}");
            continue;
        };
        let doc = plansift_html::parse(&src);
        println!(
            "== {path}: pages={} title={:?} blocks={}",
            doc.pages,
            doc.meta_title,
            doc.blocks.len()
        );
        for d in &doc.diagnostics {
            println!("  ! {} {}", d.code, d.message);
        }
        for b in &doc.blocks {
            match b {
                Block::Heading(t) => println!(
                    "H{} p{} l{:?} {}",
                    t.level,
                    t.prov.page,
                    t.prov.line,
                    short(&t.text, 100)
                ),
                Block::Paragraph(t) => println!(
                    "P{} p{} l{:?} {}",
                    if t.bold { "b" } else { "" },
                    t.prov.page,
                    t.prov.line,
                    short(&t.text, 100)
                ),
                Block::Furniture(t) => println!("F p{} {}", t.prov.page, short(&t.text, 100)),
                Block::PageBreak { page } => println!("---------- page {page}"),
                Block::Table(t) => {
                    println!(
                        "T p{} l{:?} {}x{}",
                        t.prov.page,
                        t.prov.line,
                        t.rows.len(),
                        t.columns()
                    );
                    for r in &t.rows {
                        let cells: Vec<String> = r
                            .cells
                            .iter()
                            .map(|c| {
                                format!("{}{}", if c.bold { "*" } else { "" }, short(&c.text, 28))
                            })
                            .collect();
                        println!("  l{:?} | {}", r.prov.line, cells.join(" | "));
                    }
                }
            }
        }
    }
}

fn short(s: &str, n: usize) -> String {
    let mut out: String = s.chars().take(n).collect();
    if s.chars().count() > n {
        out.push('…');
    }
    out
}
