//! Criterion benches of issuer hiding (issue 11) on a whole presentation through the stock
//! wallet and verifier: the gateway's request "at least 18 (identity credential), resident of
//! one of these provinces (residency credential, a set-membership predicate), same holder"
//! (`common::gateway_request`: identity dates hidden, so two validity proofs beside the age
//! proof; residency dates disclosed), answered
//!
//! - with both issuers named (today's presentation, `Wallet::present`), and
//! - with both issuers hidden among N accepted issuers each (`hide_issuer_among`, resolved
//!   from the verifier's trust registry: N communes for identity, N provinces for residency;
//!   `Wallet::present_with_issuers` with the holder's copy of the registry). The holder's two
//!   issuers sit at a position inside the sets, not first or last.
//!
//! Both forms use the same schemas (with issuer hiding) and the same predicate keys, so the
//! difference is the issuer hiding alone. Groups `hidden_issuer/<mode>/prove` and `.../verify`
//! (`Verifier::verify_signed`: the request's signature, the checks, one merged pairing check);
//! key checks are cached after a first presentation, as in a wallet. Setup (issuer keys,
//! issuance, registries) happens once per N, outside the measurement. The JSON size of each
//! presentation and of its issuer-hiding parts is printed once (stderr).
//!
//! N comes from `ZKCRED_BENCH_N` (comma-separated, default "13,64"; `AxB` for A communes and
//! B provinces, e.g. `4096x13`: every commune of a country, the Mekong provinces); an N the
//! library refuses (see `zkcred::credential::MAX_HIDDEN_SET`) is skipped with a message.
//!
//! `cargo bench -p zkcred --bench hidden_issuer`;
//! `ZKCRED_BENCH_N=13,64,4096x13,4096 cargo bench -p zkcred --bench hidden_issuer`.

mod common;

use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use rand::SeedableRng;
use rand_chacha::ChaCha20Rng;
use zkcred::bbs::Ciphersuite;
use zkcred::credential::hidden_set::check_set_ids;
use zkcred::credential::*;
use zkcred::predicate::{Date, HolderKeys};

use common::{gateway_issue, gateway_request, gateway_schemas, now, NoReplayCheck};

/// What every form shares: the schemas (with issuer hiding), the predicate keys (one
/// `VerifierSetup` for the request's circuits) and the gateway's verifier key.
struct Shared {
    identity: Schema,
    residency: Schema,
    holder_keys: HolderKeys,
    verifier_keys: PredicateKeySet,
    gate: VerifierKey,
    verifiers: VerifierRegistry,
}

/// One form of the request, answered once: what the prove and verify benches run on.
struct Case {
    /// "named" or "hidden".
    name: &'static str,
    /// Issuers per set, communes and provinces (1 for the named form).
    n: (usize, usize),
    wallet: Wallet,
    registry: TrustRegistry,
    signed: SignedRequest,
    verifier: Verifier,
    /// The first answer (checked by the verifier): what the verify benches verify.
    presentation: Option<Presentation>,
}

fn shared() -> Shared {
    let rng = &mut ChaCha20Rng::seed_from_u64(20);
    let (identity, residency) = gateway_schemas();
    let (identity, residency) = (
        identity.with_issuer_hiding(),
        residency.with_issuer_hiding(),
    );
    let mut setup = VerifierSetup::new();
    setup
        .add_request(
            &gateway_request(&identity, &residency, 0),
            &[identity.clone(), residency.clone()],
            rng,
        )
        .unwrap();
    let gate = VerifierKey::generate("gate.example", "Gate", vec![], rng).unwrap();
    let mut verifiers = VerifierRegistry::new();
    verifiers.insert(gate.public_info().clone()).unwrap();
    Shared {
        holder_keys: setup.key_set().holder_keys().unwrap(),
        verifier_keys: setup.key_set().clone(),
        identity,
        residency,
        gate,
        verifiers,
    }
}

/// `n` issuers of `tier` (commune: BLS12-381-SHA-256, province: SHAKE-256, as in the gateway
/// bench), ascending by id: the order of a resolved hidden set.
fn issuers(n: usize, tier: IssuerTier, rng: &mut ChaCha20Rng) -> Vec<Issuer> {
    let (kind, suite) = match tier {
        IssuerTier::Commune => ("Commune", Ciphersuite::Bls12381Sha256),
        _ => ("Province", Ciphersuite::Bls12381Shake256),
    };
    let mut v: Vec<Issuer> = (0..n)
        .map(|i| {
            let place = Jurisdiction::new(format!("VN-{:04}", i + 1), None).unwrap();
            Issuer::generate(format!("{kind} {i}"), tier, place, suite, rng).unwrap()
        })
        .collect();
    v.sort_by_key(|i| *i.id());
    v
}

