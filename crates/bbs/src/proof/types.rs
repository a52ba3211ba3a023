//! The BBS proof and its octets (draft 4.2.4.4-5):
//! Abar || Bbar || D || e^ || r1^ || r3^ || m^_1..m^_U || c, 272 + 32·U bytes.

use crate::error::{Error, Result};
use crate::octets::{
    g1_from_bytes_nonidentity, g1_to_bytes, scalar_from_bytes, scalar_to_bytes, G1_LEN, SCALAR_LEN,
};
use ark_bls12_381::{Fr, G1Affine};

/// Length of a proof with no undisclosed message: 3 points and 4 scalars.
pub const PROOF_BASE_LEN: usize = 3 * G1_LEN + 4 * SCALAR_LEN;

/// A BBS proof of knowledge of a signature (draft 3.6.3).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Proof {
    pub(crate) a_bar: G1Affine,
    pub(crate) b_bar: G1Affine,
    pub(crate) d: G1Affine,
    pub(crate) e_hat: Fr,
    pub(crate) r1_hat: Fr,
    pub(crate) r3_hat: Fr,
    pub(crate) m_hat: Vec<Fr>,
    pub(crate) challenge: Fr,
}

impl Proof {
    /// proof_to_octets.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.encoded_len());
        for p in [&self.a_bar, &self.b_bar, &self.d] {
            out.extend_from_slice(&g1_to_bytes(p));
        }
        for s in [&self.e_hat, &self.r1_hat, &self.r3_hat]
            .into_iter()
            .chain(self.m_hat.iter())
            .chain(core::iter::once(&self.challenge))
        {
            out.extend_from_slice(&scalar_to_bytes(s));
        }
        out
    }

    /// Length of the encoding: 272 + 32·U.
    pub fn encoded_len(&self) -> usize {
        PROOF_BASE_LEN + SCALAR_LEN * self.m_hat.len()
    }

    /// octets_to_proof: length 272 + 32·U, three non-identity points of G1, every scalar in
    /// [1, r-1].
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        if bytes.len() < PROOF_BASE_LEN
            || !(bytes.len() - PROOF_BASE_LEN).is_multiple_of(SCALAR_LEN)
        {
            return Err(Error::InvalidProofLength(bytes.len()));
        }
        let point =
            |i: usize, what| g1_from_bytes_nonidentity(&bytes[i * G1_LEN..(i + 1) * G1_LEN], what);
        let a_bar = point(0, "proof Abar")?;
        let b_bar = point(1, "proof Bbar")?;
        let d = point(2, "proof D")?;
        let mut scalars = bytes[3 * G1_LEN..]
            .chunks_exact(SCALAR_LEN)
            .map(|c| scalar_from_bytes(c, "proof scalar"))
            .collect::<Result<Vec<Fr>>>()?;
        // At least 4 scalars are present by the length check.
        let challenge = scalars
            .pop()
            .ok_or(Error::InvalidProofLength(bytes.len()))?;
        let m_hat = scalars.split_off(3);
        Ok(Self {
            a_bar,
            b_bar,
            d,
            e_hat: scalars[0],
            r1_hat: scalars[1],
            r3_hat: scalars[2],
            m_hat,
            challenge,
        })
    }

    /// The challenge c.
    pub fn challenge(&self) -> &Fr {
        &self.challenge
    }

    /// The responses m^_j of the undisclosed messages, in ascending message order.
    pub fn undisclosed_responses(&self) -> &[Fr] {
        &self.m_hat
    }

    /// Number of undisclosed messages U.
    pub fn undisclosed_count(&self) -> usize {
        self.m_hat.len()
    }

    /// The response m^ = m~ + c·m of hidden message `index`, given the proof's disclosed
    /// indexes (ascending); `None` if `index` is disclosed or out of range.
    pub fn hidden_response(&self, disclosed_indexes: &[usize], index: usize) -> Option<Fr> {
        if disclosed_indexes.windows(2).any(|w| w[0] >= w[1])
            || disclosed_indexes.binary_search(&index).is_ok()
        {
            return None;
        }
        let before = disclosed_indexes.partition_point(|&i| i < index);
        self.m_hat.get(index.checked_sub(before)?).copied()
    }

    /// The points (Abar, Bbar, D).
    pub fn points(&self) -> (&G1Affine, &G1Affine, &G1Affine) {
        (&self.a_bar, &self.b_bar, &self.d)
    }
}

crate::serde_hex::impl_serde_hex!(Proof);
