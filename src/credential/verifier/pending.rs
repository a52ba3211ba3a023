//! Everything of a presentation's verification but its pairing equations and its nonce
//! ([`Pending`]), and the last step that records the nonce ([`Verifier::accept`]).

use super::{check_labels, HeldPredicate, VerifiedPresentation, Verifier};
use crate::credential::json::clip;
use crate::credential::presentation::{Presentation, RANDOM_CONTEXT_LEN};
use crate::credential::presentation_error::{PresentationError, PresentationResult};
use crate::credential::pseudonym_context::pseudonym_context_id;
use crate::credential::request::{PresentationRequest, RequestId};
use crate::credential::timestamp::Timestamp;
use crate::predicate::ProofPoints;
use ark_ec::AffineRepr;
use std::collections::BTreeMap;
use zkcred_pairing::Deferred;

/// A presentation that passed every check but its pairing equations and its nonce.
pub(super) struct Pending<'v> {
    /// What the verifier learns if the rest passes.
    pub(super) verified: VerifiedPresentation,
    /// Every Groth16 and pseudonym-BBS equation, in check order, with its error.
    pub(super) pairings: Deferred<'v, PresentationError>,
    /// The nonce to record last.
    pub(super) nonce: NonceClaim,
}

/// What recording a request's nonce needs (step 5).
pub(super) struct NonceClaim {
    verifier_id: String,
    nonce: Vec<u8>,
    keep_until: Timestamp,
    now: Timestamp,
}

impl Verifier {
    /// Steps 2-4 of [`super`] up to the pairing equations, which are returned in the
    /// [`Pending`] presentation with the nonce to record. A check that fails after some
    /// equations were deferred reports the first of those that fails alone, if any: the
    /// error is the one of the sequential order. `points`: [`ProofPoints::Decoded`] only for
    /// a presentation decoded here from JSON (its points were checked by the decoder).
    pub(super) fn pending<'v>(
        &'v self,
        request: &PresentationRequest,
        presentation: &Presentation,
        now: Timestamp,
        points: ProofPoints,
    ) -> PresentationResult<Pending<'v>> {
        let request_id = check_answers(request, presentation)?;
        if points == ProofPoints::Unchecked {
            check_link_point(presentation)?;
        }
        let mut out = VerifiedPresentation {
            request_id,
            disclosed: BTreeMap::new(),
            issuers: BTreeMap::new(),
            hidden_issuers: BTreeMap::new(),
            predicates_held: Vec::new(),
            same_holder: request.links_holder(),
            pseudonym: None,
            pseudonyms: BTreeMap::new(),
        };
        let mut pairings = Deferred::new();
        for (req, proof) in request.credentials.iter().zip(&presentation.credentials) {
            let checked =
                self.verify_credential(request, &request_id, presentation, req, proof, points);
            let compiled = match checked {
                Ok((compiled, deferred)) => {
                    pairings.append(deferred, |e| e);
                    compiled
                }
                // A pairing deferred before this check would have failed first.
                Err(e) => return Err(pairings.first_failure_or(e)),
            };
            out.disclosed
                .insert(req.label.clone(), proof.disclosed.clone());
            match (&req.hide_issuer_among, proof.issuer_id) {
                (Some(ids), _) => {
                    let ids = ids.iter().map(ToString::to_string).collect();
                    out.hidden_issuers.insert(req.label.clone(), ids);
                }
                (None, Some(id)) => {
                    out.issuers.insert(req.label.clone(), id.to_string());
                }
                (None, None) => {}
            }
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
        Ok(Pending {
            verified: out,
            pairings,
            nonce: NonceClaim {
                verifier_id: request.verifier_id.clone(),
                nonce: request.nonce.as_ref().to_vec(),
                keep_until: request.window.keep_nonce_until(),
                now,
            },
        })
    }

    /// Step 5, once the pairing equations hold: records the nonce
    /// ([`PresentationError::ReplayedNonce`] if it was recorded before), then accepts.
    pub(super) fn accept(
        &self,
        verified: VerifiedPresentation,
        claim: &NonceClaim,
    ) -> PresentationResult<VerifiedPresentation> {
        self.nonces.check_and_insert(
            &claim.verifier_id,
            &claim.nonce,
            claim.keep_until,
            claim.now,
        )?;
        Ok(verified)
    }
}

/// Step 2: the presentation answers this request (request id, labels in order, pseudonym
/// context, holder link present iff asked); returns the request id.
fn check_answers(
    request: &PresentationRequest,
    presentation: &Presentation,
) -> PresentationResult<RequestId> {
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
                "the request asks for the same holder, the presentation has no holder link".into()
            } else {
                "the presentation has a holder link the request does not ask for".into()
            },
        ));
    }
    Ok(request_id)
}

/// The holder link's commitment E of a presentation built in memory (its point is a public
/// field): on the curve, in G1's prime-order subgroup and not the identity, as the JSON
/// decoder requires of a decoded one. A point outside the subgroup would let a small-order
/// component pass the link's Schnorr check with probability 1/order.
fn check_link_point(presentation: &Presentation) -> PresentationResult<()> {
    let Some(e) = &presentation.holder_link else {
        return Ok(());
    };
    let p = &e.0;
    if p.is_zero() || !zkcred_pairing::g1_is_valid(p) {
        return Err(PresentationError::Tampered {
            label: "holder_link".into(),
            check: "the link commitment is not a point of G1's prime-order subgroup".into(),
        });
    }
    Ok(())
}
