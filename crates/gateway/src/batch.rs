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
//! The batch verifier does not authenticate signed requests, so the batcher first checks
//! each request with [`SignedRequest::verify_by`] against the gateway's own key (as
//! [`Verifier::verify_signed_json`] does), and a request that fails gets that error and
//! stays out of the batch. `limits.max_batch = 1` turns batching off (no window).

use crate::app::{Gateway, Inner};
use std::sync::{Arc, Weak};
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, oneshot};
use tokio::time::timeout_at;
use zkcred::credential::{
    PresentationResult, SignedRequest, Timestamp, VerifiedPresentation, Verifier,
};

/// A result for one job.
pub type JobResult = PresentationResult<VerifiedPresentation>;

/// One post waiting for verification.
pub struct Job {
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
            let size = batch.len();
            let started = Instant::now();
            let catalog = gateway.catalog();
            let own = gateway.inner.verifier_key.public_info().clone();
            let now = i64::try_from(gateway.inner.clock.now())
                .ok()
                .and_then(|s| Timestamp::from_unix_seconds(s).ok());
            let done = tokio::task::spawn_blocking(move || {
                let results = verify(&catalog.verifier, &own, &batch, now);
                for (job, result) in batch.into_iter().zip(results) {
                    let _ = job.reply.send(result);
                }
            })
            .await;
            if done.is_ok() {
                gateway
                    .inner
                    .metrics
                    .verify_latency(started.elapsed().as_secs_f64(), size);
            }
        });
    }
}

/// Each job's request authenticated by `own`, then one batch verification of the others.
fn verify(
    verifier: &Verifier,
    own: &zkcred::credential::VerifierPublicInfo,
    batch: &[Job],
    now: Option<Timestamp>,
) -> Vec<JobResult> {
    let mut results: Vec<Option<JobResult>> = Vec::with_capacity(batch.len());
    let mut items = Vec::with_capacity(batch.len());
    for job in batch {
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
