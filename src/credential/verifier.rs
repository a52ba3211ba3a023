//! [`Verifier`]: checks a [`Presentation`] against the verifier's own
//! [`PresentationRequest`] with its trust registry, schemas and Groth16 keys, and returns what
//! it learned ([`VerifiedPresentation`]).
//!
//! Checks, in order (the first failure is returned, each naming its check):
//! 1. the presentation answers this request: request id, labels in order, pseudonym context,
//!    holder link present iff asked ([`PresentationError::RequestMismatch`]);
//! 2. per credential: schema as requested and known ([`PresentationError::UnknownSchema`]),
//!    issuer in the registry ([`PresentationError::UntrustedIssuer`]) and accepted by the
//!    request ([`PresentationError::IssuerNotAccepted`]), exactly the requested attributes
//!    disclosed, each re-encoded by the schema;
//! 3. per credential: predicates on disclosed values (a failing `not_expired` or an expiry
//!    before the verifier's `today` is [`PresentationError::CredentialExpired`]), the Groth16
//!    proofs, their openings, the link opening and the pseudonym-BBS proof with the rebuilt
//!    `ph` ([`PresentationError::Tampered`]);
//! 4. last, the nonce ([`PresentationError::ReplayedNonce`]): it is recorded only when
//!    everything else passed, so a rejected attempt does not burn the nonce.

use super::date::format_date;
use super::encoding::check_disclosed;
use super::encoding::encode_date_scalar;
use super::issuance::{message_context, nym_context, NYM_COUNT};
use super::link::{recompute_link_t, LINK_SUITE};
use super::nonce::NonceStore;
use super::presentation::{credential_ph, CredentialProof, Presentation, RANDOM_CONTEXT_LEN};
use super::presentation_error::{PresentationError, PresentationResult};
use super::pseudonym_context::pseudonym_context_id;
use super::registry::TrustRegistry;
use super::request::{CredentialRequest, PresentationRequest, RequestId};
use super::schema::{AttributeDef, Schema, SchemaId, EXPIRES_ON, ISSUED_ON};
use super::signed_request::SignedRequest;
use super::value::AttributeValue;
use super::verifier_identity::VerifierPublicInfo;
use crate::predicate::{verify_linked, LinkedCheck, PredicateError, VerifierKeys};
use std::collections::BTreeMap;
use zkcred_bbs::{BlindDisclosure, Scalar as Fr};
use zkcred_circuits::Date;

/// A predicate the verifier checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeldPredicate {
    /// The credential's label.
    pub label: String,
    /// The attribute.
    pub attribute: String,
    /// What holds, e.g. `birth_date: age at least 18 on 2026-11-22`.
    pub description: String,
}

/// What a verifier learns from a valid presentation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifiedPresentation {
    /// The request answered.
    pub request_id: RequestId,
    /// Per credential label, the disclosed attributes.
    pub disclosed: BTreeMap<String, BTreeMap<String, AttributeValue>>,
    /// Per credential label, the issuer's id.
    pub issuers: BTreeMap<String, String>,
    /// Every predicate of the request, which all hold.
    pub predicates_held: Vec<HeldPredicate>,
    /// Whether the credentials were proven to carry the same holder secret.
    pub same_holder: bool,
    /// With a pseudonym scope: the pseudonym (hex) of the first requested credential — stable
    /// for the same credential and scope, unlinkable across scopes.
    pub pseudonym: Option<String>,
    /// With a pseudonym scope: each credential's pseudonym by label (each credential has its
    /// own nym secret, so its own pseudonym).
    pub pseudonyms: BTreeMap<String, String>,
}

/// A verifier: trusted issuers, known schemas, prepared Groth16 keys and a nonce store.
pub struct Verifier {
    registry: TrustRegistry,
    schemas: BTreeMap<SchemaId, Schema>,
    keys: VerifierKeys,
    nonces: Box<dyn NonceStore>,
}

impl core::fmt::Debug for Verifier {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Verifier")
            .field("issuers", &self.registry.len())
            .field("schemas", &self.schemas.len())
            .finish_non_exhaustive()
    }
}

impl Verifier {
    /// A verifier over a trust registry, its schemas, the prepared keys of its predicates and
    /// a nonce store (e.g. [`super::InMemoryNonceStore`]).
    pub fn new(
        registry: TrustRegistry,
        schemas: Vec<Schema>,
        keys: VerifierKeys,
        nonce_store: Box<dyn NonceStore>,
    ) -> Self {
        Self {
            registry,
            schemas: schemas.into_iter().map(|s| (*s.id(), s)).collect(),
            keys,
            nonces: nonce_store,
        }
    }

    /// The schema with this id, if known.
    pub fn schema(&self, id: &SchemaId) -> Option<&Schema> {
        self.schemas.get(id)
    }

