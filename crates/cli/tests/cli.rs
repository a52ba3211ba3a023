//! Runs the `zkcred` binary: the whole flow through files, `demo`, and every kind of bad input
//! (each must exit non-zero with one line `error: ...` on stderr).
//!
//! The happy-path directory (issuers, wallet with two credentials, registry, request, keys,
//! presentation) is built once and copied into a fresh temporary directory per test.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The spec of the test request: age over 18 on the identity credential (hidden birth date),
/// the province disclosed, the clinic's pseudonym scope, same holder (the default). Two small
/// circuits keep `request new` fast.
const SPEC: &str = r#"{
  "version": 1,
  "credentials": [
    { "label": "identity", "schema": "vn.commune.identity",
      "accepted_issuers": { "tiers": ["commune"] },
      "predicates": [ { "attribute": "birth_date",
                        "predicate": { "age_at_least": { "years": 18, "today": "today" } } } ] },
    { "label": "residency", "schema": "vn.province.residency",
      "accepted_issuers": { "tiers": ["province"] },
      "disclose": ["province"],
      "predicates": [ { "attribute": "expires_on",
                        "predicate": { "not_expired": { "today": "today" } } } ] }
  ],
  "pseudonym_scope": "clinic-visits"
}"#;

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .join(name)
}

/// Runs `zkcred args...` in `dir`.
fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zkcred"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the zkcred binary runs")
}

