//! `zkryptium` 0.8, ciphersuite BLS12-381-SHA-256:
//! * BBS: draft-irtf-cfrg-bbs-signatures-13,
//! * blind BBS: draft-irtf-cfrg-bbs-blind-signatures-02 (+ fixes, per its README),
//! * pseudonyms: draft-irtf-cfrg-bbs-per-verifier-linkability-03.
//!
//! API notes:
//! * takes messages as **bytes**: hash-to-scalar happens inside every timed
//!   call, and, as the IETF API prescribes, the generators are re-derived
//!   by hash-to-curve on every sign / verify / proof call (nothing cached);
//! * signature header = 16 random bytes, presentation header = 32 random bytes.

use zkryptium::bbsplus::commitment::BlindFactor;
use zkryptium::bbsplus::pseudonym::{BBSplusPseudonym, PseudonymSecret};
use zkryptium::keys::pair::KeyPair;
use zkryptium::schemes::algorithms::BbsBls12381Sha256 as Z;
use zkryptium::schemes::generics::{BlindSignature, Commitment, PoKSignature, Signature};

use crate::{random_bytes, random_messages, tampered, BlindScheme, NymScheme, Scheme};

pub struct Zkryptium;

const NAME: &str = "zkryptium-0.8";

fn keypair() -> KeyPair<Z> {
    KeyPair::<Z>::generate(&random_bytes(32), None, None).expect("keygen")
}

fn pick(msgs: &[Vec<u8>], idx: &[usize]) -> Vec<Vec<u8>> {
    idx.iter().map(|&i| msgs[i].clone()).collect()
}

pub struct Setup {
    kp: KeyPair<Z>,
    messages: Vec<Vec<u8>>,
    header: Vec<u8>,
    ph: Vec<u8>,
}

impl Scheme for Zkryptium {
    const NAME: &'static str = NAME;
    type Setup = Setup;
    type Sig = Signature<Z>;
    type Proof = PoKSignature<Z>;

    fn setup(l: usize) -> Setup {
        Setup { kp: keypair(), messages: random_messages(l), header: random_bytes(16), ph: random_bytes(32) }
    }

    fn sign(s: &Setup) -> Self::Sig {
        Signature::<Z>::sign(Some(&s.messages), s.kp.private_key(), s.kp.public_key(), Some(&s.header))
            .expect("sign")
    }

    fn verify(s: &Setup, sig: &Self::Sig) -> bool {
        sig.verify(s.kp.public_key(), Some(&s.messages), Some(&s.header)).is_ok()
    }

    fn prove(s: &Setup, sig: &Self::Sig, disclosed: &[usize]) -> Self::Proof {
        PoKSignature::<Z>::proof_gen(
            s.kp.public_key(),
            &sig.to_bytes(),
            Some(&s.header),
            Some(&s.ph),
            Some(&s.messages),
            Some(disclosed),
        )
        .expect("proof_gen")
    }

    fn verify_proof(s: &Setup, proof: &Self::Proof, disclosed: &[usize]) -> bool {
        let dm = pick(&s.messages, disclosed);
        proof
            .proof_verify(s.kp.public_key(), Some(&dm), Some(disclosed), Some(&s.header), Some(&s.ph))
            .is_ok()
    }

    fn tamper(s: &mut Setup, idx: usize) {
        s.messages[idx] = tampered(&s.messages[idx]);
    }
}

/// Blind issuance: `committed` holder messages, `l - committed` signer messages.
pub struct BlindSetup {
    kp: KeyPair<Z>,
    messages: Vec<Vec<u8>>,
    committed: Vec<Vec<u8>>,
    header: Vec<u8>,
}

impl BlindScheme for Zkryptium {
    const NAME: &'static str = NAME;
    type Setup = BlindSetup;
    type Commitment = (Commitment<Z>, BlindFactor);
    type BlindSig = BlindSignature<Z>;

    fn blind_setup(l: usize, committed: usize) -> BlindSetup {
        BlindSetup {
            kp: keypair(),
            messages: random_messages(l - committed),
            committed: random_messages(committed),
            header: random_bytes(16),
        }
    }

    fn commit(s: &BlindSetup) -> Self::Commitment {
        Commitment::<Z>::commit(Some(&s.committed)).expect("commit")
    }

    fn blind_sign(s: &BlindSetup, c: &Self::Commitment) -> Self::BlindSig {
        BlindSignature::<Z>::blind_sign(
            s.kp.private_key(),
            s.kp.public_key(),
            Some(&c.0.to_bytes()),
            Some(&s.header),
            Some(&s.messages),
        )
        .expect("blind_sign")
    }

