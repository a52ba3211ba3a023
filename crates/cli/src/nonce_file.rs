//! [`FileNonceStore`]: a verifier's used-nonce set kept in a JSON file, so that a presentation
//! replayed in a later `zkcred verify` run is refused.
//!
//! Format (`version` 2; `docs/FORMATS.md`, "Nonce file"):
//!
//! ```json
//! { "version": 2,
//!   "nonces": [ { "verifier_id": "clinic", "nonce": "55f2...9072", "date": "2026-05-01" } ] }
//! ```
//!
//! `nonce` is lowercase hex (entries in uppercase are read and normalised; a nonce that is not
//! hex or of a length outside the library's bounds makes the file malformed). `date` is the
//! date of the request the nonce belongs to. Version 1 files (entries without `date`) are
//! still read: their entries are dated the day they are read. A verifier refuses a request
//! more than [`REQUEST_DATE_TOLERANCE_DAYS`] from its today, so an entry older than
//! [`KEEP_DAYS`] days can never block a replay again and is dropped when the file is next
//! written. An empty file is an empty store.
//!
//! The store holds an exclusive OS lock (`flock`, through `fs4`) on the opened file itself
//! from opening to drop, so two verifiers sharing one file cannot both accept a nonce; the
//! lock dies with its process, so a killed verifier never blocks the next one. The file is
//! rewritten atomically (a temporary file beside it, then a rename) on every accepted nonce;
//! a verifier that was waiting on the replaced file sees the new one and reads it again. The
//! path must name the file itself: a symbolic link, or a file with other hard links, is
//! refused (each name would otherwise be a separate store).

use crate::error::{CliError, CliResult};
use crate::files::{replace_text, Secrecy};
use fs4::fs_std::FileExt;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use zkcred::credential::nonce::{MAX_NONCE_LEN, MIN_NONCE_LEN};
use zkcred::credential::{
    clip, format_date, parse_date, CredentialError, Date, NonceStore, ReplayError,
    REQUEST_DATE_TOLERANCE_DAYS,
};

/// The format version written.
const VERSION: u64 = 2;

/// Entries of requests dated more than this many days before today are dropped (more than
/// [`REQUEST_DATE_TOLERANCE_DAYS`], for clocks that disagree).
pub const KEEP_DAYS: i64 = REQUEST_DATE_TOLERANCE_DAYS + 2;

/// How many times to reopen a file replaced while waiting for its lock.
const MAX_REOPEN: usize = 100;

/// One entry as stored (`date` is absent in version 1).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    verifier_id: String,
    nonce: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    date: Option<String>,
}

/// The file's JSON.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct NonceFile {
    version: u64,
    nonces: Vec<RawEntry>,
}

/// Used nonces: (verifier id, lowercase hex nonce) -> request date.
type Seen = BTreeMap<(String, String), Date>;

/// A [`NonceStore`] backed by a JSON file (created if missing), locked while the store lives.
#[derive(Debug)]
pub struct FileNonceStore {
    path: PathBuf,
    /// The opened file, exclusively locked; the lock is released when the store drops.
    _locked: fs::File,
    /// The date stored with nonces accepted by this store (the request's date).
    date: Date,
    seen: Mutex<Seen>,
}

impl FileNonceStore {
    /// Opens and locks the store at `path` (waiting for another verifier's lock); a missing
    /// file is an empty store. Nonces accepted are stored with `request_date`; entries older
    /// than `today` minus [`KEEP_DAYS`] are dropped.
    pub fn open(path: &Path, request_date: Date, today: Date) -> CliResult<Self> {
        let (file, text) = lock_current(path)?;
        let mut seen = parse(&text, today).map_err(|e| e.in_file(path))?;
        let oldest = today.days() - KEEP_DAYS;
        seen.retain(|_, date| date.days() >= oldest);
        Ok(Self {
            path: path.to_path_buf(),
            _locked: file,
            date: request_date,
            seen: Mutex::new(seen),
        })
    }
}

