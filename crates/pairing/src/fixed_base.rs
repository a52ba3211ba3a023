//! Fixed-base scalar multiplication for points that never change: BBS generators, a
//! Groth16 key's IC_i and query points, the holder link's G and H (G1 and G2 of BLS12-381,
//! any short Weierstrass curve).
//!
//! Each generator G gets a table of signed-window multiples: for window j (w bits each) the
//! points k·2^(w·j)·G for k = 1..2^(w−1). A scalar is recoded into digits d_j in
//! [−2^(w−1) + 1, 2^(w−1)] so that s = sum d_j·2^(w·j); then s·G = sum ±table[j][|d_j|], one
//! mixed addition per window and no doubling. With the default w = 7 that is 37 additions
//! and 37·64 affine points (222 KiB in G1) per generator; a smaller w trades additions
//! for memory (w = 4: 64 additions, 512 points).

use ark_bls12_381::{g1, Fr, G1Projective};
use ark_ec::short_weierstrass::{Affine, Projective, SWCurveConfig};
use ark_ec::{AdditiveGroup, AffineRepr, CurveGroup};
use ark_ff::{PrimeField, Zero};
use zeroize::Zeroize;

/// Default window width in bits.
const W: usize = 7;
/// Widest window accepted by [`FixedBaseTable::with_window`] (2^15 points per window).
const MAX_W: usize = 16;

/// Precomputed signed-window multiples of one fixed point of the curve `P` (G1 by default).
#[derive(Clone)]
pub struct FixedBaseTable<P: SWCurveConfig = g1::Config> {
    entries: Box<[Affine<P>]>,
    window: usize,
}

impl<P: SWCurveConfig> FixedBaseTable<P> {
    /// The table of k·2^(7·j)·P for every window j, 1 <= k <= 64.
    pub fn new(p: &Affine<P>) -> Self {
        Self::with_window(p, W)
    }

    /// The table of k·2^(w·j)·P for every window j, 1 <= k <= 2^(w−1); `w` is clamped to
    /// 2..=16. Bases of window j are 2^(w·j)·P, made affine once, then each k·base is one
    /// mixed addition.
    pub fn with_window(p: &Affine<P>, w: usize) -> Self {
        let window = w.clamp(2, MAX_W);
        let (windows, half) = (windows::<P>(window), 1usize << (window - 1));
        let mut bases = Vec::with_capacity(windows);
        let mut base = p.into_group();
        for _ in 0..windows {
            bases.push(base);
            for _ in 0..window {
                base.double_in_place();
            }
        }
        let bases = Projective::<P>::normalize_batch(&bases);
        let mut all = Vec::with_capacity(windows * half);
        for b in &bases {
            let mut acc = b.into_group();
            all.push(acc);
            for _ in 1..half {
                acc += b;
                all.push(acc);
            }
        }
        Self {
            entries: Projective::<P>::normalize_batch(&all).into_boxed_slice(),
            window,
        }
    }

    /// The window width w in bits.
    pub fn window(&self) -> usize {
        self.window
    }

    /// Bytes held by the table's points.
    pub fn memory_bytes(&self) -> usize {
        core::mem::size_of_val(&*self.entries)
    }

    /// Pushes the table entries whose sum is s·P (negated where the digit is negative).
    #[inline]
    pub fn select(&self, s: &P::ScalarField, out: &mut Vec<Affine<P>>) {
        let half = 1usize << (self.window - 1);
        let mut digits = [0i32; 256];
        let digits = &mut digits[..windows::<P>(self.window)];
        let mut limbs = s.into_bigint();
        signed_digits(limbs.as_ref(), self.window, digits);
        limbs.as_mut().zeroize();
        for (j, d) in digits.iter().enumerate() {
            match (*d).cmp(&0) {
                core::cmp::Ordering::Greater => out.push(self.entries[j * half + *d as usize - 1]),
                core::cmp::Ordering::Less => {
                    out.push(-self.entries[j * half + d.unsigned_abs() as usize - 1])
                }
                core::cmp::Ordering::Equal => {}
            }
        }
        wipe(digits);
    }

