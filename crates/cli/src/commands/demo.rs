//! `zkcred demo`: the whole story in memory with real keys and real proofs. A commune issues
//! a citizen's identity credential, a province issues a residency credential (both blind:
//! neither issuer sees the holder secret), and a clinic asks for "over 18, resident of a
//! Mekong Delta province, same person on both" and learns nothing else. Prints each step's
//! time and the sizes of what travels, then shows a replay (at once, and after the request
//! expired), a tampered presentation, a tampered request and a second verifier asking for the
//! clinic's pseudonym scope being refused. Requests are signed by the clinic; the wallet checks them against its verifier
//! registry. Both issuers are hidden (issue 11): the clinic learns that the identity
//! credential comes from one of the accepted communes and the residency credential from one
//! of the 13 accepted Mekong Delta provinces, not which.

use crate::cli::DemoArgs;
use crate::commands::demo_report;
use crate::commands::issuer::tier_name;
use crate::commands::verify::result_json;
use crate::dates::{add_days, now};
use crate::error::{CliError, CliResult};
use crate::samples;
use std::time::{Duration, Instant};
use zkcred::bbs::Ciphersuite;
use zkcred::credential::{
    format_date, resolve_hidden_set, AcceptedIssuers, AttributePredicate, CredentialContent,
    CredentialRequest, InMemoryNonceStore, Issuer, IssuerPublicInfo, IssuerTier, JsonDocument,
    Jurisdiction, Nonce, PredicateSpec, Presentation, PresentationRequest, RequestWindow,
    ResultHiddenIssuer, Schema, SignedRequest, Timestamp, TrustRegistry, Verifier, VerifierKey,
    VerifierPublicInfo, VerifierRegistry, VerifierSetup, Wallet,
};

/// The clinic's pseudonym scope.
const CLINIC_SCOPE: &str = "clinic-visits";

/// How long the clinic's requests may be answered.
const REQUEST_LIFETIME: Duration = Duration::from_secs(3_600);

