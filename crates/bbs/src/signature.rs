//! The BBS signature (A, e) and its octets (draft 4.2.4.2-3): A (48 bytes) || e (32 bytes).

use crate::error::{Error, Result};
use crate::octets::{
    g1_from_bytes_nonidentity, g1_to_bytes, scalar_from_bytes, scalar_to_bytes, G1_LEN, SCALAR_LEN,
};
use ark_bls12_381::{Fr, G1Affine};

/// Length of an encoded signature.
pub const SIGNATURE_LEN: usize = G1_LEN + SCALAR_LEN;

/// A BBS signature: A = B·1/(SK + e) and e.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Signature {
    pub(crate) a: G1Affine,
    pub(crate) e: Fr,
}

impl Signature {
    /// signature_to_octets: A || e.
    pub fn to_bytes(&self) -> [u8; SIGNATURE_LEN] {
        let mut out = [0u8; SIGNATURE_LEN];
        out[..G1_LEN].copy_from_slice(&g1_to_bytes(&self.a));
        out[G1_LEN..].copy_from_slice(&scalar_to_bytes(&self.e));
        out
    }

    /// octets_to_signature: 80 bytes, A a non-identity point of G1, e in [1, r-1].
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        if bytes.len() != SIGNATURE_LEN {
            return Err(Error::InvalidLength {
                what: "signature",
                expected: SIGNATURE_LEN,
                got: bytes.len(),
            });
        }
        Ok(Self {
            a: g1_from_bytes_nonidentity(&bytes[..G1_LEN], "signature A")?,
            e: scalar_from_bytes(&bytes[G1_LEN..], "signature e")?,
        })
    }

    /// The point A.
    pub fn a(&self) -> &G1Affine {
        &self.a
    }

    /// The scalar e.
    pub fn e(&self) -> &Fr {
        &self.e
    }
}

crate::serde_hex::impl_serde_hex!(Signature);
