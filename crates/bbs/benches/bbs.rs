//! Criterion benches of the BBS hot path: sign, verify, proof gen, proof verify for
//! L = 10 (2 disclosed) and L = 100 (10 disclosed), batch verification of 100 proofs, and
//! what loading a wallet of 10 credentials costs: 10 signatures verified one by one vs in one
//! batch (`-- batch_sig`).
//! Run single-threaded with `cargo bench -p zkcred-bbs --bench bbs` and with the
//! `parallel` feature with `cargo bench -p zkcred-bbs --features parallel --bench bbs`.

use ark_ff::UniformRand;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use rand::SeedableRng;
use rand_chacha::ChaCha20Rng;
use zkcred_bbs::{
    batch_verify_signatures, BatchItem, Bbs, Ciphersuite, KeyPair, NymBbs, NymSecrets, Proof,
    Scalar, SecretProverBlind, Signature, SignatureTerms,
};

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

/// A credential as a wallet stores it: a nym signature over 8 signer messages, one
/// committed message (the holder secret), N = 1.
struct StoredSig {
    keys: KeyPair,
    sig: Signature,
    messages: Vec<Scalar>,
    committed: [Scalar; 1],
    secrets: NymSecrets,
    spb: SecretProverBlind,
}

impl StoredSig {
    /// The signature's pairing terms, as the wallet computes them.
    fn terms<'a>(&'a self, nym: &NymBbs) -> SignatureTerms<'a> {
        nym.signature_terms_with_nym_secrets(
            &self.keys.public,
            &self.sig,
            b"header",
            &self.messages,
            &self.committed,
            &self.secrets,
            &self.spb,
        )
        .unwrap()
    }
}

fn stored_sigs(suite: Ciphersuite, n: usize) -> Vec<StoredSig> {
    let mut rng = ChaCha20Rng::seed_from_u64(4);
    let nym = NymBbs::new(suite);
    let issuers: Vec<KeyPair> = (0..2)
        .map(|_| KeyPair::random(suite, &mut rng).unwrap())
        .collect();
    let holder = [Scalar::rand(&mut rng)];
    (0..n)
        .map(|i| {
            let keys = issuers[i % 2].clone();
            let messages: Vec<Scalar> = (0..8).map(|_| Scalar::rand(&mut rng)).collect();
            let prover_nyms = NymSecrets::random(1, &mut rng).unwrap();
            let (cwp, spb) = nym
                .commit_with_nym(&holder, &prover_nyms, &mut rng)
                .unwrap();
            let entropy = NymBbs::signer_nym_entropy(&mut rng);
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
                    &holder,
                    &prover_nyms,
                    &entropy,
                    &spb,
                )
                .unwrap();
            StoredSig {
                keys,
                sig,
                messages,
                committed: holder,
                secrets,
                spb,
            }
        })
        .collect()
}

/// Loading a wallet of 10 credentials from 2 issuers: every signature verified alone (2
/// Miller loops and a final exponentiation each) vs one batch (3 Miller loops, one final
/// exponentiation), the message sums B included in both.
fn bench_batch_signatures(c: &mut Criterion) {
    let mode = if cfg!(feature = "parallel") {
        "parallel"
    } else {
        "single"
    };
    for suite in Ciphersuite::ALL {
        let nym = NymBbs::new(suite);
        let stored = stored_sigs(suite, 10);
        let mut g = c.benchmark_group(format!("bbs/{}/{mode}/batch_sig", suite.name()));
        g.bench_function("nym_verify_10_L8_one_by_one", |b| {
            b.iter(|| {
                for s in &stored {
                    nym.verify_with_nym_secrets(
                        &s.keys.public,
                        &s.sig,
                        b"header",
                        &s.messages,
                        &s.committed,
                        &s.secrets,
                        &s.spb,
                    )
                    .unwrap();
                }
            })
        });
        g.bench_function("nym_verify_10_L8_batched", |b| {
            b.iter_batched(
                || ChaCha20Rng::seed_from_u64(5),
                |mut r| {
                    let all: Vec<SignatureTerms<'_>> =
                        stored.iter().map(|s| s.terms(&nym)).collect();
                    batch_verify_signatures(&all, &mut r).unwrap()
                },
                BatchSize::SmallInput,
            )
        });
        g.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3)).warm_up_time(std::time::Duration::from_secs(1));
    targets = bench_ops, bench_batch, bench_batch_signatures
}
criterion_main!(benches);
