//! A wallet read once and kept while the program uses it: the holder's calls without
//! re-reading (and re-checking) the wallet at every call; its secrets are wiped when the
//! object is collected.

use crate::error::run;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::PyString;
use zkcred_bindings_core::holder::OpenWallet;
use zkcred_bindings_core::vault;

/// An open wallet (`zkcred.Wallet` wraps it).
#[pyclass(module = "zkcred._zkcred")]
pub struct WalletHandle(OpenWallet);

#[pymethods]
impl WalletHandle {
    /// An empty wallet with a fresh holder secret.
    #[staticmethod]
    fn create(py: Python<'_>) -> PyResult<Self> {
        run(py, |rng| Ok(OpenWallet::create(rng))).map(Self)
    }

    /// Reads a wallet document (every credential's signature checked).
    #[staticmethod]
    fn open(py: Python<'_>, wallet: PyBackedStr) -> PyResult<Self> {
        run(py, |rng| OpenWallet::open(&wallet, rng)).map(Self)
    }

    /// Opens a sealed wallet.
    #[staticmethod]
    fn open_sealed(py: Python<'_>, sealed: PyBackedStr, passphrase: PyBackedStr) -> PyResult<Self> {
        run(py, |rng| {
            OpenWallet::open(&vault::open(&sealed, &passphrase)?, rng)
        })
        .map(Self)
    }

    /// The wallet document (secret).
    fn text<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyString>> {
        let text = run(py, |_| self.0.to_json())?;
        Ok(PyString::new(py, &text))
    }

    /// The wallet sealed under `passphrase`.
    fn seal(&self, py: Python<'_>, passphrase: PyBackedStr) -> PyResult<String> {
        run(py, |rng| self.0.seal(&passphrase, rng))
    }

    /// Asks an issuer for a credential: the issuance request.
    fn request_issuance(
        &mut self,
        py: Python<'_>,
        schema: PyBackedStr,
        issuer: PyBackedStr,
    ) -> PyResult<String> {
        let w = &mut self.0;
        run(py, |rng| w.request_issuance(&schema, &issuer, rng))
    }

    /// Stores an issued credential: its id.
    fn accept_credential(
        &mut self,
        py: Python<'_>,
        issued: PyBackedStr,
        schema: PyBackedStr,
        issuer: PyBackedStr,
    ) -> PyResult<String> {
        let w = &mut self.0;
        run(py, |_| w.accept(&issued, &schema, &issuer))
    }

    /// The stored credentials (JSON array).
    fn list_credentials(&self) -> String {
        self.0.list()
    }

    /// Checks and describes a signed request.
    fn describe_request(
        &self,
        py: Python<'_>,
        signed_request: PyBackedStr,
        verifiers: PyBackedStr,
        issuers: Option<PyBackedStr>,
        now: PyBackedStr,
    ) -> PyResult<String> {
        run(py, |_| {
            self.0
                .describe_request(&signed_request, &verifiers, issuers.as_deref(), &now)
        })
    }

    /// Answers a signed request.
    fn present(
        &self,
        py: Python<'_>,
        signed_request: PyBackedStr,
        verifiers: PyBackedStr,
        keys: PyBackedStr,
        issuers: Option<PyBackedStr>,
        now: PyBackedStr,
    ) -> PyResult<String> {
        run(py, |rng| {
            self.0.present(
                &signed_request,
                &verifiers,
                issuers.as_deref(),
                &keys,
                &now,
                rng,
            )
        })
    }
}
