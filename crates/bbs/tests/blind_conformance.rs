//! Conformance with the official draft-irtf-cfrg-bbs-blind-signatures test vectors (-01/-02).
//!
//! Walks a directory of fixture files (default `../shared/fixtures/bbs-blind` beside the
//! project root, or `$ZKCRED_BBS_BLIND_FIXTURES`), classifies each file by its content and its
//! suite folder (never by its name) and checks every generator, commitment, signature and proof
//! file: verified and compared with its `result.valid`, and, when valid, reproduced byte for
//! byte (commitments and proofs with the mocked RNG). M comes from the length of the file's
//! commitment. Prints the counts (valid accepted, invalid rejected) per folder; fails when a
//! result differs from the expected one, when a folder holds no file, or on a file it cannot
//! classify.
#![forbid(unsafe_code)]

mod common;
use common::*;

use serde_json::Value;
use std::path::{Path, PathBuf};
use zkcred_bbs::hash::seeded_random_scalars;
use zkcred_bbs::{
    BlindBbs, BlindDisclosure, Ciphersuite, CommitmentWithProof, Proof, ProofRandomness, PublicKey,
    SecretKey, SecretProverBlind, Signature,
};

/// Verifies the file's commitment (CommitVerify); returns whether it was accepted. One
/// accepted and expected valid must also be reproduced with the mocked RNG.
fn check_commit(suite: Ciphersuite, v: &Value, expected: bool) -> bool {
    let bbs = BlindBbs::new(suite);
    let name = v["caseName"].as_str().unwrap_or_default();
    let accepted = CommitmentWithProof::from_bytes(&hex(v, "commitmentWithProof"))
        .and_then(|cwp| bbs.commit_verify(&cwp))
        .is_ok();
    if !(accepted && expected) {
        return accepted;
    }
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
    accepted
}

/// Verifies the file's blind signature (VerifyBlindSign, with M from the commitment's length);
/// returns whether it was accepted. One accepted and expected valid must also be reproduced.
fn check_signature(suite: Ciphersuite, v: &Value, expected: bool) -> bool {
    let bbs = BlindBbs::new(suite);
    let name = v["caseName"].as_str().unwrap_or_default();
    let header = hex(v, "header");
    let messages = hex_list(&v["messages"]);
    let committed = first_messages(v, "committedMessages", commitment_count(v));
    let cwp_bytes = v["commitmentWithProof"]
        .as_str()
        .map(|_| hex(v, "commitmentWithProof"));
    let spb_bytes = v["proverBlind"].as_str().map(|_| hex(v, "proverBlind"));
    let outcome = (|| {
        let pk = PublicKey::from_bytes(&hex(&v["signerKeyPair"], "publicKey"))?;
        let sig = Signature::from_bytes(&hex(v, "signature"))?;
        let messages = bbs.messages_to_scalars(&messages)?;
        let committed = bbs.messages_to_scalars(&committed)?;
        let spb = spb_bytes
            .as_deref()
            .map(SecretProverBlind::from_bytes)
            .transpose()?;
        bbs.verify_blind_sign(&pk, &sig, &header, &messages, &committed, spb.as_ref())
    })();
    let accepted = outcome.is_ok();
    if accepted && expected {
        let sk = SecretKey::from_bytes(&hex(&v["signerKeyPair"], "secretKey")).unwrap();
        let pk = PublicKey::from_bytes(&hex(&v["signerKeyPair"], "publicKey")).unwrap();
        let messages = bbs.messages_to_scalars(&messages).unwrap();
        let cwp = cwp_bytes
            .as_deref()
            .map(|b| CommitmentWithProof::from_bytes(b).unwrap());
        let sig = bbs
            .blind_sign(&sk, &pk, cwp.as_ref(), &header, &messages)
            .unwrap();
        assert_eq!(
            hex::encode(sig.to_bytes()),
            v["signature"].as_str().unwrap(),
            "{name}"
        );
    }
    accepted
}

