//! BBS per-verifier linkability, i.e. pseudonyms (draft-irtf-cfrg-bbs-per-verifier-linkability-02,
//! behaviour of its test vectors), both ciphersuites.
//!
//! The prover commits to N >= 1 secret "prover nyms" next to its committed messages; the signer
//! adds its own entropy to the last one. The holder's nym secrets s_0..s_{N-1} are then signed
//! like committed messages and never disclosed. For a verifier's context id the pseudonym is
//! `OP·Σ_i s_i·z^i` with `OP = hash_to_curve_g1(ctx, api_id)` and
//! `z = H2S(ctx, api_id || "VECT_NYM_SECRETS")`: stable per (holder, context), unlinkable
//! across contexts.
//!
//! * [`NymBbs::commit_with_nym`] (draft 4.1), [`NymBbs::blind_sign_with_nym`] (4.2),
//!   [`NymBbs::verify_finalize_with_nym`] (4.3), [`NymBbs::pseudonym`],
//!   [`NymBbs::proof_init`] → [`NymProofInit`] (challenge / finalize), [`NymBbs::proof_gen`]
//!   and [`NymBbs::proof_verify`] (4.4, 4.5).
//!
//! api_id = ciphersuite_id || "H2G_HM2S_PSEUDONYM_" for everything, with blind generators
//! from `"BLIND_" || api_id`. The signed header is `header || I2OSP(N, 8)`.

pub mod commit;
pub mod proof;
pub mod pseudonym;
pub mod sign;
pub mod types;

pub use proof::NymProofInit;
pub use types::{NymProof, NymSecrets, Pseudonym};

use crate::blind::BlindBbs;
use crate::error::{Error, Result};
use crate::octets::i2osp8;
use crate::suite::{Ciphersuite, Interface};
use ark_bls12_381::Fr;

/// A pseudonym-BBS context: the blind machinery under the pseudonym api_id.
#[derive(Clone, Debug)]
pub struct NymBbs {
    blind: BlindBbs,
}

impl NymBbs {
    /// The pseudonym interface for up to [`crate::blind::DEFAULT_MAX_MESSAGES`] signer
    /// messages and committed scalars (committed messages plus N).
    pub fn new(suite: Ciphersuite) -> Self {
        Self::with_max_messages(suite, crate::blind::DEFAULT_MAX_MESSAGES)
    }

    /// With an explicit bound on signer messages and on committed scalars.
    pub fn with_max_messages(suite: Ciphersuite, max_messages: usize) -> Self {
        Self {
            blind: BlindBbs::with_interface(suite, Interface::Pseudonym, max_messages),
        }
    }

    /// The ciphersuite.
    pub fn suite(&self) -> Ciphersuite {
        self.blind.suite()
    }

    /// api_id = ciphersuite_id || "H2G_HM2S_PSEUDONYM_".
    pub fn api_id(&self) -> &[u8] {
        self.blind.api_id()
    }

    /// The blind machinery under this api_id (generators, message mapping, commitments).
    pub fn blind(&self) -> &BlindBbs {
        &self.blind
    }

    /// MapMessageToScalarAsHash under the pseudonym api_id.
    pub fn message_to_scalar(&self, msg: &[u8]) -> Result<Fr> {
        self.blind.message_to_scalar(msg)
    }

    /// messages_to_scalars under the pseudonym api_id.
    pub fn messages_to_scalars<M: AsRef<[u8]>>(&self, messages: &[M]) -> Result<Vec<Fr>> {
        self.blind.messages_to_scalars(messages)
    }
}

/// I2OSP(N, 8), appended to the header (header' = header || I2OSP(N, 8)).
pub(crate) fn nym_count_octets(n: usize) -> [u8; 8] {
    i2osp8(n)
}

/// Checks 1 <= N <= available.
pub(crate) fn check_nym_count(n: usize, available: usize) -> Result<()> {
    if n == 0 || n > available {
        return Err(Error::WrongNymCount { nyms: n, available });
    }
    Ok(())
}
