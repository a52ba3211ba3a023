//! "At least `N` years old on day `T`" from a hidden birth date.
//!
//! The verifier turns `(T, N)` into a cutoff birth date outside the circuit with
//! [`age_cutoff`]: someone born on day `b` is at least `N` years old on `T` exactly when
//! `b ≤ cutoff`. The circuit is then the date comparison `birth ≤ cutoff`
//! ([`Comparison::date`] with [`CmpOp::Le`]): 66 constraints, instance `x = (birth, v, cutoff)`,
//! same R1CS and id descriptor as that comparison, so one setup serves every `T` and `N`.
//!
//! Age is counted in the proleptic Gregorian calendar: the `N`-th birthday of someone born on
//! `y-m-d` is `(y+N)-m-d`. Someone born on **29 February** has, in a year without that day,
//! their birthday on **1 March** by default ([`LeapDayRule::MarchFirst`], the convention of
//! e.g. English and Hong Kong law), or on 28 February with
//! [`LeapDayRule::FebruaryTwentyEighth`] (e.g. New Zealand, Taiwan). Example: born
//! 2004-02-29, 18 years old from 2022-03-01 (March 1 rule) or 2022-02-28 (February 28 rule).
//!
//! Why a cutoff is exact: the birthday in year `Y` is non-decreasing in the birth date (days
//! keep their order; 29 February lands on 1 March, or on 28 February next to the real one), so
//! `{b : b is N years old on T}` is an interval `(−∞, cutoff]`. The cutoff is `(Y−N)-m-d` for
//! `T = Y-m-d`, except that `T` = 29 February with `Y−N` not leap gives 28 February, and (28
//! February rule) `T` = 28 February of a common year with `Y−N` leap gives 29 February.

use crate::compare::{CmpOp, Comparison};
use crate::date::{is_leap_year, Date};
use crate::encoding::encode_date;
use crate::error::CircuitError;
use crate::PredicateCircuit;
use ark_bls12_381::Fr;
use ark_relations::gr1cs::{ConstraintSynthesizer, ConstraintSystemRef, SynthesisError};

/// When someone born on 29 February has their birthday in a year without one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum LeapDayRule {
    /// On 1 March (the default).
    #[default]
    MarchFirst,
    /// On 28 February.
    FebruaryTwentyEighth,
}

/// The birthday in `year` of someone born on `birth`: `year-m-d`, with 29 February moved by
/// `rule` when `year` is not a leap year.
pub fn anniversary(birth: Date, year: i64, rule: LeapDayRule) -> Result<Date, CircuitError> {
    if birth.month() == 2 && birth.day() == 29 && !is_leap_year(year) {
        match rule {
            LeapDayRule::MarchFirst => Date::new(year, 3, 1),
            LeapDayRule::FebruaryTwentyEighth => Date::new(year, 2, 28),
        }
    } else {
        Date::new(year, birth.month(), birth.day())
    }
}

/// Completed years of age on day `on`: the largest `N` with birthday `N` on or before `on`
/// (negative before birth). The reference that [`age_cutoff`] is tested against.
pub fn age_on(birth: Date, on: Date, rule: LeapDayRule) -> Result<i64, CircuitError> {
    let years = on.year() - birth.year();
    if anniversary(birth, on.year(), rule)? <= on {
        Ok(years)
    } else {
        Ok(years - 1)
    }
}

/// The latest birth date of someone at least `years` years old on `today`:
/// `age_on(b, today) ≥ years ⇔ b ≤ age_cutoff(today, years)`.
pub fn age_cutoff(today: Date, years: u32, rule: LeapDayRule) -> Result<Date, CircuitError> {
    let y = today.year() - i64::from(years);
    let (m, d) = (today.month(), today.day());
    if m == 2 && d == 29 && !is_leap_year(y) {
        // Born on 28 February of year y: birthday 28 February of a leap year, on or before T.
        return Date::new(y, 2, 28);
    }
    if rule == LeapDayRule::FebruaryTwentyEighth
        && m == 2
        && d == 28
        && !is_leap_year(today.year())
        && is_leap_year(y)
    {
        // Born on 29 February of year y: birthday on 28 February this year, that is today.
        return Date::new(y, 2, 29);
    }
    Date::new(y, m, d)
}

/// "At least `years` years old on `today`" for a hidden birth date: the comparison
/// `birth ≤ age_cutoff(today, years)` over dates. 66 constraints; `x = (birth, v, cutoff)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgeAtLeast {
    today: Date,
    years: u32,
    rule: LeapDayRule,
    cutoff: Date,
    inner: Comparison,
}

