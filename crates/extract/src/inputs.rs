//! Expanding command-line paths into the list of files to read.
//!
//! Folders are walked recursively in name order; hidden files and folders (a name starting
//! with `.`) are skipped. Links to folders are followed, each real folder once (so a link
//! back to an ancestor is no loop). Nothing is dropped silently: a folder that cannot be read,
//! or that lies more than [`MAX_DEPTH`] levels below the path named, becomes an entry with a
//! problem, which the batch reports as a failed document.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use plansift_model::ErrorCode;

/// Folders more than this many levels below a named path are not walked (an error document
/// names each such folder).
pub const MAX_DEPTH: usize = 64;

/// One entry of the batch: a path to read, or a path that could not be walked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputPath {
    pub path: PathBuf,
    /// Set when the path is reported as a failed document without being read.
    pub problem: Option<(ErrorCode, String)>,
}

impl InputPath {
    fn file(path: PathBuf) -> Self {
        InputPath {
            path,
            problem: None,
        }
    }
}

fn hidden(p: &Path) -> bool {
    p.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.') && n != "." && n != "..")
}

#[cfg(unix)]
fn folder_id(m: &std::fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn folder_id(_: &std::fs::Metadata) -> Option<(u64, u64)> {
    None
}

struct Walk {
    out: Vec<InputPath>,
    seen: HashSet<(u64, u64)>,
}

impl Walk {
    /// `true` when the folder was not walked before (by its device and inode).
    fn first_visit(&mut self, dir: &Path) -> bool {
        match std::fs::metadata(dir).ok().as_ref().and_then(folder_id) {
            Some(id) => self.seen.insert(id),
            None => true,
        }
    }

    fn walk(&mut self, dir: &Path, depth: usize) {
        let shown = crate::path_text(dir);
        if depth > MAX_DEPTH {
            self.out.push(InputPath {
                path: dir.to_path_buf(),
                problem: Some((
                    ErrorCode::InputTooDeep,
                    format!(
                        "{shown}: folder nested more than {MAX_DEPTH} levels below the path \
                         given: not read (name it on the command line to read it)"
                    ),
                )),
            });
            return;
        }
        if !self.first_visit(dir) {
            tracing::info!(dir = %shown, "folder already read through another path: skipped");
            return;
        }
        let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
            Ok(rd) => rd
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| !hidden(p))
                .collect(),
            Err(e) => {
                self.out.push(InputPath {
                    path: dir.to_path_buf(),
                    problem: Some((
                        ErrorCode::IoRead,
                        format!("{shown}: cannot read the folder: {e}"),
                    )),
                });
                return;
            }
        };
        entries.sort();
        for p in entries {
            if p.is_dir() {
                self.walk(&p, depth + 1);
            } else {
                // Files, links to files, dangling links and special files: the read
                // reports what each is.
                self.out.push(InputPath::file(p));
            }
        }
    }
}

/// Every entry of the batch for these command-line paths, in order: files as they are,
/// folders walked (see the module docs). A path that does not exist is kept, so that it is
/// reported as a failed document rather than silently dropped.
pub fn collect_input_paths(paths: &[PathBuf]) -> Vec<InputPath> {
    let mut w = Walk {
        out: Vec::new(),
        seen: HashSet::new(),
    };
    for p in paths {
        if p.is_dir() {
            w.walk(p, 0);
        } else {
            w.out.push(InputPath::file(p.clone()));
        }
    }
    w.out
}

/// The paths of [`collect_input_paths`] (problems included, as paths).
pub fn collect_inputs(paths: &[PathBuf]) -> Vec<PathBuf> {
    collect_input_paths(paths)
        .into_iter()
        .map(|i| i.path)
        .collect()
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn tmp(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("plansift-inputs-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn linked_folders_are_followed_once_and_loops_end() {
        let d = tmp("links");
        std::fs::create_dir_all(d.join("real/sub")).unwrap();
        std::fs::write(d.join("real/sub/a.txt"), "x").unwrap();
        std::fs::create_dir_all(d.join("other")).unwrap();
        std::fs::write(d.join("other/b.txt"), "x").unwrap();
        // A link to a folder outside the walk, and a link back to an ancestor.
        std::os::unix::fs::symlink(d.join("other"), d.join("real/linked")).unwrap();
        std::os::unix::fs::symlink(d.join("real"), d.join("real/sub/loop")).unwrap();
        let got = collect_input_paths(&[d.join("real")]);
        let names: Vec<String> = got
            .iter()
            .map(|i| i.path.strip_prefix(&d).unwrap().display().to_string())
            .collect();
        assert_eq!(names, ["real/linked/b.txt", "real/sub/a.txt"]);
        assert!(got.iter().all(|i| i.problem.is_none()));
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn too_deep_folders_are_reported_not_skipped() {
        let d = tmp("deep");
        let mut p = d.clone();
        for i in 0..=MAX_DEPTH + 1 {
            p = p.join(format!("d{i}"));
        }
        std::fs::create_dir_all(&p).unwrap();
        std::fs::write(p.join("plan.txt"), "x").unwrap();
        std::fs::write(d.join("top.txt"), "x").unwrap();
        let got = collect_input_paths(std::slice::from_ref(&d));
        assert_eq!(got.len(), 2, "{got:?}");
        let deep = got.iter().find(|i| i.problem.is_some()).unwrap();
        assert_eq!(deep.problem.as_ref().unwrap().0, ErrorCode::InputTooDeep);
        assert!(deep
            .problem
            .as_ref()
            .unwrap()
            .1
            .contains("nested more than 64"));
        assert!(got.iter().any(|i| i.path.ends_with("top.txt")));
        std::fs::remove_dir_all(&d).unwrap();
    }
}
