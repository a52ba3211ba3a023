//! The G2 side of a pair: a fixed point with its Miller-loop preparation ([`PreparedG2`]:
//! an issuer key W, BP2, a Groth16 key's β, −γ, −δ), or a point met once (a Groth16 proof's
//! B), prepared when the Miller loop runs.

use crate::blst_bridge::g2_to_blst;
use ark_bls12_381::G2Affine;
use std::borrow::Cow;
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

impl<'a> G2Side<'a> {
    /// The point.
    pub fn point(&self) -> G2Affine {
        match self {
            G2Side::Fixed(p) => p.point,
            G2Side::Point(p) => *p,
        }
    }

    /// Its preparation: the owner's, borrowed, or computed now.
    pub(crate) fn to_prepared(self) -> Cow<'a, G2Prepared> {
        match self {
            G2Side::Fixed(p) => Cow::Borrowed(&p.prepared),
            G2Side::Point(p) => Cow::Owned(G2Prepared::from(g2_to_blst(&p))),
        }
    }
}