/// Runs a command that must succeed; returns its stdout.
fn ok(dir: &Path, args: &[&str]) -> String {
    let out = run(dir, args);
    assert!(
        out.status.success(),
        "zkcred {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Runs a command that must fail with exit code 1 and one line `error: ...` containing
/// `needle`; returns that line.
fn fails(dir: &Path, args: &[&str], needle: &str) -> String {
    let out = run(dir, args);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "zkcred {args:?}: {stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "one line expected, got: {stderr}");
    assert!(lines[0].starts_with("error: "), "got: {stderr}");
    assert!(
        lines[0].contains(needle),
        "'{needle}' expected in: {}",
        lines[0]
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    lines[0].to_owned()
}

/// Makes an issuer and a credential of `schema` with `attrs` for the wallet in `dir`.
fn get_credential(dir: &Path, wallet: &str, who: &str, schema: &str, attrs: &Path, extra: &[&str]) {
    let req = format!("{who}.{wallet}.req.json");
    let cred = format!("{who}.{wallet}.cred.json");
    let (key, public) = (format!("{who}.key.json"), format!("{who}.pub.json"));
    ok(
        dir,
        &[
            "wallet", "commit", "--wallet", wallet, "--schema", schema, "--issuer", &public,
            "--out", &req,
        ],
    );
    let attrs = attrs.to_str().unwrap();
    let mut args = vec![
        "issue",
        "--issuer",
        &key,
        "--schema",
        schema,
        "--attributes",
        attrs,
        "--request",
        &req,
        "--out",
        &cred,
    ];
    args.extend_from_slice(extra);
    ok(dir, &args);
    ok(
        dir,
        &[
            "wallet",
            "add",
            "--wallet",
            wallet,
            "--credential",
            &cred,
            "--issuer",
            &public,
            "--schema",
            schema,
        ],
    );
}

/// The happy-path directory, built once.
fn flow_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let root = Path::new(env!("CARGO_TARGET_TMPDIR"));
        remove_stale_flows(root);
        let dir = root.join(format!("zkcred-cli-flow-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("schemas")).unwrap();
        let d = dir.as_path();
        ok(
            d,
            &[
                "issuer",
                "init",
                "--name",
                "UBND xã Mỹ Hòa Hưng",
                "--tier",
                "commune",
                "--jurisdiction",
                "VN-44",
                "--out",
                "commune.key.json",
                "--public",
                "commune.pub.json",
            ],
        );
        ok(
            d,
            &[
                "issuer",
                "init",
                "--name",
                "UBND tỉnh An Giang",
                "--tier",
                "province",
                "--jurisdiction",
                "VN-44",
                "--out",
                "province.key.json",
                "--public",
                "province.pub.json",
            ],
        );
        ok(
            d,
            &[
                "schema",
                "sample",
                "identity",
                "--out",
                "schemas/identity.json",
            ],
        );
        ok(
            d,
            &[
                "schema",
                "sample",
                "residency",
                "--out",
                "schemas/residency.json",
            ],
        );
        ok(d, &["wallet", "init", "--out", "wallet.json"]);
        get_credential(
            d,
            "wallet.json",
            "commune",
            "schemas/identity.json",
            &data("identity.attributes.json"),
            &[],
        );
        get_credential(
            d,
            "wallet.json",
            "province",
            "schemas/residency.json",
            &data("residency.attributes.json"),
            &[],
        );
        for (issuer, schema) in [
            ("commune.pub.json", "schemas/identity.json"),
            ("province.pub.json", "schemas/residency.json"),
        ] {
            ok(
                d,
                &[
                    "registry",
                    "add",
                    "--registry",
                    "registry.json",
                    "--issuer",
                    issuer,
                    "--schema",
                    schema,
                ],
            );
        }
        for (id, scope) in [("clinic", "clinic-visits"), ("pharmacy", "pharmacy-visits")] {
            let key = format!("{id}.verifier.key.json");
            let public = format!("{id}.verifier.pub.json");
            ok(
                d,
                &[
                    "verifier", "init", "--id", id, "--name", id, "--scope", scope, "--out", &key,
                    "--public", &public,
                ],
            );
        }
        ok(
            d,
            &[
                "verifiers",
                "add",
                "--registry",
                "verifiers.json",
                "--verifier",
                "clinic.verifier.pub.json",
                "pharmacy.verifier.pub.json",
            ],
        );
        fs::write(d.join("spec.json"), SPEC).unwrap();
        ok(
            d,
            &[
                "request",
                "new",
                "--verifier-key",
                "clinic.verifier.key.json",
                "--spec",
                "spec.json",
                "--schemas",
                "schemas",
                "--out",
                "request.json",
                "--keys",
                "keys.json",
                // A day: the tests run well within it (the default, 1h, is tested below).
                "--valid-for",
                "1d",
            ],
        );
        ok(
            d,
            &[
                "present",
                "--wallet",
                "wallet.json",
                "--request",
                "request.json",
                "--verifiers",
                "verifiers.json",
                "--keys",
                "keys.json",
                "--out",
                "presentation.json",
            ],
        );
        dir
    })
}

/// Removes flow directories of earlier runs (older than an hour).
fn remove_stale_flows(root: &Path) {
    let Ok(entries) = fs::read_dir(root) else {
        return;
    };
    for entry in entries.flatten() {
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age.as_secs() > 3600);
        if old
            && entry
                .file_name()
                .to_string_lossy()
                .starts_with("zkcred-cli-flow-")
        {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// A fresh copy of the happy-path directory.
fn copy_flow() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(flow_dir(), tmp.path());
    tmp
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

const VERIFY: [&str; 15] = [
    "verify",
    "--request",
    "request.json",
    "--verifier",
    "clinic.verifier.pub.json",
    "--presentation",
    "presentation.json",
    "--registry",
    "registry.json",
    "--schemas",
    "schemas",
    "--keys",
    "keys.json",
    "--nonces",
    "nonces.json",
];

/// `VERIFY` with the value of `flag` replaced.
fn verify_with(flag: &str, value: &str) -> Vec<String> {
    let mut args: Vec<String> = VERIFY.iter().map(|s| s.to_string()).collect();
    let i = args.iter().position(|a| a == flag).unwrap();
    args[i + 1] = value.to_owned();
    args
}

fn strs(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}

#[test]
fn full_flow_verifies_and_prints_what_was_disclosed() {
    let tmp = copy_flow();
    let d = tmp.path();
    let out = ok(d, &VERIFY);
    let json: serde_json::Value = serde_json::from_str(&out).expect("verify prints JSON");
    assert_eq!(json["verified"], true);
    assert_eq!(json["verifier_id"], "clinic");
    assert_eq!(json["same_holder"], true);
    assert_eq!(json["pseudonyms"].as_object().unwrap().len(), 2);
    let residency = &json["credentials"]["residency"];
    assert_eq!(
        residency["disclosed"]["province"]["enumeration"],
        "an_giang"
    );
    assert_eq!(residency["issuer"]["name"], "UBND tỉnh An Giang");
    assert_eq!(
        json["credentials"]["identity"]["disclosed"],
        serde_json::json!({})
    );
    let held: Vec<String> = json["predicates_held"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["holds"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        held[0].starts_with("birth_date: age at least 18"),
        "{held:?}"
    );
    // Nothing of the identity credential's values appears.
    for secret in ["2001-04-02", "Nguyễn", "my_hoa_hung"] {
        assert!(!out.contains(secret), "{secret} leaked: {out}");
    }
    // The nonce is recorded in the nonce file.
    let nonces = fs::read_to_string(d.join("nonces.json")).unwrap();
    assert!(nonces.contains("clinic"));
}

#[cfg(unix)]
#[test]
fn secret_files_are_private_and_secrets_are_not_printed() {
    use std::os::unix::fs::PermissionsExt;
    let d = flow_dir();
    for f in [
        "commune.key.json",
        "province.key.json",
        "wallet.json",
        "clinic.verifier.key.json",
    ] {
        let mode = fs::metadata(d.join(f)).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{f}");
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = ok(
        tmp.path(),
        &[
            "issuer",
            "init",
            "--name",
            "X",
            "--tier",
            "national",
            "--jurisdiction",
            "VN",
            "--out",
            "k.json",
            "--public",
            "p.json",
        ],
    );
    let key: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(tmp.path().join("k.json")).unwrap()).unwrap();
    let secret = key["secret_key"].as_str().unwrap();
    assert!(!out.contains(secret));
    // An existing key file is not overwritten without --force.
    fails(
        tmp.path(),
        &[
            "issuer",
            "init",
            "--name",
            "X",
            "--tier",
            "national",
            "--jurisdiction",
            "VN",
            "--out",
            "k.json",
            "--public",
            "p.json",
        ],
        "exists",
    );
}

#[test]
fn wallet_list_shows_both_credentials() {
    let out = ok(flow_dir(), &["wallet", "list", "--wallet", "wallet.json"]);
    assert!(
        out.contains("vn.commune.identity") && out.contains("vn.province.residency"),
        "{out}"
    );
    assert!(out.contains("2 credentials, 0 pending"), "{out}");
}

#[test]
fn demo_runs() {
    let tmp = tempfile::tempdir().unwrap();
    let out = ok(tmp.path(), &["demo"]);
    assert!(out.contains("verified"), "{out}");
    assert!(out.contains("refused: replayed nonce"), "{out}");
    assert!(out.contains("is not authorised to issue schema"), "{out}");
    // The clinic asks nothing about issuance dates: the default proof is reported.
    assert!(out.contains("issued_on: issued on or before"), "{out}");
    assert!(!out.contains("ACCEPTED"), "{out}");
    assert!(
        out.contains("a second verifier asks for the clinic's scope: refused by the wallet"),
        "{out}"
    );
    assert!(!out.contains("ANSWERED"), "{out}");
}

/// The demo's clinic hides both issuers: it learns the sets, not the commune or province.
#[test]
fn demo_hides_both_issuers() {
    let tmp = tempfile::tempdir().unwrap();
    let out = ok(tmp.path(), &["demo"]);
    assert!(
        out.contains(
            "the residency credential is signed by one of the 13 accepted province issuers"
        ),
        "{out}"
    );
    assert!(
        out.contains("the identity credential is signed by one of the 3 accepted commune issuers"),
        "{out}"
    );
    assert!(!out.contains("credential is signed by UBND"), "{out}");
}

/// `demo --json`: stdout is one JSON document (the story goes to stderr), with the clinic's
/// result, every step timed and every attack refused.
#[test]
fn demo_json_prints_one_document() {
    let tmp = tempfile::tempdir().unwrap();
    let out = run(tmp.path(), &["demo", "--json"]);
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("stdout is one JSON");
    assert_eq!(report["version"], 1);
    assert_eq!(report["result"]["verified"], true);
    assert_eq!(report["result"]["same_holder"], true);
    assert_eq!(report["all_attacks_refused"], true);
    let attacks = report["attacks"].as_array().unwrap();
    assert!(attacks.len() >= 7, "{attacks:?}");
    assert!(attacks.iter().all(|a| a["error"].is_string()));
    assert!(attacks.iter().any(|a| a["refused_by"] == "wallet"));
    let steps = report["steps"].as_array().unwrap();
    assert!(steps
        .iter()
        .any(|s| s["ms"].as_f64().is_some_and(|ms| ms > 0.0)));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("zkcred demo"), "{stderr}");
}

#[test]
fn malformed_json_is_refused() {
    let tmp = copy_flow();
    let d = tmp.path();
    fs::write(d.join("bad.json"), "{ \"version\": 1, ").unwrap();
    fails(
        d,
        &strs(&verify_with("--presentation", "bad.json")),
        "malformed JSON",
    );
    fails(d, &strs(&verify_with("--registry", "bad.json")), "bad.json");
    fails(
        d,
        &["wallet", "list", "--wallet", "bad.json"],
        "malformed JSON",
    );
    fs::write(d.join("nonces.json"), "[1, 2]").unwrap();
    fails(d, &VERIFY, "malformed JSON");
    fails(
        d,
        &strs(&verify_with("--request", "missing.json")),
        "cannot read missing.json",
    );
}

#[test]
fn unknown_schema_is_refused() {
    let tmp = copy_flow();
    let d = tmp.path();
    // The verifier knows only the identity schema.
    fails(
        d,
        &strs(&verify_with("--schemas", "schemas/identity.json")),
        "unknown schema",
    );
    // A spec naming a schema the verifier does not have.
    fs::write(
        d.join("spec2.json"),
        SPEC.replace("vn.province.residency", "vn.nowhere"),
    )
    .unwrap();
    fails(
        d,
        &[
            "request",
            "new",
            "--verifier-key",
            "clinic.verifier.key.json",
            "--spec",
            "spec2.json",
            "--schemas",
            "schemas",
            "--out",
            "r.json",
            "--keys",
            "k.json",
        ],
        "unknown schema 'vn.nowhere'",
    );
    // An issuer asked to sign a request made for another schema.
    fails(
        d,
        &[
            "issue",
            "--issuer",
            "commune.key.json",
            "--schema",
            "schemas/residency.json",
            "--attributes",
            data("residency.attributes.json").to_str().unwrap(),
            "--request",
            "commune.wallet.json.req.json",
            "--out",
            "x.json",
        ],
        "schemas/residency.json (--schema): the issuance request commune.wallet.json.req.json \
         asks for a credential of schema",
    );
}

#[test]
fn untrusted_issuer_is_refused() {
    let tmp = copy_flow();
    let d = tmp.path();
    ok(
        d,
        &[
            "registry",
            "add",
            "--registry",
            "commune-only.json",
            "--issuer",
            "commune.pub.json",
            "--schema",
            "schemas/identity.json",
        ],
    );
    fails(
        d,
        &strs(&verify_with("--registry", "commune-only.json")),
        "untrusted issuer",
    );
}

/// The registry trusts the province for identity credentials only: its residency credential
/// is refused, whatever the request accepts; authorising it (re-running `registry add`)
/// makes the same presentation verify.
#[test]
fn issuer_not_authorised_for_the_schema_is_refused() {
    let tmp = copy_flow();
    let d = tmp.path();
    for (issuer, schema) in [
        ("commune.pub.json", "schemas/identity.json"),
        ("province.pub.json", "schemas/identity.json"),
    ] {
        ok(
            d,
            &[
                "registry",
                "add",
                "--registry",
                "narrow.json",
                "--issuer",
                issuer,
                "--schema",
                schema,
            ],
        );
    }
    let line = fails(
        d,
        &strs(&verify_with("--registry", "narrow.json")),
        "is not authorised to issue schema",
    );
    assert!(line.contains("'residency'"), "{line}");
    // The rejection did not burn the nonce; once authorised, the presentation verifies.
    let out = ok(
        d,
        &[
            "registry",
            "add",
            "--registry",
            "narrow.json",
            "--issuer",
            "province.pub.json",
            "--schemas",
            "schemas/residency.json",
        ],
    );
    assert!(out.contains("authorised issuer"), "{out}");
    ok(d, &strs(&verify_with("--registry", "narrow.json")));
}

/// A version-1 registry has no authorisations: refused with a clear message, not read as
/// "every issuer may issue everything".
#[test]
fn registry_without_authorisations_is_refused() {
    let tmp = copy_flow();
    let d = tmp.path();
    let text = fs::read_to_string(d.join("registry.json")).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["version"], 2);
    let issuers: Vec<serde_json::Value> = v["issuers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["issuer"].clone())
        .collect();
    v = serde_json::json!({ "version": 1, "issuers": issuers });
    fs::write(d.join("old.json"), v.to_string()).unwrap();
    fails(
        d,
        &strs(&verify_with("--registry", "old.json")),
        "trust registry version 1 has no schema authorisations",
    );
    // `registry add` needs the schemas.
    let out = run(
        d,
        &[
            "registry",
            "add",
            "--registry",
            "r.json",
            "--issuer",
            "commune.pub.json",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
}

/// The spec asks nothing about the identity credential's dates; the validity defaults still
/// apply: an expired identity credential and one issued in the future are refused, and the
/// honest presentation proves both defaults.
#[test]
fn validity_defaults_apply_without_date_predicates() {
    let tmp = copy_flow();
    let d = tmp.path();
    for (wallet, extra, needle) in [
        (
            "expired.json",
            ["--issued-on", "2020-01-01"],
            "expired on 2020-01-30",
        ),
        (
            "future.json",
            ["--issued-on", "2099-01-01"],
            "not yet valid",
        ),
    ] {
        ok(d, &["wallet", "init", "--out", wallet]);
        let mut args = extra.to_vec();
        if wallet == "expired.json" {
            args.extend_from_slice(&["--valid-days", "30"]);
        }
        get_credential(
            d,
            wallet,
            "commune",
            "schemas/identity.json",
            &data("identity.attributes.json"),
            &args,
        );
        get_credential(
            d,
            wallet,
            "province",
            "schemas/residency.json",
            &data("residency.attributes.json"),
            &[],
        );
        let line = fails(
            d,
            &[
                "present",
                "--wallet",
                wallet,
                "--request",
                "request.json",
                "--verifiers",
                "verifiers.json",
                "--keys",
                "keys.json",
                "--out",
                "p.json",
            ],
            needle,
        );
        assert!(line.contains("'identity'"), "{line}");
        assert!(!d.join("p.json").exists());
    }
    let out = ok(d, &VERIFY);
    for default in [
        "expires_on: not expired on",
        "issued_on: issued on or before",
    ] {
        assert!(out.contains(default), "{default} missing: {out}");
    }
}

#[test]
fn expired_credential_is_refused_by_the_holder() {
    let tmp = copy_flow();
    let d = tmp.path();
    ok(d, &["wallet", "init", "--out", "old.json"]);
    get_credential(
        d,
        "old.json",
        "commune",
        "schemas/identity.json",
        &data("identity.attributes.json"),
        &[],
    );
    get_credential(
        d,
        "old.json",
        "province",
        "schemas/residency.json",
        &data("residency.attributes.json"),
        &["--issued-on", "2020-01-01", "--valid-days", "30"],
    );
    fails(
        d,
        &[
            "present",
            "--wallet",
            "old.json",
            "--request",
            "request.json",
            "--verifiers",
            "verifiers.json",
            "--keys",
            "keys.json",
            "--out",
            "p.json",
        ],
        "expired",
    );
    assert!(!d.join("p.json").exists());
    // A validity that ends before it starts is refused at issuance.
    ok(
        d,
        &[
            "wallet",
            "commit",
            "--wallet",
            "old.json",
            "--schema",
            "schemas/residency.json",
            "--issuer",
            "province.pub.json",
            "--out",
            "r.json",
        ],
    );
    fails(
        d,
        &[
            "issue",
            "--issuer",
            "province.key.json",
            "--schema",
            "schemas/residency.json",
            "--attributes",
            data("residency.attributes.json").to_str().unwrap(),
            "--request",
            "r.json",
            "--issued-on",
            "2020-01-01",
            "--expires",
            "2019-01-01",
            "--out",
            "c.json",
        ],
        "expires",
    );
}

#[test]
fn tampered_presentation_is_refused() {
    let tmp = copy_flow();
    let d = tmp.path();
    let text = fs::read_to_string(d.join("presentation.json")).unwrap();
    let mut p: serde_json::Value = serde_json::from_str(&text).unwrap();
    let proof = p["credentials"][0]["proof"].as_str().unwrap().to_owned();
    // Change one hex digit inside a response scalar.
    let at = proof.len() - 200;
    let c = proof.as_bytes()[at];
    let flipped = if c == b'0' { "1" } else { "0" };
    let tampered = format!("{}{flipped}{}", &proof[..at], &proof[at + 1..]);
    p["credentials"][0]["proof"] = serde_json::Value::String(tampered);
    fs::write(d.join("tampered.json"), p.to_string()).unwrap();
    fails(
        d,
        &strs(&verify_with("--presentation", "tampered.json")),
        "presentation rejected",
    );
    // A changed disclosed value.
    let mut p: serde_json::Value = serde_json::from_str(&text).unwrap();
    p["credentials"][1]["disclosed"]["province"]["enumeration"] = "can_tho".into();
    fs::write(d.join("tampered2.json"), p.to_string()).unwrap();
    fails(
        d,
        &strs(&verify_with("--presentation", "tampered2.json")),
        "rejected",
    );
    // The rejected attempts did not burn the nonce: the genuine presentation still verifies.
    ok(d, &VERIFY);
}

#[test]
fn oversized_presentations_are_refused_before_any_point_is_decoded() {
    let tmp = copy_flow();
    let d = tmp.path();
    let text = fs::read_to_string(d.join("presentation.json")).unwrap();
    let mut p: serde_json::Value = serde_json::from_str(&text).unwrap();
    // 10,000 attachments that are not even hex: only the count can refuse them.
    p["credentials"][0]["predicate_proofs"] = vec![serde_json::Value::from("zz"); 10_000].into();
    fs::write(d.join("many.json"), p.to_string()).unwrap();
    let line = fails(
        d,
        &strs(&verify_with("--presentation", "many.json")),
        "10000",
    );
    assert!(line.len() < 300, "{line}");
    // An endless input is read only up to the largest document size.
    fails(
        d,
        &strs(&verify_with("--presentation", "/dev/zero")),
        "larger than",
    );
    // The genuine presentation still verifies (nothing burnt the nonce).
    ok(d, &VERIFY);
}

#[test]
fn presentation_without_the_holder_link_is_refused() {
    // The request asks for two credentials and says nothing about the holder link: the same
    // holder is the default, so a presentation stripped of its link is refused.
    let tmp = copy_flow();
    let d = tmp.path();
    let request = fs::read_to_string(d.join("request.json")).unwrap();
    let r: serde_json::Value = serde_json::from_str(&request).unwrap();
    assert_eq!(r["request"]["credentials"].as_array().unwrap().len(), 2);
    assert_eq!(r["request"]["same_holder"], true);
    let text = fs::read_to_string(d.join("presentation.json")).unwrap();
    let mut p: serde_json::Value = serde_json::from_str(&text).unwrap();
    let obj = p.as_object_mut().unwrap();
    assert!(obj.remove("holder_link").is_some());
    for c in obj["credentials"].as_array_mut().unwrap() {
        c.as_object_mut().unwrap().remove("link_response");
    }
    fs::write(d.join("unlinked.json"), p.to_string()).unwrap();
    fails(
        d,
        &strs(&verify_with("--presentation", "unlinked.json")),
        "link",
    );
}

#[test]
fn replayed_nonce_is_refused() {
    let tmp = copy_flow();
    let d = tmp.path();
    ok(d, &VERIFY);
    fails(d, &VERIFY, "replayed nonce for verifier 'clinic'");
}

#[test]
fn concurrent_verifiers_sharing_a_nonce_file_accept_a_nonce_once() {
    let tmp = copy_flow();
    let d = tmp.path();
    let children: Vec<_> = (0..3)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_zkcred"))
                .args(VERIFY)
                .current_dir(d)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let outs: Vec<Output> = children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect();
    let accepted = outs.iter().filter(|o| o.status.success()).count();
    assert_eq!(accepted, 1);
    for o in outs.iter().filter(|o| !o.status.success()) {
        assert!(String::from_utf8_lossy(&o.stderr).contains("replayed nonce"));
    }
    assert!(!d.join("nonces.json.lock").exists());
}

#[test]
fn presentation_for_another_request_is_refused() {
    let tmp = copy_flow();
    let d = tmp.path();
    ok(
        d,
        &[
            "request",
            "new",
            "--verifier-key",
            "clinic.verifier.key.json",
            "--spec",
            "spec.json",
            "--schemas",
            "schemas",
            "--out",
            "request2.json",
            "--keys",
            "keys2.json",
        ],
    );
    let mut args = verify_with("--request", "request2.json");
    let i = args.iter().position(|a| a == "--keys").unwrap();
    args[i + 1] = "keys2.json".into();
    fails(d, &strs(&args), "does not answer this request");
}

#[test]
fn usage_errors_exit_with_2() {
    let tmp = tempfile::tempdir().unwrap();
    let out = run(tmp.path(), &["issuer", "init", "--tier", "emperor"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(tmp.path(), &["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
}

/// `present` of `request` (a file in `d`) with `registry`; must fail with `needle`.
fn present_fails(d: &Path, request: &str, registry: &str, needle: &str) -> String {
    let line = fails(
        d,
        &[
            "present",
            "--wallet",
            "wallet.json",
            "--request",
            request,
            "--verifiers",
            registry,
            "--keys",
            "keys.json",
            "--out",
            "p.json",
        ],
        needle,
    );
    assert!(!d.join("p.json").exists());
    line
}

#[test]
fn tampered_request_is_refused_by_the_wallet_and_the_verifier() {
    let tmp = copy_flow();
    let d = tmp.path();
    let text = fs::read_to_string(d.join("request.json")).unwrap();
    let mut r: serde_json::Value = serde_json::from_str(&text).unwrap();
    r["request"]["same_holder"] = false.into();
    fs::write(d.join("tampered.json"), r.to_string()).unwrap();
    present_fails(d, "tampered.json", "verifiers.json", "tampered");
    fails(
        d,
        &strs(&verify_with("--request", "tampered.json")),
        "tampered",
    );
    // A flipped signature digit.
    let mut r: serde_json::Value = serde_json::from_str(&text).unwrap();
    let sig = r["signature"].as_str().unwrap().to_owned();
    let flipped = if sig.starts_with('0') { "1" } else { "0" };
    r["signature"] = format!("{flipped}{}", &sig[1..]).into();
    fs::write(d.join("forged.json"), r.to_string()).unwrap();
    present_fails(d, "forged.json", "verifiers.json", "bad signature");
}

#[test]
fn unsigned_request_is_refused() {
    let tmp = copy_flow();
    let d = tmp.path();
    let text = fs::read_to_string(d.join("request.json")).unwrap();
    let r: serde_json::Value = serde_json::from_str(&text).unwrap();
    fs::write(d.join("plain.json"), r["request"].to_string()).unwrap();
    let line = present_fails(d, "plain.json", "verifiers.json", "not signed");
    assert!(line.contains("plain.json"), "{line}");
    fails(
        d,
        &strs(&verify_with("--request", "plain.json")),
        "not signed",
    );
}

#[test]
fn unknown_verifier_and_foreign_scope_are_refused() {
    let tmp = copy_flow();
    let d = tmp.path();
    ok(
        d,
        &[
            "verifiers",
            "add",
            "--registry",
            "pharmacy-only.json",
            "--verifier",
            "pharmacy.verifier.pub.json",
        ],
    );
    present_fails(
        d,
        "request.json",
        "pharmacy-only.json",
        "verifier 'clinic' is not in the verifier registry",
    );
    // The pharmacy cannot make a request for the clinic's scope.
    fails(
        d,
        &[
            "request",
            "new",
            "--verifier-key",
            "pharmacy.verifier.key.json",
            "--spec",
            "spec.json",
            "--schemas",
            "schemas",
            "--out",
            "r.json",
            "--keys",
            "k.json",
        ],
        "does not own pseudonym scope 'clinic-visits'",
    );
    // Nor claim the scope in the registry.
    ok(
        d,
        &[
            "verifier",
            "init",
            "--id",
            "lab",
            "--name",
            "Lab",
            "--scope",
            "clinic-visits",
            "--out",
            "lab.key.json",
            "--public",
            "lab.pub.json",
        ],
    );
    fails(
        d,
        &[
            "verifiers",
            "add",
            "--registry",
            "verifiers.json",
            "--verifier",
            "lab.pub.json",
        ],
        "already belongs to verifier 'clinic'",
    );
    // The verifier refuses to verify against a request that is not its own.
    fails(
        d,
        &strs(&verify_with("--verifier", "pharmacy.verifier.pub.json")),
        "names verifier 'clinic'",
    );
}

#[cfg(unix)]
#[test]
fn verifier_init_never_overwrites_and_never_prints_the_key() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let init = [
        "verifier", "init", "--id", "shop", "--name", "Shop", "--out", "k.json", "--public",
        "p.json",
    ];
    let out = ok(d, &init);
    let key: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(d.join("k.json")).unwrap()).unwrap();
    let secret = key["secret_key"].as_str().unwrap().to_owned();
    assert!(!out.contains(&secret));
    assert!(!fs::read_to_string(d.join("p.json"))
        .unwrap()
        .contains(&secret));
    // Again: refused, and the key file is unchanged.
    fails(d, &init, "exists");
    let again: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(d.join("k.json")).unwrap()).unwrap();
    assert_eq!(again["secret_key"].as_str().unwrap(), secret);
    // Only the key file exists: still refused, nothing written.
    fs::remove_file(d.join("p.json")).unwrap();
    fails(d, &init, "exists");
    let again: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(d.join("k.json")).unwrap()).unwrap();
    assert_eq!(again["secret_key"].as_str().unwrap(), secret);
    // A bad id is a one-line error.
    fails(
        d,
        &[
            "verifier", "init", "--id", "Shop!", "--name", "S", "--out", "k2.json", "--public",
            "p2.json",
        ],
        "invalid verifier id",
    );
}

/// `keys.json` with the largest circuit's `l_query[i] += 2^i·X` (the birth-date attack).
fn subvert_keys_file(d: &Path) {
    use zkcred::credential::{JsonDocument, PredicateKeySet};
    use zkcred::snark::{Fr, G1Affine, ProvingKey};
    let text = fs::read_to_string(d.join("keys.json")).unwrap();
    let mut keys = PredicateKeySet::from_json(&text).unwrap();
    let target = keys
        .keys
        .iter_mut()
        .max_by_key(|k| k.proving_key.as_ark().l_query.len())
        .unwrap();
    let mut ark = target.proving_key.as_ark().clone();
    let x = ark.vk.alpha_g1;
    for (i, l) in ark.l_query.iter_mut().enumerate().take(32) {
        *l = G1Affine::from(*l + x * Fr::from(1u64 << i));
    }
    let tp = target.proving_key.tau_powers().unwrap().clone();
    target.proving_key = ProvingKey::from_parts(target.circuit_id, 1, ark)
        .unwrap()
        .with_tau_powers(tp);
    fs::write(d.join("keys.json"), keys.to_json().unwrap()).unwrap();
}

#[test]
fn subverted_proving_key_is_refused_by_the_wallet() {
    let tmp = copy_flow();
    let d = tmp.path();
    subvert_keys_file(d);
    let line = present_fails(
        d,
        "request.json",
        "verifiers.json",
        "key structure check failed: l_query",
    );
    assert_eq!(line.lines().count(), 1, "{line}");
    // A version-1 key file (no powers of tau) is refused as such.
    let text = fs::read_to_string(d.join("keys.json")).unwrap();
    fs::write(
        d.join("keys.json"),
        text.replacen("\"version\": 2", "\"version\": 1", 1),
    )
    .unwrap();
    present_fails(d, "request.json", "verifiers.json", "version 1");
}

/// The bytes of `d/name`.
fn bytes(d: &Path, name: &str) -> Vec<u8> {
    fs::read(d.join(name)).unwrap()
}

#[test]
fn an_output_is_never_one_of_the_inputs_or_another_output() {
    let tmp = copy_flow();
    let d = tmp.path();
    let wallet = bytes(d, "wallet.json");
    for force in [false, true] {
        let mut args = vec![
            "wallet",
            "commit",
            "--wallet",
            "wallet.json",
            "--schema",
            "schemas/identity.json",
            "--issuer",
            "commune.pub.json",
            "--out",
            "./wallet.json",
        ];
        if force {
            args.push("--force");
        }
        fails(d, &args, "same file as wallet.json (--wallet)");
        assert_eq!(bytes(d, "wallet.json"), wallet);
    }
    let key = bytes(d, "commune.key.json");
    let attrs = data("identity.attributes.json");
    fails(
        d,
        &[
            "issue",
            "--issuer",
            "commune.key.json",
            "--schema",
            "schemas/identity.json",
            "--attributes",
            attrs.to_str().unwrap(),
            "--request",
            "commune.wallet.json.req.json",
            "--out",
            "commune.key.json",
            "--force",
        ],
        "same file as commune.key.json (--issuer)",
    );
    assert_eq!(bytes(d, "commune.key.json"), key);
    // Two outputs naming one new file (through a symbolic link to the directory).
    std::os::unix::fs::symlink(".", d.join("here")).unwrap();
    fails(
        d,
        &[
            "issuer",
            "init",
            "--name",
            "X",
            "--tier",
            "commune",
            "--jurisdiction",
            "VN-44",
            "--out",
            "x.json",
            "--public",
            "here/x.json",
        ],
        "another output",
    );
    assert!(!d.join("x.json").exists());
    let request = bytes(d, "request.json");
    fails(
        d,
        &[
            "request",
            "new",
            "--verifier-key",
            "clinic.verifier.key.json",
            "--spec",
            "spec.json",
            "--schemas",
            "schemas",
            "--out",
            "request.json",
            "--keys",
            "request.json",
            "--force",
        ],
        "another output",
    );
    assert_eq!(bytes(d, "request.json"), request);
    // A hard link to an input is the input.
    fs::hard_link(d.join("wallet.json"), d.join("w2.json")).unwrap();
    fails(
        d,
        &[
            "present",
            "--wallet",
            "wallet.json",
            "--request",
            "request.json",
            "--verifiers",
            "verifiers.json",
            "--keys",
            "keys.json",
            "--out",
            "w2.json",
            "--force",
        ],
        "an input",
    );
    assert_eq!(bytes(d, "wallet.json"), wallet);
}

#[test]
fn outputs_are_not_overwritten_without_force() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    ok(d, &["schema", "sample", "identity", "--out", "s.json"]);
    fs::write(d.join("s.json"), "mine").unwrap();
    fails(
        d,
        &["schema", "sample", "identity", "--out", "s.json"],
        "s.json exists (use --force to overwrite)",
    );
    assert_eq!(bytes(d, "s.json"), b"mine");
    ok(
        d,
        &["--force", "schema", "sample", "identity", "--out", "s.json"],
    );
    assert!(String::from_utf8(bytes(d, "s.json"))
        .unwrap()
        .contains("vn.commune.identity"));
    ok(d, &["wallet", "init", "--out", "w.json"]);
    let wallet = bytes(d, "w.json");
    fails(d, &["wallet", "init", "--out", "w.json"], "exists");
    assert_eq!(bytes(d, "w.json"), wallet);
}

#[cfg(unix)]
#[test]
fn only_regular_files_are_written_and_dash_is_stdout_for_public_outputs() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let fifo = d.join("fifo");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    for out in [fifo.to_str().unwrap(), "/dev/null"] {
        fails(
            d,
            &["--force", "schema", "sample", "identity", "--out", out],
            "is not a regular file",
        );
    }
    let text = ok(d, &["schema", "sample", "identity", "--out", "-"]);
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["name"], "vn.commune.identity");
    fails(
        d,
        &["wallet", "init", "--out", "-"],
        "never written to stdout",
    );
    assert!(!d.join("-").exists());
}

#[cfg(unix)]
#[test]
fn a_symlinked_wallet_is_updated_through_the_link() {
    let tmp = copy_flow();
    let d = tmp.path();
    fs::create_dir(d.join("safe")).unwrap();
    fs::rename(d.join("wallet.json"), d.join("safe/wallet.json")).unwrap();
    std::os::unix::fs::symlink("safe/wallet.json", d.join("wallet.json")).unwrap();
    let before = bytes(d, "safe/wallet.json");
    ok(
        d,
        &[
            "wallet",
            "commit",
            "--wallet",
            "wallet.json",
            "--schema",
            "schemas/identity.json",
            "--issuer",
            "commune.pub.json",
            "--out",
            "new.req.json",
        ],
    );
    let meta = fs::symlink_metadata(d.join("wallet.json")).unwrap();
    assert!(meta.file_type().is_symlink());
    assert_ne!(bytes(d, "safe/wallet.json"), before);
    let listed = ok(d, &["wallet", "list", "--wallet", "wallet.json"]);
    assert!(listed.contains("1 pending issuance requests"), "{listed}");
    use std::os::unix::fs::PermissionsExt;
    let mode = fs::metadata(d.join("safe/wallet.json"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[cfg(unix)]
#[test]
fn a_nonce_file_reached_through_a_link_is_refused() {
    let tmp = copy_flow();
    let d = tmp.path();
    ok(d, &VERIFY);
    std::os::unix::fs::symlink("nonces.json", d.join("sym.json")).unwrap();
    fails(
        d,
        &strs(&verify_with("--nonces", "sym.json")),
        "symbolic link",
    );
    fs::hard_link(d.join("nonces.json"), d.join("hard.json")).unwrap();
    fails(
        d,
        &strs(&verify_with("--nonces", "hard.json")),
        "hard links",
    );
    fails(d, &VERIFY, "hard links");
}

#[test]
fn an_uppercase_nonce_entry_blocks_a_replay() {
    let tmp = copy_flow();
    let d = tmp.path();
    ok(d, &VERIFY);
    let text = fs::read_to_string(d.join("nonces.json")).unwrap();
    let mut doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    let entry = &mut doc["nonces"][0];
    let upper = entry["nonce"].as_str().unwrap().to_uppercase();
    entry["nonce"] = upper.clone().into();
    // A version-1 entry: no keep_until (it is kept 3 days from the day it is read).
    entry.as_object_mut().unwrap().remove("keep_until");
    doc["version"] = 1.into();
    fs::write(d.join("nonces.json"), doc.to_string()).unwrap();
    fails(d, &VERIFY, "replayed nonce for verifier 'clinic'");
    assert!(fs::read_to_string(d.join("nonces.json"))
        .unwrap()
        .contains(&upper));
}

#[cfg(unix)]
#[test]
fn a_killed_verifier_does_not_block_the_next() {
    let tmp = copy_flow();
    let d = tmp.path();
    // An old-style stale lock file is ignored.
    fs::write(d.join("nonces.json.lock"), "").unwrap();
    fs::write(d.join("nonces.json"), "").unwrap();
    // A process holding the OS lock, killed: the lock dies with it.
    let mut holder = Command::new("sh")
        .args([
            "-c",
            "exec 9<>nonces.json; flock 9; echo locked; exec sleep 60",
        ])
        .current_dir(d)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    use std::io::BufRead;
    std::io::BufReader::new(holder.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert_eq!(line.trim(), "locked");
    let mut verify = Command::new(env!("CARGO_BIN_EXE_zkcred"))
        .args(VERIFY)
        .current_dir(d)
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    assert!(
        verify.try_wait().unwrap().is_none(),
        "verify must wait for the lock"
    );
    holder.kill().unwrap();
    holder.wait().unwrap();
    assert!(verify.wait().unwrap().success());
    fails(d, &VERIFY, "replayed nonce");
}

// ------------------------------------------------------------------ request windows

/// Reads a JSON document of the library from `name` in `d`.
fn read_lib<T: zkcred::credential::JsonDocument>(d: &Path, name: &str) -> T {
    T::from_json(&fs::read_to_string(d.join(name)).unwrap()).unwrap()
}

/// `request new` with the key set of an earlier request reuses its keys: the file is not
/// rewritten, and the presentation made for the first request still verifies after a second
/// request (a new setup per request used to break presentations in flight).
#[test]
fn request_new_reuses_the_verifiers_keys() {
    let tmp = copy_flow();
    let d = tmp.path();
    let keys = bytes(d, "keys.json");
    let line = ok(
        d,
        &[
            "request",
            "new",
            "--verifier-key",
            "clinic.verifier.key.json",
            "--spec",
            "spec.json",
            "--schemas",
            "schemas",
            "--out",
            "request2.json",
            "--keys",
            "keys.json",
        ],
    );
    assert!(line.contains("reused, 0 new"), "{line}");
    assert_eq!(bytes(d, "keys.json"), keys, "the key set was rewritten");
    ok(d, &VERIFY);
    ok(
        d,
        &[
            "present",
            "--wallet",
            "wallet.json",
            "--request",
            "request2.json",
            "--verifiers",
            "verifiers.json",
            "--keys",
            "keys.json",
            "--out",
            "p2.json",
        ],
    );
    let mut second = verify_with("--request", "request2.json");
    let i = second.iter().position(|a| a == "--presentation").unwrap();
    second[i + 1] = "p2.json".into();
    ok(d, &strs(&second));
}

/// A request with a circuit the key set lacks adds its key and keeps every earlier key as it
/// was; a file that is not a key set is refused, not replaced.
#[test]
fn request_new_adds_missing_keys_and_never_replaces_one() {
    let tmp = copy_flow();
    let d = tmp.path();
    let before: serde_json::Value =
        serde_json::from_slice(&bytes(d, "keys.json")).expect("keys.json is JSON");
    let spec = r#"{"version": 1, "credentials": [{"label": "identity", "schema": "vn.commune.identity",
        "predicates": [{"attribute": "birth_date",
                        "predicate": {"age_at_least": {"years": 65, "today": "today"}}},
                       {"attribute": "birth_date",
                        "predicate": {"compare": {"op": "<", "value": {"date": "2020-01-01"}}}}]}]}"#;
    fs::write(d.join("spec2.json"), spec).unwrap();
    let args = [
        "request",
        "new",
        "--verifier-key",
        "clinic.verifier.key.json",
        "--spec",
        "spec2.json",
        "--schemas",
        "schemas",
        "--out",
        "request2.json",
        "--keys",
        "keys.json",
    ];
    let line = ok(d, &args);
    let after: serde_json::Value =
        serde_json::from_slice(&bytes(d, "keys.json")).expect("keys.json is JSON");
    let old = before["keys"].as_array().unwrap();
    let new = after["keys"].as_array().unwrap();
    assert!(new.len() > old.len(), "{line}");
    for k in old {
        assert!(new.contains(k), "a key of the first request changed");
    }
    ok(d, &VERIFY);
    let wallet = bytes(d, "wallet.json");
    let mut args = args.to_vec();
    let i = args.iter().position(|a| *a == "--keys").unwrap();
    args[i + 1] = "wallet.json";
    let j = args.iter().position(|a| *a == "--out").unwrap();
    args[j + 1] = "request3.json";
    fails(d, &args, "wallet.json");
    assert_eq!(bytes(d, "wallet.json"), wallet);
}

/// Commands that update one file at the same time (here `registry add`, each adding its own
/// issuer) serialise on its lock: no update is lost.
#[test]
fn concurrent_registry_updates_lose_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let n = 6;
    ok(d, &["schema", "sample", "identity", "--out", "s.json"]);
    for i in 0..n {
        ok(
            d,
            &[
                "issuer",
                "init",
                "--name",
                &format!("Issuer {i}"),
                "--tier",
                "commune",
                "--jurisdiction",
                "VN-44",
                "--out",
                &format!("i{i}.key.json"),
                "--public",
                &format!("i{i}.pub.json"),
            ],
        );
    }
    let children: Vec<_> = (0..n)
        .map(|i| {
            Command::new(env!("CARGO_BIN_EXE_zkcred"))
                .args([
                    "registry",
                    "add",
                    "--registry",
                    "registry.json",
                    "--issuer",
                    &format!("i{i}.pub.json"),
                    "--schema",
                    "s.json",
                ])
                .current_dir(d)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let outs: Vec<Output> = children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect();
    for c in &outs {
        assert!(c.status.success(), "{}", String::from_utf8_lossy(&c.stderr));
    }
    let registry: serde_json::Value =
        serde_json::from_slice(&bytes(d, "registry.json")).expect("registry is JSON");
    let text = registry.to_string();
    for i in 0..n {
        assert!(
            text.contains(&format!("Issuer {i}")),
            "issuer {i} lost: {text}"
        );
    }
}

/// The `id` field of the JSON document `d/name`.
fn doc_id(d: &Path, name: &str) -> String {
    let text = fs::read_to_string(d.join(name)).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    doc["id"].as_str().unwrap().to_owned()
}

#[test]
fn wallet_add_with_another_issuers_info_names_both_issuers() {
    let tmp = copy_flow();
    let d = tmp.path();
    let (commune, province) = (
        doc_id(d, "commune.pub.json"),
        doc_id(d, "province.pub.json"),
    );
    assert_ne!(commune, province);
    ok(
        d,
        &[
            "wallet",
            "commit",
            "--wallet",
            "wallet.json",
            "--schema",
            "schemas/identity.json",
            "--issuer",
            "commune.pub.json",
            "--out",
            "again.req.json",
        ],
    );
    let attrs = data("identity.attributes.json");
    ok(
        d,
        &[
            "issue",
            "--issuer",
            "commune.key.json",
            "--schema",
            "schemas/identity.json",
            "--attributes",
            attrs.to_str().unwrap(),
            "--request",
            "again.req.json",
            "--out",
            "again.cred.json",
        ],
    );
    let add = |issuer: &'static str, schema: &'static str| {
        [
            "wallet",
            "add",
            "--wallet",
            "wallet.json",
            "--credential",
            "again.cred.json",
            "--issuer",
            issuer,
            "--schema",
            schema,
        ]
    };
    // The province's public info for the commune's credential: blamed on --issuer, both ids
    // named, and what to give instead.
    let line = fails(
        d,
        &add("province.pub.json", "schemas/identity.json"),
        "province.pub.json (--issuer): the credential was issued by issuer",
    );
    assert!(
        line.contains(&commune) && line.contains(&province),
        "{line}"
    );
    assert!(
        line.contains(&format!("give the public info of issuer {commune}")),
        "{line}"
    );
    // The wrong schema: blamed on --schema.
    let line = fails(
        d,
        &add("commune.pub.json", "schemas/residency.json"),
        "schemas/residency.json (--schema): the credential is of schema",
    );
    assert!(line.contains(&doc_id(d, "schemas/identity.json")), "{line}");
    assert!(
        line.contains(&doc_id(d, "schemas/residency.json")),
        "{line}"
    );
    // The right files still work: nothing was consumed.
    ok(d, &add("commune.pub.json", "schemas/identity.json"));
}

#[test]
fn a_bad_jurisdiction_name_is_blamed_on_the_name() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let init = |name: &'static str| {
        [
            "issuer",
            "init",
            "--name",
            "UBND tỉnh An Giang",
            "--tier",
            "province",
            "--jurisdiction",
            "VN-44",
            "--jurisdiction-name",
            name,
            "--out",
            "k.json",
            "--public",
            "p.json",
        ]
    };
    let line = fails(
        d,
        &init("An\u{7}Giang"),
        "--jurisdiction-name: invalid jurisdiction name 'An<U+0007>Giang'",
    );
    assert!(!line.contains("jurisdiction code"), "{line}");
    assert!(line.contains("use 1-256 printable characters"), "{line}");
    let line = fails(
        d,
        &init(""),
        "--jurisdiction-name: invalid jurisdiction name",
    );
    assert!(line.contains("empty"), "{line}");
    assert!(!d.join("k.json").exists());
    // A bad code is still blamed on the code.
    let mut bad_code = init("An Giang");
    bad_code[7] = "vn-44";
    fails(
        d,
        &bad_code,
        "--jurisdiction: invalid jurisdiction code 'vn-44'",
    );
    ok(d, &init("An Giang"));
}

#[test]
fn a_bad_verifier_id_is_blamed_on_its_flag_or_file() {
    let tmp = copy_flow();
    let d = tmp.path();
    let init = |id: &'static str, name: &'static str, scope: &'static str| {
        [
            "verifier",
            "init",
            "--id",
            id,
            "--name",
            name,
            "--scope",
            scope,
            "--out",
            "lab.key.json",
            "--public",
            "lab.pub.json",
        ]
    };
    fails(
        d,
        &init("Lab", "Lab", "lab-visits"),
        "--id: invalid verifier id 'Lab'",
    );
    fails(
        d,
        &init("lab", "Lab\u{200B}", "lab-visits"),
        "--name: invalid verifier name",
    );
    fails(
        d,
        &init("lab", "Lab", "lab\u{2066}visits"),
        "--scope: invalid pseudonym scope",
    );
    // A verifier id edited in a file is blamed on that file, wherever it is read: the key
    // file of `request new` (not the spec), the public info of `verifiers add` and `verify`.
    for (name, field) in [
        ("clinic.verifier.key.json", "/info/id"),
        ("clinic.verifier.pub.json", "/id"),
    ] {
        let text = fs::read_to_string(d.join(name)).unwrap();
        let mut doc: serde_json::Value = serde_json::from_str(&text).unwrap();
        *doc.pointer_mut(field).unwrap() = "Clinic".into();
        fs::write(d.join(format!("bad.{name}")), doc.to_string()).unwrap();
    }
    let line = fails(
        d,
        &[
            "request",
            "new",
            "--verifier-key",
            "bad.clinic.verifier.key.json",
            "--spec",
            "spec.json",
            "--schemas",
            "schemas",
            "--out",
            "r.json",
            "--keys",
            "k.json",
        ],
        "bad.clinic.verifier.key.json: ",
    );
    assert!(line.contains("invalid verifier id 'Clinic'"), "{line}");
    assert!(!line.contains("spec.json"), "{line}");
    fails(
        d,
        &[
            "verifiers",
            "add",
            "--registry",
            "verifiers.json",
            "--verifier",
            "bad.clinic.verifier.pub.json",
        ],
        "bad.clinic.verifier.pub.json: invalid verifier id 'Clinic'",
    );
    fails(
        d,
        &strs(&verify_with("--verifier", "bad.clinic.verifier.pub.json")),
        "bad.clinic.verifier.pub.json: invalid verifier id 'Clinic'",
    );
    // Another verifier's public info at verify: blamed on --verifier.
    fails(
        d,
        &strs(&verify_with("--verifier", "pharmacy.verifier.pub.json")),
        "pharmacy.verifier.pub.json (--verifier): the request names verifier 'clinic'",
    );
}

/// Writes `spec` as `d/name` with one identity credential and `predicates` on it.
fn identity_spec(d: &Path, name: &str, predicates: &str) {
    let spec = format!(
        r#"{{ "version": 1, "credentials": [ {{ "label": "identity", "schema": "vn.commune.identity",
              "predicates": {predicates} }} ] }}"#
    );
    fs::write(d.join(name), spec).unwrap();
}

