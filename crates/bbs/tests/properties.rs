//! Property tests: sign/verify and proof round-trips for random message counts (0..=40),
//! random messages and random disclosed subsets in both suites; single-byte corruption of a
//! signature or proof never verifies; octet and serde encodings round-trip.
//!
//! Each case does elliptic-curve work, so the case counts are small; the contexts (and their
//! generator tables) are built once per process.

use ark_ff::PrimeField;
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::Config as ProptestConfig;
use rand::SeedableRng;
use rand_chacha::ChaCha20Rng;
use std::sync::OnceLock;
use zkcred_bbs::{Bbs, Ciphersuite, KeyPair, Proof, PublicKey, Scalar, SecretKey, Signature};

const MAX: usize = 40;

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn suite_of(shake: bool) -> Ciphersuite {
    if shake {
        Ciphersuite::Bls12381Shake256
    } else {
        Ciphersuite::Bls12381Sha256
    }
}

/// One context per suite for up to 40 messages, with its tables, built once.
fn ctx(suite: Ciphersuite) -> &'static Bbs {
    static CTX: OnceLock<[Bbs; 2]> = OnceLock::new();
    let all = CTX.get_or_init(|| {
        let make = |s| {
            let b = Bbs::new(s, MAX).expect("context");
            b.precompute();
            b
        };
        [
            make(Ciphersuite::Bls12381Sha256),
            make(Ciphersuite::Bls12381Shake256),
        ]
    });
    match suite {
        Ciphersuite::Bls12381Sha256 => &all[0],
        Ciphersuite::Bls12381Shake256 => &all[1],
    }
}

fn keys(suite: Ciphersuite, seed: u64) -> KeyPair {
    KeyPair::random(suite, &mut ChaCha20Rng::seed_from_u64(seed)).expect("keys")
}

fn messages() -> impl Strategy<Value = Vec<Vec<u8>>> {
    prop::collection::vec(prop::collection::vec(any::<u8>(), 0..48), 0..=MAX)
}

fn scalars() -> impl Strategy<Value = Vec<Scalar>> {
    prop::collection::vec(
        any::<[u8; 32]>().prop_map(|b| Scalar::from_be_bytes_mod_order(&b)),
        0..=MAX,
    )
}

/// The disclosed indexes of `count` messages selected by `mask`.
fn disclosed(mask: &[bool], count: usize) -> Vec<usize> {
    (0..count).filter(|&i| mask[i]).collect()
}

