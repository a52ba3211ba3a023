//! [`Credential`]: a signed set of attribute values of one schema, held by the holder; and
//! [`credential_messages`], the BBS message scalars it is signed over.

use super::date::date_text;
use super::date::format_date;
use super::encoding::{encode, encode_date_scalar};
use super::error::{CredentialError, Result};
use super::issuer::IssuerId;
use super::json::{check_version, impl_serde_via_wire, JsonDocument, FORMAT_VERSION};
use super::schema::{schema_message_scalar, Schema, SchemaId};
use super::value::AttributeValue;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use zeroize::Zeroizing;
use zkcred_bbs::{Bbs, Signature};
use zkcred_circuits::{Date, Fr};

/// A credential as the holder stores it: which schema and issuer, the attribute values, the
/// validity dates and the BBS signature. The holder secret (the last signed message) is not
/// part of it: the wallet keeps it once for all its credentials.
///
/// The signature is over [`credential_messages`] with the header
/// [`SchemaId::bbs_header`] of `schema_id`. A versioned JSON document (`docs/FORMATS.md`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credential {
    /// The schema of the attributes.
    pub schema_id: SchemaId,
    /// The issuer that signed it.
    pub issuer_id: IssuerId,
    /// The schema attributes by name (every schema attribute, no other).
    pub attributes: BTreeMap<String, AttributeValue>,
    /// The first day of validity.
    pub issued_on: Date,
    /// The last day of validity (not before `issued_on`).
    pub expires_on: Date,
    /// The issuer's BBS signature.
    pub signature: Signature,
}

impl Credential {
    /// The BBS header of the signature: `"zkcred/credential/v1" || schema_id`.
    pub fn bbs_header(&self) -> Vec<u8> {
        self.schema_id.bbs_header()
    }

    /// The value of attribute `name`, if present.
    pub fn value(&self, name: &str) -> Option<&AttributeValue> {
        self.attributes.get(name)
    }

    /// The messages the issuer signed ([`signer_messages`]): attributes, `issued_on`,
    /// `expires_on`; checks that `schema` is the credential's schema.
    pub fn signer_messages(&self, schema: &Schema, bbs: &Bbs) -> Result<Vec<Fr>> {
        if *schema.id() != self.schema_id {
            return Err(CredentialError::SchemaMismatch {
                credential: self.schema_id.to_string(),
                schema: schema.id().to_string(),
            });
        }
        signer_messages(
            schema,
            bbs,
            &self.attributes,
            self.issued_on,
            self.expires_on,
        )
    }

    /// The BBS messages of this credential in the layout of [`super::schema`] (attributes,
    /// `issued_on`, `expires_on`, `holder_secret`); checks that `schema` is the credential's
    /// schema and that the attributes match it. Zeroized on drop (it holds the holder secret).
    pub fn messages(
        &self,
        schema: &Schema,
        bbs: &Bbs,
        holder_secret: &Fr,
    ) -> Result<Zeroizing<Vec<Fr>>> {
        if *schema.id() != self.schema_id {
            return Err(CredentialError::SchemaMismatch {
                credential: self.schema_id.to_string(),
                schema: schema.id().to_string(),
            });
        }
        credential_messages(
            schema,
            bbs,
            &self.attributes,
            self.issued_on,
            self.expires_on,
            holder_secret,
        )
    }
}

/// The logical BBS message scalars of a credential of `schema`: each schema attribute's value
/// encoded by its kind (in schema order), then `issued_on`, `expires_on` (dates) and
/// `holder_secret` (the last message). Fails on a missing or unknown attribute, a value of the
/// wrong kind, an unknown enumeration label, or `expires_on < issued_on`.
///
/// Issued credentials ([`super::issuance`]) are pseudonym-draft blind signatures: the issuer
/// signs the first `n + 2` of these ([`signer_messages`]) and the holder secret is a committed
/// message (combined index `n + 3`, after the prover blind at `n + 2`).
pub fn credential_messages(
    schema: &Schema,
    bbs: &Bbs,
    attributes: &BTreeMap<String, AttributeValue>,
    issued_on: Date,
    expires_on: Date,
    holder_secret: &Fr,
) -> Result<Zeroizing<Vec<Fr>>> {
    let mut messages = Zeroizing::new(signer_messages(
        schema, bbs, attributes, issued_on, expires_on,
    )?);
    messages.push(*holder_secret);
    Ok(messages)
}

