//! [`G2Groups`]: the G1 sides of many weighted pairs, grouped by their G2 point, so that a
//! merged check has one Miller loop per distinct G2 point:
//! `prod_Q e(sum_{pairs on Q} r·X, Q)`.

use crate::check::{product_is_one, PairingCheck};
use crate::g2::G2Side;
use crate::normalize::normalize;
use crate::small_msm::small_msm;
use ark_bls12_381::{Fr, G1Affine, G1Projective, G2Affine};
use ark_ec::AffineRepr;
use ark_ff::{One, Zero};
use std::collections::HashMap;

/// Up to this many terms a group's weighted sum is one Straus–GLV sum ([`small_msm`]: one
/// doubling chain, about half of arkworks' `P * s` for a single term); above, arkworks' MSM.
const SEPARATE_MAX: usize = 8;

/// Weighted G1 points grouped by G2 point (points are compared by value: the same key
/// pushed through two references is one group).
#[derive(Debug, Default)]
pub struct G2Groups<'a> {
    index: HashMap<G2Affine, usize>,
    groups: Vec<Group<'a>>,
}

/// The pairs on one G2 point: `sum_i w_i·X_i + Y`.
#[derive(Debug)]
struct Group<'a> {
    q: G2Side<'a>,
    bases: Vec<G1Projective>,
    weights: Vec<Fr>,
    weighted: G1Projective,
}

impl<'a> G2Groups<'a> {
    /// No group.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `weight·x` to the group of `q`. A weight of one is an addition; the same base as
    /// the group's last one (a key's α in every proof under it) adds to its weight.
    pub fn push(&mut self, q: G2Side<'a>, x: G1Projective, weight: Fr) {
        let g = self.group(q);
        if weight.is_one() {
            g.weighted += x;
        } else if g.bases.last() == Some(&x) {
            if let Some(w) = g.weights.last_mut() {
                *w += weight;
            }
        } else {
            g.bases.push(x);
            g.weights.push(weight);
        }
    }

    /// Adds `y` (already weighted) to the group of `q`.
    pub fn push_weighted(&mut self, q: G2Side<'a>, y: G1Projective) {
        self.group(q).weighted += y;
    }

    /// Adds every pair of `check` with the weight `weight`: the factor `check^weight`.
    pub fn push_check(&mut self, check: &PairingCheck<'a>, weight: Fr) {
        for (x, q) in check.pairs() {
            self.push(*q, *x, weight);
        }
    }

    /// Number of groups, i.e. of Miller loops in [`Self::product_is_one`].
    pub fn len(&self) -> usize {
        self.groups.len()
    }

    /// Whether there is no group.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// `prod_Q e(sum_Q, Q) == 1`: the G1 sums (all bases normalized with one inversion),
    /// then one multi-Miller loop over the groups and one final exponentiation.
    pub fn product_is_one(&self) -> bool {
        let all: Vec<G1Projective> = self
            .groups
            .iter()
            .flat_map(|g| g.bases.iter().copied())
            .collect();
        let affine = normalize(&all);
        let mut rest = affine.as_slice();
        let sums: Vec<G1Projective> = self
            .groups
            .iter()
            .map(|g| {
                let (bases, tail) = rest.split_at(g.bases.len());
                rest = tail;
                weighted_sum(bases, &g.weights) + g.weighted
            })
            .collect();
        product_is_one(&sums, self.groups.iter().map(|g| g.q).collect())
    }

    /// The group of `q`, new if needed; a fixed (prepared) point replaces a bare one.
    fn group(&mut self, q: G2Side<'a>) -> &mut Group<'a> {
        let next = self.groups.len();
        let g = *self.index.entry(q.point()).or_insert(next);
        if g == next {
            self.groups.push(Group {
                q,
                bases: Vec::new(),
                weights: Vec::new(),
                weighted: G1Projective::zero(),
            });
        }
        let group = &mut self.groups[g];
        if let (G2Side::Point(_), G2Side::Fixed(_)) = (group.q, q) {
            group.q = q;
        }
        group
    }
}

/// `sum_i w_i·X_i`.
fn weighted_sum(bases: &[G1Affine], weights: &[Fr]) -> G1Projective {
    if bases.len() <= SEPARATE_MAX {
        let bases: Vec<G1Projective> = bases.iter().map(|x| x.into_group()).collect();
        small_msm(&bases, weights)
    } else {
        crate::msm(bases, weights)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::PreparedG2;
    use ark_ec::{AffineRepr, PrimeGroup};

    #[test]
    fn points_are_grouped_by_value() {
        let q = PreparedG2::new(G2Affine::generator());
        let q2: G2Affine = (G2Affine::generator() * Fr::from(2u64)).into();
        let p = G1Projective::generator();
        let mut groups = G2Groups::new();
        groups.push(G2Side::Point(q2), p, Fr::from(1u64));
        groups.push(G2Side::Point(*q.point()), p, Fr::from(2u64));
        groups.push(G2Side::Fixed(&q), p, Fr::from(3u64));
        groups.push_weighted(G2Side::Point(q2), p);
        assert_eq!(groups.len(), 2);
        assert!(matches!(groups.groups[1].q, G2Side::Fixed(_)));
        // e(2P, 2G2) · e(5P, G2) = e(9P, G2) ≠ 1; with −9P on G2 it is 1.
        assert!(!groups.product_is_one());
        groups.push(G2Side::Fixed(&q), -p, Fr::from(9u64));
        assert!(groups.product_is_one());
    }

    #[test]
    fn unit_weights_add_and_repeated_bases_merge() {
        let q = PreparedG2::new(G2Affine::generator());
        let p = G1Projective::generator();
        let mut groups = G2Groups::new();
        groups.push(G2Side::Fixed(&q), p, Fr::one());
        groups.push(G2Side::Fixed(&q), p * Fr::from(3u64), Fr::from(2u64));
        groups.push(G2Side::Fixed(&q), p * Fr::from(3u64), Fr::from(5u64));
        groups.push(G2Side::Fixed(&q), p, Fr::from(4u64));
        assert_eq!(groups.groups[0].bases.len(), 2);
        assert_eq!(groups.groups[0].weights[0], Fr::from(7u64));
        // 1 + 3·7 + 4 = 26.
        groups.push(G2Side::Fixed(&q), -(p * Fr::from(26u64)), Fr::one());
        assert!(groups.product_is_one());
    }

    #[test]
    fn large_groups_use_the_msm() {
        let q = PreparedG2::new(G2Affine::generator());
        let p = G1Projective::generator();
        let mut groups = G2Groups::new();
        let n = SEPARATE_MAX as u64 + 3;
        for i in 1..=n {
            groups.push(G2Side::Fixed(&q), p * Fr::from(i), Fr::from(i));
        }
        let total: u64 = (1..=n).map(|i| i * i).sum();
        groups.push_weighted(G2Side::Fixed(&q), -(p * Fr::from(total)));
        assert!(groups.product_is_one());
    }
}