/// Runs `zkcred demo`.
pub fn run(args: DemoArgs) -> CliResult {
    let rng = &mut rand::rngs::OsRng;
    let start = Instant::now();
    let now = now()?;
    let today = now.date();
    if args.json {
        // stdout carries the report alone; the story goes to stderr.
        crate::files::take_stdout();
        demo_report::start(&format_date(today));
    }
    say!("zkcred demo: a commune and a province issue credentials to a citizen; a clinic asks");
    say!("for \"over 18, resident of a Mekong Delta province\" and learns nothing else.");
    say!(
        "Real BBS keys and signatures, real Groth16 proofs; it is {now}, today is {}.",
        format_date(today)
    );

    // Schemas with issuer hiding: the schema id is also a signed message, which a
    // presentation that hides its issuer discloses.
    let identity = samples::schema(samples::IDENTITY_SCHEMA)?.with_issuer_hiding();
    let residency = samples::schema(samples::RESIDENCY_SCHEMA)?.with_issuer_hiding();

    section("1. Issuers make their keys");
    let (commune, t) = timed(|| {
        Ok(Issuer::generate(
            "UBND xã Mỹ Hòa Hưng",
            IssuerTier::Commune,
            Jurisdiction::new("VN-44", Some("An Giang".into()))?,
            Ciphersuite::Bls12381Sha256,
            rng,
        )?)
    })?;
    issuer_line("commune ", commune.public_info(), t);
    let (province, t) = timed(|| {
        Ok(Issuer::generate(
            "UBND tỉnh An Giang",
            IssuerTier::Province,
            Jurisdiction::new("VN-44", Some("An Giang".into()))?,
            Ciphersuite::Bls12381Sha256,
            rng,
        )?)
    })?;
    issuer_line("province", province.public_info(), t);
    let (others, t) = timed(|| other_issuers(rng))?;
    step(
        &format!(
            "{} other communes and {} other Mekong Delta provinces make theirs (each also \
             publishes its issuer-hiding key X = x·U)",
            others.0.len(),
            others.1.len()
        ),
        t,
    );
    // The clinic's trust registry: every commune may issue identity credentials, every
    // province residency credentials. The wallet trusts the same issuers.
    let mut registry = TrustRegistry::new();
    for c in std::iter::once(&commune).chain(&others.0) {
        registry.insert(c.public_info().clone(), [*identity.id()])?;
    }
    for p in std::iter::once(&province).chain(&others.1) {
        registry.insert(p.public_info().clone(), [*residency.id()])?;
    }

    section("2. The citizen's wallet");
    let (mut wallet, t) = timed(|| Ok(Wallet::new(rng)))?;
    step("fresh holder secret (it never leaves the wallet)", t);

    let expires = add_days(today, 3649)?;
    section("3. The commune issues the identity credential (blind issuance)");
    issue(
        &mut wallet,
        &commune,
        &identity,
        samples::IDENTITY_ATTRIBUTES,
        today,
        expires,
    )?;
    section("4. The province issues the residency credential (blind issuance)");
    issue(
        &mut wallet,
        &province,
        &residency,
        samples::RESIDENCY_ATTRIBUTES,
        today,
        expires,
    )?;

    section("5. Verifiers make their signing keys; the registry authority lists them");
    let (clinic, t) = timed(|| {
        Ok(VerifierKey::generate(
            "clinic",
            "Phòng khám Đa khoa Mỹ Hòa Hưng",
            vec![CLINIC_SCOPE.into()],
            rng,
        )?)
    })?;
    verifier_line(clinic.public_info(), t);
    let (pharmacy, t) = timed(|| {
        Ok(VerifierKey::generate(
            "pharmacy",
            "Nhà thuốc Long Xuyên",
            vec!["pharmacy-visits".into()],
            rng,
        )?)
    })?;
    verifier_line(pharmacy.public_info(), t);
    let mut verifiers = VerifierRegistry::new();
    verifiers.insert(clinic.public_info().clone())?;
    verifiers.insert(pharmacy.public_info().clone())?;
    step(
        &format!(
            "verifier registry: {} verifiers, each scope owned by one ({} bytes of JSON)",
            verifiers.len(),
            verifiers.to_json()?.len()
        ),
        Duration::ZERO,
    );

    section("6. The clinic makes its signed request and the Groth16 keys of its predicates");
    let (signed, t) =
        timed(|| clinic_request(&clinic, &identity, &residency, &registry, now, rng))?;
    let request = signed.request();
    step("request signed with the clinic's key (Ed25519)", t);
    say!(
        "   valid from {} until {} (UTC): refused as expired afterwards",
        request.window.made_at,
        request.window.valid_until
    );
    for c in &request.credentials {
        for p in &c.predicates {
            say!("   asks: {} / {}", c.label, p.describe());
        }
    }
    say!("   asks: both credentials carry the same holder secret; discloses nothing");
    for c in &request.credentials {
        if let Some(ids) = &c.hide_issuer_among {
            say!(
                "   asks: the {} credential's issuer hidden among {} accepted issuers",
                c.label,
                ids.len()
            );
        }
    }
    say!("   asks: the holder's pseudonym for the clinic's scope '{CLINIC_SCOPE}'");
    say!(
        "   always (secure default): each credential issued on or before {0} and not expired on {0}",
        format_date(request.date())
    );
    let schemas = [identity.clone(), residency.clone()];
    let (setup, t) = timed(|| {
        let mut setup = VerifierSetup::new();
        setup.add_request(request, &schemas, rng)?;
        Ok(setup)
    })?;
    let key_set = setup.key_set();
    step(
        &format!(
            "Groth16 setup of {} circuits (keys: {} bytes of JSON, published with the request)",
            key_set.keys.len(),
            key_set.to_json()?.len()
        ),
        t,
    );
    step(
        &format!(
            "signed request: {} bytes of JSON, nonce {}",
            signed.to_json()?.len(),
            request.nonce
        ),
        Duration::ZERO,
    );

    section("7. The citizen's wallet answers");
    let (holder_keys, t) = timed(|| Ok(key_set.holder_keys()?))?;
    step("loads the clinic's Groth16 keys (not yet trusted)", t);
    let (presentation, t) = timed(|| {
        Ok(present(
            &wallet,
            &signed,
            &verifiers,
            &registry,
            &holder_keys,
            now,
            rng,
        )?)
    })?;
    step(
        "checks the request's signature, scope and window against the verifier registry and \
         its clock, checks each \
         Groth16 key's structure against its circuit (once per key: powers of tau, one \
         trapdoor), then proves (2 issuer-hiding BBS proofs, Groth16 predicate proofs, holder link)",
        t,
    );
    for c in &presentation.credentials {
        say!(
            "   {:<10} BBS proof + pseudonym {} bytes, issuer hiding {} bytes, {} predicate \
             proofs of {} bytes each",
            c.label,
            c.proof.to_bytes().len(),
            c.hidden_issuer.as_ref().map_or(0, |h| h.as_bytes().len()),
            c.predicate_proofs.len(),
            c.predicate_proofs.first().map_or(0, |a| a.to_bytes().len())
        );
    }
    say!(
        "   presentation: {} bytes of proofs, {} bytes of JSON",
        presentation.binary_size(),
        presentation.json_size()
    );

    section("8. The clinic verifies");
    let verifier = Verifier::new(
        registry.clone(),
        schemas.to_vec(),
        setup.verifier_keys(),
        Box::new(InMemoryNonceStore::new()),
    );
    let own = clinic.public_info();
    let (verified, t) =
        timed(|| Ok(verifier.verify_signed(&signed, own, &presentation, Some(now))?))?;
    step(
        "verified (its own signature on the request, then the presentation)",
        t,
    );
    say!("   What the clinic learned:");
    for c in &request.credentials {
        let issuer = verified
            .issuers
            .get(&c.label)
            .and_then(|id| id.parse().ok())
            .and_then(|id| registry.get(&id));
        if let Some(info) = issuer {
            say!(
                "     - the {} credential is signed by {} ({}, {})",
                c.label,
                info.name(),
                tier_name(info.tier()),
                info.jurisdiction().code()
            );
        }
        if let Some(ids) = verified.hidden_issuers.get(&c.label) {
            say!(
                "     - the {} credential is signed by {}",
                c.label,
                ResultHiddenIssuer::new(ids, &registry).summary
            );
        }
        let shown = verified.disclosed.get(&c.label).map_or(0, |d| d.len());
        say!("       disclosed attributes: {shown}");
    }
    for p in &verified.predicates_held {
        say!("     - holds: {} / {}", p.label, p.description);
    }
    say!(
        "     - same holder on both credentials: {}",
        if verified.same_holder { "yes" } else { "no" }
    );
    if let Some(nym) = &verified.pseudonym {
        say!(
            "     - the holder's pseudonym at the clinic: {}...",
            &nym[..16.min(nym.len())]
        );
    }
    say!("   Not learned: the name, the birth date, the commune and province attributes, the");
    say!("   residence date, the validity dates, the holder secret; two presentations do not");
    say!("   link, and which commune and which province signed (the issuers are hidden).");
    demo_report::result(result_json(request, &verified, &registry));

    section("9. Attacks");
    let (replay, t) = timed(|| Ok(verifier.verify_signed(&signed, own, &presentation, Some(now))))?;
    refused("the same presentation again", replay.err(), t);
    // Two hours later the request has expired: refused as such, before the nonce is looked
    // at (so the clinic may forget the nonce once the window has closed).
    let later = now.saturating_add(2 * REQUEST_LIFETIME);
    let (replay, t) =
        timed(|| Ok(verifier.verify_signed(&signed, own, &presentation, Some(later))))?;
    refused("the same presentation two hours later", replay.err(), t);
    let tampered = tamper(&presentation)?;
    let (result, t) = timed(|| match tampered {
        Some(p) => Ok(verifier
            .verify_signed(&signed, own, &p, Some(now))
            .err()
            .map(CliError::from)),
        None => Ok(Some(CliError::invalid(
            "the tampered presentation does not parse",
        ))),
    })?;
    refused_cli("a presentation with one proof digit changed", result, t);
    // A registry that trusts the province for identity credentials only: the request's
    // hidden set for residency is refused, whatever the request accepts.
    let mut narrow = registry.clone();
    narrow.deauthorise(province.id(), residency.id())?;
    narrow.authorise(province.id(), *identity.id())?;
    let strict = Verifier::new(
        narrow,
        schemas.to_vec(),
        setup.verifier_keys(),
        Box::new(InMemoryNonceStore::new()),
    );
    let (result, t) = timed(|| Ok(strict.verify_signed(&signed, own, &presentation, Some(now))))?;
    refused(
        "a registry that does not authorise the province for residency",
        result.err(),
        t,
    );
    let other = clinic_request(&clinic, &identity, &residency, &registry, now, rng)?;
    let (result, t) = timed(|| Ok(verifier.verify_signed(&other, own, &presentation, Some(now))))?;
    refused("the presentation for another request", result.err(), t);

    // A second verifier, honestly registered, asks for the clinic's scope under its own
    // (valid) signature: the wallet refuses, so it never gets the clinic's pseudonym.
    let mut stolen = request.clone();
    stolen.verifier_id = pharmacy.id().to_owned();
    stolen.nonce = Nonce::random(rng);
    let stolen = SignedRequest::sign(stolen, &pharmacy)?;
    let (result, t) = timed(|| {
        Ok(present(
            &wallet,
            &stolen,
            &verifiers,
            &registry,
            &holder_keys,
            now,
            rng,
        ))
    })?;
    refused_by_wallet(
        "a second verifier asks for the clinic's scope",
        result.err().map(CliError::from),
        t,
    );
    // The clinic's request with same_holder switched off after signing.
    let changed = tamper_request(&signed)?;
    let (result, t) = timed(|| match changed {
        Some(r) => Ok(
            present(&wallet, &r, &verifiers, &registry, &holder_keys, now, rng)
                .err()
                .map(CliError::from),
        ),
        None => Ok(Some(CliError::invalid(
            "the changed request does not parse",
        ))),
    })?;
    refused_by_wallet("a signed request changed in transit", result, t);
    // The clinic edits its own proving key so that C would carry a hidden date
    // (l_query[i] += 2^i·X over the date's 32 bit witnesses); the key still decodes and loads.
    let subverted = subvert_keys(&key_set)?;
    let (result, t) = timed(|| {
        Ok(subverted
            .holder_keys()
            .and_then(|k| present(&wallet, &signed, &verifiers, &registry, &k, now, rng))
            .err()
            .map(CliError::from))
    })?;
    refused_by_wallet(
        "the clinic's proving key edited to leak a hidden date",
        result,
        t,
    );

    say!();
    say!("Total: {}", ms(start.elapsed()));
    if cfg!(debug_assertions) {
        say!("(A dev-profile build, the one `cargo test` shares: zkcred's own crates are less");
        say!("optimised, so its times run about 1.5x those of `cargo run --release -p zkcred-cli");
        say!("-- demo`; BENCHMARKS.md has the criterion numbers.)");
    }
    if let Some(report) = demo_report::finish(start.elapsed()) {
        print_report(&report)?;
    }
    Ok(())
}

