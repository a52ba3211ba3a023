//! Serial conversion of G1 points to affine with one shared inversion.
//!
//! arkworks' `normalize_batch` switches to rayon when its `parallel` feature is on anywhere
//! in the build, which slows down the few points of one equation; this stays serial.

use ark_bls12_381::{Fq, G1Affine, G1Projective};
use ark_ec::AffineRepr;
use ark_ff::{AdditiveGroup, Field, Zero};

/// Inverts every element in place (zeros stay zero), serially, with one field inversion:
/// with prefix products p_i = v_0···v_(i−1) and t = 1/(v_0···v_(n−1)), walking back
/// 1/v_i = t·p_i and then t ← t·v_i (Montgomery's trick, 3 multiplications per element).
pub(crate) fn invert_all(v: &mut [Fq]) {
    let mut prefix = Vec::with_capacity(v.len());
    let mut product = Fq::ONE;
    for x in v.iter() {
        prefix.push(product);
        if !is_zero(x) {
            product *= x;
        }
    }
    // A product of nonzero elements is nonzero.
    let mut t = product.inverse().unwrap_or(Fq::ZERO);
    for (x, p) in v.iter_mut().zip(prefix).rev() {
        if !is_zero(x) {
            let inverse = t * p;
            t *= *x;
            *x = inverse;
        }
    }
}

/// x == 0 on the limbs, without a call to `memcmp` (on the hot path of batched additions).
#[inline]
pub(crate) fn is_zero(x: &Fq) -> bool {
    x.0 .0.iter().fold(0, |acc, l| acc | l) == 0
}

/// Jacobian (X, Y, Z) to affine (X/Z², Y/Z³) for all points with one inversion (serial
/// whatever features the build unifies; the identity stays the identity).
pub fn normalize(points: &[G1Projective]) -> Vec<G1Affine> {
    let mut z_inv: Vec<Fq> = points.iter().map(|p| p.z).collect();
    invert_all(&mut z_inv);
    points
        .iter()
        .zip(z_inv)
        .map(|(p, zi)| {
            if p.z.is_zero() {
                G1Affine::zero()
            } else {
                let zi2 = zi.square();
                G1Affine::new_unchecked(p.x * zi2, p.y * zi2 * zi)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ark_ec::{AdditiveGroup, CurveGroup};
    use ark_ff::UniformRand;
    use rand::SeedableRng;

    #[test]
    fn matches_arkworks() {
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(5);
        let mut pts: Vec<G1Projective> = (0..5).map(|_| G1Projective::rand(&mut rng)).collect();
        pts.push(G1Projective::zero());
        pts.push(pts[0].double());
        assert_eq!(normalize(&pts), G1Projective::normalize_batch(&pts));
    }

    #[test]
    fn inverts_nonzero_elements_and_keeps_zeros() {
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(6);
        let mut v: Vec<Fq> = (0..20).map(|_| Fq::rand(&mut rng)).collect();
        v[0] = Fq::ZERO;
        v[7] = Fq::ZERO;
        v[19] = Fq::ONE;
        let expected: Vec<Fq> = v.iter().map(|x| x.inverse().unwrap_or(Fq::ZERO)).collect();
        invert_all(&mut v);
        assert_eq!(v, expected);
        let mut zeros = vec![Fq::ZERO; 3];
        invert_all(&mut zeros);
        assert_eq!(zeros, vec![Fq::ZERO; 3]);
        invert_all(&mut []);
    }
}
