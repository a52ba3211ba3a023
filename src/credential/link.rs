//! Holder-secret equality across the credentials of one presentation: a Pedersen commitment
//! `E = s·G + r·H` on two fixed generators, opened inside every credential proof with that
//! proof's own challenge and its BBS response for the holder secret.
//!
//! ```text
//! holder, once:          E = s·G + r·H                       (r random)
//! in proof k:            T_k = m~_k·G + r~_k·H               (m~_k: the BBS blinding of s in proof k)
//!                        T_k goes into ph_k;  r^_k = r~_k + c_k·r
//! verifier, per proof:   T_k' = m^_k·G + r^_k·H − c_k·E     (m^_k: the proof's response for s)
//! ```
//!
//! Proof k verifies only if `T_k' = T_k`, so (special soundness) `E` opens to the holder secret
//! signed in credential k; as every proof opens the same `E`, all credentials carry the same
//! secret. `G` and `H` are `hash_to_curve_g1` of fixed strings under [`LINK_DST`]: nobody knows
//! their discrete-log relation, so `E` is binding, and with random `r` perfectly hiding.

use ark_bls12_381::{G1Affine, G1Projective};
use ark_ec::{AffineRepr, CurveGroup};
use rand_core::{CryptoRng, RngCore};
use std::sync::OnceLock;
use zeroize::Zeroizing;
use zkcred_bbs::hash::{hash_to_curve_g1, random_scalar};
use zkcred_bbs::octets::{g1_from_bytes_nonidentity, g1_to_bytes};
use zkcred_bbs::{Ciphersuite, Scalar as Fr};
use zkcred_pairing::{fixed_base_sum, small_msm, FixedBaseTable};

/// Domain separation tag of the link generators.
pub const LINK_DST: &[u8] = b"ZKCRED-HOLDER-LINK-GENERATORS-V1";

/// The suite whose hash-to-curve derives the link generators, whatever the credentials'
/// suites (so credentials of both suites can be linked).
pub const LINK_SUITE: Ciphersuite = Ciphersuite::Bls12381Sha256;

/// The link commitment `E` (48 bytes compressed, hex in JSON).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LinkCommitment(pub G1Affine);

impl LinkCommitment {
    /// The compressed point.
    pub fn to_bytes(&self) -> [u8; 48] {
        g1_to_bytes(&self.0)
    }

    /// A valid, non-identity point of G1.
    pub fn from_bytes(bytes: &[u8]) -> zkcred_bbs::Result<Self> {
        Ok(Self(g1_from_bytes_nonidentity(bytes, "link commitment")?))
    }
}

impl serde::Serialize for LinkCommitment {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&hex::encode(self.to_bytes()))
    }
}

impl<'de> serde::Deserialize<'de> for LinkCommitment {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <String as serde::Deserialize>::deserialize(d)?;
        let bytes = hex::decode(text).map_err(serde::de::Error::custom)?;
        Self::from_bytes(&bytes).map_err(serde::de::Error::custom)
    }
}

/// The generators `(G, H)` of a suite, hashed to the curve once per process (a verifier
/// needs them for every credential of every linked presentation).
pub fn link_generators(suite: Ciphersuite) -> zkcred_bbs::Result<(G1Projective, G1Projective)> {
    static SHA256: OnceLock<(G1Projective, G1Projective)> = OnceLock::new();
    static SHAKE256: OnceLock<(G1Projective, G1Projective)> = OnceLock::new();
    let cell = match suite {
        Ciphersuite::Bls12381Sha256 => &SHA256,
        Ciphersuite::Bls12381Shake256 => &SHAKE256,
    };
    if let Some(gens) = cell.get() {
        return Ok(*gens);
    }
    let g = hash_to_curve_g1(suite, &[b"G"], LINK_DST)?;
    let h = hash_to_curve_g1(suite, &[b"H"], LINK_DST)?;
    Ok(*cell.get_or_init(|| (g, h)))
}

/// The holder's side of one presentation's link: `E`, and `r`.
pub struct LinkProver {
    g: G1Projective,
    h: G1Projective,
    r: Zeroizing<Fr>,
    commitment: LinkCommitment,
}

/// One proof's part of the link before its challenge: `T_k` and `r~_k`.
pub struct LinkRound {
    t: G1Affine,
    r_tilde: Zeroizing<Fr>,
}

