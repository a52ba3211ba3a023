//! Merged evaluation of many [`PairingCheck`]s: each equation raised to its own random
//! 128-bit weight, all multiplied, one multi-Miller loop (one pair per distinct G2 point) and
//! one final exponentiation. See the crate docs for the soundness bound (2^-128).

use crate::check::PairingCheck;
use crate::groups::G2Groups;
use crate::weights::random_weight;
use ark_bls12_381::Fr;
use ark_ff::One;
use rand_core::{CryptoRng, RngCore};

/// Whether every check holds, except with probability at most 1/(2^128 − 1) when one does
/// not: `prod_k E_k^{r_k} = 1` with `r_1 = 1` and the other weights from `rng`. No check:
/// true; one check: its own [`PairingCheck::holds`].
///
/// The first weight may be 1: if only `E_1` is false the product is `E_1 ≠ 1`; if some
/// `E_j` with `j > 1` is false, the bound of the crate docs holds for its random `r_j`.
pub fn all_hold<'c, 'a: 'c, R: RngCore + CryptoRng>(
    checks: impl IntoIterator<Item = &'c PairingCheck<'a>>,
    rng: &mut R,
) -> bool {
    let checks: Vec<&PairingCheck<'a>> = checks.into_iter().collect();
    match checks.as_slice() {
        [] => true,
        [one] => one.holds(),
        many => {
            let mut groups = G2Groups::new();
            let mut weight = Fr::one();
            for check in many {
                groups.push_check(check, weight);
                weight = random_weight(rng);
            }
            groups.product_is_one()
        }
    }
}

/// The indexes of the checks that do not hold, ascending: one merged check, then, only if
/// it fails, each check alone.
pub fn failing<R: RngCore + CryptoRng>(checks: &[PairingCheck<'_>], rng: &mut R) -> Vec<usize> {
    if all_hold(checks, rng) {
        return Vec::new();
    }
    (0..checks.len()).filter(|&i| !checks[i].holds()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{G2Side, PreparedG2};
    use ark_bls12_381::{Fr, G1Projective, G2Affine};
    use ark_ec::{AffineRepr, PrimeGroup};

    /// e(s·P + offset, Q) · e(−P, s·Q): holds iff offset = 0.
    fn equation(q: &PreparedG2, s: u64, offset: G1Projective) -> PairingCheck<'_> {
        let p = G1Projective::generator();
        let sq: G2Affine = (G2Affine::generator() * Fr::from(s)).into();
        PairingCheck::new()
            .with(p * Fr::from(s) + offset, G2Side::Fixed(q))
            .with(-p, G2Side::Point(sq))
    }

    #[test]
    fn merged_equals_individual() {
        let rng = &mut rand::thread_rng();
        let q = PreparedG2::new(G2Affine::generator());
        let zero = G1Projective::default();
        let good: Vec<_> = (1..6).map(|s| equation(&q, s, zero)).collect();
        assert!(good.iter().all(PairingCheck::holds));
        assert!(all_hold(&good, rng));
        assert!(all_hold(&good[..1], rng));
        assert!(all_hold(&[], rng));
        assert!(failing(&good, rng).is_empty());
        let mut bad = good.clone();
        bad[3] = equation(&q, 4, G1Projective::generator());
        assert!(!all_hold(&bad, rng));
        assert_eq!(failing(&bad, rng), vec![3]);
    }

    #[test]
    fn offsets_that_cancel_without_weights_are_caught() {
        let rng = &mut rand::thread_rng();
        let q = PreparedG2::new(G2Affine::generator());
        let t = G1Projective::generator() * Fr::from(1234u64);
        let pair = [equation(&q, 2, t), equation(&q, 3, -t)];
        // Unweighted, the offsets +T and −T on the same G2 point cancel.
        let mut unweighted = G2Groups::new();
        for c in &pair {
            unweighted.push_check(c, Fr::from(1u64));
        }
        assert!(unweighted.product_is_one());
        assert!(!all_hold(&pair, rng));
        assert_eq!(failing(&pair, rng), vec![0, 1]);
    }
}
