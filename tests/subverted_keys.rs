//! A verifier that subverts its Groth16 keys gets nothing from the stock wallet.
//!
//! The attacks of the tracker, through the public API: the verifier runs an honest setup,
//! then edits only its proving key (`l_query[i] += 2^i·X` on the age circuit, `a_query[1] += X`
//! on the set circuit, `l_query[0] += X` on the not-equal circuit, and every other query,
//! base and power). `PredicateKeySet::holder_keys` still loads the keys, but
//! `Wallet::present` refuses each edited key before it proves anything, naming the circuit
//! and the failed structure check; honest keys give a presentation that verifies.

use std::sync::OnceLock;

use ark_bls12_381::{Fr, G1Projective, G2Projective};
use ark_ec::CurveGroup;
use ark_ff::UniformRand;
use rand_chacha::{rand_core::SeedableRng, ChaCha20Rng};
use zkcred::bbs::Ciphersuite;
use zkcred::credential::*;
use zkcred::predicate::{Date, PredicateError};
use zkcred::snark::{ArkProvingKey, ProvingKey, SnarkError, StructureCheck, TauPowers};

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
    commune: Issuer,
    wallet: Wallet,
    keys: PredicateKeySet,
    clinic: VerifierKey,
    verifiers: VerifierRegistry,
}

/// The request as the wallet receives it: signed by the clinic.
fn signed_request() -> SignedRequest {
    SignedRequest::sign(request(), &world().clinic).unwrap()
}

/// One credential; the request asks "over 18", "province in a set" and "name is not X": one
/// key per circuit kind.
fn request() -> PresentationRequest {
    let nonce = Nonce::random(&mut ChaCha20Rng::seed_from_u64(5));
    request_with(world().schema.id(), nonce)
}

fn request_with(schema: &SchemaId, nonce: Nonce) -> PresentationRequest {
    let mut ask = CredentialRequest::new("identity", *schema);
    ask.predicates = vec![
        AttributePredicate::new(
            "birth_date",
            PredicateSpec::AgeAtLeast {
                years: 18,
                today: today(),
            },
        ),
        AttributePredicate::new(
            "province",
            PredicateSpec::InSet {
                labels: vec!["an_giang".into(), "can_tho".into()],
            },
        ),
        AttributePredicate::new(
            "full_name",
            PredicateSpec::NotEqual {
                value: AttributeValue::String("Trần Thị B".into()),
            },
        ),
    ];
    let mut r = PresentationRequest::new("clinic.example", nonce, window());
    r.credentials = vec![ask];
    r
}

fn world() -> &'static World {
    static W: OnceLock<World> = OnceLock::new();
    W.get_or_init(|| {
        let rng = &mut ChaCha20Rng::seed_from_u64(11);
        let schema = Schema::new(
            "vn.commune.identity",
            1,
            vec![
                AttributeDef::new("full_name", AttributeKind::String),
                AttributeDef::new("birth_date", AttributeKind::Date),
                AttributeDef::new(
                    "province",
                    AttributeKind::Enumeration {
                        codes: vec![
                            EnumLabel::new("an_giang", 89),
                            EnumLabel::new("can_tho", 92),
                            EnumLabel::new("ha_noi", 1),
                        ],
                    },
                ),
            ],
        )
        .unwrap();
        let commune = Issuer::generate(
            "UBND xã Mỹ Hòa Hưng",
            IssuerTier::Commune,
            Jurisdiction::new("VN-89", None).unwrap(),
            Ciphersuite::Bls12381Sha256,
            rng,
        )
        .unwrap();
        let mut wallet = Wallet::new(rng);
        let req = wallet
            .request_issuance(&schema, commune.public_info(), rng)
            .unwrap();
        let content = CredentialContent {
            attributes: [
                (
                    "full_name".into(),
                    AttributeValue::String("Nguyễn Văn A".into()),
                ),
                ("birth_date".into(), AttributeValue::Date(date(2001, 4, 2))),
                ("province".into(), AttributeValue::Enum("an_giang".into())),
            ]
            .into(),
            issued_on: date(2024, 1, 15),
            expires_on: date(2034, 1, 14),
        };
        let issued = commune.issue(&schema, &content, &req, rng).unwrap();
        wallet
            .accept(&issued, &schema, commune.public_info())
            .unwrap();
        let clinic = VerifierKey::generate("clinic.example", "Clinic", vec![], rng).unwrap();
        let mut verifiers = VerifierRegistry::new();
        verifiers.insert(clinic.public_info().clone()).unwrap();
        let mut w = World {
            schema,
            commune,
            wallet,
            keys: PredicateKeySet::default(),
            clinic,
            verifiers,
        };
        let mut setup = VerifierSetup::new();
        let r = request_with(w.schema.id(), Nonce::from_bytes([0; 32]));
        setup
            .add_request(&r, std::slice::from_ref(&w.schema), rng)
            .unwrap();
        w.keys = PredicateKeySet::from_json(&setup.key_set().to_json().unwrap()).unwrap();
        w
    })
}

