//! Batch verification: many pairing checks merged into one multi-pairing with random weights.
//!
//! Each item i is valid iff a product of pairings e(X_i, W_i) · e(Y_i, BP2) is 1 in GT. With
//! random nonzero 128-bit weights r_i, the batch checks
//!
//! ```text
//! prod_W e(sum_{i: W_i = W} r_i·X_i, W) · e(sum_i r_i·Y_i, BP2) = 1
//! ```
//!
//! one Miller loop per distinct key W plus one for BP2, and one final exponentiation; the G1
//! sums are multi-scalar multiplications. If some item is invalid, its factor
//! g_i = e(X_i, W_i)·e(Y_i, BP2) ≠ 1 has prime order r and, whatever the other items and
//! weights, at most one value of r_i mod r makes the product 1: an invalid batch passes with
//! probability at most 1/(2^128 − 1). The weights must be unpredictable to whoever chose the
//! items (errors that cancel in the unweighted product, e.g. X_1 + T and X_2 − T, do not
//! cancel after weighting). This is the small-exponents batch test of Bellare, Garay and
//! Rabin, "Fast Batch Verification for Modular Exponentiation and Digital Signatures"
//! (EUROCRYPT 1998), as Camenisch, Hohenberger and Pedersen, "Batch Verification of Short
//! Signatures" (EUROCRYPT 2007), apply it to pairing equations.
//!
//! When the merged check fails, each item is checked alone so that the error
//! ([`crate::Error::BatchFailed`]) names every failing item.
//!
//! * [`proofs`]: [`crate::Bbs::batch_verify`], proofs (X = Abar, Y = −Bbar).
//! * [`signatures`]: [`crate::batch_verify_signatures`], signatures (X = A, Y = e·A − B).

pub mod proofs;
pub mod signatures;

use crate::core_ops::bp2_prepared;
use crate::keys::PublicKey;
use ark_bls12_381::{Bls12_381, Fr, G1Affine, G1Projective};
use ark_ec::pairing::Pairing;
use ark_ec::VariableBaseMSM;
use ark_ff::Zero;
use rand_core::{CryptoRng, RngCore};

/// `n` independent uniform weights in [1, 2^128 − 1] from the caller's RNG.
pub(crate) fn random_weights<R: RngCore + CryptoRng>(n: usize, rng: &mut R) -> Vec<Fr> {
    (0..n).map(|_| random_weight(rng)).collect()
}

fn random_weight<R: RngCore + CryptoRng>(rng: &mut R) -> Fr {
    loop {
        let mut b = [0u8; 16];
        rng.fill_bytes(&mut b);
        let w = u128::from_le_bytes(b);
        if w != 0 {
            return Fr::from(w);
        }
    }
}

/// The points X_i with their weights r_i, grouped by public key W: the factors
/// e(sum_{i: W_i = W} r_i·X_i, W) of a merged check, one per distinct key.
#[derive(Default)]
pub(crate) struct KeyGroups<'k> {
    keys: Vec<&'k PublicKey>,
    groups: Vec<(Vec<G1Affine>, Vec<Fr>)>,
}

impl<'k> KeyGroups<'k> {
    /// Adds r·X to the group of `pk` (keys are compared by their octets).
    pub(crate) fn push(&mut self, pk: &'k PublicKey, x: G1Affine, r: Fr) {
        let g = match self.keys.iter().position(|k| *k == pk) {
            Some(g) => g,
            None => {
                self.keys.push(pk);
                self.groups.push((Vec::new(), Vec::new()));
                self.keys.len() - 1
            }
        };
        self.groups[g].0.push(x);
        self.groups[g].1.push(r);
    }

    /// prod_W e(sum r_i·X_i, W) · e(y, BP2) == 1_GT: one multi-Miller loop over the
    /// distinct keys and BP2, one final exponentiation.
    pub(crate) fn product_with_bp2_is_one(&self, y: G1Projective) -> bool {
        let mut g1: Vec<G1Projective> = self
            .groups
            .iter()
            .map(|(bases, ws)| G1Projective::msm_unchecked(bases, ws))
            .collect();
        g1.push(y);
        let g1 = crate::normalize::normalize(&g1);
        let g2: Vec<_> = self
            .keys
            .iter()
            .map(|k| k.prepared().clone())
            .chain(core::iter::once(bp2_prepared().clone()))
            .collect();
        let ml = Bls12_381::multi_miller_loop(g1, g2);
        Bls12_381::final_exponentiation(ml).is_some_and(|gt| gt.is_zero())
    }
}

/// The indexes in `which` for which `fails` holds, in order; on all cores with the
/// `parallel` feature.
pub(crate) fn failing<F>(which: &[usize], fails: F) -> Vec<usize>
where
    F: Fn(usize) -> bool + Sync + Send,
{
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        which.par_iter().copied().filter(|&i| fails(i)).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        which.iter().copied().filter(|&i| fails(i)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ark_ec::AffineRepr;
    use ark_ff::{BigInteger, PrimeField};

    /// Zeros for the first `zeros` bytes, then 0xff.
    struct Stuck {
        zeros: usize,
    }

    impl RngCore for Stuck {
        fn next_u32(&mut self) -> u32 {
            rand_core::impls::next_u32_via_fill(self)
        }
        fn next_u64(&mut self) -> u64 {
            rand_core::impls::next_u64_via_fill(self)
        }
        fn fill_bytes(&mut self, dest: &mut [u8]) {
            for b in dest {
                *b = if self.zeros > 0 { 0 } else { 0xff };
                self.zeros = self.zeros.saturating_sub(1);
            }
        }
        fn try_fill_bytes(
            &mut self,
            dest: &mut [u8],
        ) -> core::result::Result<(), rand_core::Error> {
            self.fill_bytes(dest);
            Ok(())
        }
    }
    impl CryptoRng for Stuck {}

    #[test]
    fn weights_are_nonzero_and_128_bit() {
        // A zero draw is redrawn.
        let w = random_weights(2, &mut Stuck { zeros: 32 });
        assert_eq!(w, vec![Fr::from(u128::MAX); 2]);
        let w = random_weights(100, &mut rand::thread_rng());
        assert!(w
            .iter()
            .all(|w| !w.is_zero() && w.into_bigint().num_bits() <= 128));
    }

    #[test]
    fn keys_are_grouped_by_value() {
        let mut rng = rand::thread_rng();
        let suite = crate::Ciphersuite::Bls12381Sha256;
        let k1 = crate::KeyPair::random(suite, &mut rng).unwrap().public;
        let k1_again = PublicKey::from_bytes(&k1.to_bytes()).unwrap();
        let k2 = crate::KeyPair::random(suite, &mut rng).unwrap().public;
        let mut groups = KeyGroups::default();
        for k in [&k1, &k2, &k1_again, &k2, &k1] {
            groups.push(k, G1Affine::generator(), Fr::from(1u64));
        }
        assert_eq!(groups.keys.len(), 2);
        assert_eq!(groups.groups[0].0.len(), 3);
        assert_eq!(groups.groups[1].1.len(), 2);
    }
}
