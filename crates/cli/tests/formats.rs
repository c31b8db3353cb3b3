//! What users do with the output: CSV for spreadsheets, SQLite for queries, the HTML report,
//! scoring against gold labels, shards, file lists, completions, the progress and summary lines.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_plansift"))
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

fn run(args: &[&str], paths: &[PathBuf]) -> Output {
    bin().args(args).args(paths).output().unwrap()
}

fn lines(s: &[u8]) -> Vec<Value> {
    std::str::from_utf8(s)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Fixture plans of every format, a file that fails, one with no plan, and a small CSV plan whose
/// cells start with formula characters.
fn mixed_inputs(dir: &Path) -> Vec<PathBuf> {
    let inj = dir.join("injection.csv");
    std::fs::write(
        &inj,
        "Action,Lead officer,Deadline,RAG status\n\
         \"=HYPERLINK(\"\"http://x.invalid\"\",\"\"click\"\")\",@Jo Bloggs,March 2015,Green\n\
         +Review the pathway for carers,-Team,April 2015,Amber\n\
         Develop the carers strategy,Jo Bloggs,May 2015,Red\n",
    )
    .unwrap();
    vec![
        fixtures().join("text"),
        fixtures().join("html/thurrock-jhws-delivery-2014-15.html"),
        fixtures().join("csv"),
        fixtures().join("negatives/glossary-of-terms.txt"),
        dir.join("missing.txt"),
        inj,
    ]
}

fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let bytes = std::fs::read(path).unwrap();
    let mut r = csv::Reader::from_reader(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes));
    let head = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r
        .records()
        .map(|x| x.unwrap().iter().map(str::to_string).collect())
        .collect();
    (head, rows)
}

