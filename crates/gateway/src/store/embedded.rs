//! [`EmbeddedStore`]: the gateway's state in one redb file. Every change is one committed
//! write transaction (redb commits are durable: fsync before `commit` returns), so a crash
//! or restart loses nothing that was acknowledged: a nonce accepted before a restart is
//! refused after it. redb allows one writer at a time, which makes each check-and-set below
//! atomic. Values carry their expiry (8 bytes, big endian) before the payload; expired
//! entries read as missing and [`EmbeddedStore::sweep`] removes them.

use super::records::{Outcome, SessionId, SessionRecord};
use super::{nonce_key, Accept, Answer, Finish, Store, StoreError, Taken};
use async_trait::async_trait;
use redb::{Database, ReadableDatabase, ReadableTable, TableDefinition};
use std::path::Path;
use std::sync::Arc;

const SESSIONS: TableDefinition<&str, &[u8]> = TableDefinition::new("sessions");
const OUTCOMES: TableDefinition<&str, &[u8]> = TableDefinition::new("outcomes");
const TAKEN: TableDefinition<&str, u64> = TableDefinition::new("outcomes_taken");
const NONCES: TableDefinition<&[u8], u64> = TableDefinition::new("nonces");

/// The embedded, crash-safe store (one gateway process per file: redb locks it).
#[derive(Clone)]
pub struct EmbeddedStore {
    db: Arc<Database>,
}

impl std::fmt::Debug for EmbeddedStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EmbeddedStore").finish_non_exhaustive()
    }
}

/// `StoreError::Unavailable` from any redb error.
fn unavailable(e: impl std::fmt::Display) -> StoreError {
    StoreError::Unavailable(e.to_string())
}

/// `expires_at || payload`.
fn stamped(expires_at: u64, payload: &[u8]) -> Vec<u8> {
    let mut v = Vec::with_capacity(8 + payload.len());
    v.extend_from_slice(&expires_at.to_be_bytes());
    v.extend_from_slice(payload);
    v
}

/// The payload of a stamped value, if it has not expired at `now`.
fn live(value: &[u8], now: u64) -> Result<Option<&[u8]>, StoreError> {
    let (stamp, payload) = value
        .split_first_chunk::<8>()
        .ok_or_else(|| StoreError::Corrupt("a value without its expiry".into()))?;
    Ok((u64::from_be_bytes(*stamp) > now).then_some(payload))
}

fn decode<T: serde::de::DeserializeOwned>(payload: &[u8]) -> Result<T, StoreError> {
    serde_json::from_slice(payload).map_err(|e| StoreError::Corrupt(e.to_string()))
}

fn encode<T: serde::Serialize>(value: &T) -> Result<Vec<u8>, StoreError> {
    serde_json::to_vec(value).map_err(|e| StoreError::Corrupt(e.to_string()))
}

impl EmbeddedStore {
    /// Opens (or creates) the store at `path`.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(unavailable)?;
        }
        let db = Database::create(path).map_err(unavailable)?;
        let txn = db.begin_write().map_err(unavailable)?;
        for table in [SESSIONS, OUTCOMES] {
            txn.open_table(table).map_err(unavailable)?;
        }
        txn.open_table(TAKEN).map_err(unavailable)?;
        txn.open_table(NONCES).map_err(unavailable)?;
        txn.commit().map_err(unavailable)?;
        Ok(Self { db: Arc::new(db) })
    }

    /// Runs `f` on the database on a blocking thread.
    async fn blocking<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Database) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let db = Arc::clone(&self.db);
        tokio::task::spawn_blocking(move || f(&db))
            .await
            .map_err(unavailable)?
    }

    /// Removes every entry expired at `now`; returns how many.
    pub async fn sweep(&self, now: u64) -> Result<usize, StoreError> {
        self.blocking(move |db| {
            let txn = db.begin_write().map_err(unavailable)?;
            let mut removed = 0;
            for def in [SESSIONS, OUTCOMES] {
                let mut table = txn.open_table(def).map_err(unavailable)?;
                table
                    .retain(|_, v| {
                        let keep = matches!(live(v, now), Ok(Some(_)));
                        removed += usize::from(!keep);
                        keep
                    })
                    .map_err(unavailable)?;
            }
            {
                let mut table = txn.open_table(TAKEN).map_err(unavailable)?;
                table
                    .retain(|_, exp| {
                        removed += usize::from(exp <= now);
                        exp > now
                    })
                    .map_err(unavailable)?;
            }
            {
                let mut table = txn.open_table(NONCES).map_err(unavailable)?;
                table
                    .retain(|_, exp| {
                        removed += usize::from(exp <= now);
                        exp > now
                    })
                    .map_err(unavailable)?;
            }
            txn.commit().map_err(unavailable)?;
            Ok(removed)
        })
        .await
    }
}

