//! Print the document model of workbooks: `cargo run --release -p plansift-sheet --example sheet-model FILE...`
fn main() {
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).expect("readable file");
        match plansift_sheet::parse(&bytes, &plansift_sheet::Limits::default()) {
            Ok(doc) => {
                println!("== {path}: pages {}, title {:?}", doc.pages, doc.meta_title);
                print!("{}", plansift_model::render(&doc));
                for d in &doc.diagnostics {
                    println!("diagnostic {} {}", d.code, d.message);
                }
            }
            Err(e) => println!("== {path}: error {} {}", e.code(), e),
        }
    }
}
