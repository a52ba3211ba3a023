//! Micro-batching: wallet posts that arrive together are verified together.
//!
//! Every post hands its job (its signed request, the presentation's JSON text and a reply
//! channel) to one batcher task. The batcher takes the first waiting job, waits for a
//! verifier permit (`limits.verify_concurrency`; while it waits, more jobs queue up), then
//! gathers more jobs for at most `limits.batch_window_ms` or until it has
//! `limits.max_batch`, and runs one [`Verifier::verify_batch_json`] for all of them on the
//! blocking pool: each presentation's checks but its pairings alone, then one multi-pairing
//! of every equation with independent random 128-bit weights (the small-exponents batch
//! test; see the math and its references in the library's `src/credential/verifier/batch.rs`
//! and `docs/SECURITY.md`), and only if that fails, each one alone to name the bad ones.
//! Several batches run at once, up to `limits.verify_concurrency`. Each job gets its own
//! result, the one it would get verified alone; the post then goes on as before (the store
//! consumes the nonce and records the outcome atomically).
//!
//! Just before a batch runs, its presentations are checked against the store once more: a
//! session answered while the post waited (a copy of the same presentation accepted by
//! another batch or another replica) is refused at once, without curve arithmetic. Copies
//! of one presentation (the same session, the same bytes) in one batch are verified once
//! and share the result (the store still accepts at most one of them).
//!
//! The batch verifier does not authenticate signed requests, so the batcher first checks
//! each request with [`SignedRequest::verify_by`] against the gateway's own key (as
//! [`Verifier::verify_signed_json`] does), and a request that fails gets that error and
//! stays out of the batch. `limits.max_batch = 1` turns batching off (no window).

use crate::app::{Gateway, Inner};
use crate::error::ApiError;
use crate::store::SessionId;
use std::collections::HashMap;
use std::sync::{Arc, Weak};
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, oneshot};
use tokio::time::timeout_at;
use zkcred::credential::{
    PresentationResult, SignedRequest, Timestamp, VerifiedPresentation, Verifier,
};

/// A result for one job: what was verified, or the refusal the wallet gets.
pub type JobResult = Result<VerifiedPresentation, ApiError>;

/// One post waiting for verification.
pub struct Job {
    /// The session it answers.
    pub session: SessionId,
    /// The session's signed request, as the gateway stored it.
    pub signed: SignedRequest,
    /// The presentation, JSON text.
    pub presentation: String,
    /// Where its result goes.
    pub reply: oneshot::Sender<JobResult>,
}

/// Runs the batcher until every sender is dropped (the gateway is gone).
pub(crate) async fn run(
    inner: Weak<Inner>,
    mut jobs: mpsc::UnboundedReceiver<Job>,
    max_batch: usize,
    window: Duration,
) {
    while let Some(first) = jobs.recv().await {
        let Some(inner) = inner.upgrade() else {
            return;
        };
        let gateway = Gateway { inner };
        let Ok(permit) = Arc::clone(&gateway.inner.permits).acquire_owned().await else {
            return;
        };
        let mut batch = vec![first];
        if max_batch > 1 {
            let deadline = tokio::time::Instant::now() + window;
            while batch.len() < max_batch {
                match jobs.try_recv() {
                    Ok(job) => batch.push(job),
                    Err(_) => match timeout_at(deadline, jobs.recv()).await {
                        Ok(Some(job)) => batch.push(job),
                        _ => break,
                    },
                }
            }
        }
        tokio::spawn(async move {
            let _permit = permit;
            run_batch(&gateway, batch).await;
        });
    }
}

