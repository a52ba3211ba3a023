//! ProofGenWithNym and ProofVerifyWithNym (pseudonym draft 4.4, 4.5), split into
//! init / challenge / finalize like core proofs.
//!
//! The proof is a blind proof over (m_1..m_L, spb, cm_1..cm_M, s_0..s_{N-1}) with header'
//! = header || I2OSP(N, 8); the N nym secrets are always hidden and last. With m~ of the nym
//! slots, Ut = OP·Σ_i m~_i·z^i, and the challenge is the core one with
//! `pseudonym || Ut` before the domain and `I2OSP(len(ctx), 8) || ctx` after ph.
//! The verifier recomputes Uv = OP·Σ_i m^_i·z^i − pseudonym·c.

use super::pseudonym::poly_eval;
use super::sign::nym_scalars;
use super::types::{NymProof, NymSecrets, Pseudonym};
use super::{check_nym_count, nym_count_octets, NymBbs};
use crate::blind::{BlindDisclosure, SecretProverBlind};
use crate::core_ops::CoreCtx;
use crate::error::{Error, Result};
use crate::keys::PublicKey;
use crate::octets::{g1_to_bytes, i2osp8};
use crate::proof::verify::proof_pairing_check;
use crate::proof::{Proof, ProofInit, ProofRandomness};
use crate::signature::Signature;
use ark_bls12_381::{Fr, G1Affine};
use ark_ec::{AffineRepr, CurveGroup};
use rand_core::{CryptoRng, RngCore};
use zkcred_pairing::small_msm;
use zkcred_pairing::PairingCheck;

/// Step 1 of ProofGenWithNym: the core [`ProofInit`] over the combined vectors, the
/// pseudonym and Ut = OP·Σ_i m~_i·z^i. Then [`NymProofInit::challenge`] and
/// [`NymProofInit::finalize`], as for core proofs.
pub struct NymProofInit {
    init: ProofInit,
    pseudonym: Pseudonym,
    ut: G1Affine,
    context_id: Vec<u8>,
}

impl NymProofInit {
    /// Step 2: c = H2S(R || (i, m_i).. || Abar || Bbar || D || T1 || T2 || pseudonym || Ut ||
    /// domain || I2OSP(len(ph), 8) || ph || I2OSP(len(ctx), 8) || ctx). Anything else to bind
    /// (another proof's commitments) goes into `ph`.
    pub fn challenge(&self, ph: &[u8]) -> Result<Fr> {
        with_nym_inputs(
            &self.pseudonym,
            &self.ut,
            &self.context_id,
            |extra, trailer| self.init.challenge_with(extra, ph, trailer),
        )
    }

    /// Step 3: the core responses (e^ = e~ + e·c, r1^ = r1~ − r1·c, r3^ = r3~ − r3·c,
    /// m^_j = m~_j + m_j·c) and the pseudonym.
    pub fn finalize(self, c: Fr) -> NymProof {
        NymProof {
            proof: self.init.finalize(c),
            pseudonym: self.pseudonym,
        }
    }

    /// The blinding m~ of the hidden scalar at combined index `index` (signer message i at i,
    /// committed message j at L + 1 + j), to link another proof to it.
    pub fn message_blinding(&self, index: usize) -> Option<Fr> {
        self.init.message_blinding(index)
    }

    /// The pseudonym this proof will carry.
    pub fn pseudonym(&self) -> &Pseudonym {
        &self.pseudonym
    }

    /// The underlying core init (points, disclosed scalars, hidden indexes).
    pub fn core(&self) -> &ProofInit {
        &self.init
    }
}

impl core::fmt::Debug for NymProofInit {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("NymProofInit")
            .field("init", &self.init)
            .field("pseudonym", &self.pseudonym)
            .finish_non_exhaustive()
    }
}

impl NymBbs {
    /// Number of hidden combined scalars U (spb, hidden messages and the N nym secrets); a
    /// proof needs 5 + U random scalars.
    pub fn undisclosed_count(
        &self,
        l: usize,
        m: usize,
        nym_count: usize,
        disclosure: &BlindDisclosure,
    ) -> usize {
        self.blind.undisclosed_count(l, m, disclosure) + nym_count
    }

