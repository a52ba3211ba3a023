//! [`Deferred`]: the pairing equations a verification put off, in the order its checks ran,
//! each with the error it reports when it alone fails.

use crate::check::PairingCheck;
use crate::merge::all_hold;
use rand_core::{CryptoRng, RngCore};

/// Pairing equations put off until a verification's other checks have passed, each with the
/// error its failure means, in check order.
///
/// * [`Self::first_failure_or`]: a later (non-pairing) check failed; the error a verification
///   that paired immediately would report: the first deferred equation that fails, else the
///   later failure.
/// * [`Self::check`]: everything else passed; one merged check of every equation, and only if
///   it fails the first equation that fails alone.
/// * [`Self::check_each`]: each equation alone, in order (no randomness; the cost of pairing
///   immediately).
#[derive(Clone, Debug)]
pub struct Deferred<'a, E> {
    entries: Vec<(PairingCheck<'a>, E)>,
}

impl<E> Default for Deferred<'_, E> {
    fn default() -> Self {
        Self {
            entries: Vec::new(),
        }
    }
}

impl<'a, E> Deferred<'a, E> {
    /// Nothing deferred.
    pub fn new() -> Self {
        Self::default()
    }

    /// Puts off `check`; `on_failure` is reported if it fails.
    pub fn defer(&mut self, check: PairingCheck<'a>, on_failure: E) {
        self.entries.push((check, on_failure));
    }

    /// Appends `later`'s equations (checked after this one's), their errors mapped by `f`.
    pub fn append<F: Fn(L) -> E, L>(&mut self, later: Deferred<'a, L>, f: F) {
        self.entries
            .extend(later.entries.into_iter().map(|(c, e)| (c, f(e))));
    }

    /// The equations, in order.
    pub fn checks(&self) -> impl Iterator<Item = &PairingCheck<'a>> {
        self.entries.iter().map(|(c, _)| c)
    }

    /// The equations with their errors, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&PairingCheck<'a>, &E)> {
        self.entries.iter().map(|(c, e)| (c, e))
    }

    /// Number of equations.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing is deferred.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// A check made after these equations failed with `later`: the error of the first
    /// equation that fails alone, else `later`. Costs a pairing per equation, on failure only
    /// (what pairing immediately would have cost).
    pub fn first_failure_or(self, later: E) -> E {
        self.check_each().err().unwrap_or(later)
    }

    /// Each equation alone, in order: the error of the first that fails.
    pub fn check_each(self) -> Result<(), E> {
        match self.entries.into_iter().find(|(c, _)| !c.holds()) {
            Some((_, e)) => Err(e),
            None => Ok(()),
        }
    }

    /// Whether every equation holds, by one merged check with weights from `rng` (see
    /// [`all_hold`]); the caller then knows nothing of which one fails.
    pub fn all_hold<R: RngCore + CryptoRng>(&self, rng: &mut R) -> bool {
        all_hold(self.checks(), rng)
    }

    /// One merged check of every equation; if it fails, [`Self::check_each`] names the first
    /// failing one. Accepts a false equation with probability at most 1/(2^128 − 1).
    pub fn check<R: RngCore + CryptoRng>(self, rng: &mut R) -> Result<(), E> {
        if self.all_hold(rng) {
            Ok(())
        } else {
            self.check_each()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{G2Side, PreparedG2};
    use ark_bls12_381::{G1Projective, G2Affine};
    use ark_ec::{AffineRepr, PrimeGroup};

    fn check(q: &PreparedG2, holds: bool) -> PairingCheck<'_> {
        let p = G1Projective::generator();
        let x = if holds { -p } else { p };
        PairingCheck::new()
            .with(p, G2Side::Fixed(q))
            .with(x, G2Side::Fixed(q))
    }

    #[test]
    fn the_first_failure_in_order_is_reported() {
        let rng = &mut rand::thread_rng();
        let q = PreparedG2::new(G2Affine::generator());
        let mut d = Deferred::new();
        d.defer(check(&q, true), "first");
        d.defer(check(&q, false), "second");
        d.defer(check(&q, false), "third");
        assert_eq!(d.clone().check(rng), Err("second"));
        assert_eq!(d.clone().check_each(), Err("second"));
        assert_eq!(d.first_failure_or("later"), "second");

        let mut ok: Deferred<'_, String> = Deferred::new();
        ok.defer(check(&q, true), "one".into());
        let mut more = Deferred::new();
        more.defer(check(&q, true), 2u32);
        ok.append(more, |n| format!("appended {n}"));
        assert_eq!(ok.len(), 2);
        assert!(ok.all_hold(rng));
        assert_eq!(ok.clone().first_failure_or("later".into()), "later");
        assert_eq!(ok.check(rng), Ok(()));
    }
}
