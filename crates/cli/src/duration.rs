//! Durations on the command line (`--valid-for`): a whole number followed by one unit,
//! `s` (seconds), `m` (minutes), `h` (hours) or `d` (days of 24 hours): `90s`, `10m`, `1h`,
//! `2d`. Nothing else: no sign, no space, no fraction, no combination (`1h30m` is `90m`).

use crate::error::{CliError, CliResult};
use std::time::Duration;

/// Parses `text` (see the module docs); `flag` names the option in the error, which is one
/// line and quotes at most 40 characters of `text`.
pub fn parse_duration(flag: &str, text: &str) -> CliResult<Duration> {
    let invalid = |why: &str| {
        CliError::invalid(format!(
            "{flag} '{}': {why}; expected a whole number and a unit s, m, h or d \
             (e.g. 90s, 10m, 1h, 2d)",
            text.chars().take(40).collect::<String>()
        ))
    };
    let unit_at = text
        .char_indices()
        .last()
        .map(|(i, _)| i)
        .ok_or_else(|| invalid("empty"))?;
    let (number, unit) = text.split_at(unit_at);
    let seconds_per_unit: u64 = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3_600,
        "d" => 86_400,
        _ => return Err(invalid("no unit")),
    };
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid("not a whole number"));
    }
    let n: u64 = number.parse().map_err(|_| invalid("too large"))?;
    if n == 0 {
        return Err(invalid("must be more than zero"));
    }
    let seconds = n
        .checked_mul(seconds_per_unit)
        .ok_or_else(|| invalid("too large"))?;
    Ok(Duration::from_secs(seconds))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_are_read() {
        for (text, secs) in [
            ("90s", 90),
            ("10m", 600),
            ("1h", 3_600),
            ("2d", 172_800),
            ("007m", 420),
        ] {
            assert_eq!(
                parse_duration("--valid-for", text).unwrap(),
                Duration::from_secs(secs)
            );
        }
    }

    #[test]
    fn anything_else_is_a_one_line_error() {
        for (text, why) in [
            ("", "empty"),
            ("10", "no unit"),
            ("1w", "no unit"),
            ("1H", "no unit"),
            ("h", "not a whole number"),
            ("-1h", "not a whole number"),
            ("+1h", "not a whole number"),
            ("1.5h", "not a whole number"),
            (" 1h", "not a whole number"),
            ("1h30m", "not a whole number"),
            ("0s", "more than zero"),
            ("99999999999999999999d", "too large"),
            ("999999999999999999d", "too large"),
            ("1é", "no unit"),
        ] {
            let e = parse_duration("--valid-for", text).unwrap_err().to_string();
            assert!(e.contains(why), "{text}: {e}");
            assert!(e.starts_with("--valid-for '"), "{e}");
            assert!(!e.contains('\n'), "{e}");
        }
        let long = "9".repeat(1_000);
        assert!(
            parse_duration("--valid-for", &long)
                .unwrap_err()
                .to_string()
                .len()
                < 200
        );
    }
}
