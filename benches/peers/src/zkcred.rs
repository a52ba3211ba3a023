//! zkcred-bbs (this project), ciphersuite BLS12-381-SHA-256, through the draft's octet-string
//! interface: messages are 32-byte strings mapped to scalars inside each timed call
//! (MapMessageToScalarAsHash), as the IETF API prescribes. Generators are derived once in
//! setup (`Bbs::new` + `precompute`, untimed), as `bbs_plus` holds its params.

use rand::SeedableRng;
use zkcred_bbs::{Bbs, Ciphersuite, KeyPair, Proof, Signature};

use crate::{random_bytes, random_messages, tampered, Scheme};

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
