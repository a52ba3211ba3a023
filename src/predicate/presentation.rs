//! The presentation: a BBS proof and one attachment `(A, B, C, D, v^)` per predicate on a
//! hidden message; octets and serde.
//!
//! | part | layout | bytes |
//! |---|---|---|
//! | BBS proof | draft octets `Abar \|\| Bbar \|\| D \|\| e^ \|\| r1^ \|\| r3^ \|\| m^_1..m^_U \|\| c` | 272 + 32·U |
//! | attachment | `A \|\| B \|\| C \|\| D \|\| v^` | 240 + 32 = 272 |
//!
//! The statements (message index, circuit, public parameters) are not sent: they are the
//! verifier's request, and are bound to the proof through `ph'`. The octets are
//! `bbs_proof || attachment_1 || ... || attachment_n`; the decoder takes `n` from the request.
//! For 10 messages with 2 disclosed and one predicate: 528 + 272 = 800 bytes.

use serde::{Deserialize, Serialize};
use zkcred_bbs::Proof;
use zkcred_snark::{
    encoding::{COMMITTED_PROOF_LEN, SCALAR_LEN},
    CommittedProof, OpeningResponse,
};

use super::error::{PredicateError, Result};

/// Length of one encoded attachment: `A || B || C || D || v^`, 272 bytes.
pub const ATTACHMENT_LEN: usize = COMMITTED_PROOF_LEN + SCALAR_LEN;

/// The proof of one predicate on a hidden message: the Groth16 proof `(A, B, C)`, the
/// commitment `D = w·IC_1 + v·IC_2` and the opening response `v^ = v~ + c·v`. JSON:
/// `{"proof": hex of A || B || C || D (240 bytes), "response": hex of v^ (32 bytes)}`, no
/// other field.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PredicateAttachment {
    /// `(A, B, C)` and `D`.
    pub proof: CommittedProof,
    /// `v^`.
    pub response: OpeningResponse,
}

impl PredicateAttachment {
    /// `A || B || C || D || v^`, 272 bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = self.proof.to_bytes();
        out.extend_from_slice(&self.response.to_bytes());
        out
    }

    /// Parses 272 bytes; points must be valid subgroup elements, `v^ < r`.
    pub fn from_bytes(bytes: &[u8]) -> zkcred_snark::Result<Self> {
        if bytes.len() != ATTACHMENT_LEN {
            return Err(zkcred_snark::SnarkError::InvalidLength {
                expected: ATTACHMENT_LEN,
                got: bytes.len(),
            });
        }
        let (proof, response) = bytes.split_at(COMMITTED_PROOF_LEN);
        Ok(PredicateAttachment {
            proof: CommittedProof::from_bytes(proof)?,
            response: OpeningResponse::from_bytes(response)?,
        })
    }
}

/// A BBS proof whose challenge binds every predicate attachment, and the attachments in the
/// order of the request's predicates on hidden messages.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PredicatePresentation {
    /// The BBS proof (its `ph` is `ph'` of [`transcript`](super::transcript)).
    pub proof: Proof,
    /// One per predicate on a hidden message.
    pub attachments: Vec<PredicateAttachment>,
}

impl PredicatePresentation {
    /// `bbs_proof || attachment_1 || ... || attachment_n`.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.encoded_len());
        out.extend_from_slice(&self.proof.to_bytes());
        for a in &self.attachments {
            out.extend_from_slice(&a.to_bytes());
        }
        out
    }

    /// `272 + 32·U + 272·n` bytes.
    pub fn encoded_len(&self) -> usize {
        self.proof.encoded_len() + ATTACHMENT_LEN * self.attachments.len()
    }

    /// Parses [`Self::to_bytes`] for a request with `num_attachments` predicates on hidden
    /// messages. Never panics; every point and scalar is validated.
    pub fn from_bytes(bytes: &[u8], num_attachments: usize) -> Result<Self> {
        let tail = num_attachments
            .checked_mul(ATTACHMENT_LEN)
            .filter(|&t| t <= bytes.len())
            .ok_or(PredicateError::EncodingLength {
                got: bytes.len(),
                attachments: num_attachments,
            })?;
        let (proof, rest) = bytes.split_at(bytes.len() - tail);
        let proof = Proof::from_bytes(proof).map_err(PredicateError::BbsEncoding)?;
        let attachments = rest
            .chunks_exact(ATTACHMENT_LEN)
            .enumerate()
            .map(|(attachment, b)| {
                PredicateAttachment::from_bytes(b)
                    .map_err(|source| PredicateError::AttachmentEncoding { attachment, source })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(PredicatePresentation { proof, attachments })
    }
}
