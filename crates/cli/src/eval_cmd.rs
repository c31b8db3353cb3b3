//! `plansift eval`: extract outputs scored against gold labels by `plansift-eval` (the
//! implementation the project's accuracy tests use, with score.py's rules).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::usage_error;

/// The file stems of every file under `dir` (as score.py's `--inputs`).
fn stems_under(dir: &Path, out: &mut Vec<String>) -> std::io::Result<()> {
    for e in std::fs::read_dir(dir)? {
        let p = e?.path();
        if p.is_dir() {
            stems_under(&p, out)?;
        } else {
            out.push(plansift_eval::stem(&p.to_string_lossy()));
        }
    }
    Ok(())
}

pub fn run(gold: &Path, inputs: Option<&Path>, outputs: &[PathBuf], explain: bool) -> ExitCode {
    let mut golds = match plansift_eval::load_gold_dir(gold) {
        Ok(g) => g,
        Err(e) => return usage_error(e),
    };
    if let Some(dir) = inputs {
        let mut wanted = Vec::new();
        if let Err(e) = stems_under(dir, &mut wanted) {
            return usage_error(format!("--inputs {}: {e}", dir.display()));
        }
        golds.retain(|g| wanted.contains(&g.stem));
    }
    if golds.is_empty() {
        return usage_error(format!(
            "no *.gold.json in {}{}",
            gold.display(),
            inputs
                .map(|d| format!(" for the documents in {}", d.display()))
                .unwrap_or_default()
        ));
    }
    let mut docs = Vec::new();
    for o in outputs {
        match plansift_output::read_documents(o) {
            Ok(d) => docs.extend(d),
            Err(e) => return usage_error(e),
        }
    }
    let report = plansift_eval::score(&golds, &docs);
    print!("{}", report.render_prf());
    println!();
    print!("{}", report.render(explain));
    ExitCode::SUCCESS
}
