//! Proleptic Gregorian dates as day counts since 1970-01-01.
//!
//! DESIGN ("Encoding attributes as scalars"): a date is the number of days since 1970-01-01 in
//! the proleptic Gregorian calendar (day 0 is 1970-01-01, day -1 is 1969-12-31). Conversions
//! are exact integer arithmetic on 400-year eras (146 097 days each) and never panic: years are
//! limited to [`MIN_YEAR`]`..=`[`MAX_YEAR`], so every day count fits easily in 32 signed bits.

use crate::error::CircuitError;

/// Earliest supported year (astronomical numbering: year 0 is 1 BC).
pub const MIN_YEAR: i64 = -1_000_000;
/// Latest supported year.
pub const MAX_YEAR: i64 = 1_000_000;

/// Days in a 400-year Gregorian era.
const DAYS_PER_ERA: i64 = 146_097;
/// Days from 0000-03-01 (start of the era-aligned count) to 1970-01-01.
const UNIX_EPOCH_SHIFT: i64 = 719_468;

/// Whether `year` has a 29 February: divisible by 4, except centuries not divisible by 400.
pub fn is_leap_year(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// Number of days of `month` (1..=12) in `year`, or `None` for a month outside 1..=12.
pub fn days_in_month(year: i64, month: u32) -> Option<u32> {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => Some(31),
        4 | 6 | 9 | 11 => Some(30),
        2 if is_leap_year(year) => Some(29),
        2 => Some(28),
        _ => None,
    }
}

/// Days since 1970-01-01 of the date `year-month-day`.
///
/// With the year starting on 1 March (so a leap day is the last day of its year),
/// `days = 146097·era + 365·yoe + ⌊yoe/4⌋ − ⌊yoe/100⌋ + day_of_year − 719468`.
/// Rejects invalid dates and years outside `MIN_YEAR..=MAX_YEAR`.
pub fn days_from_civil(year: i64, month: u32, day: u32) -> Result<i64, CircuitError> {
    if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
        return Err(CircuitError::DateOutOfRange);
    }
    let valid = days_in_month(year, month).is_some_and(|n| (1..=n).contains(&day));
    if !valid {
        return Err(CircuitError::InvalidDate { year, month, day });
    }
    let (m, d) = (i64::from(month), i64::from(day));
    // Years begin on 1 March: January and February belong to the previous year.
    let y = if m <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400; // 0..=399
    let month_from_march = (m + 9) % 12; // March = 0 .. February = 11
    let day_of_year = (153 * month_from_march + 2) / 5 + d - 1; // 0..=365
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    Ok(era * DAYS_PER_ERA + day_of_era - UNIX_EPOCH_SHIFT)
}

/// The date `(year, month, day)` that is `days` days after 1970-01-01; the inverse of
/// [`days_from_civil`]. Rejects day counts outside the supported years.
pub fn civil_from_days(days: i64) -> Result<(i64, u32, u32), CircuitError> {
    if !(min_days()..=max_days()).contains(&days) {
        return Err(CircuitError::DateOutOfRange);
    }
    let z = days + UNIX_EPOCH_SHIFT;
    let era = z.div_euclid(DAYS_PER_ERA);
    let day_of_era = z - era * DAYS_PER_ERA; // 0..=146096
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153; // 0..=11
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1; // 1..=31
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    // Both are small and positive by construction; the conversions cannot fail.
    let month = u32::try_from(month).map_err(|_| CircuitError::DateOutOfRange)?;
    let day = u32::try_from(day).map_err(|_| CircuitError::DateOutOfRange)?;
    Ok((year, month, day))
}

/// Day count of `MIN_YEAR`-01-01.
fn min_days() -> i64 {
    // Valid by construction of the constants.
    days_from_civil(MIN_YEAR, 1, 1).unwrap_or(i64::MIN)
}

/// Day count of `MAX_YEAR`-12-31.
fn max_days() -> i64 {
    days_from_civil(MAX_YEAR, 12, 31).unwrap_or(i64::MAX)
}

/// A valid proleptic Gregorian date; ordered chronologically.
///
/// Its scalar is its day count since 1970-01-01, encoded as an integer (see
/// [`crate::encoding::encode_date`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    // Field order makes the derived ordering chronological.
    year: i64,
    month: u32,
    day: u32,
}

impl Date {
    /// The date `year-month-day`; fails on an invalid date or a year out of range.
    pub fn new(year: i64, month: u32, day: u32) -> Result<Self, CircuitError> {
        days_from_civil(year, month, day)?;
        Ok(Date { year, month, day })
    }

    /// The date `days` days after 1970-01-01 (negative: before).
    pub fn from_days(days: i64) -> Result<Self, CircuitError> {
        let (year, month, day) = civil_from_days(days)?;
        Ok(Date { year, month, day })
    }

