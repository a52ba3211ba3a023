//! Criterion bench of issuer hiding (issue 11, BBS level): the extra cost of a hidden-issuer
//! proof over the draft's proof, L = 10 messages (2 disclosed), BLS12-381-SHA-256,
//! N accepted issuers: 4 (the largest set of the CDS OR-proof), then 5, 13, 64, 1,024 and
//! 4,096 (the one-out-of-many proof). Verify includes the pairings (the draft's one equation;
//! the hidden proof's two, merged into one multi-pairing). Single thread:
//! `cargo bench -p zkcred-bbs --bench hidden_issuer`; other sizes:
//! `ZKCRED_BENCH_N=13,4096 cargo bench -p zkcred-bbs --bench hidden_issuer`.

use ark_ff::UniformRand;
use criterion::{criterion_group, criterion_main, Criterion};
use rand::SeedableRng;
use rand_chacha::ChaCha20Rng;
use zkcred_bbs::{AcceptedIssuers, Bbs, Ciphersuite, IssuerKey, KeyPair, Scalar};
use zkcred_pairing::all_hold;

const L: usize = 10;
const DISCLOSED: [usize; 2] = [0, 5];

fn bench_hidden(c: &mut Criterion) {
    let suite = Ciphersuite::Bls12381Sha256;
    let rng = &mut ChaCha20Rng::seed_from_u64(1);
    let bbs = Bbs::new(suite, L).unwrap();
    bbs.precompute();
    let messages: Vec<Scalar> = (0..L).map(|_| Scalar::rand(rng)).collect();
    let shown: Vec<Scalar> = DISCLOSED.iter().map(|&i| messages[i]).collect();
    let sizes = set_sizes();
    let largest = sizes.iter().copied().max().unwrap_or(1);
    let keys: Vec<KeyPair> = (0..largest)
        .map(|_| KeyPair::random(suite, rng).unwrap())
        .collect();
    let issuer_keys: Vec<IssuerKey> = keys
        .iter()
        .map(|k| IssuerKey::from_secret(suite, &k.secret))
        .collect();
    let signer = 3;
    let sig = bbs
        .sign_scalars(&keys[signer].secret, &keys[signer].public, b"h", &messages)
        .unwrap();

    let mut g = c.benchmark_group(format!("hidden_issuer/{}/L{L}", suite.name()));
    let proof = bbs
        .proof_gen_scalars(
            &keys[signer].public,
            &sig,
            b"h",
            b"ph",
            &messages,
            &DISCLOSED,
            rng,
        )
        .unwrap();
    g.bench_function("draft_proof_gen", |b| {
        b.iter(|| {
            bbs.proof_gen_scalars(
                &keys[signer].public,
                &sig,
                b"h",
                b"ph",
                &messages,
                &DISCLOSED,
                rng,
            )
            .unwrap()
        })
    });
    g.bench_function("draft_proof_verify", |b| {
        b.iter(|| {
            bbs.proof_verify_scalars(
                &keys[signer].public,
                &proof,
                b"h",
                b"ph",
                &DISCLOSED,
                &shown,
            )
            .unwrap()
        })
    });
    for n in sizes {
        let accepted = AcceptedIssuers::new(issuer_keys[..n].to_vec()).unwrap();
        let hidden = bbs
            .hidden_proof_gen(
                &accepted, signer, &sig, b"h", b"ph", &messages, &DISCLOSED, rng,
            )
            .unwrap();
        eprintln!(
            "N = {n} ({}): hidden proof {} bytes, draft proof {} bytes (+{})",
            if hidden.membership().as_or().is_some() {
                "CDS OR-proof"
            } else {
                "one-out-of-many"
            },
            hidden.encoded_len(),
            proof.encoded_len(),
            hidden.encoded_len() - proof.encoded_len()
        );
        g.bench_function(format!("hidden_proof_gen_N{n}"), |b| {
            b.iter(|| {
                bbs.hidden_proof_gen(
                    &accepted, signer, &sig, b"h", b"ph", &messages, &DISCLOSED, rng,
                )
                .unwrap()
            })
        });
        g.bench_function(format!("hidden_proof_verify_N{n}"), |b| {
            b.iter(|| {
                let checks = bbs
                    .hidden_proof_verify_deferred(&accepted, &hidden, b"ph", &DISCLOSED, &shown)
                    .unwrap();
                assert!(all_hold(&checks, rng));
            })
        });
    }
    g.finish();
}

/// The set sizes: `ZKCRED_BENCH_N` (comma-separated) or 4, 5, 13, 64, 1024, 4096.
fn set_sizes() -> Vec<usize> {
    std::env::var("ZKCRED_BENCH_N")
        .ok()
        .map(|v| v.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![4, 5, 13, 64, 1024, 4096])
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3)).warm_up_time(std::time::Duration::from_secs(1));
    targets = bench_hidden
}
criterion_main!(benches);
