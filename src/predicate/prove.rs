//! The holder: one BBS proof and one linked Groth16 proof per predicate on a hidden message.

use ark_ff::{UniformRand, Zero};
use rand_chacha::{rand_core::SeedableRng, ChaCha20Rng};
use rand_core::{CryptoRng, RngCore};
use zeroize::Zeroizing;
use zkcred_bbs::{Bbs, NymProof, NymProofInit, Proof, ProofInit, PublicKey, Signature};
use zkcred_circuits::PredicateCircuit;
use zkcred_snark::{
    prove_with_random_blinding, CircuitId, CommittedProof, Fr, G1Affine, OpeningProver, ProvingKey,
    SnarkError, VerifyingKey,
};

use super::error::{PredicateError, Result};
use super::keys::HolderKeys;
use super::presentation::{PredicateAttachment, PredicatePresentation};
use super::statement::{AnyCircuit, Predicate, PredicateStatement};
use super::transcript::{presentation_header, TranscriptItem};

/// A predicate on a hidden message, ready to prove.
struct HiddenJob<'a> {
    statement: usize,
    /// The predicate (for the refusal of a false statement).
    predicate: &'a Predicate,
    message_index: usize,
    circuit: AnyCircuit,
    circuit_id: CircuitId,
    public_params: Vec<Fr>,
    pk: &'a ProvingKey,
    vk: &'a VerifyingKey,
    /// `m~_j`, shared by every predicate on message j and by the BBS proof.
    m_tilde: Fr,
    seed: Zeroizing<[u8; 32]>,
}

/// The Groth16 side of one predicate before the challenge is known.
struct Proved {
    proof: CommittedProof,
    opening: OpeningProver,
}

impl HiddenJob<'_> {
    /// `(A, B, C, D)` with fresh `v`, and `T_D = m~·IC_1 + v~·IC_2`.
    fn prove(&self, w: Fr) -> Result<Proved> {
        let statement = self.statement;
        let mut rng = ChaCha20Rng::from_seed(*self.seed);
        let circuit = self
            .circuit
            .clone()
            .with_committed_values(&[w])
            .map_err(|source| PredicateError::InvalidPredicate { statement, source })?
            // The prover puts its own v in this slot.
            .with_blinding(Fr::zero());
        let (proof, v) =
            prove_with_random_blinding(self.pk, circuit, &[w], &mut rng).map_err(|e| match e {
                SnarkError::Unsatisfied { .. } => PredicateError::StatementFalse {
                    statement,
                    predicate: self.predicate.to_string(),
                },
                source => PredicateError::Prove { statement, source },
            })?;
        let v_tilde = Zeroizing::new(Fr::rand(&mut rng));
        let opening =
            OpeningProver::with_commitment(self.vk, &proof.d, &v, &[self.m_tilde], &v_tilde)
                .map_err(|source| PredicateError::Prove { statement, source })?;
        Ok(Proved { proof, opening })
    }
}

/// A BBS proof after its first step, whose challenge binds extra bytes (`ph`): the core
/// [`ProofInit`] and the pseudonym draft's [`NymProofInit`] both are.
pub trait LinkedInit {
    /// The finished proof.
    type Proof;
    /// Step 2: the challenge over `ph`.
    fn challenge(&self, ph: &[u8]) -> zkcred_bbs::Result<Fr>;
    /// Step 3: the responses.
    fn finalize(self, c: Fr) -> Self::Proof;
}

impl LinkedInit for ProofInit {
    type Proof = Proof;

    fn challenge(&self, ph: &[u8]) -> zkcred_bbs::Result<Fr> {
        ProofInit::challenge(self, ph)
    }

    fn finalize(self, c: Fr) -> Proof {
        ProofInit::finalize(self, c)
    }
}

impl LinkedInit for NymProofInit {
    type Proof = NymProof;

    fn challenge(&self, ph: &[u8]) -> zkcred_bbs::Result<Fr> {
        NymProofInit::challenge(self, ph)
    }

