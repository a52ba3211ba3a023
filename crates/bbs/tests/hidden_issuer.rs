//! Issuer hiding (issue 11, BBS level): a proof verifies for every issuer of the accepted
//! set, is refused for any other issuer, for every tampered field and for another set (order,
//! length); two proofs from two issuers carry nothing equal to or derived from either issuer's
//! keys or domain. Pseudonym proofs likewise.

use ark_bls12_381::{G1Affine, G2Affine};
use ark_ec::{AffineRepr, CurveGroup};
use ark_ff::{Field, UniformRand};
use rand::SeedableRng;
use rand_chacha::ChaCha20Rng;
use zkcred_bbs::hidden::{
    digits_for, u_generator, HiddenIssuerNymProof, MembershipProof, MAX_ACCEPTED_ISSUERS,
    MAX_OR_ISSUERS, RANDOMIZED_KEY_LEN,
};
use zkcred_bbs::octets::{
    g1_from_bytes, g1_to_bytes, g2_from_bytes_nonidentity, g2_to_bytes, scalar_from_bytes,
    scalar_to_bytes, G1_LEN, G2_LEN, SCALAR_LEN,
};
use zkcred_bbs::{
    AcceptedIssuers, Bbs, BlindBbs, BlindDisclosure, Ciphersuite, Error, HiddenIssuerProof,
    IssuerKey, KeyPair, NymBbs, NymSecrets, Scalar, Signature,
};
use zkcred_pairing::all_hold;

const L: usize = 6;
const HEADER: &[u8] = b"issuer header";
const PH: &[u8] = b"presentation header";
const DISCLOSED: [usize; 2] = [1, 4];

fn rng(seed: u64) -> ChaCha20Rng {
    ChaCha20Rng::seed_from_u64(seed)
}

struct Registry {
    suite: Ciphersuite,
    bbs: Bbs,
    keys: Vec<KeyPair>,
    issuer_keys: Vec<IssuerKey>,
}

impl Registry {
    fn new(suite: Ciphersuite, n: usize, seed: u64) -> Self {
        let rng = &mut rng(seed);
        let keys: Vec<KeyPair> = (0..n)
            .map(|_| KeyPair::random(suite, rng).unwrap())
            .collect();
        // What the registry does when it adds an issuer: check X against W.
        let issuer_keys = keys
            .iter()
            .map(|k| {
                let own = IssuerKey::from_secret(suite, &k.secret);
                IssuerKey::new(suite, k.public.clone(), &own.x_bytes()).unwrap()
            })
            .collect();
        Self {
            suite,
            bbs: Bbs::new(suite, L).unwrap(),
            keys,
            issuer_keys,
        }
    }

    fn accepted(&self, which: &[usize]) -> AcceptedIssuers {
        AcceptedIssuers::new(which.iter().map(|&i| self.issuer_keys[i].clone()).collect()).unwrap()
    }

    fn credential(&self, issuer: usize, seed: u64) -> (Vec<Scalar>, Signature) {
        let rng = &mut rng(seed);
        let messages: Vec<Scalar> = (0..L).map(|_| Scalar::rand(rng)).collect();
        let k = &self.keys[issuer];
        let sig = self
            .bbs
            .sign_scalars(&k.secret, &k.public, HEADER, &messages)
            .unwrap();
        (messages, sig)
    }

    fn prove(
        &self,
        accepted: &AcceptedIssuers,
        signer: usize,
        cred: &(Vec<Scalar>, Signature),
        seed: u64,
    ) -> HiddenIssuerProof {
        self.bbs
            .hidden_proof_gen(
                accepted,
                signer,
                &cred.1,
                HEADER,
                PH,
                &cred.0,
                &DISCLOSED,
                &mut rng(seed),
            )
            .unwrap()
    }

