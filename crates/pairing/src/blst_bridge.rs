//! The bridge to blst (supranational's BLS12-381 assembly, constant time where it handles
//! secrets), through its safe wrapper `blstrs`: the Miller loops and final exponentiation,
//! point decompression with subgroup checks, hash-to-curve for the SHA-256 suite, and the
//! issuer's constant-time scalar multiplication and inversion.
//!
//! arkworks and blst store a field element the same way: little-endian 64-bit limbs in
//! Montgomery form, `x·2^384 mod p` in Fq and `x·2^256 mod r` in Fr. Points and scalars cross
//! by copying limbs, with no arithmetic; the identity is arkworks' flag and blst's all-zero
//! affine point. Every other module keeps arkworks types.

use ark_bls12_381::{Fq, Fq2, Fr, G1Affine, G1Projective, G2Affine};
use ark_ec::AffineRepr;
use ark_ff::BigInt;
use blst::{blst_fp, blst_fp2, blst_fr};
use group::prime::PrimeCurveAffine;
use zeroize::Zeroize;

fn fq_to_blst(x: &Fq) -> blst_fp {
    blst_fp { l: x.0 .0 }
}

fn fq_from_blst(x: blst_fp) -> Fq {
    Fq::new_unchecked(BigInt(x.l))
}

fn fq2_to_blst(x: &Fq2) -> blst_fp2 {
    blst_fp2 {
        fp: [fq_to_blst(&x.c0), fq_to_blst(&x.c1)],
    }
}

fn fq2_from_blst(x: blst_fp2) -> Fq2 {
    Fq2::new(fq_from_blst(x.fp[0]), fq_from_blst(x.fp[1]))
}

/// The same G1 point for blst.
pub(crate) fn g1_to_blst(p: &G1Affine) -> blstrs::G1Affine {
    if p.is_zero() {
        return blstrs::G1Affine::identity();
    }
    blstrs::G1Affine::from_raw_unchecked(fq_to_blst(&p.x).into(), fq_to_blst(&p.y).into(), false)
}

/// The same G1 point for arkworks.
pub(crate) fn g1_from_blst(p: &blstrs::G1Affine) -> G1Affine {
    if bool::from(p.is_identity()) {
        return G1Affine::zero();
    }
    G1Affine::new_unchecked(
        fq_from_blst(blst_fp::from(p.x())),
        fq_from_blst(blst_fp::from(p.y())),
    )
}

/// The same G2 point for blst.
pub(crate) fn g2_to_blst(p: &G2Affine) -> blstrs::G2Affine {
    if p.is_zero() {
        return blstrs::G2Affine::identity();
    }
    blstrs::G2Affine::from_raw_unchecked(fq2_to_blst(&p.x).into(), fq2_to_blst(&p.y).into(), false)
}

/// The same G2 point for arkworks.
pub(crate) fn g2_from_blst(p: &blstrs::G2Affine) -> G2Affine {
    if bool::from(p.is_identity()) {
        return G2Affine::zero();
    }
    G2Affine::new_unchecked(
        fq2_from_blst(blst_fp2::from(p.x())),
        fq2_from_blst(blst_fp2::from(p.y())),
    )
}

/// The same scalar for arkworks.
fn fr_from_blst(s: blstrs::Scalar) -> Fr {
    let mut raw = blst_fr::from(s);
    let out = Fr::new_unchecked(BigInt(raw.l));
    raw.l.zeroize();
    out
}

/// A compressed G1 point (the ZCash format of draft-irtf-cfrg-bbs-signatures'
/// `octets_to_point_E1`): flags, canonical x, on the curve, in the prime-order subgroup. The
/// identity's encoding gives the identity. `None` for anything else.
pub fn g1_from_compressed(bytes: &[u8; 48]) -> Option<G1Affine> {
    Option::<blstrs::G1Affine>::from(blstrs::G1Affine::from_compressed(bytes))
        .map(|p| g1_from_blst(&p))
}

/// A compressed G2 point, checked as [`g1_from_compressed`] checks G1 points.
pub fn g2_from_compressed(bytes: &[u8; 96]) -> Option<G2Affine> {
    Option::<blstrs::G2Affine>::from(blstrs::G2Affine::from_compressed(bytes))
        .map(|p| g2_from_blst(&p))
}