/// One gathered batch: copies merged, sessions answered meanwhile refused, the rest
/// verified together on the blocking pool; every job (copies too) gets its result.
async fn run_batch(gateway: &Gateway, batch: Vec<Job>) {
    let (leaders, followers) = merge_copies(batch);
    let (open, mut results) = still_open(gateway, leaders).await;
    if !open.is_empty() {
        let size = open.len();
        let started = Instant::now();
        let catalog = gateway.catalog();
        let own = gateway.inner.verifier_key.public_info().clone();
        let now = i64::try_from(gateway.inner.clock.now())
            .ok()
            .and_then(|s| Timestamp::from_unix_seconds(s).ok());
        let verified = tokio::task::spawn_blocking(move || {
            let outcomes = verify(&catalog.verifier, &own, &open, now);
            let mut results = HashMap::with_capacity(open.len());
            for ((index, job), outcome) in open.into_iter().zip(outcomes) {
                let result = outcome.map_err(|e| ApiError::presentation(&e));
                let _ = job.reply.send(result.clone());
                results.insert(index, result);
            }
            results
        })
        .await;
        let Ok(verified) = verified else {
            return;
        };
        gateway
            .inner
            .metrics
            .verify_latency(started.elapsed().as_secs_f64(), size);
        results.extend(verified);
    }
    for (leader, reply) in followers {
        if let Some(result) = results.get(&leader) {
            let _ = reply.send(result.clone());
        }
    }
}

/// A reply channel of a copy, and the index of the job it copies.
type Follower = (usize, oneshot::Sender<JobResult>);

/// Splits `batch` into distinct jobs (with their index) and copies of an earlier job (the
/// same session and the same presentation bytes), which get that job's result.
fn merge_copies(batch: Vec<Job>) -> (Vec<(usize, Job)>, Vec<Follower>) {
    let mut first: HashMap<(SessionId, String), usize> = HashMap::new();
    let mut leaders = Vec::with_capacity(batch.len());
    let mut followers = Vec::new();
    for (index, job) in batch.into_iter().enumerate() {
        let key = (job.session.clone(), job.presentation.clone());
        match first.get(&key) {
            Some(&leader) => followers.push((leader, job.reply)),
            None => {
                first.insert(key, index);
                leaders.push((index, job));
            }
        }
    }
    (leaders, followers)
}

/// The jobs whose session the store does not know as answered, and the refusals of the
/// others by index (`already_answered`, or 503 if the store cannot say: fail closed), each
/// already sent to its job.
async fn still_open(
    gateway: &Gateway,
    jobs: Vec<(usize, Job)>,
) -> (Vec<(usize, Job)>, HashMap<usize, JobResult>) {
    let now = gateway.inner.clock.now();
    let mut checks = tokio::task::JoinSet::new();
    for (position, (_, job)) in jobs.iter().enumerate() {
        let store = Arc::clone(&gateway.inner.store);
        let session = job.session.clone();
        checks.spawn(async move { (position, store.answered(&session, now).await) });
    }
    let mut refusals: Vec<Option<ApiError>> = vec![None; jobs.len()];
    while let Some(joined) = checks.join_next().await {
        let Ok((position, answered)) = joined else {
            continue;
        };
        refusals[position] = match answered {
            Ok(false) => None,
            Ok(true) => Some(ApiError::already_answered()),
            Err(e) => Some(gateway.store_error(&e)),
        };
    }
    let mut open = Vec::with_capacity(jobs.len());
    let mut refused = HashMap::new();
    for ((index, job), refusal) in jobs.into_iter().zip(refusals) {
        match refusal {
            None => open.push((index, job)),
            Some(e) => {
                let _ = job.reply.send(Err(e.clone()));
                refused.insert(index, Err(e));
            }
        }
    }
    (open, refused)
}

/// Each job's request authenticated by `own`, then one batch verification of the others.
fn verify(
    verifier: &Verifier,
    own: &zkcred::credential::VerifierPublicInfo,
    batch: &[(usize, Job)],
    now: Option<Timestamp>,
) -> Vec<PresentationResult<VerifiedPresentation>> {
    let mut results: Vec<Option<PresentationResult<VerifiedPresentation>>> =
        Vec::with_capacity(batch.len());
    let mut items = Vec::with_capacity(batch.len());
    for (_, job) in batch {
        match job.signed.verify_by(own) {
            Ok(()) => {
                results.push(None);
                items.push((job.signed.request(), job.presentation.as_str()));
            }
            Err(e) => results.push(Some(Err(e.into()))),
        }
    }
    let mut verified = if items.is_empty() {
        Vec::new()
    } else {
        verifier.verify_batch_json(&items, now, &mut rand::rngs::OsRng)
    }
    .into_iter();
    results
        .into_iter()
        .map(|r| match r {
            Some(r) => r,
            None => verified.next().expect("one result per batched item"),
        })
        .collect()
}
