//! The issuing authority's calls: a new issuer key, and a credential issued blindly to a
//! holder's issuance request.

use crate::docs::{read, value, write};
use crate::error::{invalid_input, ApiError, ApiResult};
use rand_core::{CryptoRng, RngCore};
use zeroize::Zeroizing;
use zkcred::bbs::Ciphersuite;
use zkcred::credential::{
    CredentialContent, IssuanceRequest, Issuer, IssuerTier, Jurisdiction, Schema,
};

/// A new issuer: its key file (secret) and its public document.
pub struct NewIssuer {
    /// The issuer key file (`docs/FORMATS.md`, "Issuer key file"): secret.
    pub key: Zeroizing<String>,
    /// The issuer public info, for registries and wallets.
    pub public: String,
}

/// What [`new_issuer`] is given: `{"name", "tier", "jurisdiction", "jurisdiction_name"?,
/// "suite"?, "hiding"?}`; tier `commune|district|province|national`, suite `sha256`
/// (default) or `shake256`, hiding `true` to publish a hiding key (issuer hiding).
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct IssuerSpec {
    name: String,
    tier: IssuerTier,
    jurisdiction: String,
    #[serde(default)]
    jurisdiction_name: Option<String>,
    #[serde(default)]
    suite: Option<String>,
    #[serde(default)]
    hiding: bool,
}

/// A new issuer from its spec (see [`IssuerSpec`]'s fields: name, tier, jurisdiction, ...).
pub fn new_issuer<R: RngCore + CryptoRng>(spec: &str, rng: &mut R) -> ApiResult<NewIssuer> {
    let spec: IssuerSpec = value(spec, "issuer spec")?;
    let suite = match spec.suite.as_deref() {
        None | Some("sha256") => Ciphersuite::Bls12381Sha256,
        Some("shake256") => Ciphersuite::Bls12381Shake256,
        Some(other) => {
            return Err(ApiError::invalid(format!(
                "issuer spec: unknown suite '{}' (sha256 or shake256)",
                zkcred::credential::clip(other)
            )))
        }
    };
    let jurisdiction = Jurisdiction::new(spec.jurisdiction, spec.jurisdiction_name)?;
    let mut issuer = Issuer::generate(spec.name, spec.tier, jurisdiction, suite, rng)?;
    if spec.hiding {
        issuer = issuer.with_hiding_key();
    }
    Ok(NewIssuer {
        key: Zeroizing::new(write(&issuer)?),
        public: write(issuer.public_info())?,
    })
}

/// The issuer's public document, from its key file.
pub fn issuer_public(key: &str) -> ApiResult<String> {
    let issuer: Issuer = read(key, "issuer key")?;
    write(issuer.public_info())
}

/// Issues a credential of `schema` to a holder's issuance request: `content` is
/// `{"attributes": {name: value, ...}, "issued_on": "YYYY-MM-DD", "expires_on": ...}` with
/// values as in `docs/FORMATS.md`, "Attribute value". The issuer checks the request's proof
/// of knowledge of its committed secrets before signing.
pub fn issue<R: RngCore + CryptoRng>(
    key: &str,
    schema: &str,
    request: &str,
    content: &str,
    rng: &mut R,
) -> ApiResult<String> {
    let issuer: Issuer = read(key, "issuer key")?;
    let schema: Schema = read(schema, "schema")?;
    let request: IssuanceRequest = read(request, "issuance request")?;
    let content: CredentialContent = value(content, "content")?;
    let issued = issuer
        .issue(&schema, &content, &request, rng)
        .map_err(invalid_input)?;
    write(&issued)
}