/// `hash_to_curve` of RFC 9380 with the suite BLS12381G1_XMD:SHA-256_SSWU_RO_ (the hash of
/// the BBS SHA-256 ciphersuite), of the concatenation of `msg`, under `dst`.
pub fn hash_to_g1_xmd_sha256(msg: &[&[u8]], dst: &[u8]) -> G1Projective {
    let msg = msg.concat();
    let p = blstrs::G1Affine::from(blstrs::G1Projective::hash_to_curve(&msg, dst, &[]));
    g1_from_blst(&p).into()
}

/// Whether `p` is on the curve and in G1's prime-order subgroup (blst's endomorphism test);
/// the identity is.
pub fn g1_is_valid(p: &G1Affine) -> bool {
    let p = g1_to_blst(p);
    bool::from(p.is_on_curve() & p.is_torsion_free())
}

/// Whether `q` is on the twist and in G2's prime-order subgroup; the identity is.
pub fn g2_is_valid(q: &G2Affine) -> bool {
    let q = g2_to_blst(q);
    bool::from(q.is_on_curve() & q.is_torsion_free())
}

/// `k·P` in constant time: blst's GLV multiplication with constant-time table lookups; no
/// branch or memory index depends on `k`.
pub fn ct_mul_g1(p: &G1Affine, k: &Fr) -> G1Affine {
    let out = blstrs::G1Projective::from(g1_to_blst(p)) * SecretFr::new(k).scalar();
    g1_from_blst(&blstrs::G1Affine::from(out))
}

/// `k·Q` in G2 in constant time (as [`ct_mul_g1`]).
pub fn ct_mul_g2(q: &G2Affine, k: &Fr) -> G2Affine {
    let out = blstrs::G2Projective::from(g2_to_blst(q)) * SecretFr::new(k).scalar();
    g2_from_blst(&blstrs::G2Affine::from(out))
}

/// A secret scalar in blst's form, zeroized on drop. The `blstrs::Scalar` values made from
/// it for each operation are `Copy` temporaries that this safe code cannot wipe.
struct SecretFr(blst_fr);

impl SecretFr {
    fn new(s: &Fr) -> Self {
        Self(blst_fr { l: s.0 .0 })
    }

    fn from_blst(s: blstrs::Scalar) -> Self {
        Self(blst_fr::from(s))
    }

    fn scalar(&self) -> blstrs::Scalar {
        blstrs::Scalar::from(self.0)
    }
}

impl Drop for SecretFr {
    fn drop(&mut self) {
        self.0.l.zeroize();
    }
}

/// The same G1 point for blst, from arkworks' Jacobian coordinates (x = X/Z², y = Y/Z³, the
/// identity Z = 0), which are blst's: a limb copy, no inversion.
fn g1_projective_to_blst(p: &G1Projective) -> blstrs::G1Projective {
    blstrs::G1Projective::from_raw_unchecked(
        fq_to_blst(&p.x).into(),
        fq_to_blst(&p.y).into(),
        fq_to_blst(&p.z).into(),
    )
}

/// `P·1/(a + b)` in constant time (the issuer's `A = B·1/(SK + e)`, draft-irtf-cfrg-bbs-signatures
/// 3.6.1 step 7): blst's constant-time addition, inversion and GLV multiplication, the sum and
/// the inverse never leaving blst's form. `None` for `a + b = 0`.
pub fn ct_mul_g1_by_inverse_of_sum(p: &G1Projective, a: &Fr, b: &Fr) -> Option<G1Affine> {
    let sum = SecretFr::from_blst(SecretFr::new(a).scalar() + SecretFr::new(b).scalar());
    let inv = Option::<blstrs::Scalar>::from(ff::Field::invert(&sum.scalar()))?;
    let inv = SecretFr::from_blst(inv);
    let out = g1_projective_to_blst(p) * inv.scalar();
    Some(g1_from_blst(&blstrs::G1Affine::from(out)))
}

/// I2OSP(s, 32), big-endian, in constant time (blst's conversion out of Montgomery form;
/// arkworks' `into_bigint` ends with a conditional subtraction). Zeroized on drop.
pub fn ct_scalar_to_be_bytes(s: &Fr) -> zeroize::Zeroizing<[u8; 32]> {
    zeroize::Zeroizing::new(SecretFr::new(s).scalar().to_bytes_be())
}