/// Verifies the file's proof (BlindProofVerify, from the revealed messages and L only);
/// returns whether it was accepted. One accepted and expected valid must also be reproduced
/// with the mocked RNG: its signature verified over the message lists of `lists` (the first L
/// messages and the first M committed messages, M from the commitment's length), the trace's
/// random scalars and challenge, and the proof byte for byte.
fn check_proof(suite: Ciphersuite, v: &Value, lists: &Value, expected: bool) -> bool {
    let bbs = BlindBbs::new(suite);
    let name = v["caseName"].as_str().unwrap_or_default();
    let l = v["L"].as_u64().expect("L") as usize;
    let header = hex(v, "header");
    let ph = hex(v, "presentationHeader");
    let (signer_idx, signer_msgs) = revealed(&v["revealedMessages"]);
    let (committed_idx, committed_msgs) = revealed(&v["revealedCommittedMessages"]);
    let disclosure = BlindDisclosure {
        signer: &signer_idx,
        committed: &committed_idx,
    };
    let outcome = (|| {
        let pk = PublicKey::from_bytes(&hex(v, "signerPublicKey"))?;
        let proof = Proof::from_bytes(&hex(v, "proof"))?;
        let signer_scalars = bbs.messages_to_scalars(&signer_msgs)?;
        let committed_scalars = bbs.messages_to_scalars(&committed_msgs)?;
        bbs.proof_verify(
            &pk,
            &proof,
            &header,
            &ph,
            l,
            &disclosure,
            &signer_scalars,
            &committed_scalars,
        )
    })();
    let accepted = outcome.is_ok();
    if !(accepted && expected) {
        return accepted;
    }

    let pk = PublicKey::from_bytes(&hex(v, "signerPublicKey")).unwrap();
    let sig = Signature::from_bytes(&hex(v, "signature")).unwrap();
    let spb = v["proverBlind"]
        .as_str()
        .map(|_| SecretProverBlind::from_bytes(&hex(v, "proverBlind")).unwrap());
    let messages = bbs
        .messages_to_scalars(&first_messages(lists, "messages", l))
        .unwrap();
    let committed = bbs
        .messages_to_scalars(&first_messages(
            lists,
            "committedMessages",
            commitment_count(v),
        ))
        .unwrap();
    bbs.verify_blind_sign(&pk, &sig, &header, &messages, &committed, spb.as_ref())
        .unwrap_or_else(|e| panic!("{name}: signature: {e}"));
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
    accepted
}

fn is_message_list(v: &Value) -> bool {
    v.get("messages").is_some()
        && v.get("committedMessages").is_some()
        && v.get("caseName").is_none()
}

/// Checks one file, classified by its content and its suite folder; proofs take their
/// message lists from the nearest `messages.json` in `lists`.
fn check_file(path: &Path, v: &Value, expected: bool, lists: &[(PathBuf, Value)]) -> Verdict {
    if is_message_list(v) {
        return Verdict::MessageList;
    }
    let suite =
        suite_of(path).unwrap_or_else(|| panic!("{}: no suite folder in its path", path.display()));
    let (kind, accepted) = if v.get("blindGenerators").is_some() {
        // Reproduced (a mismatch panics), so accepted.
        check_blind_generators(&BlindBbs::new(suite), v);
        ("generators", true)
    } else if v.get("proof").is_some() {
        // The message list nearest to the file (in one of its ancestor folders).
        let list = lists
            .iter()
            .filter(|(p, _)| p.parent().is_some_and(|d| path.starts_with(d)))
            .max_by_key(|(p, _)| p.components().count())
            .unwrap_or_else(|| panic!("{}: no messages.json above it", path.display()));
        ("proof", check_proof(suite, v, &list.1, expected))
    } else if v.get("signature").is_some() {
        ("signature", check_signature(suite, v, expected))
    } else if v.get("commitmentWithProof").is_some() && v.get("committedMessages").is_some() {
        ("commitment", check_commit(suite, v, expected))
    } else {
        panic!("{}: unrecognised fixture format", path.display());
    };
    Verdict::Checked {
        kind: format!("{} {kind}", suite.name()),
        accepted,
    }
}

/// Checks every file below `dir` against its expected result (see [`run_vectors`]).
fn run_folder(dir: &Path) -> Result<Report, String> {
    let docs = read_vectors(dir)?;
    let lists: Vec<(PathBuf, Value)> = docs
        .iter()
        .filter(|(_, v)| is_message_list(v))
        .cloned()
        .collect();
    run_vectors(dir, &docs, |path, v, expected| {
        check_file(path, v, expected, &lists)
    })
}

