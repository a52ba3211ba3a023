//! Issuer hiding at the presentation level (issue 11, docs/SECURITY.md §7).
//!
//! Story: six communes issue identity credentials, three Mekong provinces residency
//! credentials, all of schemas with issuer hiding (so the identity credential's set, N = 6,
//! is proven with the one-out-of-many proof and the residency set, N = 3, with the CDS
//! OR-proof); a fourth province (Hà Nội) is registered
//! and authorised but outside the clinic's jurisdictions. The clinic asks "age ≥ 18, resident
//! of the Mekong Delta, same person, under its pseudonym scope" with both issuers hidden among
//! the accepted ones, and learns only the sets.

use rand_chacha::{rand_core::SeedableRng, ChaCha20Rng};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;
use zkcred::bbs::Ciphersuite;
use zkcred::credential::hidden_proof::hidden_part_len;
use zkcred::credential::{
    resolve_hidden_set, AcceptedIssuers, AttributeDef, AttributeKind, AttributePredicate,
    AttributeValue, CredentialContent, CredentialError, CredentialRequest, EnumLabel,
    HiddenIssuerError, HiddenIssuerPart, InMemoryNonceStore, Issuer, IssuerId, IssuerPublicInfo,
    IssuerTier, JsonDocument, Jurisdiction, Nonce, PredicateKeySet, PredicateSpec, Presentation,
    PresentationError, PresentationRequest, RequestSpec, RequestWindow, Schema, SignedRequest,
    Timestamp, TrustRegistry, Verifier, VerifierKey, VerifierRegistry, VerifierSetup, VerifyResult,
    Wallet,
};
use zkcred::predicate::{Date, HolderKeys};

const SCOPE: &str = "clinic.example/patients";

fn date(y: i64, m: u32, d: u32) -> Date {
    Date::new(y, m, d).unwrap()
}

fn today() -> Date {
    date(2026, 11, 22)
}

fn now() -> Timestamp {
    Timestamp::start_of(today())
        .unwrap()
        .checked_add(std::time::Duration::from_secs(9 * 3600))
        .unwrap()
}

fn window() -> RequestWindow {
    RequestWindow::starting(now(), std::time::Duration::from_secs(3600)).unwrap()
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
    .with_issuer_hiding()
}

fn residency_schema() -> Schema {
    let codes = [
        ("ha_noi", 1),
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
    .with_issuer_hiding()
}

fn mekong() -> Vec<String> {
    ["an_giang", "kien_giang", "can_tho"]
        .iter()
        .map(|s| s.to_string())
        .collect()
}

/// Province issuers: (label, jurisdiction); the last is outside the Mekong Delta.
const PROVINCES: [(&str, &str); 4] = [
    ("an_giang", "VN-44"),
    ("kien_giang", "VN-47"),
    ("can_tho", "VN-92"),
    ("ha_noi", "VN-01"),
];

/// Communes in the registry: above the CDS bound, so the identity set is one-out-of-many.
const COMMUNES: usize = 6;

struct World {
    identity: Schema,
    residency: Schema,
    communes: Vec<Issuer>,
    provinces: Vec<Issuer>,
    /// Wallet k: identity from commune (2k + 1) % 6, residency from province k (k < 4).
    wallets: Vec<Wallet>,
    key_set: PredicateKeySet,
}

fn issue(
    wallet: &mut Wallet,
    issuer: &Issuer,
    schema: &Schema,
    attributes: &[(&str, AttributeValue)],
    rng: &mut ChaCha20Rng,
) {
    let request = wallet
        .request_issuance(schema, issuer.public_info(), rng)
        .unwrap();
    let content = CredentialContent {
        attributes: attributes
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect(),
        issued_on: date(2024, 1, 15),
        expires_on: date(2034, 1, 14),
    };
    let issued = issuer.issue(schema, &content, &request, rng).unwrap();
    wallet
        .accept(&issued, schema, issuer.public_info())
        .unwrap();
}

fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| {
        let rng = &mut ChaCha20Rng::seed_from_u64(11);
        let suite = Ciphersuite::Bls12381Sha256;
        let communes: Vec<Issuer> = (0..COMMUNES)
            .map(|i| {
                Issuer::generate(
                    format!("UBND xã {i}"),
                    IssuerTier::Commune,
                    Jurisdiction::new(format!("VN-92-000{i}"), None).unwrap(),
                    suite,
                    rng,
                )
                .unwrap()
            })
            .collect();
        let provinces: Vec<Issuer> = PROVINCES
            .iter()
            .map(|(name, code)| {
                Issuer::generate(
                    format!("UBND tỉnh {name}"),
                    IssuerTier::Province,
                    Jurisdiction::new(*code, None).unwrap(),
                    suite,
                    rng,
                )
                .unwrap()
            })
            .collect();
        let (identity, residency) = (identity_schema(), residency_schema());
        let wallets = (0..PROVINCES.len())
            .map(|k| {
                let mut wallet = Wallet::new(rng);
                issue(
                    &mut wallet,
                    &communes[(2 * k + 1) % COMMUNES],
                    &identity,
                    &[
                        ("full_name", AttributeValue::String(format!("Người {k}"))),
                        ("birth_date", AttributeValue::Date(date(2001, 4, 2))),
                    ],
                    rng,
                );
                issue(
                    &mut wallet,
                    &provinces[k],
                    &residency,
                    &[("province", AttributeValue::Enum(PROVINCES[k].0.into()))],
                    rng,
                );
                // Through JSON: the wallet checks every signature when loaded.
                Wallet::from_json(&wallet.to_json().unwrap()).unwrap()
            })
            .collect();
        let mut w = World {
            identity,
            residency,
            communes,
            provinces,
            wallets,
            key_set: PredicateKeySet::default(),
        };
        let mut setup = VerifierSetup::new();
        let template = clinic_request_with(&w, &registry_of(&w), 0);
        setup
            .add_request(&template, &[w.identity.clone(), w.residency.clone()], rng)
            .unwrap();
        w.key_set = PredicateKeySet::from_json(&setup.key_set().to_json().unwrap()).unwrap();
        w
    })
}

