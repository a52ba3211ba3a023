//! Relying services: API keys (stored as SHA-256 hex; keys are 32 random bytes, so a fast
//! hash is right) compared in constant time, and a rate limit per key.

use crate::app::Gateway;
use crate::config::{Config, ServiceConfig};
use crate::error::ApiError;
use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use governor::clock::{Clock as _, DefaultClock};
use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::num::NonZeroU32;
use subtle::ConstantTimeEq;

/// A fresh API key (32 random bytes, 64 hex digits) and its SHA-256 (for the config).
pub fn new_api_key() -> (String, String) {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let key = hex::encode(bytes);
    let hash = hex::encode(Sha256::digest(key.as_bytes()));
    (key, hash)
}

struct ServiceEntry {
    id: String,
    webhook_url: Option<String>,
    key_hash: [u8; 32],
    limiter: DefaultDirectRateLimiter,
}

/// The services of the config.
pub struct Services {
    entries: Vec<ServiceEntry>,
}

impl std::fmt::Debug for Services {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.entries.iter().map(|e| &e.id))
            .finish()
    }
}

fn quota(per_second: u32, burst: u32) -> Quota {
    let rate = NonZeroU32::new(per_second).unwrap_or(NonZeroU32::MIN);
    let burst = NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN);
    Quota::per_second(rate).allow_burst(burst)
}

impl Services {
    /// The services of `config` (validated: hashes are 64 hex digits).
    pub fn new(config: &Config) -> Self {
        let entry = |s: &ServiceConfig| {
            let mut key_hash = [0u8; 32];
            // Validated by `Config::validate`; an invalid hash matches nothing.
            let _ = hex::decode_to_slice(s.api_key_sha256.to_ascii_lowercase(), &mut key_hash);
            ServiceEntry {
                id: s.id.clone(),
                webhook_url: s.webhook_url.clone(),
                key_hash,
                limiter: RateLimiter::direct(quota(
                    s.rate_per_second.unwrap_or(config.limits.rate_per_second),
                    s.rate_burst.unwrap_or(config.limits.rate_burst),
                )),
            }
        };
        Self {
            entries: config.services.iter().map(entry).collect(),
        }
    }

    /// The webhook URL of service `id`, if it has one.
    pub fn webhook(&self, id: &str) -> Option<&str> {
        self.entries
            .iter()
            .find(|e| e.id == id)
            .and_then(|e| e.webhook_url.as_deref())
    }

    /// The service whose key is `key`: every stored hash is compared, in constant time.
    fn find(&self, key: &str) -> Option<&ServiceEntry> {
        let hash: [u8; 32] = Sha256::digest(key.as_bytes()).into();
        let mut found = None;
        for e in &self.entries {
            if bool::from(e.key_hash.ct_eq(&hash)) {
                found = Some(e);
            }
        }
        found
    }
}

/// The authenticated relying service of a request (`Authorization: Bearer <key>`), within
/// its rate limit.
#[derive(Clone, Debug)]
pub struct Service(pub String);

impl FromRequestParts<Gateway> for Service {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, gateway: &Gateway) -> Result<Self, ApiError> {
        let key = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .ok_or_else(ApiError::unauthorized)?;
        let entry = gateway
            .inner
            .services
            .find(key)
            .ok_or_else(ApiError::unauthorized)?;
        if let Err(not_until) = entry.limiter.check() {
            gateway.inner.metrics.rate_limited();
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            return Err(ApiError::new(
                axum::http::StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                format!(
                    "too many requests for this API key: retry in {} ms",
                    wait.as_millis()
                ),
            )
            .retry(wait.as_secs().max(1)));
        }
        Ok(Service(entry.id.clone()))
    }
}