/// `request new` of `spec` into `out` and `keys`.
fn request_new(spec: &str, out: &str, keys: &str) -> Vec<String> {
    [
        "request",
        "new",
        "--verifier-key",
        "clinic.verifier.key.json",
        "--spec",
        spec,
        "--schemas",
        "schemas",
        "--out",
        out,
        "--keys",
        keys,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

#[test]
fn predicates_are_described_with_dates_and_integers() {
    let tmp = copy_flow();
    let d = tmp.path();
    // An empty date range: blamed on the spec, its ends written as dates.
    identity_spec(
        d,
        "empty.json",
        r#"[ { "attribute": "birth_date",
               "predicate": { "range": { "lo": { "date": "2000-01-01" },
                                         "hi": { "date": "1990-01-01" } } } } ]"#,
    );
    let line = fails(
        d,
        &strs(&request_new("empty.json", "r.json", "k.json")),
        "empty.json: invalid request: 'identity': predicate 0 \
         (birth_date: in [2000-01-01, 1990-01-01]): empty range",
    );
    assert!(
        line.contains("lower end 2000-01-01 is above the upper end 1990-01-01"),
        "{line}"
    );
    assert!(!line.contains("922337"), "{line}");
    // A range and a comparison on dates that hold: the verify output says what held, in dates.
    identity_spec(
        d,
        "dates.json",
        r#"[ { "attribute": "birth_date",
               "predicate": { "range": { "lo": { "date": "1990-01-01" },
                                         "hi": { "date": "2005-12-31" } } } },
             { "attribute": "birth_date",
               "predicate": { "compare": { "op": "<", "value": { "date": "2003-01-01" } } } } ]"#,
    );
    ok(
        d,
        &strs(&request_new(
            "dates.json",
            "dates.req.json",
            "dates.keys.json",
        )),
    );
    ok(
        d,
        &[
            "present",
            "--wallet",
            "wallet.json",
            "--request",
            "dates.req.json",
            "--verifiers",
            "verifiers.json",
            "--keys",
            "dates.keys.json",
            "--out",
            "dates.pres.json",
        ],
    );
    let mut args = verify_with("--request", "dates.req.json");
    for (flag, value) in [
        ("--keys", "dates.keys.json"),
        ("--presentation", "dates.pres.json"),
    ] {
        let i = args.iter().position(|a| a == flag).unwrap();
        args[i + 1] = value.into();
    }
    let out = ok(d, &strs(&args));
    let result: serde_json::Value = serde_json::from_str(&out).unwrap();
    let held: Vec<&str> = result["predicates_held"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["holds"].as_str().unwrap())
        .collect();
    assert!(
        held.contains(&"birth_date: in [1990-01-01, 2005-12-31]"),
        "{held:?}"
    );
    assert!(held.contains(&"birth_date: < 2003-01-01"), "{held:?}");
    assert!(!out.contains("922337"), "{out}");
    // A false one is refused by the holder, described the same way.
    identity_spec(
        d,
        "false.json",
        r#"[ { "attribute": "birth_date",
               "predicate": { "range": { "lo": { "date": "1990-01-01" },
                                         "hi": { "date": "1999-12-31" } } } } ]"#,
    );
    ok(
        d,
        &strs(&request_new(
            "false.json",
            "false.req.json",
            "false.keys.json",
        )),
    );
    present_fails_with(
        d,
        "false.req.json",
        "false.keys.json",
        "predicate 'birth_date: in [1990-01-01, 1999-12-31]' does not hold",
    );
}

