//! [`SignedRequest`]: a presentation request signed by its verifier (Ed25519), the only kind
//! of request a wallet answers.
//!
//! The signature covers `"ZKCRED-SIGNED-REQUEST-V1" || canonical bytes of the request`, the
//! canonical bytes being the compact JSON that the request id hashes
//! ([`PresentationRequest::canonical_bytes`]): the request's format version, verifier id,
//! nonce, validity window (`made_at`, `valid_until`), every credential with its issuers,
//! disclosures and predicates (dates included), `same_holder` and the scope. Nothing of the
//! request can change without breaking the signature: in particular nobody can extend the
//! window of a request, or move the day its credentials are judged on.
//!
//! The wallet's check ([`SignedRequest::authenticate`]) refuses, each with its own
//! [`RequestAuthError`]: a verifier not in its [`VerifierRegistry`], a request changed after
//! signing, a signature that does not verify under the registered key, and a scope that the
//! authenticated verifier does not own. A plain (unsigned) request document cannot even be
//! read as a signed one ([`RequestAuthError::Unsigned`]).

use super::error::{CredentialError, Result};
use super::json::{check_version, impl_serde_via_wire, JsonDocument, FORMAT_VERSION};
use super::presentation_error::PresentationResult;
use super::request::{PresentationRequest, RequestId};
use super::request_auth_error::RequestAuthError;
use super::verifier_identity::{VerifierKey, VerifierPublicInfo};
use super::verifier_registry::VerifierRegistry;
use ed25519_dalek::Signature;
use serde::{Deserialize, Serialize};

/// Domain tag of request signatures: a verifier's key signs nothing else under it.
pub const SIGNED_REQUEST_DST: &[u8] = b"ZKCRED-SIGNED-REQUEST-V1";

/// A presentation request with its verifier's signature. Read-only: changing the request
/// means signing a new one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedRequest {
    request: PresentationRequest,
    request_id: RequestId,
    signature: Signature,
}

/// The signed message: the domain tag, then the request's canonical bytes.
fn signing_input(request: &PresentationRequest) -> Vec<u8> {
    let body = request.canonical_bytes();
    let mut m = Vec::with_capacity(SIGNED_REQUEST_DST.len() + body.len());
    m.extend_from_slice(SIGNED_REQUEST_DST);
    m.extend_from_slice(&body);
    m
}

impl SignedRequest {
    /// Signs `request` with `key`. The request must be well formed and name `key`'s verifier.
    /// Scope ownership is not checked here but by every wallet
    /// ([`SignedRequest::authenticate`]): a signer cannot be trusted to police itself, and a
    /// request for a scope its verifier does not own is refused wherever it is presented
    /// (an honest verifier can check first with [`VerifierPublicInfo::owns_scope`]).
    pub fn sign(request: PresentationRequest, key: &VerifierKey) -> PresentationResult<Self> {
        request.validate()?;
        let info = key.public_info();
        if request.verifier_id != info.id() {
            return Err(RequestAuthError::WrongVerifier {
                named: request.verifier_id.clone(),
                key: info.id().to_owned(),
            }
            .into());
        }
        let signature = key.sign(&signing_input(&request));
        Ok(Self {
            request_id: request.id(),
            request,
            signature,
        })
    }

    /// The request, unchecked: the verifier's own view of what it signed. A wallet uses
    /// [`SignedRequest::authenticate`] instead.
    pub fn request(&self) -> &PresentationRequest {
        &self.request
    }

    /// The request id that was signed.
    pub fn request_id(&self) -> RequestId {
        self.request_id
    }

