//! Blind BBS signatures (draft-irtf-cfrg-bbs-blind-signatures, behaviour of the -01/-02
//! test vectors), both ciphersuites.
//!
//! The prover commits to messages the signer never sees; the signer signs its own messages
//! and the commitment; the prover then holds an ordinary BBS signature over the combined
//! vector (m_1..m_L, spb, cm_1..cm_M) with generators (Q_1, H_1..H_L, Q_2, J_1..J_M).
//!
//! * [`BlindBbs::commit`] / [`BlindBbs::commit_verify`] (draft 4.1, 4.2):
//!   `C = Q_2·spb + Σ J_i·cm_i` with a Schnorr proof of knowledge of its opening.
//! * [`BlindBbs::blind_sign`] (draft 4.3): `B = P1 + Q_1·domain + Σ H_i·m_i + C`,
//!   `e = H2S(SK || B)`, `A = B·1/(SK + e)`.
//! * [`BlindBbs::verify_blind_sign`] (draft 4.4): CoreVerify over the combined vectors.
//! * [`BlindBbs::proof_init`] / [`BlindBbs::proof_gen`] / [`BlindBbs::proof_verify`]
//!   (draft 4.5, 4.6): core proofs over the combined vectors. Committed message j sits at
//!   combined index `L + 1 + j` ([`BlindBbs::committed_index`]); spb (index L) is always hidden.
//!
//! The signer's api_id is `ciphersuite_id || "BLIND_H2G_HM2S_"`; the blind generators
//! (Q_2, J_1..) come from create_generators with api_id `"BLIND_" || api_id`.

pub mod commit;
pub mod proof;
pub mod sign;
pub mod types;

pub use proof::BlindDisclosure;
pub use types::{CommitmentWithProof, SecretProverBlind};

use crate::core_ops::CoreCtx;
use crate::error::{Error, Result};
use crate::generators::{create_generators, Generator, Generators};
use crate::suite::{Ciphersuite, Interface};
use ark_bls12_381::Fr;
use std::sync::Arc;

/// The default bound on the number of signer messages and of committed messages.
pub const DEFAULT_MAX_MESSAGES: usize = 256;

/// A blind-BBS context: a ciphersuite, an interface (Blind, or Pseudonym for
/// [`crate::nym::NymBbs`]) and bounds on the message counts. Generators are cached
/// process-wide, so the context is cheap to create and to clone.
#[derive(Clone)]
pub struct BlindBbs {
    suite: Ciphersuite,
    interface: Interface,
    api_id: Arc<[u8]>,
    blind_api_id: Arc<[u8]>,
    h2s_dst: Arc<[u8]>,
    map_dst: Arc<[u8]>,
    max_messages: usize,
}

impl BlindBbs {
    /// The blind interface (api_id = ciphersuite_id || "BLIND_H2G_HM2S_") for up to
    /// [`DEFAULT_MAX_MESSAGES`] signer and committed messages.
    pub fn new(suite: Ciphersuite) -> Self {
        Self::with_interface(suite, Interface::Blind, DEFAULT_MAX_MESSAGES)
    }

    /// A context over another interface's api_id, for at most `max_messages` signer messages
    /// and at most `max_messages` committed scalars. A verifier never derives generators
    /// beyond this bound, whatever the length of a proof or commitment.
    pub fn with_interface(suite: Ciphersuite, interface: Interface, max_messages: usize) -> Self {
        let api_id = suite.api_id(interface);
        Self {
            suite,
            interface,
            blind_api_id: [&b"BLIND_"[..], &api_id].concat().into(),
            h2s_dst: [&api_id[..], b"H2S_"].concat().into(),
            map_dst: [&api_id[..], b"MAP_MSG_TO_SCALAR_AS_HASH_"].concat().into(),
            api_id: api_id.into(),
            max_messages,
        }
    }

    /// The ciphersuite.
    pub fn suite(&self) -> Ciphersuite {
        self.suite
    }

    /// The interface whose api_id this context uses.
    pub fn interface(&self) -> Interface {
        self.interface
    }

