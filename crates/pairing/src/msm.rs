//! Variable-base multi-scalar multiplication `sum_i s_i·P_i` in G1 for many terms.
//!
//! Pippenger's bucket method (N. Pippenger, "On the evaluation of powers and monomials",
//! SIAM J. Comput. 1980; as in Bernstein et al., "Faster batch forgery identification",
//! INDOCRYPT 2012) over GLV halves:
//!
//! - GLV (Gallant–Lambert–Vanstone, CRYPTO 2001): s = k1 + k2·z² with k1, k2 < 2^128 and
//!   z²·P = −φ(P), so N full-size terms become 2N terms of 128 bits.
//! - Signed c-bit digits k = sum_j d_j·2^(c·j), |d_j| <= 2^(c−1): for window j the point ±P
//!   goes to bucket |d_j|, so a window has 2^(c−1) buckets; the window sums are combined by
//!   Horner's rule (c doublings each).
//! - Affine buckets: all buckets of a window are summed pairwise in rounds with one field
//!   inversion per round shared by all of them (Montgomery's trick; the "affine buckets" of
//!   Aztec's barretenberg and of gnark), about 6 field multiplications per addition instead
//!   of 11 for a mixed Jacobian addition ([`crate::affine_sum`]).
//! - The window sum sum_k k·B_k in two levels, also with batched affine sums (see
//!   `Buckets::reduce`), instead of a running sum over all 2^(c−1) buckets.

use ark_bls12_381::{g1, Fq, Fr, G1Affine, G1Projective};
use ark_ec::scalar_mul::glv::GLVConfig;
use ark_ec::{AdditiveGroup, AffineRepr, VariableBaseMSM};
use ark_ff::{PrimeField, Zero};

use crate::affine_sum::{is_identity, sum_lists, Lists};
use crate::fixed_base::signed_digits;

/// Up to this many terms `small_msm` (Straus–GLV) is fastest.
const SMALL: usize = 4;
/// From this many terms the bucket method here beats arkworks' `msm_unchecked` (measured:
/// even at 32, 10-15% faster at 64-128, 25-45% above).
const CROSSOVER: usize = 32;
/// Windows whose buckets are summed together: grouping shares each round's field inversion
/// among the windows' buckets. Below 2,048 terms the inversions dominate and all windows go
/// together (N = 64: 2.65 → 1.70 ms, 256: 5.8 → 4.7 ms); at 4,096 a larger working set made
/// it slower (48 → 53 ms), so one window at a time.
fn group_windows(n: usize) -> usize {
    if n < 2048 {
        usize::MAX
    } else {
        1
    }
}
/// Batched rounds stop below this many pairs; the points left go into the running sums.
const MIN_PAIRS: usize = 16;

/// `sum_i scalars[i]·bases[i]` over the common prefix of `bases` and `scalars` (extra
/// elements of the longer one are ignored). Bases are not checked: they must be on the curve
/// (the identity is allowed). Single-threaded; any N: up to 4 terms it runs `small_msm`,
/// below a measured crossover arkworks' `msm_unchecked`, and the affine-bucket Pippenger above.
pub fn msm(bases: &[G1Affine], scalars: &[Fr]) -> G1Projective {
    let n = bases.len().min(scalars.len());
    let (bases, scalars) = (&bases[..n], &scalars[..n]);
    if n <= SMALL {
        let bases: Vec<G1Projective> = bases.iter().map(|p| p.into_group()).collect();
        crate::small_msm(&bases, scalars)
    } else if n < CROSSOVER {
        G1Projective::msm_unchecked(bases, scalars)
    } else {
        pippenger(bases, scalars)
    }
}

/// Window width c for n terms (2n GLV halves), measured on a 2-core EPYC (N = 32..16384).
fn window_bits(n: usize) -> usize {
    match n {
        0..=63 => 6,
        64..=127 => 7,
        128..=511 => 8,
        512..=1023 => 9,
        1024..=4095 => 10,
        4096..=8191 => 11,
        8192..=16383 => 12,
        16384..=65535 => 13,
        _ => 14,
    }
}

/// Pippenger's bucket method with the window width for the number of terms.
fn pippenger(bases: &[G1Affine], scalars: &[Fr]) -> G1Projective {
    pippenger_with(window_bits(bases.len()), bases, scalars)
}

