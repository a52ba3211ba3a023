//! A small fixed world shared by `verify_presentation` and the seed generator: a commune
//! issuer, one identity credential in a wallet, a clinic's request for "age ≥ 18" with the
//! name disclosed (made at [`now`], valid for an hour), Groth16 keys from `VerifierSetup`
//! with a fixed seed, and a verifier.

// Not every field is read by every user of this module (fuzz target, seed generator).
#![allow(dead_code)]

use rand_chacha::{rand_core::SeedableRng, ChaCha20Rng};
use zkcred::bbs::Ciphersuite;
use zkcred::credential::{
    AttributeDef, AttributeKind, AttributePredicate, AttributeValue, CredentialContent,
    CredentialRequest, InMemoryNonceStore, IssuanceRequest, IssuedCredential, Issuer, IssuerTier,
    Jurisdiction, Nonce, PredicateKeySet, PredicateSpec, PresentationRequest, RequestWindow,
    Schema, Timestamp, TrustRegistry, Verifier, VerifierKey, VerifierSetup, Wallet,
};
use zkcred::predicate::Date;

pub struct World {
    pub schema: Schema,
    pub issuer: Issuer,
    pub wallet: Wallet,
    pub clinic: VerifierKey,
    pub issuance: IssuanceRequest,
    pub issued: IssuedCredential,
    pub request: PresentationRequest,
    pub key_set: PredicateKeySet,
}

fn date(y: i64, m: u32, d: u32) -> Date {
    Date::new(y, m, d).expect("a valid date")
}

/// The instant the request is made, answered and verified at (the verifier's clock).
pub fn now() -> Timestamp {
    Timestamp::parse("2026-11-22T09:30:00Z").expect("a valid timestamp")
}

/// The request's day, on which credentials are judged.
pub fn today() -> Date {
    now().date()
}

pub fn build() -> World {
    let mut rng = ChaCha20Rng::seed_from_u64(41);
    let schema = Schema::new(
        "vn.commune.identity",
        1,
        vec![
            AttributeDef::new("full_name", AttributeKind::String),
            AttributeDef::new("birth_date", AttributeKind::Date),
        ],
    )
    .expect("schema");
    let issuer = Issuer::generate(
        "UBND phường An Hòa",
        IssuerTier::Commune,
        Jurisdiction::new("VN-92-0001", None).expect("jurisdiction"),
        Ciphersuite::Bls12381Sha256,
        &mut rng,
    )
    .expect("issuer");
    let mut wallet = Wallet::new(&mut rng);
    let issuance = wallet
        .request_issuance(&schema, issuer.public_info(), &mut rng)
        .expect("issuance request");
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
    let issued = issuer
        .issue(&schema, &content, &issuance, &mut rng)
        .expect("issue");
    wallet
        .accept(&issued, &schema, issuer.public_info())
        .expect("accept");
    let clinic = VerifierKey::generate("clinic.example", "Clinic", vec![], &mut rng).expect("key");

    let window = RequestWindow::starting(now(), std::time::Duration::from_secs(3_600))
        .expect("a one-hour window");
    let mut request =
        PresentationRequest::new("clinic.example", Nonce::from_bytes([7; 32]), window);
    let mut id = CredentialRequest::new("identity", *schema.id());
    id.disclose = vec!["full_name".into()];
    id.predicates = vec![AttributePredicate::new(
        "birth_date",
        PredicateSpec::AgeAtLeast {
            years: 18,
            today: today(),
        },
    )];
    request.credentials = vec![id];

    let mut setup = VerifierSetup::new();
    setup
        .add_request(
            &request,
            std::slice::from_ref(&schema),
            &mut ChaCha20Rng::seed_from_u64(8),
        )
        .expect("verifier setup");
    let key_set = setup.key_set();
    World {
        schema,
        issuer,
        wallet,
        clinic,
        issuance,
        issued,
        request,
        key_set,
    }
}

/// A verifier trusting the world's issuer for its schema, with the world's keys.
pub fn verifier(w: &World) -> Verifier {
    let mut registry = TrustRegistry::new();
    registry
        .insert(w.issuer.public_info().clone(), [*w.schema.id()])
        .expect("registry");
    Verifier::new(
        registry,
        vec![w.schema.clone()],
        w.key_set.verifier_keys(),
        Box::new(InMemoryNonceStore::new()),
    )
}
