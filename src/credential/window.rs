//! [`RequestWindow`]: when a presentation request may be answered — from `made_at` until
//! `valid_until`, both UTC [`Timestamp`]s chosen by the verifier when it makes the request.
//!
//! The window is part of the request's canonical bytes, so of its id, of the Ed25519
//! signature of a [`super::SignedRequest`] and of every proof answering it: nobody can widen
//! it. Three rules follow from it:
//!
//! - **Freshness.** The wallet ([`super::Wallet::present`]) and the verifier
//!   ([`super::Verifier::verify`]) refuse a request outside its window on their own clock:
//!   [`PresentationError::RequestNotYetValid`] before `made_at - CLOCK_SKEW`,
//!   [`PresentationError::RequestExpired`] after `valid_until + CLOCK_SKEW`. [`CLOCK_SKEW`]
//!   absorbs clocks that disagree by a few minutes.
//! - **Credential validity.** Credentials are judged on the request's day, the UTC date of
//!   `made_at` ([`RequestWindow::date`]): the implicit `expires_on >= day` and
//!   `issued_on <= day` statements of [`super::validity`].
//! - **Nonce memory.** A verifier must remember a nonce only while its request can still be
//!   accepted, until `valid_until + CLOCK_SKEW` ([`RequestWindow::keep_nonce_until`]); after
//!   that the request itself is refused as expired. [`MAX_REQUEST_LIFETIME`] bounds that
//!   memory.

use super::error::{CredentialError, Result};
use super::presentation_error::{PresentationError, PresentationResult};
use super::timestamp::Timestamp;
use std::time::Duration;
use zkcred_circuits::Date;

/// The longest window a request may have (`valid_until - made_at`): 7 days. It bounds how
/// long a verifier keeps each nonce, and how long a credential may be judged on a past day.
pub const MAX_REQUEST_LIFETIME: Duration = Duration::from_secs(7 * 86_400);

/// How far the wallet's or verifier's clock may disagree with the verifier's clock that made
/// the request: 5 minutes, allowed at both ends of the window.
pub const CLOCK_SKEW: Duration = Duration::from_secs(5 * 60);

/// When a request may be answered: `made_at ..= valid_until`, UTC. `valid_until` is after
/// `made_at` and at most [`MAX_REQUEST_LIFETIME`] later ([`RequestWindow::validate`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RequestWindow {
    /// When the verifier made the request; its UTC date is the day credentials are judged on.
    pub made_at: Timestamp,
    /// The last instant the request may be answered and verified (plus [`CLOCK_SKEW`]).
    pub valid_until: Timestamp,
}

impl RequestWindow {
    /// The window `made_at ..= valid_until`, checked ([`RequestWindow::validate`]).
    pub fn new(made_at: Timestamp, valid_until: Timestamp) -> Result<Self> {
        let window = Self {
            made_at,
            valid_until,
        };
        window.validate()?;
        Ok(window)
    }

    /// The window that starts at `now` and lasts `lifetime` (more than zero, at most
    /// [`MAX_REQUEST_LIFETIME`]).
    pub fn starting(now: Timestamp, lifetime: Duration) -> Result<Self> {
        let valid_until = now.checked_add(lifetime).ok_or_else(|| {
            CredentialError::InvalidRequestWindow(format!(
                "{now} plus {} is after {}",
                format_duration(lifetime),
                Timestamp::MAX
            ))
        })?;
        Self::new(now, valid_until)
    }

    /// `valid_until - made_at` (zero for an inverted window).
    pub fn lifetime(&self) -> Duration {
        self.valid_until
            .duration_since(self.made_at)
            .unwrap_or(Duration::ZERO)
    }

    /// Refuses (with [`CredentialError::InvalidRequestWindow`]) `valid_until` at or before
    /// `made_at`, and a window longer than [`MAX_REQUEST_LIFETIME`].
    pub fn validate(&self) -> Result<()> {
        if self.valid_until <= self.made_at {
            return Err(CredentialError::InvalidRequestWindow(format!(
                "valid_until {} is not after made_at {}",
                self.valid_until, self.made_at
            )));
        }
        let lifetime = self.lifetime();
        if lifetime > MAX_REQUEST_LIFETIME {
            return Err(CredentialError::InvalidRequestWindow(format!(
                "valid for {}, at most {} (made_at {}, valid_until {})",
                format_duration(lifetime),
                format_duration(MAX_REQUEST_LIFETIME),
                self.made_at,
                self.valid_until
            )));
        }
        Ok(())
    }

    /// The request's day: the UTC date of `made_at`, on which credentials are judged.
    pub fn date(&self) -> Date {
        self.made_at.date()
    }

