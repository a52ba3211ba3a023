//! Verifier identities: [`VerifierKey`] (an Ed25519 signing key, secret) and
//! [`VerifierPublicInfo`] (id, display name, public key and the pseudonym scopes the verifier
//! owns), with their versioned JSON documents.
//!
//! Why verifiers have keys: a presentation request names its verifier and its pseudonym
//! scope, and the holder's pseudonym is derived from them. Unsigned, any party could write a
//! request in the clinic's name, or ask for the clinic's scope in its own, and obtain the
//! holder's clinic pseudonym, which links the holder across verifiers. A wallet therefore
//! answers only requests signed by a verifier of its [`super::VerifierRegistry`], and only for
//! scopes that this verifier owns.

use super::error::{CredentialError, Result};
use super::json::{check_version, impl_serde_via_wire};
use super::json::{JsonDocument, FORMAT_VERSION};
use super::request_auth_error::RequestAuthError;
use super::text::check_text;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use rand_core::{CryptoRng, RngCore};
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

/// Most scopes one verifier may own.
pub const MAX_SCOPES: usize = 64;

/// Whether `id` is a verifier id: 1-128 characters `a-z 0-9 . _ -`, starting with a letter or
/// digit (ids are compared byte for byte, so no case or Unicode look-alikes).
pub fn is_verifier_id(id: &str) -> bool {
    (1..=128).contains(&id.len())
        && id
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && id.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'_' || b == b'-'
        })
}

/// Checks a pseudonym scope name: 1-256 printable characters ([`check_text`]), else
/// [`RequestAuthError::InvalidScope`].
pub fn check_scope_name(scope: &str) -> core::result::Result<(), RequestAuthError> {
    check_text(scope, 256).map_err(|problem| RequestAuthError::InvalidScope {
        scope: scope.to_owned(),
        problem,
    })
}

/// What everyone may know about a verifier: its id, display name, Ed25519 public key and the
/// pseudonym scopes it owns (sorted, unique).
#[derive(Clone, PartialEq, Eq)]
pub struct VerifierPublicInfo {
    id: String,
    name: String,
    public_key: VerifyingKey,
    scopes: Vec<String>,
}

impl core::fmt::Debug for VerifierPublicInfo {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("VerifierPublicInfo")
            .field("id", &self.id)
            .field("name", &self.name)
            .field("public_key", &hex::encode(self.public_key.as_bytes()))
            .field("scopes", &self.scopes)
            .finish()
    }
}

impl VerifierPublicInfo {
    /// Checks and builds a verifier's public document. The public key must be a valid,
    /// non-weak Ed25519 key (32 octets); the scopes are sorted.
    pub fn new(
        id: impl Into<String>,
        name: impl Into<String>,
        public_key: [u8; 32],
        scopes: Vec<String>,
    ) -> core::result::Result<Self, RequestAuthError> {
        let public_key = VerifyingKey::from_bytes(&public_key)
            .map_err(|e| RequestAuthError::InvalidPublicKey(e.to_string()))?;
        Self::from_key(id.into(), name.into(), public_key, scopes)
    }

    fn from_key(
        id: String,
        name: String,
        public_key: VerifyingKey,
        mut scopes: Vec<String>,
    ) -> core::result::Result<Self, RequestAuthError> {
        if !is_verifier_id(&id) {
            return Err(RequestAuthError::InvalidVerifierId(id));
        }
        if let Err(problem) = check_text(&name, 256) {
            return Err(RequestAuthError::InvalidVerifierName { name, problem });
        }
        if public_key.is_weak() {
            return Err(RequestAuthError::InvalidPublicKey(
                "a small-order point".into(),
            ));
        }
        if scopes.len() > MAX_SCOPES {
            return Err(RequestAuthError::TooManyScopes(id));
        }
        for s in &scopes {
            check_scope_name(s)?;
        }
        scopes.sort();
        if let Some(w) = scopes.windows(2).find(|w| w[0] == w[1]) {
            return Err(RequestAuthError::DuplicateScope {
                verifier: id,
                scope: w[0].clone(),
            });
        }
        Ok(Self {
            id,
            name,
            public_key,
            scopes,
        })
    }

    /// The verifier's id (what requests name in `verifier_id`).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The display name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The Ed25519 public key, 32 octets.
    pub fn public_key(&self) -> [u8; 32] {
        self.public_key.to_bytes()
    }

    /// The pseudonym scopes this verifier owns, sorted.
    pub fn scopes(&self) -> &[String] {
        &self.scopes
    }

    /// Whether the verifier owns `scope`.
    pub fn owns_scope(&self, scope: &str) -> bool {
        self.scopes
            .binary_search_by(|s| s.as_str().cmp(scope))
            .is_ok()
    }

    /// Whether `signature` is this verifier's signature of `message`. Uses strict
    /// verification (RFC 8032 with canonical `S`, no small-order `R` or key), so a signature
    /// has one valid encoding and cannot be mauled into another.
    pub(crate) fn verifies(&self, message: &[u8], signature: &Signature) -> bool {
        self.public_key.verify_strict(message, signature).is_ok()
    }
}

