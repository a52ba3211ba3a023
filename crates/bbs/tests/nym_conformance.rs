//! Conformance with the official draft-irtf-cfrg-bbs-per-verifier-linkability-02 test vectors.
//!
//! Walks a directory of fixture files (default `../shared/fixtures/bbs-nym` beside the
//! project root, or `$ZKCRED_BBS_NYM_FIXTURES`), classifies each file by its content and its
//! suite folder (never by its name) and checks every generator, commitment, signature and proof
//! file: verified and compared with its `result.valid`, and, when valid, reproduced byte for
//! byte (commitments and proofs with the mocked RNG, signatures, nym secrets and pseudonyms).
//! M comes from the length of the file's commitment less the N prover nyms. Prints the counts
//! (valid accepted, invalid rejected) per folder; fails when a result differs from the
//! expected one, when a folder holds no file, or on a file it cannot classify.
#![forbid(unsafe_code)]

mod common;
use common::*;

use serde_json::Value;
use std::path::Path;
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

/// Verifies the file's commitment (CommitVerify); returns whether it was accepted. One
/// accepted and expected valid must also be reproduced with the mocked RNG.
fn check_commit(suite: Ciphersuite, v: &Value, expected: bool) -> bool {
    let nym = NymBbs::new(suite);
    let name = v["caseName"].as_str().unwrap_or_default();
    let accepted = CommitmentWithProof::from_bytes(&hex(v, "commitmentWithProof"))
        .and_then(|cwp| nym.commit_verify(&cwp))
        .is_ok();
    if !(accepted && expected) {
        return accepted;
    }
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
    accepted
}

/// M, the number of committed messages of a nym file: the commitment's count (from its
/// length) less the N prover nyms.
fn committed_count(v: &Value) -> usize {
    let total = commitment_count(v);
    let n = v["proverNyms"].as_array().expect("proverNyms").len();
    total
        .checked_sub(n)
        .unwrap_or_else(|| panic!("the commitment holds {total} scalars, fewer than N = {n}"))
}

/// Verifies the file's signature (VerifyFinalizeWithNym, with M from the commitment's
/// length); returns whether it was accepted. One accepted and expected valid must also give
/// the file's nym secrets and be reproduced.
fn check_signature(suite: Ciphersuite, v: &Value, expected: bool) -> bool {
    let nym = NymBbs::new(suite);
    let name = v["caseName"].as_str().unwrap_or_default();
    let header = hex(v, "header");
    let messages = hex_list(&v["messages"]);
    let committed = first_messages(v, "committedMessages", committed_count(v));
    let prover_nyms = scalar_list(&v["proverNyms"]);
    let entropy = scalar_field(&v["signer_nym_entropy"]);
    let blind = scalar_to_bytes(&scalar_field(&v["proverBlind"]));
    let want_secrets = scalar_list(&v["nym_secrets"]);
    let outcome = (|| {
        let pk = PublicKey::from_bytes(&hex(&v["signerKeyPair"], "publicKey"))?;
        let sig = Signature::from_bytes(&hex(v, "signature"))?;
        let messages = nym.messages_to_scalars(&messages)?;
        let committed = nym.messages_to_scalars(&committed)?;
        let prover_nyms = NymSecrets::from_scalars(&prover_nyms)?;
        let spb = SecretProverBlind::from_bytes(&blind)?;
        nym.verify_finalize_with_nym(
            &pk,
            &sig,
            &header,
            &messages,
            &committed,
            &prover_nyms,
            &entropy,
            &spb,
        )
    })();
    let accepted = outcome
        .as_ref()
        .is_ok_and(|s| s.scalars() == &want_secrets[..]);
    if accepted && expected {
        let sk = SecretKey::from_bytes(&hex(&v["signerKeyPair"], "secretKey")).unwrap();
        let pk = PublicKey::from_bytes(&hex(&v["signerKeyPair"], "publicKey")).unwrap();
        let messages = nym.messages_to_scalars(&messages).unwrap();
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
    }
    accepted
}

