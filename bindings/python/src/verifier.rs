//! The verifier's calls: its key, registries, signed requests, and a session that verifies
//! presentations (replays refused for its lifetime).

use crate::error::run;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::PyString;
use zkcred_bindings_core::verifier;

/// A new verifier from `{"id", "name", "scopes"}`: (its key file, secret; its public info).
#[pyfunction]
pub fn new_verifier(py: Python<'_>, spec: PyBackedStr) -> PyResult<(Bound<'_, PyString>, String)> {
    let made = run(py, |rng| verifier::new_verifier(&spec, rng))?;
    Ok((PyString::new(py, &made.key), made.public))
}

/// A verifier registry of a JSON array of verifier public infos.
#[pyfunction]
pub fn verifier_registry(py: Python<'_>, verifiers: PyBackedStr) -> PyResult<String> {
    run(py, |_| verifier::verifier_registry(&verifiers))
}

/// A trust registry of `[{"issuer", "schemas"}]`.
#[pyfunction]
pub fn trust_registry(py: Python<'_>, entries: PyBackedStr) -> PyResult<String> {
    run(py, |_| verifier::trust_registry(&entries))
}

/// A signed request from a request spec, and the predicate keys it needs: (signed request,
/// keys).
#[pyfunction]
#[pyo3(signature = (verifier_key, spec, schemas, registry, keys, now, valid_for_secs))]
#[allow(clippy::too_many_arguments)]
pub fn make_request(
    py: Python<'_>,
    verifier_key: PyBackedStr,
    spec: PyBackedStr,
    schemas: PyBackedStr,
    registry: Option<PyBackedStr>,
    keys: Option<PyBackedStr>,
    now: PyBackedStr,
    valid_for_secs: u64,
) -> PyResult<(String, String)> {
    let made = run(py, |rng| {
        verifier::make_request(
            &verifier_key,
            &spec,
            &schemas,
            registry.as_deref(),
            keys.as_deref(),
            &now,
            valid_for_secs,
            rng,
        )
    })?;
    Ok((made.signed_request, made.keys))
}

/// A verifier's state across presentations: its registry, schemas, keys and the nonces it
/// has accepted.
#[pyclass(frozen, module = "zkcred._zkcred")]
pub struct VerifierSession(verifier::VerifierSession);

#[pymethods]
impl VerifierSession {
    /// A session over the verifier's public info, trust registry, schemas and key set.
    #[new]
    fn new(
        py: Python<'_>,
        own: PyBackedStr,
        registry: PyBackedStr,
        schemas: PyBackedStr,
        keys: PyBackedStr,
    ) -> PyResult<Self> {
        run(py, |_| {
            verifier::VerifierSession::new(&own, &registry, &schemas, &keys)
        })
        .map(Self)
    }

    /// What the verifier learned from `presentation`, answering its `signed_request` at
    /// `now`; the presentation's nonce is consumed.
    fn verify(
        &self,
        py: Python<'_>,
        signed_request: PyBackedStr,
        presentation: PyBackedStr,
        now: PyBackedStr,
    ) -> PyResult<String> {
        run(py, |_| self.0.verify(&signed_request, &presentation, &now))
    }
}
