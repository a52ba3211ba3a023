//! Reading and writing the JSON files every command works on.
//!
//! Documents of the library are read through [`JsonDocument::from_json`] (version, shape and
//! content checks); CLI-only files through serde. Every error names the file. Secret files
//! (issuer keys, wallets) are written with mode 0600 on unix.

use crate::error::{CliError, CliResult};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::fs;
use std::io::Write;
use std::path::Path;
use zkcred::credential::{CredentialError, JsonDocument};

/// Whether a file holds secrets (written 0600) or not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Secrecy {
    /// Anyone may read it.
    Public,
    /// Only the owner may read it.
    Secret,
}

/// The text of `path`.
pub fn read_text(path: &Path) -> CliResult<String> {
    fs::read_to_string(path).map_err(|source| CliError::Io {
        action: "cannot read",
        path: path.to_path_buf(),
        source,
    })
}

/// Reads and validates a library document.
pub fn read_doc<T: JsonDocument>(path: &Path) -> CliResult<T> {
    let text = read_text(path)?;
    T::from_json(&text).map_err(|e| CliError::from(e).in_file(path))
}

/// Reads a plain serde JSON file (CLI-only formats, attribute maps, specs).
pub fn read_serde<T: DeserializeOwned>(path: &Path) -> CliResult<T> {
    let text = read_text(path)?;
    serde_json::from_str(&text)
        .map_err(|e| CliError::from(CredentialError::MalformedJson(e.to_string())).in_file(path))
}

/// Writes a library document.
pub fn write_doc<T: JsonDocument>(path: &Path, doc: &T, secrecy: Secrecy) -> CliResult {
    let text = doc.to_json()?;
    write_text(path, &text, secrecy)
}

/// Writes a value as pretty JSON with serde.
pub fn write_serde<T: Serialize>(path: &Path, value: &T, secrecy: Secrecy) -> CliResult {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| CliError::invalid(format!("cannot encode {}: {e}", path.display())))?;
    write_text(path, &text, secrecy)
}

/// Writes `text` and a final newline to `path`, replacing it atomically (a temporary file
/// beside it, then a rename), with mode 0600 for [`Secrecy::Secret`] on unix.
pub fn write_text(path: &Path, text: &str, secrecy: Secrecy) -> CliResult {
    let io = |action: &'static str| {
        move |source| CliError::Io {
            action,
            path: path.to_path_buf(),
            source,
        }
    };
    let file_name = path
        .file_name()
        .ok_or_else(|| CliError::invalid(format!("{} is not a file name", path.display())))?;
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(file_name);
    tmp_name.push(format!(".{}.tmp", std::process::id()));
    let tmp = path.with_file_name(tmp_name);
    let result = (|| {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent).map_err(io("cannot create the directory of"))?;
        }
        let mut file = open_new(&tmp, secrecy).map_err(io("cannot create"))?;
        file.write_all(text.as_bytes())
            .map_err(io("cannot write"))?;
        file.write_all(b"\n").map_err(io("cannot write"))?;
        file.sync_all().map_err(io("cannot write"))?;
        fs::rename(&tmp, path).map_err(io("cannot write"))
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Writes a library document to a new file: refuses (and leaves alone) an existing file, even
/// one created between a check and the write, so a user's key file is never overwritten.
pub fn write_new_doc<T: JsonDocument>(path: &Path, doc: &T, secrecy: Secrecy) -> CliResult {
    let text = doc.to_json()?;
    let exists = || CliError::invalid(format!("{} exists: not overwritten", path.display()));
    if path.exists() {
        return Err(exists());
    }
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(path.file_name().unwrap_or_default());
    tmp_name.push(format!(".{}.new.tmp", std::process::id()));
    let tmp = path.with_file_name(tmp_name);
    write_text(&tmp, &text, secrecy)?;
    // A hard link fails if `path` exists: the check and the creation are one step.
    let linked = fs::hard_link(&tmp, path);
    let _ = fs::remove_file(&tmp);
    match linked {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(exists()),
        Err(source) => Err(CliError::Io {
            action: "cannot write",
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// Creates (truncating) `path` with the permissions of `secrecy`.
fn open_new(path: &Path, secrecy: Secrecy) -> std::io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(match secrecy {
            Secrecy::Secret => 0o600,
            Secrecy::Public => 0o644,
        });
    }
    #[cfg(not(unix))]
    let _ = secrecy;
    options.open(path)
}

/// Refuses to overwrite an existing file unless `force`.
pub fn check_new(path: &Path, force: bool) -> CliResult {
    if !force && path.exists() {
        return Err(CliError::invalid(format!(
            "{} exists (use --force to overwrite)",
            path.display()
        )));
    }
    Ok(())
}
