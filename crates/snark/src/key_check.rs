//! Checks a holder runs on Groth16 keys it is given, before proving with them.
//!
//! The keys are made by the verifier, who relies on their soundness; the holder relies on them
//! for privacy and for the meaning of `D`:
//!
//! - every point on the curve and in the prime-order subgroup (a point outside it could make
//!   `D` or the proof leak information through small-subgroup components);
//! - `alpha, beta, gamma, delta` not the identity (a degenerate key proves nothing);
//! - no IC base is the identity: with `IC_{t+1} = O`, `D = sum_i w_i·IC_i` no longer hides `w`
//!   (small values such as dates are found by trial) and is the same in every presentation, so
//!   presentations become linkable; with `IC_i = O` for `i <= t`, `D` does not depend on `w_i`
//!   and the proof no longer says anything about the signed value; with `IC_{t+1+j} = O` the
//!   proof does not depend on the public parameter `p_j`;
//! - IC bases pairwise distinct: with `IC_i = IC_j`, `D` (or `P`) fixes only `x_i + x_j`, so the
//!   opening no longer binds each `w_i` to its BBS message, and a proof for one statement also
//!   verifies for others (e.g. `IC_{t+1} = IC_1` makes `D = (w_1 + v)·IC_1`, binding nothing);
//! - the proving key's lengths agree with each other and with the verifying key, the verifying
//!   key inside the proving key equals the one given (same circuit id and t), and
//!   `e(beta_g1, delta_g2) = e(delta_g1, beta_g2)`.
//!
//! These checks alone do not make a maliciously generated key safe: a key whose query points
//! are valid but not of the Groth16 form (e.g. `l_query[i] += 2^i·X`) makes `C` carry the
//! witness. [`check_key_structure`] adds the structure check of subversion zero-knowledge
//! against the published powers of tau; holders run that one.

use std::collections::HashMap;

use ark_bls12_381::Bls12_381;
use ark_ec::{pairing::Pairing, AffineRepr};
use ark_ff::Zero;
use ark_std::cfg_iter;
#[cfg(feature = "parallel")]
use rayon::prelude::*;

use ark_relations::gr1cs::ConstraintSynthesizer;
use rand_core::{CryptoRng, RngCore};

use crate::{
    ops::{check_g1, check_g1_nonzero, check_g2, check_g2_nonzero},
    qap::CircuitQap,
    setup::check_ic_shape,
    CircuitId, Element, Fr, ProvingKey, Result, SnarkError, VerifyingKey,
};

/// Checks a verifying key: shape `|IC| >= t + 2`, all points valid, `alpha, beta, gamma, delta`
/// and every `IC_i` not the identity, and the `IC_i` pairwise distinct.
pub fn check_verifying_key(vk: &VerifyingKey) -> Result<()> {
    let k = &vk.vk;
    check_ic_shape(k.gamma_abc_g1.len(), vk.num_committed)?;
    check_g1_nonzero(&k.alpha_g1, Element::VkAlphaG1)?;
    check_g2_nonzero(&k.beta_g2, Element::VkBetaG2)?;
    check_g2_nonzero(&k.gamma_g2, Element::VkGammaG2)?;
    check_g2_nonzero(&k.delta_g2, Element::VkDeltaG2)?;
    cfg_iter!(k.gamma_abc_g1)
        .enumerate()
        .try_for_each(|(i, p)| check_g1_nonzero(p, Element::VkIc(i)))?;
    let mut seen = HashMap::with_capacity(k.gamma_abc_g1.len());
    for (i, p) in k.gamma_abc_g1.iter().enumerate() {
        if let Some(first) = seen.insert(*p, i) {
            return Err(SnarkError::RepeatedIcBase { first, second: i });
        }
    }
    Ok(())
}

