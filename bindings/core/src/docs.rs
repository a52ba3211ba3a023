//! Reading the documents a package call is given: one document, or a JSON array of them.

use crate::error::{ApiError, ApiResult};
use zkcred::credential::{JsonDocument, Timestamp, MAX_DOCUMENT_BYTES};

/// Reads `text` as a `T`, naming `what` in the error (`schema: malformed JSON: ...`).
pub fn read<T: JsonDocument>(text: &str, what: &str) -> ApiResult<T> {
    T::from_json(text).map_err(|e| ApiError::from(e).about(what))
}

/// Reads `text`, a JSON array of at most `max` documents, each a `T`: an object, or a
/// string holding the document's JSON text (as a caller that keeps documents as text has them).
pub fn read_list<T: JsonDocument>(text: &str, what: &str, max: usize) -> ApiResult<Vec<T>> {
    if text.len() > max.saturating_mul(T::MAX_BYTES) {
        return Err(ApiError::invalid(format!(
            "{what}: {} bytes is more than {max} documents may take",
            text.len()
        )));
    }
    let items: Vec<serde_json::Value> = serde_json::from_str(text).map_err(|e| {
        ApiError::invalid(format!("{what}: expected a JSON array: {}", clip_err(&e)))
    })?;
    if items.len() > max {
        return Err(ApiError::invalid(format!(
            "{what}: {} documents, at most {max} allowed",
            items.len()
        )));
    }
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let what = format!("{what}[{i}]");
            match item {
                serde_json::Value::String(doc) => read(doc, &what),
                other => read(&other.to_string(), &what),
            }
        })
        .collect()
}

/// A JSON value of a small argument (a spec, attributes), at most [`MAX_DOCUMENT_BYTES`].
pub fn value<T: serde::de::DeserializeOwned>(text: &str, what: &str) -> ApiResult<T> {
    if text.len() > MAX_DOCUMENT_BYTES {
        return Err(ApiError::invalid(format!(
            "{what}: document of {} bytes is larger than the {MAX_DOCUMENT_BYTES} bytes allowed",
            text.len()
        )));
    }
    serde_json::from_str(text)
        .map_err(|e| ApiError::invalid(format!("{what}: malformed JSON: {}", clip_err(&e))))
}

/// A document as JSON text (pretty, as every zkcred writer).
pub fn write<T: JsonDocument>(doc: &T) -> ApiResult<String> {
    doc.to_json().map_err(ApiError::from)
}

/// The instant `text` (RFC 3339 UTC, `YYYY-MM-DDTHH:MM:SSZ`): the caller's clock.
pub fn instant(text: &str) -> ApiResult<Timestamp> {
    Timestamp::parse(text).map_err(|e| ApiError::from(e).about("now"))
}

/// A parser's message, clipped to 200 characters.
fn clip_err(e: &serde_json::Error) -> String {
    zkcred::credential::clip(&e.to_string())
}
