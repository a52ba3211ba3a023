//! The draft's core operations (section 3.6: CoreSign, CoreVerify) over scalars and an explicit
//! generator list, shared by the core, blind and pseudonym interfaces.

use crate::ct_sign::{sign_point, sk_octets};
use crate::error::{Error, Result};
use crate::generators::{p1_generator, Generator};
use crate::keys::{PublicKey, SecretKey};
use crate::octets::{i2osp8, scalar_to_bytes};
use crate::signature::Signature;
use crate::suite::Ciphersuite;
use ark_bls12_381::{Fr, G1Affine, G1Projective, G2Affine};
use ark_ec::AffineRepr;
use ark_ff::Field;
use std::sync::{Arc, OnceLock};
use zeroize::Zeroizing;
use zkcred_pairing::fixed_base_sum;
use zkcred_pairing::{G2Side, PairingCheck, PreparedG2};

/// What a core operation runs over: the suite, api_id, the hash_to_scalar DST and the
/// generators (Q_1, then one generator per message scalar).
#[derive(Clone, Copy)]
pub struct CoreCtx<'a> {
    /// The ciphersuite.
    pub suite: Ciphersuite,
    /// api_id of the interface.
    pub api_id: &'a [u8],
    /// api_id || "H2S_".
    pub h2s_dst: &'a [u8],
    /// Q_1 followed by exactly one generator per message.
    pub gens: &'a [Arc<Generator>],
}

impl CoreCtx<'_> {
    /// Number of message generators L.
    pub fn len(&self) -> usize {
        self.gens.len().saturating_sub(1)
    }

    /// Whether there is no message generator (L = 0).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// calculate_domain (draft 4.2.3): H2S(PK || I2OSP(L, 8) || Q_1 || H_1..H_L || api_id ||
    /// I2OSP(len(header), 8) || header).
    pub fn domain(&self, pk: &PublicKey, header: &[&[u8]]) -> Result<Fr> {
        let header_len: usize = header.iter().map(|h| h.len()).sum();
        let mut buf =
            Vec::with_capacity(96 + 8 + 48 * self.gens.len() + self.api_id.len() + 8 + header_len);
        buf.extend_from_slice(pk.octets());
        buf.extend_from_slice(&i2osp8(self.len()));
        for g in self.gens {
            buf.extend_from_slice(g.bytes());
        }
        buf.extend_from_slice(self.api_id);
        buf.extend_from_slice(&i2osp8(header_len));
        for h in header {
            buf.extend_from_slice(h);
        }
        self.suite.hash_to_scalar(&[&buf], self.h2s_dst)
    }

    /// scale·(P1 + Q_1·domain + sum H_i·m_i), by fixed-base tables.
    pub fn b_scaled(&self, domain: &Fr, messages: &[Fr], scale: &Fr) -> G1Projective {
        let head = [
            (p1_generator(self.suite).table(), *scale),
            (self.gens[0].table(), *domain * scale),
        ];
        fixed_base_sum(
            head.into_iter().chain(
                self.gens[1..]
                    .iter()
                    .zip(messages)
                    .map(|(g, m)| (g.table(), *m * scale)),
            ),
        )
    }

    fn check_message_count(&self, got: usize) -> Result<()> {
        if got != self.len() {
            return Err(Error::TooManyMessages {
                max: self.len(),
                got,
            });
        }
        Ok(())
    }

    /// CoreSign (draft 3.6.1) with the core e = H2S(SK || m_1..m_L || domain):
    /// A = B·1/(SK + e). B = P1 + Q_1·domain + Σ H_i·m_i (public data) by fixed-base tables;
    /// I2OSP(SK), e's reduction, SK + e, the inverse and the multiplication in constant time
    /// (module `ct_sign`).
    pub fn sign(
        &self,
        sk: &SecretKey,
        pk: &PublicKey,
        header: &[u8],
        messages: &[Fr],
    ) -> Result<Signature> {
        self.check_message_count(messages.len())?;
        let domain = self.domain(pk, &[header])?;
        let mut buf = Zeroizing::new(Vec::with_capacity(32 * (messages.len() + 2)));
        buf.extend_from_slice(&sk_octets(sk)[..]);
        for m in messages {
            buf.extend_from_slice(&scalar_to_bytes(m));
        }
        buf.extend_from_slice(&scalar_to_bytes(&domain));
        let e = self.suite.hash_to_scalar_ct(&[&buf], self.h2s_dst)?;
        let b = self.b_scaled(&domain, messages, &Fr::ONE);
        let a = sign_point(&b, sk, &e)?;
        Ok(Signature { a, e })
    }

    /// CoreVerify (draft 3.6.2): e(A, W) · e(A·e − B, BP2) == 1, i.e.
    /// [`Self::signature_terms`] then [`SignatureTerms::verify`].
    pub fn verify(
        &self,
        pk: &PublicKey,
        sig: &Signature,
        header: &[&[u8]],
        messages: &[Fr],
    ) -> Result<()> {
        self.signature_terms(pk, sig, header, messages)?.verify()
    }

    /// The first half of CoreVerify (draft 3.6.2, steps up to the pairing): checks the
    /// message count (before any curve arithmetic), computes domain and
    /// B = P1 + Q_1·domain + Σ H_i·m_i, and returns (W, A, e, B) for the pairing check
    /// [`SignatureTerms::verify`] or a batch ([`crate::batch_verify_signatures`]).
    pub fn signature_terms<'k>(
        &self,
        pk: &'k PublicKey,
        sig: &Signature,
        header: &[&[u8]],
        messages: &[Fr],
    ) -> Result<SignatureTerms<'k>> {
        self.check_message_count(messages.len())?;
        let domain = self.domain(pk, header)?;
        Ok(SignatureTerms {
            pk,
            a: sig.a,
            e: sig.e,
            b: self.b_scaled(&domain, messages, &Fr::ONE),
        })
    }
}