impl LinkProver {
    /// `E = s·G + r·H` with fresh `r`.
    pub fn new<R: RngCore + CryptoRng>(
        suite: Ciphersuite,
        secret: &Fr,
        rng: &mut R,
    ) -> zkcred_bbs::Result<Self> {
        let (g, h) = link_generators(suite)?;
        let r = Zeroizing::new(random_scalar(rng));
        let e = (g * secret + h * *r).into_affine();
        Ok(Self {
            g,
            h,
            r,
            commitment: LinkCommitment(e),
        })
    }

    /// `E`.
    pub fn commitment(&self) -> &LinkCommitment {
        &self.commitment
    }

    /// `T_k = m~·G + r~·H` for a proof whose holder-secret blinding is `m_tilde`.
    pub fn round<R: RngCore + CryptoRng>(&self, m_tilde: &Fr, rng: &mut R) -> LinkRound {
        let r_tilde = Zeroizing::new(random_scalar(rng));
        let t = (self.g * m_tilde + self.h * *r_tilde).into_affine();
        LinkRound { t, r_tilde }
    }

    /// `r^ = r~ + c·r`.
    pub fn respond(&self, round: LinkRound, c: &Fr) -> Fr {
        *round.r_tilde + *c * *self.r
    }
}

impl LinkRound {
    /// `T_k`, to bind into the proof's `ph`.
    pub fn t(&self) -> &G1Affine {
        &self.t
    }
}

/// Fixed-base tables of a suite's `(G, H)`, built once per process.
fn link_tables(suite: Ciphersuite) -> zkcred_bbs::Result<&'static [FixedBaseTable; 2]> {
    static SHA256: OnceLock<[FixedBaseTable; 2]> = OnceLock::new();
    static SHAKE256: OnceLock<[FixedBaseTable; 2]> = OnceLock::new();
    let cell = match suite {
        Ciphersuite::Bls12381Sha256 => &SHA256,
        Ciphersuite::Bls12381Shake256 => &SHAKE256,
    };
    if let Some(tables) = cell.get() {
        return Ok(tables);
    }
    let (g, h) = link_generators(suite)?;
    let table = |p: G1Projective| FixedBaseTable::new(&p.into_affine());
    Ok(cell.get_or_init(|| [table(g), table(h)]))
}

/// The verifier's `T' = m^·G + r^·H − c·E`: a fixed-base sum over the tables of `G` and `H`
/// plus `−c·E` by Straus–GLV ([`zkcred_pairing::small_msm`]).
pub fn recompute_link_t(
    suite: Ciphersuite,
    e: &LinkCommitment,
    m_hat: &Fr,
    r_hat: &Fr,
    c: &Fr,
) -> zkcred_bbs::Result<G1Affine> {
    let [g, h] = link_tables(suite)?;
    let fixed = fixed_base_sum([(g, *m_hat), (h, *r_hat)]);
    Ok((fixed + small_msm(&[e.0.into_group()], &[-*c])).into_affine())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ark_ff::UniformRand;
    use rand_chacha::{rand_core::SeedableRng, ChaCha20Rng};

    /// The tables give the plain `m^·G + r^·H − c·E`, and an honest round's `T`.
    #[test]
    fn recomputed_t_is_the_plain_sum_and_opens_e() {
        let rng = &mut ChaCha20Rng::seed_from_u64(11);
        for suite in [Ciphersuite::Bls12381Sha256, Ciphersuite::Bls12381Shake256] {
            let (g, h) = link_generators(suite).unwrap();
            let secret = Fr::rand(rng);
            let prover = LinkProver::new(suite, &secret, rng).unwrap();
            let e = *prover.commitment();
            let m_tilde = Fr::rand(rng);
            let round = prover.round(&m_tilde, rng);
            let t = *round.t();
            let c = Fr::rand(rng);
            let r_hat = prover.respond(round, &c);
            let m_hat = m_tilde + c * secret;
            let got = recompute_link_t(suite, &e, &m_hat, &r_hat, &c).unwrap();
            assert_eq!(got, t);
            let plain = (g * m_hat + h * r_hat - e.0 * c).into_affine();
            assert_eq!(got, plain);
            let wrong = recompute_link_t(suite, &e, &m_hat, &r_hat, &(c + Fr::from(1u64)));
            assert_ne!(wrong.unwrap(), t);
        }
    }
}
