//! The issuer-hiding proof over core BBS signatures: init / challenge / finalize and verify,
//! on top of the draft's proof code (ProofGen 3.6.3 with e' = e − ρ and a hidden domain,
//! ProofVerify 3.6.4 with domain^ in place of domain·c), plus (W', X') and the OR-proof.

use super::accepted::AcceptedIssuers;
use super::challenge_dst;
use super::membership::{MembershipProof, MembershipProver, MAX_ACCEPTED_ISSUERS};
use super::randomized::{RandomizedKey, RANDOMIZED_KEY_LEN};
use crate::context::Bbs;
use crate::core_ops::CoreCtx;
use crate::error::{Error, Result};
use crate::hash::random_scalar;
use crate::indexes::{check_indexes, undisclosed};
use crate::octets::{i2osp8, scalar_from_bytes, scalar_to_bytes, SCALAR_LEN};
use crate::proof::init::DomainWitness;
use crate::proof::verify::{DomainTerm, Recomputed};
use crate::proof::{Proof, ProofInit, ProofRandomness, PROOF_BASE_LEN};
use crate::signature::Signature;
use ark_bls12_381::Fr;
use rand_core::{CryptoRng, RngCore};
use zeroize::Zeroizing;
use zkcred_pairing::PairingCheck;

/// A proof of knowledge of a BBS signature by one of the accepted issuers:
/// `W' || X' || I2OSP(N, 8) || c_1..c_N || s_1..s_N || domain^ || proof`, where `proof` is
/// the draft's layout (Abar, Bbar', D, e'^, r1^, r3^, m^_j, c): 144 + 8 + 64·N + 32 +
/// 272 + 32·U bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HiddenIssuerProof {
    pub(crate) key: RandomizedKey,
    pub(crate) membership: MembershipProof,
    pub(crate) domain_hat: Fr,
    pub(crate) proof: Proof,
}

/// Length of the fixed prefix before the OR-proof: W' || X' || I2OSP(N, 8).
const PREFIX_LEN: usize = RANDOMIZED_KEY_LEN + 8;

impl HiddenIssuerProof {
    /// The encoding above.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.encoded_len());
        out.extend_from_slice(&self.key.to_bytes());
        out.extend_from_slice(&i2osp8(self.membership.len()));
        out.extend_from_slice(&self.membership.to_bytes());
        out.extend_from_slice(&scalar_to_bytes(&self.domain_hat));
        out.extend_from_slice(&self.proof.to_bytes());
        out
    }

    /// Encoded length.
    pub fn encoded_len(&self) -> usize {
        PREFIX_LEN
            + MembershipProof::encoded_len(self.membership.len())
            + SCALAR_LEN
            + self.proof.encoded_len()
    }

    /// Decodes: lengths and N (1 to [`MAX_ACCEPTED_ISSUERS`]) before any point, then every
    /// point in its subgroup and not the identity, every scalar in [1, r−1].
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        if bytes.len() < PREFIX_LEN {
            return Err(Error::InvalidProofLength(bytes.len()));
        }
        let mut n_bytes = [0u8; 8];
        n_bytes.copy_from_slice(&bytes[RANDOMIZED_KEY_LEN..PREFIX_LEN]);
        let n = u64::from_be_bytes(n_bytes);
        if n == 0 || n > MAX_ACCEPTED_ISSUERS as u64 {
            return Err(Error::IssuerCount {
                max: MAX_ACCEPTED_ISSUERS,
                got: usize::try_from(n).unwrap_or(usize::MAX),
            });
        }
        let n = n as usize;
        let or_end = PREFIX_LEN + MembershipProof::encoded_len(n);
        if bytes.len() < or_end + SCALAR_LEN + PROOF_BASE_LEN {
            return Err(Error::InvalidProofLength(bytes.len()));
        }
        let proof = Proof::from_bytes(&bytes[or_end + SCALAR_LEN..])?;
        Ok(Self {
            key: RandomizedKey::from_bytes(&bytes[..RANDOMIZED_KEY_LEN])?,
            membership: MembershipProof::from_bytes(&bytes[PREFIX_LEN..or_end], n)?,
            domain_hat: scalar_from_bytes(&bytes[or_end..or_end + SCALAR_LEN], "domain^")?,
            proof,
        })
    }

    /// (W', X').
    pub fn randomized_key(&self) -> &RandomizedKey {
        &self.key
    }

    /// The membership proof: a CDS OR-proof for small sets, a one-out-of-many proof above.
    pub fn membership(&self) -> &MembershipProof {
        &self.membership
    }

    /// domain^ = domain~ + domain·c.
    pub fn domain_response(&self) -> &Fr {
        &self.domain_hat
    }

    /// The BBS part (Abar, Bbar', D, e'^, r1^, r3^, m^_j, c): its responses m^_j are shared
    /// with linked proofs as for core proofs ([`Proof::hidden_response`]).
    pub fn core(&self) -> &Proof {
        &self.proof
    }
}