    fn verify(
        &self,
        accepted: &AcceptedIssuers,
        proof: &HiddenIssuerProof,
        messages: &[Scalar],
    ) -> Result<(), Error> {
        let shown: Vec<Scalar> = DISCLOSED.iter().map(|&i| messages[i]).collect();
        self.bbs
            .hidden_proof_verify(accepted, proof, PH, &DISCLOSED, &shown)
    }
}

#[test]
fn u_is_an_independent_generator_and_keys_are_checked() {
    for suite in Ciphersuite::ALL {
        let u = *u_generator(suite).point();
        assert!(!u.is_zero());
        assert!(u.is_in_correct_subgroup_assuming_on_curve());
        assert_ne!(u, suite.p1());
        assert_ne!(u, G1Affine::generator());
        let reg = Registry::new(suite, 2, 1);
        // X of another issuer does not match W.
        let other_x = reg.issuer_keys[1].x_bytes();
        assert_eq!(
            IssuerKey::new(suite, reg.keys[0].public.clone(), &other_x),
            Err(Error::InvalidIssuerKey)
        );
        assert!(IssuerKey::new(suite, reg.keys[0].public.clone(), &[0u8; 47]).is_err());
        let check = IssuerKey::key_check(suite, &reg.keys[1].public, reg.issuer_keys[1].x());
        assert!(check.holds());
    }
}

#[test]
fn accepted_sets_are_bounded_and_distinct() {
    let reg = Registry::new(Ciphersuite::Bls12381Sha256, 2, 2);
    assert_eq!(
        AcceptedIssuers::new(vec![]).err(),
        Some(Error::IssuerCount {
            max: MAX_ACCEPTED_ISSUERS,
            got: 0
        })
    );
    // The count is checked before anything else (these are all one key).
    let too_many = vec![reg.issuer_keys[0].clone(); MAX_ACCEPTED_ISSUERS + 1];
    assert_eq!(
        AcceptedIssuers::new(too_many).err(),
        Some(Error::IssuerCount {
            max: MAX_ACCEPTED_ISSUERS,
            got: MAX_ACCEPTED_ISSUERS + 1
        })
    );
    assert_eq!(
        AcceptedIssuers::new(vec![reg.issuer_keys[0].clone(), reg.issuer_keys[0].clone()]).err(),
        Some(Error::DuplicateIssuer(1))
    );
    let shake = Registry::new(Ciphersuite::Bls12381Shake256, 1, 3);
    assert_eq!(
        AcceptedIssuers::new(vec![
            reg.issuer_keys[0].clone(),
            shake.issuer_keys[0].clone()
        ])
        .err(),
        Some(Error::SuiteMismatch)
    );
}

#[test]
fn verifies_for_every_issuer_of_the_accepted_set() {
    for (suite, n) in [
        (Ciphersuite::Bls12381Sha256, 1),
        (Ciphersuite::Bls12381Shake256, 2),
        (Ciphersuite::Bls12381Sha256, MAX_OR_ISSUERS),
        (Ciphersuite::Bls12381Shake256, MAX_OR_ISSUERS + 1),
        (Ciphersuite::Bls12381Sha256, 13),
    ] {
        let reg = Registry::new(suite, n, 10 + n as u64);
        let all: Vec<usize> = (0..n).collect();
        let accepted = reg.accepted(&all);
        let mut deferred = Vec::new();
        for k in 0..n {
            let cred = reg.credential(k, 100 + k as u64);
            let proof = reg.prove(&accepted, k, &cred, 200 + k as u64);
            reg.verify(&accepted, &proof, &cred.0).unwrap();
            // Octets round trip, and the size over the draft's proof: 144 + 8 + 32 and the
            // membership proof, 64·N (CDS) or (4 + n)·48 + (n + 3)·32 (one-out-of-many).
            let bytes = proof.to_bytes();
            assert_eq!(bytes.len(), proof.encoded_len());
            assert_eq!(
                bytes.len() - proof.core().encoded_len(),
                RANDOMIZED_KEY_LEN + 8 + membership_len(n) + SCALAR_LEN
            );
            assert_eq!(proof.membership().as_or().is_some(), n <= MAX_OR_ISSUERS);
            assert_eq!(HiddenIssuerProof::from_bytes(&bytes).unwrap(), proof);
            let shown: Vec<Scalar> = DISCLOSED.iter().map(|&i| cred.0[i]).collect();
            deferred.extend(
                reg.bbs
                    .hidden_proof_verify_deferred(&accepted, &proof, PH, &DISCLOSED, &shown)
                    .unwrap(),
            );
        }
        // All equations of all proofs: one merged multi-pairing.
        assert!(all_hold(&deferred, &mut rng(5)));
        assert_eq!(reg.suite, suite);
    }
}

