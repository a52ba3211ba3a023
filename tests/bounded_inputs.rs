//! Work an attacker chooses, and silent corruption: untrusted documents are refused by size
//! and count before any curve arithmetic, error lines stay short whatever the input, a key
//! set cannot list a circuit twice, and a wallet whose credentials were edited (signature,
//! attribute, holder secret) is refused when loaded, naming the credential (a wallet's
//! signatures are checked in one batch; the first broken credential is named).

use rand_chacha::{rand_core::SeedableRng, ChaCha20Rng};
use serde_json::{json, Value};
use std::sync::OnceLock;
use std::time::{Duration, Instant};
use zkcred::bbs::Ciphersuite;
use zkcred::credential::{
    AttributeDef, AttributeKind, AttributePredicate, AttributeValue, CredentialContent,
    CredentialError, CredentialId, CredentialRequest, InMemoryNonceStore, Issuer, IssuerTier,
    JsonDocument, Jurisdiction, Nonce, PredicateKeySet, Presentation, PresentationError,
    PresentationRequest, RequestWindow, Schema, SignedRequest, Timestamp, TrustRegistry, Verifier,
    VerifierKey, VerifierRegistry, VerifierSetup, Wallet, EXPIRES_ON, ISSUED_ON,
    MAX_ATTACHMENTS_PER_CREDENTIAL, MAX_CIRCUIT_KEYS, MAX_DOCUMENT_BYTES,
    MAX_PRESENTATION_CREDENTIALS,
};
use zkcred::predicate::{Date, HolderKeys};

/// Refusals by count or size must cost a walk over the JSON, not curve arithmetic: generous
/// for a debug build on a shared machine, far below the 38 s the unbounded decoder took.
const QUICK: Duration = Duration::from_secs(2);

fn date(y: i64, m: u32, d: u32) -> Date {
    Date::new(y, m, d).unwrap()
}

fn today() -> Date {
    date(2026, 11, 22)
}

/// The clock of the story: 09:30 UTC on [`today`].
fn now() -> Timestamp {
    Timestamp::start_of(today())
        .unwrap()
        .checked_add(std::time::Duration::from_secs(9 * 3600 + 30 * 60))
        .unwrap()
}

/// A request window of one hour from [`now`].
fn window() -> RequestWindow {
    RequestWindow::starting(now(), std::time::Duration::from_secs(3600)).unwrap()
}

struct World {
    schema: Schema,
    issuer: Issuer,
    wallet: Wallet,
    clinic: VerifierKey,
}

fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| {
        let mut rng = ChaCha20Rng::seed_from_u64(41);
        let schema = Schema::new(
            "vn.commune.identity",
            1,
            vec![
                AttributeDef::new("full_name", AttributeKind::String),
                AttributeDef::new("birth_date", AttributeKind::Date),
            ],
        )
        .unwrap();
        let issuer = Issuer::generate(
            "UBND phường An Hòa",
            IssuerTier::Commune,
            Jurisdiction::new("VN-92-0001", None).unwrap(),
            Ciphersuite::Bls12381Sha256,
            &mut rng,
        )
        .unwrap();
        let mut wallet = Wallet::new(&mut rng);
        let request = wallet
            .request_issuance(&schema, issuer.public_info(), &mut rng)
            .unwrap();
        let content = CredentialContent {
            attributes: [
                (
                    "full_name".to_string(),
                    AttributeValue::String("Nguyễn Văn A".into()),
                ),
                (
                    "birth_date".to_string(),
                    AttributeValue::Date(date(2001, 4, 2)),
                ),
            ]
            .into(),
            issued_on: date(2024, 1, 15),
            expires_on: date(2034, 1, 14),
        };
        let issued = issuer.issue(&schema, &content, &request, &mut rng).unwrap();
        wallet
            .accept(&issued, &schema, issuer.public_info())
            .unwrap();
        let clinic = VerifierKey::generate("clinic.example", "Clinic", vec![], &mut rng).unwrap();
        World {
            schema,
            issuer,
            wallet,
            clinic,
        }
    })
}

/// A request that needs no Groth16 key: the name and both dates disclosed.
fn request() -> PresentationRequest {
    let w = world();
    let mut r = PresentationRequest::new(
        "clinic.example",
        Nonce::random(&mut ChaCha20Rng::seed_from_u64(5)),
        window(),
    );
    let mut id = CredentialRequest::new("identity", *w.schema.id());
    id.disclose = vec!["full_name".into(), ISSUED_ON.into(), EXPIRES_ON.into()];
    r.credentials = vec![id];
    r
}