/// OS2IP(bytes) mod r for 48 big-endian bytes (hash_to_scalar's reduction, draft 4.2.1) in
/// constant time: x = (c_2·2^128 + c_1)·2^128 + c_0 over the 16-byte chunks c_k, each below
/// r, with blst's constant-time multiplication and addition.
pub fn ct_scalar_from_be_wide(bytes: &[u8; 48]) -> Fr {
    let shift = limbs_scalar([0, 0, 1, 0]);
    let mut acc = SecretFr::from_blst(<blstrs::Scalar as ff::Field>::ZERO);
    for chunk in bytes.chunks_exact(16) {
        let c = SecretFr::from_blst(chunk_scalar(chunk));
        acc = SecretFr::from_blst(acc.scalar() * shift + c.scalar());
    }
    fr_from_blst(acc.scalar())
}

/// A 16-byte big-endian chunk (below 2^128 < r) as a scalar.
fn chunk_scalar(chunk: &[u8]) -> blstrs::Scalar {
    let mut limbs = [0u64; 4];
    for (limb, word) in limbs.iter_mut().zip(chunk.rchunks_exact(8)) {
        let mut w = [0u8; 8];
        w.copy_from_slice(word);
        *limb = u64::from_be_bytes(w);
    }
    let s = limbs_scalar(limbs);
    limbs.zeroize();
    s
}

/// The scalar of little-endian 64-bit limbs below r (the caller's bound; larger gives 0).
fn limbs_scalar(limbs: [u64; 4]) -> blstrs::Scalar {
    blstrs::Scalar::from_u64s_le(&limbs).unwrap_or(<blstrs::Scalar as ff::Field>::ZERO)
}

