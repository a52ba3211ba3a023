//! [`Verifier`]: checks a [`Presentation`] against the verifier's own
//! [`PresentationRequest`] with its trust registry, schemas and Groth16 keys, and returns what
//! it learned ([`VerifiedPresentation`]).
//!
//! Checks, in order (the first failure is returned, each naming its check):
//! 1. the request is well formed and the verifier's clock is within its window
//!    ([`super::window`]: [`PresentationError::RequestExpired`] after `valid_until`,
//!    [`PresentationError::RequestNotYetValid`] before `made_at`, each with
//!    [`super::window::CLOCK_SKEW`]), before anything of the presentation is read;
//! 2. the presentation answers this request: request id, labels in order, pseudonym context,
//!    holder link present iff asked ([`PresentationError::RequestMismatch`]);
//! 3. per credential: schema as requested and known ([`PresentationError::UnknownSchema`]),
//!    issuer in the registry ([`PresentationError::UntrustedIssuer`]), authorised by the
//!    registry for the schema ([`PresentationError::IssuerNotAuthorised`], whatever the request
//!    accepts) and accepted by the request ([`PresentationError::IssuerNotAccepted`]), exactly
//!    the requested attributes disclosed, each re-encoded by the schema;
//! 4. per credential: the statements of the request compiled on its date (the UTC day of
//!    `made_at`), including the validity defaults of [`super::validity`] — evaluated
//!    directly on disclosed values (an
//!    expired credential is [`PresentationError::CredentialExpired`], one issued after the
//!    date [`PresentationError::NotYetValid`]), else proven by the attachments (missing
//!    default proofs are [`PresentationError::MissingValidityProof`]) — the Groth16 proofs,
//!    their openings, the link opening and the pseudonym-BBS proof with the rebuilt `ph`
//!    ([`PresentationError::Tampered`]);
//! 5. last, the nonce ([`PresentationError::ReplayedNonce`]): it is recorded only when
//!    everything else passed, so a rejected attempt does not burn the nonce, and it is kept
//!    until the request's window has closed ([`super::RequestWindow::keep_nonce_until`]).

