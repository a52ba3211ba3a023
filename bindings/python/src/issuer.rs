//! The issuing authority's calls: a new issuer, a credential issued blindly.

use crate::error::run;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::PyString;
use zkcred_bindings_core::issuer;

/// A new issuer from its spec: (its key file, secret; its public info).
#[pyfunction]
pub fn new_issuer(py: Python<'_>, spec: PyBackedStr) -> PyResult<(Bound<'_, PyString>, String)> {
    let made = run(py, |rng| issuer::new_issuer(&spec, rng))?;
    Ok((PyString::new(py, &made.key), made.public))
}

/// Issues a credential of `schema` with `content` to a holder's issuance request.
#[pyfunction]
pub fn issue(
    py: Python<'_>,
    key: PyBackedStr,
    schema: PyBackedStr,
    request: PyBackedStr,
    content: PyBackedStr,
) -> PyResult<String> {
    run(py, |rng| {
        issuer::issue(&key, &schema, &request, &content, rng)
    })
}
