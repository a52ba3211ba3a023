//! One small world through the packages' surface, for the story tests and the age bench
//! (`benches/age.rs` includes this file): a commune issuer, a wallet holding its identity
//! credential, a clinic (owning the scope `clinic-visits`) in the wallet's verifier registry,
//! a trust registry, and a signed request of a spec with its keys.

use rand_chacha::rand_core::SeedableRng;
use rand_chacha::ChaCha20Rng;
use serde_json::{json, Value};
use zkcred_bindings_core::{holder, issuer, verifier};

/// The sample identity schema.
pub const SCHEMA: &str = include_str!("../../../../crates/cli/data/identity.schema.json");
/// The clock of every call.
pub const NOW: &str = "2026-11-30T08:00:00Z";

/// The parties' documents.
pub struct World {
    /// The wallet's text (one identity credential, born 2001-04-02).
    pub wallet: String,
    /// The wallet's verifier registry (the clinic).
    pub verifiers: String,
    /// The clinic's key file.
    pub clinic_key: String,
    /// The clinic's public info.
    pub clinic_public: String,
    /// The trust registry (the commune, for the identity schema).
    pub registry: String,
    /// `[SCHEMA]`.
    pub schemas: String,
    /// The clinic's signed request of the spec.
    pub signed: String,
    /// Its predicate keys.
    pub keys: String,
    /// The rest of the seeded randomness.
    pub rng: ChaCha20Rng,
}

/// The world with a request of `spec` (a request spec's JSON), from seed `seed`.
pub fn world_of(spec: &str, seed: u64) -> World {
    let mut rng = ChaCha20Rng::seed_from_u64(seed);
    let commune = issuer::new_issuer(
        r#"{"name": "UBND xã Mỹ Hòa Hưng", "tier": "commune", "jurisdiction": "VN-44"}"#,
        &mut rng,
    )
    .unwrap();
    let wallet = holder::new_wallet(&mut rng).unwrap();
    let start = holder::request_issuance(&wallet, SCHEMA, &commune.public, &mut rng).unwrap();
    let content = json!({
        "attributes": {
            "full_name": { "string": "Nguyễn Thị Mai" },
            "birth_date": { "date": "2001-04-02" },
            "commune": { "enumeration": "my_hoa_hung" }
        },
        "issued_on": "2026-01-01",
        "expires_on": "2030-12-31"
    })
    .to_string();
    let issued = issuer::issue(&commune.key, SCHEMA, &start.request, &content, &mut rng).unwrap();
    let wallet = holder::accept(&start.wallet, &issued, SCHEMA, &commune.public, &mut rng)
        .unwrap()
        .wallet;
    let listed: Value = serde_json::from_str(&holder::list(&wallet, &mut rng).unwrap()).unwrap();
    let commune_public: Value = serde_json::from_str(&commune.public).unwrap();
    let registry = verifier::trust_registry(
        &json!([{ "issuer": commune_public, "schemas": [listed[0]["schema_id"]] }]).to_string(),
    )
    .unwrap();
    let clinic = verifier::new_verifier(
        r#"{"id": "clinic", "name": "Phòng khám", "scopes": ["clinic-visits"]}"#,
        &mut rng,
    )
    .unwrap();
    let verifiers = verifier::verifier_registry(&format!("[{}]", clinic.public)).unwrap();
    let schemas = format!("[{SCHEMA}]");
    let made = verifier::make_request(&clinic.key, spec, &schemas, None, None, NOW, 3600, &mut rng)
        .unwrap();
    World {
        wallet: wallet.to_string(),
        verifiers,
        clinic_key: clinic.key.to_string(),
        clinic_public: clinic.public,
        registry,
        schemas,
        signed: made.signed_request,
        keys: made.keys,
        rng,
    }
}

impl World {
    /// A fresh signed request of `spec` by the clinic, with the world's keys.
    pub fn request(&mut self, spec: &str) -> String {
        let (key, schemas, keys) = (&self.clinic_key, &self.schemas, &self.keys);
        verifier::make_request(
            key,
            spec,
            schemas,
            None,
            Some(keys),
            NOW,
            3600,
            &mut self.rng,
        )
        .unwrap()
        .signed_request
    }

    /// A verifier session of the clinic.
    pub fn session(&self) -> verifier::VerifierSession {
        verifier::VerifierSession::new(
            &self.clinic_public,
            &self.registry,
            &self.schemas,
            &self.keys,
        )
        .unwrap()
    }
}