/// Prints the `--json` report on stdout.
fn print_report(report: &demo_report::DemoReport) -> CliResult {
    use std::io::Write as _;
    let json = serde_json::to_string_pretty(report)
        .map_err(|e| CliError::invalid(format!("cannot print the report: {e}")))?;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{json}");
    Ok(())
}

/// Blind issuance of one credential: commit, sign, accept, each timed.
fn issue(
    wallet: &mut Wallet,
    issuer: &Issuer,
    schema: &Schema,
    attributes: &str,
    issued_on: zkcred::credential::Date,
    expires_on: zkcred::credential::Date,
) -> CliResult {
    let rng = &mut rand::rngs::OsRng;
    let info = issuer.public_info();
    let (request, t) = timed(|| Ok(wallet.request_issuance(schema, info, rng)?))?;
    step(
        &format!(
            "holder commits to its secret: issuance request, {} bytes of commitment and proof",
            request.commitment.to_bytes().len()
        ),
        t,
    );
    let content = CredentialContent {
        attributes: samples::attributes(attributes)?,
        issued_on,
        expires_on,
    };
    let values: Vec<String> = content
        .attributes
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    let (issued, t) = timed(|| Ok(issuer.issue(schema, &content, &request, rng)?))?;
    step(
        &format!(
            "{} signs {} (valid to {}): {} bytes of signature",
            info.name(),
            values.join(", "),
            format_date(expires_on),
            issued.credential.signature.to_bytes().len()
        ),
        t,
    );
    let (id, t) = timed(|| Ok(wallet.accept(&issued, schema, info)?))?;
    step(
        &format!("holder checks the signature and stores credential {id}"),
        t,
    );
    Ok(())
}