#[async_trait]
impl Store for EmbeddedStore {
    async fn put_session(&self, session: &SessionRecord) -> Result<(), StoreError> {
        let value = stamped(session.expires_at, &encode(session)?);
        let id = session.id.as_str().to_owned();
        self.blocking(move |db| {
            let txn = db.begin_write().map_err(unavailable)?;
            txn.open_table(SESSIONS)
                .map_err(unavailable)?
                .insert(id.as_str(), value.as_slice())
                .map_err(unavailable)?;
            txn.commit().map_err(unavailable)
        })
        .await
    }

    async fn session(&self, id: &SessionId, now: u64) -> Result<Option<SessionRecord>, StoreError> {
        let id = id.as_str().to_owned();
        self.blocking(move |db| {
            let txn = db.begin_read().map_err(unavailable)?;
            let table = txn.open_table(SESSIONS).map_err(unavailable)?;
            let Some(value) = table.get(id.as_str()).map_err(unavailable)? else {
                return Ok(None);
            };
            live(value.value(), now)?.map(decode).transpose()
        })
        .await
    }

    async fn finish_session(
        &self,
        id: &SessionId,
        outcome: &Outcome,
        now: u64,
    ) -> Result<Finish, StoreError> {
        let value = stamped(outcome.expires_at, &encode(outcome)?);
        let id = id.as_str().to_owned();
        self.blocking(move |db| {
            let txn = db.begin_write().map_err(unavailable)?;
            let finish = {
                let sessions = txn.open_table(SESSIONS).map_err(unavailable)?;
                let mut outcomes = txn.open_table(OUTCOMES).map_err(unavailable)?;
                let session_live = match sessions.get(id.as_str()).map_err(unavailable)? {
                    Some(v) => live(v.value(), now)?.is_some(),
                    None => false,
                };
                let answered = outcomes.get(id.as_str()).map_err(unavailable)?.is_some();
                if !session_live {
                    Finish::NoSession
                } else if answered {
                    Finish::AlreadyAnswered
                } else {
                    outcomes
                        .insert(id.as_str(), value.as_slice())
                        .map_err(unavailable)?;
                    Finish::Recorded
                }
            };
            txn.commit().map_err(unavailable)?;
            Ok(finish)
        })
        .await
    }

    async fn take_outcome(&self, id: &SessionId, now: u64) -> Result<Taken, StoreError> {
        let id = id.as_str().to_owned();
        self.blocking(move |db| {
            let txn = db.begin_write().map_err(unavailable)?;
            let taken = {
                let outcomes = txn.open_table(OUTCOMES).map_err(unavailable)?;
                let sessions = txn.open_table(SESSIONS).map_err(unavailable)?;
                let mut taken = txn.open_table(TAKEN).map_err(unavailable)?;
                let outcome: Option<Outcome> =
                    match outcomes.get(id.as_str()).map_err(unavailable)? {
                        Some(v) => live(v.value(), now)?.map(decode).transpose()?,
                        None => None,
                    };
                let session_live = match sessions.get(id.as_str()).map_err(unavailable)? {
                    Some(v) => live(v.value(), now)?.is_some(),
                    None => false,
                };
                match outcome {
                    None if session_live => Taken::Pending,
                    None => Taken::NoSession,
                    Some(_) if taken.get(id.as_str()).map_err(unavailable)?.is_some() => {
                        Taken::AlreadyRead
                    }
                    Some(o) => {
                        taken
                            .insert(id.as_str(), o.expires_at)
                            .map_err(unavailable)?;
                        Taken::Outcome(o)
                    }
                }
            };
            txn.commit().map_err(unavailable)?;
            Ok(taken)
        })
        .await
    }

