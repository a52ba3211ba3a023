//! Replicas over Redis, as real processes (the `zkcred-gateway` binary) and a real
//! `redis-server`: two gateways share one Redis, and the same presentation posted 1,000 times
//! at once, to both, is accepted exactly once; Redis stopped mid-run makes every gateway
//! answer 503 and accept nothing, and once Redis is back the gateway recovers by itself.

mod common;

use common::redis::RedisServer;
use common::*;
use serde_json::Value;
use std::time::{Duration, Instant};

/// Sums `zkcred_gateway_verifications_total{outcome="..."}` of a metrics text.
fn verified_count(metrics: &str, outcome: &str) -> u64 {
    let prefix = format!("zkcred_gateway_verifications_total{{outcome=\"{outcome}\"}} ");
    metrics
        .lines()
        .find_map(|l| l.strip_prefix(&prefix))
        .map_or(0, |v| v.trim().parse().unwrap())
}

async fn metrics(c: &reqwest::Client, url: &str) -> String {
    c.get(format!("{url}/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_gateways_accept_one_presentation_posted_1000_times_exactly_once() {
    let Some(redis) = RedisServer::start() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let config = config_toml(&redis_store(&redis.url()), "");
    let a = Process::start(&config, &dir.path().join("a.toml"));
    let b = Process::start(&config, &dir.path().join("b.toml"));
    let c = client();

    // Created at A, answered through A's request object; the session lives in Redis.
    let created = session(&c, &a.url, "age").await;
    let id = created["session_id"].as_str().unwrap().to_owned();
    let (_, presentation) = answer(&c, created["request_uri"].as_str().unwrap(), now()).await;
    // B serves the same session.
    let (status, _) = get_json(&c, &format!("{}/v1/requests/{id}", b.url), None).await;
    assert_eq!(status, 200);

    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..1_000 {
        let url = format!(
            "{}/v1/responses/{id}",
            if i % 2 == 0 { &a.url } else { &b.url }
        );
        let (c, body) = (c.clone(), presentation.clone());
        tasks.spawn(async move { post_text(&c, &url, None, body).await });
    }
    let (mut accepted, mut refused) = (0, 0);
    while let Some(done) = tasks.join_next().await {
        let (status, body) = done.unwrap();
        match status {
            200 => accepted += 1,
            409 => {
                assert_eq!(body["error"], "already_answered");
                refused += 1;
            }
            other => panic!("unexpected {other}: {body}"),
        }
    }
    assert_eq!((accepted, refused), (1, 999));
    eprintln!("1000 posts to two gateways in {:?}", started.elapsed());

    // One outcome, read once, from either replica.
    let (status, result) = get_json(
        &c,
        &format!("{}/v1/sessions/{id}/result", b.url),
        Some(CLINIC_KEY),
    )
    .await;
    assert_eq!(status, 200, "{result}");
    assert_eq!(result["status"], "verified");
    let (status, again) = get_json(
        &c,
        &format!("{}/v1/sessions/{id}/result", a.url),
        Some(CLINIC_KEY),
    )
    .await;
    assert_eq!(
        (status, again["error"].as_str()),
        (410, Some("already_read"))
    );
    let (ma, mb) = (metrics(&c, &a.url).await, metrics(&c, &b.url).await);
    assert_eq!(
        verified_count(&ma, "verified") + verified_count(&mb, "verified"),
        1
    );
    assert_eq!(
        verified_count(&ma, "already_answered") + verified_count(&mb, "already_answered"),
        999
    );
    a.stop();
    b.stop();
}

async fn wait_ready(c: &reqwest::Client, url: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let (status, _) = get_json(c, &format!("{url}/readyz"), None).await;
        if status == 200 {
            return;
        }
        assert!(Instant::now() < deadline, "the gateway did not recover");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn assert_unavailable(status: u16, body: &Value) {
    assert_eq!(status, 503, "{body}");
    assert_eq!(body["error"], "store_unavailable", "{body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redis_down_fails_closed_and_the_gateway_recovers() {
    let Some(mut redis) = RedisServer::start_persistent() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let gw = Process::start(
        &config_toml(&redis_store(&redis.url()), ""),
        &dir.path().join("gw.toml"),
    );
    let c = client();
    let created = session(&c, &gw.url, "age").await;
    let id = created["session_id"].as_str().unwrap().to_owned();
    let result_uri = created["result_uri"].as_str().unwrap().to_owned();
    let (object, presentation) = answer(&c, created["request_uri"].as_str().unwrap(), now()).await;
    let response_uri = object["response_uri"].as_str().unwrap().to_owned();

    // Redis goes away mid-run: everything that needs it is 503, nothing is accepted.
    redis.stop();
    let (status, body) = get_json(&c, &format!("{}/readyz", gw.url), None).await;
    assert_eq!(
        (status, body["status"].as_str()),
        (503, Some("unavailable"))
    );
    let (status, body) = get_json(&c, &format!("{}/healthz", gw.url), None).await;
    assert_eq!(status, 200, "alive, only not ready: {body}");
    for _ in 0..3 {
        let (status, body) = post_text(&c, &response_uri, None, presentation.clone()).await;
        assert_unavailable(status, &body);
    }
    let (status, body) = create_session(
        &c,
        &gw.url,
        CLINIC_KEY,
        &serde_json::json!({"template": "age"}),
    )
    .await;
    assert_unavailable(status, &body);
    let (status, body) = get_json(&c, &result_uri, Some(CLINIC_KEY)).await;
    assert_unavailable(status, &body);
    let (status, body) = get_json(&c, created["request_uri"].as_str().unwrap(), None).await;
    assert_unavailable(status, &body);

    // Back (with its data): the gateway reconnects by itself. Nothing was accepted while
    // Redis was down, so the session is still open and the presentation is accepted now.
    redis.restart();
    wait_ready(&c, &gw.url).await;
    let (status, body) = get_json(&c, &result_uri, Some(CLINIC_KEY)).await;
    assert_eq!(
        (status, body["status"].as_str()),
        (202, Some("pending")),
        "{body}"
    );
    let (status, body) = post_text(&c, &response_uri, None, presentation.clone()).await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = post_text(&c, &response_uri, None, presentation).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (409, Some("already_answered"))
    );
    let (status, body) = get_json(&c, &result_uri, Some(CLINIC_KEY)).await;
    assert_eq!(
        (status, body["session_id"].as_str()),
        (200, Some(id.as_str()))
    );
    // And new sessions work end to end.
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
    let m = metrics(&c, &gw.url).await;
    let store_errors: u64 = m
        .lines()
        .find_map(|l| l.strip_prefix("zkcred_gateway_store_errors_total "))
        .map_or(0, |v| v.trim().parse().unwrap());
    assert!(store_errors >= 6, "{m}");
    gw.stop();
}
