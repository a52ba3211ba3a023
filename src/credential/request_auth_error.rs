//! [`RequestAuthError`]: why a verifier identity, a verifier registry or a signed presentation
//! request was refused. Each refusal of the wallet's request check has its own variant, so a
//! caller (and a test) can tell a forged request from an unknown verifier or a stolen scope.

use super::json::clip;
use super::text::TextError;
use thiserror::Error;

/// A refused verifier key, verifier registry entry or signed request.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RequestAuthError {
    /// A plain presentation request where a signed one is required: anyone can write a plain
    /// request in any verifier's name, so the wallet answers none.
    #[error("the request is not signed: a wallet answers only requests signed by a verifier of its verifier registry")]
    Unsigned,
    /// The request names a verifier that the wallet's verifier registry does not list.
    #[error("verifier '{}' is not in the verifier registry", clip(.0))]
    UnknownVerifier(String),
    /// The request's content does not hash to the request id that was signed: it was changed
    /// after signing.
    #[error("the request was tampered with: its content hashes to {derived}, the signed request id is {stated}")]
    Tampered {
        /// The request id written in the signed request.
        stated: String,
        /// The id of the request as received.
        derived: String,
    },
    /// The signature does not verify under the registered key of the named verifier (forged,
    /// made with another key, or the request was changed together with its id).
    #[error(
        "bad signature: the request does not verify under the key of verifier '{}'",
        clip(.0)
    )]
    BadSignature(String),
    /// The request asks for a pseudonym scope that its verifier does not own.
    #[error(
        "verifier '{}' does not own pseudonym scope '{}'{}",
        clip(.verifier), clip(.scope), owner_note(.owner)
    )]
    ScopeNotOwned {
        /// The (authenticated) verifier that asked.
        verifier: String,
        /// The scope asked for.
        scope: String,
        /// The verifier that owns the scope in the registry, if any.
        owner: Option<String>,
    },
    /// A request signed, or checked, with the key of another verifier than the one it names.
    #[error(
        "the request names verifier '{}', the key is verifier '{}'s",
        clip(.named), clip(.key)
    )]
    WrongVerifier {
        /// The verifier id in the request.
        named: String,
        /// The verifier id of the key.
        key: String,
    },
    /// A verifier id outside `a-z 0-9 . _ -` (1-128, starting with a letter or digit).
    #[error(
        "invalid verifier id '{}': use 1-128 characters a-z 0-9 . _ -, starting with a \
         letter or digit",
        clip(.0)
    )]
    InvalidVerifierId(String),
    /// A verifier display name that is empty, too long, or contains a control,
    /// bidirectional formatting or invisible character ([`super::text::check_text`]).
    #[error(
        "invalid verifier name '{}': {}; use 1-256 printable characters (no control, \
         bidirectional or invisible ones)",
        clip(.name), .problem
    )]
    InvalidVerifierName {
        /// The name given.
        name: String,
        /// What is wrong with it.
        problem: TextError,
    },
    /// A scope name that is empty, too long, or contains a control, bidirectional formatting
    /// or invisible character ([`super::text::check_text`]).
    #[error(
        "invalid pseudonym scope '{}': {}; use 1-256 printable characters (no control, \
         bidirectional or invisible ones)",
        clip(.scope), .problem
    )]
    InvalidScope {
        /// The scope given.
        scope: String,
        /// What is wrong with it.
        problem: TextError,
    },
    /// A verifier that lists one scope twice.
    #[error("verifier '{}' lists scope '{}' twice", clip(.verifier), clip(.scope))]
    DuplicateScope {
        /// The verifier.
        verifier: String,
        /// The scope.
        scope: String,
    },
    /// A verifier with more scopes than [`super::verifier_identity::MAX_SCOPES`].
    #[error(
        "verifier '{}' has more than {max} scopes",
        clip(.0),
        max = super::verifier_identity::MAX_SCOPES
    )]
    TooManyScopes(String),
    /// A public key that is not a valid Ed25519 point, or a weak (small-order) one, under
    /// which signatures could be forged.
    #[error("invalid verifier public key: {0}")]
    InvalidPublicKey(String),
    /// A verifier key file whose secret key does not belong to its public key.
    #[error("the secret key does not match the verifier's public key")]
    KeyMismatch,
    /// The same verifier id listed twice in a verifier registry.
    #[error("verifier '{}' is listed more than once", clip(.0))]
    DuplicateVerifier(String),
    /// A scope claimed by two verifiers of one registry: a scope belongs to one verifier.
    #[error(
        "scope '{}' of verifier '{}' already belongs to verifier '{}'",
        clip(.scope), clip(.claimant), clip(.owner)
    )]
    ScopeTaken {
        /// The scope.
        scope: String,
        /// The verifier that owns it.
        owner: String,
        /// The verifier that claims it too.
        claimant: String,
    },
}

fn owner_note(owner: &Option<String>) -> String {
    match owner {
        Some(o) => format!(" (it belongs to verifier '{}')", clip(o)),
        None => String::new(),
    }
}
