//! `plansift report`: an HTML page of extract outputs.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use plansift_output::{AtomicFile, Target};

use crate::usage_error;

pub fn run(
    outputs: &[PathBuf],
    as_of: Option<chrono::NaiveDate>,
    output: Option<&Path>,
) -> ExitCode {
    let target = match Target::from_arg(output) {
        Ok(t) => t,
        Err(e) => return usage_error(e),
    };
    if let Some(file) = target.path() {
        if let Err(e) = plansift_output::check_not_an_input(file, outputs) {
            return usage_error(e);
        }
    }
    let mut docs = Vec::new();
    for o in outputs {
        match plansift_output::read_documents(o) {
            Ok(d) => docs.extend(d),
            Err(e) => return usage_error(e),
        }
    }
    let as_of = as_of.unwrap_or_else(plansift_report::today);
    let sources: Vec<String> = outputs.iter().map(|p| p.display().to_string()).collect();
    let html = plansift_report::render(&docs, as_of, &sources);
    let written = match &target {
        Target::Stdout => {
            let mut out = std::io::stdout().lock();
            out.write_all(html.as_bytes())
                .and_then(|_| out.flush())
                .map_err(|e| plansift_output::OutputError::new(format!("cannot write output: {e}")))
        }
        Target::File(p) => AtomicFile::create(p).and_then(|mut f| {
            f.write_all(html.as_bytes())
                .map_err(|e| plansift_output::OutputError::write(p, e))?;
            f.commit()
        }),
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => usage_error(e),
    }
}
