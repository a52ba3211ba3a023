//! [`ApiError`]: every error the gateway answers, as JSON `{"error": CODE, "message": TEXT}`
//! with a stable code (`docs/GATEWAY.md` lists them). Messages never quote a presentation, a
//! disclosed value the caller did not send, or a full nonce.

use crate::store::StoreError;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use zkcred::credential::{CredentialError, PresentationError};

/// The body of every error response.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// A stable code, e.g. `session_not_found`.
    pub error: String,
    /// What went wrong, for people.
    pub message: String,
}

/// An error response.
#[derive(Clone, Debug)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// The stable code.
    pub code: &'static str,
    /// The message.
    pub message: String,
    /// `Retry-After`, seconds.
    pub retry_after: Option<u64>,
}

impl ApiError {
    /// An error with `status`, `code` and `message`.
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
            retry_after: None,
        }
    }

    /// 401 `unauthorized`.
    pub fn unauthorized() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "a valid API key is required: Authorization: Bearer <key>",
        )
    }

    /// 404 `session_not_found`: unknown, malformed id, or another service's session (not 403,
    /// so that a service cannot learn which sessions exist).
    pub fn session_not_found() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "session_not_found",
            "no such session (or it has expired)",
        )
    }

    /// 404 `session_expired`: the session's answer window has closed.
    pub fn session_expired() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "session_expired",
            "the session has expired: ask the service for a new one",
        )
    }

    /// 409 `already_answered`.
    pub fn already_answered() -> Self {
        Self::new(
            StatusCode::CONFLICT,
            "already_answered",
            "this session has already been answered: a presentation is accepted once",
        )
    }

    /// 503 `store_unavailable`: nothing was accepted.
    pub fn store(e: &StoreError) -> Self {
        match e {
            StoreError::Unavailable(_) => Self::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "store_unavailable",
                "the gateway's store is unavailable: nothing was accepted; retry later",
            ),
            StoreError::Corrupt(_) => Self::internal("a stored record is corrupt"),
        }
        .retry(1)
    }

    /// 500 `internal`.
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", message)
    }

    /// 400 `malformed_body`.
    pub fn malformed(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "malformed_body", message)
    }

    /// Sets `Retry-After`.
    pub fn retry(mut self, seconds: u64) -> Self {
        self.retry_after = Some(seconds);
        self
    }

    /// The error of a presentation that did not verify. Messages are the library's, which
    /// clip every string taken from the presentation.
    pub fn presentation(e: &PresentationError) -> Self {
        let (status, code) = match e {
            PresentationError::MalformedJson(_)
            | PresentationError::Credential(
                CredentialError::MalformedJson(_)
                | CredentialError::DocumentTooLarge { .. }
                | CredentialError::TooManyItems { .. }
                | CredentialError::MissingVersion
                | CredentialError::UnsupportedVersion(_),
            ) => (StatusCode::BAD_REQUEST, "malformed_presentation"),
            PresentationError::RequestMismatch(_) => {
                (StatusCode::UNPROCESSABLE_ENTITY, "wrong_request")
            }
            PresentationError::RequestExpired { .. }
            | PresentationError::RequestNotYetValid { .. } => {
                (StatusCode::NOT_FOUND, "session_expired")
            }
            PresentationError::ReplayedNonce(_) | PresentationError::Nonce(_) => {
                (StatusCode::CONFLICT, "already_answered")
            }
            PresentationError::RequestAuth(_) | PresentationError::NoClock(_) => {
                (StatusCode::INTERNAL_SERVER_ERROR, "internal")
            }
            _ => (StatusCode::UNPROCESSABLE_ENTITY, "presentation_invalid"),
        };
        Self::new(status, code, e.to_string())
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {}: {}",
            self.status.as_u16(),
            self.code,
            self.message
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error: self.code.to_owned(),
            message: self.message,
        };
        let mut response = (self.status, axum::Json(body)).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        if let Some(s) = self.retry_after {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(s));
        }
        if self.status == StatusCode::UNAUTHORIZED {
            headers.insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"zkcred-gateway\""),
            );
        }
        response
    }
}

/// The code of an error response the framework made (no handler ran): by status.
pub fn code_for_status(status: StatusCode) -> (&'static str, &'static str) {
    match status {
        StatusCode::PAYLOAD_TOO_LARGE => (
            "body_too_large",
            "the request body is larger than the gateway accepts",
        ),
        StatusCode::REQUEST_TIMEOUT => ("timeout", "the request took too long"),
        StatusCode::NOT_FOUND => ("not_found", "no such endpoint"),
        StatusCode::METHOD_NOT_ALLOWED => ("method_not_allowed", "method not allowed here"),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => (
            "unsupported_media_type",
            "send JSON (Content-Type: application/json)",
        ),
        StatusCode::BAD_REQUEST => ("malformed_body", "the request is malformed"),
        StatusCode::SERVICE_UNAVAILABLE => ("unavailable", "the gateway cannot answer now"),
        StatusCode::GATEWAY_TIMEOUT => ("timeout", "the request took too long"),
        s if s.is_server_error() => ("internal", "internal error"),
        _ => ("error", "the request was refused"),
    }
}
