//! `zkcred present`: the holder answers a signed presentation request from its wallet, if
//! the request's verifier is in the verifier registry and owns the scope it asks for, and
//! the request has not expired on the system clock (checked before anything is proven).

use crate::cli::PresentArgs;
use crate::commands::wallet;
use crate::dates::now;
use crate::error::{CliError, CliResult};
use crate::files::{read_doc, write_doc, FilePlan, Secrecy};
use zkcred::credential::{PredicateKeySet, PresentationError, SignedRequest, VerifierRegistry};
use zkcred::predicate::PredicateError;

/// Runs `zkcred present` (`force`: the presentation may replace an existing file).
pub fn run(args: PresentArgs, force: bool) -> CliResult {
    FilePlan::new(force)
        .input("--wallet", &args.wallet)
        .input("--request", &args.request)
        .input("--verifiers", &args.verifiers)
        .input("--keys", &args.keys)
        .output("--out", &args.out, Secrecy::Public)
        .check()?;
    let w = wallet::load(&args.wallet)?;
    let signed: SignedRequest = read_doc(&args.request)?;
    let verifiers: VerifierRegistry = read_doc(&args.verifiers)?;
    let key_set: PredicateKeySet = read_doc(&args.keys)?;
    let keys = key_set
        .holder_keys()
        .map_err(|e| CliError::from(e).in_file(&args.keys))?;
    let presentation = w
        .present(
            &signed,
            &verifiers,
            &keys,
            Some(now()?),
            &mut rand::rngs::OsRng,
        )
        .map_err(|e| match e {
            PresentationError::RequestAuth(_) => CliError::from(e).in_file(&args.request),
            PresentationError::MissingKey { .. }
            | PresentationError::Predicate(PredicateError::KeyCheck { .. }) => {
                CliError::from(e).in_flag_file("--keys", &args.keys)
            }
            other => other.into(),
        })?;
    let request = signed.request();
    write_doc(&args.out, &presentation, Secrecy::Public, force)?;
    say!(
        "presentation for request {} of '{}' ({} credentials, {} bytes of proofs, {} bytes of JSON): {}",
        request.id(),
        request.verifier_id,
        presentation.credentials.len(),
        presentation.binary_size(),
        presentation.json_size(),
        args.out.display()
    );
    Ok(())
}
