//! Proofs of knowledge of a signature (draft 3.6.3-4), split into init / challenge / finalize.

pub(crate) mod challenge;
pub mod init;
pub mod randomness;
pub mod types;
pub mod verify;

pub use init::ProofInit;
pub use randomness::ProofRandomness;
pub use types::{Proof, PROOF_BASE_LEN};
