//! Reading and writing the JSON files every command works on.
//!
//! Documents of the library are read through [`JsonDocument::from_json`] (version, shape and
//! content checks); the command's own files through [`crate::input_file`] (attribute files,
//! request specs) and [`crate::nonce_file`], with the same checks. Every error names the file. Secret files
//! (issuer keys, verifier keys, wallets) are written with mode 0600 on unix.
//!
//! # What a command may write
//!
//! A command declares its files in a [`FilePlan`] and checks them all before it writes
//! anything:
//!
//! - an **output** (`--out`, `--public`, `--keys`, ...) is a new file: an existing one is
//!   refused unless `--force` (a global flag);
//! - an **update** (the wallet of `wallet add`/`wallet commit`, the registry of
//!   `registry add`/`verifiers add`) is read and rewritten in place by design;
//! - an output or update is never the same file (same device and inode, or the same
//!   canonical path for a file still to be made) as one of the command's inputs or as another
//!   of its outputs, even with `--force`;
//! - only regular files are written: a directory, device node (`/dev/null`), FIFO or socket
//!   is refused, and so is a symbolic link to a missing file;
//! - a symbolic link is followed: the file it points to gets the new content, written
//!   atomically in that file's directory (a temporary file, then a rename), and the link
//!   stays a link. A failed write leaves the previous content whole;
//! - `-` as a public output writes it to stdout (the status line then goes to stderr); secret
//!   files and updates are never written to stdout.

use crate::doc_kind::{DocKind, Kind};
use crate::error::{CliError, CliResult};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use zkcred::credential::JsonDocument;

/// Whether a file holds secrets (written 0600) or not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Secrecy {
    /// Anyone may read it.
    Public,
    /// Only the owner may read it.
    Secret,
}

/// Set once a document goes to stdout: status lines then go to stderr.
static STDOUT_TAKEN: AtomicBool = AtomicBool::new(false);

/// Whether stdout carries a document (so `say!` writes to stderr).
pub fn stdout_taken() -> bool {
    STDOUT_TAKEN.load(Ordering::Relaxed)
}

/// Reserves stdout for a document the command prints at its end (status lines go to stderr).
pub fn take_stdout() {
    STDOUT_TAKEN.store(true, Ordering::Relaxed);
}

/// Whether `path` is `-` (stdout).
pub fn is_stdout(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// The text of `path`.
/// The most any input file may hold: the largest document the library reads (a predicate key
/// set). Reading stops there, so `/dev/zero` or a huge file costs at most this much.
pub const MAX_INPUT_BYTES: usize = zkcred::credential::keyset::MAX_KEY_SET_BYTES;

/// The text of `path`, at most [`MAX_INPUT_BYTES`] (each document then applies its own,
/// usually smaller, limit).
pub fn read_text(path: &Path) -> CliResult<String> {
    use std::io::Read;
    let io = |source| CliError::Io {
        action: "cannot read",
        path: path.to_path_buf(),
        source,
    };
    let file = fs::File::open(path).map_err(io)?;
    let mut text = String::new();
    file.take(MAX_INPUT_BYTES as u64 + 1)
        .read_to_string(&mut text)
        .map_err(io)?;
    if text.len() > MAX_INPUT_BYTES {
        return Err(CliError::invalid(format!(
            "{}: larger than {MAX_INPUT_BYTES} bytes: not read",
            path.display()
        )));
    }
    Ok(text)
}

/// Reads and validates a library document. A refused file that is another kind of document
/// is named as such ([`DocKind`]): a file given to the wrong flag.
pub fn read_doc<T: JsonDocument + Kind>(path: &Path) -> CliResult<T> {
    let text = read_text(path)?;
    T::from_json(&text).map_err(|e| match other_kind(&text, T::KIND) {
        Some(kind) => CliError::invalid(kind.mismatch(T::KIND)).in_file(path),
        None => CliError::from(e).in_file(path),
    })
}

/// The kind of the JSON document `text` if it is a known kind other than `expected`.
pub fn other_kind(text: &str, expected: DocKind) -> Option<DocKind> {
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    DocKind::of(&value).filter(|k| *k != expected)
}

/// How a planned file is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    /// Only read.
    Input,
    /// A new file (or, with `--force`, a replaced one).
    Output(Secrecy),
    /// Read and rewritten in place.
    Update,
}