#[test]
fn refused_for_an_issuer_outside_the_set() {
    let reg = Registry::new(Ciphersuite::Bls12381Sha256, 5, 20);
    // Issuers 0..3 are accepted; 3 and 4 are registered but not accepted.
    let accepted = reg.accepted(&[0, 1, 2]);
    let cred = reg.credential(4, 21);
    // The holder claims to be issuer 0, 1 or 2: the BBS equation under W' fails.
    for signer in 0..3 {
        let proof = reg.prove(&accepted, signer, &cred, 22 + signer as u64);
        assert_eq!(
            reg.verify(&accepted, &proof, &cred.0),
            Err(Error::PairingCheckFailed)
        );
    }
    // The holder proves against a set with its issuer in it: the verifier's set differs.
    let own = reg.accepted(&[0, 1, 4]);
    let proof = reg.prove(&own, 2, &cred, 30);
    reg.verify(&own, &proof, &cred.0).unwrap();
    assert_eq!(
        reg.verify(&accepted, &proof, &cred.0),
        Err(Error::ChallengeMismatch)
    );
    // An issuer that was never registered: same.
    let outsider = Registry::new(Ciphersuite::Bls12381Sha256, 1, 31);
    let cred = outsider.credential(0, 32);
    let proof = reg.prove(&accepted, 1, &cred, 33);
    assert_eq!(
        reg.verify(&accepted, &proof, &cred.0),
        Err(Error::PairingCheckFailed)
    );
    // An index outside the set.
    assert_eq!(
        reg.bbs
            .hidden_proof_gen(
                &accepted,
                3,
                &cred.1,
                HEADER,
                PH,
                &cred.0,
                &DISCLOSED,
                &mut rng(1)
            )
            .err(),
        Some(Error::IssuerIndex { index: 3, count: 3 })
    );
}

#[test]
fn refused_for_another_set_order_or_length() {
    let reg = Registry::new(Ciphersuite::Bls12381Sha256, 4, 40);
    let accepted = reg.accepted(&[0, 1, 2]);
    let cred = reg.credential(1, 41);
    let proof = reg.prove(&accepted, 1, &cred, 42);
    reg.verify(&accepted, &proof, &cred.0).unwrap();
    assert_eq!(
        reg.verify(&reg.accepted(&[2, 1, 0]), &proof, &cred.0),
        Err(Error::ChallengeMismatch)
    );
    assert_eq!(
        reg.verify(&reg.accepted(&[0, 1]), &proof, &cred.0),
        Err(Error::IssuerSetMismatch {
            expected: 2,
            got: 3
        })
    );
    assert_eq!(
        reg.verify(&reg.accepted(&[0, 1, 2, 3]), &proof, &cred.0),
        Err(Error::IssuerSetMismatch {
            expected: 4,
            got: 3
        })
    );
    // Other presentation header, other disclosed value.
    let shown: Vec<Scalar> = DISCLOSED.iter().map(|&i| cred.0[i]).collect();
    assert_eq!(
        reg.bbs
            .hidden_proof_verify(&accepted, &proof, b"other", &DISCLOSED, &shown),
        Err(Error::ChallengeMismatch)
    );
    let mut wrong = shown.clone();
    wrong[0] += Scalar::ONE;
    assert_eq!(
        reg.bbs
            .hidden_proof_verify(&accepted, &proof, PH, &DISCLOSED, &wrong),
        Err(Error::ChallengeMismatch)
    );
}