/// Every issuer, each authorised for its own schema (Hà Nội included).
fn registry_of(w: &World) -> TrustRegistry {
    let mut r = TrustRegistry::new();
    for c in &w.communes {
        r.insert(c.public_info().clone(), [*w.identity.id()])
            .unwrap();
    }
    for p in &w.provinces {
        r.insert(p.public_info().clone(), [*w.residency.id()])
            .unwrap();
    }
    // Through JSON: the hiding keys are checked when read.
    TrustRegistry::from_json(&r.to_json().unwrap()).unwrap()
}

fn registry() -> TrustRegistry {
    registry_of(world())
}

/// The clinic's request with both issuers hidden, resolved from `registry`.
fn clinic_request_with(w: &World, registry: &TrustRegistry, seed: u64) -> PresentationRequest {
    let mut r = PresentationRequest::new(
        "clinic.example",
        Nonce::random(&mut ChaCha20Rng::seed_from_u64(seed)),
        window(),
    );
    let mut id = CredentialRequest::new("identity", *w.identity.id());
    id.accepted_issuers = AcceptedIssuers {
        tiers: Some(vec![IssuerTier::Commune]),
        ..AcceptedIssuers::any()
    };
    id.hide_issuer_among =
        Some(resolve_hidden_set(registry, &id.accepted_issuers, w.identity.id()).unwrap());
    id.predicates = vec![AttributePredicate::new(
        "birth_date",
        PredicateSpec::AgeAtLeast {
            years: 18,
            today: today(),
        },
    )];
    let mut res = CredentialRequest::new("residency", *w.residency.id());
    res.accepted_issuers = AcceptedIssuers {
        jurisdictions: Some(vec!["VN-44".into(), "VN-47".into(), "VN-92".into()]),
        ..AcceptedIssuers::any()
    };
    res.hide_issuer_among =
        Some(resolve_hidden_set(registry, &res.accepted_issuers, w.residency.id()).unwrap());
    res.predicates = vec![AttributePredicate::new(
        "province",
        PredicateSpec::InSet { labels: mekong() },
    )];
    r.credentials = vec![id, res];
    r.pseudonym_scope = Some(SCOPE.into());
    r
}

fn clinic_request(seed: u64) -> PresentationRequest {
    clinic_request_with(world(), &registry(), seed)
}

