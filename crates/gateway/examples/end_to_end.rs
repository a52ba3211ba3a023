//! Issuer, wallet and gateway end to end over HTTP, in one process:
//!
//! ```sh
//! cargo run -p zkcred-gateway --example end_to_end
//! ```
//!
//! A commune and a province issue credentials to a citizen's wallet; a gateway (the real
//! service, on 127.0.0.1, embedded store) serves the clinic's template "over 18, resident of
//! a Mekong Delta province, same person"; the clinic (a relying service with an API key)
//! creates a session; the wallet fetches the request object by reference and each Groth16
//! key by digest, checks them, answers and posts the presentation; the clinic reads what was
//! proven, once.

use rand::rngs::OsRng;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use zkcred::bbs::Ciphersuite;
use zkcred::credential::{
    AttributeValue, CredentialContent, Issuer, IssuerTier, JsonDocument, Jurisdiction,
    PredicateKeySet, Schema, SignedRequest, Timestamp, TrustRegistry, VerifierKey,
    VerifierRegistry, Wallet,
};
use zkcred::predicate::Date;
use zkcred::snark::KeyDigest;
use zkcred_gateway::clock::SystemClock;
use zkcred_gateway::config::Config;
use zkcred_gateway::Gateway;

type Error = Box<dyn std::error::Error>;

/// The clinic's API key (a real one comes from `zkcred-gateway new-api-key`).
const API_KEY: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

#[derive(Deserialize)]
struct AttributeFile {
    attributes: BTreeMap<String, AttributeValue>,
}

/// An issuer of `tier` that issues `schema` with the attributes of `attributes` (an
/// attribute file of crates/cli/data) into `wallet`.
fn issue(
    wallet: &mut Wallet,
    issuer: &Issuer,
    schema: &Schema,
    attributes: &str,
) -> Result<(), Error> {
    let file: AttributeFile = serde_json::from_str(attributes)?;
    let request = wallet.request_issuance(schema, issuer.public_info(), &mut OsRng)?;
    let content = CredentialContent {
        attributes: file.attributes,
        issued_on: Date::new(2024, 1, 15)?,
        expires_on: Date::new(2034, 1, 14)?,
    };
    let issued = issuer.issue(schema, &content, &request, &mut OsRng)?;
    wallet.accept(&issued, schema, issuer.public_info())?;
    Ok(())
}

fn issuer(name: &str, tier: IssuerTier) -> Result<Issuer, Error> {
    let jurisdiction = Jurisdiction::new("VN-44", Some("An Giang".into()))?;
    Ok(Issuer::generate(
        name,
        tier,
        jurisdiction,
        Ciphersuite::Bls12381Sha256,
        &mut OsRng,
    )?)
}

/// The gateway's files in `dir`: its verifier key, the trust registry, the schemas, the
/// clinic's template and the config. Returns the config.
fn gateway_files(
    dir: &Path,
    key: &VerifierKey,
    registry: &TrustRegistry,
    schemas: &[&Schema],
) -> Result<Config, Error> {
    std::fs::create_dir_all(dir.join("schemas"))?;
    std::fs::create_dir_all(dir.join("templates"))?;
    std::fs::write(dir.join("verifier.key.json"), key.to_json()?)?;
    std::fs::write(dir.join("registry.json"), registry.to_json()?)?;
    for s in schemas {
        std::fs::write(
            dir.join("schemas").join(format!("{}.json", s.name())),
            s.to_json()?,
        )?;
    }
    std::fs::write(
        dir.join("templates/clinic.json"),
        include_str!("../../cli/data/clinic.request-spec.json"),
    )?;
    let hash = hex::encode(Sha256::digest(API_KEY.as_bytes()));
    let mut config = Config::parse(&format!(
        "listen = \"127.0.0.1:0\"\nverifier_key = \"verifier.key.json\"\nkey_set = \"keys.json\"\n\
         trust_registry = \"registry.json\"\nschemas = \"schemas\"\ntemplates = \"templates\"\n\
         [store]\nbackend = \"embedded\"\npath = \"state/gateway.redb\"\n\
         [[service]]\nid = \"clinic\"\napi_key_sha256 = \"{hash}\"\n"
    ))?;
    config.resolve_paths(dir);
    Ok(config)
}

