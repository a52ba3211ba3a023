//! The clinic's world, for the end-to-end example and the load generator: a commune and a
//! province issue a citizen's identity and residency credentials (blind issuance, the CLI's
//! sample attributes), and the gateway's files for the clinic's request "at least 18,
//! resident of one of the 13 Mekong Delta provinces, same person" (`crates/cli/data`).
//! [`ClinicWorld::hiding_issuers`] makes the same world with both issuers hidden (issue 11):
//! schemas with issuer hiding, three communes and three provinces in the registry, and the
//! template asking `"hide_issuer": true` of both credentials.
//!
//! ```no_run
//! # fn run() -> Result<(), zkcred_gateway::demo::DemoError> {
//! use zkcred_gateway::demo::{config_toml, ClinicWorld};
//! let world = ClinicWorld::new(&mut rand::rngs::OsRng)?;
//! let dir = std::path::Path::new("gateway-files");
//! world.write_files(dir)?;
//! let toml = config_toml(dir, "backend = \"embedded\"\npath = \"state.redb\"", "");
//! # Ok(()) }
//! ```

use rand::{CryptoRng, RngCore};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::Path;
use zkcred::bbs::Ciphersuite;
use zkcred::circuits::CircuitError;
use zkcred::credential::{
    AttributeValue, CredentialContent, CredentialError, Issuer, IssuerTier, JsonDocument,
    Jurisdiction, PresentationError, RequestAuthError, Schema, TrustRegistry, VerifierKey,
    VerifierRegistry, Wallet,
};
use zkcred::predicate::Date;

/// The clinic's API key (a real one comes from `zkcred-gateway new-api-key`).
pub const CLINIC_API_KEY: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

/// The clinic's request template (the CLI's sample request spec), served as `clinic`.
pub const CLINIC_TEMPLATE: &str = include_str!("../../cli/data/clinic.request-spec.json");

