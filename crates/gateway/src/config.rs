//! The gateway's configuration: a TOML file (`--config PATH` or `ZKCRED_GATEWAY_CONFIG`),
//! then environment overrides (`ZKCRED_GATEWAY_LISTEN`, `ZKCRED_GATEWAY_PUBLIC_URL`,
//! `ZKCRED_GATEWAY_STORE_URL`, `ZKCRED_GATEWAY_STORE_PATH`, `ZKCRED_GATEWAY_LOG_FORMAT`,
//! `ZKCRED_GATEWAY_LOG_LEVEL`). Every key is documented in `docs/GATEWAY.md`; relative paths
//! are relative to the directory of the config file.

use serde::Deserialize;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

/// Environment variable naming the config file when `--config` is not given.
pub const CONFIG_ENV: &str = "ZKCRED_GATEWAY_CONFIG";

/// Shortest session lifetime (the window a wallet has to answer).
pub const MIN_SESSION_TTL_SECS: u64 = 300;
/// Longest session lifetime.
pub const MAX_SESSION_TTL_SECS: u64 = 600;

/// A configuration that cannot be used; the message names the key.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ConfigError(pub String);

fn bad(message: impl Into<String>) -> ConfigError {
    ConfigError(message.into())
}

/// The whole configuration.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Address to listen on (`ZKCRED_GATEWAY_LISTEN`); port 0 picks a free port.
    #[serde(default = "default_listen")]
    pub listen: SocketAddr,
    /// The URL wallets reach the gateway at, without a trailing slash
    /// (`ZKCRED_GATEWAY_PUBLIC_URL`); default `http://<listen address>`.
    #[serde(default)]
    pub public_url: Option<String>,
    /// The gateway's verifier key file (secret: `zkcred verifier init`).
    pub verifier_key: PathBuf,
    /// The Groth16 key set file: made on first start for every template if missing, never
    /// replaced.
    pub key_set: PathBuf,
    /// The trust registry file (version 2), reloaded without a restart.
    pub trust_registry: PathBuf,
    /// A directory of schema files (`*.json`), reloaded without a restart.
    pub schemas: PathBuf,
    /// A directory of request templates (`NAME.json`: request specs), reloaded without a
    /// restart.
    pub templates: PathBuf,
    /// Sessions.
    #[serde(default)]
    pub sessions: SessionConfig,
    /// The store.
    #[serde(default)]
    pub store: StoreConfig,
    /// Limits.
    #[serde(default)]
    pub limits: LimitConfig,
    /// Reloading of the registry, schemas and templates.
    #[serde(default)]
    pub reload: ReloadConfig,
    /// Logs.
    #[serde(default)]
    pub log: LogConfig,
    /// The relying services and their API keys.
    #[serde(default, rename = "service")]
    pub services: Vec<ServiceConfig>,
}

fn default_listen() -> SocketAddr {
    SocketAddr::from(([127, 0, 0, 1], 8080))
}

/// `[sessions]`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SessionConfig {
    /// How long a wallet has to answer, seconds (300..=600).
    pub ttl_secs: u64,
    /// How long after that the outcome can still be read, seconds (60..=86400).
    pub result_ttl_secs: u64,
}

impl Default for SessionConfig {
    fn default() -> Self {
        Self {
            ttl_secs: 300,
            result_ttl_secs: 600,
        }
    }
}

/// Which store.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Backend {
    /// [`crate::store::EmbeddedStore`]: one gateway, one file.
    #[default]
    Embedded,
    /// [`crate::store::RedisStore`]: any number of replicas.
    Redis,
}

/// `[store]`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct StoreConfig {
    /// `embedded` or `redis`.
    pub backend: Backend,
    /// The embedded store's file (`ZKCRED_GATEWAY_STORE_PATH`).
    pub path: PathBuf,
    /// Redis URL, `redis://host:port/db` (`ZKCRED_GATEWAY_STORE_URL`, which also selects
    /// the Redis backend).
    pub url: Option<String>,
    /// Prefix of every Redis key (replicas of one deployment share it).
    pub prefix: String,
    /// Redis connect and command timeout, milliseconds.
    pub timeout_ms: u64,
}

