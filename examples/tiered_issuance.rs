//! Tiers and jurisdictions: a registry of issuers at several levels, a request that accepts
//! only provincial issuers of the Mekong Delta; the holder refuses, with a reason, when its
//! credential comes from an issuer the request does not accept.
//!
//! `cargo run --release --example tiered_issuance`
use rand::rngs::OsRng;
use zkcred::bbs::Ciphersuite;
use zkcred::credential::*;
use zkcred::predicate::Date;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rng = &mut OsRng;
    // The story's clock, fixed so the example always tells the same story (`None` instead of
    // `Some(now)` below would use the system clock).
    let now = Timestamp::parse("2026-11-22T09:30:00Z")?;
    let suite = Ciphersuite::Bls12381Sha256;
    let schema = Schema::new(
        "vn.household.size",
        1,
        vec![AttributeDef::new("household_size", AttributeKind::Integer)],
    )?;
    let issuers = [
        ("Bộ Công an", IssuerTier::National, "VN"),
        ("UBND tỉnh An Giang", IssuerTier::Province, "VN-89"),
        ("UBND tỉnh Quảng Nam", IssuerTier::Province, "VN-49"),
        ("UBND xã Mỹ Hòa Hưng", IssuerTier::Commune, "VN-89-0001"),
    ]
    .map(|(name, tier, code)| {
        Issuer::generate(
            name,
            tier,
            Jurisdiction::new(code, None).unwrap(),
            suite,
            rng,
        )
        .unwrap()
    });
    let mut registry = TrustRegistry::new();
    for i in &issuers {
        // Every tier may attest a household size.
        registry.insert(i.public_info().clone(), [*schema.id()])?;
        let info = i.public_info();
        println!(
            "registry: {:?} {} {}",
            info.tier(),
            info.jurisdiction().code(),
            info.name()
        );
    }
    let policy = AcceptedIssuers {
        tiers: Some(vec![IssuerTier::Province]),
        jurisdictions: Some(vec!["VN-89".into(), "VN-92".into()]),
        ..AcceptedIssuers::any()
    };
    let accepted: Vec<&str> = registry.accepted(&policy).map(|i| i.name()).collect();
    println!("accepted by the request's policy: {accepted:?}");

    // One wallet, one credential from the commune and one from the province.
    let mut wallet = Wallet::new(rng);
    for (issuer, size) in [(&issuers[3], 5), (&issuers[1], 4)] {
        let req = wallet.request_issuance(&schema, issuer.public_info(), rng)?;
        let content = CredentialContent {
            attributes: [("household_size".into(), AttributeValue::Integer(size))].into(),
            issued_on: Date::new(2025, 6, 1)?,
            expires_on: Date::new(2027, 6, 1)?,
        };
        let issued = issuer.issue(&schema, &content, &req, rng)?;
        wallet.accept(&issued, &schema, issuer.public_info())?;
    }

    // "Household of at least 4, attested by a Mekong province."
    let mut ask = CredentialRequest::new("household", *schema.id());
    ask.accepted_issuers = policy;
    ask.predicates = vec![AttributePredicate::new(
        "household_size",
        PredicateSpec::Compare {
            op: CompareOp::Ge,
            value: AttributeValue::Integer(4),
        },
    )];
    let office = VerifierKey::generate("benefits.example", "Benefits office", vec![], rng)?;
    let mut verifiers = VerifierRegistry::new();
    verifiers.insert(office.public_info().clone())?;
    // Answerable for an hour from now.
    let window = RequestWindow::starting(now, std::time::Duration::from_secs(3600))?;
    let mut request = PresentationRequest::new("benefits.example", Nonce::random(rng), window);
    request.credentials = vec![ask];
    let mut setup = VerifierSetup::new();
    setup.add_request(&request, std::slice::from_ref(&schema), rng)?;
    let keys = setup.key_set().holder_keys()?;
    let signed = SignedRequest::sign(request.clone(), &office)?;
    let presentation = wallet.present(&signed, &verifiers, &keys, Some(now), rng)?;
    let store = Box::new(InMemoryNonceStore::new());
    let verifier = Verifier::new(registry, vec![schema], setup.verifier_keys(), store);
    let own = office.public_info();
    let learned = verifier.verify_signed(&signed, own, &presentation, Some(now))?;
    println!("verified: issuer {:?}", learned.issuers);
    for p in &learned.predicates_held {
        println!("holds: [{}] {}", p.label, p.description);
    }

    // A national-tier-only request: the holder has no such credential and says why.
    request.credentials[0].accepted_issuers = AcceptedIssuers {
        tiers: Some(vec![IssuerTier::National]),
        ..AcceptedIssuers::any()
    };
    request.nonce = Nonce::random(rng);
    let signed = SignedRequest::sign(request, &office)?;
    println!(
        "refused: {}",
        wallet
            .present(&signed, &verifiers, &keys, Some(now), rng)
            .unwrap_err()
    );
    Ok(())
}
