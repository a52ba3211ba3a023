//! Keys that passed the holder's structure check, remembered by digest so that a wallet checks
//! each key once ([`CheckedKeys`]).

use std::collections::HashSet;
use std::sync::{Mutex, OnceLock};

use ark_relations::gr1cs::ConstraintSynthesizer;
use rand_core::{CryptoRng, RngCore};
use sha2::{Digest, Sha256};

use crate::{check_key_structure, CircuitId, Fr, ProvingKey, Result, VerifyingKey};

/// `SHA-256(tag || u64be(|pk|) || pk || u64be(|vk|) || vk)` over the keys' octets (the proving
/// key's octets include its circuit id and its powers of tau).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct KeyDigest([u8; 32]);

impl KeyDigest {
    /// Domain separation tag.
    pub const TAG: &'static [u8] = b"ZKCRED-SNARK-CHECKED-KEY-V1";

    /// The digest of a key pair.
    pub fn of(pk: &ProvingKey, vk: &VerifyingKey) -> Self {
        let mut h = Sha256::new();
        h.update(Self::TAG);
        for bytes in [pk.to_bytes(), vk.to_bytes()] {
            h.update((bytes.len() as u64).to_be_bytes());
            h.update(&bytes);
        }
        KeyDigest(h.finalize().into())
    }

    /// The 32 bytes.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

/// A set of key digests that passed [`check_key_structure`] (bounded: it starts over after
/// [`CheckedKeys::CAPACITY`] entries).
#[derive(Debug, Default)]
pub struct CheckedKeys {
    passed: Mutex<HashSet<(KeyDigest, CircuitId)>>,
}

impl CheckedKeys {
    /// Entries kept before the set is cleared.
    pub const CAPACITY: usize = 4096;

    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// The process-wide set that wallets share.
    pub fn global() -> &'static CheckedKeys {
        static GLOBAL: OnceLock<CheckedKeys> = OnceLock::new();
        GLOBAL.get_or_init(CheckedKeys::new)
    }

    /// Whether the key pair with `digest` passed for `circuit_id`.
    pub fn contains(&self, digest: &KeyDigest, circuit_id: &CircuitId) -> bool {
        self.lock().contains(&(*digest, *circuit_id))
    }

    /// [`check_key_structure`] unless the pair with `digest` (which the caller computed with
    /// [`KeyDigest::of`] from this `pk` and `vk`) already passed for `circuit_id`.
    pub fn check<C, R>(
        &self,
        digest: &KeyDigest,
        pk: &ProvingKey,
        vk: &VerifyingKey,
        circuit_id: CircuitId,
        circuit: C,
        rng: &mut R,
    ) -> Result<()>
    where
        C: ConstraintSynthesizer<Fr>,
        R: RngCore + CryptoRng,
    {
        if self.contains(digest, &circuit_id) {
            return Ok(());
        }
        check_key_structure(pk, vk, circuit_id, circuit, rng)?;
        let mut set = self.lock();
        if set.len() >= Self::CAPACITY {
            set.clear();
        }
        set.insert((*digest, circuit_id));
        Ok(())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashSet<(KeyDigest, CircuitId)>> {
        // A panic while holding the lock leaves a set of digests, which is still valid.
        self.passed.lock().unwrap_or_else(|e| e.into_inner())
    }
}
