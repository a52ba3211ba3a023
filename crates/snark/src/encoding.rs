//! Octet encodings and serde (hex strings of the octets: written lowercase, read in either
//! case; the octets, not the text, are what is hashed and checked).
//!
//! - points: ark-serialize compressed (the ZCash BLS12-381 format: G1 48 bytes, G2 96 bytes),
//!   decoded with `Validate::Yes` (on curve, in subgroup);
//! - scalars: 32 bytes big-endian, rejected if `>= r` (no reduction);
//! - counts and t: `u32` big-endian; a count is checked against the bytes left before anything
//!   is allocated, so decoding arbitrary bytes never panics nor allocates more than its input.
//!
//! | type | layout | bytes |
//! |---|---|---|
//! | [`Groth16Proof`] | `A \|\| B \|\| C` | 192 |
//! | [`CommittedProof`] | `A \|\| B \|\| C \|\| D` | 240 |
//! | [`OpeningResponse`] | `v^` | 32 |
//! | [`VerifyingKey`] | `id(32) \|\| t \|\| alpha_g1 \|\| beta_g2 \|\| gamma_g2 \|\| delta_g2 \|\| n \|\| IC_0..IC_{n-1}` | 376 + 48n |
//! | [`ProvingKey`] | `vk \|\| beta_g1 \|\| delta_g1 \|\| a \|\| b_g1 \|\| b_g2 \|\| h \|\| l \|\| flag [\|\| [1]_2 \|\| [τ]_2 \|\| [τ^n]_2 \|\| powers]` (each query: count, points) | |

use ark_ff::{BigInteger, PrimeField};
use ark_serialize::CanonicalSerialize;

use crate::{
    ArkProvingKey, ArkVerifyingKey, CircuitId, CommittedProof, Element, Fr, G1Affine, G2Affine,
    Groth16Proof, OpeningResponse, ProvingKey, Result, SnarkError, TauPowers, VerifyingKey,
};

/// Compressed G1 point size.
pub const G1_LEN: usize = 48;
/// Compressed G2 point size.
pub const G2_LEN: usize = 96;
/// Scalar size.
pub const SCALAR_LEN: usize = 32;
/// Encoded [`Groth16Proof`] size: `A || B || C`.
pub const PROOF_LEN: usize = 2 * G1_LEN + G2_LEN;
/// Encoded [`CommittedProof`] size: `A || B || C || D`.
pub const COMMITTED_PROOF_LEN: usize = PROOF_LEN + G1_LEN;

/// `s` as 32 bytes big-endian.
pub fn scalar_to_bytes(s: &Fr) -> [u8; SCALAR_LEN] {
    let mut out = [0u8; SCALAR_LEN];
    out.copy_from_slice(&s.into_bigint().to_bytes_be());
    out
}

/// Parses 32 bytes big-endian; [`SnarkError::NonCanonicalScalar`] if the value is `>= r`.
pub fn scalar_from_bytes(bytes: &[u8]) -> Result<Fr> {
    let arr: &[u8; SCALAR_LEN] = bytes.try_into().map_err(|_| SnarkError::InvalidLength {
        expected: SCALAR_LEN,
        got: bytes.len(),
    })?;
    let mut limbs = [0u64; 4];
    for (i, chunk) in arr.chunks_exact(8).enumerate() {
        let mut b = [0u8; 8];
        b.copy_from_slice(chunk);
        limbs[3 - i] = u64::from_be_bytes(b);
    }
    Fr::from_bigint(ark_ff::BigInt::new(limbs)).ok_or(SnarkError::NonCanonicalScalar)
}

fn put_point<P: CanonicalSerialize>(out: &mut Vec<u8>, p: &P) {
    // Writing a point into a Vec cannot fail.
    p.serialize_compressed(&mut *out)
        .expect("serializing a point into a Vec is infallible");
}