/// `present` of `request` with `keys` (the flow's wallet and verifier registry) must fail
/// with `needle`.
fn present_fails_with(d: &Path, request: &str, keys: &str, needle: &str) -> String {
    fails(
        d,
        &[
            "present",
            "--wallet",
            "wallet.json",
            "--request",
            request,
            "--verifiers",
            "verifiers.json",
            "--keys",
            keys,
            "--out",
            "p.json",
        ],
        needle,
    )
}

#[test]
fn keys_of_another_request_are_blamed_on_keys() {
    let tmp = copy_flow();
    let d = tmp.path();
    identity_spec(
        d,
        "count.json",
        r#"[ { "attribute": "birth_date",
               "predicate": { "range": { "lo": { "date": "1900-01-01" },
                                         "hi": { "date": "2100-12-31" } } } } ]"#,
    );
    ok(
        d,
        &strs(&request_new(
            "count.json",
            "count.req.json",
            "count.keys.json",
        )),
    );
    // The holder: the flow's keys have no key for the comparison.
    let line = present_fails_with(
        d,
        "count.req.json",
        "keys.json",
        "keys.json (--keys): credential 'identity': the predicate keys have no key for circuit",
    );
    assert!(
        line.contains("'birth_date: in [1900-01-01, 2100-12-31]'"),
        "{line}"
    );
    // The verifier: the same with its own keys.
    ok(
        d,
        &[
            "present",
            "--wallet",
            "wallet.json",
            "--request",
            "count.req.json",
            "--verifiers",
            "verifiers.json",
            "--keys",
            "count.keys.json",
            "--out",
            "count.pres.json",
        ],
    );
    let mut args = verify_with("--request", "count.req.json");
    let i = args.iter().position(|a| a == "--presentation").unwrap();
    args[i + 1] = "count.pres.json".into();
    fails(d, &strs(&args), "keys.json (--keys): credential 'identity'");
    // A presentation for another request is named as such, before its counts are compared.
    let mut args = verify_with("--request", "count.req.json");
    let i = args.iter().position(|a| a == "--keys").unwrap();
    args[i + 1] = "count.keys.json".into();
    fails(
        d,
        &strs(&args),
        "presentation does not answer this request: it answers request",
    );
    // Schemas without the request's: blamed on --schemas.
    fails(
        d,
        &strs(&verify_with("--schemas", "schemas/residency.json")),
        "--schemas: unknown schema",
    );
}