    fn verify_blind(s: &BlindSetup, c: &Self::Commitment, sig: &Self::BlindSig) -> bool {
        sig.verify_blind_sign(
            s.kp.public_key(),
            Some(&s.header),
            Some(&s.messages),
            Some(&s.committed),
            Some(&c.1),
        )
        .is_ok()
    }
}

/// Pseudonym issuance/presentation: one prover nym secret.
const NYM_LEN: usize = 1;

pub struct NymSetup {
    kp: KeyPair<Z>,
    messages: Vec<Vec<u8>>,
    committed: Vec<Vec<u8>>,
    header: Vec<u8>,
    ph: Vec<u8>,
    prover_nyms: Vec<PseudonymSecret>,
    signer_nym_entropy: PseudonymSecret,
    context_id: Vec<u8>,
}

pub struct NymSig {
    sig: BlindSignature<Z>,
    /// Filled by the holder's `verify_finalize_with_nym`.
    nym_secrets: Vec<PseudonymSecret>,
}

impl NymScheme for Zkryptium {
    const NAME: &'static str = NAME;
    type Setup = NymSetup;
    type Commitment = (Commitment<Z>, BlindFactor);
    type NymSig = NymSig;
    type NymProof = (PoKSignature<Z>, BBSplusPseudonym);

    fn nym_setup(l: usize, committed: usize) -> NymSetup {
        NymSetup {
            kp: keypair(),
            messages: random_messages(l - committed),
            committed: random_messages(committed),
            header: random_bytes(16),
            ph: random_bytes(32),
            prover_nyms: PseudonymSecret::random_vec(NYM_LEN),
            signer_nym_entropy: PseudonymSecret::random(),
            context_id: b"verifier-context-id".to_vec(),
        }
    }

    fn nym_commit(s: &NymSetup) -> Self::Commitment {
        Commitment::<Z>::commit_with_nym(Some(&s.committed), s.prover_nyms.clone()).expect("commit_with_nym")
    }

    fn nym_blind_sign(s: &NymSetup, c: &Self::Commitment) -> NymSig {
        let sig = BlindSignature::<Z>::blind_sign_with_nym(
            s.kp.private_key(),
            s.kp.public_key(),
            Some(&c.0.to_bytes()),
            NYM_LEN,
            Some(&s.header),
            &s.signer_nym_entropy,
            Some(&s.messages),
        )
        .expect("blind_sign_with_nym");
        NymSig { sig, nym_secrets: Vec::new() }
    }

    fn nym_finalize(s: &NymSetup, c: &Self::Commitment, sig: NymSig) -> NymSig {
        let nym_secrets = sig
            .sig
            .verify_finalize_with_nym(
                s.kp.public_key(),
                Some(&s.header),
                Some(&s.messages),
                Some(&s.committed),
                s.prover_nyms.clone(),
                Some(&s.signer_nym_entropy),
                Some(&c.1),
            )
            .expect("verify_finalize_with_nym");
        NymSig { sig: sig.sig, nym_secrets }
    }

    fn nym_prove(s: &NymSetup, c: &Self::Commitment, sig: &NymSig, disclosed: &[usize]) -> Self::NymProof {
        PoKSignature::<Z>::proof_gen_with_nym(
            s.kp.public_key(),
            &sig.sig.to_bytes(),
            Some(&s.header),
            Some(&s.ph),
            &sig.nym_secrets,
            &s.context_id,
            Some(&s.messages),
            Some(&s.committed),
            Some(disclosed),
            Some(&[][..]),
            Some(&c.1),
        )
        .expect("proof_gen_with_nym")
    }

    fn nym_verify_proof(s: &NymSetup, proof: &Self::NymProof, disclosed: &[usize]) -> bool {
        let dm = pick(&s.messages, disclosed);
        proof
            .0
            .proof_verify_with_nym(
                s.kp.public_key(),
                Some(&s.header),
                Some(&s.ph),
                &proof.1,
                &s.context_id,
                NYM_LEN,
                Some(s.messages.len()),
                Some(&dm),
                Some(&[][..]),
                Some(disclosed),
                Some(&[][..]),
            )
            .is_ok()
    }

    fn nym_tamper(s: &mut NymSetup, idx: usize) {
        s.messages[idx] = tampered(&s.messages[idx]);
    }
}

/// Context only (not a comparison): the IETF-draft generator derivation that
/// zkryptium repeats inside every sign / verify / proof call (`count` = L + 1
/// hash-to-curve evaluations).
pub fn create_generators(count: usize) -> zkryptium::bbsplus::generators::Generators {
    use zkryptium::bbsplus::ciphersuites::{BbsCiphersuite, Bls12381Sha256};
    zkryptium::bbsplus::generators::Generators::create::<Bls12381Sha256>(
        count,
        Some(<Bls12381Sha256 as BbsCiphersuite>::API_ID),
    )
}