/// Verifies the file's proof (ProofVerifyWithNym, from the revealed messages, L, N, the
/// context id and the pseudonym); returns whether it was accepted. One accepted and expected
/// valid must also be reproduced with the mocked RNG: its signature and nym secrets (over the
/// first L messages and the first M committed messages, M from the commitment's length), the
/// pseudonym, the trace's random scalars and challenge, and the proof byte for byte.
fn check_proof(suite: Ciphersuite, v: &Value, expected: bool) -> bool {
    let nym = NymBbs::new(suite);
    let name = v["caseName"].as_str().unwrap_or_default();
    let l = v["L"].as_u64().expect("L") as usize;
    let header = hex(v, "header");
    let ph = hex(v, "presentationHeader");
    let ctx = hex(v, "context_id");
    let n = v["proverNyms"].as_array().expect("proverNyms").len();
    let (signer_idx, signer_msgs) = revealed(&v["revealedMessages"]);
    let (committed_idx, committed_msgs) = revealed(&v["revealedCommittedMessages"]);
    let disclosure = BlindDisclosure {
        signer: &signer_idx,
        committed: &committed_idx,
    };
    let outcome = (|| {
        let pk = PublicKey::from_bytes(&hex(v, "signerPublicKey"))?;
        let decoded = NymProof {
            proof: Proof::from_bytes(&hex(v, "proof"))?,
            pseudonym: Pseudonym::from_bytes(&hex(v, "pseudonym"))?,
        };
        let signer_scalars = nym.messages_to_scalars(&signer_msgs)?;
        let committed_scalars = nym.messages_to_scalars(&committed_msgs)?;
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
    })();
    let accepted = outcome.is_ok();
    if !(accepted && expected) {
        return accepted;
    }

    let pk = PublicKey::from_bytes(&hex(v, "signerPublicKey")).unwrap();
    let sig = Signature::from_bytes(&hex(v, "signature")).unwrap();
    let spb =
        SecretProverBlind::from_bytes(&scalar_to_bytes(&scalar_field(&v["proverBlind"]))).unwrap();
    let messages = nym
        .messages_to_scalars(&first_messages(v, "messages", l))
        .unwrap();
    let committed = nym
        .messages_to_scalars(&first_messages(v, "committedMessages", committed_count(v)))
        .unwrap();
    let prover_nyms = NymSecrets::from_scalars(&scalar_list(&v["proverNyms"])).unwrap();
    let entropy = scalar_field(&v["signer_nym_entropy"]);
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
    assert_eq!(NymProof::from_bytes(&proof.to_bytes()).unwrap(), proof);
    accepted
}

fn is_message_list(v: &Value) -> bool {
    v.get("messages").is_some()
        && v.get("committedMessages").is_some()
        && v.get("caseName").is_none()
}