#[test]
fn names_with_bidi_or_invisible_characters_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let init = |name: &'static str, out: &'static str, public: &'static str| {
        [
            "issuer",
            "init",
            "--name",
            name,
            "--tier",
            "commune",
            "--jurisdiction",
            "VN-44",
            "--out",
            out,
            "--public",
            public,
        ]
    };
    let line = fails(
        d,
        &init("UBND xã \u{202E}gnuH aòH", "k.json", "p.json"),
        "--name: invalid issuer name 'UBND xã <U+202E>gnuH aòH'",
    );
    assert!(
        line.contains("U+202E, a bidirectional control character"),
        "{line}"
    );
    assert!(!line.contains('\u{202E}'), "{line}");
    fails(
        d,
        &init("UBND\u{FEFF} xã", "k.json", "p.json"),
        "U+FEFF, an invisible character",
    );
    fails(
        d,
        &init("UBND xa\u{AD}̃", "k.json", "p.json"),
        "U+00AD, an invisible character",
    );
    assert!(!d.join("k.json").exists() && !d.join("p.json").exists());
    // Vietnamese, composed and decomposed, is a name.
    ok(
        d,
        &init("UBND xã Mỹ Hòa Hưng", "nfc.key.json", "nfc.pub.json"),
    );
    ok(
        d,
        &init(
            "UBND xa\u{303} My\u{303} Ho\u{300}a Hu\u{31B}ng",
            "nfd.key.json",
            "nfd.pub.json",
        ),
    );
    // A public info file edited to carry U+202E is refused by every reader.
    let text = fs::read_to_string(d.join("nfc.pub.json")).unwrap();
    let mut doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    doc["name"] = "UBND \u{202E}xã".into();
    fs::write(d.join("evil.pub.json"), doc.to_string()).unwrap();
    fails(
        d,
        &[
            "registry",
            "add",
            "--registry",
            "registry.json",
            "--issuer",
            "evil.pub.json",
            "--schema",
            data("identity.schema.json").to_str().unwrap(),
        ],
        "evil.pub.json: invalid issuer name 'UBND <U+202E>xã'",
    );
}

