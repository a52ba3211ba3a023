//! Predicate circuits of zkcred: R1CS over the BLS12-381 scalar field, built with
//! `ark-r1cs-std` 0.6, proven with Groth16 on committed inputs (DESIGN.md, "Predicates").
//!
//! # Instance layout
//!
//! Every circuit orders its instance (public input) vector as
//! `x = (w_1..w_t, v, p_1..p_k)`: the hidden committed attribute values, one blinding `v` that
//! no constraint uses, then the public parameters. Here `t = 1` for every circuit. The Groth16
//! layer gets `t` from [`PredicateCircuit::num_committed`] and `p` from
//! [`PredicateCircuit::public_params`], and commits to `(w, v)` as
//! `D = w·IC_1 + v·IC_2`; the verifier adds `Σ p_j·IC_{2+j}`.
//!
//! # Circuits
//!
//! | circuit | statement about hidden `w` | public `p` | constraints | public inputs `t+1+k` |
//! |---|---|---|---|---|
//! | [`Comparison`] | `w ≥, >, ≤, < b`, `w` in its [`ValueDomain`] | `b` | `2n + 2`: 66 (dates, n = 32), 130 (n = 64) | 3 |
//! | [`Range`] | `lo ≤ w ≤ hi` (inclusive) | `lo, hi` | `2n + 2`: 66 / 130 | 4 |
//! | [`AgeAtLeast`] | at least `N` years old on day `T`: `birth ≤ cutoff(T, N)` | `cutoff` | 66 | 3 |
//! | [`SetMembership`], fixed set of `m` | `w ∈ S` | none | about `2√m`: 14 for m = 63 or 64 (was `m − 1`) | 2 |
//! | [`SetMembership`], public set, capacity `K` | `w ∈ S` | `s_1..s_K` | `max(K − 1, 1)`: 63 for K = 64 | `2 + K`: 66 |
//! | [`SetNonMembership`], fixed set of `m` | `w ∉ S` | none | about `2√m + 1`: 15 for m = 64 (was `m`) | 2 |
//! | [`SetNonMembership`], public set, capacity `K` | `w ∉ S` | `s_1..s_K` | `K`: 64 | `2 + K`: 66 |
//! | [`NotEqual`] | `w ≠ a` | `a` | 1 | 3 |
//!
//! The Groth16 instance-variable count (`cs.num_instance_variables()`) is one more: the
//! constant 1. Range checks use [`bits::enforce_range`]: exactly `n ≤ 64` boolean witnesses
//! summed with powers of two, which cannot alias modulo the field order.
//!
//! # What is assumed about `w`
//!
//! `w` is a BBS message and may be any field element. Comparisons and ranges prove in-circuit
//! that `w` is an integer of their [`ValueDomain`] (so a malformed or "negative" `w` fails);
//! the set and not-equal circuits make statements about field elements and need no range.
//! Public parameters are chosen and seen by the verifier and are validated by the constructors
//! here (bounds inside the domain), not in the circuit.
//!
//! # Encoding
//!
//! Integers and dates follow DESIGN.md: an `i64` `x` is `x + 2^63` ([`encode_i64`]), a date is
//! its day count since 1970-01-01 encoded the same way ([`encode_date`]); an unsigned code is
//! itself. Committed values enter as field elements: `Fr::from(u64)`.
//!
//! # Example
//!
//! ```
//! use zkcred_circuits::{is_satisfied, shape, AgeAtLeast, Date, Fr, PredicateCircuit};
//!
//! // Verifier (setup, request): "at least 18 on 2024-05-17"; no witness needed for setup.
//! let circuit = AgeAtLeast::new(Date::new(2024, 5, 17)?, 18)?;
//! assert_eq!(circuit.cutoff(), Date::new(2006, 5, 17)?);
//! assert_eq!(shape(circuit.clone())?.num_constraints, 66);
//! let _id_bytes = circuit.id_descriptor(); // hash it into a circuit id
//!
//! // Holder: hidden birth date w and a random blinding v.
//! let proving = circuit
//!     .with_birth_date(Date::new(2006, 5, 17)?)
//!     .with_blinding(Fr::from(123_456_789u64));
//! assert!(is_satisfied(proving.clone())?);
//! let x = proving.instance().expect("witness set"); // (w, v, cutoff)
//! assert_eq!(x.len(), proving.num_public_inputs());
//! # Ok::<(), zkcred_circuits::CircuitError>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod age;
pub mod bits;
pub mod compare;
pub mod date;
pub mod describe;
pub mod encoding;
pub mod error;
mod instance;
pub mod not_equal;
pub mod range;
pub mod set;
mod set_poly;
pub mod synth;

pub use age::{age_cutoff, age_on, anniversary, AgeAtLeast, LeapDayRule};
pub use ark_bls12_381::Fr;
pub use compare::{CmpOp, Comparison};
pub use date::{civil_from_days, days_from_civil, Date};
pub use describe::describe_value;
pub use encoding::{decode_i64, encode_date, encode_i64, ValueDomain};
pub use error::CircuitError;
pub use not_equal::NotEqual;
pub use range::Range;
pub use set::{SetLayout, SetMembership, SetNonMembership, MAX_SET_SIZE};
pub use synth::{is_satisfied, shape, Shape};