fn holder_keys() -> &'static HolderKeys {
    static KEYS: OnceLock<HolderKeys> = OnceLock::new();
    KEYS.get_or_init(|| world().key_set.holder_keys().unwrap())
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

fn clinic_key() -> &'static VerifierKey {
    static KEY: OnceLock<VerifierKey> = OnceLock::new();
    KEY.get_or_init(|| {
        VerifierKey::generate(
            "clinic.example",
            "Clinic",
            vec![SCOPE.into()],
            &mut ChaCha20Rng::seed_from_u64(7),
        )
        .unwrap()
    })
}

fn verifiers() -> VerifierRegistry {
    let mut r = VerifierRegistry::new();
    r.insert(clinic_key().public_info().clone()).unwrap();
    r
}

fn signed(request: &PresentationRequest) -> SignedRequest {
    let s = SignedRequest::sign(request.clone(), clinic_key()).unwrap();
    SignedRequest::from_json(&s.to_json().unwrap()).unwrap()
}

/// Wallet `k` answers `request` with the holder's registry `issuers`.
fn try_present(
    k: usize,
    request: &PresentationRequest,
    issuers: &TrustRegistry,
    seed: u64,
) -> Result<Presentation, PresentationError> {
    world().wallets[k]
        .present_with_issuers(
            &signed(request),
            &verifiers(),
            issuers,
            holder_keys(),
            Some(now()),
            &mut ChaCha20Rng::seed_from_u64(seed),
        )
        .map(|p| Presentation::from_json(&p.to_json().unwrap()).unwrap())
}

fn present(k: usize, request: &PresentationRequest, seed: u64) -> Presentation {
    try_present(k, request, &registry(), seed).unwrap()
}

fn ids(issuers: &[Issuer]) -> Vec<String> {
    let mut ids: Vec<String> = issuers.iter().map(|i| i.id().to_string()).collect();
    ids.sort();
    ids
}

#[test]
fn verifies_for_every_issuer_of_the_sets_and_names_only_the_sets() {
    let w = world();
    for k in 0..3 {
        let request = clinic_request(100 + k as u64);
        let p = present(k, &request, 200 + k as u64);
        for c in &p.credentials {
            assert!(c.issuer_id.is_none() && c.hidden_issuer.is_some());
        }
        let v = verifier_with(registry());
        let verified = v.verify(&request, &p, Some(now())).unwrap();
        assert!(verified.issuers.is_empty(), "{:?}", verified.issuers);
        assert_eq!(verified.hidden_issuers["identity"], ids(&w.communes));
        assert_eq!(verified.hidden_issuers["residency"], ids(&w.provinces[..3]));
        assert!(verified.same_holder);
        assert!(verified.pseudonym.is_some());
        let result = VerifyResult::new(&request, &verified, &registry());
        let res = &result.credentials["residency"];
        assert!(res.issuer.is_none());
        assert_eq!(
            res.hidden_issuer.as_ref().unwrap().summary,
            "one of the 3 accepted province issuers"
        );
        assert_eq!(
            result.credentials["identity"]
                .hidden_issuer
                .as_ref()
                .unwrap()
                .summary,
            "one of the 6 accepted commune issuers"
        );
    }
}

#[test]
fn pseudonyms_stay_stable_with_hidden_issuers() {
    let a = present(1, &clinic_request(300), 301);
    let b = present(1, &clinic_request(302), 303);
    let v = verifier_with(registry());
    let va = v.verify(&clinic_request(300), &a, Some(now())).unwrap();
    let vb = v.verify(&clinic_request(302), &b, Some(now())).unwrap();
    assert_eq!(va.pseudonym, vb.pseudonym);
}

