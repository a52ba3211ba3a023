//! Secure defaults, tested as a hostile holder or issuer would attack them:
//!
//! - the trust registry says which schemas each issuer may issue, and the verifier refuses a
//!   credential of any other schema from it, whatever the request accepts;
//! - every presentation proves each credential valid on the request's date (not expired,
//!   already issued) even when the request asks nothing about dates, and the verifier compiles
//!   the same implicit statements, so a holder cannot leave their proofs out;
//! - a request is answered and verified only within its window (`made_at ..= valid_until`,
//!   with the clock skew), and an old one is refused as expired, not as invalid;
//! - credentials are judged on the UTC date of the request's `made_at`, whatever the
//!   verifier's own day.
//!
//! Story: a commune issues identity credentials, a province residency credentials; a shop
//! asks "over 18?" and nothing about validity.

use rand_chacha::{rand_core::SeedableRng, ChaCha20Rng};
use std::sync::OnceLock;
use std::time::Duration;
use zkcred::bbs::Ciphersuite;
use zkcred::credential::{
    AttributeDef, AttributeKind, AttributePredicate, AttributeValue, CredentialContent,
    CredentialError, CredentialRequest, EnumLabel, InMemoryNonceStore, IssuanceRequest, Issuer,
    IssuerTier, JsonDocument, Jurisdiction, Nonce, PredicateKeySet, PredicateSpec, Presentation,
    PresentationError, PresentationRequest, RequestWindow, Schema, SignedRequest, Timestamp,
    TrustRegistry, Verifier, VerifierKey, VerifierRegistry, VerifierSetup, Wallet, CLOCK_SKEW,
    EXPIRES_ON, ISSUED_ON,
};
use zkcred::predicate::{Date, HolderKeys};

fn date(y: i64, m: u32, d: u32) -> Date {
    Date::new(y, m, d).unwrap()
}

fn today() -> Date {
    date(2026, 11, 22)
}

fn ts(text: &str) -> Timestamp {
    Timestamp::parse(text).unwrap()
}

/// The shop's clock when it makes most requests: 09:30 UTC on [`today`].
fn now() -> Timestamp {
    ts("2026-11-22T09:30:00Z")
}

const HOUR: Duration = Duration::from_secs(3_600);

struct World {
    identity: Schema,
    residency: Schema,
    commune: Issuer,
    province: Issuer,
    key_set: PredicateKeySet,
    holder_keys: HolderKeys,
    shop: VerifierKey,
    verifiers: VerifierRegistry,
}

/// The request as the wallet receives it: signed by the shop.
fn signed(request: &PresentationRequest) -> SignedRequest {
    SignedRequest::sign(request.clone(), &world().shop).unwrap()
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
    Schema::new(
        "vn.province.residency",
        1,
        vec![AttributeDef::new(
            "province",
            AttributeKind::Enumeration {
                codes: vec![
                    EnumLabel::new("an_giang", 89),
                    EnumLabel::new("can_tho", 92),
                ],
            },
        )],
    )
    .unwrap()
}

/// "At least 18 on the request's day", about the identity credential only, no date
/// predicate; made at `made_at`, answerable for an hour.
fn age_request(nonce_seed: u64, made_at: Timestamp) -> PresentationRequest {
    // Not through `world()`: its setup uses this request.
    let nonce = Nonce::random(&mut ChaCha20Rng::seed_from_u64(nonce_seed));
    let on = made_at.date();
    let window = RequestWindow::starting(made_at, HOUR).unwrap();
    let mut r = PresentationRequest::new("shop.example", nonce, window);
    let mut id = CredentialRequest::new("identity", *identity_schema().id());
    id.predicates = vec![AttributePredicate::new(
        "birth_date",
        PredicateSpec::AgeAtLeast {
            years: 18,
            today: on,
        },
    )];
    r.credentials = vec![id];
    r
}

fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| {
        let mut rng = ChaCha20Rng::seed_from_u64(7);
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
        // The verifier's setup for the age request: the age circuit and, made automatically,
        // the two date comparisons of the validity defaults.
        let mut setup = VerifierSetup::new();
        setup
            .add_request(
                &age_request(0, now()),
                std::slice::from_ref(&identity),
                &mut rng,
            )
            .unwrap();
        let key_set = PredicateKeySet::from_json(&setup.key_set().to_json().unwrap()).unwrap();
        let holder_keys = key_set.holder_keys().unwrap();
        let shop = VerifierKey::generate("shop.example", "Shop", vec![], &mut rng).unwrap();
        let mut verifiers = VerifierRegistry::new();
        verifiers.insert(shop.public_info().clone()).unwrap();
        World {
            identity,
            residency,
            commune,
            province,
            key_set,
            holder_keys,
            shop,
            verifiers,
        }
    })
}

