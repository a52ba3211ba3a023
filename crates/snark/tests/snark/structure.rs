//! The holder's structure check (subversion zero-knowledge): honest keys pass, every
//! perturbation of a query point, a base or the powers of tau is refused with the failed
//! check named, and keys that passed are remembered by digest.

use ark_bls12_381::{G1Projective, G2Projective};
use ark_ec::{CurveGroup, PrimeGroup};
use ark_ff::UniformRand;
use zkcred_snark::{
    check_key_structure, ArkProvingKey, CheckedKeys, CircuitId, KeyDigest, ProvingKey, SnarkError,
    StructureCheck, TauPowers, VerifyingKey,
};

use crate::common::{rng, small, small_other, wide, Ctx, GeCircuit};

/// The setup circuit of a context (t committed values, k public parameters).
fn circuit(ctx: &Ctx) -> GeCircuit {
    let k = ctx.vk.num_public_params();
    GeCircuit::shape(ctx.t, k)
}

fn check(ctx: &Ctx, pk: &ProvingKey, vk: &VerifyingKey) -> Result<(), SnarkError> {
    check_key_structure(pk, vk, ctx.pk.circuit_id(), circuit(ctx), &mut rng(7))
}

/// `pk` edited by `f`, powers of tau kept; returns the edited pair (vk taken from the pk).
fn edit(ctx: &Ctx, f: impl FnOnce(&mut ArkProvingKey)) -> (ProvingKey, VerifyingKey) {
    let mut ark = ctx.pk.as_ark().clone();
    f(&mut ark);
    let pk = ProvingKey::from_parts(ctx.pk.circuit_id(), ctx.pk.num_committed(), ark)
        .unwrap()
        .with_tau_powers(ctx.pk.tau_powers().unwrap().clone());
    let vk = pk.verifying_key();
    (pk, vk)
}

fn edit_powers(ctx: &Ctx, f: impl FnOnce(&mut Vec<zkcred_snark::G1Affine>)) -> ProvingKey {
    let tp = ctx.pk.tau_powers().unwrap();
    let mut powers = tp.g1_powers().to_vec();
    f(&mut powers);
    ctx.pk.clone().with_tau_powers(TauPowers::from_parts(
        powers,
        *tp.g2(),
        *tp.tau_g2(),
        *tp.tau_n_g2(),
    ))
}

fn x() -> G1Projective {
    G1Projective::rand(&mut rng(99))
}

fn refused(ctx: &Ctx, (pk, vk): (ProvingKey, VerifyingKey), expected: StructureCheck) {
    assert_eq!(
        check(ctx, &pk, &vk),
        Err(SnarkError::KeyStructure(expected)),
        "expected {expected:?}"
    );
}

#[test]
fn honest_keys_pass() {
    for ctx in [small(), small_other(), wide()] {
        check(ctx, &ctx.pk, &ctx.vk).unwrap();
        let n = ctx.pk.as_ark().h_query.len() + 1;
        assert_eq!(ctx.pk.tau_powers().unwrap().g1_powers().len(), n + 1);
    }
}

#[test]
fn l_query_shifted_by_powers_of_two_refused() {
    // The attack on the age circuit: l_query[i] += 2^i·X makes C carry Σ 2^i·bit_i·X.
    let ctx = wide();
    refused(
        ctx,
        edit(ctx, |k| {
            for (i, l) in k.l_query.iter_mut().enumerate().take(32) {
                *l = (*l + x() * ark_bls12_381::Fr::from(1u64 << i)).into_affine();
            }
        }),
        StructureCheck::LQuery,
    );
    for i in [0, 5, ctx.pk.as_ark().l_query.len() - 1] {
        refused(
            ctx,
            edit(ctx, |k| k.l_query[i] = (k.l_query[i] + x()).into_affine()),
            StructureCheck::LQuery,
        );
    }
}

