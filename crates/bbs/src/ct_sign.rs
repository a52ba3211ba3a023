//! The issuer's secret steps of signing, in constant time: I2OSP(SK, 32) for the hash of e and
//! A = B·1/(SK + e) (draft-irtf-cfrg-bbs-signatures 3.6.1 steps 5-7; blind draft 4.3;
//! pseudonym draft 4.2), through blst ([`zkcred_pairing::ct_mul_g1_by_inverse_of_sum`]): no
//! branch or memory index depends on SK, SK + e or 1/(SK + e). B depends only on public data
//! (messages, domain, a commitment) and is computed before, with variable-time tables.

use crate::error::{Error, Result};
use crate::keys::SecretKey;
use crate::octets::SCALAR_LEN;
use ark_bls12_381::{Fr, G1Affine, G1Projective};
use ark_ec::AffineRepr;
use zeroize::Zeroizing;
use zkcred_pairing::{ct_mul_g1_by_inverse_of_sum, ct_scalar_to_be_bytes};

/// I2OSP(SK, 32) in constant time, zeroized on drop.
pub(crate) fn sk_octets(sk: &SecretKey) -> Zeroizing<[u8; SCALAR_LEN]> {
    ct_scalar_to_be_bytes(sk.scalar())
}

/// A = B·1/(SK + e) in constant time; [`Error::Degenerate`] if SK + e = 0 or A is the
/// identity (probability about 2^-255 each).
pub(crate) fn sign_point(b: &G1Projective, sk: &SecretKey, e: &Fr) -> Result<G1Affine> {
    let a =
        ct_mul_g1_by_inverse_of_sum(b, sk.scalar(), e).ok_or(Error::Degenerate("SK + e = 0"))?;
    if a.is_zero() {
        return Err(Error::Degenerate("A is the identity"));
    }
    Ok(a)
}

#[cfg(test)]
mod tests {
    use crate::signature::Signature;
    use crate::{Bbs, BlindBbs, Ciphersuite, KeyPair, NymBbs, NymSecrets, SecretKey};
    use ark_bls12_381::{Fr, G1Projective};
    use ark_ec::CurveGroup;
    use ark_ff::{Field, UniformRand};
    use rand::SeedableRng;
    use rand_chacha::ChaCha20Rng;

    /// The variable-time formula A = B·1/(SK + e), with arkworks.
    fn expected_a(b: &G1Projective, sk: &SecretKey, sig: &Signature) -> ark_bls12_381::G1Affine {
        let inv = (*sk.scalar() + sig.e).inverse().unwrap();
        (*b * inv).into_affine()
    }

    fn scalars(n: usize, rng: &mut ChaCha20Rng) -> Vec<Fr> {
        (0..n).map(|_| Fr::rand(rng)).collect()
    }

    #[test]
    fn core_sign_equals_the_variable_time_formula() {
        let rng = &mut ChaCha20Rng::seed_from_u64(41);
        for suite in Ciphersuite::ALL {
            let bbs = Bbs::new(suite, 4).unwrap();
            for l in 0..=4 {
                let keys = KeyPair::random(suite, rng).unwrap();
                let msgs = scalars(l, rng);
                let sig = bbs
                    .sign_scalars(&keys.secret, &keys.public, b"h", &msgs)
                    .unwrap();
                let terms = bbs
                    .signature_terms_scalars(&keys.public, &sig, b"h", &msgs)
                    .unwrap();
                assert_eq!(sig.a, expected_a(terms.b(), &keys.secret, &sig));
            }
        }
    }

    #[test]
    fn blind_sign_equals_the_variable_time_formula() {
        let rng = &mut ChaCha20Rng::seed_from_u64(42);
        for suite in Ciphersuite::ALL {
            let blind = BlindBbs::new(suite);
            let keys = KeyPair::random(suite, rng).unwrap();
            let (msgs, committed) = (scalars(3, rng), scalars(2, rng));
            let (cwp, spb) = blind.commit(&committed, rng).unwrap();
            let sig = blind
                .blind_sign(&keys.secret, &keys.public, Some(&cwp), b"h", &msgs)
                .unwrap();
            let terms = blind
                .blind_sign_terms(&keys.public, &sig, b"h", &msgs, &committed, Some(&spb))
                .unwrap();
            assert_eq!(sig.a, expected_a(terms.b(), &keys.secret, &sig));
            let sig = blind
                .blind_sign(&keys.secret, &keys.public, None, b"h", &msgs)
                .unwrap();
            let terms = blind
                .blind_sign_terms(&keys.public, &sig, b"h", &msgs, &[], None)
                .unwrap();
            assert_eq!(sig.a, expected_a(terms.b(), &keys.secret, &sig));
        }
    }

    #[test]
    fn nym_sign_equals_the_variable_time_formula() {
        let rng = &mut ChaCha20Rng::seed_from_u64(43);
        for suite in Ciphersuite::ALL {
            let nym = NymBbs::new(suite);
            let keys = KeyPair::random(suite, rng).unwrap();
            let (msgs, committed) = (scalars(3, rng), scalars(1, rng));
            let prover_nyms = NymSecrets::random(1, rng).unwrap();
            let (cwp, spb) = nym.commit_with_nym(&committed, &prover_nyms, rng).unwrap();
            let entropy = NymBbs::signer_nym_entropy(rng);
            let (pk, sk) = (&keys.public, &keys.secret);
            let sig = nym
                .blind_sign_with_nym(sk, pk, &cwp, 1, &entropy, b"h", &msgs)
                .unwrap();
            let secrets = nym
                .verify_finalize_with_nym(
                    pk,
                    &sig,
                    b"h",
                    &msgs,
                    &committed,
                    &prover_nyms,
                    &entropy,
                    &spb,
                )
                .unwrap();
            let terms = nym
                .signature_terms_with_nym_secrets(pk, &sig, b"h", &msgs, &committed, &secrets, &spb)
                .unwrap();
            assert_eq!(sig.a, expected_a(terms.b(), sk, &sig));
        }
    }
}