use ark_relations::gr1cs::ConstraintSynthesizer;

/// A predicate circuit with the instance layout `x = (w_1..w_t, v, p_1..p_k)`.
///
/// A value without a witness (fresh from its constructor) is what Groth16 setup needs; the
/// prover adds the committed values and the blinding with [`Self::with_committed_values`] and
/// [`Self::with_blinding`].
pub trait PredicateCircuit: ConstraintSynthesizer<Fr> + Clone {
    /// Bytes that fix the R1CS: the kind of circuit, `t`, `k` and every parameter compiled
    /// into the constraints (not the public parameters `p`, which are inputs). Equal
    /// descriptors mean equal constraint systems, so a circuit id can be a hash of it.
    fn id_descriptor(&self) -> Vec<u8>;

    /// `t`, the number of hidden committed values at the start of the instance.
    fn num_committed(&self) -> usize;

    /// `p_1..p_k`, the public parameters in instance order, as field elements.
    fn public_params(&self) -> Vec<Fr>;

    /// The number of R1CS constraints (what the circuit's docs state, and tests pin).
    fn num_constraints(&self) -> usize;

    /// The committed values `w_1..w_t`, if set.
    fn committed_values(&self) -> Option<Vec<Fr>>;

    /// The blinding `v`, if set.
    fn blinding(&self) -> Option<Fr>;

    /// Sets `w_1..w_t`; errors unless exactly `t` values are given.
    fn with_committed_values(self, values: &[Fr]) -> Result<Self, CircuitError>;

    /// Sets the blinding `v` (the Groth16 layer draws it uniformly at random).
    fn with_blinding(self, v: Fr) -> Self;

    /// `k`, the number of public parameters.
    fn num_public_params(&self) -> usize {
        self.public_params().len()
    }

    /// `t + 1 + k`, the public inputs excluding the constant 1 (the length of `x`).
    fn num_public_inputs(&self) -> usize {
        self.num_committed() + 1 + self.num_public_params()
    }

    /// The full instance `x = (w_1..w_t, v, p_1..p_k)`, once the witness is set.
    fn instance(&self) -> Option<Vec<Fr>> {
        let mut x = self.committed_values()?;
        x.push(self.blinding()?);
        x.extend(self.public_params());
        Some(x)
    }
}

#[cfg(test)]
pub(crate) mod test_util {
    //! Helpers shared by the circuit tests.
    use super::*;
    use ark_relations::gr1cs::SynthesisMode;

    /// A fixed blinding for tests.
    pub(crate) fn blind() -> Fr {
        Fr::from(0xb11d_u64)
    }

    /// Whether `circuit` holds with committed value `w` (blinding set).
    pub(crate) fn holds<C: PredicateCircuit>(circuit: &C, w: Fr) -> bool {
        let c = circuit
            .clone()
            .with_committed_values(&[w])
            .unwrap()
            .with_blinding(blind());
        is_satisfied(c).unwrap()
    }

    /// Checks the layout and constraint count of `circuit`, in setup and in proving mode
    /// (with witness `w`), against `constraints` and `k`; checks the instance assignment.
    pub(crate) fn check_shape<C: PredicateCircuit>(
        circuit: &C,
        w: Fr,
        constraints: usize,
        k: usize,
    ) {
        assert_eq!(circuit.num_constraints(), constraints);
        assert_eq!(circuit.num_public_params(), k);
        assert_eq!(circuit.num_public_inputs(), 1 + 1 + k);
        let s = shape(circuit.clone()).unwrap();
        assert_eq!(s.num_constraints, constraints);
        assert_eq!(s.num_instance_variables, 1 + 1 + 1 + k);
        let proving = circuit
            .clone()
            .with_committed_values(&[w])
            .unwrap()
            .with_blinding(blind());
        let cs = synth::run(
            proving.clone(),
            SynthesisMode::Prove {
                construct_matrices: true,
                generate_lc_assignments: true,
            },
        )
        .unwrap();
        assert_eq!(cs.num_constraints(), constraints);
        assert_eq!(cs.num_instance_variables(), 1 + 1 + 1 + k);
        // The assignment is (1, w, v, p_1..p_k), in that order.
        let mut expected = vec![Fr::from(1u64)];
        expected.extend(proving.instance().unwrap());
        assert_eq!(cs.instance_assignment().unwrap(), expected);
        assert_eq!(proving.instance().unwrap()[..2], [w, blind()]);
    }

    /// Missing witness in proving mode is an error, not a panic; wrong value count rejected.
    pub(crate) fn check_witness_errors<C: PredicateCircuit>(circuit: &C) {
        assert!(is_satisfied(circuit.clone()).is_err());
        assert!(is_satisfied(circuit.clone().with_blinding(blind())).is_err());
        assert!(circuit.clone().with_committed_values(&[]).is_err());
        assert!(circuit
            .clone()
            .with_committed_values(&[Fr::from(1u64), Fr::from(2u64)])
            .is_err());
    }
}
