//! The verifier's calls: its key, registries, signed requests, and a verifying session.

use crate::convert::{now, object, optional_text, record, text, thrown, JsResult};
use rand_core::OsRng;
use wasm_bindgen::prelude::*;
use zkcred_bindings_core::verifier::{self, VerifierSession};

/// A new verifier key from `{id, name, scopes}`: `{key, public}` (the key file is secret).
#[wasm_bindgen(js_name = newVerifier, unchecked_return_type = "KeyPair")]
pub fn new_verifier(
    #[wasm_bindgen(unchecked_param_type = "VerifierSpec")] spec: JsValue,
) -> JsResult<JsValue> {
    let made =
        verifier::new_verifier(&text(&spec, "verifier spec")?, &mut OsRng).map_err(thrown)?;
    record(&[
        ("key", object(&made.key)?),
        ("public", object(&made.public)?),
    ])
}

/// A verifier registry (who a wallet answers) of verifier public infos.
#[wasm_bindgen(js_name = verifierRegistry, unchecked_return_type = "object")]
pub fn verifier_registry(
    #[wasm_bindgen(unchecked_param_type = "Doc[]")] verifiers: JsValue,
) -> JsResult<JsValue> {
    object(&verifier::verifier_registry(&text(&verifiers, "verifiers")?).map_err(thrown)?)
}

/// A trust registry from `[{issuer, schemas: [schema id]}]`.
#[wasm_bindgen(js_name = trustRegistry, unchecked_return_type = "object")]
pub fn trust_registry(
    #[wasm_bindgen(unchecked_param_type = "RegistryEntry[]")] entries: JsValue,
) -> JsResult<JsValue> {
    object(&verifier::trust_registry(&text(&entries, "registry entries")?).map_err(thrown)?)
}

/// Makes and signs a request from a request spec, valid from `now` for `validForSecs`
/// (default 600), and the predicate keys it needs (Groth16 setup for circuits not in
/// `keys`): `{signedRequest, keys}`.
#[wasm_bindgen(js_name = makeRequest, unchecked_return_type = "MadeRequest")]
pub fn make_request(
    #[wasm_bindgen(unchecked_param_type = "Doc")] verifier_key: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Doc")] spec: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Doc[]")] schemas: JsValue,
    #[wasm_bindgen(unchecked_param_type = "MakeRequestOptions | undefined")] options: JsValue,
) -> JsResult<JsValue> {
    let opt = |k: &str| -> JsResult<JsValue> {
        if options.is_undefined() || options.is_null() {
            Ok(JsValue::UNDEFINED)
        } else {
            js_sys::Reflect::get(&options, &JsValue::from_str(k))
        }
    };
    let valid_for = opt("validForSecs")?.as_f64().unwrap_or(600.0);
    if !(1.0..=u64::MAX as f64).contains(&valid_for) || valid_for.fract() != 0.0 {
        return Err(crate::convert::error(
            "invalid_input",
            "validForSecs: a whole number of seconds",
        ));
    }
    let made = verifier::make_request(
        &text(&verifier_key, "verifier key")?,
        &text(&spec, "request spec")?,
        &text(&schemas, "schemas")?,
        optional_text(&opt("registry")?, "trust registry")?.as_deref(),
        optional_text(&opt("keys")?, "keys")?.as_deref(),
        &now(&opt("now")?)?,
        valid_for as u64,
        &mut OsRng,
    )
    .map_err(thrown)?;
    record(&[
        ("signedRequest", object(&made.signed_request)?),
        ("keys", object(&made.keys)?),
    ])
}

/// A verifier's session: checks presentations against its own signed requests; a nonce is
/// accepted once for the session's lifetime.
#[wasm_bindgen]
pub struct Verifier {
    session: VerifierSession,
}

#[wasm_bindgen]
impl Verifier {
    /// A session over the verifier's public info, its trust registry, schemas and keys.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "Doc")] own: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Doc")] registry: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Doc[]")] schemas: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Doc | Doc[]")] keys: JsValue,
    ) -> JsResult<Verifier> {
        let session = VerifierSession::new(
            &text(&own, "verifier")?,
            &text(&registry, "trust registry")?,
            &text(&schemas, "schemas")?,
            &text(&keys, "keys")?,
        )
        .map_err(thrown)?;
        Ok(Self { session })
    }

    /// Verifies a presentation against the verifier's own signed request at `now`: what the
    /// verifier learned, or an error with code `presentation_rejected`.
    #[wasm_bindgen(unchecked_return_type = "VerifyResult")]
    pub fn verify(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Doc")] signed_request: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Doc")] presentation: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Date | string | undefined")] at: JsValue,
    ) -> JsResult<JsValue> {
        let result = self
            .session
            .verify(
                &text(&signed_request, "request")?,
                &text(&presentation, "presentation")?,
                &now(&at)?,
            )
            .map_err(thrown)?;
        object(&result)
    }
}
