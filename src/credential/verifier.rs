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
//!    accepts) and accepted by the request ([`PresentationError::IssuerNotAccepted`]) — with
//!    a hidden issuer, every issuer of the request's set, whose keys come from the registry
//!    (`verifier/hidden.rs`) — exactly the requested attributes disclosed, each re-encoded by
//!    the schema;
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
//!
//! ## One pairing check per presentation
//!
//! The pairing equations of step 4 — per credential one per Groth16 proof,
//! `e(A, B)·e(−α, β)·e(P, −γ)·e(C, −δ) = 1`, and one for the pseudonym-BBS proof,
//! `e(Abar, W)·e(−Bbar, BP2) = 1` (with a hidden issuer two: `e(Abar, W')·e(−Bbar', BP2)`
//! and `e(X', BP2)·e(−U, W')`) — are not evaluated as they come: every other check runs
//! first, then all equations of the presentation are raised to independent random 128-bit
//! weights and multiplied into one multi-pairing (one Miller loop per distinct G2 point, one
//! final exponentiation; [`zkcred_pairing`] has the math and the 2^-128 soundness bound).
//! The weights come from a ChaCha20 stream seeded by the operating system. The error is
//! still the first of the order above: if a later check fails, or the merged check fails,
//! the deferred equations are evaluated one by one, in order.
//!
//! [`Verifier::verify_batch`] does the same for many presentations at once: one multi-pairing
//! for all of them, falling back to one presentation at a time only to name the bad ones.

mod batch;
#[cfg(test)]
mod batch_tests;
mod credential_proof;
mod hidden;
mod pending;

use super::issuance::message_context;
use super::json::{clip, from_value, parse_value};
use super::nonce::NonceStore;
use super::presentation::{Presentation, PresentationShape};
use super::presentation_error::{PresentationError, PresentationResult};
use super::registry::TrustRegistry;
use super::request::{PresentationRequest, RequestId};
use super::schema::{Schema, SchemaId};
use super::signed_request::SignedRequest;
use super::timestamp::Timestamp;
use super::value::AttributeValue;
use super::verifier_identity::VerifierPublicInfo;
use super::window::now_or_clock;
use crate::predicate::{ProofPoints, VerifierKeys};
use std::collections::BTreeMap;

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
    /// Per credential label, the issuer's id (credentials whose issuer is not hidden).
    pub issuers: BTreeMap<String, String>,
    /// Per credential label whose issuer is hidden: the accepted set it was proven to be
    /// signed by one of (the request's `hide_issuer_among`, in order); nothing more.
    pub hidden_issuers: BTreeMap<String, Vec<String>>,
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
        let (presentation, now) = self.decode_checked(request, presentation_json, now)?;
        // Decoded just now: its points were checked by the decoder.
        self.verify_checked(request, &presentation, now, ProofPoints::Decoded)
    }

    /// The first checks of [`Verifier::verify_json`]: the request and its window, then the
    /// text's size, request id and counts, then the decoding; returns the presentation and
    /// the clock used.
    fn decode_checked(
        &self,
        request: &PresentationRequest,
        presentation_json: &str,
        now: Option<Timestamp>,
    ) -> PresentationResult<(Presentation, Timestamp)> {
        let now = check_request(request, now)?;
        let value = parse_value::<Presentation>(presentation_json)?;
        check_request_id(request, &value)?;
        let shape = PresentationShape::of(&value)?;
        self.check_shape(request, &shape)?;
        Ok((from_value(value)?, now))
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
        self.verify_checked(request, presentation, now, ProofPoints::Unchecked)
    }

    /// [`Verifier::verify`] after [`check_request`], at the verifier's `now`: every check but
    /// the pairings ([`Verifier::pending`]), one merged pairing check of the presentation's
    /// equations, then the nonce. `points`: whether the decoder checked the points.
    fn verify_checked(
        &self,
        request: &PresentationRequest,
        presentation: &Presentation,
        now: Timestamp,
        points: ProofPoints,
    ) -> PresentationResult<VerifiedPresentation> {
        let pending = self.pending(request, presentation, now, points)?;
        crate::os_rng::check_deferred(pending.pairings)?;
        self.accept(pending.verified, &pending.nonce)
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
