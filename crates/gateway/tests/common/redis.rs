//! A real `redis-server` for tests: started on a free loopback port, without persistence
//! ([`RedisServer::start`]) or with an append-only file fsynced on every write
//! ([`RedisServer::start_persistent`]: a restart keeps every key), stopped on drop. Without `redis-server` on the PATH a test fails with the fix (`apt
//! install redis-server`), unless `ZKCRED_SKIP_REDIS=1` is set (then it is skipped, loudly).

// Each test binary uses its part of it.
#![allow(dead_code)]

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running `redis-server`.
#[derive(Debug)]
pub struct RedisServer {
    port: u16,
    child: Option<Child>,
    /// With persistence: the directory of the append-only file.
    dir: Option<tempfile::TempDir>,
}

impl RedisServer {
    /// Starts a server; `None` only when skipping is asked for and there is no server.
    pub fn start() -> Option<Self> {
        Self::start_with(None)
    }

    /// Starts a server that keeps its keys across [`RedisServer::restart`] (append-only
    /// file, fsync on every write).
    pub fn start_persistent() -> Option<Self> {
        Self::start_with(Some(tempfile::tempdir().expect("a temporary directory")))
    }

    fn start_with(dir: Option<tempfile::TempDir>) -> Option<Self> {
        let found = Command::new("redis-server")
            .arg("--version")
            .stdout(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !found {
            if std::env::var("ZKCRED_SKIP_REDIS").as_deref() == Ok("1") {
                eprintln!("SKIPPED: redis-server not found and ZKCRED_SKIP_REDIS=1");
                return None;
            }
            panic!("redis-server not found: `apt install redis-server` (or ZKCRED_SKIP_REDIS=1)");
        }
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let mut server = Self {
            port,
            child: None,
            dir,
        };
        server.restart();
        Some(server)
    }

    /// `redis://127.0.0.1:PORT/`.
    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}/", self.port)
    }

    /// Kills the server (as a crash would).
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Starts the server again on the same port and waits until it accepts connections.
    pub fn restart(&mut self) {
        self.stop();
        let mut command = Command::new("redis-server");
        command
            .args(["--port", &self.port.to_string(), "--bind", "127.0.0.1"])
            .args(["--save", "", "--protected-mode", "yes"]);
        match &self.dir {
            Some(dir) => command
                .args(["--appendonly", "yes", "--appendfsync", "always", "--dir"])
                .arg(dir.path()),
            None => command.args(["--appendonly", "no"]),
        };
        let child = command
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("redis-server starts");
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(Instant::now() < deadline, "redis-server did not start");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        self.stop();
    }
}
