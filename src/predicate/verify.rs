//! The verifier: the BBS proof, every Groth16 proof and every link, against its own request.

use zkcred_bbs::{Bbs, PublicKey};
use zkcred_circuits::PredicateCircuit;
use zkcred_snark::{recompute_t_d, verify, CircuitId, Fr, G1Affine, PreparedVerifyingKey};

use super::error::{PredicateError, Result};
use super::keys::VerifierKeys;
use super::presentation::{PredicateAttachment, PredicatePresentation};
use super::statement::PredicateStatement;
use super::transcript::{presentation_header, TranscriptItem};

/// A statement on a hidden message, matched with its attachment and key.
struct Linked<'a> {
    statement: usize,
    message_index: usize,
    circuit_id: CircuitId,
    public_params: Vec<Fr>,
    pvk: &'a PreparedVerifyingKey,
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
///    statement's message and `c` the BBS challenge ([`PredicateError::Opening`] only for a
///    degenerate `D`);
/// 5. the BBS proof with `ph' = ph || (circuit id, j, p, A, B, C, D, T_D')` for every
///    attachment ([`PredicateError::BbsProof`]): its challenge matches only if every `T_D'`
///    equals the holder's `T_D`, i.e. each `D` opens to the signed `m_j`.
///
/// With the `parallel` feature, 3 runs beside 4-5; the error reported is the same.
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
    verify_linked(
        &LinkedCheck {
            message_count: count,
            disclosed,
            disclosed_messages,
            statements,
            attachments: &presentation.attachments,
            challenge: *proof.challenge(),
        },
        keys,
        |j| proof.hidden_response(disclosed, j),
        |ph_full| {
            bbs.proof_verify_scalars(pk, proof, header, ph_full, disclosed, disclosed_messages)
        },
        ph,
    )
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
}

/// [`verify_with_predicates`] over any BBS proof: `hidden_response(j)` gives the proof's
/// response `m^_j` of hidden message `j`, and `check_bbs(ph')` verifies the BBS proof with the
/// full presentation header (the caller's `ph` and every attachment with its rebuilt `T_D`).
/// Same checks and order as [`verify_with_predicates`].
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
    let LinkedCheck {
        message_count: count,
        disclosed,
        disclosed_messages,
        statements,
        attachments,
        challenge,
    } = *check;
    if disclosed.len() != disclosed_messages.len() {
        return Err(PredicateError::BbsProof(
            zkcred_bbs::Error::DisclosedCountMismatch {
                indexes: disclosed.len(),
                messages: disclosed_messages.len(),
            },
        ));
    }
    // 1-2: statements against the request; match attachments in order.
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
    let linked = hidden
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
        .collect::<Result<Vec<_>>>()?;

    // 3: Groth16.
    let groth16 = || -> Result<()> {
        let check = |l: &Linked<'_>| {
            verify(l.pvk, &l.attachment.proof, &l.public_params).map_err(|source| {
                PredicateError::Groth16 {
                    statement: l.statement,
                    source,
                }
            })
        };
        #[cfg(feature = "parallel")]
        {
            use rayon::prelude::*;
            // Collect in order so that the first failing statement is reported.
            linked
                .par_iter()
                .map(check)
                .collect::<Vec<_>>()
                .into_iter()
                .collect()
        }
        #[cfg(not(feature = "parallel"))]
        {
            linked.iter().try_for_each(check)
        }
    };

    // 4-5: openings and the BBS proof.
    let link = || -> Result<()> {
        let c = challenge;
        let t_ds = linked
            .iter()
            .map(|l| {
                let opening = |source| PredicateError::Opening {
                    statement: l.statement,
                    source,
                };
                // j is hidden and below the message count: the response exists.
                let m_hat = hidden_response(l.message_index).ok_or(
                    PredicateError::MessageIndexOutOfRange {
                        statement: l.statement,
                        index: l.message_index,
                        count,
                    },
                )?;
                recompute_t_d(
                    l.pvk.vk(),
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
        let ph_full = presentation_header(ph, &items);
        check_bbs(&ph_full).map_err(PredicateError::BbsProof)
    };

    #[cfg(feature = "parallel")]
    {
        let (g, b) = rayon::join(groth16, link);
        g.and(b)
    }
    #[cfg(not(feature = "parallel"))]
    {
        groth16()?;
        link()
    }
}