/// One file of a [`FilePlan`].
#[derive(Debug)]
struct Planned {
    flag: &'static str,
    path: PathBuf,
    role: Role,
}

/// What a path names, to tell whether two paths are one file.
#[derive(Debug, PartialEq, Eq)]
enum Identity {
    /// Standard output.
    Stdout,
    /// An existing file (device and inode on unix, canonical path elsewhere).
    Existing(u64, u64, PathBuf),
    /// A file still to be made: its canonical directory joined with its name.
    Missing(PathBuf),
}

impl Identity {
    /// Whether `self` and `other` are the same file.
    fn same(&self, other: &Identity) -> bool {
        match (self, other) {
            (Identity::Existing(d1, i1, p1), Identity::Existing(d2, i2, p2)) => {
                if cfg!(unix) {
                    d1 == d2 && i1 == i2
                } else {
                    p1 == p2
                }
            }
            (a, b) => a == b,
        }
    }
}

/// The files one command reads, writes and updates, checked together before anything is
/// written (see the module docs).
#[derive(Debug)]
pub struct FilePlan {
    force: bool,
    files: Vec<Planned>,
}

impl FilePlan {
    /// An empty plan; `force` lets outputs replace existing files that are not inputs.
    pub fn new(force: bool) -> Self {
        Self {
            force,
            files: Vec::new(),
        }
    }

    /// Adds an input file (or directory) given as `flag`.
    pub fn input(mut self, flag: &'static str, path: &Path) -> Self {
        self.push(flag, path, Role::Input);
        self
    }

    /// Adds every path of `paths` as inputs given as `flag`.
    pub fn inputs(mut self, flag: &'static str, paths: &[PathBuf]) -> Self {
        for path in paths {
            self.push(flag, path, Role::Input);
        }
        self
    }

    /// Adds an output file given as `flag` (`-` for stdout if `secrecy` is public).
    pub fn output(mut self, flag: &'static str, path: &Path, secrecy: Secrecy) -> Self {
        self.push(flag, path, Role::Output(secrecy));
        self
    }

    /// Adds a file given as `flag` that the command reads and rewrites in place.
    pub fn update(mut self, flag: &'static str, path: &Path) -> Self {
        self.push(flag, path, Role::Update);
        self
    }

    fn push(&mut self, flag: &'static str, path: &Path, role: Role) {
        self.files.push(Planned {
            flag,
            path: path.to_path_buf(),
            role,
        });
    }

    /// Checks every written file: writable (see [`identity`]), not existing unless `--force`
    /// (outputs), and not the same file as any other file of the plan. Marks stdout as taken
    /// if an output is `-`.
    pub fn check(&self) -> CliResult {
        let mut seen: Vec<(&Planned, Identity)> = Vec::new();
        for file in &self.files {
            let id = match file.role {
                Role::Input => match input_identity(&file.path) {
                    Some(id) => id,
                    None => continue,
                },
                Role::Output(secrecy) => self.output_identity(file, secrecy)?,
                Role::Update => {
                    if is_stdout(&file.path) {
                        return Err(CliError::invalid(format!(
                            "{} cannot be - (the file is updated in place)",
                            file.flag
                        )));
                    }
                    identity(&file.path)?
                }
            };
            for (other, other_id) in &seen {
                let both_inputs = file.role == Role::Input && other.role == Role::Input;
                if !both_inputs && id.same(other_id) {
                    return Err(same_file(file, other));
                }
            }
            seen.push((file, id));
        }
        for (file, id) in &seen {
            let output = matches!(file.role, Role::Output(_));
            if output && !self.force && matches!(id, Identity::Existing(..)) {
                return Err(exists(&file.path));
            }
        }
        if seen.iter().any(|(_, id)| *id == Identity::Stdout) {
            STDOUT_TAKEN.store(true, Ordering::Relaxed);
        }
        Ok(())
    }

