//! [`Wallet`]: the holder's credentials, its holder secret and the pending issuances; it asks
//! for credentials ([`Wallet::request_issuance`], [`Wallet::accept`]) and answers presentation
//! requests ([`Wallet::present`]), refusing with a clear reason what it cannot satisfy.
//!
//! The wallet is a versioned JSON document holding secrets (holder secret, nym secrets,
//! prover blinds): store it encrypted or with restricted permissions. Every secret is zeroized
//! on drop and `Debug` prints none of them.

use super::credential::Credential;
use super::issuance::{
    message_context, nym_context, HolderSecret, IssuanceId, IssuanceRequest, IssuedCredential,
};
use super::issuer::{IssuerId, IssuerPublicInfo};
use super::json::{
    check_version, impl_hex_id, impl_serde_via_wire, parse_value, wire_from_value, JsonDocument,
    FORMAT_VERSION,
};
use super::presentation::Presentation;
use super::presentation_error::{PresentationError, PresentationResult};
use super::registry::TrustRegistry;
use super::schema::{Schema, SchemaId};
use super::signed_request::SignedRequest;
use super::timestamp::Timestamp;
use super::verifier_registry::VerifierRegistry;
use super::window::now_or_clock;
use crate::credential::error::{CredentialError, Result};
use crate::predicate::HolderKeys;
use rand_core::{CryptoRng, RngCore};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use zkcred_bbs::{NymSecrets, SecretProverBlind, SignatureTerms};

/// The largest wallet JSON read: 16 MiB (a stored credential with its schema and issuer is a
/// few kilobytes).
pub const MAX_WALLET_BYTES: usize = 16 << 20;

/// A stored credential's id: the first 16 bytes of SHA-256 of its signature; hex in JSON.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CredentialId([u8; 16]);

impl_hex_id!(CredentialId, 16, "credential id");

impl CredentialId {
    /// The id of a credential.
    pub fn of(credential: &Credential) -> Self {
        let digest = Sha256::digest(credential.signature.to_bytes());
        let mut id = [0u8; 16];
        id.copy_from_slice(&digest[..16]);
        Self(id)
    }
}

/// A credential in the wallet, with what is needed to prove with it: its schema and issuer,
/// its nym secret and the prover blind of its issuance (both secret).
#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoredCredential {
    /// The credential.
    pub credential: Credential,
    /// Its schema.
    pub schema: Schema,
    /// Its issuer's public document.
    pub issuer: IssuerPublicInfo,
    /// The finalized nym secrets (N = 1). Secret.
    pub(crate) nym_secrets: NymSecrets,
    /// The prover blind of the issuance commitment. Secret.
    pub(crate) prover_blind: SecretProverBlind,
}

impl core::fmt::Debug for StoredCredential {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("StoredCredential")
            .field("credential", &self.credential)
            .field("schema", &self.schema.name())
            .field("issuer", self.issuer.id())
            .finish_non_exhaustive()
    }
}

impl StoredCredential {
    /// Verifies the issuer's signature over the credential's attributes and dates, its
    /// prover blind and nym secret, and `holder_secret` (a signed message): so an edited
    /// attribute, a flipped signature byte or a holder secret other than the one the
    /// credential was issued to is found when the wallet is loaded, not by a verifier later.
    /// [`CredentialError::CorruptCredential`] names the credential and what failed. A wallet
    /// checks all its credentials at once, with one batched pairing check.
    pub fn check_signature(&self, holder_secret: &HolderSecret) -> Result<()> {
        self.signature_terms(holder_secret)?
            .verify()
            .map_err(|e| self.signature_rejected(e))
    }

