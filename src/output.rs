//! Writing outputs: atomically (temporary file in the target folder, then
//! rename), never over an input, to standard output when asked.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Why an output was not written, with the exit status to report.
#[derive(Debug)]
pub struct Failure {
    /// The exit status (see `crate::exit`).
    pub code: u8,
    /// What went wrong.
    pub message: String,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// A file-system failure: the output could not be written.
impl From<String> for Failure {
    fn from(message: String) -> Self {
        Failure {
            code: crate::exit::OUTPUT,
            message,
        }
    }
}

/// A writer's failure, with the exit status of its kind; hints worded as
/// this CLI's flags.
impl From<folio_driver::Error> for Failure {
    fn from(e: folio_driver::Error) -> Self {
        let message = match &e {
            folio_driver::Error::MissingGlyphs { chars, install } => format!(
                "no font covers {chars}: install {install}, or pass a font file that covers them (--font FILE)"
            ),
            e => e.to_string(),
        };
        Failure {
            code: crate::exit::for_error(&e),
            message,
        }
    }
}

/// Where an output goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Stdout,
    File(PathBuf),
}

impl Target {
    pub fn display(&self) -> String {
        match self {
            Target::Stdout => "<stdout>".into(),
            Target::File(p) => p.display().to_string(),
        }
    }
}

/// Whether two paths name the same file (after resolving links), or would
/// once the output exists.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => {
            // The output may not exist yet: compare its would-be path.
            let abs = |p: &Path| -> Option<PathBuf> {
                let parent = p
                    .parent()
                    .filter(|p| !p.as_os_str().is_empty())
                    .unwrap_or(Path::new("."));
                Some(std::fs::canonicalize(parent).ok()?.join(p.file_name()?))
            };
            matches!((abs(a), abs(b)), (Some(x), Some(y)) if x == y)
        }
    }
}

/// Writes `produce`'s bytes to `target`. For a file: into a temporary file
/// beside it, synced, then renamed over the target only when everything
/// succeeded; on any error nothing is left behind and an existing file is
/// untouched. A target that exists and is not a regular file (`/dev/null`,
/// a FIFO, a terminal) is written in place: renaming over it would replace
/// the device with a file. A symbolic link is followed, not replaced.
pub fn write_atomic(
    target: &Target,
    produce: impl FnOnce(&mut dyn Write) -> Result<(), Failure>,
) -> Result<(), Failure> {
    match target {
        Target::Stdout => {
            let mut buf = Vec::new();
            produce(&mut buf)?;
            let stdout = std::io::stdout();
            let mut lock = stdout.lock();
            lock.write_all(&buf)
                .and_then(|_| lock.flush())
                .map_err(|e| format!("cannot write to standard output: {e}").into())
        }
        Target::File(path) => Ok(stage(path, produce)?.commit()?),
    }
}

/// An output written in full to a (closed) temporary file beside its
/// target, with the target's final permissions, not yet in place. Dropped
/// uncommitted, the temporary file is removed.
pub struct Staged {
    /// `None` when the bytes already went to a special file in place.
    tmp: Option<tempfile::TempPath>,
    path: PathBuf,
}