/// The holder's position in a set of `n`: about three fifths in (0 for n = 1).
fn holder_index(n: usize) -> usize {
    n * 3 / 5
}

/// A wallet with an identity credential from the commune and a residency credential from the
/// province at [`holder_index`], the trust registry of all `n.0 + n.1` issuers (each
/// authorised for its schema), and the gateway's request: issuers named if `hide` is false,
/// else both hidden among the accepted issuers resolved from the registry. Errors are the
/// library's refusals.
fn case(sh: &Shared, n: (usize, usize), hide: bool, seed: u64) -> Result<Case, String> {
    // Refuse an N the library refuses before making thousands of keys.
    for size in [n.0, n.1] {
        let dummy: Vec<IssuerId> = (0..size as u128)
            .map(|i| IssuerId::from_bytes(i.to_be_bytes()))
            .collect();
        check_set_ids(&dummy).map_err(|e| e.to_string())?;
    }
    let rng = &mut ChaCha20Rng::seed_from_u64(seed);
    let communes = issuers(n.0, IssuerTier::Commune, rng);
    let provinces = issuers(n.1, IssuerTier::Province, rng);
    let (commune, province) = (&communes[holder_index(n.0)], &provinces[holder_index(n.1)]);
    let mut wallet = Wallet::new(rng);
    let name = AttributeValue::String("Nguyễn Văn A".into());
    let born = AttributeValue::Date(Date::new(2001, 4, 2).unwrap());
    let ident = vec![("full_name", name), ("birth_date", born)];
    gateway_issue(&mut wallet, commune, &sh.identity, ident, rng);
    let home = vec![("province", AttributeValue::Enum("can_tho".into()))];
    gateway_issue(&mut wallet, province, &sh.residency, home, rng);
    let mut registry = TrustRegistry::new();
    for c in &communes {
        registry
            .insert(c.public_info().clone(), [*sh.identity.id()])
            .unwrap();
    }
    for p in &provinces {
        registry
            .insert(p.public_info().clone(), [*sh.residency.id()])
            .unwrap();
    }
    let mut request = gateway_request(&sh.identity, &sh.residency, seed);
    if hide {
        for (c, (tier, size)) in request
            .credentials
            .iter_mut()
            .zip([(IssuerTier::Commune, n.0), (IssuerTier::Province, n.1)])
        {
            c.accepted_issuers = AcceptedIssuers {
                tiers: Some(vec![tier]),
                ..AcceptedIssuers::any()
            };
            let set = resolve_hidden_set(&registry, &c.accepted_issuers, &c.schema_id)
                .map_err(|e| e.to_string())?;
            assert_eq!(set.len(), size);
            c.hide_issuer_among = Some(set);
        }
    }
    let signed = SignedRequest::sign(request, &sh.gate).map_err(|e| e.to_string())?;
    let verifier = Verifier::new(
        registry.clone(),
        vec![sh.identity.clone(), sh.residency.clone()],
        sh.verifier_keys.verifier_keys(),
        Box::new(NoReplayCheck),
    );
    let mut case = Case {
        name: if hide { "hidden" } else { "named" },
        n,
        wallet,
        registry,
        signed,
        verifier,
        presentation: None,
    };
    // The first presentation checks the keys (cached by digest afterwards).
    let presentation = try_present(sh, &case, rng).map_err(|e| e.to_string())?;
    case.verifier
        .verify_signed(
            &case.signed,
            sh.gate.public_info(),
            &presentation,
            Some(now()),
        )
        .map_err(|e| e.to_string())?;
    case.presentation = Some(presentation);
    Ok(case)
}

/// The wallet's answer: `Wallet::present` for named issuers (today's path),
/// `Wallet::present_with_issuers` with the holder's registry for hidden ones.
fn try_present(
    sh: &Shared,
    case: &Case,
    rng: &mut ChaCha20Rng,
) -> Result<Presentation, PresentationError> {
    let (signed, keys) = (&case.signed, &sh.holder_keys);
    if case.name == "named" {
        case.wallet
            .present(signed, &sh.verifiers, keys, Some(now()), rng)
    } else {
        let issuers = &case.registry;
        case.wallet
            .present_with_issuers(signed, &sh.verifiers, issuers, keys, Some(now()), rng)
    }
}

