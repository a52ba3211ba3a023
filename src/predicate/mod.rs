//! Linked predicate proofs: one BBS proof of a credential plus Groth16 proofs of predicates on
//! its hidden messages ("at least 18", "province in this set"), all under one challenge.
//!
//! For a predicate on hidden message `m_j` (DESIGN, "Predicates: Groth16 with committed
//! inputs"), with `IC` the Groth16 verifying key's input bases:
//!
//! ```text
//! holder:   D = m_j·IC_1 + v·IC_2,  Groth16 proof (A, B, C) of the circuit with input (D, p)
//!           T_D = m~_j·IC_1 + v~·IC_2      (m~_j: the BBS proof's blinding of m_j)
//!           c = BBS challenge(ph || for each predicate: id, j, p, A, B, C, D, T_D)
//!           v^ = v~ + c·v;   the BBS proof carries m^_j = m~_j + c·m_j
//! verifier: Groth16 verify(A, B, C; IC_0 + D + Σ p_i·IC_{2+i})
//!           T_D' = m^_j·IC_1 + v^·IC_2 − c·D, and the BBS proof with ph' built from T_D'
//! ```
//!
//! The BBS challenge matches only if `T_D' = T_D` for every predicate, which (Schnorr special
//! soundness) means each `D` opens to the signed `m_j`: a valid Groth16 proof over any other
//! value is rejected. Predicates on the same message share `m~_j`, so `18 ≤ age < 25` can be
//! two predicates or one range. Predicates on disclosed messages need no proof: the verifier
//! evaluates them on the disclosed value.
//!
//! A presentation is the BBS proof and `(A, B, C, D, v^)` per predicate on a hidden message:
//! 272 bytes each ([`presentation`]); the statements themselves are the verifier's request.
//!
//! # Example
//!
//! ```
//! use rand_chacha::{rand_core::SeedableRng, ChaCha20Rng};
//! use zkcred::bbs::{Bbs, Ciphersuite, KeyPair};
//! use zkcred::predicate::{
//!     prove_with_predicates, scalar_from_code, scalar_from_date, verify_with_predicates,
//!     Predicate, PredicateKeys, PredicatePresentation, PredicateStatement,
//! };
//! use zkcred::predicate::Date;
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let mut rng = ChaCha20Rng::seed_from_u64(7);
//! let suite = Ciphersuite::Bls12381Sha256;
//! let bbs = Bbs::new(suite, 3)?;
//!
//! // Issuer: a credential (name, birth date, province code).
//! let issuer = KeyPair::random(suite, &mut rng)?;
//! let messages = [
//!     bbs.message_to_scalar(b"Ada")?,
//!     scalar_from_date(Date::new(2006, 5, 17)?),
//!     scalar_from_code(12),
//! ];
//! let sig = bbs.sign_scalars(&issuer.secret, &issuer.public, b"schema", &messages)?;
//!
//! // Verifier: the request (disclose the province; birth date hidden, at least 18 today)
//! // and the Groth16 keys for its predicates.
//! let statements = [PredicateStatement::new(1, Predicate::age_at_least(Date::new(2024, 5, 17)?, 18))];
//! let disclosed = [2];
//! let keys = PredicateKeys::setup(&[statements[0].predicate.clone()], &mut rng)?;
//! let nonce = b"verifier-42/nonce-0001";
//!
//! // Holder: check the keys, prove.
//! let holder_keys = keys.holder_keys()?;
//! let presentation = prove_with_predicates(
//!     &bbs, &issuer.public, &sig, b"schema", &messages, &disclosed, &statements,
//!     &holder_keys, nonce, &mut rng,
//! )?;
//! let bytes = presentation.to_bytes();
//! assert_eq!(bytes.len(), 272 + 32 * 2 + 272);
//!
//! // Verifier.
//! let presentation = PredicatePresentation::from_bytes(&bytes, 1)?;
//! verify_with_predicates(
//!     &bbs, &issuer.public, &presentation, b"schema", nonce, &disclosed, &[messages[2]],
//!     &statements, &keys.verifier_keys(),
//! )?;
//! # Ok(())
//! # }
//! ```

#![deny(missing_docs)]

pub mod describe;
pub mod error;
pub mod keys;
pub mod presentation;
pub mod prove;
pub mod statement;
pub mod transcript;
pub mod verify;

pub use error::{PredicateError, Result};
pub use keys::{HolderKeys, PredicateKeys, VerifierKeys};
pub use presentation::{PredicateAttachment, PredicatePresentation, ATTACHMENT_LEN};
pub use prove::{prove_linked, prove_with_predicates, LinkedInit, LinkedProof};
pub use statement::{
    encode_code, scalar_from_code, scalar_from_date, scalar_from_i64, AnyCircuit, Predicate,
    PredicateStatement,
};
pub use verify::{
    verify_linked, verify_linked_deferred, verify_with_predicates, verify_with_predicates_deferred,
    DeferredPairings, LinkedCheck, ProofPoints,
};
pub use zkcred_circuits::{CmpOp, Date, LeapDayRule, SetLayout, ValueDomain};