    /// Whether the request may be answered at `now` (the wallet's or verifier's clock), with
    /// [`CLOCK_SKEW`] at both ends: [`PresentationError::RequestNotYetValid`] before
    /// `made_at - CLOCK_SKEW`, [`PresentationError::RequestExpired`] after
    /// `valid_until + CLOCK_SKEW`.
    pub fn check(&self, now: Timestamp) -> PresentationResult<()> {
        if now < self.made_at.saturating_sub(CLOCK_SKEW) {
            return Err(PresentationError::RequestNotYetValid {
                made_at: self.made_at,
                now,
            });
        }
        if now > self.keep_nonce_until() {
            return Err(PresentationError::RequestExpired {
                valid_until: self.valid_until,
                now,
            });
        }
        Ok(())
    }

    /// Until when a verifier must remember the request's nonce: `valid_until + CLOCK_SKEW`,
    /// the last instant [`RequestWindow::check`] accepts.
    pub fn keep_nonce_until(&self) -> Timestamp {
        self.valid_until.saturating_add(CLOCK_SKEW)
    }
}

/// `now` if given, else the system clock ([`Timestamp::now`]); a clock outside 1970..=9999 is
/// [`PresentationError::NoClock`]. The wallet and the verifier call it, so passing no time
/// never skips the window check.
pub fn now_or_clock(now: Option<Timestamp>) -> PresentationResult<Timestamp> {
    match now {
        Some(now) => Ok(now),
        None => Timestamp::now().map_err(|e| PresentationError::NoClock(e.to_string())),
    }
}

/// `d` in days, hours, minutes and seconds, largest unit first, zero parts left out: `7d`,
/// `1h30m`, `90s` is `1m30s`, zero is `0s`.
pub fn format_duration(d: Duration) -> String {
    let mut rest = d.as_secs();
    let mut out = String::new();
    for (unit, size) in [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)] {
        let n = rest / size;
        rest %= size;
        if n > 0 {
            out.push_str(&format!("{n}{unit}"));
        }
    }
    if out.is_empty() {
        out.push_str("0s");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(text: &str) -> Timestamp {
        Timestamp::parse(text).unwrap()
    }

    fn hour_from(text: &str) -> RequestWindow {
        RequestWindow::starting(ts(text), Duration::from_secs(3_600)).unwrap()
    }

    #[test]
    fn the_window_is_checked_with_the_skew_at_both_ends() {
        let w = hour_from("2026-11-30T06:40:00Z");
        assert_eq!(w.valid_until, ts("2026-11-30T07:40:00Z"));
        for ok in [
            "2026-11-30T06:35:00Z",
            "2026-11-30T06:40:00Z",
            "2026-11-30T07:40:00Z",
            "2026-11-30T07:45:00Z",
        ] {
            w.check(ts(ok)).unwrap();
        }
        let early = ts("2026-11-30T06:34:59Z");
        assert_eq!(
            w.check(early),
            Err(PresentationError::RequestNotYetValid {
                made_at: w.made_at,
                now: early
            })
        );
        let late = ts("2026-11-30T07:45:01Z");
        let e = w.check(late).unwrap_err();
        assert_eq!(
            e,
            PresentationError::RequestExpired {
                valid_until: w.valid_until,
                now: late
            }
        );
        assert_eq!(
            e.to_string(),
            "request expired at 2026-11-30T07:40:00Z (now 2026-11-30T07:45:01Z): \
             ask the verifier for a new request"
        );
        assert_eq!(w.keep_nonce_until(), ts("2026-11-30T07:45:00Z"));
    }

    #[test]
    fn inverted_empty_and_long_windows_are_refused() {
        let t = ts("2026-11-30T06:40:00Z");
        for (until, needle) in [
            (t, "is not after made_at"),
            (ts("2026-11-30T06:39:59Z"), "is not after made_at"),
            (ts("2026-12-07T06:40:01Z"), "valid for 7d1s, at most 7d"),
        ] {
            let e = RequestWindow::new(t, until).unwrap_err();
            assert!(matches!(e, CredentialError::InvalidRequestWindow(_)), "{e}");
            assert!(e.to_string().contains(needle), "{e}");
        }
        RequestWindow::new(t, ts("2026-12-07T06:40:00Z")).unwrap();
        assert!(RequestWindow::starting(t, Duration::ZERO).is_err());
        assert!(RequestWindow::starting(Timestamp::MAX, Duration::from_secs(1)).is_err());
        assert_eq!(
            hour_from("2026-11-30T23:59:59Z").date().to_string(),
            "2026-11-30"
        );
    }

    #[test]
    fn durations_are_written_compactly() {
        assert_eq!(format_duration(Duration::from_secs(90)), "1m30s");
        assert_eq!(format_duration(Duration::from_secs(3_600)), "1h");
        assert_eq!(format_duration(MAX_REQUEST_LIFETIME), "7d");
        assert_eq!(format_duration(Duration::ZERO), "0s");
    }
}
