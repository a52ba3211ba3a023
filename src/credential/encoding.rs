//! Attribute values as BBS message scalars (DESIGN, "Encoding attributes as scalars").
//!
//! | kind | scalar |
//! |---|---|
//! | integer `x` | `x + 2^63` as a `u64` ([`zkcred_circuits::encode_i64`]) |
//! | date | its day count since 1970-01-01, as an integer: `days + 2^63` ([`zkcred_circuits::encode_date`]) |
//! | enumeration | its code from the schema, as an integer: `code + 2^63` ([`encode_enum_code`]) |
//! | string | MapMessageToScalarAsHash of the UTF-8 bytes ([`zkcred_bbs::Bbs::message_to_scalar`]) |
//! | bytes | MapMessageToScalarAsHash of the bytes |
//!
//! Enumerations use the integer encoding too, so every numeric attribute lives in the same
//! order-preserving `u64` space the circuits' [`zkcred_circuits::ValueDomain`]s describe
//! (codes are `0..=2^63−1`, so `code + 2^63` is `ValueDomain::signed(64)`'s upper half). A
//! set-membership predicate on an enumeration must therefore be given the encoded codes,
//! `encode_enum_code(code)`, as its set.
//!
//! Hashed kinds (string, bytes) are not invertible: a presentation that discloses one carries
//! the raw value, and the verifier checks it with [`check_disclosed`]. Numeric kinds are read
//! back with [`decode_disclosed`]. The hashed encodings depend on the `Bbs` context's api_id
//! (ciphersuite and interface): issuer, holder and verifier must use the same one.

use super::error::{CredentialError, Result};
use super::schema::{AttributeDef, AttributeKind, MAX_ENUM_CODE};
use super::value::AttributeValue;
use ark_ff::PrimeField;
use zkcred_bbs::Bbs;
use zkcred_circuits::{decode_i64, encode_date, encode_i64, Date, Fr};

/// The scalar of an integer attribute: `x + 2^63`.
pub fn encode_integer(x: i64) -> Fr {
    Fr::from(encode_i64(x))
}

/// The scalar of a date attribute: `days since 1970-01-01 + 2^63`.
pub fn encode_date_scalar(date: Date) -> Fr {
    Fr::from(encode_date(date))
}

/// An enumeration code as the `u64` that is signed: `code + 2^63` (the integer encoding).
/// Set-membership predicates on an enumeration take these values. Fails for codes above
/// [`MAX_ENUM_CODE`] (which no valid schema has).
pub fn encode_enum_code(code: u64) -> Result<u64> {
    let x = i64::try_from(code).map_err(|_| CredentialError::EnumCodeOutOfRange(code))?;
    Ok(encode_i64(x))
}

/// The scalar of `value` for the schema attribute `attr`; errors if the value's kind differs
/// from the attribute's or an enumeration label is unknown.
pub fn encode(attr: &AttributeDef, value: &AttributeValue, bbs: &Bbs) -> Result<Fr> {
    match (&attr.kind, value) {
        (AttributeKind::Integer, AttributeValue::Integer(x)) => Ok(encode_integer(*x)),
        (AttributeKind::Date, AttributeValue::Date(d)) => Ok(encode_date_scalar(*d)),
        (AttributeKind::Enumeration { .. }, AttributeValue::Enum(label)) => {
            let code = attr.enum_code(label)?;
            Ok(Fr::from(encode_enum_code(code)?))
        }
        (AttributeKind::String, AttributeValue::String(s)) => {
            Ok(bbs.message_to_scalar(s.as_bytes())?)
        }
        (AttributeKind::Bytes, AttributeValue::Bytes(b)) => Ok(bbs.message_to_scalar(b)?),
        (kind, value) => Err(CredentialError::KindMismatch {
            attribute: attr.name.clone(),
            expected: kind.name(),
            got: value.kind_name(),
        }),
    }
}

/// The value of a disclosed integer, date or enumeration attribute from its scalar. Fails
/// with [`CredentialError::InvalidScalar`] if the scalar encodes no value of the kind, and
/// with [`CredentialError::NotDecodable`] for strings and bytes (use [`check_disclosed`]).
pub fn decode_disclosed(attr: &AttributeDef, scalar: &Fr) -> Result<AttributeValue> {
    let invalid = || CredentialError::InvalidScalar(attr.name.clone());
    match &attr.kind {
        AttributeKind::String | AttributeKind::Bytes => {
            Err(CredentialError::NotDecodable(attr.name.clone()))
        }
        AttributeKind::Integer => {
            let u = scalar_to_u64(scalar).ok_or_else(invalid)?;
            Ok(AttributeValue::Integer(decode_i64(u)))
        }
        AttributeKind::Date => {
            let u = scalar_to_u64(scalar).ok_or_else(invalid)?;
            let date = Date::from_days(decode_i64(u)).map_err(|_| invalid())?;
            Ok(AttributeValue::Date(date))
        }
        AttributeKind::Enumeration { codes } => {
            let u = scalar_to_u64(scalar).ok_or_else(invalid)?;
            let code = u64::try_from(decode_i64(u)).map_err(|_| invalid())?;
            if code > MAX_ENUM_CODE {
                return Err(invalid());
            }
            codes
                .iter()
                .find(|c| c.code == code)
                .map(|c| AttributeValue::Enum(c.label.clone()))
                .ok_or_else(invalid)
        }
    }
}

/// Checks that the disclosed raw `value` of `attr` encodes to `scalar` (the signed message);
/// the way to check a disclosed string or bytes attribute, and valid for every kind.
pub fn check_disclosed(
    attr: &AttributeDef,
    value: &AttributeValue,
    scalar: &Fr,
    bbs: &Bbs,
) -> Result<()> {
    if encode(attr, value, bbs)? == *scalar {
        Ok(())
    } else {
        Err(CredentialError::DisclosedValueMismatch(attr.name.clone()))
    }
}

/// `w` as a `u64` if `w < 2^64`.
fn scalar_to_u64(w: &Fr) -> Option<u64> {
    let limbs = w.into_bigint().0;
    if limbs[1..].iter().all(|&l| l == 0) {
        Some(limbs[0])
    } else {
        None
    }
}