fn verifier() -> Verifier {
    let w = world();
    let mut registry = TrustRegistry::new();
    registry
        .insert(w.issuer.public_info().clone(), [*w.schema.id()])
        .unwrap();
    Verifier::new(
        registry,
        vec![w.schema.clone()],
        PredicateKeySet::default().verifier_keys(),
        Box::new(InMemoryNonceStore::new()),
    )
}

fn present() -> Presentation {
    let w = world();
    let mut verifiers = VerifierRegistry::new();
    verifiers.insert(w.clinic.public_info().clone()).unwrap();
    let signed = SignedRequest::sign(request(), &w.clinic).unwrap();
    w.wallet
        .present(
            &signed,
            &verifiers,
            &HolderKeys::new(),
            Some(now()),
            &mut ChaCha20Rng::seed_from_u64(6),
        )
        .unwrap()
}

/// A presentation JSON with `credentials` copies of one credential proof carrying
/// `attachments` attachments; every proof and attachment is invalid hex, so any attempt to
/// decode one would fail with a decoding error, not the count error.
fn junk_presentation(credentials: usize, attachments: usize, label: &str) -> String {
    let attachment = json!({ "proof": "zz", "response": "zz" });
    let proof = json!({
        "label": label,
        "issuer_id": "zz",
        "schema_id": "zz",
        "disclosed": {},
        "proof": "zz",
        "predicate_proofs": vec![attachment; attachments],
    });
    json!({
        "version": 1,
        "request_id": request().id().to_string(),
        "context_id": "c",
        "credentials": vec![proof; credentials],
    })
    .to_string()
}

#[test]
fn ten_thousand_attachments_are_refused_before_decoding() {
    let text = junk_presentation(1, 10_000, "identity");
    let start = Instant::now();
    let e = Presentation::from_json(&text).unwrap_err();
    let took = start.elapsed();
    assert_eq!(
        e,
        CredentialError::TooManyItems {
            what: "predicate attachments",
            max: MAX_ATTACHMENTS_PER_CREDENTIAL,
            got: 10_000,
        }
    );
    assert!(took < QUICK, "refusal took {took:?}");
    eprintln!("10,000 attachments refused by Presentation::from_json in {took:?}");

    let v = verifier();
    let start = Instant::now();
    let e = v.verify_json(&request(), &text, Some(now())).unwrap_err();
    let took = start.elapsed();
    assert!(
        matches!(
            e,
            PresentationError::Credential(CredentialError::TooManyItems { got: 10_000, .. })
        ),
        "{e}"
    );
    assert!(took < QUICK, "refusal took {took:?}");
    eprintln!("10,000 attachments refused by Verifier::verify_json in {took:?}");
}

#[test]
fn verifier_compares_attachment_count_with_its_request_before_decoding() {
    // Within the library's limit, but the request has 2 statements (the validity defaults,
    // both on disclosed dates).
    let text = junk_presentation(1, MAX_ATTACHMENTS_PER_CREDENTIAL, "identity");
    let e = verifier()
        .verify_json(&request(), &text, Some(now()))
        .unwrap_err();
    match e {
        PresentationError::RequestMismatch(m) => {
            assert!(m.contains("34 predicate attachments"), "{m}")
        }
        other => panic!("expected a request mismatch, got {other}"),
    }
    // Two credentials where one is asked for: refused on the count, nothing decoded.
    let text = junk_presentation(2, 0, "identity");
    let e = verifier()
        .verify_json(&request(), &text, Some(now()))
        .unwrap_err();
    assert!(matches!(e, PresentationError::RequestMismatch(_)), "{e}");
}

#[test]
fn honest_presentation_verifies_through_json() {
    let p = present();
    let out = verifier()
        .verify_json(&request(), &p.to_json().unwrap(), Some(now()))
        .unwrap();
    assert_eq!(
        out.disclosed["identity"]["full_name"],
        AttributeValue::String("Nguyễn Văn A".into())
    );
}

