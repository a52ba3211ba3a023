//! zkcred for JavaScript: the holder's, issuer's and verifier's calls of
//! [`zkcred_bindings_core`] over WebAssembly. Documents go in as text or objects and come
//! out as objects (the wallet, a secret, stays its JSON text); errors are thrown as `Error`s
//! named `ZkcredError` with a `code`; time is the caller's (`Date`, default now), since the
//! library never reads a clock in the browser. `bindings/js/README.md` has the example.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod convert;
pub mod holder;
pub mod issuer;
mod types;
pub mod verifier;
pub mod wallet;