    /// Step 1 of ProofGenWithNym with explicit randomness (5 + U scalars, draft order).
    #[allow(clippy::too_many_arguments)]
    pub fn proof_init(
        &self,
        pk: &PublicKey,
        sig: &Signature,
        header: &[u8],
        messages: &[Fr],
        committed: &[Fr],
        blind: &SecretProverBlind,
        nym_secrets: &NymSecrets,
        context_id: &[u8],
        disclosure: &BlindDisclosure,
        randomness: &ProofRandomness,
    ) -> Result<NymProofInit> {
        let init = self.init_parts(
            header,
            messages,
            committed,
            blind,
            nym_secrets,
            disclosure,
            |ctx, header, scalars, indexes| {
                ctx.proof_init(pk, sig, header, scalars, indexes, randomness)
            },
        )?;
        let (pseudonym, ut) = self.nym_points(
            &init,
            messages.len(),
            committed.len(),
            nym_secrets,
            context_id,
        )?;
        Ok(NymProofInit {
            init,
            pseudonym,
            ut,
            context_id: context_id.to_vec(),
        })
    }

    /// What every ProofGenWithNym init shares: N checked, the combined scalars (m_1..m_L,
    /// spb, cm_1..cm_M, s_0..s_{N-1}), their disclosed indexes and header' = header ||
    /// I2OSP(N, 8), handed to `make` with the core context over the combined generators (the
    /// draft's init, or the issuer-hiding one).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn init_parts<T>(
        &self,
        header: &[u8],
        messages: &[Fr],
        committed: &[Fr],
        blind: &SecretProverBlind,
        nym_secrets: &NymSecrets,
        disclosure: &BlindDisclosure,
        make: impl FnOnce(&CoreCtx<'_>, &[&[u8]], &[Fr], &[usize]) -> Result<T>,
    ) -> Result<T> {
        let nyms = nym_secrets.len();
        check_nym_count(nyms, nyms)?;
        let l = messages.len();
        let scalars = nym_scalars(messages, blind, committed, nym_secrets);
        let indexes = disclosure.combined(l, committed.len())?;
        let n = nym_count_octets(nyms);
        let gens = self.blind.generators_for_scalars(l, scalars.len())?;
        make(&self.blind.core(&gens), &[header, &n], &scalars, &indexes)
    }

    /// The pseudonym OP·Σ_i s_i·z^i and Ut = OP·Σ_i m~_i·z^i of an init whose last N hidden
    /// scalars are the nym secrets.
    pub(crate) fn nym_points(
        &self,
        init: &ProofInit,
        l: usize,
        m: usize,
        nym_secrets: &NymSecrets,
        context_id: &[u8],
    ) -> Result<(Pseudonym, G1Affine)> {
        let nyms = nym_secrets.len();
        // The nym slots are hidden and last, so their blindings are the last N m~.
        let first_nym = l + 1 + m;
        let nym_tildes = (first_nym..first_nym + nyms)
            .map(|i| init.message_blinding(i))
            .collect::<Option<Vec<Fr>>>()
            .ok_or(Error::Degenerate("nym slot is not hidden"))?;
        let base = self.context_base(context_id)?;
        let points = zkcred_pairing::normalize(&[
            base.op * poly_eval(nym_secrets.scalars(), &base.z),
            base.op * poly_eval(&nym_tildes, &base.z),
        ]);
        if points[0].is_zero() {
            return Err(Error::Degenerate("pseudonym is the identity"));
        }
        Ok((Pseudonym(points[0]), points[1]))
    }

    /// ProofGenWithNym with fresh randomness from the caller's RNG.
    #[allow(clippy::too_many_arguments)]
    pub fn proof_gen<R: RngCore + CryptoRng>(
        &self,
        pk: &PublicKey,
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
    ) -> Result<NymProof> {
        let u = self.undisclosed_count(
            messages.len(),
            committed.len(),
            nym_secrets.len(),
            disclosure,
        );
        let randomness = ProofRandomness::random(rng, u);
        let init = self.proof_init(
            pk,
            sig,
            header,
            messages,
            committed,
            blind,
            nym_secrets,
            context_id,
            disclosure,
            &randomness,
        )?;
        let c = init.challenge(ph)?;
        Ok(init.finalize(c))
    }

