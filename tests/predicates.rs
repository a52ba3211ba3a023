//! Linked predicate proofs: honest proofs for every circuit and at the edges, refusal of false
//! statements, the PR #42 attack (valid Groth16 proof over another value), tampering with each
//! part, and the holder's key checks.
//!
//! Groth16 setups are the expensive part: one set of keys for every test (`OnceLock`).

use std::sync::OnceLock;

use ark_ec::{AffineRepr, CurveGroup};
use ark_ff::{UniformRand, Zero};
use rand_chacha::{rand_core::SeedableRng, ChaCha20Rng};
use zkcred::bbs::{Bbs, Ciphersuite, Error as BbsError, KeyPair, Signature};
use zkcred::predicate::{
    prove_with_predicates, scalar_from_date, scalar_from_i64,
    transcript::{presentation_header, TranscriptItem},
    verify_with_predicates, CmpOp, Date, HolderKeys, Predicate, PredicateAttachment,
    PredicateError, PredicateKeys, PredicatePresentation, PredicateStatement, SetLayout,
    VerifierKeys, ATTACHMENT_LEN,
};
use zkcred::snark::{
    check_keys, prove_with_random_blinding, verify, Element, Fr, OpeningProver, ProvingKey,
    SnarkError, VerifyingKey,
};
use zkcred_circuits::{age_cutoff, LeapDayRule, PredicateCircuit};

const L: usize = 10;
const HEADER: &[u8] = b"schema:citizen/v1";
const NONCE: &[u8] = b"verifier:clinic-7|nonce:0001";
/// Messages 0 (name) and 5 (nationality) are disclosed.
const DISCLOSED: [usize; 2] = [0, 5];
const BIRTH: usize = 1;
const PROVINCE: usize = 2;
const INCOME: usize = 3;

fn date(y: i64, m: u32, d: u32) -> Date {
    Date::new(y, m, d).unwrap()
}

fn today() -> Date {
    date(2024, 5, 17)
}

fn provinces() -> Vec<u64> {
    (1..=63).collect()
}

fn excluded() -> Vec<u64> {
    vec![70, 71, 72]
}

/// One predicate per circuit kind, for the single setup.
fn setup_predicates() -> Vec<Predicate> {
    vec![
        Predicate::age_at_least(today(), 18),
        Predicate::compare_date(CmpOp::Gt, date(1999, 5, 17)),
        Predicate::compare_i64(CmpOp::Ge, 0),
        Predicate::range_date(date(1999, 5, 18), date(2006, 5, 17)),
        Predicate::in_set(&provinces()),
        Predicate::NotInSet {
            set: excluded(),
            layout: SetLayout::Public { capacity: 8 },
        },
        Predicate::not_equal(Fr::from(13u64)),
    ]
}

struct Fixture {
    bbs: Bbs,
    issuer: KeyPair,
    keys: PredicateKeys,
    holder: HolderKeys,
    verifier: VerifierKeys,
}

fn fx() -> &'static Fixture {
    static FX: OnceLock<Fixture> = OnceLock::new();
    FX.get_or_init(|| {
        let mut rng = ChaCha20Rng::seed_from_u64(1);
        let suite = Ciphersuite::Bls12381Sha256;
        let bbs = Bbs::new(suite, L).unwrap();
        let issuer = KeyPair::random(suite, &mut rng).unwrap();
        let keys = PredicateKeys::setup(&setup_predicates(), &mut rng).unwrap();
        let holder = keys.holder_keys().unwrap();
        let verifier = keys.verifier_keys();
        Fixture {
            bbs,
            issuer,
            keys,
            holder,
            verifier,
        }
    })
}

