//! [`PresentationError`]: every failure of issuance, the wallet, presentations and the
//! verifier, one line each naming the check that failed.

use super::error::{CredentialError, ReplayError};
use super::json::clip;
use super::request_auth_error::RequestAuthError;
use super::timestamp::Timestamp;
use crate::predicate::PredicateError;
use thiserror::Error;

/// Everything that can go wrong in blind issuance, in the holder's wallet, when building or
/// checking a presentation request, or when verifying a presentation. Untrusted input never
/// panics; it gives one of these.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PresentationError {
    /// Text that is not JSON, or JSON of the wrong shape or version.
    #[error("malformed JSON: {0}")]
    MalformedJson(String),
    /// A schema id that the verifier (or the caller) does not know.
    #[error("unknown schema {0}")]
    UnknownSchema(String),
    /// A credential signed by an issuer that is not in the verifier's trust registry.
    #[error("untrusted issuer {0}: not in the trust registry")]
    UntrustedIssuer(String),
    /// A trusted issuer that the request's policy for this credential does not accept.
    #[error(
        "credential '{}': issuer {} is not accepted by the request",
        clip(.label), .issuer
    )]
    IssuerNotAccepted {
        /// The credential's label in the request.
        label: String,
        /// The issuer's id.
        issuer: String,
    },
    /// A credential signed by a trusted issuer that the trust registry does not authorise
    /// for the credential's schema (whatever the request accepts).
    #[error(
        "credential '{}': issuer {} is not authorised to issue schema {}",
        clip(.label), .issuer, .schema
    )]
    IssuerNotAuthorised {
        /// The credential's label in the request.
        label: String,
        /// The issuer's id.
        issuer: String,
        /// The schema id.
        schema: String,
    },
    /// A request answered or verified after its window ([`super::window`]): `now` (the
    /// wallet's or verifier's clock) is past `valid_until` plus
    /// [`super::window::CLOCK_SKEW`]. Not an invalid request: an old one.
    #[error("request expired at {valid_until} (now {now}): ask the verifier for a new request")]
    RequestExpired {
        /// The request's `valid_until`.
        valid_until: Timestamp,
        /// The clock of the refusing party.
        now: Timestamp,
    },
    /// A request answered or verified before its window: `now` is before `made_at` minus
    /// [`super::window::CLOCK_SKEW`] (a clock far behind the verifier's).
    #[error("request is not valid yet: made at {made_at}, now {now} (is a clock wrong?)")]
    RequestNotYetValid {
        /// The request's `made_at`.
        made_at: Timestamp,
        /// The clock of the refusing party.
        now: Timestamp,
    },
    /// The verifier or wallet has no usable clock to check the request's window against.
    #[error("no usable clock: {0}")]
    NoClock(String),
    /// A credential whose validity starts after the request's date.
    #[error(
        "credential '{}' is not yet valid on {}: issued on {}",
        clip(.label), .date, .issued_on
    )]
    NotYetValid {
        /// The credential's label in the request.
        label: String,
        /// The request's date, `YYYY-MM-DD`.
        date: String,
        /// Its issuance date, `YYYY-MM-DD` (or "a later day" when hidden).
        issued_on: String,
    },
    /// A presentation without the proofs of the validity defaults (not expired, already
    /// issued) that every request implies.
    #[error(
        "credential '{}': the validity proofs are missing ({} of the request's \
         default expiry/issuance statements)",
        clip(.label), .missing
    )]
    MissingValidityProof {
        /// The credential's label in the request.
        label: String,
        /// How many validity proofs are missing.
        missing: usize,
    },
    /// A credential that has expired on the day the request or the verifier asks about.
    #[error(
        "credential '{}' expired on {}",
        clip(.label), .expires_on
    )]
    CredentialExpired {
        /// The credential's label in the request.
        label: String,
        /// Its expiry date, `YYYY-MM-DD` (or "a hidden date before ...").
        expires_on: String,
    },
    /// A predicate asked on a disclosed attribute does not hold for the disclosed value.
    #[error(
        "credential '{}': the disclosed value {} of '{}' does not satisfy '{}'",
        clip(.label), clip(.value), clip(.attribute), .predicate
    )]
    DisclosedPredicateFalse {
        /// The credential's label in the request.
        label: String,
        /// The attribute.
        attribute: String,
        /// The disclosed value, as text.
        value: String,
        /// The predicate's description ([`super::request::AttributePredicate::describe`]).
        predicate: String,
    },
    /// The predicate keys have no key for the circuit of a requested predicate (keys made for
    /// another request, or for none).
    #[error(
        "credential '{}': the predicate keys have no key for circuit {} of predicate '{}': \
         use the keys made with this request",
        clip(.label), .circuit, .predicate
    )]
    MissingKey {
        /// The credential's label in the request.
        label: String,
        /// The predicate's description ([`super::request::AttributePredicate::describe`]).
        predicate: String,
        /// The circuit id.
        circuit: String,
    },
    /// The holder cannot answer a requested credential; `reason` says why.
    #[error(
        "cannot satisfy credential '{}': {}",
        clip(.label), .reason
    )]
    CannotSatisfy {
        /// The credential's label in the request.
        label: String,
        /// Human-readable reason.
        reason: String,
    },
    /// The wallet refused the request: unsigned, forged, tampered, from an unknown verifier,
    /// or asking for a scope its verifier does not own.
    #[error("untrusted request: {0}")]
    RequestAuth(RequestAuthError),
    /// The nonce was accepted before by this verifier.
    #[error(
        "replayed nonce for verifier '{}'",
        clip(.0)
    )]
    ReplayedNonce(String),
    /// The nonce store refused the nonce for another reason (length, full, unavailable).
    #[error("nonce refused: {0}")]
    Nonce(ReplayError),
    /// The presentation answers another request (id, labels, schemas, disclosure, scope).
    #[error("presentation does not answer this request: {0}")]
    RequestMismatch(String),
    /// A cryptographic or consistency check on the presentation failed.
    #[error(
        "presentation rejected: credential '{}': {}",
        clip(.label), .check
    )]
    Tampered {
        /// The credential's label (or "presentation" for presentation-wide checks).
        label: String,
        /// The failed check.
        check: String,
    },
    /// A request that is not well formed (duplicate label, unknown attribute, predicate on an
    /// attribute of the wrong kind, ...).
    #[error("invalid request: {0}")]
    InvalidRequest(String),
    /// Blind issuance failed (bad commitment, unknown pending request, bad signature).
    #[error("issuance failed: {0}")]
    Issuance(String),
    /// The issuer public info given with an issued credential is another issuer's than the
    /// one that signed the credential.
    #[error(
        "the credential was issued by issuer {credential}, but the issuer given is {given}: \
         give the public info of issuer {credential}"
    )]
    WrongIssuerInfo {
        /// The id of the issuer that signed the credential.
        credential: String,
        /// The id of the issuer given.
        given: String,
    },
    /// The schema given with an issued credential is not the credential's schema.
    #[error(
        "the credential is of schema {credential}, but the schema given is {given}: give \
         schema {credential}"
    )]
    WrongSchema {
        /// The credential's schema id.
        credential: String,
        /// The id of the schema given.
        given: String,
    },
    /// No credential with this id in the wallet.
    #[error("unknown credential {0}")]
    UnknownCredential(String),
    /// An error of the credential layer (schemas, encodings, issuers).
    #[error(transparent)]
    Credential(CredentialError),
    /// An error of the predicate layer (keys, proving).
    #[error("predicate: {0}")]
    Predicate(PredicateError),
    /// An error of the BBS layer outside a verification.
    #[error("BBS: {0}")]
    Bbs(zkcred_bbs::Error),
}

