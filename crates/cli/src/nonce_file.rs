//! [`FileNonceStore`]: a verifier's used-nonce set kept in a JSON file, so that a presentation
//! replayed in a later `zkcred verify` run is refused.
//!
//! Format (`version` 3; `docs/FORMATS.md`, "Nonce file"):
//!
//! ```json
//! { "version": 3,
//!   "nonces": [ { "verifier_id": "clinic", "nonce": "55f2...9072",
//!                 "keep_until": "2026-11-30T07:45:00Z" } ] }
//! ```
//!
//! `nonce` is lowercase hex (entries in uppercase are read and normalised; a nonce that is not
//! hex or of a length outside the library's bounds makes the file malformed). `keep_until` is
//! the end of the nonce's request window plus the clock skew (RFC 3339 UTC,
//! `RequestWindow::keep_nonce_until`): until then the request can be verified, so the nonce
//! must block a replay; after it the request is refused as expired anyway, and the entry is
//! dropped when the file is next read. So the file holds at most the nonces of the last
//! `MAX_REQUEST_LIFETIME` (7 days) of requests. An empty file is an empty store.
//!
//! Older files are upgraded when the file is next written: their entries belong to dated
//! requests (request format version 1, which is no longer verified), and each is kept as
//! before, [`LEGACY_KEEP_DAYS`] days after its `date` (version 2) or after the day it is
//! read (version 1, undated entries). A file of a later version is refused.
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
use zkcred::credential::nonce::check_nonce_len;
use zkcred::credential::nonce::{MAX_NONCE_LEN, MIN_NONCE_LEN};
use zkcred::credential::{clip, parse_date, CredentialError, NonceStore, ReplayError, Timestamp};

/// The format version written.
const VERSION: u64 = 3;

/// How many days entries of version 1 and 2 files (dated requests) are kept after their
/// date, as those versions did.
pub const LEGACY_KEEP_DAYS: i64 = 3;

/// How many times to reopen a file replaced while waiting for its lock.
const MAX_REOPEN: usize = 100;

/// One entry as stored: `keep_until` in version 3; `date` (optional) in versions 1 and 2.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    verifier_id: String,
    nonce: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    keep_until: Option<Timestamp>,
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

/// Used nonces: (verifier id, lowercase hex nonce) -> until when the nonce is kept.
type Seen = BTreeMap<(String, String), Timestamp>;

/// A [`NonceStore`] backed by a JSON file (created if missing), locked while the store lives.
#[derive(Debug)]
pub struct FileNonceStore {
    path: PathBuf,
    /// The opened file, exclusively locked; the lock is released when the store drops.
    _locked: fs::File,
    seen: Mutex<Seen>,
}

