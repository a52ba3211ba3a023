//! Nonces: fresh 32-byte challenges for presentation requests, and [`NonceStore`], the
//! verifier's record of the nonces it has accepted, which refuses a replay.

use super::error::ReplayError;
use super::json::impl_hex_id;
use rand_core::{CryptoRng, RngCore};
use std::collections::HashSet;
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
/// `(verifier_id, nonce)` and refuses every later call with [`ReplayError::Replayed`]; the
/// check and the insert are one atomic step, so two concurrent presentations with one nonce
/// cannot both pass. Implementations take `&self` (interior mutability) so one store can be
/// shared by threads.
pub trait NonceStore: Send + Sync {
    /// Records `nonce` for `verifier_id`, or refuses it if seen before or of a length outside
    /// [`MIN_NONCE_LEN`]`..=`[`MAX_NONCE_LEN`].
    fn check_and_insert(&self, verifier_id: &str, nonce: &[u8]) -> Result<(), ReplayError>;
}

/// A [`NonceStore`] in memory: a `HashSet` behind a `Mutex`, optionally bounded. A full
/// store refuses new nonces ([`ReplayError::StoreFull`]) rather than forget old ones, which
/// would let them be replayed; a deployment that runs for long should bound nonce lifetime
/// (e.g. per-request expiry) and use a persistent store.
#[derive(Debug, Default)]
pub struct InMemoryNonceStore {
    seen: Mutex<HashSet<(String, Vec<u8>)>>,
    capacity: Option<usize>,
}

impl InMemoryNonceStore {
    /// An unbounded store.
    pub fn new() -> Self {
        Self::default()
    }

    /// A store that holds at most `capacity` nonces.
    pub fn with_capacity_limit(capacity: usize) -> Self {
        Self {
            seen: Mutex::default(),
            capacity: Some(capacity),
        }
    }

    /// Number of nonces recorded (0 if the lock is poisoned).
    pub fn len(&self) -> usize {
        self.seen.lock().map(|s| s.len()).unwrap_or(0)
    }

    /// Whether no nonce is recorded.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl NonceStore for InMemoryNonceStore {
    fn check_and_insert(&self, verifier_id: &str, nonce: &[u8]) -> Result<(), ReplayError> {
        if !(MIN_NONCE_LEN..=MAX_NONCE_LEN).contains(&nonce.len()) {
            return Err(ReplayError::InvalidLength {
                min: MIN_NONCE_LEN,
                max: MAX_NONCE_LEN,
                got: nonce.len(),
            });
        }
        let mut seen = self.seen.lock().map_err(|_| ReplayError::Unavailable)?;
        let key = (verifier_id.to_owned(), nonce.to_vec());
        if seen.contains(&key) {
            return Err(ReplayError::Replayed(verifier_id.to_owned()));
        }
        if let Some(cap) = self.capacity {
            if seen.len() >= cap {
                return Err(ReplayError::StoreFull(cap));
            }
        }
        seen.insert(key);
        Ok(())
    }
}
