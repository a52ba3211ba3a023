//! Signed presentation requests, verifier registries and pseudonym scopes, attacked as a
//! deviating verifier would: unsigned, forged, tampered and impersonating requests, another
//! verifier's scope, and the same-holder default.
//!
//! The requests ask for no predicate (no Groth16 setup), so every test is quick: a wallet with
//! an identity credential and a residency credential, a clinic and a pharmacy as verifiers.

use ark_bls12_381::{Fq, G1Affine};
use ark_ec::AffineRepr;
use rand_chacha::{rand_core::SeedableRng, ChaCha20Rng};
use std::sync::OnceLock;
use zkcred::bbs::Ciphersuite;
use zkcred::credential::{
    pseudonym_context_id, AttributeDef, AttributeKind, AttributeValue, CredentialContent,
    CredentialError, CredentialRequest, InMemoryNonceStore, Issuer, IssuerTier, JsonDocument,
    Jurisdiction, LinkCommitment, Nonce, PredicateKeySet, Presentation, PresentationError,
    PresentationRequest, RequestAuthError, RequestWindow, Schema, SignedRequest, Timestamp,
    TrustRegistry, Verifier, VerifierKey, VerifierPublicInfo, VerifierRegistry, VerifierSetup,
    Wallet,
};
use zkcred::predicate::{Date, HolderKeys};

const CLINIC_SCOPE: &str = "visits";

struct World {
    identity: Schema,
    residency: Schema,
    registry: TrustRegistry,
    wallet: Wallet,
    clinic: VerifierKey,
    pharmacy: VerifierKey,
    /// The Groth16 keys of the default validity proofs (every request here asks for both
    /// credentials with no predicate of its own, so the keys are the same for all).
    key_set: PredicateKeySet,
}

fn today() -> Date {
    Date::new(2026, 11, 22).unwrap()
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

fn schema(name: &str, attribute: &str) -> Schema {
    Schema::new(
        name,
        1,
        vec![AttributeDef::new(attribute, AttributeKind::String)],
    )
    .unwrap()
}

fn issue(wallet: &mut Wallet, issuer: &Issuer, schema: &Schema, attr: &str, rng: &mut ChaCha20Rng) {
    let request = wallet
        .request_issuance(schema, issuer.public_info(), rng)
        .unwrap();
    let content = CredentialContent {
        attributes: [(attr.to_string(), AttributeValue::String("x".into()))].into(),
        issued_on: Date::new(2024, 1, 15).unwrap(),
        expires_on: Date::new(2034, 1, 14).unwrap(),
    };
    let issued = issuer.issue(schema, &content, &request, rng).unwrap();
    wallet
        .accept(&issued, schema, issuer.public_info())
        .unwrap();
}

fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| {
        let rng = &mut ChaCha20Rng::seed_from_u64(1);
        let suite = Ciphersuite::Bls12381Sha256;
        let place = Jurisdiction::new("VN-92", None).unwrap();
        let commune =
            Issuer::generate("Commune", IssuerTier::Commune, place.clone(), suite, rng).unwrap();
        let province =
            Issuer::generate("Province", IssuerTier::Province, place, suite, rng).unwrap();
        let identity = schema("vn.commune.identity", "full_name");
        let residency = schema("vn.province.residency", "address");
        let mut wallet = Wallet::new(rng);
        issue(&mut wallet, &commune, &identity, "full_name", rng);
        issue(&mut wallet, &province, &residency, "address", rng);
        let mut registry = TrustRegistry::new();
        registry
            .insert(commune.public_info().clone(), [*identity.id()])
            .unwrap();
        registry
            .insert(province.public_info().clone(), [*residency.id()])
            .unwrap();
        let mut template = PresentationRequest::new("clinic", Nonce::from_bytes([0; 32]), window());
        template.credentials = vec![
            CredentialRequest::new("identity", *identity.id()),
            CredentialRequest::new("residency", *residency.id()),
        ];
        let mut setup = VerifierSetup::new();
        setup
            .add_request(&template, &[identity.clone(), residency.clone()], rng)
            .unwrap();
        let clinic =
            VerifierKey::generate("clinic", "Clinic", vec![CLINIC_SCOPE.into()], rng).unwrap();
        let pharmacy =
            VerifierKey::generate("pharmacy", "Pharmacy", vec!["sales".into()], rng).unwrap();
        World {
            identity,
            residency,
            registry,
            wallet,
            clinic,
            pharmacy,
            key_set: setup.key_set(),
        }
    })
}