proptest! {
    #![proptest_config(config(24))]

    /// Sign then Verify succeeds for 0..=40 random octet messages, and fails for another header.
    #[test]
    fn sign_verify_octets(shake: bool, seed: u64, msgs in messages(), header in prop::collection::vec(any::<u8>(), 0..32)) {
        let suite = suite_of(shake);
        let (bbs, kp) = (ctx(suite), keys(suite, seed));
        let sig = bbs.sign(&kp.secret, &kp.public, &header, &msgs).expect("sign");
        prop_assert_eq!(bbs.verify(&kp.public, &sig, &header, &msgs), Ok(()));
        // Signing is deterministic.
        prop_assert_eq!(bbs.sign(&kp.secret, &kp.public, &header, &msgs).expect("sign"), sig);
        let mut other = header.clone();
        other.push(1);
        prop_assert!(bbs.verify(&kp.public, &sig, &other, &msgs).is_err());
    }

    /// Sign then Verify succeeds for 0..=40 random scalar messages; changing one fails.
    #[test]
    fn sign_verify_scalars(shake: bool, seed: u64, msgs in scalars(), which: Index) {
        let suite = suite_of(shake);
        let (bbs, kp) = (ctx(suite), keys(suite, seed));
        let sig = bbs.sign_scalars(&kp.secret, &kp.public, b"h", &msgs).expect("sign");
        prop_assert_eq!(bbs.verify_scalars(&kp.public, &sig, b"h", &msgs), Ok(()));
        if !msgs.is_empty() {
            let mut changed = msgs.clone();
            changed[which.index(msgs.len())] += Scalar::from(1u64);
            prop_assert!(bbs.verify_scalars(&kp.public, &sig, b"h", &changed).is_err());
        }
    }

    /// ProofGen then ProofVerify succeeds for 0..=40 messages and any disclosed subset (octet and
    /// scalar interfaces agree), the proof has 272 + 32·U bytes, and another ph fails.
    #[test]
    fn proof_roundtrip(
        shake: bool,
        seed: u64,
        msgs in messages(),
        mask in prop::collection::vec(any::<bool>(), MAX),
        ph in prop::collection::vec(any::<u8>(), 0..32),
    ) {
        let suite = suite_of(shake);
        let (bbs, kp) = (ctx(suite), keys(suite, seed));
        let mut rng = ChaCha20Rng::seed_from_u64(seed ^ 0x5eed);
        let sig = bbs.sign(&kp.secret, &kp.public, b"hdr", &msgs).expect("sign");
        let idx = disclosed(&mask, msgs.len());
        let proof = bbs
            .proof_gen(&kp.public, &sig, b"hdr", &ph, &msgs, &idx, &mut rng)
            .expect("proof");
        let u = msgs.len() - idx.len();
        prop_assert_eq!(proof.undisclosed_count(), u);
        prop_assert_eq!(proof.to_bytes().len(), 272 + 32 * u);
        let revealed: Vec<&[u8]> = idx.iter().map(|&i| msgs[i].as_slice()).collect();
        prop_assert_eq!(
            bbs.proof_verify(&kp.public, &proof, b"hdr", &ph, &revealed, &idx),
            Ok(())
        );
        let scalars = bbs.messages_to_scalars(&revealed).expect("scalars");
        prop_assert_eq!(
            bbs.proof_verify_scalars(&kp.public, &proof, b"hdr", &ph, &idx, &scalars),
            Ok(())
        );
        let mut other_ph = ph.clone();
        other_ph.push(0);
        prop_assert!(bbs
            .proof_verify(&kp.public, &proof, b"hdr", &other_ph, &revealed, &idx)
            .is_err());
    }

    /// Proofs over scalar messages round-trip too, including all-hidden and all-disclosed.
    #[test]
    fn proof_roundtrip_scalars(shake: bool, seed: u64, msgs in scalars(), mode in 0u8..3) {
        let suite = suite_of(shake);
        let (bbs, kp) = (ctx(suite), keys(suite, seed));
        let mut rng = ChaCha20Rng::seed_from_u64(!seed);
        let sig = bbs.sign_scalars(&kp.secret, &kp.public, b"", &msgs).expect("sign");
        let idx: Vec<usize> = match mode {
            0 => Vec::new(),
            1 => (0..msgs.len()).collect(),
            _ => (0..msgs.len()).step_by(2).collect(),
        };
        let proof = bbs
            .proof_gen_scalars(&kp.public, &sig, b"", b"ph", &msgs, &idx, &mut rng)
            .expect("proof");
        let revealed: Vec<Scalar> = idx.iter().map(|&i| msgs[i]).collect();
        prop_assert_eq!(
            bbs.proof_verify_scalars(&kp.public, &proof, b"", b"ph", &idx, &revealed),
            Ok(())
        );
    }

    /// from_bytes(to_bytes(x)) == x and serde JSON (a hex string) round-trips, for signatures,
    /// proofs, public keys and secret keys.
    #[test]
    fn encodings_roundtrip(shake: bool, seed: u64, count in 0usize..=12, mask in prop::collection::vec(any::<bool>(), 12)) {
        let suite = suite_of(shake);
        let (bbs, kp) = (ctx(suite), keys(suite, seed));
        let mut rng = ChaCha20Rng::seed_from_u64(seed.rotate_left(7));
        let msgs: Vec<String> = (0..count).map(|i| format!("message {i}")).collect();
        let sig = bbs.sign(&kp.secret, &kp.public, b"h", &msgs).expect("sign");
        let idx = disclosed(&mask, count);
        let proof = bbs
            .proof_gen(&kp.public, &sig, b"h", b"p", &msgs, &idx, &mut rng)
            .expect("proof");

        prop_assert_eq!(Signature::from_bytes(&sig.to_bytes()), Ok(sig));
        prop_assert_eq!(Proof::from_bytes(&proof.to_bytes()), Ok(proof.clone()));
        prop_assert_eq!(PublicKey::from_bytes(&kp.public.to_bytes()), Ok(kp.public.clone()));
        prop_assert_eq!(
            SecretKey::from_bytes(&kp.secret.to_bytes()[..]).ok(),
            Some(kp.secret.clone())
        );
        prop_assert_eq!(kp.secret.public_key(), kp.public.clone());

        let json = serde_json::to_string(&sig).expect("json");
        prop_assert_eq!(&json, &format!("\"{}\"", hex::encode(sig.to_bytes())));
        prop_assert_eq!(serde_json::from_str::<Signature>(&json).expect("sig"), sig);

        let json = serde_json::to_string(&proof).expect("json");
        prop_assert_eq!(&json, &format!("\"{}\"", hex::encode(proof.to_bytes())));
        prop_assert_eq!(serde_json::from_str::<Proof>(&json).expect("proof"), proof);

        let json = serde_json::to_string(&kp.public).expect("json");
        prop_assert_eq!(&json, &format!("\"{}\"", hex::encode(kp.public.to_bytes())));
        prop_assert_eq!(serde_json::from_str::<PublicKey>(&json).expect("pk"), kp.public.clone());
        // A deserialized key verifies what the original signed.
        let pk2 = serde_json::from_str::<PublicKey>(&json).expect("pk");
        prop_assert_eq!(bbs.verify(&pk2, &sig, b"h", &msgs), Ok(()));

        let json = serde_json::to_string(&kp.secret).expect("json");
        prop_assert_eq!(&json, &format!("\"{}\"", hex::encode(&kp.secret.to_bytes()[..])));
        prop_assert_eq!(serde_json::from_str::<SecretKey>(&json).ok(), Some(kp.secret.clone()));
    }
}

