//! The holder's side of a presentation: choosing a credential per requested credential (with a
//! clear reason when none fits) and proving with it (a pseudonym-BBS proof, linked predicate
//! proofs, the holder-secret link).

use super::date::format_date;
use super::hidden_proof::HiddenIssuerPart;
use super::hidden_set::hidden_keys;
use super::holder::{StoredCredential, Wallet};
use super::issuance::{message_context, nym_context};
use super::issuer::IssuerId;
use super::link::{LinkProver, LINK_SUITE};
use super::presentation::{credential_ph, CredentialProof, Presentation, RANDOM_CONTEXT_LEN};
use super::presentation_error::{PresentationError, PresentationResult};
use super::pseudonym_context::pseudonym_context_id;
use super::registry::TrustRegistry;
use super::request::{CompiledRequest, CredentialRequest, PresentationRequest, RequestId};
use super::schema::{EXPIRES_ON, ISSUED_ON};
use super::value::AttributeValue;
use crate::predicate::{prove_linked, HolderKeys, PredicateError};
use rand_chacha::ChaCha20Rng;
use rand_core::{CryptoRng, RngCore};
use std::collections::BTreeMap;
use zkcred_bbs::{BlindDisclosure, ProofRandomness, Scalar as Fr};
use zkcred_circuits::Date;

/// A stored credential chosen for a requested one, with its compiled request and messages.
struct Chosen<'a> {
    stored: &'a StoredCredential,
    compiled: CompiledRequest,
    messages: Vec<Fr>,
}

/// Why a candidate was refused, most specific last.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
enum Refusal {
    NoSchema,
    NoAcceptedIssuer,
    Predicate(String),
    NotYetValid(String),
    Expired(String),
}

/// Why `stored` is not valid on `date`, if it is not: the holder refuses before proving (the
/// verifier would refuse the proof anyway, and trying would only reveal the attempt).
fn validity_refusal(stored: &StoredCredential, date: Date) -> Option<Refusal> {
    let c = &stored.credential;
    if c.expires_on < date {
        Some(Refusal::Expired(format_date(c.expires_on)))
    } else if c.issued_on > date {
        Some(Refusal::NotYetValid(format_date(c.issued_on)))
    } else {
        None
    }
}

/// The first statement of `compiled` that does not hold for `messages`, as a refusal.
fn statement_refusal(
    compiled: &CompiledRequest,
    messages: &[Fr],
    stored: &StoredCredential,
) -> Option<Refusal> {
    let i = compiled.statements.iter().position(|st| {
        !messages
            .get(st.message_index)
            .is_some_and(|w| st.predicate.holds(w).unwrap_or(false))
    })?;
    let c = &stored.credential;
    Some(if compiled.not_expired.contains(&i) {
        Refusal::Expired(format_date(c.expires_on))
    } else if compiled.already_issued.contains(&i) {
        Refusal::NotYetValid(format_date(c.issued_on))
    } else {
        Refusal::Predicate(compiled.descriptions[i].clone())
    })
}

fn choose<'a>(
    wallet: &'a Wallet,
    req: &CredentialRequest,
    date: Date,
) -> PresentationResult<Chosen<'a>> {
    let in_hidden_set = |stored: &StoredCredential| {
        req.hide_issuer_among
            .as_ref()
            .is_none_or(|ids| ids.contains(stored.issuer.id()))
    };
    let mut worst = Refusal::NoSchema;
    let mut schema_name = req.schema_id.to_string();
    for stored in wallet.credentials.values() {
        if stored.credential.schema_id != req.schema_id {
            continue;
        }
        schema_name = stored.schema.name().to_owned();
        if !req.accepted_issuers.accepts(&stored.issuer) || !in_hidden_set(stored) {
            worst = worst.max(Refusal::NoAcceptedIssuer);
            continue;
        }
        if let Some(refusal) = validity_refusal(stored, date) {
            worst = worst.max(refusal);
            continue;
        }
        let ctx = message_context(stored.issuer.suite())?;
        let compiled = req.compile(&stored.schema, &ctx, date)?;
        let messages = stored.credential.signer_messages(&stored.schema, &ctx)?;
        match statement_refusal(&compiled, &messages, stored) {
            None => {
                return Ok(Chosen {
                    stored,
                    compiled,
                    messages,
                })
            }
            Some(refusal) => worst = worst.max(refusal),
        }
    }
    let label = req.label.clone();
    Err(match worst {
        Refusal::NoSchema => PresentationError::CannotSatisfy {
            label,
            reason: format!("no credential of schema {schema_name}"),
        },
        Refusal::NoAcceptedIssuer => PresentationError::CannotSatisfy {
            label,
            reason: format!("no credential of schema {schema_name} from an accepted issuer"),
        },
        Refusal::Predicate(what) => PresentationError::CannotSatisfy {
            label,
            reason: format!("predicate '{what}' does not hold for any credential"),
        },
        Refusal::NotYetValid(issued_on) => PresentationError::NotYetValid {
            label,
            date: format_date(date),
            issued_on,
        },
        Refusal::Expired(expires_on) => PresentationError::CredentialExpired { label, expires_on },
    })
}