/// Adds one to the scalar at byte offset `at`.
fn bump_scalar(bytes: &mut [u8], at: usize) {
    let s = scalar_from_bytes(&bytes[at..at + SCALAR_LEN], "test").unwrap() + Scalar::ONE;
    bytes[at..at + SCALAR_LEN].copy_from_slice(&scalar_to_bytes(&s));
}

/// Encoded length of the membership proof for N keys: CDS 64·N, one-out-of-many
/// (4 + n)·48 + (3n + 3)·32 with n = ⌈log_4 N⌉.
fn membership_len(n: usize) -> usize {
    if n <= MAX_OR_ISSUERS {
        64 * n
    } else {
        let digits = digits_for(n);
        (4 + digits) * G1_LEN + (3 * digits + 3) * SCALAR_LEN
    }
}

/// Byte offsets of the membership proof's points and scalars, from its start.
fn membership_fields(n: usize) -> (Vec<usize>, Vec<usize>) {
    if n <= MAX_OR_ISSUERS {
        (vec![], (0..2 * n).map(|i| i * SCALAR_LEN).collect())
    } else {
        let digits = digits_for(n);
        let points = (0..4 + digits).map(|i| i * G1_LEN).collect();
        let scalars = (0..3 * digits + 3)
            .map(|i| (4 + digits) * G1_LEN + i * SCALAR_LEN)
            .collect();
        (points, scalars)
    }
}

/// Adds U to the G1 point at byte offset `at`.
fn bump_point(bytes: &mut [u8], at: usize) {
    let p = g1_from_bytes(&bytes[at..at + G1_LEN], "test").unwrap();
    let q: G1Affine = (p + u_generator(Ciphersuite::Bls12381Sha256).point()).into_affine();
    bytes[at..at + G1_LEN].copy_from_slice(&g1_to_bytes(&q));
}

#[test]
fn every_tampered_field_is_refused() {
    // A CDS OR-proof (N = 3) and one-out-of-many proofs (N = 6 and 21, padded to 16 and 64).
    for n in [3, 6, 21] {
        let reg = Registry::new(Ciphersuite::Bls12381Sha256, n, 50 + n as u64);
        let all: Vec<usize> = (0..n).collect();
        let accepted = reg.accepted(&all);
        let cred = reg.credential(2, 51);
        let proof = reg.prove(&accepted, 2, &cred, 52);
        tampered_fields_are_refused(&reg, &accepted, &proof, &cred.0);
    }
}

