//! Hostile inputs and paths (issue 13, the input side): special files are refused at once and
//! never waited on, reads are capped by bytes read, linked folders are followed without loops,
//! nothing is skipped silently, non-UTF-8 names stay distinct and recoverable, and a large
//! batch with corrupt files extracts every good file the same way whatever `--jobs`.
#![cfg(unix)]

use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("plansift-inputs-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Run `plansift extract ARGS`, killing it (and failing) if it is still running after `limit`:
/// a hang must fail the test, not stall the suite.
fn extract(args: &[&std::ffi::OsStr], limit: Duration) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_plansift"))
        .arg("extract")
        .args(args)
        .arg("--quiet")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Drain both pipes while waiting, so a large output cannot block the child.
    let drain = |mut r: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut v = Vec::new();
            r.read_to_end(&mut v).unwrap();
            v
        })
    };
    let out = drain(Box::new(child.stdout.take().unwrap()));
    let err = drain(Box::new(child.stderr.take().unwrap()));
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return Output {
                status,
                stdout: out.join().unwrap(),
                stderr: err.join().unwrap(),
            };
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("plansift still running after {limit:?} on {args:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn docs(o: &Output) -> Vec<Value> {
    std::str::from_utf8(&o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn mkfifo(p: &Path) {
    let c = std::ffi::CString::new(p.as_os_str().as_bytes()).unwrap();
    // SAFETY: mkfifo(3) with a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
}

fn code(d: &Value) -> Option<&str> {
    d["error"]["code"].as_str()
}

const LIMIT: Duration = Duration::from_secs(60);

#[test]
fn fifos_and_devices_are_refused_at_once_and_the_batch_goes_on() {
    let d = scratch("fifo");
    std::fs::copy(
        fixtures().join("text/leicestershire-jhws-draft-priorities.txt"),
        d.join("b-plan.txt"),
    )
    .unwrap();
    mkfifo(&d.join("a-pipe.txt"));
    // In a folder.
    let o = extract(&[d.as_os_str()], LIMIT);
    assert_eq!(o.status.code(), Some(1));
    let got = docs(&o);
    assert_eq!(got.len(), 2);
    assert_eq!(code(&got[0]), Some("input.not_a_file"));
    let msg = got[0]["error"]["message"].as_str().unwrap();
    assert!(msg.contains("a-pipe.txt") && msg.contains("FIFO"), "{msg}");
    assert!(got[1]["error"].is_null());
    assert!(!got[1]["actions"].as_array().unwrap().is_empty());
    // Named directly, with devices that report size 0 and never end.
    let fifo = d.join("a-pipe.txt");
    let o = extract(
        &[
            fifo.as_os_str(),
            "/dev/zero".as_ref(),
            "/dev/urandom".as_ref(),
            d.join("b-plan.txt").as_os_str(),
        ],
        LIMIT,
    );
    let got = docs(&o);
    let codes: Vec<Option<&str>> = got.iter().map(code).collect();
    assert_eq!(
        codes,
        [
            Some("input.not_a_file"),
            Some("input.not_a_file"),
            Some("input.not_a_file"),
            None
        ]
    );
    assert!(got[1]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("character device"));
    std::fs::remove_dir_all(&d).unwrap();
}

#[test]
fn linked_folders_are_read_and_deep_folders_reported() {
    let d = scratch("links");
    let plan = fixtures().join("text/leicestershire-jhws-draft-priorities.txt");
    std::fs::create_dir_all(d.join("elsewhere")).unwrap();
    std::fs::copy(&plan, d.join("elsewhere/linked-plan.txt")).unwrap();
    std::fs::create_dir_all(d.join("in")).unwrap();
    std::os::unix::fs::symlink(d.join("elsewhere"), d.join("in/link")).unwrap();
    std::os::unix::fs::symlink(d.join("in"), d.join("in/loop")).unwrap();
    let mut deep = d.join("in/deep");
    for i in 0..70 {
        deep = deep.join(format!("{i}"));
    }
    std::fs::create_dir_all(&deep).unwrap();
    std::fs::copy(&plan, deep.join("deep-plan.txt")).unwrap();
    let o = extract(&[d.join("in").as_os_str()], LIMIT);
    assert_eq!(o.status.code(), Some(1), "the too-deep folder is a failure");
    let got = docs(&o);
    assert_eq!(got.len(), 2, "{got:#?}");
    assert_eq!(code(&got[0]), Some("input.too_deep"));
    assert!(got[1]["source"]["path"]
        .as_str()
        .unwrap()
        .ends_with("in/link/linked-plan.txt"));
    assert!(!got[1]["actions"].as_array().unwrap().is_empty());
    std::fs::remove_dir_all(&d).unwrap();
}

#[test]
fn non_utf8_names_stay_distinct_and_recoverable() {
    let d = scratch("names");
    let text =
        std::fs::read(fixtures().join("text/leicestershire-jhws-draft-priorities.txt")).unwrap();
    // Two names that a lossy conversion makes the same ("plan-\u{FFFD}.txt"), and one with a
    // backslash that looks like an escape.
    let names: [&[u8]; 3] = [b"plan-\xff.txt", b"plan-\xfe.txt", b"plan-\\xFF.txt"];
    for n in names {
        std::fs::write(d.join(std::ffi::OsStr::from_bytes(n)), &text).unwrap();
    }
    let o = extract(&[d.as_os_str()], LIMIT);
    assert_eq!(o.status.code(), Some(0));
    let paths: Vec<String> = docs(&o)
        .iter()
        .map(|d| d["source"]["path"].as_str().unwrap().to_string())
        .collect();
    let prefix = format!("{}/", d.display());
    let got: Vec<&str> = paths
        .iter()
        .map(|p| p.strip_prefix(&prefix).unwrap())
        .collect();
    // Sorted by bytes: "\" (0x5C) < 0xFE < 0xFF.
    assert_eq!(got, [r"plan-\\xFF.txt", r"plan-\xFE.txt", r"plan-\xFF.txt"]);
}

/// The escaping of `source.path` undone, as the README documents it.
fn unescape(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let (mut out, mut i) = (Vec::new(), 0);
    while i < b.len() {
        if b[i] == b'\\' && b.get(i + 1) == Some(&b'\\') {
            out.push(b'\\');
            i += 2;
        } else if b[i] == b'\\' && b.get(i + 1) == Some(&b'x') {
            out.push(u8::from_str_radix(&s[i + 2..i + 4], 16).unwrap());
            i += 4;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

#[test]
fn escaped_names_can_be_read_back() {
    for n in [&b"plan-\xff.txt"[..], b"a\\b.txt", b"caf\xc3\xa9 \xe9.txt"] {
        let shown = plansift_extract::escape_name(n);
        assert_eq!(unescape(&shown), n, "{shown}");
    }
}

#[test]
fn a_two_thousand_file_batch_with_corrupt_files_is_whole_whatever_the_jobs() {
    let d = scratch("batch");
    let plans: Vec<Vec<u8>> = std::fs::read_dir(fixtures().join("text"))
        .unwrap()
        .map(|e| std::fs::read(e.unwrap().path()).unwrap())
        .collect();
    let mut corrupt = Vec::new();
    for i in 0..2000 {
        let name = format!("doc-{i:04}.txt");
        let body: Vec<u8> = if i % 100 == 37 {
            corrupt.push(name.clone());
            match i % 3 {
                0 => b"\x00\x01\x02binary\xff\xfe\x00\x00".repeat(40),
                1 => Vec::new(),
                _ => b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ntrailer".to_vec(),
            }
        } else {
            // A short plan: a slice of a fixture plan (its first 40 lines).
            let p = &plans[i % plans.len()];
            let text = String::from_utf8_lossy(p);
            text.lines()
                .take(40 + i % 7)
                .collect::<Vec<_>>()
                .join("\n")
                .into_bytes()
        };
        std::fs::write(d.join(&name), body).unwrap();
    }
    let out1 = d.with_extension("j1.jsonl");
    let out2 = d.with_extension("j2.jsonl");
    let run = |jobs: &str, out: &Path| {
        extract(
            &[
                d.as_os_str(),
                "--jobs".as_ref(),
                jobs.as_ref(),
                "--output".as_ref(),
                out.as_os_str(),
            ],
            Duration::from_secs(600),
        )
    };
    let o1 = run("1", &out1);
    let o2 = run("2", &out2);
    assert_eq!(o1.status.code(), Some(1));
    assert_eq!(o2.status.code(), Some(1));
    let a = std::fs::read(&out1).unwrap();
    let b = std::fs::read(&out2).unwrap();
    assert!(a == b, "--jobs 1 and --jobs 2 differ");
    let got: Vec<Value> = std::str::from_utf8(&a)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(got.len(), 2000);
    let failed: Vec<&str> = got
        .iter()
        .filter(|d| !d["error"].is_null())
        .map(|d| d["source"]["path"].as_str().unwrap())
        .collect();
    assert_eq!(failed.len(), corrupt.len(), "{failed:?}");
    for (f, c) in failed.iter().zip(&corrupt) {
        assert!(f.ends_with(c.as_str()), "{f} vs {c}");
    }
    std::fs::remove_dir_all(&d).unwrap();
    let _ = std::fs::remove_file(&out1);
    let _ = std::fs::remove_file(&out2);
}