/// Pippenger's bucket method with c-bit windows (2 <= c <= 30) over the GLV halves: the
/// window sums W_j, then sum_j 2^(c·j)·W_j by Horner's rule.
fn pippenger_with(c: usize, bases: &[G1Affine], scalars: &[Fr]) -> G1Projective {
    let (points, halves) = glv_terms(bases, scalars);
    if points.is_empty() {
        return G1Projective::zero();
    }
    let digits = window_digits(&halves, c);
    let mut buckets = Buckets::new(c);
    let mut sums = Vec::new();
    for group in digits.chunks(group_windows(bases.len()).saturating_mul(points.len())) {
        sums.extend(buckets.window_sums(&points, group));
    }
    let mut acc = G1Projective::zero();
    for sum in sums.iter().rev() {
        for _ in 0..c {
            acc.double_in_place();
        }
        acc += sum;
    }
    acc
}

/// The c-bit signed digits of 128-bit scalars, window by window: digit j of `halves[i]` is
/// at `j·n + i` (128/c + 1 windows).
fn window_digits(halves: &[u128], c: usize) -> Vec<i32> {
    let (n, windows) = (halves.len(), 128 / c + 1);
    let mut digits = vec![0i32; n * windows];
    let mut one = vec![0i32; windows];
    for (i, k) in halves.iter().enumerate() {
        signed_digits(&[*k as u64, (*k >> 64) as u64], c, &mut one);
        for (j, d) in one.iter().enumerate() {
            digits[j * n + i] = *d;
        }
    }
    digits
}

/// z² for the BLS12-381 parameter z = −0xd201000000010000. The endomorphism
/// φ(x, y) = (β·x, y) is multiplication by arkworks' `LAMBDA` = −z² mod r, so
/// −φ(P) = z²·P (Gallant–Lambert–Vanstone, CRYPTO 2001).
const Z_SQUARED: u128 = 0xac45_a401_0001_a402_0000_0001_0000_0000;

/// The 2n terms of sum s_i·P_i = sum k_i1·P_i + k_i2·(−φ(P_i)) with s_i = k_i1 + k_i2·z².
fn glv_terms(bases: &[G1Affine], scalars: &[Fr]) -> (Vec<G1Affine>, Vec<u128>) {
    let mut points = Vec::with_capacity(2 * bases.len());
    let mut halves = Vec::with_capacity(2 * bases.len());
    for (p, s) in bases.iter().zip(scalars) {
        let (k1, k2) = split(s);
        points.push(*p);
        points.push(-g1::Config::endomorphism_affine(p));
        halves.push(k1);
        halves.push(k2);
    }
    (points, halves)
}

/// (k1, k2) with s = k1 + k2·z², 0 <= k1 < z² < 2^128 and k2 < 2^128 (as s < r < z⁴): the
/// division of s by z² in two steps of one 64-bit quotient digit each.
fn split(s: &Fr) -> (u128, u128) {
    let l = s.into_bigint().0;
    // s >> 64 < 2^191 and its top 128 bits are below 2^127 <= z²: q1 < 2^64.
    let (q1, r1) = divide_step(u128::from(l[3]) << 64 | u128::from(l[2]), l[1]);
    let (q0, r0) = divide_step(r1, l[0]);
    (r0, u128::from(q1) << 64 | u128::from(q0))
}

/// (q, r) with t·2^64 + u = q·z² + r, r < z², for t < z² (so q < 2^64). Knuth's algorithm D
/// step (TAOCP vol. 2, 4.3.1): z²'s top limb has its top bit set, so the estimate
/// t / top limb is at most 2 above q.
fn divide_step(t: u128, u: u64) -> (u64, u128) {
    const HI: u64 = (Z_SQUARED >> 64) as u64;
    const LO: u64 = Z_SQUARED as u64;
    let mut q = (t / u128::from(HI)).min(u128::from(u64::MAX)) as u64;
    // q·z² as (high 128 bits, low 64 bits).
    let low = u128::from(q) * u128::from(LO);
    let mut product = (u128::from(q) * u128::from(HI) + (low >> 64), low as u64);
    while product > (t, u) {
        q -= 1;
        let (lo, borrow) = product.1.overflowing_sub(LO);
        product = (product.0 - u128::from(HI) - u128::from(borrow), lo);
    }
    let (lo, borrow) = u.overflowing_sub(product.1);
    let hi = t - product.0 - u128::from(borrow);
    (q, hi << 64 | u128::from(lo))
}

/// Scratch space for the buckets of a group of windows, reused across groups.
struct Buckets {
    /// Buckets per window, 2^(c−1).
    m: usize,
    points: Vec<G1Affine>,
    starts: Vec<usize>,
    lens: Vec<usize>,
    denominators: Vec<Fq>,
}