fn tampered_fields_are_refused(
    reg: &Registry,
    accepted: &AcceptedIssuers,
    proof: &HiddenIssuerProof,
    messages: &[Scalar],
) {
    let n = accepted.len();
    let bytes = proof.to_bytes();
    let check = |b: &[u8]| -> Result<(), Error> {
        let p = HiddenIssuerProof::from_bytes(b)?;
        reg.verify(accepted, &p, messages)
    };
    check(&bytes).unwrap();

    // W' + BP2.
    let mut b = bytes.clone();
    let w = g2_from_bytes_nonidentity(&b[..G2_LEN], "W'").unwrap();
    let w2: G2Affine = (w + G2Affine::generator()).into_affine();
    b[..G2_LEN].copy_from_slice(&g2_to_bytes(&w2));
    assert!(check(&b).is_err(), "tampered W'");
    // X' + U.
    let mut b = bytes.clone();
    bump_point(&mut b, G2_LEN);
    assert!(check(&b).is_err(), "tampered X'");
    // Every point and scalar of the membership proof, domain^, every scalar of the BBS part.
    let or_start = RANDOMIZED_KEY_LEN + 8;
    let (points, scalars) = membership_fields(n);
    let domain_at = or_start + membership_len(n);
    let core_start = domain_at + SCALAR_LEN;
    let core_scalars = core_start + 3 * G1_LEN;
    let u = proof.core().undisclosed_count();
    for at in points {
        let mut b = bytes.clone();
        bump_point(&mut b, or_start + at);
        assert!(
            check(&b).is_err(),
            "tampered membership point at {at}, N = {n}"
        );
    }
    for (what, at) in scalars
        .into_iter()
        .map(|a| ("membership scalar", or_start + a))
        .chain([("domain^", domain_at)])
        .chain((0..4 + u).map(|i| ("core scalar", core_scalars + i * SCALAR_LEN)))
    {
        let mut b = bytes.clone();
        bump_scalar(&mut b, at);
        assert!(check(&b).is_err(), "tampered {what} at {at}, N = {n}");
    }
    if n <= MAX_OR_ISSUERS {
        // Two OR challenges moved by +1 and −1 (their sum unchanged): the commitments change.
        let mut b = bytes.clone();
        bump_scalar(&mut b, or_start);
        let s = scalar_from_bytes(&b[or_start + 32..or_start + 64], "t").unwrap() - Scalar::ONE;
        b[or_start + 32..or_start + 64].copy_from_slice(&scalar_to_bytes(&s));
        assert_eq!(check(&b), Err(Error::ChallengeMismatch));
    } else {
        // Two of the G_k swapped: the equations fail.
        let mut b = bytes.clone();
        let g = or_start + 4 * G1_LEN;
        let (g0, rest) = b[g..g + 2 * G1_LEN].split_at_mut(G1_LEN);
        g0.swap_with_slice(rest);
        assert_eq!(check(&b), Err(Error::MembershipFailed));
    }
    // The BBS points Abar, Bbar', D swapped.
    let mut b = bytes.clone();
    let (abar, rest) = b[core_start..core_start + 2 * G1_LEN].split_at_mut(G1_LEN);
    abar.swap_with_slice(rest);
    assert!(check(&b).is_err(), "Abar and Bbar' swapped");
    // N changed: to another N of the same encoded length (refused by the verifier's set),
    // to another length, to 0 and to more than the bound (refused when decoded).
    let set_n = |b: &mut Vec<u8>, v: u64| {
        b[RANDOMIZED_KEY_LEN..RANDOMIZED_KEY_LEN + 8].copy_from_slice(&v.to_be_bytes())
    };
    let mut b = bytes.clone();
    set_n(&mut b, n as u64 - 1);
    assert!(check(&b).is_err());
    set_n(&mut b, 1);
    assert!(HiddenIssuerProof::from_bytes(&b).is_err());
    set_n(&mut b, 0);
    assert!(matches!(
        HiddenIssuerProof::from_bytes(&b),
        Err(Error::IssuerCount { got: 0, .. })
    ));
    set_n(&mut b, MAX_ACCEPTED_ISSUERS as u64 + 1);
    assert!(matches!(
        HiddenIssuerProof::from_bytes(&b),
        Err(Error::IssuerCount { .. })
    ));
    set_n(&mut b, u64::MAX);
    assert!(matches!(
        HiddenIssuerProof::from_bytes(&b),
        Err(Error::IssuerCount { .. })
    ));
    // Truncated.
    assert!(HiddenIssuerProof::from_bytes(&bytes[..bytes.len() - 1]).is_err());
    assert!(HiddenIssuerProof::from_bytes(&bytes[..100]).is_err());
}