    /// The identity of an output (`-`: stdout, for public outputs only).
    fn output_identity(&self, file: &Planned, secrecy: Secrecy) -> CliResult<Identity> {
        if is_stdout(&file.path) {
            return match secrecy {
                Secrecy::Public => Ok(Identity::Stdout),
                Secrecy::Secret => Err(CliError::invalid(format!(
                    "{} cannot be - (a secret file is never written to stdout)",
                    file.flag
                ))),
            };
        }
        identity(&file.path)
    }
}

/// The error for two planned paths that are one file.
fn same_file(file: &Planned, other: &Planned) -> CliError {
    let (written, first) = if file.role == Role::Input {
        (other, file)
    } else {
        (file, other)
    };
    let what = match first.role {
        Role::Output(_) => "another output",
        Role::Input | Role::Update => "an input",
    };
    CliError::invalid(format!(
        "{} ({}) is the same file as {} ({}), {what} of this command: not overwritten",
        written.path.display(),
        written.flag,
        first.path.display(),
        first.flag
    ))
}

/// The refusal to overwrite `path` without `--force`.
fn exists(path: &Path) -> CliError {
    CliError::invalid(format!(
        "{} exists (use --force to overwrite)",
        path.display()
    ))
}

/// The identity of an input, if it exists.
fn input_identity(path: &Path) -> Option<Identity> {
    if is_stdout(path) {
        return None;
    }
    let meta = fs::metadata(path).ok()?;
    Some(existing(path, &meta))
}

/// The identity of an existing file from its metadata.
fn existing(path: &Path, meta: &fs::Metadata) -> Identity {
    let canonical = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Identity::Existing(meta.dev(), meta.ino(), canonical)
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        Identity::Existing(0, 0, canonical)
    }
}

