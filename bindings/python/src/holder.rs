//! The holder's calls that need no open wallet: sealed wallets, a gateway's request object
//! and its keys (the wallet's own calls are `wallet::WalletHandle`'s).

use crate::error::run;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::PyString;
use zkcred_bindings_core::{request_object, vault};

/// The wallet sealed under `passphrase` (PBKDF2-HMAC-SHA256, AES-256-GCM).
#[pyfunction]
pub fn seal_wallet(
    py: Python<'_>,
    wallet: PyBackedStr,
    passphrase: PyBackedStr,
) -> PyResult<String> {
    run(py, |rng| vault::seal(&wallet, &passphrase, rng))
}

/// The wallet inside a sealed wallet.
#[pyfunction]
pub fn open_wallet(
    py: Python<'_>,
    sealed: PyBackedStr,
    passphrase: PyBackedStr,
) -> PyResult<Bound<'_, PyString>> {
    let wallet = run(py, |_| vault::open(&sealed, &passphrase))?;
    Ok(PyString::new(py, &wallet))
}

/// A gateway's request object fetched from `request_uri`, its URLs on that origin.
#[pyfunction]
pub fn read_request_object(
    py: Python<'_>,
    request_uri: PyBackedStr,
    object: PyBackedStr,
) -> PyResult<String> {
    run(py, |_| {
        request_object::read_request_object(&request_uri, &object)
    })
}

/// Checks a key document fetched by digest.
#[pyfunction]
pub fn check_key(py: Python<'_>, key: PyBackedStr, digest: PyBackedStr) -> PyResult<()> {
    run(py, |_| request_object::check_key(&key, &digest))
}
