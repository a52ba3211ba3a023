//! Verifying a presentation for a session, and accepting it once.
//!
//! The library's [`Verifier`](zkcred::credential::Verifier) checks a nonce last, through its
//! synchronous [`NonceStore`]; the gateway's store is asynchronous and shared by replicas. So
//! the verifier runs with [`DeferredNonces`] (which only checks the nonce's length), on a
//! blocking thread, bounded by a semaphore, with the posts that arrive together in one batch
//! ([`crate::batch`]); and only a presentation that verified is then
//! accepted by [`Store::accept`](crate::store::Store::accept), which consumes the nonce and
//! records the session's outcome in one atomic step of the store. Hence: a nonce is consumed
//! once across every replica, only for a presentation that verified, and a session is
//! answered once. A presentation that does not verify changes nothing (the wallet may try
//! again until the session expires), as in the library.
//!
//! The whole step runs in its own task: a client that goes away, or a request timeout,
//! cannot leave a verified presentation half accepted.

use crate::app::Gateway;
use crate::batch::Job;
use crate::error::ApiError;
use crate::metrics::Outcome as MetricOutcome;
use crate::store::{Accept, Answer, Outcome, SessionRecord, StoreError};
use axum::body::Bytes;
use serde::{Deserialize, Serialize};
use zkcred::credential::nonce::check_nonce_len;
use zkcred::credential::{
    JsonDocument, NonceStore, ReplayError, SignedRequest, Timestamp, VerifyResult,
};

/// The verifier's nonce step, deferred to the gateway's store: accepts every nonce of a
/// valid length (the store decides, after verification, atomically).
#[derive(Clone, Copy, Debug, Default)]
pub struct DeferredNonces;

impl NonceStore for DeferredNonces {
    fn check_and_insert(
        &self,
        _verifier_id: &str,
        nonce: &[u8],
        _keep_until: Timestamp,
        _now: Timestamp,
    ) -> Result<(), ReplayError> {
        check_nonce_len(nonce)
    }
}

/// A session's result, as the service reads it (once).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SessionResult {
    /// The session.
    pub session_id: String,
    /// Always `verified` (a presentation that does not verify is refused, not recorded).
    pub status: String,
    /// When the presentation was verified (RFC 3339, UTC).
    pub verified_at: String,
    /// With a pseudonym scope: the holder's pseudonym (of the first requested credential).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pseudonym: Option<String>,
    /// What was learned (`docs/FORMATS.md`, "Verify result"): per credential its issuer
    /// (`issuer`) or, when the request hid it, only the set it is one of (`hidden_issuer`:
    /// `summary`, e.g. "one of the 3 accepted province issuers", and `among`, the set's
    /// issuer ids in the request's order), and the disclosed values; the predicates that
    /// hold, `same_holder`, the pseudonyms.
    #[schema(value_type = Object)]
    pub result: VerifyResult,
}

/// RFC 3339 of unix seconds.
pub fn rfc3339(unix: u64) -> String {
    i64::try_from(unix)
        .ok()
        .and_then(|s| Timestamp::from_unix_seconds(s).ok())
        .map(|t| t.to_string())
        .unwrap_or_default()
}

/// The first 8 hex digits of a nonce: enough to correlate logs, never the nonce.
pub fn nonce_prefix(nonce: &[u8]) -> String {
    hex::encode(&nonce[..nonce.len().min(4)])
}

impl Gateway {
    /// Verifies `presentation` (JSON text) against `session`'s request and accepts it once;
    /// returns the session's result document (JSON). With `read` (a one-shot verification
    /// by the service) the result is marked read at once.
    pub async fn verify_and_accept(
        &self,
        session: SessionRecord,
        presentation: String,
        read: bool,
    ) -> Result<Bytes, ApiError> {
        let gateway = self.clone();
        tokio::spawn(async move { gateway.verify_task(session, presentation, read).await })
            .await
            .map_err(|_| ApiError::internal("the verification task failed"))?
    }

    async fn verify_task(
        &self,
        session: SessionRecord,
        presentation: String,
        read: bool,
    ) -> Result<Bytes, ApiError> {
        let metrics = &self.inner.metrics;
        metrics.in_flight().inc();
        let result = self.verify_inner(&session, presentation, read).await;
        metrics.in_flight().dec();
        let outcome = match &result {
            Ok(_) => MetricOutcome::Verified,
            Err(e) => MetricOutcome::from_code(e.code),
        };
        metrics.verification(outcome);
        match &result {
            Ok(_) => {}
            Err(e) => tracing::info!(
                session = %session.id,
                service = %session.service,
                error = e.code,
                status = e.status.as_u16(),
                "presentation refused"
            ),
        }
        result
    }

