//! One credential proof of a presentation (step 3 and 4 of [`super`]): schema, issuer,
//! disclosure, validity proofs and holder link, then the linked predicate proofs and the
//! pseudonym-BBS proof up to their pairing equations, which are returned, not evaluated.

use super::hidden::Signer;
use super::Verifier;
use crate::credential::date::format_date;
use crate::credential::encoding::{check_disclosed, encode_date_scalar};
use crate::credential::issuance::{message_context, nym_context, NYM_COUNT};
use crate::credential::json::{clip, clip_to};
use crate::credential::link::{recompute_link_t, LINK_SUITE};
use crate::credential::presentation::{credential_ph, CredentialProof, Presentation};
use crate::credential::presentation_error::{PresentationError, PresentationResult};
use crate::credential::request::{
    CompiledRequest, CredentialRequest, PresentationRequest, RequestId,
};
use crate::credential::schema::{
    schema_message_scalar, AttributeDef, Schema, EXPIRES_ON, ISSUED_ON,
};
use crate::credential::value::AttributeValue;
use crate::predicate::{verify_linked_deferred, LinkedCheck, PredicateError, ProofPoints};
use zkcred_bbs::{BlindDisclosure, Scalar as Fr};
use zkcred_pairing::Deferred;

impl Verifier {
    /// Checks one credential proof up to its pairings; returns its compiled request (for the
    /// predicates held) and the pairing equations of its Groth16 proofs and of its
    /// pseudonym-BBS proof, each with the error the presentation reports if it fails.
    /// `points`: whether the Groth16 points were checked when decoded.
    pub(super) fn verify_credential<'v>(
        &'v self,
        request: &PresentationRequest,
        request_id: &RequestId,
        presentation: &Presentation,
        req: &CredentialRequest,
        proof: &CredentialProof,
        points: ProofPoints,
    ) -> PresentationResult<(CompiledRequest, Deferred<'v, PresentationError>)> {
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
        let signer = self.signer(req, proof)?;
        let suite = signer.suite();
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
        // A hidden issuer hides the header with the domain: the schema message is disclosed.
        let mut disclosed = compiled.disclosed.clone();
        if let (Signer::Hidden { .. }, Some(index)) = (&signer, schema.schema_message_index()) {
            disclosed.push(index);
            scalars.push(schema_message_scalar(suite, schema.id())?);
        }
        let disclosed = &disclosed;
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
        let mut key_check = None;
        let result = verify_linked_deferred(
            &LinkedCheck {
                message_count: l,
                disclosed,
                disclosed_messages: &scalars,
                statements: &compiled.statements,
                attachments: &proof.predicate_proofs,
                challenge: c,
                points,
            },
            &self.keys,
            |j| p.hidden_response(disclosed, j),
            |ph_full| match &signer {
                Signer::Named(issuer) => nym.proof_verify_deferred(
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
                ),
                Signer::Hidden { keys, proof } => {
                    let [bbs, key] = nym.hidden_proof_verify_deferred(
                        keys,
                        proof,
                        ph_full,
                        presentation.context_id.as_bytes(),
                        l,
                        NYM_COUNT,
                        &disclosure,
                        &scalars,
                        &[],
                    )?;
                    key_check = Some(key);
                    Ok(bbs)
                }
            },
            &ph,
        );
        let pairings = match result {
            Ok(pairings) => {
                let mut mapped = Deferred::new();
                mapped.append(pairings, |e| credential_error(label, &compiled, proof, e));
                if let Some(key) = key_check {
                    // e(X', BP2) = e(U, W'): W' and X' carry one scalar.
                    mapped.defer(key, tampered("randomised issuer key (W', X')".into()));
                }
                mapped
            }
            Err(e) => return Err(credential_error(label, &compiled, proof, e)),
        };
        Ok((compiled, pairings))
    }
}

/// The presentation's error for a linked-proof failure of the credential `label`: expiry,
/// not-yet-valid and false disclosed predicates by name, missing keys, else tampering.
fn credential_error(
    label: &str,
    compiled: &CompiledRequest,
    proof: &CredentialProof,
    e: PredicateError,
) -> PresentationError {
    let tampered = |check: String| PresentationError::Tampered {
        label: label.to_owned(),
        check: clip_to(&check, MAX_CHECK_CHARS),
    };
    let shown = |name: &str, hidden: &str| {
        proof
            .disclosed
            .get(name)
            .map_or_else(|| hidden.to_owned(), |v| v.to_string())
    };
    match e {
        PredicateError::DisclosedPredicateFalse { statement, .. }
            if compiled.not_expired.contains(&statement) =>
        {
            PresentationError::CredentialExpired {
                label: label.to_owned(),
                expires_on: shown(EXPIRES_ON, "an earlier day"),
            }
        }
        PredicateError::DisclosedPredicateFalse { statement, .. }
            if compiled.already_issued.contains(&statement) =>
        {
            PresentationError::NotYetValid {
                label: label.to_owned(),
                date: format_date(compiled.date),
                issued_on: shown(ISSUED_ON, "a later day"),
            }
        }
        PredicateError::DisclosedPredicateFalse { statement, .. }
            if statement < compiled.descriptions.len() =>
        {
            let attribute = compiled.attributes[statement].clone();
            PresentationError::DisclosedPredicateFalse {
                label: label.to_owned(),
                value: shown(&attribute, "(not disclosed)"),
                attribute,
                predicate: compiled.descriptions[statement].clone(),
            }
        }
        PredicateError::MissingKey { statement, circuit } => PresentationError::MissingKey {
            label: label.to_owned(),
            predicate: compiled
                .descriptions
                .get(statement)
                .cloned()
                .unwrap_or_default(),
            circuit: circuit.to_string(),
        },
        e => tampered(e.to_string()),
    }
}

/// How many characters of a failed check's text a [`PresentationError::Tampered`] keeps
/// (the text may quote disclosed values).
const MAX_CHECK_CHARS: usize = 200;

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
                crate::credential::text::with_article(other.kind_name())
            )),
        };
    }
    let attr: &AttributeDef = schema.attribute(name).ok_or("unknown attribute")?;
    let scalar =
        crate::credential::encoding::encode(attr, value, ctx).map_err(|e| e.to_string())?;
    check_disclosed(attr, value, &scalar, ctx).map_err(|e| e.to_string())?;
    Ok(scalar)
}
