//! Helpers shared by the conformance runners: finding fixture files, reading their suite from
//! the folder, and decoding their hex fields.
#![allow(dead_code)]

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use zkcred_bbs::octets::scalar_to_bytes;
use zkcred_bbs::{BlindBbs, Ciphersuite, Scalar};

/// The drafts' mocked-RNG seed ("3.141592653589793238462643383279").
pub const MOCK_SEED: &[u8] = b"3.141592653589793238462643383279";

/// `$env` if set, else `../shared/fixtures/<default>` beside the project root.
pub fn fixtures_dir(env: &str, default: &str) -> PathBuf {
    match std::env::var_os(env) {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/fixtures")
            .join(default),
    }
}

/// Every `.json` file below `dir`, sorted.
pub fn json_files(dir: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let entries =
            std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
        for entry in entries {
            let path = entry.expect("dir entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "json") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, &mut out);
    out.sort();
    out
}

/// The ciphersuite named by a folder of the path.
pub fn suite_of(path: &Path) -> Option<Ciphersuite> {
    path.components().rev().find_map(|c| {
        match c.as_os_str().to_str()?.to_ascii_lowercase().as_str() {
            "bls12-381-sha-256" => Some(Ciphersuite::Bls12381Sha256),
            "bls12-381-shake-256" => Some(Ciphersuite::Bls12381Shake256),
            _ => None,
        }
    })
}

/// A hex string value as bytes.
pub fn hex_str(v: &Value) -> Vec<u8> {
    let s = v
        .as_str()
        .unwrap_or_else(|| panic!("not a hex string: {v}"));
    hex::decode(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

/// The hex field `key` of `v` as bytes.
pub fn hex(v: &Value, key: &str) -> Vec<u8> {
    hex_str(&v[key])
}

/// An array of hex strings.
pub fn hex_list(v: &Value) -> Vec<Vec<u8>> {
    v.as_array().expect("array").iter().map(hex_str).collect()
}

/// A scalar as the vectors write it.
pub fn scalar_hex(s: &Scalar) -> String {
    hex::encode(scalar_to_bytes(s))
}

/// The mock DST the file states, checked against the one the notes give.
pub fn mock_dst(suite: Ciphersuite, v: &Value, which: &str, suffix: &str) -> Vec<u8> {
    let dst = v["mockRngParameters"][which]["DST"]
        .as_str()
        .unwrap_or_else(|| panic!("no {which} mock DST"))
        .as_bytes()
        .to_vec();
    assert_eq!(dst, [suite.id(), b"H2G_HM2S_", suffix.as_bytes()].concat());
    dst
}

/// A `{"index": "hex message"}` map (or `null`) as ascending indexes and messages.
pub fn revealed(v: &Value) -> (Vec<usize>, Vec<Vec<u8>>) {
    let mut pairs: Vec<(usize, Vec<u8>)> = match v.as_object() {
        Some(map) => map
            .iter()
            .map(|(k, m)| (k.parse().expect("index"), hex_str(m)))
            .collect(),
        None => Vec::new(),
    };
    pairs.sort_by_key(|(i, _)| *i);
    pairs.into_iter().unzip()
}

/// Checks a blind or pseudonym `generators.json`: the signer list (Q_1, H_i) and the blind
/// list (Q_2, J_i; the file calls Q_2 "Q1"), with their api_ids.
pub fn check_blind_generators(bbs: &BlindBbs, v: &Value) {
    for (list, api_id) in [
        ("generators", bbs.api_id()),
        ("blindGenerators", bbs.blind_api_id()),
    ] {
        let g = &v[list];
        assert_eq!(g["api_id"].as_str().unwrap().as_bytes(), api_id);
        let expected = hex_list(&g["MsgGenerators"]);
        let gens = if list == "generators" {
            bbs.signer_generators(expected.len()).unwrap()
        } else {
            bbs.blind_generators(expected.len()).unwrap()
        };
        assert_eq!(&gens[0].bytes()[..], &hex(g, "Q1")[..]);
        for (g, e) in gens[1..].iter().zip(&expected) {
            assert_eq!(&g.bytes()[..], &e[..]);
        }
    }
}

/// Prints the counts per kind and returns how many files were checked (the shared message
/// list does not count); fails when nothing was checked.
pub fn report(title: &str, dir: &Path, counts: &BTreeMap<String, usize>) -> usize {
    let checked: usize = counts
        .iter()
        .filter(|(k, _)| *k != "message list")
        .map(|(_, n)| n)
        .sum();
    println!("{title}, fixtures from {}:", dir.display());
    for (kind, n) in counts {
        println!("  {n:3} {kind}");
    }
    println!("  {checked} files checked");
    assert!(checked > 0, "no fixture found under {}", dir.display());
    checked
}
