//! The QAP of a circuit as a holder sees it: the R1CS matrices of ark-groth16's reduction
//! (libsnark's, with one extra row `x_i·1 = 0` per instance variable), and weighted sums of
//! its column polynomials in coefficient form.
//!
//! For variable `i`, `u_i(X) = Σ_r A[r][i]·L_r(X) + [i instance]·L_{M+i}(X)`, `v_i` and `w_i`
//! the same over `B` and `C` without the extra rows, `L_r` the Lagrange basis of the radix-2
//! domain of size `n ≥ M + #instance` (Groth16, EUROCRYPT 2016, §3; ark-groth16's
//! `LibsnarkReduction`). A holder never evaluates one `u_i` alone: it needs
//! `U_ρ = Σ_i ρ_i·u_i` for random `ρ`, which is one sparse pass over the matrices and an IFFT.

use ark_ff::Zero;
use ark_poly::{EvaluationDomain, GeneralEvaluationDomain};
use ark_relations::gr1cs::{
    ConstraintSynthesizer, ConstraintSystem, Matrix, OptimizationGoal, SynthesisMode,
    R1CS_PREDICATE_LABEL,
};

use crate::{Fr, Result, SnarkError};

/// A circuit's R1CS in the shape ark-groth16's setup and prover use.
pub struct CircuitQap {
    a: Matrix<Fr>,
    b: Matrix<Fr>,
    c: Matrix<Fr>,
    num_instance: usize,
    num_witness: usize,
    domain: GeneralEvaluationDomain<Fr>,
}

/// `U_ρ, V_ρ, W_ρ` in coefficient form (each of length n).
pub struct WeightedPolys {
    /// `Σ_i ρ_i·u_i`.
    pub u: Vec<Fr>,
    /// `Σ_i ρ_i·v_i`.
    pub v: Vec<Fr>,
    /// `Σ_i ρ_i·w_i`.
    pub w: Vec<Fr>,
}

impl CircuitQap {
    /// Synthesizes `circuit` in setup mode (as ark-groth16's generator does) and keeps its
    /// matrices; circuits with non-R1CS predicates are refused.
    pub fn synthesize<C: ConstraintSynthesizer<Fr>>(circuit: C) -> Result<Self> {
        let cs = ConstraintSystem::<Fr>::new_ref();
        cs.set_optimization_goal(OptimizationGoal::Constraints);
        cs.set_mode(SynthesisMode::Setup);
        circuit.generate_constraints(cs.clone())?;
        cs.finalize();
        let mut all = cs.to_matrices()?;
        if all
            .iter()
            .any(|(label, m)| label != R1CS_PREDICATE_LABEL && m.iter().any(|r| !r.is_empty()))
        {
            return Err(SnarkError::UnsupportedConstraints);
        }
        let mut m = all
            .remove(R1CS_PREDICATE_LABEL)
            .ok_or(SnarkError::UnsupportedConstraints)?;
        if m.len() != 3 {
            return Err(SnarkError::UnsupportedConstraints);
        }
        let (c, b, a) = (m.remove(2), m.remove(1), m.remove(0));
        let rows = a.len();
        if b.len() != rows || c.len() != rows {
            return Err(SnarkError::UnsupportedConstraints);
        }
        let num_instance = cs.num_instance_variables();
        let domain = GeneralEvaluationDomain::<Fr>::new(rows + num_instance)
            .ok_or_else(|| SnarkError::Synthesis("circuit too large for the QAP domain".into()))?;
        Ok(CircuitQap {
            a,
            b,
            c,
            num_instance,
            num_witness: cs.num_witness_variables(),
            domain,
        })
    }

    /// Instance variables, counting the constant one (`|IC|`).
    pub fn num_instance(&self) -> usize {
        self.num_instance
    }

    /// Witness variables (`|l_query|`).
    pub fn num_witness(&self) -> usize {
        self.num_witness
    }

    /// All variables (`|a_query|`).
    pub fn num_variables(&self) -> usize {
        self.num_instance + self.num_witness
    }

    /// The QAP domain size n (`|h_query| + 1`).
    pub fn domain_size(&self) -> usize {
        self.domain.size()
    }

    /// `U_ρ, V_ρ, W_ρ` for weights `ρ` (one per variable) in coefficient form: the evaluations
    /// on the domain are `(A·ρ)_r` (plus `ρ_i` on row `M + i` for `U`), then one IFFT each.
    pub fn weighted_polys(&self, rho: &[Fr]) -> Result<WeightedPolys> {
        if rho.len() != self.num_variables() {
            return Err(SnarkError::CircuitShapeMismatch {
                what: "number of weights",
                expected: self.num_variables(),
                got: rho.len(),
            });
        }
        let n = self.domain.size();
        let mut u = weighted_rows(&self.a, rho, n)?;
        let rows = self.a.len();
        for (slot, r) in u[rows..rows + self.num_instance].iter_mut().zip(rho) {
            *slot += r;
        }
        let mut v = weighted_rows(&self.b, rho, n)?;
        let mut w = weighted_rows(&self.c, rho, n)?;
        for e in [&mut u, &mut v, &mut w] {
            self.domain.ifft_in_place(e);
        }
        Ok(WeightedPolys { u, v, w })
    }
}

/// `(M·ρ)_r` for every row, padded with zeros to `n`.
fn weighted_rows(m: &Matrix<Fr>, rho: &[Fr], n: usize) -> Result<Vec<Fr>> {
    let mut out = vec![Fr::zero(); n];
    for (slot, row) in out.iter_mut().zip(m) {
        for (coeff, idx) in row {
            let r = rho.get(*idx).ok_or(SnarkError::Synthesis(
                "constraint refers to an unknown variable".into(),
            ))?;
            *slot += *coeff * r;
        }
    }
    Ok(out)
}
