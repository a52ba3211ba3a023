//! Schnorr proof of knowledge of the opening `(w, v)` of `D`, as a three-move sigma protocol
//! whose blindings and challenge come from the caller (so a BBS proof can share them).
//!
//! ```text
//! commit:   D   = sum_i w_i·IC_i  + v·IC_{t+1}
//!           T_D = sum_i m~_i·IC_i + v~·IC_{t+1}
//! (caller hashes T_D, D, A, B, C, p into its challenge c)
//! respond:  v^ = v~ + c·v                (m^_i = m~_i + c·w_i comes from the BBS proof)
//! verify:   T_D == sum_i m^_i·IC_i + v^·IC_{t+1} - c·D
//! ```
//!
//! Never answer two challenges with the same `v~`: two responses reveal `v`. [`OpeningProver`]
//! is consumed by [`OpeningProver::respond`] for that reason.

use core::fmt;

use ark_bls12_381::G1Projective;
use ark_ec::{AffineRepr, CurveGroup};
use zeroize::{Zeroize, ZeroizeOnDrop};
use zkcred_pairing::{fixed_base_sum, small_msm};

use crate::{
    ops::check_g1_nonzero,
    prove::{commit, Blinding},
    Element, Fr, G1Affine, PreparedVerifyingKey, Result, SnarkError, VerifyingKey,
};

/// Commit phase of the opening proof: holds `D`, `T_D` and the secrets `v`, `v~`
/// (zeroized on drop). Not `Clone`: it answers exactly one challenge.
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct OpeningProver {
    d: G1Affine,
    t_d: G1Affine,
    v: Fr,
    v_tilde: Fr,
}

impl OpeningProver {
    /// Computes `D = sum_i w_i·IC_i + v·IC_{t+1}` and `T_D = sum_i m~_i·IC_i + v~·IC_{t+1}`.
    ///
    /// `m~_i` are the blindings the BBS proof uses for the hidden messages `w_i`; `v~` must be
    /// fresh and uniformly random. Errors if `|w| != t` or `|m~| != t`.
    pub fn commit(
        vk: &VerifyingKey,
        w: &[Fr],
        v: &Blinding,
        m_tilde: &[Fr],
        v_tilde: &Fr,
    ) -> Result<Self> {
        let t = vk.num_committed;
        if w.len() != t {
            return Err(SnarkError::WrongNumberOfCommittedValues {
                expected: t,
                got: w.len(),
            });
        }
        if m_tilde.len() != t {
            return Err(SnarkError::WrongNumberOfBlindings {
                expected: t,
                got: m_tilde.len(),
            });
        }
        let ic = vk.ic();
        Ok(OpeningProver {
            d: commit(ic, w, v.expose()),
            t_d: commit(ic, m_tilde, v_tilde),
            v: *v.expose(),
            v_tilde: *v_tilde,
        })
    }

    /// Like [`OpeningProver::commit`] for a `D` already computed by [`prove`](fn@crate::prove)
    /// (its [`CommittedProof::d`](crate::CommittedProof)), which saves recomputing it. A `D`
    /// that is not `sum_i w_i·IC_i + v·IC_{t+1}` only makes the opening fail verification.
    pub fn with_commitment(
        vk: &VerifyingKey,
        d: &G1Affine,
        v: &Blinding,
        m_tilde: &[Fr],
        v_tilde: &Fr,
    ) -> Result<Self> {
        let t = vk.num_committed;
        if m_tilde.len() != t {
            return Err(SnarkError::WrongNumberOfBlindings {
                expected: t,
                got: m_tilde.len(),
            });
        }
        Ok(OpeningProver {
            d: *d,
            t_d: commit(vk.ic(), m_tilde, v_tilde),
            v: *v.expose(),
            v_tilde: *v_tilde,
        })
    }

    /// The commitment `D` (equal to [`CommittedProof::d`](crate::CommittedProof) for the same `w`, `v`).
    pub fn d(&self) -> &G1Affine {
        &self.d
    }