/// The messages the issuer signs itself: each schema attribute's value encoded by its kind (in
/// schema order), then `issued_on` and `expires_on`, then for a schema with issuer hiding the
/// schema message ([`super::schema::schema_message_scalar`]); `bbs` fixes the hashed encodings (for
/// issued credentials: [`super::issuance::message_context`], the pseudonym api_id). Same
/// checks as [`credential_messages`].
pub fn signer_messages(
    schema: &Schema,
    bbs: &Bbs,
    attributes: &BTreeMap<String, AttributeValue>,
    issued_on: Date,
    expires_on: Date,
) -> Result<Vec<Fr>> {
    check_validity(issued_on, expires_on)?;
    if let Some(unknown) = attributes.keys().find(|k| schema.attribute(k).is_none()) {
        return Err(CredentialError::UnknownAttribute {
            attribute: unknown.clone(),
            schema: schema.name().to_owned(),
        });
    }
    let mut messages = Vec::with_capacity(schema.message_count());
    for attr in schema.attributes() {
        let value =
            attributes
                .get(&attr.name)
                .ok_or_else(|| CredentialError::MissingAttribute {
                    attribute: attr.name.clone(),
                    schema: schema.name().to_owned(),
                })?;
        messages.push(encode(attr, value, bbs)?);
    }
    messages.push(encode_date_scalar(issued_on));
    messages.push(encode_date_scalar(expires_on));
    if schema.issuer_hiding() {
        messages.push(schema_message_scalar(bbs.suite(), schema.id())?);
    }
    Ok(messages)
}

/// `expires_on >= issued_on`.
fn check_validity(issued_on: Date, expires_on: Date) -> Result<()> {
    if expires_on < issued_on {
        return Err(CredentialError::InvalidValidity {
            issued_on: format_date(issued_on),
            expires_on: format_date(expires_on),
        });
    }
    Ok(())
}

/// JSON form of [`Credential`].
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CredentialWire {
    /// Format version, 1.
    pub version: u64,
    /// Schema id, hex.
    pub schema_id: SchemaId,
    /// Issuer id, hex.
    pub issuer_id: IssuerId,
    /// Attribute values by name.
    pub attributes: BTreeMap<String, AttributeValue>,
    /// `YYYY-MM-DD`.
    #[serde(with = "date_text")]
    pub issued_on: Date,
    /// `YYYY-MM-DD`.
    #[serde(with = "date_text")]
    pub expires_on: Date,
    /// The BBS signature, hex of its 80 octets.
    pub signature: Signature,
}

impl JsonDocument for Credential {
    type Wire = CredentialWire;

    fn to_wire(&self) -> CredentialWire {
        CredentialWire {
            version: FORMAT_VERSION,
            schema_id: self.schema_id,
            issuer_id: self.issuer_id,
            attributes: self.attributes.clone(),
            issued_on: self.issued_on,
            expires_on: self.expires_on,
            signature: self.signature,
        }
    }

    fn from_wire(w: CredentialWire) -> Result<Self> {
        check_version(w.version)?;
        check_validity(w.issued_on, w.expires_on)?;
        Ok(Credential {
            schema_id: w.schema_id,
            issuer_id: w.issuer_id,
            attributes: w.attributes,
            issued_on: w.issued_on,
            expires_on: w.expires_on,
            signature: w.signature,
        })
    }
}

impl_serde_via_wire!(Credential);
