//! What the gateway verifies with: its verifier key and Groth16 keys (loaded once), and the
//! trust registry, schemas and request templates (files, reloaded without a restart: a new
//! [`Catalog`] replaces the old one only if all of it loads and every template can be
//! asked for).

use crate::store::KeyRef;
use crate::verify::DeferredNonces;
use axum::body::Bytes;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};
use zkcred::bbs::Ciphersuite;
use zkcred::credential::{
    message_context, JsonDocument, PredicateKeySet, PresentationError, PresentationRequest,
    RequestSpec, RequestWindow, Schema, SchemaId, Timestamp, TrustRegistry, Verifier, VerifierKey,
    VerifierSetup, MAX_DOCUMENT_BYTES,
};
use zkcred::predicate::VerifierKeys;
use zkcred::snark::{CircuitId, KeyDigest};

/// A file or directory that could not be loaded; the message names it.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct LoadError(pub String);

fn in_file(path: &Path, e: impl std::fmt::Display) -> LoadError {
    LoadError(format!("{}: {e}", path.display()))
}

/// Reads a document of type `T` from `path`.
pub fn read_doc<T: JsonDocument>(path: &Path) -> Result<T, LoadError> {
    let text = std::fs::read_to_string(path).map_err(|e| in_file(path, e))?;
    T::from_json(&text).map_err(|e| in_file(path, e))
}

/// A template name: 1-64 of `a-z 0-9 _ -` (the file is `NAME.json`).
pub fn is_template_name(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name
            .bytes()
            .all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'_' | b'-'))
}

/// The `*.json` files of `dir`, sorted.
fn json_files(dir: &Path) -> Result<Vec<PathBuf>, LoadError> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| in_file(dir, e))? {
        let path = entry.map_err(|e| in_file(dir, e))?.path();
        if path.extension().is_some_and(|e| e == "json") && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// The registry, schemas and templates as read from their files.
#[derive(Clone, Debug)]
pub struct Sources {
    /// The trust registry.
    pub registry: TrustRegistry,
    /// The schemas by id.
    pub schemas: BTreeMap<SchemaId, Schema>,
    /// The templates by name: request specs as JSON (their `"today"` is filled in per
    /// session).
    pub templates: BTreeMap<String, serde_json::Value>,
    /// What the files looked like when read (to notice changes).
    pub stamp: FileStamp,
}

/// Names, sizes and modification times of the source files.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileStamp(Vec<(PathBuf, u64, Option<SystemTime>)>);

impl FileStamp {
    /// The stamp of the registry file and of the schema and template directories now.
    pub fn of(registry: &Path, schemas: &Path, templates: &Path) -> Self {
        let mut files = vec![registry.to_path_buf()];
        for dir in [schemas, templates] {
            files.extend(json_files(dir).unwrap_or_default());
        }
        FileStamp(
            files
                .into_iter()
                .map(|p| {
                    let meta = std::fs::metadata(&p).ok();
                    let len = meta.as_ref().map_or(0, |m| m.len());
                    let modified = meta.and_then(|m| m.modified().ok());
                    (p, len, modified)
                })
                .collect(),
        )
    }
}

impl Sources {
    /// Reads the trust registry file, the schema directory and the template directory.
    pub fn load(
        registry: &Path,
        schemas_dir: &Path,
        templates_dir: &Path,
    ) -> Result<Self, LoadError> {
        let stamp = FileStamp::of(registry, schemas_dir, templates_dir);
        let registry_doc: TrustRegistry = read_doc(registry)?;
        let mut schemas = BTreeMap::new();
        for file in json_files(schemas_dir)? {
            let schema: Schema = read_doc(&file)?;
            schemas.insert(*schema.id(), schema);
        }
        let today = Timestamp::now()
            .map_err(|e| LoadError(e.to_string()))?
            .date();
        let mut templates = BTreeMap::new();
        for file in json_files(templates_dir)? {
            let name = file
                .file_stem()
                .and_then(|s| s.to_str())
                .filter(|s| is_template_name(s))
                .ok_or_else(|| {
                    in_file(
                        &file,
                        "a template file is NAME.json, NAME 1-64 of a-z 0-9 _ -",
                    )
                })?
                .to_owned();
            let text = std::fs::read_to_string(&file).map_err(|e| in_file(&file, e))?;
            if text.len() > MAX_DOCUMENT_BYTES {
                return Err(in_file(&file, "larger than 1 MiB"));
            }
            let value: serde_json::Value =
                serde_json::from_str(&text).map_err(|e| in_file(&file, e))?;
            // The shape is checked now (with any date); the template is built per session.
            RequestSpec::from_value(value.clone(), today).map_err(|e| in_file(&file, e))?;
            templates.insert(name, value);
        }
        Ok(Self {
            registry: registry_doc,
            schemas,
            templates,
            stamp,
        })
    }
}

/// The circuits whose keys `request` needs: those of every statement, the validity defaults
/// included, compiled on the request's date.
pub fn request_circuits(
    request: &PresentationRequest,
    schemas: &BTreeMap<SchemaId, Schema>,
) -> Result<BTreeSet<CircuitId>, PresentationError> {
    let ctx = message_context(Ciphersuite::Bls12381Sha256)?;
    let mut ids = BTreeSet::new();
    for c in &request.credentials {
        let schema = schemas
            .get(&c.schema_id)
            .ok_or_else(|| PresentationError::UnknownSchema(c.schema_id.to_string()))?;
        let compiled = c.compile(schema, &ctx, request.date())?;
        for st in &compiled.statements {
            let id = st
                .predicate
                .circuit_id()
                .map_err(|e| PresentationError::InvalidRequest(format!("'{}': {e}", c.label)))?;
            ids.insert(id);
        }
    }
    Ok(ids)
}

/// The request a template (or inline spec) makes for `verifier` at `now`, valid for `ttl`.
/// A credential with `"hide_issuer": true` is hidden among the issuers of `registry` (the
/// gateway's trust registry) that its policy accepts and that are authorised for its schema
/// ([`RequestSpec::build_with_registry`]); a set that cannot be resolved (no such issuer,
/// one without a hiding key, more than the proof takes) refuses the spec.
pub fn build_request(
    spec: serde_json::Value,
    verifier: &VerifierKey,
    schemas: &BTreeMap<SchemaId, Schema>,
    registry: &TrustRegistry,
    now: Timestamp,
    ttl: Duration,
) -> Result<PresentationRequest, String> {
    let window = RequestWindow::starting(now, ttl).map_err(|e| e.to_string())?;
    let spec = RequestSpec::from_value(spec, window.date()).map_err(|e| e.to_string())?;
    if let Some(scope) = &spec.pseudonym_scope {
        if !verifier.public_info().owns_scope(scope) {
            return Err(format!(
                "pseudonym scope '{}' is not one of verifier '{}'s scopes",
                zkcred::credential::clip(scope),
                verifier.id()
            ));
        }
    }
    spec.build_with_registry(
        verifier.id(),
        window,
        schemas,
        registry,
        &mut rand::rngs::OsRng,
    )
    .map_err(|e| e.to_string())
}

/// The gateway's Groth16 keys: prepared for verification, and each pair as the document
/// wallets fetch at `/v1/keys/{digest}`.
pub struct Keys {
    /// The prepared verifying keys.
    pub verifier_keys: VerifierKeys,
    /// Per circuit, its key's reference.
    pub by_circuit: BTreeMap<CircuitId, KeyRef>,
    /// Per digest (hex), the key set document with that one pair.
    pub documents: HashMap<String, Bytes>,
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keys")
            .field("circuits", &self.by_circuit.len())
            .finish_non_exhaustive()
    }
}