/// Building the world failed.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    /// A credential step failed.
    #[error(transparent)]
    Credential(#[from] CredentialError),
    /// A presentation-layer step (issuance) failed.
    #[error(transparent)]
    Presentation(#[from] PresentationError),
    /// The verifier key could not be made or registered.
    #[error(transparent)]
    Verifier(#[from] RequestAuthError),
    /// A sample date is out of range.
    #[error(transparent)]
    Date(#[from] CircuitError),
    /// A sample file did not parse.
    #[error("a sample file: {0}")]
    Json(#[from] serde_json::Error),
    /// A file could not be written.
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

#[derive(Deserialize)]
struct AttributeFile {
    attributes: BTreeMap<String, AttributeValue>,
}

/// The clinic's template with `"hide_issuer": true` on every credential (the issuers hidden
/// among those of the gateway's registry that its policies accept).
pub fn hidden_issuer_template() -> Result<String, DemoError> {
    let mut spec: serde_json::Value = serde_json::from_str(CLINIC_TEMPLATE)?;
    if let Some(credentials) = spec
        .get_mut("credentials")
        .and_then(serde_json::Value::as_array_mut)
    {
        for c in credentials {
            if let Some(c) = c.as_object_mut() {
                c.insert("hide_issuer".into(), true.into());
            }
        }
    }
    Ok(serde_json::to_string_pretty(&spec)?)
}

/// The issuers of [`ClinicWorld::hiding_issuers`] besides the citizen's: (name, tier,
/// jurisdiction code, place).
const OTHER_ISSUERS: [(&str, IssuerTier, &str, &str); 4] = [
    (
        "UBND xã Vĩnh Thạnh",
        IssuerTier::Commune,
        "VN-47",
        "Kiên Giang",
    ),
    ("UBND xã Mỹ Khánh", IssuerTier::Commune, "VN-92", "Cần Thơ"),
    (
        "UBND tỉnh Kiên Giang",
        IssuerTier::Province,
        "VN-47",
        "Kiên Giang",
    ),
    (
        "UBND thành phố Cần Thơ",
        IssuerTier::Province,
        "VN-92",
        "Cần Thơ",
    ),
];

/// Issuers, a citizen's wallet holding both credentials, and the gateway's verifier key.
pub struct ClinicWorld {
    /// The citizen's wallet: an identity credential (commune) and a residency credential
    /// (province).
    pub wallet: Wallet,
    /// The wallet's verifier registry: lists the gateway's verifier key.
    pub verifiers: VerifierRegistry,
    /// The gateway's verifier key (secret).
    pub verifier_key: VerifierKey,
    /// The trust registry: the commune for identity, the province for residency (with hidden
    /// issuers, three of each). The gateway's registry, and the wallet's for hidden issuers'
    /// keys.
    pub registry: TrustRegistry,
    /// The identity and residency schemas.
    pub schemas: [Schema; 2],
    /// The clinic's template (served as `clinic`).
    pub template: String,
}

impl ClinicWorld {
    /// A fresh world: new issuer keys, a new wallet, both credentials issued into it.
    pub fn new<R: RngCore + CryptoRng>(rng: &mut R) -> Result<Self, DemoError> {
        Self::make(false, rng)
    }

    /// [`ClinicWorld::new`] with both issuers hidden: the schemas have issuer hiding, the
    /// registry also holds two other communes and two other provinces of the Mekong Delta
    /// (each credential's issuer is hidden among three), and the template is
    /// [`hidden_issuer_template`].
    pub fn hiding_issuers<R: RngCore + CryptoRng>(rng: &mut R) -> Result<Self, DemoError> {
        Self::make(true, rng)
    }

    fn make<R: RngCore + CryptoRng>(hide: bool, rng: &mut R) -> Result<Self, DemoError> {
        let mut schemas = sample_schemas()?;
        if hide {
            schemas = schemas.map(Schema::with_issuer_hiding);
        }
        let [identity, residency] = &schemas;
        let commune = issuer("UBND xã Mỹ Hòa Hưng", IssuerTier::Commune, rng)?;
        let province = issuer("UBND tỉnh An Giang", IssuerTier::Province, rng)?;
        let wallet = citizen_wallet(&commune, &province, &schemas, rng)?;
        let mut registry = TrustRegistry::new();
        registry.insert(commune.public_info().clone(), [*identity.id()])?;
        registry.insert(province.public_info().clone(), [*residency.id()])?;
        if hide {
            for (name, tier, code, place) in OTHER_ISSUERS {
                let jurisdiction = Jurisdiction::new(code, Some(place.into()))?;
                let other =
                    Issuer::generate(name, tier, jurisdiction, Ciphersuite::Bls12381Sha256, rng)?;
                let schema = match tier {
                    IssuerTier::Commune => identity.id(),
                    _ => residency.id(),
                };
                registry.insert(other.public_info().clone(), [*schema])?;
            }
        }
        let scopes = vec!["clinic-visits".into()];
        let verifier_key = VerifierKey::generate("clinic", "Phòng khám", scopes, rng)?;
        let mut verifiers = VerifierRegistry::new();
        verifiers.insert(verifier_key.public_info().clone())?;
        let template = if hide {
            hidden_issuer_template()?
        } else {
            CLINIC_TEMPLATE.to_owned()
        };
        Ok(Self {
            wallet,
            verifiers,
            verifier_key,
            registry,
            schemas,
            template,
        })
    }

    /// Writes the gateway's files into `dir`: `verifier.key.json`, `registry.json`,
    /// `schemas/*.json` and `templates/clinic.json` (the key set `keys.json` is made by the
    /// first gateway that starts, or by [`crate::catalog::load_or_create_keys`]).
    pub fn write_files(&self, dir: &Path) -> Result<(), DemoError> {
        std::fs::create_dir_all(dir.join("schemas"))?;
        std::fs::create_dir_all(dir.join("templates"))?;
        std::fs::write(dir.join("verifier.key.json"), self.verifier_key.to_json()?)?;
        std::fs::write(dir.join("registry.json"), self.registry.to_json()?)?;
        for s in &self.schemas {
            let file = dir.join("schemas").join(format!("{}.json", s.name()));
            std::fs::write(file, s.to_json()?)?;
        }
        std::fs::write(dir.join("templates/clinic.json"), &self.template)?;
        Ok(())
    }
}

/// A gateway config (TOML) over the files [`ClinicWorld::write_files`] wrote in `dir`,
/// listening on a free loopback port, with the clinic as its one service; `store` is the
/// `[store]` table's body and `extra` goes first (top-level keys, then tables such as
/// `[limits]`).
pub fn config_toml(dir: &Path, store: &str, extra: &str) -> String {
    let hash = hex::encode(Sha256::digest(CLINIC_API_KEY.as_bytes()));
    let dir = dir.display();
    format!(
        "listen = \"127.0.0.1:0\"\nverifier_key = \"{dir}/verifier.key.json\"\n\
         key_set = \"{dir}/keys.json\"\ntrust_registry = \"{dir}/registry.json\"\n\
         schemas = \"{dir}/schemas\"\ntemplates = \"{dir}/templates\"\n{extra}\n\
         [store]\n{store}\n\n[[service]]\nid = \"clinic\"\napi_key_sha256 = \"{hash}\"\n"
    )
}

fn issuer<R: RngCore + CryptoRng>(
    name: &str,
    tier: IssuerTier,
    rng: &mut R,
) -> Result<Issuer, CredentialError> {
    let jurisdiction = Jurisdiction::new("VN-44", Some("An Giang".into()))?;
    Issuer::generate(name, tier, jurisdiction, Ciphersuite::Bls12381Sha256, rng)
}

/// The sample identity and residency schemas (`crates/cli/data`), without issuer hiding.
pub fn sample_schemas() -> Result<[Schema; 2], DemoError> {
    Ok([
        Schema::from_json(include_str!("../../cli/data/identity.schema.json"))?,
        Schema::from_json(include_str!("../../cli/data/residency.schema.json"))?,
    ])
}

/// A new citizen's wallet: the sample identity credential (`schemas[0]`) issued by `commune`
/// and the sample residency credential (`schemas[1]`) by `province`, by blind issuance.
pub fn citizen_wallet<R: RngCore + CryptoRng>(
    commune: &Issuer,
    province: &Issuer,
    schemas: &[Schema; 2],
    rng: &mut R,
) -> Result<Wallet, DemoError> {
    let mut wallet = Wallet::new(rng);
    let identity_file = include_str!("../../cli/data/identity.attributes.json");
    issue(&mut wallet, commune, &schemas[0], identity_file, rng)?;
    let residency_file = include_str!("../../cli/data/residency.attributes.json");
    issue(&mut wallet, province, &schemas[1], residency_file, rng)?;
    Ok(wallet)
}

/// `issuer` issues `schema` with the attributes of `attributes` (an attribute file of
/// `crates/cli/data`) into `wallet`, by blind issuance.
fn issue<R: RngCore + CryptoRng>(
    wallet: &mut Wallet,
    issuer: &Issuer,
    schema: &Schema,
    attributes: &str,
    rng: &mut R,
) -> Result<(), DemoError> {
    let file: AttributeFile = serde_json::from_str(attributes)?;
    let request = wallet.request_issuance(schema, issuer.public_info(), rng)?;
    let content = CredentialContent {
        attributes: file.attributes,
        issued_on: date(2024, 1, 15)?,
        expires_on: date(2034, 1, 14)?,
    };
    let issued = issuer.issue(schema, &content, &request, rng)?;
    wallet.accept(&issued, schema, issuer.public_info())?;
    Ok(())
}

fn date(year: i64, month: u32, day: u32) -> Result<Date, CircuitError> {
    Date::new(year, month, day)
}
