//! `zkcred verifiers add`: the wallet's verifier registry from verifiers' public info files
//! (the registry authority's job; wallets receive the result).

use crate::cli::VerifiersCommand;
use crate::error::{CliError, CliResult};
use crate::files::{read_doc, update_doc, FilePlan, Secrecy};
use crate::update_lock::UpdateLock;
use zkcred::credential::{VerifierPublicInfo, VerifierRegistry};

/// Runs `zkcred verifiers ...`.
pub fn run(cmd: VerifiersCommand) -> CliResult {
    match cmd {
        VerifiersCommand::Add {
            registry,
            verifiers,
        } => {
            FilePlan::new(false)
                .update("--registry", &registry)
                .inputs("--verifier", &verifiers)
                .check()?;
            let _lock = UpdateLock::acquire(&registry)?;
            let mut reg: VerifierRegistry = if registry.exists() {
                read_doc(&registry)?
            } else {
                VerifierRegistry::new()
            };
            for path in &verifiers {
                let info: VerifierPublicInfo = read_doc(path)?;
                if reg.get(info.id()) == Some(&info) {
                    say!("verifier {} ({}) is already listed", info.id(), info.name());
                    continue;
                }
                let line = format!(
                    "added verifier {} ({}), scopes [{}]",
                    info.id(),
                    info.name(),
                    info.scopes().join(", ")
                );
                reg.insert(info)
                    .map_err(|e| CliError::from(e).in_file(path))?;
                say!("{line}");
            }
            update_doc(&registry, &reg, Secrecy::Public)?;
            say!("{}: {} verifiers", registry.display(), reg.len());
            Ok(())
        }
    }
}