/// Opens `path` (creating it), takes its exclusive lock and reads it; reopens if another
/// verifier replaced the file meanwhile, so the lock held is the current file's.
fn lock_current(path: &Path) -> CliResult<(fs::File, String)> {
    let io = |action: &'static str| {
        move |source| CliError::Io {
            action,
            path: path.to_path_buf(),
            source,
        }
    };
    for _ in 0..MAX_REOPEN {
        refuse_links(path)?;
        let mut file = fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)
            .map_err(io("cannot open"))?;
        FileExt::lock_exclusive(&file).map_err(io("cannot lock"))?;
        if !is_current(&file, path).map_err(io("cannot inspect"))? {
            continue;
        }
        refuse_links(path)?;
        let mut text = String::new();
        file.read_to_string(&mut text).map_err(io("cannot read"))?;
        return Ok((file, text));
    }
    Err(CliError::invalid(format!(
        "{} keeps being replaced: cannot lock it",
        path.display()
    )))
}

/// Refuses a symbolic link, something other than a regular file, or a file with several
/// hard links at `path` (a missing file is fine).
fn refuse_links(path: &Path) -> CliResult {
    let meta = match fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(source) => {
            return Err(CliError::Io {
                action: "cannot inspect",
                path: path.to_path_buf(),
                source,
            })
        }
    };
    let refuse = |why: &str| {
        Err(CliError::invalid(format!(
            "{} {why}: a nonce file must be named by its own path",
            path.display()
        )))
    };
    if meta.file_type().is_symlink() {
        return refuse("is a symbolic link");
    }
    if !meta.is_file() {
        return refuse("is not a regular file");
    }
    if links(&meta) > 1 {
        return refuse("has other hard links");
    }
    Ok(())
}

/// The number of hard links of a file (1 where unknown).
fn links(meta: &fs::Metadata) -> u64 {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        meta.nlink()
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        1
    }
}

/// Whether the opened `file` is still the file at `path` (not replaced by a rename).
fn is_current(file: &fs::File, path: &Path) -> std::io::Result<bool> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let open = file.metadata()?;
        match fs::symlink_metadata(path) {
            Ok(now) => Ok(open.dev() == now.dev() && open.ino() == now.ino()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(e),
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (file, path);
        Ok(true)
    }
}

/// Parses the file's text (empty: no entries); undated entries get `today`.
fn parse(text: &str, today: Date) -> CliResult<Seen> {
    if text.trim().is_empty() {
        return Ok(Seen::new());
    }
    let file: NonceFile = serde_json::from_str(text)
        .map_err(|e| CliError::from(CredentialError::MalformedJson(e.to_string())))?;
    if !(1..=VERSION).contains(&file.version) {
        return Err(CredentialError::UnsupportedVersion(file.version).into());
    }
    let mut seen = Seen::new();
    for raw in file.nonces {
        let date = match &raw.date {
            Some(text) => parse_date(text)?,
            None => today,
        };
        let key = (raw.verifier_id, normalise(&raw.nonce)?);
        let kept = seen.entry(key).or_insert(date);
        *kept = (*kept).max(date);
    }
    Ok(seen)
}

/// A stored nonce as lowercase hex, checked to be hex of an allowed length.
fn normalise(nonce: &str) -> CliResult<String> {
    let lower = nonce.to_ascii_lowercase();
    let bytes = hex::decode(&lower).map_err(|_| {
        CliError::invalid(format!("invalid nonce entry '{}': not hex", clip(nonce)))
    })?;
    if !(MIN_NONCE_LEN..=MAX_NONCE_LEN).contains(&bytes.len()) {
        return Err(CliError::invalid(format!(
            "invalid nonce entry '{}': {} bytes, not {MIN_NONCE_LEN}..={MAX_NONCE_LEN}",
            clip(&lower),
            bytes.len()
        )));
    }
    Ok(lower)
}

