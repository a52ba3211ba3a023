//! The HTTP endpoints (`docs/GATEWAY.md`), shaped after OpenID for Verifiable Presentations:
//! the service creates a session; the wallet fetches the request object by reference
//! (`request_uri`), with a fresh nonce and the session as `state`, fetches the Groth16 keys
//! by digest, and posts its presentation to `response_uri` (`direct_post`); the service reads
//! the result once.

use crate::app::Gateway;
use crate::auth::Service;
use crate::catalog::{build_request, request_circuits};
use crate::error::{ApiError, ErrorBody};
use crate::store::{SessionId, SessionRecord, Taken};
use crate::verify::{rfc3339, SessionResult};
use axum::body::{Body, Bytes};
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use std::time::Duration;
use utoipa::ToSchema;
use zkcred::credential::{JsonDocument, SignedRequest, Timestamp};

/// `POST /v1/sessions`: a named template or an inline request spec (exactly one).
#[derive(Clone, Debug, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateSession {
    /// The name of a request template of the gateway.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    /// An inline request spec (`docs/FORMATS.md`, "Request spec"; `"today": "today"` is the
    /// request's date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub spec: Option<serde_json::Value>,
}

/// A new session.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct SessionCreated {
    /// The session id (32 hex digits); also the OpenID4VP `state`.
    pub session_id: String,
    /// Where the wallet fetches the request object (hand it to the wallet, e.g. in a QR code).
    pub request_uri: String,
    /// `openid4vp://?client_id=...&request_uri=...`: the same, as a wallet link.
    pub wallet_uri: String,
    /// Where the service reads the result, once.
    pub result_uri: String,
    /// The id of the signed request.
    pub request_id: String,
    /// Until when the wallet may answer (RFC 3339, UTC).
    pub expires_at: String,
}

/// A Groth16 key pair the request needs.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct KeyEntry {
    /// The circuit id.
    pub circuit_id: String,
    /// The key pair's digest (SHA-256, hex): the key document at `uri` has it.
    pub digest: String,
    /// `/v1/keys/{digest}`: immutable, cacheable.
    pub uri: String,
}

/// The request object a wallet fetches at `request_uri`.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct RequestObject {
    /// Always `vp_token` (OpenID4VP).
    pub response_type: String,
    /// Always `direct_post`: the wallet posts the presentation to `response_uri`.
    pub response_mode: String,
    /// The verifier id (the request's `verifier_id`, in the wallet's verifier registry).
    pub client_id: String,
    /// The request's nonce (hex; also inside the signed request).
    pub nonce: String,
    /// The session id.
    pub state: String,
    /// Where the wallet posts the presentation JSON.
    pub response_uri: String,
    /// The request signed by the gateway's verifier key (`docs/FORMATS.md`, "Signed request").
    #[schema(value_type = Object)]
    pub signed_request: serde_json::Value,
    /// The Groth16 keys of the request's predicates.
    pub keys: Vec<KeyEntry>,
    /// Until when the wallet may answer (RFC 3339, UTC).
    pub expires_at: String,
}

/// A presentation was accepted.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct ResponseAccepted {
    /// Always `accepted`.
    pub status: String,
}

/// The session has no answer yet.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct ResultPending {
    /// The session.
    pub session_id: String,
    /// Always `pending`.
    pub status: String,
    /// Until when the wallet may answer (RFC 3339, UTC).
    pub expires_at: String,
}

/// `/healthz`, `/readyz`.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct Health {
    /// `ok`, or `unavailable`.
    pub status: String,
}

/// A request body, or the JSON error of why it could not be read.
fn body(body: Result<Bytes, BytesRejection>) -> Result<Bytes, ApiError> {
    body.map_err(|r| {
        if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "body_too_large",
                "the request body is larger than the gateway accepts",
            )
        } else {
            ApiError::malformed(format!("cannot read the request body: {}", r.body_text()))
        }
    })
}

fn utf8(bytes: Bytes) -> Result<String, ApiError> {
    String::from_utf8(bytes.to_vec()).map_err(|_| ApiError::malformed("the body is not UTF-8"))
}

fn session_id(id: &str) -> Result<SessionId, ApiError> {
    id.parse().map_err(|_| ApiError::session_not_found())
}

