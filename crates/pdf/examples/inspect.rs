//! `cargo run -p plansift-pdf --example inspect -- FILE.pdf [--page N] [--svg OUT]`
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: inspect FILE.pdf [--page N] [--svg OUT]");
        std::process::exit(2);
    };
    let mut page = None;
    let mut svg = None;
    let mut i = 1;
    while i < args.len() {
        match args[i].as_str() {
            "--page" => page = args.get(i + 1).and_then(|s| s.parse().ok()),
            "--svg" => svg = args.get(i + 1).cloned(),
            _ => {}
        }
        i += 2;
    }
    let bytes = std::fs::read(path).expect("read");
    match plansift_pdf::parse(&bytes, &plansift_pdf::Options::default()) {
        Ok(l) => match svg {
            Some(out) => std::fs::write(out, plansift_pdf::inspect_svg(&l, page.unwrap_or(1)))
                .expect("write"),
            None => println!(
                "{}",
                serde_json::to_string_pretty(&plansift_pdf::inspect_json(&l, page))
                    .unwrap_or_default()
            ),
        },
        Err(e) => {
            eprintln!("{}: {e}", e.code());
            std::process::exit(1);
        }
    }
}
