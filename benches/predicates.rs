//! Criterion benches of linked predicate proofs for a 10-message credential with 2 messages
//! disclosed: "age >= 18" and "province in a set of 63", prove and verify; where the time
//! goes (BBS alone, Groth16 alone, the MSMs of the Groth16 prover at this circuit's sizes);
//! and the same age predicate in plain ark-groth16 with arkworks' generic field comparison
//! (`FpVar::enforce_cmp`) as a baseline.
//!
//! Single thread: `cargo bench -p zkcred --bench predicates`;
//! parallel: `cargo bench -p zkcred --features parallel --bench predicates`.
//! Sizes, constraint counts and MSM sizes are printed before the benches.

use std::cmp::Ordering;
use std::time::Duration;

use ark_bls12_381::{Bls12_381, G1Projective, G2Projective};
use ark_ec::VariableBaseMSM;
use ark_ff::{UniformRand, Zero};
use ark_groth16::Groth16;
use ark_r1cs_std::{alloc::AllocVar, fields::fp::FpVar};
use ark_relations::gr1cs::{
    ConstraintSynthesizer, ConstraintSystem, ConstraintSystemRef, OptimizationGoal, SynthesisError,
    SynthesisMode,
};
use criterion::{criterion_group, criterion_main, Criterion};
use rand::SeedableRng;
use rand_chacha::ChaCha20Rng;
use zkcred::bbs::{Bbs, Ciphersuite, KeyPair, Signature};
use zkcred::predicate::{
    prove_with_predicates, scalar_from_code, scalar_from_date, verify_with_predicates, Date,
    HolderKeys, Predicate, PredicateKeys, PredicatePresentation, PredicateStatement, VerifierKeys,
};
use zkcred::snark::{prove_with_random_blinding, verify, Fr, PreparedProvingKey, ProvingKey};
use zkcred_circuits::{encode_date, PredicateCircuit, SetLayout};

const L: usize = 10;
const DISCLOSED: [usize; 2] = [0, 5];
const HEADER: &[u8] = b"schema:citizen/v1";
const NONCE: &[u8] = b"verifier:clinic-7|nonce:0001";

/// Baseline: `birth <= cutoff` with `FpVar::enforce_cmp` (birth private, cutoff public), as
/// one would write it with arkworks' generic gadgets.
#[derive(Clone)]
struct FpVarAge {
    birth: Option<Fr>,
    cutoff: Fr,
}

impl ConstraintSynthesizer<Fr> for FpVarAge {
    fn generate_constraints(self, cs: ConstraintSystemRef<Fr>) -> Result<(), SynthesisError> {
        let cutoff = FpVar::new_input(cs.clone(), || Ok(self.cutoff))?;
        let birth = FpVar::new_witness(cs, || self.birth.ok_or(SynthesisError::AssignmentMissing))?;
        birth.enforce_cmp(&cutoff, Ordering::Less, true)
    }
}

fn constraints<C: ConstraintSynthesizer<Fr>>(c: C) -> (usize, usize, usize) {
    let cs = ConstraintSystem::<Fr>::new_ref();
    cs.set_optimization_goal(OptimizationGoal::Constraints);
    cs.set_mode(SynthesisMode::Setup);
    c.generate_constraints(cs.clone()).unwrap();
    cs.finalize();
    (
        cs.num_constraints(),
        cs.num_instance_variables(),
        cs.num_witness_variables(),
    )
}

fn msm_sizes(pk: &ark_groth16::ProvingKey<Bls12_381>) -> String {
    format!(
        "G1: A {} + B_g1 {} + H {} + L {}; G2: B {}; plus 5 G1 and 1 G2 scalar multiplications",
        pk.a_query.len(),
        pk.b_g1_query.len(),
        pk.h_query.len(),
        pk.l_query.len(),
        pk.b_g2_query.len()
    )
}

struct Fx {
    bbs: Bbs,
    issuer: KeyPair,
    messages: Vec<Fr>,
    sig: Signature,
    holder: HolderKeys,
    verifier: VerifierKeys,
    keys: PredicateKeys,
}

