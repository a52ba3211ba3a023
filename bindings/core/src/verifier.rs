//! The verifier's calls: its key, the registries it and wallets use, signed requests with
//! the Groth16 keys of their predicates, and a [`VerifierSession`] that checks presentations
//! (replays refused for the session's lifetime).

use crate::docs::{instant, read, read_list, value, write};
use crate::error::{invalid_input, verifier_error, ApiError, ApiResult};
use crate::holder::read_keys;
use rand_core::{CryptoRng, RngCore};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::time::Duration;
use zeroize::Zeroizing;
use zkcred::credential::keyset::MAX_CIRCUIT_KEYS;
use zkcred::credential::{
    InMemoryNonceStore, IssuerPublicInfo, PredicateKeySet, RequestSpec, RequestWindow, Schema,
    SchemaId, SignedRequest, TrustRegistry, Verifier, VerifierKey, VerifierPublicInfo,
    VerifierRegistry, VerifierSetup, VerifyResult, MAX_REQUEST_LIFETIME,
};

/// Most documents in one list argument (issuers of a registry, schemas, verifiers).
pub const MAX_LIST: usize = 1024;

/// A new verifier: its key file (secret) and its public document.
pub struct NewVerifier {
    /// The verifier key file (`docs/FORMATS.md`, "Verifier key file"): secret.
    pub key: Zeroizing<String>,
    /// The verifier public info, for verifier registries.
    pub public: String,
}

/// `{"id", "name", "scopes": [...]}`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VerifierSpec {
    id: String,
    name: String,
    #[serde(default)]
    scopes: Vec<String>,
}

/// A new verifier key from `{"id", "name", "scopes"}` (scopes: the pseudonym scopes it owns).
pub fn new_verifier<R: RngCore + CryptoRng>(spec: &str, rng: &mut R) -> ApiResult<NewVerifier> {
    let spec: VerifierSpec = value(spec, "verifier spec")?;
    let key = VerifierKey::generate(spec.id, spec.name, spec.scopes, rng)?;
    Ok(NewVerifier {
        key: Zeroizing::new(write(&key)?),
        public: write(key.public_info())?,
    })
}

/// A verifier registry of `verifiers` (a JSON array of verifier public infos): who a wallet
/// answers, and which scopes each owns.
pub fn verifier_registry(verifiers: &str) -> ApiResult<String> {
    let mut registry = VerifierRegistry::new();
    for info in read_list::<VerifierPublicInfo>(verifiers, "verifiers", MAX_LIST)? {
        registry
            .insert(info)
            .map_err(|e| ApiError::invalid(e.to_string()))?;
    }
    write(&registry)
}

/// One entry of [`trust_registry`]'s argument.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RegistryEntry {
    issuer: serde_json::Value,
    schemas: Vec<String>,
}

/// A trust registry from `[{"issuer": issuer public info, "schemas": [schema id, ...]}]`:
/// each issuer authorised for the listed schemas.
pub fn trust_registry(entries: &str) -> ApiResult<String> {
    let entries: Vec<RegistryEntry> = value(entries, "registry entries")?;
    if entries.len() > MAX_LIST {
        return Err(ApiError::invalid(format!(
            "registry entries: {} issuers, at most {MAX_LIST}",
            entries.len()
        )));
    }
    let mut registry = TrustRegistry::new();
    for (i, e) in entries.iter().enumerate() {
        let info: IssuerPublicInfo = read(&e.issuer.to_string(), &format!("entries[{i}].issuer"))?;
        let schemas = e
            .schemas
            .iter()
            .map(|s| {
                s.parse::<SchemaId>()
                    .map_err(|e| ApiError::from(e).about(&format!("entries[{i}].schemas")))
            })
            .collect::<ApiResult<Vec<SchemaId>>>()?;
        registry.insert(info, schemas)?;
    }
    write(&registry)
}

/// A signed request and the predicate keys it needs.
pub struct MadeRequest {
    /// The signed request (`docs/FORMATS.md`, "Signed request").
    pub signed_request: String,
    /// The predicate key set: `keys` extended with the circuits the request adds.
    pub keys: String,
}

