//! `plansift`: the command line. A thin layer over `plansift-extract` (reading documents),
//! `plansift-output` (writing them), `plansift-report` and `plansift-eval`.

mod eval_cmd;
mod extract_cmd;
mod report_cmd;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

const EXAMPLES: &str = "\
Examples:
  plansift extract plans/ --output out/plans.jsonl
  plansift extract plans/ --format csv --output out/plans.csv
  plansift extract plans/ --format sqlite --output out/plans.db
  plansift report out/plans.jsonl --as-of 2015-04-01 --output out/report.html
  plansift eval --gold gold/ out/plans.jsonl
  plansift completions bash > ~/.local/share/bash-completion/completions/plansift

Exit status: 0 all good, 1 some documents failed (they are in the output with `error`),
2 usage or output errors.";

const EXTRACT_EXAMPLES: &str = "\
Examples:
  plansift extract plans/ --output out/plans.jsonl          # JSON Lines, one document a line
  plansift extract a.pdf b.html --format json               # a JSON array on standard output
  plansift extract plans/ --format csv --bom --output out/plans.csv   # + out/plans.csv.errors.csv
  plansift extract plans/ --format sqlite --output out/plans.db       # appends new documents
  find plans -name '*.pdf' | plansift extract --files-from - --output out/pdfs.jsonl
  plansift extract plans/ --shard 2/4 --output out/part-2.jsonl       # the 2nd of 4 shares";

#[derive(Parser)]
#[command(
    name = "plansift",
    version,
    about = "Turns UK council board papers (text, HTML, CSV/TSV, PDF) into structured action-plan JSON",
    after_help = EXAMPLES
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq, Debug)]
enum OutFormat {
    /// One JSON document per line, in input order.
    Jsonl,
    /// One pretty-printed JSON array of documents.
    Json,
    /// One row per action; documents without actions in <output>.errors.csv (or on stderr).
    Csv,
    /// A SQLite database (needs --output); appended to, documents already there skipped.
    Sqlite,
}

impl From<OutFormat> for plansift_output::Format {
    fn from(f: OutFormat) -> Self {
        match f {
            OutFormat::Jsonl => plansift_output::Format::Jsonl,
            OutFormat::Json => plansift_output::Format::Json,
            OutFormat::Csv => plansift_output::Format::Csv,
            OutFormat::Sqlite => plansift_output::Format::Sqlite,
        }
    }
}

/// `--shard I/N`: the I-th of N shares of the inputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

impl std::str::FromStr for Shard {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("{s:?}: expected I/N with 1 <= I <= N, e.g. 2/4");
        let (i, n) = s.split_once('/').ok_or_else(bad)?;
        let index: u64 = i.trim().parse().map_err(|_| bad())?;
        let count: u64 = n.trim().parse().map_err(|_| bad())?;
        if index == 0 || count == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}

