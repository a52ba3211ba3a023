//! zkcred-bbs (this project), ciphersuite BLS12-381-SHA-256, through the draft's octet-string
//! interface: messages are 32-byte strings mapped to scalars inside each timed call
//! (MapMessageToScalarAsHash), as the IETF API prescribes. Generators are derived once in
//! setup (`Bbs::new` + `precompute`, untimed), as `bbs_plus` holds its params.
//!
//! Blind (`BlindBbs`, blind draft) and pseudonym (`NymBbs`, per-verifier-linkability draft)
//! issuance mirror `src/zkryptium.rs` call for call: their API takes scalars, so every timed
//! call maps its 32-byte messages with the context's `messages_to_scalars` first, as
//! zkryptium maps bytes inside its calls. The signer decodes the holder's commitment from
//! octets inside the timed blind sign (zkryptium's `blind_sign` takes the commitment as
//! bytes), and `blind_sign` runs CommitVerify itself. Generators are cached process-wide and
//! their fixed-base tables are built by one untimed round trip in setup.

use rand::SeedableRng;
use zkcred_bbs::{
    Bbs, BlindBbs, BlindDisclosure, Ciphersuite, CommitmentWithProof, KeyPair, NymBbs, NymProof,
    NymSecrets, Proof, Scalar, SecretProverBlind, Signature,
};

use crate::{random_bytes, random_messages, tampered, BlindScheme, NymScheme, Scheme};

pub struct Zkcred;

pub struct Setup {
    bbs: Bbs,
    keys: KeyPair,
    messages: Vec<Vec<u8>>,
    header: Vec<u8>,
    ph: Vec<u8>,
}

fn rng() -> rand_chacha::ChaCha20Rng {
    rand_chacha::ChaCha20Rng::from_entropy()
}

impl Scheme for Zkcred {
    const NAME: &'static str = "zkcred";
    type Setup = Setup;
    type Sig = Signature;
    type Proof = Proof;

    fn setup(l: usize) -> Setup {
        let suite = Ciphersuite::Bls12381Sha256;
        let bbs = Bbs::new(suite, l).expect("context");
        bbs.precompute();
        Setup {
            keys: KeyPair::random(suite, &mut rng()).expect("keys"),
            bbs,
            messages: random_messages(l),
            header: random_bytes(16),
            ph: random_bytes(32),
        }
    }

    fn sign(s: &Setup) -> Signature {
        s.bbs
            .sign(&s.keys.secret, &s.keys.public, &s.header, &s.messages)
            .expect("sign")
    }

    fn verify(s: &Setup, sig: &Signature) -> bool {
        s.bbs.verify(&s.keys.public, sig, &s.header, &s.messages).is_ok()
    }

    fn prove(s: &Setup, sig: &Signature, disclosed: &[usize]) -> Proof {
        s.bbs
            .proof_gen(&s.keys.public, sig, &s.header, &s.ph, &s.messages, disclosed, &mut rng())
            .expect("proof gen")
    }

    fn verify_proof(s: &Setup, proof: &Proof, disclosed: &[usize]) -> bool {
        let msgs: Vec<&Vec<u8>> = disclosed.iter().map(|&i| &s.messages[i]).collect();
        s.bbs
            .proof_verify(&s.keys.public, proof, &s.header, &s.ph, &msgs, disclosed)
            .is_ok()
    }

    fn tamper(s: &mut Setup, idx: usize) {
        s.messages[idx] = tampered(&s.messages[idx]);
    }
}

const SUITE: Ciphersuite = Ciphersuite::Bls12381Sha256;

fn pick(msgs: &[Vec<u8>], idx: &[usize]) -> Vec<Vec<u8>> {
    idx.iter().map(|&i| msgs[i].clone()).collect()
}

/// Blind issuance: `committed` holder messages, `l - committed` signer messages.
pub struct BlindSetup {
    bbs: BlindBbs,
    keys: KeyPair,
    messages: Vec<Vec<u8>>,
    committed: Vec<Vec<u8>>,
    header: Vec<u8>,
}

impl BlindScheme for Zkcred {
    const NAME: &'static str = "zkcred";
    type Setup = BlindSetup;
    type Commitment = (CommitmentWithProof, SecretProverBlind);
    type BlindSig = Signature;

