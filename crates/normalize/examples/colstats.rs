//! Per-column share of cells each `looks_like_*` predicate accepts in a
//! tab-separated text file: `cargo run -p plansift-normalize --example colstats -- file.txt`
fn main() {
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let mut stats: Vec<[usize; 4]> = Vec::new();
        for line in text.lines().filter(|l| l.contains('\t')) {
            for (i, cell) in line.split('\t').enumerate() {
                if stats.len() <= i {
                    stats.push([0; 4]);
                }
                if cell.trim().is_empty() {
                    continue;
                }
                stats[i][0] += 1;
                stats[i][1] += plansift_normalize::looks_like_deadline(cell) as usize;
                stats[i][2] += plansift_normalize::looks_like_rag(cell) as usize;
                stats[i][3] += plansift_normalize::looks_like_person(cell) as usize;
            }
        }
        println!("{path}");
        for (i, s) in stats.iter().enumerate() {
            println!(
                "  col {i}: cells {:>4} deadline {:>4} rag {:>4} person {:>4}",
                s[0], s[1], s[2], s[3]
            );
        }
    }
}
