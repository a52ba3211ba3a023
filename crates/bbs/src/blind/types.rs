//! The blind draft's wire types: the commitment with its proof (draft 4.1,
//! commitment_with_proof_to_octets) and the prover's secret blind.

use crate::error::{Error, Result};
use crate::octets::{
    g1_from_bytes_nonidentity, g1_to_bytes, hex_decode, scalar_from_bytes, scalar_to_bytes, G1_LEN,
    SCALAR_LEN,
};
use ark_bls12_381::{Fr, G1Affine};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

/// Length of a commitment with proof over no message: C and the two scalars s^, c.
pub const COMMITMENT_BASE_LEN: usize = G1_LEN + 2 * SCALAR_LEN;

/// A commitment `C = Q_2·spb + Σ J_i·m_i` with its proof of knowledge (s^, m^_1..m^_M, c).
/// Octets: C || s^ || m^_1..m^_M || c, that is 48 + 32·(M + 2) bytes (draft 4.1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommitmentWithProof {
    pub(crate) commitment: G1Affine,
    pub(crate) s_hat: Fr,
    pub(crate) m_hat: Vec<Fr>,
    pub(crate) challenge: Fr,
}

impl CommitmentWithProof {
    /// commitment_with_proof_to_octets: C || s^ || m^_1..m^_M || c.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.encoded_len());
        out.extend_from_slice(&g1_to_bytes(&self.commitment));
        for s in core::iter::once(&self.s_hat)
            .chain(&self.m_hat)
            .chain(core::iter::once(&self.challenge))
        {
            out.extend_from_slice(&scalar_to_bytes(s));
        }
        out
    }

    /// 48 + 32·(M + 2).
    pub fn encoded_len(&self) -> usize {
        COMMITMENT_BASE_LEN + SCALAR_LEN * self.m_hat.len()
    }

    /// octets_to_commitment_with_proof: M = (len − 48 − 64)/32 must be a whole number, C a
    /// non-identity point of G1, every scalar in [1, r-1].
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        if bytes.len() < COMMITMENT_BASE_LEN || !(bytes.len() - G1_LEN).is_multiple_of(SCALAR_LEN) {
            return Err(Error::InvalidLength {
                what: "commitment with proof",
                expected: COMMITMENT_BASE_LEN
                    + bytes.len().saturating_sub(COMMITMENT_BASE_LEN) / SCALAR_LEN * SCALAR_LEN,
                got: bytes.len(),
            });
        }
        let commitment = g1_from_bytes_nonidentity(&bytes[..G1_LEN], "commitment C")?;
        let mut scalars = bytes[G1_LEN..]
            .chunks_exact(SCALAR_LEN)
            .map(|c| scalar_from_bytes(c, "commitment scalar"))
            .collect::<Result<Vec<Fr>>>()?;
        let challenge = scalars.pop().ok_or(Error::InvalidLength {
            what: "commitment with proof",
            expected: COMMITMENT_BASE_LEN,
            got: bytes.len(),
        })?;
        let m_hat = scalars.split_off(1);
        Ok(Self {
            commitment,
            s_hat: scalars[0],
            m_hat,
            challenge,
        })
    }

    /// The number of committed scalars M (for pseudonyms: committed messages plus N).
    pub fn committed_count(&self) -> usize {
        self.m_hat.len()
    }

    /// The commitment point C.
    pub fn commitment(&self) -> &G1Affine {
        &self.commitment
    }

    /// The proof's challenge c.
    pub fn challenge(&self) -> &Fr {
        &self.challenge
    }
}

crate::serde_hex::impl_serde_hex!(CommitmentWithProof);

/// The prover's secret blind spb (the Q_2 exponent of the commitment), needed to verify the
/// blind signature and to prove with it. Zeroized on drop; `Debug` prints nothing secret.
#[derive(Clone, Zeroize, ZeroizeOnDrop, PartialEq, Eq)]
pub struct SecretProverBlind(pub(crate) Fr);

impl SecretProverBlind {
    /// I2OSP(spb, 32). The caller must treat (and zeroize) the bytes as secret.
    pub fn to_bytes(&self) -> Zeroizing<[u8; SCALAR_LEN]> {
        Zeroizing::new(scalar_to_bytes(&self.0))
    }

    /// OS2IP of 32 bytes, rejecting 0 and values >= r.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        Ok(Self(scalar_from_bytes(bytes, "secret prover blind")?))
    }

    /// The scalar spb. Secret.
    pub fn scalar(&self) -> &Fr {
        &self.0
    }
}

impl core::fmt::Debug for SecretProverBlind {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("SecretProverBlind(<redacted>)")
    }
}

impl Serialize for SecretProverBlind {
    fn serialize<S: Serializer>(&self, s: S) -> core::result::Result<S::Ok, S::Error> {
        let hex_str = Zeroizing::new(hex::encode(&self.to_bytes()[..]));
        s.serialize_str(&hex_str)
    }
}

impl<'de> Deserialize<'de> for SecretProverBlind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> core::result::Result<Self, D::Error> {
        let s = Zeroizing::new(String::deserialize(d)?);
        let bytes = Zeroizing::new(hex_decode(&s).map_err(serde::de::Error::custom)?);
        Self::from_bytes(&bytes).map_err(serde::de::Error::custom)
    }
}
