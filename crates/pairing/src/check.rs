//! [`PairingCheck`]: one pairing equation `prod_i e(X_i, Q_i) = 1`, built by a verifier after
//! its other checks and evaluated now ([`PairingCheck::holds`]) or merged with others
//! ([`crate::all_hold`]).

use crate::blst_bridge::g1_to_blst;
use crate::g2::G2Side;
use crate::normalize::normalize;
use ark_bls12_381::G1Projective;
use group::Group;
use pairing_lib::{MillerLoopResult, MultiMillerLoop};

/// One pairing equation: pairs `(X_i, Q_i)` whose pairings multiply to 1 in GT. Every point
/// must be in its prime-order subgroup (the verifiers that build checks ensure this; the
/// merge's soundness relies on it). The empty equation holds.
#[derive(Clone, Debug, Default)]
pub struct PairingCheck<'a> {
    pairs: Vec<(G1Projective, G2Side<'a>)>,
}

impl<'a> PairingCheck<'a> {
    /// The empty equation.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the factor `e(x, q)`.
    pub fn push(&mut self, x: impl Into<G1Projective>, q: G2Side<'a>) {
        self.pairs.push((x.into(), q));
    }

    /// With the factor `e(x, q)` added.
    pub fn with(mut self, x: impl Into<G1Projective>, q: G2Side<'a>) -> Self {
        self.push(x, q);
        self
    }

    /// The pairs `(X_i, Q_i)`.
    pub fn pairs(&self) -> &[(G1Projective, G2Side<'a>)] {
        &self.pairs
    }

    /// Number of pairs.
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    /// Whether there is no pair.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// Whether `prod_i e(X_i, Q_i) = 1`: one multi-Miller loop over the pairs, one final
    /// exponentiation, no weights (one equation needs none).
    pub fn holds(&self) -> bool {
        let g1: Vec<G1Projective> = self.pairs.iter().map(|(x, _)| *x).collect();
        product_is_one(&g1, self.pairs.iter().map(|(_, q)| *q).collect::<Vec<_>>())
    }
}

/// `prod_i e(g1_i, g2_i) == 1`: blst's Miller loop per pair over prepared lines, the results
/// multiplied, one final exponentiation.
pub(crate) fn product_is_one(g1: &[G1Projective], g2: Vec<G2Side<'_>>) -> bool {
    let g1: Vec<blstrs::G1Affine> = normalize(g1).iter().map(g1_to_blst).collect();
    let g2: Vec<_> = g2.into_iter().map(G2Side::to_prepared).collect();
    let terms: Vec<_> = g1.iter().zip(&g2).map(|(p, q)| (p, q.as_ref())).collect();
    if terms.is_empty() {
        return true;
    }
    blstrs::Bls12::multi_miller_loop(&terms)
        .final_exponentiation()
        .is_identity()
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::PreparedG2;
    use ark_bls12_381::{Fr, G2Affine};
    use ark_ec::{AffineRepr, PrimeGroup};

    #[test]
    fn holds_iff_the_product_is_one() {
        let q = PreparedG2::new(G2Affine::generator());
        let p = G1Projective::generator();
        let q7: G2Affine = (G2Affine::generator() * Fr::from(7u64)).into();
        let good = PairingCheck::new()
            .with(p * Fr::from(7u64), G2Side::Fixed(&q))
            .with(-p, G2Side::Point(q7));
        assert!(good.holds());
        assert_eq!(good.len(), 2);
        let bad = PairingCheck::new()
            .with(p * Fr::from(6u64), G2Side::Fixed(&q))
            .with(-p, G2Side::Point(q7));
        assert!(!bad.holds());
        assert!(PairingCheck::new().holds());
    }
}
