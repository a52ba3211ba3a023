//! Criterion benches of a whole credential presentation through the stock wallet and verifier
//! (`Wallet::present`, `Verifier::verify_signed`): "age >= 18" on an identity credential, with
//! the secure defaults on (the request's signature, every credential valid on the request's
//! date: two hidden date proofs beside the age proof), and the same request with the validity
//! dates disclosed (checked directly, no date proofs). Key checks are cached after the first
//! presentation, as in a wallet.
//!
//! The `batch` group: a gateway's 32 presentations of "at least 18 (identity, SHA-256 suite),
//! resident of one of these provinces (residency, SHAKE-256 suite), same holder" — per
//! presentation two pseudonym-BBS proofs, four Groth16 proofs and the holder link — verified
//! one by one (`Verifier::verify`, one merged pairing check each) and together
//! (`Verifier::verify_batch`, one merged pairing check for all), and the gateway's JSON form
//! (`Verifier::verify_batch_json`: decoding included, each point subgroup-checked once).
//!
//! Single thread: `cargo bench -p zkcred --bench presentation`;
//! parallel: `cargo bench -p zkcred --features parallel --bench presentation`;
//! only the batch: `cargo bench -p zkcred --bench presentation -- batch`; a batch of 1,000
//! (about a minute of setup): `ZKCRED_BENCH_BATCH=1000 cargo bench -p zkcred --bench
//! presentation -- batch`. `gateway/present` is the wallet's side of the same presentation.

mod common;

use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use rand::SeedableRng;
use rand_chacha::ChaCha20Rng;
use zkcred::bbs::Ciphersuite;
use zkcred::credential::*;
use zkcred::predicate::{Date, HolderKeys};

use common::{gateway_issue, gateway_request, gateway_schemas, now, NoReplayCheck};

struct Fx {
    wallet: Wallet,
    verifiers: VerifierRegistry,
    keys: HolderKeys,
    verifier: Verifier,
    shop: VerifierKey,
}

fn fixture(disclose_dates: bool) -> (Fx, SignedRequest) {
    let rng = &mut ChaCha20Rng::seed_from_u64(1);
    let today = now().date();
    let mut attrs = vec![
        AttributeDef::new("full_name", AttributeKind::String),
        AttributeDef::new("birth_date", AttributeKind::Date),
    ];
    attrs.extend((0..6).map(|i| AttributeDef::new(format!("field_{i}"), AttributeKind::Integer)));
    let schema = Schema::new("vn.commune.identity", 1, attrs).unwrap();
    let commune = Issuer::generate(
        "UBND phường An Hòa",
        IssuerTier::Commune,
        Jurisdiction::new("VN-92-0001", None).unwrap(),
        Ciphersuite::Bls12381Sha256,
        rng,
    )
    .unwrap();
    let mut wallet = Wallet::new(rng);
    let req = wallet
        .request_issuance(&schema, commune.public_info(), rng)
        .unwrap();
    let mut attributes: std::collections::BTreeMap<String, AttributeValue> = [
        (
            "full_name".into(),
            AttributeValue::String("Nguyễn Văn A".into()),
        ),
        (
            "birth_date".into(),
            AttributeValue::Date(Date::new(2001, 4, 2).unwrap()),
        ),
    ]
    .into();
    for i in 0..6 {
        attributes.insert(format!("field_{i}"), AttributeValue::Integer(i));
    }
    let content = CredentialContent {
        attributes,
        issued_on: Date::new(2024, 1, 15).unwrap(),
        expires_on: Date::new(2034, 1, 14).unwrap(),
    };
    let issued = commune.issue(&schema, &content, &req, rng).unwrap();
    wallet
        .accept(&issued, &schema, commune.public_info())
        .unwrap();

    let mut ask = CredentialRequest::new("identity", *schema.id());
    ask.predicates = vec![AttributePredicate::new(
        "birth_date",
        PredicateSpec::AgeAtLeast { years: 18, today },
    )];
    if disclose_dates {
        ask.disclose = vec![ISSUED_ON.into(), EXPIRES_ON.into()];
    }
    let shop = VerifierKey::generate("shop.example", "Shop", vec![], rng).unwrap();
    let mut verifiers = VerifierRegistry::new();
    verifiers.insert(shop.public_info().clone()).unwrap();
    let window = RequestWindow::starting(now(), Duration::from_secs(3600)).unwrap();
    let mut request = PresentationRequest::new("shop.example", Nonce::random(rng), window);
    request.credentials = vec![ask];
    let mut setup = VerifierSetup::new();
    setup
        .add_request(&request, std::slice::from_ref(&schema), rng)
        .unwrap();
    let signed = SignedRequest::sign(request, &shop).unwrap();
    let mut registry = TrustRegistry::new();
    registry
        .insert(commune.public_info().clone(), [*schema.id()])
        .unwrap();
    let verifier = Verifier::new(
        registry,
        vec![schema],
        setup.verifier_keys(),
        Box::new(NoReplayCheck),
    );
    let keys = setup.key_set().holder_keys().unwrap();
    (
        Fx {
            wallet,
            verifiers,
            keys,
            verifier,
            shop,
        },
        signed,
    )
}