/// A set of 1,000 keys (padded to 4^5 = 1,024): the one-out-of-many proof verifies for the
/// first, a middle and the last key, and is refused for a key outside the set; its membership
/// part is (4 + 5)·48 + (3·5 + 3)·32 = 1,008 bytes.
#[test]
fn one_out_of_many_for_a_large_set() {
    let suite = Ciphersuite::Bls12381Sha256;
    let n = 1000;
    let rng = &mut rng(80);
    let keys: Vec<KeyPair> = (0..n + 1)
        .map(|_| KeyPair::random(suite, rng).unwrap())
        .collect();
    let issuer_keys: Vec<IssuerKey> = keys
        .iter()
        .map(|k| IssuerKey::from_secret(suite, &k.secret))
        .collect();
    let reg = Registry {
        suite,
        bbs: Bbs::new(suite, L).unwrap(),
        keys,
        issuer_keys,
    };
    let all: Vec<usize> = (0..n).collect();
    let accepted = reg.accepted(&all);
    for signer in [0, 517, n - 1] {
        let cred = reg.credential(signer, 81 + signer as u64);
        let proof = reg.prove(&accepted, signer, &cred, 82);
        reg.verify(&accepted, &proof, &cred.0).unwrap();
        assert_eq!(proof.membership().to_bytes().len(), 1008);
        assert_eq!(MembershipProof::encoded_len(n), 1008);
        assert!(proof.membership().as_one_of_many().is_some());
        let bytes = proof.to_bytes();
        assert_eq!(HiddenIssuerProof::from_bytes(&bytes).unwrap(), proof);
    }
    // Issuer n (not in the set) claiming any index.
    let cred = reg.credential(n, 90);
    for signer in [0, n - 1] {
        let proof = reg.prove(&accepted, signer, &cred, 91);
        assert_eq!(
            reg.verify(&accepted, &proof, &cred.0),
            Err(Error::PairingCheckFailed)
        );
    }
    let cred = reg.credential(3, 92);
    let proof = reg.prove(&accepted, 3, &cred, 93);
    tampered_fields_are_refused(&reg, &accepted, &proof, &cred.0);
}

