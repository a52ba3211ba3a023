//! `zkcred present`: the holder answers a presentation request from its wallet.

use crate::cli::PresentArgs;
use crate::commands::wallet;
use crate::error::{CliError, CliResult};
use crate::files::{read_doc, write_doc, Secrecy};
use zkcred::credential::{PredicateKeySet, PresentationRequest};

/// Runs `zkcred present`.
pub fn run(args: PresentArgs) -> CliResult {
    let w = wallet::load(&args.wallet)?;
    let request: PresentationRequest = read_doc(&args.request)?;
    let key_set: PredicateKeySet = read_doc(&args.keys)?;
    let keys = key_set
        .holder_keys()
        .map_err(|e| CliError::from(e).in_file(&args.keys))?;
    let presentation = w.present(&request, &keys, &mut rand::rngs::OsRng)?;
    write_doc(&args.out, &presentation, Secrecy::Public)?;
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