/// A wallet holding one identity credential from `issuer`, valid `issued_on..=expires_on`.
fn wallet_with_identity(issuer: &Issuer, issued_on: Date, expires_on: Date, seed: u64) -> Wallet {
    let w = world();
    let mut rng = ChaCha20Rng::seed_from_u64(seed);
    let mut wallet = Wallet::new(&mut rng);
    let request = wallet
        .request_issuance(&w.identity, issuer.public_info(), &mut rng)
        .unwrap();
    let request = IssuanceRequest::from_json(&request.to_json().unwrap()).unwrap();
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
        issued_on,
        expires_on,
    };
    let issued = issuer
        .issue(&w.identity, &content, &request, &mut rng)
        .unwrap();
    wallet
        .accept(&issued, &w.identity, issuer.public_info())
        .unwrap();
    wallet
}

/// A citizen's valid identity credential from the commune.
fn valid_wallet() -> &'static Wallet {
    static WALLET: OnceLock<Wallet> = OnceLock::new();
    WALLET.get_or_init(|| {
        wallet_with_identity(&world().commune, date(2024, 1, 15), date(2034, 1, 14), 1)
    })
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

fn verifier_with(registry: TrustRegistry) -> Verifier {
    let w = world();
    Verifier::new(
        registry,
        vec![w.identity.clone(), w.residency.clone()],
        w.key_set.verifier_keys(),
        Box::new(InMemoryNonceStore::new()),
    )
}

fn verifier() -> Verifier {
    verifier_with(registry())
}

/// The holder's answer, made when the request was made.
fn present(wallet: &Wallet, request: &PresentationRequest, seed: u64) -> Presentation {
    let p = wallet
        .present(
            &signed(request),
            &world().verifiers,
            &world().holder_keys,
            Some(request.window.made_at),
            &mut ChaCha20Rng::seed_from_u64(seed),
        )
        .unwrap();
    Presentation::from_json(&p.to_json().unwrap()).unwrap()
}

// ------------------------------------------------------------------ registry authorisation

/// The province is trusted (for residency), and the request accepts any issuer for the
/// identity credential; an identity credential the province signed is still refused.
#[test]
fn issuer_not_authorised_for_the_schema_is_refused_whatever_the_request_accepts() {
    let w = world();
    let wallet = wallet_with_identity(&w.province, date(2024, 1, 15), date(2034, 1, 14), 2);
    let request = age_request(10, now());
    assert!(request.credentials[0].accepted_issuers.ids.is_none());
    let p = present(&wallet, &request, 11);
    let e = verifier().verify(&request, &p, Some(now())).unwrap_err();
    assert_eq!(
        e,
        PresentationError::IssuerNotAuthorised {
            label: "identity".into(),
            issuer: w.province.id().to_string(),
            schema: w.identity.id().to_string(),
        }
    );
    assert!(
        e.to_string().contains("is not authorised to issue schema"),
        "{e}"
    );
    // Authorised, the same presentation verifies (the refusal did not burn the nonce).
    let mut wider = registry();
    assert!(wider.authorise(w.province.id(), *w.identity.id()).unwrap());
    assert!(!wider.authorise(w.province.id(), *w.identity.id()).unwrap());
    let v = verifier_with(wider);
    v.verify(&request, &p, Some(now())).unwrap();
}

#[test]
fn authorised_issuer_verifies_and_withdrawal_refuses() {
    let w = world();
    let request = age_request(20, now());
    let p = present(valid_wallet(), &request, 21);
    let mut r = registry();
    assert!(r.is_authorised(w.commune.id(), w.identity.id()));
    assert!(!r.is_authorised(w.commune.id(), w.residency.id()));
    assert!(r.deauthorise(w.commune.id(), w.identity.id()).unwrap());
    assert!(matches!(
        verifier_with(r)
            .verify(&request, &p, Some(now()))
            .unwrap_err(),
        PresentationError::IssuerNotAuthorised { .. }
    ));
    // An issuer listed for nothing is known but accepted for nothing.
    let mut r = TrustRegistry::new();
    r.insert(w.commune.public_info().clone(), []).unwrap();
    assert!(matches!(
        verifier_with(r)
            .verify(&request, &p, Some(now()))
            .unwrap_err(),
        PresentationError::IssuerNotAuthorised { .. }
    ));
    verifier().verify(&request, &p, Some(now())).unwrap();
}

