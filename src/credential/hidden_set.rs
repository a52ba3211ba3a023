//! The accepted set of a credential whose issuer is hidden (issue 11, docs/SECURITY.md §7):
//! which issuers it holds (resolved once, by the verifier, into the signed request) and their
//! keys `(W_i, X_i)` (taken by holder and verifier alike from their own registries).
//!
//! The set travels in the request as an ordered list of issuer ids
//! ([`super::CredentialRequest::hide_issuer_among`]): the order is part of the BBS statement
//! (the challenge hashes `(W_i || X_i)_i` in order), and the ids let each side look the keys
//! up in the registry it trusts instead of taking keys from the other side. A holder whose
//! registry lacks an issuer of the list, or has another key for it, cannot answer; a verifier
//! whose registry differs from the request refuses. An issuer is hideable only if it
//! published `X` ([`super::IssuerPublicInfo::hiding_key`], checked when read).

use super::error::{CredentialError, Result};
use super::issuer::IssuerId;
use super::registry::{AcceptedIssuers as IssuerPolicy, TrustRegistry};
use super::schema::SchemaId;
use std::collections::BTreeSet;
use zkcred_bbs::hidden::MAX_ACCEPTED_ISSUERS;

/// The largest hidden-issuer set a request may list: 8,192 issuers (every commune of a
/// country), about 0.55 MB of ids in a request document (limit 1 MiB), within the BBS layer's
/// [`MAX_ACCEPTED_ISSUERS`]. Sets above [`zkcred_bbs::hidden::MAX_OR_ISSUERS`] are proven
/// with the O(log N) one-out-of-many proof.
pub const MAX_HIDDEN_SET: usize = 8192;
const _: () = assert!(MAX_HIDDEN_SET <= MAX_ACCEPTED_ISSUERS);
use zkcred_bbs::AcceptedIssuers as KeySet;

/// Why a hidden-issuer set is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HiddenIssuerError {
    /// An empty set, or more issuers than the OR-proof takes.
    #[error("a hidden issuer needs 1..={max} accepted issuers, the set has {got}")]
    SetSize {
        /// [`MAX_HIDDEN_SET`].
        max: usize,
        /// The set's size.
        got: usize,
    },
    /// An issuer listed twice.
    #[error("issuer {0} is listed twice in the hidden-issuer set")]
    Duplicate(String),
    /// An issuer the registry does not know.
    #[error("issuer {0} of the hidden-issuer set is not in the trust registry")]
    Unknown(String),
    /// An issuer without a published hiding key X.
    #[error("issuer {0} has no issuer-hiding key (X): it cannot be hidden among others")]
    NoHidingKey(String),
    /// An issuer of the set not authorised for the requested schema, or not accepted by the
    /// credential's issuer policy.
    #[error("issuer {issuer} of the hidden-issuer set is {why} schema {schema}")]
    NotAccepted {
        /// The issuer.
        issuer: String,
        /// The schema.
        schema: String,
        /// "not authorised for" or "not accepted by the request's policy for".
        why: &'static str,
    },
    /// A request spec with `hide_issuer` built without a trust registry.
    #[error("credential '{0}' hides its issuer: building the request needs the trust registry")]
    NoRegistry(String),
    /// The keys do not form a set (mixed suites): the BBS layer's reason.
    #[error("hidden-issuer set: {0}")]
    Keys(String),
}

/// Size and duplicates of a listed set (what a request's validation checks, no registry).
pub fn check_set_ids(ids: &[IssuerId]) -> Result<()> {
    if ids.is_empty() || ids.len() > MAX_HIDDEN_SET {
        return Err(HiddenIssuerError::SetSize {
            max: MAX_HIDDEN_SET,
            got: ids.len(),
        }
        .into());
    }
    let mut seen = BTreeSet::new();
    for id in ids {
        if !seen.insert(id) {
            return Err(HiddenIssuerError::Duplicate(id.to_string()).into());
        }
    }
    Ok(())
}

/// The verifier's set for a credential of `schema` under `policy`: every issuer of `registry`
/// that the policy accepts and that is authorised for the schema, ascending by id; each must
/// have a hiding key ([`HiddenIssuerError::NoHidingKey`] otherwise: a set that silently left
/// an issuer out would refuse its holders), and there must be 1..=[`MAX_HIDDEN_SET`] of them.
pub fn resolve_hidden_set(
    registry: &TrustRegistry,
    policy: &IssuerPolicy,
    schema: &SchemaId,
) -> Result<Vec<IssuerId>> {
    let mut ids = Vec::new();
    for info in registry.accepted(policy) {
        if !registry.is_authorised(info.id(), schema) {
            continue;
        }
        if info.hiding_key().is_none() {
            return Err(HiddenIssuerError::NoHidingKey(info.id().to_string()).into());
        }
        ids.push(*info.id());
    }
    check_set_ids(&ids)?;
    Ok(ids)
}

/// The keys `(W_i, X_i)` of the listed issuers, in the listed order, from `registry`: each
/// must be known ([`HiddenIssuerError::Unknown`]) and have a hiding key (checked against W
/// when its document was read). What holder and verifier both pass to the BBS proof.
pub fn hidden_keys(registry: &TrustRegistry, ids: &[IssuerId]) -> Result<KeySet> {
    check_set_ids(ids)?;
    let mut keys = Vec::with_capacity(ids.len());
    for id in ids {
        let info = registry
            .get(id)
            .ok_or_else(|| HiddenIssuerError::Unknown(id.to_string()))?;
        let key = info
            .hiding_key()
            .ok_or_else(|| HiddenIssuerError::NoHidingKey(id.to_string()))?;
        keys.push(key.clone());
    }
    KeySet::new(keys).map_err(|e| HiddenIssuerError::Keys(e.to_string()).into())
}

/// The verifier's check of a request's listed set: every issuer known, authorised for
/// `schema` and accepted by `policy` (so no request widens what an issuer is trusted for).
pub fn check_set_accepted(
    registry: &TrustRegistry,
    policy: &IssuerPolicy,
    schema: &SchemaId,
    ids: &[IssuerId],
) -> Result<()> {
    for id in ids {
        let info = registry
            .get(id)
            .ok_or_else(|| HiddenIssuerError::Unknown(id.to_string()))?;
        let why = if !registry.is_authorised(id, schema) {
            "not authorised for"
        } else if !policy.accepts(info) {
            "not accepted by the request's policy for"
        } else {
            continue;
        };
        return Err(HiddenIssuerError::NotAccepted {
            issuer: id.to_string(),
            schema: schema.to_string(),
            why,
        }
        .into());
    }
    Ok(())
}

impl From<HiddenIssuerError> for CredentialError {
    fn from(e: HiddenIssuerError) -> Self {
        CredentialError::HiddenIssuer(e)
    }
}