/// A signed 10-message credential with the given birth date, province and income.
fn credential_with(birth: Date, province: u64, income: i64) -> (Vec<Fr>, Signature) {
    let f = fx();
    let mut rng = ChaCha20Rng::seed_from_u64(2);
    let mut m = vec![
        f.bbs.message_to_scalar(b"Ada Lovelace").unwrap(),
        scalar_from_date(birth),
        Fr::from(province),
        scalar_from_i64(income),
        scalar_from_date(date(2030, 1, 1)),
        Fr::from(7u64),
        Fr::rand(&mut rng),
    ];
    m.extend((7..L).map(|i| Fr::from(i as u64 * 1000)));
    let sig = f
        .bbs
        .sign_scalars(&f.issuer.secret, &f.issuer.public, HEADER, &m)
        .unwrap();
    (m, sig)
}

/// Born exactly 18 years before `today()`, province 12, income -500.
fn credential() -> (Vec<Fr>, Signature) {
    credential_with(date(2006, 5, 17), 12, -500)
}

fn prove(
    m: &[Fr],
    sig: &Signature,
    statements: &[PredicateStatement],
    nonce: &[u8],
    seed: u64,
) -> Result<PredicatePresentation, PredicateError> {
    let f = fx();
    let mut rng = ChaCha20Rng::seed_from_u64(seed);
    prove_with_predicates(
        &f.bbs,
        &f.issuer.public,
        sig,
        HEADER,
        m,
        &DISCLOSED,
        statements,
        &f.holder,
        nonce,
        &mut rng,
    )
}

fn check(
    p: &PredicatePresentation,
    m: &[Fr],
    statements: &[PredicateStatement],
    nonce: &[u8],
) -> Result<(), PredicateError> {
    let f = fx();
    let disclosed: Vec<Fr> = DISCLOSED.iter().map(|&i| m[i]).collect();
    verify_with_predicates(
        &f.bbs,
        &f.issuer.public,
        p,
        HEADER,
        nonce,
        &DISCLOSED,
        &disclosed,
        statements,
        &f.verifier,
    )
}

fn st(index: usize, predicate: Predicate) -> PredicateStatement {
    PredicateStatement::new(index, predicate)
}

fn age18() -> PredicateStatement {
    st(BIRTH, Predicate::age_at_least(today(), 18))
}

/// Proves and verifies `statements`; checks the octets and JSON round trips.
fn roundtrip(m: &[Fr], sig: &Signature, statements: &[PredicateStatement]) {
    let p = prove(m, sig, statements, NONCE, 3).unwrap();
    check(&p, m, statements, NONCE).unwrap();
    let bytes = p.to_bytes();
    assert_eq!(bytes.len(), p.encoded_len());
    let n = p.attachments.len();
    assert_eq!(
        bytes.len(),
        272 + 32 * (L - DISCLOSED.len()) + ATTACHMENT_LEN * n
    );
    let back = PredicatePresentation::from_bytes(&bytes, n).unwrap();
    assert_eq!(back, p);
    let json = serde_json::to_string(&p).unwrap();
    let back: PredicatePresentation = serde_json::from_str(&json).unwrap();
    check(&back, m, statements, NONCE).unwrap();
}

fn challenge_mismatch() -> PredicateError {
    PredicateError::BbsProof(BbsError::ChallengeMismatch)
}

fn pairing_failed(statement: usize) -> PredicateError {
    PredicateError::Groth16 {
        statement,
        source: SnarkError::PairingCheckFailed,
    }
}

// ---------------------------------------------------------------- honest proofs

#[test]
fn every_circuit_proves_and_verifies() {
    let (m, sig) = credential();
    let cases = [
        age18(),
        st(BIRTH, Predicate::compare_date(CmpOp::Gt, date(1999, 5, 17))),
        st(INCOME, Predicate::compare_i64(CmpOp::Ge, -1000)),
        st(
            BIRTH,
            Predicate::range_date(date(1999, 5, 18), date(2006, 5, 17)),
        ),
        st(PROVINCE, Predicate::in_set(&provinces())),
        st(
            PROVINCE,
            Predicate::NotInSet {
                set: excluded(),
                layout: SetLayout::Public { capacity: 8 },
            },
        ),
        st(PROVINCE, Predicate::not_equal(Fr::from(13u64))),
    ];
    for s in &cases {
        roundtrip(&m, &sig, std::slice::from_ref(s));
    }
}

