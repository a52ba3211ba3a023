//! The OpenAPI document, generated from the handlers, is served at `/openapi.json`, lists
//! every endpoint with its responses and the API key scheme, and is what
//! `zkcred-gateway openapi` prints.

mod common;

use common::*;
use serde_json::Value;

const ENDPOINTS: &[(&str, &str)] = &[
    ("/v1/sessions", "post"),
    ("/v1/sessions/{id}/result", "get"),
    ("/v1/sessions/{id}/verify", "post"),
    ("/v1/requests/{id}", "get"),
    ("/v1/keys/{digest}", "get"),
    ("/v1/responses/{id}", "post"),
    ("/v1/verifier", "get"),
    ("/healthz", "get"),
    ("/readyz", "get"),
    ("/metrics", "get"),
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_openapi_document_describes_every_endpoint() {
    let dir = tempfile::tempdir().unwrap();
    let gw = InProcess::start(
        &config_toml(&embedded(&dir.path().join("state.redb")), ""),
        manual_clock(),
    )
    .await;
    let c = client();
    let (status, doc) = get_json(&c, &format!("{}/openapi.json", gw.url), None).await;
    assert_eq!(status, 200);
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().unwrap();
    // Every endpoint but the document itself.
    assert_eq!(paths.len(), ENDPOINTS.len(), "{:?}", paths.keys());
    for (path, method) in ENDPOINTS {
        let op = &doc["paths"][path][method];
        assert!(op.is_object(), "{method} {path} is not documented");
        assert!(op["responses"].as_object().is_some_and(|r| !r.is_empty()));
        // Service endpoints name the API key; wallet and operations endpoints do not.
        let secured = op.get("security").is_some();
        assert_eq!(secured, path.starts_with("/v1/sessions"), "{method} {path}");
    }
    let errors = &doc["paths"]["/v1/responses/{id}"]["post"]["responses"];
    for code in ["200", "400", "404", "409", "413", "422", "503"] {
        assert!(errors[code].is_object(), "POST /v1/responses: no {code}");
    }
    assert_eq!(
        doc["paths"]["/v1/sessions/{id}/result"]["get"]["responses"]["410"]["description"],
        "`already_read`"
    );
    for schema in [
        "CreateSession",
        "SessionCreated",
        "RequestObject",
        "KeyEntry",
        "SessionResult",
        "ResultPending",
        "ErrorBody",
    ] {
        assert!(
            doc["components"]["schemas"][schema].is_object(),
            "no schema {schema}"
        );
    }
    // The result is the library's verify result, described with its hidden-issuer sets.
    let result = &doc["components"]["schemas"]["SessionResult"]["properties"]["result"];
    assert!(
        result["description"]
            .as_str()
            .is_some_and(|d| d.contains("`hidden_issuer`") && d.contains("`among`")),
        "{result}"
    );
    assert_eq!(
        doc["components"]["securitySchemes"]["api_key"]["scheme"],
        "bearer"
    );

    // The binary prints the same document.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_zkcred-gateway"))
        .arg("openapi")
        .output()
        .unwrap();
    assert!(out.status.success());
    let printed: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(printed, doc);
    gw.stop().await;
}
