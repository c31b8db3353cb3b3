//! Prints the model of HTML files: `cargo run -p plansift-html --example dump FILE.html...`
fn main() {
    for path in std::env::args().skip(1) {
        let Ok(src) = std::fs::read_to_string(&path) else {
            eprintln!("cannot read {path}");
            continue;
        };
        let doc = plansift_html::parse(&src);
        println!("== {path}: pages={} title={:?}", doc.pages, doc.meta_title);
        for d in &doc.diagnostics {
            println!("  ! {} {}", d.code, d.message);
        }
        print!("{}", plansift_model::render(&doc));
    }
}
