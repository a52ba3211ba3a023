//! Batches whose bad presentations pass every check but their pairing equations, which only a
//! white-box test can build: a credential with a forged signature (its pseudonym-BBS proof is
//! consistent, its pairing fails), and two presentations whose equations are moved by +X and
//! −X on the same G2 point, so that their errors cancel without weights.

use super::pending::Pending;
use super::Verifier;
use crate::credential::*;
use crate::predicate::{Date, ProofPoints};
use ark_bls12_381::G1Projective;
use ark_ec::{AffineRepr, CurveGroup};
use ark_ff::{One, UniformRand};
use rand_chacha::{rand_core::SeedableRng, ChaCha20Rng};
use std::sync::OnceLock;
use std::time::Duration;
use zkcred_bbs::octets::{g1_to_bytes, scalar_to_bytes};
use zkcred_bbs::{Scalar as Fr, Signature};
use zkcred_pairing::{Deferred, G2Groups, G2Side, PairingCheck};

const BATCH: usize = 8;

fn now() -> Timestamp {
    Timestamp::parse("2026-11-22T09:30:00Z").unwrap()
}

fn rng(seed: u64) -> ChaCha20Rng {
    ChaCha20Rng::seed_from_u64(seed)
}

struct World {
    schema: Schema,
    registry: TrustRegistry,
    keys: crate::predicate::VerifierKeys,
    requests: Vec<PresentationRequest>,
    honest: Vec<Presentation>,
    /// For `requests[FORGED]`, from a wallet whose credential's A was moved.
    forged: Presentation,
}

const FORGED: usize = 4;

fn schema() -> Schema {
    let attrs = vec![AttributeDef::new("birth_date", AttributeKind::Date)];
    Schema::new("vn.commune.identity", 1, attrs).unwrap()
}

/// Age at least 18 (one Groth16 proof), the validity dates disclosed.
fn request(seed: u64) -> PresentationRequest {
    let window = RequestWindow::starting(now(), Duration::from_secs(3600)).unwrap();
    let mut r = PresentationRequest::new("gate.example", Nonce::random(&mut rng(seed)), window);
    let mut ask = CredentialRequest::new("identity", *schema().id());
    ask.disclose = vec![ISSUED_ON.into(), EXPIRES_ON.into()];
    ask.predicates = vec![AttributePredicate::new(
        "birth_date",
        PredicateSpec::AgeAtLeast {
            years: 18,
            today: now().date(),
        },
    )];
    r.credentials = vec![ask];
    r
}

/// `wallet` with the A of each credential's signature moved by a random point.
fn forge(wallet: &Wallet, r: &mut ChaCha20Rng) -> Wallet {
    let mut forged = wallet.clone();
    for stored in forged.credentials.values_mut() {
        let sig = &stored.credential.signature;
        let a = (sig.a().into_group() + G1Projective::rand(r)).into_affine();
        let mut bytes = g1_to_bytes(&a).to_vec();
        bytes.extend_from_slice(&scalar_to_bytes(sig.e()));
        stored.credential.signature = Signature::from_bytes(&bytes).unwrap();
    }
    forged
}

fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| {
        let r = &mut rng(11);
        let schema = schema();
        let place = Jurisdiction::new("VN-92", None).unwrap();
        let suite = zkcred_bbs::Ciphersuite::Bls12381Sha256;
        let commune = Issuer::generate("Commune", IssuerTier::Commune, place, suite, r).unwrap();
        let mut wallet = Wallet::new(r);
        let asked = wallet
            .request_issuance(&schema, commune.public_info(), r)
            .unwrap();
        let born = AttributeValue::Date(Date::new(2001, 4, 2).unwrap());
        let content = CredentialContent {
            attributes: [("birth_date".to_string(), born)].into(),
            issued_on: Date::new(2024, 1, 15).unwrap(),
            expires_on: Date::new(2034, 1, 14).unwrap(),
        };
        let issued = commune.issue(&schema, &content, &asked, r).unwrap();
        wallet
            .accept(&issued, &schema, commune.public_info())
            .unwrap();
        let mut registry = TrustRegistry::new();
        registry
            .insert(commune.public_info().clone(), [*schema.id()])
            .unwrap();
        let mut setup = VerifierSetup::new();
        setup
            .add_request(&request(0), std::slice::from_ref(&schema), r)
            .unwrap();
        let holder_keys = setup.key_set().holder_keys().unwrap();
        let gate = VerifierKey::generate("gate.example", "Gate", vec![], r).unwrap();
        let mut verifiers = VerifierRegistry::new();
        verifiers.insert(gate.public_info().clone()).unwrap();
        let requests: Vec<PresentationRequest> = (0..BATCH as u64).map(request).collect();
        let present = |w: &Wallet, q: &PresentationRequest, r: &mut ChaCha20Rng| {
            let signed = SignedRequest::sign(q.clone(), &gate).unwrap();
            w.present(&signed, &verifiers, &holder_keys, Some(now()), r)
                .unwrap()
        };
        let honest = requests.iter().map(|q| present(&wallet, q, r)).collect();
        let forged = present(&forge(&wallet, r), &requests[FORGED], r);
        World {
            schema,
            registry,
            keys: setup.verifier_keys(),
            requests,
            honest,
            forged,
        }
    })
}