/// OS2IP of 32 big-endian bytes as a scalar, `None` unless below r, in constant time (blst's
/// comparison with r and conversion to Montgomery form; arkworks' `from_bigint` compares
/// limb by limb and ends with a conditional subtraction): for decoding a secret key.
pub fn ct_scalar_from_be_bytes(bytes: &[u8; 32]) -> Option<Fr> {
    let s = Option::<blstrs::Scalar>::from(blstrs::Scalar::from_bytes_be(bytes))?;
    Some(fr_from_blst(SecretFr::from_blst(s).scalar()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ark_bls12_381::G2Projective;
    use ark_ec::CurveGroup;
    use ark_ff::{BigInteger, Field, PrimeField, UniformRand};
    use ark_serialize::CanonicalSerialize;

    #[test]
    fn constant_time_issuer_steps_agree_with_arkworks() {
        let rng = &mut <rand_chacha::ChaCha20Rng as rand::SeedableRng>::seed_from_u64(9);
        for _ in 0..8 {
            let p = G1Projective::rand(rng).into_affine();
            let (a, b) = (Fr::rand(rng), Fr::rand(rng));
            let inv = (a + b).inverse();
            let expected = inv.map(|inv| (p * inv).into_affine());
            assert_eq!(ct_mul_g1_by_inverse_of_sum(&p.into(), &a, &b), expected);
            let q = G1Projective::rand(rng) * Fr::from(3u64); // Z != 1
            let expected = inv.map(|inv| (q * inv).into_affine());
            assert_eq!(ct_mul_g1_by_inverse_of_sum(&q, &a, &b), expected);
            assert_eq!(
                ct_scalar_to_be_bytes(&a).to_vec(),
                a.into_bigint().to_bytes_be()
            );
        }
        let a = Fr::from(5u64);
        let p = G1Projective::from(G1Affine::generator());
        assert_eq!(ct_mul_g1_by_inverse_of_sum(&p, &a, &-a), None);
        let zero = G1Projective::from(G1Affine::zero());
        let got = ct_mul_g1_by_inverse_of_sum(&zero, &a, &a);
        assert_eq!(got, Some(G1Affine::zero()));
    }

    #[test]
    fn wide_reduction_agrees_with_arkworks() {
        let rng = &mut <rand_chacha::ChaCha20Rng as rand::SeedableRng>::seed_from_u64(10);
        let mut cases = vec![[0u8; 48], [0xff; 48]];
        for _ in 0..16 {
            let mut bytes = [0u8; 48];
            rand::RngCore::fill_bytes(rng, &mut bytes);
            cases.push(bytes);
        }
        for bytes in cases {
            assert_eq!(
                ct_scalar_from_be_wide(&bytes),
                Fr::from_be_bytes_mod_order(&bytes)
            );
        }
    }

    #[test]
    fn secret_key_decoding_agrees_with_arkworks() {
        let rng = &mut <rand_chacha::ChaCha20Rng as rand::SeedableRng>::seed_from_u64(11);
        let r_minus_1: [u8; 32] = (-Fr::from(1u64))
            .into_bigint()
            .to_bytes_be()
            .try_into()
            .unwrap();
        let mut r = r_minus_1;
        r[31] += 1; // r - 1 ends in 0x00
        let mut cases = vec![[0u8; 32], [0xff; 32], r_minus_1, r];
        for _ in 0..16 {
            let mut bytes = [0u8; 32];
            rand::RngCore::fill_bytes(rng, &mut bytes);
            cases.push(bytes);
        }
        for bytes in cases {
            let reduced = Fr::from_be_bytes_mod_order(&bytes);
            let canonical = reduced.into_bigint().to_bytes_be() == bytes;
            assert_eq!(
                ct_scalar_from_be_bytes(&bytes),
                canonical.then_some(reduced)
            );
        }
        assert_eq!(ct_scalar_from_be_bytes(&r), None);
    }

    fn rng() -> rand_chacha::ChaCha20Rng {
        rand::SeedableRng::seed_from_u64(7)
    }

    #[test]
    fn points_and_scalars_cross_unchanged() {
        let rng = &mut rng();
        for _ in 0..8 {
            let p = G1Projective::rand(rng).into_affine();
            let q = G2Projective::rand(rng).into_affine();
            let s = Fr::rand(rng);
            assert_eq!(g1_from_blst(&g1_to_blst(&p)), p);
            assert_eq!(g2_from_blst(&g2_to_blst(&q)), q);
            assert_eq!(fr_from_blst(SecretFr::new(&s).scalar()), s);
            let mut bytes = [0u8; 48];
            p.serialize_compressed(&mut bytes[..]).unwrap();
            assert_eq!(
                g1_to_blst(&p).to_compressed(),
                bytes,
                "same point, same encoding"
            );
        }
        assert!(bool::from(g1_to_blst(&G1Affine::zero()).is_identity()));
        assert_eq!(
            g2_from_blst(&blstrs::G2Affine::identity()),
            G2Affine::zero()
        );
    }

    #[test]
    fn constant_time_operations_agree_with_arkworks() {
        let rng = &mut rng();
        for _ in 0..8 {
            let p = G1Projective::rand(rng).into_affine();
            let q = G2Projective::rand(rng).into_affine();
            let s = Fr::rand(rng);
            assert_eq!(ct_mul_g1(&p, &s), (p * s).into_affine());
            assert_eq!(ct_mul_g2(&q, &s), (q * s).into_affine());
        }
        let g = G1Affine::generator();
        assert_eq!(ct_mul_g1(&g, &Fr::from(0u64)), G1Affine::zero());
        assert_eq!(
            ct_mul_g1(&G1Affine::zero(), &Fr::from(5u64)),
            G1Affine::zero()
        );
    }

    #[test]
    fn decompression_checks_what_arkworks_checks() {
        let rng = &mut rng();
        let p = G1Projective::rand(rng).into_affine();
        let mut bytes = [0u8; 48];
        p.serialize_compressed(&mut bytes[..]).unwrap();
        assert_eq!(g1_from_compressed(&bytes), Some(p));
        let mut identity = [0u8; 48];
        identity[0] = 0xc0;
        assert_eq!(g1_from_compressed(&identity), Some(G1Affine::zero()));
        let mut bad = bytes;
        bad[0] &= 0x7f; // no compression flag
        assert_eq!(g1_from_compressed(&bad), None);
        assert!(g1_is_valid(&p) && g1_is_valid(&G1Affine::zero()));
        let off_curve = G1Affine::new_unchecked(p.x, p.y + Fq::from(1u64));
        assert!(!g1_is_valid(&off_curve));
        let q = G2Projective::rand(rng).into_affine();
        assert!(g2_is_valid(&q));
        let off_twist = G2Affine::new_unchecked(q.x, q.y + Fq2::from(1u64));
        assert!(!g2_is_valid(&off_twist));
        let mut bytes = [0u8; 96];
        q.serialize_compressed(&mut bytes[..]).unwrap();
        assert_eq!(g2_from_compressed(&bytes), Some(q));
    }
}
