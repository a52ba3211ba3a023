//! CommitWithNym (pseudonym draft 4.1): a blind commitment over (cm_1..cm_M, pn_1..pn_N),
//! C = Q_2·spb + Σ_{i<=M} J_i·cm_i + Σ_{k<=N} J_{M+k}·pn_k, 48 + 32·(M + N + 2) bytes.

use super::types::NymSecrets;
use super::NymBbs;
use crate::blind::{CommitmentWithProof, SecretProverBlind};
use crate::error::Result;
use crate::hash::random_scalar;
use ark_bls12_381::Fr;
use rand_core::{CryptoRng, RngCore};
use zeroize::Zeroizing;

impl NymBbs {
    /// CommitWithNym: commits to the committed message scalars followed by the N prover nyms,
    /// with M + N + 2 random scalars from the caller's RNG. The prover sends N with it.
    pub fn commit_with_nym<R: RngCore + CryptoRng>(
        &self,
        committed: &[Fr],
        prover_nyms: &NymSecrets,
        rng: &mut R,
    ) -> Result<(CommitmentWithProof, SecretProverBlind)> {
        let random: Zeroizing<Vec<Fr>> = Zeroizing::new(
            (0..committed.len() + prover_nyms.len() + 2)
                .map(|_| random_scalar(rng))
                .collect(),
        );
        self.commit_with_nym_random_scalars(committed, prover_nyms, &random)
    }

    /// CommitWithNym with its M + N + 2 random scalars in the draft's order
    /// (spb, s~, m~_1..m~_{M+N}), e.g. the mocked scalars of the test vectors.
    pub fn commit_with_nym_random_scalars(
        &self,
        committed: &[Fr],
        prover_nyms: &NymSecrets,
        random_scalars: &[Fr],
    ) -> Result<(CommitmentWithProof, SecretProverBlind)> {
        let all: Zeroizing<Vec<Fr>> = Zeroizing::new(
            committed
                .iter()
                .chain(prover_nyms.scalars())
                .copied()
                .collect(),
        );
        self.blind.commit_with_random_scalars(&all, random_scalars)
    }

    /// CommitVerify of a commitment with nym slots (the same check as for blind commitments).
    pub fn commit_verify(&self, commitment: &CommitmentWithProof) -> Result<()> {
        self.blind.commit_verify(commitment)
    }
}
