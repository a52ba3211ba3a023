//! `Verifier::verify_batch`: presentations that arrive together verified with one merged
//! pairing check, attacked as a gateway would see them.
//!
//! Story: a commune (BLS12-381-SHA-256) issues identity credentials, a province
//! (BLS12-381-SHAKE-256) residency credentials; a gateway asks "at least 18, resident of one
//! of these provinces, same holder". Each presentation has two pseudonym-BBS proofs, four
//! Groth16 proofs (age, the identity's two hidden validity dates, the province set) and the
//! holder link. Eight presentations for eight requests are made once; every test verifies
//! them with a fresh verifier (its own nonce store).

use ark_ec::{AffineRepr, CurveGroup};
use rand_chacha::{rand_core::SeedableRng, ChaCha20Rng};
use std::sync::OnceLock;
use std::time::Duration;
use zkcred::bbs::Ciphersuite;
use zkcred::credential::{
    AttributeDef, AttributeKind, AttributePredicate, AttributeValue, CredentialContent,
    CredentialRequest, EnumLabel, InMemoryNonceStore, Issuer, IssuerTier, JsonDocument,
    Jurisdiction, Nonce, PredicateSpec, Presentation, PresentationError, PresentationRequest,
    PresentationResult, RequestWindow, Schema, SignedRequest, Timestamp, TrustRegistry,
    VerifiedPresentation, Verifier, VerifierKey, VerifierRegistry, VerifierSetup, Wallet,
    EXPIRES_ON, ISSUED_ON,
};
use zkcred::predicate::{Date, VerifierKeys};

const BATCH: usize = 8;

fn now() -> Timestamp {
    Timestamp::parse("2026-11-22T09:30:00Z").unwrap()
}

fn rng(seed: u64) -> ChaCha20Rng {
    ChaCha20Rng::seed_from_u64(seed)
}

struct World {
    schemas: Vec<Schema>,
    registry: TrustRegistry,
    keys: VerifierKeys,
    requests: Vec<PresentationRequest>,
    presentations: Vec<Presentation>,
}

fn schemas() -> Vec<Schema> {
    let identity = Schema::new(
        "vn.commune.identity",
        1,
        vec![
            AttributeDef::new("full_name", AttributeKind::String),
            AttributeDef::new("birth_date", AttributeKind::Date),
        ],
    )
    .unwrap();
    let residency = Schema::new(
        "vn.province.residency",
        1,
        vec![AttributeDef::new(
            "province",
            AttributeKind::Enumeration {
                codes: vec![
                    EnumLabel::new("an_giang", 89),
                    EnumLabel::new("can_tho", 92),
                    EnumLabel::new("ha_noi", 1),
                ],
            },
        )],
    )
    .unwrap();
    vec![identity, residency]
}

/// Age at least 18 (dates hidden), province in {can_tho, an_giang} (dates disclosed), same
/// holder; a fresh nonce per seed.
fn request(seed: u64) -> PresentationRequest {
    let s = schemas();
    let window = RequestWindow::starting(now(), Duration::from_secs(3600)).unwrap();
    let mut r = PresentationRequest::new("gate.example", Nonce::random(&mut rng(seed)), window);
    let mut identity = CredentialRequest::new("identity", *s[0].id());
    identity.predicates = vec![AttributePredicate::new(
        "birth_date",
        PredicateSpec::AgeAtLeast {
            years: 18,
            today: now().date(),
        },
    )];
    let mut residency = CredentialRequest::new("residency", *s[1].id());
    residency.disclose = vec![ISSUED_ON.into(), EXPIRES_ON.into()];
    residency.predicates = vec![AttributePredicate::new(
        "province",
        PredicateSpec::InSet {
            labels: vec!["can_tho".into(), "an_giang".into()],
        },
    )];
    r.credentials = vec![identity, residency];
    r
}

fn issue(
    wallet: &mut Wallet,
    issuer: &Issuer,
    schema: &Schema,
    attributes: Vec<(&str, AttributeValue)>,
    r: &mut ChaCha20Rng,
) {
    let asked = wallet
        .request_issuance(schema, issuer.public_info(), r)
        .unwrap();
    let content = CredentialContent {
        attributes: attributes
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
        issued_on: Date::new(2024, 1, 15).unwrap(),
        expires_on: Date::new(2034, 1, 14).unwrap(),
    };
    let issued = issuer.issue(schema, &content, &asked, r).unwrap();
    wallet
        .accept(&issued, schema, issuer.public_info())
        .unwrap();
}

fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| {
        let r = &mut rng(1);
        let schemas = schemas();
        let place = Jurisdiction::new("VN-92", None).unwrap();
        let commune = Issuer::generate(
            "Commune",
            IssuerTier::Commune,
            place.clone(),
            Ciphersuite::Bls12381Sha256,
            r,
        )
        .unwrap();
        let province = Issuer::generate(
            "Province",
            IssuerTier::Province,
            place,
            Ciphersuite::Bls12381Shake256,
            r,
        )
        .unwrap();
        let mut wallet = Wallet::new(r);
        let name = AttributeValue::String("Nguyễn Văn A".into());
        let born = AttributeValue::Date(Date::new(2001, 4, 2).unwrap());
        let ident = vec![("full_name", name), ("birth_date", born)];
        issue(&mut wallet, &commune, &schemas[0], ident, r);
        let home = vec![("province", AttributeValue::Enum("can_tho".into()))];
        issue(&mut wallet, &province, &schemas[1], home, r);

        let mut registry = TrustRegistry::new();
        registry
            .insert(commune.public_info().clone(), [*schemas[0].id()])
            .unwrap();
        registry
            .insert(province.public_info().clone(), [*schemas[1].id()])
            .unwrap();
        let mut setup = VerifierSetup::new();
        setup.add_request(&request(0), &schemas, r).unwrap();
        let holder_keys = setup.key_set().holder_keys().unwrap();
        let gate = VerifierKey::generate("gate.example", "Gate", vec![], r).unwrap();
        let mut verifiers = VerifierRegistry::new();
        verifiers.insert(gate.public_info().clone()).unwrap();

        let requests: Vec<PresentationRequest> = (0..BATCH as u64).map(request).collect();
        let presentations = requests
            .iter()
            .map(|q| {
                let signed = SignedRequest::sign(q.clone(), &gate).unwrap();
                wallet
                    .present(&signed, &verifiers, &holder_keys, Some(now()), r)
                    .unwrap()
            })
            .collect();
        World {
            schemas,
            registry,
            keys: setup.verifier_keys(),
            requests,
            presentations,
        }
    })
}

/// A verifier with an empty nonce store.
fn verifier() -> Verifier {
    let w = world();
    Verifier::new(
        w.registry.clone(),
        w.schemas.clone(),
        w.keys.clone(),
        Box::new(InMemoryNonceStore::new()),
    )
}

fn items(presentations: &[Presentation]) -> Vec<(&'static PresentationRequest, &Presentation)> {
    world().requests.iter().zip(presentations).collect()
}

fn batch(
    v: &Verifier,
    items: &[(&PresentationRequest, &Presentation)],
    seed: u64,
) -> Vec<PresentationResult<VerifiedPresentation>> {
    v.verify_batch(items, Some(now()), &mut rng(seed))
}

/// `p` with the C of one Groth16 proof moved by the G1 generator (the holder's `ph`, so the
/// BBS challenge, no longer matches either).
fn groth16_c_replaced(p: &Presentation, credential: usize) -> Presentation {
    let mut q = p.clone();
    let c = &mut q.credentials[credential].predicate_proofs[0].proof.proof.c;
    *c = (c.into_group() + ark_bls12_381::G1Affine::generator()).into_affine();
    q
}

/// `p` with the pseudonym-BBS proof of one credential taken from `other`.
fn bbs_proof_swapped(p: &Presentation, other: &Presentation, credential: usize) -> Presentation {
    let mut q = p.clone();
    q.credentials[credential].proof = other.credentials[credential].proof.clone();
    q
}

#[test]
fn a_batch_of_valid_presentations_verifies_as_each_alone() {
    let w = world();
    assert_eq!(w.presentations[0].credentials[0].predicate_proofs.len(), 3);
    assert_eq!(w.presentations[0].credentials[1].predicate_proofs.len(), 1);
    let (batched, alone) = (verifier(), verifier());
    let results = batch(&batched, &items(&w.presentations), 2);
    assert_eq!(results.len(), BATCH);
    for ((request, presentation), result) in items(&w.presentations).into_iter().zip(results) {
        let expected = alone.verify(request, presentation, Some(now())).unwrap();
        assert_eq!(result.unwrap(), expected);
        assert!(expected.same_holder);
        assert_eq!(expected.predicates_held.len(), 3 + 3);
    }
    // Every nonce is now recorded.
    for (request, presentation) in items(&w.presentations) {
        assert!(matches!(
            batched.verify(request, presentation, Some(now())),
            Err(PresentationError::ReplayedNonce(_))
        ));
    }
}

