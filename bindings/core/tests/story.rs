//! The whole story through the packages' surface: an issuer, a holder, a verifier; and what
//! a deviating party tries (a tampered request, another verifier's request, a replay, a
//! wrong passphrase, malformed documents).

mod common;

use common::{world_of, NOW, SCHEMA};
use serde_json::{json, Value};
use zkcred_bindings_core::{consent, holder, vault, verifier, ErrorKind};

/// The age-over-18 request spec on the identity schema, with a disclosed name.
fn spec() -> String {
    json!({
        "version": 1,
        "credentials": [{
            "label": "identity",
            "schema": "vn.commune.identity",
            "accepted_issuers": { "tiers": ["commune"] },
            "disclose": ["commune"],
            "predicates": [
                { "attribute": "birth_date", "predicate": { "age_at_least": { "years": 18, "today": "today" } } }
            ]
        }],
        "pseudonym_scope": "clinic-visits"
    })
    .to_string()
}

/// The world of [`common::world_of`] with the request of [`spec`].
fn world() -> common::World {
    world_of(&spec(), 42)
}

fn session(w: &common::World) -> verifier::VerifierSession {
    w.session()
}

#[test]
fn issuer_holder_verifier() {
    let mut w = world();
    let listed: Value =
        serde_json::from_str(&holder::list(&w.wallet, &mut w.rng).unwrap()).unwrap();
    assert_eq!(listed[0]["schema"], "vn.commune.identity");
    assert_eq!(listed[0]["attributes"]["birth_date"], "2001-04-02");

    let described: Value = serde_json::from_str(
        &consent::describe_request(&w.wallet, &w.signed, &w.verifiers, None, NOW, &mut w.rng)
            .unwrap(),
    )
    .unwrap();
    let c = &described["credentials"][0];
    assert_eq!(described["verifier"]["name"], "Phòng khám");
    assert_eq!(c["disclosed"], json!(["commune"]));
    assert_eq!(c["hidden"], json!(["full_name", "birth_date"]));
    assert!(c["proven"][0]
        .as_str()
        .unwrap()
        .starts_with("birth_date: age at least 18"));
    assert_eq!(c["candidates"].as_array().unwrap().len(), 1);
    assert!(described["lines"]
        .to_string()
        .contains("pseudonym for scope 'clinic-visits'"));

    let presentation = holder::present(
        &w.wallet,
        &w.signed,
        &w.verifiers,
        None,
        &w.keys,
        NOW,
        &mut w.rng,
    )
    .unwrap();
    let s = session(&w);
    let result: Value =
        serde_json::from_str(&s.verify(&w.signed, &presentation, NOW).unwrap()).unwrap();
    let text = result.to_string();
    assert!(text.contains("age at least 18"), "{text}");
    assert!(text.contains("my_hoa_hung"), "{text}");
    assert!(
        !text.contains("2001-04-02") && !text.contains("Nguyễn"),
        "{text}"
    );

    // The same presentation again: the nonce was consumed.
    let replay = s.verify(&w.signed, &presentation, NOW).unwrap_err();
    assert_eq!(replay.kind, ErrorKind::PresentationRejected, "{replay}");

    // A fresh request (new nonce) is answered and accepted by the same session.
    let fresh = w.request(&spec());
    let again = holder::present(
        &w.wallet,
        &fresh,
        &w.verifiers,
        None,
        &w.keys,
        NOW,
        &mut w.rng,
    )
    .unwrap();
    s.verify(&fresh, &again, NOW).unwrap();
}

#[test]
fn a_tampered_request_is_refused_before_anything_is_proven() {
    let mut w = world();
    // Ask for the birth date as well, keeping the clinic's signature.
    let tampered = w.signed.replacen("\"commune\"", "\"birth_date\"", 1);
    assert_ne!(tampered, w.signed);
    for result in [
        holder::present(
            &w.wallet,
            &tampered,
            &w.verifiers,
            None,
            &w.keys,
            NOW,
            &mut w.rng,
        ),
        consent::describe_request(&w.wallet, &tampered, &w.verifiers, None, NOW, &mut w.rng),
    ] {
        let e = result.unwrap_err();
        assert_eq!(e.kind, ErrorKind::RequestRefused, "{e}");
    }
}

#[test]
fn a_request_of_an_unlisted_verifier_is_refused() {
    let mut w = world();
    let rogue = verifier::new_verifier(
        r#"{"id": "rogue", "name": "Rogue", "scopes": ["clinic-visits"]}"#,
        &mut w.rng,
    )
    .unwrap();
    let made = verifier::make_request(
        &rogue.key,
        &spec(),
        &format!("[{SCHEMA}]"),
        None,
        None,
        NOW,
        600,
        &mut w.rng,
    )
    .unwrap();
    let e = holder::present(
        &w.wallet,
        &made.signed_request,
        &w.verifiers,
        None,
        &made.keys,
        NOW,
        &mut w.rng,
    )
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::RequestRefused, "{e}");
    assert!(e.message.contains("rogue"), "{e}");
}

