//! Running a circuit the way ark-groth16 does, to count constraints or check a witness.
//!
//! ark-groth16 0.6 synthesizes with `OptimizationGoal::Constraints` and then `finalize()`s
//! (inlining linear combinations); [`shape`] does the same in setup mode (no witness), and
//! [`is_satisfied`] in proving mode. ark's prover does not check satisfaction itself: a holder
//! calls [`is_satisfied`] first to avoid producing a proof that will not verify.

use crate::{error::CircuitError, PredicateCircuit};
use ark_bls12_381::Fr;
use ark_relations::gr1cs::{
    ConstraintSystem, ConstraintSystemRef, OptimizationGoal, SynthesisMode,
};

/// Size of a synthesized circuit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// R1CS constraints (rows of A, B, C).
    pub num_constraints: usize,
    /// Instance variables, counting the constant 1: `1 + t + 1 + k`.
    pub num_instance_variables: usize,
    /// Private witness variables.
    pub num_witness_variables: usize,
}

/// Synthesizes `circuit` in setup mode, as ark-groth16's generator does, and returns its size.
pub fn shape<C: PredicateCircuit>(circuit: C) -> Result<Shape, CircuitError> {
    let cs = run(circuit, SynthesisMode::Setup)?;
    Ok(Shape {
        num_constraints: cs.num_constraints(),
        num_instance_variables: cs.num_instance_variables(),
        num_witness_variables: cs.num_witness_variables(),
    })
}

/// Synthesizes `circuit` with its witness, as ark-groth16's prover does, and reports whether
/// every constraint holds. Errors if the committed values or the blinding are missing.
pub fn is_satisfied<C: PredicateCircuit>(circuit: C) -> Result<bool, CircuitError> {
    let cs = run(
        circuit,
        SynthesisMode::Prove {
            construct_matrices: true,
            generate_lc_assignments: true,
        },
    )?;
    Ok(cs.is_satisfied()?)
}

/// Synthesizes `circuit` in `mode` into a fresh, finalized constraint system.
pub(crate) fn run<C: PredicateCircuit>(
    circuit: C,
    mode: SynthesisMode,
) -> Result<ConstraintSystemRef<Fr>, CircuitError> {
    let cs = ConstraintSystem::<Fr>::new_ref();
    cs.set_optimization_goal(OptimizationGoal::Constraints);
    cs.set_mode(mode);
    circuit.generate_constraints(cs.clone())?;
    cs.finalize();
    Ok(cs)
}
