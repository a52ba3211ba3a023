//! Batch verification of proofs: each challenge is checked on its own, and the pairing checks
//! e(Abar_k, W_k)·e(Bbar_k, −BP2) = 1 are merged with random 128-bit weights ρ_k into one
//! multi-pairing: prod_W e(sum_{k: W_k = W} ρ_k·Abar_k, W) · e(−sum_k ρ_k·Bbar_k, BP2) = 1.
//! A forged proof passes the merged check with probability at most 2^-128. When the merged
//! check fails, each remaining proof is checked alone so the error names every bad one.

use crate::context::Bbs;
use crate::core_ops::{bp2_prepared, pairing_product_is_one};
use crate::error::{Error, Result};
use crate::keys::PublicKey;
use crate::proof::Proof;
use ark_bls12_381::{Bls12_381, Fr, G1Affine, G1Projective};
use ark_ec::pairing::Pairing;
use ark_ec::VariableBaseMSM;
use ark_ff::Zero;
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
        let check = |item: &BatchItem<'_>| -> bool {
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
        };
        #[cfg(feature = "parallel")]
        let ok: Vec<bool> = {
            use rayon::prelude::*;
            items.par_iter().map(check).collect()
        };
        #[cfg(not(feature = "parallel"))]
        let ok: Vec<bool> = items.iter().map(check).collect();

        let mut failed: Vec<usize> = ok
            .iter()
            .enumerate()
            .filter(|(_, ok)| !**ok)
            .map(|(i, _)| i)
            .collect();
        let passing: Vec<usize> = ok
            .iter()
            .enumerate()
            .filter(|(_, ok)| **ok)
            .map(|(i, _)| i)
            .collect();
        if !passing.is_empty() && !merged_pairing_check(items, &passing, rng) {
            failed.extend(passing.iter().copied().filter(|&i| {
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
}

/// The merged pairing check over `which` items.
fn merged_pairing_check<R: RngCore + CryptoRng>(
    items: &[BatchItem<'_>],
    which: &[usize],
    rng: &mut R,
) -> bool {
    let weights: Vec<Fr> = which
        .iter()
        .map(|_| {
            let mut b = [0u8; 16];
            rng.fill_bytes(&mut b);
            Fr::from(u128::from_le_bytes(b) | 1)
        })
        .collect();
    // Group by public key: one pairing per distinct key.
    let mut keys: Vec<&PublicKey> = Vec::new();
    let mut groups: Vec<(Vec<G1Affine>, Vec<Fr>)> = Vec::new();
    for (&i, w) in which.iter().zip(&weights) {
        let pk = items[i].pk;
        let g = match keys.iter().position(|k| *k == pk) {
            Some(g) => g,
            None => {
                keys.push(pk);
                groups.push((Vec::new(), Vec::new()));
                keys.len() - 1
            }
        };
        groups[g].0.push(items[i].proof.a_bar);
        groups[g].1.push(*w);
    }
    let b_bars: Vec<G1Affine> = which.iter().map(|&i| -items[i].proof.b_bar).collect();
    let mut g1: Vec<G1Projective> = groups
        .iter()
        .map(|(bases, ws)| G1Projective::msm_unchecked(bases, ws))
        .collect();
    g1.push(G1Projective::msm_unchecked(&b_bars, &weights));
    let g1 = crate::normalize::normalize(&g1);
    let g2: Vec<_> = keys
        .iter()
        .map(|k| k.prepared().clone())
        .chain(core::iter::once(bp2_prepared().clone()))
        .collect();
    let ml = Bls12_381::multi_miller_loop(g1, g2);
    Bls12_381::final_exponentiation(ml).is_some_and(|gt| gt.is_zero())
}
