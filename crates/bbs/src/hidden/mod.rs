//! Issuer hiding: a BBS proof that the signature is from *one of* a set of accepted issuers,
//! without saying which (issue 11). Not part of any draft; the IETF proofs (core, blind,
//! pseudonym) are unchanged, byte for byte, and this module only adds a second proof form.
//!
//! ## Keys
//!
//! Besides `W = x·BP2`, an issuer publishes `X = x·U` in G1, with `U` an independent
//! generator: `U = hash_to_curve_g1(api_id || "ISSUER_HIDING_U_SEED", api_id ||
//! "ISSUER_HIDING_U_")`, api_id the suite's core api_id (one `X` per issuer for every
//! interface). Anyone checks `e(X, BP2) = e(U, W)` ([`IssuerKey::new`], or
//! [`IssuerKey::key_check`] deferred), which the registry does when it adds an issuer.
//!
//! ## The proof ([`HiddenIssuerProof`])
//!
//! The holder of a signature (A, e) under issuer k of the accepted set `(W_i, X_i)_{i<N}`
//! draws ρ and publishes the randomised key `W' = W_k + ρ·BP2`, `X' = X_k + ρ·U`
//! ([`RandomizedKey`]). With the draft's `Abar = A·r1·r2`, `D = B·r2` and
//! `Bbar' = Bbar + ρ·Abar = D·r1 − Abar·(e − ρ)`:
//!
//! * `e(Abar, W') = e(Bbar', BP2)` (as `Abar·(x_k + ρ) = r1·r2·(B − A·e) + ρ·Abar`);
//! * the draft's Schnorr proof (3.6.3) runs with `e' = e − ρ` in place of e, and with the
//!   domain hidden: `domain = H2S(W_k || ..)` names the issuer, so it is proven like an
//!   undisclosed message under `Q_1` (`T2 += Q_1·domain~`, response `domain^`) and is not
//!   hashed; the header, hashed into the domain only, is hidden with it;
//! * `e(X', BP2) = e(U, W')`: W' and X' carry the same scalar `x' = x_k + ρ`;
//! * a membership proof ([`MembershipProof`]) of ρ with `X' − X_i = ρ·U` for some i, under the
//!   same challenge: for N ≤ [`MAX_OR_ISSUERS`] a CDS OR-proof ([`OrProof`]: R. Cramer,
//!   I. Damgård, B. Schoenmakers, "Proofs of Partial Knowledge and Simplified Design of
//!   Witness Hiding Protocols", CRYPTO 1994), above a one-out-of-many proof of O(log N) size
//!   ([`OneOfManyProof`]: J. Groth, M. Kohlweiss, EUROCRYPT 2015, in the base-4 form of
//!   J. Bootle et al., ESORICS 2015).
//!
//! The challenge is `H2S(R || (i, m_i) || Abar || Bbar' || D || T1 || T2 || W' || X' ||
//! I2OSP(N, 8) || (W_i || X_i)_i || M || I2OSP(len(ph), 8) || ph,
//! api_id || "ISSUER_HIDING_H2S_")`: the statement (accepted set, in order) and every OR
//! commitment M (the CDS `R_1..R_N` or the one-out-of-many `B, A, C, D, G_k`) are bound;
//! nothing issuer-specific is hashed in the clear. Both pairing equations
//! are returned as deferred checks, to merge into the presentation's one multi-pairing.
//! Blind and pseudonym proofs run the same over the drafts' combined scalars and generators
//! (the pseudonym draft's `pseudonym || Ut` after the membership commitments, its context id after ph).
//!
//! ## Why it is sound (special soundness, in the ROM)
//!
//! From accepting transcripts with the same commitments and distinct challenges (two for the
//! CDS proof, n + 1 for the one-out-of-many proof), the Schnorr part gives e', r1, r3, the
//! hidden messages and `domain` with `Bbar' = D·r1 − Abar·e'` and
//! `D·r3 = P1 + Q_1·domain + Σ H_i·m_i = B`; the membership proof gives an accepted i and ρ
//! with `X' = X_i + ρ·U` (docs/SECURITY.md §7). The key check gives
//! `X' = (x_i + ρ)·U`, and `e(X', BP2) = e(U, W')` then `W' = (x_i + ρ)·BP2`. With
//! `A = Abar/(r1·r2)`, `e(Abar, W') = e(Bbar', BP2)` becomes `A·(x_i + ρ + e') = B`: a BBS
//! signature `(A, e' + ρ)` under `W_i` on (domain, m). Forging it breaks BBS unforgeability
//! (q-SDH), with the domain as one more signed message: an issuer only ever signs under its own
//! domain, so a proof under a domain it never used is a forgery too.
//!
//! ## Why it hides the issuer (honest-verifier ZK, witness indistinguishability)
//!
//! For uniform ρ, `x' = x_k + ρ` is uniform and independent of k, so `(W', X') = x'·(BP2, U)`
//! is a uniform pair of that form whatever the issuer. Abar and D are uniform (r1, r2),
//! `Bbar' = x'·Abar`; e^, r1^, r3^, m^_j, domain^ are uniform given c (blinded by e~, r1~, r3~,
//! m~_j, domain~); the CDS proof is perfectly witness indistinguishable (every branch's
//! (c_i, s_i) is uniform subject to Σ c_i = c) and the one-out-of-many proof special
//! honest-verifier zero-knowledge (its simulator does not use the index). So the proof's distribution is the same for
//! every k in the accepted set: it reveals the set (which the verifier chose), L and the
//! disclosed messages, nothing else. The header is not revealed either (the verifier does not
//! need it); anything the verifier must see goes into a signed, disclosed message.
//!
//! Costs: 184 bytes over the draft's proof plus the membership proof: `64·N` (CDS) or
//! `(4 + n)·48 + (3n + 3)·32` bytes with n = ⌈log_4 N⌉ (1,152 at N = 4,096). The CDS proof
//! costs two G1 multiplications per branch; the one-out-of-many proof n MSMs over the N keys
//! to prove and one to verify. N is at most [`MAX_ACCEPTED_ISSUERS`] (65,536).

mod accepted;
mod blind;
mod issuer_key;
mod membership;
mod nym;
mod one_of_many;
mod or_proof;
mod proof;
mod randomized;

pub use accepted::AcceptedIssuers;
pub use issuer_key::{u_generator, IssuerKey};
pub use membership::{MembershipProof, MAX_ACCEPTED_ISSUERS, MAX_OR_ISSUERS};
pub use nym::{HiddenIssuerNymProof, HiddenIssuerNymProofInit};
pub use one_of_many::{digits_for, oom_generators, OneOfManyProof, BASE, MAX_DIGITS};
pub use or_proof::OrProof;
pub use proof::{HiddenIssuerProof, HiddenIssuerProofInit};

// Blind proofs: `BlindBbs::hidden_proof_*` (blind.rs); pseudonym proofs:
// `NymBbs::hidden_proof_*` (nym.rs); core proofs: `Bbs::hidden_proof_*` (proof.rs).
pub use randomized::{RandomizedKey, RANDOMIZED_KEY_LEN};

/// api_id || "ISSUER_HIDING_H2S_": the challenge DST of issuer-hiding proofs (never the
/// draft's, so no issuer-hiding challenge is ever a draft challenge).
pub(crate) fn challenge_dst(api_id: &[u8]) -> Vec<u8> {
    [api_id, b"ISSUER_HIDING_H2S_"].concat()
}
