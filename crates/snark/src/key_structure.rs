//! The holder's structure check of a Groth16 key (subversion zero-knowledge).
//!
//! With `g = [τ^0]_1`, `h = [1]_2` and the published powers ([`TauPowers`]), a key passes when,
//! for the circuit the holder knows (`u_i, v_i, w_i` from [`CircuitQap`], `t(X) = X^n − 1`):
//!
//! ```text
//! (f) e([τ^{k+1}]_1, h) = e([τ^k]_1, [τ]_2)                          powers of one τ
//! (g) e(β_1, h) = e(g, β_2)        (h') e(δ_1, h) = e(g, δ_2)         one β, one δ
//! (a) a_query[i] = [u_i(τ)]_1      (b) b_g1_query[i] = [v_i(τ)]_1
//! (c) e(b_g1_query[i], h) = e(g, b_g2_query[i])
//! (d) e(IC_i, γ_2) = e(a_i, β_2)·e(α_1, b2_i)·e([w_i(τ)]_1, h)       instance variables
//!     e(L_i, δ_2)  = e(a_i, β_2)·e(α_1, b2_i)·e([w_i(τ)]_1, h)       witness variables
//! (i) e([τ^n]_1, h) = e(g, [τ^n]_2)
//! (e) e(h_query[j], δ_2) = e([τ^j]_1, [τ^n]_2 − h)                    h_query[j] = [τ^j t(τ)/δ]_1
//! ```
//!
//! Every family is summed with random weights `ρ_i, σ_j, π_k` and the families with random
//! `λ`, then grouped by G2 element: seven G1 MSMs (Σρ_i·a_i computed once for its two slots), one G2 MSM (`Σ ρ_i·b2_i`) and one
//! multi-pairing of seven pairs with one final exponentiation (Bellare, Garay, Rabin, "Fast
//! batch verification", EUROCRYPT 1998: a false equation survives with probability
//! `≤ 2/2^128`). When it fails, each family is checked alone to name the failure.

use ark_bls12_381::{Bls12_381, G1Projective, G2Projective};
use ark_ec::{pairing::Pairing, CurveGroup, VariableBaseMSM};
use ark_ff::{UniformRand, Zero};
use rand_core::{CryptoRng, RngCore};

use crate::{
    qap::CircuitQap, tau_powers, Fr, G1Affine, G2Affine, ProvingKey, Result, SnarkError,
    StructureCheck, TauPowers,
};

/// Random weights: `ρ` per variable, `σ` per `h_query` point, `π` per step of the powers chain.
struct Weights {
    rho: Vec<Fr>,
    sigma: Vec<Fr>,
    pi: Vec<Fr>,
}

/// A uniformly random 128-bit weight (enough for batching; halves the scalar work).
fn weight<R: RngCore + CryptoRng>(rng: &mut R) -> Fr {
    Fr::from(u128::rand(rng))
}

impl Weights {
    fn random<R: RngCore + CryptoRng>(vars: usize, n: usize, rng: &mut R) -> Self {
        Weights {
            rho: (0..vars).map(|_| weight(rng)).collect(),
            sigma: (0..n - 1).map(|_| weight(rng)).collect(),
            pi: (0..n).map(|_| weight(rng)).collect(),
        }
    }

    /// The same weights with `ρ_i = 0` outside `keep` (to check IC or L alone).
    fn rho_only(&self, keep: core::ops::Range<usize>) -> Self {
        let rho = self
            .rho
            .iter()
            .enumerate()
            .map(|(i, r)| if keep.contains(&i) { *r } else { Fr::zero() })
            .collect();
        Weights {
            rho,
            sigma: self.sigma.clone(),
            pi: self.pi.clone(),
        }
    }
}

/// One coefficient per equation family; zero leaves the family out.
#[derive(Clone, Copy, Default)]
struct Lambdas {
    a: Fr,
    b: Fr,
    c: Fr,
    d: Fr,
    e: Fr,
    f: Fr,
    g: Fr,
    h: Fr,
    i: Fr,
}

impl Lambdas {
    fn random<R: RngCore + CryptoRng>(rng: &mut R) -> Self {
        Lambdas {
            a: weight(rng),
            b: weight(rng),
            c: weight(rng),
            d: weight(rng),
            e: weight(rng),
            f: weight(rng),
            g: weight(rng),
            h: weight(rng),
            i: weight(rng),
        }
    }

    /// Only the family `check` (with `λ = 1`).
    fn only(check: StructureCheck) -> Self {
        let one = Fr::from(1u64);
        let mut l = Lambdas::default();
        match check {
            StructureCheck::AQuery => l.a = one,
            StructureCheck::BG1Query => l.b = one,
            StructureCheck::BG2Query => l.c = one,
            StructureCheck::InputBases | StructureCheck::LQuery => l.d = one,
            StructureCheck::HQuery => l.e = one,
            StructureCheck::PowersChain => l.f = one,
            StructureCheck::TauNG2 => l.i = one,
            StructureCheck::Beta => l.g = one,
            StructureCheck::Delta | StructureCheck::Batched => l.h = one,
        }
        l
    }
}

/// The key, its published powers and the holder's circuit, shapes already checked.
struct Equations<'a> {
    pk: &'a ProvingKey,
    tp: &'a TauPowers,
    qap: &'a CircuitQap,
}

fn msm(bases: &[G1Affine], scalars: &[Fr]) -> G1Projective {
    zkcred_pairing::msm(bases, scalars)
}

