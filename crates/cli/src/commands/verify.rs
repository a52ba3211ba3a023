//! `zkcred verify`: the verifier checks its own signed request (its signature, unchanged,
//! its scope) and its window on the system clock (an old request is refused as expired,
//! before the presentation or the nonce file is read), then the presentation against it,
//! and prints what it learned as JSON.

use crate::cli::VerifyArgs;
use crate::commands::schema::load_schemas;
use crate::dates::now;
use crate::doc_kind::DocKind;
use crate::error::{CliError, CliResult};
use crate::files::{other_kind, read_doc, read_text, FilePlan};
use crate::nonce_file::FileNonceStore;
use zkcred::credential::{
    PredicateKeySet, PresentationError, PresentationRequest, RequestAuthError, SignedRequest,
    TrustRegistry, VerifiedPresentation, Verifier, VerifierPublicInfo, VerifyResult,
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

/// The printed result of a verification (`docs/FORMATS.md`, "Verify result").
pub type VerifyOutput = VerifyResult;

/// What the verifier learned: per credential its issuer and disclosed values, the predicates
/// that hold, the holder link and pseudonyms ([`VerifyResult::new`]).
pub fn result_json(
    request: &PresentationRequest,
    verified: &VerifiedPresentation,
    registry: &TrustRegistry,
) -> VerifyOutput {
    VerifyResult::new(request, verified, registry)
}
