//! Negative cases and properties of blind signatures and pseudonyms: every tampering is
//! rejected with a typed error; pseudonyms are stable per (holder, context) and unlinkable
//! otherwise; two proofs share no field but the pseudonym.

use ark_ff::{Field, UniformRand};
use rand::SeedableRng;
use rand_chacha::ChaCha20Rng;
use zkcred_bbs::octets::{scalar_from_bytes, scalar_to_bytes, G1_LEN, SCALAR_LEN};
use zkcred_bbs::{
    BlindBbs, BlindDisclosure, Ciphersuite, CommitmentWithProof, Error, KeyPair, NymBbs, NymProof,
    NymSecrets, Pseudonym, Scalar, SecretProverBlind, Signature,
};

const L: usize = 8;
const HEADER: &[u8] = b"header";

fn rng(seed: u64) -> ChaCha20Rng {
    ChaCha20Rng::seed_from_u64(seed)
}

fn scalars(n: usize, rng: &mut ChaCha20Rng) -> Vec<Scalar> {
    (0..n).map(|_| Scalar::rand(rng)).collect()
}

/// Adds one to the scalar at byte offset `at` of an encoding.
fn bump_scalar(bytes: &mut [u8], at: usize) {
    let s = scalar_from_bytes(&bytes[at..at + SCALAR_LEN], "test").unwrap() + Scalar::ONE;
    bytes[at..at + SCALAR_LEN].copy_from_slice(&scalar_to_bytes(&s));
}

/// A holder's pseudonymous credential: L signer messages, 2 committed messages, N nyms.
struct NymCredential {
    nym: NymBbs,
    keys: KeyPair,
    messages: Vec<Scalar>,
    committed: Vec<Scalar>,
    spb: SecretProverBlind,
    secrets: NymSecrets,
    sig: Signature,
}

fn nym_credential(suite: Ciphersuite, n: usize, seed: u64) -> NymCredential {
    let mut rng = rng(seed);
    let nym = NymBbs::new(suite);
    let keys = KeyPair::random(suite, &mut rng).unwrap();
    let messages = scalars(L, &mut rng);
    let committed = scalars(2, &mut rng);
    let prover_nyms = NymSecrets::random(n, &mut rng).unwrap();
    let (cwp, spb) = nym
        .commit_with_nym(&committed, &prover_nyms, &mut rng)
        .unwrap();
    let entropy = NymBbs::signer_nym_entropy(&mut rng);
    let sig = nym
        .blind_sign_with_nym(
            &keys.secret,
            &keys.public,
            &cwp,
            n,
            &entropy,
            HEADER,
            &messages,
        )
        .unwrap();
    let secrets = nym
        .verify_finalize_with_nym(
            &keys.public,
            &sig,
            HEADER,
            &messages,
            &committed,
            &prover_nyms,
            &entropy,
            &spb,
        )
        .unwrap();
    NymCredential {
        nym,
        keys,
        messages,
        committed,
        spb,
        secrets,
        sig,
    }
}

const SIGNER_DISCLOSED: [usize; 2] = [1, 5];
const COMMITTED_DISCLOSED: [usize; 1] = [0];

fn disclosure() -> BlindDisclosure<'static> {
    BlindDisclosure {
        signer: &SIGNER_DISCLOSED,
        committed: &COMMITTED_DISCLOSED,
    }
}

impl NymCredential {
    fn prove(&self, ctx: &[u8], ph: &[u8], seed: u64) -> NymProof {
        self.nym
            .proof_gen(
                &self.keys.public,
                &self.sig,
                HEADER,
                ph,
                &self.messages,
                &self.committed,
                &self.spb,
                &self.secrets,
                ctx,
                &disclosure(),
                &mut rng(seed),
            )
            .unwrap()
    }

    fn verify(&self, proof: &NymProof, ctx: &[u8], ph: &[u8], n: usize) -> Result<(), Error> {
        let shown: Vec<Scalar> = SIGNER_DISCLOSED.iter().map(|&i| self.messages[i]).collect();
        let shown_c: Vec<Scalar> = COMMITTED_DISCLOSED
            .iter()
            .map(|&j| self.committed[j])
            .collect();
        self.verify_with(proof, ctx, ph, n, &shown, &shown_c)
    }

    fn verify_with(
        &self,
        proof: &NymProof,
        ctx: &[u8],
        ph: &[u8],
        n: usize,
        shown: &[Scalar],
        shown_c: &[Scalar],
    ) -> Result<(), Error> {
        self.nym.proof_verify(
            &self.keys.public,
            proof,
            HEADER,
            ph,
            ctx,
            L,
            n,
            &disclosure(),
            shown,
            shown_c,
        )
    }
}