/// Every encoding derived from an issuer that a proof must not contain: W, X, their
/// negations, the issuer's domain (and −domain), the signature (A, e).
fn issuer_values(reg: &Registry, issuer: usize, sig: &Signature) -> Vec<Vec<u8>> {
    let k = &reg.issuer_keys[issuer];
    let w = *k.public_key().point();
    let x = *k.x();
    let domain = reg
        .bbs
        .core(L)
        .unwrap()
        .domain(k.public_key(), &[HEADER])
        .unwrap();
    let sig_bytes = sig.to_bytes();
    vec![
        g2_to_bytes(&w).to_vec(),
        g2_to_bytes(&(-w)).to_vec(),
        g1_to_bytes(&x).to_vec(),
        g1_to_bytes(&(-x)).to_vec(),
        scalar_to_bytes(&domain).to_vec(),
        scalar_to_bytes(&(-domain)).to_vec(),
        sig_bytes[..G1_LEN].to_vec(),
        sig_bytes[G1_LEN..].to_vec(),
    ]
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The fields of a proof's encoding, by name.
fn fields(proof: &HiddenIssuerProof) -> Vec<(String, Vec<u8>)> {
    let mut out = vec![
        (
            "W'".into(),
            g2_to_bytes(proof.randomized_key().w()).to_vec(),
        ),
        (
            "X'".into(),
            g1_to_bytes(proof.randomized_key().x()).to_vec(),
        ),
        (
            "domain^".into(),
            scalar_to_bytes(proof.domain_response()).to_vec(),
        ),
    ];
    let membership = proof.membership().to_bytes();
    let (points, scalars) = membership_fields(proof.membership().len());
    for at in points {
        out.push((format!("point_{at}"), membership[at..at + G1_LEN].to_vec()));
    }
    for at in scalars {
        out.push((
            format!("scalar_{at}"),
            membership[at..at + SCALAR_LEN].to_vec(),
        ));
    }
    let core = proof.core().to_bytes();
    for (i, p) in core[..3 * G1_LEN].chunks(G1_LEN).enumerate() {
        out.push((format!("point_{i}"), p.to_vec()));
    }
    for (i, s) in core[3 * G1_LEN..].chunks(SCALAR_LEN).enumerate() {
        out.push((format!("scalar_{i}"), s.to_vec()));
    }
    out
}

#[test]
fn two_proofs_from_two_issuers_share_nothing_issuer_specific() {
    // CDS (N = 4) and one-out-of-many (N = 7).
    for n in [4, 7] {
        two_proofs_share_nothing(n);
    }
}

fn two_proofs_share_nothing(n: usize) {
    let reg = Registry::new(Ciphersuite::Bls12381Sha256, n, 60);
    let all: Vec<usize> = (0..n).collect();
    let accepted = reg.accepted(&all);
    // The same attributes, signed by issuer 0 and by issuer n − 1.
    let (messages, _) = reg.credential(0, 61);
    let sign = |i: usize| {
        let k = &reg.keys[i];
        reg.bbs
            .sign_scalars(&k.secret, &k.public, HEADER, &messages)
            .unwrap()
    };
    let (sig_a, sig_b) = (sign(0), sign(n - 1));
    let proof_a = reg.prove(&accepted, 0, &(messages.clone(), sig_a), 62);
    let proof_b = reg.prove(&accepted, n - 1, &(messages.clone(), sig_b), 63);
    reg.verify(&accepted, &proof_a, &messages).unwrap();
    reg.verify(&accepted, &proof_b, &messages).unwrap();

    let (fa, fb) = (fields(&proof_a), fields(&proof_b));
    assert_eq!(fa.len(), fb.len(), "same shape whatever the issuer");
    assert_eq!(
        proof_a.to_bytes().len(),
        proof_b.to_bytes().len(),
        "same length whatever the issuer"
    );
    // No field of one equals the same or any field of the other.
    for (name, a) in &fa {
        for (other, b) in &fb {
            assert_ne!(a, b, "{name} of proof A equals {other} of proof B");
        }
    }
    // Neither proof contains any value of either issuer (W, X, ±, the domain, the signature).
    let forbidden: Vec<Vec<u8>> = issuer_values(&reg, 0, &sig_a)
        .into_iter()
        .chain(issuer_values(&reg, n - 1, &sig_b))
        .collect();
    for proof in [&proof_a, &proof_b] {
        let bytes = proof.to_bytes();
        for value in &forbidden {
            assert!(!contains(&bytes, value), "a proof contains an issuer value");
        }
        // Nor is X' − X_i or W' − W_i the identity for any issuer (ρ ≠ 0).
        for k in &reg.issuer_keys {
            assert_ne!(*proof.randomized_key().x(), *k.x());
            assert_ne!(*proof.randomized_key().w(), *k.public_key().point());
        }
    }
}

#[test]
fn pseudonym_proofs_hide_the_issuer_too() {
    let suite = Ciphersuite::Bls12381Sha256;
    let reg = Registry::new(suite, 3, 70);
    let accepted = reg.accepted(&[0, 1, 2]);
    let nym = NymBbs::new(suite);
    let rng = &mut rng(71);
    let disclosure = BlindDisclosure {
        signer: &[1],
        committed: &[],
    };
    let ctx_id = b"verifier scope";
    for k in 0..3 {
        let messages: Vec<Scalar> = (0..L).map(|_| Scalar::rand(rng)).collect();
        let committed = vec![Scalar::rand(rng)];
        let prover_nyms = NymSecrets::random(1, rng).unwrap();
        let (cwp, spb) = nym.commit_with_nym(&committed, &prover_nyms, rng).unwrap();
        let entropy = NymBbs::signer_nym_entropy(rng);
        let key = &reg.keys[k];
        let sig = nym
            .blind_sign_with_nym(
                &key.secret,
                &key.public,
                &cwp,
                1,
                &entropy,
                HEADER,
                &messages,
            )
            .unwrap();
        let secrets = nym
            .verify_finalize_with_nym(
                &key.public,
                &sig,
                HEADER,
                &messages,
                &committed,
                &prover_nyms,
                &entropy,
                &spb,
            )
            .unwrap();
        let proof = nym
            .hidden_proof_gen(
                &accepted,
                k,
                &sig,
                HEADER,
                PH,
                &messages,
                &committed,
                &spb,
                &secrets,
                ctx_id,
                &disclosure,
                rng,
            )
            .unwrap();
        assert_eq!(proof.pseudonym, nym.pseudonym(ctx_id, &secrets).unwrap());
        let verify = |p: &HiddenIssuerNymProof, set: &AcceptedIssuers, ctx: &[u8]| {
            nym.hidden_proof_verify(set, p, PH, ctx, L, 1, &disclosure, &messages[1..2], &[])
        };
        verify(&proof, &accepted, ctx_id).unwrap();
        assert_eq!(
            verify(&proof, &accepted, b"other scope"),
            Err(Error::ChallengeMismatch)
        );
        assert_eq!(
            verify(&proof, &reg.accepted(&[2, 1, 0]), ctx_id),
            Err(Error::ChallengeMismatch)
        );
        let mut other = proof.clone();
        other.pseudonym = nym
            .pseudonym(ctx_id, &NymSecrets::random(1, rng).unwrap())
            .unwrap();
        assert_eq!(
            verify(&other, &accepted, ctx_id),
            Err(Error::ChallengeMismatch)
        );
        // A credential from issuer k claimed as issuer k + 1: refused.
        let wrong = nym
            .hidden_proof_gen(
                &accepted,
                (k + 1) % 3,
                &sig,
                HEADER,
                PH,
                &messages,
                &committed,
                &spb,
                &secrets,
                ctx_id,
                &disclosure,
                rng,
            )
            .unwrap();
        assert_eq!(
            verify(&wrong, &accepted, ctx_id),
            Err(Error::PairingCheckFailed)
        );
    }
}

#[test]
fn blind_proofs_hide_the_issuer_too() {
    let suite = Ciphersuite::Bls12381Shake256;
    let reg = Registry::new(suite, 3, 80);
    let accepted = reg.accepted(&[0, 1, 2]);
    let blind = BlindBbs::new(suite);
    let rng = &mut rng(81);
    let disclosure = BlindDisclosure {
        signer: &[0, 3],
        committed: &[1],
    };
    for k in 0..3 {
        let messages: Vec<Scalar> = (0..L).map(|_| Scalar::rand(rng)).collect();
        let committed = vec![Scalar::rand(rng), Scalar::rand(rng)];
        let (cwp, spb) = blind.commit(&committed, rng).unwrap();
        let key = &reg.keys[k];
        let sig = blind
            .blind_sign(&key.secret, &key.public, Some(&cwp), HEADER, &messages)
            .unwrap();
        let prove = |signer: usize, rng: &mut ChaCha20Rng| {
            blind
                .hidden_proof_gen(
                    &accepted,
                    signer,
                    &sig,
                    HEADER,
                    PH,
                    &messages,
                    &committed,
                    Some(&spb),
                    &disclosure,
                    rng,
                )
                .unwrap()
        };
        let shown = [messages[0], messages[3]];
        let verify = |p: &HiddenIssuerProof, set: &AcceptedIssuers, shown_c: &[Scalar]| {
            blind.hidden_proof_verify(set, p, PH, L, &disclosure, &shown, shown_c)
        };
        let proof = prove(k, rng);
        verify(&proof, &accepted, &committed[1..]).unwrap();
        assert_eq!(
            verify(&proof, &accepted, &committed[..1]),
            Err(Error::ChallengeMismatch)
        );
        assert_eq!(
            verify(&proof, &reg.accepted(&[1, 2, 0]), &committed[1..]),
            Err(Error::ChallengeMismatch)
        );
        assert_eq!(
            verify(&prove((k + 2) % 3, rng), &accepted, &committed[1..]),
            Err(Error::PairingCheckFailed)
        );
    }
}