/// Checks one file, classified by its content and its suite folder.
fn check_file(path: &Path, v: &Value, expected: bool) -> Verdict {
    if is_message_list(v) {
        // Every nym signature and proof file carries its own message lists.
        return Verdict::MessageList;
    }
    let suite =
        suite_of(path).unwrap_or_else(|| panic!("{}: no suite folder in its path", path.display()));
    let (kind, accepted) = if v.get("blindGenerators").is_some() {
        // Reproduced (a mismatch panics), so accepted.
        check_blind_generators(NymBbs::new(suite).blind(), v);
        ("generators", true)
    } else if v.get("proof").is_some() && v.get("pseudonym").is_some() {
        ("nym proof", check_proof(suite, v, expected))
    } else if v.get("signature").is_some() && v.get("signer_nym_entropy").is_some() {
        ("nym signature", check_signature(suite, v, expected))
    } else if v.get("commitmentWithProof").is_some() && v.get("proverNyms").is_some() {
        ("nym commitment", check_commit(suite, v, expected))
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
    run_vectors(dir, &read_vectors(dir)?, check_file)
}

#[test]
fn official_nym_vectors() {
    let dir = fixtures_dir("ZKCRED_BBS_NYM_FIXTURES", "bbs-nym");
    let report = run_folder(&dir).unwrap_or_else(|e| panic!("{e}"));
    report.print("BBS pseudonym conformance");
    for kind in ["commitment", "signature", "proof"] {
        assert!(
            report.kind_totals(kind).valid_accepted > 0,
            "no valid {kind} file under {}",
            dir.display()
        );
    }
    if std::env::var_os("ZKCRED_BBS_NYM_FIXTURES").is_none() {
        // The official set (SOURCES.md): 44 valid vectors and the shared message list.
        let t = report.totals();
        assert_eq!(
            (t.valid_accepted, t.invalid_rejected, t.message_lists),
            (44, 0, 1)
        );
    }
}

/// Generated vectors, in the official formats, to test the runner itself.
mod generated {
    use super::*;
    use serde_json::json;

    const SUITE: Ciphersuite = Ciphersuite::Bls12381Shake256;
    const L: usize = 5;
    const HEADER: &[u8] = b"runner header";
    const PH: &[u8] = b"runner presentation header";
    const CONTEXT: &[u8] = b"runner verifier context";

    fn mocked(which: &str, n: usize) -> Vec<Scalar> {
        let dst = mock_dst_for(SUITE, which);
        seeded_random_scalars(SUITE, MOCK_SEED, dst.as_bytes(), n).unwrap()
    }

    /// A valid nym proof file with `n` prover nyms, committing to the first `m` of its 4
    /// committed messages and disclosing the given indexes, made with the mocked RNG.
    fn proof_file(
        name: &str,
        m: usize,
        n: usize,
        signer: &[usize],
        committed_idx: &[usize],
    ) -> Value {
        let nym = NymBbs::new(SUITE);
        let messages: Vec<Vec<u8>> = (0..L)
            .map(|i| format!("message {i}").into_bytes())
            .collect();
        let committed: Vec<Vec<u8>> = (0..4)
            .map(|i| format!("committed {i}").into_bytes())
            .collect();
        let sk = SecretKey::keygen(SUITE, &[9u8; 32], b"runner nym key", None).unwrap();
        let pk = sk.public_key();
        let fixed =
            seeded_random_scalars(SUITE, b"runner nym seed", b"RUNNER_NYM_DST_", n + 1).unwrap();
        let prover_nyms = NymSecrets::from_scalars(&fixed[..n]).unwrap();
        let entropy = fixed[n];
        let cm = nym.messages_to_scalars(&committed[..m]).unwrap();
        let (cwp, spb) = nym
            .commit_with_nym_random_scalars(&cm, &prover_nyms, &mocked("COMMIT", m + n + 2))
            .unwrap();
        let ms = nym.messages_to_scalars(&messages).unwrap();
        let sig = nym
            .blind_sign_with_nym(&sk, &pk, &cwp, n, &entropy, HEADER, &ms)
            .unwrap();
        let secrets = nym
            .verify_finalize_with_nym(&pk, &sig, HEADER, &ms, &cm, &prover_nyms, &entropy, &spb)
            .unwrap();
        let pseudonym = nym.pseudonym(CONTEXT, &secrets).unwrap();
        let disclosure = BlindDisclosure {
            signer,
            committed: committed_idx,
        };
        let u = nym.undisclosed_count(L, m, n, &disclosure);
        let scalars = mocked("PROOF", 5 + u);
        let randomness = ProofRandomness::from_scalars(&scalars, u).unwrap();
        let init = nym
            .proof_init(
                &pk,
                &sig,
                HEADER,
                &ms,
                &cm,
                &spb,
                &secrets,
                CONTEXT,
                &disclosure,
                &randomness,
            )
            .unwrap();
        let c = init.challenge(PH).unwrap();
        let proof = init.finalize(c);
        let hexes = |l: &[Vec<u8>]| l.iter().map(hex::encode).collect::<Vec<_>>();
        json!({
            "caseName": name,
            "mockRngParameters": {
                "SEED": std::str::from_utf8(MOCK_SEED).unwrap(),
                "commit": {"DST": mock_dst_for(SUITE, "COMMIT")},
                "proof": {"DST": mock_dst_for(SUITE, "PROOF")},
            },
            "signerPublicKey": hex::encode(pk.to_bytes()),
            "signature": hex::encode(sig.to_bytes()),
            "signer_nym_entropy": scalar_hex(&entropy),
            "proverNyms": prover_nyms.scalars().iter().map(scalar_hex).collect::<Vec<_>>(),
            "nym_secrets": secrets.scalars().iter().map(scalar_hex).collect::<Vec<_>>(),
            "pseudonym": hex::encode(pseudonym.to_bytes()),
            "proverBlind": hex::encode(&spb.to_bytes()[..]),
            "commitmentWithProof": hex::encode(cwp.to_bytes()),
            "context_id": hex::encode(CONTEXT),
            "header": hex::encode(HEADER),
            "presentationHeader": hex::encode(PH),
            "revealedMessages": revealed_map(signer, &messages),
            "revealedCommittedMessages": revealed_map(committed_idx, &committed),
            "messages": hexes(&messages),
            "committedMessages": hexes(&committed),
            "L": L,
            "proof": hex::encode(proof.proof.to_bytes()),
            "result": {"valid": true},
            "trace": {
                "random_scalars": {
                    "r1": scalar_hex(&scalars[0]),
                    "r2": scalar_hex(&scalars[1]),
                    "e_Tilde": scalar_hex(&scalars[2]),
                    "r1_Tilde": scalar_hex(&scalars[3]),
                    "r3_Tilde": scalar_hex(&scalars[4]),
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

    /// Writes `bls12-381-shake-256/nymProof/`: three valid proofs (M = 4 with one nym, M = 0
    /// with two nyms while the file lists 4 committed messages, M = 2 with one nym) and three
    /// invalid ones (a flipped proof byte, a wrong revealed committed message, another
    /// pseudonym).
    fn write_folder(dir: &Path) {
        let all = proof_file("valid, all committed messages", 4, 1, &[0, 3], &[2]);
        let none = proof_file("valid, no committed message, two nyms", 0, 2, &[1, 4], &[]);
        let two = proof_file("valid, two committed messages", 2, 1, &[], &[0]);
        let mut flipped = invalid(all.clone(), "flipped byte in the proof");
        flipped["proof"] = json!(flip_proof_byte(all["proof"].as_str().unwrap()));
        let mut wrong_committed = invalid(all.clone(), "wrong revealed committed message");
        wrong_committed["revealedCommittedMessages"]["2"] = json!(hex::encode(b"not committed"));
        let mut other_nym = invalid(none.clone(), "pseudonym of another proof");
        other_nym["pseudonym"] = all["pseudonym"].clone();
        for (i, v) in [all, none, two, flipped, wrong_committed, other_nym]
            .iter()
            .enumerate()
        {
            write_vector(
                dir,
                &format!("bls12-381-shake-256/nymProof/nymProof{:03}.json", i + 1),
                v,
            );
        }
    }

    #[test]
    fn runner_counts_valid_and_invalid_generated_proofs() {
        let tmp = TempDir::new("nym-runner");
        write_folder(tmp.path());
        let report = run_folder(tmp.path()).unwrap_or_else(|e| panic!("{e}"));
        report.print("BBS pseudonym runner, generated vectors");
        let proofs = Counts {
            valid_accepted: 3,
            invalid_rejected: 3,
            message_lists: 0,
        };
        assert_eq!(report.folders["bls12-381-shake-256/nymProof"], proofs);
        assert_eq!(report.kinds["BLS12-381-SHAKE-256 nym proof"], proofs);
        assert_eq!(report.totals(), proofs);
    }

    #[test]
    fn runner_fails_on_a_wrong_expected_result() {
        for (file, why) in [
            ("nymProof002.json", "valid proof marked invalid"),
            ("nymProof006.json", "invalid proof marked valid"),
        ] {
            let tmp = TempDir::new("nym-runner-corrupt");
            write_folder(tmp.path());
            let rel = format!("bls12-381-shake-256/nymProof/{file}");
            let mut v = read_vector(&tmp.path().join(&rel)).unwrap();
            let was = v["result"]["valid"].as_bool().unwrap();
            v["result"] = json!({"valid": !was});
            write_vector(tmp.path(), &rel, &v);
            let err = run_folder(tmp.path()).expect_err(why);
            assert!(err.contains(file), "{why}: {err}");
            assert!(err.contains("the file expects"), "{why}: {err}");
        }
    }

    #[test]
    fn runner_fails_on_an_empty_folder() {
        let tmp = TempDir::new("nym-runner-empty");
        assert!(run_folder(tmp.path()).is_err());
        write_folder(tmp.path());
        std::fs::create_dir_all(tmp.path().join("bls12-381-sha-256/nymProof")).unwrap();
        let err = run_folder(tmp.path()).expect_err("empty sub-folder");
        assert!(err.contains("bls12-381-sha-256"), "{err}");
    }
}
