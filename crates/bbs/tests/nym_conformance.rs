//! Conformance with the official draft-irtf-cfrg-bbs-per-verifier-linkability-02 test vectors.
//!
//! Walks a directory of fixture files (default `../shared/fixtures/bbs-nym` beside the
//! project root, or `$ZKCRED_BBS_NYM_FIXTURES`), classifies each file by its content and its
//! suite folder (never by its name) and checks every generator, commitment, signature and proof
//! file: reproduced byte for byte (commitments and proofs with the mocked RNG, signatures,
//! nym secrets and pseudonyms) and verified. Fails when it finds nothing to check or a file it
//! cannot classify.

mod common;
use common::*;

use serde_json::Value;
use std::collections::BTreeMap;
use zkcred_bbs::hash::seeded_random_scalars;
use zkcred_bbs::octets::scalar_from_bytes_allow_zero;
use zkcred_bbs::octets::scalar_to_bytes;
use zkcred_bbs::{
    BlindDisclosure, Ciphersuite, CommitmentWithProof, NymBbs, NymProof, NymSecrets, Proof,
    ProofRandomness, Pseudonym, PublicKey, Scalar, SecretKey, SecretProverBlind, Signature,
};

/// A scalar field that may have lost its leading zero nibble (63 hex chars): parsed as a
/// big-endian integer, left-padded to 32 bytes.
fn scalar_field(v: &Value) -> Scalar {
    let s = v.as_str().unwrap_or_else(|| panic!("not a scalar: {v}"));
    assert!(s.len() <= 64, "scalar too long: {s}");
    let padded = format!("{s:0>64}");
    scalar_from_bytes_allow_zero(&hex::decode(padded).unwrap(), "fixture scalar").unwrap()
}

fn scalar_list(v: &Value) -> Vec<Scalar> {
    v.as_array()
        .expect("array")
        .iter()
        .map(scalar_field)
        .collect()
}

fn check_commit(suite: Ciphersuite, v: &Value) {
    let nym = NymBbs::new(suite);
    let name = v["caseName"].as_str().unwrap_or_default();
    let committed = nym
        .messages_to_scalars(&hex_list(&v["committedMessages"]))
        .unwrap();
    let prover_nyms = NymSecrets::from_scalars(&scalar_list(&v["proverNyms"])).unwrap();
    let dst = mock_dst(suite, v, "commit", "COMMIT_MOCK_RANDOM_SCALARS_DST_");
    let count = committed.len() + prover_nyms.len() + 2;
    let mocked = seeded_random_scalars(suite, MOCK_SEED, &dst, count).unwrap();
    let trace = &v["trace"]["random_scalars"];
    assert_eq!(scalar_hex(&mocked[1]), trace["s_tilde"].as_str().unwrap());
    assert_eq!(
        mocked[2..].to_vec(),
        scalar_list(&trace["m_tildes"]),
        "{name}"
    );
    let (cwp, spb) = nym
        .commit_with_nym_random_scalars(&committed, &prover_nyms, &mocked)
        .unwrap();
    assert_eq!(
        hex::encode(cwp.to_bytes()),
        v["commitmentWithProof"].as_str().unwrap(),
        "{name}"
    );
    assert_eq!(spb.scalar(), &scalar_field(&v["proverBlind"]), "{name}");
    let decoded = CommitmentWithProof::from_bytes(&hex(v, "commitmentWithProof")).unwrap();
    assert_eq!(decoded, cwp);
    nym.commit_verify(&decoded).unwrap();
}

fn check_signature(suite: Ciphersuite, v: &Value) {
    let nym = NymBbs::new(suite);
    let name = v["caseName"].as_str().unwrap_or_default();
    assert!(v["result"]["valid"].as_bool().unwrap(), "{name}");
    let sk = SecretKey::from_bytes(&hex(&v["signerKeyPair"], "secretKey")).unwrap();
    let pk = PublicKey::from_bytes(&hex(&v["signerKeyPair"], "publicKey")).unwrap();
    let header = hex(v, "header");
    let messages = nym.messages_to_scalars(&hex_list(&v["messages"])).unwrap();
    let committed = nym
        .messages_to_scalars(&hex_list(&v["committedMessages"]))
        .unwrap();
    let prover_nyms = NymSecrets::from_scalars(&scalar_list(&v["proverNyms"])).unwrap();
    let entropy = scalar_field(&v["signer_nym_entropy"]);
    let spb =
        SecretProverBlind::from_bytes(&scalar_to_bytes(&scalar_field(&v["proverBlind"]))).unwrap();
    let cwp = CommitmentWithProof::from_bytes(&hex(v, "commitmentWithProof")).unwrap();
    let sig = nym
        .blind_sign_with_nym(
            &sk,
            &pk,
            &cwp,
            prover_nyms.len(),
            &entropy,
            &header,
            &messages,
        )
        .unwrap();
    assert_eq!(
        hex::encode(sig.to_bytes()),
        v["signature"].as_str().unwrap(),
        "{name}"
    );
    let decoded = Signature::from_bytes(&hex(v, "signature")).unwrap();
    let secrets = nym
        .verify_finalize_with_nym(
            &pk,
            &decoded,
            &header,
            &messages,
            &committed,
            &prover_nyms,
            &entropy,
            &spb,
        )
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(
        secrets.scalars(),
        &scalar_list(&v["nym_secrets"])[..],
        "{name}"
    );
}

