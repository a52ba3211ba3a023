//! Serial conversion of G1 points to affine with one shared inversion.
//!
//! arkworks' `normalize_batch` switches to rayon when its `parallel` feature is on anywhere
//! in the build, which slows down the few points of one equation; this stays serial.

use ark_bls12_381::{Fq, G1Affine, G1Projective};
use ark_ec::AffineRepr;
use ark_ff::{serial_batch_inversion_and_mul, Field, Zero};

/// Inverts every element in place (zeros stay zero), serially.
pub(crate) fn invert_all(v: &mut [Fq]) {
    serial_batch_inversion_and_mul(v, &Fq::ONE);
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
}
