//! Print how each normaliser reads the cells given on stdin, one per line:
//! `cargo run -p plansift-normalize --example probe -- [deadline|rag|lead] [period] < cells.txt`
use std::io::BufRead;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let what = args.get(1).map(String::as_str).unwrap_or("deadline");
    let period = args
        .get(2)
        .and_then(|p| plansift_normalize::parse_period(p));
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        match what {
            "rag" => println!(
                "{line:?} -> {:?} looks={}",
                plansift_normalize::rag(&line).status,
                plansift_normalize::looks_like_rag(&line)
            ),
            "lead" => {
                let l = plansift_normalize::lead(&line);
                let ps: Vec<String> = l
                    .people
                    .iter()
                    .map(|p| {
                        format!(
                            "{}{}[{:?}]{}",
                            p.name,
                            p.role
                                .as_ref()
                                .map(|r| format!(" ({r})"))
                                .unwrap_or_default(),
                            p.kind,
                            p.via
                                .as_ref()
                                .map(|v| format!(" via {v}"))
                                .unwrap_or_default()
                        )
                    })
                    .collect();
                println!(
                    "{line:?} -> {} looks={}",
                    ps.join(" | "),
                    plansift_normalize::looks_like_person(&line)
                );
            }
            _ => {
                let d = plansift_normalize::deadline(&line, period.as_ref());
                println!(
                    "{line:?} -> {:?} {:?} {:?} looks={}",
                    d.start,
                    d.end,
                    d.kind,
                    plansift_normalize::looks_like_deadline(&line)
                );
            }
        }
    }
}
