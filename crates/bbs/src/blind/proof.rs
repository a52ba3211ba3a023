//! BlindProofGen and BlindProofVerify (blind draft 4.5, 4.6): core proofs over the combined
//! vectors (m_1..m_L, spb, cm_1..cm_M) and generators (Q_1, H_1..H_L, Q_2, J_1..J_M).
//! Signer message i keeps index i; committed message j has index L + 1 + j; spb is hidden.

use super::types::SecretProverBlind;
use super::{combined_scalars, BlindBbs};
use crate::core_ops::CoreCtx;
use crate::error::{Error, Result};
use crate::indexes::check_indexes;
use crate::keys::PublicKey;
use crate::proof::{Proof, ProofInit, ProofRandomness};
use crate::signature::Signature;
use ark_bls12_381::Fr;
use ark_ff::Zero;
use rand_core::{CryptoRng, RngCore};
use zeroize::Zeroizing;
use zkcred_pairing::PairingCheck;

/// What a blind proof discloses: signer message indexes (0-based among the L signer messages)
/// and committed message indexes (0-based among the M committed messages), both ascending.
#[derive(Clone, Copy, Debug, Default)]
pub struct BlindDisclosure<'a> {
    /// Disclosed signer message indexes.
    pub signer: &'a [usize],
    /// Disclosed committed message indexes.
    pub committed: &'a [usize],
}

impl BlindDisclosure<'_> {
    /// The combined indexes: i for signer messages, L + 1 + j for committed ones.
    pub(crate) fn combined(&self, l: usize, m: usize) -> Result<Vec<usize>> {
        check_indexes(self.signer, l)?;
        check_indexes(self.committed, m)?;
        Ok(self
            .signer
            .iter()
            .copied()
            .chain(self.committed.iter().map(|&j| l + 1 + j))
            .collect())
    }
}

impl BlindBbs {
    /// Number of hidden combined scalars U (including spb) for a proof with this disclosure;
    /// a proof needs 5 + U random scalars.
    pub fn undisclosed_count(&self, l: usize, m: usize, disclosure: &BlindDisclosure) -> usize {
        (l + 1 + m).saturating_sub(disclosure.signer.len() + disclosure.committed.len())
    }

    /// Step 1 of BlindProofGen with explicit randomness (5 + U scalars in the draft order,
    /// m~ in ascending combined index). The returned [`ProofInit`] gives the challenge
    /// (`challenge(ph)`), the responses (`finalize(c)`) and the blindings of hidden scalars
    /// (`message_blinding(combined index)`), as for core proofs.
    #[allow(clippy::too_many_arguments)]
    pub fn proof_init(
        &self,
        pk: &PublicKey,
        sig: &Signature,
        header: &[u8],
        messages: &[Fr],
        committed: &[Fr],
        blind: Option<&SecretProverBlind>,
        disclosure: &BlindDisclosure,
        randomness: &ProofRandomness,
    ) -> Result<ProofInit> {
        self.init_parts(
            messages,
            committed,
            blind,
            disclosure,
            |ctx, scalars, indexes| {
                ctx.proof_init(pk, sig, &[header], scalars, indexes, randomness)
            },
        )
    }

