//! Issuers: tiers, jurisdictions, derived ids, the public issuer document and the key file.
//! (Signing credentials comes with blind issuance.)

use super::error::{CredentialError, Result};
use super::json::{check_version, impl_hex_id, impl_serde_via_wire};
use super::json::{JsonDocument, FORMAT_VERSION};
use super::text::check_text;
use rand_core::{CryptoRng, RngCore};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zkcred_bbs::octets::G1_LEN;
use zkcred_bbs::{Ciphersuite, IssuerKey, KeyPair, PublicKey, SecretKey};

/// Domain tag of the issuer-id hash.
const ISSUER_ID_DOMAIN: &[u8] = b"zkcred/issuer-id/v1";

/// The administrative level of an issuer. JSON: `"commune"`, `"district"`, `"province"`,
/// `"national"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IssuerTier {
    /// A commune (xã / phường).
    Commune,
    /// A district (huyện / quận).
    District,
    /// A province (tỉnh / thành phố).
    Province,
    /// A national agency.
    National,
}

/// Where an issuer has authority: a code of `-`-joined segments of `A-Z 0-9` (ISO 3166-2
/// style, deeper levels appended: `VN`, `VN-44`, `VN-44-0012`), and an optional display name.
/// JSON: `{"code": "VN-44", "name": "Quảng Nam"}` (`name` optional).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "JurisdictionWire", into = "JurisdictionWire")]
pub struct Jurisdiction {
    code: String,
    name: Option<String>,
}

impl Jurisdiction {
    /// A jurisdiction; validates the code (1-64 characters, segments of `A-Z 0-9` joined by
    /// single `-`: else [`CredentialError::InvalidJurisdiction`]) and the name (1-256
    /// printable characters, [`check_text`]: else
    /// [`CredentialError::InvalidJurisdictionName`]).
    pub fn new(code: impl Into<String>, name: Option<String>) -> Result<Self> {
        let code = code.into();
        if !is_jurisdiction_code(&code) {
            return Err(CredentialError::InvalidJurisdiction(code));
        }
        if let Some(n) = &name {
            check_text(n, 256).map_err(|problem| CredentialError::InvalidJurisdictionName {
                name: n.clone(),
                problem,
            })?;
        }
        Ok(Self { code, name })
    }

    /// The code, e.g. `VN-44`.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The display name, if any.
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// Whether this jurisdiction is `code` or lies inside it, segment by segment: `VN-44` and
    /// `VN-44-0012` are within `VN` and within `VN-44`; `VN-44` is not within `VN-4`.
    pub fn is_within(&self, code: &str) -> bool {
        match self.code.strip_prefix(code) {
            Some(rest) => rest.is_empty() || rest.starts_with('-'),
            None => false,
        }
    }
}

/// `SEG(-SEG)*`, `SEG = [A-Z0-9]+`, 1-64 characters.
pub(crate) fn is_jurisdiction_code(code: &str) -> bool {
    (1..=64).contains(&code.len())
        && code.split('-').all(|seg| {
            !seg.is_empty()
                && seg
                    .bytes()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        })
}

/// JSON form of [`Jurisdiction`], unchecked ([`Jurisdiction::try_from`] checks it).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JurisdictionWire {
    /// The code, e.g. `VN-44`.
    pub code: String,
    /// The display name, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl From<Jurisdiction> for JurisdictionWire {
    fn from(j: Jurisdiction) -> Self {
        Self {
            code: j.code,
            name: j.name,
        }
    }
}

impl TryFrom<JurisdictionWire> for Jurisdiction {
    type Error = CredentialError;

    fn try_from(w: JurisdictionWire) -> Result<Self> {
        Jurisdiction::new(w.code, w.name)
    }
}

/// An issuer id: the first 16 bytes of
/// `SHA-256("zkcred/issuer-id/v1" || u32_be(len(suite_id)) || suite_id || public key octets)`;
/// hex in JSON. Derived from the key, so it cannot be claimed for another key.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IssuerId([u8; 16]);

impl_hex_id!(IssuerId, 16, "issuer id");

impl IssuerId {
    /// The id of the key `public_key` of suite `suite`.
    pub fn derive(suite: Ciphersuite, public_key: &PublicKey) -> Self {
        let suite_id = suite.id();
        let digest = Sha256::new()
            .chain_update(ISSUER_ID_DOMAIN)
            .chain_update((suite_id.len() as u32).to_be_bytes())
            .chain_update(suite_id)
            .chain_update(public_key.to_bytes())
            .finalize();
        let mut id = [0u8; 16];
        id.copy_from_slice(&digest[..16]);
        Self(id)
    }
}

