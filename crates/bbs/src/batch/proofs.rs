//! Batch verification of proofs: each challenge is checked on its own, and the pairing checks
//! e(Abar_k, W_k)·e(Bbar_k, −BP2) = 1 are merged with random 128-bit weights ρ_k into one
//! multi-pairing: prod_W e(sum_{k: W_k = W} ρ_k·Abar_k, W) · e(−sum_k ρ_k·Bbar_k, BP2) = 1
//! (see [`super`] for the soundness argument). When the merged check fails, each remaining
//! proof is checked alone so the error names every bad one.

use super::{failing, random_weights, KeyGroups};
use crate::context::Bbs;
use crate::core_ops::pairing_product_is_one;
use crate::error::{Error, Result};
use crate::keys::PublicKey;
use crate::proof::Proof;
use ark_bls12_381::{Fr, G1Affine, G1Projective};
use ark_ec::VariableBaseMSM;
use rand_core::{CryptoRng, RngCore};

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
    pub fn batch_verify<R: RngCore + CryptoRng>(
        &self,
        items: &[BatchItem<'_>],
        rng: &mut R,
    ) -> Result<()> {
        let all: Vec<usize> = (0..items.len()).collect();
        let mut failed = failing(&all, |i| !self.challenge_holds(&items[i]));
        let passing: Vec<usize> = all
            .into_iter()
            .filter(|i| failed.binary_search(i).is_err())
            .collect();
        if !passing.is_empty() && !merged_pairing_check(items, &passing, rng) {
            failed.extend(failing(&passing, |i| {
                !pairing_product_is_one(
                    &items[i].proof.a_bar,
                    items[i].pk,
                    &(-items[i].proof.b_bar),
                )
            }));
            failed.sort_unstable();
        }
        if failed.is_empty() {
            Ok(())
        } else {
            Err(Error::BatchFailed { failed })
        }
    }

    /// Everything of ProofVerify but the pairing check: the inputs and the challenge.
    fn challenge_holds(&self, item: &BatchItem<'_>) -> bool {
        let l = item.disclosed_indexes.len() + item.proof.undisclosed_count();
        self.core(l)
            .and_then(|ctx| {
                let rec = ctx.recompute(
                    item.pk,
                    item.proof,
                    &[item.header],
                    item.disclosed_indexes,
                    item.disclosed_messages,
                )?;
                ctx.check_challenge(item.proof, &rec, &[], item.ph, &[])
            })
            .is_ok()
    }
}

/// The merged pairing check over `which` items.
fn merged_pairing_check<R: RngCore + CryptoRng>(
    items: &[BatchItem<'_>],
    which: &[usize],
    rng: &mut R,
) -> bool {
    let weights = random_weights(which.len(), rng);
    let mut groups = KeyGroups::default();
    for (&i, w) in which.iter().zip(&weights) {
        groups.push(items[i].pk, items[i].proof.a_bar, *w);
    }
    let b_bars: Vec<G1Affine> = which.iter().map(|&i| -items[i].proof.b_bar).collect();
    groups.product_with_bp2_is_one(G1Projective::msm_unchecked(&b_bars, &weights))
}
