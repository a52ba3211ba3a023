//! The draft's octet encodings (section 4.2.4): scalars as I2OSP(x, 32) big-endian, points in
//! the compressed ZCash format (G1 48 bytes, G2 96 bytes), with the checks of 4.2.4.4-5.

use crate::error::{Error, Result};
use ark_bls12_381::{Fr, G1Affine, G2Affine};
use ark_ec::AffineRepr;
use ark_ff::{BigInteger, PrimeField, Zero};
use ark_serialize::{CanonicalSerialize, Compress};

/// Length of an encoded scalar.
pub const SCALAR_LEN: usize = 32;
/// Length of an encoded G1 point.
pub const G1_LEN: usize = 48;
/// Length of an encoded G2 point.
pub const G2_LEN: usize = 96;

/// I2OSP(x, 32): big-endian scalar bytes.
pub fn scalar_to_bytes(s: &Fr) -> [u8; SCALAR_LEN] {
    let mut out = [0u8; SCALAR_LEN];
    out.copy_from_slice(&s.into_bigint().to_bytes_be());
    out
}

/// OS2IP of 32 bytes, rejecting values >= r (no reduction) but allowing zero.
pub fn scalar_from_bytes_allow_zero(bytes: &[u8], what: &'static str) -> Result<Fr> {
    if bytes.len() != SCALAR_LEN {
        return Err(Error::InvalidLength {
            what,
            expected: SCALAR_LEN,
            got: bytes.len(),
        });
    }
    let mut le = [0u8; SCALAR_LEN];
    for (d, s) in le.iter_mut().zip(bytes.iter().rev()) {
        *d = *s;
    }
    let mut limbs = [0u64; 4];
    for (limb, chunk) in limbs.iter_mut().zip(le.chunks_exact(8)) {
        let mut w = [0u8; 8];
        w.copy_from_slice(chunk);
        *limb = u64::from_le_bytes(w);
    }
    Fr::from_bigint(ark_ff::BigInt(limbs)).ok_or(Error::NonCanonicalScalar(what))
}

/// OS2IP of 32 bytes into a scalar in [1, r-1] (draft octets_to_signature / octets_to_proof).
pub fn scalar_from_bytes(bytes: &[u8], what: &'static str) -> Result<Fr> {
    let s = scalar_from_bytes_allow_zero(bytes, what)?;
    if s.is_zero() {
        return Err(Error::ZeroScalar(what));
    }
    Ok(s)
}

/// point_to_octets_E1: compressed 48 bytes.
pub fn g1_to_bytes(p: &G1Affine) -> [u8; G1_LEN] {
    let mut out = [0u8; G1_LEN];
    // Writing a valid point into a buffer of exactly its size cannot fail.
    let _ = p.serialize_with_mode(&mut out[..], Compress::Yes);
    out
}

/// point_to_octets_E2: compressed 96 bytes (x written as x_c1 || x_c0).
pub fn g2_to_bytes(p: &G2Affine) -> [u8; G2_LEN] {
    let mut out = [0u8; G2_LEN];
    let _ = p.serialize_with_mode(&mut out[..], Compress::Yes);
    out
}

/// octets_to_point_E1: checks length, flags, canonical x, curve and subgroup membership.
/// The identity is accepted here; use [`g1_from_bytes_nonidentity`] where the draft forbids it.
pub fn g1_from_bytes(bytes: &[u8], what: &'static str) -> Result<G1Affine> {
    zkcred_pairing::g1_from_compressed(exact(bytes, what)?).ok_or(Error::MalformedPoint(what))
}

/// `bytes` as an array of exactly `N` bytes, else [`Error::InvalidLength`].
pub(crate) fn exact<'b, const N: usize>(
    bytes: &'b [u8],
    what: &'static str,
) -> Result<&'b [u8; N]> {
    bytes.try_into().map_err(|_| Error::InvalidLength {
        what,
        expected: N,
        got: bytes.len(),
    })
}

/// octets_to_point_E1 that also rejects the identity.
pub fn g1_from_bytes_nonidentity(bytes: &[u8], what: &'static str) -> Result<G1Affine> {
    let p = g1_from_bytes(bytes, what)?;
    if p.is_zero() {
        return Err(Error::IdentityPoint(what));
    }
    Ok(p)
}

/// octets_to_point_E2 that rejects the identity (used for public keys).
pub fn g2_from_bytes_nonidentity(bytes: &[u8], what: &'static str) -> Result<G2Affine> {
    let p = zkcred_pairing::g2_from_compressed(exact::<G2_LEN>(bytes, what)?)
        .ok_or(Error::MalformedPoint(what))?;
    if p.is_zero() {
        return Err(Error::IdentityPoint(what));
    }
    Ok(p)
}

/// I2OSP(x, 8) for lengths and indexes.
pub fn i2osp8(x: usize) -> [u8; 8] {
    (x as u64).to_be_bytes()
}

/// Decodes a hex string into bytes with a typed error.
pub fn hex_decode(s: &str) -> Result<Vec<u8>> {
    hex::decode(s).map_err(|e| Error::Hex(e.to_string()))
}
