//! The command line: clap definitions of every command and flag.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// zkcred: privacy-preserving credentials (BBS signatures + Groth16 predicate proofs).
///
/// Every command reads and writes JSON files. Try `zkcred demo` for the whole story.
///
/// Outputs never overwrite an existing file unless --force, and never one of the command's
/// own inputs or another of its outputs (not even with --force). Only regular files are
/// written; a symbolic link is followed and its target replaced atomically. `-` as a public
/// output (not a key file or wallet) writes it to stdout.
#[derive(Debug, Parser)]
#[command(name = "zkcred", version, about, long_about = None)]
pub struct Cli {
    /// Let outputs replace existing files (never an input of the command, nor a secret
    /// verifier key).
    #[arg(long, global = true)]
    pub force: bool,
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// Top-level commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Issuer keys: `issuer init`.
    #[command(subcommand)]
    Issuer(IssuerCommand),
    /// Credential schemas: `schema sample`, `schema check`.
    #[command(subcommand)]
    Schema(SchemaCommand),
    /// The verifier's trust registry: `registry add`.
    #[command(subcommand)]
    Registry(RegistryCommand),
    /// Verifier keys: `verifier init`.
    #[command(subcommand)]
    Verifier(VerifierCommand),
    /// The wallet's verifier registry: `verifiers add`.
    #[command(subcommand)]
    Verifiers(VerifiersCommand),
    /// The holder's wallet: `wallet init`, `wallet commit`, `wallet add`, `wallet list`.
    #[command(subcommand)]
    Wallet(WalletCommand),
    /// Issuer: blind-sign a credential for a holder's issuance request.
    Issue(IssueArgs),
    /// Verifier: presentation requests (`request new`).
    #[command(subcommand)]
    Request(RequestCommand),
    /// Holder: answer a presentation request from the wallet (not once it has expired).
    Present(PresentArgs),
    /// Verifier: check a presentation and print what it proves, as JSON (an expired request
    /// is refused as expired).
    Verify(VerifyArgs),
    /// Play the whole story in memory with real keys and proofs, with timings and sizes.
    Demo(DemoArgs),
}

/// `zkcred issuer ...`
#[derive(Debug, Subcommand)]
pub enum IssuerCommand {
    /// Make an issuer: a fresh BBS key; writes the secret key file and the public info.
    Init(IssuerInitArgs),
}

/// BBS ciphersuites.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SuiteArg {
    /// BLS12-381-SHA-256.
    Sha256,
    /// BLS12-381-SHAKE-256.
    Shake256,
}

/// Issuer tiers.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum TierArg {
    /// A commune (xã / phường).
    Commune,
    /// A district (huyện / quận).
    District,
    /// A province (tỉnh / thành phố).
    Province,
    /// A national agency.
    National,
}

/// `zkcred issuer init`
#[derive(Debug, Args)]
pub struct IssuerInitArgs {
    /// Display name, e.g. "UBND xã Mỹ Hòa Hưng".
    #[arg(long)]
    pub name: String,
    /// Administrative tier.
    #[arg(long, value_enum)]
    pub tier: TierArg,
    /// Jurisdiction code, e.g. VN-44.
    #[arg(long)]
    pub jurisdiction: String,
    /// Display name of the jurisdiction, e.g. "An Giang".
    #[arg(long)]
    pub jurisdiction_name: Option<String>,
    /// BBS ciphersuite.
    #[arg(long, value_enum, default_value = "sha256")]
    pub suite: SuiteArg,
    /// Where to write the issuer key file (secret; written 0600).
    #[arg(long)]
    pub out: PathBuf,
    /// Where to write the public issuer info (for trust registries and wallets; `-`:
    /// stdout).
    #[arg(long)]
    pub public: PathBuf,
}

/// `zkcred verifier ...`
#[derive(Debug, Subcommand)]
pub enum VerifierCommand {
    /// Make a verifier: a fresh Ed25519 signing key for its requests; writes the secret key
    /// file (0600) and the public info (for verifier registries). Never overwrites a file.
    Init(VerifierInitArgs),
}

/// `zkcred verifier init`
#[derive(Debug, Args)]
pub struct VerifierInitArgs {
    /// The verifier id requests name, e.g. clinic (a-z 0-9 . _ -).
    #[arg(long)]
    pub id: String,
    /// Display name, e.g. "Phòng khám Đa khoa".
    #[arg(long)]
    pub name: String,
    /// A pseudonym scope the verifier owns (repeat the flag for several).
    #[arg(long = "scope")]
    pub scopes: Vec<String>,
    /// Where to write the verifier key file (secret; written 0600).
    #[arg(long)]
    pub out: PathBuf,
    /// Where to write the public verifier info (for the registry authority; `-`: stdout).
    #[arg(long)]
    pub public: PathBuf,
}

