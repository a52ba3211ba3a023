//! One load level: sessions created and answered beforehand (the wallet's proving is not
//! what is measured), then every presentation posted by `concurrency` workers at once, each
//! post's latency recorded, and the gateways' CPU time read before and after.

use crate::fleet::Fleet;
use crate::http::Http;
use crate::Error;
use hyper::Method;
use serde::Serialize;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;
use zkcred::credential::{JsonDocument, SignedRequest, Timestamp, VerifierRegistry};
use zkcred::predicate::HolderKeys;
use zkcred::Wallet;
use zkcred_gateway::demo::CLINIC_API_KEY;

/// The citizen's side: the wallet, the verifiers it knows, the checked Groth16 keys.
pub struct Holder {
    /// The wallet (both credentials).
    pub wallet: Wallet,
    /// Lists the gateway's verifier key.
    pub verifiers: VerifierRegistry,
    /// The gateway's keys, checked once.
    pub keys: HolderKeys,
}

/// A presentation ready to post: its session's response path and its JSON.
pub struct Post {
    /// `/v1/responses/{session}`.
    path: String,
    /// The presentation, JSON.
    body: Vec<u8>,
}

/// What one level measured.
#[derive(Clone, Debug, Serialize)]
pub struct LevelResult {
    /// `embedded` or `redis x2`.
    pub setup: String,
    /// `single` or `batch`.
    pub mode: String,
    /// Posts in flight at once.
    pub concurrency: usize,
    /// Presentations posted.
    pub posted: usize,
    /// Accepted (HTTP 200).
    pub accepted: usize,
    /// First refusal, if any (status and body).
    pub first_error: Option<String>,
    /// Wall time of the posting phase, seconds.
    pub wall_seconds: f64,
    /// The gateways' CPU time during it, seconds.
    pub cpu_seconds: f64,
    /// Accepted presentations per second of wall time.
    pub per_second: f64,
    /// Accepted presentations per CPU second of the gateways ("per core").
    pub per_cpu_second: f64,
    /// Median latency of a post, ms.
    pub p50_ms: f64,
    /// 99th percentile latency, ms.
    pub p99_ms: f64,
    /// Mean verification batch size (from the gateways' metrics).
    pub mean_batch: f64,
}

/// Creates `count` clinic sessions on `fleet` and answers each (proofs on every core).
pub async fn prepare(
    http: &Http,
    fleet: &Fleet,
    holder: &Arc<Holder>,
    count: usize,
) -> Result<Vec<Post>, Error> {
    let base = &fleet.replicas[0].url;
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..count {
        let (http, base) = (http.clone(), base.clone());
        tasks.spawn(async move { fetch_request(&http, &base).await });
    }
    let mut requests = Vec::with_capacity(count);
    while let Some(joined) = tasks.join_next().await {
        requests.push(joined??);
    }
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let chunk = count.div_ceil(threads).max(1);
    let mut provers = tokio::task::JoinSet::new();
    for part in requests.chunks(chunk).map(<[_]>::to_vec) {
        let holder = Arc::clone(holder);
        provers.spawn_blocking(move || answer_all(&holder, part));
    }
    let mut posts = Vec::with_capacity(count);
    while let Some(joined) = provers.join_next().await {
        posts.extend(joined??);
    }
    Ok(posts)
}

/// A new session's signed request and response path.
async fn fetch_request(http: &Http, base: &str) -> Result<(SignedRequest, String), Error> {
    let body = serde_json::json!({ "template": "clinic" });
    let session = http
        .post_json(&format!("{base}/v1/sessions"), CLINIC_API_KEY, &body)
        .await?;
    let uri = session["request_uri"].as_str().ok_or("no request_uri")?;
    let object = http.get_json(uri, None).await?;
    let signed = SignedRequest::from_json(&object["signed_request"].to_string())?;
    let response_uri = object["response_uri"].as_str().ok_or("no response_uri")?;
    let at = response_uri
        .find("/v1/responses/")
        .ok_or("an unexpected response_uri")?;
    Ok((signed, response_uri[at..].to_owned()))
}

fn answer_all(holder: &Holder, requests: Vec<(SignedRequest, String)>) -> Result<Vec<Post>, Error> {
    let now = Some(Timestamp::now()?);
    let mut rng = rand::rngs::OsRng;
    requests
        .into_iter()
        .map(|(signed, path)| {
            let presentation =
                holder
                    .wallet
                    .present(&signed, &holder.verifiers, &holder.keys, now, &mut rng)?;
            Ok(Post {
                path,
                body: presentation.to_json()?.into_bytes(),
            })
        })
        .collect()
}

