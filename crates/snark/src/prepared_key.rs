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
//! Windows (bits) and memory, BLS12-381, built when the key is prepared: `h_query`, multiplied
//! by full-size scalars, gets 6-bit tables (43 additions, 1,376 points of 96 bytes = 129 KiB each), `δ_1`
//! and `δ_2` 7-bit ones (37 additions, 2,368 points: 222 KiB; 444 KiB in G2). `a_query`,
//! `b_g1_query`, `b_g2_query` and `l_query`, whose scalars are mostly 0 or 1, get 5-bit tables
//! (52 additions, 832 points: 78 KiB in G1, 156 KiB in G2) only when a proof first multiplies
//! the base by another scalar: for the narrow age circuit (domain 128) those are the columns
//! of `w`, the bound and the constant. Its key then takes about 17 MiB, most of it
//! `h_query`'s 127 tables; the province set circuit's (domain 32) about 5 MiB.

use ark_bls12_381::{g1, g2, G1Projective, G2Affine, G2Projective};
use ark_ec::short_weierstrass::{Affine, SWCurveConfig};
use ark_ec::{AffineRepr, CurveGroup};
use ark_ff::{One, Zero};
use ark_groth16::r1cs_to_qap::{LibsnarkReduction, R1CSToQAP};
use ark_poly::GeneralEvaluationDomain;
use ark_relations::gr1cs::Matrix;
use std::sync::OnceLock;
use zeroize::{Zeroize, Zeroizing};
use zkcred_pairing::FixedBaseTable;

use crate::{ArkProvingKey, Fr, G1Affine, Groth16Proof, Result};

/// Window of the tables of `h_query`: many bases multiplied by full-size scalars; 7 bits
/// would save 6 of 43 additions per base for 1.7 times the memory and building time.
const H_WINDOW: usize = 6;
/// Window of the tables of `δ_1` and `δ_2` (one base each, full-size scalars).
const FULL_WINDOW: usize = 7;
/// Window of the tables of bases multiplied by witness values (mostly bits).
const WITNESS_WINDOW: usize = 5;

/// A base multiplied by witness values, with its table built on the first value not 0 or 1.
struct LazyBase<P: SWCurveConfig> {
    point: Affine<P>,
    table: OnceLock<FixedBaseTable<P>>,
}

impl<P: SWCurveConfig> LazyBase<P> {
    /// The table, built now if needed.
    fn table(&self) -> &FixedBaseTable<P> {
        self.table
            .get_or_init(|| FixedBaseTable::with_window(&self.point, WITNESS_WINDOW))
    }

    /// Bytes of the table, if built.
    fn memory_bytes(&self) -> usize {
        self.table.get().map_or(0, FixedBaseTable::memory_bytes)
    }
}

/// One lazy base per variable, `None` for the identity.
type Tables<P> = Vec<Option<LazyBase<P>>>;

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
    /// Builds the tables of `h_query` and `δ`; the others come on first use.
    pub fn new(pk: &ArkProvingKey) -> Self {
        PreparedProvingKey {
            a: tables(&pk.a_query),
            b_g1: tables(&pk.b_g1_query),
            b_g2: tables(&pk.b_g2_query),
            l: tables(&pk.l_query),
            h: pk
                .h_query
                .iter()
                .map(|p| FixedBaseTable::with_window(p, H_WINDOW))
                .collect(),
            delta_g1: FixedBaseTable::with_window(&pk.delta_g1, FULL_WINDOW),
            delta_g2: FixedBaseTable::with_window(&pk.vk.delta_g2, FULL_WINDOW),
        }
    }

    /// Bytes held by the tables built so far.
    pub fn memory_bytes(&self) -> usize {
        let lazy = [&self.a, &self.b_g1, &self.l]
            .into_iter()
            .flat_map(|t| t.iter().flatten())
            .map(LazyBase::memory_bytes)
            .chain(self.b_g2.iter().flatten().map(LazyBase::memory_bytes));
        let fixed = self.h.iter().chain([&self.delta_g1]);
        lazy.sum::<usize>()
            + fixed.map(FixedBaseTable::memory_bytes).sum::<usize>()
            + self.delta_g2.memory_bytes()
    }
}

impl core::fmt::Debug for PreparedProvingKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("PreparedProvingKey")
            .field("memory_bytes", &self.memory_bytes())
            .finish_non_exhaustive()
    }
}

/// A lazy base for each base, none for the identity.
fn tables<P: SWCurveConfig>(bases: &[Affine<P>]) -> Tables<P> {
    bases
        .iter()
        .map(|p| {
            (!p.is_zero()).then(|| LazyBase {
                point: *p,
                table: OnceLock::new(),
            })
        })
        .collect()
}

/// Pushes points summing to `sum_i z_i·P_i`: none for `z_i = 0` or an identity base, `P_i`
/// for `z_i = 1`, the table entries of `z_i·P_i` otherwise.
fn select<P: SWCurveConfig<ScalarField = Fr>>(
    bases: &[Option<LazyBase<P>>],
    z: &[Fr],
    out: &mut Vec<Affine<P>>,
) {
    for (base, zi) in bases.iter().zip(z) {
        match base {
            Some(b) if zi.is_one() => out.push(b.point),
            Some(b) if !zi.is_zero() => b.table().select(zi, out),
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
