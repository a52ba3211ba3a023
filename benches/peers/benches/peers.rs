//! Side-by-side BBS benchmarks. Every criterion group is one operation at one
//! size (e.g. `sign/L10`) and holds one function per implementation.
//!
//!   cargo bench --manifest-path benches/peers/Cargo.toml
//!
//! Settings are short on purpose (2-core machine): sample size 10, 1 s warm-up,
//! 3 s measurement; override with criterion flags after `--`, e.g.
//! `-- --sample-size 20 --measurement-time 5`, or filter with `-- proof_gen`.

use std::time::Duration;

use criterion::measurement::WallTime;
use criterion::{black_box, criterion_group, criterion_main, BenchmarkGroup, Criterion};

use zkcred_peer_benches::bbs_plus::BbsPlus23;
use zkcred_peer_benches::hyperledger_bbs::HyperledgerBbs;
use zkcred_peer_benches::zkryptium::Zkryptium;
use zkcred_peer_benches::{check_blind, check_nym, check_scheme, BlindScheme, NymScheme, Scheme};
use zkcred_peer_benches::zkcred::Zkcred;

/// (L, disclosed indices): L = 10 with R = 2, L = 100 with R = 10.
fn sizes() -> Vec<(usize, Vec<usize>)> {
    vec![(10, vec![0, 5]), (100, (0..100).step_by(10).collect())]
}

/// Size of the blind / nym experiments: L = 10 messages in total, of which
/// `BLIND_COMMITTED` are committed by the holder; R = 2 signer messages disclosed.
const BLIND_L: usize = 10;
const BLIND_COMMITTED: usize = 2;
const BLIND_DISCLOSED: [usize; 2] = [0, 4];

#[derive(Clone, Copy)]
enum Op {
    Sign,
    Verify,
    ProofGen,
    ProofVerify,
}

impl Op {
    const ALL: [Op; 4] = [Op::Sign, Op::Verify, Op::ProofGen, Op::ProofVerify];
    fn name(self) -> &'static str {
        match self {
            Op::Sign => "sign",
            Op::Verify => "verify",
            Op::ProofGen => "proof_gen",
            Op::ProofVerify => "proof_verify",
        }
    }
}

type G<'a> = BenchmarkGroup<'a, WallTime>;

/// Adds `S::NAME` to the group of operation `op` at `l` messages.
fn bench_scheme<S: Scheme>(g: &mut G<'_>, op: Op, l: usize, disclosed: &[usize]) {
    let s = S::setup(l);
    match op {
        Op::Sign => {
            g.bench_function(S::NAME, |b| b.iter(|| S::sign(black_box(&s))));
        }
        Op::Verify => {
            let sig = S::sign(&s);
            g.bench_function(S::NAME, |b| b.iter(|| S::verify(black_box(&s), black_box(&sig))));
        }
        Op::ProofGen => {
            let sig = S::sign(&s);
            g.bench_function(S::NAME, |b| {
                b.iter(|| S::prove(black_box(&s), black_box(&sig), black_box(disclosed)))
            });
        }
        Op::ProofVerify => {
            let sig = S::sign(&s);
            let proof = S::prove(&s, &sig, disclosed);
            g.bench_function(S::NAME, |b| {
                b.iter(|| S::verify_proof(black_box(&s), black_box(&proof), black_box(disclosed)))
            });
        }
    }
}