    /// The signature's pairing terms over the credential's message scalars (attributes and
    /// dates, prover blind, `holder_secret`, nym secret): what
    /// [`Self::check_signature`] checks alone and a wallet checks in a batch.
    fn signature_terms(&self, holder_secret: &HolderSecret) -> Result<SignatureTerms<'_>> {
        let suite = self.issuer.suite();
        let ctx = message_context(suite).map_err(|e| self.corrupt(e.to_string()))?;
        let messages = self
            .credential
            .signer_messages(&self.schema, &ctx)
            .map_err(|e| self.corrupt(format!("attributes do not fit the schema: {e}")))?;
        nym_context(suite)
            .signature_terms_with_nym_secrets(
                self.issuer.public_key(),
                &self.credential.signature,
                &self.schema.bbs_header(),
                &messages,
                &[*holder_secret.scalar()],
                &self.nym_secrets,
                &self.prover_blind,
            )
            .map_err(|e| self.signature_rejected(e))
    }

    /// [`CredentialError::CorruptCredential`] naming this credential.
    fn corrupt(&self, reason: String) -> CredentialError {
        CredentialError::CorruptCredential {
            id: CredentialId::of(&self.credential).to_string(),
            schema: self.schema.name().to_owned(),
            issuer: super::json::clip(self.issuer.name()),
            reason,
        }
    }

    /// This credential's signature does not verify: `e` says why.
    fn signature_rejected(&self, e: zkcred_bbs::Error) -> CredentialError {
        self.corrupt(format!(
            "the signature does not verify over its attributes, dates and the wallet's holder \
             secret ({e})"
        ))
    }
}

/// Checks the signature of every credential as [`StoredCredential::check_signature`] does,
/// with one batched pairing check ([`zkcred_bbs::batch_verify_signatures`]: one Miller loop
/// per issuer key plus one, one final exponentiation, whatever the number of credentials).
/// `rng` gives the batch's random weights, which only make the batch sound (the weights are
/// neither secret nor kept). The first broken credential, in `credentials` order, is named by
/// [`CredentialError::CorruptCredential`], whose reason counts the others.
fn check_signatures<R: RngCore + CryptoRng>(
    credentials: &[StoredCredential],
    holder_secret: &HolderSecret,
    rng: &mut R,
) -> Result<()> {
    let mut broken: Vec<(usize, CredentialError)> = Vec::new();
    let mut batch = Vec::with_capacity(credentials.len());
    let mut positions = Vec::with_capacity(credentials.len());
    for (i, c) in credentials.iter().enumerate() {
        match c.signature_terms(holder_secret) {
            Ok(terms) => {
                batch.push(terms);
                positions.push(i);
            }
            Err(e) => broken.push((i, e)),
        }
    }
    let failed = match zkcred_bbs::batch_verify_signatures(&batch, rng) {
        Ok(()) => Vec::new(),
        Err(zkcred_bbs::Error::BatchFailed { failed }) => failed,
        // The batch returns no other error; were it to, each signature is checked alone.
        Err(_) => (0..batch.len())
            .filter(|&k| batch[k].verify().is_err())
            .collect(),
    };
    broken.extend(failed.into_iter().map(|k| {
        let i = positions[k];
        let e = credentials[i].signature_rejected(zkcred_bbs::Error::InvalidSignature);
        (i, e)
    }));
    broken.sort_by_key(|(i, _)| *i);
    let others = broken.len().saturating_sub(1);
    match broken.into_iter().next() {
        None => Ok(()),
        Some((_, e)) => Err(with_others_broken(e, others)),
    }
}

/// `e` with "n more credentials are corrupt" added to its reason when `others` > 0.
fn with_others_broken(mut e: CredentialError, others: usize) -> CredentialError {
    if let CredentialError::CorruptCredential { reason, .. } = &mut e {
        match others {
            0 => {}
            1 => reason.push_str("; 1 more credential of the wallet is corrupt"),
            n => reason.push_str(&format!("; {n} more credentials of the wallet are corrupt")),
        }
    }
    e
}

