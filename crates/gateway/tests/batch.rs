//! Micro-batching: posts that arrive together are verified in one batch, each gets its own
//! result (a bad presentation among good ones is refused alone), and the batch-size
//! histogram shows batches of more than one.

mod common;

use common::*;
use serde_json::{json, Value};

/// Starts a gateway with one verifier slot and a wide window, so that concurrent posts
/// queue up and are verified together.
async fn gateway(dir: &std::path::Path) -> InProcess {
    InProcess::start(
        &config_toml(&embedded(&dir.join("state.redb")), "").replace(
            "[store]",
            "[limits]\nverify_concurrency = 1\nmax_batch = 32\nbatch_window_ms = 200\n\n[store]",
        ),
        manual_clock(),
    )
    .await
}

/// `n` sessions of the age template, each with its response URI and presentation.
async fn answered(c: &reqwest::Client, url: &str, n: usize) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for _ in 0..n {
        let created = session(c, url, "age").await;
        let (object, presentation) =
            answer(c, created["request_uri"].as_str().unwrap(), now()).await;
        out.push((
            object["response_uri"].as_str().unwrap().to_owned(),
            presentation,
        ));
    }
    out
}

async fn post_all(c: &reqwest::Client, posts: Vec<(String, String)>) -> Vec<(u16, Value)> {
    let tasks: Vec<_> = posts
        .into_iter()
        .map(|(uri, body)| {
            let c = c.clone();
            tokio::spawn(async move { post_text(&c, &uri, None, body).await })
        })
        .collect();
    let mut out = Vec::new();
    for t in tasks {
        out.push(t.await.unwrap());
    }
    out
}

/// The number of batches, and of batches of one, from the batch-size histogram.
fn batch_counts(metrics: &str) -> (u64, u64) {
    let mut count = 0;
    let mut ones = 0;
    for line in metrics.lines() {
        if let Some(v) = line.strip_prefix("zkcred_gateway_verification_batch_size_count ") {
            count = v.trim().parse().unwrap();
        }
        if let Some(v) =
            line.strip_prefix("zkcred_gateway_verification_batch_size_bucket{le=\"1.0\"} ")
        {
            ones = v.trim().parse().unwrap();
        }
    }
    (count, ones)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_posts_are_verified_in_batches() {
    let dir = tempfile::tempdir().unwrap();
    let gw = gateway(dir.path()).await;
    let c = client();
    let posts = answered(&c, &gw.url, 8).await;
    for (status, body) in post_all(&c, posts).await {
        assert_eq!(status, 200, "{body}");
        assert_eq!(body, json!({"status": "accepted"}));
    }
    let m = c
        .get(format!("{}/metrics", gw.url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        m.contains("zkcred_gateway_verifications_total{outcome=\"verified\"} 8"),
        "{m}"
    );
    let (batches, of_one) = batch_counts(&m);
    assert!(
        (1..8).contains(&batches),
        "{batches} batches for 8 posts\n{m}"
    );
    assert!(of_one < batches, "no batch of more than one\n{m}");
    gw.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_presentation_in_a_batch_is_refused_alone() {
    let dir = tempfile::tempdir().unwrap();
    let gw = gateway(dir.path()).await;
    let c = client();
    let mut posts = answered(&c, &gw.url, 6).await;
    // Tamper with the third one's proof (well-formed, does not verify).
    let mut tampered: Value = serde_json::from_str(&posts[2].1).unwrap();
    let response = &mut tampered["credentials"][0]["predicate_proofs"][0]["response"];
    let r = response.as_str().unwrap().to_owned();
    let flipped = if r.ends_with('0') { "1" } else { "0" };
    *response = json!(format!("{}{flipped}", &r[..r.len() - 1]));
    posts[2].1 = tampered.to_string();
    for (i, (status, body)) in post_all(&c, posts).await.into_iter().enumerate() {
        if i == 2 {
            assert_eq!(
                (status, body["error"].as_str()),
                (422, Some("presentation_invalid")),
                "{body}"
            );
        } else {
            assert_eq!(status, 200, "{i}: {body}");
        }
    }
    gw.stop().await;
}

/// The number of presentations verified (the batch-size histogram's sum).
fn verified_count(metrics: &str) -> f64 {
    metrics
        .lines()
        .find_map(|l| l.strip_prefix("zkcred_gateway_verification_batch_size_sum "))
        .map_or(0.0, |v| v.trim().parse().unwrap())
}

/// A flood of copies of one presentation costs about one verification: copies in one batch
/// are verified once, and a batch re-checks the store before it runs (a session answered
/// while its copies waited is refused without curve arithmetic). Exactly one is accepted.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn copies_of_one_presentation_are_verified_about_once() {
    let dir = tempfile::tempdir().unwrap();
    let gw = gateway(dir.path()).await;
    let c = client();
    let (uri, body) = answered(&c, &gw.url, 1).await.remove(0);
    let copies = 30;
    let results = post_all(&c, vec![(uri, body); copies]).await;
    let accepted = results.iter().filter(|(s, _)| *s == 200).count();
    assert_eq!(accepted, 1, "{results:?}");
    for (status, body) in &results {
        if *status != 200 {
            assert_eq!(
                (*status, body["error"].as_str()),
                (409, Some("already_answered")),
                "{body}"
            );
        }
    }
    let m = get_text(&c, &format!("{}/metrics", gw.url)).await;
    let verified = verified_count(&m);
    // Without merging and the re-check every copy that passed the first lookup would be
    // verified (all 30: a verification takes longer than the posts take to arrive).
    assert!(
        (1.0..=3.0).contains(&verified),
        "{verified} verifications for {copies} copies\n{m}"
    );
    gw.stop().await;
}

async fn get_text(c: &reqwest::Client, url: &str) -> String {
    c.get(url).send().await.unwrap().text().await.unwrap()
}
