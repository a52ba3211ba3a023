//! The Groth16 prover with the key's fixed-base tables on the real predicate circuits: the
//! same proof bytes as ark-groth16 for the same `r, s`, accepted by both verifiers.

use std::time::Instant;

use ark_bls12_381::Bls12_381;
use ark_ff::UniformRand;
use ark_groth16::Groth16;
use rand_chacha::{rand_core::SeedableRng, ChaCha20Rng};
use zkcred::predicate::{
    scalar_from_code, scalar_from_date, AnyCircuit, Date, Predicate, PredicateKeys,
};
use zkcred::snark::prove::{ark_groth16_proof, prove_with_fixed_randomness};
use zkcred::snark::{verify, Blinding, Fr, Groth16Proof, ProvingKey};
use zkcred_circuits::PredicateCircuit;

/// ark-groth16's proof of `circuit` (committed values and blinding set) with `r, s`.
fn ark_proof(pk: &ProvingKey, circuit: AnyCircuit, r: Fr, s: Fr) -> Groth16Proof {
    ark_groth16_proof(pk, circuit, r, s).unwrap()
}

#[test]
fn age_and_set_proofs_equal_ark_groth16() {
    let mut rng = ChaCha20Rng::seed_from_u64(77);
    let today = Date::new(2024, 5, 17).unwrap();
    // (predicate, hidden value, QAP domain: (constraints + instance variables) rounded up).
    let cases = [
        (
            Predicate::age_at_least(today, 18),
            scalar_from_date(Date::new(2000, 2, 29).unwrap()),
            128, // 66 + 4
        ),
        (
            Predicate::age_at_least(today, 18),
            scalar_from_date(Date::new(2006, 5, 17).unwrap()),
            128,
        ),
        (
            Predicate::in_code_set(&(1..=63).collect::<Vec<u64>>()),
            scalar_from_code(17),
            32, // 14 + 3
        ),
    ];
    let predicates: Vec<Predicate> = cases.iter().map(|(p, _, _)| p.clone()).collect();
    let keys = PredicateKeys::setup(&predicates, &mut rng).unwrap();
    for (predicate, w, domain) in cases {
        let shape = predicate.circuit().unwrap();
        let id = shape.circuit_id();
        let pk = keys.proving_key(&id).unwrap();
        assert_eq!(pk.as_ark().h_query.len() + 1, domain);
        let start = Instant::now();
        let bytes = pk.prepared().memory_bytes();
        eprintln!(
            "{}: prepared key {:.1} MiB, built in {:?}",
            id,
            bytes as f64 / (1 << 20) as f64,
            start.elapsed()
        );
        assert!(bytes <= 64 << 20);
        let v = Blinding::random(&mut rng);
        let circuit = shape
            .clone()
            .with_committed_values(&[w])
            .unwrap()
            .with_blinding(*v.expose());
        let (r, s) = (Fr::rand(&mut rng), Fr::rand(&mut rng));
        let ours = prove_with_fixed_randomness(pk, circuit.clone(), &[w], &v, &r, &s).unwrap();
        assert_eq!(ours.proof, ark_proof(pk, circuit, r, s));
        let inputs = [vec![w, *v.expose()], shape.public_params()].concat();
        let pvk = ark_groth16::prepare_verifying_key(&pk.as_ark().vk);
        assert!(Groth16::<Bls12_381>::verify_proof(&pvk, &ours.proof, &inputs).unwrap());
        let zk_pvk = keys.verifying_key(&id).unwrap().prepare();
        verify(&zk_pvk, &ours, &shape.public_params()).unwrap();
    }
}