#[test]
fn official_blind_vectors() {
    let dir = fixtures_dir("ZKCRED_BBS_BLIND_FIXTURES", "bbs-blind");
    let report = run_folder(&dir).unwrap_or_else(|e| panic!("{e}"));
    report.print("Blind BBS conformance");
    for kind in ["commitment", "signature", "proof"] {
        assert!(
            report.kind_totals(kind).valid_accepted > 0,
            "no valid {kind} file under {}",
            dir.display()
        );
    }
    if std::env::var_os("ZKCRED_BBS_BLIND_FIXTURES").is_none() {
        // The official set (SOURCES.md): 32 valid vectors and the shared message list.
        let t = report.totals();
        assert_eq!(
            (t.valid_accepted, t.invalid_rejected, t.message_lists),
            (32, 0, 1)
        );
    }
}

/// Generated vectors, in the official formats, to test the runner itself.
mod generated {
    use super::*;
    use serde_json::json;
    use zkcred_bbs::Scalar;

    const SUITE: Ciphersuite = Ciphersuite::Bls12381Sha256;
    const L: usize = 6;
    const HEADER: &[u8] = b"runner header";
    const PH: &[u8] = b"runner presentation header";

    /// The fixed message lists of the generated `messages.json`: 6 signer and 5 committed.
    fn lists() -> (Vec<Vec<u8>>, Vec<Vec<u8>>) {
        let m = (0..L).map(|i| format!("signer message {i}").into_bytes());
        let c = (0..5).map(|i| format!("committed message {i}").into_bytes());
        (m.collect(), c.collect())
    }

    fn mocked(which: &str, n: usize) -> Vec<Scalar> {
        let dst = mock_dst_for(SUITE, which);
        seeded_random_scalars(SUITE, MOCK_SEED, dst.as_bytes(), n).unwrap()
    }

    /// A valid blind proof file committing to the first `m` committed messages and
    /// disclosing the given signer and committed indexes, made with the mocked RNG.
    fn proof_file(name: &str, m: usize, signer: &[usize], committed_idx: &[usize]) -> Value {
        let bbs = BlindBbs::new(SUITE);
        let (messages, committed) = lists();
        let sk = SecretKey::keygen(SUITE, &[7u8; 32], b"runner test key", None).unwrap();
        let pk = sk.public_key();
        let cm = bbs.messages_to_scalars(&committed[..m]).unwrap();
        let (cwp, spb) = bbs
            .commit_with_random_scalars(&cm, &mocked("COMMIT", m + 2))
            .unwrap();
        let ms = bbs.messages_to_scalars(&messages).unwrap();
        let sig = bbs.blind_sign(&sk, &pk, Some(&cwp), HEADER, &ms).unwrap();
        let disclosure = BlindDisclosure {
            signer,
            committed: committed_idx,
        };
        let u = bbs.undisclosed_count(L, m, &disclosure);
        let scalars = mocked("PROOF", 5 + u);
        let randomness = ProofRandomness::from_scalars(&scalars, u).unwrap();
        let init = bbs
            .proof_init(
                &pk,
                &sig,
                HEADER,
                &ms,
                &cm,
                Some(&spb),
                &disclosure,
                &randomness,
            )
            .unwrap();
        let c = init.challenge(PH).unwrap();
        let proof = init.finalize(c);
        json!({
            "caseName": name,
            "mockRngParameters": {
                "SEED": std::str::from_utf8(MOCK_SEED).unwrap(),
                "commit": {"DST": mock_dst_for(SUITE, "COMMIT"), "count": m + 2},
                "proof": {"DST": mock_dst_for(SUITE, "PROOF"), "count": 5 + u},
            },
            "signerPublicKey": hex::encode(pk.to_bytes()),
            "signature": hex::encode(sig.to_bytes()),
            "commitmentWithProof": hex::encode(cwp.to_bytes()),
            "proverBlind": hex::encode(&spb.to_bytes()[..]),
            "header": hex::encode(HEADER),
            "presentationHeader": hex::encode(PH),
            "revealedMessages": revealed_map(signer, &messages),
            "revealedCommittedMessages": revealed_map(committed_idx, &committed),
            "L": L,
            "proof": hex::encode(proof.to_bytes()),
            "result": {"valid": true},
            "trace": {
                "random_scalars": {
                    "r1": scalar_hex(&scalars[0]),
                    "r2": scalar_hex(&scalars[1]),
                    "e_tilde": scalar_hex(&scalars[2]),
                    "r1_tilde": scalar_hex(&scalars[3]),
                    "r3_tilde": scalar_hex(&scalars[4]),
                    "m_tilde_scalars": scalars[5..].iter().map(scalar_hex).collect::<Vec<_>>(),
                },
                "challenge": scalar_hex(&c),
            },
        })
    }

