//! [`DocKind`]: which kind of zkcred document a JSON file is, told by its top-level fields, so
//! that a file given to the wrong flag (an issuer's public info as `--issuer` of `issue`, a
//! trust registry as `--verifiers`) is named for what it is instead of refused for its first
//! unexpected field or its version.

use std::fmt;
use zkcred::credential::{
    IssuanceRequest, IssuedCredential, Issuer, IssuerPublicInfo, PredicateKeySet, Schema,
    SignedRequest, TrustRegistry, VerifierKey, VerifierPublicInfo, VerifierRegistry, Wallet,
};

/// The kinds of documents the commands read and write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocKind {
    /// A schema (`schema sample`).
    Schema,
    /// An issuer's public info (`issuer init --public`).
    IssuerInfo,
    /// An issuer key file (`issuer init --out`).
    IssuerKey,
    /// A trust registry (`registry add`).
    TrustRegistry,
    /// An issuance request (`wallet commit --out`).
    IssuanceRequest,
    /// An issued credential (`issue --out`).
    IssuedCredential,
    /// A wallet (`wallet init`).
    Wallet,
    /// A verifier's public info (`verifier init --public`).
    VerifierInfo,
    /// A verifier key file (`verifier init --out`).
    VerifierKey,
    /// A verifier registry (`verifiers add`).
    VerifierRegistry,
    /// A signed presentation request (`request new --out`).
    SignedRequest,
    /// A predicate key set (`request new --keys`).
    KeySet,
    /// A presentation (`present --out`).
    Presentation,
    /// A used-nonce file (`verify --nonces`).
    NonceFile,
}

impl DocKind {
    /// The kind of the parsed document `value`, if its top-level fields say.
    pub fn of(value: &serde_json::Value) -> Option<Self> {
        let obj = value.as_object()?;
        let has = |k: &str| obj.contains_key(k);
        let info_has = |k: &str| {
            obj.get("info")
                .and_then(serde_json::Value::as_object)
                .is_some_and(|i| i.contains_key(k))
        };
        Some(if has("schema_version") && has("attributes") {
            DocKind::Schema
        } else if has("info") && has("secret_key") {
            if info_has("tier") {
                DocKind::IssuerKey
            } else {
                DocKind::VerifierKey
            }
        } else if has("tier") && has("public_key") {
            DocKind::IssuerInfo
        } else if has("public_key") && has("id") {
            DocKind::VerifierInfo
        } else if has("issuers") {
            DocKind::TrustRegistry
        } else if has("verifiers") {
            DocKind::VerifierRegistry
        } else if has("commitment") {
            DocKind::IssuanceRequest
        } else if has("signer_nym_entropy") {
            DocKind::IssuedCredential
        } else if has("holder_secret") {
            DocKind::Wallet
        } else if has("request") && has("signature") {
            DocKind::SignedRequest
        } else if has("keys") {
            DocKind::KeySet
        } else if has("context_id") {
            DocKind::Presentation
        } else if has("nonces") {
            DocKind::NonceFile
        } else {
            return None;
        })
    }

    /// The command that writes documents of this kind.
    fn made_by(self) -> &'static str {
        match self {
            DocKind::Schema => "zkcred schema sample",
            DocKind::IssuerInfo => "zkcred issuer init --public",
            DocKind::IssuerKey => "zkcred issuer init --out",
            DocKind::TrustRegistry => "zkcred registry add",
            DocKind::IssuanceRequest => "zkcred wallet commit",
            DocKind::IssuedCredential => "zkcred issue",
            DocKind::Wallet => "zkcred wallet init",
            DocKind::VerifierInfo => "zkcred verifier init --public",
            DocKind::VerifierKey => "zkcred verifier init --out",
            DocKind::VerifierRegistry => "zkcred verifiers add",
            DocKind::SignedRequest => "zkcred request new --out",
            DocKind::KeySet => "zkcred request new --keys",
            DocKind::Presentation => "zkcred present",
            DocKind::NonceFile => "zkcred verify --nonces",
        }
    }

    /// The message for a file of kind `self` where a document of kind `expected` was asked
    /// for.
    pub fn mismatch(self, expected: DocKind) -> String {
        format!(
            "this is {self}, not {expected} (one is written by {})",
            expected.made_by()
        )
    }
}

impl fmt::Display for DocKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DocKind::Schema => "a schema",
            DocKind::IssuerInfo => "an issuer's public info",
            DocKind::IssuerKey => "an issuer key file",
            DocKind::TrustRegistry => "a trust registry",
            DocKind::IssuanceRequest => "an issuance request",
            DocKind::IssuedCredential => "an issued credential",
            DocKind::Wallet => "a wallet",
            DocKind::VerifierInfo => "a verifier's public info",
            DocKind::VerifierKey => "a verifier key file",
            DocKind::VerifierRegistry => "a verifier registry",
            DocKind::SignedRequest => "a signed presentation request",
            DocKind::KeySet => "a predicate key set",
            DocKind::Presentation => "a presentation",
            DocKind::NonceFile => "a used-nonce file",
        })
    }
}

/// A library document type with its [`DocKind`].
pub trait Kind {
    /// The kind of document the type is read from.
    const KIND: DocKind;
}

macro_rules! kind {
    ($($t:ty => $k:ident),* $(,)?) => {
        $(impl Kind for $t {
            const KIND: DocKind = DocKind::$k;
        })*
    };
}

kind!(
    Schema => Schema,
    IssuerPublicInfo => IssuerInfo,
    Issuer => IssuerKey,
    TrustRegistry => TrustRegistry,
    IssuanceRequest => IssuanceRequest,
    IssuedCredential => IssuedCredential,
    Wallet => Wallet,
    VerifierPublicInfo => VerifierInfo,
    VerifierKey => VerifierKey,
    VerifierRegistry => VerifierRegistry,
    SignedRequest => SignedRequest,
    PredicateKeySet => KeySet,
);

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn kinds_are_told_by_their_fields() {
        let issuer_key = json!({"version": 1, "info": {"tier": "commune"}, "secret_key": "00"});
        assert_eq!(DocKind::of(&issuer_key), Some(DocKind::IssuerKey));
        let verifier_key = json!({"version": 1, "info": {"id": "c"}, "secret_key": "00"});
        assert_eq!(DocKind::of(&verifier_key), Some(DocKind::VerifierKey));
        let info = json!({"version": 1, "id": "c", "name": "C", "public_key": "00"});
        assert_eq!(DocKind::of(&info), Some(DocKind::VerifierInfo));
        assert_eq!(
            DocKind::of(&json!({"version": 2, "issuers": []})),
            Some(DocKind::TrustRegistry)
        );
        assert_eq!(DocKind::of(&json!({"a": 1})), None);
        assert_eq!(DocKind::of(&json!([1])), None);
        assert_eq!(
            DocKind::IssuerInfo.mismatch(DocKind::IssuerKey),
            "this is an issuer's public info, not an issuer key file (one is written by \
             zkcred issuer init --out)"
        );
    }
}
