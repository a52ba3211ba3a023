//! Nonces: fresh 32-byte challenges for presentation requests, and [`NonceStore`], the
//! verifier's record of the nonces it has accepted, which refuses a replay and forgets each
//! nonce once its request has expired.

use super::error::ReplayError;
use super::json::impl_hex_id;
use super::timestamp::Timestamp;
use rand_core::{CryptoRng, RngCore};
use std::collections::{BTreeSet, HashMap};
use std::sync::Mutex;

/// Length of a [`Nonce`] in bytes.
pub const NONCE_LEN: usize = 32;
/// Shortest nonce a [`NonceStore`] accepts (128 bits: guessing one is hopeless).
pub const MIN_NONCE_LEN: usize = 16;
/// Longest nonce a [`NonceStore`] accepts.
pub const MAX_NONCE_LEN: usize = 256;

/// A fresh 32-byte nonce; hex in JSON.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Nonce([u8; NONCE_LEN]);

impl_hex_id!(Nonce, NONCE_LEN, "nonce");

impl Nonce {
    /// 32 bytes from the caller's cryptographic RNG.
    pub fn random<R: RngCore + CryptoRng>(rng: &mut R) -> Self {
        let mut bytes = [0u8; NONCE_LEN];
        rng.fill_bytes(&mut bytes);
        Self(bytes)
    }
}

impl AsRef<[u8]> for Nonce {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

/// A verifier's memory of accepted nonces. `check_and_insert` succeeds once per
/// `(verifier_id, nonce)` while the nonce is remembered and refuses every later call with
/// [`ReplayError::Replayed`]; the check and the insert are one atomic step, so two concurrent
/// presentations with one nonce cannot both pass. Implementations take `&self` (interior
/// mutability) so one store can be shared by threads.
///
/// A nonce is remembered until `keep_until`, the end of its request's window plus the clock
/// skew ([`super::RequestWindow::keep_nonce_until`]); after that a store may forget it, since
/// a presentation for that request is refused as expired before the nonce is looked at. So a
/// store holds at most the nonces of the last [`super::MAX_REQUEST_LIFETIME`] (plus skew).
pub trait NonceStore: Send + Sync {
    /// Records `nonce` for `verifier_id` until `keep_until`, or refuses it if it is
    /// remembered, or of a length outside [`MIN_NONCE_LEN`]`..=`[`MAX_NONCE_LEN`]. `now` is
    /// the verifier's clock: entries whose `keep_until` is before it may be forgotten.
    fn check_and_insert(
        &self,
        verifier_id: &str,
        nonce: &[u8],
        keep_until: Timestamp,
        now: Timestamp,
    ) -> Result<(), ReplayError>;
}

/// Refuses a nonce length outside [`MIN_NONCE_LEN`]`..=`[`MAX_NONCE_LEN`] (for stores).
pub fn check_nonce_len(nonce: &[u8]) -> Result<(), ReplayError> {
    if !(MIN_NONCE_LEN..=MAX_NONCE_LEN).contains(&nonce.len()) {
        return Err(ReplayError::InvalidLength {
            min: MIN_NONCE_LEN,
            max: MAX_NONCE_LEN,
            got: nonce.len(),
        });
    }
    Ok(())
}

/// A store key: the verifier id and the nonce bytes.
type Key = (String, Vec<u8>);

/// The entries of an [`InMemoryNonceStore`]: each nonce with its `keep_until`, and the same
/// entries ordered by `keep_until` so that forgetting the expired ones costs only them.
#[derive(Debug, Default)]
struct Entries {
    by_key: HashMap<Key, Timestamp>,
    by_expiry: BTreeSet<(Timestamp, Key)>,
}

impl Entries {
    /// Forgets every entry kept until before `now`.
    fn forget_expired(&mut self, now: Timestamp) {
        while let Some((until, _)) = self.by_expiry.first() {
            if *until >= now {
                break;
            }
            if let Some((_, key)) = self.by_expiry.pop_first() {
                self.by_key.remove(&key);
            }
        }
    }
}

/// A [`NonceStore`] in memory, optionally bounded. Each nonce is kept until its request's
/// window has closed (`keep_until`) and forgotten afterwards. A full store refuses new nonces
/// ([`ReplayError::StoreFull`]) rather than forget ones still kept, which could then be
/// replayed. A verifier that restarts loses it: use a persistent store (the CLI's nonce file)
/// where presentations may be replayed across restarts.
#[derive(Debug, Default)]
pub struct InMemoryNonceStore {
    entries: Mutex<Entries>,
    capacity: Option<usize>,
}

impl InMemoryNonceStore {
    /// An unbounded store.
    pub fn new() -> Self {
        Self::default()
    }

