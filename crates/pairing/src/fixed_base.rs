//! Fixed-base scalar multiplication for points that never change: BBS generators, a
//! Groth16 key's IC_i, the holder link's G and H.
//!
//! Each generator G gets a table of signed-window multiples: for window j (7 bits each) the
//! points k·2^(7j)·G for k = 1..64. A scalar is recoded into digits d_j in [-63, 64] so that
//! s = sum d_j·2^(7j); then s·G = sum ±table[j][|d_j|], 37 mixed additions and no doubling.
//! A sum of n terms costs 37·n additions into one accumulator. Tables are 37·64 affine points
//! (about 240 KiB) per generator, built once on first use.

use ark_bls12_381::{Fr, G1Affine, G1Projective};
use ark_ec::{AdditiveGroup, AffineRepr};
use ark_ff::PrimeField;

/// Window width in bits.
const W: usize = 7;
/// Number of positive multiples per window (2^(W-1)).
const HALF: usize = 1 << (W - 1);
/// Windows needed for a 255-bit scalar plus the final carry.
const WINDOWS: usize = 255_usize.div_ceil(W) + 1;

/// Precomputed signed-window multiples of one fixed point.
#[derive(Clone)]
pub struct FixedBaseTable {
    entries: Box<[G1Affine]>,
}

impl FixedBaseTable {
    /// Builds the table of k·2^(W·j)·P for j < WINDOWS, 1 <= k <= HALF.
    pub fn new(p: &G1Affine) -> Self {
        let mut all = Vec::with_capacity(WINDOWS * HALF);
        let mut base = p.into_group();
        for _ in 0..WINDOWS {
            let mut acc = base;
            all.push(acc);
            for _ in 1..HALF {
                acc += &base;
                all.push(acc);
            }
            for _ in 0..W {
                base.double_in_place();
            }
        }
        Self {
            entries: crate::normalize::normalize(&all).into_boxed_slice(),
        }
    }

    /// Pushes the table entries whose sum is s·P (negated where the digit is negative).
    #[inline]
    fn select(&self, s: &Fr, out: &mut Vec<G1Affine>) {
        let mut digits = [0i32; WINDOWS];
        signed_digits(&s.into_bigint().0, W, &mut digits);
        for (j, d) in digits.iter().enumerate() {
            match (*d).cmp(&0) {
                core::cmp::Ordering::Greater => out.push(self.entries[j * HALF + *d as usize - 1]),
                core::cmp::Ordering::Less => {
                    out.push(-self.entries[j * HALF + d.unsigned_abs() as usize - 1])
                }
                core::cmp::Ordering::Equal => {}
            }
        }
    }
}

impl core::fmt::Debug for FixedBaseTable {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("FixedBaseTable")
            .field("base", &self.entries.first())
            .finish_non_exhaustive()
    }
}

/// Recodes s (little-endian 64-bit limbs) into signed base-2^w digits d_j in
/// [−(2^(w−1) − 1), 2^(w−1)] with s = sum d_j·2^(w·j), one per entry of `digits` (w <= 30;
/// for s < 2^b, b/w + 1 digits suffice: the top window holds fewer than w bits, so it
/// cannot carry out).
pub(crate) fn signed_digits(limbs: &[u64], w: usize, digits: &mut [i32]) {
    let n = limbs.len();
    let (half, mask) = (1u64 << (w - 1), (1u64 << w) - 1);
    let mut carry = 0u64;
    for (j, digit) in digits.iter_mut().enumerate() {
        let bit = j * w;
        let (limb, off) = (bit / 64, bit % 64);
        let mut v = if limb < n { limbs[limb] >> off } else { 0 };
        if off + w > 64 && limb + 1 < n {
            v |= limbs[limb + 1] << (64 - off);
        }
        v = (v & mask) + carry;
        carry = u64::from(v > half);
        *digit = v as i32 - ((carry as i32) << w);
    }
}

/// `sum_i s_i·P_i` over fixed bases with tables: the selected table entries are summed with
/// batched affine additions.
pub fn fixed_base_sum<'a>(
    terms: impl IntoIterator<Item = (&'a FixedBaseTable, Fr)>,
) -> G1Projective {
    let mut points = Vec::with_capacity(8 * WINDOWS);
    for (table, s) in terms {
        table.select(&s, &mut points);
    }
    crate::affine_sum::sum_affine(points)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ark_ec::CurveGroup;
    use ark_ff::{UniformRand, Zero};
    use rand::SeedableRng;

    /// sum d_j·2^(w·j) for the w-bit signed digits of s, checking their range.
    fn recombine(s: &Fr, w: usize) -> Fr {
        let mut digits = vec![0i32; 255 / w + 1];
        signed_digits(&s.into_bigint().0, w, &mut digits);
        let (mut acc, mut pow) = (Fr::zero(), Fr::from(1u64));
        for d in digits {
            assert!(-(1i32 << (w - 1)) < d && d <= 1 << (w - 1));
            acc += pow * Fr::from(d as i64);
            pow *= Fr::from(1u64 << w);
        }
        acc
    }

    #[test]
    fn digits_reconstruct_scalar() {
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(7);
        for w in [2, 5, W, 8, 11, 13, 15, 16, 17, 20] {
            for _ in 0..50 {
                let s = Fr::rand(&mut rng);
                assert_eq!(recombine(&s, w), s, "w = {w}");
            }
            for s in [Fr::zero(), Fr::from(1u64), -Fr::from(1u64)] {
                assert_eq!(recombine(&s, w), s, "w = {w}");
            }
        }
    }

    #[test]
    fn sum_matches_plain_multiplication() {
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(8);
        let points: Vec<G1Affine> = (0..3)
            .map(|_| G1Projective::rand(&mut rng).into_affine())
            .collect();
        let tables: Vec<FixedBaseTable> = points.iter().map(FixedBaseTable::new).collect();
        let scalars = [Fr::rand(&mut rng), Fr::zero(), -Fr::from(1u64)];
        // Many terms, so that the batched affine rounds run.
        let many: Vec<Fr> = (0..3).map(|_| Fr::rand(&mut rng)).collect();
        let expected_many: G1Projective = points.iter().zip(&many).map(|(p, s)| *p * s).sum();
        assert_eq!(
            fixed_base_sum(tables.iter().zip(many.iter().copied())),
            expected_many
        );
        let expected: G1Projective = points.iter().zip(scalars.iter()).map(|(p, s)| *p * s).sum();
        let got = fixed_base_sum(tables.iter().zip(scalars.iter().copied()));
        assert_eq!(got, expected);
        assert!(!points[0].is_zero());
    }
}