#[test]
fn blind_round_trip_and_tampered_commitment() {
    for suite in Ciphersuite::ALL {
        let mut rng = rng(1);
        let bbs = BlindBbs::new(suite);
        let keys = KeyPair::random(suite, &mut rng).unwrap();
        let messages = scalars(L, &mut rng);
        let committed = scalars(2, &mut rng);
        let (cwp, spb) = bbs.commit(&committed, &mut rng).unwrap();
        bbs.commit_verify(&cwp).unwrap();

        // A tampered response (s^, m^_1, c) fails CommitVerify and BlindSign, typed.
        for at in [G1_LEN, G1_LEN + SCALAR_LEN, cwp.encoded_len() - SCALAR_LEN] {
            let mut bytes = cwp.to_bytes();
            bump_scalar(&mut bytes, at);
            let bad = CommitmentWithProof::from_bytes(&bytes).unwrap();
            assert_eq!(bbs.commit_verify(&bad), Err(Error::InvalidCommitment));
            assert_eq!(
                bbs.blind_sign(&keys.secret, &keys.public, Some(&bad), HEADER, &messages),
                Err(Error::InvalidCommitment)
            );
        }

        let sig = bbs
            .blind_sign(&keys.secret, &keys.public, Some(&cwp), HEADER, &messages)
            .unwrap();
        bbs.verify_blind_sign(
            &keys.public,
            &sig,
            HEADER,
            &messages,
            &committed,
            Some(&spb),
        )
        .unwrap();
        // Committed messages swapped: the signature no longer verifies.
        let swapped = [committed[1], committed[0]];
        assert_eq!(
            bbs.verify_blind_sign(&keys.public, &sig, HEADER, &messages, &swapped, Some(&spb)),
            Err(Error::InvalidSignature)
        );
        assert_eq!(
            bbs.verify_blind_sign(&keys.public, &sig, HEADER, &messages, &committed, None),
            Err(Error::InvalidSignature)
        );

        // A proof disclosing committed message 1 and signer messages 0 and 3.
        let disclosure = BlindDisclosure {
            signer: &[0, 3],
            committed: &[1],
        };
        let proof = bbs
            .proof_gen(
                &keys.public,
                &sig,
                HEADER,
                b"ph",
                &messages,
                &committed,
                Some(&spb),
                &disclosure,
                &mut rng,
            )
            .unwrap();
        let shown = [messages[0], messages[3]];
        bbs.proof_verify(
            &keys.public,
            &proof,
            HEADER,
            b"ph",
            L,
            &disclosure,
            &shown,
            &[committed[1]],
        )
        .unwrap();
        assert_eq!(
            bbs.proof_verify(
                &keys.public,
                &proof,
                HEADER,
                b"ph",
                L,
                &disclosure,
                &shown,
                &[committed[0]],
            ),
            Err(Error::ChallengeMismatch)
        );
        assert_eq!(
            bbs.proof_verify(
                &keys.public,
                &proof,
                HEADER,
                b"other ph",
                L,
                &disclosure,
                &shown,
                &[committed[1]],
            ),
            Err(Error::ChallengeMismatch)
        );

        // Without a commitment (M = 0, spb = 0).
        let plain = bbs
            .blind_sign(&keys.secret, &keys.public, None, HEADER, &messages)
            .unwrap();
        bbs.verify_blind_sign(&keys.public, &plain, HEADER, &messages, &[], None)
            .unwrap();
    }
}

