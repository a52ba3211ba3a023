//! The elements a key maker publishes so that anyone can check a Groth16 key's structure.
//!
//! Subversion zero-knowledge (Abdolmaleki, Baghery, Lipmaa, Zając, "A Subversion-Resistant
//! SNARK", ASIACRYPT 2017; Fuchsbauer, "Subversion-Zero-Knowledge SNARKs", PKC 2018): the
//! prover, not the key maker, must be able to tell that every query point of the proving key is
//! the right function of one trapdoor `(τ, α, β, γ, δ)`. With the key's own generators `g ∈ G1`,
//! `h ∈ G2` (ark-groth16 draws them at random) the key maker publishes
//!
//! ```text
//! [τ^k]_1 = τ^k·g  for k = 0 ..= n      (n the QAP domain size; [τ^0]_1 = g)
//! [1]_2 = h,  [τ]_2 = τ·h,  [τ^n]_2 = τ^n·h
//! ```
//!
//! from which a holder recomputes `[u_i(τ)]_1`, `[v_i(τ)]_1`, `[w_i(τ)]_1` for the circuit it
//! knows, and checks `h_query[j] = [τ^j·t(τ)/δ]_1` as `e(h_query[j], δ_2) = e([τ^j]_1,
//! [τ^n]_2 − h)` (`crate::key_structure`). Publishing `[τ^n]_2` instead of the G1 powers up to
//! `2n − 2` halves what a holder decodes and multiplies.

use crate::{Element, G1Affine, G2Affine, Result, SnarkError};

/// `g, τ·g, ..., τ^n·g` in G1, and `h`, `τ·h`, `τ^n·h` in G2 (see the module docs).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TauPowers {
    pub(crate) g1_powers: Vec<G1Affine>,
    pub(crate) g2: G2Affine,
    pub(crate) tau_g2: G2Affine,
    pub(crate) tau_n_g2: G2Affine,
}

impl TauPowers {
    /// Wraps published elements (checked only by [`crate::check_key_structure`]).
    pub fn from_parts(
        g1_powers: Vec<G1Affine>,
        g2: G2Affine,
        tau_g2: G2Affine,
        tau_n_g2: G2Affine,
    ) -> Self {
        TauPowers {
            g1_powers,
            g2,
            tau_g2,
            tau_n_g2,
        }
    }

    /// `[τ^k]_1` for `k = 0 ..= n`; `[τ^0]_1` is the key's G1 generator `g`.
    pub fn g1_powers(&self) -> &[G1Affine] {
        &self.g1_powers
    }

    /// The key's G2 generator `h = [1]_2`.
    pub fn g2(&self) -> &G2Affine {
        &self.g2
    }

    /// `[τ]_2 = τ·h`.
    pub fn tau_g2(&self) -> &G2Affine {
        &self.tau_g2
    }

    /// `[τ^n]_2 = τ^n·h`.
    pub fn tau_n_g2(&self) -> &G2Affine {
        &self.tau_n_g2
    }

    /// The G1 generator `g = [τ^0]_1`; an error if no power is given.
    pub(crate) fn g1(&self) -> Result<&G1Affine> {
        self.g1_powers
            .first()
            .ok_or(SnarkError::MalformedKey("no powers of tau in G1"))
    }
}

/// The number of G1 powers a key with QAP domain size `n` publishes: `n + 1`.
pub(crate) fn expected_power_count(domain_size: usize) -> usize {
    domain_size + 1
}

/// Every element on the curve and in the subgroup (skipped when the decoder already checked
/// them: `validated`); `g`, `h` not the identity; `n + 1` powers.
pub(crate) fn check_points(tp: &TauPowers, domain_size: usize, validated: bool) -> Result<()> {
    use crate::ops::{check_g1, check_g1_nonzero, check_g2, check_g2_nonzero};
    if tp.g1_powers.len() != expected_power_count(domain_size) {
        return Err(SnarkError::MalformedKey(
            "number of powers of tau is not n + 1 for the key's domain size n",
        ));
    }
    use ark_ec::AffineRepr;
    if validated {
        if tp.g1()?.is_zero() {
            return Err(SnarkError::IdentityPoint(Element::TauPowerG1(0)));
        }
        if tp.g2.is_zero() {
            return Err(SnarkError::IdentityPoint(Element::TauG2Generator));
        }
        return Ok(());
    }
    check_g1_nonzero(tp.g1()?, Element::TauPowerG1(0))?;
    for (k, p) in tp.g1_powers.iter().enumerate().skip(1) {
        check_g1(p, Element::TauPowerG1(k))?;
    }
    check_g2_nonzero(&tp.g2, Element::TauG2Generator)?;
    check_g2(&tp.tau_g2, Element::TauG2)?;
    check_g2(&tp.tau_n_g2, Element::TauNG2)
}
