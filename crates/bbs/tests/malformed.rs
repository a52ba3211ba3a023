//! Malformed and adversarial inputs: every one must give a specific typed [`Error`], never a
//! panic. Covers point and scalar decoding (identity, off-curve, off-subgroup, non-canonical,
//! bad flags), lengths, index lists, message-count bounds, KeyGen and DST limits, verification
//! with wrong inputs, batch verification, serde, and a seeded fuzz loop over the decoders.

use ark_bls12_381::{g1, g2, Fq, Fq2, G1Affine, G2Affine};
use ark_ec::short_weierstrass::SWCurveConfig;
use ark_ff::{BigInteger, Field, PrimeField, Zero};
use ark_serialize::CanonicalSerialize;
use rand::{Rng, RngCore, SeedableRng};
use rand_chacha::ChaCha20Rng;
use std::sync::OnceLock;
use std::time::{Duration, Instant};
use zkcred_bbs::generators::create_generators;
use zkcred_bbs::hash::{hash_to_curve_g1, seeded_random_scalars};
use zkcred_bbs::{
    BatchItem, Bbs, Ciphersuite, Error, KeyPair, Proof, ProofRandomness, PublicKey, Scalar,
    SecretKey, Signature,
};

const SIG_LEN: usize = 80;
const PK_LEN: usize = 96;
const PROOF_BASE: usize = 272;
/// Offset of the first proof scalar (e^) after Abar, Bbar, D.
const PROOF_SCALARS: usize = 144;

/// Messages of the shared fixture (L = 5).
const MESSAGES: [&[u8]; 5] = [b"alpha", b"beta", b"", b"delta", b"epsilon"];
/// Disclosed indexes of the shared fixture proof (U = 3).
const DISCLOSED: [usize; 2] = [0, 2];
const HEADER: &[u8] = b"fixture header";
const PH: &[u8] = b"fixture presentation header";

fn rng(seed: u64) -> ChaCha20Rng {
    ChaCha20Rng::seed_from_u64(seed)
}

fn suite_index(suite: Ciphersuite) -> usize {
    match suite {
        Ciphersuite::Bls12381Sha256 => 0,
        Ciphersuite::Bls12381Shake256 => 1,
    }
}

/// One context per suite for up to 12 messages, built once.
fn ctx(suite: Ciphersuite) -> &'static Bbs {
    static CTX: OnceLock<Vec<Bbs>> = OnceLock::new();
    &CTX.get_or_init(|| {
        Ciphersuite::ALL
            .iter()
            .map(|&s| Bbs::new(s, 12).expect("context"))
            .collect()
    })[suite_index(suite)]
}

/// A key pair, a signature over [`MESSAGES`] and a proof disclosing [`DISCLOSED`].
struct Fixture {
    keys: KeyPair,
    other: KeyPair,
    sig: Signature,
    proof: Proof,
}

fn fixture(suite: Ciphersuite) -> &'static Fixture {
    static FIX: OnceLock<Vec<Fixture>> = OnceLock::new();
    &FIX.get_or_init(|| {
        Ciphersuite::ALL
            .iter()
            .map(|&s| {
                let mut r = rng(7 + suite_index(s) as u64);
                let keys = KeyPair::random(s, &mut r).expect("keys");
                let other = KeyPair::random(s, &mut r).expect("keys");
                let bbs = ctx(s);
                let sig = bbs
                    .sign(&keys.secret, &keys.public, HEADER, &MESSAGES)
                    .expect("sign");
                let proof = bbs
                    .proof_gen(
                        &keys.public,
                        &sig,
                        HEADER,
                        PH,
                        &MESSAGES,
                        &DISCLOSED,
                        &mut r,
                    )
                    .expect("proof");
                Fixture {
                    keys,
                    other,
                    sig,
                    proof,
                }
            })
            .collect()
    })[suite_index(suite)]
}

fn disclosed_messages() -> Vec<&'static [u8]> {
    DISCLOSED.iter().map(|&i| MESSAGES[i]).collect()
}

/// The scalar field order r, big-endian.
fn r_bytes() -> [u8; 32] {
    let mut out = [0u8; 32];
    out.copy_from_slice(&Scalar::MODULUS.to_bytes_be());
    out
}

fn fq_be(x: &Fq) -> [u8; 48] {
    let mut out = [0u8; 48];
    out.copy_from_slice(&x.into_bigint().to_bytes_be());
    out
}

/// Compressed G1 encoding of raw x bytes with the given flag bits ORed into byte 0.
fn g1_raw(x: [u8; 48], flags: u8) -> [u8; 48] {
    let mut out = x;
    out[0] |= flags;
    out
}

/// Compressed G2 encoding (x_c1 || x_c0) of raw bytes with flags ORed into byte 0.
fn g2_raw(c1: [u8; 48], c0: [u8; 48], flags: u8) -> [u8; 96] {
    let mut out = [0u8; 96];
    out[..48].copy_from_slice(&c1);
    out[48..].copy_from_slice(&c0);
    out[0] |= flags;
    out
}

/// A compressed G1 x (small integer) with no y on the curve.
fn g1_off_curve() -> [u8; 48] {
    let x = (0u64..)
        .map(Fq::from)
        .find(|x| (*x * x * x + g1::Config::COEFF_B).sqrt().is_none())
        .expect("a non-residue");
    g1_raw(fq_be(&x), 0x80)
}

/// A compressed G1 point on the curve but outside the r-order subgroup.
fn g1_off_subgroup() -> [u8; 48] {
    for k in 0u64.. {
        let x = Fq::from(k);
        if let Some(y) = (x * x * x + g1::Config::COEFF_B).sqrt() {
            let p = G1Affine::new_unchecked(x, y);
            assert!(p.is_on_curve());
            if !p.is_in_correct_subgroup_assuming_on_curve() {
                let mut out = [0u8; 48];
                p.serialize_compressed(&mut out[..]).expect("serialize");
                return out;
            }
        }
    }
    unreachable!()
}