#[derive(Subcommand)]
enum Command {
    /// Extract actions from files and folders (folders are read recursively, hidden files skipped).
    ///
    /// Exit status: 0 when every document was extracted, 1 when some failed (they still appear,
    /// with `error` set), 2 on usage errors or when the output cannot be written.
    #[command(after_help = EXTRACT_EXAMPLES)]
    Extract {
        /// Files and folders to read.
        #[arg(required_unless_present = "files_from")]
        paths: Vec<PathBuf>,
        /// Read more paths from FILE (`-`: standard input), one a line, or NUL-separated
        /// (`find -print0`).
        #[arg(long, value_name = "FILE")]
        files_from: Option<PathBuf>,
        /// Write here instead of standard output (`-`: standard output). A file is written
        /// atomically (a temporary file renamed into place; missing folders are made); it must
        /// be a regular file or absent, and not an input or inside an input folder.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "jsonl")]
        format: OutFormat,
        /// CSV: start the file(s) with a UTF-8 byte-order mark, for Excel.
        #[arg(long)]
        bom: bool,
        /// Documents read in parallel (default: one per core; at most 8 per core).
        #[arg(short, long)]
        jobs: Option<usize>,
        /// Read only the I-th of N shares of the inputs (by a fixed hash of each file's path):
        /// shards 1/N..N/N are disjoint and together read every input.
        #[arg(long, value_name = "I/N")]
        shard: Option<Shard>,
        /// No progress bar and no summary line.
        #[arg(short, long)]
        quiet: bool,
        /// Time budget per document, in seconds (all stages): a document over it fails with
        /// `pdf.timeout` (PDF) or `input.too_complex`, and the batch goes on.
        #[arg(long, value_name = "SECS", default_value_t = 20.0, value_parser = parse_timeout)]
        timeout: f64,
        #[command(flatten)]
        roles: RoleArgs,
    },
    /// A self-contained HTML report (charts included, no network needed) of extract outputs.
    Report {
        /// JSON Lines or JSON outputs of `plansift extract` (or folders of them).
        #[arg(required = true)]
        outputs: Vec<PathBuf>,
        /// The date actions are overdue by (YYYY-MM-DD; default: today).
        #[arg(long, value_name = "DATE")]
        as_of: Option<chrono::NaiveDate>,
        /// Write the page here (atomically) instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Score extract outputs against hand-labelled gold files: precision, recall and F1 of the
    /// actions and of each field, per document and overall.
    Eval {
        /// The folder of `*.gold.json` files (format: fixtures/gold/GOLD_SPEC.md).
        #[arg(long, value_name = "DIR")]
        gold: PathBuf,
        /// Only the gold files of the documents in this folder count (as score.py --inputs).
        #[arg(long, value_name = "DIR")]
        inputs: Option<PathBuf>,
        /// JSON Lines or JSON outputs of `plansift extract` (or folders of them).
        #[arg(required = true)]
        outputs: Vec<PathBuf>,
        /// List the missed and extra actions and the wrong fields.
        #[arg(long)]
        explain: bool,
    },
    /// Show what the PDF text layer sees on a page: words with boxes, ruling lines, fills, tagged tables.
    Inspect {
        /// A PDF file.
        file: PathBuf,
        /// 1-based page number (default: every page for --json, page 1 for --svg).
        #[arg(long)]
        page: Option<u32>,
        /// Print JSON (the default).
        #[arg(long, conflicts_with = "svg")]
        json: bool,
        /// Write an SVG drawing of the page to this file.
        #[arg(long, value_name = "OUT")]
        svg: Option<PathBuf>,
    },
    /// Print the intermediate document model a front-end makes of a file (for debugging a layout).
    Model {
        /// A file of any supported format.
        file: PathBuf,
    },
    /// Explain how every table of a file was read: the role each column got, its score and
    /// evidence, and why the table is or is not a plan.
    Roles {
        /// A file of any supported format.
        file: PathBuf,
        #[command(flatten)]
        roles: RoleArgs,
    },
    /// Print the JSON Schema of the output (schemas/plan.schema.json).
    Schema,
    /// Print a shell completion script, e.g. `plansift completions bash > /etc/bash_completion.d/plansift`.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

/// Corrections for a template plansift misreads.
#[derive(clap::Args, Clone, Default)]
struct RoleArgs {
    /// Set column roles by header text (or `#N` for the Nth column), e.g.
    /// `--roles "Led by=lead,Timescale=deadline,Notes=other"`. Roles: action, lead, deadline,
    /// rag, progress, next_steps, objective, theme, ref, indicator, governance, other...
    #[arg(long, value_name = "HEADER=ROLE,...")]
    roles: Option<String>,
    /// A TOML profile with a `[roles]` table of "header" = "role" (see README).
    #[arg(long, value_name = "FILE")]
    profile: Option<PathBuf>,
}

impl RoleArgs {
    /// The profile these arguments give, or a usage error message.
    fn profile(&self) -> Result<plansift_interpret::Profile, String> {
        let mut p = plansift_interpret::Profile::default();
        if let Some(path) = &self.profile {
            let text = std::fs::read_to_string(path)
                .map_err(|e| format!("{}: cannot read the profile: {e}", path.display()))?;
            p = plansift_interpret::Profile::parse_toml(&text)
                .map_err(|e| format!("{}: {e}", path.display()))?;
        }
        if let Some(spec) = &self.roles {
            p.extend(
                plansift_interpret::Profile::parse_pairs(spec)
                    .map_err(|e| format!("--roles: {e}"))?,
            );
        }
        Ok(p)
    }
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "warn,lopdf=error".into()),
        )
        .init();
    // Panics are caught per document and reported in its `error`; keep them off the terminal.
    std::panic::set_hook(Box::new(|info| tracing::debug!("panic: {info}")));
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    if matches!(
        cli.command,
        Command::Extract { .. } | Command::Report { .. }
    ) {
        // temporary output files are removed on Ctrl-C / kill
        if let Err(e) = plansift_output::install_signal_cleanup() {
            tracing::warn!("cannot watch for signals: {e}");
        }
    }
    match cli.command {
        Command::Extract {
            paths,
            files_from,
            output,
            format,
            bom,
            jobs,
            shard,
            quiet,
            timeout,
            roles,
        } => match roles.profile() {
            Ok(profile) => extract_cmd::run(extract_cmd::Args {
                paths,
                files_from,
                output,
                format,
                bom,
                jobs,
                shard,
                quiet,
                profile,
                timeout: std::time::Duration::from_secs_f64(timeout),
            }),
            Err(e) => usage_error(e),
        },
        Command::Report {
            outputs,
            as_of,
            output,
        } => report_cmd::run(&outputs, as_of, output.as_deref()),
        Command::Eval {
            gold,
            inputs,
            outputs,
            explain,
        } => eval_cmd::run(&gold, inputs.as_deref(), &outputs, explain),
        Command::Roles { file, roles } => match roles.profile() {
            Ok(profile) => explain_roles(&file, profile),
            Err(e) => usage_error(e),
        },
        Command::Inspect {
            file,
            page,
            json: _,
            svg,
        } => inspect(&file, page, svg.as_deref()),
        Command::Model { file } => model(&file),
        Command::Schema => {
            print!("{}", plansift_schema::schema_json());
            ExitCode::SUCCESS
        }
        Command::Completions { shell } => {
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "plansift",
                &mut std::io::stdout(),
            );
            ExitCode::SUCCESS
        }
    }
}