/// The wallet's verifier registry: clinic (owns "visits") and pharmacy (owns "sales").
fn verifiers() -> VerifierRegistry {
    let w = world();
    let mut r = VerifierRegistry::new();
    r.insert(w.clinic.public_info().clone()).unwrap();
    r.insert(w.pharmacy.public_info().clone()).unwrap();
    r
}

fn holder_keys() -> HolderKeys {
    world().key_set.holder_keys().unwrap()
}

/// A request of `verifier_id` for both credentials (nothing disclosed), with `scope`.
fn request(verifier_id: &str, scope: Option<&str>, seed: u64) -> PresentationRequest {
    let w = world();
    let nonce = Nonce::random(&mut ChaCha20Rng::seed_from_u64(seed));
    let mut r = PresentationRequest::new(verifier_id, nonce, window());
    r.credentials = vec![
        CredentialRequest::new("identity", *w.identity.id()),
        CredentialRequest::new("residency", *w.residency.id()),
    ];
    r.pseudonym_scope = scope.map(str::to_owned);
    r
}

fn sign(r: PresentationRequest, key: &VerifierKey) -> SignedRequest {
    let s = SignedRequest::sign(r, key).unwrap();
    // Through JSON, as it travels.
    SignedRequest::from_json(&s.to_json().unwrap()).unwrap()
}

fn present_with(
    s: &SignedRequest,
    registry: &VerifierRegistry,
) -> Result<Presentation, PresentationError> {
    world().wallet.present(
        s,
        registry,
        &holder_keys(),
        Some(now()),
        &mut ChaCha20Rng::seed_from_u64(9),
    )
}

fn auth_error(e: PresentationError) -> RequestAuthError {
    match e {
        PresentationError::RequestAuth(a) => a,
        other => panic!("expected a request authentication error, got {other}"),
    }
}

fn verifier() -> Verifier {
    let w = world();
    Verifier::new(
        w.registry.clone(),
        vec![w.identity.clone(), w.residency.clone()],
        w.key_set.verifier_keys(),
        Box::new(InMemoryNonceStore::new()),
    )
}

/// Presents `s` and has its own verifier check it; returns the pseudonym.
fn pseudonym_of(
    s: &SignedRequest,
    registry: &VerifierRegistry,
    own: &VerifierPublicInfo,
) -> String {
    let p = present_with(s, registry).unwrap();
    let out = verifier().verify_signed(s, own, &p, Some(now())).unwrap();
    out.pseudonym.unwrap()
}

/// Changes the signed request's JSON with `f` and reads it back.
fn edited(s: &SignedRequest, f: impl FnOnce(&mut serde_json::Value)) -> SignedRequest {
    let mut v: serde_json::Value = serde_json::from_str(&s.to_json().unwrap()).unwrap();
    f(&mut v);
    SignedRequest::from_json(&v.to_string()).unwrap()
}

#[test]
fn a_signed_request_of_a_registered_verifier_is_answered_and_verified() {
    let w = world();
    let s = sign(request("clinic", Some(CLINIC_SCOPE), 1), &w.clinic);
    assert_eq!(s.request_id(), s.request().id());
    let p = present_with(&s, &verifiers()).unwrap();
    let out = verifier()
        .verify_signed(&s, w.clinic.public_info(), &p, Some(now()))
        .unwrap();
    // The context is derived from the verifier id and the scope, not the raw scope string.
    assert_eq!(p.context_id, pseudonym_context_id("clinic", CLINIC_SCOPE));
    assert_ne!(p.context_id, CLINIC_SCOPE);
    assert!(out.pseudonym.is_some());
    // The same scope again gives the same pseudonym.
    let again = sign(request("clinic", Some(CLINIC_SCOPE), 2), &w.clinic);
    assert_eq!(
        pseudonym_of(&again, &verifiers(), w.clinic.public_info()),
        out.pseudonym.unwrap()
    );
}