fn put_u32(out: &mut Vec<u8>, n: usize) {
    // Lengths in this crate are far below 2^32 (a key that large could not be stored).
    let n = u32::try_from(n).unwrap_or(u32::MAX);
    out.extend_from_slice(&n.to_be_bytes());
}

fn put_g1_vec(out: &mut Vec<u8>, v: &[G1Affine]) {
    put_u32(out, v.len());
    v.iter().for_each(|p| put_point(out, p));
}

fn put_g2_vec(out: &mut Vec<u8>, v: &[G2Affine]) {
    put_u32(out, v.len());
    v.iter().for_each(|p| put_point(out, p));
}

/// A bounds-checked cursor over untrusted bytes.
struct Reader<'a> {
    buf: &'a [u8],
}

impl<'a> Reader<'a> {
    fn new(buf: &'a [u8]) -> Self {
        Reader { buf }
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        if self.buf.len() < n {
            return Err(SnarkError::Truncated);
        }
        let (head, tail) = self.buf.split_at(n);
        self.buf = tail;
        Ok(head)
    }

    fn take_array<const N: usize>(&mut self) -> Result<&'a [u8; N]> {
        self.take(N)?.try_into().map_err(|_| SnarkError::Truncated)
    }

    fn u32(&mut self) -> Result<usize> {
        let mut b = [0u8; 4];
        b.copy_from_slice(self.take(4)?);
        Ok(u32::from_be_bytes(b) as usize)
    }

    fn g1(&mut self, e: Element) -> Result<G1Affine> {
        zkcred_pairing::g1_from_compressed(self.take_array()?).ok_or(SnarkError::InvalidPoint(e))
    }

    fn g2(&mut self, e: Element) -> Result<G2Affine> {
        zkcred_pairing::g2_from_compressed(self.take_array()?).ok_or(SnarkError::InvalidPoint(e))
    }

    /// Reads a count and checks that `count * elem_len` bytes remain, before allocating.
    fn count(&mut self, elem_len: usize) -> Result<usize> {
        let n = self.u32()?;
        match n.checked_mul(elem_len) {
            Some(total) if total <= self.buf.len() => Ok(n),
            _ => Err(SnarkError::Truncated),
        }
    }

    fn g1_vec(&mut self, e: fn(usize) -> Element) -> Result<Vec<G1Affine>> {
        let n = self.count(G1_LEN)?;
        (0..n).map(|i| self.g1(e(i))).collect()
    }

    fn g2_vec(&mut self, e: fn(usize) -> Element) -> Result<Vec<G2Affine>> {
        let n = self.count(G2_LEN)?;
        (0..n).map(|i| self.g2(e(i))).collect()
    }

    fn finish(self) -> Result<()> {
        if self.buf.is_empty() {
            Ok(())
        } else {
            Err(SnarkError::TrailingBytes(self.buf.len()))
        }
    }
}

fn check_exact_len(bytes: &[u8], expected: usize) -> Result<()> {
    if bytes.len() == expected {
        Ok(())
    } else {
        Err(SnarkError::InvalidLength {
            expected,
            got: bytes.len(),
        })
    }
}

/// `A || B || C`, compressed: 192 bytes.
pub fn proof_to_bytes(proof: &Groth16Proof) -> Vec<u8> {
    let mut out = Vec::with_capacity(PROOF_LEN);
    put_point(&mut out, &proof.a);
    put_point(&mut out, &proof.b);
    put_point(&mut out, &proof.c);
    out
}

fn read_proof(r: &mut Reader<'_>) -> Result<Groth16Proof> {
    Ok(Groth16Proof {
        a: r.g1(Element::ProofA)?,
        b: r.g2(Element::ProofB)?,
        c: r.g1(Element::ProofC)?,
    })
}

/// Parses `A || B || C` (192 bytes); points must be valid subgroup elements.
pub fn proof_from_bytes(bytes: &[u8]) -> Result<Groth16Proof> {
    check_exact_len(bytes, PROOF_LEN)?;
    let mut r = Reader::new(bytes);
    let proof = read_proof(&mut r)?;
    r.finish()?;
    Ok(proof)
}

