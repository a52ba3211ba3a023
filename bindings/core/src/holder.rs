//! The holder's calls: a new wallet, blind issuance (request, accept), the list of stored
//! credentials, and the answer to a signed presentation request. A wallet travels as its
//! JSON document (`docs/FORMATS.md`, "Wallet"): every call that changes it returns the new
//! document, which the caller stores (sealed: [`crate::vault`]).

use crate::docs::{instant, read, read_list, write};
use crate::error::{holder_error, invalid_input, ApiError, ApiResult};
use rand_core::{CryptoRng, RngCore};
use serde_json::json;
use zeroize::Zeroizing;
use zkcred::credential::keyset::MAX_CIRCUIT_KEYS;
use zkcred::credential::{
    format_date, IssuedCredential, IssuerPublicInfo, PredicateKeySet, Schema, SignedRequest,
    TrustRegistry, VerifierPublicInfo, VerifierRegistry, Wallet,
};

/// A wallet document: secret, so wiped when dropped.
pub type WalletJson = Zeroizing<String>;

/// Reads a wallet document; every credential's signature is checked in one batched pairing
/// check whose weights come from `rng`.
pub fn open<R: RngCore + CryptoRng>(wallet: &str, rng: &mut R) -> ApiResult<Wallet> {
    Wallet::from_json_with_rng(wallet, rng).map_err(|e| ApiError::from(e).about("wallet"))
}

/// Writes a wallet document.
pub fn save(wallet: &Wallet) -> ApiResult<WalletJson> {
    write(wallet).map(Zeroizing::new)
}

/// An empty wallet with a fresh holder secret.
pub fn new_wallet<R: RngCore + CryptoRng>(rng: &mut R) -> ApiResult<WalletJson> {
    save(&Wallet::new(rng))
}

/// A wallet read once (every credential's signature checked) and kept for many calls: what a
/// wallet app holds while it is unlocked. Its secrets are wiped when it is dropped. The free
/// functions below take the wallet's text and read it again at every call.
pub struct OpenWallet {
    wallet: Wallet,
}

impl OpenWallet {
    /// An empty wallet with a fresh holder secret.
    pub fn create<R: RngCore + CryptoRng>(rng: &mut R) -> Self {
        Self {
            wallet: Wallet::new(rng),
        }
    }

    /// Reads a wallet document (signatures checked with weights from `rng`).
    pub fn open<R: RngCore + CryptoRng>(wallet: &str, rng: &mut R) -> ApiResult<Self> {
        Ok(Self {
            wallet: open(wallet, rng)?,
        })
    }

    /// The wallet document (secret).
    pub fn to_json(&self) -> ApiResult<WalletJson> {
        save(&self.wallet)
    }

    /// Asks `issuer` for a credential of `schema`: the issuance request to send; the wallet
    /// keeps its secrets as a pending issuance (save it before sending the request).
    pub fn request_issuance<R: RngCore + CryptoRng>(
        &mut self,
        schema: &str,
        issuer: &str,
        rng: &mut R,
    ) -> ApiResult<String> {
        let schema: Schema = read(schema, "schema")?;
        let issuer: IssuerPublicInfo = read(issuer, "issuer")?;
        let request = self
            .wallet
            .request_issuance(&schema, &issuer, rng)
            .map_err(holder_error)?;
        write(&request)
    }

    /// Stores an issued credential (it must answer a pending request, be of `schema`, from
    /// `issuer`, and verify over the holder secret): its id.
    pub fn accept(&mut self, issued: &str, schema: &str, issuer: &str) -> ApiResult<String> {
        let issued: IssuedCredential = read(issued, "issued credential")?;
        let schema: Schema = read(schema, "schema")?;
        let issuer: IssuerPublicInfo = read(issuer, "issuer")?;
        let id = self
            .wallet
            .accept(&issued, &schema, &issuer)
            .map_err(invalid_input)?;
        Ok(id.to_string())
    }

    /// The stored credentials, for the holder's eyes (see [`list`]).
    pub fn list(&self) -> String {
        summaries(&self.wallet)
    }

    /// [`crate::consent::describe_request`] on this wallet.
    pub fn describe_request(
        &self,
        signed: &str,
        verifiers: &str,
        issuers: Option<&str>,
        now: &str,
    ) -> ApiResult<String> {
        crate::consent::describe(&self.wallet, signed, verifiers, issuers, now)
    }

    /// [`present`] from this wallet.
    pub fn present<R: RngCore + CryptoRng>(
        &self,
        signed: &str,
        verifiers: &str,
        issuers: Option<&str>,
        keys: &str,
        now: &str,
        rng: &mut R,
    ) -> ApiResult<String> {
        let ctx = RequestContext::read(signed, verifiers, issuers)?;
        ctx.check(now)?;
        let keys = crate::key_cache::holder_keys(keys)?;
        let presentation = self
            .wallet
            .present_with_issuers(
                &ctx.signed,
                &ctx.verifiers,
                &ctx.issuers,
                &keys,
                Some(instant(now)?),
                rng,
            )
            .map_err(holder_error)?;
        write(&presentation)
    }

    /// The wallet sealed under `passphrase` ([`crate::vault::seal`]).
    pub fn seal<R: RngCore + CryptoRng>(&self, passphrase: &str, rng: &mut R) -> ApiResult<String> {
        crate::vault::seal(&self.to_json()?, passphrase, rng)
    }
}

/// The first step of blind issuance: the updated wallet (it keeps the request's secrets as a
/// pending issuance) and the issuance request to send to the issuer.
pub struct IssuanceStart {
    /// The wallet with the pending issuance.
    pub wallet: WalletJson,
    /// The issuance request (`docs/FORMATS.md`, "Issuance request").
    pub request: String,
}

