//! Operations: health and readiness, Prometheus metrics, request ids, per-key rate limits,
//! request timeouts, graceful shutdown, and logs that never contain a presentation, a
//! disclosed value or a full nonce.

mod common;

use common::*;
use serde_json::{json, Value};
use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Every log line of this test binary (JSON, debug level and up).
fn logs() -> Arc<Mutex<Vec<u8>>> {
    static LOGS: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    LOGS.get_or_init(|| {
        let buffer = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&buffer);
        tracing_subscriber::fmt()
            .json()
            .with_max_level(tracing::Level::DEBUG)
            .with_writer(move || Sink(Arc::clone(&sink)))
            .init();
        buffer
    })
    .clone()
}

struct Sink(Arc<Mutex<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

async fn start(extra: &str) -> (InProcess, tempfile::TempDir) {
    logs();
    let dir = tempfile::tempdir().unwrap();
    let gw = InProcess::start(
        &config_toml(&embedded(&dir.path().join("state.redb")), extra),
        manual_clock(),
    )
    .await;
    (gw, dir)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_readiness_metrics_and_request_ids() {
    let (gw, _dir) = start("").await;
    let c = client();
    let (status, body) = get_json(&c, &format!("{}/healthz", gw.url), None).await;
    assert_eq!((status, body), (200, json!({"status": "ok"})));
    let (status, body) = get_json(&c, &format!("{}/readyz", gw.url), None).await;
    assert_eq!((status, body), (200, json!({"status": "ok"})));

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

    let r = c.get(format!("{}/metrics", gw.url)).send().await.unwrap();
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .contains("text"));
    let m = r.text().await.unwrap();
    for needle in [
        "zkcred_gateway_verifications_total{outcome=\"verified\"} 1",
        "zkcred_gateway_verification_seconds_count 1",
        "zkcred_gateway_verification_seconds_bucket{le=",
        "zkcred_gateway_verification_batch_size_count 1",
        "zkcred_gateway_sessions_created_total 1",
        "zkcred_gateway_http_requests_total{route=\"/v1/responses/{id}\",method=\"POST\",status=\"200\"} 1",
        "zkcred_gateway_http_request_seconds_count{route=\"/v1/sessions\"} 1",
        "zkcred_gateway_verifications_in_flight 0",
    ] {
        assert!(m.contains(needle), "no {needle} in\n{m}");
    }

    // Request ids: made when missing, kept when given.
    let r = c.get(format!("{}/healthz", gw.url)).send().await.unwrap();
    assert_eq!(r.headers()["x-request-id"].len(), 36);
    let r = c
        .get(format!("{}/healthz", gw.url))
        .header("x-request-id", "trace-me-42")
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["x-request-id"], "trace-me-42");
    gw.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limits_are_per_api_key() {
    let (gw, _dir) = start("[limits]\nrate_per_second = 1\nrate_burst = 3\n").await;
    let c = client();
    let unknown = format!("{}/v1/sessions/{}/result", gw.url, "0".repeat(32));
    for _ in 0..3 {
        let (status, _) = get_json(&c, &unknown, Some(CLINIC_KEY)).await;
        assert_eq!(status, 404);
    }
    // One more token a second: a few quick requests more meet the limit (however slow the
    // machine).
    let mut limited = None;
    for _ in 0..10 {
        let r = c
            .get(&unknown)
            .bearer_auth(CLINIC_KEY)
            .send()
            .await
            .unwrap();
        if r.status() == 429 {
            limited = Some(r);
            break;
        }
        assert_eq!(r.status(), 404);
    }
    let r = limited.expect("no 429 after 13 requests at 1 per second");
    assert!(
        r.headers()["retry-after"]
            .to_str()
            .unwrap()
            .parse::<u64>()
            .unwrap()
            >= 1
    );
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["error"], "rate_limited");
    // Another key has its own budget; wallets' endpoints have none of these.
    let (status, _) = get_json(&c, &unknown, Some(PHARMACY_KEY)).await;
    assert_eq!(status, 404);
    let (status, _) = get_json(&c, &format!("{}/healthz", gw.url), None).await;
    assert_eq!(status, 200);
    // The budget refills.
    tokio::time::sleep(Duration::from_millis(1_100)).await;
    let (status, _) = get_json(&c, &unknown, Some(CLINIC_KEY)).await;
    assert_eq!(status, 404);
    gw.stop().await;
}