    /// s·P with one mixed addition per nonzero digit.
    pub fn mul(&self, s: &P::ScalarField) -> Projective<P> {
        let mut points = Vec::with_capacity(windows::<P>(self.window));
        self.select(s, &mut points);
        let sum = points
            .iter()
            .fold(Projective::<P>::zero(), |acc, p| acc + p);
        wipe(&mut points);
        sum
    }
}

impl<P: SWCurveConfig> core::fmt::Debug for FixedBaseTable<P> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("FixedBaseTable")
            .field("base", &self.entries.first())
            .field("window", &self.window)
            .finish_non_exhaustive()
    }
}

/// Zeroizes secret-derived values (digits of a scalar, the table entries they select).
fn wipe<T: Zeroize>(v: &mut [T]) {
    v.iter_mut().for_each(Zeroize::zeroize);
}

/// Windows for a scalar of the curve's field: bits/w + 1 (the top window holds fewer than w
/// bits, so the recoding cannot carry out of it).
fn windows<P: SWCurveConfig>(w: usize) -> usize {
    <P::ScalarField as PrimeField>::MODULUS_BIT_SIZE as usize / w + 1
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

/// `sum_i s_i·P_i` over fixed G1 bases with tables: the selected table entries are summed
/// with batched affine additions.
pub fn fixed_base_sum<'a>(
    terms: impl IntoIterator<Item = (&'a FixedBaseTable, Fr)>,
) -> G1Projective {
    FixedBaseTable::sum_with_points(terms, [])
}

impl FixedBaseTable<g1::Config> {
    /// `sum_i s_i·P_i + sum_k Q_k` in G1: the selected table entries and the plain points
    /// `Q_k` (terms with scalar 1, say) summed together with batched affine additions.
    pub fn sum_with_points<'a>(
        terms: impl IntoIterator<Item = (&'a FixedBaseTable, Fr)>,
        points: impl IntoIterator<Item = ark_bls12_381::G1Affine>,
    ) -> G1Projective {
        let mut all = Vec::with_capacity(8 * windows::<g1::Config>(W));
        all.extend(points);
        for (table, s) in terms {
            table.select(&s, &mut all);
        }
        crate::affine_sum::sum_affine(all)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ark_bls12_381::{G1Affine, G2Affine, G2Projective};
    use ark_ff::UniformRand;
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

    #[test]
    fn every_window_width_multiplies_in_g1_and_g2() {
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(12);
        let p = G1Projective::rand(&mut rng).into_affine();
        let q = G2Projective::rand(&mut rng).into_affine();
        let specials = [Fr::zero(), Fr::from(1u64), -Fr::from(1u64), Fr::from(64u64)];
        for w in [2, 3, 4, 5, 6, 7, 8] {
            let (tp, tq) = (
                FixedBaseTable::with_window(&p, w),
                FixedBaseTable::<ark_bls12_381::g2::Config>::with_window(&q, w),
            );
            assert_eq!(tp.window(), w);
            for s in specials
                .into_iter()
                .chain((0..5).map(|_| Fr::rand(&mut rng)))
            {
                assert_eq!(tp.mul(&s), p * s, "G1, w = {w}");
                assert_eq!(tq.mul(&s), q * s, "G2, w = {w}");
            }
        }
        let identity = FixedBaseTable::new(&G2Affine::zero());
        assert!(identity.mul(&Fr::rand(&mut rng)).is_zero());
    }

    #[test]
    fn sum_with_points_adds_the_points() {
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(13);
        let ps: Vec<G1Affine> = (0..40)
            .map(|_| G1Projective::rand(&mut rng).into_affine())
            .collect();
        let tables: Vec<FixedBaseTable> = ps[..3]
            .iter()
            .map(|p| FixedBaseTable::with_window(p, 4))
            .collect();
        let s: Vec<Fr> = (0..3).map(|_| Fr::rand(&mut rng)).collect();
        let expected: G1Projective = ps[..3]
            .iter()
            .zip(&s)
            .map(|(p, s)| *p * s)
            .sum::<G1Projective>()
            + ps[3..].iter().map(|p| p.into_group()).sum::<G1Projective>();
        let got = FixedBaseTable::sum_with_points(tables.iter().zip(s), ps[3..].iter().copied());
        assert_eq!(got, expected);
    }
}