#[test]
fn one_predicate_presentation_is_800_bytes() {
    let (m, sig) = credential();
    let p = prove(&m, &sig, &[age18()], NONCE, 4).unwrap();
    assert_eq!(p.to_bytes().len(), 800);
    let p = prove(
        &m,
        &sig,
        &[st(PROVINCE, Predicate::in_set(&provinces()))],
        NONCE,
        4,
    )
    .unwrap();
    assert_eq!(p.to_bytes().len(), 800);
}

#[test]
fn all_predicates_in_one_presentation() {
    let (m, sig) = credential();
    let statements = [
        age18(),
        st(INCOME, Predicate::compare_i64(CmpOp::Ge, -500)),
        st(PROVINCE, Predicate::in_set(&provinces())),
        st(PROVINCE, Predicate::not_equal(Fr::from(13u64))),
        // On a disclosed message: no attachment, evaluated by the verifier.
        st(5, Predicate::in_set(&[7, 8])),
    ];
    let p = prove(&m, &sig, &statements, NONCE, 5).unwrap();
    assert_eq!(p.attachments.len(), 4);
    check(&p, &m, &statements, NONCE).unwrap();
}

#[test]
fn age_edges() {
    // Exactly 18 today.
    let (m, sig) = credential_with(date(2006, 5, 17), 12, 0);
    roundtrip(&m, &sig, &[age18()]);
    // One day short: born a day later, or asked a day earlier.
    let (m2, sig2) = credential_with(date(2006, 5, 18), 12, 0);
    assert_eq!(
        false_statement(prove(&m2, &sig2, &[age18()], NONCE, 6).unwrap_err()),
        Some(0)
    );
    let yesterday = st(BIRTH, Predicate::age_at_least(date(2024, 5, 16), 18));
    assert_eq!(
        false_statement(prove(&m, &sig, &[yesterday], NONCE, 6).unwrap_err()),
        Some(0)
    );
    // Born on 29 February: 18 on 1 March of a common year, not on 28 February.
    let (m3, sig3) = credential_with(date(2004, 2, 29), 12, 0);
    roundtrip(
        &m3,
        &sig3,
        &[st(BIRTH, Predicate::age_at_least(date(2022, 3, 1), 18))],
    );
    assert_eq!(
        false_statement(
            prove(
                &m3,
                &sig3,
                &[st(BIRTH, Predicate::age_at_least(date(2022, 2, 28), 18))],
                NONCE,
                6
            )
            .unwrap_err()
        ),
        Some(0)
    );
}

#[test]
fn comparison_range_set_edges() {
    let (m, sig) = credential(); // income -500, province 12, born 2006-05-17
    let birth = date(2006, 5, 17);
    let ok = [
        st(INCOME, Predicate::compare_i64(CmpOp::Ge, -500)),
        st(BIRTH, Predicate::compare_date(CmpOp::Gt, date(2006, 5, 16))),
        st(BIRTH, Predicate::range_date(birth, birth)),
    ];
    for s in &ok {
        roundtrip(&m, &sig, std::slice::from_ref(s));
    }
    let refused = [
        st(INCOME, Predicate::compare_i64(CmpOp::Ge, -499)),
        st(BIRTH, Predicate::compare_date(CmpOp::Gt, birth)),
        st(
            BIRTH,
            Predicate::range_date(date(2006, 5, 18), date(2010, 1, 1)),
        ),
        st(
            BIRTH,
            Predicate::range_date(date(2000, 1, 1), date(2006, 5, 16)),
        ),
        st(PROVINCE, Predicate::in_set(&provinces()[..11])),
        st(
            PROVINCE,
            Predicate::NotInSet {
                set: vec![12, 70],
                layout: SetLayout::Public { capacity: 8 },
            },
        ),
        st(PROVINCE, Predicate::not_equal(Fr::from(12u64))),
    ];
    for s in &refused {
        assert_eq!(
            false_statement(prove(&m, &sig, std::slice::from_ref(s), NONCE, 7).unwrap_err()),
            Some(0),
            "{s:?}"
        );
    }
    // Last and first element of the 63-province set.
    for province in [1, 63] {
        let (m, sig) = credential_with(birth, province, 0);
        roundtrip(&m, &sig, &[st(PROVINCE, Predicate::in_set(&provinces()))]);
    }
    let (m, sig) = credential_with(birth, 64, 0);
    assert_eq!(
        false_statement(
            prove(
                &m,
                &sig,
                &[st(PROVINCE, Predicate::in_set(&provinces()))],
                NONCE,
                7
            )
            .unwrap_err()
        ),
        Some(0)
    );
}

