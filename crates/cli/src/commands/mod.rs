//! One file per command; [`run`] dispatches.

pub mod demo;
pub mod issue;
pub mod issuer;
pub mod present;
pub mod registry;
pub mod request;
pub mod schema;
pub mod verifier;
pub mod verifiers;
pub mod verify;
pub mod wallet;

use crate::cli::{Cli, Command};
use crate::error::CliResult;

/// Runs the parsed command line.
pub fn run(cli: Cli) -> CliResult {
    match cli.command {
        Command::Issuer(cmd) => issuer::run(cmd),
        Command::Schema(cmd) => schema::run(cmd),
        Command::Registry(cmd) => registry::run(cmd),
        Command::Verifier(cmd) => verifier::run(cmd),
        Command::Verifiers(cmd) => verifiers::run(cmd),
        Command::Wallet(cmd) => wallet::run(cmd),
        Command::Issue(args) => issue::run(args),
        Command::Request(cmd) => request::run(cmd),
        Command::Present(args) => present::run(args),
        Command::Verify(args) => verify::run(args),
        Command::Demo(args) => demo::run(args),
    }
}
