//! Conformance with the official draft-irtf-cfrg-bbs-signatures test vectors.
//!
//! Walks a directory of fixture files (default `../shared/fixtures/bbs` beside the project
//! root, or `$ZKCRED_BBS_FIXTURES`) and checks every file by its content and its suite folder,
//! never by its name: valid and invalid files alike are verified and compared with their
//! `result.valid` (valid ones are also reproduced byte for byte). Prints the counts (valid
//! accepted, invalid rejected) per folder; fails when a result differs from the expected one,
//! when a folder holds no file, or on a file it cannot classify.
#![forbid(unsafe_code)]

mod common;
use common::*;

use serde_json::Value;
use std::path::Path;
use zkcred_bbs::generators::{create_generators, derive_p1};
use zkcred_bbs::hash::seeded_random_scalars;
use zkcred_bbs::octets::{g1_to_bytes, scalar_to_bytes};
use zkcred_bbs::{
    Bbs, Ciphersuite, Interface, Proof, ProofRandomness, PublicKey, SecretKey, Signature,
};

fn bbs(suite: Ciphersuite) -> Bbs {
    Bbs::new(suite, 128).expect("context")
}

fn check_keypair(suite: Ciphersuite, v: &Value) {
    let sk = SecretKey::keygen(
        suite,
        &hex(v, "keyMaterial"),
        &hex(v, "keyInfo"),
        Some(&hex(v, "keyDst")),
    )
    .expect("keygen");
    assert_eq!(
        hex::encode(&sk.to_bytes()[..]),
        v["keyPair"]["secretKey"].as_str().unwrap()
    );
    assert_eq!(
        hex::encode(sk.public_key().to_bytes()),
        v["keyPair"]["publicKey"].as_str().unwrap()
    );
    // The default key_dst is the one the vectors use.
    let sk2 =
        SecretKey::keygen(suite, &hex(v, "keyMaterial"), &hex(v, "keyInfo"), None).expect("keygen");
    assert_eq!(sk, sk2);
}

fn check_generators(suite: Ciphersuite, v: &Value) {
    assert_eq!(
        hex::encode(g1_to_bytes(&suite.p1())),
        v["P1"].as_str().unwrap()
    );
    assert_eq!(
        hex::encode(g1_to_bytes(&derive_p1(suite).unwrap())),
        v["P1"].as_str().unwrap()
    );
    let expected = hex_list(&v["MsgGenerators"]);
    let gens =
        create_generators(suite, &suite.api_id(Interface::Core), expected.len() + 1).unwrap();
    assert_eq!(hex::encode(gens[0].bytes()), v["Q1"].as_str().unwrap());
    for (g, e) in gens[1..].iter().zip(&expected) {
        assert_eq!(&g.bytes()[..], &e[..]);
    }
}

fn check_h2s(suite: Ciphersuite, v: &Value) {
    let s = suite
        .hash_to_scalar(&[&hex(v, "message")], &hex(v, "dst"))
        .unwrap();
    assert_eq!(
        hex::encode(scalar_to_bytes(&s)),
        v["scalar"].as_str().unwrap()
    );
}

fn check_map(suite: Ciphersuite, v: &Value) {
    let ctx = bbs(suite);
    let dst = hex(v, "dst");
    for case in v["cases"].as_array().unwrap() {
        let msg = hex(case, "message");
        let want = case["scalar"].as_str().unwrap();
        assert_eq!(
            hex::encode(scalar_to_bytes(&ctx.message_to_scalar(&msg).unwrap())),
            want
        );
        assert_eq!(
            hex::encode(scalar_to_bytes(
                &suite.hash_to_scalar(&[&msg], &dst).unwrap()
            )),
            want
        );
    }
}

