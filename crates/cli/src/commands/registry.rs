//! `zkcred registry add`: the verifier's trust registry from issuers' public info files.

use crate::cli::RegistryCommand;
use crate::error::{CliError, CliResult};
use crate::files::{read_doc, write_doc, Secrecy};
use zkcred::credential::{IssuerPublicInfo, TrustRegistry};

/// Runs `zkcred registry ...`.
pub fn run(cmd: RegistryCommand) -> CliResult {
    match cmd {
        RegistryCommand::Add { registry, issuers } => {
            let mut reg: TrustRegistry = if registry.exists() {
                read_doc(&registry)?
            } else {
                TrustRegistry::new()
            };
            for path in &issuers {
                let info: IssuerPublicInfo = read_doc(path)?;
                if reg.get(info.id()) == Some(&info) {
                    say!("issuer {} ({}) is already listed", info.id(), info.name());
                    continue;
                }
                let line = format!("added issuer {} ({})", info.id(), info.name());
                reg.insert(info)
                    .map_err(|e| CliError::from(e).in_file(path))?;
                say!("{line}");
            }
            write_doc(&registry, &reg, Secrecy::Public)?;
            say!("{}: {} issuers", registry.display(), reg.len());
            Ok(())
        }
    }
}
