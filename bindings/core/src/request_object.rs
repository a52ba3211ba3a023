//! The gateway's request object (`docs/GATEWAY.md`: a request by reference, OpenID4VP
//! shaped) as a wallet reads it: the signed request, the keys by digest, where to post the
//! answer. Every URL it names must have the request URI's origin, so an object cannot send
//! the presentation, or the wallet's key fetches, elsewhere; each key fetched must have the
//! digest the object names.

use crate::docs::read;
use crate::error::{ApiError, ApiResult, ErrorKind};
use serde::Deserialize;
use serde_json::json;
use zkcred::credential::keyset::MAX_CIRCUIT_KEYS;
use zkcred::credential::{clip, CircuitKeys, PredicateKeySet, SignedRequest, MAX_DOCUMENT_BYTES};
use zkcred::snark::KeyDigest;

/// What a wallet reads of the object (other fields are ignored).
#[derive(Deserialize)]
struct RequestObject {
    signed_request: serde_json::Value,
    keys: Vec<KeyRef>,
    response_uri: String,
}

/// One key of a [`RequestObject`].
#[derive(Deserialize)]
struct KeyRef {
    digest: String,
    uri: String,
}

/// A request refused by the wallet's checks.
fn refused(message: String) -> ApiError {
    ApiError::new(ErrorKind::RequestRefused, message)
}

/// Reads the object fetched from `request_uri`: `{signed_request, keys: [{digest, uri}],
/// response_uri}` with every URL absolute and on the request URI's origin, refused
/// otherwise. The signed request is only read here; its signature is checked against the
/// wallet's verifier registry when it is described or answered.
pub fn read_request_object(request_uri: &str, object: &str) -> ApiResult<String> {
    if object.len() > MAX_DOCUMENT_BYTES {
        return Err(ApiError::invalid(format!(
            "request object of {} bytes is larger than the {MAX_DOCUMENT_BYTES} bytes allowed",
            object.len()
        )));
    }
    let origin = origin(request_uri)?;
    let o: RequestObject = serde_json::from_str(object)
        .map_err(|e| refused(format!("not a request object: {}", clip(&e.to_string()))))?;
    if o.keys.len() > MAX_CIRCUIT_KEYS {
        return Err(refused(format!(
            "the request object names {} keys, more than the {MAX_CIRCUIT_KEYS} allowed",
            o.keys.len()
        )));
    }
    let signed_text = o.signed_request.to_string();
    read::<SignedRequest>(&signed_text, "request").map_err(|e| refused(e.message))?;
    let keys = o
        .keys
        .iter()
        .map(|k| Ok(json!({ "digest": k.digest, "uri": same_origin(&origin, &k.uri)? })))
        .collect::<ApiResult<Vec<_>>>()?;
    Ok(json!({
        "signed_request": signed_text,
        "keys": keys,
        "response_uri": same_origin(&origin, &o.response_uri)?,
    })
    .to_string())
}

/// Checks a key document fetched by digest: one key pair whose [`KeyDigest`] is `digest`.
pub fn check_key(key: &str, digest: &str) -> ApiResult<()> {
    read_key(key, digest).map(drop)
}

/// [`check_key`], returning the key pair read.
pub fn read_key(key: &str, digest: &str) -> ApiResult<CircuitKeys> {
    let set: PredicateKeySet = read(key, "key")?;
    let [pair] = <[CircuitKeys; 1]>::try_from(set.keys).map_err(|keys| {
        refused(format!(
            "a key document holds {} key pairs, expected one",
            keys.len()
        ))
    })?;
    let got = hex::encode(KeyDigest::of(&pair.proving_key, &pair.verifying_key).as_bytes());
    if !got.eq_ignore_ascii_case(digest) {
        return Err(refused(format!(
            "the key's digest is {got}, not the {} the request object names",
            clip(digest)
        )));
    }
    Ok(pair)
}

/// `scheme://authority` of an `http(s)` URI.
pub fn origin(uri: &str) -> ApiResult<String> {
    let bad = || ApiError::invalid(format!("{}: expected an http(s) URL", clip(uri)));
    let (scheme, rest) = uri.split_once("://").ok_or_else(bad)?;
    if scheme != "http" && scheme != "https" {
        return Err(bad());
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.is_empty() || authority.contains('@') {
        return Err(bad());
    }
    Ok(format!("{scheme}://{authority}"))
}

/// `uri` made absolute against `origin` (a path starting with `/`), refused if it names
/// another origin.
pub fn same_origin(origin: &str, uri: &str) -> ApiResult<String> {
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
        Err(refused(format!(
            "the request object names {}, not on the request's origin {origin}: refused",
            clip(uri)
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
            let e = same_origin(&o, other).unwrap_err();
            assert_eq!(e.kind, ErrorKind::RequestRefused, "{other}");
        }
        assert!(origin("ftp://x/").is_err());
        assert!(origin("https:///x").is_err());
        assert!(origin("https://user@evil.example/x").is_err());
    }
}