    /// The Schnorr commitment `T_D`, to be hashed into the challenge.
    pub fn t_d(&self) -> &G1Affine {
        &self.t_d
    }

    /// Response phase: `v^ = v~ + c·v`. Consumes the prover (a second challenge would leak `v`).
    pub fn respond(self, c: &Fr) -> OpeningResponse {
        OpeningResponse {
            v_hat: self.v_tilde + *c * self.v,
        }
    }
}

impl fmt::Debug for OpeningProver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OpeningProver")
            .field("d", &self.d)
            .field("t_d", &self.t_d)
            .finish_non_exhaustive()
    }
}

/// The prover's part of the opening response: `v^ = v~ + c·v` (public). Encoded as 32 bytes
/// big-endian ([`OpeningResponse::to_bytes`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OpeningResponse {
    /// `v^`.
    pub v_hat: Fr,
}

/// Verifier side: `T_D' = sum_i m^_i·IC_i + v^·IC_{t+1} - c·D`, to be hashed into the
/// challenge recomputation (Fiat–Shamir) or compared with a given `T_D`.
///
/// Checks `D` is valid and not the identity and `|m^| = t`.
pub fn recompute_t_d(
    vk: &VerifyingKey,
    d: &G1Affine,
    m_hat: &[Fr],
    response: &OpeningResponse,
    c: &Fr,
) -> Result<G1Affine> {
    check_responses(vk, m_hat)?;
    check_g1_nonzero(d, Element::CommitmentD)?;
    let t = vk.num_committed;
    let ic = vk.ic();
    let mut bases = Vec::with_capacity(t + 2);
    bases.extend_from_slice(&ic[1..t + 2]);
    bases.push(*d);
    let mut scalars = Vec::with_capacity(t + 2);
    scalars.extend_from_slice(m_hat);
    scalars.push(response.v_hat);
    scalars.push(-*c);
    let t_d: G1Projective = crate::ops::lincomb(&bases, &scalars);
    Ok(t_d.into_affine())
}

/// [`recompute_t_d`] for a `D` that [`verify_deferred`](crate::verify_deferred) of the same
/// proof already checked (valid, not the identity), so that it is not checked twice: the
/// same `T_D'`, as a fixed-base sum over the key's tables of `IC_1..IC_{t+1}` plus `−c·D`
/// (Straus–GLV). Checks `|m^| = t`.
pub fn recompute_t_d_prechecked(
    pvk: &PreparedVerifyingKey,
    d: &G1Affine,
    m_hat: &[Fr],
    response: &OpeningResponse,
    c: &Fr,
) -> Result<G1Affine> {
    check_responses(&pvk.vk, m_hat)?;
    let scalars = m_hat.iter().chain([&response.v_hat]).copied();
    let fixed = fixed_base_sum(pvk.opening_tables().iter().zip(scalars));
    Ok((fixed + small_msm(&[d.into_group()], &[-*c])).into_affine())
}

/// `|m^| = t`.
fn check_responses(vk: &VerifyingKey, m_hat: &[Fr]) -> Result<()> {
    if m_hat.len() != vk.num_committed {
        return Err(SnarkError::WrongNumberOfResponses {
            expected: vk.num_committed,
            got: m_hat.len(),
        });
    }
    Ok(())
}

/// Checks `T_D == sum_i m^_i·IC_i + v^·IC_{t+1} - c·D`; [`SnarkError::OpeningCheckFailed`] if not.
pub fn check_opening(
    vk: &VerifyingKey,
    d: &G1Affine,
    m_hat: &[Fr],
    response: &OpeningResponse,
    c: &Fr,
    t_d: &G1Affine,
) -> Result<()> {
    let expected = recompute_t_d(vk, d, m_hat, response, c)?;
    if expected == *t_d {
        Ok(())
    } else {
        Err(SnarkError::OpeningCheckFailed)
    }
}
