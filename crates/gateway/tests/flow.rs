//! The whole flow over HTTP against a gateway on 127.0.0.1 (embedded store): a service
//! creates a session, the wallet fetches the request object and the keys and posts its
//! presentation, the service reads the result once; and the one-shot verification.

mod common;

use common::*;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_is_answered_and_read_once() {
    let dir = tempfile::tempdir().unwrap();
    let gw = InProcess::start(
        &config_toml(&embedded(&dir.path().join("state.redb")), ""),
        manual_clock(),
    )
    .await;
    let c = client();

    // 1. The clinic creates a session from a template.
    let created = session(&c, &gw.url, "age").await;
    let id = created["session_id"].as_str().unwrap().to_owned();
    assert_eq!(id.len(), 32);
    let request_uri = created["request_uri"].as_str().unwrap();
    assert_eq!(request_uri, format!("{}/v1/requests/{id}", gw.url));
    let wallet_uri = created["wallet_uri"].as_str().unwrap();
    assert!(
        wallet_uri.starts_with(
            "openid4vp://?client_id=gateway.example&request_uri=http%3A%2F%2F127.0.0.1"
        ),
        "{wallet_uri}"
    );
    assert!(created["expires_at"].as_str().unwrap().ends_with('Z'));
    let result_uri = created["result_uri"].as_str().unwrap().to_owned();

    // No answer yet.
    let (status, pending) = get_json(&c, &result_uri, Some(CLINIC_KEY)).await;
    assert_eq!(status, 202, "{pending}");
    assert_eq!(pending["status"], "pending");

    // 2. The wallet fetches the request object and the keys, and answers.
    let (object, presentation) = answer(&c, request_uri, now()).await;
    assert_eq!(object["response_type"], "vp_token");
    assert_eq!(object["response_mode"], "direct_post");
    assert_eq!(object["client_id"], "gateway.example");
    assert_eq!(object["state"], id.as_str());
    assert_eq!(
        object["response_uri"],
        format!("{}/v1/responses/{id}", gw.url).as_str()
    );
    assert_eq!(
        object["nonce"],
        object["signed_request"]["request"]["nonce"]
    );
    // The circuits of the age predicate and the two validity defaults (the age is a date
    // comparison: it shares a circuit with one of them).
    assert_eq!(object["keys"].as_array().unwrap().len(), 2);

    // Keys are immutable and cacheable.
    let key_uri = object["keys"][0]["uri"].as_str().unwrap();
    let digest = object["keys"][0]["digest"].as_str().unwrap();
    let r = c.get(key_uri).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let etag = r.headers()["etag"].to_str().unwrap().to_owned();
    assert_eq!(etag, format!("\"{digest}\""));
    let r = c
        .get(key_uri)
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 304);
    let (status, missing) =
        get_json(&c, &format!("{}/v1/keys/{}", gw.url, "0".repeat(64)), None).await;
    assert_eq!(
        (status, missing["error"].as_str()),
        (404, Some("key_not_found"))
    );

    // 3. Direct post.
    let response_uri = object["response_uri"].as_str().unwrap();
    let (status, body) = post_text(&c, response_uri, None, presentation.clone()).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body, json!({"status": "accepted"}));

    // The request object is not served again once answered.
    let (status, body) = get_json(&c, request_uri, None).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (409, Some("already_answered"))
    );

    // 4. The clinic reads the result, once.
    let (status, result) = get_json(&c, &result_uri, Some(CLINIC_KEY)).await;
    assert_eq!(status, 200, "{result}");
    assert_eq!(result["session_id"], id.as_str());
    assert_eq!(result["status"], "verified");
    let learned = &result["result"];
    assert_eq!(learned["verified"], true);
    assert_eq!(learned["verifier_id"], "gateway.example");
    assert_eq!(
        learned["request_id"],
        object["signed_request"]["request_id"]
    );
    let identity = &learned["credentials"]["identity"];
    assert_eq!(identity["disclosed"], json!({}));
    assert_eq!(identity["issuer"]["tier"], "commune");
    assert_eq!(identity["issuer"]["name"], "UBND xã Mỹ Hòa Hưng");
    let held: Vec<&str> = learned["predicates_held"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["holds"].as_str().unwrap())
        .collect();
    assert_eq!(held.len(), 3, "{held:?}");
    assert!(
        held[0].starts_with("birth_date: age at least 18 on "),
        "{held:?}"
    );
    let pseudonym = result["pseudonym"].as_str().unwrap();
    assert_eq!(pseudonym.len(), 96);
    assert_eq!(learned["pseudonyms"]["identity"], pseudonym);

    let (status, again) = get_json(&c, &result_uri, Some(CLINIC_KEY)).await;
    assert_eq!(
        (status, again["error"].as_str()),
        (410, Some("already_read"))
    );

    // The same holder at the next visit: the same pseudonym for this scope.
    let created = session(&c, &gw.url, "age").await;
    let (object, presentation) = answer(&c, created["request_uri"].as_str().unwrap(), now()).await;
    let (status, _) = post_text(
        &c,
        object["response_uri"].as_str().unwrap(),
        None,
        presentation,
    )
    .await;
    assert_eq!(status, 200);
    let (status, result) = get_json(
        &c,
        created["result_uri"].as_str().unwrap(),
        Some(CLINIC_KEY),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(result["pseudonym"].as_str(), Some(pseudonym));

    let metrics = c
        .get(format!("{}/metrics", gw.url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        metrics.contains("zkcred_gateway_verifications_total{outcome=\"verified\"} 2"),
        "{metrics}"
    );
    gw.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inline_specs_and_one_shot_verification() {
    let dir = tempfile::tempdir().unwrap();
    let gw = InProcess::start(
        &config_toml(&embedded(&dir.path().join("state.redb")), ""),
        manual_clock(),
    )
    .await;
    let c = client();
    // An inline spec (the name template's), answered through the service.
    let (status, created) =
        create_session(&c, &gw.url, CLINIC_KEY, &json!({ "spec": name_spec() })).await;
    assert_eq!(status, 201, "{created}");
    let id = created["session_id"].as_str().unwrap();
    let (object, presentation) = answer(&c, created["request_uri"].as_str().unwrap(), now()).await;
    assert_eq!(object["keys"].as_array().unwrap().len(), 2);
    let verify_uri = format!("{}/v1/sessions/{id}/verify", gw.url);
    let (status, result) = post_text(&c, &verify_uri, Some(CLINIC_KEY), presentation.clone()).await;
    assert_eq!(status, 200, "{result}");
    assert_eq!(
        result["result"]["credentials"]["identity"]["disclosed"],
        json!({ "full_name": { "string": "Nguyễn Thị Mai" } })
    );
    assert!(result.get("pseudonym").is_none());
    // Handed out already: not again, and the wallet's post of it is a second answer.
    let (status, body) = get_json(
        &c,
        created["result_uri"].as_str().unwrap(),
        Some(CLINIC_KEY),
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (410, Some("already_read"))
    );
    let (status, body) = post_text(
        &c,
        object["response_uri"].as_str().unwrap(),
        None,
        presentation.clone(),
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (409, Some("already_answered"))
    );
    let (status, body) = post_text(&c, &verify_uri, Some(CLINIC_KEY), presentation).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (409, Some("already_answered"))
    );
    gw.stop().await;
}

/// The lab's API key; the lab has a webhook.
const LAB_KEY: &str = "1ab01ab01ab01ab01ab01ab01ab01ab01ab01ab01ab01ab01ab01ab01ab01ab0";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_webhook_tells_the_service_its_session_was_answered() {
    use sha2::Digest;
    // The lab's webhook receiver.
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<serde_json::Value>();
    let hook = axum::Router::new().route(
        "/hook",
        axum::routing::post(move |axum::Json(v): axum::Json<serde_json::Value>| {
            let tx = tx.clone();
            async move {
                let _ = tx.send(v);
                "ok"
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let hook_url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, hook).await });

    let dir = tempfile::tempdir().unwrap();
    let lab = format!(
        "[[service]]\nid = \"lab\"\napi_key_sha256 = \"{}\"\nwebhook_url = \"{hook_url}\"\n",
        hex::encode(sha2::Sha256::digest(LAB_KEY.as_bytes()))
    );
    let gw = InProcess::start(
        &config_toml(&embedded(&dir.path().join("state.redb")), &lab),
        manual_clock(),
    )
    .await;
    let c = client();
    let (status, created) =
        create_session(&c, &gw.url, LAB_KEY, &json!({ "template": "name" })).await;
    assert_eq!(status, 201);
    let (object, presentation) = answer(&c, created["request_uri"].as_str().unwrap(), now()).await;
    let (status, _) = post_text(
        &c,
        object["response_uri"].as_str().unwrap(),
        None,
        presentation,
    )
    .await;
    assert_eq!(status, 200);
    let note = tokio::time::timeout(std::time::Duration::from_secs(10), rx.recv())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        note,
        json!({
            "session_id": created["session_id"],
            "status": "answered",
            "result_uri": created["result_uri"],
        })
    );
    // The notification carries nothing: the lab reads the result with its key.
    let (status, result) = get_json(&c, note["result_uri"].as_str().unwrap(), Some(LAB_KEY)).await;
    assert_eq!((status, result["status"].as_str()), (200, Some("verified")));
    // The clinic has no webhook: its sessions notify nobody.
    let created = session(&c, &gw.url, "name").await;
    let (object, presentation) = answer(&c, created["request_uri"].as_str().unwrap(), now()).await;
    let (status, _) = post_text(
        &c,
        object["response_uri"].as_str().unwrap(),
        None,
        presentation,
    )
    .await;
    assert_eq!(status, 200);
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(rx.try_recv().is_err());
    gw.stop().await;
}
