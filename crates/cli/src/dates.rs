//! Today's date and validity periods.

use crate::error::{CliError, CliResult};
use std::time::{SystemTime, UNIX_EPOCH};
use zkcred::credential::{parse_date, Date};

/// Today (UTC) from the system clock.
pub fn today() -> CliResult<Date> {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_err(|_| CliError::invalid("the system clock is before 1970"))?
        .as_secs();
    let days = i64::try_from(secs / 86_400)
        .map_err(|_| CliError::invalid("the system clock is out of range"))?;
    Date::from_days(days).map_err(|e| CliError::invalid(format!("today's date: {e}")))
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