impl Buckets {
    fn new(c: usize) -> Self {
        Self {
            m: 1 << (c - 1),
            points: Vec::new(),
            starts: Vec::new(),
            lens: Vec::new(),
            denominators: Vec::new(),
        }
    }

    /// The window sums sum_k k·B_jk for the windows whose digits are `digits` (n per window),
    /// where bucket B_jk sums sign(d_ij)·P_i over the terms with |d_ij| = k.
    fn window_sums(&mut self, bases: &[G1Affine], digits: &[i32]) -> Vec<G1Projective> {
        let windows = digits.len() / bases.len();
        self.fill(bases, digits);
        let mut lists = Lists {
            points: &mut self.points,
            starts: &self.starts,
            lens: &mut self.lens,
        };
        sum_lists(&mut lists, MIN_PAIRS, &mut self.denominators);
        self.reduce(windows)
    }

    /// Sorts the points ±P_i into their buckets (a counting sort), skipping zero digits and
    /// identity bases; list j·m + k − 1 is bucket k of window j.
    fn fill(&mut self, bases: &[G1Affine], digits: &[i32]) {
        let m = self.m;
        self.lens.clear();
        self.lens.resize(digits.len() / bases.len() * m, 0);
        for (row, lens) in digits
            .chunks_exact(bases.len())
            .zip(self.lens.chunks_exact_mut(m))
        {
            for (p, &d) in bases.iter().zip(row) {
                if d != 0 && !is_identity(p) {
                    lens[d.unsigned_abs() as usize - 1] += 1;
                }
            }
        }
        self.starts.clear();
        let mut total = 0;
        for len in &self.lens {
            self.starts.push(total);
            total += len;
        }
        self.points.clear();
        self.points.resize(total, G1Affine::zero());
        let mut next = self.starts.clone();
        for (row, next) in digits
            .chunks_exact(bases.len())
            .zip(next.chunks_exact_mut(m))
        {
            for (p, &d) in bases.iter().zip(row) {
                if d != 0 && !is_identity(p) {
                    let slot = &mut next[d.unsigned_abs() as usize - 1];
                    self.points[*slot] = if d > 0 { *p } else { -*p };
                    *slot += 1;
                }
            }
        }
    }

    /// Each window's sum_k k·B_k in two levels: with k = a·2^h + b (0 <= b < 2^h),
    /// sum_k k·B_k = 2^h·sum_a a·S_a + sum_b b·T_b, where S_a = sum_b B_(a·2^h+b) and
    /// T_b = sum_a B_(a·2^h+b) are summed as lists (batched affine, all windows together),
    /// and the two short weighted sums are running sums.
    fn reduce(&mut self, windows: usize) -> Vec<G1Projective> {
        let m = self.m;
        let h = (m.trailing_zeros() as usize).div_ceil(2);
        let (block, rows) = (1usize << h, (m >> h) + 1);
        let per_window = rows - 1 + block - 1;
        let mut points = Vec::with_capacity(2 * self.points.len());
        let mut starts = Vec::with_capacity(windows * per_window);
        let mut lens = Vec::with_capacity(windows * per_window);
        let mut push_list = |buckets: &mut dyn Iterator<Item = &[G1Affine]>| {
            starts.push(points.len());
            let before = points.len();
            for b in buckets {
                points.extend_from_slice(b);
            }
            lens.push(points.len() - before);
        };
        for j in 0..windows {
            // S_a, a = 1..rows: buckets a·2^h .. a·2^h + 2^h − 1.
            for a in 1..rows {
                let ks = a * block..((a + 1) * block).min(m + 1);
                push_list(&mut ks.map(|k| self.bucket(j, k)));
            }
            // T_b, b = 1..2^h: buckets b, b + 2^h, b + 2·2^h, ...
            for b in 1..block {
                push_list(&mut (b..=m).step_by(block).map(|k| self.bucket(j, k)));
            }
        }
        let mut lists = Lists {
            points: &mut points,
            starts: &starts,
            lens: &mut lens,
        };
        sum_lists(&mut lists, MIN_PAIRS, &mut self.denominators);
        (0..windows)
            .map(|j| {
                let first = j * per_window;
                let mut high = running_sum(&lists, first..first + rows - 1);
                for _ in 0..h {
                    high.double_in_place();
                }
                high + running_sum(&lists, first + rows - 1..first + per_window)
            })
            .collect()
    }

    /// The points left in bucket k (k >= 1) of window j.
    fn bucket(&self, j: usize, k: usize) -> &[G1Affine] {
        let list = j * self.m + k - 1;
        let start = self.starts[list];
        &self.points[start..start + self.lens[list]]
    }
}

