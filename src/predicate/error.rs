//! Typed errors of linked predicate proofs: every variant names the check that failed, and
//! where a statement is involved, its position in the request.

use zkcred_circuits::CircuitError;
use zkcred_snark::{CircuitId, SnarkError};

/// Everything that can go wrong when proving or verifying a presentation with predicates.
///
/// Which verifier check catches which change to an honest presentation (the verifier runs the
/// Groth16 checks before the BBS proof, so the more specific error wins):
///
/// | changed | error |
/// |---|---|
/// | `A`, `B`, `C`, `D`, a public parameter (the verifier asks for another statement) | [`PredicateError::Groth16`] with [`SnarkError::PairingCheckFailed`] |
/// | `v^`, the nonce / `ph`, the header, a disclosed value, an attachment moved from another presentation, a valid Groth16 proof over another value than the signed one | [`PredicateError::BbsProof`] with `ChallengeMismatch` (the rebuilt `T_D` and `ph` differ) |
/// | a disclosed value that fails a predicate asked on it | [`PredicateError::DisclosedPredicateFalse`] |
/// | number of attachments | [`PredicateError::AttachmentCount`] |
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PredicateError {
    /// The holder refuses to prove a statement that is false for its credential.
    #[error(
        "statement {statement} ({predicate}) is false for the credential's message; refusing \
         to prove it"
    )]
    StatementFalse {
        /// Position of the statement in the request.
        statement: usize,
        /// The predicate, as text (bounds as the dates and integers they encode).
        predicate: String,
    },
    /// A predicate asked on a disclosed message does not hold for the disclosed value.
    #[error(
        "statement {statement} ({predicate}) is false for the disclosed value of message {index}"
    )]
    DisclosedPredicateFalse {
        /// Position of the statement in the request.
        statement: usize,
        /// Message index.
        index: usize,
        /// The predicate, as text (bounds as the dates and integers they encode).
        predicate: String,
    },
    /// A statement names a message the credential does not have.
    #[error("statement {statement} names message {index}, but the credential has {count}")]
    MessageIndexOutOfRange {
        /// Position of the statement in the request.
        statement: usize,
        /// Message index given.
        index: usize,
        /// Number of messages.
        count: usize,
    },
    /// The predicate's parameters are invalid (empty set, bound outside the domain, ...).
    #[error("statement {statement}: invalid predicate: {source}")]
    InvalidPredicate {
        /// Position of the statement in the request.
        statement: usize,
        /// The circuit's complaint.
        source: CircuitError,
    },
    /// No key for the circuit a statement needs.
    #[error("statement {statement}: no key for circuit {circuit}")]
    MissingKey {
        /// Position of the statement in the request.
        statement: usize,
        /// The circuit id the predicate needs.
        circuit: CircuitId,
    },
    /// A key does not have the shape of the predicate's circuit (t = 1, k public parameters).
    #[error("statement {statement}: key for circuit {circuit} has the wrong shape")]
    KeyShape {
        /// Position of the statement in the request.
        statement: usize,
        /// The circuit id.
        circuit: CircuitId,
    },
    /// The holder's checks refused a key ([`zkcred_snark::check_key_structure`]): a query
    /// point that is not the right function of one trapdoor for the circuit (the named
    /// structure check), missing powers of tau, identity or repeated IC base, point outside
    /// the subgroup, inconsistent proving and verifying keys, ...
    #[error("key for circuit {circuit} refused: {source}")]
    KeyCheck {
        /// The key's circuit id.
        circuit: CircuitId,
        /// The failed check.
        source: SnarkError,
    },
    /// Groth16 setup or proving failed on the holder's side.
    #[error("statement {statement}: proving failed: {source}")]
    Prove {
        /// Position of the statement in the request.
        statement: usize,
        /// The snark layer's error.
        source: SnarkError,
    },
    /// Groth16 setup failed.
    #[error("setup of circuit {circuit} failed: {source}")]
    Setup {
        /// The circuit id.
        circuit: CircuitId,
        /// The snark layer's error.
        source: SnarkError,
    },
    /// The number of attachments differs from the number of predicates on hidden messages.
    #[error("expected {expected} predicate attachments, got {got}")]
    AttachmentCount {
        /// Predicates on hidden messages in the request.
        expected: usize,
        /// Attachments in the presentation.
        got: usize,
    },
    /// An attachment's Groth16 proof does not verify (points, public parameters, pairing).
    #[error("statement {statement}: Groth16 proof rejected: {source}")]
    Groth16 {
        /// Position of the statement in the request.
        statement: usize,
        /// The failed check.
        source: SnarkError,
    },
    /// An attachment's opening of `D` could not be recomputed (D invalid or the identity).
    #[error("statement {statement}: opening of D rejected: {source}")]
    Opening {
        /// Position of the statement in the request.
        statement: usize,
        /// The failed check.
        source: SnarkError,
    },
    /// The BBS proof does not verify. `ChallengeMismatch` here also means that a link failed:
    /// the challenge covers every attachment and its rebuilt `T_D`.
    #[error("BBS proof rejected: {0}")]
    BbsProof(zkcred_bbs::Error),
    /// The BBS layer refused the holder's inputs (signature, messages, indexes).
    #[error("BBS proof generation failed: {0}")]
    Bbs(zkcred_bbs::Error),
    /// The BBS proof's octets in a presentation are malformed.
    #[error("malformed BBS proof encoding: {0}")]
    BbsEncoding(zkcred_bbs::Error),
    /// An attachment's octets are malformed (point not in the subgroup, scalar >= r, ...).
    #[error("malformed attachment {attachment}: {source}")]
    AttachmentEncoding {
        /// Position of the attachment.
        attachment: usize,
        /// The decoder's complaint.
        source: SnarkError,
    },
    /// A presentation's bytes are too short for the number of attachments expected.
    #[error("{got} bytes are too short for a presentation with {attachments} attachments")]
    EncodingLength {
        /// Bytes given.
        got: usize,
        /// Attachments expected.
        attachments: usize,
    },
}

/// Result with [`PredicateError`].
pub type Result<T> = core::result::Result<T, PredicateError>;
