//! Validity defaults: every presentation proves that each credential is valid on the
//! request's date, whether or not the request asks.
//!
//! A request carries its date ([`super::PresentationRequest::date`], set by the verifier when
//! it makes the request and bound into every proof through the request id). For each
//! requested credential, [`implicit_statements`] adds, after the request's own predicates,
//!
//! - `expires_on >= date` unless a predicate of the request already implies it, and
//! - `issued_on <= date` unless a predicate of the request already implies it.
//!
//! They are ordinary [`PredicateStatement`]s (a `Compare` circuit over
//! [`zkcred_circuits::ValueDomain::DATE`], as `not_expired` compiles to), so the holder proves
//! them with a Groth16 proof when the date is hidden, the verifier evaluates them directly
//! when the date is disclosed, and [`super::VerifierSetup::add_request`] makes their keys. The
//! holder and the verifier compile them from the request alone, so a holder cannot leave them
//! out: a presentation without them has too few attachments and is refused.
//!
//! The verifier's own day matters only for the request's freshness: a request whose date is
//! more than [`REQUEST_DATE_TOLERANCE_DAYS`] from the verifier's today is refused
//! ([`check_request_date`]), so a request made just before midnight UTC still verifies the
//! next day, but an old request cannot make an expired credential look valid.

use super::date::format_date;
use super::presentation_error::{PresentationError, PresentationResult};
use super::request::{AttributePredicate, CompareOp, PredicateSpec};
use super::schema::{Schema, EXPIRES_ON, ISSUED_ON};
use super::value::AttributeValue;
use crate::predicate::{CmpOp, Predicate, PredicateStatement};
use std::time::{SystemTime, UNIX_EPOCH};
use zkcred_circuits::Date;

/// How many days a request's date may lie before or after the verifier's today.
///
/// One day absorbs a request made late on one UTC day and answered early on the next (or a
/// verifier clock slightly ahead); credentials are still judged on the request's date.
pub const REQUEST_DATE_TOLERANCE_DAYS: i64 = 1;

/// Which validity bound an implicit statement proves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValidityBound {
    /// `expires_on >= date`: not expired.
    NotExpired,
    /// `issued_on <= date`: already valid.
    AlreadyIssued,
}

/// An implicit statement of a compiled request, with what it proves and its description.
#[derive(Clone, Debug)]
pub struct ImplicitStatement {
    /// The statement (on the `expires_on` or `issued_on` message).
    pub statement: PredicateStatement,
    /// The bound it proves.
    pub bound: ValidityBound,
    /// A one-line description, e.g. `expires_on: not expired on 2026-11-22 (default)`.
    pub description: String,
}

/// The validity statements the request's own `predicates` do not already imply, for a
/// credential of `schema` on `date` (`expires_on` first, then `issued_on`).
pub fn implicit_statements(
    schema: &Schema,
    predicates: &[AttributePredicate],
    date: Date,
) -> Vec<ImplicitStatement> {
    let mut out = Vec::with_capacity(2);
    let any_on = |name: &str, implies: fn(&PredicateSpec, Date) -> bool| {
        predicates
            .iter()
            .any(|p| p.attribute == name && implies(&p.predicate, date))
    };
    if !any_on(EXPIRES_ON, implies_not_expired) {
        if let Some(index) = schema.index_of(EXPIRES_ON) {
            out.push(ImplicitStatement {
                statement: PredicateStatement::new(index, Predicate::compare_date(CmpOp::Ge, date)),
                bound: ValidityBound::NotExpired,
                description: format!(
                    "{EXPIRES_ON}: not expired on {} (default)",
                    format_date(date)
                ),
            });
        }
    }
    if !any_on(ISSUED_ON, implies_already_issued) {
        if let Some(index) = schema.index_of(ISSUED_ON) {
            out.push(ImplicitStatement {
                statement: PredicateStatement::new(index, Predicate::compare_date(CmpOp::Le, date)),
                bound: ValidityBound::AlreadyIssued,
                description: format!(
                    "{ISSUED_ON}: issued on or before {} (default)",
                    format_date(date)
                ),
            });
        }
    }
    out
}

/// Whether `spec` on `expires_on` implies `expires_on >= date` (then no implicit statement is
/// needed). Only lower bounds at or after `date` do; anything else (a bound on an earlier
/// day, an upper bound, a set) leaves the default in place.
fn implies_not_expired(spec: &PredicateSpec, date: Date) -> bool {
    let d = date.days();
    match spec {
        PredicateSpec::NotExpired { today } => today.days() >= d,
        PredicateSpec::Compare {
            op,
            value: AttributeValue::Date(bound),
        } => match op {
            CompareOp::Ge => bound.days() >= d,
            CompareOp::Gt => bound.days().saturating_add(1) >= d,
            CompareOp::Le | CompareOp::Lt => false,
        },
        PredicateSpec::Range {
            lo: AttributeValue::Date(lo),
            ..
        } => lo.days() >= d,
        _ => false,
    }
}

