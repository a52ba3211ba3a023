//! [`Schema`]: the attributes of a kind of credential, their kinds (hence their encoding), and
//! the layout of the credential's BBS messages.
//!
//! # Message layout
//!
//! A credential of a schema with attributes `a_0..a_{n-1}` is a BBS signature over `n + 3`
//! scalar messages, in this order:
//!
//! | index | message | encoding |
//! |---|---|---|
//! | `0..n` | the schema's attributes, in schema order | by kind ([`crate::credential::encode`]) |
//! | `n` | `issued_on` | date |
//! | `n + 1` | `expires_on` | date |
//! | `n + 2` | `holder_secret` (always the last) | the holder's secret scalar, blind-signed |
//!
//! with the BBS header `"zkcred/credential/v1" || schema id` ([`SchemaId::bbs_header`]), so
//! every signature commits to the schema and hence to how each value was encoded.
//!
//! # Schemas with issuer hiding
//!
//! With a hidden issuer (docs/SECURITY.md §7) the BBS domain, which hashes the header, is a
//! hidden value, so the header binds nothing the verifier sees. A schema made with
//! [`Schema::with_issuer_hiding`] therefore has one more signed message, the **schema
//! message** `H_s(schema id)` ([`schema_message_scalar`]), at index `n + 2`, and the holder
//! secret moves to `n + 3`:
//!
//! | index | message |
//! |---|---|
//! | `0..n` | attributes |
//! | `n`, `n + 1` | `issued_on`, `expires_on` |
//! | `n + 2` | the schema message (last signer message) |
//! | `n + 3` | `holder_secret` |
//!
//! A hidden-issuer presentation discloses it (the verifier computes it from the requested
//! schema id); a presentation that names its issuer keeps it hidden (the header binds the
//! schema as before). The flag is part of the schema id, so such a schema is another schema.
//!
//! # Schema id
//!
//! [`SchemaId`] is SHA-256 over a canonical encoding of the name, the schema version and the
//! attribute list (see [`Schema::canonical_bytes`]); it is derived, never chosen, so two
//! schemas with the same content have the same id and any change gives a new id.

use super::error::{CredentialError, Result};
use super::json::{check_version, impl_hex_id, impl_serde_via_wire};
use super::json::{JsonDocument, FORMAT_VERSION};
use super::text::check_text;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashSet;

/// Most attributes a schema may define (the credential has 3 more messages).
pub const MAX_ATTRIBUTES: usize = 128;
/// Most labels an enumeration may have.
pub const MAX_ENUM_LABELS: usize = 4096;
/// Largest enumeration code: codes are encoded as integers (`code + 2^63`), so they must be
/// non-negative `i64` values.
pub const MAX_ENUM_CODE: u64 = i64::MAX as u64;

/// Name of the trailing date message: the day the credential was issued.
pub const ISSUED_ON: &str = "issued_on";
/// Name of the trailing date message: the last day the credential is valid.
pub const EXPIRES_ON: &str = "expires_on";
/// Name of the last message: the holder's secret scalar (blind-signed; no issuer sees it).
pub const HOLDER_SECRET: &str = "holder_secret";
/// The implicit trailing messages of every credential, in order.
pub const TRAILING_ATTRIBUTES: [&str; 3] = [ISSUED_ON, EXPIRES_ON, HOLDER_SECRET];

/// Domain tag of the canonical encoding that the schema id hashes.
const SCHEMA_ID_DOMAIN: &[u8] = b"zkcred/schema-id/v1";
/// Prefix of the BBS header of every credential.
pub const CREDENTIAL_HEADER_PREFIX: &[u8] = b"zkcred/credential/v1";
/// Suffix of the hash-to-scalar DST of the schema message (after the pseudonym api_id).
const SCHEMA_MESSAGE_DST: &[u8] = b"ZKCRED_SCHEMA_MESSAGE_V1_";
/// What [`Schema::canonical_bytes`] appends for a schema with issuer hiding.
const ISSUER_HIDING_TAG: &[u8] = b"issuer_hiding";

