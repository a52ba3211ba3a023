//! docknetwork `bbs_plus` 0.25: BBS of "Revisiting BBS Signatures"
//! (eprint 2023/275), i.e. `Signature23G1`, with the IETF-draft style proof
//! of knowledge `proof_23_ietf::PoKOfSignature23G1Protocol` (the crate
//! prelude re-exports the CDL variant instead; we use the IETF one).
//!
//! API notes:
//! * takes messages as **scalars** (`Fr`): the 32-byte messages are hashed to
//!   `Fr` in `setup` (SHA-512, reduced mod r; untimed);
//! * no signature header in the API; the presentation header is appended
//!   to the Fiat-Shamir challenge input (challenge = SHA-256 try-and-increment
//!   to Fr, via `schnorr_pok::compute_random_oracle_challenge`);
//! * generators come from `SignatureParams23G1::new::<Sha256>` in setup and
//!   are held by the caller (not re-derived per call, unlike the IETF API);
//! * pairings in verify use the pre-prepared G2 elements kept in the setup.

use std::collections::BTreeMap;

use ark_bls12_381::{Bls12_381, Fr};
use ark_ff::PrimeField;
use bbs_plus::proof_23_ietf::{PoKOfSignature23G1Proof, PoKOfSignature23G1Protocol};
use bbs_plus::setup::{
    KeypairG2, PreparedPublicKeyG2, PreparedSignatureParams23G1, SignatureParams23G1,
};
use bbs_plus::signature_23::Signature23G1;
use dock_crypto_utils::signature::MessageOrBlinding;
use schnorr_pok::compute_random_oracle_challenge;
use sha2::{Digest, Sha256, Sha512};

use crate::{random_bytes, random_messages, Scheme};

pub struct BbsPlus23;

pub struct Setup {
    params: SignatureParams23G1<Bls12_381>,
    prepared_params: PreparedSignatureParams23G1<Bls12_381>,
    keypair: KeypairG2<Bls12_381>,
    prepared_pk: PreparedPublicKeyG2<Bls12_381>,
    messages: Vec<Fr>,
    ph: Vec<u8>,
}

fn bytes_to_fr(msg: &[u8]) -> Fr {
    Fr::from_le_bytes_mod_order(&Sha512::digest(msg))
}

fn challenge(
    proof: &PoKOfSignature23G1Proof<Bls12_381>,
    revealed: &BTreeMap<usize, Fr>,
    params: &SignatureParams23G1<Bls12_381>,
    ph: &[u8],
) -> Fr {
    let mut bytes = Vec::new();
    proof
        .challenge_contribution(revealed, params, &mut bytes)
        .expect("challenge contribution");
    bytes.extend_from_slice(ph);
    compute_random_oracle_challenge::<Fr, Sha256>(&bytes)
}

fn revealed(s: &Setup, disclosed: &[usize]) -> BTreeMap<usize, Fr> {
    disclosed.iter().map(|&i| (i, s.messages[i])).collect()
}

impl Scheme for BbsPlus23 {
    const NAME: &'static str = "dock-bbs_plus-0.25";
    type Setup = Setup;
    type Sig = Signature23G1<Bls12_381>;
    type Proof = PoKOfSignature23G1Proof<Bls12_381>;

    fn setup(l: usize) -> Setup {
        let mut rng = rand::thread_rng();
        let params = SignatureParams23G1::<Bls12_381>::new::<Sha256>(b"zkcred-peer-bench", l as u32);
        let keypair = KeypairG2::<Bls12_381>::generate_using_rng_and_bbs23_params(&mut rng, &params);
        let messages = random_messages(l).iter().map(|m| bytes_to_fr(m)).collect();
        Setup {
            prepared_params: params.clone().into(),
            prepared_pk: keypair.public_key.clone().into(),
            params,
            keypair,
            messages,
            ph: random_bytes(32),
        }
    }

    fn sign(s: &Setup) -> Self::Sig {
        Signature23G1::new(&mut rand::thread_rng(), &s.messages, &s.keypair.secret_key, &s.params)
            .expect("sign")
    }

    fn verify(s: &Setup, sig: &Self::Sig) -> bool {
        sig.verify(&s.messages, s.prepared_pk.clone(), s.prepared_params.clone())
            .is_ok()
    }

    fn prove(s: &Setup, sig: &Self::Sig, disclosed: &[usize]) -> Self::Proof {
        let mut rng = rand::thread_rng();
        let mbi = s.messages.iter().enumerate().map(|(i, m)| {
            if disclosed.contains(&i) {
                MessageOrBlinding::RevealMessage(m)
            } else {
                MessageOrBlinding::BlindMessageRandomly(m)
            }
        });
        let protocol = PoKOfSignature23G1Protocol::init(&mut rng, sig, &s.params, mbi)
            .expect("pok init");
        let rev = revealed(s, disclosed);
        let mut bytes = Vec::new();
        protocol
            .challenge_contribution(&rev, &s.params, &mut bytes)
            .expect("challenge contribution");
        bytes.extend_from_slice(&s.ph);
        let c = compute_random_oracle_challenge::<Fr, Sha256>(&bytes);
        protocol.gen_proof(&c).expect("gen proof")
    }

    fn verify_proof(s: &Setup, proof: &Self::Proof, disclosed: &[usize]) -> bool {
        let rev = revealed(s, disclosed);
        let c = challenge(proof, &rev, &s.params, &s.ph);
        proof
            .verify(&rev, &c, s.prepared_pk.clone(), s.prepared_params.clone())
            .is_ok()
    }

    fn tamper(s: &mut Setup, idx: usize) {
        s.messages[idx] += Fr::from(1u64);
    }
}