fn bench(c: &mut Criterion) {
    let mode = if cfg!(feature = "parallel") {
        "parallel"
    } else {
        "single"
    };
    let mut g = c.benchmark_group(format!("presentation/{mode}"));
    g.sample_size(10)
        .measurement_time(Duration::from_secs(4))
        .warm_up_time(Duration::from_secs(1));
    for (name, disclose) in [
        ("age18_dates_hidden", false),
        ("age18_dates_disclosed", true),
    ] {
        let (fx, signed) = fixture(disclose);
        let rng = &mut ChaCha20Rng::seed_from_u64(2);
        // The first presentation checks the keys (cached by digest afterwards).
        let p = fx
            .wallet
            .present(&signed, &fx.verifiers, &fx.keys, Some(now()), rng)
            .unwrap();
        println!(
            "{name}: {} predicate proofs, {} bytes of JSON",
            p.credentials[0].predicate_proofs.len(),
            p.json_size()
        );
        g.bench_function(format!("{name}/present"), |b| {
            b.iter(|| {
                fx.wallet
                    .present(&signed, &fx.verifiers, &fx.keys, Some(now()), rng)
                    .unwrap()
            })
        });
        let own = fx.shop.public_info();
        g.bench_function(format!("{name}/verify"), |b| {
            b.iter(|| {
                fx.verifier
                    .verify_signed(&signed, own, &p, Some(now()))
                    .unwrap()
            })
        });
    }
}

/// What the wallet needs to answer another gateway request.
struct GatewayWallet {
    wallet: Wallet,
    verifiers: VerifierRegistry,
    keys: HolderKeys,
    signed: SignedRequest,
}

