//! The issuer-hiding proof over blind signatures (blind draft 4.5-4.6): the blind draft's
//! combined scalars (m_1..m_L, spb, cm_1..cm_M) and generators, with the issuer-hiding core
//! ([`HiddenIssuerProofInit`]) in place of the draft's ProofInit. The challenge is the core
//! issuer-hiding one.

use super::accepted::AcceptedIssuers;
use super::proof::{both_hold, check_challenge, recompute, HiddenIssuerProof};
use super::HiddenIssuerProofInit;
use crate::blind::{BlindBbs, BlindDisclosure, SecretProverBlind};
use crate::error::Result;
use crate::proof::ProofRandomness;
use crate::signature::Signature;
use ark_bls12_381::Fr;
use rand_core::{CryptoRng, RngCore};
use zkcred_pairing::PairingCheck;

impl BlindBbs {
    /// Step 1 of an issuer-hiding BlindProofGen: as [`BlindBbs::proof_init`], with the
    /// signature's issuer at position `signer` of `accepted`, and ρ, domain~ and the OR-proof's
    /// randomness from `rng`.
    #[allow(clippy::too_many_arguments)]
    pub fn hidden_proof_init<R: RngCore + CryptoRng>(
        &self,
        accepted: &AcceptedIssuers,
        signer: usize,
        sig: &Signature,
        header: &[u8],
        messages: &[Fr],
        committed: &[Fr],
        blind: Option<&SecretProverBlind>,
        disclosure: &BlindDisclosure,
        randomness: &ProofRandomness,
        rng: &mut R,
    ) -> Result<HiddenIssuerProofInit> {
        self.init_parts(
            messages,
            committed,
            blind,
            disclosure,
            |ctx, scalars, indexes| {
                HiddenIssuerProofInit::new(
                    ctx,
                    accepted,
                    signer,
                    sig,
                    &[header],
                    scalars,
                    indexes,
                    randomness,
                    rng,
                )
            },
        )
    }

    /// An issuer-hiding BlindProofGen with fresh randomness.
    #[allow(clippy::too_many_arguments)]
    pub fn hidden_proof_gen<R: RngCore + CryptoRng>(
        &self,
        accepted: &AcceptedIssuers,
        signer: usize,
        sig: &Signature,
        header: &[u8],
        ph: &[u8],
        messages: &[Fr],
        committed: &[Fr],
        blind: Option<&SecretProverBlind>,
        disclosure: &BlindDisclosure,
        rng: &mut R,
    ) -> Result<HiddenIssuerProof> {
        let u = self.undisclosed_count(messages.len(), committed.len(), disclosure);
        let randomness = ProofRandomness::random(rng, u);
        let init = self.hidden_proof_init(
            accepted,
            signer,
            sig,
            header,
            messages,
            committed,
            blind,
            disclosure,
            &randomness,
            rng,
        )?;
        let c = init.challenge(ph)?;
        Ok(init.finalize(c))
    }

    /// Issuer-hiding BlindProofVerify up to its pairings (see
    /// [`crate::Bbs::hidden_proof_verify_deferred`]); no header (it is in the hidden domain).
    #[allow(clippy::too_many_arguments)]
    pub fn hidden_proof_verify_deferred(
        &self,
        accepted: &AcceptedIssuers,
        proof: &HiddenIssuerProof,
        ph: &[u8],
        l: usize,
        disclosure: &BlindDisclosure,
        disclosed_messages: &[Fr],
        disclosed_committed: &[Fr],
    ) -> Result<[PairingCheck<'static>; 2]> {
        self.verify_parts(
            &proof.proof,
            l,
            0,
            disclosure,
            disclosed_messages,
            disclosed_committed,
            |ctx, indexes, values| {
                let (rec, statement) = recompute(ctx, accepted, proof, indexes, values)?;
                check_challenge(ctx, proof, &rec, &statement, &[], ph, &[])
            },
        )
    }

    /// [`Self::hidden_proof_verify_deferred`], then both equations.
    #[allow(clippy::too_many_arguments)]
    pub fn hidden_proof_verify(
        &self,
        accepted: &AcceptedIssuers,
        proof: &HiddenIssuerProof,
        ph: &[u8],
        l: usize,
        disclosure: &BlindDisclosure,
        disclosed_messages: &[Fr],
        disclosed_committed: &[Fr],
    ) -> Result<()> {
        self.hidden_proof_verify_deferred(
            accepted,
            proof,
            ph,
            l,
            disclosure,
            disclosed_messages,
            disclosed_committed,
        )
        .and_then(both_hold)
    }
}
