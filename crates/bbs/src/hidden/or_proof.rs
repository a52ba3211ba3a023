//! The CDS OR-proof (Cramer, Damgård, Schoenmakers, CRYPTO 1994) of knowledge of ρ with
//! Y_i = ρ·U for one i of N, Y_i = X' − X_i, under a challenge c shared with the BBS proof.
//!
//! Prover, real branch k: R_k = ρ~·U; every other branch is simulated with chosen c_i, s_i:
//! R_i = s_i·U − c_i·Y_i. Given c: c_k = c − Σ_{i≠k} c_i, s_k = ρ~ + c_k·ρ. Verifier:
//! Σ c_i = c and R_i = s_i·U − c_i·Y_i for every i, the R_i hashed into c.

use super::issuer_key::u_generator;
use super::membership::MAX_OR_ISSUERS;
use crate::error::{Error, Result};
use crate::hash::random_scalar;
use crate::octets::{g1_to_bytes, scalar_from_bytes, scalar_to_bytes, G1_LEN, SCALAR_LEN};
use crate::suite::Ciphersuite;
use ark_bls12_381::{Fr, G1Projective};
use rand_core::{CryptoRng, RngCore};
use zeroize::{Zeroize, ZeroizeOnDrop};
use zkcred_pairing::fixed_base_sum;
use zkcred_pairing::small_msm;

/// The branch challenges c_i and responses s_i, i < N.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrProof {
    pub(crate) challenges: Vec<Fr>,
    pub(crate) responses: Vec<Fr>,
}

/// The prover's state between commitments and responses. Zeroized on drop (the real branch
/// and ρ are the secrets; the simulated c_i, s_i go public but are wiped anyway).
#[derive(Zeroize, ZeroizeOnDrop)]
pub(crate) struct OrProver {
    real: usize,
    rho: Fr,
    rho_tilde: Fr,
    challenges: Vec<Fr>,
    responses: Vec<Fr>,
}

impl OrProver {
    /// The commitments R_i (encoded, concatenated) for statements `ys`, `real` the branch
    /// whose witness is ρ. `ys.len()` is the accepted set's size, already bounded.
    pub(crate) fn commit<R: RngCore + CryptoRng>(
        suite: Ciphersuite,
        ys: &[G1Projective],
        real: usize,
        rho: Fr,
        rng: &mut R,
    ) -> Result<(Self, Vec<u8>)> {
        if real >= ys.len() {
            return Err(Error::IssuerIndex {
                index: real,
                count: ys.len(),
            });
        }
        let u = u_generator(suite);
        let mut prover = Self {
            real,
            rho,
            rho_tilde: random_scalar(rng),
            challenges: Vec::with_capacity(ys.len()),
            responses: Vec::with_capacity(ys.len()),
        };
        let mut commitments = Vec::with_capacity(ys.len());
        for (i, y) in ys.iter().enumerate() {
            if i == real {
                prover.challenges.push(Fr::from(0u64));
                prover.responses.push(Fr::from(0u64));
                commitments.push(fixed_base_sum([(u.table(), prover.rho_tilde)]));
            } else {
                let (c, s) = (random_scalar(rng), random_scalar(rng));
                prover.challenges.push(c);
                prover.responses.push(s);
                commitments.push(fixed_base_sum([(u.table(), s)]) - small_msm(&[*y], &[c]));
            }
        }
        Ok((prover, encode_points(&commitments)))
    }

    /// c_k = c − Σ_{i≠k} c_i, s_k = ρ~ + c_k·ρ.
    pub(crate) fn respond(mut self, c: Fr) -> OrProof {
        let others: Fr = self.challenges.iter().sum();
        let c_real = c - others;
        self.challenges[self.real] = c_real;
        self.responses[self.real] = self.rho_tilde + c_real * self.rho;
        OrProof {
            challenges: self.challenges.clone(),
            responses: self.responses.clone(),
        }
    }
}

impl OrProof {
    /// Number of branches N.
    pub fn len(&self) -> usize {
        self.challenges.len()
    }

    /// Never true for a decoded or generated proof.
    pub fn is_empty(&self) -> bool {
        self.challenges.is_empty()
    }

    /// The branch challenges c_i.
    pub fn challenges(&self) -> &[Fr] {
        &self.challenges
    }

    /// The branch responses s_i.
    pub fn responses(&self) -> &[Fr] {
        &self.responses
    }

    /// Encoded length of N branches: 64·N.
    pub fn encoded_len(n: usize) -> usize {
        2 * SCALAR_LEN * n
    }

    /// c_1..c_N || s_1..s_N.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.challenges
            .iter()
            .chain(&self.responses)
            .flat_map(scalar_to_bytes)
            .collect()
    }

    /// N branches from 64·N bytes, 1 <= N <= [`MAX_OR_ISSUERS`], scalars in [1, r−1].
    pub fn from_bytes(bytes: &[u8], n: usize) -> Result<Self> {
        if n == 0 || n > MAX_OR_ISSUERS {
            return Err(Error::IssuerCount {
                max: MAX_OR_ISSUERS,
                got: n,
            });
        }
        if bytes.len() != Self::encoded_len(n) {
            return Err(Error::InvalidLength {
                what: "OR-proof",
                expected: Self::encoded_len(n),
                got: bytes.len(),
            });
        }
        let mut scalars = bytes
            .chunks_exact(SCALAR_LEN)
            .map(|c| scalar_from_bytes(c, "OR-proof scalar"))
            .collect::<Result<Vec<Fr>>>()?;
        let responses = scalars.split_off(n);
        Ok(Self {
            challenges: scalars,
            responses,
        })
    }

    /// The verifier's side: Σ c_i = c (else [`Error::OrChallengeSum`]), then the commitments
    /// R_i = s_i·U − c_i·Y_i, encoded and concatenated, to hash into the challenge.
    pub(crate) fn commitments(
        &self,
        suite: Ciphersuite,
        ys: &[G1Projective],
        c: &Fr,
    ) -> Result<Vec<u8>> {
        if self.challenges.len() != ys.len() || self.responses.len() != ys.len() {
            return Err(Error::IssuerSetMismatch {
                expected: ys.len(),
                got: self.challenges.len(),
            });
        }
        if self.challenges.iter().sum::<Fr>() != *c {
            return Err(Error::OrChallengeSum);
        }
        let u = u_generator(suite);
        let commitments: Vec<G1Projective> = ys
            .iter()
            .zip(self.challenges.iter().zip(&self.responses))
            .map(|(y, (ci, si))| fixed_base_sum([(u.table(), *si)]) - small_msm(&[*y], &[*ci]))
            .collect();
        Ok(encode_points(&commitments))
    }
}

fn encode_points(points: &[G1Projective]) -> Vec<u8> {
    let affine = zkcred_pairing::normalize(points);
    let mut out = Vec::with_capacity(G1_LEN * affine.len());
    for p in &affine {
        out.extend_from_slice(&g1_to_bytes(p));
    }
    out
}
