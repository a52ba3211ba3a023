//! Criterion bench of the G1 multi-scalar multiplication: `zkcred_pairing::msm` (affine-bucket
//! Pippenger) against arkworks' `G1Projective::msm_unchecked`, affine bases and full-size
//! random scalars, N = 64, 256, 1024, 4096; and `small_msm` for 1-3 terms.
//! Run single-threaded with `cargo bench -p zkcred-pairing --bench msm`.

use ark_bls12_381::{Fr, G1Affine, G1Projective};
use ark_ec::VariableBaseMSM;
use ark_ff::UniformRand;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use rand::SeedableRng;
use rand_chacha::ChaCha20Rng;

fn inputs(n: usize) -> (Vec<G1Affine>, Vec<Fr>) {
    let mut rng = ChaCha20Rng::seed_from_u64(n as u64);
    let points: Vec<G1Projective> = (0..n).map(|_| G1Projective::rand(&mut rng)).collect();
    let scalars = (0..n).map(|_| Fr::rand(&mut rng)).collect();
    (zkcred_pairing::normalize(&points), scalars)
}

fn bench_msm(c: &mut Criterion) {
    let mut group = c.benchmark_group("g1_msm");
    group.sample_size(20);
    for n in [64, 256, 1024, 4096] {
        let (bases, scalars) = inputs(n);
        group.bench_with_input(BenchmarkId::new("zkcred", n), &n, |b, _| {
            b.iter(|| zkcred_pairing::msm(&bases, &scalars))
        });
        group.bench_with_input(BenchmarkId::new("arkworks", n), &n, |b, _| {
            b.iter(|| G1Projective::msm_unchecked(&bases, &scalars))
        });
    }
    group.finish();
}

/// A few variable bases (BBS T1, Uv, an opening's −c·D): `small_msm` (Straus–GLV)
/// against arkworks' `P * s` summed.
fn bench_small_msm(c: &mut Criterion) {
    let mut group = c.benchmark_group("g1_small_msm");
    for n in [1, 2, 3] {
        let mut rng = ChaCha20Rng::seed_from_u64(n as u64);
        let bases: Vec<G1Projective> = (0..n).map(|_| G1Projective::rand(&mut rng)).collect();
        let scalars: Vec<Fr> = (0..n).map(|_| Fr::rand(&mut rng)).collect();
        group.bench_with_input(BenchmarkId::new("zkcred", n), &n, |b, _| {
            b.iter(|| zkcred_pairing::small_msm(&bases, &scalars))
        });
        group.bench_with_input(BenchmarkId::new("arkworks", n), &n, |b, _| {
            b.iter(|| -> G1Projective { bases.iter().zip(&scalars).map(|(p, s)| *p * s).sum() })
        });
    }
    group.finish();
}

criterion_group!(benches, bench_msm, bench_small_msm);
criterion_main!(benches);
