//! `zkcred issuer init`: a fresh issuer key.

use crate::cli::{IssuerCommand, IssuerInitArgs, SuiteArg, TierArg};
use crate::error::{CliError, CliResult};
use crate::files::{write_doc, FilePlan, Secrecy};
use zkcred::bbs::Ciphersuite;
use zkcred::credential::{CredentialError, Issuer, IssuerTier, Jurisdiction};

/// Runs `zkcred issuer ...`.
pub fn run(cmd: IssuerCommand, force: bool) -> CliResult {
    match cmd {
        IssuerCommand::Init(args) => init(args, force),
    }
}

/// The library's tier for a command-line tier.
pub fn tier(t: TierArg) -> IssuerTier {
    match t {
        TierArg::Commune => IssuerTier::Commune,
        TierArg::District => IssuerTier::District,
        TierArg::Province => IssuerTier::Province,
        TierArg::National => IssuerTier::National,
    }
}

/// The library's suite for a command-line suite.
pub fn suite(s: SuiteArg) -> Ciphersuite {
    match s {
        SuiteArg::Sha256 => Ciphersuite::Bls12381Sha256,
        SuiteArg::Shake256 => Ciphersuite::Bls12381Shake256,
    }
}

/// `zkcred issuer init`: generates the key, writes the key file (0600) and the public info,
/// prints the issuer id. `force`: replace existing files.
fn init(args: IssuerInitArgs, force: bool) -> CliResult {
    FilePlan::new(force)
        .output("--out", &args.out, Secrecy::Secret)
        .output("--public", &args.public, Secrecy::Public)
        .check()?;
    let jurisdiction =
        Jurisdiction::new(args.jurisdiction, args.jurisdiction_name).map_err(blame_flag)?;
    let issuer = Issuer::generate(
        args.name,
        tier(args.tier),
        jurisdiction,
        suite(args.suite),
        &mut rand::rngs::OsRng,
    )
    .map_err(blame_flag)?;
    write_doc(&args.out, &issuer, Secrecy::Secret, force)?;
    write_doc(&args.public, issuer.public_info(), Secrecy::Public, force)?;
    let info = issuer.public_info();
    say!(
        "issuer {} ({}, {}, {}): key file {}, public info {}",
        info.id(),
        info.name(),
        tier_name(info.tier()),
        info.jurisdiction().code(),
        args.out.display(),
        args.public.display()
    );
    Ok(())
}

/// `e` blamed on the flag whose value it refuses (`--name`, `--jurisdiction`,
/// `--jurisdiction-name`).
fn blame_flag(e: CredentialError) -> CliError {
    let flag = match &e {
        CredentialError::InvalidIssuerName { .. } => "--name",
        CredentialError::InvalidJurisdiction(_) => "--jurisdiction",
        CredentialError::InvalidJurisdictionName { .. } => "--jurisdiction-name",
        _ => return e.into(),
    };
    CliError::from(e).for_flag(flag)
}

/// The tier's JSON name.
pub fn tier_name(t: IssuerTier) -> &'static str {
    match t {
        IssuerTier::Commune => "commune",
        IssuerTier::District => "district",
        IssuerTier::Province => "province",
        IssuerTier::National => "national",
    }
}
