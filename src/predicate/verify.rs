//! The verifier: the BBS proof, every Groth16 proof and every link, against its own request.
//!
//! Every check but the pairings runs first; the pairing equations (one per Groth16 proof,
//! one for the BBS proof) are returned as [`DeferredPairings`] (the `*_deferred` functions)
//! or evaluated together at the end in one merged multi-pairing (the others). Either way the
//! error reported is the one of the sequential order documented on
//! [`verify_with_predicates`]: when a later check fails, the deferred equations before it
//! are evaluated first ([`Deferred::first_failure_or`]).

use zkcred_bbs::{Bbs, PublicKey};
use zkcred_circuits::PredicateCircuit;
use zkcred_pairing::{Deferred, PairingCheck};
use zkcred_snark::{
    recompute_t_d_prechecked, verify_deferred, verify_deferred_decoded, CircuitId, Fr, G1Affine,
    PreparedVerifyingKey, SnarkError,
};

use super::error::{PredicateError, Result};
use super::keys::VerifierKeys;
use super::presentation::{PredicateAttachment, PredicatePresentation};
use super::statement::PredicateStatement;
use super::transcript::{presentation_header, TranscriptItem};

/// The pairing equations of a linked verification whose other checks all passed, in check
/// order (each Groth16 proof's, then the BBS proof's), each with the error its failure means
/// ([`PredicateError::Groth16`] / [`PredicateError::BbsProof`] with the layer's
/// `PairingCheckFailed`). Evaluate with [`Deferred::check`] (one merged multi-pairing) or
/// merge them with other presentations' equations.
pub type DeferredPairings<'k> = Deferred<'k, PredicateError>;

/// A statement on a hidden message, matched with its attachment and key.
struct Linked<'a, 'k> {
    statement: usize,
    message_index: usize,
    circuit_id: CircuitId,
    public_params: Vec<Fr>,
    pvk: &'k PreparedVerifyingKey,
    attachment: &'a PredicateAttachment,
}

/// Verifies a presentation against the verifier's request: the disclosed messages, the
/// statements (predicates on messages), and the same `header` and `ph` (nonce, verifier id)
/// the holder used.
///
/// Checks, in this order (the first failure is returned):
/// 1. every statement names a message of the credential; statements on disclosed messages hold
///    for the disclosed value (evaluated directly, no proof);
/// 2. one attachment per statement on a hidden message, and a key for its circuit;
/// 3. each Groth16 proof: `e(A, B) = e(alpha, beta)·e(IC_0 + D + Σ p_i·IC_{2+i}, gamma)·e(C, delta)`
///    with the verifier's own `p` ([`PredicateError::Groth16`]);
/// 4. each opening: `T_D' = m^_j·IC_1 + v^·IC_2 − c·D`, with `m^_j` the BBS response for the
///    statement's message and `c` the BBS challenge, one Straus–GLV sum
///    ([`PredicateError::Opening`] only for a wrong response count: `D` was checked in 3);
/// 5. the BBS proof with `ph' = ph || (circuit id, j, p, A, B, C, D, T_D')` for every
///    attachment ([`PredicateError::BbsProof`]): its challenge matches only if every `T_D'`
///    equals the holder's `T_D`, i.e. each `D` opens to the signed `m_j`.
///
/// The pairing equations of 3 and 5 are evaluated last, in one merged multi-pairing with
/// random weights from the operating system ([`verify_with_predicates_deferred`] returns
/// them instead); the error is still the first in the order above. With the `parallel`
/// feature, 3 runs beside 4-5.
#[allow(clippy::too_many_arguments)]
pub fn verify_with_predicates(
    bbs: &Bbs,
    pk: &PublicKey,
    presentation: &PredicatePresentation,
    header: &[u8],
    ph: &[u8],
    disclosed: &[usize],
    disclosed_messages: &[Fr],
    statements: &[PredicateStatement],
    keys: &VerifierKeys,
) -> Result<()> {
    let deferred = verify_with_predicates_deferred(
        bbs,
        pk,
        presentation,
        header,
        ph,
        disclosed,
        disclosed_messages,
        statements,
        keys,
    )?;
    crate::os_rng::check_deferred(deferred)
}

/// [`verify_with_predicates`] up to the pairings: every other check, then the pairing
/// equations of the Groth16 proofs and of the BBS proof ([`DeferredPairings`]).
#[allow(clippy::too_many_arguments)]
pub fn verify_with_predicates_deferred<'k>(
    bbs: &Bbs,
    pk: &'k PublicKey,
    presentation: &PredicatePresentation,
    header: &[u8],
    ph: &[u8],
    disclosed: &[usize],
    disclosed_messages: &[Fr],
    statements: &[PredicateStatement],
    keys: &'k VerifierKeys,
) -> Result<DeferredPairings<'k>> {
    let proof = &presentation.proof;
    if disclosed.len() != disclosed_messages.len() {
        return Err(PredicateError::BbsProof(
            zkcred_bbs::Error::DisclosedCountMismatch {
                indexes: disclosed.len(),
                messages: disclosed_messages.len(),
            },
        ));
    }
    if disclosed.windows(2).any(|w| w[0] >= w[1]) {
        return Err(PredicateError::BbsProof(zkcred_bbs::Error::UnsortedIndexes));
    }
    let count = disclosed.len().saturating_add(proof.undisclosed_count());
    verify_linked_deferred(
        &LinkedCheck {
            message_count: count,
            disclosed,
            disclosed_messages,
            statements,
            attachments: &presentation.attachments,
            challenge: *proof.challenge(),
            points: ProofPoints::Unchecked,
        },
        keys,
        |j| proof.hidden_response(disclosed, j),
        |ph_full| {
            bbs.proof_verify_scalars_deferred(
                pk,
                proof,
                header,
                ph_full,
                disclosed,
                disclosed_messages,
            )
        },
        ph,
    )
}