/// The schema message of credentials of schema `id` with issuer hiding:
/// `hash_to_scalar(id, api_id || "ZKCRED_SCHEMA_MESSAGE_V1_")`, api_id the pseudonym
/// interface's (that of credentials). Its own DST keeps it apart from every attribute
/// encoding: strings and bytes are hashed under the draft's map-to-scalar DST, integers,
/// dates and codes are below 2^64, so no other signed message equals it except with
/// negligible probability.
pub fn schema_message_scalar(
    suite: zkcred_bbs::Ciphersuite,
    id: &SchemaId,
) -> Result<zkcred_bbs::Scalar> {
    let dst = [
        &suite.api_id(zkcred_bbs::Interface::Pseudonym)[..],
        SCHEMA_MESSAGE_DST,
    ]
    .concat();
    Ok(suite.hash_to_scalar(&[&id.0[..]], &dst)?)
}

/// A schema id: SHA-256 of the schema's canonical encoding; hex in JSON.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SchemaId([u8; 32]);

impl_hex_id!(SchemaId, 32, "schema id");

impl SchemaId {
    /// The BBS header of credentials of this schema: `"zkcred/credential/v1" || id` (52 bytes).
    pub fn bbs_header(&self) -> Vec<u8> {
        [CREDENTIAL_HEADER_PREFIX, &self.0[..]].concat()
    }
}

/// One label of an enumeration and its code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnumLabel {
    /// The label (what a wallet shows and a credential's JSON holds), e.g. `"an_giang"`.
    pub label: String,
    /// The code that is signed (as an integer, see [`crate::credential::encode_enum_code`]).
    pub code: u64,
}

impl EnumLabel {
    /// A label with its code.
    pub fn new(label: impl Into<String>, code: u64) -> Self {
        Self {
            label: label.into(),
            code,
        }
    }
}

/// The kind of an attribute, which fixes its scalar encoding (DESIGN, "Encoding attributes as
/// scalars").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttributeKind {
    /// An `i64`, encoded as `x + 2^63`.
    Integer,
    /// A date, encoded as its day count since 1970-01-01, as an integer.
    Date,
    /// One of a fixed list of labels, encoded as its code, as an integer.
    Enumeration {
        /// The labels and their codes (unique labels, unique codes, at least one).
        codes: Vec<EnumLabel>,
    },
    /// UTF-8 text, encoded with MapMessageToScalarAsHash.
    String,
    /// Raw bytes, encoded with MapMessageToScalarAsHash.
    Bytes,
}

impl AttributeKind {
    /// The kind's JSON name: `integer`, `date`, `enumeration`, `string` or `bytes`.
    pub fn name(&self) -> &'static str {
        match self {
            AttributeKind::Integer => "integer",
            AttributeKind::Date => "date",
            AttributeKind::Enumeration { .. } => "enumeration",
            AttributeKind::String => "string",
            AttributeKind::Bytes => "bytes",
        }
    }

    /// The tag byte of the canonical encoding.
    fn tag(&self) -> u8 {
        match self {
            AttributeKind::Integer => 1,
            AttributeKind::Date => 2,
            AttributeKind::Enumeration { .. } => 3,
            AttributeKind::String => 4,
            AttributeKind::Bytes => 5,
        }
    }
}

/// An attribute of a schema: its name and kind. JSON:
/// `{"name": "province", "kind": "enumeration", "codes": [{"label": "an_giang", "code": 89}]}`
/// (`codes` only for enumerations).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "AttributeDefWire", into = "AttributeDefWire")]
pub struct AttributeDef {
    /// The name: 1-64 characters `a-z 0-9 _`, starting with a letter.
    pub name: String,
    /// The kind.
    pub kind: AttributeKind,
}

impl AttributeDef {
    /// An attribute `name` of kind `kind` (validated when put into a [`Schema`]).
    pub fn new(name: impl Into<String>, kind: AttributeKind) -> Self {
        Self {
            name: name.into(),
            kind,
        }
    }

    /// The code of enumeration label `label`; errors for an unknown label or a non-enumeration.
    pub fn enum_code(&self, label: &str) -> Result<u64> {
        match &self.kind {
            AttributeKind::Enumeration { codes } => codes
                .iter()
                .find(|c| c.label == label)
                .map(|c| c.code)
                .ok_or_else(|| CredentialError::UnknownEnumLabel {
                    attribute: self.name.clone(),
                    label: label.to_owned(),
                }),
            other => Err(CredentialError::KindMismatch {
                attribute: self.name.clone(),
                expected: other.name(),
                got: "enumeration",
            }),
        }
    }
}