#[test]
fn one_bad_groth16_and_one_bad_bbs_proof_in_eight_are_named() {
    let w = world();
    let mut presentations = w.presentations.clone();
    presentations[2] = groth16_c_replaced(&w.presentations[2], 1);
    presentations[5] = bbs_proof_swapped(&w.presentations[5], &w.presentations[6], 0);
    let v = verifier();
    let results = batch(&v, &items(&presentations), 3);
    let refused: Vec<usize> = (0..BATCH).filter(|&i| results[i].is_err()).collect();
    assert_eq!(refused, vec![2, 5]);
    // The same errors as each gets alone (the refused nonces were not recorded).
    let all = items(&presentations);
    for &i in &refused {
        let alone = v.verify(all[i].0, all[i].1, Some(now())).unwrap_err();
        assert_eq!(results[i].as_ref().unwrap_err(), &alone);
        assert!(
            matches!(alone, PresentationError::Tampered { .. }),
            "{alone}"
        );
    }
    let groth16 = results[2].as_ref().unwrap_err().to_string();
    assert!(
        groth16.contains("residency") && groth16.contains("Groth16"),
        "{groth16}"
    );
    let bbs = results[5].as_ref().unwrap_err().to_string();
    assert!(bbs.contains("identity") && bbs.contains("BBS"), "{bbs}");
    // The honest presentations of the refused requests still verify: their nonces are fresh.
    for &i in &refused {
        v.verify(&w.requests[i], &w.presentations[i], Some(now()))
            .unwrap();
    }
}

#[test]
fn a_nonce_is_accepted_once_per_batch_and_after_it() {
    let w = world();
    let p = &w.presentations;
    let r = &w.requests;
    let v = verifier();
    v.verify(&r[0], &p[0], Some(now())).unwrap();
    let items = [
        (&r[0], &p[0]), // replayed from before the batch
        (&r[1], &p[1]),
        (&r[1], &p[1]), // the same nonce twice in the batch
        (&r[2], &p[2]),
    ];
    let results = batch(&v, &items, 4);
    let replayed = |i: usize| matches!(results[i], Err(PresentationError::ReplayedNonce(_)));
    assert!(replayed(0));
    assert!(results[1].is_ok());
    assert!(replayed(2));
    assert!(results[3].is_ok());
    // A refused presentation and a valid one with the same nonce: the valid one is accepted.
    let v = verifier();
    let bad = groth16_c_replaced(&p[3], 0);
    let results = batch(&v, &[(&r[3], &bad), (&r[3], &p[3])], 5);
    assert!(matches!(
        results[0],
        Err(PresentationError::Tampered { .. })
    ));
    assert!(results[1].is_ok());
}

#[test]
fn an_empty_batch_gives_no_result() {
    assert!(batch(&verifier(), &[], 6).is_empty());
    assert!(verifier()
        .verify_batch_json(&[], Some(now()), &mut rng(6))
        .is_empty());
}

#[test]
fn json_batches_bound_and_decode_each_text_on_its_own() {
    let w = world();
    let texts: Vec<String> = w
        .presentations
        .iter()
        .map(|p| p.to_json().unwrap())
        .collect();
    let mut texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    texts[1] = "{ not json";
    let other_request = texts[4];
    texts[3] = other_request; // answers request 4, given for request 3
    let items: Vec<(&PresentationRequest, &str)> = w.requests.iter().zip(texts).collect();
    let results = verifier().verify_batch_json(&items, Some(now()), &mut rng(7));
    assert!(matches!(
        results[1],
        Err(PresentationError::MalformedJson(_))
    ));
    assert!(matches!(
        results[3],
        Err(PresentationError::RequestMismatch(_))
    ));
    let accepted = results.iter().filter(|r| r.is_ok()).count();
    assert_eq!(accepted, BATCH - 2);
}

#[test]
fn requests_outside_their_window_are_refused_alone() {
    let w = world();
    let later = Timestamp::parse("2026-11-22T11:30:00Z").unwrap();
    let v = verifier();
    let results = v.verify_batch(&items(&w.presentations[..2]), Some(later), &mut rng(8));
    assert!(results
        .iter()
        .all(|r| matches!(r, Err(PresentationError::RequestExpired { .. }))));
    // Nothing was recorded: the same presentations verify in time.
    assert!(batch(&v, &items(&w.presentations[..2]), 9)
        .iter()
        .all(Result::is_ok));
}
