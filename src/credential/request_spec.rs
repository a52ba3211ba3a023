//! [`RequestSpec`]: a presentation request as a verifier writes it by hand (`docs/FORMATS.md`,
//! "Request spec"), without the verifier id, the nonce and the window, with each credential's
//! schema named by name or id. [`RequestSpec::build`] fills those in and resolves the schemas.
//! The `zkcred` command reads specs from files (`zkcred request new --spec`), the gateway from
//! its templates and from its relying services.
//!
//! The spec has its own format version ([`REQUEST_SPEC_VERSION`]), checked before the shape,
//! so a later version is refused for its version, not for its fields. Anywhere in a spec,
//! `"today": "today"` stands for the request's date (the UTC date of its `made_at`).
//!
//! ```
//! use std::collections::BTreeMap;
//! use std::time::Duration;
//! use zkcred::credential::{
//!     AttributeDef, AttributeKind, RequestSpec, RequestWindow, Schema, Timestamp,
//! };
//! let schema = Schema::new("vn.commune.identity", 1,
//!     vec![AttributeDef::new("birth_date", AttributeKind::Date)])?;
//! let now = Timestamp::parse("2026-11-22T09:30:00Z")?;
//! let window = RequestWindow::starting(now, Duration::from_secs(300))?;
//! let spec = RequestSpec::parse(r#"{"version": 1, "credentials": [{"label": "identity",
//!     "schema": "vn.commune.identity", "predicates": [{"attribute": "birth_date",
//!     "predicate": {"age_at_least": {"years": 18, "today": "today"}}}]}]}"#, window.date())?;
//! let schemas = BTreeMap::from([(*schema.id(), schema)]);
//! let request = spec.build("shop.example", window, &schemas, &mut rand::thread_rng())?;
//! assert_eq!(request.credentials[0].predicates[0].describe(),
//!     "birth_date: age at least 18 on 2026-11-22");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use super::date::format_date;
use super::error::CredentialError;
use super::hidden_set::{resolve_hidden_set, HiddenIssuerError};
use super::json::{clip, MAX_DOCUMENT_BYTES};
use super::nonce::Nonce;
use super::registry::{AcceptedIssuers, TrustRegistry};
use super::request::{AttributePredicate, CredentialRequest, PresentationRequest};
use super::schema::{Schema, SchemaId};
use super::window::RequestWindow;
use rand_core::{CryptoRng, RngCore};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use zkcred_circuits::Date;

/// The version of the request spec format (not of the request it makes).
pub const REQUEST_SPEC_VERSION: u64 = 1;

/// How a spec without `"version"` is fixed (part of the error message).
const SPEC_HINT: &str =
    "a request spec starts {\"version\": 1, \"credentials\": [...]}: add \"version\": 1";

/// A refused request spec.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SpecError {
    /// Too large, not JSON, the wrong shape, or a request that does not validate.
    #[error(transparent)]
    Document(#[from] CredentialError),
    /// No numeric `"version"`.
    #[error(
        "missing format version of the request spec: a \"version\" number is required; {}",
        SPEC_HINT
    )]
    MissingVersion,
    /// A version other than [`REQUEST_SPEC_VERSION`].
    #[error(
        "unsupported format version {} of the request spec: this zkcred reads version {}",
        .0,
        REQUEST_SPEC_VERSION
    )]
    UnsupportedVersion(u64),
    /// A schema name or id that no given schema has.
    #[error("unknown schema '{}'", clip(.0))]
    UnknownSchema(String),
    /// A schema name that two given schemas share (give the id).
    #[error("schema name '{}' is ambiguous: give the schema id", clip(.0))]
    AmbiguousSchema(String),
}

/// A request spec (`docs/FORMATS.md`, "Request spec").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestSpec {
    /// The spec format's version, [`REQUEST_SPEC_VERSION`].
    pub version: u64,
    /// The credentials asked for.
    pub credentials: Vec<CredentialSpec>,
    /// Whether all credentials must carry the same holder secret (default `true`).
    #[serde(default = "default_true")]
    pub same_holder: bool,
    /// A pseudonym scope.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pseudonym_scope: Option<String>,
}

fn default_true() -> bool {
    true
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// One credential of a spec: a [`CredentialRequest`] whose schema is named.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CredentialSpec {
    /// The label.
    pub label: String,
    /// Schema name or id.
    pub schema: String,
    /// Accepted issuers.
    #[serde(default)]
    pub accepted_issuers: AcceptedIssuers,
    /// Hide the issuer among the accepted ones (docs/SECURITY.md §7): the request then lists
    /// them ([`CredentialRequest::hide_issuer_among`], resolved from the trust registry by
    /// [`RequestSpec::build_with_registry`]). Default `false`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub hide_issuer: bool,
    /// Attributes to disclose.
    #[serde(default)]
    pub disclose: Vec<String>,
    /// Predicates.
    #[serde(default)]
    pub predicates: Vec<AttributePredicate>,
}