#[test]
fn an_unsigned_request_is_refused() {
    let plain = request("clinic", Some(CLINIC_SCOPE), 3).to_json().unwrap();
    let e = SignedRequest::from_json(&plain).unwrap_err();
    assert_eq!(e, CredentialError::RequestAuth(RequestAuthError::Unsigned));
    // Through the presentation error type, as the wallet's callers see it.
    let e: PresentationError = e.into();
    assert_eq!(auth_error(e), RequestAuthError::Unsigned);
    // A signed request without its signature field is not one either.
    let s = sign(request("clinic", None, 3), &world().clinic);
    let mut v: serde_json::Value = serde_json::from_str(&s.to_json().unwrap()).unwrap();
    v.as_object_mut().unwrap().remove("signature");
    assert!(SignedRequest::from_json(&v.to_string()).is_err());
}

#[test]
fn a_tampered_request_is_refused() {
    let w = world();
    let s = sign(request("clinic", Some(CLINIC_SCOPE), 4), &w.clinic);
    // same_holder switched off after signing.
    let t = edited(&s, |v| v["request"]["same_holder"] = false.into());
    assert!(matches!(
        auth_error(present_with(&t, &verifiers()).unwrap_err()),
        RequestAuthError::Tampered { .. }
    ));
    // The nonce changed, and the request id recomputed to match: the signature breaks.
    let mut changed = s.request().clone();
    changed.nonce = Nonce::from_bytes([7; 32]);
    let id = changed.id().to_string();
    let t = edited(&s, |v| {
        v["request"]["nonce"] = hex::encode([7u8; 32]).into();
        v["request_id"] = id.into();
    });
    assert_eq!(
        auth_error(present_with(&t, &verifiers()).unwrap_err()),
        RequestAuthError::BadSignature("clinic".into())
    );
    // The verifier's own check refuses it too.
    assert_eq!(
        t.verify_by(w.clinic.public_info()).unwrap_err(),
        RequestAuthError::BadSignature("clinic".into())
    );
}

#[test]
fn a_bad_signature_and_an_impersonation_are_refused() {
    let w = world();
    let s = sign(request("clinic", Some(CLINIC_SCOPE), 5), &w.clinic);
    // One bit of the signature flipped.
    let t = edited(&s, |v| {
        let sig = v["signature"].as_str().unwrap().to_string();
        let flipped = if sig.starts_with('0') { "1" } else { "0" };
        v["signature"] = format!("{flipped}{}", &sig[1..]).into();
    });
    assert_eq!(
        auth_error(present_with(&t, &verifiers()).unwrap_err()),
        RequestAuthError::BadSignature("clinic".into())
    );
    // The pharmacy cannot sign in the clinic's name...
    let e = SignedRequest::sign(request("clinic", None, 6), &w.pharmacy).unwrap_err();
    assert!(matches!(
        auth_error(e),
        RequestAuthError::WrongVerifier { .. }
    ));
    // ...nor relabel its own signed request as the clinic's.
    let own = sign(request("pharmacy", None, 6), &w.pharmacy);
    let mut as_clinic = own.request().clone();
    as_clinic.verifier_id = "clinic".into();
    let id = as_clinic.id().to_string();
    let t = edited(&own, |v| {
        v["request"]["verifier_id"] = "clinic".into();
        v["request_id"] = id.into();
    });
    assert_eq!(
        auth_error(present_with(&t, &verifiers()).unwrap_err()),
        RequestAuthError::BadSignature("clinic".into())
    );
}

