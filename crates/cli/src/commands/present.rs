//! `zkcred present`: the holder answers a signed presentation request from its wallet, if
//! the request's verifier is in the verifier registry and owns the scope it asks for, and
//! the request has not expired on the system clock (checked before anything is proven).
//! The request and keys come from files, or from a gateway (`--request-uri`,
//! [`super::present_remote`]).

use crate::cli::PresentArgs;
use crate::commands::{present_remote, wallet};
use crate::dates::now;
use crate::error::{CliError, CliResult};
use crate::files::{read_doc, write_doc, FilePlan, Secrecy};
use std::path::Path;
use zkcred::credential::{
    PredicateKeySet, Presentation, PresentationError, SignedRequest, TrustRegistry,
    VerifierRegistry, Wallet,
};
use zkcred::predicate::{HolderKeys, PredicateError};

/// Runs `zkcred present` (`force`: the presentation may replace an existing file).
pub fn run(args: PresentArgs, force: bool) -> CliResult {
    let issuers = match &args.issuers {
        Some(path) => read_doc(path)?,
        None => TrustRegistry::new(),
    };
    match (&args.request_uri, &args.request, &args.keys, &args.out) {
        (Some(uri), _, _, out) => present_remote::run(
            uri,
            &args.wallet,
            &args.verifiers,
            &issuers,
            out.as_deref(),
            force,
        ),
        (None, Some(request), Some(keys), Some(out)) => from_files(
            &args.wallet,
            request,
            &args.verifiers,
            &issuers,
            keys,
            out,
            force,
        ),
        _ => Err(CliError::invalid(
            "give --request, --keys and --out, or --request-uri",
        )),
    }
}

/// `present` from a request file and a key set file, into `out`.
#[allow(clippy::too_many_arguments)]
fn from_files(
    wallet_path: &Path,
    request_path: &Path,
    verifiers_path: &Path,
    issuers: &TrustRegistry,
    keys_path: &Path,
    out: &Path,
    force: bool,
) -> CliResult {
    FilePlan::new(force)
        .input("--wallet", wallet_path)
        .input("--request", request_path)
        .input("--verifiers", verifiers_path)
        .input("--keys", keys_path)
        .output("--out", out, Secrecy::Public)
        .check()?;
    let w = wallet::load(wallet_path)?;
    let signed: SignedRequest = read_doc(request_path)?;
    let verifiers: VerifierRegistry = read_doc(verifiers_path)?;
    let key_set: PredicateKeySet = read_doc(keys_path)?;
    let keys = key_set
        .holder_keys()
        .map_err(|e| CliError::from(e).in_file(keys_path))?;
    let presentation = answer(&w, &signed, &verifiers, issuers, &keys).map_err(|e| match e {
        PresentationError::RequestAuth(_) => CliError::from(e).in_file(request_path),
        PresentationError::MissingKey { .. }
        | PresentationError::Predicate(PredicateError::KeyCheck { .. }) => {
            CliError::from(e).in_flag_file("--keys", keys_path)
        }
        other => other.into(),
    })?;
    write_doc(out, &presentation, Secrecy::Public, force)?;
    say!(
        "{}",
        summary(&signed, &presentation, &out.display().to_string())
    );
    Ok(())
}

/// The wallet's answer to `signed` on the system clock; `issuers` (`--issuers`, else empty)
/// gives the keys of hidden issuers' sets.
pub fn answer(
    wallet: &Wallet,
    signed: &SignedRequest,
    verifiers: &VerifierRegistry,
    issuers: &TrustRegistry,
    keys: &HolderKeys,
) -> Result<Presentation, PresentationError> {
    let now = now().map_err(|e| PresentationError::NoClock(e.to_string()))?;
    wallet.present_with_issuers(
        signed,
        verifiers,
        issuers,
        keys,
        Some(now),
        &mut rand::rngs::OsRng,
    )
}

/// One line about a presentation sent to `whereto`.
pub fn summary(signed: &SignedRequest, presentation: &Presentation, whereto: &str) -> String {
    let request = signed.request();
    format!(
        "presentation for request {} of '{}' ({} credentials, {} bytes of proofs, {} bytes of JSON): {whereto}",
        request.id(),
        request.verifier_id,
        presentation.credentials.len(),
        presentation.binary_size(),
        presentation.json_size(),
    )
}