/// Makes a request from a request spec (`docs/FORMATS.md`, "Request spec"), answerable from
/// `now` for `valid_for_secs` seconds, signs it with the verifier key, and runs Groth16 setup
/// for every circuit not in `keys` (an earlier key set, or none). `registry` resolves
/// hidden issuers' sets.
#[allow(clippy::too_many_arguments)]
pub fn make_request<R: RngCore + CryptoRng>(
    verifier_key: &str,
    spec: &str,
    schemas: &str,
    registry: Option<&str>,
    keys: Option<&str>,
    now: &str,
    valid_for_secs: u64,
    rng: &mut R,
) -> ApiResult<MadeRequest> {
    let key: VerifierKey = read(verifier_key, "verifier key")?;
    let schemas = read_list::<Schema>(schemas, "schemas", MAX_LIST)?;
    let by_id: BTreeMap<SchemaId, Schema> = schemas.iter().map(|s| (*s.id(), s.clone())).collect();
    let lifetime = Duration::from_secs(valid_for_secs);
    if lifetime > MAX_REQUEST_LIFETIME || valid_for_secs == 0 {
        return Err(ApiError::invalid(format!(
            "valid for {valid_for_secs} s: expected 1 to {} s",
            MAX_REQUEST_LIFETIME.as_secs()
        )));
    }
    let window = RequestWindow::starting(instant(now)?, lifetime)?;
    let spec = RequestSpec::parse(spec, window.date())?;
    let request = match registry {
        Some(text) => {
            let registry: TrustRegistry = read(text, "trust registry")?;
            spec.build_with_registry(key.id(), window, &by_id, &registry, rng)?
        }
        None => spec.build(key.id(), window, &by_id, rng)?,
    };
    let mut setup = match keys {
        Some(text) => VerifierSetup::from_key_set(&read_keys(text)?).map_err(invalid_input)?,
        None => VerifierSetup::new(),
    };
    setup
        .add_request(&request, &schemas, rng)
        .map_err(invalid_input)?;
    let signed = SignedRequest::sign(request, &key).map_err(invalid_input)?;
    Ok(MadeRequest {
        signed_request: write(&signed)?,
        keys: write(&setup.key_set())?,
    })
}

/// A verifier's state across presentations: its trust registry, schemas, prepared keys, its
/// own public info (to authenticate its requests) and the nonces it has accepted.
pub struct VerifierSession {
    verifier: Verifier,
    registry: TrustRegistry,
    own: VerifierPublicInfo,
}

impl VerifierSession {
    /// A session over the verifier's public info, its trust registry, its schemas (a JSON
    /// array) and its predicate key set.
    pub fn new(own: &str, registry: &str, schemas: &str, keys: &str) -> ApiResult<Self> {
        let own: VerifierPublicInfo = read(own, "verifier")?;
        let registry: TrustRegistry = read(registry, "trust registry")?;
        let schemas = read_list::<Schema>(schemas, "schemas", MAX_LIST)?;
        let keys: PredicateKeySet = read_keys(keys)?;
        if keys.keys.len() > MAX_CIRCUIT_KEYS {
            return Err(ApiError::invalid("keys: too many circuits"));
        }
        let verifier = Verifier::new(
            registry.clone(),
            schemas,
            VerifierSetup::from_key_set(&keys)
                .map_err(invalid_input)?
                .verifier_keys(),
            Box::new(InMemoryNonceStore::new()),
        );
        Ok(Self {
            verifier,
            registry,
            own,
        })
    }

    /// Verifies `presentation` against the verifier's own signed request at `now`: the
    /// request's signature by this verifier and its window first, then the presentation's
    /// size and counts, then its proofs in one pairing check; its nonce is consumed. Returns
    /// what the verifier learned (`docs/FORMATS.md`, "Verify result").
    pub fn verify(&self, signed: &str, presentation: &str, now: &str) -> ApiResult<String> {
        let signed: SignedRequest = read(signed, "request")?;
        let now = instant(now)?;
        let verified = self
            .verifier
            .verify_signed_json(&signed, &self.own, presentation, Some(now))
            .map_err(verifier_error)?;
        let result = VerifyResult::new(signed.request(), &verified, &self.registry);
        serde_json::to_string_pretty(&result).map_err(|e| ApiError::invalid(e.to_string()))
    }
}
