//! Groth16 with committed inputs (BLS12-381, arkworks 0.6).
//!
//! A predicate circuit has the instance vector `x = (w_1..w_t, v, p_1..p_k)`: `t` hidden
//! committed values, one blinding `v` that no constraint uses, and `k` public parameters.
//! With `IC_i = vk.gamma_abc_g1[i]` the prover publishes, instead of `w` and `v`,
//!
//! ```text
//! D = sum_{i=1..t} w_i·IC_i + v·IC_{t+1}          (Pedersen commitment, hiding for random v)
//! ```
//!
//! and the verifier runs Groth16's pairing check with the prepared input
//! `P = IC_0 + D + sum_j p_j·IC_{t+1+j}`. A Schnorr proof of knowledge of the opening of `D`
//! ([`opening`]) uses caller-supplied blindings and a caller-computed challenge, so that a BBS
//! proof can share blindings and challenge with it:
//!
//! ```text
//! T_D = sum_i m~_i·IC_i + v~·IC_{t+1}        v^ = v~ + c·v
//! verifier: T_D == sum_i m^_i·IC_i + v^·IC_{t+1} - c·D
//! ```
//!
//! Modules, one role each: [`circuit_id`], [`setup`](mod@setup), [`prove`](mod@prove),
//! [`verify`](mod@verify), [`opening`], [`prepared_key`] (the prover's fixed-base tables),
//! [`key_check`] (what a holder runs on keys it is given), [`encoding`] (octets and serde).
//!
//! # Example
//!
//! ```
//! use ark_relations::gr1cs::{
//!     ConstraintSynthesizer, ConstraintSystemRef, LinearCombination, SynthesisError, Variable,
//! };
//! use rand_chacha::{rand_core::SeedableRng, ChaCha20Rng};
//! use zkcred_snark::{
//!     check_keys, check_opening, prove, recompute_t_d, setup, verify, Blinding, CircuitId, Fr,
//!     OpeningProver,
//! };
//!
//! /// Instance (w, v, p): proves w·w == p. w is committed, v is the free blinding.
//! struct Square { w: Fr, v: Fr, p: Fr }
//!
//! impl ConstraintSynthesizer<Fr> for Square {
//!     fn generate_constraints(self, cs: ConstraintSystemRef<Fr>) -> Result<(), SynthesisError> {
//!         let w = cs.new_input_variable(|| Ok(self.w))?;
//!         let _v = cs.new_input_variable(|| Ok(self.v))?; // free: in no constraint
//!         let p = cs.new_input_variable(|| Ok(self.p))?;
//!         cs.enforce_r1cs_constraint(
//!             || LinearCombination::from(w),
//!             || LinearCombination::from(w),
//!             || LinearCombination::from(p),
//!         )
//!     }
//! }
//!
//! # fn main() -> Result<(), zkcred_snark::SnarkError> {
//! let mut rng = ChaCha20Rng::seed_from_u64(1);
//! let zero = Fr::from(0u64);
//!
//! // Verifier (or an authority it trusts): keys for the circuit, t = 1 committed value.
//! let id = CircuitId::new(b"example/square/v1", 1);
//! let (pk, vk) = setup(Square { w: zero, v: zero, p: zero }, id, 1, &mut rng)?;
//!
//! // Holder: check the keys, prove, commit to the opening of D.
//! check_keys(&pk, &vk)?;
//! let (w, p) = (Fr::from(7u64), Fr::from(49u64));
//! let v = Blinding::random(&mut rng);
//! // The blinding value inside the circuit is ignored: the prover puts `v` there.
//! let proof = prove(&pk, Square { w, v: zero, p }, &[w], &v, &mut rng)?;
//! let m_tilde = [Fr::from(1234u64)]; // would come from the BBS proof
//! let v_tilde = Fr::from(5678u64);
//! let opening = OpeningProver::commit(&vk, &[w], &v, &m_tilde, &v_tilde)?;
//! assert_eq!(opening.d(), &proof.d);
//! let t_d = *opening.t_d(); // hashed into the shared challenge together with D, A, B, C, p
//! let c = Fr::from(42u64); // the shared (e.g. BBS) challenge
//! let response = opening.respond(&c);
//! let m_hat = [m_tilde[0] + c * w]; // would be the BBS response for w
//!
//! // Verifier.
//! let pvk = vk.prepare();
//! verify(&pvk, &proof, &[p])?;
//! assert_eq!(recompute_t_d(&vk, &proof.d, &m_hat, &response, &c)?, t_d);
//! check_opening(&vk, &proof.d, &m_hat, &response, &c, &t_d)?;
//! # Ok(())
//! # }
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod circuit_id;
pub mod encoding;
pub mod error;
pub mod key_cache;
pub mod key_check;
mod key_structure;
pub mod opening;
pub mod prepared_key;
mod prepared_slot;
pub mod prove;
pub mod qap;
pub mod setup;
pub mod tau_powers;
pub mod verify;

mod ops;

pub use circuit_id::CircuitId;
pub use encoding::{scalar_from_bytes, scalar_to_bytes};
pub use error::{Element, Result, SnarkError, StructureCheck};
pub use key_cache::{CheckedKeys, KeyDigest};
pub use key_check::{
    check_key_pair, check_key_structure, check_keys, check_proving_key, check_verifying_key,
};
pub use opening::{
    check_opening, recompute_t_d, recompute_t_d_prechecked, OpeningProver, OpeningResponse,
};
pub use prepared_key::PreparedProvingKey;
pub use prove::{commitment_d, prove, prove_with_random_blinding, Blinding, CommittedProof};
pub use setup::{setup, PreparedVerifyingKey, ProvingKey, VerifyingKey};
pub use tau_powers::TauPowers;
pub use verify::{verify, verify_deferred, verify_deferred_decoded};
pub use zkcred_pairing::PairingCheck;

/// The pairing engine.
pub use ark_bls12_381::Bls12_381;
/// The scalar field of BLS12-381 (order r).
pub use ark_bls12_381::Fr;
/// A G1 point in affine form.
pub use ark_bls12_381::G1Affine;
/// A G2 point in affine form.
pub use ark_bls12_381::G2Affine;

/// ark-groth16's proof `(A, B, C)` on BLS12-381.
pub type Groth16Proof = ark_groth16::Proof<Bls12_381>;
/// ark-groth16's proving key on BLS12-381.
pub type ArkProvingKey = ark_groth16::ProvingKey<Bls12_381>;
/// ark-groth16's verifying key on BLS12-381.
pub type ArkVerifyingKey = ark_groth16::VerifyingKey<Bls12_381>;