fn x(seed: u64) -> G1Projective {
    G1Projective::rand(&mut ChaCha20Rng::seed_from_u64(seed))
}

/// The key set with key `which` edited by `f` (powers of tau kept), as the verifier would
/// publish it (through JSON).
fn subverted(which: usize, f: &dyn Fn(&mut ArkProvingKey, &mut TauPowers)) -> PredicateKeySet {
    let mut set = world().keys.clone();
    let k = &mut set.keys[which];
    let mut ark = k.proving_key.as_ark().clone();
    let mut tp = k.proving_key.tau_powers().unwrap().clone();
    f(&mut ark, &mut tp);
    let pk = ProvingKey::from_parts(k.circuit_id, 1, ark)
        .unwrap()
        .with_tau_powers(tp);
    k.verifying_key = pk.verifying_key();
    k.proving_key = pk;
    PredicateKeySet::from_json(&set.to_json().unwrap()).unwrap()
}

/// The stock wallet refuses the key set with a key-structure error on circuit `which`.
fn refused(set: &PredicateKeySet, which: usize) -> SnarkError {
    let holder = set
        .holder_keys()
        .expect("loading alone checks nothing circuit-specific");
    let rng = &mut ChaCha20Rng::seed_from_u64(2);
    let w = world();
    match w
        .wallet
        .present(&signed_request(), &w.verifiers, &holder, Some(now()), rng)
    {
        Err(PresentationError::Predicate(PredicateError::KeyCheck { circuit, source })) => {
            assert_eq!(circuit, set.keys[which].circuit_id);
            source
        }
        other => panic!("expected a refused key, got {other:?}"),
    }
}

fn verifier() -> Verifier {
    let w = world();
    let mut registry = TrustRegistry::new();
    registry
        .insert(w.commune.public_info().clone(), [*w.schema.id()])
        .unwrap();
    Verifier::new(
        registry,
        vec![w.schema.clone()],
        w.keys.verifier_keys(),
        Box::new(InMemoryNonceStore::new()),
    )
}

/// The index of the age circuit's key, and of the one with a single witness (not-equal's
/// `(w − a)^-1`; the set circuit over two values has none, the date circuits 32 bits).
fn by_witness_count() -> (usize, usize) {
    let keys = &world().keys.keys;
    let age_id = zkcred::predicate::Predicate::age_at_least(today(), 18)
        .circuit_id()
        .unwrap();
    let age = keys.iter().position(|k| k.circuit_id == age_id).unwrap();
    let l = |i: usize| keys[i].proving_key.as_ark().l_query.len();
    let single = (0..keys.len()).find(|&i| l(i) == 1).unwrap();
    (age, single)
}

#[test]
fn honest_keys_give_a_presentation_that_verifies() {
    let w = world();
    // One key per distinct circuit: age, set, not-equal, and the validity comparisons
    // (`issued_on <= date` is the age circuit's `<=` on dates).
    assert_eq!(w.keys.keys.len(), 4);
    let rng = &mut ChaCha20Rng::seed_from_u64(3);
    let p = w
        .wallet
        .present(
            &signed_request(),
            &w.verifiers,
            &w.keys.holder_keys().unwrap(),
            Some(now()),
            rng,
        )
        .unwrap();
    let learned = verifier().verify(&request(), &p, Some(now())).unwrap();
    assert_eq!(learned.predicates_held.len(), 5);
}

