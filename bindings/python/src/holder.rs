//! The holder's calls: wallet, blind issuance, sealed wallets, requests answered.

use crate::error::run;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::PyString;
use zkcred_bindings_core::{consent, holder, request_object, vault};

/// An empty wallet with a fresh holder secret: its JSON text (secret).
#[pyfunction]
pub fn new_wallet(py: Python<'_>) -> PyResult<Bound<'_, PyString>> {
    let wallet = run(py, holder::new_wallet)?;
    Ok(PyString::new(py, &wallet))
}

/// Asks an issuer for a credential of a schema: (the wallet with the pending issuance, the
/// issuance request).
#[pyfunction]
pub fn request_issuance<'py>(
    py: Python<'py>,
    wallet: PyBackedStr,
    schema: PyBackedStr,
    issuer: PyBackedStr,
) -> PyResult<(Bound<'py, PyString>, String)> {
    let start = run(py, |rng| {
        holder::request_issuance(&wallet, &schema, &issuer, rng)
    })?;
    Ok((PyString::new(py, &start.wallet), start.request))
}

/// Stores an issued credential: (the wallet with it, its id).
#[pyfunction]
pub fn accept_credential<'py>(
    py: Python<'py>,
    wallet: PyBackedStr,
    issued: PyBackedStr,
    schema: PyBackedStr,
    issuer: PyBackedStr,
) -> PyResult<(Bound<'py, PyString>, String)> {
    let accepted = run(py, |rng| {
        holder::accept(&wallet, &issued, &schema, &issuer, rng)
    })?;
    Ok((PyString::new(py, &accepted.wallet), accepted.credential_id))
}

/// The stored credentials, as a JSON array of summaries.
#[pyfunction]
pub fn list_credentials(py: Python<'_>, wallet: PyBackedStr) -> PyResult<String> {
    run(py, |rng| holder::list(&wallet, rng))
}

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

/// A checked signed request in plain words, for the consent screen.
#[pyfunction]
#[pyo3(signature = (wallet, signed_request, verifiers, issuers, now))]
pub fn describe_request(
    py: Python<'_>,
    wallet: PyBackedStr,
    signed_request: PyBackedStr,
    verifiers: PyBackedStr,
    issuers: Option<PyBackedStr>,
    now: PyBackedStr,
) -> PyResult<String> {
    run(py, |rng| {
        consent::describe_request(
            &wallet,
            &signed_request,
            &verifiers,
            issuers.as_deref(),
            &now,
            rng,
        )
    })
}

/// The presentation answering a signed request.
#[pyfunction]
#[pyo3(signature = (wallet, signed_request, verifiers, keys, issuers, now))]
pub fn present(
    py: Python<'_>,
    wallet: PyBackedStr,
    signed_request: PyBackedStr,
    verifiers: PyBackedStr,
    keys: PyBackedStr,
    issuers: Option<PyBackedStr>,
    now: PyBackedStr,
) -> PyResult<String> {
    run(py, |rng| {
        holder::present(
            &wallet,
            &signed_request,
            &verifiers,
            issuers.as_deref(),
            &keys,
            &now,
            rng,
        )
    })
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