/// The clinic's request, signed: over 18 on the identity credential, a Mekong Delta province
/// on the residency credential, neither expired, same holder (the default), nothing
/// disclosed, the holder's pseudonym for the clinic's scope; made at `now`, answerable for
/// [`REQUEST_LIFETIME`].
fn clinic_request<R: rand::RngCore + rand::CryptoRng>(
    clinic: &VerifierKey,
    identity: &Schema,
    residency: &Schema,
    registry: &TrustRegistry,
    now: Timestamp,
    rng: &mut R,
) -> CliResult<SignedRequest> {
    let window = RequestWindow::starting(now, REQUEST_LIFETIME)?;
    let today = window.date();
    let mut request = PresentationRequest::new(clinic.id(), Nonce::random(rng), window);
    request.pseudonym_scope = Some(CLINIC_SCOPE.into());
    let mut id = CredentialRequest::new("identity", *identity.id());
    id.accepted_issuers = AcceptedIssuers {
        tiers: Some(vec![IssuerTier::Commune]),
        ..AcceptedIssuers::any()
    };
    id.predicates = vec![
        AttributePredicate::new("birth_date", PredicateSpec::AgeAtLeast { years: 18, today }),
        AttributePredicate::not_expired(today),
    ];
    let mut res = CredentialRequest::new("residency", *residency.id());
    res.accepted_issuers = AcceptedIssuers {
        tiers: Some(vec![IssuerTier::Province]),
        ..AcceptedIssuers::any()
    };
    res.predicates = vec![
        AttributePredicate::new(
            "province",
            PredicateSpec::InSet {
                labels: samples::MEKONG_DELTA
                    .iter()
                    .map(|(l, _)| (*l).to_owned())
                    .collect(),
            },
        ),
        AttributePredicate::not_expired(today),
    ];
    // Both issuers hidden among the accepted ones of the clinic's registry.
    id.hide_issuer_among = Some(resolve_hidden_set(
        registry,
        &id.accepted_issuers,
        identity.id(),
    )?);
    res.hide_issuer_among = Some(resolve_hidden_set(
        registry,
        &res.accepted_issuers,
        residency.id(),
    )?);
    request.credentials = vec![id, res];
    Ok(SignedRequest::sign(request, clinic)?)
}

