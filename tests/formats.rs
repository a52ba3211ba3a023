//! `docs/FORMATS.md` is true: every document the library writes is checked against its
//! section of FORMATS.md (the field table, the example's version, lowercase hex, dates,
//! field order), and every documented field must be written by some document here. The
//! CLI's own files (attribute file, request spec, nonce file, verify result) are checked the
//! same way by the `zkcred` crate's unit tests (`crates/cli/src/formats_tests.rs`).
//!
//! The conventions FORMATS.md follows for this are in `tests/formats_md/mod.rs`.
//!
//! One small world: an issuer, a schema with every attribute kind, a wallet with two
//! credentials and a pending issuance, a verifier with a scope, a request for both
//! credentials (dates disclosed, one age predicate: two small Groth16 setups) with the holder
//! link and a pseudonym scope, and its presentation; plus a request (never presented) that
//! uses every kind of predicate and every accepted-issuers field.

mod formats_md;

use formats_md::Formats;
use rand_chacha::{rand_core::SeedableRng, ChaCha20Rng};
use zkcred::bbs::Ciphersuite;
use zkcred::credential::{
    AcceptedIssuers, AttributeDef, AttributeKind, AttributePredicate, AttributeValue, CompareOp,
    CredentialContent, CredentialRequest, EnumLabel, Issuer, IssuerTier, JsonDocument,
    Jurisdiction, Nonce, PredicateSpec, Presentation, PresentationRequest, RequestWindow, Schema,
    SignedRequest, Timestamp, TrustRegistry, VerifierKey, VerifierRegistry, VerifierSetup, Wallet,
    EXPIRES_ON, ISSUED_ON,
};
use zkcred::predicate::Date;

/// The sections of FORMATS.md with a field table that this test checks.
const LIBRARY_SECTIONS: &[&str] = &[
    "Schema",
    "Issuer public info",
    "Jurisdiction",
    "Issuer key file",
    "Trust registry",
    "Credential",
    "Attribute value",
    "Accepted issuers",
    "Issuance request",
    "Issued credential",
    "Wallet",
    "Presentation request",
    "Predicate",
    "Verifier public info",
    "Verifier key file",
    "Verifier registry",
    "Signed request",
    "Predicate key set",
    "Presentation",
];

/// The sections with a field table that the packages' tests check
/// (`bindings/core/tests/formats.rs`).
const PACKAGE_SECTIONS: &[&str] = &["Sealed wallet"];

/// The sections with a field table that the CLI's unit tests check
/// (`crates/cli/src/formats_tests.rs`).
const CLI_SECTIONS: &[&str] = &[
    "Attribute file",
    "Request spec",
    "Nonce file",
    "Verify result",
];

