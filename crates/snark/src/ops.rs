//! Internal group helpers: linear combinations and point validity checks.

use ark_bls12_381::{G1Projective, G2Affine};
use ark_ec::{AffineRepr, VariableBaseMSM};
use ark_ff::Zero;

use crate::{Element, Fr, G1Affine, Result, SnarkError};

/// Below this many terms, separate scalar multiplications beat an MSM (measured, see DESIGN.md).
const MSM_THRESHOLD: usize = 4;

/// `sum_i s_i·B_i` over the common prefix of `bases` and `scalars`; MSM when more than 4 terms.
pub(crate) fn lincomb(bases: &[G1Affine], scalars: &[Fr]) -> G1Projective {
    let n = bases.len().min(scalars.len());
    let (bases, scalars) = (&bases[..n], &scalars[..n]);
    if n > MSM_THRESHOLD {
        G1Projective::msm_unchecked(bases, scalars)
    } else {
        bases
            .iter()
            .zip(scalars)
            .fold(G1Projective::zero(), |acc, (b, s)| acc + b.into_group() * s)
    }
}

/// On the curve and in the prime-order subgroup (the identity passes).
pub(crate) fn check_g1(p: &G1Affine, e: Element) -> Result<()> {
    if p.is_on_curve() && p.is_in_correct_subgroup_assuming_on_curve() {
        Ok(())
    } else {
        Err(SnarkError::InvalidPoint(e))
    }
}

/// On the curve and in the prime-order subgroup (the identity passes).
pub(crate) fn check_g2(p: &G2Affine, e: Element) -> Result<()> {
    if p.is_on_curve() && p.is_in_correct_subgroup_assuming_on_curve() {
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