/// Every hex string of `value` (only `0-9 a-f`, even length, at least 16 digits) in
/// uppercase, except `context_id`, whose text is itself the pseudonym context.
fn upper_hex(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::String(s)
            if s.len() >= 16 && s.len() % 2 == 0 && s.bytes().all(|b| b.is_ascii_hexdigit()) =>
        {
            *s = s.to_ascii_uppercase();
        }
        Value::Array(items) => items.iter_mut().for_each(upper_hex),
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                if key != "context_id" {
                    upper_hex(v);
                }
            }
        }
        _ => {}
    }
}

#[test]
fn uppercase_hex_reads_as_lowercase_and_cannot_replay() {
    let tmp = copy_flow();
    let d = tmp.path();
    let request_id = {
        let text = fs::read_to_string(d.join("request.json")).unwrap();
        let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
        doc["request_id"].as_str().unwrap().to_owned()
    };
    // Uppercase copies of every document the holder and the verifier read.
    fs::create_dir(d.join("UP")).unwrap();
    fs::create_dir(d.join("UP/schemas")).unwrap();
    for name in [
        "wallet.json",
        "request.json",
        "verifiers.json",
        "keys.json",
        "presentation.json",
        "registry.json",
        "clinic.verifier.pub.json",
        "schemas/identity.json",
        "schemas/residency.json",
    ] {
        let text = fs::read_to_string(d.join(name)).unwrap();
        let mut doc: serde_json::Value = serde_json::from_str(&text).unwrap();
        upper_hex(&mut doc);
        let upper = doc.to_string();
        assert_ne!(
            upper,
            serde_json::from_str::<serde_json::Value>(&text)
                .unwrap()
                .to_string()
        );
        fs::write(d.join("UP").join(name), upper).unwrap();
    }
    // The holder answers the uppercase request from the uppercase wallet and keys.
    ok(
        d,
        &[
            "present",
            "--wallet",
            "UP/wallet.json",
            "--request",
            "UP/request.json",
            "--verifiers",
            "UP/verifiers.json",
            "--keys",
            "UP/keys.json",
            "--out",
            "UP/again.json",
        ],
    );
    // The verifier reads every uppercase document: the same request, written lowercase.
    let up = |args: Vec<String>| -> Vec<String> {
        args.into_iter()
            .map(|a| {
                if a.ends_with(".json") && a != "nonces.json" || a == "schemas" {
                    format!("UP/{a}")
                } else {
                    a
                }
            })
            .collect()
    };
    let out = ok(d, &strs(&up(verify_with("--nonces", "nonces.json"))));
    let result: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(result["request_id"].as_str().unwrap(), request_id);
    // Its nonce is the lowercase request's nonce: neither can be used again.
    fails(d, &VERIFY, "replayed nonce for verifier 'clinic'");
    let again = up(verify_with("--presentation", "again.json"));
    fails(d, &strs(&again), "replayed nonce for verifier 'clinic'");
}