    /// [`Verifier::verify`] of the verifier's own signed request: first checks that `signed`
    /// names `own`, carries `own`'s signature over the unchanged request and asks only for
    /// `own`'s scopes ([`PresentationError::RequestAuth`] otherwise), so a request file that
    /// was swapped or edited is not verified against.
    pub fn verify_signed(
        &self,
        signed: &SignedRequest,
        own: &VerifierPublicInfo,
        presentation: &Presentation,
        today: Option<Date>,
    ) -> PresentationResult<VerifiedPresentation> {
        signed.verify_by(own)?;
        self.verify(signed.request(), presentation, today)
    }

    /// Verifies `presentation` against `request` (see the module docs for the checks).
    /// With `today`, a credential whose disclosed expiry is before `today`, or a request whose
    /// `not_expired` date is before `today`, is refused.
    pub fn verify(
        &self,
        request: &PresentationRequest,
        presentation: &Presentation,
        today: Option<Date>,
    ) -> PresentationResult<VerifiedPresentation> {
        request
            .validate()
            .map_err(|e| PresentationError::InvalidRequest(e.to_string()))?;
        let request_id = request.id();
        if presentation.request_id != request_id {
            return Err(PresentationError::RequestMismatch(format!(
                "it answers request {}, not {}",
                presentation.request_id, request_id
            )));
        }
        let labels: Vec<&str> = presentation
            .credentials
            .iter()
            .map(|c| c.label.as_str())
            .collect();
        let wanted: Vec<&str> = request
            .credentials
            .iter()
            .map(|c| c.label.as_str())
            .collect();
        if labels != wanted {
            return Err(PresentationError::RequestMismatch(format!(
                "credentials {labels:?}, expected {wanted:?}"
            )));
        }
        match &request.pseudonym_scope {
            Some(scope)
                if presentation.context_id != pseudonym_context_id(&request.verifier_id, scope) =>
            {
                return Err(PresentationError::RequestMismatch(format!(
                    "pseudonym context '{}' is not the context of scope '{scope}' at verifier '{}'",
                    presentation.context_id, request.verifier_id
                )))
            }
            None if presentation.context_id.len() != 2 * RANDOM_CONTEXT_LEN => {
                return Err(PresentationError::RequestMismatch(
                    "without a pseudonym scope the context must be 32 random bytes".into(),
                ))
            }
            _ => {}
        }
        if request.links_holder() != presentation.holder_link.is_some() {
            return Err(PresentationError::RequestMismatch(
                if request.links_holder() {
                    "the request asks for the same holder, the presentation has no holder link"
                        .into()
                } else {
                    "the presentation has a holder link the request does not ask for".into()
                },
            ));
        }
        let mut out = VerifiedPresentation {
            request_id,
            disclosed: BTreeMap::new(),
            issuers: BTreeMap::new(),
            predicates_held: Vec::new(),
            same_holder: request.links_holder(),
            pseudonym: None,
            pseudonyms: BTreeMap::new(),
        };
        for (req, proof) in request.credentials.iter().zip(&presentation.credentials) {
            self.verify_credential(request, &request_id, presentation, req, proof, today)?;
            out.disclosed
                .insert(req.label.clone(), proof.disclosed.clone());
            out.issuers
                .insert(req.label.clone(), proof.issuer_id.to_string());
            for p in &req.predicates {
                out.predicates_held.push(HeldPredicate {
                    label: req.label.clone(),
                    attribute: p.attribute.clone(),
                    description: p.describe(),
                });
            }
            if request.pseudonym_scope.is_some() {
                let nym = hex::encode(proof.proof.pseudonym.to_bytes());
                if out.pseudonym.is_none() {
                    out.pseudonym = Some(nym.clone());
                }
                out.pseudonyms.insert(req.label.clone(), nym);
            }
        }
        self.nonces
            .check_and_insert(&request.verifier_id, request.nonce.as_ref())?;
        Ok(out)
    }