#[test]
fn a_query_refused() {
    // The attack on the set circuit: a_query[1] += X.
    for ctx in [small(), wide()] {
        for i in [0, 1, ctx.pk.as_ark().a_query.len() - 1] {
            refused(
                ctx,
                edit(ctx, |k| k.a_query[i] = (k.a_query[i] + x()).into_affine()),
                StructureCheck::AQuery,
            );
        }
    }
}

#[test]
fn b_queries_refused() {
    let ctx = small();
    // Pick a variable that appears in B (a bit witness: b = 1 - bit).
    let j = ctx.pk.as_ark().vk.gamma_abc_g1.len() + 1;
    refused(
        ctx,
        edit(ctx, |k| {
            k.b_g1_query[j] = (k.b_g1_query[j] + x()).into_affine()
        }),
        StructureCheck::BG1Query,
    );
    let y = G2Projective::rand(&mut rng(5));
    refused(
        ctx,
        edit(ctx, |k| {
            k.b_g2_query[j] = (k.b_g2_query[j] + y).into_affine()
        }),
        StructureCheck::BG2Query,
    );
    // Both moved together by the same discrete log still break b_g1 = [v(τ)]_1.
    let s = ark_bls12_381::Fr::from(3u64);
    refused(
        ctx,
        edit(ctx, |k| {
            k.b_g1_query[0] = (k.b_g1_query[0] + G1Projective::generator() * s).into_affine();
            k.b_g2_query[0] = (k.b_g2_query[0] + G2Projective::generator() * s).into_affine();
        }),
        StructureCheck::BG1Query,
    );
}

#[test]
fn h_query_refused() {
    let ctx = small();
    for j in [0, ctx.pk.as_ark().h_query.len() - 1] {
        refused(
            ctx,
            edit(ctx, |k| k.h_query[j] = (k.h_query[j] + x()).into_affine()),
            StructureCheck::HQuery,
        );
    }
}

#[test]
fn ic_base_refused() {
    // The attack on the not-equal circuit was l_query[0]; an IC base moved is the same kind.
    let ctx = wide();
    for i in 0..ctx.vk.ic().len() {
        refused(
            ctx,
            edit(ctx, |k| {
                k.vk.gamma_abc_g1[i] = (k.vk.gamma_abc_g1[i] + x()).into_affine()
            }),
            StructureCheck::InputBases,
        );
    }
}

#[test]
fn delta_and_beta_refused() {
    let ctx = small();
    // δ_1 alone changed: already refused by check_keys (β/δ pairing).
    let (pk, vk) = edit(ctx, |k| k.delta_g1 = (k.delta_g1 + x()).into_affine());
    assert!(matches!(
        check(ctx, &pk, &vk),
        Err(SnarkError::KeyMismatch(_))
    ));
    // β_1 and δ_1 both doubled: consistent with each other, not with the G2 side.
    let two = ark_bls12_381::Fr::from(2u64);
    refused(
        ctx,
        edit(ctx, |k| {
            k.beta_g1 = (k.beta_g1 * two).into_affine();
            k.delta_g1 = (k.delta_g1 * two).into_affine();
        }),
        StructureCheck::Beta,
    );
    // δ_2 changed in both keys: h_query and l_query no longer match.
    let (pk, vk) = edit(ctx, |k| k.vk.delta_g2 = (k.vk.delta_g2 * two).into_affine());
    assert!(check(ctx, &pk, &vk).is_err());
}

