//! Dates as `YYYY-MM-DD` text (JSON) over [`zkcred_circuits::Date`].
//!
//! The text form is ISO 8601's calendar date with an astronomical year of at least four
//! digits and an optional leading `-` (year 0 is 1 BC): `2001-04-02`, `-0044-03-15`. Years
//! are limited to the circuits' `MIN_YEAR..=MAX_YEAR`.

use super::error::{CredentialError, Result};
use zkcred_circuits::Date;

/// `date` as `YYYY-MM-DD` (at least four year digits, `-` before negative years).
pub fn format_date(date: Date) -> String {
    let year = date.year();
    let sign = if year < 0 { "-" } else { "" };
    format!(
        "{sign}{:04}-{:02}-{:02}",
        year.unsigned_abs(),
        date.month(),
        date.day()
    )
}

/// Parses `YYYY-MM-DD` (see the module docs); refuses anything else with
/// [`CredentialError::InvalidDate`].
pub fn parse_date(text: &str) -> Result<Date> {
    let invalid = || CredentialError::InvalidDate(text.chars().take(40).collect());
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let mut parts = rest.split('-');
    let (y, m, d) = match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(y), Some(m), Some(d), None) => (y, m, d),
        _ => return Err(invalid()),
    };
    let digits = |s: &str, lens: core::ops::RangeInclusive<usize>| {
        lens.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(y, 4..=7) || !digits(m, 2..=2) || !digits(d, 2..=2) {
        return Err(invalid());
    }
    let year: i64 = y.parse().map_err(|_| invalid())?;
    let month: u32 = m.parse().map_err(|_| invalid())?;
    let day: u32 = d.parse().map_err(|_| invalid())?;
    let year = if negative { -year } else { year };
    Date::new(year, month, day).map_err(|_| invalid())
}

/// Serde for a [`Date`] field as `YYYY-MM-DD` (`#[serde(with = "date_text")]`).
pub(crate) mod date_text {
    use super::{format_date, parse_date};
    use serde::{Deserialize, Deserializer, Serializer};
    use zkcred_circuits::Date;

    /// Writes `YYYY-MM-DD`.
    pub(crate) fn serialize<S: Serializer>(date: &Date, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format_date(*date))
    }

    /// Reads `YYYY-MM-DD`.
    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let text = String::deserialize(d)?;
        parse_date(&text).map_err(serde::de::Error::custom)
    }
}