impl AgeAtLeast {
    /// At least `years` old on `today`, 29 February birthdays on 1 March in common years.
    pub fn new(today: Date, years: u32) -> Result<Self, CircuitError> {
        AgeAtLeast::with_rule(today, years, LeapDayRule::MarchFirst)
    }

    /// At least `years` old on `today` with the given leap-day rule.
    pub fn with_rule(today: Date, years: u32, rule: LeapDayRule) -> Result<Self, CircuitError> {
        let cutoff = age_cutoff(today, years, rule)?;
        Ok(AgeAtLeast {
            today,
            years,
            rule,
            cutoff,
            inner: Comparison::date(CmpOp::Le, cutoff)?,
        })
    }

    /// Sets the hidden birth date (its scalar is [`encode_date`]).
    pub fn with_birth_date(self, birth: Date) -> Self {
        self.with_value(Fr::from(encode_date(birth)))
    }

    /// Sets the hidden birth date scalar directly (as committed in the credential).
    pub fn with_value(mut self, w: Fr) -> Self {
        self.inner = self.inner.with_value(w);
        self
    }

    /// The day `T` on which the age is evaluated.
    pub fn today(&self) -> Date {
        self.today
    }

    /// The age `N` in years.
    pub fn years(&self) -> u32 {
        self.years
    }

    /// The leap-day rule.
    pub fn rule(&self) -> LeapDayRule {
        self.rule
    }

    /// The latest qualifying birth date, the public parameter.
    pub fn cutoff(&self) -> Date {
        self.cutoff
    }

    /// The underlying date comparison.
    pub fn comparison(&self) -> &Comparison {
        &self.inner
    }
}

impl ConstraintSynthesizer<Fr> for AgeAtLeast {
    fn generate_constraints(self, cs: ConstraintSystemRef<Fr>) -> Result<(), SynthesisError> {
        self.inner.generate_constraints(cs)
    }
}

impl PredicateCircuit for AgeAtLeast {
    /// That of `Comparison::date(CmpOp::Le, _)`: the same constraint system.
    fn id_descriptor(&self) -> Vec<u8> {
        self.inner.id_descriptor()
    }

    fn num_committed(&self) -> usize {
        self.inner.num_committed()
    }

    /// `(encode_date(cutoff))`.
    fn public_params(&self) -> Vec<Fr> {
        self.inner.public_params()
    }

    fn num_constraints(&self) -> usize {
        self.inner.num_constraints()
    }

    fn committed_values(&self) -> Option<Vec<Fr>> {
        self.inner.committed_values()
    }

    fn blinding(&self) -> Option<Fr> {
        self.inner.blinding()
    }

    fn with_committed_values(mut self, values: &[Fr]) -> Result<Self, CircuitError> {
        self.inner = self.inner.with_committed_values(values)?;
        Ok(self)
    }

