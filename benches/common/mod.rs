//! Fixtures shared by the presentation benches (`presentation`, `hidden_issuer`): the bench's
//! clock, a nonce store that accepts replays, and the gateway's world (identity and residency
//! schemas, the request "at least 18, resident of one of these provinces, same holder", blind
//! issuance into a wallet). Each bench includes it with `mod common;`.

// Each bench is its own crate and uses part of this module.
#![allow(dead_code)]

use std::time::Duration;

use rand::SeedableRng;
use rand_chacha::ChaCha20Rng;
use zkcred::credential::*;
use zkcred::predicate::Date;

/// Accepts every nonce: the bench verifies one presentation many times.
pub struct NoReplayCheck;

impl NonceStore for NoReplayCheck {
    fn check_and_insert(
        &self,
        _: &str,
        _: &[u8],
        _: Timestamp,
        _: Timestamp,
    ) -> Result<(), ReplayError> {
        Ok(())
    }
}

/// The bench's clock: requests are made and answered at this instant.
pub fn now() -> Timestamp {
    Timestamp::parse("2026-11-22T09:30:00Z").unwrap()
}

/// The gateway's schemas: identity (name, birth date) and residency (province).
pub fn gateway_schemas() -> (Schema, Schema) {
    let identity = Schema::new(
        "vn.commune.identity",
        1,
        vec![
            AttributeDef::new("full_name", AttributeKind::String),
            AttributeDef::new("birth_date", AttributeKind::Date),
        ],
    )
    .unwrap();
    let codes = vec![
        EnumLabel::new("an_giang", 89),
        EnumLabel::new("can_tho", 92),
        EnumLabel::new("ha_noi", 1),
    ];
    let residency = Schema::new(
        "vn.province.residency",
        1,
        vec![AttributeDef::new(
            "province",
            AttributeKind::Enumeration { codes },
        )],
    )
    .unwrap();
    (identity, residency)
}

/// At least 18 (identity dates hidden: two validity proofs), province in {can_tho, an_giang}
/// (residency dates disclosed), same holder.
pub fn gateway_request(identity: &Schema, residency: &Schema, seed: u64) -> PresentationRequest {
    let window = RequestWindow::starting(now(), Duration::from_secs(3600)).unwrap();
    let nonce = Nonce::random(&mut ChaCha20Rng::seed_from_u64(seed));
    let mut r = PresentationRequest::new("gate.example", nonce, window);
    let mut id = CredentialRequest::new("identity", *identity.id());
    id.predicates = vec![AttributePredicate::new(
        "birth_date",
        PredicateSpec::AgeAtLeast {
            years: 18,
            today: now().date(),
        },
    )];
    let mut home = CredentialRequest::new("residency", *residency.id());
    home.disclose = vec![ISSUED_ON.into(), EXPIRES_ON.into()];
    home.predicates = vec![AttributePredicate::new(
        "province",
        PredicateSpec::InSet {
            labels: vec!["can_tho".into(), "an_giang".into()],
        },
    )];
    r.credentials = vec![id, home];
    r
}

pub fn gateway_issue(
    wallet: &mut Wallet,
    issuer: &Issuer,
    schema: &Schema,
    attributes: Vec<(&str, AttributeValue)>,
    rng: &mut ChaCha20Rng,
) {
    let asked = wallet
        .request_issuance(schema, issuer.public_info(), rng)
        .unwrap();
    let content = CredentialContent {
        attributes: attributes
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
        issued_on: Date::new(2024, 1, 15).unwrap(),
        expires_on: Date::new(2034, 1, 14).unwrap(),
    };
    let issued = issuer.issue(schema, &content, &asked, rng).unwrap();
    wallet
        .accept(&issued, schema, issuer.public_info())
        .unwrap();
}