type SchemeBench = fn(&mut G<'_>, Op, usize, &[usize]);
type SchemeCheck = fn(usize, &[usize]);

/// Registered implementations: (bench, correctness check).
fn schemes() -> Vec<(SchemeBench, SchemeCheck)> {
    vec![
        (bench_scheme::<BbsPlus23>, check_scheme::<BbsPlus23>),
        (bench_scheme::<Zkryptium>, check_scheme::<Zkryptium>),
        (bench_scheme::<HyperledgerBbs>, check_scheme::<HyperledgerBbs>),
        (bench_scheme::<Zkcred>, check_scheme::<Zkcred>),
    ]
}

fn core_ops(c: &mut Criterion) {
    let schemes = schemes();
    for (l, disclosed) in sizes() {
        for (_, check) in &schemes {
            check(l, &disclosed);
        }
        for op in Op::ALL {
            let mut g = c.benchmark_group(format!("{}/L{l}", op.name()));
            for (bench, _) in &schemes {
                bench(&mut g, op, l, &disclosed);
            }
            g.finish();
        }
    }
}

#[derive(Clone, Copy)]
enum BlindOp {
    Commit,
    Sign,
    Verify,
}

fn bench_blind<B: BlindScheme>(g: &mut G<'_>, op: BlindOp) {
    let s = B::blind_setup(BLIND_L, BLIND_COMMITTED);
    match op {
        BlindOp::Commit => {
            g.bench_function(B::NAME, |b| b.iter(|| B::commit(black_box(&s))));
        }
        BlindOp::Sign => {
            let cm = B::commit(&s);
            g.bench_function(B::NAME, |b| b.iter(|| B::blind_sign(black_box(&s), black_box(&cm))));
        }
        BlindOp::Verify => {
            let cm = B::commit(&s);
            let sig = B::blind_sign(&s, &cm);
            g.bench_function(B::NAME, |b| {
                b.iter(|| B::verify_blind(black_box(&s), black_box(&cm), black_box(&sig)))
            });
        }
    }
}

#[derive(Clone, Copy)]
enum NymOp {
    Commit,
    BlindSign,
    ProofGen,
    ProofVerify,
}

fn bench_nym<N: NymScheme>(g: &mut G<'_>, op: NymOp) {
    let s = N::nym_setup(BLIND_L, BLIND_COMMITTED);
    let d = &BLIND_DISCLOSED[..];
    match op {
        NymOp::Commit => {
            g.bench_function(N::NAME, |b| b.iter(|| N::nym_commit(black_box(&s))));
        }
        NymOp::BlindSign => {
            let cm = N::nym_commit(&s);
            g.bench_function(N::NAME, |b| b.iter(|| N::nym_blind_sign(black_box(&s), black_box(&cm))));
        }
        NymOp::ProofGen => {
            let cm = N::nym_commit(&s);
            let sig = N::nym_finalize(&s, &cm, N::nym_blind_sign(&s, &cm));
            g.bench_function(N::NAME, |b| {
                b.iter(|| N::nym_prove(black_box(&s), black_box(&cm), black_box(&sig), black_box(d)))
            });
        }
        NymOp::ProofVerify => {
            let cm = N::nym_commit(&s);
            let sig = N::nym_finalize(&s, &cm, N::nym_blind_sign(&s, &cm));
            let proof = N::nym_prove(&s, &cm, &sig, d);
            g.bench_function(N::NAME, |b| {
                b.iter(|| N::nym_verify_proof(black_box(&s), black_box(&proof), black_box(d)))
            });
        }
    }
}

fn blind_ops(c: &mut Criterion) {
    let blind: Vec<(fn(&mut G<'_>, BlindOp), fn(usize, usize))> = vec![
        (bench_blind::<Zkryptium>, check_blind::<Zkryptium>),
        (bench_blind::<Zkcred>, check_blind::<Zkcred>),
    ];
    let nym: Vec<(fn(&mut G<'_>, NymOp), fn(usize, usize, &[usize]))> = vec![
        (bench_nym::<Zkryptium>, check_nym::<Zkryptium>),
        (bench_nym::<Zkcred>, check_nym::<Zkcred>),
    ];
    for (_, check) in &blind {
        check(BLIND_L, BLIND_COMMITTED);
    }
    for (_, check) in &nym {
        check(BLIND_L, BLIND_COMMITTED, &BLIND_DISCLOSED);
    }
    for (name, op) in [("blind_commit", BlindOp::Commit), ("blind_sign", BlindOp::Sign), ("blind_verify", BlindOp::Verify)] {
        let mut g = c.benchmark_group(format!("{name}/L{BLIND_L}"));
        for (bench, _) in &blind {
            bench(&mut g, op);
        }
        g.finish();
    }
    for (name, op) in [
        ("nym_commit", NymOp::Commit),
        ("nym_blind_sign", NymOp::BlindSign),
        ("nym_proof_gen", NymOp::ProofGen),
        ("nym_proof_verify", NymOp::ProofVerify),
    ] {
        let mut g = c.benchmark_group(format!("{name}/L{BLIND_L}"));
        for (bench, _) in &nym {
            bench(&mut g, op);
        }
        g.finish();
    }
}

/// Context for reading the zkryptium column: cost of the generator
/// derivation it redoes on every call (L + 1 hash-to-curve points).
fn aux_ops(c: &mut Criterion) {
    let mut g = c.benchmark_group("aux/zkryptium_generators_create");
    for l in [10usize, 100] {
        g.bench_function(format!("L{l}"), |b| {
            b.iter(|| zkcred_peer_benches::zkryptium::create_generators(black_box(l + 1)))
        });
    }
    g.finish();
}

/// zkcred's batch verification of 100 proofs under one key (L = 10, R = 2): divide by 100
/// for the per-proof cost, to compare with the single `proof_verify/L10` entries above.
fn batch_ops(c: &mut Criterion) {
    let b = zkcred_peer_benches::zkcred::batch_setup(100);
    assert!(zkcred_peer_benches::zkcred::batch_verify(&b), "zkcred batch rejected");
    let mut g = c.benchmark_group("aux/zkcred_batch_verify_100_proofs");
    g.bench_function("L10", |bch| bch.iter(|| zkcred_peer_benches::zkcred::batch_verify(&b)));
    g.finish();
}

criterion_group! {
    name = peers;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = core_ops, blind_ops, aux_ops, batch_ops
}
criterion_main!(peers);
