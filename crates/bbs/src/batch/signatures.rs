//! Batch verification of signatures.
//!
//! A signature (A, e) under W on B = P1 + Q_1·domain + Σ H_i·m_i is valid iff
//! e(A, W) · e(e·A − B, BP2) = 1 (draft-irtf-cfrg-bbs-signatures, 3.6.2 CoreVerify, with
//! e(A, W + e·BP2) split by bilinearity). For k signatures and random nonzero 128-bit weights
//! r_i the batch checks
//!
//! ```text
//! prod_W e(sum_{i: W_i = W} r_i·A_i, W) · e(sum_i r_i·(e_i·A_i − B_i), BP2) = 1
//! ```
//!
//! which costs one Miller loop per distinct key plus one, a single final exponentiation, and
//! two kinds of G1 sums: per key an MSM of the A_i with 128-bit weights, and one MSM of
//! (A_1..A_k, −B_1..−B_k) with scalars (r_1·e_1..r_k·e_k, r_1..r_k). The B_i are those of
//! the single verify ([`SignatureTerms`]), so the batch accepts exactly the signatures the
//! single verify accepts, except with probability at most 1/(2^128 − 1) per batch (see
//! [`super`]).

use super::failing;
use crate::core_ops::{bp2_prepared, SignatureTerms};
use crate::error::{Error, Result};
use ark_bls12_381::{Fr, G1Affine, G1Projective};
use ark_ec::AffineRepr;
use rand_core::{CryptoRng, RngCore};
use zkcred_pairing::{random_weights, G2Groups, G2Side};

/// Verifies every signature of the batch with one merged pairing check (weights from the
/// caller's `rng`). `Err(Error::BatchFailed { failed })` lists, ascending, the indexes of
/// all signatures that do not verify alone; no other error is returned. An empty batch is
/// valid; a batch of one is checked as the single verify does, without weights.
///
/// The terms come from the single verify's first half, whatever the interface, and may mix
/// keys, ciphersuites and interfaces: [`crate::Bbs::signature_terms`],
/// [`crate::BlindBbs::blind_sign_terms`], [`crate::NymBbs::signature_terms_with_nym_secrets`].
/// Those check every input's counts before any curve arithmetic.
///
/// ```
/// use zkcred_bbs::{batch_verify_signatures, Bbs, Ciphersuite, KeyPair};
/// let mut rng = rand::thread_rng();
/// let bbs = Bbs::new(Ciphersuite::Bls12381Sha256, 4).unwrap();
/// let keys = KeyPair::random(Ciphersuite::Bls12381Sha256, &mut rng).unwrap();
/// let messages = [[b"born 2001-04-02".as_slice()], [b"born 1990-01-01".as_slice()]];
/// let sigs: Vec<_> = messages
///     .iter()
///     .map(|m| bbs.sign(&keys.secret, &keys.public, b"header", m).unwrap())
///     .collect();
/// let terms: Vec<_> = sigs
///     .iter()
///     .zip(&messages)
///     .map(|(s, m)| bbs.signature_terms(&keys.public, s, b"header", m).unwrap())
///     .collect();
/// batch_verify_signatures(&terms, &mut rng).unwrap();
/// ```
pub fn batch_verify_signatures<R: RngCore + CryptoRng>(
    terms: &[SignatureTerms<'_>],
    rng: &mut R,
) -> Result<()> {
    let merged_ok = match terms {
        [] => true,
        [one] => one.verify().is_ok(),
        _ => merged_pairing_check(terms, rng),
    };
    if merged_ok {
        return Ok(());
    }
    let all: Vec<usize> = (0..terms.len()).collect();
    let failed = failing(&all, |i| terms[i].verify().is_err());
    if failed.is_empty() {
        // Every signature verifies alone, so the merged product is 1: not reached.
        Ok(())
    } else {
        Err(Error::BatchFailed { failed })
    }
}

/// prod_W e(sum_{i: W_i = W} r_i·A_i, W) · e(sum_i r_i·(e_i·A_i − B_i), BP2) == 1.
fn merged_pairing_check<R: RngCore + CryptoRng>(terms: &[SignatureTerms<'_>], rng: &mut R) -> bool {
    let weights = random_weights(terms.len(), rng);
    let mut groups = G2Groups::new();
    for (t, r) in terms.iter().zip(&weights) {
        groups.push(G2Side::Fixed(t.pk.prepared()), t.a.into_group(), *r);
    }
    groups.push_weighted(
        G2Side::Fixed(bp2_prepared()),
        weighted_bp2_term(terms, &weights),
    );
    groups.product_is_one()
}

/// sum_i r_i·(e_i·A_i − B_i), one MSM over (A_1..A_k, −B_1..−B_k) with scalars
/// (r_1·e_1..r_k·e_k, r_1..r_k): the −B_i keep their 128-bit weights short.
fn weighted_bp2_term(terms: &[SignatureTerms<'_>], weights: &[Fr]) -> G1Projective {
    let minus_b: Vec<G1Projective> = terms.iter().map(|t| -t.b).collect();
    let bases: Vec<G1Affine> = terms
        .iter()
        .map(|t| t.a)
        .chain(zkcred_pairing::normalize(&minus_b))
        .collect();
    let scalars: Vec<Fr> = terms
        .iter()
        .zip(weights)
        .map(|(t, r)| t.e * r)
        .chain(weights.iter().copied())
        .collect();
    zkcred_pairing::msm(&bases, &scalars)
}
