//! `zkcred wallet init|commit|add|list`: the holder's side of blind issuance.

use crate::cli::WalletCommand;
use crate::commands::issuer::tier_name;
use crate::error::{CliError, CliResult};
use crate::files::{check_new, read_doc, write_doc, Secrecy};
use std::path::Path;
use zkcred::credential::{format_date, IssuedCredential, IssuerPublicInfo, Schema, Wallet};

/// Runs `zkcred wallet ...`.
pub fn run(cmd: WalletCommand) -> CliResult {
    match cmd {
        WalletCommand::Init { out, force } => {
            check_new(&out, force)?;
            let wallet = Wallet::new(&mut rand::rngs::OsRng);
            write_doc(&out, &wallet, Secrecy::Secret)?;
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
            let mut w = load(&wallet)?;
            let schema: Schema = read_doc(&schema)?;
            let issuer: IssuerPublicInfo = read_doc(&issuer)?;
            let request = w.request_issuance(&schema, &issuer, &mut rand::rngs::OsRng)?;
            // The wallet first: a request whose secrets were lost could never be accepted.
            save(&wallet, &w)?;
            write_doc(&out, &request, Secrecy::Public)?;
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
            let mut w = load(&wallet)?;
            let issued: IssuedCredential = read_doc(&credential)?;
            let schema: Schema = read_doc(&schema)?;
            let issuer: IssuerPublicInfo = read_doc(&issuer)?;
            let id = w
                .accept(&issued, &schema, &issuer)
                .map_err(|e| CliError::from(e).in_file(&credential))?;
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

/// Writes a wallet file (0600).
fn save(path: &Path, wallet: &Wallet) -> CliResult {
    write_doc(path, wallet, Secrecy::Secret)
}
