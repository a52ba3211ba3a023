//! The holder's randomised issuer key (W', X') = (W + ρ·BP2, X + ρ·U) and its two pairing
//! equations.

use super::issuer_key::{u_generator, IssuerKey};
use crate::core_ops::bp2_prepared;
use crate::error::{Error, Result};
use crate::octets::{
    g1_from_bytes_nonidentity, g1_to_bytes, g2_from_bytes_nonidentity, g2_to_bytes, G1_LEN, G2_LEN,
};
use crate::suite::Ciphersuite;
use ark_bls12_381::{Fr, G1Affine, G1Projective, G2Affine};
use ark_ec::{AffineRepr, CurveGroup};
use zkcred_pairing::fixed_base_sum;
use zkcred_pairing::{G2Side, PairingCheck};

/// Length of W' || X': 144 bytes.
pub const RANDOMIZED_KEY_LEN: usize = G2_LEN + G1_LEN;

/// (W', X') = (x'·BP2, x'·U) with x' = x + ρ: uniform whatever the issuer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RandomizedKey {
    pub(crate) w: G2Affine,
    pub(crate) x: G1Affine,
}

impl RandomizedKey {
    /// W' = W + ρ_w·BP2, X' = X + ρ_x·U; the holder uses one ρ = ρ_w = ρ_x, the only case
    /// that passes [`Self::key_check`] (tests build the other to see it refused).
    pub(crate) fn with_scalars(key: &IssuerKey, rho_w: &Fr, rho_x: &Fr) -> Result<Self> {
        let w = (*key.public_key().point() + G2Affine::generator() * rho_w).into_affine();
        let x = (key.x().into_group()
            + fixed_base_sum([(u_generator(key.suite()).table(), *rho_x)]))
        .into_affine();
        if w.is_zero() || x.is_zero() {
            return Err(Error::Degenerate("randomised issuer key is the identity"));
        }
        Ok(Self { w, x })
    }

    /// W' || X'.
    pub fn to_bytes(&self) -> [u8; RANDOMIZED_KEY_LEN] {
        let mut out = [0u8; RANDOMIZED_KEY_LEN];
        out[..G2_LEN].copy_from_slice(&g2_to_bytes(&self.w));
        out[G2_LEN..].copy_from_slice(&g1_to_bytes(&self.x));
        out
    }

    /// 144 bytes: W' in G2, X' in G1, neither the identity.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        if bytes.len() != RANDOMIZED_KEY_LEN {
            return Err(Error::InvalidLength {
                what: "randomised issuer key",
                expected: RANDOMIZED_KEY_LEN,
                got: bytes.len(),
            });
        }
        Ok(Self {
            w: g2_from_bytes_nonidentity(&bytes[..G2_LEN], "randomised key W'")?,
            x: g1_from_bytes_nonidentity(&bytes[G2_LEN..], "randomised key X'")?,
        })
    }

    /// W'.
    pub fn w(&self) -> &G2Affine {
        &self.w
    }

    /// X'.
    pub fn x(&self) -> &G1Affine {
        &self.x
    }

    /// X' − X_i for every accepted X_i: the OR-proof's statements Y_i = ρ·U.
    pub(crate) fn offsets<'a>(
        &'a self,
        keys: &'a [IssuerKey],
    ) -> impl Iterator<Item = G1Projective> + 'a {
        keys.iter()
            .map(|k| self.x.into_group() - k.x().into_group())
    }

    /// e(X', BP2) · e(−U, W') = 1: W' and X' have the same scalar.
    pub fn key_check(&self, suite: Ciphersuite) -> PairingCheck<'static> {
        PairingCheck::new()
            .with(self.x.into_group(), G2Side::Fixed(bp2_prepared()))
            .with(
                -u_generator(suite).point().into_group(),
                G2Side::Point(self.w),
            )
    }

    /// e(Abar, W') · e(−Bbar', BP2) = 1: the BBS equation under W'.
    pub(crate) fn bbs_check(&self, a_bar: &G1Affine, b_bar: &G1Affine) -> PairingCheck<'static> {
        PairingCheck::new()
            .with(a_bar.into_group(), G2Side::Point(self.w))
            .with(-b_bar.into_group(), G2Side::Fixed(bp2_prepared()))
    }
}
