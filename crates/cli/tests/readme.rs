//! Runs the README's CLI block exactly as written (with `bash -eu -o pipefail`, from the
//! checkout's root, as a newcomer would), so the README stays true: every command succeeds, the
//! verifier prints a verified result, and nothing is written into the checkout.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The checkout's root.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The first ```sh block after the `## CLI` heading of the README.
fn cli_block(readme: &str) -> String {
    let section = readme
        .split("\n## CLI\n")
        .nth(1)
        .expect("the README has a CLI section");
    let start = section
        .find("```sh\n")
        .expect("the CLI section has a sh block")
        + 6;
    let len = section[start..].find("```").expect("the block ends");
    section[start..start + len].to_owned()
}

#[test]
fn the_readme_cli_block_runs_as_written() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let block = cli_block(&readme);
    assert!(block.contains("zkcred verify"), "{block}");
    let scratch = tempfile::tempdir().unwrap();
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_zkcred")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new("bash")
        .args(["-eu", "-o", "pipefail", "-c", &block])
        .current_dir(root())
        .env("PATH", path)
        // `mktemp -d` makes the block's directory inside the test's scratch directory.
        .env("TMPDIR", scratch.path())
        .output()
        .expect("bash runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("\"verified\": true"), "{stdout}");
    assert!(stdout.contains("2 credentials, 0 pending"), "{stdout}");
    for made in ["wallet.json", "commune.key.json", "keys.json", "schemas"] {
        assert!(
            !root().join(made).exists(),
            "{made} written into the checkout"
        );
    }
    let dirs: Vec<_> = std::fs::read_dir(scratch.path()).unwrap().collect();
    assert_eq!(dirs.len(), 1, "the block works in one mktemp directory");
}
