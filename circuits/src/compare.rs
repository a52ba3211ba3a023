//! Comparison of a hidden value with a public bound: `w ≥ b`, `w > b`, `w ≤ b`, `w < b`.
//!
//! Instance: `x = (w, v, b)`, `t = 1`, `k = 1`. Parameters fixed in the circuit: the operator
//! and the [`ValueDomain`] `[o, o + 2^n)`; the bound `b` is a public input, so one setup serves
//! every bound.
//!
//! Constraints, `2n + 2` (66 for dates and day counts, n = 32; 130 for 64-bit values):
//! - `w − o ∈ [0, 2^n)` (n + 1): `w` is an integer of the domain, whatever field element the
//!   signer put in the credential;
//! - `d ∈ [0, 2^n)` (n + 1) with `d = w − b` (≥), `w − b − 1` (>), `b − w` (≤), `b − w − 1` (<).
//!
//! Not fewer: each `n`-bit check needs its `n` booleanity constraints (folding the sum into
//! the top bit saves one), so a date comparison stays above 60 constraints and, with its 4
//! instance variables, keeps the QAP domain of 128.
//!
//! Soundness: `w` and `b` are integers of the domain (`b` checked by [`Comparison::new`]), so
//! `|w − b| < 2^n`; a "negative" `d` is the field element `r − |d| > r − 2^n > 2^n − 1`, which
//! no `n`-bit sum reaches. Without the first check, `w ≤ b` would accept `w = r − 1` ("−1").

use crate::bits::{enforce_range, range_check_constraints};
use crate::date::Date;
use crate::encoding::{encode_date, ValueDomain};
use crate::error::CircuitError;
use crate::instance::{allocate_params, one_committed_value, Committed, Descriptor};
use crate::PredicateCircuit;
use ark_bls12_381::Fr;
use ark_ff::Field;
use ark_relations::gr1cs::{ConstraintSynthesizer, ConstraintSystemRef, SynthesisError};

/// A comparison operator, hidden value on the left: `w op b`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CmpOp {
    /// `w ≥ b`
    Ge,
    /// `w > b`
    Gt,
    /// `w ≤ b`
    Le,
    /// `w < b`
    Lt,
}

impl CmpOp {
    /// Whether `w op b` holds for integers.
    pub fn holds(self, w: u64, b: u64) -> bool {
        match self {
            CmpOp::Ge => w >= b,
            CmpOp::Gt => w > b,
            CmpOp::Le => w <= b,
            CmpOp::Lt => w < b,
        }
    }

    /// Byte in the id descriptor.
    fn code(self) -> u8 {
        match self {
            CmpOp::Ge => 1,
            CmpOp::Gt => 2,
            CmpOp::Le => 3,
            CmpOp::Lt => 4,
        }
    }
}

/// `w op b` for a hidden `w` in a [`ValueDomain`] and a public bound `b`; `2n + 2` constraints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    op: CmpOp,
    bound: u64,
    domain: ValueDomain,
    witness: Committed,
}

impl Comparison {
    /// `w op bound` over `domain`; fails if `bound` is outside the domain. No witness yet.
    ///
    /// `w > max` and `w < min` are accepted and unsatisfiable.
    pub fn new(op: CmpOp, bound: u64, domain: ValueDomain) -> Result<Self, CircuitError> {
        domain.check(bound)?;
        Ok(Comparison {
            op,
            bound,
            domain,
            witness: Committed::default(),
        })
    }

    /// A comparison of a hidden date with a public date, over [`ValueDomain::DATE`] (66
    /// constraints); `Le` with bound `D` reads "on or before `D`".
    pub fn date(op: CmpOp, bound: Date) -> Result<Self, CircuitError> {
        Comparison::new(op, encode_date(bound), ValueDomain::DATE)
    }

    /// Sets the hidden value `w` (any field element; one outside the domain fails the check).
    pub fn with_value(mut self, w: Fr) -> Self {
        self.witness.value = Some(w);
        self
    }

    /// The operator.
    pub fn op(&self) -> CmpOp {
        self.op
    }

    /// The public bound `b`.
    pub fn bound(&self) -> u64 {
        self.bound
    }

