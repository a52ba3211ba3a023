//! Versioned JSON documents: the [`JsonDocument`] trait, the `"version"` check, and hex-id
//! helpers. The formats themselves are documented in `docs/FORMATS.md`.
//!
//! Every top-level document (schema, issuer info, issuer key file, trust registry, credential)
//! is a JSON object with a `"version"` number field, currently [`FORMAT_VERSION`] = 1 (the
//! trust registry has its own, [`super::registry::REGISTRY_VERSION`] = 2, and so does the
//! presentation request, [`super::request::REQUEST_VERSION`] = 2, each through
//! [`JsonDocument::check_document_version`], which explains their version 1), and stable
//! snake_case field names. Reading
//! checks the version *before* the shape, so a document
//! of a later version is refused with [`CredentialError::UnsupportedVersion`] even if it has
//! fields this version does not know. Unknown fields are refused (a typo is an error, not a
//! silently ignored field).

use super::error::{CredentialError, Result};
use super::text::escape_invisible;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// The only JSON format version this library writes and reads.
pub const FORMAT_VERSION: u64 = 1;

/// The largest JSON document (in bytes of text) that [`JsonDocument::from_json`] reads unless
/// the document sets its own [`JsonDocument::MAX_BYTES`]: 1 MiB. Every document comes from
/// someone else (an issuer, a verifier, a holder), and parsing and decoding cost grows with
/// the size, so the size is refused before the text is parsed. The largest legitimate
/// presentation (16 credentials, 34 attachments each) is about 330 KB.
pub const MAX_DOCUMENT_BYTES: usize = 1 << 20;

/// How many characters of an attacker-chosen string an error message quotes
/// ([`clip`]); the rest is replaced by an ellipsis, so an error line stays short whatever
/// the input.
pub const MAX_QUOTED_CHARS: usize = 64;

/// How many characters of a parser's message an error keeps (serde quotes field names and
/// values from the input).
const MAX_PARSER_MESSAGE_CHARS: usize = 200;

/// `s` cut to `max` characters, with `…` when it was longer, and every control,
/// bidirectional formatting or invisible character written as `<U+XXXX>`
/// ([`super::text::escape_invisible`]): for quoting untrusted text in error messages, which
/// then stay one short line that reads in order.
pub fn clip_to(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        None => escape_invisible(s),
        Some((end, _)) => format!("{}…", escape_invisible(&s[..end])),
    }
}

/// `s` cut to [`MAX_QUOTED_CHARS`] characters (see [`clip_to`]).
pub fn clip(s: &str) -> String {
    clip_to(s, MAX_QUOTED_CHARS)
}

/// A serde error as [`CredentialError::MalformedJson`], its message clipped (it may quote
/// the input).
pub(crate) fn malformed(e: serde_json::Error) -> CredentialError {
    CredentialError::MalformedJson(clip_to(&e.to_string(), MAX_PARSER_MESSAGE_CHARS))
}

/// A versioned JSON document, read and written through its wire struct `Wire` (plain serde),
/// which [`JsonDocument::from_wire`] validates into the typed value.
pub trait JsonDocument: Sized {
    /// The serde shape of the document (snake_case fields, including `version`).
    type Wire: Serialize + DeserializeOwned;

    /// The format version this library reads and writes for the document; most documents
    /// are at [`FORMAT_VERSION`], a document whose content changed incompatibly is later.
    const VERSION: u64 = FORMAT_VERSION;

    /// The largest JSON text of this document that [`JsonDocument::from_json`] reads
    /// (`docs/FORMATS.md` lists them); larger is [`CredentialError::DocumentTooLarge`].
    const MAX_BYTES: usize = MAX_DOCUMENT_BYTES;

    /// Cheap checks on the parsed JSON before the wire form is decoded (before any point is
    /// decompressed or subgroup-checked): counts of lists, duplicates. Nothing by default.
    fn check_shape(_value: &serde_json::Value) -> Result<()> {
        Ok(())
    }

    /// The wire form of `self` (with `version` = [`Self::VERSION`]).
    fn to_wire(&self) -> Self::Wire;

    /// Validates a wire form: version, derived ids, cross-field rules.
    fn from_wire(wire: Self::Wire) -> Result<Self>;

    /// Checks the `"version"` number before the shape is read: only [`Self::VERSION`], unless
    /// the document explains older versions itself (the trust registry).
    fn check_document_version(version: u64) -> Result<()> {
        if version == Self::VERSION {
            Ok(())
        } else {
            Err(CredentialError::UnsupportedVersion(version))
        }
    }

    /// Pretty-printed JSON of the document.
    fn to_json(&self) -> Result<String> {
        serde_json::to_string_pretty(&self.to_wire()).map_err(malformed)
    }

    /// Parses and validates a document: JSON syntax, then the version, then the shape, then
    /// the content rules.
    fn from_json(text: &str) -> Result<Self> {
        from_value(parse_value::<Self>(text)?)
    }
}

