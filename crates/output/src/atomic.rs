//! Files written whole or not at all.
//!
//! A file is written to a temporary file beside its target, named
//! `.plansift-<pid>-<unique>.tmp`, and renamed into place when complete. The temporary file is
//! created with the mode the umask gives (0666 less the umask), like any file a program creates.
//!
//! Every temporary file of the process is registered: [`install_signal_cleanup`] removes them
//! on SIGINT, SIGTERM and SIGHUP before the process exits (status 128 + the signal number).
//! A run killed outright (`kill -9`) cannot clean up; the next run that writes into the same
//! folder removes the files whose process (the pid in the name) is gone ([`sweep_stale`]).

use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};

use crate::OutputError;

/// The temporary files this process has open, removed on a signal.
static TEMPS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
static COUNTER: AtomicU64 = AtomicU64::new(0);

/// Files SQLite may keep beside a database while it is open.
const SIDE_SUFFIXES: [&str; 3] = ["-journal", "-wal", "-shm"];

fn temps() -> MutexGuard<'static, Vec<PathBuf>> {
    TEMPS.lock().unwrap_or_else(|p| p.into_inner())
}

fn remove_with_sides(path: &Path) {
    let _ = std::fs::remove_file(path);
    for s in SIDE_SUFFIXES {
        let mut side = path.as_os_str().to_owned();
        side.push(s);
        let _ = std::fs::remove_file(PathBuf::from(side));
    }
}

/// The folder a target lives in (`.` for a bare file name).
pub fn folder_of(target: &Path) -> &Path {
    target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// A registered temporary file beside a target: removed when dropped, unless persisted.
#[derive(Debug)]
pub struct TempPath {
    path: PathBuf,
    target: PathBuf,
}

impl TempPath {
    /// Create an empty temporary file beside `target` (its folder is made when missing), after
    /// sweeping stale temporary files of killed runs from that folder.
    pub fn create(target: &Path) -> Result<TempPath, OutputError> {
        let dir = folder_of(target);
        std::fs::create_dir_all(dir).map_err(|e| OutputError::write(target, e))?;
        sweep_stale(dir);
        let pid = std::process::id();
        let seed = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        loop {
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            let path = dir.join(format!(".plansift-{pid}-{seed:x}{n}.tmp"));
            // Registered before it exists, so that a signal never misses it and the sweep of
            // another thread never takes it for a stale file.
            temps().push(path.clone());
            // create_new: never an existing file; std's default mode 0666, less the umask.
            match OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(_) => {
                    return Ok(TempPath {
                        path,
                        target: target.to_path_buf(),
                    })
                }
                Err(e) => {
                    temps().retain(|p| p != &path);
                    if e.kind() != std::io::ErrorKind::AlreadyExists {
                        return Err(OutputError::write(target, e));
                    }
                }
            }
        }
    }

    /// The temporary file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The target it will be renamed to.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Rename the temporary file onto its target and make the rename durable.
    pub fn persist(self) -> Result<(), OutputError> {
        let mut list = temps();
        let r = std::fs::rename(&self.path, &self.target);
        list.retain(|p| p != &self.path);
        drop(list);
        match r {
            Ok(()) => {
                // the folder entry too (best effort: not every file system allows it)
                if let Ok(d) = File::open(folder_of(&self.target)) {
                    let _ = d.sync_all();
                }
                std::mem::forget(self);
                Ok(())
            }
            Err(e) => Err(OutputError::write(&self.target, e)),
        }
    }
}

impl Drop for TempPath {
    fn drop(&mut self) {
        let mut list = temps();
        remove_with_sides(&self.path);
        list.retain(|p| p != &self.path);
    }
}

/// A file written to a temporary file and renamed onto its target by [`AtomicFile::commit`].
/// Dropped without a commit, it leaves nothing behind.
#[derive(Debug)]
pub struct AtomicFile {
    temp: TempPath,
    file: BufWriter<File>,
}

impl AtomicFile {
    pub fn create(target: &Path) -> Result<AtomicFile, OutputError> {
        let temp = TempPath::create(target)?;
        let file = OpenOptions::new()
            .write(true)
            .open(temp.path())
            .map_err(|e| OutputError::write(target, e))?;
        Ok(AtomicFile {
            temp,
            file: BufWriter::new(file),
        })
    }

    pub fn target(&self) -> &Path {
        self.temp.target()
    }

    pub fn temp_path(&self) -> &Path {
        self.temp.path()
    }

