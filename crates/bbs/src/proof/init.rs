//! ProofGen split into its three steps (draft 3.6.3; see the crate docs):
//! init (commitments), challenge (hash), finalize (responses).

use super::challenge::ChallengeInput;
use super::randomness::ProofRandomness;
use super::types::Proof;
use crate::core_ops::CoreCtx;
use crate::error::{Error, Result};
use crate::indexes::{check_indexes, undisclosed};
use crate::keys::PublicKey;
use crate::signature::Signature;
use crate::suite::Ciphersuite;
use ark_bls12_381::{Fr, G1Affine};
use ark_ec::AffineRepr;
use ark_ff::Field;
use zeroize::{Zeroize, ZeroizeOnDrop};
use zkcred_pairing::fixed_base_sum;
use zkcred_pairing::small_msm;

/// The secrets a proof keeps between init and finalize. Zeroized on drop.
#[derive(Zeroize, ZeroizeOnDrop)]
struct InitSecrets {
    r1: Fr,
    r3: Fr,
    e: Fr,
    e_tilde: Fr,
    r1_tilde: Fr,
    r3_tilde: Fr,
    m_tilde: Vec<Fr>,
    m_hidden: Vec<Fr>,
    /// [domain, domain~] when the domain is hidden (issuer hiding).
    hidden_domain: Option<[Fr; 2]>,
}

/// Step 1 of ProofGen: the randomised signature (Abar, Bbar, D) and the commitments (T1, T2).
///
/// D = B·r2, Abar = A·(r1·r2), Bbar = D·r1 − Abar·e, T1 = Abar·e~ + D·r1~,
/// T2 = D·r3~ + sum_{j hidden} H_j·m~_j.
pub struct ProofInit {
    suite: Ciphersuite,
    h2s_dst: Vec<u8>,
    points: [G1Affine; 5],
    /// The public domain (`None`: hidden, see [`DomainWitness`]).
    domain: Option<Fr>,
    disclosed: Vec<(usize, Fr)>,
    undisclosed: Vec<usize>,
    secrets: InitSecrets,
}

/// How the domain enters a proof: public (the draft: hashed into the challenge, and the
/// verifier recomputes it from PK and header), or hidden like an undisclosed message under
/// Q_1 with its blinding domain~ (issuer hiding, [`crate::hidden`]): T2 gains Q_1·domain~.
pub(crate) enum DomainWitness {
    Public(Fr),
    Hidden { domain: Fr, blinding: Fr },
}

impl CoreCtx<'_> {
    /// ProofInit over the generator list of this context (all L messages as scalars).
    pub fn proof_init(
        &self,
        pk: &PublicKey,
        sig: &Signature,
        header: &[&[u8]],
        messages: &[Fr],
        disclosed_indexes: &[usize],
        randomness: &ProofRandomness,
    ) -> Result<ProofInit> {
        self.check_init_counts(messages, disclosed_indexes, randomness)?;
        let domain = DomainWitness::Public(self.domain(pk, header)?);
        self.proof_init_with(
            domain,
            &sig.a,
            sig.e,
            messages,
            disclosed_indexes,
            randomness,
        )
    }

    /// The counts and indexes of a ProofInit, checked before any hashing or curve arithmetic.
    pub(crate) fn check_init_counts(
        &self,
        messages: &[Fr],
        disclosed_indexes: &[usize],
        randomness: &ProofRandomness,
    ) -> Result<()> {
        let l = self.len();
        if messages.len() != l {
            return Err(Error::TooManyMessages {
                max: l,
                got: messages.len(),
            });
        }
        check_indexes(disclosed_indexes, l)?;
        let hidden = l - disclosed_indexes.len();
        if randomness.m_tilde.len() != hidden {
            return Err(Error::RandomScalarCount {
                expected: 5 + hidden,
                got: 5 + randomness.m_tilde.len(),
            });
        }
        Ok(())
    }

    /// ProofInit over a signature (A, e) with the domain public or hidden. With e replaced by
    /// e' = e − ρ this is the issuer-hiding init (Bbar' = D·r1 − Abar·e'); with a public
    /// domain and the signature's e it is the draft's.
    pub(crate) fn proof_init_with(
        &self,
        domain: DomainWitness,
        a: &G1Affine,
        e: Fr,
        messages: &[Fr],
        disclosed_indexes: &[usize],
        randomness: &ProofRandomness,
    ) -> Result<ProofInit> {
        self.check_init_counts(messages, disclosed_indexes, randomness)?;
        let l = self.len();
        let hidden = undisclosed(disclosed_indexes, l);
        let (domain_value, public_domain, hidden_domain) = match domain {
            DomainWitness::Public(d) => (d, Some(d), None),
            DomainWitness::Hidden { domain, blinding } => (domain, None, Some([domain, blinding])),
        };
        let r = randomness;
        let r3 = r.r2.inverse().ok_or(Error::Degenerate("r2 = 0"))?;
        let r1r2 = r.r1 * r.r2;

        let a = a.into_group();
        let d = self.b_scaled(&domain_value, messages, &r.r2);
        let a_bar = small_msm(&[a], &[r1r2]);
        let b_bar = small_msm(&[d, a], &[r.r1, -(r1r2 * e)]);
        let t1 = small_msm(&[a, d], &[r1r2 * r.e_tilde, r.r1_tilde]);
        let domain_term = hidden_domain.map(|[_, blinding]| (self.gens[0].table(), blinding));
        let t2 = small_msm(&[d], &[r.r3_tilde])
            + fixed_base_sum(
                hidden
                    .iter()
                    .zip(&r.m_tilde)
                    .map(|(&j, mt)| (self.gens[1 + j].table(), *mt))
                    .chain(domain_term),
            );
        let affine = zkcred_pairing::normalize(&[a_bar, b_bar, d, t1, t2]);
        let points = [affine[0], affine[1], affine[2], affine[3], affine[4]];
        if points[..3].iter().any(|p| p.is_zero()) {
            return Err(Error::Degenerate(
                "randomised signature point is the identity",
            ));
        }
        Ok(ProofInit {
            suite: self.suite,
            h2s_dst: self.h2s_dst.to_vec(),
            points,
            domain: public_domain,
            disclosed: disclosed_indexes
                .iter()
                .map(|&i| (i, messages[i]))
                .collect(),
            secrets: InitSecrets {
                r1: r.r1,
                r3,
                e,
                e_tilde: r.e_tilde,
                r1_tilde: r.r1_tilde,
                r3_tilde: r.r3_tilde,
                m_tilde: r.m_tilde.clone(),
                m_hidden: hidden.iter().map(|&j| messages[j]).collect(),
                hidden_domain,
            },
            undisclosed: hidden,
        })
    }
}

