//! Two-sided range: `lo ≤ w ≤ hi`, both ends inclusive.
//!
//! Instance: `x = (w, v, lo, hi)`, `t = 1`, `k = 2`. Fixed in the circuit: the
//! [`ValueDomain`] `[o, o + 2^n)`; `lo` and `hi` are public inputs (one setup per domain).
//!
//! Constraints, `2n + 2` (66 for n = 32, 130 for n = 64): `w − lo ∈ [0, 2^n)` and
//! `hi − w ∈ [0, 2^n)`, `n + 1` each.
//!
//! Soundness: the first check makes `w` the integer `lo + d` with `d < 2^n` (no wrap, since
//! `lo + 2^n ≤ 2^64 ≪ r`), so `w` needs no separate domain check; then `|hi − w| < 2^n` and a
//! negative `hi − w` is `r − |hi − w|`, which no `n`-bit sum reaches. `lo` and `hi` are checked
//! to lie in the domain by [`Range::new`].

use crate::bits::{enforce_range, range_check_constraints};
use crate::encoding::ValueDomain;
use crate::error::CircuitError;
use crate::instance::{allocate_params, one_committed_value, Committed, Descriptor};
use crate::PredicateCircuit;
use ark_bls12_381::Fr;
use ark_relations::gr1cs::{ConstraintSynthesizer, ConstraintSystemRef, SynthesisError};

/// `lo ≤ w ≤ hi` (inclusive) for a hidden `w` and public `lo`, `hi`; `2n + 2` constraints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Range {
    lo: u64,
    hi: u64,
    domain: ValueDomain,
    witness: Committed,
}

impl Range {
    /// `lo ≤ w ≤ hi` over `domain`; fails if `lo > hi` or either end is outside the domain.
    pub fn new(lo: u64, hi: u64, domain: ValueDomain) -> Result<Self, CircuitError> {
        domain.check(lo)?;
        domain.check(hi)?;
        if lo > hi {
            return Err(CircuitError::EmptyRange { lo, hi, domain });
        }
        Ok(Range {
            lo,
            hi,
            domain,
            witness: Committed::default(),
        })
    }

    /// Sets the hidden value `w`.
    pub fn with_value(mut self, w: Fr) -> Self {
        self.witness.value = Some(w);
        self
    }

    /// Lower end, inclusive.
    pub fn lo(&self) -> u64 {
        self.lo
    }

    /// Upper end, inclusive.
    pub fn hi(&self) -> u64 {
        self.hi
    }

    /// The value domain.
    pub fn domain(&self) -> ValueDomain {
        self.domain
    }

    /// Constraints of a range over `domain`: `2·bits + 2`.
    pub const fn constraints_for(domain: ValueDomain) -> usize {
        2 * range_check_constraints(domain.bits())
    }
}

impl ConstraintSynthesizer<Fr> for Range {
    fn generate_constraints(self, cs: ConstraintSystemRef<Fr>) -> Result<(), SynthesisError> {
        let w = self.witness.allocate(&cs)?;
        let params = allocate_params(&cs, &self.public_params())?;
        let [lo, hi] = params.as_slice() else {
            return Err(SynthesisError::Unsatisfiable);
        };
        let n = self.domain.bits();
        enforce_range(&(&w - lo), n)?;
        enforce_range(&(hi - &w), n)?;
        Ok(())
    }
}

impl PredicateCircuit for Range {
    /// `"range"`, t = 1, k = 2, domain offset (u64), width (u32).
    fn id_descriptor(&self) -> Vec<u8> {
        Descriptor::new("range", 1, 2)
            .u64(self.domain.offset())
            .u32(self.domain.bits())
            .finish()
    }

    /// `(lo, hi)`.
    fn public_params(&self) -> Vec<Fr> {
        vec![Fr::from(self.lo), Fr::from(self.hi)]
    }

    fn num_constraints(&self) -> usize {
        Range::constraints_for(self.domain)
    }

    one_committed_value!();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;
    use crate::encoding::encode_date;
    use crate::test_util::{check_shape, check_witness_errors, holds};
    use ark_ff::Field;

    fn fr(x: u64) -> Fr {
        Fr::from(x)
    }

    #[test]
    fn constraint_counts_are_pinned() {
        let d = ValueDomain::DATE;
        let r = Range::new(d.offset() + 10, d.offset() + 20, d).unwrap();
        check_shape(&r, fr(d.offset() + 15), 66, 2);
        let r = Range::new(10, 20, ValueDomain::U64).unwrap();
        check_shape(&r, fr(15), 130, 2);
    }

    #[test]
    fn inclusive_edges() {
        let r = Range::new(18, 65, ValueDomain::U64).unwrap();
        for (w, ok) in [
            (17, false),
            (18, true),
            (40, true),
            (65, true),
            (66, false),
            (0, false),
            (u64::MAX, false),
        ] {
            assert_eq!(holds(&r, fr(w)), ok, "w={w}");
        }
        let single = Range::new(7, 7, ValueDomain::U64).unwrap();
        assert!(holds(&single, fr(7)));
        assert!(!holds(&single, fr(6)) && !holds(&single, fr(8)));
        let all = Range::new(0, u64::MAX, ValueDomain::U64).unwrap();
        assert!(holds(&all, fr(0)) && holds(&all, fr(u64::MAX)));
        assert!(!holds(&all, fr(u64::MAX) + Fr::ONE));
        // Dates: born in the 1990s.
        let lo = encode_date(Date::new(1990, 1, 1).unwrap());
        let hi = encode_date(Date::new(1999, 12, 31).unwrap());
        let nineties = Range::new(lo, hi, ValueDomain::DATE).unwrap();
        assert!(holds(&nineties, fr(lo)) && holds(&nineties, fr(hi)));
        assert!(!holds(&nineties, fr(lo - 1)) && !holds(&nineties, fr(hi + 1)));
    }

    #[test]
    fn aliasing_values_fail() {
        let r = Range::new(10, 20, ValueDomain::U64).unwrap();
        // w − lo = r − 1, hi − w = 21: the second check alone would pass.
        assert!(!holds(&r, fr(9)));
        assert!(!holds(&r, -Fr::ONE));
        // hi − w = r − 1.
        assert!(!holds(&r, fr(21)));
        assert!(!holds(&r, fr(10) + fr(1 << 63) + fr(1 << 63))); // 10 + 2^64
        let d = ValueDomain::DATE;
        let r = Range::new(d.offset(), d.offset() + 5, d).unwrap();
        assert!(!holds(&r, fr(d.offset()) - Fr::ONE));
    }

    #[test]
    fn invalid_parameters() {
        assert_eq!(
            Range::new(5, 4, ValueDomain::U64),
            Err(CircuitError::EmptyRange {
                lo: 5,
                hi: 4,
                domain: ValueDomain::U64
            })
        );
        assert!(Range::new(0, 1, ValueDomain::DATE).is_err());
        assert!(Range::new(
            ValueDomain::DATE.offset(),
            ValueDomain::DATE.max() + 1,
            ValueDomain::DATE
        )
        .is_err());
    }

    #[test]
    fn layout_and_descriptor() {
        let a = Range::new(1, 2, ValueDomain::U64).unwrap();
        let b = Range::new(3, 9, ValueDomain::U64).unwrap();
        assert_eq!(a.id_descriptor(), b.id_descriptor());
        assert_eq!(b.public_params(), vec![fr(3), fr(9)]);
        check_witness_errors(&a);
        assert!(crate::is_satisfied(b.with_value(fr(9)).with_blinding(Fr::ONE)).unwrap());
    }
}
