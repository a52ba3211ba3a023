//! Proving, verification and the Schnorr opening: honest runs and every tampering.

use ark_bls12_381::Fq;
use ark_ec::{AffineRepr, CurveGroup};
use ark_ff::Zero;
use ark_relations::gr1cs::{
    ConstraintSynthesizer, ConstraintSystemRef, LinearCombination, SynthesisError,
};
use zkcred_snark::{
    check_opening, prove, prove_with_random_blinding, recompute_t_d, setup, verify, Blinding,
    CircuitId, Element, Fr, G1Affine, G2Affine, OpeningProver, OpeningResponse, SnarkError,
};

use crate::common::{present, rng, small, wide, GeCircuit, Presentation};

fn check_all(ctx: &crate::common::Ctx, p: &Presentation) -> Result<(), SnarkError> {
    verify(&ctx.pvk, &p.proof, &p.params)?;
    check_opening(&ctx.vk, &p.proof.d, &p.m_hat, &p.response, &p.c, &p.t_d)
}

fn g1_plus_generator(p: &G1Affine) -> G1Affine {
    (p.into_group() + G1Affine::generator()).into_affine()
}

#[test]
fn honest_small() {
    let ctx = small();
    let p = present(ctx, &[20_000], &[19_000], 1);
    check_all(ctx, &p).unwrap();
    let t_d = recompute_t_d(&ctx.vk, &p.proof.d, &p.m_hat, &p.response, &p.c).unwrap();
    assert_eq!(t_d, p.t_d);
    // Equality at the boundary.
    check_all(ctx, &present(ctx, &[19_000], &[19_000], 2)).unwrap();
}

#[test]
fn honest_wide_msm_path() {
    let ctx = wide();
    assert_eq!((ctx.vk.num_committed(), ctx.vk.num_public_params()), (2, 5));
    let p = present(ctx, &[500, 900], &[1, 2, 3, 4, 5], 3);
    check_all(ctx, &p).unwrap();
}

#[test]
fn random_blinding_convenience() {
    let ctx = small();
    let mut r = rng(9);
    let w = [Fr::from(50u64)];
    let circuit = GeCircuit {
        w: vec![50],
        v: Fr::zero(),
        bounds: vec![40],
    };
    let (proof, v) = prove_with_random_blinding(&ctx.pk, circuit, &w, &mut r).unwrap();
    verify(&ctx.pvk, &proof, &[Fr::from(40u64)]).unwrap();
    let opening =
        OpeningProver::commit(&ctx.vk, &w, &v, &[Fr::from(3u64)], &Fr::from(4u64)).unwrap();
    assert_eq!(opening.d(), &proof.d);
    assert_eq!(
        zkcred_snark::commitment_d(&ctx.vk, &w, &v).unwrap(),
        proof.d
    );
}

#[test]
fn proofs_are_randomized() {
    let ctx = small();
    let a = present(ctx, &[10], &[5], 10);
    let b = present(ctx, &[10], &[5], 11);
    assert_ne!(a.proof.d, b.proof.d);
    assert_ne!(a.proof.proof, b.proof.proof);
}

#[test]
fn changed_d_rejected() {
    let ctx = small();
    let mut p = present(ctx, &[100], &[50], 4);
    p.proof.d = g1_plus_generator(&p.proof.d);
    assert_eq!(
        verify(&ctx.pvk, &p.proof, &p.params),
        Err(SnarkError::PairingCheckFailed)
    );
    assert_eq!(
        check_opening(&ctx.vk, &p.proof.d, &p.m_hat, &p.response, &p.c, &p.t_d),
        Err(SnarkError::OpeningCheckFailed)
    );
    p.proof.d = G1Affine::zero();
    assert_eq!(
        verify(&ctx.pvk, &p.proof, &p.params),
        Err(SnarkError::IdentityPoint(Element::CommitmentD))
    );
    assert_eq!(
        recompute_t_d(&ctx.vk, &p.proof.d, &p.m_hat, &p.response, &p.c),
        Err(SnarkError::IdentityPoint(Element::CommitmentD))
    );
}