fn setup(predicates: &[Predicate]) -> Fx {
    let mut rng = ChaCha20Rng::seed_from_u64(1);
    let suite = Ciphersuite::Bls12381Sha256;
    let bbs = Bbs::new(suite, L).unwrap();
    bbs.precompute();
    let issuer = KeyPair::random(suite, &mut rng).unwrap();
    let mut messages = vec![
        bbs.message_to_scalar(b"Ada Lovelace").unwrap(),
        scalar_from_date(Date::new(2001, 4, 2).unwrap()),
        scalar_from_code(12),
    ];
    messages.extend((3..L).map(|_| Fr::rand(&mut rng)));
    let sig = bbs
        .sign_scalars(&issuer.secret, &issuer.public, HEADER, &messages)
        .unwrap();
    let keys = PredicateKeys::setup(predicates, &mut rng).unwrap();
    Fx {
        bbs,
        issuer,
        messages,
        sig,
        holder: keys.holder_keys().unwrap(),
        verifier: keys.verifier_keys(),
        keys,
    }
}

fn bench(c: &mut Criterion) {
    let mode = if cfg!(feature = "parallel") {
        "parallel"
    } else {
        "single"
    };
    let today = Date::new(2024, 5, 17).unwrap();
    let age = Predicate::age_at_least(today, 18);
    let provinces: Vec<u64> = (1..=63).collect();
    let province = Predicate::in_code_set(&provinces);
    // The same set as public inputs (one setup for every set of up to 64 codes).
    let province_public = match &province {
        Predicate::InSet { set, .. } => Predicate::InSet {
            set: set.clone(),
            layout: SetLayout::Public { capacity: 64 },
        },
        _ => unreachable!("in_code_set builds an InSet"),
    };
    let fx = setup(&[age.clone(), province.clone(), province_public.clone()]);
    let disclosed: Vec<Fr> = DISCLOSED.iter().map(|&i| fx.messages[i]).collect();

    let prove = |statements: &[PredicateStatement], rng: &mut ChaCha20Rng| {
        prove_with_predicates(
            &fx.bbs,
            &fx.issuer.public,
            &fx.sig,
            HEADER,
            &fx.messages,
            &DISCLOSED,
            statements,
            &fx.holder,
            NONCE,
            rng,
        )
        .unwrap()
    };
    let check = |p: &PredicatePresentation, statements: &[PredicateStatement]| {
        verify_with_predicates(
            &fx.bbs,
            &fx.issuer.public,
            p,
            HEADER,
            NONCE,
            &DISCLOSED,
            &disclosed,
            statements,
            &fx.verifier,
        )
        .unwrap()
    };

    // Baseline keys and facts.
    let mut rng = ChaCha20Rng::seed_from_u64(2);
    let cutoff = Fr::from(encode_date(Date::new(2006, 5, 17).unwrap()));
    let base = FpVarAge {
        birth: None,
        cutoff,
    };
    let base_pk =
        Groth16::<Bls12_381>::generate_random_parameters_with_reduction(base.clone(), &mut rng)
            .unwrap();
    let base_pvk = ark_groth16::prepare_verifying_key(&base_pk.vk);
    let base_proving = FpVarAge {
        birth: Some(fx.messages[1]),
        cutoff,
    };

    let age_circuit = age.circuit().unwrap();
    let set_circuit = province.circuit().unwrap();
    let age_pk: &ProvingKey = fx.keys.proving_key(&age_circuit.circuit_id()).unwrap();
    let set_pk: &ProvingKey = fx.keys.proving_key(&set_circuit.circuit_id()).unwrap();

    let statements_age = [PredicateStatement::new(1, age.clone())];
    let statements_set = [PredicateStatement::new(2, province.clone())];
    let p_age = prove(&statements_age, &mut rng);
    let p_set = prove(&statements_set, &mut rng);
    check(&p_age, &statements_age);
    check(&p_set, &statements_set);

    let (n, i, w) = constraints(age_circuit.clone());
    eprintln!(
        "[{mode}] age >= 18 (narrow, 32-bit): {n} constraints, {i} instance, {w} witness variables"
    );
    eprintln!(
        "[{mode}]   Groth16 prover MSMs: {}",
        msm_sizes(age_pk.as_ark())
    );
    let (n, i, w) = constraints(set_circuit.clone());
    eprintln!("[{mode}] province in set of 63 (fixed set): {n} constraints, {i} instance, {w} witness variables");
    eprintln!(
        "[{mode}]   Groth16 prover MSMs: {}",
        msm_sizes(set_pk.as_ark())
    );
    let (n, i, w) = constraints(base.clone());
    eprintln!("[{mode}] baseline FpVar::enforce_cmp: {n} constraints, {i} instance, {w} witness variables");
    eprintln!("[{mode}]   Groth16 prover MSMs: {}", msm_sizes(&base_pk));
    eprintln!(
        "[{mode}] presentation bytes: age {} (BBS {} + attachment {}), province {}",
        p_age.to_bytes().len(),
        p_age.proof.encoded_len(),
        p_age.encoded_len() - p_age.proof.encoded_len(),
        p_set.to_bytes().len()
    );

    let mut g = c.benchmark_group(format!("predicates/{mode}"));
    g.sample_size(10)
        .measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_secs(1));

    g.bench_function("age18/prove", |b| {
        b.iter(|| prove(&statements_age, &mut rng))
    });
    g.bench_function("age18/verify", |b| {
        b.iter(|| check(&p_age, &statements_age))
    });
    g.bench_function("province63/prove", |b| {
        b.iter(|| prove(&statements_set, &mut rng))
    });
    g.bench_function("province63/verify", |b| {
        b.iter(|| check(&p_set, &statements_set))
    });
    let statements_public = [PredicateStatement::new(2, province_public.clone())];
    let p_public = prove(&statements_public, &mut rng);
    g.bench_function("province63_public_set/prove", |b| {
        b.iter(|| prove(&statements_public, &mut rng))
    });
    g.bench_function("province63_public_set/verify", |b| {
        b.iter(|| check(&p_public, &statements_public))
    });

    // The holder's key check (subversion zero-knowledge), once per key: uncached, then the
    // cached lookup a wallet pays on every later presentation.
    for (name, pred) in [("age18", &age), ("province63", &province)] {
        let circuit = pred.circuit().unwrap();
        let id = circuit.circuit_id();
        let pk = fx.keys.proving_key(&id).unwrap();
        let vk = fx.keys.verifying_key(&id).unwrap();
        g.bench_function(format!("key_check/{name}"), |b| {
            b.iter(|| {
                zkcred::snark::check_key_structure(pk, vk, id, circuit.clone(), &mut rng).unwrap()
            })
        });
        // What a wallet pays for a key it receives as octets: decoding (every point checked on
        // the curve and in the subgroup) and the structure check.
        let (pk_bytes, vk_bytes) = (pk.to_bytes(), vk.to_bytes());
        g.bench_function(format!("key_check_from_octets/{name}"), |b| {
            b.iter(|| {
                let pk = zkcred::snark::ProvingKey::from_bytes(&pk_bytes).unwrap();
                let vk = zkcred::snark::VerifyingKey::from_bytes(&vk_bytes).unwrap();
                zkcred::snark::check_key_structure(&pk, &vk, id, circuit.clone(), &mut rng).unwrap()
            })
        });
        let digest = zkcred::snark::KeyDigest::of(pk, vk);
        let cache = zkcred::snark::CheckedKeys::new();
        g.bench_function(format!("key_check_cached/{name}"), |b| {
            b.iter(|| {
                cache
                    .check(&digest, pk, vk, id, circuit.clone(), &mut rng)
                    .unwrap()
            })
        });
    }

    // Breakdown: the BBS proof alone, the Groth16 proof alone.
    g.bench_function("breakdown/bbs_proof_gen", |b| {
        b.iter(|| {
            fx.bbs
                .proof_gen_scalars(
                    &fx.issuer.public,
                    &fx.sig,
                    HEADER,
                    NONCE,
                    &fx.messages,
                    &DISCLOSED,
                    &mut rng,
                )
                .unwrap()
        })
    });
    let bbs_proof = fx
        .bbs
        .proof_gen_scalars(
            &fx.issuer.public,
            &fx.sig,
            HEADER,
            NONCE,
            &fx.messages,
            &DISCLOSED,
            &mut rng,
        )
        .unwrap();
    g.bench_function("breakdown/bbs_proof_verify", |b| {
        b.iter(|| {
            fx.bbs
                .proof_verify_scalars(
                    &fx.issuer.public,
                    &bbs_proof,
                    HEADER,
                    NONCE,
                    &DISCLOSED,
                    &disclosed,
                )
                .unwrap()
        })
    });
    let w = [fx.messages[1]];
    let age_witness = age_circuit
        .clone()
        .with_committed_values(&w)
        .unwrap()
        .with_blinding(Fr::zero());
    // The prover with the key's fixed-base tables (built before the first sample), ark-groth16's
    // prover on the same circuit and key, and what building the tables costs once per key.
    g.bench_function("breakdown/groth16_narrow_age_prove", |b| {
        b.iter(|| prove_with_random_blinding(age_pk, age_witness.clone(), &w, &mut rng).unwrap())
    });
    let age_ark_witness = age_witness.clone().with_blinding(Fr::rand(&mut rng));
    g.bench_function("breakdown/groth16_ark_age_prove", |b| {
        b.iter(|| {
            Groth16::<Bls12_381>::create_random_proof_with_reduction(
                age_ark_witness.clone(),
                age_pk.as_ark(),
                &mut rng,
            )
            .unwrap()
        })
    });
    eprintln!(
        "[{mode}]   prepared age proving key: {} bytes",
        age_pk.prepared().memory_bytes()
    );
    g.bench_function("breakdown/groth16_prepare_age_key", |b| {
        b.iter(|| PreparedProvingKey::new(age_pk.as_ark()))
    });
    let (cp, _) = prove_with_random_blinding(age_pk, age_witness.clone(), &w, &mut rng).unwrap();
    let age_pvk = fx.verifier.get(&age_circuit.circuit_id()).unwrap();
    let age_params = age_circuit.public_params();
    g.bench_function("breakdown/groth16_narrow_age_verify", |b| {
        b.iter(|| verify(age_pvk, &cp, &age_params).unwrap())
    });

    // Where the Groth16 prover's time goes: its MSMs at the narrow age circuit's sizes
    // (random scalars: an upper bound, the bit witnesses are 0/1).
    let ark = age_pk.as_ark();
    let scalars: Vec<Fr> = (0..ark.h_query.len()).map(|_| Fr::rand(&mut rng)).collect();
    g.bench_function(format!("breakdown/msm_g1_n{}", ark.a_query.len()), |b| {
        b.iter(|| G1Projective::msm(&ark.a_query, &scalars[..ark.a_query.len()]).unwrap())
    });
    g.bench_function(format!("breakdown/msm_g1_n{}", ark.h_query.len()), |b| {
        b.iter(|| G1Projective::msm(&ark.h_query, &scalars[..ark.h_query.len()]).unwrap())
    });
    g.bench_function(format!("breakdown/msm_g2_n{}", ark.b_g2_query.len()), |b| {
        b.iter(|| G2Projective::msm(&ark.b_g2_query, &scalars[..ark.b_g2_query.len()]).unwrap())
    });

    // Baseline: plain ark-groth16, generic comparison.
    g.bench_function("baseline/fpvar_cmp_age_prove", |b| {
        b.iter(|| {
            Groth16::<Bls12_381>::create_random_proof_with_reduction(
                base_proving.clone(),
                &base_pk,
                &mut rng,
            )
            .unwrap()
        })
    });
    let base_proof = Groth16::<Bls12_381>::create_random_proof_with_reduction(
        base_proving.clone(),
        &base_pk,
        &mut rng,
    )
    .unwrap();
    assert!(Groth16::<Bls12_381>::verify_proof(&base_pvk, &base_proof, &[cutoff]).unwrap());
    g.bench_function("baseline/fpvar_cmp_age_verify", |b| {
        b.iter(|| Groth16::<Bls12_381>::verify_proof(&base_pvk, &base_proof, &[cutoff]).unwrap())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
