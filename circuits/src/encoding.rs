//! Attribute values as 64-bit integers, and the value domains the circuits range-check.
//!
//! DESIGN ("Encoding attributes as scalars"): an `i64` attribute `x` is the unsigned 64-bit
//! number `x + 2^63`, and a date is its day count since 1970-01-01 encoded as such an integer.
//! A circuit interprets its hidden value `w` in a [`ValueDomain`] `[offset, offset + 2^bits)`
//! and range-checks `w − offset` with exactly `bits` bits, so the width of every range check
//! is the width of the data (32 bits for dates and day counts, 64 for full integers).

use crate::date::Date;
use crate::error::CircuitError;

/// `2^63`, the shift that maps `i64` onto `u64` order-preservingly.
pub const I64_SHIFT: u64 = 1 << 63;

/// The scalar of an `i64` attribute: `x + 2^63` as a `u64` (order-preserving).
pub fn encode_i64(x: i64) -> u64 {
    // Two's complement reinterpretation, then flip the sign bit: x + 2^63 mod 2^64.
    (x as u64) ^ I64_SHIFT
}

/// Inverse of [`encode_i64`]: `u − 2^63` as an `i64`.
pub fn decode_i64(u: u64) -> i64 {
    (u ^ I64_SHIFT) as i64
}

/// The scalar of a date attribute: `encode_i64(days since 1970-01-01)`.
pub fn encode_date(date: Date) -> u64 {
    encode_i64(date.days())
}

/// The integers `[offset, offset + 2^bits)` that a circuit accepts as hidden values.
///
/// `1 <= bits <= 64` and `offset + 2^bits <= 2^64`. Because `2^bits` is far below the group
/// order `r ≈ 2^255`, a `bits`-bit decomposition of `w − offset` is unique and cannot alias.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ValueDomain {
    offset: u64,
    bits: u32,
}

impl ValueDomain {
    /// Every `u64` (also every encoded `i64`): `[0, 2^64)`, 64-bit checks.
    pub const U64: ValueDomain = ValueDomain {
        offset: 0,
        bits: 64,
    };

    /// Dates and signed day counts encoded with [`encode_i64`]: days in `[-2^31, 2^31)`, that is
    /// `[2^63 − 2^31, 2^63 + 2^31)`, 32-bit checks. Every [`Date`] lies in it.
    pub const DATE: ValueDomain = ValueDomain {
        offset: I64_SHIFT - (1 << 31),
        bits: 32,
    };

    /// The domain `[offset, offset + 2^bits)`; fails unless `1 <= bits <= 64` and the domain
    /// ends at or below `2^64`.
    pub fn new(offset: u64, bits: u32) -> Result<Self, CircuitError> {
        if !(1..=crate::bits::MAX_RANGE_BITS).contains(&bits) {
            return Err(CircuitError::InvalidBitWidth(bits));
        }
        if u128::from(offset) + (1u128 << bits) > 1u128 << 64 {
            return Err(CircuitError::InvalidDomain { offset, bits });
        }
        Ok(ValueDomain { offset, bits })
    }

    /// Unsigned values `[0, 2^bits)` (plain `u64` codes or counts).
    pub fn unsigned(bits: u32) -> Result<Self, CircuitError> {
        ValueDomain::new(0, bits)
    }

    /// Encoded `i64` values `x` with `-2^(bits-1) <= x < 2^(bits-1)`, that is
    /// `[2^63 − 2^(bits-1), 2^63 + 2^(bits-1))`.
    pub fn signed(bits: u32) -> Result<Self, CircuitError> {
        if !(1..=crate::bits::MAX_RANGE_BITS).contains(&bits) {
            return Err(CircuitError::InvalidBitWidth(bits));
        }
        ValueDomain::new(I64_SHIFT - (1u64 << (bits - 1)), bits)
    }

    /// The lowest value, `offset`.
    pub const fn offset(&self) -> u64 {
        self.offset
    }

    /// The range-check width.
    pub const fn bits(&self) -> u32 {
        self.bits
    }

    /// The highest value, `offset + 2^bits − 1`.
    pub const fn max(&self) -> u64 {
        // Cannot overflow: checked in `new`.
        self.offset + (u64::MAX >> (64 - self.bits))
    }

    /// Whether `offset <= x < offset + 2^bits`.
    pub const fn contains(&self, x: u64) -> bool {
        x >= self.offset && x <= self.max()
    }

    /// `Ok(x)` if `x` is in the domain, else [`CircuitError::OutOfDomain`].
    pub fn check(&self, x: u64) -> Result<u64, CircuitError> {
        if self.contains(x) {
            Ok(x)
        } else {
            Err(CircuitError::OutOfDomain {
                value: x,
                domain: *self,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn i64_encoding_is_order_preserving() {
        assert_eq!(encode_i64(i64::MIN), 0);
        assert_eq!(encode_i64(-1), I64_SHIFT - 1);
        assert_eq!(encode_i64(0), I64_SHIFT);
        assert_eq!(encode_i64(i64::MAX), u64::MAX);
        for x in [i64::MIN, -5, 0, 7, i64::MAX] {
            assert_eq!(decode_i64(encode_i64(x)), x);
        }
    }

    #[test]
    fn domains() {
        assert_eq!(ValueDomain::signed(32), Ok(ValueDomain::DATE));
        assert_eq!(ValueDomain::unsigned(64), Ok(ValueDomain::U64));
        assert_eq!(ValueDomain::U64.max(), u64::MAX);
        assert!(ValueDomain::DATE.contains(encode_i64(-(1 << 31))));
        assert!(ValueDomain::DATE.contains(encode_i64((1 << 31) - 1)));
        assert!(!ValueDomain::DATE.contains(encode_i64(1 << 31)));
        assert!(!ValueDomain::DATE.contains(encode_i64(-(1 << 31) - 1)));
        assert!(ValueDomain::new(1, 64).is_err());
        assert!(ValueDomain::new(0, 0).is_err());
        assert!(ValueDomain::new(0, 65).is_err());
        assert!(ValueDomain::signed(0).is_err());
        assert_eq!(
            ValueDomain::new(u64::MAX, 1).map(|d| d.bits()),
            Err(CircuitError::InvalidDomain {
                offset: u64::MAX,
                bits: 1
            })
        );
        let d = Date::new(1950, 6, 1).unwrap();
        assert!(ValueDomain::DATE.contains(encode_date(d)));
        assert_eq!(
            ValueDomain::DATE.check(0),
            Err(CircuitError::OutOfDomain {
                value: 0,
                domain: ValueDomain::DATE
            })
        );
    }
}