/// The identity of a file to write: an existing regular file (through symbolic links), or a
/// missing one. Anything else is refused.
fn identity(path: &Path) -> CliResult<Identity> {
    match fs::metadata(path) {
        Ok(meta) if meta.is_file() => Ok(existing(path, &meta)),
        Ok(_) => Err(not_regular(path)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if fs::symlink_metadata(path).is_ok() {
                return Err(CliError::invalid(format!(
                    "{} is a symbolic link to a missing file: not written",
                    path.display()
                )));
            }
            Ok(Identity::Missing(missing_target(path)))
        }
        Err(source) => Err(CliError::Io {
            action: "cannot inspect",
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// The refusal to write something that is not a regular file.
fn not_regular(path: &Path) -> CliError {
    CliError::invalid(format!(
        "{} is not a regular file: not written",
        path.display()
    ))
}

/// A missing file's path with its directory canonicalized (as given if the directory is
/// missing too).
fn missing_target(path: &Path) -> PathBuf {
    let name = path.file_name().unwrap_or_default();
    match path.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(parent) => fs::canonicalize(parent)
            .map(|p| p.join(name))
            .unwrap_or_else(|_| path.to_path_buf()),
        None => std::env::current_dir()
            .and_then(fs::canonicalize)
            .map(|d| d.join(name))
            .unwrap_or_else(|_| path.to_path_buf()),
    }
}

/// Where a write of `path` lands: the file a symbolic link points to (which must be a
/// regular file), or `path` itself. Returns the target and whether it exists.
fn write_target(path: &Path) -> CliResult<(PathBuf, bool)> {
    match identity(path)? {
        Identity::Existing(..) => {
            let target = fs::canonicalize(path).map_err(|source| CliError::Io {
                action: "cannot resolve",
                path: path.to_path_buf(),
                source,
            })?;
            Ok((target, true))
        }
        _ => Ok((path.to_path_buf(), false)),
    }
}

/// Writes a library document as an output of a checked [`FilePlan`] (`force`: replace an
/// existing file; `-`: stdout).
pub fn write_doc<T: JsonDocument>(
    path: &Path,
    doc: &T,
    secrecy: Secrecy,
    force: bool,
) -> CliResult {
    let text = doc.to_json()?;
    write_output(path, &text, secrecy, force)
}

/// Writes a library document over the updated file `path` (or creates it), atomically and
/// through symbolic links.
pub fn update_doc<T: JsonDocument>(path: &Path, doc: &T, secrecy: Secrecy) -> CliResult {
    let text = doc.to_json()?;
    let (target, _) = write_target(path)?;
    replace_text(&target, &text, secrecy)
}

/// Writes `text` as an output: to stdout for `-`, else as a new file (refusing an existing
/// one, even one made since the check) or, with `force`, replacing it atomically.
pub fn write_output(path: &Path, text: &str, secrecy: Secrecy, force: bool) -> CliResult {
    if is_stdout(path) && secrecy == Secrecy::Public {
        return write_stdout(text);
    }
    let (target, found) = write_target(path)?;
    match (found, force) {
        (true, false) => Err(exists(path)),
        (true, true) => replace_text(&target, text, secrecy),
        (false, _) => create_text(&target, text, secrecy),
    }
}

/// Writes `text` and a newline to stdout.
fn write_stdout(text: &str) -> CliResult {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush())
        .map_err(|source| CliError::Io {
            action: "cannot write",
            path: PathBuf::from("-"),
            source,
        })
}

/// The temporary file beside `path` for `purpose`.
fn temp_path(path: &Path, purpose: &str) -> PathBuf {
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(path.file_name().unwrap_or_default());
    tmp_name.push(format!(".{}.{purpose}.tmp", std::process::id()));
    path.with_file_name(tmp_name)
}

/// The error constructor for an I/O failure on `path`.
fn io_error<'a>(path: &'a Path, action: &'static str) -> impl Fn(std::io::Error) -> CliError + 'a {
    move |source| CliError::Io {
        action,
        path: path.to_path_buf(),
        source,
    }
}

/// Writes `text` and a final newline to a fresh temporary file beside `path`, synced.
fn write_temp(path: &Path, text: &str, secrecy: Secrecy, purpose: &str) -> CliResult<PathBuf> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent).map_err(io_error(path, "cannot create the directory of"))?;
    }
    let tmp = temp_path(path, purpose);
    let result = (|| {
        let mut file = open_new(&tmp, secrecy).map_err(io_error(path, "cannot create"))?;
        file.write_all(text.as_bytes())
            .and_then(|()| file.write_all(b"\n"))
            .and_then(|()| file.sync_all())
            .map_err(io_error(path, "cannot write"))
    })();
    match result {
        Ok(()) => Ok(tmp),
        Err(e) => {
            let _ = fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// Replaces `path` (a regular file, or missing) with `text` atomically: a temporary file
/// beside it, then a rename. On failure the previous content is untouched.
pub fn replace_text(path: &Path, text: &str, secrecy: Secrecy) -> CliResult {
    let tmp = write_temp(path, text, secrecy, "new")?;
    fs::rename(&tmp, path).map_err(|source| {
        let _ = fs::remove_file(&tmp);
        CliError::Io {
            action: "cannot write",
            path: path.to_path_buf(),
            source,
        }
    })
}

/// Creates `path` with `text`, refusing an existing file even if made since a check: a hard
/// link of a finished temporary file fails if `path` exists.
fn create_text(path: &Path, text: &str, secrecy: Secrecy) -> CliResult {
    let tmp = write_temp(path, text, secrecy, "create")?;
    let linked = fs::hard_link(&tmp, path);
    let _ = fs::remove_file(&tmp);
    match linked {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(exists(path)),
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
    options.write(true).create_new(true);
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
    let _ = fs::remove_file(path);
    options.open(path)
}
