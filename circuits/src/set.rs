//! Membership and non-membership of a hidden value in a public set of up to 64 codes.
//!
//! Membership: `Π_i (w − s_i) = 0`; non-membership: `Π_i (w − s_i)·u = 1` with a witness `u`
//! (the inverse of the product, which exists exactly when no factor is zero). The statements
//! are about field elements, so `w` needs no range check. A public set multiplies the factors
//! (`K − 1` constraints); a fixed set evaluates the same polynomial from its constant
//! coefficients with about `2√m` multiplications ([`crate::set_poly`]; 14 constraints for 63
//! or 64 elements instead of 62 or 63, so the province circuit's QAP domain is 32, not 128).
//!
//! Two layouts ([`SetLayout`]), both kept because they serve different verifiers:
//!
//! | layout | instance `x` | constraints, membership / non-membership | setups |
//! |---|---|---|---|
//! | `Fixed`, `m` elements | `(w, v)`: 2 inputs | about `2√m` / `2√m + 1` (14 / 15 for m = 64) | one per set: the id depends on the set |
//! | `Public`, capacity `K` | `(w, v, s_1..s_K)`: `2 + K` inputs | `max(K − 1, 1)` / `K` (63 / 64 for K = 64) | one per `K`: any set of ≤ `K` codes |
//!
//! Proving a fixed set is cheaper (fewer constraints). Verifying a public set costs one more G1 scalar
//! multiplication per slot when preparing the inputs (an MSM of 66 points instead of 2 for
//! `K = 64`: a few ms on this machine), and the verifying key holds `K` more points; a fixed set
//! is cheapest to verify but needs its own trusted setup whenever the set changes. Use `Fixed`
//! for stable lists (the provinces of a region), `Public` for lists chosen per request, with
//! the smallest capacity that fits (cost grows with `K`, not with the set).
//!
//! Sets are normalized: sorted, duplicates removed (so equal sets give equal ids and
//! parameters). A public set is padded to `K` slots with copies of its smallest element, which
//! changes neither product's roots, so padding cannot change the statement. An empty set is
//! rejected ([`CircuitError::EmptySet`]): its membership is false and its non-membership
//! vacuous, neither worth a proof.

use crate::error::CircuitError;
use crate::instance::{allocate_params, one_committed_value, Committed, Descriptor};
use crate::PredicateCircuit;
use ark_bls12_381::Fr;
use ark_ff::{AdditiveGroup, Field};
use ark_r1cs_std::{alloc::AllocVar, eq::EqGadget, fields::fp::FpVar, fields::FieldVar, GR1CSVar};
use ark_relations::gr1cs::{ConstraintSynthesizer, ConstraintSystemRef, SynthesisError};

/// Most distinct elements a set may have, and the largest capacity.
pub const MAX_SET_SIZE: usize = 64;

/// How the set reaches the circuit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SetLayout {
    /// Elements compiled into the constraints as constants; no public parameters.
    Fixed,
    /// Elements given as public inputs `s_1..s_K`, padded to `capacity` slots.
    Public {
        /// `K`, the number of slots, `1..=MAX_SET_SIZE`.
        capacity: usize,
    },
}

/// A normalized set and its layout.
#[derive(Debug, Clone, PartialEq, Eq)]
struct SetSpec {
    /// Sorted, distinct, non-empty, at most the capacity.
    elements: Vec<u64>,
    layout: SetLayout,
}

impl SetSpec {
    fn new(set: &[u64], layout: SetLayout) -> Result<Self, CircuitError> {
        let max = match layout {
            SetLayout::Fixed => MAX_SET_SIZE,
            SetLayout::Public { capacity } => {
                if !(1..=MAX_SET_SIZE).contains(&capacity) {
                    return Err(CircuitError::InvalidCapacity(capacity));
                }
                capacity
            }
        };
        let mut elements = set.to_vec();
        elements.sort_unstable();
        elements.dedup();
        if elements.is_empty() {
            return Err(CircuitError::EmptySet);
        }
        if elements.len() > max {
            return Err(CircuitError::SetTooLarge {
                len: elements.len(),
                max,
            });
        }
        Ok(SetSpec { elements, layout })
    }