fn check_mocked(suite: Ciphersuite, v: &Value) {
    let count = v["count"].as_u64().unwrap() as usize;
    let got = seeded_random_scalars(suite, &hex(v, "seed"), &hex(v, "dst"), count).unwrap();
    let want: Vec<String> = v["mockedScalars"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect();
    let got: Vec<String> = got
        .iter()
        .map(|s| hex::encode(scalar_to_bytes(s)))
        .collect();
    assert_eq!(got, want);
}

/// Verifies the file's signature; returns whether it was accepted. A signature accepted and
/// expected valid must also be reproduced byte for byte.
fn check_signature(suite: Ciphersuite, v: &Value, expected: bool) -> bool {
    let ctx = bbs(suite);
    let header = hex(v, "header");
    let messages = hex_list(&v["messages"]);
    let outcome = (|| {
        let pk = PublicKey::from_bytes(&hex(&v["signerKeyPair"], "publicKey"))?;
        let sig = Signature::from_bytes(&hex(v, "signature"))?;
        ctx.verify(&pk, &sig, &header, &messages)
    })();
    let accepted = outcome.is_ok();
    if accepted && expected {
        let sk = SecretKey::from_bytes(&hex(&v["signerKeyPair"], "secretKey")).unwrap();
        let pk = PublicKey::from_bytes(&hex(&v["signerKeyPair"], "publicKey")).unwrap();
        let sig = ctx.sign(&sk, &pk, &header, &messages).unwrap();
        assert_eq!(
            hex::encode(sig.to_bytes()),
            v["signature"].as_str().unwrap(),
            "{}",
            v["caseName"]
        );
    }
    accepted
}

/// Verifies the file's proof; returns whether it was accepted. A proof accepted and expected
/// valid must also be reproduced byte for byte with the mocked RNG.
fn check_proof(suite: Ciphersuite, v: &Value, expected: bool) -> bool {
    let ctx = bbs(suite);
    let header = hex(v, "header");
    let ph = hex(v, "presentationHeader");
    let messages = hex_list(&v["messages"]);
    let indexes: Vec<usize> = v["disclosedIndexes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i.as_u64().unwrap() as usize)
        .collect();
    let outcome = (|| {
        let pk = PublicKey::from_bytes(&hex(v, "signerPublicKey"))?;
        let proof = Proof::from_bytes(&hex(v, "proof"))?;
        let disclosed: Vec<&Vec<u8>> = indexes.iter().filter_map(|&i| messages.get(i)).collect();
        ctx.proof_verify(&pk, &proof, &header, &ph, &disclosed, &indexes)
    })();
    let accepted = outcome.is_ok();
    if accepted && expected {
        // ProofGen with the mocked RNG reproduces the proof byte for byte.
        let pk = PublicKey::from_bytes(&hex(v, "signerPublicKey")).unwrap();
        let sig = Signature::from_bytes(&hex(v, "signature")).unwrap();
        let scalars = ctx.messages_to_scalars(&messages).unwrap();
        let u = messages.len() - indexes.len();
        let dst = [
            &suite.api_id(Interface::Core)[..],
            b"MOCK_RANDOM_SCALARS_DST_",
        ]
        .concat();
        let mocked = seeded_random_scalars(suite, MOCK_SEED, &dst, 5 + u).unwrap();
        let trace = &v["trace"]["random_scalars"];
        let names = ["r1", "r2", "e_tilde", "r1_tilde", "r3_tilde"];
        for (s, name) in mocked.iter().zip(names) {
            assert_eq!(
                hex::encode(scalar_to_bytes(s)),
                trace[name].as_str().unwrap()
            );
        }
        let randomness = ProofRandomness::from_scalars(&mocked, u).unwrap();
        let init = ctx
            .proof_init(&pk, &sig, &header, &scalars, &indexes, &randomness)
            .unwrap();
        let c = init.challenge(&ph).unwrap();
        let proof = init.finalize(c);
        assert_eq!(
            hex::encode(proof.to_bytes()),
            v["proof"].as_str().unwrap(),
            "{}",
            v["caseName"]
        );
    }
    accepted
}

/// Checks one file, classified by its content and its suite folder.
fn check_file(path: &Path, v: &Value, expected: bool) -> Verdict {
    if v.is_array() {
        // The shared message list; every signature and proof file carries its own copy.
        return Verdict::MessageList;
    }
    let suite =
        suite_of(path).unwrap_or_else(|| panic!("{}: no suite folder in its path", path.display()));
    let checked = |kind: &str, accepted: bool| Verdict::Checked {
        kind: format!("{} {kind}", suite.name()),
        accepted,
    };
    // Files without a result reproduce their values (a mismatch panics) and so are accepted.
    if v.get("keyMaterial").is_some() {
        check_keypair(suite, v);
        checked("keypair", true)
    } else if v.get("MsgGenerators").is_some() {
        check_generators(suite, v);
        checked("generators", true)
    } else if v.get("mockedScalars").is_some() {
        check_mocked(suite, v);
        checked("mockedRng", true)
    } else if v.get("cases").is_some() {
        check_map(suite, v);
        checked("map-to-scalar", true)
    } else if v.get("scalar").is_some() && v.get("dst").is_some() {
        check_h2s(suite, v);
        checked("h2s", true)
    } else if v.get("proof").is_some() {
        checked("proof", check_proof(suite, v, expected))
    } else if v.get("signature").is_some() {
        checked("signature", check_signature(suite, v, expected))
    } else {
        panic!("{}: unrecognised fixture format", path.display());
    }
}

/// Checks every file below `dir` against its expected result (see [`run_vectors`]).
fn run_folder(dir: &Path) -> Result<Report, String> {
    run_vectors(dir, &read_vectors(dir)?, check_file)
}

#[test]
fn official_vectors() {
    let dir = fixtures_dir("ZKCRED_BBS_FIXTURES", "bbs");
    let report = run_folder(&dir).unwrap_or_else(|e| panic!("{e}"));
    report.print("BBS conformance");
    for kind in ["signature", "proof"] {
        let c = report.kind_totals(kind);
        assert!(
            c.valid_accepted > 0,
            "no valid {kind} under {}",
            dir.display()
        );
    }
    if std::env::var_os("ZKCRED_BBS_FIXTURES").is_none() {
        // The official set (SOURCES.md): 60 vectors and the shared message list.
        let t = report.totals();
        assert_eq!(
            (t.valid_accepted, t.invalid_rejected, t.message_lists),
            (26, 34, 1)
        );
    }
}

/// The runner on a folder of official files copied to a temp dir: a valid and an invalid
/// signature are counted, and flipping either one's expected result makes the runner fail.
#[test]
fn runner_counts_and_fails_on_a_wrong_expected_result() {
    let official = fixtures_dir("ZKCRED_BBS_FIXTURES", "bbs").join("bls12-381-sha-256/signature");
    let copy = |dir: &Path, file: &str, flip: bool| {
        let mut v = read_vector(&official.join(file)).unwrap_or_else(|e| panic!("{e}"));
        if flip {
            let was = v["result"]["valid"].as_bool().unwrap();
            v["result"]["valid"] = Value::Bool(!was);
        }
        write_vector(dir, &format!("bls12-381-sha-256/signature/{file}"), &v);
    };
    let (valid, invalid) = ("signature001.json", "signature002.json");
    let tmp = TempDir::new("core-runner");
    copy(tmp.path(), valid, false);
    copy(tmp.path(), invalid, false);
    let report = run_folder(tmp.path()).unwrap_or_else(|e| panic!("{e}"));
    let both = Counts {
        valid_accepted: 1,
        invalid_rejected: 1,
        message_lists: 0,
    };
    assert_eq!(report.folders["bls12-381-sha-256/signature"], both);
    assert_eq!(report.totals(), both);
    for flipped in [valid, invalid] {
        let tmp = TempDir::new("core-runner-corrupt");
        copy(tmp.path(), valid, flipped == valid);
        copy(tmp.path(), invalid, flipped == invalid);
        let err = run_folder(tmp.path()).expect_err(flipped);
        assert!(err.contains(flipped), "{err}");
        assert!(err.contains("the file expects"), "{err}");
    }
}
