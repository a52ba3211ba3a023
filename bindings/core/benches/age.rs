//! The age presentation through the packages' surface, natively: the same request and calls
//! as `bindings/js/bench/age-flow.mjs` times in Node and in a browser (one identity
//! credential, "at least 18" on the hidden birth date, the validity defaults), so BENCHMARKS.md
//! compares one thing in three hosts. `cargo bench -p zkcred-bindings-core --bench age`.

#[path = "../tests/common/mod.rs"]
mod common;

use criterion::{criterion_group, criterion_main, Criterion};
use serde_json::json;
use zkcred_bindings_core::holder;

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
    let spec = spec();
    let mut w = common::world_of(&spec, 1);
    let mut rng = w.rng.clone();
    let (wallet, verifiers, keys) = (w.wallet.clone(), w.verifiers.clone(), w.keys.clone());
    let now = common::NOW;
    // The first answer checks the keys and builds the prover's tables.
    for _ in 0..2 {
        let r = w.request(&spec);
        holder::present(&wallet, &r, &verifiers, None, &keys, now, &mut rng).unwrap();
    }
    let mut g = c.benchmark_group("package_age");
    g.sample_size(20);
    let signed = w.signed.clone();
    g.bench_function("prove", |b| {
        b.iter(|| {
            holder::present(&wallet, &signed, &verifiers, None, &keys, now, &mut rng).unwrap()
        })
    });
    let open = holder::OpenWallet::open(&wallet, &mut rng).unwrap();
    g.bench_function("prove_open_wallet", |b| {
        b.iter(|| {
            open.present(&signed, &verifiers, None, &keys, now, &mut rng)
                .unwrap()
        })
    });
    // One session verifies many presentations, as a verifier does (its keys prepared once).
    let session = w.session();
    g.bench_function("verify", |b| {
        b.iter_batched(
            || {
                let r = w.request(&spec);
                let p = open
                    .present(&r, &verifiers, None, &keys, now, &mut rng)
                    .unwrap();
                (r, p)
            },
            |(r, p)| session.verify(&r, &p, now).unwrap(),
            criterion::BatchSize::PerIteration,
        )
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