/// JSON form of [`VerifierPublicInfo`].
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerifierPublicInfoWire {
    /// Format version, 1.
    pub version: u64,
    /// The verifier id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Ed25519 public key, 32 bytes hex.
    pub public_key: String,
    /// Owned pseudonym scopes.
    #[serde(default)]
    pub scopes: Vec<String>,
}

impl JsonDocument for VerifierPublicInfo {
    type Wire = VerifierPublicInfoWire;

    fn to_wire(&self) -> VerifierPublicInfoWire {
        VerifierPublicInfoWire {
            version: FORMAT_VERSION,
            id: self.id.clone(),
            name: self.name.clone(),
            public_key: hex::encode(self.public_key.as_bytes()),
            scopes: self.scopes.clone(),
        }
    }

    fn from_wire(w: VerifierPublicInfoWire) -> Result<Self> {
        check_version(w.version)?;
        let mut key = [0u8; 32];
        hex::decode_to_slice(&w.public_key, &mut key).map_err(|e| CredentialError::InvalidId {
            what: "verifier public key",
            reason: format!("expected 64 hex digits: {e}"),
        })?;
        Ok(Self::new(w.id, w.name, key, w.scopes)?)
    }
}

impl_serde_via_wire!(VerifierPublicInfo);

/// A verifier's own identity: its public document and its Ed25519 signing key. **Secret**:
/// the key is zeroized on drop, `Debug` prints only the public document, and the only way
/// out is the key file ([`JsonDocument::to_json`]), to be stored with restricted permissions.
pub struct VerifierKey {
    info: VerifierPublicInfo,
    signing: SigningKey,
}

impl core::fmt::Debug for VerifierKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("VerifierKey")
            .field("info", &self.info)
            .finish_non_exhaustive()
    }
}

impl VerifierKey {
    /// A fresh verifier identity: 32 secret bytes from the caller's RNG.
    pub fn generate<R: RngCore + CryptoRng>(
        id: impl Into<String>,
        name: impl Into<String>,
        scopes: Vec<String>,
        rng: &mut R,
    ) -> core::result::Result<Self, RequestAuthError> {
        let mut seed = Zeroizing::new([0u8; 32]);
        rng.fill_bytes(seed.as_mut());
        let signing = SigningKey::from_bytes(&seed);
        let info =
            VerifierPublicInfo::from_key(id.into(), name.into(), signing.verifying_key(), scopes)?;
        Ok(Self { info, signing })
    }

    /// The public document (for verifier registries).
    pub fn public_info(&self) -> &VerifierPublicInfo {
        &self.info
    }

    /// The verifier's id.
    pub fn id(&self) -> &str {
        self.info.id()
    }

    /// Signs `message` (callers add their own domain tag).
    pub(crate) fn sign(&self, message: &[u8]) -> Signature {
        self.signing.sign(message)
    }
}

/// The 32 secret seed bytes of a verifier key file, hex in JSON; zeroized on drop.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct VerifierSecretKey([u8; 32]);

impl Serialize for VerifierSecretKey {
    fn serialize<S: serde::Serializer>(&self, s: S) -> core::result::Result<S::Ok, S::Error> {
        s.serialize_str(&Zeroizing::new(hex::encode(self.0)))
    }
}

impl<'de> Deserialize<'de> for VerifierSecretKey {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> core::result::Result<Self, D::Error> {
        let text = Zeroizing::new(String::deserialize(d)?);
        let mut out = [0u8; 32];
        hex::decode_to_slice(text.as_bytes(), &mut out)
            .map_err(|_| serde::de::Error::custom("verifier secret key: expected 64 hex digits"))?;
        Ok(Self(out))
    }
}

/// JSON form of [`VerifierKey`] (the verifier key file). Secret.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerifierKeyFile {
    /// Format version, 1.
    pub version: u64,
    /// The public document.
    pub info: VerifierPublicInfoWire,
    /// The Ed25519 secret key (seed), 32 bytes hex.
    pub secret_key: VerifierSecretKey,
}

impl JsonDocument for VerifierKey {
    type Wire = VerifierKeyFile;

    fn to_wire(&self) -> VerifierKeyFile {
        VerifierKeyFile {
            version: FORMAT_VERSION,
            info: self.info.to_wire(),
            secret_key: VerifierSecretKey(self.signing.to_bytes()),
        }
    }

    fn from_wire(w: VerifierKeyFile) -> Result<Self> {
        check_version(w.version)?;
        let info = VerifierPublicInfo::from_wire(w.info)?;
        let signing = SigningKey::from_bytes(&w.secret_key.0);
        if signing.verifying_key() != info.public_key {
            return Err(RequestAuthError::KeyMismatch.into());
        }
        Ok(Self { info, signing })
    }
}