impl ProofInit {
    /// Step 2: the challenge c over this init and the presentation header (draft 3.6.5).
    /// Everything the caller wants bound to the proof goes into `ph`.
    pub fn challenge(&self, ph: &[u8]) -> Result<Fr> {
        self.challenge_with(&[], ph, &[])
    }

    /// The challenge with extra inputs before the domain and after ph (pseudonym draft).
    pub(crate) fn challenge_with(
        &self,
        extra: &[&[u8]],
        ph: &[u8],
        trailer: &[&[u8]],
    ) -> Result<Fr> {
        self.challenge_input(extra, ph, trailer)
            .hash(self.suite, &self.h2s_dst)
    }

    /// What the challenge hashes (to hash under another DST: issuer hiding).
    pub(crate) fn challenge_input<'a>(
        &'a self,
        extra: &'a [&'a [u8]],
        ph: &'a [u8],
        trailer: &'a [&'a [u8]],
    ) -> ChallengeInput<'a> {
        ChallengeInput {
            disclosed: &self.disclosed,
            points: &self.points,
            extra,
            domain: self.domain.as_ref(),
            ph,
            trailer,
        }
    }

    /// The ciphersuite.
    pub(crate) fn suite(&self) -> Ciphersuite {
        self.suite
    }

    /// domain^ = domain~ + domain·c when the domain is hidden (issuer hiding), else `None`.
    pub(crate) fn hidden_domain_response(&self, c: Fr) -> Option<Fr> {
        self.secrets
            .hidden_domain
            .map(|[domain, blinding]| blinding + domain * c)
    }

    /// Step 3 (draft 3.6.3 steps 9-14): e^ = e~ + e·c, r1^ = r1~ − r1·c, r3^ = r3~ − r3·c,
    /// m^_j = m~_j + m_j·c.
    pub fn finalize(self, c: Fr) -> Proof {
        let s = &self.secrets;
        Proof {
            a_bar: self.points[0],
            b_bar: self.points[1],
            d: self.points[2],
            e_hat: s.e_tilde + s.e * c,
            r1_hat: s.r1_tilde - s.r1 * c,
            r3_hat: s.r3_tilde - s.r3 * c,
            m_hat: s
                .m_tilde
                .iter()
                .zip(&s.m_hidden)
                .map(|(mt, m)| *mt + *m * c)
                .collect(),
            challenge: c,
        }
    }

    /// The blinding m~ of hidden message `index` (to reuse it in a linked proof), or `None`
    /// if that message is disclosed.
    pub fn message_blinding(&self, index: usize) -> Option<Fr> {
        let pos = self.undisclosed.binary_search(&index).ok()?;
        self.secrets.m_tilde.get(pos).copied()
    }

    /// The indexes of the hidden messages, ascending.
    pub fn undisclosed_indexes(&self) -> &[usize] {
        &self.undisclosed
    }

    /// The disclosed (index, message scalar) pairs.
    pub fn disclosed(&self) -> &[(usize, Fr)] {
        &self.disclosed
    }

    /// Abar, Bbar, D, T1, T2 (for extensions that hash more values).
    pub fn points(&self) -> &[G1Affine; 5] {
        &self.points
    }
}

impl core::fmt::Debug for ProofInit {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ProofInit")
            .field("points", &self.points)
            .field("disclosed", &self.disclosed.len())
            .field("undisclosed", &self.undisclosed)
            .finish_non_exhaustive()
    }
}
