//! zkcred: privacy-preserving credentials (BBS signatures + Groth16 predicates).
#![forbid(unsafe_code)]
pub use zkcred_bbs as bbs;
pub use zkcred_circuits as circuits;
pub use zkcred_snark as snark;

pub mod credential;
pub mod predicate;
