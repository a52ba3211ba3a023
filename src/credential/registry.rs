//! [`TrustRegistry`]: the issuers a verifier knows, and [`AcceptedIssuers`]: which of them a
//! request accepts.

use super::error::{CredentialError, Result};
use super::issuer::{
    is_jurisdiction_code, IssuerId, IssuerPublicInfo, IssuerPublicInfoWire, IssuerTier,
};
use super::json::{impl_serde_via_wire, JsonDocument, FORMAT_VERSION};
use super::schema::SchemaId;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The issuers a verifier knows, keyed by id, each with the schemas it is authorised to
/// issue (a province may issue residency credentials but not commune identity credentials).
///
/// Authorisation is part of trust, not of a request: the [`super::Verifier`] refuses a
/// credential whose schema its issuer is not authorised for, whatever the request accepts, so
/// a trusted but compromised or overreaching issuer cannot mint credentials of another kind.
/// An issuer with no authorised schema is known but accepted for nothing.
///
/// Loaded from a versioned JSON document (version [`REGISTRY_VERSION`], `docs/FORMATS.md`):
/// `{"version": 2, "issuers": [{"issuer": issuer info, "schemas": [schema id, ...]}, ...]}`.
/// Every entry's id is checked against its key; an id listed twice is an error. A version-1
/// registry (without authorisations) is refused with
/// [`CredentialError::RegistryWithoutAuthorisations`] rather than read as "authorised for
/// everything".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustRegistry {
    issuers: BTreeMap<IssuerId, Entry>,
}

/// One issuer of a [`TrustRegistry`] and the schemas it may issue.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    info: IssuerPublicInfo,
    schemas: BTreeSet<SchemaId>,
}

/// The format version of trust registry documents: 2 since entries carry schema
/// authorisations (version 1 had none).
pub const REGISTRY_VERSION: u64 = 2;

impl TrustRegistry {
    /// An empty registry.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds an issuer authorised for `schemas` (possibly none: known, accepted for nothing);
    /// fails with [`CredentialError::DuplicateIssuer`] if its id is present (use
    /// [`TrustRegistry::authorise`] to extend an entry). An issuer's hiding key X, if it has
    /// one, was checked against its W, `e(X, BP2) = e(U, W)`, when its [`IssuerPublicInfo`]
    /// was made ([`IssuerPublicInfo::with_hiding_key`], [`zkcred_bbs::IssuerKey::new`]): no
    /// document with an unchecked X exists, so none enters a registry.
    pub fn insert(
        &mut self,
        info: IssuerPublicInfo,
        schemas: impl IntoIterator<Item = SchemaId>,
    ) -> Result<()> {
        let id = *info.id();
        if self.issuers.contains_key(&id) {
            return Err(CredentialError::DuplicateIssuer(id.to_string()));
        }
        let schemas = schemas.into_iter().collect();
        self.issuers.insert(id, Entry { info, schemas });
        Ok(())
    }

    /// Authorises issuer `issuer` for schema `schema`; `Ok(false)` if it already was. Fails
    /// with [`CredentialError::UnknownIssuer`] for an issuer not in the registry.
    pub fn authorise(&mut self, issuer: &IssuerId, schema: SchemaId) -> Result<bool> {
        let entry = self
            .issuers
            .get_mut(issuer)
            .ok_or_else(|| CredentialError::UnknownIssuer(issuer.to_string()))?;
        Ok(entry.schemas.insert(schema))
    }

    /// Withdraws the authorisation of `issuer` for `schema`; `Ok(false)` if it had none.
    /// Fails with [`CredentialError::UnknownIssuer`] for an issuer not in the registry.
    pub fn deauthorise(&mut self, issuer: &IssuerId, schema: &SchemaId) -> Result<bool> {
        let entry = self
            .issuers
            .get_mut(issuer)
            .ok_or_else(|| CredentialError::UnknownIssuer(issuer.to_string()))?;
        Ok(entry.schemas.remove(schema))
    }

    /// Whether `issuer` is in the registry and authorised to issue `schema`.
    pub fn is_authorised(&self, issuer: &IssuerId, schema: &SchemaId) -> bool {
        self.issuers
            .get(issuer)
            .is_some_and(|e| e.schemas.contains(schema))
    }

    /// The schemas `issuer` is authorised for, ascending (`None` for an unknown issuer).
    pub fn authorised_schemas(
        &self,
        issuer: &IssuerId,
    ) -> Option<impl Iterator<Item = &SchemaId> + '_> {
        self.issuers.get(issuer).map(|e| e.schemas.iter())
    }

    /// The issuer with id `id`.
    pub fn get(&self, id: &IssuerId) -> Option<&IssuerPublicInfo> {
        self.issuers.get(id).map(|e| &e.info)
    }

    /// Number of issuers.
    pub fn len(&self) -> usize {
        self.issuers.len()
    }

    /// Whether the registry is empty.
    pub fn is_empty(&self) -> bool {
        self.issuers.is_empty()
    }

    /// Every issuer, ordered by id.
    pub fn iter(&self) -> impl Iterator<Item = &IssuerPublicInfo> {
        self.issuers.values().map(|e| &e.info)
    }

    /// The issuers of tier `tier`.
    pub fn by_tier(&self, tier: IssuerTier) -> impl Iterator<Item = &IssuerPublicInfo> {
        self.iter().filter(move |i| i.tier() == tier)
    }

    /// The issuers whose jurisdiction is `code` or lies inside it (see
    /// [`super::Jurisdiction::is_within`]): `"VN"` gives every Vietnamese issuer.
    pub fn in_jurisdiction<'a>(
        &'a self,
        code: &'a str,
    ) -> impl Iterator<Item = &'a IssuerPublicInfo> + 'a {
        self.iter()
            .filter(move |i| i.jurisdiction().is_within(code))
    }

    /// The issuers that `policy` accepts.
    pub fn accepted<'a>(
        &'a self,
        policy: &'a AcceptedIssuers,
    ) -> impl Iterator<Item = &'a IssuerPublicInfo> + 'a {
        self.iter().filter(move |i| policy.accepts(i))
    }
}