    /// Marks a file invalid with the given reason.
    fn invalid(mut v: Value, reason: &str) -> Value {
        v["result"] = json!({"valid": false, "reason": reason});
        v
    }

    /// Writes a folder like the official one: `messages.json` at the root, the proofs in
    /// `bls12-381-sha-256/proof/`: three valid (M = 5, M = 2, M = 0 while the list holds 5
    /// committed messages) and three invalid ones.
    fn write_folder(dir: &Path) {
        let (messages, committed) = lists();
        let hexes = |l: &[Vec<u8>]| l.iter().map(hex::encode).collect::<Vec<_>>();
        write_vector(
            dir,
            "messages.json",
            &json!({"messages": hexes(&messages), "committedMessages": hexes(&committed)}),
        );
        let all = proof_file("valid, all committed messages", 5, &[0, 2], &[1]);
        let two = proof_file("valid, two committed messages", 2, &[1], &[0, 1]);
        let none = proof_file("valid, commitment to no message", 0, &[0, 1, 5], &[]);
        let mut flipped = invalid(all.clone(), "flipped byte in the proof");
        flipped["proof"] = json!(flip_proof_byte(all["proof"].as_str().unwrap()));
        let mut wrong_committed = invalid(all.clone(), "wrong revealed committed message");
        wrong_committed["revealedCommittedMessages"]["1"] = json!(hex::encode(b"not committed"));
        let mut wrong_signer = invalid(none.clone(), "wrong revealed signer message");
        wrong_signer["revealedMessages"]["5"] = json!(hex::encode(b"not signed"));
        for (i, v) in [all, two, none, flipped, wrong_committed, wrong_signer]
            .iter()
            .enumerate()
        {
            write_vector(
                dir,
                &format!("bls12-381-sha-256/proof/proof{:03}.json", i + 1),
                v,
            );
        }
    }

    #[test]
    fn runner_counts_valid_and_invalid_generated_proofs() {
        let tmp = TempDir::new("blind-runner");
        write_folder(tmp.path());
        let report = run_folder(tmp.path()).unwrap_or_else(|e| panic!("{e}"));
        report.print("Blind BBS runner, generated vectors");
        let proofs = Counts {
            valid_accepted: 3,
            invalid_rejected: 3,
            message_lists: 0,
        };
        assert_eq!(report.folders["bls12-381-sha-256/proof"], proofs);
        assert_eq!(report.kinds["BLS12-381-SHA-256 proof"], proofs);
        assert_eq!(report.folders["."].message_lists, 1);
        assert_eq!(
            report.totals(),
            Counts {
                message_lists: 1,
                ..proofs
            }
        );
    }

    #[test]
    fn runner_fails_on_a_wrong_expected_result() {
        for (file, why) in [
            ("proof001.json", "valid proof marked invalid"),
            ("proof004.json", "invalid proof marked valid"),
        ] {
            let tmp = TempDir::new("blind-runner-corrupt");
            write_folder(tmp.path());
            let path = tmp.path().join("bls12-381-sha-256/proof").join(file);
            let mut v = read_vector(&path).unwrap();
            let was = v["result"]["valid"].as_bool().unwrap();
            v["result"] = json!({"valid": !was});
            write_vector(tmp.path(), &format!("bls12-381-sha-256/proof/{file}"), &v);
            let err = run_folder(tmp.path()).expect_err(why);
            assert!(err.contains(file), "{why}: {err}");
            assert!(err.contains("the file expects"), "{why}: {err}");
        }
    }

    #[test]
    fn runner_fails_on_an_empty_folder() {
        let tmp = TempDir::new("blind-runner-empty");
        assert!(run_folder(tmp.path()).is_err());
        write_folder(tmp.path());
        std::fs::create_dir_all(tmp.path().join("bls12-381-shake-256/proof")).unwrap();
        let err = run_folder(tmp.path()).expect_err("empty sub-folder");
        assert!(err.contains("bls12-381-shake-256"), "{err}");
    }
}