#[test]
fn malformed_encodings_are_typed_errors() {
    let suite = Ciphersuite::Bls12381Sha256;
    let mut rng = rng(2);
    let bbs = BlindBbs::new(suite);
    let (cwp, spb) = bbs.commit(&scalars(1, &mut rng), &mut rng).unwrap();
    let bytes = cwp.to_bytes();
    assert!(matches!(
        CommitmentWithProof::from_bytes(&bytes[..bytes.len() - 1]),
        Err(Error::InvalidLength { .. })
    ));
    assert!(matches!(
        CommitmentWithProof::from_bytes(&bytes[..G1_LEN + SCALAR_LEN]),
        Err(Error::InvalidLength { .. })
    ));
    let mut identity = bytes.clone();
    identity[0] = 0xc0;
    identity[1..G1_LEN].fill(0);
    assert!(matches!(
        CommitmentWithProof::from_bytes(&identity),
        Err(Error::IdentityPoint(_))
    ));
    let mut zero = bytes.clone();
    zero[G1_LEN..G1_LEN + SCALAR_LEN].fill(0);
    assert!(matches!(
        CommitmentWithProof::from_bytes(&zero),
        Err(Error::ZeroScalar(_))
    ));
    let mut big = bytes.clone();
    big[G1_LEN..G1_LEN + SCALAR_LEN].fill(0xff);
    assert!(matches!(
        CommitmentWithProof::from_bytes(&big),
        Err(Error::NonCanonicalScalar(_))
    ));
    let mut pseudo = [0u8; G1_LEN];
    pseudo[0] = 0xc0;
    assert!(matches!(
        Pseudonym::from_bytes(&pseudo),
        Err(Error::IdentityPoint(_))
    ));
    assert!(matches!(
        NymProof::from_bytes(&[0u8; 100]),
        Err(Error::InvalidProofLength(100))
    ));
    assert!(matches!(
        NymSecrets::from_scalars(&[]),
        Err(Error::WrongNymCount { nyms: 0, .. })
    ));
    assert!(matches!(
        NymSecrets::from_bytes(&[1u8; 33]),
        Err(Error::InvalidLength { .. })
    ));
    // Secrets never show in Debug; serde round-trips through hex.
    assert_eq!(format!("{spb:?}"), "SecretProverBlind(<redacted>)");
    let json = serde_json::to_string(&cwp).unwrap();
    assert_eq!(
        serde_json::from_str::<CommitmentWithProof>(&json).unwrap(),
        cwp
    );
    let json = serde_json::to_string(&spb).unwrap();
    assert_eq!(
        serde_json::from_str::<SecretProverBlind>(&json).unwrap(),
        spb
    );
}

#[test]
fn wrong_nym_count_is_rejected() {
    let suite = Ciphersuite::Bls12381Shake256;
    let mut rng = rng(3);
    let nym = NymBbs::new(suite);
    let keys = KeyPair::random(suite, &mut rng).unwrap();
    let messages = scalars(L, &mut rng);
    let committed = scalars(1, &mut rng);
    let prover_nyms = NymSecrets::random(1, &mut rng).unwrap();
    let (cwp, spb) = nym
        .commit_with_nym(&committed, &prover_nyms, &mut rng)
        .unwrap();
    let entropy = NymBbs::signer_nym_entropy(&mut rng);
    let sign = |n: usize| {
        nym.blind_sign_with_nym(
            &keys.secret,
            &keys.public,
            &cwp,
            n,
            &entropy,
            HEADER,
            &messages,
        )
    };
    assert_eq!(
        sign(0),
        Err(Error::WrongNymCount {
            nyms: 0,
            available: 2
        })
    );
    assert_eq!(
        sign(3),
        Err(Error::WrongNymCount {
            nyms: 3,
            available: 2
        })
    );
    // The signer believes N = 2 while the prover committed one nym: finalize fails.
    let sig = sign(2).unwrap();
    assert_eq!(
        nym.verify_finalize_with_nym(
            &keys.public,
            &sig,
            HEADER,
            &messages,
            &committed,
            &prover_nyms,
            &entropy,
            &spb,
        ),
        Err(Error::InvalidSignature)
    );

    // A proof made with N = 1 and checked with another N.
    let cred = nym_credential(suite, 1, 4);
    let proof = cred.prove(b"ctx", b"ph", 5);
    cred.verify(&proof, b"ctx", b"ph", 1).unwrap();
    assert_eq!(
        cred.verify(&proof, b"ctx", b"ph", 2),
        Err(Error::ChallengeMismatch)
    );
    assert!(matches!(
        cred.verify(&proof, b"ctx", b"ph", 0),
        Err(Error::WrongNymCount { nyms: 0, .. })
    ));
}