/// The wallet's answer with its trust registry `issuers` (the keys of hidden issuers' sets).
fn present<R: rand::RngCore + rand::CryptoRng>(
    wallet: &Wallet,
    signed: &SignedRequest,
    verifiers: &VerifierRegistry,
    issuers: &TrustRegistry,
    keys: &zkcred::predicate::HolderKeys,
    now: Timestamp,
    rng: &mut R,
) -> Result<Presentation, zkcred::credential::PresentationError> {
    wallet.present_with_issuers(signed, verifiers, issuers, keys, Some(now), rng)
}

/// The issuers the clinic also accepts: two other communes of An Giang and the 12 other
/// Mekong Delta provinces (the wallet's issuers hide among them).
fn other_issuers<R: rand::RngCore + rand::CryptoRng>(
    rng: &mut R,
) -> CliResult<(Vec<Issuer>, Vec<Issuer>)> {
    let suite = Ciphersuite::Bls12381Sha256;
    let mut communes = Vec::new();
    for (i, name) in ["UBND xã Mỹ Khánh", "UBND xã Mỹ Thạnh"].iter().enumerate() {
        let place = Jurisdiction::new(format!("VN-44-{:04}", i + 2), None)?;
        communes.push(Issuer::generate(
            *name,
            IssuerTier::Commune,
            place,
            suite,
            rng,
        )?);
    }
    let mut provinces = Vec::new();
    for (label, code) in samples::MEKONG_DELTA
        .iter()
        .filter(|(l, _)| *l != "an_giang")
    {
        let place = Jurisdiction::new(format!("VN-{code}"), Some((*label).to_owned()))?;
        provinces.push(Issuer::generate(
            format!("UBND tỉnh {label}"),
            IssuerTier::Province,
            place,
            suite,
            rng,
        )?);
    }
    Ok((communes, provinces))
}

/// The signed request with `same_holder` switched off in its JSON, re-parsed (or `None` if
/// the change makes it unparsable).
fn tamper_request(signed: &SignedRequest) -> CliResult<Option<SignedRequest>> {
    let mut wire = serde_json::to_value(signed.to_wire())
        .map_err(|e| CliError::invalid(format!("demo: {e}")))?;
    if let Some(flag) = wire
        .get_mut("request")
        .and_then(|r| r.get_mut("same_holder"))
    {
        *flag = serde_json::Value::Bool(false);
    }
    Ok(SignedRequest::from_json(&wire.to_string()).ok())
}

