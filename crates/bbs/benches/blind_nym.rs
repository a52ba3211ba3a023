//! Criterion benches of blind signatures and pseudonyms at L = 10 (8 signer messages and 2
//! committed messages), 1 nym secret, 2 signer messages disclosed: commit, blind sign,
//! nym proof gen and nym proof verify. Run with `cargo bench -p zkcred-bbs --bench blind_nym`.

use ark_ff::UniformRand;
use criterion::{criterion_group, criterion_main, Criterion};
use rand::SeedableRng;
use rand_chacha::ChaCha20Rng;
use std::time::Duration;
use zkcred_bbs::{BlindBbs, BlindDisclosure, Ciphersuite, KeyPair, NymBbs, NymSecrets, Scalar};

const L: usize = 8;
const M: usize = 2;
const DISCLOSED: [usize; 2] = [0, 4];

fn bench(c: &mut Criterion) {
    for suite in Ciphersuite::ALL {
        let mut rng = ChaCha20Rng::seed_from_u64(7);
        let keys = KeyPair::random(suite, &mut rng).unwrap();
        let messages: Vec<Scalar> = (0..L).map(|_| Scalar::rand(&mut rng)).collect();
        let committed: Vec<Scalar> = (0..M).map(|_| Scalar::rand(&mut rng)).collect();
        let disclosure = BlindDisclosure {
            signer: &DISCLOSED,
            committed: &[],
        };
        let shown: Vec<Scalar> = DISCLOSED.iter().map(|&i| messages[i]).collect();
        let mut g = c.benchmark_group(format!("blind_nym/{}/L{}", suite.name(), L + M));

        // Blind signatures.
        let blind = BlindBbs::new(suite);
        let (cwp, _spb) = blind.commit(&committed, &mut rng).unwrap();
        g.bench_function("blind_commit", |b| {
            b.iter(|| blind.commit(&committed, &mut rng).unwrap())
        });
        g.bench_function("blind_sign", |b| {
            b.iter(|| {
                blind
                    .blind_sign(&keys.secret, &keys.public, Some(&cwp), b"header", &messages)
                    .unwrap()
            })
        });

        // Pseudonyms, N = 1.
        let nym = NymBbs::new(suite);
        let prover_nyms = NymSecrets::random(1, &mut rng).unwrap();
        let (cwp, spb) = nym
            .commit_with_nym(&committed, &prover_nyms, &mut rng)
            .unwrap();
        let entropy = NymBbs::signer_nym_entropy(&mut rng);
        g.bench_function("nym_commit", |b| {
            b.iter(|| {
                nym.commit_with_nym(&committed, &prover_nyms, &mut rng)
                    .unwrap()
            })
        });
        g.bench_function("nym_blind_sign", |b| {
            b.iter(|| {
                nym.blind_sign_with_nym(
                    &keys.secret,
                    &keys.public,
                    &cwp,
                    1,
                    &entropy,
                    b"header",
                    &messages,
                )
                .unwrap()
            })
        });
        let sig = nym
            .blind_sign_with_nym(
                &keys.secret,
                &keys.public,
                &cwp,
                1,
                &entropy,
                b"header",
                &messages,
            )
            .unwrap();
        let secrets = nym
            .verify_finalize_with_nym(
                &keys.public,
                &sig,
                b"header",
                &messages,
                &committed,
                &prover_nyms,
                &entropy,
                &spb,
            )
            .unwrap();
        let prove = |rng: &mut ChaCha20Rng| {
            nym.proof_gen(
                &keys.public,
                &sig,
                b"header",
                b"ph",
                &messages,
                &committed,
                &spb,
                &secrets,
                b"context",
                &disclosure,
                rng,
            )
            .unwrap()
        };
        let proof = prove(&mut rng);
        g.bench_function("nym_proof_gen", |b| b.iter(|| prove(&mut rng)));
        g.bench_function("nym_proof_verify", |b| {
            b.iter(|| {
                nym.proof_verify(
                    &keys.public,
                    &proof,
                    b"header",
                    b"ph",
                    b"context",
                    L,
                    1,
                    &disclosure,
                    &shown,
                    &[],
                )
                .unwrap()
            })
        });
        g.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = bench
}
criterion_main!(benches);
