//! A web wallet on another origin may read the wallet's routes (request object, keys,
//! verifier) and post its answer: their responses carry CORS headers for any origin, without
//! credentials. The service's routes carry none, so no web page can read them.

mod common;

use common::*;
use reqwest::{Method, Response};

const ORIGIN: &str = "http://wallet.example:8080";

fn allow_origin(r: &Response) -> Option<&str> {
    r.headers()
        .get("access-control-allow-origin")
        .and_then(|v| v.to_str().ok())
}

/// A browser's preflight of `method` (with a `content-type` header) on `url`.
async fn preflight(c: &reqwest::Client, url: &str, method: &str) -> Response {
    c.request(Method::OPTIONS, url)
        .header("origin", ORIGIN)
        .header("access-control-request-method", method)
        .header("access-control-request-headers", "content-type")
        .send()
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wallet_routes_allow_other_origins_and_service_routes_do_not() {
    let dir = tempfile::tempdir().unwrap();
    let gw = InProcess::start(
        &config_toml(&embedded(&dir.path().join("state.redb")), ""),
        manual_clock(),
    )
    .await;
    let c = client();
    let created = session(&c, &gw.url, "age").await;
    let request_uri = created["request_uri"].as_str().unwrap().to_owned();
    let id = created["session_id"].as_str().unwrap();

    // The preflights of the wallet's GET and POST.
    for (url, method) in [
        (request_uri.clone(), "GET"),
        (format!("{}/v1/responses/{id}", gw.url), "POST"),
    ] {
        let r = preflight(&c, &url, method).await;
        assert!(r.status().is_success(), "{url}: {}", r.status());
        assert_eq!(allow_origin(&r), Some("*"), "{url}");
        let h = r.headers();
        let methods = h["access-control-allow-methods"].to_str().unwrap();
        assert!(
            methods.contains("GET") && methods.contains("POST"),
            "{methods}"
        );
        assert_eq!(h["access-control-allow-headers"], "content-type");
        assert!(h.get("access-control-allow-credentials").is_none());
    }

    // The request object, a key and the verifier, read from another origin.
    let r = c
        .get(&request_uri)
        .header("origin", ORIGIN)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(allow_origin(&r), Some("*"));
    assert!(r
        .headers()
        .get("access-control-allow-credentials")
        .is_none());
    let object: serde_json::Value = r.json().await.unwrap();
    let key_uri = object["keys"][0]["uri"].as_str().unwrap();
    for url in [key_uri.to_owned(), format!("{}/v1/verifier", gw.url)] {
        let r = c.get(&url).header("origin", ORIGIN).send().await.unwrap();
        assert_eq!(r.status(), 200, "{url}");
        assert_eq!(allow_origin(&r), Some("*"), "{url}");
    }

    // The service's routes: no CORS headers, on the preflight or the request itself.
    let sessions = format!("{}/v1/sessions", gw.url);
    let r = preflight(&c, &sessions, "POST").await;
    assert_eq!(allow_origin(&r), None);
    let r = c
        .post(&sessions)
        .header("origin", ORIGIN)
        .bearer_auth(CLINIC_KEY)
        .json(&serde_json::json!({ "template": "age" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    assert_eq!(allow_origin(&r), None);
    let result_uri = created["result_uri"].as_str().unwrap();
    let r = c
        .get(result_uri)
        .header("origin", ORIGIN)
        .bearer_auth(CLINIC_KEY)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 202);
    assert_eq!(allow_origin(&r), None);
    gw.stop().await;
}