    /// Constraints of membership (`member`) or non-membership.
    fn constraints(&self, member: bool) -> usize {
        match (self.layout, member) {
            (SetLayout::Fixed, true) => crate::set_poly::root_constraints(self.elements.len()),
            (SetLayout::Fixed, false) => crate::set_poly::non_root_constraints(self.elements.len()),
            (SetLayout::Public { capacity }, true) => SetMembership::constraints_for(capacity),
            (SetLayout::Public { capacity }, false) => SetNonMembership::constraints_for(capacity),
        }
    }

    /// Fixed: none. Public: the sorted elements, then copies of the smallest up to `K`.
    fn public_params(&self) -> Vec<Fr> {
        match self.layout {
            SetLayout::Fixed => Vec::new(),
            SetLayout::Public { capacity } => {
                let pad = self.elements.first().copied().unwrap_or_default();
                let mut p: Vec<Fr> = self.elements.iter().map(|&s| Fr::from(s)).collect();
                p.resize(capacity, Fr::from(pad));
                p
            }
        }
    }

    /// Allocates the public slots (if any, right after `w` and `v`) and returns `w − s_i`.
    fn factors(
        &self,
        cs: &ConstraintSystemRef<Fr>,
        w: &FpVar<Fr>,
    ) -> Result<Vec<FpVar<Fr>>, SynthesisError> {
        Ok(match self.layout {
            SetLayout::Fixed => self.elements.iter().map(|&s| w - Fr::from(s)).collect(),
            SetLayout::Public { .. } => allocate_params(cs, &self.public_params())?
                .iter()
                .map(|s| w - s)
                .collect(),
        })
    }

    /// Kind, t = 1, k, then layout 2 and `m` and the elements (u64 each), or layout 1 and `K`.
    /// Layout byte 2 is the fixed set evaluated from its coefficients; 0 was the fixed set as
    /// a product of factors (another R1CS, hence another id), no longer produced.
    fn descriptor(&self, kind: &str) -> Vec<u8> {
        let k = self.public_params().len();
        let mut d = Descriptor::new(kind, 1, k);
        match self.layout {
            SetLayout::Fixed => {
                d.u8(FIXED_LAYOUT_V2).u32(len_u32(self.elements.len()));
                for &s in &self.elements {
                    d.u64(s);
                }
            }
            SetLayout::Public { capacity } => {
                d.u8(1).u32(len_u32(capacity));
            }
        }
        d.finish()
    }
}

/// Descriptor byte of the fixed layout evaluated by [`crate::set_poly`] (version 2).
const FIXED_LAYOUT_V2: u8 = 2;

/// Lengths here are at most `MAX_SET_SIZE`.
fn len_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Running product of all but the last factor (`len − 2` constraints), and the last factor.
fn product_but_last(
    factors: &[FpVar<Fr>],
) -> Result<(Option<FpVar<Fr>>, &FpVar<Fr>), SynthesisError> {
    let (last, rest) = factors.split_last().ok_or(SynthesisError::Unsatisfiable)?;
    let product = rest
        .split_first()
        .map(|(first, others)| others.iter().fold(first.clone(), |p, f| &p * f));
    Ok((product, last))
}

/// `w ∈ S` for a hidden `w` and a public set `S` of u64 codes: `Π (w − s_i) = 0`.
///
/// Instance `(w, v)` (fixed set) or `(w, v, s_1..s_K)` (public set); about `2√m` constraints
/// for a fixed set of `m` (14 for 63 or 64), `max(K − 1, 1)` for a public one (63 for 64
/// slots). See the [module docs](self) for the two layouts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetMembership {
    set: SetSpec,
    witness: Committed,
}

impl SetMembership {
    /// Membership in `set` compiled into the circuit (1 to 64 distinct codes).
    pub fn fixed(set: &[u64]) -> Result<Self, CircuitError> {
        SetMembership::new(set, SetLayout::Fixed)
    }

    /// Membership in `set` given as `capacity` public inputs (for setup, any non-empty set
    /// of at most `capacity` codes gives the same circuit).
    pub fn public(set: &[u64], capacity: usize) -> Result<Self, CircuitError> {
        SetMembership::new(set, SetLayout::Public { capacity })
    }

    /// Membership in `set` with the given layout.
    pub fn new(set: &[u64], layout: SetLayout) -> Result<Self, CircuitError> {
        Ok(SetMembership {
            set: SetSpec::new(set, layout)?,
            witness: Committed::default(),
        })
    }

    /// Sets the hidden value `w`.
    pub fn with_value(mut self, w: Fr) -> Self {
        self.witness.value = Some(w);
        self
    }

