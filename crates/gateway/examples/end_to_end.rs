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
use std::sync::Arc;
use zkcred::credential::{
    JsonDocument, PredicateKeySet, SignedRequest, Timestamp, VerifierRegistry, Wallet,
};
use zkcred::snark::KeyDigest;
use zkcred_gateway::clock::SystemClock;
use zkcred_gateway::config::Config;
use zkcred_gateway::demo::{config_toml, ClinicWorld, CLINIC_API_KEY as API_KEY};
use zkcred_gateway::Gateway;

type Error = Box<dyn std::error::Error>;

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
    let world = ClinicWorld::new(&mut OsRng)?;
    println!("issuers: the commune and the province issued two credentials (blind issuance)");
    let dir = tempfile::tempdir()?;
    world.write_files(dir.path())?;
    let toml = config_toml(
        dir.path(),
        &format!(
            "backend = \"embedded\"\npath = \"{}/gateway.redb\"",
            dir.path().display()
        ),
        "",
    );
    let config = Config::parse(&toml)?;
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

    wallet_answers(&http, &world.wallet, &world.verifiers, request_uri).await?;

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