/// Opens a connection and sends a request whose body is `total` bytes, of which only
/// `sent` are written now; returns the stream (to finish or abandon it).
async fn partial_post(
    url: &str,
    path: &str,
    key: &str,
    body: &str,
    sent: usize,
) -> tokio::net::TcpStream {
    let addr = url.strip_prefix("http://").unwrap();
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {key}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(&body.as_bytes()[..sent]).await.unwrap();
    stream.flush().await.unwrap();
    stream
}

/// Reads the whole answer; its status and JSON body.
async fn read_answer(stream: &mut tokio::net::TcpStream) -> (u16, Value) {
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await.unwrap();
    let text = String::from_utf8_lossy(&answer);
    let status = text.split(' ').nth(1).unwrap().parse().unwrap();
    let json = &text[text.find('{').unwrap()..=text.rfind('}').unwrap()];
    (status, serde_json::from_str(json).unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_that_takes_too_long_times_out() {
    let (gw, _dir) = start("[limits]\nrequest_timeout_secs = 1\n").await;
    let body = json!({"template": "age"}).to_string();
    // The body never completes.
    let mut stream = partial_post(&gw.url, "/v1/sessions", CLINIC_KEY, &body, 5).await;
    let (status, reply) = tokio::time::timeout(Duration::from_secs(10), read_answer(&mut stream))
        .await
        .unwrap();
    assert_eq!(
        (status, reply["error"].as_str()),
        (503, Some("timeout")),
        "{reply}"
    );
    gw.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_finishes_the_requests_in_flight() {
    let (gw, _dir) = start("").await;
    let url = gw.url.clone();
    let body = json!({"template": "age"}).to_string();
    let mut stream = partial_post(&url, "/v1/sessions", CLINIC_KEY, &body, 5).await;
    // Let the server take the request in, then ask it to stop while the body is unfinished.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let stopped = tokio::spawn(gw.stop());
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(
        !stopped.is_finished(),
        "stopped before the request in flight finished"
    );
    stream.write_all(&body.as_bytes()[5..]).await.unwrap();
    let (status, reply) = read_answer(&mut stream).await;
    assert_eq!(status, 201, "{reply}");
    tokio::time::timeout(Duration::from_secs(10), stopped)
        .await
        .unwrap()
        .unwrap();
    // Stopped: nobody listens any more.
    let addr = url.strip_prefix("http://").unwrap();
    assert!(tokio::net::TcpStream::connect(addr).await.is_err());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logs_never_contain_a_presentation_a_disclosed_value_or_a_full_nonce() {
    let (gw, _dir) = start("").await;
    let c = client();
    let mut secrets = Vec::new();
    for template in ["name", "age"] {
        let created = session(&c, &gw.url, template).await;
        let (object, presentation) =
            answer(&c, created["request_uri"].as_str().unwrap(), now()).await;
        let response_uri = object["response_uri"].as_str().unwrap();
        // A refused attempt too (its error message names the request), then the answer,
        // then a replay.
        let other = session(&c, &gw.url, template).await;
        let other_uri = format!(
            "{}/v1/responses/{}",
            gw.url,
            other["session_id"].as_str().unwrap()
        );
        let (status, _) = post_text(&c, &other_uri, None, presentation.clone()).await;
        assert_eq!(status, 422);
        for expected in [200, 409] {
            let (status, _) = post_text(&c, response_uri, None, presentation.clone()).await;
            assert_eq!(status, expected);
        }
        let (status, result) = get_json(
            &c,
            created["result_uri"].as_str().unwrap(),
            Some(CLINIC_KEY),
        )
        .await;
        assert_eq!(status, 200);
        let p: Value = serde_json::from_str(&presentation).unwrap();
        secrets.push(object["nonce"].as_str().unwrap().to_owned());
        secrets.push(p["credentials"][0]["proof"].as_str().unwrap()[..64].to_owned());
        if let Some(nym) = result["pseudonym"].as_str() {
            secrets.push(nym.to_owned());
        }
    }
    secrets.push("Nguyễn Thị Mai".to_owned());
    secrets.push("Nguy\\u1ec5n".to_owned());
    gw.stop().await;
    let logs = String::from_utf8(logs().lock().unwrap().clone()).unwrap();
    assert!(
        logs.contains("presentation accepted"),
        "the logs were not captured"
    );
    assert!(logs.contains("presentation refused"), "{logs}");
    for secret in &secrets {
        assert!(!logs.contains(secret.as_str()), "the logs contain {secret}");
    }
    // The accepted nonces appear only as their 8-digit prefix.
    assert!(logs.contains(&secrets[0][..8]));
}
