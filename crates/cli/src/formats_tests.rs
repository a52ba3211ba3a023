//! `docs/FORMATS.md` is true of the command's own files: attribute files and request specs
//! (the documented examples and the samples in `crates/cli/data/` are read, and the readers'
//! shapes written back), the nonce file (written by the store itself) and the verify result
//! (written by `result_json`), each checked against its section like the library's documents
//! in `tests/formats.rs`, with the same checker.

#[path = "../../../tests/formats_md/mod.rs"]
mod formats_md;

use crate::commands::request::parse_spec;
use crate::commands::verify::result_json;
use crate::input_file::{parse_attributes, AttributeFile, INPUT_VERSION};
use crate::nonce_file::FileNonceStore;
use crate::samples;
use formats_md::Formats;
use zkcred::bbs::Ciphersuite;
use zkcred::credential::{
    AttributeValue, CredentialRequest, HeldPredicate, Issuer, IssuerTier, Jurisdiction, Nonce,
    NonceStore, PresentationRequest, RequestWindow, Schema, Timestamp, TrustRegistry,
    VerifiedPresentation,
};
use zkcred::predicate::Date;

/// The sections this test owns (`tests/formats.rs` checks that no other section has a field
/// table without a test).
const CLI_SECTIONS: &[&str] = &[
    "Attribute file",
    "Request spec",
    "Nonce file",
    "Verify result",
];

fn formats() -> Formats {
    Formats::load(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/FORMATS.md"
    ))
}

fn day() -> Date {
    Date::new(2026, 11, 22).unwrap()
}

fn pretty<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap()
}

#[test]
fn the_command_files_match_formats_md() {
    let docs = formats();
    let mut check = docs.checker();

    // Attribute files: the documented example and the samples are read; what the reader
    // holds is written back and checked.
    let example = &docs.section("Attribute file").example_texts;
    assert!(!example.is_empty(), "FORMATS.md: no attribute file example");
    for text in example
        .iter()
        .map(String::as_str)
        .chain([samples::IDENTITY_ATTRIBUTES, samples::RESIDENCY_ATTRIBUTES])
    {
        let attributes = parse_attributes(text).unwrap_or_else(|e| panic!("{e}:\n{text}"));
        let file = AttributeFile {
            version: INPUT_VERSION,
            attributes,
        };
        check.document("Attribute file", &pretty(&file));
    }

    // Request specs: the example (which uses every field) and the sample.
    let example = &docs.section("Request spec").example_texts;
    assert!(!example.is_empty(), "FORMATS.md: no request spec example");
    let sample = include_str!("../data/clinic.request-spec.json");
    for text in example.iter().map(String::as_str).chain([sample]) {
        let spec = parse_spec(text, day()).unwrap_or_else(|e| panic!("{e}:\n{text}"));
        check.document("Request spec", &pretty(&spec));
    }

    // The nonce file, as the store writes it.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nonces.json");
    let window = request(&samples::schema(samples::IDENTITY_SCHEMA).unwrap()).window;
    let store = FileNonceStore::open(&path, window.made_at).unwrap();
    let (keep, now) = (window.keep_nonce_until(), window.made_at);
    store
        .check_and_insert("clinic", &[0xAB; 32], keep, now)
        .unwrap();
    store
        .check_and_insert("pharmacy", &[0x5c; 16], keep, now)
        .unwrap();
    drop(store);
    check.document("Nonce file", &std::fs::read_to_string(&path).unwrap());

    // The verify result of a presentation of two credentials, one disclosing an attribute,
    // with a pseudonym scope.
    let rng = &mut rand::rngs::OsRng;
    let issuer = Issuer::generate(
        "UBND xã Mỹ Hòa Hưng",
        IssuerTier::Commune,
        Jurisdiction::new("VN-44", None).unwrap(),
        Ciphersuite::Bls12381Sha256,
        rng,
    )
    .unwrap();
    let schema = samples::schema(samples::IDENTITY_SCHEMA).unwrap();
    let mut registry = TrustRegistry::new();
    registry
        .insert(issuer.public_info().clone(), [*schema.id()])
        .unwrap();
    let request = request(&schema);
    let issuer_id = issuer.id().to_string();
    let nym = "8".repeat(96);
    let verified = VerifiedPresentation {
        request_id: request.id(),
        disclosed: [(
            "identity".to_owned(),
            [("full_name".to_owned(), AttributeValue::String("A".into()))].into(),
        )]
        .into(),
        issuers: [("identity".to_owned(), issuer_id.clone())].into(),
        // "again" is answered with its issuer hidden among one issuer.
        hidden_issuers: [("again".to_owned(), vec![issuer_id])].into(),
        predicates_held: vec![HeldPredicate {
            label: "identity".into(),
            attribute: "expires_on".into(),
            description: "expires_on: not expired on 2026-11-22 (default)".into(),
        }],
        same_holder: true,
        pseudonym: Some(nym.clone()),
        pseudonyms: [
            ("identity".to_owned(), nym.clone()),
            ("again".to_owned(), nym),
        ]
        .into(),
    };
    let out = result_json(&request, &verified, &registry);
    check.document("Verify result", &pretty(&out));

    check.finish(CLI_SECTIONS);
}

/// A request for two credentials of `schema` with a scope (the one place that builds one).
fn request(schema: &Schema) -> PresentationRequest {
    let made_at = Timestamp::start_of(day()).unwrap();
    let window = RequestWindow::starting(made_at, std::time::Duration::from_secs(3600)).unwrap();
    let mut r = PresentationRequest::new("clinic", Nonce::from_bytes([7; 32]), window);
    r.credentials = vec![
        CredentialRequest::new("identity", *schema.id()),
        CredentialRequest::new("again", *schema.id()),
    ];
    r.pseudonym_scope = Some("clinic-visits".into());
    r
}