fn present(sh: &Shared, case: &Case, rng: &mut ChaCha20Rng) -> Presentation {
    try_present(sh, case, rng).unwrap()
}

impl Case {
    fn presentation(&self) -> &Presentation {
        self.presentation.as_ref().unwrap()
    }
}

/// The (communes, provinces) of `ZKCRED_BENCH_N` (default 13 and 64): `N` for N of each,
/// `AxB` for A communes and B provinces.
fn set_sizes() -> Vec<(usize, usize)> {
    let text = std::env::var("ZKCRED_BENCH_N").unwrap_or_else(|_| "13,64".into());
    let number = |s: &str| -> usize {
        s.parse()
            .unwrap_or_else(|_| panic!("ZKCRED_BENCH_N: '{s}' is not a number"))
    };
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| match s.split_once('x') {
            Some((a, b)) => (number(a), number(b)),
            None => (number(s), number(s)),
        })
        .collect()
}

/// "N" for equal sets, "AxB" otherwise.
fn label(n: (usize, usize)) -> String {
    if n.0 == n.1 {
        n.0.to_string()
    } else {
        format!("{}x{}", n.0, n.1)
    }
}

/// Bytes of the issuer-hiding parts (binary; twice that as hex in the JSON).
fn hidden_bytes(p: &Presentation) -> usize {
    p.credentials
        .iter()
        .map(|c| c.hidden_issuer.as_ref().map_or(0, |h| h.as_bytes().len()))
        .sum()
}

fn report(named: &Case, case: &Case) {
    let (p, q) = (named.presentation(), case.presentation());
    let parts: Vec<String> = q
        .credentials
        .iter()
        .map(|c| {
            let len = c.hidden_issuer.as_ref().map_or(0, |h| h.as_bytes().len());
            format!("{} {len}", c.label)
        })
        .collect();
    eprintln!(
        "hidden N = {}: {} bytes of JSON ({:+} vs named), issuer-hiding parts {} bytes ({}; \
         {} as hex in the JSON)",
        label(case.n),
        q.json_size(),
        q.json_size() as i64 - p.json_size() as i64,
        hidden_bytes(q),
        parts.join(", "),
        2 * hidden_bytes(q),
    );
}

fn bench(c: &mut Criterion) {
    let mode = if cfg!(feature = "parallel") {
        "parallel"
    } else {
        "single"
    };
    let sh = shared();
    let named = case(&sh, (1, 1), false, 30).unwrap();
    eprintln!(
        "named: {} bytes of JSON, {} predicate proofs",
        named.presentation().json_size(),
        named
            .presentation()
            .credentials
            .iter()
            .map(|c| c.predicate_proofs.len())
            .sum::<usize>()
    );
    let mut cases = vec![named];
    for n in set_sizes() {
        match case(&sh, n, true, 40 + (n.0 + n.1) as u64) {
            Ok(case) => {
                report(&cases[0], &case);
                cases.push(case);
            }
            Err(e) => eprintln!(
                "hidden N = {}: skipped, the library refuses it: {e}",
                label(n)
            ),
        }
    }

    let rng = &mut ChaCha20Rng::seed_from_u64(50);
    let mut g = c.benchmark_group(format!("hidden_issuer/{mode}/prove"));
    g.sample_size(10)
        .measurement_time(Duration::from_secs(5))
        .warm_up_time(Duration::from_secs(1));
    for case in &cases {
        g.bench_function(BenchmarkId::new(case.name, label(case.n)), |b| {
            b.iter(|| present(&sh, case, rng))
        });
    }
    g.finish();

    let own = sh.gate.public_info();
    let mut g = c.benchmark_group(format!("hidden_issuer/{mode}/verify"));
    g.sample_size(10)
        .measurement_time(Duration::from_secs(5))
        .warm_up_time(Duration::from_secs(1));
    for case in &cases {
        g.bench_function(BenchmarkId::new(case.name, label(case.n)), |b| {
            b.iter(|| {
                case.verifier
                    .verify_signed(&case.signed, own, case.presentation(), Some(now()))
                    .unwrap()
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