/// What everyone may know about an issuer: id (derived from suite and key), name, tier,
/// jurisdiction, ciphersuite, public key, and (optionally) its issuer-hiding key
/// `X = x·U` (docs/SECURITY.md §7). A versioned JSON document (see `docs/FORMATS.md`).
///
/// The hiding key is optional so that documents written before issuer hiding are still read:
/// an issuer without one can be trusted as before but never hidden (a request that hides the
/// issuer among a set refuses a set with such an issuer). Whenever present it has been
/// checked, `e(X, BP2) = e(U, W)` ([`IssuerKey::new`]), so every [`IssuerPublicInfo`] — and
/// so every [`super::TrustRegistry`] entry — holds a verified pair (W, X).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuerPublicInfo {
    id: IssuerId,
    name: String,
    tier: IssuerTier,
    jurisdiction: Jurisdiction,
    suite: Ciphersuite,
    public_key: PublicKey,
    hiding_key: Option<IssuerKey>,
}

impl IssuerPublicInfo {
    /// Builds the document and derives the id; the name must be 1-256 printable characters
    /// ([`check_text`]), else [`CredentialError::InvalidIssuerName`].
    pub fn new(
        name: impl Into<String>,
        tier: IssuerTier,
        jurisdiction: Jurisdiction,
        suite: Ciphersuite,
        public_key: PublicKey,
    ) -> Result<Self> {
        let name = name.into();
        if let Err(problem) = check_text(&name, 256) {
            return Err(CredentialError::InvalidIssuerName { name, problem });
        }
        Ok(Self {
            id: IssuerId::derive(suite, &public_key),
            name,
            tier,
            jurisdiction,
            suite,
            public_key,
            hiding_key: None,
        })
    }

    /// The document with the issuer-hiding key `X` (48 octets, a G1 point), checked against
    /// the public key: `e(X, BP2) = e(U, W)` ([`IssuerKey::new`], one 2-pair pairing), else
    /// [`CredentialError::Bbs`] (`InvalidIssuerKey`, or the point's decoding error).
    pub fn with_hiding_key(mut self, x: &[u8]) -> Result<Self> {
        let key = IssuerKey::new(self.suite, self.public_key.clone(), x)?;
        self.hiding_key = Some(key);
        Ok(self)
    }

    /// The issuer-hiding keys (W, X), if the issuer published X.
    pub fn hiding_key(&self) -> Option<&IssuerKey> {
        self.hiding_key.as_ref()
    }

    /// The derived id.
    pub fn id(&self) -> &IssuerId {
        &self.id
    }

    /// The display name, e.g. "UBND xã Tân Hòa".
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The tier.
    pub fn tier(&self) -> IssuerTier {
        self.tier
    }

    /// The jurisdiction.
    pub fn jurisdiction(&self) -> &Jurisdiction {
        &self.jurisdiction
    }

    /// The BBS ciphersuite of the key.
    pub fn suite(&self) -> Ciphersuite {
        self.suite
    }

    /// The BBS public key.
    pub fn public_key(&self) -> &PublicKey {
        &self.public_key
    }
}

/// JSON form of [`IssuerPublicInfo`].
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IssuerPublicInfoWire {
    /// Format version, 1.
    pub version: u64,
    /// The id; checked against the one derived from `suite` and `public_key`.
    pub id: IssuerId,
    /// Display name.
    pub name: String,
    /// Tier.
    pub tier: IssuerTier,
    /// Jurisdiction (checked by [`JsonDocument::from_wire`], so its errors keep their type).
    pub jurisdiction: JurisdictionWire,
    /// Ciphersuite, e.g. `"BLS12-381-SHA-256"`.
    pub suite: Ciphersuite,
    /// Public key, hex of the 96-byte octets.
    pub public_key: PublicKey,
    /// The issuer-hiding key X = x·U, hex of its 48 octets; absent in documents written
    /// before issuer hiding (such an issuer cannot be hidden).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hiding_key: Option<String>,
}

impl JsonDocument for IssuerPublicInfo {
    type Wire = IssuerPublicInfoWire;

    fn to_wire(&self) -> IssuerPublicInfoWire {
        IssuerPublicInfoWire {
            version: FORMAT_VERSION,
            id: self.id,
            name: self.name.clone(),
            tier: self.tier,
            jurisdiction: self.jurisdiction.clone().into(),
            suite: self.suite,
            public_key: self.public_key.clone(),
            hiding_key: self.hiding_key.as_ref().map(|k| hex::encode(k.x_bytes())),
        }
    }

