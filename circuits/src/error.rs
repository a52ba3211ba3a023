//! Errors of this crate.

use crate::describe::describe_value;
use crate::encoding::ValueDomain;
use ark_relations::gr1cs::SynthesisError;

/// Everything that can go wrong when building, configuring or checking a circuit.
///
/// Constructors validate their parameters and return one of these instead of panicking.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CircuitError {
    /// A (year, month, day) triple that is not a date of the proleptic Gregorian calendar.
    #[error("invalid date {year:04}-{month:02}-{day:02}")]
    InvalidDate {
        /// The year given.
        year: i64,
        /// The month given (1..=12 expected).
        month: u32,
        /// The day given (1..=days in that month expected).
        day: u32,
    },
    /// A date (or day count) outside the supported years `MIN_YEAR..=MAX_YEAR`.
    #[error("date out of the supported range")]
    DateOutOfRange,
    /// A range-check width outside `1..=MAX_RANGE_BITS`.
    #[error("bit width {0} is not in 1..=64")]
    InvalidBitWidth(u32),
    /// A value domain `[offset, offset + 2^bits)` that does not fit in 64 bits.
    #[error("value domain [{offset}, {offset} + 2^{bits}) exceeds 2^64")]
    InvalidDomain {
        /// The offset given.
        offset: u64,
        /// The width given.
        bits: u32,
    },
    /// A public bound or endpoint outside the circuit's value domain. Shown as the value it
    /// encodes ([`describe_value`]).
    #[error(
        "public value {} is outside the circuit's value domain {}..={}",
        describe_value(*.value, *.domain),
        describe_value(.domain.offset(), *.domain),
        describe_value(.domain.max(), *.domain)
    )]
    OutOfDomain {
        /// The encoded value.
        value: u64,
        /// The domain.
        domain: ValueDomain,
    },
    /// A range whose lower end is above its upper end. Shown as the values the ends encode
    /// (dates as `YYYY-MM-DD`, integers as integers).
    #[error(
        "empty range: the lower end {} is above the upper end {}",
        describe_value(*.lo, *.domain),
        describe_value(*.hi, *.domain)
    )]
    EmptyRange {
        /// Lower end (inclusive), encoded.
        lo: u64,
        /// Upper end (inclusive), encoded.
        hi: u64,
        /// The domain of both ends.
        domain: ValueDomain,
    },
    /// A set with no element (membership would be unsatisfiable, non-membership trivial).
    #[error("the set is empty")]
    EmptySet,
    /// A set with more distinct elements than the circuit holds.
    #[error("the set has {len} distinct elements, more than the {max} allowed")]
    SetTooLarge {
        /// Distinct elements given.
        len: usize,
        /// The limit (the capacity, or `MAX_SET_SIZE`).
        max: usize,
    },
    /// A set capacity outside `1..=MAX_SET_SIZE`.
    #[error("set capacity {0} is not in 1..=64")]
    InvalidCapacity(usize),
    /// The wrong number of committed values for this circuit.
    #[error("expected {expected} committed values, got {got}")]
    WrongNumberOfValues {
        /// Values the circuit commits to (t).
        expected: usize,
        /// Values given.
        got: usize,
    },
    /// Constraint synthesis failed (for example a witness was missing in proving mode).
    #[error("constraint synthesis failed: {0}")]
    Synthesis(SynthesisError),
}

impl From<SynthesisError> for CircuitError {
    fn from(e: SynthesisError) -> Self {
        CircuitError::Synthesis(e)
    }
}
