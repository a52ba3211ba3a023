//! ProofVerify (draft 3.6.4): recompute T1, T2 and the challenge, then one pairing check,
//! evaluated now or returned to the caller ([`CoreCtx::proof_verify_deferred`]).

use super::challenge::ChallengeInput;
use super::types::Proof;
use crate::core_ops::{w_bp2_check, CoreCtx};
use crate::error::{Error, Result};
use crate::generators::p1_generator;
use crate::indexes::{check_indexes, undisclosed};
use crate::keys::PublicKey;
use ark_bls12_381::{Fr, G1Affine};
use ark_ec::AffineRepr;
use zkcred_pairing::fixed_base_sum;
use zkcred_pairing::small_msm;
use zkcred_pairing::PairingCheck;

/// The verifier's recomputation of one proof: domain and the points to hash.
pub(crate) struct Recomputed {
    /// The public domain; `None` when it is hidden (issuer hiding).
    pub domain: Option<Fr>,
    pub points: [G1Affine; 5],
    pub disclosed: Vec<(usize, Fr)>,
}

/// How the verifier sees the domain: the public value (the draft), or the response
/// domain^ = domain~ + domain·c of a hidden domain (issuer hiding), which enters T2 as
/// Q_1·domain^ in place of Q_1·domain·c.
#[derive(Clone, Copy)]
pub(crate) enum DomainTerm {
    Public(Fr),
    HiddenResponse(Fr),
}

