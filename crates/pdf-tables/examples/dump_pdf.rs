//! Debugging aid: parse a PDF with `plansift-pdf`, find its tables and print the
//! document as text, one line per table row, cells separated by ` | `
//! (`--json` prints the document model as JSON instead).
//!
//! `cargo run -p plansift-pdf-tables --example dump_pdf -- file.pdf [--json]`

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: dump_pdf <file.pdf> [--json]");
    let bytes = std::fs::read(&path).expect("read");
    let layout = match plansift_pdf::parse(&bytes, &plansift_pdf::Options::default()) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("parse error: {e}");
            std::process::exit(1);
        }
    };
    let doc = plansift_pdf_tables::to_document(&layout);
    if std::env::args().any(|a| a == "--json") {
        println!("{}", serde_json::to_string(&doc).expect("serialise"));
    } else {
        print!("{}", plansift_pdf_tables::render_text(&doc));
    }
}
