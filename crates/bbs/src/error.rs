//! Typed errors of the BBS crate. Nothing in this crate panics on untrusted input.

use thiserror::Error;

/// Everything that can go wrong when decoding, signing, proving or verifying.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum Error {
    /// An octet string has the wrong length.
    #[error("{what}: expected {expected} bytes, got {got}")]
    InvalidLength {
        /// What was being decoded.
        what: &'static str,
        /// Expected length in bytes.
        expected: usize,
        /// Actual length in bytes.
        got: usize,
    },
    /// A proof's length is not 272 + 32·U bytes.
    #[error("proof length {0} is not 272 + 32k bytes")]
    InvalidProofLength(usize),
    /// A point encoding is malformed: bad flag bits, x not canonical, off the curve or outside
    /// the prime-order subgroup.
    #[error("{0}: malformed point (bad flags, not on the curve or not in the subgroup)")]
    MalformedPoint(&'static str),
    /// The identity point where the draft forbids it.
    #[error("{0}: identity point not allowed")]
    IdentityPoint(&'static str),
    /// A scalar that must be in [1, r-1] is zero.
    #[error("{0}: scalar is zero")]
    ZeroScalar(&'static str),
    /// A scalar encoding is not canonical (its value is >= r).
    #[error("{0}: scalar is not canonical (>= r)")]
    NonCanonicalScalar(&'static str),
    /// Disclosed indexes are not strictly ascending.
    #[error("indexes are not in ascending order")]
    UnsortedIndexes,
    /// A disclosed index appears twice.
    #[error("index {0} appears more than once")]
    DuplicateIndex(usize),
    /// An index is not below the number of messages.
    #[error("index {index} is out of range for {count} messages")]
    IndexOutOfRange {
        /// The offending index.
        index: usize,
        /// The number of messages.
        count: usize,
    },
    /// The number of disclosed messages does not match the number of disclosed indexes.
    #[error("{indexes} indexes but {messages} messages")]
    DisclosedCountMismatch {
        /// Number of indexes given.
        indexes: usize,
        /// Number of messages given.
        messages: usize,
    },
    /// More messages than this context was created for (and than generators exist for).
    #[error("{got} messages exceed the maximum of {max} this context was created for")]
    TooManyMessages {
        /// The context's maximum.
        max: usize,
        /// The number asked for.
        got: usize,
    },
    /// A blinding was fixed for a message that is disclosed or does not exist.
    #[error("blinding given for message {0}, which is not a hidden message")]
    BlindingForDisclosedMessage(usize),
    /// Wrong number of random scalars supplied to proof generation.
    #[error("expected {expected} random scalars, got {got}")]
    RandomScalarCount {
        /// Expected count (5 + U).
        expected: usize,
        /// Supplied count.
        got: usize,
    },
    /// Key material shorter than 32 bytes.
    #[error("key material must be at least 32 bytes")]
    KeyMaterialTooShort,
    /// key_info longer than 65535 bytes.
    #[error("key info must be at most 65535 bytes")]
    KeyInfoTooLong,
    /// A domain separation tag longer than 255 bytes.
    #[error("domain separation tag longer than 255 bytes")]
    DstTooLong,
    /// expand_message asked for an output it cannot give (len > 65535 or > 255 blocks).
    #[error("expand_message output length {0} not supported")]
    ExpandLength(usize),
    /// A derived value is degenerate (SK + e = 0, A = identity, ...): probability ~2^-255.
    #[error("degenerate value: {0}")]
    Degenerate(&'static str),
    /// Hash-to-curve failed (cannot happen for valid parameters).
    #[error("hash to curve failed")]
    HashToCurve,
    /// A hex string could not be decoded.
    #[error("invalid hex: {0}")]
    Hex(String),
    /// The signature does not verify.
    #[error("signature is invalid")]
    InvalidSignature,
    /// The proof's challenge does not match the recomputed one.
    #[error("proof is invalid: challenge mismatch")]
    ChallengeMismatch,
    /// The proof's pairing equation does not hold.
    #[error("proof is invalid: pairing check failed")]
    PairingCheckFailed,
    /// Batch verification failed; the indexes of the failing items are listed.
    #[error("batch verification failed for items {failed:?}")]
    BatchFailed {
        /// Indexes (into the batch) of the proofs that do not verify.
        failed: Vec<usize>,
    },
    /// A blind commitment's proof of knowledge does not verify (blind draft CommitVerify).
    #[error("commitment is invalid: its proof of knowledge does not verify")]
    InvalidCommitment,
    /// The number of nym secrets N is 0 or does not fit the commitment or proof it is used with.
    #[error("nym count {nyms} is invalid here (at most {available} slots, at least 1)")]
    WrongNymCount {
        /// The N given.
        nyms: usize,
        /// The number of committed slots available for nym secrets.
        available: usize,
    },
    /// An accepted issuer set (issuer hiding) is empty or larger than the bound, or a proof's
    /// OR-proof has another number of branches.
    #[error("issuer set of {got} keys: must be 1 to {max}")]
    IssuerCount {
        /// The largest set accepted.
        max: usize,
        /// The size given.
        got: usize,
    },
    /// The holder's issuer is not in the accepted set (index out of range).
    #[error("issuer index {index} is not in an accepted set of {count}")]
    IssuerIndex {
        /// The index given.
        index: usize,
        /// The size of the set.
        count: usize,
    },
    /// The same issuer key appears twice in an accepted set.
    #[error("issuer {0} appears more than once in the accepted set")]
    DuplicateIssuer(usize),
    /// An issuer-hiding key X does not match the issuer's W: e(X, BP2) != e(U, W).
    #[error("issuer-hiding key X does not match the public key W")]
    InvalidIssuerKey,
    /// Keys, sets or proofs of different ciphersuites used together.
    #[error("ciphersuite mismatch")]
    SuiteMismatch,
    /// The branch challenges of an OR-proof do not sum to the proof's challenge.
    #[error("OR-proof challenges do not sum to the challenge")]
    OrChallengeSum,
    /// A one-out-of-many proof's equations do not hold under the challenge.
    #[error("one-out-of-many proof does not verify")]
    MembershipFailed,
    /// The proof's OR-proof has another number of branches than the accepted set has issuers.
    #[error("proof is for {got} issuers, the accepted set has {expected}")]
    IssuerSetMismatch {
        /// Size of the verifier's accepted set.
        expected: usize,
        /// Number of branches in the proof.
        got: usize,
    },
}

/// Result alias of this crate.
pub type Result<T> = core::result::Result<T, Error>;
