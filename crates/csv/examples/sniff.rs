//! Prints sniff_delimiter / looks_delimited and the table shape for files:
//! `cargo run -p plansift-csv --example sniff FILE...`
fn main() {
    for path in std::env::args().skip(1) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("cannot read {path}");
            continue;
        };
        let sniffed = plansift_csv::sniff_delimiter(&text).map(char::from);
        let looks = plansift_csv::looks_delimited(&text).map(char::from);
        let shape =
            plansift_csv::parse(&text, plansift_csv::sniff_delimiter(&text).unwrap_or(b','))
                .map(|d| {
                    d.blocks
                        .iter()
                        .map(|b| match b {
                            plansift_model::Block::Table(t) => {
                                format!("T{}x{}", t.rows.len(), t.columns())
                            }
                            plansift_model::Block::Heading(_) => "H".to_string(),
                            plansift_model::Block::Paragraph(_) => "P".to_string(),
                            _ => "?".to_string(),
                        })
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .unwrap_or_else(|e| format!("error: {e}"));
        println!("{path}: sniff={sniffed:?} looks_delimited={looks:?} {shape}");
    }
}