impl From<CredentialError> for PresentationError {
    fn from(e: CredentialError) -> Self {
        match e {
            CredentialError::MalformedJson(m) => PresentationError::MalformedJson(m),
            CredentialError::MissingVersion | CredentialError::UnsupportedVersion(_) => {
                PresentationError::MalformedJson(e.to_string())
            }
            CredentialError::Replay(r) => r.into(),
            CredentialError::RequestAuth(a) => PresentationError::RequestAuth(a),
            other => PresentationError::Credential(other),
        }
    }
}

impl From<ReplayError> for PresentationError {
    fn from(e: ReplayError) -> Self {
        match e {
            ReplayError::Replayed(v) => PresentationError::ReplayedNonce(v),
            other => PresentationError::Nonce(other),
        }
    }
}

impl From<RequestAuthError> for PresentationError {
    fn from(e: RequestAuthError) -> Self {
        PresentationError::RequestAuth(e)
    }
}

impl From<PredicateError> for PresentationError {
    fn from(e: PredicateError) -> Self {
        PresentationError::Predicate(e)
    }
}

impl From<zkcred_bbs::Error> for PresentationError {
    fn from(e: zkcred_bbs::Error) -> Self {
        PresentationError::Bbs(e)
    }
}

impl From<serde_json::Error> for PresentationError {
    fn from(e: serde_json::Error) -> Self {
        PresentationError::MalformedJson(crate::credential::json::clip_to(&e.to_string(), 200))
    }
}

/// Result with [`PresentationError`].
pub type PresentationResult<T> = core::result::Result<T, PresentationError>;
