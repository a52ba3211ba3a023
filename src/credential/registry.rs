//! [`TrustRegistry`]: the issuers a verifier knows, and [`AcceptedIssuers`]: which of them a
//! request accepts.

use super::error::{CredentialError, Result};
use super::issuer::{
    is_jurisdiction_code, IssuerId, IssuerPublicInfo, IssuerPublicInfoWire, IssuerTier,
};
use super::json::{check_version, impl_serde_via_wire, JsonDocument, FORMAT_VERSION};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A set of issuer documents keyed by id, loaded from a versioned JSON document
/// `{"version": 1, "issuers": [issuer info, ...]}`. Every entry's id is checked against its
/// key; an id listed twice is an error.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustRegistry {
    issuers: BTreeMap<IssuerId, IssuerPublicInfo>,
}

impl TrustRegistry {
    /// An empty registry.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds an issuer; fails with [`CredentialError::DuplicateIssuer`] if its id is present.
    pub fn insert(&mut self, info: IssuerPublicInfo) -> Result<()> {
        let id = *info.id();
        if self.issuers.contains_key(&id) {
            return Err(CredentialError::DuplicateIssuer(id.to_string()));
        }
        self.issuers.insert(id, info);
        Ok(())
    }

    /// The issuer with id `id`.
    pub fn get(&self, id: &IssuerId) -> Option<&IssuerPublicInfo> {
        self.issuers.get(id)
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
        self.issuers.values()
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
    /// Format version, 1.
    pub version: u64,
    /// The issuer documents.
    pub issuers: Vec<IssuerPublicInfoWire>,
}

impl JsonDocument for TrustRegistry {
    type Wire = TrustRegistryWire;

    fn to_wire(&self) -> TrustRegistryWire {
        TrustRegistryWire {
            version: FORMAT_VERSION,
            issuers: self.iter().map(JsonDocument::to_wire).collect(),
        }
    }

    fn from_wire(w: TrustRegistryWire) -> Result<Self> {
        check_version(w.version)?;
        let mut registry = TrustRegistry::new();
        for entry in w.issuers {
            registry.insert(IssuerPublicInfo::from_wire(entry)?)?;
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