/// JSON form of [`TrustRegistry`].
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrustRegistryWire {
    /// Format version, [`REGISTRY_VERSION`].
    pub version: u64,
    /// The entries, ordered by issuer id.
    pub issuers: Vec<TrustRegistryEntryWire>,
}

/// JSON form of one registry entry: the issuer document and the schema ids it may issue.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrustRegistryEntryWire {
    /// The issuer's public info document.
    pub issuer: IssuerPublicInfoWire,
    /// The schema ids the issuer is authorised for (required; may be empty), ascending.
    pub schemas: Vec<SchemaId>,
}

/// `Ok` for [`REGISTRY_VERSION`]; a version-1 registry, which has no authorisations, is
/// refused with a message saying how to upgrade it; any other version is unsupported.
fn check_registry_version(version: u64) -> Result<()> {
    match version {
        REGISTRY_VERSION => Ok(()),
        FORMAT_VERSION => Err(CredentialError::RegistryWithoutAuthorisations),
        other => Err(CredentialError::UnsupportedVersion(other)),
    }
}

/// The largest trust registry document: 16 MiB, room for about 30,000 issuers with hiding
/// keys (a country's communes; a hidden-issuer set of [`super::MAX_HIDDEN_SET`] issuers
/// must fit). A registry is a file its owner chose to trust, not a stranger's input.
pub const MAX_REGISTRY_BYTES: usize = 16 << 20;

impl JsonDocument for TrustRegistry {
    type Wire = TrustRegistryWire;
    const MAX_BYTES: usize = MAX_REGISTRY_BYTES;

    fn to_wire(&self) -> TrustRegistryWire {
        TrustRegistryWire {
            version: REGISTRY_VERSION,
            issuers: self
                .issuers
                .values()
                .map(|e| TrustRegistryEntryWire {
                    issuer: e.info.to_wire(),
                    schemas: e.schemas.iter().copied().collect(),
                })
                .collect(),
        }
    }

    fn check_document_version(version: u64) -> Result<()> {
        check_registry_version(version)
    }

    fn from_wire(w: TrustRegistryWire) -> Result<Self> {
        check_registry_version(w.version)?;
        let mut registry = TrustRegistry::new();
        for entry in w.issuers {
            let schemas = entry.schemas;
            let unique: BTreeSet<&SchemaId> = schemas.iter().collect();
            if unique.len() != schemas.len() {
                return Err(CredentialError::MalformedJson(format!(
                    "trust registry: issuer {} lists a schema twice",
                    entry.issuer.id
                )));
            }
            registry.insert(IssuerPublicInfo::from_wire(entry.issuer)?, schemas)?;
        }
        Ok(registry)
    }
}

impl_serde_via_wire!(TrustRegistry);

/// Which issuers a verifier accepts for a credential. Every constraint that is given must
/// hold (`None` means "any"; an empty list accepts nothing):
///
/// - `ids`: the issuer's id is listed;
/// - `tiers`: the issuer's tier is listed;
/// - `jurisdictions`: the issuer's jurisdiction is one of the listed codes or lies inside one
///   of them, segment by segment (`"VN"` accepts `VN-44`; `"VN-4"` does not accept `VN-44`).
///
/// It is an embedded JSON object (inside requests), not a versioned document:
/// `{"tiers": ["commune"], "jurisdictions": ["VN-44"]}`; absent fields are `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AcceptedIssuers {
    /// Accepted issuer ids.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ids: Option<Vec<IssuerId>>,
    /// Accepted tiers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tiers: Option<Vec<IssuerTier>>,
    /// Accepted jurisdiction codes (prefixes by segment).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jurisdictions: Option<Vec<String>>,
}

impl AcceptedIssuers {
    /// Accepts every issuer (of the registry it is used with).
    pub fn any() -> Self {
        Self::default()
    }

    /// Checks that every jurisdiction code is well-formed (a malformed one would silently
    /// match nothing).
    pub fn validate(&self) -> Result<()> {
        for code in self.jurisdictions.iter().flatten() {
            if !is_jurisdiction_code(code) {
                return Err(CredentialError::InvalidJurisdiction(code.clone()));
            }
        }
        Ok(())
    }

    /// Whether `issuer` meets every given constraint.
    pub fn accepts(&self, issuer: &IssuerPublicInfo) -> bool {
        let id_ok = allows(&self.ids, |id| id == issuer.id());
        let tier_ok = allows(&self.tiers, |tier| *tier == issuer.tier());
        let place_ok = allows(&self.jurisdictions, |code| {
            issuer.jurisdiction().is_within(code)
        });
        id_ok && tier_ok && place_ok
    }
}

/// `true` for no constraint (`None`), else whether some listed item matches.
fn allows<T>(list: &Option<Vec<T>>, matches: impl Fn(&T) -> bool) -> bool {
    match list {
        None => true,
        Some(items) => items.iter().any(matches),
    }
}