    fn finalize(self, c: Fr) -> NymProof {
        NymProofInit::finalize(self, c)
    }
}

/// The output of [`prove_linked`]: the BBS proof, one attachment per predicate on a hidden
/// message, and the challenge (for other Schnorr proofs that share it).
#[derive(Clone, Debug)]
pub struct LinkedProof<P> {
    /// The BBS proof.
    pub proof: P,
    /// The predicate attachments, in statement order.
    pub attachments: Vec<PredicateAttachment>,
    /// The BBS challenge `c`.
    pub challenge: Fr,
}

/// Proves knowledge of a BBS signature on `messages`, discloses `disclosed` (ascending), and
/// proves every statement of `statements`, with one proof whose challenge binds them all.
///
/// For each statement on a hidden message `m_j`: a Groth16 proof `(A, B, C)` with committed
/// input `D = m_j·IC_1 + v·IC_2` and a Schnorr opening `T_D = m~_j·IC_1 + v~·IC_2`, where `m~_j`
/// is the BBS proof's blinding of `m_j` (one per message, shared by its predicates). Then
/// `c = BBS challenge(ph')` with `ph' = ph || every (circuit id, j, p, A, B, C, D, T_D)`, and
/// `v^ = v~ + c·v`; the BBS response `m^_j = m~_j + c·m_j` completes the opening. Statements
/// on disclosed messages get no attachment (the verifier evaluates them).
///
/// The holder refuses to prove a false statement: [`PredicateError::StatementFalse`]. Keys
/// come from `keys`, which checked them when they were inserted.
///
/// With the `parallel` feature the Groth16 proofs run beside the BBS proof.
#[allow(clippy::too_many_arguments)]
pub fn prove_with_predicates<R: RngCore + CryptoRng>(
    bbs: &Bbs,
    pk: &PublicKey,
    signature: &Signature,
    header: &[u8],
    messages: &[Fr],
    disclosed: &[usize],
    statements: &[PredicateStatement],
    keys: &HolderKeys,
    ph: &[u8],
    rng: &mut R,
) -> Result<PredicatePresentation> {
    let out = prove_linked(
        messages,
        disclosed,
        statements,
        keys,
        ph,
        &[],
        |fixed: &[(usize, Fr)], bbs_rng: &mut ChaCha20Rng| {
            bbs.proof_init_with_blindings(
                pk, signature, header, messages, disclosed, fixed, bbs_rng,
            )
        },
        rng,
    )?;
    Ok(PredicatePresentation {
        proof: out.proof,
        attachments: out.attachments,
    })
}

