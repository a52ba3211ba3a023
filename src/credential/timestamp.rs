//! [`Timestamp`]: a UTC instant in whole seconds, written in JSON as RFC 3339 with `Z`, e.g.
//! `"2026-11-30T06:40:00Z"`.
//!
//! The text form is exactly `YYYY-MM-DDTHH:MM:SSZ`: uppercase `T` and `Z`, no fraction of a
//! second, no numeric offset. Anything else is refused rather than normalised, even when it
//! names the same instant (`+00:00`, `+07:00`, `.000`): a timestamp is part of the request
//! that the request id hashes and the verifier signs, so one instant has one spelling. The
//! syntax and the calendar (days per month, leap years) are checked by the `time` crate's
//! RFC 3339 parser; leap seconds (`23:59:60`) are refused. Instants are limited to
//! [`Timestamp::MIN`]`..=`[`Timestamp::MAX`] (1970 to the end of year 9999, UTC).

use super::error::{CredentialError, Result};
use super::json::clip;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;
use zkcred_circuits::Date;

/// Seconds in a day.
const DAY_SECONDS: i64 = 86_400;

/// A UTC instant: whole seconds since 1970-01-01T00:00:00Z (leap seconds not counted, as
/// Unix time). Ordered chronologically; `Display` and JSON give RFC 3339 with `Z`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(i64);

impl Timestamp {
    /// The earliest timestamp: `1970-01-01T00:00:00Z`.
    pub const MIN: Timestamp = Timestamp(0);
    /// The latest timestamp: `9999-12-31T23:59:59Z` (the last instant RFC 3339 can write).
    pub const MAX: Timestamp = Timestamp(253_402_300_799);

    /// The instant `seconds` after 1970-01-01T00:00:00Z; refused outside
    /// [`Timestamp::MIN`]`..=`[`Timestamp::MAX`] with [`CredentialError::InvalidTimestamp`].
    pub fn from_unix_seconds(seconds: i64) -> Result<Self> {
        if !(Self::MIN.0..=Self::MAX.0).contains(&seconds) {
            return Err(CredentialError::InvalidTimestamp(format!(
                "{seconds} seconds since 1970 is outside 1970-01-01T00:00:00Z..={}",
                Self::MAX
            )));
        }
        Ok(Self(seconds))
    }

    /// Seconds since 1970-01-01T00:00:00Z.
    pub fn unix_seconds(self) -> i64 {
        self.0
    }

    /// The system clock, truncated to the second; [`CredentialError::InvalidTimestamp`] for a
    /// clock before 1970 or after 9999.
    pub fn now() -> Result<Self> {
        let since = SystemTime::now().duration_since(UNIX_EPOCH).map_err(|_| {
            CredentialError::InvalidTimestamp("the system clock is before 1970".into())
        })?;
        let seconds = i64::try_from(since.as_secs()).unwrap_or(i64::MAX);
        Self::from_unix_seconds(seconds)
    }

    /// Midnight UTC at the start of `date`; refused for days outside the timestamp range.
    pub fn start_of(date: Date) -> Result<Self> {
        Self::from_unix_seconds(date.days().saturating_mul(DAY_SECONDS))
    }

    /// The UTC day of the instant (the day that starts at the last midnight UTC).
    pub fn date(self) -> Date {
        // Every day of 1970..=9999 is a valid `Date` (the circuits allow a million years).
        Date::from_days(self.0.div_euclid(DAY_SECONDS))
            .expect("the day of a timestamp is within the circuits' years")
    }

    /// The instant `d` later, or `None` past [`Timestamp::MAX`].
    pub fn checked_add(self, d: Duration) -> Option<Self> {
        let secs = i64::try_from(d.as_secs()).ok()?;
        Self::from_unix_seconds(self.0.checked_add(secs)?).ok()
    }

    /// The instant `d` earlier, or `None` before [`Timestamp::MIN`].
    pub fn checked_sub(self, d: Duration) -> Option<Self> {
        let secs = i64::try_from(d.as_secs()).ok()?;
        Self::from_unix_seconds(self.0.checked_sub(secs)?).ok()
    }

    /// The instant `d` later, at most [`Timestamp::MAX`].
    pub fn saturating_add(self, d: Duration) -> Self {
        self.checked_add(d).unwrap_or(Self::MAX)
    }

    /// The instant `d` earlier, at least [`Timestamp::MIN`].
    pub fn saturating_sub(self, d: Duration) -> Self {
        self.checked_sub(d).unwrap_or(Self::MIN)
    }

    /// How long after `earlier` this instant is, or `None` if it is before `earlier`.
    pub fn duration_since(self, earlier: Timestamp) -> Option<Duration> {
        let secs = self.0.checked_sub(earlier.0)?;
        u64::try_from(secs).ok().map(Duration::from_secs)
    }

