//! dudect timing test of the issuer's secret key in CoreSign (draft-irtf-cfrg-bbs-signatures
//! 3.6.1) and BlindSign (draft-irtf-cfrg-bbs-blind-signatures 4.3): Welch's t-test between
//! the sign times of two classes of secret keys (O. Reparaz, J. Balasch, I. Verbauwhede,
//! "Dude, is my code constant time?", DATE 2017). |t| above 4.5 says the time depends on
//! the key.
//!
//! What is measured is SK's influence, nothing else: both classes sign the same messages
//! under the same header and the same public key `pk` (sign reads `pk` only for the domain),
//! so domain and B = P1 + Q_1·domain + Σ H_i·m_i, computed with variable-time tables, are the
//! same in both. SK changes e = H2S(SK || ..): e is public (it is in the signature) but
//! e-dependent variable-time code would still separate the classes, so the reduction of the
//! hash output to e is constant time too; SK + e, 1/(SK + e) and A = B·1/(SK + e) are the
//! secret steps under test.
//!
//! The classes (fixed against random, dudect's classic choice):
//! * Left: one fixed key, so SK, e, SK + e and 1/(SK + e) repeat at every measurement;
//! * Right: a fresh random key per measurement.
//!
//! SK's shape alone (a small or sparse SK) would not help: e = H2S(SK || ..) makes SK + e and
//! 1/(SK + e) pseudo-random whatever SK is. What separates the classes in variable-time code is
//! repetition: a fixed secret repeats the same branch pattern and the same table reads, which
//! the branch predictor and the caches learn, and the variable costs (arkworks' binary
//! inversion, the digits of m_i/(SK + e) in the table walk, a double-and-add over 1/(SK + e))
//! are one value for Left and a spread for Right. Constant-time code runs the same
//! instructions and memory accesses for every key, so both classes time alike.
//!
//! Everything but the sign call is prepared before the timed closure. Run with
//! `cargo bench -p zkcred-bbs --bench dudect_sign` (`DUDECT_SAMPLES` measurements per bench,
//! default 100 000; `-- --filter core` for one bench; `-- --continuous core_sign` to run on;
//! `-- --out FILE` for the raw times).

use dudect_bencher::ctbench::{run_benches_console, BenchMetadata, BenchName, BenchOpts};
use dudect_bencher::{BenchRng, Class, CtRunner};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha20Rng;
use std::hint::black_box;
use zkcred_bbs::{Bbs, BlindBbs, Ciphersuite, KeyPair, PublicKey, Scalar, SecretKey};

const SUITE: Ciphersuite = Ciphersuite::Bls12381Sha256;
const L: usize = 2;
const HEADER: &[u8] = b"dudect";

/// Measurements per bench, from `DUDECT_SAMPLES`.
fn samples() -> usize {
    std::env::var("DUDECT_SAMPLES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000)
}

/// What both classes share: the messages and the public key the domain is computed from.
struct Setup {
    rng: ChaCha20Rng,
    pk: PublicKey,
    messages: Vec<Scalar>,
}

fn setup() -> Setup {
    let mut rng = ChaCha20Rng::seed_from_u64(12);
    let pk = KeyPair::random(SUITE, &mut rng).unwrap().public;
    let messages = (0..L)
        .map(|_| ark_ff::UniformRand::rand(&mut rng))
        .collect();
    Setup { rng, pk, messages }
}

/// Fixed-against-random measurements of `sign`: Left the fixed key, Right fresh keys, in a
/// random order.
fn fixed_vs_random(runner: &mut CtRunner, rng: &mut ChaCha20Rng, sign: impl Fn(&SecretKey)) {
    let fixed = SecretKey::random(SUITE, rng).unwrap();
    let inputs: Vec<(Class, SecretKey)> = (0..samples())
        .map(|_| {
            if rng.gen::<bool>() {
                (Class::Left, fixed.clone())
            } else {
                (Class::Right, SecretKey::random(SUITE, rng).unwrap())
            }
        })
        .collect();
    for (class, sk) in &inputs {
        runner.run_one(*class, || sign(sk));
    }
}

/// CoreSign with L = 2 messages.
fn core_sign(runner: &mut CtRunner, _: &mut BenchRng) {
    let Setup {
        mut rng,
        pk,
        messages,
    } = setup();
    let bbs = Bbs::new(SUITE, L).unwrap();
    fixed_vs_random(runner, &mut rng, |sk| {
        black_box(bbs.sign_scalars(sk, &pk, HEADER, &messages).unwrap());
    });
}

/// BlindSign without a commitment, L = 2 signer messages.
fn blind_sign(runner: &mut CtRunner, _: &mut BenchRng) {
    let Setup {
        mut rng,
        pk,
        messages,
    } = setup();
    let blind = BlindBbs::new(SUITE);
    fixed_vs_random(runner, &mut rng, |sk| {
        black_box(blind.blind_sign(sk, &pk, None, HEADER, &messages).unwrap());
    });
}

/// dudect's options from the command line: `--filter NAME`, `--continuous NAME`,
/// `--out FILE` (those of `ctbench_main!`, whose parser refuses the `--bench` that
/// `cargo bench` appends; it is skipped here).
fn options() -> BenchOpts {
    let mut opts = BenchOpts::default();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--filter" => opts.filter = args.next(),
            "--continuous" => {
                opts.continuous = true;
                opts.filter = args.next();
            }
            "--out" => opts.file_out = args.next().map(Into::into),
            _ => {}
        }
    }
    opts
}

fn main() -> std::io::Result<()> {
    let bench = |name, benchfn| BenchMetadata {
        name: BenchName(name),
        seed: None,
        benchfn,
    };
    let benches = vec![
        bench("core_sign", core_sign as fn(&mut CtRunner, &mut BenchRng)),
        bench("blind_sign", blind_sign),
    ];
    run_benches_console(options(), benches)
}
