//! What the gateway's integration tests share: a small world (a commune, an identity schema,
//! a wallet holding one credential, the gateway's verifier key), its files in a directory
//! (registry, schemas, templates, and the key set the first gateway makes), gateways started
//! in process or as processes, and the wallet's side of the flow over HTTP.

#![allow(dead_code)]

pub mod redis;

use rand_chacha::rand_core::SeedableRng;
use rand_chacha::ChaCha20Rng;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, OnceLock};
use std::time::Duration;
use zkcred::bbs::Ciphersuite;
use zkcred::credential::{
    AttributeDef, AttributeKind, AttributeValue, CredentialContent, Issuer, IssuerTier,
    JsonDocument, Jurisdiction, PredicateKeySet, Schema, SignedRequest, Timestamp, TrustRegistry,
    VerifierKey, VerifierRegistry, Wallet,
};
use zkcred::predicate::Date;
use zkcred_gateway::clock::{Clock, ManualClock};
use zkcred_gateway::config::Config;
use zkcred_gateway::Gateway;

/// The clinic's API key (the config keeps its SHA-256).
pub const CLINIC_KEY: &str = "c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1";
/// The pharmacy's API key.
pub const PHARMACY_KEY: &str = "fafafafafafafafafafafafafafafafafafafafafafafafafafafafafafafafa";

/// The shared world.
pub struct World {
    /// The directory of the gateway's files.
    pub dir: PathBuf,
    /// The identity schema.
    pub schema: Schema,
    /// The gateway's verifier key.
    pub verifier: VerifierKey,
    /// The wallet's verifier registry (lists the gateway).
    pub verifiers: VerifierRegistry,
    /// A wallet holding one identity credential (born 2001-04-02).
    pub wallet: Wallet,
}

fn date(y: i64, m: u32, d: u32) -> Date {
    Date::new(y, m, d).unwrap()
}

/// The world of this test binary (made once; its directory lives as long as the process).
pub fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| {
        let mut rng = ChaCha20Rng::seed_from_u64(11);
        let dir = tempfile::Builder::new()
            .prefix("zkcred-gateway-test")
            .tempdir()
            .unwrap()
            .keep();
        let schema = Schema::new(
            "vn.commune.identity",
            1,
            vec![
                AttributeDef::new("full_name", AttributeKind::String),
                AttributeDef::new("birth_date", AttributeKind::Date),
            ],
        )
        .unwrap();
        let commune = Issuer::generate(
            "UBND xã Mỹ Hòa Hưng",
            IssuerTier::Commune,
            Jurisdiction::new("VN-44", None).unwrap(),
            Ciphersuite::Bls12381Sha256,
            &mut rng,
        )
        .unwrap();
        let mut registry = TrustRegistry::new();
        registry
            .insert(commune.public_info().clone(), [*schema.id()])
            .unwrap();
        let verifier = VerifierKey::generate(
            "gateway.example",
            "Example gateway",
            vec!["visits".into()],
            &mut rng,
        )
        .unwrap();
        let mut verifiers = VerifierRegistry::new();
        verifiers.insert(verifier.public_info().clone()).unwrap();
        let mut wallet = Wallet::new(&mut rng);
        let request = wallet
            .request_issuance(&schema, commune.public_info(), &mut rng)
            .unwrap();
        let content = CredentialContent {
            attributes: [
                (
                    "full_name".to_string(),
                    AttributeValue::String("Nguyễn Thị Mai".into()),
                ),
                (
                    "birth_date".to_string(),
                    AttributeValue::Date(date(2001, 4, 2)),
                ),
            ]
            .into(),
            issued_on: date(2024, 1, 15),
            expires_on: date(2034, 1, 14),
        };
        let issued = commune
            .issue(&schema, &content, &request, &mut rng)
            .unwrap();
        wallet
            .accept(&issued, &schema, commune.public_info())
            .unwrap();

        std::fs::create_dir_all(dir.join("schemas")).unwrap();
        std::fs::create_dir_all(dir.join("templates")).unwrap();
        std::fs::write(dir.join("verifier.key.json"), verifier.to_json().unwrap()).unwrap();
        std::fs::write(dir.join("registry.json"), registry.to_json().unwrap()).unwrap();
        std::fs::write(dir.join("schemas/identity.json"), schema.to_json().unwrap()).unwrap();
        write_template(&dir, "age", &age_spec());
        write_template(&dir, "name", &name_spec());
        World {
            dir,
            schema,
            verifier,
            verifiers,
            wallet,
        }
    })
}

/// "At least 18 today", with the holder's pseudonym for scope `visits`.
pub fn age_spec() -> Value {
    json!({
        "version": 1,
        "credentials": [{
            "label": "identity",
            "schema": "vn.commune.identity",
            "accepted_issuers": { "tiers": ["commune"] },
            "predicates": [{ "attribute": "birth_date",
                             "predicate": { "age_at_least": { "years": 18, "today": "today" } } }]
        }],
        "pseudonym_scope": "visits"
    })
}