#[test]
fn an_unregistered_verifier_is_refused() {
    let w = world();
    let rogue = VerifierKey::generate(
        "rogue",
        "Rogue",
        vec!["x".into()],
        &mut ChaCha20Rng::seed_from_u64(66),
    )
    .unwrap();
    let s = sign(request("rogue", Some("x"), 7), &rogue);
    assert_eq!(
        auth_error(present_with(&s, &verifiers()).unwrap_err()),
        RequestAuthError::UnknownVerifier("rogue".into())
    );
    // A registry without the clinic refuses the clinic.
    let mut only_pharmacy = VerifierRegistry::new();
    only_pharmacy
        .insert(w.pharmacy.public_info().clone())
        .unwrap();
    let s = sign(request("clinic", None, 8), &w.clinic);
    assert_eq!(
        auth_error(present_with(&s, &only_pharmacy).unwrap_err()),
        RequestAuthError::UnknownVerifier("clinic".into())
    );
}

/// Verifier B asks for verifier A's scope: refused by the wallet. Verifier B with a scope of
/// its own with the same name (in another registry) gets an unrelated pseudonym.
#[test]
fn a_second_verifier_cannot_obtain_the_clinics_pseudonym() {
    let w = world();
    let clinic_nym = pseudonym_of(
        &sign(request("clinic", Some(CLINIC_SCOPE), 10), &w.clinic),
        &verifiers(),
        w.clinic.public_info(),
    );
    // The pharmacy signs, validly, a request for the clinic's scope.
    let stolen = sign(request("pharmacy", Some(CLINIC_SCOPE), 11), &w.pharmacy);
    assert_eq!(
        auth_error(present_with(&stolen, &verifiers()).unwrap_err()),
        RequestAuthError::ScopeNotOwned {
            verifier: "pharmacy".into(),
            scope: CLINIC_SCOPE.into(),
            owner: Some("clinic".into()),
        }
    );
    // A scope nobody owns is refused as well.
    let unowned = sign(request("pharmacy", Some("anything"), 12), &w.pharmacy);
    assert!(matches!(
        auth_error(present_with(&unowned, &verifiers()).unwrap_err()),
        RequestAuthError::ScopeNotOwned { owner: None, .. }
    ));
    // Elsewhere (another registry), a verifier B that owns a scope named like the clinic's.
    let b = VerifierKey::generate(
        "pharmacy",
        "Pharmacy",
        vec![CLINIC_SCOPE.into()],
        &mut ChaCha20Rng::seed_from_u64(12),
    )
    .unwrap();
    let mut elsewhere = VerifierRegistry::new();
    elsewhere.insert(b.public_info().clone()).unwrap();
    let b_nym = pseudonym_of(
        &sign(request("pharmacy", Some(CLINIC_SCOPE), 13), &b),
        &elsewhere,
        b.public_info(),
    );
    assert_ne!(b_nym, clinic_nym);
    // And a registry cannot give one scope to two verifiers.
    let mut both = verifiers();
    assert_eq!(
        both.insert(b.public_info().clone()).unwrap_err(),
        RequestAuthError::DuplicateVerifier("pharmacy".into())
    );
    let c = VerifierKey::generate(
        "lab",
        "Lab",
        vec![CLINIC_SCOPE.into()],
        &mut ChaCha20Rng::seed_from_u64(14),
    )
    .unwrap();
    assert!(matches!(
        both.insert(c.public_info().clone()).unwrap_err(),
        RequestAuthError::ScopeTaken { .. }
    ));
}

#[test]
fn a_presentation_for_a_raw_scope_context_is_refused_by_the_verifier() {
    let w = world();
    let s = sign(request("clinic", Some(CLINIC_SCOPE), 15), &w.clinic);
    let mut p = present_with(&s, &verifiers()).unwrap();
    p.context_id = CLINIC_SCOPE.into();
    assert!(matches!(
        verifier().verify_signed(&s, w.clinic.public_info(), &p, Some(now())),
        Err(PresentationError::RequestMismatch(_))
    ));
}

