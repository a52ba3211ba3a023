//! [`CredentialError`]: every failure of the credential layer, one line each.

use super::json::clip;
use super::text::{with_article, TextError};
use thiserror::Error;

/// Everything that can go wrong when building schemas, encoding attributes, loading JSON
/// documents, checking issuers or recording nonces. Nothing in the credential layer panics on
/// untrusted input; it returns one of these.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum CredentialError {
    /// Text that is not JSON, or JSON of the wrong shape (missing or unknown field, wrong type).
    #[error("malformed JSON: {0}")]
    MalformedJson(String),
    /// An id (schema id, issuer id, nonce) that is not hex of the right length.
    #[error("invalid {what}: {reason}")]
    InvalidId {
        /// What was being parsed.
        what: &'static str,
        /// Why it was refused.
        reason: String,
    },
    /// A JSON document longer than the library reads for its kind
    /// ([`crate::credential::MAX_DOCUMENT_BYTES`] unless the document sets its own), refused
    /// before it is parsed.
    #[error("document of {got} bytes is larger than the {max} bytes allowed")]
    DocumentTooLarge {
        /// The limit in bytes.
        max: usize,
        /// The document's length in bytes.
        got: usize,
    },
    /// A document listing more items of a kind than the library accepts (credentials or
    /// predicate attachments of a presentation, keys of a key set), refused before any item
    /// is decoded.
    #[error("{got} {what}, more than the {max} allowed")]
    TooManyItems {
        /// What was counted.
        what: &'static str,
        /// The limit.
        max: usize,
        /// The number given.
        got: usize,
    },
    /// A predicate key set that lists the same circuit twice (each listing would be
    /// decoded and checked by the holder again).
    #[error("circuit {0} is listed more than once in the key set")]
    DuplicateCircuit(String),
    /// A wallet credential whose signature does not verify over its attributes, dates,
    /// nym secret and the wallet's holder secret: the wallet file was edited or corrupted.
    #[error("wallet credential {id} ({schema} from {issuer}): {reason}")]
    CorruptCredential {
        /// The credential's id in the wallet.
        id: String,
        /// Its schema's name.
        schema: String,
        /// Its issuer's name (clipped).
        issuer: String,
        /// What failed.
        reason: String,
    },
    /// A JSON document without a numeric `"version"` field.
    #[error("missing format version (a \"version\" number field is required)")]
    MissingVersion,
    /// A JSON document of a format version this library does not read.
    #[error("unsupported format version {0}")]
    UnsupportedVersion(u64),

    /// A schema name outside the allowed charset or length.
    #[error(
        "invalid schema name '{}': use 1-128 characters a-z 0-9 . _ -, starting with a letter",
        clip(.0)
    )]
    InvalidSchemaName(String),
    /// An attribute name outside the allowed charset or length.
    #[error(
        "invalid attribute name '{}': use 1-64 characters a-z 0-9 _, starting with a letter",
        clip(.0)
    )]
    InvalidAttributeName(String),
    /// A schema attribute that uses one of the fixed trailing attribute names.
    #[error(
        "attribute name '{}' is reserved (issued_on, expires_on, holder_secret are implicit)",
        clip(.0)
    )]
    ReservedAttributeName(String),
    /// Two schema attributes with the same name.
    #[error(
        "duplicate attribute '{}'",
        clip(.0)
    )]
    DuplicateAttribute(String),
    /// A schema with more attributes than [`crate::credential::MAX_ATTRIBUTES`].
    #[error("schema has {got} attributes, more than the {max} allowed")]
    TooManyAttributes {
        /// The limit.
        max: usize,
        /// The number given.
        got: usize,
    },
    /// An enumeration attribute without any label.
    #[error(
        "enumeration '{}' has no labels",
        clip(.0)
    )]
    EmptyEnumeration(String),
    /// An enumeration with more labels than [`crate::credential::MAX_ENUM_LABELS`].
    #[error(
        "enumeration '{}' has {} labels, more than the {} allowed",
        clip(.attribute), .got, .max
    )]
    TooManyEnumLabels {
        /// The attribute.
        attribute: String,
        /// The limit.
        max: usize,
        /// The number given.
        got: usize,
    },
    /// An enumeration label that is empty, too long, or contains a control, bidirectional
    /// formatting or invisible character ([`super::text::check_text`]).
    #[error(
        "invalid label '{}' in enumeration '{}': {}; use 1-128 printable characters",
        clip(.label), clip(.attribute), .problem
    )]
    InvalidEnumLabel {
        /// The attribute.
        attribute: String,
        /// The label.
        label: String,
        /// What is wrong with it.
        problem: TextError,
    },
    /// Two labels of one enumeration that are equal.
    #[error(
        "duplicate label '{}' in enumeration '{}'",
        clip(.label), clip(.attribute)
    )]
    DuplicateEnumLabel {
        /// The attribute.
        attribute: String,
        /// The label.
        label: String,
    },
    /// Two labels of one enumeration with the same code.
    #[error(
        "duplicate code {} in enumeration '{}'",
        .code, clip(.attribute)
    )]
    DuplicateEnumCode {
        /// The attribute.
        attribute: String,
        /// The code.
        code: u64,
    },
    /// An enumeration code above [`crate::credential::MAX_ENUM_CODE`] (2^63 − 1), which the
    /// integer encoding cannot represent.
    #[error("enumeration code {0} exceeds the maximum 2^63 - 1")]
    EnumCodeOutOfRange(u64),
    /// A schema document whose `id` is not the id derived from its content.
    #[error("schema id mismatch: the document says {stated}, its content hashes to {derived}")]
    SchemaIdMismatch {
        /// The id written in the document.
        stated: String,
        /// The id derived from name, version and attributes.
        derived: String,
    },

    /// An attribute name that the schema does not define.
    #[error(
        "unknown attribute '{}' for schema '{}'",
        clip(.attribute), clip(.schema)
    )]
    UnknownAttribute {
        /// The attribute name.
        attribute: String,
        /// The schema name.
        schema: String,
    },
    /// A schema attribute without a value in a credential.
    #[error(
        "missing attribute '{}' for schema '{}'",
        clip(.attribute), clip(.schema)
    )]
    MissingAttribute {
        /// The attribute name.
        attribute: String,
        /// The schema name.
        schema: String,
    },
    /// A value of another kind than the schema defines for its attribute.
    #[error(
        "attribute '{}' expects {} value, got {} value",
        clip(.attribute), with_article(.expected), with_article(.got)
    )]
    KindMismatch {
        /// The attribute name.
        attribute: String,
        /// The kind the schema defines.
        expected: &'static str,
        /// The kind of the value given.
        got: &'static str,
    },
    /// An enumeration label that the schema does not list.
    #[error(
        "unknown label '{}' for enumeration '{}'",
        clip(.label), clip(.attribute)
    )]
    UnknownEnumLabel {
        /// The attribute.
        attribute: String,
        /// The label.
        label: String,
    },
    /// A scalar that is the encoding of no valid value of the attribute's kind.
    #[error(
        "scalar of attribute '{}' encodes no valid value of its kind",
        clip(.0)
    )]
    InvalidScalar(String),
    /// A string or bytes attribute, whose scalar is a hash: the raw value must be disclosed
    /// and checked with [`crate::credential::check_disclosed`].
    #[error(
        "attribute '{}' is hashed (string/bytes): its value cannot be decoded from the scalar",
        clip(.0)
    )]
    NotDecodable(String),
    /// A disclosed raw value that does not encode to the signed scalar.
    #[error(
        "disclosed value of attribute '{}' does not match its signed scalar",
        clip(.0)
    )]
    DisclosedValueMismatch(String),
    /// A date that is not a valid `YYYY-MM-DD` proleptic Gregorian date in range.
    #[error(
        "invalid date '{}': expected YYYY-MM-DD, a valid date in years -1000000..=1000000",
        clip(.0)
    )]
    InvalidDate(String),
    /// A timestamp that is not RFC 3339 UTC `YYYY-MM-DDTHH:MM:SSZ` in 1970..=9999, or a clock
    /// outside that range ([`super::timestamp`]). The message quotes the input clipped.
    #[error("invalid timestamp {0}")]
    InvalidTimestamp(String),
    /// A presentation request window that is empty, inverted or longer than
    /// [`super::window::MAX_REQUEST_LIFETIME`].
    #[error("invalid request window: {0}")]
    InvalidRequestWindow(String),
    /// A presentation request of format version 1: it carries a `date`, not the validity
    /// window that requests now carry.
    #[error(
        "presentation request version 1 carries a date: requests now carry made_at and \
         valid_until (UTC, version 2); ask the verifier for a new request"
    )]
    DatedRequest,
    /// A credential whose expiry is before its issuance.
    #[error("credential expires ({expires_on}) before it is issued ({issued_on})")]
    InvalidValidity {
        /// `issued_on` as `YYYY-MM-DD`.
        issued_on: String,
        /// `expires_on` as `YYYY-MM-DD`.
        expires_on: String,
    },
    /// A credential used with a schema whose id differs from the credential's `schema_id`.
    #[error("credential is for schema {credential}, not for schema {schema}")]
    SchemaMismatch {
        /// The credential's schema id.
        credential: String,
        /// The id of the schema given.
        schema: String,
    },

    /// An issuer name that is empty, too long, or contains a control, bidirectional
    /// formatting or invisible character ([`super::text::check_text`]).
    #[error(
        "invalid issuer name '{}': {}; use 1-256 printable characters (no control, \
         bidirectional or invisible ones)",
        clip(.name), .problem
    )]
    InvalidIssuerName {
        /// The name given.
        name: String,
        /// What is wrong with it.
        problem: TextError,
    },
    /// A jurisdiction display name that is empty, too long, or contains a control,
    /// bidirectional formatting or invisible character ([`super::text::check_text`]).
    #[error(
        "invalid jurisdiction name '{}': {}; use 1-256 printable characters (no control, \
         bidirectional or invisible ones)",
        clip(.name), .problem
    )]
    InvalidJurisdictionName {
        /// The name given.
        name: String,
        /// What is wrong with it.
        problem: TextError,
    },
    /// A jurisdiction code that is not `SEG(-SEG)*` with segments of A-Z 0-9.
    #[error(
        "invalid jurisdiction code '{}': use segments of A-Z 0-9 joined by '-', e.g. VN-44",
        clip(.0)
    )]
    InvalidJurisdiction(String),
    /// An issuer document whose `id` is not derived from its public key and suite.
    #[error("issuer id mismatch: the document says {stated}, the public key gives {derived}")]
    IssuerIdMismatch {
        /// The id written in the document.
        stated: String,
        /// The id derived from the suite and public key.
        derived: String,
    },
    /// An issuer key file whose secret key does not belong to its public key.
    #[error("the secret key does not match the issuer's public key")]
    KeyMismatch,
    /// The same issuer listed twice in a trust registry.
    #[error("issuer {0} is listed more than once")]
    DuplicateIssuer(String),
    /// An issuer id that the trust registry does not list (when changing its authorisations).
    #[error("issuer {0} is not in the trust registry")]
    UnknownIssuer(String),
    /// A version-1 trust registry: it lists no schema authorisations, and reading it as
    /// "authorised for everything" would let any listed issuer issue any schema.
    #[error(
        "trust registry version 1 has no schema authorisations: re-create it as version 2 \
         with the schemas each issuer may issue (zkcred registry add --schema)"
    )]
    RegistryWithoutAuthorisations,

    /// A refused hidden-issuer set (issue 11).
    #[error(transparent)]
    HiddenIssuer(super::hidden_set::HiddenIssuerError),

    /// A refused verifier identity, verifier registry or signed request.
    #[error(transparent)]
    RequestAuth(#[from] super::request_auth_error::RequestAuthError),
    /// A replayed or unusable nonce.
    #[error(transparent)]
    Replay(#[from] ReplayError),
    /// An error of the BBS layer.
    #[error("BBS: {0}")]
    Bbs(#[from] zkcred_bbs::Error),
}

/// Why a nonce was refused by a [`crate::credential::NonceStore`].
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum ReplayError {
    /// The verifier has seen this nonce before.
    #[error(
        "replayed nonce for verifier '{}'",
        clip(.0)
    )]
    Replayed(String),
    /// A nonce shorter or longer than the store accepts.
    #[error("nonce of {got} bytes: expected {min}..={max} bytes")]
    InvalidLength {
        /// Shortest accepted length.
        min: usize,
        /// Longest accepted length.
        max: usize,
        /// Length given.
        got: usize,
    },
    /// The store holds as many nonces as it may; it refuses rather than forget one.
    #[error("nonce store is full ({0} nonces)")]
    StoreFull(usize),
    /// The store's lock was poisoned by a panic in another thread.
    #[error("nonce store is unavailable (lock poisoned)")]
    Unavailable,
}

/// Result of the credential layer.
pub type Result<T, E = CredentialError> = core::result::Result<T, E>;