/// Asks `issuer` for a credential of `schema`: commits to the holder secret and a fresh
/// prover nym (pseudonym draft, CommitWithNym).
pub fn request_issuance<R: RngCore + CryptoRng>(
    wallet: &str,
    schema: &str,
    issuer: &str,
    rng: &mut R,
) -> ApiResult<IssuanceStart> {
    let mut w = OpenWallet::open(wallet, rng)?;
    let request = w.request_issuance(schema, issuer, rng)?;
    Ok(IssuanceStart {
        wallet: w.to_json()?,
        request,
    })
}

/// The last step of blind issuance: the updated wallet and the new credential's id.
pub struct Accepted {
    /// The wallet with the credential stored.
    pub wallet: WalletJson,
    /// The credential's id (hex, 16 bytes).
    pub credential_id: String,
}

/// Stores an issued credential: it must answer one of the wallet's pending requests, be of
/// `schema`, from `issuer`, and its signature must verify over the holder secret.
pub fn accept<R: RngCore + CryptoRng>(
    wallet: &str,
    issued: &str,
    schema: &str,
    issuer: &str,
    rng: &mut R,
) -> ApiResult<Accepted> {
    let mut w = OpenWallet::open(wallet, rng)?;
    let credential_id = w.accept(issued, schema, issuer)?;
    Ok(Accepted {
        wallet: w.to_json()?,
        credential_id,
    })
}

/// The stored credentials, for the holder's eyes: a JSON array of `{id, schema, issuer:
/// {id, name, tier, jurisdiction}, issued_on, expires_on, attributes}`.
pub fn list<R: RngCore + CryptoRng>(wallet: &str, rng: &mut R) -> ApiResult<String> {
    Ok(OpenWallet::open(wallet, rng)?.list())
}

/// The summaries of [`list`].
fn summaries(w: &Wallet) -> String {
    let items: Vec<serde_json::Value> = w
        .credentials()
        .map(|(id, stored)| {
            let c = &stored.credential;
            let attributes: serde_json::Map<String, serde_json::Value> = c
                .attributes
                .iter()
                .map(|(name, value)| (name.clone(), json!(value.to_string())))
                .collect();
            json!({
                "id": id.to_string(),
                "schema": stored.schema.name(),
                "schema_id": stored.schema.id().to_string(),
                "issuer": {
                    "id": stored.issuer.id().to_string(),
                    "name": stored.issuer.name(),
                    "tier": stored.issuer.tier(),
                    "jurisdiction": stored.issuer.jurisdiction().code(),
                },
                "issued_on": format_date(c.issued_on),
                "expires_on": format_date(c.expires_on),
                "attributes": attributes,
            })
        })
        .collect();
    serde_json::Value::Array(items).to_string()
}

/// The documents a holder answers a request with, read and checked.
pub struct RequestContext {
    /// The signed request.
    pub signed: SignedRequest,
    /// The wallet's verifier registry (who may ask, and for which scopes).
    pub verifiers: VerifierRegistry,
    /// The holder's trust registry (hidden issuers' keys); empty when not given.
    pub issuers: TrustRegistry,
}

impl RequestContext {
    /// Reads the request, the verifier registry and the optional trust registry.
    pub fn read(signed: &str, verifiers: &str, issuers: Option<&str>) -> ApiResult<Self> {
        Ok(Self {
            signed: read(signed, "request").map_err(|e| refused(e.message))?,
            verifiers: read(verifiers, "verifier registry")?,
            issuers: match issuers {
                Some(text) => read(text, "trust registry")?,
                None => TrustRegistry::new(),
            },
        })
    }

    /// The wallet's checks of the request before anything is shown or proven: its signature
    /// and scope against the verifier registry, its window on `now`; the verifier who signed.
    pub fn check(&self, now: &str) -> ApiResult<&VerifierPublicInfo> {
        let verifier = self
            .signed
            .authenticate(&self.verifiers)
            .map_err(|e| holder_error(e.into()))?;
        let now = instant(now)?;
        self.signed
            .request()
            .window
            .check(now)
            .map_err(holder_error)?;
        Ok(verifier)
    }
}

/// A refused request (its document did not read: tampered or not a request).
fn refused(message: String) -> ApiError {
    ApiError::new(crate::ErrorKind::RequestRefused, message)
}

/// The predicate keys of a request: a key set document, or a JSON array of one-pair key set
/// documents (as a gateway serves them by digest).
pub fn read_keys(keys: &str) -> ApiResult<PredicateKeySet> {
    if keys.trim_start().starts_with('[') {
        let sets: Vec<PredicateKeySet> = read_list(keys, "keys", MAX_CIRCUIT_KEYS)?;
        Ok(PredicateKeySet {
            keys: sets.into_iter().flat_map(|s| s.keys).collect(),
        })
    } else {
        read(keys, "keys")
    }
}

/// Answers a signed request from the wallet at `now` (the caller's clock, RFC 3339 UTC):
/// the request's signature and scope are checked against `verifiers`, its window on `now`,
/// each key's structure against its circuit, then the presentation is proven. `issuers` (the
/// holder's trust registry) gives hidden issuers' keys.
pub fn present<R: RngCore + CryptoRng>(
    wallet: &str,
    signed: &str,
    verifiers: &str,
    issuers: Option<&str>,
    keys: &str,
    now: &str,
    rng: &mut R,
) -> ApiResult<String> {
    OpenWallet::open(wallet, rng)?.present(signed, verifiers, issuers, keys, now, rng)
}
