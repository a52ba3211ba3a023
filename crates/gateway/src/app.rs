//! [`Gateway`]: the loaded state (config, keys, catalog, store, services, metrics), the router
//! with its layers (request ids, tracing, JSON errors, metrics, timeouts, body limits), and
//! [`Gateway::serve`] with graceful shutdown.

use crate::api;
use crate::auth::Services;
use crate::catalog::{load_or_create_keys, read_doc, Catalog, FileStamp, Keys, LoadError, Sources};
use crate::clock::Clock;
use crate::config::{Backend, Config, ConfigError};
use crate::error::{code_for_status, ErrorBody};
use crate::metrics::Metrics;
use crate::store::{EmbeddedStore, RedisStore, Store, StoreError};
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, MatchedPath, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use std::future::Future;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower_http::cors::{Any, CorsLayer};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use zkcred::credential::VerifierKey;

/// Why the gateway could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The configuration.
    #[error("config: {0}")]
    Config(#[from] ConfigError),
    /// A file (keys, registry, schemas, templates).
    #[error("{0}")]
    Load(#[from] LoadError),
    /// The store.
    #[error("store: {0}")]
    Store(#[from] StoreError),
    /// Listening.
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// The gateway: cheap to clone (shared state).
#[derive(Clone)]
pub struct Gateway {
    pub(crate) inner: Arc<Inner>,
}

impl std::fmt::Debug for Gateway {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gateway")
            .field("public_url", &self.inner.public_url)
            .finish_non_exhaustive()
    }
}

pub(crate) struct Inner {
    pub config: Config,
    pub public_url: String,
    pub verifier_key: Arc<VerifierKey>,
    pub keys: Arc<Keys>,
    catalog: RwLock<Arc<Catalog>>,
    pub store: Arc<dyn Store>,
    embedded: Option<EmbeddedStore>,
    pub clock: Arc<dyn Clock>,
    pub services: Services,
    pub metrics: Metrics,
    pub permits: Arc<Semaphore>,
    pub batcher: tokio::sync::mpsc::UnboundedSender<crate::batch::Job>,
    pub notifier: crate::webhook::Notifier,
    stamp: Mutex<FileStamp>,
}

impl Gateway {
    /// Loads everything `config` names (making the Groth16 key set if its file is missing)
    /// and opens the store. `public_url` is where wallets reach this gateway.
    pub async fn start(
        config: Config,
        public_url: String,
        clock: Arc<dyn Clock>,
    ) -> Result<Self, StartError> {
        config.validate()?;
        let verifier_key: Arc<VerifierKey> = Arc::new(read_doc(&config.verifier_key)?);
        let sources = load_sources(&config)?;
        let set = {
            let (path, sources, key) = (
                config.key_set.clone(),
                sources.clone(),
                Arc::clone(&verifier_key),
            );
            tokio::task::spawn_blocking(move || load_or_create_keys(&path, &sources, &key))
                .await
                .map_err(|e| LoadError(e.to_string()))??
        };
        let keys = Arc::new(Keys::of(&set)?);
        let ttl = Duration::from_secs(config.sessions.ttl_secs);
        let stamp = sources.stamp.clone();
        let catalog = Catalog::new(sources, &verifier_key, &keys, ttl)?;
        let (store, embedded): (Arc<dyn Store>, Option<EmbeddedStore>) = match config.store.backend
        {
            Backend::Embedded => {
                let s = EmbeddedStore::open(&config.store.path)?;
                (Arc::new(s.clone()), Some(s))
            }
            Backend::Redis => {
                let url = config.store.url.clone().unwrap_or_default();
                let timeout = Duration::from_millis(config.store.timeout_ms);
                let s = RedisStore::connect(&url, &config.store.prefix, timeout).await?;
                (Arc::new(s), None)
            }
        };
        let permits = match config.limits.verify_concurrency {
            0 => std::thread::available_parallelism().map_or(2, |n| n.get()),
            n => n,
        };
        tracing::info!(
            verifier = verifier_key.id(),
            circuits = keys.by_circuit.len(),
            templates = catalog.sources.templates.len(),
            store = ?config.store.backend,
            "gateway loaded"
        );
        let (batcher, jobs) = tokio::sync::mpsc::unbounded_channel();
        let (max_batch, window) = (
            config.limits.max_batch,
            Duration::from_millis(config.limits.batch_window_ms),
        );
        let inner = Arc::new(Inner {
            services: Services::new(&config),
            public_url,
            verifier_key,
            keys,
            catalog: RwLock::new(Arc::new(catalog)),
            store,
            embedded,
            clock,
            metrics: Metrics::new(),
            permits: Arc::new(Semaphore::new(permits)),
            batcher,
            notifier: crate::webhook::Notifier::new(),
            stamp: Mutex::new(stamp),
            config,
        });
        tokio::spawn(crate::batch::run(
            Arc::downgrade(&inner),
            jobs,
            max_batch,
            window,
        ));
        Ok(Self { inner })
    }

    /// The current catalog.
    pub fn catalog(&self) -> Arc<Catalog> {
        let guard = self.inner.catalog.read().unwrap_or_else(|p| p.into_inner());
        Arc::clone(&guard)
    }

    /// Reloads the trust registry, schemas and templates. The new catalog replaces the old one
    /// only if everything loads and every template can be asked for; otherwise the old one
    /// stays and the error is returned (and logged, and counted).
    pub fn reload(&self) -> Result<(), LoadError> {
        let inner = &self.inner;
        let result = load_sources(&inner.config).and_then(|sources| {
            let stamp = sources.stamp.clone();
            let ttl = Duration::from_secs(inner.config.sessions.ttl_secs);
            Catalog::new(sources, &inner.verifier_key, &inner.keys, ttl).map(|c| (c, stamp))
        });
        match result {
            Ok((catalog, stamp)) => {
                tracing::info!(
                    issuers = catalog.sources.registry.len(),
                    schemas = catalog.sources.schemas.len(),
                    templates = catalog.sources.templates.len(),
                    "reloaded the registry, schemas and templates"
                );
                *inner.catalog.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(catalog);
                *inner.stamp.lock().unwrap_or_else(|p| p.into_inner()) = stamp;
                inner.metrics.reload("ok");
                Ok(())
            }
            Err(e) => {
                // Remember the files as they are, so a broken edit is reported once.
                *inner.stamp.lock().unwrap_or_else(|p| p.into_inner()) = self.current_stamp();
                tracing::error!(error = %e, "reload refused: keeping the previous catalog");
                inner.metrics.reload("failed");
                Err(e)
            }
        }
    }

    fn current_stamp(&self) -> FileStamp {
        let c = &self.inner.config;
        FileStamp::of(&c.trust_registry, &c.schemas, &c.templates)
    }

    /// [`Gateway::reload`] if any source file changed since the last load.
    pub fn reload_if_changed(&self) -> Option<Result<(), LoadError>> {
        let now = self.current_stamp();
        let changed = *self.inner.stamp.lock().unwrap_or_else(|p| p.into_inner()) != now;
        changed.then(|| self.reload())
    }

    /// The public URL.
    pub fn public_url(&self) -> &str {
        &self.inner.public_url
    }

    /// The router with every endpoint and layer.
    pub fn router(&self) -> Router {
        let limits = &self.inner.config.limits;
        let timeout = Duration::from_secs(limits.request_timeout_secs);
        let trace = TraceLayer::new_for_http()
            .make_span_with(|req: &Request<Body>| {
                let route = req
                    .extensions()
                    .get::<MatchedPath>()
                    .map_or("-", MatchedPath::as_str)
                    .to_owned();
                let id = req
                    .headers()
                    .get("x-request-id")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("-")
                    .to_owned();
                tracing::info_span!("http", method = %req.method(), route, request_id = id)
            })
            .on_response(DefaultOnResponse::new().level(tracing::Level::INFO));
        // The wallet's routes, readable from a web wallet on any origin (wallet_cors).
        let wallet = Router::new()
            .route("/v1/requests/{id}", get(api::get_request))
            .route("/v1/keys/{digest}", get(api::get_key))
            .route("/v1/responses/{id}", post(api::post_response))
            .route("/v1/verifier", get(api::verifier_info))
            .layer(wallet_cors());
        // Innermost first: each `layer` wraps what is above it.
        Router::new()
            .route("/v1/sessions", post(api::create_session))
            .route("/v1/sessions/{id}/result", get(api::get_result))
            .route("/v1/sessions/{id}/verify", post(api::verify_for_session))
            .merge(wallet)
            .route("/healthz", get(api::healthz))
            .route("/readyz", get(api::readyz))
            .route("/metrics", get(api::metrics))
            .route("/openapi.json", get(openapi_json))
            .fallback(not_found)
            .layer(DefaultBodyLimit::max(limits.max_body_bytes))
            .layer(RequestBodyLimitLayer::new(limits.max_body_bytes))
            .layer(TimeoutLayer::with_status_code(
                StatusCode::SERVICE_UNAVAILABLE,
                timeout,
            ))
            .layer(middleware::from_fn(json_errors))
            .layer(middleware::from_fn_with_state(self.clone(), record_metrics))
            .layer(PropagateRequestIdLayer::x_request_id())
            .layer(trace)
            .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
            .with_state(self.clone())
    }

    /// Serves on `listener` until `shutdown` completes, then stops accepting and finishes
    /// the requests in flight (graceful shutdown). Runs the background tasks meanwhile:
    /// the embedded store's sweep of expired records, and the reload poll.
    pub async fn serve(
        self,
        listener: TcpListener,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let mut tasks = tokio::task::JoinSet::new();
        if let Some(store) = self.inner.embedded.clone() {
            let clock = Arc::clone(&self.inner.clock);
            tasks.spawn(async move {
                let mut tick = tokio::time::interval(Duration::from_secs(60));
                loop {
                    tick.tick().await;
                    match store.sweep(clock.now()).await {
                        Ok(n) if n > 0 => tracing::debug!(removed = n, "swept expired records"),
                        Ok(_) => {}
                        Err(e) => tracing::warn!(error = %e, "sweep failed"),
                    }
                }
            });
        }
        let interval = self.inner.config.reload.interval_secs;
        if interval > 0 {
            let gateway = self.clone();
            tasks.spawn(async move {
                let mut tick = tokio::time::interval(Duration::from_secs(interval));
                tick.tick().await;
                loop {
                    tick.tick().await;
                    let g = gateway.clone();
                    let _ = tokio::task::spawn_blocking(move || g.reload_if_changed()).await;
                }
            });
        }
        let router = self.router();
        let served = axum::serve(listener, router)
            .with_graceful_shutdown(shutdown)
            .await;
        tasks.abort_all();
        tracing::info!("gateway stopped");
        served
    }
}

/// CORS for the wallet's routes only (`docs/GATEWAY.md`, "Web wallets and CORS"): any
/// origin may GET and POST with a `content-type` header, never with credentials. These routes
/// are public by design (the session id is the capability); the service routes get no CORS
/// headers, so a browser page cannot read them.
fn wallet_cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([header::CONTENT_TYPE])
        .max_age(Duration::from_secs(600))
}

fn load_sources(config: &Config) -> Result<Sources, LoadError> {
    Sources::load(&config.trust_registry, &config.schemas, &config.templates)
}

async fn openapi_json() -> Response {
    let mut r = crate::openapi::document().into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    r
}

async fn not_found() -> Response {
    crate::error::ApiError::new(StatusCode::NOT_FOUND, "not_found", "no such endpoint")
        .into_response()
}

/// Counts every request by route and status, with its latency.
async fn record_metrics(State(gw): State<Gateway>, req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", MatchedPath::as_str)
        .to_owned();
    let method = req.method().as_str().to_owned();
    let started = Instant::now();
    let response = next.run(req).await;
    gw.inner.metrics.http(
        &route,
        &method,
        response.status().as_u16(),
        started.elapsed().as_secs_f64(),
    );
    response
}

/// Every error response is JSON `{"error", "message"}`: responses the framework or a layer
/// made (413 of the body limit, 503 of the timeout, 405, ...) get one by their status.
async fn json_errors(req: Request, next: Next) -> Response {
    let response = next.run(req).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if !status.is_client_error() && !status.is_server_error() || is_json {
        return response;
    }
    let (code, message) = match status {
        // The only plain 503 is the timeout layer's: the handler was cut short.
        StatusCode::SERVICE_UNAVAILABLE => (
            "timeout",
            "the request took too long (a presentation may have been accepted meanwhile: a \
             retry then gets already_answered)",
        ),
        s => code_for_status(s),
    };
    let (mut parts, _) = response.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    let body = Json(ErrorBody {
        error: code.into(),
        message: message.into(),
    })
    .into_response()
    .into_body();
    Response::from_parts(parts, body)
}