#[test]
fn an_expired_request_is_refused() {
    let mut w = world();
    let later = "2026-11-30T10:00:00Z";
    let e = holder::present(
        &w.wallet,
        &w.signed,
        &w.verifiers,
        None,
        &w.keys,
        later,
        &mut w.rng,
    )
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::RequestRefused, "{e}");
    assert!(e.message.contains("expired"), "{e}");
}

#[test]
fn malformed_documents_are_invalid_input() {
    let mut w = world();
    for bad in ["", "{", "[]", "{\"version\": 1}", "{\"version\": 99}"] {
        let e = holder::list(bad, &mut w.rng).unwrap_err();
        assert_eq!(e.kind, ErrorKind::InvalidInput, "{bad}: {e}");
        assert!(e.message.starts_with("wallet: "), "{e}");
        let e = session(&w).verify(&w.signed, bad, NOW).unwrap_err();
        assert_eq!(e.kind, ErrorKind::PresentationRejected, "{bad}: {e}");
    }
}

#[test]
fn a_sealed_wallet_opens_only_under_its_passphrase() {
    let mut w = world();
    let sealed = vault::seal(&w.wallet, "mật khẩu dài", &mut w.rng).unwrap();
    assert!(!sealed.contains("holder_secret"));
    assert_eq!(*vault::open(&sealed, "mật khẩu dài").unwrap(), w.wallet);
    let e = vault::open(&sealed, "mật khẩu dai").unwrap_err();
    assert_eq!(e.kind, ErrorKind::WrongPassphrase);
    // One flipped ciphertext digit: the tag fails, as for a wrong passphrase.
    let mut v: Value = serde_json::from_str(&sealed).unwrap();
    let ct = v["ciphertext"].as_str().unwrap().to_owned();
    let flipped = if ct.ends_with('0') { "1" } else { "0" };
    v["ciphertext"] = json!(format!("{}{flipped}", &ct[..ct.len() - 1]));
    assert_eq!(
        vault::open(&v.to_string(), "mật khẩu dài")
            .unwrap_err()
            .kind,
        ErrorKind::WrongPassphrase
    );
    // A file naming a huge iteration count is refused before any key is derived.
    let mut v: Value = serde_json::from_str(&sealed).unwrap();
    v["iterations"] = json!(4_000_000_000u32);
    let e = vault::open(&v.to_string(), "mật khẩu dài").unwrap_err();
    assert_eq!(e.kind, ErrorKind::InvalidInput, "{e}");
}

#[test]
fn list_arguments_take_documents_as_objects_or_as_text() {
    let w = world();
    let as_objects = format!("[{SCHEMA}]");
    let as_text = serde_json::to_string(&[SCHEMA]).unwrap();
    assert!(as_text.starts_with("[\""));
    for schemas in [as_objects, as_text] {
        verifier::VerifierSession::new(&w.clinic_public, &w.registry, &schemas, &w.keys).unwrap();
    }
    let e = verifier::VerifierSession::new(&w.clinic_public, &w.registry, "[1]", &w.keys)
        .err()
        .unwrap();
    assert!(e.message.starts_with("schemas[0]: "), "{e}");
}

#[test]
fn another_verifiers_scope_and_foreign_keys_are_refused() {
    let mut w = world();
    // The lab is in the wallet's registry, but asks under the clinic's pseudonym scope.
    let lab = verifier::new_verifier(
        r#"{"id": "lab", "name": "Lab", "scopes": ["lab-tests"]}"#,
        &mut w.rng,
    )
    .unwrap();
    let clinic_public: Value = serde_json::from_str(&w.clinic_public).unwrap();
    let lab_public: Value = serde_json::from_str(&lab.public).unwrap();
    let verifiers =
        verifier::verifier_registry(&json!([clinic_public, lab_public]).to_string()).unwrap();
    let made = verifier::make_request(
        &lab.key,
        &spec(),
        &w.schemas,
        None,
        None,
        NOW,
        600,
        &mut w.rng,
    )
    .unwrap();
    let e = holder::present(
        &w.wallet,
        &made.signed_request,
        &verifiers,
        None,
        &made.keys,
        NOW,
        &mut w.rng,
    )
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::RequestRefused, "{e}");
    assert!(e.message.contains("clinic-visits"), "{e}");

    // A clinic request whose circuit (set membership) is not among the keys given (the age
    // request's), and the age request with keys that do not read: refused before anything
    // is proven.
    let set_spec = json!({
        "version": 1,
        "credentials": [{
            "label": "identity",
            "schema": "vn.commune.identity",
            "predicates": [{ "attribute": "commune", "predicate": { "in_set": { "labels": ["my_hoa_hung", "my_binh"] } } }]
        }]
    })
    .to_string();
    let set_request = verifier::make_request(
        &w.clinic_key,
        &set_spec,
        &w.schemas,
        None,
        None,
        NOW,
        600,
        &mut w.rng,
    )
    .unwrap()
    .signed_request;
    let malformed = "{\"version\": 2, \"keys\": 7}";
    for (signed, keys) in [(&set_request, w.keys.as_str()), (&w.signed, malformed)] {
        let e = holder::present(&w.wallet, signed, &w.verifiers, None, keys, NOW, &mut w.rng)
            .unwrap_err();
        assert_eq!(e.kind, ErrorKind::RequestRefused, "{e}");
        assert!(e.message.contains("key"), "{e}");
    }
}
