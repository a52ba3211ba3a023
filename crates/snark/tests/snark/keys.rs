//! The holder's key checks.

use ark_ec::{AffineRepr, CurveGroup};
use zkcred_snark::{
    check_keys, check_proving_key, check_verifying_key, CircuitId, Element, G1Affine, ProvingKey,
    SnarkError, VerifyingKey,
};

use crate::common::{small, small_other, wide};
use crate::verify::off_subgroup_g1;

fn vk_with_ic(vk: &VerifyingKey, f: impl FnOnce(&mut Vec<G1Affine>)) -> VerifyingKey {
    let mut ark = vk.as_ark().clone();
    f(&mut ark.gamma_abc_g1);
    VerifyingKey::from_parts(vk.circuit_id(), vk.num_committed(), ark).unwrap()
}

fn pk_with(pk: &ProvingKey, f: impl FnOnce(&mut zkcred_snark::ArkProvingKey)) -> ProvingKey {
    let mut ark = pk.as_ark().clone();
    f(&mut ark);
    ProvingKey::from_parts(pk.circuit_id(), pk.num_committed(), ark).unwrap()
}

#[test]
fn honest_keys_pass() {
    for ctx in [small(), wide()] {
        check_keys(&ctx.pk, &ctx.vk).unwrap();
        check_verifying_key(&ctx.vk).unwrap();
    }
}

#[test]
fn identity_ic_base_refused() {
    let ctx = wide();
    for i in 0..ctx.vk.ic().len() {
        let bad = vk_with_ic(&ctx.vk, |ic| ic[i] = G1Affine::zero());
        assert_eq!(
            check_verifying_key(&bad),
            Err(SnarkError::IdentityPoint(Element::VkIc(i))),
            "IC_{i}"
        );
        // The same key inside a proving key is refused too.
        let bad_pk = pk_with(&ctx.pk, |k| k.vk.gamma_abc_g1[i] = G1Affine::zero());
        assert_eq!(
            check_keys(&bad_pk, &bad),
            Err(SnarkError::IdentityPoint(Element::VkIc(i)))
        );
    }
}

#[test]
fn repeated_ic_base_refused() {
    let ctx = wide();
    let t = ctx.vk.num_committed();
    // Blinding base equal to the first committed base: D = (w_1 + v)·IC_1.
    let bad = vk_with_ic(&ctx.vk, |ic| ic[t + 1] = ic[1]);
    assert_eq!(
        check_verifying_key(&bad),
        Err(SnarkError::RepeatedIcBase {
            first: 1,
            second: t + 1
        })
    );
    let bad = vk_with_ic(&ctx.vk, |ic| ic[6] = ic[0]);
    assert_eq!(
        check_verifying_key(&bad),
        Err(SnarkError::RepeatedIcBase {
            first: 0,
            second: 6
        })
    );
}

#[test]
fn invalid_points_refused() {
    let ctx = small();
    let off = off_subgroup_g1();
    let bad = vk_with_ic(&ctx.vk, |ic| ic[1] = off);
    assert_eq!(
        check_verifying_key(&bad),
        Err(SnarkError::InvalidPoint(Element::VkIc(1)))
    );

    let mut ark = ctx.vk.as_ark().clone();
    ark.alpha_g1 = G1Affine::zero();
    let bad = VerifyingKey::from_parts(ctx.vk.circuit_id(), 1, ark).unwrap();
    assert_eq!(
        check_verifying_key(&bad),
        Err(SnarkError::IdentityPoint(Element::VkAlphaG1))
    );

    let bad = pk_with(&ctx.pk, |k| k.h_query[0] = off);
    assert_eq!(
        check_proving_key(&bad),
        Err(SnarkError::InvalidPoint(Element::PkHQuery(0)))
    );
    let bad = pk_with(&ctx.pk, |k| k.delta_g1 = G1Affine::zero());
    assert_eq!(
        check_proving_key(&bad),
        Err(SnarkError::IdentityPoint(Element::PkDeltaG1))
    );
}

#[test]
fn pk_vk_mismatch_refused() {
    let (a, b) = (small(), small_other());
    // Same circuit id and shape, different setup.
    assert_eq!(
        check_keys(&a.pk, &b.vk),
        Err(SnarkError::KeyMismatch("verifying key"))
    );
    // Other circuit.
    assert_eq!(
        check_keys(&a.pk, &wide().vk),
        Err(SnarkError::KeyMismatch("circuit id"))
    );
    // Same key, relabelled.
    let relabelled =
        VerifyingKey::from_parts(CircuitId::new(b"other", 1), 1, a.vk.as_ark().clone()).unwrap();
    assert_eq!(
        check_keys(&a.pk, &relabelled),
        Err(SnarkError::KeyMismatch("circuit id"))
    );
    let t0 = VerifyingKey::from_parts(a.vk.circuit_id(), 0, a.vk.as_ark().clone()).unwrap();
    assert_eq!(
        check_keys(&a.pk, &t0),
        Err(SnarkError::KeyMismatch("number of committed inputs"))
    );
    // A proving key whose beta_g1 does not match the verifying key's beta_g2.
    let bad = pk_with(&a.pk, |k| {
        k.beta_g1 = (k.beta_g1.into_group() + G1Affine::generator()).into_affine()
    });
    assert!(matches!(
        check_keys(&bad, &a.vk),
        Err(SnarkError::KeyMismatch(_))
    ));
}

#[test]
fn inconsistent_pk_lengths_refused() {
    let ctx = small();
    let bad = pk_with(&ctx.pk, |k| {
        k.l_query.pop();
    });
    assert!(matches!(
        check_proving_key(&bad),
        Err(SnarkError::MalformedKey(_))
    ));
    let bad = pk_with(&ctx.pk, |k| {
        k.b_g2_query.pop();
    });
    assert!(matches!(
        check_proving_key(&bad),
        Err(SnarkError::MalformedKey(_))
    ));
    let bad = pk_with(&ctx.pk, |k| {
        k.h_query.pop();
    });
    assert!(matches!(
        check_proving_key(&bad),
        Err(SnarkError::MalformedKey(_))
    ));
}

#[test]
fn key_shape_checked_on_construction() {
    let ctx = small();
    // |IC| = 4 (one, w, v, p): t = 2 leaves k = 0, t = 3 leaves no room for the blinding.
    let vk2 = VerifyingKey::from_parts(ctx.vk.circuit_id(), 2, ctx.vk.as_ark().clone()).unwrap();
    assert_eq!(vk2.num_public_params(), 0);
    assert_eq!(
        VerifyingKey::from_parts(ctx.vk.circuit_id(), 3, ctx.vk.as_ark().clone()).unwrap_err(),
        SnarkError::TooFewInstanceInputs {
            instance_inputs: 3,
            num_committed: 3
        }
    );
}