#[test]
fn a_file_given_to_the_wrong_flag_is_named_for_what_it_is() {
    let tmp = copy_flow();
    let d = tmp.path();
    let id_attrs = data("identity.attributes.json");
    let res_attrs = data("residency.attributes.json");
    ok(
        d,
        &[
            "wallet",
            "commit",
            "--wallet",
            "wallet.json",
            "--schema",
            "schemas/identity.json",
            "--issuer",
            "commune.pub.json",
            "--out",
            "x.req.json",
        ],
    );
    let issue = |issuer: &'static str, schema: &'static str, attrs: &Path| {
        vec![
            "issue".to_owned(),
            "--issuer".into(),
            issuer.into(),
            "--schema".into(),
            schema.into(),
            "--attributes".into(),
            attrs.to_str().unwrap().into(),
            "--request".into(),
            "x.req.json".into(),
            "--out".into(),
            "x.cred.json".into(),
        ]
    };
    // The public info where the key file belongs.
    fails(
        d,
        &strs(&issue(
            "commune.pub.json",
            "schemas/identity.json",
            &id_attrs,
        )),
        "commune.pub.json: this is an issuer's public info, not an issuer key file",
    );
    // Attributes of another schema: blamed on --attributes.
    fails(
        d,
        &strs(&issue(
            "commune.key.json",
            "schemas/identity.json",
            &res_attrs,
        )),
        "residency.attributes.json (--attributes): unknown attribute 'province'",
    );
    // Another schema than the request's: blamed on --schema, saying what the request asks.
    let line = fails(
        d,
        &strs(&issue(
            "commune.key.json",
            "schemas/residency.json",
            &id_attrs,
        )),
        "schemas/residency.json (--schema): the issuance request x.req.json asks for a \
         credential of schema",
    );
    assert!(!line.contains("unknown schema"), "{line}");
    // A validity that ends before it starts: blamed on --expires.
    let mut args = issue("commune.key.json", "schemas/identity.json", &id_attrs);
    args.extend(["--issued-on", "2026-01-10", "--expires", "2026-01-09"].map(String::from));
    fails(
        d,
        &strs(&args),
        "--expires: credential expires (2026-01-09)",
    );
    // A trust registry where the verifier registry belongs, and the reverse.
    present_fails(
        d,
        "request.json",
        "registry.json",
        "registry.json: this is a trust registry, not a verifier registry",
    );
    fails(
        d,
        &strs(&verify_with("--registry", "verifiers.json")),
        "verifiers.json: this is a verifier registry, not a trust registry",
    );
    // The request where the presentation belongs.
    fails(
        d,
        &strs(&verify_with("--presentation", "request.json")),
        "request.json: this is a signed presentation request, not a presentation",
    );
}

