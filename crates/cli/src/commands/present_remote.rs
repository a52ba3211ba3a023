//! `zkcred present --request-uri URL`: the wallet side of the gateway's flow (OpenID4VP
//! shaped, `docs/GATEWAY.md`): fetch the request object by reference, fetch each Groth16 key
//! it names and check it against its digest, answer with the wallet (the request's signature
//! and scope against the verifier registry, its window, each key's structure), and post the
//! presentation to the object's `response_uri` (direct post).
//!
//! Every URL the object names (keys, `response_uri`) must have the request URI's origin:
//! a request object cannot send the presentation, or the wallet's key fetches, elsewhere
//! (`zkcred_bindings_core::request_object`, the rules every zkcred wallet applies).
//! Responses are read up to the library's document limits, so a hostile server costs at most
//! that much.

use crate::commands::present::{answer, summary};
use crate::commands::wallet;
use crate::error::{CliError, CliResult};
use crate::files::{read_doc, write_doc, FilePlan, Secrecy};
use serde::Deserialize;
use std::path::Path;
use std::time::Duration;
use zkcred::credential::json::MAX_DOCUMENT_BYTES;
use zkcred::credential::keyset::MAX_KEY_SET_BYTES;
use zkcred::credential::{
    JsonDocument, PredicateKeySet, SignedRequest, TrustRegistry, VerifierRegistry,
};
use zkcred_bindings_core::request_object::{read_key, read_request_object};
use zkcred_bindings_core::ApiError;

/// The request object as `read_request_object` returns it: every URL absolute and on the
/// request URI's origin.
#[derive(Debug, Deserialize)]
struct RequestObject {
    /// The request, signed by the verifier (JSON text).
    signed_request: String,
    /// The keys of its predicates, by digest.
    keys: Vec<KeyRef>,
    /// Where to post the presentation.
    response_uri: String,
}

/// One key of a [`RequestObject`].
#[derive(Debug, Deserialize)]
struct KeyRef {
    /// SHA-256 digest of the key pair (`KeyDigest`), hex.
    digest: String,
    /// Where the key document is.
    uri: String,
}

/// Runs `present --request-uri`; `issuers`: the holder's trust registry (hidden issuers' keys);
/// `out`: where to keep a copy of the presentation posted.
pub fn run(
    uri: &str,
    wallet_path: &Path,
    verifiers_path: &Path,
    issuers: &TrustRegistry,
    out: Option<&Path>,
    force: bool,
) -> CliResult {
    let mut plan = FilePlan::new(force)
        .input("--wallet", wallet_path)
        .input("--verifiers", verifiers_path);
    if let Some(out) = out {
        plan = plan.output("--out", out, Secrecy::Public);
    }
    plan.check()?;
    let w = wallet::load(wallet_path)?;
    let verifiers: VerifierRegistry = read_doc(verifiers_path)?;
    let agent = agent();
    let object_text = get(&agent, uri, MAX_DOCUMENT_BYTES)?;
    let object: RequestObject = read_request_object(uri, &object_text)
        .and_then(|read| serde_json::from_str(&read).map_err(|e| ApiError::invalid(e.to_string())))
        .map_err(|e| in_uri(uri, e))?;
    let signed = SignedRequest::from_json(&object.signed_request)
        .map_err(|e| CliError::from(e).in_file(Path::new(uri)))?;
    let keys = fetch_keys(&agent, &object.keys)?;
    let holder_keys = keys.holder_keys()?;
    let response_uri = object.response_uri;
    let presentation = answer(&w, &signed, &verifiers, issuers, &holder_keys)
        .map_err(|e| CliError::from(e).in_file(Path::new(uri)))?;
    if let Some(out) = out {
        write_doc(out, &presentation, Secrecy::Public, force)?;
    }
    let (status, body) = post_json(&agent, &response_uri, &presentation.to_json()?)?;
    if !(200..300).contains(&status) {
        return Err(CliError::invalid(format!(
            "{response_uri}: the gateway refused the presentation ({status}): {}",
            zkcred::credential::clip(&body)
        )));
    }
    say!("{}", summary(&signed, &presentation, &response_uri));
    say!(
        "accepted by the gateway: {}",
        zkcred::credential::clip(&body)
    );
    Ok(())
}

/// Fetches every key (the object names at most `MAX_CIRCUIT_KEYS`: `read_request_object`),
/// each a one-pair key set whose `KeyDigest` must be the digest the request object names.
fn fetch_keys(agent: &ureq::Agent, refs: &[KeyRef]) -> CliResult<PredicateKeySet> {
    let mut all = PredicateKeySet::default();
    for r in refs {
        let text = get(agent, &r.uri, MAX_KEY_SET_BYTES)?;
        all.keys
            .push(read_key(&text, &r.digest).map_err(|e| in_uri(&r.uri, e))?);
    }
    Ok(all)
}

/// A refusal about the document at `uri`.
fn in_uri(uri: &str, e: ApiError) -> CliError {
    CliError::invalid(format!("{uri}: {}", e.message))
}

/// An HTTP client with timeouts that returns error statuses as responses (their bodies
/// carry the gateway's error message).
fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into()
}

/// The body of `GET uri` (2xx only), at most `limit` bytes.
fn get(agent: &ureq::Agent, uri: &str, limit: usize) -> CliResult<String> {
    let fail = |e: ureq::Error| CliError::invalid(format!("{uri}: {e}"));
    let response = agent.get(uri).call().map_err(fail)?;
    let (status, body) = status_and_body(response, limit).map_err(fail)?;
    if !(200..300).contains(&status) {
        return Err(CliError::invalid(format!(
            "{uri}: {status}: {}",
            zkcred::credential::clip(&body)
        )));
    }
    Ok(body)
}

/// `POST uri` with a JSON body; the status and the body (at most 64 KiB).
fn post_json(agent: &ureq::Agent, uri: &str, body: &str) -> CliResult<(u16, String)> {
    let fail = |e: ureq::Error| CliError::invalid(format!("{uri}: {e}"));
    let response = agent
        .post(uri)
        .header("Content-Type", "application/json")
        .send(body)
        .map_err(fail)?;
    status_and_body(response, 64 << 10).map_err(fail)
}

/// A response's status and its body as text, read up to `limit` bytes.
fn status_and_body(
    mut response: ureq::http::Response<ureq::Body>,
    limit: usize,
) -> Result<(u16, String), ureq::Error> {
    let status = response.status().as_u16();
    let body = response
        .body_mut()
        .with_config()
        .limit(limit as u64)
        .read_to_string()?;
    Ok((status, body))
}