    /// The set, sorted and without duplicates.
    pub fn elements(&self) -> &[u64] {
        &self.set.elements
    }

    /// The layout.
    pub fn layout(&self) -> SetLayout {
        self.set.layout
    }

    /// Constraints of a public set of `slots` (`K`) factors: `max(slots − 1, 1)` (a fixed set
    /// takes fewer, see [`PredicateCircuit::num_constraints`]).
    pub const fn constraints_for(slots: usize) -> usize {
        if slots > 1 {
            slots - 1
        } else {
            1
        }
    }
}

impl ConstraintSynthesizer<Fr> for SetMembership {
    fn generate_constraints(self, cs: ConstraintSystemRef<Fr>) -> Result<(), SynthesisError> {
        let w = self.witness.allocate(&cs)?;
        if self.set.layout == SetLayout::Fixed {
            let coeffs = crate::set_poly::coefficients(&self.set.elements);
            return crate::set_poly::enforce_root(&w, &coeffs);
        }
        let factors = self.set.factors(&cs, &w)?;
        match product_but_last(&factors)? {
            (None, last) => last.enforce_equal(&FpVar::zero()),
            (Some(p), last) => p.mul_equals(last, &FpVar::zero()),
        }
    }
}

impl PredicateCircuit for SetMembership {
    /// `"set-membership"`, t = 1, k, then (fixed) `0`, `m`, the elements, or (public) `1`, `K`.
    fn id_descriptor(&self) -> Vec<u8> {
        self.set.descriptor("set-membership")
    }

    /// Fixed: none. Public: `s_1..s_K`, sorted, padded with the smallest element.
    fn public_params(&self) -> Vec<Fr> {
        self.set.public_params()
    }

    fn num_constraints(&self) -> usize {
        self.set.constraints(true)
    }

    one_committed_value!();
}

/// `w ∉ S` for a hidden `w` and a public set `S` of u64 codes: `Π (w − s_i)·u = 1`.
///
/// Instance `(w, v)` (fixed set) or `(w, v, s_1..s_K)` (public set); about `2√m + 1`
/// constraints for a fixed set of `m` (15 for 64), `K` for a public one (64 for 64 slots).
/// See the [module docs](self) for the two layouts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetNonMembership {
    set: SetSpec,
    witness: Committed,
}

impl SetNonMembership {
    /// Non-membership in `set` compiled into the circuit (1 to 64 distinct codes).
    pub fn fixed(set: &[u64]) -> Result<Self, CircuitError> {
        SetNonMembership::new(set, SetLayout::Fixed)
    }

    /// Non-membership in `set` given as `capacity` public inputs.
    pub fn public(set: &[u64], capacity: usize) -> Result<Self, CircuitError> {
        SetNonMembership::new(set, SetLayout::Public { capacity })
    }

    /// Non-membership in `set` with the given layout.
    pub fn new(set: &[u64], layout: SetLayout) -> Result<Self, CircuitError> {
        Ok(SetNonMembership {
            set: SetSpec::new(set, layout)?,
            witness: Committed::default(),
        })
    }

    /// Sets the hidden value `w`.
    pub fn with_value(mut self, w: Fr) -> Self {
        self.witness.value = Some(w);
        self
    }

    /// The set, sorted and without duplicates.
    pub fn elements(&self) -> &[u64] {
        &self.set.elements
    }

    /// The layout.
    pub fn layout(&self) -> SetLayout {
        self.set.layout
    }

    /// Constraints of a public set of `slots` factors: `slots` (`slots − 1` products and one
    /// inverse check; a fixed set takes fewer, see [`PredicateCircuit::num_constraints`]).
    pub const fn constraints_for(slots: usize) -> usize {
        slots
    }
}

impl ConstraintSynthesizer<Fr> for SetNonMembership {
    fn generate_constraints(self, cs: ConstraintSystemRef<Fr>) -> Result<(), SynthesisError> {
        let w = self.witness.allocate(&cs)?;
        let product = if self.set.layout == SetLayout::Fixed {
            crate::set_poly::evaluate(&w, &crate::set_poly::coefficients(&self.set.elements))?
        } else {
            let factors = self.set.factors(&cs, &w)?;
            match product_but_last(&factors)? {
                (None, last) => last.clone(),
                (Some(p), last) => &p * last,
            }
        };
        // u = 1 / Π (w − s_i); zero when w ∈ S, which then fails the check below.
        let inverse = FpVar::new_witness(cs.clone(), || {
            Ok(product.value()?.inverse().unwrap_or(Fr::ZERO))
        })?;
        product.mul_equals(&inverse, &FpVar::one())
    }
}

