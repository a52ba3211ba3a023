//! The `zkcred` binary with hidden issuers (issue 11): schemas with issuer hiding, a request
//! spec with `"hide_issuer": true` resolved from the verifier's registry (`request new
//! --registry`), the holder's registry (`present --issuers`), and a verify result that names
//! the sets, never the issuers.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zkcred"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the zkcred binary runs")
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = run(dir, args);
    assert!(
        out.status.success(),
        "zkcred {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn data(name: &str) -> String {
    format!("{}/data/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// Issues a credential of `schema` from issuer `who` into `wallet.json`.
fn credential(d: &Path, who: &str, schema: &str, attributes: &str) {
    let (req, cred) = (format!("{who}.req.json"), format!("{who}.cred.json"));
    let (key, public) = (format!("{who}.key.json"), format!("{who}.pub.json"));
    ok(
        d,
        &[
            "wallet",
            "commit",
            "--wallet",
            "wallet.json",
            "--schema",
            schema,
            "--issuer",
            &public,
            "--out",
            &req,
        ],
    );
    ok(
        d,
        &[
            "issue",
            "--issuer",
            &key,
            "--schema",
            schema,
            "--attributes",
            &data(attributes),
            "--request",
            &req,
            "--valid-days",
            "3650",
            "--out",
            &cred,
        ],
    );
    ok(
        d,
        &[
            "wallet",
            "add",
            "--wallet",
            "wallet.json",
            "--credential",
            &cred,
            "--issuer",
            &public,
            "--schema",
            schema,
        ],
    );
}

#[test]
fn the_cli_hides_both_issuers() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fs::create_dir_all(d.join("schemas")).unwrap();
    let issuers = [
        ("commune", "commune", "VN-44-0001"),
        ("commune2", "commune", "VN-44-0002"),
        ("province", "province", "VN-44"),
        ("province2", "province", "VN-89"),
        ("province3", "province", "VN-92"),
    ];
    for (who, tier, place) in issuers {
        ok(
            d,
            &[
                "issuer",
                "init",
                "--name",
                who,
                "--tier",
                tier,
                "--jurisdiction",
                place,
                "--out",
                &format!("{who}.key.json"),
                "--public",
                &format!("{who}.pub.json"),
            ],
        );
    }
    for name in ["identity", "residency"] {
        let out = format!("schemas/{name}.json");
        ok(
            d,
            &["schema", "sample", name, "--issuer-hiding", "--out", &out],
        );
    }
    ok(d, &["wallet", "init", "--out", "wallet.json"]);
    credential(
        d,
        "commune",
        "schemas/identity.json",
        "identity.attributes.json",
    );
    credential(
        d,
        "province",
        "schemas/residency.json",
        "residency.attributes.json",
    );
    ok(
        d,
        &[
            "verifier",
            "init",
            "--id",
            "clinic",
            "--name",
            "Clinic",
            "--scope",
            "clinic-visits",
            "--out",
            "clinic.key.json",
            "--public",
            "clinic.pub.json",
        ],
    );
    ok(
        d,
        &[
            "verifiers",
            "add",
            "--registry",
            "verifiers.json",
            "--verifier",
            "clinic.pub.json",
        ],
    );
    for (who, tier, _) in issuers {
        let schema = if tier == "commune" {
            "identity"
        } else {
            "residency"
        };
        ok(
            d,
            &[
                "registry",
                "add",
                "--registry",
                "registry.json",
                "--issuer",
                &format!("{who}.pub.json"),
                "--schema",
                &format!("schemas/{schema}.json"),
            ],
        );
    }
    // The sample spec with both issuers hidden.
    let mut spec: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(data("clinic.request-spec.json")).unwrap())
            .unwrap();
    for c in spec["credentials"].as_array_mut().unwrap() {
        c["hide_issuer"] = true.into();
    }
    fs::write(d.join("spec.json"), spec.to_string()).unwrap();
    let request_new = |extra: &[&str]| {
        let mut args = vec![
            "request",
            "new",
            "--verifier-key",
            "clinic.key.json",
            "--spec",
            "spec.json",
            "--schemas",
            "schemas",
            "--out",
            "request.json",
            "--keys",
            "keys.json",
            "--force",
        ];
        args.extend_from_slice(extra);
        run(d, &args)
    };
    let out = request_new(&[]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("needs the trust registry"), "{stderr}");
    let out = request_new(&["--registry", "registry.json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let present = |extra: &[&str]| {
        let mut args = vec![
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
            "--force",
        ];
        args.extend_from_slice(extra);
        run(d, &args)
    };
    // Without its own registry the wallet cannot take the accepted issuers' keys.
    let out = present(&[]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("not in the trust registry"), "{stderr}");
    let out = present(&["--issuers", "registry.json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let presentation = fs::read_to_string(d.join("presentation.json")).unwrap();
    assert!(!presentation.contains("issuer_id"), "{presentation}");
    let text = ok(
        d,
        &[
            "verify",
            "--request",
            "request.json",
            "--verifier",
            "clinic.pub.json",
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
        ],
    );
    let result: serde_json::Value = serde_json::from_str(&text).unwrap();
    let res = &result["credentials"]["residency"];
    assert!(res.get("issuer").is_none(), "{text}");
    assert_eq!(
        res["hidden_issuer"]["summary"],
        "one of the 3 accepted province issuers"
    );
    assert_eq!(
        result["credentials"]["identity"]["hidden_issuer"]["summary"],
        "one of the 2 accepted commune issuers"
    );
}