impl RequestSpec {
    /// Parses a spec's text: at most [`MAX_DOCUMENT_BYTES`], a JSON object, then its version,
    /// then (with every `"today": "today"` replaced by `today`, the request's date) its shape.
    pub fn parse(text: &str, today: Date) -> Result<Self, SpecError> {
        if text.len() > MAX_DOCUMENT_BYTES {
            return Err(CredentialError::DocumentTooLarge {
                max: MAX_DOCUMENT_BYTES,
                got: text.len(),
            }
            .into());
        }
        let value: serde_json::Value = serde_json::from_str(text).map_err(malformed)?;
        Self::from_value(value, today)
    }

    /// [`RequestSpec::parse`] of JSON already parsed (a spec inside another document).
    pub fn from_value(mut value: serde_json::Value, today: Date) -> Result<Self, SpecError> {
        let obj = value.as_object().ok_or_else(|| {
            CredentialError::MalformedJson(format!("expected a JSON object ({SPEC_HINT})"))
        })?;
        match obj.get("version").and_then(serde_json::Value::as_u64) {
            None => return Err(SpecError::MissingVersion),
            Some(REQUEST_SPEC_VERSION) => {}
            Some(other) => return Err(SpecError::UnsupportedVersion(other)),
        }
        replace_today(&mut value, &format_date(today));
        serde_json::from_value(value).map_err(|e| malformed(e).into())
    }

    /// The request of this spec by `verifier_id`, answerable in `window`, with a fresh nonce;
    /// each credential's schema is resolved by name or id among `schemas`, and the request is
    /// validated ([`PresentationRequest::validate`]). A spec that hides an issuer needs the
    /// registry ([`RequestSpec::build_with_registry`]; here
    /// [`HiddenIssuerError::NoRegistry`]).
    pub fn build<R: RngCore + CryptoRng>(
        self,
        verifier_id: &str,
        window: RequestWindow,
        schemas: &BTreeMap<SchemaId, Schema>,
        rng: &mut R,
    ) -> Result<PresentationRequest, SpecError> {
        self.build_inner(verifier_id, window, schemas, None, rng)
    }

    /// [`RequestSpec::build`] with the verifier's trust registry, which resolves each
    /// `hide_issuer` credential's set ([`resolve_hidden_set`]: the issuers its policy accepts
    /// and that are authorised for its schema, ascending by id, each with a hiding key).
    pub fn build_with_registry<R: RngCore + CryptoRng>(
        self,
        verifier_id: &str,
        window: RequestWindow,
        schemas: &BTreeMap<SchemaId, Schema>,
        registry: &TrustRegistry,
        rng: &mut R,
    ) -> Result<PresentationRequest, SpecError> {
        self.build_inner(verifier_id, window, schemas, Some(registry), rng)
    }

    fn build_inner<R: RngCore + CryptoRng>(
        self,
        verifier_id: &str,
        window: RequestWindow,
        schemas: &BTreeMap<SchemaId, Schema>,
        registry: Option<&TrustRegistry>,
        rng: &mut R,
    ) -> Result<PresentationRequest, SpecError> {
        let mut request = PresentationRequest::new(verifier_id, Nonce::random(rng), window);
        request.same_holder = self.same_holder;
        request.pseudonym_scope = self.pseudonym_scope;
        for c in self.credentials {
            let schema = resolve_schema(&c.schema, schemas)?;
            let hide_issuer_among = match (c.hide_issuer, registry) {
                (false, _) => None,
                (true, None) => {
                    return Err(
                        CredentialError::from(HiddenIssuerError::NoRegistry(c.label)).into(),
                    )
                }
                (true, Some(r)) => Some(resolve_hidden_set(r, &c.accepted_issuers, schema.id())?),
            };
            request.credentials.push(CredentialRequest {
                label: c.label,
                schema_id: *schema.id(),
                accepted_issuers: c.accepted_issuers,
                hide_issuer_among,
                disclose: c.disclose,
                predicates: c.predicates,
            });
        }
        request.validate()?;
        Ok(request)
    }
}

fn malformed(e: serde_json::Error) -> CredentialError {
    CredentialError::MalformedJson(e.to_string())
}

