//! `zkcred request new`: the verifier's signed presentation request (fresh nonce) from a spec
//! file, and the Groth16 keys of its predicates.
//!
//! The verifier id is the one of `--verifier-key`, which signs the request; a scope the
//! verifier does not own is refused here already (every wallet would refuse it).
//! The spec is the request without `version`, `verifier_id`, `nonce`, `made_at` and
//! `valid_until` (the request is made now and valid for `--valid-for`, default 1 hour, at
//! most 7 days; every credential must be valid on the UTC date of `made_at`, see
//! `zkcred::credential::validity`), with each credential's schema named by `schema` (a schema
//! name or a 64-hex-digit id, looked up in `--schemas`); any `"today": "today"` becomes the
//! request's date. The spec has its own format version (`docs/FORMATS.md`, "Request spec"),
//! required and checked before anything else ([`crate::input_file`]):
//!
//! ```json
//! {
//!   "version": 1,
//!   "credentials": [
//!     { "label": "identity", "schema": "vn.commune.identity",
//!       "accepted_issuers": { "tiers": ["commune"] },
//!       "predicates": [ { "attribute": "birth_date",
//!                         "predicate": { "age_at_least": { "years": 18, "today": "today" } } } ] }
//!   ],
//!   "pseudonym_scope": "clinic-visits"
//! }
//! ```
//!
//! `same_holder` is `true` when absent (credentials asked for together must be one holder's);
//! write `"same_holder": false` to opt out.

use crate::cli::{RequestCommand, RequestNewArgs};
use crate::commands::schema::load_schemas;
use crate::dates::now;
use crate::duration::parse_duration;
use crate::error::{CliError, CliResult};
use crate::files::{read_doc, read_text, update_doc, write_doc, FilePlan, Secrecy};
use crate::update_lock::UpdateLock;
use std::collections::BTreeMap;
use std::path::Path;
use zkcred::credential::window::format_duration;
pub use zkcred::credential::RequestSpec;
use zkcred::credential::{
    Date, PredicateKeySet, PresentationRequest, RequestAuthError, RequestWindow, Schema, SchemaId,
    SignedRequest, SpecError, TrustRegistry, VerifierKey, VerifierSetup, MAX_REQUEST_LIFETIME,
};

/// Runs `zkcred request ...`.
pub fn run(cmd: RequestCommand, force: bool) -> CliResult {
    match cmd {
        RequestCommand::New(args) => new(args, force),
    }
}

/// `zkcred request new` (`force`: the request may replace an existing file). `--keys` is the
/// verifier's key set, kept across requests: read if it exists, extended with a setup for
/// each circuit it lacks (never a key replaced, so presentations for earlier requests keep
/// verifying), written back only if a key was added.
fn new(args: RequestNewArgs, force: bool) -> CliResult {
    FilePlan::new(force)
        .input("--verifier-key", &args.verifier_key)
        .input("--spec", &args.spec)
        .inputs("--schemas", &args.schemas)
        .inputs("--registry", args.registry.as_slice())
        .output("--out", &args.out, Secrecy::Public)
        .update("--keys", &args.keys)
        .check()?;
    let window = window_from_now(&args.valid_for)?;
    let verifier: VerifierKey = read_doc(&args.verifier_key)?;
    let schemas = load_schemas(&args.schemas)?;
    let registry: Option<TrustRegistry> = args.registry.as_deref().map(read_doc).transpose()?;
    let text = read_text(&args.spec)?;
    let spec = parse_spec(&text, window.date()).map_err(|e| e.in_file(&args.spec))?;
    check_scope(&verifier, &spec).map_err(|e| e.in_file(&args.spec))?;
    let request = build_request(
        verifier.id(),
        spec,
        window,
        &schemas,
        registry.as_ref(),
        &mut rand::rngs::OsRng,
    )
    .map_err(|e| e.in_file(&args.spec))?;
    let used: Vec<Schema> = schemas.into_values().collect();
    let _lock = UpdateLock::acquire(&args.keys)?;
    let (keys, kept, added) = extend_keys(&args.keys, &request, &used, &args.spec)?;
    let signed = SignedRequest::sign(request, &verifier)
        .map_err(|e| CliError::from(e).in_file(&args.spec))?;
    let request = signed.request();
    // The keys first: a published request must never name a circuit whose key is not on disk.
    if added > 0 || !args.keys.exists() {
        update_doc(&args.keys, &keys, Secrecy::Public)?;
    }
    write_doc(&args.out, &signed, Secrecy::Public, force)?;
    say!(
        "request {} signed by '{}' ({} credentials): {}",
        request.id(),
        request.verifier_id,
        request.credentials.len(),
        args.out.display(),
    );
    say!(
        "keys {}: {} circuits ({kept} reused, {added} new)",
        args.keys.display(),
        keys.keys.len()
    );
    say!(
        "valid from {} until {} (UTC, {}): answers after that are refused as expired",
        request.window.made_at,
        request.window.valid_until,
        format_duration(request.window.lifetime())
    );
    Ok(())
}