crate::serde_hex::impl_serde_hex!(HiddenIssuerProof);

/// Step 1 of an issuer-hiding proof: the draft's [`ProofInit`] (with e' = e − ρ and the
/// domain hidden), (W', X') and the OR commitments.
pub struct HiddenIssuerProofInit {
    pub(crate) init: ProofInit,
    key: RandomizedKey,
    membership: MembershipProver,
    /// W' || X' || I2OSP(N, 8) || (W_i || X_i)_i || R_1..R_N.
    statement: Vec<u8>,
    dst: Vec<u8>,
}

impl HiddenIssuerProofInit {
    /// The init over a core context (any interface's generators): `signer` is the holder's
    /// issuer's position in `accepted`, `header` what the issuer signed with (it enters the
    /// hidden domain only). ρ, domain~ and the simulated OR branches come from `rng`.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn new<R: RngCore + CryptoRng>(
        ctx: &CoreCtx<'_>,
        accepted: &AcceptedIssuers,
        signer: usize,
        sig: &Signature,
        header: &[&[u8]],
        messages: &[Fr],
        disclosed_indexes: &[usize],
        randomness: &ProofRandomness,
        rng: &mut R,
    ) -> Result<Self> {
        if ctx.suite != accepted.suite() {
            return Err(Error::SuiteMismatch);
        }
        ctx.check_init_counts(messages, disclosed_indexes, randomness)?;
        let rho = Zeroizing::new(random_scalar(rng));
        Self::with_rho(
            ctx,
            accepted,
            signer,
            sig,
            header,
            (messages, disclosed_indexes, randomness),
            [*rho; 2],
            rng,
        )
    }

    /// [`Self::new`] with ρ given: ρ_w for W' and e' (the BBS part), ρ_x for X' and the
    /// OR-proof; an honest prover has ρ_w = ρ_x (tests build the other case).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn with_rho<R: RngCore + CryptoRng>(
        ctx: &CoreCtx<'_>,
        accepted: &AcceptedIssuers,
        signer: usize,
        sig: &Signature,
        header: &[&[u8]],
        (messages, disclosed_indexes, randomness): (&[Fr], &[usize], &ProofRandomness),
        [rho_w, rho_x]: [Fr; 2],
        rng: &mut R,
    ) -> Result<Self> {
        let rho_w = Zeroizing::new(rho_w);
        let rho_x = Zeroizing::new(rho_x);
        let key = accepted.keys().get(signer).ok_or(Error::IssuerIndex {
            index: signer,
            count: accepted.len(),
        })?;
        let domain = ctx.domain(key.public_key(), header)?;
        let e_prime = Zeroizing::new(sig.e - *rho_w);
        let witness = DomainWitness::Hidden {
            domain,
            blinding: random_scalar(rng),
        };
        let init = ctx.proof_init_with(
            witness,
            &sig.a,
            *e_prime,
            messages,
            disclosed_indexes,
            randomness,
        )?;
        let randomized = RandomizedKey::with_scalars(key, &rho_w, &rho_x)?;
        let (membership, commitments) =
            MembershipProver::commit(&randomized, accepted, signer, *rho_x, rng)?;
        Ok(Self {
            init,
            statement: statement(&randomized, accepted, &commitments),
            key: randomized,
            membership,
            dst: challenge_dst(ctx.api_id),
        })
    }

    /// Step 2: c = H2S(R || (i, m_i) || Abar || Bbar' || D || T1 || T2 || W' || X' ||
    /// accepted set || R_1..R_N || I2OSP(len(ph), 8) || ph, api_id || "ISSUER_HIDING_H2S_").
    pub fn challenge(&self, ph: &[u8]) -> Result<Fr> {
        self.challenge_with(&[], ph, &[])
    }

    /// The challenge with more inputs after the statement and after ph (pseudonyms).
    pub(crate) fn challenge_with(
        &self,
        extra: &[&[u8]],
        ph: &[u8],
        trailer: &[&[u8]],
    ) -> Result<Fr> {
        let all: Vec<&[u8]> = core::iter::once(&self.statement[..])
            .chain(extra.iter().copied())
            .collect();
        self.init
            .challenge_input(&all, ph, trailer)
            .hash(self.init.suite(), &self.dst)
    }

    /// Step 3: the draft's responses (with e'), domain^ and the OR responses.
    pub fn finalize(self, c: Fr) -> HiddenIssuerProof {
        // Always Some: the init was made with DomainWitness::Hidden.
        let domain_hat = self.init.hidden_domain_response(c).unwrap_or_default();
        HiddenIssuerProof {
            key: self.key,
            membership: self.membership.respond(c),
            domain_hat,
            proof: self.init.finalize(c),
        }
    }

    /// The blinding m~ of hidden message `index`, as [`ProofInit::message_blinding`].
    pub fn message_blinding(&self, index: usize) -> Option<Fr> {
        self.init.message_blinding(index)
    }

    /// The randomised key (W', X') this proof will carry.
    pub fn randomized_key(&self) -> &RandomizedKey {
        &self.key
    }
}