#[test]
fn two_credentials_prove_the_same_holder_unless_the_request_opts_out() {
    let w = world();
    // The default, in the API and in JSON.
    let r = request("clinic", None, 20);
    assert!(r.same_holder);
    let mut v: serde_json::Value = serde_json::from_str(&r.to_json().unwrap()).unwrap();
    v.as_object_mut().unwrap().remove("same_holder");
    assert!(
        PresentationRequest::from_json(&v.to_string())
            .unwrap()
            .same_holder
    );
    let s = sign(r, &w.clinic);
    let p = present_with(&s, &verifiers()).unwrap();
    assert!(p.holder_link.is_some());
    assert!(p.credentials.iter().all(|c| c.link_response.is_some()));
    let out = verifier()
        .verify_signed(&s, w.clinic.public_info(), &p, Some(now()))
        .unwrap();
    assert!(out.same_holder);
    // The verifier enforces it: the link stripped is refused.
    let s2 = sign(request("clinic", None, 21), &w.clinic);
    let mut stripped = present_with(&s2, &verifiers()).unwrap();
    stripped.holder_link = None;
    for c in &mut stripped.credentials {
        c.link_response = None;
    }
    assert!(matches!(
        verifier().verify_signed(&s2, w.clinic.public_info(), &stripped, Some(now())),
        Err(PresentationError::RequestMismatch(_))
    ));
    // E built in memory: the identity, a point on the curve outside G1's prime-order
    // subgroup, an off-curve point: refused before any proof is checked.
    let honest = present_with(&s2, &verifiers()).unwrap();
    for bad in [G1Affine::zero(), outside_subgroup(), off_curve()] {
        let mut q = honest.clone();
        q.holder_link = Some(LinkCommitment(bad));
        let e = verifier()
            .verify_signed(&s2, w.clinic.public_info(), &q, Some(now()))
            .unwrap_err();
        assert!(
            matches!(&e, PresentationError::Tampered { label, .. } if label == "holder_link"),
            "{e}"
        );
    }
    // An explicit opt-out: no link, and the verifier reports none.
    let mut r = request("clinic", None, 22);
    r.same_holder = false;
    let s = sign(r, &w.clinic);
    let p = present_with(&s, &verifiers()).unwrap();
    assert!(p.holder_link.is_none());
    let out = verifier()
        .verify_signed(&s, w.clinic.public_info(), &p, Some(now()))
        .unwrap();
    assert!(!out.same_holder);
    // One credential has nothing to link.
    let mut r = request("clinic", None, 23);
    r.credentials.truncate(1);
    assert!(r.same_holder && !r.links_holder());
    let p = present_with(&sign(r, &w.clinic), &verifiers()).unwrap();
    assert!(p.holder_link.is_none());
}

#[test]
fn the_verifier_checks_its_own_request() {
    let w = world();
    let s = sign(request("clinic", Some(CLINIC_SCOPE), 30), &w.clinic);
    s.verify_by(w.clinic.public_info()).unwrap();
    assert!(matches!(
        s.verify_by(w.pharmacy.public_info()).unwrap_err(),
        RequestAuthError::WrongVerifier { .. }
    ));
    let p = present_with(&s, &verifiers()).unwrap();
    assert!(matches!(
        verifier().verify_signed(&s, w.pharmacy.public_info(), &p, Some(now())),
        Err(PresentationError::RequestAuth(
            RequestAuthError::WrongVerifier { .. }
        ))
    ));
}