/// Replaces `"today": "today"` everywhere in `value`.
fn replace_today(value: &mut serde_json::Value, today: &str) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                if key == "today" && v.as_str() == Some("today") {
                    *v = serde_json::Value::String(today.to_owned());
                } else {
                    replace_today(v, today);
                }
            }
        }
        serde_json::Value::Array(items) => {
            for v in items {
                replace_today(v, today);
            }
        }
        _ => {}
    }
}

/// The schema named `name` (a schema name or hex id) among `schemas`.
pub fn resolve_schema<'a>(
    name: &str,
    schemas: &'a BTreeMap<SchemaId, Schema>,
) -> Result<&'a Schema, SpecError> {
    if let Ok(id) = name.parse::<SchemaId>() {
        if let Some(s) = schemas.get(&id) {
            return Ok(s);
        }
    }
    let mut found = schemas.values().filter(|s| s.name() == name);
    match (found.next(), found.next()) {
        (Some(s), None) => Ok(s),
        (Some(_), Some(_)) => Err(SpecError::AmbiguousSchema(name.to_owned())),
        (None, _) => Err(SpecError::UnknownSchema(name.to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credential::PredicateSpec;

    #[test]
    fn today_is_filled_in_and_dates_are_kept() {
        let today = Date::new(2026, 11, 30).unwrap();
        let spec = RequestSpec::parse(
            r#"{"version": 1, "credentials": [{"label": "a", "schema": "s", "predicates": [
                {"attribute": "birth_date", "predicate": {"age_at_least": {"years": 18, "today": "today"}}},
                {"attribute": "expires_on", "predicate": {"not_expired": {"today": "2030-01-01"}}}]}]}"#,
            today,
        )
        .unwrap();
        let p = &spec.credentials[0].predicates;
        assert_eq!(
            p[0].predicate,
            PredicateSpec::AgeAtLeast { years: 18, today }
        );
        assert!(p[1].describe().contains("2030-01-01"));
    }

    #[test]
    fn specs_are_versioned_and_shaped() {
        let day = Date::new(2026, 1, 1).unwrap();
        let e = RequestSpec::parse(r#"{"credentials": []}"#, day).unwrap_err();
        assert_eq!(e, SpecError::MissingVersion);
        let e = RequestSpec::parse(r#"{"version": 2, "colour": 1}"#, day).unwrap_err();
        assert_eq!(e, SpecError::UnsupportedVersion(2));
        let e = RequestSpec::parse(r#"{"version": 1, "credentials": [], "colour": 1}"#, day)
            .unwrap_err()
            .to_string();
        assert!(e.contains("unknown field `colour`"), "{e}");
        let e = RequestSpec::parse("[1]", day).unwrap_err().to_string();
        assert!(e.contains("expected a JSON object"), "{e}");
        let e = RequestSpec::parse(&" ".repeat(MAX_DOCUMENT_BYTES + 1), day)
            .unwrap_err()
            .to_string();
        assert!(e.contains("larger than"), "{e}");
    }

    #[test]
    fn schemas_are_resolved_by_name_or_id() {
        use crate::credential::{AttributeDef, AttributeKind, Timestamp};
        let a = Schema::new(
            "a.one",
            1,
            vec![AttributeDef::new("x", AttributeKind::Integer)],
        )
        .unwrap();
        let a2 = Schema::new(
            "a.one",
            2,
            vec![AttributeDef::new("x", AttributeKind::Integer)],
        )
        .unwrap();
        let schemas = BTreeMap::from([(*a.id(), a.clone()), (*a2.id(), a2)]);
        assert_eq!(
            resolve_schema("a.one", &schemas).unwrap_err(),
            SpecError::AmbiguousSchema("a.one".into())
        );
        assert_eq!(resolve_schema(&a.id().to_string(), &schemas).unwrap(), &a);
        assert_eq!(
            resolve_schema("b", &schemas).unwrap_err(),
            SpecError::UnknownSchema("b".into())
        );
        let now = Timestamp::parse("2026-11-22T09:30:00Z").unwrap();
        let window = RequestWindow::starting(now, std::time::Duration::from_secs(60)).unwrap();
        let spec = RequestSpec::parse(
            &format!(
                r#"{{"version": 1, "credentials": [{{"label": "a", "schema": "{}"}}]}}"#,
                a.id()
            ),
            window.date(),
        )
        .unwrap();
        let request = spec
            .build("shop.example", window, &schemas, &mut rand::thread_rng())
            .unwrap();
        assert_eq!(request.credentials[0].schema_id, *a.id());
        assert!(request.same_holder);
    }
}
