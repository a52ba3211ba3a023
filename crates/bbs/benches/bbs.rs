//! Criterion benches of the BBS hot path: sign, verify, proof gen, proof verify for
//! L = 10 (2 disclosed) and L = 100 (10 disclosed), and batch verification of 100 proofs.
//! Run single-threaded with `cargo bench -p zkcred-bbs --bench bbs` and with the
//! `parallel` feature with `cargo bench -p zkcred-bbs --features parallel --bench bbs`.

use ark_ff::UniformRand;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use rand::SeedableRng;
use rand_chacha::ChaCha20Rng;
use zkcred_bbs::{BatchItem, Bbs, Ciphersuite, KeyPair, Proof, Scalar};

struct Setup {
    bbs: Bbs,
    keys: KeyPair,
    messages: Vec<Scalar>,
    disclosed: Vec<usize>,
}

fn setup(suite: Ciphersuite, l: usize, r: usize) -> Setup {
    let mut rng = ChaCha20Rng::seed_from_u64(l as u64);
    let bbs = Bbs::new(suite, l).unwrap();
    bbs.precompute();
    let keys = KeyPair::random(suite, &mut rng).unwrap();
    let messages = (0..l).map(|_| Scalar::rand(&mut rng)).collect();
    let disclosed = (0..r).map(|i| i * (l / r.max(1))).collect();
    Setup {
        bbs,
        keys,
        messages,
        disclosed,
    }
}

fn bench_ops(c: &mut Criterion) {
    let mode = if cfg!(feature = "parallel") {
        "parallel"
    } else {
        "single"
    };
    for suite in Ciphersuite::ALL {
        for (l, r) in [(10usize, 2usize), (100, 10)] {
            let s = setup(suite, l, r);
            let mut rng = ChaCha20Rng::seed_from_u64(1);
            let sig = s
                .bbs
                .sign_scalars(&s.keys.secret, &s.keys.public, b"header", &s.messages)
                .unwrap();
            let disclosed_msgs: Vec<Scalar> = s.disclosed.iter().map(|&i| s.messages[i]).collect();
            let proof = s
                .bbs
                .proof_gen_scalars(
                    &s.keys.public,
                    &sig,
                    b"header",
                    b"ph",
                    &s.messages,
                    &s.disclosed,
                    &mut rng,
                )
                .unwrap();
            let mut g = c.benchmark_group(format!("bbs/{}/{mode}/L{l}", suite.name()));
            g.bench_function("sign", |b| {
                b.iter(|| {
                    s.bbs
                        .sign_scalars(&s.keys.secret, &s.keys.public, b"header", &s.messages)
                        .unwrap()
                })
            });
            g.bench_function("verify", |b| {
                b.iter(|| {
                    s.bbs
                        .verify_scalars(&s.keys.public, &sig, b"header", &s.messages)
                        .unwrap()
                })
            });
            g.bench_function(format!("proof_gen_R{r}"), |b| {
                b.iter(|| {
                    s.bbs
                        .proof_gen_scalars(
                            &s.keys.public,
                            &sig,
                            b"header",
                            b"ph",
                            &s.messages,
                            &s.disclosed,
                            &mut rng,
                        )
                        .unwrap()
                })
            });
            g.bench_function(format!("proof_verify_R{r}"), |b| {
                b.iter(|| {
                    s.bbs
                        .proof_verify_scalars(
                            &s.keys.public,
                            &proof,
                            b"header",
                            b"ph",
                            &s.disclosed,
                            &disclosed_msgs,
                        )
                        .unwrap()
                })
            });
            g.bench_function("proof_decode", |b| {
                let bytes = proof.to_bytes();
                b.iter(|| Proof::from_bytes(&bytes).unwrap())
            });
            g.finish();
        }
    }
}

fn bench_batch(c: &mut Criterion) {
    let mode = if cfg!(feature = "parallel") {
        "parallel"
    } else {
        "single"
    };
    let suite = Ciphersuite::Bls12381Sha256;
    let s = setup(suite, 10, 2);
    let mut rng = ChaCha20Rng::seed_from_u64(2);
    let sig = s
        .bbs
        .sign_scalars(&s.keys.secret, &s.keys.public, b"header", &s.messages)
        .unwrap();
    let disclosed_msgs: Vec<Scalar> = s.disclosed.iter().map(|&i| s.messages[i]).collect();
    let phs: Vec<Vec<u8>> = (0..100u32).map(|i| i.to_be_bytes().to_vec()).collect();
    let proofs: Vec<Proof> = phs
        .iter()
        .map(|ph| {
            s.bbs
                .proof_gen_scalars(
                    &s.keys.public,
                    &sig,
                    b"header",
                    ph,
                    &s.messages,
                    &s.disclosed,
                    &mut rng,
                )
                .unwrap()
        })
        .collect();
    let items: Vec<BatchItem<'_>> = proofs
        .iter()
        .zip(&phs)
        .map(|(proof, ph)| BatchItem {
            pk: &s.keys.public,
            proof,
            header: b"header",
            ph,
            disclosed_indexes: &s.disclosed,
            disclosed_messages: &disclosed_msgs,
        })
        .collect();
    let mut g = c.benchmark_group(format!("bbs/{}/{mode}/batch", suite.name()));
    g.sample_size(10);
    g.bench_function("batch_verify_100_L10", |b| {
        b.iter_batched(
            || ChaCha20Rng::seed_from_u64(3),
            |mut r| s.bbs.batch_verify(&items, &mut r).unwrap(),
            BatchSize::SmallInput,
        )
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3)).warm_up_time(std::time::Duration::from_secs(1));
    targets = bench_ops, bench_batch
}
criterion_main!(benches);
