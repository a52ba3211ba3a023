//! `zkcred wallet init|commit|add|list`: the holder's side of blind issuance.

use crate::cli::WalletCommand;
use crate::commands::issuer::tier_name;
use crate::error::{CliError, CliResult};
use crate::files::{read_doc, update_doc, write_doc, FilePlan, Secrecy};
use crate::update_lock::UpdateLock;
use std::path::Path;
use zkcred::credential::{
    format_date, IssuedCredential, IssuerPublicInfo, PresentationError, Schema, Wallet,
};

/// Runs `zkcred wallet ...` (`force`: `wallet init` and the request of `wallet commit` may
/// replace existing files).
pub fn run(cmd: WalletCommand, force: bool) -> CliResult {
    match cmd {
        WalletCommand::Init { out } => {
            FilePlan::new(force)
                .output("--out", &out, Secrecy::Secret)
                .check()?;
            let wallet = Wallet::new(&mut rand::rngs::OsRng);
            write_doc(&out, &wallet, Secrecy::Secret, force)?;
            say!(
                "wallet {}: a fresh holder secret, no credentials",
                out.display()
            );
            Ok(())
        }
        WalletCommand::Commit {
            wallet,
            schema,
            issuer,
            out,
        } => {
            FilePlan::new(force)
                .update("--wallet", &wallet)
                .input("--schema", &schema)
                .input("--issuer", &issuer)
                .output("--out", &out, Secrecy::Public)
                .check()?;
            let _lock = UpdateLock::acquire(&wallet)?;
            let mut w = load(&wallet)?;
            let schema: Schema = read_doc(&schema)?;
            let issuer: IssuerPublicInfo = read_doc(&issuer)?;
            let request = w.request_issuance(&schema, &issuer, &mut rand::rngs::OsRng)?;
            // The wallet first: a request whose secrets were lost could never be accepted.
            save(&wallet, &w)?;
            write_doc(&out, &request, Secrecy::Public, force)?;
            say!(
                "issuance request {} for {} from {}: {} (send it to the issuer)",
                request.id(),
                schema.name(),
                issuer.name(),
                out.display()
            );
            Ok(())
        }
        WalletCommand::Add {
            wallet,
            credential,
            issuer,
            schema,
        } => {
            FilePlan::new(false)
                .update("--wallet", &wallet)
                .input("--credential", &credential)
                .input("--issuer", &issuer)
                .input("--schema", &schema)
                .check()?;
            let _lock = UpdateLock::acquire(&wallet)?;
            let mut w = load(&wallet)?;
            let issued: IssuedCredential = read_doc(&credential)?;
            let schema_path = schema;
            let issuer_path = issuer;
            let schema: Schema = read_doc(&schema_path)?;
            let issuer: IssuerPublicInfo = read_doc(&issuer_path)?;
            let id = w.accept(&issued, &schema, &issuer).map_err(|e| match e {
                PresentationError::WrongIssuerInfo { .. } => {
                    CliError::from(e).in_flag_file("--issuer", &issuer_path)
                }
                PresentationError::WrongSchema { .. } => {
                    CliError::from(e).in_flag_file("--schema", &schema_path)
                }
                other => CliError::from(other).in_file(&credential),
            })?;
            save(&wallet, &w)?;
            say!(
                "credential {id} ({} from {}, valid {} to {}) added to {}",
                schema.name(),
                issuer.name(),
                format_date(issued.credential.issued_on),
                format_date(issued.credential.expires_on),
                wallet.display()
            );
            Ok(())
        }
        WalletCommand::List { wallet } => {
            let w = load(&wallet)?;
            for (id, stored) in w.credentials() {
                let c = &stored.credential;
                say!(
                    "{id}  {}  issuer {} ({}, {}, {})  valid {} to {}",
                    stored.schema.name(),
                    stored.issuer.id(),
                    stored.issuer.name(),
                    tier_name(stored.issuer.tier()),
                    stored.issuer.jurisdiction().code(),
                    format_date(c.issued_on),
                    format_date(c.expires_on)
                );
            }
            let pending = w.pending().count();
            say!(
                "{} credentials, {pending} pending issuance requests",
                w.credentials().count()
            );
            Ok(())
        }
    }
}

/// Reads a wallet file.
pub fn load(path: &Path) -> CliResult<Wallet> {
    read_doc(path)
}

/// Rewrites a wallet file (0600) atomically, through a symbolic link to its target.
fn save(path: &Path, wallet: &Wallet) -> CliResult {
    update_doc(path, wallet, Secrecy::Secret)
}