/// The flow's request made again by the clinic `ago` before now and valid for an hour,
/// signed with the clinic's key (as the clinic would have then), written to
/// `old.request.json`; returns its window.
fn old_request(d: &Path, ago: std::time::Duration) -> zkcred::credential::RequestWindow {
    use zkcred::credential::{JsonDocument, RequestWindow, SignedRequest, Timestamp, VerifierKey};
    let signed: SignedRequest = read_lib(d, "request.json");
    let clinic: VerifierKey = read_lib(d, "clinic.verifier.key.json");
    let made_at = Timestamp::now().unwrap().checked_sub(ago).unwrap();
    let mut request = signed.request().clone();
    request.window =
        RequestWindow::starting(made_at, std::time::Duration::from_secs(3_600)).unwrap();
    let window = request.window;
    let old = SignedRequest::sign(request, &clinic).unwrap();
    fs::write(d.join("old.request.json"), old.to_json().unwrap()).unwrap();
    window
}

/// A request made two days ago and valid for an hour: `present` refuses to answer it, and
/// `verify` refuses an (honest) presentation made for it while it was valid, both saying
/// "expired" with its end and the clock, not "invalid request".
#[test]
fn an_old_request_is_reported_as_expired() {
    use zkcred::credential::{PredicateKeySet, VerifierRegistry, Wallet};
    let tmp = copy_flow();
    let d = tmp.path();
    // Credentials valid two days ago too.
    ok(d, &["wallet", "init", "--out", "w.json"]);
    for (who, schema, attrs) in [
        (
            "commune",
            "schemas/identity.json",
            "identity.attributes.json",
        ),
        (
            "province",
            "schemas/residency.json",
            "residency.attributes.json",
        ),
    ] {
        get_credential(
            d,
            "w.json",
            who,
            schema,
            &data(attrs),
            &["--issued-on", "2020-01-01"],
        );
    }
    let window = old_request(d, std::time::Duration::from_secs(2 * 86_400));
    let present = [
        "present",
        "--wallet",
        "w.json",
        "--request",
        "old.request.json",
        "--verifiers",
        "verifiers.json",
        "--keys",
        "keys.json",
        "--out",
        "old.presentation.json",
    ];
    let line = fails(d, &present, "ask the verifier for a new request");
    let expected = format!("error: request expired at {} (now ", window.valid_until);
    assert!(line.starts_with(&expected), "{line}");
    assert!(!d.join("old.presentation.json").exists());
    // The holder answered while it was valid (the library, with the clock of then).
    let wallet: Wallet = read_lib(d, "w.json");
    let verifiers: VerifierRegistry = read_lib(d, "verifiers.json");
    let keys: PredicateKeySet = read_lib(d, "keys.json");
    let p = wallet
        .present(
            &read_lib(d, "old.request.json"),
            &verifiers,
            &keys.holder_keys().unwrap(),
            Some(window.made_at),
            &mut rand::rngs::OsRng,
        )
        .unwrap();
    fs::write(
        d.join("old.presentation.json"),
        zkcred::credential::JsonDocument::to_json(&p).unwrap(),
    )
    .unwrap();
    let mut args = verify_with("--request", "old.request.json");
    let i = args.iter().position(|a| a == "--presentation").unwrap();
    args[i + 1] = "old.presentation.json".into();
    let line = fails(d, &strs(&args), "ask the verifier for a new request");
    assert!(line.starts_with(&expected), "{line}");
    assert!(!line.contains("invalid"), "{line}");
    // Refused before the nonce file is touched.
    assert!(!d.join("nonces.json").exists());
}

/// `request new` without `--valid-for` makes a request valid for one hour from now and says
/// so; malformed or too long durations are one-line errors (exit 1) before anything is made.
#[test]
fn request_new_has_a_window_and_valid_for_errors_are_one_line() {
    use zkcred::credential::{SignedRequest, Timestamp};
    let tmp = copy_flow();
    let d = tmp.path();
    let new = |valid_for: Option<&str>| {
        let mut args = vec![
            "request",
            "new",
            "--verifier-key",
            "clinic.verifier.key.json",
            "--spec",
            "spec.json",
            "--schemas",
            "schemas",
            "--out",
            "r.json",
            "--keys",
            "k.json",
        ];
        if let Some(v) = valid_for {
            args.push(v);
        }
        args.into_iter().map(str::to_owned).collect::<Vec<_>>()
    };
    for (flag, needle) in [
        ("--valid-for=5x", "--valid-for '5x': no unit"),
        ("--valid-for=0s", "must be more than zero"),
        ("--valid-for=1.5h", "not a whole number"),
        ("--valid-for=-1h", "not a whole number"),
        ("--valid-for=", "empty"),
        ("--valid-for=8d", "--valid-for 8d: at most 7d"),
    ] {
        let line = fails(d, &strs(&new(Some(flag))), needle);
        assert!(!line.contains("invalid request"), "{line}");
        assert!(!d.join("r.json").exists());
    }
    let before = Timestamp::now().unwrap();
    let out = ok(d, &strs(&new(None)));
    let after = Timestamp::now().unwrap();
    let signed: SignedRequest = read_lib(d, "r.json");
    let w = signed.request().window;
    assert!(before <= w.made_at && w.made_at <= after, "{w:?}");
    assert_eq!(w.lifetime(), std::time::Duration::from_secs(3_600));
    let said = format!("valid from {} until {} (UTC, 1h)", w.made_at, w.valid_until);
    assert!(out.contains(&said), "{out}");
    let v: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(d.join("r.json")).unwrap()).unwrap();
    assert_eq!(v["request"]["version"], 2);
    assert!(v["request"]["made_at"].as_str().unwrap().ends_with('Z'));
}

/// The nonce file keeps each nonce until its request's window has closed (plus the skew)
/// and drops it afterwards: an entry of an expired request goes when the file is next
/// written, one of a request still valid stays, and the new one is kept until its own end.
#[test]
fn the_nonce_file_drops_nonces_of_expired_requests() {
    use zkcred::credential::{SignedRequest, Timestamp, CLOCK_SKEW};
    let tmp = copy_flow();
    let d = tmp.path();
    let (gone, kept) = ("ab".repeat(32), "cd".repeat(32));
    let later = Timestamp::now()
        .unwrap()
        .checked_add(std::time::Duration::from_secs(86_400))
        .unwrap();
    let file = serde_json::json!({ "version": 3, "nonces": [
        { "verifier_id": "clinic", "nonce": gone, "keep_until": "2026-01-01T00:05:00Z" },
        { "verifier_id": "clinic", "nonce": kept, "keep_until": later.to_string() },
    ]});
    fs::write(d.join("nonces.json"), file.to_string()).unwrap();
    ok(d, &VERIFY);
    let text = fs::read_to_string(d.join("nonces.json")).unwrap();
    assert!(!text.contains(&gone), "{text}");
    assert!(!text.contains("2026-01-01T00:05:00Z"), "{text}");
    assert!(text.contains(&kept), "{text}");
    let signed: SignedRequest = read_lib(d, "request.json");
    let window = signed.request().window;
    let until = window.valid_until.checked_add(CLOCK_SKEW).unwrap();
    let entry = serde_json::json!({
        "verifier_id": "clinic",
        "nonce": signed.request().nonce.to_string(),
        "keep_until": until.to_string(),
    });
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["version"], 3);
    assert!(
        doc["nonces"].as_array().unwrap().contains(&entry),
        "{entry} not in {text}"
    );
    fails(d, &VERIFY, "replayed nonce");
}