#[test]
fn changed_opening_rejected() {
    let ctx = small();
    let p = present(ctx, &[100], &[50], 5);
    let one = Fr::from(1u64);
    let bad_v = OpeningResponse {
        v_hat: p.response.v_hat + one,
    };
    assert_eq!(
        check_opening(&ctx.vk, &p.proof.d, &p.m_hat, &bad_v, &p.c, &p.t_d),
        Err(SnarkError::OpeningCheckFailed)
    );
    let bad_m = vec![p.m_hat[0] + one];
    assert_eq!(
        check_opening(&ctx.vk, &p.proof.d, &bad_m, &p.response, &p.c, &p.t_d),
        Err(SnarkError::OpeningCheckFailed)
    );
    assert_eq!(
        check_opening(
            &ctx.vk,
            &p.proof.d,
            &p.m_hat,
            &p.response,
            &(p.c + one),
            &p.t_d
        ),
        Err(SnarkError::OpeningCheckFailed)
    );
    assert_eq!(
        check_opening(
            &ctx.vk,
            &p.proof.d,
            &p.m_hat,
            &p.response,
            &p.c,
            &g1_plus_generator(&p.t_d)
        ),
        Err(SnarkError::OpeningCheckFailed)
    );
    assert_eq!(
        check_opening(&ctx.vk, &p.proof.d, &[], &p.response, &p.c, &p.t_d),
        Err(SnarkError::WrongNumberOfResponses {
            expected: 1,
            got: 0
        })
    );
}

#[test]
fn changed_groth16_elements_rejected() {
    let ctx = small();
    let p = present(ctx, &[100], &[50], 6);

    let mut q = p.proof.clone();
    q.proof.a = g1_plus_generator(&q.proof.a);
    assert_eq!(
        verify(&ctx.pvk, &q, &p.params),
        Err(SnarkError::PairingCheckFailed)
    );

    let mut q = p.proof.clone();
    q.proof.b = (q.proof.b.into_group() + G2Affine::generator()).into_affine();
    assert_eq!(
        verify(&ctx.pvk, &q, &p.params),
        Err(SnarkError::PairingCheckFailed)
    );

    let mut q = p.proof.clone();
    q.proof.c = g1_plus_generator(&q.proof.c);
    assert_eq!(
        verify(&ctx.pvk, &q, &p.params),
        Err(SnarkError::PairingCheckFailed)
    );

    // Swapping A and C.
    let mut q = p.proof.clone();
    core::mem::swap(&mut q.proof.a, &mut q.proof.c);
    assert_eq!(
        verify(&ctx.pvk, &q, &p.params),
        Err(SnarkError::PairingCheckFailed)
    );

    let mut q = p.proof.clone();
    q.proof.a = G1Affine::zero();
    assert_eq!(
        verify(&ctx.pvk, &q, &p.params),
        Err(SnarkError::IdentityPoint(Element::ProofA))
    );
    let mut q = p.proof.clone();
    q.proof.b = G2Affine::zero();
    assert_eq!(
        verify(&ctx.pvk, &q, &p.params),
        Err(SnarkError::IdentityPoint(Element::ProofB))
    );

    // A point on the curve but outside the prime-order subgroup.
    let off = off_subgroup_g1();
    let mut q = p.proof.clone();
    q.proof.c = off;
    assert_eq!(
        verify(&ctx.pvk, &q, &p.params),
        Err(SnarkError::InvalidPoint(Element::ProofC))
    );
    let mut q = p.proof.clone();
    q.d = off;
    assert_eq!(
        verify(&ctx.pvk, &q, &p.params),
        Err(SnarkError::InvalidPoint(Element::CommitmentD))
    );
}

/// The first point with small x on E(Fq) that is not in the r-order subgroup.
pub fn off_subgroup_g1() -> G1Affine {
    (1u64..)
        .filter_map(|x| G1Affine::get_point_from_x_unchecked(Fq::from(x), true))
        .find(|p| !p.is_in_correct_subgroup_assuming_on_curve())
        .unwrap()
}