#[test]
fn nym_proof_tampering_is_rejected() {
    for suite in Ciphersuite::ALL {
        let cred = nym_credential(suite, 3, 10);
        let a = cred.prove(b"verifier A", b"ph", 11);
        let b = cred.prove(b"verifier B", b"ph", 12);
        cred.verify(&a, b"verifier A", b"ph", 3).unwrap();
        cred.verify(&b, b"verifier B", b"ph", 3).unwrap();
        // Presented under another context id.
        assert_eq!(
            cred.verify(&a, b"verifier B", b"ph", 3),
            Err(Error::ChallengeMismatch)
        );
        // Pseudonyms swapped between the two proofs.
        let a_swapped = NymProof {
            proof: a.proof.clone(),
            pseudonym: b.pseudonym,
        };
        assert_eq!(
            cred.verify(&a_swapped, b"verifier A", b"ph", 3),
            Err(Error::ChallengeMismatch)
        );
        // Another holder's pseudonym for the same context.
        let other = nym_credential(suite, 3, 13);
        let foreign = NymProof {
            proof: a.proof.clone(),
            pseudonym: other.nym.pseudonym(b"verifier A", &other.secrets).unwrap(),
        };
        assert_eq!(
            cred.verify(&foreign, b"verifier A", b"ph", 3),
            Err(Error::ChallengeMismatch)
        );
        // A disclosed committed message swapped.
        let shown: Vec<Scalar> = SIGNER_DISCLOSED.iter().map(|&i| cred.messages[i]).collect();
        assert_eq!(
            cred.verify_with(&a, b"verifier A", b"ph", 3, &shown, &[cred.committed[1]]),
            Err(Error::ChallengeMismatch)
        );
        // Another presentation header.
        assert_eq!(
            cred.verify(&a, b"verifier A", b"other", 3),
            Err(Error::ChallengeMismatch)
        );
        // Octets and serde round-trip.
        let decoded = NymProof::from_bytes(&a.to_bytes()).unwrap();
        assert_eq!(decoded, a);
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(serde_json::from_str::<NymProof>(&json).unwrap(), a);
    }
}

#[test]
fn pseudonym_properties() {
    let suite = Ciphersuite::Bls12381Sha256;
    let cred = nym_credential(suite, 1, 20);
    let p1 = cred.nym.pseudonym(b"shop", &cred.secrets).unwrap();
    let p2 = cred.nym.pseudonym(b"shop", &cred.secrets).unwrap();
    let q = cred.nym.pseudonym(b"library", &cred.secrets).unwrap();
    assert_eq!(p1, p2, "same holder and context, same pseudonym");
    assert_ne!(p1, q, "two contexts, two pseudonyms");
    assert_eq!(
        format!("{:?}", cred.secrets),
        "NymSecrets(N = 1, <redacted>)"
    );

    // Two proofs for one context from one credential.
    let a = cred.prove(b"shop", b"nonce 1", 21);
    let b = cred.prove(b"shop", b"nonce 1", 22);
    assert_eq!(a.pseudonym, p1);
    assert_eq!(b.pseudonym, p1);
    cred.verify(&a, b"shop", b"nonce 1", 1).unwrap();
    cred.verify(&b, b"shop", b"nonce 1", 1).unwrap();
    let fields = |p: &NymProof| -> Vec<Vec<u8>> {
        let bytes = p.proof.to_bytes();
        let (points, scalars) = bytes.split_at(3 * G1_LEN);
        points
            .chunks(G1_LEN)
            .chain(scalars.chunks(SCALAR_LEN))
            .map(|c| c.to_vec())
            .collect()
    };
    let (fa, fb) = (fields(&a), fields(&b));
    assert_eq!(fa.len(), fb.len());
    for x in &fa {
        assert!(!fb.contains(x), "a proof field repeats across proofs");
    }
    // Nor does any field of one proof appear anywhere in the other's encoding.
    let (ea, eb) = (a.to_bytes(), b.to_bytes());
    assert_eq!(ea[ea.len() - G1_LEN..], eb[eb.len() - G1_LEN..]);
    for x in &fa {
        assert!(!eb[..eb.len() - G1_LEN]
            .windows(x.len())
            .any(|w| w == &x[..]));
    }

    // The init / challenge / finalize split: a blinding fixed by the caller is the one used,
    // and the response of a hidden committed message is m~ + c·m.
    let idx = BlindBbs::committed_index(L, 1);
    let u = cred.nym.undisclosed_count(L, 2, 1, &disclosure());
    let randomness = zkcred_bbs::ProofRandomness::random(&mut rng(23), u);
    let init = cred
        .nym
        .proof_init(
            &cred.keys.public,
            &cred.sig,
            HEADER,
            &cred.messages,
            &cred.committed,
            &cred.spb,
            &cred.secrets,
            b"shop",
            &disclosure(),
            &randomness,
        )
        .unwrap();
    let m_tilde = init.message_blinding(idx).unwrap();
    assert!(init.message_blinding(SIGNER_DISCLOSED[0]).is_none());
    let c = init.challenge(b"linked").unwrap();
    let proof = init.finalize(c);
    let disclosed_combined = [
        SIGNER_DISCLOSED[0],
        SIGNER_DISCLOSED[1],
        BlindBbs::committed_index(L, 0),
    ];
    assert_eq!(
        proof.proof.hidden_response(&disclosed_combined, idx),
        Some(m_tilde + c * cred.committed[1])
    );
    cred.verify(&proof, b"shop", b"linked", 1).unwrap();
}
