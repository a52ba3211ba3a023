//! [`RedisStore`]: the gateway's state in Redis, shared by any number of gateway replicas.
//! Each decision is one atomic Redis command or Lua script (Redis runs a script without
//! interleaving other commands): a nonce is `SET NX` (the first replica wins, every other
//! gets a replay), a session's outcome is set only if absent and only while the session
//! lives, and the outcome is handed out once. Keys expire server-side at their record's
//! expiry (`EXAT`). The connection reconnects by itself after Redis restarts; while it is
//! down every call returns [`StoreError::Unavailable`].

use super::records::{Outcome, SessionId, SessionRecord};
use super::{nonce_key, Accept, Answer, Finish, Store, StoreError, Taken};
use async_trait::async_trait;
use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use std::time::Duration;

/// Records the outcome if the session lives and has none: 1 recorded, 2 already answered,
/// 0 no session. KEYS: session, outcome. ARGV: outcome JSON, its expiry (unix s).
const FINISH: &str = r"
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if redis.call('SET', KEYS[2], ARGV[1], 'NX', 'EXAT', ARGV[2]) then return 1 end
return 2";

/// Hands the outcome out once: {1, outcome}, {2, ''} already read, {0, ''} pending,
/// {3, ''} no session. KEYS: session, outcome, taken marker. ARGV: the marker's expiry.
const TAKE: &str = r"
local o = redis.call('GET', KEYS[2])
if not o then
  if redis.call('EXISTS', KEYS[1]) == 1 then return {0, ''} end
  return {3, ''}
end
if redis.call('SET', KEYS[3], '1', 'NX', 'EXAT', ARGV[1]) then return {1, o} end
return {2, ''}";

/// Accepts an answer: 1 recorded, 2 already answered, 3 replayed nonce, 0 no session.
/// KEYS: session, outcome, nonce, taken marker. ARGV: outcome JSON, its expiry, the nonce's
/// expiry, 1 to mark the outcome read at once (else 0).
const ACCEPT: &str = r"
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if redis.call('EXISTS', KEYS[2]) == 1 then return 2 end
if not redis.call('SET', KEYS[3], '1', 'NX', 'EXAT', ARGV[3]) then return 3 end
redis.call('SET', KEYS[2], ARGV[1], 'EXAT', ARGV[2])
if ARGV[4] == '1' then redis.call('SET', KEYS[4], '1', 'EXAT', ARGV[2]) end
return 1";

/// The Redis store.
#[derive(Clone)]
pub struct RedisStore {
    conn: ConnectionManager,
    prefix: String,
    finish: redis::Script,
    take: redis::Script,
    accept: redis::Script,
}

impl std::fmt::Debug for RedisStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisStore")
            .field("prefix", &self.prefix)
            .finish_non_exhaustive()
    }
}

fn unavailable(e: redis::RedisError) -> StoreError {
    StoreError::Unavailable(e.to_string())
}

impl RedisStore {
    /// Connects to `url` (`redis://host:port/db`); keys start with `prefix` (several
    /// gateways of one deployment share it; another deployment uses another). Commands time
    /// out after `timeout`, so a hung Redis fails closed instead of holding requests.
    pub async fn connect(url: &str, prefix: &str, timeout: Duration) -> Result<Self, StoreError> {
        let client = redis::Client::open(url).map_err(unavailable)?;
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(timeout))
            .set_response_timeout(Some(timeout))
            .set_number_of_retries(1);
        let conn = ConnectionManager::new_with_config(client, config)
            .await
            .map_err(unavailable)?;
        Ok(Self {
            conn,
            prefix: prefix.to_owned(),
            finish: redis::Script::new(FINISH),
            take: redis::Script::new(TAKE),
            accept: redis::Script::new(ACCEPT),
        })
    }

    fn key(&self, kind: &str, id: &str) -> String {
        format!("{}{kind}:{id}", self.prefix)
    }

    fn nonce_key(&self, verifier_id: &str, nonce: &[u8]) -> String {
        self.key("nonce", &hex::encode(nonce_key(verifier_id, nonce)))
    }
}

fn decode<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, StoreError> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt(e.to_string()))
}

fn encode<T: serde::Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// An expiry Redis accepts (`EXAT` in the past would drop the key at once).
fn exat(expires_at: u64, now: u64) -> u64 {
    expires_at.max(now + 1)
}