impl PredicateCircuit for SetNonMembership {
    /// `"set-non-membership"`, t = 1, k, then (fixed) `0`, `m`, the elements, or (public) `1`,
    /// `K`.
    fn id_descriptor(&self) -> Vec<u8> {
        self.set.descriptor("set-non-membership")
    }

    /// Fixed: none. Public: `s_1..s_K`, sorted, padded with the smallest element.
    fn public_params(&self) -> Vec<Fr> {
        self.set.public_params()
    }

    fn num_constraints(&self) -> usize {
        self.set.constraints(false)
    }

    one_committed_value!();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::{check_shape, check_witness_errors, holds};
    use crate::{shape, PredicateCircuit};

    fn fr(x: u64) -> Fr {
        Fr::from(x)
    }

    /// 64 province-like codes: 101, 104, ..., 290.
    fn provinces() -> Vec<u64> {
        (0..64).map(|i| 101 + 3 * i).collect()
    }

    #[test]
    fn constraint_counts_are_pinned() {
        let s = provinces();
        check_shape(&SetMembership::fixed(&s).unwrap(), fr(101), 14, 0);
        check_shape(&SetNonMembership::fixed(&s).unwrap(), fr(102), 15, 0);
        check_shape(&SetMembership::fixed(&s[..63]).unwrap(), fr(101), 14, 0);
        check_shape(&SetMembership::public(&s, 64).unwrap(), fr(101), 63, 64);
        check_shape(&SetNonMembership::public(&s, 64).unwrap(), fr(102), 64, 64);
        // Small sets and capacities, including the single-element edge.
        check_shape(&SetMembership::fixed(&[7]).unwrap(), fr(7), 1, 0);
        check_shape(&SetNonMembership::fixed(&[7]).unwrap(), fr(8), 1, 0);
        check_shape(&SetMembership::fixed(&[7, 9]).unwrap(), fr(7), 1, 0);
        check_shape(&SetNonMembership::fixed(&[7, 9]).unwrap(), fr(8), 2, 0);
        check_shape(&SetMembership::public(&[7], 1).unwrap(), fr(7), 1, 1);
        check_shape(&SetMembership::public(&[7, 9], 8).unwrap(), fr(9), 7, 8);
        check_shape(&SetNonMembership::public(&[7, 9], 8).unwrap(), fr(8), 8, 8);
    }

    /// The measurement behind the layout choice (run with `--nocapture` to see the table).
    #[test]
    fn measure_fixed_versus_public_sets() {
        println!("variant                  slots constraints public_inputs(t+1+k)");
        for m in [1usize, 8, 16, 32, 64] {
            let set: Vec<u64> = (0..m as u64).collect();
            let rows = [
                (
                    "membership, fixed",
                    size(SetMembership::fixed(&set).unwrap()),
                ),
                (
                    "membership, public",
                    size(SetMembership::public(&set[..1], m).unwrap()),
                ),
                (
                    "non-membership, fixed",
                    size(SetNonMembership::fixed(&set).unwrap()),
                ),
                (
                    "non-membership, public",
                    size(SetNonMembership::public(&set[..1], m).unwrap()),
                ),
            ];
            for (name, (constraints, inputs)) in rows {
                println!("{name:<24} {m:>5} {constraints:>11} {inputs:>13}");
                let public = name.ends_with("public");
                assert_eq!(inputs, if public { 2 + m } else { 2 });
            }
        }
    }

    fn size<C: PredicateCircuit>(c: C) -> (usize, usize) {
        let s = shape(c.clone()).unwrap();
        assert_eq!(s.num_constraints, c.num_constraints());
        assert_eq!(s.num_instance_variables, 1 + c.num_public_inputs());
        (s.num_constraints, c.num_public_inputs())
    }

