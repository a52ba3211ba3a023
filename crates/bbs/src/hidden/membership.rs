//! The membership part of an issuer-hiding proof: knowledge of ρ with `X' − X_i = ρ·U` for
//! one accepted i, as a CDS OR-proof ([`OrProof`], O(N) size) for sets of up to
//! [`MAX_OR_ISSUERS`] keys and a one-out-of-many proof ([`OneOfManyProof`], O(log N)) above.
//! N alone decides which: it is in the proof and in the verifier's statement, so no tag.

use super::accepted::AcceptedIssuers;
use super::one_of_many::{OneOfManyProof, OneOfManyProver, BASE, MAX_DIGITS};
use super::or_proof::{OrProof, OrProver};
use super::randomized::RandomizedKey;
use crate::error::{Error, Result};
use ark_bls12_381::{Fr, G1Projective};
use rand_core::{CryptoRng, RngCore};

/// The largest set proven with the CDS OR-proof; larger sets use the one-out-of-many proof.
pub const MAX_OR_ISSUERS: usize = 4;

/// The largest accepted set: 4^8 = 65,536 keys (the one-out-of-many proof's [`MAX_DIGITS`]).
pub const MAX_ACCEPTED_ISSUERS: usize = BASE.pow(MAX_DIGITS as u32);

/// The proof that (W', X') is a randomisation of one key of the accepted set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MembershipProof {
    /// N ≤ [`MAX_OR_ISSUERS`]: a CDS OR-proof.
    Or(OrProof),
    /// N > [`MAX_OR_ISSUERS`]: a one-out-of-many proof.
    OneOfMany(Box<OneOfManyProof>),
}

/// The prover's state of either form.
pub(crate) enum MembershipProver {
    Or(OrProver),
    OneOfMany(Box<OneOfManyProver>),
}

/// Whether a set of `count` keys is proven with the CDS OR-proof.
fn uses_or(count: usize) -> bool {
    count <= MAX_OR_ISSUERS
}

impl MembershipProver {
    /// The commitments to hash into the challenge, for the holder's key `key` randomised
    /// from the accepted key at `real` with ρ.
    pub(crate) fn commit<R: RngCore + CryptoRng>(
        key: &RandomizedKey,
        accepted: &AcceptedIssuers,
        real: usize,
        rho: Fr,
        rng: &mut R,
    ) -> Result<(Self, Vec<u8>)> {
        if uses_or(accepted.len()) {
            let ys: Vec<G1Projective> = key.offsets(accepted.keys()).collect();
            let (prover, bytes) = OrProver::commit(accepted.suite(), &ys, real, rho, rng)?;
            Ok((Self::Or(prover), bytes))
        } else {
            let (prover, bytes) = OneOfManyProver::commit(accepted, real, rho, rng)?;
            Ok((Self::OneOfMany(Box::new(prover)), bytes))
        }
    }

    /// The responses under the shared challenge c.
    pub(crate) fn respond(self, c: Fr) -> MembershipProof {
        match self {
            Self::Or(p) => MembershipProof::Or(p.respond(c)),
            Self::OneOfMany(p) => MembershipProof::OneOfMany(Box::new(p.respond(c))),
        }
    }
}

impl MembershipProof {
    /// N.
    pub fn len(&self) -> usize {
        match self {
            Self::Or(p) => p.len(),
            Self::OneOfMany(p) => p.len(),
        }
    }

    /// Never true for a decoded or generated proof.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Encoded length for a set of `count` keys (1 ≤ count ≤ [`MAX_ACCEPTED_ISSUERS`]).
    pub fn encoded_len(count: usize) -> usize {
        if uses_or(count) {
            OrProof::encoded_len(count)
        } else {
            OneOfManyProof::encoded_len(count)
        }
    }

    /// The longest encoding of any allowed N.
    pub fn max_encoded_len() -> usize {
        OrProof::encoded_len(MAX_OR_ISSUERS).max(OneOfManyProof::encoded_len(MAX_ACCEPTED_ISSUERS))
    }

    /// The form's encoding.
    pub fn to_bytes(&self) -> Vec<u8> {
        match self {
            Self::Or(p) => p.to_bytes(),
            Self::OneOfMany(p) => p.to_bytes(),
        }
    }

    /// The form N calls for, from exactly [`Self::encoded_len`]`(N)` bytes.
    pub fn from_bytes(bytes: &[u8], count: usize) -> Result<Self> {
        if count == 0 || count > MAX_ACCEPTED_ISSUERS {
            return Err(Error::IssuerCount {
                max: MAX_ACCEPTED_ISSUERS,
                got: count,
            });
        }
        if uses_or(count) {
            OrProof::from_bytes(bytes, count).map(Self::Or)
        } else {
            OneOfManyProof::from_bytes(bytes, count).map(|p| Self::OneOfMany(Box::new(p)))
        }
    }

    /// The verifier's side under c: the form's checks, then its commitments to hash.
    pub(crate) fn commitments(
        &self,
        key: &RandomizedKey,
        accepted: &AcceptedIssuers,
        c: &Fr,
    ) -> Result<Vec<u8>> {
        if self.len() != accepted.len() {
            return Err(Error::IssuerSetMismatch {
                expected: accepted.len(),
                got: self.len(),
            });
        }
        match self {
            Self::Or(p) => {
                let ys: Vec<G1Projective> = key.offsets(accepted.keys()).collect();
                p.commitments(accepted.suite(), &ys, c)
            }
            Self::OneOfMany(p) => p.commitments(key, accepted, c),
        }
    }

    /// The CDS OR-proof, if this is one.
    pub fn as_or(&self) -> Option<&OrProof> {
        match self {
            Self::Or(p) => Some(p),
            Self::OneOfMany(_) => None,
        }
    }

    /// The one-out-of-many proof, if this is one.
    pub fn as_one_of_many(&self) -> Option<&OneOfManyProof> {
        match self {
            Self::Or(_) => None,
            Self::OneOfMany(p) => Some(p),
        }
    }
}
