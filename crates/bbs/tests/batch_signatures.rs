//! Batch verification of signatures (`batch_verify_signatures`): core, blind and nym-secret
//! signatures under several keys and both ciphersuites in one batch; every bad signature is
//! named; errors that cancel in an unweighted sum are caught; bad inputs are errors.

use ark_bls12_381::{Bls12_381, G1Affine, G1Projective, G2Affine};
use ark_ec::pairing::Pairing;
use ark_ec::{AffineRepr, CurveGroup, PrimeGroup};
use ark_ff::{Field, UniformRand, Zero};
use rand::SeedableRng;
use rand_chacha::ChaCha20Rng;
use zkcred_bbs::octets::{g1_to_bytes, scalar_from_bytes, scalar_to_bytes, G1_LEN};
use zkcred_bbs::{
    batch_verify_signatures, Bbs, BlindBbs, Ciphersuite, Error, KeyPair, NymBbs, NymSecrets,
    PublicKey, Scalar, SecretProverBlind, Signature, SignatureTerms,
};

const HEADER: &[u8] = b"batch header";

fn rng(seed: u64) -> ChaCha20Rng {
    ChaCha20Rng::seed_from_u64(seed)
}

/// How a signature was made, with what its verification needs besides the messages.
enum Kind {
    Core(Bbs),
    Blind {
        ctx: BlindBbs,
        committed: Vec<Scalar>,
        spb: SecretProverBlind,
    },
    Nym {
        ctx: NymBbs,
        committed: Vec<Scalar>,
        secrets: NymSecrets,
        spb: SecretProverBlind,
    },
}

/// One signed item of a batch.
struct Signed {
    suite: Ciphersuite,
    keys: KeyPair,
    kind: Kind,
    sig: Signature,
    messages: Vec<Scalar>,
}

impl Signed {
    /// Signs `l` random messages under `keys` with the interface `which` (0 core, 1 blind,
    /// 2 nym).
    fn new(suite: Ciphersuite, keys: &KeyPair, which: usize, l: usize, seed: u64) -> Self {
        let mut r = rng(seed);
        let messages: Vec<Scalar> = (0..l).map(|_| Scalar::rand(&mut r)).collect();
        let committed: Vec<Scalar> = (0..2).map(|_| Scalar::rand(&mut r)).collect();
        let (kind, sig) = match which {
            0 => {
                let bbs = Bbs::new(suite, 16).unwrap();
                let sig = bbs
                    .sign_scalars(&keys.secret, &keys.public, HEADER, &messages)
                    .unwrap();
                (Kind::Core(bbs), sig)
            }
            1 => {
                let ctx = BlindBbs::new(suite);
                let (cwp, spb) = ctx.commit(&committed, &mut r).unwrap();
                let sig = ctx
                    .blind_sign(&keys.secret, &keys.public, Some(&cwp), HEADER, &messages)
                    .unwrap();
                let kind = Kind::Blind {
                    ctx,
                    committed,
                    spb,
                };
                (kind, sig)
            }
            _ => {
                let ctx = NymBbs::new(suite);
                let prover_nyms = NymSecrets::random(1, &mut r).unwrap();
                let (cwp, spb) = ctx
                    .commit_with_nym(&committed, &prover_nyms, &mut r)
                    .unwrap();
                let entropy = NymBbs::signer_nym_entropy(&mut r);
                let sig = ctx
                    .blind_sign_with_nym(
                        &keys.secret,
                        &keys.public,
                        &cwp,
                        1,
                        &entropy,
                        HEADER,
                        &messages,
                    )
                    .unwrap();
                let secrets = ctx
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
                let kind = Kind::Nym {
                    ctx,
                    committed,
                    secrets,
                    spb,
                };
                (kind, sig)
            }
        };
        Self {
            suite,
            keys: keys.clone(),
            kind,
            sig,
            messages,
        }
    }

    fn pk(&self) -> &PublicKey {
        &self.keys.public
    }

