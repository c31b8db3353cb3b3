//! `plansift extract`: inputs gathered and checked, documents read in parallel, written in
//! input order by a `plansift-output` sink.

use std::hash::Hasher;
use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use plansift_output::{Format, SinkOptions, Target};

use crate::{usage_error, OutFormat, Shard};

/// At most this many worker threads per core.
pub const MAX_JOBS_PER_CORE: usize = 8;

pub struct Args {
    pub paths: Vec<PathBuf>,
    pub files_from: Option<PathBuf>,
    pub output: Option<PathBuf>,
    pub format: OutFormat,
    pub bom: bool,
    pub jobs: Option<usize>,
    pub shard: Option<Shard>,
    pub quiet: bool,
    pub profile: plansift_interpret::Profile,
    /// `--timeout`: the time budget per document.
    pub timeout: std::time::Duration,
}

/// The paths in a `--files-from` list: NUL-separated when it holds a NUL, else one a line
/// (a trailing `\r` dropped); empty entries skipped.
pub fn parse_file_list(bytes: &[u8]) -> Vec<PathBuf> {
    let sep = if bytes.contains(&0) { b'\0' } else { b'\n' };
    bytes
        .split(|&b| b == sep)
        .map(|e| e.strip_suffix(b"\r").unwrap_or(e))
        .filter(|e| !e.is_empty())
        .map(path_from_bytes)
        .collect()
}

#[cfg(unix)]
fn path_from_bytes(b: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(std::ffi::OsStr::from_bytes(b))
}

#[cfg(not(unix))]
fn path_from_bytes(b: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(b).into_owned())
}

fn read_file_list(from: &Path) -> Result<Vec<PathBuf>, String> {
    let mut bytes = Vec::new();
    let r = if from.as_os_str() == "-" {
        std::io::stdin().lock().read_to_end(&mut bytes)
    } else {
        std::fs::File::open(from).and_then(|mut f| f.read_to_end(&mut bytes))
    };
    r.map_err(|e| format!("--files-from {}: {e}", from.display()))?;
    Ok(parse_file_list(&bytes))
}

/// FNV-1a (64 bit) of the path's bytes: the same on every run and machine.
pub fn path_hash(p: &Path) -> u64 {
    let mut h = fnv::FnvHasher::default();
    h.write(p.as_os_str().as_encoded_bytes());
    h.finish()
}

/// Is `p` in the shard? Shards 1..=N split the paths into N disjoint shares.
pub fn in_shard(p: &Path, shard: Shard) -> bool {
    path_hash(p) % shard.count == shard.index - 1
}

/// The worker threads to use: `--jobs`, capped at [`MAX_JOBS_PER_CORE`] x the cores.
fn threads(jobs: Option<usize>) -> Result<usize, String> {
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    match jobs {
        Some(0) => Err("--jobs must be at least 1".into()),
        Some(j) if j > MAX_JOBS_PER_CORE * cores => {
            let max = MAX_JOBS_PER_CORE * cores;
            tracing::warn!(
                "--jobs {j} is more than {MAX_JOBS_PER_CORE} per core ({cores} cores): using {max}"
            );
            Ok(max)
        }
        Some(j) => Ok(j),
        None => Ok(cores),
    }
}

fn seconds(t: Instant) -> String {
    format!("{:.1} s", t.elapsed().as_secs_f64())
}