/// The wallet's side: the request object, its keys (each checked against its digest), the
/// answer, posted to `response_uri`.
async fn wallet_answers(
    http: &reqwest::Client,
    wallet: &Wallet,
    verifiers: &VerifierRegistry,
    request_uri: &str,
) -> Result<(), Error> {
    let object: serde_json::Value = http.get(request_uri).send().await?.json().await?;
    let signed = SignedRequest::from_json(&object["signed_request"].to_string())?;
    let mut keys = PredicateKeySet::default();
    for entry in object["keys"].as_array().ok_or("no keys")? {
        let uri = entry["uri"].as_str().ok_or("no key uri")?;
        let set = PredicateKeySet::from_json(&http.get(uri).send().await?.text().await?)?;
        let pair = set.keys.first().ok_or("an empty key document")?;
        let digest = hex::encode(KeyDigest::of(&pair.proving_key, &pair.verifying_key).as_bytes());
        if Some(digest.as_str()) != entry["digest"].as_str() {
            return Err("a key does not match its digest".into());
        }
        keys.keys.push(pair.clone());
    }
    println!(
        "wallet: fetched the request and {} keys (digests checked)",
        keys.keys.len()
    );
    let presentation = wallet.present(
        &signed,
        verifiers,
        &keys.holder_keys()?,
        Some(Timestamp::now()?),
        &mut OsRng,
    )?;
    let response_uri = object["response_uri"].as_str().ok_or("no response_uri")?;
    let reply = http
        .post(response_uri)
        .header("Content-Type", "application/json")
        .body(presentation.to_json()?)
        .send()
        .await?;
    println!(
        "wallet: posted {} bytes of presentation: {}",
        presentation.json_size(),
        reply.status()
    );
    Ok(())
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> Result<(), Error> {
    let identity = Schema::from_json(include_str!("../../cli/data/identity.schema.json"))?;
    let residency = Schema::from_json(include_str!("../../cli/data/residency.schema.json"))?;
    let commune = issuer("UBND xã Mỹ Hòa Hưng", IssuerTier::Commune)?;
    let province = issuer("UBND tỉnh An Giang", IssuerTier::Province)?;
    let mut wallet = Wallet::new(&mut OsRng);
    issue(
        &mut wallet,
        &commune,
        &identity,
        include_str!("../../cli/data/identity.attributes.json"),
    )?;
    issue(
        &mut wallet,
        &province,
        &residency,
        include_str!("../../cli/data/residency.attributes.json"),
    )?;
    println!("issuers: the commune and the province issued two credentials (blind issuance)");

    let mut registry = TrustRegistry::new();
    registry.insert(commune.public_info().clone(), [*identity.id()])?;
    registry.insert(province.public_info().clone(), [*residency.id()])?;
    let gateway_key = VerifierKey::generate(
        "clinic",
        "Phòng khám",
        vec!["clinic-visits".into()],
        &mut OsRng,
    )?;
    let mut verifiers = VerifierRegistry::new();
    verifiers.insert(gateway_key.public_info().clone())?;

    let dir = tempfile::tempdir()?;
    let config = gateway_files(
        dir.path(),
        &gateway_key,
        &registry,
        &[&identity, &residency],
    )?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}", listener.local_addr()?);
    let gateway = Gateway::start(config, url.clone(), Arc::new(SystemClock)).await?;
    tokio::spawn(gateway.serve(listener, std::future::pending()));
    println!("gateway: serving on {url} (its Groth16 keys made on first start)");

    let http = reqwest::Client::new();
    let session: serde_json::Value = http
        .post(format!("{url}/v1/sessions"))
        .bearer_auth(API_KEY)
        .json(&serde_json::json!({ "template": "clinic" }))
        .send()
        .await?
        .json()
        .await?;
    let request_uri = session["request_uri"].as_str().ok_or("no request_uri")?;
    println!("clinic: session {} -> {request_uri}", session["session_id"]);

    wallet_answers(&http, &wallet, &verifiers, request_uri).await?;

    let result: serde_json::Value = http
        .get(format!(
            "{url}/v1/sessions/{}/result",
            session["session_id"].as_str().unwrap_or_default()
        ))
        .bearer_auth(API_KEY)
        .send()
        .await?
        .json()
        .await?;
    println!(
        "clinic: what it learned:\n{}",
        serde_json::to_string_pretty(&result)?
    );
    Ok(())
}
