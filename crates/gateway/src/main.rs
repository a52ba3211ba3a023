//! `zkcred-gateway`: the verification gateway (`docs/GATEWAY.md`).
//!
//! ```text
//! zkcred-gateway [--config PATH]               serve (PATH or $ZKCRED_GATEWAY_CONFIG)
//! zkcred-gateway extend-keys [--config PATH]   add keys for circuits new templates need
//! zkcred-gateway check-config [--config PATH]  load everything, report, exit
//! zkcred-gateway new-api-key                   a fresh API key and its SHA-256
//! zkcred-gateway openapi                       print the OpenAPI document
//! ```
//!
//! Signals: SIGTERM and SIGINT stop it gracefully (requests in flight finish); SIGHUP
//! reloads the trust registry, schemas and templates.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use zkcred_gateway::catalog::{extend_keys, read_doc, Sources};
use zkcred_gateway::clock::SystemClock;
use zkcred_gateway::config::{Config, LogFormat, CONFIG_ENV};
use zkcred_gateway::Gateway;

const USAGE: &str = "usage: zkcred-gateway [serve|extend-keys|check-config] [--config PATH] \
                     | zkcred-gateway new-api-key | zkcred-gateway openapi";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1).peekable();
    let command = match args.peek().map(String::as_str) {
        Some(c) if !c.starts_with('-') => args.next().unwrap_or_default(),
        _ => "serve".to_owned(),
    };
    let mut config_path: Option<PathBuf> = std::env::var_os(CONFIG_ENV).map(PathBuf::from);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--config" => match args.next() {
                Some(p) => config_path = Some(PathBuf::from(p)),
                None => return usage("--config needs a path"),
            },
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            other => return usage(&format!("unexpected argument '{other}'")),
        }
    }
    match command.as_str() {
        "new-api-key" => {
            let (key, hash) = zkcred_gateway::auth::new_api_key();
            println!("api key (give to the service):  {key}");
            println!("api_key_sha256 (for the config): {hash}");
            ExitCode::SUCCESS
        }
        "openapi" => {
            println!("{}", zkcred_gateway::openapi::document());
            ExitCode::SUCCESS
        }
        "serve" | "extend-keys" | "check-config" => {
            let Some(path) = config_path else {
                return usage(&format!("--config PATH (or {CONFIG_ENV}) is required"));
            };
            let config = match Config::load(&path) {
                Ok(c) => c,
                Err(e) => return fail(&e),
            };
            init_logs(&config);
            match command.as_str() {
                "serve" => serve(config),
                "extend-keys" => extend(&config),
                _ => check(config),
            }
        }
        other => usage(&format!("unknown command '{other}'")),
    }
}

fn usage(message: &str) -> ExitCode {
    eprintln!("error: {message}\n{USAGE}");
    ExitCode::from(2)
}

fn fail(e: &dyn std::fmt::Display) -> ExitCode {
    eprintln!("error: {e}");
    ExitCode::FAILURE
}

fn init_logs(config: &Config) {
    let filter = tracing_subscriber::EnvFilter::try_new(&config.log.level)
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(std::io::stderr);
    match config.log.format {
        LogFormat::Json => builder.json().flatten_event(true).init(),
        LogFormat::Text => builder.init(),
    }
}

fn runtime() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
}

fn serve(config: Config) -> ExitCode {
    let rt = match runtime() {
        Ok(rt) => rt,
        Err(e) => return fail(&e),
    };
    let result: Result<(), Box<dyn std::error::Error>> = rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(config.listen).await?;
        let addr = listener.local_addr()?;
        let public_url = config.public_url_for(addr);
        let gateway = Gateway::start(config, public_url, Arc::new(SystemClock)).await?;
        spawn_reload_on_sighup(gateway.clone())?;
        // Tests and scripts read this line for the port (listen = "127.0.0.1:0").
        println!("zkcred-gateway listening on http://{addr}");
        tracing::info!(%addr, public_url = gateway.public_url(), "listening");
        gateway.serve(listener, shutdown_signal()).await?;
        Ok(())
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e),
    }
}

#[cfg(unix)]
fn spawn_reload_on_sighup(gateway: Gateway) -> std::io::Result<()> {
    use tokio::signal::unix::{signal, SignalKind};
    let mut hup = signal(SignalKind::hangup())?;
    tokio::spawn(async move {
        while hup.recv().await.is_some() {
            let g = gateway.clone();
            let _ = tokio::task::spawn_blocking(move || g.reload()).await;
        }
    });
    Ok(())
}

#[cfg(not(unix))]
fn spawn_reload_on_sighup(_gateway: Gateway) -> std::io::Result<()> {
    Ok(())
}

async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = term.recv() => {}
                    _ = tokio::signal::ctrl_c() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
    tracing::info!("shutting down: finishing the requests in flight");
}

fn extend(config: &Config) -> ExitCode {
    let result = (|| -> Result<usize, Box<dyn std::error::Error>> {
        let key = read_doc(&config.verifier_key)?;
        let sources = Sources::load(&config.trust_registry, &config.schemas, &config.templates)?;
        Ok(extend_keys(&config.key_set, &sources, &key)?)
    })();
    match result {
        Ok(n) => {
            println!("{}: {n} key pairs added", config.key_set.display());
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e),
    }
}

fn check(config: Config) -> ExitCode {
    let rt = match runtime() {
        Ok(rt) => rt,
        Err(e) => return fail(&e),
    };
    let url = config.public_url_for(config.listen);
    match rt.block_on(Gateway::start(config, url, Arc::new(SystemClock))) {
        Ok(g) => {
            let c = g.catalog();
            println!(
                "ok: {} issuers, {} schemas, {} templates",
                c.sources.registry.len(),
                c.sources.schemas.len(),
                c.sources.templates.len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e),
    }
}
