//! Helpers shared by the conformance runners: finding fixture files, reading their suite from
//! the folder, and decoding their hex fields.
#![allow(dead_code)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use zkcred_bbs::octets::scalar_to_bytes;
use zkcred_bbs::{Ciphersuite, Scalar};

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