/// Percent-encoding of everything but unreserved characters (RFC 3986).
fn url_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn no_store(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn json_bytes(status: StatusCode, bytes: Bytes) -> Response {
    let mut response = (status, Body::from(bytes)).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    no_store(response)
}

impl Gateway {
    /// The live session `id` (404 unknown or expired; store errors are 503).
    async fn live_session(&self, id: &SessionId) -> Result<SessionRecord, ApiError> {
        let now = self.inner.clock.now();
        match self.inner.store.session(id, now).await {
            Ok(Some(s)) => Ok(s),
            Ok(None) => Err(ApiError::session_not_found()),
            Err(e) => Err(self.store_error(&e)),
        }
    }

    /// The session `id` of `service` (another service's session is 404, like an unknown one).
    async fn own_session(&self, id: &str, service: &Service) -> Result<SessionRecord, ApiError> {
        let session = self.live_session(&session_id(id)?).await?;
        if session.service != service.0 {
            return Err(ApiError::session_not_found());
        }
        Ok(session)
    }
}

/// Creates a session from a template or an inline spec.
#[utoipa::path(
    post, path = "/v1/sessions", tag = "service",
    request_body = CreateSession,
    security(("api_key" = [])),
    responses(
        (status = 201, description = "The session", body = SessionCreated),
        (status = 400, description = "`malformed_body`", body = ErrorBody),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 413, description = "`body_too_large`", body = ErrorBody),
        (status = 422, description = "`unknown_template`, `invalid_spec`, `missing_keys`", body = ErrorBody),
        (status = 429, description = "`rate_limited`", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn create_session(
    State(gw): State<Gateway>,
    service: Service,
    raw: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let raw = body(raw)?;
    let req: CreateSession = serde_json::from_slice(&raw).map_err(|e| {
        ApiError::malformed(format!(
            "expected {{\"template\": NAME}} or {{\"spec\": SPEC}}: {e}"
        ))
    })?;
    let inner = &gw.inner;
    let catalog = gw.catalog();
    let spec = match (req.template, req.spec) {
        (Some(name), None) => catalog
            .sources
            .templates
            .get(&name)
            .cloned()
            .ok_or_else(|| {
                ApiError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "unknown_template",
                    format!("no template '{}'", zkcred::credential::clip(&name)),
                )
            })?,
        (None, Some(spec)) => spec,
        _ => {
            return Err(ApiError::malformed(
                "give exactly one of \"template\" and \"spec\"",
            ))
        }
    };
    let now = inner.clock.now();
    let ttl = inner.config.sessions.ttl_secs;
    let ts = i64::try_from(now)
        .ok()
        .and_then(|s| Timestamp::from_unix_seconds(s).ok())
        .ok_or_else(|| ApiError::internal("the clock is out of range"))?;
    let invalid = |m: String| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid_spec", m);
    let request = build_request(
        spec,
        &inner.verifier_key,
        &catalog.sources.schemas,
        &catalog.sources.registry,
        ts,
        Duration::from_secs(ttl),
    )
    .map_err(invalid)?;
    let circuits =
        request_circuits(&request, &catalog.sources.schemas).map_err(|e| invalid(e.to_string()))?;
    let keys = inner.keys.refs(&circuits).map_err(|id| {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "missing_keys",
            format!(
                "the request needs circuit {id}, for which the gateway has no key: ask for \
                 predicates its templates use"
            ),
        )
    })?;
    let signed = SignedRequest::sign(request, &inner.verifier_key)
        .map_err(|e| ApiError::internal(format!("cannot sign the request: {e}")))?;
    let request_json = signed
        .to_json()
        .map_err(|_| ApiError::internal("cannot write the request"))?;
    let id = SessionId::random(&mut rand::rngs::OsRng);
    let answer_until = now + ttl;
    let record = SessionRecord {
        id: id.clone(),
        service: service.0.clone(),
        request: request_json,
        keys,
        created_at: now,
        answer_until,
        expires_at: answer_until + inner.config.sessions.result_ttl_secs,
    };
    inner
        .store
        .put_session(&record)
        .await
        .map_err(|e| gw.store_error(&e))?;
    inner.metrics.session_created();
    tracing::info!(session = %id, service = %service.0, request_id = %signed.request_id(), "session created");
    let base = &inner.public_url;
    let request_uri = format!("{base}/v1/requests/{id}");
    let created = SessionCreated {
        session_id: id.to_string(),
        wallet_uri: format!(
            "openid4vp://?client_id={}&request_uri={}",
            url_encode(inner.verifier_key.id()),
            url_encode(&request_uri)
        ),
        request_uri,
        result_uri: format!("{base}/v1/sessions/{id}/result"),
        request_id: signed.request_id().to_string(),
        expires_at: rfc3339(answer_until),
    };
    Ok(no_store(
        (StatusCode::CREATED, Json(created)).into_response(),
    ))
}

