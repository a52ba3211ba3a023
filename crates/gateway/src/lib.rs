//! The zkcred verification gateway: relying services create sessions, wallets fetch signed
//! requests and post presentations, services read what was proven, once.
//!
//! The flow is shaped after OpenID for Verifiable Presentations (request by reference,
//! response by direct post, nonce and state); `docs/GATEWAY.md` has the API, the
//! configuration and the deployment of replicas over Redis.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use std::sync::Arc;
//! use zkcred_gateway::{clock::SystemClock, config::Config, Gateway};
//! let config = Config::load("gateway.toml".as_ref())?;
//! let listener = tokio::net::TcpListener::bind(config.listen).await?;
//! let public_url = config.public_url_for(listener.local_addr()?);
//! let gateway = Gateway::start(config, public_url, Arc::new(SystemClock)).await?;
//! gateway.serve(listener, async { let _ = tokio::signal::ctrl_c().await; }).await?;
//! # Ok(()) }
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod api;
mod app;
pub mod auth;
pub mod batch;
pub mod catalog;
pub mod clock;
pub mod config;
pub mod demo;
pub mod error;
pub mod metrics;
pub mod openapi;
pub mod store;
pub mod verify;
pub mod webhook;

pub use app::{Gateway, StartError};

/// A real `redis-server` for tests (shared with the integration tests).
#[cfg(test)]
#[path = "../tests/common/redis.rs"]
mod test_redis;
