//! The holder's calls on a wallet's text: each reads the wallet (signatures checked) into a
//! [`Wallet`] and calls its method; sealing; a gateway's request object and keys.

use crate::convert::{object, record, text, thrown, JsResult};
use crate::wallet::Wallet;
use rand_core::OsRng;
use wasm_bindgen::prelude::*;
use zkcred_bindings_core::{holder, request_object, vault};

/// An empty wallet with a fresh holder secret, as its JSON text (secret: seal it).
#[wasm_bindgen(js_name = newWallet)]
pub fn new_wallet() -> JsResult<String> {
    holder::new_wallet(&mut OsRng)
        .map(|w| w.to_string())
        .map_err(thrown)
}

/// Asks `issuer` for a credential of `schema`: `{wallet, request}`, the wallet with the
/// pending issuance and the issuance request to send to the issuer.
#[wasm_bindgen(js_name = requestIssuance, unchecked_return_type = "IssuanceStart")]
pub fn request_issuance(
    wallet: &str,
    #[wasm_bindgen(unchecked_param_type = "Doc")] schema: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Doc")] issuer: JsValue,
) -> JsResult<JsValue> {
    let mut open = Wallet::open(wallet)?;
    let request = open.request_issuance(schema, issuer)?;
    record(&[("wallet", open.text()?.into()), ("request", request)])
}

/// Stores an issued credential that answers one of the wallet's issuance requests:
/// `{wallet, credentialId}`.
#[wasm_bindgen(js_name = acceptCredential, unchecked_return_type = "Accepted")]
pub fn accept_credential(
    wallet: &str,
    #[wasm_bindgen(unchecked_param_type = "Doc")] issued: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Doc")] schema: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Doc")] issuer: JsValue,
) -> JsResult<JsValue> {
    let mut open = Wallet::open(wallet)?;
    let id = open.accept_credential(issued, schema, issuer)?;
    record(&[("wallet", open.text()?.into()), ("credentialId", id.into())])
}

/// The wallet's credentials, for the holder's eyes.
#[wasm_bindgen(js_name = listCredentials, unchecked_return_type = "CredentialSummary[]")]
pub fn list_credentials(wallet: &str) -> JsResult<JsValue> {
    Wallet::open(wallet)?.list_credentials()
}

/// Seals the wallet under a passphrase (PBKDF2-SHA256 + AES-256-GCM, the format the web
/// wallet writes with WebCrypto).
#[wasm_bindgen(js_name = sealWallet, unchecked_return_type = "SealedWallet")]
pub fn seal_wallet(wallet: &str, passphrase: &str) -> JsResult<JsValue> {
    object(&vault::seal(wallet, passphrase, &mut OsRng).map_err(thrown)?)
}

/// Opens a sealed wallet: its JSON text, or an error with code `wrong_passphrase`.
#[wasm_bindgen(js_name = openWallet)]
pub fn open_wallet(
    #[wasm_bindgen(unchecked_param_type = "Doc")] sealed: JsValue,
    passphrase: &str,
) -> JsResult<String> {
    vault::open(&text(&sealed, "sealed wallet")?, passphrase)
        .map(|w| w.to_string())
        .map_err(thrown)
}

/// Reads a gateway's request object fetched from `requestUri`: `{signedRequest, keys:
/// [{digest, uri}], responseUri}`, every URL on the request URI's origin.
#[wasm_bindgen(js_name = readRequestObject, unchecked_return_type = "RequestObject")]
pub fn read_request_object(
    request_uri: &str,
    #[wasm_bindgen(unchecked_param_type = "Doc")] object_doc: JsValue,
) -> JsResult<JsValue> {
    let read =
        request_object::read_request_object(request_uri, &text(&object_doc, "request object")?)
            .map_err(thrown)?;
    let o = object(&read)?;
    let get = |k: &str| js_sys::Reflect::get(&o, &JsValue::from_str(k));
    record(&[
        (
            "signedRequest",
            object(&get("signed_request")?.as_string().unwrap_or_default())?,
        ),
        ("keys", get("keys")?),
        ("responseUri", get("response_uri")?),
    ])
}

/// Checks a key document fetched by digest: one key pair with that digest.
#[wasm_bindgen(js_name = checkKey)]
pub fn check_key(
    #[wasm_bindgen(unchecked_param_type = "Doc")] key: JsValue,
    digest: &str,
) -> JsResult<()> {
    request_object::check_key(&text(&key, "key")?, digest).map_err(thrown)
}

/// Checks a signed request (signature and scope against `verifiers`, window on `now`) and
/// describes it in plain words for the consent screen.
#[wasm_bindgen(js_name = describeRequest, unchecked_return_type = "Consent")]
pub fn describe_request(
    wallet: &str,
    #[wasm_bindgen(unchecked_param_type = "Doc")] signed_request: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Doc")] verifiers: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Doc | null | undefined")] issuers: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Date | string | undefined")] at: JsValue,
) -> JsResult<JsValue> {
    Wallet::open(wallet)?.describe_request(signed_request, verifiers, issuers, at)
}

/// Answers a signed request: the presentation. `keys` is a key set or an array of one-pair
/// key sets; `issuers` (the holder's trust registry) gives hidden issuers' keys.
#[wasm_bindgen(unchecked_return_type = "Presentation")]
pub fn present(
    wallet: &str,
    #[wasm_bindgen(unchecked_param_type = "Doc")] signed_request: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Doc")] verifiers: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Doc | Doc[]")] keys: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Doc | null | undefined")] issuers: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Date | string | undefined")] at: JsValue,
) -> JsResult<JsValue> {
    Wallet::open(wallet)?.present(signed_request, verifiers, keys, issuers, at)
}
