//! Groth16 keys of a request's predicates: made by the verifier ([`VerifierSetup`]), published
//! with the request as a [`PredicateKeySet`] JSON document (version 2: every proving key
//! carries the powers of tau that let a holder check its structure), and checked by the holder
//! against each circuit before it proves anything with the key
//! ([`zkcred_snark::check_key_structure`], through [`HolderKeys`]).

use super::issuance::message_context;
use super::json::{check_count, impl_serde_via_wire, JsonDocument};
use super::presentation_error::{PresentationError, PresentationResult};
use super::request::PresentationRequest;
use super::schema::Schema;
use crate::credential::error::{CredentialError, Result};
use crate::predicate::{HolderKeys, PredicateKeys, VerifierKeys};
use rand_core::{CryptoRng, RngCore};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use zkcred_snark::{CircuitId, ProvingKey, VerifyingKey};

/// The most key pairs a [`PredicateKeySet`] may list: every circuit the library has (range,
/// age, set, comparison and their widths) with room to spare. The holder decodes and
/// structure-checks every key it is given, so the count is refused first.
pub const MAX_CIRCUIT_KEYS: usize = 32;

/// The largest key set JSON read: 64 MiB. A proving key with its powers of tau is a few
/// hundred kilobytes for the library's circuits; the limit leaves room for
/// [`MAX_CIRCUIT_KEYS`] of them and refuses gigabytes before they are parsed.
pub const MAX_KEY_SET_BYTES: usize = 64 << 20;

/// One circuit's key pair in a [`PredicateKeySet`].
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CircuitKeys {
    /// The circuit id (must equal the verifying key's).
    pub circuit_id: CircuitId,
    /// The Groth16 proving key with its powers of tau, hex.
    pub proving_key: ProvingKey,
    /// The Groth16 verifying key, hex.
    pub verifying_key: VerifyingKey,
}

/// The proving and verifying keys a verifier publishes for its requests' predicates.
#[derive(Clone, Debug, Default)]
pub struct PredicateKeySet {
    /// One entry per circuit id.
    pub keys: Vec<CircuitKeys>,
}

impl PredicateKeySet {
    /// The holder's keys. Each pair is checked against its circuit (structure check, cached
    /// by digest) the first time the holder proves with it; a refused key is an error then.
    ///
    /// A set with more than [`MAX_CIRCUIT_KEYS`] pairs or with a circuit listed twice is
    /// refused before any key is looked at.
    pub fn holder_keys(&self) -> PresentationResult<HolderKeys> {
        check_key_list(self.keys.iter().map(|k| k.circuit_id.to_string()))?;
        let mut h = HolderKeys::new();
        for k in &self.keys {
            h.insert(k.proving_key.clone(), &k.verifying_key)?;
        }
        Ok(h)
    }

    /// The verifier's prepared keys.
    pub fn verifier_keys(&self) -> VerifierKeys {
        let mut v = VerifierKeys::new();
        for k in &self.keys {
            v.insert(&k.verifying_key);
        }
        v
    }
}

/// The version of the [`PredicateKeySet`] document: 2 since proving keys carry powers of tau.
pub const KEY_SET_VERSION: u64 = 2;

/// JSON form of [`PredicateKeySet`].
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PredicateKeySetWire {
    /// Format version, 2 (version 1 keys carry no powers of tau and are refused).
    pub version: u64,
    /// The key pairs.
    pub keys: Vec<CircuitKeys>,
}

impl JsonDocument for PredicateKeySet {
    type Wire = PredicateKeySetWire;
    const VERSION: u64 = KEY_SET_VERSION;

    const MAX_BYTES: usize = MAX_KEY_SET_BYTES;

    /// The count and the circuit ids, before any proving key is decoded.
    fn check_shape(value: &serde_json::Value) -> Result<()> {
        let keys = value
            .get("keys")
            .and_then(serde_json::Value::as_array)
            .ok_or_else(|| CredentialError::MalformedJson("expected a keys list".into()))?;
        check_count("circuit key pairs", keys.len(), MAX_CIRCUIT_KEYS)?;
        // A non-string id is the decoder's to refuse; it gets a name that repeats nothing.
        // Hex is read in either case, so `AB..` and `ab..` are one circuit: compared in
        // lowercase.
        check_key_list(keys.iter().enumerate().map(|(i, k)| {
            match k.get("circuit_id").and_then(serde_json::Value::as_str) {
                Some(id) => super::json::clip(&id.to_ascii_lowercase()),
                None => format!("(entry {i})"),
            }
        }))
    }

