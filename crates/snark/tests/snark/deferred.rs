//! `verify_deferred`: the Groth16 equation returned instead of evaluated. It holds exactly
//! when `verify` accepts; merged with other proofs' equations (under one key or several) it
//! agrees with the individual checks; proofs with C moved by +X and −X, whose errors cancel
//! in the unweighted product on the shared −δ, are both caught.

use ark_bls12_381::G1Projective;
use ark_ec::{AffineRepr, CurveGroup, PrimeGroup};
use ark_ff::{One, UniformRand};
use zkcred_pairing::{all_hold, failing, G2Groups};
use zkcred_snark::{verify, verify_deferred, CommittedProof, Fr, G1Affine, SnarkError};

use crate::common::{present, rng, small, wide, Ctx, Presentation};

/// The presentation's proof with C moved by `x`.
fn with_c_moved(p: &Presentation, x: G1Projective) -> CommittedProof {
    let mut proof = p.proof.clone();
    proof.proof.c = (proof.proof.c.into_group() + x).into_affine();
    proof
}

#[test]
fn deferred_equation_holds_iff_verify_accepts() {
    let ctx = small();
    let p = present(ctx, &[30_000], &[29_000], 41);
    let check = verify_deferred(&ctx.pvk, &p.proof, &p.params).unwrap();
    assert!(check.holds());
    assert_eq!(check.len(), 4, "A·B, α·β, P·γ, C·δ");
    verify(&ctx.pvk, &p.proof, &p.params).unwrap();

    let bad = with_c_moved(&p, G1Projective::generator());
    let check = verify_deferred(&ctx.pvk, &bad, &p.params).expect("only the pairing fails");
    assert!(!check.holds());
    assert_eq!(
        verify(&ctx.pvk, &bad, &p.params),
        Err(SnarkError::PairingCheckFailed)
    );
    // Another public parameter: the prepared input differs, so does the equation.
    let other = [Fr::from(29_001u64)];
    assert!(!verify_deferred(&ctx.pvk, &p.proof, &other).unwrap().holds());
    // Checks before the pairing fail the same way, deferred or not.
    let mut identity_c = p.proof.clone();
    identity_c.proof.c = G1Affine::zero();
    assert_eq!(
        verify_deferred(&ctx.pvk, &identity_c, &p.params).map(drop),
        verify(&ctx.pvk, &identity_c, &p.params)
    );
    assert_eq!(
        verify_deferred(&ctx.pvk, &p.proof, &[]).map(drop),
        verify(&ctx.pvk, &p.proof, &[])
    );
}

#[test]
fn merged_check_agrees_with_individual_checks() {
    let (s, w) = (small(), wide());
    let ps: Vec<(&Ctx, Presentation)> = (0..4)
        .map(|i| (s, present(s, &[20_000 + i], &[19_000], 50 + i)))
        .chain((0..2).map(|i| (w, present(w, &[500, 900], &[1, 2, 3, 4, 5], 60 + i))))
        .collect();
    let checks: Vec<_> = ps
        .iter()
        .map(|(ctx, p)| verify_deferred(&ctx.pvk, &p.proof, &p.params).unwrap())
        .collect();
    for seed in 0..3 {
        assert!(all_hold(&checks, &mut rng(seed)));
    }
    // Per key, β, −γ and −δ are one Miller loop each; every proof adds its own B.
    let mut groups = G2Groups::new();
    for c in &checks {
        groups.push_check(c, Fr::one());
    }
    assert_eq!(groups.len(), 2 * 3 + ps.len());

    let mut bad = checks.clone();
    let moved = with_c_moved(&ps[2].1, G1Projective::rand(&mut rng(70)));
    bad[2] = verify_deferred(&s.pvk, &moved, &ps[2].1.params).unwrap();
    for seed in 0..3 {
        assert!(!all_hold(&bad, &mut rng(seed)));
        assert_eq!(failing(&bad, &mut rng(seed)), vec![2]);
    }
}

#[test]
fn c_offsets_that_cancel_without_weights_are_caught() {
    let ctx = small();
    let x = G1Projective::rand(&mut rng(80));
    let p1 = present(ctx, &[40_000], &[1_000], 81);
    let p2 = present(ctx, &[41_000], &[2_000], 82);
    let (c1, c2) = (with_c_moved(&p1, x), with_c_moved(&p2, -x));
    let checks = [
        verify_deferred(&ctx.pvk, &c1, &p1.params).unwrap(),
        verify_deferred(&ctx.pvk, &c2, &p2.params).unwrap(),
    ];
    assert!(!checks[0].holds() && !checks[1].holds());
    let mut unweighted = G2Groups::new();
    for c in &checks {
        unweighted.push_check(c, Fr::one());
    }
    assert!(unweighted.product_is_one(), "+X and −X cancel on −δ");
    for seed in 0..4 {
        assert!(!all_hold(&checks, &mut rng(seed)));
        assert_eq!(failing(&checks, &mut rng(seed)), vec![0, 1]);
    }
}
