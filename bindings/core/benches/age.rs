//! The age presentation through the packages' surface, natively: the same request and calls
//! as `bindings/js/bench/age-flow.mjs` times in Node and in a browser (one identity
//! credential, "at least 18" on the hidden birth date, the validity defaults), so BENCHMARKS.md
//! compares one thing in three hosts. `cargo bench -p zkcred-bindings-core --bench age`.

use criterion::{criterion_group, criterion_main, Criterion};
use rand_chacha::rand_core::SeedableRng;
use rand_chacha::ChaCha20Rng;
use serde_json::{json, Value};
use zkcred_bindings_core::{holder, issuer, verifier};

const SCHEMA: &str = include_str!("../../../crates/cli/data/identity.schema.json");
const NOW: &str = "2026-11-30T08:00:00Z";

fn spec() -> String {
    json!({
        "version": 1,
        "credentials": [{
            "label": "identity",
            "schema": "vn.commune.identity",
            "predicates": [{ "attribute": "birth_date", "predicate": { "age_at_least": { "years": 18, "today": "today" } } }]
        }]
    })
    .to_string()
}

fn bench(c: &mut Criterion) {
    let mut rng = ChaCha20Rng::seed_from_u64(1);
    let commune = issuer::new_issuer(
        r#"{"name": "UBND xã Mỹ Hòa Hưng", "tier": "commune", "jurisdiction": "VN-44"}"#,
        &mut rng,
    )
    .unwrap();
    let start = holder::request_issuance(
        &holder::new_wallet(&mut rng).unwrap(),
        SCHEMA,
        &commune.public,
        &mut rng,
    )
    .unwrap();
    let content = json!({
        "attributes": {
            "full_name": { "string": "Nguyễn Thị Mai" },
            "birth_date": { "date": "2001-04-02" },
            "commune": { "enumeration": "my_hoa_hung" }
        },
        "issued_on": "2026-01-01", "expires_on": "2030-12-31"
    })
    .to_string();
    let issued = issuer::issue(&commune.key, SCHEMA, &start.request, &content, &mut rng).unwrap();
    let wallet = holder::accept(&start.wallet, &issued, SCHEMA, &commune.public, &mut rng)
        .unwrap()
        .wallet;
    let listed: Value = serde_json::from_str(&holder::list(&wallet, &mut rng).unwrap()).unwrap();
    let registry = verifier::trust_registry(
        &json!([{ "issuer": serde_json::from_str::<Value>(&commune.public).unwrap(), "schemas": [listed[0]["schema_id"]] }])
            .to_string(),
    )
    .unwrap();
    let clinic =
        verifier::new_verifier(r#"{"id": "clinic", "name": "Phòng khám"}"#, &mut rng).unwrap();
    let verifiers = verifier::verifier_registry(&format!("[{}]", clinic.public)).unwrap();
    let schemas = format!("[{SCHEMA}]");
    let made = verifier::make_request(
        &clinic.key,
        &spec(),
        &schemas,
        None,
        None,
        NOW,
        3600,
        &mut rng,
    )
    .unwrap();
    let keys = made.keys;
    let request = |rng: &mut ChaCha20Rng| {
        verifier::make_request(
            &clinic.key,
            &spec(),
            &schemas,
            None,
            Some(&keys),
            NOW,
            3600,
            rng,
        )
        .unwrap()
        .signed_request
    };
    // The first answer checks the keys and builds the prover's tables.
    for _ in 0..2 {
        let r = request(&mut rng);
        holder::present(&wallet, &r, &verifiers, None, &keys, NOW, &mut rng).unwrap();
    }
    let mut g = c.benchmark_group("package_age");
    g.sample_size(20);
    let signed = request(&mut rng);
    g.bench_function("prove", |b| {
        b.iter(|| {
            holder::present(&wallet, &signed, &verifiers, None, &keys, NOW, &mut rng).unwrap()
        })
    });
    let open = holder::OpenWallet::open(&wallet, &mut rng).unwrap();
    g.bench_function("prove_open_wallet", |b| {
        b.iter(|| {
            open.present(&signed, &verifiers, None, &keys, NOW, &mut rng)
                .unwrap()
        })
    });
    // One session verifies many presentations, as a verifier does (its keys prepared once).
    let session =
        verifier::VerifierSession::new(&clinic.public, &registry, &schemas, &keys).unwrap();
    let mut rng2 = ChaCha20Rng::seed_from_u64(2);
    g.bench_function("verify", |b| {
        b.iter_batched(
            || {
                let r = request(&mut rng2);
                let p =
                    holder::present(&wallet, &r, &verifiers, None, &keys, NOW, &mut rng2).unwrap();
                (r, p)
            },
            |(r, p)| session.verify(&r, &p, NOW).unwrap(),
            criterion::BatchSize::PerIteration,
        )
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
