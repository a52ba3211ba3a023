//! The pseudonym draft's types: nym secrets, the pseudonym point and the proof with its
//! pseudonym.

use crate::error::{Error, Result};
use crate::hash::random_scalar;
use crate::octets::{
    g1_from_bytes_nonidentity, g1_to_bytes, hex_decode, scalar_from_bytes_allow_zero,
    scalar_to_bytes, G1_LEN, SCALAR_LEN,
};
use crate::proof::{Proof, PROOF_BASE_LEN};
use ark_bls12_381::{Fr, G1Affine};
use rand_core::{CryptoRng, RngCore};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

/// N >= 1 nym secrets (draft 3: prover_nyms before signing, nym_secrets after
/// VerifyFinalizeWithNym). Zeroized on drop; `Debug` prints only N.
/// Octets: the N scalars as I2OSP(x, 32), concatenated.
#[derive(Clone, Zeroize, ZeroizeOnDrop, PartialEq, Eq)]
pub struct NymSecrets(pub(crate) Vec<Fr>);

impl NymSecrets {
    /// N fresh prover nyms from the caller's RNG; [`Error::WrongNymCount`] if N = 0.
    pub fn random<R: RngCore + CryptoRng>(n: usize, rng: &mut R) -> Result<Self> {
        if n == 0 {
            return Err(Error::WrongNymCount {
                nyms: 0,
                available: 0,
            });
        }
        Ok(Self((0..n).map(|_| random_scalar(rng)).collect()))
    }

    /// From N >= 1 scalars (e.g. the vectors' proverNyms).
    pub fn from_scalars(scalars: &[Fr]) -> Result<Self> {
        if scalars.is_empty() {
            return Err(Error::WrongNymCount {
                nyms: 0,
                available: 0,
            });
        }
        Ok(Self(scalars.to_vec()))
    }

    /// The number of secrets N.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Always false: N >= 1 by construction.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The secret scalars. Secret.
    pub fn scalars(&self) -> &[Fr] {
        &self.0
    }

    /// The N scalars, concatenated. The caller must treat (and zeroize) the bytes as secret.
    pub fn to_bytes(&self) -> Zeroizing<Vec<u8>> {
        let mut out = Zeroizing::new(Vec::with_capacity(SCALAR_LEN * self.0.len()));
        for s in &self.0 {
            out.extend_from_slice(&scalar_to_bytes(s));
        }
        out
    }

    /// N >= 1 scalars of 32 bytes, each < r (zero allowed: a nym secret is any scalar).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        if bytes.is_empty() || !bytes.len().is_multiple_of(SCALAR_LEN) {
            return Err(Error::InvalidLength {
                what: "nym secrets",
                expected: SCALAR_LEN * (bytes.len() / SCALAR_LEN).max(1),
                got: bytes.len(),
            });
        }
        Ok(Self(
            bytes
                .chunks_exact(SCALAR_LEN)
                .map(|c| scalar_from_bytes_allow_zero(c, "nym secret"))
                .collect::<Result<Vec<Fr>>>()?,
        ))
    }
}

impl core::fmt::Debug for NymSecrets {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "NymSecrets(N = {}, <redacted>)", self.0.len())
    }
}

impl Serialize for NymSecrets {
    fn serialize<S: Serializer>(&self, s: S) -> core::result::Result<S::Ok, S::Error> {
        let hex_str = Zeroizing::new(hex::encode(&self.to_bytes()[..]));
        s.serialize_str(&hex_str)
    }
}

impl<'de> Deserialize<'de> for NymSecrets {
    fn deserialize<D: Deserializer<'de>>(d: D) -> core::result::Result<Self, D::Error> {
        let s = Zeroizing::new(String::deserialize(d)?);
        let bytes = Zeroizing::new(hex_decode(&s).map_err(serde::de::Error::custom)?);
        Self::from_bytes(&bytes).map_err(serde::de::Error::custom)
    }
}

/// A pseudonym `OP·Σ_i nym_secrets[i]·z^i` for one context id (draft 4.2): a non-identity
/// point of G1, 48 bytes compressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pseudonym(pub(crate) G1Affine);

impl Pseudonym {
    /// point_to_octets_E1, 48 bytes.
    pub fn to_bytes(&self) -> [u8; G1_LEN] {
        g1_to_bytes(&self.0)
    }

    /// 48 bytes: a valid, non-identity point of G1.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        Ok(Self(g1_from_bytes_nonidentity(bytes, "pseudonym")?))
    }

    /// The point.
    pub fn point(&self) -> &G1Affine {
        &self.0
    }
}

crate::serde_hex::impl_serde_hex!(Pseudonym);

/// ProofGenWithNym's output (draft 4.4): a BBS proof and the pseudonym it is bound to.
/// Octets: proof (272 + 32·U bytes) || pseudonym (48 bytes).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NymProof {
    /// The BBS proof over the combined vectors.
    pub proof: Proof,
    /// The pseudonym for the proof's context id.
    pub pseudonym: Pseudonym,
}

impl NymProof {
    /// proof || pseudonym.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = self.proof.to_bytes();
        out.extend_from_slice(&self.pseudonym.to_bytes());
        out
    }

    /// Splits off the last 48 bytes as the pseudonym and decodes both parts.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        if bytes.len() < PROOF_BASE_LEN + G1_LEN {
            return Err(Error::InvalidProofLength(bytes.len()));
        }
        let (proof, nym) = bytes.split_at(bytes.len() - G1_LEN);
        Ok(Self {
            proof: Proof::from_bytes(proof)?,
            pseudonym: Pseudonym::from_bytes(nym)?,
        })
    }
}

crate::serde_hex::impl_serde_hex!(NymProof);
