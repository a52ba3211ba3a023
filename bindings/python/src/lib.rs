//! The native module `zkcred._zkcred` of the Python package: every call takes and returns
//! JSON text, runs without the GIL, and raises the package's exception for the library's
//! error kind. The pure-Python layer (`python/zkcred/__init__.py`) converts dicts, clocks and
//! results; this module holds no state but a verifier's session.
#![forbid(unsafe_code)]

mod error;
mod holder;
mod issuer;
mod verifier;
mod wallet;

use pyo3::prelude::*;

/// The native half of the `zkcred` package: call it through `zkcred`, not directly.
#[pymodule]
fn _zkcred(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(holder::seal_wallet, m)?)?;
    m.add_function(wrap_pyfunction!(holder::open_wallet, m)?)?;
    m.add_function(wrap_pyfunction!(holder::read_request_object, m)?)?;
    m.add_function(wrap_pyfunction!(holder::check_key, m)?)?;
    m.add_function(wrap_pyfunction!(issuer::new_issuer, m)?)?;
    m.add_function(wrap_pyfunction!(issuer::issue, m)?)?;
    m.add_function(wrap_pyfunction!(verifier::new_verifier, m)?)?;
    m.add_function(wrap_pyfunction!(verifier::verifier_registry, m)?)?;
    m.add_function(wrap_pyfunction!(verifier::trust_registry, m)?)?;
    m.add_function(wrap_pyfunction!(verifier::make_request, m)?)?;
    m.add_class::<verifier::VerifierSession>()?;
    m.add_class::<wallet::WalletHandle>()?;
    Ok(())
}