/// A compressed G2 x = (k, 0) with no y on the twist.
fn g2_off_curve() -> [u8; 96] {
    let x = (0u64..)
        .map(|k| Fq2::new(Fq::from(k), Fq::zero()))
        .find(|x| (*x * x * x + g2::Config::COEFF_B).sqrt().is_none())
        .expect("a non-residue");
    g2_raw(fq_be(&x.c1), fq_be(&x.c0), 0x80)
}

/// A compressed G2 point on the twist but outside the r-order subgroup.
fn g2_off_subgroup() -> [u8; 96] {
    for k in 0u64.. {
        let x = Fq2::new(Fq::from(k), Fq::ONE);
        if let Some(y) = (x * x * x + g2::Config::COEFF_B).sqrt() {
            let p = G2Affine::new_unchecked(x, y);
            assert!(p.is_on_curve());
            if !p.is_in_correct_subgroup_assuming_on_curve() {
                let mut out = [0u8; 96];
                p.serialize_compressed(&mut out[..]).expect("serialize");
                return out;
            }
        }
    }
    unreachable!()
}

/// Every malformed 48-byte G1 encoding of this file, with a label.
fn bad_g1_encodings(valid: &[u8]) -> Vec<(&'static str, [u8; 48])> {
    let mut p = [0u8; 48];
    p.copy_from_slice(&Fq::MODULUS.to_bytes_be());
    let mut p_plus_1 = p;
    p_plus_1[47] += 1;
    let mut all_ones = [0xffu8; 48];
    all_ones[0] = 0x1f;
    let mut valid48 = [0u8; 48];
    valid48.copy_from_slice(valid);
    let mut no_compress = valid48;
    no_compress[0] &= 0x7f;
    let mut all_flags = valid48;
    all_flags[0] |= 0xe0;
    let mut inf_nonzero = [0u8; 48];
    inf_nonzero[0] = 0xc0;
    inf_nonzero[47] = 1;
    let mut inf_sign = [0u8; 48];
    inf_sign[0] = 0xe0;
    let mut inf_uncompressed = [0u8; 48];
    inf_uncompressed[0] = 0x40;
    vec![
        ("off curve", g1_off_curve()),
        ("off subgroup", g1_off_subgroup()),
        ("x = p", g1_raw(p, 0x80)),
        ("x = p + 1", g1_raw(p_plus_1, 0xa0)),
        ("x = 2^381 - 1", g1_raw(all_ones, 0x80)),
        ("no compression bit", no_compress),
        ("compressed+infinity+sign (valid x)", all_flags),
        ("infinity with nonzero x", inf_nonzero),
        ("infinity with sign bit", inf_sign),
        ("infinity without compression bit", inf_uncompressed),
        ("all zero", [0u8; 48]),
    ]
}

fn bad_g2_encodings(valid: &[u8]) -> Vec<(&'static str, [u8; 96])> {
    let mut p = [0u8; 48];
    p.copy_from_slice(&Fq::MODULUS.to_bytes_be());
    let mut valid96 = [0u8; 96];
    valid96.copy_from_slice(valid);
    let mut no_compress = valid96;
    no_compress[0] &= 0x7f;
    let mut all_flags = valid96;
    all_flags[0] |= 0xe0;
    let mut inf_nonzero = [0u8; 96];
    inf_nonzero[0] = 0xc0;
    inf_nonzero[95] = 1;
    let mut inf_sign = [0u8; 96];
    inf_sign[0] = 0xe0;
    let mut c0_is_p = valid96;
    c0_is_p[48..].copy_from_slice(&p);
    vec![
        ("off curve", g2_off_curve()),
        ("off subgroup", g2_off_subgroup()),
        ("x_c1 = p", g2_raw(p, [0u8; 48], 0x80)),
        ("x_c0 = p", c0_is_p),
        ("no compression bit", no_compress),
        ("compressed+infinity+sign (valid x)", all_flags),
        ("infinity with nonzero x", inf_nonzero),
        ("infinity with sign bit", inf_sign),
        ("all zero", [0u8; 96]),
    ]
}

fn with_replaced(base: &[u8], at: usize, part: &[u8]) -> Vec<u8> {
    let mut out = base.to_vec();
    out[at..at + part.len()].copy_from_slice(part);
    out
}

fn identity_g1() -> [u8; 48] {
    let mut out = [0u8; 48];
    out[0] = 0xc0;
    out
}

fn identity_g2() -> [u8; 96] {
    let mut out = [0u8; 96];
    out[0] = 0xc0;
    out
}

// ---------------------------------------------------------------------------------------------
// Points

/// The identity is rejected as A, Abar, Bbar, D and as a public key with `IdentityPoint`.
#[test]
fn identity_points_are_rejected() {
    let f = fixture(Ciphersuite::Bls12381Sha256);
    let sig = with_replaced(&f.sig.to_bytes(), 0, &identity_g1());
    assert!(matches!(
        Signature::from_bytes(&sig),
        Err(Error::IdentityPoint(_))
    ));
    let proof = f.proof.to_bytes();
    for i in 0..3 {
        let bad = with_replaced(&proof, 48 * i, &identity_g1());
        let got = Proof::from_bytes(&bad);
        assert!(
            matches!(got, Err(Error::IdentityPoint(_))),
            "point {i}: {got:?}"
        );
    }
    assert!(matches!(
        PublicKey::from_bytes(&identity_g2()),
        Err(Error::IdentityPoint(_))
    ));
}

/// Off-curve, off-subgroup, non-canonical x and bad flag bits in A, Abar, Bbar and D give
/// `MalformedPoint`.
#[test]
fn malformed_g1_points_are_rejected() {
    let f = fixture(Ciphersuite::Bls12381Sha256);
    let sig = f.sig.to_bytes();
    let proof = f.proof.to_bytes();
    for (label, bad) in bad_g1_encodings(&sig[..48]) {
        let got = Signature::from_bytes(&with_replaced(&sig, 0, &bad));
        assert!(
            matches!(got, Err(Error::MalformedPoint(_))),
            "signature A {label}: {got:?}"
        );
        for i in 0..3 {
            let got = Proof::from_bytes(&with_replaced(&proof, 48 * i, &bad));
            assert!(
                matches!(got, Err(Error::MalformedPoint(_))),
                "proof point {i} {label}: {got:?}"
            );
        }
    }
}