/// sum_k k·B_k where B_k sums list `range.start + k − 1` (k = 1..=range.len()): with
/// R_k = B_k + .. + B_m, it is R_1 + .. + R_m, 2m additions.
fn running_sum(lists: &Lists<'_>, range: core::ops::Range<usize>) -> G1Projective {
    let mut running = G1Projective::zero();
    let mut total = G1Projective::zero();
    for k in range.rev() {
        for p in lists.list(k) {
            running += p;
        }
        total += &running;
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;
    use ark_ec::CurveGroup;
    use ark_ff::UniformRand;
    use rand::SeedableRng;
    use rand_chacha::ChaCha20Rng;

    fn random_points(n: usize, rng: &mut ChaCha20Rng) -> Vec<G1Affine> {
        let points: Vec<G1Projective> = (0..n).map(|_| G1Projective::rand(rng)).collect();
        crate::normalize(&points)
    }

    fn random_scalars(n: usize, rng: &mut ChaCha20Rng) -> Vec<Fr> {
        (0..n).map(|_| Fr::rand(rng)).collect()
    }

    fn assert_matches_arkworks(bases: &[G1Affine], scalars: &[Fr]) {
        let expected = G1Projective::msm_unchecked(bases, scalars);
        assert_eq!(msm(bases, scalars), expected, "n = {}", bases.len());
        assert_eq!(pippenger(bases, scalars), expected, "n = {}", bases.len());
    }

    #[test]
    fn random_terms_match_arkworks() {
        let mut rng = ChaCha20Rng::seed_from_u64(11);
        let all = random_points(4096, &mut rng);
        for n in [0, 1, 2, 3, 5, 31, 32, 33, 100, 257, 1000, 4096] {
            let scalars = random_scalars(n, &mut rng);
            let expected = G1Projective::msm_unchecked(&all[..n], &scalars);
            assert_eq!(msm(&all[..n], &scalars), expected, "n = {n}");
            if n > 0 {
                assert_eq!(pippenger(&all[..n], &scalars), expected, "n = {n}");
            }
        }
    }

    #[test]
    fn zero_and_extreme_scalars() {
        let mut rng = ChaCha20Rng::seed_from_u64(12);
        let bases = random_points(300, &mut rng);
        let minus_one = -Fr::from(1u64);
        let mut scalars = random_scalars(300, &mut rng);
        for (i, s) in scalars.iter_mut().enumerate() {
            match i % 4 {
                0 => *s = Fr::zero(),
                1 => *s = minus_one,
                2 => *s = Fr::from(i as u64),
                _ => {}
            }
        }
        assert_matches_arkworks(&bases, &scalars);
        assert_matches_arkworks(&bases, &vec![Fr::zero(); 300]);
        assert_matches_arkworks(&bases, &vec![minus_one; 300]);
        assert!(msm(&bases, &vec![Fr::zero(); 300]).is_zero());
    }

    #[test]
    fn repeated_bases_double_in_buckets() {
        let mut rng = ChaCha20Rng::seed_from_u64(13);
        let p = G1Projective::rand(&mut rng).into_affine();
        let q = G1Projective::rand(&mut rng).into_affine();
        // One point many times with equal scalars: every bucket addition is P + P.
        let same = vec![p; 200];
        let s = Fr::rand(&mut rng);
        assert_matches_arkworks(&same, &vec![s; 200]);
        // Few distinct scalars over two points: doublings and sums of multiples of P.
        let scalars: Vec<Fr> = (0..400)
            .map(|i| Fr::from((i % 3) as u64) - Fr::from(1u64))
            .collect();
        let mixed: Vec<G1Affine> = (0..400).map(|i| if i % 5 == 0 { q } else { p }).collect();
        assert_matches_arkworks(&mixed, &scalars);
        assert_matches_arkworks(&mixed, &random_scalars(400, &mut rng));
    }

    #[test]
    fn negated_bases_cancel_in_buckets() {
        let mut rng = ChaCha20Rng::seed_from_u64(14);
        let mut bases = random_points(150, &mut rng);
        let negated: Vec<G1Affine> = bases.iter().map(|p| -*p).collect();
        bases.extend(negated);
        let mut scalars = random_scalars(150, &mut rng);
        scalars.extend(scalars.clone());
        // Each P with scalar s meets −P with scalar s in every bucket: the sum is zero.
        assert_matches_arkworks(&bases, &scalars);
        assert!(msm(&bases, &scalars).is_zero());
        // P with s and P with −s: P + (−P) through a negative digit.
        let p = bases[0];
        let s = Fr::rand(&mut rng);
        let pairs: Vec<G1Affine> = vec![p; 100];
        let signed: Vec<Fr> = (0..100).map(|i| if i % 2 == 0 { s } else { -s }).collect();
        assert_matches_arkworks(&pairs, &signed);
        assert!(msm(&pairs, &signed).is_zero());
    }

    #[test]
    fn identity_bases_contribute_nothing() {
        let mut rng = ChaCha20Rng::seed_from_u64(15);
        let mut bases = random_points(100, &mut rng);
        for i in (0..100).step_by(7) {
            bases[i] = G1Affine::zero();
        }
        assert_matches_arkworks(&bases, &random_scalars(100, &mut rng));
        let identities = vec![G1Affine::zero(); 64];
        assert!(msm(&identities, &random_scalars(64, &mut rng)).is_zero());
    }

    #[test]
    fn mismatched_lengths_use_the_common_prefix() {
        let mut rng = ChaCha20Rng::seed_from_u64(16);
        let bases = random_points(120, &mut rng);
        let scalars = random_scalars(80, &mut rng);
        let expected = G1Projective::msm_unchecked(&bases[..80], &scalars);
        assert_eq!(msm(&bases, &scalars), expected);
        assert_eq!(
            msm(&bases[..50], &scalars),
            msm(&bases[..50], &scalars[..50])
        );
        assert_eq!(msm(&bases[..3], &scalars), msm(&bases[..3], &scalars[..3]));
    }

    #[test]
    fn glv_split_recombines() {
        let mut rng = ChaCha20Rng::seed_from_u64(18);
        let z2 = Fr::from(Z_SQUARED);
        assert_eq!(-z2, g1::Config::LAMBDA);
        let mut scalars = random_scalars(200, &mut rng);
        scalars.extend([
            Fr::zero(),
            Fr::from(1u64),
            -Fr::from(1u64),
            z2,
            z2 - Fr::from(1u64),
        ]);
        for s in scalars {
            let (k1, k2) = split(&s);
            assert!(k1 < Z_SQUARED);
            assert_eq!(Fr::from(k1) + Fr::from(k2) * z2, s);
        }
        let p = G1Projective::rand(&mut rng).into_affine();
        assert_eq!(-g1::Config::endomorphism_affine(&p), p * z2);
    }

    /// Binary long division of s by z², one bit at a time.
    fn split_by_bits(s: &Fr) -> (u128, u128) {
        let l = s.into_bigint().0;
        let (hi, lo) = (
            u128::from(l[3]) << 64 | u128::from(l[2]),
            u128::from(l[1]) << 64 | u128::from(l[0]),
        );
        let (mut rem, mut q) = (hi, 0u128);
        for i in (0..128).rev() {
            let overflow = rem >> 127 == 1;
            rem = rem << 1 | (lo >> i & 1);
            q <<= 1;
            if overflow || rem >= Z_SQUARED {
                rem = rem.wrapping_sub(Z_SQUARED);
                q |= 1;
            }
        }
        (rem, q)
    }

    #[test]
    fn glv_split_matches_long_division() {
        let mut rng = ChaCha20Rng::seed_from_u64(19);
        let z2 = Fr::from(Z_SQUARED);
        let mut scalars = random_scalars(2000, &mut rng);
        for k in [0u64, 1, 2, 3] {
            let k = Fr::from(k);
            scalars.extend([k, -k - Fr::from(1u64), z2 * k, z2 * k - Fr::from(1u64)]);
            scalars.extend([z2 * z2 - k, z2 * (z2 - Fr::from(1u64)) + k]);
        }
        for s in scalars {
            assert_eq!(split(&s), split_by_bits(&s), "{s}");
        }
        // t = z² − 1: the estimate t / top limb exceeds 2^64 − 1 and is clamped.
        // (z² − 1)·2^64 + u = (2^64 − 1)·z² + (z² − 2^64 + u).
        for u in [0, 1, u64::MAX] {
            let expected = (u64::MAX, Z_SQUARED - (1 << 64) + u128::from(u));
            assert_eq!(divide_step(Z_SQUARED - 1, u), expected);
        }
    }

    #[test]
    fn every_window_width_matches_arkworks() {
        let mut rng = ChaCha20Rng::seed_from_u64(17);
        let bases = random_points(200, &mut rng);
        let scalars = random_scalars(200, &mut rng);
        let expected = G1Projective::msm_unchecked(&bases, &scalars);
        for c in [2, 3, 4, 5, 7, 8, 13, 15, 16] {
            assert_eq!(pippenger_with(c, &bases, &scalars), expected, "c = {c}");
        }
    }
}
