//! Who signed a credential proof, as far as the verifier may know ([`Signer`]): a named
//! issuer (checked as always), or one of the request's hidden-issuer set (issue 11,
//! docs/SECURITY.md §7), whose keys come from the verifier's own registry.

use super::Verifier;
use crate::credential::hidden_set::{check_set_accepted, hidden_keys, HiddenIssuerError};
use crate::credential::issuer::IssuerPublicInfo;
use crate::credential::presentation::CredentialProof;
use crate::credential::presentation_error::{PresentationError, PresentationResult};
use crate::credential::request::CredentialRequest;
use crate::credential::CredentialError;
use zkcred_bbs::hidden::HiddenIssuerNymProof;
use zkcred_bbs::{AcceptedIssuers, Ciphersuite};

/// The signer of a credential proof.
pub(super) enum Signer<'v> {
    /// The issuer the proof names.
    Named(&'v IssuerPublicInfo),
    /// One of the request's set, and the issuer-hiding proof (its BBS part and the rest).
    Hidden {
        keys: AcceptedIssuers,
        proof: Box<HiddenIssuerNymProof>,
    },
}

impl Signer<'_> {
    /// The ciphersuite of the key (or of every key of the set).
    pub(super) fn suite(&self) -> Ciphersuite {
        match self {
            Signer::Named(info) => info.suite(),
            Signer::Hidden { keys, .. } => keys.suite(),
        }
    }
}

impl Verifier {
    /// Step 3's issuer checks. Named: in the registry, authorised for the schema, accepted by
    /// the request. Hidden (the request lists a set): the proof names no issuer and carries
    /// the issuer-hiding part; every listed issuer is in the verifier's registry, authorised
    /// for the schema and accepted by the request's policy (so the set can only narrow what
    /// the registry trusts), with a hiding key; the part states the set's N. A proof that
    /// names an issuer for a hidden request, or hides it for a named one, does not answer
    /// the request.
    pub(super) fn signer<'v>(
        &'v self,
        req: &CredentialRequest,
        proof: &CredentialProof,
    ) -> PresentationResult<Signer<'v>> {
        let label = &req.label;
        match (
            &req.hide_issuer_among,
            proof.issuer_id,
            &proof.hidden_issuer,
        ) {
            (None, Some(id), None) => {
                let issuer = self
                    .registry
                    .get(&id)
                    .ok_or_else(|| PresentationError::UntrustedIssuer(id.to_string()))?;
                if !self.registry.is_authorised(&id, &proof.schema_id) {
                    return Err(PresentationError::IssuerNotAuthorised {
                        label: label.clone(),
                        issuer: id.to_string(),
                        schema: proof.schema_id.to_string(),
                    });
                }
                if !req.accepted_issuers.accepts(issuer) {
                    return Err(PresentationError::IssuerNotAccepted {
                        label: label.clone(),
                        issuer: id.to_string(),
                    });
                }
                Ok(Signer::Named(issuer))
            }
            (Some(ids), None, Some(part)) => {
                check_set_accepted(&self.registry, &req.accepted_issuers, &req.schema_id, ids)
                    .map_err(|e| set_error(label, e))?;
                let keys = hidden_keys(&self.registry, ids).map_err(|e| set_error(label, e))?;
                let proof = part.join(&proof.proof, ids.len()).map_err(|e| {
                    PresentationError::Tampered {
                        label: label.clone(),
                        check: format!("issuer-hiding proof: {e}"),
                    }
                })?;
                Ok(Signer::Hidden {
                    keys,
                    proof: Box::new(proof),
                })
            }
            (None, _, _) => Err(PresentationError::RequestMismatch(format!(
                "credential '{label}' must name its issuer and carry no issuer-hiding proof"
            ))),
            (Some(_), _, _) => Err(PresentationError::RequestMismatch(format!(
                "credential '{label}' must hide its issuer: no issuer id, an issuer-hiding proof"
            ))),
        }
    }
}

/// A refused set as the presentation's error: unknown, unauthorised and unaccepted issuers
/// by the errors a named issuer gets.
fn set_error(label: &str, e: CredentialError) -> PresentationError {
    match e {
        CredentialError::HiddenIssuer(HiddenIssuerError::Unknown(id)) => {
            PresentationError::UntrustedIssuer(id)
        }
        CredentialError::HiddenIssuer(HiddenIssuerError::NotAccepted {
            issuer,
            schema,
            why,
        }) if why.starts_with("not authorised") => PresentationError::IssuerNotAuthorised {
            label: label.to_owned(),
            issuer,
            schema,
        },
        CredentialError::HiddenIssuer(HiddenIssuerError::NotAccepted { issuer, .. }) => {
            PresentationError::IssuerNotAccepted {
                label: label.to_owned(),
                issuer,
            }
        }
        other => other.into(),
    }
}
