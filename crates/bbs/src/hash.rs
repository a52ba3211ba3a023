//! Hashing into G1 (RFC 9380 hash_to_curve with the suite's expander) and the draft's
//! mocked random scalars used by the test vectors.

use crate::error::{Error, Result};
use crate::suite::{Ciphersuite, EXPAND_LEN};
use ark_bls12_381::{g1, Fq, Fr, G1Affine, G1Projective};
use ark_ec::hashing::curve_maps::wb::WBMap;
use ark_ec::hashing::map_to_curve_hasher::MapToCurve;
use ark_ec::AffineRepr;
use ark_ff::PrimeField;

/// Bytes per base-field element in hash_to_field for BLS12-381 G1 (L = 64, RFC 9380 8.8.1).
const FQ_EXPAND_LEN: usize = 64;

/// hash_to_curve_g1 (RFC 9380 3): u = hash_to_field(msg, 2) with the suite's expander,
/// Q0 = map_to_curve(u0), Q1 = map_to_curve(u1), P = clear_cofactor(Q0 + Q1).
///
/// The SHA-256 suite runs blst's implementation of the same steps (RFC 9380's
/// BLS12381G1_XMD:SHA-256_SSWU_RO_, checked against the official vectors); SHAKE-256, which
/// blst does not offer, runs arkworks' map.
pub fn hash_to_curve_g1(suite: Ciphersuite, msg: &[&[u8]], dst: &[u8]) -> Result<G1Projective> {
    if suite == Ciphersuite::Bls12381Sha256 {
        if dst.len() > 255 {
            return Err(Error::DstTooLong);
        }
        return Ok(zkcred_pairing::hash_to_g1_xmd_sha256(msg, dst));
    }
    let uniform = suite.expand_message(msg, dst, 2 * FQ_EXPAND_LEN)?;
    let u0 = Fq::from_be_bytes_mod_order(&uniform[..FQ_EXPAND_LEN]);
    let u1 = Fq::from_be_bytes_mod_order(&uniform[FQ_EXPAND_LEN..]);
    let q0 = <WBMap<g1::Config> as MapToCurve<G1Projective>>::map_to_curve(u0)
        .map_err(|_| Error::HashToCurve)?;
    let q1 = <WBMap<g1::Config> as MapToCurve<G1Projective>>::map_to_curve(u1)
        .map_err(|_| Error::HashToCurve)?;
    let sum: G1Affine = (q0 + q1).into();
    Ok(sum.clear_cofactor().into_group())
}

/// The draft's mocked random scalars (core draft, appendix "Mocked Random Scalars"):
/// v = expand_message(seed, dst, 48·n); scalar_i = OS2IP(v[48(i-1)..48i]) mod r.
///
/// Only for reproducing the official test vectors: never use it for real proofs.
pub fn seeded_random_scalars(
    suite: Ciphersuite,
    seed: &[u8],
    dst: &[u8],
    count: usize,
) -> Result<Vec<Fr>> {
    let bytes = suite.expand_message(&[seed], dst, EXPAND_LEN * count)?;
    Ok(bytes
        .chunks_exact(EXPAND_LEN)
        .map(Fr::from_be_bytes_mod_order)
        .collect())
}

/// calculate_random_scalars (draft 4.2.2): OS2IP(48 random bytes) mod r, from the caller's RNG.
pub fn random_scalar<R: rand_core::RngCore + rand_core::CryptoRng>(rng: &mut R) -> Fr {
    let mut buf = [0u8; EXPAND_LEN];
    rng.fill_bytes(&mut buf);
    let s = Fr::from_be_bytes_mod_order(&buf);
    zeroize::Zeroize::zeroize(&mut buf);
    s
}