    /// A store that holds at most `capacity` nonces still kept.
    pub fn with_capacity_limit(capacity: usize) -> Self {
        Self {
            entries: Mutex::default(),
            capacity: Some(capacity),
        }
    }

    /// Number of nonces recorded and not yet forgotten (0 if the lock is poisoned).
    pub fn len(&self) -> usize {
        self.entries.lock().map(|e| e.by_key.len()).unwrap_or(0)
    }

    /// Whether no nonce is recorded.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl NonceStore for InMemoryNonceStore {
    fn check_and_insert(
        &self,
        verifier_id: &str,
        nonce: &[u8],
        keep_until: Timestamp,
        now: Timestamp,
    ) -> Result<(), ReplayError> {
        check_nonce_len(nonce)?;
        let mut entries = self.entries.lock().map_err(|_| ReplayError::Unavailable)?;
        entries.forget_expired(now);
        let key = (verifier_id.to_owned(), nonce.to_vec());
        if entries.by_key.contains_key(&key) {
            return Err(ReplayError::Replayed(verifier_id.to_owned()));
        }
        if let Some(cap) = self.capacity {
            if entries.by_key.len() >= cap {
                return Err(ReplayError::StoreFull(cap));
            }
        }
        entries.by_expiry.insert((keep_until, key.clone()));
        entries.by_key.insert(key, keep_until);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(text: &str) -> Timestamp {
        Timestamp::parse(text).unwrap()
    }

    #[test]
    fn a_nonce_is_kept_until_its_request_expires_and_forgotten_after() {
        let store = InMemoryNonceStore::new();
        let (a, b) = ([1u8; 32], [2u8; 32]);
        let until = ts("2026-11-30T07:45:00Z");
        let later = ts("2026-12-01T07:45:00Z");
        let now = ts("2026-11-30T06:40:00Z");
        store.check_and_insert("clinic", &a, until, now).unwrap();
        store.check_and_insert("clinic", &b, later, now).unwrap();
        // Still kept at its last instant.
        assert_eq!(
            store.check_and_insert("clinic", &a, until, until),
            Err(ReplayError::Replayed("clinic".into()))
        );
        assert_eq!(store.len(), 2);
        // One second later it is forgotten (its request is refused as expired by then);
        // the other is still kept.
        let after = ts("2026-11-30T07:45:01Z");
        store
            .check_and_insert("other", &[3u8; 32], later, after)
            .unwrap();
        assert_eq!(store.len(), 2);
        assert_eq!(
            store.check_and_insert("clinic", &b, later, after),
            Err(ReplayError::Replayed("clinic".into()))
        );
        store.check_and_insert("clinic", &a, later, after).unwrap();
    }

    #[test]
    fn a_full_store_forgets_only_expired_nonces() {
        let store = InMemoryNonceStore::with_capacity_limit(1);
        let until = ts("2026-11-30T07:45:00Z");
        let now = ts("2026-11-30T06:40:00Z");
        store.check_and_insert("v", &[1u8; 32], until, now).unwrap();
        assert_eq!(
            store.check_and_insert("v", &[2u8; 32], until, now),
            Err(ReplayError::StoreFull(1))
        );
        let after = ts("2026-11-30T07:45:01Z");
        store
            .check_and_insert("v", &[2u8; 32], ts("2026-11-30T09:00:00Z"), after)
            .unwrap();
    }
}
