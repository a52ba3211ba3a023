//! The issuer-hiding part of a credential proof ([`HiddenIssuerPart`]) and the glue between
//! the credential layer and [`zkcred_bbs::NymBbs::hidden_proof_init`].
//!
//! A hidden-issuer credential proof keeps the presentation's shape: its `proof` field is the
//! BBS part of the issuer-hiding proof, `Abar || Bbar' || D || e'^ || r1^ || r3^ || m^_j || c`
//! (the draft's layout, `Bbar' = Bbar + ρ·Abar`, `e' = e − ρ`) followed by the pseudonym,
//! exactly a [`NymProof`]'s bytes; its `hidden_issuer` field is the rest,
//! `W' || X' || I2OSP(N, 8) || membership || domain^`, the membership proof a CDS OR-proof
//! `c_1..c_N || s_1..s_N` for N ≤ [`zkcred_bbs::hidden::MAX_OR_ISSUERS`] (152 + 64·N bytes)
//! and a one-out-of-many proof above (152 + (4 + n)·48 + (n + 3)·32 bytes, n = ⌈log2 N⌉).
//! The two together are [`HiddenIssuerNymProof`] (docs/SECURITY.md §7). None of it depends
//! on which accepted issuer signed: (W', X') = x'·(BP2, U) for a uniform x', and both
//! membership proofs are witness indistinguishable.

use super::error::{CredentialError, Result};
use crate::predicate::LinkedInit;
use serde::{Deserialize, Serialize};
use zkcred_bbs::hidden::{
    HiddenIssuerNymProof, HiddenIssuerNymProofInit, HiddenIssuerProof, MembershipProof,
    RANDOMIZED_KEY_LEN,
};
use zkcred_bbs::{NymProof, Scalar as Fr};

/// Length of the part for N accepted issuers: W' || X' || I2OSP(N, 8) || membership ||
/// domain^.
pub fn hidden_part_len(n: usize) -> usize {
    RANDOMIZED_KEY_LEN + 8 + MembershipProof::encoded_len(n) + 32
}

/// The longest part of any allowed N.
fn max_hidden_part_len() -> usize {
    RANDOMIZED_KEY_LEN + 8 + MembershipProof::max_encoded_len() + 32
}

/// `W' || X' || I2OSP(N, 8) || membership || domain^`, hex in JSON; only its length is
/// checked when read (at most the longest of any allowed N); the verifier checks N against
/// its set before decoding a point ([`HiddenIssuerPart::join`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HiddenIssuerPart(Vec<u8>);

impl HiddenIssuerPart {
    /// Splits an issuer-hiding proof into this part and the BBS part with the pseudonym.
    pub fn split(proof: &HiddenIssuerNymProof) -> (Self, NymProof) {
        let all = proof.proof.to_bytes();
        let core = proof.proof.core();
        let cut = all.len() - core.encoded_len();
        (
            Self(all[..cut].to_vec()),
            NymProof {
                proof: core.clone(),
                pseudonym: proof.pseudonym,
            },
        )
    }

    /// N, as the part states it (I2OSP(N, 8) after W' || X'), if the part is long enough.
    pub fn stated_count(&self) -> Option<u64> {
        let bytes = self.0.get(RANDOMIZED_KEY_LEN..RANDOMIZED_KEY_LEN + 8)?;
        let mut n = [0u8; 8];
        n.copy_from_slice(bytes);
        Some(u64::from_be_bytes(n))
    }

    /// The issuer-hiding proof of this part and the BBS part `nym`, for a set of `n`
    /// issuers: the stated N and the length are checked first, then every point and scalar
    /// ([`HiddenIssuerProof::from_bytes`]).
    pub fn join(&self, nym: &NymProof, n: usize) -> Result<HiddenIssuerNymProof> {
        if self.stated_count() != Some(n as u64) || self.0.len() != hidden_part_len(n) {
            return Err(CredentialError::MalformedJson(format!(
                "hidden_issuer: expected {} bytes for {n} accepted issuers, got {}",
                hidden_part_len(n),
                self.0.len()
            )));
        }
        let bytes = [&self.0[..], &nym.proof.to_bytes()].concat();
        Ok(HiddenIssuerNymProof {
            proof: HiddenIssuerProof::from_bytes(&bytes)?,
            pseudonym: nym.pseudonym,
        })
    }

    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

impl Serialize for HiddenIssuerPart {
    fn serialize<S: serde::Serializer>(&self, s: S) -> core::result::Result<S::Ok, S::Error> {
        s.serialize_str(&hex::encode(&self.0))
    }
}

impl<'de> Deserialize<'de> for HiddenIssuerPart {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> core::result::Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        if text.len() > 2 * max_hidden_part_len() {
            return Err(serde::de::Error::custom(format!(
                "hidden_issuer: more than {} bytes",
                max_hidden_part_len()
            )));
        }
        hex::decode(&text)
            .map(Self)
            .map_err(|e| serde::de::Error::custom(format!("hidden_issuer: {e}")))
    }
}

/// The issuer-hiding proof shares its challenge with the linked Groth16 proofs like the
/// pseudonym proof does ([`crate::predicate::prove_linked`]).
impl LinkedInit for HiddenIssuerNymProofInit {
    type Proof = HiddenIssuerNymProof;

    fn challenge(&self, ph: &[u8]) -> zkcred_bbs::Result<Fr> {
        HiddenIssuerNymProofInit::challenge(self, ph)
    }

    fn finalize(self, c: Fr) -> HiddenIssuerNymProof {
        HiddenIssuerNymProofInit::finalize(self, c)
    }
}