pub fn run(args: Args) -> ExitCode {
    let started = Instant::now();
    let format: Format = args.format.into();
    if args.bom && format != Format::Csv {
        return usage_error("--bom goes with --format csv");
    }
    let jobs = match threads(args.jobs) {
        Ok(j) => j,
        Err(e) => return usage_error(e),
    };
    let mut paths = args.paths;
    if let Some(from) = &args.files_from {
        match read_file_list(from) {
            Ok(list) => paths.extend(list),
            Err(e) => return usage_error(e),
        }
    }
    if paths.is_empty() {
        return usage_error("no input files given");
    }

    // The output is checked before any work: a regular file or absent, never an input.
    let target = match Target::from_arg(args.output.as_deref()) {
        Ok(t) => t,
        Err(e) => return usage_error(e),
    };
    if format == Format::Sqlite && target == Target::Stdout {
        return usage_error(
            "--format sqlite writes a database file: give it with --output FILE.db",
        );
    }
    if let Some(file) = target.path() {
        let mut files = vec![file.to_path_buf()];
        files.extend(plansift_output::sink::side_files(format, &target));
        for f in &files {
            if let Err(e) = plansift_output::check_not_an_input(f, &paths) {
                return usage_error(e);
            }
        }
    }

    let pool = match rayon::ThreadPoolBuilder::new().num_threads(jobs).build() {
        Ok(p) => p,
        Err(e) => return usage_error(format!("cannot start worker threads: {e}")),
    };
    let mut files = plansift_extract::collect_input_paths(&paths);
    if files.is_empty() {
        return usage_error("no input files found under the given paths");
    }
    let all = files.len();
    if let Some(shard) = args.shard {
        files.retain(|i| in_shard(&i.path, shard));
        tracing::info!(
            shard = %format!("{}/{}", shard.index, shard.count),
            files = files.len(),
            of = all,
            "sharded"
        );
    }
    tracing::info!(files = files.len(), jobs, "extracting");

    let mut sink = match plansift_output::open_sink(format, &target, SinkOptions { bom: args.bom })
    {
        Ok(s) => s,
        Err(e) => return usage_error(e),
    };
    let bar = if !args.quiet && std::io::stderr().is_terminal() {
        let b = indicatif::ProgressBar::new(files.len() as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{elapsed_precise} [{bar:30}] {pos}/{len} documents  {wide_msg}",
        ) {
            b.set_style(style.progress_chars("=> "));
        }
        b
    } else {
        indicatif::ProgressBar::hidden()
    };

    let options = plansift_extract::ExtractOptions {
        interpret: plansift_interpret::Options {
            profile: args.profile,
            explain: false,
        },
        limits: plansift_model::budget::Limits {
            time: args.timeout,
            ..Default::default()
        },
    };
    let (mut documents, mut actions, mut failed) = (0usize, 0usize, 0usize);
    let written = plansift_output::run_in_order(
        &pool,
        &files,
        |i| plansift_extract::extract_input_with(i, &options),
        |doc| {
            documents += 1;
            actions += doc.actions.len();
            if let Some(e) = &doc.error {
                failed += 1;
                bar.suspend(
                    || tracing::warn!(file = %doc.source.path, code = %e.code, "{}", e.message),
                );
            }
            sink.write(&doc)?;
            bar.inc(1);
            bar.set_message(doc.source.path.clone());
            Ok::<_, plansift_output::OutputError>(())
        },
    );
    bar.finish_and_clear();
    if let Err(e) = written {
        return usage_error(e);
    }
    let finished = match sink.finish() {
        Ok(f) => f,
        Err(e) => return usage_error(e),
    };
    if !args.quiet {
        let mut line = format!(
            "plansift: {documents} documents, {actions} actions, {failed} failed, {}",
            seconds(started)
        );
        if let Some(note) = finished.note {
            line.push_str(&format!("; {note}"));
        }
        if failed > 0 && matches!(format, Format::Jsonl | Format::Json) {
            line.push_str(" (see `error` in the output)");
        }
        eprintln!("{line}");
    }
    if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_lists() {
        assert_eq!(
            parse_file_list(b"a.txt\r\nb c.pdf\n\n"),
            [PathBuf::from("a.txt"), PathBuf::from("b c.pdf")]
        );
        assert_eq!(
            parse_file_list(b"a\nb.txt\0c.pdf\0"),
            [PathBuf::from("a\nb.txt"), PathBuf::from("c.pdf")]
        );
    }

    #[test]
    fn shards_split_without_overlap() {
        let paths: Vec<PathBuf> = (0..1000)
            .map(|i| format!("dir/plan-{i}.txt").into())
            .collect();
        let n = 4;
        let mut seen = vec![0; paths.len()];
        for index in 1..=n {
            let shard = Shard { index, count: n };
            let share: Vec<usize> = (0..paths.len())
                .filter(|&i| in_shard(&paths[i], shard))
                .collect();
            // roughly a quarter each
            assert!(share.len() > 150 && share.len() < 350, "{}", share.len());
            for i in share {
                seen[i] += 1;
            }
        }
        assert!(seen.iter().all(|&s| s == 1));
        // fixed: FNV-1a of the bytes, whatever the run
        assert_eq!(path_hash(Path::new("")), 0xcbf2_9ce4_8422_2325);
        assert_eq!(path_hash(Path::new("a")), 0xaf63_dc4c_8601_ec8c);
        assert_eq!("2/4".parse::<Shard>(), Ok(Shard { index: 2, count: 4 }));
        for bad in ["0/4", "5/4", "1/0", "x", "1/2/3"] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }
}
