//! Where `--output` may point, and what is left behind: device nodes, FIFOs, folders and links
//! to them are refused and never replaced; an output that is an input is refused before any
//! work; the file's mode follows the umask; temporary files go on SIGINT/SIGTERM, and those of
//! a killed run are swept by the next one.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_plansift"))
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

fn extract_to(output: &Path) -> Output {
    bin()
        .args(["extract", "--output"])
        .arg(output)
        .arg(fixtures().join("text"))
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    v.sort();
    v
}

fn temps_in(dir: &Path) -> Vec<String> {
    names(dir)
        .into_iter()
        .filter(|n| n.starts_with(".plansift-"))
        .collect()
}

#[cfg(unix)]
#[test]
fn nodes_folders_and_links_to_them_are_refused_and_kept() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();

    // a device node
    let o = extract_to(Path::new("/dev/null"));
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("/dev/null: is a device node"),
        "{}",
        stderr(&o)
    );
    assert!(std::fs::metadata("/dev/null")
        .unwrap()
        .file_type()
        .is_char_device());

    // a FIFO: refused without opening it (which would block)
    let fifo = d.join("pipe");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: mkfifo(3) with a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    let o = extract_to(&fifo);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("FIFO"), "{}", stderr(&o));
    assert!(std::fs::symlink_metadata(&fifo)
        .unwrap()
        .file_type()
        .is_fifo());

    // a folder
    let folder = d.join("folder");
    std::fs::create_dir(&folder).unwrap();
    let o = extract_to(&folder);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("is a folder"), "{}", stderr(&o));
    assert!(folder.is_dir() && names(&folder).is_empty());

    // links to a folder, a device node and nothing
    for (name, to, says) in [
        ("to-folder", folder.clone(), "link to a folder"),
        (
            "to-null",
            PathBuf::from("/dev/null"),
            "link to a device node",
        ),
        ("to-nothing", d.join("missing"), "link to nothing"),
    ] {
        let link = d.join(name);
        std::os::unix::fs::symlink(&to, &link).unwrap();
        let o = extract_to(&link);
        assert_eq!(o.status.code(), Some(2), "{name}");
        assert!(stderr(&o).contains(says), "{name}: {}", stderr(&o));
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read_link(&link).unwrap(), to);
    }
    assert!(!d.join("missing").exists());

    // a link to a regular file is written through: the file replaced, the link kept
    let real = d.join("real.jsonl");
    std::fs::write(&real, "old").unwrap();
    let link = d.join("to-real");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let o = extract_to(&link);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    let text = std::fs::read_to_string(&real).unwrap();
    assert_eq!(text.lines().count(), 4);
    assert!(temps_in(d).is_empty());
}

#[test]
fn an_input_is_never_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("plans");
    std::fs::create_dir(&inputs).unwrap();
    let plan = inputs.join("thurrock.txt");
    std::fs::copy(
        fixtures().join("text/thurrock-jhws-delivery-2014-15.txt"),
        &plan,
    )
    .unwrap();
    let before = std::fs::read(&plan).unwrap();

    // the output is one of the inputs
    let o = bin()
        .args(["extract", "--output"])
        .arg(&plan)
        .arg(&plan)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("is also an input"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&plan).unwrap(), before);

    // the output lies inside an input folder (also through `..` and a missing sub-folder)
    for out in [
        inputs.join("out.jsonl"),
        inputs.join("new/out.jsonl"),
        dir.path().join("elsewhere/../plans/out.jsonl"),
    ] {
        let o = bin()
            .args(["extract", "--output"])
            .arg(&out)
            .arg(&inputs)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{}", out.display());
        assert!(
            stderr(&o).contains("inside the input folder"),
            "{}",
            stderr(&o)
        );
        // refused before any work: nothing written, no summary line
        assert!(!stderr(&o).contains("documents,"), "{}", stderr(&o));
    }
    assert_eq!(names(&inputs), ["thurrock.txt"]);
    assert!(!dir.path().join("elsewhere").exists());

    // the CSV's errors file (<output>.errors.csv) is checked too
    let errors_named = dir.path().join("x.csv.errors.csv");
    std::fs::copy(&plan, &errors_named).unwrap();
    let o = bin()
        .args(["extract", "--format", "csv", "--output"])
        .arg(dir.path().join("x.csv"))
        .arg(&errors_named)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("is also an input"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&errors_named).unwrap(), before);
    assert!(!dir.path().join("x.csv").exists());

    // and a list given with --files-from counts as inputs
    let list = dir.path().join("list.txt");
    std::fs::write(&list, format!("{}\n", plan.display())).unwrap();
    let o = bin()
        .args(["extract", "--files-from"])
        .arg(&list)
        .arg("--output")
        .arg(&plan)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read(&plan).unwrap(), before);
}

