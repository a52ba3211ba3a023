//! Keys (draft 3.4): KeyGen, SkToPk, and their octet and serde encodings.

use crate::error::{Error, Result};
use crate::octets::{
    exact, g2_from_bytes_nonidentity, g2_to_bytes, hex_decode, G2_LEN, SCALAR_LEN,
};
use crate::suite::{Ciphersuite, Interface};
use ark_bls12_381::{Fr, G2Affine};
use ark_ec::AffineRepr;
use ark_ff::Zero;
use rand_core::{CryptoRng, RngCore};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};
use zkcred_pairing::{ct_mul_g2, ct_scalar_from_be_bytes, ct_scalar_to_be_bytes, PreparedG2};

/// A BBS secret key SK, a scalar in [1, r-1]. Zeroized on drop; `Debug` never prints it.
#[derive(Clone, Zeroize, ZeroizeOnDrop, PartialEq, Eq)]
pub struct SecretKey(pub(crate) Fr);

impl SecretKey {
    /// KeyGen (draft 3.4.1): SK = hash_to_scalar(key_material || I2OSP(len(key_info), 2) ||
    /// key_info, key_dst). `key_dst` defaults to api_id || "KEYGEN_DST_", which is what the
    /// official vectors use (the draft text says ciphersuite_id || "KEYGEN_DST_").
    pub fn keygen(
        suite: Ciphersuite,
        key_material: &[u8],
        key_info: &[u8],
        key_dst: Option<&[u8]>,
    ) -> Result<Self> {
        if key_material.len() < 32 {
            return Err(Error::KeyMaterialTooShort);
        }
        let info_len = u16::try_from(key_info.len()).map_err(|_| Error::KeyInfoTooLong)?;
        let default_dst;
        let dst = match key_dst {
            Some(d) => d,
            None => {
                default_dst = [&suite.api_id(Interface::Core)[..], b"KEYGEN_DST_"].concat();
                &default_dst
            }
        };
        let sk =
            suite.hash_to_scalar_ct(&[key_material, &info_len.to_be_bytes(), key_info], dst)?;
        if sk.is_zero() {
            return Err(Error::Degenerate("secret key is zero"));
        }
        Ok(Self(sk))
    }

    /// A fresh key from 32 bytes of the caller's RNG, through KeyGen with empty key_info.
    pub fn random<R: RngCore + CryptoRng>(suite: Ciphersuite, rng: &mut R) -> Result<Self> {
        let mut material = Zeroizing::new([0u8; 32]);
        rng.fill_bytes(&mut material[..]);
        Self::keygen(suite, &material[..], b"", None)
    }

    /// SkToPk (draft 3.4.2): W = SK·BP2, in constant time (blst's GLV multiplication).
    pub fn public_key(&self) -> PublicKey {
        PublicKey::from_point(ct_mul_g2(&G2Affine::generator(), &self.0))
    }

    /// I2OSP(SK, 32), in constant time. The caller must treat the bytes as secret.
    pub fn to_bytes(&self) -> Zeroizing<[u8; SCALAR_LEN]> {
        ct_scalar_to_be_bytes(&self.0)
    }

    /// OS2IP of 32 bytes, rejecting 0 and values >= r; the value is decoded in constant time
    /// (only whether it is canonical and non-zero shows).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        const WHAT: &str = "secret key";
        let sk = ct_scalar_from_be_bytes(exact::<SCALAR_LEN>(bytes, WHAT)?)
            .ok_or(Error::NonCanonicalScalar(WHAT))?;
        if sk.is_zero() {
            return Err(Error::ZeroScalar(WHAT));
        }
        Ok(Self(sk))
    }

    /// The scalar, for crate-internal use.
    pub(crate) fn scalar(&self) -> &Fr {
        &self.0
    }
}

impl core::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("SecretKey(<redacted>)")
    }
}

impl Serialize for SecretKey {
    fn serialize<S: Serializer>(&self, s: S) -> core::result::Result<S::Ok, S::Error> {
        let hex_str = Zeroizing::new(hex::encode(&self.to_bytes()[..]));
        s.serialize_str(&hex_str)
    }
}

impl<'de> Deserialize<'de> for SecretKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> core::result::Result<Self, D::Error> {
        let s = Zeroizing::new(String::deserialize(d)?);
        let bytes = Zeroizing::new(hex_decode(&s).map_err(serde::de::Error::custom)?);
        Self::from_bytes(&bytes).map_err(serde::de::Error::custom)
    }
}

/// A BBS public key W = SK·BP2 in G2, with its pairing preparation cached.
#[derive(Clone)]
pub struct PublicKey {
    bytes: [u8; G2_LEN],
    g2: PreparedG2,
}

impl PublicKey {
    fn from_point(point: G2Affine) -> Self {
        Self {
            bytes: g2_to_bytes(&point),
            g2: PreparedG2::new(point),
        }
    }

    /// point_to_octets_E2(W), 96 bytes.
    pub fn to_bytes(&self) -> [u8; G2_LEN] {
        self.bytes
    }

    /// Decodes and validates W: 96 bytes, on the curve, in G2, not the identity.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        Ok(Self::from_point(g2_from_bytes_nonidentity(
            bytes,
            "public key",
        )?))
    }

    /// The point W.
    pub fn point(&self) -> &G2Affine {
        self.g2.point()
    }

    /// W with its pairing preparation: the G2 side of every deferred proof or signature
    /// check under this key ([`zkcred_pairing::PairingCheck`]).
    pub fn prepared(&self) -> &PreparedG2 {
        &self.g2
    }

    pub(crate) fn octets(&self) -> &[u8; G2_LEN] {
        &self.bytes
    }
}

impl PartialEq for PublicKey {
    fn eq(&self, other: &Self) -> bool {
        self.bytes == other.bytes
    }
}
impl Eq for PublicKey {}

impl core::fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "PublicKey({})", hex::encode(self.bytes))
    }
}

crate::serde_hex::impl_serde_hex!(PublicKey);

/// A key pair.
#[derive(Clone, Debug)]
pub struct KeyPair {
    /// The secret key.
    pub secret: SecretKey,
    /// The public key.
    pub public: PublicKey,
}

impl KeyPair {
    /// A fresh key pair from the caller's RNG.
    pub fn random<R: RngCore + CryptoRng>(suite: Ciphersuite, rng: &mut R) -> Result<Self> {
        let secret = SecretKey::random(suite, rng)?;
        let public = secret.public_key();
        Ok(Self { secret, public })
    }
}
