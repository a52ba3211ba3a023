//! Fixed-base scalar multiplication for points that never change: BBS generators, a
//! Groth16 key's IC_i, the holder link's G and H.
//!
//! Each generator G gets a table of signed-window multiples: for window j (7 bits each) the
//! points k·2^(7j)·G for k = 1..64. A scalar is recoded into digits d_j in [-63, 64] so that
//! s = sum d_j·2^(7j); then s·G = sum ±table[j][|d_j|], 37 mixed additions and no doubling.
//! A sum of n terms costs 37·n additions into one accumulator. Tables are 37·64 affine points
//! (about 240 KiB) per generator, built once on first use.

use ark_bls12_381::{Fq, Fr, G1Affine, G1Projective};
use ark_ec::{AdditiveGroup, AffineRepr};
use ark_ff::{Field, PrimeField, Zero};

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
        for (j, d) in signed_digits(s).iter().enumerate() {
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

/// Recodes s into WINDOWS signed digits in [-(HALF-1), HALF] with s = sum d_j·2^(W·j).
fn signed_digits(s: &Fr) -> [i8; WINDOWS] {
    let limbs = s.into_bigint().0;
    let mut digits = [0i8; WINDOWS];
    let mut carry = 0u64;
    for (j, digit) in digits.iter_mut().enumerate() {
        let bit = j * W;
        let (limb, off) = (bit / 64, bit % 64);
        let mut v = if limb < 4 { limbs[limb] >> off } else { 0 };
        if off + W > 64 && limb + 1 < 4 {
            v |= limbs[limb + 1] << (64 - off);
        }
        v = (v & ((1 << W) - 1)) + carry;
        if v > HALF as u64 {
            *digit = (v as i64 - (1i64 << W)) as i8;
            carry = 1;
        } else {
            *digit = v as i8;
            carry = 0;
        }
    }
    digits
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
    sum_affine(points)
}

/// Below this many points a batched round (one field inversion) costs more than it saves.
const BATCH_THRESHOLD: usize = 24;

/// Sums affine points pairwise in rounds: the slopes of one round share one inversion
/// (Montgomery's trick), so an addition costs about 5M + 1S instead of a mixed addition's
/// 7M + 4S. Pairs with equal x (a doubling or P + (−P)) and the identity go to a projective
/// accumulator, which handles every case.
fn sum_affine(mut points: Vec<G1Affine>) -> G1Projective {
    let mut acc = G1Projective::zero();
    let mut denominators: Vec<Fq> = Vec::with_capacity(points.len() / 2);
    while points.len() > BATCH_THRESHOLD {
        let pairs = points.len() / 2;
        denominators.clear();
        denominators.extend(points.chunks_exact(2).map(|pq| {
            let (p, q) = (&pq[0], &pq[1]);
            if p.is_zero() || q.is_zero() || p.x == q.x {
                Fq::ONE
            } else {
                q.x - p.x
            }
        }));
        crate::normalize::invert_all(&mut denominators);
        let odd = (points.len() % 2 == 1).then(|| points[points.len() - 1]);
        let mut out = 0;
        for i in 0..pairs {
            let (p, q) = (points[2 * i], points[2 * i + 1]);
            let sum = if p.is_zero() {
                q
            } else if q.is_zero() {
                p
            } else if p.x == q.x {
                acc += &p;
                acc += &q;
                continue;
            } else {
                let lambda = (q.y - p.y) * denominators[i];
                let x3 = lambda.square() - p.x - q.x;
                let y3 = lambda * (p.x - x3) - p.y;
                G1Affine::new_unchecked(x3, y3)
            };
            points[out] = sum;
            out += 1;
        }
        if let Some(last) = odd {
            points[out] = last;
            out += 1;
        }
        points.truncate(out);
    }
    for p in &points {
        acc += p;
    }
    acc
}

#[cfg(test)]
mod tests {
    use super::*;
    use ark_ec::CurveGroup;
    use ark_ff::UniformRand;
    use rand::SeedableRng;

    #[test]
    fn digits_reconstruct_scalar() {
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(7);
        for _ in 0..200 {
            let s = Fr::rand(&mut rng);
            let mut acc = Fr::zero();
            let mut pow = Fr::from(1u64);
            let radix = Fr::from(1u64 << W);
            for d in signed_digits(&s) {
                acc += pow * Fr::from(d as i64);
                pow *= radix;
            }
            assert_eq!(acc, s);
        }
        let minus_one = -Fr::from(1u64);
        let mut acc = Fr::zero();
        let mut pow = Fr::from(1u64);
        for d in signed_digits(&minus_one) {
            acc += pow * Fr::from(d as i64);
            pow *= Fr::from(1u64 << W);
        }
        assert_eq!(acc, minus_one);
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

    #[test]
    fn affine_sum_handles_doubling_cancellation_and_identity() {
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(9);
        let p = G1Projective::rand(&mut rng).into_affine();
        let q = G1Projective::rand(&mut rng).into_affine();
        // P, P (doubling), Q, -Q (cancellation), identity, then filler to pass the threshold.
        let mut pts = vec![p, p, q, -q, G1Affine::zero(), p];
        let mut expected = p.into_group() * Fr::from(3u64);
        for _ in 0..100 {
            let r = G1Projective::rand(&mut rng).into_affine();
            pts.push(r);
            expected += r;
        }
        pts.push(q);
        pts.push(q);
        expected += q.into_group().double();
        assert_eq!(sum_affine(pts), expected);
    }
}