/// An issuance the holder asked for and has not finalized: the commitment's secrets.
#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PendingIssuance {
    /// The issuance request's id.
    pub request_id: IssuanceId,
    /// The schema asked for.
    pub schema_id: SchemaId,
    /// The issuer asked.
    pub issuer_id: IssuerId,
    /// The prover nyms committed to. Secret.
    pub(crate) prover_nyms: NymSecrets,
    /// The commitment's prover blind. Secret.
    pub(crate) prover_blind: SecretProverBlind,
}

impl core::fmt::Debug for PendingIssuance {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("PendingIssuance")
            .field("request_id", &self.request_id)
            .field("schema_id", &self.schema_id)
            .field("issuer_id", &self.issuer_id)
            .finish_non_exhaustive()
    }
}

/// The holder's wallet.
#[derive(Clone, Debug)]
pub struct Wallet {
    pub(crate) secret: HolderSecret,
    pub(crate) credentials: BTreeMap<CredentialId, StoredCredential>,
    pending: BTreeMap<IssuanceId, PendingIssuance>,
}

impl Wallet {
    /// An empty wallet with a fresh holder secret.
    pub fn new<R: RngCore + CryptoRng>(rng: &mut R) -> Self {
        Self {
            secret: HolderSecret::random(rng),
            credentials: BTreeMap::new(),
            pending: BTreeMap::new(),
        }
    }

    /// Step 1 of issuance: commits to the holder secret and a fresh prover nym for a
    /// credential of `schema` from `issuer`; keeps the secrets as a pending issuance.
    pub fn request_issuance<R: RngCore + CryptoRng>(
        &mut self,
        schema: &Schema,
        issuer: &IssuerPublicInfo,
        rng: &mut R,
    ) -> PresentationResult<IssuanceRequest> {
        let nym = nym_context(issuer.suite());
        let prover_nyms = NymSecrets::random(super::issuance::NYM_COUNT, rng)?;
        let (commitment, blind) =
            nym.commit_with_nym(&[*self.secret.scalar()], &prover_nyms, rng)?;
        let request = IssuanceRequest {
            schema_id: *schema.id(),
            commitment,
        };
        let id = request.id();
        self.pending.insert(
            id,
            PendingIssuance {
                request_id: id,
                schema_id: *schema.id(),
                issuer_id: *issuer.id(),
                prover_nyms,
                prover_blind: blind,
            },
        );
        Ok(request)
    }

    /// Step 3 of issuance: finds the pending issuance the credential answers, checks that it
    /// is of `schema` ([`PresentationError::WrongSchema`] names both ids) and from `issuer`
    /// ([`PresentationError::WrongIssuerInfo`]), runs VerifyFinalizeWithNym (the signature must verify
    /// over the attributes, the dates and the holder secret) and stores the credential.
    pub fn accept(
        &mut self,
        issued: &IssuedCredential,
        schema: &Schema,
        issuer: &IssuerPublicInfo,
    ) -> PresentationResult<CredentialId> {
        let pending = self.pending.get(&issued.request_id).ok_or_else(|| {
            PresentationError::Issuance(format!(
                "no pending issuance request {}",
                issued.request_id
            ))
        })?;
        let cred = &issued.credential;
        if cred.schema_id != pending.schema_id {
            return Err(PresentationError::Issuance(format!(
                "the credential is of schema {}, but issuance request {} asked for schema {}",
                cred.schema_id, issued.request_id, pending.schema_id
            )));
        }
        if cred.issuer_id != pending.issuer_id {
            return Err(PresentationError::Issuance(format!(
                "the credential is signed by issuer {}, but issuance request {} was made for \
                 issuer {}: only that issuer can answer it",
                cred.issuer_id, issued.request_id, pending.issuer_id
            )));
        }
        if *schema.id() != cred.schema_id {
            return Err(PresentationError::WrongSchema {
                credential: cred.schema_id.to_string(),
                given: schema.id().to_string(),
            });
        }
        if *issuer.id() != cred.issuer_id {
            return Err(PresentationError::WrongIssuerInfo {
                credential: cred.issuer_id.to_string(),
                given: issuer.id().to_string(),
            });
        }
        let ctx = message_context(issuer.suite())?;
        let messages = cred.signer_messages(schema, &ctx)?;
        let nym = nym_context(issuer.suite());
        let nym_secrets = nym
            .verify_finalize_with_nym(
                issuer.public_key(),
                &cred.signature,
                &schema.bbs_header(),
                &messages,
                &[*self.secret.scalar()],
                &pending.prover_nyms,
                &issued.signer_nym_entropy,
                &pending.prover_blind,
            )
            .map_err(|e| PresentationError::Issuance(format!("signature rejected: {e}")))?;
        let id = CredentialId::of(cred);
        let stored = StoredCredential {
            credential: cred.clone(),
            schema: schema.clone(),
            issuer: issuer.clone(),
            nym_secrets,
            prover_blind: pending.prover_blind.clone(),
        };
        self.pending.remove(&issued.request_id);
        self.credentials.insert(id, stored);
        Ok(id)
    }

