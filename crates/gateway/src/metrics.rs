//! Prometheus metrics (`/metrics`, text format): verifications by outcome, verification
//! and HTTP latencies, verification batch sizes, sessions, store errors, reloads.

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;

/// How a verification ended.
#[derive(Clone, Copy, Debug, Hash, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Outcome {
    Verified,
    Invalid,
    Malformed,
    WrongRequest,
    AlreadyAnswered,
    Expired,
    StoreUnavailable,
    Error,
}

impl Outcome {
    /// The label value.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Verified => "verified",
            Outcome::Invalid => "invalid",
            Outcome::Malformed => "malformed",
            Outcome::WrongRequest => "wrong_request",
            Outcome::AlreadyAnswered => "already_answered",
            Outcome::Expired => "expired",
            Outcome::StoreUnavailable => "store_unavailable",
            Outcome::Error => "error",
        }
    }

    /// The outcome of an error code.
    pub fn from_code(code: &str) -> Self {
        match code {
            "presentation_invalid" => Outcome::Invalid,
            "malformed_presentation" | "malformed_body" => Outcome::Malformed,
            "wrong_request" => Outcome::WrongRequest,
            "already_answered" => Outcome::AlreadyAnswered,
            "session_expired" | "session_not_found" => Outcome::Expired,
            "store_unavailable" => Outcome::StoreUnavailable,
            _ => Outcome::Error,
        }
    }
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct OutcomeLabels {
    outcome: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    route: String,
    method: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteOnly {
    route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ResultLabels {
    result: String,
}

type HistogramFamily<L> = Family<L, Histogram, fn() -> Histogram>;

fn latency_histogram() -> Histogram {
    // 1 ms .. ~16 s.
    Histogram::new(exponential_buckets(0.001, 2.0, 15))
}

/// The gateway's metrics.
pub struct Metrics {
    registry: Registry,
    verifications: Family<OutcomeLabels, Counter>,
    verify_seconds: Histogram,
    batch_size: Histogram,
    in_flight: Gauge,
    http_requests: Family<RouteLabels, Counter>,
    http_seconds: HistogramFamily<RouteOnly>,
    sessions: Counter,
    store_errors: Counter,
    reloads: Family<ResultLabels, Counter>,
    rate_limited: Counter,
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Metrics").finish_non_exhaustive()
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    /// Registers every metric (prefix `zkcred_gateway_`).
    pub fn new() -> Self {
        let mut registry = Registry::with_prefix("zkcred_gateway");
        let verifications = Family::<OutcomeLabels, Counter>::default();
        registry.register(
            "verifications",
            "Presentations verified, by outcome",
            verifications.clone(),
        );
        let verify_seconds = latency_histogram();
        registry.register(
            "verification_seconds",
            "Time to verify one presentation (on the verifier pool)",
            verify_seconds.clone(),
        );
        let batch_size = Histogram::new(exponential_buckets(1.0, 2.0, 8));
        registry.register(
            "verification_batch_size",
            "Presentations verified together in one batch",
            batch_size.clone(),
        );
        let in_flight = Gauge::default();
        registry.register(
            "verifications_in_flight",
            "Verifications running or waiting for the verifier pool",
            in_flight.clone(),
        );
        let http_requests = Family::<RouteLabels, Counter>::default();
        registry.register(
            "http_requests",
            "HTTP requests, by route, method and status",
            http_requests.clone(),
        );
        let http_seconds: HistogramFamily<RouteOnly> =
            Family::new_with_constructor(latency_histogram);
        registry.register(
            "http_request_seconds",
            "HTTP request latency, by route",
            http_seconds.clone(),
        );
        let sessions = Counter::default();
        registry.register("sessions_created", "Sessions created", sessions.clone());
        let store_errors = Counter::default();
        registry.register(
            "store_errors",
            "Store operations that failed (the gateway answered 503)",
            store_errors.clone(),
        );
        let reloads = Family::<ResultLabels, Counter>::default();
        registry.register(
            "reloads",
            "Reloads of the registry, schemas and templates, by result",
            reloads.clone(),
        );
        let rate_limited = Counter::default();
        registry.register(
            "rate_limited",
            "Requests refused by an API key's rate limit",
            rate_limited.clone(),
        );
        Self {
            registry,
            verifications,
            verify_seconds,
            batch_size,
            in_flight,
            http_requests,
            http_seconds,
            sessions,
            store_errors,
            reloads,
            rate_limited,
        }
    }

    /// A verification ended with `outcome`.
    pub fn verification(&self, outcome: Outcome) {
        self.verifications
            .get_or_create(&OutcomeLabels {
                outcome: outcome.as_str().to_owned(),
            })
            .inc();
    }

    /// A batch of `size` presentations took `seconds` to verify.
    pub fn verify_latency(&self, seconds: f64, size: usize) {
        self.verify_seconds.observe(seconds);
        self.batch_size.observe(size as f64);
    }

    /// The gauge of verifications in flight.
    pub fn in_flight(&self) -> &Gauge {
        &self.in_flight
    }

    /// An HTTP request ended.
    pub fn http(&self, route: &str, method: &str, status: u16, seconds: f64) {
        self.http_requests
            .get_or_create(&RouteLabels {
                route: route.to_owned(),
                method: method.to_owned(),
                status,
            })
            .inc();
        self.http_seconds
            .get_or_create(&RouteOnly {
                route: route.to_owned(),
            })
            .observe(seconds);
    }

    /// A session was created.
    pub fn session_created(&self) {
        self.sessions.inc();
    }

    /// A store operation failed.
    pub fn store_error(&self) {
        self.store_errors.inc();
    }

    /// A reload ended (`ok`, `failed`).
    pub fn reload(&self, result: &str) {
        self.reloads
            .get_or_create(&ResultLabels {
                result: result.to_owned(),
            })
            .inc();
    }

    /// A request was refused by a rate limit.
    pub fn rate_limited(&self) {
        self.rate_limited.inc();
    }

    /// The text exposition.
    pub fn encode(&self) -> String {
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut out, &self.registry);
        out
    }
}