#[test]
fn verifier_documents_roundtrip_and_keep_the_key_secret() {
    let w = world();
    let key_json = w.clinic.to_json().unwrap();
    let again = VerifierKey::from_json(&key_json).unwrap();
    assert_eq!(again.public_info(), w.clinic.public_info());
    // Signatures of the reloaded key verify under the registered public key.
    let s = sign(request("clinic", None, 40), &again);
    s.verify_by(w.clinic.public_info()).unwrap();
    // Debug never shows the secret key.
    let v: serde_json::Value = serde_json::from_str(&key_json).unwrap();
    let secret = v["secret_key"].as_str().unwrap();
    assert_eq!(secret.len(), 64);
    assert!(!format!("{:?}", w.clinic).contains(secret));
    // A key file whose secret is another verifier's is refused.
    let other: serde_json::Value = serde_json::from_str(&w.pharmacy.to_json().unwrap()).unwrap();
    let mut mixed = v.clone();
    mixed["secret_key"] = other["secret_key"].clone();
    assert_eq!(
        VerifierKey::from_json(&mixed.to_string()).unwrap_err(),
        CredentialError::RequestAuth(RequestAuthError::KeyMismatch)
    );
    // Public info and registry round trips; bad documents give typed errors.
    let reg = verifiers();
    assert_eq!(
        VerifierRegistry::from_json(&reg.to_json().unwrap()).unwrap(),
        reg
    );
    let info: serde_json::Value =
        serde_json::from_str(&w.clinic.public_info().to_json().unwrap()).unwrap();
    let mut bad = info.clone();
    bad["id"] = "Clinic!".into();
    assert!(matches!(
        VerifierPublicInfo::from_json(&bad.to_string()).unwrap_err(),
        CredentialError::RequestAuth(RequestAuthError::InvalidVerifierId(_))
    ));
    let mut bad = info.clone();
    bad["public_key"] = "00".repeat(32).into();
    assert!(VerifierPublicInfo::from_json(&bad.to_string()).is_err());
    let mut bad = info.clone();
    bad["scopes"] = serde_json::json!(["a", "a"]);
    assert!(matches!(
        VerifierPublicInfo::from_json(&bad.to_string()).unwrap_err(),
        CredentialError::RequestAuth(RequestAuthError::DuplicateScope { .. })
    ));
    let twice = serde_json::json!({"version": 1, "verifiers": [info.clone(), info]});
    assert_eq!(
        VerifierRegistry::from_json(&twice.to_string()).unwrap_err(),
        CredentialError::RequestAuth(RequestAuthError::DuplicateVerifier("clinic".into()))
    );
    for text in ["{", "[]", r#"{"version": 2}"#, r#"{"version": 1}"#] {
        assert!(VerifierRegistry::from_json(text).is_err());
        assert!(SignedRequest::from_json(text).is_err());
    }
}

/// The window is part of the signed bytes: extending `valid_until` (or moving `made_at`,
/// which moves the day credentials are judged on) after signing breaks the signature, with
/// or without the request id recomputed; the JSON carries both instants as RFC 3339 UTC.
#[test]
fn the_window_is_signed() {
    let w = world();
    let s = sign(request("clinic", None, 50), &w.clinic);
    let v: serde_json::Value = serde_json::from_str(&s.to_json().unwrap()).unwrap();
    assert_eq!(v["request"]["version"], 2);
    assert_eq!(v["request"]["made_at"], "2026-11-22T09:30:00Z");
    assert_eq!(v["request"]["valid_until"], "2026-11-22T10:30:00Z");
    assert!(v["request"].get("date").is_none());
    for (field, value) in [
        ("valid_until", "2026-11-29T09:30:00Z"),
        ("made_at", "2026-11-22T10:00:00Z"),
    ] {
        // Edited alone: the stated id no longer matches.
        let t = edited(&s, |v| v["request"][field] = value.into());
        assert!(matches!(
            auth_error(present_with(&t, &verifiers()).unwrap_err()),
            RequestAuthError::Tampered { .. }
        ));
        // Edited with the id recomputed: the signature breaks.
        let mut changed = s.request().clone();
        let instant = Timestamp::parse(value).unwrap();
        match field {
            "valid_until" => changed.window.valid_until = instant,
            _ => changed.window.made_at = instant,
        }
        assert_ne!(changed.id(), s.request_id());
        let id = changed.id().to_string();
        let t = edited(&s, |v| {
            v["request"][field] = value.into();
            v["request_id"] = id.into();
        });
        assert_eq!(
            auth_error(present_with(&t, &verifiers()).unwrap_err()),
            RequestAuthError::BadSignature("clinic".into())
        );
        assert_eq!(
            t.verify_by(w.clinic.public_info()).unwrap_err(),
            RequestAuthError::BadSignature("clinic".into())
        );
    }
}

