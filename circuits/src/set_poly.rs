//! A fixed set's vanishing polynomial `P(x) = Π_i (x − s_i)`, evaluated at a hidden `w` with
//! few multiplications: its coefficients are constants, and a linear combination of
//! variables with constant coefficients costs no constraint.
//!
//! Paterson–Stockmeyer, degree `m`, block size `k`: compute `w^2..w^k` (`k − 1`
//! multiplications), cut `P` into blocks `Q_j` of `k` coefficients, so that
//! `P(w) = Σ_j Q_j(w)·y^j` with `y = w^k` and each `Q_j(w)` a free linear combination of
//! `1, w, .., w^(k−1)`, then Horner in `y`: `acc ← acc·y + Q_j(w)`, one multiplication per
//! block after the first (none when the top block is the constant 1). About `2√m`
//! constraints: 14 for `m = 63` or `64`, where the product of the factors takes `m − 1`.
//!
//! Soundness: every multiplication is a constraint, so each intermediate variable equals its
//! intended power or Horner value; the last constraint is `P(w) = 0` (membership) or
//! `P(w)·u = 1` (non-membership) for the same polynomial `P`, whose roots in the field are
//! exactly the elements of the set.

use ark_bls12_381::Fr;
use ark_ff::{Field, Zero};
use ark_r1cs_std::{fields::fp::FpVar, fields::FieldVar};
use ark_relations::gr1cs::SynthesisError;

/// Coefficients `c_0..c_m` of `Π_i (x − s_i)`, lowest degree first (`c_m = 1`).
pub(crate) fn coefficients(set: &[u64]) -> Vec<Fr> {
    let mut c = vec![Fr::ONE];
    for &s in set {
        let s = Fr::from(s);
        // (x − s)·Σ c_i x^i: c'_i = c_(i−1) − s·c_i.
        c.push(Fr::zero());
        for i in (0..c.len()).rev() {
            let lower = if i > 0 { c[i - 1] } else { Fr::zero() };
            c[i] = lower - s * c[i];
        }
    }
    c
}

/// Constraints of `P(w) = 0` with blocks of `k` (`1 <= k <= m`, so `J = ⌊m/k⌋ >= 1` blocks
/// above `Q_0`): `k − 1` powers, `J − 1` Horner steps (the first is free when the top block
/// is the constant 1, i.e. `k` divides `m`, unless it is the last), and the last step.
fn root_cost(m: usize, k: usize) -> usize {
    let j = m / k;
    k - 1 + j - usize::from(m.is_multiple_of(k) && j >= 2)
}

/// Constraints of `P(w)` as a variable with blocks of `k`: `k − 1` powers and `J` Horner
/// steps, the first free when `k` divides `m`.
fn evaluation_cost(m: usize, k: usize) -> usize {
    k - 1 + m / k - usize::from(m.is_multiple_of(k))
}

/// The block size in `1..=m` with the lowest `cost` for degree `m >= 1`.
fn best_block(m: usize, cost: fn(usize, usize) -> usize) -> usize {
    (1..=m.max(1)).min_by_key(|&k| cost(m, k)).unwrap_or(1)
}

/// Constraints of `P(w) = 0` for a set of `m >= 1` elements: 14 for `m = 63` or `64`.
pub(crate) fn root_constraints(m: usize) -> usize {
    root_cost(m, best_block(m, root_cost))
}

/// Constraints of `P(w)·u = 1` for a set of `m >= 1` elements: 15 for `m = 64`.
pub(crate) fn non_root_constraints(m: usize) -> usize {
    evaluation_cost(m, best_block(m, evaluation_cost)) + 1
}

/// `[1, w, w^2, .., w^k]` (`k − 1` constraints).
fn powers(w: &FpVar<Fr>, k: usize) -> Vec<FpVar<Fr>> {
    let mut p = vec![FpVar::one(), w.clone()];
    for i in 2..=k {
        let next = &p[i - 1] * w;
        p.push(next);
    }
    p
}

/// `Σ_i c_i·w^i` for one block (a linear combination: no constraint).
fn block(c: &[Fr], powers: &[FpVar<Fr>]) -> FpVar<Fr> {
    c.iter()
        .zip(powers)
        .fold(FpVar::zero(), |acc, (ci, p)| acc + p * *ci)
}

