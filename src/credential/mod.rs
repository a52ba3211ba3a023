//! The credential layer: schemas, attribute encoding, issuers, trust registries, nonces and
//! credentials, with their versioned JSON formats (`docs/FORMATS.md`).
//!
//! A credential of a [`Schema`] is a BBS signature over the schema's attributes encoded as
//! scalars ([`encode`]), then `issued_on`, `expires_on` and the holder secret; its header is
//! `"zkcred/credential/v1" || schema id`, so the signature fixes how every value is encoded.
//! See [`schema`] for the message layout and [`encoding`] for the encodings.
//!
//! ```
//! use std::collections::BTreeMap;
//! use zkcred::credential::{
//!     AttributeDef, AttributeKind, AttributeValue, EnumLabel, JsonDocument, Schema,
//! };
//!
//! let schema = Schema::new(
//!     "vn.commune.identity",
//!     1,
//!     vec![
//!         AttributeDef::new("full_name", AttributeKind::String),
//!         AttributeDef::new("birth_date", AttributeKind::Date),
//!         AttributeDef::new(
//!             "province",
//!             AttributeKind::Enumeration { codes: vec![EnumLabel::new("an_giang", 89)] },
//!         ),
//!     ],
//! )?;
//! assert_eq!(schema.message_count(), 6);
//! assert_eq!(schema.index_of("birth_date"), Some(1));
//! assert_eq!(schema.index_of("holder_secret"), Some(5));
//! let again = Schema::from_json(&schema.to_json()?)?;
//! assert_eq!(again.id(), schema.id());
//! # Ok::<(), zkcred::credential::CredentialError>(())
//! ```

#![warn(missing_docs)]

#[allow(clippy::module_inception)]
mod credential;
pub mod date;
#[cfg(test)]
mod display_text_tests;
pub mod encoding;
pub mod error;
#[cfg(test)]
mod hex_case_tests;
pub mod hidden_proof;
pub mod hidden_set;
pub mod holder;
pub mod issuance;
pub mod issuer;
pub mod json;
pub mod keyset;
pub mod link;
pub mod nonce;
pub mod presentation;
pub mod presentation_error;
mod prover;
pub mod pseudonym_context;
pub mod registry;
pub mod request;
pub mod request_auth_error;
pub mod request_spec;
pub mod schema;
pub mod signed_request;
pub mod text;
pub mod timestamp;
pub mod validity;
pub mod value;
pub mod verifier;
pub mod verifier_identity;
pub mod verifier_registry;
pub mod verify_result;
pub mod window;

pub use credential::{credential_messages, signer_messages, Credential, CredentialWire};
pub use date::{format_date, parse_date};
pub use encoding::{
    check_disclosed, decode_disclosed, encode, encode_date_scalar, encode_enum_code, encode_integer,
};
pub use error::{CredentialError, ReplayError, Result};
pub use hidden_proof::HiddenIssuerPart;
pub use hidden_set::{
    check_set_accepted, hidden_keys, resolve_hidden_set, HiddenIssuerError, MAX_HIDDEN_SET,
};
pub use holder::{CredentialId, PendingIssuance, StoredCredential, Wallet, MAX_WALLET_BYTES};
pub use issuance::{
    message_context, CredentialContent, HolderSecret, IssuanceId, IssuanceRequest, IssuedCredential,
};
pub use issuer::{Issuer, IssuerId, IssuerKeyFile, IssuerPublicInfo, IssuerTier, Jurisdiction};
pub use json::{clip, JsonDocument, FORMAT_VERSION, MAX_DOCUMENT_BYTES, MAX_QUOTED_CHARS};
pub use keyset::{
    CircuitKeys, PredicateKeySet, VerifierSetup, MAX_CIRCUIT_KEYS, MAX_KEY_SET_BYTES,
};
pub use link::LinkCommitment;
pub use nonce::{InMemoryNonceStore, Nonce, NonceStore};
pub use presentation::{
    CredentialProof, Presentation, PresentationShape, MAX_ATTACHMENTS_PER_CREDENTIAL,
    MAX_PRESENTATION_CREDENTIALS,
};
pub use presentation_error::{PresentationError, PresentationResult};
pub use pseudonym_context::pseudonym_context_id;
pub use registry::{AcceptedIssuers, TrustRegistry, MAX_REGISTRY_BYTES, REGISTRY_VERSION};
pub use request::{
    AttributePredicate, CompareOp, CredentialRequest, PredicateSpec, PresentationRequest,
    RequestId, REQUEST_VERSION,
};
pub use request_auth_error::RequestAuthError;
pub use request_spec::{CredentialSpec, RequestSpec, SpecError, REQUEST_SPEC_VERSION};
pub use schema::{
    schema_message_scalar, AttributeDef, AttributeKind, EnumLabel, Schema, SchemaId, EXPIRES_ON,
    HOLDER_SECRET, ISSUED_ON, MAX_ATTRIBUTES, MAX_ENUM_CODE, MAX_ENUM_LABELS, TRAILING_ATTRIBUTES,
};
pub use signed_request::SignedRequest;
pub use text::{check_text, TextError};
pub use timestamp::Timestamp;
pub use value::AttributeValue;
pub use verifier::{HeldPredicate, VerifiedPresentation, Verifier};
pub use verifier_identity::{VerifierKey, VerifierPublicInfo};
pub use verifier_registry::VerifierRegistry;
pub use verify_result::{
    ResultCredential, ResultHiddenIssuer, ResultIssuer, ResultPredicate, VerifyResult,
    VERIFY_RESULT_VERSION,
};
pub use window::{RequestWindow, CLOCK_SKEW, MAX_REQUEST_LIFETIME};
pub use zkcred_circuits::Date;