/// Off-curve, off-subgroup, non-canonical x and bad flag bits in a public key give
/// `MalformedPoint`.
#[test]
fn malformed_public_keys_are_rejected() {
    let f = fixture(Ciphersuite::Bls12381Sha256);
    for (label, bad) in bad_g2_encodings(&f.keys.public.to_bytes()) {
        let got = PublicKey::from_bytes(&bad);
        assert!(
            matches!(got, Err(Error::MalformedPoint(_))),
            "public key {label}: {got:?}"
        );
    }
}

/// The crafted off-subgroup and off-curve encodings really are what they claim (sanity of the
/// helpers above: a valid-x point with its flags restored decodes).
#[test]
fn crafted_points_are_well_formed_apart_from_their_defect() {
    let sub = g1_off_subgroup();
    assert_eq!(sub[0] & 0xc0, 0x80, "compressed, not infinity");
    let sub2 = g2_off_subgroup();
    assert_eq!(sub2[0] & 0xc0, 0x80);
    // A valid G1 point round-trips through the same helpers.
    let f = fixture(Ciphersuite::Bls12381Sha256);
    let a = f.sig.to_bytes();
    let mut x = [0u8; 48];
    x.copy_from_slice(&a[..48]);
    let flags = x[0] & 0xe0;
    x[0] &= 0x1f;
    let rebuilt = with_replaced(&a, 0, &g1_raw(x, flags));
    assert_eq!(Signature::from_bytes(&rebuilt), Ok(f.sig));
}

// ---------------------------------------------------------------------------------------------
// Scalars

/// e = 0 gives `ZeroScalar`, e = r and e = 2^256 - 1 give `NonCanonicalScalar`, e = r - 1 decodes.
#[test]
fn signature_scalar_bounds() {
    let f = fixture(Ciphersuite::Bls12381Sha256);
    let sig = f.sig.to_bytes();
    let got = Signature::from_bytes(&with_replaced(&sig, 48, &[0u8; 32]));
    assert!(matches!(got, Err(Error::ZeroScalar(_))), "{got:?}");
    let got = Signature::from_bytes(&with_replaced(&sig, 48, &r_bytes()));
    assert!(matches!(got, Err(Error::NonCanonicalScalar(_))), "{got:?}");
    let got = Signature::from_bytes(&with_replaced(&sig, 48, &[0xffu8; 32]));
    assert!(matches!(got, Err(Error::NonCanonicalScalar(_))), "{got:?}");
    let mut r_minus_1 = r_bytes();
    r_minus_1[31] -= 1;
    let ok = Signature::from_bytes(&with_replaced(&sig, 48, &r_minus_1)).expect("r - 1 is valid");
    assert_eq!(*ok.e(), -Scalar::ONE);
}

/// Each proof scalar (e^, r1^, r3^, every m^, c) rejects 0 with `ZeroScalar` and r with
/// `NonCanonicalScalar`.
#[test]
fn proof_scalar_bounds() {
    let f = fixture(Ciphersuite::Bls12381Shake256);
    let proof = f.proof.to_bytes();
    let count = (proof.len() - PROOF_SCALARS) / 32;
    assert_eq!(count, 4 + 3, "e^, r1^, r3^, 3 m^, c");
    for k in 0..count {
        let at = PROOF_SCALARS + 32 * k;
        let got = Proof::from_bytes(&with_replaced(&proof, at, &[0u8; 32]));
        assert!(
            matches!(got, Err(Error::ZeroScalar(_))),
            "scalar {k}: {got:?}"
        );
        let got = Proof::from_bytes(&with_replaced(&proof, at, &r_bytes()));
        assert!(
            matches!(got, Err(Error::NonCanonicalScalar(_))),
            "scalar {k}: {got:?}"
        );
    }
}

/// SecretKey::from_bytes rejects 0 and r, accepts 1 and r - 1, and rejects wrong lengths.
#[test]
fn secret_key_scalar_bounds() {
    assert!(matches!(
        SecretKey::from_bytes(&[0u8; 32]),
        Err(Error::ZeroScalar(_))
    ));
    assert!(matches!(
        SecretKey::from_bytes(&r_bytes()),
        Err(Error::NonCanonicalScalar(_))
    ));
    let mut one = [0u8; 32];
    one[31] = 1;
    assert!(SecretKey::from_bytes(&one).is_ok());
    let mut r_minus_1 = r_bytes();
    r_minus_1[31] -= 1;
    assert!(SecretKey::from_bytes(&r_minus_1).is_ok());
    for len in [0usize, 31, 33, 48] {
        assert!(matches!(
            SecretKey::from_bytes(&vec![1u8; len]),
            Err(Error::InvalidLength { expected: 32, got, .. }) if got == len
        ));
    }
}

// ---------------------------------------------------------------------------------------------
// Lengths

/// Proof lengths that are not 272 + 32k give `InvalidProofLength(len)`.
#[test]
fn proof_lengths() {
    let f = fixture(Ciphersuite::Bls12381Sha256);
    let valid = f.proof.to_bytes();
    for len in [
        0usize,
        1,
        200,
        271,
        273,
        272 + 31,
        272 + 33,
        272 + 16,
        48 * 3,
    ] {
        let mut bytes = valid.clone();
        bytes.resize(len, 0x11);
        let got = Proof::from_bytes(&bytes);
        assert!(
            matches!(got, Err(Error::InvalidProofLength(l)) if l == len),
            "len {len}: {got:?}"
        );
    }
}

