//! `zkcred present --request-uri`: the binary answers a real gateway (started in process on
//! 127.0.0.1) over HTTP: a service creates a session, the wallet fetches the request object
//! and its keys by digest, answers and posts; the service reads what was proven, once. A
//! second answer to the same session is refused, and a request object that names another
//! origin is refused by the wallet. With hidden issuers, the wallet answers with its own
//! registry (`--issuers`) and the service learns only the sets.

use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Arc;
use zkcred_gateway::clock::SystemClock;
use zkcred_gateway::config::Config;
use zkcred_gateway::Gateway;

const API_KEY: &str = "7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a";

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .join(name)
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zkcred"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the zkcred binary runs")
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = run(dir, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Issuers, schemas, a wallet with both credentials, the registry, the gateway's verifier key
/// and the wallet's verifier registry, a template, and the gateway's config: all made by the
/// CLI as an operator would. With `hide`, schemas with issuer hiding, two more communes and
/// two more provinces in the registry, and the template hiding both issuers among them.
fn world_with(d: &Path, hide: bool) {
    let mut issuers = vec![
        ("commune", "commune", "VN-44"),
        ("province", "province", "VN-44"),
    ];
    if hide {
        issuers.extend([
            ("commune2", "commune", "VN-47"),
            ("commune3", "commune", "VN-92"),
            ("province2", "province", "VN-47"),
            ("province3", "province", "VN-92"),
        ]);
    }
    for (who, tier, place) in &issuers {
        ok(
            d,
            &[
                "issuer",
                "init",
                "--name",
                who,
                "--tier",
                tier,
                "--jurisdiction",
                place,
                "--out",
                &format!("{who}.key.json"),
                "--public",
                &format!("{who}.pub.json"),
            ],
        );
    }
    for name in ["identity", "residency"] {
        let out = format!("schemas/{name}.json");
        let mut args = vec!["schema", "sample", name, "--out", out.as_str()];
        if hide {
            args.push("--issuer-hiding");
        }
        ok(d, &args);
    }
    ok(d, &["wallet", "init", "--out", "wallet.json"]);
    for (who, schema, attrs) in [
        ("commune", "identity", "identity.attributes.json"),
        ("province", "residency", "residency.attributes.json"),
    ] {
        let schema = format!("schemas/{schema}.json");
        let public = format!("{who}.pub.json");
        ok(
            d,
            &[
                "wallet",
                "commit",
                "--wallet",
                "wallet.json",
                "--schema",
                &schema,
                "--issuer",
                &public,
                "--out",
                "req.json",
                "--force",
            ],
        );
        ok(
            d,
            &[
                "--force",
                "issue",
                "--issuer",
                &format!("{who}.key.json"),
                "--schema",
                &schema,
                "--attributes",
                data(attrs).to_str().unwrap(),
                "--request",
                "req.json",
                "--valid-days",
                "365",
                "--out",
                "cred.json",
            ],
        );
        ok(
            d,
            &[
                "wallet",
                "add",
                "--wallet",
                "wallet.json",
                "--credential",
                "cred.json",
                "--issuer",
                &public,
                "--schema",
                &schema,
            ],
        );
    }
    for (who, tier, _) in &issuers {
        let schema = if *tier == "commune" {
            "schemas/identity.json"
        } else {
            "schemas/residency.json"
        };
        ok(
            d,
            &[
                "registry",
                "add",
                "--registry",
                "registry.json",
                "--issuer",
                &format!("{who}.pub.json"),
                "--schema",
                schema,
            ],
        );
    }
    ok(
        d,
        &[
            "verifier",
            "init",
            "--id",
            "clinic",
            "--name",
            "clinic",
            "--scope",
            "clinic-visits",
            "--out",
            "gateway.key.json",
            "--public",
            "gateway.pub.json",
        ],
    );
    ok(
        d,
        &[
            "verifiers",
            "add",
            "--registry",
            "verifiers.json",
            "--verifier",
            "gateway.pub.json",
        ],
    );
    std::fs::create_dir_all(d.join("templates")).unwrap();
    let mut spec: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(data("clinic.request-spec.json")).unwrap())
            .unwrap();
    if hide {
        for c in spec["credentials"].as_array_mut().unwrap() {
            c["hide_issuer"] = true.into();
        }
    }
    std::fs::write(d.join("templates/clinic.json"), spec.to_string()).unwrap();
    let hash = hex::encode(Sha256::digest(API_KEY.as_bytes()));
    let config = format!(
        r#"listen = "127.0.0.1:0"
verifier_key = "gateway.key.json"
key_set = "keys.json"
trust_registry = "registry.json"
schemas = "schemas"
templates = "templates"

[store]
backend = "embedded"
path = "state/gateway.redb"

[[service]]
id = "clinic"
api_key_sha256 = "{hash}"
"#
    );
    std::fs::write(d.join("gateway.toml"), config).unwrap();
}

