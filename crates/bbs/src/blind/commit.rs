//! Commit and CommitVerify (blind draft 4.1, 4.2):
//! C = Q_2·spb + Σ J_i·m_i, Cbar = Q_2·s~ + Σ J_i·m~_i,
//! c = H2S(I2OSP(M, 8) || Q_2 || J_1..J_M || C || Cbar), s^ = s~ + spb·c, m^_i = m~_i + m_i·c.

use super::types::{CommitmentWithProof, SecretProverBlind};
use super::BlindBbs;
use crate::error::{Error, Result};
use crate::generators::Generator;
use crate::hash::random_scalar;
use crate::octets::{g1_to_bytes, i2osp8, G1_LEN};
use ark_bls12_381::{Fr, G1Affine, G1Projective};
use ark_ec::{AffineRepr, CurveGroup};
use rand_core::{CryptoRng, RngCore};
use std::sync::Arc;
use zeroize::Zeroizing;
use zkcred_pairing::fixed_base_sum;

impl BlindBbs {
    /// Commit (draft 4.1) to `committed` (message scalars): draws spb, s~ and m~_1..m~_M from
    /// the caller's RNG and returns the commitment with its proof and the secret blind spb.
    pub fn commit<R: RngCore + CryptoRng>(
        &self,
        committed: &[Fr],
        rng: &mut R,
    ) -> Result<(CommitmentWithProof, SecretProverBlind)> {
        let random: Zeroizing<Vec<Fr>> = Zeroizing::new(
            (0..committed.len() + 2)
                .map(|_| random_scalar(rng))
                .collect(),
        );
        self.commit_with_random_scalars(committed, &random)
    }

    /// Commit with its M + 2 random scalars given in the draft's order (spb, s~, m~_1..m~_M),
    /// e.g. the mocked scalars of the test vectors. Never reuse scalars across commitments.
    pub fn commit_with_random_scalars(
        &self,
        committed: &[Fr],
        random_scalars: &[Fr],
    ) -> Result<(CommitmentWithProof, SecretProverBlind)> {
        let m = committed.len();
        if random_scalars.len() != m + 2 {
            return Err(Error::RandomScalarCount {
                expected: m + 2,
                got: random_scalars.len(),
            });
        }
        let gens = self.blind_generators(m)?;
        let gens = &gens[..m + 1];
        let spb = random_scalars[0];
        let s_tilde = random_scalars[1];
        let m_tilde = &random_scalars[2..];
        let c_point = blind_sum(gens, spb, committed);
        let c_bar = blind_sum(gens, s_tilde, m_tilde);
        let affine = zkcred_pairing::normalize(&[c_point, c_bar]);
        if affine[0].is_zero() {
            return Err(Error::Degenerate("commitment is the identity"));
        }
        let c = self.commitment_challenge(gens, &affine[0], &affine[1])?;
        let cwp = CommitmentWithProof {
            commitment: affine[0],
            s_hat: s_tilde + spb * c,
            m_hat: m_tilde
                .iter()
                .zip(committed)
                .map(|(mt, mi)| *mt + *mi * c)
                .collect(),
            challenge: c,
        };
        Ok((cwp, SecretProverBlind(spb)))
    }

    /// CommitVerify (draft 4.2): Cbar = Q_2·s^ + Σ J_i·m^_i − C·c, then the challenge is
    /// recomputed; [`Error::InvalidCommitment`] if it differs.
    pub fn commit_verify(&self, cwp: &CommitmentWithProof) -> Result<()> {
        let m = cwp.m_hat.len();
        let gens = self.blind_generators(m)?;
        let gens = &gens[..m + 1];
        let c_bar = blind_sum(gens, cwp.s_hat, &cwp.m_hat) - cwp.commitment * cwp.challenge;
        let c = self.commitment_challenge(gens, &cwp.commitment, &c_bar.into_affine())?;
        if c != cwp.challenge {
            return Err(Error::InvalidCommitment);
        }
        Ok(())
    }

    /// c = H2S(I2OSP(M, 8) || Q_2 || J_1..J_M || C || Cbar, api_id || "H2S_").
    fn commitment_challenge(
        &self,
        gens: &[Arc<Generator>],
        c_point: &G1Affine,
        c_bar: &G1Affine,
    ) -> Result<Fr> {
        let mut buf = Vec::with_capacity(8 + G1_LEN * (gens.len() + 2));
        buf.extend_from_slice(&i2osp8(gens.len() - 1));
        for g in gens {
            buf.extend_from_slice(g.bytes());
        }
        buf.extend_from_slice(&g1_to_bytes(c_point));
        buf.extend_from_slice(&g1_to_bytes(c_bar));
        self.suite.hash_to_scalar(&[&buf], self.h2s_dst())
    }
}

/// Q_2·s + Σ J_i·m_i over the blind generators' fixed-base tables.
fn blind_sum(gens: &[Arc<Generator>], s: Fr, m: &[Fr]) -> G1Projective {
    fixed_base_sum(
        core::iter::once((gens[0].table(), s))
            .chain(gens[1..].iter().zip(m).map(|(g, mi)| (g.table(), *mi))),
    )
}
