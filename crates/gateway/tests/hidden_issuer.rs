//! Hidden issuers through the gateway (issue 11): the clinic's world with both issuers
//! hidden ([`ClinicWorld::hiding_issuers`]: schemas with issuer hiding, three communes and
//! three provinces in the gateway's registry). A gateway process serves the `clinic`
//! template; the template's sets are resolved from the gateway's registry into the signed
//! request; the wallet answers over HTTP with its own registry for the issuers' keys; the
//! result names the sets, never the issuer. A presentation made by a holder whose issuers are
//! outside the sets is refused (and the session stays open). Templates and inline specs whose
//! sets cannot be resolved are refused: at start, at reload, and at session creation.

mod common;

use common::{copy_gateway_files, create_session, fetch_request, get_json, post_text, Process};
use rand::rngs::OsRng;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use zkcred::bbs::Ciphersuite;
use zkcred::credential::{
    IssuerTier, JsonDocument, Jurisdiction, PredicateKeySet, PresentationError, SignedRequest,
    Timestamp, TrustRegistry, Wallet,
};
use zkcred_gateway::clock::SystemClock;
use zkcred_gateway::config::Config;
use zkcred_gateway::demo::{citizen_wallet, config_toml, ClinicWorld, CLINIC_API_KEY};
use zkcred_gateway::Gateway;

/// The clinic's world with hidden issuers, its files (the key set made) in `dir`.
struct Hidden {
    world: ClinicWorld,
    dir: PathBuf,
}

fn hidden() -> &'static Hidden {
    static HIDDEN: OnceLock<Hidden> = OnceLock::new();
    HIDDEN.get_or_init(|| {
        let world = ClinicWorld::hiding_issuers(&mut OsRng).unwrap();
        let dir = tempfile::Builder::new()
            .prefix("zkcred-gateway-hidden")
            .tempdir()
            .unwrap()
            .keep();
        world.write_files(&dir).unwrap();
        let sources = zkcred_gateway::catalog::Sources::load(
            &dir.join("registry.json"),
            &dir.join("schemas"),
            &dir.join("templates"),
        )
        .unwrap();
        zkcred_gateway::catalog::load_or_create_keys(
            &dir.join("keys.json"),
            &sources,
            &world.verifier_key,
        )
        .unwrap();
        Hidden { world, dir }
    })
}

/// A copy of the hidden world's files (keys included) in a new directory.
fn files_copy() -> tempfile::TempDir {
    copy_gateway_files(&hidden().dir)
}

fn store(dir: &Path) -> String {
    format!(
        "backend = \"embedded\"\npath = \"{}\"",
        dir.join("state.redb").display()
    )
}

/// The registry's issuer ids of `tier`, ascending (the order of a resolved set).
fn ids_of(registry: &TrustRegistry, tier: IssuerTier) -> Vec<String> {
    let mut ids: Vec<String> = registry
        .iter()
        .filter(|i| i.tier() == tier)
        .map(|i| i.id().to_string())
        .collect();
    ids.sort();
    ids
}

/// The registry's issuer names.
fn names(registry: &TrustRegistry) -> Vec<String> {
    registry.iter().map(|i| i.name().to_owned()).collect()
}

/// `wallet` answers `signed` with `issuers` (its registry for the hidden issuers' keys).
async fn present(
    wallet: Wallet,
    signed: SignedRequest,
    keys: PredicateKeySet,
    issuers: TrustRegistry,
) -> Result<String, PresentationError> {
    tokio::task::spawn_blocking(move || {
        let w = &hidden().world;
        wallet
            .present_with_issuers(
                &signed,
                &w.verifiers,
                &issuers,
                &keys.holder_keys().unwrap(),
                Some(Timestamp::now().unwrap()),
                &mut OsRng,
            )
            .map(|p| p.to_json().unwrap())
    })
    .await
    .unwrap()
}

