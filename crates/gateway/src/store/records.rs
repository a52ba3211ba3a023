//! The records a [`super::Store`] keeps.

use serde::{Deserialize, Serialize};

/// A session id: 128 random bits, 32 lowercase hex digits in URLs.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct SessionId(String);

impl SessionId {
    /// A fresh random id.
    pub fn random<R: rand::RngCore + rand::CryptoRng>(rng: &mut R) -> Self {
        let mut bytes = [0u8; 16];
        rng.fill_bytes(&mut bytes);
        Self(hex::encode(bytes))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for SessionId {
    type Error = String;

    /// Accepts exactly 32 lowercase hex digits.
    fn try_from(s: String) -> Result<Self, String> {
        let ok = s.len() == 32 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        if ok {
            Ok(Self(s))
        } else {
            Err("a session id is 32 lowercase hex digits".into())
        }
    }
}

impl std::str::FromStr for SessionId {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        Self::try_from(s.to_owned())
    }
}

impl From<SessionId> for String {
    fn from(id: SessionId) -> String {
        id.0
    }
}

impl std::fmt::Display for SessionId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A session: which service created it, the signed request the wallet fetches, and when it
/// expires. Immutable once stored.
///
/// Two instants: the wallet may answer until `answer_until` (the request's `valid_until`);
/// the record, and the outcome with it, lives until `expires_at` (later, so that the service
/// can still read an answer given at the last moment).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionRecord {
    /// The session id.
    pub id: SessionId,
    /// The id of the relying service that created it (only it may read the outcome).
    pub service: String,
    /// The signed request, JSON.
    pub request: String,
    /// The Groth16 keys the request needs, by circuit.
    #[serde(default)]
    pub keys: Vec<KeyRef>,
    /// Created at, unix seconds.
    pub created_at: u64,
    /// The wallet may answer until then (exclusive), unix seconds.
    pub answer_until: u64,
    /// Expires at, unix seconds.
    pub expires_at: u64,
}

/// A Groth16 key pair a request needs: its circuit and the digest under which the gateway
/// serves it (`/v1/keys/{digest}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyRef {
    /// The circuit id, hex.
    pub circuit_id: String,
    /// The key pair's digest, hex.
    pub digest: String,
}

/// A session's outcome: the verified result, or why the response was refused (JSON).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    /// Whether the presentation verified.
    pub verified: bool,
    /// The result document (what was disclosed, the predicates that hold, the pseudonym,
    /// the issuer set) or the error, as JSON text.
    pub body: String,
    /// When the response was verified, unix seconds.
    pub at: u64,
    /// When the outcome may be dropped, unix seconds.
    pub expires_at: u64,
}
