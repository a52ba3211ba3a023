//! A wallet read once and kept in WebAssembly memory while the app uses it: the holder's
//! calls without re-reading (and re-checking) the wallet at every call. `free()` (or `using`)
//! wipes its secrets.

use crate::convert::{now, object, optional_text, text, thrown, JsResult};
use rand_core::OsRng;
use wasm_bindgen::prelude::*;
use zkcred_bindings_core::holder::OpenWallet;
use zkcred_bindings_core::vault;

/// An open wallet: `Wallet.create()`, `Wallet.open(text)` or `Wallet.openSealed(sealed,
/// passphrase)`; `text()` gives the document to store (sealed: `seal(passphrase)`).
#[wasm_bindgen]
pub struct Wallet {
    inner: OpenWallet,
}

#[wasm_bindgen]
impl Wallet {
    /// An empty wallet with a fresh holder secret.
    pub fn create() -> Wallet {
        Self {
            inner: OpenWallet::create(&mut OsRng),
        }
    }

    /// Reads a wallet document (every credential's signature checked).
    pub fn open(wallet: &str) -> JsResult<Wallet> {
        let inner = OpenWallet::open(wallet, &mut OsRng).map_err(thrown)?;
        Ok(Self { inner })
    }

    /// Opens a sealed wallet (error code `wrong_passphrase` if it does not open).
    #[wasm_bindgen(js_name = openSealed)]
    pub fn open_sealed(
        #[wasm_bindgen(unchecked_param_type = "Doc")] sealed: JsValue,
        passphrase: &str,
    ) -> JsResult<Wallet> {
        let text = vault::open(&text(&sealed, "sealed wallet")?, passphrase).map_err(thrown)?;
        Self::open(&text)
    }

    /// The wallet document (secret: store it sealed).
    pub fn text(&self) -> JsResult<String> {
        self.inner.to_json().map(|w| w.to_string()).map_err(thrown)
    }

    /// The wallet sealed under `passphrase`.
    #[wasm_bindgen(unchecked_return_type = "SealedWallet")]
    pub fn seal(&self, passphrase: &str) -> JsResult<JsValue> {
        object(&self.inner.seal(passphrase, &mut OsRng).map_err(thrown)?)
    }

    /// Asks `issuer` for a credential of `schema`: the issuance request to send (store the
    /// wallet first: it holds the request's secrets).
    #[wasm_bindgen(js_name = requestIssuance, unchecked_return_type = "object")]
    pub fn request_issuance(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Doc")] schema: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Doc")] issuer: JsValue,
    ) -> JsResult<JsValue> {
        let request = self
            .inner
            .request_issuance(
                &text(&schema, "schema")?,
                &text(&issuer, "issuer")?,
                &mut OsRng,
            )
            .map_err(thrown)?;
        object(&request)
    }

    /// Stores an issued credential answering a pending request: its id.
    #[wasm_bindgen(js_name = acceptCredential)]
    pub fn accept_credential(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Doc")] issued: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Doc")] schema: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Doc")] issuer: JsValue,
    ) -> JsResult<String> {
        self.inner
            .accept(
                &text(&issued, "issued credential")?,
                &text(&schema, "schema")?,
                &text(&issuer, "issuer")?,
            )
            .map_err(thrown)
    }

    /// The stored credentials, for the holder's eyes.
    #[wasm_bindgen(js_name = listCredentials, unchecked_return_type = "CredentialSummary[]")]
    pub fn list_credentials(&self) -> JsResult<JsValue> {
        object(&self.inner.list())
    }

    /// Checks a signed request and describes it for the consent screen (as `describeRequest`).
    #[wasm_bindgen(js_name = describeRequest, unchecked_return_type = "Consent")]
    pub fn describe_request(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Doc")] signed_request: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Doc")] verifiers: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Doc | null | undefined")] issuers: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Date | string | undefined")] at: JsValue,
    ) -> JsResult<JsValue> {
        let described = self
            .inner
            .describe_request(
                &text(&signed_request, "request")?,
                &text(&verifiers, "verifier registry")?,
                optional_text(&issuers, "trust registry")?.as_deref(),
                &now(&at)?,
            )
            .map_err(thrown)?;
        object(&described)
    }

    /// Answers a signed request (as `present`).
    #[wasm_bindgen(unchecked_return_type = "Presentation")]
    pub fn present(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Doc")] signed_request: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Doc")] verifiers: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Doc | Doc[]")] keys: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Doc | null | undefined")] issuers: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Date | string | undefined")] at: JsValue,
    ) -> JsResult<JsValue> {
        let presentation = self
            .inner
            .present(
                &text(&signed_request, "request")?,
                &text(&verifiers, "verifier registry")?,
                optional_text(&issuers, "trust registry")?.as_deref(),
                &text(&keys, "keys")?,
                &now(&at)?,
                &mut OsRng,
            )
            .map_err(thrown)?;
        object(&presentation)
    }
}
