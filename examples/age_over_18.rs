//! A commune issues an identity credential; a website asks "over 18?" and learns nothing else.
//!
//! `cargo run --release --example age_over_18`
use rand::rngs::OsRng;
use zkcred::bbs::Ciphersuite;
use zkcred::credential::*;
use zkcred::predicate::Date;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rng = &mut OsRng;
    // The story's clock, fixed so the example always tells the same story (`None` instead of
    // `Some(now)` below would use the system clock).
    let now = Timestamp::parse("2026-11-22T09:30:00Z")?;
    let today = now.date();
    // Issuer and schema.
    let schema = Schema::new(
        "vn.commune.identity",
        1,
        vec![
            AttributeDef::new("full_name", AttributeKind::String),
            AttributeDef::new("birth_date", AttributeKind::Date),
        ],
    )?;
    let commune = Issuer::generate(
        "UBND phường An Hòa",
        IssuerTier::Commune,
        Jurisdiction::new("VN-92-0001", None)?,
        Ciphersuite::Bls12381Sha256,
        rng,
    )?;
    // Blind issuance: the commune never sees the holder secret.
    let mut wallet = Wallet::new(rng);
    let request = wallet.request_issuance(&schema, commune.public_info(), rng)?;
    let content = CredentialContent {
        attributes: [
            (
                "full_name".into(),
                AttributeValue::String("Nguyễn Văn A".into()),
            ),
            (
                "birth_date".into(),
                AttributeValue::Date(Date::new(2001, 4, 2)?),
            ),
        ]
        .into(),
        issued_on: Date::new(2024, 1, 15)?,
        expires_on: Date::new(2034, 1, 14)?,
    };
    let issued = commune.issue(&schema, &content, &request, rng)?;
    wallet.accept(&issued, &schema, commune.public_info())?;

    // The website's request, and its Groth16 keys (published with the request).
    let mut ask = CredentialRequest::new("identity", *schema.id());
    ask.accepted_issuers.tiers = Some(vec![IssuerTier::Commune]);
    ask.predicates = vec![
        AttributePredicate::new("birth_date", PredicateSpec::AgeAtLeast { years: 18, today }),
        AttributePredicate::not_expired(today),
    ];
    // The website signs its requests; the wallet answers only verifiers of its registry.
    let shop = VerifierKey::generate("shop.example", "Example Shop", vec![], rng)?;
    let mut verifiers = VerifierRegistry::new();
    verifiers.insert(shop.public_info().clone())?;
    // Answerable for an hour from now.
    let window = RequestWindow::starting(now, std::time::Duration::from_secs(3600))?;
    let mut request = PresentationRequest::new("shop.example", Nonce::random(rng), window);
    request.credentials = vec![ask];
    let mut setup = VerifierSetup::new();
    setup.add_request(&request, std::slice::from_ref(&schema), rng)?;
    let request = SignedRequest::sign(request, &shop)?;

    // The holder checks the request's signature and the keys, and answers.
    let keys = setup.key_set().holder_keys()?;
    let presentation = wallet.present(&request, &verifiers, &keys, Some(now), rng)?;
    println!("presentation: {} bytes of JSON", presentation.json_size());

    // The website verifies.
    let mut registry = TrustRegistry::new();
    registry.insert(commune.public_info().clone(), [*schema.id()])?;
    let verifier = Verifier::new(
        registry,
        vec![schema],
        setup.verifier_keys(),
        Box::new(InMemoryNonceStore::new()),
    );
    let learned = verifier.verify_signed(&request, shop.public_info(), &presentation, Some(now))?;
    if learned.disclosed.values().all(|values| values.is_empty()) {
        println!("disclosed: nothing");
    }
    for (label, values) in &learned.disclosed {
        for (name, value) in values {
            println!("disclosed: [{label}] {name} = {value}");
        }
    }
    for p in &learned.predicates_held {
        println!("holds: [{}] {}", p.label, p.description);
    }
    Ok(())
}