async fn clinic_session(c: &reqwest::Client, url: &str) -> Value {
    let (status, created) =
        create_session(c, url, CLINIC_API_KEY, &json!({ "template": "clinic" })).await;
    assert_eq!(status, 201, "{created}");
    created
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_gateway_process_hides_both_issuers_of_the_clinic_request() {
    let h = hidden();
    let w = &h.world;
    let state = tempfile::tempdir().unwrap();
    let gw = Process::start(
        &config_toml(&h.dir, &store(state.path()), ""),
        &state.path().join("gateway.toml"),
    );
    let c = common::client();
    let created = clinic_session(&c, &gw.url).await;
    let (object, signed, keys) = fetch_request(&c, created["request_uri"].as_str().unwrap()).await;

    // The signed request lists each set, resolved from the gateway's registry: the three
    // communes for identity, the three provinces for residency, ascending by id.
    let communes = ids_of(&w.registry, IssuerTier::Commune);
    let provinces = ids_of(&w.registry, IssuerTier::Province);
    assert_eq!((communes.len(), provinces.len()), (3, 3));
    let asked = &object["signed_request"]["request"]["credentials"];
    assert_eq!(asked[0]["label"], "identity");
    assert_eq!(asked[0]["hide_issuer_among"], json!(communes));
    assert_eq!(asked[1]["label"], "residency");
    assert_eq!(asked[1]["hide_issuer_among"], json!(provinces));

    // The wallet answers with its registry; the presentation names no issuer.
    let presentation = present(w.wallet.clone(), signed, keys, w.registry.clone())
        .await
        .unwrap();
    assert!(
        !presentation.contains("issuer_id"),
        "the presentation names its issuer"
    );
    let (status, body) = post_text(
        &c,
        object["response_uri"].as_str().unwrap(),
        None,
        presentation,
    )
    .await;
    assert_eq!(status, 200, "{body}");

    let (status, result) = get_json(
        &c,
        created["result_uri"].as_str().unwrap(),
        Some(CLINIC_API_KEY),
    )
    .await;
    assert_eq!(status, 200, "{result}");
    assert_eq!(result["status"], "verified");
    let learned = &result["result"];
    assert_eq!(learned["verified"], true);
    assert_eq!(learned["same_holder"], true);
    for (label, tier, set) in [
        ("identity", "commune", &communes),
        ("residency", "province", &provinces),
    ] {
        let cred = &learned["credentials"][label];
        assert!(
            cred.get("issuer").is_none(),
            "{label} names its issuer: {cred}"
        );
        assert_eq!(
            cred["hidden_issuer"]["summary"],
            format!("one of the 3 accepted {tier} issuers").as_str(),
            "{cred}"
        );
        assert_eq!(cred["hidden_issuer"]["among"], json!(set), "{cred}");
    }
    // No issuer's name appears anywhere in the result.
    let text = result.to_string();
    for name in names(&w.registry) {
        assert!(!text.contains(&name), "{name} appears in {text}");
    }
    let held: Vec<&str> = learned["predicates_held"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["holds"].as_str().unwrap())
        .collect();
    assert!(
        held.iter()
            .any(|p| p.starts_with("birth_date: age at least 18")),
        "{held:?}"
    );
    assert!(held.iter().any(|p| p.starts_with("province: ")), "{held:?}");
    assert_eq!(result["pseudonym"].as_str().map(str::len), Some(96));
    gw.stop();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_holder_of_credentials_from_issuers_outside_the_sets_is_refused() {
    let h = hidden();
    let w = &h.world;
    let state = tempfile::tempdir().unwrap();
    let gw = Process::start(
        &config_toml(&h.dir, &store(state.path()), ""),
        &state.path().join("gateway.toml"),
    );
    let c = common::client();
    // Impostors: a commune and a province with the real ones' names and places, unknown to
    // the gateway; a holder with both credentials from them, and a registry that has them.
    let impostor = |name: &str, tier| {
        let place = Jurisdiction::new("VN-44", Some("An Giang".into())).unwrap();
        zkcred::credential::Issuer::generate(
            name,
            tier,
            place,
            Ciphersuite::Bls12381Sha256,
            &mut OsRng,
        )
        .unwrap()
    };
    let commune = impostor("UBND xã Mỹ Hòa Hưng", IssuerTier::Commune);
    let province = impostor("UBND tỉnh An Giang", IssuerTier::Province);
    let rogue = citizen_wallet(&commune, &province, &w.schemas, &mut OsRng).unwrap();
    let mut theirs = w.registry.clone();
    theirs
        .insert(commune.public_info().clone(), [*w.schemas[0].id()])
        .unwrap();
    theirs
        .insert(province.public_info().clone(), [*w.schemas[1].id()])
        .unwrap();

    let created = clinic_session(&c, &gw.url).await;
    let (object, signed, keys) = fetch_request(&c, created["request_uri"].as_str().unwrap()).await;
    // The holder's wallet cannot answer the clinic's sets.
    let e = present(rogue.clone(), signed.clone(), keys.clone(), theirs.clone())
        .await
        .unwrap_err();
    assert!(matches!(&e, PresentationError::CannotSatisfy { .. }), "{e}");

    // It answers the same request with each set's last issuer swapped for its own (the
    // request re-signed, as a verifier that trusted them would), and posts that as the
    // answer to the clinic's request: refused.
    let mut swapped = signed.request().clone();
    for (c, own) in swapped.credentials.iter_mut().zip([&commune, &province]) {
        let set = c.hide_issuer_among.as_mut().unwrap();
        assert_eq!(set.len(), 3);
        set[2] = *own.id();
    }
    let forged = SignedRequest::sign(swapped, &w.verifier_key).unwrap();
    let presentation = present(rogue, forged, keys.clone(), theirs).await.unwrap();
    let response_uri = object["response_uri"].as_str().unwrap();
    // As made: it answers another request.
    let (status, body) = post_text(&c, response_uri, None, presentation.clone()).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (422, Some("wrong_request")),
        "{body}"
    );
    // Relabelled as the answer to the clinic's request: its proofs are for other sets.
    let mut relabelled: Value = serde_json::from_str(&presentation).unwrap();
    relabelled["request_id"] = object["signed_request"]["request_id"].clone();
    let (status, body) = post_text(&c, response_uri, None, relabelled.to_string()).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (422, Some("presentation_invalid")),
        "{body}"
    );

    // Nothing was recorded: the citizen, whose issuers are in the sets, still answers.
    let result_uri = created["result_uri"].as_str().unwrap();
    let (status, _) = get_json(&c, result_uri, Some(CLINIC_API_KEY)).await;
    assert_eq!(status, 202);
    let presentation = present(w.wallet.clone(), signed, keys, w.registry.clone())
        .await
        .unwrap();
    let (status, body) = post_text(&c, response_uri, None, presentation).await;
    assert_eq!(status, 200, "{body}");
    let (status, result) = get_json(&c, result_uri, Some(CLINIC_API_KEY)).await;
    assert_eq!((status, result["status"].as_str()), (200, Some("verified")));
    gw.stop();
}

