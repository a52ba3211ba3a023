//! Predicates on credential messages: what a verifier asks, the circuit that proves it, and
//! its direct evaluation on a value (for disclosed messages, and for the holder's refusal to
//! prove a false statement).

use ark_ff::PrimeField;
use ark_relations::gr1cs::{ConstraintSynthesizer, ConstraintSystemRef, SynthesisError};
use zkcred_circuits::{
    age_cutoff, encode_date, encode_i64, AgeAtLeast, CircuitError, CmpOp, Comparison, Date,
    LeapDayRule, NotEqual, PredicateCircuit, Range, SetLayout, SetMembership, SetNonMembership,
    ValueDomain,
};
use zkcred_snark::{CircuitId, Fr};

/// The scalar of an `i64` attribute (DESIGN, "Encoding"): `x + 2^63` as a `u64`, in `Fr`.
pub fn scalar_from_i64(x: i64) -> Fr {
    Fr::from(encode_i64(x))
}

/// The scalar of a date attribute: `encode_i64(days since 1970-01-01)`, in `Fr`.
pub fn scalar_from_date(date: Date) -> Fr {
    Fr::from(encode_date(date))
}

/// The `u64` an enumeration code is signed as: `code + 2^63`, the integer encoding of the
/// credential layer ([`crate::credential::encode_enum_code`]); codes are `0..=2^63 − 1`.
/// `None` for larger codes.
pub fn encode_code(code: u64) -> Option<u64> {
    i64::try_from(code).ok().map(encode_i64)
}

/// The scalar of an enumeration code (a province code, ...): `code + 2^63`, as the credential
/// layer signs it. Set predicates over codes take [`encode_code`] values
/// ([`Predicate::in_code_set`]). For a code above `2^63 − 1` (which no schema allows) this is
/// still `code + 2^63` in the field, outside every circuit's domain.
pub fn scalar_from_code(code: u64) -> Fr {
    Fr::from(code) + Fr::from(1u64 << 63)
}

/// `w` as a `u64` if `w < 2^64`, else `None` (a scalar no integer attribute encodes to).
fn to_u64(w: &Fr) -> Option<u64> {
    let limbs = w.into_bigint().0;
    if limbs[1..].iter().all(|&l| l == 0) {
        Some(limbs[0])
    } else {
        None
    }
}

/// A predicate on one message `w` of a credential (values in the encoding of DESIGN.md).
///
/// Each kind maps to one circuit of `zkcred-circuits` ([`Predicate::circuit`]), with `t = 1`
/// committed value; its public parameters `p` come from the predicate, never from the holder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Predicate {
    /// At least `years` old on `today`, for a birth date `w`: `w ≤ age_cutoff(today, years)`
    /// ([`AgeAtLeast`], 66 constraints, `p = (cutoff)`).
    AgeAtLeast {
        /// The day the age is evaluated on.
        today: Date,
        /// The age in years.
        years: u32,
        /// When 29 February birthdays fall in common years.
        rule: LeapDayRule,
    },
    /// `w op bound`, `w` an integer of `domain` ([`Comparison`], `2n + 2` constraints,
    /// `p = (bound)`).
    Compare {
        /// The operator, `w` on the left.
        op: CmpOp,
        /// The bound, encoded.
        bound: u64,
        /// The value domain (fixes the range-check width `n`).
        domain: ValueDomain,
    },
    /// `lo ≤ w ≤ hi` ([`Range`], `2n + 2` constraints, `p = (lo, hi)`).
    Range {
        /// Lower end, inclusive, encoded.
        lo: u64,
        /// Upper end, inclusive, encoded.
        hi: u64,
        /// The value domain.
        domain: ValueDomain,
    },
    /// `w ∈ S`: `Π (w − s_i) = 0` ([`SetMembership`], `|S| − 1` constraints).
    InSet {
        /// The encoded values of `S` (at most 64): for enumerations, [`encode_code`] of the
        /// codes.
        set: Vec<u64>,
        /// Set compiled into the circuit, or given as public parameters.
        layout: SetLayout,
    },
    /// `w ∉ S`: `Π (w − s_i)·u = 1` ([`SetNonMembership`], `|S|` constraints).
    NotInSet {
        /// The encoded values of `S` (at most 64), as for `InSet`.
        set: Vec<u64>,
        /// Set compiled into the circuit, or given as public parameters.
        layout: SetLayout,
    },
    /// `w ≠ value` as field elements ([`NotEqual`], 1 constraint, `p = (value)`).
    NotEqual {
        /// The excluded scalar.
        value: Fr,
    },
}

