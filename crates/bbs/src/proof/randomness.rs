//! The random scalars of ProofGen (draft 3.6.3 step 4): r1, r2, e~, r1~, r3~, m~_j.

use crate::error::{Error, Result};
use crate::hash::random_scalar;
use ark_bls12_381::Fr;
use rand_core::{CryptoRng, RngCore};
use zeroize::{Zeroize, ZeroizeOnDrop};

/// The 5 + U random scalars of a proof, in the draft's order. Zeroized on drop.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct ProofRandomness {
    pub(crate) r1: Fr,
    pub(crate) r2: Fr,
    pub(crate) e_tilde: Fr,
    pub(crate) r1_tilde: Fr,
    pub(crate) r3_tilde: Fr,
    /// One blinding per undisclosed message, in ascending message order.
    pub(crate) m_tilde: Vec<Fr>,
}

impl ProofRandomness {
    /// calculate_random_scalars(5 + U) from the caller's RNG.
    pub fn random<R: RngCore + CryptoRng>(rng: &mut R, undisclosed: usize) -> Self {
        let mut next = || random_scalar(rng);
        Self {
            r1: next(),
            r2: next(),
            e_tilde: next(),
            r1_tilde: next(),
            r3_tilde: next(),
            m_tilde: (0..undisclosed).map(|_| next()).collect(),
        }
    }

    /// From 5 + U scalars in the draft's order (r1, r2, e~, r1~, r3~, m~_1..m~_U), e.g. the
    /// mocked scalars of the test vectors.
    pub fn from_scalars(scalars: &[Fr], undisclosed: usize) -> Result<Self> {
        if scalars.len() != 5 + undisclosed {
            return Err(Error::RandomScalarCount {
                expected: 5 + undisclosed,
                got: scalars.len(),
            });
        }
        Ok(Self {
            r1: scalars[0],
            r2: scalars[1],
            e_tilde: scalars[2],
            r1_tilde: scalars[3],
            r3_tilde: scalars[4],
            m_tilde: scalars[5..].to_vec(),
        })
    }

    /// Fixes the blinding m~ of the `position`-th undisclosed message (0-based, ascending
    /// message order), e.g. to reuse it in a linked proof; [`Error::RandomScalarCount`] if
    /// there is no such position.
    pub fn set_message_blinding(&mut self, position: usize, value: Fr) -> Result<()> {
        let count = self.m_tilde.len();
        let slot = self
            .m_tilde
            .get_mut(position)
            .ok_or(Error::RandomScalarCount {
                expected: count,
                got: position + 1,
            })?;
        *slot = value;
        Ok(())
    }

    /// Number of message blindings U.
    pub fn undisclosed_count(&self) -> usize {
        self.m_tilde.len()
    }
}

impl core::fmt::Debug for ProofRandomness {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("ProofRandomness(<redacted>)")
    }
}
