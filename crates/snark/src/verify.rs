//! Verification from `D` and the public parameters: the checks, then the Groth16 pairing
//! equation, evaluated now ([`verify`]) or returned ([`verify_deferred`]).

use ark_bls12_381::G1Projective;
use ark_ec::AffineRepr;
use zkcred_pairing::{G2Side, PairingCheck};

use crate::{
    ops::{check_g1_nonzero, check_g2_nonzero, lincomb},
    CommittedProof, Element, Fr, PreparedVerifyingKey, Result, SnarkError, VerifyingKey,
};

/// Checks that `A, B, C, D` are in the prime-order subgroups and not the identity.
///
/// An honest proof has an identity element only with negligible probability (A, B, C are
/// randomized by the prover's `r, s`; D by the uniform blinding `v`), so rejecting them costs
/// nothing and keeps a degenerate `D` (which would commit to nothing) out.
pub(crate) fn check_proof_points(proof: &CommittedProof) -> Result<()> {
    check_g1_nonzero(&proof.proof.a, Element::ProofA)?;
    check_g2_nonzero(&proof.proof.b, Element::ProofB)?;
    check_g1_nonzero(&proof.proof.c, Element::ProofC)?;
    check_g1_nonzero(&proof.d, Element::CommitmentD)
}

/// Checks that `A, B, C, D`, already known to be valid (decoded by
/// [`CommittedProof::from_bytes`]), are not the identity: [`check_proof_points`] without
/// repeating the curve and subgroup checks of the decoding.
fn check_decoded_points(proof: &CommittedProof) -> Result<()> {
    let identity = [
        (proof.proof.a.is_zero(), Element::ProofA),
        (proof.proof.b.is_zero(), Element::ProofB),
        (proof.proof.c.is_zero(), Element::ProofC),
        (proof.d.is_zero(), Element::CommitmentD),
    ];
    match identity.into_iter().find(|(zero, _)| *zero) {
        Some((_, e)) => Err(SnarkError::IdentityPoint(e)),
        None => Ok(()),
    }
}

/// The prepared input `P = IC_0 + D + sum_j p_j·IC_{t+1+j}`; checks `|p| = k`.
pub fn prepared_inputs(
    vk: &VerifyingKey,
    d: &crate::G1Affine,
    public_params: &[Fr],
) -> Result<G1Projective> {
    let k = vk.num_public_params();
    if public_params.len() != k {
        return Err(SnarkError::WrongNumberOfPublicParams {
            expected: k,
            got: public_params.len(),
        });
    }
    let ic = vk.ic();
    let mut acc = lincomb(&ic[vk.num_committed + 2..], public_params);
    acc += ic[0].into_group();
    acc += d;
    Ok(acc)
}

/// Verifies a proof with committed inputs: [`verify_deferred`], then its pairing equation
/// ([`SnarkError::PairingCheckFailed`] if it fails).
///
/// This alone says nothing about what `D` commits to: the caller must also check the opening
/// of `D` ([`check_opening`](crate::check_opening) / [`recompute_t_d`](crate::recompute_t_d))
/// under a challenge that binds `D`, `A, B, C` and `p`.
pub fn verify(
    pvk: &PreparedVerifyingKey,
    proof: &CommittedProof,
    public_params: &[Fr],
) -> Result<()> {
    if verify_deferred(pvk, proof, public_params)?.holds() {
        Ok(())
    } else {
        Err(SnarkError::PairingCheckFailed)
    }
}

/// [`verify`] up to its pairing: `|p| = k`, `A, B, C, D` valid and not the identity, and
/// `P = IC_0 + D + sum_j p_j·IC_{t+1+j}`; returns the Groth16 equation
/// `e(A, B) = e(alpha, beta)·e(P, gamma)·e(C, delta)`, written
///
/// ```text
/// e(A, B) · e(−alpha, beta) · e(P, −gamma) · e(C, −delta) = 1
/// ```
///
/// to evaluate later, alone ([`PairingCheck::holds`]) or merged with other equations with
/// random weights ([`zkcred_pairing::all_hold`]): `beta`, `−gamma`, `−delta` are the key's
/// prepared points, shared by every proof under the key; `B` is the proof's own.
pub fn verify_deferred<'k>(
    pvk: &'k PreparedVerifyingKey,
    proof: &CommittedProof,
    public_params: &[Fr],
) -> Result<PairingCheck<'k>> {
    deferred_with(pvk, proof, public_params, check_proof_points)
}

/// [`verify_deferred`] of a proof whose points were decoded by [`CommittedProof::from_bytes`]
/// (or its serde), which checked them on the curve and in their subgroups: the same checks
/// and errors for such a proof, but the subgroup checks are not repeated (only "not the
/// identity"). A proof built in memory (public fields) must go through [`verify_deferred`].
pub fn verify_deferred_decoded<'k>(
    pvk: &'k PreparedVerifyingKey,
    proof: &CommittedProof,
    public_params: &[Fr],
) -> Result<PairingCheck<'k>> {
    deferred_with(pvk, proof, public_params, check_decoded_points)
}

/// [`verify_deferred`] with `check_points` for `A, B, C, D`.
fn deferred_with<'k>(
    pvk: &'k PreparedVerifyingKey,
    proof: &CommittedProof,
    public_params: &[Fr],
    check_points: fn(&CommittedProof) -> Result<()>,
) -> Result<PairingCheck<'k>> {
    let k = pvk.vk.num_public_params();
    if public_params.len() != k {
        return Err(SnarkError::WrongNumberOfPublicParams {
            expected: k,
            got: public_params.len(),
        });
    }
    check_points(proof)?;
    let prepared = prepared_inputs(&pvk.vk, &proof.d, public_params)?;
    Ok(PairingCheck::new()
        .with(proof.proof.a, G2Side::Point(proof.proof.b))
        .with(pvk.neg_alpha, G2Side::Fixed(&pvk.beta))
        .with(prepared, G2Side::Fixed(&pvk.neg_gamma))
        .with(proof.proof.c, G2Side::Fixed(&pvk.neg_delta)))
}
