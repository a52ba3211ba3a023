//! The credential flow end to end: blind issuance, the wallet, presentation requests,
//! presentations and the verifier, with every bad input giving its typed error.
//!
//! Story: a commune issues an identity credential (name, birth date), a province issues a
//! residency credential (province); a clinic asks "age ≥ 18, living in the Mekong Delta, same
//! person on both, neither expired" under its pseudonym scope, and learns only that (and the
//! name it asks to see). The Groth16 setups are made once and shared.

use rand_chacha::{rand_core::SeedableRng, ChaCha20Rng};
use std::collections::BTreeMap;
use std::sync::OnceLock;
use zkcred::bbs::Ciphersuite;
use zkcred::credential::{
    AcceptedIssuers, AttributeDef, AttributeKind, AttributePredicate, AttributeValue,
    CredentialContent, CredentialRequest, EnumLabel, InMemoryNonceStore, Issuer, IssuerTier,
    JsonDocument, Jurisdiction, Nonce, PredicateKeySet, PredicateSpec, Presentation,
    PresentationError, PresentationRequest, RequestWindow, Schema, SignedRequest, Timestamp,
    TrustRegistry, Verifier, VerifierKey, VerifierRegistry, VerifierSetup, Wallet,
};
use zkcred::predicate::{Date, HolderKeys};

const SCOPE: &str = "clinic.example/patients";
/// A second scope of the same clinic.
const RESEARCH_SCOPE: &str = "clinic.example/research";

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
    identity: Schema,
    residency: Schema,
    commune: Issuer,
    province: Issuer,
    wallet: Wallet,
    key_set: PredicateKeySet,
}

