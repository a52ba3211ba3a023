//! Every attack or mistake gets the right status and a clear JSON error, never a panic (the
//! gateway keeps answering after each): a replayed presentation, a presentation for another
//! session, an expired session, a wrong API key, another service's session, malformed and
//! oversized bodies. Embedded store, gateway on 127.0.0.1.

mod common;

use common::*;
use serde_json::{json, Value};
use std::sync::Arc;
use zkcred_gateway::clock::ManualClock;

async fn gateway(clock: Arc<ManualClock>) -> (InProcess, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let gw = InProcess::start(
        &config_toml(&embedded(&dir.path().join("state.redb")), ""),
        clock,
    )
    .await;
    (gw, dir)
}

fn error(body: &Value) -> &str {
    assert!(
        body["message"].as_str().is_some_and(|m| !m.is_empty()),
        "no message: {body}"
    );
    body["error"].as_str().unwrap_or_default()
}

async fn still_alive(c: &reqwest::Client, url: &str) {
    let (status, body) = get_json(c, &format!("{url}/healthz"), None).await;
    assert_eq!((status, body["status"].as_str()), (200, Some("ok")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replayed_presentation_is_refused() {
    let (gw, _dir) = gateway(manual_clock()).await;
    let c = client();
    let created = session(&c, &gw.url, "age").await;
    let (object, presentation) = answer(&c, created["request_uri"].as_str().unwrap(), now()).await;
    let response_uri = object["response_uri"].as_str().unwrap();
    let (status, _) = post_text(&c, response_uri, None, presentation.clone()).await;
    assert_eq!(status, 200);
    for _ in 0..3 {
        let (status, body) = post_text(&c, response_uri, None, presentation.clone()).await;
        assert_eq!((status, error(&body)), (409, "already_answered"), "{body}");
    }
    // The outcome is the first answer's, read once.
    let (status, _) = get_json(
        &c,
        created["result_uri"].as_str().unwrap(),
        Some(CLINIC_KEY),
    )
    .await;
    assert_eq!(status, 200);
    still_alive(&c, &gw.url).await;
    gw.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_presentation_for_another_session_is_refused_and_burns_nothing() {
    let (gw, _dir) = gateway(manual_clock()).await;
    let c = client();
    let a = session(&c, &gw.url, "age").await;
    let b = session(&c, &gw.url, "age").await;
    let (object_a, presentation_a) = answer(&c, a["request_uri"].as_str().unwrap(), now()).await;
    let b_response = format!(
        "{}/v1/responses/{}",
        gw.url,
        b["session_id"].as_str().unwrap()
    );
    let (status, body) = post_text(&c, &b_response, None, presentation_a.clone()).await;
    assert_eq!((status, error(&body)), (422, "wrong_request"), "{body}");
    assert!(body["message"]
        .as_str()
        .unwrap()
        .contains("does not answer this request"));
    // Also through the one-shot endpoint.
    let b_verify = format!(
        "{}/v1/sessions/{}/verify",
        gw.url,
        b["session_id"].as_str().unwrap()
    );
    let (status, body) = post_text(&c, &b_verify, Some(CLINIC_KEY), presentation_a.clone()).await;
    assert_eq!((status, error(&body)), (422, "wrong_request"), "{body}");
    // Session b is still open, and a's presentation still answers a.
    let (status, _) = get_json(&c, b["result_uri"].as_str().unwrap(), Some(CLINIC_KEY)).await;
    assert_eq!(status, 202);
    let (status, _) = post_text(
        &c,
        object_a["response_uri"].as_str().unwrap(),
        None,
        presentation_a,
    )
    .await;
    assert_eq!(status, 200);
    still_alive(&c, &gw.url).await;
    gw.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_session_is_refused_everywhere() {
    let clock = manual_clock();
    let (gw, _dir) = gateway(Arc::clone(&clock)).await;
    let c = client();
    let created = session(&c, &gw.url, "age").await;
    let start = now();
    let (object, presentation) = answer(&c, created["request_uri"].as_str().unwrap(), start).await;
    // Five minutes (the default session lifetime) later.
    clock.advance(300);
    let response_uri = object["response_uri"].as_str().unwrap();
    let (status, body) = post_text(&c, response_uri, None, presentation.clone()).await;
    assert_eq!((status, error(&body)), (404, "session_expired"), "{body}");
    let (status, body) = get_json(&c, created["request_uri"].as_str().unwrap(), None).await;
    assert_eq!((status, error(&body)), (404, "session_expired"));
    let result_uri = created["result_uri"].as_str().unwrap();
    let (status, body) = get_json(&c, result_uri, Some(CLINIC_KEY)).await;
    assert_eq!((status, error(&body)), (404, "session_expired"));
    // Once its record is gone too (after the result lifetime), it is simply unknown.
    clock.advance(600);
    let (status, body) = get_json(&c, result_uri, Some(CLINIC_KEY)).await;
    assert_eq!((status, error(&body)), (404, "session_not_found"));
    let (status, body) = post_text(&c, response_uri, None, presentation).await;
    assert_eq!((status, error(&body)), (404, "session_not_found"));
    still_alive(&c, &gw.url).await;
    gw.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_or_missing_api_keys_are_refused() {
    let (gw, _dir) = gateway(manual_clock()).await;
    let c = client();
    let body = json!({ "template": "age" });
    let wrong = "00".repeat(32);
    for key in [wrong.as_str(), "", "not hex at all", &CLINIC_KEY[..63]] {
        let (status, reply) = create_session(&c, &gw.url, key, &body).await;
        assert_eq!(
            (status, error(&reply)),
            (401, "unauthorized"),
            "key {key:?}"
        );
    }
    let r = c
        .post(format!("{}/v1/sessions", gw.url))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    assert_eq!(
        r.headers()["www-authenticate"],
        "Bearer realm=\"zkcred-gateway\""
    );
    let created = session(&c, &gw.url, "age").await;
    let result_uri = created["result_uri"].as_str().unwrap();
    let (status, reply) = get_json(&c, result_uri, Some(&wrong)).await;
    assert_eq!((status, error(&reply)), (401, "unauthorized"));
    let (status, reply) = get_json(&c, result_uri, None).await;
    assert_eq!((status, error(&reply)), (401, "unauthorized"));
    still_alive(&c, &gw.url).await;
    gw.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_services_session_looks_unknown() {
    let (gw, _dir) = gateway(manual_clock()).await;
    let c = client();
    let created = session(&c, &gw.url, "age").await;
    let id = created["session_id"].as_str().unwrap();
    let (_, presentation) = answer(&c, created["request_uri"].as_str().unwrap(), now()).await;
    // The pharmacy gets exactly what it gets for a session that does not exist.
    let unknown = format!("{}/v1/sessions/{}/result", gw.url, "ab".repeat(16));
    let (status_unknown, body_unknown) = get_json(&c, &unknown, Some(PHARMACY_KEY)).await;
    let result_uri = created["result_uri"].as_str().unwrap();
    let (status, body) = get_json(&c, result_uri, Some(PHARMACY_KEY)).await;
    assert_eq!((status, error(&body)), (404, "session_not_found"));
    assert_eq!((status, &body), (status_unknown, &body_unknown));
    let verify = format!("{}/v1/sessions/{id}/verify", gw.url);
    let (status, body) = post_text(&c, &verify, Some(PHARMACY_KEY), presentation.clone()).await;
    assert_eq!((status, error(&body)), (404, "session_not_found"));
    // Nothing was taken from the clinic: it verifies and reads its own session.
    let (status, _) = post_text(&c, &verify, Some(CLINIC_KEY), presentation).await;
    assert_eq!(status, 200);
    // A malformed id is unknown too.
    let (status, body) = get_json(
        &c,
        &format!("{}/v1/sessions/NOT-AN-ID/result", gw.url),
        Some(CLINIC_KEY),
    )
    .await;
    assert_eq!((status, error(&body)), (404, "session_not_found"));
    still_alive(&c, &gw.url).await;
    gw.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_and_oversized_bodies_are_refused() {
    let (gw, _dir) = gateway(manual_clock()).await;
    let c = client();
    let created = session(&c, &gw.url, "age").await;
    let (object, presentation) = answer(&c, created["request_uri"].as_str().unwrap(), now()).await;
    let response_uri = object["response_uri"].as_str().unwrap();

    // Presentations: not JSON, not an object, another document, wrong version, not UTF-8.
    for (body, code) in [
        ("not json".to_owned(), "malformed_presentation"),
        ("[1, 2]".to_owned(), "malformed_presentation"),
        ("{}".to_owned(), "malformed_presentation"),
        (r#"{"version": 9}"#.to_owned(), "malformed_presentation"),
        (
            object["signed_request"].to_string(),
            "malformed_presentation",
        ),
    ] {
        let (status, reply) = post_text(&c, response_uri, None, body.clone()).await;
        assert_eq!((status, error(&reply)), (400, code), "{body}: {reply}");
    }
    let r = c
        .post(response_uri)
        .body(vec![0xff, 0xfe, b'{'])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let reply: Value = r.json().await.unwrap();
    assert_eq!(error(&reply), "malformed_body");

    // A tampered proof (another opening response, still a canonical scalar): well-formed,
    // does not verify.
    let mut tampered: Value = serde_json::from_str(&presentation).unwrap();
    let response = &mut tampered["credentials"][0]["predicate_proofs"][0]["response"];
    let r = response.as_str().unwrap().to_owned();
    let flipped = if r.ends_with('0') { "1" } else { "0" };
    *response = json!(format!("{}{flipped}", &r[..r.len() - 1]));
    let (status, reply) = post_text(&c, response_uri, None, tampered.to_string()).await;
    assert_eq!(
        (status, error(&reply)),
        (422, "presentation_invalid"),
        "{reply}"
    );
    // Padded with copies of its credential proof: refused by count, before any point.
    let mut padded: Value = serde_json::from_str(&presentation).unwrap();
    let one = padded["credentials"][0].clone();
    padded["credentials"] = Value::Array(vec![one; 40]);
    let (status, reply) = post_text(&c, response_uri, None, padded.to_string()).await;
    assert_eq!(
        (status, error(&reply)),
        (400, "malformed_presentation"),
        "{reply}"
    );

    // Oversized: with a Content-Length (refused before the body is read: a client may then
    // fail to send the rest, so this one is sent raw), and streamed without one.
    let sessions_uri = format!("{}/v1/sessions", gw.url);
    for uri in [response_uri, sessions_uri.as_str()] {
        let (status, reply) = raw_post(&gw.url, uri, false, 40, 64 << 10).await;
        assert_eq!(
            (status, error(&reply)),
            (413, "body_too_large"),
            "{uri}: {reply}"
        );
        let (status, reply) = raw_post(&gw.url, uri, true, 40, 64 << 10).await;
        assert_eq!(
            (status, error(&reply)),
            (413, "body_too_large"),
            "{uri}: {reply}"
        );
    }

    // After all of that, the genuine presentation is still accepted: nothing was burnt.
    let (status, reply) = post_text(&c, response_uri, None, presentation).await;
    assert_eq!(status, 200, "{reply}");

    // Session requests: malformed, both or neither of template and spec, unknown template,
    // a bad spec, a scope the gateway does not own, an unknown schema.
    let sessions = format!("{}/v1/sessions", gw.url);
    for (body, status, code) in [
        ("not json".to_owned(), 400, "malformed_body"),
        ("{}".to_owned(), 400, "malformed_body"),
        (
            json!({"template": "age", "spec": name_spec()}).to_string(),
            400,
            "malformed_body",
        ),
        (
            json!({"template": "age", "colour": 1}).to_string(),
            400,
            "malformed_body",
        ),
        (
            json!({"template": "nope"}).to_string(),
            422,
            "unknown_template",
        ),
        (
            json!({"spec": {"credentials": []}}).to_string(),
            422,
            "invalid_spec",
        ),
        (
            json!({"spec": {"version": 1, "credentials": []}}).to_string(),
            422,
            "invalid_spec",
        ),
        (
            json!({"spec": {"version": 1, "credentials": [{"label": "x", "schema": "no.such"}]}})
                .to_string(),
            422,
            "invalid_spec",
        ),
        (
            json!({"spec": {"version": 1, "pseudonym_scope": "other",
                            "credentials": [{"label": "x", "schema": "vn.commune.identity"}]}})
            .to_string(),
            422,
            "invalid_spec",
        ),
    ] {
        let (got, reply) = post_text(&c, &sessions, Some(CLINIC_KEY), body.clone()).await;
        assert_eq!((got, error(&reply)), (status, code), "{body}: {reply}");
    }
    // A predicate whose circuit the gateway has no key for.
    let spec = json!({"version": 1, "credentials": [{"label": "x", "schema": "vn.commune.identity",
        "predicates": [{"attribute": "birth_date",
                        "predicate": {"range": {"lo": {"date": "1990-01-01"}, "hi": {"date": "2010-01-01"}}}}]}]});
    let (status, reply) = create_session(&c, &gw.url, CLINIC_KEY, &json!({"spec": spec})).await;
    assert_eq!((status, error(&reply)), (422, "missing_keys"), "{reply}");

    // Unknown routes and methods: JSON too.
    let (status, reply) = get_json(&c, &format!("{}/v1/nothing", gw.url), None).await;
    assert_eq!((status, error(&reply)), (404, "not_found"));
    let r = c.delete(&sessions).send().await.unwrap();
    assert_eq!(r.status(), 405);
    let reply: Value = r.json().await.unwrap();
    assert_eq!(error(&reply), "method_not_allowed");
    still_alive(&c, &gw.url).await;
    gw.stop().await;
}

/// A raw HTTP/1.1 POST to `uri` (as the clinic) of `count` pieces of `size` spaces, with a
/// Content-Length, or without one (`chunked`, as a client that streams would send it); the
/// status and JSON body of the answer. Stops sending when the server has answered.
async fn raw_post(base: &str, uri: &str, chunked: bool, count: usize, size: usize) -> (u16, Value) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let addr = base.strip_prefix("http://").unwrap();
    let path = uri.strip_prefix(base).unwrap();
    let stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let (mut read, mut write) = stream.into_split();
    let length = if chunked {
        "Transfer-Encoding: chunked".to_owned()
    } else {
        format!("Content-Length: {}", count * size)
    };
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
         Authorization: Bearer {CLINIC_KEY}\r\n{length}\r\nConnection: close\r\n\r\n"
    );
    let piece = if chunked {
        format!("{size:x}\r\n{}\r\n", " ".repeat(size))
    } else {
        " ".repeat(size)
    };
    // Sent beside the reading: the server may answer (and close) before it has it all.
    let writer = tokio::spawn(async move {
        write.write_all(head.as_bytes()).await?;
        for _ in 0..count {
            write.write_all(piece.as_bytes()).await?;
        }
        if chunked {
            write.write_all(b"0\r\n\r\n").await?;
        }
        Ok::<_, std::io::Error>(write)
    });
    let mut answer = Vec::new();
    let mut buf = [0u8; 4096];
    // Read until the answer's JSON body is complete (or the connection ends).
    loop {
        match read.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => answer.extend_from_slice(&buf[..n]),
        }
        let text = String::from_utf8_lossy(&answer);
        if text.contains("\r\n\r\n") && text.trim_end().ends_with('}') {
            break;
        }
    }
    writer.abort();
    let text = String::from_utf8_lossy(&answer);
    let status: u16 = text.split(' ').nth(1).unwrap().parse().unwrap();
    let body = text.split("\r\n\r\n").nth(1).unwrap_or_default();
    // The body itself may be chunked: take the JSON object in it.
    let json = &body[body.find('{').unwrap()..=body.rfind('}').unwrap()];
    (status, serde_json::from_str(json).unwrap())
}