/// Refuses a pseudonym scope the verifier does not own (every wallet would refuse it).
fn check_scope(verifier: &VerifierKey, spec: &RequestSpec) -> CliResult {
    match &spec.pseudonym_scope {
        Some(scope) if !verifier.public_info().owns_scope(scope) => {
            Err(CliError::from(RequestAuthError::ScopeNotOwned {
                verifier: verifier.id().to_owned(),
                scope: scope.clone(),
                owner: None,
            }))
        }
        _ => Ok(()),
    }
}

/// The key set at `path` (empty if missing) with a setup for every circuit of `request` it
/// lacks; returns the set and how many keys were kept and added. A predicate that cannot be
/// compiled is blamed on `spec` (the schemas only resolve its names).
fn extend_keys(
    path: &Path,
    request: &PresentationRequest,
    schemas: &[Schema],
    spec: &Path,
) -> CliResult<(PredicateKeySet, usize, usize)> {
    let mut setup = if path.exists() {
        let published: PredicateKeySet = read_doc(path)?;
        VerifierSetup::from_key_set(&published).map_err(|e| CliError::from(e).in_file(path))?
    } else {
        VerifierSetup::new()
    };
    let kept = setup.len();
    setup
        .add_request(request, schemas, &mut rand::rngs::OsRng)
        .map_err(|e| CliError::from(e).in_file(spec))?;
    let added = setup.len() - kept;
    Ok((setup.key_set(), kept, added))
}

/// The window of a request made now and valid for `valid_for` (`--valid-for`): a duration
/// of more than zero and at most [`MAX_REQUEST_LIFETIME`].
fn window_from_now(valid_for: &str) -> CliResult<RequestWindow> {
    let lifetime = parse_duration("--valid-for", valid_for)?;
    if lifetime > MAX_REQUEST_LIFETIME {
        return Err(CliError::invalid(format!(
            "--valid-for {valid_for}: at most {} (a verifier keeps each nonce until its \
             request expires)",
            format_duration(MAX_REQUEST_LIFETIME)
        )));
    }
    Ok(RequestWindow::starting(now()?, lifetime)?)
}

/// Parses a spec (version first), replacing every `"today": "today"` with `today` (the
/// request's date): [`RequestSpec::parse`].
pub fn parse_spec(text: &str, today: Date) -> CliResult<RequestSpec> {
    RequestSpec::parse(text, today).map_err(spec_error)
}

/// The request of `spec` answerable in `window`, with a fresh nonce; schemas are resolved
/// by name or id among `--schemas` ([`RequestSpec::build`]); with the verifier's trust
/// registry (`--registry`), hidden issuers' sets are resolved from it
/// ([`RequestSpec::build_with_registry`]).
pub fn build_request<R: rand::RngCore + rand::CryptoRng>(
    verifier_id: &str,
    spec: RequestSpec,
    window: RequestWindow,
    schemas: &BTreeMap<SchemaId, Schema>,
    registry: Option<&TrustRegistry>,
    rng: &mut R,
) -> CliResult<PresentationRequest> {
    match registry {
        Some(r) => spec.build_with_registry(verifier_id, window, schemas, r, rng),
        None => spec.build(verifier_id, window, schemas, rng),
    }
    .map_err(spec_error)
}

/// A [`SpecError`] as the command reports it (schemas come from `--schemas`).
fn spec_error(e: SpecError) -> CliError {
    match e {
        SpecError::Document(e) => e.into(),
        SpecError::UnknownSchema(name) => {
            CliError::invalid(format!("unknown schema '{name}' (not among --schemas)"))
        }
        SpecError::AmbiguousSchema(name) => CliError::invalid(format!(
            "schema name '{name}' is ambiguous among --schemas: give the schema id"
        )),
        other => CliError::invalid(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use zkcred::credential::PredicateSpec;

    #[test]
    fn today_is_filled_in_and_dates_are_kept() {
        let today = Date::new(2026, 11, 30).unwrap();
        let spec = parse_spec(
            r#"{"version": 1, "credentials": [{"label": "a", "schema": "s", "predicates": [
                {"attribute": "birth_date", "predicate": {"age_at_least": {"years": 18, "today": "today"}}},
                {"attribute": "expires_on", "predicate": {"not_expired": {"today": "2030-01-01"}}}]}]}"#,
            today,
        )
        .unwrap();
        let p = &spec.credentials[0].predicates;
        assert_eq!(
            p[0].predicate,
            PredicateSpec::AgeAtLeast { years: 18, today }
        );
        assert!(p[1].describe().contains("2030-01-01"));
    }

    #[test]
    fn unknown_fields_are_refused() {
        let e = parse_spec(
            r#"{"version": 1, "credentials": [], "colour": 1}"#,
            Date::new(2026, 1, 1).unwrap(),
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("unknown field `colour`"), "{e}");
    }

    #[test]
    fn specs_are_versioned() {
        let day = Date::new(2026, 1, 1).unwrap();
        let e = parse_spec(r#"{"credentials": []}"#, day)
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("missing format version of the request spec"),
            "{e}"
        );
        assert!(e.contains("add \"version\": 1"), "{e}");
        // Checked before the shape: a later version is refused for its version.
        let e = parse_spec(r#"{"version": 2, "credentials": [], "colour": 1}"#, day)
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("unsupported format version 2 of the request spec"),
            "{e}"
        );
    }
}
