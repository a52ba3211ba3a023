//! Groth16 keys of a request's predicates: made by the verifier ([`VerifierSetup`]), published
//! with the request as a [`PredicateKeySet`] JSON document (version 2: every proving key
//! carries the powers of tau that let a holder check its structure), and checked by the holder
//! against each circuit before it proves anything with the key
//! ([`zkcred_snark::check_key_structure`], through [`HolderKeys`]).

use super::issuance::message_context;
use super::json::{impl_serde_via_wire, JsonDocument};
use super::presentation_error::{PresentationError, PresentationResult};
use super::request::PresentationRequest;
use super::schema::Schema;
use crate::credential::error::{CredentialError, Result};
use crate::predicate::{HolderKeys, PredicateKeys, VerifierKeys};
use rand_core::{CryptoRng, RngCore};
use serde::{Deserialize, Serialize};
use zkcred_snark::{CircuitId, ProvingKey, VerifyingKey};

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
    pub fn holder_keys(&self) -> PresentationResult<HolderKeys> {
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
            let compiled = c.compile(schema, &ctx, request.date)?;
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
