//! [`Bbs`]: one ciphersuite and interface with its cached generators; the draft's octet-string
//! interface (section 3.5) and the scalar-level core that credentials use.

use crate::core_ops::{CoreCtx, SignatureTerms};
use crate::error::{Error, Result};
use crate::generators::{create_generators, Generator, Generators};
use crate::keys::{PublicKey, SecretKey};
use crate::proof::{Proof, ProofInit, ProofRandomness};
use crate::signature::Signature;
use crate::suite::{Ciphersuite, Interface};
use ark_bls12_381::Fr;
use rand_core::{CryptoRng, RngCore};
use std::sync::Arc;
use zkcred_pairing::PairingCheck;

/// The largest `max_messages` a context can be created for (generators and their tables
/// are derived up to this bound, never beyond).
pub const MAX_MESSAGES: usize = 16_384;

/// A BBS context: a ciphersuite, an interface (api_id) and generators for up to
/// `max_messages` messages. Cheap to clone; generators are shared process-wide.
///
/// ```
/// use zkcred_bbs::{Bbs, Ciphersuite, KeyPair};
/// let mut rng = rand::thread_rng();
/// let bbs = Bbs::new(Ciphersuite::Bls12381Sha256, 8).unwrap();
/// let keys = KeyPair::random(Ciphersuite::Bls12381Sha256, &mut rng).unwrap();
/// let messages: [&[u8]; 3] = [b"born 2001-04-02", b"commune 42", b"holder"];
/// let sig = bbs.sign(&keys.secret, &keys.public, b"header", &messages).unwrap();
/// bbs.verify(&keys.public, &sig, b"header", &messages).unwrap();
///
/// // Disclose message 1 only.
/// let proof = bbs.proof_gen(&keys.public, &sig, b"header", b"nonce", &messages, &[1], &mut rng).unwrap();
/// bbs.proof_verify(&keys.public, &proof, b"header", b"nonce", &[messages[1]], &[1]).unwrap();
/// assert!(bbs.proof_verify(&keys.public, &proof, b"header", b"other nonce", &[messages[1]], &[1]).is_err());
/// ```
#[derive(Clone)]
pub struct Bbs {
    suite: Ciphersuite,
    interface: Interface,
    api_id: Arc<[u8]>,
    h2s_dst: Arc<[u8]>,
    map_dst: Arc<[u8]>,
    generators: Generators,
    max_messages: usize,
}

impl Bbs {
    /// The core interface (api_id = ciphersuite_id || "H2G_HM2S_") for up to `max_messages`
    /// messages. Signing or verifying more messages is refused with
    /// [`Error::TooManyMessages`]; a verifier never derives generators beyond this bound.
    pub fn new(suite: Ciphersuite, max_messages: usize) -> Result<Self> {
        Self::with_interface(suite, Interface::Core, max_messages)
    }

    /// A context for another interface (blind, pseudonym).
    pub fn with_interface(
        suite: Ciphersuite,
        interface: Interface,
        max_messages: usize,
    ) -> Result<Self> {
        if max_messages > MAX_MESSAGES {
            return Err(Error::TooManyMessages {
                max: MAX_MESSAGES,
                got: max_messages,
            });
        }
        let api_id = suite.api_id(interface);
        let generators = create_generators(suite, &api_id, max_messages + 1)?;
        Ok(Self {
            suite,
            interface,
            h2s_dst: [&api_id[..], b"H2S_"].concat().into(),
            map_dst: [&api_id[..], b"MAP_MSG_TO_SCALAR_AS_HASH_"].concat().into(),
            api_id: api_id.into(),
            generators,
            max_messages,
        })
    }

    /// The ciphersuite.
    pub fn suite(&self) -> Ciphersuite {
        self.suite
    }

    /// The interface.
    pub fn interface(&self) -> Interface {
        self.interface
    }

    /// api_id of this context.
    pub fn api_id(&self) -> &[u8] {
        &self.api_id
    }

    /// The largest message count this context accepts.
    pub fn max_messages(&self) -> usize {
        self.max_messages
    }

    /// The generators (Q_1, H_1..H_count).
    pub fn generators(&self, count: usize) -> Result<&[Arc<Generator>]> {
        if count > self.max_messages {
            return Err(Error::TooManyMessages {
                max: self.max_messages,
                got: count,
            });
        }
        Ok(&self.generators[..count + 1])
    }

    /// Builds every fixed-base table now rather than on first use (about 2 ms per generator).
    pub fn precompute(&self) {
        crate::generators::p1_generator(self.suite).table();
        for g in self.generators.iter() {
            g.table();
        }
    }