#[test]
fn two_thousand_credentials_give_a_short_error_line() {
    // Labels long enough to make a quoted list huge, short enough to stay under 1 MiB.
    let long_label = "x".repeat(200);
    let text = junk_presentation(2000, 0, &long_label);
    assert!(text.len() < MAX_DOCUMENT_BYTES);
    let start = Instant::now();
    let e = Presentation::from_json(&text).unwrap_err();
    let took = start.elapsed();
    assert_eq!(
        e,
        CredentialError::TooManyItems {
            what: "credential proofs",
            max: MAX_PRESENTATION_CREDENTIALS,
            got: 2000,
        }
    );
    assert!(e.to_string().len() < 300, "{e}");
    assert!(took < QUICK, "refusal took {took:?}");
    eprintln!("2,000 credentials refused by Presentation::from_json in {took:?}");

    // A presentation built in memory (no JSON limits): the verifier's line is short too.
    let mut p = present();
    let mut proof = p.credentials[0].clone();
    proof.label = long_label.clone();
    p.credentials = vec![proof.clone(); 2000];
    let e = verifier().verify(&request(), &p, Some(now())).unwrap_err();
    assert!(matches!(e, PresentationError::RequestMismatch(_)), "{e}");
    assert!(
        e.to_string().len() < 300,
        "{} bytes: {e}",
        e.to_string().len()
    );
    // One credential, the wrong long label: the quoted label is clipped.
    p.credentials = vec![proof];
    let e = verifier().verify(&request(), &p, Some(now())).unwrap_err();
    assert!(matches!(e, PresentationError::RequestMismatch(_)), "{e}");
    assert!(
        e.to_string().len() < 300,
        "{} bytes: {e}",
        e.to_string().len()
    );
}

#[test]
fn oversized_documents_are_refused_before_parsing() {
    let text = format!("{{\"pad\":\"{}\"}}", "a".repeat(MAX_DOCUMENT_BYTES));
    let e = Presentation::from_json(&text).unwrap_err();
    assert_eq!(
        e,
        CredentialError::DocumentTooLarge {
            max: MAX_DOCUMENT_BYTES,
            got: text.len(),
        }
    );
    let e = PresentationRequest::from_json(&text).unwrap_err();
    assert!(matches!(e, CredentialError::DocumentTooLarge { .. }), "{e}");
    let e = SignedRequest::from_json(&text).unwrap_err();
    assert!(matches!(e, CredentialError::DocumentTooLarge { .. }), "{e}");
    // The verifier's JSON entry point gives the same typed error.
    let e = verifier()
        .verify_json(&request(), &text, Some(now()))
        .unwrap_err();
    assert!(
        matches!(
            e,
            PresentationError::Credential(CredentialError::DocumentTooLarge { .. })
        ),
        "{e}"
    );
}

#[test]
fn malformed_json_messages_are_clipped() {
    // serde quotes an unknown field's name; the message must not grow with it.
    let field = "f".repeat(10_000);
    let text = format!("{{\"version\":2,\"{field}\":1}}");
    let e = PresentationRequest::from_json(&text).unwrap_err();
    assert!(matches!(e, CredentialError::MalformedJson(_)), "{e}");
    assert!(e.to_string().len() < 300, "{e}");
}

/// A key set of one real circuit (the "not expired" date comparison).
fn key_set() -> &'static PredicateKeySet {
    static KEYS: OnceLock<PredicateKeySet> = OnceLock::new();
    KEYS.get_or_init(|| {
        let w = world();
        let mut r =
            PresentationRequest::new("clinic.example", Nonce::from_bytes([0; 32]), window());
        let mut id = CredentialRequest::new("identity", *w.schema.id());
        id.predicates = vec![AttributePredicate::not_expired(today())];
        r.credentials = vec![id];
        let mut setup = VerifierSetup::new();
        setup
            .add_request(
                &r,
                std::slice::from_ref(&w.schema),
                &mut ChaCha20Rng::seed_from_u64(8),
            )
            .unwrap();
        setup.key_set()
    })
}

#[test]
fn key_set_with_a_duplicated_circuit_is_refused() {
    let mut keys = key_set().clone();
    assert!(!keys.keys.is_empty());
    let first = keys.keys[0].clone();
    keys.keys.push(first.clone());
    let circuit = first.circuit_id.to_string();
    eprintln!(
        "key set of one circuit: {} bytes of JSON",
        key_set().to_json().unwrap().len()
    );
    // In memory: before any key is checked.
    let e = keys.holder_keys().unwrap_err();
    assert_eq!(
        e,
        PresentationError::Credential(CredentialError::DuplicateCircuit(circuit.clone()))
    );
    // Through JSON: before any key is decoded.
    let start = Instant::now();
    let e = PredicateKeySet::from_json(&keys.to_json().unwrap()).unwrap_err();
    eprintln!(
        "duplicated circuit refused by PredicateKeySet::from_json in {:?}",
        start.elapsed()
    );
    assert_eq!(e, CredentialError::DuplicateCircuit(circuit.clone()));
    // Fifty copies, the keys themselves invalid: still the duplicate, nothing decoded.
    let junk = json!({
        "version": 2,
        "keys": vec![json!({"circuit_id": circuit, "proving_key": "zz", "verifying_key": "zz"}); 50],
    });
    let e = PredicateKeySet::from_json(&junk.to_string()).unwrap_err();
    assert!(
        matches!(e, CredentialError::TooManyItems { .. }),
        "50 > {MAX_CIRCUIT_KEYS}: {e}"
    );
    let junk = json!({
        "version": 2,
        "keys": vec![json!({"circuit_id": circuit, "proving_key": "zz", "verifying_key": "zz"}); 2],
    });
    let e = PredicateKeySet::from_json(&junk.to_string()).unwrap_err();
    assert_eq!(e, CredentialError::DuplicateCircuit(circuit));
    // The honest set still loads.
    PredicateKeySet::from_json(&key_set().to_json().unwrap()).unwrap();
}

