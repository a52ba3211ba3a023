//! The issuer-hiding generator U and an issuer's second public key X = x·U, checked against
//! W = x·BP2 by e(X, BP2) = e(U, W).

use crate::core_ops::bp2_prepared;
use crate::error::{Error, Result};
use crate::generators::Generator;
use crate::hash::hash_to_curve_g1;
use crate::keys::{PublicKey, SecretKey};
use crate::octets::{g1_from_bytes_nonidentity, g1_to_bytes, G1_LEN};
use crate::suite::{Ciphersuite, Interface};
use ark_bls12_381::G1Affine;
use ark_ec::{AffineRepr, CurveGroup};
use std::sync::OnceLock;
use zkcred_pairing::{ct_mul_g1, G2Side, PairingCheck};

/// U = hash_to_curve_g1(api_id || "ISSUER_HIDING_U_SEED", api_id || "ISSUER_HIDING_U_"),
/// api_id the suite's core api_id; made once per process, with its fixed-base table. Nobody
/// knows its discrete logarithm to P1, BP1 or any message generator (different DST).
pub fn u_generator(suite: Ciphersuite) -> &'static Generator {
    static SHA: OnceLock<Generator> = OnceLock::new();
    static SHAKE: OnceLock<Generator> = OnceLock::new();
    let cell = match suite {
        Ciphersuite::Bls12381Sha256 => &SHA,
        Ciphersuite::Bls12381Shake256 => &SHAKE,
    };
    cell.get_or_init(|| {
        let api_id = suite.api_id(Interface::Core);
        let seed = [&api_id[..], b"ISSUER_HIDING_U_SEED"].concat();
        let dst = [&api_id[..], b"ISSUER_HIDING_U_"].concat();
        // hash_to_curve only fails on a DST longer than 255 bytes (this one has 41). Were it
        // to fail, U would be the identity, which every key and proof check then refuses
        // (X, X' must not be the identity), never a point of known logarithm.
        let point = hash_to_curve_g1(suite, &[&seed], &dst)
            .map(|p| p.into_affine())
            .unwrap_or_else(|_| G1Affine::zero());
        Generator::new(point)
    })
}

/// An issuer's keys for issuer hiding: W = x·BP2 (its BBS key) and X = x·U.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IssuerKey {
    suite: Ciphersuite,
    w: PublicKey,
    x: G1Affine,
}

impl IssuerKey {
    /// The issuer's own keys: W = SK·BP2, X = SK·U, both in constant time (blst).
    pub fn from_secret(suite: Ciphersuite, sk: &SecretKey) -> Self {
        let x = ct_mul_g1(u_generator(suite).point(), sk.scalar());
        Self {
            suite,
            w: sk.public_key(),
            x,
        }
    }

    /// A published (W, X): X decoded (48 bytes, in G1, not the identity) and checked,
    /// e(X, BP2) = e(U, W), else [`Error::InvalidIssuerKey`]. What the registry calls when it
    /// adds an issuer (one 2-pair pairing).
    pub fn new(suite: Ciphersuite, w: PublicKey, x: &[u8]) -> Result<Self> {
        let x = g1_from_bytes_nonidentity(x, "issuer-hiding key X")?;
        if !Self::key_check(suite, &w, &x).holds() {
            return Err(Error::InvalidIssuerKey);
        }
        Ok(Self { suite, w, x })
    }

    /// The key check deferred: e(X, BP2) · e(−U, W) = 1, to merge with other checks
    /// ([`zkcred_pairing::all_hold`]) when a registry adds many issuers.
    pub fn key_check<'k>(suite: Ciphersuite, w: &'k PublicKey, x: &G1Affine) -> PairingCheck<'k> {
        PairingCheck::new()
            .with(x.into_group(), G2Side::Fixed(bp2_prepared()))
            .with(
                -u_generator(suite).point().into_group(),
                G2Side::Fixed(w.prepared()),
            )
    }

    /// The ciphersuite.
    pub fn suite(&self) -> Ciphersuite {
        self.suite
    }

    /// W.
    pub fn public_key(&self) -> &PublicKey {
        &self.w
    }

    /// X = x·U.
    pub fn x(&self) -> &G1Affine {
        &self.x
    }

    /// point_to_octets_E1(X), 48 bytes.
    pub fn x_bytes(&self) -> [u8; G1_LEN] {
        g1_to_bytes(&self.x)
    }
}