/// The kind names of the JSON form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum KindName {
    Integer,
    Date,
    Enumeration,
    String,
    Bytes,
}

/// JSON form of [`AttributeDef`].
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct AttributeDefWire {
    name: String,
    kind: KindName,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    codes: Option<Vec<EnumLabel>>,
}

impl From<AttributeDef> for AttributeDefWire {
    fn from(def: AttributeDef) -> Self {
        let (kind, codes) = match def.kind {
            AttributeKind::Integer => (KindName::Integer, None),
            AttributeKind::Date => (KindName::Date, None),
            AttributeKind::Enumeration { codes } => (KindName::Enumeration, Some(codes)),
            AttributeKind::String => (KindName::String, None),
            AttributeKind::Bytes => (KindName::Bytes, None),
        };
        Self {
            name: def.name,
            kind,
            codes,
        }
    }
}

impl TryFrom<AttributeDefWire> for AttributeDef {
    type Error = CredentialError;

    fn try_from(w: AttributeDefWire) -> Result<Self> {
        let kind = match (w.kind, w.codes) {
            (KindName::Enumeration, Some(codes)) => AttributeKind::Enumeration { codes },
            (KindName::Enumeration, None) => {
                return Err(CredentialError::MalformedJson(format!(
                    "enumeration '{}' needs \"codes\"",
                    w.name
                )))
            }
            (_, Some(_)) => {
                return Err(CredentialError::MalformedJson(format!(
                    "attribute '{}': \"codes\" is only allowed for enumerations",
                    w.name
                )))
            }
            (KindName::Integer, None) => AttributeKind::Integer,
            (KindName::Date, None) => AttributeKind::Date,
            (KindName::String, None) => AttributeKind::String,
            (KindName::Bytes, None) => AttributeKind::Bytes,
        };
        Ok(AttributeDef { name: w.name, kind })
    }
}

/// A credential schema: name, schema version, attributes; with its derived [`SchemaId`].
/// Immutable once built, so the id always matches the content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schema {
    id: SchemaId,
    name: String,
    schema_version: u32,
    attributes: Vec<AttributeDef>,
    issuer_hiding: bool,
}

impl Schema {
    /// Validates and builds a schema. Rules: the name is 1-128 characters `a-z 0-9 . _ -`
    /// starting with a letter; attribute names are 1-64 characters `a-z 0-9 _` starting with
    /// a letter, unique, and not one of [`TRAILING_ATTRIBUTES`]; at most [`MAX_ATTRIBUTES`];
    /// every enumeration has 1..=[`MAX_ENUM_LABELS`] labels, labels of 1-128 printable
    /// characters, unique labels, unique codes `<=` [`MAX_ENUM_CODE`].
    pub fn new(
        name: impl Into<String>,
        schema_version: u32,
        attributes: Vec<AttributeDef>,
    ) -> Result<Self> {
        let name = name.into();
        if !is_schema_name(&name) {
            return Err(CredentialError::InvalidSchemaName(name));
        }
        if attributes.len() > MAX_ATTRIBUTES {
            return Err(CredentialError::TooManyAttributes {
                max: MAX_ATTRIBUTES,
                got: attributes.len(),
            });
        }
        let mut seen = HashSet::new();
        for attr in &attributes {
            validate_attribute(attr)?;
            if !seen.insert(attr.name.as_str()) {
                return Err(CredentialError::DuplicateAttribute(attr.name.clone()));
            }
        }
        let id = SchemaId(
            Sha256::digest(canonical_bytes(&name, schema_version, &attributes, false)).into(),
        );
        Ok(Self {
            id,
            name,
            schema_version,
            attributes,
            issuer_hiding: false,
        })
    }

    /// The same schema with issuer hiding: credentials carry the schema message (see the
    /// module docs), so presentations may hide their issuer. A new id (the flag is hashed).
    pub fn with_issuer_hiding(mut self) -> Self {
        self.issuer_hiding = true;
        self.id = SchemaId(Sha256::digest(self.canonical_bytes()).into());
        self
    }

    /// Whether credentials of this schema carry the schema message (issuer hiding).
    pub fn issuer_hiding(&self) -> bool {
        self.issuer_hiding
    }

