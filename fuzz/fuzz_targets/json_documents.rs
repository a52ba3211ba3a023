//! Every versioned JSON document of `zkcred::credential` through `JsonDocument::from_json`:
//! never a panic on any text (an `Err` is the expected answer). The first byte picks the
//! document type; the rest is the text (invalid UTF-8 is replaced, so no input is wasted).
#![no_main]

use libfuzzer_sys::fuzz_target;
use zkcred::credential::{
    Credential, IssuanceRequest, IssuedCredential, Issuer, IssuerPublicInfo, JsonDocument,
    PredicateKeySet, Presentation, PresentationRequest, Schema, SignedRequest, TrustRegistry,
    VerifierKey, VerifierPublicInfo, VerifierRegistry, Wallet,
};

/// Parses; a parsed document must also write itself out again.
fn parse<T: JsonDocument>(text: &str) {
    if let Ok(doc) = T::from_json(text) {
        let _ = doc.to_json();
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, bytes)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(bytes);
    match which % 15 {
        0 => parse::<Schema>(&text),
        1 => parse::<IssuerPublicInfo>(&text),
        2 => parse::<TrustRegistry>(&text),
        3 => parse::<PresentationRequest>(&text),
        4 => parse::<SignedRequest>(&text),
        5 => parse::<VerifierPublicInfo>(&text),
        6 => parse::<VerifierRegistry>(&text),
        7 => parse::<PredicateKeySet>(&text),
        8 => parse::<Presentation>(&text),
        9 => parse::<IssuanceRequest>(&text),
        10 => parse::<IssuedCredential>(&text),
        11 => parse::<Wallet>(&text),
        12 => parse::<Credential>(&text),
        13 => parse::<Issuer>(&text),
        _ => parse::<VerifierKey>(&text),
    }
});