fn formats() -> Formats {
    Formats::load(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/FORMATS.md"))
}

fn date(y: i64, m: u32, d: u32) -> Date {
    Date::new(y, m, d).unwrap()
}

/// The day the requests are made for.
fn today() -> Date {
    date(2026, 11, 22)
}

/// A request of `verifier_id` for `today()` (the one place that builds a request).
fn request(verifier_id: &str, seed: u64) -> PresentationRequest {
    let nonce = Nonce::random(&mut ChaCha20Rng::seed_from_u64(seed));
    let made_at = Timestamp::start_of(today()).unwrap();
    let window = RequestWindow::starting(made_at, std::time::Duration::from_secs(3600)).unwrap();
    PresentationRequest::new(verifier_id, nonce, window)
}

fn schema() -> Schema {
    Schema::new(
        "vn.commune.identity",
        1,
        vec![
            AttributeDef::new("full_name", AttributeKind::String),
            AttributeDef::new("birth_date", AttributeKind::Date),
            AttributeDef::new(
                "province",
                AttributeKind::Enumeration {
                    codes: vec![
                        EnumLabel::new("quang_nam", 49),
                        EnumLabel::new("an_giang", 89),
                    ],
                },
            ),
            AttributeDef::new("household_size", AttributeKind::Integer),
            AttributeDef::new("photo_hash", AttributeKind::Bytes),
        ],
    )
    .unwrap()
}

fn content() -> CredentialContent {
    CredentialContent {
        attributes: [
            ("full_name", AttributeValue::String("Nguyễn Văn A".into())),
            ("birth_date", AttributeValue::Date(date(2001, 4, 2))),
            ("province", AttributeValue::Enum("an_giang".into())),
            ("household_size", AttributeValue::Integer(4)),
            (
                "photo_hash",
                AttributeValue::Bytes(vec![0xde, 0xad, 0xbe, 0xef]),
            ),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect(),
        issued_on: date(2024, 1, 15),
        expires_on: date(2034, 1, 14),
    }
}

/// A request using every predicate, every accepted-issuers field and issuer hiding (only
/// written).
fn full_request(schema: &Schema, issuer: &Issuer) -> PresentationRequest {
    let mut r = request("clinic", 2);
    let mut c = CredentialRequest::new("identity", *schema.id());
    c.accepted_issuers = AcceptedIssuers {
        ids: Some(vec![*issuer.id()]),
        tiers: Some(vec![IssuerTier::Commune]),
        jurisdictions: Some(vec!["VN-49".into()]),
    };
    c.hide_issuer_among = Some(vec![*issuer.id()]);
    c.disclose = vec!["full_name".into()];
    let labels = vec!["an_giang".to_owned()];
    c.predicates = vec![
        AttributePredicate::new(
            "birth_date",
            PredicateSpec::AgeAtLeast {
                years: 18,
                today: today(),
            },
        ),
        AttributePredicate::not_expired(today()),
        AttributePredicate::new(
            "household_size",
            PredicateSpec::Compare {
                op: CompareOp::Ge,
                value: AttributeValue::Integer(2),
            },
        ),
        AttributePredicate::new(
            "birth_date",
            PredicateSpec::Range {
                lo: AttributeValue::Date(date(1950, 1, 1)),
                hi: AttributeValue::Date(date(2008, 11, 22)),
            },
        ),
        AttributePredicate::new(
            "province",
            PredicateSpec::InSet {
                labels: labels.clone(),
            },
        ),
        AttributePredicate::new("province", PredicateSpec::NotInSet { labels }),
        AttributePredicate::new(
            "photo_hash",
            PredicateSpec::NotEqual {
                value: AttributeValue::Bytes(vec![0; 4]),
            },
        ),
    ];
    r.credentials = vec![c];
    r.pseudonym_scope = Some("visits".into());
    r
}

#[test]
fn every_document_written_matches_formats_md() {
    let docs = formats();

    // The sections with field tables are exactly the ones some test checks.
    let tabled = docs.tabled_sections();
    let expected: std::collections::BTreeSet<String> = LIBRARY_SECTIONS
        .iter()
        .chain(CLI_SECTIONS)
        .map(|s| s.to_string())
        .collect();
    let expected: std::collections::BTreeSet<String> = expected
        .into_iter()
        .chain(PACKAGE_SECTIONS.iter().map(|s| s.to_string()))
        .collect();
    assert_eq!(
        tabled, expected,
        "FORMATS.md's field tables and the documents the tests write differ"
    );

    let rng = &mut ChaCha20Rng::seed_from_u64(11);
    let mut check = docs.checker();
    let mut write = |title: &str, text: String| check.document(title, &text);

    let suite = Ciphersuite::Bls12381Sha256;
    let place = Jurisdiction::new("VN-49", Some("Quảng Nam".into())).unwrap();
    let issuer = Issuer::generate(
        "UBND tỉnh Quảng Nam",
        IssuerTier::Province,
        place,
        suite,
        rng,
    )
    .unwrap();
    let schema = schema();
    write("Schema", schema.to_json().unwrap());
    write(
        "Schema",
        schema.clone().with_issuer_hiding().to_json().unwrap(),
    );
    write(
        "Issuer public info",
        issuer.public_info().to_json().unwrap(),
    );
    write("Issuer key file", issuer.to_json().unwrap());
    let mut registry = TrustRegistry::new();
    registry
        .insert(issuer.public_info().clone(), [*schema.id()])
        .unwrap();
    write("Trust registry", registry.to_json().unwrap());

    // Blind issuance of two credentials, and one issuance left pending.
    let mut wallet = Wallet::new(rng);
    for _ in 0..2 {
        let asked = wallet
            .request_issuance(&schema, issuer.public_info(), rng)
            .unwrap();
        write("Issuance request", asked.to_json().unwrap());
        let issued = issuer.issue(&schema, &content(), &asked, rng).unwrap();
        write("Issued credential", issued.to_json().unwrap());
        write("Credential", issued.credential.to_json().unwrap());
        wallet
            .accept(&issued, &schema, issuer.public_info())
            .unwrap();
    }
    let mut pending = wallet.clone();
    pending
        .request_issuance(&schema, issuer.public_info(), rng)
        .unwrap();
    write("Wallet", pending.to_json().unwrap());

    let clinic = VerifierKey::generate("clinic", "Phòng khám", vec!["visits".into()], rng).unwrap();
    write(
        "Verifier public info",
        clinic.public_info().to_json().unwrap(),
    );
    write("Verifier key file", clinic.to_json().unwrap());
    let mut verifiers = VerifierRegistry::new();
    verifiers.insert(clinic.public_info().clone()).unwrap();
    write("Verifier registry", verifiers.to_json().unwrap());

    write(
        "Presentation request",
        full_request(&schema, &issuer).to_json().unwrap(),
    );

    // The request presented: both credentials, dates disclosed (no validity proofs), one
    // age predicate on the hidden birth date, same holder, a scope.
    let mut asked = request("clinic", 1);
    let mut first = CredentialRequest::new("identity", *schema.id());
    first.disclose = vec![
        "full_name".into(),
        "province".into(),
        "household_size".into(),
        "photo_hash".into(),
        ISSUED_ON.into(),
        EXPIRES_ON.into(),
    ];
    first.predicates = vec![AttributePredicate::new(
        "birth_date",
        PredicateSpec::AgeAtLeast {
            years: 18,
            today: today(),
        },
    )];
    let mut second = CredentialRequest::new("again", *schema.id());
    second.disclose = vec![ISSUED_ON.into(), EXPIRES_ON.into()];
    asked.credentials = vec![first, second];
    asked.pseudonym_scope = Some("visits".into());
    write("Presentation request", asked.to_json().unwrap());

    let mut setup = VerifierSetup::new();
    setup
        .add_request(&asked, std::slice::from_ref(&schema), rng)
        .unwrap();
    let key_set = setup.key_set();
    // The date comparisons >= (the age, the expiry default) and <= (the issuance default).
    assert!(
        key_set.keys.len() <= 2,
        "{} Groth16 setups",
        key_set.keys.len()
    );
    write("Predicate key set", key_set.to_json().unwrap());

    let signed = SignedRequest::sign(asked, &clinic).unwrap();
    write("Signed request", signed.to_json().unwrap());

    let presentation = wallet
        .present(
            &signed,
            &verifiers,
            &key_set.holder_keys().unwrap(),
            Some(signed.request().window.made_at),
            rng,
        )
        .unwrap();
    assert!(presentation.holder_link.is_some());
    let text = presentation.to_json().unwrap();
    write("Presentation", text.clone());

    // Issuer hiding: a credential of the schema with issuer hiding, presented with its
    // issuer hidden among one (dates disclosed: no Groth16 proof).
    let hideable = schema.clone().with_issuer_hiding();
    let mut issuers = TrustRegistry::new();
    issuers
        .insert(issuer.public_info().clone(), [*hideable.id()])
        .unwrap();
    let mut hidden_wallet = Wallet::new(rng);
    let asked = hidden_wallet
        .request_issuance(&hideable, issuer.public_info(), rng)
        .unwrap();
    let issued = issuer.issue(&hideable, &content(), &asked, rng).unwrap();
    write("Credential", issued.credential.to_json().unwrap());
    hidden_wallet
        .accept(&issued, &hideable, issuer.public_info())
        .unwrap();
    let mut hidden_request = request("clinic", 3);
    let mut c = CredentialRequest::new("identity", *hideable.id());
    c.hide_issuer_among = Some(vec![*issuer.id()]);
    c.disclose = vec![ISSUED_ON.into(), EXPIRES_ON.into()];
    hidden_request.credentials = vec![c];
    write("Presentation request", hidden_request.to_json().unwrap());
    let hidden_signed = SignedRequest::sign(hidden_request, &clinic).unwrap();
    let hidden = hidden_wallet
        .present_with_issuers(
            &hidden_signed,
            &verifiers,
            &issuers,
            &VerifierSetup::new().key_set().holder_keys().unwrap(),
            Some(hidden_signed.request().window.made_at),
            rng,
        )
        .unwrap();
    assert!(hidden.credentials[0].issuer_id.is_none());
    write("Presentation", hidden.to_json().unwrap());

    check.finish(LIBRARY_SECTIONS);

    // The documented shape is the one read: an unknown field in a predicate attachment is
    // refused like everywhere else.
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    Presentation::from_json(&value.to_string()).unwrap();
    value["credentials"][0]["predicate_proofs"][0]["extra"] = 1.into();
    let e = Presentation::from_json(&value.to_string())
        .unwrap_err()
        .to_string();
    assert!(e.contains("unknown field `extra`"), "{e}");
}

/// The request id hashes exactly what FORMATS.md says: the domain tag, then the compact JSON
/// zkcred writes for the request (with `version`, `accepted_issuers` / `disclose` /
/// `predicates` written even when empty, `same_holder` always, no `pseudonym_scope` when
/// absent), whatever the spacing and order of the text it was read from.
#[test]
fn the_request_id_hashes_the_canonical_json() {
    use sha2::{Digest, Sha256};
    let schema = schema();
    let mut r = request("clinic", 3);
    r.credentials = vec![CredentialRequest::new("identity", *schema.id())];
    let canonical = r.canonical_bytes();
    let text = String::from_utf8(canonical.clone()).unwrap();
    // Compact: no whitespace outside strings (none of these strings has any).
    assert!(!text.contains([' ', '\n']), "{text}");
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        value,
        serde_json::from_str::<serde_json::Value>(&r.to_json().unwrap()).unwrap()
    );
    let version = formats().section("Presentation request").version();
    assert_eq!(value["version"].as_u64(), version);
    let c = &value["credentials"][0];
    assert_eq!(c["accepted_issuers"], serde_json::json!({}));
    assert_eq!(c["disclose"], serde_json::json!([]));
    assert_eq!(c["predicates"], serde_json::json!([]));
    assert_eq!(value["same_holder"], serde_json::Value::Bool(true));
    assert!(value.get("pseudonym_scope").is_none());
    let id = Sha256::new()
        .chain_update(b"zkcred/request-id/v1")
        .chain_update(&canonical)
        .finalize();
    assert_eq!(r.id().as_bytes()[..], id[..]);

    // Read back from other spacing, order and omitted defaults: the same id.
    let mut sparse = value.clone();
    let c = sparse["credentials"][0].as_object_mut().unwrap();
    c.remove("accepted_issuers");
    c.remove("disclose");
    c.remove("predicates");
    sparse.as_object_mut().unwrap().remove("same_holder");
    let pretty = serde_json::to_string_pretty(&sparse).unwrap();
    let again = PresentationRequest::from_json(&pretty).unwrap();
    assert_eq!(again.id(), r.id());
}