#[test]
fn l_query_powers_of_two_on_the_age_circuit_refused() {
    let (age, _) = by_witness_count();
    let set = subverted(age, &|k, _| {
        for (i, l) in k.l_query.iter_mut().enumerate().take(32) {
            *l = (*l + x(1) * Fr::from(1u64 << i)).into_affine();
        }
    });
    assert_eq!(
        refused(&set, age),
        SnarkError::KeyStructure(StructureCheck::LQuery)
    );
}

#[test]
fn a_query_on_every_circuit_refused() {
    for which in 0..world().keys.keys.len() {
        let set = subverted(which, &|k, _| {
            k.a_query[1] = (k.a_query[1] + x(2)).into_affine()
        });
        assert_eq!(
            refused(&set, which),
            SnarkError::KeyStructure(StructureCheck::AQuery)
        );
    }
}

#[test]
fn l_query_0_on_the_not_equal_circuit_refused() {
    let (_, small) = by_witness_count();
    let set = subverted(small, &|k, _| {
        k.l_query[0] = (k.l_query[0] + x(3)).into_affine()
    });
    assert_eq!(
        refused(&set, small),
        SnarkError::KeyStructure(StructureCheck::LQuery)
    );
}

#[test]
fn every_other_perturbation_refused_before_proving() {
    let (age, _) = by_witness_count();
    let y = G2Projective::rand(&mut ChaCha20Rng::seed_from_u64(4));
    let two = Fr::from(2u64);
    type Edit = Box<dyn Fn(&mut ArkProvingKey, &mut TauPowers)>;
    let cases: Vec<(Edit, Option<StructureCheck>)> = vec![
        (
            Box::new(|k, _| k.b_g1_query[4] = (k.b_g1_query[4] + x(5)).into_affine()),
            Some(StructureCheck::BG1Query),
        ),
        (
            Box::new(move |k, _| k.b_g2_query[4] = (k.b_g2_query[4] + y).into_affine()),
            Some(StructureCheck::BG2Query),
        ),
        (
            Box::new(|k, _| k.h_query[7] = (k.h_query[7] + x(6)).into_affine()),
            Some(StructureCheck::HQuery),
        ),
        (
            Box::new(|k, _| k.vk.gamma_abc_g1[3] = (k.vk.gamma_abc_g1[3] + x(7)).into_affine()),
            Some(StructureCheck::InputBases),
        ),
        (
            Box::new(move |k, _| {
                k.beta_g1 = (k.beta_g1 * two).into_affine();
                k.delta_g1 = (k.delta_g1 * two).into_affine();
            }),
            Some(StructureCheck::Beta),
        ),
        (
            Box::new(|k, _| k.delta_g1 = (k.delta_g1 + x(8)).into_affine()),
            None, // δ_1 vs δ_2: refused by the β/δ consistency check
        ),
        (
            Box::new(|_, tp| {
                let mut p = tp.g1_powers().to_vec();
                p[2] = (p[2] + x(9)).into_affine();
                *tp = TauPowers::from_parts(p, *tp.g2(), *tp.tau_g2(), *tp.tau_n_g2());
            }),
            Some(StructureCheck::PowersChain),
        ),
    ];
    for (edit, expected) in cases {
        let source = refused(&subverted(age, &*edit), age);
        match expected {
            Some(check) => assert_eq!(source, SnarkError::KeyStructure(check)),
            None => assert!(matches!(source, SnarkError::KeyMismatch(_)), "{source:?}"),
        }
    }
}

#[test]
fn keys_without_powers_of_tau_are_refused() {
    let mut set = world().keys.clone();
    let k = &mut set.keys[0];
    k.proving_key =
        ProvingKey::from_parts(k.circuit_id, 1, k.proving_key.as_ark().clone()).unwrap();
    let e = set.holder_keys().unwrap_err();
    assert!(e.to_string().contains("powers of tau"), "{e}");
    // A version-1 key document is refused as such.
    let json = world()
        .keys
        .to_json()
        .unwrap()
        .replacen("\"version\": 2", "\"version\": 1", 1);
    assert!(matches!(
        PredicateKeySet::from_json(&json),
        Err(CredentialError::UnsupportedVersion(1))
    ));
}
