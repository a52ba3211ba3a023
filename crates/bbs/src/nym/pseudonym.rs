//! The pseudonym of a context id (pseudonym draft 4.4):
//! OP = hash_to_curve_g1(context_id, api_id), z = H2S(context_id, api_id || "VECT_NYM_SECRETS"),
//! pseudonym = OP·Σ_{i=0}^{N-1} nym_secrets_i·z^i.
//!
//! A verifier meets the same context id in every presentation to one scope, so OP and z
//! (a hash to the curve, most of a proof verification's non-MSM cost) are kept in a small
//! bounded cache keyed by the exact hash input (`ContextCache`).

use super::types::{NymSecrets, Pseudonym};
use super::NymBbs;
use crate::error::{Error, Result};
use crate::hash::hash_to_curve_g1;
use crate::suite::Ciphersuite;
use ark_bls12_381::{Fr, G1Projective};
use ark_ec::{AffineRepr, CurveGroup};
use ark_ff::Zero;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// The per-context values OP and z.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ContextBase {
    pub op: G1Projective,
    pub z: Fr,
}

/// The hash input of a context's OP and z: suite, api_id and context id, exactly.
type ContextKey = (Ciphersuite, Vec<u8>, Vec<u8>);

/// OP and z of recently met contexts. Bounded: at most [`ContextCache::CAPACITY`] entries
/// of context ids up to [`ContextCache::MAX_CONTEXT_LEN`] bytes (longer ones are not kept);
/// a full cache starts over. An entry is the hash of its exact key, so a hit gives what a
/// miss computes.
pub(crate) struct ContextCache {
    entries: Mutex<HashMap<ContextKey, ContextBase>>,
    capacity: usize,
}

impl ContextCache {
    /// Entries kept before the cache is cleared.
    pub(crate) const CAPACITY: usize = 1024;
    /// The longest context id kept (a pseudonym scope's id is 64 hex characters).
    pub(crate) const MAX_CONTEXT_LEN: usize = 256;

    /// An empty cache of at most `capacity` entries.
    pub(crate) fn new(capacity: usize) -> Self {
        Self {
            entries: Mutex::new(HashMap::new()),
            capacity,
        }
    }

    /// The process-wide cache of every [`NymBbs`].
    fn global() -> &'static ContextCache {
        static GLOBAL: OnceLock<ContextCache> = OnceLock::new();
        GLOBAL.get_or_init(|| ContextCache::new(Self::CAPACITY))
    }

    /// The cached value of `key`, else `compute()` (kept if it succeeds and `key` is short).
    pub(crate) fn get_or_compute(
        &self,
        key: ContextKey,
        compute: impl FnOnce() -> Result<ContextBase>,
    ) -> Result<ContextBase> {
        if let Some(hit) = self.lock().get(&key) {
            return Ok(*hit);
        }
        let base = compute()?;
        if key.2.len() <= Self::MAX_CONTEXT_LEN {
            let mut entries = self.lock();
            if entries.len() >= self.capacity {
                entries.clear();
            }
            entries.insert(key, base);
        }
        Ok(base)
    }

    /// Number of entries.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.lock().len()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<ContextKey, ContextBase>> {
        // A panic while holding the lock leaves complete entries, which are still valid.
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl NymBbs {
    /// OP and z for a context id, from the process-wide [`ContextCache`].
    pub(crate) fn context_base(&self, context_id: &[u8]) -> Result<ContextBase> {
        self.context_base_in(ContextCache::global(), context_id)
    }

    /// OP and z for a context id, through `cache`.
    pub(crate) fn context_base_in(
        &self,
        cache: &ContextCache,
        context_id: &[u8],
    ) -> Result<ContextBase> {
        let key = (self.suite(), self.api_id().to_vec(), context_id.to_vec());
        cache.get_or_compute(key, || self.compute_context_base(context_id))
    }

    /// OP = hash_to_curve_g1(ctx, api_id), z = H2S(ctx, api_id || "VECT_NYM_SECRETS").
    fn compute_context_base(&self, context_id: &[u8]) -> Result<ContextBase> {
        let api_id = self.api_id();
        let op = hash_to_curve_g1(self.suite(), &[context_id], api_id)?;
        let z = self
            .suite()
            .hash_to_scalar(&[context_id], &[api_id, b"VECT_NYM_SECRETS"].concat())?;
        Ok(ContextBase { op, z })
    }

    /// The holder's pseudonym for `context_id`: OP·Σ_i nym_secrets_i·z^i. The same holder
    /// and context always give the same pseudonym.
    pub fn pseudonym(&self, context_id: &[u8], nym_secrets: &NymSecrets) -> Result<Pseudonym> {
        let base = self.context_base(context_id)?;
        let p = (base.op * poly_eval(nym_secrets.scalars(), &base.z)).into_affine();
        if p.is_zero() {
            return Err(Error::Degenerate("pseudonym is the identity"));
        }
        Ok(Pseudonym(p))
    }
}

/// Σ_i coeffs[i]·z^i by Horner's rule.
pub(crate) fn poly_eval(coeffs: &[Fr], z: &Fr) -> Fr {
    coeffs
        .iter()
        .rev()
        .fold(Fr::zero(), |acc, coeff| acc * z + coeff)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_hits_equal_misses_and_contexts_differ() {
        let nym = NymBbs::new(Ciphersuite::Bls12381Sha256);
        let cache = ContextCache::new(2);
        let miss = nym.context_base_in(&cache, b"scope-a").unwrap();
        assert_eq!(cache.len(), 1);
        let hit = nym.context_base_in(&cache, b"scope-a").unwrap();
        assert_eq!(hit, miss);
        assert_eq!(miss, nym.compute_context_base(b"scope-a").unwrap());
        let other = nym.context_base_in(&cache, b"scope-b").unwrap();
        assert_ne!(other.op, miss.op);
        assert_ne!(other.z, miss.z);
        // The other suite hashes the same context elsewhere.
        let shake = NymBbs::new(Ciphersuite::Bls12381Shake256);
        assert_ne!(
            shake.context_base_in(&cache, b"scope-a").unwrap().op,
            miss.op
        );
    }

    #[test]
    fn cache_is_bounded() {
        let nym = NymBbs::new(Ciphersuite::Bls12381Sha256);
        let cache = ContextCache::new(3);
        for i in 0..10u8 {
            let ctx = [i; 4];
            let base = nym.context_base_in(&cache, &ctx).unwrap();
            assert_eq!(base, nym.compute_context_base(&ctx).unwrap());
            assert!(cache.len() <= 3);
        }
        let long = vec![7u8; ContextCache::MAX_CONTEXT_LEN + 1];
        let before = cache.len();
        nym.context_base_in(&cache, &long).unwrap();
        assert_eq!(cache.len(), before);
    }
}
