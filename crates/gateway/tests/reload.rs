//! The trust registry, schemas and templates are reloaded without a restart: on demand
//! (`Gateway::reload`), on SIGHUP, or when the files change (`reload.interval_secs`). A reload
//! that fails keeps the previous catalog.

mod common;

use common::*;
use serde_json::json;
use std::time::{Duration, Instant};
use zkcred::credential::{JsonDocument, TrustRegistry};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn templates_and_the_registry_reload_and_a_bad_reload_keeps_the_old_catalog() {
    let files = world_copy();
    let dir = files.path();
    let gw = InProcess::start(
        &config_toml_in(dir, &embedded(&dir.join("state.redb")), ""),
        manual_clock(),
    )
    .await;
    let c = client();
    let ask = |t: &str| json!({ "template": t });

    // A new template: unknown until reloaded.
    write_template(dir, "name2", &name_spec());
    let (status, body) = create_session(&c, &gw.url, CLINIC_KEY, &ask("name2")).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (422, Some("unknown_template"))
    );
    gw.gateway.reload().unwrap();
    let (status, _) = create_session(&c, &gw.url, CLINIC_KEY, &ask("name2")).await;
    assert_eq!(status, 201);

    // A broken template: the reload is refused, the old templates stay.
    std::fs::write(dir.join("templates/broken.json"), "{ not json").unwrap();
    let e = gw.gateway.reload().unwrap_err().to_string();
    assert!(e.contains("broken.json"), "{e}");
    // A template whose circuit has no key: refused too, saying what to do.
    std::fs::remove_file(dir.join("templates/broken.json")).unwrap();
    let range = json!({"version": 1, "credentials": [{"label": "x", "schema": "vn.commune.identity",
        "predicates": [{"attribute": "birth_date",
                        "predicate": {"range": {"lo": {"date": "1990-01-01"}, "hi": {"date": "2010-01-01"}}}}]}]});
    write_template(dir, "range", &range);
    let e = gw.gateway.reload().unwrap_err().to_string();
    assert!(
        e.contains("template 'range'") && e.contains("extend-keys"),
        "{e}"
    );
    let (status, _) = create_session(&c, &gw.url, CLINIC_KEY, &ask("name2")).await;
    assert_eq!(status, 201);
    std::fs::remove_file(dir.join("templates/range.json")).unwrap();
    gw.gateway.reload().unwrap();

    // The registry: without the commune, its credentials are refused.
    let created = session(&c, &gw.url, "name").await;
    let (object, presentation) = answer(&c, created["request_uri"].as_str().unwrap(), now()).await;
    let registry = std::fs::read_to_string(dir.join("registry.json")).unwrap();
    std::fs::write(
        dir.join("registry.json"),
        TrustRegistry::new().to_json().unwrap(),
    )
    .unwrap();
    gw.gateway.reload().unwrap();
    let response_uri = object["response_uri"].as_str().unwrap();
    let (status, body) = post_text(&c, response_uri, None, presentation.clone()).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (422, Some("presentation_invalid"))
    );
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("untrusted issuer"),
        "{body}"
    );
    // Trusted again: the same presentation is accepted (the refusal burnt nothing).
    std::fs::write(dir.join("registry.json"), registry).unwrap();
    gw.gateway.reload().unwrap();
    let (status, _) = post_text(&c, response_uri, None, presentation).await;
    assert_eq!(status, 200);

    let m = c
        .get(format!("{}/metrics", gw.url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        m.contains("zkcred_gateway_reloads_total{result=\"ok\"} 4"),
        "{m}"
    );
    assert!(
        m.contains("zkcred_gateway_reloads_total{result=\"failed\"} 2"),
        "{m}"
    );
    gw.stop().await;
}

async fn wait_for_template(c: &reqwest::Client, url: &str, name: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let (status, body) = create_session(c, url, CLINIC_KEY, &json!({ "template": name })).await;
        if status == 201 {
            return;
        }
        assert_eq!(status, 422, "{body}");
        assert!(
            Instant::now() < deadline,
            "template {name} was never loaded"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_gateway_process_reloads_on_sighup_and_on_changes() {
    let c = client();
    // SIGHUP.
    let files = world_copy();
    let dir = files.path();
    let gw = Process::start(
        &config_toml_in(dir, &embedded(&dir.join("state.redb")), ""),
        &dir.join("gw.toml"),
    );
    write_template(dir, "later", &name_spec());
    let status = std::process::Command::new("kill")
        .args(["-HUP", &gw.pid().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    wait_for_template(&c, &gw.url, "later").await;
    gw.stop();

    // Polling the files.
    let files = world_copy();
    let dir = files.path();
    let gw = Process::start(
        &config_toml_in(
            dir,
            &embedded(&dir.join("state.redb")),
            "[reload]\ninterval_secs = 1\n",
        ),
        &dir.join("gw.toml"),
    );
    write_template(dir, "polled", &age_spec());
    wait_for_template(&c, &gw.url, "polled").await;
    gw.stop();
}