/// Starts a gateway in this process over the files in `dir`, reached at `url`.
async fn start_in(dir: &Path, url: &str) -> Result<Gateway, String> {
    let config = Config::parse(&config_toml(dir, &store(dir), "")).unwrap();
    Gateway::start(config, url.to_owned(), Arc::new(SystemClock))
        .await
        .map_err(|e| e.to_string())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sets_that_cannot_be_resolved_are_refused() {
    let w = &hidden().world;
    // A template hiding among issuers of a jurisdiction the registry has none of: the
    // gateway does not start, and says which template and why.
    let files = files_copy();
    let mut spec: Value = serde_json::from_str(&w.template).unwrap();
    spec["credentials"][1]["accepted_issuers"]["jurisdictions"] = json!(["VN-01"]);
    std::fs::write(files.path().join("templates/ha_noi.json"), spec.to_string()).unwrap();
    let e = start_in(files.path(), "http://127.0.0.1:1")
        .await
        .unwrap_err();
    assert!(
        e.contains("template 'ha_noi'") && e.contains("the set has 0"),
        "{e}"
    );

    // A registry whose province lacks its hiding key (a document from before issuer
    // hiding): the clinic's template cannot hide among the provinces.
    let files = files_copy();
    let path = files.path().join("registry.json");
    let mut registry: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let old = registry["issuers"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|e| e["issuer"]["name"] == "UBND tỉnh An Giang")
        .unwrap();
    assert!(old["issuer"]
        .as_object_mut()
        .unwrap()
        .remove("hiding_key")
        .is_some());
    std::fs::write(&path, registry.to_string()).unwrap();
    let e = start_in(files.path(), "http://127.0.0.1:1")
        .await
        .unwrap_err();
    assert!(
        e.contains("template 'clinic'") && e.contains("no issuer-hiding key"),
        "{e}"
    );

    // A gateway that started keeps its catalog when a reload brings such a template, and
    // refuses such an inline spec at session creation; good inline specs hide too.
    let files = files_copy();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let gw = start_in(files.path(), &url).await.unwrap();
    std::fs::write(files.path().join("templates/ha_noi.json"), spec.to_string()).unwrap();
    let e = gw.reload().unwrap_err().to_string();
    assert!(e.contains("template 'ha_noi'"), "{e}");
    assert!(!gw.catalog().sources.templates.contains_key("ha_noi"));
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let served = tokio::spawn(gw.serve(listener, async {
        let _ = stopped.await;
    }));
    let c = common::client();
    let (status, body) = create_session(&c, &url, CLINIC_API_KEY, &json!({ "spec": spec })).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (422, Some("invalid_spec")),
        "{body}"
    );
    assert!(
        body["message"].as_str().unwrap().contains("the set has 0"),
        "{body}"
    );
    let mut inline: Value = serde_json::from_str(&w.template).unwrap();
    inline["credentials"][0]["hide_issuer"] = false.into();
    let (status, created) =
        create_session(&c, &url, CLINIC_API_KEY, &json!({ "spec": inline })).await;
    assert_eq!(status, 201, "{created}");
    let (object, _, _) = fetch_request(&c, created["request_uri"].as_str().unwrap()).await;
    let asked = &object["signed_request"]["request"]["credentials"];
    assert!(asked[0].get("hide_issuer_among").is_none(), "{asked}");
    assert_eq!(
        asked[1]["hide_issuer_among"],
        json!(ids_of(&w.registry, IssuerTier::Province))
    );
    let _ = stop.send(());
    served.await.unwrap().unwrap();
}