/// `zkcred verifiers ...`
#[derive(Debug, Subcommand)]
pub enum VerifiersCommand {
    /// Add verifiers' public info files to a verifier registry (created if missing); a
    /// verifier id is listed once and a scope belongs to one verifier.
    Add {
        /// The verifier registry file.
        #[arg(long)]
        registry: PathBuf,
        /// Verifier public info files (repeat the flag, or list several).
        #[arg(long = "verifier", required = true, num_args = 1..)]
        verifiers: Vec<PathBuf>,
    },
}

/// `zkcred schema ...`
#[derive(Debug, Subcommand)]
pub enum SchemaCommand {
    /// Write one of the built-in sample schemas (`identity`: vn.commune.identity,
    /// `residency`: vn.province.residency).
    Sample {
        /// `identity` or `residency`.
        name: String,
        /// Output file (`-`: stdout).
        #[arg(long)]
        out: PathBuf,
        /// The schema with issuer hiding (`"issuer_hiding": true`, another schema id): its
        /// credentials sign the schema id as a message, so requests may hide their issuer.
        #[arg(long)]
        issuer_hiding: bool,
    },
    /// Check a schema file and print its name and id.
    Check {
        /// The schema file.
        file: PathBuf,
    },
}

/// `zkcred registry ...`
#[derive(Debug, Subcommand)]
pub enum RegistryCommand {
    /// Add issuers' public info files to a trust registry (created if missing), each
    /// authorised to issue the given schemas (added to what it may already issue).
    Add {
        /// The registry file.
        #[arg(long)]
        registry: PathBuf,
        /// Issuer public info files (repeat the flag, or list several).
        #[arg(long = "issuer", required = true, num_args = 1..)]
        issuers: Vec<PathBuf>,
        /// Schemas the issuers may issue: schema files or directories of *.json (repeat the
        /// flag, or list several). A verifier refuses credentials of any other schema from them.
        #[arg(long = "schema", visible_alias = "schemas", required = true, num_args = 1..)]
        schemas: Vec<PathBuf>,
    },
}

/// `zkcred wallet ...`
#[derive(Debug, Subcommand)]
pub enum WalletCommand {
    /// Make an empty wallet with a fresh holder secret (written 0600).
    Init {
        /// The wallet file.
        #[arg(long)]
        out: PathBuf,
    },
    /// Make an issuance request: a blind commitment to the holder secret, for one schema and
    /// one issuer (the wallet keeps the commitment's secrets until `wallet add`).
    Commit {
        /// The wallet file.
        #[arg(long)]
        wallet: PathBuf,
        /// The schema of the credential to ask for.
        #[arg(long)]
        schema: PathBuf,
        /// The issuer's public info file.
        #[arg(long)]
        issuer: PathBuf,
        /// Where to write the issuance request (send it to the issuer; `-`: stdout).
        #[arg(long)]
        out: PathBuf,
    },
    /// Check an issued credential and store it in the wallet.
    Add {
        /// The wallet file.
        #[arg(long)]
        wallet: PathBuf,
        /// The credential file from the issuer.
        #[arg(long)]
        credential: PathBuf,
        /// The issuer's public info file.
        #[arg(long)]
        issuer: PathBuf,
        /// The credential's schema file.
        #[arg(long)]
        schema: PathBuf,
    },
    /// List the wallet's credentials (schema, issuer, validity; no secrets).
    List {
        /// The wallet file.
        #[arg(long)]
        wallet: PathBuf,
    },
}

/// `zkcred issue`
#[derive(Debug, Args)]
pub struct IssueArgs {
    /// The issuer key file.
    #[arg(long)]
    pub issuer: PathBuf,
    /// The schema file.
    #[arg(long)]
    pub schema: PathBuf,
    /// The attribute file: {"version": 1, "attributes": {name: value, ...}}, e.g.
    /// {"version": 1, "attributes": {"birth_date": {"date": "2001-04-02"}}} (docs/FORMATS.md).
    #[arg(long)]
    pub attributes: PathBuf,
    /// The holder's issuance request (`zkcred wallet commit`).
    #[arg(long)]
    pub request: PathBuf,
    /// First day of validity (YYYY-MM-DD); default today.
    #[arg(long)]
    pub issued_on: Option<String>,
    /// Days of validity, counting the first day.
    #[arg(long, default_value_t = 3650, conflicts_with = "expires")]
    pub valid_days: u32,
    /// Last day of validity (YYYY-MM-DD), instead of --valid-days.
    #[arg(long)]
    pub expires: Option<String>,
    /// Where to write the credential (send it to the holder; `-`: stdout).
    #[arg(long)]
    pub out: PathBuf,
}

