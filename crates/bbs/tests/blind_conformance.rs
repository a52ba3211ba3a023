//! Conformance with the official draft-irtf-cfrg-bbs-blind-signatures test vectors (-01/-02).
//!
//! Walks a directory of fixture files (default `../shared/fixtures/bbs-blind` beside the
//! project root, or `$ZKCRED_BBS_BLIND_FIXTURES`), classifies each file by its content and its
//! suite folder (never by its name) and checks every generator, commitment, signature and proof
//! file: reproduced byte for byte (commitments and proofs with the mocked RNG) and verified.
//! Fails when it finds nothing to check or a file it cannot classify.

mod common;
use common::*;

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;
use zkcred_bbs::hash::seeded_random_scalars;
use zkcred_bbs::{
    BlindBbs, BlindDisclosure, Ciphersuite, CommitmentWithProof, Proof, ProofRandomness, PublicKey,
    SecretKey, SecretProverBlind, Signature,
};

fn check_commit(suite: Ciphersuite, v: &Value) {
    let bbs = BlindBbs::new(suite);
    let name = v["caseName"].as_str().unwrap_or_default();
    let committed = bbs
        .messages_to_scalars(&hex_list(&v["committedMessages"]))
        .unwrap();
    let dst = mock_dst(suite, v, "commit", "COMMIT_MOCK_RANDOM_SCALARS_DST_");
    let count = committed.len() + 2;
    if let Some(n) = v["mockRngParameters"]["commit"]["count"].as_u64() {
        assert_eq!(n as usize, count, "{name}");
    }
    let mocked = seeded_random_scalars(suite, MOCK_SEED, &dst, count).unwrap();
    let trace = &v["trace"]["random_scalars"];
    assert_eq!(scalar_hex(&mocked[1]), trace["s_tilde"].as_str().unwrap());
    let m_tildes: Vec<String> = mocked[2..].iter().map(scalar_hex).collect();
    let want: Vec<String> = trace["m_tildes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect();
    assert_eq!(m_tildes, want, "{name}");
    let (cwp, spb) = bbs.commit_with_random_scalars(&committed, &mocked).unwrap();
    assert_eq!(
        hex::encode(cwp.to_bytes()),
        v["commitmentWithProof"].as_str().unwrap(),
        "{name}"
    );
    assert_eq!(
        hex::encode(&spb.to_bytes()[..]),
        v["proverBlind"].as_str().unwrap()
    );
    let decoded = CommitmentWithProof::from_bytes(&hex(v, "commitmentWithProof")).unwrap();
    assert_eq!(decoded, cwp);
    bbs.commit_verify(&decoded).unwrap();
}

fn check_signature(suite: Ciphersuite, v: &Value) {
    let bbs = BlindBbs::new(suite);
    let name = v["caseName"].as_str().unwrap_or_default();
    assert!(v["result"]["valid"].as_bool().unwrap(), "{name}");
    let sk = SecretKey::from_bytes(&hex(&v["signerKeyPair"], "secretKey")).unwrap();
    let pk = PublicKey::from_bytes(&hex(&v["signerKeyPair"], "publicKey")).unwrap();
    let header = hex(v, "header");
    let messages = bbs.messages_to_scalars(&hex_list(&v["messages"])).unwrap();
    let committed = match v["committedMessages"].as_array() {
        Some(_) => bbs
            .messages_to_scalars(&hex_list(&v["committedMessages"]))
            .unwrap(),
        None => Vec::new(),
    };
    let cwp = v["commitmentWithProof"]
        .as_str()
        .map(|_| CommitmentWithProof::from_bytes(&hex(v, "commitmentWithProof")).unwrap());
    let spb = v["proverBlind"]
        .as_str()
        .map(|_| SecretProverBlind::from_bytes(&hex(v, "proverBlind")).unwrap());
    let sig = bbs
        .blind_sign(&sk, &pk, cwp.as_ref(), &header, &messages)
        .unwrap();
    assert_eq!(
        hex::encode(sig.to_bytes()),
        v["signature"].as_str().unwrap(),
        "{name}"
    );
    let decoded = Signature::from_bytes(&hex(v, "signature")).unwrap();
    bbs.verify_blind_sign(&pk, &decoded, &header, &messages, &committed, spb.as_ref())
        .unwrap_or_else(|e| panic!("{name}: {e}"));
}

fn check_proof(suite: Ciphersuite, v: &Value, lists: &Value) {
    let bbs = BlindBbs::new(suite);
    let name = v["caseName"].as_str().unwrap_or_default();
    assert!(v["result"]["valid"].as_bool().unwrap(), "{name}");
    let l = v["L"].as_u64().unwrap() as usize;
    let pk = PublicKey::from_bytes(&hex(v, "signerPublicKey")).unwrap();
    let sig = Signature::from_bytes(&hex(v, "signature")).unwrap();
    let header = hex(v, "header");
    let ph = hex(v, "presentationHeader");
    let spb = v["proverBlind"]
        .as_str()
        .map(|_| SecretProverBlind::from_bytes(&hex(v, "proverBlind")).unwrap());
    // Full message lists come from the shared messages.json; without a commitment M = 0.
    let messages = bbs
        .messages_to_scalars(&hex_list(&lists["messages"])[..l])
        .unwrap();
    let committed = match spb {
        Some(_) => bbs
            .messages_to_scalars(&hex_list(&lists["committedMessages"]))
            .unwrap(),
        None => Vec::new(),
    };
    // Cross-check M against the commitment when its hex is clean (one file has a stray 's').
    if let Some(Ok(bytes)) = v["commitmentWithProof"].as_str().map(hex::decode) {
        let cwp = CommitmentWithProof::from_bytes(&bytes).unwrap();
        assert_eq!(cwp.committed_count(), committed.len(), "{name}");
    }
    bbs.verify_blind_sign(&pk, &sig, &header, &messages, &committed, spb.as_ref())
        .unwrap_or_else(|e| panic!("{name}: signature: {e}"));

    let (signer_idx, signer_msgs) = revealed(&v["revealedMessages"]);
    let (committed_idx, committed_msgs) = revealed(&v["revealedCommittedMessages"]);
    let disclosure = BlindDisclosure {
        signer: &signer_idx,
        committed: &committed_idx,
    };
    let u = bbs.undisclosed_count(l, committed.len(), &disclosure);
    let dst = mock_dst(suite, v, "proof", "PROOF_MOCK_RANDOM_SCALARS_DST_");
    if let Some(n) = v["mockRngParameters"]["proof"]["count"].as_u64() {
        assert_eq!(n as usize, 5 + u, "{name}");
    }
    let mocked = seeded_random_scalars(suite, MOCK_SEED, &dst, 5 + u).unwrap();
    let trace = &v["trace"];
    for (s, key) in mocked
        .iter()
        .zip(["r1", "r2", "e_tilde", "r1_tilde", "r3_tilde"])
    {
        assert_eq!(
            scalar_hex(s),
            trace["random_scalars"][key].as_str().unwrap()
        );
    }
    let randomness = ProofRandomness::from_scalars(&mocked, u).unwrap();
    let init = bbs
        .proof_init(
            &pk,
            &sig,
            &header,
            &messages,
            &committed,
            spb.as_ref(),
            &disclosure,
            &randomness,
        )
        .unwrap();
    let c = init.challenge(&ph).unwrap();
    assert_eq!(
        scalar_hex(&c),
        trace["challenge"].as_str().unwrap(),
        "{name}"
    );
    let proof = init.finalize(c);
    assert_eq!(
        hex::encode(proof.to_bytes()),
        v["proof"].as_str().unwrap(),
        "{name}"
    );

    let decoded = Proof::from_bytes(&hex(v, "proof")).unwrap();
    let signer_scalars = bbs.messages_to_scalars(&signer_msgs).unwrap();
    let committed_scalars = bbs.messages_to_scalars(&committed_msgs).unwrap();
    bbs.proof_verify(
        &pk,
        &decoded,
        &header,
        &ph,
        l,
        &disclosure,
        &signer_scalars,
        &committed_scalars,
    )
    .unwrap_or_else(|e| panic!("{name}: verify: {e}"));
}

fn is_message_list(v: &Value) -> bool {
    v.get("messages").is_some()
        && v.get("committedMessages").is_some()
        && v.get("caseName").is_none()
}

#[test]
fn official_blind_vectors() {
    let dir = fixtures_dir("ZKCRED_BBS_BLIND_FIXTURES", "bbs-blind");
    let files = json_files(&dir);
    let docs: Vec<(PathBuf, Value)> = files
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).unwrap();
            let v: Value =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p.clone(), v)
        })
        .collect();
    let lists: Vec<&(PathBuf, Value)> = docs.iter().filter(|(_, v)| is_message_list(v)).collect();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for (path, v) in &docs {
        if is_message_list(v) {
            *counts.entry("message list".into()).or_default() += 1;
            continue;
        }
        let suite = suite_of(path)
            .unwrap_or_else(|| panic!("{}: no suite folder in its path", path.display()));
        let kind = if v.get("blindGenerators").is_some() {
            check_blind_generators(&BlindBbs::new(suite), v);
            "generators"
        } else if v.get("proof").is_some() {
            // The message list nearest to the file (in one of its ancestor folders).
            let list = lists
                .iter()
                .filter(|(p, _)| p.parent().is_some_and(|d| path.starts_with(d)))
                .max_by_key(|(p, _)| p.components().count())
                .unwrap_or_else(|| panic!("{}: no messages.json above it", path.display()));
            check_proof(suite, v, &list.1);
            "proof"
        } else if v.get("signature").is_some() {
            check_signature(suite, v);
            "signature"
        } else if v.get("commitmentWithProof").is_some() && v.get("committedMessages").is_some() {
            check_commit(suite, v);
            "commitment"
        } else {
            panic!("{}: unrecognised fixture format", path.display());
        };
        *counts
            .entry(format!("{} {kind}", suite.name()))
            .or_default() += 1;
    }
    report("Blind BBS conformance", &dir, &counts);
    for kind in ["commitment", "signature", "proof"] {
        assert!(
            counts.keys().any(|k| k.ends_with(kind)),
            "no {kind} file found under {}",
            dir.display()
        );
    }
}