#[test]
fn two_predicates_on_one_attribute() {
    // 18 <= age < 25 on 2024-05-17 as two proofs, and as one range.
    let (m, sig) = credential_with(date(2000, 1, 1), 12, 0);
    let under25 = age_cutoff(today(), 25, LeapDayRule::MarchFirst).unwrap();
    let two = [
        age18(),
        st(BIRTH, Predicate::compare_date(CmpOp::Gt, under25)),
    ];
    let p = prove(&m, &sig, &two, NONCE, 8).unwrap();
    assert_eq!(p.attachments.len(), 2);
    check(&p, &m, &two, NONCE).unwrap();
    let cutoff18 = age_cutoff(today(), 18, LeapDayRule::MarchFirst).unwrap();
    let one = [st(
        BIRTH,
        Predicate::range_date(under25.add_days(1).unwrap(), cutoff18),
    )];
    roundtrip(&m, &sig, &one);
    // 25 years old: the second predicate is false.
    let (m, sig) = credential_with(under25, 12, 0);
    assert_eq!(
        false_statement(prove(&m, &sig, &two, NONCE, 8).unwrap_err()),
        Some(1)
    );
}

#[test]
fn predicates_on_disclosed_messages() {
    let (m, sig) = credential(); // message 5 (disclosed) is 7
    let on_disclosed = [st(5, Predicate::in_set(&[6, 7]))];
    let p = prove(&m, &sig, &on_disclosed, NONCE, 9).unwrap();
    assert!(p.attachments.is_empty());
    check(&p, &m, &on_disclosed, NONCE).unwrap();
    // The holder refuses a false one; the verifier rejects a presentation it does not fit.
    let false_on_disclosed = [st(5, Predicate::not_equal(Fr::from(7u64)))];
    assert_eq!(
        false_statement(prove(&m, &sig, &false_on_disclosed, NONCE, 9).unwrap_err()),
        Some(0)
    );
    assert_eq!(
        check(&p, &m, &false_on_disclosed, NONCE).unwrap_err(),
        PredicateError::DisclosedPredicateFalse {
            statement: 0,
            index: 5,
            predicate: "!= the requested value".into()
        }
    );
    // A failed range on a disclosed message names its bounds as dates, not as scalars.
    let range = [st(
        5,
        Predicate::range_date(date(2007, 1, 1), date(2010, 12, 31)),
    )];
    let e = check(&p, &m, &range, NONCE).unwrap_err();
    assert!(e.to_string().contains("in [2007-01-01, 2010-12-31]"), "{e}");
    assert!(!e.to_string().contains("922337"), "{e}");
}

/// The statement a holder refused to prove as false, if that is the error.
fn false_statement(e: PredicateError) -> Option<usize> {
    match e {
        PredicateError::StatementFalse { statement, .. } => Some(statement),
        _ => None,
    }
}

// ---------------------------------------------------------------- attacks and tampering