    /// The terms, through the interface's own function.
    fn terms(&self) -> Result<SignatureTerms<'_>, Error> {
        let (pk, sig, m) = (self.pk(), &self.sig, &self.messages[..]);
        match &self.kind {
            Kind::Core(bbs) => bbs.signature_terms_scalars(pk, sig, HEADER, m),
            Kind::Blind {
                ctx,
                committed,
                spb,
            } => ctx.blind_sign_terms(pk, sig, HEADER, m, committed, Some(spb)),
            Kind::Nym {
                ctx,
                committed,
                secrets,
                spb,
            } => ctx.signature_terms_with_nym_secrets(pk, sig, HEADER, m, committed, secrets, spb),
        }
    }

    /// The interface's single verify.
    fn verify(&self) -> Result<(), Error> {
        let (pk, sig, m) = (self.pk(), &self.sig, &self.messages[..]);
        match &self.kind {
            Kind::Core(bbs) => bbs.verify_scalars(pk, sig, HEADER, m),
            Kind::Blind {
                ctx,
                committed,
                spb,
            } => ctx.verify_blind_sign(pk, sig, HEADER, m, committed, Some(spb)),
            Kind::Nym {
                ctx,
                committed,
                secrets,
                spb,
            } => ctx.verify_with_nym_secrets(pk, sig, HEADER, m, committed, secrets, spb),
        }
    }

    /// The signature with A replaced by A + x.
    fn shift_a(&mut self, x: G1Projective) {
        let a = (*self.sig.a() + x).into_affine();
        let mut bytes = self.sig.to_bytes();
        bytes[..G1_LEN].copy_from_slice(&g1_to_bytes(&a));
        self.sig = Signature::from_bytes(&bytes).unwrap();
    }
}

/// Three keys per suite; for each suite, key and interface, two signatures: 36 items.
fn mixed_batch() -> Vec<Signed> {
    let mut out = Vec::new();
    let mut seed = 100;
    for suite in Ciphersuite::ALL {
        let keys: Vec<KeyPair> = (0..3)
            .map(|k| KeyPair::random(suite, &mut rng(k)).unwrap())
            .collect();
        for round in 0..2 {
            for (k, key) in keys.iter().enumerate() {
                for which in 0..3 {
                    seed += 1;
                    out.push(Signed::new(suite, key, which, 2 + k + round, seed));
                }
            }
        }
    }
    out
}

fn run(items: &[Signed], seed: u64) -> Result<(), Error> {
    let terms: Vec<SignatureTerms<'_>> = items.iter().map(|s| s.terms().unwrap()).collect();
    batch_verify_signatures(&terms, &mut rng(seed))
}

#[test]
fn terms_verify_as_the_single_verify_does() {
    let mut items = mixed_batch();
    for s in &items {
        assert_eq!(s.verify(), Ok(()));
        assert_eq!(s.terms().unwrap().verify(), Ok(()));
    }
    for s in items.iter_mut().step_by(5) {
        s.messages[0] += Scalar::ONE;
        assert_eq!(s.verify(), Err(Error::InvalidSignature));
        assert_eq!(s.terms().unwrap().verify(), Err(Error::InvalidSignature));
    }
}

#[test]
fn all_valid_across_keys_suites_and_interfaces() {
    let items = mixed_batch();
    assert_eq!(items.len(), 36);
    for seed in 0..3 {
        assert_eq!(run(&items, seed), Ok(()));
    }
    // One key, one suite, one interface.
    let suite = Ciphersuite::Bls12381Shake256;
    let keys = KeyPair::random(suite, &mut rng(7)).unwrap();
    let same: Vec<Signed> = (0..10)
        .map(|i| Signed::new(suite, &keys, 2, 6, 200 + i))
        .collect();
    assert_eq!(run(&same, 1), Ok(()));
}

#[test]
fn empty_batch_and_batch_of_one() {
    assert_eq!(batch_verify_signatures(&[], &mut rng(0)), Ok(()));
    let suite = Ciphersuite::Bls12381Sha256;
    let keys = KeyPair::random(suite, &mut rng(1)).unwrap();
    let mut one = vec![Signed::new(suite, &keys, 0, 3, 1)];
    assert_eq!(run(&one, 0), Ok(()));
    one[0].messages[2] = Scalar::zero();
    assert_eq!(run(&one, 0), Err(Error::BatchFailed { failed: vec![0] }));
}

#[test]
fn one_bad_signature_among_many_is_named() {
    let mut items = mixed_batch();
    // A flipped bit of e (still canonical): only the pairing check can notice.
    let mut bytes = items[17].sig.to_bytes();
    *bytes.last_mut().unwrap() ^= 1;
    items[17].sig = Signature::from_bytes(&bytes).unwrap();
    assert_eq!(run(&items, 5), Err(Error::BatchFailed { failed: vec![17] }));
}

#[test]
fn two_bad_signatures_are_both_named() {
    let mut items = mixed_batch();
    // A signer message changed, and a signature submitted under another key.
    items[3].messages[1] = Scalar::from(42u64);
    let other = KeyPair::random(items[30].suite, &mut rng(55)).unwrap();
    items[30].keys = other;
    assert_eq!(
        run(&items, 6),
        Err(Error::BatchFailed {
            failed: vec![3, 30]
        })
    );
}

