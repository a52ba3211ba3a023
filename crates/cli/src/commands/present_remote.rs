//! `zkcred present --request-uri URL`: the wallet side of the gateway's flow (OpenID4VP
//! shaped, `docs/GATEWAY.md`): fetch the request object by reference, fetch each Groth16 key
//! it names and check it against its digest, answer with the wallet (the request's signature
//! and scope against the verifier registry, its window, each key's structure), and post the
//! presentation to the object's `response_uri` (direct post).
//!
//! Every URL the object names (keys, `response_uri`) must have the request URI's origin:
//! a request object cannot send the presentation, or the wallet's key fetches, elsewhere.
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
use zkcred::credential::keyset::{MAX_CIRCUIT_KEYS, MAX_KEY_SET_BYTES};
use zkcred::credential::{
    JsonDocument, PredicateKeySet, SignedRequest, TrustRegistry, VerifierRegistry,
};
use zkcred::snark::KeyDigest;

/// What the wallet reads of the gateway's request object (other fields are ignored).
#[derive(Debug, Deserialize)]
struct RequestObject {
    /// The request, signed by the verifier.
    signed_request: serde_json::Value,
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
    let origin = origin(uri)?;
    let w = wallet::load(wallet_path)?;
    let verifiers: VerifierRegistry = read_doc(verifiers_path)?;
    let agent = agent();
    let object: RequestObject = serde_json::from_str(&get(&agent, uri, MAX_DOCUMENT_BYTES)?)
        .map_err(|e| CliError::invalid(format!("{uri}: not a request object: {e}")))?;
    let signed = SignedRequest::from_json(&object.signed_request.to_string())
        .map_err(|e| CliError::from(e).in_file(Path::new(uri)))?;
    let keys = fetch_keys(&agent, &origin, &object.keys)?;
    let holder_keys = keys.holder_keys()?;
    let response_uri = same_origin(&origin, &object.response_uri)?;
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

/// Fetches every key (at most [`MAX_CIRCUIT_KEYS`]), each a one-pair key set whose
/// [`KeyDigest`] must be the digest the request object names.
fn fetch_keys(agent: &ureq::Agent, origin: &str, refs: &[KeyRef]) -> CliResult<PredicateKeySet> {
    if refs.len() > MAX_CIRCUIT_KEYS {
        return Err(CliError::invalid(format!(
            "the request object names {} keys, more than the {MAX_CIRCUIT_KEYS} allowed",
            refs.len()
        )));
    }
    let mut all = PredicateKeySet::default();
    for r in refs {
        let uri = same_origin(origin, &r.uri)?;
        let set = PredicateKeySet::from_json(&get(agent, &uri, MAX_KEY_SET_BYTES)?)
            .map_err(|e| CliError::from(e).in_file(Path::new(&uri)))?;
        let [pair] = set.keys.as_slice() else {
            return Err(CliError::invalid(format!("{uri}: expected one key pair")));
        };
        let digest = hex::encode(KeyDigest::of(&pair.proving_key, &pair.verifying_key).as_bytes());
        if !digest.eq_ignore_ascii_case(&r.digest) {
            return Err(CliError::invalid(format!(
                "{uri}: the key's digest is {digest}, not the {} the request object names",
                zkcred::credential::clip(&r.digest)
            )));
        }
        all.keys.push(pair.clone());
    }
    Ok(all)
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

/// `scheme://authority` of an `http(s)` URI.
fn origin(uri: &str) -> CliResult<String> {
    let bad = || CliError::invalid(format!("--request-uri {uri}: expected an http(s) URL"));
    let (scheme, rest) = uri.split_once("://").ok_or_else(bad)?;
    if scheme != "http" && scheme != "https" {
        return Err(bad());
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.is_empty() {
        return Err(bad());
    }
    Ok(format!("{scheme}://{authority}"))
}

/// `uri` made absolute against `origin` (a path starting with `/`), refused if it names
/// another origin.
fn same_origin(origin: &str, uri: &str) -> CliResult<String> {
    let absolute = if uri.starts_with('/') && !uri.starts_with("//") {
        format!("{origin}{uri}")
    } else {
        uri.to_owned()
    };
    let ok = absolute
        .strip_prefix(origin)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['/', '?', '#']));
    if ok {
        Ok(absolute)
    } else {
        Err(CliError::invalid(format!(
            "the request object names {}, not on the request's origin {origin}: refused",
            zkcred::credential::clip(uri)
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_compared_exactly() {
        let o = origin("https://gw.example:8443/v1/requests/ab").unwrap();
        assert_eq!(o, "https://gw.example:8443");
        assert_eq!(
            same_origin(&o, "/v1/keys/aa").unwrap(),
            "https://gw.example:8443/v1/keys/aa"
        );
        assert!(same_origin(&o, "https://gw.example:8443/v1/responses/1").is_ok());
        for other in [
            "https://gw.example:8443.evil/x",
            "https://evil.example/v1/responses/1",
            "http://gw.example:8443/v1/responses/1",
            "//evil.example/x",
        ] {
            assert!(same_origin(&o, other).is_err(), "{other}");
        }
        assert!(origin("ftp://x/").is_err());
        assert!(origin("https:///x").is_err());
    }
}
