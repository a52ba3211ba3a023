//! How encoded values read in messages: a date domain's values as `YYYY-MM-DD`, signed
//! domains' values as the integers they encode, never the encoded `u64` (`x + 2^63`).

use crate::date::Date;
use crate::encoding::{decode_i64, ValueDomain, I64_SHIFT};

/// The value `x` of `domain` as a person reads it:
///
/// - in [`ValueDomain::DATE`]: the date `YYYY-MM-DD` whose day count `x` encodes, or
///   `day count N` for a count outside the supported years;
/// - in a domain that reaches `2^63` (every signed domain, and [`ValueDomain::U64`], which
///   holds the encoded `i64`s): the integer `x − 2^63` ([`decode_i64`]);
/// - in an unsigned domain below `2^63` (plain codes and counts): `x` itself.
pub fn describe_value(x: u64, domain: ValueDomain) -> String {
    if domain == ValueDomain::DATE {
        let days = decode_i64(x);
        return match Date::from_days(days) {
            Ok(date) => date.to_string(),
            Err(_) => format!("day count {days}"),
        };
    }
    if domain.max() >= I64_SHIFT {
        decode_i64(x).to_string()
    } else {
        x.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encoding::{encode_date, encode_i64};

    #[test]
    fn dates_integers_and_codes_read_as_themselves() {
        let d = Date::new(2001, 4, 2).unwrap();
        assert_eq!(
            describe_value(encode_date(d), ValueDomain::DATE),
            "2001-04-02"
        );
        let bc = Date::new(-44, 3, 15).unwrap();
        assert_eq!(
            describe_value(encode_date(bc), ValueDomain::DATE),
            "-0044-03-15"
        );
        assert_eq!(
            describe_value(encode_i64(3_000_000_000), ValueDomain::DATE),
            "day count 3000000000"
        );
        assert_eq!(describe_value(encode_i64(-5), ValueDomain::U64), "-5");
        assert_eq!(describe_value(encode_i64(42), ValueDomain::U64), "42");
        let signed = ValueDomain::signed(16).unwrap();
        assert_eq!(describe_value(encode_i64(-300), signed), "-300");
        let codes = ValueDomain::unsigned(16).unwrap();
        assert_eq!(describe_value(89, codes), "89");
    }
}
