//! The pseudonym of a context id (pseudonym draft 4.4):
//! OP = hash_to_curve_g1(context_id, api_id), z = H2S(context_id, api_id || "VECT_NYM_SECRETS"),
//! pseudonym = OP·Σ_{i=0}^{N-1} nym_secrets_i·z^i.

use super::types::{NymSecrets, Pseudonym};
use super::NymBbs;
use crate::error::{Error, Result};
use crate::hash::hash_to_curve_g1;
use ark_bls12_381::{Fr, G1Projective};
use ark_ec::{AffineRepr, CurveGroup};
use ark_ff::Zero;

/// The per-context values OP and z.
pub(crate) struct ContextBase {
    pub op: G1Projective,
    pub z: Fr,
}

impl NymBbs {
    /// OP and z for a context id.
    pub(crate) fn context_base(&self, context_id: &[u8]) -> Result<ContextBase> {
        let api_id = self.api_id();
        let op = hash_to_curve_g1(self.suite(), &[context_id], api_id)?;
        let z = self
            .suite()
            .hash_to_scalar(&[context_id], &[api_id, b"VECT_NYM_SECRETS"].concat())?;
        Ok(ContextBase { op, z })
    }

    /// The holder's pseudonym for `context_id`: OP·Σ_i nym_secrets_i·z^i. The same holder
    /// and context always give the same pseudonym.
    pub fn pseudonym(&self, context_id: &[u8], nym_secrets: &NymSecrets) -> Result<Pseudonym> {
        let base = self.context_base(context_id)?;
        let p = (base.op * poly_eval(nym_secrets.scalars(), &base.z)).into_affine();
        if p.is_zero() {
            return Err(Error::Degenerate("pseudonym is the identity"));
        }
        Ok(Pseudonym(p))
    }
}

/// Σ_i coeffs[i]·z^i by Horner's rule.
pub(crate) fn poly_eval(coeffs: &[Fr], z: &Fr) -> Fr {
    coeffs
        .iter()
        .rev()
        .fold(Fr::zero(), |acc, coeff| acc * z + coeff)
}