    fn with_blinding(mut self, v: Fr) -> Self {
        self.inner = self.inner.with_blinding(v);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encoding::ValueDomain;
    use crate::test_util::{check_shape, check_witness_errors, holds};
    use LeapDayRule::{FebruaryTwentyEighth as Feb28, MarchFirst as Mar1};

    fn date(y: i64, m: u32, d: u32) -> Date {
        Date::new(y, m, d).unwrap()
    }

    fn born(b: Date) -> Fr {
        Fr::from(encode_date(b))
    }

    #[test]
    fn constraint_count_is_pinned() {
        let a = AgeAtLeast::new(date(2024, 5, 17), 18).unwrap();
        check_shape(&a, born(date(2000, 1, 1)), 66, 1);
        assert_eq!(
            a.id_descriptor(),
            Comparison::date(CmpOp::Le, date(1970, 1, 1))
                .unwrap()
                .id_descriptor()
        );
        assert_eq!(a.cutoff(), date(2006, 5, 17));
        assert_eq!(a.public_params(), vec![born(date(2006, 5, 17))]);
    }

    #[test]
    fn exactly_eighteen_today_passes_one_day_short_fails() {
        let a = AgeAtLeast::new(date(2024, 5, 17), 18).unwrap();
        assert!(holds(&a, born(date(2006, 5, 17))));
        assert!(!holds(&a, born(date(2006, 5, 18))));
        assert!(holds(&a, born(date(2006, 5, 16))));
        assert!(holds(&a, born(date(1931, 1, 1))));
        assert!(holds(&a, born(date(1850, 12, 31)))); // before 1970: negative day count
        assert!(!holds(&a, born(date(2024, 5, 17))));
        let c = a
            .clone()
            .with_birth_date(date(2006, 5, 17))
            .with_blinding(Fr::from(3u64));
        assert!(crate::is_satisfied(c).unwrap());
        // 31 December / 1 January edge.
        let ny = AgeAtLeast::new(date(2025, 1, 1), 21).unwrap();
        assert!(holds(&ny, born(date(2004, 1, 1))));
        assert!(!holds(&ny, born(date(2004, 1, 2))));
    }

    #[test]
    fn born_on_29_february() {
        let leapling = born(date(2004, 2, 29));
        // March 1 rule: 18 on 2022-03-01, not on 2022-02-28.
        assert!(!holds(
            &AgeAtLeast::new(date(2022, 2, 28), 18).unwrap(),
            leapling
        ));
        assert!(holds(
            &AgeAtLeast::new(date(2022, 3, 1), 18).unwrap(),
            leapling
        ));
        // February 28 rule: 18 on 2022-02-28, not on 2022-02-27.
        let on = |t| AgeAtLeast::with_rule(t, 18, Feb28).unwrap();
        assert!(!holds(&on(date(2022, 2, 27)), leapling));
        assert!(holds(&on(date(2022, 2, 28)), leapling));
        // In a leap year both rules agree: the real birthday.
        assert!(!holds(
            &AgeAtLeast::new(date(2024, 2, 28), 20).unwrap(),
            leapling
        ));
        assert!(holds(
            &AgeAtLeast::new(date(2024, 2, 29), 20).unwrap(),
            leapling
        ));
        // Today is 29 February, N years back is a common year: cutoff 28 February.
        let t = AgeAtLeast::new(date(2024, 2, 29), 18).unwrap();
        assert_eq!(t.cutoff(), date(2006, 2, 28));
        assert!(holds(&t, born(date(2006, 2, 28))));
        assert!(!holds(&t, born(date(2006, 3, 1))));
        assert_eq!(
            age_cutoff(date(2022, 2, 28), 18, Feb28),
            Ok(date(2004, 2, 29))
        );
        assert_eq!(
            age_cutoff(date(2022, 2, 28), 18, Mar1),
            Ok(date(2004, 2, 28))
        );
        assert_eq!(
            age_cutoff(date(2024, 2, 29), 4, Mar1),
            Ok(date(2020, 2, 29))
        );
    }

    /// `age_cutoff` agrees with the direct age computation for every day `T` of 2023-12-01
    /// .. 2025-03-31, several `N`, both rules, and every birth date within 400 days of the
    /// cutoff (this window contains every 28/29 February and 1 March case).
    #[test]
    fn cutoff_matches_direct_age_exhaustively() {
        let start = date(2023, 12, 1).days();
        let end = date(2025, 3, 31).days();
        for rule in [Mar1, Feb28] {
            for years in [0u32, 1, 3, 4, 18, 100] {
                for t in start..=end {
                    let today = Date::from_days(t).unwrap();
                    let c = age_cutoff(today, years, rule).unwrap();
                    for delta in -400..=400 {
                        let b = c.add_days(delta).unwrap();
                        let old_enough = age_on(b, today, rule).unwrap() >= i64::from(years);
                        assert_eq!(old_enough, b <= c, "{rule:?} T={today} N={years} b={b}");
                    }
                }
            }
        }
    }

    #[test]
    fn aliasing_and_malformed_birth_dates_fail() {
        let a = AgeAtLeast::new(date(2024, 5, 17), 18).unwrap();
        let cutoff = born(a.cutoff());
        // A birth date 2^32 days (≈ 11.7 million years) earlier: outside the 32-bit domain.
        assert!(!holds(&a, cutoff - Fr::from(1u64 << 32)));
        // Raw day counts not encoded as i64 (the value 19 000), and "−1".
        assert!(!holds(&a, Fr::from(19_000u64)));
        assert!(!holds(&a, -Fr::from(1u64)));
        // The lowest date of the domain passes (it is a valid, very early date).
        assert!(holds(&a, Fr::from(ValueDomain::DATE.offset())));
        assert!(!holds(&a, Fr::from(ValueDomain::DATE.offset() - 1)));
    }

    #[test]
    fn errors() {
        assert_eq!(
            AgeAtLeast::new(date(2024, 1, 1), u32::MAX),
            Err(CircuitError::DateOutOfRange)
        );
        check_witness_errors(&AgeAtLeast::new(date(2024, 1, 1), 18).unwrap());
        assert_eq!(age_on(date(2004, 2, 29), date(2022, 2, 28), Mar1), Ok(17));
        assert_eq!(age_on(date(2004, 2, 29), date(2022, 2, 28), Feb28), Ok(18));
        assert_eq!(age_on(date(2024, 1, 2), date(2024, 1, 1), Mar1), Ok(-1));
    }
}
