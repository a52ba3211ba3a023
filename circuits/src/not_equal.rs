//! Not equal to a public value: `w ≠ a`.
//!
//! Instance: `x = (w, v, a)`, `t = 1`, `k = 1`. One constraint: `(w − a)·u = 1` with the
//! witness `u = (w − a)^{-1}`, which exists exactly when `w ≠ a` as field elements. Works for
//! any attribute type (integers, dates, codes, hashed strings), no range check needed.

use crate::instance::{allocate_params, one_committed_value, Committed, Descriptor};
use crate::PredicateCircuit;
use ark_bls12_381::Fr;
use ark_ff::{AdditiveGroup, Field};
use ark_r1cs_std::{alloc::AllocVar, fields::fp::FpVar, fields::FieldVar, GR1CSVar};
use ark_relations::gr1cs::{ConstraintSynthesizer, ConstraintSystemRef, SynthesisError};

/// `w ≠ a` for a hidden `w` and a public field element `a`; 1 constraint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotEqual {
    value: Fr,
    witness: Committed,
}

impl NotEqual {
    /// Constraints: 1.
    pub const CONSTRAINTS: usize = 1;

    /// `w ≠ value` (the value's scalar, as encoded in the credential).
    pub fn new(value: Fr) -> Self {
        NotEqual {
            value,
            witness: Committed::default(),
        }
    }

    /// `w ≠ value` for an integer scalar (a code, an encoded `i64` or date).
    pub fn from_u64(value: u64) -> Self {
        NotEqual::new(Fr::from(value))
    }

    /// Sets the hidden value `w`.
    pub fn with_value(mut self, w: Fr) -> Self {
        self.witness.value = Some(w);
        self
    }

    /// The public value `a`.
    pub fn value(&self) -> Fr {
        self.value
    }
}

impl ConstraintSynthesizer<Fr> for NotEqual {
    fn generate_constraints(self, cs: ConstraintSystemRef<Fr>) -> Result<(), SynthesisError> {
        let w = self.witness.allocate(&cs)?;
        let params = allocate_params(&cs, &[self.value])?;
        let a = params.first().ok_or(SynthesisError::Unsatisfiable)?;
        let difference = &w - a;
        // u = 1 / (w − a); zero when w = a, which then fails the check.
        let inverse = FpVar::new_witness(cs.clone(), || {
            Ok(difference.value()?.inverse().unwrap_or(Fr::ZERO))
        })?;
        difference.mul_equals(&inverse, &FpVar::one())
    }
}

impl PredicateCircuit for NotEqual {
    /// `"not-equal"`, t = 1, k = 1; nothing else (the value is a public input).
    fn id_descriptor(&self) -> Vec<u8> {
        Descriptor::new("not-equal", 1, 1).finish()
    }

    /// `(a)`.
    fn public_params(&self) -> Vec<Fr> {
        vec![self.value]
    }

    fn num_constraints(&self) -> usize {
        NotEqual::CONSTRAINTS
    }

    one_committed_value!();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::{check_shape, check_witness_errors, holds};
    use ark_relations::gr1cs::ConstraintSystem;

    #[test]
    fn constraint_count_is_pinned() {
        check_shape(&NotEqual::from_u64(5), Fr::from(6u64), 1, 1);
    }

    #[test]
    fn edges() {
        let c = NotEqual::from_u64(5);
        assert!(!holds(&c, Fr::from(5u64)));
        assert!(holds(&c, Fr::from(4u64)));
        assert!(holds(&c, Fr::from(6u64)));
        assert!(holds(&c, -Fr::from(5u64)));
        assert!(holds(
            &c,
            Fr::from(5u64) + Fr::from(1u64 << 63) + Fr::from(1u64 << 63)
        ));
        let zero = NotEqual::new(Fr::ZERO);
        assert!(!holds(&zero, Fr::ZERO) && holds(&zero, Fr::ONE));
        assert_eq!(NotEqual::new(Fr::ONE).id_descriptor(), zero.id_descriptor());
        assert_eq!(c.public_params(), vec![Fr::from(5u64)]);
        check_witness_errors(&c);
    }

    #[test]
    fn forged_inverse_fails() {
        for forged in [Fr::ZERO, Fr::ONE, -Fr::ONE, Fr::from(99u64)] {
            let cs = ConstraintSystem::<Fr>::new_ref();
            let w = FpVar::new_input(cs.clone(), || Ok(Fr::from(5u64))).unwrap();
            let a = FpVar::new_input(cs.clone(), || Ok(Fr::from(5u64))).unwrap();
            let u = FpVar::new_witness(cs.clone(), || Ok(forged)).unwrap();
            (&w - &a).mul_equals(&u, &FpVar::one()).unwrap();
            assert!(!cs.is_satisfied().unwrap());
        }
    }
}
