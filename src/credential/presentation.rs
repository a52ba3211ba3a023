//! [`Presentation`]: the holder's answer to a [`super::request::PresentationRequest`] — per
//! requested credential one pseudonym-BBS proof with its predicate attachments and link
//! response — and the transcript (`ph`) that binds each proof to the request.

use super::hidden_proof::HiddenIssuerPart;
use super::issuer::IssuerId;
use super::json::{check_count, check_version, impl_serde_via_wire, JsonDocument, FORMAT_VERSION};
use super::link::LinkCommitment;
use super::request::{RequestId, MAX_PREDICATES, MAX_REQUESTED_CREDENTIALS};
use super::schema::SchemaId;
use super::value::AttributeValue;
use crate::credential::error::{CredentialError, Result};
use crate::predicate::PredicateAttachment;
use ark_bls12_381::G1Affine;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use zkcred_bbs::octets::g1_to_bytes;
use zkcred_bbs::{NymProof, Scalar as Fr};

/// Domain tag of each credential proof's presentation header.
pub const PRESENTATION_PH_DST: &[u8] = b"ZKCRED-PRESENTATION-PH-V1";
/// Length of a per-presentation random pseudonym context (when the request has no scope).
pub const RANDOM_CONTEXT_LEN: usize = 32;

/// The most credential proofs a presentation may carry: as many as a request may ask for
/// ([`MAX_REQUESTED_CREDENTIALS`]). Checked before any proof is decoded.
pub const MAX_PRESENTATION_CREDENTIALS: usize = MAX_REQUESTED_CREDENTIALS;

/// The most predicate attachments one credential proof may carry: a request's predicates
/// ([`MAX_PREDICATES`]) plus the two implicit validity defaults. Checked before any
/// attachment is decoded (each costs four subgroup checks, one of them in G2).
pub const MAX_ATTACHMENTS_PER_CREDENTIAL: usize = MAX_PREDICATES + 2;

/// The counts of a presentation read from its JSON without decoding a proof: what the
/// verifier compares with its limits and its request before any curve arithmetic.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct PresentationShape {
    /// Per credential proof: its label and its number of predicate attachments.
    pub credentials: Vec<CredentialShape>,
}

/// The label and attachment count of one credential proof ([`PresentationShape`]).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct CredentialShape {
    /// The label it claims to answer.
    pub label: String,
    /// Its number of predicate attachments.
    #[serde(rename = "predicate_proofs", deserialize_with = "count_items")]
    pub attachments: usize,
}

/// The length of a JSON list, its items skipped unread.
fn count_items<'de, D: serde::Deserializer<'de>>(d: D) -> Result<usize, D::Error> {
    Ok(Vec::<serde::de::IgnoredAny>::deserialize(d)?.len())
}

impl PresentationShape {
    /// The shape of a presentation's parsed JSON, checked against
    /// [`MAX_PRESENTATION_CREDENTIALS`] and [`MAX_ATTACHMENTS_PER_CREDENTIAL`]
    /// ([`CredentialError::TooManyItems`]). Costs a walk over the JSON, no decoding.
    pub fn of(value: &serde_json::Value) -> Result<Self> {
        let credentials = value
            .get("credentials")
            .and_then(serde_json::Value::as_array)
            .ok_or_else(|| CredentialError::MalformedJson("expected a credentials list".into()))?;
        check_count(
            "credential proofs",
            credentials.len(),
            MAX_PRESENTATION_CREDENTIALS,
        )?;
        let shape = PresentationShape::deserialize(value).map_err(super::json::malformed)?;
        for c in &shape.credentials {
            check_count(
                "predicate attachments",
                c.attachments,
                MAX_ATTACHMENTS_PER_CREDENTIAL,
            )?;
        }
        Ok(shape)
    }
}

/// The proof of one requested credential.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CredentialProof {
    /// The label of the credential request it answers.
    pub label: String,
    /// The issuer that signed the credential; absent when the request hides the issuer
    /// ([`super::CredentialRequest::hide_issuer_among`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer_id: Option<IssuerId>,
    /// The credential's schema.
    pub schema_id: SchemaId,
    /// The disclosed attributes by name (exactly those the request asks to disclose).
    pub disclosed: BTreeMap<String, AttributeValue>,
    /// The pseudonym-BBS proof (proof octets || pseudonym), hex. With a hidden issuer, the
    /// BBS part of the issuer-hiding proof (same layout, with Bbar' and e'^).
    pub proof: NymProof,
    /// With a hidden issuer: the issuer-hiding part of the proof (W', X', the OR-proof,
    /// domain^; [`HiddenIssuerPart`]), hex.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hidden_issuer: Option<HiddenIssuerPart>,
    /// One attachment per predicate on a hidden attribute, in request order, hex each.
    pub predicate_proofs: Vec<PredicateAttachment>,
    /// The link response `r^` when the request asks for the same holder, hex.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "opt_scalar_hex"
    )]
    pub link_response: Option<Fr>,
}