#[test]
fn an_issuer_outside_the_set_cannot_answer() {
    // Wallet 3's residency credential is from Hà Nội: registered, authorised, not accepted.
    let request = clinic_request(400);
    let e = try_present(3, &request, &registry(), 401).unwrap_err();
    assert!(
        matches!(&e, PresentationError::CannotSatisfy { label, .. } if label == "residency"),
        "{e}"
    );
    // Answered under a set that includes Hà Nội, its proof does not verify for the clinic's
    // set (same size), spliced into a presentation of the clinic's request.
    let w = world();
    let mut p = present(0, &request, 402);
    let mut outside = request.clone();
    let set: Vec<IssuerId> = [0, 1, 3].iter().map(|&i| *w.provinces[i].id()).collect();
    outside.credentials[1].accepted_issuers = AcceptedIssuers::any();
    outside.credentials[1].hide_issuer_among = Some(set);
    outside.credentials[1].predicates.clear();
    let q = try_present(3, &outside, &registry(), 404).unwrap();
    p.credentials[1].proof = q.credentials[1].proof.clone();
    p.credentials[1].hidden_issuer = q.credentials[1].hidden_issuer.clone();
    p.credentials[1].predicate_proofs = q.credentials[1].predicate_proofs.clone();
    let e = verifier_with(registry())
        .verify(&request, &p, Some(now()))
        .unwrap_err();
    assert!(matches!(e, PresentationError::Tampered { .. }), "{e}");
}

#[test]
fn the_verifier_refuses_sets_its_registry_does_not_back() {
    let w = world();
    let p = present(0, &clinic_request(500), 501);
    // A verifier whose registry lacks one issuer of the set.
    let mut small = TrustRegistry::new();
    for c in &w.communes {
        small
            .insert(c.public_info().clone(), [*w.identity.id()])
            .unwrap();
    }
    for prov in &w.provinces[..2] {
        small
            .insert(prov.public_info().clone(), [*w.residency.id()])
            .unwrap();
    }
    let e = verifier_with(small)
        .verify(&clinic_request(500), &p, Some(now()))
        .unwrap_err();
    assert!(matches!(e, PresentationError::UntrustedIssuer(_)), "{e}");
    // A registry that no longer authorises one issuer of the set for the schema.
    let mut r = registry();
    r.deauthorise(w.provinces[2].id(), w.residency.id())
        .unwrap();
    let e = verifier_with(r)
        .verify(&clinic_request(500), &p, Some(now()))
        .unwrap_err();
    assert!(
        matches!(e, PresentationError::IssuerNotAuthorised { .. }),
        "{e}"
    );
    // A request whose set lists an issuer its policy does not accept (Hà Nội).
    let mut request = clinic_request(502);
    let mut set = request.credentials[1].hide_issuer_among.clone().unwrap();
    set.push(*w.provinces[3].id());
    request.credentials[1].hide_issuer_among = Some(set);
    let p = present(0, &request, 503);
    let e = verifier_with(registry())
        .verify(&request, &p, Some(now()))
        .unwrap_err();
    assert!(
        matches!(&e, PresentationError::IssuerNotAccepted { label, .. } if label == "residency"),
        "{e}"
    );
    // A holder whose registry lacks an issuer of the set cannot answer.
    let e = try_present(0, &clinic_request(504), &TrustRegistry::new(), 505).unwrap_err();
    assert!(
        matches!(
            &e,
            PresentationError::Credential(CredentialError::HiddenIssuer(
                HiddenIssuerError::Unknown(_)
            ))
        ),
        "{e}"
    );
}

/// The hidden-issuer part of credential proof `i`, as bytes.
fn part(p: &Presentation, i: usize) -> Vec<u8> {
    p.credentials[i]
        .hidden_issuer
        .as_ref()
        .unwrap()
        .as_bytes()
        .to_vec()
}

fn with_part(p: &Presentation, i: usize, bytes: Vec<u8>) -> Presentation {
    let mut q = p.clone();
    let json = format!("\"{}\"", hex::encode(bytes));
    q.credentials[i].hidden_issuer = Some(serde_json::from_str::<HiddenIssuerPart>(&json).unwrap());
    q
}

