//! Deferred pairing checks of proofs (`*_deferred`): for core and pseudonym proofs of both
//! ciphersuites the deferred equation holds exactly when the immediate verify accepts, the
//! merged check of many equations agrees with the individual ones, a proof that fails only
//! its pairing (made from a forged signature) is named, and forged proofs whose errors cancel
//! without weights are caught.

use ark_bls12_381::{G1Projective, G2Affine};
use ark_ec::{AffineRepr, CurveGroup};
use ark_ff::{Field, UniformRand};
use rand::SeedableRng;
use rand_chacha::ChaCha20Rng;
use zkcred_bbs::octets::{g1_to_bytes, scalar_to_bytes};
use zkcred_bbs::{
    Bbs, BlindDisclosure, Ciphersuite, Error, KeyPair, NymBbs, NymProof, NymSecrets, PairingCheck,
    Proof, ProofRandomness, PublicKey, Scalar, Signature,
};
use zkcred_pairing::{all_hold, failing, G2Groups, G2Side};

const HEADER: &[u8] = b"deferred header";
const PH: &[u8] = b"deferred ph";
const CONTEXT: &[u8] = b"deferred context";
const L: usize = 5;
const DISCLOSED: [usize; 2] = [0, 3];
const SUITES: [Ciphersuite; 2] = [Ciphersuite::Bls12381Sha256, Ciphersuite::Bls12381Shake256];

fn rng(seed: u64) -> ChaCha20Rng {
    ChaCha20Rng::seed_from_u64(seed)
}

/// `sig` with A moved by `x` (decodes; verifies as nothing).
fn shifted(sig: &Signature, x: G1Projective) -> Signature {
    let mut bytes = g1_to_bytes(&(sig.a().into_group() + x).into_affine()).to_vec();
    bytes.extend_from_slice(&scalar_to_bytes(sig.e()));
    Signature::from_bytes(&bytes).unwrap()
}

/// A core credential: keys, L random messages and their signature.
struct Core {
    bbs: Bbs,
    keys: KeyPair,
    messages: Vec<Scalar>,
    sig: Signature,
}

impl Core {
    fn new(suite: Ciphersuite, seed: u64) -> Self {
        let r = &mut rng(seed);
        let bbs = Bbs::new(suite, L).unwrap();
        let keys = KeyPair::random(suite, r).unwrap();
        let messages: Vec<Scalar> = (0..L).map(|_| Scalar::rand(r)).collect();
        let sig = bbs
            .sign_scalars(&keys.secret, &keys.public, HEADER, &messages)
            .unwrap();
        Self {
            bbs,
            keys,
            messages,
            sig,
        }
    }

    fn disclosed(&self) -> Vec<Scalar> {
        DISCLOSED.iter().map(|&i| self.messages[i]).collect()
    }

    /// A proof from `sig` (the credential's or a forged one) with r1·r2 = `s`.
    fn proof(&self, sig: &Signature, s: Scalar, seed: u64) -> Proof {
        let r = &mut rng(seed);
        let r1 = Scalar::rand(r);
        let mut scalars = vec![r1, s * r1.inverse().unwrap()];
        scalars.extend((0..3 + L - DISCLOSED.len()).map(|_| Scalar::rand(r)));
        let randomness = ProofRandomness::from_scalars(&scalars, L - DISCLOSED.len()).unwrap();
        let init = self
            .bbs
            .proof_init(
                &self.keys.public,
                sig,
                HEADER,
                &self.messages,
                &DISCLOSED,
                &randomness,
            )
            .unwrap();
        let c = init.challenge(PH).unwrap();
        init.finalize(c)
    }

    fn deferred<'k>(&'k self, proof: &Proof) -> Result<PairingCheck<'k>, Error> {
        let pk: &'k PublicKey = &self.keys.public;
        self.bbs
            .proof_verify_scalars_deferred(pk, proof, HEADER, PH, &DISCLOSED, &self.disclosed())
    }

    fn verify(&self, proof: &Proof) -> Result<(), Error> {
        self.bbs.proof_verify_scalars(
            &self.keys.public,
            proof,
            HEADER,
            PH,
            &DISCLOSED,
            &self.disclosed(),
        )
    }
}