/// The request object of a session (the wallet's `request_uri`).
#[utoipa::path(
    get, path = "/v1/requests/{id}", tag = "wallet",
    params(("id" = String, Path, description = "The session id")),
    responses(
        (status = 200, description = "The request object", body = RequestObject),
        (status = 404, description = "`session_not_found`, `session_expired`", body = ErrorBody),
        (status = 409, description = "`already_answered`", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn get_request(
    State(gw): State<Gateway>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id = session_id(&id)?;
    let session = gw.live_session(&id).await?;
    let now = gw.inner.clock.now();
    if now >= session.answer_until {
        return Err(ApiError::session_expired());
    }
    match gw.inner.store.answered(&id, now).await {
        Ok(true) => return Err(ApiError::already_answered()),
        Ok(false) => {}
        Err(e) => return Err(gw.store_error(&e)),
    }
    let signed = SignedRequest::from_json(&session.request)
        .map_err(|_| ApiError::internal("a stored request is corrupt"))?;
    let signed_value: serde_json::Value = serde_json::from_str(&session.request)
        .map_err(|_| ApiError::internal("a stored request is corrupt"))?;
    let base = &gw.inner.public_url;
    let object = RequestObject {
        response_type: "vp_token".into(),
        response_mode: "direct_post".into(),
        client_id: signed.request().verifier_id.clone(),
        nonce: signed.request().nonce.to_string(),
        state: id.to_string(),
        response_uri: format!("{base}/v1/responses/{id}"),
        signed_request: signed_value,
        keys: session
            .keys
            .iter()
            .map(|k| KeyEntry {
                circuit_id: k.circuit_id.clone(),
                digest: k.digest.clone(),
                uri: format!("{base}/v1/keys/{}", k.digest),
            })
            .collect(),
        expires_at: rfc3339(session.answer_until),
    };
    Ok(no_store(Json(object).into_response()))
}

/// A Groth16 key pair by digest: a key set document (version 2) with that one pair.
/// Immutable: cache it forever.
#[utoipa::path(
    get, path = "/v1/keys/{digest}", tag = "wallet",
    params(("digest" = String, Path, description = "The key pair's digest, 64 hex digits")),
    responses(
        (status = 200, description = "A predicate key set document with one key pair (`docs/FORMATS.md`)", body = Object),
        (status = 304, description = "Not modified (`If-None-Match`)"),
        (status = 404, description = "`key_not_found`", body = ErrorBody),
    )
)]
pub async fn get_key(
    State(gw): State<Gateway>,
    Path(digest): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let digest = digest.to_ascii_lowercase();
    let doc = gw
        .inner
        .keys
        .documents
        .get(&digest)
        .cloned()
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::NOT_FOUND,
                "key_not_found",
                "no key with this digest",
            )
        })?;
    let etag = format!("\"{digest}\"");
    let etag_value = HeaderValue::from_str(&etag).map_err(|_| ApiError::internal("bad digest"))?;
    let cache = HeaderValue::from_static("public, max-age=31536000, immutable");
    let matches = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    let mut response = if matches {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let mut r = Body::from(doc).into_response();
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        r
    };
    response.headers_mut().insert(header::ETAG, etag_value);
    response.headers_mut().insert(header::CACHE_CONTROL, cache);
    Ok(response)
}

/// The wallet's direct post of its presentation (JSON, `docs/FORMATS.md`, "Presentation").
#[utoipa::path(
    post, path = "/v1/responses/{id}", tag = "wallet",
    params(("id" = String, Path, description = "The session id")),
    request_body(content = Object, description = "The presentation JSON", content_type = "application/json"),
    responses(
        (status = 200, description = "Accepted", body = ResponseAccepted),
        (status = 400, description = "`malformed_body`, `malformed_presentation`", body = ErrorBody),
        (status = 404, description = "`session_not_found`, `session_expired`", body = ErrorBody),
        (status = 409, description = "`already_answered` (a replay, or a second answer)", body = ErrorBody),
        (status = 413, description = "`body_too_large`", body = ErrorBody),
        (status = 422, description = "`wrong_request` (answers another request), `presentation_invalid`", body = ErrorBody),
        (status = 503, description = "`store_unavailable`, `timeout`: nothing was accepted", body = ErrorBody),
    )
)]
pub async fn post_response(
    State(gw): State<Gateway>,
    Path(id): Path<String>,
    raw: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let id = session_id(&id)?;
    let presentation = utf8(body(raw)?)?;
    let session = gw.live_session(&id).await?;
    gw.verify_and_accept(session, presentation, false).await?;
    Ok(no_store(
        Json(ResponseAccepted {
            status: "accepted".into(),
        })
        .into_response(),
    ))
}

