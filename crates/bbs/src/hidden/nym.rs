//! The issuer-hiding proof over signatures with nym secrets (pseudonym draft 4.4-4.5): the
//! pseudonym draft's combined scalars, header' and pseudonym / Ut / context id, with the
//! issuer-hiding core ([`HiddenIssuerProofInit`]) in place of the draft's ProofInit.
//!
//! c = H2S(R || (i, m_i) || Abar || Bbar' || D || T1 || T2 || W' || X' || accepted set ||
//! R_1..R_N || pseudonym || Ut || I2OSP(len(ph), 8) || ph || I2OSP(len(ctx), 8) || ctx,
//! api_id || "ISSUER_HIDING_H2S_").

use super::accepted::AcceptedIssuers;
use super::proof::{both_hold, check_challenge, recompute, HiddenIssuerProof};
use super::HiddenIssuerProofInit;
use crate::blind::{BlindDisclosure, SecretProverBlind};
use crate::error::Result;
use crate::nym::proof::with_nym_inputs;
use crate::nym::{NymBbs, NymSecrets, Pseudonym};
use crate::proof::ProofRandomness;
use crate::signature::Signature;
use ark_bls12_381::{Fr, G1Affine};
use rand_core::{CryptoRng, RngCore};
use zkcred_pairing::PairingCheck;

/// An issuer-hiding proof with a pseudonym: [`HiddenIssuerProof`] and the pseudonym.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HiddenIssuerNymProof {
    /// The issuer-hiding proof over the combined scalars.
    pub proof: HiddenIssuerProof,
    /// The pseudonym OP·Σ_i s_i·z^i for the proof's context id.
    pub pseudonym: Pseudonym,
}

/// Step 1 of an issuer-hiding proof with a pseudonym.
pub struct HiddenIssuerNymProofInit {
    init: HiddenIssuerProofInit,
    pseudonym: Pseudonym,
    ut: G1Affine,
    context_id: Vec<u8>,
}

impl HiddenIssuerNymProofInit {
    /// Step 2: the issuer-hiding challenge with `pseudonym || Ut` after the statement and the
    /// length-prefixed context id after ph.
    pub fn challenge(&self, ph: &[u8]) -> Result<Fr> {
        with_nym_inputs(
            &self.pseudonym,
            &self.ut,
            &self.context_id,
            |extra, trailer| self.init.challenge_with(extra, ph, trailer),
        )
    }

    /// Step 3: the responses and the pseudonym.
    pub fn finalize(self, c: Fr) -> HiddenIssuerNymProof {
        HiddenIssuerNymProof {
            proof: self.init.finalize(c),
            pseudonym: self.pseudonym,
        }
    }

    /// The blinding m~ of the hidden scalar at combined index `index`.
    pub fn message_blinding(&self, index: usize) -> Option<Fr> {
        self.init.message_blinding(index)
    }

    /// The pseudonym this proof will carry.
    pub fn pseudonym(&self) -> &Pseudonym {
        &self.pseudonym
    }
}

impl core::fmt::Debug for HiddenIssuerNymProofInit {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("HiddenIssuerNymProofInit")
            .field("init", &self.init)
            .field("pseudonym", &self.pseudonym)
            .finish_non_exhaustive()
    }
}

impl NymBbs {
    /// Step 1 of an issuer-hiding ProofGenWithNym: as [`NymBbs::proof_init`], with the
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
        blind: &SecretProverBlind,
        nym_secrets: &NymSecrets,
        context_id: &[u8],
        disclosure: &BlindDisclosure,
        randomness: &ProofRandomness,
        rng: &mut R,
    ) -> Result<HiddenIssuerNymProofInit> {
        let init = self.init_parts(
            header,
            messages,
            committed,
            blind,
            nym_secrets,
            disclosure,
            |ctx, header, scalars, indexes| {
                HiddenIssuerProofInit::new(
                    ctx, accepted, signer, sig, header, scalars, indexes, randomness, rng,
                )
            },
        )?;
        let (pseudonym, ut) = self.nym_points(
            &init.init,
            messages.len(),
            committed.len(),
            nym_secrets,
            context_id,
        )?;
        Ok(HiddenIssuerNymProofInit {
            init,
            pseudonym,
            ut,
            context_id: context_id.to_vec(),
        })
    }

    /// An issuer-hiding ProofGenWithNym with fresh randomness.
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
        blind: &SecretProverBlind,
        nym_secrets: &NymSecrets,
        context_id: &[u8],
        disclosure: &BlindDisclosure,
        rng: &mut R,
    ) -> Result<HiddenIssuerNymProof> {
        let u = self.undisclosed_count(
            messages.len(),
            committed.len(),
            nym_secrets.len(),
            disclosure,
        );
        let randomness = ProofRandomness::random(rng, u);
        let init = self.hidden_proof_init(
            accepted,
            signer,
            sig,
            header,
            messages,
            committed,
            blind,
            nym_secrets,
            context_id,
            disclosure,
            &randomness,
            rng,
        )?;
        let c = init.challenge(ph)?;
        Ok(init.finalize(c))
    }

    /// Issuer-hiding ProofVerifyWithNym up to its pairings (see
    /// [`crate::Bbs::hidden_proof_verify_deferred`]); no header (it is in the hidden domain).
    #[allow(clippy::too_many_arguments)]
    pub fn hidden_proof_verify_deferred(
        &self,
        accepted: &AcceptedIssuers,
        proof: &HiddenIssuerNymProof,
        ph: &[u8],
        context_id: &[u8],
        l: usize,
        nym_count: usize,
        disclosure: &BlindDisclosure,
        disclosed_messages: &[Fr],
        disclosed_committed: &[Fr],
    ) -> Result<[PairingCheck<'static>; 2]> {
        let hp = &proof.proof;
        self.verify_parts(
            &hp.proof,
            l,
            nym_count,
            disclosure,
            disclosed_messages,
            disclosed_committed,
            |ctx, indexes, values| {
                let (rec, statement) = recompute(ctx, accepted, hp, indexes, values)?;
                let uv = self.uv(&hp.proof, &proof.pseudonym, nym_count, context_id)?;
                with_nym_inputs(&proof.pseudonym, &uv, context_id, |extra, trailer| {
                    check_challenge(ctx, hp, &rec, &statement, extra, ph, trailer)
                })
            },
        )
    }

    /// [`Self::hidden_proof_verify_deferred`], then both equations.
    #[allow(clippy::too_many_arguments)]
    pub fn hidden_proof_verify(
        &self,
        accepted: &AcceptedIssuers,
        proof: &HiddenIssuerNymProof,
        ph: &[u8],
        context_id: &[u8],
        l: usize,
        nym_count: usize,
        disclosure: &BlindDisclosure,
        disclosed_messages: &[Fr],
        disclosed_committed: &[Fr],
    ) -> Result<()> {
        self.hidden_proof_verify_deferred(
            accepted,
            proof,
            ph,
            context_id,
            l,
            nym_count,
            disclosure,
            disclosed_messages,
            disclosed_committed,
        )
        .and_then(both_hold)
    }
}