    async fn consume_nonce(
        &self,
        verifier_id: &str,
        nonce: &[u8],
        expires_at: u64,
        now: u64,
    ) -> Result<bool, StoreError> {
        let key = nonce_key(verifier_id, nonce);
        self.blocking(move |db| {
            let txn = db.begin_write().map_err(unavailable)?;
            let fresh = {
                let mut table = txn.open_table(NONCES).map_err(unavailable)?;
                let seen = table
                    .get(key.as_slice())
                    .map_err(unavailable)?
                    .is_some_and(|exp| exp.value() > now);
                if !seen {
                    table
                        .insert(key.as_slice(), expires_at)
                        .map_err(unavailable)?;
                }
                !seen
            };
            txn.commit().map_err(unavailable)?;
            Ok(fresh)
        })
        .await
    }

    async fn answered(&self, id: &SessionId, now: u64) -> Result<bool, StoreError> {
        let id = id.as_str().to_owned();
        self.blocking(move |db| {
            let txn = db.begin_read().map_err(unavailable)?;
            let outcomes = txn.open_table(OUTCOMES).map_err(unavailable)?;
            match outcomes.get(id.as_str()).map_err(unavailable)? {
                Some(v) => Ok(live(v.value(), now)?.is_some()),
                None => Ok(false),
            }
        })
        .await
    }

    async fn accept(&self, answer: Answer<'_>, now: u64) -> Result<Accept, StoreError> {
        let value = stamped(answer.outcome.expires_at, &encode(answer.outcome)?);
        let id = answer.session.as_str().to_owned();
        let key = nonce_key(answer.verifier_id, answer.nonce);
        let (nonce_expires_at, read) = (answer.nonce_expires_at, answer.read);
        let outcome_expires_at = answer.outcome.expires_at;
        self.blocking(move |db| {
            let txn = db.begin_write().map_err(unavailable)?;
            let accept = {
                let sessions = txn.open_table(SESSIONS).map_err(unavailable)?;
                let mut outcomes = txn.open_table(OUTCOMES).map_err(unavailable)?;
                let mut nonces = txn.open_table(NONCES).map_err(unavailable)?;
                let session_live = match sessions.get(id.as_str()).map_err(unavailable)? {
                    Some(v) => live(v.value(), now)?.is_some(),
                    None => false,
                };
                let answered = match outcomes.get(id.as_str()).map_err(unavailable)? {
                    Some(v) => live(v.value(), now)?.is_some(),
                    None => false,
                };
                let seen = nonces
                    .get(key.as_slice())
                    .map_err(unavailable)?
                    .is_some_and(|exp| exp.value() > now);
                if !session_live {
                    Accept::NoSession
                } else if answered {
                    Accept::AlreadyAnswered
                } else if seen {
                    Accept::Replayed
                } else {
                    nonces
                        .insert(key.as_slice(), nonce_expires_at)
                        .map_err(unavailable)?;
                    outcomes
                        .insert(id.as_str(), value.as_slice())
                        .map_err(unavailable)?;
                    if read {
                        txn.open_table(TAKEN)
                            .map_err(unavailable)?
                            .insert(id.as_str(), outcome_expires_at)
                            .map_err(unavailable)?;
                    }
                    Accept::Recorded
                }
            };
            txn.commit().map_err(unavailable)?;
            Ok(accept)
        })
        .await
    }

    async fn ping(&self) -> Result<(), StoreError> {
        self.blocking(|db| db.begin_read().map(|_| ()).map_err(unavailable))
            .await
    }
}
