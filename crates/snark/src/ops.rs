//! Internal group helpers: linear combinations and point validity checks.

use ark_bls12_381::{G1Projective, G2Affine};
use ark_ec::AffineRepr;

use crate::{Element, Fr, G1Affine, Result, SnarkError};

/// `sum_i s_i·B_i` over the common prefix of `bases` and `scalars`
/// ([`zkcred_pairing::msm`]: Straus–GLV up to 4 terms, the bucket method above).
pub(crate) fn lincomb(bases: &[G1Affine], scalars: &[Fr]) -> G1Projective {
    zkcred_pairing::msm(bases, scalars)
}

/// On the curve and in the prime-order subgroup (the identity passes; blst's test).
pub(crate) fn check_g1(p: &G1Affine, e: Element) -> Result<()> {
    if zkcred_pairing::g1_is_valid(p) {
        Ok(())
    } else {
        Err(SnarkError::InvalidPoint(e))
    }
}

/// On the curve and in the prime-order subgroup (the identity passes; blst's test).
pub(crate) fn check_g2(p: &G2Affine, e: Element) -> Result<()> {
    if zkcred_pairing::g2_is_valid(p) {
        Ok(())
    } else {
        Err(SnarkError::InvalidPoint(e))
    }
}

/// Valid (see [`check_g1`]) and not the identity.
pub(crate) fn check_g1_nonzero(p: &G1Affine, e: Element) -> Result<()> {
    check_g1(p, e)?;
    if p.is_zero() {
        return Err(SnarkError::IdentityPoint(e));
    }
    Ok(())
}

/// Valid (see [`check_g2`]) and not the identity.
pub(crate) fn check_g2_nonzero(p: &G2Affine, e: Element) -> Result<()> {
    check_g2(p, e)?;
    if p.is_zero() {
        return Err(SnarkError::IdentityPoint(e));
    }
    Ok(())
}