#[test]
fn key_set_with_too_many_keys_is_refused() {
    let mut keys = key_set().clone();
    let first = keys.keys[0].clone();
    keys.keys = vec![first; MAX_CIRCUIT_KEYS + 1];
    let e = keys.holder_keys().unwrap_err();
    assert_eq!(
        e,
        PresentationError::Credential(CredentialError::TooManyItems {
            what: "circuit key pairs",
            max: MAX_CIRCUIT_KEYS,
            got: MAX_CIRCUIT_KEYS + 1,
        })
    );
}

/// The wallet's JSON with `edit` applied to its one stored credential, loaded again.
fn load_edited(edit: impl FnOnce(&mut Value)) -> Result<Wallet, CredentialError> {
    let mut value: Value = serde_json::from_str(&world().wallet.to_json().unwrap()).unwrap();
    edit(&mut value);
    Wallet::from_json(&value.to_string())
}

/// The id of the wallet's one credential.
fn stored_id() -> String {
    let (id, _) = world().wallet.credentials().next().unwrap();
    id.to_string()
}

fn assert_corrupt(e: CredentialError, id: &str) {
    match &e {
        CredentialError::CorruptCredential {
            id: named, schema, ..
        } => {
            assert_eq!(named, id);
            assert_eq!(schema, "vn.commune.identity");
        }
        other => panic!("expected a corrupt credential error, got {other}"),
    }
    assert!(e.to_string().contains(id), "{e}");
}

#[test]
fn honest_wallet_loads() {
    let json = world().wallet.to_json().unwrap();
    let start = Instant::now();
    let again = Wallet::from_json(&json).unwrap();
    eprintln!(
        "wallet of one credential loaded and checked in {:?}",
        start.elapsed()
    );
    assert_eq!(again.credentials().count(), 1);
}

#[test]
fn wallet_with_a_flipped_signature_byte_is_refused() {
    let mut edited_id = String::new();
    let e = load_edited(|w| {
        let sig = &mut w["credentials"][0]["credential"]["signature"];
        let mut bytes = hex::decode(sig.as_str().unwrap()).unwrap();
        // The last byte of `e` (a scalar, big-endian): still canonical, so the signature
        // decodes and only the verification can notice.
        *bytes.last_mut().unwrap() ^= 1;
        *sig = Value::String(hex::encode(&bytes));
        let cred = zkcred::credential::Credential::from_json(
            &w["credentials"][0]["credential"].to_string(),
        )
        .unwrap();
        edited_id = CredentialId::of(&cred).to_string();
    })
    .unwrap_err();
    assert_ne!(edited_id, stored_id());
    assert_corrupt(e, &edited_id);
}

#[test]
fn wallet_with_an_edited_attribute_is_refused() {
    let e = load_edited(|w| {
        w["credentials"][0]["credential"]["attributes"]["full_name"] =
            json!({ "string": "Trần Thị B" });
    })
    .unwrap_err();
    assert_corrupt(e, &stored_id());
}

#[test]
fn wallet_with_another_holder_secret_is_refused() {
    let other = Wallet::new(&mut ChaCha20Rng::seed_from_u64(99));
    let other: Value = serde_json::from_str(&other.to_json().unwrap()).unwrap();
    let e = load_edited(|w| {
        assert_ne!(w["holder_secret"], other["holder_secret"]);
        w["holder_secret"] = other["holder_secret"].clone();
    })
    .unwrap_err();
    assert_corrupt(e, &stored_id());
}