/// [`Wallet::present`], after the request was authenticated.
pub(crate) fn present<R: RngCore + CryptoRng>(
    wallet: &Wallet,
    request: &PresentationRequest,
    issuers: &TrustRegistry,
    keys: &HolderKeys,
    rng: &mut R,
) -> PresentationResult<Presentation> {
    request.validate()?;
    let chosen = request
        .credentials
        .iter()
        .map(|req| choose(wallet, req, request.date()))
        .collect::<PresentationResult<Vec<_>>>()?;
    // The context comes from the authenticated verifier id and its scope, never from the raw
    // scope string (see `pseudonym_context`).
    let context_id = match &request.pseudonym_scope {
        Some(scope) => pseudonym_context_id(&request.verifier_id, scope),
        None => {
            let mut bytes = [0u8; RANDOM_CONTEXT_LEN];
            rng.fill_bytes(&mut bytes);
            hex::encode(bytes)
        }
    };
    let request_id = request.id();
    let mut link: Option<LinkProver> = None;
    if request.links_holder() {
        link = Some(LinkProver::new(LINK_SUITE, wallet.secret.scalar(), rng)?);
    }
    let mut credentials = Vec::with_capacity(chosen.len());
    for (req, c) in request.credentials.iter().zip(&chosen) {
        credentials.push(prove_one(
            wallet,
            request,
            &request_id,
            req,
            c,
            &context_id,
            link.as_ref(),
            issuers,
            keys,
            rng,
        )?);
    }
    Ok(Presentation {
        request_id,
        context_id,
        holder_link: link.as_ref().map(|l| *l.commitment()),
        credentials,
    })
}

/// The disclosed value of attribute `name` of a credential.
fn disclosed_value(stored: &StoredCredential, name: &str) -> Option<AttributeValue> {
    match name {
        ISSUED_ON => Some(AttributeValue::Date(stored.credential.issued_on)),
        EXPIRES_ON => Some(AttributeValue::Date(stored.credential.expires_on)),
        _ => stored.credential.attributes.get(name).cloned(),
    }
}

