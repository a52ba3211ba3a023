//! Proving with committed inputs: the Groth16 proof `(A, B, C)` and `D`.

use core::fmt;

use ark_bls12_381::Bls12_381;
use ark_ec::CurveGroup;
use ark_ff::{UniformRand, Zero};
use ark_groth16::Groth16;
use ark_relations::gr1cs::{
    ConstraintSynthesizer, ConstraintSystem, ConstraintSystemRef, Matrix, OptimizationGoal,
    SynthesisError, SynthesisMode, R1CS_PREDICATE_LABEL,
};
use rand_core::{CryptoRng, RngCore};
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use crate::{
    ops::lincomb, prepared_key::create_proof, Fr, G1Affine, Groth16Proof, ProvingKey, Result,
    SnarkError, VerifyingKey,
};

/// The blinding `v` of the commitment `D`: secret, zeroized on drop, redacted in `Debug`.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct Blinding(Fr);

impl Blinding {
    /// Wraps a caller-chosen blinding (it must be uniformly random for `D` to hide `w`).
    pub fn new(v: Fr) -> Self {
        Blinding(v)
    }

    /// A uniformly random blinding `v <- Fr`.
    pub fn random<R: RngCore + CryptoRng>(rng: &mut R) -> Self {
        Blinding(Fr::rand(rng))
    }

    /// The secret scalar.
    pub fn expose(&self) -> &Fr {
        &self.0
    }
}

impl fmt::Debug for Blinding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Blinding(<redacted>)")
    }
}

/// A Groth16 proof with committed inputs: `(A, B, C)` and `D = sum_i w_i·IC_i + v·IC_{t+1}`.
///
/// Encoded as `A || B || C || D` compressed, 48 + 96 + 48 + 48 = 240 bytes
/// ([`CommittedProof::to_bytes`]).
#[derive(Clone, Debug, PartialEq)]
pub struct CommittedProof {
    /// The Groth16 proof `(A, B, C)`.
    pub proof: Groth16Proof,
    /// The commitment `D` to the hidden inputs.
    pub d: G1Affine,
}

/// `D = sum_{i=1..t} w_i·IC_i + v·IC_{t+1}` for the key's t; errors if `|w| != t`.
pub fn commitment_d(vk: &VerifyingKey, w: &[Fr], v: &Blinding) -> Result<G1Affine> {
    let t = vk.num_committed;
    if w.len() != t {
        return Err(SnarkError::WrongNumberOfCommittedValues {
            expected: t,
            got: w.len(),
        });
    }
    Ok(commit(&vk.vk.gamma_abc_g1, w, v.expose()))
}

/// `sum_{i=1..t} a_i·IC_i + b·IC_{t+1}`, with `t = |a|` (caller checked lengths and |IC| >= t + 2).
pub(crate) fn commit(ic: &[G1Affine], a: &[Fr], b: &Fr) -> G1Affine {
    let t = a.len();
    let mut scalars = Zeroizing::new(Vec::with_capacity(t + 1));
    scalars.extend_from_slice(a);
    scalars.push(*b);
    lincomb(&ic[1..t + 2], &scalars).into_affine()
}

/// `sum_j coeff_j·z_j` for a matrix row.
fn eval_row(row: &[(Fr, usize)], z: &[Fr]) -> Result<Fr> {
    row.iter().try_fold(Fr::zero(), |acc, (coeff, idx)| {
        z.get(*idx)
            .map(|x| acc + *coeff * x)
            .ok_or(SnarkError::Synthesis(
                "constraint refers to an unknown variable".into(),
            ))
    })
}

/// Proves the circuit and commits to its first `t + 1` instance inputs.
///
/// The circuit is synthesized once; its instance inputs `1..=t` must equal `w` (else
/// [`SnarkError::CommittedValueMismatch`]); whatever it assigned to input `t + 1` is replaced by
/// `v`, which must be free, i.e. in no constraint (else [`SnarkError::BlindingNotFree`]). The
/// witness is checked (else [`SnarkError::Unsatisfied`]), then the Groth16 proof is made with
/// fresh `r, s` from `rng`: by ark-groth16 for the key's first proof, from the second on with
/// the key's fixed-base tables ([`crate::prepared_key`], the same proof in about half the
/// time); and `D = sum_i w_i·IC_i + v·IC_{t+1}`.
pub fn prove<C, R>(
    pk: &ProvingKey,
    circuit: C,
    w: &[Fr],
    v: &Blinding,
    rng: &mut R,
) -> Result<CommittedProof>
where
    C: ConstraintSynthesizer<Fr>,
    R: RngCore + CryptoRng,
{
    prove_with(pk, circuit, w, v, || {
        Zeroizing::new([Fr::rand(rng), Fr::rand(rng)])
    })
}