impl Keys {
    /// The keys of `set`.
    pub fn of(set: &PredicateKeySet) -> Result<Self, LoadError> {
        let mut by_circuit = BTreeMap::new();
        let mut documents = HashMap::new();
        for pair in &set.keys {
            let digest =
                hex::encode(KeyDigest::of(&pair.proving_key, &pair.verifying_key).as_bytes());
            let doc = PredicateKeySet {
                keys: vec![pair.clone()],
            }
            .to_json()
            .map_err(|e| LoadError(format!("cannot write a key document: {e}")))?;
            documents.insert(digest.clone(), Bytes::from(doc));
            by_circuit.insert(
                pair.circuit_id,
                KeyRef {
                    circuit_id: pair.circuit_id.to_string(),
                    digest,
                },
            );
        }
        Ok(Self {
            verifier_keys: set.verifier_keys(),
            by_circuit,
            documents,
        })
    }

    /// The references of `circuits`, or the first circuit without a key.
    pub fn refs(&self, circuits: &BTreeSet<CircuitId>) -> Result<Vec<KeyRef>, CircuitId> {
        circuits
            .iter()
            .map(|id| self.by_circuit.get(id).cloned().ok_or(*id))
            .collect()
    }
}

/// The requests of every template, made now (for key setup and checks).
fn template_requests(
    sources: &Sources,
    verifier: &VerifierKey,
    ttl: Duration,
) -> Result<Vec<(String, PresentationRequest)>, LoadError> {
    let now = Timestamp::now().map_err(|e| LoadError(e.to_string()))?;
    sources
        .templates
        .iter()
        .map(|(name, spec)| {
            build_request(
                spec.clone(),
                verifier,
                &sources.schemas,
                &sources.registry,
                now,
                ttl,
            )
            .map(|r| (name.clone(), r))
            .map_err(|e| LoadError(format!("template '{name}': {e}")))
        })
        .collect()
}

