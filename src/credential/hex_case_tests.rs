//! Hex is read in either case and written lowercase: a document with uppercase hex reads as
//! the same value as the lowercase one, ids parsed from either are one id, and a key set
//! cannot list one circuit twice by changing the case of its id.

use super::*;
use rand_chacha::{rand_core::SeedableRng, ChaCha20Rng};
use serde_json::Value;

/// `value` with every hex string (only `0-9 a-f`, even length, at least 16 digits) in
/// uppercase, at any depth.
fn upper_hex(value: &mut Value) {
    match value {
        Value::String(s)
            if s.len() >= 16 && s.len() % 2 == 0 && s.bytes().all(|b| b.is_ascii_hexdigit()) =>
        {
            *s = s.to_ascii_uppercase();
        }
        Value::Array(items) => items.iter_mut().for_each(upper_hex),
        Value::Object(map) => map.values_mut().for_each(upper_hex),
        _ => {}
    }
}

/// The JSON of `doc` with its hex in uppercase; checks that something changed.
fn shouted<T: JsonDocument>(doc: &T) -> String {
    let text = doc.to_json().unwrap();
    let mut value: Value = serde_json::from_str(&text).unwrap();
    upper_hex(&mut value);
    let upper = value.to_string();
    assert_ne!(
        upper,
        serde_json::to_string(&serde_json::from_str::<Value>(&text).unwrap()).unwrap()
    );
    upper
}

/// Reads the uppercase form of `doc`, which must equal `doc` and be written back lowercase.
fn reads_the_same<T: JsonDocument + PartialEq + core::fmt::Debug>(doc: &T) {
    let read = T::from_json(&shouted(doc)).unwrap();
    assert_eq!(&read, doc);
    assert_eq!(read.to_json().unwrap(), doc.to_json().unwrap());
}

fn schema() -> Schema {
    Schema::new(
        "vn.commune.identity",
        1,
        vec![
            AttributeDef::new("full_name", AttributeKind::String),
            AttributeDef::new("birth_date", AttributeKind::Date),
        ],
    )
    .unwrap()
}

#[test]
fn uppercase_hex_documents_read_as_the_lowercase_ones() {
    let mut rng = ChaCha20Rng::seed_from_u64(11);
    let schema = schema();
    reads_the_same(&schema);
    let jurisdiction = Jurisdiction::new("VN-44", None).unwrap();
    let issuer = Issuer::generate(
        "UBND xã Mỹ Hòa Hưng",
        IssuerTier::Commune,
        jurisdiction,
        zkcred_bbs::Ciphersuite::Bls12381Sha256,
        &mut rng,
    )
    .unwrap();
    reads_the_same(issuer.public_info());
    let key_file = Issuer::from_json(&shouted(&issuer)).unwrap();
    assert_eq!(key_file.public_info(), issuer.public_info());
    assert_eq!(key_file.secret_key(), issuer.secret_key());

    let mut wallet = Wallet::new(&mut rng);
    let request = wallet
        .request_issuance(&schema, issuer.public_info(), &mut rng)
        .unwrap();
    reads_the_same(&request);
    assert_eq!(
        IssuanceRequest::from_json(&shouted(&request)).unwrap().id(),
        request.id()
    );

    let clinic =
        VerifierKey::generate("clinic", "Phòng khám", vec!["visits".into()], &mut rng).unwrap();
    reads_the_same(clinic.public_info());
    let key = VerifierKey::from_json(&shouted(&clinic)).unwrap();
    assert_eq!(key.public_info(), clinic.public_info());

    let mut plain = PresentationRequest::new(
        "clinic",
        Nonce::random(&mut rng),
        crate::credential::RequestWindow::starting(
            crate::credential::Timestamp::start_of(Date::new(2026, 11, 30).unwrap()).unwrap(),
            std::time::Duration::from_secs(3600),
        )
        .unwrap(),
    );
    plain.credentials = vec![CredentialRequest::new("identity", *schema.id())];
    let signed = SignedRequest::sign(plain, &clinic).unwrap();
    reads_the_same(&signed);
    // The uppercase request is the same request: same id, and its signature still verifies.
    let read = SignedRequest::from_json(&shouted(&signed)).unwrap();
    assert_eq!(read.request().id(), signed.request().id());
    assert_eq!(read.request().nonce, signed.request().nonce);
    read.verify_by(clinic.public_info()).unwrap();
}

#[test]
fn ids_parse_in_either_case_as_one_id() {
    let id = *schema().id();
    let upper: SchemaId = id.to_string().to_ascii_uppercase().parse().unwrap();
    assert_eq!(upper, id);
    assert_eq!(upper.to_string(), id.to_string());
    let nonce = Nonce::from_bytes([0xab; 32]);
    let upper: Nonce = "AB".repeat(32).parse().unwrap();
    assert_eq!(upper, nonce);
    let mixed: RequestId = "aB".repeat(32).parse().unwrap();
    assert_eq!(mixed, RequestId::from_bytes([0xab; 32]));
}

#[test]
fn a_key_set_cannot_list_one_circuit_twice_in_two_cases() {
    let id = "ab".repeat(32);
    let entry = |circuit_id: &str| serde_json::json!({ "circuit_id": circuit_id, "proving_key": "00", "verifying_key": "00" });
    let text = serde_json::json!({
        "version": 2,
        "keys": [entry(&id), entry(&id.to_ascii_uppercase())],
    })
    .to_string();
    assert_eq!(
        PredicateKeySet::from_json(&text).unwrap_err(),
        CredentialError::DuplicateCircuit(id)
    );
}