/// The gateway's verifier and `n` presentations, each for its own request.
fn gateway(
    n: u64,
) -> (
    Verifier,
    Vec<(PresentationRequest, Presentation)>,
    GatewayWallet,
) {
    let rng = &mut ChaCha20Rng::seed_from_u64(3);
    let (identity, residency) = gateway_schemas();
    let place = Jurisdiction::new("VN-92", None).unwrap();
    let commune = Issuer::generate(
        "Commune",
        IssuerTier::Commune,
        place.clone(),
        Ciphersuite::Bls12381Sha256,
        rng,
    )
    .unwrap();
    let province = Issuer::generate(
        "Province",
        IssuerTier::Province,
        place,
        Ciphersuite::Bls12381Shake256,
        rng,
    )
    .unwrap();
    let mut wallet = Wallet::new(rng);
    let name = AttributeValue::String("Nguyễn Văn A".into());
    let born = AttributeValue::Date(Date::new(2001, 4, 2).unwrap());
    let ident = vec![("full_name", name), ("birth_date", born)];
    gateway_issue(&mut wallet, &commune, &identity, ident, rng);
    let home = vec![("province", AttributeValue::Enum("can_tho".into()))];
    gateway_issue(&mut wallet, &province, &residency, home, rng);
    let schemas = vec![identity.clone(), residency.clone()];
    let mut setup = VerifierSetup::new();
    setup
        .add_request(&gateway_request(&identity, &residency, 0), &schemas, rng)
        .unwrap();
    let keys = setup.key_set().holder_keys().unwrap();
    let gate = VerifierKey::generate("gate.example", "Gate", vec![], rng).unwrap();
    let mut verifiers = VerifierRegistry::new();
    verifiers.insert(gate.public_info().clone()).unwrap();
    let mut registry = TrustRegistry::new();
    registry
        .insert(commune.public_info().clone(), [*identity.id()])
        .unwrap();
    registry
        .insert(province.public_info().clone(), [*residency.id()])
        .unwrap();
    let verifier = Verifier::new(
        registry,
        schemas,
        setup.verifier_keys(),
        Box::new(NoReplayCheck),
    );
    let presented = (0..n)
        .map(|seed| {
            let request = gateway_request(&identity, &residency, seed);
            let signed = SignedRequest::sign(request.clone(), &gate).unwrap();
            let p = wallet
                .present(&signed, &verifiers, &keys, Some(now()), rng)
                .unwrap();
            (request, p)
        })
        .collect();
    let signed = SignedRequest::sign(gateway_request(&identity, &residency, n), &gate).unwrap();
    let holder = GatewayWallet {
        wallet,
        verifiers,
        keys,
        signed,
    };
    (verifier, presented, holder)
}

/// Presentations in a batch: `ZKCRED_BENCH_BATCH`, else 32.
fn batch_size() -> u64 {
    std::env::var("ZKCRED_BENCH_BATCH")
        .ok()
        .and_then(|n| n.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(32)
}

/// [`batch_size`] gateway presentations: one by one, and in one batch.
fn bench_batch(c: &mut Criterion) {
    let mode = if cfg!(feature = "parallel") {
        "parallel"
    } else {
        "single"
    };
    let mut g = c.benchmark_group(format!("batch/{mode}"));
    g.sample_size(10)
        .measurement_time(Duration::from_secs(8))
        .warm_up_time(Duration::from_secs(1));
    let n = batch_size();
    let (verifier, presented, holder) = gateway(n);
    let items: Vec<(&PresentationRequest, &Presentation)> =
        presented.iter().map(|(r, p)| (r, p)).collect();
    let rng = &mut ChaCha20Rng::seed_from_u64(4);
    assert!(verifier
        .verify_batch(&items, Some(now()), rng)
        .iter()
        .all(Result::is_ok));
    g.bench_function("gateway/verify_1", |b| {
        b.iter(|| {
            verifier
                .verify(items[0].0, items[0].1, Some(now()))
                .unwrap()
        })
    });
    g.bench_function("gateway/present", |b| {
        let (w, h) = (&holder.wallet, &holder);
        b.iter(|| {
            w.present(&h.signed, &h.verifiers, &h.keys, Some(now()), rng)
                .unwrap()
        })
    });
    g.bench_function(format!("gateway{n}/one_by_one"), |b| {
        b.iter(|| {
            for (request, p) in &items {
                verifier.verify(request, p, Some(now())).unwrap();
            }
        })
    });
    g.bench_function(format!("gateway{n}/verify_batch"), |b| {
        b.iter(|| verifier.verify_batch(&items, Some(now()), rng))
    });
    // The gateway's own path: JSON text, decoded (points checked once, by the decoder).
    let texts: Vec<String> = presented
        .iter()
        .map(|(_, p)| serde_json::to_string(p).unwrap())
        .collect();
    let json_items: Vec<(&PresentationRequest, &str)> = presented
        .iter()
        .zip(&texts)
        .map(|((r, _), t)| (r, t.as_str()))
        .collect();
    assert!(verifier
        .verify_batch_json(&json_items, Some(now()), rng)
        .iter()
        .all(Result::is_ok));
    g.bench_function(format!("gateway{n}/verify_batch_json"), |b| {
        b.iter(|| verifier.verify_batch_json(&json_items, Some(now()), rng))
    });
}

criterion_group!(benches, bench, bench_batch);
criterion_main!(benches);
