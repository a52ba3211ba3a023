//! `zkcred-loadgen`: load on real gateway processes, for the clinic's request (at least 18,
//! resident of one of 13 provinces, same holder; 2 BBS proofs, 6 Groth16 proofs).
//!
//! ```sh
//! cargo build --release -p zkcred-gateway --bins
//! target/release/zkcred-loadgen                      # embedded and redis x2, 1..64
//! target/release/zkcred-loadgen --setups embedded --concurrency 1,8 --json load.json
//! ```
//!
//! For each setup (one gateway on its embedded store; two replicas on one `redis-server`)
//! it starts two fleets of `zkcred-gateway` processes: `single` (`limits.max_batch = 1`:
//! each presentation verified alone) and `batch` (micro-batching). At each concurrency it
//! creates the sessions and proves the presentations first, then posts them all with that
//! many posts in flight, round robin over the replicas, and reports presentations per
//! second, per CPU second of the gateways ("per core", from `/proc`), p50/p99 latency and
//! the mean batch size. Every post must be accepted; the exit status is 1 if one is not.

#![forbid(unsafe_code)]

mod fleet;
mod http;
mod level;
#[path = "../../../tests/common/redis.rs"]
mod redis_server;
mod report;

use clap::Parser;
use fleet::Fleet;
use level::{Holder, LevelResult};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use zkcred_gateway::catalog::{load_or_create_keys, Sources};
use zkcred_gateway::demo::{config_toml, ClinicWorld};

/// The load generator's errors (a tool: reported, then exit 1).
pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// Load on real gateway processes: presentations/s and latency at each concurrency.
#[derive(Parser, Debug)]
#[command(name = "zkcred-loadgen")]
struct Args {
    /// Posts in flight at once, one level each.
    #[arg(long, value_delimiter = ',', default_value = "1,2,4,8,16,32,64")]
    concurrency: Vec<usize>,
    /// Presentations per level (0: max(96, 6 x concurrency)).
    #[arg(long, default_value_t = 0)]
    presentations: usize,
    /// Setups: `embedded` (one gateway) and `redis` (two replicas on one redis-server).
    #[arg(long, value_delimiter = ',', default_value = "embedded,redis")]
    setups: Vec<String>,
    /// `limits.max_batch` of the batching fleet.
    #[arg(long, default_value_t = 32)]
    max_batch: usize,
    /// `limits.batch_window_ms` of the batching fleet.
    #[arg(long, default_value_t = 2)]
    batch_window_ms: u64,
    /// The gateway binary (default: `zkcred-gateway` next to this one).
    #[arg(long)]
    gateway: Option<PathBuf>,
    /// Also write every level's numbers as JSON here.
    #[arg(long)]
    json: Option<PathBuf>,
}

fn main() -> std::process::ExitCode {
    let args = Args::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => return fail(&e.into()),
    };
    match runtime.block_on(run(args)) {
        Ok(true) => std::process::ExitCode::SUCCESS,
        Ok(false) => std::process::ExitCode::FAILURE,
        Err(e) => fail(&e),
    }
}

fn fail(e: &Error) -> std::process::ExitCode {
    eprintln!("error: {e}");
    std::process::ExitCode::FAILURE
}

/// Runs every setup; whether every post was accepted.
async fn run(args: Args) -> Result<bool, Error> {
    let binary = match &args.gateway {
        Some(path) => path.clone(),
        None => fleet::default_gateway_binary()?,
    };
    for setup in &args.setups {
        if setup != "embedded" && setup != "redis" {
            return Err(format!("unknown setup '{setup}' (embedded, redis)").into());
        }
    }
    if args.concurrency.iter().any(|&c| c == 0 || c > 1024) {
        return Err("--concurrency: each level 1..=1024".into());
    }
    let dir = tempfile::Builder::new()
        .prefix("zkcred-loadgen")
        .tempdir()?;
    eprintln!("loadgen: issuing the credentials and making the clinic's keys");
    let holder = Arc::new(clinic(dir.path())?);
    let http = http::Http::new();
    let mut results = Vec::new();
    for setup in &args.setups {
        results.extend(run_setup(&args, &binary, dir.path(), setup, &http, &holder).await?);
    }
    println!("{}", report::markdown(&results, &report::machine()));
    if let Some(path) = &args.json {
        std::fs::write(path, serde_json::to_string_pretty(&results)?)?;
    }
    Ok(results.iter().all(|r| r.accepted == r.posted))
}

/// The clinic's world in `dir` (files and key set) and the citizen's side of it.
fn clinic(dir: &Path) -> Result<Holder, Error> {
    let world = ClinicWorld::new(&mut rand::rngs::OsRng)?;
    world.write_files(dir)?;
    let sources = Sources::load(
        &dir.join("registry.json"),
        &dir.join("schemas"),
        &dir.join("templates"),
    )?;
    let keys = load_or_create_keys(&dir.join("keys.json"), &sources, &world.verifier_key)?;
    Ok(Holder {
        keys: keys.holder_keys()?,
        wallet: world.wallet,
        verifiers: world.verifiers,
    })
}

/// Both fleets of one setup, level by level (single, then batch, at each concurrency).
async fn run_setup(
    args: &Args,
    binary: &Path,
    dir: &Path,
    setup: &str,
    http: &http::Http,
    holder: &Arc<Holder>,
) -> Result<Vec<LevelResult>, Error> {
    let redis = match setup {
        "redis" => Some(redis_server::RedisServer::start().ok_or("redis-server not found")?),
        _ => None,
    };
    let fleets = [
        ("single", 1, 0),
        ("batch", args.max_batch, args.batch_window_ms),
    ]
    .into_iter()
    .map(|(mode, max_batch, window)| {
        let (store, replicas, label) = match &redis {
            Some(r) => (
                format!("backend = \"redis\"\nurl = \"{}\"", r.url()),
                2,
                "redis x2",
            ),
            None => (
                format!(
                    "backend = \"embedded\"\npath = \"{}/{mode}.redb\"",
                    dir.display()
                ),
                1,
                "embedded",
            ),
        };
        let limits = format!(
            "[limits]\nmax_batch = {max_batch}\nbatch_window_ms = {window}\n\
                 rate_per_second = 1000000\nrate_burst = 1000000\n"
        );
        let config = config_toml(dir, &store, &limits);
        Ok(Fleet {
            setup: label.to_owned(),
            mode: mode.to_owned(),
            replicas: Fleet::start(binary, dir, &format!("{setup}-{mode}"), &config, replicas)?,
        })
    })
    .collect::<Result<Vec<Fleet>, Error>>()?;
    for fleet in &fleets {
        let warm = level::prepare(http, fleet, holder, 4 * fleet.replicas.len()).await?;
        level::run(http, fleet, warm, 2).await?;
    }
    let mut results = Vec::new();
    for &concurrency in &args.concurrency {
        let count = match args.presentations {
            0 => (6 * concurrency).max(96),
            n => n,
        };
        for fleet in &fleets {
            let posts = level::prepare(http, fleet, holder, count).await?;
            let result = level::run(http, fleet, posts, concurrency).await?;
            eprintln!("{}", report::line(&result));
            results.push(result);
        }
    }
    drop(fleets);
    Ok(results)
}