impl FileNonceStore {
    /// Opens and locks the store at `path` (waiting for another verifier's lock); a missing
    /// file is an empty store. Entries kept until before `now` (the verifier's clock) are
    /// dropped.
    pub fn open(path: &Path, now: Timestamp) -> CliResult<Self> {
        let (file, text) = lock_current(path)?;
        let mut seen = parse(&text, now).map_err(|e| e.in_file(path))?;
        seen.retain(|_, keep_until| *keep_until >= now);
        Ok(Self {
            path: path.to_path_buf(),
            _locked: file,
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

/// Parses the file's text (empty: no entries); entries of older versions are upgraded
/// (see the module docs), `now` dating undated version-1 entries.
fn parse(text: &str, now: Timestamp) -> CliResult<Seen> {
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
        let keep_until = keep_until(&raw, file.version, now)?;
        let key = (raw.verifier_id, normalise(&raw.nonce)?);
        let kept = seen.entry(key).or_insert(keep_until);
        *kept = (*kept).max(keep_until);
    }
    Ok(seen)
}

/// Until when an entry of a file of `version` is kept: its `keep_until` (version 3, where it
/// is required), else [`LEGACY_KEEP_DAYS`] after its date or `now`'s day.
fn keep_until(raw: &RawEntry, version: u64, now: Timestamp) -> CliResult<Timestamp> {
    let bad = |why: &str| {
        CliError::invalid(format!(
            "invalid nonce entry of version {version} for verifier '{}': {why}",
            zkcred::credential::clip(&raw.verifier_id)
        ))
    };
    if version == VERSION {
        return match (&raw.keep_until, &raw.date) {
            (Some(until), None) => Ok(*until),
            (None, _) => Err(bad("keep_until is missing")),
            (Some(_), Some(_)) => Err(bad("date is not a field of version 3")),
        };
    }
    if raw.keep_until.is_some() {
        return Err(bad("keep_until is a field of version 3"));
    }
    let day = match &raw.date {
        Some(text) => parse_date(text)?,
        None => now.date(),
    };
    let end = day
        .add_days(LEGACY_KEEP_DAYS + 1)
        .ok()
        .and_then(|d| Timestamp::start_of(d).ok())
        .unwrap_or(Timestamp::MAX);
    Ok(end)
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
            .map(|((verifier_id, nonce), keep_until)| RawEntry {
                verifier_id: verifier_id.clone(),
                nonce: nonce.clone(),
                keep_until: Some(*keep_until),
                date: None,
            })
            .collect(),
    };
    serde_json::to_string_pretty(&file).ok()
}

impl NonceStore for FileNonceStore {
    fn check_and_insert(
        &self,
        verifier_id: &str,
        nonce: &[u8],
        keep_until: Timestamp,
        now: Timestamp,
    ) -> Result<(), ReplayError> {
        check_nonce_len(nonce)?;
        let mut seen = self.seen.lock().map_err(|_| ReplayError::Unavailable)?;
        seen.retain(|_, until| *until >= now);
        let key = (verifier_id.to_owned(), hex::encode(nonce));
        if seen.contains_key(&key) {
            return Err(ReplayError::Replayed(verifier_id.to_owned()));
        }
        seen.insert(key.clone(), keep_until);
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

    fn ts(text: &str) -> Timestamp {
        Timestamp::parse(text).unwrap()
    }

    /// The verifier's clock in these tests.
    fn now() -> Timestamp {
        ts("2026-05-10T12:00:00Z")
    }

    /// Until when the nonce of a request valid for the next hour is kept.
    fn hour() -> Timestamp {
        ts("2026-05-10T13:05:00Z")
    }

    fn open(path: &Path) -> FileNonceStore {
        FileNonceStore::open(path, now()).unwrap()
    }

    #[test]
    fn a_nonce_is_refused_after_reopening_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nonces.json");
        let nonce = [7u8; 32];
        open(&path)
            .check_and_insert("clinic", &nonce, hour(), now())
            .unwrap();
        let store = open(&path);
        assert_eq!(
            store.check_and_insert("clinic", &nonce, hour(), now()),
            Err(ReplayError::Replayed("clinic".into()))
        );
        // Per verifier: another verifier may use the same bytes.
        store
            .check_and_insert("land-registry", &nonce, hour(), now())
            .unwrap();
        // Too short a nonce is refused and not recorded.
        assert!(matches!(
            store.check_and_insert("clinic", &[1u8; 4], hour(), now()),
            Err(ReplayError::InvalidLength { got: 4, .. })
        ));
        drop(store);
        let written = std::fs::read_to_string(&path).unwrap();
        assert!(written.contains("\"version\": 3"), "{written}");
        assert!(
            written.contains("\"keep_until\": \"2026-05-10T13:05:00Z\""),
            "{written}"
        );
        assert!(!written.contains("\"date\""), "{written}");
    }

    #[test]
    fn a_malformed_file_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nonces.json");
        let try_open = |text: &str| {
            std::fs::write(&path, text).unwrap();
            FileNonceStore::open(&path, now()).unwrap_err().to_string()
        };
        let e = try_open(r#"{"version": 4, "nonces": []}"#);
        assert!(e.contains("unsupported format version 4"), "{e}");
        let e = try_open("nonsense");
        assert!(e.contains("malformed JSON"), "{e}");
        let n = hex::encode([1u8; 32]);
        let e = try_open(&format!(
            r#"{{"version": 3, "nonces": [{{"verifier_id": "c", "nonce": "{n}"}}]}}"#
        ));
        assert!(e.contains("keep_until is missing"), "{e}");
        let e = try_open(&format!(
            r#"{{"version": 3, "nonces": [{{"verifier_id": "c", "nonce": "{n}",
                "keep_until": "2026-05-10T13:05:00+00:00"}}]}}"#
        ));
        assert!(e.contains("YYYY-MM-DDTHH:MM:SSZ"), "{e}");
        let e = try_open(&format!(
            r#"{{"version": 2, "nonces": [{{"verifier_id": "c", "nonce": "{n}",
                "keep_until": "2026-05-10T13:05:00Z"}}]}}"#
        ));
        assert!(e.contains("keep_until is a field of version 3"), "{e}");
        let e = try_open(
            r#"{"version": 3, "nonces": [{"verifier_id": "c", "nonce": "zz",
                "keep_until": "2026-05-10T13:05:00Z"}]}"#,
        );
        assert!(e.contains("not hex"), "{e}");
        let e = try_open(
            r#"{"version": 3, "nonces": [{"verifier_id": "c", "nonce": "0a0b",
                "keep_until": "2026-05-10T13:05:00Z"}]}"#,
        );
        assert!(e.contains("2 bytes"), "{e}");
    }

    #[test]
    fn nonces_of_expired_requests_are_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nonces.json");
        let (gone, kept) = ([0xABu8; 32], [0xCDu8; 32]);
        let text = serde_json::json!({ "version": 3, "nonces": [
            { "verifier_id": "clinic", "nonce": hex::encode(gone),
              "keep_until": "2026-05-10T11:59:59Z" },
            { "verifier_id": "clinic", "nonce": hex::encode(kept),
              "keep_until": "2026-05-10T12:00:00Z" },
        ]});
        std::fs::write(&path, text.to_string()).unwrap();
        let store = open(&path);
        // Kept until exactly now: still blocks a replay.
        assert_eq!(
            store.check_and_insert("clinic", &kept, hour(), now()),
            Err(ReplayError::Replayed("clinic".into()))
        );
        // Its request expired a second ago: forgotten.
        store
            .check_and_insert("clinic", &gone, hour(), now())
            .unwrap();
        // A second later the other one goes too, when the next nonce is written.
        store
            .check_and_insert("clinic", &[1u8; 32], hour(), ts("2026-05-10T12:00:01Z"))
            .unwrap();
        drop(store);
        let written = std::fs::read_to_string(&path).unwrap();
        assert!(!written.contains(&hex::encode(kept)), "{written}");
        assert!(written.contains(&hex::encode(gone)), "{written}");
        assert!(!written.contains("11:59:59"), "{written}");
    }

    #[test]
    fn old_files_are_read_normalised_and_upgraded() {
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
            store.check_and_insert("clinic", &a, hour(), now()),
            Err(ReplayError::Replayed("clinic".into()))
        );
        // Dated 2 days ago: kept, as version 2 kept it (3 days after its date).
        assert_eq!(
            store.check_and_insert("clinic", &c, hour(), now()),
            Err(ReplayError::Replayed("clinic".into()))
        );
        // Dated 9 days ago: dropped.
        store.check_and_insert("clinic", &b, hour(), now()).unwrap();
        drop(store);
        let written = std::fs::read_to_string(&path).unwrap();
        assert!(written.contains(&hex::encode(a)), "{written}");
        assert!(!written.contains(&hex::encode_upper(a)), "{written}");
        assert!(written.contains("\"version\": 3"), "{written}");
        // Undated: 3 days after the day it was read; dated: 3 days after its date.
        assert!(written.contains("\"2026-05-14T00:00:00Z\""), "{written}");
        assert!(written.contains("\"2026-05-12T00:00:00Z\""), "{written}");
        assert!(!written.contains("\"date\""), "{written}");
    }

    #[cfg(unix)]
    #[test]
    fn links_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nonces.json");
        open(&path)
            .check_and_insert("clinic", &[7u8; 32], hour(), now())
            .unwrap();
        let sym = dir.path().join("sym.json");
        std::os::unix::fs::symlink(&path, &sym).unwrap();
        let e = FileNonceStore::open(&sym, now()).unwrap_err();
        assert!(e.to_string().contains("symbolic link"), "{e}");
        let hard = dir.path().join("hard.json");
        std::fs::hard_link(&path, &hard).unwrap();
        for p in [&path, &hard] {
            let e = FileNonceStore::open(p, now()).unwrap_err();
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
