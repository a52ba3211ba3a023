//! One file per command; [`run`] dispatches.

pub mod demo;
pub mod demo_report;
pub mod issue;
pub mod issuer;
pub mod present;
pub mod present_remote;
pub mod registry;
pub mod request;
pub mod schema;
pub mod verifier;
pub mod verifiers;
pub mod verify;
pub mod wallet;

use crate::cli::{Cli, Command};
use crate::error::CliResult;

/// Runs the parsed command line (`--force`: outputs may replace existing files).
pub fn run(cli: Cli) -> CliResult {
    let force = cli.force;
    match cli.command {
        Command::Issuer(cmd) => issuer::run(cmd, force),
        Command::Schema(cmd) => schema::run(cmd, force),
        Command::Registry(cmd) => registry::run(cmd),
        Command::Verifier(cmd) => verifier::run(cmd),
        Command::Verifiers(cmd) => verifiers::run(cmd),
        Command::Wallet(cmd) => wallet::run(cmd, force),
        Command::Issue(args) => issue::run(args, force),
        Command::Request(cmd) => request::run(cmd, force),
        Command::Present(args) => present::run(args, force),
        Command::Verify(args) => verify::run(args),
        Command::Demo(args) => demo::run(args),
    }
}
