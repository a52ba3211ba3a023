//! A lock around a read-modify-write of a file the command updates (a wallet, a trust
//! registry, a verifier registry, a predicate key set), so that two commands run at once on
//! the same file never lose one's change.
//!
//! The updated file itself cannot carry the lock: it is replaced by a rename, and a lock on
//! the old inode would not stop a second command that opened the new one. The lock is an
//! exclusive OS lock (`flock`, through `fs4`) on a sidecar file `.<name>.lock` beside the
//! file's target (a symbolic link is followed first, so two links to one wallet share the
//! lock). The sidecar is empty and stays behind; an OS lock dies with its process, so a
//! killed command never blocks the next one.

use crate::error::{CliError, CliResult};
use fs4::fs_std::FileExt;
use std::fs;
use std::path::{Path, PathBuf};

/// Held while a file is read, changed and written back; released on drop.
#[derive(Debug)]
pub struct UpdateLock {
    _file: fs::File,
}

impl UpdateLock {
    /// Takes the exclusive lock of `path` (waiting for another command's), creating the
    /// sidecar and the directory if needed.
    pub fn acquire(path: &Path) -> CliResult<Self> {
        let lock_path = sidecar(&resolved(path));
        let io = |action: &'static str| {
            let lock_path = lock_path.clone();
            move |source| CliError::Io {
                action,
                path: lock_path.clone(),
                source,
            }
        };
        if let Some(dir) = lock_path.parent().filter(|d| !d.as_os_str().is_empty()) {
            fs::create_dir_all(dir).map_err(io("cannot create the directory of"))?;
        }
        let file = fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&lock_path)
            .map_err(io("cannot open the lock"))?;
        FileExt::lock_exclusive(&file).map_err(io("cannot lock"))?;
        Ok(Self { _file: file })
    }
}

/// `path` with symbolic links resolved (as given if it does not exist yet).
fn resolved(path: &Path) -> PathBuf {
    fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// `.<name>.lock` beside `path`.
fn sidecar(path: &Path) -> PathBuf {
    let mut name = std::ffi::OsString::from(".");
    name.push(path.file_name().unwrap_or_default());
    name.push(".lock");
    path.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lock_is_exclusive_released_on_drop_and_shared_through_links() {
        let dir = tempfile::tempdir().unwrap();
        let wallet = dir.path().join("wallet.json");
        fs::write(&wallet, "{}").unwrap();
        let held = UpdateLock::acquire(&wallet).unwrap();
        let lock_file = dir.path().join(".wallet.json.lock");
        let other = fs::File::open(&lock_file).unwrap();
        assert!(!FileExt::try_lock_exclusive(&other).unwrap_or(true));
        #[cfg(unix)]
        {
            let link = dir.path().join("link.json");
            std::os::unix::fs::symlink(&wallet, &link).unwrap();
            assert_eq!(sidecar(&resolved(&link)), sidecar(&resolved(&wallet)));
        }
        drop(held);
        assert!(FileExt::try_lock_exclusive(&other).unwrap_or(false));
    }
}