#[test]
fn tampered_issuer_hiding_parts_are_refused() {
    let request = clinic_request(600);
    let p = present(0, &request, 601);
    let other = present(1, &clinic_request(602), 603);
    let v = verifier_with(registry());
    assert!(v.verify(&request, &p, Some(now())).is_ok());
    let (mine, theirs) = (part(&p, 1), part(&other, 1));
    let refused = |q: Presentation| {
        let e = verifier_with(registry())
            .verify(&request, &q, Some(now()))
            .unwrap_err();
        assert!(matches!(e, PresentationError::Tampered { .. }), "{e}");
    };
    // W' (96 bytes) from another presentation: valid point, another ρ.
    let mut b = mine.clone();
    b[..96].copy_from_slice(&theirs[..96]);
    refused(with_part(&p, 1, b));
    // X' (48 bytes) from another presentation.
    let mut b = mine.clone();
    b[96..144].copy_from_slice(&theirs[96..144]);
    refused(with_part(&p, 1, b));
    // Both W' and X' of another presentation (a consistent key of another ρ).
    let mut b = mine.clone();
    b[..144].copy_from_slice(&theirs[..144]);
    refused(with_part(&p, 1, b));
    // The OR-proof: two branch challenges swapped, then two responses swapped.
    let or = 152;
    let mut b = mine.clone();
    let (c1, c2) = (b[or..or + 32].to_vec(), b[or + 32..or + 64].to_vec());
    b[or..or + 32].copy_from_slice(&c2);
    b[or + 32..or + 64].copy_from_slice(&c1);
    refused(with_part(&p, 1, b));
    let s = or + 3 * 32;
    let mut b = mine.clone();
    let (s1, s2) = (b[s..s + 32].to_vec(), b[s + 32..s + 64].to_vec());
    b[s..s + 32].copy_from_slice(&s2);
    b[s + 32..s + 64].copy_from_slice(&s1);
    refused(with_part(&p, 1, b));
    // The whole OR-proof of another presentation.
    let mut b = mine.clone();
    b[or..or + 6 * 32].copy_from_slice(&theirs[or..or + 6 * 32]);
    refused(with_part(&p, 1, b));
    // A part for another N is refused before any point is decoded.
    let e = verifier_with(registry())
        .verify(
            &request,
            &with_part(&p, 1, mine[..mine.len() - 64].to_vec()),
            Some(now()),
        )
        .unwrap_err();
    assert!(matches!(e, PresentationError::Tampered { .. }), "{e}");
    // The identity credential's one-out-of-many proof (N = 6, n = 2 base-4 digits): its
    // length, then B from another presentation, two G_k swapped, f_{0,1} of another
    // presentation, the whole proof of another presentation.
    let (mine, theirs) = (part(&p, 0), part(&other, 0));
    assert_eq!(mine.len(), hidden_part_len(COMMUNES));
    assert_eq!(mine.len(), 152 + (4 + 2) * 48 + (3 * 2 + 3) * 32 + 32);
    let oom = 152;
    let mut b = mine.clone();
    b[oom..oom + 48].copy_from_slice(&theirs[oom..oom + 48]);
    refused(with_part(&p, 0, b));
    let g = oom + 4 * 48;
    let mut b = mine.clone();
    let (g0, g1) = (b[g..g + 48].to_vec(), b[g + 48..g + 96].to_vec());
    b[g..g + 48].copy_from_slice(&g1);
    b[g + 48..g + 96].copy_from_slice(&g0);
    refused(with_part(&p, 0, b));
    let f = oom + 6 * 48;
    let mut b = mine.clone();
    b[f..f + 32].copy_from_slice(&theirs[f..f + 32]);
    refused(with_part(&p, 0, b));
    let mut b = mine.clone();
    b[oom..oom + 6 * 48 + 9 * 32].copy_from_slice(&theirs[oom..oom + 6 * 48 + 9 * 32]);
    refused(with_part(&p, 0, b));
    // A named issuer instead of the hidden one does not answer the request.
    let mut q = p.clone();
    q.credentials[1].issuer_id = Some(*world().provinces[0].id());
    q.credentials[1].hidden_issuer = None;
    let e = v.verify(&request, &q, Some(now())).unwrap_err();
    assert!(matches!(e, PresentationError::RequestMismatch(_)), "{e}");
}

/// Every (path, value) of a JSON document: objects by key, arrays by index.
fn leaves(v: &serde_json::Value, path: String, out: &mut BTreeMap<String, String>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                leaves(x, format!("{path}.{k}"), out);
            }
        }
        serde_json::Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                leaves(x, format!("{path}[{i}]"), out);
            }
        }
        other => {
            out.insert(path, other.to_string());
        }
    }
}