fn identity_schema() -> Schema {
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

fn residency_schema() -> Schema {
    let codes = [
        ("ha_noi", 1),
        ("quang_nam", 49),
        ("an_giang", 89),
        ("kien_giang", 91),
        ("can_tho", 92),
    ];
    Schema::new(
        "vn.province.residency",
        1,
        vec![AttributeDef::new(
            "province",
            AttributeKind::Enumeration {
                codes: codes.iter().map(|(l, c)| EnumLabel::new(*l, *c)).collect(),
            },
        )],
    )
    .unwrap()
}

fn mekong() -> Vec<String> {
    ["an_giang", "kien_giang", "can_tho"]
        .iter()
        .map(|s| s.to_string())
        .collect()
}

/// Runs the three issuance steps and stores the credential.
fn issue(
    wallet: &mut Wallet,
    issuer: &Issuer,
    schema: &Schema,
    attributes: &[(&str, AttributeValue)],
    expires_on: Date,
    rng: &mut ChaCha20Rng,
) {
    let request = wallet
        .request_issuance(schema, issuer.public_info(), rng)
        .unwrap();
    // Through JSON, as it travels.
    let request =
        zkcred::credential::IssuanceRequest::from_json(&request.to_json().unwrap()).unwrap();
    let content = CredentialContent {
        attributes: attributes
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect(),
        issued_on: date(2024, 1, 15),
        expires_on,
    };
    let issued = issuer.issue(schema, &content, &request, rng).unwrap();
    let issued =
        zkcred::credential::IssuedCredential::from_json(&issued.to_json().unwrap()).unwrap();
    wallet
        .accept(&issued, schema, issuer.public_info())
        .unwrap();
}

fn clinic_request(nonce_seed: u64, scope: Option<&str>) -> PresentationRequest {
    let w = world();
    let mut r = PresentationRequest::new(
        "clinic.example",
        Nonce::random(&mut ChaCha20Rng::seed_from_u64(nonce_seed)),
        window(),
    );
    let mut id = CredentialRequest::new("identity", *w.identity.id());
    id.accepted_issuers = AcceptedIssuers {
        tiers: Some(vec![IssuerTier::Commune]),
        ..AcceptedIssuers::any()
    };
    id.disclose = vec!["full_name".into()];
    id.predicates = vec![
        AttributePredicate::new(
            "birth_date",
            PredicateSpec::AgeAtLeast {
                years: 18,
                today: today(),
            },
        ),
        AttributePredicate::not_expired(today()),
    ];
    let mut res = CredentialRequest::new("residency", *w.residency.id());
    res.accepted_issuers = AcceptedIssuers {
        jurisdictions: Some(vec!["VN-92".into(), "VN-89".into()]),
        ..AcceptedIssuers::any()
    };
    res.predicates = vec![
        AttributePredicate::new("province", PredicateSpec::InSet { labels: mekong() }),
        AttributePredicate::not_expired(today()),
    ];
    r.credentials = vec![id, res];
    r.same_holder = true;
    r.pseudonym_scope = scope.map(str::to_owned);
    r
}

fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| {
        let mut rng = ChaCha20Rng::seed_from_u64(1);
        let suite = Ciphersuite::Bls12381Sha256;
        let commune = Issuer::generate(
            "UBND phường An Hòa",
            IssuerTier::Commune,
            Jurisdiction::new("VN-92-0001", None).unwrap(),
            suite,
            &mut rng,
        )
        .unwrap();
        let province = Issuer::generate(
            "UBND thành phố Cần Thơ",
            IssuerTier::Province,
            Jurisdiction::new("VN-92", None).unwrap(),
            suite,
            &mut rng,
        )
        .unwrap();
        let (identity, residency) = (identity_schema(), residency_schema());
        let mut wallet = Wallet::new(&mut rng);
        issue(
            &mut wallet,
            &commune,
            &identity,
            &[
                ("full_name", AttributeValue::String("Nguyễn Văn A".into())),
                ("birth_date", AttributeValue::Date(date(2001, 4, 2))),
            ],
            date(2034, 1, 14),
            &mut rng,
        );
        issue(
            &mut wallet,
            &province,
            &residency,
            &[("province", AttributeValue::Enum("can_tho".into()))],
            date(2030, 1, 14),
            &mut rng,
        );
        let mut w = World {
            identity,
            residency,
            commune,
            province,
            wallet,
            key_set: PredicateKeySet::default(),
        };
        // The verifier's setups (age, date comparison, the Mekong set): made once.
        let template = {
            // clinic_request needs the world's schema ids only.
            let mut r =
                PresentationRequest::new("clinic.example", Nonce::from_bytes([0; 32]), window());
            let mut id = CredentialRequest::new("identity", *w.identity.id());
            id.predicates = vec![
                AttributePredicate::new(
                    "birth_date",
                    PredicateSpec::AgeAtLeast {
                        years: 18,
                        today: today(),
                    },
                ),
                AttributePredicate::not_expired(today()),
            ];
            let mut res = CredentialRequest::new("residency", *w.residency.id());
            res.predicates = vec![AttributePredicate::new(
                "province",
                PredicateSpec::InSet { labels: mekong() },
            )];
            r.credentials = vec![id, res];
            r
        };
        let mut setup = VerifierSetup::new();
        setup
            .add_request(
                &template,
                &[w.identity.clone(), w.residency.clone()],
                &mut rng,
            )
            .unwrap();
        // Published as JSON; the holder checks the keys when loading them.
        w.key_set = PredicateKeySet::from_json(&setup.key_set().to_json().unwrap()).unwrap();
        w
    })
}

fn holder_keys() -> &'static HolderKeys {
    static KEYS: OnceLock<HolderKeys> = OnceLock::new();
    KEYS.get_or_init(|| world().key_set.holder_keys().unwrap())
}

/// The commune may issue identity credentials, the province residency credentials.
fn registry() -> TrustRegistry {
    let w = world();
    let mut r = TrustRegistry::new();
    r.insert(w.commune.public_info().clone(), [*w.identity.id()])
        .unwrap();
    r.insert(w.province.public_info().clone(), [*w.residency.id()])
        .unwrap();
    r
}

fn verifier_with(registry: TrustRegistry, schemas: Vec<Schema>) -> Verifier {
    Verifier::new(
        registry,
        schemas,
        world().key_set.verifier_keys(),
        Box::new(InMemoryNonceStore::new()),
    )
}

