//! Gateways under test: `zkcred-gateway` processes started from a config, their CPU time
//! (from `/proc`), and a `redis-server` for the replicated setup.

use crate::Error;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// One running gateway process.
pub struct GatewayProcess {
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    child: Child,
}

impl GatewayProcess {
    /// Starts `binary --config <file>` with `config` written to `file`; waits for its
    /// "listening" line.
    pub fn start(binary: &Path, config: &str, file: &Path) -> Result<Self, Error> {
        std::fs::write(file, config)?;
        let mut child = Command::new(binary)
            .arg("--config")
            .arg(file)
            .env("ZKCRED_GATEWAY_LOG_LEVEL", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", binary.display()))?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut lines = BufReader::new(stdout).lines();
            if let Some(Ok(line)) = lines.next() {
                let _ = tx.send(line);
            }
            for _ in lines {}
        });
        let line = rx
            .recv_timeout(Duration::from_secs(300))
            .map_err(|_| "the gateway did not start")?;
        let url = line
            .strip_prefix("zkcred-gateway listening on ")
            .ok_or_else(|| format!("unexpected first line from the gateway: {line}"))?
            .to_owned();
        Ok(Self { url, child })
    }

    /// User + system CPU seconds the process has used so far.
    pub fn cpu_seconds(&self) -> Result<f64, Error> {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.child.id()))?;
        // Fields after the command name (which may hold spaces, so split at its ')'):
        // state is field 3, utime field 14, stime field 15.
        let rest = stat
            .rsplit_once(')')
            .ok_or("an unexpected /proc stat line")?
            .1;
        let fields: Vec<&str> = rest.split_whitespace().collect();
        let ticks = |i: usize| -> Result<u64, Error> {
            Ok(fields.get(i).ok_or("a short /proc stat line")?.parse()?)
        };
        Ok((ticks(11)? + ticks(12)?) as f64 / clock_ticks_per_second())
    }
}

impl Drop for GatewayProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `getconf CLK_TCK` (100 on Linux unless configured otherwise).
fn clock_ticks_per_second() -> f64 {
    static TICKS: std::sync::OnceLock<f64> = std::sync::OnceLock::new();
    *TICKS.get_or_init(|| {
        Command::new("getconf")
            .arg("CLK_TCK")
            .output()
            .ok()
            .and_then(|o| String::from_utf8(o.stdout).ok())
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(100.0)
    })
}

/// Gateways that serve one configuration: one process (embedded store) or several replicas
/// sharing one Redis.
pub struct Fleet {
    /// What the fleet is, for the report (`embedded`, `redis x2`).
    pub setup: String,
    /// `single` (limits.max_batch = 1) or `batch`.
    pub mode: String,
    /// Its processes.
    pub replicas: Vec<GatewayProcess>,
}

impl Fleet {
    /// Starts `count` replicas of `config`, configs written as `dir/NAME-i.toml`.
    pub fn start(
        binary: &Path,
        dir: &Path,
        name: &str,
        config: &str,
        count: usize,
    ) -> Result<Vec<GatewayProcess>, Error> {
        (0..count)
            .map(|i| {
                let file: PathBuf = dir.join(format!("{name}-{i}.toml"));
                GatewayProcess::start(binary, config, &file)
            })
            .collect()
    }

    /// Total CPU seconds of the fleet's processes.
    pub fn cpu_seconds(&self) -> Result<f64, Error> {
        self.replicas.iter().map(GatewayProcess::cpu_seconds).sum()
    }
}

/// `zkcred-gateway` next to this binary (cargo builds both into one target directory).
pub fn default_gateway_binary() -> Result<PathBuf, Error> {
    let exe = std::env::current_exe()?;
    let dir = exe.parent().ok_or("the load generator has no directory")?;
    let path = dir.join("zkcred-gateway");
    if path.is_file() {
        Ok(path)
    } else {
        Err(format!(
            "{} not found: build it (`cargo build --release -p zkcred-gateway --bins`) or pass \
             --gateway PATH",
            path.display()
        )
        .into())
    }
}