    /// Days since 1970-01-01.
    pub fn days(&self) -> i64 {
        // A `Date` is valid by construction.
        days_from_civil(self.year, self.month, self.day).unwrap_or(0)
    }

    /// The year (astronomical numbering).
    pub fn year(&self) -> i64 {
        self.year
    }

    /// The month, 1..=12.
    pub fn month(&self) -> u32 {
        self.month
    }

    /// The day of the month, 1..=31.
    pub fn day(&self) -> u32 {
        self.day
    }

    /// The date `n` days later (earlier for negative `n`); fails outside the supported years.
    pub fn add_days(&self, n: i64) -> Result<Self, CircuitError> {
        let days = self
            .days()
            .checked_add(n)
            .ok_or(CircuitError::DateOutOfRange)?;
        Date::from_days(days)
    }
}

/// `YYYY-MM-DD`: at least four year digits, `-` before a negative (astronomical) year, as
/// `-0044-03-15`.
impl core::fmt::Display for Date {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let sign = if self.year < 0 { "-" } else { "" };
        write!(
            f,
            "{sign}{:04}-{:02}-{:02}",
            self.year.unsigned_abs(),
            self.month,
            self.day
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_days() {
        assert_eq!(days_from_civil(1970, 1, 1), Ok(0));
        assert_eq!(days_from_civil(1969, 12, 31), Ok(-1));
        assert_eq!(days_from_civil(2000, 3, 1), Ok(11_017));
        assert_eq!(days_from_civil(2024, 2, 29), Ok(19_782));
        assert_eq!(days_from_civil(1900, 1, 1), Ok(-25_567));
        assert_eq!(days_from_civil(0, 3, 1), Ok(-UNIX_EPOCH_SHIFT));
    }

    /// Walks day by day from 1599-01-01 to 2401-12-31 with a naive successor and checks both
    /// conversions at every step (covers 1600 and 2000 leap, 1700/1800/1900/2100 not leap).
    #[test]
    fn day_by_day_agrees_with_naive_calendar() {
        let (mut y, mut m, mut d) = (1599_i64, 1_u32, 1_u32);
        let mut n = days_from_civil(y, m, d).unwrap();
        while y <= 2401 {
            assert_eq!(days_from_civil(y, m, d), Ok(n));
            assert_eq!(civil_from_days(n), Ok((y, m, d)));
            // naive successor
            d += 1;
            if d > days_in_month(y, m).unwrap() {
                d = 1;
                m += 1;
                if m > 12 {
                    m = 1;
                    y += 1;
                }
            }
            n += 1;
        }
    }

    #[test]
    fn round_trip_far_dates_and_negative_years() {
        for days in [
            -365_000_000,
            -1_000_000,
            -719_469,
            -1,
            0,
            1,
            50_000,
            300_000_000,
        ] {
            let (y, m, d) = civil_from_days(days).unwrap();
            assert_eq!(days_from_civil(y, m, d), Ok(days));
        }
        assert_eq!(civil_from_days(-719_469), Ok((0, 2, 29))); // year 0 is a leap year
        let lo = days_from_civil(MIN_YEAR, 1, 1).unwrap();
        let hi = days_from_civil(MAX_YEAR, 12, 31).unwrap();
        assert!(lo > -(1 << 31) && hi < (1 << 31));
        assert_eq!(civil_from_days(lo - 1), Err(CircuitError::DateOutOfRange));
        assert_eq!(civil_from_days(hi + 1), Err(CircuitError::DateOutOfRange));
        assert_eq!(civil_from_days(i64::MIN), Err(CircuitError::DateOutOfRange));
        assert_eq!(civil_from_days(i64::MAX), Err(CircuitError::DateOutOfRange));
    }

    #[test]
    fn invalid_dates_are_errors() {
        for (y, m, d) in [
            (2023, 2, 29),
            (1900, 2, 29),
            (2024, 2, 30),
            (2024, 4, 31),
            (2024, 0, 1),
            (2024, 13, 1),
            (2024, 1, 0),
            (2024, 1, 32),
        ] {
            assert!(matches!(
                Date::new(y, m, d),
                Err(CircuitError::InvalidDate { .. })
            ));
        }
        assert!(Date::new(2000, 2, 29).is_ok());
        assert_eq!(Date::new(i64::MAX, 1, 1), Err(CircuitError::DateOutOfRange));
        assert_eq!(
            Date::new(MIN_YEAR - 1, 1, 1),
            Err(CircuitError::DateOutOfRange)
        );
    }

    #[test]
    fn date_ordering_and_arithmetic() {
        let a = Date::new(2024, 2, 28).unwrap();
        let b = a.add_days(1).unwrap();
        assert_eq!(b, Date::new(2024, 2, 29).unwrap());
        assert_eq!(b.add_days(1).unwrap(), Date::new(2024, 3, 1).unwrap());
        assert!(a < b);
        assert_eq!(b.to_string(), "2024-02-29");
        assert!(a.add_days(i64::MAX).is_err());
    }
}