#[async_trait]
impl Store for RedisStore {
    async fn put_session(&self, session: &SessionRecord) -> Result<(), StoreError> {
        let mut conn = self.conn.clone();
        let now = session.created_at;
        redis::cmd("SET")
            .arg(self.key("session", session.id.as_str()))
            .arg(encode(session)?)
            .arg("EXAT")
            .arg(exat(session.expires_at, now))
            .query_async::<()>(&mut conn)
            .await
            .map_err(unavailable)
    }

    async fn session(&self, id: &SessionId, now: u64) -> Result<Option<SessionRecord>, StoreError> {
        let mut conn = self.conn.clone();
        let text: Option<String> = redis::cmd("GET")
            .arg(self.key("session", id.as_str()))
            .query_async(&mut conn)
            .await
            .map_err(unavailable)?;
        let record: Option<SessionRecord> = text.as_deref().map(decode).transpose()?;
        Ok(record.filter(|r| r.expires_at > now))
    }

    async fn finish_session(
        &self,
        id: &SessionId,
        outcome: &Outcome,
        now: u64,
    ) -> Result<Finish, StoreError> {
        let mut conn = self.conn.clone();
        let code: i64 = self
            .finish
            .key(self.key("session", id.as_str()))
            .key(self.key("outcome", id.as_str()))
            .arg(encode(outcome)?)
            .arg(exat(outcome.expires_at, now))
            .invoke_async(&mut conn)
            .await
            .map_err(unavailable)?;
        match code {
            1 => Ok(Finish::Recorded),
            2 => Ok(Finish::AlreadyAnswered),
            _ => Ok(Finish::NoSession),
        }
    }

    async fn take_outcome(&self, id: &SessionId, now: u64) -> Result<Taken, StoreError> {
        let mut conn = self.conn.clone();
        // The marker lives as long as any outcome could (sessions and outcomes expire by
        // then): a day is far above the configured lifetimes.
        let (code, text): (i64, String) = self
            .take
            .key(self.key("session", id.as_str()))
            .key(self.key("outcome", id.as_str()))
            .key(self.key("taken", id.as_str()))
            .arg(now + 86_400)
            .invoke_async(&mut conn)
            .await
            .map_err(unavailable)?;
        match code {
            1 => Ok(Taken::Outcome(decode(&text)?)),
            2 => Ok(Taken::AlreadyRead),
            0 => Ok(Taken::Pending),
            _ => Ok(Taken::NoSession),
        }
    }

    async fn consume_nonce(
        &self,
        verifier_id: &str,
        nonce: &[u8],
        expires_at: u64,
        now: u64,
    ) -> Result<bool, StoreError> {
        let mut conn = self.conn.clone();
        let set: Option<String> = redis::cmd("SET")
            .arg(self.nonce_key(verifier_id, nonce))
            .arg(1)
            .arg("NX")
            .arg("EXAT")
            .arg(exat(expires_at, now))
            .query_async(&mut conn)
            .await
            .map_err(unavailable)?;
        Ok(set.is_some())
    }

    async fn answered(&self, id: &SessionId, _now: u64) -> Result<bool, StoreError> {
        let mut conn = self.conn.clone();
        let exists: i64 = redis::cmd("EXISTS")
            .arg(self.key("outcome", id.as_str()))
            .query_async(&mut conn)
            .await
            .map_err(unavailable)?;
        Ok(exists == 1)
    }

    async fn accept(&self, answer: Answer<'_>, now: u64) -> Result<Accept, StoreError> {
        let mut conn = self.conn.clone();
        let code: i64 = self
            .accept
            .key(self.key("session", answer.session.as_str()))
            .key(self.key("outcome", answer.session.as_str()))
            .key(self.nonce_key(answer.verifier_id, answer.nonce))
            .key(self.key("taken", answer.session.as_str()))
            .arg(encode(answer.outcome)?)
            .arg(exat(answer.outcome.expires_at, now))
            .arg(exat(answer.nonce_expires_at, now))
            .arg(u8::from(answer.read))
            .invoke_async(&mut conn)
            .await
            .map_err(unavailable)?;
        match code {
            1 => Ok(Accept::Recorded),
            2 => Ok(Accept::AlreadyAnswered),
            3 => Ok(Accept::Replayed),
            _ => Ok(Accept::NoSession),
        }
    }

    async fn ping(&self) -> Result<(), StoreError> {
        let mut conn = self.conn.clone();
        redis::cmd("PING")
            .query_async::<String>(&mut conn)
            .await
            .map(|_| ())
            .map_err(unavailable)
    }
}