impl Default for StoreConfig {
    fn default() -> Self {
        Self {
            backend: Backend::Embedded,
            path: PathBuf::from("gateway.redb"),
            url: None,
            prefix: "zkcred-gateway:".into(),
            timeout_ms: 1_000,
        }
    }
}

/// `[limits]`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LimitConfig {
    /// Largest request body, bytes (presentations are at most 1 MiB anyway).
    pub max_body_bytes: usize,
    /// Longest a request may take, seconds (then 503 `timeout`).
    pub request_timeout_secs: u64,
    /// Verifications run at once (0: one per CPU).
    pub verify_concurrency: usize,
    /// Most presentations verified together in one batch (1: no batching).
    pub max_batch: usize,
    /// How long the batcher gathers posts after the first, milliseconds.
    pub batch_window_ms: u64,
    /// Default requests per second of one API key.
    pub rate_per_second: u32,
    /// Default burst of one API key.
    pub rate_burst: u32,
}

impl Default for LimitConfig {
    fn default() -> Self {
        Self {
            max_body_bytes: 1 << 20,
            request_timeout_secs: 30,
            verify_concurrency: 0,
            max_batch: 32,
            batch_window_ms: 2,
            rate_per_second: 50,
            rate_burst: 100,
        }
    }
}

/// `[reload]`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ReloadConfig {
    /// Check the files for changes every this many seconds (0: only on SIGHUP).
    pub interval_secs: u64,
}

/// Log format.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// Human-readable lines.
    #[default]
    Text,
    /// One JSON object per line.
    Json,
}

/// `[log]`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LogConfig {
    /// `text` or `json` (`ZKCRED_GATEWAY_LOG_FORMAT`).
    pub format: LogFormat,
    /// A `tracing` filter, e.g. `info` or `zkcred_gateway=debug` (`ZKCRED_GATEWAY_LOG_LEVEL`).
    pub level: String,
}

impl Default for LogConfig {
    fn default() -> Self {
        Self {
            format: LogFormat::Text,
            level: "info".into(),
        }
    }
}

/// `[[service]]`: a relying service.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceConfig {
    /// Its id (1-64 of `a-z 0-9 . _ -`).
    pub id: String,
    /// SHA-256 of its API key, 64 hex digits (`zkcred-gateway new-api-key` makes both).
    pub api_key_sha256: String,
    /// Requests per second (default `limits.rate_per_second`).
    #[serde(default)]
    pub rate_per_second: Option<u32>,
    /// Burst (default `limits.rate_burst`).
    #[serde(default)]
    pub rate_burst: Option<u32>,
    /// Where the gateway posts `{"session_id", "status": "answered", "result_uri"}` when one
    /// of the service's sessions is answered (`http://` only; optional: services may poll).
    #[serde(default)]
    pub webhook_url: Option<String>,
}