/// The anoncreds-v2 PR #42 failure: a holder born 2010 proves "at least 18" with a Groth16
/// proof over another birth date (2000). The Groth16 proof is valid on its own; the link to
/// the signed value is not.
#[test]
fn valid_groth16_proof_over_another_value_is_rejected() {
    let f = fx();
    let (m, sig) = credential_with(date(2010, 1, 1), 12, 0);
    let statement = age18();
    let mut rng = ChaCha20Rng::seed_from_u64(10);
    let circuit = statement.predicate.circuit().unwrap();
    let id = circuit.circuit_id();
    let (pk, vk) = f.holder.get(&id).unwrap();
    let fake = scalar_from_date(date(2000, 1, 1));
    let m_tilde = Fr::rand(&mut rng);
    let init = f
        .bbs
        .proof_init_with_blindings(
            &f.issuer.public,
            &sig,
            HEADER,
            &m,
            &DISCLOSED,
            &[(BIRTH, m_tilde)],
            &mut rng,
        )
        .unwrap();
    let witness = circuit
        .clone()
        .with_committed_values(&[fake])
        .unwrap()
        .with_blinding(Fr::zero());
    let (cp, v) = prove_with_random_blinding(pk, witness, &[fake], &mut rng).unwrap();
    let v_tilde = Fr::rand(&mut rng);
    let opening = OpeningProver::commit(vk, &[fake], &v, &[m_tilde], &v_tilde).unwrap();
    let params = circuit.public_params();
    let ph = presentation_header(
        NONCE,
        &[TranscriptItem {
            circuit_id: id,
            message_index: BIRTH,
            public_params: &params,
            proof: &cp,
            t_d: opening.t_d(),
        }],
    );
    let c = init.challenge(&ph).unwrap();
    let forged = PredicatePresentation {
        proof: init.finalize(c),
        attachments: vec![PredicateAttachment {
            response: opening.respond(&c),
            proof: cp.clone(),
        }],
    };
    // The Groth16 proof itself verifies ...
    verify(f.verifier.get(&id).unwrap(), &cp, &params).unwrap();
    // ... but not the presentation: T_D' = T_D + c·(m_j − w')·IC_1 changes the challenge.
    assert_eq!(
        check(&forged, &m, &[statement], NONCE).unwrap_err(),
        challenge_mismatch()
    );
}

