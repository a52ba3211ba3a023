//! hyperledger (ursa) `bbs` 0.4.1: BBS+ of Au-Susilo-Mu / CDL16 (signature
//! `(A, e, s)`), **not** the IETF draft. Proof of knowledge is the
//! `PoKOfSignature` two-Schnorr-proof protocol of the CDL16 paper.
//!
//! API notes:
//! * takes messages as **scalars** (`SignatureMessage`): the 32-byte messages
//!   are mapped with `SignatureMessage::hash` (Blake2b) in `setup` (untimed);
//! * no signature header; the 32-byte presentation header is mapped to the
//!   verifier's `ProofNonce` (`ProofNonce::hash`) and enters the challenge as
//!   in `Prover`/`Verifier::verify_signature_pok`;
//! * public key holds its L+1 generators (random, from `Issuer::new_keys`),
//!   so nothing is re-derived per call.

use std::collections::{BTreeMap, BTreeSet};

use bbs::prelude::*;

use crate::{random_bytes, random_messages, Scheme};

pub struct HyperledgerBbs;

pub struct Setup {
    pk: PublicKey,
    sk: SecretKey,
    messages: Vec<SignatureMessage>,
    nonce: ProofNonce,
}

impl Scheme for HyperledgerBbs {
    const NAME: &'static str = "hyperledger-bbs-0.4.1";
    type Setup = Setup;
    type Sig = Signature;
    type Proof = PoKOfSignatureProof;

    fn setup(l: usize) -> Setup {
        let (pk, sk) = Issuer::new_keys(l).expect("keygen");
        let messages = random_messages(l).iter().map(|m| SignatureMessage::hash(m)).collect();
        Setup { pk, sk, messages, nonce: ProofNonce::hash(random_bytes(32)) }
    }

    fn sign(s: &Setup) -> Signature {
        Signature::new(&s.messages, &s.sk, &s.pk).expect("sign")
    }

    fn verify(s: &Setup, sig: &Signature) -> bool {
        sig.verify(&s.messages, &s.pk).unwrap_or(false)
    }

    fn prove(s: &Setup, sig: &Signature, disclosed: &[usize]) -> Self::Proof {
        let pm: Vec<ProofMessage> = s
            .messages
            .iter()
            .enumerate()
            .map(|(i, &m)| {
                if disclosed.contains(&i) {
                    ProofMessage::Revealed(m)
                } else {
                    ProofMessage::Hidden(HiddenMessage::ProofSpecificBlinding(m))
                }
            })
            .collect();
        let pok = PoKOfSignature::init(sig, &s.pk, &pm).expect("pok init");
        let mut bytes = pok.to_bytes();
        bytes.extend_from_slice(&s.nonce.to_bytes_uncompressed_form());
        let c = ProofChallenge::hash(&bytes);
        pok.gen_proof(&c).expect("gen_proof")
    }

    fn verify_proof(s: &Setup, proof: &Self::Proof, disclosed: &[usize]) -> bool {
        let revealed: BTreeMap<usize, SignatureMessage> =
            disclosed.iter().map(|&i| (i, s.messages[i])).collect();
        let idx: BTreeSet<usize> = disclosed.iter().copied().collect();
        let mut bytes = proof.get_bytes_for_challenge(idx, &s.pk);
        bytes.extend_from_slice(&s.nonce.to_bytes_uncompressed_form());
        let c = ProofChallenge::hash(&bytes);
        matches!(proof.verify(&s.pk, &revealed, &c), Ok(PoKOfSignatureProofStatus::Success))
    }

    fn tamper(s: &mut Setup, idx: usize) {
        s.messages[idx] = SignatureMessage::hash(random_bytes(32));
    }
}
