//! `zkcred verify`: the verifier checks its own signed request (its signature, unchanged,
//! its scope) and its window on the system clock (an old request is refused as expired,
//! before the presentation or the nonce file is read), then the presentation against it,
//! and prints what it learned as JSON.

use crate::cli::VerifyArgs;
use crate::commands::issuer::tier_name;
use crate::commands::schema::load_schemas;
use crate::dates::now;
use crate::doc_kind::DocKind;
use crate::error::{CliError, CliResult};
use crate::files::{other_kind, read_doc, read_text, FilePlan};
use crate::nonce_file::FileNonceStore;
use serde::Serialize;
use std::collections::BTreeMap;
use zkcred::credential::{
    AttributeValue, IssuerId, PredicateKeySet, PresentationError, PresentationRequest,
    RequestAuthError, SignedRequest, TrustRegistry, VerifiedPresentation, Verifier,
    VerifierPublicInfo,
};

/// Runs `zkcred verify`.
pub fn run(args: VerifyArgs) -> CliResult {
    FilePlan::new(false)
        .input("--request", &args.request)
        .input("--verifier", &args.verifier)
        .input("--presentation", &args.presentation)
        .input("--registry", &args.registry)
        .inputs("--schemas", &args.schemas)
        .input("--keys", &args.keys)
        .update("--nonces", &args.nonces)
        .check()?;
    let signed: SignedRequest = read_doc(&args.request)?;
    let own: VerifierPublicInfo = read_doc(&args.verifier)?;
    signed.verify_by(&own).map_err(|e| match e {
        // The request is the verifier's own: another verifier's public info was given.
        RequestAuthError::WrongVerifier { .. } => {
            CliError::from(e).in_flag_file("--verifier", &args.verifier)
        }
        other => CliError::from(other).in_file(&args.request),
    })?;
    let request = signed.request();
    let now = now()?;
    // An expired request is reported as such, whatever the presentation holds (the library
    // checks it again first thing).
    request.window.check(now)?;
    // Read as text: the verifier checks its size and counts against the request before
    // decoding any point.
    let presentation = read_text(&args.presentation)?;
    let registry: TrustRegistry = read_doc(&args.registry)?;
    let schemas = load_schemas(&args.schemas)?;
    let keys: PredicateKeySet = read_doc(&args.keys)?;
    // Locked until the verifier (and the store in it) drops: see `nonce_file`.
    let nonces = FileNonceStore::open(&args.nonces, now)?;
    let verifier = Verifier::new(
        registry.clone(),
        schemas.into_values().collect(),
        keys.verifier_keys(),
        Box::new(nonces),
    );
    // The request was authenticated above.
    let verified = verifier
        .verify_json(request, &presentation, Some(now))
        .map_err(|e| match e {
            PresentationError::MissingKey { .. } => {
                CliError::from(e).in_flag_file("--keys", &args.keys)
            }
            PresentationError::UnknownSchema(_) => CliError::from(e).for_flag("--schemas"),
            PresentationError::MalformedJson(_) => {
                match other_kind(&presentation, DocKind::Presentation) {
                    Some(kind) => CliError::invalid(kind.mismatch(DocKind::Presentation))
                        .in_file(&args.presentation),
                    None => CliError::from(e).in_file(&args.presentation),
                }
            }
            other => other.into(),
        })?;
    let text = serde_json::to_string_pretty(&result_json(request, &verified, &registry))
        .map_err(|e| CliError::invalid(format!("cannot print the result: {e}")))?;
    say!("{text}");
    Ok(())
}

/// The format version of [`VerifyOutput`] (`docs/FORMATS.md`, "Verify result").
pub const VERIFY_OUTPUT_VERSION: u64 = 1;

/// The printed result of a verification.
#[derive(Debug, Serialize)]
pub struct VerifyOutput {
    /// [`VERIFY_OUTPUT_VERSION`].
    pub version: u64,
    /// Always `true` (a failed verification prints an error instead).
    pub verified: bool,
    /// The request answered.
    pub request_id: String,
    /// The verifier.
    pub verifier_id: String,
    /// Per credential label: issuer and disclosed values.
    pub credentials: BTreeMap<String, CredentialOutput>,
    /// Every predicate of the request, each of which holds.
    pub predicates_held: Vec<PredicateOutput>,
    /// Whether the credentials were proven to carry one holder secret.
    pub same_holder: bool,
    /// Per credential label, the pseudonym for the request's scope.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub pseudonyms: BTreeMap<String, String>,
}

/// One credential of a [`VerifyOutput`].
#[derive(Debug, Serialize)]
pub struct CredentialOutput {
    /// The schema id.
    pub schema_id: String,
    /// The signing issuer.
    pub issuer: IssuerOutput,
    /// The disclosed attributes.
    pub disclosed: BTreeMap<String, AttributeValue>,
}

/// The issuer of a credential, from the trust registry.
#[derive(Debug, Serialize)]
pub struct IssuerOutput {
    /// The id.
    pub id: String,
    /// The display name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The tier.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tier: Option<&'static str>,
    /// The jurisdiction code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub jurisdiction: Option<String>,
}

/// A predicate that holds.
#[derive(Debug, Serialize)]
pub struct PredicateOutput {
    /// The credential's label.
    pub credential: String,
    /// What holds, e.g. `birth_date: age at least 18 on 2026-11-22`.
    pub holds: String,
}

/// What the verifier learned: per credential its issuer and disclosed values, the predicates
/// that hold, the holder link and pseudonyms.
pub fn result_json(
    request: &PresentationRequest,
    verified: &VerifiedPresentation,
    registry: &TrustRegistry,
) -> VerifyOutput {
    let mut credentials = BTreeMap::new();
    for c in &request.credentials {
        let id = verified.issuers.get(&c.label).cloned().unwrap_or_default();
        let info = id.parse::<IssuerId>().ok().and_then(|i| registry.get(&i));
        credentials.insert(
            c.label.clone(),
            CredentialOutput {
                schema_id: c.schema_id.to_string(),
                issuer: IssuerOutput {
                    name: info.map(|i| i.name().to_owned()),
                    tier: info.map(|i| tier_name(i.tier())),
                    jurisdiction: info.map(|i| i.jurisdiction().code().to_owned()),
                    id,
                },
                disclosed: verified
                    .disclosed
                    .get(&c.label)
                    .cloned()
                    .unwrap_or_default(),
            },
        );
    }
    VerifyOutput {
        version: VERIFY_OUTPUT_VERSION,
        verified: true,
        request_id: verified.request_id.to_string(),
        verifier_id: request.verifier_id.clone(),
        credentials,
        predicates_held: verified
            .predicates_held
            .iter()
            .map(|p| PredicateOutput {
                credential: p.label.clone(),
                holds: p.description.clone(),
            })
            .collect(),
        same_holder: verified.same_holder,
        pseudonyms: verified.pseudonyms.clone(),
    }
}
