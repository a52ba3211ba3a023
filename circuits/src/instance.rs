//! The instance layout shared by every circuit, and the bytes that identify a circuit.
//!
//! Every circuit allocates its instance (public input) variables in the order of DESIGN.md,
//! `x = (w_1..w_t, v, p_1..p_k)`: the committed hidden values, one blinding value `v` that no
//! constraint uses (it only makes the Groth16 layer's commitment `D = Σ w_i·IC_i + v·IC_{t+1}`
//! hiding), then the public parameters. All circuits of this crate have `t = 1`.

use ark_bls12_381::Fr;
use ark_r1cs_std::{alloc::AllocVar, fields::fp::FpVar};
use ark_relations::gr1cs::{ConstraintSystemRef, SynthesisError};

/// The prover's part of the instance for a circuit with one committed value: `w` and `v`.
///
/// Both are `None` for setup (ark's generator never asks for them); proving needs both.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Committed {
    /// The hidden attribute value `w` (any field element; circuits decide what they accept).
    pub(crate) value: Option<Fr>,
    /// The blinding `v` of the Groth16 layer's commitment.
    pub(crate) blinding: Option<Fr>,
}

impl Committed {
    /// Allocates `w` then `v` as the first two instance variables and returns `w`.
    pub(crate) fn allocate(
        &self,
        cs: &ConstraintSystemRef<Fr>,
    ) -> Result<FpVar<Fr>, SynthesisError> {
        let w = FpVar::new_input(cs.clone(), || {
            self.value.ok_or(SynthesisError::AssignmentMissing)
        })?;
        // Unconstrained on purpose; it must still be an instance variable, so that it gets its
        // own base IC_{t+1} in the verifying key.
        let _v = FpVar::new_input(cs.clone(), || {
            self.blinding.ok_or(SynthesisError::AssignmentMissing)
        })?;
        Ok(w)
    }
}

/// Allocates the public parameters `p_1..p_k`, in order, after `w` and `v`.
pub(crate) fn allocate_params(
    cs: &ConstraintSystemRef<Fr>,
    params: &[Fr],
) -> Result<Vec<FpVar<Fr>>, SynthesisError> {
    params
        .iter()
        .map(|p| FpVar::new_input(cs.clone(), || Ok(*p)))
        .collect()
}

/// Implements the witness part of [`crate::PredicateCircuit`] for a circuit with a
/// `witness: Committed` field (t = 1).
macro_rules! one_committed_value {
    () => {
        fn num_committed(&self) -> usize {
            1
        }

        fn committed_values(&self) -> Option<Vec<Fr>> {
            self.witness.value.map(|w| vec![w])
        }

        fn blinding(&self) -> Option<Fr> {
            self.witness.blinding
        }

        fn with_committed_values(
            mut self,
            values: &[Fr],
        ) -> Result<Self, $crate::error::CircuitError> {
            match values {
                [w] => {
                    self.witness.value = Some(*w);
                    Ok(self)
                }
                _ => Err($crate::error::CircuitError::WrongNumberOfValues {
                    expected: 1,
                    got: values.len(),
                }),
            }
        }

        fn with_blinding(mut self, v: Fr) -> Self {
            self.witness.blinding = Some(v);
            self
        }
    };
}
pub(crate) use one_committed_value;

/// Builder of a circuit's id descriptor: `"zkcred-circuits/v1"`, the kind's name
/// (length-prefixed), `t` and `k` (u32 big-endian), then the kind's fixed parameters
/// (integers big-endian, field elements as 32 canonical little-endian bytes).
pub(crate) struct Descriptor(Vec<u8>);

impl Descriptor {
    /// Starts the descriptor of circuit kind `kind` with `t` committed values, `k` parameters.
    pub(crate) fn new(kind: &str, t: usize, k: usize) -> Self {
        let mut d = Descriptor(b"zkcred-circuits/v1".to_vec());
        // Kind names are short ASCII literals of this crate.
        d.0.push(u8::try_from(kind.len()).unwrap_or(u8::MAX));
        d.0.extend_from_slice(kind.as_bytes());
        d.u32(u32::try_from(t).unwrap_or(u32::MAX));
        d.u32(u32::try_from(k).unwrap_or(u32::MAX));
        d
    }

    /// Appends a byte.
    pub(crate) fn u8(&mut self, x: u8) -> &mut Self {
        self.0.push(x);
        self
    }

    /// Appends a u32, big-endian.
    pub(crate) fn u32(&mut self, x: u32) -> &mut Self {
        self.0.extend_from_slice(&x.to_be_bytes());
        self
    }

    /// Appends a u64, big-endian.
    pub(crate) fn u64(&mut self, x: u64) -> &mut Self {
        self.0.extend_from_slice(&x.to_be_bytes());
        self
    }

    /// The bytes.
    pub(crate) fn finish(&mut self) -> Vec<u8> {
        core::mem::take(&mut self.0)
    }
}
