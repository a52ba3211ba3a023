//! The issuing authority's calls.

use crate::convert::{object, record, text, thrown, JsResult};
use rand_core::OsRng;
use wasm_bindgen::prelude::*;
use zkcred_bindings_core::issuer;

/// A new issuer from `{name, tier, jurisdiction, jurisdiction_name?, suite?, hiding?}`:
/// `{key, public}` (the key file is secret).
#[wasm_bindgen(js_name = newIssuer, unchecked_return_type = "KeyPair")]
pub fn new_issuer(
    #[wasm_bindgen(unchecked_param_type = "IssuerSpec")] spec: JsValue,
) -> JsResult<JsValue> {
    let made = issuer::new_issuer(&text(&spec, "issuer spec")?, &mut OsRng).map_err(thrown)?;
    record(&[
        ("key", object(&made.key)?),
        ("public", object(&made.public)?),
    ])
}

/// Issues a credential of `schema` to a holder's issuance request; `content` is
/// `{attributes: {name: value}, issued_on, expires_on}`.
#[wasm_bindgen(unchecked_return_type = "IssuedCredential")]
pub fn issue(
    #[wasm_bindgen(unchecked_param_type = "Doc")] issuer_key: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Doc")] schema: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Doc")] request: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Doc")] content: JsValue,
) -> JsResult<JsValue> {
    let issued = issuer::issue(
        &text(&issuer_key, "issuer key")?,
        &text(&schema, "schema")?,
        &text(&request, "issuance request")?,
        &text(&content, "content")?,
        &mut OsRng,
    )
    .map_err(thrown)?;
    object(&issued)
}
