//! Where the gateway keeps its state: sessions, their one outcome, and single-use nonces.
//!
//! Two backends implement [`Store`]: [`EmbeddedStore`] (redb, one file, crash-safe: every
//! change is a committed, fsynced transaction, so a restarted gateway still refuses a nonce it
//! accepted before) for one gateway, and [`RedisStore`] for several stateless replicas behind
//! a load balancer (atomic `SET NX` nonce consumption, server-side TTLs).
//!
//! Every operation that decides something is atomic in the backend: a nonce is consumed by
//! exactly one caller, a session is answered exactly once, and its outcome is read exactly
//! once. A backend that cannot be reached returns [`StoreError::Unavailable`]; the gateway
//! then fails closed (503, nothing accepted).

mod embedded;
mod records;
mod redis_store;

pub use embedded::EmbeddedStore;
pub use records::{KeyRef, Outcome, SessionId, SessionRecord};
pub use redis_store::RedisStore;

use async_trait::async_trait;

/// A store error.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The backend could not be reached or failed; nothing was decided.
    #[error("the gateway's store is unavailable: {0}")]
    Unavailable(String),
    /// A stored record does not decode (a bug or a foreign writer).
    #[error("a stored record is corrupt: {0}")]
    Corrupt(String),
}

/// The result of [`Store::finish_session`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Finish {
    /// This outcome is the session's.
    Recorded,
    /// The session already has an outcome (a second response): nothing changed.
    AlreadyAnswered,
    /// No such session, or it expired.
    NoSession,
}

/// The result of [`Store::take_outcome`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Taken {
    /// The outcome, handed out this once.
    Outcome(Outcome),
    /// The session has no outcome yet.
    Pending,
    /// The outcome was read before.
    AlreadyRead,
    /// No such session, or it expired.
    NoSession,
}

/// The result of [`Store::accept`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Accept {
    /// The nonce was consumed and the outcome recorded, in one step.
    Recorded,
    /// The session already has an outcome: nothing changed.
    AlreadyAnswered,
    /// The nonce was consumed before (by this or another session): nothing changed.
    Replayed,
    /// No such session, or it expired: nothing changed.
    NoSession,
}

/// What [`Store::accept`] records: the session's answer and the nonce it consumes.
#[derive(Clone, Copy, Debug)]
pub struct Answer<'a> {
    /// The session answered.
    pub session: &'a SessionId,
    /// The verifier whose nonce is consumed.
    pub verifier_id: &'a str,
    /// The nonce of the session's request.
    pub nonce: &'a [u8],
    /// Until when the nonce must be remembered, unix seconds.
    pub nonce_expires_at: u64,
    /// The outcome to record.
    pub outcome: &'a Outcome,
    /// Whether the outcome is handed out at once (a one-shot verification): it is then
    /// marked read in the same step.
    pub read: bool,
}

/// The gateway's state. Times are unix seconds; every record carries its own expiry.
#[async_trait]
pub trait Store: Send + Sync + 'static {
    /// Stores a new session until `session.expires_at`.
    async fn put_session(&self, session: &SessionRecord) -> Result<(), StoreError>;

    /// The session `id`, unless missing or expired at `now`.
    async fn session(&self, id: &SessionId, now: u64) -> Result<Option<SessionRecord>, StoreError>;

    /// Records `outcome` as the answer of session `id`, only if it has none yet (atomic).
    async fn finish_session(
        &self,
        id: &SessionId,
        outcome: &Outcome,
        now: u64,
    ) -> Result<Finish, StoreError>;

    /// Hands out the outcome of session `id` once (atomic: two readers never both get it).
    async fn take_outcome(&self, id: &SessionId, now: u64) -> Result<Taken, StoreError>;

    /// Consumes `nonce` of `verifier_id`: `true` for the first caller ever (until
    /// `expires_at`, after which the request it belongs to is refused as expired anyway),
    /// `false` for every later one (a replay). Atomic across every replica of the store.
    async fn consume_nonce(
        &self,
        verifier_id: &str,
        nonce: &[u8],
        expires_at: u64,
        now: u64,
    ) -> Result<bool, StoreError>;

    /// Whether session `id` has an outcome (an answer was accepted), read or not.
    async fn answered(&self, id: &SessionId, now: u64) -> Result<bool, StoreError>;

    /// Accepts a verified answer, atomically: if the session lives and has no outcome, and
    /// the nonce was never consumed, consumes the nonce and records the outcome (and, with
    /// `read`, marks it read); otherwise changes nothing. So across every replica a nonce is
    /// consumed once, only for a presentation that verified, and a session is answered once.
    async fn accept(&self, answer: Answer<'_>, now: u64) -> Result<Accept, StoreError>;

    /// Whether the backend answers (for `/readyz`).
    async fn ping(&self) -> Result<(), StoreError>;
}

/// The key of a nonce: `verifier id || 0x00 || nonce` (ids never contain a NUL).
fn nonce_key(verifier_id: &str, nonce: &[u8]) -> Vec<u8> {
    let mut key = Vec::with_capacity(verifier_id.len() + 1 + nonce.len());
    key.extend_from_slice(verifier_id.as_bytes());
    key.push(0);
    key.extend_from_slice(nonce);
    key
}

#[cfg(test)]
pub(crate) mod contract;