impl Equations<'_> {
    /// Whether `Π e(X_s, Y_s) = 1` over the seven G2 slots for these weights and families.
    fn holds(&self, w: &Weights, l: &Lambdas) -> Result<bool> {
        let k = &self.pk.pk;
        let n = self.qap.domain_size();
        let n_inst = self.qap.num_instance();
        let g = *self.tp.g1()?;
        let p = &self.tp.g1_powers;
        let polys = self.qap.weighted_polys(&w.rho)?;

        // h-slot: λ_a(Σρ a − [U]) + (λ_b + λ_c)Σρ b1 − λ_b[V] − λ_d[W] + λ_e Σσ P_j
        //         + λ_f Σπ P_{k+1} + λ_i P_n + λ_g β_1 + λ_h δ_1, the P terms one MSM.
        let mut s_p = vec![Fr::zero(); p.len()];
        for (((s, u), v), w_) in s_p.iter_mut().zip(&polys.u).zip(&polys.v).zip(&polys.w) {
            *s -= l.a * u + l.b * v + l.d * w_;
        }
        for (j, s) in w.sigma.iter().enumerate() {
            s_p[j] += l.e * s;
        }
        for (kk, s) in w.pi.iter().enumerate() {
            s_p[kk + 1] += l.f * s;
        }
        s_p[n] += l.i;
        let scaled = |lam: Fr, v: &[Fr]| v.iter().map(|x| lam * x).collect::<Vec<_>>();
        // Σρ a_i appears in the h-slot (λ_a) and the β-slot (−λ_d): one MSM, scaled twice.
        let a_rho = msm(&k.a_query, &w.rho);
        let x_h = a_rho * l.a
            + msm(&k.b_g1_query, &scaled(l.b + l.c, &w.rho))
            + msm(p, &s_p)
            + k.beta_g1 * l.g
            + k.delta_g1 * l.h;
        let x_tau = -msm(&p[..n], &scaled(l.f, &w.pi));
        // [τ^n]_2-slot: −λ_e Σσ_j P_j − λ_i g.
        let x_tau_n = -(msm(&p[..n - 1], &scaled(l.e, &w.sigma)) + g * l.i);
        let rho_d = scaled(l.d, &w.rho);
        let x_gamma = msm(&k.vk.gamma_abc_g1, &rho_d[..n_inst]);
        let x_delta =
            msm(&k.l_query, &rho_d[n_inst..]) + msm(&k.h_query, &scaled(l.e, &w.sigma)) - g * l.h;
        let x_beta = -(a_rho * l.d + g * l.g);
        let x_b2 = -(g * l.c + k.vk.alpha_g1 * l.d);
        let y_b2 = G2Projective::msm_unchecked(&k.b_g2_query, &w.rho);

        let g1s =
            G1Projective::normalize_batch(&[x_h, x_tau, x_tau_n, x_gamma, x_delta, x_beta, x_b2]);
        let g2s: [G2Affine; 7] = [
            self.tp.g2,
            self.tp.tau_g2,
            self.tp.tau_n_g2,
            k.vk.gamma_g2,
            k.vk.delta_g2,
            k.vk.beta_g2,
            y_b2.into_affine(),
        ];
        Ok(Bls12_381::multi_pairing(g1s, g2s).is_zero())
    }

    /// The first family that fails alone, in dependency order (later families assume earlier).
    fn name_failure(&self, w: &Weights) -> Result<StructureCheck> {
        let n_inst = self.qap.num_instance();
        let all = self.qap.num_variables();
        use StructureCheck::*;
        for check in [
            PowersChain,
            TauNG2,
            Beta,
            Delta,
            AQuery,
            BG1Query,
            BG2Query,
            InputBases,
            LQuery,
            HQuery,
        ] {
            let weights = match check {
                InputBases => w.rho_only(0..n_inst),
                LQuery => w.rho_only(n_inst..all),
                _ => w.rho_only(0..all),
            };
            if !self.holds(&weights, &Lambdas::only(check))? {
                return Ok(check);
            }
        }
        Ok(Batched)
    }
}

/// Checks that the key's lengths are those of `qap` and its powers are `n + 1` valid points.
fn check_shape(pk: &ProvingKey, tp: &TauPowers, qap: &CircuitQap) -> Result<()> {
    let k = &pk.pk;
    let mismatch = |what, expected, got| SnarkError::CircuitShapeMismatch {
        what,
        expected,
        got,
    };
    let n = qap.domain_size();
    if k.h_query.len() + 1 != n {
        return Err(mismatch("QAP domain size", k.h_query.len() + 1, n));
    }
    if k.vk.gamma_abc_g1.len() != qap.num_instance() {
        return Err(mismatch(
            "number of instance variables",
            k.vk.gamma_abc_g1.len(),
            qap.num_instance(),
        ));
    }
    if k.a_query.len() != qap.num_variables() || k.l_query.len() != qap.num_witness() {
        return Err(mismatch(
            "number of variables",
            k.a_query.len(),
            qap.num_variables(),
        ));
    }
    tau_powers::check_points(tp, n, pk.points_validated)
}

/// The structure check of the module docs on a key that passed
/// [`check_keys`](crate::check_keys), for the circuit `qap`: `Ok` or
/// [`SnarkError::KeyStructure`] naming the failed family. Weights come from `rng`.
pub(crate) fn check_structure<R: RngCore + CryptoRng>(
    pk: &ProvingKey,
    qap: &CircuitQap,
    rng: &mut R,
) -> Result<()> {
    let tp = pk.tau_powers.as_ref().ok_or(SnarkError::MissingTauPowers)?;
    check_shape(pk, tp, qap)?;
    let eq = Equations { pk, tp, qap };
    let w = Weights::random(qap.num_variables(), qap.domain_size(), rng);
    if eq.holds(&w, &Lambdas::random(rng))? {
        return Ok(());
    }
    Err(SnarkError::KeyStructure(eq.name_failure(&w)?))
}
