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

/// What the check of one file found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// A shared message list: not a vector itself, only counted.
    MessageList,
    /// A vector of the named kind, and whether the library accepted it.
    Checked { kind: String, accepted: bool },
}

/// Files per folder (or per kind), by outcome.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// Files expected valid (including files without a `result`, which are reproduced) that
    /// the library accepted.
    pub valid_accepted: usize,
    /// Files expected invalid that the library rejected.
    pub invalid_rejected: usize,
    /// Shared message lists (not vectors themselves).
    pub message_lists: usize,
}

impl Counts {
    /// Vector files checked (message lists excluded).
    pub fn checked(&self) -> usize {
        self.valid_accepted + self.invalid_rejected
    }

    /// Adds `other` to these counts.
    pub fn add(&mut self, other: &Counts) {
        self.valid_accepted += other.valid_accepted;
        self.invalid_rejected += other.invalid_rejected;
        self.message_lists += other.message_lists;
    }
}

/// The outcome of a runner over one vector folder: counts per sub-folder (relative to the
/// root, `.` for the root itself) and per kind of file.
#[derive(Debug, Default, Clone)]
pub struct Report {
    /// The folder that was walked.
    pub root: PathBuf,
    /// Counts per folder holding files.
    pub folders: BTreeMap<String, Counts>,
    /// Counts per kind of vector (`"<suite> <kind>"`).
    pub kinds: BTreeMap<String, Counts>,
}

impl Report {
    /// The counts over all folders.
    pub fn totals(&self) -> Counts {
        let mut total = Counts::default();
        for c in self.folders.values() {
            total.add(c);
        }
        total
    }

    /// The counts over the kinds whose name ends with `suffix` (e.g. `"proof"`).
    pub fn kind_totals(&self, suffix: &str) -> Counts {
        let mut total = Counts::default();
        for (_, c) in self.kinds.iter().filter(|(k, _)| k.ends_with(suffix)) {
            total.add(c);
        }
        total
    }

    /// Prints the counts per folder and per kind.
    pub fn print(&self, title: &str) {
        println!("{title}, fixtures from {}:", self.root.display());
        for (title, map) in [("per folder", &self.folders), ("per kind", &self.kinds)] {
            println!("  {title}:");
            for (name, c) in map {
                println!(
                    "    {name}: {} valid accepted, {} invalid rejected{}",
                    c.valid_accepted,
                    c.invalid_rejected,
                    if c.message_lists > 0 {
                        format!(", {} message list(s)", c.message_lists)
                    } else {
                        String::new()
                    }
                );
            }
        }
        let t = self.totals();
        println!(
            "  {} files checked: {} valid accepted, {} invalid rejected ({} message list(s))",
            t.checked(),
            t.valid_accepted,
            t.invalid_rejected,
            t.message_lists
        );
    }
}

/// Every `.json` file below `dir`, sorted. Errors when a folder cannot be read or when a
/// folder (the root or any below it) holds no `.json` file at any depth.
pub fn vector_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
        let before = out.len();
        let entries =
            std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        for entry in entries {
            let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
            if path.is_dir() {
                walk(&path, out)?;
            } else if path.extension().is_some_and(|e| e == "json") {
                out.push(path);
            }
        }
        if out.len() == before {
            return Err(format!("no vector file in folder {}", dir.display()));
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(dir, &mut out)?;
    out.sort();
    Ok(out)
}

/// Reads and parses one vector file.
pub fn read_vector(path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Every vector file below `dir` with its parsed content (see [`vector_files`]).
pub fn read_vectors(dir: &Path) -> Result<Vec<(PathBuf, Value)>, String> {
    vector_files(dir)?
        .into_iter()
        .map(|p| read_vector(&p).map(|v| (p, v)))
        .collect()
}

/// The result a file expects: its `result.valid`. Files without a `result` (generators, key
/// pairs, hash and mocked-RNG values, message lists) are reproduced, so they expect valid. A
/// `result` without a boolean `valid` is an error.
pub fn expected_valid(v: &Value) -> Result<bool, String> {
    match v.get("result") {
        None => Ok(true),
        Some(r) => r["valid"]
            .as_bool()
            .ok_or_else(|| format!("`result.valid` is not a boolean: {r}")),
    }
}

/// The message of a caught panic.
fn panic_message(e: &(dyn std::any::Any + Send)) -> String {
    e.downcast_ref::<String>()
        .cloned()
        .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "panic".into())
}