/// Runs a Groth16 setup in `setup` for every circuit the templates need that it lacks.
fn add_template_keys(
    setup: &mut VerifierSetup,
    sources: &Sources,
    verifier: &VerifierKey,
) -> Result<(), LoadError> {
    let schemas: Vec<Schema> = sources.schemas.values().cloned().collect();
    for (name, request) in template_requests(sources, verifier, Duration::from_secs(300))? {
        setup
            .add_request(&request, &schemas, &mut rand::rngs::OsRng)
            .map_err(|e| LoadError(format!("template '{name}': {e}")))?;
    }
    Ok(())
}

/// The key set at `path`. If the file is missing, makes a Groth16 setup for every circuit
/// the templates need and writes it (never replacing a file that appeared meanwhile: then
/// that one is read). An existing file is never written.
pub fn load_or_create_keys(
    path: &Path,
    sources: &Sources,
    verifier: &VerifierKey,
) -> Result<PredicateKeySet, LoadError> {
    if path.exists() {
        let set: PredicateKeySet = read_doc(path)?;
        VerifierSetup::from_key_set(&set).map_err(|e| in_file(path, e))?;
        return Ok(set);
    }
    let mut setup = VerifierSetup::new();
    add_template_keys(&mut setup, sources, verifier)?;
    let set = setup.key_set();
    let text = set
        .to_json()
        .map_err(|e| LoadError(format!("cannot write the key set: {e}")))?;
    match write_new(path, text.as_bytes()) {
        Ok(()) => {
            tracing::info!(path = %path.display(), circuits = set.keys.len(), "made the Groth16 key set");
            Ok(set)
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let set: PredicateKeySet = read_doc(path)?;
            Ok(set)
        }
        Err(e) => Err(in_file(path, e)),
    }
}

/// Adds keys for the circuits the templates need and the key set at `path` lacks, keeping
/// every key it has (presentations in flight keep verifying); returns how many were added.
/// The file is replaced atomically (temporary file, then a rename).
pub fn extend_keys(
    path: &Path,
    sources: &Sources,
    verifier: &VerifierKey,
) -> Result<usize, LoadError> {
    if !path.exists() {
        let set = load_or_create_keys(path, sources, verifier)?;
        return Ok(set.keys.len());
    }
    let set: PredicateKeySet = read_doc(path)?;
    let mut setup = VerifierSetup::from_key_set(&set).map_err(|e| in_file(path, e))?;
    let before = setup.len();
    add_template_keys(&mut setup, sources, verifier)?;
    let added = setup.len() - before;
    if added > 0 {
        let text = setup
            .key_set()
            .to_json()
            .map_err(|e| LoadError(format!("cannot write the key set: {e}")))?;
        let tmp = temp_beside(path);
        std::fs::write(&tmp, text.as_bytes()).map_err(|e| in_file(&tmp, e))?;
        std::fs::rename(&tmp, path).map_err(|e| in_file(path, e))?;
    }
    Ok(added)
}

fn temp_beside(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

/// Writes `bytes` to `path` only if no file is there: a complete temporary file is linked
/// into place (`AlreadyExists` if another process made the file first).
fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = temp_beside(path);
    {
        use std::io::Write;
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    let linked = std::fs::hard_link(&tmp, path);
    let _ = std::fs::remove_file(&tmp);
    linked
}

/// What sessions are made and verified with: the loaded [`Sources`] and a [`Verifier`] over
/// them.
pub struct Catalog {
    /// The sources.
    pub sources: Sources,
    /// The verifier (its nonce step is deferred to the store: [`DeferredNonces`]).
    pub verifier: Verifier,
}

impl std::fmt::Debug for Catalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalog")
            .field("issuers", &self.sources.registry.len())
            .field("schemas", &self.sources.schemas.len())
            .field("templates", &self.sources.templates.len())
            .finish()
    }
}

impl Catalog {
    /// A catalog of `sources`, if every template builds for `verifier`, its scope is the
    /// verifier's, and every circuit it needs has a key.
    pub fn new(
        sources: Sources,
        verifier: &VerifierKey,
        keys: &Keys,
        ttl: Duration,
    ) -> Result<Self, LoadError> {
        for (name, request) in template_requests(&sources, verifier, ttl)? {
            let circuits = request_circuits(&request, &sources.schemas)
                .map_err(|e| LoadError(format!("template '{name}': {e}")))?;
            keys.refs(&circuits).map_err(|id| {
                LoadError(format!(
                    "template '{name}' needs circuit {id}, which the key set lacks: run \
                     `zkcred-gateway extend-keys --config ...` and restart every replica"
                ))
            })?;
        }
        let verifier = Verifier::new(
            sources.registry.clone(),
            sources.schemas.values().cloned().collect(),
            keys.verifier_keys.clone(),
            Box::new(DeferredNonces),
        );
        Ok(Self { sources, verifier })
    }
}

/// The loaded key material, shared by every catalog.
pub type SharedKeys = Arc<Keys>;
