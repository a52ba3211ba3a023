//! Blind issuance with per-verifier pseudonyms (the pseudonym draft's CommitWithNym /
//! BlindSignWithNym / VerifyFinalizeWithNym, N = 1).
//!
//! 1. The holder commits to its [`HolderSecret`] and one fresh prover nym:
//!    [`IssuanceRequest`] (the wallet keeps the prover blind and the prover nym, see
//!    [`super::holder::Wallet::request_issuance`]).
//! 2. The issuer checks the commitment's proof and signs the schema attributes, `issued_on` and
//!    `expires_on` together with the commitment and its own nym entropy:
//!    [`Issuer::issue`] → [`IssuedCredential`]. It never sees the holder secret.
//! 3. The holder finalizes: [`super::holder::Wallet::accept`].
//!
//! The signature is over the combined vector `(m_0..m_{n+1}, spb, holder_secret, nym_secret)`
//! with header `"zkcred/credential/v1" || schema id || I2OSP(1, 8)`; every string or bytes
//! attribute is mapped under the pseudonym api_id ([`message_context`]).

use super::credential::{signer_messages, Credential};
use super::date::date_text;
use super::issuer::Issuer;
use super::json::{check_version, impl_hex_id, impl_serde_via_wire, JsonDocument, FORMAT_VERSION};
use super::presentation_error::{PresentationError, PresentationResult};
use super::schema::{Schema, SchemaId};
use super::value::AttributeValue;
use crate::credential::error::Result;
use rand_core::{CryptoRng, RngCore};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};
use zkcred_bbs::octets::{scalar_from_bytes, scalar_to_bytes};
use zkcred_bbs::{Bbs, Ciphersuite, CommitmentWithProof, Interface, NymBbs, Scalar as Fr};
use zkcred_circuits::Date;

/// Number of nym secrets per credential (the draft's N).
pub const NYM_COUNT: usize = 1;
/// Number of committed messages: the holder secret.
pub const COMMITTED_COUNT: usize = 1;

/// The context that maps string and bytes attributes to scalars for issued credentials: the
/// core operations under the pseudonym api_id (`ciphersuite_id || "H2G_HM2S_PSEUDONYM_"`).
pub fn message_context(suite: Ciphersuite) -> PresentationResult<Bbs> {
    Ok(Bbs::with_interface(suite, Interface::Pseudonym, 1)?)
}

/// The pseudonym-BBS context credentials are signed and proven under.
pub fn nym_context(suite: Ciphersuite) -> NymBbs {
    NymBbs::new(suite)
}

/// The holder's secret: one random scalar per wallet, blind-signed into every credential and
/// never disclosed. Zeroized on drop; `Debug` prints nothing secret; hex (32 bytes) in JSON.
#[derive(Clone, Zeroize, ZeroizeOnDrop, PartialEq, Eq)]
pub struct HolderSecret(Fr);

impl HolderSecret {
    /// A fresh secret from the caller's RNG.
    pub fn random<R: RngCore + CryptoRng>(rng: &mut R) -> Self {
        Self(zkcred_bbs::hash::random_scalar(rng))
    }

    /// The scalar. Secret.
    pub fn scalar(&self) -> &Fr {
        &self.0
    }

    /// 32 bytes, big-endian. The caller must treat the bytes as secret.
    pub fn to_bytes(&self) -> Zeroizing<[u8; 32]> {
        Zeroizing::new(scalar_to_bytes(&self.0))
    }

    /// 32 bytes, a scalar in [1, r-1].
    pub fn from_bytes(bytes: &[u8]) -> PresentationResult<Self> {
        Ok(Self(scalar_from_bytes(bytes, "holder secret")?))
    }
}

impl core::fmt::Debug for HolderSecret {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("HolderSecret(<redacted>)")
    }
}

impl Serialize for HolderSecret {
    fn serialize<S: serde::Serializer>(&self, s: S) -> core::result::Result<S::Ok, S::Error> {
        let text = Zeroizing::new(hex::encode(&self.to_bytes()[..]));
        s.serialize_str(&text)
    }
}

impl<'de> Deserialize<'de> for HolderSecret {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> core::result::Result<Self, D::Error> {
        let text = Zeroizing::new(String::deserialize(d)?);
        let bytes = Zeroizing::new(hex::decode(&*text).map_err(serde::de::Error::custom)?);
        Self::from_bytes(&bytes).map_err(serde::de::Error::custom)
    }
}

/// Serde of a public scalar as 64 hex digits (zero allowed).
pub(crate) mod scalar_hex {
    use super::Fr;
    use serde::{Deserialize, Deserializer, Serializer};
    use zkcred_bbs::octets::{scalar_from_bytes_allow_zero, scalar_to_bytes};

    pub(crate) fn serialize<S: Serializer>(x: &Fr, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&hex::encode(scalar_to_bytes(x)))
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Fr, D::Error> {
        let text = String::deserialize(d)?;
        let bytes = hex::decode(text).map_err(serde::de::Error::custom)?;
        scalar_from_bytes_allow_zero(&bytes, "scalar").map_err(serde::de::Error::custom)
    }
}

/// Id of an issuance request: SHA-256 of `"zkcred/issuance/v1" || schema id || commitment
/// octets`; hex in JSON. The issued credential names it, so the wallet finds its pending blind.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IssuanceId([u8; 32]);

impl_hex_id!(IssuanceId, 32, "issuance id");