#[test]
fn presentations_from_different_issuers_share_no_issuer_identifying_field() {
    let w = world();
    let request = clinic_request(700);
    // Wallet 0: commune 0, province 0; wallet 1: commune 1, province 1.
    let (a, b) = (present(0, &request, 701), present(1, &request, 702));
    let (mut la, mut lb) = (BTreeMap::new(), BTreeMap::new());
    leaves(&serde_json::to_value(&a).unwrap(), String::new(), &mut la);
    leaves(&serde_json::to_value(&b).unwrap(), String::new(), &mut lb);
    // The same fields, of the same lengths.
    assert_eq!(la.keys().collect::<Vec<_>>(), lb.keys().collect::<Vec<_>>());
    for (k, va) in &la {
        assert_eq!(va.len(), lb[k].len(), "{k}");
        assert!(!k.contains("issuer_id"), "{k}");
    }
    // Only request-bound fields are equal (request id, pseudonym context, schema ids, labels).
    let equal: BTreeSet<&String> = la.keys().filter(|k| la[*k] == lb[*k]).collect();
    for k in &equal {
        assert!(
            k.as_str() == ".version"
                || k.ends_with(".request_id")
                || k.ends_with(".context_id")
                || k.ends_with(".schema_id")
                || k.ends_with(".label"),
            "{k} is equal in both"
        );
    }
    // No issuer's id, W or X appears anywhere in either presentation.
    let text = format!("{}{}", a.to_json().unwrap(), b.to_json().unwrap());
    for issuer in w.communes.iter().chain(&w.provinces) {
        let info: &IssuerPublicInfo = issuer.public_info();
        let doc: serde_json::Value = serde_json::from_str(&info.to_json().unwrap()).unwrap();
        for field in ["id", "public_key", "hiding_key"] {
            let value = doc[field].as_str().unwrap();
            assert!(!text.contains(value), "{field} of {} appears", info.name());
        }
    }
}

#[test]
fn hidden_presentations_verify_in_a_batch() {
    let requests: Vec<PresentationRequest> = (0..3).map(|k| clinic_request(800 + k)).collect();
    let presentations: Vec<Presentation> = (0..3)
        .map(|k| present(k, &requests[k], 810 + k as u64))
        .collect();
    let mut bad = presentations[1].clone();
    let b = part(&bad, 0);
    let mut t = b.clone();
    t[..96].copy_from_slice(&part(&presentations[2], 0)[..96]);
    bad = with_part(&bad, 0, t);
    let items: Vec<(&PresentationRequest, &Presentation)> = vec![
        (&requests[0], &presentations[0]),
        (&requests[1], &bad),
        (&requests[2], &presentations[2]),
    ];
    let v = verifier_with(registry());
    let results = v.verify_batch(&items, Some(now()), &mut ChaCha20Rng::seed_from_u64(9));
    assert!(results[0].is_ok() && results[2].is_ok());
    assert!(matches!(
        results[1],
        Err(PresentationError::Tampered { .. })
    ));
    // The honest one of index 1 is accepted afterwards (its nonce was not burnt).
    let items = [(&requests[1], &presentations[1])];
    let results = v.verify_batch(&items, Some(now()), &mut ChaCha20Rng::seed_from_u64(10));
    assert!(results[0].is_ok());
}

#[test]
fn hiding_and_naming_compose_and_old_requests_keep_their_bytes() {
    let w = world();
    // Identity hidden, residency named.
    let mut request = clinic_request(900);
    request.credentials[1].hide_issuer_among = None;
    let p = present(2, &request, 901);
    assert!(p.credentials[0].issuer_id.is_none());
    assert_eq!(p.credentials[1].issuer_id, Some(*w.provinces[2].id()));
    let verified = verifier_with(registry())
        .verify(&request, &p, Some(now()))
        .unwrap();
    assert_eq!(
        verified.issuers["residency"],
        w.provinces[2].id().to_string()
    );
    assert!(verified.hidden_issuers.contains_key("identity"));
    // Without hiding, the request's JSON has no trace of it.
    request.credentials[0].hide_issuer_among = None;
    let json = request.to_json().unwrap();
    assert!(!json.contains("hide_issuer"), "{json}");
}

