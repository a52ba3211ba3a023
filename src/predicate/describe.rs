//! [`Predicate`] as text for messages: what it claims about the message, with bounds written
//! as the values they encode (`in [1990-01-01, 2005-12-31]`, `>= -5`), never as encoded
//! scalars.

use super::statement::Predicate;
use zkcred_circuits::{describe_value, CmpOp, LeapDayRule, ValueDomain};

/// How many elements of a set predicate its description lists before `…`.
const MAX_LISTED: usize = 8;

/// The operator's symbol, the message on its left.
pub fn cmp_symbol(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Ge => ">=",
        CmpOp::Gt => ">",
        CmpOp::Le => "<=",
        CmpOp::Lt => "<",
    }
}

/// `{a, b, …}` of encoded set elements (enumeration codes read as codes, at most
/// [`MAX_LISTED`] of them, then the count).
fn set_text(set: &[u64]) -> String {
    let mut items: Vec<String> = set
        .iter()
        .take(MAX_LISTED)
        .map(|s| describe_value(*s, ValueDomain::U64))
        .collect();
    if set.len() > MAX_LISTED {
        items.push(format!("… {} values in all", set.len()));
    }
    format!("{{{}}}", items.join(", "))
}

/// One line: `age at least 18 on 2026-11-22`, `>= 2026-11-22`, `in [10, 20]`, `in {89, 92}`,
/// `!= the requested value`. Integers and dates as they were asked for (the domain says which);
/// set elements as the codes they encode; a not-equal value as such (it may be a hash).
impl core::fmt::Display for Predicate {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Predicate::AgeAtLeast { today, years, rule } => {
                write!(f, "age at least {years} on {today}")?;
                if *rule == LeapDayRule::FebruaryTwentyEighth {
                    f.write_str(" (29 February birthdays on 28 February)")?;
                }
                Ok(())
            }
            Predicate::Compare { op, bound, domain } => {
                write!(f, "{} {}", cmp_symbol(*op), describe_value(*bound, *domain))
            }
            Predicate::Range { lo, hi, domain } => write!(
                f,
                "in [{}, {}]",
                describe_value(*lo, *domain),
                describe_value(*hi, *domain)
            ),
            Predicate::InSet { set, .. } => write!(f, "in {}", set_text(set)),
            Predicate::NotInSet { set, .. } => write!(f, "not in {}", set_text(set)),
            Predicate::NotEqual { .. } => f.write_str("!= the requested value"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use zkcred_circuits::Date;

    fn day(y: i64, m: u32, d: u32) -> Date {
        Date::new(y, m, d).unwrap()
    }

    #[test]
    fn dates_and_integers_are_written_as_asked() {
        let range = Predicate::range_date(day(1990, 1, 1), day(2005, 12, 31));
        assert_eq!(range.to_string(), "in [1990-01-01, 2005-12-31]");
        let cmp = Predicate::compare_date(CmpOp::Ge, day(2026, 11, 22));
        assert_eq!(cmp.to_string(), ">= 2026-11-22");
        assert_eq!(Predicate::range_i64(-5, 20).to_string(), "in [-5, 20]");
        assert_eq!(Predicate::compare_i64(CmpOp::Lt, 7).to_string(), "< 7");
        assert_eq!(
            Predicate::age_at_least(day(2026, 11, 22), 18).to_string(),
            "age at least 18 on 2026-11-22"
        );
        assert_eq!(Predicate::in_code_set(&[89, 92]).to_string(), "in {89, 92}");
        let many: Vec<u64> = (1..=20).collect();
        let text = Predicate::not_in_code_set(&many).to_string();
        assert!(text.starts_with("not in {1, 2, "), "{text}");
        assert!(text.ends_with("… 20 values in all}"), "{text}");
    }

    #[test]
    fn an_empty_range_error_names_the_dates() {
        let range = Predicate::range_date(day(2000, 1, 1), day(1990, 1, 1));
        let e = range.circuit().unwrap_err().to_string();
        assert!(e.contains("2000-01-01") && e.contains("1990-01-01"), "{e}");
        assert!(!e.contains("922337"), "{e}");
    }
}