/// What the holder sends to an issuer: the schema it asks a credential of and a commitment to
/// its holder secret and one prover nym, with a proof of knowledge of the opening.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IssuanceRequest {
    /// The schema of the credential asked for.
    pub schema_id: SchemaId,
    /// CommitWithNym over `[holder_secret]` and one prover nym.
    pub commitment: CommitmentWithProof,
}

impl IssuanceRequest {
    /// The request's id.
    pub fn id(&self) -> IssuanceId {
        let mut h = Sha256::new();
        h.update(b"zkcred/issuance/v1");
        h.update(self.schema_id.as_bytes());
        h.update(self.commitment.to_bytes());
        IssuanceId(h.finalize().into())
    }
}

/// JSON form of [`IssuanceRequest`].
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IssuanceRequestWire {
    /// Format version, 1.
    pub version: u64,
    /// Schema id, hex.
    pub schema_id: SchemaId,
    /// The commitment with proof, hex of `C || s^ || m^_1 || m^_2 || c` (176 bytes).
    pub commitment: CommitmentWithProof,
}

impl JsonDocument for IssuanceRequest {
    type Wire = IssuanceRequestWire;

    fn to_wire(&self) -> IssuanceRequestWire {
        IssuanceRequestWire {
            version: FORMAT_VERSION,
            schema_id: self.schema_id,
            commitment: self.commitment.clone(),
        }
    }

    fn from_wire(w: IssuanceRequestWire) -> Result<Self> {
        check_version(w.version)?;
        Ok(Self {
            schema_id: w.schema_id,
            commitment: w.commitment,
        })
    }
}

impl_serde_via_wire!(IssuanceRequest);

/// What the issuer sends back: the credential (attributes, dates, signature) and its nym
/// entropy, which the holder adds to its prover nym.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IssuedCredential {
    /// The issuance request this answers.
    pub request_id: IssuanceId,
    /// The credential.
    pub credential: Credential,
    /// The signer's nym entropy.
    pub signer_nym_entropy: Fr,
}

/// JSON form of [`IssuedCredential`].
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IssuedCredentialWire {
    /// Format version, 1.
    pub version: u64,
    /// The issuance request's id, hex.
    pub request_id: IssuanceId,
    /// A credential document.
    pub credential: Credential,
    /// 32 bytes, hex.
    #[serde(with = "scalar_hex")]
    pub signer_nym_entropy: Fr,
}

impl JsonDocument for IssuedCredential {
    type Wire = IssuedCredentialWire;

    fn to_wire(&self) -> IssuedCredentialWire {
        IssuedCredentialWire {
            version: FORMAT_VERSION,
            request_id: self.request_id,
            credential: self.credential.clone(),
            signer_nym_entropy: self.signer_nym_entropy,
        }
    }

    fn from_wire(w: IssuedCredentialWire) -> Result<Self> {
        check_version(w.version)?;
        Ok(Self {
            request_id: w.request_id,
            credential: w.credential,
            signer_nym_entropy: w.signer_nym_entropy,
        })
    }
}

impl_serde_via_wire!(IssuedCredential);

/// The attribute values and validity of a credential to issue (what the issuer vouches for).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CredentialContent {
    /// Attribute values by name (every schema attribute).
    pub attributes: BTreeMap<String, AttributeValue>,
    /// First day of validity.
    #[serde(with = "date_text")]
    pub issued_on: Date,
    /// Last day of validity.
    #[serde(with = "date_text")]
    pub expires_on: Date,
}

impl Issuer {
    /// BlindSignWithNym: checks that the request is for `schema`, that the commitment has
    /// exactly one committed message and one nym slot and that its proof verifies, then signs
    /// `content` (encoded by the schema) with the commitment and fresh nym entropy.
    pub fn issue<R: RngCore + CryptoRng>(
        &self,
        schema: &Schema,
        content: &CredentialContent,
        request: &IssuanceRequest,
        rng: &mut R,
    ) -> PresentationResult<IssuedCredential> {
        if request.schema_id != *schema.id() {
            return Err(PresentationError::UnknownSchema(
                request.schema_id.to_string(),
            ));
        }
        if request.commitment.committed_count() != COMMITTED_COUNT + NYM_COUNT {
            return Err(PresentationError::Issuance(format!(
                "the commitment must cover {} scalars (holder secret and one nym), it covers {}",
                COMMITTED_COUNT + NYM_COUNT,
                request.commitment.committed_count()
            )));
        }
        let suite = self.public_info().suite();
        let nym = nym_context(suite);
        nym.commit_verify(&request.commitment)
            .map_err(|e| PresentationError::Issuance(format!("commitment proof rejected: {e}")))?;
        let ctx = message_context(suite)?;
        let messages = signer_messages(
            schema,
            &ctx,
            &content.attributes,
            content.issued_on,
            content.expires_on,
        )?;
        let entropy = NymBbs::signer_nym_entropy(rng);
        let signature = nym.blind_sign_with_nym(
            self.secret_key(),
            self.public_info().public_key(),
            &request.commitment,
            NYM_COUNT,
            &entropy,
            &schema.bbs_header(),
            &messages,
        )?;
        Ok(IssuedCredential {
            request_id: request.id(),
            credential: Credential {
                schema_id: *schema.id(),
                issuer_id: *self.id(),
                attributes: content.attributes.clone(),
                issued_on: content.issued_on,
                expires_on: content.expires_on,
                signature,
            },
            signer_nym_entropy: entropy,
        })
    }
}