impl Predicate {
    /// At least `years` old on `today` (29 February birthdays on 1 March in common years).
    pub fn age_at_least(today: Date, years: u32) -> Self {
        Predicate::AgeAtLeast {
            today,
            years,
            rule: LeapDayRule::MarchFirst,
        }
    }

    /// `w op bound` for an `i64` attribute (64-bit range checks, 130 constraints).
    pub fn compare_i64(op: CmpOp, bound: i64) -> Self {
        Predicate::Compare {
            op,
            bound: encode_i64(bound),
            domain: ValueDomain::U64,
        }
    }

    /// `w op bound` for a date attribute (32-bit range checks, 66 constraints).
    pub fn compare_date(op: CmpOp, bound: Date) -> Self {
        Predicate::Compare {
            op,
            bound: encode_date(bound),
            domain: ValueDomain::DATE,
        }
    }

    /// `lo ≤ w ≤ hi` for an `i64` attribute (130 constraints).
    pub fn range_i64(lo: i64, hi: i64) -> Self {
        Predicate::Range {
            lo: encode_i64(lo),
            hi: encode_i64(hi),
            domain: ValueDomain::U64,
        }
    }

    /// `lo ≤ w ≤ hi` for a date attribute (66 constraints).
    pub fn range_date(lo: Date, hi: Date) -> Self {
        Predicate::Range {
            lo: encode_date(lo),
            hi: encode_date(hi),
            domain: ValueDomain::DATE,
        }
    }

    /// `w ∈ set` (encoded values, see [`Predicate::in_code_set`] for enumeration codes), the
    /// set compiled into the circuit (one setup per set).
    pub fn in_set(set: &[u64]) -> Self {
        Predicate::InSet {
            set: set.to_vec(),
            layout: SetLayout::Fixed,
        }
    }

    /// `w ∉ set`, the set compiled into the circuit (one setup per set).
    pub fn not_in_set(set: &[u64]) -> Self {
        Predicate::NotInSet {
            set: set.to_vec(),
            layout: SetLayout::Fixed,
        }
    }

    /// `w ∈ codes` for an enumeration attribute: the set of [`encode_code`] values. Codes
    /// above `2^63 − 1` match nothing (they are left out).
    pub fn in_code_set(codes: &[u64]) -> Self {
        let set: Vec<u64> = codes.iter().filter_map(|c| encode_code(*c)).collect();
        Self::in_set(&set)
    }

    /// `w ∉ codes` for an enumeration attribute (see [`Predicate::in_code_set`]).
    pub fn not_in_code_set(codes: &[u64]) -> Self {
        let set: Vec<u64> = codes.iter().filter_map(|c| encode_code(*c)).collect();
        Self::not_in_set(&set)
    }

    /// `w ≠ value`.
    pub fn not_equal(value: Fr) -> Self {
        Predicate::NotEqual { value }
    }

    /// The circuit that proves this predicate, without a witness (what setup needs).
    pub fn circuit(&self) -> Result<AnyCircuit, CircuitError> {
        Ok(match self {
            Predicate::AgeAtLeast { today, years, rule } => {
                AnyCircuit::AgeAtLeast(AgeAtLeast::with_rule(*today, *years, *rule)?)
            }
            Predicate::Compare { op, bound, domain } => {
                AnyCircuit::Comparison(Comparison::new(*op, *bound, *domain)?)
            }
            Predicate::Range { lo, hi, domain } => {
                AnyCircuit::Range(Range::new(*lo, *hi, *domain)?)
            }
            Predicate::InSet { set, layout } => {
                AnyCircuit::InSet(SetMembership::new(set, *layout)?)
            }
            Predicate::NotInSet { set, layout } => {
                AnyCircuit::NotInSet(SetNonMembership::new(set, *layout)?)
            }
            Predicate::NotEqual { value } => AnyCircuit::NotEqual(NotEqual::new(*value)),
        })
    }

    /// `CircuitId::new(descriptor, 1)`: the id of the circuit (and so of the Groth16 keys) this
    /// predicate needs. Predicates that differ only in public parameters share it.
    pub fn circuit_id(&self) -> Result<CircuitId, CircuitError> {
        Ok(self.circuit()?.circuit_id())
    }

    /// The public parameters `p_1..p_k` in instance order.
    pub fn public_params(&self) -> Result<Vec<Fr>, CircuitError> {
        Ok(self.circuit()?.public_params())
    }