    fn blind_setup(l: usize, committed: usize) -> BlindSetup {
        let s = BlindSetup {
            bbs: BlindBbs::new(SUITE),
            keys: KeyPair::random(SUITE, &mut rng()).expect("keys"),
            messages: random_messages(l - committed),
            committed: random_messages(committed),
            header: random_bytes(16),
        };
        // Untimed warm-up: derives (and caches) the generators and builds their fixed-base
        // tables, the blind-API counterpart of `Bbs::precompute`.
        let c = Self::commit(&s);
        let sig = Self::blind_sign(&s, &c);
        assert!(Self::verify_blind(&s, &c, &sig), "zkcred: warm-up blind signature rejected");
        s
    }

    fn commit(s: &BlindSetup) -> Self::Commitment {
        let committed = s.bbs.messages_to_scalars(&s.committed).expect("map");
        s.bbs.commit(&committed, &mut rng()).expect("commit")
    }

    fn blind_sign(s: &BlindSetup, c: &Self::Commitment) -> Signature {
        // The signer receives the commitment as octets (as zkryptium's blind_sign does).
        let cwp = CommitmentWithProof::from_bytes(&c.0.to_bytes()).expect("decode commitment");
        let messages = s.bbs.messages_to_scalars(&s.messages).expect("map");
        s.bbs
            .blind_sign(&s.keys.secret, &s.keys.public, Some(&cwp), &s.header, &messages)
            .expect("blind_sign")
    }

    fn verify_blind(s: &BlindSetup, c: &Self::Commitment, sig: &Signature) -> bool {
        let (Ok(messages), Ok(committed)) =
            (s.bbs.messages_to_scalars(&s.messages), s.bbs.messages_to_scalars(&s.committed))
        else {
            return false;
        };
        s.bbs
            .verify_blind_sign(&s.keys.public, sig, &s.header, &messages, &committed, Some(&c.1))
            .is_ok()
    }
}

/// Pseudonym issuance/presentation: one prover nym secret (as for zkryptium).
const NYM_LEN: usize = 1;
const CONTEXT_ID: &[u8] = b"verifier-context-id";

pub struct NymSetup {
    nym: NymBbs,
    keys: KeyPair,
    messages: Vec<Vec<u8>>,
    committed: Vec<Vec<u8>>,
    header: Vec<u8>,
    ph: Vec<u8>,
    prover_nyms: NymSecrets,
    signer_nym_entropy: Scalar,
}

pub struct NymSig {
    sig: Signature,
    /// Filled by the holder's `verify_finalize_with_nym`.
    nym_secrets: Option<NymSecrets>,
}

impl NymScheme for Zkcred {
    const NAME: &'static str = "zkcred";
    type Setup = NymSetup;
    type Commitment = (CommitmentWithProof, SecretProverBlind);
    type NymSig = NymSig;
    type NymProof = NymProof;

    fn nym_setup(l: usize, committed: usize) -> NymSetup {
        let mut r = rng();
        let s = NymSetup {
            nym: NymBbs::new(SUITE),
            keys: KeyPair::random(SUITE, &mut r).expect("keys"),
            messages: random_messages(l - committed),
            committed: random_messages(committed),
            header: random_bytes(16),
            ph: random_bytes(32),
            prover_nyms: NymSecrets::random(NYM_LEN, &mut r).expect("prover nyms"),
            signer_nym_entropy: NymBbs::signer_nym_entropy(&mut r),
        };
        // Untimed warm-up (generators + fixed-base tables), see `blind_setup`.
        let c = Self::nym_commit(&s);
        let sig = Self::nym_finalize(&s, &c, Self::nym_blind_sign(&s, &c));
        let proof = Self::nym_prove(&s, &c, &sig, &[0]);
        assert!(Self::nym_verify_proof(&s, &proof, &[0]), "zkcred: warm-up nym proof rejected");
        s
    }

    fn nym_commit(s: &NymSetup) -> Self::Commitment {
        let committed = s.nym.messages_to_scalars(&s.committed).expect("map");
        s.nym
            .commit_with_nym(&committed, &s.prover_nyms, &mut rng())
            .expect("commit_with_nym")
    }

    fn nym_blind_sign(s: &NymSetup, c: &Self::Commitment) -> NymSig {
        let cwp = CommitmentWithProof::from_bytes(&c.0.to_bytes()).expect("decode commitment");
        let messages = s.nym.messages_to_scalars(&s.messages).expect("map");
        let sig = s
            .nym
            .blind_sign_with_nym(
                &s.keys.secret,
                &s.keys.public,
                &cwp,
                NYM_LEN,
                &s.signer_nym_entropy,
                &s.header,
                &messages,
            )
            .expect("blind_sign_with_nym");
        NymSig { sig, nym_secrets: None }
    }

