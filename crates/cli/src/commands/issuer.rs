//! `zkcred issuer init`: a fresh issuer key.

use crate::cli::{IssuerCommand, IssuerInitArgs, SuiteArg, TierArg};
use crate::error::CliResult;
use crate::files::{check_new, write_doc, Secrecy};
use zkcred::bbs::Ciphersuite;
use zkcred::credential::{Issuer, IssuerTier, Jurisdiction};

/// Runs `zkcred issuer ...`.
pub fn run(cmd: IssuerCommand) -> CliResult {
    match cmd {
        IssuerCommand::Init(args) => init(args),
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
/// prints the issuer id.
fn init(args: IssuerInitArgs) -> CliResult {
    check_new(&args.out, args.force)?;
    check_new(&args.public, args.force)?;
    let jurisdiction = Jurisdiction::new(args.jurisdiction, args.jurisdiction_name)?;
    let issuer = Issuer::generate(
        args.name,
        tier(args.tier),
        jurisdiction,
        suite(args.suite),
        &mut rand::rngs::OsRng,
    )?;
    write_doc(&args.out, &issuer, Secrecy::Secret)?;
    write_doc(&args.public, issuer.public_info(), Secrecy::Public)?;
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

/// The tier's JSON name.
pub fn tier_name(t: IssuerTier) -> &'static str {
    match t {
        IssuerTier::Commune => "commune",
        IssuerTier::District => "district",
        IssuerTier::Province => "province",
        IssuerTier::National => "national",
    }
}