    fn verify_credential(
        &self,
        request: &PresentationRequest,
        request_id: &RequestId,
        presentation: &Presentation,
        req: &CredentialRequest,
        proof: &CredentialProof,
        today: Option<Date>,
    ) -> PresentationResult<()> {
        let label = &req.label;
        let tampered = |check: String| PresentationError::Tampered {
            label: label.clone(),
            check,
        };
        if proof.schema_id != req.schema_id {
            return Err(PresentationError::RequestMismatch(format!(
                "credential '{label}' is of schema {}, the request asks for {}",
                proof.schema_id, req.schema_id
            )));
        }
        let schema = self
            .schemas
            .get(&proof.schema_id)
            .ok_or_else(|| PresentationError::UnknownSchema(proof.schema_id.to_string()))?;
        let issuer = self
            .registry
            .get(&proof.issuer_id)
            .ok_or_else(|| PresentationError::UntrustedIssuer(proof.issuer_id.to_string()))?;
        if !req.accepted_issuers.accepts(issuer) {
            return Err(PresentationError::IssuerNotAccepted {
                label: label.clone(),
                issuer: proof.issuer_id.to_string(),
            });
        }
        let suite = issuer.suite();
        let ctx = message_context(suite)?;
        let compiled = req.compile(schema, &ctx)?;
        // Exactly the requested attributes, each re-encoded by the schema.
        let shown: Vec<&String> = proof.disclosed.keys().collect();
        let mut asked: Vec<&String> = compiled.disclosed_names.iter().collect();
        asked.sort();
        if shown != asked {
            return Err(PresentationError::RequestMismatch(format!(
                "credential '{label}' discloses {shown:?}, the request asks for {asked:?}"
            )));
        }
        let mut scalars = Vec::with_capacity(compiled.disclosed.len());
        for name in &compiled.disclosed_names {
            // Present: the key sets are equal.
            let value = &proof.disclosed[name];
            scalars.push(
                encode_disclosed(schema, name, value, &ctx)
                    .map_err(|e| tampered(format!("disclosed value of '{name}': {e}")))?,
            );
            if let (Some(today), EXPIRES_ON, AttributeValue::Date(exp)) =
                (today, name.as_str(), value)
            {
                if *exp < today {
                    return Err(PresentationError::CredentialExpired {
                        label: label.clone(),
                        expires_on: format_date(*exp),
                    });
                }
            }
        }
        if let Some(today) = today {
            for p in &req.predicates {
                if let super::request::PredicateSpec::NotExpired { today: asked } = p.predicate {
                    if asked < today {
                        return Err(PresentationError::InvalidRequest(format!(
                            "'{label}': not_expired on {} is before today {}",
                            format_date(asked),
                            format_date(today)
                        )));
                    }
                }
            }
        }
        let l = schema.message_count() - 1;
        let disclosed = &compiled.disclosed;
        let expected_hidden = l + 1 + 1 + NYM_COUNT - disclosed.len();
        let p = &proof.proof.proof;
        if p.undisclosed_count() != expected_hidden {
            return Err(tampered(format!(
                "BBS proof has {} hidden scalars, expected {expected_hidden}",
                p.undisclosed_count()
            )));
        }
        let c = *p.challenge();
        let link_t = match (&presentation.holder_link, proof.link_response) {
            (None, None) => None,
            (Some(e), Some(r_hat)) => {
                let m_hat = p
                    .hidden_response(disclosed, l + 1)
                    .ok_or_else(|| tampered("no response for the holder secret".into()))?;
                Some((e, recompute_link_t(LINK_SUITE, e, &m_hat, &r_hat, &c)?))
            }
            _ => {
                return Err(tampered(
                    "holder link response missing or unexpected".into(),
                ))
            }
        };
        let ph = credential_ph(
            request_id,
            &request.verifier_id,
            request.nonce.as_ref(),
            label,
            link_t.as_ref().map(|(e, t)| (*e, t)),
        );
        let nym = nym_context(suite);
        let header = schema.bbs_header();
        let disclosure = BlindDisclosure {
            signer: disclosed,
            committed: &[],
        };
        let result = verify_linked(
            &LinkedCheck {
                message_count: l,
                disclosed,
                disclosed_messages: &scalars,
                statements: &compiled.statements,
                attachments: &proof.predicate_proofs,
                challenge: c,
            },
            &self.keys,
            |j| p.hidden_response(disclosed, j),
            |ph_full| {
                nym.proof_verify(
                    issuer.public_key(),
                    &proof.proof,
                    &header,
                    ph_full,
                    presentation.context_id.as_bytes(),
                    l,
                    NYM_COUNT,
                    &disclosure,
                    &scalars,
                    &[],
                )
            },
            &ph,
        );
        match result {
            Ok(()) => Ok(()),
            Err(PredicateError::DisclosedPredicateFalse { statement, .. })
                if compiled.not_expired.contains(&statement) =>
            {
                Err(PresentationError::CredentialExpired {
                    label: label.clone(),
                    expires_on: proof
                        .disclosed
                        .get(EXPIRES_ON)
                        .map_or_else(|| "an earlier day".into(), |v| v.to_string()),
                })
            }
            Err(PredicateError::MissingKey { circuit, .. }) => {
                Err(PresentationError::InvalidRequest(format!(
                    "'{label}': the verifier has no key for circuit {circuit}"
                )))
            }
            Err(e) => Err(tampered(e.to_string())),
        }
    }
}

/// The scalar of a disclosed value of `name` (a schema attribute or a trailing date).
fn encode_disclosed(
    schema: &Schema,
    name: &str,
    value: &AttributeValue,
    ctx: &zkcred_bbs::Bbs,
) -> Result<Fr, String> {
    if name == ISSUED_ON || name == EXPIRES_ON {
        return match value {
            AttributeValue::Date(d) => Ok(encode_date_scalar(*d)),
            other => Err(format!(
                "expected a date, got a {} value",
                other.kind_name()
            )),
        };
    }
    let attr: &AttributeDef = schema.attribute(name).ok_or("unknown attribute")?;
    let scalar = super::encoding::encode(attr, value, ctx).map_err(|e| e.to_string())?;
    check_disclosed(attr, value, &scalar, ctx).map_err(|e| e.to_string())?;
    Ok(scalar)
}