/// [`prove`] with the given Groth16 randomness `r, s` instead of fresh ones: for tests that
/// compare proofs with ark-groth16's. Never reuse `r, s`: two proofs with the same `r, s`
/// reveal the witness difference.
#[doc(hidden)]
pub fn prove_with_fixed_randomness<C>(
    pk: &ProvingKey,
    circuit: C,
    w: &[Fr],
    v: &Blinding,
    r: &Fr,
    s: &Fr,
) -> Result<CommittedProof>
where
    C: ConstraintSynthesizer<Fr>,
{
    prove_with(pk, circuit, w, v, || Zeroizing::new([*r, *s]))
}

/// ark-groth16's own proof of `circuit` (its committed values and blinding already set) with
/// randomness `r, s`: the reference the prepared prover is compared with in tests. Never reuse
/// `r, s` (see [`prove_with_fixed_randomness`]).
#[doc(hidden)]
pub fn ark_groth16_proof<C>(pk: &ProvingKey, circuit: C, r: Fr, s: Fr) -> Result<Groth16Proof>
where
    C: ConstraintSynthesizer<Fr>,
{
    let cs = ConstraintSystem::<Fr>::new_ref();
    cs.set_optimization_goal(OptimizationGoal::Constraints);
    circuit.generate_constraints(cs.clone())?;
    cs.finalize();
    let all = cs.to_matrices()?;
    let matrices = all
        .get(R1CS_PREDICATE_LABEL)
        .ok_or(SnarkError::UnsupportedConstraints)?;
    let z = {
        let inner = cs.borrow().ok_or(SynthesisError::MissingCS)?;
        [inner.instance_assignment()?, inner.witness_assignment()?].concat()
    };
    Ok(
        Groth16::<Bls12_381>::create_proof_with_reduction_and_matrices(
            pk.as_ark(),
            r,
            s,
            matrices,
            cs.num_instance_variables(),
            cs.num_constraints(),
            &z,
        )?,
    )
}

/// [`prove`] drawing `[r, s]` from `randomness` once the witness is checked.
fn prove_with<C, F>(
    pk: &ProvingKey,
    circuit: C,
    w: &[Fr],
    v: &Blinding,
    randomness: F,
) -> Result<CommittedProof>
where
    C: ConstraintSynthesizer<Fr>,
    F: FnOnce() -> Zeroizing<[Fr; 2]>,
{
    let t = pk.num_committed;
    if w.len() != t {
        return Err(SnarkError::WrongNumberOfCommittedValues {
            expected: t,
            got: w.len(),
        });
    }
    let cs = ConstraintSystem::<Fr>::new_ref();
    cs.set_optimization_goal(OptimizationGoal::Constraints);
    cs.set_mode(SynthesisMode::Prove {
        construct_matrices: true,
        generate_lc_assignments: false,
    });
    let result = circuit
        .generate_constraints(cs.clone())
        .map_err(SnarkError::from)
        .and_then(|()| {
            cs.finalize();
            prove_synthesized(pk, &cs, w, v, randomness)
        });

    // Wipe the circuit's copy of the witness.
    if let Some(mut inner) = cs.borrow_mut() {
        inner.assignments.instance_assignment.zeroize();
        inner.assignments.witness_assignment.zeroize();
        inner.assignments.lc_assignment.zeroize();
    }
    result
}