    async fn verify_inner(
        &self,
        session: &SessionRecord,
        presentation: String,
        read: bool,
    ) -> Result<Bytes, ApiError> {
        let inner = &self.inner;
        // Cheap refusal of a session already answered, before queueing for the verifier
        // (a flood of replays costs a store lookup each, no curve arithmetic); the store
        // decides again, atomically, below.
        let now = self.still_open(session).await?;
        let signed = SignedRequest::from_json(&session.request)
            .map_err(|_| ApiError::internal("a stored request is corrupt"))?;
        i64::try_from(now)
            .ok()
            .and_then(|s| Timestamp::from_unix_seconds(s).ok())
            .ok_or_else(|| ApiError::internal("the clock is out of range"))?;
        // The batcher authenticates the request (`verify_by` the gateway's own key) and
        // verifies the presentation with the others that arrive with it.
        let (reply, answer) = tokio::sync::oneshot::channel();
        inner
            .batcher
            .send(Job {
                session: session.id.clone(),
                signed: signed.clone(),
                presentation,
                reply,
            })
            .map_err(|_| ApiError::internal("the verifier is closed"))?;
        let verified = answer
            .await
            .map_err(|_| ApiError::internal("the verification failed"))?;
        let verified = verified?;
        let request = signed.request();
        let catalog = self.catalog();
        let body = SessionResult {
            session_id: session.id.to_string(),
            status: "verified".into(),
            verified_at: rfc3339(now),
            pseudonym: verified.pseudonym.clone(),
            result: VerifyResult::new(request, &verified, &catalog.sources.registry),
        };
        let body = serde_json::to_string(&body)
            .map_err(|_| ApiError::internal("cannot write the result"))?;
        let outcome = Outcome {
            verified: true,
            body: body.clone(),
            at: now,
            expires_at: session.expires_at,
        };
        let keep_until = u64::try_from(request.window.keep_nonce_until().unix_seconds())
            .unwrap_or(session.expires_at);
        let answer = Answer {
            session: &session.id,
            verifier_id: &request.verifier_id,
            nonce: request.nonce.as_ref(),
            nonce_expires_at: keep_until.max(session.expires_at),
            outcome: &outcome,
            read,
        };
        match inner.store.accept(answer, now).await {
            Ok(Accept::Recorded) => {
                tracing::info!(
                    session = %session.id,
                    service = %session.service,
                    request_id = %request.id(),
                    nonce = %nonce_prefix(request.nonce.as_ref()),
                    one_shot = read,
                    "presentation accepted"
                );
                if let (false, Some(url)) = (read, inner.services.webhook(&session.service)) {
                    inner.notifier.notify(
                        url.to_owned(),
                        crate::webhook::Notification {
                            session_id: session.id.to_string(),
                            status: "answered".into(),
                            result_uri: format!(
                                "{}/v1/sessions/{}/result",
                                inner.public_url, session.id
                            ),
                        },
                    );
                }
                Ok(Bytes::from(body))
            }
            Ok(Accept::AlreadyAnswered) | Ok(Accept::Replayed) => Err(ApiError::already_answered()),
            Ok(Accept::NoSession) => Err(ApiError::session_expired()),
            Err(e) => Err(self.store_error(&e)),
        }
    }

    /// Now, if `session` may still be answered: not expired, no outcome yet.
    async fn still_open(&self, session: &SessionRecord) -> Result<u64, ApiError> {
        let now = self.inner.clock.now();
        if now >= session.answer_until {
            return Err(ApiError::session_expired());
        }
        match self.inner.store.answered(&session.id, now).await {
            Ok(true) => Err(ApiError::already_answered()),
            Ok(false) => Ok(now),
            Err(e) => Err(self.store_error(&e)),
        }
    }

    /// The 503 of a store error, counted and logged (without details that could carry data).
    pub fn store_error(&self, e: &StoreError) -> ApiError {
        self.inner.metrics.store_error();
        tracing::warn!(error = %e, "store error: failing closed");
        ApiError::store(e)
    }
}
