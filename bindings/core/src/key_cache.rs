//! The holder's predicate keys, parsed once per key document: a proving key's points are
//! decoded and subgroup-checked when read (tens of milliseconds for the age circuit), and its
//! fixed-base tables are built on its second proof and kept with it. A wallet fetches the same
//! immutable key documents for every request of a verifier; without this cache every answer
//! would pay for the decoding and never reach the tables.

use crate::error::{holder_error, ApiError, ApiResult, ErrorKind};
use crate::holder::read_keys;
use sha2::{Digest, Sha256};
use std::sync::{Arc, Mutex, OnceLock};
use zkcred::predicate::HolderKeys;

/// Most key documents kept (each a few MiB with its tables).
pub const CAPACITY: usize = 8;

type Entry = ([u8; 32], Arc<HolderKeys>);

fn cache() -> &'static Mutex<Vec<Entry>> {
    static CACHE: OnceLock<Mutex<Vec<Entry>>> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(Vec::new()))
}

/// The holder keys of `keys` (a key set, or an array of one-pair key sets), from the cache
/// when the same text was read before; the most recently used are kept.
pub fn holder_keys(keys: &str) -> ApiResult<Arc<HolderKeys>> {
    let digest: [u8; 32] = Sha256::digest(keys.as_bytes()).into();
    if let Some(hit) = take(&digest) {
        put(digest, hit.clone());
        return Ok(hit);
    }
    // The keys come from the verifier: keys that do not even read are a refused request.
    let set = read_keys(keys).map_err(|e| ApiError::new(ErrorKind::RequestRefused, e.message))?;
    let parsed = Arc::new(set.holder_keys().map_err(holder_error)?);
    put(digest, parsed.clone());
    Ok(parsed)
}

/// Removes and returns the entry of `digest`, if cached.
fn take(digest: &[u8; 32]) -> Option<Arc<HolderKeys>> {
    let mut entries = cache()
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let at = entries.iter().position(|(d, _)| d == digest)?;
    Some(entries.remove(at).1)
}

/// Adds an entry as the most recent, dropping the least recent beyond [`CAPACITY`].
fn put(digest: [u8; 32], keys: Arc<HolderKeys>) {
    let mut entries = cache()
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    entries.retain(|(d, _)| *d != digest);
    entries.push((digest, keys));
    if entries.len() > CAPACITY {
        entries.remove(0);
    }
}