#[test]
fn csv_has_one_row_per_action_and_no_formulas() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = mixed_inputs(dir.path());
    let jsonl = run(&["extract", "-q"], &inputs);
    assert_eq!(jsonl.status.code(), Some(1));
    let docs = lines(&jsonl.stdout);
    let out = dir.path().join("out/plans.csv");
    let o = bin()
        .args(["extract", "--format", "csv", "--bom", "--output"])
        .arg(&out)
        .args(&inputs)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(std::fs::read(&out).unwrap().starts_with(b"\xEF\xBB\xBF"));

    let (head, rows) = read_csv(&out);
    assert_eq!(head, plansift_output::csv_out::COLUMNS);
    let n_actions: usize = docs
        .iter()
        .map(|d| d["actions"].as_array().unwrap().len())
        .sum();
    assert!(n_actions > 100);
    assert_eq!(rows.len(), n_actions);
    let col = |name: &str| head.iter().position(|h| h == name).unwrap();
    // in the JSONL's order, with the action's own fields
    let flat: Vec<&Value> = docs
        .iter()
        .flat_map(|d| d["actions"].as_array().unwrap())
        .collect();
    for (row, a) in rows.iter().zip(&flat) {
        assert_eq!(row[col("action_id")], a["id"].as_str().unwrap());
        assert_eq!(row.len(), head.len());
        let want_end = a["deadline"]["end"].as_str().unwrap_or("");
        assert_eq!(row[col("deadline_end")], want_end);
    }
    // no cell a spreadsheet would run as a formula
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?}"
            );
        }
    }
    let texts: Vec<&str> = rows.iter().map(|r| r[col("text")].as_str()).collect();
    assert!(texts.contains(&"'=HYPERLINK(\"http://x.invalid\",\"click\")"));
    assert!(texts.contains(&"'+Review the pathway for carers"));
    let leads: Vec<&str> = rows.iter().map(|r| r[col("lead_raw")].as_str()).collect();
    assert!(leads.contains(&"'@Jo Bloggs") && leads.contains(&"'-Team"));
    // people's names joined, extra as JSON
    let thurrock = rows
        .iter()
        .find(|r| r[col("path")].ends_with("thurrock-jhws-delivery-2014-15.txt"))
        .unwrap();
    assert_eq!(thurrock[col("lead_people")], "Mandy Ansell");
    let extra: Value = serde_json::from_str(&thurrock[col("extra")]).unwrap();
    assert!(extra.as_object().is_some_and(|o| !o.is_empty()));

    // documents without actions are in the errors file, not dropped
    let (ehead, erows) = read_csv(&dir.path().join("out/plans.csv.errors.csv"));
    assert_eq!(ehead, plansift_output::csv_out::ERROR_COLUMNS);
    let without: Vec<&Value> = docs
        .iter()
        .filter(|d| d["actions"].as_array().unwrap().is_empty())
        .collect();
    assert_eq!(erows.len(), without.len());
    assert_eq!(without.len(), 2);
    let status: Vec<(&str, &str)> = erows
        .iter()
        .map(|r| (r[0].as_str(), r[4].as_str()))
        .collect();
    assert!(status
        .iter()
        .any(|(p, s)| p.ends_with("missing.txt") && *s == "failed"));
    assert!(status
        .iter()
        .any(|(p, s)| p.ends_with("glossary-of-terms.txt") && *s == "no_actions"));
    // every document is somewhere
    let in_rows: BTreeSet<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    for d in &docs {
        let p = d["source"]["path"].as_str().unwrap();
        assert!(
            in_rows.contains(p) || erows.iter().any(|r| r[0] == p),
            "{p}"
        );
    }

    // to standard output, the errors CSV goes to standard error
    let o = run(&["extract", "-q", "--format", "csv"], &inputs);
    assert_eq!(o.status.code(), Some(1));
    let mut r = csv::Reader::from_reader(&o.stdout[..]);
    assert_eq!(r.records().count(), n_actions);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("path,sha256,format,bytes,status,code,message"),
        "{err}"
    );
    assert!(
        err.contains("missing.txt") && err.contains(",failed,io.read,"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn csv_reads_back_in_python_when_there_is_one() {
    if Command::new("python3").arg("--version").output().is_err() {
        eprintln!("python3 not found: the Python csv reading is skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let inputs = mixed_inputs(dir.path());
    let out = dir.path().join("plans.csv");
    let o = bin()
        .args(["extract", "-q", "--format", "csv", "--bom", "--output"])
        .arg(&out)
        .args(&inputs)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let jsonl = run(&["extract", "-q"], &inputs);
    let n: usize = lines(&jsonl.stdout)
        .iter()
        .map(|d| d["actions"].as_array().unwrap().len())
        .sum();
    // utf-8-sig: as Excel reads a file with a byte-order mark
    let script = "import csv, sys\n\
        rows = list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline='')))\n\
        bad = [c for r in rows[1:] for c in r if c[:1] in ('=', '+', '-', '@', '\\t', '\\r')]\n\
        widths = {len(r) for r in rows}\n\
        print(len(rows) - 1, len(bad), len(widths))\n";
    let py = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        py.status.success(),
        "{}",
        String::from_utf8_lossy(&py.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&py.stdout).trim(),
        format!("{n} 0 1")
    );
}

fn count(conn: &rusqlite::Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn sqlite_matches_the_jsonl_and_appends_without_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = mixed_inputs(dir.path());
    let docs = lines(&run(&["extract", "-q"], &inputs).stdout);
    let db = dir.path().join("plans.db");
    let o = bin()
        .args(["extract", "--format", "sqlite", "--output"])
        .arg(&db)
        .args(&inputs)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("documents added to"));
    let conn = rusqlite::Connection::open(&db).unwrap();
    let actions: usize = docs
        .iter()
        .map(|d| d["actions"].as_array().unwrap().len())
        .sum();
    let people: usize = docs
        .iter()
        .flat_map(|d| d["actions"].as_array().unwrap())
        .map(|a| a["lead"]["people"].as_array().map_or(0, |p| p.len()))
        .sum();
    let diagnostics: usize = docs
        .iter()
        .map(|d| d["diagnostics"].as_array().unwrap().len())
        .sum();
    assert_eq!(
        count(&conn, "SELECT count(*) FROM documents"),
        docs.len() as i64
    );
    assert_eq!(count(&conn, "SELECT count(*) FROM actions"), actions as i64);
    assert_eq!(count(&conn, "SELECT count(*) FROM people"), people as i64);
    assert_eq!(
        count(&conn, "SELECT count(*) FROM diagnostics"),
        diagnostics as i64
    );
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM documents WHERE error_code = 'io.read'"
        ),
        1
    );
    // RAG counts as in the JSONL
    let green = docs
        .iter()
        .flat_map(|d| d["actions"].as_array().unwrap())
        .filter(|a| a["rag"]["status"] == "green")
        .count();
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM actions WHERE rag_status = 'green'"
        ),
        green as i64
    );
    // keys hold
    let broken: i64 = conn
        .prepare("PRAGMA foreign_key_check")
        .unwrap()
        .query_map([], |_| Ok(()))
        .unwrap()
        .count() as i64;
    assert_eq!(broken, 0);
    drop(conn);

    // the same inputs again: nothing added
    let o = bin()
        .args(["extract", "--format", "sqlite", "--output"])
        .arg(&db)
        .args(&inputs)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(&format!(
            "0 documents added to {}, {} already there",
            db.display(),
            docs.len()
        )),
        "{err}"
    );
    let conn = rusqlite::Connection::open(&db).unwrap();
    assert_eq!(
        count(&conn, "SELECT count(*) FROM documents"),
        docs.len() as i64
    );
    assert_eq!(count(&conn, "SELECT count(*) FROM actions"), actions as i64);
    drop(conn);

    // new inputs beside old ones: only the new ones are added
    let o = bin()
        .args(["extract", "-q", "--format", "sqlite", "--output"])
        .arg(&db)
        .arg(fixtures().join("text"))
        .arg(fixtures().join("html/bromley-portfolio-half-year-2013-14.html"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let conn = rusqlite::Connection::open(&db).unwrap();
    assert_eq!(
        count(&conn, "SELECT count(*) FROM documents"),
        docs.len() as i64 + 1
    );
    assert!(dir.path().read_dir().unwrap().all(|e| !e
        .unwrap()
        .file_name()
        .to_string_lossy()
        .starts_with(".plansift-")));
}

#[test]
fn sqlite_refuses_stdout_and_foreign_databases() {
    let o = run(
        &["extract", "--format", "sqlite"],
        &[fixtures().join("text")],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--output FILE.db"));
    let o = run(
        &["extract", "--format", "sqlite", "--output", "-"],
        &[fixtures().join("text")],
    );
    assert_eq!(o.status.code(), Some(2));

    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("other.db");
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch("CREATE TABLE documents (x); INSERT INTO documents VALUES (1);")
        .unwrap();
    drop(conn);
    let o = bin()
        .args(["extract", "--format", "sqlite", "--output"])
        .arg(&db)
        .arg(fixtures().join("text"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a plansift database"));
    let conn = rusqlite::Connection::open(&db).unwrap();
    assert_eq!(count(&conn, "SELECT count(*) FROM documents"), 1);
}

#[test]
fn report_is_self_contained_and_counts_right() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = mixed_inputs(dir.path());
    let jsonl = dir.path().join("plans.jsonl");
    let o = bin()
        .args(["extract", "-q", "--output"])
        .arg(&jsonl)
        .args(&inputs)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let docs = lines(&std::fs::read(&jsonl).unwrap());
    let html_path = dir.path().join("report.html");
    let o = bin()
        .arg("report")
        .arg(&jsonl)
        .args(["--as-of", "2015-04-01", "--output"])
        .arg(&html_path)
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let html = std::fs::read_to_string(&html_path).unwrap();

    // self-contained: no script, style sheet, image or frame loaded from anywhere
    let lower = html.to_lowercase();
    for tag in ["<script", "<link", "<img", "<iframe"] {
        for (i, _) in lower.match_indices(tag) {
            let end = lower[i..].find('>').unwrap();
            let attrs = &lower[i..i + end];
            assert!(
                !attrs.contains("src=") && !attrs.contains("href="),
                "{attrs}"
            );
        }
    }
    assert!(!lower.contains("<link") && !lower.contains("@import"));
    assert!(html.contains(plansift_report::CHART_JS));

    // the figures, computed here from the JSONL
    let as_of = "2015-04-01";
    let all: Vec<&Value> = docs
        .iter()
        .flat_map(|d| d["actions"].as_array().unwrap())
        .collect();
    let overdue = all
        .iter()
        .filter(|a| {
            a["deadline"]["end"].as_str().is_some_and(|e| e < as_of)
                && a["rag"]["status"] != "complete"
        })
        .count();
    let failed = docs.iter().filter(|d| !d["error"].is_null()).count();
    let figure = |id: &str| -> usize {
        let at = html.find(&format!("id=\"{id}\">")).unwrap() + id.len() + 6;
        html[at..at + html[at..].find('<').unwrap()]
            .parse()
            .unwrap()
    };
    assert_eq!(figure("n-documents"), docs.len());
    assert_eq!(figure("n-actions"), all.len());
    assert_eq!(figure("n-overdue"), overdue);
    assert!(overdue > 0);
    assert_eq!(figure("n-failed"), failed);
    assert!(html.contains(&format!("Overdue actions as of {as_of} ({overdue})")));
    assert!(html.contains("Failed documents (1)") && html.contains("io.read"));

    // the charts' data: RAG counts per status, overall and for each document with actions
    let start = html.find("type=\"application/json\">").unwrap() + 24;
    let end = start + html[start..].find("</script>").unwrap();
    let data: Value = serde_json::from_str(&html[start..end]).unwrap();
    let statuses: Vec<&str> = data["statuses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["key"].as_str().unwrap())
        .collect();
    for (i, key) in statuses.iter().enumerate() {
        let want = all
            .iter()
            .filter(|a| a["rag"]["status"].as_str().unwrap_or("none") == *key)
            .count();
        assert_eq!(data["views"][0]["rag"][i], want, "{key}");
    }
    let with_actions = docs
        .iter()
        .filter(|d| !d["actions"].as_array().unwrap().is_empty())
        .count();
    assert_eq!(data["views"].as_array().unwrap().len(), 1 + with_actions);

    // to standard output, and refused over its own input
    let o = bin()
        .arg("report")
        .arg(&jsonl)
        .args(["--as-of", as_of])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("<!DOCTYPE html>"));
    let o = bin()
        .arg("report")
        .arg(&jsonl)
        .arg("--output")
        .arg(&jsonl)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(lines(&std::fs::read(&jsonl).unwrap()).len(), docs.len());
}

#[test]
fn eval_prints_the_accuracy_tests_figures() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("text.jsonl");
    let o = bin()
        .args(["extract", "-q", "--output"])
        .arg(&out)
        .arg(fixtures().join("text"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let o = bin()
        .args(["eval", "--gold"])
        .arg(fixtures().join("gold"))
        .arg("--inputs")
        .arg(fixtures().join("text"))
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let text = String::from_utf8(o.stdout).unwrap();
    let (docs, score) = plansift_tests::extract_and_score("text");
    let want = format!("SCORE docs={} {}", docs.len(), score.summary());
    assert_eq!(text.lines().last().unwrap(), want, "{text}");
    // the precision/recall/F1 rows: overall actions
    let (p, r, f1) = score.prf("action");
    let all = text
        .lines()
        .find(|l| l.starts_with("ALL ") && l.contains(" action "))
        .unwrap();
    assert!(all.ends_with(&format!("{p:9.3} {r:9.3} {f1:9.3}")), "{all}");

    // score.py gives the same summary, where the shared copy is present
    let py = Path::new("/work/shared/eval/score.py");
    if py.exists() {
        let o = Command::new("python3")
            .arg(py)
            .arg("--gold")
            .arg(fixtures().join("gold"))
            .arg("--pred")
            .arg(&out)
            .arg("--inputs")
            .arg(fixtures().join("text"))
            .output()
            .unwrap();
        let py_out = String::from_utf8_lossy(&o.stdout);
        let line = py_out.lines().find(|l| l.starts_with("SCORE ")).unwrap();
        assert_eq!(line, want);
    }

    // --explain lists misses; without gold files, a usage error
    let o = bin()
        .args(["eval", "--explain", "--gold"])
        .arg(fixtures().join("gold"))
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).contains("== thurrock-jhws-delivery-2014-15"));
    let o = bin()
        .args(["eval", "--gold"])
        .arg(dir.path())
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn shards_are_disjoint_and_complete() {
    let inputs = [
        fixtures().join("text"),
        fixtures().join("html"),
        fixtures().join("csv"),
        fixtures().join("negatives"),
    ];
    let whole = run(&["extract", "-q"], &inputs);
    let whole: Vec<String> = String::from_utf8(whole.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    assert!(whole.len() > 20);
    let mut union = Vec::new();
    for i in 1..=4 {
        let o = run(&["extract", "-q", "--shard", &format!("{i}/4")], &inputs);
        assert!(o.status.success());
        let part: Vec<String> = String::from_utf8(o.stdout)
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect();
        // each shard keeps the input order
        let pos: Vec<usize> = part
            .iter()
            .map(|l| whole.iter().position(|w| w == l).unwrap())
            .collect();
        assert!(pos.windows(2).all(|w| w[0] < w[1]));
        union.extend(part);
    }
    assert_eq!(union.len(), whole.len(), "a document twice or missing");
    let (mut a, mut b) = (union.clone(), whole.clone());
    a.sort();
    b.sort();
    assert_eq!(a, b);
    // the same shares whatever the order of the arguments
    let reversed: Vec<PathBuf> = inputs.iter().rev().cloned().collect();
    let one = run(&["extract", "-q", "--shard", "2/4"], &inputs);
    let two = run(&["extract", "-q", "--shard", "2/4"], &reversed);
    let set = |o: &Output| -> BTreeSet<String> {
        String::from_utf8_lossy(&o.stdout)
            .lines()
            .map(str::to_string)
            .collect()
    };
    assert_eq!(set(&one), set(&two));
    let bad = run(&["extract", "--shard", "5/4"], &inputs);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn files_from_a_list_or_stdin() {
    let files: Vec<PathBuf> = [
        "text/thurrock-jhws-delivery-2014-15.txt",
        "csv/health-wellbeing-actions.tsv",
    ]
    .iter()
    .map(|f| fixtures().join(f))
    .collect();
    let direct = run(&["extract", "-q"], &files);
    let list: String = files.iter().map(|f| format!("{}\n", f.display())).collect();
    let mut child = bin()
        .args(["extract", "-q", "--files-from", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(list.as_bytes())
        .unwrap();
    let piped = child.wait_with_output().unwrap();
    assert_eq!(piped.status.code(), Some(0));
    assert!(piped.stdout == direct.stdout);
    assert_eq!(lines(&piped.stdout).len(), 2);

    let dir = tempfile::tempdir().unwrap();
    let nul = dir.path().join("list0");
    let mut bytes = Vec::new();
    for f in &files {
        bytes.extend_from_slice(f.to_str().unwrap().as_bytes());
        bytes.push(0);
    }
    std::fs::write(&nul, bytes).unwrap();
    let o = bin()
        .args(["extract", "-q", "--files-from"])
        .arg(&nul)
        .output()
        .unwrap();
    assert!(o.stdout == direct.stdout);
    // an empty list is a usage error
    let empty = dir.path().join("empty");
    std::fs::write(&empty, "").unwrap();
    let o = bin()
        .args(["extract", "--files-from"])
        .arg(&empty)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn summary_line_and_no_progress_bar_in_pipes() {
    let o = run(&["extract"], &[fixtures().join("text")]);
    let err = String::from_utf8_lossy(&o.stderr);
    let last = err.lines().last().unwrap();
    assert!(
        last.starts_with("plansift: 4 documents, ")
            && last.contains(" actions, 0 failed, ")
            && last.ends_with(" s"),
        "{err}"
    );
    assert!(!err.contains('\r') && !err.contains("[="), "{err:?}");
    let o = run(&["extract", "--quiet"], &[fixtures().join("text")]);
    assert!(
        o.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn completions_and_help_examples() {
    for shell in ["bash", "zsh", "fish"] {
        let o = bin().args(["completions", shell]).output().unwrap();
        assert_eq!(o.status.code(), Some(0));
        let s = String::from_utf8_lossy(&o.stdout);
        assert!(
            s.contains("plansift")
                && s.contains("extract")
                && s.contains("shard")
                && s.contains("files-from"),
            "{shell}"
        );
    }
    let o = bin().args(["extract", "--help"]).output().unwrap();
    let s = String::from_utf8_lossy(&o.stdout);
    assert!(s.contains("Examples:") && s.contains("plansift extract plans/ --format csv"));
    let o = bin().arg("--help").output().unwrap();
    assert!(String::from_utf8_lossy(&o.stdout).contains("plansift report out/plans.jsonl"));
}