/// The full name, disclosed (the validity defaults only: their circuits are the age
/// template's too).
pub fn name_spec() -> Value {
    json!({
        "version": 1,
        "credentials": [{ "label": "identity", "schema": "vn.commune.identity",
                          "disclose": ["full_name"] }]
    })
}

/// Writes template `name` into the world's directory `dir`.
pub fn write_template(dir: &Path, name: &str, spec: &Value) {
    std::fs::write(
        dir.join("templates").join(format!("{name}.json")),
        serde_json::to_string_pretty(spec).unwrap(),
    )
    .unwrap();
}

fn sha256_hex(s: &str) -> String {
    hex::encode(Sha256::digest(s.as_bytes()))
}

/// A config over the world's files, with `store` as the `[store]` table's body, `extra`
/// (top-level keys, then tables) before it, and the clinic and the pharmacy as services.
pub fn config_toml(store: &str, extra: &str) -> String {
    ensure_keys();
    config_toml_in(&world().dir, store, extra)
}

/// A copy of the world's files (keys included) in a new directory, for a test that edits
/// them.
pub fn world_copy() -> tempfile::TempDir {
    ensure_keys();
    copy_gateway_files(&world().dir)
}

/// A copy of a gateway directory's files (schemas, templates, verifier key, registry, keys)
/// in a new directory.
pub fn copy_gateway_files(from: &std::path::Path) -> tempfile::TempDir {
    let to = tempfile::tempdir().unwrap();
    for sub in ["schemas", "templates"] {
        std::fs::create_dir_all(to.path().join(sub)).unwrap();
        for entry in std::fs::read_dir(from.join(sub)).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, to.path().join(sub).join(path.file_name().unwrap())).unwrap();
        }
    }
    for file in ["verifier.key.json", "registry.json", "keys.json"] {
        std::fs::copy(from.join(file), to.path().join(file)).unwrap();
    }
    to
}

/// [`config_toml`] over the files in `dir` (a [`world_copy`]).
pub fn config_toml_in(dir: &Path, store: &str, extra: &str) -> String {
    format!(
        r#"
listen = "127.0.0.1:0"
verifier_key = "{dir}/verifier.key.json"
key_set = "{dir}/keys.json"
trust_registry = "{dir}/registry.json"
schemas = "{dir}/schemas"
templates = "{dir}/templates"
{extra}

[store]
{store}

[[service]]
id = "clinic"
api_key_sha256 = "{clinic}"

[[service]]
id = "pharmacy"
api_key_sha256 = "{pharmacy}"
"#,
        dir = dir.display(),
        clinic = sha256_hex(CLINIC_KEY),
        pharmacy = sha256_hex(PHARMACY_KEY),
    )
}

/// Makes the world's key set once per test binary, before any gateway starts (gateways that
/// started together would each run the setup, and all but one throw theirs away).
pub fn ensure_keys() {
    static KEYS: OnceLock<()> = OnceLock::new();
    KEYS.get_or_init(|| {
        let w = world();
        let sources = zkcred_gateway::catalog::Sources::load(
            &w.dir.join("registry.json"),
            &w.dir.join("schemas"),
            &w.dir.join("templates"),
        )
        .unwrap();
        zkcred_gateway::catalog::load_or_create_keys(
            &w.dir.join("keys.json"),
            &sources,
            &w.verifier,
        )
        .unwrap();
    });
}

/// `[store]` of an embedded store at `path`.
pub fn embedded(path: &Path) -> String {
    format!("backend = \"embedded\"\npath = \"{}\"", path.display())
}

/// `[store]` of Redis at `url`.
pub fn redis_store(url: &str) -> String {
    format!("backend = \"redis\"\nurl = \"{url}\"\ntimeout_ms = 300")
}

/// A gateway served in this process.
pub struct InProcess {
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    /// The gateway (to reload it).
    pub gateway: Gateway,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
}

impl InProcess {
    /// Starts a gateway with `config` (TOML) and `clock` on 127.0.0.1.
    pub async fn start(config: &str, clock: Arc<dyn Clock>) -> Self {
        let config = Config::parse(config).unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let gateway = Gateway::start(config, url.clone(), clock).await.unwrap();
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let task = tokio::spawn(gateway.clone().serve(listener, async {
            let _ = rx.await;
        }));
        Self {
            url,
            gateway,
            shutdown: Some(tx),
            task: Some(task),
        }
    }

    /// Stops it gracefully and waits.
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            task.await.unwrap().unwrap();
        }
    }
}

/// A manual clock at the real now (the wallet's and the gateway's clocks agree).
pub fn manual_clock() -> Arc<ManualClock> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    Arc::new(ManualClock::new(now))
}

/// A gateway process (the binary), killed on drop.
pub struct Process {
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    child: Child,
}

