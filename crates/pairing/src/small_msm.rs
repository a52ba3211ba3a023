//! Multi-scalar multiplication for a few variable bases (1-4 terms), where Pippenger's bucket
//! method (arkworks' MSM) is slower than separate multiplications. Shared by the verifiers
//! (BBS T1 and Uv, a Groth16 opening's T_D, the holder link's T).
//!
//! Straus' interleaving with the GLV endomorphism: each s_i = k_i1 + λ·k_i2 with |k_ij| about
//! 128 bits, so sum s_i·P_i = sum k_i1·P_i + k_i2·φ(P_i). All 2n half-scalars share one chain
//! of 128 doublings; each is in width-5 NAF, adding one of 8 precomputed odd multiples (the
//! multiples of φ(P) are φ of the multiples of P, one field multiplication each).

use ark_bls12_381::{g1, Fr, G1Affine, G1Projective};
use ark_ec::scalar_mul::glv::GLVConfig;
use ark_ec::AdditiveGroup;
use ark_ff::{BigInteger, PrimeField, Zero};

/// wNAF window width.
const W: usize = 5;
/// Odd multiples per base: P, 3P, .., (2^(W-1) - 1)P.
const ODD: usize = 1 << (W - 2);

/// `sum_i scalars[i]·bases[i]` over the common prefix (Straus–GLV, one doubling chain).
pub fn small_msm(bases: &[G1Projective], scalars: &[Fr]) -> G1Projective {
    let n = bases.len().min(scalars.len());
    let mut multiples = Vec::with_capacity(n * ODD);
    let mut digits: Vec<(Vec<i64>, bool, bool)> = Vec::with_capacity(2 * n);
    for (p, s) in bases.iter().zip(scalars) {
        let ((pos1, k1), (pos2, k2)) = g1::Config::scalar_decomposition(*s);
        let twice = p.double();
        let mut acc = *p;
        multiples.push(acc);
        for _ in 1..ODD {
            acc += &twice;
            multiples.push(acc);
        }
        // (digits, negate, use the endomorphism table)
        digits.push((wnaf(&k1), !pos1, false));
        digits.push((wnaf(&k2), !pos2, true));
    }
    let table = crate::normalize::normalize(&multiples);
    let endo: Vec<G1Affine> = table.iter().map(g1::Config::endomorphism_affine).collect();
    let len = digits.iter().map(|(d, _, _)| d.len()).max().unwrap_or(0);
    let mut acc = G1Projective::zero();
    for i in (0..len).rev() {
        acc.double_in_place();
        for (j, (naf, negate, use_endo)) in digits.iter().enumerate() {
            let d = match naf.get(i) {
                Some(&d) if d != 0 => d,
                _ => continue,
            };
            let base = j / 2;
            let idx = base * ODD + (d.unsigned_abs() as usize - 1) / 2;
            let pt = if *use_endo { &endo[idx] } else { &table[idx] };
            if (d < 0) ^ *negate {
                acc -= pt;
            } else {
                acc += pt;
            }
        }
    }
    acc
}

fn wnaf(k: &Fr) -> Vec<i64> {
    // W is in 2..64, so find_wnaf always succeeds.
    k.into_bigint().find_wnaf(W).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ark_ff::UniformRand;
    use rand::SeedableRng;

    #[test]
    fn matches_naive() {
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(3);
        for n in 1..5 {
            let bases: Vec<G1Projective> = (0..n).map(|_| G1Projective::rand(&mut rng)).collect();
            let mut scalars: Vec<Fr> = (0..n).map(|_| Fr::rand(&mut rng)).collect();
            if n == 3 {
                scalars[1] = Fr::zero();
                scalars[2] = -Fr::from(1u64);
            }
            let expected: G1Projective = bases.iter().zip(&scalars).map(|(p, s)| *p * s).sum();
            assert_eq!(small_msm(&bases, &scalars), expected);
        }
        // Identity base.
        let bases = [G1Projective::zero(), G1Projective::rand(&mut rng)];
        let scalars = [Fr::rand(&mut rng), Fr::rand(&mut rng)];
        assert_eq!(small_msm(&bases, &scalars), bases[1] * scalars[1]);
    }
}