#[test]
fn registry_json_carries_authorisations_and_refuses_version_1() {
    let w = world();
    let r = registry();
    let json = r.to_json().unwrap();
    let again = TrustRegistry::from_json(&json).unwrap();
    assert_eq!(again, r);
    assert!(again.is_authorised(w.province.id(), w.residency.id()));
    assert!(!again.is_authorised(w.province.id(), w.identity.id()));
    let listed: Vec<_> = again.authorised_schemas(w.commune.id()).unwrap().collect();
    assert_eq!(listed, [w.identity.id()]);

    let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["version"], 2);
    assert_eq!(
        v["issuers"][0]["schemas"].as_array().unwrap().len(),
        1,
        "{json}"
    );
    // The version-1 shape (bare issuer documents) is refused for its version, with a reason.
    let bare: Vec<serde_json::Value> = v["issuers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["issuer"].clone())
        .collect();
    let old = serde_json::json!({ "version": 1, "issuers": bare }).to_string();
    let e = TrustRegistry::from_json(&old).unwrap_err();
    assert_eq!(e, CredentialError::RegistryWithoutAuthorisations);
    assert!(e
        .to_string()
        .contains("version 1 has no schema authorisations"));
    // Version 2 without the list, or with a schema twice, is malformed.
    let mut missing = v.clone();
    missing["issuers"][0]
        .as_object_mut()
        .unwrap()
        .remove("schemas");
    assert!(matches!(
        TrustRegistry::from_json(&missing.to_string()).unwrap_err(),
        CredentialError::MalformedJson(_)
    ));
    let id = v["issuers"][0]["schemas"][0].clone();
    v["issuers"][0]["schemas"] = serde_json::json!([id.clone(), id]);
    assert!(matches!(
        TrustRegistry::from_json(&v.to_string()).unwrap_err(),
        CredentialError::MalformedJson(_)
    ));
    // Authorising an issuer that is not listed is an error, not a silent insert.
    let mut r = TrustRegistry::new();
    assert_eq!(
        r.authorise(w.commune.id(), *w.identity.id()).unwrap_err(),
        CredentialError::UnknownIssuer(w.commune.id().to_string())
    );
}

// ------------------------------------------------------------------ validity defaults

/// The age request asks nothing about dates; the presentation still proves both defaults
/// with hidden dates, and nothing about the dates travels.
#[test]
fn honest_presentation_proves_the_validity_defaults() {
    let request = age_request(30, now());
    let p = present(valid_wallet(), &request, 31);
    assert_eq!(p.credentials[0].predicate_proofs.len(), 3);
    let json = p.to_json().unwrap();
    for secret in ["2024-01-15", "2034-01-14", "2001-04-02"] {
        assert!(!json.contains(secret), "{secret} leaked");
    }
    let out = verifier().verify(&request, &p, Some(now())).unwrap();
    let held: Vec<(&str, &str)> = out
        .predicates_held
        .iter()
        .map(|h| (h.attribute.as_str(), h.description.as_str()))
        .collect();
    assert_eq!(
        held,
        [
            ("birth_date", "birth_date: age at least 18 on 2026-11-22"),
            (
                EXPIRES_ON,
                "expires_on: not expired on 2026-11-22 (default)"
            ),
            (
                ISSUED_ON,
                "issued_on: issued on or before 2026-11-22 (default)"
            ),
        ]
    );
}

/// Disclosed dates are checked directly: no Groth16 proof for them.
#[test]
fn disclosed_dates_are_checked_without_proofs() {
    let mut request = age_request(40, now());
    request.credentials[0].disclose = vec![ISSUED_ON.into(), EXPIRES_ON.into()];
    let p = present(valid_wallet(), &request, 41);
    assert_eq!(p.credentials[0].predicate_proofs.len(), 1);
    let out = verifier().verify(&request, &p, Some(now())).unwrap();
    assert_eq!(out.predicates_held.len(), 3);
    assert_eq!(
        out.disclosed["identity"][EXPIRES_ON],
        AttributeValue::Date(date(2034, 1, 14))
    );
}