impl Process {
    /// Starts `zkcred-gateway --config <file>` with `config` written to `file`, and waits for
    /// its "listening" line.
    pub fn start(config: &str, file: &Path) -> Self {
        std::fs::write(file, config).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_zkcred-gateway"))
            .arg("--config")
            .arg(file)
            .env("ZKCRED_GATEWAY_LOG_LEVEL", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut lines = BufReader::new(stdout).lines();
            if let Some(Ok(line)) = lines.next() {
                let _ = tx.send(line);
            }
            // Keep reading so the process never blocks on a full pipe.
            for _ in lines {}
        });
        let line = rx
            .recv_timeout(Duration::from_secs(120))
            .expect("the gateway prints its address");
        let url = line
            .strip_prefix("zkcred-gateway listening on ")
            .unwrap_or_else(|| panic!("unexpected first line: {line}"))
            .to_owned();
        Self { url, child }
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Sends SIGTERM and waits for a graceful exit (status 0).
    pub fn stop(mut self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        let exit = self.child.wait().unwrap();
        assert!(exit.success(), "the gateway exited with {exit}");
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP client.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap()
}

/// `POST /v1/sessions` with `body` as `key`'s service; the response's status and JSON.
pub async fn create_session(
    client: &reqwest::Client,
    url: &str,
    key: &str,
    body: &Value,
) -> (u16, Value) {
    let r = client
        .post(format!("{url}/v1/sessions"))
        .bearer_auth(key)
        .json(body)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap())
}

/// A session of `template` for the clinic: its `SessionCreated` JSON.
pub async fn session(client: &reqwest::Client, url: &str, template: &str) -> Value {
    let (status, body) =
        create_session(client, url, CLINIC_KEY, &json!({ "template": template })).await;
    assert_eq!(status, 201, "{body}");
    body
}

/// The wallet's side: fetches the request object at `request_uri` and every key it names
/// (checking each key's digest), and answers with the world's wallet at `now` (unix
/// seconds). Returns the request object and the presentation JSON.
pub async fn answer(client: &reqwest::Client, request_uri: &str, now: u64) -> (Value, String) {
    let (object, signed, keys) = fetch_request(client, request_uri).await;
    let presentation = tokio::task::spawn_blocking(move || {
        let w = world();
        let holder_keys = keys.holder_keys().unwrap();
        let now = Timestamp::from_unix_seconds(now as i64).unwrap();
        w.wallet
            .present(
                &signed,
                &w.verifiers,
                &holder_keys,
                Some(now),
                &mut rand::rngs::OsRng,
            )
            .unwrap()
            .to_json()
            .unwrap()
    })
    .await
    .unwrap();
    (object, presentation)
}

/// The first half of the wallet's side: the request object at `request_uri`, its signed
/// request, and every key it names (each checked against its digest).
pub async fn fetch_request(
    client: &reqwest::Client,
    request_uri: &str,
) -> (Value, SignedRequest, PredicateKeySet) {
    let object: Value = client
        .get(request_uri)
        .send()
        .await
        .unwrap()
        .error_for_status()
        .unwrap()
        .json()
        .await
        .unwrap();
    let mut keys = PredicateKeySet::default();
    for k in object["keys"].as_array().unwrap() {
        let text = client
            .get(k["uri"].as_str().unwrap())
            .send()
            .await
            .unwrap()
            .error_for_status()
            .unwrap()
            .text()
            .await
            .unwrap();
        let set = PredicateKeySet::from_json(&text).unwrap();
        for pair in set.keys {
            let digest = zkcred::snark::KeyDigest::of(&pair.proving_key, &pair.verifying_key);
            assert_eq!(
                hex::encode(digest.as_bytes()),
                k["digest"].as_str().unwrap()
            );
            keys.keys.push(pair);
        }
    }
    let signed = SignedRequest::from_json(&object["signed_request"].to_string()).unwrap();
    (object, signed, keys)
}

/// The real now, unix seconds.
pub fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// `POST` of `body` (text) to `url`; status and JSON.
pub async fn post_text(
    client: &reqwest::Client,
    url: &str,
    key: Option<&str>,
    body: String,
) -> (u16, Value) {
    let mut r = client
        .post(url)
        .header("content-type", "application/json")
        .body(body);
    if let Some(key) = key {
        r = r.bearer_auth(key);
    }
    let r = r.send().await.unwrap();
    let status = r.status().as_u16();
    let text = r.text().await.unwrap();
    let value =
        serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON ({status}): {text}"));
    (status, value)
}

/// `GET` of `url` as `key`'s service; status and JSON.
pub async fn get_json(client: &reqwest::Client, url: &str, key: Option<&str>) -> (u16, Value) {
    let mut r = client.get(url);
    if let Some(key) = key {
        r = r.bearer_auth(key);
    }
    let r = r.send().await.unwrap();
    let status = r.status().as_u16();
    let text = r.text().await.unwrap();
    let value =
        serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON ({status}): {text}"));
    (status, value)
}