/// The session's result, handed out once.
#[utoipa::path(
    get, path = "/v1/sessions/{id}/result", tag = "service",
    params(("id" = String, Path, description = "The session id")),
    security(("api_key" = [])),
    responses(
        (status = 200, description = "The result (this once)", body = SessionResult),
        (status = 202, description = "No answer yet", body = ResultPending),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 404, description = "`session_not_found` (unknown, or another service's), `session_expired` (no answer in time)", body = ErrorBody),
        (status = 410, description = "`already_read`", body = ErrorBody),
        (status = 429, description = "`rate_limited`", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn get_result(
    State(gw): State<Gateway>,
    service: Service,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let session = gw.own_session(&id, &service).await?;
    let now = gw.inner.clock.now();
    match gw.inner.store.take_outcome(&session.id, now).await {
        Ok(Taken::Outcome(o)) => {
            tracing::info!(session = %session.id, service = %service.0, "result read");
            Ok(json_bytes(StatusCode::OK, Bytes::from(o.body)))
        }
        Ok(Taken::Pending) if now >= session.answer_until => Err(ApiError::session_expired()),
        Ok(Taken::Pending) => Ok(no_store(
            (
                StatusCode::ACCEPTED,
                Json(ResultPending {
                    session_id: session.id.to_string(),
                    status: "pending".into(),
                    expires_at: rfc3339(session.answer_until),
                }),
            )
                .into_response(),
        )),
        Ok(Taken::AlreadyRead) => Err(ApiError::new(
            StatusCode::GONE,
            "already_read",
            "the result of this session was read before: it is handed out once",
        )),
        Ok(Taken::NoSession) => Err(ApiError::session_not_found()),
        Err(e) => Err(gw.store_error(&e)),
    }
}

/// One-shot verification by the service of a presentation for its session (received by the
/// service itself): the result is returned at once (and not again).
#[utoipa::path(
    post, path = "/v1/sessions/{id}/verify", tag = "service",
    params(("id" = String, Path, description = "The session id")),
    security(("api_key" = [])),
    request_body(content = Object, description = "The presentation JSON", content_type = "application/json"),
    responses(
        (status = 200, description = "The result", body = SessionResult),
        (status = 400, description = "`malformed_body`, `malformed_presentation`", body = ErrorBody),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 404, description = "`session_not_found`, `session_expired`", body = ErrorBody),
        (status = 409, description = "`already_answered`", body = ErrorBody),
        (status = 413, description = "`body_too_large`", body = ErrorBody),
        (status = 422, description = "`wrong_request`, `presentation_invalid`", body = ErrorBody),
        (status = 429, description = "`rate_limited`", body = ErrorBody),
        (status = 503, description = "`store_unavailable`, `timeout`", body = ErrorBody),
    )
)]
pub async fn verify_for_session(
    State(gw): State<Gateway>,
    service: Service,
    Path(id): Path<String>,
    raw: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let presentation = utf8(body(raw)?)?;
    let session = gw.own_session(&id, &service).await?;
    let result = gw.verify_and_accept(session, presentation, true).await?;
    Ok(json_bytes(StatusCode::OK, result))
}

/// Liveness: the process answers.
#[utoipa::path(get, path = "/healthz", tag = "operations",
    responses((status = 200, description = "Alive", body = Health)))]
pub async fn healthz() -> Json<Health> {
    Json(Health {
        status: "ok".into(),
    })
}

/// Readiness: the store answers.
#[utoipa::path(get, path = "/readyz", tag = "operations",
    responses(
        (status = 200, description = "Ready", body = Health),
        (status = 503, description = "The store is unavailable", body = Health),
    ))]
pub async fn readyz(State(gw): State<Gateway>) -> Response {
    match gw.inner.store.ping().await {
        Ok(()) => Json(Health {
            status: "ok".into(),
        })
        .into_response(),
        Err(e) => {
            gw.store_error(&e);
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(Health {
                    status: "unavailable".into(),
                }),
            )
                .into_response()
        }
    }
}

/// Prometheus metrics (text format).
#[utoipa::path(get, path = "/metrics", tag = "operations",
    responses((status = 200, description = "Prometheus text exposition", body = String, content_type = "text/plain")))]
pub async fn metrics(State(gw): State<Gateway>) -> Response {
    let mut response = gw.inner.metrics.encode().into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/openmetrics-text; version=1.0.0; charset=utf-8"),
    );
    response
}

/// The gateway's verifier public info (for wallets' verifier registries).
#[utoipa::path(get, path = "/v1/verifier", tag = "wallet",
    responses((status = 200, description = "The verifier public info document (`docs/FORMATS.md`)", body = Object)))]
pub async fn verifier_info(State(gw): State<Gateway>) -> Result<Response, ApiError> {
    let text = gw
        .inner
        .verifier_key
        .public_info()
        .to_json()
        .map_err(|_| ApiError::internal("cannot write the verifier info"))?;
    Ok(json_bytes(StatusCode::OK, Bytes::from(text)))
}
