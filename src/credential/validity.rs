//! Validity defaults: every presentation proves that each credential is valid on the
//! request's date, whether or not the request asks.
//!
//! A request's date is the UTC day of its `made_at` ([`super::PresentationRequest::date`],
//! set by the verifier when it makes the request and bound into every proof through the
//! request id). For each requested credential, [`implicit_statements`] adds, after the
//! request's own predicates,
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
//! The verifier's own clock matters only for the request's freshness: a request is answered
//! and verified only within its window ([`super::window`], at most
//! [`super::window::MAX_REQUEST_LIFETIME`] long), so a request made just before midnight UTC
//! still verifies the next day, but an old request cannot make an expired credential look
//! valid: it is refused as expired.

use super::date::format_date;
use super::request::{AttributePredicate, CompareOp, PredicateSpec};
use super::schema::{Schema, EXPIRES_ON, ISSUED_ON};
use super::value::AttributeValue;
use crate::predicate::{CmpOp, Predicate, PredicateStatement};
use zkcred_circuits::Date;

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
}
