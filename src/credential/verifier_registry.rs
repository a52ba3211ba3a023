//! [`VerifierRegistry`]: the verifiers a wallet answers, as published by a registry
//! authority (a versioned JSON document, like the issuers' [`super::TrustRegistry`]).
//!
//! Two rules make pseudonym scopes belong to verifiers: a verifier id is listed once, and a
//! scope name is owned by exactly one verifier of the registry. The wallet checks every
//! request against it ([`super::SignedRequest::authenticate`]): a verifier that is not
//! listed, or that asks for a scope it does not own, gets no presentation.

use super::error::Result;
use super::json::{check_version, impl_serde_via_wire, JsonDocument, FORMAT_VERSION};
use super::request_auth_error::RequestAuthError;
use super::verifier_identity::{VerifierPublicInfo, VerifierPublicInfoWire};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The verifiers a wallet trusts, by id, and which verifier owns each scope.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VerifierRegistry {
    verifiers: BTreeMap<String, VerifierPublicInfo>,
    scope_owners: BTreeMap<String, String>,
}

impl VerifierRegistry {
    /// An empty registry.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a verifier. Refuses an id already listed
    /// ([`RequestAuthError::DuplicateVerifier`]) and a scope that another verifier owns
    /// ([`RequestAuthError::ScopeTaken`]); on refusal the registry is unchanged.
    pub fn insert(
        &mut self,
        info: VerifierPublicInfo,
    ) -> core::result::Result<(), RequestAuthError> {
        if self.verifiers.contains_key(info.id()) {
            return Err(RequestAuthError::DuplicateVerifier(info.id().to_owned()));
        }
        for scope in info.scopes() {
            if let Some(owner) = self.scope_owners.get(scope) {
                return Err(RequestAuthError::ScopeTaken {
                    scope: scope.clone(),
                    owner: owner.clone(),
                    claimant: info.id().to_owned(),
                });
            }
        }
        for scope in info.scopes() {
            self.scope_owners
                .insert(scope.clone(), info.id().to_owned());
        }
        self.verifiers.insert(info.id().to_owned(), info);
        Ok(())
    }

    /// The verifier with id `id`.
    pub fn get(&self, id: &str) -> Option<&VerifierPublicInfo> {
        self.verifiers.get(id)
    }

    /// The id of the verifier that owns `scope`.
    pub fn scope_owner(&self, scope: &str) -> Option<&str> {
        self.scope_owners.get(scope).map(String::as_str)
    }

    /// Number of verifiers.
    pub fn len(&self) -> usize {
        self.verifiers.len()
    }

    /// Whether the registry is empty.
    pub fn is_empty(&self) -> bool {
        self.verifiers.is_empty()
    }

    /// Every verifier, ordered by id.
    pub fn iter(&self) -> impl Iterator<Item = &VerifierPublicInfo> {
        self.verifiers.values()
    }
}

/// JSON form of [`VerifierRegistry`].
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerifierRegistryWire {
    /// Format version, 1.
    pub version: u64,
    /// The verifier documents.
    pub verifiers: Vec<VerifierPublicInfoWire>,
}

impl JsonDocument for VerifierRegistry {
    type Wire = VerifierRegistryWire;

    fn to_wire(&self) -> VerifierRegistryWire {
        VerifierRegistryWire {
            version: FORMAT_VERSION,
            verifiers: self.iter().map(JsonDocument::to_wire).collect(),
        }
    }

    fn from_wire(w: VerifierRegistryWire) -> Result<Self> {
        check_version(w.version)?;
        let mut registry = VerifierRegistry::new();
        for entry in w.verifiers {
            registry.insert(VerifierPublicInfo::from_wire(entry)?)?;
        }
        Ok(registry)
    }
}

impl_serde_via_wire!(VerifierRegistry);