impl CommittedProof {
    /// `A || B || C || D`, compressed: 240 bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = proof_to_bytes(&self.proof);
        put_point(&mut out, &self.d);
        out
    }

    /// Parses `A || B || C || D` (240 bytes); points must be valid subgroup elements.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        check_exact_len(bytes, COMMITTED_PROOF_LEN)?;
        let mut r = Reader::new(bytes);
        let proof = read_proof(&mut r)?;
        let d = r.g1(Element::CommitmentD)?;
        r.finish()?;
        Ok(CommittedProof { proof, d })
    }
}

impl OpeningResponse {
    /// `v^` as 32 bytes big-endian.
    pub fn to_bytes(&self) -> Vec<u8> {
        scalar_to_bytes(&self.v_hat).to_vec()
    }

    /// Parses 32 bytes big-endian; rejected if `>= r`.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        Ok(OpeningResponse {
            v_hat: scalar_from_bytes(bytes)?,
        })
    }
}

fn put_vk(out: &mut Vec<u8>, id: &CircuitId, t: usize, vk: &ArkVerifyingKey) {
    out.extend_from_slice(id.as_bytes());
    put_u32(out, t);
    put_point(out, &vk.alpha_g1);
    put_point(out, &vk.beta_g2);
    put_point(out, &vk.gamma_g2);
    put_point(out, &vk.delta_g2);
    put_g1_vec(out, &vk.gamma_abc_g1);
}

fn read_vk(r: &mut Reader<'_>) -> Result<VerifyingKey> {
    let id = CircuitId::from_slice(r.take(CircuitId::LEN)?)?;
    let t = r.u32()?;
    let vk = ArkVerifyingKey {
        alpha_g1: r.g1(Element::VkAlphaG1)?,
        beta_g2: r.g2(Element::VkBetaG2)?,
        gamma_g2: r.g2(Element::VkGammaG2)?,
        delta_g2: r.g2(Element::VkDeltaG2)?,
        gamma_abc_g1: r.g1_vec(Element::VkIc)?,
    };
    VerifyingKey::from_parts(id, t, vk)
}

impl VerifyingKey {
    /// `id || u32be(t) || alpha_g1 || beta_g2 || gamma_g2 || delta_g2 || u32be(n) || IC_0..IC_{n-1}`.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(376 + G1_LEN * self.vk.gamma_abc_g1.len());
        put_vk(&mut out, &self.circuit_id, self.num_committed, &self.vk);
        out
    }

    /// Parses [`VerifyingKey::to_bytes`]'s format; points are checked on curve and in subgroup
    /// and the shape `|IC| >= t + 2`. Holders still run [`check_verifying_key`](crate::check_verifying_key).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let mut r = Reader::new(bytes);
        let vk = read_vk(&mut r)?;
        r.finish()?;
        Ok(vk)
    }
}

impl ProvingKey {
    /// `vk || beta_g1 || delta_g1 || a_query || b_g1_query || b_g2_query || h_query || l_query
    /// || flag`, each query as `u32be(count) || points`; `flag` is `0`, or `1` followed by the
    /// powers of tau `[1]_2 || [τ]_2 || [τ^n]_2 || u32be(count) || [τ^0]_1 .. [τ^n]_1`.
    pub fn to_bytes(&self) -> Vec<u8> {
        let k = &self.pk;
        let mut out = Vec::new();
        put_vk(&mut out, &self.circuit_id, self.num_committed, &k.vk);
        put_point(&mut out, &k.beta_g1);
        put_point(&mut out, &k.delta_g1);
        put_g1_vec(&mut out, &k.a_query);
        put_g1_vec(&mut out, &k.b_g1_query);
        put_g2_vec(&mut out, &k.b_g2_query);
        put_g1_vec(&mut out, &k.h_query);
        put_g1_vec(&mut out, &k.l_query);
        match &self.tau_powers {
            None => out.push(0),
            Some(tp) => {
                out.push(1);
                put_point(&mut out, &tp.g2);
                put_point(&mut out, &tp.tau_g2);
                put_point(&mut out, &tp.tau_n_g2);
                put_g1_vec(&mut out, &tp.g1_powers);
            }
        }
        out
    }