/// The key set with the largest circuit's `l_query[i] += 2^i·X` for its first 32 witnesses
/// (`X = α_1`, a point the key maker knows): the tracker's attack on the age circuit.
fn subvert_keys(
    keys: &zkcred::credential::PredicateKeySet,
) -> CliResult<zkcred::credential::PredicateKeySet> {
    use zkcred::snark::{Fr, G1Affine, ProvingKey};
    let mut keys = keys.clone();
    let target = keys
        .keys
        .iter_mut()
        .max_by_key(|k| k.proving_key.as_ark().l_query.len())
        .ok_or_else(|| CliError::invalid("demo: no keys to edit"))?;
    let mut ark = target.proving_key.as_ark().clone();
    let x = ark.vk.alpha_g1;
    for (i, l) in ark.l_query.iter_mut().enumerate().take(32) {
        *l = G1Affine::from(*l + x * Fr::from(1u64 << i));
    }
    let mut pk = ProvingKey::from_parts(target.circuit_id, 1, ark)
        .map_err(|e| CliError::invalid(format!("demo: {e}")))?;
    if let Some(tp) = target.proving_key.tau_powers() {
        pk = pk.with_tau_powers(tp.clone());
    }
    target.proving_key = pk;
    Ok(keys)
}

/// The presentation with one hex digit of its first proof changed (re-parsed from JSON), or
/// `None` if the change makes it unparsable.
fn tamper(presentation: &Presentation) -> CliResult<Option<Presentation>> {
    let mut wire = serde_json::to_value(presentation.to_wire())
        .map_err(|e| CliError::invalid(format!("demo: {e}")))?;
    if let Some(serde_json::Value::String(proof)) = wire
        .get_mut("credentials")
        .and_then(|c| c.get_mut(0))
        .and_then(|c| c.get_mut("proof"))
    {
        // A digit inside a response scalar (past the three points and e^).
        let at = proof.len().saturating_sub(200);
        let flipped: String = proof
            .char_indices()
            .map(|(i, c)| {
                if i == at {
                    if c == '0' {
                        '1'
                    } else {
                        '0'
                    }
                } else {
                    c
                }
            })
            .collect();
        *proof = flipped;
    }
    Ok(Presentation::from_json(&wire.to_string()).ok())
}

/// Runs `f` and measures it.
fn timed<T>(f: impl FnOnce() -> CliResult<T>) -> CliResult<(T, Duration)> {
    let start = Instant::now();
    let value = f()?;
    Ok((value, start.elapsed()))
}

fn section(title: &str) {
    say!();
    say!("{title}");
    demo_report::section(title);
}

fn step(what: &str, t: Duration) {
    demo_report::step(what, t);
    if t.is_zero() {
        say!("   {what}");
    } else {
        say!("   {what}  [{}]", ms(t));
    }
}

fn verifier_line(info: &VerifierPublicInfo, t: Duration) {
    step(
        &format!(
            "verifier {} ({}): owns scopes [{}], Ed25519 public key {}",
            info.id(),
            info.name(),
            info.scopes().join(", "),
            hex::encode(info.public_key())
        ),
        t,
    );
}

fn issuer_line(role: &str, info: &IssuerPublicInfo, t: Duration) {
    step(
        &format!(
            "{role} {} ({}, {}): issuer id {}, public key {} bytes",
            info.name(),
            tier_name(info.tier()),
            info.jurisdiction().code(),
            info.id(),
            info.public_key().to_bytes().len()
        ),
        t,
    );
}

fn refused(what: &str, error: Option<zkcred::credential::PresentationError>, t: Duration) {
    refused_cli(what, error.map(CliError::from), t);
}

fn refused_by_wallet(what: &str, error: Option<CliError>, t: Duration) {
    let by = error.as_ref().map(|_| "wallet");
    demo_report::attack(what, by, error.as_ref().map(ToString::to_string), t);
    match error {
        Some(e) => step(&format!("{what}: refused by the wallet: {e}"), t),
        None => step(
            &format!("{what}: ANSWERED by the wallet (this is a bug)"),
            t,
        ),
    }
}

fn refused_cli(what: &str, error: Option<CliError>, t: Duration) {
    let by = error.as_ref().map(|_| "verifier");
    demo_report::attack(what, by, error.as_ref().map(ToString::to_string), t);
    match error {
        Some(e) => step(&format!("{what}: refused: {e}"), t),
        None => step(&format!("{what}: ACCEPTED (this is a bug)"), t),
    }
}

/// `t` in milliseconds.
fn ms(t: Duration) -> String {
    format!("{:.1} ms", t.as_secs_f64() * 1000.0)
}
