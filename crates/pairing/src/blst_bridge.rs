//! The bridge to blst (supranational's BLS12-381 assembly, constant time where it handles
//! secrets), through its safe wrapper `blstrs`: the Miller loops and final exponentiation,
//! point decompression with subgroup checks, hash-to-curve for the SHA-256 suite, and the
//! issuer's constant-time scalar multiplication and inversion.
//!
//! arkworks and blst store a field element the same way: little-endian 64-bit limbs in
//! Montgomery form, `x·2^384 mod p` in Fq and `x·2^256 mod r` in Fr. Points and scalars cross
//! by copying limbs, with no arithmetic; the identity is arkworks' flag and blst's all-zero
//! affine point. Every other module keeps arkworks types.

use ark_bls12_381::{Fq, Fq2, Fr, G1Affine, G1Projective, G2Affine, G2Projective};
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

/// The same scalar for blst. `blstrs::Scalar` is `Copy` and has no zeroize: the copies of a
/// secret this module makes live on the stack for one call.
fn fr_to_blst(s: &Fr) -> blstrs::Scalar {
    let mut raw = blst_fr { l: s.0 .0 };
    let scalar = blstrs::Scalar::from(raw);
    raw.l.zeroize();
    scalar
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
    let out = blstrs::G1Projective::from(g1_to_blst(p)) * fr_to_blst(k);
    g1_from_blst(&blstrs::G1Affine::from(out))
}

/// `k·Q` in G2 in constant time (as [`ct_mul_g1`]).
pub fn ct_mul_g2(q: &G2Affine, k: &Fr) -> G2Affine {
    let out = blstrs::G2Projective::from(g2_to_blst(q)) * fr_to_blst(k);
    g2_from_blst(&blstrs::G2Affine::from(out))
}

/// `1/k` in constant time (blst's constant-time extended Euclid, Bernstein–Yang style), or
/// `None` for `k = 0`.
pub fn ct_invert(k: &Fr) -> Option<Fr> {
    let k = fr_to_blst(k);
    Option::<blstrs::Scalar>::from(ff::Field::invert(&k)).map(fr_from_blst)
}

/// `k·P` for a projective arkworks point: converted through its affine form.
pub fn ct_mul_g1_projective(p: &G1Projective, k: &Fr) -> G1Affine {
    ct_mul_g1(&(*p).into(), k)
}

/// `k·Q` for a projective arkworks G2 point.
pub fn ct_mul_g2_projective(q: &G2Projective, k: &Fr) -> G2Affine {
    ct_mul_g2(&(*q).into(), k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ark_ec::{CurveGroup, PrimeGroup};
    use ark_ff::{Field, UniformRand};
    use ark_serialize::CanonicalSerialize;

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
            assert_eq!(fr_from_blst(fr_to_blst(&s)), s);
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
            assert_eq!(ct_invert(&s), s.inverse());
        }
        assert_eq!(ct_invert(&Fr::from(0u64)), None);
        let g = G1Projective::generator();
        assert_eq!(ct_mul_g1_projective(&g, &Fr::from(0u64)), G1Affine::zero());
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
