//! Writes the library-made seed inputs into `fuzz/corpus/<target>/seed-*`: every JSON
//! document of the small world in `fuzz_targets/world.rs` (with its selector byte), an honest
//! presentation for `verify_presentation`, and Groth16 keys and proof parts for
//! `snark_decoders`. The IETF fixture seeds come from `seeds_from_fixtures.py`.
//!
//! Run from `fuzz/`: `cargo +nightly run --release --example make_seeds`.

use rand_chacha::{rand_core::SeedableRng, ChaCha20Rng};
use serde_json::Value;
use std::fs;
use std::path::Path;
use zkcred::credential::{JsonDocument, SignedRequest, VerifierRegistry};

#[path = "../fuzz_targets/world.rs"]
mod world;

/// Seeds larger than this are left out (a proving key), keeping the committed corpus small.
const MAX_SEED: usize = 128 * 1024;

fn write(target: &str, name: &str, selector: Option<u8>, body: &[u8]) {
    if body.len() > MAX_SEED {
        eprintln!("skipped {target}/{name}: {} bytes", body.len());
        return;
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(target);
    fs::create_dir_all(&dir).expect("corpus dir");
    let mut bytes = selector.map(|s| vec![s]).unwrap_or_default();
    bytes.extend_from_slice(body);
    fs::write(dir.join(format!("seed-{name}")), bytes).expect("write seed");
}

fn doc<T: JsonDocument>(selector: u8, name: &str, d: &T) {
    let text = d.to_json().expect("to_json");
    write("json_documents", name, Some(selector), text.as_bytes());
}

/// Every hex string of at least 32 bytes in a JSON value.
fn hex_fields(v: &Value, out: &mut Vec<Vec<u8>>) {
    match v {
        Value::String(s) if s.len() >= 64 => {
            if let Ok(b) = hex::decode(s) {
                out.push(b);
            }
        }
        Value::Array(a) => a.iter().for_each(|x| hex_fields(x, out)),
        Value::Object(o) => o.values().for_each(|x| hex_fields(x, out)),
        _ => {}
    }
}

fn main() {
    let w = world::build();
    let mut verifiers = VerifierRegistry::new();
    verifiers
        .insert(w.clinic.public_info().clone())
        .expect("verifier registry");
    let signed = SignedRequest::sign(w.request.clone(), &w.clinic).expect("sign request");
    let holder_keys = w.key_set.holder_keys().expect("holder keys");
    let presentation = w
        .wallet
        .present(
            &signed,
            &verifiers,
            &holder_keys,
            Some(world::now()),
            &mut ChaCha20Rng::seed_from_u64(6),
        )
        .expect("present");
    let verifier = world::verifier(&w);
    verifier
        .verify(&w.request, &presentation, Some(world::now()))
        .expect("the honest presentation verifies");

    let mut registry = zkcred::credential::TrustRegistry::new();
    registry
        .insert(w.issuer.public_info().clone(), [*w.schema.id()])
        .expect("registry");
    // Selectors as in fuzz_targets/json_documents.rs.
    doc(0, "schema", &w.schema);
    doc(1, "issuer-public-info", w.issuer.public_info());
    doc(2, "trust-registry", &registry);
    doc(3, "presentation-request", &w.request);
    doc(4, "signed-request", &signed);
    doc(5, "verifier-public-info", w.clinic.public_info());
    doc(6, "verifier-registry", &verifiers);
    doc(7, "predicate-key-set", &w.key_set);
    doc(8, "presentation", &presentation);
    doc(9, "issuance-request", &w.issuance);
    doc(10, "issued-credential", &w.issued);
    doc(11, "wallet", &w.wallet);
    doc(13, "issuer", &w.issuer);
    doc(14, "verifier-key", &w.clinic);

    let text = presentation.to_json().expect("presentation json");
    write("verify_presentation", "honest", None, text.as_bytes());

    for (i, k) in w.key_set.keys.iter().enumerate() {
        write(
            "snark_decoders",
            &format!("pk-{i}"),
            Some(0),
            &k.proving_key.to_bytes(),
        );
        write(
            "snark_decoders",
            &format!("vk-{i}"),
            Some(1),
            &k.verifying_key.to_bytes(),
        );
    }
    let mut fields = Vec::new();
    hex_fields(&serde_json::from_str(&text).expect("json"), &mut fields);
    for (i, f) in fields.iter().enumerate() {
        write("snark_decoders", &format!("committed-{i}"), Some(2), f);
        write("snark_decoders", &format!("opening-{i}"), Some(3), f);
    }
    println!("seeds written under {}/corpus", env!("CARGO_MANIFEST_DIR"));
}