/// An expired credential, and a request that asks nothing about expiry: the holder refuses;
/// a holder that answers the same request re-made on a day the credential was valid on is
/// refused by the verifier (the proofs are for another day), and so is the re-made request
/// itself (expired).
#[test]
fn expired_credential_is_refused_without_a_date_predicate() {
    let w = world();
    let wallet = wallet_with_identity(&w.commune, date(2015, 1, 1), date(2025, 1, 1), 3);
    let request = age_request(50, now());
    assert_eq!(
        wallet
            .present(
                &signed(&request),
                &w.verifiers,
                &w.holder_keys,
                Some(now()),
                &mut ChaCha20Rng::seed_from_u64(51)
            )
            .unwrap_err(),
        PresentationError::CredentialExpired {
            label: "identity".into(),
            expires_on: "2025-01-01".into()
        }
    );
    // Disclosing the expiry does not help either.
    let mut shown = age_request(52, now());
    shown.credentials[0].disclose = vec![EXPIRES_ON.into()];
    assert!(matches!(
        wallet
            .present(
                &signed(&shown),
                &w.verifiers,
                &w.holder_keys,
                Some(now()),
                &mut ChaCha20Rng::seed_from_u64(53)
            )
            .unwrap_err(),
        PresentationError::CredentialExpired { .. }
    ));
    // The holder proves against the request re-made on 2024-12-31 (same nonce, same age
    // predicate) and relabels the presentation as answering the real request.
    let mut old = age_request(50, now());
    old.window = RequestWindow::starting(ts("2024-12-31T09:30:00Z"), HOUR).unwrap();
    let mut p = present(&wallet, &old, 54);
    let e = verifier().verify(&old, &p, Some(now())).unwrap_err();
    assert!(matches!(e, PresentationError::RequestExpired { .. }), "{e}");
    p.request_id = request.id();
    let e = verifier().verify(&request, &p, Some(now())).unwrap_err();
    assert!(matches!(e, PresentationError::Tampered { .. }), "{e}");
}

#[test]
fn credential_issued_in_the_future_is_refused() {
    let w = world();
    let wallet = wallet_with_identity(&w.commune, date(2026, 12, 1), date(2036, 12, 1), 4);
    let request = age_request(60, now());
    let e = wallet
        .present(
            &signed(&request),
            &w.verifiers,
            &w.holder_keys,
            Some(now()),
            &mut ChaCha20Rng::seed_from_u64(61),
        )
        .unwrap_err();
    assert_eq!(
        e,
        PresentationError::NotYetValid {
            label: "identity".into(),
            date: "2026-11-22".into(),
            issued_on: "2026-12-01".into(),
        }
    );
    // Proving it for the day it starts and relabelling is caught as above.
    let mut later = age_request(60, now());
    later.window = RequestWindow::starting(ts("2026-12-01T09:30:00Z"), HOUR).unwrap();
    let mut p = present(&wallet, &later, 62);
    p.request_id = request.id();
    let e = verifier().verify(&request, &p, Some(now())).unwrap_err();
    assert!(matches!(e, PresentationError::Tampered { .. }), "{e}");
}

/// A holder that strips the proofs of the defaults (all of them, or one) is refused; the
/// honest presentation still verifies afterwards.
#[test]
fn stripped_validity_proofs_are_refused() {
    let request = age_request(70, now());
    let honest = present(valid_wallet(), &request, 71);
    let v = verifier();
    let mut stripped = honest.clone();
    stripped.credentials[0].predicate_proofs.truncate(1);
    assert_eq!(
        v.verify(&request, &stripped, Some(now())).unwrap_err(),
        PresentationError::MissingValidityProof {
            label: "identity".into(),
            missing: 2
        }
    );
    let mut one_less = honest.clone();
    one_less.credentials[0].predicate_proofs.truncate(2);
    assert!(matches!(
        v.verify(&request, &one_less, Some(now())).unwrap_err(),
        PresentationError::Tampered { .. }
    ));
    // Swapping the two default proofs does not pass either.
    let mut swapped = honest.clone();
    swapped.credentials[0].predicate_proofs.swap(1, 2);
    assert!(matches!(
        v.verify(&request, &swapped, Some(now())).unwrap_err(),
        PresentationError::Tampered { .. }
    ));
    v.verify(&request, &honest, Some(now())).unwrap();
}

/// A request is verified within its window, with the clock skew at both ends, and refused
/// as expired after it or as not yet valid before it, each error naming the instants.
#[test]
fn request_is_verified_only_within_its_window() {
    let request = age_request(80, now());
    let p = present(valid_wallet(), &request, 81);
    let until = request.window.valid_until;
    assert_eq!(until, ts("2026-11-22T10:30:00Z"));
    // A fresh verifier for each check: an accepted presentation burns its nonce.
    for ok in [
        now().checked_sub(CLOCK_SKEW).unwrap(),
        now(),
        until,
        until.checked_add(CLOCK_SKEW).unwrap(),
    ] {
        verifier().verify(&request, &p, Some(ok)).unwrap();
    }
    let late = ts("2026-11-22T10:35:01Z");
    let e = verifier().verify(&request, &p, Some(late)).unwrap_err();
    assert_eq!(
        e,
        PresentationError::RequestExpired {
            valid_until: until,
            now: late
        }
    );
    assert_eq!(
        e.to_string(),
        "request expired at 2026-11-22T10:30:00Z (now 2026-11-22T10:35:01Z): ask the \
         verifier for a new request"
    );
    let early = ts("2026-11-22T09:24:59Z");
    assert_eq!(
        verifier().verify(&request, &p, Some(early)).unwrap_err(),
        PresentationError::RequestNotYetValid {
            made_at: now(),
            now: early
        }
    );
    // The JSON path refuses it before the presentation is read, even a malformed one.
    assert!(matches!(
        verifier()
            .verify_json(&request, "not json", Some(late))
            .unwrap_err(),
        PresentationError::RequestExpired { .. }
    ));
}