    /// Parses [`ProvingKey::to_bytes`]'s format; points are checked on curve and in subgroup.
    /// Holders still run [`check_keys`](crate::check_keys).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let mut r = Reader::new(bytes);
        let vk = read_vk(&mut r)?;
        let pk = ArkProvingKey {
            vk: vk.vk,
            beta_g1: r.g1(Element::PkBetaG1)?,
            delta_g1: r.g1(Element::PkDeltaG1)?,
            a_query: r.g1_vec(Element::PkAQuery)?,
            b_g1_query: r.g1_vec(Element::PkBG1Query)?,
            b_g2_query: r.g2_vec(Element::PkBG2Query)?,
            h_query: r.g1_vec(Element::PkHQuery)?,
            l_query: r.g1_vec(Element::PkLQuery)?,
        };
        let tau_powers = match r.take(1)?[0] {
            0 => None,
            1 => {
                let g2 = r.g2(Element::TauG2Generator)?;
                let tau_g2 = r.g2(Element::TauG2)?;
                let tau_n_g2 = r.g2(Element::TauNG2)?;
                let g1_powers = r.g1_vec(Element::TauPowerG1)?;
                Some(TauPowers::from_parts(g1_powers, g2, tau_g2, tau_n_g2))
            }
            _ => return Err(SnarkError::MalformedKey("powers-of-tau flag is not 0 or 1")),
        };
        r.finish()?;
        let pk = ProvingKey::from_parts(vk.circuit_id, vk.num_committed, pk)?;
        let mut pk = match tau_powers {
            Some(tp) => pk.with_tau_powers(tp),
            None => pk,
        };
        // Every point above went through Validate::Yes (on curve, in subgroup).
        pk.points_validated = true;
        Ok(pk)
    }
}

/// Decodes a hex string in either case (as every zkcred document is read; writers use
/// lowercase). The decoded octets are canonical whatever the case of the text: every value
/// is decoded from them and re-encoded from its value, never kept as text.
pub fn decode_hex(s: &str) -> Result<Vec<u8>> {
    hex::decode(s).map_err(|_| SnarkError::InvalidHex)
}

macro_rules! serde_hex {
    ($t:ty, $enc:expr, $dec:expr) => {
        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(
                &self,
                s: S,
            ) -> core::result::Result<S::Ok, S::Error> {
                let enc: fn(&$t) -> Vec<u8> = $enc;
                s.serialize_str(&hex::encode(enc(self)))
            }
        }

        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(
                d: D,
            ) -> core::result::Result<Self, D::Error> {
                let s = <String as serde::Deserialize>::deserialize(d)?;
                let bytes = decode_hex(&s).map_err(serde::de::Error::custom)?;
                let dec: fn(&[u8]) -> Result<$t> = $dec;
                dec(&bytes).map_err(serde::de::Error::custom)
            }
        }
    };
}

serde_hex!(CircuitId, |x| x.to_bytes().to_vec(), CircuitId::from_slice);
serde_hex!(
    CommittedProof,
    CommittedProof::to_bytes,
    CommittedProof::from_bytes
);
serde_hex!(
    OpeningResponse,
    OpeningResponse::to_bytes,
    OpeningResponse::from_bytes
);
serde_hex!(
    VerifyingKey,
    VerifyingKey::to_bytes,
    VerifyingKey::from_bytes
);
serde_hex!(ProvingKey, ProvingKey::to_bytes, ProvingKey::from_bytes);
