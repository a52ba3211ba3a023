//! The behaviour every [`super::Store`] must have, run against both backends (Redis: a real
//! `redis-server` started on a free loopback port).

use super::*;
use crate::test_redis::RedisServer;
use std::sync::Arc;

/// Now, unix seconds: Redis expires keys by its own clock, so the tests use the real one.
fn t0() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// A session created at `t0() + 0` that expires `ttl` seconds later.
fn session(id: u8, base: u64, ttl: u64) -> SessionRecord {
    SessionRecord {
        id: format!("{id:032x}").parse().unwrap(),
        service: "clinic".into(),
        request: "{}".into(),
        keys: Vec::new(),
        created_at: base,
        answer_until: base + ttl,
        expires_at: base + ttl,
    }
}

fn outcome(verified: bool, base: u64) -> Outcome {
    Outcome {
        verified,
        body: format!("{{\"verified\": {verified}}}"),
        at: base + 1,
        expires_at: base + 1_000,
    }
}

/// Sessions: stored, read back, expired at their expiry.
async fn sessions_live_until_they_expire(store: &dyn Store, t: u64) {
    let s = session(1, t, 600);
    store.put_session(&s).await.unwrap();
    assert_eq!(
        store.session(&s.id, t + 100).await.unwrap(),
        Some(s.clone())
    );
    assert_eq!(store.session(&s.id, t + 600).await.unwrap(), None);
    let missing = session(2, t, 600).id;
    assert_eq!(store.session(&missing, t + 100).await.unwrap(), None);
}

/// A session is answered once; its outcome is read once; a missing session has neither.
async fn one_answer_read_once(store: &dyn Store, t: u64) {
    let s = session(3, t, 600);
    store.put_session(&s).await.unwrap();
    assert_eq!(
        store.take_outcome(&s.id, t + 100).await.unwrap(),
        Taken::Pending
    );
    let first = outcome(true, t);
    assert_eq!(
        store.finish_session(&s.id, &first, t + 100).await.unwrap(),
        Finish::Recorded
    );
    assert_eq!(
        store
            .finish_session(&s.id, &outcome(false, t), t + 100)
            .await
            .unwrap(),
        Finish::AlreadyAnswered
    );
    assert_eq!(
        store.take_outcome(&s.id, t + 100).await.unwrap(),
        Taken::Outcome(first)
    );
    assert_eq!(
        store.take_outcome(&s.id, t + 100).await.unwrap(),
        Taken::AlreadyRead
    );
    let missing = session(4, t, 600).id;
    assert_eq!(
        store
            .finish_session(&missing, &outcome(true, t), t + 100)
            .await
            .unwrap(),
        Finish::NoSession
    );
    assert_eq!(
        store.take_outcome(&missing, t + 100).await.unwrap(),
        Taken::NoSession
    );
}

/// A nonce is consumed once per verifier; another verifier's equal nonce is its own.
async fn nonces_are_single_use(store: &dyn Store, t: u64) {
    assert!(store
        .consume_nonce("clinic", b"n1", t + 600, t)
        .await
        .unwrap());
    assert!(!store
        .consume_nonce("clinic", b"n1", t + 600, t)
        .await
        .unwrap());
    assert!(store
        .consume_nonce("pharmacy", b"n1", t + 600, t)
        .await
        .unwrap());
    assert!(store
        .consume_nonce("clinic", b"n2", t + 600, t)
        .await
        .unwrap());
}

/// Of 64 concurrent consumers of one nonce, exactly one wins.
async fn concurrent_consumers_one_winner(store: Arc<dyn Store>, t: u64) {
    let tasks: Vec<_> = (0..64)
        .map(|_| {
            let store = Arc::clone(&store);
            tokio::spawn(async move {
                store
                    .consume_nonce("clinic", b"race", t + 600, t)
                    .await
                    .unwrap()
            })
        })
        .collect();
    let mut wins = 0;
    for t in tasks {
        wins += usize::from(t.await.unwrap());
    }
    assert_eq!(wins, 1);
}

fn answer<'a>(id: &'a SessionId, nonce: &'a [u8], outcome: &'a Outcome, read: bool) -> Answer<'a> {
    Answer {
        session: id,
        verifier_id: "clinic",
        nonce,
        nonce_expires_at: outcome.expires_at,
        outcome,
        read,
    }
}

