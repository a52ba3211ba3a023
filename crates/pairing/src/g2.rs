//! The G2 side of a pair: a fixed point with its Miller-loop preparation ([`PreparedG2`]:
//! an issuer key W, BP2, a Groth16 key's β, −γ, −δ), or a point met once (a Groth16 proof's
//! B), prepared when the Miller loop runs.

use crate::blst_bridge::g2_to_blst;
use ark_bls12_381::G2Affine;
use std::sync::Arc;

/// The line coefficients of a G2 point for blst's Miller loop.
pub(crate) type G2Prepared = blstrs::G2Prepared;

/// A G2 point with its preparation, computed once and reused by every equation that pairs
/// with it; clones share the preparation (about 20 KB of line coefficients), so a set of
/// thousands of issuer keys copies pointers, not coefficients. Equal iff the points are equal.
#[derive(Clone)]
pub struct PreparedG2 {
    point: G2Affine,
    prepared: Arc<G2Prepared>,
}

impl PreparedG2 {
    /// Prepares `point` (about the cost of a third of a Miller loop, once).
    pub fn new(point: G2Affine) -> Self {
        Self {
            prepared: Arc::new(G2Prepared::from(g2_to_blst(&point))),
            point,
        }
    }

    /// The point.
    pub fn point(&self) -> &G2Affine {
        &self.point
    }
}

impl PartialEq for PreparedG2 {
    fn eq(&self, other: &Self) -> bool {
        self.point == other.point
    }
}

impl Eq for PreparedG2 {}

impl core::fmt::Debug for PreparedG2 {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_tuple("PreparedG2").field(&self.point).finish()
    }
}

/// The G2 point of one pair. A merge groups pairs by the point, whichever variant holds it.
#[derive(Clone, Copy, Debug)]
pub enum G2Side<'a> {
    /// A fixed point, prepared once by its owner (a key).
    Fixed(&'a PreparedG2),
    /// A point of one proof, prepared when the Miller loop runs.
    Point(G2Affine),
}

/// A preparation the Miller loop borrows (a key's) or owns (computed for one proof's point).
pub(crate) enum PreparedRef<'a> {
    Borrowed(&'a G2Prepared),
    Owned(G2Prepared),
}

impl PreparedRef<'_> {
    pub(crate) fn get(&self) -> &G2Prepared {
        match self {
            PreparedRef::Borrowed(p) => p,
            PreparedRef::Owned(p) => p,
        }
    }
}

impl<'a> G2Side<'a> {
    /// The point.
    pub fn point(&self) -> G2Affine {
        match self {
            G2Side::Fixed(p) => p.point,
            G2Side::Point(p) => *p,
        }
    }

    /// Its preparation (the owner's, or computed now).
    pub(crate) fn to_prepared(self) -> PreparedRef<'a> {
        match self {
            G2Side::Fixed(p) => PreparedRef::Borrowed(&p.prepared),
            G2Side::Point(p) => PreparedRef::Owned(G2Prepared::from(g2_to_blst(&p))),
        }
    }
}
