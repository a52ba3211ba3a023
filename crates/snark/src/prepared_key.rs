//! A proving key prepared for fast proving: fixed-base tables for every base the Groth16
//! prover multiplies, built once per [`ProvingKey`](crate::ProvingKey).
//!
//! The proof is ark-groth16's, bit for bit: with `z = (1, x, w)`, `h` from libsnark's QAP
//! reduction ([`LibsnarkReduction`]) and randomness `r, s`,
//!
//! ```text
//! A  = α_1 + sum_i z_i·A_i + r·δ_1          B = β_2 + sum_i z_i·B_i + s·δ_2  (B_1 alike in G1)
//! C  = sum_{i witness} z_i·L_i + sum_j h_j·H_j + s·A + r·B_1 − r·s·δ_1
//! ```
//!
//! Each product `z·P` costs nothing for `z = 0`, one addition of `P` for `z = 1` (the bits of
//! a decomposition), and one addition per window of the table of `P` otherwise; all G1
//! additions of one sum share batched affine inversions. Bases that are the identity (a
//! variable absent from the A or B column) get no table.
//!
//! Windows (bits) and memory, BLS12-381: `h_query` and `δ_1`, multiplied by full-size
//! scalars, get 7-bit tables (37 additions, 2,368 points ≈ 240 KiB each); `a_query`,
//! `b_g1_query` and `l_query`, whose scalars are mostly 0 or 1, get 4-bit tables (64
//! additions, 512 points ≈ 52 KiB each); in G2, `δ_2` gets a 7-bit table and `b_g2_query` 4-bit
//! ones (≈ 100 KiB each). The narrow age circuit's key (domain 128) takes about 40 MiB.

use ark_bls12_381::{g1, g2, G1Projective, G2Affine, G2Projective};
use ark_ec::short_weierstrass::{Affine, SWCurveConfig};
use ark_ec::{AffineRepr, CurveGroup};
use ark_ff::{One, Zero};
use ark_groth16::r1cs_to_qap::{LibsnarkReduction, R1CSToQAP};
use ark_poly::GeneralEvaluationDomain;
use ark_relations::gr1cs::Matrix;
use zeroize::{Zeroize, Zeroizing};
use zkcred_pairing::FixedBaseTable;

use crate::{ArkProvingKey, Fr, G1Affine, Groth16Proof, Result};

/// Window of the tables of bases multiplied by full-size scalars (`h_query`, `δ`).
const FULL_WINDOW: usize = 7;
/// Window of the tables of bases multiplied by witness values (mostly bits).
const WITNESS_WINDOW: usize = 4;

/// One table per base, `None` for the identity.
type Tables<P> = Vec<Option<FixedBaseTable<P>>>;

/// Fixed-base tables of a proving key's bases (see the module documentation).
pub struct PreparedProvingKey {
    a: Tables<g1::Config>,
    b_g1: Tables<g1::Config>,
    b_g2: Tables<g2::Config>,
    l: Tables<g1::Config>,
    h: Vec<FixedBaseTable>,
    delta_g1: FixedBaseTable,
    delta_g2: FixedBaseTable<g2::Config>,
}

impl PreparedProvingKey {
    /// Builds the tables of every nonzero base of `pk`.
    pub fn new(pk: &ArkProvingKey) -> Self {
        PreparedProvingKey {
            a: tables(&pk.a_query, WITNESS_WINDOW),
            b_g1: tables(&pk.b_g1_query, WITNESS_WINDOW),
            b_g2: tables(&pk.b_g2_query, WITNESS_WINDOW),
            l: tables(&pk.l_query, WITNESS_WINDOW),
            h: pk
                .h_query
                .iter()
                .map(|p| FixedBaseTable::with_window(p, FULL_WINDOW))
                .collect(),
            delta_g1: FixedBaseTable::with_window(&pk.delta_g1, FULL_WINDOW),
            delta_g2: FixedBaseTable::with_window(&pk.vk.delta_g2, FULL_WINDOW),
        }
    }