/// `(top, Q_0(w), y)` with `P(w) = top·y + Q_0(w)`.
type Horner = (FpVar<Fr>, FpVar<Fr>, FpVar<Fr>);

/// `(Σ_{j>=1} Q_j(w)·y^(j−1), Q_0(w), y)` for blocks of `k`: `P(w) = top·y + Q_0(w)`.
fn horner_top(w: &FpVar<Fr>, coeffs: &[Fr], k: usize) -> Result<Horner, SynthesisError> {
    let p = powers(w, k);
    let y = p[k].clone();
    let blocks: Vec<&[Fr]> = coeffs.chunks(k).collect();
    let (q0, upper) = blocks.split_first().ok_or(SynthesisError::Unsatisfiable)?;
    let mut upper = upper.iter().rev();
    let top = upper.next().ok_or(SynthesisError::Unsatisfiable)?;
    let mut acc = block(top, &p);
    for b in upper {
        acc = &acc * &y + block(b, &p);
    }
    Ok((acc, block(q0, &p), y))
}

/// The degree `m >= 1` of the polynomial with coefficients `coeffs`.
fn degree(coeffs: &[Fr]) -> Result<usize, SynthesisError> {
    coeffs
        .len()
        .checked_sub(1)
        .filter(|m| *m >= 1)
        .ok_or(SynthesisError::Unsatisfiable)
}

/// Enforces `P(w) = 0`, i.e. `w ∈ S` ([`root_constraints`]).
pub(crate) fn enforce_root(w: &FpVar<Fr>, coeffs: &[Fr]) -> Result<(), SynthesisError> {
    let k = best_block(degree(coeffs)?, root_cost);
    let (top, q0, y) = horner_top(w, coeffs, k)?;
    top.mul_equals(&y, &q0.negate()?)
}

/// `P(w)` as a variable ([`non_root_constraints`] − 1 constraints).
pub(crate) fn evaluate(w: &FpVar<Fr>, coeffs: &[Fr]) -> Result<FpVar<Fr>, SynthesisError> {
    let k = best_block(degree(coeffs)?, evaluation_cost);
    let (top, q0, y) = horner_top(w, coeffs, k)?;
    Ok(&top * &y + q0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ark_r1cs_std::{alloc::AllocVar, GR1CSVar};
    use ark_relations::gr1cs::ConstraintSystem;

    /// Every set size: the constraint counts are as stated, and `P(w)` is the product of the
    /// factors at members, neighbours and arbitrary field elements.
    #[test]
    fn counts_and_values_for_every_size() {
        let samples = |s: &[u64]| {
            let mut v: Vec<Fr> = s.iter().map(|&x| Fr::from(x)).collect();
            v.extend([
                Fr::zero(),
                -Fr::from(s[0]),
                Fr::from(s[0] + 1),
                Fr::from(u64::MAX),
            ]);
            v.push(Fr::from(s[0]) + Fr::from(1u64 << 63) * Fr::from(4u64));
            v
        };
        for m in 1..=64u64 {
            let set: Vec<u64> = (0..m).map(|i| 1000 + 7 * i).collect();
            let c = coefficients(&set);
            for w in samples(&set) {
                let product: Fr = set.iter().map(|&s| w - Fr::from(s)).product();
                let cs = ConstraintSystem::<Fr>::new_ref();
                let wv = FpVar::new_input(cs.clone(), || Ok(w)).unwrap();
                let p = evaluate(&wv, &c).unwrap();
                assert_eq!(p.value().unwrap(), product);
                assert_eq!(cs.num_constraints(), non_root_constraints(m as usize) - 1);
                assert!(cs.is_satisfied().unwrap());

                let cs = ConstraintSystem::<Fr>::new_ref();
                let wv = FpVar::new_input(cs.clone(), || Ok(w)).unwrap();
                enforce_root(&wv, &c).unwrap();
                assert_eq!(
                    cs.num_constraints(),
                    root_constraints(m as usize),
                    "m = {m}"
                );
                assert_eq!(cs.is_satisfied().unwrap(), product.is_zero(), "m = {m}");
            }
        }
        assert_eq!(root_constraints(63), 14);
        assert_eq!(root_constraints(64), 14);
        assert_eq!(non_root_constraints(64), 15);
    }
}
