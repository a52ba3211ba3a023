//! [`VerifyResult`]: what a verifier learned from a presentation that verified, as the JSON
//! document `zkcred verify` prints and the gateway hands to relying services
//! (`docs/FORMATS.md`, "Verify result"): per credential its issuer (as the trust registry
//! knows it) and the disclosed values, every predicate that holds, the holder link and the
//! pseudonyms.

use super::issuer::{IssuerId, IssuerTier};
use super::registry::TrustRegistry;
use super::request::PresentationRequest;
use super::value::AttributeValue;
use super::verifier::VerifiedPresentation;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The format version of [`VerifyResult`].
pub const VERIFY_RESULT_VERSION: u64 = 1;

/// The result of a verification (`docs/FORMATS.md`, "Verify result").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerifyResult {
    /// [`VERIFY_RESULT_VERSION`].
    pub version: u64,
    /// Always `true` (a failed verification is an error instead).
    pub verified: bool,
    /// The request answered.
    pub request_id: String,
    /// The verifier.
    pub verifier_id: String,
    /// Per credential label: issuer and disclosed values.
    pub credentials: BTreeMap<String, ResultCredential>,
    /// Every predicate of the request, each of which holds.
    pub predicates_held: Vec<ResultPredicate>,
    /// Whether the credentials were proven to carry one holder secret.
    pub same_holder: bool,
    /// Per credential label, the pseudonym for the request's scope.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub pseudonyms: BTreeMap<String, String>,
}

/// One credential of a [`VerifyResult`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResultCredential {
    /// The schema id.
    pub schema_id: String,
    /// The signing issuer; absent when the request hid it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<ResultIssuer>,
    /// When the request hid the issuer: the set it is one of, and nothing more.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hidden_issuer: Option<ResultHiddenIssuer>,
    /// The disclosed attributes.
    pub disclosed: BTreeMap<String, AttributeValue>,
}

/// The issuer of a credential, from the trust registry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResultIssuer {
    /// The id.
    pub id: String,
    /// The display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The tier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<IssuerTier>,
    /// The jurisdiction code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jurisdiction: Option<String>,
}

/// What a verifier learns of a hidden issuer: the accepted set, never the member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResultHiddenIssuer {
    /// E.g. `one of the 13 accepted province issuers` (the tier named when the set's issuers
    /// share one in the registry).
    pub summary: String,
    /// The set's issuer ids, in the request's order.
    pub among: Vec<String>,
}

impl ResultHiddenIssuer {
    /// The set `ids` described with the tiers `registry` gives them.
    pub fn new(ids: &[String], registry: &TrustRegistry) -> Self {
        let tiers: std::collections::BTreeSet<Option<IssuerTier>> = ids
            .iter()
            .map(|id| {
                id.parse::<IssuerId>()
                    .ok()
                    .and_then(|i| registry.get(&i))
                    .map(|i| i.tier())
            })
            .collect();
        let tier = match tiers.into_iter().collect::<Vec<_>>().as_slice() {
            [Some(t)] => format!("{} ", tier_word(*t)),
            _ => String::new(),
        };
        let n = ids.len();
        let summary = if n == 1 {
            format!("the one accepted {tier}issuer")
        } else {
            format!("one of the {n} accepted {tier}issuers")
        };
        Self {
            summary,
            among: ids.to_vec(),
        }
    }
}

fn tier_word(t: IssuerTier) -> &'static str {
    match t {
        IssuerTier::Commune => "commune",
        IssuerTier::District => "district",
        IssuerTier::Province => "province",
        IssuerTier::National => "national",
    }
}

/// A predicate that holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResultPredicate {
    /// The credential's label.
    pub credential: String,
    /// What holds, e.g. `birth_date: age at least 18 on 2026-11-22`.
    pub holds: String,
}

impl VerifyResult {
    /// What the verifier learned from `verified`, a presentation answering `request`, with
    /// each issuer's name, tier and jurisdiction from `registry`.
    pub fn new(
        request: &PresentationRequest,
        verified: &VerifiedPresentation,
        registry: &TrustRegistry,
    ) -> Self {
        let mut credentials = BTreeMap::new();
        for c in &request.credentials {
            let hidden_issuer = verified
                .hidden_issuers
                .get(&c.label)
                .map(|ids| ResultHiddenIssuer::new(ids, registry));
            let issuer = hidden_issuer.is_none().then(|| {
                let id = verified.issuers.get(&c.label).cloned().unwrap_or_default();
                let info = id.parse::<IssuerId>().ok().and_then(|i| registry.get(&i));
                ResultIssuer {
                    name: info.map(|i| i.name().to_owned()),
                    tier: info.map(|i| i.tier()),
                    jurisdiction: info.map(|i| i.jurisdiction().code().to_owned()),
                    id,
                }
            });
            credentials.insert(
                c.label.clone(),
                ResultCredential {
                    schema_id: c.schema_id.to_string(),
                    issuer,
                    hidden_issuer,
                    disclosed: verified
                        .disclosed
                        .get(&c.label)
                        .cloned()
                        .unwrap_or_default(),
                },
            );
        }
        VerifyResult {
            version: VERIFY_RESULT_VERSION,
            verified: true,
            request_id: verified.request_id.to_string(),
            verifier_id: request.verifier_id.clone(),
            credentials,
            predicates_held: verified
                .predicates_held
                .iter()
                .map(|p| ResultPredicate {
                    credential: p.label.clone(),
                    holds: p.description.clone(),
                })
                .collect(),
            same_holder: verified.same_holder,
            pseudonyms: verified.pseudonyms.clone(),
        }
    }
}
