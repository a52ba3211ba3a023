//! The clock: the current instant and today's date (UTC), and validity periods.
//!
//! Every command reads the system clock; there is no override (tests make requests with
//! past windows by signing them with the verifier's key, as a verifier would have).

use crate::error::{CliError, CliResult};
use zkcred::credential::{parse_date, Date, Timestamp};

/// The current instant (UTC, whole seconds) from the system clock.
pub fn now() -> CliResult<Timestamp> {
    Timestamp::now().map_err(|e| CliError::invalid(format!("the system clock: {e}")))
}

/// Today (UTC) from the system clock.
pub fn today() -> CliResult<Date> {
    Ok(now()?.date())
}

/// `text` as a date (`YYYY-MM-DD`), or today if `None`.
pub fn date_or_today(text: Option<&str>) -> CliResult<Date> {
    match text {
        Some(t) => Ok(parse_date(t)?),
        None => today(),
    }
}

/// The date `days` days after `date`.
pub fn add_days(date: Date, days: i64) -> CliResult<Date> {
    date.add_days(days)
        .map_err(|e| CliError::invalid(format!("date out of range: {e}")))
}