/// Writes `produce`'s bytes into a temporary file beside `path`; see
/// [`Staged`].
pub fn stage(
    path: &Path,
    produce: impl FnOnce(&mut dyn Write) -> Result<(), Failure>,
) -> Result<Staged, Failure> {
    if let Ok(meta) = std::fs::metadata(path) {
        if !meta.is_file() && !meta.is_dir() {
            return write_in_place(path, produce);
        }
    }
    // Through a link, to the file it names: the link stays.
    let resolved = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(path).ok(),
        _ => None,
    };
    let path = resolved.as_deref().unwrap_or(path);
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !dir.is_dir() {
        return Err(format!("the output folder {} does not exist", dir.display()).into());
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(".folio-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| crate::input::io_message(&e, &format!("cannot write in {}", dir.display())))?;
    {
        let mut w = std::io::BufWriter::new(tmp.as_file_mut());
        produce(&mut w)?;
        w.flush().map_err(|e| format!("cannot write: {e}"))?;
    }
    // Temporary files are created private (0600); give the output the
    // permissions of the file it replaces, or ordinary ones.
    let perms = match std::fs::metadata(path) {
        Ok(m) => m.permissions(),
        Err(_) => default_permissions(tmp.as_file())?,
    };
    tmp.as_file()
        .set_permissions(perms)
        .map_err(|e| format!("cannot set permissions: {e}"))?;
    Ok(Staged {
        tmp: Some(tmp.into_temp_path()),
        path: path.to_owned(),
    })
}

/// Writes straight into an existing special file (a device or a pipe).
fn write_in_place(
    path: &Path,
    produce: impl FnOnce(&mut dyn Write) -> Result<(), Failure>,
) -> Result<Staged, Failure> {
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(|e| crate::input::io_message(&e, &format!("cannot write {}", path.display())))?;
    let mut w = std::io::BufWriter::new(file);
    produce(&mut w)?;
    w.flush().map_err(|e| format!("cannot write: {e}"))?;
    Ok(Staged {
        tmp: None,
        path: path.to_owned(),
    })
}

impl Staged {
    /// Makes the bytes durable (fsync), then renames the file over its
    /// target.
    pub fn commit(self) -> Result<(), String> {
        self.sync()?;
        self.rename()
    }

    fn sync(&self) -> Result<(), String> {
        let Some(tmp) = &self.tmp else { return Ok(()) };
        std::fs::File::open(tmp)
            .and_then(|f| f.sync_all())
            .map_err(|e| format!("cannot write: {e}"))
    }

    fn rename(self) -> Result<(), String> {
        let path = self.path;
        let Some(tmp) = self.tmp else { return Ok(()) };
        tmp.persist(&path)
            .map_err(|e| format!("cannot replace {}: {}", path.display(), e.error))
    }
}

/// Commits many staged outputs: one sync of each file system they are on
/// (`syncfs`, where the system has it) instead of an fsync per file, which
/// would make a batch wait on the disk once per output; then the renames.
/// Returns the outputs that could not be put in place, with the reason.
pub fn commit_all(staged: Vec<Staged>) -> Vec<(PathBuf, String)> {
    let mut failed = Vec::new();
    let mut synced_dirs: Vec<PathBuf> = Vec::new();
    let mut ready = Vec::with_capacity(staged.len());
    for s in staged {
        let dir = s.path.parent().map(Path::to_path_buf).unwrap_or_default();
        let durable = s.tmp.is_none()
            || synced_dirs.contains(&dir)
            || (s
                .tmp
                .as_deref()
                .is_some_and(|t| sync_file_system(t).is_ok())
                && {
                    synced_dirs.push(dir);
                    true
                });
        // Without syncfs: this file alone, the slow way.
        match if durable { Ok(()) } else { s.sync() } {
            Ok(()) => ready.push(s),
            Err(e) => failed.push((s.path.clone(), e)),
        }
    }
    use rayon::prelude::*;
    failed.par_extend(ready.into_par_iter().filter_map(|s| {
        let path = s.path.clone();
        s.rename().err().map(|e| (path, e))
    }));
    failed
}

/// Flushes the whole file system holding `file` to disk.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn sync_file_system(file: &Path) -> std::io::Result<()> {
    let f = std::fs::File::open(file)?;
    rustix::fs::syncfs(&f).map_err(std::io::Error::from)
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn sync_file_system(_: &Path) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

#[cfg(unix)]
fn default_permissions(_: &std::fs::File) -> Result<std::fs::Permissions, String> {
    use std::os::unix::fs::PermissionsExt;
    Ok(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions(f: &std::fs::File) -> Result<std::fs::Permissions, String> {
    f.metadata()
        .map(|m| m.permissions())
        .map_err(|e| e.to_string())
}

/// A file name made from a title or input stem: letters, digits, `-` and `_`
/// only; never empty, never `.`/`..`, never a reserved device name.
pub fn safe_stem(s: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in s.chars() {
        if c.is_alphanumeric() || c == '_' || c == '-' {
            out.push(c);
            dash = false;
        } else if !dash && !out.is_empty() {
            out.push('-');
            dash = true;
        }
        if out.len() > 120 {
            break;
        }
    }
    let out = out.trim_matches('-').to_owned();
    let reserved = [
        "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
        "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
    ];
    if out.is_empty() {
        "article".into()
    } else if reserved.contains(&out.to_ascii_lowercase().as_str()) {
        format!("{out}_")
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_are_safe() {
        assert_eq!(safe_stem("../../etc/passwd"), "etc-passwd");
        assert_eq!(safe_stem("a/b\\c\u{7}d"), "a-b-c-d");
        assert_eq!(safe_stem(".."), "article");
        assert_eq!(safe_stem("CON"), "CON_");
        assert_eq!(safe_stem("Überblick: 2024"), "Überblick-2024");
    }
}
