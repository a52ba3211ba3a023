//! Running a library call without the GIL, and its error as the package's exception.

use pyo3::prelude::*;
use rand_core::OsRng;
use zkcred_bindings_core::{ApiError, ApiResult};

/// Runs `call` with the GIL released (other Python threads go on while it proves, verifies
/// or derives a key), with the system's randomness; its error becomes the exception
/// `zkcred.errors` defines for its kind.
pub fn run<T: Send>(
    py: Python<'_>,
    call: impl FnOnce(&mut OsRng) -> ApiResult<T> + Send,
) -> PyResult<T> {
    py.detach(|| call(&mut OsRng)).map_err(|e| raised(py, &e))
}

/// The exception for `e`: `zkcred.errors.error(code, message)`, an instance of the class of
/// its kind (or the error of importing that module, were the package broken).
fn raised(py: Python<'_>, e: &ApiError) -> PyErr {
    py.import("zkcred.errors")
        .and_then(|m| m.getattr("error"))
        .and_then(|f| f.call1((e.kind.code(), e.message.as_str())))
        .map_or_else(|err| err, PyErr::from_value)
}