#[test]
fn tampering_is_rejected_with_the_failed_check() {
    let (m, sig) = credential();
    let statements = [age18(), st(PROVINCE, Predicate::in_set(&provinces()))];
    let p = prove(&m, &sig, &statements, NONCE, 11).unwrap();
    check(&p, &m, &statements, NONCE).unwrap();
    let g1 = zkcred::snark::G1Affine::generator();
    let g2 = zkcred::snark::G2Affine::generator();
    let tamper = |f: &dyn Fn(&mut PredicatePresentation)| {
        let mut q = p.clone();
        f(&mut q);
        check(&q, &m, &statements, NONCE).unwrap_err()
    };

    // D, A, B, C: the Groth16 pairing check (before the BBS proof, whose ph also covers them).
    assert_eq!(
        tamper(&|q| q.attachments[1].proof.d = (q.attachments[1].proof.d + g1).into_affine()),
        pairing_failed(1)
    );
    assert_eq!(
        tamper(&|q| q.attachments[0].proof.proof.a =
            (q.attachments[0].proof.proof.a + g1).into_affine()),
        pairing_failed(0)
    );
    assert_eq!(
        tamper(&|q| q.attachments[0].proof.proof.b =
            (q.attachments[0].proof.proof.b + g2).into_affine()),
        pairing_failed(0)
    );
    assert_eq!(
        tamper(&|q| q.attachments[1].proof.proof.c =
            (q.attachments[1].proof.proof.c + g1).into_affine()),
        pairing_failed(1)
    );
    // D = identity: refused before the pairing.
    assert_eq!(
        tamper(&|q| q.attachments[0].proof.d = zkcred::snark::G1Affine::zero()),
        PredicateError::Groth16 {
            statement: 0,
            source: SnarkError::IdentityPoint(Element::CommitmentD)
        }
    );
    // v^: the rebuilt T_D differs, so does the BBS challenge.
    assert_eq!(
        tamper(&|q| q.attachments[0].response.v_hat += Fr::from(1u64)),
        challenge_mismatch()
    );
    // Swapped attachments: each Groth16 proof fails under the other circuit's key.
    assert_eq!(tamper(&|q| q.attachments.swap(0, 1)), pairing_failed(0));
    // Missing or extra attachment.
    assert_eq!(
        tamper(&|q| {
            q.attachments.pop();
        }),
        PredicateError::AttachmentCount {
            expected: 2,
            got: 1
        }
    );

    // A public parameter: the verifier asks for "18 on the next day" (another cutoff).
    let other = [
        st(BIRTH, Predicate::age_at_least(date(2024, 5, 18), 18)),
        statements[1].clone(),
    ];
    assert_eq!(check(&p, &m, &other, NONCE).unwrap_err(), pairing_failed(0));
    // Another statement on the same circuit and parameters, other message index.
    let moved_index = [
        st(4, Predicate::age_at_least(today(), 18)),
        statements[1].clone(),
    ];
    assert_eq!(
        check(&p, &m, &moved_index, NONCE).unwrap_err(),
        challenge_mismatch()
    );
    // The nonce.
    assert_eq!(
        check(&p, &m, &statements, b"verifier:clinic-7|nonce:0002").unwrap_err(),
        challenge_mismatch()
    );
    // An attachment moved from another presentation of the same statements.
    let other_p = prove(&m, &sig, &statements, b"another nonce", 12).unwrap();
    check(&other_p, &m, &statements, b"another nonce").unwrap();
    let mut moved = p.clone();
    moved.attachments[0] = other_p.attachments[0].clone();
    assert_eq!(
        check(&moved, &m, &statements, NONCE).unwrap_err(),
        challenge_mismatch()
    );
    // A disclosed value.
    let mut m2 = m.clone();
    m2[0] = Fr::from(99u64);
    assert_eq!(
        check(&p, &m2, &statements, NONCE).unwrap_err(),
        challenge_mismatch()
    );
}

#[test]
fn verifier_requirements() {
    let f = fx();
    let (m, sig) = credential();
    let p = prove(&m, &sig, &[age18()], NONCE, 13).unwrap();
    // A key the verifier does not have.
    let empty = VerifierKeys::new();
    let disclosed: Vec<Fr> = DISCLOSED.iter().map(|&i| m[i]).collect();
    let err = verify_with_predicates(
        &f.bbs,
        &f.issuer.public,
        &p,
        HEADER,
        NONCE,
        &DISCLOSED,
        &disclosed,
        &[age18()],
        &empty,
    )
    .unwrap_err();
    assert!(matches!(
        err,
        PredicateError::MissingKey { statement: 0, .. }
    ));
    // A statement on a message the credential does not have.
    assert!(matches!(
        check(&p, &m, &[st(L, Predicate::not_equal(Fr::zero()))], NONCE).unwrap_err(),
        PredicateError::MessageIndexOutOfRange { index: L, .. }
    ));
    // The holder has no key for a set it was never given.
    let (m, sig) = credential();
    assert!(matches!(
        prove(
            &m,
            &sig,
            &[st(PROVINCE, Predicate::in_set(&[12, 13]))],
            NONCE,
            13
        )
        .unwrap_err(),
        PredicateError::MissingKey { statement: 0, .. }
    ));
    // An invalid predicate is a typed error, on both sides.
    let empty_set = [st(PROVINCE, Predicate::in_set(&[]))];
    assert!(matches!(
        prove(&m, &sig, &empty_set, NONCE, 13).unwrap_err(),
        PredicateError::InvalidPredicate { statement: 0, .. }
    ));
}

