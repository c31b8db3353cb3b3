//! Issue 8's explanations and overrides as users run them: `plansift roles FILE` says how
//! each table was read, and `--roles` / `--profile` correct a template the evidence misreads.

use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_plansift"))
}

/// A plan whose header words the lexicon does not know ("Intent", "Person", "Cut-off") and
/// whose lead column holds team codes the content tests cannot tell from anything else.
const PLAN: &str = "Intent,Person,Cut-off,Flag\n\
Agree the new homelessness strategy with partners,T1,March 2025,G\n\
Open two community hubs in the north of the borough,T2,June 2025,A\n\
Review the temporary accommodation placement policy,T1,September 2025,R\n";

fn write(name: &str, text: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("plansift-roles-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write");
    p
}

fn actions(out: &[u8]) -> Vec<serde_json::Value> {
    let doc: serde_json::Value = serde_json::from_slice(out).expect("one JSON document");
    doc["actions"].as_array().cloned().unwrap_or_default()
}

#[test]
fn roles_explains_every_column_and_the_verdict() {
    let p = write("plan.csv", PLAN);
    let out = bin().args(["roles"]).arg(&p).output().expect("run");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("table 1"), "{text}");
    assert!(
        text.contains("PLAN") || text.contains("not a plan"),
        "{text}"
    );
    // one line per column, with its header and the evidence
    for h in ["\"Intent\"", "\"Person\"", "\"Cut-off\"", "\"Flag\""] {
        assert!(text.contains(h), "{h} missing:\n{text}");
    }
    assert!(text.contains("content"), "{text}");
}

#[test]
fn roles_flag_sets_a_misread_column() {
    let p = write("plan2.csv", PLAN);
    let plain = bin().arg("extract").arg(&p).output().expect("run");
    let before = actions(&plain.stdout);
    let fixed = bin()
        .arg("extract")
        .arg(&p)
        .args(["--roles", "Person=lead,Flag=rag,Intent=action"])
        .output()
        .expect("run");
    assert!(
        fixed.status.success(),
        "{}",
        String::from_utf8_lossy(&fixed.stderr)
    );
    let after = actions(&fixed.stdout);
    assert_eq!(after.len(), 3, "{after:#?}");
    assert_eq!(after[1]["lead"]["raw"], "T2");
    assert_eq!(after[2]["rag"]["status"], "red");
    // the evidence alone did not give the lead
    assert!(
        before.iter().all(|a| a["lead"]["raw"] != "T2"),
        "{before:#?}"
    );
}

#[test]
fn a_toml_profile_and_bad_profiles() {
    let p = write("plan3.csv", PLAN);
    let prof = write(
        "roles.toml",
        "[roles]\n\"Person\" = \"lead\"\n\"#4\" = \"rag\"\n",
    );
    let out = bin()
        .arg("extract")
        .arg(&p)
        .arg("--profile")
        .arg(&prof)
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let acts = actions(&out.stdout);
    assert_eq!(acts[0]["lead"]["raw"], "T1");
    assert_eq!(acts[0]["rag"]["status"], "green");
    // an unknown role is a usage error that names the roles
    let bad = bin()
        .arg("extract")
        .arg(&p)
        .args(["--roles", "Person=boss"])
        .output()
        .expect("run");
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown role"));
    let badfile = write("bad.toml", "roles = 3\n");
    let bad = bin()
        .arg("extract")
        .arg(&p)
        .arg("--profile")
        .arg(&badfile)
        .output()
        .expect("run");
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("bad.toml"));
}
