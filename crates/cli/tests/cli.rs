//! The `plansift` command as users run it: batches with bad files, exit codes, output order,
//! atomic output, and every output document valid against the committed schema.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_plansift"))
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

fn lines(s: &[u8]) -> Vec<Value> {
    std::str::from_utf8(s)
        .expect("utf-8 output")
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON document per line"))
        .collect()
}

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(fixtures().join("../schemas/plan.schema.json"))
            .expect("schema file"),
    )
    .expect("schema JSON");
    jsonschema::validator_for(&schema).expect("schema compiles")
}

fn assert_valid(v: &jsonschema::Validator, doc: &Value) {
    let errors: Vec<String> = v
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(
        errors.is_empty(),
        "{} does not validate: {errors:?}",
        doc["source"]["path"]
    );
}

/// A folder of good and bad files: each bad file gets an error naming the problem, the others
/// are extracted, the exit code is 1, nothing panics; the 50 MB file is read too.
#[test]
fn bad_files_fail_alone() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let plan = std::fs::read_to_string(fixtures().join("text/thurrock-jhws-delivery-2014-15.txt"))
        .unwrap();
    std::fs::write(d.join("a-empty.txt"), b"").unwrap();
    std::fs::write(
        d.join("b-binary.bin"),
        [0u8, 1, 2, 3, 255, 254, 0, 7, 8].repeat(100),
    )
    .unwrap();
    let (cp1252, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&plan);
    assert!(!unmappable);
    assert!(
        std::str::from_utf8(&cp1252).is_err(),
        "the fixture must hold non-ASCII characters"
    );
    std::fs::write(d.join("c-windows-1252.txt"), &cp1252).unwrap();
    std::fs::write(
        d.join("d-plan.csv"),
        "Ref,Action,Lead Officer,Target Date,RAG,Progress\nA1,\"Publish the strategy, with partners\",Jo Bloggs,31/03/2015,G,\"Drafted.\nOut for comment\"\nA2,Run the consultation,Sam Smith,June 2015,A,\n",
    )
    .unwrap();
    std::fs::copy(
        fixtures().join("text/bromley-portfolio-half-year-2013-14.txt"),
        d.join("e-plan.txt"),
    )
    .unwrap();
    let mut big = String::with_capacity(51 << 20);
    while big.len() < 50 << 20 {
        big.push_str(&plan);
    }
    std::fs::write(d.join("f-big.txt"), &big).unwrap();
    std::fs::write(d.join(".hidden.txt"), "ignored").unwrap();

    let out = bin().arg("extract").arg(d).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    let docs = lines(&out.stdout);
    let names: Vec<&str> = docs
        .iter()
        .map(|d| d["source"]["path"].as_str().unwrap())
        .collect();
    assert_eq!(docs.len(), 6, "{names:?}");
    assert!(names.iter().all(|n| !n.contains(".hidden")));
    let by = |s: &str| {
        docs.iter()
            .find(|d| d["source"]["path"].as_str().unwrap().contains(s))
            .unwrap()
    };
    assert_eq!(by("a-empty")["error"]["code"], "input.empty");
    assert!(by("a-empty")["error"]["message"]
        .as_str()
        .unwrap()
        .contains("a-empty.txt"));
    assert_eq!(by("b-binary")["error"]["code"], "input.binary");
    let cp = by("c-windows");
    assert!(cp["error"].is_null());
    assert!(cp["actions"].as_array().unwrap().len() > 20);
    assert!(cp["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["message"].as_str().unwrap().contains("Windows-1252")));
    assert!(cp["actions"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["progress"].as_str().is_some_and(|p| p.contains('’'))));
    let csv = by("d-plan");
    assert_eq!(csv["source"]["format"], "csv");
    let acts = csv["actions"].as_array().unwrap();
    assert_eq!(acts.len(), 2);
    assert_eq!(acts[0]["text"], "Publish the strategy, with partners");
    assert_eq!(acts[0]["lead"]["raw"], "Jo Bloggs");
    assert_eq!(acts[0]["deadline"]["end"], "2015-03-31");
    assert_eq!(acts[0]["rag"]["status"], "green");
    assert_eq!(acts[0]["progress"], "Drafted. Out for comment");
    assert!(by("e-plan")["actions"].as_array().unwrap().len() > 15);
    let big = by("f-big");
    assert!(big["error"].is_null());
    assert!(big["actions"].as_array().unwrap().len() > 1000 * 40);
    let v = validator();
    for d in &docs {
        assert_valid(&v, d);
    }
}

#[test]
fn output_is_identical_whatever_the_jobs() {
    let dir = tempfile::tempdir().unwrap();
    let run = |jobs: &str, name: &str| {
        let out = dir.path().join(name);
        let st = bin()
            .args(["extract", "--jobs", jobs, "--output"])
            .arg(&out)
            .arg(fixtures().join("text"))
            .arg(fixtures().join("html"))
            .status()
            .unwrap();
        assert_eq!(st.code(), Some(0));
        std::fs::read(out).unwrap()
    };
    let one = run("1", "one.jsonl");
    let two = run("2", "two.jsonl");
    assert!(!one.is_empty());
    assert!(one == two, "--jobs 1 and --jobs 2 differ");
    // input order: folders in argument order, files by name
    let docs = lines(&one);
    let paths: Vec<&str> = docs
        .iter()
        .map(|d| d["source"]["path"].as_str().unwrap())
        .collect();
    let mut sorted_text: Vec<&str> = paths[..4].to_vec();
    sorted_text.sort();
    assert_eq!(paths[..4], sorted_text[..]);
    assert!(
        paths[..4].iter().all(|p| p.ends_with(".txt"))
            && paths[4..].iter().all(|p| p.ends_with(".html"))
    );
    // nothing left behind but the outputs
    let mut left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    left.sort();
    assert_eq!(left, ["one.jsonl", "two.jsonl"]);
}

#[test]
fn every_fixture_document_validates() {
    let out = bin().arg("extract").arg(fixtures()).output().unwrap();
    let docs = lines(&out.stdout);
    assert!(docs.len() >= 8);
    let v = validator();
    for d in &docs {
        assert_valid(&v, d);
        assert_eq!(d["schema_version"], "1.0");
    }
}

#[test]
fn json_format_is_one_array() {
    let out = bin()
        .args(["extract", "--format", "json"])
        .arg(fixtures().join("text"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 4);
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(
        bin().arg("extract").output().unwrap().status.code(),
        Some(2)
    );
    assert_eq!(
        bin().arg("frobnicate").output().unwrap().status.code(),
        Some(2)
    );
    assert_eq!(
        bin()
            .args(["extract", "--jobs", "0", "x"])
            .output()
            .unwrap()
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn missing_file_is_a_failed_document() {
    let out = bin()
        .args(["extract", "/nonexistent/plan.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let docs = lines(&out.stdout);
    assert_eq!(docs[0]["error"]["code"], "io.read");
    assert!(docs[0]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("/nonexistent/plan.txt"));
}

#[test]
fn unwritable_output_keeps_nothing_half_written() {
    // the output's folder cannot be made: a file stands where it should be
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("blocker");
    std::fs::write(&blocker, "x").unwrap();
    let target = blocker.join("out.jsonl");
    let out = bin()
        .args(["extract", "--output"])
        .arg(&target)
        .arg(fixtures().join("text"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains(target.to_str().unwrap()));
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, ["blocker"]);
}

#[test]
fn missing_output_folders_are_made() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out/nested/plans.jsonl");
    let st = bin()
        .args(["extract", "--output"])
        .arg(&target)
        .arg(fixtures().join("text"))
        .status()
        .unwrap();
    assert_eq!(st.code(), Some(0));
    assert_eq!(lines(&std::fs::read(&target).unwrap()).len(), 4);
}

#[test]
fn inspect_shows_words_rules_and_fills() {
    let pdf = fixtures().join("pdf/ragcolour/thurrock-jhws-delivery-2014-15.pdf");
    let out = bin()
        .arg("inspect")
        .arg(&pdf)
        .args(["--page", "1", "--json"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let page = &v["pages"][0];
    assert_eq!(page["page"], 1);
    let words = page["words"].as_array().unwrap();
    assert!(words.iter().any(|w| w["text"] == "Primary"));
    let b = words[0]["bbox"].as_array().unwrap();
    assert!(
        b[0].as_f64().unwrap() < b[2].as_f64().unwrap()
            && b[1].as_f64().unwrap() < b[3].as_f64().unwrap()
    );
    assert!(!page["rules"].as_array().unwrap().is_empty());
    assert!(page["fills"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["color"] == "#00B050"));

    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("p1.svg");
    assert_eq!(
        bin()
            .arg("inspect")
            .arg(&pdf)
            .args(["--page", "1", "--svg"])
            .arg(&svg)
            .status()
            .unwrap()
            .code(),
        Some(0)
    );
    let s = std::fs::read_to_string(&svg).unwrap();
    assert!(s.starts_with("<svg") || s.starts_with("<?xml"));
    assert!(s.contains("Primary") && s.contains("#00B050"));

    let bad = bin()
        .arg("inspect")
        .arg(&pdf)
        .args(["--page", "99"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("no page 99"));
}