/// The part of [`prove`] after synthesis.
fn prove_synthesized<F: FnOnce() -> Zeroizing<[Fr; 2]>>(
    pk: &ProvingKey,
    cs: &ConstraintSystemRef<Fr>,
    w: &[Fr],
    v: &Blinding,
    randomness: F,
) -> Result<CommittedProof> {
    let t = pk.num_committed;
    let ark_pk = &pk.pk;
    let ic = &ark_pk.vk.gamma_abc_g1;
    let num_inputs = cs.num_instance_variables();
    if num_inputs != ic.len() {
        return Err(SnarkError::CircuitShapeMismatch {
            what: "number of instance variables",
            expected: ic.len(),
            got: num_inputs,
        });
    }
    let num_variables = num_inputs + cs.num_witness_variables();
    if num_variables != ark_pk.a_query.len() {
        return Err(SnarkError::CircuitShapeMismatch {
            what: "number of variables",
            expected: ark_pk.a_query.len(),
            got: num_variables,
        });
    }

    let all_matrices = cs.to_matrices()?;
    for (label, m) in &all_matrices {
        if label != R1CS_PREDICATE_LABEL && m.iter().any(|rows| !rows.is_empty()) {
            return Err(SnarkError::UnsupportedConstraints);
        }
    }
    let matrices: &[Matrix<Fr>] = all_matrices
        .get(R1CS_PREDICATE_LABEL)
        .map(Vec::as_slice)
        .ok_or(SnarkError::UnsupportedConstraints)?;
    let [a_m, b_m, c_m] = matrices else {
        return Err(SnarkError::UnsupportedConstraints);
    };
    let num_constraints = a_m.len();
    if b_m.len() != num_constraints || c_m.len() != num_constraints {
        return Err(SnarkError::UnsupportedConstraints);
    }
    let domain = (num_constraints + num_inputs).next_power_of_two();
    if domain != ark_pk.h_query.len() + 1 {
        return Err(SnarkError::CircuitShapeMismatch {
            what: "QAP domain size",
            expected: ark_pk.h_query.len() + 1,
            got: domain,
        });
    }

    // The blinding's column must be empty: v is in no constraint.
    let v_index = t + 1;
    if matrices
        .iter()
        .flatten()
        .flatten()
        .any(|(_, idx)| *idx == v_index)
    {
        return Err(SnarkError::BlindingNotFree { index: v_index });
    }

    let mut z: Zeroizing<Vec<Fr>> = {
        let inner = cs.borrow().ok_or(SynthesisError::MissingCS)?;
        let instance = inner.instance_assignment()?;
        let witness = inner.witness_assignment()?;
        let mut z = Zeroizing::new(Vec::with_capacity(instance.len() + witness.len()));
        z.extend_from_slice(instance);
        z.extend_from_slice(witness);
        z
    };
    if z.len() != num_variables {
        return Err(SynthesisError::AssignmentMissing.into());
    }
    for (i, wi) in w.iter().enumerate() {
        if z[1 + i] != *wi {
            return Err(SnarkError::CommittedValueMismatch { index: i + 1 });
        }
    }
    z[v_index] = *v.expose();

    for (i, ((a, b), c)) in a_m.iter().zip(b_m).zip(c_m).enumerate() {
        if eval_row(a, &z)? * eval_row(b, &z)? != eval_row(c, &z)? {
            return Err(SnarkError::Unsatisfied { index: i });
        }
    }

    let rs = randomness();
    let proof = match pk.prepared.for_proof(ark_pk) {
        Some(prepared) => create_proof(
            prepared,
            ark_pk,
            matrices,
            num_inputs,
            num_constraints,
            &z,
            &rs,
        )?,
        None => Groth16::<Bls12_381>::create_proof_with_reduction_and_matrices(
            ark_pk,
            rs[0],
            rs[1],
            matrices,
            num_inputs,
            num_constraints,
            &z,
        )?,
    };
    let d = commit(ic, w, v.expose());
    Ok(CommittedProof { proof, d })
}

/// [`prove`] with a fresh uniformly random blinding `v`, which is returned for the opening.
pub fn prove_with_random_blinding<C, R>(
    pk: &ProvingKey,
    circuit: C,
    w: &[Fr],
    rng: &mut R,
) -> Result<(CommittedProof, Blinding)>
where
    C: ConstraintSynthesizer<Fr>,
    R: RngCore + CryptoRng,
{
    let v = Blinding::random(rng);
    let proof = prove(pk, circuit, w, &v, rng)?;
    Ok((proof, v))
}