/// Checks a proving key: its verifying key ([`check_verifying_key`]), `beta_g1` and
/// `delta_g1` valid and not the identity, every query point valid, the query lengths consistent
/// (`|a| = |b_g1| = |b_g2| = #variables`, `|l| = #variables - |IC|`, `|h| + 1` a power of two
/// and at least `|IC|`), and `e(beta_g1, delta_g2) = e(delta_g1, beta_g2)`.
pub fn check_proving_key(pk: &ProvingKey) -> Result<()> {
    let k = &pk.pk;
    check_verifying_key(&pk.verifying_key())?;
    let n_ic = k.vk.gamma_abc_g1.len();
    let n_vars = k.a_query.len();
    if k.b_g1_query.len() != n_vars || k.b_g2_query.len() != n_vars {
        return Err(SnarkError::MalformedKey(
            "a_query, b_g1_query and b_g2_query lengths differ",
        ));
    }
    if n_vars < n_ic || k.l_query.len() != n_vars - n_ic {
        return Err(SnarkError::MalformedKey(
            "l_query length is not the number of witness variables",
        ));
    }
    let domain = k.h_query.len() + 1;
    if !domain.is_power_of_two() || domain < n_ic {
        return Err(SnarkError::MalformedKey(
            "h_query length is not a QAP domain size - 1",
        ));
    }
    check_g1_nonzero(&k.beta_g1, Element::PkBetaG1)?;
    check_g1_nonzero(&k.delta_g1, Element::PkDeltaG1)?;
    // Keys decoded from octets had every point checked by the decoder (Validate::Yes).
    if !pk.points_validated {
        cfg_iter!(k.a_query)
            .enumerate()
            .try_for_each(|(i, p)| check_g1(p, Element::PkAQuery(i)))?;
        cfg_iter!(k.b_g1_query)
            .enumerate()
            .try_for_each(|(i, p)| check_g1(p, Element::PkBG1Query(i)))?;
        cfg_iter!(k.b_g2_query)
            .enumerate()
            .try_for_each(|(i, p)| check_g2(p, Element::PkBG2Query(i)))?;
        cfg_iter!(k.h_query)
            .enumerate()
            .try_for_each(|(i, p)| check_g1(p, Element::PkHQuery(i)))?;
        cfg_iter!(k.l_query)
            .enumerate()
            .try_for_each(|(i, p)| check_g1(p, Element::PkLQuery(i)))?;
    }
    // beta_g1 = beta·G, delta_g1 = delta·G, beta_g2 = beta·H, delta_g2 = delta·H for some G, H.
    let neg_delta_g1 = (-k.delta_g1.into_group()).into();
    let check = Bls12_381::multi_pairing([k.beta_g1, neg_delta_g1], [k.vk.delta_g2, k.vk.beta_g2]);
    if !check.is_zero() {
        return Err(SnarkError::KeyMismatch(
            "beta_g1/delta_g1 do not match beta_g2/delta_g2",
        ));
    }
    Ok(())
}

/// Whether a proving key and a verifying key belong together: same circuit id, same t, the
/// proving key's verifying key equal to `vk` (no curve arithmetic).
pub fn check_key_pair(pk: &ProvingKey, vk: &VerifyingKey) -> Result<()> {
    if pk.circuit_id != vk.circuit_id {
        return Err(SnarkError::KeyMismatch("circuit id"));
    }
    if pk.num_committed != vk.num_committed {
        return Err(SnarkError::KeyMismatch("number of committed inputs"));
    }
    if pk.pk.vk != vk.vk {
        return Err(SnarkError::KeyMismatch("verifying key"));
    }
    Ok(())
}

/// The holder's check of a key pair before proving: [`check_key_pair`], and
/// [`check_proving_key`] (which includes [`check_verifying_key`]).
pub fn check_keys(pk: &ProvingKey, vk: &VerifyingKey) -> Result<()> {
    check_key_pair(pk, vk)?;
    check_proving_key(pk)
}

/// The holder's full check before proving with a key for `circuit` (whose id the holder
/// computed itself): [`check_keys`], then the structure check of subversion zero-knowledge
/// (every query point the right function of one trapdoor for this circuit's QAP; see
/// [`crate::tau_powers`]). A key that fails is refused with the failed check named
/// ([`SnarkError::KeyStructure`], [`SnarkError::MissingTauPowers`], ...). Batching weights
/// come from `rng`. Wallets call it through [`CheckedKeys`](crate::CheckedKeys), which
/// remembers keys that passed.
pub fn check_key_structure<C, R>(
    pk: &ProvingKey,
    vk: &VerifyingKey,
    circuit_id: CircuitId,
    circuit: C,
    rng: &mut R,
) -> Result<()>
where
    C: ConstraintSynthesizer<Fr>,
    R: RngCore + CryptoRng,
{
    if pk.circuit_id != circuit_id {
        return Err(SnarkError::KeyMismatch("circuit id"));
    }
    check_keys(pk, vk)?;
    let qap = CircuitQap::synthesize(circuit)?;
    crate::key_structure::check_structure(pk, &qap, rng)
}
