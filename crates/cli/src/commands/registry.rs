//! `zkcred registry add`: the verifier's trust registry from issuers' public info files, each
//! issuer authorised for the schemas it may issue.

use crate::cli::RegistryCommand;
use crate::commands::schema::load_schemas;
use crate::error::{CliError, CliResult};
use crate::files::{read_doc, update_doc, FilePlan, Secrecy};
use crate::update_lock::UpdateLock;
use std::path::Path;
use zkcred::credential::{IssuerPublicInfo, Schema, TrustRegistry};

/// Runs `zkcred registry ...`.
pub fn run(cmd: RegistryCommand) -> CliResult {
    match cmd {
        RegistryCommand::Add {
            registry,
            issuers,
            schemas,
        } => {
            FilePlan::new(false)
                .update("--registry", &registry)
                .inputs("--issuer", &issuers)
                .inputs("--schema", &schemas)
                .check()?;
            let _lock = UpdateLock::acquire(&registry)?;
            let mut reg: TrustRegistry = if registry.exists() {
                read_doc(&registry)?
            } else {
                TrustRegistry::new()
            };
            let schemas: Vec<Schema> = load_schemas(&schemas)?.into_values().collect();
            for path in &issuers {
                let info: IssuerPublicInfo = read_doc(path)?;
                add_issuer(&mut reg, info.clone(), path)?;
                authorise(&mut reg, &info, &schemas)?;
            }
            update_doc(&registry, &reg, Secrecy::Public)?;
            say!("{}: {} issuers", registry.display(), reg.len());
            Ok(())
        }
    }
}

/// Lists `info` in `reg` unless it is there already (an issuer with the same id but another
/// document is refused: the registry would otherwise silently keep the old one).
fn add_issuer(reg: &mut TrustRegistry, info: IssuerPublicInfo, path: &Path) -> CliResult {
    if reg.get(info.id()) == Some(&info) {
        say!("issuer {} ({}) is already listed", info.id(), info.name());
        return Ok(());
    }
    let line = format!("added issuer {} ({})", info.id(), info.name());
    reg.insert(info, [])
        .map_err(|e| CliError::from(e).in_file(path))?;
    say!("{line}");
    Ok(())
}

/// Authorises the issuer `info` for every schema of `schemas`.
fn authorise(reg: &mut TrustRegistry, info: &IssuerPublicInfo, schemas: &[Schema]) -> CliResult {
    for schema in schemas {
        if reg.authorise(info.id(), *schema.id())? {
            say!(
                "authorised issuer {} ({}) for schema {} ({})",
                info.id(),
                info.name(),
                schema.name(),
                schema.id()
            );
        }
    }
    Ok(())
}
