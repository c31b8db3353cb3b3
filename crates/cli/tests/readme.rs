//! The README's examples keep working: every command line of its ```sh blocks (all but the
//! `cargo` and `bash` ones, and comments) is run in order with `sh`, in a scratch folder where
//! `fixtures` is the repository's and `plansift` is this build; each must exit 0 (or 1, when
//! some documents failed). Then each ```sql block is run on the database the examples made.
//! A block that needs GNU parallel is skipped, with a notice, where it is not installed.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The fenced code blocks of a Markdown text: (language, lines).
fn blocks(md: &str) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    let mut cur: Option<(String, Vec<String>)> = None;
    for line in md.lines() {
        if let Some(rest) = line.trim_start().strip_prefix("```") {
            match cur.take() {
                Some(b) => out.push(b),
                None => cur = Some((rest.trim().to_string(), Vec::new())),
            }
        } else if let Some((_, lines)) = cur.as_mut() {
            lines.push(line.to_string());
        }
    }
    out
}

fn runnable(line: &str) -> bool {
    let l = line.trim();
    !l.is_empty() && !l.starts_with('#') && !l.starts_with("cargo ") && !l.starts_with("bash ")
}

fn have(tool: &str) -> bool {
    Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {tool}"))
        .output()
        .is_ok_and(|o| o.status.success())
}

#[cfg(unix)]
#[test]
fn readme_examples_run() {
    let md = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let all = blocks(&md);
    let dir = tempfile::tempdir().unwrap();
    let work = dir.path();
    std::os::unix::fs::symlink(repo().join("fixtures"), work.join("fixtures")).unwrap();
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_plansift")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );

    let mut ran = Vec::new();
    let mut skipped_parallel = false;
    for (lang, lines) in &all {
        if lang != "sh" {
            continue;
        }
        let cmds: Vec<&String> = lines.iter().filter(|l| runnable(l)).collect();
        if cmds.is_empty() {
            continue;
        }
        if cmds.iter().any(|c| c.starts_with("parallel ")) && !have("parallel") {
            eprintln!("GNU parallel is not installed: the README's parallel recipe is not run");
            skipped_parallel = true;
            continue;
        }
        for cmd in cmds {
            let o = Command::new("sh")
                .arg("-c")
                .arg(cmd)
                .current_dir(work)
                .env("PATH", &path)
                .output()
                .unwrap();
            assert!(
                matches!(o.status.code(), Some(0 | 1)),
                "README example failed ({:?}): {cmd}\n{}",
                o.status,
                String::from_utf8_lossy(&o.stderr)
            );
            ran.push(cmd.clone());
        }
    }
    // the examples of every command are there and were run
    for needed in [
        "plansift extract ",
        "--format csv",
        "--format sqlite",
        "--files-from -",
        "plansift report ",
        "plansift eval ",
        "--shard $((JOB_COMPLETION_INDEX + 1))/4",
        "plansift completions ",
    ] {
        assert!(
            ran.iter().any(|c| c.contains(needed)),
            "no README example with {needed:?}"
        );
    }
    let out = work.join("out");
    for f in [
        "plans.jsonl",
        "plans.json",
        "csv-plans.jsonl",
        "plans.csv",
        "plans.csv.errors.csv",
        "plans.db",
        "report.html",
        "job-0.jsonl",
        "plansift.bash",
    ] {
        assert!(
            std::fs::metadata(out.join(f)).is_ok_and(|m| m.len() > 0),
            "{f} missing"
        );
    }

    // the sharding recipe gives the documents of one unsharded run, each once
    if !skipped_parallel {
        let whole = Command::new(env!("CARGO_BIN_EXE_plansift"))
            .args(["extract", "-q", "fixtures/text", "fixtures/html"])
            .current_dir(work)
            .output()
            .unwrap();
        let mut want: Vec<String> = String::from_utf8(whole.stdout)
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect();
        let mut got: Vec<String> = std::fs::read_to_string(out.join("all.jsonl"))
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect();
        want.sort();
        got.sort();
        assert_eq!(got.len(), want.len());
        assert!(got == want, "the shards' union differs from one run");
    }

    // the SQL examples run on the database the examples made and find rows
    let conn = rusqlite::Connection::open(out.join("plans.db")).unwrap();
    let mut queries = 0;
    for (lang, lines) in &all {
        if lang != "sql" {
            continue;
        }
        let sql = lines.join("\n");
        let mut st = conn.prepare(&sql).unwrap_or_else(|e| panic!("{e}: {sql}"));
        let rows = st.query_map([], |_| Ok(())).unwrap().count();
        assert!(rows > 0, "no rows: {sql}");
        queries += 1;
    }
    assert!(queries >= 2);
}

/// The README's table of CSV columns lists the columns the CSV has, in their order.
#[test]
fn readme_lists_the_csv_columns_in_order() {
    let md = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let start = md
        .find("| columns | from |")
        .expect("the CSV columns table");
    let mut listed = Vec::new();
    for row in md[start..].lines().skip(2) {
        if !row.starts_with('|') {
            break;
        }
        let first = row.split('|').nth(1).unwrap();
        listed.extend(first.split('`').skip(1).step_by(2).map(str::to_string));
    }
    assert_eq!(listed, plansift_output::csv_out::COLUMNS);
    let errors: String = plansift_output::csv_out::ERROR_COLUMNS
        .iter()
        .map(|c| format!("`{c}`"))
        .collect::<Vec<_>>()
        .join(", ");
    assert!(
        md.replace('\n', " ").contains(&errors),
        "the errors CSV's columns: {errors}"
    );
}