proptest! {
    // Corruption is cheap per case and covers many byte positions: more cases.
    #![proptest_config(config(96))]

    /// Xoring any byte of a valid signature with a non-zero value makes it fail to decode or
    /// fail to verify.
    #[test]
    fn signature_single_byte_corruption_fails(
        shake: bool,
        seed: u64,
        count in 0usize..=8,
        pos: Index,
        xor in 1u8..=255,
    ) {
        let suite = suite_of(shake);
        let (bbs, kp) = (ctx(suite), keys(suite, seed));
        let msgs: Vec<Vec<u8>> = (0..count).map(|i| vec![i as u8; i]).collect();
        let sig = bbs.sign(&kp.secret, &kp.public, b"h", &msgs).expect("sign");
        let mut bytes = sig.to_bytes();
        bytes[pos.index(bytes.len())] ^= xor;
        match Signature::from_bytes(&bytes) {
            Err(_) => {}
            Ok(bad) => {
                prop_assert_ne!(bad, sig);
                prop_assert!(bbs.verify(&kp.public, &bad, b"h", &msgs).is_err());
            }
        }
    }

    /// Xoring any byte of a valid proof with a non-zero value makes it fail to decode or fail to
    /// verify.
    #[test]
    fn proof_single_byte_corruption_fails(
        shake: bool,
        seed: u64,
        count in 0usize..=8,
        mask in prop::collection::vec(any::<bool>(), 8),
        pos: Index,
        xor in 1u8..=255,
    ) {
        let suite = suite_of(shake);
        let (bbs, kp) = (ctx(suite), keys(suite, seed));
        let mut rng = ChaCha20Rng::seed_from_u64(seed.wrapping_add(1));
        let msgs: Vec<Vec<u8>> = (0..count).map(|i| vec![b'm', i as u8]).collect();
        let sig = bbs.sign(&kp.secret, &kp.public, b"h", &msgs).expect("sign");
        let idx = disclosed(&mask, count);
        let proof = bbs
            .proof_gen(&kp.public, &sig, b"h", b"p", &msgs, &idx, &mut rng)
            .expect("proof");
        let revealed: Vec<&[u8]> = idx.iter().map(|&i| msgs[i].as_slice()).collect();
        let mut bytes = proof.to_bytes();
        let at = pos.index(bytes.len());
        bytes[at] ^= xor;
        match Proof::from_bytes(&bytes) {
            Err(_) => {}
            Ok(bad) => {
                prop_assert_ne!(&bad, &proof);
                prop_assert!(
                    bbs.proof_verify(&kp.public, &bad, b"h", b"p", &revealed, &idx).is_err(),
                    "corrupted byte {} verified",
                    at
                );
            }
        }
    }
}
