//! Batch verification: many pairing checks merged into one multi-pairing with random weights.
//!
//! Each item i is valid iff a product of pairings e(X_i, W_i) · e(Y_i, BP2) is 1 in GT. With
//! random nonzero 128-bit weights r_i, the batch checks
//!
//! ```text
//! prod_W e(sum_{i: W_i = W} r_i·X_i, W) · e(sum_i r_i·Y_i, BP2) = 1
//! ```
//!
//! one Miller loop per distinct key W plus one for BP2, and one final exponentiation; the G1
//! sums are multi-scalar multiplications. If some item is invalid, its factor
//! g_i = e(X_i, W_i)·e(Y_i, BP2) ≠ 1 has prime order r and, whatever the other items and
//! weights, at most one value of r_i mod r makes the product 1: an invalid batch passes with
//! probability at most 1/(2^128 − 1). The weights must be unpredictable to whoever chose the
//! items (errors that cancel in the unweighted product, e.g. X_1 + T and X_2 − T, do not
//! cancel after weighting). This is the small-exponents batch test of Bellare, Garay and
//! Rabin, "Fast Batch Verification for Modular Exponentiation and Digital Signatures"
//! (EUROCRYPT 1998), as Camenisch, Hohenberger and Pedersen, "Batch Verification of Short
//! Signatures" (EUROCRYPT 2007), apply it to pairing equations.
//!
//! When the merged check fails, each item is checked alone so that the error
//! ([`crate::Error::BatchFailed`]) names every failing item.
//!
//! The weights, the grouping by G2 point and the merged multi-pairing are those of
//! [`zkcred_pairing`], which also merges these equations with Groth16 ones.
//!
//! * [`proofs`]: [`crate::Bbs::batch_verify`], proofs (X = Abar, Y = −Bbar).
//! * [`signatures`]: [`crate::batch_verify_signatures`], signatures (X = A, Y = e·A − B).

pub mod proofs;
pub mod signatures;

/// The indexes in `which` for which `fails` holds, in order; on all cores with the
/// `parallel` feature.
pub(crate) fn failing<F>(which: &[usize], fails: F) -> Vec<usize>
where
    F: Fn(usize) -> bool + Sync + Send,
{
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        which.par_iter().copied().filter(|&i| fails(i)).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        which.iter().copied().filter(|&i| fails(i)).collect()
    }
}

/// `f(i)` for every i in 0..n, in order; on all cores with the `parallel` feature.
pub(crate) fn map_all<T, F>(n: usize, f: F) -> Vec<T>
where
    T: Send,
    F: Fn(usize) -> T + Sync + Send,
{
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        (0..n).into_par_iter().map(f).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        (0..n).map(f).collect()
    }
}