    /// Index of the schema message (`n + 2`), for schemas with issuer hiding.
    pub fn schema_message_index(&self) -> Option<usize> {
        self.issuer_hiding.then(|| self.attributes.len() + 2)
    }

    /// The derived id.
    pub fn id(&self) -> &SchemaId {
        &self.id
    }

    /// The name, e.g. `vn.commune.identity`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The schema's own version number (not the JSON format version).
    pub fn schema_version(&self) -> u32 {
        self.schema_version
    }

    /// The schema-defined attributes, in message order (without the trailing three).
    pub fn attributes(&self) -> &[AttributeDef] {
        &self.attributes
    }

    /// The schema-defined attribute `name` (not the trailing three).
    pub fn attribute(&self, name: &str) -> Option<&AttributeDef> {
        self.attributes.iter().find(|a| a.name == name)
    }

    /// The schema-defined attribute `name`, or [`CredentialError::UnknownAttribute`].
    pub fn require_attribute(&self, name: &str) -> Result<&AttributeDef> {
        self.attribute(name)
            .ok_or_else(|| CredentialError::UnknownAttribute {
                attribute: name.to_owned(),
                schema: self.name.clone(),
            })
    }

    /// The BBS message index of `name`: a schema attribute, or one of `issued_on`,
    /// `expires_on`, `holder_secret` (see the module docs for the layout).
    pub fn index_of(&self, name: &str) -> Option<usize> {
        if name == HOLDER_SECRET {
            return Some(self.holder_secret_index());
        }
        self.attributes
            .iter()
            .position(|a| a.name == name)
            .or_else(|| {
                TRAILING_ATTRIBUTES
                    .iter()
                    .position(|t| *t == name)
                    .map(|i| self.attributes.len() + i)
            })
    }

    /// The number of BBS messages of a credential: attributes + 3 (+ 1, the schema message,
    /// with issuer hiding).
    pub fn message_count(&self) -> usize {
        self.attributes.len() + TRAILING_ATTRIBUTES.len() + usize::from(self.issuer_hiding)
    }

    /// Index of `issued_on`.
    pub fn issued_on_index(&self) -> usize {
        self.attributes.len()
    }

    /// Index of `expires_on`.
    pub fn expires_on_index(&self) -> usize {
        self.attributes.len() + 1
    }

    /// Index of `holder_secret` (the last message).
    pub fn holder_secret_index(&self) -> usize {
        self.attributes.len() + 2 + usize::from(self.issuer_hiding)
    }

    /// The BBS header of this schema's credentials ([`SchemaId::bbs_header`]).
    pub fn bbs_header(&self) -> Vec<u8> {
        self.id.bbs_header()
    }

    /// The bytes the id hashes. With `lp(x) = u32_be(len(x)) || x`:
    /// `"zkcred/schema-id/v1" || lp(name) || u32_be(schema_version) || u32_be(n)` then per
    /// attribute `lp(name) || tag` (1 integer, 2 date, 3 enumeration, 4 string, 5 bytes) and,
    /// for an enumeration, `u32_be(count)` and per label, sorted by code,
    /// `lp(label) || u64_be(code)`; with issuer hiding, then `lp("issuer_hiding")` (absent
    /// otherwise, so ids of schemas without it are unchanged). The order of labels in the
    /// document does not change the id.
    pub fn canonical_bytes(&self) -> Vec<u8> {
        canonical_bytes(
            &self.name,
            self.schema_version,
            &self.attributes,
            self.issuer_hiding,
        )
    }
}

/// See [`Schema::canonical_bytes`]. Lengths fit in `u32`: names and labels are bounded.
fn canonical_bytes(
    name: &str,
    schema_version: u32,
    attributes: &[AttributeDef],
    issuer_hiding: bool,
) -> Vec<u8> {
    fn lp(out: &mut Vec<u8>, bytes: &[u8]) {
        out.extend_from_slice(&(bytes.len() as u32).to_be_bytes());
        out.extend_from_slice(bytes);
    }
    let mut out = SCHEMA_ID_DOMAIN.to_vec();
    lp(&mut out, name.as_bytes());
    out.extend_from_slice(&schema_version.to_be_bytes());
    out.extend_from_slice(&(attributes.len() as u32).to_be_bytes());
    for attr in attributes {
        lp(&mut out, attr.name.as_bytes());
        out.push(attr.kind.tag());
        if let AttributeKind::Enumeration { codes } = &attr.kind {
            let mut sorted: Vec<&EnumLabel> = codes.iter().collect();
            sorted.sort_by_key(|c| c.code);
            out.extend_from_slice(&(sorted.len() as u32).to_be_bytes());
            for c in sorted {
                lp(&mut out, c.label.as_bytes());
                out.extend_from_slice(&c.code.to_be_bytes());
            }
        }
    }
    if issuer_hiding {
        lp(&mut out, ISSUER_HIDING_TAG);
    }
    out
}