#[allow(clippy::too_many_arguments)]
fn prove_one<R: RngCore + CryptoRng>(
    wallet: &Wallet,
    request: &PresentationRequest,
    request_id: &RequestId,
    req: &CredentialRequest,
    c: &Chosen<'_>,
    context_id: &str,
    link: Option<&LinkProver>,
    issuers: &TrustRegistry,
    keys: &HolderKeys,
    rng: &mut R,
) -> PresentationResult<CredentialProof> {
    let stored = c.stored;
    let suite = stored.issuer.suite();
    let nym = nym_context(suite);
    let l = c.messages.len();
    let secret_index = l + 1;
    // With a hidden issuer: the accepted keys from the holder's own registry, the position
    // of its issuer, and the schema message disclosed (the header is hidden with the domain).
    let hidden = match &req.hide_issuer_among {
        None => None,
        Some(ids) => Some(hidden_signer(ids, issuers, stored, req)?),
    };
    let mut disclosed = c.compiled.disclosed.clone();
    if hidden.is_some() {
        disclosed.extend(stored.schema.schema_message_index());
    }
    let disclosed = &disclosed;
    let mut values = BTreeMap::new();
    for name in &c.compiled.disclosed_names {
        let v = disclosed_value(stored, name).ok_or_else(|| PresentationError::CannotSatisfy {
            label: req.label.clone(),
            reason: format!("the credential has no attribute '{name}'"),
        })?;
        values.insert(name.clone(), v);
    }
    // The holder secret's blinding, fixed so that the link can use it.
    let m_tilde = zkcred_bbs::hash::random_scalar(rng);
    let round = link.map(|lp| lp.round(&m_tilde, rng));
    let ph = credential_ph(
        request_id,
        &request.verifier_id,
        request.nonce.as_ref(),
        &req.label,
        link.zip(round.as_ref())
            .map(|(lp, r)| (lp.commitment(), r.t())),
    );
    let header = stored.schema.bbs_header();
    let committed = [*wallet.secret.scalar()];
    let disclosure = BlindDisclosure {
        signer: disclosed,
        committed: &[],
    };
    let undisclosed = nym.undisclosed_count(l, 1, stored.nym_secrets.len(), &disclosure);
    let randomness = |fixed: &[(usize, Fr)], bbs_rng: &mut ChaCha20Rng| {
        let mut randomness = ProofRandomness::random(bbs_rng, undisclosed);
        for (index, value) in fixed {
            let position = index - disclosed.partition_point(|d| d < index);
            randomness.set_message_blinding(position, *value)?;
        }
        Ok::<_, zkcred_bbs::Error>(randomness)
    };
    let proved = match &hidden {
        None => prove_linked(
            &c.messages,
            disclosed,
            &c.compiled.statements,
            keys,
            &ph,
            &[(secret_index, m_tilde)],
            |fixed: &[(usize, Fr)], bbs_rng: &mut ChaCha20Rng| {
                nym.proof_init(
                    stored.issuer.public_key(),
                    &stored.credential.signature,
                    &header,
                    &c.messages,
                    &committed,
                    &stored.prover_blind,
                    &stored.nym_secrets,
                    context_id.as_bytes(),
                    &disclosure,
                    &randomness(fixed, bbs_rng)?,
                )
            },
            rng,
        )
        .map(|p| (p.proof, None, p.attachments, p.challenge)),
        Some((accepted, signer)) => prove_linked(
            &c.messages,
            disclosed,
            &c.compiled.statements,
            keys,
            &ph,
            &[(secret_index, m_tilde)],
            |fixed: &[(usize, Fr)], bbs_rng: &mut ChaCha20Rng| {
                let r = randomness(fixed, bbs_rng)?;
                nym.hidden_proof_init(
                    accepted,
                    *signer,
                    &stored.credential.signature,
                    &header,
                    &c.messages,
                    &committed,
                    &stored.prover_blind,
                    &stored.nym_secrets,
                    context_id.as_bytes(),
                    &disclosure,
                    &r,
                    bbs_rng,
                )
            },
            rng,
        )
        .map(|p| {
            let (part, proof) = HiddenIssuerPart::split(&p.proof);
            (proof, Some(part), p.attachments, p.challenge)
        }),
    };
    let (proof, hidden_issuer, attachments, challenge) = proved.map_err(|e| match e {
        PredicateError::MissingKey { statement, circuit } => PresentationError::MissingKey {
            label: req.label.clone(),
            predicate: c
                .compiled
                .descriptions
                .get(statement)
                .cloned()
                .unwrap_or_default(),
            circuit: circuit.to_string(),
        },
        other => other.into(),
    })?;
    let link_response = link.zip(round).map(|(lp, r)| lp.respond(r, &challenge));
    Ok(CredentialProof {
        label: req.label.clone(),
        issuer_id: hidden_issuer
            .is_none()
            .then_some(stored.credential.issuer_id),
        schema_id: stored.credential.schema_id,
        disclosed: values,
        proof,
        hidden_issuer,
        predicate_proofs: attachments,
        link_response,
    })
}

/// The accepted set of a hidden-issuer request from the holder's registry (each listed id
/// known, with a hiding key: [`hidden_keys`]) and the position of the credential's issuer,
/// whose key in that registry must be the one that signed.
fn hidden_signer(
    ids: &[IssuerId],
    issuers: &TrustRegistry,
    stored: &StoredCredential,
    req: &CredentialRequest,
) -> PresentationResult<(zkcred_bbs::AcceptedIssuers, usize)> {
    let accepted = hidden_keys(issuers, ids)?;
    let signer = accepted
        .position(stored.issuer.public_key())
        .ok_or_else(|| PresentationError::CannotSatisfy {
            label: req.label.clone(),
            reason: "the credential's issuer is not in the hidden-issuer set with its key".into(),
        })?;
    Ok((accepted, signer))
}