    /// Bytes held by the tables.
    pub fn memory_bytes(&self) -> usize {
        let g1 = [&self.a, &self.b_g1, &self.l]
            .into_iter()
            .flat_map(|t| t.iter().flatten())
            .chain(&self.h)
            .chain([&self.delta_g1]);
        let g2 = self.b_g2.iter().flatten().chain([&self.delta_g2]);
        g1.map(FixedBaseTable::memory_bytes).sum::<usize>()
            + g2.map(FixedBaseTable::memory_bytes).sum::<usize>()
    }
}

impl core::fmt::Debug for PreparedProvingKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("PreparedProvingKey")
            .field("memory_bytes", &self.memory_bytes())
            .finish_non_exhaustive()
    }
}

/// A table of window `w` for each base, none for the identity.
fn tables<P: SWCurveConfig>(bases: &[Affine<P>], w: usize) -> Tables<P> {
    bases
        .iter()
        .map(|p| (!p.is_zero()).then(|| FixedBaseTable::with_window(p, w)))
        .collect()
}

/// Pushes points summing to `sum_i z_i·P_i`: none for `z_i = 0` or an identity base, `P_i`
/// for `z_i = 1`, the table entries of `z_i·P_i` otherwise.
fn select<P: SWCurveConfig<ScalarField = Fr>>(
    bases: &[Option<FixedBaseTable<P>>],
    z: &[Fr],
    out: &mut Vec<Affine<P>>,
) {
    for (table, zi) in bases.iter().zip(z) {
        match table {
            Some(t) if zi.is_one() => out.push(t.base()),
            Some(t) if !zi.is_zero() => t.select(zi, out),
            _ => {}
        }
    }
}

/// The batched affine sum of G1 points, which are wiped afterwards.
fn sum_g1(mut points: Vec<G1Affine>) -> G1Projective {
    let sum = FixedBaseTable::sum_with_points([], points.iter().copied());
    points.zeroize();
    sum
}

/// The sum of G2 points by mixed additions, which are wiped afterwards.
fn sum_g2(mut points: Vec<G2Affine>) -> G2Projective {
    let sum = points.iter().fold(G2Projective::zero(), |acc, p| acc + p);
    points.zeroize();
    sum
}

/// The Groth16 proof of the full assignment `z` (checked by the caller against `matrices`)
/// with randomness `[r, s]`; equal to ark-groth16's `create_proof_with_reduction_and_matrices`.
pub(crate) fn create_proof(
    prepared: &PreparedProvingKey,
    pk: &ArkProvingKey,
    matrices: &[Matrix<Fr>],
    num_inputs: usize,
    num_constraints: usize,
    z: &[Fr],
    [r, s]: &[Fr; 2],
) -> Result<Groth16Proof> {
    let h = Zeroizing::new(LibsnarkReduction::witness_map_from_matrices::<
        Fr,
        GeneralEvaluationDomain<Fr>,
    >(matrices, num_inputs, num_constraints, z)?);
    let mut points = Vec::with_capacity(64 * (z.len() + h.len()));

    points.push(pk.vk.alpha_g1);
    select(&prepared.a, z, &mut points);
    prepared.delta_g1.select(r, &mut points);
    let a = sum_g1(core::mem::take(&mut points)).into_affine();

    points.push(pk.beta_g1);
    select(&prepared.b_g1, z, &mut points);
    prepared.delta_g1.select(s, &mut points);
    let b_g1 = sum_g1(core::mem::take(&mut points));

    let mut g2_points = vec![pk.vk.beta_g2];
    select(&prepared.b_g2, z, &mut g2_points);
    prepared.delta_g2.select(s, &mut g2_points);
    let b = sum_g2(g2_points).into_affine();

    select(&prepared.l, &z[num_inputs..], &mut points);
    for (table, hj) in prepared.h.iter().zip(h.iter()) {
        table.select(hj, &mut points);
    }
    let mut rs = Zeroizing::new(-(*r * s));
    prepared.delta_g1.select(&rs, &mut points);
    *rs = Fr::zero();
    let c = sum_g1(points) + a * s + b_g1 * r;
    Ok(Groth16Proof {
        a,
        b,
        c: c.into_affine(),
    })
}