fn model(file: &Path) -> ExitCode {
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => return usage_error(format!("{}: cannot read the file: {e}", file.display())),
    };
    match plansift_extract::read_model(&file.display().to_string(), &bytes) {
        Ok((format, doc)) => {
            println!("format: {format:?}, pages: {}", doc.pages);
            print!("{}", plansift_model::render(&doc));
            for d in &doc.diagnostics {
                println!("diagnostic: {:?} {} {}", d.level, d.code, d.message);
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("plansift: {e} ({})", e.code);
            ExitCode::from(1)
        }
    }
}

fn explain_roles(file: &Path, profile: plansift_interpret::Profile) -> ExitCode {
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => return usage_error(format!("{}: cannot read the file: {e}", file.display())),
    };
    match plansift_extract::read_model(&file.display().to_string(), &bytes) {
        Ok((_, doc)) => {
            let options = plansift_interpret::Options {
                profile,
                explain: true,
            };
            let found = plansift_interpret::interpret_with(&doc, &options);
            print!("{}", plansift_interpret::explain::render(&found.tables));
            println!("{} actions", found.actions.len());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("plansift: {} ({})", e.message, e.code);
            ExitCode::from(1)
        }
    }
}

fn usage_error(msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("plansift: {msg}");
    ExitCode::from(2)
}

#[cfg(feature = "pdf")]
fn inspect(file: &Path, page: Option<u32>, svg: Option<&Path>) -> ExitCode {
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => return usage_error(format!("{}: cannot read the file: {e}", file.display())),
    };
    let layout = match plansift_pdf::parse(&bytes, &plansift_pdf::Options::default()) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("plansift: {}: {e}", file.display());
            return ExitCode::from(1);
        }
    };
    if let Some(n) = page {
        if n == 0 || n as usize > layout.pages.len() {
            return usage_error(format!(
                "{}: no page {n} (the file has {} pages)",
                file.display(),
                layout.pages.len()
            ));
        }
    }
    match svg {
        Some(out) => {
            let s = plansift_pdf::inspect_svg(&layout, page.unwrap_or(1));
            if let Err(e) = std::fs::write(out, s) {
                return usage_error(format!("cannot write {}: {e}", out.display()));
            }
        }
        None => {
            let v = plansift_pdf::inspect_json(&layout, page);
            println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
        }
    }
    ExitCode::SUCCESS
}

#[cfg(not(feature = "pdf"))]
fn inspect(_file: &Path, _page: Option<u32>, _svg: Option<&Path>) -> ExitCode {
    usage_error("this build of plansift was made without the PDF front-end")
}

/// `--timeout`: seconds, more than 0 and at most a day.
fn parse_timeout(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v > 0.0 && v <= 86_400.0 => Ok(v),
        _ => Err(format!(
            "'{s}' is not a number of seconds between 0 and 86400"
        )),
    }
}