/// A pseudonym credential (one nym secret, one committed message) and a proof from it.
struct Nym {
    ctx: NymBbs,
    keys: KeyPair,
    messages: Vec<Scalar>,
    proof: NymProof,
}

impl Nym {
    /// With `forge`, the proof is made from the signature with A moved by a random point.
    fn new(suite: Ciphersuite, seed: u64, forge: bool) -> Self {
        let r = &mut rng(seed);
        let ctx = NymBbs::new(suite);
        let keys = KeyPair::random(suite, r).unwrap();
        let messages: Vec<Scalar> = (0..L).map(|_| Scalar::rand(r)).collect();
        let committed = vec![Scalar::rand(r)];
        let prover_nyms = NymSecrets::random(1, r).unwrap();
        let (cwp, spb) = ctx.commit_with_nym(&committed, &prover_nyms, r).unwrap();
        let entropy = NymBbs::signer_nym_entropy(r);
        let (sk, pk) = (&keys.secret, &keys.public);
        let sig = ctx
            .blind_sign_with_nym(sk, pk, &cwp, 1, &entropy, HEADER, &messages)
            .unwrap();
        let secrets = ctx
            .verify_finalize_with_nym(
                pk,
                &sig,
                HEADER,
                &messages,
                &committed,
                &prover_nyms,
                &entropy,
                &spb,
            )
            .unwrap();
        let sig = if forge {
            shifted(&sig, G1Projective::rand(r))
        } else {
            sig
        };
        let disclosure = BlindDisclosure {
            signer: &DISCLOSED,
            committed: &[],
        };
        let proof = ctx
            .proof_gen(
                pk,
                &sig,
                HEADER,
                PH,
                &messages,
                &committed,
                &spb,
                &secrets,
                CONTEXT,
                &disclosure,
                r,
            )
            .unwrap();
        Self {
            ctx,
            keys,
            messages,
            proof,
        }
    }

    fn deferred(&self) -> Result<PairingCheck<'_>, Error> {
        let disclosed: Vec<Scalar> = DISCLOSED.iter().map(|&i| self.messages[i]).collect();
        let disclosure = BlindDisclosure {
            signer: &DISCLOSED,
            committed: &[],
        };
        self.ctx.proof_verify_deferred(
            &self.keys.public,
            &self.proof,
            HEADER,
            PH,
            CONTEXT,
            L,
            1,
            &disclosure,
            &disclosed,
            &[],
        )
    }

    fn verify(&self) -> Result<(), Error> {
        let disclosed: Vec<Scalar> = DISCLOSED.iter().map(|&i| self.messages[i]).collect();
        let disclosure = BlindDisclosure {
            signer: &DISCLOSED,
            committed: &[],
        };
        self.ctx.proof_verify(
            &self.keys.public,
            &self.proof,
            HEADER,
            PH,
            CONTEXT,
            L,
            1,
            &disclosure,
            &disclosed,
            &[],
        )
    }
}

#[test]
fn deferred_and_merged_checks_agree_with_verify() {
    let mut cores = Vec::new();
    let mut nyms = Vec::new();
    for (i, suite) in SUITES.into_iter().enumerate() {
        let seed = 100 * i as u64;
        cores.push(Core::new(suite, seed));
        nyms.push(Nym::new(suite, seed + 1, false));
        nyms.push(Nym::new(suite, seed + 2, true));
    }
    let forged_core: Vec<Signature> = cores
        .iter()
        .map(|c| shifted(&c.sig, G1Projective::rand(&mut rng(7))))
        .collect();
    let proofs: Vec<(&Core, Proof, bool)> = cores
        .iter()
        .zip(&forged_core)
        .flat_map(|(c, forged)| {
            let s = Scalar::rand(&mut rng(8));
            [
                (c, c.proof(&c.sig, s, 9), true),
                (c, c.proof(&c.sig, s + s, 10), true),
                (c, c.proof(forged, s, 11), false),
            ]
        })
        .collect();

    let mut checks = Vec::new();
    let mut valid = Vec::new();
    for (core, proof, ok) in &proofs {
        let check = core.deferred(proof).expect("only the pairing is wrong");
        assert_eq!(check.holds(), *ok);
        let expected = if *ok {
            Ok(())
        } else {
            Err(Error::PairingCheckFailed)
        };
        assert_eq!(core.verify(proof), expected);
        checks.push(check);
        valid.push(*ok);
    }
    for (i, nym) in nyms.iter().enumerate() {
        let ok = i % 2 == 0;
        let check = nym.deferred().expect("only the pairing is wrong");
        assert_eq!(check.holds(), ok);
        let expected = if ok {
            Ok(())
        } else {
            Err(Error::PairingCheckFailed)
        };
        assert_eq!(nym.verify(), expected);
        checks.push(check);
        valid.push(ok);
    }

    let good: Vec<PairingCheck<'_>> = checks
        .iter()
        .zip(&valid)
        .filter(|(_, ok)| **ok)
        .map(|(c, _)| c.clone())
        .collect();
    assert_eq!(good.len(), 6);
    for seed in 0..3 {
        assert!(all_hold(&good, &mut rng(seed)));
        assert!(!all_hold(&checks, &mut rng(seed)));
        let named: Vec<usize> = (0..valid.len()).filter(|&i| !valid[i]).collect();
        assert_eq!(failing(&checks, &mut rng(seed)), named);
    }
}