    /// Whether the predicate holds for the message scalar `w`, evaluated directly (the
    /// verifier does this on disclosed messages; the holder before proving). Agrees with the
    /// circuit: integers must lie in the predicate's domain.
    pub fn holds(&self, w: &Fr) -> Result<bool, CircuitError> {
        // Validates the parameters exactly as the circuit's constructor does.
        let _ = self.circuit()?;
        let x = to_u64(w);
        Ok(match self {
            Predicate::AgeAtLeast { today, years, rule } => {
                let cutoff = encode_date(age_cutoff(*today, *years, *rule)?);
                x.is_some_and(|x| ValueDomain::DATE.contains(x) && x <= cutoff)
            }
            Predicate::Compare { op, bound, domain } => {
                x.is_some_and(|x| domain.contains(x) && op.holds(x, *bound))
            }
            Predicate::Range { lo, hi, domain } => {
                x.is_some_and(|x| domain.contains(x) && *lo <= x && x <= *hi)
            }
            Predicate::InSet { set, .. } => set.iter().any(|s| Fr::from(*s) == *w),
            Predicate::NotInSet { set, .. } => !set.iter().any(|s| Fr::from(*s) == *w),
            Predicate::NotEqual { value } => w != value,
        })
    }
}

/// A predicate on message `message_index` of the credential: one entry of a request.
///
/// On a hidden message it is proven with a Groth16 proof linked to the BBS proof; on a
/// disclosed message the verifier evaluates it on the disclosed value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PredicateStatement {
    /// Index of the message in the credential (0-based, as in the BBS proof).
    pub message_index: usize,
    /// What is claimed about it.
    pub predicate: Predicate,
}

impl PredicateStatement {
    /// `predicate` on message `message_index`.
    pub fn new(message_index: usize, predicate: Predicate) -> Self {
        PredicateStatement {
            message_index,
            predicate,
        }
    }
}

/// Any circuit of `zkcred-circuits`, as one type (what [`Predicate::circuit`] returns).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AnyCircuit {
    /// [`Comparison`].
    Comparison(Comparison),
    /// [`Range`].
    Range(Range),
    /// [`AgeAtLeast`] (the same R1CS as a date `Le` comparison).
    AgeAtLeast(AgeAtLeast),
    /// [`SetMembership`].
    InSet(SetMembership),
    /// [`SetNonMembership`].
    NotInSet(SetNonMembership),
    /// [`NotEqual`].
    NotEqual(NotEqual),
}

macro_rules! dispatch {
    ($self:expr, $c:ident => $e:expr) => {
        match $self {
            AnyCircuit::Comparison($c) => $e,
            AnyCircuit::Range($c) => $e,
            AnyCircuit::AgeAtLeast($c) => $e,
            AnyCircuit::InSet($c) => $e,
            AnyCircuit::NotInSet($c) => $e,
            AnyCircuit::NotEqual($c) => $e,
        }
    };
}

macro_rules! dispatch_map {
    ($self:expr, $c:ident => $e:expr) => {
        match $self {
            AnyCircuit::Comparison($c) => AnyCircuit::Comparison($e),
            AnyCircuit::Range($c) => AnyCircuit::Range($e),
            AnyCircuit::AgeAtLeast($c) => AnyCircuit::AgeAtLeast($e),
            AnyCircuit::InSet($c) => AnyCircuit::InSet($e),
            AnyCircuit::NotInSet($c) => AnyCircuit::NotInSet($e),
            AnyCircuit::NotEqual($c) => AnyCircuit::NotEqual($e),
        }
    };
}

impl AnyCircuit {
    /// `CircuitId::new(id_descriptor, t)`.
    pub fn circuit_id(&self) -> CircuitId {
        CircuitId::new(&self.id_descriptor(), self.num_committed())
    }
}

impl ConstraintSynthesizer<Fr> for AnyCircuit {
    fn generate_constraints(self, cs: ConstraintSystemRef<Fr>) -> Result<(), SynthesisError> {
        dispatch!(self, c => c.generate_constraints(cs))
    }
}

impl PredicateCircuit for AnyCircuit {
    fn id_descriptor(&self) -> Vec<u8> {
        dispatch!(self, c => c.id_descriptor())
    }

    fn num_committed(&self) -> usize {
        dispatch!(self, c => c.num_committed())
    }

    fn public_params(&self) -> Vec<Fr> {
        dispatch!(self, c => c.public_params())
    }

    fn num_constraints(&self) -> usize {
        dispatch!(self, c => c.num_constraints())
    }

    fn committed_values(&self) -> Option<Vec<Fr>> {
        dispatch!(self, c => c.committed_values())
    }

    fn blinding(&self) -> Option<Fr> {
        dispatch!(self, c => c.blinding())
    }

    fn with_committed_values(self, values: &[Fr]) -> Result<Self, CircuitError> {
        Ok(dispatch_map!(self, c => c.with_committed_values(values)?))
    }

    fn with_blinding(self, v: Fr) -> Self {
        dispatch_map!(self, c => c.with_blinding(v))
    }
}
