//! `zkcred schema sample|check`, and loading schema files for other commands.

use crate::cli::SchemaCommand;
use crate::error::{CliError, CliResult};
use crate::files::{read_doc, write_doc, FilePlan, Secrecy};
use crate::samples;
use std::collections::BTreeMap;
use std::path::PathBuf;
use zkcred::credential::{Schema, SchemaId};

/// Runs `zkcred schema ...` (`force`: a sample may replace an existing file).
pub fn run(cmd: SchemaCommand, force: bool) -> CliResult {
    match cmd {
        SchemaCommand::Sample {
            name,
            out,
            issuer_hiding,
        } => {
            FilePlan::new(force)
                .output("--out", &out, Secrecy::Public)
                .check()?;
            let text = samples::schema_text(&name).ok_or_else(|| {
                CliError::invalid(format!(
                    "no sample schema '{name}' (try 'identity' or 'residency')"
                ))
            })?;
            let mut schema = samples::schema(text)?;
            if issuer_hiding {
                schema = schema.with_issuer_hiding();
            }
            write_doc(&out, &schema, Secrecy::Public, force)?;
            say!(
                "schema {} ({}): {}",
                schema.name(),
                schema.id(),
                out.display()
            );
            Ok(())
        }
        SchemaCommand::Check { file } => {
            let schema: Schema = read_doc(&file)?;
            say!(
                "{} version {}: id {}, {} attributes",
                schema.name(),
                schema.schema_version(),
                schema.id(),
                schema.attributes().len()
            );
            Ok(())
        }
    }
}

/// The schema files among `paths`: files as given, directories' `*.json` files (sorted).
fn schema_files(paths: &[PathBuf]) -> CliResult<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let entries = std::fs::read_dir(path).map_err(|source| CliError::Io {
                action: "cannot list",
                path: path.clone(),
                source,
            })?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "json") && p.is_file())
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

/// Loads schemas from files and directories, by id. In a directory, JSON files that are not
/// schemas are skipped (a directory may hold other documents); a file named explicitly must be
/// a schema.
pub fn load_schemas(paths: &[PathBuf]) -> CliResult<BTreeMap<SchemaId, Schema>> {
    let mut schemas = BTreeMap::new();
    for file in schema_files(paths)? {
        let explicit = paths.iter().any(|p| p == &file);
        match read_doc::<Schema>(&file) {
            Ok(schema) => {
                schemas.insert(*schema.id(), schema);
            }
            Err(e) if explicit => return Err(e),
            Err(_) => {}
        }
    }
    if schemas.is_empty() {
        return Err(CliError::invalid("no schema found in the given --schemas"));
    }
    Ok(schemas)
}