/// Whether the Groth16 proofs' points still need their curve and subgroup checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProofPoints {
    /// Built in memory (the fields are public): checked here, by [`verify_deferred`].
    Unchecked,
    /// Decoded from octets or JSON, which checked them: only "not the identity" is left
    /// ([`verify_deferred_decoded`]), so no point is subgroup-checked twice.
    Decoded,
}

/// What [`verify_linked`] checks the attachments against.
#[derive(Clone, Copy, Debug)]
pub struct LinkedCheck<'a> {
    /// Number of messages the statements may index (for pseudonym proofs: the signer messages).
    pub message_count: usize,
    /// Disclosed message indexes, ascending.
    pub disclosed: &'a [usize],
    /// Their values.
    pub disclosed_messages: &'a [Fr],
    /// The request's statements.
    pub statements: &'a [PredicateStatement],
    /// The attachments, one per statement on a hidden message.
    pub attachments: &'a [PredicateAttachment],
    /// The BBS proof's challenge `c`.
    pub challenge: Fr,
    /// Whether the attachments' points were checked when decoded.
    pub points: ProofPoints,
}

/// [`verify_with_predicates`] over any BBS proof: `hidden_response(j)` gives the proof's
/// response `m^_j` of hidden message `j`, and `check_bbs(ph')` verifies the BBS proof with the
/// full presentation header (the caller's `ph` and every attachment with its rebuilt `T_D`).
/// Same checks and order as [`verify_with_predicates`]; the Groth16 equations are evaluated
/// in one merged multi-pairing after `check_bbs`.
pub fn verify_linked<H, B>(
    check: &LinkedCheck<'_>,
    keys: &VerifierKeys,
    hidden_response: H,
    check_bbs: B,
    ph: &[u8],
) -> Result<()>
where
    H: Fn(usize) -> Option<Fr> + Sync,
    B: FnOnce(&[u8]) -> zkcred_bbs::Result<()> + Send,
{
    let deferred = verify_linked_deferred(
        check,
        keys,
        hidden_response,
        |ph_full| check_bbs(ph_full).map(|()| PairingCheck::new()),
        ph,
    )?;
    crate::os_rng::check_deferred(deferred)
}

/// [`verify_linked`] up to the pairings: `bbs_deferred(ph')` runs the BBS proof's checks
/// but its pairing, whose equation it returns (e.g.
/// [`zkcred_bbs::NymBbs::proof_verify_deferred`]). Returns the equations of every Groth16
/// proof and of the BBS proof, in check order, or the first failure of the sequential order
/// (a deferred equation before a failed later check is evaluated to decide which comes
/// first).
pub fn verify_linked_deferred<'k, H, B>(
    check: &LinkedCheck<'_>,
    keys: &'k VerifierKeys,
    hidden_response: H,
    bbs_deferred: B,
    ph: &[u8],
) -> Result<DeferredPairings<'k>>
where
    H: Fn(usize) -> Option<Fr> + Sync,
    B: FnOnce(&[u8]) -> zkcred_bbs::Result<PairingCheck<'k>> + Send,
{
    let linked = link_attachments(check, keys)?;
    let groth16 = || groth16_deferred(&linked, check.points);
    let bbs = || {
        let ph_full = rebuilt_ph(&linked, check, &hidden_response, ph)?;
        bbs_deferred(&ph_full).map_err(PredicateError::BbsProof)
    };
    #[cfg(feature = "parallel")]
    let (groth16, bbs) = rayon::join(groth16, bbs);
    #[cfg(not(feature = "parallel"))]
    let (groth16, bbs) = (groth16(), bbs());
    let mut deferred = groth16?;
    match bbs {
        Ok(c) => {
            let failed = PredicateError::BbsProof(zkcred_bbs::Error::PairingCheckFailed);
            deferred.defer(c, failed);
            Ok(deferred)
        }
        Err(e) => Err(deferred.first_failure_or(e)),
    }
}