fn verifier() -> Verifier {
    let w = world();
    verifier_with(registry(), vec![w.identity.clone(), w.residency.clone()])
}

/// The clinic's signing key; it owns both scopes.
fn clinic_key() -> &'static VerifierKey {
    static KEY: OnceLock<VerifierKey> = OnceLock::new();
    KEY.get_or_init(|| {
        VerifierKey::generate(
            "clinic.example",
            "Clinic",
            vec![SCOPE.into(), RESEARCH_SCOPE.into()],
            &mut ChaCha20Rng::seed_from_u64(7),
        )
        .unwrap()
    })
}

/// The wallet's verifier registry: the clinic.
fn verifiers() -> &'static VerifierRegistry {
    static REG: OnceLock<VerifierRegistry> = OnceLock::new();
    REG.get_or_init(|| {
        let mut r = VerifierRegistry::new();
        r.insert(clinic_key().public_info().clone()).unwrap();
        r
    })
}

/// The request signed by the clinic, through JSON as it travels.
fn signed(request: &PresentationRequest) -> SignedRequest {
    let s = SignedRequest::sign(request.clone(), clinic_key()).unwrap();
    SignedRequest::from_json(&s.to_json().unwrap()).unwrap()
}

fn present(request: &PresentationRequest, seed: u64) -> Presentation {
    let p = world()
        .wallet
        .present(
            &signed(request),
            verifiers(),
            holder_keys(),
            Some(now()),
            &mut ChaCha20Rng::seed_from_u64(seed),
        )
        .unwrap();
    // Through JSON, as it travels.
    Presentation::from_json(&p.to_json().unwrap()).unwrap()
}

#[test]
fn full_story_verifier_learns_only_what_is_asked() {
    let request =
        PresentationRequest::from_json(&clinic_request(10, Some(SCOPE)).to_json().unwrap())
            .unwrap();
    let p = present(&request, 11);
    let out = verifier().verify(&request, &p, Some(now())).unwrap();
    let expected: BTreeMap<String, AttributeValue> = [(
        "full_name".to_string(),
        AttributeValue::String("Nguyễn Văn A".into()),
    )]
    .into();
    assert_eq!(out.disclosed["identity"], expected);
    assert!(out.disclosed["residency"].is_empty());
    // The four asked, and the default "issued on or before the request's date" per credential
    // (each request's not_expired already covers expiry).
    assert_eq!(out.predicates_held.len(), 6);
    let defaults: Vec<&str> = out
        .predicates_held
        .iter()
        .filter(|p| p.description.ends_with("(default)"))
        .map(|p| p.attribute.as_str())
        .collect();
    assert_eq!(defaults, ["issued_on", "issued_on"]);
    assert!(out.same_holder);
    assert!(out.pseudonym.is_some());
    // Nothing else travels: no birth date, province or dates in the presentation.
    let json = p.to_json().unwrap();
    for secret in [
        "2001-04-02",
        "can_tho",
        "birth_date",
        "2034-01-14",
        "province",
    ] {
        assert!(!json.contains(secret), "{secret} leaked");
    }
    assert!(p.json_size() > p.binary_size());
}

#[test]
fn pseudonym_is_stable_per_scope_and_differs_across_scopes() {
    let v = verifier();
    let r1 = clinic_request(20, Some(SCOPE));
    let r2 = clinic_request(21, Some(SCOPE));
    let r3 = clinic_request(22, Some(RESEARCH_SCOPE));
    let n1 = v
        .verify(&r1, &present(&r1, 1), Some(now()))
        .unwrap()
        .pseudonym;
    let n2 = v
        .verify(&r2, &present(&r2, 2), Some(now()))
        .unwrap()
        .pseudonym;
    let n3 = v
        .verify(&r3, &present(&r3, 3), Some(now()))
        .unwrap()
        .pseudonym;
    assert_eq!(n1, n2);
    assert_ne!(n1, n3);
    // Without a scope: a random context, no pseudonym reported, nothing to link.
    let r4 = clinic_request(23, None);
    let out = v.verify(&r4, &present(&r4, 4), Some(now())).unwrap();
    assert_eq!(out.pseudonym, None);
}