/// The JSON text of a `T` parsed as a value, after its size is checked against
/// [`JsonDocument::MAX_BYTES`].
pub(crate) fn parse_value<T: JsonDocument>(text: &str) -> Result<serde_json::Value> {
    check_size(text, T::MAX_BYTES)?;
    serde_json::from_str(text).map_err(malformed)
}

/// [`CredentialError::DocumentTooLarge`] when `text` is longer than `max` bytes.
pub(crate) fn check_size(text: &str, max: usize) -> Result<()> {
    if text.len() > max {
        return Err(CredentialError::DocumentTooLarge {
            max,
            got: text.len(),
        });
    }
    Ok(())
}

/// [`CredentialError::TooManyItems`] when a document lists more than `max` of `what`.
pub(crate) fn check_count(what: &'static str, got: usize, max: usize) -> Result<()> {
    if got > max {
        return Err(CredentialError::TooManyItems { what, max, got });
    }
    Ok(())
}

/// The version, shape and content checks of [`JsonDocument::from_json`] on parsed JSON (for
/// documents that look at the JSON first, e.g. to name a wrong kind of document).
pub(crate) fn from_value<T: JsonDocument>(value: serde_json::Value) -> Result<T> {
    T::from_wire(wire_from_value::<T>(value)?)
}

/// The version and shape checks of [`JsonDocument::from_json`] on parsed JSON, then its wire
/// form (for documents whose content rules take more than [`JsonDocument::from_wire`] does,
/// e.g. a caller's RNG).
pub(crate) fn wire_from_value<T: JsonDocument>(value: serde_json::Value) -> Result<T::Wire> {
    T::check_document_version(version_field(&value)?)?;
    T::check_shape(&value)?;
    serde_json::from_value(value).map_err(malformed)
}

/// The `"version"` number of `value`, which must be an object.
fn version_field(value: &serde_json::Value) -> Result<u64> {
    let obj = value
        .as_object()
        .ok_or_else(|| CredentialError::MalformedJson("expected a JSON object".into()))?;
    obj.get("version")
        .and_then(serde_json::Value::as_u64)
        .ok_or(CredentialError::MissingVersion)
}

/// `Ok` for [`FORMAT_VERSION`], else [`CredentialError::UnsupportedVersion`].
pub fn check_version(version: u64) -> Result<()> {
    if version == FORMAT_VERSION {
        Ok(())
    } else {
        Err(CredentialError::UnsupportedVersion(version))
    }
}

/// Implements `Serialize`/`Deserialize` of a [`JsonDocument`] through its wire form, so the
/// document can also be nested inside other serde structures (validation errors become serde
/// errors there).
macro_rules! impl_serde_via_wire {
    ($t:ty) => {
        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(
                &self,
                s: S,
            ) -> core::result::Result<S::Ok, S::Error> {
                $crate::credential::json::JsonDocument::to_wire(self).serialize(s)
            }
        }

        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(
                d: D,
            ) -> core::result::Result<Self, D::Error> {
                let wire = <<$t as $crate::credential::json::JsonDocument>::Wire>::deserialize(d)?;
                <$t as $crate::credential::json::JsonDocument>::from_wire(wire)
                    .map_err(serde::de::Error::custom)
            }
        }
    };
}
pub(crate) use impl_serde_via_wire;

/// Implements `Display` (lowercase hex), `FromStr` (hex of exactly `$len` bytes) and serde as
/// a hex string for a newtype over `[u8; $len]`.
macro_rules! impl_hex_id {
    ($t:ident, $len:expr, $what:expr) => {
        impl $t {
            /// The raw bytes.
            pub fn as_bytes(&self) -> &[u8; $len] {
                &self.0
            }

            /// From raw bytes.
            pub fn from_bytes(bytes: [u8; $len]) -> Self {
                Self(bytes)
            }
        }

        impl core::fmt::Display for $t {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(&hex::encode(self.0))
            }
        }

        impl core::fmt::Debug for $t {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                write!(f, "{}({})", stringify!($t), hex::encode(self.0))
            }
        }

        impl core::str::FromStr for $t {
            type Err = $crate::credential::CredentialError;

            fn from_str(s: &str) -> core::result::Result<Self, Self::Err> {
                let mut out = [0u8; $len];
                hex::decode_to_slice(s, &mut out).map_err(|e| {
                    $crate::credential::CredentialError::InvalidId {
                        what: $what,
                        reason: format!("expected {} hex digits: {e}", 2 * $len),
                    }
                })?;
                Ok(Self(out))
            }
        }

        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(
                &self,
                s: S,
            ) -> core::result::Result<S::Ok, S::Error> {
                s.serialize_str(&hex::encode(self.0))
            }
        }

        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(
                d: D,
            ) -> core::result::Result<Self, D::Error> {
                let s = <String as serde::Deserialize>::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}
pub(crate) use impl_hex_id;