impl CoreCtx<'_> {
    /// T1 = Bbar·c + Abar·e^ + D·r1^ and
    /// T2 = (P1 + Q_1·domain + sum_{disclosed} H_i·m_i)·c + D·r3^ + sum_{hidden} H_j·m^_j.
    pub(crate) fn recompute(
        &self,
        pk: &PublicKey,
        proof: &Proof,
        header: &[&[u8]],
        disclosed_indexes: &[usize],
        disclosed_messages: &[Fr],
    ) -> Result<Recomputed> {
        self.check_verify_counts(proof, disclosed_indexes, disclosed_messages)?;
        let domain = DomainTerm::Public(self.domain(pk, header)?);
        self.recompute_with(domain, proof, disclosed_indexes, disclosed_messages)
    }

    /// Counts and indexes of a proof to verify, before any hashing or curve arithmetic.
    pub(crate) fn check_verify_counts(
        &self,
        proof: &Proof,
        disclosed_indexes: &[usize],
        disclosed_messages: &[Fr],
    ) -> Result<()> {
        if disclosed_indexes.len() != disclosed_messages.len() {
            return Err(Error::DisclosedCountMismatch {
                indexes: disclosed_indexes.len(),
                messages: disclosed_messages.len(),
            });
        }
        let l = self.len();
        if disclosed_indexes.len() + proof.m_hat.len() != l {
            return Err(Error::TooManyMessages {
                max: l,
                got: disclosed_indexes.len() + proof.m_hat.len(),
            });
        }
        check_indexes(disclosed_indexes, l)
    }

    /// [`Self::recompute`] with the domain public or hidden ([`DomainTerm`]).
    pub(crate) fn recompute_with(
        &self,
        domain: DomainTerm,
        proof: &Proof,
        disclosed_indexes: &[usize],
        disclosed_messages: &[Fr],
    ) -> Result<Recomputed> {
        self.check_verify_counts(proof, disclosed_indexes, disclosed_messages)?;
        let l = self.len();
        let c = proof.challenge;
        let d = proof.d.into_group();
        let t1 = small_msm(
            &[proof.b_bar.into_group(), proof.a_bar.into_group(), d],
            &[c, proof.e_hat, proof.r1_hat],
        );
        let hidden = undisclosed(disclosed_indexes, l);
        let fixed = [
            (p1_generator(self.suite).table(), c),
            (
                self.gens[0].table(),
                match domain {
                    DomainTerm::Public(d) => d * c,
                    DomainTerm::HiddenResponse(d_hat) => d_hat,
                },
            ),
        ];
        let disclosed_terms = disclosed_indexes
            .iter()
            .zip(disclosed_messages)
            .map(|(&i, m)| (self.gens[1 + i].table(), *m * c));
        let hidden_terms = hidden
            .iter()
            .zip(&proof.m_hat)
            .map(|(&j, mh)| (self.gens[1 + j].table(), *mh));
        let t2 = small_msm(&[d], &[proof.r3_hat])
            + fixed_base_sum(fixed.into_iter().chain(disclosed_terms).chain(hidden_terms));
        let affine = zkcred_pairing::normalize(&[t1, t2]);
        Ok(Recomputed {
            domain: match domain {
                DomainTerm::Public(d) => Some(d),
                DomainTerm::HiddenResponse(_) => None,
            },
            points: [proof.a_bar, proof.b_bar, proof.d, affine[0], affine[1]],
            disclosed: disclosed_indexes
                .iter()
                .copied()
                .zip(disclosed_messages.iter().copied())
                .collect(),
        })
    }

    /// Recomputes the challenge (with optional pseudonym extras) and compares it with the proof's.
    pub(crate) fn check_challenge(
        &self,
        proof: &Proof,
        rec: &Recomputed,
        extra: &[&[u8]],
        ph: &[u8],
        trailer: &[&[u8]],
    ) -> Result<()> {
        self.check_challenge_dst(proof, rec, extra, ph, trailer, self.h2s_dst)
    }

    /// [`Self::check_challenge`] under a given hash_to_scalar DST (issuer hiding has its own).
    pub(crate) fn check_challenge_dst(
        &self,
        proof: &Proof,
        rec: &Recomputed,
        extra: &[&[u8]],
        ph: &[u8],
        trailer: &[&[u8]],
        dst: &[u8],
    ) -> Result<()> {
        let c = ChallengeInput {
            disclosed: &rec.disclosed,
            points: &rec.points,
            extra,
            domain: rec.domain.as_ref(),
            ph,
            trailer,
        }
        .hash(self.suite, dst)?;
        if c != proof.challenge {
            return Err(Error::ChallengeMismatch);
        }
        Ok(())
    }

    /// CoreProofVerify: [`Self::proof_verify_deferred`], then its pairing equation.
    pub fn proof_verify(
        &self,
        pk: &PublicKey,
        proof: &Proof,
        header: &[&[u8]],
        ph: &[u8],
        disclosed_indexes: &[usize],
        disclosed_messages: &[Fr],
    ) -> Result<()> {
        self.proof_verify_deferred(pk, proof, header, ph, disclosed_indexes, disclosed_messages)
            .and_then(holds)
    }

    /// CoreProofVerify up to its pairing (counts, indexes, T1, T2, the challenge), returning
    /// the equation e(Abar, W) · e(−Bbar, BP2) = 1 instead of evaluating it.
    pub fn proof_verify_deferred<'k>(
        &self,
        pk: &'k PublicKey,
        proof: &Proof,
        header: &[&[u8]],
        ph: &[u8],
        disclosed_indexes: &[usize],
        disclosed_messages: &[Fr],
    ) -> Result<PairingCheck<'k>> {
        let rec = self.recompute(pk, proof, header, disclosed_indexes, disclosed_messages)?;
        self.check_challenge(proof, &rec, &[], ph, &[])?;
        Ok(proof_pairing_check(pk, proof))
    }
}

/// The pairing equation of a proof (ProofVerify step 9, split by bilinearity):
/// e(Abar, W) · e(−Bbar, BP2) = 1.
pub(crate) fn proof_pairing_check<'k>(pk: &'k PublicKey, proof: &Proof) -> PairingCheck<'k> {
    w_bp2_check(proof.a_bar.into_group(), pk, -proof.b_bar.into_group())
}

/// Evaluates a deferred proof equation now: [`Error::PairingCheckFailed`] if it fails.
pub(crate) fn holds(check: PairingCheck<'_>) -> Result<()> {
    if check.holds() {
        Ok(())
    } else {
        Err(Error::PairingCheckFailed)
    }
}
