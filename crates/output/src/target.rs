//! Where the output goes, and the checks made on it before any work.
//!
//! - No `--output`, or `--output -`: standard output.
//! - Otherwise the path must be a regular file or absent. A folder, a device node, a FIFO, a
//!   socket, a link to one of those or a dangling link is refused (and never replaced). A link
//!   to a regular file is written through: the file it points to is replaced, the link stays.
//! - An output that is also an input, or lies inside an input folder, is refused
//!   ([`check_not_an_input`]): the next run would read it as an input.

use std::fs::Metadata;
use std::path::{Component, Path, PathBuf};

use crate::OutputError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Stdout,
    /// A regular file (or nothing yet) at this path; links already followed.
    File(PathBuf),
}

fn kind(m: &Metadata) -> &'static str {
    let t = m.file_type();
    if t.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device node";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    "not a regular file"
}

impl Target {
    /// The target of `--output`: None or `-` is standard output, anything else must be a
    /// regular file or absent.
    pub fn from_arg(arg: Option<&Path>) -> Result<Target, OutputError> {
        match arg {
            None => Ok(Target::Stdout),
            Some(p) if p.as_os_str() == "-" => Ok(Target::Stdout),
            Some(p) => Ok(Target::File(check_file(p)?)),
        }
    }

    /// The file path, if not standard output.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Target::Stdout => None,
            Target::File(p) => Some(p),
        }
    }
}

/// A path that may be written: a regular file (links followed) or nothing.
pub fn check_file(path: &Path) -> Result<PathBuf, OutputError> {
    let refuse = |what: String| {
        OutputError::new(format!(
            "--output {}: {what}; the output must be a regular file or absent",
            path.display()
        ))
    };
    if path.as_os_str().is_empty() {
        return Err(OutputError::new("--output: an empty path"));
    }
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(path.to_path_buf()),
        Err(e) => Err(OutputError::new(format!(
            "--output {}: cannot look at it: {e}",
            path.display()
        ))),
        Ok(m) if m.file_type().is_file() => Ok(path.to_path_buf()),
        Ok(m) if m.file_type().is_symlink() => match std::fs::metadata(path) {
            Ok(t) if t.file_type().is_file() => std::fs::canonicalize(path)
                .map_err(|e| OutputError::new(format!("--output {}: {e}", path.display()))),
            Ok(t) => Err(refuse(format!("is a link to {}", kind(&t)))),
            Err(_) => Err(refuse("is a link to nothing".into())),
        },
        Ok(m) => Err(refuse(format!("is {}", kind(&m)))),
    }
}

/// `path` made absolute with links resolved, also when it (or its folders) does not exist yet:
/// the longest existing ancestor is canonicalised and the rest appended, `..` taken lexically.
pub fn resolve(path: &Path) -> PathBuf {
    if let Ok(c) = std::fs::canonicalize(path) {
        return c;
    }
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut base = abs.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(c) = std::fs::canonicalize(base) {
            let mut out = c;
            for comp in rest.iter().rev() {
                match comp {
                    Component::ParentDir => {
                        out.pop();
                    }
                    Component::CurDir => {}
                    c => out.push(c.as_os_str()),
                }
            }
            return out;
        }
        match (base.parent(), base.components().next_back()) {
            (Some(parent), Some(last)) => {
                rest.push(last);
                base = parent;
            }
            _ => return abs,
        }
    }
}

/// Refuse an output `target` that is one of `inputs` or lies inside an input folder.
pub fn check_not_an_input(target: &Path, inputs: &[PathBuf]) -> Result<(), OutputError> {
    let out = resolve(target);
    for input in inputs {
        let Ok(inp) = std::fs::canonicalize(input) else {
            continue; // a missing input is reported as a failed document
        };
        if inp.is_dir() {
            if out.starts_with(&inp) {
                return Err(OutputError::new(format!(
                    "--output {} lies inside the input folder {}: it would be read as an input next time; write it elsewhere",
                    target.display(),
                    input.display()
                )));
            }
        } else if out == inp {
            return Err(OutputError::new(format!(
                "--output {} is also an input",
                target.display()
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stdout_and_files() {
        assert_eq!(Target::from_arg(None).unwrap(), Target::Stdout);
        assert_eq!(
            Target::from_arg(Some(Path::new("-"))).unwrap(),
            Target::Stdout
        );
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("x.jsonl");
        assert_eq!(Target::from_arg(Some(&f)).unwrap(), Target::File(f.clone()));
        std::fs::write(&f, "old").unwrap();
        assert_eq!(Target::from_arg(Some(&f)).unwrap(), Target::File(f.clone()));
        let e = Target::from_arg(Some(dir.path())).unwrap_err().to_string();
        assert!(e.contains("is a folder"), "{e}");
    }

    #[cfg(unix)]
    #[test]
    fn links_and_nodes() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.jsonl");
        std::fs::write(&real, "x").unwrap();
        let to_file = dir.path().join("to-file");
        std::os::unix::fs::symlink(&real, &to_file).unwrap();
        assert_eq!(
            Target::from_arg(Some(&to_file)).unwrap(),
            Target::File(std::fs::canonicalize(&real).unwrap())
        );
        let to_dir = dir.path().join("to-dir");
        std::os::unix::fs::symlink(dir.path(), &to_dir).unwrap();
        let e = check_file(&to_dir).unwrap_err().to_string();
        assert!(e.contains("link to a folder"), "{e}");
        let dangling = dir.path().join("dangling");
        std::os::unix::fs::symlink(dir.path().join("nothing"), &dangling).unwrap();
        assert!(check_file(&dangling)
            .unwrap_err()
            .to_string()
            .contains("link to nothing"));
        let e = check_file(Path::new("/dev/null")).unwrap_err().to_string();
        assert!(e.contains("device node"), "{e}");
    }

    #[test]
    fn inputs_are_not_outputs() {
        let dir = tempfile::tempdir().unwrap();
        let inputs = dir.path().join("in");
        std::fs::create_dir(&inputs).unwrap();
        let plan = inputs.join("plan.txt");
        std::fs::write(&plan, "x").unwrap();
        let ins = vec![inputs.clone()];
        assert!(check_not_an_input(&inputs.join("out.jsonl"), &ins).is_err());
        assert!(check_not_an_input(&inputs.join("new/deeper/out.jsonl"), &ins).is_err());
        assert!(check_not_an_input(&dir.path().join("x/../in/out.jsonl"), &ins).is_err());
        assert!(check_not_an_input(&dir.path().join("out.jsonl"), &ins).is_ok());
        // a sibling whose name starts the same is not inside
        assert!(check_not_an_input(&dir.path().join("in2/out.jsonl"), &ins).is_ok());
        let files = vec![plan.clone()];
        assert!(check_not_an_input(&plan, &files).is_err());
        assert!(check_not_an_input(&inputs.join("other.jsonl"), &files).is_ok());
    }
}