#[test]
fn changed_public_params_rejected() {
    let ctx = small();
    let p = present(ctx, &[100], &[50], 7);
    assert_eq!(
        verify(&ctx.pvk, &p.proof, &[Fr::from(51u64)]),
        Err(SnarkError::PairingCheckFailed)
    );
    assert_eq!(
        verify(&ctx.pvk, &p.proof, &[]),
        Err(SnarkError::WrongNumberOfPublicParams {
            expected: 1,
            got: 0
        })
    );
    assert_eq!(
        verify(&ctx.pvk, &p.proof, &[Fr::from(50u64), Fr::zero()]),
        Err(SnarkError::WrongNumberOfPublicParams {
            expected: 1,
            got: 2
        })
    );

    let ctx = wide();
    let p = present(ctx, &[500, 900], &[1, 2, 3, 4, 5], 8);
    for j in 0..5 {
        let mut params = p.params.clone();
        params[j] += Fr::from(1u64);
        assert_eq!(
            verify(&ctx.pvk, &p.proof, &params),
            Err(SnarkError::PairingCheckFailed),
            "p_{j}"
        );
    }
}

#[test]
fn proof_for_other_key_rejected() {
    let p = present(small(), &[100], &[50], 12);
    let other = crate::common::small_other();
    assert_eq!(
        verify(&other.pvk, &p.proof, &p.params),
        Err(SnarkError::PairingCheckFailed)
    );
}

#[test]
fn prover_errors() {
    let ctx = small();
    let mut r = rng(13);
    let v = Blinding::random(&mut r);
    // Unsatisfied: w < bound.
    let c = GeCircuit {
        w: vec![10],
        v: Fr::zero(),
        bounds: vec![11],
    };
    assert!(matches!(
        prove(&ctx.pk, c, &[Fr::from(10u64)], &v, &mut r),
        Err(SnarkError::Unsatisfied { .. })
    ));
    // w given to the prover differs from the circuit's.
    let c = GeCircuit {
        w: vec![10],
        v: Fr::zero(),
        bounds: vec![5],
    };
    assert_eq!(
        prove(&ctx.pk, c, &[Fr::from(11u64)], &v, &mut r).unwrap_err(),
        SnarkError::CommittedValueMismatch { index: 1 }
    );
    // Wrong number of committed values.
    let c = GeCircuit {
        w: vec![10],
        v: Fr::zero(),
        bounds: vec![5],
    };
    assert_eq!(
        prove(&ctx.pk, c, &[], &v, &mut r).unwrap_err(),
        SnarkError::WrongNumberOfCommittedValues {
            expected: 1,
            got: 0
        }
    );
    // Circuit of another shape.
    let c = GeCircuit {
        w: vec![10, 20],
        v: Fr::zero(),
        bounds: vec![5],
    };
    assert!(matches!(
        prove(&ctx.pk, c, &[Fr::from(10u64)], &v, &mut r),
        Err(SnarkError::CircuitShapeMismatch { .. })
    ));
    // Opening inputs of the wrong length.
    assert_eq!(
        OpeningProver::commit(&ctx.vk, &[Fr::zero()], &v, &[], &Fr::zero()).unwrap_err(),
        SnarkError::WrongNumberOfBlindings {
            expected: 1,
            got: 0
        }
    );
}

/// Instance (w, v, p) with the constraint w·v = p: v is not free.
struct UsesBlinding;

impl ConstraintSynthesizer<Fr> for UsesBlinding {
    fn generate_constraints(self, cs: ConstraintSystemRef<Fr>) -> Result<(), SynthesisError> {
        let w = cs.new_input_variable(|| Ok(Fr::from(1u64)))?;
        let v = cs.new_input_variable(|| Ok(Fr::from(1u64)))?;
        let p = cs.new_input_variable(|| Ok(Fr::from(1u64)))?;
        cs.enforce_r1cs_constraint(
            || LinearCombination::from(w),
            || LinearCombination::from(v),
            || LinearCombination::from(p),
        )
    }
}

