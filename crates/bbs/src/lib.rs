//! # zkcred-bbs
//!
//! BBS signatures as specified by the IRTF CFRG draft
//! [draft-irtf-cfrg-bbs-signatures](https://datatracker.ietf.org/doc/draft-irtf-cfrg-bbs-signatures/)
//! (fixtures of -06 to -09), for both ciphersuites BLS12-381-SHA-256 and BLS12-381-SHAKE-256,
//! on arkworks 0.6. Byte-compatible with the official test vectors.
//!
//! * [`SecretKey::keygen`], [`SecretKey::public_key`]: KeyGen and SkToPk (draft 3.4).
//! * [`Bbs`]: Sign, Verify, ProofGen, ProofVerify (draft 3.5) over octet-string messages, and
//!   the same over messages given as scalars (`*_scalars`), which credentials use for numbers.
//! * [`Bbs::batch_verify`]: many proofs, one multi-pairing.
//! * `*_deferred` ([`Bbs::proof_verify_deferred`], [`BlindBbs::proof_verify_deferred`],
//!   [`NymBbs::proof_verify_deferred`]): every check of ProofVerify but the pairing, whose
//!   equation e(Abar, W) · e(−Bbar, BP2) = 1 is returned as a [`PairingCheck`] to merge with
//!   other equations (other proofs, Groth16 proofs) into one multi-pairing
//!   ([`zkcred_pairing`]). The immediate verify functions are these, then the check.
//! * [`batch_verify_signatures`]: many signatures (core, blind or with nym secrets, any keys),
//!   one multi-pairing; each signature's [`SignatureTerms`] come from the same code as its
//!   single verify ([`Bbs::signature_terms`], [`BlindBbs::blind_sign_terms`],
//!   [`NymBbs::signature_terms_with_nym_secrets`]).
//! * [`BlindBbs`]: draft-irtf-cfrg-bbs-blind-signatures (vectors of -01/-02): Commit with its
//!   proof of knowledge, CommitVerify, BlindSign, VerifyBlindSign, and proofs over signer and
//!   committed messages (committed message j sits at combined index L + 1 + j).
//! * [`NymBbs`]: draft-irtf-cfrg-bbs-per-verifier-linkability-02: CommitWithNym,
//!   BlindSignWithNym, VerifyFinalizeWithNym, the pseudonym `OP(ctx)·Σ nym_k·z^k` of a context
//!   id, and ProofGen/ProofVerify with the pseudonym bound into the challenge, for N >= 1 nym
//!   secrets. Blind and pseudonym proofs have the same init / challenge / finalize split.
//!
//! * [`hidden`]: issuer hiding (not a draft): a core or pseudonym proof that the signature is
//!   from one of a set of accepted issuers, without saying which: randomised key
//!   (W', X'), e' = e − ρ, a hidden domain and a membership proof (CDS OR-proof for small
//!   sets, O(log N) one-out-of-many above) under the same challenge
//!   ([`Bbs::hidden_proof_gen`], [`BlindBbs::hidden_proof_gen`], [`NymBbs::hidden_proof_gen`]).
//!
//! Where the draft text and the official vectors disagree (the blind e hash, the KeyGen DST,
//! the pseudonym api_id), this crate follows the vectors.
//! * [`Signature`], [`Proof`], [`PublicKey`], [`SecretKey`]: the draft's octets
//!   (`to_bytes`/`from_bytes`) and serde as hex strings. `SecretKey` is zeroized on drop and
//!   its `Debug` prints nothing secret.
//!
//! ## Proof generation in three steps
//!
//! ProofGen (draft 3.6.3) is exposed as three steps so that other proofs can share its
//! challenge and its responses:
//!
//! 1. [`Bbs::proof_init`] / [`Bbs::proof_init_with_blindings`] → [`ProofInit`]: with random
//!    r1, r2, e~, r1~, r3~ and a blinding m~_j per hidden message,
//!    `D = B·r2`, `Abar = A·(r1·r2)`, `Bbar = D·r1 − Abar·e`, `T1 = Abar·e~ + D·r1~`,
//!    `T2 = D·r3~ + Σ_j H_j·m~_j`. The caller may fix m~_j of chosen hidden messages, or read
//!    them back with [`ProofInit::message_blinding`].
//! 2. [`ProofInit::challenge`]: `c = H2S(R || (i, m_i)_disclosed || Abar || Bbar || D || T1 ||
//!    T2 || domain || len(ph) || ph)`. Whatever must be bound to this proof (another proof's
//!    commitments, a nonce) goes into `ph`.
//! 3. [`ProofInit::finalize`]: `e^ = e~ + e·c`, `r1^ = r1~ − r1·c`, `r3^ = r3~ − r3·c` with
//!    `r3 = 1/r2`, and `m^_j = m~_j + c·m_j`.
//!
//! A Schnorr proof of another relation over the same m_j that uses the same m~_j and the same
//! c has m^_j as its response, which ties the two proofs to one value. ProofGen is exactly
//! these steps with fresh randomness, so its output is byte-for-byte the draft's.
//!
//! ## Performance
//!
//! Generators are derived once per process and get fixed-base tables (signed 7-bit windows);
//! every sum over generators is a table walk without doublings. Public keys keep their G2
//! pairing preparation. Each verification costs one multi-Miller loop and one final
//! exponentiation; a deferred one costs a share of a merged multi-Miller loop.
//!
//! ## Security notes
//!
//! Issuing is constant time in the secret key: KeyGen's reduction of the key material,
//! SkToPk's W = SK·BP2, the encoding of SK hashed into e, SK + e, its inverse and
//! A = B·1/(SK + e) run in blst's constant-time code (`ct_sign`, checked by the dudect bench
//! `dudect_sign`). arkworks' scalar multiplication, used elsewhere, is not constant time;
//! timing may leak information about the proof randomness to an attacker who measures it
//! precisely.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod batch;
pub mod blind;
mod context;
pub mod core_ops;
mod ct_sign;
pub mod error;
pub mod expand;
pub mod generators;
pub mod hash;
pub mod hidden;
mod indexes;
pub mod keys;
pub mod nym;
pub mod octets;
pub mod proof;
mod serde_hex;
pub mod signature;
pub mod suite;

pub use ark_bls12_381::Fr as Scalar;
pub use batch::proofs::BatchItem;
pub use batch::signatures::batch_verify_signatures;
pub use blind::{BlindBbs, BlindDisclosure, CommitmentWithProof, SecretProverBlind};
pub use context::{Bbs, MAX_MESSAGES};
pub use core_ops::SignatureTerms;
pub use error::{Error, Result};
pub use hidden::{AcceptedIssuers, HiddenIssuerProof, IssuerKey};
pub use keys::{KeyPair, PublicKey, SecretKey};
pub use nym::{NymBbs, NymProof, NymProofInit, NymSecrets, Pseudonym};
pub use proof::{Proof, ProofInit, ProofRandomness};
pub use signature::Signature;
pub use suite::{Ciphersuite, Interface};
pub use zkcred_pairing::PairingCheck;