    fn to_wire(&self) -> PredicateKeySetWire {
        PredicateKeySetWire {
            version: KEY_SET_VERSION,
            keys: self.keys.clone(),
        }
    }

    fn from_wire(w: PredicateKeySetWire) -> Result<Self> {
        if w.version != KEY_SET_VERSION {
            return Err(CredentialError::UnsupportedVersion(w.version));
        }
        check_key_list(w.keys.iter().map(|k| k.circuit_id.to_string()))?;
        for k in &w.keys {
            if k.verifying_key.circuit_id() != k.circuit_id
                || k.proving_key.circuit_id() != k.circuit_id
            {
                return Err(CredentialError::MalformedJson(format!(
                    "keys listed under circuit {} are for another circuit",
                    k.circuit_id
                )));
            }
        }
        Ok(Self { keys: w.keys })
    }
}

impl_serde_via_wire!(PredicateKeySet);

/// At most [`MAX_CIRCUIT_KEYS`] circuit ids, none twice.
fn check_key_list(ids: impl ExactSizeIterator<Item = String>) -> Result<()> {
    check_count("circuit key pairs", ids.len(), MAX_CIRCUIT_KEYS)?;
    let mut seen = BTreeSet::new();
    for id in ids {
        if seen.contains(&id) {
            return Err(CredentialError::DuplicateCircuit(id));
        }
        seen.insert(id);
    }
    Ok(())
}

/// The verifier's Groth16 setups, one per distinct circuit id, reused across requests.
#[derive(Clone, Debug, Default)]
pub struct VerifierSetup {
    keys: PredicateKeys,
}

impl VerifierSetup {
    /// No keys yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// The verifier's own published keys, read back so that new requests reuse them (keys
    /// belong to the verifier and its circuits, not to one request: replacing them would break
    /// every presentation in flight). Each pair is checked to belong together (no curve
    /// arithmetic); a set with more than [`MAX_CIRCUIT_KEYS`] pairs or a circuit listed twice
    /// is refused.
    ///
    /// ```
    /// # use zkcred::credential::{PredicateKeySet, VerifierSetup};
    /// let published = VerifierSetup::new().key_set();
    /// let setup = VerifierSetup::from_key_set(&published)?;
    /// assert!(setup.is_empty());
    /// # Ok::<(), zkcred::credential::PresentationError>(())
    /// ```
    pub fn from_key_set(set: &PredicateKeySet) -> PresentationResult<Self> {
        check_key_list(set.keys.iter().map(|k| k.circuit_id.to_string()))?;
        let mut keys = PredicateKeys::new();
        for k in &set.keys {
            keys.insert_own(k.proving_key.clone(), k.verifying_key.clone())?;
        }
        Ok(Self { keys })
    }

    /// How many circuits have keys.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether no circuit has a key yet.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Runs setup for every predicate of `request` whose circuit has no key yet; `schemas`
    /// must contain the schema of every requested credential.
    pub fn add_request<R: RngCore + CryptoRng>(
        &mut self,
        request: &PresentationRequest,
        schemas: &[Schema],
        rng: &mut R,
    ) -> PresentationResult<()> {
        for c in &request.credentials {
            let schema = schemas
                .iter()
                .find(|s| *s.id() == c.schema_id)
                .ok_or_else(|| PresentationError::UnknownSchema(c.schema_id.to_string()))?;
            let ctx = message_context(zkcred_bbs::Ciphersuite::Bls12381Sha256)?;
            let compiled = c.compile(schema, &ctx, request.date())?;
            for st in &compiled.statements {
                self.keys.setup_for(&st.predicate, rng)?;
            }
        }
        Ok(())
    }

    /// The keys to publish with the request.
    pub fn key_set(&self) -> PredicateKeySet {
        PredicateKeySet {
            keys: self
                .keys
                .circuit_ids()
                .filter_map(|id| {
                    Some(CircuitKeys {
                        circuit_id: *id,
                        proving_key: self.keys.proving_key(id)?.clone(),
                        verifying_key: self.keys.verifying_key(id)?.clone(),
                    })
                })
                .collect(),
        }
    }

    /// The verifier's prepared keys.
    pub fn verifier_keys(&self) -> VerifierKeys {
        self.keys.verifier_keys()
    }
}