fn verifier() -> Verifier {
    let w = world();
    Verifier::new(
        w.registry.clone(),
        vec![w.schema.clone()],
        w.keys.clone(),
        Box::new(InMemoryNonceStore::new()),
    )
}

fn pending<'v>(v: &'v Verifier, i: usize) -> Pending<'v> {
    let w = world();
    v.pending(&w.requests[i], &w.honest[i], now(), ProofPoints::Unchecked)
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_forged_credential_fails_only_its_pairing_and_is_named_in_a_batch() {
    let w = world();
    let v = verifier();
    // Every check but the pairings passes.
    let p = v
        .pending(
            &w.requests[FORGED],
            &w.forged,
            now(),
            ProofPoints::Unchecked,
        )
        .unwrap();
    assert_eq!(
        p.pairings.len(),
        2,
        "one Groth16 and one pseudonym-BBS equation"
    );
    assert!(!p.pairings.all_hold(&mut rng(1)));

    let mut presentations: Vec<&Presentation> = w.honest.iter().collect();
    presentations[FORGED] = &w.forged;
    let items: Vec<(&PresentationRequest, &Presentation)> =
        w.requests.iter().zip(presentations).collect();
    let results = v.verify_batch(&items, Some(now()), &mut rng(2));
    let refused: Vec<usize> = (0..BATCH).filter(|&i| results[i].is_err()).collect();
    assert_eq!(refused, vec![FORGED]);
    let alone = v.verify(&w.requests[FORGED], &w.forged, Some(now()));
    assert_eq!(results[FORGED], alone);
    let text = alone.unwrap_err().to_string();
    assert!(
        text.contains("BBS proof") && text.contains("pairing"),
        "{text}"
    );
    // Its nonce was not recorded: the honest presentation of that request verifies.
    v.verify(&w.requests[FORGED], &w.honest[FORGED], Some(now()))
        .unwrap();
}

/// The pairings of `p` with the G1 side of pair `pair` of every equation of `pairs` pairs
/// moved by `x`; each moved equation reports `error`.
fn moved<'v>(
    p: &Deferred<'v, PresentationError>,
    pairs: usize,
    pair: usize,
    x: G1Projective,
    error: &PresentationError,
) -> Deferred<'v, PresentationError> {
    let mut out = Deferred::new();
    for (check, e) in p.iter() {
        if check.len() != pairs {
            out.defer(check.clone(), e.clone());
            continue;
        }
        let mut c = PairingCheck::new();
        for (i, (g1, q)) in check.pairs().iter().enumerate() {
            c.push(if i == pair { *g1 + x } else { *g1 }, *q);
        }
        out.defer(c, error.clone());
    }
    out
}

/// The product of every equation of `pending`, unweighted.
fn unweighted_product_is_one(pending: &[&Pending<'_>]) -> bool {
    let mut groups = G2Groups::new();
    for p in pending {
        for c in p.pairings.checks() {
            groups.push_check(c, Fr::one());
        }
    }
    groups.product_is_one()
}

#[test]
fn errors_that_cancel_without_weights_are_caught() {
    let w = world();
    let x = G1Projective::rand(&mut rng(3));
    let error = PresentationError::Tampered {
        label: "identity".into(),
        check: "moved equation".into(),
    };
    // Groth16: C (pair 3, on the key's −δ) moved by +X and −X. Pseudonym BBS: Abar (pair
    // 0, on the issuer's W) moved by +X and −X.
    for (pairs, pair) in [(4, 3), (2, 0)] {
        let v = verifier();
        let (mut p0, mut p1) = (pending(&v, 0), pending(&v, 1));
        // (prepared by its key, the point)
        let q = |p: &Pending<'_>| {
            let (check, _) = p.pairings.iter().find(|(c, _)| c.len() == pairs).unwrap();
            let side = check.pairs()[pair].1;
            (matches!(side, G2Side::Fixed(_)), side.point())
        };
        assert!(q(&p0).0);
        assert_eq!(q(&p0), q(&p1), "the same G2 point");
        p0.pairings = moved(&p0.pairings, pairs, pair, x, &error);
        p1.pairings = moved(&p1.pairings, pairs, pair, -x, &error);
        assert!(unweighted_product_is_one(&[&p0, &p1]));
        let results = v.finish_batch(vec![Ok(p0), Ok(p1)], &mut rng(4));
        assert_eq!(results, vec![Err(error.clone()), Err(error.clone())]);
        // Neither nonce was recorded.
        for i in 0..2 {
            v.verify(&w.requests[i], &w.honest[i], Some(now())).unwrap();
        }
    }
}
