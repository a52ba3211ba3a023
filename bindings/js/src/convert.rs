//! Between JavaScript values and the core's JSON text: documents in (a string or an
//! object), objects out, the caller's clock, and errors as JavaScript `Error`s.

use js_sys::{Date, Error, Object, Reflect, JSON};
use wasm_bindgen::prelude::*;
use zkcred_bindings_core::ApiError;

/// What the package's calls return: a value, or a thrown `Error`.
pub type JsResult<T> = Result<T, JsValue>;

/// A document argument as JSON text: a string is taken as it is, anything else is
/// `JSON.stringify`'d.
pub fn text(doc: &JsValue, what: &str) -> JsResult<String> {
    if let Some(s) = doc.as_string() {
        return Ok(s);
    }
    if doc.is_undefined() || doc.is_null() {
        return Err(error("invalid_input", &format!("{what}: missing")));
    }
    JSON::stringify(doc)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| error("invalid_input", &format!("{what}: not a JSON document")))
}

/// An optional document argument (`undefined` and `null` are absent).
pub fn optional_text(doc: &JsValue, what: &str) -> JsResult<Option<String>> {
    if doc.is_undefined() || doc.is_null() {
        Ok(None)
    } else {
        text(doc, what).map(Some)
    }
}

/// A JSON text as a JavaScript object.
pub fn object(json: &str) -> JsResult<JsValue> {
    JSON::parse(json)
}

/// `{key: value, ...}` as a JavaScript object.
pub fn record(fields: &[(&str, JsValue)]) -> JsResult<JsValue> {
    let o = Object::new();
    for (k, v) in fields {
        Reflect::set(&o, &JsValue::from_str(k), v)?;
    }
    Ok(o.into())
}

/// The caller's clock as the core takes it (`YYYY-MM-DDTHH:MM:SSZ`): `undefined` is now, a
/// `Date` is that instant (seconds truncated), a string is taken as it is.
pub fn now(value: &JsValue) -> JsResult<String> {
    if let Some(s) = value.as_string() {
        return Ok(s);
    }
    let date: Date = if value.is_undefined() || value.is_null() {
        Date::new_0()
    } else if value.is_instance_of::<Date>() {
        value.clone().unchecked_into()
    } else {
        return Err(error(
            "invalid_input",
            "now: expected a Date or an RFC 3339 string",
        ));
    };
    if date.get_time().is_nan() {
        return Err(error("invalid_input", "now: an invalid Date"));
    }
    let iso: String = date.to_iso_string().into();
    // `2026-11-30T19:22:56.123Z` -> `2026-11-30T19:22:56Z`.
    match iso.get(..19) {
        Some(head) if iso.len() == 24 => Ok(format!("{head}Z")),
        _ => Err(error(
            "invalid_input",
            &format!("now: {iso} is outside 0000..9999"),
        )),
    }
}

/// A JavaScript `Error` named `ZkcredError` with `code` (`invalid_input`, `request_refused`,
/// `cannot_satisfy`, `presentation_rejected`, `wrong_passphrase`) and the library's message.
pub fn error(code: &str, message: &str) -> JsValue {
    let e = Error::new(message);
    e.set_name("ZkcredError");
    // Setting a property on a fresh Error cannot fail.
    let _ = Reflect::set(&e, &JsValue::from_str("code"), &JsValue::from_str(code));
    e.into()
}

/// A core error as a JavaScript `Error`.
pub fn thrown(e: ApiError) -> JsValue {
    error(e.kind.code(), &e.message)
}
