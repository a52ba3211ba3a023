//! BlindSignWithNym and VerifyFinalizeWithNym (pseudonym draft 4.2, 4.3).
//!
//! Sign: header' = header || I2OSP(N, 8); B = P1 + Q_1·domain + Σ H_i·m_i + C + J_{M+N}·sne
//! (sne = the signer's nym entropy); e = H2S(SK || B); A = B·1/(SK + e).
//! Finalize: nym_secrets = prover_nyms with the last one replaced by last + sne, then
//! CoreVerify over (m.., spb, cm.., nym_secrets..) with header'.

use super::types::NymSecrets;
use super::{check_nym_count, nym_count_octets, NymBbs};
use crate::blind::{combined_scalars, CommitmentWithProof, SecretProverBlind};
use crate::core_ops::SignatureTerms;
use crate::error::Result;
use crate::hash::random_scalar;
use crate::keys::{PublicKey, SecretKey};
use crate::signature::Signature;
use ark_bls12_381::Fr;
use rand_core::{CryptoRng, RngCore};
use zeroize::Zeroizing;

impl NymBbs {
    /// A fresh signer nym entropy (calculate_random_scalars(1)) from the caller's RNG. The
    /// signer sends it to the prover with the signature.
    pub fn signer_nym_entropy<R: RngCore + CryptoRng>(rng: &mut R) -> Fr {
        random_scalar(rng)
    }

    /// BlindSignWithNym: verifies the commitment, checks 1 <= N <= its committed count
    /// ([`crate::Error::WrongNymCount`]) and signs with header' = header || I2OSP(N, 8) and
    /// J_{M+N}·signer_nym_entropy added to B.
    #[allow(clippy::too_many_arguments)]
    pub fn blind_sign_with_nym(
        &self,
        sk: &SecretKey,
        pk: &PublicKey,
        commitment: &CommitmentWithProof,
        nym_count: usize,
        signer_nym_entropy: &Fr,
        header: &[u8],
        messages: &[Fr],
    ) -> Result<Signature> {
        check_nym_count(nym_count, commitment.committed_count())?;
        let n = nym_count_octets(nym_count);
        self.blind.blind_sign_inner(
            sk,
            pk,
            Some(commitment),
            &[header, &n],
            messages,
            Some(*signer_nym_entropy),
        )
    }

    /// VerifyFinalizeWithNym: computes the holder's nym secrets (the last prover nym plus the
    /// signer's entropy) and verifies the signature over (m.., spb, cm.., nym_secrets..) with
    /// header'. Returns the nym secrets to keep with the credential.
    #[allow(clippy::too_many_arguments)]
    pub fn verify_finalize_with_nym(
        &self,
        pk: &PublicKey,
        sig: &Signature,
        header: &[u8],
        messages: &[Fr],
        committed: &[Fr],
        prover_nyms: &NymSecrets,
        signer_nym_entropy: &Fr,
        blind: &SecretProverBlind,
    ) -> Result<NymSecrets> {
        check_nym_count(prover_nyms.len(), prover_nyms.len())?;
        let mut secrets = prover_nyms.clone();
        if let Some(last) = secrets.0.last_mut() {
            *last += signer_nym_entropy;
        }
        self.verify_with_nym_secrets(pk, sig, header, messages, committed, &secrets, blind)?;
        Ok(secrets)
    }

    /// Verifies a finalized credential: CoreVerify over (m.., spb, cm.., nym_secrets..) with
    /// header' = header || I2OSP(N, 8).
    #[allow(clippy::too_many_arguments)]
    pub fn verify_with_nym_secrets(
        &self,
        pk: &PublicKey,
        sig: &Signature,
        header: &[u8],
        messages: &[Fr],
        committed: &[Fr],
        nym_secrets: &NymSecrets,
        blind: &SecretProverBlind,
    ) -> Result<()> {
        self.signature_terms_with_nym_secrets(
            pk,
            sig,
            header,
            messages,
            committed,
            nym_secrets,
            blind,
        )?
        .verify()
    }

    /// What [`Self::verify_with_nym_secrets`] checks, before the pairing: W, (A, e) and B
    /// over (m.., spb, cm.., nym_secrets..) with header' = header || I2OSP(N, 8), for
    /// [`crate::batch_verify_signatures`]. `signature_terms_with_nym_secrets(..)?.verify()`
    /// is [`Self::verify_with_nym_secrets`].
    #[allow(clippy::too_many_arguments)]
    pub fn signature_terms_with_nym_secrets<'k>(
        &self,
        pk: &'k PublicKey,
        sig: &Signature,
        header: &[u8],
        messages: &[Fr],
        committed: &[Fr],
        nym_secrets: &NymSecrets,
        blind: &SecretProverBlind,
    ) -> Result<SignatureTerms<'k>> {
        let all = nym_scalars(messages, blind, committed, nym_secrets);
        let n = nym_count_octets(nym_secrets.len());
        self.blind
            .combined_terms(pk, sig, &[header, &n], messages.len(), &all)
    }
}

/// (m_1..m_L, spb, cm_1..cm_M, s_0..s_{N-1}).
pub(crate) fn nym_scalars(
    messages: &[Fr],
    blind: &SecretProverBlind,
    committed: &[Fr],
    nym_secrets: &NymSecrets,
) -> Zeroizing<Vec<Fr>> {
    let mut all = Zeroizing::new(combined_scalars(messages, *blind.scalar(), committed));
    all.extend_from_slice(nym_secrets.scalars());
    all
}
