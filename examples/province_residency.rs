//! A clinic asks: over 18 (commune identity), living in the Mekong Delta (provincial
//! residency), the same person on both, under its pseudonym scope. It learns the name it asks
//! for, that the predicates hold, and a pseudonym that is stable for this clinic only.
//!
//! `cargo run --release --example province_residency`
use rand::rngs::OsRng;
use zkcred::bbs::Ciphersuite;
use zkcred::credential::*;
use zkcred::predicate::Date;

type Res<T> = Result<T, Box<dyn std::error::Error>>;

fn issue(w: &mut Wallet, i: &Issuer, s: &Schema, attrs: Vec<(&str, AttributeValue)>) -> Res<()> {
    let rng = &mut OsRng;
    let request = w.request_issuance(s, i.public_info(), rng)?;
    let content = CredentialContent {
        attributes: attrs.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
        issued_on: Date::new(2024, 1, 15)?,
        expires_on: Date::new(2030, 1, 14)?,
    };
    w.accept(&i.issue(s, &content, &request, rng)?, s, i.public_info())?;
    Ok(())
}

fn main() -> Res<()> {
    let rng = &mut OsRng;
    // The story's clock, fixed so the example always tells the same story (`None` instead of
    // `Some(now)` below would use the system clock).
    let now = Timestamp::parse("2026-11-22T09:30:00Z")?;
    let today = now.date();
    let suite = Ciphersuite::Bls12381Sha256;
    let identity = Schema::new(
        "vn.commune.identity",
        1,
        vec![
            AttributeDef::new("full_name", AttributeKind::String),
            AttributeDef::new("birth_date", AttributeKind::Date),
        ],
    )?;
    let provinces = [
        ("ha_noi", 1),
        ("an_giang", 89),
        ("kien_giang", 91),
        ("can_tho", 92),
    ];
    let residency = Schema::new(
        "vn.province.residency",
        1,
        vec![AttributeDef::new(
            "province",
            AttributeKind::Enumeration {
                codes: provinces
                    .iter()
                    .map(|(l, c)| EnumLabel::new(*l, *c))
                    .collect(),
            },
        )],
    )?;
    let commune = Issuer::generate(
        "UBND phường An Hòa",
        IssuerTier::Commune,
        Jurisdiction::new("VN-92-0001", None)?,
        suite,
        rng,
    )?;
    let province = Issuer::generate(
        "UBND thành phố Cần Thơ",
        IssuerTier::Province,
        Jurisdiction::new("VN-92", None)?,
        suite,
        rng,
    )?;
    let mut wallet = Wallet::new(rng);
    let name = AttributeValue::String("Nguyễn Văn A".into());
    let born = AttributeValue::Date(Date::new(2001, 4, 2)?);
    issue(
        &mut wallet,
        &commune,
        &identity,
        vec![("full_name", name), ("birth_date", born)],
    )?;
    let home = AttributeValue::Enum("can_tho".into());
    issue(&mut wallet, &province, &residency, vec![("province", home)])?;

    // The clinic's request.
    let mut id = CredentialRequest::new("identity", *identity.id());
    id.disclose = vec!["full_name".into()];
    id.predicates = vec![
        AttributePredicate::new("birth_date", PredicateSpec::AgeAtLeast { years: 18, today }),
        AttributePredicate::not_expired(today),
    ];
    let mut res = CredentialRequest::new("residency", *residency.id());
    res.accepted_issuers.tiers = Some(vec![IssuerTier::Province]);
    let mekong = ["an_giang", "kien_giang", "can_tho"]
        .map(String::from)
        .to_vec();
    res.predicates = vec![
        AttributePredicate::new("province", PredicateSpec::InSet { labels: mekong }),
        AttributePredicate::not_expired(today),
    ];
    // The clinic owns the scope "patients" in the wallet's verifier registry and signs.
    let clinic = VerifierKey::generate(
        "clinic.example",
        "Phòng khám Đa khoa",
        vec!["patients".into()],
        rng,
    )?;
    let mut verifiers = VerifierRegistry::new();
    verifiers.insert(clinic.public_info().clone())?;
    // Answerable for an hour from now.
    let window = RequestWindow::starting(now, std::time::Duration::from_secs(3600))?;
    let mut request = PresentationRequest::new("clinic.example", Nonce::random(rng), window);
    request.credentials = vec![id, res];
    // same_holder is on by default: both credentials must be the same person's.
    request.pseudonym_scope = Some("patients".into());
    println!(
        "request {} ({} bytes of JSON)",
        request.id(),
        request.to_json()?.len()
    );

    let schemas = vec![identity, residency];
    let mut setup = VerifierSetup::new();
    setup.add_request(&request, &schemas, rng)?;
    let request = SignedRequest::sign(request, &clinic)?;
    let keys = setup.key_set().holder_keys()?;
    let presentation = wallet.present(&request, &verifiers, &keys, Some(now), rng)?;
    println!("presentation: {} bytes of JSON", presentation.json_size());

    let mut registry = TrustRegistry::new();
    // Each issuer is trusted for its own kind of credential only.
    registry.insert(commune.public_info().clone(), [*schemas[0].id()])?;
    registry.insert(province.public_info().clone(), [*schemas[1].id()])?;
    let store = Box::new(InMemoryNonceStore::new());
    let verifier = Verifier::new(registry, schemas, setup.verifier_keys(), store);
    let own = clinic.public_info();
    let learned = verifier.verify_signed(&request, own, &presentation, Some(now))?;
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
    println!("same holder: {}", learned.same_holder);
    println!("pseudonym: {}", learned.pseudonym.unwrap_or_default());
    // The same presentation again is a replay.
    let again = verifier.verify_signed(&request, own, &presentation, Some(now));
    println!("replayed: {}", again.unwrap_err());
    Ok(())
}