fn check_proof(suite: Ciphersuite, v: &Value) {
    let nym = NymBbs::new(suite);
    let name = v["caseName"].as_str().unwrap_or_default();
    assert!(v["result"]["valid"].as_bool().unwrap(), "{name}");
    let l = v["L"].as_u64().unwrap() as usize;
    let pk = PublicKey::from_bytes(&hex(v, "signerPublicKey")).unwrap();
    let sig = Signature::from_bytes(&hex(v, "signature")).unwrap();
    let header = hex(v, "header");
    let ph = hex(v, "presentationHeader");
    let ctx = hex(v, "context_id");
    let spb =
        SecretProverBlind::from_bytes(&scalar_to_bytes(&scalar_field(&v["proverBlind"]))).unwrap();
    let messages = nym
        .messages_to_scalars(&hex_list(&v["messages"])[..l])
        .unwrap();
    let committed = nym
        .messages_to_scalars(&hex_list(&v["committedMessages"]))
        .unwrap();
    let prover_nyms = NymSecrets::from_scalars(&scalar_list(&v["proverNyms"])).unwrap();
    let entropy = scalar_field(&v["signer_nym_entropy"]);
    let n = prover_nyms.len();
    let cwp = CommitmentWithProof::from_bytes(&hex(v, "commitmentWithProof")).unwrap();
    assert_eq!(cwp.committed_count(), committed.len() + n, "{name}");
    let secrets = nym
        .verify_finalize_with_nym(
            &pk,
            &sig,
            &header,
            &messages,
            &committed,
            &prover_nyms,
            &entropy,
            &spb,
        )
        .unwrap_or_else(|e| panic!("{name}: signature: {e}"));
    assert_eq!(
        secrets.scalars(),
        &scalar_list(&v["nym_secrets"])[..],
        "{name}"
    );
    let pseudonym = nym.pseudonym(&ctx, &secrets).unwrap();
    assert_eq!(
        hex::encode(pseudonym.to_bytes()),
        v["pseudonym"].as_str().unwrap(),
        "{name}"
    );

    let (signer_idx, signer_msgs) = revealed(&v["revealedMessages"]);
    let (committed_idx, committed_msgs) = revealed(&v["revealedCommittedMessages"]);
    let disclosure = BlindDisclosure {
        signer: &signer_idx,
        committed: &committed_idx,
    };
    let u = nym.undisclosed_count(l, committed.len(), n, &disclosure);
    let dst = mock_dst(suite, v, "proof", "PROOF_MOCK_RANDOM_SCALARS_DST_");
    let mocked = seeded_random_scalars(suite, MOCK_SEED, &dst, 5 + u).unwrap();
    let trace = &v["trace"];
    // One file set spells the key `randomScalars`; nym traces use `e_Tilde`-style names.
    let rs = if trace["random_scalars"].is_object() {
        &trace["random_scalars"]
    } else {
        &trace["randomScalars"]
    };
    for (s, key) in mocked
        .iter()
        .zip(["r1", "r2", "e_Tilde", "r1_Tilde", "r3_Tilde"])
    {
        assert_eq!(*s, scalar_field(&rs[key]), "{name}: {key}");
    }
    assert_eq!(
        mocked[5..].to_vec(),
        scalar_list(&rs["m_tilde_scalars"]),
        "{name}"
    );
    let randomness = ProofRandomness::from_scalars(&mocked, u).unwrap();
    let init = nym
        .proof_init(
            &pk,
            &sig,
            &header,
            &messages,
            &committed,
            &spb,
            &secrets,
            &ctx,
            &disclosure,
            &randomness,
        )
        .unwrap();
    assert_eq!(init.pseudonym(), &pseudonym);
    let c = init.challenge(&ph).unwrap();
    assert_eq!(c, scalar_field(&trace["challenge"]), "{name}");
    let proof = init.finalize(c);
    assert_eq!(
        hex::encode(proof.proof.to_bytes()),
        v["proof"].as_str().unwrap(),
        "{name}"
    );

    let decoded = NymProof {
        proof: Proof::from_bytes(&hex(v, "proof")).unwrap(),
        pseudonym: Pseudonym::from_bytes(&hex(v, "pseudonym")).unwrap(),
    };
    assert_eq!(NymProof::from_bytes(&decoded.to_bytes()).unwrap(), decoded);
    let signer_scalars = nym.messages_to_scalars(&signer_msgs).unwrap();
    let committed_scalars = nym.messages_to_scalars(&committed_msgs).unwrap();
    nym.proof_verify(
        &pk,
        &decoded,
        &header,
        &ph,
        &ctx,
        l,
        n,
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
fn official_nym_vectors() {
    let dir = fixtures_dir("ZKCRED_BBS_NYM_FIXTURES", "bbs-nym");
    let files = json_files(&dir);
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let v: Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        if is_message_list(&v) {
            // Every nym signature and proof file carries its own message lists.
            *counts.entry("message list".into()).or_default() += 1;
            continue;
        }
        let suite = suite_of(path)
            .unwrap_or_else(|| panic!("{}: no suite folder in its path", path.display()));
        let kind = if v.get("blindGenerators").is_some() {
            check_blind_generators(NymBbs::new(suite).blind(), &v);
            "generators"
        } else if v.get("proof").is_some() && v.get("pseudonym").is_some() {
            check_proof(suite, &v);
            "nym proof"
        } else if v.get("signature").is_some() && v.get("signer_nym_entropy").is_some() {
            check_signature(suite, &v);
            "nym signature"
        } else if v.get("commitmentWithProof").is_some() && v.get("proverNyms").is_some() {
            check_commit(suite, &v);
            "nym commitment"
        } else {
            panic!("{}: unrecognised fixture format", path.display());
        };
        *counts
            .entry(format!("{} {kind}", suite.name()))
            .or_default() += 1;
    }
    report("BBS pseudonym conformance", &dir, &counts);
    for kind in ["commitment", "signature", "proof"] {
        assert!(
            counts.keys().any(|k| k.ends_with(kind)),
            "no {kind} file found under {}",
            dir.display()
        );
    }
}