/// Runs `check(path, content, expected_valid)` on every file of `docs` (read from `root`)
/// and compares whether the library accepted it with the file's expected result. The check
/// verifies the file (a rejection by the library is `accepted: false`) and, for files expected
/// valid, reproduces them; it panics on anything else (a malformed file, a reproduction that
/// differs), which is caught here and returned as an error. Errors at the first file whose
/// outcome differs from the expected one, and when no vector was checked.
pub fn run_vectors<F>(root: &Path, docs: &[(PathBuf, Value)], check: F) -> Result<Report, String>
where
    F: Fn(&Path, &Value, bool) -> Verdict,
{
    let mut report = Report {
        root: root.to_path_buf(),
        ..Report::default()
    };
    for (path, v) in docs {
        let expected = expected_valid(v).map_err(|e| format!("{}: {e}", path.display()))?;
        let verdict =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(path, v, expected)))
                .map_err(|e| format!("{}: {}", path.display(), panic_message(&*e)))?;
        let folder = path
            .parent()
            .and_then(|d| d.strip_prefix(root).ok())
            .map(|d| d.display().to_string())
            .filter(|d| !d.is_empty())
            .unwrap_or_else(|| ".".into());
        let mut one = Counts::default();
        let kind = match verdict {
            Verdict::MessageList => {
                one.message_lists = 1;
                "message list".to_string()
            }
            Verdict::Checked { kind, accepted } => {
                if accepted != expected {
                    return Err(format!(
                        "{}: the library {} it, the file expects {}",
                        path.display(),
                        if accepted { "accepted" } else { "rejected" },
                        if expected { "valid" } else { "invalid" }
                    ));
                }
                if expected {
                    one.valid_accepted = 1;
                } else {
                    one.invalid_rejected = 1;
                }
                kind
            }
        };
        report.folders.entry(folder).or_default().add(&one);
        report.kinds.entry(kind).or_default().add(&one);
    }
    if report.totals().checked() == 0 {
        return Err(format!("no vector checked under {}", root.display()));
    }
    Ok(report)
}

/// The number of scalars a file's `commitmentWithProof` commits to, from its length
/// (48 + 32 + 32·k + 32 octets, the format's rule); 0 when the field is `null`, absent or
/// empty (no commitment). One upstream file has a stray character after the hex (SOURCES.md,
/// known defects): an odd-length string whose hex is clean without its last character is
/// measured without it. Panics on any other malformed length.
pub fn commitment_count(v: &Value) -> usize {
    let s = match v.get("commitmentWithProof").and_then(Value::as_str) {
        None | Some("") => return 0,
        Some(s) => s,
    };
    let bytes = match hex::decode(s) {
        Ok(b) => b,
        Err(_) if s.len() % 2 == 1 => hex::decode(&s[..s.len() - 1])
            .unwrap_or_else(|e| panic!("commitmentWithProof is not hex: {e}")),
        Err(e) => panic!("commitmentWithProof is not hex: {e}"),
    };
    let fixed = 48 + 32 + 32;
    assert!(
        bytes.len() >= fixed && (bytes.len() - fixed) % 32 == 0,
        "commitmentWithProof has {} octets, not 112 + 32·k",
        bytes.len()
    );
    (bytes.len() - fixed) / 32
}

/// The first `n` entries of a file's message list `key` (e.g. `committedMessages`), panicking
/// when it has fewer. With `n = 0` the list is not read (files without a commitment may give
/// `null`).
pub fn first_messages(v: &Value, key: &str, n: usize) -> Vec<Vec<u8>> {
    if n == 0 {
        return Vec::new();
    }
    let all = hex_list(&v[key]);
    assert!(
        all.len() >= n,
        "{key} has {} entries, the file needs {n}",
        all.len()
    );
    all[..n].to_vec()
}

/// A fresh folder under the system temp dir, removed on drop.
pub struct TempDir(PathBuf);

impl TempDir {
    /// Creates `<tmp>/zkcred-bbs-<name>-<pid>-<n>`, emptied first if it exists.
    pub fn new(name: &str) -> Self {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("zkcred-bbs-{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Writes `v` as pretty JSON to `dir/rel`, creating the folders on the way.
pub fn write_vector(dir: &Path, rel: &str, v: &Value) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("create folder");
    std::fs::write(&path, serde_json::to_string_pretty(v).expect("json")).expect("write vector");
}

/// A `{"index": "hex message"}` map of the given messages, as the blind and nym files write
/// their revealed messages.
pub fn revealed_map(indexes: &[usize], messages: &[Vec<u8>]) -> Value {
    Value::Object(
        indexes
            .iter()
            .map(|&i| (i.to_string(), Value::String(hex::encode(&messages[i]))))
            .collect(),
    )
}

/// The proof's hex with one byte flipped (the last byte of the first response scalar after
/// Abar, Bbar and D, so the encoding stays well-formed).
pub fn flip_proof_byte(proof_hex: &str) -> String {
    let mut bytes = hex::decode(proof_hex).expect("proof hex");
    bytes[3 * 48 + 31] ^= 0x01;
    hex::encode(bytes)
}

/// The mocked-RNG DST of the blind and nym drafts (`which` is `COMMIT` or `PROOF`).
pub fn mock_dst_for(suite: Ciphersuite, which: &str) -> String {
    format!(
        "{}H2G_HM2S_{which}_MOCK_RANDOM_SCALARS_DST_",
        String::from_utf8(suite.id().to_vec()).expect("ascii suite id")
    )
}