#[test]
fn blinding_must_be_free() {
    let mut r = rng(14);
    let (pk, _vk) = setup(UsesBlinding, CircuitId::new(b"uses-v", 1), 1, &mut r).unwrap();
    let v = Blinding::new(Fr::from(1u64));
    assert_eq!(
        prove(&pk, UsesBlinding, &[Fr::from(1u64)], &v, &mut r).unwrap_err(),
        SnarkError::BlindingNotFree { index: 2 }
    );
}

#[test]
fn setup_needs_room_for_blinding() {
    let mut r = rng(15);
    // Instance (w, v, p): 3 inputs, so t = 2 is the most (v then sits where p was).
    let err = setup(GeCircuit::shape(1, 1), CircuitId::new(b"x", 3), 3, &mut r).unwrap_err();
    assert_eq!(
        err,
        SnarkError::TooFewInstanceInputs {
            instance_inputs: 3,
            num_committed: 3
        }
    );
}

#[test]
fn circuit_id() {
    let a = CircuitId::new(b"ge32", 1);
    assert_eq!(a, CircuitId::new(b"ge32", 1));
    assert_ne!(a, CircuitId::new(b"ge32", 2));
    assert_ne!(a, CircuitId::new(b"ge33", 1));
    assert_eq!(a.to_string().len(), 64);
    assert_eq!(small().vk.circuit_id(), small().pk.circuit_id());
}

/// A decoded proof's points were checked by the decoder: `verify_deferred_decoded` gives what
/// `verify_deferred` gives (the equation, the identity errors), and `recompute_t_d_prechecked`
/// the same `T_D'` as `recompute_t_d`.
#[test]
fn decoded_proofs_skip_only_the_repeated_subgroup_checks() {
    use zkcred_snark::{recompute_t_d_prechecked, verify_deferred, verify_deferred_decoded};
    let ctx = small();
    let p = present(ctx, &[20_000], &[19_000], 4);
    let decoded = zkcred_snark::CommittedProof::from_bytes(&p.proof.to_bytes()).unwrap();
    let full = verify_deferred(&ctx.pvk, &decoded, &p.params).unwrap();
    let fast = verify_deferred_decoded(&ctx.pvk, &decoded, &p.params).unwrap();
    assert!(full.holds() && fast.holds());
    assert_eq!(full.len(), fast.len());
    let mut tampered = decoded.clone();
    tampered.proof.c = g1_plus_generator(&tampered.proof.c);
    assert!(!verify_deferred_decoded(&ctx.pvk, &tampered, &p.params)
        .unwrap()
        .holds());
    for (zeroed, e) in [
        (0, Element::ProofA),
        (1, Element::ProofB),
        (3, Element::CommitmentD),
    ] {
        let mut q = decoded.clone();
        match zeroed {
            0 => q.proof.a = G1Affine::zero(),
            1 => q.proof.b = G2Affine::zero(),
            _ => q.d = G1Affine::zero(),
        }
        let want = Err(SnarkError::IdentityPoint(e));
        assert_eq!(verify_deferred(&ctx.pvk, &q, &p.params).map(|_| ()), want);
        assert_eq!(
            verify_deferred_decoded(&ctx.pvk, &q, &p.params).map(|_| ()),
            want
        );
    }
    // The decoder refuses what only the full check would catch.
    let mut off = decoded.clone();
    off.d = off_subgroup_g1();
    assert!(zkcred_snark::CommittedProof::from_bytes(&off.to_bytes()).is_err());
    let t_d = recompute_t_d_prechecked(&ctx.pvk, &decoded.d, &p.m_hat, &p.response, &p.c);
    assert_eq!(t_d.unwrap(), p.t_d);
    // Two committed values (three fixed bases), twice (the key's tables are reused).
    let ctx = wide();
    for seed in [5, 6] {
        let p = present(ctx, &[500, 900], &[1, 2, 3, 4, 5], seed);
        let t_d = recompute_t_d_prechecked(&ctx.pvk, &p.proof.d, &p.m_hat, &p.response, &p.c);
        assert_eq!(t_d.unwrap(), p.t_d);
        let wrong =
            recompute_t_d_prechecked(&ctx.pvk, &p.proof.d, &p.m_hat, &p.response, &Fr::zero());
        assert_ne!(wrong.unwrap(), p.t_d);
    }
}