/// `validate` refuses a window that ends at or before it starts, or lasts longer than
/// `MAX_REQUEST_LIFETIME`; so do signing, reading and verifying.
#[test]
fn inverted_and_overlong_windows_are_refused() {
    use zkcred::credential::MAX_REQUEST_LIFETIME;
    let w = world();
    let start = now();
    let second = std::time::Duration::from_secs(1);
    let cases = [
        (start, "is not after made_at"),
        (start.checked_sub(second).unwrap(), "is not after made_at"),
        (
            start.checked_add(MAX_REQUEST_LIFETIME + second).unwrap(),
            "at most 7d",
        ),
    ];
    for (valid_until, needle) in cases {
        let mut r = request("clinic", None, 51);
        r.window.valid_until = valid_until;
        let e = r.validate().unwrap_err();
        assert!(matches!(e, CredentialError::InvalidRequestWindow(_)), "{e}");
        assert!(e.to_string().contains(needle), "{e}");
        assert!(SignedRequest::sign(r.clone(), &w.clinic).is_err());
        // Read from JSON: refused as well.
        let mut v: serde_json::Value =
            serde_json::from_str(&request("clinic", None, 51).to_json().unwrap()).unwrap();
        v["valid_until"] = valid_until.to_string().into();
        let e = PresentationRequest::from_json(&v.to_string()).unwrap_err();
        assert!(e.to_string().contains(needle), "{e}");
        // The verifier calls it an invalid request (not an expired one).
        let p = present_with(&sign(request("clinic", None, 51), &w.clinic), &verifiers()).unwrap();
        assert!(matches!(
            verifier().verify(&r, &p, Some(now())).unwrap_err(),
            PresentationError::InvalidRequest(_)
        ));
    }
    // Exactly the maximum is fine.
    let mut r = request("clinic", None, 52);
    r.window.valid_until = start.checked_add(MAX_REQUEST_LIFETIME).unwrap();
    r.validate().unwrap();
}

/// A version-1 request (with `date`) is refused for its version, with a message saying
/// what requests carry now, alone or inside a signed request; so are malformed instants.
#[test]
fn a_dated_version_1_request_is_refused_with_a_clear_message() {
    let s = sign(request("clinic", None, 53), &world().clinic);
    let mut v: serde_json::Value = serde_json::from_str(&s.to_json().unwrap()).unwrap();
    let r = v["request"].as_object_mut().unwrap();
    r.remove("made_at");
    r.remove("valid_until");
    r.insert("date".into(), "2026-11-22".into());
    r.insert("version".into(), 1.into());
    let old_request = serde_json::Value::Object(r.clone()).to_string();
    for e in [
        PresentationRequest::from_json(&old_request).unwrap_err(),
        SignedRequest::from_json(&v.to_string()).unwrap_err(),
    ] {
        assert_eq!(e, CredentialError::DatedRequest);
        assert!(
            e.to_string()
                .contains("requests now carry made_at and valid_until"),
            "{e}"
        );
    }
    // Version 2 with a malformed instant: a timestamp error naming the format.
    for bad in [
        "2026-11-22T09:30:00+07:00",
        "2026-11-22",
        "2026-11-22T09:30:00.5Z",
    ] {
        let mut v: serde_json::Value =
            serde_json::from_str(&request("clinic", None, 54).to_json().unwrap()).unwrap();
        v["made_at"] = bad.into();
        let e = PresentationRequest::from_json(&v.to_string()).unwrap_err();
        assert!(e.to_string().contains("YYYY-MM-DDTHH:MM:SSZ"), "{bad}: {e}");
    }
}

/// A point of E(Fq) outside G1's prime-order subgroup (the curve's cofactor is not 1).
fn outside_subgroup() -> G1Affine {
    (1u64..)
        .filter_map(|x| G1Affine::get_point_from_x_unchecked(Fq::from(x), false))
        .find(|p| !p.is_in_correct_subgroup_assuming_on_curve())
        .unwrap()
}

/// (1, 1): not on the curve y² = x³ + 4.
fn off_curve() -> G1Affine {
    G1Affine::new_unchecked(Fq::from(1u64), Fq::from(1u64))
}
