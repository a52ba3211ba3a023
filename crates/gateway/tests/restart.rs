//! The embedded store survives a gateway restart: sessions, their outcomes and the nonces
//! consumed (the gateway runs as a process, is stopped with SIGTERM and started again on the
//! same store file).

mod common;

use common::*;
use zkcred::credential::{JsonDocument, SignedRequest};
use zkcred_gateway::store::{EmbeddedStore, Store};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_embedded_store_survives_a_restart_with_its_nonces() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.redb");
    let config = config_toml(&embedded(&state), "");
    let file = dir.path().join("gw.toml");
    let c = client();

    let gw = Process::start(&config, &file);
    let answered = session(&c, &gw.url, "age").await;
    let (object1, p1) = answer(&c, answered["request_uri"].as_str().unwrap(), now()).await;
    let (status, _) = post_text(
        &c,
        object1["response_uri"].as_str().unwrap(),
        None,
        p1.clone(),
    )
    .await;
    assert_eq!(status, 200);
    let open = session(&c, &gw.url, "age").await;
    let (object2, p2) = answer(&c, open["request_uri"].as_str().unwrap(), now()).await;
    let before = gw.url.clone();
    gw.stop();

    // Listening on port 0: the restarted gateway has another port.
    let gw = Process::start(&config, &file);
    let at = |v: &serde_json::Value| v.as_str().unwrap().replace(&before, &gw.url);
    // The accepted presentation is still refused, its outcome still readable (once).
    let (status, body) = post_text(&c, &at(&object1["response_uri"]), None, p1).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (409, Some("already_answered"))
    );
    let (status, body) = get_json(&c, &at(&answered["result_uri"]), Some(CLINIC_KEY)).await;
    assert_eq!(
        (status, body["status"].as_str()),
        (200, Some("verified")),
        "{body}"
    );
    let (status, _) = get_json(&c, &at(&answered["result_uri"]), Some(CLINIC_KEY)).await;
    assert_eq!(status, 410);
    // The open session is still open.
    let (status, _) = post_text(&c, &at(&object2["response_uri"]), None, p2).await;
    assert_eq!(status, 200);
    gw.stop();

    // The nonces are in the file: neither can be consumed again.
    let store = EmbeddedStore::open(&state).unwrap();
    for object in [&object1, &object2] {
        let signed = SignedRequest::from_json(&object["signed_request"].to_string()).unwrap();
        let r = signed.request();
        let fresh = store
            .consume_nonce(&r.verifier_id, r.nonce.as_ref(), now() + 3_600, now())
            .await
            .unwrap();
        assert!(!fresh, "the nonce was forgotten");
    }
}