/// The wallet refuses to answer a request outside its window, before proving anything.
#[test]
fn wallet_refuses_a_request_outside_its_window() {
    let w = world();
    let request = age_request(85, now());
    let answer = |at: Option<Timestamp>| {
        valid_wallet().present(
            &signed(&request),
            &w.verifiers,
            &w.holder_keys,
            at,
            &mut ChaCha20Rng::seed_from_u64(86),
        )
    };
    let late = ts("2026-11-22T10:35:01Z");
    assert_eq!(
        answer(Some(late)).unwrap_err(),
        PresentationError::RequestExpired {
            valid_until: request.window.valid_until,
            now: late
        }
    );
    assert!(matches!(
        answer(Some(ts("2026-11-22T09:24:59Z"))).unwrap_err(),
        PresentationError::RequestNotYetValid { .. }
    ));
    // Without a time the wallet reads the system clock, which is long after this request.
    assert!(Timestamp::now().unwrap() > ts("2026-11-22T10:35:00Z"));
    assert!(matches!(
        answer(None).unwrap_err(),
        PresentationError::RequestExpired { .. }
    ));
    answer(Some(ts("2026-11-22T10:35:00Z"))).unwrap();
}

/// Credentials are judged on the UTC date of `made_at`: a credential expiring on the 22nd
/// answers a request made at 23:59 UTC that day, and the verifier accepts it on the 23rd; a
/// credential that expired the day before is refused.
#[test]
fn credentials_are_judged_on_the_date_of_made_at() {
    let w = world();
    let made_at = ts("2026-11-22T23:59:00Z");
    let verified_at = ts("2026-11-23T00:10:00Z");
    assert_ne!(made_at.date(), verified_at.date());
    let that_day = wallet_with_identity(&w.commune, date(2016, 11, 22), today(), 5);
    let request = age_request(87, made_at);
    let p = present(&that_day, &request, 88);
    let out = verifier().verify(&request, &p, Some(verified_at)).unwrap();
    assert!(out
        .predicates_held
        .iter()
        .any(|h| h.description == "expires_on: not expired on 2026-11-22 (default)"));
    // A request made a minute later, on the 23rd, is too late for the same credential.
    let next_day = age_request(89, ts("2026-11-23T00:00:00Z"));
    let e = that_day
        .present(
            &signed(&next_day),
            &w.verifiers,
            &w.holder_keys,
            Some(next_day.window.made_at),
            &mut ChaCha20Rng::seed_from_u64(90),
        )
        .unwrap_err();
    assert_eq!(
        e,
        PresentationError::CredentialExpired {
            label: "identity".into(),
            expires_on: "2026-11-22".into()
        }
    );
    // A credential that expired the day before the request's day is refused.
    let day_before = wallet_with_identity(&w.commune, date(2016, 11, 21), date(2026, 11, 21), 6);
    let e = day_before
        .present(
            &signed(&request),
            &w.verifiers,
            &w.holder_keys,
            Some(made_at),
            &mut ChaCha20Rng::seed_from_u64(91),
        )
        .unwrap_err();
    assert!(
        matches!(e, PresentationError::CredentialExpired { .. }),
        "{e}"
    );
}

/// Without a time from the caller, the verifier uses the system clock: it never skips the
/// window check.
#[test]
fn verifier_without_a_time_uses_the_clock() {
    let system = Timestamp::now().unwrap();
    let request = age_request(90, system);
    let p = present(valid_wallet(), &request, 91);
    verifier().verify(&request, &p, None).unwrap();
    let old = age_request(92, system.checked_sub(2 * HOUR).unwrap());
    let p = present(valid_wallet(), &old, 93);
    assert!(matches!(
        verifier().verify(&old, &p, None).unwrap_err(),
        PresentationError::RequestExpired { .. }
    ));
}
