//! `plansift`: the command line. A thin layer over `plansift-extract`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use plansift_schema::PlanDocument;

#[derive(Parser)]
#[command(
    name = "plansift",
    version,
    about = "Turns UK council board papers (text, HTML, CSV/TSV, PDF) into structured action-plan JSON"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum OutFormat {
    /// One JSON document per line, in input order.
    Jsonl,
    /// One pretty-printed JSON array of documents.
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Extract actions from files and folders (folders are read recursively, hidden files skipped).
    ///
    /// Exit status: 0 when every document was extracted, 1 when some failed (they still appear,
    /// with `error` set), 2 on usage errors or when the output cannot be written.
    Extract {
        /// Files and folders to read.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Write here (atomically: a temporary file renamed into place; missing folders are made) instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "jsonl")]
        format: OutFormat,
        /// Documents read in parallel (default: one per core).
        #[arg(short, long)]
        jobs: Option<usize>,
        #[command(flatten)]
        roles: RoleArgs,
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
    match cli.command {
        Command::Extract {
            paths,
            output,
            format,
            jobs,
            roles,
        } => match roles.profile() {
            Ok(profile) => extract(paths, output, format, jobs, profile),
            Err(e) => usage_error(e),
        },
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

fn extract(
    paths: Vec<PathBuf>,
    output: Option<PathBuf>,
    format: OutFormat,
    jobs: Option<usize>,
    profile: plansift_interpret::Profile,
) -> ExitCode {
    let options = plansift_extract::ExtractOptions {
        interpret: plansift_interpret::Options {
            profile,
            explain: false,
        },
    };
    if jobs == Some(0) {
        return usage_error("--jobs must be at least 1");
    }
    let pool = match rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.unwrap_or(0))
        .build()
    {
        Ok(p) => p,
        Err(e) => return usage_error(format!("cannot start worker threads: {e}")),
    };
    let files = plansift_extract::collect_inputs(&paths);
    if files.is_empty() {
        return usage_error("no input files found under the given paths");
    }
    tracing::info!(files = files.len(), "extracting");

    // Write to a temporary file beside the output and rename it into place at the end,
    // so that a crash never leaves half a file.
    let mut tmp = None;
    let mut sink: Box<dyn Write> = match &output {
        Some(path) => {
            let dir = path
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            if let Err(e) = std::fs::create_dir_all(dir) {
                return usage_error(format!("cannot write {}: {e}", path.display()));
            }
            match tempfile::Builder::new()
                .prefix(".plansift-")
                .suffix(".tmp")
                .tempfile_in(dir)
            {
                Ok(f) => {
                    let w = match f.reopen() {
                        Ok(w) => w,
                        Err(e) => {
                            return usage_error(format!("cannot write {}: {e}", path.display()))
                        }
                    };
                    tmp = Some(f);
                    Box::new(std::io::BufWriter::new(w))
                }
                Err(e) => return usage_error(format!("cannot write {}: {e}", path.display())),
            }
        }
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };

    let mut failed = 0usize;
    let mut first = true;
    let mut write = |doc: &PlanDocument, sink: &mut Box<dyn Write>| -> std::io::Result<()> {
        if let Some(e) = &doc.error {
            failed += 1;
            tracing::warn!(file = %doc.source.path, code = %e.code, "{}", e.message);
        }
        match format {
            OutFormat::Jsonl => {
                serde_json::to_writer(&mut *sink, doc)?;
                sink.write_all(b"\n")
            }
            OutFormat::Json => {
                sink.write_all(if first { b"[\n" } else { b",\n" })?;
                first = false;
                let s = serde_json::to_string_pretty(doc).map_err(std::io::Error::other)?;
                sink.write_all(s.as_bytes())
            }
        }
    };
    // Documents run in parallel in chunks; each chunk is written in input order as soon as it is done,
    // so output streams and memory stays bounded whatever the batch size.
    let chunk = 4 * pool.current_num_threads().max(1);
    for part in files.chunks(chunk) {
        let docs = pool.install(|| plansift_extract::extract_all_with(part, &options));
        for d in &docs {
            if let Err(e) = write(d, &mut sink) {
                return usage_error(format!("cannot write output: {e}"));
            }
        }
    }
    let end: &[u8] = if format == OutFormat::Json {
        if first {
            b"[]\n"
        } else {
            b"\n]\n"
        }
    } else {
        b""
    };
    if let Err(e) = sink.write_all(end).and_then(|_| sink.flush()) {
        return usage_error(format!("cannot write output: {e}"));
    }
    drop(sink);
    if let (Some(f), Some(path)) = (tmp, &output) {
        if let Err(e) = f
            .as_file()
            .sync_all()
            .map_err(|e| e.to_string())
            .and_then(|_| f.persist(path).map(|_| ()).map_err(|e| e.to_string()))
        {
            return usage_error(format!("cannot write {}: {e}", path.display()));
        }
    }
    if failed > 0 {
        eprintln!(
            "plansift: {failed} of {} documents failed (see `error` in the output)",
            files.len()
        );
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
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