    /// The value domain of `w` and `b`.
    pub fn domain(&self) -> ValueDomain {
        self.domain
    }

    /// Constraints of a comparison over `domain`: `2·bits + 2`.
    pub const fn constraints_for(domain: ValueDomain) -> usize {
        2 * range_check_constraints(domain.bits())
    }
}

impl ConstraintSynthesizer<Fr> for Comparison {
    fn generate_constraints(self, cs: ConstraintSystemRef<Fr>) -> Result<(), SynthesisError> {
        let w = self.witness.allocate(&cs)?;
        let params = allocate_params(&cs, &self.public_params())?;
        let b = params.first().ok_or(SynthesisError::Unsatisfiable)?;
        let n = self.domain.bits();
        enforce_range(&(&w - Fr::from(self.domain.offset())), n)?;
        let d = match self.op {
            CmpOp::Ge => &w - b,
            CmpOp::Gt => &w - b - Fr::ONE,
            CmpOp::Le => b - &w,
            CmpOp::Lt => b - &w - Fr::ONE,
        };
        enforce_range(&d, n)?;
        Ok(())
    }
}

impl PredicateCircuit for Comparison {
    /// `"comparison"`, t = 1, k = 1, operator (1 byte: Ge 1, Gt 2, Le 3, Lt 4), domain offset
    /// (u64), width (u32).
    fn id_descriptor(&self) -> Vec<u8> {
        Descriptor::new("comparison", 1, 1)
            .u8(self.op.code())
            .u64(self.domain.offset())
            .u32(self.domain.bits())
            .finish()
    }

    /// `(b)`.
    fn public_params(&self) -> Vec<Fr> {
        vec![Fr::from(self.bound)]
    }

    fn num_constraints(&self) -> usize {
        Comparison::constraints_for(self.domain)
    }

    one_committed_value!();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encoding::encode_i64;
    use crate::test_util::{check_shape, check_witness_errors, holds};

    const OPS: [CmpOp; 4] = [CmpOp::Ge, CmpOp::Gt, CmpOp::Le, CmpOp::Lt];

    fn fr(x: u64) -> Fr {
        Fr::from(x)
    }

    #[test]
    fn constraint_counts_are_pinned() {
        for op in OPS {
            let date = Comparison::date(op, Date::new(2000, 1, 1).unwrap()).unwrap();
            check_shape(
                &date,
                fr(encode_date(Date::new(2001, 1, 1).unwrap())),
                66,
                1,
            );
            let full = Comparison::new(op, 1000, ValueDomain::U64).unwrap();
            check_shape(&full, fr(5), 130, 1);
        }
        assert_eq!(
            Comparison::constraints_for(ValueDomain::unsigned(16).unwrap()),
            34
        );
    }

    #[test]
    fn edges_for_every_operator_64_bit() {
        let b = 1_000_000u64;
        let c = |op| Comparison::new(op, b, ValueDomain::U64).unwrap();
        for op in OPS {
            for w in [0, 1, b - 1, b, b + 1, u64::MAX - 1, u64::MAX] {
                assert_eq!(holds(&c(op), fr(w)), op.holds(w, b), "{op:?} w={w}");
            }
        }
        // Extreme bounds.
        for (op, bound) in [
            (CmpOp::Ge, 0),
            (CmpOp::Le, u64::MAX),
            (CmpOp::Gt, 0),
            (CmpOp::Lt, u64::MAX),
        ] {
            let c = Comparison::new(op, bound, ValueDomain::U64).unwrap();
            for w in [0, 1, u64::MAX - 1, u64::MAX] {
                assert_eq!(holds(&c, fr(w)), op.holds(w, bound), "{op:?} {bound} w={w}");
            }
        }
        // Unsatisfiable bounds are allowed and unsatisfiable.
        let never = Comparison::new(CmpOp::Gt, u64::MAX, ValueDomain::U64).unwrap();
        assert!(!holds(&never, fr(u64::MAX)));
    }