    /// The stored credentials by id.
    pub fn credentials(&self) -> impl Iterator<Item = (&CredentialId, &StoredCredential)> {
        self.credentials.iter()
    }

    /// One stored credential.
    pub fn get(&self, id: &CredentialId) -> Option<&StoredCredential> {
        self.credentials.get(id)
    }

    /// Removes a credential.
    pub fn remove(&mut self, id: &CredentialId) -> PresentationResult<StoredCredential> {
        self.credentials
            .remove(id)
            .ok_or_else(|| PresentationError::UnknownCredential(id.to_string()))
    }

    /// The pending issuances (requests sent, credentials not yet accepted).
    pub fn pending(&self) -> impl Iterator<Item = &PendingIssuance> {
        self.pending.values()
    }

    /// Answers a signed `request` with the wallet's credentials (see the `prover` module).
    ///
    /// First the request is authenticated against `verifiers`
    /// ([`SignedRequest::authenticate`]): a verifier not listed, a tampered request, a bad
    /// signature or a scope the verifier does not own is refused with
    /// [`PresentationError::RequestAuth`], before any credential is looked at. Then the
    /// request's window is checked at `now`, the wallet's clock (`None`: the system clock;
    /// the check cannot be skipped): an expired request is refused with
    /// [`PresentationError::RequestExpired`] and one made in the future with
    /// [`PresentationError::RequestNotYetValid`] ([`super::RequestWindow::check`]), before
    /// anything is proven, since the verifier would refuse the answer anyway. The pseudonym
    /// context is then derived from the authenticated verifier id and the scope. For each
    /// requested credential the wallet picks a stored one of the right schema whose issuer
    /// the request accepts and whose values satisfy every predicate; else
    /// [`PresentationError::CannotSatisfy`] (or [`PresentationError::CredentialExpired`])
    /// with the reason. `keys` are the request's proving keys, checked when loaded.
    pub fn present<R: RngCore + CryptoRng>(
        &self,
        request: &SignedRequest,
        verifiers: &VerifierRegistry,
        keys: &HolderKeys,
        now: Option<Timestamp>,
        rng: &mut R,
    ) -> PresentationResult<Presentation> {
        self.present_with_issuers(request, verifiers, &TrustRegistry::new(), keys, now, rng)
    }

    /// [`Wallet::present`] with the holder's trust registry of issuers, which a request that
    /// hides an issuer needs ([`super::CredentialRequest::hide_issuer_among`]): the wallet
    /// takes each listed issuer's keys (W, X) from `issuers`, never from the request, and
    /// refuses an id it does not know or without a hiding key
    /// ([`super::HiddenIssuerError`]). A request that hides nothing does not read `issuers`.
    pub fn present_with_issuers<R: RngCore + CryptoRng>(
        &self,
        request: &SignedRequest,
        verifiers: &VerifierRegistry,
        issuers: &TrustRegistry,
        keys: &HolderKeys,
        now: Option<Timestamp>,
        rng: &mut R,
    ) -> PresentationResult<Presentation> {
        request.authenticate(verifiers)?;
        request.request().window.check(now_or_clock(now)?)?;
        super::prover::present(self, request.request(), issuers, keys, rng)
    }
}

