//! The prover with the key's fixed-base tables gives ark-groth16's proof, byte for byte.

use ark_bls12_381::Bls12_381;
use ark_ff::UniformRand;
use ark_groth16::Groth16;
use ark_serialize::CanonicalSerialize;
use zkcred_snark::prove::{ark_groth16_proof, prove_with_fixed_randomness};
use zkcred_snark::{verify, Blinding, Fr, Groth16Proof, ProvingKey, SnarkError};

use crate::common::{rng, small, wide, GeCircuit};

/// ark-groth16's proof of `circuit` (whose blinding input already holds v) with `r, s`.
fn ark_proof(pk: &ProvingKey, circuit: GeCircuit, r: Fr, s: Fr) -> Groth16Proof {
    ark_groth16_proof(pk, circuit, r, s).unwrap()
}

fn bytes(p: &Groth16Proof) -> Vec<u8> {
    let mut out = Vec::new();
    p.serialize_compressed(&mut out).unwrap();
    out
}

#[test]
fn same_bytes_as_ark_groth16_and_both_verifiers_accept() {
    let mut rng = rng(40);
    for (ctx, w, bounds) in [
        (small(), vec![1_000_000u64], vec![999_999u64]),
        (small(), vec![5], vec![5]),
        (wide(), vec![u32::MAX as u64, 7], vec![0, 3, 1, 7, 0]),
    ] {
        ctx.pk.prepared(); // the tables' path, whatever ran before
        let w_fr: Vec<Fr> = w.iter().map(|&x| Fr::from(x)).collect();
        let v = Blinding::random(&mut rng);
        let circuit = GeCircuit {
            w,
            v: *v.expose(),
            bounds: bounds.clone(),
        };
        let rs = [
            (Fr::rand(&mut rng), Fr::rand(&mut rng)),
            (Fr::from(0u64), Fr::from(0u64)),
            (Fr::from(1u64), -Fr::from(1u64)),
        ];
        for (r, s) in rs {
            let ours =
                prove_with_fixed_randomness(&ctx.pk, circuit.clone(), &w_fr, &v, &r, &s).unwrap();
            let ark = ark_proof(&ctx.pk, circuit.clone(), r, s);
            assert_eq!(bytes(&ours.proof), bytes(&ark));
            let mut inputs = w_fr.clone();
            inputs.push(*v.expose());
            inputs.extend(bounds.iter().map(|&p| Fr::from(p)));
            let pvk = ark_groth16::prepare_verifying_key(ctx.vk.as_ark());
            assert!(Groth16::<Bls12_381>::verify_proof(&pvk, &ours.proof, &inputs).unwrap());
            let params: Vec<Fr> = bounds.iter().map(|&p| Fr::from(p)).collect();
            verify(&ctx.pvk, &ours, &params).unwrap();
        }
    }
}

#[test]
fn clones_share_the_tables_and_prove_alike() {
    let ctx = small();
    let (r, s) = (Fr::from(3u64), Fr::from(4u64));
    let v = Blinding::new(Fr::from(9u64));
    let circuit = GeCircuit {
        w: vec![10],
        v: Fr::from(0u64),
        bounds: vec![2],
    };
    let w = [Fr::from(10u64)];
    ctx.pk.prepared();
    let first = prove_with_fixed_randomness(&ctx.pk, circuit.clone(), &w, &v, &r, &s).unwrap();
    let clone = ctx.pk.clone();
    assert!(std::ptr::eq(clone.prepared(), ctx.pk.prepared()));
    // A fresh key proves first with ark-groth16, then builds its tables: the same proofs.
    let fresh = ProvingKey::from_bytes(&ctx.pk.to_bytes()).unwrap();
    for _ in 0..3 {
        let again = prove_with_fixed_randomness(&fresh, circuit.clone(), &w, &v, &r, &s).unwrap();
        assert_eq!(first, again);
    }
    assert!(ctx.pk.prepared().memory_bytes() > 0);
}

#[test]
fn wrong_witness_refused_before_proving() {
    let ctx = small();
    let (r, s) = (Fr::from(3u64), Fr::from(4u64));
    let v = Blinding::new(Fr::from(9u64));
    // 2 - 3 wraps to a 32-bit value, so the bits do not sum to w - p.
    let circuit = GeCircuit {
        w: vec![2],
        v: Fr::from(0u64),
        bounds: vec![3],
    };
    let got = prove_with_fixed_randomness(&ctx.pk, circuit, &[Fr::from(2u64)], &v, &r, &s);
    assert!(
        matches!(got, Err(SnarkError::Unsatisfied { .. })),
        "{got:?}"
    );
}
