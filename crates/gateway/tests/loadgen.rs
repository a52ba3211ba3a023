//! The load generator runs against real gateway processes (both setups, both modes) and
//! reports every level; a tiny run here, the real one in BENCHMARKS.md.

use serde_json::Value;
use std::process::Command;

#[test]
fn the_load_generator_reports_every_level_with_every_post_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("load.json");
    let output = Command::new(env!("CARGO_BIN_EXE_zkcred-loadgen"))
        .args(["--gateway", env!("CARGO_BIN_EXE_zkcred-gateway")])
        .args(["--setups", "embedded,redis", "--concurrency", "1,4"])
        .args(["--presentations", "8", "--json"])
        .arg(&json)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("| setup | mode | concurrency |"),
        "{stdout}"
    );
    assert!(
        stdout.contains("per core, batched / one by one"),
        "{stdout}"
    );
    let rows: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(rows.len(), 8, "2 setups x 2 levels x 2 modes: {rows:?}");
    for setup in ["embedded", "redis x2"] {
        for mode in ["single", "batch"] {
            for concurrency in [1, 4] {
                let row = rows
                    .iter()
                    .find(|r| {
                        r["setup"] == setup && r["mode"] == mode && r["concurrency"] == concurrency
                    })
                    .unwrap_or_else(|| panic!("no row {setup} {mode} {concurrency}"));
                assert_eq!(
                    (&row["posted"], &row["accepted"]),
                    (&8.into(), &8.into()),
                    "{row}"
                );
                assert!(row["per_second"].as_f64().unwrap() > 0.0, "{row}");
                assert!(row["cpu_seconds"].as_f64().unwrap() > 0.0, "{row}");
                let p50 = row["p50_ms"].as_f64().unwrap();
                assert!(p50 > 0.0 && p50 <= row["p99_ms"].as_f64().unwrap(), "{row}");
                let batch = row["mean_batch"].as_f64().unwrap();
                if mode == "single" {
                    assert_eq!(batch, 1.0, "{row}");
                } else {
                    assert!((1.0..=4.0).contains(&batch), "{row}");
                }
            }
        }
    }
}