mod opt_scalar_hex {
    use super::Fr;
    use serde::{Deserialize, Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(x: &Option<Fr>, s: S) -> Result<S::Ok, S::Error> {
        match x {
            Some(x) => crate::credential::issuance::scalar_hex::serialize(x, s),
            None => s.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Fr>, D::Error> {
        #[derive(Deserialize)]
        struct W(#[serde(with = "crate::credential::issuance::scalar_hex")] Fr);
        Ok(Option::<W>::deserialize(d)?.map(|w| w.0))
    }
}

/// The holder's answer to a presentation request. A versioned JSON document.
#[derive(Clone, Debug, PartialEq)]
pub struct Presentation {
    /// The id of the request it answers.
    pub request_id: RequestId,
    /// The pseudonym context id the proofs are made under: the request's scope, or (without
    /// a scope) 32 random bytes chosen by the holder, hex — a pseudonym under a random
    /// context links nothing.
    pub context_id: String,
    /// `E`, when the request asks for the same holder.
    pub holder_link: Option<LinkCommitment>,
    /// One proof per requested credential, in request order.
    pub credentials: Vec<CredentialProof>,
}

impl Presentation {
    /// The size of its JSON (compact) in bytes.
    pub fn json_size(&self) -> usize {
        serde_json::to_vec(&self.to_wire()).map_or(0, |v| v.len())
    }

    /// The size of its binary parts (BBS proofs, pseudonyms, attachments, link) in bytes.
    pub fn binary_size(&self) -> usize {
        let link = self.holder_link.map_or(0, |_| 48);
        link + self
            .credentials
            .iter()
            .map(|c| {
                c.proof.to_bytes().len()
                    + c.hidden_issuer.as_ref().map_or(0, |h| h.as_bytes().len())
                    + c.predicate_proofs
                        .iter()
                        .map(|a| a.to_bytes().len())
                        .sum::<usize>()
                    + c.link_response.map_or(0, |_| 32)
            })
            .sum::<usize>()
    }
}

/// JSON form of [`Presentation`].
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PresentationWire {
    /// Format version, 1.
    pub version: u64,
    /// The request id, hex.
    pub request_id: RequestId,
    /// The pseudonym context id.
    pub context_id: String,
    /// `E`, hex of 48 bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holder_link: Option<LinkCommitment>,
    /// The credential proofs.
    pub credentials: Vec<CredentialProof>,
}

impl JsonDocument for Presentation {
    type Wire = PresentationWire;

    /// Counts first: a presentation with thousands of attachments or credentials is refused
    /// before one point is decoded.
    fn check_shape(value: &serde_json::Value) -> Result<()> {
        PresentationShape::of(value).map(drop)
    }

    fn to_wire(&self) -> PresentationWire {
        PresentationWire {
            version: FORMAT_VERSION,
            request_id: self.request_id,
            context_id: self.context_id.clone(),
            holder_link: self.holder_link,
            credentials: self.credentials.clone(),
        }
    }

    fn from_wire(w: PresentationWire) -> Result<Self> {
        check_version(w.version)?;
        if w.context_id.is_empty() || w.context_id.len() > 512 {
            return Err(CredentialError::MalformedJson(
                "context_id must be 1-512 bytes".into(),
            ));
        }
        Ok(Self {
            request_id: w.request_id,
            context_id: w.context_id,
            holder_link: w.holder_link,
            credentials: w.credentials,
        })
    }
}

impl_serde_via_wire!(Presentation);

/// The `ph` of one credential proof (before the predicate items are appended):
///
/// ```text
/// DST || lp(request id) || lp(verifier id) || lp(nonce) || lp(label)
///     || u8(link present) [|| E || T_k]
/// ```
/// with `lp(x) = u32_be(len(x)) || x`, points compressed.
pub fn credential_ph(
    request_id: &RequestId,
    verifier_id: &str,
    nonce: &[u8],
    label: &str,
    link: Option<(&LinkCommitment, &G1Affine)>,
) -> Vec<u8> {
    let mut out = Vec::with_capacity(256);
    out.extend_from_slice(PRESENTATION_PH_DST);
    for part in [
        &request_id.as_bytes()[..],
        verifier_id.as_bytes(),
        nonce,
        label.as_bytes(),
    ] {
        out.extend_from_slice(&(part.len() as u32).to_be_bytes());
        out.extend_from_slice(part);
    }
    match link {
        None => out.push(0),
        Some((e, t)) => {
            out.push(1);
            out.extend_from_slice(&e.to_bytes());
            out.extend_from_slice(&g1_to_bytes(t));
        }
    }
    out
}