/// Whether `spec` on `issued_on` implies `issued_on <= date`. Only upper bounds at or before
/// `date` do.
fn implies_already_issued(spec: &PredicateSpec, date: Date) -> bool {
    let d = date.days();
    match spec {
        PredicateSpec::Compare {
            op,
            value: AttributeValue::Date(bound),
        } => match op {
            CompareOp::Le => bound.days() <= d,
            CompareOp::Lt => bound.days().saturating_sub(1) <= d,
            CompareOp::Ge | CompareOp::Gt => false,
        },
        PredicateSpec::Range {
            hi: AttributeValue::Date(hi),
            ..
        } => hi.days() <= d,
        _ => false,
    }
}

/// Refuses a request whose date is more than [`REQUEST_DATE_TOLERANCE_DAYS`] away from the
/// verifier's `today` ([`PresentationError::StaleRequest`]).
pub fn check_request_date(request_date: Date, today: Date) -> PresentationResult<()> {
    if (request_date.days() - today.days()).abs() > REQUEST_DATE_TOLERANCE_DAYS {
        return Err(PresentationError::StaleRequest {
            request_date: format_date(request_date),
            today: format_date(today),
        });
    }
    Ok(())
}

/// Today (UTC) from the system clock: the verifier's day when the caller gives none.
/// A clock before 1970 or beyond the supported years is [`PresentationError::NoDate`].
pub fn system_today() -> PresentationResult<Date> {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_err(|_| PresentationError::NoDate("the system clock is before 1970".into()))?
        .as_secs();
    let days = i64::try_from(secs / 86_400)
        .map_err(|_| PresentationError::NoDate("the system clock is out of range".into()))?;
    Date::from_days(days).map_err(|e| PresentationError::NoDate(format!("system clock: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credential::AttributeDef;
    use crate::credential::AttributeKind;

    fn day(y: i64, m: u32, d: u32) -> Date {
        Date::new(y, m, d).unwrap()
    }

    fn schema() -> Schema {
        Schema::new(
            "t.s",
            1,
            vec![AttributeDef::new("birth_date", AttributeKind::Date)],
        )
        .unwrap()
    }

    fn bounds(predicates: &[AttributePredicate], date: Date) -> Vec<ValidityBound> {
        implicit_statements(&schema(), predicates, date)
            .into_iter()
            .map(|s| s.bound)
            .collect()
    }

    #[test]
    fn both_defaults_without_date_predicates() {
        let date = day(2026, 11, 22);
        let all = implicit_statements(&schema(), &[], date);
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].statement.message_index, 2);
        assert_eq!(
            all[0].statement.predicate,
            Predicate::compare_date(CmpOp::Ge, date)
        );
        assert_eq!(all[1].statement.message_index, 1);
        assert_eq!(
            all[1].statement.predicate,
            Predicate::compare_date(CmpOp::Le, date)
        );
    }

    #[test]
    fn only_implying_predicates_replace_a_default() {
        let date = day(2026, 11, 22);
        let same_day = AttributePredicate::not_expired(date);
        assert_eq!(bounds(&[same_day], date), [ValidityBound::AlreadyIssued]);
        // A not_expired on an earlier day does not prove validity today.
        let stale = AttributePredicate::not_expired(day(2026, 11, 21));
        assert_eq!(bounds(&[stale], date).len(), 2);
        // `expires_on > yesterday` is `expires_on >= today`.
        let gt = AttributePredicate::new(
            EXPIRES_ON,
            PredicateSpec::Compare {
                op: CompareOp::Gt,
                value: AttributeValue::Date(day(2026, 11, 21)),
            },
        );
        assert_eq!(bounds(&[gt], date), [ValidityBound::AlreadyIssued]);
        let issued = AttributePredicate::new(
            ISSUED_ON,
            PredicateSpec::Compare {
                op: CompareOp::Lt,
                value: AttributeValue::Date(day(2026, 11, 24)),
            },
        );
        assert_eq!(bounds(&[issued], date).len(), 2);
        let issued = AttributePredicate::new(
            ISSUED_ON,
            PredicateSpec::Range {
                lo: AttributeValue::Date(day(2000, 1, 1)),
                hi: AttributeValue::Date(date),
            },
        );
        assert_eq!(bounds(&[issued], date), [ValidityBound::NotExpired]);
        // A predicate on another attribute changes nothing.
        let other = AttributePredicate::new(
            "birth_date",
            PredicateSpec::Compare {
                op: CompareOp::Ge,
                value: AttributeValue::Date(date),
            },
        );
        assert_eq!(bounds(&[other], date).len(), 2);
    }

    #[test]
    fn request_date_tolerance_is_one_day() {
        let today = day(2026, 11, 22);
        for ok in [day(2026, 11, 21), today, day(2026, 11, 23)] {
            check_request_date(ok, today).unwrap();
        }
        for bad in [day(2026, 11, 20), day(2026, 11, 24), day(1970, 1, 1)] {
            assert!(matches!(
                check_request_date(bad, today).unwrap_err(),
                PresentationError::StaleRequest { .. }
            ));
        }
    }
}