/// A gateway serving the world's config until the runtime is dropped; its URL.
fn start_gateway(d: &Path, rt: &tokio::runtime::Runtime) -> String {
    let mut config = Config::load(&d.join("gateway.toml")).expect("the config loads");
    config.resolve_paths(d);
    rt.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let gateway = Gateway::start(config, url.clone(), Arc::new(SystemClock))
            .await
            .expect("the gateway starts");
        tokio::spawn(gateway.serve(listener, std::future::pending()));
        url
    })
}

/// The world of [`world_with`] in `d`, a gateway serving it (until the returned runtime is
/// dropped), an agent, and a new session of the clinic template: (runtime, URL, agent,
/// session document).
fn clinic_session(
    d: &Path,
    hide: bool,
) -> (
    tokio::runtime::Runtime,
    String,
    ureq::Agent,
    serde_json::Value,
) {
    world_with(d, hide);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let url = start_gateway(d, &rt);
    let agent = agent();
    let (status, session) = call(
        &agent,
        "POST",
        &format!("{url}/v1/sessions"),
        Some(r#"{"template": "clinic"}"#),
    );
    assert_eq!(status, 201, "{session}");
    (rt, url, agent, session)
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

/// `(status, JSON body)` of a service call.
fn call(
    agent: &ureq::Agent,
    method: &str,
    url: &str,
    body: Option<&str>,
) -> (u16, serde_json::Value) {
    let auth = format!("Bearer {API_KEY}");
    let mut response = match (method, body) {
        ("POST", Some(b)) => agent
            .post(url)
            .header("Authorization", &auth)
            .header("Content-Type", "application/json")
            .send(b)
            .unwrap(),
        _ => agent
            .get(url)
            .header("Authorization", &auth)
            .call()
            .unwrap(),
    };
    let status = response.status().as_u16();
    let text = response.body_mut().read_to_string().unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(serde_json::Value::Null),
    )
}

#[test]
fn the_cli_wallet_answers_a_gateway_over_http() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let (_rt, url, agent, session) = clinic_session(d, false);
    let request_uri = session["request_uri"].as_str().unwrap().to_owned();
    let id = session["session_id"].as_str().unwrap().to_owned();

    let out = ok(
        d,
        &[
            "present",
            "--wallet",
            "wallet.json",
            "--verifiers",
            "verifiers.json",
            "--request-uri",
            &request_uri,
            "--out",
            "posted.json",
        ],
    );
    assert!(out.contains("accepted by the gateway"), "{out}");
    assert!(d.join("posted.json").exists());

    let (status, result) = call(
        &agent,
        "GET",
        &format!("{url}/v1/sessions/{id}/result"),
        None,
    );
    assert_eq!(status, 200, "{result}");
    let text = result.to_string();
    assert!(text.contains("age at least 18"), "{text}");
    assert!(text.contains("\"same_holder\":true"), "{text}");
    let (status, _) = call(
        &agent,
        "GET",
        &format!("{url}/v1/sessions/{id}/result"),
        None,
    );
    assert_eq!(status, 410, "the result is read once");

    // The session is answered: a second answer is refused by the gateway.
    let again = run(
        d,
        &[
            "present",
            "--wallet",
            "wallet.json",
            "--verifiers",
            "verifiers.json",
            "--request-uri",
            &request_uri,
        ],
    );
    assert!(!again.status.success());
    let err = String::from_utf8_lossy(&again.stderr);
    assert!(err.contains("already") || err.contains("409"), "{err}");

    // A request object fetched from another origin (the same gateway by another host name)
    // names its keys and response_uri on the gateway's own origin: the wallet refuses before
    // posting anything, and the session stays pending.
    let (status, second) = call(
        &agent,
        "POST",
        &format!("{url}/v1/sessions"),
        Some(r#"{"template": "clinic"}"#),
    );
    assert_eq!(status, 201, "{second}");
    let other = second["request_uri"]
        .as_str()
        .unwrap()
        .replace("127.0.0.1", "localhost");
    let foreign = run(
        d,
        &[
            "present",
            "--wallet",
            "wallet.json",
            "--verifiers",
            "verifiers.json",
            "--request-uri",
            &other,
        ],
    );
    assert!(!foreign.status.success());
    let err = String::from_utf8_lossy(&foreign.stderr);
    assert!(err.contains("not on the request's origin"), "{err}");
    let id2 = second["session_id"].as_str().unwrap();
    let (status, _) = call(
        &agent,
        "GET",
        &format!("{url}/v1/sessions/{id2}/result"),
        None,
    );
    assert_eq!(status, 202, "nothing was posted");
}

#[test]
fn the_cli_wallet_answers_a_gateway_request_that_hides_both_issuers() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let (_rt, url, agent, session) = clinic_session(d, true);
    let request_uri = session["request_uri"].as_str().unwrap().to_owned();
    let result_uri = format!(
        "{url}/v1/sessions/{}/result",
        session["session_id"].as_str().unwrap()
    );
    // The gateway resolved each set from its registry: three issuers each.
    let (status, object) = call(&agent, "GET", &request_uri, None);
    assert_eq!(status, 200, "{object}");
    for c in object["signed_request"]["request"]["credentials"]
        .as_array()
        .unwrap()
    {
        assert_eq!(c["hide_issuer_among"].as_array().unwrap().len(), 3, "{c}");
    }

    let present = |extra: &[&str]| {
        let mut args = vec![
            "present",
            "--wallet",
            "wallet.json",
            "--verifiers",
            "verifiers.json",
            "--request-uri",
            &request_uri,
            "--out",
            "posted.json",
            "--force",
        ];
        args.extend_from_slice(extra);
        run(d, &args)
    };
    // Without its own registry the wallet has no keys for the sets: nothing is posted.
    let out = present(&[]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not in the trust registry"), "{err}");
    let (status, _) = call(&agent, "GET", &result_uri, None);
    assert_eq!(status, 202, "nothing was posted");

    let out = present(&["--issuers", "registry.json"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("accepted by the gateway"), "{stdout}");
    let posted = std::fs::read_to_string(d.join("posted.json")).unwrap();
    assert!(!posted.contains("issuer_id"), "{posted}");

    let (status, result) = call(&agent, "GET", &result_uri, None);
    assert_eq!(status, 200, "{result}");
    for (label, tier) in [("identity", "commune"), ("residency", "province")] {
        let cred = &result["result"]["credentials"][label];
        assert!(cred.get("issuer").is_none(), "{cred}");
        assert_eq!(
            cred["hidden_issuer"]["summary"],
            format!("one of the 3 accepted {tier} issuers").as_str(),
            "{cred}"
        );
        assert_eq!(
            cred["hidden_issuer"]["among"],
            object["signed_request"]["request"]["credentials"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c["label"] == label)
                .unwrap()["hide_issuer_among"],
            "{cred}"
        );
    }
    assert_eq!(result["result"]["same_holder"], true, "{result}");
}
