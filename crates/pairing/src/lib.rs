//! # zkcred-pairing
//!
//! Deferred pairing checks: a verifier does every check of a proof but its pairing equation,
//! and returns the equation ([`PairingCheck`]) instead of evaluating it. Equations of many
//! proofs (BBS, pseudonym BBS, Groth16; one presentation or many) are then evaluated together
//! by one multi-Miller loop and one final exponentiation ([`all_hold`]).
//!
//! ## The equations
//!
//! A [`PairingCheck`] is a list of pairs `(X_i, Q_i)`, `X_i` in G1 and `Q_i` in G2, that holds
//! iff `prod_i e(X_i, Q_i) = 1` in GT:
//!
//! ```text
//! BBS proof (draft-irtf-cfrg-bbs-signatures 3.6.4):   e(Abar, W) · e(−Bbar, BP2)           = 1
//! Groth16 (committed inputs, P = IC_0 + D + Σ p_j·IC_{t+1+j}):
//!                              e(A, B) · e(−α, β) · e(P, −γ) · e(C, −δ)                      = 1
//! ```
//!
//! The Groth16 factor `e(α, β)` is not kept as an element of GT: moved to the left as
//! `e(−α, β)`, it is an ordinary pair whose G2 point β is fixed per key, so it merges like
//! the others.
//!
//! ## Merging (small-exponents batch test)
//!
//! For equations `E_1..E_n` with `E_k = prod_i e(X_ki, Q_ki)`, draw independent uniform
//! weights `r_k` in `[1, 2^128 − 1]` and check
//!
//! ```text
//! prod_k E_k^{r_k}  =  prod_Q e( sum_{(k, i): Q_ki = Q} r_k·X_ki , Q )  =  1
//! ```
//!
//! (`r_1` may be 1: if only `E_1` is false the product is `E_1 ≠ 1`, and any other false
//! equation has a random weight.) The right side has one pair per *distinct* G2 point Q (an issuer's W, BP2, a Groth16 key's
//! β, −γ, −δ, each proof's own B), so it costs one Miller loop per distinct Q, one final
//! exponentiation, and a G1 sum per Q with 128-bit scalars (an MSM when the group is large).
//!
//! Soundness: every point is in its prime-order subgroup (the decoders and verifiers check
//! this before an equation is built), so each `E_k` lies in GT, cyclic of prime order `r`.
//! If some `E_j ≠ 1`, it generates GT; fix every other weight, then
//! `prod_k E_k^{r_k} = 1` iff `E_j^{r_j} = c` for one `c`, which at most one `r_j mod r`
//! satisfies. As `2^128 < r`, a batch with a false equation passes with probability at most
//! `1/(2^128 − 1)`, whatever the equations, provided the weights are drawn after the
//! equations are fixed and are unknown to whoever chose them. Without weights, errors cancel:
//! `e(X + T, Q)` in one equation and `e(X' − T, Q)` in another multiply to the product of
//! two valid equations. This is the small-exponents test of M. Bellare, J. Garay and
//! T. Rabin, "Fast Batch Verification for Modular Exponentiation and Digital Signatures",
//! EUROCRYPT 1998, as J. Camenisch, S. Hohenberger and M. Pedersen apply it to pairing
//! equations in "Batch Verification of Short Signatures", EUROCRYPT 2007 (J. Cryptology 2012).
//!
//! When the merged check fails, the caller checks the equations (or groups of them) one by
//! one to name the failing ones: [`failing`], [`Deferred::check`].
//!
//! ## Keeping the first error
//!
//! A verification that runs its checks in a fixed order reports the first one that fails.
//! With the pairings deferred to the end, a later non-pairing check may fail while an earlier
//! pairing equation would have failed first. [`Deferred`] keeps each equation with the error
//! it stands for, in order, and [`Deferred::first_failure_or`] gives the error the
//! sequential verification reports, so deferring changes the cost, never the answer.
//!
//! ## Example
//!
//! ```
//! use ark_bls12_381::{Fr, G1Projective, G2Affine};
//! use ark_ec::{AffineRepr, PrimeGroup};
//! use zkcred_pairing::{all_hold, G2Side, PairingCheck, PreparedG2};
//!
//! // e(s·P, Q) · e(−P, s·Q) = 1 for any s: two equations with one fixed G2 point.
//! let mut rng = rand::thread_rng();
//! let q = PreparedG2::new(G2Affine::generator());
//! let p = G1Projective::generator();
//! let checks: Vec<PairingCheck> = [3u64, 5]
//!     .iter()
//!     .map(|&s| {
//!         let sq: G2Affine = (G2Affine::generator() * Fr::from(s)).into();
//!         PairingCheck::new()
//!             .with(p * Fr::from(s), G2Side::Fixed(&q))
//!             .with(-p, G2Side::Point(sq))
//!     })
//!     .collect();
//! assert!(checks.iter().all(PairingCheck::holds));
//! assert!(all_hold(&checks, &mut rng));
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod affine_sum;
mod blst_bridge;
mod check;
mod deferred;
mod fixed_base;
mod g2;
mod groups;
mod merge;
mod msm;
mod normalize;
mod small_msm;
mod weights;

pub use blst_bridge::{
    ct_mul_g1, ct_mul_g1_by_inverse_of_sum, ct_mul_g2, ct_scalar_from_be_bytes,
    ct_scalar_from_be_wide, ct_scalar_to_be_bytes, g1_from_compressed, g1_is_valid,
    g2_from_compressed, g2_is_valid, hash_to_g1_xmd_sha256,
};
pub use check::PairingCheck;
pub use deferred::Deferred;
pub use fixed_base::{fixed_base_sum, FixedBaseTable};
pub use g2::{G2Side, PreparedG2};
pub use groups::G2Groups;
pub use merge::{all_hold, failing};
pub use msm::msm;
pub use normalize::normalize;
pub use small_msm::small_msm;
pub use weights::{random_weight, random_weights};