/// Steps 1-2: the statements against the disclosed values, and one attachment with a key of
/// the right shape per statement on a hidden message, in order.
fn link_attachments<'a, 'k>(
    check: &LinkedCheck<'a>,
    keys: &'k VerifierKeys,
) -> Result<Vec<Linked<'a, 'k>>> {
    let LinkedCheck {
        message_count: count,
        disclosed,
        disclosed_messages,
        statements,
        attachments,
        ..
    } = *check;
    if disclosed.len() != disclosed_messages.len() {
        return Err(PredicateError::BbsProof(
            zkcred_bbs::Error::DisclosedCountMismatch {
                indexes: disclosed.len(),
                messages: disclosed_messages.len(),
            },
        ));
    }
    let mut hidden = Vec::new();
    for (statement, st) in statements.iter().enumerate() {
        let j = st.message_index;
        if j >= count {
            return Err(PredicateError::MessageIndexOutOfRange {
                statement,
                index: j,
                count,
            });
        }
        let invalid = |source| PredicateError::InvalidPredicate { statement, source };
        if let Ok(pos) = disclosed.binary_search(&j) {
            if !st
                .predicate
                .holds(&disclosed_messages[pos])
                .map_err(invalid)?
            {
                return Err(PredicateError::DisclosedPredicateFalse {
                    statement,
                    index: j,
                    predicate: st.predicate.to_string(),
                });
            }
            continue;
        }
        let circuit = st.predicate.circuit().map_err(invalid)?;
        hidden.push((statement, j, circuit));
    }
    if hidden.len() != attachments.len() {
        return Err(PredicateError::AttachmentCount {
            expected: hidden.len(),
            got: attachments.len(),
        });
    }
    hidden
        .into_iter()
        .zip(attachments)
        .map(|((statement, message_index, circuit), attachment)| {
            let circuit_id = circuit.circuit_id();
            let public_params = circuit.public_params();
            let pvk = keys.get(&circuit_id).ok_or(PredicateError::MissingKey {
                statement,
                circuit: circuit_id,
            })?;
            let vk = pvk.vk();
            if vk.num_committed() != 1 || vk.num_public_params() != public_params.len() {
                return Err(PredicateError::KeyShape {
                    statement,
                    circuit: circuit_id,
                });
            }
            Ok(Linked {
                statement,
                message_index,
                circuit_id,
                public_params,
                pvk,
                attachment,
            })
        })
        .collect()
}

/// Step 3 up to the pairings: each Groth16 proof's counts and points, and its equation.
/// A proof that fails those checks after an earlier proof's equation was deferred reports
/// whichever fails first in statement order.
fn groth16_deferred<'k>(
    linked: &[Linked<'_, 'k>],
    points: ProofPoints,
) -> Result<DeferredPairings<'k>> {
    let verify = match points {
        ProofPoints::Unchecked => verify_deferred,
        ProofPoints::Decoded => verify_deferred_decoded,
    };
    let deferred_one = |l: &Linked<'_, 'k>| {
        verify(l.pvk, &l.attachment.proof, &l.public_params).map_err(|source| {
            PredicateError::Groth16 {
                statement: l.statement,
                source,
            }
        })
    };
    #[cfg(feature = "parallel")]
    let checks: Vec<_> = {
        use rayon::prelude::*;
        linked.par_iter().map(deferred_one).collect()
    };
    #[cfg(not(feature = "parallel"))]
    let checks: Vec<_> = linked.iter().map(deferred_one).collect();
    let mut deferred = Deferred::new();
    for (l, check) in linked.iter().zip(checks) {
        match check {
            Ok(c) => deferred.defer(
                c,
                PredicateError::Groth16 {
                    statement: l.statement,
                    source: SnarkError::PairingCheckFailed,
                },
            ),
            Err(e) => return Err(deferred.first_failure_or(e)),
        }
    }
    Ok(deferred)
}

/// Step 4: every opening's `T_D' = m^_j·IC_1 + v^·IC_2 − c·D`, and the full `ph'` of the BBS
/// proof with them.
fn rebuilt_ph<H>(
    linked: &[Linked<'_, '_>],
    check: &LinkedCheck<'_>,
    hidden_response: &H,
    ph: &[u8],
) -> Result<Vec<u8>>
where
    H: Fn(usize) -> Option<Fr>,
{
    let c = check.challenge;
    let t_ds = linked
        .iter()
        .map(|l| {
            let opening = |source| PredicateError::Opening {
                statement: l.statement,
                source,
            };
            // j is hidden and below the message count: the response exists.
            let m_hat =
                hidden_response(l.message_index).ok_or(PredicateError::MessageIndexOutOfRange {
                    statement: l.statement,
                    index: l.message_index,
                    count: check.message_count,
                })?;
            // D was checked by `groth16_deferred`, whose error comes first.
            recompute_t_d_prechecked(
                l.pvk,
                &l.attachment.proof.d,
                &[m_hat],
                &l.attachment.response,
                &c,
            )
            .map_err(opening)
        })
        .collect::<Result<Vec<G1Affine>>>()?;
    let items: Vec<TranscriptItem<'_>> = linked
        .iter()
        .zip(&t_ds)
        .map(|(l, t_d)| TranscriptItem {
            circuit_id: l.circuit_id,
            message_index: l.message_index,
            public_params: &l.public_params,
            proof: &l.attachment.proof,
            t_d,
        })
        .collect();
    Ok(presentation_header(ph, &items))
}
