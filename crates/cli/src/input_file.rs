//! The command's own input files, written by hand: attribute files (`zkcred issue
//! --attributes`) and request specs (`zkcred request new --spec`, read by the library's
//! [`zkcred::credential::RequestSpec`]). Versioned like every document (`docs/FORMATS.md`,
//! "Attribute file" and "Request spec") and read in the same order: the size, the JSON, the
//! `"version"` (before the shape, so a later version is refused for its version), then the
//! shape (no unknown field).

use crate::error::{CliError, CliResult};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use zkcred::credential::{AttributeValue, CredentialError, MAX_DOCUMENT_BYTES};

/// The version of attribute files and request specs that this command reads and writes.
pub const INPUT_VERSION: u64 = 1;

/// An input file's kind: its name in messages and how a file without `"version"` is fixed.
#[derive(Clone, Copy, Debug)]
pub struct InputKind {
    /// `attribute file`, `request spec`.
    pub name: &'static str,
    /// How to write a version-1 file, for a file without `"version"`.
    pub hint: &'static str,
}

/// `zkcred issue --attributes`.
pub const ATTRIBUTE_FILE: InputKind = InputKind {
    name: "attribute file",
    hint: "an attribute file is {\"version\": 1, \"attributes\": {\"name\": value, ...}}; \
           a file without \"version\" (the bare attributes) goes under \"attributes\"",
};

/// The JSON of an input file, checked up to its version: at most [`MAX_DOCUMENT_BYTES`], an
/// object, `"version"` a number equal to [`INPUT_VERSION`].
pub fn parse_versioned(text: &str, kind: InputKind) -> CliResult<serde_json::Value> {
    if text.len() > MAX_DOCUMENT_BYTES {
        return Err(CredentialError::DocumentTooLarge {
            max: MAX_DOCUMENT_BYTES,
            got: text.len(),
        }
        .into());
    }
    let value: serde_json::Value = serde_json::from_str(text).map_err(malformed)?;
    let obj = value.as_object().ok_or_else(|| {
        CliError::from(CredentialError::MalformedJson(format!(
            "expected a JSON object ({})",
            kind.hint
        )))
    })?;
    match obj.get("version").and_then(serde_json::Value::as_u64) {
        None => Err(CliError::invalid(format!(
            "missing format version of the {}: a \"version\" number is required; {}",
            kind.name, kind.hint
        ))),
        Some(INPUT_VERSION) => Ok(value),
        Some(other) => Err(CliError::invalid(format!(
            "unsupported format version {other} of the {}: this zkcred reads version \
             {INPUT_VERSION}",
            kind.name
        ))),
    }
}

/// The shape of a checked input file.
pub fn from_value<T: DeserializeOwned>(value: serde_json::Value) -> CliResult<T> {
    serde_json::from_value(value).map_err(malformed)
}

fn malformed(e: serde_json::Error) -> CliError {
    CredentialError::MalformedJson(e.to_string()).into()
}

/// An attribute file: the values of the credential to issue.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttributeFile {
    /// [`INPUT_VERSION`].
    pub version: u64,
    /// Attribute name → value (the schema's attributes).
    pub attributes: BTreeMap<String, AttributeValue>,
}

/// Parses an attribute file (its checks against the schema come when the credential is
/// issued).
pub fn parse_attributes(text: &str) -> CliResult<BTreeMap<String, AttributeValue>> {
    let file: AttributeFile = from_value(parse_versioned(text, ATTRIBUTE_FILE)?)?;
    Ok(file.attributes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &str) -> String {
        parse_attributes(text).unwrap_err().to_string()
    }

    #[test]
    fn attribute_files_are_versioned() {
        let ok = parse_attributes(
            r#"{"version": 1, "attributes": {"full_name": {"string": "A"}, "n": {"integer": 3}}}"#,
        )
        .unwrap();
        assert_eq!(ok["n"], AttributeValue::Integer(3));
        // The older bare map: refused, saying how to convert it.
        let e = error(r#"{"full_name": {"string": "A"}}"#);
        assert!(
            e.starts_with("missing format version of the attribute file"),
            "{e}"
        );
        assert!(e.contains("goes under \"attributes\""), "{e}");
        let e = error(r#"{"version": 2, "attributes": {}}"#);
        assert!(
            e.starts_with("unsupported format version 2 of the attribute file"),
            "{e}"
        );
        let e = error(r#"{"version": "1", "attributes": {}}"#);
        assert!(e.starts_with("missing format version"), "{e}");
        // The version is checked before the shape.
        let e = error(r#"{"version": 3, "colour": 1}"#);
        assert!(e.contains("version 3"), "{e}");
        let e = error(r#"{"version": 1, "attributes": {}, "colour": 1}"#);
        assert!(e.contains("unknown field `colour`"), "{e}");
        let e = error("[1]");
        assert!(e.contains("expected a JSON object"), "{e}");
        let e = error(&" ".repeat(MAX_DOCUMENT_BYTES + 1));
        assert!(e.contains("larger than"), "{e}");
    }
}
