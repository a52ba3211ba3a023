//! `zkcred verifier init`: a verifier's Ed25519 key for signing its presentation requests.

use crate::cli::{VerifierCommand, VerifierInitArgs};
use crate::error::{CliError, CliResult};
use crate::files::{write_doc, FilePlan, Secrecy};
use zkcred::credential::{RequestAuthError, VerifierKey};

/// Runs `zkcred verifier ...`.
pub fn run(cmd: VerifierCommand) -> CliResult {
    match cmd {
        VerifierCommand::Init(args) => init(args),
    }
}

/// `zkcred verifier init`: generates the key, writes the key file (0600, never over an
/// existing file, even with `--force`) and the public info, prints the id and scopes (never
/// the key).
fn init(args: VerifierInitArgs) -> CliResult {
    FilePlan::new(false)
        .output("--out", &args.out, Secrecy::Secret)
        .output("--public", &args.public, Secrecy::Public)
        .check()?;
    let key = VerifierKey::generate(args.id, args.name, args.scopes, &mut rand::rngs::OsRng)
        .map_err(blame_flag)?;
    // The public file first: if it exists, nothing secret was written.
    write_doc(&args.public, key.public_info(), Secrecy::Public, false)?;
    write_doc(&args.out, &key, Secrecy::Secret, false)?;
    let info = key.public_info();
    say!(
        "verifier {} ({}), scopes [{}]: key file {}, public info {}",
        info.id(),
        info.name(),
        info.scopes().join(", "),
        args.out.display(),
        args.public.display()
    );
    Ok(())
}

/// `e` blamed on the flag whose value it refuses (`--id`, `--name`, `--scope`).
fn blame_flag(e: RequestAuthError) -> CliError {
    let flag = match &e {
        RequestAuthError::InvalidVerifierId(_) => "--id",
        RequestAuthError::InvalidVerifierName { .. } => "--name",
        RequestAuthError::InvalidScope { .. }
        | RequestAuthError::DuplicateScope { .. }
        | RequestAuthError::TooManyScopes(_) => "--scope",
        _ => return e.into(),
    };
    CliError::from(e).for_flag(flag)
}