    #[test]
    fn membership_edges_both_layouts() {
        let s = provinces();
        for c in [
            SetMembership::fixed(&s).unwrap(),
            SetMembership::public(&s, 64).unwrap(),
        ] {
            for &x in &s {
                assert!(holds(&c, fr(x)), "{x}");
            }
            for x in [0, 100, 102, 291, u64::MAX] {
                assert!(!holds(&c, fr(x)), "{x}");
            }
            assert!(!holds(&c, -fr(101))); // −101 is not 101
            assert!(!holds(&c, fr(101) + fr(1 << 63) + fr(1 << 63))); // 101 + 2^64
        }
        // Small set padded into a large capacity: padding adds no member.
        let c = SetMembership::public(&[20, 10, 20, 30], 16).unwrap();
        assert_eq!(c.elements(), &[10, 20, 30]);
        let p = c.public_params();
        assert_eq!(p.len(), 16);
        assert_eq!(p[..4], [fr(10), fr(20), fr(30), fr(10)]);
        for (x, member) in [(10, true), (20, true), (30, true), (0, false), (15, false)] {
            assert_eq!(holds(&c, fr(x)), member);
        }
        let single = SetMembership::fixed(&[42]).unwrap();
        assert!(holds(&single, fr(42)) && !holds(&single, fr(41)));
    }

    #[test]
    fn non_membership_edges_both_layouts() {
        let s = provinces();
        for c in [
            SetNonMembership::fixed(&s).unwrap(),
            SetNonMembership::public(&s, 64).unwrap(),
        ] {
            for &x in &s {
                assert!(!holds(&c, fr(x)), "{x}");
            }
            for x in [0, 100, 102, 291, u64::MAX] {
                assert!(holds(&c, fr(x)), "{x}");
            }
        }
        let c = SetNonMembership::public(&[10, 20], 8).unwrap();
        for (x, outside) in [(10, false), (20, false), (0, true), (11, true)] {
            assert_eq!(holds(&c, fr(x)), outside);
        }
        let single = SetNonMembership::fixed(&[42]).unwrap();
        assert!(!holds(&single, fr(42)) && holds(&single, fr(41)));
    }

    /// A prover cannot satisfy non-membership of a member with any inverse witness.
    #[test]
    fn forged_inverse_fails() {
        use ark_relations::gr1cs::ConstraintSystem;
        let set = [10u64, 20];
        for forged in [Fr::ZERO, Fr::ONE, fr(12345), -Fr::ONE] {
            let cs = ConstraintSystem::<Fr>::new_ref();
            let w = FpVar::new_input(cs.clone(), || Ok(fr(20))).unwrap();
            let factors: Vec<_> = set.iter().map(|&s| &w - Fr::from(s)).collect();
            let product = &factors[0] * &factors[1];
            let inverse = FpVar::new_witness(cs.clone(), || Ok(forged)).unwrap();
            product.mul_equals(&inverse, &FpVar::one()).unwrap();
            assert!(!cs.is_satisfied().unwrap());
        }
    }

    #[test]
    fn descriptors_and_errors() {
        let a = SetMembership::fixed(&[1, 2, 3]).unwrap();
        let b = SetMembership::fixed(&[3, 2, 1, 1]).unwrap();
        let c = SetMembership::fixed(&[1, 2, 4]).unwrap();
        assert_eq!(a.id_descriptor(), b.id_descriptor());
        assert_ne!(a.id_descriptor(), c.id_descriptor());
        let p = SetMembership::public(&[1, 2, 3], 64).unwrap();
        let q = SetMembership::public(&[9], 64).unwrap();
        let r = SetMembership::public(&[9], 32).unwrap();
        assert_eq!(p.id_descriptor(), q.id_descriptor());
        assert_ne!(p.id_descriptor(), r.id_descriptor());
        assert_ne!(
            p.id_descriptor(),
            SetNonMembership::public(&[9], 64).unwrap().id_descriptor()
        );
        assert_eq!(SetMembership::fixed(&[]), Err(CircuitError::EmptySet));
        assert_eq!(
            SetNonMembership::public(&[], 8),
            Err(CircuitError::EmptySet)
        );
        assert_eq!(
            SetMembership::public(&[1], 0),
            Err(CircuitError::InvalidCapacity(0))
        );
        assert_eq!(
            SetMembership::public(&[1], 65),
            Err(CircuitError::InvalidCapacity(65))
        );
        assert_eq!(
            SetMembership::public(&[1, 2, 3], 2),
            Err(CircuitError::SetTooLarge { len: 3, max: 2 })
        );
        let big: Vec<u64> = (0..65).collect();
        assert!(SetNonMembership::fixed(&big).is_err());
        check_witness_errors(&a);
        check_witness_errors(&SetNonMembership::public(&[1], 4).unwrap());
        assert!(crate::is_satisfied(a.with_value(fr(2)).with_blinding(Fr::ONE)).unwrap());
    }
}
