//! The one error type of the packages: a kind (what a caller does about it) and the
//! library's one-line message.

use zkcred::credential::{CredentialError, PresentationError, RequestAuthError, SpecError};

/// What went wrong, as a caller acts on it. The JavaScript package puts it in `error.code`,
/// the Python package raises one exception class per kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// A document is not JSON, has the wrong version or shape, or breaks a content rule.
    InvalidInput,
    /// The holder refuses a presentation request: its signature, scope, window or keys
    /// failed the wallet's checks.
    RequestRefused,
    /// The wallet holds no credential that can answer the request.
    CannotSatisfy,
    /// The verifier rejects a presentation (a proof fails, a replay, a wrong request).
    PresentationRejected,
    /// A sealed wallet does not open under this passphrase (or was altered).
    WrongPassphrase,
}

impl ErrorKind {
    /// The code as the packages spell it: `invalid_input`, `request_refused`, ...
    pub fn code(self) -> &'static str {
        match self {
            Self::InvalidInput => "invalid_input",
            Self::RequestRefused => "request_refused",
            Self::CannotSatisfy => "cannot_satisfy",
            Self::PresentationRejected => "presentation_rejected",
            Self::WrongPassphrase => "wrong_passphrase",
        }
    }
}

/// An error of a package call: its kind and the library's one-line message.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ApiError {
    /// What the caller does about it.
    pub kind: ErrorKind,
    /// One line, at most a few hundred characters (the library clips quoted input).
    pub message: String,
}

/// The result of a package call.
pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    /// An error of `kind` with `message`.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
        }
    }

    /// Bad input: `message`.
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::InvalidInput, message)
    }

    /// `self` with `what: ` before its message (which document or argument it is about).
    pub fn about(mut self, what: &str) -> Self {
        self.message = format!("{what}: {}", self.message);
        self
    }
}

impl From<CredentialError> for ApiError {
    fn from(e: CredentialError) -> Self {
        Self::invalid(e.to_string())
    }
}

impl From<RequestAuthError> for ApiError {
    fn from(e: RequestAuthError) -> Self {
        Self::new(ErrorKind::RequestRefused, e.to_string())
    }
}

impl From<SpecError> for ApiError {
    fn from(e: SpecError) -> Self {
        Self::invalid(e.to_string())
    }
}

/// A holder's error while checking or answering a request: bad documents are
/// [`ErrorKind::InvalidInput`], a request that fails the wallet's checks is
/// [`ErrorKind::RequestRefused`], one the wallet cannot answer [`ErrorKind::CannotSatisfy`].
pub fn holder_error(e: PresentationError) -> ApiError {
    use PresentationError as P;
    let kind = match &e {
        P::MalformedJson(_) | P::Credential(_) => ErrorKind::InvalidInput,
        P::CannotSatisfy { .. } | P::CredentialExpired { .. } | P::UnknownCredential(_) => {
            ErrorKind::CannotSatisfy
        }
        P::RequestAuth(_)
        | P::RequestExpired { .. }
        | P::RequestNotYetValid { .. }
        | P::InvalidRequest(_)
        | P::MissingKey { .. }
        | P::Predicate(_)
        | P::UnknownSchema(_)
        | P::UntrustedIssuer(_) => ErrorKind::RequestRefused,
        _ => ErrorKind::InvalidInput,
    };
    ApiError::new(kind, e.to_string())
}

/// A verifier's error: bad documents of its own are [`ErrorKind::InvalidInput`]; anything
/// wrong with the presentation (its JSON included: it comes from the holder) is
/// [`ErrorKind::PresentationRejected`].
pub fn verifier_error(e: PresentationError) -> ApiError {
    ApiError::new(ErrorKind::PresentationRejected, e.to_string())
}

/// A library error about documents the caller gave (an issuance request, attributes, a
/// credential, a verifier's own spec or keys): bad input.
pub fn invalid_input(e: PresentationError) -> ApiError {
    ApiError::invalid(e.to_string())
}
