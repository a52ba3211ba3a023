//! The proof challenge (draft 3.6.5, calculate_challenge):
//! c = H2S(I2OSP(R, 8) || (I2OSP(i, 8) || m_i)_{i disclosed} || Abar || Bbar || D || T1 || T2
//!         || [extra] || domain || I2OSP(len(ph), 8) || ph || [trailer], api_id || "H2S_").
//! `extra` and `trailer` are empty for core proofs; the pseudonym draft puts the pseudonym and
//! Ut before the domain and the length-prefixed context id after ph. Issuer-hiding proofs
//! ([`crate::hidden`]) hash no domain (it is a hidden value there) and use their own DST.

use crate::error::Result;
use crate::octets::{g1_to_bytes, i2osp8, scalar_to_bytes};
use crate::suite::Ciphersuite;
use ark_bls12_381::{Fr, G1Affine};

/// Everything that goes into a challenge, by reference.
pub(crate) struct ChallengeInput<'a> {
    pub disclosed: &'a [(usize, Fr)],
    /// Abar, Bbar, D, T1, T2.
    pub points: &'a [G1Affine; 5],
    pub extra: &'a [&'a [u8]],
    /// The public domain; `None` when it is hidden (issuer hiding), and then not hashed.
    pub domain: Option<&'a Fr>,
    pub ph: &'a [u8],
    pub trailer: &'a [&'a [u8]],
}

impl ChallengeInput<'_> {
    /// Hashes the input to the challenge scalar.
    pub(crate) fn hash(&self, suite: Ciphersuite, h2s_dst: &[u8]) -> Result<Fr> {
        let extra_len: usize = self.extra.iter().chain(self.trailer).map(|e| e.len()).sum();
        let mut buf = Vec::with_capacity(
            8 + 40 * self.disclosed.len() + 5 * 48 + extra_len + 48 + self.ph.len(),
        );
        buf.extend_from_slice(&i2osp8(self.disclosed.len()));
        for (i, m) in self.disclosed {
            buf.extend_from_slice(&i2osp8(*i));
            buf.extend_from_slice(&scalar_to_bytes(m));
        }
        for p in self.points {
            buf.extend_from_slice(&g1_to_bytes(p));
        }
        for e in self.extra {
            buf.extend_from_slice(e);
        }
        if let Some(domain) = self.domain {
            buf.extend_from_slice(&scalar_to_bytes(domain));
        }
        buf.extend_from_slice(&i2osp8(self.ph.len()));
        buf.extend_from_slice(self.ph);
        for t in self.trailer {
            buf.extend_from_slice(t);
        }
        suite.hash_to_scalar(&[&buf], h2s_dst)
    }
}