    /// Flush, sync and rename into place.
    pub fn commit(self) -> Result<(), OutputError> {
        let AtomicFile { temp, file } = self;
        let file = file
            .into_inner()
            .map_err(|e| OutputError::write(temp.target(), e.error()))?;
        file.sync_all()
            .map_err(|e| OutputError::write(temp.target(), e))?;
        drop(file);
        temp.persist()
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.file.write(buf)
    }
    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.file.write_all(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

/// The pid in a temporary file name of ours, `.plansift-<pid>-<unique>.tmp` (SQLite's
/// `-journal`, `-wal` and `-shm` beside it included); None for any other name.
pub fn temp_pid(name: &str) -> Option<u32> {
    let rest = name.strip_prefix(".plansift-")?;
    let (pid, rest) = rest.split_once('-')?;
    let unique = SIDE_SUFFIXES
        .iter()
        .find_map(|s| rest.strip_suffix(s))
        .unwrap_or(rest)
        .strip_suffix(".tmp")?;
    let ok = !pid.is_empty()
        && pid.bytes().all(|b| b.is_ascii_digit())
        && !unique.is_empty()
        && unique.bytes().all(|b| b.is_ascii_alphanumeric());
    if ok {
        pid.parse().ok()
    } else {
        None
    }
}

/// Is the process `pid` still running? (On other systems than Unix: always assumed so.)
pub fn process_alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(p) = libc::pid_t::try_from(pid) else {
            return true;
        };
        if p <= 0 {
            return true; // kill(0 or negative) would address a process group
        }
        // SAFETY: signal 0 only checks that the process exists and may be signalled.
        if unsafe { libc::kill(p, 0) } == 0 {
            return true;
        }
        // EPERM: it exists but belongs to someone else
        std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// Remove the temporary files of killed plansift runs from `dir`: names of ours whose pid is
/// no longer running, or is this process's own pid (a reused pid) but not one of its files.
/// Returns how many were removed.
pub fn sweep_stale(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let own = std::process::id();
    let mut removed = 0;
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(pid) = name.to_str().and_then(temp_pid) else {
            continue;
        };
        let path = e.path();
        let stale = if pid == own {
            let list = temps();
            let name = name.to_string_lossy();
            !list.iter().any(|p| {
                p.file_name().is_some_and(|n| {
                    let n = n.to_string_lossy();
                    name == n || SIDE_SUFFIXES.iter().any(|s| name == format!("{n}{s}"))
                })
            })
        } else {
            !process_alive(pid)
        };
        // only plain files: never a folder or a link someone made with such a name
        let plain = e.file_type().map(|t| t.is_file()).unwrap_or(false);
        if stale && plain && std::fs::remove_file(&path).is_ok() {
            tracing::info!(file = %path.display(), pid, "removed a temporary file left by a killed run");
            removed += 1;
        }
    }
    removed
}

/// Remove every registered temporary file (what the signal handler does).
pub fn remove_all_temps() {
    let list = temps();
    for p in list.iter() {
        remove_with_sides(p);
    }
}

/// On SIGINT, SIGTERM or SIGHUP: remove this process's temporary files and exit with status
/// 128 + the signal number. Call once, early in `main`.
pub fn install_signal_cleanup() -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])?;
        std::thread::Builder::new()
            .name("plansift-signals".into())
            .spawn(move || {
                if let Some(sig) = signals.forever().next() {
                    remove_all_temps();
                    std::process::exit(128 + sig);
                }
            })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_names_parse() {
        assert_eq!(temp_pid(".plansift-123-abc0.tmp"), Some(123));
        assert_eq!(temp_pid(".plansift-123-abc0.tmp-journal"), Some(123));
        assert_eq!(temp_pid(".plansift-Xy12ab.tmp"), None); // tempfile's names of old versions
        assert_eq!(temp_pid(".plansift--abc.tmp"), None);
        assert_eq!(temp_pid(".plansift-12-.tmp"), None);
        assert_eq!(temp_pid("plansift-12-a.tmp"), None);
        assert_eq!(temp_pid(".plansift-12-a/b.tmp"), None);
    }

    #[test]
    fn commit_renames_and_drop_removes() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.jsonl");
        let mut f = AtomicFile::create(&target).unwrap();
        let temp = f.temp_path().to_path_buf();
        assert!(temp
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with(&format!(".plansift-{}-", std::process::id())));
        f.write_all(b"hello\n").unwrap();
        assert!(!target.exists());
        f.commit().unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"hello\n");
        assert!(!temp.exists());

        let f = AtomicFile::create(&target).unwrap();
        let temp = f.temp_path().to_path_buf();
        assert!(temp.exists());
        drop(f);
        assert!(!temp.exists());
        assert_eq!(std::fs::read(&target).unwrap(), b"hello\n");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn sweep_takes_dead_pids_only() {
        let dir = tempfile::tempdir().unwrap();
        // a process that has ended: its pid is gone
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let dead = child.id();
        child.wait().unwrap();
        let stale = dir.path().join(format!(".plansift-{dead}-1a.tmp"));
        let stale_journal = dir.path().join(format!(".plansift-{dead}-1a.tmp-journal"));
        // pid 1 is always running (EPERM or alive)
        let live = dir.path().join(".plansift-1-1a.tmp");
        let other = dir.path().join(".plansift-other.tmp");
        // this process's own pid, but not one of its files: left by an earlier process
        let reused = dir
            .path()
            .join(format!(".plansift-{}-zz9.tmp", std::process::id()));
        for p in [&stale, &stale_journal, &live, &other, &reused] {
            std::fs::write(p, b"x").unwrap();
        }
        let mine = AtomicFile::create(&dir.path().join("a")).unwrap();
        // create() swept: the dead and reused ones are gone, the live, foreign and own remain
        assert!(!stale.exists() && !stale_journal.exists() && !reused.exists());
        assert!(live.exists() && other.exists() && mine.temp_path().exists());
        assert_eq!(sweep_stale(dir.path()), 0);
        assert!(mine.temp_path().exists());
    }

    #[cfg(unix)]
    #[test]
    fn mode_follows_the_umask() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("m.txt");
        let f = AtomicFile::create(&target).unwrap();
        f.commit().unwrap();
        let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
        // SAFETY: umask(2) only reads and sets this process's mask; set back at once.
        let mask = unsafe {
            let m = libc::umask(0o022);
            libc::umask(m);
            m
        } as u32;
        assert_eq!(mode, 0o666 & !mask);
    }
}