use super::date::format_date;
use super::encoding::check_disclosed;
use super::encoding::encode_date_scalar;
use super::issuance::{message_context, nym_context, NYM_COUNT};
use super::json::{clip, clip_to, from_value, parse_value};
use super::link::{recompute_link_t, LINK_SUITE};
use super::nonce::NonceStore;
use super::presentation::{
    credential_ph, CredentialProof, Presentation, PresentationShape, RANDOM_CONTEXT_LEN,
};
use super::presentation_error::{PresentationError, PresentationResult};
use super::pseudonym_context::pseudonym_context_id;
use super::registry::TrustRegistry;
use super::request::{CompiledRequest, CredentialRequest, PresentationRequest, RequestId};
use super::schema::{AttributeDef, Schema, SchemaId, EXPIRES_ON, ISSUED_ON};
use super::signed_request::SignedRequest;
use super::timestamp::Timestamp;
use super::value::AttributeValue;
use super::verifier_identity::VerifierPublicInfo;
use super::window::now_or_clock;
use crate::predicate::{verify_linked, LinkedCheck, PredicateError, VerifierKeys};
use std::collections::BTreeMap;
use zkcred_bbs::{BlindDisclosure, Scalar as Fr};

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
        now: Option<Timestamp>,
    ) -> PresentationResult<VerifiedPresentation> {
        signed.verify_by(own)?;
        self.verify(signed.request(), presentation, now)
    }

    /// [`Verifier::verify`] of a presentation's JSON text, bounded by its size: after the
    /// request and its window are checked, the text's length
    /// ([`super::json::MAX_DOCUMENT_BYTES`]), then the number of credential proofs and of
    /// predicate attachments against the library's limits and against `request`, are
    /// checked before any point of the presentation is decoded. So a presentation padded
    /// with thousands of proofs costs a walk over its JSON, not thousands of subgroup checks.
    pub fn verify_json(
        &self,
        request: &PresentationRequest,
        presentation_json: &str,
        now: Option<Timestamp>,
    ) -> PresentationResult<VerifiedPresentation> {
        let now = check_request(request, now)?;
        let value = parse_value::<Presentation>(presentation_json)?;
        check_request_id(request, &value)?;
        let shape = PresentationShape::of(&value)?;
        self.check_shape(request, &shape)?;
        let presentation: Presentation = from_value(value)?;
        self.verify_checked(request, &presentation, now)
    }

    /// [`Verifier::verify_json`] of the verifier's own signed request (see
    /// [`Verifier::verify_signed`]): the request is authenticated first, then the
    /// presentation's size and counts are checked against it before any point is decoded.
    pub fn verify_signed_json(
        &self,
        signed: &SignedRequest,
        own: &VerifierPublicInfo,
        presentation_json: &str,
        now: Option<Timestamp>,
    ) -> PresentationResult<VerifiedPresentation> {
        signed.verify_by(own)?;
        self.verify_json(signed.request(), presentation_json, now)
    }

    /// The shape of a presentation against the request: the requested labels in order, and
    /// per credential no more attachments than the request has statements on hidden
    /// attributes (fewer is left to [`Verifier::verify`], which names missing validity
    /// proofs).
    fn check_shape(
        &self,
        request: &PresentationRequest,
        shape: &PresentationShape,
    ) -> PresentationResult<()> {
        check_labels(request, shape.credentials.iter().map(|c| c.label.as_str()))?;
        for (req, c) in request.credentials.iter().zip(&shape.credentials) {
            // An unknown schema is reported by `verify` with its own error.
            let Some(schema) = self.schemas.get(&req.schema_id) else {
                continue;
            };
            let ctx = message_context(zkcred_bbs::Ciphersuite::Bls12381Sha256)?;
            let compiled = req.compile(schema, &ctx, request.date())?;
            let hidden = compiled
                .statements
                .iter()
                .filter(|st| compiled.disclosed.binary_search(&st.message_index).is_err())
                .count();
            if c.attachments > hidden {
                return Err(PresentationError::RequestMismatch(format!(
                    "credential '{}' has {} predicate attachments, the request has {hidden} \
                     statements on hidden attributes",
                    req.label, c.attachments
                )));
            }
        }
        Ok(())
    }

    /// Verifies `presentation` against `request` (see the module docs for the checks).
    ///
    /// `now` is the verifier's clock; `None` means the system clock (there is no way to skip
    /// the window check). The request is refused outside its window
    /// ([`super::RequestWindow::check`]); credentials are judged on the request's date, the
    /// UTC day of its `made_at`.
    pub fn verify(
        &self,
        request: &PresentationRequest,
        presentation: &Presentation,
        now: Option<Timestamp>,
    ) -> PresentationResult<VerifiedPresentation> {
        let now = check_request(request, now)?;
        self.verify_checked(request, presentation, now)
    }

    /// [`Verifier::verify`] after [`check_request`], at the verifier's `now`.
    fn verify_checked(
        &self,
        request: &PresentationRequest,
        presentation: &Presentation,
        now: Timestamp,
    ) -> PresentationResult<VerifiedPresentation> {
        let request_id = request.id();
        if presentation.request_id != request_id {
            return Err(PresentationError::RequestMismatch(format!(
                "it answers request {}, not {}",
                presentation.request_id, request_id
            )));
        }
        check_labels(
            request,
            presentation.credentials.iter().map(|c| c.label.as_str()),
        )?;
        match &request.pseudonym_scope {
            Some(scope)
                if presentation.context_id != pseudonym_context_id(&request.verifier_id, scope) =>
            {
                // The context's text is the BBS context itself: another case is another
                // context (another pseudonym), not another spelling.
                let case = if presentation
                    .context_id
                    .eq_ignore_ascii_case(&pseudonym_context_id(&request.verifier_id, scope))
                {
                    " (the context id is compared byte for byte: it must be lowercase hex)"
                } else {
                    ""
                };
                return Err(PresentationError::RequestMismatch(format!(
                    "pseudonym context '{}' is not the context of scope '{}' at verifier '{}'{case}",
                    clip(&presentation.context_id),
                    clip(scope),
                    request.verifier_id
                )));
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
            let compiled =
                self.verify_credential(request, &request_id, presentation, req, proof)?;
            out.disclosed
                .insert(req.label.clone(), proof.disclosed.clone());
            out.issuers
                .insert(req.label.clone(), proof.issuer_id.to_string());
            for (attribute, description) in
                compiled.attributes.into_iter().zip(compiled.descriptions)
            {
                out.predicates_held.push(HeldPredicate {
                    label: req.label.clone(),
                    attribute,
                    description,
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
        self.nonces.check_and_insert(
            &request.verifier_id,
            request.nonce.as_ref(),
            request.window.keep_nonce_until(),
            now,
        )?;
        Ok(out)
    }

    /// Checks one credential proof; returns its compiled request (for the predicates held).
    fn verify_credential(
        &self,
        request: &PresentationRequest,
        request_id: &RequestId,
        presentation: &Presentation,
        req: &CredentialRequest,
        proof: &CredentialProof,
    ) -> PresentationResult<CompiledRequest> {
        let label = &req.label;
        let tampered = |check: String| PresentationError::Tampered {
            label: label.clone(),
            check: clip_to(&check, MAX_CHECK_CHARS),
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
        if !self
            .registry
            .is_authorised(&proof.issuer_id, &proof.schema_id)
        {
            return Err(PresentationError::IssuerNotAuthorised {
                label: label.clone(),
                issuer: proof.issuer_id.to_string(),
                schema: proof.schema_id.to_string(),
            });
        }
        if !req.accepted_issuers.accepts(issuer) {
            return Err(PresentationError::IssuerNotAccepted {
                label: label.clone(),
                issuer: proof.issuer_id.to_string(),
            });
        }
        let suite = issuer.suite();
        let ctx = message_context(suite)?;
        let compiled = req.compile(schema, &ctx, request.date())?;
        // Exactly the requested attributes, each re-encoded by the schema.
        let shown: Vec<&String> = proof.disclosed.keys().collect();
        let mut asked: Vec<&String> = compiled.disclosed_names.iter().collect();
        asked.sort();
        if shown != asked {
            return Err(PresentationError::RequestMismatch(format!(
                "credential '{label}' discloses {}, the request asks for {asked:?}",
                clip(&format!("{shown:?}"))
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
        }
        check_validity_attachments(label, &compiled, proof.predicate_proofs.len())?;
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
        let shown = |name: &str, hidden: &str| {
            proof
                .disclosed
                .get(name)
                .map_or_else(|| hidden.to_owned(), |v| v.to_string())
        };
        match result {
            Ok(()) => Ok(compiled),
            Err(PredicateError::DisclosedPredicateFalse { statement, .. })
                if compiled.not_expired.contains(&statement) =>
            {
                Err(PresentationError::CredentialExpired {
                    label: label.clone(),
                    expires_on: shown(EXPIRES_ON, "an earlier day"),
                })
            }
            Err(PredicateError::DisclosedPredicateFalse { statement, .. })
                if compiled.already_issued.contains(&statement) =>
            {
                Err(PresentationError::NotYetValid {
                    label: label.clone(),
                    date: format_date(compiled.date),
                    issued_on: shown(ISSUED_ON, "a later day"),
                })
            }
            Err(PredicateError::DisclosedPredicateFalse { statement, .. })
                if statement < compiled.descriptions.len() =>
            {
                let attribute = compiled.attributes[statement].clone();
                Err(PresentationError::DisclosedPredicateFalse {
                    label: label.clone(),
                    value: shown(&attribute, "(not disclosed)"),
                    attribute,
                    predicate: compiled.descriptions[statement].clone(),
                })
            }
            Err(PredicateError::MissingKey { statement, circuit }) => {
                Err(PresentationError::MissingKey {
                    label: label.clone(),
                    predicate: compiled
                        .descriptions
                        .get(statement)
                        .cloned()
                        .unwrap_or_default(),
                    circuit: circuit.to_string(),
                })
            }
            Err(e) => Err(tampered(e.to_string())),
        }
    }
}

/// A presentation's `request_id` (if it is a readable id; the decoder refuses other values)
/// against the request's, before its shape: a presentation for another request is named as
/// such, not by the first count that differs.
fn check_request_id(
    request: &PresentationRequest,
    value: &serde_json::Value,
) -> PresentationResult<()> {
    let stated = value
        .get("request_id")
        .and_then(serde_json::Value::as_str)
        .and_then(|s| s.parse::<RequestId>().ok());
    match stated {
        Some(id) if id != request.id() => Err(PresentationError::RequestMismatch(format!(
            "it answers request {id}, not {}",
            request.id()
        ))),
        _ => Ok(()),
    }
}

/// The checks that need only the request: well formed
/// ([`PresentationError::InvalidRequest`]), and answerable at `now` (or the system clock)
/// ([`super::RequestWindow::check`]). Returns the clock used.
fn check_request(
    request: &PresentationRequest,
    now: Option<Timestamp>,
) -> PresentationResult<Timestamp> {
    request
        .validate()
        .map_err(|e| PresentationError::InvalidRequest(e.to_string()))?;
    let now = now_or_clock(now)?;
    request.window.check(now)?;
    Ok(now)
}

/// How many characters of a failed check's text a [`PresentationError::Tampered`] keeps
/// (the text may quote disclosed values).
const MAX_CHECK_CHARS: usize = 200;

/// The presentation's credential labels against the request's, in order. The error gives the
/// counts, or the first differing label clipped ([`clip`]), so its length does not grow
/// with the presentation.
fn check_labels<'a>(
    request: &PresentationRequest,
    labels: impl ExactSizeIterator<Item = &'a str>,
) -> PresentationResult<()> {
    let wanted = request.credentials.len();
    if labels.len() != wanted {
        return Err(PresentationError::RequestMismatch(format!(
            "{} credential proofs, the request asks for {wanted}",
            labels.len()
        )));
    }
    for (i, (got, req)) in labels.zip(&request.credentials).enumerate() {
        if got != req.label {
            return Err(PresentationError::RequestMismatch(format!(
                "credential {i} is labelled '{}', the request asks for '{}'",
                clip(got),
                req.label
            )));
        }
    }
    Ok(())
}

/// Refuses a presentation that proves the request's own hidden predicates but not the hidden
/// validity defaults ([`PresentationError::MissingValidityProof`]): the holder stripped them.
/// Any other wrong count is left to the attachment check (tampering).
fn check_validity_attachments(
    label: &str,
    compiled: &CompiledRequest,
    attachments: usize,
) -> PresentationResult<()> {
    let hidden = |st: &&crate::predicate::PredicateStatement| {
        compiled.disclosed.binary_search(&st.message_index).is_err()
    };
    let explicit = compiled.statements.len() - compiled.implicit;
    let hidden_explicit = compiled.statements[..explicit]
        .iter()
        .filter(hidden)
        .count();
    let hidden_implicit = compiled.statements[explicit..]
        .iter()
        .filter(hidden)
        .count();
    if hidden_implicit > 0 && attachments == hidden_explicit {
        return Err(PresentationError::MissingValidityProof {
            label: label.to_owned(),
            missing: hidden_implicit,
        });
    }
    Ok(())
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
                "expected a date, got {} value",
                super::text::with_article(other.kind_name())
            )),
        };
    }
    let attr: &AttributeDef = schema.attribute(name).ok_or("unknown attribute")?;
    let scalar = super::encoding::encode(attr, value, ctx).map_err(|e| e.to_string())?;
    check_disclosed(attr, value, &scalar, ctx).map_err(|e| e.to_string())?;
    Ok(scalar)
}
