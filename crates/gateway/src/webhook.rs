//! Optional webhooks: when a session is answered, the gateway posts
//! `{"session_id", "status": "answered", "result_uri"}` to its service's `webhook_url`. The
//! notification carries no data: the service then reads the result with its API key, once.
//! A forged notification therefore achieves nothing but a poll. Delivery is best effort:
//! three attempts (1 s, then 2 s apart), each with a 5 s timeout, after the answer is
//! recorded; a service that misses one still finds the result by polling.

use axum::body::Bytes;
use http_body_util::Full;
use hyper::header::CONTENT_TYPE;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// The notification's body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Notification {
    /// The session answered.
    pub session_id: String,
    /// Always `answered`.
    pub status: String,
    /// Where to read the result.
    pub result_uri: String,
}

/// Posts notifications.
#[derive(Clone)]
pub struct Notifier {
    client: Client<hyper_util::client::legacy::connect::HttpConnector, Full<Bytes>>,
}

impl std::fmt::Debug for Notifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Notifier").finish_non_exhaustive()
    }
}

impl Default for Notifier {
    fn default() -> Self {
        Self::new()
    }
}

impl Notifier {
    /// A notifier with its own connection pool.
    pub fn new() -> Self {
        Self {
            client: Client::builder(TokioExecutor::new()).build_http(),
        }
    }

    /// Posts `notification` to `url` in the background.
    pub fn notify(&self, url: String, notification: Notification) {
        let client = self.client.clone();
        tokio::spawn(async move {
            let Ok(body) = serde_json::to_vec(&notification) else {
                return;
            };
            for (attempt, pause) in [(1, 1), (2, 2), (3, 0)] {
                let request = hyper::Request::post(&url)
                    .header(CONTENT_TYPE, "application/json")
                    .body(Full::new(Bytes::from(body.clone())));
                let Ok(request) = request else {
                    tracing::warn!(url, "webhook: not a valid request URL");
                    return;
                };
                let sent =
                    tokio::time::timeout(Duration::from_secs(5), client.request(request)).await;
                match sent {
                    Ok(Ok(r)) if r.status().is_success() => {
                        tracing::debug!(session = %notification.session_id, "webhook delivered");
                        return;
                    }
                    Ok(Ok(r)) => tracing::warn!(
                        session = %notification.session_id,
                        attempt,
                        status = r.status().as_u16(),
                        "webhook refused"
                    ),
                    Ok(Err(e)) => {
                        tracing::warn!(session = %notification.session_id, attempt, error = %e, "webhook failed")
                    }
                    Err(_) => {
                        tracing::warn!(session = %notification.session_id, attempt, "webhook timed out")
                    }
                }
                tokio::time::sleep(Duration::from_secs(pause)).await;
            }
        });
    }
}