impl Config {
    /// Reads the file at `path`, applies the environment overrides and checks the result.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| bad(format!("cannot read {}: {e}", path.display())))?;
        let mut config = Self::parse(&text).map_err(|e| bad(format!("{}: {e}", path.display())))?;
        config.apply_env(|name| std::env::var(name).ok())?;
        let base = path.parent().unwrap_or(Path::new("."));
        config.resolve_paths(base);
        config.validate()?;
        Ok(config)
    }

    /// Parses TOML text (no overrides, paths as written, not checked).
    pub fn parse(text: &str) -> Result<Self, ConfigError> {
        toml::from_str(text).map_err(|e| bad(e.to_string().trim_end().replace('\n', " ")))
    }

    /// Applies the environment overrides read by `var`.
    pub fn apply_env(&mut self, var: impl Fn(&str) -> Option<String>) -> Result<(), ConfigError> {
        if let Some(listen) = var("ZKCRED_GATEWAY_LISTEN") {
            self.listen = listen
                .parse()
                .map_err(|e| bad(format!("ZKCRED_GATEWAY_LISTEN '{listen}': {e}")))?;
        }
        if let Some(url) = var("ZKCRED_GATEWAY_PUBLIC_URL") {
            self.public_url = Some(url);
        }
        if let Some(url) = var("ZKCRED_GATEWAY_STORE_URL") {
            self.store.backend = Backend::Redis;
            self.store.url = Some(url);
        }
        if let Some(path) = var("ZKCRED_GATEWAY_STORE_PATH") {
            self.store.path = PathBuf::from(path);
        }
        if let Some(format) = var("ZKCRED_GATEWAY_LOG_FORMAT") {
            self.log.format = match format.as_str() {
                "text" => LogFormat::Text,
                "json" => LogFormat::Json,
                other => {
                    return Err(bad(format!(
                        "ZKCRED_GATEWAY_LOG_FORMAT '{other}': use text or json"
                    )))
                }
            };
        }
        if let Some(level) = var("ZKCRED_GATEWAY_LOG_LEVEL") {
            self.log.level = level;
        }
        Ok(())
    }

    /// Makes every relative path relative to `base`.
    pub fn resolve_paths(&mut self, base: &Path) {
        for p in [
            &mut self.verifier_key,
            &mut self.key_set,
            &mut self.trust_registry,
            &mut self.schemas,
            &mut self.templates,
            &mut self.store.path,
        ] {
            if p.is_relative() {
                *p = base.join(&*p);
            }
        }
    }

    /// Checks every value.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let s = &self.sessions;
        if !(MIN_SESSION_TTL_SECS..=MAX_SESSION_TTL_SECS).contains(&s.ttl_secs) {
            return Err(bad(format!(
                "sessions.ttl_secs = {}: use {MIN_SESSION_TTL_SECS}..={MAX_SESSION_TTL_SECS} \
                 (5 to 10 minutes)",
                s.ttl_secs
            )));
        }
        if !(60..=86_400).contains(&s.result_ttl_secs) {
            return Err(bad(format!(
                "sessions.result_ttl_secs = {}: use 60..=86400",
                s.result_ttl_secs
            )));
        }
        if let Some(url) = &self.public_url {
            let ok = (url.starts_with("http://") || url.starts_with("https://"))
                && !url.ends_with('/')
                && !url.contains(char::is_whitespace);
            if !ok {
                return Err(bad(format!(
                    "public_url '{url}': an http:// or https:// URL without a trailing slash"
                )));
            }
        }
        if self.store.backend == Backend::Redis && self.store.url.is_none() {
            return Err(bad(
                "store.backend = \"redis\" needs store.url (or ZKCRED_GATEWAY_STORE_URL)",
            ));
        }
        if let Some(url) = &self.store.url {
            if !url.starts_with("redis://") {
                return Err(bad(
                    "store.url: a redis:// URL (TLS to Redis is not built in: keep Redis on a \
                     private network, or use a TLS sidecar)",
                ));
            }
        }
        if self.store.timeout_ms == 0 {
            return Err(bad("store.timeout_ms: more than 0"));
        }
        let l = &self.limits;
        if !(1..=1_024).contains(&l.max_batch) {
            return Err(bad("limits.max_batch: 1..=1024"));
        }
        if l.batch_window_ms > 1_000 {
            return Err(bad("limits.batch_window_ms: at most 1000"));
        }
        if l.max_body_bytes < 1_024 {
            return Err(bad("limits.max_body_bytes: at least 1024"));
        }
        if l.request_timeout_secs == 0 {
            return Err(bad("limits.request_timeout_secs: more than 0"));
        }
        let mut ids = std::collections::BTreeSet::new();
        let mut hashes = std::collections::BTreeSet::new();
        for svc in &self.services {
            let id_ok = (1..=64).contains(&svc.id.len())
                && svc
                    .id
                    .bytes()
                    .all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'.' | b'_' | b'-'));
            if !id_ok {
                return Err(bad(format!(
                    "service id '{}': use 1-64 characters a-z 0-9 . _ -",
                    svc.id
                )));
            }
            if !ids.insert(svc.id.as_str()) {
                return Err(bad(format!("service '{}' is listed twice", svc.id)));
            }
            let hash = svc.api_key_sha256.to_ascii_lowercase();
            if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(bad(format!(
                    "service '{}': api_key_sha256 is 64 hex digits (zkcred-gateway new-api-key)",
                    svc.id
                )));
            }
            if !hashes.insert(hash) {
                return Err(bad(format!(
                    "service '{}': its API key is another service's",
                    svc.id
                )));
            }
            if let Some(url) = &svc.webhook_url {
                if !url.starts_with("http://") || url.contains(char::is_whitespace) {
                    return Err(bad(format!(
                        "service '{}': webhook_url '{url}': an http:// URL (the notification \
                         carries no data: the service reads the result with its key)",
                        svc.id
                    )));
                }
                url.parse::<axum::http::Uri>()
                    .map_err(|e| bad(format!("service '{}': webhook_url '{url}': {e}", svc.id)))?;
            }
            for (name, v) in [
                ("rate_per_second", svc.rate_per_second),
                ("rate_burst", svc.rate_burst),
            ] {
                if v == Some(0) {
                    return Err(bad(format!("service '{}': {name} more than 0", svc.id)));
                }
            }
        }
        if l.rate_per_second == 0 || l.rate_burst == 0 {
            return Err(bad(
                "limits.rate_per_second and limits.rate_burst: more than 0",
            ));
        }
        Ok(())
    }

    /// The public URL: `public_url`, else `http://<bound address>`.
    pub fn public_url_for(&self, bound: SocketAddr) -> String {
        self.public_url
            .clone()
            .unwrap_or_else(|| format!("http://{bound}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"
        verifier_key = "verifier.key.json"
        key_set = "keys.json"
        trust_registry = "registry.json"
        schemas = "schemas"
        templates = "templates"
    "#;

    #[test]
    fn defaults_overrides_and_paths() {
        let mut c = Config::parse(MINIMAL).unwrap();
        assert_eq!(c.sessions.ttl_secs, 300);
        assert_eq!(c.store.backend, Backend::Embedded);
        c.apply_env(|name| match name {
            "ZKCRED_GATEWAY_LISTEN" => Some("0.0.0.0:9000".into()),
            "ZKCRED_GATEWAY_STORE_URL" => Some("redis://127.0.0.1:6379/".into()),
            "ZKCRED_GATEWAY_PUBLIC_URL" => Some("https://gw.example".into()),
            _ => None,
        })
        .unwrap();
        assert_eq!(c.listen.port(), 9000);
        assert_eq!(c.store.backend, Backend::Redis);
        assert_eq!(c.public_url_for(c.listen), "https://gw.example");
        c.resolve_paths(Path::new("/etc/zkcred"));
        assert_eq!(c.key_set, Path::new("/etc/zkcred/keys.json"));
        c.validate().unwrap();
    }

    #[test]
    fn bad_values_are_named() {
        let e = Config::parse(&format!("{MINIMAL}\ncolour = 1")).unwrap_err();
        assert!(e.0.contains("unknown field `colour`"), "{e}");
        let mut c = Config::parse(MINIMAL).unwrap();
        c.sessions.ttl_secs = 60;
        assert!(c.validate().unwrap_err().0.contains("sessions.ttl_secs"));
        let mut c = Config::parse(MINIMAL).unwrap();
        c.store.backend = Backend::Redis;
        assert!(c.validate().unwrap_err().0.contains("store.url"));
        let mut c = Config::parse(MINIMAL).unwrap();
        assert_eq!((c.limits.max_batch, c.limits.batch_window_ms), (32, 2));
        c.limits.max_batch = 0;
        assert!(c.validate().unwrap_err().0.contains("limits.max_batch"));
        let mut c = Config::parse(MINIMAL).unwrap();
        c.limits.batch_window_ms = 5_000;
        assert!(c
            .validate()
            .unwrap_err()
            .0
            .contains("limits.batch_window_ms"));
        let c = Config::parse(&format!(
            "{MINIMAL}\n[[service]]\nid = \"Clinic\"\napi_key_sha256 = \"00\"\n"
        ))
        .unwrap();
        assert!(c.validate().unwrap_err().0.contains("service id 'Clinic'"));
    }
}