#[test]
fn decoding_untrusted_bytes_never_panics() {
    let (m, sig) = credential();
    let p = prove(&m, &sig, &[age18()], NONCE, 14).unwrap();
    let bytes = p.to_bytes();
    for cut in [0, 1, 271, 272, 799] {
        assert!(PredicatePresentation::from_bytes(&bytes[..cut], 1).is_err());
    }
    assert!(PredicatePresentation::from_bytes(&bytes, usize::MAX).is_err());
    // A corrupted point in the attachment.
    let mut bad = bytes.clone();
    bad[528 + 10] ^= 0x55;
    assert!(PredicatePresentation::from_bytes(&bad, 1).is_err());
    // v^ >= r.
    let mut bad = bytes.clone();
    bad[800 - 32..].fill(0xff);
    assert!(matches!(
        PredicatePresentation::from_bytes(&bad, 1).unwrap_err(),
        PredicateError::AttachmentEncoding { attachment: 0, .. }
    ));
    // Wrong attachment count: decodes to something that does not verify.
    if let Ok(q) = PredicatePresentation::from_bytes(&bytes, 0) {
        assert!(check(&q, &m, &[age18()], NONCE).is_err());
    }
}

// ---------------------------------------------------------------- holder's key checks

fn tampered_key(f: impl Fn(&mut Vec<zkcred::snark::G1Affine>)) -> (ProvingKey, VerifyingKey) {
    let id = Predicate::age_at_least(today(), 18).circuit_id().unwrap();
    let pk = fx().keys.proving_key(&id).unwrap();
    let mut ark = pk.as_ark().clone();
    f(&mut ark.vk.gamma_abc_g1);
    let pk = ProvingKey::from_parts(id, 1, ark)
        .unwrap()
        .with_tau_powers(pk.tau_powers().unwrap().clone());
    let vk = pk.verifying_key();
    (pk, vk)
}

/// What the prover does with a key pair: insert, then the structure check against the age
/// circuit before proving.
fn holder_check(pk: ProvingKey, vk: &VerifyingKey) -> Result<(), PredicateError> {
    let mut keys = HolderKeys::new();
    keys.insert(pk, vk)?;
    let circuit = Predicate::age_at_least(today(), 18).circuit().unwrap();
    keys.checked(&circuit, &mut ChaCha20Rng::seed_from_u64(3))
        .map(|found| assert!(found.is_some()))
}

#[test]
fn holder_refuses_keys_with_identity_or_repeated_ic_base() {
    // Identity blinding base IC_2: D = w·IC_1 would not hide w.
    let (pk, vk) = tampered_key(|ic| ic[2] = zkcred::snark::G1Affine::zero());
    let err = holder_check(pk, &vk).unwrap_err();
    assert!(
        matches!(
            err,
            PredicateError::KeyCheck {
                source: SnarkError::IdentityPoint(Element::VkIc(2)),
                ..
            }
        ),
        "{err:?}"
    );
    // IC_2 = IC_1: D = (w + v)·IC_1 binds nothing.
    let (pk, vk) = tampered_key(|ic| ic[2] = ic[1]);
    let err = holder_check(pk, &vk).unwrap_err();
    assert!(
        matches!(
            err,
            PredicateError::KeyCheck {
                source: SnarkError::RepeatedIcBase {
                    first: 1,
                    second: 2
                },
                ..
            }
        ),
        "{err:?}"
    );
    // A verifying key that is not the proving key's.
    let id = Predicate::age_at_least(today(), 18).circuit_id().unwrap();
    let pk = fx().keys.proving_key(&id).unwrap().clone();
    let (_, other_vk) = tampered_key(|ic| ic.swap(1, 2));
    assert!(check_keys(&pk, &other_vk).is_err());
    assert!(matches!(
        holder_check(pk, &other_vk).unwrap_err(),
        PredicateError::KeyCheck {
            source: SnarkError::KeyMismatch(_),
            ..
        }
    ));
}