/// What the pairing check of one signature needs: the signer's key W, the signature (A, e)
/// and B = P1 + Q_1·domain + Σ H_i·m_i over the signed message scalars. The signature is
/// valid iff e(A, W) · e(A·e − B, BP2) = 1 (draft-irtf-cfrg-bbs-signatures, 3.6.2
/// CoreVerify, step 6 written as one product).
///
/// Made only by the verify functions of each interface, from the same message scalars their
/// single verify uses: [`crate::Bbs::signature_terms`], [`crate::BlindBbs::blind_sign_terms`],
/// [`crate::NymBbs::signature_terms_with_nym_secrets`]. Holds no secret (B commits to the
/// messages; it equals A·(SK + e) for a valid signature).
#[derive(Clone, Debug)]
pub struct SignatureTerms<'k> {
    pub(crate) pk: &'k PublicKey,
    pub(crate) a: G1Affine,
    pub(crate) e: Fr,
    pub(crate) b: G1Projective,
}

impl<'k> SignatureTerms<'k> {
    /// The signer's public key W.
    pub fn public_key(&self) -> &PublicKey {
        self.pk
    }

    /// The signature's point A.
    pub fn a(&self) -> &G1Affine {
        &self.a
    }

    /// The signature's scalar e.
    pub fn e(&self) -> &Fr {
        &self.e
    }

    /// B = P1 + Q_1·domain + Σ H_i·m_i.
    pub fn b(&self) -> &G1Projective {
        &self.b
    }

    /// The pairing equation of this signature, deferred: e(A, W) · e(A·e − B, BP2) = 1, to
    /// evaluate now ([`PairingCheck::holds`]) or merged with other equations
    /// ([`zkcred_pairing::all_hold`]).
    pub fn pairing_check(&self) -> PairingCheck<'k> {
        w_bp2_check(self.a.into_group(), self.pk, self.a * self.e - self.b)
    }

    /// The pairing check of this signature alone: e(A, W) · e(A·e − B, BP2) == 1, one
    /// 2-pair multi-Miller loop and one final exponentiation; else
    /// [`Error::InvalidSignature`].
    pub fn verify(&self) -> Result<()> {
        if self.pairing_check().holds() {
            Ok(())
        } else {
            Err(Error::InvalidSignature)
        }
    }
}

/// BP2, the generator of G2, with its pairing preparation (made once per process).
pub fn bp2_prepared() -> &'static PreparedG2 {
    static BP2: OnceLock<PreparedG2> = OnceLock::new();
    BP2.get_or_init(|| PreparedG2::new(G2Affine::generator()))
}

/// The equation e(X, W) · e(Y, BP2) = 1 of every BBS signature and proof check, deferred.
pub(crate) fn w_bp2_check(x: G1Projective, pk: &PublicKey, y: G1Projective) -> PairingCheck<'_> {
    PairingCheck::new()
        .with(x, G2Side::Fixed(pk.prepared()))
        .with(y, G2Side::Fixed(bp2_prepared()))
}
