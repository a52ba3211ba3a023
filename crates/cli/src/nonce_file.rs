//! [`FileNonceStore`]: a verifier's used-nonce set kept in a JSON file, so that a presentation
//! replayed in a later `zkcred verify` run is refused.
//!
//! Format (`version` 1):
//!
//! ```json
//! { "version": 1, "nonces": [ { "verifier_id": "clinic", "nonce": "55f2...9072" } ] }
//! ```
//!
//! The file is read when the store is opened and rewritten (atomically: temporary file and
//! rename) on every accepted nonce. `zkcred verify` holds a [`NonceFileLock`] (a `.lock` file
//! beside it, created exclusively) from reading the file to writing it back, so two verifier
//! processes sharing one file cannot both accept a nonce.

use crate::error::{CliError, CliResult};
use crate::files::{read_text, write_serde, Secrecy};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use zkcred::credential::nonce::{MAX_NONCE_LEN, MIN_NONCE_LEN};
use zkcred::credential::{CredentialError, NonceStore, ReplayError, FORMAT_VERSION};

/// An exclusive lock on a nonce file: `<file>.lock`, created with `create_new` and removed on
/// drop. Held by one process at a time.
#[derive(Debug)]
pub struct NonceFileLock {
    path: PathBuf,
}

impl NonceFileLock {
    /// How long to wait for another process's lock.
    const WAIT: Duration = Duration::from_secs(10);

    /// Takes the lock of the nonce file `nonces`, waiting up to 10 s for another holder.
    pub fn acquire(nonces: &Path) -> CliResult<Self> {
        let mut name = nonces.as_os_str().to_owned();
        name.push(".lock");
        let path = PathBuf::from(name);
        let start = Instant::now();
        loop {
            match fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(_) => return Ok(Self { path }),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    if start.elapsed() > Self::WAIT {
                        return Err(CliError::invalid(format!(
                            "{} is locked by another verifier (remove {} if none is running)",
                            nonces.display(),
                            path.display()
                        )));
                    }
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(source) => {
                    return Err(CliError::Io {
                        action: "cannot create",
                        path,
                        source,
                    })
                }
            }
        }
    }
}

impl Drop for NonceFileLock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

/// One used nonce.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    verifier_id: String,
    /// Hex.
    nonce: String,
}

/// The file's JSON.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct NonceFile {
    version: u64,
    nonces: Vec<Entry>,
}

/// A [`NonceStore`] backed by a JSON file (created on the first accepted nonce if missing).
#[derive(Debug)]
pub struct FileNonceStore {
    path: PathBuf,
    seen: Mutex<BTreeSet<Entry>>,
}

impl FileNonceStore {
    /// Opens the store at `path`; a missing file is an empty store. Hold the file's
    /// [`NonceFileLock`] while the store is in use.
    pub fn open(path: &Path) -> CliResult<Self> {
        let seen = if path.exists() {
            let text = read_text(path)?;
            let file: NonceFile = serde_json::from_str(&text).map_err(|e| {
                CliError::from(CredentialError::MalformedJson(e.to_string())).in_file(path)
            })?;
            if file.version != FORMAT_VERSION {
                return Err(
                    CliError::from(CredentialError::UnsupportedVersion(file.version)).in_file(path),
                );
            }
            file.nonces.into_iter().collect()
        } else {
            BTreeSet::new()
        };
        Ok(Self {
            path: path.to_path_buf(),
            seen: Mutex::new(seen),
        })
    }
}

impl NonceStore for FileNonceStore {
    fn check_and_insert(&self, verifier_id: &str, nonce: &[u8]) -> Result<(), ReplayError> {
        if !(MIN_NONCE_LEN..=MAX_NONCE_LEN).contains(&nonce.len()) {
            return Err(ReplayError::InvalidLength {
                min: MIN_NONCE_LEN,
                max: MAX_NONCE_LEN,
                got: nonce.len(),
            });
        }
        let mut seen = self.seen.lock().map_err(|_| ReplayError::Unavailable)?;
        let entry = Entry {
            verifier_id: verifier_id.to_owned(),
            nonce: hex::encode(nonce),
        };
        if seen.contains(&entry) {
            return Err(ReplayError::Replayed(verifier_id.to_owned()));
        }
        seen.insert(entry.clone());
        let file = NonceFile {
            version: FORMAT_VERSION,
            nonces: seen.iter().cloned().collect(),
        };
        if write_serde(&self.path, &file, Secrecy::Public).is_err() {
            // Not recorded on disk: forget it, and refuse rather than accept a nonce that a
            // later run would accept again.
            seen.remove(&entry);
            return Err(ReplayError::Unavailable);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nonce_is_refused_after_reopening_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nonces.json");
        let nonce = [7u8; 32];
        FileNonceStore::open(&path)
            .unwrap()
            .check_and_insert("clinic", &nonce)
            .unwrap();
        let store = FileNonceStore::open(&path).unwrap();
        assert_eq!(
            store.check_and_insert("clinic", &nonce),
            Err(ReplayError::Replayed("clinic".into()))
        );
        // Per verifier: another verifier may use the same bytes.
        store.check_and_insert("land-registry", &nonce).unwrap();
        // Too short a nonce is refused and not recorded.
        assert!(matches!(
            store.check_and_insert("clinic", &[1u8; 4]),
            Err(ReplayError::InvalidLength { got: 4, .. })
        ));
    }

    #[test]
    fn a_malformed_file_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nonces.json");
        std::fs::write(&path, r#"{"version": 2, "nonces": []}"#).unwrap();
        let e = FileNonceStore::open(&path).unwrap_err().to_string();
        assert!(e.contains("unsupported format version 2"), "{e}");
        std::fs::write(&path, "nonsense").unwrap();
        let e = FileNonceStore::open(&path).unwrap_err().to_string();
        assert!(e.contains("malformed JSON"), "{e}");
    }

    #[test]
    fn the_lock_is_exclusive_and_released_on_drop() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nonces.json");
        let lock = NonceFileLock::acquire(&path).unwrap();
        assert!(dir.path().join("nonces.json.lock").exists());
        drop(lock);
        assert!(!dir.path().join("nonces.json.lock").exists());
        let _again = NonceFileLock::acquire(&path).unwrap();
    }
}