/// `[a-z][a-z0-9._-]{0,127}`.
fn is_schema_name(name: &str) -> bool {
    let b = name.as_bytes();
    (1..=128).contains(&b.len())
        && b[0].is_ascii_lowercase()
        && b.iter()
            .all(|&c| c.is_ascii_lowercase() || c.is_ascii_digit() || b"._-".contains(&c))
}

/// `[a-z][a-z0-9_]{0,63}`.
fn is_attribute_name(name: &str) -> bool {
    let b = name.as_bytes();
    (1..=64).contains(&b.len())
        && b[0].is_ascii_lowercase()
        && b.iter()
            .all(|&c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_')
}

/// Name rules and, for enumerations, label and code rules.
fn validate_attribute(attr: &AttributeDef) -> Result<()> {
    if !is_attribute_name(&attr.name) {
        return Err(CredentialError::InvalidAttributeName(attr.name.clone()));
    }
    if TRAILING_ATTRIBUTES.contains(&attr.name.as_str()) {
        return Err(CredentialError::ReservedAttributeName(attr.name.clone()));
    }
    let AttributeKind::Enumeration { codes } = &attr.kind else {
        return Ok(());
    };
    if codes.is_empty() {
        return Err(CredentialError::EmptyEnumeration(attr.name.clone()));
    }
    if codes.len() > MAX_ENUM_LABELS {
        return Err(CredentialError::TooManyEnumLabels {
            attribute: attr.name.clone(),
            max: MAX_ENUM_LABELS,
            got: codes.len(),
        });
    }
    let mut labels = HashSet::new();
    let mut values = HashSet::new();
    for c in codes {
        check_text(&c.label, 128).map_err(|problem| CredentialError::InvalidEnumLabel {
            attribute: attr.name.clone(),
            label: c.label.clone(),
            problem,
        })?;
        if c.code > MAX_ENUM_CODE {
            return Err(CredentialError::EnumCodeOutOfRange(c.code));
        }
        if !labels.insert(c.label.as_str()) {
            return Err(CredentialError::DuplicateEnumLabel {
                attribute: attr.name.clone(),
                label: c.label.clone(),
            });
        }
        if !values.insert(c.code) {
            return Err(CredentialError::DuplicateEnumCode {
                attribute: attr.name.clone(),
                code: c.code,
            });
        }
    }
    Ok(())
}

/// JSON form of [`Schema`].
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchemaWire {
    /// Format version, 1.
    pub version: u64,
    /// The derived id; optional when reading (checked if present), always written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<SchemaId>,
    /// The schema name.
    pub name: String,
    /// The schema's own version.
    pub schema_version: u32,
    /// The attributes in message order.
    pub attributes: Vec<AttributeDef>,
    /// Issuer hiding (the schema message in every credential); `false` when absent, written
    /// only when `true`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub issuer_hiding: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl JsonDocument for Schema {
    type Wire = SchemaWire;

    fn to_wire(&self) -> SchemaWire {
        SchemaWire {
            version: FORMAT_VERSION,
            id: Some(self.id),
            name: self.name.clone(),
            schema_version: self.schema_version,
            attributes: self.attributes.clone(),
            issuer_hiding: self.issuer_hiding,
        }
    }

    fn from_wire(w: SchemaWire) -> Result<Self> {
        check_version(w.version)?;
        let mut schema = Schema::new(w.name, w.schema_version, w.attributes)?;
        if w.issuer_hiding {
            schema = schema.with_issuer_hiding();
        }
        match w.id {
            Some(stated) if stated != schema.id => Err(CredentialError::SchemaIdMismatch {
                stated: stated.to_string(),
                derived: schema.id.to_string(),
            }),
            _ => Ok(schema),
        }
    }
}

impl_serde_via_wire!(Schema);