/// An answer consumes its nonce and records the outcome in one step; a second answer, an
/// answer with a consumed nonce and an answer to a missing session change nothing.
async fn accept_is_one_step(store: &dyn Store, t: u64) {
    let (a, b) = (session(10, t, 600), session(11, t, 600));
    store.put_session(&a).await.unwrap();
    store.put_session(&b).await.unwrap();
    let ok = outcome(true, t);
    assert!(!store.answered(&a.id, t + 1).await.unwrap());
    assert_eq!(
        store
            .accept(answer(&a.id, b"na", &ok, false), t + 1)
            .await
            .unwrap(),
        Accept::Recorded
    );
    assert!(store.answered(&a.id, t + 1).await.unwrap());
    assert_eq!(
        store
            .accept(answer(&a.id, b"nz", &ok, false), t + 1)
            .await
            .unwrap(),
        Accept::AlreadyAnswered
    );
    // The nonce of `a` offered for `b`: refused, and `b` stays unanswered.
    assert_eq!(
        store
            .accept(answer(&b.id, b"na", &ok, false), t + 1)
            .await
            .unwrap(),
        Accept::Replayed
    );
    assert!(!store.answered(&b.id, t + 1).await.unwrap());
    assert!(!store
        .consume_nonce("clinic", b"na", t + 600, t + 1)
        .await
        .unwrap());
    // `nz` was not consumed by the refused answer.
    assert!(store
        .consume_nonce("clinic", b"nz", t + 600, t + 1)
        .await
        .unwrap());
    // Read at once: the outcome is not handed out again.
    assert_eq!(
        store
            .accept(answer(&b.id, b"nb", &ok, true), t + 1)
            .await
            .unwrap(),
        Accept::Recorded
    );
    assert_eq!(
        store.take_outcome(&b.id, t + 2).await.unwrap(),
        Taken::AlreadyRead
    );
    assert_eq!(
        store.take_outcome(&a.id, t + 2).await.unwrap(),
        Taken::Outcome(ok.clone())
    );
    let missing = session(12, t, 600).id;
    assert_eq!(
        store
            .accept(answer(&missing, b"nm", &ok, false), t + 1)
            .await
            .unwrap(),
        Accept::NoSession
    );
    assert!(store
        .consume_nonce("clinic", b"nm", t + 600, t + 1)
        .await
        .unwrap());
}

/// Of 64 concurrent answers to one session, each with the same nonce, exactly one is
/// recorded.
async fn concurrent_answers_one_recorded(store: Arc<dyn Store>, t: u64) {
    let s = session(13, t, 600);
    store.put_session(&s).await.unwrap();
    let tasks: Vec<_> = (0..64)
        .map(|_| {
            let (store, id) = (Arc::clone(&store), s.id.clone());
            tokio::spawn(async move {
                let ok = outcome(true, t);
                store
                    .accept(answer(&id, b"race-accept", &ok, false), t + 1)
                    .await
                    .unwrap()
            })
        })
        .collect();
    let mut recorded = 0;
    for task in tasks {
        recorded += usize::from(task.await.unwrap() == Accept::Recorded);
    }
    assert_eq!(recorded, 1);
}

async fn contract(store: Arc<dyn Store>) {
    let t = t0();
    store.ping().await.unwrap();
    sessions_live_until_they_expire(store.as_ref(), t).await;
    one_answer_read_once(store.as_ref(), t).await;
    nonces_are_single_use(store.as_ref(), t).await;
    accept_is_one_step(store.as_ref(), t).await;
    concurrent_answers_one_recorded(Arc::clone(&store), t).await;
    concurrent_consumers_one_winner(store, t).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn embedded_store_keeps_the_contract() {
    let dir = tempfile::tempdir().unwrap();
    let store = EmbeddedStore::open(&dir.path().join("gateway.redb")).unwrap();
    contract(Arc::new(store)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn embedded_store_keeps_nonces_across_a_restart_and_sweeps() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gateway.redb");
    {
        let store = EmbeddedStore::open(&path).unwrap();
        assert!(store
            .consume_nonce("clinic", b"n", 1_600, 1_100)
            .await
            .unwrap());
        store.put_session(&session(9, 1_000, 600)).await.unwrap();
    }
    let store = EmbeddedStore::open(&path).unwrap();
    assert!(!store
        .consume_nonce("clinic", b"n", 1_600, 1_200)
        .await
        .unwrap());
    assert!(store
        .session(&session(9, 0, 0).id, 1_200)
        .await
        .unwrap()
        .is_some());
    assert_eq!(store.sweep(1_700).await.unwrap(), 2);
    assert_eq!(store.sweep(1_700).await.unwrap(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redis_store_keeps_the_contract() {
    let Some(server) = RedisServer::start() else {
        return;
    };
    let store = RedisStore::connect(&server.url(), "test:", std::time::Duration::from_secs(2))
        .await
        .unwrap();
    contract(Arc::new(store)).await;
}

/// Redis stopped: every call fails closed (Unavailable, nothing decided); restarted on the
/// same port: the same store recovers without a new connection being made by the caller.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redis_store_fails_closed_and_recovers() {
    let Some(mut server) = RedisServer::start() else {
        return;
    };
    let store = RedisStore::connect(&server.url(), "t:", std::time::Duration::from_millis(500))
        .await
        .unwrap();
    let t = t0();
    assert!(store
        .consume_nonce("clinic", b"a", t + 600, t)
        .await
        .unwrap());
    server.stop();
    assert!(matches!(
        store.consume_nonce("clinic", b"b", t + 600, t).await,
        Err(StoreError::Unavailable(_))
    ));
    assert!(store.ping().await.is_err());
    server.restart();
    let mut recovered = false;
    for _ in 0..50 {
        if store.ping().await.is_ok() {
            recovered = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(recovered, "the store did not reconnect");
    // A fresh server (no persistence): the nonce consumed while down was never recorded.
    assert!(store
        .consume_nonce("clinic", b"b", t + 600, t)
        .await
        .unwrap());
}