#[test]
fn non_pairing_failures_are_the_same_deferred_or_not() {
    let core = Core::new(Ciphersuite::Bls12381Sha256, 20);
    let proof = core.proof(&core.sig, Scalar::from(5u64), 21);
    let other = Core::new(Ciphersuite::Bls12381Sha256, 22);
    // Another key: the domain, so the challenge, differs.
    let pk = &other.keys.public;
    let disclosed = core.disclosed();
    let deferred = core
        .bbs
        .proof_verify_scalars_deferred(pk, &proof, HEADER, PH, &DISCLOSED, &disclosed)
        .map(drop);
    let immediate = core
        .bbs
        .proof_verify_scalars(pk, &proof, HEADER, PH, &DISCLOSED, &disclosed);
    assert_eq!(deferred, Err(Error::ChallengeMismatch));
    assert_eq!(immediate, Err(Error::ChallengeMismatch));
    // A wrong disclosed count is refused before any arithmetic, the same way.
    let short = &disclosed[..1];
    assert_eq!(
        core.bbs
            .proof_verify_scalars_deferred(pk, &proof, HEADER, PH, &DISCLOSED, short)
            .map(drop),
        core.bbs
            .proof_verify_scalars(pk, &proof, HEADER, PH, &DISCLOSED, short)
    );
}

/// Two proofs of one signature, each made from a forgery A + X_k with r1·r2 = s_k: their
/// errors are e(X_k·s_k, W) in the W group and e(e·X_k·s_k, BP2) in the BP2 group. With
/// X_2·s_2 = −X_1·s_1 they cancel in the unweighted product; the weights catch both.
#[test]
fn proof_errors_that_cancel_without_weights_are_caught() {
    let core = Core::new(Ciphersuite::Bls12381Shake256, 30);
    let r = &mut rng(31);
    let (s1, s2) = (Scalar::rand(r), Scalar::rand(r));
    let x1 = G1Projective::rand(r);
    let x2 = -x1 * (s1 * s2.inverse().unwrap());
    let p1 = core.proof(&shifted(&core.sig, x1), s1, 32);
    let p2 = core.proof(&shifted(&core.sig, x2), s2, 33);
    let checks = [core.deferred(&p1).unwrap(), core.deferred(&p2).unwrap()];
    assert!(!checks[0].holds() && !checks[1].holds());

    let mut unweighted = G2Groups::new();
    for c in &checks {
        unweighted.push_check(c, Scalar::ONE);
    }
    assert!(
        unweighted.product_is_one(),
        "the forgeries cancel without weights"
    );
    for seed in 0..4 {
        assert!(!all_hold(&checks, &mut rng(seed)));
        assert_eq!(failing(&checks, &mut rng(seed)), vec![0, 1]);
    }
    // The pairs sit on W and BP2, two Miller loops for both proofs.
    let distinct: Vec<G2Affine> = checks[0].pairs().iter().map(|(_, q)| q.point()).collect();
    assert_eq!(
        distinct,
        vec![*core.keys.public.point(), G2Affine::generator()]
    );
    assert!(matches!(checks[1].pairs()[0].1, G2Side::Fixed(_)));
}