    fn from_wire(w: IssuerPublicInfoWire) -> Result<Self> {
        check_version(w.version)?;
        let jurisdiction = Jurisdiction::try_from(w.jurisdiction)?;
        let info = IssuerPublicInfo::new(w.name, w.tier, jurisdiction, w.suite, w.public_key)?;
        if info.id != w.id {
            return Err(CredentialError::IssuerIdMismatch {
                stated: w.id.to_string(),
                derived: info.id.to_string(),
            });
        }
        match w.hiding_key {
            None => Ok(info),
            Some(text) => {
                // Length first: the hex of 48 octets, before any decoding or curve work.
                if text.len() != 2 * G1_LEN {
                    return Err(CredentialError::InvalidId {
                        what: "issuer-hiding key",
                        reason: format!("expected {} hex digits", 2 * G1_LEN),
                    });
                }
                let x = hex::decode(&text).map_err(|e| CredentialError::InvalidId {
                    what: "issuer-hiding key",
                    reason: e.to_string(),
                })?;
                info.with_hiding_key(&x)
            }
        }
    }
}

impl_serde_via_wire!(IssuerPublicInfo);

/// An issuer: its public document and its secret key (zeroized on drop, redacted in `Debug`).
/// Stored as an issuer key file (JSON, see `docs/FORMATS.md`); keep that file secret.
#[derive(Debug, Clone)]
pub struct Issuer {
    info: IssuerPublicInfo,
    secret_key: SecretKey,
}

impl Issuer {
    /// A new issuer with a fresh key from the caller's RNG, publishing both W and the
    /// issuer-hiding key X = x·U.
    pub fn generate<R: RngCore + CryptoRng>(
        name: impl Into<String>,
        tier: IssuerTier,
        jurisdiction: Jurisdiction,
        suite: Ciphersuite,
        rng: &mut R,
    ) -> Result<Self> {
        let KeyPair { secret, public } = KeyPair::random(suite, rng)?;
        let mut info = IssuerPublicInfo::new(name, tier, jurisdiction, suite, public)?;
        info.hiding_key = Some(IssuerKey::from_secret(suite, &secret));
        Ok(Self {
            info,
            secret_key: secret,
        })
    }

    /// An issuer from its parts; fails with [`CredentialError::KeyMismatch`] unless
    /// `secret_key` belongs to `info`'s public key.
    pub fn from_parts(info: IssuerPublicInfo, secret_key: SecretKey) -> Result<Self> {
        if secret_key.public_key() != info.public_key {
            return Err(CredentialError::KeyMismatch);
        }
        Ok(Self { info, secret_key })
    }

    /// The issuer with its issuer-hiding key X = x·U added to its public document (for an
    /// issuer whose key file predates issuer hiding; a no-op if X is there). The new public
    /// document must then be published again (registries compare documents).
    pub fn with_hiding_key(mut self) -> Self {
        if self.info.hiding_key.is_none() {
            self.info.hiding_key = Some(IssuerKey::from_secret(self.info.suite, &self.secret_key));
        }
        self
    }

    /// The public document (what goes into trust registries).
    pub fn public_info(&self) -> &IssuerPublicInfo {
        &self.info
    }

    /// The id.
    pub fn id(&self) -> &IssuerId {
        &self.info.id
    }

    /// The secret key (for signing; never log or send it).
    pub fn secret_key(&self) -> &SecretKey {
        &self.secret_key
    }
}

/// JSON form of an [`Issuer`]: the issuer key file.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IssuerKeyFile {
    /// Format version, 1.
    pub version: u64,
    /// The public document.
    pub info: IssuerPublicInfoWire,
    /// The secret key, hex of its 32 octets.
    pub secret_key: SecretKey,
}

impl JsonDocument for Issuer {
    type Wire = IssuerKeyFile;

    fn to_wire(&self) -> IssuerKeyFile {
        IssuerKeyFile {
            version: FORMAT_VERSION,
            info: self.info.to_wire(),
            secret_key: self.secret_key.clone(),
        }
    }

    fn from_wire(w: IssuerKeyFile) -> Result<Self> {
        check_version(w.version)?;
        Issuer::from_parts(IssuerPublicInfo::from_wire(w.info)?, w.secret_key)
    }
}
