//! [`AttributeValue`]: the value of one credential attribute, as the holder and a verifier
//! see it (before encoding to a scalar).

use super::date::{date_text, format_date};
use serde::{Deserialize, Serialize};
use zkcred_circuits::Date;

/// The value of an attribute. JSON is a one-field object naming the kind, so a value reads the
/// same without its schema: `{"integer": -5}`, `{"date": "2001-04-02"}`,
/// `{"enumeration": "an_giang"}`, `{"string": "Nguyễn Văn A"}`, `{"bytes": "00ff"}` (lowercase hex).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttributeValue {
    /// A signed 64-bit integer.
    Integer(i64),
    /// A date, `YYYY-MM-DD` in JSON.
    Date(#[serde(with = "date_text")] Date),
    /// An enumeration label (its code comes from the schema); `"enumeration"` in JSON, like
    /// the kind.
    #[serde(rename = "enumeration")]
    Enum(String),
    /// UTF-8 text.
    String(String),
    /// Raw bytes, hex in JSON.
    Bytes(#[serde(with = "hex_bytes")] Vec<u8>),
}

impl AttributeValue {
    /// The kind name of the value, as in schemas: `integer`, `date`, `enumeration`, `string`,
    /// `bytes`.
    pub fn kind_name(&self) -> &'static str {
        match self {
            AttributeValue::Integer(_) => "integer",
            AttributeValue::Date(_) => "date",
            AttributeValue::Enum(_) => "enumeration",
            AttributeValue::String(_) => "string",
            AttributeValue::Bytes(_) => "bytes",
        }
    }
}

impl core::fmt::Display for AttributeValue {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            AttributeValue::Integer(x) => write!(f, "{x}"),
            AttributeValue::Date(d) => f.write_str(&format_date(*d)),
            AttributeValue::Enum(label) | AttributeValue::String(label) => f.write_str(label),
            AttributeValue::Bytes(b) => f.write_str(&hex::encode(b)),
        }
    }
}

/// Serde for `Vec<u8>` as a lowercase hex string.
mod hex_bytes {
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes lowercase hex.
    pub(super) fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&hex::encode(bytes))
    }

    /// Reads hex (either case).
    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(d)?;
        hex::decode(text).map_err(serde::de::Error::custom)
    }
}