/// Signatures that are not 80 bytes and public keys that are not 96 bytes give `InvalidLength`.
#[test]
fn signature_and_public_key_lengths() {
    let f = fixture(Ciphersuite::Bls12381Sha256);
    let sig = f.sig.to_bytes();
    for len in [0usize, 1, 48, 79, 81, 96, 160] {
        let mut bytes = sig.to_vec();
        bytes.resize(len, 0x01);
        let got = Signature::from_bytes(&bytes);
        assert!(
            matches!(got, Err(Error::InvalidLength { expected: SIG_LEN, got: g, .. }) if g == len),
            "signature len {len}: {got:?}"
        );
    }
    let pk = f.keys.public.to_bytes();
    for len in [0usize, 1, 48, 95, 97, 192] {
        let mut bytes = pk.to_vec();
        bytes.resize(len, 0x01);
        let got = PublicKey::from_bytes(&bytes);
        assert!(
            matches!(got, Err(Error::InvalidLength { expected: PK_LEN, got: g, .. }) if g == len),
            "public key len {len}: {got:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Index lists

/// proof_verify rejects unsorted, duplicate and out-of-range indexes and count mismatches.
#[test]
fn proof_verify_bad_indexes() {
    let suite = Ciphersuite::Bls12381Sha256;
    let (bbs, f) = (ctx(suite), fixture(suite));
    let pk = &f.keys.public;
    let m: Vec<&[u8]> = disclosed_messages();
    // L = R + U = 2 + 3 = 5.
    let got = bbs.proof_verify(pk, &f.proof, HEADER, PH, &[m[1], m[0]], &[2, 0]);
    assert_eq!(got, Err(Error::UnsortedIndexes));
    let got = bbs.proof_verify(pk, &f.proof, HEADER, PH, &m, &[1, 1]);
    assert_eq!(got, Err(Error::DuplicateIndex(1)));
    let got = bbs.proof_verify(pk, &f.proof, HEADER, PH, &m, &[0, 5]);
    assert_eq!(got, Err(Error::IndexOutOfRange { index: 5, count: 5 }));
    let got = bbs.proof_verify(pk, &f.proof, HEADER, PH, &m[..1], &DISCLOSED);
    assert_eq!(
        got,
        Err(Error::DisclosedCountMismatch {
            indexes: 2,
            messages: 1
        })
    );
    let got = bbs.proof_verify(pk, &f.proof, HEADER, PH, &[m[0], m[1], m[1]], &DISCLOSED);
    assert_eq!(
        got,
        Err(Error::DisclosedCountMismatch {
            indexes: 2,
            messages: 3
        })
    );
    // The fixture itself verifies (the errors above are not from a broken fixture).
    assert_eq!(
        bbs.proof_verify(pk, &f.proof, HEADER, PH, &m, &DISCLOSED),
        Ok(())
    );
}

/// proof_gen, proof_init and proof_init_with_blindings reject bad index lists, wrong
/// randomness counts and blindings of disclosed messages.
#[test]
fn proof_gen_bad_indexes() {
    let suite = Ciphersuite::Bls12381Shake256;
    let (bbs, f) = (ctx(suite), fixture(suite));
    let pk = &f.keys.public;
    let mut r = rng(11);
    let gen = |idx: &[usize], r: &mut ChaCha20Rng| {
        bbs.proof_gen(pk, &f.sig, HEADER, PH, &MESSAGES, idx, r)
    };
    assert_eq!(gen(&[2, 1], &mut r), Err(Error::UnsortedIndexes));
    assert_eq!(gen(&[1, 1], &mut r), Err(Error::DuplicateIndex(1)));
    assert_eq!(
        gen(&[0, 5], &mut r),
        Err(Error::IndexOutOfRange { index: 5, count: 5 })
    );
    assert_eq!(
        gen(&[usize::MAX], &mut r),
        Err(Error::IndexOutOfRange {
            index: usize::MAX,
            count: 5
        })
    );

    let scalars = bbs.messages_to_scalars(&MESSAGES).expect("scalars");
    let rand3 = ProofRandomness::random(&mut r, 3);
    let got = bbs.proof_init(pk, &f.sig, HEADER, &scalars, &[3, 3], &rand3);
    assert!(matches!(got, Err(Error::DuplicateIndex(3))), "{got:?}");
    let got = bbs.proof_init(pk, &f.sig, HEADER, &scalars, &[0, 1, 2], &rand3);
    assert!(
        matches!(
            got,
            Err(Error::RandomScalarCount {
                expected: 7,
                got: 8
            })
        ),
        "{got:?}"
    );
    assert!(matches!(
        ProofRandomness::from_scalars(&[Scalar::ONE; 6], 3),
        Err(Error::RandomScalarCount {
            expected: 8,
            got: 6
        })
    ));
    let got = bbs.proof_init_with_blindings(
        pk,
        &f.sig,
        HEADER,
        &scalars,
        &DISCLOSED,
        &[(2, Scalar::ONE)],
        &mut r,
    );
    assert!(
        matches!(got, Err(Error::BlindingForDisclosedMessage(2))),
        "{got:?}"
    );
    let got = bbs.proof_init_with_blindings(
        pk,
        &f.sig,
        HEADER,
        &scalars,
        &DISCLOSED,
        &[(9, Scalar::ONE)],
        &mut r,
    );
    assert!(
        matches!(got, Err(Error::BlindingForDisclosedMessage(9))),
        "{got:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// Message-count bounds

/// A context for 4 messages refuses to sign, verify or prove 5 with `TooManyMessages`.
#[test]
fn too_many_messages_for_sign_verify_prove() {
    let suite = Ciphersuite::Bls12381Sha256;
    let small = Bbs::new(suite, 4).expect("context");
    let f = fixture(suite);
    let (sk, pk) = (&f.keys.secret, &f.keys.public);
    let five = Error::TooManyMessages { max: 4, got: 5 };
    assert_eq!(small.sign(sk, pk, HEADER, &MESSAGES), Err(five.clone()));
    assert_eq!(
        small.verify(pk, &f.sig, HEADER, &MESSAGES),
        Err(five.clone())
    );
    let mut r = rng(3);
    assert_eq!(
        small.proof_gen(pk, &f.sig, HEADER, PH, &MESSAGES, &[], &mut r),
        Err(five.clone())
    );
    let scalars = small.messages_to_scalars(&MESSAGES).expect("scalars");
    assert_eq!(
        small.sign_scalars(sk, pk, HEADER, &scalars),
        Err(five.clone())
    );
    assert_eq!(
        small.verify_scalars(pk, &f.sig, HEADER, &scalars),
        Err(five)
    );
    // Four messages are fine.
    let sig = small.sign(sk, pk, HEADER, &MESSAGES[..4]).expect("sign 4");
    assert_eq!(small.verify(pk, &sig, HEADER, &MESSAGES[..4]), Ok(()));
}

/// A proof implying L = R + U above the context's maximum gives `TooManyMessages` at once,
/// without deriving generators (a 100 000-message claim returns in well under a second).
#[test]
fn proof_implying_too_many_messages() {
    let suite = Ciphersuite::Bls12381Sha256;
    let small = Bbs::new(suite, 4).expect("context");
    let f = fixture(suite);
    let pk = &f.keys.public;
    let m = disclosed_messages();
    assert_eq!(
        small.proof_verify(pk, &f.proof, HEADER, PH, &m, &DISCLOSED),
        Err(Error::TooManyMessages { max: 4, got: 5 })
    );
    // Too many disclosed indexes on their own.
    let many: Vec<usize> = (0..10).collect();
    let many_m: Vec<&[u8]> = vec![b"x".as_slice(); 10];
    assert_eq!(
        small.proof_verify(pk, &f.proof, HEADER, PH, &many_m, &many),
        Err(Error::TooManyMessages { max: 4, got: 13 })
    );

    // Blow U up to 100 000 by repeating a valid scalar.
    let bytes = f.proof.to_bytes();
    let u = 100_000usize;
    let mut huge = bytes[..PROOF_SCALARS + 96].to_vec();
    for _ in 0..u {
        huge.extend_from_slice(&bytes[PROOF_SCALARS..PROOF_SCALARS + 32]);
    }
    huge.extend_from_slice(&bytes[bytes.len() - 32..]);
    assert_eq!(huge.len(), PROOF_BASE + 32 * u);
    let proof = Proof::from_bytes(&huge).expect("well-formed");
    assert_eq!(proof.undisclosed_count(), u);
    let start = Instant::now();
    for bbs in [&small, ctx(suite)] {
        let got = bbs.proof_verify(pk, &proof, HEADER, PH, &m, &DISCLOSED);
        assert_eq!(
            got,
            Err(Error::TooManyMessages {
                max: bbs.max_messages(),
                got: u + 2
            })
        );
    }
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "took {:?}: generators derived?",
        start.elapsed()
    );
}

// ---------------------------------------------------------------------------------------------
// KeyGen and DST limits

/// KeyGen: key material < 32 bytes, key_info > 65535 bytes and key_dst > 255 bytes are refused.
#[test]
fn keygen_limits() {
    for suite in Ciphersuite::ALL {
        let km = [7u8; 32];
        assert_eq!(
            SecretKey::keygen(suite, &km[..31], b"", None),
            Err(Error::KeyMaterialTooShort)
        );
        assert_eq!(
            SecretKey::keygen(suite, &[], b"", None),
            Err(Error::KeyMaterialTooShort)
        );
        assert!(SecretKey::keygen(suite, &km, b"", None).is_ok());
        let info = vec![1u8; 65536];
        assert_eq!(
            SecretKey::keygen(suite, &km, &info, None),
            Err(Error::KeyInfoTooLong)
        );
        assert!(SecretKey::keygen(suite, &km, &info[..65535], None).is_ok());
        let dst = [b'D'; 256];
        assert_eq!(
            SecretKey::keygen(suite, &km, b"", Some(&dst)),
            Err(Error::DstTooLong)
        );
        assert!(SecretKey::keygen(suite, &km, b"", Some(&dst[..255])).is_ok());
    }
}

/// Every public entry point that takes a DST (or an api_id that becomes one) refuses one over
/// 255 bytes with `DstTooLong`.
#[test]
fn long_dsts_are_refused_everywhere() {
    let dst = [b'D'; 256];
    for suite in Ciphersuite::ALL {
        assert_eq!(suite.hash_to_scalar(&[b"m"], &dst), Err(Error::DstTooLong));
        assert!(suite.hash_to_scalar(&[b"m"], &dst[..255]).is_ok());
        assert_eq!(
            suite.expand_message(&[b"m"], &dst, 48),
            Err(Error::DstTooLong)
        );
        assert!(matches!(
            hash_to_curve_g1(suite, &[b"m"], &dst),
            Err(Error::DstTooLong)
        ));
        assert!(hash_to_curve_g1(suite, &[b"m"], &dst[..255]).is_ok());
        assert_eq!(
            seeded_random_scalars(suite, b"seed", &dst, 3),
            Err(Error::DstTooLong)
        );
        // api_id of 250 bytes: api_id || "SIG_GENERATOR_SEED_" exceeds 255.
        assert!(matches!(
            create_generators(suite, &[b'A'; 250], 2),
            Err(Error::DstTooLong)
        ));
        assert_eq!(
            suite.expand_message(&[b"m"], b"D", 0),
            Err(Error::ExpandLength(0))
        );
    }
    assert_eq!(
        zkcred_bbs::expand::expand_message_xmd(&[b"m"], &dst, 32),
        Err(Error::DstTooLong)
    );
    assert_eq!(
        zkcred_bbs::expand::expand_message_xof(&[b"m"], &dst, 32),
        Err(Error::DstTooLong)
    );
}

// ---------------------------------------------------------------------------------------------
// Verification with wrong inputs

/// Wrong key, header, messages or suite make Verify fail with `InvalidSignature`, both suites.
#[test]
fn signature_verification_failures() {
    for suite in Ciphersuite::ALL {
        let (bbs, f) = (ctx(suite), fixture(suite));
        let pk = &f.keys.public;
        assert_eq!(bbs.verify(pk, &f.sig, HEADER, &MESSAGES), Ok(()));
        assert_eq!(
            bbs.verify(&f.other.public, &f.sig, HEADER, &MESSAGES),
            Err(Error::InvalidSignature)
        );
        assert_eq!(
            bbs.verify(pk, &f.sig, b"other header", &MESSAGES),
            Err(Error::InvalidSignature)
        );
        assert_eq!(
            bbs.verify(pk, &f.sig, b"", &MESSAGES),
            Err(Error::InvalidSignature)
        );
        let mut swapped = MESSAGES;
        swapped.swap(0, 1);
        assert_eq!(
            bbs.verify(pk, &f.sig, HEADER, &swapped),
            Err(Error::InvalidSignature)
        );
        let mut changed = MESSAGES;
        changed[2] = b"\0";
        assert_eq!(
            bbs.verify(pk, &f.sig, HEADER, &changed),
            Err(Error::InvalidSignature)
        );
        // Dropping the last message changes L; it does not verify either.
        assert_eq!(
            bbs.verify(pk, &f.sig, HEADER, &MESSAGES[..4]),
            Err(Error::InvalidSignature)
        );
        // A signature by another key (of the other fixture) does not verify under this key,
        // and this suite's signature does not verify in the other suite.
        let other_suite = fixture(Ciphersuite::ALL[1 - suite_index(suite)]);
        let foreign = bbs
            .sign(
                &other_suite.keys.secret,
                &other_suite.keys.public,
                HEADER,
                &MESSAGES,
            )
            .expect("sign");
        assert_eq!(
            bbs.verify(pk, &foreign, HEADER, &MESSAGES),
            Err(Error::InvalidSignature)
        );
        let other_ctx = ctx(Ciphersuite::ALL[1 - suite_index(suite)]);
        assert_eq!(
            other_ctx.verify(pk, &f.sig, HEADER, &MESSAGES),
            Err(Error::InvalidSignature)
        );
    }
}

fn is_proof_failure(r: &Result<(), Error>) -> bool {
    matches!(r, Err(Error::ChallengeMismatch | Error::PairingCheckFailed))
}

/// Wrong key, header, ph, disclosed message or suite make ProofVerify fail with
/// `ChallengeMismatch` or `PairingCheckFailed`, both suites.
#[test]
fn proof_verification_failures() {
    for suite in Ciphersuite::ALL {
        let (bbs, f) = (ctx(suite), fixture(suite));
        let pk = &f.keys.public;
        let m = disclosed_messages();
        assert_eq!(
            bbs.proof_verify(pk, &f.proof, HEADER, PH, &m, &DISCLOSED),
            Ok(())
        );
        let cases = [
            bbs.proof_verify(&f.other.public, &f.proof, HEADER, PH, &m, &DISCLOSED),
            bbs.proof_verify(pk, &f.proof, b"other", PH, &m, &DISCLOSED),
            bbs.proof_verify(pk, &f.proof, HEADER, b"other ph", &m, &DISCLOSED),
            bbs.proof_verify(pk, &f.proof, HEADER, b"", &m, &DISCLOSED),
            bbs.proof_verify(pk, &f.proof, HEADER, PH, &[m[1], m[0]], &DISCLOSED),
            bbs.proof_verify(
                pk,
                &f.proof,
                HEADER,
                PH,
                &[m[0], b"x".as_slice()],
                &DISCLOSED,
            ),
            // Same count, other positions.
            bbs.proof_verify(pk, &f.proof, HEADER, PH, &m, &[0, 1]),
            ctx(Ciphersuite::ALL[1 - suite_index(suite)])
                .proof_verify(pk, &f.proof, HEADER, PH, &m, &DISCLOSED),
        ];
        for (i, got) in cases.iter().enumerate() {
            assert!(is_proof_failure(got), "{suite} case {i}: {got:?}");
        }
    }
}

/// A proof made with a signature under key 1 but presented for key 2 has a consistent
/// challenge (T1, T2 do not depend on A) but fails the pairing: `PairingCheckFailed`.
#[test]
fn pairing_only_failure() {
    for suite in Ciphersuite::ALL {
        let (bbs, f) = (ctx(suite), fixture(suite));
        let wrong_pk = &f.other.public;
        let mut r = rng(5);
        let proof = bbs
            .proof_gen(wrong_pk, &f.sig, HEADER, PH, &MESSAGES, &DISCLOSED, &mut r)
            .expect("proof_gen does not check the signature");
        let m = disclosed_messages();
        assert_eq!(
            bbs.proof_verify(wrong_pk, &proof, HEADER, PH, &m, &DISCLOSED),
            Err(Error::PairingCheckFailed)
        );
        assert!(is_proof_failure(&bbs.proof_verify(
            &f.keys.public,
            &proof,
            HEADER,
            PH,
            &m,
            &DISCLOSED
        )));
    }
}

// ---------------------------------------------------------------------------------------------
// Batch verification

/// Owned data of one batch entry.
struct Entry {
    pk: PublicKey,
    proof: Proof,
    ph: Vec<u8>,
    indexes: Vec<usize>,
    messages: Vec<Scalar>,
}

impl Entry {
    fn item(&self) -> BatchItem<'_> {
        BatchItem {
            pk: &self.pk,
            proof: &self.proof,
            header: HEADER,
            ph: &self.ph,
            disclosed_indexes: &self.indexes,
            disclosed_messages: &self.messages,
        }
    }
}

/// `n` good proofs over [`MESSAGES`] under `keys` (disclosing varying subsets).
fn good_entries(suite: Ciphersuite, keys: &KeyPair, n: usize, seed: u64) -> Vec<Entry> {
    let bbs = ctx(suite);
    let sig = bbs
        .sign(&keys.secret, &keys.public, HEADER, &MESSAGES)
        .expect("sign");
    let scalars = bbs.messages_to_scalars(&MESSAGES).expect("scalars");
    let mut r = rng(seed);
    (0..n)
        .map(|k| {
            let indexes: Vec<usize> = (0..MESSAGES.len()).filter(|i| (k >> i) & 1 == 1).collect();
            let ph = format!("ph {k}").into_bytes();
            let proof = bbs
                .proof_gen(&keys.public, &sig, HEADER, &ph, &MESSAGES, &indexes, &mut r)
                .expect("proof");
            Entry {
                pk: keys.public.clone(),
                proof,
                ph,
                messages: indexes.iter().map(|&i| scalars[i]).collect(),
                indexes,
            }
        })
        .collect()
}

fn run_batch(suite: Ciphersuite, entries: &[Entry]) -> Result<(), Error> {
    let items: Vec<BatchItem<'_>> = entries.iter().map(Entry::item).collect();
    ctx(suite).batch_verify(&items, &mut rng(99))
}

/// 10 good proofs + 1 with a tampered ph: `BatchFailed` names exactly that index.
#[test]
fn batch_one_bad() {
    let suite = Ciphersuite::Bls12381Sha256;
    let f = fixture(suite);
    let mut entries = good_entries(suite, &f.keys, 11, 1);
    assert_eq!(run_batch(suite, &entries), Ok(()));
    entries[7].ph = b"tampered".to_vec();
    assert_eq!(
        run_batch(suite, &entries),
        Err(Error::BatchFailed { failed: vec![7] })
    );
}

/// Two bad proofs (tampered ph, proof under another key) are both named, in order.
#[test]
fn batch_two_bad() {
    let suite = Ciphersuite::Bls12381Shake256;
    let f = fixture(suite);
    let mut entries = good_entries(suite, &f.keys, 12, 2);
    entries[3].ph.push(0);
    // A proof made under another key, submitted with this key.
    let foreign = good_entries(suite, &f.other, 1, 3).pop().expect("one");
    entries[9].proof = foreign.proof;
    entries[9].ph = foreign.ph;
    entries[9].indexes = foreign.indexes;
    entries[9].messages = foreign.messages;
    assert_eq!(
        run_batch(suite, &entries),
        Err(Error::BatchFailed { failed: vec![3, 9] })
    );
}

/// A proof whose challenge verifies but whose pairing fails is caught by the merged pairing
/// check and named, along with an item with bad indexes and one with too many messages.
#[test]
fn batch_pairing_only_and_structural_failures() {
    for suite in Ciphersuite::ALL {
        let (bbs, f) = (ctx(suite), fixture(suite));
        let mut entries = good_entries(suite, &f.keys, 6, 4);
        let mut r = rng(8);
        // Signature under keys, proof and verification under other: only the pairing fails.
        entries[2].pk = f.other.public.clone();
        entries[2].proof = bbs
            .proof_gen(
                &f.other.public,
                &f.sig,
                HEADER,
                &entries[2].ph,
                &MESSAGES,
                &entries[2].indexes,
                &mut r,
            )
            .expect("proof");
        assert_eq!(
            run_batch(suite, &entries),
            Err(Error::BatchFailed { failed: vec![2] })
        );
        // Unsorted indexes (entry 3 discloses 0 and 1) and a count mismatch.
        assert_eq!(entries[3].indexes, vec![0, 1]);
        entries[3].indexes.reverse();
        entries[3].messages.reverse();
        entries[5].messages.pop();
        assert_eq!(
            run_batch(suite, &entries),
            Err(Error::BatchFailed {
                failed: vec![2, 3, 5]
            })
        );
    }
}

/// An all-good batch with mixed public keys (and a single item, and an empty batch) passes.
#[test]
fn batch_all_good_mixed_keys() {
    let suite = Ciphersuite::Bls12381Sha256;
    let f = fixture(suite);
    let mut entries = good_entries(suite, &f.keys, 5, 5);
    entries.extend(good_entries(suite, &f.other, 4, 6));
    let third = KeyPair::random(suite, &mut rng(77)).expect("keys");
    entries.extend(good_entries(suite, &third, 3, 7));
    entries.swap(0, 10);
    entries.swap(3, 6);
    assert_eq!(run_batch(suite, &entries), Ok(()));
    assert_eq!(run_batch(suite, &entries[..1]), Ok(()));
    assert_eq!(run_batch(suite, &[]), Ok(()));
    // Swapping the keys of two items of different issuers breaks both.
    let (a, b) = (entries[0].pk.clone(), entries[1].pk.clone());
    assert_ne!(a, b);
    entries[0].pk = b;
    entries[1].pk = a;
    assert_eq!(
        run_batch(suite, &entries),
        Err(Error::BatchFailed { failed: vec![0, 1] })
    );
}

// ---------------------------------------------------------------------------------------------
// Serde

fn json_str(s: &str) -> String {
    serde_json::to_string(s).expect("json")
}

/// Bad hex, wrong lengths, identity points and non-strings fail to deserialize with an error
/// naming the cause; no panic.
#[test]
fn serde_rejects_malformed() {
    let f = fixture(Ciphersuite::Bls12381Sha256);
    let sig_hex = hex::encode(f.sig.to_bytes());
    let proof_hex = hex::encode(f.proof.to_bytes());
    let pk_hex = hex::encode(f.keys.public.to_bytes());
    let sk_hex = hex::encode(&f.keys.secret.to_bytes()[..]);

    // Sanity: the good encodings deserialize.
    assert!(serde_json::from_str::<Signature>(&json_str(&sig_hex)).is_ok());
    assert!(serde_json::from_str::<Proof>(&json_str(&proof_hex)).is_ok());
    assert!(serde_json::from_str::<PublicKey>(&json_str(&pk_hex)).is_ok());
    assert!(serde_json::from_str::<SecretKey>(&json_str(&sk_hex)).is_ok());

    fn check<T: serde::de::DeserializeOwned + std::fmt::Debug>(json: &str, needle: &str) {
        match serde_json::from_str::<T>(json) {
            Ok(v) => panic!("{json} deserialized to {v:?}"),
            Err(e) => assert!(
                e.to_string().contains(needle),
                "{json}: error {e} lacks {needle:?}"
            ),
        }
    }
    let bad_hex = |h: &str| json_str(&format!("zz{}", &h[2..]));
    let odd = |h: &str| json_str(&h[1..]);
    let short = |h: &str| json_str(&h[..h.len() - 2]);

    check::<Signature>(&bad_hex(&sig_hex), "invalid hex");
    check::<Signature>(&odd(&sig_hex), "invalid hex");
    check::<Signature>(&short(&sig_hex), "expected 80 bytes");
    check::<Signature>(
        &json_str(&format!("c0{}{}", "00".repeat(47), &sig_hex[96..])),
        "identity",
    );
    check::<Signature>("42", "invalid type");
    check::<Signature>("null", "invalid type");

    check::<Proof>(&bad_hex(&proof_hex), "invalid hex");
    check::<Proof>(&short(&proof_hex), "272 + 32k");
    check::<Proof>(&json_str(""), "272 + 32k");
    check::<Proof>(
        &json_str(&format!(
            "{}c0{}{}",
            &proof_hex[..96],
            "00".repeat(47),
            &proof_hex[192..]
        )),
        "identity",
    );
    check::<Proof>("[1,2,3]", "invalid type");

    check::<PublicKey>(&bad_hex(&pk_hex), "invalid hex");
    check::<PublicKey>(&short(&pk_hex), "expected 96 bytes");
    check::<PublicKey>(&json_str(&hex::encode(identity_g2())), "identity");
    check::<PublicKey>(
        &json_str(&hex::encode(g2_off_subgroup())),
        "malformed point",
    );

    check::<SecretKey>(&bad_hex(&sk_hex), "invalid hex");
    check::<SecretKey>(&json_str(&"00".repeat(32)), "zero");
    check::<SecretKey>(&json_str(&hex::encode(r_bytes())), "not canonical");
    check::<SecretKey>(&short(&sk_hex), "expected 32 bytes");
}

/// The Debug output of a secret key (alone and in a key pair) does not contain its hex.
#[test]
fn secret_key_debug_is_redacted() {
    for suite in Ciphersuite::ALL {
        let f = fixture(suite);
        let sk_hex = hex::encode(&f.keys.secret.to_bytes()[..]);
        let sk_hex_upper = sk_hex.to_uppercase();
        for dbg in [
            format!("{:?}", f.keys.secret),
            format!("{:#?}", f.keys.secret),
            format!("{:?}", f.keys),
        ] {
            assert!(!dbg.contains(&sk_hex), "{dbg}");
            assert!(!dbg.contains(&sk_hex_upper), "{dbg}");
            // Nor a long piece of it.
            assert!(!dbg.contains(&sk_hex[..16]), "{dbg}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Fuzz

/// Decodes `bytes` with all four decoders; any success must re-encode to the same bytes
/// (the encodings are canonical). Returns how many decoders accepted.
fn decode_all(bytes: &[u8]) -> usize {
    let mut ok = 0;
    if let Ok(s) = Signature::from_bytes(bytes) {
        assert_eq!(&s.to_bytes()[..], bytes, "non-canonical signature accepted");
        ok += 1;
    }
    if let Ok(p) = Proof::from_bytes(bytes) {
        assert_eq!(p.to_bytes(), bytes, "non-canonical proof accepted");
        ok += 1;
    }
    if let Ok(k) = PublicKey::from_bytes(bytes) {
        assert_eq!(
            &k.to_bytes()[..],
            bytes,
            "non-canonical public key accepted"
        );
        ok += 1;
    }
    if let Ok(k) = SecretKey::from_bytes(bytes) {
        assert_eq!(
            &k.to_bytes()[..],
            bytes,
            "non-canonical secret key accepted"
        );
        ok += 1;
    }
    ok
}

/// Random byte strings, random strings of the exact lengths with plausible flags, and
/// single-byte mutations of valid encodings never panic the decoders, and whatever they accept
/// re-encodes byte for byte.
#[test]
fn fuzz_decoders() {
    let mut r = rng(0xf022);
    let f = fixture(Ciphersuite::Bls12381Sha256);
    let valid: Vec<Vec<u8>> = vec![
        f.sig.to_bytes().to_vec(),
        f.proof.to_bytes(),
        f.keys.public.to_bytes().to_vec(),
        f.keys.secret.to_bytes().to_vec(),
    ];
    let lengths = [32usize, 80, 96, 272, 304, 336];
    let mut accepted = 0usize;
    let mut mutated_accepted = 0usize;
    for iter in 0..3000 {
        // Fully random, arbitrary length.
        let len = r.gen_range(0..400);
        let mut bytes = vec![0u8; len];
        r.fill_bytes(&mut bytes);
        accepted += decode_all(&bytes);

        // Exact lengths, with a compressed flag on the first point so decoding goes deeper.
        let len = lengths[iter % lengths.len()];
        let mut bytes = vec![0u8; len];
        r.fill_bytes(&mut bytes);
        bytes[0] = (bytes[0] & 0x1f) | [0x80, 0xa0][iter % 2];
        if iter % 3 == 0 {
            // Small scalars so that the scalar checks pass too (scalars start after the
            // points: at 0 for a secret key, 48 for a signature, 144 for a proof).
            let start = match len {
                32 => 0,
                80 => 48,
                96 => 96,
                _ => PROOF_SCALARS,
            };
            for chunk in bytes[start..].chunks_mut(32) {
                chunk[0] &= 0x3f;
            }
        }
        accepted += decode_all(&bytes);

        // Single-byte mutations of valid encodings.
        let base = &valid[iter % valid.len()];
        let mut bytes = base.clone();
        let pos = r.gen_range(0..bytes.len());
        let xor = r.gen_range(1..=255u8);
        bytes[pos] ^= xor;
        let n = decode_all(&bytes);
        mutated_accepted += n;
        // Mutations of the same-length valid signature must never give back the original.
        if iter % valid.len() == 0 {
            if let Ok(s) = Signature::from_bytes(&bytes) {
                assert_ne!(s, f.sig);
            }
        }

        // Truncations and extensions of valid encodings.
        let base = &valid[r.gen_range(0..valid.len())];
        let cut = r.gen_range(0..base.len() + 40);
        let mut bytes = base.clone();
        bytes.resize(cut, r.gen());
        decode_all(&bytes);
    }
    // Scalar mutations mostly decode, so some mutated encodings must have been accepted: the
    // loop exercised the success path, not only early errors.
    assert!(mutated_accepted > 100, "only {mutated_accepted} accepted");
    // Random garbage is almost never a valid encoding.
    assert!(accepted < 3000, "{accepted} random strings accepted");
}

// ---------------------------------------------------------------------------------------------
// Regressions

/// `Proof::hidden_response` with a caller's non-ascending or duplicate index list returns
/// `None` instead of panicking.
#[test]
fn hidden_response_with_bad_indexes_does_not_panic() {
    let f = fixture(Ciphersuite::Bls12381Sha256);
    let got = std::panic::catch_unwind(|| {
        (
            f.proof.hidden_response(&[1, 1, 1], 2),
            f.proof.hidden_response(&[0, 0], 1),
            f.proof.hidden_response(&[5, 0], 1),
        )
    });
    assert!(got.is_ok(), "hidden_response panicked");
}