    /// The wallet's check: the request's verifier is in `registry`, the request is unchanged
    /// since signing, the signature verifies under the registered key, and the scope (if any)
    /// is owned by that verifier. Returns the authenticated verifier.
    pub fn authenticate<'r>(
        &self,
        registry: &'r VerifierRegistry,
    ) -> core::result::Result<&'r VerifierPublicInfo, RequestAuthError> {
        let info = registry
            .get(&self.request.verifier_id)
            .ok_or_else(|| RequestAuthError::UnknownVerifier(self.request.verifier_id.clone()))?;
        self.check_signature(info)?;
        check_scope(&self.request, info, Some(registry))?;
        Ok(info)
    }

    /// The verifier's check of its own request (e.g. read back from a file): it names
    /// `own`, is unchanged, carries `own`'s signature and asks only for `own`'s scopes.
    pub fn verify_by(
        &self,
        own: &VerifierPublicInfo,
    ) -> core::result::Result<(), RequestAuthError> {
        if self.request.verifier_id != own.id() {
            return Err(RequestAuthError::WrongVerifier {
                named: self.request.verifier_id.clone(),
                key: own.id().to_owned(),
            });
        }
        self.check_signature(own)?;
        check_scope(&self.request, own, None)
    }

    fn check_signature(
        &self,
        info: &VerifierPublicInfo,
    ) -> core::result::Result<(), RequestAuthError> {
        let derived = self.request.id();
        if derived != self.request_id {
            return Err(RequestAuthError::Tampered {
                stated: self.request_id.to_string(),
                derived: derived.to_string(),
            });
        }
        if !info.verifies(&signing_input(&self.request), &self.signature) {
            return Err(RequestAuthError::BadSignature(info.id().to_owned()));
        }
        Ok(())
    }
}

/// The request's scope, if any, must be owned by `info` (the registry names the owner).
fn check_scope(
    request: &PresentationRequest,
    info: &VerifierPublicInfo,
    registry: Option<&VerifierRegistry>,
) -> core::result::Result<(), RequestAuthError> {
    match &request.pseudonym_scope {
        Some(scope) if !info.owns_scope(scope) => Err(RequestAuthError::ScopeNotOwned {
            verifier: info.id().to_owned(),
            scope: scope.clone(),
            owner: registry
                .and_then(|r| r.scope_owner(scope))
                .map(str::to_owned),
        }),
        _ => Ok(()),
    }
}

/// JSON form of [`SignedRequest`].
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignedRequestWire {
    /// Format version, 1.
    pub version: u64,
    /// The presentation request document.
    pub request: PresentationRequest,
    /// The id of the request as signed.
    pub request_id: RequestId,
    /// Ed25519 signature, 64 bytes hex.
    pub signature: String,
}

impl JsonDocument for SignedRequest {
    type Wire = SignedRequestWire;

    fn to_wire(&self) -> SignedRequestWire {
        SignedRequestWire {
            version: FORMAT_VERSION,
            request: self.request.clone(),
            request_id: self.request_id,
            signature: hex::encode(self.signature.to_bytes()),
        }
    }

    fn from_wire(w: SignedRequestWire) -> Result<Self> {
        check_version(w.version)?;
        let mut bytes = [0u8; 64];
        hex::decode_to_slice(&w.signature, &mut bytes).map_err(|e| CredentialError::InvalidId {
            what: "request signature",
            reason: format!("expected 128 hex digits: {e}"),
        })?;
        Ok(Self {
            request: w.request,
            request_id: w.request_id,
            signature: Signature::from_bytes(&bytes),
        })
    }

    /// As the trait's reader, but a plain presentation request (an object with a
    /// `verifier_id` and no `signature`) is refused as [`RequestAuthError::Unsigned`], and
    /// the embedded request's version is checked before anything else is read (a version-1
    /// request is [`CredentialError::DatedRequest`]).
    fn from_json(text: &str) -> Result<Self> {
        let value = super::json::parse_value::<Self>(text)?;
        if let Some(obj) = value.as_object() {
            if obj.contains_key("verifier_id") && !obj.contains_key("signature") {
                return Err(RequestAuthError::Unsigned.into());
            }
            let inner = obj.get("request").and_then(|r| r.get("version"));
            if let Some(version) = inner.and_then(serde_json::Value::as_u64) {
                PresentationRequest::check_document_version(version)?;
            }
        }
        super::json::from_value(value)
    }
}

impl_serde_via_wire!(SignedRequest);
