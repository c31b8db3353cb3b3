//! Print the period detected from a text file's lines (in order):
//! `cargo run -p plansift-normalize --example detect -- file.txt`
fn main() {
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let p = plansift_normalize::detect_period(text.lines());
        println!("{path}: {:?}", p.map(|p| (p.raw, p.start, p.end)));
    }
}