impl core::fmt::Debug for HiddenIssuerProofInit {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("HiddenIssuerProofInit")
            .field("init", &self.init)
            .field("key", &self.key)
            .finish_non_exhaustive()
    }
}

/// W' || X' || I2OSP(N, 8) || (W_i || X_i)_i || R_1..R_N.
fn statement(key: &RandomizedKey, accepted: &AcceptedIssuers, commitments: &[u8]) -> Vec<u8> {
    [&key.to_bytes()[..], accepted.encoding(), commitments].concat()
}

/// The verifier's side shared by core and pseudonym proofs: counts, T1, T2 (with domain^),
/// the OR commitments; the caller then checks the challenge ([`check_challenge`]).
pub(crate) fn recompute(
    ctx: &CoreCtx<'_>,
    accepted: &AcceptedIssuers,
    proof: &HiddenIssuerProof,
    disclosed_indexes: &[usize],
    disclosed_messages: &[Fr],
) -> Result<(Recomputed, Vec<u8>)> {
    if ctx.suite != accepted.suite() {
        return Err(Error::SuiteMismatch);
    }
    if proof.membership.len() != accepted.len() {
        return Err(Error::IssuerSetMismatch {
            expected: accepted.len(),
            got: proof.membership.len(),
        });
    }
    let rec = ctx.recompute_with(
        DomainTerm::HiddenResponse(proof.domain_hat),
        &proof.proof,
        disclosed_indexes,
        disclosed_messages,
    )?;
    let commitments = proof
        .membership
        .commitments(&proof.key, accepted, &proof.proof.challenge)?;
    Ok((rec, statement(&proof.key, accepted, &commitments)))
}

/// The challenge check of [`recompute`]'s output, then the two deferred equations
/// e(Abar, W') · e(−Bbar', BP2) = 1 and e(X', BP2) · e(−U, W') = 1.
pub(crate) fn check_challenge(
    ctx: &CoreCtx<'_>,
    proof: &HiddenIssuerProof,
    rec: &Recomputed,
    statement: &[u8],
    extra: &[&[u8]],
    ph: &[u8],
    trailer: &[&[u8]],
) -> Result<[PairingCheck<'static>; 2]> {
    let all: Vec<&[u8]> = core::iter::once(statement)
        .chain(extra.iter().copied())
        .collect();
    ctx.check_challenge_dst(
        &proof.proof,
        rec,
        &all,
        ph,
        trailer,
        &challenge_dst(ctx.api_id),
    )?;
    Ok([
        proof.key.bbs_check(&proof.proof.a_bar, &proof.proof.b_bar),
        proof.key.key_check(ctx.suite),
    ])
}