#[test]
fn specs_resolve_hidden_sets_from_the_registry() {
    let w = world();
    let schemas = BTreeMap::from([
        (*w.identity.id(), w.identity.clone()),
        (*w.residency.id(), w.residency.clone()),
    ]);
    let text = r#"{"version": 1, "credentials": [{"label": "residency",
        "schema": "vn.province.residency", "hide_issuer": true,
        "accepted_issuers": {"jurisdictions": ["VN-44", "VN-47", "VN-92"]}}]}"#;
    let spec = RequestSpec::parse(text, today()).unwrap();
    let rng = &mut ChaCha20Rng::seed_from_u64(1);
    let e = spec
        .clone()
        .build("clinic.example", window(), &schemas, rng)
        .unwrap_err();
    assert!(e.to_string().contains("needs the trust registry"), "{e}");
    let request = spec
        .build_with_registry("clinic.example", window(), &schemas, &registry(), rng)
        .unwrap();
    let mut expected: Vec<IssuerId> = w.provinces[..3].iter().map(|p| *p.id()).collect();
    expected.sort();
    assert_eq!(request.credentials[0].hide_issuer_among, Some(expected));
    // An issuer without a hiding key cannot be hidden: the set is refused, not shrunk.
    let mut r = TrustRegistry::new();
    let p = &w.provinces[0];
    let mut doc: serde_json::Value =
        serde_json::from_str(&p.public_info().to_json().unwrap()).unwrap();
    doc.as_object_mut().unwrap().remove("hiding_key");
    let old = IssuerPublicInfo::from_json(&doc.to_string()).unwrap();
    assert!(old.hiding_key().is_none());
    r.insert(old, [*w.residency.id()]).unwrap();
    let e = resolve_hidden_set(&r, &AcceptedIssuers::any(), w.residency.id()).unwrap_err();
    assert!(
        matches!(
            e,
            CredentialError::HiddenIssuer(HiddenIssuerError::NoHidingKey(_))
        ),
        "{e}"
    );
}

#[test]
fn issuer_documents_check_their_hiding_key() {
    let w = world();
    let (a, b) = (&w.provinces[0], &w.provinces[1]);
    let mut doc: serde_json::Value =
        serde_json::from_str(&a.public_info().to_json().unwrap()).unwrap();
    let other: serde_json::Value =
        serde_json::from_str(&b.public_info().to_json().unwrap()).unwrap();
    doc["hiding_key"] = other["hiding_key"].clone();
    let e = IssuerPublicInfo::from_json(&doc.to_string()).unwrap_err();
    assert!(e.to_string().contains("BBS"), "{e}");
    doc["hiding_key"] = "00".into();
    assert!(IssuerPublicInfo::from_json(&doc.to_string()).is_err());
    // An old document (no hiding key) reads, and its issuer can add one.
    doc.as_object_mut().unwrap().remove("hiding_key");
    let old = IssuerPublicInfo::from_json(&doc.to_string()).unwrap();
    let issuer = Issuer::from_parts(old, a.secret_key().clone())
        .unwrap()
        .with_hiding_key();
    assert_eq!(issuer.public_info(), a.public_info());
}

#[test]
fn a_schema_without_issuer_hiding_cannot_be_hidden() {
    let plain = Schema::new(
        "vn.commune.identity",
        1,
        vec![AttributeDef::new("birth_date", AttributeKind::Date)],
    )
    .unwrap();
    let hideable = plain.clone().with_issuer_hiding();
    assert_ne!(plain.id(), hideable.id());
    assert_eq!(hideable.message_count(), plain.message_count() + 1);
    assert_eq!(hideable.index_of("holder_secret"), Some(4));
    assert_eq!(hideable.schema_message_index(), Some(3));
    assert_eq!(
        Schema::from_json(&hideable.to_json().unwrap()).unwrap(),
        hideable
    );
    let mut req = CredentialRequest::new("identity", *plain.id());
    req.hide_issuer_among = Some(vec![*world().communes[0].id()]);
    let ctx = zkcred::credential::message_context(Ciphersuite::Bls12381Sha256).unwrap();
    let e = req.compile(&plain, &ctx, today()).unwrap_err();
    assert!(e.to_string().contains("no issuer hiding"), "{e}");
}