/// The file's JSON text for `seen`.
fn render(seen: &Seen) -> Option<String> {
    let file = NonceFile {
        version: VERSION,
        nonces: seen
            .iter()
            .map(|((verifier_id, nonce), date)| RawEntry {
                verifier_id: verifier_id.clone(),
                nonce: nonce.clone(),
                date: Some(format_date(*date)),
            })
            .collect(),
    };
    serde_json::to_string_pretty(&file).ok()
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
        let key = (verifier_id.to_owned(), hex::encode(nonce));
        if seen.contains_key(&key) {
            return Err(ReplayError::Replayed(verifier_id.to_owned()));
        }
        seen.insert(key.clone(), self.date);
        let written = render(&seen)
            .ok_or(())
            .and_then(|text| replace_text(&self.path, &text, Secrecy::Public).map_err(|_| ()));
        if written.is_err() {
            // Not recorded on disk: forget it, and refuse rather than accept a nonce that a
            // later run would accept again.
            seen.remove(&key);
            return Err(ReplayError::Unavailable);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        parse_date(text).unwrap()
    }

    fn open(path: &Path) -> FileNonceStore {
        FileNonceStore::open(path, day("2026-05-10"), day("2026-05-10")).unwrap()
    }

    #[test]
    fn a_nonce_is_refused_after_reopening_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nonces.json");
        let nonce = [7u8; 32];
        open(&path).check_and_insert("clinic", &nonce).unwrap();
        let store = open(&path);
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
        let try_open = |text: &str| {
            std::fs::write(&path, text).unwrap();
            FileNonceStore::open(&path, day("2026-05-10"), day("2026-05-10"))
                .unwrap_err()
                .to_string()
        };
        let e = try_open(r#"{"version": 3, "nonces": []}"#);
        assert!(e.contains("unsupported format version 3"), "{e}");
        let e = try_open("nonsense");
        assert!(e.contains("malformed JSON"), "{e}");
        let e = try_open(r#"{"version": 2, "nonces": [{"verifier_id": "c", "nonce": "zz"}]}"#);
        assert!(e.contains("not hex"), "{e}");
        let e = try_open(r#"{"version": 2, "nonces": [{"verifier_id": "c", "nonce": "0a0b"}]}"#);
        assert!(e.contains("2 bytes"), "{e}");
    }

    #[test]
    fn old_entries_are_read_normalised_and_expired_ones_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nonces.json");
        let (a, b, c) = ([0xABu8; 32], [0xCDu8; 32], [0xEFu8; 32]);
        let text = serde_json::json!({ "version": 1, "nonces": [
            { "verifier_id": "clinic", "nonce": hex::encode_upper(a) },
            { "verifier_id": "clinic", "nonce": hex::encode(b), "date": "2026-05-01" },
            { "verifier_id": "clinic", "nonce": hex::encode(c), "date": "2026-05-08" },
        ]});
        std::fs::write(&path, text.to_string()).unwrap();
        let store = open(&path);
        // Uppercase in the file still blocks the nonce; an undated entry is kept.
        assert_eq!(
            store.check_and_insert("clinic", &a),
            Err(ReplayError::Replayed("clinic".into()))
        );
        assert_eq!(
            store.check_and_insert("clinic", &c),
            Err(ReplayError::Replayed("clinic".into()))
        );
        // Dated 9 days ago: dropped (such a request is refused by its date anyway).
        store.check_and_insert("clinic", &b).unwrap();
        store.check_and_insert("clinic", &[1u8; 32]).unwrap();
        drop(store);
        let written = std::fs::read_to_string(&path).unwrap();
        assert!(written.contains(&hex::encode(a)), "{written}");
        assert!(!written.contains(&hex::encode_upper(a)), "{written}");
        assert!(written.contains("\"version\": 2"), "{written}");
        assert!(written.contains("\"date\": \"2026-05-10\""), "{written}");
        assert!(!written.contains("2026-05-01"), "{written}");
    }

    #[cfg(unix)]
    #[test]
    fn links_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nonces.json");
        open(&path).check_and_insert("clinic", &[7u8; 32]).unwrap();
        let sym = dir.path().join("sym.json");
        std::os::unix::fs::symlink(&path, &sym).unwrap();
        let e = FileNonceStore::open(&sym, day("2026-05-10"), day("2026-05-10")).unwrap_err();
        assert!(e.to_string().contains("symbolic link"), "{e}");
        let hard = dir.path().join("hard.json");
        std::fs::hard_link(&path, &hard).unwrap();
        for p in [&path, &hard] {
            let e = FileNonceStore::open(p, day("2026-05-10"), day("2026-05-10")).unwrap_err();
            assert!(e.to_string().contains("hard links"), "{e}");
        }
    }

    #[test]
    fn the_lock_is_exclusive_and_released_on_drop() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nonces.json");
        let store = open(&path);
        let other = fs::File::open(&path).unwrap();
        assert!(!FileExt::try_lock_exclusive(&other).unwrap_or(true));
        drop(store);
        assert!(FileExt::try_lock_exclusive(&other).unwrap());
        assert!(!dir.path().join("nonces.json.lock").exists());
    }
}