/// Both equations evaluated now ([`Error::PairingCheckFailed`] if either fails).
pub(crate) fn both_hold(checks: [PairingCheck<'static>; 2]) -> Result<()> {
    if checks.iter().all(PairingCheck::holds) {
        Ok(())
    } else {
        Err(Error::PairingCheckFailed)
    }
}

impl Bbs {
    /// Step 1 of an issuer-hiding proof over core signatures, with the draft's randomness
    /// (r1, r2, e~, r1~, r3~, m~_j: the caller may fix m~_j to link proofs) and ρ, domain~
    /// and the OR-proof's randomness from `rng`. `signer` is the position of the signature's
    /// issuer in `accepted` ([`AcceptedIssuers::position`]).
    #[allow(clippy::too_many_arguments)]
    pub fn hidden_proof_init<R: RngCore + CryptoRng>(
        &self,
        accepted: &AcceptedIssuers,
        signer: usize,
        sig: &Signature,
        header: &[u8],
        messages: &[Fr],
        disclosed_indexes: &[usize],
        randomness: &ProofRandomness,
        rng: &mut R,
    ) -> Result<HiddenIssuerProofInit> {
        HiddenIssuerProofInit::new(
            &self.core(messages.len())?,
            accepted,
            signer,
            sig,
            &[header],
            messages,
            disclosed_indexes,
            randomness,
            rng,
        )
    }

    /// An issuer-hiding proof with fresh randomness: init, challenge over `ph`, finalize.
    #[allow(clippy::too_many_arguments)]
    pub fn hidden_proof_gen<R: RngCore + CryptoRng>(
        &self,
        accepted: &AcceptedIssuers,
        signer: usize,
        sig: &Signature,
        header: &[u8],
        ph: &[u8],
        messages: &[Fr],
        disclosed_indexes: &[usize],
        rng: &mut R,
    ) -> Result<HiddenIssuerProof> {
        check_indexes(disclosed_indexes, messages.len())?;
        let hidden = undisclosed(disclosed_indexes, messages.len()).len();
        let randomness = ProofRandomness::random(rng, hidden);
        let init = self.hidden_proof_init(
            accepted,
            signer,
            sig,
            header,
            messages,
            disclosed_indexes,
            &randomness,
            rng,
        )?;
        let c = init.challenge(ph)?;
        Ok(init.finalize(c))
    }

    /// Verifies an issuer-hiding proof against the accepted set (in the prover's order), up to
    /// its pairings: counts, T1, T2, the OR-proof and the challenge, then the equations
    /// e(Abar, W')·e(−Bbar', BP2) = 1 and e(X', BP2)·e(−U, W') = 1, to merge with the
    /// presentation's other equations ([`zkcred_pairing::all_hold`]). No header: it is part
    /// of the hidden domain.
    pub fn hidden_proof_verify_deferred(
        &self,
        accepted: &AcceptedIssuers,
        proof: &HiddenIssuerProof,
        ph: &[u8],
        disclosed_indexes: &[usize],
        disclosed_messages: &[Fr],
    ) -> Result<[PairingCheck<'static>; 2]> {
        let l = disclosed_indexes
            .len()
            .checked_add(proof.proof.undisclosed_count())
            .ok_or(Error::InvalidProofLength(proof.encoded_len()))?;
        let ctx = self.core(l)?;
        let (rec, statement) =
            recompute(&ctx, accepted, proof, disclosed_indexes, disclosed_messages)?;
        check_challenge(&ctx, proof, &rec, &statement, &[], ph, &[])
    }

    /// [`Self::hidden_proof_verify_deferred`], then both equations.
    pub fn hidden_proof_verify(
        &self,
        accepted: &AcceptedIssuers,
        proof: &HiddenIssuerProof,
        ph: &[u8],
        disclosed_indexes: &[usize],
        disclosed_messages: &[Fr],
    ) -> Result<()> {
        self.hidden_proof_verify_deferred(
            accepted,
            proof,
            ph,
            disclosed_indexes,
            disclosed_messages,
        )
        .and_then(both_hold)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hidden::IssuerKey;
    use crate::keys::KeyPair;
    use crate::suite::Ciphersuite;
    use ark_ff::UniformRand;
    use rand::SeedableRng;

    /// A prover whose W' and X' carry different ρ (each consistent with its own part: the BBS
    /// equation under W', the OR-proof for X') passes everything but e(X', BP2) = e(U, W').
    #[test]
    fn different_rho_in_w_and_x_is_refused() {
        let suite = Ciphersuite::Bls12381Sha256;
        let rng = &mut rand_chacha::ChaCha20Rng::seed_from_u64(7);
        let bbs = Bbs::new(suite, 4).unwrap();
        let keys: Vec<KeyPair> = (0..3)
            .map(|_| KeyPair::random(suite, rng).unwrap())
            .collect();
        let accepted = AcceptedIssuers::new(
            keys.iter()
                .map(|k| IssuerKey::from_secret(suite, &k.secret))
                .collect(),
        )
        .unwrap();
        let messages: Vec<Fr> = (0..4).map(|_| Fr::rand(rng)).collect();
        let sig = bbs
            .sign_scalars(&keys[1].secret, &keys[1].public, b"h", &messages)
            .unwrap();
        let ctx = bbs.core(4).unwrap();
        let prove = |rho: [Fr; 2], rng: &mut rand_chacha::ChaCha20Rng| {
            let randomness = ProofRandomness::random(rng, 3);
            let init = HiddenIssuerProofInit::with_rho(
                &ctx,
                &accepted,
                1,
                &sig,
                &[b"h"],
                (&messages, &[0], &randomness),
                rho,
                rng,
            )
            .unwrap();
            let c = init.challenge(b"ph").unwrap();
            init.finalize(c)
        };
        let verify = |proof: &HiddenIssuerProof| {
            bbs.hidden_proof_verify_deferred(&accepted, proof, b"ph", &[0], &messages[..1])
        };
        let rho = Fr::rand(rng);
        let honest = prove([rho; 2], rng);
        let checks = verify(&honest).unwrap();
        assert!(checks.iter().all(PairingCheck::holds));

        let cheat = prove([rho, Fr::rand(rng)], rng);
        let checks = verify(&cheat).unwrap();
        assert!(checks[0].holds(), "the BBS equation under W' holds");
        assert!(!checks[1].holds(), "e(X', BP2) = e(U, W') fails");
        assert_eq!(
            bbs.hidden_proof_verify(&accepted, &cheat, b"ph", &[0], &messages[..1]),
            Err(Error::PairingCheckFailed)
        );
    }
}