/// Posts every presentation, `concurrency` at a time, round robin over the replicas.
pub async fn run(
    http: &Http,
    fleet: &Fleet,
    posts: Vec<Post>,
    concurrency: usize,
) -> Result<LevelResult, Error> {
    let posts = Arc::new(posts);
    let next = Arc::new(AtomicUsize::new(0));
    let urls: Arc<Vec<String>> = Arc::new(fleet.replicas.iter().map(|r| r.url.clone()).collect());
    let batches_before = batch_totals(http, fleet).await?;
    let cpu_before = fleet.cpu_seconds()?;
    let started = Instant::now();
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..concurrency {
        let (http, posts, next, urls) = (http.clone(), posts.clone(), next.clone(), urls.clone());
        workers.spawn(async move { worker(&http, &posts, &next, &urls).await });
    }
    let mut outcomes = Vec::with_capacity(posts.len());
    while let Some(joined) = workers.join_next().await {
        outcomes.extend(joined??);
    }
    let wall_seconds = started.elapsed().as_secs_f64();
    let cpu_seconds = fleet.cpu_seconds()? - cpu_before;
    let batches_after = batch_totals(http, fleet).await?;
    Ok(summarise(
        fleet,
        concurrency,
        outcomes,
        wall_seconds,
        cpu_seconds,
        (batches_before, batches_after),
    ))
}

/// One post's latency (ms) and, if refused, why.
type Outcome = (f64, Option<String>);

async fn worker(
    http: &Http,
    posts: &[Post],
    next: &AtomicUsize,
    urls: &[String],
) -> Result<Vec<Outcome>, Error> {
    let mut outcomes = Vec::new();
    loop {
        let i = next.fetch_add(1, Ordering::Relaxed);
        let Some(post) = posts.get(i) else {
            return Ok(outcomes);
        };
        let url = format!("{}{}", urls[i % urls.len()], post.path);
        let started = Instant::now();
        let (status, body) = http
            .send(Method::POST, &url, None, Some(post.body.clone()))
            .await?;
        let ms = started.elapsed().as_secs_f64() * 1e3;
        let refused = (status != 200).then(|| {
            format!(
                "HTTP {status}: {}",
                String::from_utf8_lossy(&body[..body.len().min(200)])
            )
        });
        outcomes.push((ms, refused));
    }
}

/// The fleet's batch-size histogram totals: (sum of sizes, number of batches).
async fn batch_totals(http: &Http, fleet: &Fleet) -> Result<(f64, f64), Error> {
    let mut totals = (0.0, 0.0);
    for replica in &fleet.replicas {
        let text = http.get_text(&format!("{}/metrics", replica.url)).await?;
        for line in text.lines() {
            let mut parts = line.split_whitespace();
            let (Some(name), Some(value)) = (parts.next(), parts.next()) else {
                continue;
            };
            let value: f64 = value.parse().unwrap_or(0.0);
            match name {
                "zkcred_gateway_verification_batch_size_sum" => totals.0 += value,
                "zkcred_gateway_verification_batch_size_count" => totals.1 += value,
                _ => {}
            }
        }
    }
    Ok(totals)
}

fn summarise(
    fleet: &Fleet,
    concurrency: usize,
    outcomes: Vec<Outcome>,
    wall_seconds: f64,
    cpu_seconds: f64,
    (before, after): ((f64, f64), (f64, f64)),
) -> LevelResult {
    let posted = outcomes.len();
    let accepted = outcomes.iter().filter(|(_, e)| e.is_none()).count();
    let first_error = outcomes.iter().find_map(|(_, e)| e.clone());
    let mut latencies: Vec<f64> = outcomes.into_iter().map(|(ms, _)| ms).collect();
    latencies.sort_by(f64::total_cmp);
    let batches = after.1 - before.1;
    LevelResult {
        setup: fleet.setup.clone(),
        mode: fleet.mode.clone(),
        concurrency,
        posted,
        accepted,
        first_error,
        wall_seconds,
        cpu_seconds,
        per_second: accepted as f64 / wall_seconds,
        per_cpu_second: accepted as f64 / cpu_seconds.max(1e-9),
        p50_ms: percentile(&latencies, 0.50),
        p99_ms: percentile(&latencies, 0.99),
        mean_batch: if batches > 0.0 {
            (after.0 - before.0) / batches
        } else {
            0.0
        },
    }
}

/// The `q` quantile of sorted `values` (nearest rank).
fn percentile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = (q * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}