    /// What every blind init shares: the combined scalars (m_1..m_L, spb, cm_1..cm_M) and
    /// indexes, handed to `make` with the core context over the combined generators (the
    /// draft's init, or the issuer-hiding one).
    pub(crate) fn init_parts<T>(
        &self,
        messages: &[Fr],
        committed: &[Fr],
        blind: Option<&SecretProverBlind>,
        disclosure: &BlindDisclosure,
        make: impl FnOnce(&CoreCtx<'_>, &[Fr], &[usize]) -> Result<T>,
    ) -> Result<T> {
        let spb = blind.map_or(Fr::zero(), |b| b.0);
        let scalars = Zeroizing::new(combined_scalars(messages, spb, committed));
        let indexes = disclosure.combined(messages.len(), committed.len())?;
        let gens = self.generators_for_scalars(messages.len(), scalars.len())?;
        make(&self.core(&gens), &scalars, &indexes)
    }

    /// BlindProofGen (draft 4.5) with fresh randomness from the caller's RNG.
    #[allow(clippy::too_many_arguments)]
    pub fn proof_gen<R: RngCore + CryptoRng>(
        &self,
        pk: &PublicKey,
        sig: &Signature,
        header: &[u8],
        ph: &[u8],
        messages: &[Fr],
        committed: &[Fr],
        blind: Option<&SecretProverBlind>,
        disclosure: &BlindDisclosure,
        rng: &mut R,
    ) -> Result<Proof> {
        let u = self.undisclosed_count(messages.len(), committed.len(), disclosure);
        let randomness = ProofRandomness::random(rng, u);
        let init = self.proof_init(
            pk,
            sig,
            header,
            messages,
            committed,
            blind,
            disclosure,
            &randomness,
        )?;
        let c = init.challenge(ph)?;
        Ok(init.finalize(c))
    }

    /// BlindProofVerify (draft 4.6). The verifier knows L; M follows from the proof length:
    /// M + 1 = U + R_signer + R_committed − L. `disclosed_messages` and
    /// `disclosed_committed` are the scalars of the disclosed messages, in index order.
    #[allow(clippy::too_many_arguments)]
    pub fn proof_verify(
        &self,
        pk: &PublicKey,
        proof: &Proof,
        header: &[u8],
        ph: &[u8],
        l: usize,
        disclosure: &BlindDisclosure,
        disclosed_messages: &[Fr],
        disclosed_committed: &[Fr],
    ) -> Result<()> {
        self.proof_verify_deferred(
            pk,
            proof,
            header,
            ph,
            l,
            disclosure,
            disclosed_messages,
            disclosed_committed,
        )
        .and_then(crate::proof::verify::holds)
    }

    /// [`Self::proof_verify`] up to its pairing: every other check, then the equation
    /// e(Abar, W) · e(−Bbar, BP2) = 1, returned instead of evaluated.
    #[allow(clippy::too_many_arguments)]
    pub fn proof_verify_deferred<'k>(
        &self,
        pk: &'k PublicKey,
        proof: &Proof,
        header: &[u8],
        ph: &[u8],
        l: usize,
        disclosure: &BlindDisclosure,
        disclosed_messages: &[Fr],
        disclosed_committed: &[Fr],
    ) -> Result<PairingCheck<'k>> {
        self.verify_parts(
            proof,
            l,
            0,
            disclosure,
            disclosed_messages,
            disclosed_committed,
            |ctx, indexes, values| {
                ctx.proof_verify_deferred(pk, proof, &[header], ph, indexes, values)
            },
        )
    }

    /// What every blind verification shares: M from the proof's length (`reserved` nym
    /// slots after the committed messages), the disclosed counts, the combined disclosed
    /// indexes and scalars, handed to `check` with the core context over the combined
    /// generators (M + `reserved` committed scalars).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn verify_parts<T>(
        &self,
        proof: &Proof,
        l: usize,
        reserved: usize,
        disclosure: &BlindDisclosure,
        disclosed_messages: &[Fr],
        disclosed_committed: &[Fr],
        check: impl FnOnce(&CoreCtx<'_>, &[usize], &[Fr]) -> Result<T>,
    ) -> Result<T> {
        let m = self.verifier_committed_count(proof, l, disclosure, reserved)?;
        if disclosed_messages.len() != disclosure.signer.len()
            || disclosed_committed.len() != disclosure.committed.len()
        {
            return Err(Error::DisclosedCountMismatch {
                indexes: disclosure.signer.len() + disclosure.committed.len(),
                messages: disclosed_messages.len() + disclosed_committed.len(),
            });
        }
        let indexes = disclosure.combined(l, m)?;
        let values: Vec<Fr> = disclosed_messages
            .iter()
            .chain(disclosed_committed)
            .copied()
            .collect();
        let gens = self.combined_generators(l, m + reserved)?;
        check(&self.core(&gens), &indexes, &values)
    }

    /// The committed-message count M a verifier derives from a proof:
    /// U + R − L − 1 − `reserved` (reserved = N nym slots), refusing impossible lengths.
    pub(crate) fn verifier_committed_count(
        &self,
        proof: &Proof,
        l: usize,
        disclosure: &BlindDisclosure,
        reserved: usize,
    ) -> Result<usize> {
        let total = proof
            .undisclosed_count()
            .checked_add(disclosure.signer.len())
            .and_then(|t| t.checked_add(disclosure.committed.len()))
            .ok_or(Error::InvalidProofLength(proof.encoded_len()))?;
        // Index checks in `BlindDisclosure::combined` then bound R_signer by L and
        // R_committed by M, so U covers spb, the hidden messages and the reserved slots.
        total
            .checked_sub(l + 1 + reserved)
            .ok_or(Error::InvalidProofLength(proof.encoded_len()))
    }
}
