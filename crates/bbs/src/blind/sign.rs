//! BlindSign and VerifyBlindSign (blind draft 4.3, 4.4).
//!
//! BlindSign: domain over (Q_1, H_1..H_L, Q_2, J_1..J_M); B = P1 + Q_1·domain + Σ H_i·m_i + C;
//! e = H2S(I2OSP(SK, 32) || B) (the vectors hash SK and B only); A = B·1/(SK + e), the
//! secret steps in constant time (module `ct_sign`).

use super::types::{CommitmentWithProof, SecretProverBlind};
use super::{combined_scalars, BlindBbs};
use crate::core_ops::SignatureTerms;
use crate::ct_sign::{sign_point, sk_octets};
use crate::error::Result;
use crate::generators::p1_generator;
use crate::keys::{PublicKey, SecretKey};
use crate::octets::{g1_to_bytes, G1_LEN, SCALAR_LEN};
use crate::signature::Signature;
use ark_bls12_381::Fr;
use ark_ec::{AffineRepr, CurveGroup};
use ark_ff::{Field, Zero};
use zeroize::Zeroizing;
use zkcred_pairing::fixed_base_sum;

impl BlindBbs {
    /// BlindSign (draft 4.3) over signer message scalars and an optional commitment, which is
    /// verified first ([`Error::InvalidCommitment`] if its proof fails). Without a commitment
    /// M = 0 and C is the identity.
    pub fn blind_sign(
        &self,
        sk: &SecretKey,
        pk: &PublicKey,
        commitment: Option<&CommitmentWithProof>,
        header: &[u8],
        messages: &[Fr],
    ) -> Result<Signature> {
        self.blind_sign_inner(sk, pk, commitment, &[header], messages, None)
    }

    /// The signing core shared with the pseudonym draft: `extra` adds J_M·extra to B (the
    /// signer's nym entropy on the last blind generator).
    pub(crate) fn blind_sign_inner(
        &self,
        sk: &SecretKey,
        pk: &PublicKey,
        commitment: Option<&CommitmentWithProof>,
        header: &[&[u8]],
        messages: &[Fr],
        extra: Option<Fr>,
    ) -> Result<Signature> {
        let m = commitment.map_or(0, |c| c.committed_count());
        if let Some(cwp) = commitment {
            self.commit_verify(cwp)?;
        }
        let l = messages.len();
        let gens = self.combined_generators(l, m)?;
        let ctx = self.core(&gens);
        let domain = ctx.domain(pk, header)?;
        let head = [
            (p1_generator(self.suite).table(), Fr::ONE),
            (gens[0].table(), domain),
        ];
        let extra_term = extra.map(|x| (gens[l + 1 + m].table(), x));
        let mut b = fixed_base_sum(
            head.into_iter()
                .chain(
                    gens[1..=l]
                        .iter()
                        .zip(messages)
                        .map(|(g, mi)| (g.table(), *mi)),
                )
                .chain(extra_term),
        );
        if let Some(cwp) = commitment {
            b += cwp.commitment;
        }
        let b = b.into_affine();
        let mut buf = Zeroizing::new([0u8; SCALAR_LEN + G1_LEN]);
        buf[..SCALAR_LEN].copy_from_slice(&sk_octets(sk)[..]);
        buf[SCALAR_LEN..].copy_from_slice(&g1_to_bytes(&b));
        let e = self.suite.hash_to_scalar_ct(&[&buf[..]], self.h2s_dst())?;
        let a = sign_point(&b.into_group(), sk, &e)?;
        Ok(Signature { a, e })
    }

    /// VerifyBlindSign (draft 4.4): CoreVerify with generators (Q_1, H_1..H_L, Q_2, J_1..J_M)
    /// and scalars (m_1..m_L, spb, cm_1..cm_M); spb = 0 when no commitment was used (`None`).
    pub fn verify_blind_sign(
        &self,
        pk: &PublicKey,
        sig: &Signature,
        header: &[u8],
        messages: &[Fr],
        committed: &[Fr],
        blind: Option<&SecretProverBlind>,
    ) -> Result<()> {
        self.blind_sign_terms(pk, sig, header, messages, committed, blind)?
            .verify()
    }

    /// What VerifyBlindSign checks, before the pairing: W, (A, e) and B over the combined
    /// vectors, for [`crate::batch_verify_signatures`]. `blind_sign_terms(..)?.verify()` is
    /// [`Self::verify_blind_sign`].
    pub fn blind_sign_terms<'k>(
        &self,
        pk: &'k PublicKey,
        sig: &Signature,
        header: &[u8],
        messages: &[Fr],
        committed: &[Fr],
        blind: Option<&SecretProverBlind>,
    ) -> Result<SignatureTerms<'k>> {
        let spb = blind.map_or(Fr::zero(), |b| b.0);
        let scalars = Zeroizing::new(combined_scalars(messages, spb, committed));
        self.combined_terms(pk, sig, &[header], messages.len(), &scalars)
    }

    /// CoreVerify's terms over the combined vectors (`l` signer messages first) with a header
    /// given in parts (pseudonym draft).
    pub(crate) fn combined_terms<'k>(
        &self,
        pk: &'k PublicKey,
        sig: &Signature,
        header: &[&[u8]],
        l: usize,
        scalars: &[Fr],
    ) -> Result<SignatureTerms<'k>> {
        let gens = self.generators_for_scalars(l, scalars.len())?;
        self.core(&gens).signature_terms(pk, sig, header, scalars)
    }
}
