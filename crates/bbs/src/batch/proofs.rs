//! Batch verification of proofs: each challenge is checked on its own, and the pairing checks
//! e(Abar_k, W_k)·e(Bbar_k, −BP2) = 1 are merged with random 128-bit weights ρ_k into one
//! multi-pairing: prod_W e(sum_{k: W_k = W} ρ_k·Abar_k, W) · e(−sum_k ρ_k·Bbar_k, BP2) = 1
//! (see [`super`] for the soundness argument). When the merged check fails, each remaining
//! proof is checked alone so the error names every bad one.

use super::{failing, map_all};
use crate::context::Bbs;
use crate::error::{Error, Result};
use crate::keys::PublicKey;
use crate::proof::Proof;
use ark_bls12_381::Fr;
use rand_core::{CryptoRng, RngCore};
use zkcred_pairing::{all_hold, PairingCheck};

/// One proof to verify in a batch, with what its verification needs.
#[derive(Clone, Copy, Debug)]
pub struct BatchItem<'a> {
    /// The issuer's public key.
    pub pk: &'a PublicKey,
    /// The proof.
    pub proof: &'a Proof,
    /// The signature header.
    pub header: &'a [u8],
    /// The presentation header.
    pub ph: &'a [u8],
    /// Disclosed indexes, ascending.
    pub disclosed_indexes: &'a [usize],
    /// Disclosed messages as scalars, in index order.
    pub disclosed_messages: &'a [Fr],
}

impl Bbs {
    /// Verifies every proof of the batch. `Err(Error::BatchFailed { failed })` lists the
    /// indexes of all proofs that do not verify; any other error is not returned per item.
    ///
    /// Each proof goes through [`Bbs::proof_verify_scalars_deferred`] (everything but the
    /// pairing); the equations of those that pass are merged into one check
    /// ([`zkcred_pairing::all_hold`]), and only if it fails is each checked alone.
    pub fn batch_verify<R: RngCore + CryptoRng>(
        &self,
        items: &[BatchItem<'_>],
        rng: &mut R,
    ) -> Result<()> {
        let deferred = map_all(items.len(), |i| self.item_deferred(&items[i]).ok());
        let mut failed: Vec<usize> = (0..items.len())
            .filter(|&i| deferred[i].is_none())
            .collect();
        let (passing, checks): (Vec<usize>, Vec<PairingCheck<'_>>) = deferred
            .into_iter()
            .enumerate()
            .filter_map(|(i, c)| c.map(|c| (i, c)))
            .unzip();
        if !all_hold(&checks, rng) {
            let which: Vec<usize> = (0..checks.len()).collect();
            failed.extend(
                failing(&which, |k| !checks[k].holds())
                    .into_iter()
                    .map(|k| passing[k]),
            );
            failed.sort_unstable();
        }
        if failed.is_empty() {
            Ok(())
        } else {
            Err(Error::BatchFailed { failed })
        }
    }

    /// ProofVerify of one item up to its pairing.
    fn item_deferred<'k>(&self, item: &BatchItem<'k>) -> Result<PairingCheck<'k>> {
        self.proof_verify_scalars_deferred(
            item.pk,
            item.proof,
            item.header,
            item.ph,
            item.disclosed_indexes,
            item.disclosed_messages,
        )
    }
}