    #[test]
    fn edges_for_dates_and_signed_values() {
        let bound = Date::new(2006, 5, 17).unwrap();
        for op in OPS {
            let c = Comparison::date(op, bound).unwrap();
            for delta in [-40_000, -1, 0, 1, 40_000] {
                let w = bound.add_days(delta).unwrap();
                let expect = op.holds(encode_date(w), encode_date(bound));
                assert_eq!(holds(&c, fr(encode_date(w))), expect, "{op:?} {w}");
            }
        }
        // Signed integers in 16 bits: -5 < 3.
        let d = ValueDomain::signed(16).unwrap();
        let c = Comparison::new(CmpOp::Lt, encode_i64(3), d).unwrap();
        assert!(holds(&c, fr(encode_i64(-5))));
        assert!(holds(&c, fr(encode_i64(-(1 << 15)))));
        assert!(!holds(&c, fr(encode_i64(3))));
        assert!(!holds(&c, fr(encode_i64(-(1 << 15) - 1)))); // below the domain
    }

    /// Field elements that alias integers modulo r never satisfy a comparison.
    #[test]
    fn aliasing_values_fail() {
        let minus = |k: u64| -Fr::from(k);
        // "w = −1" is ≤ 100 if the hidden value is not range-checked: b − w = 101.
        let le = Comparison::new(CmpOp::Le, 100, ValueDomain::U64).unwrap();
        assert!(!holds(&le, minus(1)));
        assert!(!holds(&le, minus(100)));
        // w = 101 makes b − w = r − 1: a negative difference, not a 64-bit number.
        assert!(!holds(&le, fr(101)));
        // "w ≥ b" with w = b − 1 + r ≡ b − 1, and with a huge field element.
        let ge = Comparison::new(CmpOp::Ge, 100, ValueDomain::U64).unwrap();
        assert!(!holds(&ge, fr(99)));
        assert!(!holds(&ge, minus(1)));
        assert!(!holds(&ge, fr(u64::MAX) + Fr::ONE)); // 2^64
                                                      // Dates: a birth date 2^32 days before the bound, or below the date domain.
        let bound = encode_date(Date::new(2006, 5, 17).unwrap());
        let date_le = Comparison::new(CmpOp::Le, bound, ValueDomain::DATE).unwrap();
        assert!(!holds(&date_le, fr(bound) - fr(1 << 32)));
        assert!(!holds(&date_le, fr(ValueDomain::DATE.offset() - 1)));
        assert!(!holds(&date_le, fr(0)));
        assert!(!holds(&date_le, minus(1)));
        // Dates after the bound by less than 2^32 days.
        assert!(!holds(&date_le, fr(bound + 1)));
    }

    #[test]
    fn bounds_outside_domain_are_rejected() {
        assert_eq!(
            Comparison::new(CmpOp::Ge, 5, ValueDomain::DATE),
            Err(CircuitError::OutOfDomain {
                value: 5,
                domain: ValueDomain::DATE
            })
        );
        assert!(
            Comparison::new(CmpOp::Ge, ValueDomain::DATE.max() + 1, ValueDomain::DATE).is_err()
        );
        assert!(Comparison::new(CmpOp::Ge, ValueDomain::DATE.max(), ValueDomain::DATE).is_ok());
    }

    #[test]
    fn descriptor_fixes_op_and_domain_not_bound() {
        let a = Comparison::new(CmpOp::Ge, 1, ValueDomain::U64).unwrap();
        let b = Comparison::new(CmpOp::Ge, 2, ValueDomain::U64).unwrap();
        let c = Comparison::new(CmpOp::Gt, 1, ValueDomain::U64).unwrap();
        let d = Comparison::new(CmpOp::Ge, 1, ValueDomain::unsigned(32).unwrap()).unwrap();
        assert_eq!(a.id_descriptor(), b.id_descriptor());
        assert_ne!(a.id_descriptor(), c.id_descriptor());
        assert_ne!(a.id_descriptor(), d.id_descriptor());
        assert_eq!(a.public_params(), vec![Fr::ONE]);
    }

    #[test]
    fn missing_or_wrong_witness() {
        let c = Comparison::new(CmpOp::Ge, 1, ValueDomain::U64).unwrap();
        check_witness_errors(&c);
        assert!(!holds(&c.clone().with_value(fr(5)), fr(0)));
        assert!(crate::is_satisfied(c.with_value(fr(5)).with_blinding(Fr::ONE)).unwrap());
    }
}
