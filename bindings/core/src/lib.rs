//! The surface of zkcred that its JavaScript (WASM) and Python packages export: every call
//! takes and returns the documented JSON documents (`docs/FORMATS.md`) as text, takes the
//! caller's clock as an RFC 3339 UTC instant where time matters (a browser has no system
//! clock the library may read), and fails with an [`ApiError`]: a kind and the library's
//! one-line message.
//!
//! - the holder: [`holder`] (wallet, blind issuance, answers) and [`consent`] (a request in
//!   plain words, after the wallet's checks), [`vault`] (a wallet sealed under a passphrase);
//! - the issuer: [`issuer`];
//! - the verifier: [`verifier`] (keys, registries, signed requests, a verifying session);
//! - the gateway's request object: [`request_object`].
//!
//! ```
//! use rand_chacha::rand_core::SeedableRng;
//! let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(7);
//! let wallet = zkcred_bindings_core::holder::new_wallet(&mut rng).unwrap();
//! let sealed = zkcred_bindings_core::vault::seal(&wallet, "correct horse", &mut rng).unwrap();
//! let opened = zkcred_bindings_core::vault::open(&sealed, "correct horse").unwrap();
//! assert_eq!(*opened, *wallet);
//! let wrong = zkcred_bindings_core::vault::open(&sealed, "wrong").unwrap_err();
//! assert_eq!(wrong.kind, zkcred_bindings_core::ErrorKind::WrongPassphrase);
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod consent;
mod docs;
pub mod error;
pub mod holder;
pub mod issuer;
mod key_cache;
pub mod request_object;
pub mod vault;
pub mod verifier;

pub use error::{ApiError, ApiResult, ErrorKind};