/// `zkcred request ...`
#[derive(Debug, Subcommand)]
pub enum RequestCommand {
    /// Make a presentation request with a fresh nonce from a spec, valid from now for
    /// --valid-for (made_at and valid_until, UTC); add the Groth16 keys of its predicates to
    /// the verifier's key set (keys already there are reused).
    New(RequestNewArgs),
}

/// `zkcred request new`
#[derive(Debug, Args)]
pub struct RequestNewArgs {
    /// The verifier key file (`zkcred verifier init`): its id is the request's verifier id
    /// and it signs the request.
    #[arg(long)]
    pub verifier_key: PathBuf,
    /// The request spec (JSON, `{"version": 1, "credentials": [...]}`; docs/FORMATS.md).
    #[arg(long)]
    pub spec: PathBuf,
    /// Schema files the spec names (files or directories of *.json).
    #[arg(long = "schemas", required = true, num_args = 1..)]
    pub schemas: Vec<PathBuf>,
    /// Where to write the request (send it to the holder; `-`: stdout).
    #[arg(long)]
    pub out: PathBuf,
    /// The verifier's predicate key set, kept across requests: created if missing, else
    /// read, and a key added for each circuit of the request it lacks (existing keys are
    /// never replaced, so presentations for earlier requests keep verifying). Publish it.
    #[arg(long)]
    pub keys: PathBuf,
    /// How long the request may be answered, from now: a whole number and a unit, s, m, h or
    /// d (e.g. 90s, 10m, 1h, 2d); at most 7d. Wallets and `zkcred verify` refuse it
    /// afterwards (5 minutes of clock skew allowed) as expired, and the verifier keeps its
    /// nonce until then.
    #[arg(long, value_name = "DURATION", default_value = "1h")]
    pub valid_for: String,
    /// The verifier's trust registry: needed when the spec hides an issuer
    /// (`"hide_issuer": true`), whose accepted issuers it lists in the request.
    #[arg(long)]
    pub registry: Option<PathBuf>,
}

/// `zkcred present`: from files (`--request`, `--keys`, `--out`), or from a gateway
/// (`--request-uri`).
#[derive(Debug, Args)]
pub struct PresentArgs {
    /// The wallet file.
    #[arg(long)]
    pub wallet: PathBuf,
    /// The signed presentation request.
    #[arg(
        long,
        required_unless_present = "request_uri",
        conflicts_with = "request_uri"
    )]
    pub request: Option<PathBuf>,
    /// A gateway's request URI (`http(s)://…/v1/requests/ID`): fetch the request object and
    /// its keys (each checked against its digest), answer, and post the presentation to the
    /// object's `response_uri` (same origin as the request URI only).
    #[arg(long)]
    pub request_uri: Option<String>,
    /// The verifier registry: the request must be signed by a verifier listed there and ask
    /// only for a scope that verifier owns.
    #[arg(long)]
    pub verifiers: PathBuf,
    /// The verifier's predicate keys.
    #[arg(
        long,
        required_unless_present = "request_uri",
        conflicts_with = "request_uri"
    )]
    pub keys: Option<PathBuf>,
    /// Where to write the presentation (`-`: stdout); with `--request-uri`, a copy of what
    /// was posted (optional).
    #[arg(long, required_unless_present = "request_uri")]
    pub out: Option<PathBuf>,
    /// The holder's trust registry of issuers: needed to answer a request that hides an
    /// issuer (the keys of the accepted issuers are taken from it, never from the request).
    #[arg(long)]
    pub issuers: Option<PathBuf>,
}

/// `zkcred verify`
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The signed presentation request this verifier sent.
    #[arg(long)]
    pub request: PathBuf,
    /// This verifier's public info: the request must carry its signature.
    #[arg(long)]
    pub verifier: PathBuf,
    /// The holder's presentation.
    #[arg(long)]
    pub presentation: PathBuf,
    /// The trust registry.
    #[arg(long)]
    pub registry: PathBuf,
    /// Schema files (files or directories of *.json).
    #[arg(long = "schemas", required = true, num_args = 1..)]
    pub schemas: Vec<PathBuf>,
    /// The predicate keys made with the request.
    #[arg(long)]
    pub keys: PathBuf,
    /// The used-nonce file (created if missing); a replayed nonce is refused. Each nonce is
    /// kept until its request's window has closed, then dropped.
    #[arg(long)]
    pub nonces: PathBuf,
}

/// `zkcred demo`
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Print one JSON document on stdout (every step with its time, what the clinic
    /// learned, every attack and who refused it); the story then goes to stderr.
    #[arg(long)]
    pub json: bool,
}