#[test]
fn malformed_json_is_a_typed_error() {
    for text in ["{", "[]", r#"{"version": 3}"#, r#"{"version": 2, "x": 1}"#] {
        let e: PresentationError = PresentationRequest::from_json(text).unwrap_err().into();
        assert!(matches!(e, PresentationError::MalformedJson(_)), "{e}");
    }
    for text in ["{", "[]", r#"{"version": 1, "x": 1}"#, r#"{"version": 2}"#] {
        let e: PresentationError = Presentation::from_json(text).unwrap_err().into();
        assert!(matches!(e, PresentationError::MalformedJson(_)), "{e}");
    }
    // A version-1 request (dated, no window) says what changed.
    let e: PresentationError = PresentationRequest::from_json(r#"{"version": 1}"#)
        .unwrap_err()
        .into();
    assert_eq!(
        e,
        PresentationError::Credential(zkcred::credential::CredentialError::DatedRequest)
    );
    let e: PresentationError = Wallet::from_json("{\"version\":1}").unwrap_err().into();
    assert!(matches!(e, PresentationError::MalformedJson(_)));
}

#[test]
fn unknown_schema_and_untrusted_issuer() {
    let w = world();
    let request = clinic_request(30, Some(SCOPE));
    let p = present(&request, 31);
    let v = verifier_with(registry(), vec![w.identity.clone()]);
    assert!(matches!(
        v.verify(&request, &p, Some(now())).unwrap_err(),
        PresentationError::UnknownSchema(_)
    ));
    let mut only_commune = TrustRegistry::new();
    only_commune
        .insert(w.commune.public_info().clone(), [*w.identity.id()])
        .unwrap();
    let v = verifier_with(only_commune, vec![w.identity.clone(), w.residency.clone()]);
    assert!(matches!(
        v.verify(&request, &p, Some(now())).unwrap_err(),
        PresentationError::UntrustedIssuer(_)
    ));
    // The holder, asked for a schema it has no credential of, refuses with a reason.
    let mut r = clinic_request(32, None);
    r.credentials[1].schema_id = *identity_schema_v2().id();
    let e = w
        .wallet
        .present(
            &signed(&r),
            verifiers(),
            holder_keys(),
            Some(now()),
            &mut ChaCha20Rng::seed_from_u64(1),
        )
        .unwrap_err();
    assert!(
        matches!(&e, PresentationError::CannotSatisfy { label, .. } if label == "residency"),
        "{e}"
    );
}

fn identity_schema_v2() -> Schema {
    Schema::new(
        "vn.commune.identity",
        2,
        vec![AttributeDef::new("full_name", AttributeKind::String)],
    )
    .unwrap()
}

#[test]
fn holder_refuses_what_it_cannot_satisfy() {
    let w = world();
    let mut rng = ChaCha20Rng::seed_from_u64(40);
    // Issuer not accepted by the policy.
    let mut r = clinic_request(41, None);
    r.credentials[1].accepted_issuers.tiers = Some(vec![IssuerTier::National]);
    let e = w
        .wallet
        .present(
            &signed(&r),
            verifiers(),
            holder_keys(),
            Some(now()),
            &mut rng,
        )
        .unwrap_err();
    assert!(e.to_string().contains("from an accepted issuer"), "{e}");
    // A predicate that does not hold.
    let mut r = clinic_request(42, None);
    r.credentials[1].predicates[0] = AttributePredicate::new(
        "province",
        PredicateSpec::InSet {
            labels: vec!["ha_noi".into()],
        },
    );
    let e = w
        .wallet
        .present(
            &signed(&r),
            verifiers(),
            holder_keys(),
            Some(now()),
            &mut rng,
        )
        .unwrap_err();
    assert!(
        e.to_string().contains("does not hold for any credential"),
        "{e}"
    );
}

#[test]
fn expired_credential_is_refused_by_holder_and_verifier() {
    let w = world();
    let mut rng = ChaCha20Rng::seed_from_u64(50);
    let mut wallet = Wallet::new(&mut rng);
    issue(
        &mut wallet,
        &w.commune,
        &w.identity,
        &[
            ("full_name", AttributeValue::String("Trần Thị B".into())),
            ("birth_date", AttributeValue::Date(date(1990, 1, 1))),
        ],
        date(2025, 1, 1),
        &mut rng,
    );
    let mut r = clinic_request(51, None);
    r.credentials.truncate(1);
    r.same_holder = false;
    let e = wallet
        .present(
            &signed(&r),
            verifiers(),
            holder_keys(),
            Some(now()),
            &mut rng,
        )
        .unwrap_err();
    assert_eq!(
        e,
        PresentationError::CredentialExpired {
            label: "identity".into(),
            expires_on: "2025-01-01".into()
        }
    );
    assert_eq!(e.to_string(), "credential 'identity' expired on 2025-01-01");
    // A request without the expiry predicate, hiding or showing the expiry: the validity
    // default still applies, so the holder refuses the same way (the verifier's side is in
    // tests/secure_defaults.rs).
    for disclose in [false, true] {
        let mut r = clinic_request(52, None);
        r.credentials.truncate(1);
        r.same_holder = false;
        r.credentials[0].predicates.truncate(1);
        if disclose {
            r.credentials[0].disclose.push("expires_on".into());
        }
        assert_eq!(
            wallet
                .present(
                    &signed(&r),
                    verifiers(),
                    holder_keys(),
                    Some(now()),
                    &mut rng
                )
                .unwrap_err(),
            PresentationError::CredentialExpired {
                label: "identity".into(),
                expires_on: "2025-01-01".into()
            }
        );
    }
}

fn expect_tampered(request: &PresentationRequest, p: &Presentation) {
    let e = verifier().verify(request, p, Some(now())).unwrap_err();
    assert!(matches!(e, PresentationError::Tampered { .. }), "{e}");
}

#[test]
fn tampered_presentations_are_rejected() {
    let request = clinic_request(60, Some(SCOPE));
    let honest = present(&request, 61);
    // A flipped bit in a BBS response (e^, bytes 144..176 of the proof).
    let mut json: serde_json::Value = serde_json::from_str(&honest.to_json().unwrap()).unwrap();
    let proof = json["credentials"][0]["proof"]
        .as_str()
        .unwrap()
        .to_string();
    let mut chars: Vec<char> = proof.chars().collect();
    chars[351] = if chars[351] == '0' { '1' } else { '0' };
    json["credentials"][0]["proof"] = serde_json::Value::String(chars.into_iter().collect());
    let p = Presentation::from_json(&json.to_string()).unwrap();
    expect_tampered(&request, &p);
    // A changed disclosed value.
    let mut p = honest.clone();
    p.credentials[0].disclosed.insert(
        "full_name".into(),
        AttributeValue::String("Someone Else".into()),
    );
    expect_tampered(&request, &p);
    // Swapped predicate attachments (within a credential, and across credentials).
    let mut p = honest.clone();
    p.credentials[0].predicate_proofs.swap(0, 1);
    expect_tampered(&request, &p);
    let mut p = honest.clone();
    let a = p.credentials[0].predicate_proofs[1].clone();
    p.credentials[0].predicate_proofs[1] = p.credentials[1].predicate_proofs[1].clone();
    p.credentials[1].predicate_proofs[1] = a;
    expect_tampered(&request, &p);
    // A changed link response.
    let mut p = honest.clone();
    p.credentials[1].link_response = p.credentials[0].link_response;
    expect_tampered(&request, &p);
    // The honest one still verifies: failed attempts did not burn the nonce.
    verifier().verify(&request, &honest, Some(now())).unwrap();
}

#[test]
fn replayed_nonce_is_refused() {
    let request = clinic_request(70, Some(SCOPE));
    let p = present(&request, 71);
    let v = verifier();
    v.verify(&request, &p, Some(now())).unwrap();
    assert_eq!(
        v.verify(&request, &p, Some(now())).unwrap_err(),
        PresentationError::ReplayedNonce("clinic.example".into())
    );
}

#[test]
fn presentation_for_another_request_is_refused() {
    let a = clinic_request(80, Some(SCOPE));
    let b = clinic_request(81, Some(SCOPE));
    let p = present(&a, 82);
    assert!(matches!(
        verifier().verify(&b, &p, Some(now())).unwrap_err(),
        PresentationError::RequestMismatch(_)
    ));
    // Even with the request id forged to match, the proofs are bound to the other nonce.
    let mut forged = p.clone();
    forged.request_id = b.id();
    expect_tampered(&b, &forged);
}

#[test]
fn wallet_json_roundtrip_and_redaction() {
    let w = world();
    let json = w.wallet.to_json().unwrap();
    let again = Wallet::from_json(&json).unwrap();
    assert_eq!(again.credentials().count(), 2);
    let debug = format!("{:?}", w.wallet);
    assert!(debug.contains("<redacted>"));
    // The reloaded wallet still proves.
    let request = clinic_request(90, Some(SCOPE));
    let p = again
        .present(
            &signed(&request),
            verifiers(),
            holder_keys(),
            Some(now()),
            &mut ChaCha20Rng::seed_from_u64(91),
        )
        .unwrap();
    verifier().verify(&request, &p, Some(now())).unwrap();
}

#[test]
fn issuance_checks() {
    let w = world();
    let mut rng = ChaCha20Rng::seed_from_u64(100);
    let mut wallet = Wallet::new(&mut rng);
    let req = wallet
        .request_issuance(&w.identity, w.commune.public_info(), &mut rng)
        .unwrap();
    let content = CredentialContent {
        attributes: [
            ("full_name".to_string(), AttributeValue::String("C".into())),
            (
                "birth_date".to_string(),
                AttributeValue::Date(date(2000, 1, 1)),
            ),
        ]
        .into(),
        issued_on: date(2024, 1, 1),
        expires_on: date(2030, 1, 1),
    };
    // Wrong schema for the request.
    assert!(matches!(
        w.commune
            .issue(&w.residency, &content, &req, &mut rng)
            .unwrap_err(),
        PresentationError::UnknownSchema(_)
    ));
    // A credential whose values were changed after signing is refused by the wallet.
    let mut issued = w
        .commune
        .issue(&w.identity, &content, &req, &mut rng)
        .unwrap();
    issued
        .credential
        .attributes
        .insert("full_name".into(), AttributeValue::String("D".into()));
    assert!(matches!(
        wallet
            .accept(&issued, &w.identity, w.commune.public_info())
            .unwrap_err(),
        PresentationError::Issuance(_)
    ));
}

#[test]
fn request_json_and_id_are_stable() {
    let r = clinic_request(110, Some(SCOPE));
    let json = r.to_json().unwrap();
    let again = PresentationRequest::from_json(&json).unwrap();
    assert_eq!(again, r);
    assert_eq!(again.id(), r.id());
    assert_ne!(clinic_request(111, Some(SCOPE)).id(), r.id());
}

/// A credential claimed to come from an issuer that the registry trusts but the request's
/// policy does not accept (identity must come from a commune) is refused by the verifier.
#[test]
fn verifier_refuses_an_issuer_the_request_does_not_accept() {
    let w = world();
    let request = clinic_request(60, None);
    let mut p = present(&request, 61);
    p.credentials[0].issuer_id = Some(*w.province.id());
    // The registry authorises the province for identity credentials too: only the request's
    // policy stands in the way.
    let mut registry = registry();
    registry
        .authorise(w.province.id(), *w.identity.id())
        .unwrap();
    let v = verifier_with(registry, vec![w.identity.clone(), w.residency.clone()]);
    let e = v.verify(&request, &p, Some(now())).unwrap_err();
    assert!(
        matches!(&e, PresentationError::IssuerNotAccepted { label, .. } if label == "identity"),
        "{e}"
    );
}