    /// ProofVerifyWithNym. The verifier knows L and N; M follows from the proof length
    /// (M = U + R − L − 1 − N). Disclosed scalars are given in index order.
    #[allow(clippy::too_many_arguments)]
    pub fn proof_verify(
        &self,
        pk: &PublicKey,
        proof: &NymProof,
        header: &[u8],
        ph: &[u8],
        context_id: &[u8],
        l: usize,
        nym_count: usize,
        disclosure: &BlindDisclosure,
        disclosed_messages: &[Fr],
        disclosed_committed: &[Fr],
    ) -> Result<()> {
        self.proof_verify_deferred(
            pk,
            proof,
            header,
            ph,
            context_id,
            l,
            nym_count,
            disclosure,
            disclosed_messages,
            disclosed_committed,
        )
        .and_then(crate::proof::verify::holds)
    }

    /// [`Self::proof_verify`] up to its pairing: counts, indexes, T1, T2, Uv and the
    /// challenge, then the equation e(Abar, W) · e(−Bbar, BP2) = 1, returned instead of
    /// evaluated (alone: [`PairingCheck::holds`]; merged: [`zkcred_pairing::all_hold`]).
    #[allow(clippy::too_many_arguments)]
    pub fn proof_verify_deferred<'k>(
        &self,
        pk: &'k PublicKey,
        proof: &NymProof,
        header: &[u8],
        ph: &[u8],
        context_id: &[u8],
        l: usize,
        nym_count: usize,
        disclosure: &BlindDisclosure,
        disclosed_messages: &[Fr],
        disclosed_committed: &[Fr],
    ) -> Result<PairingCheck<'k>> {
        let p = &proof.proof;
        self.verify_parts(
            p,
            l,
            nym_count,
            disclosure,
            disclosed_messages,
            disclosed_committed,
            |ctx, indexes, values| {
                let n = nym_count_octets(nym_count);
                let rec = ctx.recompute(pk, p, &[header, &n], indexes, values)?;
                let uv = self.uv(p, &proof.pseudonym, nym_count, context_id)?;
                with_nym_inputs(&proof.pseudonym, &uv, context_id, |extra, trailer| {
                    ctx.check_challenge(p, &rec, extra, ph, trailer)
                })
            },
        )?;
        Ok(proof_pairing_check(pk, p))
    }

    /// What every ProofVerifyWithNym shares: N checked, then the blind draft's
    /// [`crate::BlindBbs::verify_parts`] with the N nym slots reserved after the committed
    /// messages.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn verify_parts<T>(
        &self,
        p: &Proof,
        l: usize,
        nym_count: usize,
        disclosure: &BlindDisclosure,
        disclosed_messages: &[Fr],
        disclosed_committed: &[Fr],
        check: impl FnOnce(&CoreCtx<'_>, &[usize], &[Fr]) -> Result<T>,
    ) -> Result<T> {
        check_nym_count(nym_count, p.undisclosed_count())?;
        self.blind.verify_parts(
            p,
            l,
            nym_count,
            disclosure,
            disclosed_messages,
            disclosed_committed,
            check,
        )
    }

    /// Uv = OP·Σ_i m^_i·z^i − pseudonym·c over the last N responses.
    pub(crate) fn uv(
        &self,
        p: &Proof,
        pseudonym: &Pseudonym,
        nym_count: usize,
        context_id: &[u8],
    ) -> Result<G1Affine> {
        let base = self.context_base(context_id)?;
        let m_hat = p.undisclosed_responses();
        let nym_hats = &m_hat[m_hat.len() - nym_count..];
        let uv = small_msm(
            &[base.op, pseudonym.0.into_group()],
            &[poly_eval(nym_hats, &base.z), -*p.challenge()],
        )
        .into_affine();
        Ok(uv)
    }
}

/// The pseudonym draft's challenge inputs, handed to `f` as (extra, trailer): `pseudonym || U`
/// (U = Ut for the prover, Uv for the verifier) before the domain, and
/// `I2OSP(len(ctx), 8) || ctx` after ph.
pub(crate) fn with_nym_inputs<T>(
    pseudonym: &Pseudonym,
    u: &G1Affine,
    context_id: &[u8],
    f: impl FnOnce(&[&[u8]], &[&[u8]]) -> T,
) -> T {
    let nym = pseudonym.to_bytes();
    let u = g1_to_bytes(u);
    let ctx_len = i2osp8(context_id.len());
    f(&[&nym, &u], &[&ctx_len, context_id])
}
