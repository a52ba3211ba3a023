//! zkcred: privacy-preserving credentials (BBS signatures + Groth16 predicates).
#![forbid(unsafe_code)]
pub use zkcred_bbs as bbs;
