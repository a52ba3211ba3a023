//! [`CliError`]: every failure of a command, printed by `main` as one line
//! `error: <message>` with exit code 1.

use std::path::{Path, PathBuf};
use thiserror::Error;
use zkcred::credential::{CredentialError, PresentationError, RequestAuthError};
use zkcred::predicate::PredicateError;

/// A failed command. Each variant's message is one line (newlines in wrapped messages are
/// folded by `main`), names the file involved where there is one, and never contains secrets.
#[derive(Debug, Error)]
pub enum CliError {
    /// A file could not be read, written or created.
    #[error("{action} {}: {source}", path.display())]
    Io {
        /// What was being done ("cannot read", "cannot write", ...).
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// A JSON document that does not parse or does not pass its checks.
    #[error("{}: {source}", path.display())]
    Document {
        /// The file.
        path: PathBuf,
        /// Why it was refused.
        source: Box<CliError>,
    },
    /// A document given with a flag, refused for what it is in relation to the command's
    /// other inputs (e.g. another issuer's public info than the credential's): names the
    /// flag as well as the file.
    #[error("{} ({flag}): {source}", path.display())]
    FlagFile {
        /// The flag the file was given with, e.g. `--issuer`.
        flag: &'static str,
        /// The file.
        path: PathBuf,
        /// Why it was refused.
        source: Box<CliError>,
    },
    /// A refused command-line value (not a file), named by its flag.
    #[error("{flag}: {source}")]
    Flag {
        /// The flag, e.g. `--jurisdiction-name`.
        flag: &'static str,
        /// Why the value was refused.
        source: Box<CliError>,
    },
    /// An error of the credential layer (schemas, issuers, credentials, nonces).
    #[error(transparent)]
    Credential(#[from] CredentialError),
    /// An error of the predicate layer (keys, predicate proofs).
    #[error(transparent)]
    Predicate(#[from] PredicateError),
    /// A refused verifier key, verifier registry or signed request.
    #[error(transparent)]
    RequestAuth(#[from] RequestAuthError),
    /// An error of issuance, the wallet, requests, presentations or verification.
    #[error(transparent)]
    Presentation(#[from] PresentationError),
    /// A command-line value that is valid syntax but cannot be used.
    #[error("{0}")]
    Invalid(String),
}

impl CliError {
    /// A [`CliError::Invalid`] with `message`.
    pub fn invalid(message: impl Into<String>) -> Self {
        CliError::Invalid(message.into())
    }

    /// Wraps `self` as the error of the document at `path`.
    pub fn in_file(self, path: &Path) -> Self {
        CliError::Document {
            path: path.to_path_buf(),
            source: Box::new(self),
        }
    }

    /// Wraps `self` as the error of the document at `path`, given with `flag`.
    pub fn in_flag_file(self, flag: &'static str, path: &Path) -> Self {
        CliError::FlagFile {
            flag,
            path: path.to_path_buf(),
            source: Box::new(self),
        }
    }

    /// Wraps `self` as the error of the command-line value of `flag`.
    pub fn for_flag(self, flag: &'static str) -> Self {
        CliError::Flag {
            flag,
            source: Box::new(self),
        }
    }
}

/// Result of a command.
pub type CliResult<T = ()> = Result<T, CliError>;