/// Two forged signatures of one key whose errors cancel in the unweighted product: A_1 + X
/// and A_2 + Y with Y = −X·(SK + e_1)/(SK + e_2) give e(X, W + e_1·BP2)·e(Y, W + e_2·BP2) = 1.
/// The random weights catch both.
#[test]
fn errors_that_cancel_without_weights_are_caught() {
    let suite = Ciphersuite::Bls12381Sha256;
    let keys = KeyPair::random(suite, &mut rng(9)).unwrap();
    let mut items: Vec<Signed> = (0..6)
        .map(|i| Signed::new(suite, &keys, i % 3, 4, 300 + i as u64))
        .collect();
    let sk = scalar_from_bytes(&keys.secret.to_bytes()[..], "sk").unwrap();
    let x = G1Projective::rand(&mut rng(10));
    let (e1, e2) = (*items[1].sig.e(), *items[4].sig.e());
    let y = -x * ((sk + e1) * (sk + e2).inverse().unwrap());
    items[1].shift_a(x);
    items[4].shift_a(y);
    assert_eq!(items[1].verify(), Err(Error::InvalidSignature));
    assert_eq!(items[4].verify(), Err(Error::InvalidSignature));

    // Without weights the batch equation holds.
    let terms: Vec<SignatureTerms<'_>> = items.iter().map(|s| s.terms().unwrap()).collect();
    let sum_a: G1Projective = terms.iter().map(|t| t.a().into_group()).sum();
    let sum_rhs: G1Projective = terms.iter().map(|t| *t.a() * t.e() - t.b()).sum();
    let unweighted = Bls12_381::multi_pairing(
        [sum_a.into_affine(), sum_rhs.into_affine()],
        [*keys.public.point(), G2Affine::generator()],
    );
    assert!(unweighted.is_zero(), "the forgeries cancel without weights");

    for seed in 0..4 {
        assert_eq!(
            batch_verify_signatures(&terms, &mut rng(seed)),
            Err(Error::BatchFailed { failed: vec![1, 4] })
        );
    }
}

#[test]
fn a_replaced_by_the_g1_generator_is_named() {
    let suite = Ciphersuite::Bls12381Sha256;
    let keys = KeyPair::random(suite, &mut rng(11)).unwrap();
    let mut items: Vec<Signed> = (0..3)
        .map(|i| Signed::new(suite, &keys, 0, 2, 400 + i))
        .collect();
    // A = the generator of G1: decodes, verifies as nothing.
    let g = G1Projective::generator() - items[2].sig.a().into_group();
    items[2].shift_a(g);
    assert_eq!(
        *items[2].sig.a(),
        G1Affine::generator(),
        "A is the generator"
    );
    assert_eq!(run(&items, 0), Err(Error::BatchFailed { failed: vec![2] }));
}

#[test]
fn counts_are_checked_before_arithmetic() {
    let suite = Ciphersuite::Bls12381Sha256;
    let keys = KeyPair::random(suite, &mut rng(12)).unwrap();
    let s = Signed::new(suite, &keys, 0, 3, 500);
    let Kind::Core(bbs) = &s.kind else {
        unreachable!()
    };
    let bbs = bbs.clone();
    // More messages than the context has generators for.
    let many = vec![Scalar::ONE; 17];
    assert_eq!(
        bbs.signature_terms_scalars(&keys.public, &s.sig, HEADER, &many)
            .unwrap_err(),
        Error::TooManyMessages { max: 16, got: 17 }
    );
    // A blind context refuses more committed messages than its bound.
    let blind = BlindBbs::with_interface(suite, zkcred_bbs::Interface::Blind, 4);
    let committed = vec![Scalar::ONE; 5];
    assert!(matches!(
        blind.blind_sign_terms(&keys.public, &s.sig, HEADER, &s.messages, &committed, None),
        Err(Error::TooManyMessages { .. })
    ));
    let nym = NymBbs::with_max_messages(suite, 4);
    let secrets = NymSecrets::from_scalars(&[Scalar::ONE]).unwrap();
    let spb = SecretProverBlind::from_bytes(&scalar_to_bytes(&Scalar::ONE)).unwrap();
    assert!(matches!(
        nym.signature_terms_with_nym_secrets(
            &keys.public,
            &s.sig,
            HEADER,
            &many,
            &[],
            &secrets,
            &spb
        ),
        Err(Error::TooManyMessages { .. })
    ));
    // Fewer messages than signed: the terms exist, the signature fails, named.
    let items = [Signed::new(suite, &keys, 0, 3, 501), s];
    let mut terms: Vec<SignatureTerms<'_>> = items.iter().map(|s| s.terms().unwrap()).collect();
    terms.push(
        bbs.signature_terms_scalars(&keys.public, &items[1].sig, HEADER, &items[1].messages[..2])
            .unwrap(),
    );
    assert_eq!(
        batch_verify_signatures(&terms, &mut rng(0)),
        Err(Error::BatchFailed { failed: vec![2] })
    );
}
