//! The two ciphersuites of draft-irtf-cfrg-bbs-signatures (section 7): BLS12-381-SHA-256 and
//! BLS12-381-SHAKE-256, their identifiers, P1, and the suite-dependent hashing.

use crate::error::{Error, Result};
use crate::expand::{expand_message_xmd, expand_message_xof};
use crate::octets::g1_from_bytes;
use ark_bls12_381::{Fr, G1Affine};
use ark_ff::PrimeField;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;
use zeroize::Zeroizing;
use zkcred_pairing::ct_scalar_from_be_wide;

/// expand_len of the drafts: 48 bytes per scalar (section 4.2.1: ceil((ceil(log2(r)) + k)/8)).
pub const EXPAND_LEN: usize = 48;

/// A BBS ciphersuite (draft section 7).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
pub enum Ciphersuite {
    /// BLS12-381-SHA-256: expand_message_xmd with SHA-256 (draft 7.2.2).
    #[serde(rename = "BLS12-381-SHA-256")]
    Bls12381Sha256,
    /// BLS12-381-SHAKE-256: expand_message_xof with SHAKE-256 (draft 7.2.1).
    #[serde(rename = "BLS12-381-SHAKE-256")]
    Bls12381Shake256,
}

/// The interface an operation runs under; it fixes api_id = ciphersuite_id || suffix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Interface {
    /// The core draft's message-hashing interface, suffix `H2G_HM2S_` (draft section 6.2).
    Core,
    /// The blind-signature draft's interface, suffix `BLIND_H2G_HM2S_`.
    Blind,
    /// The per-verifier-linkability draft's interface, suffix `H2G_HM2S_PSEUDONYM_`.
    Pseudonym,
}

impl Interface {
    /// The suffix appended to the ciphersuite id.
    pub const fn suffix(self) -> &'static [u8] {
        match self {
            Interface::Core => b"H2G_HM2S_",
            Interface::Blind => b"BLIND_H2G_HM2S_",
            Interface::Pseudonym => b"H2G_HM2S_PSEUDONYM_",
        }
    }
}

const SHA_P1: &str = "a8ce256102840821a3e94ea9025e4662b205762f9776b3a766c872b948f1fd225e7c59698588e70d11406d161b4e28c9";
const SHAKE_P1: &str = "8929dfbc7e6642c4ed9cba0856e493f8b9d7d5fcb0c31ef8fdcd34d50648a56c795e106e9eada6e0bda386b414150755";

impl Ciphersuite {
    /// Both suites, for iteration.
    pub const ALL: [Ciphersuite; 2] = [Ciphersuite::Bls12381Sha256, Ciphersuite::Bls12381Shake256];

    /// ciphersuite_id (draft 7.2).
    pub const fn id(self) -> &'static [u8] {
        match self {
            Ciphersuite::Bls12381Sha256 => b"BBS_BLS12381G1_XMD:SHA-256_SSWU_RO_",
            Ciphersuite::Bls12381Shake256 => b"BBS_BLS12381G1_XOF:SHAKE-256_SSWU_RO_",
        }
    }

    /// The suite's name as used in file names of the test vectors.
    pub const fn name(self) -> &'static str {
        match self {
            Ciphersuite::Bls12381Sha256 => "BLS12-381-SHA-256",
            Ciphersuite::Bls12381Shake256 => "BLS12-381-SHAKE-256",
        }
    }

    /// api_id = ciphersuite_id || interface suffix.
    pub fn api_id(self, interface: Interface) -> Vec<u8> {
        [self.id(), interface.suffix()].concat()
    }

    /// The suite's expand_message over the concatenation of `parts`.
    pub fn expand_message(self, parts: &[&[u8]], dst: &[u8], len: usize) -> Result<Vec<u8>> {
        match self {
            Ciphersuite::Bls12381Sha256 => expand_message_xmd(parts, dst, len),
            Ciphersuite::Bls12381Shake256 => expand_message_xof(parts, dst, len),
        }
    }

    /// hash_to_scalar (draft 4.2.1): OS2IP(expand_message(msg, dst, 48)) mod r.
    pub fn hash_to_scalar(self, parts: &[&[u8]], dst: &[u8]) -> Result<Fr> {
        let bytes = self.expand_message(parts, dst, EXPAND_LEN)?;
        Ok(Fr::from_be_bytes_mod_order(&bytes))
    }

    /// hash_to_scalar (draft 4.2.1) with the reduction mod r in constant time
    /// ([`ct_scalar_from_be_wide`]), for secret or secret-derived outputs: KeyGen's SK and
    /// the e = H2S(SK || ..) of signing. The same value as [`Self::hash_to_scalar`].
    pub fn hash_to_scalar_ct(self, parts: &[&[u8]], dst: &[u8]) -> Result<Fr> {
        let bytes = Zeroizing::new(self.expand_message(parts, dst, EXPAND_LEN)?);
        let wide: &[u8; EXPAND_LEN] = bytes
            .as_slice()
            .try_into()
            .map_err(|_| Error::ExpandLength(bytes.len()))?;
        Ok(ct_scalar_from_be_wide(wide))
    }

    /// The fixed base point P1 of the suite (draft 7.2), decoded once.
    pub fn p1(self) -> G1Affine {
        static SHA: OnceLock<G1Affine> = OnceLock::new();
        static SHAKE: OnceLock<G1Affine> = OnceLock::new();
        let (cell, hex_str) = match self {
            Ciphersuite::Bls12381Sha256 => (&SHA, SHA_P1),
            Ciphersuite::Bls12381Shake256 => (&SHAKE, SHAKE_P1),
        };
        *cell.get_or_init(|| decode_constant_point(hex_str))
    }
}

/// Decodes a point constant of this file; the constants are valid (a unit test checks them
/// against their derivation), so failure is a bug in this file, not bad input.
fn decode_constant_point(hex_str: &str) -> G1Affine {
    let decoded = hex::decode(hex_str)
        .map_err(|e| Error::Hex(e.to_string()))
        .and_then(|b| g1_from_bytes(&b, "P1"));
    match decoded {
        Ok(p) => p,
        Err(e) => unreachable!("P1 constant is a valid point: {e}"),
    }
}

impl core::fmt::Display for Ciphersuite {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.name())
    }
}