#[test]
fn dash_is_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let o = bin()
        .current_dir(dir.path())
        .args(["extract", "--output", "-"])
        .arg(fixtures().join("text"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(String::from_utf8(o.stdout).unwrap().lines().count(), 4);
    assert!(names(dir.path()).is_empty());
}

#[cfg(unix)]
#[test]
fn mode_follows_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    for (mask, mode) in [("022", 0o644), ("027", 0o640), ("077", 0o600)] {
        for format in ["jsonl", "csv", "sqlite"] {
            let out = dir.path().join(format!("out-{mask}.{format}"));
            let st = Command::new("sh")
                .arg("-c")
                .arg(format!(
                    "umask {mask} && exec \"$0\" extract -q --format {format} --output \"$1\" \"$2\""
                ))
                .arg(env!("CARGO_BIN_EXE_plansift"))
                .arg(&out)
                .arg(fixtures().join("text"))
                .status()
                .unwrap();
            assert_eq!(st.code(), Some(0));
            let got = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
            assert_eq!(got, mode, "umask {mask}, {format}: {got:o}");
        }
    }
}

/// Enough copies of a plan to keep a one-thread run busy for a few seconds.
fn busy_inputs(dir: &Path, copies: usize) -> PathBuf {
    let inputs = dir.join("inputs");
    std::fs::create_dir(&inputs).unwrap();
    let plan =
        std::fs::read(fixtures().join("text/cheshire-east-service-plans-2011-12.txt")).unwrap();
    for i in 0..copies {
        std::fs::write(inputs.join(format!("plan-{i:04}.txt")), &plan).unwrap();
    }
    inputs
}

/// Start a run writing into `out_dir` and wait until its temporary file is there.
fn start_and_wait_for_temp(inputs: &Path, out: &Path) -> std::process::Child {
    let child = bin()
        .args(["extract", "-q", "--jobs", "1", "--output"])
        .arg(out)
        .arg(inputs)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let dir = out.parent().unwrap();
    let t = Instant::now();
    while temps_in(dir).is_empty() {
        assert!(
            t.elapsed() < Duration::from_secs(30),
            "no temporary file appeared"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    child
}

#[cfg(unix)]
#[test]
fn signals_remove_the_temporary_file() {
    use std::os::unix::process::ExitStatusExt;
    let dir = tempfile::tempdir().unwrap();
    let inputs = busy_inputs(dir.path(), 400);
    let outs = dir.path().join("outs");
    std::fs::create_dir(&outs).unwrap();
    for (sig, code) in [(libc::SIGTERM, 143), (libc::SIGINT, 130)] {
        let out = outs.join("plans.jsonl");
        let mut child = start_and_wait_for_temp(&inputs, &out);
        // SAFETY: signalling our own child by its pid.
        assert_eq!(unsafe { libc::kill(child.id() as libc::pid_t, sig) }, 0);
        let st = child.wait().unwrap();
        assert_eq!(
            st.code(),
            Some(code),
            "signal {sig}: {st:?} {:?}",
            st.signal()
        );
        assert!(names(&outs).is_empty(), "left: {:?}", names(&outs));
    }
}

#[cfg(unix)]
#[test]
fn a_killed_runs_temporary_file_is_swept_by_the_next_run() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = busy_inputs(dir.path(), 400);
    let outs = dir.path().join("outs");
    std::fs::create_dir(&outs).unwrap();
    let out = outs.join("plans.jsonl");
    let mut child = start_and_wait_for_temp(&inputs, &out);
    child.kill().unwrap(); // SIGKILL: no chance to clean up
    child.wait().unwrap();
    let left = temps_in(&outs);
    assert_eq!(left.len(), 1, "{left:?}");
    assert!(left[0].starts_with(&format!(".plansift-{}-", child.id())));
    // someone else's file that looks alike, of a running process (pid 1), stays
    let foreign = outs.join(".plansift-1-abc.tmp");
    std::fs::write(&foreign, "x").unwrap();

    let o = bin()
        .args(["extract", "-q", "--output"])
        .arg(outs.join("other.jsonl"))
        .arg(fixtures().join("text"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(names(&outs), [".plansift-1-abc.tmp", "other.jsonl"]);
}

#[test]
fn jobs_are_capped_with_a_warning() {
    let o = bin()
        .args(["extract", "--jobs", "100000"])
        .arg(fixtures().join("text"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let err = stderr(&o);
    assert!(
        err.contains("--jobs 100000 is more than 8 per core"),
        "{err}"
    );
    let one = bin()
        .args(["extract", "--jobs", "1"])
        .arg(fixtures().join("text"))
        .output()
        .unwrap();
    assert!(o.stdout == one.stdout);
}