    /// api_id of the signer generators and of every hash.
    pub fn api_id(&self) -> &[u8] {
        &self.api_id
    }

    /// `"BLIND_" || api_id`, the api_id of the blind generators (Q_2, J_1..).
    pub fn blind_api_id(&self) -> &[u8] {
        &self.blind_api_id
    }

    /// The bound on signer and on committed message counts.
    pub fn max_messages(&self) -> usize {
        self.max_messages
    }

    /// MapMessageToScalarAsHash under this api_id: H2S(msg, api_id || "MAP_MSG_TO_SCALAR_AS_HASH_").
    pub fn message_to_scalar(&self, msg: &[u8]) -> Result<Fr> {
        self.suite.hash_to_scalar(&[msg], &self.map_dst)
    }

    /// messages_to_scalars: each message mapped on its own.
    pub fn messages_to_scalars<M: AsRef<[u8]>>(&self, messages: &[M]) -> Result<Vec<Fr>> {
        messages
            .iter()
            .map(|m| self.message_to_scalar(m.as_ref()))
            .collect()
    }

    /// The combined index of committed message `j` when there are `l` signer messages:
    /// `l + 1 + j` (index `l` is the prover blind). Use it with
    /// [`crate::ProofInit::message_blinding`].
    pub fn committed_index(l: usize, j: usize) -> usize {
        l + 1 + j
    }

    fn check_count(&self, got: usize) -> Result<()> {
        if got > self.max_messages {
            return Err(Error::TooManyMessages {
                max: self.max_messages,
                got,
            });
        }
        Ok(())
    }

    /// The signer generators (Q_1, H_1..H_L).
    pub fn signer_generators(&self, l: usize) -> Result<Generators> {
        self.check_count(l)?;
        create_generators(self.suite, &self.api_id, l + 1)
    }

    /// The blind generators (Q_2, J_1..J_M) for `m` committed scalars.
    pub fn blind_generators(&self, m: usize) -> Result<Generators> {
        self.check_count(m)?;
        create_generators(self.suite, &self.blind_api_id, m + 1)
    }

    /// The combined generators for `total` scalars of which `l` are signer messages
    /// (M = total − L − 1 committed scalars after the prover blind).
    pub(crate) fn generators_for_scalars(
        &self,
        l: usize,
        total: usize,
    ) -> Result<Vec<Arc<Generator>>> {
        let m = total.checked_sub(l + 1).ok_or(Error::TooManyMessages {
            max: total,
            got: l + 1,
        })?;
        self.combined_generators(l, m)
    }

    /// (Q_1, H_1..H_L, Q_2, J_1..J_M): the generators of the combined signature.
    pub(crate) fn combined_generators(&self, l: usize, m: usize) -> Result<Vec<Arc<Generator>>> {
        let signer = self.signer_generators(l)?;
        let blind = self.blind_generators(m)?;
        Ok(signer[..l + 1]
            .iter()
            .chain(&blind[..m + 1])
            .cloned()
            .collect())
    }

    /// The core context over an explicit generator list.
    pub(crate) fn core<'a>(&'a self, gens: &'a [Arc<Generator>]) -> CoreCtx<'a> {
        CoreCtx {
            suite: self.suite,
            api_id: &self.api_id,
            h2s_dst: &self.h2s_dst,
            gens,
        }
    }

    pub(crate) fn h2s_dst(&self) -> &[u8] {
        &self.h2s_dst
    }
}

impl core::fmt::Debug for BlindBbs {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("BlindBbs")
            .field("suite", &self.suite)
            .field("interface", &self.interface)
            .field("max_messages", &self.max_messages)
            .finish()
    }
}

/// The combined scalar vector (m_1..m_L, spb, cm_1..cm_M).
pub(crate) fn combined_scalars(messages: &[Fr], spb: Fr, committed: &[Fr]) -> Vec<Fr> {
    let mut out = Vec::with_capacity(messages.len() + 1 + committed.len());
    out.extend_from_slice(messages);
    out.push(spb);
    out.extend_from_slice(committed);
    out
}