/// [`prove_with_predicates`] over any BBS proof: `init` runs step 1 of the BBS proof with
/// the given fixed blindings `(message index, m~)` (those of the predicates' messages, then
/// `extra_fixed`, e.g. the holder secret's for a link) and randomness from the given RNG.
/// `messages` are the messages the statements index (for blind and pseudonym proofs: the
/// signer messages, whose combined indexes are the same).
#[allow(clippy::too_many_arguments)]
pub fn prove_linked<I, F, R>(
    messages: &[Fr],
    disclosed: &[usize],
    statements: &[PredicateStatement],
    keys: &HolderKeys,
    ph: &[u8],
    extra_fixed: &[(usize, Fr)],
    init: F,
    rng: &mut R,
) -> Result<LinkedProof<I::Proof>>
where
    I: LinkedInit + Send,
    F: FnOnce(&[(usize, Fr)], &mut ChaCha20Rng) -> zkcred_bbs::Result<I> + Send,
    R: RngCore + CryptoRng,
{
    // Blindings m~_j, one per hidden message with a predicate, fixed in the BBS proof.
    let mut fixed: Vec<(usize, Fr)> = Vec::new();
    let mut jobs = Vec::new();
    for (statement, st) in statements.iter().enumerate() {
        let j = st.message_index;
        let w = messages
            .get(j)
            .ok_or(PredicateError::MessageIndexOutOfRange {
                statement,
                index: j,
                count: messages.len(),
            })?;
        let invalid = |source| PredicateError::InvalidPredicate { statement, source };
        if !st.predicate.holds(w).map_err(invalid)? {
            return Err(PredicateError::StatementFalse {
                statement,
                predicate: st.predicate.to_string(),
            });
        }
        if disclosed.contains(&j) {
            continue;
        }
        let circuit = st.predicate.circuit().map_err(invalid)?;
        let circuit_id = circuit.circuit_id();
        let public_params = circuit.public_params();
        // The structure check runs here, before anything is proven with any key.
        let (key_pk, key_vk) = keys
            .checked(&circuit, rng)?
            .ok_or(PredicateError::MissingKey {
                statement,
                circuit: circuit_id,
            })?;
        if key_vk.num_committed() != 1 || key_vk.num_public_params() != public_params.len() {
            return Err(PredicateError::KeyShape {
                statement,
                circuit: circuit_id,
            });
        }
        let m_tilde = match fixed.iter().find(|(i, _)| *i == j) {
            Some((_, mt)) => *mt,
            None => {
                let mt = Fr::rand(rng);
                fixed.push((j, mt));
                mt
            }
        };
        let mut seed = Zeroizing::new([0u8; 32]);
        rng.fill_bytes(&mut seed[..]);
        jobs.push(HiddenJob {
            statement,
            predicate: &st.predicate,
            message_index: j,
            circuit,
            circuit_id,
            public_params,
            pk: key_pk,
            vk: key_vk,
            m_tilde,
            seed,
        });
    }
    fixed.extend_from_slice(extra_fixed);
    fixed.sort_by_key(|(i, _)| *i);
    let mut bbs_seed = Zeroizing::new([0u8; 32]);
    rng.fill_bytes(&mut bbs_seed[..]);

    let fixed_ref: &[(usize, Fr)] = &fixed;
    let bbs_init = move || {
        let mut bbs_rng = ChaCha20Rng::from_seed(*bbs_seed);
        init(fixed_ref, &mut bbs_rng).map_err(PredicateError::Bbs)
    };
    // Indexes were checked above: every job's message exists.
    let groth16 = || -> Result<Vec<Proved>> {
        #[cfg(feature = "parallel")]
        {
            use rayon::prelude::*;
            jobs.par_iter()
                .map(|job| job.prove(messages[job.message_index]))
                .collect()
        }
        #[cfg(not(feature = "parallel"))]
        {
            jobs.iter()
                .map(|job| job.prove(messages[job.message_index]))
                .collect()
        }
    };
    #[cfg(feature = "parallel")]
    let (init, proved) = rayon::join(bbs_init, groth16);
    #[cfg(not(feature = "parallel"))]
    let (init, proved) = (bbs_init(), groth16());
    // Wipe the blindings (the init holds its own copy).
    for (_, mt) in fixed.iter_mut() {
        *mt = Fr::zero();
    }
    let proved = proved?;
    let init = init?;

    let t_ds: Vec<G1Affine> = proved.iter().map(|p| *p.opening.t_d()).collect();
    let items: Vec<TranscriptItem<'_>> = jobs
        .iter()
        .zip(&proved)
        .zip(&t_ds)
        .map(|((job, p), t_d)| TranscriptItem {
            circuit_id: job.circuit_id,
            message_index: job.message_index,
            public_params: &job.public_params,
            proof: &p.proof,
            t_d,
        })
        .collect();
    let ph_full = presentation_header(ph, &items);
    let c = init.challenge(&ph_full).map_err(PredicateError::Bbs)?;
    let proof = init.finalize(c);
    let attachments = proved
        .into_iter()
        .map(|p| PredicateAttachment {
            response: p.opening.respond(&c),
            proof: p.proof,
        })
        .collect();
    Ok(LinkedProof {
        proof,
        attachments,
        challenge: c,
    })
}