    fn nym_finalize(s: &NymSetup, c: &Self::Commitment, sig: NymSig) -> NymSig {
        let messages = s.nym.messages_to_scalars(&s.messages).expect("map");
        let committed = s.nym.messages_to_scalars(&s.committed).expect("map");
        let secrets = s
            .nym
            .verify_finalize_with_nym(
                &s.keys.public,
                &sig.sig,
                &s.header,
                &messages,
                &committed,
                &s.prover_nyms,
                &s.signer_nym_entropy,
                &c.1,
            )
            .expect("verify_finalize_with_nym");
        NymSig { sig: sig.sig, nym_secrets: Some(secrets) }
    }

    fn nym_prove(s: &NymSetup, c: &Self::Commitment, sig: &NymSig, disclosed: &[usize]) -> NymProof {
        let messages = s.nym.messages_to_scalars(&s.messages).expect("map");
        let committed = s.nym.messages_to_scalars(&s.committed).expect("map");
        let disclosure = BlindDisclosure { signer: disclosed, committed: &[] };
        s.nym
            .proof_gen(
                &s.keys.public,
                &sig.sig,
                &s.header,
                &s.ph,
                &messages,
                &committed,
                &c.1,
                sig.nym_secrets.as_ref().expect("finalized signature"),
                CONTEXT_ID,
                &disclosure,
                &mut rng(),
            )
            .expect("nym proof_gen")
    }

    fn nym_verify_proof(s: &NymSetup, proof: &NymProof, disclosed: &[usize]) -> bool {
        let Ok(shown) = s.nym.messages_to_scalars(&pick(&s.messages, disclosed)) else {
            return false;
        };
        let disclosure = BlindDisclosure { signer: disclosed, committed: &[] };
        s.nym
            .proof_verify(
                &s.keys.public,
                proof,
                &s.header,
                &s.ph,
                CONTEXT_ID,
                s.messages.len(),
                NYM_LEN,
                &disclosure,
                &shown,
                &[],
            )
            .is_ok()
    }

    fn nym_tamper(s: &mut NymSetup, idx: usize) {
        s.messages[idx] = tampered(&s.messages[idx]);
    }
}

/// 100 proofs (each with its own presentation header) under one issuer key, L = 10, R = 2,
/// for batch verification.
pub struct BatchSetup {
    setup: Setup,
    proofs: Vec<Proof>,
    phs: Vec<Vec<u8>>,
    disclosed: Vec<usize>,
    disclosed_scalars: Vec<zkcred_bbs::Scalar>,
}

/// Builds `n` proofs for [`batch_verify`] (untimed).
pub fn batch_setup(n: usize) -> BatchSetup {
    let setup = Zkcred::setup(10);
    let sig = Zkcred::sign(&setup);
    let disclosed = vec![0, 5];
    let phs: Vec<Vec<u8>> = (0..n).map(|_| random_bytes(32)).collect();
    let proofs = phs
        .iter()
        .map(|ph| {
            setup
                .bbs
                .proof_gen(&setup.keys.public, &sig, &setup.header, ph, &setup.messages, &disclosed, &mut rng())
                .expect("proof gen")
        })
        .collect();
    let disclosed_msgs: Vec<&Vec<u8>> = disclosed.iter().map(|&i| &setup.messages[i]).collect();
    let disclosed_scalars = setup.bbs.messages_to_scalars(&disclosed_msgs).expect("map");
    BatchSetup { setup, proofs, phs, disclosed, disclosed_scalars }
}

/// Batch verification of all proofs (one multi-pairing); `true` iff all verify.
pub fn batch_verify(b: &BatchSetup) -> bool {
    let items: Vec<zkcred_bbs::BatchItem<'_>> = b
        .proofs
        .iter()
        .zip(&b.phs)
        .map(|(proof, ph)| zkcred_bbs::BatchItem {
            pk: &b.setup.keys.public,
            proof,
            header: &b.setup.header,
            ph,
            disclosed_indexes: &b.disclosed,
            disclosed_messages: &b.disclosed_scalars,
        })
        .collect();
    b.setup.bbs.batch_verify(&items, &mut rng()).is_ok()
}