/// JSON form of [`Wallet`] (secret: holder secret, nym secrets, prover blinds).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WalletWire {
    /// Format version, 1.
    pub version: u64,
    /// The holder secret, hex.
    pub holder_secret: HolderSecret,
    /// The credentials with their secrets.
    pub credentials: Vec<StoredCredential>,
    /// Pending issuances.
    #[serde(default)]
    pub pending: Vec<PendingIssuance>,
}

impl JsonDocument for Wallet {
    type Wire = WalletWire;
    const MAX_BYTES: usize = MAX_WALLET_BYTES;

    fn to_wire(&self) -> WalletWire {
        WalletWire {
            version: FORMAT_VERSION,
            holder_secret: self.secret.clone(),
            credentials: self.credentials.values().cloned().collect(),
            pending: self.pending.values().cloned().collect(),
        }
    }

    /// Checks the version, that each credential matches its schema and issuer, then every
    /// credential's signature in one batched pairing check, whose random weights come from a
    /// ChaCha20 stream seeded by the operating system (`rand_core::OsRng`, see `os_rng`);
    /// [`Wallet::from_json_with_rng`] takes the caller's RNG instead. The weights only make
    /// the batch sound; without randomness from the OS each signature is checked alone.
    fn from_wire(w: WalletWire) -> Result<Self> {
        match crate::os_rng::os_seeded_rng() {
            Some(mut rng) => Self::from_wire_with_rng(w, &mut rng),
            None => Self::from_wire_checked(w, |credentials, secret| {
                credentials
                    .iter()
                    .try_for_each(|c| c.check_signature(secret))
            }),
        }
    }
}

impl Wallet {
    /// [`JsonDocument::from_json`] with the random weights of the batched signature check
    /// drawn from `rng` instead of the operating system. The weights only make the batch
    /// sound: a wallet is accepted exactly when every credential's signature verifies alone,
    /// except with probability about 2^-128.
    pub fn from_json_with_rng<R: RngCore + CryptoRng>(text: &str, rng: &mut R) -> Result<Self> {
        let wire = wire_from_value::<Self>(parse_value::<Self>(text)?)?;
        Self::from_wire_with_rng(wire, rng)
    }

    fn from_wire_with_rng<R: RngCore + CryptoRng>(w: WalletWire, rng: &mut R) -> Result<Self> {
        Self::from_wire_checked(w, |credentials, secret| {
            check_signatures(credentials, secret, rng)
        })
    }

    /// Validates a wire form: the version, each credential against its schema and issuer
    /// (before any curve arithmetic), then the signatures with `check_signatures`.
    fn from_wire_checked(
        w: WalletWire,
        check_signatures: impl FnOnce(&[StoredCredential], &HolderSecret) -> Result<()>,
    ) -> Result<Self> {
        check_version(w.version)?;
        for c in &w.credentials {
            if c.credential.schema_id != *c.schema.id() || c.credential.issuer_id != *c.issuer.id()
            {
                return Err(CredentialError::MalformedJson(
                    "wallet credential does not match its schema or issuer".into(),
                ));
            }
        }
        check_signatures(&w.credentials, &w.holder_secret)?;
        let mut credentials = BTreeMap::new();
        for c in w.credentials {
            credentials.insert(CredentialId::of(&c.credential), c);
        }
        let pending = w.pending.into_iter().map(|p| (p.request_id, p)).collect();
        Ok(Self {
            secret: w.holder_secret,
            credentials,
            pending,
        })
    }
}

impl_serde_via_wire!(Wallet);