#[test]
fn errors_quoting_long_names_stay_short() {
    let long = "a".repeat(10_000);
    let e = Schema::new(
        "vn.commune.identity",
        1,
        vec![AttributeDef::new(long.clone(), AttributeKind::String)],
    )
    .unwrap_err();
    assert!(
        matches!(&e, CredentialError::InvalidAttributeName(name) if *name == long),
        "the typed error keeps the whole name"
    );
    assert!(e.to_string().len() < 300, "{e}");

    let mut r = request();
    r.credentials[0].label = long;
    let e = r.validate().unwrap_err();
    assert!(e.to_string().len() < 300, "{e}");
}

/// A wallet of five credentials from two issuers (both ciphersuites): three from the world's
/// issuer, two from a second one.
fn five_credential_wallet() -> &'static Wallet {
    static WALLET: OnceLock<Wallet> = OnceLock::new();
    WALLET.get_or_init(|| {
        let w = world();
        let mut rng = ChaCha20Rng::seed_from_u64(43);
        let other = Issuer::generate(
            "UBND xã Tân Phú",
            IssuerTier::Commune,
            Jurisdiction::new("VN-92-0002", None).unwrap(),
            Ciphersuite::Bls12381Shake256,
            &mut rng,
        )
        .unwrap();
        let mut wallet = Wallet::new(&mut rng);
        for (k, issuer) in [&w.issuer, &w.issuer, &other, &w.issuer, &other]
            .into_iter()
            .enumerate()
        {
            let request = wallet
                .request_issuance(&w.schema, issuer.public_info(), &mut rng)
                .unwrap();
            let content = CredentialContent {
                attributes: [
                    (
                        "full_name".to_string(),
                        AttributeValue::String(format!("Nguyễn Văn {k}")),
                    ),
                    (
                        "birth_date".to_string(),
                        AttributeValue::Date(date(1990 + k as i64, 4, 2)),
                    ),
                ]
                .into(),
                issued_on: date(2024, 1, 15),
                expires_on: date(2034, 1, 14),
            };
            let issued = issuer
                .issue(&w.schema, &content, &request, &mut rng)
                .unwrap();
            wallet
                .accept(&issued, &w.schema, issuer.public_info())
                .unwrap();
        }
        wallet
    })
}

/// The five-credential wallet's JSON with the full name of the stored credentials at
/// `positions` (in the JSON's order) edited; with the ids of those credentials.
fn five_with_edited_names(positions: &[usize]) -> (String, Vec<String>) {
    let wallet = five_credential_wallet();
    let mut value: Value = serde_json::from_str(&wallet.to_json().unwrap()).unwrap();
    let ids: Vec<String> = wallet.credentials().map(|(id, _)| id.to_string()).collect();
    for &p in positions {
        value["credentials"][p]["credential"]["attributes"]["full_name"] =
            json!({ "string": "Trần Thị B" });
    }
    (
        value.to_string(),
        positions.iter().map(|&p| ids[p].clone()).collect(),
    )
}

#[test]
fn wallet_of_five_credentials_loads_in_one_batch() {
    let json = five_credential_wallet().to_json().unwrap();
    let start = Instant::now();
    let again = Wallet::from_json(&json).unwrap();
    eprintln!(
        "wallet of five credentials (two issuers) loaded and checked in {:?}",
        start.elapsed()
    );
    assert_eq!(again.credentials().count(), 5);
    let again = Wallet::from_json_with_rng(&json, &mut ChaCha20Rng::seed_from_u64(1)).unwrap();
    assert_eq!(again.credentials().count(), 5);
}

#[test]
fn wallet_of_five_with_one_corrupted_names_it() {
    for position in 0..5 {
        let (json, ids) = five_with_edited_names(&[position]);
        let e = Wallet::from_json(&json).unwrap_err();
        assert!(!e.to_string().contains("more credential"), "{e}");
        assert_corrupt(e, &ids[0]);
        let e = Wallet::from_json_with_rng(&json, &mut ChaCha20Rng::seed_from_u64(2)).unwrap_err();
        assert_corrupt(e, &ids[0]);
    }
}

#[test]
fn wallet_of_five_with_two_corrupted_names_the_first_and_counts_the_other() {
    let (json, ids) = five_with_edited_names(&[1, 3]);
    let e = Wallet::from_json(&json).unwrap_err();
    assert!(
        e.to_string()
            .ends_with("; 1 more credential of the wallet is corrupt"),
        "{e}"
    );
    assert!(!e.to_string().contains(&ids[1]), "{e}");
    assert_corrupt(e, &ids[0]);
}
