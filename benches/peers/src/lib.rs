//! Peer BBS implementations behind one small interface, so that
//! `benches/peers.rs` can time them side by side in one criterion run.
//!
//! Adding an implementation (e.g. zkcred): write a module implementing
//! [`Scheme`] (and optionally [`BlindScheme`] / [`NymScheme`]), then register
//! it in `benches/peers.rs` (see the `TODO(zkcred)` lines there).
//!
//! Conventions shared by every implementation:
//! * messages are random 32-byte strings ([`random_messages`]); a library that
//!   takes scalars gets them mapped to scalars in `setup` (untimed), a library
//!   that takes bytes maps them itself inside the timed call;
//! * header = 16 random bytes, presentation header / nonce = 32 random bytes
//!   (used where the API accepts them);
//! * `disclosed` indices are 0-based message indices.
#![forbid(unsafe_code)]

use rand::RngCore;

pub mod bbs_plus;
pub mod hyperledger_bbs;
pub mod zkryptium;
pub mod zkcred;

/// Plain sign / verify / selective-disclosure proof.
pub trait Scheme {
    /// Name shown by criterion as the function id inside each group.
    const NAME: &'static str;
    /// Keys, messages, header, presentation header: created untimed.
    type Setup;
    type Sig;
    type Proof;

    /// Key generation + `l` random messages (untimed).
    fn setup(l: usize) -> Self::Setup;
    fn sign(s: &Self::Setup) -> Self::Sig;
    fn verify(s: &Self::Setup, sig: &Self::Sig) -> bool;
    /// Proof of knowledge of `sig`, revealing the messages at `disclosed`.
    fn prove(s: &Self::Setup, sig: &Self::Sig, disclosed: &[usize]) -> Self::Proof;
    /// Verifier side: the disclosed messages are taken from `s`.
    fn verify_proof(s: &Self::Setup, proof: &Self::Proof, disclosed: &[usize]) -> bool;
    /// Replace message `idx` in `s` by a different value (keys unchanged).
    /// Used only by the correctness check, never timed.
    fn tamper(s: &mut Self::Setup, idx: usize);
}

/// Blind issuance: the holder commits to `committed` of the `l` messages,
/// the signer signs the commitment plus the remaining `l - committed`.
pub trait BlindScheme {
    const NAME: &'static str;
    type Setup;
    /// Commitment (with its proof) plus the holder's secret blinding.
    type Commitment;
    type BlindSig;

    fn blind_setup(l: usize, committed: usize) -> Self::Setup;
    /// Holder: commit to the hidden messages (incl. proof of knowledge).
    fn commit(s: &Self::Setup) -> Self::Commitment;
    /// Signer: check the commitment proof and sign.
    fn blind_sign(s: &Self::Setup, c: &Self::Commitment) -> Self::BlindSig;
    /// Holder: verify (and, where needed, finalise) the blind signature.
    fn verify_blind(s: &Self::Setup, c: &Self::Commitment, sig: &Self::BlindSig) -> bool;
}

/// Pseudonyms / per-verifier linkability on top of blind issuance.
pub trait NymScheme {
    const NAME: &'static str;
    type Setup;
    type Commitment;
    /// Finalised signature (and, where the scheme has them, nym secrets).
    type NymSig;
    /// Proof together with the pseudonym it exposes.
    type NymProof;

    fn nym_setup(l: usize, committed: usize) -> Self::Setup;
    fn nym_commit(s: &Self::Setup) -> Self::Commitment;
    /// Signer side only (the holder's finalisation is not included).
    fn nym_blind_sign(s: &Self::Setup, c: &Self::Commitment) -> Self::NymSig;
    /// Holder: verify + finalise the blind signature (untimed in benches).
    fn nym_finalize(s: &Self::Setup, c: &Self::Commitment, sig: Self::NymSig) -> Self::NymSig;
    /// `disclosed` indexes the signer-known messages.
    fn nym_prove(
        s: &Self::Setup,
        c: &Self::Commitment,
        sig: &Self::NymSig,
        disclosed: &[usize],
    ) -> Self::NymProof;
    fn nym_verify_proof(s: &Self::Setup, proof: &Self::NymProof, disclosed: &[usize]) -> bool;
    /// Replace signer-known message `idx` (correctness check only).
    fn nym_tamper(s: &mut Self::Setup, idx: usize);
}

/// `len` random bytes.
pub fn random_bytes(len: usize) -> Vec<u8> {
    let mut v = vec![0u8; len];
    rand::thread_rng().fill_bytes(&mut v);
    v
}

/// `l` random 32-byte messages.
pub fn random_messages(l: usize) -> Vec<Vec<u8>> {
    (0..l).map(|_| random_bytes(32)).collect()
}

/// A different 32-byte message (flip all bits of the first byte).
pub fn tampered(msg: &[u8]) -> Vec<u8> {
    let mut m = msg.to_vec();
    m[0] ^= 0xff;
    m
}

/// Untimed sanity check run before any benchmark of `S`: a fresh signature and
/// proof verify, and fail once a (disclosed) message is tampered with.
pub fn check_scheme<S: Scheme>(l: usize, disclosed: &[usize]) {
    let mut s = S::setup(l);
    let sig = S::sign(&s);
    assert!(S::verify(&s, &sig), "{}: fresh signature rejected (L={l})", S::NAME);
    let proof = S::prove(&s, &sig, disclosed);
    assert!(
        S::verify_proof(&s, &proof, disclosed),
        "{}: fresh proof rejected (L={l})",
        S::NAME
    );
    S::tamper(&mut s, disclosed[0]);
    assert!(!S::verify(&s, &sig), "{}: signature on tampered message accepted", S::NAME);
    assert!(
        !S::verify_proof(&s, &proof, disclosed),
        "{}: proof with tampered disclosed message accepted",
        S::NAME
    );
    eprintln!("check ok: {} L={l} R={}", S::NAME, disclosed.len());
}

/// Untimed sanity check for [`BlindScheme`].
pub fn check_blind<B: BlindScheme>(l: usize, committed: usize) {
    let s = B::blind_setup(l, committed);
    let c = B::commit(&s);
    let sig = B::blind_sign(&s, &c);
    assert!(B::verify_blind(&s, &c, &sig), "{}: fresh blind signature rejected", B::NAME);
    let s2 = B::blind_setup(l, committed); // other messages, other keys
    assert!(!B::verify_blind(&s2, &c, &sig), "{}: blind signature accepted for wrong messages", B::NAME);
    eprintln!("check ok: {} blind L={l} committed={committed}", B::NAME);
}

/// Untimed sanity check for [`NymScheme`].
pub fn check_nym<N: NymScheme>(l: usize, committed: usize, disclosed: &[usize]) {
    let mut s = N::nym_setup(l, committed);
    let c = N::nym_commit(&s);
    let sig = N::nym_finalize(&s, &c, N::nym_blind_sign(&s, &c));
    let proof = N::nym_prove(&s, &c, &sig, disclosed);
    assert!(N::nym_verify_proof(&s, &proof, disclosed), "{}: fresh nym proof rejected", N::NAME);
    N::nym_tamper(&mut s, disclosed[0]);
    assert!(
        !N::nym_verify_proof(&s, &proof, disclosed),
        "{}: nym proof with tampered disclosed message accepted",
        N::NAME
    );
    eprintln!("check ok: {} nym L={l} committed={committed}", N::NAME);
}