    /// Parses `YYYY-MM-DDTHH:MM:SSZ` (see the module docs); anything else is
    /// [`CredentialError::InvalidTimestamp`].
    pub fn parse(text: &str) -> Result<Self> {
        let invalid = |why: &str| {
            CredentialError::InvalidTimestamp(format!(
                "'{}': {why}; expected RFC 3339 in UTC as YYYY-MM-DDTHH:MM:SSZ, \
                 e.g. 2026-11-30T06:40:00Z",
                clip(text)
            ))
        };
        // 20 characters exactly: a cheap refusal of long input before the parser runs.
        if text.len() != 20 {
            return Err(invalid("wrong length"));
        }
        let parsed = OffsetDateTime::parse(text, &Rfc3339).map_err(|_| invalid("not RFC 3339"))?;
        let ts = Self::from_unix_seconds(parsed.unix_timestamp())
            .map_err(|_| invalid("outside 1970..=9999"))?;
        // The canonical form only: `Z` (not `+00:00` or another offset), uppercase, no
        // fraction, no leap second.
        if ts.to_string() != text {
            return Err(invalid("not in the canonical UTC form"));
        }
        Ok(ts)
    }
}

impl core::fmt::Display for Timestamp {
    /// `YYYY-MM-DDTHH:MM:SSZ`.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match OffsetDateTime::from_unix_timestamp(self.0) {
            Ok(t) => write!(
                f,
                "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
                t.year(),
                u8::from(t.month()),
                t.day(),
                t.hour(),
                t.minute(),
                t.second()
            ),
            // Unreachable for an in-range timestamp.
            Err(_) => write!(f, "@{}", self.0),
        }
    }
}

impl core::fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "Timestamp({self})")
    }
}

impl core::str::FromStr for Timestamp {
    type Err = CredentialError;

    fn from_str(s: &str) -> Result<Self> {
        Self::parse(s)
    }
}

impl serde::Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, s: S) -> core::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Timestamp {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> core::result::Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(text: &str) -> Timestamp {
        Timestamp::parse(text).unwrap()
    }

    #[test]
    fn round_trips_through_text_and_seconds() {
        let t = ts("2026-11-30T06:40:00Z");
        assert_eq!(t.unix_seconds(), 1_796_020_800);
        assert_eq!(t.to_string(), "2026-11-30T06:40:00Z");
        assert_eq!(Timestamp::MIN.to_string(), "1970-01-01T00:00:00Z");
        assert_eq!(Timestamp::MAX.to_string(), "9999-12-31T23:59:59Z");
        assert_eq!(
            ts("2024-02-29T23:59:59Z").date(),
            Date::new(2024, 2, 29).unwrap()
        );
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(json, "\"2026-11-30T06:40:00Z\"");
        assert_eq!(serde_json::from_str::<Timestamp>(&json).unwrap(), t);
    }

    #[test]
    fn only_the_canonical_utc_form_is_read() {
        for bad in [
            "2026-11-30T06:40:00+00:00",
            "2026-11-30T13:40:00+07:00",
            "2026-11-30T06:40:00.000Z",
            "2026-11-30t06:40:00z",
            "2026-11-30 06:40:00Z",
            "2026-11-30",
            "2026-02-30T06:40:00Z",
            "2025-02-29T00:00:00Z",
            "2026-11-30T24:00:00Z",
            "2016-12-31T23:59:60Z",
            "1969-12-31T23:59:59Z",
            "+2026-11-30T06:40:00Z",
            "",
            "2026-11-30T06:40:00Z\n",
        ] {
            let e = Timestamp::parse(bad).unwrap_err();
            assert!(matches!(e, CredentialError::InvalidTimestamp(_)), "{bad}");
            assert!(e.to_string().contains("YYYY-MM-DDTHH:MM:SSZ"), "{e}");
        }
        let long = "9".repeat(10_000);
        assert!(Timestamp::parse(&long).unwrap_err().to_string().len() < 300);
    }

    #[test]
    fn range_arithmetic_and_days() {
        assert!(Timestamp::from_unix_seconds(-1).is_err());
        assert!(Timestamp::from_unix_seconds(Timestamp::MAX.unix_seconds() + 1).is_err());
        let t = ts("2026-11-30T23:59:59Z");
        let next = t.checked_add(Duration::from_secs(1)).unwrap();
        assert_eq!(next, ts("2026-12-01T00:00:00Z"));
        assert_eq!(next.date(), Date::new(2026, 12, 1).unwrap());
        assert_eq!(Timestamp::start_of(next.date()).unwrap(), next);
        assert_eq!(next.duration_since(t), Some(Duration::from_secs(1)));
        assert_eq!(t.duration_since(next), None);
        assert_eq!(Timestamp::MAX.checked_add(Duration::from_secs(1)), None);
        assert_eq!(Timestamp::MAX.saturating_add(Duration::MAX), Timestamp::MAX);
        assert_eq!(
            Timestamp::MIN.saturating_sub(Duration::from_secs(5)),
            Timestamp::MIN
        );
        assert!(Timestamp::now().unwrap() > ts("2024-01-01T00:00:00Z"));
    }
}
