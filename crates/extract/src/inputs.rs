//! Expanding command-line paths into the list of files to read.

use std::path::{Path, PathBuf};

fn hidden(p: &Path) -> bool {
    p.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.') && n != "." && n != "..")
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) {
    if depth > 64 {
        tracing::warn!(dir = %dir.display(), "folder nesting deeper than 64 levels: not descended");
        return;
    }
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| !hidden(p))
            .collect(),
        Err(e) => {
            tracing::warn!(dir = %dir.display(), "cannot read folder: {e}");
            out.push(dir.to_path_buf()); // reported as an unreadable input
            return;
        }
    };
    entries.sort();
    for p in entries {
        // Follow links to files, not to folders (no cycles).
        let is_link = std::fs::symlink_metadata(&p)
            .map(|m| m.file_type().is_symlink())
            .unwrap_or(false);
        if p.is_dir() {
            if !is_link {
                walk(&p, out, depth + 1);
            }
        } else {
            out.push(p);
        }
    }
}

/// Files named on the command line as they are; folders walked recursively in name order,
/// hidden files and folders skipped. A path that does not exist is kept, so that it is
/// reported as a failed document rather than silently dropped.
pub fn collect_inputs(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut out, 0);
        } else {
            out.push(p.clone());
        }
    }
    out
}