#[test]
fn broken_powers_chain_refused() {
    let ctx = small();
    for k in [1, 3] {
        let pk = edit_powers(ctx, |p| p[k] = (p[k] + x()).into_affine());
        let vk = pk.verifying_key();
        assert_eq!(
            check(ctx, &pk, &vk),
            Err(SnarkError::KeyStructure(StructureCheck::PowersChain))
        );
    }
    // [τ^n]_2 of another τ.
    let tp = ctx.pk.tau_powers().unwrap();
    let other = small_other().pk.tau_powers().unwrap();
    let pk = ctx.pk.clone().with_tau_powers(TauPowers::from_parts(
        tp.g1_powers().to_vec(),
        *tp.g2(),
        *tp.tau_g2(),
        *other.tau_n_g2(),
    ));
    assert_eq!(
        check(ctx, &pk, &ctx.vk),
        Err(SnarkError::KeyStructure(StructureCheck::TauNG2))
    );
    let pk = edit_powers(ctx, |p| {
        p.pop();
    });
    assert!(matches!(
        check(ctx, &pk, &ctx.vk),
        Err(SnarkError::MalformedKey(_))
    ));
}

#[test]
fn powers_of_another_setup_refused() {
    // Powers of a different τ (a valid chain, wrong trapdoor).
    let (a, b) = (small(), small_other());
    let pk =
        a.pk.clone()
            .with_tau_powers(b.pk.tau_powers().unwrap().clone());
    assert!(matches!(
        check(a, &pk, &a.vk),
        Err(SnarkError::KeyStructure(_))
    ));
}

#[test]
fn missing_powers_and_wrong_circuit_refused() {
    let ctx = small();
    let bare = ProvingKey::from_parts(
        ctx.pk.circuit_id(),
        ctx.pk.num_committed(),
        ctx.pk.as_ark().clone(),
    )
    .unwrap();
    assert_eq!(
        check(ctx, &bare, &ctx.vk),
        Err(SnarkError::MissingTauPowers)
    );
    // The small key against the wide circuit: shapes differ.
    let e = check_key_structure(
        &ctx.pk,
        &ctx.vk,
        ctx.pk.circuit_id(),
        circuit(wide()),
        &mut rng(1),
    );
    assert!(matches!(e, Err(SnarkError::CircuitShapeMismatch { .. })));
    // A circuit id the holder did not compute for this key.
    let e = check_key_structure(
        &ctx.pk,
        &ctx.vk,
        CircuitId::new(b"other", 1),
        circuit(ctx),
        &mut rng(1),
    );
    assert_eq!(e, Err(SnarkError::KeyMismatch("circuit id")));
}

#[test]
fn checked_keys_remember_digests() {
    let ctx = small();
    let cache = CheckedKeys::new();
    let id = ctx.pk.circuit_id();
    let digest = KeyDigest::of(&ctx.pk, &ctx.vk);
    assert!(!cache.contains(&digest, &id));
    cache
        .check(&digest, &ctx.pk, &ctx.vk, id, circuit(ctx), &mut rng(1))
        .unwrap();
    assert!(cache.contains(&digest, &id));
    // A bad key is not remembered, and its digest differs.
    let (pk, vk) = edit(ctx, |k| k.h_query[0] = (k.h_query[0] + x()).into_affine());
    let bad = KeyDigest::of(&pk, &vk);
    assert_ne!(bad, digest);
    assert!(cache
        .check(&bad, &pk, &vk, id, circuit(ctx), &mut rng(1))
        .is_err());
    assert!(!cache.contains(&bad, &id));
}

#[test]
fn powers_survive_encoding() {
    let ctx = wide();
    let bytes = ctx.pk.to_bytes();
    let back = ProvingKey::from_bytes(&bytes).unwrap();
    assert_eq!(back, ctx.pk);
    check(ctx, &back, &ctx.vk).unwrap();
    // The flag byte sits right before the powers; any other value than 0/1 is refused.
    let n_powers = ctx.pk.tau_powers().unwrap().g1_powers().len();
    let flag_at = bytes.len() - (3 * 96 + 4 + 48 * n_powers) - 1;
    assert_eq!(bytes[flag_at], 1);
    let mut bad = bytes.clone();
    bad[flag_at] = 2;
    assert!(matches!(
        ProvingKey::from_bytes(&bad),
        Err(SnarkError::MalformedKey(_))
    ));
}