    /// The core context for `count` messages.
    pub fn core(&self, count: usize) -> Result<CoreCtx<'_>> {
        Ok(CoreCtx {
            suite: self.suite,
            api_id: &self.api_id,
            h2s_dst: &self.h2s_dst,
            gens: self.generators(count)?,
        })
    }

    /// hash_to_scalar(msg, api_id || "H2S_").
    pub fn hash_to_scalar(&self, msg: &[u8]) -> Result<Fr> {
        self.suite.hash_to_scalar(&[msg], &self.h2s_dst)
    }

    /// MapMessageToScalarAsHash (draft 4.1.2): hash_to_scalar(msg, api_id ||
    /// "MAP_MSG_TO_SCALAR_AS_HASH_").
    pub fn message_to_scalar(&self, msg: &[u8]) -> Result<Fr> {
        self.suite.hash_to_scalar(&[msg], &self.map_dst)
    }

    /// messages_to_scalars: each message mapped on its own.
    pub fn messages_to_scalars<M: AsRef<[u8]>>(&self, messages: &[M]) -> Result<Vec<Fr>> {
        messages
            .iter()
            .map(|m| self.message_to_scalar(m.as_ref()))
            .collect()
    }

    /// Sign (draft 3.5.1) over octet-string messages.
    pub fn sign<M: AsRef<[u8]>>(
        &self,
        sk: &SecretKey,
        pk: &PublicKey,
        header: &[u8],
        messages: &[M],
    ) -> Result<Signature> {
        self.sign_scalars(sk, pk, header, &self.messages_to_scalars(messages)?)
    }

    /// CoreSign over messages given as scalars.
    pub fn sign_scalars(
        &self,
        sk: &SecretKey,
        pk: &PublicKey,
        header: &[u8],
        messages: &[Fr],
    ) -> Result<Signature> {
        self.core(messages.len())?.sign(sk, pk, header, messages)
    }

    /// Verify (draft 3.5.2) over octet-string messages.
    pub fn verify<M: AsRef<[u8]>>(
        &self,
        pk: &PublicKey,
        sig: &Signature,
        header: &[u8],
        messages: &[M],
    ) -> Result<()> {
        self.verify_scalars(pk, sig, header, &self.messages_to_scalars(messages)?)
    }

    /// CoreVerify over messages given as scalars.
    pub fn verify_scalars(
        &self,
        pk: &PublicKey,
        sig: &Signature,
        header: &[u8],
        messages: &[Fr],
    ) -> Result<()> {
        self.core(messages.len())?
            .verify(pk, sig, &[header], messages)
    }

    /// What Verify (draft 3.5.2) checks, before the pairing: W, (A, e) and B over the
    /// octet-string messages, for [`crate::batch_verify_signatures`].
    /// `signature_terms(..)?.verify()` is [`Self::verify`].
    pub fn signature_terms<'k, M: AsRef<[u8]>>(
        &self,
        pk: &'k PublicKey,
        sig: &Signature,
        header: &[u8],
        messages: &[M],
    ) -> Result<SignatureTerms<'k>> {
        self.signature_terms_scalars(pk, sig, header, &self.messages_to_scalars(messages)?)
    }

    /// [`Self::signature_terms`] over messages given as scalars (as [`Self::verify_scalars`]).
    pub fn signature_terms_scalars<'k>(
        &self,
        pk: &'k PublicKey,
        sig: &Signature,
        header: &[u8],
        messages: &[Fr],
    ) -> Result<SignatureTerms<'k>> {
        self.core(messages.len())?
            .signature_terms(pk, sig, &[header], messages)
    }

    /// Step 1 of a proof with explicit randomness (draft order; see [`ProofRandomness`]).
    pub fn proof_init(
        &self,
        pk: &PublicKey,
        sig: &Signature,
        header: &[u8],
        messages: &[Fr],
        disclosed_indexes: &[usize],
        randomness: &ProofRandomness,
    ) -> Result<ProofInit> {
        self.core(messages.len())?.proof_init(
            pk,
            sig,
            &[header],
            messages,
            disclosed_indexes,
            randomness,
        )
    }

    /// Step 1 of a proof with fresh randomness, except that the blinding m~ of each hidden
    /// message in `fixed_blindings` (message index, m~) is the caller's: a linked proof that
    /// reuses m~ then shares the response m^ = m~ + c·m with this proof.
    #[allow(clippy::too_many_arguments)]
    pub fn proof_init_with_blindings<R: RngCore + CryptoRng>(
        &self,
        pk: &PublicKey,
        sig: &Signature,
        header: &[u8],
        messages: &[Fr],
        disclosed_indexes: &[usize],
        fixed_blindings: &[(usize, Fr)],
        rng: &mut R,
    ) -> Result<ProofInit> {
        let ctx = self.core(messages.len())?;
        crate::indexes::check_indexes(disclosed_indexes, messages.len())?;
        let hidden = crate::indexes::undisclosed(disclosed_indexes, messages.len());
        let mut randomness = ProofRandomness::random(rng, hidden.len());
        for (index, blinding) in fixed_blindings {
            let pos = hidden
                .binary_search(index)
                .map_err(|_| Error::BlindingForDisclosedMessage(*index))?;
            randomness.m_tilde[pos] = *blinding;
        }
        ctx.proof_init(pk, sig, &[header], messages, disclosed_indexes, &randomness)
    }

    /// ProofGen (draft 3.5.3) over octet-string messages: init, challenge, finalize.
    #[allow(clippy::too_many_arguments)]
    pub fn proof_gen<M: AsRef<[u8]>, R: RngCore + CryptoRng>(
        &self,
        pk: &PublicKey,
        sig: &Signature,
        header: &[u8],
        ph: &[u8],
        messages: &[M],
        disclosed_indexes: &[usize],
        rng: &mut R,
    ) -> Result<Proof> {
        let scalars = self.messages_to_scalars(messages)?;
        self.proof_gen_scalars(pk, sig, header, ph, &scalars, disclosed_indexes, rng)
    }

    /// CoreProofGen over messages given as scalars.
    #[allow(clippy::too_many_arguments)]
    pub fn proof_gen_scalars<R: RngCore + CryptoRng>(
        &self,
        pk: &PublicKey,
        sig: &Signature,
        header: &[u8],
        ph: &[u8],
        messages: &[Fr],
        disclosed_indexes: &[usize],
        rng: &mut R,
    ) -> Result<Proof> {
        let init =
            self.proof_init_with_blindings(pk, sig, header, messages, disclosed_indexes, &[], rng)?;
        let c = init.challenge(ph)?;
        Ok(init.finalize(c))
    }

    /// ProofVerify (draft 3.5.4) over the disclosed octet-string messages.
    pub fn proof_verify<M: AsRef<[u8]>>(
        &self,
        pk: &PublicKey,
        proof: &Proof,
        header: &[u8],
        ph: &[u8],
        disclosed_messages: &[M],
        disclosed_indexes: &[usize],
    ) -> Result<()> {
        self.proof_verify_deferred(pk, proof, header, ph, disclosed_messages, disclosed_indexes)
            .and_then(crate::proof::verify::holds)
    }

    /// [`Self::proof_verify`] up to its pairing: every other check, then the equation
    /// e(Abar, W) · e(−Bbar, BP2) = 1, returned to be evaluated later, alone
    /// ([`PairingCheck::holds`]) or merged with others ([`zkcred_pairing::all_hold`]).
    pub fn proof_verify_deferred<'k, M: AsRef<[u8]>>(
        &self,
        pk: &'k PublicKey,
        proof: &Proof,
        header: &[u8],
        ph: &[u8],
        disclosed_messages: &[M],
        disclosed_indexes: &[usize],
    ) -> Result<PairingCheck<'k>> {
        let scalars = self.messages_to_scalars(disclosed_messages)?;
        self.proof_verify_scalars_deferred(pk, proof, header, ph, disclosed_indexes, &scalars)
    }

    /// CoreProofVerify over disclosed messages given as scalars.
    pub fn proof_verify_scalars(
        &self,
        pk: &PublicKey,
        proof: &Proof,
        header: &[u8],
        ph: &[u8],
        disclosed_indexes: &[usize],
        disclosed_messages: &[Fr],
    ) -> Result<()> {
        self.proof_verify_scalars_deferred(
            pk,
            proof,
            header,
            ph,
            disclosed_indexes,
            disclosed_messages,
        )
        .and_then(crate::proof::verify::holds)
    }

    /// [`Self::proof_verify_scalars`] up to its pairing, whose equation it returns (see
    /// [`Self::proof_verify_deferred`]).
    pub fn proof_verify_scalars_deferred<'k>(
        &self,
        pk: &'k PublicKey,
        proof: &Proof,
        header: &[u8],
        ph: &[u8],
        disclosed_indexes: &[usize],
        disclosed_messages: &[Fr],
    ) -> Result<PairingCheck<'k>> {
        let l = disclosed_indexes
            .len()
            .checked_add(proof.undisclosed_count())
            .ok_or(Error::InvalidProofLength(proof.encoded_len()))?;
        self.core(l)?.proof_verify_deferred(
            pk,
            proof,
            &[header],
            ph,
            disclosed_indexes,
            disclosed_messages,
        )
    }
}

impl core::fmt::Debug for Bbs {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Bbs")
            .field("suite", &self.suite)
            .field("interface", &self.interface)
            .field("max_messages", &self.max_messages)
            .finish()
    }
}
